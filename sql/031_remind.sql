-- 031: development reminders as of a date (never the clock: the caller passes
-- the day, `dangjian remind` today's unless --as-of says otherwise).
--   app.remind(as_of) -> kind, kind_name, person_id, name, org_id, org_name,
--   due_on, note; by due_on, then name.  Kinds:
--     talk               入党申请人 with no talk recorded, as_of past the
--                        application + dev.talk_within (due_on: that deadline)
--     activist_year      入党积极分子 whose dev.activist_min is reached by
--                        as_of + dev.remind_ahead (due_on: the anniversary)
--     probation_due      预备党员 whose probation (with its extension) ends
--                        within dev.remind_ahead from as_of, as_of included
--     probation_overdue  ended before as_of and not yet 转正
--     approval_overdue   admitted without 上级党委审批, as_of past the branch
--                        meeting + dev.approval_within
-- SECURITY INVOKER: row-level security keeps it to the clerk's scope.  Current
-- people only (no 历史党员), and none in transit (nothing can be done to them
-- until the receiving side accepts them).
-- The settings are read once (cfg), not per row: per-row calls of
-- app.setting_interval cost 8x.  Measured on 300,000 generated people (17,204
-- applicants, activists and probationary members), warm, as the clerk:
--     city 330-460 ms (560 reminders), district 80 ms, committee 27 ms,
--     branch 17 ms; before cfg: 2,700-3,900 / 470-560 / 210-270 / 8-35 ms.
-- The time is the per-person index lookups of the steps (17,000 of them
-- city-wide); at 2 million people a city-wide run would take seconds.

-- Current applicants, activists and probationary members, by stage and key:
-- the reminders read a few percent of the people, not all of them.
CREATE INDEX person_dev_open ON app.person (stage, org_key)
    WHERE history_reason IS NULL AND stage IN ('1', '2', '3', '4');

CREATE FUNCTION app.remind(as_of date)
    RETURNS TABLE (kind text, kind_name text, person_id bigint, name text, org_id bigint,
                   org_name text, due_on date, note text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH cfg AS MATERIALIZED (
        SELECT app.setting_interval('dev.talk_within') AS talk,
               app.setting_interval('dev.activist_min') AS activist,
               (as_of + app.setting_interval('dev.remind_ahead'))::date AS horizon,
               app.setting_interval('dev.probation') AS probation,
               app.setting_interval('dev.approval_within') AS approval,
               app.dev_span('dev.activist_min') AS activist_words,
               app.dev_span('dev.full_approval_within') AS full_words
    ), p AS MATERIALIZED (
        SELECT p.id, p.name, p.org_id, p.stage, p.joined_party_on
          FROM app.person p
         WHERE p.history_reason IS NULL AND p.stage IN ('1', '2', '4') AND NOT p.in_transit
    ), k AS (
        SELECT 'talk' AS kind, '谈话逾期' AS kind_name, p.id, p.name, p.org_id,
               (d.step_date + cfg.talk)::date AS due_on,
               format('%s递交入党申请书，应在%s前派人谈话，尚无谈话记录', app.dev_d(d.step_date),
                      app.dev_d((d.step_date + cfg.talk)::date)) AS note
          FROM p CROSS JOIN cfg
          JOIN app.dev_step d ON d.person_id = p.id AND d.step = '01'
         WHERE p.stage = '1' AND as_of > (d.step_date + cfg.talk)::date
           AND NOT EXISTS (SELECT 1 FROM app.dev_step x WHERE x.person_id = p.id AND x.step = '02')
        UNION ALL
        SELECT 'activist_year', '积极分子满一年', p.id, p.name, p.org_id,
               (d.step_date + cfg.activist)::date,
               format('%s列为入党积极分子，%s%s培养考察满%s，可考虑列为发展对象',
                      app.dev_d(d.step_date), app.dev_d((d.step_date + cfg.activist)::date),
                      CASE WHEN (d.step_date + cfg.activist)::date <= as_of THEN '已' ELSE '将' END,
                      cfg.activist_words)
          FROM p CROSS JOIN cfg
          JOIN app.dev_step d ON d.person_id = p.id AND d.step = '03'
         WHERE p.stage = '2' AND (d.step_date + cfg.activist)::date <= cfg.horizon
        UNION ALL
        SELECT CASE WHEN e.ends < as_of THEN 'probation_overdue' ELSE 'probation_due' END,
               CASE WHEN e.ends < as_of THEN '预备期已满未转正' ELSE '预备期将满' END,
               e.id, e.name, e.org_id, e.ends,
               format('%s接收为预备党员，预备期%s%s期满，请及时讨论转正（上级党委应在期满后%s内审批）',
                      app.dev_d(e.joined_party_on), app.dev_d(e.ends),
                      CASE WHEN e.ends < as_of THEN '已' ELSE '将' END, e.full_words)
          FROM (SELECT p.*, cfg.horizon, cfg.full_words,
                       coalesce((SELECT s.until_date FROM app.standing s
                                  WHERE s.person_id = p.id AND s.event = 'extend'),
                                (p.joined_party_on + cfg.probation)::date) AS ends
                  FROM p CROSS JOIN cfg WHERE p.stage = '4') AS e
         WHERE e.ends <= e.horizon
        UNION ALL
        SELECT 'approval_overdue', '接收预备党员审批逾期', p.id, p.name, p.org_id,
               (p.joined_party_on + cfg.approval)::date,
               format('%s支部大会通过接收为预备党员，上级党委应在%s前审批，尚无审批记录',
                      app.dev_d(p.joined_party_on), app.dev_d((p.joined_party_on + cfg.approval)::date))
          FROM p CROSS JOIN cfg
         WHERE p.stage = '4' AND as_of > (p.joined_party_on + cfg.approval)::date
           AND NOT EXISTS (SELECT 1 FROM app.standing s
                            WHERE s.person_id = p.id AND s.event = 'join' AND s.approved_on IS NOT NULL)
    )
    SELECT k.kind, k.kind_name, k.id, k.name, k.org_id,
           (SELECT o.name FROM app.org o WHERE o.id = k.org_id), k.due_on, k.note
      FROM k
     ORDER BY k.due_on, k.name, k.id, k.kind
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.remind(date), app.dev_d(date), app.dev_span(text)
                 TO {clerk}');

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
-- Measured: see the header of src/db/development.h.

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
    WITH p AS MATERIALIZED (
        SELECT p.id, p.name, p.org_id, p.stage, p.joined_party_on
          FROM app.person p
         WHERE p.history_reason IS NULL AND p.stage IN ('1', '2', '4') AND NOT p.in_transit
    ), s AS MATERIALIZED (
        SELECT p.*, d01.step_date AS applied_on, d02.step_date AS talk_on,
               d03.step_date AS activist_on, j.approved_on,
               CASE WHEN p.stage = '4' THEN app.dev_probation_end(p.id, p.joined_party_on) END AS ends
          FROM p
          LEFT JOIN app.dev_step d01 ON d01.person_id = p.id AND d01.step = '01'
          LEFT JOIN app.dev_step d02 ON d02.person_id = p.id AND d02.step = '02'
          LEFT JOIN app.dev_step d03 ON d03.person_id = p.id AND d03.step = '03'
          LEFT JOIN app.standing j ON j.person_id = p.id AND j.event = 'join'
    ), k AS (
        SELECT 'talk' AS kind, '谈话逾期' AS kind_name, s.id, s.name, s.org_id,
               app.dev_after(s.applied_on, 'dev.talk_within') AS due_on,
               format('%s递交入党申请书，应在%s前派人谈话，尚无谈话记录', app.dev_d(s.applied_on),
                      app.dev_d(app.dev_after(s.applied_on, 'dev.talk_within'))) AS note
          FROM s
         WHERE s.stage = '1' AND s.talk_on IS NULL
           AND as_of > app.dev_after(s.applied_on, 'dev.talk_within')
        UNION ALL
        SELECT 'activist_year', '积极分子满一年', s.id, s.name, s.org_id,
               app.dev_after(s.activist_on, 'dev.activist_min'),
               format('%s列为入党积极分子，%s%s培养考察满%s，可考虑列为发展对象',
                      app.dev_d(s.activist_on), app.dev_d(app.dev_after(s.activist_on, 'dev.activist_min')),
                      CASE WHEN app.dev_after(s.activist_on, 'dev.activist_min') <= as_of THEN '已' ELSE '将' END,
                      app.dev_span('dev.activist_min'))
          FROM s
         WHERE s.stage = '2'
           AND app.dev_after(s.activist_on, 'dev.activist_min')
               <= (as_of + app.setting_interval('dev.remind_ahead'))::date
        UNION ALL
        SELECT CASE WHEN s.ends < as_of THEN 'probation_overdue' ELSE 'probation_due' END,
               CASE WHEN s.ends < as_of THEN '预备期已满未转正' ELSE '预备期将满' END,
               s.id, s.name, s.org_id, s.ends,
               format('%s接收为预备党员，预备期%s%s期满，请及时讨论转正（上级党委应在期满后%s内审批）',
                      app.dev_d(s.joined_party_on), app.dev_d(s.ends),
                      CASE WHEN s.ends < as_of THEN '已' ELSE '将' END,
                      app.dev_span('dev.full_approval_within'))
          FROM s
         WHERE s.stage = '4' AND s.ends <= (as_of + app.setting_interval('dev.remind_ahead'))::date
        UNION ALL
        SELECT 'approval_overdue', '接收预备党员审批逾期', s.id, s.name, s.org_id,
               app.dev_after(s.joined_party_on, 'dev.approval_within'),
               format('%s支部大会通过接收为预备党员，上级党委应在%s前审批，尚无审批记录',
                      app.dev_d(s.joined_party_on),
                      app.dev_d(app.dev_after(s.joined_party_on, 'dev.approval_within')))
          FROM s
         WHERE s.stage = '4' AND s.approved_on IS NULL
           AND as_of > app.dev_after(s.joined_party_on, 'dev.approval_within')
    )
    SELECT k.kind, k.kind_name, k.id, k.name, k.org_id,
           (SELECT o.name FROM app.org o WHERE o.id = k.org_id), k.due_on, k.note
      FROM k
     ORDER BY k.due_on, k.name, k.id, k.kind
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.remind(date), app.dev_d(date), app.dev_span(text)
                 TO {clerk}');

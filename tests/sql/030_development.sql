-- 030: member development (sql/030_development.sql).  A branch clerk takes
-- applicants through 1.1-1.5 with fixed dates; each rule is met once on the
-- wrong side of its boundary (refused or warned) and once on the right side,
-- so removing a rule fails a test.  Also: warn-then-confirm changes nothing
-- until confirmed, and then files an audit note by the clerk in the same
-- transaction as the rows; the numbers come from app.setting (changing one
-- changes the outcome); scope (the other branch's people are "不存在" exactly
-- like missing ones); all-or-none multi admission; what a clerk cannot do by
-- writing the tables directly; the applicants list and the 25 steps.
-- Clerks are impersonated inside pg_temp.dev / pg_temp.as_ with SET SESSION
-- AUTHORIZATION, so the functions see them as session_user.
BEGIN;
SELECT plan(105);

-- ---- helpers -------------------------------------------------------------------
-- Runs stmt as the clerk: its first column as text, or 'SQLSTATE message'.
CREATE FUNCTION pg_temp.as_(who text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    res text;
BEGIN
    EXECUTE format('SET SESSION AUTHORIZATION %I', who);
    BEGIN
        IF stmt ~* '^\s*SELECT' THEN
            EXECUTE stmt INTO res;
        ELSE
            EXECUTE stmt;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        res := SQLSTATE || ' ' || SQLERRM;
    END;
    RESET SESSION AUTHORIZATION;
    RETURN coalesce(res, 'ok');
END
$$;
-- Runs a workflow call as the clerk: 'done', 'done: warnings', 'warn: warnings'
-- (nothing changed), or 'SQLSTATE message'.
CREATE FUNCTION pg_temp.dev(who text, call text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r   app.dev_result;
    res text;
BEGIN
    EXECUTE format('SET SESSION AUTHORIZATION %I', who);
    BEGIN
        EXECUTE 'SELECT * FROM ' || call INTO r;
        res := CASE WHEN r.done THEN 'done' ELSE 'warn' END
               || coalesce(': ' || nullif(array_to_string(r.warnings, ' | '), ''), '');
    EXCEPTION WHEN OTHERS THEN
        res := SQLSTATE || ' ' || SQLERRM;
    END;
    RESET SESSION AUTHORIZATION;
    RETURN res;
END
$$;
-- A valid ID number from its first 17 characters.
CREATE FUNCTION pg_temp.idn(body text) RETURNS text LANGUAGE sql AS $$
    SELECT body || substr('10X98765432',
                          (SELECT sum(substr(body, i, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])
                             FROM generate_series(1, 17) i)::int % 11 + 1, 1)
$$;
CREATE FUNCTION pg_temp.pid(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.person WHERE name = n
$$;
CREATE FUNCTION pg_temp.org(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
CREATE FUNCTION pg_temp.step(n text, s text) RETURNS date LANGUAGE sql AS $$
    SELECT step_date FROM app.dev_step WHERE person_id = pg_temp.pid(n) AND step = s
$$;
-- dev_apply with the fields a test varies.
CREATE FUNCTION pg_temp.apply_sql(org text, n text, idn text, applied text, talk text, confirm boolean)
    RETURNS text LANGUAGE sql AS $$
    SELECT format('app.dev_apply(%s, %L, ''1'', ''01'', NULL, %L, NULL, NULL, NULL, ''13'', NULL, NULL,'
                  ' NULL, NULL, %L, %L, NULL, %L)', pg_temp.org(org), n, idn, applied, talk, confirm)
$$;

-- ---- the tree and the clerks ------------------------------------------------------
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T30区' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '4', 'T30党委' FROM app.org WHERE name = 'T30区';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '5', 'T30总支' FROM app.org WHERE name = 'T30党委';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T30甲支部' FROM app.org WHERE name = 'T30总支';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T30乙支部' FROM app.org WHERE name = 'T30总支';
SELECT meta.role('t30_a') AS ra, meta.role('t30_b') AS rb, meta.role('t30_aud') AS raud \gset
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES (meta.role('t30_a'), 'branch', 'T30甲支部'),
                                   (meta.role('t30_b'), 'branch', 'T30乙支部'),
                                   (meta.role('t30_aud'), 'auditor', 'T30区')) AS v(r, l, o) LOOP
        EXECUTE format('CREATE ROLE %I', c.r);
        EXECUTE format('GRANT %I, %I TO %I', meta.role('clerk'), meta.role(c.l), c.r);
        INSERT INTO app.clerk (role_name, level) VALUES (c.r, c.l);
        INSERT INTO app.clerk_scope (role_name, org_id) VALUES (c.r, pg_temp.org(c.o));
    END LOOP;
END
$$;
-- Full members of 甲 (contacts and sponsors), one probationary member.
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)
SELECT n, '1', '5', pg_temp.org('T30甲支部'), date '2000-01-01', date '2001-01-01'
  FROM unnest(ARRAY['T30联系甲', 'T30联系乙', 'T30介绍甲', 'T30介绍乙']) AS n;
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on)
VALUES ('T30预备丙', '1', '4', pg_temp.org('T30甲支部'), date '2020-01-01');
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)
VALUES ('T30乙党员', '1', '5', pg_temp.org('T30乙支部'), date '2000-01-01', date '2001-01-01');
SELECT pg_temp.pid('T30联系甲') AS c1, pg_temp.pid('T30联系乙') AS c2, pg_temp.pid('T30介绍甲') AS s1,
       pg_temp.pid('T30介绍乙') AS s2, pg_temp.pid('T30预备丙') AS prob, pg_temp.pid('T30乙党员') AS b_full \gset

-- ---- catalog ------------------------------------------------------------------------
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc p
                 WHERE p.pronamespace = 'app'::regnamespace AND p.proname ~ '^dev_(apply|activist|target|admit|approve|confirm|extend|cancel|record_step)$'
                   AND p.prosecdef AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = meta.role('owner'))
                   AND p.proconfig = ARRAY['search_path=pg_catalog, ext, pg_temp']
                 ORDER BY 1),
          ARRAY['dev_activist', 'dev_admit', 'dev_apply', 'dev_approve', 'dev_cancel', 'dev_confirm',
                'dev_extend', 'dev_record_step', 'dev_target'],
          'the nine workflows are SECURITY DEFINER, owned by {owner}, search_path pinned');

-- ---- 1.1: the age rule (18 full years, from the ID number) ---------------------------
-- Born 2008-06-15: 18 on 2026-06-15.
SELECT matches(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30少年', pg_temp.idn('11010120080615001'), '2026-06-14', NULL, true)),
               '^P0001 申请入党须年满18周岁：出生日期2008-06-15，2026-06-15才满18周岁，递交入党申请书日期2026-06-14时未满$',
               'under 18 on the day of application: refused, naming the rule and the dates');
SELECT is(pg_temp.pid('T30少年'), NULL, 'and nobody was registered');
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30少年', pg_temp.idn('11010120080615001'), '2026-06-15', '2026-06-20', false)),
          'done', 'on the 18th birthday: accepted');
-- Born on 29 February: 18 years later is 28 February.
SELECT matches(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30闰日', pg_temp.idn('11010120080229003'), '2026-02-27', NULL, true)),
               '^P0001 申请入党须年满18周岁', 'born 2008-02-29, applying 2026-02-27: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30闰日', pg_temp.idn('11010120080229003'), '2026-02-28', '2026-03-01', false)),
          'done', 'born 2008-02-29, applying 2026-02-28: accepted (one year after 29 February is 28 February)');
-- The number comes from app.setting.
UPDATE app.setting SET num_value = 20 WHERE key = 'dev.min_age';
SELECT matches(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30二十', pg_temp.idn('11010120050101005'), '2024-06-01', NULL, true)),
               '^P0001 申请入党须年满20周岁', 'with dev.min_age 20 a 19-year-old is refused');
UPDATE app.setting SET num_value = 18 WHERE key = 'dev.min_age';
SELECT matches(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30无号', '#', '2024-06-01', NULL, true)),
               '^P0001 请填写身份证号或出生日期', 'without ID number or birth date the age cannot be checked: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30重号', pg_temp.idn('11010120080615001'), '2026-07-01', NULL, true)),
          'P0001 该身份证号已经登记，不能重复登记；如有疑问请与上级党组织的组织部门联系',
          'an ID number already registered is refused without saying where');
SELECT is(pg_temp.dev(:'rb', pg_temp.apply_sql('T30甲支部', 'T30越界', pg_temp.idn('11010119900101007'), '2024-06-01', NULL, true)),
          'P0001 党组织不存在或不在您的管理范围内', 'a clerk cannot register an applicant in another branch');
SELECT is(pg_temp.dev(:'raud', pg_temp.apply_sql('T30甲支部', 'T30审计', pg_temp.idn('11010119900101007'), '2024-06-01', NULL, true)),
          '42501 没有权限办理发展党员业务；如需办理，请联系上级组织的管理员', 'an auditor runs no workflow');

-- ---- 1.1: the talk rule (within a month: warned), warn then confirm ----------------
SELECT max(id) AS mark FROM audit.log \gset
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30张一', pg_temp.idn('11010119900101007'), '2024-01-10', '2024-02-11', false)),
          'warn: 党组织应在收到入党申请书后1个月内派人谈话：申请书2024-01-10递交，应在2024-02-10前谈话，谈话日期是2024-02-11',
          'a talk a month and a day after the application: warned, naming the dates');
SELECT is(pg_temp.pid('T30张一'), NULL, 'unconfirmed: nobody was registered');
SELECT is((SELECT count(*) FROM audit.log WHERE id > :mark)::int, 0, 'unconfirmed: nothing in the audit log');
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30张一', pg_temp.idn('11010119900101007'), '2024-01-10', '2024-02-11', true)),
          'done: 党组织应在收到入党申请书后1个月内派人谈话：申请书2024-01-10递交，应在2024-02-10前谈话，谈话日期是2024-02-11',
          'confirmed: done');
SELECT is((SELECT stage || ' ' || org_id FROM app.person WHERE name = 'T30张一'), '1 ' || pg_temp.org('T30甲支部'),
          'the new person is an applicant (申请者) of the branch');
SELECT is(ARRAY[pg_temp.step('T30张一', '01'), pg_temp.step('T30张一', '02')], ARRAY[date '2024-01-10', date '2024-02-11'],
          'steps 01 递交入党申请书 and 02 党组织派人谈话 with their dates');
SELECT is((SELECT clerk || ' ' || (note LIKE '%谈话日期是2024-02-11%')
             FROM audit.log WHERE id > :mark AND action = 'NOTE'),
          :'ra' || ' true', 'the accepted warning is noted in the audit log, by the clerk');
SELECT is((SELECT count(DISTINCT txid) FROM audit.log WHERE id > :mark)::int, 1,
          'the note and the rows'' audit entries share one transaction id');
SELECT is((SELECT count(*) FROM audit.log WHERE id > :mark AND table_name = 'app.person' AND action = 'INSERT'
              AND clerk = :'ra' AND (after ->> 'id')::bigint = pg_temp.pid('T30张一'))::int, 1,
          'the person''s audit row names the clerk (session_user), not the owner');
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30张二', pg_temp.idn('11010119900101015'), '2024-01-31', '2024-02-29', false)),
          'done', 'a talk on the last day of the month (2024-01-31 + 1 month = 2024-02-29): no warning');
SELECT is((SELECT count(*) FROM audit.log WHERE id > :mark AND action = 'NOTE')::int, 1,
          'no warning, no note');
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30张三', pg_temp.idn('11010119900101023'), '2023-01-05', NULL, false)),
          'done', 'an applicant without a talk yet');

-- ---- 1.2: activist ---------------------------------------------------------------------
CREATE FUNCTION pg_temp.activist_sql(n text, d text, ids text, names text, confirm boolean) RETURNS text
    LANGUAGE sql AS $$
    SELECT format('app.dev_activist(%s, NULL, %L, NULL, NULL, %L, %L, %L)', pg_temp.pid(n), d, ids, names, confirm)
$$;
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', '{}', '{}', true)),
          'P0001 应指定1至2名正式党员作为培养联系人，现填了0名', 'no cultivation contact: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', '{NULL,NULL,NULL}', '{甲,乙,丙}', true)),
          'P0001 应指定1至2名正式党员作为培养联系人，现填了3名', 'three contacts: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', format('{%s}', :prob), '{NULL}', true)),
          'P0001 培养联系人须是正式党员：“T30预备丙”现为预备党员', 'a probationary member as contact: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', format('{%s}', :b_full), '{NULL}', true)),
          'P0001 培养联系人（第1名）不存在或不在您的管理范围内', 'a member of another branch is not found');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-01-09', format('{%s}', :c1), '{NULL}', true)),
          'P0001 列为入党积极分子日期2024-01-09早于递交入党申请书日期2024-01-10', 'before the application: refused');
-- A local wait (dev.applicant_wait, 0 nationally) warns.
UPDATE app.setting SET num_value = 3 WHERE key = 'dev.applicant_wait';
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', format('{%s,NULL}', :c1), '{NULL,王老师}', false)),
          'warn: 按本地规定，递交入党申请书3个月后方可列为入党积极分子：申请书2024-01-10递交，2024-04-10期满，列为积极分子日期是2024-03-01',
          'a local wait of 3 months: warned');
SELECT is((SELECT stage FROM app.person WHERE name = 'T30张一'), '1', 'unconfirmed: still an applicant');
UPDATE app.setting SET num_value = 0 WHERE key = 'dev.applicant_wait';
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', format('{%s,NULL}', :c1), '{NULL,王老师}', false)),
          'done', 'without the local wait: listed as activist');
SELECT is((SELECT stage FROM app.person WHERE name = 'T30张一'), '2', 'the category is now 入党积极分子');
SELECT is(ARRAY(SELECT member_name || coalesce(' ' || (member_id = :c1), '') FROM app.dev_contact
                 WHERE person_id = pg_temp.pid('T30张一') AND role = 'contact' ORDER BY member_name),
          ARRAY['T30联系甲 true', '王老师'], 'the two contacts: a member by id (name filled in) and one by name');
SELECT is(pg_temp.step('T30张一', '03'), date '2024-03-01', 'step 03 推荐和确定入党积极分子');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张三', '2024-03-01', format('{%s}', :c2), '{NULL}', false)),
          'warn: 尚未记录党组织派人谈话：申请书2023-01-05递交，应在2023-02-05前谈话',
          'no talk recorded when becoming an activist: warned');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张三', '2023-03-01', format('{%s}', :c2), '{NULL}', true)),
          'done: 尚未记录党组织派人谈话：申请书2023-01-05递交，应在2023-02-05前谈话', 'confirmed');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张一', '2024-03-01', format('{%s}', :c1), '{NULL}', true)),
          'P0001 “T30张一”现为入党积极分子，只有入党申请人才能列为入党积极分子', 'a second time: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30张二', '2024-03-01', format('{%s}', :c1), '{NULL}', true)),
          'done', 'the second applicant becomes an activist too');

-- ---- 1.3: development target: at least a year as activist -------------------------------
CREATE FUNCTION pg_temp.target_sql(n text, d text, days int, hours int, confirm boolean) RETURNS text
    LANGUAGE sql AS $$
    SELECT format('app.dev_target(%s, NULL, %L, NULL, NULL, %L, %L, %L, NULL, NULL, NULL, %L)',
                  pg_temp.pid(n), d, CASE WHEN days IS NOT NULL OR hours IS NOT NULL THEN d END, days, hours, confirm)
$$;
SELECT is(pg_temp.dev(:'ra', pg_temp.target_sql('T30张一', '2025-02-28', NULL, NULL, true)),
          'P0001 入党积极分子须经过1年以上的培养教育考察才能列为发展对象：“T30张一”于2024-03-01列为入党积极分子，2025-03-01起才能列为发展对象，所填日期是2025-02-28',
          'a day short of a year as activist: refused, naming the rule and the dates');
SELECT is((SELECT stage FROM app.person WHERE name = 'T30张一'), '2', 'and nothing changed');
UPDATE app.setting SET num_value = 6, unit = 'month' WHERE key = 'dev.activist_min';
SELECT is(pg_temp.dev(:'ra', pg_temp.target_sql('T30张一', '2025-02-28', NULL, NULL, false)),
          'done', 'with dev.activist_min set to 6 months the same date passes (the number is the setting''s)');
UPDATE app.setting SET num_value = 1, unit = 'year' WHERE key = 'dev.activist_min';
SELECT is((SELECT stage FROM app.person WHERE name = 'T30张一'), '3', 'the category is now 发展对象');
SELECT is(pg_temp.dev(:'ra', pg_temp.target_sql('T30张二', '2025-03-01', 2, 16, false)),
          'warn: 发展对象集中培训应不少于3天或24学时，所填为2天、16学时', 'training of 2 days and 16 hours: warned');
SELECT is(pg_temp.dev(:'ra', pg_temp.target_sql('T30张二', '2025-03-01', 3, NULL, false)),
          'done', 'exactly a year after 2024-03-01, with 3 days of training: a development target');
SELECT is(pg_temp.dev(:'ra', pg_temp.target_sql('T30张三', '2024-03-01', NULL, 24, false)),
          'done', 'activist 2023-03-01, target 2024-03-01, 24 hours of training');
SELECT is(ARRAY[pg_temp.step('T30张二', '06'), pg_temp.step('T30张二', '07'), pg_temp.step('T30张二', '11')],
          ARRAY[date '2025-03-01', date '2025-03-01', date '2025-03-01'], 'steps 06, 07 and 11 recorded');
SELECT is((SELECT detail FROM app.dev_step WHERE person_id = pg_temp.pid('T30张二') AND step = '11'), '3天',
          'the training''s detail');
-- An activist whose year ends on 28 February (29 February + 1 year).
SELECT is(pg_temp.dev(:'ra', pg_temp.apply_sql('T30甲支部', 'T30李四', pg_temp.idn('11010119900101031'), '2023-12-01', '2023-12-05', false)),
          'done', 'another applicant');
SELECT is(pg_temp.dev(:'ra', pg_temp.activist_sql('T30李四', '2024-02-29', format('{%s}', :c1), '{NULL}', false)),
          'done', 'an activist from 2024-02-29');
SELECT matches(pg_temp.dev(:'ra', pg_temp.target_sql('T30李四', '2025-02-27', NULL, NULL, false)),
               '2025-02-28起才能列为发展对象', 'activist 2024-02-29: eligible on 2025-02-28, not before');

-- ---- 1.4: admission --------------------------------------------------------------------
CREATE FUNCTION pg_temp.admit_sql(names text[], meeting text, approved text, sponsors text, confirm boolean)
    RETURNS text LANGUAGE sql AS $$
    SELECT format('app.dev_admit(%L, NULL, %L, %L, NULL, NULL, NULL, NULL, NULL, %L, NULL, %L)',
                  ARRAY(SELECT pg_temp.pid(n) FROM unnest(names) n), meeting, approved, sponsors, confirm)
$$;
-- Someone in the other branch, a development target there.
SELECT is(pg_temp.dev(:'rb', pg_temp.apply_sql('T30乙支部', 'T30乙目标', pg_temp.idn('11010119900101059'), '2020-01-02', '2020-01-03', false)),
          'done', 'branch 乙''s clerk registers an applicant');
SELECT is(pg_temp.dev(:'rb', format('app.dev_activist(%s, NULL, ''2020-02-01'', NULL, NULL, %L, NULL, false)', pg_temp.pid('T30乙目标'), format('{%s}', :b_full))),
          'done', 'lists them as activist');
SELECT is(pg_temp.dev(:'rb', format('app.dev_target(%s, NULL, ''2021-02-01'', NULL, NULL, ''2021-02-05'', 3, NULL, NULL, NULL, NULL, false)', pg_temp.pid('T30乙目标'))),
          'done', 'and as development target');
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30乙目标'], '2025-06-01', '2025-06-10', format('{%s,%s}', :s1, :s2), true)),
          'P0001 所选人员不存在或不在您的管理范围内（编号 ' || pg_temp.pid('T30乙目标') || '）',
          'branch 甲''s clerk cannot absorb branch 乙''s target');
SELECT is(pg_temp.dev(:'ra', format('app.dev_admit(ARRAY[-5]::bigint[], NULL, ''2025-06-01'', NULL, NULL, NULL, NULL, NULL, NULL, %L, NULL, true)', format('{%s,%s}', :s1, :s2))),
          'P0001 所选人员不存在或不在您的管理范围内（编号 -5）', 'the same words for a person who does not exist');
SELECT is((SELECT stage FROM app.person WHERE name = 'T30乙目标'), '3', 'branch 乙''s target is untouched');

-- Not a development target.
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30李四'], '2025-06-01', '2025-06-10', format('{%s,%s}', :s1, :s2), true)),
          'P0001 “T30李四”现为入党积极分子，不是发展对象，不能吸收为预备党员', 'an activist cannot be absorbed');
-- Several ticked, one refused: nobody changes.
SELECT max(id) AS mark2 FROM audit.log \gset
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张一', 'T30李四', 'T30张二'], '2025-06-01', '2025-06-10', format('{%s,%s}', :s1, :s2), true)),
          'P0001 “T30李四”现为入党积极分子，不是发展对象，不能吸收为预备党员；本次勾选的人员都没有吸收',
          'three ticked, one an activist: refused, naming who and why');
SELECT is(ARRAY(SELECT stage FROM app.person WHERE name IN ('T30张一', 'T30张二') ORDER BY name), ARRAY['3', '3'],
          'the two development targets are still development targets');
SELECT is((SELECT count(*) FROM app.standing WHERE person_id IN (pg_temp.pid('T30张一'), pg_temp.pid('T30张二')))::int
          + (SELECT count(*) FROM app.dev_step WHERE step >= '09' AND person_id IN (pg_temp.pid('T30张一'), pg_temp.pid('T30张二')))::int
          - 1, 0, 'no standing row, no admission step (only 张二''s training step 11 of before)');
SELECT is((SELECT count(*) FROM audit.log WHERE id > :mark2)::int, 0, 'and nothing in the audit log');
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张一'], '2025-06-01', '2025-06-10', format('{%s}', :s1), true)),
          'P0001 入党介绍人应为2名正式党员，现填了1名', 'one sponsor: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张一'], '2025-06-01', '2025-06-10', NULL, true)),
          'P0001 “T30张一”还没有入党介绍人：请填写2名入党介绍人', 'no sponsors at all: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张一'], '2025-02-27', NULL, format('{%s,%s}', :s1, :s2), true)),
          'P0001 “T30张一”：支部大会讨论日期2025-02-27早于列为发展对象日期2025-02-28', 'a branch meeting before the target date: refused');
-- A local wait between development target and admission (dev.target_wait, 0 nationally).
UPDATE app.setting SET num_value = 4 WHERE key = 'dev.target_wait';
SELECT matches(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张二'], '2025-06-01', NULL, format('{%s,%s}', :s1, :s2), false)),
               '^warn: 按本地规定，列为发展对象4个月后方可吸收：2025-03-01列为发展对象，2025-07-01期满，支部大会日期是2025-06-01$',
               'a local wait of 4 months after becoming a development target: warned');
UPDATE app.setting SET num_value = 0 WHERE key = 'dev.target_wait';
-- Warnings for two at once: no training for 张一, approval late.
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张一', 'T30张二'], '2025-06-01', '2025-09-02', format('{%s,%s}', :s1, :s2), false)),
          'warn: “T30张一”：尚未记录集中培训（应不少于3天或24学时） | “T30张一”：上级党委应在支部大会通过后3个月内审批（特殊情况不超过6个月）：支部大会2025-06-01，审批日期是2025-09-02 | “T30张二”：上级党委应在支部大会通过后3个月内审批（特殊情况不超过6个月）：支部大会2025-06-01，审批日期是2025-09-02',
          'two ticked: each one''s warnings, named');
SELECT is(ARRAY(SELECT stage FROM app.person WHERE name IN ('T30张一', 'T30张二') ORDER BY name), ARRAY['3', '3'],
          'unconfirmed: both still development targets');
SELECT max(id) AS mark3 FROM audit.log \gset
SELECT matches(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张一', 'T30张二'], '2025-06-01', '2025-09-01', format('{%s,%s}', :s1, :s2), true)),
               '^done: “T30张一”：尚未记录集中培训', 'approval on the last day of 3 months, confirmed: both admitted');
SELECT is(ARRAY(SELECT stage || ' ' || joined_party_on || ' ' || political_status FROM app.person
                 WHERE name IN ('T30张一', 'T30张二') ORDER BY name),
          ARRAY['4 2025-06-01 02', '4 2025-06-01 02'], 'both are probationary members from the branch meeting''s date');
SELECT is(ARRAY(SELECT event || ' ' || event_date || ' ' || approved_on FROM app.standing
                 WHERE person_id = pg_temp.pid('T30张一')), ARRAY['join 2025-06-01 2025-09-01'],
          'a standing row: join, with the approval');
SELECT is(ARRAY(SELECT member_name FROM app.dev_contact WHERE person_id = pg_temp.pid('T30张二') AND role = 'sponsor' ORDER BY member_name),
          ARRAY['T30介绍乙', 'T30介绍甲'], 'the sponsors recorded (names filled in from the ids)');
SELECT is(ARRAY(SELECT note FROM audit.log WHERE id > :mark3 AND action = 'NOTE' AND clerk = :'ra'),
          ARRAY['“T30张一”吸收为预备党员：办理人确认以下提示后继续办理：“T30张一”：尚未记录集中培训（应不少于3天或24学时）'],
          'a note for the one person with accepted warnings (张二''s approval on the last day warns no more)');
SELECT is(ARRAY[pg_temp.step('T30张一', '15'), pg_temp.step('T30张一', '17')], ARRAY[date '2025-06-01', date '2025-09-01'],
          'steps 15 支部大会讨论 and 17 上级党委审批');
-- Admitted without approval; approval later, late.
SELECT is(pg_temp.dev(:'ra', pg_temp.admit_sql(ARRAY['T30张三'], '2024-06-01', NULL, format('{%s,%s}', :s1, :s2), false)),
          'done', '张三 admitted, approval not yet given');
SELECT matches(pg_temp.dev(:'ra', format('app.dev_approve(%s, NULL, ''2024-09-02'', false)', pg_temp.pid('T30张三'))),
               '^warn: 上级党委应在支部大会通过后3个月内审批', 'an approval later than 3 months: warned');
SELECT is((SELECT approved_on FROM app.standing WHERE person_id = pg_temp.pid('T30张三') AND event = 'join'), NULL,
          'unconfirmed: no approval recorded');

-- ---- 1.5: 转正, extension, cancellation --------------------------------------------------
CREATE FUNCTION pg_temp.full_sql(n text, d text) RETURNS text LANGUAGE sql AS $$
    SELECT format('app.dev_confirm(%s, NULL, %L, NULL, NULL, ''表现良好'', false)', pg_temp.pid(n), d)
$$;
SELECT is(pg_temp.dev(:'ra', pg_temp.full_sql('T30张二', '2026-05-31')),
          'P0001 预备期未满，不能转正：“T30张二”于2025-06-01经支部大会接收为预备党员，预备期1年，2026-06-01期满；所填转正日期是2026-05-31',
          '转正 a day before the probation year ends: refused');
SELECT is(pg_temp.dev(:'ra', format('app.dev_confirm(%s, NULL, ''2026-06-01'', ''2026-06-01'', ''2026-09-02'', NULL, false)', pg_temp.pid('T30张二'))),
          'warn: 上级党委应在预备期满后3个月内审批转正：预备期2026-06-01期满，审批日期是2026-09-02',
          'a 转正 approved later than 3 months after the probation''s end: warned');
SELECT is(pg_temp.dev(:'ra', pg_temp.full_sql('T30张二', '2026-06-01')), 'done', '转正 on the day it ends');
SELECT is((SELECT stage || ' ' || became_full_on || ' ' || political_status FROM app.person WHERE name = 'T30张二'),
          '5 2026-06-01 01', '张二 is a full member from 2026-06-01');
SELECT is(pg_temp.dev(:'ra', format('app.dev_extend(%s, NULL, ''2026-05-20'', 5, ''考察'', false)', pg_temp.pid('T30张一'))),
          'P0001 延长预备期最短6个月，最长12个月，所填为5个月', 'an extension of 5 months: refused');
SELECT is(pg_temp.dev(:'ra', format('app.dev_extend(%s, NULL, ''2026-05-20'', 13, ''考察'', false)', pg_temp.pid('T30张一'))),
          'P0001 延长预备期最短6个月，最长12个月，所填为13个月', 'an extension of 13 months: refused');
SELECT is(pg_temp.dev(:'ra', format('app.dev_extend(%s, NULL, ''2026-05-20'', 6, ''需要继续考察'', false)', pg_temp.pid('T30张一'))),
          'done', 'an extension of 6 months');
SELECT is((SELECT until_date FROM app.standing WHERE person_id = pg_temp.pid('T30张一') AND event = 'extend'),
          date '2026-12-01', 'the probation now ends 2026-12-01');
SELECT is(pg_temp.dev(:'ra', format('app.dev_extend(%s, NULL, ''2026-11-20'', 6, ''再延长'', false)', pg_temp.pid('T30张一'))),
          'P0001 预备期只能延长一次：“T30张一”的预备期已于2026-05-20延长至2026-12-01，不能再延长（可转正或取消预备党员资格）',
          'a second extension: refused');
SELECT is(pg_temp.dev(:'ra', pg_temp.full_sql('T30张一', '2026-11-30')),
          'P0001 预备期未满，不能转正：“T30张一”于2025-06-01经支部大会接收为预备党员，预备期1年，2026-12-01期满（已延长）；所填转正日期是2026-11-30',
          'after an extension 转正 waits for the new end');
SELECT is(pg_temp.dev(:'ra', format('app.dev_cancel(%s, NULL, ''2024-12-01'', ''不具备党员条件'', false)', pg_temp.pid('T30张三'))),
          'done', '张三''s probationary status cancelled');
SELECT is((SELECT history_reason || ' ' || exit_kind || ' ' || history_on FROM app.person WHERE name = 'T30张三'),
          '1 6 2024-12-01', 'a historical member: 出党, 取消预备党员资格');
SELECT is(pg_temp.dev(:'ra', pg_temp.full_sql('T30张三', '2025-06-01')),
          'P0001 “T30张三”已是历史党员（出党），不能办理', 'no 转正 for a cancelled probationary member');

-- ---- versions ------------------------------------------------------------------------------
SELECT is(pg_temp.dev(:'ra', format('app.dev_target(%s, 1, ''2025-03-01'', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false)', pg_temp.pid('T30李四'))),
          format('P0001 “T30李四”的信息已被 %s 于 %s 修改，请重新打开后再办理', :'ra',
                 (SELECT to_char(updated_at, 'YYYY-MM-DD HH24:MI') FROM app.person WHERE name = 'T30李四')),
          'an outdated version: refused, naming who saved last and when');

-- ---- other steps ---------------------------------------------------------------------------
SELECT is(pg_temp.dev(:'ra', format('app.dev_record_step(%s, NULL, ''20'', ''2025-07-01'', ''入党宣誓'', false)', pg_temp.pid('T30张一'))),
          'done', 'step 20 入党宣誓 recorded for a probationary member');
SELECT is(pg_temp.dev(:'ra', format('app.dev_record_step(%s, NULL, ''03'', ''2024-01-01'', NULL, false)', pg_temp.pid('T30张一'))),
          'P0001 第03步“推荐和确定入党积极分子”在列为入党积极分子时记录，不能单独修改', 'the workflow steps are not for record_step');
SELECT is(pg_temp.dev(:'ra', format('app.dev_record_step(%s, NULL, ''20'', ''2025-07-01'', NULL, false)', pg_temp.pid('T30李四'))),
          'P0001 “T30李四”现为入党积极分子，还不能记录第20步“入党宣誓”', 'a later stage''s step is refused');

-- ---- direct writes -----------------------------------------------------------------------
SELECT is(pg_temp.as_(:'ra', format('UPDATE app.person SET stage = ''3'' WHERE id = %s', pg_temp.pid('T30李四'))),
          '42501 permission denied for table person', 'a clerk cannot change a stage directly');
SELECT is(pg_temp.as_(:'ra', format('UPDATE app.person SET joined_party_on = ''2025-01-01'' WHERE id = %s', pg_temp.pid('T30张一'))),
          '42501 permission denied for table person', 'nor the date the probation counts from');
SELECT is(pg_temp.as_(:'ra', format('INSERT INTO app.person (name, sex, stage, org_id) VALUES (''T30直接'', ''1'', ''3'', %s)', pg_temp.org('T30甲支部'))),
          '42501 入党积极分子和发展对象须经“申请人管理”的培养发展办理，不能直接登记', 'nor register a development target directly');
SELECT is(pg_temp.as_(:'ra', format('UPDATE app.dev_step SET step_date = ''2023-03-01'' WHERE person_id = %s AND step = ''03''', pg_temp.pid('T30李四'))),
          '42501 第03步由“申请人管理”的培养发展办理时记录，不能直接修改', 'nor move the activist date back to make a year');
SELECT is(pg_temp.as_(:'ra', format('INSERT INTO app.dev_step (person_id, step, step_date) VALUES (%s, ''07'', ''2025-03-01'')', pg_temp.pid('T30李四'))),
          '42501 第07步由“申请人管理”的培养发展办理时记录，不能直接修改', 'nor write a target step');
SELECT is(pg_temp.as_(:'ra', format('DELETE FROM app.standing WHERE person_id = %s AND event = ''extend''', pg_temp.pid('T30张一'))),
          '42501 延长预备期和取消预备党员资格须通过相应的办理功能，不能直接修改', 'nor delete an extension to extend again');
SELECT is(pg_temp.as_(:'ra', format('INSERT INTO app.dev_step (person_id, step, step_date) VALUES (%s, ''04'', ''2024-03-05'')', pg_temp.pid('T30李四'))),
          'ok', 'the other steps stay editable in the 培养发展 tab');

-- ---- reading -----------------------------------------------------------------------------
SELECT is(pg_temp.as_(:'ra', format('SELECT string_agg(name || '' '' || stage || '' '' || coalesce(applied_on, ''-'') || '' '' || coalesce(activist_on, ''-''), ''; '' ORDER BY ordinality) FROM app.applicant_page(%s, true, NULL, NULL, false, 50) WITH ORDINALITY', pg_temp.org('T30甲支部'))),
          'T30李四 入党积极分子 2023-12-01 2024-02-29; T30闰日 入党申请人 2026-02-28 -; T30少年 入党申请人 2026-06-15 -',
          '申请人管理 lists the branch''s applicants and activists in pinyin order with their dates, not members');
SELECT is(pg_temp.as_(:'ra', format('SELECT app.applicant_count(%s, true, 100)', pg_temp.org('T30甲支部'))), '3',
          'and counts them');
SELECT is(pg_temp.as_(:'ra', format('SELECT count(*) || '' '' || count(step_date) || '' '' || string_agg(step_date, '','' ORDER BY step) FILTER (WHERE step IN (1, 3, 7, 15)) FROM app.dev_steps(%s)', pg_temp.pid('T30张一'))),
          '25 10 2024-01-10,2024-03-01,2025-02-28,2025-06-01', 'dev_steps: 25 steps in order, 10 with dates');
SELECT is(pg_temp.as_(:'ra', format('SELECT count(*) FROM app.dev_steps(%s)', pg_temp.pid('T30乙目标'))), '0',
          'another branch''s person has no steps to show');
SELECT is(pg_temp.as_(:'ra', format('SELECT probation_end || '' '' || extended_until || '' '' || target_eligible_on FROM app.dev_status(%s)', pg_temp.pid('T30张一'))),
          '2026-12-01 2026-12-01 2025-03-01', 'dev_status: the probation''s end with the extension, the target date allowed');

SELECT * FROM finish();
ROLLBACK;

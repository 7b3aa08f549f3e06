-- 040: the member file's writes.  The wizard writes a whole member in one
-- transaction or nothing; every field is checked with a message naming it;
-- a stale version is refused naming who saved and when; an ID number
-- registered elsewhere is refused without saying where (also by the unique
-- index's own error); 组织关系 is not writable by clerks; 出党, 死亡, 停止党籍
-- make a member historical (the 历史党员 list shows them); only an
-- administrator restores, with a reason, and the audit log shows it; every
-- row change is audited.  Clerks are impersonated with SET SESSION
-- AUTHORIZATION (the functions key on session_user).
BEGIN;
SELECT plan(90);

-- ---------------------------------------------------------------------------
-- Fixtures: districts 甲 and 乙, branches 甲一, 甲二 and 乙一; clerks of 甲一
-- and 乙一, an administrator and a plain clerk of 甲, an auditor of 甲.
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T40甲区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T40乙区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T40甲一支部' FROM app.org WHERE name = 'T40甲区委';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T40甲二支部' FROM app.org WHERE name = 'T40甲区委';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T40乙一支部' FROM app.org WHERE name = 'T40乙区委';
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
            ('t_rec_a', 'branch', 'T40甲一支部', false), ('t_rec_b', 'branch', 'T40乙一支部', false),
            ('t_rec_admin', 'district', 'T40甲区委', true), ('t_rec_plain', 'district', 'T40甲区委', false),
            ('t_rec_aud', 'auditor', 'T40甲区委', false)) AS v(n, lvl, org, adm) LOOP
        PERFORM meta.ddl(format('CREATE ROLE {%s} LOGIN', r.n));
        PERFORM meta.ddl(format('GRANT {clerk}, {%s} TO {%s}', r.lvl, r.n));
        INSERT INTO app.clerk (role_name, level, is_admin, must_change_password)
        VALUES (meta.role(r.n), r.lvl, r.adm, false);
        INSERT INTO app.clerk_scope (role_name, org_id) SELECT meta.role(r.n), id FROM app.org WHERE name = r.org;
    END LOOP;
END
$$;
SELECT meta.role('t_rec_a') AS a1, meta.role('t_rec_b') AS b1, meta.role('t_rec_admin') AS admin,
       meta.role('t_rec_plain') AS plain, meta.role('t_rec_aud') AS aud,
       (SELECT id FROM app.org WHERE name = 'T40甲一支部') AS org_a1,
       (SELECT id FROM app.org WHERE name = 'T40甲二支部') AS org_a2,
       (SELECT id FROM app.org WHERE name = 'T40乙一支部') AS org_b1 \gset

-- A valid ID number from its first 17 characters.
CREATE FUNCTION pg_temp.id18(p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT p || substr('10X98765432',
                       (SELECT sum(substr(p, i, 1)::integer
                                   * (ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])[i])
                          FROM generate_series(1, 17) AS i)::integer % 11 + 1, 1)
$$;
-- 'ok', or the SQLSTATE and message of the refusal.
CREATE FUNCTION pg_temp.fails_with(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    msg text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ' ' || msg;
END
$$;
-- Everything the server tells the client about a refusal.
CREATE FUNCTION pg_temp.error_all(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text; msg text; det text; hint text; ctx text; con text; col text; tbl text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
        hint = PG_EXCEPTION_HINT, con = CONSTRAINT_NAME, col = COLUMN_NAME, tbl = TABLE_NAME;
    RETURN concat_ws(' | ', nullif(st, ''), nullif(con, ''), nullif(tbl, ''), nullif(col, ''), nullif(msg, ''),
                     nullif(det, ''), nullif(hint, ''));
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.id18(text), pg_temp.fails_with(text), pg_temp.error_all(text) TO PUBLIC;

SELECT pg_temp.id18('11010519800101001') AS id_m1,   -- male, born 1980-01-01
       pg_temp.id18('11010519850505002') AS id_f1,   -- female, 1985-05-05
       pg_temp.id18('11010519700707003') AS id_m2,   -- male, 1970-07-07
       pg_temp.id18('11010519600606004') AS id_f2,   -- female, 1960-06-06
       pg_temp.id18('11010519900909005') AS id_m3 \gset

SELECT jsonb_build_object('name', 'T40张伟', 'sex', '1', 'ethnicity', '01', 'id_number', :'id_m1',
                          'native_place', '北京', 'joined_work_on', '2002-07-01', 'phone', '13800000000')
           AS person1,
       jsonb_build_object('stage', '5', 'joined_party_on', '2001-06-01', 'became_full_on', '2002-06-01',
                          'approval_doc', '甲委〔2001〕1号') AS full_member,
       jsonb_build_object('education', '21', 'degree', '4', 'school', '北京大学', 'major', '法学',
                          'full_time', 't', 'from_date', '1998-09-01', 'to_date', '2002-07-01') AS edu1,
       jsonb_build_object('unit_name', '甲区人民政府', 'unit_nature', '130', 'person_category', '0111',
                          'post', '科员', 'from_date', '2002-07-01') AS job1,
       jsonb_build_object('org_name', '某大学党委', 'from_date', '2002-07-15', 'transfer_kind', '4') AS tr1
\gset

-- ---------------------------------------------------------------------------
-- The wizard.
SELECT max(id) AS before_add FROM audit.log \gset
SET SESSION AUTHORIZATION :"a1";
SELECT app.member_add(:org_a1, :'person1', :'full_member', :'edu1', :'job1', :'tr1') AS m1 \gset
RESET SESSION AUTHORIZATION;

SELECT is((SELECT concat_ws(' ', name, sex, stage, joined_party_on, became_full_on, birth_date, education,
                            degree, person_category, political_status, org_id = :org_a1)
             FROM app.person WHERE id = :m1),
          'T40张伟 1 5 2001-06-01 2002-06-01 1980-01-01 21 4 0111 01 t',
          'the wizard writes the person: stage and dates, the birth date from the ID number, 学历 and 岗位 from their pages, 中共党员');
SELECT is(ARRAY(SELECT event || ' ' || event_date || coalesce(' ' || approval_doc, '') FROM app.standing
                 WHERE person_id = :m1 ORDER BY event_date),
          ARRAY['join 2001-06-01 甲委〔2001〕1号', 'full 2002-06-01'],
          '党籍信息: the admission and 转正');
SELECT is((SELECT concat_ws(' ', school, full_time, from_date, to_date) FROM app.education WHERE person_id = :m1),
          '北京大学 t 1998-09-01 2002-07-01', '学历学位: the education page''s row');
SELECT is((SELECT concat_ws(' ', unit_name, unit_nature, post) FROM app.job WHERE person_id = :m1),
          '甲区人民政府 130 科员', '工作岗位: the job page''s row');
SELECT is((SELECT concat_ws(' ', org_name, from_date, to_date IS NULL, transfer_kind, note)
             FROM app.org_relation WHERE person_id = :m1),
          'T40甲一支部 2002-07-15 t 4 由“某大学党委”转入',
          '组织关系: one open row in the organization, with the transfer page''s date, kind and origin');
SELECT is(ARRAY(SELECT DISTINCT table_name FROM audit.log WHERE id > :before_add AND action = 'INSERT'
                 ORDER BY 1),
          ARRAY['app.education', 'app.job', 'app.org_relation', 'app.person', 'app.standing'],
          'every row the wizard writes is in the audit log');
SELECT is(ARRAY(SELECT DISTINCT clerk FROM audit.log WHERE id > :before_add), ARRAY[:'a1'],
          'under the clerk''s name');

SET SESSION AUTHORIZATION :"a1";
SELECT app.member_add(:org_a1, jsonb_build_object('name', 'T40李娜', 'sex', '2', 'id_number', '#'),
                      jsonb_build_object('stage', '4', 'joined_party_on', '2024-01-10'), NULL, NULL, NULL) AS m2,
       app.member_add(:org_a1, jsonb_build_object('name', 'T40王芳', 'sex', '2', 'id_number', :'id_f1'),
                      jsonb_build_object('stage', '5', 'joined_party_on', '2008-03-01', 'became_full_on', '2009-03-01'),
                      NULL, jsonb_build_object('unit_name', '甲区医院'), NULL) AS m3,
       app.member_add(:org_a1, jsonb_build_object('name', 'T40赵强', 'sex', '1', 'id_number', :'id_m2'),
                      jsonb_build_object('stage', '5', 'joined_party_on', '1995-03-01', 'became_full_on', '1996-03-01'),
                      NULL, NULL, NULL) AS m4,
       app.member_add(:org_a1, jsonb_build_object('name', 'T40钱敏', 'sex', '2', 'id_number', :'id_f2'),
                      jsonb_build_object('stage', '5', 'joined_party_on', '1985-03-01', 'became_full_on', '1986-03-01'),
                      NULL, NULL, NULL) AS m5 \gset
RESET SESSION AUTHORIZATION;
SELECT is((SELECT concat_ws(' ', id_number IS NULL, stage, political_status, became_full_on IS NULL)
             FROM app.person WHERE id = :m2),
          't 4 02 t', 'an ID number given as # is stored as unknown; a probationary member is 中共预备党员');
SELECT is((SELECT from_date FROM app.org_relation WHERE person_id = :m2), date '2024-01-10',
          'without a transfer page the 组织关系 starts at the admission');

-- ---------------------------------------------------------------------------
-- Every field checked, the message naming it; nothing written on a refusal.
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.error_all(format('SELECT app.member_add(%s, %L, %L, %L, %L, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1', 'id_number', pg_temp.id18('11010519900101011')),
           :'full_member', :'edu1', jsonb_build_object('post', '科员'))) AS bad_job,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, %L, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1'), :'full_member',
           :'edu1'::jsonb || '{"from_date": "2020-02-30"}')) AS bad_date,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1', 'ethnicity', '99x'), :'full_member')) AS bad_code,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1', 'id_number',
                              left(:'id_m1', 17) || CASE WHEN right(:'id_m1', 1) = '0' THEN '1' ELSE '0' END),
           :'full_member')) AS bad_check,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1', 'id_number', :'id_m3', 'birth_date', '1990-09-10'),
           :'full_member')) AS bad_birth,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '2', 'id_number', :'id_m3'), :'full_member')) AS bad_sex,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', repeat('长', 51), 'sex', '1'), :'full_member')) AS bad_long,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', '  ', 'sex', '1'), :'full_member')) AS bad_empty,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1', 'id_number', :'id_m3'),
           jsonb_build_object('stage', '5', 'joined_party_on', '1990-01-01', 'became_full_on', '1991-01-01'))) AS bad_join,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1'),
           jsonb_build_object('stage', '2', 'joined_party_on', '2010-01-01'))) AS bad_stage,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1'),
           jsonb_build_object('stage', '5', 'joined_party_on', '2010-01-01'))) AS bad_full,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a1,
           jsonb_build_object('name', 'T40半途', 'sex', '1', 'joined_work_on', (current_date + 1)::text),
           :'full_member')) AS bad_future,
       pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_b1,
           jsonb_build_object('name', 'T40半途', 'sex', '1'), :'full_member')) AS bad_org,
       pg_temp.fails_with(format('SELECT app.form_check(%L, %L)', 'education',
           jsonb_build_object('school', '某校', 'from_date', '2010-09-01', 'to_date', '2006-07-01'))) AS bad_order,
       pg_temp.fails_with(format('SELECT app.form_check(%L, %L)', 'person',
           jsonb_build_object('name', 'T40', 'sex', '1', 'nickname', 'x'))) AS bad_field
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'bad_job'::text, 'DJ002 | job.unit_name | job | unit_name | 工作单位是必填项，请填写',
          'a required field left empty is named, in words and as form.field (so the form can go there)');
SELECT is((SELECT count(*) FROM app.person WHERE name = 'T40半途'), 0::bigint,
          'and the refused wizard wrote nothing: no person, no half a member');
SELECT is(:'bad_date'::text, 'DJ002 入学日期“2020-02-30”不是有效的日期（没有这一天）', 'a day that does not exist');
SELECT is(:'bad_code'::text, 'DJ002 民族代码“99x”不存在，请从列表中选择', 'a code that does not exist');
SELECT is(:'bad_check'::text, 'DJ002 身份证号的校验位（第18位）与前17位不符，请逐位核对', 'the ID number''s check character');
SELECT is(:'bad_birth'::text, 'DJ002 出生日期（1990-09-10）与身份证号中的出生日期（1990-09-09）不符',
          'a birth date that disagrees with the ID number');
SELECT is(:'bad_sex'::text, 'DJ002 性别与身份证号不符：身份证号第17位表示男', 'a sex that disagrees with the ID number');
SELECT is(:'bad_long'::text, 'DJ002 姓名最多50个字，现在是51个字，请缩短', 'a text too long, with its length');
SELECT is(:'bad_empty'::text, 'DJ002 姓名是必填项，请填写', 'blanks only are empty');
SELECT is(:'bad_join'::text, 'DJ002 入党日期（1990-01-01）应晚于出生日期（1990-09-09）', 'joining the party before birth');
SELECT is(:'bad_stage'::text, 'DJ002 新增党员的人员类别应为预备党员或正式党员（入党申请人等请在“发展党员”中登记）',
          'the wizard adds party members only');
SELECT is(:'bad_full'::text, 'DJ002 正式党员的转正日期不能为空', 'a full member needs the 转正 date');
SELECT is(:'bad_future'::text, format('DJ002 参加工作日期“%s”晚于今天，请核对', current_date + 1), 'a date after today');
SELECT is(:'bad_org'::text, 'DJ004 所选党组织不存在或不在您的管理范围内', 'an organization outside the scope');
SELECT is(:'bad_order'::text, 'DJ002 毕业日期（2006-07-01）不能早于入学日期（2010-09-01）', 'dates out of order');
SELECT is(:'bad_field'::text, '22023 表单“person”没有“nickname”这一项', 'a field the form does not have');

-- ---------------------------------------------------------------------------
-- ID numbers registered elsewhere.
SET SESSION AUTHORIZATION :"b1";
SELECT pg_temp.error_all(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_b1,
           jsonb_build_object('name', 'T40重号', 'sex', '1', 'id_number', :'id_m1'), :'full_member')) AS dup_b1,
       pg_temp.fails_with(format('SELECT app.form_check(%L, %L)', 'person',
           jsonb_build_object('name', 'T40重号', 'sex', '1', 'id_number', :'id_m1'))) AS dup_b1_check
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'dup_b1'::text, '23505 | person_id_number_key | person | id_number | 该身份证号码已在系统中登记，请与组织部门联系',
          'a clerk of another district is told only that the number is registered');
SELECT ok(strpos(:'dup_b1', 'T40甲') = 0 AND strpos(:'dup_b1', 'T40张伟') = 0,
          'nothing in the error names the organization or the person');
SELECT is(:'dup_b1_check'::text, 'ok', '(the page check does not look the number up: the save does)');

SET SESSION AUTHORIZATION :"admin";
SELECT pg_temp.fails_with(format('SELECT app.member_add(%s, %L, %L, NULL, NULL, NULL)', :org_a2,
           jsonb_build_object('name', 'T40重号', 'sex', '1', 'id_number', :'id_m1'), :'full_member')) AS dup_admin
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'dup_admin'::text, '23505 该身份证号码已登记在“T40张伟”（T40甲一支部）名下，请勿重复登记',
          'within the clerk''s own scope the message names the person');

-- The unique index's own error, without the trigger (as when two saves race).
ALTER TABLE app.person DISABLE TRIGGER b15_id_unique;
SET SESSION AUTHORIZATION :"b1";
SELECT pg_temp.error_all(format('INSERT INTO app.person (name, sex, stage, org_id, id_number) '
                                'VALUES (%L, %L, %L, %s, %L)', 'T40重号', '1', '1', :org_b1, :'id_m1')) AS dup_index
\gset
RESET SESSION AUTHORIZATION;
ALTER TABLE app.person ENABLE TRIGGER b15_id_unique;
SELECT alike(:'dup_index'::text, '23505 | person_id_number_key | person | %',
            'the unique index refuses as the same constraint, which the client maps to the same words');
SELECT ok(strpos(:'dup_index', 'T40甲') = 0 AND strpos(:'dup_index', 'T40张伟') = 0
          AND strpos(:'dup_index', :m1::text || ')') = 0,
          'and its message and detail name neither the organization nor the person (only the number typed)');

-- ---------------------------------------------------------------------------
-- 基本信息 and two clerks.
SELECT version AS v1 FROM app.person WHERE id = :m1 \gset
SET SESSION AUTHORIZATION :"a1";
SELECT array_agg(field || '=' || coalesce(value, '') ORDER BY field) AS got FROM app.person_get(:m1) \gset
SELECT app.person_update(:m1, :v1, '{"phone": "13911112222", "address": "甲区一号"}') AS v2 \gset
RESET SESSION AUTHORIZATION;
SELECT ok('name=T40张伟' = ANY (:'got'::text[]) AND 'sex=1' = ANY (:'got'::text[])
          AND 'stage=5' = ANY (:'got'::text[]) AND 'ethnicity=01' = ANY (:'got'::text[]),
          'app.person_get gives the stored codes for the edit form');
SELECT is(:v2::integer, :v1 + 1, 'a save returns the new version');
SELECT is((SELECT phone || ' ' || address FROM app.person WHERE id = :m1), '13911112222 甲区一号',
          'and changes the fields sent, only those');
SET SESSION AUTHORIZATION :"admin";
SELECT pg_temp.fails_with(format('SELECT app.person_update(%s, %s, %L)', :m1, :v1, '{"phone": "010-1"}')) AS stale
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'stale'::text,
          format('DJ001 “T40张伟”的信息已由 %s 于 %s 修改并保存，您的修改没有保存。您填写的内容仍在表单中，请记下后关闭表单，重新打开看过对方的修改再改',
                 :'a1', to_char(now(), 'YYYY-MM-DD HH24:MI')),
          'the second clerk''s save with the old version is refused, naming who saved first and when');
SELECT is((SELECT phone FROM app.person WHERE id = :m1), '13911112222', 'and changes nothing');
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.fails_with(format('SELECT app.person_update(%s, %s, %L)', :m1, :v2, '{"stage": "4"}')) AS upd_stage,
       pg_temp.fails_with(format('SELECT app.person_update(%s, %s, %L)', :m1, :v2,
                                 '{"became_full_on": "2000-01-01"}')) AS upd_full,
       pg_temp.fails_with(format('SELECT app.person_update(%s, %s, %L)', :m1, :v2,
                                 jsonb_build_object('id_number', :'id_m2'))) AS upd_dup,
       pg_temp.fails_with('UPDATE app.person SET history_reason = ''2'', history_on = current_date WHERE id = '
                          || :m1) AS upd_history
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'upd_stage'::text, 'DJ003 人员类别要通过发展党员、接收预备党员、转正等业务办理，不能在基本信息中修改',
          'the stage is not edited as 基本信息');
SELECT is(:'upd_full'::text, 'DJ002 转正日期（2000-01-01）不能早于入党日期（2001-06-01）',
          'a date checked against the stored ones');
SELECT is(:'upd_dup'::text, '23505 该身份证号码已登记在“T40赵强”（T40甲一支部）名下，请勿重复登记',
          'changing to a number already registered is refused');
SELECT alike(:'upd_history'::text, '42501 %', 'a clerk cannot write the history columns directly');
SET SESSION AUTHORIZATION :"b1";
SELECT pg_temp.fails_with(format('SELECT app.person_update(%s, %s, %L)', :m1, :v2, '{"phone": "1"}')) AS upd_foreign
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'upd_foreign'::text, 'DJ004 该人员不存在或不在您的管理范围内（可能已被他人删除），请刷新后再试',
          'a person outside the scope is not found');

-- ---------------------------------------------------------------------------
-- The tabs: add, change, delete in every set, each audited.
SELECT max(id) AS audit_before_tabs FROM audit.log \gset
CREATE FUNCTION pg_temp.tab_cycle(person bigint, rs text, adds jsonb, changes jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    rid bigint;
    v integer;
    got text;
BEGIN
    rid := app.record_add(rs, person, adds);
    SELECT max(g.version) INTO v FROM app.record_get(rs, rid) g;
    v := app.record_update(rs, rid, v, changes);
    SELECT string_agg(g.field || '=' || g.value, ',') INTO got FROM app.record_get(rs, rid) g
     WHERE changes ? g.field;
    PERFORM app.record_delete(rs, rid, v);
    RETURN got;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.tab_cycle(bigint, text, jsonb, jsonb) TO PUBLIC;
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.tab_cycle(:m1, 'education', '{"education": "31", "school": "党校"}', '{"major": "党史"}') AS t_edu,
       pg_temp.tab_cycle(:m1, 'job', '{"unit_name": "甲区文化馆"}', '{"post": "馆长"}') AS t_job,
       pg_temp.tab_cycle(:m1, 'post', jsonb_build_object('party_post', '06', 'org_id', :org_a1,
                                                         'from_date', '2020-01-01'),
                         '{"to_date": "2023-01-01"}') AS t_post,
       pg_temp.tab_cycle(:m1, 'tech_title', '{"title": "3", "qualified_on": "2010-01-01"}',
                         '{"unit_name": "甲区人民政府"}') AS t_tech,
       pg_temp.tab_cycle(:m1, 'standing', '{"event": "note", "event_date": "2015-01-01"}',
                         '{"note": "说明"}') AS t_standing,
       pg_temp.tab_cycle(:m1, 'dev_step', '{"step": "01", "step_date": "2000-03-01"}',
                         '{"detail": "递交"}') AS t_dev,
       pg_temp.tab_cycle(:m1, 'appraisal', '{"year": 2022, "result": "1"}', '{"result": "2"}') AS t_appr,
       pg_temp.tab_cycle(:m1, 'reward', '{"kind": "17", "reward_date": "2021-07-01"}',
                         '{"title": "优秀共产党员"}') AS t_reward
\gset
RESET SESSION AUTHORIZATION;
SELECT is(ARRAY[:'t_edu', :'t_job', :'t_post', :'t_tech', :'t_standing', :'t_dev', :'t_appr', :'t_reward'],
          ARRAY['major=党史', 'post=馆长', 'to_date=2023-01-01', 'unit_name=甲区人民政府', 'note=说明',
                'detail=递交', 'result=2', 'title=优秀共产党员'],
          'a clerk adds, changes and deletes a row of every tab (the change reads back)');
SELECT is(ARRAY(SELECT t || ' ' || string_agg(action, ',' ORDER BY id)
                  FROM (SELECT table_name AS t, action, id FROM audit.log
                         WHERE id > :audit_before_tabs AND clerk = :'a1') AS l
                 GROUP BY t ORDER BY t),
          ARRAY['app.appraisal INSERT,UPDATE,DELETE', 'app.dev_step INSERT,UPDATE,DELETE',
                'app.education INSERT,UPDATE,DELETE', 'app.job INSERT,UPDATE,DELETE',
                'app.post INSERT,UPDATE,DELETE', 'app.reward INSERT,UPDATE,DELETE',
                'app.standing INSERT,UPDATE,DELETE', 'app.tech_title INSERT,UPDATE,DELETE'],
          'every row change of every tab is in the audit log, under the clerk''s name');

SELECT id AS edu_row, version AS edu_v FROM app.education WHERE person_id = :m1 \gset
SET SESSION AUTHORIZATION :"a1";
SELECT app.record_update('education', :edu_row, :edu_v, '{"major": "政治学"}') AS edu_v2 \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"admin";
SELECT pg_temp.fails_with(format('SELECT app.record_update(%L, %s, %s, %L)', 'education', :edu_row, :edu_v,
                                 '{"major": "经济学"}')) AS rec_stale,
       pg_temp.fails_with(format('SELECT app.record_delete(%L, %s, %s)', 'education', :edu_row, :edu_v)) AS del_stale
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'rec_stale'::text,
          format('DJ001 该记录已由 %s 于 %s 修改并保存，您的修改没有保存。您填写的内容仍在表单中，请记下后关闭表单，重新打开看过对方的修改再改',
                 :'a1', to_char(now(), 'YYYY-MM-DD HH24:MI')),
          'a tab row saved by someone else in between: refused, naming them');
SELECT alike(:'del_stale'::text, 'DJ001 该记录已由 %', 'a delete with an old version too');
SELECT is((SELECT major FROM app.education WHERE id = :edu_row), '政治学', 'the row keeps the first save');

SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'standing', :m1,
                                 '{"event": "join", "event_date": "2001-06-01"}')) AS twice_join,
       pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'appraisal', :m1,
                                 jsonb_build_object('year', extract(year FROM current_date) + 1, 'result', '1'))) AS next_year,
       pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'reward', :m1,
                                 '{"kind": "17", "reward_date": "1979-01-01"}')) AS before_birth,
       pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'post', :m1,
                                 '{"party_post": "06", "from_date": "2020-01-01"}')) AS post_no_org,
       pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'post', :m1,
                                 jsonb_build_object('party_post', '06', 'org_id', :org_b1, 'from_date', '2020-01-01'))) AS post_foreign_org,
       pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'standing', :m1,
                                 '{"event": "extend", "event_date": "2001-06-01"}')) AS extend_no_end
\gset
RESET SESSION AUTHORIZATION;
SELECT is(:'twice_join'::text, 'DJ002 “接收为预备党员”只能登记一次，已经登记过，请修改原来的记录', 'one admission per person');
SELECT is(:'next_year'::text, format('DJ002 年度（%s）应在1921年至今年之间', extract(year FROM current_date) + 1),
          'an appraisal of a year to come');
SELECT is(:'before_birth'::text, 'DJ002 日期（1979-01-01）早于出生日期（1980-01-01），请核对', 'a record dated before birth');
SELECT is(:'post_no_org'::text, 'DJ002 请选择任职组织，或填写任职组织名称', 'a post needs its organization');
SELECT is(:'post_foreign_org'::text, 'DJ002 任职组织不存在或不在您的管理范围内；范围外的组织请只填写名称',
          'an organization id outside the scope');
SELECT is(:'extend_no_end'::text, 'DJ002 延长预备期须填写截止日期', '延长预备期 needs its end');

-- ---------------------------------------------------------------------------
-- 组织关系: not writable by clerks.
SELECT id AS rel1 FROM app.org_relation WHERE person_id = :m1 \gset
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.fails_with(format('INSERT INTO app.org_relation (person_id, org_name, from_date) VALUES (%s, %L, %L)',
                                 :m1, '某组织', '2020-01-01')) AS rel_insert,
       pg_temp.fails_with(format('UPDATE app.org_relation SET note = %L WHERE id = %s', '改', :rel1)) AS rel_update,
       pg_temp.fails_with(format('DELETE FROM app.org_relation WHERE id = %s', :rel1)) AS rel_delete,
       pg_temp.fails_with(format('SELECT app.record_add(%L, %s, %L)', 'org_relation', :m1,
                                 '{"org_name": "某组织", "from_date": "2020-01-01"}')) AS rel_add,
       pg_temp.fails_with(format('SELECT app.record_delete(%L, %s, 1)', 'org_relation', :rel1)) AS rel_del_fn,
       pg_temp.fails_with(format('SELECT app.org_relation_first(%s, %L, NULL, NULL)', :m1, '2020-01-01')) AS rel_first,
       (SELECT count(*) FROM app.record_get('org_relation', :rel1)) AS rel_readable
\gset
RESET SESSION AUTHORIZATION;
SELECT alike(:'rel_insert'::text, '42501 %', 'a clerk cannot insert 组织关系 rows');
SELECT alike(:'rel_update'::text, '42501 %', 'nor update them');
SELECT alike(:'rel_delete'::text, '42501 %', 'nor delete them');
SELECT is(:'rel_add'::text, 'DJ003 组织关系只能通过组织关系转接办理，不能在这里添加、修改或删除',
          'the tab functions refuse 组织关系 in words');
SELECT is(:'rel_del_fn'::text, 'DJ003 组织关系只能通过组织关系转接办理，不能在这里添加、修改或删除', 'deletes too');
SELECT is(:'rel_first'::text, 'DJ003 组织关系只能通过组织关系转接办理', 'the wizard''s first row only for a person without one');
SELECT is(:rel_readable::bigint, 5::bigint, 'but the clerk reads the row for the tab');
SELECT is((SELECT count(*) FROM app.org_relation WHERE person_id = :m1), 1::bigint, 'still one row');

-- ---------------------------------------------------------------------------
-- 出党, 死亡, 停止党籍.
SELECT (SELECT version FROM app.person WHERE id = :m3) AS m3v, (SELECT version FROM app.person WHERE id = :m4) AS m4v,
       (SELECT version FROM app.person WHERE id = :m5) AS m5v, (SELECT version FROM app.person WHERE id = :m2) AS m2v
\gset
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.fails_with(format('SELECT app.member_leave(%s, %s, %L, NULL, NULL)', :m3, :m3v, '2024-05-01')) AS leave_nokind,
       pg_temp.fails_with(format('SELECT app.member_leave(%s, %s, %L, %L, NULL)', :m3, :m3v, '2024-05-01', '6')) AS leave_cancel_full,
       pg_temp.fails_with(format('SELECT app.member_leave(%s, %s, %L, %L, NULL)', :m3, :m3v,
                                 (current_date + 1)::text, '3')) AS leave_future,
       pg_temp.fails_with(format('SELECT app.member_leave(%s, %s, %L, %L, NULL)', :m3, :m3v, '2000-01-01', '3')) AS leave_early,
       pg_temp.fails_with(format('SELECT app.member_leave(%s, %s, %L, %L, NULL)', :m3, :m3v - 1, '2024-05-01', '3')) AS leave_stale,
       pg_temp.fails_with(format('SELECT app.member_suspend(%s, %s, %L, NULL, NULL)', :m5, :m5v, '2024-05-01')) AS suspend_noreason
\gset
RESET SESSION AUTHORIZATION;
SELECT max(id) AS audit_before_leave FROM audit.log \gset
SET SESSION AUTHORIZATION :"a1";
SELECT app.member_leave(:m3, :m3v, '2024-05-01', '3', '严重违纪') AS done1,
       app.member_death(:m4, :m4v, '2024-06-02', '病故') AS done2,
       app.member_suspend(:m5, :m5v, '2024-07-03', '1', '定居加拿大') AS done3 \gset
SELECT pg_temp.fails_with(format('SELECT app.member_death(%s, %s, %L, NULL)', :m3, :m3v + 1, '2024-08-01')) AS death_again,
       pg_temp.fails_with(format('SELECT app.member_restore(%s, %s, %L)', :m3, :m3v + 1, '误操作')) AS restore_branch
\gset
RESET SESSION AUTHORIZATION;
SELECT is(ARRAY(SELECT action || ' ' || table_name FROM audit.log
                 WHERE id > :audit_before_leave AND table_name = 'app.person' AND row_key = :m3::text
                    OR (id > :audit_before_leave AND table_name <> 'app.person'
                        AND (after ->> 'person_id')::bigint = :m3)
                 ORDER BY id),
          ARRAY['UPDATE app.person', 'UPDATE app.org_relation', 'INSERT app.standing'],
          '出党 is audited: the person, the 组织关系 closed, the 党籍信息 row');
SELECT is(ARRAY(SELECT DISTINCT clerk FROM audit.log WHERE id > :audit_before_leave), ARRAY[:'a1'],
          'under the clerk''s name, though the workflow runs as the owner');
SELECT is(:'leave_nokind'::text, 'DJ002 出党方式是必填项，请选择', '出党 needs its kind');
SELECT is(:'leave_cancel_full'::text, 'DJ002 只有预备党员才能取消预备党员资格', '取消预备党员资格 only for probationary members');
SELECT is(:'leave_future'::text, format('DJ002 出党日期“%s”晚于今天，请核对', current_date + 1), 'no date after today');
SELECT is(:'leave_early'::text, 'DJ002 出党日期（2000-01-01）早于入党日期（2008-03-01），请核对', 'nor before joining');
SELECT alike(:'leave_stale'::text, 'DJ001 “T40王芳”的信息已由 % 于 % 修改并保存%', 'the workflows check the version too');
SELECT is(:'suspend_noreason'::text, 'DJ002 停止党籍原因是必填项，请选择', '停止党籍 needs its reason');
SELECT is(ARRAY(SELECT concat_ws(' ', name, history_reason, history_on, exit_kind, suspend_reason, history_detail)
                  FROM app.person WHERE id IN (:m3, :m4, :m5) ORDER BY id),
          ARRAY['T40王芳 1 2024-05-01 3 严重违纪', 'T40赵强 2 2024-06-02 病故', 'T40钱敏 3 2024-07-03 1 定居加拿大'],
          '出党, 死亡 and 停止党籍 make the member historical with date, kind or reason, and the detail');
SELECT is(ARRAY(SELECT p.name || ' ' || r.to_date FROM app.org_relation r JOIN app.person p ON p.id = r.person_id
                 WHERE r.person_id IN (:m3, :m4, :m5) ORDER BY p.id),
          ARRAY['T40王芳 2024-05-01', 'T40赵强 2024-06-02', 'T40钱敏 2024-07-03'],
          'their 组织关系 ends that day');
SELECT is(ARRAY(SELECT event || ' ' || note FROM app.standing
                 WHERE person_id IN (:m3, :m5) AND event_date >= '2024-01-01' ORDER BY person_id),
          ARRAY['note 出党（开除党籍）：严重违纪', 'suspend 出国（境）定居：定居加拿大'],
          'and 党籍信息 records the event');
SELECT is(:'death_again'::text, 'DJ003 “T40王芳”已是历史党员（出党，2024-05-01），不能再办理死亡',
          'a historical member cannot leave twice');
SELECT alike(:'restore_branch'::text, '42501 %', 'a branch clerk cannot restore (not even call it)');
SET SESSION AUTHORIZATION :"a1";
SELECT array_agg(name::text ORDER BY id) AS hist
  FROM app.member_page(:org_a1, false, NULL, NULL, NULL, true, NULL, NULL, false, 50) \gset
SELECT array_agg(name::text ORDER BY id) AS curr
  FROM app.member_page(:org_a1, false, NULL, NULL, NULL, false, NULL, NULL, false, 50) \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'hist'::text[], ARRAY['T40王芳', 'T40赵强', 'T40钱敏'],
          'the 历史党员 list shows them');
SELECT ok(NOT (:'curr'::text[] && ARRAY['T40王芳', 'T40赵强', 'T40钱敏']) AND 'T40张伟' = ANY (:'curr'::text[]),
          'the current list no longer does');

-- Restore: administrators only, with a reason, audited.
SELECT max(id) AS audit_before_restore FROM audit.log \gset
SET SESSION AUTHORIZATION :"plain";
SELECT pg_temp.fails_with(format('SELECT app.member_restore(%s, %s, %L)', :m3, :m3v + 1, '误操作')) AS restore_plain
\gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"aud";
SELECT pg_temp.fails_with(format('SELECT app.member_leave(%s, %s, %L, %L, NULL)', :m2, :m2v, '2024-05-01', '4')) AS leave_auditor
\gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"admin";
SELECT pg_temp.fails_with(format('SELECT app.member_restore(%s, %s, %L)', :m3, :m3v + 1, ' ')) AS restore_noreason
\gset
SELECT app.member_restore(:m3, :m3v + 1, '经复查，处分决定已撤销') AS done4 \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'restore_plain'::text, 'DJ003 只有管理员才能恢复历史党员；如需恢复，请联系上级组织的管理员',
          'a district clerk who is not an administrator cannot restore');
SELECT alike(:'leave_auditor'::text, '42501 %', 'an auditor cannot run the workflows at all');
SELECT is(:'restore_noreason'::text, 'DJ002 恢复的原因是必填项，请填写', 'a restore needs its reason');
SELECT is((SELECT concat_ws(' ', history_reason IS NULL, history_on IS NULL, exit_kind IS NULL, history_detail IS NULL)
             FROM app.person WHERE id = :m3),
          't t t t', 'the administrator restores: the member is current again');
SELECT is((SELECT count(*) FROM app.org_relation WHERE person_id = :m3 AND to_date IS NULL), 1::bigint,
          'with an open 组织关系 again');
SELECT is(ARRAY(SELECT action || ' ' || coalesce(table_name, '') FROM audit.log
                 WHERE id > :audit_before_restore AND clerk = :'admin' ORDER BY id),
          ARRAY['UPDATE app.person', 'INSERT app.standing', 'INSERT app.org_relation', 'NOTE '],
          'the audit log shows the restore: the person, 党籍信息, 组织关系 and a note');
SELECT alike((SELECT note FROM audit.log WHERE id > :audit_before_restore AND action = 'NOTE'),
            '恢复历史党员“T40王芳”%原为出党，2024-05-01%经复查，处分决定已撤销',
            'the note carries who, what was undone and the reason');
SET SESSION AUTHORIZATION :"admin";
SELECT count(*) AS admin_sees FROM audit.log WHERE id > :audit_before_restore AND action = 'NOTE' \gset
RESET SESSION AUTHORIZATION;
SELECT ok(:admin_sees = 1, 'and the administrator reads it in the district''s log');

-- ---------------------------------------------------------------------------
-- People are never deleted.
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.fails_with(format('DELETE FROM app.person WHERE id = %s', :m4)) AS del_clerk \gset
RESET SESSION AUTHORIZATION;
SELECT alike(:'del_clerk'::text, '42501 %', 'a clerk cannot delete a person');
SELECT alike(pg_temp.fails_with(format('DELETE FROM app.person WHERE id = %s', :m4)), '23001 人员记录不能删除%',
            'nor can the owner or the superuser');

-- The catalog: what clerks may call.
SET SESSION AUTHORIZATION :"a1";
SELECT pg_temp.fails_with(format('SELECT app.record_insert(%L, %s, %L)', 'reward', :m1,
                                 '{"kind": "17", "reward_date": "2020-01-01", "org_key": "001."}')) AS raw_insert \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'raw_insert'::text, '22023 record_insert: a field outside the form reward',
          'the insert helper takes only the form''s fields, also when called directly');
SELECT ok(NOT has_function_privilege(:'a1', 'app.member_restore(bigint, integer, text)', 'EXECUTE'),
          'a branch clerk may not even call restore');
SELECT ok(NOT has_function_privilege(:'aud', 'app.member_add(bigint, jsonb, jsonb, jsonb, jsonb, jsonb)', 'EXECUTE'),
          'an auditor may not call the wizard');
SELECT ok(NOT has_column_privilege(meta.role('city'), 'app.person', 'history_reason', 'UPDATE')
          AND NOT has_column_privilege(meta.role('city'), 'app.person', 'exit_kind', 'INSERT'),
          'no clerk level writes the history columns directly');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.pronamespace = 'app'::regnamespace AND p.prosecdef
                   AND p.proname IN ('member_add', 'record_add', 'record_update', 'record_delete',
                                     'person_update', 'person_get', 'record_get')),
          '{}'::text[], 'the wizard and the tabs run with the clerk''s rights (row-level security decides)');

SELECT * FROM finish();
ROLLBACK;

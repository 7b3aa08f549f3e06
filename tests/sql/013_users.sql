-- 013: the user functions.  Their shape in the catalog ({useradmin} owns them
-- and nothing else), then, impersonating clerks with SET SESSION AUTHORIZATION:
-- who may add, list and disable clerks, scope and level refusals with the same
-- "不存在" for foreign and missing names, bad names (quotes, injection text),
-- passwords that are not client-side SCRAM verifiers, and the ways a clerk might
-- try to escalate.  Logins with real passwords are tests/db/test_user.c's.
-- Clerk names carry the database's role prefix (meta.role('t_users_...')).
BEGIN;
SELECT plan(81);

CREATE FUNCTION pg_temp.fails_with(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st  text;
    msg text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ' ' || msg;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.fails_with(text) TO PUBLIC;

-- A SCRAM-SHA-256 verifier as PQencryptPasswordConn makes it (of "secret-1"),
-- and a second one (of "secret-2") for the password change.
\set pw 'SCRAM-SHA-256$4096:BZXFtH1iS5PpjiEK+EOQbQ==$/RAYMIAaiC7bPPNdsrxvae6YHOZfco0+ODNr2zyQqmQ=:+pMvDQsgJDVFAdwUdTPW/FGvuzLfK2T+8tqjIrvnEY8='
\set pw2 'SCRAM-SHA-256$4096:pRczppGORWPMsQr4AzPx8A==$8O9CskDpxcQI2cNcBztb2jDY/ufzwhjpmkqJ+Srl37s=:3kx29JYoZ44Xgr5twOxILy599F/iJafrtJ9feDMrIbY='

-- ---------------------------------------------------------------------------
-- Catalog
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
                 WHERE p.proowner = (SELECT oid FROM pg_roles WHERE rolname = meta.role('useradmin'))
                 ORDER BY 1),
          ARRAY['app.change_my_password(text)', 'app.user_add(text,text,text,text,boolean)',
                'app.user_disable(text)', 'app.user_list()'],
          '{useradmin} owns exactly the four user functions');
SELECT is((SELECT count(*) FROM pg_class
            WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = meta.role('useradmin'))),
          0::bigint, '{useradmin} owns no table, view or sequence');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc p
                 WHERE p.proowner = (SELECT oid FROM pg_roles WHERE rolname = meta.role('useradmin'))
                   AND p.prosecdef AND p.proconfig = ARRAY['search_path=pg_catalog, pg_temp']
                 ORDER BY 1),
          ARRAY['change_my_password', 'user_add', 'user_disable', 'user_list'],
          'each is SECURITY DEFINER with search_path pinned to pg_catalog, pg_temp');
SELECT is((SELECT rolcreaterole::text || rolcanlogin::text || rolsuper::text || rolbypassrls::text
             FROM pg_roles WHERE rolname = meta.role('useradmin')),
          'truefalsefalsefalse', '{useradmin}: CREATEROLE, no login, not superuser, no BYPASSRLS');
SELECT is((SELECT count(*) FROM pg_auth_members
            WHERE roleid = (SELECT oid FROM pg_roles WHERE rolname = meta.role('useradmin'))),
          0::bigint, 'nobody is a member of {useradmin} (nobody can SET ROLE to it)');
SELECT is(ARRAY(SELECT f FROM unnest(ARRAY['app.user_add(text,text,text,text,boolean)', 'app.user_list()',
                                           'app.user_disable(text)', 'app.change_my_password(text)']) AS f
                 WHERE has_function_privilege('public', f, 'EXECUTE')),
          '{}'::text[], 'PUBLIC may execute none of them');
SELECT ok((SELECT bool_and(has_function_privilege(meta.role('clerk'), f, 'EXECUTE'))
             FROM unnest(ARRAY['app.user_add(text,text,text,text,boolean)', 'app.user_list()',
                               'app.user_disable(text)', 'app.change_my_password(text)']) AS f),
          'clerks may call them (they judge the caller themselves)');

-- ---------------------------------------------------------------------------
-- The tree: districts A and B, a branch in each; a dissolved branch in A.
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T13甲区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T13乙区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T13甲支部' FROM app.org WHERE name = 'T13甲区委';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T13乙支部' FROM app.org WHERE name = 'T13乙区委';
INSERT INTO app.org (parent_id, kind, name, state, dissolved_on)
SELECT id, '6', 'T13甲旧支部', 'dissolved', date '2020-01-01' FROM app.org WHERE name = 'T13甲区委';
SELECT (SELECT code FROM app.org WHERE name = 'T13甲区委') AS code_a,
       (SELECT code FROM app.org WHERE name = 'T13乙区委') AS code_b,
       (SELECT code FROM app.org WHERE name = 'T13甲支部') AS code_a1,
       (SELECT code FROM app.org WHERE name = 'T13乙支部') AS code_b1,
       (SELECT code FROM app.org WHERE name = 'T13甲旧支部') AS code_a_old,
       (SELECT path_key FROM app.org WHERE name = 'T13甲区委') AS key_a,
       meta.role('t_users_admin_a') AS admin_a, meta.role('t_users_admin_b') AS admin_b,
       meta.role('t_users_branch_a') AS branch_a, meta.role('t_users_branch_b') AS branch_b,
       meta.role('t_users_plain_a') AS plain_a, meta.role('t_users_second_a') AS second_a,
       meta.role('t_users_city') AS city_clerk, meta.role('t_users_aud_a') AS aud_a,
       meta.role('city') AS city_group, meta.role('useradmin') AS useradmin,
       meta.role('owner') AS owner_role \gset

-- ---------------------------------------------------------------------------
-- The superuser adds administrators and clerks anywhere.
SELECT lives_ok(format('SELECT app.user_add(%L, %L, ''district'', %L, true)', :'admin_a', :'code_a', :'pw'),
                'the superuser adds an administrator for district A');
SELECT is((SELECT level || ' ' || is_admin || ' ' || must_change_password || ' ' || disabled || ' ' || created_by
             FROM app.clerk WHERE role_name = :'admin_a'),
          'district true true false ' || session_user, 'its app.clerk row: level, admin, must change the password');
SELECT is((SELECT array_agg(o.code) FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
            WHERE s.role_name = :'admin_a'), ARRAY[:'code_a'], 'its scope is district A');
SELECT is((SELECT rolcanlogin::text || rolsuper::text || rolcreaterole::text || rolcreatedb::text
                  || rolbypassrls::text || rolinherit::text
             FROM pg_roles WHERE rolname = :'admin_a'),
          'truefalsefalsefalsefalsetrue', 'the login role: LOGIN, nothing else');
SELECT is((SELECT rolpassword FROM pg_authid WHERE rolname = :'admin_a'), :'pw',
          'its password is the verifier as sent (no clear text ever reached the server)');
SELECT is(ARRAY(SELECT r.rolname::text FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                 WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = :'admin_a') ORDER BY 1),
          ARRAY[meta.role('clerk'), meta.role('district')], 'it is in {clerk} and {district}, nothing else');
SELECT lives_ok(format('SELECT app.user_add(%L, %L, ''district'', %L, true)', :'admin_b', :'code_b', :'pw'),
                'and one for district B');
SELECT lives_ok(format('SELECT app.user_add(%L, %L, ''branch'', %L)', :'branch_b', :'code_b1', :'pw'),
                'and a branch clerk in district B');
SELECT lives_ok(format('SELECT app.user_add(%L, ''001'', ''city'', %L)', :'city_clerk', :'pw'),
                'and a city clerk');
SELECT lives_ok(format('SELECT app.user_add(%L, %L, ''district'', %L)', :'plain_a', :'code_a', :'pw'),
                'and a district clerk of A who is not an administrator');

-- Bad names, levels, passwords, organizations (as the superuser: nothing else in the way).
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)',
                                    'x"; drop table app.person; --', :'code_a1', :'pw')),
          'P0001 用户名“x"; drop table app.person; --”不可用：只能由小写英文字母、数字和下划线组成，以字母或下划线开头，2至63个字符',
          'injection text as a name is refused, and named verbatim');
SELECT has_table('app', 'person', 'app.person is still there');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', 'o''brien', :'code_a1', :'pw')),
               '^P0001 用户名“o''brien”不可用', 'a quote in a name is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', 'Zhang', :'code_a1', :'pw')),
               '^P0001 用户名“Zhang”不可用', 'capital letters are refused (the name would need quoting)');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', '张三', :'code_a1', :'pw')),
               '^P0001 用户名“张三”不可用', 'Chinese characters are refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', 'a', :'code_a1', :'pw')),
               '^P0001 用户名“a”不可用', 'a one-letter name is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', repeat('a', 64), :'code_a1', :'pw')),
               '^P0001 用户名“a+”不可用', 'a 64-character name is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', E'ab\\cd', :'code_a1', :'pw')),
               '^P0001 用户名“ab\\cd”不可用', 'a backslash is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(NULL, %L, ''branch'', %L)', :'code_a1', :'pw')),
               '^P0001 用户名“”不可用', 'no name is refused');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', :'owner_role', :'code_a1', :'pw')),
          'P0001 用户名“' || :'owner_role' || '”是系统保留的名称，请换一个', 'the owner role''s name is reserved');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', 'pg_dj', :'code_a1', :'pw')),
               '^P0001 用户名“pg_dj”是系统保留的名称', 'pg_ names are reserved');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', session_user, :'code_a1', :'pw')),
          'P0001 用户名“' || session_user || '”已被使用，请换一个', 'an existing role (the superuser) is refused');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''branch'', ''secret-1'')', :'code_a1')),
          'P0001 密码必须在客户端加密后传送（SCRAM-SHA-256），不能传送明文', 'a clear-text password is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''branch'', %L)', :'code_a1',
                                         'SCRAM-SHA-256$4096:x'' VALID UNTIL ''2000-01-01')),
               '^P0001 密码必须在客户端加密后传送', 'a "verifier" with SQL in it is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''branch'', %L)', :'code_a1',
                                         'md5' || md5('secret-1t_users_x'))),
               '^P0001 密码必须在客户端加密后传送', 'an md5 hash is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''owner'', %L)', :'code_a1', :'pw')),
               '^P0001 用户级别“owner”不正确', 'the level "owner" is refused');
SELECT matches(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''useradmin'', %L)', :'code_a1', :'pw')),
               '^P0001 用户级别“useradmin”不正确', 'the level "useradmin" is refused');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''branch'', %L, true)', :'code_a1', :'pw')),
          'P0001 只有区县委/大口委办或市委级别的用户才能当管理员', 'a branch clerk cannot be an administrator');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', ''001.999'', ''branch'', %L)', :'pw')),
          'P0001 党组织“001.999”不存在', 'an unknown organization is refused');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''branch'', %L)', :'code_a', :'pw')),
          'P0001 “支部”级别的用户只能设在党支部或党小组，“T13甲区委”不是',
          'a level that does not fit the organization is refused');
SELECT is(pg_temp.fails_with(format('SELECT app.user_add(''t_users_x'', %L, ''branch'', %L)', :'code_a_old', :'pw')),
          'P0001 党组织“T13甲旧支部”已撤销，不能为它添加用户', 'a dissolved organization gets no clerks');
SELECT is((SELECT count(*) FROM pg_roles WHERE rolname = 't_users_x'), 0::bigint,
          'none of the refused calls left a role behind');

-- ---------------------------------------------------------------------------
-- District A's administrator.
SELECT max(id) AS audit_mark FROM audit.log \gset
SET SESSION AUTHORIZATION :"admin_a";
SELECT pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''branch'', %L)', :'branch_a', :'code_a1', :'pw')) AS add_in,
       pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''district'', %L, true)', :'second_a', :'code_a', :'pw')) AS add_peer,
       pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''auditor'', %L)', :'aud_a', :'code_a', :'pw')) AS add_auditor,
       pg_temp.fails_with(format('SELECT app.user_add(''t_users_y'', %L, ''branch'', %L)', :'code_b1', :'pw')) AS add_foreign,
       pg_temp.fails_with(format('SELECT app.user_add(''t_users_y'', ''001.998'', ''branch'', %L)', :'pw')) AS add_missing,
       pg_temp.fails_with(format('SELECT app.user_add(''t_users_y'', ''001'', ''city'', %L)', :'pw')) AS add_city,
       pg_temp.fails_with(format('SELECT app.user_add(''t_users_y'', ''001'', ''auditor'', %L)', :'pw')) AS add_city_auditor,
       pg_temp.fails_with(format('SELECT app.user_add(%L, %L, ''district'', %L, true)', :'admin_a', :'code_a', :'pw')) AS add_self \gset
SELECT pg_temp.fails_with(format('CREATE ROLE t_users_z SUPERUSER LOGIN')) AS create_super,
       pg_temp.fails_with(format('CREATE ROLE t_users_z LOGIN')) AS create_role,
       pg_temp.fails_with(format('GRANT %I TO %I', :'city_group', :'admin_a')) AS grant_city,
       pg_temp.fails_with(format('GRANT %I TO %I', :'useradmin', :'admin_a')) AS grant_useradmin,
       pg_temp.fails_with(format('SET ROLE %I', :'useradmin')) AS set_useradmin,
       pg_temp.fails_with(format('SET ROLE %I', :'owner_role')) AS set_owner,
       pg_temp.fails_with(format('ALTER ROLE %I CREATEROLE', :'admin_a')) AS alter_self,
       pg_temp.fails_with(format('ALTER ROLE %I PASSWORD %L', :'branch_b', :'pw')) AS alter_other,
       pg_temp.fails_with('INSERT INTO app.clerk (role_name, level) VALUES (''t_users_forged'', ''city'')') AS forge_clerk \gset
SELECT string_agg(role_name || '@' || org_code, ' ' ORDER BY role_name) AS listed FROM app.user_list() \gset
SELECT pg_temp.fails_with(format('SELECT app.user_disable(%L)', :'branch_b')) AS disable_foreign,
       pg_temp.fails_with('SELECT app.user_disable(''t_users_nobody'')') AS disable_missing,
       pg_temp.fails_with(format('SELECT app.user_disable(%L)', :'city_clerk')) AS disable_city,
       pg_temp.fails_with(format('SELECT app.user_disable(%L)', :'owner_role')) AS disable_owner,
       pg_temp.fails_with(format('SELECT app.user_disable(%L)', :'admin_a')) AS disable_self,
       pg_temp.fails_with(format('SELECT app.user_disable(%L)', :'branch_a')) AS disable_in,
       pg_temp.fails_with('SELECT app.change_my_password(''secret-2'')') AS passwd_plain,
       pg_temp.fails_with(format('SELECT app.change_my_password(%L)', :'pw2')) AS passwd \gset
RESET SESSION AUTHORIZATION;

SELECT is(:'add_in'::text, 'ok', 'the administrator adds a branch clerk inside its district');
SELECT is((SELECT created_by FROM app.clerk WHERE role_name = :'branch_a'), :'admin_a',
          'created_by names the administrator');
SELECT is(:'add_peer'::text, 'ok', 'and another administrator of its own level and district');
SELECT is(:'add_auditor'::text, 'ok', 'and an auditor for its district');
SELECT is(:'add_foreign'::text, 'P0001 党组织“' || :'code_b1' || '”不存在',
          'a branch in district B: "不存在"');
SELECT is(regexp_replace(:'add_foreign', '“[^”]*”', '“…”'), regexp_replace(:'add_missing', '“[^”]*”', '“…”'),
          'the very same words as for an organization that does not exist');
SELECT is(:'add_city'::text, 'P0001 不能添加级别高于自己的用户（“市委”高于“区县委/大口委办”）',
          'a city clerk: refused for its level');
SELECT is(:'add_city_auditor'::text, 'P0001 党组织“001”不存在', 'an auditor for the whole city: outside the scope');
SELECT is(:'add_self'::text, 'P0001 用户名“' || :'admin_a' || '”已被使用，请换一个',
          'it cannot re-add itself with other rights');
SELECT matches(:'create_super'::text, '^42501 ', 'it cannot create a superuser itself');
SELECT matches(:'create_role'::text, '^42501 ', 'nor any role');
SELECT matches(:'grant_city'::text, '^42501 ', 'it cannot grant itself {city}');
SELECT matches(:'grant_useradmin'::text, '^42501 ', 'nor {useradmin}');
SELECT matches(:'set_useradmin'::text, '^42501 ', 'it cannot SET ROLE to {useradmin}');
SELECT matches(:'set_owner'::text, '^42501 ', 'nor to the owner');
SELECT matches(:'alter_self'::text, '^42501 ', 'it cannot give itself CREATEROLE');
SELECT matches(:'alter_other'::text, '^42501 ', 'it cannot set another clerk''s password directly');
SELECT matches(:'forge_clerk'::text, '^42501 ', 'it cannot write app.clerk directly');
SELECT is(:'listed'::text,
          array_to_string(ARRAY(SELECT x FROM unnest(ARRAY[:'admin_a' || '@' || :'code_a', :'aud_a' || '@' || :'code_a',
                                                           :'branch_a' || '@' || :'code_a1', :'plain_a' || '@' || :'code_a',
                                                           :'second_a' || '@' || :'code_a']) AS x ORDER BY x), ' '),
          'user_list shows exactly the clerks of district A');
SELECT is(:'disable_foreign'::text, 'P0001 用户“' || :'branch_b' || '”不存在', 'disabling a clerk of district B: "不存在"');
SELECT is(:'disable_missing'::text, 'P0001 用户“t_users_nobody”不存在', 'the same words as for a name that does not exist');
SELECT is(:'disable_city'::text, 'P0001 用户“' || :'city_clerk' || '”不存在', 'a city clerk: "不存在"');
SELECT is(:'disable_owner'::text, 'P0001 用户“' || :'owner_role' || '”不存在', 'the owner role: "不存在"');
SELECT is(:'disable_self'::text, 'P0001 不能停用自己的用户名', 'it cannot disable itself');
SELECT is(:'disable_in'::text, 'ok', 'it disables a clerk of its district');
SELECT is((SELECT disabled::text || ' ' || (SELECT rolcanlogin FROM pg_roles WHERE rolname = :'branch_a')
             FROM app.clerk WHERE role_name = :'branch_a'),
          'true false', 'disabled: the flag is set and the role can no longer log in');
SELECT is(:'passwd_plain'::text, 'P0001 密码必须在客户端加密后传送（SCRAM-SHA-256），不能传送明文',
          'its own password in clear text is refused');
SELECT is(:'passwd'::text, 'ok', 'it changes its own password');
SELECT is((SELECT rolpassword FROM pg_authid WHERE rolname = :'admin_a'), :'pw2', 'the new verifier is stored');
SELECT is((SELECT must_change_password FROM app.clerk WHERE role_name = :'admin_a'), false,
          'and it no longer must change its password');

-- What the log says about it.
SELECT is(ARRAY(SELECT action || ' ' || table_name || ' ' || coalesce(before ->> 'disabled', '-')
                        || ' ' || (after ->> 'disabled')
                   FROM audit.log
                  WHERE id > :audit_mark AND row_key = :'branch_a' AND table_name = 'app.clerk'
                    AND (action = 'INSERT' OR before ->> 'disabled' <> after ->> 'disabled')
                  ORDER BY id),
          ARRAY['INSERT app.clerk - false', 'UPDATE app.clerk false true'],
          'adding and disabling a clerk are logged');
SELECT is((SELECT array_agg(DISTINCT clerk) FROM audit.log WHERE id > :audit_mark), ARRAY[:'admin_a'],
          'under the administrator''s name');
SELECT is((SELECT count(*) FROM audit.log
            WHERE id > :audit_mark AND action = 'NOTE' AND note LIKE '添加用户 ' || :'branch_a' || '：支部级别%'
              AND org_key >= :'key_a' AND org_key < app.key_upper(:'key_a')),
          1::bigint, 'with a note filed under district A naming the new clerk');
SELECT is((SELECT count(*) FROM audit.log
            WHERE id > :audit_mark AND action = 'NOTE' AND note = '修改了自己的密码' AND clerk = :'admin_a'),
          1::bigint, 'a password change leaves a note');

-- ---------------------------------------------------------------------------
-- Not administrators.
SET SESSION AUTHORIZATION :"plain_a";
SELECT pg_temp.fails_with(format('SELECT app.user_add(''t_users_y'', %L, ''branch'', %L)', :'code_a1', :'pw')) AS plain_add,
       pg_temp.fails_with('SELECT * FROM app.user_list()') AS plain_list,
       pg_temp.fails_with(format('SELECT app.user_disable(%L)', :'second_a')) AS plain_disable,
       pg_temp.fails_with(format('SELECT app.change_my_password(%L)', :'pw2')) AS plain_passwd \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'plain_add'::text, 'P0001 只有管理员才能添加用户', 'a district clerk who is no administrator cannot add clerks');
SELECT is(:'plain_list'::text, 'P0001 只有管理员才能查看用户列表', 'nor list them');
SELECT is(:'plain_disable'::text, 'P0001 只有管理员才能停用用户', 'nor disable them');
SELECT is(:'plain_passwd'::text, 'ok', 'but changes its own password');

SET SESSION AUTHORIZATION :"branch_a";
SELECT pg_temp.fails_with(format('SELECT app.change_my_password(%L)', :'pw2')) AS disabled_passwd \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'disabled_passwd'::text, 'P0001 只有本系统的用户才能在这里修改自己的密码',
          'a disabled clerk cannot change its password');
SELECT is(pg_temp.fails_with(format('SELECT app.change_my_password(%L)', :'pw2')),
          'P0001 只有本系统的用户才能在这里修改自己的密码', 'nor can the superuser change its own through it');

-- A disabled administrator is no administrator.
SELECT lives_ok(format('SELECT app.user_disable(%L)', :'second_a'), 'the superuser disables an administrator');
SET SESSION AUTHORIZATION :"second_a";
SELECT pg_temp.fails_with(format('SELECT app.user_add(''t_users_y'', %L, ''branch'', %L)', :'code_a1', :'pw')) AS disabled_add \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'disabled_add'::text, 'P0001 只有管理员才能添加用户', 'who can then add no clerks');

SELECT * FROM finish();
ROLLBACK;

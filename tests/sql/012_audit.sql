-- 012: the audit log.  Every table of app carries the audit trigger (catalog);
-- inserts, updates and deletes leave rows with the clerk, one transaction id,
-- the row before and after and its scope key; the log cannot be changed by
-- anyone, the owner and the superuser included; clerks cannot write it and
-- read it only as auditors or administrators, within their subtree.
-- Clerks are impersonated with SET SESSION AUTHORIZATION (the trigger keys on
-- session_user); their roles are prefixed with the database's name.
BEGIN;
SELECT plan(51);

-- ---------------------------------------------------------------------------
-- Catalog
SELECT is(ARRAY(SELECT c.relname::text FROM pg_class c
                 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'p')
                   AND NOT EXISTS (
                       SELECT 1 FROM pg_trigger t
                        WHERE t.tgrelid = c.oid AND t.tgname = 'a90_audit'
                          AND t.tgfoid = 'audit.tg_log()'::regprocedure
                          AND t.tgenabled = 'O'
                          -- FOR EACH ROW (1), AFTER (no 2), INSERT (4), DELETE (8), UPDATE (16)
                          AND t.tgtype = 1 | 4 | 8 | 16)
                 ORDER BY 1),
          '{}'::text[], 'every table of schema app carries the AFTER ROW audit trigger a90_audit');
SELECT ok((SELECT count(*) FROM pg_class
            WHERE relnamespace = 'app'::regnamespace AND relkind IN ('r', 'p')) >= 14,
          'and there are tables to check (app.org, app.person, the record sets, app.clerk ...)');
SELECT ok((SELECT prosecdef FROM pg_proc WHERE oid = 'audit.tg_log()'::regprocedure),
          'the audit trigger function is SECURITY DEFINER');
SELECT is((SELECT pg_get_userbyid(proowner)::text FROM pg_proc WHERE oid = 'audit.tg_log()'::regprocedure),
          meta.role('owner'), 'owned by the owner role');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'audit.log'::regclass),
          'audit.log has row-level security enabled and forced');
SELECT is(ARRAY(SELECT r || ':' || p FROM unnest(ARRAY['clerk', 'branch', 'district', 'city', 'auditor'])
                                                 AS r,
                      unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p
                 WHERE has_table_privilege(meta.role(r), 'audit.log', p)),
          '{}'::text[], 'no clerk group may insert, update, delete or truncate audit.log');
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY['clerk', 'branch', 'general_branch', 'committee', 'district',
                                           'city', 'auditor']) AS r
                 WHERE has_table_privilege(meta.role(r), 'audit.log', 'SELECT') ORDER BY 1),
          ARRAY['auditor', 'city', 'district'],
          'only auditors, district and city clerks may select from it (the policy narrows that)');
SELECT ok(NOT has_function_privilege(meta.role('clerk'), 'audit.record_load(text, bigint)', 'EXECUTE'),
          'clerks may not record a bulk load');

-- ---------------------------------------------------------------------------
-- The tree: districts A and B, a branch in each, a member in each.
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T12甲区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T12乙区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T12甲支部' FROM app.org WHERE name = 'T12甲区委';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T12乙支部' FROM app.org WHERE name = 'T12乙区委';
INSERT INTO app.person (name, sex, stage, org_id) SELECT 'T12甲', '1', '1', id FROM app.org WHERE name = 'T12甲支部';
INSERT INTO app.person (name, sex, stage, org_id) SELECT 'T12乙', '2', '1', id FROM app.org WHERE name = 'T12乙支部';
SELECT (SELECT path_key FROM app.org WHERE name = 'T12甲区委') AS key_a,
       (SELECT path_key FROM app.org WHERE name = 'T12甲支部') AS key_a1,
       (SELECT path_key FROM app.org WHERE name = 'T12乙支部') AS key_b1,
       (SELECT path_key FROM app.org WHERE parent_id IS NULL) AS key_root,
       (SELECT id FROM app.org WHERE name = 'T12甲支部') AS org_a1,
       (SELECT id FROM app.org WHERE name = 'T12乙支部') AS org_b1,
       (SELECT id FROM app.person WHERE name = 'T12甲') AS person_a,
       txid_current() AS tx \gset

SELECT is((SELECT array_agg(action || ' ' || table_name || ' ' || org_key ORDER BY id) FROM audit.log
            WHERE txid = txid_current() AND table_name = 'app.person'),
          ARRAY['INSERT app.person ' || :'key_a1', 'INSERT app.person ' || :'key_b1'],
          'inserting people logs one row each, keyed by the organization''s path_key');
SELECT is((SELECT org_key FROM audit.log WHERE table_name = 'app.org' AND after ->> 'name' = 'T12甲支部'),
          :'key_a1', 'an organization''s row is keyed by its own path_key');
SELECT is((SELECT clerk FROM audit.log WHERE table_name = 'app.org' AND after ->> 'name' = 'T12甲支部'),
          session_user::text, 'the superuser''s own changes carry its name');

-- Clerks: a writer in branch A1 (given plain rights for this test only, so
-- that it does not depend on the clerk policies of 011), auditors of A and of
-- the city, an administrator and a plain clerk of district A, a branch clerk.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
            ('t_audit_writer', 'branch', 'T12甲支部', false), ('t_audit_aud_a', 'auditor', 'T12甲区委', false),
            ('t_audit_aud_city', 'auditor', NULL, false), ('t_audit_admin_a', 'district', 'T12甲区委', true),
            ('t_audit_plain_a', 'district', 'T12甲区委', false), ('t_audit_branch', 'branch', 'T12甲支部', false))
            AS v(n, lvl, org, adm) LOOP
        PERFORM meta.ddl(format('CREATE ROLE {%s} LOGIN', r.n));
        PERFORM meta.ddl(format('GRANT {clerk}, {%s} TO {%s}', r.lvl, r.n));
        INSERT INTO app.clerk (role_name, level, is_admin, must_change_password)
        VALUES (meta.role(r.n), r.lvl, r.adm, false);
        INSERT INTO app.clerk_scope (role_name, org_id)
        SELECT meta.role(r.n), id FROM app.org
         WHERE (r.org IS NULL AND parent_id IS NULL) OR name = r.org;
    END LOOP;
    PERFORM meta.ddl('GRANT SELECT, INSERT, UPDATE, DELETE ON app.reward TO {t_audit_writer}');
    PERFORM meta.ddl('GRANT SELECT ON app.person TO {t_audit_writer}');
    PERFORM meta.ddl('CREATE POLICY t_audit_writer ON app.reward TO {t_audit_writer} USING (true) WITH CHECK (true)');
END
$$;
SELECT meta.role('t_audit_writer') AS writer, meta.role('t_audit_aud_a') AS aud_a,
       meta.role('t_audit_aud_city') AS aud_city, meta.role('t_audit_admin_a') AS admin_a,
       meta.role('t_audit_plain_a') AS plain_a, meta.role('t_audit_branch') AS branch,
       meta.role('owner') AS owner \gset

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
GRANT EXECUTE ON FUNCTION pg_temp.fails_with(text) TO PUBLIC;

-- ---------------------------------------------------------------------------
-- A clerk's insert, update and delete.
SELECT max(id) AS before_writer FROM audit.log \gset
SET SESSION AUTHORIZATION :"writer";
INSERT INTO app.reward (person_id, kind, title, reward_date)
SELECT :person_a, code, '优秀共产党员', date '2024-07-01' FROM code.reward_kind ORDER BY sort LIMIT 1;
UPDATE app.reward SET title = '优秀党务工作者' WHERE person_id = :person_a;
DELETE FROM app.reward WHERE person_id = :person_a;
SELECT audit.note('已确认提示：奖励日期早于入党日期');
SELECT pg_temp.fails_with(format('SELECT audit.note(%L, %s)', '越权', :org_b1)) AS note_foreign \gset
SELECT pg_temp.fails_with('INSERT INTO audit.log (action, note) VALUES (''NOTE'', ''伪造'')') AS writer_insert,
       pg_temp.fails_with('SELECT count(*) FROM audit.log') AS writer_read,
       pg_temp.fails_with('SELECT audit.record_load(''伪造'', 1)') AS writer_load \gset
RESET SESSION AUTHORIZATION;

SELECT is(ARRAY(SELECT action FROM audit.log WHERE id > :before_writer AND table_name = 'app.reward'
                 ORDER BY id),
          ARRAY['INSERT', 'UPDATE', 'DELETE'], 'a clerk''s insert, update and delete leave one row each');
SELECT is(ARRAY(SELECT DISTINCT clerk FROM audit.log WHERE id > :before_writer), ARRAY[:'writer'],
          'each names the clerk (session_user), not the owner the trigger runs as');
SELECT is(ARRAY(SELECT DISTINCT txid FROM audit.log WHERE id > :before_writer), ARRAY[txid_current()],
          'all rows of one transaction share its transaction id');
SELECT is((SELECT array_agg(DISTINCT txid) FROM audit.log WHERE txid = :tx), ARRAY[:tx::bigint],
          'the setup''s rows carry the same id: one transaction, one txid');
SELECT is((SELECT (before IS NULL) || ' ' || (after ->> 'title') FROM audit.log
            WHERE id > :before_writer AND action = 'INSERT'),
          'true 优秀共产党员', 'INSERT: no before, the whole new row after');
SELECT is((SELECT (before ->> 'title') || ' -> ' || (after ->> 'title') FROM audit.log
            WHERE id > :before_writer AND action = 'UPDATE'),
          '优秀共产党员 -> 优秀党务工作者', 'UPDATE: the row before and after');
SELECT is((SELECT (after ->> 'version') FROM audit.log WHERE id > :before_writer AND action = 'UPDATE'),
          '2', 'after is the row as stored (the stamp trigger''s version included)');
SELECT is((SELECT (before ->> 'title') || ' ' || (after IS NULL) FROM audit.log
            WHERE id > :before_writer AND action = 'DELETE'),
          '优秀党务工作者 true', 'DELETE: the row before, nothing after');
SELECT is((SELECT array_agg(DISTINCT row_key) FROM audit.log WHERE id > :before_writer AND table_name = 'app.reward'),
          (SELECT array_agg(DISTINCT before ->> 'id') FROM audit.log
            WHERE id > :before_writer AND action = 'DELETE'),
          'row_key is the primary key');
SELECT is((SELECT array_agg(DISTINCT org_key) FROM audit.log WHERE id > :before_writer AND table_name = 'app.reward'),
          ARRAY[:'key_a1'], 'a record set''s rows are keyed by their person''s organization');
SELECT is((SELECT note || ' ' || org_key || ' ' || clerk FROM audit.log
            WHERE id > :before_writer AND action = 'NOTE'),
          '已确认提示：奖励日期早于入党日期 ' || :'key_a1' || ' ' || :'writer',
          'audit.note files a note under the clerk''s scope, in the same transaction');
SELECT is(:'note_foreign'::text, 'P0001 党组织不存在', 'a note filed under a foreign organization: "not found"');
SELECT matches(:'writer_insert'::text, '^42501 ', 'a clerk cannot insert into audit.log');
SELECT matches(:'writer_read'::text, '^42501 ', 'a plain clerk cannot read audit.log');
SELECT matches(:'writer_load'::text, '^42501 ', 'a clerk cannot record a bulk load');

-- ---------------------------------------------------------------------------
-- Moves, lookup tables and the bulk-load entry.
UPDATE app.person SET org_id = :org_b1 WHERE id = :person_a;
SELECT is((SELECT org_key || ' <- ' || org_key_was FROM audit.log
            WHERE table_name = 'app.person' AND row_key = :'person_a' AND action = 'UPDATE'),
          :'key_b1' || ' <- ' || :'key_a1', 'a member moved: keyed by the new organization, and the old');
UPDATE app.person SET phone = '021-1' WHERE id = :person_a;
SELECT is((SELECT org_key_was FROM audit.log
            WHERE table_name = 'app.person' AND row_key = :'person_a' AND after ->> 'phone' = '021-1'),
          NULL, 'an update that does not move keeps org_key_was empty');
UPDATE app.setting SET num_value = num_value WHERE key = (SELECT min(key) FROM app.setting WHERE num_value IS NOT NULL);
SELECT is((SELECT org_key FROM audit.log WHERE table_name = 'app.setting' ORDER BY id DESC LIMIT 1),
          :'key_root', 'a row with no organization (a setting) is keyed by the root: city-wide readers only');
SELECT audit.record_load('演示数据 generate --preset demo', 412);
SELECT is((SELECT note || ' ' || (after ->> 'rows') || ' ' || org_key FROM audit.log WHERE action = 'LOAD'
            ORDER BY id DESC LIMIT 1),
          '演示数据 generate --preset demo 412 ' || :'key_root', 'a bulk load is one LOAD row naming it');
INSERT INTO app.org_kind_rule (kind, parent_kind) VALUES ('7', '5');
SELECT is((SELECT row_key FROM audit.log WHERE table_name = 'app.org_kind_rule' ORDER BY id DESC LIMIT 1),
          '7,5', 'a composite primary key is logged as its values joined by commas');

-- ---------------------------------------------------------------------------
-- Nobody changes the log.
SELECT throws_ok('UPDATE audit.log SET note = ''x''', '42501',
                 '审计日志只能追加，不能修改、删除或清空（UPDATE）', 'the superuser cannot update the log');
SELECT throws_ok('DELETE FROM audit.log', '42501',
                 '审计日志只能追加，不能修改、删除或清空（DELETE）', 'the superuser cannot delete from it');
SELECT throws_ok('TRUNCATE audit.log', '42501',
                 '审计日志只能追加，不能修改、删除或清空（TRUNCATE）', 'the superuser cannot truncate it');
SET ROLE :"owner";
SELECT pg_temp.fails_with('UPDATE audit.log SET note = ''x''') AS owner_update,
       pg_temp.fails_with('DELETE FROM audit.log WHERE true') AS owner_delete,
       pg_temp.fails_with('TRUNCATE audit.log') AS owner_truncate \gset
RESET ROLE;
SELECT is(:'owner_update'::text, '42501 审计日志只能追加，不能修改、删除或清空（UPDATE）', 'the owner cannot update the log');
SELECT is(:'owner_delete'::text, '42501 审计日志只能追加，不能修改、删除或清空（DELETE）', 'the owner cannot delete from it');
SELECT is(:'owner_truncate'::text, '42501 审计日志只能追加，不能修改、删除或清空（TRUNCATE）', 'the owner cannot truncate it');

-- ---------------------------------------------------------------------------
-- Reading.
SELECT count(*) AS n_all,
       count(*) FILTER (WHERE org_key >= :'key_a' AND org_key < app.key_upper(:'key_a')
                           OR org_key_was >= :'key_a' AND org_key_was < app.key_upper(:'key_a')) AS n_a
  FROM audit.log \gset

SET SESSION AUTHORIZATION :"aud_a";
SELECT count(*) AS aud_a_n,
       count(*) FILTER (WHERE table_name = 'app.person' AND after ->> 'name' = 'T12乙' ) AS aud_a_b,
       count(*) FILTER (WHERE table_name = 'app.person' AND action = 'UPDATE' AND org_key_was IS NOT NULL) AS aud_a_move,
       count(*) FILTER (WHERE table_name = 'app.setting') AS aud_a_setting
  FROM audit.log \gset
SELECT pg_temp.fails_with('UPDATE audit.log SET note = note') AS aud_update,
       pg_temp.fails_with('DELETE FROM audit.log') AS aud_delete,
       pg_temp.fails_with('TRUNCATE audit.log') AS aud_truncate,
       pg_temp.fails_with('INSERT INTO audit.log (action, note) VALUES (''NOTE'', ''x'')') AS aud_insert \gset
SET row_security = off;
SELECT pg_temp.fails_with('SELECT count(*) FROM audit.log') AS aud_rls_off \gset
RESET row_security;
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION :"aud_city";
SELECT count(*) AS aud_city_n FROM audit.log \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"admin_a";
SELECT count(*) AS admin_a_n FROM audit.log \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"plain_a";
SELECT count(*) AS plain_a_n FROM audit.log \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"branch";
SELECT pg_temp.fails_with('SELECT count(*) FROM audit.log') AS branch_read \gset
RESET SESSION AUTHORIZATION;

SELECT ok(:n_a > 5 AND :n_a < :n_all, 'the log holds rows inside district A and rows outside it');
SELECT is(:aud_a_n::bigint, :n_a::bigint, 'the auditor of district A reads exactly the rows of its subtree');
SELECT is(:aud_a_b::bigint, 0::bigint, 'and none of district B''s people');
SELECT is(:aud_a_move::bigint, 1::bigint, 'but it sees its member moving out to district B');
SELECT is(:aud_a_setting::bigint, 0::bigint, 'and no city-wide rows (settings)');
SELECT is(:aud_city_n::bigint, :n_all::bigint, 'a city auditor reads every row');
SELECT is(:admin_a_n::bigint, :n_a::bigint, 'district A''s administrator reads its subtree''s rows');
SELECT is(:plain_a_n::bigint, 0::bigint, 'a district clerk who is not an administrator reads none');
SELECT matches(:'branch_read'::text, '^42501 ', 'a branch clerk may not read the log at all');
SELECT matches(:'aud_update'::text, '^42501 ', 'an auditor cannot update the log');
SELECT matches(:'aud_delete'::text, '^42501 ', 'an auditor cannot delete from the log');
SELECT matches(:'aud_truncate'::text, '^42501 ', 'an auditor cannot truncate the log');
SELECT matches(:'aud_insert'::text, '^42501 ', 'an auditor cannot insert into the log');
SELECT matches(:'aud_rls_off'::text, '^42501 ', 'an auditor cannot switch row security off to read more');

SELECT * FROM finish();
ROLLBACK;

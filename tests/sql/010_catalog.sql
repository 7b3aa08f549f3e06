-- The catalog checks of SECURITY.md, over every application schema (every
-- schema but the system ones, ext, public and pgTAP's tap), so that a table,
-- policy, function or grant added carelessly by any later migration fails here:
--   tables: row-level security enabled and forced, at least one policy, write
--   policies with WITH CHECK, owned by the owner, nothing for PUBLIC; views
--   security_invoker; functions: none executable by PUBLIC, SECURITY DEFINER
--   ones with a pinned search_path ending in pg_temp, meta's helpers closed to
--   clerks; roles: no application role (the meta.role() groups, every clerk
--   login) is SUPERUSER, BYPASSRLS, CREATEDB or CREATEROLE, except {useradmin}
--   with CREATEROLE alone; clerks: no CREATE on any schema, no TEMP or CREATE
--   on the database, no TRUNCATE/REFERENCES/TRIGGER anywhere, no INSERT or
--   UPDATE on a derived column.
BEGIN;
SELECT plan(28);

CREATE TEMP VIEW app_schema AS
    SELECT oid, nspname::text AS name FROM pg_namespace
     WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'ext', 'public', 'tap')
       AND nspname !~ '^pg_(toast|temp_|toast_temp_)';

CREATE TEMP VIEW app_table AS
    SELECT c.oid, c.relname::text AS name, c.relkind, c.relowner, c.relacl,
           c.relrowsecurity, c.relforcerowsecurity, c.reloptions
      FROM pg_class c JOIN app_schema s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p');

-- The application roles: the groups of meta.role(), everyone who is (directly
-- or through a group) a member of {clerk}, and every role app.clerk names.
CREATE TEMP VIEW app_role AS
    WITH RECURSIVE groups AS (
        SELECT meta.role(g) AS name
          FROM unnest(ARRAY['owner', 'useradmin', 'clerk', 'branch', 'general_branch', 'committee',
                            'district', 'city', 'auditor']) AS g
    ), members AS (
        SELECT r.oid FROM pg_roles r WHERE r.rolname = meta.role('clerk')
        UNION
        SELECT m.member FROM pg_auth_members m JOIN members ON m.roleid = members.oid
    )
    SELECT r.oid, r.rolname::text AS name, r.rolsuper, r.rolbypassrls, r.rolcreatedb,
           r.rolcreaterole, r.rolcanlogin
      FROM pg_roles r
     WHERE r.rolname IN (SELECT name FROM groups)
        OR r.oid IN (SELECT oid FROM members)
        OR r.rolname IN (SELECT role_name FROM app.clerk);

-- The clerk side: {clerk}, the level groups, and their members.
CREATE TEMP VIEW clerk_role AS
    SELECT * FROM app_role WHERE name NOT IN (meta.role('owner'), meta.role('useradmin'));

-- Make sure the views see what they should (a broken view would pass everything).
SELECT ok((SELECT count(*) FROM app_schema WHERE name IN ('app', 'code', 'meta')) = 3,
          'the application schemas include app, code and meta');
SELECT ok((SELECT count(*) FROM app_table) >= 40, 'the application schemas hold tables to check');
SELECT ok((SELECT count(*) FROM app_role) >= 9, 'the application roles are found');

-- ---- tables ------------------------------------------------------------------
SELECT is(ARRAY(SELECT s.name || '.' || t.name FROM app_table t
                  JOIN pg_class c ON c.oid = t.oid JOIN app_schema s ON s.oid = c.relnamespace
                 WHERE NOT (t.relrowsecurity AND t.relforcerowsecurity) ORDER BY 1),
          '{}'::text[], 'every table of every application schema has row-level security enabled and forced');
SELECT is(ARRAY(SELECT t.oid::regclass::text FROM app_table t
                 WHERE NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid) ORDER BY 1),
          '{}'::text[], 'every table of every application schema has at least one policy');
SELECT is(ARRAY(SELECT p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
                  JOIN app_table t ON t.oid = p.polrelid
                 WHERE p.polcmd IN ('a', 'w', '*') AND p.polwithcheck IS NULL ORDER BY 1),
          '{}'::text[], 'every INSERT, UPDATE and ALL policy has its own WITH CHECK');
SELECT is(ARRAY(SELECT p.polrelid::regclass::text || ' ' || p.polname FROM pg_policy p
                  JOIN app_table t ON t.oid = p.polrelid
                 WHERE p.polcmd IN ('w', 'd', '*') AND p.polqual IS NULL ORDER BY 1),
          '{}'::text[], 'every UPDATE, DELETE and ALL policy has a USING clause');
SELECT is(ARRAY(SELECT t.oid::regclass::text FROM app_table t
                 WHERE t.relowner <> (SELECT oid FROM pg_roles WHERE rolname = meta.role('owner'))
                 ORDER BY 1),
          '{}'::text[], 'every table of the application schemas belongs to the owner role');
SELECT is(ARRAY(SELECT c.oid::regclass::text FROM pg_class c JOIN app_schema s ON s.oid = c.relnamespace
                 WHERE c.relkind = 'v'
                   AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false)
                 ORDER BY 1),
          '{}'::text[], 'every view of the application schemas runs with the caller''s rights (security_invoker)');

-- ---- PUBLIC ------------------------------------------------------------------
SELECT is(ARRAY(SELECT c.oid::regclass::text || ' ' || a.privilege_type
                  FROM pg_class c JOIN app_schema s ON s.oid = c.relnamespace,
                       aclexplode(c.relacl) a
                 WHERE a.grantee = 0
                 UNION ALL
                SELECT c.oid::regclass::text || '.' || att.attname || ' ' || a.privilege_type
                  FROM pg_class c JOIN app_schema s ON s.oid = c.relnamespace
                  JOIN pg_attribute att ON att.attrelid = c.oid,
                       aclexplode(att.attacl) a
                 WHERE a.grantee = 0
                 UNION ALL
                SELECT 'schema ' || s.name || ' ' || a.privilege_type
                  FROM app_schema s JOIN pg_namespace n ON n.oid = s.oid, aclexplode(n.nspacl) a
                 WHERE a.grantee = 0
                 ORDER BY 1),
          '{}'::text[], 'PUBLIC holds no privilege on an application schema, table, view, sequence or column');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p JOIN app_schema s ON s.oid = p.pronamespace
                 WHERE has_function_privilege('public', p.oid, 'EXECUTE') ORDER BY 1),
          '{}'::text[], 'no function of an application schema is executable by PUBLIC');
SELECT is(ARRAY(SELECT 'database ' || a.privilege_type FROM pg_database d, aclexplode(d.datacl) a
                 WHERE d.datname = current_database() AND a.grantee = 0),
          '{}'::text[], 'PUBLIC holds no privilege on the database (no CONNECT, no TEMP)');

-- ---- functions -----------------------------------------------------------------
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p JOIN app_schema s ON s.oid = p.pronamespace
                 WHERE p.prosecdef
                   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c
                                    WHERE c ~ '^search_path=' AND c !~ '(public|\$user)'
                                      AND c ~ 'pg_temp$')
                 ORDER BY 1),
          '{}'::text[],
          'every SECURITY DEFINER function pins search_path (no public, no $user, pg_temp last)');
SELECT is(ARRAY(SELECT r.name || ' ' || p.oid::regprocedure::text
                  FROM pg_proc p, clerk_role r
                 WHERE p.pronamespace = 'meta'::regnamespace
                   AND has_function_privilege(r.oid, p.oid, 'EXECUTE') ORDER BY 1),
          '{}'::text[], 'no clerk may execute any function of meta (meta.ddl runs DDL)');
SELECT is(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p JOIN app_schema s ON s.oid = p.pronamespace
                 WHERE p.prorettype = 'trigger'::regtype
                   AND has_function_privilege(meta.role('clerk'), p.oid, 'EXECUTE') ORDER BY 1),
          '{}'::text[], 'no trigger function is granted to clerks');
SELECT ok(has_function_privilege(meta.role('clerk'), f, 'EXECUTE'),
          format('clerks may execute %s (the policies call it as the clerk)', f))
  FROM unnest(ARRAY['app.my_scope_lo(integer)', 'app.my_scope_hi(integer)', 'app.my_level()']) AS f;

-- ---- roles ---------------------------------------------------------------------
SELECT is(ARRAY(SELECT name || CASE WHEN rolsuper THEN ' SUPERUSER' ELSE '' END
                            || CASE WHEN rolbypassrls THEN ' BYPASSRLS' ELSE '' END
                            || CASE WHEN rolcreatedb THEN ' CREATEDB' ELSE '' END
                            || CASE WHEN rolcreaterole AND name <> meta.role('useradmin')
                                    THEN ' CREATEROLE' ELSE '' END
                  FROM app_role
                 WHERE rolsuper OR rolbypassrls OR rolcreatedb
                    OR (rolcreaterole AND name <> meta.role('useradmin'))
                 ORDER BY 1),
          '{}'::text[], 'no application role is SUPERUSER, BYPASSRLS, CREATEDB or CREATEROLE (but useradmin)');
SELECT is(ARRAY(SELECT name FROM app_role
                 WHERE rolcanlogin
                   AND name IN (SELECT meta.role(g) FROM unnest(ARRAY['owner', 'useradmin', 'clerk', 'branch',
                                'general_branch', 'committee', 'district', 'city', 'auditor']) g)
                 ORDER BY 1),
          '{}'::text[], 'the owner, useradmin and the group roles cannot log in');
SELECT ok((SELECT rolcreaterole FROM pg_roles WHERE rolname = meta.role('useradmin')),
          'useradmin is the one role with CREATEROLE');

-- ---- what clerks may do ------------------------------------------------------------
SELECT is(ARRAY(SELECT r.name || ' ' || n.nspname FROM clerk_role r, pg_namespace n
                 WHERE has_schema_privilege(r.oid, n.oid, 'CREATE') ORDER BY 1),
          '{}'::text[], 'no clerk role may create objects in any schema (public, ext and pg_catalog included)');
SELECT is(ARRAY(SELECT r.name || ' ' || p FROM clerk_role r, unnest(ARRAY['TEMP', 'CREATE']) p
                 WHERE has_database_privilege(r.oid, current_database(), p) ORDER BY 1),
          '{}'::text[], 'no clerk role may create temporary tables or schemas in the database');
SELECT is(ARRAY(SELECT r.name || ' ' || t.oid::regclass::text || ' ' || p
                  FROM clerk_role r, app_table t, unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                 WHERE has_table_privilege(r.oid, t.oid, p) ORDER BY 1),
          '{}'::text[], 'no clerk role may truncate, reference or put triggers on any application table');
SELECT is(ARRAY(SELECT r.name || ' ' || t.oid::regclass::text || '.' || a.attname || ' ' || p
                  FROM clerk_role r, app_table t
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped,
                       unnest(ARRAY['INSERT', 'UPDATE']) p
                 WHERE a.attname IN ('id', 'path', 'path_key', 'district_id', 'org_key', 'transit_to_key',
                                     'scope_keys', 'version', 'updated_at', 'updated_by')
                   AND has_column_privilege(r.oid, t.oid, a.attname, p)
                 ORDER BY 1),
          '{}'::text[], 'no clerk role may insert or update a derived column (keys, paths, stamps, ids)');
SELECT is(ARRAY(SELECT r.name || ' ' || t.oid::regclass::text || ' ' || p
                  FROM clerk_role r, app_table t, unnest(ARRAY['INSERT', 'UPDATE', 'DELETE']) p
                 WHERE t.oid IN ('app.person'::regclass, 'app.org'::regclass, 'app.org_relation'::regclass,
                                 'app.setting'::regclass, 'app.org_kind_rule'::regclass,
                                 'app.clerk'::regclass, 'app.clerk_scope'::regclass)
                   AND (p = 'DELETE' OR t.oid NOT IN ('app.person'::regclass, 'app.org'::regclass))
                   AND has_table_privilege(r.oid, t.oid, p)
                 ORDER BY 1),
          '{}'::text[],
          'clerks never delete people or organizations, never write org_relation, settings, rules or clerks');
SELECT is(ARRAY(SELECT t.oid::regclass::text || ' ' || p FROM app_table t,
                       unnest(ARRAY['INSERT', 'UPDATE', 'DELETE']) p
                 WHERE CASE WHEN p = 'DELETE' THEN has_table_privilege(meta.role('auditor'), t.oid, p)
                            ELSE has_any_column_privilege(meta.role('auditor'), t.oid, p) END
                 ORDER BY 1),
          '{}'::text[], 'an auditor writes nothing');
SELECT is(ARRAY(SELECT r.name || ' ' || t.oid::regclass::text FROM clerk_role r, app_table t
                 WHERE t.oid IN ('app.person'::regclass, 'app.org'::regclass, 'app.education'::regclass)
                   AND NOT has_table_privilege(r.oid, t.oid, 'SELECT')
                   AND r.name <> meta.role('owner')
                   AND pg_has_role(r.oid, meta.role('clerk'), 'MEMBER')
                 ORDER BY 1),
          '{}'::text[], 'every clerk role may read organizations, people and record sets (rows: the policies)');

SELECT * FROM finish();
ROLLBACK;

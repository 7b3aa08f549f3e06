-- 001: the ground every later migration stands on.
--   * schema ext for extensions, meta for the installation's own bookkeeping;
--   * meta.role(name): the cluster-wide role name of this database's role NAME
--     (role names are cluster-wide, so demo, test and bench databases in one
--     cluster prefix theirs with the database's name: dangjian_demo_owner ...);
--   * meta.ddl(template): runs DDL after replacing {owner}, {clerk}, {city} ...
--     with the quoted role names, so migrations never paste role names together;
--   * the roles themselves, and the database closed to PUBLIC.
-- The migration runner (src/db/migrate.c) runs each file as the superuser in one
-- transaction, then hands everything the superuser created to {owner}.

CREATE SCHEMA IF NOT EXISTS ext;
CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA ext;

-- The migration runner creates meta (and meta.schema_migration in it) before the
-- first migration, so that it can record this one.
CREATE SCHEMA IF NOT EXISTS meta;

CREATE TABLE meta.install (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    role_prefix text NOT NULL CHECK (role_prefix ~ '^[a-z][a-z0-9_]{0,39}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The prefix is the database's name folded to a safe identifier, fixed at install
-- time so that renaming the database later does not orphan the roles.
INSERT INTO meta.install (role_prefix)
VALUES (left(regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g'), 40));

CREATE FUNCTION meta.role(name text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT (SELECT role_prefix FROM meta.install) || '_' || name $$;

CREATE FUNCTION meta.ddl(template text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    stmt text := template;
    m    text[];
BEGIN
    FOR m IN SELECT regexp_matches(template, '\{([a-z_]+)\}', 'g') LOOP
        stmt := replace(stmt, '{' || m[1] || '}', quote_ident(meta.role(m[1])));
    END LOOP;
    EXECUTE stmt;
END
$$;

-- meta.hand_to_owner(): after each migration the runner (still as the superuser,
-- in the migration's transaction) gives {owner} every schema, table, view,
-- sequence, function and type that the migration created, i.e. that is still
-- owned by current_user, outside the system schemas, public and ext.  Objects
-- a migration gave to another role on purpose (the user functions belong to
-- {useradmin}) are not owned by current_user and stay as they are; objects that
-- belong to an extension stay with it.
CREATE FUNCTION meta.hand_to_owner() RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    new_owner text := meta.role('owner');
    me        oid  := (SELECT oid FROM pg_roles WHERE rolname = current_user);
    r         record;
BEGIN
    FOR r IN
        SELECT n.oid, n.nspname FROM pg_namespace n
        WHERE n.nspowner = me
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public', 'ext', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid
                            AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, new_owner);
    END LOOP;

    -- Tables first: their indexes, row types and identity/serial sequences follow.
    FOR r IN
        SELECT c.oid, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = me AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public', 'ext', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                            AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I',
                       CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                      WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                       r.oid::regclass, new_owner);
    END LOOP;

    -- Sequences of their own (a sequence tied to a column moved with its table).
    FOR r IN
        SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relowner = me AND c.relkind = 'S'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public', 'ext', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                            AND d.deptype IN ('e', 'a', 'i'))
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', r.oid::regclass, new_owner);
    END LOOP;

    FOR r IN
        SELECT p.oid, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE p.proowner = me
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public', 'ext', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                            AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO %I',
                       CASE r.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE'
                                      ELSE 'FUNCTION' END,
                       r.oid::regprocedure, new_owner);
    END LOOP;

    -- Types of their own: domains, enums, ranges, composite types made with
    -- CREATE TYPE (a table's row type and array types move with their owners).
    FOR r IN
        SELECT t.oid, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typowner = me AND t.typtype IN ('c', 'd', 'e', 'r')
          AND (t.typtype <> 'c'
               OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public', 'ext', 'pg_toast')
          AND n.nspname NOT LIKE 'pg\_%'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                            AND d.deptype = 'e')
    LOOP
        -- A range's multirange, or a type moved along with an earlier one, may
        -- already belong to the owner.
        CONTINUE WHEN (SELECT typowner FROM pg_type WHERE oid = r.oid) <> me;
        EXECUTE format('ALTER %s %s OWNER TO %I',
                       CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                       r.oid::regtype, new_owner);
    END LOOP;
END
$$;

-- Roles.  None can log in except clerks (created later by the user functions).
--   owner      owns every object; migrations hand it everything.
--   useradmin  the single role with CREATEROLE; owns only the user functions.
--   clerk      every clerk; holds CONNECT and the common grants.
--   branch, general_branch, committee, district, city: a clerk's level.
--   auditor    read-only, sees the audit log within its scope.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['owner', 'useradmin', 'clerk', 'branch', 'general_branch',
                             'committee', 'district', 'city', 'auditor'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = meta.role(r)) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', meta.role(r));
        END IF;
    END LOOP;
    EXECUTE format('ALTER ROLE %I CREATEROLE', meta.role('useradmin'));
    FOREACH r IN ARRAY ARRAY['branch', 'general_branch', 'committee', 'district', 'city',
                             'auditor'] LOOP
        EXECUTE format('GRANT %I TO %I', meta.role('clerk'), meta.role(r));
    END LOOP;
END
$$;

SELECT meta.ddl(format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()));
SELECT meta.ddl(format('GRANT CONNECT ON DATABASE %I TO {clerk}', current_database()));
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA ext, meta FROM PUBLIC;
SELECT meta.ddl('GRANT USAGE ON SCHEMA ext TO {clerk}');
-- Functions are executable by PUBLIC unless revoked; make that the exception.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA meta FROM PUBLIC;

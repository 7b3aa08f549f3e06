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

CREATE SCHEMA meta;

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

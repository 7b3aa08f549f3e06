-- 010: which login role is which clerk, and where each may look.
--   * app.clerk(role_name, level, is_admin, disabled, must_change_password,
--     created_by, created_at, note): one row per clerk login role (the full,
--     prefixed cluster-wide role name).  level is the clerk's tier (the group
--     role {branch} ... {city}, or {auditor}: read-only).  Administrators are
--     district or city clerks with is_admin.
--   * app.clerk_scope(role_name, org_id): the organizations a clerk answers for,
--     one to four; the clerk's scope is the union of their subtrees (a scope
--     inside another one adds nothing and is skipped by the functions below).
--     A scope's organization must be of the clerk's level (code.org_kind.level:
--     a committee clerk is mapped to a 基层党委, a city clerk to the root), so
--     that the group role a clerk holds and the subtree they see agree; an
--     auditor may be mapped anywhere.
--   * app.clerk.scope_keys is derived: the path_key of each scope organization,
--     outermost only (a scope inside another one adds nothing), sorted.  A
--     BEFORE trigger on app.clerk always recomputes it; changes to
--     app.clerk_scope and moves of a scope organization (its path_key changes)
--     touch the clerk row so that it is recomputed.  The scope functions then
--     read one row: a policy calls them up to 16 times per statement, and the
--     3-table join with outermost-only filtering cost 3 times as much per call.
--   * Scope functions, keyed by session_user (the login, also inside SECURITY
--     DEFINER code), STABLE, SECURITY DEFINER owned by {owner}.  A disabled
--     clerk, a role without an app.clerk row and the superuser get NULL / false /
--     nothing: they see nothing through the clerk policies (the superuser
--     bypasses row level security anyway).
--       app.my_scope_lo(n) / app.my_scope_hi(n)  the n-th scope's path_key range
--           [lo, hi) (n = 1..4, ordered by key; NULL when there is no n-th).
--           Policies read them as (SELECT app.my_scope_lo(1)) so that they run
--           once per statement and the btree on path_key / org_key is usable.
--       app.my_scope_lquery()   ext.lquery[] of the scopes, for `path ? ...`
--       app.my_level()          the clerk's level, NULL if none / disabled
--       app.i_am_admin()        true for an enabled administrator
--       app.in_my_scope(org_id) true when the organization is inside the scope
--       app.key_in_my_scope(k)  the same for a path_key / org_key value
--       app.my_orgs()           the scopes' organization ids
-- The clerks' policies on these two tables are in sql/011_policies.sql; the
-- user functions ({useradmin}, sql/013) write them.

CREATE TABLE app.clerk (
    role_name            text COLLATE "C" PRIMARY KEY,
    level                text NOT NULL,
    is_admin             boolean NOT NULL DEFAULT false,
    disabled             boolean NOT NULL DEFAULT false,
    must_change_password boolean NOT NULL DEFAULT true,
    created_by           text NOT NULL DEFAULT session_user,
    created_at           timestamptz NOT NULL DEFAULT now(),
    note                 text,
    scope_keys           text[] COLLATE "C" NOT NULL DEFAULT '{}',
    version              integer NOT NULL DEFAULT 1,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    updated_by           text NOT NULL DEFAULT session_user,
    CONSTRAINT clerk_level_known
        CHECK (level IN ('branch', 'general_branch', 'committee', 'district', 'city', 'auditor')),
    CONSTRAINT clerk_admin_level CHECK (NOT is_admin OR level IN ('district', 'city')),
    -- A PostgreSQL identifier: at most 63 bytes.
    CONSTRAINT clerk_role_name_bytes CHECK (octet_length(role_name) BETWEEN 1 AND 63)
);
SELECT meta.text_checks('app.clerk', 'role_name', 63, true);
SELECT meta.text_checks('app.clerk', 'level', 20, true);
SELECT meta.text_checks('app.clerk', 'created_by', 63, true);
SELECT meta.text_checks('app.clerk', 'note', 200, false, true);

COMMENT ON TABLE app.clerk IS '用户: one row per clerk login role';
COMMENT ON COLUMN app.clerk.role_name IS 'the login role''s full (prefixed) name, as session_user reports it';
COMMENT ON COLUMN app.clerk.scope_keys IS 'derived: the scopes'' path_key values, outermost only, sorted';
COMMENT ON COLUMN app.clerk.is_admin IS '管理员: may manage clerks inside its subtree (district or city only)';

CREATE TABLE app.clerk_scope (
    role_name  text COLLATE "C" NOT NULL REFERENCES app.clerk ON DELETE CASCADE,
    org_id     bigint NOT NULL REFERENCES app.org,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user,
    PRIMARY KEY (role_name, org_id)
);
CREATE INDEX clerk_scope_org ON app.clerk_scope (org_id);

COMMENT ON TABLE app.clerk_scope IS '用户管理范围: the organizations whose subtrees a clerk sees (1 to 4)';

-- ---------------------------------------------------------------------------
-- BEFORE INSERT OR UPDATE on app.clerk_scope: at most four scopes (the
-- policies test four ranges), each of the clerk's level.  Locks the clerk row
-- so that two sessions adding scopes at once are counted one after the other.
CREATE FUNCTION app.tg_clerk_scope_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    c        app.clerk;
    o_kind   text;
    o_level  text;
    n        integer;
BEGIN
    SELECT * INTO c FROM app.clerk WHERE role_name = NEW.role_name FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '用户 % 不存在', NEW.role_name USING ERRCODE = 'foreign_key_violation',
            SCHEMA = 'app', TABLE = 'clerk_scope', COLUMN = 'role_name',
            CONSTRAINT = 'clerk_scope_role_name_fkey';
    END IF;
    SELECT o.kind, k.level INTO o_kind, o_level
      FROM app.org o JOIN code.org_kind k ON k.code = o.kind WHERE o.id = NEW.org_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION '党组织不存在' USING ERRCODE = 'foreign_key_violation',
            SCHEMA = 'app', TABLE = 'clerk_scope', COLUMN = 'org_id',
            CONSTRAINT = 'clerk_scope_org_id_fkey';
    END IF;
    IF c.level <> 'auditor' AND o_level <> c.level THEN
        RAISE EXCEPTION '用户的层级（%）与所管党组织的层级（%）不符', c.level, o_level
            USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'clerk_scope',
                  COLUMN = 'org_id', CONSTRAINT = 'clerk_scope_level_matches';
    END IF;
    SELECT count(*) INTO n FROM app.clerk_scope
     WHERE role_name = NEW.role_name
       AND (TG_OP = 'INSERT' OR (role_name, org_id) IS DISTINCT FROM (OLD.role_name, OLD.org_id));
    IF n >= 4 THEN
        RAISE EXCEPTION '一个用户最多管理4个党组织' USING ERRCODE = 'check_violation',
            SCHEMA = 'app', TABLE = 'clerk_scope', CONSTRAINT = 'clerk_scope_at_most_four';
    END IF;
    RETURN NEW;
END
$$;

-- BEFORE UPDATE OF level on app.clerk: the scopes must still fit.
CREATE FUNCTION app.tg_clerk_level_check() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.level <> 'auditor' AND EXISTS (
           SELECT 1 FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
                    JOIN code.org_kind k ON k.code = o.kind
            WHERE s.role_name = OLD.role_name AND k.level <> NEW.level) THEN
        RAISE EXCEPTION '用户的层级（%）与所管党组织的层级不符', NEW.level
            USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'clerk',
                  COLUMN = 'level', CONSTRAINT = 'clerk_scope_level_matches';
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION app.tg_clerk_name_fixed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION '用户名不能修改' USING ERRCODE = 'check_violation', SCHEMA = 'app',
        TABLE = TG_TABLE_NAME, COLUMN = 'role_name', CONSTRAINT = TG_TABLE_NAME || '_role_name_fixed';
END
$$;

CREATE TRIGGER b10_name_fixed BEFORE UPDATE ON app.clerk
    FOR EACH ROW WHEN (NEW.role_name IS DISTINCT FROM OLD.role_name)
    EXECUTE FUNCTION app.tg_clerk_name_fixed();
CREATE TRIGGER b20_level_check BEFORE UPDATE ON app.clerk
    FOR EACH ROW WHEN (NEW.level IS DISTINCT FROM OLD.level)
    EXECUTE FUNCTION app.tg_clerk_level_check();
CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.clerk
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();
CREATE TRIGGER b20_scope_check BEFORE INSERT OR UPDATE ON app.clerk_scope
    FOR EACH ROW EXECUTE FUNCTION app.tg_clerk_scope_check();
CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.clerk_scope
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();

-- ---------------------------------------------------------------------------
-- The derived scope keys.
CREATE FUNCTION app.tg_clerk_scope_keys() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    WITH k AS (
        SELECT o.path_key AS key
          FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
         WHERE s.role_name = NEW.role_name
    )
    SELECT coalesce(array_agg(k.key ORDER BY k.key), '{}') INTO NEW.scope_keys
      FROM k
     WHERE NOT EXISTS (SELECT 1 FROM k AS outer_k
                        WHERE k.key > outer_k.key AND k.key < app.key_upper(outer_k.key));
    RETURN NEW;
END
$$;

-- AFTER a change of app.clerk_scope: touch the clerk row(s) to recompute.
CREATE FUNCTION app.tg_clerk_scope_touch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE app.clerk SET scope_keys = '{}' WHERE role_name = NEW.role_name;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE app.clerk SET scope_keys = '{}'
         WHERE role_name = OLD.role_name AND (TG_OP = 'DELETE' OR OLD.role_name <> NEW.role_name);
    END IF;
    RETURN NULL;
END
$$;

-- AFTER an organization's path_key changed (it or an ancestor moved).
CREATE FUNCTION app.tg_org_clerk_keys() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    UPDATE app.clerk SET scope_keys = '{}'
     WHERE role_name IN (SELECT role_name FROM app.clerk_scope WHERE org_id = NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER b10_scope_keys BEFORE INSERT OR UPDATE ON app.clerk
    FOR EACH ROW EXECUTE FUNCTION app.tg_clerk_scope_keys();
CREATE TRIGGER a10_clerk_keys AFTER INSERT OR UPDATE OR DELETE ON app.clerk_scope
    FOR EACH ROW EXECUTE FUNCTION app.tg_clerk_scope_touch();
CREATE TRIGGER a30_clerk_keys AFTER UPDATE ON app.org
    FOR EACH ROW WHEN (OLD.path_key IS DISTINCT FROM NEW.path_key)
    EXECUTE FUNCTION app.tg_org_clerk_keys();

-- ---------------------------------------------------------------------------
-- Scope functions.  PL/pgSQL, so that the one-row lookup's plan is cached for
-- the session (an SQL function is planned again at every call site).
CREATE FUNCTION app.my_scope_keys() RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    k text[];
BEGIN
    SELECT scope_keys INTO k FROM app.clerk WHERE role_name = session_user::text AND NOT disabled;
    RETURN coalesce(k, '{}');
END
$$;

CREATE FUNCTION app.my_scope_lo(n integer) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    k text;
BEGIN
    SELECT scope_keys[n] INTO k FROM app.clerk WHERE role_name = session_user::text AND NOT disabled;
    RETURN k;
END
$$;

CREATE FUNCTION app.my_scope_hi(n integer) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    k text;
BEGIN
    SELECT app.key_upper(scope_keys[n]) INTO k
      FROM app.clerk WHERE role_name = session_user::text AND NOT disabled;
    RETURN k;
END
$$;

-- path_key is path::text || '.'; the lquery of a subtree is its path then '.*'.
CREATE FUNCTION app.my_scope_lquery() RETURNS ext.lquery[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
    SELECT coalesce(array_agg((left(k, -1) || '.*')::ext.lquery), '{}')
      FROM unnest(app.my_scope_keys()) AS k
$$;

CREATE FUNCTION app.my_level() RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    l text;
BEGIN
    SELECT level INTO l FROM app.clerk WHERE role_name = session_user::text AND NOT disabled;
    RETURN l;
END
$$;

CREATE FUNCTION app.i_am_admin() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    a boolean;
BEGIN
    SELECT is_admin INTO a FROM app.clerk WHERE role_name = session_user::text AND NOT disabled;
    RETURN coalesce(a, false);
END
$$;

-- STRICT: a NULL key (no organization) is in nobody's scope, without a call.
CREATE FUNCTION app.key_in_my_scope(key text) RETURNS boolean
    LANGUAGE sql STABLE STRICT SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
    SELECT coalesce((SELECT bool_or($1 >= k AND $1 < app.key_upper(k))
                       FROM unnest(app.my_scope_keys()) AS k), false)
$$;

CREATE FUNCTION app.in_my_scope(org_id bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
    SELECT coalesce((SELECT app.key_in_my_scope(o.path_key) FROM app.org o WHERE o.id = $1), false)
$$;

CREATE FUNCTION app.my_orgs() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
    SELECT o.id FROM app.org o WHERE o.path_key = ANY (app.my_scope_keys()) ORDER BY o.path_key
$$;

-- ---------------------------------------------------------------------------
ALTER TABLE app.clerk ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE app.clerk_scope ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON app.clerk TO {owner} USING (true) WITH CHECK (true)');
SELECT meta.ddl('CREATE POLICY owner_all ON app.clerk_scope TO {owner} USING (true) WITH CHECK (true)');
REVOKE ALL ON app.clerk, app.clerk_scope FROM PUBLIC;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
-- The policies call these as the querying clerk; the user functions ({useradmin})
-- check an administrator's scope with them.
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.my_scope_keys(), app.my_scope_lo(integer),
                 app.my_scope_hi(integer), app.my_scope_lquery(), app.my_level(), app.i_am_admin(),
                 app.key_in_my_scope(text), app.in_my_scope(bigint), app.my_orgs()
                 TO {clerk}, {useradmin}');

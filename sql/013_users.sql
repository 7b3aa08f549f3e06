-- 013: managing clerks.  Four functions, SECURITY DEFINER owned by {useradmin}
-- (the single role with CREATEROLE, which owns nothing else and has no
-- members, so these functions are the only way to its power):
--   app.user_add(name, org_code, level, password_scram, is_admin)
--   app.user_list()             clerks inside the caller's scope
--   app.user_disable(name)      NOLOGIN and app.clerk.disabled
--   app.change_my_password(password_scram)   the caller's own, clears
--                               must_change_password
-- Callers: the superuser, or an enabled administrator (app.i_am_admin(): a
-- district or city clerk with is_admin) inside its subtree, for clerks of its
-- level or below; change_my_password: any enabled clerk, for themself.
-- Everything else is refused, and a name or organization outside the caller's
-- scope gets the same "不存在" as one that does not exist.
-- Passwords arrive hashed by the client (PQencryptPasswordConn, scram-sha-256),
-- so no clear text reaches the server or its log; anything else is refused.
-- Names are login role names as typed (^[a-z_][a-z0-9_]{1,62}$), cluster-wide:
-- test and demo clerks carry their database's prefix by choice, not by force.
-- Role names go into DDL only through format('%I'), passwords through '%L'.
-- PostgreSQL 15 lets a CREATEROLE role grant any non-superuser role and alter
-- any non-superuser role, so these functions touch only roles that are clerks
-- (an app.clerk row and membership in {clerk}) and grant only {clerk} and the
-- five level groups or {auditor}.
-- Errors are P0001 with a Chinese message (the client shows it as it is).
-- The app.clerk and app.clerk_scope rows are audited by 012's trigger.

-- {useradmin} reads the organizations and writes the clerk tables, nothing more.
SELECT meta.ddl('GRANT USAGE ON SCHEMA app, meta TO {useradmin}');
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION meta.role(text) TO {useradmin}');
SELECT meta.ddl('GRANT USAGE ON SCHEMA audit TO {useradmin}');
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION audit.note(text, bigint) TO {useradmin}');
SELECT meta.ddl('GRANT SELECT ON meta.install TO {useradmin}');
SELECT meta.ddl('GRANT SELECT ON app.org TO {useradmin}');
SELECT meta.ddl('GRANT SELECT, INSERT, UPDATE ON app.clerk TO {useradmin}');
SELECT meta.ddl('GRANT SELECT, INSERT ON app.clerk_scope TO {useradmin}');
SELECT meta.ddl('CREATE POLICY useradmin_read ON app.org FOR SELECT TO {useradmin} USING (true)');
SELECT meta.ddl('CREATE POLICY useradmin_all ON app.clerk TO {useradmin} USING (true) WITH CHECK (true)');
SELECT meta.ddl('CREATE POLICY useradmin_read ON app.clerk_scope FOR SELECT TO {useradmin} USING (true)');
SELECT meta.ddl('CREATE POLICY useradmin_insert ON app.clerk_scope FOR INSERT TO {useradmin} WITH CHECK (true)');

-- The levels in order of reach; an auditor writes nothing and ranks lowest.
CREATE FUNCTION app.level_rank(level text) RETURNS integer
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE level WHEN 'auditor' THEN 0 WHEN 'branch' THEN 1 WHEN 'general_branch' THEN 2
                      WHEN 'committee' THEN 3 WHEN 'district' THEN 4 WHEN 'city' THEN 5 END;

CREATE FUNCTION app.level_name(level text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE level WHEN 'auditor' THEN '审计' WHEN 'branch' THEN '支部' WHEN 'general_branch' THEN '总支'
                      WHEN 'committee' THEN '党委' WHEN 'district' THEN '区县委/大口委办'
                      WHEN 'city' THEN '市委' END;

-- A client-side SCRAM-SHA-256 verifier: SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>.
CREATE FUNCTION app.is_scram_verifier(p text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce(p ~ '^SCRAM-SHA-256\$[0-9]{1,9}:[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$',
                    false);

-- The caller may manage clerks: the superuser, or an enabled administrator.
CREATE FUNCTION app.user_caller_is_admin() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
           OR app.i_am_admin()
$$;

-- ---------------------------------------------------------------------------
CREATE FUNCTION app.user_add(name text, org_code text, level text, password text,
                             is_admin boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    su       constant boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
    admin    boolean := coalesce(is_admin, false);
    o        record;
    reserved text[];
    cname    text;
BEGIN
    IF NOT app.user_caller_is_admin() THEN
        RAISE EXCEPTION '只有管理员才能添加用户';
    END IF;
    IF app.level_rank(level) IS NULL THEN
        RAISE EXCEPTION '用户级别“%”不正确，应为 branch（支部）、general_branch（总支）、committee（党委）、district（区县委/大口委办）、city（市委）或 auditor（审计）之一',
            level;
    END IF;
    IF admin AND level NOT IN ('district', 'city') THEN
        RAISE EXCEPTION '只有区县委/大口委办或市委级别的用户才能当管理员';
    END IF;
    -- Before the organization is looked up: this refusal tells nothing about it.
    IF NOT su AND app.level_rank(level) > app.level_rank(app.my_level()) THEN
        RAISE EXCEPTION '不能添加级别高于自己的用户（“%”高于“%”）', app.level_name(level),
            app.level_name(app.my_level());
    END IF;
    IF NOT app.is_scram_verifier(password) THEN
        RAISE EXCEPTION '密码必须在客户端加密后传送（SCRAM-SHA-256），不能传送明文';
    END IF;
    IF name IS NULL OR name !~ '^[a-z_][a-z0-9_]{1,62}$' THEN
        RAISE EXCEPTION '用户名“%”不可用：只能由小写英文字母、数字和下划线组成，以字母或下划线开头，2至63个字符',
            left(regexp_replace(coalesce(name, ''), '[\x01-\x1f\x7f-\x9f]', '?', 'g'), 70);
    END IF;
    SELECT array_agg(meta.role(r)) INTO reserved
      FROM unnest(ARRAY['owner', 'useradmin', 'clerk', 'branch', 'general_branch', 'committee',
                        'district', 'city', 'auditor']) AS r;
    IF name = ANY (reserved) OR name LIKE 'pg\_%' THEN
        RAISE EXCEPTION '用户名“%”是系统保留的名称，请换一个', name;
    END IF;

    SELECT g.id, g.name, g.path_key, g.state INTO o FROM app.org g WHERE g.code = org_code;
    IF NOT FOUND OR NOT (su OR app.key_in_my_scope(o.path_key)) THEN
        RAISE EXCEPTION '党组织“%”不存在', left(coalesce(org_code, ''), 70);
    END IF;
    IF o.state <> 'active' THEN
        RAISE EXCEPTION '党组织“%”已撤销，不能为它添加用户', o.name;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
        RAISE EXCEPTION '用户名“%”已被使用，请换一个', name;
    END IF;

    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
                   'NOBYPASSRLS INHERIT PASSWORD %L', name, password);
    EXECUTE format('GRANT %I, %I TO %I', meta.role('clerk'), meta.role(level), name);
    INSERT INTO app.clerk (role_name, level, is_admin, must_change_password, created_by)
    VALUES (name, level, admin, true, session_user);
    BEGIN
        INSERT INTO app.clerk_scope (role_name, org_id) VALUES (name, o.id);
    EXCEPTION WHEN check_violation THEN
        GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME;
        IF cname = 'clerk_scope_level_matches' THEN
            RAISE EXCEPTION '“%”级别的用户只能设在%，“%”不是', app.level_name(level),
                CASE level WHEN 'branch' THEN '党支部或党小组' WHEN 'general_branch' THEN '党总支部'
                           WHEN 'committee' THEN '基层党委' WHEN 'district' THEN '区县委或大口委办'
                           ELSE '市委' END, o.name;
        END IF;
        RAISE;
    END;
    -- The app.clerk row is logged before it has a scope (city-wide readers
    -- only); this note files the act under the organization as well.
    PERFORM audit.note(format('添加用户 %s：%s级别%s，管理 %s %s', name, app.level_name(level),
                              CASE WHEN admin THEN '，管理员' ELSE '' END, org_code, o.name), o.id);
END
$$;

-- ---------------------------------------------------------------------------
-- One row per clerk and scope organization inside the caller's scope (a
-- clerk's scopes elsewhere are not shown); the superuser sees every clerk,
-- also one without a scope.
CREATE FUNCTION app.user_list()
    RETURNS TABLE (role_name text, level text, org_code text, org_name text, is_admin boolean,
                   disabled boolean, must_change_password boolean, created_by text,
                   created_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    su constant boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
BEGIN
    IF NOT app.user_caller_is_admin() THEN
        RAISE EXCEPTION '只有管理员才能查看用户列表';
    END IF;
    RETURN QUERY
    SELECT c.role_name::text, c.level, o.code::text, o.name, c.is_admin, c.disabled,
           c.must_change_password, c.created_by, c.created_at
      FROM app.clerk c
      LEFT JOIN app.clerk_scope s ON s.role_name = c.role_name
      LEFT JOIN app.org o ON o.id = s.org_id
     WHERE su OR app.key_in_my_scope(o.path_key)
     ORDER BY o.path_key, c.role_name;
END
$$;

-- ---------------------------------------------------------------------------
-- All of the clerk's scopes must lie inside the caller's.
CREATE FUNCTION app.user_disable(name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    su constant boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
    c  app.clerk;
BEGIN
    IF NOT app.user_caller_is_admin() THEN
        RAISE EXCEPTION '只有管理员才能停用用户';
    END IF;
    IF name = session_user THEN
        RAISE EXCEPTION '不能停用自己的用户名';
    END IF;
    SELECT * INTO c FROM app.clerk k WHERE k.role_name = name FOR UPDATE;
    IF NOT FOUND
       OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name AND NOT rolsuper)
       OR NOT pg_has_role(name, meta.role('clerk'), 'MEMBER')
       OR NOT (su OR EXISTS (SELECT 1 FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
                              WHERE s.role_name = name AND app.key_in_my_scope(o.path_key))) THEN
        RAISE EXCEPTION '用户“%”不存在', left(regexp_replace(coalesce(name, ''), '[\x01-\x1f\x7f-\x9f]', '?', 'g'), 70);
    END IF;
    IF NOT su AND EXISTS (SELECT 1 FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
                           WHERE s.role_name = name AND NOT app.key_in_my_scope(o.path_key)) THEN
        RAISE EXCEPTION '用户“%”还管理您的管辖范围以外的组织，请由上级管理员停用', name;
    END IF;
    IF NOT su AND app.level_rank(c.level) > app.level_rank(app.my_level()) THEN
        RAISE EXCEPTION '不能停用级别高于自己的用户';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', name);
    IF NOT c.disabled THEN
        UPDATE app.clerk k SET disabled = true WHERE k.role_name = name;
    END IF;
END
$$;

-- ---------------------------------------------------------------------------
CREATE FUNCTION app.change_my_password(password text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    me constant text := session_user;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM app.clerk WHERE role_name = me AND NOT disabled)
       OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = me AND NOT rolsuper)
       OR NOT pg_has_role(me, meta.role('clerk'), 'MEMBER') THEN
        RAISE EXCEPTION '只有本系统的用户才能在这里修改自己的密码';
    END IF;
    IF NOT app.is_scram_verifier(password) THEN
        RAISE EXCEPTION '密码必须在客户端加密后传送（SCRAM-SHA-256），不能传送明文';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', me, password);
    UPDATE app.clerk SET must_change_password = false WHERE role_name = me AND must_change_password;
    PERFORM audit.note('修改了自己的密码');
END
$$;

-- ---------------------------------------------------------------------------
-- The four belong to {useradmin}; the helpers stay with the owner.  Only
-- clerks may call them (they judge the caller themselves); nothing for PUBLIC.
SELECT meta.ddl('ALTER FUNCTION app.user_add(text, text, text, text, boolean) OWNER TO {useradmin}');
SELECT meta.ddl('ALTER FUNCTION app.user_list() OWNER TO {useradmin}');
SELECT meta.ddl('ALTER FUNCTION app.user_disable(text) OWNER TO {useradmin}');
SELECT meta.ddl('ALTER FUNCTION app.change_my_password(text) OWNER TO {useradmin}');
REVOKE ALL ON FUNCTION app.user_add(text, text, text, text, boolean), app.user_list(),
    app.user_disable(text), app.change_my_password(text) FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.user_add(text, text, text, text, boolean), app.user_list(),
                 app.user_disable(text), app.change_my_password(text) TO {clerk}');
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.level_rank(text), app.level_name(text),
                 app.is_scram_verifier(text), app.user_caller_is_admin() TO {useradmin}');

-- 024: a clerk mapped to several organizations (app.clerk_scope allows it,
-- app.member_page lists them all since 023) can be made with the program:
-- `dangjian user add NAME --org A --org B ...` calls app.user_add for the
-- first and app.user_add_scope for each further one, in one transaction.
-- Owned by {owner} (whose policy on app.clerk_scope allows the insert), not
-- by {useradmin}: it creates no role, so it needs no CREATEROLE.  The same
-- judgement of the caller as app.user_add / app.user_disable: an enabled
-- administrator (or the superuser), the clerk and the organization inside
-- the caller's scope, the organization active and of the clerk's level.
CREATE FUNCTION app.user_add_scope(name text, org_code text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_variable
DECLARE
    su    constant boolean := coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
    c     app.clerk;
    o     record;
    cname text;
BEGIN
    IF NOT app.user_caller_is_admin() THEN
        RAISE EXCEPTION '只有管理员才能为用户增加管理的组织';
    END IF;
    SELECT * INTO c FROM app.clerk k WHERE k.role_name = name FOR UPDATE;
    IF NOT FOUND
       OR NOT (su OR EXISTS (SELECT 1 FROM app.clerk_scope s JOIN app.org g ON g.id = s.org_id
                              WHERE s.role_name = name AND app.key_in_my_scope(g.path_key))) THEN
        RAISE EXCEPTION '用户“%”不存在', left(regexp_replace(coalesce(name, ''), '[\x01-\x1f\x7f-\x9f]', '?', 'g'), 70);
    END IF;
    IF NOT su AND app.level_rank(c.level) > app.level_rank(app.my_level()) THEN
        RAISE EXCEPTION '不能修改级别高于自己的用户';
    END IF;
    SELECT g.id, g.name, g.path_key, g.state INTO o FROM app.org g WHERE g.code = org_code;
    IF NOT FOUND OR NOT (su OR app.key_in_my_scope(o.path_key)) THEN
        RAISE EXCEPTION '党组织“%”不存在', left(coalesce(org_code, ''), 70);
    END IF;
    IF o.state <> 'active' THEN
        RAISE EXCEPTION '党组织“%”已撤销，不能让用户管理它', o.name;
    END IF;
    IF EXISTS (SELECT 1 FROM app.clerk_scope s WHERE s.role_name = name AND s.org_id = o.id) THEN
        RAISE EXCEPTION '用户“%”已经管理“%”', name, o.name;
    END IF;
    BEGIN
        INSERT INTO app.clerk_scope (role_name, org_id) VALUES (name, o.id);
    EXCEPTION WHEN check_violation THEN
        GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME;
        IF cname = 'clerk_scope_level_matches' THEN
            RAISE EXCEPTION '“%”级别的用户只能设在%，“%”不是', app.level_name(c.level),
                CASE c.level WHEN 'branch' THEN '党支部或党小组' WHEN 'general_branch' THEN '党总支部'
                             WHEN 'committee' THEN '基层党委' WHEN 'district' THEN '区县委或大口委办'
                             ELSE '市委' END, o.name;
        END IF;
        RAISE;
    END;
    PERFORM audit.note(format('用户 %s 增加管理 %s %s', name, org_code, o.name), o.id);
END
$$;

REVOKE ALL ON FUNCTION app.user_add_scope(text, text) FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.user_add_scope(text, text) TO {clerk}');

-- 004: schema app, the shared row machinery, and the organization tree.
--
--   * meta.text_checks(table, column, max_chars, required, multiline): the one
--     definition of "clean text"; adds two named CHECKs per column,
--     <table>_<column>_length and <table>_<column>_no_control, so the error
--     funnel can name the field from the constraint name alone.  The test is an
--     inline regular expression (no function call), so a clerk's INSERT needs no
--     EXECUTE privilege to pass it.  Control characters: C0 (a multi-line field
--     keeps LF), DEL and C1, as src/model/text.h judges them.
--   * app.tg_stamp(): version (optimistic locking: UPDATE ... WHERE id = $1 AND
--     version = $2), updated_at, updated_by (session_user: the clerk, also inside
--     SECURITY DEFINER workflows) on every table of app; typed values are ignored.
--   * app.org: the tree.  code is stable (never changes, also not on a move) and
--     built from the parent's at creation (app.next_child_code).  path (ltree)
--     is the truth for the tree: one label per ancestor, each label the
--     ancestor's code with '.' -> '_' (001.001_031.001_031_001), so a moved
--     organization keeps unique labels.  path_key is path::text || '.', in the
--     "C" collation: the subtree of K is the btree range [K, K minus its last '.'
--     plus '/') (see app.key_upper), the form PERFORMANCE.md measured best.
--     district_id is the level-2 ancestor (the district or large-system
--     committee; NULL for the city).  path, path_key, district_id, version and
--     updated_* are derived by triggers and never typed.
--   * A move (UPDATE parent_id) re-derives the whole subtree and its people
--     (005), bumping their versions: a form opened before the move must reload.
--   * Allowed parent kinds are data: app.org_kind_rule.
-- Trigger order (PostgreSQL fires them by name): b10_* derive and check,
-- b20_* checks added by later files, b90_stamp last; AFTER: a10_*, a20_*.

CREATE SCHEMA app;
REVOKE ALL ON SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT USAGE ON SCHEMA app TO {clerk}');
-- The owner runs the SECURITY DEFINER triggers, which work with ltree paths.
SELECT meta.ddl('GRANT USAGE ON SCHEMA ext TO {owner}');

-- ---------------------------------------------------------------------------
-- Clean text
CREATE FUNCTION meta.text_checks(tbl regclass, col name, max_chars int,
                                 required boolean DEFAULT false,
                                 multiline boolean DEFAULT false) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    rel  text := (SELECT relname FROM pg_class WHERE oid = tbl);
    ctrl text := CASE WHEN multiline THEN '[\x01-\x09\x0b-\x1f\x7f-\x9f]'
                      ELSE '[\x01-\x1f\x7f-\x9f]' END;
BEGIN
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%s)', tbl, rel || '_' || col || '_length',
                   CASE WHEN required
                        THEN format('char_length(%1$I) <= %2$s AND btrim(%1$I, %3$L) <> %4$L',
                                    col, max_chars, E' \t\n\u3000', '')
                        ELSE format('char_length(%I) <= %s', col, max_chars) END);
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (%I !~ %L)', tbl,
                   rel || '_' || col || '_no_control', col, ctrl);
END
$$;

-- ---------------------------------------------------------------------------
-- Row stamps, shared by every table of app.
CREATE FUNCTION app.tg_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.version := 1;
    ELSE
        NEW.version := OLD.version + 1;
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := session_user;
    RETURN NEW;
END
$$;

-- The upper end of a subtree's key range: '001.001_031.' -> '001.001_031/'.
CREATE FUNCTION app.key_upper(key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN left(key, -1) || '/';

-- ---------------------------------------------------------------------------
-- Which kind may sit under which (DOMAIN.md): district / large-system committee
-- under the city; grass-roots committee under those; a general branch or branch
-- under a committee or directly under a district; party groups in a branch.
CREATE TABLE app.org_kind_rule (
    kind        text NOT NULL REFERENCES code.org_kind,
    parent_kind text NOT NULL REFERENCES code.org_kind,
    PRIMARY KEY (kind, parent_kind)
);
INSERT INTO app.org_kind_rule (kind, parent_kind)
VALUES ('2', '1'), ('3', '1'),
       ('4', '2'), ('4', '3'),
       ('5', '2'), ('5', '3'), ('5', '4'),
       ('6', '2'), ('6', '3'), ('6', '4'), ('6', '5'),
       ('7', '6');

CREATE TABLE app.org (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text COLLATE "C" NOT NULL,
    path             ext.ltree NOT NULL,
    path_key         text COLLATE "C" NOT NULL,
    parent_id        bigint REFERENCES app.org,
    kind             text NOT NULL REFERENCES code.org_kind,
    category         text REFERENCES code.org_category,
    name             text NOT NULL,
    full_name        text NOT NULL,
    unit_name        text,
    unit_nature      text REFERENCES code.unit_nature,
    unit_relation    text REFERENCES code.unit_relation,
    founded_on       date,
    founding_doc     text,
    secretary        text,
    contact          text,
    phone            text,
    state            text NOT NULL DEFAULT 'active',
    dissolved_on     date,
    dissolved_reason text,
    district_id      bigint REFERENCES app.org,
    version          integer NOT NULL DEFAULT 1,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    updated_by       text NOT NULL DEFAULT session_user,
    CONSTRAINT org_code_key UNIQUE (code),
    CONSTRAINT org_code_format CHECK (code ~ '^[0-9]{3,}(\.[0-9]{3,})*$'),
    CONSTRAINT org_root_is_city CHECK ((parent_id IS NULL) = (kind = '1')),
    CONSTRAINT org_not_own_parent CHECK (parent_id <> id),
    CONSTRAINT org_state_known CHECK (state IN ('active', 'dissolved')),
    CONSTRAINT org_dissolved_has_date CHECK ((state = 'dissolved') = (dissolved_on IS NOT NULL)),
    CONSTRAINT org_dissolved_reason_only_if_dissolved
        CHECK (state = 'dissolved' OR dissolved_reason IS NULL),
    CONSTRAINT org_dissolved_after_founded CHECK (dissolved_on >= founded_on)
);
SELECT meta.text_checks('app.org', 'name', 50, true);
SELECT meta.text_checks('app.org', 'full_name', 100, true);
SELECT meta.text_checks('app.org', 'unit_name', 100);
SELECT meta.text_checks('app.org', 'founding_doc', 50);
SELECT meta.text_checks('app.org', 'secretary', 50);
SELECT meta.text_checks('app.org', 'contact', 50);
SELECT meta.text_checks('app.org', 'phone', 30);
SELECT meta.text_checks('app.org', 'dissolved_reason', 200, false, true);

COMMENT ON COLUMN app.org.code IS '组织代码: stable, the parent''s code plus one segment at creation';
COMMENT ON COLUMN app.org.path IS 'derived: labels are the ancestors'' codes with . -> _';
COMMENT ON COLUMN app.org.path_key IS 'derived: path::text || ''.''; subtree of K = [K, app.key_upper(K))';
COMMENT ON COLUMN app.org.district_id IS 'derived: the level-2 ancestor (区县委 or 大口委办); NULL for the city';

CREATE UNIQUE INDEX org_one_root ON app.org ((true)) WHERE parent_id IS NULL;
CREATE INDEX org_path_gist ON app.org USING gist (path);
CREATE INDEX org_path_key ON app.org (path_key);
CREATE INDEX org_parent ON app.org (parent_id, code);
CREATE INDEX org_district ON app.org (district_id);

-- The next free child code under a parent: its code plus one more than the
-- highest last segment ever given under it (children moved away keep their
-- codes, so the whole code range is searched, not the current children).
CREATE FUNCTION app.next_child_code(parent bigint) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    pcode text;
    n     integer;
BEGIN
    SELECT code INTO pcode FROM app.org WHERE id = parent;
    IF pcode IS NULL THEN
        RAISE EXCEPTION '上级组织不存在' USING ERRCODE = 'foreign_key_violation',
            SCHEMA = 'app', TABLE = 'org', COLUMN = 'parent_id', CONSTRAINT = 'org_parent_id_fkey';
    END IF;
    SELECT coalesce(max(substr(code, char_length(pcode) + 2)::integer), 0) + 1 INTO n
      FROM app.org
     WHERE code >= pcode || '.' AND code < pcode || '/'
       AND strpos(substr(code, char_length(pcode) + 2), '.') = 0;
    RETURN pcode || '.' || CASE WHEN n < 1000 THEN lpad(n::text, 3, '0') ELSE n::text END;
END
$$;

-- BEFORE INSERT OR UPDATE: code, path, district, the tree's rules.  Runs as the
-- owner so the derivation never depends on what the clerk may read.
CREATE FUNCTION app.tg_org_derive() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p       app.org;
    derived text[] := ARRAY['path', 'path_key', 'district_id', 'version', 'updated_at', 'updated_by'];
    moved   boolean := TG_OP = 'INSERT' OR NEW.parent_id IS DISTINCT FROM OLD.parent_id;
    bad     text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.code IS DISTINCT FROM OLD.code THEN
            RAISE EXCEPTION '组织代码不能修改' USING ERRCODE = 'check_violation',
                SCHEMA = 'app', TABLE = 'org', COLUMN = 'code', CONSTRAINT = 'org_code_fixed';
        END IF;
        IF OLD.state = 'dissolved'
           AND (to_jsonb(NEW) - derived) IS DISTINCT FROM (to_jsonb(OLD) - derived) THEN
            RAISE EXCEPTION '已撤销的组织不能修改、转移、合并或撤销，只能查看或删除'
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                      CONSTRAINT = 'org_dissolved_read_only';
        END IF;
    END IF;

    IF NEW.parent_id IS NULL THEN
        NEW.code := coalesce(NEW.code, '001');
        NEW.path := text2ltree(replace(NEW.code, '.', '_'));
        NEW.district_id := NULL;
    ELSE
        -- A new child locks its parent so two clerks adding children at once get
        -- different codes (the second waits, then sees the first one's code).
        IF TG_OP = 'INSERT' AND NEW.code IS NULL THEN
            SELECT * INTO p FROM app.org WHERE id = NEW.parent_id FOR NO KEY UPDATE;
        ELSE
            SELECT * INTO p FROM app.org WHERE id = NEW.parent_id;
        END IF;
        IF NOT FOUND THEN
            RAISE EXCEPTION '上级组织不存在' USING ERRCODE = 'foreign_key_violation',
                SCHEMA = 'app', TABLE = 'org', COLUMN = 'parent_id', CONSTRAINT = 'org_parent_id_fkey';
        END IF;
        IF moved THEN
            IF p.state = 'dissolved' THEN
                RAISE EXCEPTION '上级组织“%”已撤销，不能在其下设立或转入组织', p.name
                    USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                          COLUMN = 'parent_id', CONSTRAINT = 'org_parent_active';
            END IF;
            IF TG_OP = 'UPDATE' AND p.path <@ OLD.path THEN
                RAISE EXCEPTION '不能把组织转移到它自己或它的下级组织之下'
                    USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                          COLUMN = 'parent_id', CONSTRAINT = 'org_no_cycle';
            END IF;
        END IF;
        -- (An unknown kind is left to the foreign key, whose error names the field.)
        IF moved OR NEW.kind IS DISTINCT FROM OLD.kind THEN
            IF NOT EXISTS (SELECT 1 FROM app.org_kind_rule
                            WHERE kind = NEW.kind AND parent_kind = p.kind)
               AND EXISTS (SELECT 1 FROM code.org_kind WHERE code = NEW.kind) THEN
                RAISE EXCEPTION '“%”不能设在“%”之下',
                    (SELECT name FROM code.org_kind WHERE code = NEW.kind),
                    (SELECT name FROM code.org_kind WHERE code = p.kind)
                    USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                          COLUMN = 'kind', CONSTRAINT = 'org_kind_under_parent';
            END IF;
        END IF;
        IF TG_OP = 'INSERT' THEN
            IF NEW.code IS NULL THEN
                NEW.code := app.next_child_code(p.id);
            ELSIF left(NEW.code, char_length(p.code) + 1) <> p.code || '.'
                  OR substr(NEW.code, char_length(p.code) + 2) !~ '^[0-9]{3,}$' THEN
                RAISE EXCEPTION '组织代码 % 应为上级组织代码 % 加一段数字（如 %.001）',
                    NEW.code, p.code, p.code
                    USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                          COLUMN = 'code', CONSTRAINT = 'org_code_under_parent';
            END IF;
        END IF;
        NEW.path := p.path || text2ltree(replace(NEW.code, '.', '_'));
        NEW.district_id := CASE WHEN p.parent_id IS NULL THEN NEW.id ELSE p.district_id END;
    END IF;
    NEW.path_key := NEW.path::text || '.';

    -- A kind change must still fit every child (a committee turned back into a
    -- general branch cannot keep a general branch below it).
    IF TG_OP = 'UPDATE' AND NEW.kind IS DISTINCT FROM OLD.kind THEN
        SELECT c.name INTO bad FROM app.org c
         WHERE c.parent_id = NEW.id
           AND NOT EXISTS (SELECT 1 FROM app.org_kind_rule r
                            WHERE r.kind = c.kind AND r.parent_kind = NEW.kind)
         LIMIT 1;
        IF bad IS NOT NULL THEN
            RAISE EXCEPTION '下级组织“%”不能设在“%”之下，不能改为该组织类别', bad,
                (SELECT name FROM code.org_kind WHERE code = NEW.kind)
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                      COLUMN = 'kind', CONSTRAINT = 'org_kind_under_parent';
        END IF;
    END IF;

    IF NEW.state = 'dissolved' AND (TG_OP = 'INSERT' OR OLD.state <> 'dissolved') THEN
        SELECT c.name INTO bad FROM app.org c
         WHERE c.parent_id = NEW.id AND c.state = 'active' LIMIT 1;
        IF bad IS NOT NULL THEN
            RAISE EXCEPTION '该组织下还有未撤销的下级组织“%”，请先转移或撤销', bad
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                      COLUMN = 'state', CONSTRAINT = 'org_dissolve_empty';
        END IF;
    END IF;

    -- 全称 = 中共 + 单位 + 组织的称谓, when not typed.
    IF NEW.full_name IS NULL AND NEW.unit_name IS NOT NULL THEN
        NEW.full_name := '中共' || NEW.unit_name
            || CASE NEW.kind WHEN '5' THEN '总支部委员会' WHEN '6' THEN '支部委员会'
                             WHEN '7' THEN '党小组' ELSE '委员会' END;
    END IF;
    NEW.full_name := coalesce(NEW.full_name, NEW.name);
    RETURN NEW;
END
$$;

-- AFTER a move: every descendant's path and district, one level at a time, so
-- each row's BEFORE trigger derives it from its already-moved parent.
CREATE FUNCTION app.tg_org_move_subtree() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    depth integer;
    deepest integer;
BEGIN
    SELECT max(nlevel(path)) INTO deepest FROM app.org WHERE path <@ OLD.path;
    FOR depth IN nlevel(OLD.path) + 1 .. coalesce(deepest, 0) LOOP
        UPDATE app.org SET parent_id = parent_id
         WHERE path <@ OLD.path AND nlevel(path) = depth;
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER b10_derive BEFORE INSERT OR UPDATE ON app.org
    FOR EACH ROW EXECUTE FUNCTION app.tg_org_derive();
CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.org
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();
CREATE TRIGGER a10_move_subtree AFTER UPDATE ON app.org
    FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id)
    EXECUTE FUNCTION app.tg_org_move_subtree();

-- The city committee: the root every code grows from.
INSERT INTO app.org (code, kind, name, full_name, unit_name)
VALUES ('001', '1', '上海市委', '中共上海市委员会', '上海市');

-- ---------------------------------------------------------------------------
-- Row-level security: on, forced, and only the owner's catch-all policy for now
-- (SECURITY DEFINER functions run as the owner, who is subject to FORCE).
ALTER TABLE app.org_kind_rule ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE app.org ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON app.org_kind_rule TO {owner} USING (true) WITH CHECK (true)');
SELECT meta.ddl('CREATE POLICY owner_all ON app.org TO {owner} USING (true) WITH CHECK (true)');

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app, meta FROM PUBLIC;

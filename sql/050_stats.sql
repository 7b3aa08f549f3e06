-- 050: statistics of the current people (性别、年龄、学历、发展阶段) for an
-- organization, exact at every moment, without a nightly refresh.
--
--   * derived.stats_count(node_key, sex, birth_year, education, stage, n): how
--     many current people (history_reason IS NULL) of that sex, birth year,
--     education code and stage the subtree of node_key holds, for the city and
--     for each district (the organizations of depth 1 and 2: 1 + 40 nodes at
--     Shanghai size, a few thousand rows each).  Kept by birth year, not by
--     age band: a band depends on the day asked, a birth year never changes,
--     so the counts stay exact without a nightly recount.  birth_year 0 means
--     unknown, education '' not filled in.
--   * Triggers a50_stats_* (AFTER ... FOR EACH STATEMENT, with transition
--     tables) on app.person add the statement's net change: one grouped
--     upsert per statement, rows in key order, so two concurrent statements
--     lock the rows they share in the same order (no deadlock between
--     one-statement transactions).  An update that changes none of the counted
--     columns (a record save) nets to nothing and touches no row.  A move of
--     an organization re-derives its people's org_key (004/005) and is
--     counted here like any other update.
--   * Bulk loads run with the row and statement triggers off
--     (session_replication_role = replica): call app.stats_rebuild() after
--     them (dangjian generate does).  Superuser only.
--   * Ages are as the annual party statistics count them: the age reached in
--     the year asked about (年内周岁, as on 31 December of as_of's year), so
--     a birth year gives it exactly.  Bands: 30岁及以下, 31-35 ... 56-60,
--     61-70, 71岁及以上, 未知.  Education is counted by level (the X0 code
--     of code.education: 研究生教育, 大学本科教育 ...).
--   * The table is written in key order by the rebuild and has room for
--     in-place (HOT) updates (fillfactor 70), so a district's rows stay on
--     few pages.
--   * Reading: app.stats_by(org, as_of) -> (dimension, code, name, sort, n),
--     dimension one of total, sex, age, education, stage; every category of
--     each dimension, zeros included.  For the city and a district it reads
--     the summary (SECURITY DEFINER helper app.stats_node_rows, which checks
--     the caller's scope itself); for a smaller organization it counts its
--     people directly under the caller's row-level security (a committee has
--     at most tens of thousands).  An organization the caller cannot see
--     gives no rows.

-- Tables derived from app by triggers (no stamps, no audit, no text checks:
-- nobody types into them, and they can be recomputed).  The owner's only;
-- clerks reach them through SECURITY DEFINER functions of app.
CREATE SCHEMA derived;
REVOKE ALL ON SCHEMA derived FROM PUBLIC;

CREATE TABLE derived.stats_count (
    node_key   text COLLATE "C" NOT NULL,
    sex        text NOT NULL,
    birth_year smallint NOT NULL,
    education  text NOT NULL,
    stage      text NOT NULL,
    n          bigint NOT NULL,
    PRIMARY KEY (node_key, sex, birth_year, education, stage)
) WITH (fillfactor = 70);
COMMENT ON TABLE derived.stats_count IS
    'derived: current people per city/district subtree, sex, birth year, education and stage (triggers a50_stats_*)';

ALTER TABLE derived.stats_count ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON derived.stats_count TO {owner} USING (true) WITH CHECK (true)');

-- The summary nodes above a person's organization: the city and the district
-- (the first one and two labels of org_key).
CREATE FUNCTION app.stats_nodes(org_key text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT array_remove(ARRAY[substring(org_key FROM '^[^.]+\.'),
                              substring(org_key FROM '^[^.]+\.[^.]+\.')], NULL)
$$;

-- Adds the net change of old (-1) and new (+1) rows, in key order.
CREATE FUNCTION app.stats_apply(delta jsonb) RETURNS void
    LANGUAGE sql
    SET search_path = pg_catalog, pg_temp
    AS $$
    INSERT INTO derived.stats_count AS s (node_key, sex, birth_year, education, stage, n)
    SELECT d.node_key, d.sex, d.birth_year, d.education, d.stage, d.n
      FROM jsonb_to_recordset(delta)
               AS d (node_key text, sex text, birth_year smallint, education text, stage text,
                     n bigint)
     ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (node_key, sex, birth_year, education, stage)
        DO UPDATE SET n = s.n + excluded.n
$$;

CREATE FUNCTION app.tg_person_stats() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    delta jsonb;
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(d) INTO delta FROM (
            SELECT k.node_key, r.sex, coalesce(extract(year FROM r.birth_date)::smallint, 0) AS birth_year,
                   coalesce(r.education, '') AS education, r.stage, count(*) AS n
              FROM new_rows r, unnest(app.stats_nodes(r.org_key)) AS k (node_key)
             WHERE r.history_reason IS NULL
             GROUP BY 1, 2, 3, 4, 5) AS d;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_agg(d) INTO delta FROM (
            SELECT k.node_key, r.sex, coalesce(extract(year FROM r.birth_date)::smallint, 0) AS birth_year,
                   coalesce(r.education, '') AS education, r.stage, -count(*) AS n
              FROM old_rows r, unnest(app.stats_nodes(r.org_key)) AS k (node_key)
             WHERE r.history_reason IS NULL
             GROUP BY 1, 2, 3, 4, 5) AS d;
    ELSE
        SELECT jsonb_agg(d) INTO delta FROM (
            SELECT k.node_key, r.sex, coalesce(extract(year FROM r.birth_date)::smallint, 0) AS birth_year,
                   coalesce(r.education, '') AS education, r.stage, sum(r.sign) AS n
              FROM (SELECT o.org_key, o.sex, o.birth_date, o.education, o.stage, -1 AS sign
                      FROM old_rows o WHERE o.history_reason IS NULL
                    UNION ALL
                    SELECT w.org_key, w.sex, w.birth_date, w.education, w.stage, 1
                      FROM new_rows w WHERE w.history_reason IS NULL) AS r,
                   unnest(app.stats_nodes(r.org_key)) AS k (node_key)
             GROUP BY 1, 2, 3, 4, 5
            HAVING sum(r.sign) <> 0) AS d;
    END IF;
    IF delta IS NOT NULL THEN
        PERFORM app.stats_apply(delta);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER a50_stats_insert AFTER INSERT ON app.person
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.tg_person_stats();
CREATE TRIGGER a50_stats_update AFTER UPDATE ON app.person
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.tg_person_stats();
CREATE TRIGGER a50_stats_delete AFTER DELETE ON app.person
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.tg_person_stats();

-- Recount everything from app.person (after a bulk load with the triggers
-- off).  Returns the number of summary rows.
CREATE FUNCTION app.stats_rebuild() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'app.stats_rebuild() is for the superuser (bulk loads, migrations)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    LOCK TABLE derived.stats_count IN EXCLUSIVE MODE;
    DELETE FROM derived.stats_count;
    INSERT INTO derived.stats_count (node_key, sex, birth_year, education, stage, n)
    SELECT k.node_key, g.sex, g.birth_year, g.education, g.stage, sum(g.n)
      FROM (SELECT substring(p.org_key FROM '^[^.]+\.[^.]+\.') AS district_key,
                   substring(p.org_key FROM '^[^.]+\.') AS city_key, p.sex,
                   coalesce(extract(year FROM p.birth_date)::smallint, 0) AS birth_year,
                   coalesce(p.education, '') AS education, p.stage, count(*) AS n
              FROM app.person p
             WHERE p.history_reason IS NULL
             GROUP BY 1, 2, 3, 4, 5, 6) AS g,
           unnest(array_remove(ARRAY[g.city_key, g.district_key], NULL)) AS k (node_key)
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 3, 4, 5;
    GET DIAGNOSTICS n = ROW_COUNT;
    ANALYZE derived.stats_count;
    RETURN n;
END
$$;

-- ---------------------------------------------------------------------------
-- Reading.

-- The age bands, in order; lo and hi are ages reached in the year (NULL:
-- birth year unknown).
CREATE FUNCTION app.stats_age_bands()
    RETURNS TABLE (code text, name text, sort integer, lo integer, hi integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    VALUES ('00', '30岁及以下', 1, 0, 30), ('31', '31-35岁', 2, 31, 35),
           ('36', '36-40岁', 3, 36, 40), ('41', '41-45岁', 4, 41, 45),
           ('46', '46-50岁', 5, 46, 50), ('51', '51-55岁', 6, 51, 55),
           ('56', '56-60岁', 7, 56, 60), ('61', '61-70岁', 8, 61, 70),
           ('71', '71岁及以上', 9, 71, 1000), ('99', '未知', 10, NULL, NULL)
$$;

-- The band code of a birth year (0: unknown) in the year of as_of: the same
-- bands as app.stats_age_bands, as one expression (inlined into the query).
CREATE FUNCTION app.stats_age_band(birth_year integer, as_of date) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN coalesce(birth_year, 0) = 0 THEN '99'
                WHEN extract(year FROM as_of)::integer - birth_year <= 30 THEN '00'
                WHEN extract(year FROM as_of)::integer - birth_year <= 35 THEN '31'
                WHEN extract(year FROM as_of)::integer - birth_year <= 40 THEN '36'
                WHEN extract(year FROM as_of)::integer - birth_year <= 45 THEN '41'
                WHEN extract(year FROM as_of)::integer - birth_year <= 50 THEN '46'
                WHEN extract(year FROM as_of)::integer - birth_year <= 55 THEN '51'
                WHEN extract(year FROM as_of)::integer - birth_year <= 60 THEN '56'
                WHEN extract(year FROM as_of)::integer - birth_year <= 70 THEN '61'
                ELSE '71' END;

-- The summary rows of a city or district key, for a caller whose scope holds
-- that organization (or the superuser); nothing otherwise.
CREATE FUNCTION app.stats_node_rows(key text)
    RETURNS TABLE (sex text, birth_year smallint, education text, stage text, n bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.sex, s.birth_year, s.education, s.stage, s.n
      FROM derived.stats_count s
     WHERE s.node_key = key AND s.n <> 0
       AND (app.key_in_my_scope(key)
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false))
$$;

CREATE FUNCTION app.stats_by(org bigint, as_of date DEFAULT current_date)
    RETURNS TABLE (dimension text, code text, name text, sort integer, n bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
#variable_conflict use_column
DECLARE
    o record;
BEGIN
    SELECT g.path_key, ext.nlevel(g.path) AS depth INTO o FROM app.org g WHERE g.id = stats_by.org;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH base AS MATERIALIZED (
        SELECT r.sex, r.birth_year, r.education, r.stage, r.n
          FROM app.stats_node_rows(o.path_key) AS r
         WHERE o.depth <= 2
        UNION ALL
        SELECT p.sex, coalesce(extract(year FROM p.birth_date)::smallint, 0::smallint),
               coalesce(p.education, ''), p.stage, count(*)
          FROM app.person p
         WHERE o.depth > 2
           AND p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key)
           AND p.history_reason IS NULL
         GROUP BY 1, 2, 3, 4
    ), t AS (
        SELECT b.sex, app.stats_age_band(b.birth_year, stats_by.as_of) AS age,
               coalesce(d.parent, d.code, '') AS education, b.stage, b.n
          FROM base b LEFT JOIN code.education d ON d.code = b.education
    ), counts AS (
        -- One pass over the rows for all four dimensions and the total.
        SELECT CASE WHEN grouping(t.sex) = 0 THEN 'sex' WHEN grouping(t.age) = 0 THEN 'age'
                    WHEN grouping(t.education) = 0 THEN 'education'
                    WHEN grouping(t.stage) = 0 THEN 'stage' ELSE 'total' END AS dimension,
               coalesce(t.sex, t.age, t.education, t.stage, '') AS code, sum(t.n) AS n
          FROM t
         GROUP BY GROUPING SETS ((), (t.sex), (t.age), (t.education), (t.stage))
    ), cats AS (
        SELECT 'total'::text AS dimension, ''::text AS code, '合计'::text AS name, 0 AS sort
        UNION ALL SELECT 'sex', c.code, c.name, c.sort::integer FROM code.sex c
        UNION ALL SELECT 'age', a.code, a.name, a.sort FROM app.stats_age_bands() AS a
        UNION ALL SELECT 'education', c.code, c.name, c.sort::integer
                    FROM code.education c WHERE c.parent IS NULL
        UNION ALL SELECT 'education', '', '未填', 1000
        UNION ALL SELECT 'stage', c.code, c.name, c.sort::integer FROM code.stage c
    )
    SELECT c.dimension, c.code, c.name, c.sort, coalesce(k.n, 0)::bigint
      FROM cats c LEFT JOIN counts k ON k.dimension = c.dimension AND k.code = c.code
     WHERE k.n > 0 OR c.dimension IN ('total', 'age', 'stage')
        OR (c.dimension = 'sex' AND c.code IN ('1', '2'))
     ORDER BY CASE c.dimension WHEN 'total' THEN 0 WHEN 'sex' THEN 1 WHEN 'age' THEN 2
                               WHEN 'education' THEN 3 ELSE 4 END, c.sort, c.code;
END
$$;

-- Existing people (a database migrated after its data was loaded).
SELECT app.stats_rebuild();

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.stats_by(bigint, date), app.stats_node_rows(text),
                 app.stats_age_band(integer, date), app.stats_age_bands(),
                 app.stats_nodes(text) TO {clerk}');

-- 051: name and initials searches that read their first page in pinyin order
-- straight from an index, city-wide and in a district, instead of finding
-- every hit and sorting them (make bench, docs/performance.md: 张 city-wide
-- was 440 ms as a city clerk, 95 ms in a district; initials zw 100 / 29 ms).
--
--   * derived.person_token(token, historical, district_id, name, person_id,
--     org_key, initials): one row per person and search token of the person's
--     name: each character (张), each pair of neighbouring characters (张伟),
--     and 'i:' with the first 2 and 3 letters of the pinyin initials (i:zw,
--     i:zwh).  About 7 rows a person.
--   * Two btrees give a page in pinyin order: (token, historical, name,
--     person_id) for the city, (token, historical, district_id, name,
--     person_id) for a district and anything inside one, with the filtered
--     columns INCLUDEd so that a walk reads the index only.
--     So 张 in the city reads 50 index entries, however many 张 there are:
--     the prototype's open problem (PERFORMANCE.md).  A committee or branch
--     walks its district's entries in order and keeps those in its org_key
--     range (index-only: at most the district's entries for the token, about
--     16,000 for 张 in the largest district).
--   * Searches with a token skip the clerk's row-level security planning on
--     app.person (see app.token_page); the page is exactly the clerk's.
--     A longer text asks for its first pair and filters on the name (张伟明:
--     token 张伟, strpos), longer initials for their first three letters and
--     filter on initials.
--   * Kept by statement triggers (AFTER INSERT / UPDATE with transition
--     tables) on app.person: a person's rows are replaced when the name,
--     initials, organization (org_key, district_id) or historical state
--     changed; other updates touch nothing.  Bulk loads run with triggers
--     off: app.person_token_rebuild() afterwards (dangjian generate calls it).
--   * Row-level security: the table is the owner's only.  Clerks reach it
--     through app.token_page (SECURITY DEFINER), which answers only for a
--     subtree key inside the caller's scope (or the superuser), and
--     app.member_page then reads the people themselves under the clerk's
--     policies, so a row is shown only if the clerk may see it.
--   * app.member_page and app.member_count take this path for a name or
--     initials search with no stage filter, current or historical people (not
--     both), whose scope is one subtree down to a committee (a clerk with one
--     scope organization, or a chosen organization's subtree); everything
--     else keeps 020's path.  app.member_count also answers the count of a
--     whole city's or district's current people from 050's summary.

CREATE TABLE derived.person_token (
    token       text COLLATE "C" NOT NULL,
    historical  boolean NOT NULL,
    district_id bigint,
    name        text COLLATE "zh-x-icu" NOT NULL,
    person_id   bigint NOT NULL,
    org_key     text COLLATE "C" NOT NULL,
    initials    text COLLATE "C"
);
COMMENT ON TABLE derived.person_token IS
    'derived: search tokens of app.person names in pinyin order (triggers a51_token_*; app.person_token_rebuild())';
ALTER TABLE derived.person_token ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON derived.person_token TO {owner} USING (true) WITH CHECK (true)');

-- The tokens of a name and its initials.
CREATE FUNCTION app.person_tokens(name text, initials text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT DISTINCT t
                   FROM (SELECT substr(name COLLATE "C", i, l) AS t
                           FROM generate_series(1, char_length(name)) AS i, generate_series(1, 2) AS l
                          WHERE i + l - 1 <= char_length(name)
                         UNION ALL
                         SELECT 'i:' || left(initials, l)
                           FROM generate_series(2, 3) AS l
                          WHERE char_length(initials) >= l) AS s);

-- The token a search asks for: the text itself up to two characters, else
-- its first two; initials by their first three letters (NULL: too short).
CREATE FUNCTION app.search_token(kind text, q text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN kind = 'name' THEN left(q COLLATE "C", 2)
                WHEN kind = 'initials' AND char_length(q) >= 2 THEN 'i:' || left(q, 3) END;

CREATE FUNCTION app.tg_person_token() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- One statement: the DELETE sees the rows as they were before it.
        WITH changed AS (
            SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE n.name IS DISTINCT FROM o.name OR n.name_initials IS DISTINCT FROM o.name_initials
                OR n.org_key IS DISTINCT FROM o.org_key OR n.district_id IS DISTINCT FROM o.district_id
                OR (n.history_reason IS NULL) <> (o.history_reason IS NULL)
        ), gone AS (
            DELETE FROM derived.person_token t USING changed c WHERE t.person_id = c.id
        )
        INSERT INTO derived.person_token (token, historical, district_id, name, person_id, org_key, initials)
        SELECT k.t, c.history_reason IS NOT NULL, c.district_id, c.name, c.id, c.org_key, c.name_initials
          FROM changed c, unnest(app.person_tokens(c.name, c.name_initials)) AS k (t);
    ELSE
        INSERT INTO derived.person_token (token, historical, district_id, name, person_id, org_key, initials)
        SELECT k.t, n.history_reason IS NOT NULL, n.district_id, n.name, n.id, n.org_key, n.name_initials
          FROM new_rows n, unnest(app.person_tokens(n.name, n.name_initials)) AS k (t);
    END IF;
    RETURN NULL;
END
$$;

-- Named after 050's a50_stats_* so they fire after the statistics (by name).
CREATE TRIGGER a51_token_insert AFTER INSERT ON app.person
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.tg_person_token();
CREATE TRIGGER a51_token_update AFTER UPDATE ON app.person
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION app.tg_person_token();

-- Everything again from app.person (after a bulk load with the triggers off),
-- the indexes built after the rows.  Superuser only.  Returns the row count.
CREATE FUNCTION app.person_token_rebuild() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'app.person_token_rebuild() is for the superuser (bulk loads, migrations)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    LOCK TABLE derived.person_token IN EXCLUSIVE MODE;
    DROP INDEX IF EXISTS derived.person_token_city, derived.person_token_district, derived.person_token_person;
    TRUNCATE derived.person_token;
    INSERT INTO derived.person_token (token, historical, district_id, name, person_id, org_key, initials)
    SELECT k.t, p.history_reason IS NOT NULL, p.district_id, p.name, p.id, p.org_key, p.name_initials
      FROM app.person p, unnest(app.person_tokens(p.name, p.name_initials)) AS k (t);
    GET DIAGNOSTICS n = ROW_COUNT;
    CREATE INDEX person_token_city ON derived.person_token (token, historical, name, person_id)
        INCLUDE (initials);
    CREATE INDEX person_token_district ON derived.person_token (token, historical, district_id, name, person_id)
        INCLUDE (org_key, initials);
    CREATE INDEX person_token_person ON derived.person_token (person_id);
    ANALYZE derived.person_token;
    RETURN n;
END
$$;

-- One page of members for a token in pinyin order, as app.member_page
-- returns them: within the subtree key (the city: the city index; a district
-- or anything inside one: the district index, walked in order, its org_key
-- (INCLUDEd) tested on the way), historical or current, after (before, with
-- backward) the key (after_name, after_id); q_name / q_initials filter a
-- text longer than its token.  Nothing for a key outside the caller's scope.
-- It reads app.person as the owner: every row it returns lies in key, which
-- is inside the caller's scope, so the clerk's policy would pass it (people
-- on their way in are not searched, as in 020); this saves planning the
-- clerk's policies.  A first page runs a static statement whose plan the
-- session keeps (planning it cost 2-3 ms at full size); a page after a key
-- is planned with its values.
CREATE FUNCTION app.token_page(token text, historical boolean, key text, q_name text,
                               q_initials text, after_name text, after_id bigint,
                               backward boolean, page integer)
    RETURNS SETOF app.member_row
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
DECLARE
    -- The columns of app.member_page's projection, the codes joined.
    projection constant text := $q$
        SELECT p.id, p.name, cs.name, to_char(p.birth_date, 'YYYY-MM-DD'),
               to_char(p.joined_party_on, 'YYYY-MM-DD'), to_char(p.became_full_on, 'YYYY-MM-DD'),
               cc.name, ce.name, cst.name, p.org_id, o.name, p.id_number,
               p.history_reason IS NOT NULL, p.in_transit
    $q$;
    joins constant text := $q$
        JOIN app.person p ON p.id = h.person_id
        LEFT JOIN code.sex cs ON cs.code = p.sex
        LEFT JOIN code.person_category cc ON cc.code = p.person_category
        LEFT JOIN code.education ce ON ce.code = p.education
        LEFT JOIN code.stage cst ON cst.code = p.stage
        LEFT JOIN app.org o ON o.id = p.org_id
    $q$;
    depth    constant integer := cardinality(string_to_array(rtrim(key, '.'), '.'));
    district bigint;
    lo       text;
    cond     text := 't.token = $1 AND t.historical = $2';
    dir      constant text := CASE WHEN backward THEN ' DESC' ELSE '' END;
BEGIN
    IF NOT (app.key_in_my_scope(key)
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)) THEN
        RETURN;
    END IF;
    IF depth >= 2 THEN
        SELECT o.id INTO district FROM app.org o
         WHERE o.path_key = substring(key FROM '^[^.]+\.[^.]+\.') COLLATE "C";
        IF depth > 2 THEN
            lo := key;
        END IF;
    END IF;

    IF after_name IS NULL AND NOT backward AND depth < 2 THEN
        RETURN QUERY
        SELECT p.id, p.name, cs.name, to_char(p.birth_date, 'YYYY-MM-DD'),
               to_char(p.joined_party_on, 'YYYY-MM-DD'), to_char(p.became_full_on, 'YYYY-MM-DD'),
               cc.name, ce.name, cst.name, p.org_id, o.name, p.id_number,
               p.history_reason IS NOT NULL, p.in_transit
          FROM (SELECT t.person_id FROM derived.person_token t
                 WHERE t.token = token_page.token AND t.historical = token_page.historical
                   AND (q_name IS NULL OR strpos(t.name COLLATE "C", q_name COLLATE "C") > 0)
                   AND (q_initials IS NULL OR (t.initials >= q_initials COLLATE "C" AND t.initials < (q_initials || '{') COLLATE "C"))
                 ORDER BY t.name, t.person_id LIMIT page) AS h
          JOIN app.person p ON p.id = h.person_id
          LEFT JOIN code.sex cs ON cs.code = p.sex
          LEFT JOIN code.person_category cc ON cc.code = p.person_category
          LEFT JOIN code.education ce ON ce.code = p.education
          LEFT JOIN code.stage cst ON cst.code = p.stage
          LEFT JOIN app.org o ON o.id = p.org_id
         ORDER BY p.name, p.id;
        RETURN;
    ELSIF after_name IS NULL AND NOT backward THEN
        RETURN QUERY
        SELECT p.id, p.name, cs.name, to_char(p.birth_date, 'YYYY-MM-DD'),
               to_char(p.joined_party_on, 'YYYY-MM-DD'), to_char(p.became_full_on, 'YYYY-MM-DD'),
               cc.name, ce.name, cst.name, p.org_id, o.name, p.id_number,
               p.history_reason IS NOT NULL, p.in_transit
          FROM (SELECT t.person_id FROM derived.person_token t
                 WHERE t.token = token_page.token AND t.historical = token_page.historical
                   AND t.district_id = district
                   AND (lo IS NULL OR (t.org_key >= lo COLLATE "C" AND t.org_key < app.key_upper(lo) COLLATE "C"))
                   AND (q_name IS NULL OR strpos(t.name COLLATE "C", q_name COLLATE "C") > 0)
                   AND (q_initials IS NULL OR (t.initials >= q_initials COLLATE "C" AND t.initials < (q_initials || '{') COLLATE "C"))
                 ORDER BY t.name, t.person_id LIMIT page) AS h
          JOIN app.person p ON p.id = h.person_id
          LEFT JOIN code.sex cs ON cs.code = p.sex
          LEFT JOIN code.person_category cc ON cc.code = p.person_category
          LEFT JOIN code.education ce ON ce.code = p.education
          LEFT JOIN code.stage cst ON cst.code = p.stage
          LEFT JOIN app.org o ON o.id = p.org_id
         ORDER BY p.name, p.id;
        RETURN;
    END IF;

    IF depth >= 2 THEN
        cond := cond || ' AND t.district_id = $3';
    END IF;
    IF lo IS NOT NULL THEN
        cond := cond || ' AND t.org_key >= $4 COLLATE "C" AND t.org_key < app.key_upper($4) COLLATE "C"';
    END IF;
    IF q_name IS NOT NULL THEN
        cond := cond || ' AND strpos(t.name COLLATE "C", $5 COLLATE "C") > 0';
    END IF;
    IF q_initials IS NOT NULL THEN
        cond := cond || ' AND t.initials >= $6 COLLATE "C" AND t.initials < ($6 || ''{'') COLLATE "C"';
    END IF;
    IF after_name IS NOT NULL THEN
        cond := cond || CASE WHEN backward THEN ' AND (t.name, t.person_id) < ($7 COLLATE "zh-x-icu", $8)'
                             ELSE ' AND (t.name, t.person_id) > ($7 COLLATE "zh-x-icu", $8)' END;
    END IF;
    RETURN QUERY EXECUTE projection
        || ' FROM (SELECT t.person_id FROM derived.person_token t WHERE ' || cond
        || ' ORDER BY t.name' || dir || ', t.person_id' || dir || ' LIMIT $9) AS h'
        || joins || ' ORDER BY p.name, p.id'
      USING token, historical, district, lo, q_name, q_initials, after_name, after_id, page;
END
$$;

-- Subtrees the token path serves: the city, a district, a committee (depth
-- 1 to 3).  A general branch or branch has a few hundred people: 020's path
-- finds them through the search index at once, where walking the district's
-- entries for a common token would read thousands.
CREATE FUNCTION app.token_depth_ok(key text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN cardinality(string_to_array(rtrim(key, '.'), '.')) <= 3;

-- How many people a token search finds in the subtree key, counted up to
-- cap + 1, from the same index entries as app.token_page (index-only); 0 for
-- a key outside the caller's scope.
CREATE FUNCTION app.token_count(token text, historical boolean, key text, q_name text,
                                q_initials text, cap integer)
    RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
DECLARE
    depth    constant integer := cardinality(string_to_array(rtrim(key, '.'), '.'));
    district bigint;
    lo       text;
    n        bigint;
BEGIN
    IF NOT (app.key_in_my_scope(key)
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)) THEN
        RETURN 0;
    END IF;
    IF depth >= 2 THEN
        SELECT o.id INTO district FROM app.org o
         WHERE o.path_key = substring(key FROM '^[^.]+\.[^.]+\.') COLLATE "C";
        IF depth > 2 THEN
            lo := key;
        END IF;
    END IF;
    -- Planned with its values, so that the district is an index condition.
    EXECUTE 'SELECT count(*) FROM (SELECT 1 FROM derived.person_token t'
            ' WHERE t.token = $1 AND t.historical = $2'
            || CASE WHEN district IS NOT NULL THEN ' AND t.district_id = $3' ELSE '' END
            || CASE WHEN lo IS NOT NULL
                    THEN ' AND t.org_key >= $4 COLLATE "C" AND t.org_key < app.key_upper($4) COLLATE "C"'
                    ELSE '' END
            || CASE WHEN q_name IS NOT NULL THEN ' AND strpos(t.name COLLATE "C", $5 COLLATE "C") > 0' ELSE '' END
            || CASE WHEN q_initials IS NOT NULL
                    THEN ' AND t.initials >= $6 COLLATE "C" AND t.initials < ($6 || ''{'') COLLATE "C"'
                    ELSE '' END
            || ' LIMIT $7) AS s'
       INTO n
      USING token, historical, district, lo, q_name, q_initials, greatest(coalesce(cap, 10000), 0) + 1;
    RETURN n;
END
$$;

-- 020's member_count with two shortcuts: a token search counts the token's
-- index entries (app.token_count), and the current people of a whole city or
-- district list are the statistics summary's total (050), exact at every
-- moment; anything else counts as 020 did.
CREATE OR REPLACE FUNCTION app.member_count(org bigint, subtree boolean, kind text, q text, stages text[],
                                            historical boolean, cap integer)
    RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
DECLARE
    a   record;
    w   record;
    n   bigint;
    tok text;
BEGIN
    a := app.member_args(org, coalesce(subtree, false), kind, q);
    IF NOT a.visible THEN
        RETURN 0;
    END IF;
    tok := app.search_token(kind, coalesce(a.q_name, a.q_initials));
    IF tok IS NOT NULL AND stages IS NULL AND historical IS NOT NULL AND cardinality(a.keys) = 1
       AND (org IS NULL OR coalesce(subtree, false)) AND app.token_depth_ok(a.keys[1]) THEN
        RETURN app.token_count(tok, historical, a.keys[1],
                               CASE WHEN char_length(a.q_name) > 2 THEN a.q_name END,
                               CASE WHEN char_length(a.q_initials) > 3 THEN a.q_initials END, cap);
    END IF;
    IF kind IS NULL AND coalesce(subtree, false) AND stages IS NULL AND historical = false
       AND cardinality(a.keys) = 1 AND cardinality(string_to_array(rtrim(a.keys[1], '.'), '.')) <= 2 THEN
        SELECT coalesce(sum(r.n), 0) INTO n FROM app.stats_node_rows(a.keys[1]) AS r;
        RETURN least(n, greatest(coalesce(cap, 10000), 0) + 1);
    END IF;
    w := app.member_where(org, coalesce(subtree, false), kind, cardinality(a.keys),
                          char_length(coalesce(a.q_name, a.q_initials, a.q_id)), stages, historical,
                          false, false, a.district IS NOT NULL);
    EXECUTE 'SELECT count(*) FROM (SELECT 1 FROM app.person p WHERE ' || w.cond
            || ' LIMIT $10) AS s'
       INTO n
      USING org, a.district, stages, a.keys, a.q_name, a.q_initials, a.q_id, NULL::text,
            NULL::bigint, greatest(coalesce(cap, 10000), 0) + 1;
    RETURN n;
END
$$;

-- 020's member_page (with 023's whole-scope list) and the token path in front
-- of its search branch.
CREATE OR REPLACE FUNCTION app.member_page(org bigint, subtree boolean, kind text, q text, stages text[],
                                           historical boolean, after_name text, after_id bigint,
                                           backward boolean, page integer)
    RETURNS SETOF app.member_row
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    SET enable_sort FROM CURRENT
    SET enable_bitmapscan FROM CURRENT
    AS $$
DECLARE
    projection constant text := $q$
        SELECT p.id, p.name,
               (SELECT c.name FROM code.sex c WHERE c.code = p.sex),
               to_char(p.birth_date, 'YYYY-MM-DD'), to_char(p.joined_party_on, 'YYYY-MM-DD'),
               to_char(p.became_full_on, 'YYYY-MM-DD'),
               (SELECT c.name FROM code.person_category c WHERE c.code = p.person_category),
               (SELECT c.name FROM code.education c WHERE c.code = p.education),
               (SELECT c.name FROM code.stage c WHERE c.code = p.stage),
               p.org_id, (SELECT o.name FROM app.org o WHERE o.id = p.org_id),
               p.id_number, p.history_reason IS NOT NULL, p.in_transit
    $q$;
    a    record;
    w    record;
    dir  text := CASE WHEN backward THEN ' DESC' ELSE '' END;
    tok  text;
    parts text[] := '{}';
BEGIN
    IF page IS NULL OR page < 1 OR page > 500 THEN
        RAISE EXCEPTION 'page size % outside 1..500', page USING ERRCODE = 'invalid_parameter_value';
    END IF;
    a := app.member_args(org, coalesce(subtree, false), kind, q);
    IF NOT a.visible THEN
        RETURN;
    END IF;

    tok := app.search_token(kind, coalesce(a.q_name, a.q_initials));
    IF tok IS NOT NULL AND stages IS NULL AND historical IS NOT NULL AND cardinality(a.keys) = 1
       AND (org IS NULL OR coalesce(subtree, false)) AND app.token_depth_ok(a.keys[1]) THEN
        RETURN QUERY
        SELECT * FROM app.token_page(tok, historical, a.keys[1],
                                     CASE WHEN char_length(a.q_name) > 2 THEN a.q_name END,
                                     CASE WHEN char_length(a.q_initials) > 3 THEN a.q_initials END,
                                     after_name, after_id, coalesce(backward, false), page);
        RETURN;
    END IF;

    w := app.member_where(org, coalesce(subtree, false), kind, cardinality(a.keys),
                          char_length(coalesce(a.q_name, a.q_initials, a.q_id)), stages, historical,
                          after_name IS NOT NULL, coalesce(backward, false),
                          a.district IS NOT NULL);

    IF kind IS NULL AND org IS NULL THEN
        -- 023's list of a clerk's whole scope: each subtree's page in order,
        -- merged; the subtrees are disjoint, so no row comes twice.
        PERFORM set_config('enable_bitmapscan', 'off', true);
        w := app.member_where(NULL, true, NULL, 1, NULL, stages, historical,
                              after_name IS NOT NULL, coalesce(backward, false), false);
        FOR i IN 1 .. cardinality(a.keys) LOOP
            parts := parts || ('(SELECT p.* FROM app.person p WHERE '
                               || replace(w.cond, '$4[1]', format('$4[%s]', i))
                               || ' ORDER BY p.name' || dir || ', p.id' || dir || ' LIMIT $10)');
        END LOOP;
        RETURN QUERY EXECUTE projection
            || ' FROM (SELECT u.* FROM (' || array_to_string(parts, ' UNION ALL ') || ') AS u'
            || ' ORDER BY u.name' || dir || ', u.id' || dir || ' LIMIT $10) AS p'
            || ' ORDER BY p.name, p.id'
          USING org, a.district, stages, a.keys, a.q_name, a.q_initials, a.q_id, after_name,
                after_id, page;
    ELSIF kind IS NULL THEN
        PERFORM set_config('enable_bitmapscan', 'off', true);
        IF w.walk AND app.subtree_size(a.keys[1], 2000) > 2000 THEN
            PERFORM set_config('enable_sort', 'off', true);
        END IF;
        RETURN QUERY EXECUTE projection
            || ' FROM (SELECT p.* FROM app.person p WHERE ' || w.cond
            || ' ORDER BY p.name' || dir || ', p.id' || dir || ' LIMIT $10) AS p'
            || ' ORDER BY p.name, p.id'
          USING org, a.district, stages, a.keys, a.q_name, a.q_initials, a.q_id, after_name,
                after_id, page;
    ELSE
        RETURN QUERY EXECUTE
            'WITH hits AS MATERIALIZED (SELECT p.id, p.name FROM app.person p WHERE ' || w.cond || ')'
            || projection
            || ' FROM (SELECT h.id FROM hits h ORDER BY h.name' || dir || ', h.id' || dir
            || ' LIMIT $10) AS h JOIN app.person p ON p.id = h.id'
            || ' ORDER BY p.name, p.id'
          USING org, a.district, stages, a.keys, a.q_name, a.q_initials, a.q_id, after_name,
                after_id, page;
    END IF;
END
$$;

-- The people already registered.
SELECT app.person_token_rebuild();

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.token_count(text, boolean, text, text, text, integer),
                 app.token_depth_ok(text),
                 app.token_page(text, boolean, text, text, text, text, bigint,
                                                          boolean, integer),
                 app.search_token(text, text), app.person_tokens(text, text) TO {clerk}');

-- 020: searching people by the letters of their names, for clerks without a
-- Chinese input method: `zw` finds 张伟, `oyx` 欧阳修.
--
--   * app.han_reading(ch, reading): one row per Han character with its pinyin
--     (no tones, lower case), filled once here from ICU's Han-Latin
--     transliteration (extension icu_ext, schema ext) for U+3007, CJK Ext A and
--     the CJK Unified Ideographs.  ICU builds a transliterator on every call
--     (about 0.1 ms, plus 0.06 ms a character), far too slow for a trigger on
--     bulk loads; a table lookup is not.  Characters of the other planes (Ext B
--     and later, rare in names) are asked of ICU one by one.
--   * app.surname_reading(surname, reading): the surnames ICU reads wrongly
--     (曾 zeng, not ceng; 单 shan; 区 ou ...) and two-character surnames whose
--     first character alone would be read differently (单于 chan yu, 长孙 zhang
--     sun).  The longest matching surname at the start of a name wins.
--   * app.name_reading(name) -> 'zhang wei'; app.name_initials(name) -> 'zw'.
--     NFKC-normalized and lower-cased first, so full-width Latin letters count;
--     a run of Latin letters is one word (Anna·Smith -> as); anything else
--     (·, digits, characters without a reading) separates words.
--   * app.person.name_initials: derived by triggers b10_initials (INSERT) and
--     b10_initials_update (an UPDATE that changes the name or the column), never
--     typed; C-collated with its btree index person_initials, so the prefix
--     `zw` is the range name_initials >= 'zw' AND name_initials < 'zw{' ('{'
--     follows 'z').
--   * Bulk loads run with the row triggers off (session_replication_role =
--     replica, see 012's header): the loader either fills name_initials with
--     app.name_initials(name) itself, or calls app.refresh_name_initials()
--     after the load (only rows still NULL; refresh_name_initials(true) every
--     row, after a change to app.surname_reading).  Superuser only: it turns the
--     row triggers off for its own UPDATE (the stamps and the audit log have no
--     business with a derived column) and restores the setting.
--
-- The list and search queries themselves are in src/db/queries.c, one table of
-- named statements that the screens and `make bench` both run.

CREATE EXTENSION IF NOT EXISTS icu_ext WITH SCHEMA ext;
-- 001 revoked EXECUTE from PUBLIC on functions created from then on, the
-- extension's included; the owner runs the trigger below.
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION ext.icu_transform(text, text) TO {owner}');

-- ---------------------------------------------------------------------------
CREATE TABLE app.han_reading (
    ch         text COLLATE "C" PRIMARY KEY,
    reading    text COLLATE "C" NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user,
    CONSTRAINT han_reading_one_character CHECK (char_length(ch) = 1),
    CONSTRAINT han_reading_syllable CHECK (reading ~ '^[a-z]{1,8}$')
);
SELECT meta.text_checks('app.han_reading', 'ch', 1, true);
SELECT meta.text_checks('app.han_reading', 'reading', 8, true);
COMMENT ON TABLE app.han_reading IS 'pinyin of single Han characters, from ICU Han-Latin (no tones)';

-- One transliteration per block: the characters joined by spaces come back as
-- their syllables joined by spaces (Han-Latin reads character by character).
-- A character ICU has no reading for comes back as itself and is left out.
INSERT INTO app.han_reading (ch, reading)
SELECT u.ch, u.reading
  FROM (SELECT array_agg(chr(c) ORDER BY c) AS chars,
               ext.icu_transform(string_agg(chr(c), ' ' ORDER BY c),
                                 'Han-Latin; Latin-ASCII; Lower') AS latin
          FROM (VALUES (x'3007'::int, x'3007'::int),
                       (x'3400'::int, x'4DBF'::int),
                       (x'4E00'::int, x'9FFF'::int)) AS b (lo, hi),
               generate_series(b.lo, b.hi) AS c
         GROUP BY b.lo) AS t,
       unnest(t.chars, string_to_array(t.latin, ' ')) AS u (ch, reading)
 WHERE u.reading ~ '^[a-z]{1,8}$';

-- ---------------------------------------------------------------------------
CREATE TABLE app.surname_reading (
    surname    text COLLATE "C" PRIMARY KEY,
    reading    text COLLATE "C" NOT NULL,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user,
    CONSTRAINT surname_reading_length CHECK (char_length(surname) BETWEEN 1 AND 2),
    CONSTRAINT surname_reading_syllables CHECK (
        reading ~ '^[a-z]+( [a-z]+)?$'
        AND cardinality(string_to_array(reading, ' ')) = char_length(surname))
);
SELECT meta.text_checks('app.surname_reading', 'surname', 2, true);
SELECT meta.text_checks('app.surname_reading', 'reading', 20, true);
COMMENT ON TABLE app.surname_reading IS
    'surnames read otherwise than ICU reads the character; after a change run app.refresh_name_initials(true)';

-- As surnames (姓氏) these are read so; ICU gives the common reading in brackets.
INSERT INTO app.surname_reading (surname, reading) VALUES
    ('曾', 'zeng'),     -- ceng
    ('单', 'shan'),     -- dan
    ('区', 'ou'),       -- qu
    ('仇', 'qiu'),      -- chou
    ('解', 'xie'),      -- jie
    ('查', 'zha'),      -- cha
    ('朴', 'piao'),     -- pu
    ('盖', 'ge'),       -- gai
    ('乐', 'yue'),      -- le
    ('覃', 'qin'),      -- tan
    ('缪', 'miao'),     -- mou
    ('翟', 'zhai'),     -- di
    ('秘', 'bi'),       -- mi
    ('召', 'shao'),     -- zhao
    ('种', 'chong'),    -- zhong
    ('员', 'yun'),      -- yuan
    ('长', 'chang'),    -- zhang
    ('重', 'chong'),    -- zhong
    ('藏', 'zang'),     -- cang
    ('句', 'gou'),      -- ju
    ('隗', 'wei'),      -- kui
    ('繁', 'po'),       -- fan
    ('阚', 'kan'),      -- han
    ('能', 'nai'),      -- neng
    ('佴', 'nai'),      -- er
    ('薄', 'bo'),       -- bao
    ('卜', 'bu'),       -- bo
    ('都', 'du'),       -- dou
    ('祭', 'zhai'),     -- ji
    ('粘', 'nian'),     -- zhan
    ('折', 'she'),      -- zhe
    ('尉迟', 'yu chi'), -- wei chi
    ('万俟', 'mo qi'),  -- wan qi
    ('单于', 'chan yu'),-- dan yu (and 单 alone is shan)
    ('澹台', 'tan tai'),-- dan tai
    ('拓跋', 'tuo ba'), -- ta ba
    ('长孙', 'zhang sun'); -- (长 alone is chang)

-- ---------------------------------------------------------------------------
-- The reading of a name: syllables and Latin words separated by single spaces.
CREATE FUNCTION app.name_reading(name text) RETURNS text
    LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
    WITH n AS (
        SELECT lower(normalize(name, NFKC)) COLLATE "C" AS s
    ), sur AS (
        SELECT r.surname, r.reading
          FROM app.surname_reading r, n
         WHERE r.surname IN (left(n.s, 2), left(n.s, 1))
         ORDER BY char_length(r.surname) DESC
         LIMIT 1
    )
    SELECT btrim(regexp_replace(
               coalesce((SELECT ' ' || sur.reading || ' ' FROM sur), '')
               || coalesce((SELECT string_agg(
                                coalesce(' ' || (SELECT h.reading FROM app.han_reading h
                                                  WHERE h.ch = c.ch) || ' ',
                                         CASE WHEN c.ch ~ '^[a-z]$' THEN c.ch
                                              WHEN ascii(c.ch) >= 131072 THEN
                                                  coalesce((SELECT ' ' || t.latin || ' '
                                                              FROM ext.icu_transform(
                                                                       c.ch,
                                                                       'Han-Latin; Latin-ASCII; Lower')
                                                                       AS t (latin)
                                                             WHERE t.latin ~ '^[a-z]+$'), ' ')
                                              ELSE ' ' END), '' ORDER BY c.i)
                              FROM n,
                                   regexp_split_to_table(
                                       substr(n.s, coalesce((SELECT char_length(sur.surname)
                                                               FROM sur), 0) + 1), '')
                                       WITH ORDINALITY AS c (ch, i)), ''),
               ' +', ' ', 'g'));
END;

-- The first letter of every word of the reading: 张伟 -> zw, 欧阳修 -> oyx.
CREATE FUNCTION app.name_initials(name text) RETURNS text
    LANGUAGE sql STABLE STRICT
BEGIN ATOMIC
    SELECT regexp_replace(app.name_reading(name), '([a-z])[a-z]* ?', '\1', 'g');
END;


-- ---------------------------------------------------------------------------
ALTER TABLE app.person ADD COLUMN name_initials text COLLATE "C";
SELECT meta.text_checks('app.person', 'name_initials', 200);
COMMENT ON COLUMN app.person.name_initials IS
    'derived: first letters of the name''s pinyin (张伟 -> zw), for initials search';

CREATE FUNCTION app.tg_person_initials() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    NEW.name_initials := app.name_initials(NEW.name);
    RETURN NEW;
END
$$;

CREATE TRIGGER b10_initials BEFORE INSERT ON app.person
    FOR EACH ROW EXECUTE FUNCTION app.tg_person_initials();
CREATE TRIGGER b10_initials_update BEFORE UPDATE ON app.person
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name
                       OR NEW.name_initials IS DISTINCT FROM OLD.name_initials)
    EXECUTE FUNCTION app.tg_person_initials();

-- After a bulk load (all_rows false: the rows still NULL) or a change to the
-- surname table (all_rows true).  Returns the number of rows changed.
CREATE FUNCTION app.refresh_name_initials(all_rows boolean DEFAULT false) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    was text := current_setting('session_replication_role');
    n   bigint;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'app.refresh_name_initials() is for the superuser (bulk loads, migrations)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('session_replication_role', 'replica', true);
    -- Once per distinct name: far fewer than people (many are called 张伟).
    UPDATE app.person p SET name_initials = d.initials
      FROM (SELECT u.name, app.name_initials(u.name) COLLATE "C" AS initials
              FROM (SELECT DISTINCT name FROM app.person
                     WHERE all_rows OR name_initials IS NULL) AS u) AS d
     WHERE p.name = d.name
       AND (all_rows OR p.name_initials IS NULL)
       AND p.name_initials IS DISTINCT FROM d.initials;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM set_config('session_replication_role', was, true);
    RETURN n;
END
$$;

-- People already registered when this migration runs.
SELECT app.refresh_name_initials();

-- ---------------------------------------------------------------------------
-- One GIN index serves every search of people, the clerk's subtree included.
--   app.search_tokens(name, initials, org_key): the name's 1- and 2-character
--   pieces (as app.name_grams gives them), 'i:' and each prefix of the
--   initials up to 8 letters, and 'o:' and the label of every ancestor below
--   the city (the labels of org_key; each is an organization's code, so
--   unique).  A search for 张 within district 001_002 asks for {张, o:001_002},
--   zw for {i:zw, o:001_002}, and GIN intersects the posting lists itself:
--   it reads about as many rows as the subtree has hits, however large the
--   city.  (Pieces are at most two characters, tokens at least three, so they
--   never collide.)
--   app.search_query_tokens(q, initials, subtree_key): the tokens to ask for.
-- Row-level security: a clerk's condition can become an index condition only
-- when every function in it is LEAKPROOF; otherwise it runs after the
-- policies, as a filter on every row of the scope.  The standard array @>
-- (arraycontains) is not marked so, nor can any SQL-language function be,
-- so the index has an operator class of its own whose operator app.@> is
-- arraycontains declared LEAKPROOF, and app.search_tokens is LEAKPROOF (both
-- only compute and compare text arrays; neither raises).  Its selectivity is
-- matchingsel (the operator applied to the sampled token arrays).
-- Write it as OPERATOR(app.@>): a plain @> is the standard operator, which
-- this index does not serve.
CREATE FUNCTION app.search_tokens(name text, initials text, org_key text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE LEAKPROOF
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t      text[] := '{}';
    n      integer := coalesce(char_length(name), 0);
    labels text[] := string_to_array(rtrim(org_key, '.'), '.');
BEGIN
    FOR i IN 1 .. n LOOP
        t := t || substr(name, i, 1);
        IF i < n THEN
            t := t || substr(name, i, 2);
        END IF;
    END LOOP;
    FOR i IN 1 .. least(coalesce(char_length(initials), 0), 8) LOOP
        t := t || ('i:' || left(initials, i));
    END LOOP;
    FOR i IN 2 .. coalesce(cardinality(labels), 0) LOOP
        t := t || ('o:' || labels[i]);
    END LOOP;
    RETURN t;
END
$$;

CREATE FUNCTION app.search_query_tokens(q text, initials text, subtree_key text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(app.name_query_grams(q), '{}'::text[])
           || CASE WHEN initials IS NULL THEN '{}'::text[]
                   ELSE ARRAY['i:' || left(initials, 8)] END
           || CASE WHEN subtree_key IS NULL OR strpos(left(subtree_key, -1), '.') = 0
                   THEN '{}'::text[]
                   ELSE ARRAY['o:' || substring(subtree_key FROM '([^.]+)\.$')] END;
END;

CREATE FUNCTION app.tokens_contain(text[], text[]) RETURNS boolean
    LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    AS 'arraycontains';
CREATE OPERATOR app.@> (
    LEFTARG = text[], RIGHTARG = text[], FUNCTION = app.tokens_contain,
    RESTRICT = matchingsel, JOIN = matchingjoinsel);
CREATE OPERATOR CLASS app.search_tokens_ops FOR TYPE text[] USING gin AS
    OPERATOR 2 app.@> (text[], text[]),
    FUNCTION 1 pg_catalog.bttextcmp(text, text),
    FUNCTION 2 pg_catalog.ginarrayextract(anyarray, internal, internal),
    FUNCTION 3 pg_catalog.ginqueryarrayextract(anyarray, internal, smallint, internal, internal,
                                                internal, internal),
    FUNCTION 4 pg_catalog.ginarrayconsistent(internal, smallint, anyarray, integer, internal,
                                              internal, internal, internal),
    FUNCTION 6 pg_catalog.ginarraytriconsistent(internal, smallint, anyarray, integer, internal,
                                                 internal, internal),
    STORAGE text;

-- The index is built as the table's owner.
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.search_tokens(text, text, text),
                 app.tokens_contain(text[], text[]) TO {owner}');
CREATE INDEX person_search ON app.person
    USING gin (app.search_tokens(name COLLATE "C", name_initials, org_key) app.search_tokens_ops);

-- ---------------------------------------------------------------------------
-- What the screens read.  These functions are the one text of every list and
-- search the client runs (src/db/members.c and orgs.c only call them, and
-- `make bench` calls the same): SECURITY INVOKER, so the clerk's row-level
-- security decides what is seen; values arrive as parameters and reach the
-- statements as EXECUTE ... USING parameters, never as text.
--
-- Paging is by keyset (never OFFSET): a page is at most `page` rows (1..500)
-- after the key (after_name, after_id) in pinyin order (name in the column's
-- zh-x-icu collation, then id), or with backward the rows before the key, or
-- without a key the first (last) page.  Rows always come back in ascending
-- order.  A key past the last row gives no rows.
--
-- Order: ICU's pinyin (zh-x-icu), which reads a polyphonic surname by its
-- common reading (曾 sorts as ceng); the initials search knows it as zeng.
--
-- Forms, as measured with EXPLAIN (ANALYZE, BUFFERS) on 300,000 people in
-- 6,640 organizations (a 75,000-person district, a 7,600-person committee;
-- numbers in the header of src/db/members.h):
--   * one organization's members: the (org_id, name, id) index, walked.
--   * a subtree: the org_key range.  When the subtree (after the key) has more
--     than 2,000 rows, walking the (district_id, name, id) index in order is
--     far cheaper than sorting them all, but the planner cannot see that: the
--     policies' scope ranges compare with per-statement values whose
--     selectivity it guesses (0.5% a range), so it expects a few rows and
--     sorts 20,000.  A LIMIT 2001 probe of the same condition decides, and
--     the page then runs with enable_sort off (restored when the function
--     returns), which leaves the ordered walk as the only sensible plan.
--   * lists run with enable_bitmapscan off: every list form is an ordered or
--     a range index scan, and a bitmap plan would be ANDed with the policy's
--     scope range, a scan of the whole district for a district clerk (8 ms).
--   * search: the matching ids through person_search, MATERIALIZED, then
--     sorted.  Without the fence an ORDER BY name LIMIT tempts the planner to
--     walk the name index and filter, seconds for a surname (PERFORMANCE.md):
--     hits of 张 cluster at the end of the alphabet.  (app.name_contains and
--     its index person_name_grams serve the superuser only: under row-level
--     security a clerk's name_contains runs as a filter on every row of the
--     scope, 115-170 ms for a district clerk's 张 here; person_search: 27.)
CREATE TYPE app.member_row AS (
    id              bigint,
    name            text COLLATE "zh-x-icu",
    sex             text,
    birth_date      text,
    joined_party_on text,
    became_full_on  text,
    person_category text,
    education       text,
    stage           text,
    org_id          bigint,
    org_name        text,
    id_number       text,
    historical      boolean,
    in_transit      boolean
);

-- The WHERE clause of a member list or search, from fixed pieces only, over
-- the parameters
--   $1 org id   $2 district id   $3 stages   $4 subtree keys   $5 name text
--   $6 initials   $7 ID-number prefix   $8 key name   $9 key id   $10 limit
-- with the values app.member_page / app.member_count pass to EXECUTE.
-- walk: the subtree list form, which may walk the district index.
CREATE FUNCTION app.member_where(org bigint, subtree boolean, kind text, nkeys integer,
                                 q_len integer, stages text[], historical boolean,
                                 has_key boolean, backward boolean, has_district boolean,
                                 OUT cond text, OUT walk boolean)
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tokens constant text := 'app.search_tokens(p.name COLLATE "C", p.name_initials, p.org_key) '
                            'OPERATOR(app.@>) app.search_query_tokens(%s, %s, %s)';
    parts  text[] := '{}';
BEGIN
    walk := false;
    IF kind IS NULL THEN
        IF NOT subtree THEN
            cond := 'p.org_id = $1';
        ELSE
            cond := 'p.org_key >= $4[1] AND p.org_key < app.key_upper($4[1])';
            IF has_district THEN
                cond := cond || ' AND p.district_id = $2';
            END IF;
            walk := true;
        END IF;
    ELSIF kind IN ('name', 'initials') THEN
        IF nkeys = 0 OR (org IS NOT NULL AND NOT subtree) THEN
            parts := ARRAY[format(tokens, '$5', '$6', 'NULL')];
        ELSE
            FOR i IN 1 .. nkeys LOOP
                parts := parts || format(tokens, '$5', '$6', format('$4[%s]', i));
            END LOOP;
        END IF;
        cond := '(' || array_to_string(parts, ' OR ') || ')';
        IF kind = 'name' AND q_len > 1 THEN
            cond := cond || ' AND strpos(p.name COLLATE "C", $5) > 0';
        ELSIF kind = 'initials' AND q_len > 8 THEN
            cond := cond || ' AND p.name_initials >= $6 AND p.name_initials < $6 || ''{''';
        END IF;
        IF org IS NOT NULL AND NOT subtree THEN
            cond := cond || ' AND p.org_id = $1';
        END IF;
    ELSIF kind = 'id' THEN
        cond := 'p.id_number >= $7 AND p.id_number < $7 || ''Y''';
        IF org IS NOT NULL AND NOT subtree THEN
            cond := cond || ' AND p.org_id = $1';
        ELSIF nkeys > 0 THEN
            FOR i IN 1 .. nkeys LOOP
                parts := parts || format('(p.org_key >= $4[%1$s] AND p.org_key < app.key_upper($4[%1$s]))', i);
            END LOOP;
            cond := cond || ' AND (' || array_to_string(parts, ' OR ') || ')';
        END IF;
    END IF;
    IF stages IS NOT NULL THEN
        cond := cond || ' AND p.stage = ANY ($3)';
    END IF;
    IF historical THEN
        cond := cond || ' AND p.history_reason IS NOT NULL';
    ELSIF NOT historical THEN
        cond := cond || ' AND p.history_reason IS NULL';
    END IF;
    IF has_key THEN
        cond := cond || CASE WHEN backward THEN ' AND (p.name, p.id) < ($8, $9)'
                             ELSE ' AND (p.name, p.id) > ($8, $9)' END;
    END IF;
END
$$;

-- The arguments of a list or search, checked and normalized: the subtree
-- keys, the district, the cleaned search text.  Unknown or invisible
-- organizations give no keys and visible false.
CREATE FUNCTION app.member_args(org bigint, subtree boolean, kind text, q text,
                                OUT visible boolean, OUT keys text[], OUT district bigint,
                                OUT q_name text, OUT q_initials text, OUT q_id text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    o record;
BEGIN
    visible := true;
    keys := '{}';
    IF kind IS NOT NULL AND kind NOT IN ('name', 'initials', 'id') THEN
        RAISE EXCEPTION 'unknown search kind %', kind USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF org IS NOT NULL THEN
        SELECT g.path_key, g.district_id INTO o FROM app.org g WHERE g.id = member_args.org;
        IF NOT FOUND THEN
            visible := false;
            RETURN;
        END IF;
        IF subtree THEN
            keys := ARRAY[o.path_key];
            district := o.district_id;
        END IF;
    ELSIF kind IS NULL THEN
        RAISE EXCEPTION 'a member list needs an organization' USING ERRCODE = 'invalid_parameter_value';
    ELSE
        -- The clerk's whole scope: its outermost organizations (none for a
        -- role that is not a clerk: row-level security alone decides).
        keys := coalesce(app.my_scope_keys(), '{}');
    END IF;

    IF kind = 'name' THEN
        q_name := btrim(q, E' \t\u3000');
        IF coalesce(q_name, '') = '' THEN
            RAISE EXCEPTION '请输入要查询的姓名（可以只输入其中的一个字）';
        END IF;
    ELSIF kind = 'initials' THEN
        q_initials := regexp_replace(lower(coalesce(q, '')), '[^a-z]', '', 'g');
        IF q_initials = '' THEN
            RAISE EXCEPTION '请输入姓名的拼音首字母，如“张伟”输入 zw';
        END IF;
    ELSIF kind = 'id' THEN
        q_id := upper(regexp_replace(coalesce(q, ''), '[\s\u3000]', '', 'g'));
        IF q_id !~ '^[0-9]{6,17}[0-9X]?$' THEN
            RAISE EXCEPTION '请至少输入身份证号的前6位（只含数字，最后一位可以是X）';
        END IF;
    END IF;
END
$$;

-- How many people a subtree holds, counted up to cap + 1, whatever their
-- stage: the index-only count of an org_key range, as the owner, so that the
-- policies' per-statement ranges do not turn it into two bitmap scans of the
-- whole subtree.  Only for a key inside the caller's scope (else 0).
CREATE FUNCTION app.subtree_size(key text, cap integer) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT count(*) FROM (SELECT 1 FROM app.person p
                           WHERE p.org_key >= key AND p.org_key < app.key_upper(key)
                             AND (app.key_in_my_scope(key)
                                  OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user))
                           LIMIT cap + 1) AS s
$$;

-- One page of members: a list (kind NULL: org's direct members, or with
-- subtree its whole subtree) or a search (kind 'name' contains q, 'initials'
-- starts with q, 'id' ID number starts with q) within org's subtree (org
-- NULL: the clerk's whole scope).  stages: the code.stage codes to show (NULL
-- all); historical: true only 历史党员, false only current, NULL both.
CREATE FUNCTION app.member_page(org bigint, subtree boolean, kind text, q text, stages text[],
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
BEGIN
    IF page IS NULL OR page < 1 OR page > 500 THEN
        RAISE EXCEPTION 'page size % outside 1..500', page USING ERRCODE = 'invalid_parameter_value';
    END IF;
    a := app.member_args(org, coalesce(subtree, false), kind, q);
    IF NOT a.visible THEN
        RETURN;
    END IF;
    w := app.member_where(org, coalesce(subtree, false), kind, cardinality(a.keys),
                          char_length(coalesce(a.q_name, a.q_initials, a.q_id)), stages, historical,
                          after_name IS NOT NULL, coalesce(backward, false),
                          a.district IS NOT NULL);

    IF kind IS NULL THEN
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

-- How many rows the same list or search has, counted up to cap + 1 (so a
-- screen can say "more than 10000" without counting a district).
CREATE FUNCTION app.member_count(org bigint, subtree boolean, kind text, q text, stages text[],
                                 historical boolean, cap integer)
    RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
DECLARE
    a record;
    w record;
    n bigint;
BEGIN
    a := app.member_args(org, coalesce(subtree, false), kind, q);
    IF NOT a.visible THEN
        RETURN 0;
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

-- ---------------------------------------------------------------------------
-- Members' details and record sets, read-only, as the screens show them:
-- codes resolved to their names, dates as YYYY-MM-DD.
CREATE TYPE app.member_detail_row AS (
    id                bigint,
    version           integer,
    name              text COLLATE "zh-x-icu",
    name_initials     text,
    sex               text,
    ethnicity         text,
    birth_date        text,
    id_number         text,
    native_place      text,
    education         text,
    degree            text,
    political_status  text,
    joined_work_on    text,
    phone             text,
    address           text,
    person_category   text,
    stage             text,
    org_id            bigint,
    org_code          text,
    org_name          text,
    joined_party_on   text,
    became_full_on    text,
    history_reason    text,
    history_on        text,
    history_detail    text,
    exit_kind         text,
    suspend_reason    text,
    in_transit        boolean,
    transit_since     text,
    transit_dest      text,
    updated_at        text,
    updated_by        text
);

CREATE FUNCTION app.member_detail(person bigint) RETURNS SETOF app.member_detail_row
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT p.id, p.version, p.name, p.name_initials,
           (SELECT c.name FROM code.sex c WHERE c.code = p.sex),
           (SELECT c.name FROM code.ethnicity c WHERE c.code = p.ethnicity),
           to_char(p.birth_date, 'YYYY-MM-DD'), p.id_number, p.native_place,
           (SELECT c.name FROM code.education c WHERE c.code = p.education),
           (SELECT c.name FROM code.degree c WHERE c.code = p.degree),
           (SELECT c.name FROM code.political_status c WHERE c.code = p.political_status),
           to_char(p.joined_work_on, 'YYYY-MM-DD'), p.phone, p.address,
           (SELECT c.name FROM code.person_category c WHERE c.code = p.person_category),
           (SELECT c.name FROM code.stage c WHERE c.code = p.stage),
           p.org_id, o.code, o.name,
           to_char(p.joined_party_on, 'YYYY-MM-DD'), to_char(p.became_full_on, 'YYYY-MM-DD'),
           (SELECT c.name FROM code.history_reason c WHERE c.code = p.history_reason),
           to_char(p.history_on, 'YYYY-MM-DD'), p.history_detail,
           (SELECT c.name FROM code.exit_kind c WHERE c.code = p.exit_kind),
           (SELECT c.name FROM code.suspend_reason c WHERE c.code = p.suspend_reason),
           p.in_transit, to_char(p.transit_since, 'YYYY-MM-DD'),
           coalesce((SELECT t.full_name FROM app.org t WHERE t.id = p.transit_to_org_id),
                    p.transit_dest),
           to_char(p.updated_at, 'YYYY-MM-DD HH24:MI:SS'), p.updated_by
      FROM app.person p
      LEFT JOIN app.org o ON o.id = p.org_id
     WHERE p.id = member_detail.person;
END;

-- The rows of one record set (the tabs of the manual's 1.9.1.2 and 奖惩): set
-- is education, job, post, tech_title, standing, org_relation, dev_step,
-- appraisal or reward.  cells in the order of the columns src/model/member.h
-- names for the set; at most 500 rows, oldest first.
CREATE FUNCTION app.member_records(person bigint, record_set text)
    RETURNS TABLE (id bigint, cells text[])
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    CASE record_set
    WHEN 'education' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[(SELECT c.name FROM code.education c WHERE c.code = r.education),
                           (SELECT c.name FROM code.degree c WHERE c.code = r.degree),
                           r.school, r.major,
                           CASE r.full_time WHEN true THEN '全日制' WHEN false THEN '在职' END,
                           to_char(r.from_date, 'YYYY-MM-DD'), to_char(r.to_date, 'YYYY-MM-DD')]
          FROM app.education r WHERE r.person_id = person
         ORDER BY r.from_date NULLS FIRST, r.id LIMIT 500;
    WHEN 'job' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[r.unit_name,
                           (SELECT c.name FROM code.unit_nature c WHERE c.code = r.unit_nature),
                           (SELECT c.name FROM code.person_category c WHERE c.code = r.person_category),
                           r.post, to_char(r.from_date, 'YYYY-MM-DD'), to_char(r.to_date, 'YYYY-MM-DD')]
          FROM app.job r WHERE r.person_id = person
         ORDER BY r.from_date NULLS FIRST, r.id LIMIT 500;
    WHEN 'post' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[(SELECT c.name FROM code.party_post c WHERE c.code = r.party_post),
                           r.org_name, to_char(r.from_date, 'YYYY-MM-DD'),
                           to_char(r.to_date, 'YYYY-MM-DD'), r.approval_doc, r.note]
          FROM app.post r WHERE r.person_id = person
         ORDER BY r.from_date, r.id LIMIT 500;
    WHEN 'tech_title' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[(SELECT c.name FROM code.tech_title c WHERE c.code = r.title),
                           to_char(r.qualified_on, 'YYYY-MM-DD'), r.unit_name,
                           to_char(r.from_date, 'YYYY-MM-DD'), to_char(r.to_date, 'YYYY-MM-DD')]
          FROM app.tech_title r WHERE r.person_id = person
         ORDER BY coalesce(r.qualified_on, r.from_date) NULLS FIRST, r.id LIMIT 500;
    WHEN 'standing' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[CASE r.event WHEN 'join' THEN '接收为预备党员'
                                        WHEN 'full' THEN '转为正式党员'
                                        WHEN 'extend' THEN '延长预备期'
                                        WHEN 'cancel' THEN '取消预备党员资格'
                                        WHEN 'suspend' THEN '停止党籍'
                                        WHEN 'restore' THEN '恢复党籍'
                                        ELSE '其他党籍说明' END,
                           to_char(r.event_date, 'YYYY-MM-DD'), to_char(r.until_date, 'YYYY-MM-DD'),
                           to_char(r.approved_on, 'YYYY-MM-DD'), r.approval_doc, r.note]
          FROM app.standing r WHERE r.person_id = person
         ORDER BY r.event_date, r.id LIMIT 500;
    WHEN 'org_relation' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[r.org_name, to_char(r.from_date, 'YYYY-MM-DD'),
                           to_char(r.to_date, 'YYYY-MM-DD'),
                           (SELECT c.name FROM code.transfer_kind c WHERE c.code = r.transfer_kind),
                           r.note]
          FROM app.org_relation r WHERE r.person_id = person
         ORDER BY r.from_date, r.id LIMIT 500;
    WHEN 'dev_step' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[(SELECT c.name FROM code.dev_step c WHERE c.code = r.step),
                           to_char(r.step_date, 'YYYY-MM-DD'), r.detail]
          FROM app.dev_step r WHERE r.person_id = person
         ORDER BY r.step, r.id LIMIT 500;
    WHEN 'appraisal' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[r.year::text,
                           (SELECT c.name FROM code.appraisal c WHERE c.code = r.result), r.note]
          FROM app.appraisal r WHERE r.person_id = person
         ORDER BY r.year, r.id LIMIT 500;
    WHEN 'reward' THEN
        RETURN QUERY
        SELECT r.id, ARRAY[(SELECT c.name FROM code.reward_kind c WHERE c.code = r.kind), r.title,
                           to_char(r.reward_date, 'YYYY-MM-DD'), r.reason, r.approved_by,
                           r.approval_doc]
          FROM app.reward r WHERE r.person_id = person
         ORDER BY r.reward_date, r.id LIMIT 500;
    ELSE
        RAISE EXCEPTION 'unknown record set %', record_set USING ERRCODE = 'invalid_parameter_value';
    END CASE;
END
$$;

-- ---------------------------------------------------------------------------
-- The organization tree.  Siblings in code order (the org_parent index),
-- keyset on code; searches in tree order (path_key).  members: current party
-- members (正式、预备) directly in the organization; people: every current
-- person there (applicants and activists too); children: whether it has
-- sub-organizations (dissolved ones count only when asked for).
CREATE TYPE app.org_row AS (
    id           bigint,
    code         text COLLATE "C",
    name         text,
    full_name    text,
    kind         text,
    kind_name    text,
    state        text,
    parent_id    bigint,
    district_id  bigint,
    path_key     text COLLATE "C",
    depth        integer,
    members      bigint,
    people       bigint,
    has_children boolean
);

-- An organization row by id: FROM ..., LATERAL app.org_row_of(o.id, ...) (a
-- set-returning function, inlined there; (f(x)).* would run it once per
-- column).
CREATE FUNCTION app.org_row_of(org bigint, with_dissolved boolean) RETURNS SETOF app.org_row
    LANGUAGE sql STABLE ROWS 1
BEGIN ATOMIC
    SELECT o.id, o.code, o.name, o.full_name, o.kind,
           (SELECT k.name FROM code.org_kind k WHERE k.code = o.kind), o.state, o.parent_id,
           o.district_id, o.path_key, ext.nlevel(o.path),
           (SELECT count(*) FROM app.person p
             WHERE p.org_id = o.id AND p.history_reason IS NULL AND p.stage IN ('4', '5')),
           (SELECT count(*) FROM app.person p WHERE p.org_id = o.id AND p.history_reason IS NULL),
           EXISTS (SELECT 1 FROM app.org c
                    WHERE c.parent_id = o.id AND (c.state = 'active' OR org_row_of.with_dissolved))
      FROM app.org o
     WHERE o.id = org_row_of.org;
END;

-- The tops of the clerk's tree: its scope organizations (the city for a
-- role that is not a clerk, such as the superuser).
CREATE FUNCTION app.org_roots(with_dissolved boolean) RETURNS SETOF app.org_row
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.*
      FROM app.org o, LATERAL app.org_row_of(o.id, org_roots.with_dissolved) r
     WHERE o.path_key = ANY ((SELECT app.my_scope_keys())::text[])
        OR (o.parent_id IS NULL AND cardinality((SELECT app.my_scope_keys())) = 0)
     ORDER BY r.path_key
     LIMIT 10;
END;

-- One page of an organization's children, by code.
CREATE FUNCTION app.org_children(parent bigint, with_dissolved boolean, after_code text,
                                 backward boolean, page integer)
    RETURNS SETOF app.org_row
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.*
      FROM ((SELECT c.* FROM app.org c
              WHERE NOT org_children.backward AND c.parent_id = org_children.parent
                AND (c.state = 'active' OR org_children.with_dissolved)
                AND (org_children.after_code IS NULL OR c.code > org_children.after_code)
              ORDER BY c.code LIMIT org_children.page)
            UNION ALL
            (SELECT c.* FROM app.org c
              WHERE org_children.backward AND c.parent_id = org_children.parent
                AND (c.state = 'active' OR org_children.with_dissolved)
                AND (org_children.after_code IS NULL OR c.code < org_children.after_code)
              ORDER BY c.code DESC LIMIT org_children.page)) AS o,
           LATERAL app.org_row_of(o.id, org_children.with_dissolved) r
     ORDER BY r.code;
END;

-- Organizations whose code starts with q (by 'code') or whose name contains
-- q (by 'name'), in tree order after the key after_path (a path_key).
CREATE FUNCTION app.org_find(by text, q text, with_dissolved boolean, after_path text,
                             page integer)
    RETURNS SETOF app.org_row
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT r.*
      FROM (SELECT c.* FROM app.org c
             WHERE org_find.q <> ''
               AND ((org_find.by = 'code' AND c.code >= org_find.q AND c.code < org_find.q || ':')
                    OR (org_find.by = 'name'
                        AND app.search_tokens(c.name COLLATE "C", NULL, NULL)
                            OPERATOR(app.@>) app.search_query_tokens(org_find.q, NULL, NULL)
                        AND strpos(c.name, org_find.q) > 0))
               AND (c.state = 'active' OR org_find.with_dissolved)
               AND (org_find.after_path IS NULL OR c.path_key > org_find.after_path)
             ORDER BY c.path_key LIMIT org_find.page) AS o,
           LATERAL app.org_row_of(o.id, org_find.with_dissolved) r
     ORDER BY r.path_key;
END;

CREATE INDEX org_search ON app.org
    USING gin (app.search_tokens(name COLLATE "C", NULL, NULL) app.search_tokens_ops);

CREATE TYPE app.org_detail_row AS (
    id               bigint,
    version          integer,
    code             text COLLATE "C",
    name             text,
    full_name        text,
    kind             text,
    category         text,
    unit_name        text,
    unit_nature      text,
    unit_relation    text,
    founded_on       text,
    founding_doc     text,
    secretary        text,
    contact          text,
    phone            text,
    state            text,
    dissolved_on     text,
    dissolved_reason text,
    parent_id        bigint,
    parent_name      text,
    district_name    text,
    path_key         text COLLATE "C",
    district_id      bigint,
    children         bigint,
    members          bigint,
    people           bigint
);

CREATE FUNCTION app.org_detail(org bigint) RETURNS SETOF app.org_detail_row
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT o.id, o.version, o.code, o.name, o.full_name,
           (SELECT c.name FROM code.org_kind c WHERE c.code = o.kind),
           (SELECT c.name FROM code.org_category c WHERE c.code = o.category),
           o.unit_name,
           (SELECT c.name FROM code.unit_nature c WHERE c.code = o.unit_nature),
           (SELECT c.name FROM code.unit_relation c WHERE c.code = o.unit_relation),
           to_char(o.founded_on, 'YYYY-MM-DD'), o.founding_doc, o.secretary, o.contact, o.phone,
           CASE o.state WHEN 'active' THEN '正常' ELSE '已撤销' END,
           to_char(o.dissolved_on, 'YYYY-MM-DD'), o.dissolved_reason, o.parent_id,
           (SELECT p.name FROM app.org p WHERE p.id = o.parent_id),
           (SELECT d.name FROM app.org d WHERE d.id = o.district_id),
           o.path_key, o.district_id,
           (SELECT count(*) FROM app.org c WHERE c.parent_id = o.id AND c.state = 'active'),
           (SELECT count(*) FROM app.person p
             WHERE p.org_id = o.id AND p.history_reason IS NULL AND p.stage IN ('4', '5')),
           (SELECT count(*) FROM app.person p WHERE p.org_id = o.id AND p.history_reason IS NULL)
      FROM app.org o
     WHERE o.id = org_detail.org;
END;

-- ---------------------------------------------------------------------------
-- The other tables' machinery: stamps, row-level security, audit (attached
-- after the initial rows, which the migration's checksum already records).
CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.han_reading
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();
CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.surname_reading
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();
ALTER TABLE app.han_reading ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE app.surname_reading ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON app.han_reading TO {owner} USING (true) WITH CHECK (true)');
SELECT meta.ddl('CREATE POLICY owner_all ON app.surname_reading TO {owner} USING (true) WITH CHECK (true)');
SELECT meta.audit_table('app.han_reading');
SELECT meta.audit_table('app.surname_reading');

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION
                 app.search_tokens(text, text, text), app.search_query_tokens(text, text, text),
                 app.tokens_contain(text[], text[]),
                 app.member_where(bigint, boolean, text, integer, integer, text[], boolean, boolean,
                                  boolean, boolean),
                 app.member_args(bigint, boolean, text, text), app.subtree_size(text, integer),
                 app.member_page(bigint, boolean, text, text, text[], boolean, text, bigint, boolean,
                                 integer),
                 app.member_count(bigint, boolean, text, text, text[], boolean, integer),
                 app.member_detail(bigint), app.member_records(bigint, text),
                 app.org_row_of(bigint, boolean), app.org_roots(boolean),
                 app.org_children(bigint, boolean, text, boolean, integer),
                 app.org_find(text, text, boolean, text, integer), app.org_detail(bigint)
                 TO {clerk}');

-- 023: a clerk with several scope organizations lists all of them.
-- app.member_page / app.member_count with org NULL and no search (kind NULL)
-- list the clerk's whole scope (sql/020 allowed org NULL for searches only, and
-- the screen listed the first scope organization alone).  A list of the
-- scope is the union of one ordered page per outermost scope organization (its
-- org_key range, walked like any subtree list), merged by name and id; the
-- count ORs the ranges.  With one scope organization nothing changes: the
-- screen passes that organization as before.  Otherwise sql/020's text.

CREATE OR REPLACE FUNCTION app.member_where(org bigint, subtree boolean, kind text, nkeys integer,
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
        IF org IS NULL AND nkeys > 1 THEN
            -- The clerk's whole scope: any of its subtrees (member_count;
            -- member_page asks for one key at a time and merges them).
            FOR i IN 1 .. nkeys LOOP
                parts := parts || format('(p.org_key >= $4[%1$s] AND p.org_key < app.key_upper($4[%1$s]))', i);
            END LOOP;
            cond := '(' || array_to_string(parts, ' OR ') || ')';
        ELSIF NOT subtree THEN
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

CREATE OR REPLACE FUNCTION app.member_args(org bigint, subtree boolean, kind text, q text,
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
    ELSE
        -- The clerk's whole scope: its outermost organizations (none for a
        -- role that is not a clerk: row-level security alone decides).
        keys := coalesce(app.my_scope_keys(), '{}');
        IF kind IS NULL AND cardinality(keys) = 0 THEN
            RAISE EXCEPTION 'a member list needs an organization' USING ERRCODE = 'invalid_parameter_value';
        END IF;
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
    parts text[] := '{}';
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

    IF kind IS NULL AND org IS NULL THEN
        -- The clerk's whole scope: each subtree's page in order (its org_key
        -- range), merged; the subtrees are disjoint, so no row comes twice.
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

-- 051: searches through derived.person_token (sql/051_search_order.sql) give
-- exactly the rows of 020's path, in the same pinyin order, for a city, a
-- district, a committee and a branch clerk, on first pages, pages after a
-- key both ways, longer texts and historical people; the token rows follow
-- renames, moves and historical transitions and equal a rebuild.  020's path
-- is reached by the same call with every stage listed (the token path is
-- taken only without a stage filter).
BEGIN;
SELECT plan(13);

CREATE FUNCTION pg_temp.org_id(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        (1, '上海市委', '2', 'T51甲区'), (2, '上海市委', '2', 'T51乙区'),
        (3, 'T51甲区', '4', 'T51甲党委'), (4, 'T51甲党委', '6', 'T51甲1支部'),
        (5, 'T51甲区', '6', 'T51甲2支部'), (6, 'T51乙区', '6', 'T51乙1支部')) AS v(o, p, k, n)
        ORDER BY o
    LOOP
        INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.org_id(r.p), r.k, r.n);
    END LOOP;
END
$$;
SELECT pg_temp.org_id('T51甲区') AS d_a, pg_temp.org_id('T51乙区') AS d_b, pg_temp.org_id('T51甲党委') AS c_a,
       pg_temp.org_id('T51甲1支部') AS b_a1, pg_temp.org_id('T51甲2支部') AS b_a2,
       pg_temp.org_id('T51乙1支部') AS b_b1 \gset

-- 90 people: names from a few surnames and given names, so that 张, 张伟 and
-- zw have many hits in several organizations; some historical.
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on, history_reason, history_on)
SELECT s.n || g.n, '1', '5', (ARRAY[:b_a1, :b_a2, :b_b1, :c_a])[1 + (s.i * 7 + g.i) % 4],
       date '2001-07-01', date '2002-07-01',
       CASE WHEN (s.i + g.i) % 9 = 0 THEN '2' END, CASE WHEN (s.i + g.i) % 9 = 0 THEN date '2020-01-01' END
  FROM (VALUES (1, '张'), (2, '周'), (3, '王'), (4, '欧阳'), (5, '李'), (6, '曾'))
           AS s (i, n),
       (VALUES (1, '伟'), (2, '伟明'), (3, '文'), (4, '芳'), (5, '张'), (6, '娜'), (7, '伟民'),
               (8, '晓伟'), (9, '明'), (10, '薇'), (11, '卫'), (12, '伟'), (13, '婉'), (14, '威'),
               (15, '炜')) AS g (i, n);

-- Clerks of the city, district 甲, committee 甲 and branch 甲1.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('tso_city', 'city', '上海市委'), ('tso_district', 'district', 'T51甲区'),
                                   ('tso_committee', 'committee', 'T51甲党委'),
                                   ('tso_branch', 'branch', 'T51甲1支部')) AS v(n, lvl, org) LOOP
        PERFORM meta.ddl(format('CREATE ROLE {%s} LOGIN', r.n));
        PERFORM meta.ddl(format('GRANT {clerk}, {%s} TO {%s}', r.lvl, r.n));
        INSERT INTO app.clerk (role_name, level, must_change_password) VALUES (meta.role(r.n), r.lvl, false);
        INSERT INTO app.clerk_scope (role_name, org_id) SELECT meta.role(r.n), id FROM app.org WHERE name = r.org;
    END LOOP;
END
$$;

-- Differences between the token path and 020's path for one call, as text
-- ('' when none): page, then the next page after its last row, then the page
-- before that page's first row.
CREATE FUNCTION pg_temp.diff(org bigint, kind text, q text, hist boolean, size integer) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    allst constant text[] := ARRAY['1', '2', '3', '4', '5'];
    a text; b text; k record; out text := '';
BEGIN
    SELECT string_agg(id || name, ',' ORDER BY ord) INTO a
      FROM app.member_page(org, true, kind, q, NULL, hist, NULL, NULL, false, size) WITH ORDINALITY AS x(id, name, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, ord);
    SELECT string_agg(id || name, ',' ORDER BY ord) INTO b
      FROM app.member_page(org, true, kind, q, allst, hist, NULL, NULL, false, size) WITH ORDINALITY AS x(id, name, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, ord);
    IF a IS DISTINCT FROM b THEN out := out || format('first %s <> %s; ', a, b); END IF;
    IF app.member_count(org, true, kind, q, NULL, hist, 1000) <> app.member_count(org, true, kind, q, allst, hist, 1000)
       OR app.member_count(org, true, kind, q, NULL, hist, 3) <> app.member_count(org, true, kind, q, allst, hist, 3) THEN
        out := out || format('count %s <> %s; ', app.member_count(org, true, kind, q, NULL, hist, 1000),
                             app.member_count(org, true, kind, q, allst, hist, 1000));
    END IF;
    SELECT id, name INTO k FROM app.member_page(org, true, kind, q, NULL, hist, NULL, NULL, false, size)
     ORDER BY name DESC, id DESC LIMIT 1;
    IF FOUND THEN
        SELECT string_agg(id || name, ',' ORDER BY ord) INTO a
          FROM app.member_page(org, true, kind, q, NULL, hist, k.name, k.id, false, size) WITH ORDINALITY AS x(id, name, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, ord);
        SELECT string_agg(id || name, ',' ORDER BY ord) INTO b
          FROM app.member_page(org, true, kind, q, allst, hist, k.name, k.id, false, size) WITH ORDINALITY AS x(id, name, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, ord);
        IF a IS DISTINCT FROM b THEN out := out || format('next %s <> %s; ', a, b); END IF;
        SELECT string_agg(id || name, ',' ORDER BY ord) INTO a
          FROM app.member_page(org, true, kind, q, NULL, hist, k.name, k.id, true, size) WITH ORDINALITY AS x(id, name, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, ord);
        SELECT string_agg(id || name, ',' ORDER BY ord) INTO b
          FROM app.member_page(org, true, kind, q, allst, hist, k.name, k.id, true, size) WITH ORDINALITY AS x(id, name, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, ord);
        IF a IS DISTINCT FROM b THEN out := out || format('prev %s <> %s; ', a, b); END IF;
    END IF;
    RETURN out;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.diff(bigint, text, text, boolean, integer) TO PUBLIC;
-- Every search of the list below, for the caller's scope (org NULL) and for
-- a chosen subtree; the rows' count with it, so that a test of nothing fails.
CREATE FUNCTION pg_temp.all_diffs(org bigint) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    s record; out text := ''; d text; n bigint := 0;
BEGIN
    FOR s IN SELECT * FROM (VALUES ('name', '张'), ('name', '伟'), ('name', '张伟'), ('name', '张伟明'),
                                   ('name', '欧阳'), ('initials', 'zw'), ('initials', 'zwm'),
                                   ('initials', 'zwmq'), ('name', '无此字')) AS v(k, q) LOOP
        FOR h IN 0 .. 1 LOOP
            d := pg_temp.diff(org, s.k, s.q, h = 1, 7);
            IF d <> '' THEN out := out || s.q || ': ' || d; END IF;
            n := n + (SELECT count(*) FROM app.member_page(org, true, s.k, s.q, NULL, h = 1, NULL, NULL, false, 500));
        END LOOP;
    END LOOP;
    RETURN format('%s rows%s', n, CASE WHEN out <> '' THEN ': ' || out ELSE '' END);
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.all_diffs(bigint) TO PUBLIC;
-- Token rows that differ from what a rebuild would write.
CREATE FUNCTION pg_temp.token_diff() RETURNS bigint LANGUAGE sql AS $$
    WITH want AS (
        SELECT k.t AS token, p.history_reason IS NOT NULL AS historical, p.district_id, p.name::text AS name,
               p.id AS person_id, p.org_key, p.name_initials AS initials
          FROM app.person p, unnest(app.person_tokens(p.name, p.name_initials)) AS k (t)
    ), have AS (
        SELECT token, historical, district_id, name::text AS name, person_id, org_key, initials FROM derived.person_token
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM have) a)
         + (SELECT count(*) FROM (SELECT * FROM have EXCEPT ALL SELECT * FROM want) b)
$$;

SELECT is(pg_temp.token_diff(), 0::bigint, 'inserted people have exactly their token rows');
SELECT ok((SELECT count(*) FROM derived.person_token WHERE token = '张') > 0, 'the token table holds 张');

SELECT meta.role('tso_city') AS r_city, meta.role('tso_district') AS r_district,
       meta.role('tso_committee') AS r_committee, meta.role('tso_branch') AS r_branch \gset
SET SESSION AUTHORIZATION :"r_city";
SELECT pg_temp.all_diffs(NULL) AS city_scope, pg_temp.all_diffs(:d_a) AS city_d_a,
       pg_temp.all_diffs(:c_a) AS city_c_a \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_city";
SELECT array[app.member_count(:d_a, true, NULL, NULL, NULL, false, 1000),
             app.member_count(:d_a, true, NULL, NULL, NULL, false, 2),
             (SELECT app.member_count(id, true, NULL, NULL, NULL, false, 100000) FROM app.org WHERE parent_id IS NULL)]::text AS list_counts,
       array[app.member_count(:d_a, true, NULL, NULL, ARRAY['1', '2', '3', '4', '5'], false, 1000),
             app.member_count(:d_a, true, NULL, NULL, ARRAY['1', '2', '3', '4', '5'], false, 2),
             (SELECT app.member_count(id, true, NULL, NULL, ARRAY['1', '2', '3', '4', '5'], false, 100000)
                FROM app.org WHERE parent_id IS NULL)]::text AS list_counts_020 \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'list_counts'::text, :'list_counts_020'::text,
          'the count of a district''s and the city''s current people from the summary equals 020''s count, capped alike');
SET SESSION AUTHORIZATION :"r_district";
SELECT pg_temp.all_diffs(NULL) AS district_scope, pg_temp.all_diffs(:b_a2) AS district_b_a2,
       pg_temp.all_diffs(:d_b) AS district_d_b \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_committee";
SELECT pg_temp.all_diffs(NULL) AS committee_scope \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_branch";
SELECT pg_temp.all_diffs(NULL) AS branch_scope \gset
RESET SESSION AUTHORIZATION;
SELECT matches(:'city_scope' || ' / ' || :'city_d_a' || ' / ' || :'city_c_a',
               '^[1-9][0-9]* rows / [1-9][0-9]* rows / [1-9][0-9]* rows$',
               'a city clerk: the city, a district and a committee give 020''s rows in 020''s order, pages both ways');
SELECT matches(:'district_scope' || ' / ' || :'district_b_a2', '^[1-9][0-9]* rows / [1-9][0-9]* rows$',
               'a district clerk: its scope and a branch in it give 020''s rows');
SELECT is(:'district_d_b'::text, '0 rows', 'a district clerk finds nothing in another district');
SELECT matches(:'committee_scope'::text, '^[1-9][0-9]* rows$', 'a committee clerk: its scope gives 020''s rows');
SELECT matches(:'branch_scope'::text, '^[1-9][0-9]* rows$', 'a branch clerk: its scope gives 020''s rows');

-- The rows follow the people.
UPDATE app.person SET name = '张新' WHERE id = (SELECT min(id) FROM app.person WHERE org_id = :b_b1);
UPDATE app.person SET history_reason = '2', history_on = date '2026-01-01'
 WHERE id = (SELECT min(id) FROM app.person WHERE org_id = :b_a2 AND history_reason IS NULL);
UPDATE app.person SET phone = '13800000000' WHERE org_id = :b_a1;
SELECT is(pg_temp.token_diff(), 0::bigint, 'after a rename, a death and a record save the token rows are exact');
UPDATE app.org SET parent_id = :d_b WHERE id = :c_a;
SELECT is(pg_temp.token_diff(), 0::bigint, 'after a committee moved to another district the token rows are exact');
SET SESSION AUTHORIZATION :"r_district";
SELECT pg_temp.all_diffs(NULL) AS district_after \gset
RESET SESSION AUTHORIZATION;
SELECT matches(:'district_after'::text, '^[1-9][0-9]* rows$', 'after the changes a district clerk still gets 020''s rows');
SELECT cmp_ok(app.person_token_rebuild(), '>', 0::bigint, 'app.person_token_rebuild() writes the rows again');
SELECT is(pg_temp.token_diff(), 0::bigint, 'a rebuild gives the same rows');

SELECT * FROM finish();
ROLLBACK;

-- 050: the statistics summary (sql/050_stats.sql).  After inserts, updates of
-- stage, education, birth date and organization, a move of a whole
-- organization to another district, historical transitions and a bulk load
-- with the triggers off plus app.stats_rebuild(), the summary equals a direct
-- count of app.person for the city and every district; app.stats_by gives
-- the same figures from the summary (city, district) and from a direct count
-- (a branch), bands ages by the year asked about, and shows nothing outside
-- the clerk's scope.
BEGIN;
SELECT plan(22);

-- Summary rows that differ from a direct count of the current people: 0 when exact.
CREATE FUNCTION pg_temp.stats_diff() RETURNS bigint LANGUAGE sql AS $$
    WITH direct AS (
        SELECT k.node_key, p.sex, coalesce(extract(year FROM p.birth_date)::smallint, 0) AS birth_year,
               coalesce(p.education, '') AS education, p.stage, count(*) AS n
          FROM app.person p, unnest(app.stats_nodes(p.org_key)) AS k (node_key)
         WHERE p.history_reason IS NULL
         GROUP BY 1, 2, 3, 4, 5
    ), summary AS (
        SELECT node_key, sex, birth_year, education, stage, n FROM derived.stats_count WHERE n <> 0
    )
    SELECT count(*) FROM direct d FULL JOIN summary s USING (node_key, sex, birth_year, education, stage)
     WHERE d.n IS DISTINCT FROM s.n
$$;
CREATE FUNCTION pg_temp.org_id(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
-- n of one category of app.stats_by.
CREATE FUNCTION pg_temp.stat(org bigint, dim text, c text, as_of date DEFAULT date '2026-06-30')
    RETURNS bigint LANGUAGE sql AS $$
    SELECT n FROM app.stats_by(org, as_of) WHERE dimension = dim AND code = c
$$;
GRANT EXECUTE ON FUNCTION pg_temp.stat(bigint, text, text, date) TO PUBLIC;

SELECT is(pg_temp.stats_diff(), 0::bigint, 'the summary matches the people already registered');

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        (1, '上海市委', '2', 'T50甲区'), (2, '上海市委', '2', 'T50乙区'),
        (3, 'T50甲区', '4', 'T50甲党委'), (4, 'T50甲党委', '6', 'T50甲1支部'),
        (5, 'T50甲区', '6', 'T50甲2支部'), (6, 'T50乙区', '6', 'T50乙1支部')) AS v(o, p, k, n)
        ORDER BY o
    LOOP
        INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.org_id(r.p), r.k, r.n);
    END LOOP;
END
$$;
SELECT pg_temp.org_id('上海市委') AS city, pg_temp.org_id('T50甲区') AS d_a,
       pg_temp.org_id('T50乙区') AS d_b, pg_temp.org_id('T50甲党委') AS c_a,
       pg_temp.org_id('T50甲1支部') AS b_a1, pg_temp.org_id('T50甲2支部') AS b_a2,
       pg_temp.org_id('T50乙1支部') AS b_b1 \gset
SELECT coalesce(pg_temp.stat(:city, 'total', ''), 0) AS city_before \gset

-- Inserts: one statement of several people, and single rows.
INSERT INTO app.person (name, sex, stage, org_id, birth_date, education, joined_party_on, became_full_on)
SELECT v.n, v.s, '5', :b_a1, v.b, v.e, date '2001-07-01', date '2002-07-01'
  FROM (VALUES ('赵敏', '2', date '1990-05-01', '21'), ('李娜', '2', date '1990-12-31', '21'),
               ('张伟', '1', date '1995-01-01', '31'), ('欧阳修', '1', date '1960-03-03', '14'),
               ('陈静', '2', NULL, NULL)) AS v(n, s, b, e);
INSERT INTO app.person (name, sex, stage, org_id, birth_date, education)
VALUES ('王芳', '2', '1', :b_a2, date '2000-02-02', '61');
INSERT INTO app.person (name, sex, stage, org_id, birth_date, education)
VALUES ('安然', '1', '2', :b_b1, date '1985-08-08', '21'),
       ('李张', '1', '3', :b_b1, date '1985-09-09', '21');
SELECT is(pg_temp.stats_diff(), 0::bigint, 'after inserts the summary equals a direct count');
SELECT is(pg_temp.stat(:d_a, 'total', ''), 6::bigint, 'district 甲 counts its 6 people, its committee''s included');
SELECT is(pg_temp.stat(:city, 'total', '') - :city_before, 8::bigint, 'the city counts 8 more');

-- Updates of each counted column, one at a time and several in one statement.
UPDATE app.person SET stage = '2' WHERE name = '王芳' AND org_id = :b_a2;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a development step (stage 1 -> 2) keeps it exact');
UPDATE app.person SET education = '14' WHERE org_id = :b_a1 AND education = '21';
SELECT is(pg_temp.stats_diff(), 0::bigint, 'an education change of two people in one statement keeps it exact');
UPDATE app.person SET birth_date = date '1989-12-31' WHERE name = '赵敏' AND org_id = :b_a1;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a corrected birth date (another year) keeps it exact');
UPDATE app.person SET birth_date = date '1980-01-01' WHERE name = '陈静' AND org_id = :b_a1;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a birth date filled in keeps it exact');
UPDATE app.person SET phone = '13800000000' WHERE name = '张伟' AND org_id = :b_a1;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a record save that changes no counted column keeps it exact');
UPDATE app.person SET org_id = :b_b1 WHERE name = '王芳' AND org_id = :b_a2;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a person moved to another district keeps it exact');
SELECT is(ARRAY[pg_temp.stat(:d_a, 'total', ''), pg_temp.stat(:d_b, 'total', '')], ARRAY[5, 3]::bigint[],
          'the move counts in the receiving district, not in the old one');

-- A whole committee moved to the other district: its people's org_key changes.
UPDATE app.org SET parent_id = :d_b WHERE id = :c_a;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'moving a committee with its branch to another district keeps it exact');
SELECT is(ARRAY[pg_temp.stat(:d_a, 'total', ''), pg_temp.stat(:d_b, 'total', '')], ARRAY[0, 8]::bigint[],
          'the committee''s 5 people now count in 乙');

-- Historical transitions: a death, and a restored membership.
UPDATE app.person SET history_reason = '2', history_on = date '2026-01-01'
 WHERE name = '欧阳修' AND org_id = :b_a1;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a member who died (历史党员) leaves the summary');
UPDATE app.person SET history_reason = NULL, history_on = NULL WHERE name = '欧阳修' AND org_id = :b_a1;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a historical member made current again counts again');
UPDATE app.person SET history_reason = '4', history_on = date '2026-02-01' WHERE name = '李张' AND org_id = :b_b1;
SELECT is(pg_temp.stats_diff(), 0::bigint, 'a development target transferred out of the city (转出本市) leaves the summary');

-- The figures of app.stats_by.
SELECT is(ARRAY[pg_temp.stat(:d_b, 'sex', '1'), pg_temp.stat(:d_b, 'sex', '2'),
                pg_temp.stat(:d_b, 'stage', '5'), pg_temp.stat(:d_b, 'stage', '2'),
                pg_temp.stat(:d_b, 'education', '10'), pg_temp.stat(:d_b, 'age', '99')],
          ARRAY[3, 4, 5, 2, 3, 0]::bigint[],
          'district 乙 from the summary: 3 men, 4 women, 5 full members, 2 activists, 3 postgraduates, no unknown age');
-- Ages as reached in the year: 1990-12-31 is 36 in 2026 and 35 in 2025.
SELECT is(ARRAY[pg_temp.stat(:b_a1, 'age', '36'), pg_temp.stat(:b_a1, 'age', '31', date '2025-01-01'),
                pg_temp.stat(:b_a1, 'age', '61'), pg_temp.stat(:b_a1, 'total', '')],
          ARRAY[2, 1, 1, 5]::bigint[],
          'a branch counted directly: ages by the year asked about (1989/1990 are 36-40 in 2026; 1990 is 31-35 in 2025)');

-- A bulk load with the triggers off, then the rebuild.
SET LOCAL session_replication_role = replica;
INSERT INTO app.person (name, sex, stage, org_id, org_key, birth_date, name_initials,
                        joined_party_on, became_full_on)
SELECT '批量' || i, '1', '5', :b_a2, (SELECT path_key FROM app.org WHERE id = :b_a2), date '1970-01-01', 'pl',
       date '2000-07-01', date '2001-07-01'
  FROM generate_series(1, 30) AS i;
SET LOCAL session_replication_role = origin;
SELECT isnt(pg_temp.stats_diff(), 0::bigint, 'a load with the triggers off is not counted yet');
SELECT cmp_ok(app.stats_rebuild(), '>', 0::bigint, 'app.stats_rebuild() recounts');
SELECT is(pg_temp.stats_diff(), 0::bigint, 'after app.stats_rebuild() the summary is exact again');

-- Clerks: a district clerk of 甲 sees 甲, not 乙 nor the city.
DO $$
BEGIN
    PERFORM meta.ddl('CREATE ROLE {t_stats_district} LOGIN');
    PERFORM meta.ddl('GRANT {clerk}, {district} TO {t_stats_district}');
    INSERT INTO app.clerk (role_name, level, must_change_password) VALUES (meta.role('t_stats_district'), 'district', false);
    INSERT INTO app.clerk_scope (role_name, org_id) SELECT meta.role('t_stats_district'), id FROM app.org WHERE name = 'T50甲区';
END
$$;
SELECT meta.role('t_stats_district') AS r_district \gset
SET SESSION AUTHORIZATION :"r_district";
SELECT pg_temp.stat(:d_a, 'total', '') AS own, (SELECT count(*) FROM app.stats_by(:d_b)) AS other,
       (SELECT count(*) FROM app.stats_by(:city)) AS whole \gset
RESET SESSION AUTHORIZATION;
SELECT is(ARRAY[:own, :other, :whole]::bigint[], ARRAY[30, 0, 0]::bigint[],
          'a district clerk gets its district''s figures and nothing for another district or the city');

SELECT * FROM finish();
ROLLBACK;

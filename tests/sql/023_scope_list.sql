-- The list of a clerk's whole scope when it is made of several organizations
-- (sql/023_scope_list.sql): app.member_page / app.member_count with org NULL
-- and no search list every scope organization's people, in pinyin order,
-- page by page forward and backward, with the stage filter; nothing outside.
BEGIN;
SELECT plan(9);

CREATE FUNCTION pg_temp.org_id(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES (1, '上海市委', '2', 'MA区'), (2, '上海市委', '2', 'MB区'),
                                   (3, 'MA区', '4', 'MA1党委'), (4, 'MB区', '4', 'MB1党委'),
                                   (5, 'MA1党委', '6', 'MA11支部'), (6, 'MB1党委', '6', 'MB11支部'),
                                   (7, 'MA区', '4', 'MA2党委'), (8, 'MA2党委', '6', 'MA21支部'))
                        AS v(o, p, k, n) ORDER BY o LOOP
        INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.org_id(r.p), r.k, r.n);
    END LOOP;
END
$$;
-- Names that interleave in pinyin order across the two scope organizations.
INSERT INTO app.person (name, sex, stage, org_id)
SELECT v.n, '1', v.st, pg_temp.org_id(v.o)
  FROM (VALUES ('安然', 'MA11支部', '1'), ('陈静', 'MB11支部', '2'), ('李娜', 'MA1党委', '1'),
               ('欧阳修', 'MB1党委', '1'), ('王芳', 'MA11支部', '2'), ('张伟', 'MB11支部', '1'),
               ('赵敏', 'MA11支部', '1'), ('曹操', 'MA21支部', '1'), ('钱多', 'MB区', '1'))
       AS v(n, o, st);

SELECT meta.role('t_ml_multi') AS r_multi \gset
SELECT meta.ddl('CREATE ROLE {t_ml_multi}');
SELECT meta.ddl('GRANT {clerk}, {committee} TO {t_ml_multi}');
INSERT INTO app.clerk (role_name, level, must_change_password) VALUES (:'r_multi', 'committee', false);
INSERT INTO app.clerk_scope (role_name, org_id)
VALUES (:'r_multi', pg_temp.org_id('MA1党委')), (:'r_multi', pg_temp.org_id('MB1党委'));

CREATE TEMP TABLE got (k text PRIMARY KEY, v text);
GRANT ALL ON got TO PUBLIC;
SET SESSION AUTHORIZATION :'r_multi';
INSERT INTO got
SELECT 'all', string_agg(name, ' ' ORDER BY n)
  FROM (SELECT name, row_number() OVER () AS n
          FROM app.member_page(NULL, true, NULL, NULL, NULL, false, NULL, NULL, false, 500)) s;
INSERT INTO got
SELECT 'count', app.member_count(NULL, true, NULL, NULL, NULL, false, 100)::text;
INSERT INTO got
SELECT 'stage2', string_agg(name, ' ' ORDER BY n)
  FROM (SELECT name, row_number() OVER () AS n
          FROM app.member_page(NULL, true, NULL, NULL, '{2}', false, NULL, NULL, false, 500)) s;
INSERT INTO got
SELECT 'count2', app.member_count(NULL, true, NULL, NULL, '{2}', false, 100)::text;
-- Forward two at a time, each page after the last row of the one before.
DO $$
DECLARE
    acc text := '';
    last_name text;
    last_id bigint;
    r record;
    n int;
BEGIN
    LOOP
        n := 0;
        FOR r IN SELECT * FROM app.member_page(NULL, true, NULL, NULL, NULL, false, last_name, last_id,
                                               false, 2) LOOP
            acc := acc || r.name || ' ';
            last_name := r.name;
            last_id := r.id;
            n := n + 1;
        END LOOP;
        EXIT WHEN n < 2;
    END LOOP;
    INSERT INTO got VALUES ('forward', rtrim(acc));
END
$$;
-- The last page, and the page before the first row of it.
INSERT INTO got
SELECT 'last', string_agg(name, ' ' ORDER BY n)
  FROM (SELECT name, row_number() OVER () AS n
          FROM app.member_page(NULL, true, NULL, NULL, NULL, false, NULL, NULL, true, 3)) s;
INSERT INTO got
SELECT 'before', string_agg(p.name, ' ' ORDER BY n)
  FROM (SELECT name, row_number() OVER () AS n
          FROM app.member_page(NULL, true, NULL, NULL, NULL, false,
                               (SELECT name FROM app.person WHERE name = '王芳'),
                               (SELECT id FROM app.person WHERE name = '王芳'), true, 2)) p;
RESET SESSION AUTHORIZATION;

SELECT is((SELECT v FROM got WHERE k = 'all'), '安然 陈静 李娜 欧阳修 王芳 张伟 赵敏',
          'the list covers both scope organizations'' subtrees, in pinyin order, nothing else');
SELECT is((SELECT v FROM got WHERE k = 'count'), '7', 'member_count counts both subtrees');
SELECT is((SELECT v FROM got WHERE k = 'stage2'), '陈静 王芳', 'the stage filter applies to both');
SELECT is((SELECT v FROM got WHERE k = 'count2'), '2', 'so does the count');
SELECT is((SELECT v FROM got WHERE k = 'forward'), (SELECT v FROM got WHERE k = 'all'),
          'paging forward two at a time gives the same list');
SELECT is((SELECT v FROM got WHERE k = 'last'), '王芳 张伟 赵敏', 'the last page, backward');
SELECT is((SELECT v FROM got WHERE k = 'before'), '李娜 欧阳修', 'the page before a key, backward');
SELECT throws_ok($$SELECT * FROM app.member_page(NULL, true, NULL, NULL, NULL, false, NULL, NULL, false, 10)$$,
                 '22023', NULL, 'a role with no scope still needs an organization for a list');
SELECT is((SELECT string_agg(name, ' ' ORDER BY name)
             FROM app.member_page(pg_temp.org_id('MA1党委'), true, NULL, NULL, NULL, false, NULL, NULL, false, 50)),
          '安然 李娜 王芳 赵敏', 'one organization''s subtree lists as before');

SELECT * FROM finish();
ROLLBACK;

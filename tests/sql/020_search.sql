-- 020: searching people and reading the tree (sql/020_search.sql).
-- Pinyin initials (ICU readings, the surname exceptions, two-character
-- surnames first), the trigger-maintained column and its bulk refresh; the
-- one search index and its use under row-level security; the list and search
-- functions the screens call: pinyin order, contains search for one and two
-- characters, initials and ID-number prefixes, stage and history filters,
-- keyset pages both ways, counts; what a branch and a district clerk find;
-- the tree functions; details and record sets with codes resolved.
-- Clerks are impersonated with SET SESSION AUTHORIZATION; their results are
-- kept with \gset and judged after RESET.
BEGIN;
SELECT plan(87);

CREATE FUNCTION pg_temp.fails_with(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    msg text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
    RETURN msg;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.fails_with(text) TO PUBLIC;

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    acc  text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        acc := acc || line || E'\n';
    END LOOP;
    RETURN acc;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.plan_of(text) TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Readings and initials.
SELECT is(app.name_initials('张伟'), 'zw', '张伟 -> zw');
SELECT is(app.name_initials('欧阳修'), 'oyx', '欧阳修 -> oyx (a two-character surname)');
SELECT is(app.name_reading('欧阳修'), 'ou yang xiu', 'the reading of 欧阳修 is ou yang xiu');
SELECT is(app.name_initials('曾国藩'), 'zgf', 'the surname 曾 is zeng, not ceng');
SELECT is(app.name_initials('单雄信'), 'sxx', 'the surname 单 is shan, not dan');
SELECT is(app.name_initials('单于'), 'cy', 'the two-character surname 单于 (chan yu) wins over 单 (shan)');
SELECT is(app.name_initials('区志强'), 'ozq', 'the surname 区 is ou');
SELECT is(ARRAY[app.name_initials('仇敏'), app.name_initials('解放'), app.name_initials('查良'),
                app.name_initials('朴正'), app.name_initials('盖文'), app.name_initials('乐平'),
                app.name_initials('覃明'), app.name_initials('缪斌'), app.name_initials('翟强'),
                app.name_initials('秘书'), app.name_initials('召华'), app.name_initials('种军'),
                app.name_initials('员静')],
          ARRAY['qm', 'xf', 'zl', 'pz', 'gw', 'yp', 'qm', 'mb', 'zq', 'bs', 'sh', 'cj', 'yj'],
          'the other surnames ICU reads otherwise: 仇 解 查 朴 盖 乐 覃 缪 翟 秘 召 种 员');
SELECT is(ARRAY[app.name_initials('尉迟恭'), app.name_initials('万俟卨')], ARRAY['ycg', 'mqx'],
          '尉迟 yu chi and 万俟 mo qi');
SELECT is(ARRAY[app.name_initials('长孙无忌'), app.name_initials('长江')], ARRAY['zswj', 'cj'],
          '长孙 is zhang sun, the surname 长 alone chang');
SELECT is(app.name_initials('李长江'), 'lzj', 'only the surname is looked up: ICU reads 长 in a given name');
SELECT is(app.name_initials('阿依古丽·买买提'), 'ayglmmt', 'the middle dot separates, nothing else changes');
SELECT is(app.name_initials('Anna·Smith'), 'as', 'a Latin word counts once');
SELECT is(app.name_initials('ＷＡＮＧ芳'), 'wf', 'full-width letters are folded (NFKC) and lower-cased');
SELECT is(app.name_initials(U&'\+020000伟'), 'hw', 'a character outside the table is asked of ICU');
SELECT ok((SELECT count(*) FROM app.han_reading) > 20000, 'the reading table holds the CJK ideographs');

-- ---------------------------------------------------------------------------
-- The tree of this test: two districts, branches, a party group.
CREATE FUNCTION pg_temp.org_id(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        (1, '上海市委', '2', 'T20甲区'), (2, '上海市委', '2', 'T20乙区'),
        (3, 'T20甲区', '6', 'T20甲1支部'), (4, 'T20甲区', '6', 'T20甲2支部'),
        (5, 'T20乙区', '6', 'T20乙1支部'), (6, 'T20甲1支部', '7', 'T20甲1党小组')) AS v(o, p, k, n)
        ORDER BY o
    LOOP
        INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.org_id(r.p), r.k, r.n);
    END LOOP;
END
$$;
SELECT pg_temp.org_id('T20甲区') AS d_a, pg_temp.org_id('T20乙区') AS d_b,
       pg_temp.org_id('T20甲1支部') AS b_a1, pg_temp.org_id('T20甲2支部') AS b_a2,
       pg_temp.org_id('T20乙1支部') AS b_b1, pg_temp.org_id('T20甲1党小组') AS g_a1 \gset

-- People: the manual's order example in 甲1 (typed in a scrambled order),
-- more 张 in 甲2 and 乙1, and a historical member.
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on, id_number)
SELECT v.n, v.s, '5', :b_a1, date '2001-07-01', date '2002-07-01', v.idn
  FROM (VALUES ('赵敏', '2', NULL), ('李娜', '2', NULL), ('张伟', '1', '310101198001010018'),
               ('欧阳修', '1', NULL), ('陈静', '2', NULL), ('王芳', '2', NULL),
               ('安然', '2', NULL), ('李张', '1', NULL)) AS v(n, s, idn);
INSERT INTO app.person (name, sex, stage, org_id) VALUES ('张小红', '2', '1', :g_a1);
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on) VALUES ('张三', '1', '4', :b_a2, date '2023-01-01');
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)
VALUES ('张伟', '1', '5', :b_b1, date '1999-07-01', date '2000-07-01'),
       ('欧阳娜娜', '2', '5', :b_b1, date '2010-07-01', date '2011-07-01'),
       ('曾伟', '1', '5', :b_b1, date '2010-07-01', date '2011-07-01');
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on, history_reason, history_on)
VALUES ('张老', '1', '5', :b_a2, date '1960-07-01', date '1961-07-01', '2', date '2020-01-01');

-- The column follows the name.
SELECT is((SELECT name_initials FROM app.person WHERE name = '欧阳修'), 'oyx', 'an insert derives name_initials');
UPDATE app.person SET name = '欧阳修文' WHERE name = '欧阳修';
SELECT is((SELECT name_initials FROM app.person WHERE name = '欧阳修文'), 'oyxw', 'a new name, new initials');
UPDATE app.person SET name = '欧阳修' WHERE name = '欧阳修文';
UPDATE app.person SET name_initials = 'xx' WHERE name = '欧阳修';
SELECT is((SELECT name_initials FROM app.person WHERE name = '欧阳修'), 'oyx', 'a typed value is replaced');

-- A bulk load with the triggers off leaves it NULL; the refresh fills it.
SET session_replication_role = replica;
UPDATE app.person SET name_initials = NULL WHERE org_id = :b_b1;
RESET session_replication_role;
SELECT is(app.refresh_name_initials(), 3::bigint, 'refresh_name_initials() fills the 3 rows left NULL');
SELECT is(ARRAY(SELECT name || ' ' || name_initials FROM app.person WHERE org_id = :b_b1 ORDER BY id),
          ARRAY['张伟 zw', '欧阳娜娜 oynn', '曾伟 zw'], 'with the same initials the trigger gives');
SELECT is(current_setting('session_replication_role'), 'origin', 'and leaves the triggers on');
UPDATE app.surname_reading SET reading = 'ceng' WHERE surname = '曾';
SELECT is(app.refresh_name_initials(true), 1::bigint, 'after a change to the surname table, refresh(true) fixes the rows it changes');
SELECT is((SELECT name_initials FROM app.person WHERE name = '曾伟'), 'cw', '曾伟 now reads cw');
UPDATE app.surname_reading SET reading = 'zeng' WHERE surname = '曾';
SELECT app.refresh_name_initials(true);

-- ---------------------------------------------------------------------------
-- Lists: one organization, a subtree, pinyin order, filters.
CREATE FUNCTION pg_temp.names(org bigint, subtree boolean, kind text, q text, stages text[],
                              historical boolean, after_name text, after_id bigint,
                              backward boolean, page integer) RETURNS text[]
    LANGUAGE sql AS $$
    SELECT ARRAY(SELECT name FROM app.member_page(org, subtree, kind, q, stages, historical,
                                                   after_name, after_id, backward, page))
$$;
GRANT EXECUTE ON FUNCTION pg_temp.names(bigint, boolean, text, text, text[], boolean, text, bigint,
                                        boolean, integer) TO PUBLIC;

SELECT is(pg_temp.names(:b_a1, false, NULL, NULL, NULL, NULL, NULL, NULL, false, 50),
          ARRAY['安然', '陈静', '李娜', '李张', '欧阳修', '王芳', '张伟', '赵敏'],
          'a branch''s members in pinyin order (安 陈 李 欧阳 王 张 赵), not code-point order');
SELECT is(pg_temp.names(:b_a1, true, NULL, NULL, NULL, NULL, NULL, NULL, false, 50),
          ARRAY['安然', '陈静', '李娜', '李张', '欧阳修', '王芳', '张伟', '张小红', '赵敏'],
          'with its subtree: the party group''s applicant too');
SELECT is(pg_temp.names(:b_a1, true, NULL, NULL, '{4,5}', false, NULL, NULL, false, 50),
          ARRAY['安然', '陈静', '李娜', '李张', '欧阳修', '王芳', '张伟', '赵敏'],
          'stages 4 and 5: party members only');
SELECT is(pg_temp.names(:d_a, true, NULL, NULL, NULL, true, NULL, NULL, false, 50), ARRAY['张老'],
          'historical members separately');
SELECT is(pg_temp.names(:d_a, true, NULL, NULL, '{4}', false, NULL, NULL, false, 50), ARRAY['张三'],
          'stage 4: the probationary member');
SELECT is((SELECT row(sex, birth_date, joined_party_on, became_full_on, stage, org_name)::text
             FROM app.member_page(:b_a1, false, NULL, NULL, NULL, NULL, NULL, NULL, false, 50)
            WHERE name = '张伟'),
          '(男,1980-01-01,2001-07-01,2002-07-01,正式党员,T20甲1支部)',
          'a row: sex, dates and stage by name, the organization''s name');

-- Keyset pages, both ways.
SELECT is(pg_temp.names(:b_a1, false, NULL, NULL, NULL, NULL, NULL, NULL, false, 3),
          ARRAY['安然', '陈静', '李娜'], 'the first page of 3');
SELECT id AS k_id FROM app.person WHERE name = '李娜' \gset
SELECT is(pg_temp.names(:b_a1, false, NULL, NULL, NULL, NULL, '李娜', :k_id, false, 3),
          ARRAY['李张', '欧阳修', '王芳'], 'the page after 李娜');
SELECT id AS k_id FROM app.person WHERE name = '王芳' \gset
SELECT is(pg_temp.names(:b_a1, false, NULL, NULL, NULL, NULL, '王芳', :k_id, true, 3),
          ARRAY['李娜', '李张', '欧阳修'], 'the page before 王芳, in ascending order');
SELECT is(pg_temp.names(:b_a1, false, NULL, NULL, NULL, NULL, NULL, NULL, true, 3),
          ARRAY['王芳', '张伟', '赵敏'], 'the last page');
SELECT id AS k_id FROM app.person WHERE name = '赵敏' \gset
SELECT is(pg_temp.names(:b_a1, false, NULL, NULL, NULL, NULL, '赵敏', :k_id, false, 3), '{}'::text[],
          'after the last row: no rows');
SELECT is(pg_temp.fails_with(format('SELECT * FROM app.member_page(%s, false, NULL, NULL, NULL, NULL, NULL, NULL, false, 0)', :b_a1)),
          'page size 0 outside 1..500', 'a page size outside 1..500 is refused');

-- ---------------------------------------------------------------------------
-- Searches, as the superuser (no scope: the whole city).
SELECT is(pg_temp.names(:d_a, true, 'name', '张', NULL, false, NULL, NULL, false, 50),
          ARRAY['李张', '张三', '张伟', '张小红'],
          'contains 张 in district 甲: 李张 too, pinyin order, the historical 张老 left out');
SELECT is(pg_temp.names(NULL, true, 'name', '张伟', NULL, NULL, NULL, NULL, false, 50),
          ARRAY['张伟', '张伟'], 'two characters: both 张伟 of the city');
SELECT is(pg_temp.names(NULL, true, 'name', '欧阳', NULL, NULL, NULL, NULL, false, 50),
          ARRAY['欧阳娜娜', '欧阳修'], '欧阳 finds both 欧阳');
SELECT is(pg_temp.names(NULL, true, 'name', '阳修', NULL, NULL, NULL, NULL, false, 50), ARRAY['欧阳修'],
          'the middle of a name');
SELECT is(pg_temp.names(NULL, true, 'name', '张李', NULL, NULL, NULL, NULL, false, 50), '{}'::text[],
          'both characters present but not together: no hit');
SELECT is(pg_temp.names(NULL, true, 'name', ' 伟　', NULL, NULL, NULL, NULL, false, 50),
          ARRAY['曾伟', '张伟', '张伟'], 'blanks (also the full-width one) around the text are ignored');
SELECT is(pg_temp.names(NULL, true, 'initials', 'zw', NULL, NULL, NULL, NULL, false, 50),
          ARRAY['曾伟', '张伟', '张伟'], 'initials zw: 张伟 and 曾伟 (zeng wei)');
SELECT is(pg_temp.names(NULL, true, 'initials', 'OY', NULL, NULL, NULL, NULL, false, 50),
          ARRAY['欧阳娜娜', '欧阳修'], 'initials are case-blind: OY finds 欧阳');
SELECT is(pg_temp.names(:b_b1, true, 'initials', 'z', NULL, NULL, NULL, NULL, false, 50),
          ARRAY['曾伟', '张伟'], 'initials within a subtree');
SELECT is(pg_temp.names(NULL, true, 'id', '310101198', NULL, NULL, NULL, NULL, false, 50), ARRAY['张伟'],
          'an ID-number prefix');
SELECT is(pg_temp.fails_with('SELECT * FROM app.member_page(NULL, true, ''id'', ''3101'', NULL, NULL, NULL, NULL, false, 50)'),
          '请至少输入身份证号的前6位（只含数字，最后一位可以是X）', 'an ID prefix under 6 characters is refused, in Chinese');
SELECT is(pg_temp.fails_with('SELECT * FROM app.member_page(NULL, true, ''name'', ''　'', NULL, NULL, NULL, NULL, false, 50)'),
          '请输入要查询的姓名（可以只输入其中的一个字）', 'an empty name search is refused, in Chinese');
SELECT is(pg_temp.fails_with('SELECT * FROM app.member_page(NULL, true, ''initials'', ''张'', NULL, NULL, NULL, NULL, false, 50)'),
          '请输入姓名的拼音首字母，如“张伟”输入 zw', 'initials without a letter are refused');
SELECT id AS k_id FROM app.person WHERE name = '张三' \gset
SELECT is(pg_temp.names(:d_a, true, 'name', '张', NULL, false, '张三', :k_id, false, 1), ARRAY['张伟'],
          'search results page by keyset too');
SELECT is(pg_temp.names(:d_a, true, 'name', '张', NULL, false, '张三', :k_id, true, 5), ARRAY['李张'],
          'and backwards');
SELECT is(app.member_count(:d_a, true, 'name', '张', NULL, false, 100), 4::bigint, 'count of a search');
SELECT is(app.member_count(NULL, true, 'name', '张', NULL, NULL, 2), 3::bigint,
          'a count stops at cap + 1');
SELECT is(app.member_count(:d_a, true, NULL, NULL, NULL, NULL, 100), 11::bigint, 'count of a subtree list');

-- ---------------------------------------------------------------------------
-- The index: person_search, usable by a clerk under row-level security.
SELECT has_index('app', 'person', 'person_search', 'the search index exists');
SELECT ok((SELECT proleakproof FROM pg_proc WHERE oid = 'app.search_tokens(text, text, text)'::regprocedure)
          AND (SELECT proleakproof FROM pg_proc WHERE oid = 'app.tokens_contain(text[], text[])'::regprocedure),
          'its expression and operator are LEAKPROOF (else row-level security keeps them out of the index)');
SELECT is(app.search_tokens('张伟', 'zw', '001.001_002.001_002_003.'),
          ARRAY['张', '张伟', '伟', 'i:z', 'i:zw', 'o:001_002', 'o:001_002_003'],
          'the tokens: pieces, initials prefixes, ancestors below the city');
SELECT is(app.search_query_tokens('张伟', NULL, '001.001_002.'), ARRAY['张伟', 'o:001_002'],
          'a query asks for its pieces and its subtree');
SELECT is(app.search_query_tokens(NULL, 'zw', '001.'), ARRAY['i:zw'], 'the city root adds no token');

-- ---------------------------------------------------------------------------
-- Clerks: a branch clerk of 甲1 and a district clerk of 甲.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('t_srch_branch', 'branch', 'T20甲1支部'),
                                   ('t_srch_district', 'district', 'T20甲区')) AS v(n, lvl, org) LOOP
        PERFORM meta.ddl(format('CREATE ROLE {%s} LOGIN', r.n));
        PERFORM meta.ddl(format('GRANT {clerk}, {%s} TO {%s}', r.lvl, r.n));
        INSERT INTO app.clerk (role_name, level, must_change_password) VALUES (meta.role(r.n), r.lvl, false);
        INSERT INTO app.clerk_scope (role_name, org_id) SELECT meta.role(r.n), id FROM app.org WHERE name = r.org;
    END LOOP;
END
$$;
SELECT meta.role('t_srch_branch') AS r_branch, meta.role('t_srch_district') AS r_district \gset
SELECT path_key AS key_a FROM app.org WHERE id = :d_a \gset

SET SESSION AUTHORIZATION :"r_branch";
SELECT pg_temp.names(NULL, true, 'name', '张', NULL, NULL, NULL, NULL, false, 50)::text AS br_zhang,
       pg_temp.names(NULL, true, 'initials', 'zw', NULL, NULL, NULL, NULL, false, 50)::text AS br_zw,
       pg_temp.names(:d_a, true, NULL, NULL, NULL, NULL, NULL, NULL, false, 50)::text AS br_district_list,
       pg_temp.names(:b_b1, true, 'name', '张', NULL, NULL, NULL, NULL, false, 50)::text AS br_foreign,
       app.member_count(NULL, true, 'name', '张', NULL, NULL, 100) AS br_count,
       (SELECT array_agg(name ORDER BY name)::text FROM app.org_roots(false)) AS br_roots \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_district";
SELECT pg_temp.names(NULL, true, 'name', '张', NULL, NULL, NULL, NULL, false, 50)::text AS di_zhang,
       pg_temp.names(NULL, true, 'name', '张伟', NULL, NULL, NULL, NULL, false, 50)::text AS di_zhangwei,
       pg_temp.names(NULL, true, 'id', '310101', NULL, NULL, NULL, NULL, false, 50)::text AS di_id,
       pg_temp.plan_of(format($q$SELECT id FROM app.person p
                                  WHERE app.search_tokens(p.name COLLATE "C", p.name_initials, p.org_key)
                                        OPERATOR(app.@>) app.search_query_tokens('张', NULL, %L)$q$, :'key_a'))
           AS di_plan,
       (SELECT array_agg(name ORDER BY code)::text FROM app.org_children(:d_a, false, NULL, false, 50)) AS di_children,
       (SELECT count(*) FROM app.org_children(:d_b, false, NULL, false, 50)) AS di_foreign_children \gset
SET enable_seqscan = off;
SELECT pg_temp.plan_of(format($q$SELECT id FROM app.person p
                                  WHERE app.search_tokens(p.name COLLATE "C", p.name_initials, p.org_key)
                                        OPERATOR(app.@>) app.search_query_tokens('张', NULL, %L)$q$, :'key_a'))
           AS di_plan \gset
RESET enable_seqscan;
RESET SESSION AUTHORIZATION;

SELECT is(:'br_zhang'::text, '{李张,张伟,张小红}',
          'a branch clerk searching 张 finds exactly the 张 of its branch (its party group included)');
SELECT is(:'br_zw'::text, '{张伟}', 'and by initials zw only its own 张伟');
SELECT is(:'br_district_list'::text, '{}', 'the district above it lists nothing');
SELECT is(:'br_foreign'::text, '{}', 'a foreign branch finds nothing');
SELECT is(:'br_count'::text, '3', 'its count agrees');
SELECT is(:'br_roots'::text, '{T20甲1支部}', 'its tree starts at its branch');
SELECT is(:'di_zhang'::text, '{李张,张老,张三,张伟,张小红}',
          'a district clerk searching 张 finds exactly the district''s 张 (historical ones too)');
SELECT is(:'di_zhangwei'::text, '{张伟}', 'and 张伟 only the district''s own');
SELECT is(:'di_id'::text, '{张伟}', 'ID prefixes within the district');
SELECT matches(:'di_plan'::text, 'person_search', 'as a clerk the search index serves the condition');
SELECT is(:'di_children'::text, '{T20甲1支部,T20甲2支部}', 'the district''s children in code order');
SELECT is(:'di_foreign_children'::text, '0', 'a foreign district''s children are not listed');

-- ---------------------------------------------------------------------------
-- The tree, as the superuser.
SELECT is((SELECT array_agg(name)::text FROM app.org_roots(false)), '{上海市委}',
          'the superuser''s tree starts at the city');
SELECT is((SELECT row(members, people, has_children)::text FROM app.org_children(:d_a, false, NULL, false, 50)
            WHERE name = 'T20甲1支部'),
          '(8,8,t)', 'a child row counts its own members and people and knows it has children');
SELECT is((SELECT row(members, people, has_children)::text FROM app.org_children(:b_a1, false, NULL, false, 50)),
          '(0,1,f)', 'the party group: one applicant, no members, no children');
SELECT is((SELECT array_agg(name)::text FROM app.org_children(:d_a, false,
                                                             (SELECT code FROM app.org WHERE id = :b_a1), false, 50)),
          '{T20甲2支部}', 'children after a code');
SELECT is((SELECT array_agg(name)::text FROM app.org_children(:d_a, false, NULL, true, 1)), '{T20甲2支部}',
          'the last page of children');
SELECT is((SELECT array_agg(name ORDER BY path_key)::text FROM app.org_find('name', 'T20甲1', false, NULL, 50)),
          '{T20甲1支部,T20甲1党小组}', 'find by name, in tree order');
SELECT is((SELECT array_agg(name)::text FROM app.org_find('code', (SELECT code FROM app.org WHERE id = :b_a1), false, NULL, 50)),
          '{T20甲1支部,T20甲1党小组}', 'find by code prefix: the organization and what is under it');
SELECT is((SELECT row(kind, parent_name, district_name, children, members, people)::text
             FROM app.org_detail(:b_a1)),
          '(党支部,T20甲区,T20甲区,1,8,8)', 'organization details with names resolved');

-- ---------------------------------------------------------------------------
-- Details and record sets.
SELECT id AS zw_id FROM app.person WHERE id_number = '310101198001010018' \gset
INSERT INTO app.education (person_id, education, school, from_date, to_date)
VALUES (:zw_id, '21', '复旦大学', date '1998-09-01', date '2002-07-01');
INSERT INTO app.appraisal (person_id, year, result) VALUES (:zw_id, 2023, '1'), (:zw_id, 2022, '2');
SELECT is((SELECT row(name, name_initials, sex, birth_date, stage, org_name, joined_party_on)::text
             FROM app.member_detail(:zw_id)),
          '(张伟,zw,男,1980-01-01,正式党员,T20甲1支部,2001-07-01)', 'member details with codes resolved');
SELECT is((SELECT cells[3] || ' ' || cells[6] FROM app.member_records(:zw_id, 'education')),
          '复旦大学 1998-09-01', 'the education tab: school and dates');
SELECT is(ARRAY(SELECT cells[1] || cells[2] FROM app.member_records(:zw_id, 'appraisal')),
          ARRAY['2022合格', '2023优秀'], 'the appraisal tab, oldest first, results by name');
SELECT is((SELECT count(*) FROM app.member_records(:zw_id, 'reward')), 0::bigint, 'an empty tab has no rows');
SELECT is(pg_temp.fails_with(format('SELECT * FROM app.member_records(%s, ''salary'')', :zw_id)),
          'unknown record set salary', 'an unknown record set is refused');

SELECT id AS foreign_id FROM app.person WHERE name = '欧阳娜娜' \gset
SET SESSION AUTHORIZATION :"r_branch";
SELECT (SELECT count(*) FROM app.member_detail(:zw_id)) AS br_own_detail,
       (SELECT count(*) FROM app.member_detail(:foreign_id)) AS br_foreign_detail,
       (SELECT count(*) FROM app.member_records(:zw_id, 'appraisal')) AS br_own_records \gset
RESET SESSION AUTHORIZATION;
SELECT is(:'br_own_detail'::text, '1', 'a branch clerk reads its member''s details');
SELECT is(:'br_foreign_detail'::text, '0', 'but not a member of another district');
SELECT is(:'br_own_records'::text, '2', 'and its member''s record sets');

SELECT * FROM finish();
ROLLBACK;

-- The code tables (sql/002_code_tables.sql, sql/003_code_party.sql): all there,
-- registered, guarded (row level security forced, read-only for clerks and the
-- owner, nothing for PUBLIC), and holding the standards' codes.
-- Clerks are impersonated with SET SESSION AUTHORIZATION; what they see or are
-- refused is recorded in a custom setting (plain plpgsql variables survive the
-- rolled-back attempts) and judged after RESET, as the superuser.
BEGIN;
SELECT plan(137);

-- Rows in a table, counted as the superuser (row level security does not
-- apply to it): the yardstick for what clerks must see.
CREATE FUNCTION pg_temp.n_rows(t text) RETURNS bigint
    LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM code.%I', t) INTO n;
    RETURN n;
END
$$;

CREATE TEMP TABLE code_tables (t text PRIMARY KEY);
INSERT INTO code_tables VALUES
    ('registry'), ('sex'), ('ethnicity'), ('education'), ('degree'), ('political_status'),
    ('province'), ('org_kind'), ('org_category'), ('unit_nature'), ('unit_relation'),
    ('person_category'), ('party_post'), ('tech_title'), ('exit_kind'), ('history_reason'),
    ('suspend_reason'), ('stage'), ('dev_step'), ('appraisal'), ('reward_kind'),
    ('transfer_kind');

-- ---- structure and guard (catalog) ------------------------------------------
SELECT has_schema('code', 'schema code exists');
SELECT tables_are('code', ARRAY(SELECT t FROM code_tables),
                  'schema code holds exactly the code tables');
SELECT views_are('code', ARRAY['all_codes'], 'schema code has the one view all_codes');
SELECT set_eq($$SELECT kind FROM code.registry$$,
              $$SELECT t FROM code_tables WHERE t <> 'registry'$$,
              'code.registry names every code table, and only those');
SELECT is(ARRAY(SELECT kind FROM code.registry WHERE label !~ '^[一-龥（）、]+$' ORDER BY 1), '{}'::text[],
          'every registry row has a Chinese field label for error messages');

SELECT ok(coalesce(c.relrowsecurity AND c.relforcerowsecurity, false),
          format('code.%s: row level security enabled and forced', t))
  FROM code_tables LEFT JOIN pg_class c ON c.oid = to_regclass('code.' || t)
 ORDER BY t;

SELECT is(ARRAY(SELECT relname::text FROM pg_class
                 WHERE relnamespace = 'code'::regnamespace AND relkind IN ('r', 'p')
                   AND NOT (relrowsecurity AND relforcerowsecurity) ORDER BY 1),
          '{}'::text[], 'no table in schema code, listed above or not, lacks forced row level security');

SELECT is(ARRAY(SELECT format('%s %s %s %s %s', tablename, policyname, permissive, cmd,
                              array_to_string(roles, ','))
                  FROM pg_policies WHERE schemaname = 'code' ORDER BY 1),
          ARRAY(SELECT format('%s %s PERMISSIVE SELECT %s', t, p.name, meta.role(p.role))
                  FROM code_tables, (VALUES ('clerk_read', 'clerk'), ('owner_read', 'owner')) p(name, role)
                 ORDER BY 1),
          'each code table has exactly two policies: SELECT for clerk and for owner');
SELECT is(ARRAY(SELECT DISTINCT qual FROM pg_policies WHERE schemaname = 'code'), ARRAY['true'],
          'the code table policies hide no row');

SELECT table_privs_are('code', t, meta.role('clerk'), ARRAY['SELECT'],
                       format('clerk may only SELECT code.%s', t))
  FROM code_tables ORDER BY t;

SELECT is(ARRAY(SELECT format('%s %s', r, c.relname)
                  FROM pg_class c,
                       unnest(ARRAY['clerk', 'branch', 'general_branch', 'committee', 'district',
                                    'city', 'auditor']) r
                 WHERE c.relnamespace = 'code'::regnamespace AND c.relkind IN ('r', 'v')
                   AND has_table_privilege(meta.role(r), c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
                 ORDER BY 1),
          '{}'::text[], 'no clerk group may write any code table or view');
SELECT is(ARRAY(SELECT c.relname::text
                  FROM pg_class c, aclexplode(c.relacl) a
                 WHERE c.relnamespace = 'code'::regnamespace AND a.grantee = 0
                 UNION ALL
                SELECT 'schema code' FROM pg_namespace n, aclexplode(n.nspacl) a
                 WHERE n.nspname = 'code' AND a.grantee = 0),
          '{}'::text[], 'PUBLIC holds no privilege on schema code or anything in it');

-- ---- contents ------------------------------------------------------------------
SELECT results_eq($$SELECT code, name FROM code.sex ORDER BY sort$$,
                  $$VALUES ('1', '男'), ('2', '女'), ('0', '未知的性别'), ('9', '未说明的性别')$$,
                  'sex: GB/T 2261.1, 男 and 女 first');

SELECT is(pg_temp.n_rows('ethnicity'), 58::bigint, 'ethnicity: 56 nationalities + 97 + 98');
SELECT set_eq($$SELECT code FROM code.ethnicity$$,
              $$SELECT lpad(i::text, 2, '0') FROM generate_series(1, 56) i UNION SELECT '97' UNION SELECT '98'$$,
              'ethnicity: codes 01..56 without gaps, then 97 and 98');
SELECT results_eq($$SELECT code, name, alpha FROM code.ethnicity
                     WHERE code IN ('01', '02', '05', '22', '36', '46', '56', '97', '98') ORDER BY code$$,
                  $$VALUES ('01', '汉族', 'HA'), ('02', '蒙古族', 'MG'), ('05', '维吾尔族', 'UG'),
                           ('22', '畲族', 'SH'), ('36', '毛南族', 'MN'), ('46', '德昂族', 'DE'),
                           ('56', '基诺族', 'JN'), ('97', '其他', NULL),
                           ('98', '外国血统中国籍人士', NULL)$$,
                  'ethnicity: spot codes with names and letter codes');
SELECT is(ARRAY(SELECT code FROM code.ethnicity WHERE sort <> code::int AND code < '97'), '{}'::text[],
          'ethnicity: shown in the standard''s order');

SELECT results_eq($$SELECT code, name, full_name FROM code.political_status ORDER BY sort$$,
                  $$VALUES ('01', '中共党员', '中国共产党党员'), ('02', '中共预备党员', '中国共产党预备党员'),
                           ('03', '共青团员', '中国共产主义青年团团员'),
                           ('04', '民革会员', '中国国民党革命委员会会员'), ('05', '民盟盟员', '中国民主同盟盟员'),
                           ('06', '民建会员', '中国民主建国会会员'), ('07', '民进会员', '中国民主促进会会员'),
                           ('08', '农工党党员', '中国农工民主党党员'), ('09', '致公党党员', '中国致公党党员'),
                           ('10', '九三学社社员', '九三学社社员'), ('11', '台盟盟员', '台湾民主自治同盟盟员'),
                           ('12', '无党派人士', '无党派民主人士'), ('13', '群众', '群众')$$,
                  'political status: the 13 codes of GB/T 4762 in order');

SELECT is(pg_temp.n_rows('province'), 34::bigint, 'province: 34 province-level divisions');
SELECT results_eq($$SELECT code, name FROM code.province
                     WHERE code IN ('11', '15', '31', '46', '50', '65', '71', '81', '82') ORDER BY code$$,
                  $$VALUES ('11', '北京市'), ('15', '内蒙古自治区'), ('31', '上海市'), ('46', '海南省'),
                           ('50', '重庆市'), ('65', '新疆维吾尔自治区'), ('71', '台湾省'),
                           ('81', '香港特别行政区'), ('82', '澳门特别行政区')$$,
                  'province: spot codes');

SELECT is(pg_temp.n_rows('education'), 40::bigint, 'education: the 40 codes of GB/T 4658-2006');
SELECT results_eq($$SELECT code, name, parent FROM code.education
                     WHERE code IN ('10', '11', '21', '28', '31', '47', '61', '73', '83', '90') ORDER BY code$$,
                  $$VALUES ('10', '研究生教育', NULL), ('11', '博士研究生毕业', '10'),
                           ('21', '大学本科毕业', '20'), ('28', '大学普通班毕业', '20'),
                           ('31', '大学专科毕业', '30'), ('47', '技工学校毕业', '40'),
                           ('61', '普通高中毕业', '60'), ('73', '初中肄业', '70'),
                           ('83', '小学肄业', '80'), ('90', '其他', NULL)$$,
                  'education: spot codes with their levels');
SELECT is(ARRAY(SELECT code FROM code.education
                 WHERE parent IS DISTINCT FROM CASE WHEN code LIKE '_0' THEN NULL ELSE left(code, 1) || '0' END),
          '{}'::text[], 'education: every code sits under its X0 level');

SELECT is(pg_temp.n_rows('degree'), 59::bigint, 'degree: GB/T 6864-2003 and the 艺术学 extension');
SELECT results_eq($$SELECT code, name, parent FROM code.degree
                     WHERE code IN ('1', '2', '201', '212', '213', '245', '3', '341', '352', '4', '444')
                     ORDER BY sort$$,
                  $$VALUES ('1', '名誉博士', NULL), ('2', '博士', NULL), ('201', '哲学博士学位', '2'),
                           ('212', '管理学博士学位', '2'), ('213', '艺术学博士学位', '2'),
                           ('245', '临床医学博士专业学位', '2'), ('3', '硕士', NULL),
                           ('341', '法律硕士专业学位', '3'), ('352', '军事硕士专业学位', '3'),
                           ('4', '学士', NULL), ('444', '建筑学学士专业学位', '4')$$,
                  'degree: spot codes with their levels');
SELECT is(ARRAY(SELECT code FROM code.degree
                 WHERE parent IS DISTINCT FROM CASE WHEN length(code) = 1 THEN NULL ELSE left(code, 1) END),
          '{}'::text[], 'degree: every code sits under its level');

SELECT results_eq($$SELECT code, name, level FROM code.org_kind ORDER BY sort$$,
                  $$VALUES ('1', '市委', 'city'), ('2', '区县委', 'district'), ('3', '大口委办', 'district'),
                           ('4', '基层党委', 'committee'), ('5', '党总支部', 'general_branch'),
                           ('6', '党支部', 'branch'), ('7', '党小组', 'branch')$$,
                  'org_kind: the tree levels and the clerk level of each');
SELECT is(ARRAY(SELECT DISTINCT level FROM code.org_kind
                 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = meta.role(level))),
          '{}'::text[], 'org_kind: every clerk level is a group role of 001');
SELECT results_eq($$SELECT code, name, tier FROM code.org_category
                     WHERE code IN ('611', '621', '631', '632', '931') ORDER BY code$$,
                  $$VALUES ('611', '党委', 'committee'), ('621', '党总支部', 'general_branch'),
                           ('631', '党支部', 'branch'), ('632', '联合党支部', 'branch'),
                           ('931', '临时党支部', 'branch')$$,
                  'org_category: the party information system''s codes');
SELECT results_eq($$SELECT name FROM code.unit_relation ORDER BY sort$$,
                  $$VALUES ('与上级党组织同一单位'), ('法人单位'), ('联合党支部')$$,
                  'unit_relation: the three relations of DOMAIN.md');
SELECT ok((SELECT count(*) FROM code.unit_nature
            WHERE name IN ('党政机关', '事业单位', '国有企业', '集体企业', '非公有制企业', '社会组织', '其他')) = 7,
          'unit_nature: 机关, 事业单位, the kinds of 企业, 社会组织 and 其他 are there');
SELECT is(ARRAY(SELECT code FROM code.person_category WHERE code NOT LIKE parent || '_%'), '{}'::text[],
          'person_category: every code extends its group''s code');
SELECT results_eq($$SELECT code, name, dues_class FROM code.person_category
                     WHERE code IN ('0', '011', '0164', '1', '113', '3', '4', '599') ORDER BY sort$$,
                  $$VALUES ('0', '在岗职工', 'wage'), ('011', '党政机关工作人员', 'wage'),
                           ('0164', '农民工（公有制单位）', 'wage'), ('1', '农牧渔民', 'farmer'),
                           ('113', '外出务工经商人员', 'farmer'), ('3', '学生', 'student'),
                           ('4', '离退休人员', 'retired'), ('599', '其他无业人员', 'unemployed')$$,
                  'person_category: the statistics'' groups, each with its dues band');
SELECT ok((SELECT count(*) FROM code.party_post
            WHERE name IN ('书记', '副书记', '常务副书记', '委员', '组织委员', '宣传委员', '纪检委员',
                           '青年委员', '统战委员', '保密委员', '党小组长')) = 11,
          'party_post: the usual posts are there');
SELECT results_eq($$SELECT name FROM code.tech_title ORDER BY sort$$,
                  $$VALUES ('正高级'), ('副高级'), ('中级'), ('初级（助理级）'), ('初级（员级）'), ('未评定')$$,
                  'tech_title: the levels');
SELECT ok((SELECT count(*) FROM code.exit_kind WHERE name IN ('自行脱党', '除名', '开除党籍', '退党', '不予承认')) = 5,
          'exit_kind: the ways out of DOMAIN.md are there');
SELECT results_eq($$SELECT name FROM code.history_reason ORDER BY sort$$,
                  $$VALUES ('出党'), ('死亡'), ('停止党籍'), ('转出本市')$$,
                  'history_reason: the four reasons');
SELECT ok((SELECT count(*) FROM code.suspend_reason
            WHERE name IN ('出国（境）定居', '出国（境）学习研究超过五年未归')) = 2,
          'suspend_reason: the two reasons of DOMAIN.md are there');
SELECT results_eq($$SELECT code, name FROM code.stage ORDER BY sort$$,
                  $$VALUES ('1', '入党申请人'), ('2', '入党积极分子'), ('3', '发展对象'),
                           ('4', '预备党员'), ('5', '正式党员')$$,
                  'stage: the five stages in order');

SELECT is(pg_temp.n_rows('dev_step'), 25::bigint, 'dev_step: 25 development steps');
SELECT results_eq($$SELECT stage, count(*)::int FROM code.dev_step GROUP BY stage ORDER BY stage$$,
                  $$VALUES ('1', 2), ('2', 4), ('3', 5), ('4', 7), ('5', 7)$$,
                  'dev_step: 2 + 4 + 5 + 7 + 7 steps by stage');
SELECT results_eq($$SELECT code, name, stage FROM code.dev_step ORDER BY sort$$,
                  $$VALUES ('01', '递交入党申请书', '1'), ('02', '党组织派人谈话', '1'),
                           ('03', '推荐和确定入党积极分子', '2'), ('04', '上级党委备案', '2'),
                           ('05', '指定培养联系人', '2'), ('06', '培养教育考察', '2'),
                           ('07', '确定发展对象', '3'), ('08', '报上级党委备案', '3'),
                           ('09', '确定入党介绍人', '3'), ('10', '政治审查', '3'), ('11', '集中培训', '3'),
                           ('12', '支部委员会审查', '4'), ('13', '上级党委预审', '4'),
                           ('14', '填写入党志愿书', '4'), ('15', '支部大会讨论', '4'),
                           ('16', '上级党委派人谈话', '4'), ('17', '上级党委审批', '4'),
                           ('18', '再上一级党委组织部门备案', '4'),
                           ('19', '编入党支部和党小组', '5'), ('20', '入党宣誓', '5'),
                           ('21', '继续教育考察', '5'), ('22', '提出转正申请', '5'),
                           ('23', '支部大会讨论', '5'), ('24', '上级党委审批', '5'), ('25', '材料归档', '5')$$,
                  'dev_step: the 25 steps word for word as DOMAIN.md, in order');

SELECT results_eq($$SELECT name FROM code.appraisal ORDER BY sort$$,
                  $$VALUES ('优秀'), ('合格'), ('基本合格'), ('不合格')$$,
                  'appraisal: the four results');
SELECT set_eq($$SELECT name FROM code.reward_kind WHERE kind = 'punishment' AND code <> '29'$$,
              ARRAY['警告', '严重警告', '撤销党内职务', '留党察看一年', '留党察看二年', '开除党籍'],
              'reward_kind: the party''s five sanctions (留党察看 of one or two years)');
SELECT ok((SELECT count(*) FROM code.reward_kind
            WHERE kind = 'reward' AND name IN ('嘉奖', '优秀共产党员', '优秀党务工作者')) = 3,
          'reward_kind: rewards are there');
SELECT results_eq($$SELECT name, scope FROM code.transfer_kind WHERE scope <> 'merge' ORDER BY sort$$,
                  $$VALUES ('党委内转出', 'committee'), ('跨党委转出', 'city'),
                           ('转往外省（区、市）', 'out'), ('外省市转入', 'in')$$,
                  'transfer_kind: the manual''s transfers with their scope');

SELECT is(ARRAY(SELECT t FROM code_tables
                 WHERE t <> 'registry'
                   AND (SELECT count(DISTINCT sort) FROM code.all_codes WHERE kind = t) <> pg_temp.n_rows(t)),
          '{}'::text[], 'no code table shows two rows at the same sort position');
SELECT is((SELECT count(*) FROM code.all_codes),
          (SELECT sum(pg_temp.n_rows(t)) FROM code_tables WHERE t <> 'registry')::bigint,
          'code.all_codes holds every row of every code table');

-- ---- a clerk reads and cannot write; an outsider cannot even read ------------
DO $$
BEGIN
    PERFORM meta.ddl('CREATE ROLE {t_code_clerk} LOGIN');
    PERFORM meta.ddl('GRANT {clerk} TO {t_code_clerk}');
    PERFORM meta.ddl('CREATE ROLE {t_code_outsider} LOGIN');
END
$$;
SELECT meta.role('t_code_clerk') AS probe_clerk, meta.role('t_code_outsider') AS probe_outsider,
       meta.role('owner') AS probe_owner \gset

-- What a role can do to each code table, as JSON in setting dj_test.<key>:
-- {"<table>": {"rows": n or the refusal's SQLSTATE, "writes": [SQLSTATE or "ok"
-- for INSERT, UPDATE, DELETE, TRUNCATE]}, "all_codes": rows}.
CREATE FUNCTION pg_temp.probe(key text) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    result jsonb := '{}';
    t      text;
    col    text;
    n      bigint;
    rows   jsonb;
    writes jsonb;
    stmt   text;
BEGIN
    FOR t, col IN SELECT c.relname, a.attname FROM pg_class c
                    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
                   WHERE c.relnamespace = 'code'::regnamespace AND c.relkind = 'r' LOOP
        BEGIN
            EXECUTE format('SELECT count(*) FROM code.%I', t) INTO n;
            rows := to_jsonb(n);
        EXCEPTION WHEN OTHERS THEN
            rows := to_jsonb(SQLSTATE);
        END;
        writes := '[]';
        FOREACH stmt IN ARRAY ARRAY[format('INSERT INTO code.%I DEFAULT VALUES', t),
                                    format('UPDATE code.%I SET %I = %I', t, col, col),
                                    format('DELETE FROM code.%I', t),
                                    format('TRUNCATE code.%I', t)] LOOP
            BEGIN
                EXECUTE stmt;
                writes := writes || to_jsonb('ok'::text);
                RAISE EXCEPTION USING ERRCODE = 'P0001';  -- undo what should not have worked
            EXCEPTION WHEN OTHERS THEN
                IF SQLSTATE <> 'P0001' THEN
                    writes := writes || to_jsonb(SQLSTATE);
                END IF;
            END;
        END LOOP;
        result := result || jsonb_build_object(t, jsonb_build_object('rows', rows, 'writes', writes));
    END LOOP;
    BEGIN
        SELECT count(*) INTO n FROM code.all_codes;
        result := result || jsonb_build_object('all_codes', n);
    EXCEPTION WHEN OTHERS THEN
        result := result || jsonb_build_object('all_codes', SQLSTATE);
    END;
    PERFORM set_config('dj_test.' || key, result::text, true);
END
$$;
-- The impersonated roles may run it; a session's own temp schema is usable by
-- whoever the session is (PostgreSQL grants USAGE on it implicitly).
GRANT EXECUTE ON FUNCTION pg_temp.probe(text) TO PUBLIC;

SET SESSION AUTHORIZATION :"probe_clerk";
SELECT pg_temp.probe('clerk') \gset
RESET SESSION AUTHORIZATION;

SET SESSION AUTHORIZATION :"probe_outsider";
SELECT pg_temp.probe('outsider') \gset
RESET SESSION AUTHORIZATION;

SET ROLE :"probe_owner";
SELECT pg_temp.probe('owner') \gset
RESET ROLE;

SELECT is(current_setting('dj_test.clerk')::jsonb -> t -> 'rows', to_jsonb(pg_temp.n_rows(t)),
          format('a clerk reads every row of code.%s', t))
  FROM code_tables ORDER BY t;
SELECT is(current_setting('dj_test.clerk')::jsonb -> t -> 'writes', '["42501", "42501", "42501", "42501"]'::jsonb,
          format('a clerk may not insert, update, delete or truncate code.%s', t))
  FROM code_tables ORDER BY t;
SELECT is(current_setting('dj_test.clerk')::jsonb -> 'all_codes',
          to_jsonb((SELECT count(*) FROM code.all_codes)), 'a clerk reads all of code.all_codes');
SELECT is(ARRAY(SELECT t FROM code_tables
                 WHERE current_setting('dj_test.owner')::jsonb -> t -> 'rows'
                       IS DISTINCT FROM to_jsonb(pg_temp.n_rows(t))
                 ORDER BY t),
          '{}'::text[], 'the owner (SECURITY DEFINER functions) reads every row of every code table');
SELECT is(ARRAY(SELECT DISTINCT e.value -> 'rows' FROM jsonb_each(current_setting('dj_test.outsider')::jsonb) e
                 WHERE e.key <> 'all_codes'
                 UNION SELECT current_setting('dj_test.outsider')::jsonb -> 'all_codes'),
          ARRAY['"42501"'::jsonb], 'a login role outside the clerk group reads nothing in schema code');

SELECT * FROM finish();
ROLLBACK;

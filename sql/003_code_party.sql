-- 003: the party's own code tables, same shape and security as 002's:
-- code.<kind>(code, name, sort, in_use, ...), read-only for {clerk} and {owner}.
-- Where the national party information system's codes are known they are used
-- (组织类别 611..932, the 工作岗位 groups 0/01/02/1..5 of the party statistics);
-- otherwise the codes are this system's own and say so.  Names follow
-- ../shared/DOMAIN.md and the manual word for word where those give them.
-- Also code.all_codes: every kind's rows in one view, for loading the pickers
-- in one query.

-- The organization tree's levels.  level: the clerk level (001's group roles)
-- that an organization of this kind is administered at.
CREATE TABLE code.org_kind (
    code   text PRIMARY KEY CHECK (code ~ '^[1-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    level  text NOT NULL CHECK (level IN ('city', 'district', 'committee', 'general_branch', 'branch'))
);
INSERT INTO code.org_kind (code, name, level, sort) VALUES
    ('1', '市委', 'city', 1),
    ('2', '区县委', 'district', 2),
    ('3', '大口委办', 'district', 3),
    ('4', '基层党委', 'committee', 4),
    ('5', '党总支部', 'general_branch', 5),
    ('6', '党支部', 'branch', 6),
    ('7', '党小组', 'branch', 7);

-- 组织类别.  611..932 are the national party information system's codes
-- (6xx standing, 9xx temporary organizations).  111 and 112 are this system's,
-- for the levels above the grass roots, which that list does not cover here.
-- tier: the kind of body, so a category can be checked against the tree level.
CREATE TABLE code.org_category (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    tier   text NOT NULL CHECK (tier IN ('committee', 'general_branch', 'branch', 'group'))
);
INSERT INTO code.org_category (code, name, tier, sort) VALUES
    ('111', '党的地方委员会', 'committee', 1),
    ('112', '党的工作委员会', 'committee', 2),
    ('611', '党委', 'committee', 3),
    ('612', '党组', 'committee', 4),
    ('621', '党总支部', 'general_branch', 5),
    ('631', '党支部', 'branch', 6),
    ('632', '联合党支部', 'branch', 7),
    ('641', '党小组', 'group', 8),
    ('911', '临时党委', 'committee', 9),
    ('921', '临时党总支部', 'general_branch', 10),
    ('931', '临时党支部', 'branch', 11),
    ('932', '临时联合党支部', 'branch', 12);

-- 单位性质 (this system's codes, grouped as the party statistics count
-- grass-roots organizations: 机关, 事业单位, 企业, 社会组织, 街道社区, 乡镇村).
-- The manual's 单位转制 (事业单位 -> 企业) changes this code.
CREATE TABLE code.unit_nature (
    code   text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]{2}$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    parent text REFERENCES code.unit_nature (code)
);
INSERT INTO code.unit_nature (code, name, parent, sort) VALUES
    ('100', '党政机关', NULL, 1),
    ('110', '党的机关', '100', 2),
    ('120', '人大机关', '100', 3),
    ('130', '行政机关', '100', 4),
    ('140', '政协机关', '100', 5),
    ('150', '审判机关', '100', 6),
    ('160', '检察机关', '100', 7),
    ('170', '民主党派和工商联机关', '100', 8),
    ('180', '群团组织机关', '100', 9),
    ('200', '事业单位', NULL, 10),
    ('210', '高等学校', '200', 11),
    ('220', '中小学校', '200', 12),
    ('230', '科研院所', '200', 13),
    ('240', '公立医院', '200', 14),
    ('290', '其他事业单位', '200', 15),
    ('300', '企业', NULL, 16),
    ('310', '国有企业', '300', 17),
    ('320', '集体企业', '300', 18),
    ('330', '非公有制企业', '300', 19),
    ('331', '私营企业', '330', 20),
    ('332', '港澳台商投资企业', '330', 21),
    ('333', '外商投资企业', '330', 22),
    ('339', '其他非公有制企业', '330', 23),
    ('400', '社会组织', NULL, 24),
    ('410', '社会团体', '400', 25),
    ('420', '民办非企业单位', '400', 26),
    ('430', '基金会', '400', 27),
    ('500', '城市街道、社区', NULL, 28),
    ('510', '街道', '500', 29),
    ('520', '社区（居委会）', '500', 30),
    ('600', '农村乡镇、村', NULL, 31),
    ('610', '乡镇', '600', 32),
    ('620', '建制村', '600', 33),
    ('900', '其他', NULL, 34);

-- How an organization relates to its unit (单位), as DOMAIN.md lists them.
CREATE TABLE code.unit_relation (
    code   text PRIMARY KEY CHECK (code ~ '^[1-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.unit_relation (code, name, sort) VALUES
    ('1', '与上级党组织同一单位', 1),
    ('2', '法人单位', 2),
    ('3', '联合党支部', 3);

-- 工作岗位 / 人员类别.  The groups 0 在岗职工, 01 公有制单位, 011..016,
-- 0164 农民工, 02 非公有制单位, 021..025, 0253 农民工, 1 农牧渔民, 113
-- 外出务工经商人员, 2 军人、武警, 3 学生, 4 离退休人员, 5 其他 are the party
-- statistics' codes; the other leaves under them are numbered by this system,
-- with the national system's post names.
-- dues_class: which band of the dues rules (DOMAIN.md) a member of this
-- category pays by: wage (in service, by income), retired, farmer, student,
-- unemployed.  Relief recipients are a personal status, not a category.
CREATE TABLE code.person_category (
    code      text PRIMARY KEY CHECK (code ~ '^[0-9]{1,4}$'),
    name      text NOT NULL,
    sort      smallint NOT NULL,
    in_use    boolean NOT NULL DEFAULT true,
    parent    text REFERENCES code.person_category (code),
    dues_class text NOT NULL CHECK (dues_class IN ('wage', 'retired', 'farmer', 'student', 'unemployed'))
);
INSERT INTO code.person_category (code, name, parent, dues_class, sort) VALUES
    ('0', '在岗职工', NULL, 'wage', 1),
    ('01', '公有制单位在岗职工', '0', 'wage', 2),
    ('011', '党政机关工作人员', '01', 'wage', 3),
    ('0111', '公务员', '011', 'wage', 4),
    ('0112', '参照公务员法管理的工作人员', '011', 'wage', 5),
    ('012', '事业单位管理人员', '01', 'wage', 6),
    ('013', '事业单位专业技术人员', '01', 'wage', 7),
    ('014', '公有经济控制企业管理人员', '01', 'wage', 8),
    ('015', '公有经济控制企业专业技术人员', '01', 'wage', 9),
    ('016', '公有制单位工勤技能人员', '01', 'wage', 10),
    ('0161', '机关单位工勤岗位', '016', 'wage', 11),
    ('0162', '事业单位工勤岗位', '016', 'wage', 12),
    ('0163', '公有经济控制企业工勤岗位', '016', 'wage', 13),
    ('0164', '农民工（公有制单位）', '016', 'wage', 14),
    ('02', '非公有制单位在岗职工', '0', 'wage', 15),
    ('021', '非公有制企业管理人员', '02', 'wage', 16),
    ('022', '非公有制企业专业技术人员', '02', 'wage', 17),
    ('023', '民办非企业单位管理人员', '02', 'wage', 18),
    ('024', '民办非企业单位专业技术人员', '02', 'wage', 19),
    ('025', '非公有制单位工勤技能人员', '02', 'wage', 20),
    ('0251', '非公有制企业工勤岗位', '025', 'wage', 21),
    ('0252', '民办非企业单位工勤岗位', '025', 'wage', 22),
    ('0253', '农民工（非公有制单位）', '025', 'wage', 23),
    ('1', '农牧渔民', NULL, 'farmer', 24),
    ('111', '农牧渔业生产人员', '1', 'farmer', 25),
    ('112', '乡村医生', '1', 'farmer', 26),
    ('113', '外出务工经商人员', '1', 'farmer', 27),
    ('119', '其他农牧渔民', '1', 'farmer', 28),
    ('2', '军人、武警', NULL, 'wage', 29),
    ('3', '学生', NULL, 'student', 30),
    ('31', '研究生', '3', 'student', 31),
    ('311', '研究生毕业年级学生', '31', 'student', 32),
    ('312', '研究生一年级学生', '31', 'student', 33),
    ('313', '研究生其他年级学生', '31', 'student', 34),
    ('32', '大学本科生', '3', 'student', 35),
    ('321', '大学本科毕业年级学生', '32', 'student', 36),
    ('322', '大学本科一年级学生', '32', 'student', 37),
    ('323', '大学本科其他年级学生', '32', 'student', 38),
    ('33', '大学专科生', '3', 'student', 39),
    ('331', '大学专科毕业年级学生', '33', 'student', 40),
    ('332', '大学专科一年级学生', '33', 'student', 41),
    ('333', '大学专科其他年级学生', '33', 'student', 42),
    ('34', '中等专业学校学生', '3', 'student', 43),
    ('35', '高中学生', '3', 'student', 44),
    ('36', '技工学校学生', '3', 'student', 45),
    ('4', '离退休人员', NULL, 'retired', 46),
    ('41', '离休干部', '4', 'retired', 47),
    ('42', '退休人员', '4', 'retired', 48),
    ('43', '退职人员', '4', 'retired', 49),
    ('5', '其他', NULL, 'wage', 50),
    ('501', '内部退养职工', '5', 'wage', 51),
    ('502', '大学生村官', '5', 'wage', 52),
    ('503', '社区工作人员', '5', 'wage', 53),
    ('504', '停薪留职人员', '5', 'wage', 54),
    ('505', '个体工商户中的从业人员', '5', 'wage', 55),
    ('506', '自由职业人员', '5', 'wage', 56),
    ('507', '（转业）待安置、学生毕业未就业的人员', '5', 'unemployed', 57),
    ('508', '公派或因私出国（境）逾期未归的人员', '5', 'wage', 58),
    ('509', '改革后不再保留原机关干部身份、组织关系仍在原单位的人员', '5', 'wage', 59),
    ('510', '企业破产后领取保险金或被辞退、未重新就业的人员', '5', 'unemployed', 60),
    ('511', '离开岗位但与单位保留劳动关系的职工（不含内部退养职工）', '5', 'wage', 61),
    ('512', '组织关系在人才（劳动）服务中心、不明职业的人员', '5', 'wage', 62),
    ('598', '其他从业人员', '5', 'wage', 63),
    ('599', '其他无业人员', '5', 'unemployed', 64);

-- 党内职务 (this system's codes).
CREATE TABLE code.party_post (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.party_post (code, name, sort) VALUES
    ('01', '书记', 1),
    ('02', '常务副书记', 2),
    ('03', '副书记', 3),
    ('04', '常务委员会委员', 4),
    ('05', '委员', 5),
    ('06', '组织委员', 6),
    ('07', '宣传委员', 7),
    ('08', '纪检委员', 8),
    ('09', '青年委员', 9),
    ('10', '统战委员', 10),
    ('11', '保密委员', 11),
    ('12', '妇女委员', 12),
    ('13', '纪委书记', 13),
    ('14', '纪委副书记', 14),
    ('15', '纪委委员', 15),
    ('16', '党小组长', 16),
    ('17', '党小组副组长', 17),
    ('18', '党组书记', 18),
    ('19', '党组副书记', 19),
    ('20', '党组成员', 20),
    ('99', '其他党内职务', 21);

-- 专业技术职务 level.
CREATE TABLE code.tech_title (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.tech_title (code, name, sort) VALUES
    ('1', '正高级', 1),
    ('2', '副高级', 2),
    ('3', '中级', 3),
    ('4', '初级（助理级）', 4),
    ('5', '初级（员级）', 5),
    ('9', '未评定', 6);

-- 出党方式 (DOMAIN.md, 党章 第九条).  自行脱党 and 除名 are kept apart: the first
-- is the six-months rule, the second the branch's decision on a member who
-- refuses to leave when advised to.  6: a probationary member whose status is
-- cancelled also leaves the roll.
CREATE TABLE code.exit_kind (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.exit_kind (code, name, sort) VALUES
    ('1', '自行脱党', 1),
    ('2', '除名', 2),
    ('3', '开除党籍', 3),
    ('4', '退党', 4),
    ('5', '不予承认', 5),
    ('6', '取消预备党员资格', 6);

-- Why someone is a historical member (历史党员).
CREATE TABLE code.history_reason (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.history_reason (code, name, sort) VALUES
    ('1', '出党', 1),
    ('2', '死亡', 2),
    ('3', '停止党籍', 3),
    ('4', '转出本市', 4);

-- 停止党籍: the two of DOMAIN.md, and the lost-contact rule of the 2019
-- 党员教育管理工作条例 (no contact for six months, not found).
CREATE TABLE code.suspend_reason (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.suspend_reason (code, name, sort) VALUES
    ('1', '出国（境）定居', 1),
    ('2', '出国（境）学习研究超过五年未归', 2),
    ('3', '与党组织失去联系六个月以上', 3);

-- Development stages.  phase: the heading DOMAIN.md gives the group of
-- development steps done in this stage (code.dev_step.stage).
CREATE TABLE code.stage (
    code   text PRIMARY KEY CHECK (code ~ '^[1-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    phase  text NOT NULL
);
INSERT INTO code.stage (code, name, phase, sort) VALUES
    ('1', '入党申请人', '申请入党', 1),
    ('2', '入党积极分子', '积极分子', 2),
    ('3', '发展对象', '发展对象', 3),
    ('4', '预备党员', '接收预备党员', 4),
    ('5', '正式党员', '转正', 5);

-- The 25 steps of 发展党员工作细则 (2014) as DOMAIN.md writes them, 2+4+5+7+7.
CREATE TABLE code.dev_step (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    stage  text NOT NULL REFERENCES code.stage (code)
);
INSERT INTO code.dev_step (code, name, stage, sort) VALUES
    ('01', '递交入党申请书', '1', 1),
    ('02', '党组织派人谈话', '1', 2),
    ('03', '推荐和确定入党积极分子', '2', 3),
    ('04', '上级党委备案', '2', 4),
    ('05', '指定培养联系人', '2', 5),
    ('06', '培养教育考察', '2', 6),
    ('07', '确定发展对象', '3', 7),
    ('08', '报上级党委备案', '3', 8),
    ('09', '确定入党介绍人', '3', 9),
    ('10', '政治审查', '3', 10),
    ('11', '集中培训', '3', 11),
    ('12', '支部委员会审查', '4', 12),
    ('13', '上级党委预审', '4', 13),
    ('14', '填写入党志愿书', '4', 14),
    ('15', '支部大会讨论', '4', 15),
    ('16', '上级党委派人谈话', '4', 16),
    ('17', '上级党委审批', '4', 17),
    ('18', '再上一级党委组织部门备案', '4', 18),
    ('19', '编入党支部和党小组', '5', 19),
    ('20', '入党宣誓', '5', 20),
    ('21', '继续教育考察', '5', 21),
    ('22', '提出转正申请', '5', 22),
    ('23', '支部大会讨论', '5', 23),
    ('24', '上级党委审批', '5', 24),
    ('25', '材料归档', '5', 25);

-- 民主评议 results.
CREATE TABLE code.appraisal (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.appraisal (code, name, sort) VALUES
    ('1', '优秀', 1),
    ('2', '合格', 2),
    ('3', '基本合格', 3),
    ('4', '不合格', 4);

-- 奖惩: 1x rewards (公务员法's 嘉奖 .. 授予称号, and the party's own honours),
-- 2x the party disciplinary sanctions of 中国共产党纪律处分条例.
CREATE TABLE code.reward_kind (
    code   text PRIMARY KEY CHECK (code ~ '^[12][0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    kind   text NOT NULL CHECK (kind IN ('reward', 'punishment')),
    CHECK ((kind = 'reward') = (code LIKE '1_'))
);
INSERT INTO code.reward_kind (code, name, kind, sort) VALUES
    ('11', '通报表扬', 'reward', 1),
    ('12', '嘉奖', 'reward', 2),
    ('13', '记三等功', 'reward', 3),
    ('14', '记二等功', 'reward', 4),
    ('15', '记一等功', 'reward', 5),
    ('16', '授予称号', 'reward', 6),
    ('17', '优秀共产党员', 'reward', 7),
    ('18', '优秀党务工作者', 'reward', 8),
    ('19', '其他奖励', 'reward', 9),
    ('21', '警告', 'punishment', 10),
    ('22', '严重警告', 'punishment', 11),
    ('23', '撤销党内职务', 'punishment', 12),
    ('24', '留党察看一年', 'punishment', 13),
    ('25', '留党察看二年', 'punishment', 14),
    ('26', '开除党籍', 'punishment', 15),
    ('29', '其他处分', 'punishment', 16);

-- Organization-relationship transfers, in the manual's words.  scope:
-- committee (inside one grass-roots committee, out only), city (across
-- committees), out / in (leaving or entering the city), merge (members moved
-- by a merge of organizations, the manual's 2.4).
CREATE TABLE code.transfer_kind (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    scope  text NOT NULL CHECK (scope IN ('committee', 'city', 'out', 'in', 'merge'))
);
INSERT INTO code.transfer_kind (code, name, scope, sort) VALUES
    ('1', '党委内转出', 'committee', 1),
    ('2', '跨党委转出', 'city', 2),
    ('3', '转往外省（区、市）', 'out', 3),
    ('4', '外省市转入', 'in', 4),
    ('5', '党组织合并', 'merge', 5);

INSERT INTO code.registry (kind, label, standard) VALUES
    ('org_kind', '党组织层级', NULL),
    ('org_category', '组织类别', '全国党员管理信息系统（611-932）'),
    ('unit_nature', '单位性质', NULL),
    ('unit_relation', '党组织所在单位情况', NULL),
    ('person_category', '工作岗位', '党内统计工作岗位分类'),
    ('party_post', '党内职务', NULL),
    ('tech_title', '专业技术职务', NULL),
    ('exit_kind', '出党方式', '中国共产党章程'),
    ('history_reason', '转为历史党员原因', NULL),
    ('suspend_reason', '停止党籍原因', '中国共产党党员教育管理工作条例'),
    ('stage', '发展阶段', '中国共产党发展党员工作细则'),
    ('dev_step', '发展党员步骤', '中国共产党发展党员工作细则'),
    ('appraisal', '民主评议结果', NULL),
    ('reward_kind', '奖惩名称', '中国共产党纪律处分条例'),
    ('transfer_kind', '组织关系转移类型', NULL);

-- Every kind's rows in one list (kind = code.registry.kind).  security_invoker:
-- read with the reader's rights, so the tables' policies apply.
CREATE VIEW code.all_codes WITH (security_invoker = true) AS
              SELECT 'sex'::text AS kind, code, name, sort, in_use, NULL::text AS parent FROM code.sex
    UNION ALL SELECT 'ethnicity', code, name, sort, in_use, NULL FROM code.ethnicity
    UNION ALL SELECT 'education', code, name, sort, in_use, parent FROM code.education
    UNION ALL SELECT 'degree', code, name, sort, in_use, parent FROM code.degree
    UNION ALL SELECT 'political_status', code, name, sort, in_use, NULL FROM code.political_status
    UNION ALL SELECT 'province', code, name, sort, in_use, NULL FROM code.province
    UNION ALL SELECT 'org_kind', code, name, sort, in_use, NULL FROM code.org_kind
    UNION ALL SELECT 'org_category', code, name, sort, in_use, NULL FROM code.org_category
    UNION ALL SELECT 'unit_nature', code, name, sort, in_use, parent FROM code.unit_nature
    UNION ALL SELECT 'unit_relation', code, name, sort, in_use, NULL FROM code.unit_relation
    UNION ALL SELECT 'person_category', code, name, sort, in_use, parent FROM code.person_category
    UNION ALL SELECT 'party_post', code, name, sort, in_use, NULL FROM code.party_post
    UNION ALL SELECT 'tech_title', code, name, sort, in_use, NULL FROM code.tech_title
    UNION ALL SELECT 'exit_kind', code, name, sort, in_use, NULL FROM code.exit_kind
    UNION ALL SELECT 'history_reason', code, name, sort, in_use, NULL FROM code.history_reason
    UNION ALL SELECT 'suspend_reason', code, name, sort, in_use, NULL FROM code.suspend_reason
    UNION ALL SELECT 'stage', code, name, sort, in_use, NULL FROM code.stage
    UNION ALL SELECT 'dev_step', code, name, sort, in_use, NULL FROM code.dev_step
    UNION ALL SELECT 'appraisal', code, name, sort, in_use, NULL FROM code.appraisal
    UNION ALL SELECT 'reward_kind', code, name, sort, in_use, NULL FROM code.reward_kind
    UNION ALL SELECT 'transfer_kind', code, name, sort, in_use, NULL FROM code.transfer_kind;
REVOKE ALL ON code.all_codes FROM PUBLIC;
SELECT meta.ddl('GRANT SELECT ON code.all_codes TO {clerk}, {owner}');

-- Security, as in 002 (idempotent: only tables not yet secured).
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT c.oid::regclass FROM pg_class c
              WHERE c.relnamespace = 'code'::regnamespace AND c.relkind = 'r'
                AND NOT c.relrowsecurity
              ORDER BY c.relname LOOP
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
        PERFORM meta.ddl(format('CREATE POLICY clerk_read ON %s FOR SELECT TO {clerk} USING (true)', t));
        PERFORM meta.ddl(format('CREATE POLICY owner_read ON %s FOR SELECT TO {owner} USING (true)', t));
        PERFORM meta.ddl(format('REVOKE ALL ON %s FROM PUBLIC', t));
        PERFORM meta.ddl(format('GRANT SELECT ON %s TO {clerk}, {owner}', t));
    END LOOP;
END
$$;

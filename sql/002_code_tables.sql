-- 002: code tables from the national standards (003 adds the party's own).
--   * schema code: one table per kind, code.<kind>(code, name, sort, in_use, ...);
--     records store the code, screens show the name, ordered by sort.  A code
--     that is retired stays (old records keep pointing at it) with in_use false.
--   * code.registry names every kind with the Chinese label of its field, so
--     an "unknown code" error can say which field (民族, 学历, ...) was wrong;
--     standard names the edition the rows were typed in from.
--   * Every table: row level security enabled and forced, read-only for {clerk}
--     and for {owner} (SECURITY DEFINER functions run as {owner}, which FORCE
--     subjects to the policies).  Nothing for PUBLIC.  Changing a code table is
--     a migration's job (run as the superuser), never a clerk's.
-- Typed in from the standards; nothing downloaded.

CREATE SCHEMA code;
REVOKE ALL ON SCHEMA code FROM PUBLIC;
SELECT meta.ddl('GRANT USAGE ON SCHEMA code TO {clerk}, {owner}');

CREATE TABLE code.registry (
    kind     text PRIMARY KEY CHECK (kind ~ '^[a-z][a-z_]*$'),
    label    text NOT NULL CHECK (label <> ''),
    standard text
);

-- GB/T 2261.1-2003 人的性别代码.
CREATE TABLE code.sex (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.sex (code, name, sort) VALUES
    ('0', '未知的性别', 3),
    ('1', '男', 1),
    ('2', '女', 2),
    ('9', '未说明的性别', 4);

-- GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码: the two-digit code, the
-- two-letter code (alpha) for the 56 nationalities, and the two extra codes.
CREATE TABLE code.ethnicity (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    alpha  text UNIQUE CHECK (alpha ~ '^[A-Z]{2}$')
);
INSERT INTO code.ethnicity (code, name, alpha, sort) VALUES
    ('01', '汉族', 'HA', 1),
    ('02', '蒙古族', 'MG', 2),
    ('03', '回族', 'HU', 3),
    ('04', '藏族', 'ZA', 4),
    ('05', '维吾尔族', 'UG', 5),
    ('06', '苗族', 'MH', 6),
    ('07', '彝族', 'YI', 7),
    ('08', '壮族', 'ZH', 8),
    ('09', '布依族', 'BY', 9),
    ('10', '朝鲜族', 'CS', 10),
    ('11', '满族', 'MA', 11),
    ('12', '侗族', 'DO', 12),
    ('13', '瑶族', 'YA', 13),
    ('14', '白族', 'BA', 14),
    ('15', '土家族', 'TJ', 15),
    ('16', '哈尼族', 'HN', 16),
    ('17', '哈萨克族', 'KZ', 17),
    ('18', '傣族', 'DA', 18),
    ('19', '黎族', 'LI', 19),
    ('20', '傈僳族', 'LS', 20),
    ('21', '佤族', 'VA', 21),
    ('22', '畲族', 'SH', 22),
    ('23', '高山族', 'GS', 23),
    ('24', '拉祜族', 'LH', 24),
    ('25', '水族', 'SU', 25),
    ('26', '东乡族', 'DX', 26),
    ('27', '纳西族', 'NX', 27),
    ('28', '景颇族', 'JP', 28),
    ('29', '柯尔克孜族', 'KG', 29),
    ('30', '土族', 'TU', 30),
    ('31', '达斡尔族', 'DU', 31),
    ('32', '仫佬族', 'ML', 32),
    ('33', '羌族', 'QI', 33),
    ('34', '布朗族', 'BL', 34),
    ('35', '撒拉族', 'SL', 35),
    ('36', '毛南族', 'MN', 36),
    ('37', '仡佬族', 'GL', 37),
    ('38', '锡伯族', 'XB', 38),
    ('39', '阿昌族', 'AC', 39),
    ('40', '普米族', 'PM', 40),
    ('41', '塔吉克族', 'TA', 41),
    ('42', '怒族', 'NU', 42),
    ('43', '乌孜别克族', 'UZ', 43),
    ('44', '俄罗斯族', 'RS', 44),
    ('45', '鄂温克族', 'EW', 45),
    ('46', '德昂族', 'DE', 46),
    ('47', '保安族', 'BN', 47),
    ('48', '裕固族', 'YG', 48),
    ('49', '京族', 'GI', 49),
    ('50', '塔塔尔族', 'TT', 50),
    ('51', '独龙族', 'DR', 51),
    ('52', '鄂伦春族', 'OR', 52),
    ('53', '赫哲族', 'HZ', 53),
    ('54', '门巴族', 'MB', 54),
    ('55', '珞巴族', 'LB', 55),
    ('56', '基诺族', 'JN', 56),
    ('97', '其他', NULL, 57),
    ('98', '外国血统中国籍人士', NULL, 58);

-- GB/T 4658-2006 学历代码.  The X0 rows are the levels, the others the exits
-- (毕业, 结业, 肄业); parent ties each to its level.  The 2006 edition files
-- 技工学校 under 40 中等职业教育 (47-49) and has no 50; 71/73 and 81/83 are as
-- the standard numbers them.
CREATE TABLE code.education (
    code   text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    parent text REFERENCES code.education (code)
);
INSERT INTO code.education (code, name, parent, sort) VALUES
    ('10', '研究生教育', NULL, 1),
    ('11', '博士研究生毕业', '10', 2),
    ('12', '博士研究生结业', '10', 3),
    ('13', '博士研究生肄业', '10', 4),
    ('14', '硕士研究生毕业', '10', 5),
    ('15', '硕士研究生结业', '10', 6),
    ('16', '硕士研究生肄业', '10', 7),
    ('17', '研究生班毕业', '10', 8),
    ('18', '研究生班结业', '10', 9),
    ('19', '研究生班肄业', '10', 10),
    ('20', '大学本科教育', NULL, 11),
    ('21', '大学本科毕业', '20', 12),
    ('22', '大学本科结业', '20', 13),
    ('23', '大学本科肄业', '20', 14),
    ('28', '大学普通班毕业', '20', 15),
    ('30', '大学专科教育', NULL, 16),
    ('31', '大学专科毕业', '30', 17),
    ('32', '大学专科结业', '30', 18),
    ('33', '大学专科肄业', '30', 19),
    ('40', '中等职业教育', NULL, 20),
    ('41', '中等专科毕业', '40', 21),
    ('42', '中等专科结业', '40', 22),
    ('43', '中等专科肄业', '40', 23),
    ('44', '职业高中毕业', '40', 24),
    ('45', '职业高中结业', '40', 25),
    ('46', '职业高中肄业', '40', 26),
    ('47', '技工学校毕业', '40', 27),
    ('48', '技工学校结业', '40', 28),
    ('49', '技工学校肄业', '40', 29),
    ('60', '普通高级中学教育', NULL, 30),
    ('61', '普通高中毕业', '60', 31),
    ('62', '普通高中结业', '60', 32),
    ('63', '普通高中肄业', '60', 33),
    ('70', '初级中学教育', NULL, 34),
    ('71', '初中毕业', '70', 35),
    ('73', '初中肄业', '70', 36),
    ('80', '小学教育', NULL, 37),
    ('81', '小学毕业', '80', 38),
    ('83', '小学肄业', '80', 39),
    ('90', '其他', NULL, 40);

-- GB/T 6864-2003 中华人民共和国学位代码: 1 名誉博士; 2 博士, 3 硕士, 4 学士, each
-- with its discipline (X01-X12) and professional degrees (X4x, X5x) as the
-- standard numbers them.  213/313/413 艺术学 are the one extension: 艺术学
-- became the 13th discipline in 2011, after this edition, and the codes follow
-- the standard's pattern.
CREATE TABLE code.degree (
    code   text PRIMARY KEY CHECK (code ~ '^[1-4]([0-9]{2})?$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true,
    parent text REFERENCES code.degree (code)
);
INSERT INTO code.degree (code, name, parent, sort) VALUES
    ('1', '名誉博士', NULL, 1),
    ('2', '博士', NULL, 2),
    ('201', '哲学博士学位', '2', 3),
    ('202', '经济学博士学位', '2', 4),
    ('203', '法学博士学位', '2', 5),
    ('204', '教育学博士学位', '2', 6),
    ('205', '文学博士学位', '2', 7),
    ('206', '历史学博士学位', '2', 8),
    ('207', '理学博士学位', '2', 9),
    ('208', '工学博士学位', '2', 10),
    ('209', '农学博士学位', '2', 11),
    ('210', '医学博士学位', '2', 12),
    ('211', '军事学博士学位', '2', 13),
    ('212', '管理学博士学位', '2', 14),
    ('213', '艺术学博士学位', '2', 15),
    ('245', '临床医学博士专业学位', '2', 16),
    ('248', '兽医博士专业学位', '2', 17),
    ('250', '口腔医学博士专业学位', '2', 18),
    ('3', '硕士', NULL, 19),
    ('301', '哲学硕士学位', '3', 20),
    ('302', '经济学硕士学位', '3', 21),
    ('303', '法学硕士学位', '3', 22),
    ('304', '教育学硕士学位', '3', 23),
    ('305', '文学硕士学位', '3', 24),
    ('306', '历史学硕士学位', '3', 25),
    ('307', '理学硕士学位', '3', 26),
    ('308', '工学硕士学位', '3', 27),
    ('309', '农学硕士学位', '3', 28),
    ('310', '医学硕士学位', '3', 29),
    ('311', '军事学硕士学位', '3', 30),
    ('312', '管理学硕士学位', '3', 31),
    ('313', '艺术学硕士学位', '3', 32),
    ('341', '法律硕士专业学位', '3', 33),
    ('342', '教育硕士专业学位', '3', 34),
    ('343', '工程硕士专业学位', '3', 35),
    ('344', '建筑学硕士专业学位', '3', 36),
    ('345', '临床医学硕士专业学位', '3', 37),
    ('346', '工商管理硕士专业学位', '3', 38),
    ('347', '农业推广硕士专业学位', '3', 39),
    ('348', '兽医硕士专业学位', '3', 40),
    ('349', '公共管理硕士专业学位', '3', 41),
    ('350', '口腔医学硕士专业学位', '3', 42),
    ('351', '公共卫生硕士专业学位', '3', 43),
    ('352', '军事硕士专业学位', '3', 44),
    ('4', '学士', NULL, 45),
    ('401', '哲学学士学位', '4', 46),
    ('402', '经济学学士学位', '4', 47),
    ('403', '法学学士学位', '4', 48),
    ('404', '教育学学士学位', '4', 49),
    ('405', '文学学士学位', '4', 50),
    ('406', '历史学学士学位', '4', 51),
    ('407', '理学学士学位', '4', 52),
    ('408', '工学学士学位', '4', 53),
    ('409', '农学学士学位', '4', 54),
    ('410', '医学学士学位', '4', 55),
    ('411', '军事学学士学位', '4', 56),
    ('412', '管理学学士学位', '4', 57),
    ('413', '艺术学学士学位', '4', 58),
    ('444', '建筑学学士专业学位', '4', 59);

-- GB/T 4762-1984 政治面貌代码: name is the short form screens show,
-- full_name the standard's wording.
CREATE TABLE code.political_status (
    code      text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name      text NOT NULL,
    sort      smallint NOT NULL,
    in_use    boolean NOT NULL DEFAULT true,
    full_name text NOT NULL
);
INSERT INTO code.political_status (code, name, full_name, sort) VALUES
    ('01', '中共党员', '中国共产党党员', 1),
    ('02', '中共预备党员', '中国共产党预备党员', 2),
    ('03', '共青团员', '中国共产主义青年团团员', 3),
    ('04', '民革会员', '中国国民党革命委员会会员', 4),
    ('05', '民盟盟员', '中国民主同盟盟员', 5),
    ('06', '民建会员', '中国民主建国会会员', 6),
    ('07', '民进会员', '中国民主促进会会员', 7),
    ('08', '农工党党员', '中国农工民主党党员', 8),
    ('09', '致公党党员', '中国致公党党员', 9),
    ('10', '九三学社社员', '九三学社社员', 10),
    ('11', '台盟盟员', '台湾民主自治同盟盟员', 11),
    ('12', '无党派人士', '无党派民主人士', 12),
    ('13', '群众', '群众', 13);

-- GB/T 2260 中华人民共和国行政区划代码, province level: the first two digits
-- of an area code, and of a citizen ID number (GB 11643).
CREATE TABLE code.province (
    code   text PRIMARY KEY CHECK (code ~ '^[1-9][0-9]$'),
    name   text NOT NULL,
    sort   smallint NOT NULL,
    in_use boolean NOT NULL DEFAULT true
);
INSERT INTO code.province (code, name, sort) VALUES
    ('11', '北京市', 1),
    ('12', '天津市', 2),
    ('13', '河北省', 3),
    ('14', '山西省', 4),
    ('15', '内蒙古自治区', 5),
    ('21', '辽宁省', 6),
    ('22', '吉林省', 7),
    ('23', '黑龙江省', 8),
    ('31', '上海市', 9),
    ('32', '江苏省', 10),
    ('33', '浙江省', 11),
    ('34', '安徽省', 12),
    ('35', '福建省', 13),
    ('36', '江西省', 14),
    ('37', '山东省', 15),
    ('41', '河南省', 16),
    ('42', '湖北省', 17),
    ('43', '湖南省', 18),
    ('44', '广东省', 19),
    ('45', '广西壮族自治区', 20),
    ('46', '海南省', 21),
    ('50', '重庆市', 22),
    ('51', '四川省', 23),
    ('52', '贵州省', 24),
    ('53', '云南省', 25),
    ('54', '西藏自治区', 26),
    ('61', '陕西省', 27),
    ('62', '甘肃省', 28),
    ('63', '青海省', 29),
    ('64', '宁夏回族自治区', 30),
    ('65', '新疆维吾尔自治区', 31),
    ('71', '台湾省', 32),
    ('81', '香港特别行政区', 33),
    ('82', '澳门特别行政区', 34);

INSERT INTO code.registry (kind, label, standard) VALUES
    ('sex', '性别', 'GB/T 2261.1-2003'),
    ('ethnicity', '民族', 'GB/T 3304-1991'),
    ('education', '学历', 'GB/T 4658-2006'),
    ('degree', '学位', 'GB/T 6864-2003'),
    ('political_status', '政治面貌', 'GB/T 4762-1984'),
    ('province', '省（区、市）', 'GB/T 2260-2007');

-- Security for every table of schema code not yet secured (003 repeats this
-- block for its own tables; it is idempotent).
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

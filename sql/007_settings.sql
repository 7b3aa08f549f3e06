-- 007: every configurable number of DOMAIN.md, in one table that the rules read.
--   app.setting(key, num_value | text_value, unit, description, source)
--   app.setting_num(key) -> numeric     app.setting_text(key) -> text
--   app.setting_interval(key) -> interval, for units year, month, day, hour
--     ("one year after D" is D + app.setting_interval('dev.probation'), which is
--     D + interval '1 year': 29 February goes to 28 February).
-- Each raises a clear error for a missing key or a value of the wrong kind, so a
-- rule never silently runs with NULL.  Money is in fen, rates in percent.
-- Changing a value is an UPDATE (audited, later); keys come only from migrations.

CREATE TABLE app.setting (
    key         text COLLATE "C" PRIMARY KEY,
    num_value   numeric,
    text_value  text,
    unit        text NOT NULL,
    description text NOT NULL,
    source      text NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text NOT NULL DEFAULT session_user,
    CONSTRAINT setting_key_format CHECK (key ~ '^[a-z]+(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT setting_unit_known
        CHECK (unit IN ('year', 'month', 'day', 'hour', 'person', 'fen', 'percent', 'text')),
    CONSTRAINT setting_one_value CHECK ((unit = 'text') = (text_value IS NOT NULL)
                                        AND (unit = 'text') = (num_value IS NULL)),
    CONSTRAINT setting_not_negative CHECK (num_value >= 0)
);
SELECT meta.text_checks('app.setting', 'text_value', 50);
SELECT meta.text_checks('app.setting', 'description', 200, true);
SELECT meta.text_checks('app.setting', 'source', 100, true);

CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.setting
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();

CREATE FUNCTION app.setting_num(k text) RETURNS numeric
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s app.setting;
BEGIN
    SELECT * INTO s FROM app.setting WHERE key = k;
    IF NOT FOUND THEN
        RAISE EXCEPTION '缺少设置项 %', k USING ERRCODE = 'no_data_found';
    ELSIF s.num_value IS NULL THEN
        RAISE EXCEPTION '设置项 % 不是数值', k USING ERRCODE = 'data_exception';
    END IF;
    RETURN s.num_value;
END
$$;

CREATE FUNCTION app.setting_text(k text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s app.setting;
BEGIN
    SELECT * INTO s FROM app.setting WHERE key = k;
    IF NOT FOUND THEN
        RAISE EXCEPTION '缺少设置项 %', k USING ERRCODE = 'no_data_found';
    ELSIF s.text_value IS NULL THEN
        RAISE EXCEPTION '设置项 % 不是文字', k USING ERRCODE = 'data_exception';
    END IF;
    RETURN s.text_value;
END
$$;

CREATE FUNCTION app.setting_interval(k text) RETURNS interval
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    s app.setting;
BEGIN
    SELECT * INTO s FROM app.setting WHERE key = k;
    IF NOT FOUND THEN
        RAISE EXCEPTION '缺少设置项 %', k USING ERRCODE = 'no_data_found';
    ELSIF s.unit NOT IN ('year', 'month', 'day', 'hour') THEN
        RAISE EXCEPTION '设置项 % 不是时间长度', k USING ERRCODE = 'data_exception';
    END IF;
    RETURN s.num_value * CASE s.unit WHEN 'year' THEN interval '1 year'
                                     WHEN 'month' THEN interval '1 month'
                                     WHEN 'day' THEN interval '1 day'
                                     ELSE interval '1 hour' END;
END
$$;

INSERT INTO app.setting (key, num_value, text_value, unit, description, source) VALUES
-- 发展党员
('dev.min_age', 18, NULL, 'year', '申请入党的最低年龄（周岁，按身份证号中的出生日期计算）', '中国共产党章程；发展党员工作细则（2014）'),
('dev.talk_within', 1, NULL, 'month', '收到入党申请书后派人谈话的期限', '发展党员工作细则（2014）'),
('dev.applicant_wait', 0, NULL, 'month', '申请人列为入党积极分子前的最短时间（本地做法，全国无下限）', '本地做法（可配置）'),
('dev.contacts_min', 1, NULL, 'person', '培养联系人最少人数（正式党员）', '发展党员工作细则（2014）'),
('dev.contacts_max', 2, NULL, 'person', '培养联系人最多人数（正式党员）', '发展党员工作细则（2014）'),
('dev.activist_min', 1, NULL, 'year', '入党积极分子经过培养教育考察、列为发展对象前的最短时间', '发展党员工作细则（2014）'),
('dev.activist_review', 6, NULL, 'month', '党支部对入党积极分子进行考察的间隔', '发展党员工作细则（2014）'),
('dev.sponsors', 2, NULL, 'person', '入党介绍人人数（正式党员）', '中国共产党章程；发展党员工作细则（2014）'),
('dev.training_days', 3, NULL, 'day', '发展对象集中培训的最短时间（天）', '发展党员工作细则（2014）'),
('dev.training_hours', 24, NULL, 'hour', '发展对象集中培训的最少学时（与天数二者满足其一）', '发展党员工作细则（2014）'),
('dev.approval_within', 3, NULL, 'month', '上级党委自支部大会通过之日起审批接收预备党员的期限', '发展党员工作细则（2014）'),
('dev.approval_within_special', 6, NULL, 'month', '特殊情况下审批接收预备党员的最长期限', '发展党员工作细则（2014）'),
('dev.probation', 1, NULL, 'year', '预备期，自支部大会通过之日起计算', '中国共产党章程'),
('dev.extension_min', 6, NULL, 'month', '延长预备期的最短时间（只能延长一次）', '中国共产党章程；发展党员工作细则（2014）'),
('dev.extension_max', 12, NULL, 'month', '延长预备期的最长时间（只能延长一次）', '中国共产党章程；发展党员工作细则（2014）'),
('dev.full_approval_within', 3, NULL, 'month', '上级党委自预备期满之日起审批转正的期限', '发展党员工作细则（2014）'),
-- 党组织
('org.branch_min', 3, NULL, 'person', '党支部最少正式党员人数（提示，不阻止）', '中国共产党支部工作条例（试行）'),
('org.branch_max', 50, NULL, 'person', '党支部党员人数一般不超过（提示，不阻止）', '中国共产党支部工作条例（试行）'),
('org.branch_committee_at', 7, NULL, 'person', '正式党员达到此数的党支部应设支部委员会', '中国共产党支部工作条例（试行）'),
('org.branch_committee_min', 3, NULL, 'person', '支部委员会一般最少委员人数', '中国共产党支部工作条例（试行）'),
('org.branch_committee_max', 5, NULL, 'person', '支部委员会一般最多委员人数', '中国共产党支部工作条例（试行）'),
('org.branch_committee_limit', 7, NULL, 'person', '支部委员会委员人数上限', '中国共产党支部工作条例（试行）'),
('org.committee_members', 100, NULL, 'person', '设立基层党委一般应有的党员人数（提示，不阻止）', '中国共产党章程；基层组织工作条例'),
-- 组织关系转接
('transfer.letter_days_city', 10, NULL, 'day', '市内转接介绍信的一般有效期', '本地做法（可配置，每封介绍信可改）'),
('transfer.letter_days_outside', 30, NULL, 'day', '转往外省（区、市）介绍信的一般有效期', '本地做法（可配置，每封介绍信可改）'),
('transfer.letter_max', 3, NULL, 'month', '介绍信有效期的上限', '本地做法（可配置）'),
('transfer.receipt_within', 1, NULL, 'month', '接收方党组织寄回回执的期限', '党员组织关系转接规定'),
-- 换届选举
('election.term_committee', 5, NULL, 'year', '基层党委每届任期', '中国共产党章程；基层组织选举工作条例'),
('election.term_branch', 3, NULL, 'year', '党总支部、党支部每届任期', '中国共产党章程；基层组织选举工作条例'),
('election.term_village', 5, NULL, 'year', '村、社区党组织每届任期', '中国共产党章程；基层组织选举工作条例'),
('election.shift_max', 1, NULL, 'year', '经上级批准提前或延期换届的最长时间', '基层组织选举工作条例'),
('election.remind_first', 6, NULL, 'month', '届满前第一次提醒', '本地做法（可配置）'),
('election.remind_second', 1, NULL, 'month', '届满前第二次提醒', '本地做法（可配置）'),
('election.remind_every', 1, NULL, 'month', '届满未换届时此后每隔多久提醒一次', '本地做法（可配置）'),
('election.quorum', 80, NULL, 'percent', '选举时到会有选举权的党员须超过应到会人数的百分比', '基层组织选举工作条例'),
-- 党费（金额以分计，比例以百分数计；基数为税后月工资收入的固定部分）
('dues.work_band1_max', 300000, NULL, 'fen', '在职党员第一档基数上限（3000元，含）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.work_band1_rate', 0.5, NULL, 'percent', '在职党员第一档交纳比例', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.work_band2_max', 500000, NULL, 'fen', '在职党员第二档基数上限（5000元，含）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.work_band2_rate', 1.0, NULL, 'percent', '在职党员第二档交纳比例', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.work_band3_max', 1000000, NULL, 'fen', '在职党员第三档基数上限（10000元，含）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.work_band3_rate', 1.5, NULL, 'percent', '在职党员第三档交纳比例', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.work_top_rate', 2.0, NULL, 'percent', '在职党员基数超过第三档上限时的交纳比例', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.retired_band1_max', 500000, NULL, 'fen', '离退休党员第一档基数上限（5000元，含）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.retired_band1_rate', 0.5, NULL, 'percent', '离退休党员第一档交纳比例', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.retired_top_rate', 1.0, NULL, 'percent', '离退休党员基数超过第一档上限时的交纳比例', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.farmer_min', 20, NULL, 'fen', '农民党员每月交纳党费下限（0.2元）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.farmer_max', 100, NULL, 'fen', '农民党员每月交纳党费上限（1元）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.minimal', 20, NULL, 'fen', '学生、下岗失业、领取最低生活保障金的党员每月交纳党费（0.2元）', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.back_pay_max', 6, NULL, 'month', '补交党费最多补交的月数', '关于中国共产党党费收缴、使用和管理的规定（2008）'),
('dues.round_unit', 1, NULL, 'fen', '党费金额取整的单位（1分）', '本地做法（可配置）'),
('dues.round_mode', NULL, 'half_up', 'text', '党费取整方式：half_up 四舍五入、up 进位、down 舍去', '本地做法（可配置）'),
-- 党员
('member.lapse', 6, NULL, 'month', '无正当理由连续不参加组织生活、不交纳党费或不做党所分配工作，视为自行脱党的期限', '中国共产党章程 第九条'),
('member.lapse_warn', 1, NULL, 'month', '在视为自行脱党之前多久开始提醒', '本地做法（可配置）'),
('member.abroad_study_max', 5, NULL, 'year', '出国（境）学习研究超过此年限未归，可停止党籍', '中国共产党党员教育管理工作条例');

ALTER TABLE app.setting ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON app.setting TO {owner} USING (true) WITH CHECK (true)');

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;

-- 040: writing a member's file (manual 1.9): the add-member wizard, the tabs'
-- rows, 基本信息, 出党 / 死亡 / 停止党籍 and the administrator's restore.
--
--   * app.form_field: every form's fields (the wizard's pages person,
--     membership, transfer, and each record set), with label, kind, code
--     table, required, length; src/model/record_form.c holds the same list
--     and tests/db/test_records.c checks that they agree.
--   * app.form_values(form, fields jsonb, partial): checks the values a form
--     sends (codes exist, dates are dates from 1900 and not after today unless
--     the field allows it, lengths, no control characters, ID numbers by
--     app.citizen_id_problem) and returns them cleaned (trimmed, "" -> null,
--     dates YYYY-MM-DD, "#" -> null).  app.form_check(form, fields) is the
--     same for a page of the wizard.  Refusals are SQLSTATE DJ002 with a
--     Chinese message that names the field (the error's COLUMN too).
--   * The writes, SECURITY INVOKER (row-level security and the column grants
--     decide): app.member_add (the wizard, one transaction), app.person_get /
--     app.person_update (基本信息), app.record_get / record_add /
--     record_update / record_delete (the tabs; org_relation refused).
--     Updates and deletes carry the version the clerk loaded; a different
--     version is refused with SQLSTATE DJ001 naming who saved and when
--     (updated_by, updated_at in the session's time zone, to the minute).
--     Rows are locked FOR UPDATE first, so of two concurrent saves the second
--     waits and then sees the first one's version.
--   * Leaving the roll, SECURITY DEFINER (clerks have no grant on the history
--     columns any more), for the writing levels only, scope checked here:
--     app.member_leave (出党, code.exit_kind), app.member_death,
--     app.member_suspend (停止党籍, code.suspend_reason); each sets the
--     history columns, closes the open 组织关系 row on that date and writes
--     a 党籍信息 row.  app.member_restore: administrators only (app.i_am_admin),
--     with a reason (audit.note), reopens the 组织关系 row; 转出本市 is undone
--     by a transfer, not here.
--   * ID numbers: trigger b15_id_unique refuses a number registered to
--     someone else before the unique index does: within the clerk's scope it
--     names the person (constraint person_id_number_in_scope), outside it says
--     only that the number is registered (constraint person_id_number_key,
--     the unique index's own name, which src/db/error_table.c maps to the
--     same words; so does a role that is no clerk, the superuser included).
--   * Not found and out of scope are the same refusal (DJ004).
-- SQLSTATEs: DJ001 stale version, DJ002 a field's value, DJ003 not allowed
-- (a rule of the workflow), DJ004 not found.

-- ---------------------------------------------------------------------------
-- The forms.
CREATE VIEW app.form_field WITH (security_invoker = true) AS
SELECT v.form, v.field, v.sort, v.label, v.kind, v.code_kind, v.choices, v.required, v.max_chars,
       v.multiline, v.future_ok
  FROM (VALUES
    ('person', 'name', 1, '姓名', 'text', NULL, NULL, true, 50, false, false),
    ('person', 'sex', 2, '性别', 'code', 'sex', NULL, true, 0, false, false),
    ('person', 'ethnicity', 3, '民族', 'code', 'ethnicity', NULL, false, 0, false, false),
    ('person', 'birth_date', 4, '出生日期', 'date', NULL, NULL, false, 0, false, false),
    ('person', 'id_number', 5, '身份证号', 'id_number', NULL, NULL, false, 18, false, false),
    ('person', 'native_place', 6, '籍贯', 'text', NULL, NULL, false, 50, false, false),
    ('person', 'education', 7, '学历', 'code', 'education', NULL, false, 0, false, false),
    ('person', 'degree', 8, '学位', 'code', 'degree', NULL, false, 0, false, false),
    ('person', 'political_status', 9, '政治面貌', 'code', 'political_status', NULL, false, 0, false, false),
    ('person', 'joined_work_on', 10, '参加工作日期', 'date', NULL, NULL, false, 0, false, false),
    ('person', 'phone', 11, '联系电话', 'text', NULL, NULL, false, 30, false, false),
    ('person', 'address', 12, '家庭住址', 'text', NULL, NULL, false, 200, false, false),
    ('person', 'person_category', 13, '工作岗位', 'code', 'person_category', NULL, false, 0, false, false),
    ('membership', 'stage', 1, '人员类别', 'code', 'stage', NULL, true, 0, false, false),
    ('membership', 'joined_party_on', 2, '入党日期', 'date', NULL, NULL, true, 0, false, false),
    ('membership', 'became_full_on', 3, '转正日期', 'date', NULL, NULL, false, 0, false, false),
    ('membership', 'approval_doc', 4, '批准文号', 'text', NULL, NULL, false, 50, false, false),
    ('membership', 'note', 5, '说明', 'text', NULL, NULL, false, 500, true, false),
    ('transfer', 'org_name', 1, '原所在党组织', 'text', NULL, NULL, false, 100, false, false),
    ('transfer', 'from_date', 2, '转入日期', 'date', NULL, NULL, false, 0, false, false),
    ('transfer', 'transfer_kind', 3, '转接类型', 'code', 'transfer_kind', NULL, false, 0, false, false),
    ('transfer', 'note', 4, '备注', 'text', NULL, NULL, false, 200, true, false),
    ('education', 'education', 1, '学历', 'code', 'education', NULL, false, 0, false, false),
    ('education', 'degree', 2, '学位', 'code', 'degree', NULL, false, 0, false, false),
    ('education', 'school', 3, '毕业院校', 'text', NULL, NULL, false, 100, false, false),
    ('education', 'major', 4, '专业', 'text', NULL, NULL, false, 100, false, false),
    ('education', 'full_time', 5, '学习形式', 'bool', NULL, 't=全日制;f=在职', false, 0, false, false),
    ('education', 'from_date', 6, '入学日期', 'date', NULL, NULL, false, 0, false, false),
    ('education', 'to_date', 7, '毕业日期', 'date', NULL, NULL, false, 0, false, false),
    ('job', 'unit_name', 1, '工作单位', 'text', NULL, NULL, true, 100, false, false),
    ('job', 'unit_nature', 2, '单位性质', 'code', 'unit_nature', NULL, false, 0, false, false),
    ('job', 'person_category', 3, '工作岗位', 'code', 'person_category', NULL, false, 0, false, false),
    ('job', 'post', 4, '职务', 'text', NULL, NULL, false, 50, false, false),
    ('job', 'from_date', 5, '开始日期', 'date', NULL, NULL, false, 0, false, false),
    ('job', 'to_date', 6, '结束日期', 'date', NULL, NULL, false, 0, false, false),
    ('post', 'party_post', 1, '党内职务', 'code', 'party_post', NULL, true, 0, false, false),
    ('post', 'org_id', 2, '任职组织', 'org', NULL, NULL, false, 0, false, false),
    ('post', 'org_name', 3, '任职组织名称', 'text', NULL, NULL, false, 100, false, false),
    ('post', 'from_date', 4, '任职日期', 'date', NULL, NULL, true, 0, false, false),
    ('post', 'to_date', 5, '免职日期', 'date', NULL, NULL, false, 0, false, false),
    ('post', 'approval_doc', 6, '批准文号', 'text', NULL, NULL, false, 50, false, false),
    ('post', 'note', 7, '备注', 'text', NULL, NULL, false, 200, true, false),
    ('tech_title', 'title', 1, '专业技术职务', 'code', 'tech_title', NULL, true, 0, false, false),
    ('tech_title', 'qualified_on', 2, '取得资格日期', 'date', NULL, NULL, false, 0, false, false),
    ('tech_title', 'unit_name', 3, '聘任单位', 'text', NULL, NULL, false, 100, false, false),
    ('tech_title', 'from_date', 4, '聘任起始', 'date', NULL, NULL, false, 0, false, false),
    ('tech_title', 'to_date', 5, '聘任终止', 'date', NULL, NULL, false, 0, false, false),
    ('standing', 'event', 1, '事项', 'choice', NULL,
     'join=接收为预备党员;full=转为正式党员;extend=延长预备期;cancel=取消预备党员资格;'
     'suspend=停止党籍;restore=恢复党籍;note=其他党籍说明', true, 0, false, false),
    ('standing', 'event_date', 2, '日期', 'date', NULL, NULL, true, 0, false, false),
    ('standing', 'until_date', 3, '截止日期', 'date', NULL, NULL, false, 0, false, true),
    ('standing', 'approved_on', 4, '批准日期', 'date', NULL, NULL, false, 0, false, false),
    ('standing', 'approval_doc', 5, '批准文号', 'text', NULL, NULL, false, 50, false, false),
    ('standing', 'note', 6, '说明', 'text', NULL, NULL, false, 500, true, false),
    ('org_relation', 'org_name', 1, '党组织', 'text', NULL, NULL, true, 100, false, false),
    ('org_relation', 'from_date', 2, '转入日期', 'date', NULL, NULL, true, 0, false, false),
    ('org_relation', 'to_date', 3, '转出日期', 'date', NULL, NULL, false, 0, false, false),
    ('org_relation', 'transfer_kind', 4, '转接类型', 'code', 'transfer_kind', NULL, false, 0, false, false),
    ('org_relation', 'note', 5, '备注', 'text', NULL, NULL, false, 200, true, false),
    ('dev_step', 'step', 1, '步骤', 'code', 'dev_step', NULL, true, 0, false, false),
    ('dev_step', 'step_date', 2, '日期', 'date', NULL, NULL, true, 0, false, false),
    ('dev_step', 'detail', 3, '说明', 'text', NULL, NULL, false, 500, true, false),
    ('appraisal', 'year', 1, '年度', 'int', NULL, NULL, true, 0, false, false),
    ('appraisal', 'result', 2, '评议结果', 'code', 'appraisal', NULL, true, 0, false, false),
    ('appraisal', 'note', 3, '备注', 'text', NULL, NULL, false, 200, true, false),
    ('reward', 'kind', 1, '类别', 'code', 'reward_kind', NULL, true, 0, false, false),
    ('reward', 'title', 2, '名称', 'text', NULL, NULL, false, 100, false, false),
    ('reward', 'reward_date', 3, '日期', 'date', NULL, NULL, true, 0, false, false),
    ('reward', 'reason', 4, '事由', 'text', NULL, NULL, false, 500, true, false),
    ('reward', 'approved_by', 5, '批准机关', 'text', NULL, NULL, false, 100, false, false),
    ('reward', 'approval_doc', 6, '批准文号', 'text', NULL, NULL, false, 50, false, false))
    AS v(form, field, sort, label, kind, code_kind, choices, required, max_chars, multiline,
         future_ok);
REVOKE ALL ON app.form_field FROM PUBLIC;
SELECT meta.ddl('GRANT SELECT ON app.form_field TO {clerk}, {owner}');

-- Pairs of dates of one form that must come in order: later >= earlier
-- (after: later > earlier).
CREATE VIEW app.form_date_order WITH (security_invoker = true) AS
SELECT v.form, v.earlier, v.later, v.after
  FROM (VALUES
    ('person', 'birth_date', 'joined_work_on', true),
    ('membership', 'joined_party_on', 'became_full_on', false),
    ('education', 'from_date', 'to_date', false),
    ('job', 'from_date', 'to_date', false),
    ('post', 'from_date', 'to_date', false),
    ('tech_title', 'from_date', 'to_date', false),
    ('tech_title', 'qualified_on', 'to_date', false),
    ('standing', 'event_date', 'until_date', true),
    ('standing', 'event_date', 'approved_on', false)) AS v(form, earlier, later, after);
REVOKE ALL ON app.form_date_order FROM PUBLIC;
SELECT meta.ddl('GRANT SELECT ON app.form_date_order TO {clerk}, {owner}');

-- ---------------------------------------------------------------------------
-- Refusals.
CREATE FUNCTION app.refuse_field(form text, col text, msg text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION '%', msg USING ERRCODE = 'DJ002', SCHEMA = 'app',
        TABLE = CASE form WHEN 'membership' THEN 'person' WHEN 'history' THEN 'person'
                          WHEN 'transfer' THEN 'org_relation' ELSE coalesce(form, '') END,
        COLUMN = coalesce(col, ''), CONSTRAINT = coalesce(form, '') || '.' || coalesce(col, '');
END
$$;

-- Someone saved the row after the clerk loaded it.
CREATE FUNCTION app.refuse_stale(what text, who text, at timestamptz) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION '%已由 % 于 % 修改并保存，您的修改没有保存。您填写的内容仍在表单中，请记下后关闭表单，重新打开看过对方的修改再改',
        what, who, to_char(at, 'YYYY-MM-DD HH24:MI')
        USING ERRCODE = 'DJ001', SCHEMA = 'app';
END
$$;

CREATE FUNCTION app.refuse_not_found(what text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION '%不存在或不在您的管理范围内（可能已被他人删除），请刷新后再试', what
        USING ERRCODE = 'DJ004', SCHEMA = 'app';
END
$$;

-- ---------------------------------------------------------------------------
-- Checking a form's values.
CREATE FUNCTION app.form_date(form text, col text, label text, v text, future_ok boolean)
    RETURNS date
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    m text[];
    d date;
BEGIN
    m := regexp_match(v, '^([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})$');
    IF m IS NULL THEN
        m := regexp_match(v, '^([0-9]{4})([0-9]{2})([0-9]{2})$');
    END IF;
    IF m IS NULL THEN
        PERFORM app.refuse_field(form, col, format('%s“%s”不是日期，应为 年-月-日，如 2024-07-01', label, v));
    END IF;
    BEGIN
        d := make_date(m[1]::integer, m[2]::integer, m[3]::integer);
    EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
        PERFORM app.refuse_field(form, col, format('%s“%s”不是有效的日期（没有这一天）', label, v));
    END;
    IF d < date '1900-01-01' THEN
        PERFORM app.refuse_field(form, col, format('%s“%s”早于1900年，请核对', label, v));
    ELSIF NOT future_ok AND d > current_date THEN
        PERFORM app.refuse_field(form, col, format('%s“%s”晚于今天，请核对', label, v));
    ELSIF d > date '2200-12-31' THEN
        PERFORM app.refuse_field(form, col, format('%s“%s”超出范围，请核对', label, v));
    END IF;
    RETURN d;
END
$$;

CREATE FUNCTION app.form_values(form text, fields jsonb, partial boolean) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tbl  text := form;
    f    record;
    k    text;
    v    text;
    t    text;
    ctrl text;
    vals jsonb := '{}';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM app.form_field ff WHERE ff.form = form_values.form) THEN
        RAISE EXCEPTION '未知的表单“%”', form USING ERRCODE = 'invalid_parameter_value';
    END IF;
    fields := coalesce(fields, '{}');
    IF jsonb_typeof(fields) <> 'object' THEN
        RAISE EXCEPTION '表单内容格式不正确' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR k IN SELECT jsonb_object_keys(fields) LOOP
        IF NOT EXISTS (SELECT 1 FROM app.form_field ff WHERE ff.form = form_values.form AND ff.field = k) THEN
            RAISE EXCEPTION '表单“%”没有“%”这一项', form, k USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;

    FOR f IN SELECT * FROM app.form_field ff WHERE ff.form = form_values.form ORDER BY ff.sort LOOP
        IF NOT fields ? f.field THEN
            IF f.required AND NOT partial THEN
                PERFORM app.refuse_field(tbl, f.field, format('%s是必填项，请填写', f.label));
            END IF;
            CONTINUE;
        END IF;
        IF jsonb_typeof(fields -> f.field) NOT IN ('string', 'null', 'number', 'boolean') THEN
            RAISE EXCEPTION '“%”的值格式不正确', f.label USING ERRCODE = 'invalid_parameter_value';
        END IF;
        v := fields ->> f.field;
        v := nullif(btrim(v, E' \t\r\n\u3000'), '');
        IF v IS NULL THEN
            IF f.required THEN
                PERFORM app.refuse_field(tbl, f.field, format('%s是必填项，请填写', f.label));
            END IF;
            vals := vals || jsonb_build_object(f.field, NULL);
            CONTINUE;
        END IF;
        CASE f.kind
        WHEN 'text' THEN
            ctrl := CASE WHEN f.multiline THEN '[\x01-\x09\x0b-\x1f\x7f-\x9f]'
                         ELSE '[\x01-\x1f\x7f-\x9f]' END;
            IF v ~ ctrl THEN
                PERFORM app.refuse_field(tbl, f.field,
                    format('%s含有%s，请删去', f.label,
                           CASE WHEN NOT f.multiline AND v ~ '[\r\n]' THEN '换行' ELSE '控制字符' END));
            END IF;
            IF char_length(v) > f.max_chars THEN
                PERFORM app.refuse_field(tbl, f.field,
                    format('%s最多%s个字，现在是%s个字，请缩短', f.label, f.max_chars, char_length(v)));
            END IF;
        WHEN 'date' THEN
            v := to_char(app.form_date(tbl, f.field, f.label, v, f.future_ok), 'YYYY-MM-DD');
        WHEN 'code' THEN
            IF NOT EXISTS (SELECT 1 FROM code.all_codes c WHERE c.kind = f.code_kind AND c.code = v) THEN
                PERFORM app.refuse_field(tbl, f.field,
                    format('%s代码“%s”不存在，请从列表中选择', f.label, v));
            END IF;
        WHEN 'choice' THEN
            IF NOT v = ANY (SELECT split_part(c, '=', 1) FROM unnest(string_to_array(f.choices, ';')) AS c) THEN
                PERFORM app.refuse_field(tbl, f.field, format('%s“%s”不是可选的值，请从列表中选择', f.label, v));
            END IF;
        WHEN 'bool' THEN
            t := lower(v);
            v := CASE WHEN t IN ('t', 'true', '1', 'y', 'yes', '是') THEN 't'
                      WHEN t IN ('f', 'false', '0', 'n', 'no', '否') THEN 'f' END;
            IF v IS NULL THEN
                PERFORM app.refuse_field(tbl, f.field, format('%s只能选择“是”或“否”之一', f.label));
            END IF;
        WHEN 'int' THEN
            IF v !~ '^-?[0-9]{1,9}$' THEN
                PERFORM app.refuse_field(tbl, f.field, format('%s“%s”应为整数', f.label, v));
            END IF;
        WHEN 'org' THEN
            IF v !~ '^[0-9]{1,18}$' OR NOT EXISTS (SELECT 1 FROM app.org o WHERE o.id = v::bigint) THEN
                PERFORM app.refuse_field(tbl, f.field,
                    format('%s不存在或不在您的管理范围内；范围外的组织请只填写名称', f.label));
            END IF;
        WHEN 'id_number' THEN
            v := upper(regexp_replace(v, '[\s\u3000]', '', 'g'));
            IF v = '#' THEN
                v := NULL;
            ELSE
                t := app.citizen_id_problem(v);
                IF t IS NOT NULL THEN
                    PERFORM app.refuse_field(tbl, f.field, t);
                END IF;
            END IF;
        END CASE;
        vals := vals || jsonb_build_object(f.field, v);
    END LOOP;
    RETURN vals;
END
$$;

-- The checks across the fields of one row (vals: the whole row after the
-- change, stored and changed values merged).
CREATE FUNCTION app.form_cross_check(form text, vals jsonb) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    tbl  text := form;
    o    record;
    e    date;
    l    date;
    born date;
    id   text := vals ->> 'id_number';
    sex  text;
BEGIN
    FOR o IN SELECT d.*, fe.label AS e_label, fl.label AS l_label
               FROM app.form_date_order d
               JOIN app.form_field fe ON fe.form = d.form AND fe.field = d.earlier
               JOIN app.form_field fl ON fl.form = d.form AND fl.field = d.later
              WHERE d.form = form_cross_check.form
                 OR (form_cross_check.form = 'person' AND d.form = 'membership') LOOP
        e := (vals ->> o.earlier)::date;
        l := (vals ->> o.later)::date;
        IF l < e OR (o.after AND l = e) THEN
            PERFORM app.refuse_field(o.form, o.later,
                format('%s（%s）%s%s（%s）', o.l_label, l, CASE WHEN o.after THEN '应晚于' ELSE '不能早于' END,
                       o.e_label, e));
        END IF;
    END LOOP;

    IF form IN ('person', 'membership') THEN
        born := (vals ->> 'birth_date')::date;
        IF id IS NOT NULL AND id ~ '^[0-9]{17}[0-9X]$' THEN
            IF born IS NOT NULL AND to_char(born, 'YYYYMMDD') <> substr(id, 7, 8) THEN
                PERFORM app.refuse_field('person', 'birth_date',
                    format('出生日期（%s）与身份证号中的出生日期（%s-%s-%s）不符', born, substr(id, 7, 4),
                           substr(id, 11, 2), substr(id, 13, 2)));
            END IF;
            sex := CASE substr(id, 17, 1)::integer % 2 WHEN 1 THEN '1' ELSE '2' END;
            IF vals ->> 'sex' IN ('1', '2') AND vals ->> 'sex' <> sex THEN
                PERFORM app.refuse_field('person', 'sex',
                    format('性别与身份证号不符：身份证号第17位表示%s', CASE sex WHEN '1' THEN '男' ELSE '女' END));
            END IF;
            born := coalesce(born, to_date(substr(id, 7, 8), 'YYYYMMDD'));
        END IF;
        IF (vals ->> 'joined_party_on')::date <= born THEN
            PERFORM app.refuse_field('membership', 'joined_party_on',
                format('入党日期（%s）应晚于出生日期（%s）', vals ->> 'joined_party_on', born));
        END IF;
        IF vals ? 'stage' THEN
            IF vals ->> 'stage' IN ('4', '5') AND vals ->> 'joined_party_on' IS NULL THEN
                PERFORM app.refuse_field('membership', 'joined_party_on', '党员的入党日期不能为空');
            ELSIF vals ->> 'stage' NOT IN ('4', '5') AND vals ->> 'joined_party_on' IS NOT NULL THEN
                PERFORM app.refuse_field('membership', 'joined_party_on',
                    '入党申请人、积极分子和发展对象还没有入党日期，请清空');
            END IF;
            IF vals ->> 'stage' = '5' AND vals ->> 'became_full_on' IS NULL THEN
                PERFORM app.refuse_field('membership', 'became_full_on', '正式党员的转正日期不能为空');
            ELSIF vals ->> 'stage' <> '5' AND vals ->> 'became_full_on' IS NOT NULL THEN
                PERFORM app.refuse_field('membership', 'became_full_on',
                    '预备党员没有转正日期，请清空（转正请办理“转正”）');
            END IF;
        END IF;
    ELSIF form = 'education' THEN
        IF vals ->> 'education' IS NULL AND vals ->> 'degree' IS NULL THEN
            PERFORM app.refuse_field(tbl, 'education', '学历和学位至少填写一项');
        END IF;
    ELSIF form = 'post' THEN
        IF vals ->> 'org_id' IS NULL AND vals ->> 'org_name' IS NULL THEN
            PERFORM app.refuse_field(tbl, 'org_id', '请选择任职组织，或填写任职组织名称');
        END IF;
    ELSIF form = 'appraisal' THEN
        IF (vals ->> 'year')::integer NOT BETWEEN 1921 AND extract(year FROM current_date)::integer THEN
            PERFORM app.refuse_field(tbl, 'year',
                format('年度（%s）应在1921年至今年之间', vals ->> 'year'));
        END IF;
    ELSIF form = 'standing' THEN
        IF vals ->> 'event' = 'extend' AND vals ->> 'until_date' IS NULL THEN
            PERFORM app.refuse_field(tbl, 'until_date', '延长预备期须填写截止日期');
        ELSIF vals ->> 'event' <> 'extend' AND vals ->> 'until_date' IS NOT NULL THEN
            PERFORM app.refuse_field(tbl, 'until_date', '只有“延长预备期”填写截止日期，请清空');
        END IF;
    END IF;
END
$$;

-- A record's dates against its person's birth date.
CREATE FUNCTION app.form_after_birth(form text, vals jsonb, born date) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    f record;
BEGIN
    IF born IS NULL THEN
        RETURN;
    END IF;
    FOR f IN SELECT ff.field, ff.label FROM app.form_field ff
              WHERE ff.form = form_after_birth.form AND ff.kind = 'date' ORDER BY ff.sort LOOP
        IF (vals ->> f.field)::date < born THEN
            PERFORM app.refuse_field(form, f.field,
                format('%s（%s）早于出生日期（%s），请核对', f.label, vals ->> f.field, born));
        END IF;
    END LOOP;
END
$$;

CREATE FUNCTION app.form_check(form text, fields jsonb) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM app.form_cross_check(form, app.form_values(form, fields, false));
END
$$;

-- ---------------------------------------------------------------------------
-- Stored values as a form shows them: (version, field, value) in form order.
CREATE FUNCTION app.form_rows(form text, r jsonb)
    RETURNS TABLE (version integer, field text, value text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT (r ->> 'version')::integer, ff.field, r ->> ff.field
      FROM app.form_field ff
     WHERE ff.form = form_rows.form AND r IS NOT NULL
     ORDER BY ff.sort
$$;

CREATE FUNCTION app.person_get(person bigint)
    RETURNS TABLE (version integer, field text, value text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r jsonb;
BEGIN
    SELECT to_jsonb(p) INTO r FROM app.person p WHERE p.id = person;
    IF r IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT * FROM app.form_rows('person', r)
                 UNION ALL
                 SELECT * FROM app.form_rows('membership', r)
                  WHERE form_rows.field IN ('stage', 'joined_party_on', 'became_full_on');
END
$$;

CREATE FUNCTION app.record_get(record_set text, row_id bigint)
    RETURNS TABLE (version integer, field text, value text)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r jsonb;
BEGIN
    IF record_set NOT IN ('education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                          'dev_step', 'appraisal', 'reward') THEN
        RAISE EXCEPTION 'unknown record set %', record_set USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('SELECT to_jsonb(r) FROM app.%I r WHERE r.id = $1', record_set) INTO r USING row_id;
    RETURN QUERY SELECT * FROM app.form_rows(record_set, r);
END
$$;

-- ---------------------------------------------------------------------------
-- Writing record rows.

-- The person a record belongs to, as the clerk sees them, locked.
CREATE FUNCTION app.record_person(person bigint) RETURNS app.person
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p app.person;
BEGIN
    SELECT * INTO p FROM app.person x WHERE x.id = record_person.person;
    IF NOT FOUND THEN
        PERFORM app.refuse_not_found('该人员');
    END IF;
    IF p.in_transit THEN
        RAISE EXCEPTION '“%”的组织关系正在转接，对方接收或撤销转接之前不能修改', p.name
            USING ERRCODE = 'DJ003';
    END IF;
    RETURN p;
END
$$;

CREATE FUNCTION app.record_writable(record_set text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF record_set = 'org_relation' THEN
        RAISE EXCEPTION '组织关系只能通过组织关系转接办理，不能在这里添加、修改或删除'
            USING ERRCODE = 'DJ003';
    ELSIF record_set IS NULL OR record_set NOT IN ('education', 'job', 'post', 'tech_title', 'standing',
                                                   'dev_step', 'appraisal', 'reward') THEN
        RAISE EXCEPTION 'unknown record set %', record_set USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

-- The one-per-person rules, in words (their unique indexes as a fallback).
CREATE FUNCTION app.record_unique_check(record_set text, person bigint, row_id bigint, vals jsonb)
    RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF record_set = 'dev_step' AND EXISTS (
            SELECT 1 FROM app.dev_step s
             WHERE s.person_id = person AND s.step = vals ->> 'step' AND s.id IS DISTINCT FROM row_id) THEN
        PERFORM app.refuse_field('dev_step', 'step',
            format('“%s”这一步已经登记过，请修改原来的记录',
                   (SELECT c.name FROM code.dev_step c WHERE c.code = vals ->> 'step')));
    ELSIF record_set = 'appraisal' AND EXISTS (
            SELECT 1 FROM app.appraisal a
             WHERE a.person_id = person AND a.year = (vals ->> 'year')::integer
               AND a.id IS DISTINCT FROM row_id) THEN
        PERFORM app.refuse_field('appraisal', 'year',
            format('%s年度的民主评议结果已经登记过，请修改原来的记录', vals ->> 'year'));
    ELSIF record_set = 'standing' AND vals ->> 'event' IN ('join', 'full', 'extend') AND EXISTS (
            SELECT 1 FROM app.standing s
             WHERE s.person_id = person AND s.event = vals ->> 'event' AND s.id IS DISTINCT FROM row_id) THEN
        PERFORM app.refuse_field('standing', 'event',
            format('“%s”只能登记一次，已经登记过，请修改原来的记录',
                   CASE vals ->> 'event' WHEN 'join' THEN '接收为预备党员' WHEN 'full' THEN '转为正式党员'
                                          ELSE '延长预备期' END));
    END IF;
END
$$;

-- Inserts a checked row (vals: app.form_values of the set) for person.
-- Only the form's fields, whoever calls it (the clerk's grants apply too).
CREATE FUNCTION app.record_insert(record_set text, person bigint, vals jsonb) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cols text;
    new_id bigint;
BEGIN
    PERFORM app.record_writable(record_set);
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(vals) AS k
                WHERE NOT EXISTS (SELECT 1 FROM app.form_field ff
                                   WHERE ff.form = record_set AND ff.field = k)) THEN
        RAISE EXCEPTION 'record_insert: a field outside the form %', record_set
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT string_agg(format('%I', k), ', ' ORDER BY k) INTO cols FROM jsonb_object_keys(vals) AS k;
    EXECUTE format('INSERT INTO app.%1$I (person_id, %2$s) SELECT $1, %3$s '
                   'FROM jsonb_populate_record(NULL::app.%1$I, $2) r RETURNING id',
                   record_set, cols,
                   (SELECT string_agg(format('r.%I', k), ', ' ORDER BY k) FROM jsonb_object_keys(vals) AS k))
       INTO new_id USING person, vals;
    RETURN new_id;
END
$$;

CREATE FUNCTION app.record_add(record_set text, person bigint, fields jsonb) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p    app.person;
    vals jsonb;
BEGIN
    PERFORM app.record_writable(record_set);
    p := app.record_person(person);
    vals := app.form_values(record_set, fields, false);
    PERFORM app.form_cross_check(record_set, vals);
    PERFORM app.form_after_birth(record_set, vals, p.birth_date);
    PERFORM app.record_unique_check(record_set, person, NULL, vals);
    RETURN app.record_insert(record_set, person, vals);
END
$$;

-- The row locked, or the refusals: not found, stale.
CREATE FUNCTION app.record_lock(record_set text, row_id bigint, version integer) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    r jsonb;
BEGIN
    EXECUTE format('SELECT to_jsonb(r) FROM app.%I r WHERE r.id = $1 FOR UPDATE', record_set)
       INTO r USING row_id;
    IF r IS NULL THEN
        PERFORM app.refuse_not_found('该记录');
    END IF;
    IF (r ->> 'version')::integer IS DISTINCT FROM version THEN
        PERFORM app.refuse_stale('该记录', r ->> 'updated_by', (r ->> 'updated_at')::timestamptz);
    END IF;
    RETURN r;
END
$$;

CREATE FUNCTION app.record_update(record_set text, row_id bigint, version integer, fields jsonb)
    RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cur  jsonb;
    vals jsonb;
    p    app.person;
    sets text;
    v    integer;
BEGIN
    PERFORM app.record_writable(record_set);
    vals := app.form_values(record_set, fields, true);
    cur := app.record_lock(record_set, row_id, version);
    p := app.record_person((cur ->> 'person_id')::bigint);
    IF vals = '{}' THEN
        RETURN version;
    END IF;
    PERFORM app.form_cross_check(record_set, cur || vals);
    PERFORM app.form_after_birth(record_set, vals, p.birth_date);
    PERFORM app.record_unique_check(record_set, p.id, row_id, cur || vals);
    SELECT string_agg(format('%1$I = r.%1$I', k), ', ') INTO sets FROM jsonb_object_keys(vals) AS k;
    EXECUTE format('UPDATE app.%1$I t SET %2$s FROM jsonb_populate_record(NULL::app.%1$I, $3) r '
                   'WHERE t.id = $1 AND t.version = $2 RETURNING t.version', record_set, sets)
       INTO v USING row_id, version, vals;
    IF v IS NULL THEN
        PERFORM app.refuse_not_found('该记录');
    END IF;
    RETURN v;
END
$$;

CREATE FUNCTION app.record_delete(record_set text, row_id bigint, version integer) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    cur jsonb;
    n   integer;
BEGIN
    PERFORM app.record_writable(record_set);
    cur := app.record_lock(record_set, row_id, version);
    PERFORM app.record_person((cur ->> 'person_id')::bigint);
    EXECUTE format('DELETE FROM app.%I WHERE id = $1 AND version = $2', record_set)
      USING row_id, version;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n = 0 THEN
        PERFORM app.refuse_not_found('该记录');
    END IF;
END
$$;

-- ---------------------------------------------------------------------------
-- 基本信息.
CREATE FUNCTION app.person_update(person bigint, version integer, fields jsonb) RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p     app.person;
    cur   jsonb;
    vals  jsonb;
    mvals jsonb;
    sets  text;
    v     integer;
BEGIN
    fields := coalesce(fields, '{}');
    IF fields ?| ARRAY['stage', 'approval_doc', 'note'] THEN
        RAISE EXCEPTION '人员类别要通过发展党员、接收预备党员、转正等业务办理，不能在基本信息中修改'
            USING ERRCODE = 'DJ003';
    END IF;
    mvals := app.form_values('membership',
                             (SELECT coalesce(jsonb_object_agg(key, value), '{}') FROM jsonb_each(fields)
                               WHERE key IN ('joined_party_on', 'became_full_on')), true);
    vals := app.form_values('person', fields - 'joined_party_on' - 'became_full_on', true) || mvals;

    SELECT * INTO p FROM app.person x WHERE x.id = person_update.person FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM app.refuse_not_found('该人员');
    END IF;
    IF p.version IS DISTINCT FROM person_update.version THEN
        PERFORM app.refuse_stale(format('“%s”的信息', p.name), p.updated_by, p.updated_at);
    END IF;
    IF p.in_transit THEN
        RAISE EXCEPTION '“%”的组织关系正在转接，对方接收或撤销转接之前不能修改', p.name
            USING ERRCODE = 'DJ003';
    END IF;
    IF vals = '{}' THEN
        RETURN p.version;
    END IF;
    cur := to_jsonb(p);
    -- A birth date left empty with an ID number is the number's; compare that.
    IF vals ? 'id_number' AND vals ->> 'id_number' IS DISTINCT FROM cur ->> 'id_number'
       AND NOT vals ? 'birth_date' AND vals ->> 'id_number' IS NOT NULL THEN
        vals := vals || jsonb_build_object('birth_date',
                                           to_char(to_date(substr(vals ->> 'id_number', 7, 8), 'YYYYMMDD'),
                                                   'YYYY-MM-DD'));
    END IF;
    PERFORM app.form_cross_check('person', cur || vals);
    SELECT string_agg(format('%1$I = r.%1$I', k), ', ') INTO sets FROM jsonb_object_keys(vals) AS k;
    EXECUTE format('UPDATE app.person t SET %s FROM jsonb_populate_record(NULL::app.person, $3) r '
                   'WHERE t.id = $1 AND t.version = $2 RETURNING t.version', sets)
       INTO v USING person, version, vals;
    IF v IS NULL THEN
        PERFORM app.refuse_not_found('该人员');
    END IF;
    RETURN v;
END
$$;

-- ---------------------------------------------------------------------------
-- The wizard.

-- The first 组织关系 row of a person just registered (the wizard's last
-- page): the transfer workflows write every later one.  As the owner, for
-- a person in the caller's scope that has none yet.
CREATE FUNCTION app.org_relation_first(person bigint, from_date date, transfer_kind text, note text)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p      record;
    new_id bigint;
BEGIN
    SELECT x.id, x.org_id, x.org_key INTO p FROM app.person x WHERE x.id = org_relation_first.person;
    IF NOT FOUND OR NOT (app.key_in_my_scope(p.org_key)
                         OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)) THEN
        PERFORM app.refuse_not_found('该人员');
    END IF;
    IF EXISTS (SELECT 1 FROM app.org_relation r WHERE r.person_id = person) THEN
        RAISE EXCEPTION '组织关系只能通过组织关系转接办理' USING ERRCODE = 'DJ003';
    END IF;
    INSERT INTO app.org_relation (person_id, org_id, from_date, transfer_kind, note)
    VALUES (person, p.org_id, from_date, transfer_kind, note)
    RETURNING id INTO new_id;
    RETURN new_id;
END
$$;

CREATE FUNCTION app.member_add(org bigint, person jsonb, membership jsonb, education jsonb,
                               job jsonb, transfer jsonb) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    pv     jsonb;
    mv     jsonb;
    ev     jsonb;
    jv     jsonb;
    tv     jsonb;
    o      record;
    all_v  jsonb;
    cols   text;
    new_id bigint;
    note   text;
BEGIN
    pv := app.form_values('person', person, false);
    mv := app.form_values('membership', membership, false);
    IF mv ->> 'stage' NOT IN ('4', '5') THEN
        PERFORM app.refuse_field('membership', 'stage',
            '新增党员的人员类别应为预备党员或正式党员（入党申请人等请在“发展党员”中登记）');
    END IF;
    IF education IS NOT NULL AND education <> '{}' THEN
        ev := app.form_values('education', education, false);
    END IF;
    IF job IS NOT NULL AND job <> '{}' THEN
        jv := app.form_values('job', job, false);
    END IF;
    tv := app.form_values('transfer', transfer, true);

    SELECT g.id, g.state, g.name INTO o FROM app.org g WHERE g.id = org;
    IF NOT FOUND THEN
        RAISE EXCEPTION '所选党组织不存在或不在您的管理范围内' USING ERRCODE = 'DJ004';
    ELSIF o.state <> 'active' THEN
        RAISE EXCEPTION '党组织“%”已撤销，不能接收人员', o.name USING ERRCODE = 'DJ003';
    END IF;

    -- 基本信息 takes what the later pages say when it says nothing itself.
    IF pv ->> 'education' IS NULL AND ev IS NOT NULL THEN
        pv := pv || jsonb_build_object('education', ev ->> 'education');
    END IF;
    IF pv ->> 'degree' IS NULL AND ev IS NOT NULL THEN
        pv := pv || jsonb_build_object('degree', ev ->> 'degree');
    END IF;
    IF pv ->> 'person_category' IS NULL AND jv IS NOT NULL THEN
        pv := pv || jsonb_build_object('person_category', jv ->> 'person_category');
    END IF;
    IF pv ->> 'political_status' IS NULL THEN
        pv := pv || jsonb_build_object('political_status',
                                       CASE mv ->> 'stage' WHEN '5' THEN '01' ELSE '02' END);
    END IF;
    all_v := pv || jsonb_build_object('stage', mv ->> 'stage', 'joined_party_on', mv ->> 'joined_party_on',
                                      'became_full_on', mv ->> 'became_full_on');
    PERFORM app.form_cross_check('person', all_v);
    IF ev IS NOT NULL THEN
        PERFORM app.form_cross_check('education', ev);
    END IF;
    IF jv IS NOT NULL THEN
        PERFORM app.form_cross_check('job', jv);
    END IF;
    IF (tv ->> 'from_date')::date < (mv ->> 'joined_party_on')::date THEN
        PERFORM app.refuse_field('transfer', 'from_date',
            format('转入日期（%s）不能早于入党日期（%s）', tv ->> 'from_date', mv ->> 'joined_party_on'));
    END IF;

    SELECT string_agg(format('%I', k), ', ' ORDER BY k) INTO cols FROM jsonb_object_keys(all_v) AS k;
    EXECUTE format('INSERT INTO app.person (org_id, %s) SELECT $1, %s '
                   'FROM jsonb_populate_record(NULL::app.person, $2) r RETURNING id', cols,
                   (SELECT string_agg(format('r.%I', k), ', ' ORDER BY k) FROM jsonb_object_keys(all_v) AS k))
       INTO new_id USING org, all_v;
    all_v := all_v || jsonb_build_object('birth_date',
                                         (SELECT to_char(birth_date, 'YYYY-MM-DD') FROM app.person
                                           WHERE id = new_id));

    -- 党籍信息: the admission, and 转正 for a full member.
    PERFORM app.record_insert('standing', new_id,
        jsonb_build_object('event', 'join', 'event_date', mv ->> 'joined_party_on',
                           'approval_doc', mv ->> 'approval_doc', 'note', mv ->> 'note'));
    IF mv ->> 'became_full_on' IS NOT NULL THEN
        PERFORM app.record_insert('standing', new_id,
            jsonb_build_object('event', 'full', 'event_date', mv ->> 'became_full_on'));
    END IF;
    IF ev IS NOT NULL THEN
        PERFORM app.form_after_birth('education', ev, (all_v ->> 'birth_date')::date);
        PERFORM app.record_insert('education', new_id, ev);
    END IF;
    IF jv IS NOT NULL THEN
        PERFORM app.form_after_birth('job', jv, (all_v ->> 'birth_date')::date);
        PERFORM app.record_insert('job', new_id, jv);
    END IF;

    note := concat_ws('；', CASE WHEN tv ->> 'org_name' IS NOT NULL
                                 THEN '由“' || (tv ->> 'org_name') || '”转入' END,
                      tv ->> 'note');
    IF char_length(note) > 200 THEN
        PERFORM app.refuse_field('transfer', 'note', '原所在党组织和备注合计最多200个字，请缩短');
    END IF;
    PERFORM app.org_relation_first(new_id,
                                   coalesce((tv ->> 'from_date')::date, (mv ->> 'joined_party_on')::date),
                                   tv ->> 'transfer_kind', nullif(note, ''));
    RETURN new_id;
END
$$;

-- ---------------------------------------------------------------------------
-- Leaving the roll, and back.

-- The person for a workflow, locked: in the caller's scope, at the version
-- the clerk saw, not in transit.
CREATE FUNCTION app.history_target(person bigint, version integer) RETURNS app.person
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p app.person;
BEGIN
    SELECT * INTO p FROM app.person x WHERE x.id = history_target.person FOR UPDATE;
    IF NOT FOUND OR NOT (app.key_in_my_scope(p.org_key)
                         OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)) THEN
        PERFORM app.refuse_not_found('该人员');
    END IF;
    IF p.version IS DISTINCT FROM history_target.version THEN
        PERFORM app.refuse_stale(format('“%s”的信息', p.name), p.updated_by, p.updated_at);
    END IF;
    IF p.in_transit THEN
        RAISE EXCEPTION '“%”的组织关系正在转接，对方接收或撤销转接之前不能办理', p.name
            USING ERRCODE = 'DJ003';
    END IF;
    RETURN p;
END
$$;

-- Moves p off the roll: reason (code.history_reason), on (checked text),
-- the exit kind or suspend reason, the detail.
CREATE FUNCTION app.history_set(p app.person, reason text, label text, on_text text, exit_kind text,
                                suspend_reason text, detail text, standing_event text,
                                standing_note text)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    what text := (SELECT name FROM code.history_reason WHERE code = reason);
    d    date;
    rel  record;
BEGIN
    IF p.history_reason IS NOT NULL THEN
        RAISE EXCEPTION '“%”已是历史党员（%，%），不能再办理%', p.name,
            (SELECT name FROM code.history_reason WHERE code = p.history_reason), p.history_on, what
            USING ERRCODE = 'DJ003';
    END IF;
    IF reason IN ('1', '3') AND p.stage NOT IN ('4', '5') THEN
        RAISE EXCEPTION '“%”还不是党员（%），不能办理%', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage), what USING ERRCODE = 'DJ003';
    END IF;
    on_text := nullif(btrim(on_text, E' \t\u3000'), '');
    IF on_text IS NULL THEN
        PERFORM app.refuse_field('history', 'history_on', format('%s是必填项，请填写', label));
    END IF;
    d := app.form_date('history', 'history_on', label, on_text, false);
    IF d < p.birth_date THEN
        PERFORM app.refuse_field('history', 'history_on',
            format('%s（%s）早于出生日期（%s），请核对', label, d, p.birth_date));
    END IF;
    IF reason IN ('1', '3') AND d < p.joined_party_on THEN
        PERFORM app.refuse_field('history', 'history_on',
            format('%s（%s）早于入党日期（%s），请核对', label, d, p.joined_party_on));
    END IF;
    detail := nullif(btrim(detail, E' \t\r\n\u3000'), '');
    IF char_length(detail) > 500 THEN
        PERFORM app.refuse_field('history', 'history_detail',
            format('情况说明最多500个字，现在是%s个字，请缩短', char_length(detail)));
    ELSIF detail ~ '[\x01-\x09\x0b-\x1f\x7f-\x9f]' THEN
        PERFORM app.refuse_field('history', 'history_detail', '情况说明含有控制字符，请删去');
    END IF;
    SELECT id, from_date INTO rel FROM app.org_relation WHERE person_id = p.id AND to_date IS NULL;
    IF FOUND AND d < rel.from_date THEN
        PERFORM app.refuse_field('history', 'history_on',
            format('%s（%s）早于该党员组织关系转入本组织的日期（%s），请核对', label, d, rel.from_date));
    END IF;

    UPDATE app.person
       SET history_reason = reason, history_on = d, exit_kind = history_set.exit_kind,
           suspend_reason = history_set.suspend_reason, history_detail = detail
     WHERE id = p.id;
    IF rel.id IS NOT NULL THEN
        UPDATE app.org_relation SET to_date = d WHERE id = rel.id;
    END IF;
    IF standing_event IS NOT NULL THEN
        INSERT INTO app.standing (person_id, event, event_date, note)
        VALUES (p.id, standing_event, d, left(concat_ws('：', standing_note, detail), 500));
    END IF;
END
$$;

CREATE FUNCTION app.member_leave(person bigint, version integer, on_date text, exit_kind text,
                                 reason text)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p    app.person := app.history_target(person, version);
    kind text := nullif(btrim(exit_kind), '');
BEGIN
    IF kind IS NULL THEN
        PERFORM app.refuse_field('history', 'exit_kind', '出党方式是必填项，请选择');
    ELSIF NOT EXISTS (SELECT 1 FROM code.exit_kind WHERE code = kind) THEN
        PERFORM app.refuse_field('history', 'exit_kind',
            format('出党方式代码“%s”不存在，请从列表中选择', kind));
    ELSIF kind = '6' AND p.stage <> '4' THEN
        PERFORM app.refuse_field('history', 'exit_kind', '只有预备党员才能取消预备党员资格');
    END IF;
    PERFORM app.history_set(p, '1', '出党日期', on_date, kind, NULL, reason,
                            CASE kind WHEN '6' THEN 'cancel' ELSE 'note' END,
                            '出党（' || (SELECT name FROM code.exit_kind WHERE code = kind) || '）');
END
$$;

CREATE FUNCTION app.member_death(person bigint, version integer, on_date text, reason text)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    PERFORM app.history_set(app.history_target(person, version), '2', '死亡日期', on_date, NULL, NULL,
                            reason, 'note', '死亡');
END
$$;

CREATE FUNCTION app.member_suspend(person bigint, version integer, on_date text,
                                   suspend_reason text, detail text)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p    app.person := app.history_target(person, version);
    why  text := nullif(btrim(suspend_reason), '');
BEGIN
    IF why IS NULL THEN
        PERFORM app.refuse_field('history', 'suspend_reason', '停止党籍原因是必填项，请选择');
    ELSIF NOT EXISTS (SELECT 1 FROM code.suspend_reason WHERE code = why) THEN
        PERFORM app.refuse_field('history', 'suspend_reason',
            format('停止党籍原因代码“%s”不存在，请从列表中选择', why));
    END IF;
    PERFORM app.history_set(p, '3', '停止党籍日期', on_date, NULL, why, detail, 'suspend',
                            (SELECT name FROM code.suspend_reason WHERE code = why));
END
$$;

CREATE FUNCTION app.member_restore(person bigint, version integer, reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p    app.person;
    was  text;
BEGIN
    IF NOT (app.i_am_admin() OR (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)) THEN
        RAISE EXCEPTION '只有管理员才能恢复历史党员；如需恢复，请联系上级组织的管理员'
            USING ERRCODE = 'DJ003';
    END IF;
    p := app.history_target(person, version);
    reason := nullif(btrim(reason, E' \t\r\n\u3000'), '');
    IF reason IS NULL THEN
        PERFORM app.refuse_field('history', 'history_detail', '恢复的原因是必填项，请填写');
    ELSIF char_length(reason) > 500 THEN
        PERFORM app.refuse_field('history', 'history_detail',
            format('恢复的原因最多500个字，现在是%s个字，请缩短', char_length(reason)));
    ELSIF reason ~ '[\x01-\x09\x0b-\x1f\x7f-\x9f]' THEN
        PERFORM app.refuse_field('history', 'history_detail', '恢复的原因含有控制字符，请删去');
    END IF;
    IF p.history_reason IS NULL THEN
        RAISE EXCEPTION '“%”不是历史党员，不需要恢复', p.name USING ERRCODE = 'DJ003';
    ELSIF p.history_reason = '4' THEN
        RAISE EXCEPTION '“%”的组织关系已转出本市，回到本市请办理“外省市转入”', p.name
            USING ERRCODE = 'DJ003';
    END IF;
    was := (SELECT name FROM code.history_reason WHERE code = p.history_reason);

    UPDATE app.person
       SET history_reason = NULL, history_on = NULL, exit_kind = NULL, suspend_reason = NULL,
           history_detail = NULL
     WHERE id = p.id;
    INSERT INTO app.standing (person_id, event, event_date, note)
    VALUES (p.id, CASE WHEN p.history_reason IN ('1', '3') THEN 'restore' ELSE 'note' END, current_date,
            left(format('恢复（原为%s，%s）：%s', was, p.history_on, reason), 500));
    IF NOT EXISTS (SELECT 1 FROM app.org_relation WHERE person_id = p.id AND to_date IS NULL) THEN
        INSERT INTO app.org_relation (person_id, org_id, from_date, note)
        VALUES (p.id, p.org_id, current_date, '恢复后重新编入');
    END IF;
    PERFORM audit.note(left(format('恢复历史党员“%s”（编号 %s，原为%s，%s）：%s', p.name, p.id, was,
                                   p.history_on, reason), 2000),
                       CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN NULL
                            ELSE p.org_id END);
END
$$;

-- ---------------------------------------------------------------------------
-- ID numbers registered to someone else.
CREATE FUNCTION app.tg_person_id_unique() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    o record;
BEGIN
    IF NEW.id_number IS NULL OR (TG_OP = 'UPDATE' AND NEW.id_number IS NOT DISTINCT FROM OLD.id_number) THEN
        RETURN NEW;
    END IF;
    SELECT p.id, p.name, p.org_key, g.name AS org_name INTO o
      FROM app.person p JOIN app.org g ON g.id = p.org_id
     WHERE p.id_number = NEW.id_number AND p.id <> NEW.id;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF app.key_in_my_scope(o.org_key) THEN
        RAISE EXCEPTION '该身份证号码已登记在“%”（%）名下，请勿重复登记', o.name, o.org_name
            USING ERRCODE = 'unique_violation', SCHEMA = 'app', TABLE = 'person', COLUMN = 'id_number',
                  CONSTRAINT = 'person_id_number_in_scope';
    END IF;
    RAISE EXCEPTION '该身份证号码已在系统中登记，请与组织部门联系'
        USING ERRCODE = 'unique_violation', SCHEMA = 'app', TABLE = 'person', COLUMN = 'id_number',
              CONSTRAINT = 'person_id_number_key';
END
$$;

CREATE TRIGGER b15_id_unique BEFORE INSERT OR UPDATE OF id_number ON app.person
    FOR EACH ROW EXECUTE FUNCTION app.tg_person_id_unique();

-- ---------------------------------------------------------------------------
-- Grants.  The history columns change only through the functions above; a
-- post may name an organization outside the city by name.
DO $$
DECLARE
    writers constant text := '{branch}, {general_branch}, {committee}, {district}, {city}';
BEGIN
    PERFORM meta.ddl(format('REVOKE INSERT (history_reason, history_on, history_detail, exit_kind, '
                            'suspend_reason) ON app.person FROM %s', writers));
    PERFORM meta.ddl(format('REVOKE UPDATE (history_reason, history_on, history_detail, exit_kind, '
                            'suspend_reason) ON app.person FROM %s', writers));
    PERFORM meta.ddl(format('GRANT INSERT (org_name), UPDATE (org_name) ON app.post TO %s', writers));
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION
                 app.refuse_field(text, text, text), app.refuse_stale(text, text, timestamptz),
                 app.refuse_not_found(text), app.form_date(text, text, text, text, boolean),
                 app.form_values(text, jsonb, boolean), app.form_cross_check(text, jsonb),
                 app.form_after_birth(text, jsonb, date), app.form_check(text, jsonb),
                 app.form_rows(text, jsonb), app.person_get(bigint), app.record_get(text, bigint)
                 TO {clerk}');
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION
                 app.record_person(bigint), app.record_writable(text),
                 app.record_unique_check(text, bigint, bigint, jsonb),
                 app.record_insert(text, bigint, jsonb), app.record_add(text, bigint, jsonb),
                 app.record_lock(text, bigint, integer), app.record_update(text, bigint, integer, jsonb),
                 app.record_delete(text, bigint, integer), app.person_update(bigint, integer, jsonb),
                 app.org_relation_first(bigint, date, text, text),
                 app.member_add(bigint, jsonb, jsonb, jsonb, jsonb, jsonb),
                 app.member_leave(bigint, integer, text, text, text),
                 app.member_death(bigint, integer, text, text),
                 app.member_suspend(bigint, integer, text, text, text)
                 TO {branch}, {general_branch}, {committee}, {district}, {city}');
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.member_restore(bigint, integer, text) TO {district}, {city}');

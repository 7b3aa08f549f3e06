-- 030: member development, applicant to full member (the manual's 1.1-1.5),
-- with the rules of DOMAIN.md in the database.
--
-- Workflows.  Each transition is one function, SECURITY DEFINER owned by
-- {owner}, search_path pinned, the clerk identified by session_user, the
-- person looked up within the clerk's scope (missing and foreign people get
-- the same "不存在"), locked FOR UPDATE (several in id order), the person's
-- version compared when given.  Each returns app.dev_result (person_id, done,
-- warnings):
--   app.dev_apply        1.1 新增: a new 入党申请人 (stage 1), steps 01 (02)
--   app.dev_activist     1.2 列为入党积极分子 (stage 2), steps 03 (04) 05, 培养联系人
--   app.dev_target       1.3 列为发展对象 (stage 3), steps 06 07 (08 09 10 11)
--   app.dev_admit        1.4 吸收为预备党员 (stage 4), several at once, all or none,
--                        steps (09 12 13 14) 15 (16 17 18), standing 'join'
--   app.dev_approve      上级党委审批 of an admission (step 17, standing.approved_on)
--   app.dev_confirm      1.5 转正 (stage 5), steps (23 24), standing 'full'
--   app.dev_extend       延长预备期 (standing 'extend', once)
--   app.dev_cancel       取消预备党员资格 (a historical member, 出党方式 6)
--   app.dev_record_step  any other step's date and detail (not 01 03 07 15)
-- Warnings: a call with warnings and confirm false changes nothing and
-- returns done false and the warnings; with confirm true it goes on and files
-- an audit.note naming the accepted warnings (same transaction, so the same
-- txid as the rows' audit entries).  A call without warnings is done at once.
-- Refusals are RAISE EXCEPTION (P0001) with a Chinese message naming the rule
-- and the dates; the client shows it as it is (src/db/error_table.c).
--
-- Rules (numbers from app.setting; "one year after D" is D + the interval,
-- "at least" means on or after that day; only recorded dates are compared):
--   refused  under dev.min_age at application (birth date from the ID number);
--            dev_target before dev.activist_min as activist; dev_admit of
--            someone not a development target; dev_confirm before the
--            probation (dev.probation, or the extension) ends; a second
--            extension; an extension outside dev.extension_min..max months;
--            contacts outside dev.contacts_min..max, sponsors other than
--            dev.sponsors, either not a full member when named by id; dates
--            out of order (a stage before the one it follows).
--   warned   the talk later than dev.talk_within after the application (or
--            none recorded when becoming an activist); local waits
--            dev.applicant_wait and dev.target_wait; training below
--            dev.training_days and dev.training_hours; admission approved
--            later than dev.approval_within (or dev.approval_within_special)
--            after the branch meeting; 转正 approved later than
--            dev.full_approval_within after the probation's end.
--
-- Reading (SECURITY INVOKER: row-level security decides): app.applicant_page
-- and app.applicant_count (申请人管理, over app.member_page / member_count),
-- app.dev_status (the dates the rules compare), app.dev_steps (the 25 steps).
--
-- Direct writes.  The rules cannot be skipped from psql:
--   * app.person: the clerks' UPDATE grant no longer covers stage,
--     joined_party_on and became_full_on (the workflows change them);
--     INSERT of a person as 入党积极分子 or 发展对象 is refused (registering an
--     existing member, stage 4 or 5, stays possible: the manual's 1.9.1.1).
--   * app.dev_step: the workflow steps 01 03 07 15 (the dates the rules
--     compare) are written by the workflows only; other steps stay editable
--     (the 培养发展 tab).
--   * app.standing: 'extend' and 'cancel' rows are written by the workflows
--     only (the once-only extension).
--   These are triggers that let through the owner (the workflows run as the
--   owner) and the superuser (migrations, bulk loads) and stop members of
--   {clerk} writing directly.

INSERT INTO app.setting (key, num_value, text_value, unit, description, source) VALUES
('dev.target_wait', 0, NULL, 'month', '列为发展对象后吸收为预备党员前的最短时间（本地做法，全国无下限）', '本地做法（可配置）'),
('dev.remind_ahead', 30, NULL, 'day', '积极分子满一年、预备期将满提前提醒的天数', '本地做法（可配置）')
ON CONFLICT (key) DO NOTHING;

CREATE TYPE app.dev_result AS (
    person_id bigint,
    done      boolean,
    warnings  text[]
);

-- ---------------------------------------------------------------------------
-- Helpers (run inside the workflows, as the owner; no grants).

CREATE FUNCTION app.dev_su() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);

-- 2024-03-01
CREATE FUNCTION app.dev_d(d date) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce(to_char(d, 'YYYY-MM-DD'), '（未填）');

-- A setting's length in words: 1年, 3个月, 30天, 24学时.
CREATE FUNCTION app.dev_span(k text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT trim_scale(num_value)::text
                   || CASE unit WHEN 'year' THEN '年' WHEN 'month' THEN '个月' WHEN 'day' THEN '天'
                                WHEN 'hour' THEN '学时' WHEN 'person' THEN '名' ELSE '' END
              FROM app.setting WHERE key = k);

-- D + the setting's interval, as a date.
CREATE FUNCTION app.dev_after(d date, k text) RETURNS date
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN (d + app.setting_interval(k))::date;

-- Only the five writing levels (and the superuser) run workflows.
CREATE FUNCTION app.dev_writer_check() RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT app.dev_su() AND coalesce(app.my_level(), 'auditor') = 'auditor' THEN
        RAISE EXCEPTION '没有权限办理发展党员业务；如需办理，请联系上级组织的管理员'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

-- The person, locked, if in the clerk's scope; the checks every workflow makes.
CREATE FUNCTION app.dev_person(pid bigint, expected integer) RETURNS app.person
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    p app.person;
BEGIN
    SELECT * INTO p FROM app.person
     WHERE id = pid AND (app.dev_su() OR app.key_in_my_scope(org_key))
       FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION '所选人员不存在或不在您的管理范围内（编号 %）', pid;
    END IF;
    IF expected IS NOT NULL AND expected <> p.version THEN
        RAISE EXCEPTION '“%”的信息已被 % 于 % 修改，请重新打开后再办理', p.name, p.updated_by,
            to_char(p.updated_at, 'YYYY-MM-DD HH24:MI');
    END IF;
    IF p.in_transit THEN
        RAISE EXCEPTION '“%”的组织关系正在转接，对方接收或撤销转接之前不能办理', p.name;
    END IF;
    IF p.history_reason IS NOT NULL THEN
        RAISE EXCEPTION '“%”已是历史党员（%），不能办理', p.name,
            (SELECT name FROM code.history_reason WHERE code = p.history_reason);
    END IF;
    RETURN p;
END
$$;

CREATE FUNCTION app.dev_step_on(pid bigint, s text) RETURNS date
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN (SELECT step_date FROM app.dev_step WHERE person_id = pid AND step = s);

-- Records (or corrects) a step; nothing when d is NULL.
CREATE FUNCTION app.dev_put(pid bigint, s text, d date, what text DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF d IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO app.dev_step AS t (person_id, step, step_date, detail)
    VALUES (pid, s, d, nullif(btrim(what), ''))
    ON CONFLICT ON CONSTRAINT dev_step_once
    DO UPDATE SET step_date = EXCLUDED.step_date, detail = coalesce(EXCLUDED.detail, t.detail);
END
$$;

-- Contacts or sponsors as given (ids and names, same length): checked, and
-- each id's name filled in.  A member named by id must be in the clerk's
-- scope and a full member on the day (what: 培养联系人 / 入党介绍人).
CREATE FUNCTION app.dev_refs(ids bigint[], names text[], what text, on_day date, pid bigint,
                             OUT member_id bigint, OUT member_name text)
    RETURNS SETOF record
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n integer := greatest(coalesce(cardinality(ids), 0), coalesce(cardinality(names), 0));
    m app.person;
BEGIN
    FOR i IN 1 .. n LOOP
        member_id := ids[i];
        member_name := nullif(btrim(names[i], E' \t\u3000'), '');
        IF member_id IS NOT NULL THEN
            SELECT * INTO m FROM app.person
             WHERE id = member_id AND (app.dev_su() OR app.key_in_my_scope(org_key));
            IF NOT FOUND THEN
                RAISE EXCEPTION '%（第%名）不存在或不在您的管理范围内', what, i;
            END IF;
            IF m.id = pid THEN
                RAISE EXCEPTION '%不能是本人', what;
            END IF;
            IF m.stage <> '5' OR m.history_reason IS NOT NULL OR m.became_full_on > on_day THEN
                RAISE EXCEPTION '%须是正式党员：“%”%', what, m.name,
                    CASE WHEN m.history_reason IS NOT NULL THEN '已是历史党员'
                         WHEN m.stage <> '5' THEN '现为' || (SELECT name FROM code.stage WHERE code = m.stage)
                         ELSE format('于%s转正，%s时还不是正式党员', app.dev_d(m.became_full_on),
                                     app.dev_d(on_day)) END;
            END IF;
            member_name := m.name;
        ELSIF member_name IS NULL THEN
            RAISE EXCEPTION '请填写%（第%名）的姓名', what, i;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;

-- Files the accepted warnings in the audit log, under the organization.
CREATE FUNCTION app.dev_accepted(w text[], org bigint, what text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF coalesce(cardinality(w), 0) > 0 THEN
        PERFORM audit.note(left(format('%s：办理人确认以下提示后继续办理：%s', what,
                                       array_to_string(w, '；')), 2000), org);
    END IF;
END
$$;

-- The talk rule, for a talk on talk_on after an application on applied_on.
CREATE FUNCTION app.dev_talk_warning(applied_on date, talk_on date) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN talk_on > app.dev_after(applied_on, 'dev.talk_within') THEN
               format('党组织应在收到入党申请书后%s内派人谈话：申请书%s递交，应在%s前谈话，谈话日期是%s',
                      app.dev_span('dev.talk_within'), app.dev_d(applied_on),
                      app.dev_d(app.dev_after(applied_on, 'dev.talk_within')), app.dev_d(talk_on)) END;

-- The training rule: at least dev.training_days days or dev.training_hours hours.
CREATE FUNCTION app.dev_training_warning(days integer, hours integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN coalesce(days, 0) < app.setting_num('dev.training_days')
                 AND coalesce(hours, 0) < app.setting_num('dev.training_hours') THEN
               format('发展对象集中培训应不少于%s或%s，所填为%s天、%s学时',
                      app.dev_span('dev.training_days'), app.dev_span('dev.training_hours'),
                      coalesce(days, 0), coalesce(hours, 0)) END;

-- ---------------------------------------------------------------------------
-- 1.1 新增: a new applicant.
CREATE FUNCTION app.dev_apply(to_org bigint, p_name text, p_sex text, p_ethnicity text,
                              p_birth_date date, p_id_number text, p_native_place text,
                              p_education text, p_degree text, p_political_status text,
                              p_joined_work_on date, p_phone text, p_address text,
                              p_person_category text, applied_on date, talk_on date,
                              talk_note text, confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    w       text[] := '{}';
    idn     text := nullif(nullif(upper(btrim(p_id_number, E' \t\u3000')), '#'), '');
    born    date;
    adult   date;
    problem text;
    pid     bigint;
    cname   text;
BEGIN
    PERFORM app.dev_writer_check();
    IF to_org IS NULL OR NOT (app.dev_su() OR app.in_my_scope(to_org))
       OR NOT EXISTS (SELECT 1 FROM app.org g WHERE g.id = to_org) THEN
        RAISE EXCEPTION '党组织不存在或不在您的管理范围内';
    END IF;
    IF coalesce(btrim(p_name, E' \t\u3000'), '') = '' THEN
        RAISE EXCEPTION '请填写姓名';
    END IF;
    IF p_sex IS NULL THEN
        RAISE EXCEPTION '请选择性别';
    END IF;
    IF applied_on IS NULL THEN
        RAISE EXCEPTION '请填写递交入党申请书日期';
    END IF;
    IF idn IS NOT NULL THEN
        problem := app.citizen_id_problem(idn);
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION '%', problem;
        END IF;
        born := make_date(substr(idn, 7, 4)::integer, substr(idn, 11, 2)::integer,
                          substr(idn, 13, 2)::integer);
        IF p_birth_date IS NOT NULL AND p_birth_date <> born THEN
            RAISE EXCEPTION '出生日期 % 与身份证号不符：身份证号中的出生日期是 %',
                app.dev_d(p_birth_date), app.dev_d(born);
        END IF;
        -- Unique in the whole city; the message does not say where.
        IF EXISTS (SELECT 1 FROM app.person WHERE id_number = idn) THEN
            RAISE EXCEPTION '该身份证号已经登记，不能重复登记；如有疑问请与上级党组织的组织部门联系';
        END IF;
    END IF;
    born := coalesce(born, p_birth_date);
    IF born IS NULL THEN
        RAISE EXCEPTION '请填写身份证号或出生日期：申请入党须年满%周岁，要据此核对',
            trim_scale(app.setting_num('dev.min_age'));
    END IF;
    adult := app.dev_after(born, 'dev.min_age');
    IF applied_on < adult THEN
        RAISE EXCEPTION '申请入党须年满%周岁：出生日期%，%才满%周岁，递交入党申请书日期%时未满',
            trim_scale(app.setting_num('dev.min_age')), app.dev_d(born), app.dev_d(adult),
            trim_scale(app.setting_num('dev.min_age')), app.dev_d(applied_on);
    END IF;
    IF talk_on < applied_on THEN
        RAISE EXCEPTION '谈话日期%早于递交入党申请书日期%', app.dev_d(talk_on), app.dev_d(applied_on);
    END IF;
    w := w || app.dev_talk_warning(applied_on, talk_on);
    w := array_remove(w, NULL);
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (NULL, false, w)::app.dev_result;
    END IF;

    BEGIN
        INSERT INTO app.person (name, sex, ethnicity, birth_date, id_number, native_place, education,
                                degree, political_status, joined_work_on, phone, address,
                                person_category, stage, org_id)
        VALUES (btrim(p_name, E' \t\u3000'), p_sex, p_ethnicity, born, idn, p_native_place,
                p_education, p_degree, p_political_status, p_joined_work_on, p_phone, p_address,
                p_person_category, '1', to_org)
        RETURNING id INTO pid;
    EXCEPTION WHEN check_violation THEN
        -- The person triggers' own checks speak Chinese: show them as they are.
        GET STACKED DIAGNOSTICS cname = CONSTRAINT_NAME, problem = MESSAGE_TEXT;
        IF cname IN ('person_id_number_valid', 'person_birth_date_matches_id',
                     'person_sex_matches_id', 'person_org_active') THEN
            RAISE EXCEPTION '%', problem;
        END IF;
        RAISE;
    END;
    PERFORM app.dev_put(pid, '01', applied_on);
    PERFORM app.dev_put(pid, '02', talk_on, talk_note);
    PERFORM app.dev_accepted(w, to_org, format('新增入党申请人“%s”', btrim(p_name, E' \t\u3000')));
    RETURN (pid, true, w)::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- 1.2 列为入党积极分子.
CREATE FUNCTION app.dev_activist(pid bigint, expected integer, activist_on date, filed_on date,
                                 talk_on date, contact_ids bigint[], contact_names text[],
                                 confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p       app.person;
    w       text[] := '{}';
    applied date;
    talked  date;
    wait_to date;
    n       integer;
    refs    record;
    names   text;
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    IF p.stage <> '1' THEN
        RAISE EXCEPTION '“%”现为%，只有入党申请人才能列为入党积极分子', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage);
    END IF;
    IF activist_on IS NULL THEN
        RAISE EXCEPTION '请填写列为入党积极分子日期';
    END IF;
    applied := app.dev_step_on(p.id, '01');
    IF applied IS NULL THEN
        RAISE EXCEPTION '“%”没有递交入党申请书的记录，请先在“申请人管理”中按新增入党申请人登记', p.name;
    END IF;
    IF activist_on < applied THEN
        RAISE EXCEPTION '列为入党积极分子日期%早于递交入党申请书日期%', app.dev_d(activist_on),
            app.dev_d(applied);
    END IF;
    IF filed_on < activist_on THEN
        RAISE EXCEPTION '上级党委备案日期%早于列为入党积极分子日期%', app.dev_d(filed_on),
            app.dev_d(activist_on);
    END IF;
    n := greatest(coalesce(cardinality(contact_ids), 0), coalesce(cardinality(contact_names), 0));
    IF n < app.setting_num('dev.contacts_min') OR n > app.setting_num('dev.contacts_max') THEN
        RAISE EXCEPTION '应指定%至%名正式党员作为培养联系人，现填了%名',
            trim_scale(app.setting_num('dev.contacts_min')),
            trim_scale(app.setting_num('dev.contacts_max')), n;
    END IF;
    SELECT string_agg(r.member_name, '、') INTO names
      FROM app.dev_refs(contact_ids, contact_names, '培养联系人', activist_on, p.id) AS r;

    talked := app.dev_step_on(p.id, '02');
    IF talked IS NULL AND talk_on IS NOT NULL THEN
        IF talk_on < applied THEN
            RAISE EXCEPTION '谈话日期%早于递交入党申请书日期%', app.dev_d(talk_on), app.dev_d(applied);
        END IF;
        w := w || app.dev_talk_warning(applied, talk_on);
    ELSIF talked IS NULL THEN
        w := w || format('尚未记录党组织派人谈话：申请书%s递交，应在%s前谈话', app.dev_d(applied),
                         app.dev_d(app.dev_after(applied, 'dev.talk_within')));
    END IF;
    wait_to := app.dev_after(applied, 'dev.applicant_wait');
    IF activist_on < wait_to THEN
        w := w || format('按本地规定，递交入党申请书%s后方可列为入党积极分子：申请书%s递交，%s期满，列为积极分子日期是%s',
                         app.dev_span('dev.applicant_wait'), app.dev_d(applied), app.dev_d(wait_to),
                         app.dev_d(activist_on));
    END IF;
    w := array_remove(w, NULL);
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (p.id, false, w)::app.dev_result;
    END IF;

    IF talked IS NULL THEN
        PERFORM app.dev_put(p.id, '02', talk_on);
    END IF;
    PERFORM app.dev_put(p.id, '03', activist_on);
    PERFORM app.dev_put(p.id, '04', filed_on);
    PERFORM app.dev_put(p.id, '05', activist_on, '培养联系人：' || names);
    FOR refs IN SELECT * FROM app.dev_refs(contact_ids, contact_names, '培养联系人', activist_on, p.id) LOOP
        INSERT INTO app.dev_contact (person_id, role, member_id, member_name, from_date)
        VALUES (p.id, 'contact', refs.member_id, refs.member_name, activist_on);
    END LOOP;
    UPDATE app.person SET stage = '2' WHERE id = p.id;
    PERFORM app.dev_accepted(w, p.org_id, format('“%s”列为入党积极分子', p.name));
    RETURN (p.id, true, w)::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- 1.3 列为发展对象.
CREATE FUNCTION app.dev_target(pid bigint, expected integer, target_on date, filed_on date,
                               review_on date, training_on date, training_days integer,
                               training_hours integer, training_note text, sponsor_ids bigint[],
                               sponsor_names text[], confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p        app.person;
    w        text[] := '{}';
    activist date;
    eligible date;
    n        integer;
    refs     record;
    names    text;
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    IF p.stage <> '2' THEN
        RAISE EXCEPTION '“%”现为%，只有入党积极分子才能列为发展对象', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage);
    END IF;
    IF target_on IS NULL THEN
        RAISE EXCEPTION '请填写列为发展对象日期';
    END IF;
    activist := app.dev_step_on(p.id, '03');
    IF activist IS NULL THEN
        RAISE EXCEPTION '“%”没有列为入党积极分子的记录', p.name;
    END IF;
    eligible := app.dev_after(activist, 'dev.activist_min');
    IF target_on < eligible THEN
        RAISE EXCEPTION '入党积极分子须经过%以上的培养教育考察才能列为发展对象：“%”于%列为入党积极分子，%起才能列为发展对象，所填日期是%',
            app.dev_span('dev.activist_min'), p.name, app.dev_d(activist), app.dev_d(eligible),
            app.dev_d(target_on);
    END IF;
    IF filed_on < target_on OR review_on < activist OR training_on < activist THEN
        RAISE EXCEPTION '备案、政治审查、集中培训的日期不能早于列为发展对象（备案）或列为入党积极分子（政审、培训）的日期';
    END IF;
    IF training_days < 0 OR training_hours < 0 THEN
        RAISE EXCEPTION '培训天数和学时不能是负数';
    END IF;
    n := greatest(coalesce(cardinality(sponsor_ids), 0), coalesce(cardinality(sponsor_names), 0));
    IF n > 0 AND n <> app.setting_num('dev.sponsors') THEN
        RAISE EXCEPTION '入党介绍人应为%名正式党员，现填了%名',
            trim_scale(app.setting_num('dev.sponsors')), n;
    END IF;
    IF n > 0 THEN
        SELECT string_agg(r.member_name, '、') INTO names
          FROM app.dev_refs(sponsor_ids, sponsor_names, '入党介绍人', target_on, p.id) AS r;
    END IF;
    IF training_on IS NOT NULL OR training_days IS NOT NULL OR training_hours IS NOT NULL THEN
        w := w || app.dev_training_warning(training_days, training_hours);
    END IF;
    w := array_remove(w, NULL);
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (p.id, false, w)::app.dev_result;
    END IF;

    PERFORM app.dev_put(p.id, '06', target_on,
                        format('培养教育考察 %s 至 %s', app.dev_d(activist), app.dev_d(target_on)));
    PERFORM app.dev_put(p.id, '07', target_on);
    PERFORM app.dev_put(p.id, '08', filed_on);
    PERFORM app.dev_put(p.id, '10', review_on);
    PERFORM app.dev_put(p.id, '11', coalesce(training_on, CASE WHEN training_days IS NOT NULL
                                                             OR training_hours IS NOT NULL
                                                            THEN target_on END),
                        concat_ws('；', CASE WHEN training_days IS NOT NULL THEN training_days || '天' END,
                                  CASE WHEN training_hours IS NOT NULL THEN training_hours || '学时' END,
                                  nullif(btrim(training_note), '')));
    IF n > 0 THEN
        PERFORM app.dev_put(p.id, '09', target_on, '入党介绍人：' || names);
        DELETE FROM app.dev_contact WHERE person_id = p.id AND role = 'sponsor';
        FOR refs IN SELECT * FROM app.dev_refs(sponsor_ids, sponsor_names, '入党介绍人', target_on, p.id) LOOP
            INSERT INTO app.dev_contact (person_id, role, member_id, member_name, from_date)
            VALUES (p.id, 'sponsor', refs.member_id, refs.member_name, target_on);
        END LOOP;
    END IF;
    UPDATE app.person SET stage = '3' WHERE id = p.id;
    PERFORM app.dev_accepted(w, p.org_id, format('“%s”列为发展对象', p.name));
    RETURN (p.id, true, w)::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- 1.4 吸收为预备党员: every person, or none.
CREATE FUNCTION app.dev_admit(pids bigint[], expected integer[], meeting_on date, approval_on date,
                              branch_committee_on date, pre_review_on date, form_on date,
                              upper_talk_on date, filed_on date, sponsor_ids bigint[],
                              sponsor_names text[], confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    people   app.person[] := '{}';
    p        app.person;
    w        text[] := '{}';
    pw       text[];
    target   date;
    n_given  integer;
    n_have   integer;
    names    text;
    refs     record;
    expect   integer;
    multi    boolean;
    one      bigint;
BEGIN
    PERFORM app.dev_writer_check();
    IF coalesce(cardinality(pids), 0) = 0 THEN
        RAISE EXCEPTION '请先勾选要吸收的发展对象';
    END IF;
    IF expected IS NOT NULL AND cardinality(expected) <> cardinality(pids) THEN
        RAISE EXCEPTION 'dev_admit: % ids but % versions', cardinality(pids), cardinality(expected)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF meeting_on IS NULL THEN
        RAISE EXCEPTION '请填写支部大会讨论日期';
    END IF;
    IF approval_on < meeting_on THEN
        RAISE EXCEPTION '上级党委审批日期%早于支部大会讨论日期%', app.dev_d(approval_on),
            app.dev_d(meeting_on);
    END IF;
    n_given := greatest(coalesce(cardinality(sponsor_ids), 0), coalesce(cardinality(sponsor_names), 0));
    IF n_given > 0 AND n_given <> app.setting_num('dev.sponsors') THEN
        RAISE EXCEPTION '入党介绍人应为%名正式党员，现填了%名',
            trim_scale(app.setting_num('dev.sponsors')), n_given;
    END IF;
    multi := cardinality(pids) > 1;

    -- Locks in id order, so two clerks ticking overlapping sets wait, not deadlock.
    FOR one IN SELECT DISTINCT u FROM unnest(pids) AS u WHERE u IS NOT NULL ORDER BY u LOOP
        expect := (SELECT x.e FROM unnest(pids, expected) AS x(i, e) WHERE x.i = one LIMIT 1);
        p := app.dev_person(one, expect);
        IF p.stage <> '3' THEN
            RAISE EXCEPTION '“%”现为%，不是发展对象，不能吸收为预备党员%', p.name,
                (SELECT name FROM code.stage WHERE code = p.stage),
                CASE WHEN multi THEN '；本次勾选的人员都没有吸收' ELSE '' END;
        END IF;
        target := app.dev_step_on(p.id, '07');
        IF target IS NULL OR meeting_on < target THEN
            RAISE EXCEPTION '%', format('“%s”：支部大会讨论日期%s早于列为发展对象日期%s%s', p.name,
                app.dev_d(meeting_on), app.dev_d(target),
                CASE WHEN multi THEN '；本次勾选的人员都没有吸收' ELSE '' END);
        END IF;
        SELECT count(*) INTO n_have FROM app.dev_contact WHERE person_id = p.id AND role = 'sponsor';
        IF n_have = 0 AND n_given = 0 THEN
            RAISE EXCEPTION '“%”还没有入党介绍人：请填写%名入党介绍人%', p.name,
                trim_scale(app.setting_num('dev.sponsors')),
                CASE WHEN multi THEN '；本次勾选的人员都没有吸收' ELSE '' END;
        END IF;
        IF n_have = 0 THEN
            BEGIN
                PERFORM app.dev_refs(sponsor_ids, sponsor_names, '入党介绍人', meeting_on, p.id);
            EXCEPTION WHEN raise_exception THEN
                RAISE EXCEPTION '%', format('“%s”：%s%s', p.name, SQLERRM,
                    CASE WHEN multi THEN '；本次勾选的人员都没有吸收' ELSE '' END);
            END;
        END IF;

        pw := '{}';
        IF app.dev_step_on(p.id, '11') IS NULL THEN
            pw := pw || format('尚未记录集中培训（应不少于%s或%s）', app.dev_span('dev.training_days'),
                               app.dev_span('dev.training_hours'));
        END IF;
        IF meeting_on < app.dev_after(target, 'dev.target_wait') THEN
            pw := pw || format('按本地规定，列为发展对象%s后方可吸收：%s列为发展对象，%s期满，支部大会日期是%s',
                               app.dev_span('dev.target_wait'), app.dev_d(target),
                               app.dev_d(app.dev_after(target, 'dev.target_wait')), app.dev_d(meeting_on));
        END IF;
        IF approval_on > app.dev_after(meeting_on, 'dev.approval_within') THEN
            pw := pw || format('上级党委应在支部大会通过后%s内审批（特殊情况不超过%s）：支部大会%s，审批日期是%s',
                               app.dev_span('dev.approval_within'),
                               app.dev_span('dev.approval_within_special'), app.dev_d(meeting_on),
                               app.dev_d(approval_on));
        END IF;
        IF multi THEN
            SELECT coalesce(array_agg(format('“%s”：%s', p.name, x)), '{}') INTO pw FROM unnest(pw) AS x;
        END IF;
        w := w || pw;
        people := people || p;
    END LOOP;
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (CASE WHEN multi THEN NULL ELSE p.id END, false, w)::app.dev_result;
    END IF;

    FOREACH p IN ARRAY people LOOP
        SELECT count(*) INTO n_have FROM app.dev_contact WHERE person_id = p.id AND role = 'sponsor';
        IF n_have = 0 THEN
            SELECT string_agg(r.member_name, '、') INTO names
              FROM app.dev_refs(sponsor_ids, sponsor_names, '入党介绍人', meeting_on, p.id) AS r;
            PERFORM app.dev_put(p.id, '09', meeting_on, '入党介绍人：' || names);
            FOR refs IN SELECT * FROM app.dev_refs(sponsor_ids, sponsor_names, '入党介绍人', meeting_on, p.id) LOOP
                INSERT INTO app.dev_contact (person_id, role, member_id, member_name, from_date)
                VALUES (p.id, 'sponsor', refs.member_id, refs.member_name, meeting_on);
            END LOOP;
        END IF;
        PERFORM app.dev_put(p.id, '12', branch_committee_on);
        PERFORM app.dev_put(p.id, '13', pre_review_on);
        PERFORM app.dev_put(p.id, '14', form_on);
        PERFORM app.dev_put(p.id, '15', meeting_on);
        PERFORM app.dev_put(p.id, '16', upper_talk_on);
        PERFORM app.dev_put(p.id, '17', approval_on);
        PERFORM app.dev_put(p.id, '18', filed_on);
        INSERT INTO app.standing (person_id, event, event_date, approved_on)
        VALUES (p.id, 'join', meeting_on, approval_on);
        UPDATE app.person SET stage = '4', joined_party_on = meeting_on, political_status = '02'
         WHERE app.person.id = p.id;
        PERFORM app.dev_accepted(
            ARRAY(SELECT x FROM unnest(w) AS x WHERE NOT multi OR x LIKE '“' || p.name || '”：%'),
            p.org_id, format('“%s”吸收为预备党员', p.name));
    END LOOP;
    RETURN (CASE WHEN multi THEN NULL ELSE p.id END, true, w)::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- 上级党委审批 of an admission recorded without it.
CREATE FUNCTION app.dev_approve(pid bigint, expected integer, approval_on date, confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p app.person;
    w text[] := '{}';
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    IF p.stage NOT IN ('4', '5') THEN
        RAISE EXCEPTION '“%”现为%，还没有经支部大会接收为预备党员', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage);
    END IF;
    IF approval_on IS NULL THEN
        RAISE EXCEPTION '请填写上级党委审批日期';
    END IF;
    IF approval_on < p.joined_party_on THEN
        RAISE EXCEPTION '上级党委审批日期%早于支部大会讨论日期%', app.dev_d(approval_on),
            app.dev_d(p.joined_party_on);
    END IF;
    IF approval_on > app.dev_after(p.joined_party_on, 'dev.approval_within') THEN
        w := w || format('上级党委应在支部大会通过后%s内审批（特殊情况不超过%s）：支部大会%s，审批日期是%s',
                         app.dev_span('dev.approval_within'), app.dev_span('dev.approval_within_special'),
                         app.dev_d(p.joined_party_on), app.dev_d(approval_on));
    END IF;
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (p.id, false, w)::app.dev_result;
    END IF;
    PERFORM app.dev_put(p.id, '17', approval_on);
    UPDATE app.standing SET approved_on = approval_on WHERE person_id = p.id AND event = 'join';
    IF NOT FOUND THEN
        INSERT INTO app.standing (person_id, event, event_date, approved_on)
        VALUES (p.id, 'join', p.joined_party_on, approval_on);
    END IF;
    PERFORM app.dev_accepted(w, p.org_id, format('“%s”接收预备党员审批', p.name));
    RETURN (p.id, true, w)::app.dev_result;
END
$$;

-- The end of a probation: the extension's end, else the branch meeting + dev.probation.
CREATE FUNCTION app.dev_probation_end(pid bigint, joined date) RETURNS date
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT until_date FROM app.standing WHERE person_id = pid AND event = 'extend'),
                    app.dev_after(joined, 'dev.probation'));

-- ---------------------------------------------------------------------------
-- 1.5 转正.
CREATE FUNCTION app.dev_confirm(pid bigint, expected integer, full_on date, meeting_on date,
                                approval_on date, full_note text, confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p        app.person;
    w        text[] := '{}';
    ends     date;
    extended date;
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    IF p.stage <> '4' THEN
        RAISE EXCEPTION '“%”现为%，只有预备党员才能转正', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage);
    END IF;
    IF full_on IS NULL THEN
        RAISE EXCEPTION '请填写转正日期';
    END IF;
    extended := (SELECT until_date FROM app.standing WHERE person_id = p.id AND event = 'extend');
    ends := app.dev_probation_end(p.id, p.joined_party_on);
    IF full_on < ends THEN
        RAISE EXCEPTION '预备期未满，不能转正：“%”于%经支部大会接收为预备党员，预备期%，%期满%；所填转正日期是%',
            p.name, app.dev_d(p.joined_party_on), app.dev_span('dev.probation'), app.dev_d(ends),
            CASE WHEN extended IS NOT NULL THEN '（已延长）' ELSE '' END, app.dev_d(full_on);
    END IF;
    IF meeting_on < p.joined_party_on OR approval_on < coalesce(meeting_on, p.joined_party_on) THEN
        RAISE EXCEPTION '支部大会讨论或上级党委审批的日期顺序不对：接收预备党员%，支部大会%，审批%',
            app.dev_d(p.joined_party_on), app.dev_d(meeting_on), app.dev_d(approval_on);
    END IF;
    IF approval_on > app.dev_after(ends, 'dev.full_approval_within') THEN
        w := w || format('上级党委应在预备期满后%s内审批转正：预备期%s期满，审批日期是%s',
                         app.dev_span('dev.full_approval_within'), app.dev_d(ends), app.dev_d(approval_on));
    END IF;
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (p.id, false, w)::app.dev_result;
    END IF;
    PERFORM app.dev_put(p.id, '23', meeting_on);
    PERFORM app.dev_put(p.id, '24', approval_on);
    INSERT INTO app.standing (person_id, event, event_date, approved_on, note)
    VALUES (p.id, 'full', full_on, approval_on, nullif(btrim(full_note), ''));
    UPDATE app.person SET stage = '5', became_full_on = full_on, political_status = '01'
     WHERE id = p.id;
    PERFORM app.dev_accepted(w, p.org_id, format('“%s”转为正式党员', p.name));
    RETURN (p.id, true, w)::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- 延长预备期: once, by dev.extension_min..max months from the probation's end.
CREATE FUNCTION app.dev_extend(pid bigint, expected integer, decided_on date, months integer,
                               reason text, confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p     app.person;
    prior app.standing;
    ends    date;
    new_end date;
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    IF p.stage <> '4' THEN
        RAISE EXCEPTION '“%”现为%，只有预备党员才能延长预备期', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage);
    END IF;
    SELECT * INTO prior FROM app.standing WHERE person_id = p.id AND event = 'extend';
    IF FOUND THEN
        RAISE EXCEPTION '预备期只能延长一次：“%”的预备期已于%延长至%，不能再延长（可转正或取消预备党员资格）',
            p.name, app.dev_d(prior.event_date), app.dev_d(prior.until_date);
    END IF;
    IF decided_on IS NULL THEN
        RAISE EXCEPTION '请填写延长预备期的决定日期';
    END IF;
    IF coalesce(btrim(reason, E' \t\u3000'), '') = '' THEN
        RAISE EXCEPTION '请填写延长预备期的原因';
    END IF;
    IF months IS NULL OR months < app.setting_num('dev.extension_min')
       OR months > app.setting_num('dev.extension_max') THEN
        RAISE EXCEPTION '延长预备期最短%，最长%，所填为%个月', app.dev_span('dev.extension_min'),
            app.dev_span('dev.extension_max'), coalesce(months::text, '（未填）');
    END IF;
    IF decided_on < p.joined_party_on THEN
        RAISE EXCEPTION '决定日期%早于接收为预备党员的日期%', app.dev_d(decided_on),
            app.dev_d(p.joined_party_on);
    END IF;
    ends := app.dev_after(p.joined_party_on, 'dev.probation');
    new_end := (ends + make_interval(months => months))::date;
    IF decided_on >= new_end THEN
        RAISE EXCEPTION '决定日期%晚于延长后的期满日期%', app.dev_d(decided_on), app.dev_d(new_end);
    END IF;
    INSERT INTO app.standing (person_id, event, event_date, until_date, note)
    VALUES (p.id, 'extend', decided_on, new_end, btrim(reason, E' \t\u3000'));
    -- The person's own row records the change too (version, audit).
    UPDATE app.person SET version = version WHERE id = p.id;
    RETURN (p.id, true, '{}')::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- 取消预备党员资格.
CREATE FUNCTION app.dev_cancel(pid bigint, expected integer, decided_on date, reason text,
                               confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p app.person;
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    IF p.stage <> '4' THEN
        RAISE EXCEPTION '“%”现为%，只有预备党员才能取消预备党员资格', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage);
    END IF;
    IF decided_on IS NULL THEN
        RAISE EXCEPTION '请填写取消预备党员资格的决定日期';
    END IF;
    IF coalesce(btrim(reason, E' \t\u3000'), '') = '' THEN
        RAISE EXCEPTION '请填写取消预备党员资格的原因';
    END IF;
    IF decided_on < p.joined_party_on THEN
        RAISE EXCEPTION '决定日期%早于接收为预备党员的日期%', app.dev_d(decided_on),
            app.dev_d(p.joined_party_on);
    END IF;
    INSERT INTO app.standing (person_id, event, event_date, note)
    VALUES (p.id, 'cancel', decided_on, btrim(reason, E' \t\u3000'));
    UPDATE app.person SET history_reason = '1', history_on = decided_on, exit_kind = '6',
                          history_detail = left(btrim(reason, E' \t\u3000'), 500)
     WHERE id = p.id;
    RETURN (p.id, true, '{}')::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- Any other step: its date and detail.
CREATE FUNCTION app.dev_record_step(pid bigint, expected integer, s text, on_day date,
                                    step_detail text, confirm boolean)
    RETURNS app.dev_result
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, ext, pg_temp
    AS $$
DECLARE
    p       app.person;
    c       record;
    w       text[] := '{}';
    applied date;
BEGIN
    PERFORM app.dev_writer_check();
    p := app.dev_person(pid, expected);
    SELECT d.code, d.name, d.stage INTO c FROM code.dev_step d WHERE d.code = s;
    IF NOT FOUND THEN
        RAISE EXCEPTION '没有这一步骤（应为第01至25步）';
    END IF;
    IF s IN ('01', '03', '07', '15') THEN
        RAISE EXCEPTION '第%步“%”在%时记录，不能单独修改', c.code, c.name,
            CASE s WHEN '01' THEN '新增入党申请人' WHEN '03' THEN '列为入党积极分子'
                   WHEN '07' THEN '列为发展对象' ELSE '吸收为预备党员' END;
    END IF;
    IF s = '17' THEN
        RETURN app.dev_approve(pid, expected, on_day, confirm);
    END IF;
    IF NOT (c.stage <= p.stage OR (c.stage::integer = p.stage::integer + 1 AND p.stage >= '3')) THEN
        RAISE EXCEPTION '“%”现为%，还不能记录第%步“%”', p.name,
            (SELECT name FROM code.stage WHERE code = p.stage), c.code, c.name;
    END IF;
    IF on_day IS NULL THEN
        RAISE EXCEPTION '请填写第%步“%”的日期', c.code, c.name;
    END IF;
    applied := app.dev_step_on(p.id, '01');
    IF on_day < applied THEN
        RAISE EXCEPTION '第%步“%”的日期%早于递交入党申请书日期%', c.code, c.name, app.dev_d(on_day),
            app.dev_d(applied);
    END IF;
    IF s = '02' AND applied IS NOT NULL THEN
        w := array_remove(w || app.dev_talk_warning(applied, on_day), NULL);
    END IF;
    IF cardinality(w) > 0 AND NOT coalesce(confirm, false) THEN
        RETURN (p.id, false, w)::app.dev_result;
    END IF;
    PERFORM app.dev_put(p.id, s, on_day, step_detail);
    PERFORM app.dev_accepted(w, p.org_id, format('“%s”第%s步“%s”', p.name, c.code, c.name));
    RETURN (p.id, true, w)::app.dev_result;
END
$$;

-- ---------------------------------------------------------------------------
-- Reading, with the clerk's rights.

-- 申请人管理: one page of org's applicants, activists and development targets
-- (subtree: and below), in app.member_page's order and paging.
CREATE FUNCTION app.applicant_page(org bigint, subtree boolean, after_name text, after_id bigint,
                                   backward boolean, page integer)
    RETURNS TABLE (id bigint, version integer, name text, sex text, birth_date text,
                   stage_code text, stage text, org_id bigint, org_name text, applied_on text,
                   talk_on text, activist_on text, target_on text, id_number text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT m.id, p.version, m.name, m.sex, m.birth_date, p.stage, m.stage, m.org_id, m.org_name,
           (SELECT to_char(s.step_date, 'YYYY-MM-DD') FROM app.dev_step s WHERE s.person_id = m.id AND s.step = '01'),
           (SELECT to_char(s.step_date, 'YYYY-MM-DD') FROM app.dev_step s WHERE s.person_id = m.id AND s.step = '02'),
           (SELECT to_char(s.step_date, 'YYYY-MM-DD') FROM app.dev_step s WHERE s.person_id = m.id AND s.step = '03'),
           (SELECT to_char(s.step_date, 'YYYY-MM-DD') FROM app.dev_step s WHERE s.person_id = m.id AND s.step = '07'),
           m.id_number
      FROM app.member_page(org, subtree, NULL, NULL, '{1,2,3}', false, after_name, after_id,
                           backward, page) WITH ORDINALITY AS m
      JOIN app.person p ON p.id = m.id
     ORDER BY m.ordinality
$$;

CREATE FUNCTION app.applicant_count(org bigint, subtree boolean, cap integer) RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    RETURN app.member_count(org, subtree, NULL, NULL, '{1,2,3}', false, cap);

-- A person's development: the dates the rules compare.  No row when the
-- person is not visible.
CREATE FUNCTION app.dev_status(pid bigint)
    RETURNS TABLE (person_id bigint, version integer, name text, stage_code text, stage text,
                   historical boolean, applied_on text, talk_on text, activist_on text,
                   target_eligible_on text, target_on text, joined_on text, approved_on text,
                   probation_end text, extended_until text, full_on text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT p.id, p.version, p.name, p.stage, (SELECT g.name FROM code.stage g WHERE g.code = p.stage),
           p.history_reason IS NOT NULL,
           to_char(app.dev_step_on(p.id, '01'), 'YYYY-MM-DD'),
           to_char(app.dev_step_on(p.id, '02'), 'YYYY-MM-DD'),
           to_char(app.dev_step_on(p.id, '03'), 'YYYY-MM-DD'),
           to_char(app.dev_after(app.dev_step_on(p.id, '03'), 'dev.activist_min'), 'YYYY-MM-DD'),
           to_char(app.dev_step_on(p.id, '07'), 'YYYY-MM-DD'),
           to_char(p.joined_party_on, 'YYYY-MM-DD'),
           to_char((SELECT s.approved_on FROM app.standing s WHERE s.person_id = p.id AND s.event = 'join'), 'YYYY-MM-DD'),
           to_char(CASE WHEN p.joined_party_on IS NOT NULL THEN app.dev_probation_end(p.id, p.joined_party_on) END, 'YYYY-MM-DD'),
           to_char((SELECT s.until_date FROM app.standing s WHERE s.person_id = p.id AND s.event = 'extend'), 'YYYY-MM-DD'),
           to_char(p.became_full_on, 'YYYY-MM-DD')
      FROM app.person p WHERE p.id = pid
$$;

-- The 25 steps in order with their dates ("" when not recorded); no rows when
-- the person is not visible.
CREATE FUNCTION app.dev_steps(pid bigint)
    RETURNS TABLE (step integer, name text, phase text, step_date text, detail text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT c.code::integer, c.name, g.phase, to_char(s.step_date, 'YYYY-MM-DD'), s.detail
      FROM app.person p
      CROSS JOIN code.dev_step c
      JOIN code.stage g ON g.code = c.stage
      LEFT JOIN app.dev_step s ON s.person_id = p.id AND s.step = c.code
     WHERE p.id = pid
     ORDER BY c.sort
$$;

-- ---------------------------------------------------------------------------
-- Direct writes by clerks (see the header).  Not SECURITY DEFINER: current_user
-- is whoever writes, the owner inside the workflows.  Created through meta.ddl
-- for the {clerk} group's name.
SELECT meta.ddl($ddl$
CREATE FUNCTION app.tg_dev_direct_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    o jsonb;
    n jsonb;
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
       OR NOT pg_has_role(current_user, '{clerk}', 'MEMBER') THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        o := to_jsonb(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        n := to_jsonb(NEW);
    END IF;
    IF TG_TABLE_NAME = 'person' AND n ->> 'stage' IN ('2', '3') THEN
        RAISE EXCEPTION '入党积极分子和发展对象须经“申请人管理”的培养发展办理，不能直接登记'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'dev_direct_write';
    ELSIF TG_TABLE_NAME = 'dev_step'
          AND (o ->> 'step' IN ('01', '03', '07', '15') OR n ->> 'step' IN ('01', '03', '07', '15')) THEN
        RAISE EXCEPTION '第%步由“申请人管理”的培养发展办理时记录，不能直接修改',
            coalesce(n ->> 'step', o ->> 'step')
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'dev_direct_write';
    ELSIF TG_TABLE_NAME = 'standing'
          AND (o ->> 'event' IN ('extend', 'cancel') OR n ->> 'event' IN ('extend', 'cancel')) THEN
        RAISE EXCEPTION '延长预备期和取消预备党员资格须通过相应的办理功能，不能直接修改'
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'dev_direct_write';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$
$ddl$);

CREATE TRIGGER b05_dev_guard BEFORE INSERT ON app.person
    FOR EACH ROW EXECUTE FUNCTION app.tg_dev_direct_guard();
CREATE TRIGGER b05_dev_guard BEFORE INSERT OR UPDATE OR DELETE ON app.dev_step
    FOR EACH ROW EXECUTE FUNCTION app.tg_dev_direct_guard();
CREATE TRIGGER b05_dev_guard BEFORE INSERT OR UPDATE OR DELETE ON app.standing
    FOR EACH ROW EXECUTE FUNCTION app.tg_dev_direct_guard();

SELECT meta.ddl('REVOKE UPDATE (stage, joined_party_on, became_full_on) ON app.person
                 FROM {branch}, {general_branch}, {committee}, {district}, {city}');

-- ---------------------------------------------------------------------------
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION
    app.dev_apply(bigint, text, text, text, date, text, text, text, text, text, date, text, text,
                  text, date, date, text, boolean),
    app.dev_activist(bigint, integer, date, date, date, bigint[], text[], boolean),
    app.dev_target(bigint, integer, date, date, date, date, integer, integer, text, bigint[],
                   text[], boolean),
    app.dev_admit(bigint[], integer[], date, date, date, date, date, date, date, bigint[], text[],
                  boolean),
    app.dev_approve(bigint, integer, date, boolean),
    app.dev_confirm(bigint, integer, date, date, date, text, boolean),
    app.dev_extend(bigint, integer, date, integer, text, boolean),
    app.dev_cancel(bigint, integer, date, text, boolean),
    app.dev_record_step(bigint, integer, text, date, text, boolean),
    app.applicant_page(bigint, boolean, text, bigint, boolean, integer),
    app.applicant_count(bigint, boolean, integer),
    app.dev_status(bigint), app.dev_steps(bigint),
    app.dev_step_on(bigint, text), app.dev_after(date, text), app.dev_probation_end(bigint, date)
    TO {clerk}');

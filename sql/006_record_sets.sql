-- 006: a person's record sets, the tabs of the manual's 1.9.1.2 (基本信息 is
-- app.person itself) plus 奖惩.  Each is a table of dated rows keyed by
-- person_id, with id, version, updated_at, updated_by like every table of app.
--   学历学位 app.education   工作岗位 app.job        职务信息 app.post
--   技术职务 app.tech_title  党籍信息 app.standing   组织关系 app.org_relation
--   培养发展 app.dev_step (one row per step) and app.dev_contact (培养联系人,
--            入党介绍人: the rules count them and need to know they are members)
--   民主评议 app.appraisal   奖惩     app.reward
-- The manual's add-member wizard (1.9.1.1: 基本信息, 学历, 岗位, 党籍, then the
-- optional 组织关系 page) writes app.person, app.education, app.job,
-- app.standing and app.org_relation in one transaction; its applicant variant
-- (1.1) writes app.person and app.dev_step.
-- Rows may be added, changed and deleted (each change audited, later), except:
-- a row never moves to another person; nothing of a person in transit changes
-- (app.org_relation excepted: the transfer workflow writes it); and
-- app.org_relation is written only by the transfer workflows (no clerk grants).
-- Dates: from_date <= to_date wherever both exist; to_date NULL = still so.

-- BEFORE INSERT OR UPDATE on app.post and app.org_relation: an empty org_name
-- is the organization's full name.
CREATE FUNCTION app.tg_org_name() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.org_name IS NULL AND NEW.org_id IS NOT NULL THEN
        NEW.org_name := (SELECT full_name FROM app.org WHERE id = NEW.org_id);
    END IF;
    RETURN NEW;
END
$$;

-- BEFORE INSERT OR UPDATE OR DELETE on every record set.
CREATE FUNCTION app.tg_record_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    pid  bigint;
    who  text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        pid := OLD.person_id;
    ELSE
        pid := NEW.person_id;
        IF TG_OP = 'UPDATE' AND NEW.person_id IS DISTINCT FROM OLD.person_id THEN
            RAISE EXCEPTION '记录不能改到其他人员名下' USING ERRCODE = 'check_violation',
                SCHEMA = 'app', TABLE = TG_TABLE_NAME, COLUMN = 'person_id',
                CONSTRAINT = TG_TABLE_NAME || '_person_fixed';
        END IF;
    END IF;
    -- pg_trigger_depth() > 1: a change made by another trigger (the foreign key's
    -- ON DELETE SET NULL when an organization is deleted), not by a clerk.
    IF TG_TABLE_NAME <> 'org_relation' AND pg_trigger_depth() = 1 THEN
        SELECT name INTO who FROM app.person WHERE id = pid AND in_transit;
        IF FOUND THEN
            RAISE EXCEPTION '“%”的组织关系正在转接，对方接收或撤销转接之前不能修改', who
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = TG_TABLE_NAME,
                      CONSTRAINT = 'person_in_transit_frozen';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

-- 学历学位
CREATE TABLE app.education (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES app.person,
    education  text REFERENCES code.education,
    degree     text REFERENCES code.degree,
    school     text,
    major      text,
    full_time  boolean,
    from_date  date,
    to_date    date,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user,
    CONSTRAINT education_has_level CHECK (education IS NOT NULL OR degree IS NOT NULL),
    CONSTRAINT education_dates_ordered CHECK (from_date <= to_date)
);
SELECT meta.text_checks('app.education', 'school', 100);
SELECT meta.text_checks('app.education', 'major', 100);

-- 工作岗位.  unit_nature follows the unit (the manual's 2.6: after 单位转制
-- each member's 工作岗位 row is changed); person_category is the 工作岗位 group.
CREATE TABLE app.job (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id       bigint NOT NULL REFERENCES app.person,
    unit_name       text NOT NULL,
    unit_nature     text REFERENCES code.unit_nature,
    person_category text REFERENCES code.person_category,
    post            text,
    from_date       date,
    to_date         date,
    version         integer NOT NULL DEFAULT 1,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    updated_by      text NOT NULL DEFAULT session_user,
    CONSTRAINT job_dates_ordered CHECK (from_date <= to_date)
);
SELECT meta.text_checks('app.job', 'unit_name', 100, true);
SELECT meta.text_checks('app.job', 'post', 50);

-- 职务信息: a party post in an organization; to_date is the 免职日期 (a new
-- term fills it in for the previous term's leaders).  org_name keeps the
-- organization's full name (see app.tg_org_name), so the row survives the
-- organization's deletion and can name one outside the city.
CREATE TABLE app.post (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES app.person,
    party_post   text NOT NULL REFERENCES code.party_post,
    org_id       bigint REFERENCES app.org ON DELETE SET NULL,
    org_name     text NOT NULL,
    from_date    date NOT NULL,
    to_date      date,
    approval_doc text,
    note         text,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text NOT NULL DEFAULT session_user,
    CONSTRAINT post_dates_ordered CHECK (from_date <= to_date)
);
SELECT meta.text_checks('app.post', 'org_name', 100, true);
SELECT meta.text_checks('app.post', 'approval_doc', 50);
SELECT meta.text_checks('app.post', 'note', 200, false, true);
CREATE INDEX post_org ON app.post (org_id);

-- 技术职务: qualified_on 取得资格日期; from_date .. to_date 聘任.
CREATE TABLE app.tech_title (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES app.person,
    title        text NOT NULL REFERENCES code.tech_title,
    qualified_on date,
    unit_name    text,
    from_date    date,
    to_date      date,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text NOT NULL DEFAULT session_user,
    CONSTRAINT tech_title_dates_ordered CHECK (from_date <= to_date)
);
SELECT meta.text_checks('app.tech_title', 'unit_name', 100);

-- 党籍信息: the events of a person's party standing.  app.person keeps the
-- current facts (stage, joined_party_on, became_full_on, history_*); these rows
-- are how they came about.  event:
--   join     接收为预备党员 (event_date = 支部大会 date)
--   full     转为正式党员
--   extend   延长预备期 (until_date = the new end; once only)
--   cancel   取消预备党员资格
--   suspend  停止党籍
--   restore  恢复党籍
--   note     其他党籍说明
CREATE TABLE app.standing (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES app.person,
    event        text NOT NULL,
    event_date   date NOT NULL,
    until_date   date,
    approved_on  date,
    approval_doc text,
    note         text,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text NOT NULL DEFAULT session_user,
    CONSTRAINT standing_event_known
        CHECK (event IN ('join', 'full', 'extend', 'cancel', 'suspend', 'restore', 'note')),
    CONSTRAINT standing_extend_has_end CHECK ((event = 'extend') = (until_date IS NOT NULL)),
    CONSTRAINT standing_dates_ordered CHECK (until_date > event_date),
    CONSTRAINT standing_approved_after_event CHECK (approved_on >= event_date)
);
SELECT meta.text_checks('app.standing', 'approval_doc', 50);
SELECT meta.text_checks('app.standing', 'note', 500, false, true);
-- 预备期只能延长一次; and one admission, one 转正 per person.
CREATE UNIQUE INDEX standing_once ON app.standing (person_id, event)
    WHERE event IN ('join', 'full', 'extend');

-- 组织关系: which organization from when to when.  Written by the transfer
-- workflows only; one open row (to_date NULL) per person.  As in app.post,
-- org_name keeps the name: an organization outside the city has only the name,
-- and deleting an emptied organization (the manual's 2.4.2) keeps the history.
CREATE TABLE app.org_relation (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id     bigint NOT NULL REFERENCES app.person,
    org_id        bigint REFERENCES app.org ON DELETE SET NULL,
    org_name      text NOT NULL,
    from_date     date NOT NULL,
    to_date       date,
    transfer_kind text REFERENCES code.transfer_kind,
    note          text,
    version       integer NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text NOT NULL DEFAULT session_user,
    CONSTRAINT org_relation_dates_ordered CHECK (from_date <= to_date)
);
SELECT meta.text_checks('app.org_relation', 'org_name', 100, true);
SELECT meta.text_checks('app.org_relation', 'note', 200, false, true);
CREATE UNIQUE INDEX org_relation_one_open ON app.org_relation (person_id) WHERE to_date IS NULL;
CREATE INDEX org_relation_org ON app.org_relation (org_id);

-- 培养发展: the 25 steps, each at most once per person, each with its date.
CREATE TABLE app.dev_step (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES app.person,
    step       text NOT NULL REFERENCES code.dev_step,
    step_date  date NOT NULL,
    detail     text,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user,
    CONSTRAINT dev_step_once UNIQUE (person_id, step)
);
SELECT meta.text_checks('app.dev_step', 'detail', 500, false, true);

-- 培养联系人 (role contact) and 入党介绍人 (role sponsor).  member_id names the
-- member when they are in this registry (the rules require full members);
-- member_name is always kept, as the letters and forms print it.
CREATE TABLE app.dev_contact (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   bigint NOT NULL REFERENCES app.person,
    role        text NOT NULL,
    member_id   bigint REFERENCES app.person,
    member_name text NOT NULL,
    from_date   date,
    to_date     date,
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  text NOT NULL DEFAULT session_user,
    CONSTRAINT dev_contact_role_known CHECK (role IN ('contact', 'sponsor')),
    CONSTRAINT dev_contact_not_self CHECK (member_id <> person_id),
    CONSTRAINT dev_contact_dates_ordered CHECK (from_date <= to_date)
);
SELECT meta.text_checks('app.dev_contact', 'member_name', 50, true);
CREATE INDEX dev_contact_member ON app.dev_contact (member_id) WHERE member_id IS NOT NULL;

-- 民主评议: one result a year.
CREATE TABLE app.appraisal (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES app.person,
    year       integer NOT NULL,
    result     text NOT NULL REFERENCES code.appraisal,
    note       text,
    version    integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL DEFAULT session_user,
    CONSTRAINT appraisal_year_range CHECK (year BETWEEN 1921 AND 2200),
    CONSTRAINT appraisal_once_a_year UNIQUE (person_id, year)
);
SELECT meta.text_checks('app.appraisal', 'note', 200, false, true);

-- 奖惩: kind (code.reward_kind) says reward or sanction; title its own name.
CREATE TABLE app.reward (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES app.person,
    kind         text NOT NULL REFERENCES code.reward_kind,
    title        text,
    reward_date  date NOT NULL,
    reason       text,
    approved_by  text,
    approval_doc text,
    version      integer NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text NOT NULL DEFAULT session_user
);
SELECT meta.text_checks('app.reward', 'title', 100);
SELECT meta.text_checks('app.reward', 'reason', 500, false, true);
SELECT meta.text_checks('app.reward', 'approved_by', 100);
SELECT meta.text_checks('app.reward', 'approval_doc', 50);

-- The common parts: an index by person (where no unique key starts with it),
-- the guard and stamp triggers, row-level security with the owner's policy.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                             'dev_step', 'dev_contact', 'appraisal', 'reward'] LOOP
        IF t NOT IN ('dev_step', 'appraisal') THEN
            EXECUTE format('CREATE INDEX %I ON app.%I (person_id)', t || '_person', t);
        END IF;
        EXECUTE format('CREATE TRIGGER b10_guard BEFORE INSERT OR UPDATE OR DELETE ON app.%I '
                       'FOR EACH ROW EXECUTE FUNCTION app.tg_record_guard()', t);
        EXECUTE format('CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.%I '
                       'FOR EACH ROW EXECUTE FUNCTION app.tg_stamp()', t);
        IF t IN ('post', 'org_relation') THEN
            EXECUTE format('CREATE TRIGGER b20_org_name BEFORE INSERT OR UPDATE ON app.%I '
                           'FOR EACH ROW EXECUTE FUNCTION app.tg_org_name()', t);
        END IF;
        EXECUTE format('ALTER TABLE app.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
        PERFORM meta.ddl(format('CREATE POLICY owner_all ON app.%I TO {owner} '
                                'USING (true) WITH CHECK (true)', t));
    END LOOP;
END
$$;

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;

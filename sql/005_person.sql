-- 005: people.  One row per person, whatever their stage, never deleted.
--
--   * app.citizen_id_problem(text): the first thing wrong with an ID number
--     (GB 11643, the order and rules of src/model/citizen_id.h: 18 characters,
--     digits and a final digit or X, a province of code.province, a real birth
--     date from 1900 to today, the check character), in Chinese; NULL when good.
--     Surrounding blanks and a lower-case x are forgiven, as the trigger
--     forgives them before storing.  app.citizen_id_valid(text) is its boolean.
--   * app.person: id_number NULL when unknown (the manual's "#", which the
--     trigger also accepts and turns into NULL), unique when known; a known
--     number fills an empty birth date and must agree with birth date and sex
--     (1 男 / 2 女; 0 and 9 are not compared).
--   * Derived, never typed: org_key (the organization's path_key), district_id,
--     transit_to_key (the receiving organization's path_key while in transit),
--     version, updated_at, updated_by.  Scope tests on members are btree ranges
--     on org_key: org_key >= K AND org_key < app.key_upper(K).
--   * In transit (a transfer sent, not yet received or cancelled) the row is
--     frozen: only the transfer workflow's change of in_transit itself unfreezes
--     it.  Leaving the roll is history_reason (code.history_reason) with its
--     date: the row stays.  DELETE and TRUNCATE are refused.
--   * Name search (PERFORMANCE.md): the column sorts in pinyin (COLLATE
--     "zh-x-icu"), so ORDER BY name is what clerks expect; prefix search uses
--     the C-collated index: name COLLATE "C" >= $1 AND name COLLATE "C" < $1 ||
--     U&'\+10FFFF' (or LIKE with COLLATE "C", the clerk's % _ \ escaped);
--     contains search uses the GIN index through app.name_contains(name, $1).
--     ID-number prefix: id_number LIKE $1 || '%' (escaped likewise; the column
--     is C-collated, so its unique index serves it).
--     Clerks' INSERT and UPDATE evaluate app.name_grams for the index, so the
--     clerk group needs EXECUTE on it, and on app.name_query_grams and
--     app.name_contains to search (granted with the other clerk grants).

-- ---------------------------------------------------------------------------
-- Citizen ID numbers
CREATE FUNCTION app.citizen_id_problem(id text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    weights constant integer[] := ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    total   integer := 0;
    born    date;
BEGIN
    id := upper(btrim(id, E' \t\u3000'));
    IF id ~ '^[0-9]{15}$' THEN
        RETURN '身份证号是15位的旧号码，请填写18位的新号码';
    ELSIF char_length(id) <> 18 THEN
        RETURN format('身份证号应为18位，现在是%s位（确实不知道时填“#”）', char_length(id));
    ELSIF id !~ '^[0-9]{17}[0-9X]$' THEN
        RETURN '身份证号前17位应为数字，第18位应为数字或X';
    ELSIF NOT EXISTS (SELECT 1 FROM code.province WHERE code = substr(id, 1, 2)) THEN
        RETURN format('身份证号前两位“%s”不是省（区、市）代码', substr(id, 1, 2));
    END IF;
    BEGIN
        born := make_date(substr(id, 7, 4)::integer, substr(id, 11, 2)::integer,
                          substr(id, 13, 2)::integer);
    EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
        born := NULL;
    END;
    IF born IS NULL OR born < date '1900-01-01' THEN
        RETURN format('身份证号第7至14位“%s”不是有效的出生日期', substr(id, 7, 8));
    ELSIF born > current_date THEN
        RETURN format('身份证号中的出生日期“%s”晚于今天', substr(id, 7, 8));
    END IF;
    FOR i IN 1 .. 17 LOOP
        total := total + substr(id, i, 1)::integer * weights[i];
    END LOOP;
    IF substr('10X98765432', total % 11 + 1, 1) <> substr(id, 18, 1) THEN
        RETURN '身份证号的校验位（第18位）与前17位不符，请逐位核对';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION app.citizen_id_valid(id text) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    RETURN app.citizen_id_problem(id) IS NULL;

-- ---------------------------------------------------------------------------
-- Name pieces for contains search: every 1- and 2-character piece, once.
CREATE FUNCTION app.name_grams(name text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(SELECT DISTINCT substr(name COLLATE "C", i, l)
                   FROM generate_series(1, char_length(name)) AS i,
                        generate_series(1, 2) AS l
                  WHERE i + l - 1 <= char_length(name));

-- What a typed search string must find in name_grams: the string itself when it
-- is one character, else each of its 2-character pieces (then strpos confirms).
CREATE FUNCTION app.name_query_grams(q text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN char_length(q) = 1 THEN ARRAY[q COLLATE "C"]
                ELSE ARRAY(SELECT DISTINCT substr(q COLLATE "C", i, 2)
                             FROM generate_series(1, char_length(q) - 1) AS i) END;

-- Contains search in the form the GIN index person_name_grams serves (the
-- planner inlines it): WHERE app.name_contains(name, $1).  The pieces are
-- compared in the "C" collation on both sides, as the index stores them; the
-- pinyin-collated name alone would not match the index.
CREATE FUNCTION app.name_contains(name text, q text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN app.name_grams(name COLLATE "C") @> app.name_query_grams(q) AND strpos(name, q) > 0;

-- ---------------------------------------------------------------------------
CREATE TABLE app.person (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text COLLATE "zh-x-icu" NOT NULL,
    sex               text NOT NULL REFERENCES code.sex,
    ethnicity         text REFERENCES code.ethnicity,
    birth_date        date,
    id_number         text COLLATE "C",
    native_place      text,
    education         text REFERENCES code.education,
    degree            text REFERENCES code.degree,
    political_status  text REFERENCES code.political_status,
    joined_work_on    date,
    phone             text,
    address           text,
    person_category   text REFERENCES code.person_category,
    -- membership
    stage             text NOT NULL REFERENCES code.stage,
    org_id            bigint NOT NULL REFERENCES app.org,
    org_key           text COLLATE "C" NOT NULL,
    district_id       bigint,
    joined_party_on   date,
    became_full_on    date,
    -- historical members (历史党员)
    history_reason    text REFERENCES code.history_reason,
    history_on        date,
    history_detail    text,
    exit_kind         text REFERENCES code.exit_kind,
    suspend_reason    text REFERENCES code.suspend_reason,
    -- an organization-relationship transfer sent and not yet received
    in_transit        boolean NOT NULL DEFAULT false,
    transit_since     date,
    transit_to_org_id bigint REFERENCES app.org,
    transit_to_key    text COLLATE "C",
    transit_dest      text,
    version           integer NOT NULL DEFAULT 1,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text NOT NULL DEFAULT session_user,
    CONSTRAINT person_id_number_key UNIQUE (id_number),
    CONSTRAINT person_id_number_format CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    CONSTRAINT person_birth_date_matches_id CHECK (
        id_number IS NULL OR birth_date IS NULL
        OR substr(id_number, 7, 8)::integer = extract(year FROM birth_date)::integer * 10000
                                             + extract(month FROM birth_date)::integer * 100
                                             + extract(day FROM birth_date)::integer),
    CONSTRAINT person_sex_matches_id CHECK (
        id_number IS NULL OR sex NOT IN ('1', '2')
        OR sex = CASE substr(id_number, 17, 1)::integer % 2 WHEN 1 THEN '1' ELSE '2' END),
    CONSTRAINT person_member_has_join_date CHECK (stage NOT IN ('4', '5') OR joined_party_on IS NOT NULL),
    CONSTRAINT person_join_date_only_members CHECK (stage IN ('4', '5') OR joined_party_on IS NULL),
    CONSTRAINT person_full_date_only_full CHECK ((stage = '5') = (became_full_on IS NOT NULL)),
    CONSTRAINT person_full_after_join CHECK (became_full_on >= joined_party_on),
    CONSTRAINT person_join_after_birth CHECK (joined_party_on > birth_date),
    CONSTRAINT person_work_after_birth CHECK (joined_work_on > birth_date),
    CONSTRAINT person_history_has_date CHECK ((history_reason IS NULL) = (history_on IS NULL)),
    CONSTRAINT person_history_detail_only_historical CHECK (
        history_reason IS NOT NULL
        OR (history_detail IS NULL AND exit_kind IS NULL AND suspend_reason IS NULL)),
    CONSTRAINT person_transit_has_date CHECK (in_transit = (transit_since IS NOT NULL)),
    CONSTRAINT person_transit_has_destination CHECK (
        in_transit = (transit_to_org_id IS NOT NULL OR transit_dest IS NOT NULL)),
    CONSTRAINT person_historical_not_in_transit CHECK (NOT (in_transit AND history_reason IS NOT NULL))
);
SELECT meta.text_checks('app.person', 'name', 50, true);
SELECT meta.text_checks('app.person', 'native_place', 50);
SELECT meta.text_checks('app.person', 'phone', 30);
SELECT meta.text_checks('app.person', 'address', 200);
SELECT meta.text_checks('app.person', 'history_detail', 500, false, true);
SELECT meta.text_checks('app.person', 'transit_dest', 100);

COMMENT ON COLUMN app.person.id_number IS '公民身份号码 (GB 11643); NULL when unknown (the manual''s #)';
COMMENT ON COLUMN app.person.org_key IS 'derived: the organization''s path_key, for scope ranges';
COMMENT ON COLUMN app.person.district_id IS 'derived: the organization''s district_id';
COMMENT ON COLUMN app.person.transit_to_key IS 'derived: the receiving organization''s path_key while in transit';
COMMENT ON COLUMN app.person.joined_party_on IS '入党日期: the branch meeting that admitted the probationary member';
COMMENT ON COLUMN app.person.became_full_on IS '转正日期: party standing counts from here';

CREATE INDEX person_name_prefix ON app.person ((name COLLATE "C"), id);
CREATE INDEX person_name_pinyin ON app.person (name, id);
CREATE INDEX person_name_grams ON app.person USING gin (app.name_grams(name COLLATE "C"));
CREATE INDEX person_org_name ON app.person (org_id, name, id);
CREATE INDEX person_district_name ON app.person (district_id, name, id);
CREATE INDEX person_org_key ON app.person (org_key);
CREATE INDEX person_transit_to ON app.person (transit_to_org_id) WHERE transit_to_org_id IS NOT NULL;
CREATE INDEX person_transit_key ON app.person (transit_to_key) WHERE transit_to_key IS NOT NULL;

-- ---------------------------------------------------------------------------
-- BEFORE INSERT OR UPDATE: normalize and check the ID number, derive the
-- organization copies, freeze a member in transit.  As the owner, so the
-- derivation does not depend on what the clerk may read.
CREATE FUNCTION app.tg_person_derive() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    derived constant text[] := ARRAY['org_key', 'district_id', 'transit_to_key', 'version',
                                     'updated_at', 'updated_by'];
    problem text;
    born    date;
    o       record;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.in_transit AND NEW.in_transit
       AND (to_jsonb(NEW) - derived) IS DISTINCT FROM (to_jsonb(OLD) - derived) THEN
        RAISE EXCEPTION '“%”的组织关系正在转接，对方接收或撤销转接之前不能修改', OLD.name
            USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'person',
                  CONSTRAINT = 'person_in_transit_frozen';
    END IF;

    NEW.id_number := nullif(nullif(upper(btrim(NEW.id_number, E' \t\u3000')), '#'), '');
    IF NEW.id_number IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.id_number IS DISTINCT FROM OLD.id_number) THEN
        problem := app.citizen_id_problem(NEW.id_number);
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION '%', problem USING ERRCODE = 'check_violation', SCHEMA = 'app',
                TABLE = 'person', COLUMN = 'id_number', CONSTRAINT = 'person_id_number_valid';
        END IF;
    END IF;
    IF NEW.id_number IS NOT NULL AND NEW.id_number ~ '^[0-9]{17}[0-9X]$' THEN
        born := make_date(substr(NEW.id_number, 7, 4)::integer, substr(NEW.id_number, 11, 2)::integer,
                          substr(NEW.id_number, 13, 2)::integer);
        IF NEW.birth_date IS NULL THEN
            NEW.birth_date := born;
        ELSIF NEW.birth_date <> born THEN
            RAISE EXCEPTION '出生日期 % 与身份证号不符：身份证号中的出生日期是 %', NEW.birth_date, born
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'person',
                      COLUMN = 'birth_date', CONSTRAINT = 'person_birth_date_matches_id';
        END IF;
        IF NEW.sex IN ('1', '2')
           AND NEW.sex <> (CASE substr(NEW.id_number, 17, 1)::integer % 2 WHEN 1 THEN '1' ELSE '2' END) THEN
            RAISE EXCEPTION '性别与身份证号不符：身份证号第17位表示%',
                CASE substr(NEW.id_number, 17, 1)::integer % 2 WHEN 1 THEN '男' ELSE '女' END
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'person',
                      COLUMN = 'sex', CONSTRAINT = 'person_sex_matches_id';
        END IF;
    END IF;

    SELECT path_key, district_id, state, name INTO o FROM app.org WHERE id = NEW.org_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION '所在党组织不存在' USING ERRCODE = 'foreign_key_violation', SCHEMA = 'app',
            TABLE = 'person', COLUMN = 'org_id', CONSTRAINT = 'person_org_id_fkey';
    END IF;
    IF o.state = 'dissolved' AND (TG_OP = 'INSERT' OR NEW.org_id IS DISTINCT FROM OLD.org_id) THEN
        RAISE EXCEPTION '党组织“%”已撤销，不能接收人员', o.name
            USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'person',
                  COLUMN = 'org_id', CONSTRAINT = 'person_org_active';
    END IF;
    NEW.org_key := o.path_key;
    NEW.district_id := o.district_id;

    IF NEW.transit_to_org_id IS NULL THEN
        NEW.transit_to_key := NULL;
    ELSE
        SELECT path_key, state, name INTO o FROM app.org WHERE id = NEW.transit_to_org_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION '接收党组织不存在' USING ERRCODE = 'foreign_key_violation', SCHEMA = 'app',
                TABLE = 'person', COLUMN = 'transit_to_org_id',
                CONSTRAINT = 'person_transit_to_org_id_fkey';
        END IF;
        IF o.state = 'dissolved'
           AND (TG_OP = 'INSERT' OR NEW.transit_to_org_id IS DISTINCT FROM OLD.transit_to_org_id) THEN
            RAISE EXCEPTION '党组织“%”已撤销，不能接收人员', o.name
                USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'person',
                      COLUMN = 'transit_to_org_id', CONSTRAINT = 'person_org_active';
        END IF;
        NEW.transit_to_key := o.path_key;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION app.tg_person_no_delete() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RAISE EXCEPTION '人员记录不能删除：出党、死亡、停止党籍、转出本市等请办理相应手续，记录作为历史党员保留'
        USING ERRCODE = 'restrict_violation', SCHEMA = 'app', TABLE = 'person',
              CONSTRAINT = 'person_never_deleted';
END
$$;

CREATE TRIGGER b10_derive BEFORE INSERT OR UPDATE ON app.person
    FOR EACH ROW EXECUTE FUNCTION app.tg_person_derive();
CREATE TRIGGER b90_stamp BEFORE INSERT OR UPDATE ON app.person
    FOR EACH ROW EXECUTE FUNCTION app.tg_stamp();
CREATE TRIGGER b10_no_delete BEFORE DELETE ON app.person
    FOR EACH ROW EXECUTE FUNCTION app.tg_person_no_delete();
CREATE TRIGGER b10_no_truncate BEFORE TRUNCATE ON app.person
    FOR EACH STATEMENT EXECUTE FUNCTION app.tg_person_no_delete();

-- ---------------------------------------------------------------------------
-- The organization side: a dissolved organization holds nobody, and a moved
-- organization's people follow it (their derived copies are recomputed).
CREATE FUNCTION app.tg_org_dissolve_empty() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    n bigint;
BEGIN
    SELECT count(*) INTO n FROM app.person WHERE org_id = NEW.id OR transit_to_org_id = NEW.id;
    IF n > 0 THEN
        RAISE EXCEPTION '该组织中还有党员、申请人或历史党员（% 人），请先把他们转移到其他组织', n
            USING ERRCODE = 'check_violation', SCHEMA = 'app', TABLE = 'org',
                  COLUMN = 'state', CONSTRAINT = 'org_dissolve_empty';
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION app.tg_org_person_keys() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    UPDATE app.person SET org_id = org_id WHERE org_id = NEW.id;
    UPDATE app.person SET transit_to_org_id = transit_to_org_id WHERE transit_to_org_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER b20_dissolve_empty BEFORE UPDATE ON app.org
    FOR EACH ROW WHEN (NEW.state = 'dissolved' AND OLD.state <> 'dissolved')
    EXECUTE FUNCTION app.tg_org_dissolve_empty();
CREATE TRIGGER a20_person_keys AFTER UPDATE ON app.org
    FOR EACH ROW WHEN (OLD.path_key IS DISTINCT FROM NEW.path_key
                       OR OLD.district_id IS DISTINCT FROM NEW.district_id)
    EXECUTE FUNCTION app.tg_org_person_keys();

ALTER TABLE app.person ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON app.person TO {owner} USING (true) WITH CHECK (true)');

REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app FROM PUBLIC;

-- 011: row-level security for the clerks, and their grants.
--
-- Scope test.  meta.scope_sql(col) is the one text of "col lies in the
-- caller's scope": four OR'ed ranges
--     (col >= (SELECT app.my_scope_lo(n)) AND col < (SELECT app.my_scope_hi(n)))
-- on a "C"-collated key (app.org.path_key, org_key on people and record rows).
-- Each (SELECT ...) is an InitPlan, run once per statement; with the values as
-- parameters each range is a btree index condition (BitmapOr of index scans
-- for a scan of the scope, a filter after a primary-key lookup).  Unused
-- scopes are NULL: the range is empty.  The lookups read app.clerk.scope_keys
-- (010): one row, in PL/pgSQL with its plan cached, about 10 us a call.
-- Measured on 24,000 people in 800 branches with 72,000 education rows, a
-- committee clerk with 600 people in scope, EXPLAIN ANALYZE, warm, best of 9:
--     people, count of the scope          0.39 ms  BitmapOr on person_org_key
--     people, first 50 by name            0.93 ms  name index, range filter
--     people, one by id: own / foreign    0.10 / 0.19 ms
--     organizations, count of the scope   0.14 ms  BitmapOr on org_path_key
--     education, count of the scope       0.61 ms  BitmapOr on education_org_key
--     education, one person's rows        0.07 ms  education_person + filter
-- Query shape (for list screens): with the ranges as parameters the planner
-- cannot tell a branch from the city, and "first 50 by name" walks the whole
-- name index for a branch clerk (30 people: 9.3 ms at 24,000 people, every
-- other row filtered out); WITH s AS MATERIALIZED (SELECT ... FROM app.person)
-- SELECT ... ORDER BY name, id LIMIT 50 took 0.37 ms.  Small scopes want that
-- form, the city and districts the index walk.
-- Forms measured and dropped: for record rows, EXISTS (SELECT 1 FROM
-- app.person p WHERE p.id = person_id) (the people policy applies inside):
-- 0.32 ms for one person's rows, but 707 ms to count the scope's education
-- rows (a sequential scan of the whole table with a hashed subplan); and the
-- first scope lookup (an SQL function joining app.clerk_scope and app.org at
-- each call, 0.3 ms): 4.8 ms for a lookup by id.  So every record set carries
-- org_key, a copy of its person's, kept by triggers:
--     b20_person_key (BEFORE INSERT OR UPDATE on each record set) derives it;
--     a30_record_keys (AFTER UPDATE on app.person, when org_key changed)
--     pushes it to the person's rows;
-- and app.tg_record_guard (006) now lets such a derived-only update through
-- for a person in transit (an organization moved while a member of it is
-- being transferred).  A bulk load with the triggers off must fill org_key.
--
-- Policies (all PERMISSIVE; a command without a policy is refused):
--   app.org          read/insert/update in scope on path_key; no delete (later
--                    workflows); code and parent_id are not updatable (a move
--                    touches two organizations: a workflow).
--   app.person       read in scope on org_key, or transit_to_key (the receiving
--                    side sees a member on the way); insert/update in scope on
--                    org_key (USING and WITH CHECK); never deleted.  org_id and
--                    the transit columns change only through transfer workflows.
--   record sets      read/insert/update/delete in scope on org_key;
--                    app.org_relation read only (transfer workflows write it).
--   app.setting, app.org_kind_rule   read by every clerk, written by nobody
--                    but the owner (migrations).
--   app.clerk        a clerk reads its own row; an administrator the rows of
--                    clerks with a scope inside its own.  app.clerk_scope the
--                    same, row by row.  Writes: the user functions (013).
--   meta.*           nothing for clerks; meta.install readable by {useradmin}.
--   {city}           an extra read policy city_read USING (true) on every
--                    scoped table: a city clerk's full scans skip the range
--                    tests (count of all 24,000 people: 3.4 ms; with the
--                    ranges 5.7 ms; with city_read testing my_level() = 'city'
--                    per row 6.6 ms).
--   clerk_enabled    RESTRICTIVE, on every scoped table, every command:
--                    (SELECT app.my_level()) IS NOT NULL, so that a disabled
--                    clerk sees nothing at any level, the city included (one
--                    more InitPlan: 3.5 ms instead of 3.4 for the city's count).
-- Grants: SELECT to {clerk} (auditors included); INSERT/UPDATE column by
-- column and DELETE to the five levels, never on derived columns (path,
-- path_key, district_id, org_key, transit_to_key, version, updated_*); nothing
-- to PUBLIC; EXECUTE only on the functions clerks call or policies evaluate.

-- ---------------------------------------------------------------------------
-- The scope test as SQL text, for policies here and in later migrations.
CREATE FUNCTION meta.scope_sql(col text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT string_agg(format('(%1$s >= (SELECT app.my_scope_lo(%2$s)) AND %1$s < (SELECT app.my_scope_hi(%2$s)))',
                             col, n), ' OR ' ORDER BY n)
      FROM generate_series(1, 4) AS n
$$;

-- ---------------------------------------------------------------------------
-- Record sets: org_key, a copy of the person's.

-- 006's guard, unchanged but for the first test: an update that changes only
-- derived columns (the org_key copy and the stamps) passes, also for a person
-- in transit.
CREATE OR REPLACE FUNCTION app.tg_record_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    pid  bigint;
    who  text;
    derived constant text[] := ARRAY['org_key', 'version', 'updated_at', 'updated_by'];
BEGIN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - derived) = (to_jsonb(OLD) - derived) THEN
        RETURN NEW;
    END IF;
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
    IF TG_TABLE_NAME <> 'org_relation' THEN
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

-- BEFORE INSERT OR UPDATE: the person's org_key; NULL for a person that does
-- not exist (the clerk's WITH CHECK then refuses it exactly like a foreign one;
-- for the owner NOT NULL does).
CREATE FUNCTION app.tg_record_person_key() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    NEW.org_key := (SELECT org_key FROM app.person WHERE id = NEW.person_id);
    RETURN NEW;
END
$$;

-- AFTER UPDATE on app.person when org_key changed: every record set follows.
CREATE FUNCTION app.tg_person_record_keys() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                             'dev_step', 'dev_contact', 'appraisal', 'reward'] LOOP
        EXECUTE format('UPDATE app.%I SET org_key = $1 WHERE person_id = $2 AND org_key <> $1', t)
            USING NEW.org_key, NEW.id;
    END LOOP;
    RETURN NULL;
END
$$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                             'dev_step', 'dev_contact', 'appraisal', 'reward'] LOOP
        EXECUTE format('ALTER TABLE app.%I ADD COLUMN org_key text COLLATE "C"', t);
        EXECUTE format('COMMENT ON COLUMN app.%I.org_key IS %L', t,
                       'derived: the person''s org_key, for scope ranges');
        EXECUTE format('CREATE TRIGGER b20_person_key BEFORE INSERT OR UPDATE ON app.%I '
                       'FOR EACH ROW EXECUTE FUNCTION app.tg_record_person_key()', t);
        -- Rows that exist already (an installation migrated before this file).
        EXECUTE format('UPDATE app.%I SET org_key = NULL', t);
        EXECUTE format('ALTER TABLE app.%I ALTER COLUMN org_key SET NOT NULL', t);
        EXECUTE format('CREATE INDEX %I ON app.%I (org_key)', t || '_org_key', t);
    END LOOP;
END
$$;

CREATE TRIGGER a30_record_keys AFTER UPDATE ON app.person
    FOR EACH ROW WHEN (OLD.org_key IS DISTINCT FROM NEW.org_key)
    EXECUTE FUNCTION app.tg_person_record_keys();

-- ---------------------------------------------------------------------------
-- Policies.
DO $$
DECLARE
    in_scope_org    text := meta.scope_sql('path_key');
    in_scope_person text := meta.scope_sql('org_key');
    in_scope_recv   text := meta.scope_sql('transit_to_key');
    enabled         constant text := '(SELECT app.my_level()) IS NOT NULL';
    t               text;
BEGIN
    FOREACH t IN ARRAY ARRAY['org', 'person', 'education', 'job', 'post', 'tech_title', 'standing',
                             'org_relation', 'dev_step', 'dev_contact', 'appraisal', 'reward'] LOOP
        PERFORM meta.ddl(format('CREATE POLICY clerk_enabled ON app.%1$I AS RESTRICTIVE TO {clerk} '
                                'USING (%2$s) WITH CHECK (%2$s)', t, enabled));
        PERFORM meta.ddl(format('CREATE POLICY city_read ON app.%I FOR SELECT TO {city} USING (true)', t));
    END LOOP;

    -- Organizations.
    PERFORM meta.ddl(format('CREATE POLICY clerk_read ON app.org FOR SELECT TO {clerk} USING (%s)',
                            in_scope_org));
    PERFORM meta.ddl(format('CREATE POLICY clerk_insert ON app.org FOR INSERT TO {clerk} WITH CHECK (%s)',
                            in_scope_org));
    PERFORM meta.ddl(format('CREATE POLICY clerk_update ON app.org FOR UPDATE TO {clerk} '
                            'USING (%1$s) WITH CHECK (%1$s)', in_scope_org));

    -- People.
    PERFORM meta.ddl(format('CREATE POLICY clerk_read ON app.person FOR SELECT TO {clerk} USING (%s OR %s)',
                            in_scope_person, in_scope_recv));
    PERFORM meta.ddl(format('CREATE POLICY clerk_insert ON app.person FOR INSERT TO {clerk} WITH CHECK (%s)',
                            in_scope_person));
    PERFORM meta.ddl(format('CREATE POLICY clerk_update ON app.person FOR UPDATE TO {clerk} '
                            'USING (%1$s) WITH CHECK (%1$s)', in_scope_person));

    -- Record sets.
    FOREACH t IN ARRAY ARRAY['education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                             'dev_step', 'dev_contact', 'appraisal', 'reward'] LOOP
        PERFORM meta.ddl(format('CREATE POLICY clerk_read ON app.%I FOR SELECT TO {clerk} USING (%s)',
                                t, in_scope_person));
        CONTINUE WHEN t = 'org_relation';
        PERFORM meta.ddl(format('CREATE POLICY clerk_insert ON app.%I FOR INSERT TO {clerk} '
                                'WITH CHECK (%s)', t, in_scope_person));
        PERFORM meta.ddl(format('CREATE POLICY clerk_update ON app.%1$I FOR UPDATE TO {clerk} '
                                'USING (%2$s) WITH CHECK (%2$s)', t, in_scope_person));
        PERFORM meta.ddl(format('CREATE POLICY clerk_delete ON app.%I FOR DELETE TO {clerk} USING (%s)',
                                t, in_scope_person));
    END LOOP;

    -- Reference tables every clerk reads.
    PERFORM meta.ddl('CREATE POLICY clerk_read ON app.setting FOR SELECT TO {clerk} USING (true)');
    PERFORM meta.ddl('CREATE POLICY clerk_read ON app.org_kind_rule FOR SELECT TO {clerk} USING (true)');

    -- Clerks: one's own row; an administrator's clerks.
    PERFORM meta.ddl('CREATE POLICY clerk_read_own ON app.clerk FOR SELECT TO {clerk} '
                     'USING (role_name = session_user::text)');
    PERFORM meta.ddl(format('CREATE POLICY admin_read ON app.clerk FOR SELECT TO {district}, {city} '
                            'USING ((SELECT app.i_am_admin()) '
                            'AND EXISTS (SELECT 1 FROM unnest(scope_keys) AS k WHERE %s))',
                            meta.scope_sql('k')));
    PERFORM meta.ddl('CREATE POLICY clerk_read_own ON app.clerk_scope FOR SELECT TO {clerk} '
                     'USING (role_name = session_user::text)');
    PERFORM meta.ddl('CREATE POLICY admin_read ON app.clerk_scope FOR SELECT TO {district}, {city} '
                     'USING ((SELECT app.i_am_admin()) AND app.in_my_scope(org_id))');
END
$$;

-- meta: the installation's bookkeeping, the owner's (the migration runner is
-- the superuser); the user functions read the role prefix.
ALTER TABLE meta.install ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE meta.schema_migration ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT meta.ddl('CREATE POLICY owner_all ON meta.install TO {owner} USING (true) WITH CHECK (true)');
SELECT meta.ddl('CREATE POLICY useradmin_read ON meta.install FOR SELECT TO {useradmin} USING (true)');
SELECT meta.ddl('CREATE POLICY owner_all ON meta.schema_migration TO {owner} USING (true) WITH CHECK (true)');
REVOKE ALL ON ALL TABLES IN SCHEMA meta FROM PUBLIC;

-- ---------------------------------------------------------------------------
-- Grants.  Typed columns only; the lists name what a clerk may write, so a
-- column added later is closed until a migration opens it.
REVOKE ALL ON ALL TABLES IN SCHEMA app FROM PUBLIC;
SELECT meta.ddl('GRANT SELECT ON ALL TABLES IN SCHEMA app TO {clerk}');

DO $$
DECLARE
    writers constant text := '{branch}, {general_branch}, {committee}, {district}, {city}';
    org_cols text := 'kind, category, name, full_name, unit_name, unit_nature, unit_relation, '
                     'founded_on, founding_doc, secretary, contact, phone, state, dissolved_on, '
                     'dissolved_reason';
    person_cols text := 'name, sex, ethnicity, birth_date, id_number, native_place, education, '
                        'degree, political_status, joined_work_on, phone, address, person_category, '
                        'stage, joined_party_on, became_full_on, history_reason, history_on, '
                        'history_detail, exit_kind, suspend_reason';
    r record;
BEGIN
    PERFORM meta.ddl(format('GRANT INSERT (code, parent_id, %s) ON app.org TO %s', org_cols, writers));
    PERFORM meta.ddl(format('GRANT UPDATE (%s) ON app.org TO %s', org_cols, writers));
    PERFORM meta.ddl(format('GRANT INSERT (org_id, %s) ON app.person TO %s', person_cols, writers));
    PERFORM meta.ddl(format('GRANT UPDATE (%s) ON app.person TO %s', person_cols, writers));
    FOR r IN SELECT * FROM (VALUES
        ('education', 'education, degree, school, major, full_time, from_date, to_date'),
        ('job', 'unit_name, unit_nature, person_category, post, from_date, to_date'),
        ('post', 'party_post, org_id, from_date, to_date, approval_doc, note'),
        ('tech_title', 'title, qualified_on, unit_name, from_date, to_date'),
        ('standing', 'event, event_date, until_date, approved_on, approval_doc, note'),
        ('dev_step', 'step, step_date, detail'),
        ('dev_contact', 'role, member_id, member_name, from_date, to_date'),
        ('appraisal', 'year, result, note'),
        ('reward', 'kind, title, reward_date, reason, approved_by, approval_doc')) AS v(t, cols)
    LOOP
        PERFORM meta.ddl(format('GRANT INSERT (person_id, %s) ON app.%I TO %s', r.cols, r.t, writers));
        PERFORM meta.ddl(format('GRANT UPDATE (%s) ON app.%I TO %s', r.cols, r.t, writers));
        PERFORM meta.ddl(format('GRANT DELETE ON app.%I TO %s', r.t, writers));
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Functions: nothing for PUBLIC; clerks get what they call or what runs as
-- them (policies, the search index expressions, which are inlined only for a
-- role that may execute them).  Trigger functions need no grant.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA app, meta, code FROM PUBLIC;
SELECT meta.ddl('GRANT EXECUTE ON FUNCTION app.key_upper(text), app.citizen_id_problem(text),
                 app.citizen_id_valid(text), app.name_grams(text), app.name_query_grams(text),
                 app.name_contains(text, text), app.setting_num(text), app.setting_text(text),
                 app.setting_interval(text)
                 TO {clerk}');

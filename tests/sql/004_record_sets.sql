-- 006: the record sets.  The add-member wizard's rows in one transaction;
-- codes, dates and text checked with named constraints; one row per step, per
-- year, one extension; rows stay with their person; nothing of a member in
-- transit changes except by the transfer (org_relation); rows can be deleted.
BEGIN;
SELECT plan(40);

CREATE FUNCTION pg_temp.fails_with(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text;
    cn text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME;
    RETURN st || ' ' || coalesce(nullif(cn, ''), '-');
END
$$;

INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'R区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'R支部' FROM app.org WHERE name = 'R区委';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'R二支部' FROM app.org WHERE name = 'R区委';
CREATE FUNCTION pg_temp.p(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.person WHERE name = n
$$;

-- The add-member wizard (manual 1.9.1.1): 基本信息, 学历, 岗位, 党籍, 组织关系.
SELECT lives_ok($$
    WITH p AS (
        INSERT INTO app.person (name, sex, ethnicity, id_number, stage, org_id, joined_party_on,
                                became_full_on, education)
        SELECT 'R甲', '1', '01', '310101198001010018', '5', id, '2005-07-01', '2006-07-01', '21'
          FROM app.org WHERE name = 'R支部'
        RETURNING id, org_id),
    e AS (INSERT INTO app.education (person_id, education, degree, school, major, from_date, to_date)
          SELECT id, '21', '4', '复旦大学', '物理学', '1998-09-01', '2002-07-01' FROM p),
    j AS (INSERT INTO app.job (person_id, unit_name, post, from_date)
          SELECT id, 'R公司', '工程师', '2002-08-01' FROM p),
    s AS (INSERT INTO app.standing (person_id, event, event_date, approved_on)
          SELECT id, 'join', date '2005-07-01', date '2005-08-15' FROM p
          UNION ALL SELECT id, 'full', date '2006-07-01', date '2006-08-01' FROM p)
    INSERT INTO app.org_relation (person_id, org_id, from_date) SELECT id, org_id, '2005-07-01' FROM p
$$, 'the add-member wizard''s rows are stored in one statement');
SELECT is((SELECT count(*) FROM app.education WHERE person_id = pg_temp.p('R甲'))
          + (SELECT count(*) FROM app.job WHERE person_id = pg_temp.p('R甲'))
          + (SELECT count(*) FROM app.standing WHERE person_id = pg_temp.p('R甲'))
          + (SELECT count(*) FROM app.org_relation WHERE person_id = pg_temp.p('R甲')),
          5::bigint, 'education, job, two standing events and the relation are there');
SELECT is((SELECT version || ' ' || updated_by FROM app.education WHERE person_id = pg_temp.p('R甲')),
          '1 ' || session_user, 'record rows carry version 1 and the clerk');
INSERT INTO app.person (name, sex, stage, org_id) SELECT 'R乙', '2', '2', id FROM app.org WHERE name = 'R支部';

-- Codes, dates, text.
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.education (person_id, education) VALUES (%s, 'zz')$$, pg_temp.p('R甲'))),
          '23503 education_education_fkey', 'an unknown education code is refused, naming the field');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.education (person_id, school) VALUES (%s, 'X')$$, pg_temp.p('R甲'))),
          '23514 education_has_level', 'an education row needs an education or a degree');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.education (person_id, education, from_date, to_date)
                                      VALUES (%s, '21', '2002-01-01', '2001-01-01')$$, pg_temp.p('R甲'))),
          '23514 education_dates_ordered', 'an end before the start is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.job (person_id, unit_name) VALUES (%s, E'R\x1b[2J公司')$$, pg_temp.p('R甲'))),
          '23514 job_unit_name_no_control', 'a control character in the unit is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.job (person_id, unit_name) VALUES (%s, %L)$$, pg_temp.p('R甲'), repeat('公', 101))),
          '23514 job_unit_name_length', 'an over-long unit name is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.job (person_id, unit_name, unit_nature) VALUES (%s, 'R公司', '999')$$, pg_temp.p('R甲'))),
          '23503 job_unit_nature_fkey', 'an unknown unit nature is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.post (person_id, party_post, org_id, from_date)
                                      SELECT %s, code, (SELECT id FROM app.org WHERE name = 'R支部'), '2020-01-01'
                                        FROM code.party_post ORDER BY sort LIMIT 1$$, pg_temp.p('R甲'))),
          'ok', 'a party post in an organization is stored');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.post (person_id, party_post, org_id, from_date)
                                      VALUES (%s, 'zz', (SELECT id FROM app.org WHERE name = 'R支部'), '2020-01-01')$$,
                                    pg_temp.p('R甲'))),
          '23503 post_party_post_fkey', 'an unknown party post is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.tech_title (person_id, title) VALUES (%s, 'zz')$$, pg_temp.p('R甲'))),
          '23503 tech_title_title_fkey', 'an unknown technical title is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.reward (person_id, kind, reward_date, reason)
                                      VALUES (%s, '17', '2021-07-01', $r$'); DELETE FROM app.reward; --$r$)$$,
                                    pg_temp.p('R甲'))),
          'ok', 'a reward with injection text in its reason is stored');
SELECT is((SELECT reason FROM app.reward WHERE person_id = pg_temp.p('R甲')), $r$'); DELETE FROM app.reward; --$r$,
          'and read back verbatim');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.reward (person_id, kind, reward_date) VALUES (%s, '99', '2021-07-01')$$,
                                    pg_temp.p('R甲'))),
          '23503 reward_kind_fkey', 'an unknown reward kind is refused');

-- Once only.
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.dev_step (person_id, step, step_date) VALUES (%s, '01', '2023-01-01')$$, pg_temp.p('R乙'))),
          'ok', 'a development step is stored');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.dev_step (person_id, step, step_date) VALUES (%s, '01', '2023-02-01')$$, pg_temp.p('R乙'))),
          '23505 dev_step_once', 'the same step twice is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.dev_step (person_id, step, step_date) VALUES (%s, '26', '2023-02-01')$$, pg_temp.p('R乙'))),
          '23503 dev_step_step_fkey', 'an unknown step is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.dev_contact (person_id, role, member_id, member_name)
                                      VALUES (%s, 'contact', %s, 'R甲')$$, pg_temp.p('R乙'), pg_temp.p('R甲'))),
          'ok', 'a cultivation contact who is a member is stored');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.dev_contact (person_id, role, member_name) VALUES (%s, 'friend', 'X')$$, pg_temp.p('R乙'))),
          '23514 dev_contact_role_known', 'a contact role other than contact or sponsor is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.dev_contact (person_id, role, member_id, member_name)
                                      VALUES (%1$s, 'sponsor', %1$s, 'R乙')$$, pg_temp.p('R乙'))),
          '23514 dev_contact_not_self', 'nobody sponsors themself');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.appraisal (person_id, year, result) VALUES (%1$s, 2023, '1'), (%1$s, 2023, '2')$$, pg_temp.p('R甲'))),
          '23505 appraisal_once_a_year', 'two appraisals in one year are refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.standing (person_id, event, event_date) VALUES (%s, 'extend', '2006-07-01')$$, pg_temp.p('R甲'))),
          '23514 standing_extend_has_end', 'an extension of probation needs its new end');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.standing (person_id, event, event_date, until_date)
                                      VALUES (%1$s, 'extend', '2006-07-01', '2007-01-01'), (%1$s, 'extend', '2007-01-01', '2007-07-01')$$,
                                    pg_temp.p('R甲'))),
          '23505 standing_once', 'probation is extended once only');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.standing (person_id, event, event_date) VALUES (%s, 'expel', '2006-07-01')$$, pg_temp.p('R甲'))),
          '23514 standing_event_known', 'an unknown standing event is refused');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.org_relation (person_id, org_id, from_date)
                                      SELECT %s, id, '2024-01-01' FROM app.org WHERE name = 'R区委'$$, pg_temp.p('R甲'))),
          '23505 org_relation_one_open', 'a person has one open organization relation');

-- Organization names are kept: outside the city, and after a deletion (manual 2.4.2).
SELECT is((SELECT org_name FROM app.org_relation WHERE person_id = pg_temp.p('R甲')),
          (SELECT full_name FROM app.org WHERE name = 'R支部'), 'the relation keeps the organization''s full name');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.org_relation (person_id, org_name, from_date, to_date)
                                      VALUES (%s, '中共江苏省某县委员会', '2000-01-01', '2005-06-30')$$, pg_temp.p('R甲'))),
          'ok', 'a relation to an organization outside the city is stored by name');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.org_relation (person_id, from_date, to_date)
                                      VALUES (%s, '1999-01-01', '1999-12-31')$$, pg_temp.p('R甲'))),
          '23502 -', 'a relation names its organization');
INSERT INTO app.org (parent_id, kind, name, unit_name) SELECT id, '6', 'R三支部', 'R三' FROM app.org WHERE name = 'R区委';
INSERT INTO app.org_relation (person_id, org_id, from_date, to_date)
SELECT pg_temp.p('R乙'), id, '2020-01-01', '2021-01-01' FROM app.org WHERE name = 'R三支部';
INSERT INTO app.post (person_id, party_post, org_id, from_date, to_date)
SELECT pg_temp.p('R乙'), (SELECT code FROM code.party_post ORDER BY sort LIMIT 1), id, '2020-01-01', '2021-01-01'
  FROM app.org WHERE name = 'R三支部';
SELECT is(pg_temp.fails_with($$DELETE FROM app.org WHERE name = 'R三支部'$$), 'ok',
          'an emptied organization with history can be deleted');
SELECT is((SELECT count(*) FROM app.org_relation r JOIN app.post p USING (person_id)
            WHERE r.person_id = pg_temp.p('R乙') AND r.org_id IS NULL AND p.org_id IS NULL
              AND r.org_name = '中共R三支部委员会' AND p.org_name = '中共R三支部委员会'),
          1::bigint, 'its members'' relations and posts keep its name');

-- Rows stay with their person.
SELECT is(pg_temp.fails_with(format($$UPDATE app.education SET person_id = %s WHERE person_id = %s$$, pg_temp.p('R乙'), pg_temp.p('R甲'))),
          '23514 education_person_fixed', 'a row cannot be moved to another person');
UPDATE app.education SET major = '理论物理' WHERE person_id = pg_temp.p('R甲');
SELECT is((SELECT version FROM app.education WHERE person_id = pg_temp.p('R甲')), 2, 'an edit bumps the version');
SELECT is(pg_temp.fails_with(format($$DELETE FROM app.job WHERE person_id = %s$$, pg_temp.p('R甲'))), 'ok',
          'a record row can be deleted');

-- A member in transit.
UPDATE app.person SET in_transit = true, transit_since = '2024-03-01',
                      transit_to_org_id = (SELECT id FROM app.org WHERE name = 'R二支部')
 WHERE name = 'R甲';
SELECT is((SELECT transit_to_key FROM app.person WHERE name = 'R甲'),
          (SELECT path_key FROM app.org WHERE name = 'R二支部'), 'the receiver''s key is derived while in transit');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.reward (person_id, kind, reward_date) VALUES (%s, '12', '2024-03-02')$$, pg_temp.p('R甲'))),
          '23514 person_in_transit_frozen', 'no record row is added to a member in transit');
SELECT is(pg_temp.fails_with(format($$UPDATE app.education SET major = 'X' WHERE person_id = %s$$, pg_temp.p('R甲'))),
          '23514 person_in_transit_frozen', 'no record row of a member in transit is changed');
SELECT is(pg_temp.fails_with(format($$DELETE FROM app.reward WHERE person_id = %s$$, pg_temp.p('R甲'))),
          '23514 person_in_transit_frozen', 'no record row of a member in transit is deleted');
SELECT is(pg_temp.fails_with(format($$UPDATE app.org_relation SET to_date = '2024-03-05' WHERE person_id = %s$$, pg_temp.p('R甲'))),
          'ok', 'the transfer workflow may still write the organization relation');
SELECT is(pg_temp.fails_with($$UPDATE app.org SET state = 'dissolved', dissolved_on = '2024-04-01' WHERE name = 'R二支部'$$),
          '23514 org_dissolve_empty', 'an organization awaiting a member in transit cannot be dissolved');

SELECT * FROM finish();
ROLLBACK;

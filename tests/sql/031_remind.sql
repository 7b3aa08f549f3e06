-- 031: app.remind(as_of) with fixed days on both sides of each boundary: a
-- talk overdue the day after its month, an activist's year 30 days ahead
-- (dev.remind_ahead), a probation ending within 30 days and then overdue, an
-- admission's approval overdue after 3 months; the clerk's scope only; no
-- historical members; the numbers from app.setting.
BEGIN;
SELECT plan(16);

CREATE FUNCTION pg_temp.as_(who text, stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    res text;
BEGIN
    EXECUTE format('SET SESSION AUTHORIZATION %I', who);
    BEGIN
        EXECUTE stmt INTO res;
    EXCEPTION WHEN OTHERS THEN
        res := SQLSTATE || ' ' || SQLERRM;
    END;
    RESET SESSION AUTHORIZATION;
    RETURN coalesce(res, '');
END
$$;
CREATE FUNCTION pg_temp.idn(body text) RETURNS text LANGUAGE sql AS $$
    SELECT body || substr('10X98765432',
                          (SELECT sum(substr(body, i, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i])
                             FROM generate_series(1, 17) i)::int % 11 + 1, 1)
$$;
CREATE FUNCTION pg_temp.pid(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.person WHERE name = n
$$;
CREATE FUNCTION pg_temp.org(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
-- The reminders a clerk sees on a day: "kind name due_on; ...".
CREATE FUNCTION pg_temp.remind(who text, as_of text) RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.as_(who, format('SELECT string_agg(kind || '' '' || name || '' '' || due_on, ''; '' ORDER BY o) '
                                   'FROM app.remind(%L) WITH ORDINALITY AS r(kind, kind_name, person_id, name, org_id, org_name, due_on, note, o)',
                                   as_of))
$$;

INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'T31区' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T31甲支部' FROM app.org WHERE name = 'T31区';
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'T31乙支部' FROM app.org WHERE name = 'T31区';
SELECT meta.role('t31_a') AS ra, meta.role('t31_b') AS rb \gset
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES (meta.role('t31_a'), 'T31甲支部'), (meta.role('t31_b'), 'T31乙支部')) AS v(r, o) LOOP
        EXECUTE format('CREATE ROLE %I', c.r);
        EXECUTE format('GRANT %I, %I TO %I', meta.role('clerk'), meta.role('branch'), c.r);
        INSERT INTO app.clerk (role_name, level) VALUES (c.r, 'branch');
        INSERT INTO app.clerk_scope (role_name, org_id) VALUES (c.r, pg_temp.org(c.o));
    END LOOP;
END
$$;

-- The people, through the workflows (as the superuser, who may run them).
\o /dev/null
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)
SELECT n, '1', '5', pg_temp.org('T31甲支部'), date '2000-01-01', date '2001-01-01'
  FROM unnest(ARRAY['T31联系', 'T31介绍甲', 'T31介绍乙']) AS n;
SELECT app.dev_apply(pg_temp.org('T31甲支部'), 'T31申请', '1', NULL, NULL, pg_temp.idn('11010119900101007'), NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, '2024-01-10', NULL, NULL, true);
SELECT app.dev_apply(pg_temp.org('T31甲支部'), 'T31积极', '1', NULL, NULL, pg_temp.idn('11010119900101015'), NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, '2024-01-01', '2024-01-05', NULL, true);
SELECT app.dev_activist(pg_temp.pid('T31积极'), NULL, '2024-03-01', NULL, NULL,
                        ARRAY[pg_temp.pid('T31联系')], NULL, true);
SELECT app.dev_apply(pg_temp.org('T31甲支部'), 'T31预备', '1', NULL, NULL, pg_temp.idn('11010119900101023'), NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, '2022-01-01', '2022-01-05', NULL, true);
SELECT app.dev_activist(pg_temp.pid('T31预备'), NULL, '2022-03-01', NULL, NULL, ARRAY[pg_temp.pid('T31联系')], NULL, true);
SELECT app.dev_target(pg_temp.pid('T31预备'), NULL, '2023-03-01', NULL, NULL, '2023-03-05', 3, NULL, NULL, NULL, NULL, true);
SELECT app.dev_admit(ARRAY[pg_temp.pid('T31预备')], NULL, '2024-06-01', NULL, NULL, NULL, NULL, NULL, NULL,
                     ARRAY[pg_temp.pid('T31介绍甲'), pg_temp.pid('T31介绍乙')], NULL, true);
-- In branch 乙: an applicant whose talk is overdue too, and in 甲 one who left.
SELECT app.dev_apply(pg_temp.org('T31乙支部'), 'T31乙申请', '1', NULL, NULL, pg_temp.idn('11010119900101031'), NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, '2024-01-10', NULL, NULL, true);
SELECT app.dev_apply(pg_temp.org('T31甲支部'), 'T31离开', '1', NULL, NULL, pg_temp.idn('11010119900101041'), NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, '2024-01-10', NULL, NULL, true);
UPDATE app.person SET history_reason = '1', history_on = '2024-01-20', exit_kind = '4' WHERE name = 'T31离开';
\o
SELECT is((SELECT count(*) FROM app.person WHERE name ~ '^T31' AND stage IN ('1', '2', '4'))::int, 5, 'fixture: five people in development');

-- Talks: due 2024-02-10 (2024-01-10 + 1 month).
SELECT is(pg_temp.remind(:'ra', '2024-02-10'), '', 'on the last day of the month no talk is overdue yet');
SELECT is(pg_temp.remind(:'ra', '2024-02-11'), 'talk T31申请 2024-02-10', 'the day after: the talk is overdue');
SELECT is(pg_temp.remind(:'rb', '2024-02-11'), 'talk T31乙申请 2024-02-10', 'branch 乙''s clerk sees only branch 乙''s applicant');
SELECT is(pg_temp.as_(:'ra', 'SELECT note FROM app.remind(''2024-02-11'')'),
          '2024-01-10递交入党申请书，应在2024-02-10前派人谈话，尚无谈话记录', 'the note names the dates');

-- Admission approvals: the branch meeting 2024-06-01, approval due 2024-09-01.
SELECT is(pg_temp.remind(:'ra', '2024-09-01'), 'talk T31申请 2024-02-10', 'approval not overdue on its last day');
SELECT is(pg_temp.remind(:'ra', '2024-09-02'), 'talk T31申请 2024-02-10; approval_overdue T31预备 2024-09-01',
          'the day after: the approval is overdue');

-- Activist's year: 2024-03-01 -> 2025-03-01, reminded 30 days ahead.
SELECT is(pg_temp.remind(:'ra', '2025-01-29'), 'talk T31申请 2024-02-10; approval_overdue T31预备 2024-09-01',
          '31 days before the activist''s year: nothing yet');
SELECT is(pg_temp.remind(:'ra', '2025-01-30'), 'talk T31申请 2024-02-10; approval_overdue T31预备 2024-09-01; activist_year T31积极 2025-03-01',
          '30 days before: the activist''s year is coming');

-- Approve, then the probation: ends 2025-06-01.
SELECT done AS approved FROM app.dev_approve(pg_temp.pid('T31预备'), NULL, '2024-08-01', true) \gset
SELECT is(pg_temp.remind(:'ra', '2025-05-01'), 'talk T31申请 2024-02-10; activist_year T31积极 2025-03-01',
          'approved: no approval reminder; 31 days before the probation ends: nothing');
SELECT is(pg_temp.remind(:'ra', '2025-05-02'), 'talk T31申请 2024-02-10; activist_year T31积极 2025-03-01; probation_due T31预备 2025-06-01',
          '30 days before: the probation is ending');
SELECT is(pg_temp.remind(:'ra', '2025-06-01'), 'talk T31申请 2024-02-10; activist_year T31积极 2025-03-01; probation_due T31预备 2025-06-01',
          'on its last day: still ending');
SELECT is(pg_temp.remind(:'ra', '2025-06-02'), 'talk T31申请 2024-02-10; activist_year T31积极 2025-03-01; probation_overdue T31预备 2025-06-01',
          'the day after: overdue');
UPDATE app.setting SET num_value = 10 WHERE key = 'dev.remind_ahead';
SELECT is(pg_temp.remind(:'ra', '2025-05-02'), 'talk T31申请 2024-02-10; activist_year T31积极 2025-03-01',
          'with dev.remind_ahead 10 days, 30 days before is too early');
UPDATE app.setting SET num_value = 30 WHERE key = 'dev.remind_ahead';
-- Done: 转正 clears it.
SELECT done AS confirmed FROM app.dev_confirm(pg_temp.pid('T31预备'), NULL, '2025-06-01', NULL, NULL, NULL, true) \gset
SELECT is(pg_temp.remind(:'ra', '2025-06-02'), 'talk T31申请 2024-02-10; activist_year T31积极 2025-03-01',
          'after 转正: no probation reminder');
SELECT is(pg_temp.as_(:'ra', 'SELECT kind_name || '' '' || org_name FROM app.remind(''2025-06-02'') WHERE kind = ''talk'''),
          '谈话逾期 T31甲支部', 'each reminder names its kind and the organization');

SELECT * FROM finish();
ROLLBACK;

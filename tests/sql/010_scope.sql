-- Clerks and their subtrees (sql/010_clerk.sql, sql/011_policies.sql).
-- A small tree is built in the test (the city, two districts, committees,
-- general branches, branches with three people each and rows in all ten record
-- sets, one member on the way from one district to the other) with clerks at
-- every level: what each sees is compared with the truth computed here from
-- the ltree paths (not from the keys the policies use); then each writing
-- level and the auditor try what a clerk with psql might: foreign rows by key,
-- updates and deletes of foreign rows, moving their own member out, forged
-- organizations and people, derived columns, deleting people, row_security =
-- off, DDL, meta's helpers.  Then organizations move and keys must follow.
-- Clerks are impersonated with SET SESSION AUTHORIZATION; what they see or are
-- refused is recorded in custom settings (dj_test.*) and judged after RESET.
BEGIN;
SELECT plan(336);

-- ---- the tree ----------------------------------------------------------------
CREATE FUNCTION pg_temp.org_id(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;
DO $$
DECLARE
    r record;
BEGIN
    -- One at a time, parents first: a statement does not see its own rows.
    FOR r IN SELECT * FROM (VALUES
        (1, '上海市委', '2', 'SA区'), (2, '上海市委', '2', 'SB区'),
        (3, 'SA区', '4', 'SA1党委'), (4, 'SA区', '4', 'SA2党委'), (5, 'SB区', '4', 'SB1党委'),
        (6, 'SA1党委', '5', 'SA11总支'), (7, 'SA2党委', '5', 'SA21总支'), (8, 'SB1党委', '5', 'SB11总支'),
        (9, 'SA11总支', '6', 'SA111支部'), (10, 'SA11总支', '6', 'SA112支部'),
        (11, 'SA21总支', '6', 'SA211支部'), (12, 'SB11总支', '6', 'SB111支部')) AS v(o, p, k, n)
        ORDER BY o
    LOOP
        INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.org_id(r.p), r.k, r.n);
    END LOOP;
END
$$;
SELECT is((SELECT count(*) FROM app.org WHERE name ~ '^S[AB]')::int, 12, 'fixture: 12 organizations');

INSERT INTO app.person (name, sex, stage, org_id)
SELECT o.name || '成员' || i, '1', '1', o.id
  FROM app.org o, generate_series(1, 3) i WHERE o.kind = '6' AND o.name ~ '^S[AB]';
INSERT INTO app.education (person_id, education) SELECT id, '21' FROM app.person;
INSERT INTO app.job (person_id, unit_name) SELECT id, '单位' FROM app.person;
INSERT INTO app.appraisal (person_id, year, result) SELECT id, 2023, '2' FROM app.person;
INSERT INTO app.org_relation (person_id, org_id, from_date) SELECT id, org_id, date '2020-01-01' FROM app.person;
CREATE TEMP TABLE first_of_branch AS SELECT min(id) AS id, min(org_id) AS org_id FROM app.person GROUP BY org_id;
INSERT INTO app.post (person_id, party_post, org_id, from_date) SELECT id, '01', org_id, date '2021-01-01' FROM first_of_branch;
INSERT INTO app.tech_title (person_id, title) SELECT id, '3' FROM first_of_branch;
INSERT INTO app.standing (person_id, event, event_date) SELECT id, 'note', date '2021-01-01' FROM first_of_branch;
INSERT INTO app.dev_step (person_id, step, step_date) SELECT id, '01', date '2021-01-01' FROM first_of_branch;
INSERT INTO app.dev_contact (person_id, role, member_name) SELECT id, 'contact', '联系人' FROM first_of_branch;
INSERT INTO app.reward (person_id, kind, reward_date) SELECT id, '12', date '2021-01-01' FROM first_of_branch;
-- One member of SB111支部 on the way to SA111支部.
UPDATE app.person SET in_transit = true, transit_since = current_date,
                      transit_to_org_id = pg_temp.org_id('SA111支部')
 WHERE id = (SELECT max(id) FROM app.person WHERE org_id = pg_temp.org_id('SB111支部'));
SELECT id AS transit_p FROM app.person WHERE in_transit \gset

-- ---- the clerks ----------------------------------------------------------------
CREATE TEMP TABLE fx_clerk (key text PRIMARY KEY, level text, is_admin boolean, disabled boolean,
                            mapped boolean, scopes text[], role text);
INSERT INTO fx_clerk (key, level, is_admin, disabled, mapped, scopes) VALUES
    ('city', 'city', false, false, true, '{上海市委}'),
    ('da', 'district', false, false, true, '{SA区}'),
    ('da_admin', 'district', true, false, true, '{SA区}'),
    ('ca1', 'committee', false, false, true, '{SA1党委}'),
    ('ga11', 'general_branch', false, false, true, '{SA11总支}'),
    ('ga21', 'general_branch', false, false, true, '{SA21总支}'),
    ('ba111', 'branch', false, false, true, '{SA111支部}'),
    ('aud', 'auditor', false, false, true, '{SB区}'),
    ('multi', 'committee', false, false, true, '{SA2党委,SB1党委}'),
    ('off', 'branch', false, true, true, '{SA112支部}'),
    ('city_off', 'city', false, true, true, '{上海市委}'),
    ('none', 'branch', false, false, false, '{}');
UPDATE fx_clerk SET role = meta.role('t_sc_' || key);
GRANT SELECT ON fx_clerk TO PUBLIC;

DO $$
DECLARE
    c fx_clerk;
BEGIN
    FOR c IN SELECT * FROM fx_clerk LOOP
        EXECUTE format('CREATE ROLE %I', c.role);
        EXECUTE format('GRANT %I, %I TO %I', meta.role('clerk'), meta.role(c.level), c.role);
        CONTINUE WHEN NOT c.mapped;
        INSERT INTO app.clerk (role_name, level, is_admin) VALUES (c.role, c.level, c.is_admin);
        INSERT INTO app.clerk_scope (role_name, org_id) SELECT c.role, id FROM app.org WHERE name = ANY (c.scopes);
        UPDATE app.clerk SET disabled = c.disabled WHERE role_name = c.role;
    END LOOP;
END
$$;
SELECT role AS r_city FROM fx_clerk WHERE key = 'city' \gset
SELECT role AS r_da FROM fx_clerk WHERE key = 'da' \gset
SELECT role AS r_da_admin FROM fx_clerk WHERE key = 'da_admin' \gset
SELECT role AS r_ca1 FROM fx_clerk WHERE key = 'ca1' \gset
SELECT role AS r_ga11 FROM fx_clerk WHERE key = 'ga11' \gset
SELECT role AS r_ga21 FROM fx_clerk WHERE key = 'ga21' \gset
SELECT role AS r_ba111 FROM fx_clerk WHERE key = 'ba111' \gset
SELECT role AS r_aud FROM fx_clerk WHERE key = 'aud' \gset
SELECT role AS r_multi FROM fx_clerk WHERE key = 'multi' \gset
SELECT role AS r_off FROM fx_clerk WHERE key = 'off' \gset
SELECT role AS r_none FROM fx_clerk WHERE key = 'none' \gset
SELECT role AS r_city_off FROM fx_clerk WHERE key = 'city_off' \gset

-- ---- the scope functions and the mapping's rules -----------------------------------
SELECT is(app.my_scope_lo(1), NULL, 'the superuser is no clerk: no scope');
SELECT is(app.my_level(), NULL, 'the superuser is no clerk: no level');
SELECT ok(NOT app.i_am_admin(), 'the superuser is no clerk: not an administrator');
SELECT ok(NOT app.in_my_scope(pg_temp.org_id('SA区')), 'the superuser is no clerk: nothing in scope');
SELECT is((SELECT scope_keys FROM app.clerk WHERE role_name = :'r_multi'),
          ARRAY(SELECT path_key FROM app.org WHERE name IN ('SA2党委', 'SB1党委') ORDER BY path_key),
          'scope_keys: the path keys of the scopes, sorted');
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
SELECT is(pg_temp.fails_with(format('INSERT INTO app.clerk_scope (role_name, org_id) VALUES (%L, %s)',
                                    :'r_ca1', pg_temp.org_id('SA区'))),
          '23514 clerk_scope_level_matches', 'a committee clerk cannot be mapped to a district');
SELECT is(pg_temp.fails_with(format('UPDATE app.clerk SET level = %L WHERE role_name = %L', 'branch', :'r_ca1')),
          '23514 clerk_scope_level_matches', 'a clerk''s level cannot change away from its scopes'' level');
SELECT is(pg_temp.fails_with(format('UPDATE app.clerk SET is_admin = true WHERE role_name = %L', :'r_ca1')),
          '23514 clerk_admin_level', 'only district and city clerks can be administrators');
SELECT is(pg_temp.fails_with(format('INSERT INTO app.clerk_scope (role_name, org_id) SELECT %L, id FROM app.org '
                                    'WHERE name ~ ''^S[AB][0-9]*(党委|总支)$''', :'r_aud')),
          '23514 clerk_scope_at_most_four', 'a fifth scope is refused');
SELECT is(pg_temp.fails_with(format('UPDATE app.clerk SET role_name = %L WHERE role_name = %L', 'x', :'r_ca1')),
          '23514 clerk_role_name_fixed', 'a clerk''s role name never changes');
-- An auditor may be mapped anywhere; a scope inside another one adds nothing.
INSERT INTO app.clerk_scope (role_name, org_id) VALUES (:'r_aud', pg_temp.org_id('SB111支部'));
SELECT is((SELECT scope_keys FROM app.clerk WHERE role_name = :'r_aud'),
          ARRAY(SELECT path_key FROM app.org WHERE name = 'SB区'),
          'a scope inside another one is left out of scope_keys');
DELETE FROM app.clerk_scope WHERE role_name = :'r_aud' AND org_id = pg_temp.org_id('SB111支部');

-- ---- what each clerk sees ------------------------------------------------------
CREATE TEMP TABLE sp (path ext.ltree);
-- The truth, from the ltree paths: the subtrees of an enabled clerk's scopes.
CREATE FUNCTION pg_temp.truth(k text) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    who    text := (SELECT role FROM fx_clerk WHERE key = k);
    result jsonb;
    t      text;
    ids    jsonb;
BEGIN
    TRUNCATE sp;
    INSERT INTO sp SELECT o.path FROM app.clerk c JOIN app.clerk_scope s ON s.role_name = c.role_name
                     JOIN app.org o ON o.id = s.org_id
                    WHERE c.role_name = who AND NOT c.disabled;
    result := jsonb_build_object(
        'org', (SELECT coalesce(jsonb_agg(o.id ORDER BY o.id), '[]') FROM app.org o
                 WHERE EXISTS (SELECT 1 FROM sp WHERE o.path OPERATOR(ext.<@) sp.path)),
        'person', (SELECT coalesce(jsonb_agg(p.id ORDER BY p.id), '[]') FROM app.person p
                    WHERE EXISTS (SELECT 1 FROM sp, app.org o
                                   WHERE o.id IN (p.org_id, p.transit_to_org_id)
                                     AND o.path OPERATOR(ext.<@) sp.path)),
        'clerk', (SELECT coalesce(jsonb_agg(c.role_name ORDER BY c.role_name), '[]') FROM app.clerk c
                   WHERE c.role_name = who
                      OR ((SELECT is_admin AND NOT disabled FROM app.clerk WHERE role_name = who)
                          AND EXISTS (SELECT 1 FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id, sp
                                       WHERE s.role_name = c.role_name AND o.path OPERATOR(ext.<@) sp.path))),
        'clerk_scope', (SELECT coalesce(jsonb_agg(s.role_name || ' ' || s.org_id ORDER BY s.role_name, s.org_id), '[]')
                          FROM app.clerk_scope s JOIN app.org o ON o.id = s.org_id
                         WHERE s.role_name = who
                            OR ((SELECT is_admin AND NOT disabled FROM app.clerk WHERE role_name = who)
                                AND EXISTS (SELECT 1 FROM sp WHERE o.path OPERATOR(ext.<@) sp.path))),
        'setting', (SELECT count(*) FROM app.setting),
        'org_kind_rule', (SELECT count(*) FROM app.org_kind_rule));
    FOREACH t IN ARRAY ARRAY['education', 'job', 'post', 'tech_title', 'standing', 'org_relation',
                             'dev_step', 'dev_contact', 'appraisal', 'reward'] LOOP
        EXECUTE format('SELECT coalesce(jsonb_agg(r.id ORDER BY r.id), ''[]'') FROM app.%I r '
                       'JOIN app.person p ON p.id = r.person_id JOIN app.org o ON o.id = p.org_id '
                       'WHERE EXISTS (SELECT 1 FROM sp WHERE o.path OPERATOR(ext.<@) sp.path)', t) INTO ids;
        result := result || jsonb_build_object(t, ids);
    END LOOP;
    RETURN result;
END
$$;

-- What the clerk sees, the same shape; a refusal appears as its SQLSTATE.
CREATE FUNCTION pg_temp.seen(k text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    result jsonb := '{}';
    q      record;
    v      jsonb;
BEGIN
    FOR q IN SELECT * FROM (VALUES
        ('org', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.org'),
        ('person', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.person'),
        ('clerk', 'SELECT coalesce(jsonb_agg(role_name ORDER BY role_name), ''[]'') FROM app.clerk'),
        ('clerk_scope', 'SELECT coalesce(jsonb_agg(role_name || '' '' || org_id ORDER BY role_name, org_id), ''[]'') FROM app.clerk_scope'),
        ('setting', 'SELECT to_jsonb(count(*)) FROM app.setting'),
        ('org_kind_rule', 'SELECT to_jsonb(count(*)) FROM app.org_kind_rule'),
        ('education', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.education'),
        ('job', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.job'),
        ('post', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.post'),
        ('tech_title', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.tech_title'),
        ('standing', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.standing'),
        ('org_relation', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.org_relation'),
        ('dev_step', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.dev_step'),
        ('dev_contact', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.dev_contact'),
        ('appraisal', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.appraisal'),
        ('reward', 'SELECT coalesce(jsonb_agg(id ORDER BY id), ''[]'') FROM app.reward')) AS x(cat, sql)
    LOOP
        BEGIN
            EXECUTE q.sql INTO v;
        EXCEPTION WHEN OTHERS THEN
            v := to_jsonb(SQLSTATE);
        END;
        result := result || jsonb_build_object(q.cat, v);
    END LOOP;
    PERFORM set_config('dj_test.seen_' || k, result::text, true);
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.seen(text) TO PUBLIC;

SET SESSION AUTHORIZATION :"r_city";     SELECT pg_temp.seen('city') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_da";       SELECT pg_temp.seen('da') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_da_admin"; SELECT pg_temp.seen('da_admin') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ca1";      SELECT pg_temp.seen('ca1') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ga11";     SELECT pg_temp.seen('ga11') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ga21";     SELECT pg_temp.seen('ga21') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ba111";    SELECT pg_temp.seen('ba111') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_aud";      SELECT pg_temp.seen('aud') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_multi";    SELECT pg_temp.seen('multi') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_off";      SELECT pg_temp.seen('off') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_none";     SELECT pg_temp.seen('none') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_city_off"; SELECT pg_temp.seen('city_off') \gset
RESET SESSION AUTHORIZATION;

CREATE TEMP TABLE category (cat text PRIMARY KEY, what text);
INSERT INTO category VALUES
    ('org', 'exactly the organizations of its subtree'),
    ('person', 'exactly the people of its subtree (and those on the way into it)'),
    ('records', 'exactly the rows of the ten record sets of its subtree''s people'),
    ('clerk', 'only its own app.clerk row (an administrator: also its subtree''s clerks)'),
    ('clerk_scope', 'only its own app.clerk_scope rows (an administrator: also its subtree''s)'),
    ('setting', 'every setting'),
    ('org_kind_rule', 'every rule of the tree');
CREATE FUNCTION pg_temp.part(j jsonb, cat text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT CASE WHEN cat = 'records'
                THEN jsonb_build_object('education', j -> 'education', 'job', j -> 'job', 'post', j -> 'post',
                                        'tech_title', j -> 'tech_title', 'standing', j -> 'standing',
                                        'org_relation', j -> 'org_relation', 'dev_step', j -> 'dev_step',
                                        'dev_contact', j -> 'dev_contact', 'appraisal', j -> 'appraisal',
                                        'reward', j -> 'reward')
                ELSE j -> cat END
$$;
SELECT is(pg_temp.part(current_setting('dj_test.seen_' || c.key)::jsonb, k.cat),
          pg_temp.part(pg_temp.truth(c.key), k.cat),
          format('%s (%s): %s', c.key, c.level, k.what))
  FROM fx_clerk c, category k ORDER BY c.key, k.cat;

-- The truth is not trivially empty or full: spot checks of its sizes.
SELECT is(jsonb_array_length(pg_temp.truth('ca1') -> 'person'), 7,
          'SA1党委 holds 6 people and the one on the way to SA111支部');
SELECT is(jsonb_array_length(pg_temp.truth('ba111') -> 'person'), 4,
          'SA111支部 sees its 3 people and the one on the way to it');
SELECT is(jsonb_array_length(pg_temp.truth('multi') -> 'person'), 6, 'SA2党委 and SB1党委 hold 6 people');
SELECT is(jsonb_array_length(pg_temp.truth('city') -> 'org'), (SELECT count(*) FROM app.org)::int,
          'the city sees every organization');
SELECT is(jsonb_array_length(pg_temp.truth('da_admin') -> 'clerk'), 8,
          'the administrator of SA区 sees its 8 clerks (itself and a disabled one included)');
SELECT is(pg_temp.truth('off') -> 'person', '[]', 'a disabled clerk''s truth is empty');
SELECT ok(current_setting('dj_test.seen_ba111')::jsonb -> 'person' @> to_jsonb(:transit_p),
          'the receiving branch sees the member on the way to it');
SELECT ok(NOT current_setting('dj_test.seen_ba111')::jsonb -> 'education'
              @> (SELECT to_jsonb(id) FROM app.education WHERE person_id = :transit_p),
          'but not the record sets of that member before it arrives');

-- ---- what each clerk may do ------------------------------------------------------
-- Runs stmts (the last one counted) and undoes them; 'ok <rows>', or the
-- SQLSTATE and "rls" (a row-level security refusal), "denied" (no privilege),
-- or "error".
CREATE FUNCTION pg_temp.try(VARIADIC stmts text[]) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    n   bigint;
    res text;
    s   text;
BEGIN
    BEGIN
        FOREACH s IN ARRAY stmts LOOP
            EXECUTE s;
        END LOOP;
        GET DIAGNOSTICS n = ROW_COUNT;
        res := 'ok ' || n;
        RAISE EXCEPTION USING ERRCODE = 'P0001';
    EXCEPTION WHEN OTHERS THEN
        IF res IS NULL THEN
            res := SQLSTATE || CASE WHEN SQLERRM ~ 'row-level security' THEN ' rls'
                                    WHEN SQLERRM ~ '^permission denied' THEN ' denied'
                                    ELSE ' error' END;
        END IF;
    END;
    RETURN res;
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.try(text[]) TO PUBLIC;

-- Per writing clerk: an own and a foreign person, education row and organization
-- (foreign = outside the scope, of the same kind as the own one).
CREATE TEMP TABLE fx_ids (key text PRIMARY KEY, own_p bigint, foreign_p bigint, own_edu bigint,
                          foreign_edu bigint, own_org bigint, foreign_org bigint, child_kind text);
INSERT INTO fx_ids (key, own_org, foreign_org, child_kind)
SELECT c.key, pg_temp.org_id(c.scopes[1]),
       CASE c.key WHEN 'ba111' THEN pg_temp.org_id('SB111支部') WHEN 'ga11' THEN pg_temp.org_id('SB11总支')
                  WHEN 'ca1' THEN pg_temp.org_id('SB1党委') WHEN 'da' THEN pg_temp.org_id('SB区')
                  WHEN 'aud' THEN pg_temp.org_id('SA区') END,
       CASE c.level WHEN 'branch' THEN '7' WHEN 'general_branch' THEN '6' WHEN 'committee' THEN '5'
                    WHEN 'district' THEN '4' WHEN 'city' THEN '2' ELSE '6' END
  FROM fx_clerk c WHERE c.key IN ('ba111', 'ga11', 'ca1', 'da', 'city', 'aud');
UPDATE fx_ids f SET own_p = (SELECT min(p.id) FROM app.person p JOIN app.org o ON o.id = p.org_id
                              WHERE NOT p.in_transit
                                AND o.path OPERATOR(ext.<@) (SELECT path FROM app.org WHERE id = f.own_org)),
                    foreign_p = (SELECT min(p.id) FROM app.person p JOIN app.org o ON o.id = p.org_id
                                  WHERE NOT p.in_transit
                                    AND o.path OPERATOR(ext.<@) (SELECT path FROM app.org WHERE id = f.foreign_org));
UPDATE fx_ids f SET own_edu = (SELECT min(id) FROM app.education WHERE person_id = f.own_p),
                    foreign_edu = (SELECT min(id) FROM app.education WHERE person_id = f.foreign_p);
GRANT SELECT ON fx_ids TO PUBLIC;
SELECT is((SELECT count(*) FROM fx_ids WHERE own_p IS NULL OR own_edu IS NULL
                                            OR (key <> 'city' AND (foreign_p IS NULL OR foreign_edu IS NULL)))::int,
          0, 'fixture: every writing clerk has own and foreign rows to try');

-- The attempts: name, statements, expected for a writing clerk and for an auditor,
-- whether it needs a foreign row (the city has none).
CREATE TEMP TABLE attempt (ord int PRIMARY KEY, name text, stmts text[], writer text, auditor text,
                           foreign_only boolean);
INSERT INTO attempt VALUES
 (1, 'reading a foreign person by key returns nothing',
  '{"SELECT id FROM app.person WHERE id = %2$s"}', 'ok 0', 'ok 0', true),
 (2, 'reading a foreign record row by key returns nothing',
  '{"SELECT id FROM app.education WHERE id = %4$s"}', 'ok 0', 'ok 0', true),
 (3, 'updating a foreign person changes nothing',
  '{"UPDATE app.person SET phone = ''1'' WHERE id = %2$s"}', 'ok 0', '42501 denied', true),
 (4, 'updating a foreign organization changes nothing',
  '{"UPDATE app.org SET phone = ''1'' WHERE id = %6$s"}', 'ok 0', '42501 denied', true),
 (5, 'updating a foreign record row changes nothing',
  '{"UPDATE app.education SET school = ''x'' WHERE id = %4$s"}', 'ok 0', '42501 denied', true),
 (6, 'deleting a foreign record row deletes nothing',
  '{"DELETE FROM app.education WHERE id = %4$s"}', 'ok 0', '42501 denied', true),
 (7, 'updating an own person works',
  '{"UPDATE app.person SET phone = ''1'' WHERE id = %1$s"}', 'ok 1', '42501 denied', false),
 (8, 'updating an own organization works',
  '{"UPDATE app.org SET phone = ''1'' WHERE id = %5$s"}', 'ok 1', '42501 denied', false),
 (9, 'updating an own record row works',
  '{"UPDATE app.education SET school = ''x'' WHERE id = %3$s"}', 'ok 1', '42501 denied', false),
 (10, 'deleting an own record row works',
  '{"DELETE FROM app.education WHERE id = %3$s"}', 'ok 1', '42501 denied', false),
 (11, 'moving an own member to a foreign organization is refused (transfers are workflows)',
  '{"UPDATE app.person SET org_id = %6$s WHERE id = %1$s"}', '42501 denied', '42501 denied', true),
 (12, 'adding a person to an own organization works',
  '{"INSERT INTO app.person (name, sex, stage, org_id) VALUES (''新人'', ''1'', ''1'', %5$s)"}',
  'ok 1', '42501 denied', false),
 (13, 'adding a person to a forged foreign organization is refused',
  '{"INSERT INTO app.person (name, sex, stage, org_id) VALUES (''新人'', ''1'', ''1'', %6$s)"}',
  '42501 rls', '42501 denied', true),
 (14, 'adding a record row for an own person works',
  '{"INSERT INTO app.education (person_id, education) VALUES (%1$s, ''21'')"}', 'ok 1', '42501 denied', false),
 (15, 'adding a record row for a foreign person is refused',
  '{"INSERT INTO app.education (person_id, education) VALUES (%2$s, ''21'')"}',
  '42501 rls', '42501 denied', true),
 (16, 'adding a record row for a person who does not exist is refused the same way',
  '{"INSERT INTO app.education (person_id, education) VALUES (-1, ''21'')"}',
  '42501 rls', '42501 denied', false),
 (17, 'writing a person''s org_key is not permitted',
  '{"UPDATE app.person SET org_key = ''001.'' WHERE id = %1$s"}', '42501 denied', '42501 denied', false),
 (18, 'writing a person''s version is not permitted',
  '{"UPDATE app.person SET version = 99 WHERE id = %1$s"}', '42501 denied', '42501 denied', false),
 (19, 'inserting a person with a typed org_key is not permitted',
  '{"INSERT INTO app.person (name, sex, stage, org_id, org_key) VALUES (''新人'', ''1'', ''1'', %5$s, ''001.'')"}',
  '42501 denied', '42501 denied', false),
 (20, 'writing an organization''s path_key is not permitted',
  '{"UPDATE app.org SET path_key = ''001.'' WHERE id = %5$s"}', '42501 denied', '42501 denied', false),
 (21, 'writing a record row''s org_key is not permitted',
  '{"UPDATE app.education SET org_key = ''001.'' WHERE id = %3$s"}', '42501 denied', '42501 denied', false),
 (22, 'moving an organization directly is not permitted (a workflow)',
  '{"UPDATE app.org SET parent_id = parent_id WHERE id = %5$s"}', '42501 denied', '42501 denied', false),
 (23, 'deleting an own person is not permitted',
  '{"DELETE FROM app.person WHERE id = %1$s"}', '42501 denied', '42501 denied', false),
 (24, 'deleting an own organization is not permitted',
  '{"DELETE FROM app.org WHERE id = %5$s"}', '42501 denied', '42501 denied', false),
 (25, 'truncating a record set is not permitted',
  '{"TRUNCATE app.education"}', '42501 denied', '42501 denied', false),
 (26, 'adding an organization under an own one works',
  '{"INSERT INTO app.org (parent_id, kind, name) VALUES (%5$s, ''%7$s'', ''新组织'')"}',
  'ok 1', '42501 denied', false),
 (27, 'adding an organization under a foreign one is refused',
  '{"INSERT INTO app.org (parent_id, kind, name) VALUES (%6$s, ''%7$s'', ''新组织'')"}',
  '42501 rls', '42501 denied', true),
 (28, 'writing app.org_relation is not permitted (transfer workflows)',
  '{"INSERT INTO app.org_relation (person_id, org_id, from_date) VALUES (%1$s, %5$s, current_date)"}',
  '42501 denied', '42501 denied', false),
 (29, 'changing a setting is not permitted',
  '{"UPDATE app.setting SET num_value = 1"}', '42501 denied', '42501 denied', false),
 (30, 'making oneself an administrator is not permitted',
  '{"UPDATE app.clerk SET is_admin = true WHERE role_name = session_user"}', '42501 denied', '42501 denied', false),
 (31, 'widening one''s own scope is not permitted',
  '{"INSERT INTO app.clerk_scope (role_name, org_id) SELECT session_user, id FROM app.org WHERE parent_id IS NULL"}',
  '42501 denied', '42501 denied', false),
 (32, 'SET row_security = off gives an error, not every row',
  '{"SET LOCAL row_security = off", "SELECT count(*) FROM app.person"}', '42501 rls', '42501 rls', false),
 (33, 'meta.install is closed',
  '{"SELECT * FROM meta.install"}', '42501 denied', '42501 denied', false),
 (34, 'meta.ddl cannot be called',
  '{"SELECT meta.ddl(''SELECT 1'')"}', '42501 denied', '42501 denied', false),
 (35, 'no table can be created in app',
  '{"CREATE TABLE app.t_probe (id int)"}', '42501 denied', '42501 denied', false),
 (36, 'no table can be created in public',
  '{"CREATE TABLE public.t_probe (id int)"}', '42501 denied', '42501 denied', false),
 (37, 'a scope function cannot be replaced',
  '{"CREATE OR REPLACE FUNCTION app.my_scope_lo(n integer) RETURNS text LANGUAGE sql AS $f$ SELECT NULL::text $f$"}',
  '42501 denied', '42501 denied', false);
GRANT SELECT ON attempt TO PUBLIC;

CREATE FUNCTION pg_temp.attempts(k text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f      fx_ids;
    a      attempt;
    result jsonb := '{}';
BEGIN
    SELECT * INTO f FROM fx_ids WHERE key = k;
    FOR a IN SELECT * FROM attempt WHERE NOT (foreign_only AND f.foreign_p IS NULL) ORDER BY ord LOOP
        result := result || jsonb_build_object(a.name, pg_temp.try(VARIADIC ARRAY(
            SELECT format(s, f.own_p, f.foreign_p, f.own_edu, f.foreign_edu, f.own_org, f.foreign_org,
                          f.child_kind)
              FROM unnest(a.stmts) s)));
    END LOOP;
    PERFORM set_config('dj_test.did_' || k, result::text, true);
END
$$;
GRANT EXECUTE ON FUNCTION pg_temp.attempts(text) TO PUBLIC;

SET SESSION AUTHORIZATION :"r_ba111"; SELECT pg_temp.attempts('ba111') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ga11";  SELECT pg_temp.attempts('ga11') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ca1";   SELECT pg_temp.attempts('ca1') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_da";    SELECT pg_temp.attempts('da') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_city";  SELECT pg_temp.attempts('city') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_aud";   SELECT pg_temp.attempts('aud') \gset
RESET SESSION AUTHORIZATION;

SELECT is(current_setting('dj_test.did_' || f.key)::jsonb ->> a.name,
          CASE WHEN f.key = 'aud' THEN a.auditor ELSE a.writer END,
          format('%s: %s', f.key, a.name))
  FROM fx_ids f, attempt a
 WHERE NOT (a.foreign_only AND f.key = 'city')
 ORDER BY f.key, a.ord;

-- WITH CHECK holds even where a column grant would allow the move.
GRANT UPDATE (org_id) ON app.person TO :"r_ca1", :"r_ba111";
SET SESSION AUTHORIZATION :"r_ca1";
SELECT set_config('dj_test.move_ca1', pg_temp.try(format('UPDATE app.person SET org_id = %s WHERE id = %s',
                  (SELECT foreign_org FROM fx_ids WHERE key = 'ca1'),
                  (SELECT own_p FROM fx_ids WHERE key = 'ca1'))), true) \gset
SELECT set_config('dj_test.move_in_ca1', pg_temp.try(format('UPDATE app.person SET org_id = %s WHERE id = %s',
                  (SELECT own_org FROM fx_ids WHERE key = 'ca1'),
                  (SELECT own_p FROM fx_ids WHERE key = 'ca1'))), true) \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ba111";
SELECT set_config('dj_test.transit_recv', pg_temp.try(format('UPDATE app.person SET phone = ''1'' WHERE id = %s',
                  :transit_p)), true) \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_multi";
SELECT set_config('dj_test.transit_send', pg_temp.try(format('UPDATE app.person SET phone = ''1'' WHERE id = %s',
                  :transit_p)), true) \gset
SELECT set_config('dj_test.transit_send_rec', pg_temp.try(format('INSERT INTO app.job (person_id, unit_name) '
                  'VALUES (%s, ''单位'')', :transit_p)), true) \gset
RESET SESSION AUTHORIZATION;
SELECT is(current_setting('dj_test.move_ca1'), '42501 rls',
          'ca1: moving an own member out is refused by WITH CHECK even with a column grant');
SELECT is(current_setting('dj_test.move_in_ca1'), 'ok 1',
          'ca1: the same column grant moves a member inside the scope');
SELECT is(current_setting('dj_test.transit_recv'), 'ok 0',
          'ba111: the receiving side cannot edit a member on the way to it');
SELECT is(current_setting('dj_test.transit_send'), '23514 error',
          'multi: the sending side cannot edit its member on the way (frozen)');
SELECT is(current_setting('dj_test.transit_send_rec'), '23514 error',
          'multi: nor add to its record sets');

-- ---- organizations move, keys follow -------------------------------------------------
-- SA21总支 (with SA211支部) from SA2党委 to SA1党委; SB11总支, holding the member on
-- the way, from SB1党委 to SA2党委.
UPDATE app.org SET parent_id = pg_temp.org_id('SA1党委') WHERE name = 'SA21总支';
SELECT lives_ok($$UPDATE app.org SET parent_id = pg_temp.org_id('SA2党委') WHERE name = 'SB11总支'$$,
                'an organization moves while one of its members is on the way');
SELECT is((SELECT count(*) FROM app.person p JOIN app.org o ON o.id = p.org_id
            WHERE p.org_key <> o.path_key)::int, 0, 'after the moves every person''s org_key is its organization''s');
SELECT is((SELECT count(*) FROM (
              SELECT person_id, org_key FROM app.education UNION ALL SELECT person_id, org_key FROM app.job
              UNION ALL SELECT person_id, org_key FROM app.post UNION ALL SELECT person_id, org_key FROM app.tech_title
              UNION ALL SELECT person_id, org_key FROM app.standing
              UNION ALL SELECT person_id, org_key FROM app.org_relation
              UNION ALL SELECT person_id, org_key FROM app.dev_step UNION ALL SELECT person_id, org_key FROM app.dev_contact
              UNION ALL SELECT person_id, org_key FROM app.appraisal UNION ALL SELECT person_id, org_key FROM app.reward) r
            JOIN app.person p ON p.id = r.person_id WHERE r.org_key <> p.org_key)::int,
          0, 'after the moves every record row''s org_key is its person''s');
SELECT is((SELECT scope_keys FROM app.clerk WHERE role_name = :'r_ga21'),
          ARRAY(SELECT path_key FROM app.org WHERE name = 'SA21总支'),
          'a moved scope organization''s clerk has its new key');

SET SESSION AUTHORIZATION :"r_ca1";   SELECT pg_temp.seen('ca1') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_ga21";  SELECT pg_temp.seen('ga21') \gset
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION :"r_multi"; SELECT pg_temp.seen('multi') \gset
RESET SESSION AUTHORIZATION;
SELECT is(pg_temp.part(current_setting('dj_test.seen_' || c.key)::jsonb, k.cat),
          pg_temp.part(pg_temp.truth(c.key), k.cat),
          format('after the moves, %s: %s', c.key, k.what))
  FROM fx_clerk c, category k
 WHERE c.key IN ('ca1', 'ga21', 'multi') AND k.cat IN ('org', 'person', 'records')
 ORDER BY c.key, k.cat;
SELECT is(jsonb_array_length(pg_temp.truth('ca1') -> 'person'), 10,
          'SA1党委 now holds 9 people and the one on the way');

SELECT * FROM finish();
ROLLBACK;

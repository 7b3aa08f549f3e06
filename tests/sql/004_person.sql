-- 005: people.  The ID-number checker (GB 11643, as DOMAIN.md and
-- src/model/citizen_id.h), its agreement with birth date and sex, persons never
-- deleted, unknown codes, clean text, verbatim storage, stage dates, the
-- in-transit freeze, row stamps, and the name and ID searches' index forms.
BEGIN;
SELECT plan(92);

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

CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    acc  text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        acc := acc || line || E'\n';
    END LOOP;
    RETURN acc;
END
$$;

INSERT INTO app.org (parent_id, kind, name) SELECT id, '2', 'P区委' FROM app.org WHERE parent_id IS NULL;
INSERT INTO app.org (parent_id, kind, name) SELECT id, '6', 'P支部' FROM app.org WHERE name = 'P区委';
CREATE FUNCTION pg_temp.branch() RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = 'P支部'
$$;
-- Insert a person with the given name, sex and ID number (an applicant in P支部).
CREATE FUNCTION pg_temp.add(n text, s text, idn text) RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.fails_with(format(
        'INSERT INTO app.person (name, sex, id_number, stage, org_id) VALUES (%L, %L, %L, ''1'', %s)',
        n, s, idn, pg_temp.branch()))
$$;

-- The checker.
SELECT ok(app.citizen_id_valid('11010519491231002X'), '11010519491231002X is valid');
SELECT ok(app.citizen_id_valid('310101198001010018'), '310101198001010018 is valid');
SELECT ok(app.citizen_id_valid('31010120000229004X'), 'a 29 February of a leap year is a real birth date');
SELECT ok(app.citizen_id_valid(' 11010519491231002x '), 'blanks around and a lower-case x are forgiven');
SELECT is(app.citizen_id_valid(NULL), NULL, 'an unknown number is neither valid nor invalid');
SELECT is(app.citizen_id_problem('11010519491231002X'), NULL, 'a valid number has no problem');
SELECT matches(app.citizen_id_problem('310101800101001'), '15位', 'an old 15-digit number is named as such');
SELECT matches(app.citizen_id_problem('3101011980010100'), '应为18位，现在是16位', 'a 16-character number: wrong length');
SELECT matches(app.citizen_id_problem('31010119800101001A'), '数字或X', 'a letter other than X: wrong characters');
SELECT matches(app.citizen_id_problem('3101011980010100Y8'), '数字', 'a letter inside: wrong characters');
SELECT matches(app.citizen_id_problem('990101198001010014'), '“99”不是省', 'province 99 does not exist');
SELECT matches(app.citizen_id_problem('310101198013010015'), '19801301.*不是有效的出生日期', 'month 13 is no date');
SELECT matches(app.citizen_id_problem('310115199002290018'), '不是有效的出生日期', '29 February 1990 is no date');
SELECT matches(app.citizen_id_problem('310101189912310017'), '不是有效的出生日期', 'a birth before 1900 is refused');
SELECT matches(app.citizen_id_problem('310101300001010016'), '晚于今天', 'a birth date in the future is refused');
SELECT matches(app.citizen_id_problem('310101198001010019'), '校验位', 'a wrong check character is refused');
SELECT doesnt_match(app.citizen_id_problem('310101198001010019'), '应为8',
                    'the message does not give away the right check character');

-- Stored numbers.
SELECT is(pg_temp.add('P甲', '1', '310101198001010019'), '23514 person_id_number_valid',
          'a person with a bad number is refused');
SELECT throws_ok(format($$INSERT INTO app.person (name, sex, id_number, stage, org_id)
                          VALUES ('P甲', '1', '990101198001010014', '1', %s)$$, pg_temp.branch()),
                 '23514', '身份证号前两位“99”不是省（区、市）代码', 'and is told what is wrong, in Chinese');
SELECT is(pg_temp.add('P甲', '1', '310101198001010018'), 'ok', 'a person with a good number is stored');
SELECT is((SELECT birth_date FROM app.person WHERE name = 'P甲'), date '1980-01-01',
          'an empty birth date is filled from the number');
SELECT is(pg_temp.add('P乙', '1', '310101198001010018'), '23505 person_id_number_key',
          'a number already registered is refused');
SELECT is(pg_temp.add('P丙', '2', '#'), 'ok', 'the manual''s # means unknown');
SELECT is(pg_temp.add('P丁', '1', '#'), 'ok', 'several unknown numbers may coexist');
SELECT is(pg_temp.add('P戊', '1', ''), 'ok', 'an empty number is unknown too');
SELECT is((SELECT count(*) FROM app.person WHERE name IN ('P丙', 'P丁', 'P戊') AND id_number IS NULL),
          3::bigint, 'unknown numbers are stored as NULL');
SELECT is(pg_temp.add('P己', '2', ' 11010519491231002x'), 'ok', 'a lower-case x with a blank is accepted');
SELECT is((SELECT id_number FROM app.person WHERE name = 'P己'), '11010519491231002X',
          'and stored trimmed, upper-case');

-- Agreement with birth date and sex.
SELECT is(pg_temp.add('P庚', '2', '310101198001010018'), '23514 person_sex_matches_id',
          'a woman with a man''s number is refused');
SELECT throws_ok(format($$INSERT INTO app.person (name, sex, id_number, stage, org_id)
                          VALUES ('P庚', '1', '31010119750615002X', '1', %s)$$, pg_temp.branch()),
                 '23514', '性别与身份证号不符：身份证号第17位表示女', 'the sex message says what the number says');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.person (name, sex, birth_date, id_number, stage, org_id)
                                      VALUES ('P庚', '1', '1980-01-02', '310101196001010051', '1', %s)$$,
                                    pg_temp.branch())),
          '23514 person_birth_date_matches_id', 'a birth date that disagrees with the number is refused');
SELECT is(pg_temp.add('P辛', '9', '310101199307080312'), 'ok', 'sex 9 (未说明) is not compared');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET sex = '2' WHERE name = 'P甲'$$),
          '23514 person_sex_matches_id', 'changing the sex against the number is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET birth_date = '1980-01-02' WHERE name = 'P甲'$$),
          '23514 person_birth_date_matches_id', 'changing the birth date against the number is refused');
-- The CHECKs stand even when the triggers are off (a bulk load with triggers disabled).
ALTER TABLE app.person DISABLE TRIGGER b10_derive;
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.person (name, sex, id_number, stage, org_id, org_key)
                                      VALUES ('P壬', '2', '310115197506150036', '1', %s, 'x.')$$,
                                    pg_temp.branch())),
          '23514 person_sex_matches_id', 'without the trigger the sex CHECK still refuses');
SELECT is(pg_temp.fails_with(format($$INSERT INTO app.person (name, sex, birth_date, id_number, stage, org_id, org_key)
                                      VALUES ('P壬', '1', '1975-06-16', '310115197506150036', '1', %s, 'x.')$$,
                                    pg_temp.branch())),
          '23514 person_birth_date_matches_id', 'without the trigger the birth-date CHECK still refuses');
ALTER TABLE app.person ENABLE TRIGGER b10_derive;

-- Never deleted.
SELECT throws_ok($$DELETE FROM app.person WHERE name = 'P甲'$$, '23001',
                 '人员记录不能删除：出党、死亡、停止党籍、转出本市等请办理相应手续，记录作为历史党员保留',
                 'deleting a person is refused, with the reason');
SET LOCAL client_min_messages = warning;
SELECT throws_ok($$TRUNCATE app.person CASCADE$$, '23001', NULL, 'truncating the people is refused');
RESET client_min_messages;
SELECT is((SELECT count(*) FROM app.person WHERE name = 'P甲'), 1::bigint, 'the person is still there');

-- Unknown codes: refused by foreign keys named after the field.
SELECT is(pg_temp.fails_with($$UPDATE app.person SET sex = '7' WHERE name = 'P丙'$$),
          '23503 person_sex_fkey', 'an unknown sex code is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET ethnicity = '99' WHERE name = 'P丙'$$),
          '23503 person_ethnicity_fkey', 'an unknown ethnicity code is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET education = 'zz' WHERE name = 'P丙'$$),
          '23503 person_education_fkey', 'an unknown education code is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET stage = '9' WHERE name = 'P丙'$$),
          '23503 person_stage_fkey', 'an unknown stage is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET org_id = -1 WHERE name = 'P丙'$$),
          '23503 person_org_id_fkey', 'an unknown organization is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET ethnicity = '01', education = '21' WHERE name = 'P丙'$$),
          'ok', 'known codes are accepted');

-- Clean text.
SELECT is(pg_temp.add(E'P\x1b[31m红', '1', NULL), '23514 person_name_no_control', 'an escape sequence in a name is refused');
SELECT is(pg_temp.add(E'P\t甲', '1', NULL), '23514 person_name_no_control', 'a tab in a name is refused');
SELECT is(pg_temp.add(E'P\n甲', '1', NULL), '23514 person_name_no_control', 'a line feed in a name is refused');
SELECT is(pg_temp.add(E'P\u009b甲', '1', NULL), '23514 person_name_no_control', 'a C1 control (CSI) is refused');
SELECT is(pg_temp.add(E'P\x7f甲', '1', NULL), '23514 person_name_no_control', 'DEL is refused');
SELECT is(pg_temp.add(repeat('张', 51), '1', NULL), '23514 person_name_length', '51 characters is too long');
SELECT is(pg_temp.add(repeat('张', 50), '1', NULL), 'ok', '50 Chinese characters fit (characters, not bytes)');
SELECT is(pg_temp.add('   ', '1', NULL), '23514 person_name_length', 'a blank name is refused');
SELECT is(pg_temp.add(E'\u3000', '1', NULL), '23514 person_name_length', 'a full-width blank name is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET address = E'A路\n1号' WHERE name = 'P丙'$$),
          '23514 person_address_no_control', 'a line feed in a one-line field is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET history_reason = '2', history_on = '2024-05-01',
                                                     history_detail = E'病故\n家属告知' WHERE name = 'P丙'$$),
          'ok', 'a multi-line field keeps its line feeds');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET history_detail = E'病故\x1b]0;x\x07' WHERE name = 'P丙'$$),
          '23514 person_history_detail_no_control', 'but not other control characters');
SELECT is(pg_temp.fails_with(format($$UPDATE app.person SET address = %L WHERE name = 'P丙'$$, repeat('路', 201))),
          '23514 person_address_length', 'an over-long address is refused');

-- Verbatim storage of awkward but clean text.
SELECT is(pg_temp.add($$O'Brien "x" \n\$$, '1', NULL), 'ok', 'a name with quotes and backslashes is stored');
SELECT is((SELECT count(*) FROM app.person WHERE name = $$O'Brien "x" \n\$$), 1::bigint,
          'and read back byte for byte');
SELECT is(pg_temp.add($$'); DROP TABLE app.person; --$$, '2', NULL), 'ok', 'injection text is stored as text');
SELECT is((SELECT name FROM app.person WHERE name LIKE '%DROP TABLE%'), $$'); DROP TABLE app.person; --$$,
          'and read back unchanged, the table intact');
SELECT is(pg_temp.add('阿依古丽·买买提', '2', NULL), 'ok', 'a name with the middle dot is stored');

-- Stage dates.
SELECT is(pg_temp.fails_with($$UPDATE app.person SET stage = '4' WHERE name = 'P甲'$$),
          '23514 person_member_has_join_date', 'a probationary member needs the admission date');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET stage = '5', joined_party_on = '2005-07-01' WHERE name = 'P甲'$$),
          '23514 person_full_date_only_full', 'a full member needs the 转正 date');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET stage = '5', joined_party_on = '2005-07-01',
                                                     became_full_on = '2005-06-30' WHERE name = 'P甲'$$),
          '23514 person_full_after_join', '转正 cannot precede admission');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET stage = '4', joined_party_on = '1979-07-01' WHERE name = 'P甲'$$),
          '23514 person_join_after_birth', 'admission before birth is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET stage = '5', joined_party_on = '2005-07-01',
                                                     became_full_on = '2006-07-01' WHERE name = 'P甲'$$),
          'ok', 'a full member with both dates is stored');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET history_reason = '1' WHERE name = 'P甲'$$),
          '23514 person_history_has_date', 'a historical member needs the date');

-- Row stamps; derived columns cannot be typed.
SELECT is((SELECT version || ' ' || updated_by FROM app.person WHERE name = 'P甲'), '2 ' || session_user,
          'an update bumps the version and records the clerk (session_user)');
UPDATE app.person SET version = 100, org_key = 'x.', district_id = NULL, phone = '021-1234'
 WHERE name = 'P甲';
SELECT is((SELECT (version, org_key, district_id)::text FROM app.person WHERE name = 'P甲'),
          (SELECT (3, path_key, district_id)::text FROM app.org WHERE name = 'P支部'),
          'typed version, org_key and district are replaced by the derived ones');

-- In transit: frozen until received or cancelled.
UPDATE app.person SET in_transit = true, transit_since = '2024-03-01', transit_dest = '江苏省某市委组织部'
 WHERE name = 'P甲';
SELECT is(pg_temp.fails_with($$UPDATE app.person SET phone = '110' WHERE name = 'P甲'$$),
          '23514 person_in_transit_frozen', 'a member in transit cannot be edited');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET in_transit = false, transit_since = NULL, transit_dest = NULL
                                WHERE name = 'P甲'$$),
          'ok', 'the transfer can be cancelled (in_transit cleared)');
SELECT is(pg_temp.fails_with($$UPDATE app.person SET in_transit = true WHERE name = 'P甲'$$),
          '23514 person_transit_has_date', 'in transit needs its date');

-- Name order and search.
SELECT is(pg_temp.add(n, '0', NULL), 'ok', 'stored ' || n)
  FROM unnest(ARRAY['赵敏', '张伟', '王芳', '欧阳修', '李娜', '陈静', '安然']) AS n;
SELECT is(ARRAY(SELECT p.name COLLATE "default" FROM app.person p WHERE p.sex = '0' ORDER BY p.name),
          ARRAY['安然', '陈静', '李娜', '欧阳修', '王芳', '张伟', '赵敏'], 'ORDER BY name is pinyin order');
SELECT is(ARRAY(SELECT g FROM unnest(app.name_grams('欧阳修')) AS g ORDER BY g COLLATE "C")::text[],
          ARRAY['修', '欧', '欧阳', '阳', '阳修'] COLLATE "C", 'name pieces: every 1 and 2 characters');
SELECT is(ARRAY(SELECT name COLLATE "default" FROM app.person WHERE app.name_contains(name, '阳修')),
          ARRAY['欧阳修'], 'contains search finds 阳修 in 欧阳修');
SELECT is(ARRAY(SELECT name COLLATE "default" FROM app.person WHERE app.name_contains(name, '欧阳修')),
          ARRAY['欧阳修'], 'a three-character search is confirmed by strpos');
SELECT is((SELECT count(*) FROM app.person WHERE app.name_contains(name, '修阳')),
          0::bigint, 'the pieces in the wrong order find nothing');

SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.plan_of($$SELECT id FROM app.person
                                  WHERE app.search_tokens(name COLLATE "C", name_initials, org_key)
                                        OPERATOR(app.@>) app.search_query_tokens('张伟', NULL, NULL)$$),
               'person_search', 'contains search can use the search index');
SELECT matches(pg_temp.plan_of($$SELECT id FROM app.person WHERE name COLLATE "C" LIKE '欧阳%'$$),
               'person_name_prefix', 'prefix search (COLLATE "C") can use the prefix index');
SELECT matches(pg_temp.plan_of($$SELECT id FROM app.person WHERE id_number LIKE '3101%'$$),
               'person_id_number_key', 'ID-number prefix search can use the unique index');
SELECT matches(pg_temp.plan_of($$SELECT id FROM app.person WHERE org_key >= '001.' AND org_key < app.key_upper('001.')$$),
               'person_org_key', 'a subtree range can use the org_key index');
SELECT matches(pg_temp.plan_of($$SELECT id FROM app.person WHERE district_id = 1 ORDER BY name, id LIMIT 50$$),
               '^Limit\n +-> +Index (Only )?Scan using person_district_name',
               'a district''s first page by name walks the (district, name) index, no sort');
SELECT matches(pg_temp.plan_of($$SELECT id FROM app.person WHERE org_id = 1 ORDER BY name, id LIMIT 50$$),
               '^Limit\n +-> +Index (Only )?Scan using person_org_name',
               'a branch''s first page by name walks the (org, name) index, no sort');
RESET enable_seqscan;

SELECT * FROM finish();
ROLLBACK;

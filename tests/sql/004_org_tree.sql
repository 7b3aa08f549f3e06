-- 004: the organization tree.  Codes grow from the parent's and never change;
-- path and district are derived and follow a move, with the whole subtree and
-- its people; the kinds fit the levels; no cycles; dissolving keeps the row,
-- read-only, and needs an empty organization.
BEGIN;
SELECT plan(45);

-- What a statement fails with: 'SQLSTATE constraint', or 'ok'.
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

-- Shorthand: the id of the organization with this name (names are unique here).
CREATE FUNCTION pg_temp.o(n text) RETURNS bigint LANGUAGE sql AS $$
    SELECT id FROM app.org WHERE name = n
$$;

-- A district with a committee, a general branch and branches; a second district.
SELECT is(app.next_child_code(pg_temp.o('上海市委')) ~ '^001\.[0-9]{3}$', true,
          'a child of the city gets 001 plus one segment');
INSERT INTO app.org (parent_id, kind, name, unit_name)
VALUES (pg_temp.o('上海市委'), '2', 'T区委', '上海市T区');
SELECT is((SELECT code FROM app.org WHERE name = 'T区委'),
          (SELECT code FROM app.org WHERE parent_id = pg_temp.o('上海市委') ORDER BY code DESC LIMIT 1),
          'the new district has the highest code under the city');
INSERT INTO app.org (parent_id, kind, name, unit_name)
VALUES (pg_temp.o('上海市委'), '3', 'T口委', '上海市T工作');
INSERT INTO app.org (parent_id, kind, name, unit_name) VALUES (pg_temp.o('T区委'), '4', 'T党委', 'T公司');
INSERT INTO app.org (parent_id, kind, name, unit_name) VALUES (pg_temp.o('T党委'), '5', 'T总支', 'T公司');
INSERT INTO app.org (parent_id, kind, name, unit_name) VALUES (pg_temp.o('T党委'), '6', 'T一支部', 'T公司第一');
INSERT INTO app.org (parent_id, kind, name, unit_name) VALUES (pg_temp.o('T总支'), '6', 'T二支部', 'T公司第二');
INSERT INTO app.org (parent_id, kind, name, unit_name) VALUES (pg_temp.o('T二支部'), '7', 'T小组', 'T公司第二');

SELECT is((SELECT code FROM app.org WHERE name = 'T党委'),
          (SELECT code FROM app.org WHERE name = 'T区委') || '.001', 'first child: parent code .001');
SELECT is((SELECT code FROM app.org WHERE name = 'T总支'),
          (SELECT code FROM app.org WHERE name = 'T党委') || '.001', 'first child of the committee: .001');
SELECT is((SELECT code FROM app.org WHERE name = 'T一支部'),
          (SELECT code FROM app.org WHERE name = 'T党委') || '.002', 'second child: .002');
SELECT is(app.next_child_code(pg_temp.o('T党委')),
          (SELECT code FROM app.org WHERE name = 'T党委') || '.003', 'next_child_code gives the next free code');
SELECT is((SELECT path::text FROM app.org WHERE name = 'T二支部'),
          (SELECT string_agg(replace(a.code, '.', '_'), '.' ORDER BY nlevel(a.path))
             FROM app.org a, app.org b WHERE b.name = 'T二支部' AND b.path <@ a.path),
          'the path lists every ancestor''s code, . -> _');
SELECT is((SELECT path_key FROM app.org WHERE name = 'T二支部'),
          (SELECT path::text || '.' FROM app.org WHERE name = 'T二支部'), 'path_key is path plus a dot');
SELECT is((SELECT array_agg(DISTINCT district_id) FROM app.org
            WHERE path <@ (SELECT path FROM app.org WHERE name = 'T区委')),
          ARRAY[pg_temp.o('T区委')], 'every organization in the district has the district as district_id');
SELECT is((SELECT district_id FROM app.org WHERE name = '上海市委'), NULL, 'the city has no district');
SELECT is((SELECT full_name FROM app.org WHERE name = 'T党委'), '中共T公司委员会', 'full name: 中共 + unit + 委员会');
SELECT is((SELECT full_name FROM app.org WHERE name = 'T一支部'), '中共T公司第一支部委员会',
          'full name of a branch: 中共 + unit + 支部委员会');

-- An explicit code must extend the parent's.
SELECT is(pg_temp.fails_with($$INSERT INTO app.org (parent_id, kind, name, code)
                               VALUES (pg_temp.o('T党委'), '6', 'X', '001.999.001')$$),
          '23514 org_code_under_parent', 'an explicit code outside the parent''s is refused');
SELECT lives_ok($$INSERT INTO app.org (parent_id, kind, name, code)
                  SELECT pg_temp.o('T党委'), '6', 'T九支部', code || '.009' FROM app.org WHERE name = 'T党委'$$,
                'an explicit code under the parent''s is accepted (imports)');
SELECT is(app.next_child_code(pg_temp.o('T党委')),
          (SELECT code FROM app.org WHERE name = 'T党委') || '.010', 'next code follows the highest given');

-- Kinds and levels.
SELECT is(pg_temp.fails_with($$INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('T一支部'), '6', 'X')$$),
          '23514 org_kind_under_parent', 'a branch under a branch is refused');
SELECT is(pg_temp.fails_with($$INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('上海市委'), '4', 'X')$$),
          '23514 org_kind_under_parent', 'a grass-roots committee directly under the city is refused');
SELECT lives_ok($$INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('T区委'), '6', 'T直属支部')$$,
                'a branch directly under a district is accepted');
SELECT lives_ok($$INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('T口委'), '5', 'T直属总支')$$,
                'a general branch directly under a large-system committee is accepted');
SELECT is(pg_temp.fails_with($$INSERT INTO app.org (kind, name) VALUES ('2', 'X')$$),
          '23514 org_root_is_city', 'only the city sits at the top');
SELECT is(pg_temp.fails_with($$INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('T区委'), '8', 'X')$$),
          '23503 org_kind_fkey', 'an unknown kind is refused by its foreign key');
SELECT is(pg_temp.fails_with($$UPDATE app.org SET kind = '6' WHERE name = 'T总支'$$),
          '23514 org_kind_under_parent', 'a general branch holding a branch cannot become a branch');
SELECT lives_ok($$UPDATE app.org SET kind = '4' WHERE name = 'T直属总支'$$,
                'a general branch under a large-system committee can be upgraded to a committee (manual 2.1)');

-- Codes never change; derived columns cannot be typed.
SELECT is(pg_temp.fails_with($$UPDATE app.org SET code = '001.999' WHERE name = 'T党委'$$),
          '23514 org_code_fixed', 'a code cannot be changed');
UPDATE app.org SET path = 'x.y', path_key = 'x.y.', district_id = pg_temp.o('上海市委'), version = 99
 WHERE name = 'T一支部';
SELECT is((SELECT (path_key = path::text || '.' AND path <@ (SELECT path FROM app.org WHERE name = 'T党委')
                   AND district_id = pg_temp.o('T区委') AND version = 2)
             FROM app.org WHERE name = 'T一支部'), true,
          'typed path, path_key, district and version are replaced by the derived ones');

-- A move: the committee goes to the large-system committee, with its subtree and people.
INSERT INTO app.person (name, sex, stage, org_id) VALUES ('T甲', '1', '1', pg_temp.o('T二支部'));
SELECT is(pg_temp.fails_with($$UPDATE app.org SET parent_id = pg_temp.o('T二支部') WHERE name = 'T党委'$$),
          '23514 org_no_cycle', 'moving an organization under its own descendant is refused');
SELECT is(pg_temp.fails_with($$UPDATE app.org SET parent_id = pg_temp.o('T党委') WHERE name = 'T党委'$$),
          '23514 org_no_cycle', 'an organization cannot be its own parent');
UPDATE app.org SET parent_id = pg_temp.o('T口委') WHERE name = 'T党委';
SELECT is((SELECT code FROM app.org WHERE name = 'T党委') LIKE (SELECT code FROM app.org WHERE name = 'T区委') || '.%',
          true, 'the moved committee keeps its code');
SELECT is((SELECT count(*) FROM app.org WHERE path <@ (SELECT path FROM app.org WHERE name = 'T口委')
                                          AND name IN ('T党委', 'T总支', 'T一支部', 'T二支部', 'T小组', 'T九支部')),
          6::bigint, 'the whole subtree now lies under the large-system committee');
SELECT is((SELECT count(*) FROM app.org WHERE path <@ (SELECT path FROM app.org WHERE name = 'T区委')),
          2::bigint, 'and nothing of it is left under the district (the district and its direct branch)');
SELECT is((SELECT array_agg(DISTINCT district_id) FROM app.org
            WHERE name IN ('T党委', 'T总支', 'T一支部', 'T二支部', 'T小组')),
          ARRAY[pg_temp.o('T口委')], 'the subtree''s district is the new one');
SELECT is((SELECT count(*) FROM app.org o JOIN app.org p ON p.id = o.parent_id
            WHERE o.path <> p.path || replace(o.code, '.', '_')::ext.ltree), 0::bigint,
          'every path is its parent''s path plus its own label');
SELECT is((SELECT org_key FROM app.person WHERE name = 'T甲'),
          (SELECT path_key FROM app.org WHERE name = 'T二支部'), 'a member''s org_key follows the move');
SELECT is((SELECT district_id FROM app.person WHERE name = 'T甲'), pg_temp.o('T口委'),
          'a member''s district follows the move');
INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('T党委'), '6', 'T十支部');
SELECT is((SELECT code FROM app.org WHERE name = 'T十支部'),
          (SELECT code FROM app.org WHERE name = 'T党委') || '.010', 'a moved parent still gives codes from its own');

-- Dissolving.
SELECT is(pg_temp.fails_with($$UPDATE app.org SET state = 'dissolved', dissolved_on = '2024-01-01' WHERE name = 'T二支部'$$),
          '23514 org_dissolve_empty', 'an organization with people cannot be dissolved');
SELECT is(pg_temp.fails_with($$UPDATE app.org SET state = 'dissolved', dissolved_on = '2024-01-01' WHERE name = 'T总支'$$),
          '23514 org_dissolve_empty', 'an organization with active children cannot be dissolved');
SELECT is(pg_temp.fails_with($$UPDATE app.org SET state = 'dissolved' WHERE name = 'T一支部'$$),
          '23514 org_dissolved_has_date', 'a dissolved organization needs its date');
UPDATE app.org SET state = 'dissolved', dissolved_on = '2024-01-01', dissolved_reason = '单位撤销'
 WHERE name = 'T一支部';
SELECT is((SELECT state FROM app.org WHERE name = 'T一支部'), 'dissolved', 'an empty branch is dissolved, and kept');
SELECT is(pg_temp.fails_with($$UPDATE app.org SET name = 'T一支部（改）' WHERE name = 'T一支部'$$),
          '23514 org_dissolved_read_only', 'a dissolved organization cannot be changed');
SELECT is(pg_temp.fails_with($$INSERT INTO app.org (parent_id, kind, name) VALUES (pg_temp.o('T一支部'), '7', 'X')$$),
          '23514 org_parent_active', 'nothing new goes under a dissolved organization');
SELECT is(pg_temp.fails_with($$INSERT INTO app.person (name, sex, stage, org_id) VALUES ('T乙', '1', '1', pg_temp.o('T一支部'))$$),
          '23514 person_org_active', 'nobody joins a dissolved organization');
SELECT is(pg_temp.fails_with($$DELETE FROM app.org WHERE name = 'T总支'$$),
          '23503 org_parent_id_fkey', 'an organization with children cannot be deleted');
SELECT is(pg_temp.fails_with($$DELETE FROM app.org WHERE name = 'T小组'$$), 'ok',
          'an empty organization can be deleted');
SELECT is(pg_temp.fails_with($$DELETE FROM app.org WHERE name = 'T一支部'$$), 'ok',
          'a dissolved organization can be deleted (manual 2.5.2)');

SELECT * FROM finish();
ROLLBACK;

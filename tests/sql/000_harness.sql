-- The test harness itself (scripts/check_db.sh): the database pg_prove runs in is
-- the migrated UTF-8 / C.UTF-8 test database, with pgTAP usable by every role.
-- If this file fails, every other result of the run is suspect.
BEGIN;
SELECT plan(6);

SELECT is(getdatabaseencoding(), 'UTF8', 'the test database is UTF-8');
SELECT is((SELECT datcollate FROM pg_database WHERE datname = current_database()),
          'C.UTF-8', 'the test database uses the C.UTF-8 locale');
SELECT is(current_database(), 'dangjian_test', 'pg_prove runs in dangjian_test');
SELECT ok((SELECT rolsuper FROM pg_roles WHERE rolname = session_user),
          'pgTAP runs as the superuser (it needs TEMP, which clerks lack)');
SELECT has_schema('meta', 'the migrations have run (schema meta exists)');
SELECT ok(has_function_privilege('public', 'tap.ok(boolean, text)', 'EXECUTE'),
          'pgTAP is executable by every role, for tests that impersonate clerks');

SELECT * FROM finish();
ROLLBACK;

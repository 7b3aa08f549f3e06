#!/usr/bin/env bash
# The suites of `make check` that need PostgreSQL.  Run by scripts/check.sh
# inside `pg_virtualenv`, which has started a throwaway cluster and exported
# PGHOST, PGPORT, PGUSER (the superuser), PGPASSWORD and PGDATABASE.
#
# Creates dangjian_test (UTF-8, C.UTF-8), migrates it with `dangjian db
# migrate`, installs pgTAP, then runs, each recording its counts in
# $DJ_CHECK_RESULTS (see scripts/check_lib.sh):
#   pgTAP     pg_prove over tests/sql/*.sql, as the superuser;
#   db        build/tests/db/test_* (cmocka) against dangjian_test;
#   tui       prove tests/tui (*.t scripts; DJ_BIN names the program);
#   db (san)  build-san/tests/db/test_* under ASan, UBSan and LSan.
# What the tests can rely on: PGDATABASE=dangjian_test, migrated; the superuser
# in PGUSER/PGPASSWORD; DJ_ROOT (the repository), DJ_BIN (build/dangjian);
# DANGJIAN_CONFIG pointing at an empty file, so no personal config leaks in.
# pgTAP lives in schema "tap", usable by every role (tests that impersonate a
# clerk with SET SESSION AUTHORIZATION still call is() and ok()); pg_prove
# sessions get search_path public, ext, tap.  A test that sets its own
# search_path must keep tap on it.
#
# Exits non-zero only when the server cannot be reached (check.sh then tries
# another cluster); failed tests are in the results file, and exiting 0 keeps
# pg_virtualenv from dumping the server log over the test output.
set -euo pipefail

: "${DJ_ROOT:?run by scripts/check.sh}" "${DJ_CHECK_RESULTS:?run by scripts/check.sh}"
cd "$DJ_ROOT"
# shellcheck source=scripts/check_lib.sh
. scripts/check_lib.sh

banner "cluster"
if ! psql -X -q -A -t -c 'SELECT 1' >/dev/null; then
    echo "check_db: the throwaway cluster does not answer (PGHOST=$PGHOST PGPORT=${PGPORT:-})"
    exit 1
fi
touch "$DJ_CHECK_STATE/started"
psql -X -A -t -c "SELECT 'server ' || current_setting('server_version') || ', user ' || current_user
                         || ', host ' || coalesce(inet_server_addr()::text, 'socket')
                         || ', port ' || current_setting('port')"

# No personal or system dangjian config may steer the program under test.
: >"$DJ_CHECK_STATE/empty.conf"
export DANGJIAN_CONFIG="$DJ_CHECK_STATE/empty.conf"
export DJ_BIN="$DJ_ROOT/build/dangjian"

# template0 with explicit encoding and locale: the result must not depend on
# how the cluster's template1 happened to be made.
createdb -T template0 -E UTF8 --locale=C.UTF-8 dangjian_test
export PGDATABASE=dangjian_test
echo "database dangjian_test: $(psql -X -A -t -c "SELECT getdatabaseencoding() || ', ' || datcollate
                                                FROM pg_database WHERE datname = current_database()")"

# --- migrate: a step, counted only when it fails ---------------------------
banner migrate
t0=$SECONDS
if "$DJ_BIN" db migrate; then
    record migrate 0 0 $((SECONDS - t0)) "ok: dangjian db migrate"
else
    record migrate 0 1 $((SECONDS - t0)) "dangjian db migrate failed (output above)"
fi

# --- pgTAP -------------------------------------------------------------------
banner pgTAP
mapfile -t sqlfiles < <(find tests/sql -maxdepth 1 -name '*.sql' | sort)
# The migrations revoke EXECUTE from PUBLIC by default (ALTER DEFAULT PRIVILEGES),
# so pgTAP's functions are granted back explicitly; this exists only in the
# throwaway test database.
if ! psql -X -q -v ON_ERROR_STOP=1 <<'SQL'; then
CREATE SCHEMA tap;
CREATE EXTENSION pgtap WITH SCHEMA tap;
GRANT USAGE ON SCHEMA tap TO PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tap TO PUBLIC;
SQL
    record pgTAP 0 1 0 "CREATE EXTENSION pgtap failed"
elif [ ${#sqlfiles[@]} -eq 0 ]; then
    echo "pgTAP: 0 pgTAP files in tests/sql"
    record pgTAP 0 0 0 "0 pgTAP files"
else
    PGOPTIONS="${PGOPTIONS:-} -c search_path=public,ext,tap" \
        run_tap pgTAP pg_prove "${sqlfiles[@]}"
fi

# --- C database tests --------------------------------------------------------
mapfile -t dbt < <(tests_of tests/db build)
run_cmocka db "${dbt[@]}"

# --- UI scripts ----------------------------------------------------------------
banner tui
if compgen -G 'tests/tui/*.t' >/dev/null; then
    run_tap tui prove tests/tui
else
    echo "tui: no test files yet"
    record tui 0 0 0 "no test files yet"
fi

# --- C database tests under the sanitizers -------------------------------------
mapfile -t dbt_san < <(tests_of tests/db build-san)
(
    sanitizer_env
    run_cmocka "db (san)" "${dbt_san[@]}"
)
exit 0

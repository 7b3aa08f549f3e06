#!/usr/bin/env bash
# A quick run of a few tests while working, in a throwaway cluster set up as
# `make check` sets it up (dangjian_test migrated, pgTAP in schema tap,
# DJ_BIN, DJ_ROOT, an empty DANGJIAN_CONFIG).  Builds first (make tests).
#
# Usage: scripts/try.sh [TEST...]
#   tests/sql/NAME.sql        run with pg_prove
#   tests/tui/NAME.t          run with prove
#   build/tests/db/test_NAME  run as it is (cmocka)
#   --shell                   an interactive shell in that environment instead
# `make check` is still the judge; this only saves the wait for everything.
set -euo pipefail
DJ_ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$DJ_ROOT"
make -s -j2 tests >/dev/null
export DJ_ROOT
# A random port: concurrent runs would all race for 5432 (see check.sh).
PGPORT=$((20000 + RANDOM % 20000)) exec pg_virtualenv -t -i '--encoding=UTF8 --locale=C.UTF-8' -- bash -c '
set -euo pipefail
cd "$DJ_ROOT"
state=$(mktemp -d); trap "rm -rf $state" EXIT; : >"$state/empty.conf"
export DANGJIAN_CONFIG="$state/empty.conf" DJ_BIN="$DJ_ROOT/build/dangjian"
createdb -T template0 -E UTF8 --locale=C.UTF-8 dangjian_test
export PGDATABASE=dangjian_test
"$DJ_BIN" db migrate >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA tap; CREATE EXTENSION pgtap WITH SCHEMA tap;
  GRANT USAGE ON SCHEMA tap TO PUBLIC; GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tap TO PUBLIC"
rc=0
for t in "$@"; do
    case $t in
    --shell) bash -i || true ;;
    *.sql) PGOPTIONS="-c search_path=public,ext,tap" pg_prove "$t" || rc=1 ;;
    *.t) prove -v "$t" || rc=1 ;;
    *) "$t" || rc=1 ;;
    esac
done
exit $rc
' try "$@"

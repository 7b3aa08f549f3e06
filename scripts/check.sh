#!/usr/bin/env bash
# make check: builds and runs every test suite, then prints one table and one
# final line "N passed, N failed".  Exits non-zero if anything failed.
#
#   1. scripts/deps.sh       installs what is missing (as root) or says how;
#   2. make tests, SAN=1     the normal build and the ASan+UBSan build (build-san/);
#   3. unit, unit (san)      cmocka binaries, no database needed;
#   4. pg_virtualenv         a throwaway PostgreSQL cluster (UTF-8, C.UTF-8) in
#                            which scripts/check_db.sh runs the suites that need
#                            one: migrate, pgTAP, C database tests, UI scripts,
#                            and the database tests again under the sanitizers.
#
# Works as root (CI: `bash .ci/run`, no stdin) and as a normal user.  A suite
# that needs PostgreSQL fails, never skips, when no cluster could be started.
# Environment: DJ_CHECK_KEEP_GOING=1 runs the tests even if a build failed
# (with whatever binaries exist; off by default so stale binaries never pass).
set -euo pipefail

DJ_ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
export DJ_ROOT
cd "$DJ_ROOT"
# shellcheck source=scripts/check_lib.sh
. scripts/check_lib.sh

state=$(mktemp -d -t dangjian-check.XXXXXX)
trap 'rm -rf "$state"' EXIT
export DJ_CHECK_RESULTS="$state/results" DJ_CHECK_STATE="$state"
: >"$DJ_CHECK_RESULTS"
# pg_virtualenv -t as root hands its work folder to the postgres user but runs
# our command as root, so the results file stays ours; still, keep it readable.
chmod 755 "$state"
started=$SECONDS
make=${MAKE:-make}

# The suites run inside the cluster, in the order check_db.sh runs them.
DB_SUITES=("migrate" "pgTAP" "db" "tui" "db (san)")

print_table() {
    local tp=0 tf=0
    printf '\n==== summary ====\n'
    printf '%-14s %7s %7s %6s  %s\n' suite passed failed secs note
    while IFS=$'\t' read -r suite p f secs note; do
        printf '%-14s %7s %7s %6s  %s\n' "$suite" "$p" "$f" "$secs" "$note"
        tp=$((tp + p))
        tf=$((tf + f))
    done <"$DJ_CHECK_RESULTS"
    printf 'total time %ds\n' $((SECONDS - started))
    printf '%d passed, %d failed\n' "$tp" "$tf"
    [ "$tf" -eq 0 ]
}

# --- 1. dependencies ---------------------------------------------------------
banner deps
if ! scripts/deps.sh; then
    record deps 0 1 0 "missing packages (see above)"
    print_table || exit 1
fi

# --- 2. builds ---------------------------------------------------------------
# -j2: the machines this runs on have two cores.  Both builds before any test,
# so a compile error is reported before minutes of testing.
banner build
t0=$SECONDS
build_ok=1
"$make" -j2 tests || build_ok=0
"$make" -j2 SAN=1 tests || build_ok=0
if [ "$build_ok" -eq 1 ]; then
    # A step, not a test: it shows in the table but adds nothing to "passed".
    record build 0 0 $((SECONDS - t0)) "ok: make tests, make SAN=1 tests"
else
    record build 0 1 $((SECONDS - t0)) "compile errors above"
    if [ "${DJ_CHECK_KEEP_GOING:-0}" != 1 ]; then
        print_table || exit 1
    fi
fi

# --- 3. unit tests -----------------------------------------------------------
mapfile -t unit < <(tests_of tests/unit build)
run_cmocka unit "${unit[@]}"
mapfile -t unit_san < <(tests_of tests/unit build-san)
(
    sanitizer_env
    run_cmocka "unit (san)" "${unit_san[@]}"
)

# --- 4. the suites that need PostgreSQL -------------------------------------
# -t: a temporary cluster folder even as root.  Without it pg_virtualenv as root
# creates the fixed cluster 15/regress under /etc/postgresql: two checks at once
# collide, and one killed run blocks every later one.  The port: left to
# pg_createcluster, concurrent checks all pick the first free one (5432) and
# race for it, so each attempt draws a random one (PGPORT is passed on to
# pg_createcluster); a cluster that still did not come up is tried again with
# another (check_db.sh marks "started" once the server answers).
banner "PostgreSQL (pg_virtualenv)"
for attempt in 1 2 3; do
    rc=0
    PGPORT=$((20000 + RANDOM % 20000)) \
        pg_virtualenv -t -i '--encoding=UTF8 --locale=C.UTF-8' scripts/check_db.sh || rc=$?
    [ -e "$state/started" ] && break
    echo "check: the throwaway cluster did not start (attempt $attempt, status $rc)"
    sleep 1
done
# A suite with no line by now never ran: it fails, it does not skip.
if [ -e "$state/started" ]; then
    why="did not run: check_db.sh stopped early (status $rc)"
else
    why="did not run: no PostgreSQL cluster could be started"
fi
for suite in "${DB_SUITES[@]}"; do
    if ! cut -f1 "$DJ_CHECK_RESULTS" | grep -xF "$suite" >/dev/null; then
        record "$suite" 0 1 0 "$why"
    fi
done

print_table || exit 1

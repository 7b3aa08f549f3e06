# shellcheck shell=bash
# Shared by scripts/check.sh and scripts/check_db.sh (sourced, not run).
#
# Every suite appends one line to $DJ_CHECK_RESULTS:
#     suite <TAB> passed <TAB> failed <TAB> seconds <TAB> note
# check.sh prints the table from that file at the end, so the suites that run
# inside pg_virtualenv (a child process) report the same way as the others.
# Counts come from the runners' own summaries (cmocka, prove), never from our
# guesses; a runner that dies before its summary counts as one failure, so a
# crash can never look like a pass.

# record SUITE PASSED FAILED SECONDS NOTE
record() {
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$DJ_CHECK_RESULTS"
}

banner() {
    printf '\n==== %s ====\n' "$*"
}

# Runs cmocka binaries one after the other and records one suite.
# run_cmocka SUITE BINARY...
run_cmocka() {
    local suite=$1
    shift
    local start=$SECONDS passed=0 failed=0 skipped=0 files=0 rc out p f s
    banner "$suite"
    if [ $# -eq 0 ]; then
        echo "$suite: no test files yet"
        record "$suite" 0 0 0 "no test files yet"
        return 0
    fi
    out=$(mktemp)
    for bin in "$@"; do
        files=$((files + 1))
        if [ ! -x "$bin" ]; then
            echo "$suite: $bin was not built: counted as 1 failure"
            failed=$((failed + 1))
            continue
        fi
        # cmocka prints its summary on stdout, failures and sanitizer reports on
        # stderr: show both as they come and keep a copy to count from.
        set +e
        "$bin" 2>&1 | tee "$out"
        rc=${PIPESTATUS[0]}
        set -e
        p=$(sed -n 's/^\[  PASSED  ] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
        f=$(sed -n 's/^\[  FAILED  ] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
        s=$(sed -n 's/^\[  SKIPPED ] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
        passed=$((passed + p))
        failed=$((failed + f))
        skipped=$((skipped + s))
        # A non-zero exit without a cmocka failure line is a crash, a sanitizer
        # report or a leak found at exit: the tests that "passed" do not clear it.
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            echo "$suite: ${bin##*/} exited with status $rc after its tests: counted as 1 failure"
            failed=$((failed + 1))
        elif [ "$rc" -eq 0 ] && ! grep -q '^\[  PASSED  \]' "$out"; then
            echo "$suite: ${bin##*/} printed no cmocka summary: counted as 1 failure"
            failed=$((failed + 1))
        fi
    done
    rm -f "$out"
    local note="$files binaries"
    [ "$skipped" -gt 0 ] && note="$note, $skipped skipped"
    echo "$suite: $passed passed, $failed failed ($note)"
    record "$suite" "$passed" "$failed" $((SECONDS - start)) "$note"
}

# Runs a TAP harness (prove or pg_prove) and records one suite from its summary:
# "Files=F, Tests=T, ..." and "Result: PASS|FAIL", plus one line per troubled
# file in the "Test Summary Report" ("(Wstat: W Tests: N Failed: F)").
# run_tap SUITE COMMAND...
run_tap() {
    local suite=$1
    shift
    local start=$SECONDS rc out total files failed failed_tests note
    out=$(mktemp)
    set +e
    "$@" 2>&1 | tee "$out"
    rc=${PIPESTATUS[0]}
    set -e
    total=$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\).*/\1/p' "$out" | tail -n 1)
    files=$(sed -n 's/^Files=\([0-9]*\),.*/\1/p' "$out" | tail -n 1)
    # A file that failed F tests counts F; one that died or broke its plan with
    # no failed test counts 1.
    # ("Wstat: 768 (exited 3) Tests: ..." when the file exited non-zero.)
    failed_tests=$(sed -n 's/.*(Wstat: [0-9]*[^T]*Tests: [0-9]* Failed: \([0-9]*\)).*/\1/p' "$out" |
        awk '{s += $1} END {print s+0}')
    failed=$(sed -n 's/.*(Wstat: [0-9]*[^T]*Tests: [0-9]* Failed: \([0-9]*\)).*/\1/p' "$out" |
        awk '{s += ($1 > 0 ? $1 : 1)} END {print s+0}')
    if [ -z "$total" ]; then
        echo "$suite: the harness printed no summary (status $rc): counted as 1 failure"
        record "$suite" 0 1 $((SECONDS - start)) "harness failed"
        rm -f "$out"
        return 0
    fi
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        echo "$suite: the harness exited with status $rc: counted as 1 failure"
        failed=1
    fi
    local passed=$((total - failed_tests))
    [ "$passed" -lt 0 ] && passed=0
    note="$files files"
    rm -f "$out"
    record "$suite" "$passed" "$failed" $((SECONDS - start)) "$note"
}

# The test binaries of a suite, from the sources (a stale binary of a deleted
# test is not run): tests_of DIR BUILD -> BUILD/DIR/test_X ...
tests_of() {
    local dir=$1 build=$2 src
    for src in "$dir"/test_*.c; do
        [ -e "$src" ] || continue
        src=${src%.c}
        printf '%s\n' "$build/$src"
    done
}

# The sanitizer settings for the build-san/ binaries: stop at the first report,
# with a stack; leaks suppressed only inside the libraries listed in the file.
sanitizer_env() {
    export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export LSAN_OPTIONS="suppressions=$DJ_ROOT/tests/lsan.supp:print_suppressions=0"
}

#!/usr/bin/env bash
# Runs cmocka test binaries, each printing its own summary; fails if any fails.
set -u
rc=0
for t in "$@"; do
    "$t" || rc=1
done
exit $rc

# make bench, sourced by scripts/bench.sh: docs/performance.md on stdout,
# every number from this run's rows in the bench schema (run $RUN_ID) and the
# machine as it is now.  The prose is fixed text; what it says about a target
# (met or not) is chosen by the numbers.
R=$RUN_ID
v() { sql -c "SELECT value FROM bench.param WHERE name = '$1'"; }
n2() { sql -c "SELECT to_char($1, 'FM999,999,999,990.00')"; }

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
CORES=$(nproc)
MEM=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
OS=$(. /etc/os-release && echo "$PRETTY_NAME")
PGV=$(sql -c "SELECT version()")
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain 2>/dev/null | grep -v '^??' | grep -c . || true)
PEOPLE=$(sql -c "SELECT to_char(count(*), 'FM9,999,999') FROM app.person")
CURRENT=$(sql -c "SELECT to_char(count(*), 'FM9,999,999') FROM app.person WHERE history_reason IS NULL")
ORGS=$(sql -c "SELECT to_char(count(*), 'FM9,999,999') FROM app.org")
BUILD=$(sql -c "SELECT format('%s s (%s)', round(seconds::numeric), to_char(built_at, 'YYYY-MM-DD HH24:MI TZ')) FROM bench.build")
org_line() {
    sql -c "SELECT format('%s %s（%s 人）', o.code, o.name,
                          to_char((SELECT count(*) FROM app.person p WHERE p.history_reason IS NULL
                                     AND p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key)), 'FM9,999,999'))
              FROM app.org o WHERE o.id = $1"
}
RARE_N=$(sql -c "SELECT count(*) FROM app.person WHERE history_reason IS NULL AND strpos(name, '$RARE') > 0")
ELAPSED=$((T1 - T0))

# Targets ----------------------------------------------------------------
met() { if [ "$1" = t ]; then echo "**met**"; else echo "**missed**"; fi; }
PAGE_MAX=$(sql -c "SELECT format('%s (%s as %s)', round(max(p95)::numeric, 2),
                    (array_agg(item ORDER BY p95 DESC))[1], (array_agg(replace(who, '${DB}_bench_', '') ORDER BY p95 DESC))[1])
                   FROM bench.result WHERE run_id = '$R' AND variant = 'ours'
                    AND item IN (SELECT substr(name, 7) FROM bench.param WHERE name LIKE 'group.%' AND value = 'page')")
PAGE_OK=$(sql -c "SELECT coalesce(bool_and(p95 <= 10), false) FROM bench.result WHERE run_id = '$R' AND variant = 'ours'
                   AND item IN (SELECT substr(name, 7) FROM bench.param WHERE name LIKE 'group.%' AND value = 'page')")
PAGE_OVER=$(sql -c "SELECT coalesce(string_agg(format('%s as %s: %s ms', item, replace(who, '${DB}_bench_', ''), round(p95::numeric, 1)), '; ' ORDER BY p95 DESC), 'none')
                    FROM bench.result WHERE run_id = '$R' AND variant = 'ours' AND p95 > 10
                     AND item IN (SELECT substr(name, 7) FROM bench.param WHERE name LIKE 'group.%' AND value = 'page')")
SD=$(sql -c "SELECT round(max(p95)::numeric, 2) FROM bench.result WHERE run_id = '$R' AND variant = 'ours' AND item = 'stats.district'")
SC=$(sql -c "SELECT round(max(p95)::numeric, 2) FROM bench.result WHERE run_id = '$R' AND variant = 'ours' AND item = 'stats.city'")
SD_OK=$(sql -c "SELECT coalesce($SD <= 20, false)")
SC_OK=$(sql -c "SELECT coalesce($SC <= 100, false)")
RATIO_SQL="FROM bench.result o JOIN bench.result n ON n.run_id = o.run_id AND n.item = o.item AND n.variant = 'naive'
            WHERE o.run_id = '$R' AND o.variant = 'ours'
              AND (o.item ~ '^(district|city)\.' OR o.item ~ '^search\..*\.(district|city)$')"
RATIO_OK=$(sql -c "SELECT coalesce(bool_and(n.p95 / o.p95 >= 10 OR o.p95 <= 1), false) $RATIO_SQL")
RATIO_MIN=$(sql -c "SELECT format('%s× (%s as %s)', round(min(n.p95 / o.p95)::numeric, 1),
                     (array_agg(o.item ORDER BY n.p95 / o.p95))[1], (array_agg(replace(o.who, '${DB}_bench_', '') ORDER BY n.p95 / o.p95))[1]) $RATIO_SQL")
RATIO_UNDER=$(sql -c "SELECT coalesce(string_agg(format('%s as %s: %s× at %s ms', o.item, replace(o.who, '${DB}_bench_', ''),
                       round((n.p95 / o.p95)::numeric, 1), round(o.p95::numeric, 2)), '; '), 'none') $RATIO_SQL
                       AND NOT (n.p95 / o.p95 >= 10 OR o.p95 <= 1)")
PG32=$(sql -c "SELECT format('%s tps, %s failed, aborted: %s', round(tps::numeric), failed, aborted) FROM bench.pgbench WHERE run_id = '$R' AND name = 'c32'")
PG32_OK=$(sql -c "SELECT coalesce((SELECT tps >= 500 AND failed = 0 AND aborted = '0' FROM bench.pgbench WHERE run_id = '$R' AND name = 'c32'), false)")
START_OK=$(sql -c "SELECT $START_P95 <= 100")
RSS_OK=$(sql -c "SELECT ${RSS_KB:-999999} <= 16384")
IFS='|' read -r C_SAVED C_CONFLICTS C_LOST N_SAVED N_LOST C_MSG <<<"$(v collide.result)"

cat <<EOF
# Performance at Shanghai size

Written by \`make bench\` (scripts/bench.sh) from run $R: every number below
comes from that run; nothing is typed by hand.  Re-run \`make bench\` to
reproduce it (it rebuilds the data when the generator or an applied migration
changed, and reuses it otherwise).

## Machine and run

| | |
|---|---|
| CPU | $CPU, $CORES cores |
| memory | $MEM |
| system | $OS |
| server | $PGV |
| settings | shared_buffers 2GB, effective_cache_size 8GB, maintenance_work_mem 1GB, max_wal_size 8GB (ALTER SYSTEM in the private cluster); everything else default |
| program | commit $COMMIT$([ "$DIRTY" != 0 ] && echo " with $DIRTY changed files"), \`make\` (-O2) |
| load average (1, 5, 15 min) | at start $LOAD_START; before the queries $LOAD_QUERIES; at the end $LOAD_END (other work shares these $CORES cores) |
| whole run | $ELAPSED s ($( [ "$reuse" = 1 ] && echo "data reused" || echo "data built in this run")) |

Data: \`dangjian generate --preset full\` (seed 1), $PEOPLE people ($CURRENT current) in $ORGS
organizations, built (createdb, \`dangjian db migrate\`, \`dangjian generate --preset full\`, which
also fills the statistics summary and the search tokens) in $BUILD, then
\`VACUUM (ANALYZE) app.person, derived.person_token, derived.stats_count\` in $(v vacuum_seconds) s;
copied into the naive design in $(v naive_seconds) s.
Measured organizations (the largest district, its largest committee, that committee's
largest branch):

- city: $(org_line "$CITY")
- district: $(org_line "$DIST")
- committee: $(org_line "$COMM")
- branch: $(org_line "$BRANCH")

Search texts: 张, the rare character $RARE (in $RARE_N current names), 张伟, 欧阳, initials zw,
ID-number prefix $IDP.  Clerks ${DB}_bench_{branch,committee,district,city} were added with
\`dangjian user add\` at those organizations; each query runs under SET SESSION AUTHORIZATION
as the clerk, so row-level security is in every figure.

## Targets

| target | measured (p95) | |
|---|---|---|
| every first page ≤ 10 ms at the database, in pinyin order, one-character city-wide contains included | worst $PAGE_MAX ms | $(met "$PAGE_OK") |
| district statistics ≤ 20 ms | $SD ms | $(met "$SD_OK") |
| city statistics ≤ 100 ms | $SC ms | $(met "$SC_OK") |
| ≥ 10× the naive design, or ≤ 1 ms, on every district and city list and search | lowest $RATIO_MIN | $(met "$RATIO_OK") |
| 32 clients: 0 errors and ≥ 500 workflow transactions per second | $PG32 | $(met "$PG32_OK") |
| client start ≤ 100 ms | p95 $START_P95 ms (p50 $START_P50) | $(met "$START_OK") |
| client resident memory ≤ 16 MB with the largest list open | $(sql -c "SELECT round(${RSS_KB:-0} / 1024.0, 1)") MB | $(met "$RSS_OK") |

Pages over 10 ms: $PAGE_OVER.
Lists and searches under 10× and over 1 ms: $RATIO_UNDER.

## Queries

Milliseconds at the database, p50 / p95 over $RUNS runs after 3 warm-up runs
(naive queries: 1 warm-up; a naive query slower than 400 ms gets 15 runs), each
run reading every row and column of the result (md5 of the rows).  "ours" is
the function src/db/ calls (app.member_page, app.member_count, app.stats_by),
with the arguments the screens pass; "naive" is the same question in the
naive design (recursive CTE of the subtree, ILIKE '%x%', no row-level
security, default collation), run as the superuser.  Ratio: naive p95 / ours p95.

| query | clerk | ours p50 / p95 | naive p50 / p95 | ratio | rows | before 051: p50 / p95 |
|---|---|---|---|---|---|---|
EOF
sql <<SQL
SELECT format('| %s <br>\`%s\` | %s | %s / %s | %s / %s | %s× | %s | %s |',
              (SELECT value FROM bench.param WHERE name = 'desc.' || o.item), o.item,
              replace(o.who, '${DB}_bench_', ''),
              round(o.p50::numeric, 2), round(o.p95::numeric, 2),
              round(n.p50::numeric, 2), round(n.p95::numeric, 2),
              round((n.p95 / nullif(o.p95, 0))::numeric, 1), o.nrows,
              coalesce(round(b.p50::numeric, 2) || ' / ' || round(b.p95::numeric, 2), ''))
  FROM bench.result o LEFT JOIN bench.result n ON n.run_id = o.run_id AND n.item = o.item AND n.variant = 'naive'
  LEFT JOIN bench.result b ON b.run_id = o.run_id AND b.item = o.item AND b.variant = 'before' AND b.who = o.who
 WHERE o.run_id = '$R' AND o.variant = 'ours'
 ORDER BY o.at;
SQL

cat <<EOF

The writes ran $RUNS times each inside one transaction per measurement, on a
different member each time (no commit is timed; pgbench below commits every
workflow).  Record save: $(v desc.write.save).
Development transition: $(v desc.write.dev).

## Concurrency (pgbench)

\`pgbench -n -c N -j 2 -T $SECONDS_PER_RUN --log -f search.sql@3 -f open.sql@4 -f save.sql@2 -f dev.sql@1\`
as the district clerk (scripts in var/bench/wf/, written by scripts/bench/workflows.sh).  Each
client works on its own 1,000 members of the district.  search: a two-character name search in the
clerk's scope, page and count; open: a member's details and two record tabs; save:
$(v wf.save); dev: $(v wf.dev).  Latency is of whole workflow transactions, from pgbench's
per-transaction log; per script: script:transactions:p95 (0 search, 1 open, 2 save, 3 dev).

| run | clients | tps | p50 ms | p95 ms | transactions | failed | aborted | p95 per script | load at start |
|---|---|---|---|---|---|---|---|---|---|
EOF
sql -c "SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', name, clients, round(tps::numeric),
                      round(p50::numeric, 2), round(p95::numeric, 2), txns, failed, aborted, per_script, load)
          FROM bench.pgbench WHERE run_id = '$R' ORDER BY CASE name WHEN 'c1' THEN 1 WHEN 'c8' THEN 2 WHEN 'c32' THEN 3 ELSE 4 END, name"
cat <<EOF

Collision run (\`collide\`): 32 clients for $SECONDS_PER_RUN s on the same 8 members, each
reading the member's version, waiting 2 ms (a clerk's form open) and saving with it
(bench.try_save, as the district clerk).  $C_SAVED saves went through, $C_CONFLICTS were refused and
reported to the losing clerk as "$C_MSG"; lost updates: **$C_LOST** (a save whose version another save
also produced, a member whose version did not advance once per save, or whose saved text is not the
last save's).  The same run in the naive design (\`collide_naive\`, no version check): $N_SAVED saves
in order and **$N_LOST** that silently overwrote another clerk's save made after it was read.

## Client

$BIN in script mode (DANGJIAN_SCRIPT, 80x24 virtual terminal) as the city clerk, from the
same machine over the Unix socket.  Start to the first screen (the menu, saved; the run
ends there): p50 $START_P50 ms, p95 $START_P95 ms over 20 runs (after 3 warm-up runs), wall
time of the whole process; resident memory of that run $(sql -c "SELECT round(${RSS_START_KB:-0} / 1024.0, 1)") MB.  With the largest
list open (全市 党员管理, $(v client.list_count)), 100 page-downs and End: maximum resident set
size $(sql -c "SELECT round(${RSS_KB:-0} / 1024.0, 1)") MB (/usr/bin/time -v); the list's fetch counters: $(v client.stats).

## Statistics: how they stay exact

derived.stats_count (sql/050_stats.sql) keeps, for the city and each district, the number of
current people by sex, birth year, education and stage.  Statement triggers on app.person
add each statement's net change in one upsert in key order, so it is exact after every
statement, and no nightly job exists.  Birth year, not age band: the band is computed
when asked (the age reached in the year asked about, as the annual party statistics
count it), so the summary never goes stale as people age.  app.stats_by reads it for the
city and districts and counts directly below them (committees and branches).
tests/sql/050_stats.sql proves it equals a direct count after inserts, stage, education,
birth-date and organization changes, a committee moved to another district, historical
transitions and a bulk load followed by app.stats_rebuild().
EOF
if [ "$PAGE_OK" != t ] || [ "$RATIO_OK" != t ] || [ "$PG32_OK" != t ] || [ "$START_OK" != t ] ||
    [ "$RSS_OK" != t ] || [ "$SD_OK" != t ] || [ "$SC_OK" != t ]; then
    . scripts/bench/misses.sh
fi
cat <<EOF

## Commands

\`\`\`
make bench                  # everything above; DJ_BENCH_RUNS=$RUNS DJ_BENCH_SECONDS=$SECONDS_PER_RUN
scripts/pgcluster.sh --name bench --port $PORT start|stop    # the cluster it uses
psql -d $DB                 # with eval "\$(scripts/pgcluster.sh --name bench env)": the data,
                            # schema bench (results of every run), schema naive
\`\`\`
Files of the run: var/bench/queries.sql (every timed statement), var/bench/wf/*.sql (pgbench
scripts), var/bench/pgb_*.out (pgbench output), var/bench/client/ (client scripts and screens).
EOF

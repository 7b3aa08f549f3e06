#!/usr/bin/env bash
# make bench: the Shanghai-size benchmark and its report, docs/performance.md.
#
#   1. builds the program; starts (or reuses) the private cluster "bench"
#      (scripts/pgcluster.sh, port $DJ_BENCH_PORT or 55506);
#   2. builds the database djbench with `dangjian generate --preset full`
#      (2,000,000 people, 80,000 organizations) unless the one there was built
#      by the same generator and its applied migrations are unchanged (new
#      migrations are applied on top); copies it into the naive design
#      (schema naive: parent links, no row-level security, default collation);
#   3. adds a clerk at each level (branch, committee, district, city) over
#      the largest district and, inside it, the largest committee and branch;
#   4. times the project's own SQL (the app.* functions src/db/ calls) as
#      each clerk, $DJ_BENCH_RUNS (50) runs each, inside the server
#      (scripts/bench/harness.sql), and the naive design's queries beside
#      them; pgbench with the real workflows at 1, 8 and 32 clients and a
#      collision run; the client's start time and memory;
#   5. writes docs/performance.md from the numbers of this run.
# Environment: DJ_BENCH_PORT, DJ_BENCH_RUNS (50), DJ_BENCH_SECONDS (pgbench
# seconds per run, 20), DJ_BENCH_OUT (docs/performance.md),
# DJ_BENCH_REBUILD=1 (rebuild the data even if it could be reused).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
PORT=${DJ_BENCH_PORT:-55506}
RUNS=${DJ_BENCH_RUNS:-50}
SECONDS_PER_RUN=${DJ_BENCH_SECONDS:-20}
OUT=${DJ_BENCH_OUT:-docs/performance.md}
DB=djbench
PW=bench-pw-2026
BIN=$ROOT/build/dangjian
WORK=$ROOT/var/bench
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
T0=$(date +%s)
mkdir -p "$WORK" "$(dirname "$OUT")"
rm -f "$WORK"/pgb_* "$WORK"/*.log

say() { printf 'bench: %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

scripts/deps.sh || { say "install the packages above, then run make bench again"; exit 1; }
make -s -j2 all
LOAD_START=$(load)

# ---------------------------------------------------------------------------
# The cluster, with memory settings for 2 million people.
scripts/pgcluster.sh --name bench --port "$PORT" start >&2
eval "$(scripts/pgcluster.sh --name bench --port "$PORT" env)"
unset PGPASSWORD PGSERVICE PGHOSTADDR PGUSER
export PGUSER=postgres PGDATABASE=postgres
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -A -t -q -v ON_ERROR_STOP=1 "$@"; }
SETTINGS="shared_buffers=2GB maintenance_work_mem=1GB max_wal_size=8GB effective_cache_size=8GB max_connections=100"
restart=0
for kv in $SETTINGS; do
    k=${kv%%=*} v=${kv#*=}
    cur=$(sql -c "SELECT current_setting('$k')")
    if [ "$cur" != "$v" ]; then
        sql -c "ALTER SYSTEM SET $k = '$v'"
        restart=1
    fi
done
if [ $restart = 1 ]; then
    scripts/pgcluster.sh --name bench --port "$PORT" stop >&2
    scripts/pgcluster.sh --name bench --port "$PORT" start >&2
fi

# ---------------------------------------------------------------------------
# The data: reuse it when the generator and the applied migrations are the same.
GEN_FP=$(cat src/model/gen_*.c src/model/gen_*.h src/batch/cmd_generate.c | sha256sum | cut -c1-16)
reuse=0
if [ "${DJ_BENCH_REBUILD:-0}" != 1 ] &&
    [ "$(sql -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" = 1 ] &&
    [ "$(sql -d $DB -c "SELECT fingerprint FROM bench.build" 2>/dev/null || true)" = "$GEN_FP" ]; then
    reuse=1
    while IFS='|' read -r name sum; do
        if [ ! -f "sql/$name.sql" ] || [ "$(sha256sum <"sql/$name.sql" | cut -c1-64)" != "$sum" ]; then
            say "migration $name changed since the data was built: rebuilding"
            reuse=0
        fi
    done < <(sql -d $DB -c "SELECT name, checksum FROM meta.schema_migration")
    # A new migration numbered before an applied one cannot be added (the
    # runner refuses): build again.
    if [ $reuse = 1 ] && ! PGDATABASE=$DB "$BIN" db migrate >"$WORK/migrate.log" 2>&1; then
        say "$(tail -n 1 "$WORK/migrate.log"): rebuilding"
        reuse=0
    fi
fi

if [ $reuse = 0 ]; then
    say "building $DB: dangjian generate --preset full (about 7 minutes)"
    dropdb --if-exists --force $DB
    sql -c "DO \$\$DECLARE r text; BEGIN
              FOR r IN SELECT rolname FROM pg_roles WHERE rolname LIKE '${DB}\\_%'
                        ORDER BY rolcanlogin DESC, rolname LOOP
                EXECUTE format('DROP ROLE %I', r);
              END LOOP; END\$\$"
    createdb -T template0 -E UTF8 --locale=C.UTF-8 $DB
    g0=$(now_ms)
    PGDATABASE=$DB "$BIN" db migrate >"$WORK/migrate.log"
    PGDATABASE=$DB "$BIN" generate --preset full >"$WORK/generate.log"
    g1=$(now_ms)
    # What a bulk load wants before use: the visibility map for index-only
    # scans (the token walks) and fresh statistics.
    sql -d $DB -c "VACUUM (ANALYZE) app.person, derived.person_token, derived.stats_count"
    g2=$(now_ms)
    sql -d $DB -f scripts/bench/harness.sql >/dev/null
    sql -d $DB -c "INSERT INTO bench.build (fingerprint, seconds, built_at)
                   VALUES ('$GEN_FP', ($g1 - $g0) / 1000.0, now())"
    sql -d $DB -c "INSERT INTO bench.param VALUES ('vacuum_seconds', ($g2 - $g1) / 1000.0)
                   ON CONFLICT (name) DO UPDATE SET value = excluded.value"
else
    say "reusing $DB (same generator, migrations unchanged); applying new migrations"
    PGDATABASE=$DB "$BIN" db migrate >"$WORK/migrate.log"
    sql -d $DB -f scripts/bench/harness.sql >/dev/null
fi
export PGDATABASE=$DB
# The search function as sql/020_search.sql defined it, for "before 051".
{
    sed -n '/^CREATE FUNCTION app.member_page(/,/^\$\$;/p' sql/020_search.sql |
        sed '1s/^CREATE FUNCTION app.member_page(/CREATE OR REPLACE FUNCTION bench.member_page_020(/'
    echo "GRANT EXECUTE ON FUNCTION bench.member_page_020(bigint, boolean, text, text, text[], boolean, text, bigint, boolean, integer) TO PUBLIC;"
} | sql >/dev/null

if [ "$(sql -c "SELECT naive_built_at IS NOT NULL FROM bench.build")" != t ]; then
    say "copying the data into the naive design (schema naive)"
    n0=$(now_ms)
    sql -f scripts/bench/naive.sql >/dev/null
    n1=$(now_ms)
    sql -c "UPDATE bench.build SET naive_built_at = now()"
    sql -c "INSERT INTO bench.param VALUES ('naive_seconds', ($n1 - $n0) / 1000.0)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value"
fi

# ---------------------------------------------------------------------------
# The organizations measured and their clerks.
sql -c "INSERT INTO bench.param
        SELECT 'city', id::text FROM app.org WHERE parent_id IS NULL
        ON CONFLICT (name) DO NOTHING"
if [ -z "$(sql -c "SELECT value FROM bench.param WHERE name = 'district'")" ]; then
    say "choosing the largest district, committee and branch"
    sql <<'SQL'
INSERT INTO bench.param
SELECT 'district', district_id::text FROM app.person WHERE history_reason IS NULL AND district_id IS NOT NULL
 GROUP BY district_id ORDER BY count(*) DESC, district_id LIMIT 1;
INSERT INTO bench.param
SELECT 'committee', o.id::text FROM app.org o
 WHERE o.district_id = (SELECT value::bigint FROM bench.param WHERE name = 'district') AND o.kind = '4'
 ORDER BY (SELECT count(*) FROM app.person p
            WHERE p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key)) DESC, o.id LIMIT 1;
INSERT INTO bench.param
SELECT 'branch', o.id::text FROM app.org o
 WHERE o.path_key > (SELECT path_key FROM app.org WHERE id = (SELECT value::bigint FROM bench.param WHERE name = 'committee'))
   AND o.path_key < app.key_upper((SELECT path_key FROM app.org WHERE id = (SELECT value::bigint FROM bench.param WHERE name = 'committee')))
   AND o.kind = '6'
 ORDER BY (SELECT count(*) FROM app.person p WHERE p.org_id = o.id) DESC, o.id LIMIT 1;
-- A rare character: in about 50 names city-wide (the nearest to 50, then by code point).
INSERT INTO bench.param
SELECT 'rare', ch FROM (SELECT c AS ch, count(*) AS n
                          FROM app.person, regexp_split_to_table(name, '') AS c
                         WHERE history_reason IS NULL GROUP BY 1) s
 WHERE ch ~ '^[一-鿿]$'
 ORDER BY abs(n - 50), ch LIMIT 1;
-- An ID-number prefix: region and birth year (10 characters) of the district's
-- first member by id.
INSERT INTO bench.param
SELECT 'id_prefix', left(id_number, 10) FROM app.person
 WHERE district_id = (SELECT value::bigint FROM bench.param WHERE name = 'district') AND id_number IS NOT NULL
 ORDER BY id LIMIT 1;
SQL
fi
p() { sql -c "SELECT value FROM bench.param WHERE name = '$1'"; }
CITY=$(p city) DIST=$(p district) COMM=$(p committee) BRANCH=$(p branch) RARE=$(p rare) IDP=$(p id_prefix)
code_of() { sql -c "SELECT code FROM app.org WHERE id = $1"; }
declare -A ORG=([city]=$CITY [district]=$DIST [committee]=$COMM [branch]=$BRANCH)
LEVELS=(branch committee district city)

for level in "${LEVELS[@]}"; do
    login=${DB}_bench_$level
    if [ "$(sql -c "SELECT 1 FROM pg_roles WHERE rolname = '$login'")" != 1 ]; then
        printf '%s\n' "$PW" | "$BIN" user add "$login" --org "$(code_of "${ORG[$level]}")" \
            --level "$level" --password-stdin >/dev/null
        printf '%s\n' "$PW" | PGUSER=$login PGPASSWORD=$PW "$BIN" user passwd --password-stdin >/dev/null
    fi
done

# Keys of a page deep inside a list: the 10,000th row in each design's order.
sql <<SQL
DELETE FROM bench.param WHERE name IN ('dkey', 'ckey', 'ndkey', 'nckey');
INSERT INTO bench.param
SELECT 'dkey', name || '|' || id FROM app.person WHERE district_id = $DIST AND history_reason IS NULL
 ORDER BY name, id OFFSET 9999 LIMIT 1;
INSERT INTO bench.param
SELECT 'ckey', name || '|' || id FROM app.person WHERE history_reason IS NULL
 ORDER BY name, id OFFSET 9999 LIMIT 1;
INSERT INTO bench.param
SELECT 'ndkey', p.name || '|' || p.id FROM naive.person p
 WHERE p.org_id IN (WITH RECURSIVE sub AS (SELECT id FROM naive.org WHERE id = $DIST
                     UNION ALL SELECT o.id FROM naive.org o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub)
   AND p.history_reason IS NULL
 ORDER BY p.name, p.id OFFSET 9999 LIMIT 1;
INSERT INTO bench.param
SELECT 'nckey', name || '|' || id FROM naive.person WHERE history_reason IS NULL
 ORDER BY name, id OFFSET 9999 LIMIT 1;
SQL
DKEY=$(p dkey) CKEY=$(p ckey) NDKEY=$(p ndkey) NCKEY=$(p nckey)

# Members for the writes and the workflow clients: current, not in transit.
# pool k = client * 100000 + i (clients 0..32, 1,000 each), 9,900,000 + i for
# the timed writes, 9,990,000 + i for the collision run; devpool: applicants.
say "choosing the members each client works on"
sql <<SQL
TRUNCATE bench.pool, bench.devpool, bench.words, bench.saves;
INSERT INTO bench.pool (k, person_id)
SELECT (r.n - 1) / 1000 * 100000 + (r.n - 1) % 1000 + 1, r.id
  FROM (SELECT id, row_number() OVER (ORDER BY md5(id::text)) AS n FROM app.person
         WHERE history_reason IS NULL AND NOT in_transit AND stage = '5' AND district_id = $DIST) r
 WHERE r.n <= 33000;
INSERT INTO bench.pool (k, person_id)
SELECT 9900000 + row_number() OVER (ORDER BY md5(id::text || 'w')), id FROM app.person
 WHERE history_reason IS NULL AND NOT in_transit AND stage = '5' AND district_id = $DIST
   AND id NOT IN (SELECT person_id FROM bench.pool) LIMIT 200;
INSERT INTO bench.pool (k, person_id)
SELECT 9990000 + row_number() OVER (ORDER BY id), id FROM app.person
 WHERE history_reason IS NULL AND NOT in_transit AND stage = '5' AND district_id = $DIST
   AND id NOT IN (SELECT person_id FROM bench.pool) LIMIT 8;
INSERT INTO bench.devpool (k, person_id)
SELECT CASE WHEN n <= 100 THEN 100000 + n ELSE n - 100 END, id
  FROM (SELECT id, row_number() OVER (ORDER BY md5(id::text)) AS n FROM app.person
         WHERE history_reason IS NULL AND NOT in_transit AND stage = '1' AND district_id = $DIST) s;
SELECT setval('bench.devseq', 1, false) \g /dev/null
INSERT INTO bench.words (k, q)
SELECT row_number() OVER (ORDER BY md5(q)), q
  FROM (SELECT DISTINCT left(name, 2) AS q FROM app.person
         WHERE district_id = $DIST AND char_length(name) >= 2 LIMIT 1000) s;
SQL
ANALYZE_OUT=$(sql -c "ANALYZE bench.pool, bench.devpool, bench.words" 2>&1 || true)

# ---------------------------------------------------------------------------
# What the functions of src/db/ are called with (member_page's arguments:
# org, subtree, kind, q, stages, historical, after_name, after_id, backward,
# page; member_count's: org, subtree, kind, q, stages, historical, cap as the
# list screen passes it).
q() { printf "'%s'" "$1"; }
page() { # org subtree kind q after_name after_id
    printf 'SELECT * FROM app.member_page(%s, %s, %s, %s, NULL, false, %s, %s, false, 50)' "$@"
}
count() { printf 'SELECT app.member_count(%s, %s, %s, %s, NULL, false, 200000)' "$@"; }
stats() { printf 'SELECT * FROM app.stats_by(%s, current_date)' "$1"; }

# The naive design: a recursive CTE of the subtree, ILIKE, no policies.
NAIVE_COLS="p.id, p.name, s.name AS sex, p.birth_date, e.name AS education, st.name AS stage, o.name AS org_name, p.id_number"
NAIVE_FROM="naive.person p JOIN naive.org o ON o.id = p.org_id LEFT JOIN code.sex s ON s.code = p.sex"
NAIVE_FROM+=" LEFT JOIN code.education e ON e.code = p.education LEFT JOIN code.stage st ON st.code = p.stage"
sub() { # the subtree CTE of an organization, or nothing for the city
    [ "$1" = "$CITY" ] && return 0
    printf 'WITH RECURSIVE sub AS (SELECT id FROM naive.org WHERE id = %s UNION ALL SELECT c.id FROM naive.org c JOIN sub ON c.parent_id = sub.id) ' "$1"
}
in_sub() { [ "$1" = "$CITY" ] && printf 'true' || printf 'p.org_id IN (SELECT id FROM sub)'; }
npage() { # org condition [key]
    local k=""
    [ -n "${3:-}" ] && k=" AND (p.name, p.id) > ('${3%|*}', ${3#*|})"
    printf '%sSELECT %s FROM %s WHERE %s AND %s AND p.history_reason IS NULL%s ORDER BY p.name, p.id LIMIT 50' \
        "$(sub "$1")" "$NAIVE_COLS" "$NAIVE_FROM" "$(in_sub "$1")" "$2" "$k"
}
ncount() { printf '%sSELECT count(*) FROM naive.person p WHERE %s AND %s AND p.history_reason IS NULL' \
    "$(sub "$1")" "$(in_sub "$1")" "$2"; }
nstats() {
    printf '%sSELECT p.sex, CASE WHEN p.birth_date IS NULL THEN 99 ELSE least(greatest((extract(year FROM age(p.birth_date)) - 26) / 5 * 5 + 26, 0), 71) END AS band, p.education, p.stage, count(*) FROM naive.person p WHERE %s AND p.history_reason IS NULL GROUP BY GROUPING SETS ((p.sex), (2), (p.education), (p.stage))' \
        "$(sub "$1")" "$(in_sub "$1")"
}

# items: ITEM LEVELS OURS NAIVE GROUP DESCRIPTION, separated by US (SQL has '|').
US=$'\x1f'
items=()
add() { items+=("$1$US$2$US$3$US$4$US$5$US$6"); }
add branch.list "branch committee district city" "$(page "$BRANCH" false NULL NULL NULL NULL)" \
    "$(npage "$BRANCH" "p.org_id = $BRANCH")" page "一个党支部的党员，第一页 (a branch's members, first page)"
add committee.list "committee district city" "$(page "$COMM" true NULL NULL NULL NULL)" \
    "$(npage "$COMM" true)" page "一个党委及其下级，第一页 (a committee's subtree, first page)"
add district.list "district city" "$(page "$DIST" true NULL NULL NULL NULL)" \
    "$(npage "$DIST" true)" page "区县委的全部党员，第一页 (a district's subtree, first page)"
add district.deep "district city" "$(page "$DIST" true NULL NULL "$(q "${DKEY%|*}")" "${DKEY#*|}")" \
    "$(npage "$DIST" true "$NDKEY")" page "区县委，第 10,000 行之后的一页 (a district, the page after row 10,000)"
add city.list "city" "$(page "$CITY" true NULL NULL NULL NULL)" \
    "$(npage "$CITY" true)" page "全市，第一页 (the city, first page)"
add city.deep "city" "$(page "$CITY" true NULL NULL "$(q "${CKEY%|*}")" "${CKEY#*|}")" \
    "$(npage "$CITY" true "$NCKEY")" page "全市，第 10,000 行之后的一页 (the city, the page after row 10,000)"
for level in "${LEVELS[@]}"; do
    o=${ORG[$level]}
    add "search.zhang.$level" "$level" "$(page NULL true "'name'" "'张'" NULL NULL)" \
        "$(npage "$o" "p.name ILIKE '%张%'")" page "模糊查询“张”，${level} 范围 (contains 张, the clerk's scope)"
    add "search.rare.$level" "$level" "$(page NULL true "'name'" "$(q "$RARE")" NULL NULL)" \
        "$(npage "$o" "p.name ILIKE '%$RARE%'")" page "模糊查询生僻字“$RARE”，${level} 范围 (contains a rare character)"
    add "search.zhangwei.$level" "$level" "$(page NULL true "'name'" "'张伟'" NULL NULL)" \
        "$(npage "$o" "p.name ILIKE '%张伟%'")" page "模糊查询“张伟”，${level} 范围 (contains 张伟)"
    add "search.ouyang.$level" "$level" "$(page NULL true "'name'" "'欧阳'" NULL NULL)" \
        "$(npage "$o" "p.name ILIKE '%欧阳%'")" page "模糊查询“欧阳”，${level} 范围 (contains 欧阳)"
    add "search.initials.$level" "$level" "$(page NULL true "'initials'" "'zw'" NULL NULL)" \
        "$(npage "$o" "p.name_initials ILIKE 'zw%'")" page "拼音首字母 zw，${level} 范围 (pinyin initials zw)"
    add "search.id.$level" "$level" "$(page NULL true "'id'" "$(q "$IDP")" NULL NULL)" \
        "$(npage "$o" "p.id_number LIKE '$IDP%'")" page "身份证号前 10 位 $IDP，${level} 范围 (ID-number prefix)"
done
add count.district.list "district city" "$(count "$DIST" true NULL NULL)" "$(ncount "$DIST" true)" count \
    "区县委名单的条数（上限 200,000） (count of a district's list, as the screen asks)"
add count.city.list "city" "$(count "$CITY" true NULL NULL)" "$(ncount "$CITY" true)" count \
    "全市名单的条数（上限 200,000） (count of the city's list)"
add count.district.zhang "district" "$(count NULL true "'name'" "'张'")" "$(ncount "$DIST" "p.name ILIKE '%张%'")" count \
    "区县委内“张”的条数 (count of 张 in the district)"
add count.city.zhang "city" "$(count NULL true "'name'" "'张'")" "$(ncount "$CITY" "p.name ILIKE '%张%'")" count \
    "全市“张”的条数 (count of 张 in the city)"
for level in "${LEVELS[@]}"; do
    o=${ORG[$level]}
    lv=$level
    [ "$level" = district ] && lv="district city"
    add "stats.$level" "$lv" "$(stats "$o")" "$(nstats "$o")" stats \
        "统计：性别、年龄段、学历、发展阶段，${level} (statistics by sex, age band, education, stage)"
done

# Writes, as the district clerk, one person per run (pool 9,900,000 + run).
SAVE_FN=$(sql -c "SELECT to_regprocedure('app.person_update(bigint,integer,jsonb)') IS NOT NULL")
DEV_FN=$(sql -c "SELECT to_regprocedure('app.dev_activist(bigint,integer,date,date,date,bigint[],text[],boolean)') IS NOT NULL")
PERSON="(SELECT person_id FROM bench.pool WHERE k = 9900000 + \$1)"
VERSION="(SELECT version FROM app.person WHERE id = $PERSON)"
if [ "$SAVE_FN" = t ]; then
    WRITE_SAVE="SELECT app.person_update($PERSON, $VERSION, jsonb_build_object('phone', '1390000' || lpad(\$1::text, 4, '0')))"
    WRITE_SAVE_DESC="保存基本信息：app.person_update（电话），带版本号 (a record save: app.person_update of issue 6, phone, with the version read)"
else
    WRITE_SAVE="UPDATE app.person SET phone = '1390000' || lpad(\$1::text, 4, '0') WHERE id = $PERSON AND version = $VERSION"
    WRITE_SAVE_DESC="保存一个标签页：app.person_update 尚未合并，以带版本号的 UPDATE app.person（电话）代替 (a record save: app.person_update not merged; UPDATE of app.person.phone with the version check, through the clerk's column grants)"
fi
DEVP="(SELECT person_id FROM bench.devpool WHERE k = 100000 + \$1)"
if [ "$DEV_FN" = t ]; then
    WRITE_DEV="SELECT app.dev_activist($DEVP, (SELECT version FROM app.person WHERE id = $DEVP), current_date, current_date, current_date, NULL, ARRAY['李明'], true)"
    WRITE_DEV_DESC="发展流程：app.dev_activist，入党申请人列为入党积极分子，每次一名申请人 (development transition: app.dev_activist of issue 5, applicant to activist, one applicant per run)"
else
    WRITE_DEV="UPDATE app.person SET native_place = '上海' WHERE id = (SELECT person_id FROM bench.pool WHERE k = 9900100 + \$1)"
    WRITE_DEV_DESC="发展流程：app.dev_* 尚未合并，以同一人员行的 UPDATE 代替 (development transition: app.dev_* not merged yet; an UPDATE of the person row stands in)"
fi
add write.save "district" "$WRITE_SAVE" \
    "UPDATE naive.person SET phone = '1390000' || lpad(\$1::text, 4, '0') WHERE id = $PERSON" write "$WRITE_SAVE_DESC"
add write.dev "district" "$WRITE_DEV" \
    "UPDATE naive.person SET stage = '2' WHERE id = $DEVP" write "$WRITE_DEV_DESC"

# ---------------------------------------------------------------------------
say "timing ${#items[@]} queries, $RUNS runs each, as the clerks and in the naive design"
LOAD_QUERIES=$(load)
{
    echo "SET bench.run_id = '$RUN_ID';"
    echo "\\set ON_ERROR_STOP 1"
    for it in "${items[@]}"; do
        IFS=$US read -r item levels ours naive group desc <<<"$it"
        raw=false
        [ "$group" = write ] && raw=true
        for level in $levels; do
            echo "SET SESSION AUTHORIZATION ${DB}_bench_$level;"
            printf 'SELECT bench.run(%s, %s, $q$%s$q$, %s, 3, %s);\n' "'$item'" "'ours'" "$ours" "$RUNS" "$raw"
            # Searches also as 020 wrote them, before 051 (bench.member_page_020).
            if [ "$group" = page ] && [[ $ours == *"'name'"* || $ours == *"'initials'"* ]]; then
                printf 'SELECT bench.run(%s, %s, $q$%s$q$, %s, 3, false);\n' "'$item'" "'before'" \
                    "${ours/app.member_page(/bench.member_page_020(}" "$RUNS"
            fi
            echo "RESET SESSION AUTHORIZATION;"
        done
        printf 'SELECT bench.run(%s, %s, $q$%s$q$, %s, 1, %s);\n' "'$item'" "'naive'" "$naive" "$RUNS" "$raw"
        printf "INSERT INTO bench.param VALUES ('desc.%s', \$d\$%s\$d\$) ON CONFLICT (name) DO UPDATE SET value = excluded.value;\n" "$item" "$desc"
        printf "INSERT INTO bench.param VALUES ('group.%s', '%s') ON CONFLICT (name) DO UPDATE SET value = excluded.value;\n" "$item" "$group"
    done
} >"$WORK/queries.sql"
tq0=$(now_ms)
sql -f "$WORK/queries.sql" >"$WORK/queries.log"
tq1=$(now_ms)
say "queries timed in $(((tq1 - tq0) / 1000)) s"

# ---------------------------------------------------------------------------
# pgbench: the workflows, each client on its own members.
. scripts/bench/workflows.sh

# ---------------------------------------------------------------------------
# The client: start to the first screen, and memory with the largest list open.
. scripts/bench/client.sh

# ---------------------------------------------------------------------------
T1=$(date +%s)
LOAD_END=$(load)
. scripts/bench/report.sh >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
say "wrote $OUT in $((T1 - T0)) s"

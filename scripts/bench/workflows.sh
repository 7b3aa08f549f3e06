# make bench, sourced by scripts/bench.sh: pgbench with the real workflows.
# Each client (pgbench's client_id 0..31) works on its own 1,000 members of the
# district (bench.pool k = client * 100000 + i), as the district clerk:
#   search  a two-character name search in the clerk's scope, page and count
#   open    a member's details and two of the record tabs
#   save    read the version, save 基本信息 with it
#   dev     a development transition
# weighted 3 : 4 : 2 : 1.  Then the collision run: 32 clients saving the same
# 8 members, each read-version-then-save; every refusal is kept with the
# message the losing clerk gets, and the saves are checked for lost updates.

WF=$WORK/wf
mkdir -p "$WF"
CLERK=${DB}_bench_district
cat >"$WF/search.sql" <<'SQL'
\set w random(1, 1000)
SELECT * FROM app.member_page(NULL, true, 'name', (SELECT q FROM bench.words WHERE k = :w), NULL, false, NULL, NULL, false, 50);
SELECT app.member_count(NULL, true, 'name', (SELECT q FROM bench.words WHERE k = :w), NULL, false, 200000);
SQL
cat >"$WF/open.sql" <<'SQL'
\set i random(1, 1000)
SELECT person_id AS p FROM bench.pool WHERE k = :client_id * 100000 + :i \gset
SELECT * FROM app.member_detail(:p);
SELECT * FROM app.member_records(:p, 'education');
SELECT * FROM app.member_records(:p, 'job');
SQL
if [ "$SAVE_FN" = t ]; then
    SAVE_STMT="SELECT app.person_update(:p, :v, jsonb_build_object('phone', '1380000' || lpad((:i)::text, 4, '0')));"
    SAVE_KIND="app.person_update (issue 6)"
else
    SAVE_STMT="UPDATE app.person SET phone = '1380000' || lpad((:i)::text, 4, '0') WHERE id = :p AND version = :v;"
    SAVE_KIND="UPDATE app.person … AND version = :v (app.person_update not merged)"
fi
cat >"$WF/save.sql" <<SQL
\\set i random(1, 1000)
SELECT person_id AS p FROM bench.pool WHERE k = :client_id * 100000 + :i \\gset
SELECT version AS v FROM app.person WHERE id = :p \\gset
$SAVE_STMT
SQL
if [ "$DEV_FN" = t ]; then
    cat >"$WF/dev.sql" <<'SQL'
-- nextval in a scalar subquery: evaluated once, not once per row scanned.
SELECT person_id AS p FROM bench.devpool WHERE k = (SELECT nextval('bench.devseq')) \gset
SELECT version AS v FROM app.person WHERE id = :p \gset
SELECT app.dev_activist(:p, :v, current_date, current_date, current_date, NULL, ARRAY['李明'], true);
SQL
    DEV_KIND="app.dev_activist (issue 5): 入党申请人 → 入党积极分子, each applicant once"
else
    cat >"$WF/dev.sql" <<'SQL'
\set i random(1, 1000)
SELECT person_id AS p FROM bench.pool WHERE k = :client_id * 100000 + :i \gset
SELECT version AS v FROM app.person WHERE id = :p \gset
UPDATE app.person SET native_place = '上海', joined_work_on = current_date - (:i)::integer WHERE id = :p AND version = :v;
SQL
    DEV_KIND="UPDATE app.person … AND version = :v (app.dev_* not merged: the closest real write)"
fi
cat >"$WF/collide.sql" <<'SQL'
\set i random(1, 8)
SELECT person_id AS p FROM bench.pool WHERE k = 9990000 + :i \gset
SELECT version AS v FROM app.person WHERE id = :p \gset
\sleep 2 ms
SELECT bench.try_save(:client_id, :p, :v);
SQL
cat >"$WF/collide_naive.sql" <<'SQL'
\set i random(1, 8)
SELECT person_id AS p FROM bench.pool WHERE k = 9990000 + :i \gset
SELECT version AS v FROM naive.person WHERE id = :p \gset
\sleep 2 ms
SELECT bench.naive_save(:client_id, :p, :v);
SQL

# pgb NAME CLIENTS USER PASSWORD SCRIPT...: one pgbench run, its summary
# into bench.pgbench (tps, p50/p95 of whole transactions from the log, failed).
pgb() {
    local name=$1 c=$2 user=$3 pw=$4
    shift 4
    local j=2
    [ "$c" -lt 2 ] && j=1
    local l0
    l0=$(load)
    rm -f "$WORK/pgb_$name".*
    local rc=0
    PGUSER=$user PGPASSWORD=$pw pgbench -n -c "$c" -j "$j" -T "$SECONDS_PER_RUN" --log \
        --log-prefix="$WORK/pgb_$name" "$@" >"$WORK/pgb_$name.out" 2>&1 || rc=$?
    local tps failed txns aborted
    tps=$(sed -n 's/^tps = \([0-9.]*\) (without.*/\1/p' "$WORK/pgb_$name.out" | head -n 1)
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$WORK/pgb_$name.out" | head -n 1)
    txns=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$WORK/pgb_$name.out" | head -n 1)
    aborted=$(grep -c 'aborted' "$WORK/pgb_$name.out" || true)
    [ "$rc" != 0 ] && aborted="$aborted (pgbench exit $rc)"
    # Log lines: client transaction_no time_us script_no epoch epoch_us.
    local lat per
    lat=$(cat "$WORK/pgb_$name".[0-9]* | awk '{print $3 / 1000}' | sort -n |
        awk '{a[NR] = $1} END {if (NR) printf "%.2f %.2f", a[int(NR * 0.5 + 0.5)], a[int(NR * 0.95 + 0.5)]; else print "0 0"}')
    per=$(cat "$WORK/pgb_$name".[0-9]* | awk '{print $4, $3 / 1000}' | sort -k1,1n -k2,2n |
        awk '{n[$1]++; v[$1, n[$1]] = $2}
             END {for (s in n) printf "%s:%d:%.2f ", s, n[s], v[s, int(n[s] * 0.95 + 0.5)]}')
    sql -c "INSERT INTO bench.pgbench VALUES ('$RUN_ID', '$name', $c, $SECONDS_PER_RUN,
            ${tps:-0}, ${lat% *}, ${lat#* }, ${txns:-0}, ${failed:-0}, '$aborted', '$per', '$l0')"
    say "pgbench $name: $c clients, ${tps:-?} tps, p95 ${lat#* } ms, failed ${failed:-?}, aborted $aborted"
}

say "pgbench: workflows at 1, 8 and 32 clients, $SECONDS_PER_RUN s each"
sql -c "ANALYZE bench.pool, bench.devpool, bench.words" >/dev/null
for c in 1 8 32; do
    pgb "c$c" "$c" "$CLERK" "$PW" -f "$WF/search.sql@3" -f "$WF/open.sql@4" -f "$WF/save.sql@2" -f "$WF/dev.sql@1"
done

say "pgbench: 32 clients colliding on 8 members"
sql -c "DELETE FROM bench.param WHERE name LIKE 'collide.%';
        INSERT INTO bench.param SELECT 'collide.v' || b.person_id, p.version FROM bench.pool b
          JOIN app.person p ON p.id = b.person_id WHERE b.k > 9990000;
        INSERT INTO bench.param SELECT 'collide.n' || b.person_id, p.version FROM bench.pool b
          JOIN naive.person p ON p.id = b.person_id WHERE b.k > 9990000;
        TRUNCATE bench.saves"
pgb collide 32 "$CLERK" "$PW" -f "$WF/collide.sql"
pgb collide_naive 32 postgres "" -f "$WF/collide_naive.sql"
# Lost updates: a save whose version another save also produced, a person
# whose version did not advance once per save, or whose final text is not the
# last save's.
sql <<'SQL' >"$WORK/collide.txt"
WITH s AS (SELECT * FROM bench.saves WHERE outcome = 'saved'),
     per AS (SELECT b.person_id, (SELECT value::integer FROM bench.param WHERE name = 'collide.v' || b.person_id) AS v0,
                    p.version AS v1, p.address AS final,
                    (SELECT count(*) FROM s WHERE s.person_id = b.person_id) AS saves,
                    (SELECT s.value FROM s WHERE s.person_id = b.person_id ORDER BY s.version DESC LIMIT 1) AS last
               FROM bench.pool b JOIN app.person p ON p.id = b.person_id WHERE b.k > 9990000)
INSERT INTO bench.param
SELECT 'collide.result',
       format('%s|%s|%s|%s|%s|%s',
              (SELECT count(*) FROM s),
              (SELECT count(*) FROM bench.saves WHERE outcome = 'conflict'),
              (SELECT count(*) - count(DISTINCT (person_id, version)) FROM s)
              + (SELECT coalesce(sum(abs((v1 - v0) - saves)), 0) FROM per)
              + (SELECT count(*) FROM per WHERE saves > 0 AND final IS DISTINCT FROM last),
              (SELECT count(*) FROM bench.saves WHERE outcome = 'naive_saved'),
              (SELECT count(*) FROM bench.saves WHERE outcome = 'naive_lost'),
              (SELECT min(message) FROM bench.saves WHERE outcome = 'conflict'))
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
SQL
sql -c "INSERT INTO bench.param VALUES ('wf.save', \$\$$SAVE_KIND\$\$), ('wf.dev', \$\$$DEV_KIND\$\$)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value"

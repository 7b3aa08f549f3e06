# make bench, sourced by scripts/bench.sh: the client program itself, as the
# city clerk, in script mode (DANGJIAN_SCRIPT, src/tui/script.h) on an 80x24
# virtual terminal:
#   start   from exec to the first screen (the menu after the login from the
#           environment) saved, then the end of the script ends the program:
#           wall time of the whole run, 20 runs, p50/p95 (an upper bound of
#           "start to first screen": it includes the exit);
#   memory  the largest list (the city's, 全市 党员管理) opened, paged down
#           100 times and to its end with End: maximum resident set size from
#           /usr/bin/time -v.
CL=$WORK/client
mkdir -p "$CL"
: >"$CL/empty.conf"
printf ':save-screen %s\n' "$CL/first.txt" >"$CL/start.keys"
{
    printf '<Down><Enter>\n:save-screen %s\n' "$CL/list.txt"
    for ((i = 0; i < 100; i++)); do printf '<PgDn>\n'; done
    printf '<End>\n:save-stats %s\n:save-screen %s\n<F10>\n' "$CL/stats.txt" "$CL/end.txt"
} >"$CL/list.keys"
client() {
    DANGJIAN_CONFIG=$CL/empty.conf DANGJIAN_SCRIPT=$1 PGUSER=${DB}_bench_city PGPASSWORD=$PW \
        PGDATABASE=$DB "$BIN"
}
say "client: start time (20 runs) and memory with the city's list open"
starts=()
for ((i = 0; i < 23; i++)); do
    a=$(date +%s%N)
    client "$CL/start.keys" >/dev/null 2>"$CL/start.err" || { say "client start failed:"; cat "$CL/start.err" >&2; }
    b=$(date +%s%N)
    [ $i -ge 3 ] && starts+=($(((b - a) / 1000)))
done
read -r START_P50 START_P95 < <(printf '%s\n' "${starts[@]}" | sort -n |
    awk '{a[NR] = $1 / 1000} END {printf "%.1f %.1f\n", a[int(NR * 0.5 + 0.5)], a[int(NR * 0.95 + 0.5)]}')
/usr/bin/time -v -o "$CL/time.txt" env DANGJIAN_CONFIG="$CL/empty.conf" DANGJIAN_SCRIPT="$CL/list.keys" \
    PGUSER=${DB}_bench_city PGPASSWORD=$PW PGDATABASE=$DB "$BIN" >/dev/null 2>"$CL/list.err" || true
RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$CL/time.txt")
/usr/bin/time -v -o "$CL/time_start.txt" env DANGJIAN_CONFIG="$CL/empty.conf" DANGJIAN_SCRIPT="$CL/start.keys" \
    PGUSER=${DB}_bench_city PGPASSWORD=$PW PGDATABASE=$DB "$BIN" >/dev/null 2>&1 || true
RSS_START_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$CL/time_start.txt")
LIST_COUNT=$(grep -o '共 [0-9,]* 条[^ ]*\|第 [0-9,]* 条[^ ]*' "$CL/list.txt" | head -n 1 || true)
FIRST_OK=$(grep -c '党员管理' "$CL/first.txt" || true)
sql <<SQL
DELETE FROM bench.param WHERE name LIKE 'client.%';
INSERT INTO bench.param VALUES ('client.start_p50', '$START_P50'), ('client.start_p95', '$START_P95'),
  ('client.rss_kb', '${RSS_KB:-0}'), ('client.rss_start_kb', '${RSS_START_KB:-0}'),
  ('client.list_count', '${LIST_COUNT:-?}'), ('client.first_menu', '${FIRST_OK:-0}'),
  ('client.stats', \$s\$$(tr '\n' ' ' <"$CL/stats.txt" 2>/dev/null || true)\$s\$);
SQL
say "client: start p50 $START_P50 ms, p95 $START_P95 ms; resident ${RSS_KB:-?} kB with the list open ($LIST_COUNT)"

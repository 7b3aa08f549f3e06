#!/usr/bin/env bash
# Scrolling a 30,000-person list from the first row to the last, a page key at
# a time, as a city clerk (`dangjian generate --preset small`): every fetch
# asks the database for one page (50 rows), every row is fetched about once,
# and the client never holds more than three pages (the list's counters, from
# script mode's :save-stats).  The last screen ends with psql's last name.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 9

S=$T_DIR
if ! db_create scroll small || ! clerk_add cityclerk city 001; then
    ok 1 "a scratch database with 30,000 generated people and a city clerk"
    exit 1
fi
n=$(sql "SELECT count(*) FROM app.person WHERE history_reason IS NULL")
last=$(sql "SELECT name FROM app.person WHERE history_reason IS NULL ORDER BY name DESC, id DESC LIMIT 1")
first=$(sql "SELECT name FROM app.person WHERE history_reason IS NULL ORDER BY name, id LIMIT 1")
[ "$n" -ge 29000 ]
ok $? "the small preset holds $n current people (about 30,000)"

# 18 rows show at 80x24 and PgDn moves by 17: enough presses to reach the end.
presses=$((n / 17 + 10))
{
    printf '<Down><Enter>\n:save-screen %s\n' "$S/top.txt"
    for ((i = 0; i < presses; i++)); do printf '<PgDn>\n'; done
    printf ':save-screen %s\n:save-stats %s\n' "$S/bottom.txt" "$S/stats.txt"
    printf '<Home>\n:save-screen %s\n<F10>\n' "$S/again.txt"
} >"$S/scroll.keys"
start=$SECONDS
run_as cityclerk scroll
ok $RC "$presses page-downs run to F10 (in $((SECONDS - start)) s)" || diag_file "$S/scroll.err"

stat() { sed -n "s/^$1 //p" "$S/stats.txt"; }
diag "$(tr '\n' ' ' <"$S/stats.txt")"
[ "$(list_names "$S/top.txt" | head -n 1)" = "$first" ] && has "$S/top.txt" "共 $n 条，第 1 条"
ok $? "the first screen starts with $first and counts 共 $n 条" || diag_file "$S/top.txt"
[ "$(list_names "$S/bottom.txt" | tail -n 1)" = "$last" ] && has "$S/bottom.txt" "共 $n 条，第 $n 条"
ok $? "after the last page-down the cursor is on row $n, $last" || diag_file "$S/bottom.txt"
[ "$(stat min_limit)" = 50 ] && [ "$(stat max_limit)" = 50 ] && [ "$(stat max_returned)" -le 50 ]
ok $? "every fetch asked for one page of 50 rows (min $(stat min_limit), max $(stat max_limit))"
[ "$(stat rows_fetched)" -ge "$n" ] && [ "$(stat rows_fetched)" -le $((n + 200)) ]
ok $? "each row was fetched once: $(stat rows_fetched) rows for $n"
[ "$(stat fetches)" -le $((n / 50 + 5)) ]
ok $? "$(stat fetches) fetches for $((n / 50 + 1)) pages: none fetched twice on the way down"
[ "$(stat max_pages_held)" -le 3 ] && [ "$(stat max_rows_held)" -le 150 ]
ok $? "at most 3 pages held ($(stat max_pages_held) pages, $(stat max_rows_held) rows)"
[ "$(list_names "$S/again.txt" | head -n 1)" = "$first" ] && has "$S/again.txt" "第 1 条"
ok $? "Home goes back to the first row" || diag_file "$S/again.txt"

finish

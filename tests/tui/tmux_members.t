#!/usr/bin/env bash
# The member list in a real terminal (a private tmux server) as a branch
# clerk: 80x24, resized to 200x60 (more columns) and back, widths where a
# Chinese character meets the right edge, and NO_COLOR (no colour, the
# selection still visible as reverse video).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 15

if ! command -v tmux >/dev/null; then
    ok 1 "tmux is installed (scripts/deps.sh lists it)"
    exit 1
fi
if ! db_create tmux demo || ! clerk_add br branch 001.001.001.001.001; then
    ok 1 "a scratch database with the demo data and a branch clerk"
    exit 1
fi

# run.sh [ENV=VALUE...]: the program as the clerk, then its exit status.
cat >"$T_DIR/run.sh" <<RUN
env PGDATABASE=$DB PGUSER=${DB}_br PGPASSWORD=pw-br-2024 "\$@" "$DJ_BIN"
echo "DJ-EXIT=\$?"
RUN

# Display columns of each line of the pane, and the rows where 性别's value
# starts (a wide character counts two).
widths() { capture | perl -CSD -Mutf8 -ne 'my $n = 0; $n += /\p{Ea=W}|\p{Ea=F}/ ? 2 : 1 for split //; print $n - 1, "\n"'; }
sex_cols() {
    capture | perl -CSD -Mutf8 -ne '
        sub w { my $n = 0; $n += /\p{Ea=W}|\p{Ea=F}/ ? 2 : 1 for split //, $_[0]; $n }
        if (/^(.*?)性别/) { print w($1), "\n"; next }
        if (/^(.*?│.*?\S\s+)(男|女)\s/) { print w($1), "\n" }' | sort -u | wc -l
}

tmux_start 80 24
ok $? "a private tmux server with an 80x24 pane" || exit 1
tm send-keys -t t "bash $T_DIR/run.sh" Enter
wait_for "党务管理" && tm send-keys -t t Down Enter
wait_for "共 19 条"
ok $? "80x24: 党员管理 lists the branch's 19 people" || diag "$(capture)"
[ "$(sex_cols)" -eq 1 ] && ! capture | grep -qF "身份证号"
ok $? "80x24: the columns line up; 身份证号 does not fit" || diag "$(capture)"

tm resize-window -t t -x 200 -y 60
wait_row 60 "F10 退出" && wait_for "身份证号"
ok $? "200x60: the status line on row 60 and the 身份证号 column shown" || diag "$(capture)"
capture | sed -n 59p | grep -qF "共 19 条" && [ "$(capture | grep -c '│  \|│> ')" -ge 19 ]
ok $? "200x60: all 19 rows and the count line just above the status line" || diag "$(capture)"
[ "$(sex_cols)" -eq 1 ]
ok $? "200x60: the columns line up" || diag "$(capture)"

tm resize-window -t t -x 80 -y 24
wait_row 24 "F10 退出" && wait_gone "身份证号"
ok $? "back to 80x24: redrawn without the wide columns" || diag "$(capture)"

# Widths where the flexible 所在组织 column (Chinese names) ends at odd and
# even columns: a wide character is never split across the edge (the line
# would wrap and push the status line off the bottom row).
# width_ok W: what the pane shows at W columns is whole (see above).
width_ok() {
    why=
    capture | sed -n 24p | grep -qF "F10 退出" || why="status"
    capture | sed -n 1p | grep -qF "党员党组织管理信息系统" || why+=" title"
    [ "$(widths | sort -n | tail -n 1)" -le "$1" ] || why+=" width"
    [ "$(sex_cols)" -eq 1 ] || why+=" columns"
    capture | grep -q $'\xef\xbf\xbd' && why+=" U+FFFD"
    [ -z "$why" ]
}
bad=
for w in 81 82 83 84 85 86 87; do
    tm resize-window -t t -x $w -y 24
    # The program redraws after tmux has resized: poll until it has.
    for ((i = 0; i < 100; i++)); do
        width_ok $w && break
        sleep 0.05
    done
    width_ok $w || bad+=" $w($why)"
done
ok $([ -z "$bad" ]; echo $?) "81..87 columns: title, status row, aligned columns, nothing wider than the pane${bad:+ (bad:$bad)}" ||
    diag "$(capture)"
capture | grep -qF "…"
ok $? "a cut organization name ends in …" || diag "$(capture)"

tm resize-window -t t -x 80 -y 24
wait_row 24 "F10 退出"

# The connection is cut under the list (as a network drop or a server restart
# would): the next read resets it once, says so, and shows the data.
killed=$(sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = :'u'" \
    -v u="${DB}_br")
tm send-keys -t t F4
wait_for "与数据库的连接曾断开，已自动重新连接" && wait_for "人员类别：申请人" && wait_for "共 1 条"
ok $? "a killed connection ($killed backend): one reset, a line saying so, the next filter shown" ||
    diag "$(capture)"
tm send-keys -t t F4
wait_for "人员类别：积极分子" && wait_gone "已自动重新连接"
ok $? "the next key works as before" || diag "$(capture)"

tm send-keys -t t F10
wait_for "DJ-EXIT=0"
ok $? "F10 quits with status 0" || diag "$(capture)"

# NO_COLOR: no colour at all, the selected row in reverse video.
tm send-keys -t t "clear; bash $T_DIR/run.sh NO_COLOR=1" Enter
wait_for "党务管理" && tm send-keys -t t Down Enter
wait_for "共 19 条"
ok $? "NO_COLOR=1: the list opens" || diag "$(capture)"
! capture -e | grep -qE "$COLOR_SGR"
ok $? "NO_COLOR=1: no colour escape sequences on the list screen" ||
    diag "$(capture -e | grep -E "$COLOR_SGR" | head -n 3 | cat -v)"
capture -e | grep -F '> ' | grep -qF $'\e[7m'
ok $? "NO_COLOR=1: the selected row is in reverse video" || diag "$(capture -e | cat -v | head -n 8)"
tm send-keys -t t F10
wait_for "DJ-EXIT=0"

finish

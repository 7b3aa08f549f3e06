#!/usr/bin/env bash
# The shell in script mode (no terminal needed): title, the manual's three
# modules, key hints, F1 help, a function not built yet, Esc, resizing, F10.
. "$(dirname "$0")/lib.sh"

plan 26

if [ ! -x "$DJ_BIN" ]; then
    ok 1 "the program $DJ_BIN exists (build it with make)"
    exit 1
fi

S=$T_DIR
# Down 9 times from 申请人管理 reaches 换届选举 (module names are skipped).
cat >"$S/main.keys" <<KEYS
# start screen
:save-screen $S/start.txt
<F1>
:wait
:save-screen $S/help.txt
<Esc>
<Down><Down><Down><Down><Down><Down><Down><Down><Down>
<Enter>
:save-screen $S/unbuilt.txt
<Esc>
:save-screen $S/back.txt
<F10>
:save-screen $S/after-quit.txt
KEYS
run_script main
ok $RC "F10 exits with status 0"
ok $([ ! -s "$S/main.err" ]; echo $?) "nothing on stderr" || diag_file "$S/main.err"

row "$S/start.txt" 1 | grep -qF "党员党组织管理信息系统"
ok $? "row 0 is the title 党员党组织管理信息系统" || diag_file "$S/start.txt"
for m in 党员管理 党组织管理 党务管理; do
    grep -qE "^ $m +│" "$S/start.txt"
    ok $? "the left menu shows the module $m"
done
missing=
for f in 申请人管理 党员管理 组织关系转出 组织关系转入 历史党员 组织管理 已撤销组织管理 \
    组织通报和评议 组织双结对 换届选举 换届选举查询 党员党费设置 党员党费缴纳管理 \
    党员缴纳党费情况查询; do
    grep -qE "^ (>| ) $f +│" "$S/start.txt" || missing+=" $f"
done
ok $([ -z "$missing" ]; echo $?) "the menu lists the manual's 14 functions${missing:+ (missing:$missing)}"
[ "$(wc -l <"$S/start.txt")" -eq 24 ] && [ "$(wc -L <"$S/start.txt")" -le 80 ]
ok $? "the screen is 80x24: 24 rows, none wider than 80 columns"
row "$S/start.txt" 24 | grep -qE "Enter 打开 +Tab 切换 +F1 帮助 +F10 退出"
ok $? "the status line shows the menu's key hints" || diag "$(row "$S/start.txt" 24)"

grep -qE "F10 / Ctrl-C +退出 +退出系统" "$S/help.txt"
ok $? "F1 help lists F10 (退出)" || diag_file "$S/help.txt"
n=0
for k in "F1 " Enter Esc Tab Up Down Left Right PgUp PgDn Home End Ctrl-L; do
    grep -qE "│ $k" "$S/help.txt" && n=$((n + 1))
done
ok $([ $n -eq 13 ]; echo $?) "help has a line for every action ($n of 13)"

has "$S/unbuilt.txt" "「换届选举」功能正在开发中，敬请期待。"
ok $? "换届选举 (not built yet) says so" || diag_file "$S/unbuilt.txt"
grep -qE "^ > 换届选举 +│" "$S/unbuilt.txt"
ok $? "the menu marks 换届选举 as the chosen function"
row "$S/unbuilt.txt" 24 | grep -qE "Esc 返回"
ok $? "its status line offers Esc 返回"

! has "$S/back.txt" "功能正在开发中" && has "$S/back.txt" "欢迎使用党员党组织管理信息系统"
ok $? "Esc closes it and the welcome pane is back"
ok $([ ! -e "$S/after-quit.txt" ]; echo $?) "nothing after F10 runs"

# A script that just ends also exits 0.
printf '<Down><Down>\n' >"$S/end.keys"
run_script end
ok $RC "the program exits 0 when the script ends"

# Resizing below 80x24 shows a notice; enlarging brings the shell back.
cat >"$S/resize.keys" <<KEYS
:resize 60x20
:save-screen $S/small.txt
:resize 80x24
:save-screen $S/again.txt
:resize 200x60
:save-screen $S/large.txt
KEYS
run_script resize
has "$S/small.txt" "终端窗口太小，至少需要 80x24" && ! has "$S/small.txt" "党务管理"
ok $? "at 60x20 the screen says 终端窗口太小，至少需要 80x24 instead of the shell" ||
    diag_file "$S/small.txt"
row "$S/again.txt" 1 | grep -qF "党员党组织管理信息系统" && ! has "$S/again.txt" "终端窗口太小" &&
    has "$S/again.txt" "党务管理"
ok $? "back at 80x24 the shell is drawn again"
[ "$(wc -l <"$S/large.txt")" -eq 60 ] && row "$S/large.txt" 60 | grep -qF "F10 退出"
ok $? "at 200x60 the status line is on row 60" || diag_file "$S/large.txt"

# F1 on a screen lists that screen's keys first, then the global ones, then
# the rest; all of them are there, a page after another.
cat >"$S/help2.keys" <<KEYS
<Down><Down><Down><Down><Down><Down><Down><Down><Down><Enter><F1>
:save-screen $S/h-1.txt
<PgDn>
:save-screen $S/h-2.txt
<PgDn>
:save-screen $S/h-3.txt
<PgDn>
:save-screen $S/h-4.txt
KEYS
run_script help2
# The first column of the pane: a part's heading or a key.
# (A help text's continuation rows start with spaces: skipped.)
firsts=$(sed -n '4,10s/^[^│]*│ //p' "$S/h-1.txt" | awk '/^ / {next} {print $1 == "──" ? $2 : $1}' |
    tr '\n' ' ')
[ "$firsts" = "本画面「换届选举」的按键 Esc Tab 通用按键（任何画面） F1 F10 F9 " ]
ok $? "F1 on 换届选举: its keys (Esc, Tab) first, then the global ones" ||
    { diag "got: $firsts"; diag_file "$S/h-1.txt"; }
firsts=$(sed -n '4,6s/^[^│]*│ //p' "$S/help.txt" | awk '/^ / {next} {print $1 == "──" ? $2 : $1}' |
    tr '\n' ' ')
[ "$firsts" = "本画面「菜单」的按键 Enter Tab " ]
ok $? "F1 on the menu: Enter and Tab first" || { diag "got: $firsts"; diag_file "$S/help.txt"; }
missing=
for label in $(sed -n 's/^ *X([A-Z_]*, TUI_KEY_[A-Z]*, [^"]*"\([^"]*\)".*/\1/p' \
    "$DJ_ROOT/src/tui/actions.h"); do
    cat "$S"/h-[1-4].txt | grep -qE "│ \S.* $label " || missing+=" $label"
done
ok $([ -z "$missing" ]; echo $?) "the help pages name every action of actions.h${missing:+ (missing:$missing)}"

# On a function not built yet, Down and Enter open the next one in the menu.
printf '<Down><Down><Down><Down><Down><Down><Down><Down><Down><Enter>\n<Down><Enter>\n:save-screen %s\n' \
    "$S/next.txt" >"$S/next.keys"
run_script next
has "$S/next.txt" "「换届选举查询」功能正在开发中" && grep -qE "^ > 换届选举查询 +│" "$S/next.txt"
ok $? "on 换届选举 (not built), Down then Enter opens 换届选举查询" || diag_file "$S/next.txt"

# A locale that is not UTF-8 is refused before the screen is touched.
env LC_ALL=C LANG=C DANGJIAN_SCRIPT="$S/end.keys" "$DJ_BIN" </dev/null >"$S/c.out" 2>"$S/c.err"
rc=$?
[ $rc -eq 1 ] && has "$S/c.err" "不是 UTF-8" && has "$S/c.err" "not UTF-8" && [ ! -s "$S/c.out" ]
ok $? "LC_ALL=C: exit 1 with a Chinese and English message, nothing drawn" ||
    diag "rc=$rc" "$(cat "$S/c.err")"

# A script line the program cannot read fails loudly, naming the line.
printf '<Down>\n<Dwon>\n' >"$S/bad.keys"
run_script bad
[ $RC -eq 1 ] && has "$S/bad.err" "第 2 行" && has "$S/bad.err" "<Dwon>"
ok $? "an unknown key in the script: exit 1 naming line 2" || diag_file "$S/bad.err"

finish

#!/usr/bin/env bash
# The shared widgets in the real program, in script mode, through the widget
# demo screen (DANGJIAN_WIDGET_DEMO=1, script mode only): a list of Chinese
# names whose columns start at the same display column on every row, the
# row count, tabs, check boxes, the search line, a confirmation dialog, and
# a wizard that keeps what was typed after a refused save.  Signs in as the
# superuser of check_db.sh's cluster (PGUSER/PGPASSWORD, PGDATABASE).
# shellcheck source=tests/tui/lib.sh
. "$(dirname "$0")/lib.sh"

N=14
plan $N

S=$T_DIR
pane() { sed -n 's/^[^│]*│//p' "$1"; }

# The display columns where each list row's birth date starts, one a line
# (the rows between the header 姓名 ... and the count line 共 ...).
date_cols() {
    local line prefix
    pane "$1" | awk '/ 姓名 /{on=1; next} on && /^共 /{exit} on' | while IFS= read -r line; do
        case $line in *" 19"*) ;; *) continue ;; esac
        prefix="${line%% 19*} " # the blank before the date belongs to the prefix
        printf '%s' "$prefix" | wc -L
    done
}

header_date_col() {
    local line
    line=$(pane "$1" | grep -m1 ' 姓名 ')
    printf '%s' "${line%%出生日期*}" | wc -L
}

# aligned FILE: every row's date at the header's column, and at least 10 rows.
aligned() {
    local want n bad
    want=$(header_date_col "$1")
    n=$(date_cols "$1" | wc -l)
    bad=$(date_cols "$1" | grep -vcx "$want")
    [ "$n" -ge 10 ] && [ "$bad" -eq 0 ]
}

cat >"$S/demo.keys" <<KEYS
:save-screen $S/start.txt
<Right>
:save-screen $S/tab.txt
<Space><Space>
:save-screen $S/ticked.txt
<F3>张<Enter>
:save-screen $S/search.txt
<Down><Enter>
:save-screen $S/confirm.txt
<Enter>
<F8>
:save-screen $S/empty.txt
重名<Tab>女<Enter><Tab>19900504<F8>54<F2>
:save-screen $S/refused.txt
<C-u>张伟<F8><F2>
:save-screen $S/saved.txt
<Enter>
:resize 200x60
:save-screen $S/large.txt
<F10>
KEYS
run_script demo DANGJIAN_WIDGET_DEMO=1

if [ "$RC" -ne 0 ] || ! has "$S/start.txt" "控件演示"; then
    # The loop opens the demo once app.c calls tui_widget_demo() after signing in.
    reason="the widget demo did not open (rc=$RC; app.c does not call tui_widget_demo() yet?)"
    diag_file "$S/demo.err"
    for ((i = 1; i <= N; i++)); do echo "ok $i # SKIP $reason"; done
    exit 0
fi

ok "$RC" "the demo runs and F10 exits with status 0"
aligned "$S/start.txt"
ok $? "80x24: every row's 出生日期 starts at the header's display column" ||
    { diag "header $(header_date_col "$S/start.txt"), rows: $(date_cols "$S/start.txt" | tr '\n' ' ')"; diag_file "$S/start.txt"; }
has "$S/start.txt" "共 300 条，第 1 条" && has "$S/start.txt" "> [ ] 张伟"
ok $? "the row count 共 300 条 and the selection bar with a check box" || diag_file "$S/start.txt"
has "$S/start.txt" "[基本信息]" && has "$S/tab.txt" "[学历学位]" && ! has "$S/tab.txt" "[基本信息]"
ok $? "tabs: [基本信息] first, Right makes [学历学位] the active one" || diag_file "$S/tab.txt"
has "$S/ticked.txt" "[x] 张伟" && has "$S/ticked.txt" "[x] 欧阳修文" && has "$S/ticked.txt" "已勾选 2 条"
ok $? "Space ticks [x] two rows" || diag_file "$S/ticked.txt"
has "$S/search.txt" "共 60 条" && has "$S/search.txt" '查找“张”' && ! has "$S/search.txt" "欧阳修文"
ok $? "F3 张 Enter: only the names with 张, counted" || diag_file "$S/search.txt"
aligned "$S/search.txt"
ok $? "the searched list is aligned too" || diag_file "$S/search.txt"
has "$S/confirm.txt" "请确认" && has "$S/confirm.txt" "[确定(Enter)]" && has "$S/confirm.txt" "取消(Esc)"
ok $? "Enter on a row: a confirmation dialog with 确定 / 取消" || diag_file "$S/confirm.txt"
has "$S/empty.txt" "「姓名」不能为空" && has "$S/empty.txt" "请选择「性别」"
ok $? "下一步 with nothing typed: the messages beside the fields" || diag_file "$S/empty.txt"
has "$S/refused.txt" "同一党支部已有同名的人" && has "$S/refused.txt" "[重名" &&
    has "$S/refused.txt" "[女" && has "$S/refused.txt" "[1990-05-04"
ok $? "a refused save: the message, and everything typed still there" || diag_file "$S/refused.txt"
has "$S/refused.txt" "第 1 步，共 2 步" && has "$S/refused.txt" "[F8 下一步]"
ok $? "the refused save goes back to the step with the wrong field" || diag_file "$S/refused.txt"
has "$S/saved.txt" "党员信息添加成功！"
ok $? "a good save: the manual's 党员信息添加成功！" || diag_file "$S/saved.txt"
aligned "$S/large.txt" && [ "$(date_cols "$S/large.txt" | wc -l)" -ge 50 ]
ok $? "200x60: more rows, still aligned" || diag_file "$S/large.txt"
[ ! -s "$S/demo.err" ]
ok $? "nothing on stderr" || diag_file "$S/demo.err"

finish

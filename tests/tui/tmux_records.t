#!/usr/bin/env bash
# The 新增 wizard in a real terminal (a private tmux server) as a branch
# clerk at 80x24: a code picker opened over the form and closed again leaves
# the labels whole (the picker's border covered half of each "：", which tmux
# blanks: the screen is repainted when it closes), what was typed survives a
# resize to 200x60 and back, and the success message shows.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 8

if ! command -v tmux >/dev/null; then
    ok 1 "tmux is installed (scripts/deps.sh lists it)"
    exit 1
fi
if ! db_create tmuxrec demo || ! clerk_add br branch 001.001.001.001.001; then
    ok 1 "a scratch database with the demo data and a branch clerk"
    exit 1
fi

cat >"$T_DIR/run.sh" <<RUN
env PGDATABASE=$DB PGUSER=${DB}_br PGPASSWORD=pw-br-2024 "$DJ_BIN"
echo "DJ-EXIT=\$?"
RUN

tmux_start 80 24
ok $? "a private tmux server with an 80x24 pane" || exit 1
tm send-keys -t t "bash $T_DIR/run.sh" Enter
wait_for "党务管理" && tm send-keys -t t Down Enter
wait_for "共 19 条" && tm send-keys -t t a
wait_for "第 1 步，共 5 步"
ok $? "a on 党员管理 opens the wizard" || diag "$(capture)"

tm send-keys -t t "陈测试" Tab "310101198506151238" Tab
wait_for "[1985-06-15"
ok $? "the ID number fills 出生日期" || diag "$(capture)"

tm send-keys -t t F8
wait_for "第 2 步，共 5 步：学历" && tm send-keys -t t 2
wait_for "查找：2" && tm send-keys -t t Enter
wait_gone "查找："
# Every label of the step is whole, with its full-width colon.
labels=$(capture | grep -cE "(学历|学位|毕业院校|专业|学习形式|入学日期|毕业日期)： \[")
[ "$labels" -eq 7 ] && capture | grep -qF "学历： [大学本科教育"
ok $? "after the picker closes the seven labels of 学历 are whole ($labels)" || diag "$(capture)"

tm send-keys -t t Tab Tab "复旦大学"
tm resize-window -t t -x 200 -y 60
wait_row 60 "F10 退出" && wait_for "[复旦大学"
ok $? "200x60: redrawn with what was typed" || diag "$(capture)"
tm resize-window -t t -x 80 -y 24
wait_row 24 "F10 退出" && wait_for "[复旦大学"
ok $? "back to 80x24: the same" || diag "$(capture)"

tm send-keys -t t F8
wait_for "第 3 步" && tm send-keys -t t "测试单位" F8
wait_for "第 4 步" && tm send-keys -t t Tab 5 Enter Tab "2010-07-01" Tab "2011-07-01" F8
wait_for "第 5 步" && tm send-keys -t t F2
wait_for "党员信息添加成功！"
ok $? "保存 at step 5: 党员信息添加成功！" || diag "$(capture)"
tm send-keys -t t Enter
wait_for "共 20 条" && tm send-keys -t t F10
wait_for "DJ-EXIT=0"
ok $? "the list shows 20 people; F10 quits with status 0" || diag "$(capture)"

finish

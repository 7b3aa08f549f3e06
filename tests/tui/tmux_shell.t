#!/usr/bin/env bash
# The shell in a real terminal (a private tmux server): 80x24, resizing to
# 200x60, below the minimum and back, arrow keys, F1, and F10 leaving the
# terminal as it was.
. "$(dirname "$0")/lib.sh"

plan 16

if ! command -v tmux >/dev/null; then
    ok 1 "tmux is installed (scripts/deps.sh lists it)"
    exit 1
fi

cat >"$T_DIR/run.sh" <<RUN
echo BEFORE-DJ
stty -g >"$T_DIR/stty.before"
"$DJ_BIN"
echo "DJ-EXIT=\$?"
stty -g >"$T_DIR/stty.after"
cmp -s "$T_DIR/stty.before" "$T_DIR/stty.after" && echo STTY-SAME || echo STTY-CHANGED
RUN

tmux_start 80 24
ok $? "a private tmux server with an 80x24 pane" || exit 1
tm send-keys -t t "bash $T_DIR/run.sh" Enter

wait_row 1 "党员党组织管理信息系统"
ok $? "80x24: row 0 is the title" || diag "$(capture)"
# The login modal shows the title too: the menu comes once signed in.
wait_for "党务管理"
n=0
for m in 党员管理 党组织管理 党务管理; do
    capture | grep -qE "^ $m +│" && n=$((n + 1))
done
ok $([ $n -eq 3 ]; echo $?) "80x24: the three modules are in the left menu"
wait_row 24 "F10 退出"
ok $? "80x24: the key hints are on the bottom row"

tm resize-window -t t -x 200 -y 60
wait_row 60 "F10 退出"
ok $? "200x60: the status line moves to row 60" || diag "$(capture)"
capture | sed -n 1p | grep -qF "党员党组织管理信息系统" && ! capture | sed -n 24p | grep -qF "F10"
ok $? "200x60: title on row 0, nothing left of the old status line on row 24"

tm resize-window -t t -x 60 -y 20
wait_for "终端窗口太小，至少需要 80x24"
ok $? "60x20: the too-small notice is shown" || diag "$(capture)"
! capture | grep -qF "党务管理"
ok $? "60x20: no half-drawn menu beside it"

tm resize-window -t t -x 80 -y 24
wait_gone "终端窗口太小" && wait_row 24 "F10 退出" && capture | grep -qE "^ 党务管理 +│"
ok $? "back to 80x24: the shell is drawn again" || diag "$(capture)"

# Arrow keys as the terminal sends them: Down 9 times reaches 换届选举.
tm send-keys -t t Down Down Down Down Down Down Down Down Down Enter
wait_for "「换届选举」功能正在开发中，敬请期待。"
ok $? "Down x9 + Enter opens 换届选举, which says it is not built yet" || diag "$(capture)"

tm send-keys -t t F1
wait_for "F10 / Ctrl-C"
ok $? "F1 opens the help with F10" || diag "$(capture)"
tm send-keys -t t Escape
wait_gone "F10 / Ctrl-C" && capture | grep -qF "「换届选举」功能正在开发中"
ok $? "Esc closes the help and returns to the function"

tm send-keys -t t F10
wait_for "DJ-EXIT=0"
ok $? "F10 quits with status 0" || diag "$(capture)"
wait_for "STTY-SAME" 5
ok $? "the tty modes are the same as before (stty -g)" || diag "$(capture)"
capture | grep -qF BEFORE-DJ && ! capture | grep -qF "党务管理" &&
    [ "$(tm display -p -t t '#{alternate_on}')" = 0 ]
ok $? "the shell's screen is back (alternate screen left)" || diag "$(capture)"
wait_row "$(capture | grep -n . | tail -1 | cut -d: -f1)" 'djtest$' 5 &&
    [ "$(tm display -p -t t '#{cursor_flag}')" = 1 ]
ok $? "the prompt is back with a visible cursor" || diag "$(capture)"

finish

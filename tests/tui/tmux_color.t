#!/usr/bin/env bash
# Colour roles in a real terminal: colours by default, the monochrome scheme
# (reverse, bold, underline; no colour at all) under NO_COLOR with any value
# and on a terminal without colours.
. "$(dirname "$0")/lib.sh"

plan 9

if ! command -v tmux >/dev/null; then
    ok 1 "tmux is installed (scripts/deps.sh lists it)"
    exit 1
fi

tmux_start 80 24
ok $? "a private tmux server with an 80x24 pane" || exit 1

RUNS=0
# start_ui ENV...: runs the program in the pane with the given environment and
# waits for the shell to be drawn.
start_ui() {
    RUNS=$((RUNS + 1))
    tm send-keys -t t "clear; env $* '$DJ_BIN'; echo RUN$RUNS-EXIT=\$?" Enter
    wait_row 24 "F10 退出"
}
stop_ui() {
    tm send-keys -t t F10
    wait_for "RUN$RUNS-EXIT=0"
}
screen_e() { tm capture-pane -e -p -t t; }
REVERSE=$'\e''\[([0-9;]*;)?7[;m]'

start_ui
screen_e | sed -n 1p | grep -qE "$COLOR_SGR"
ok $? "by default the title is in colour" || diag "$(screen_e | sed -n 1p | cat -v)"
stop_ui

start_ui NO_COLOR=1
! screen_e | grep -qE "$COLOR_SGR"
ok $? "NO_COLOR=1: no colour anywhere on the screen" ||
    diag "$(screen_e | grep -E "$COLOR_SGR" | head -3 | cat -v)"
screen_e | sed -n 1p | grep -qE "$REVERSE" && screen_e | sed -n 3p | grep -qE "$REVERSE"
ok $? "NO_COLOR=1: the title and the selected function are in reverse video"
capture | grep -qE "^ > 申请人管理 +│" && capture | grep -qE "^ 党务管理 +│"
ok $? "NO_COLOR=1: the menu is complete and marks the selection"
stop_ui
ok $? "NO_COLOR=1: F10 quits with status 0"

start_ui NO_COLOR=
! screen_e | grep -qE "$COLOR_SGR"
ok $? "NO_COLOR set but empty: no colour either"
stop_ui

start_ui TERM=vt100
capture | sed -n 1p | grep -qF "党员党组织管理信息系统" && ! screen_e | grep -qE "$COLOR_SGR"
ok $? "TERM=vt100 (no colours): the shell is drawn in monochrome" || diag "$(capture)"
stop_ui
ok $? "TERM=vt100: F10 quits with status 0"

finish

# Shared helpers for the UI tests (sourced by tests/tui/*.t; not a test itself).
#
# Each *.t prints TAP.  `prove tests/tui` runs them; DJ_BIN names the program
# (default: build/dangjian of this repository).  Script-mode tests need no
# terminal; tmux tests start a private tmux server of their own (-L djtest$$).
set -u

DJ_ROOT=${DJ_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
DJ_BIN=${DJ_BIN:-$DJ_ROOT/build/dangjian}
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR DANGJIAN_SCRIPT DANGJIAN_SCRIPT_SIZE DANGJIAN_SCRIPT_TERM

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/djtui.XXXXXX")
T_N=0
T_FAILED=0
T_CLEANUP=()
t_cleanup() {
    local c
    for c in "${T_CLEANUP[@]+"${T_CLEANUP[@]}"}"; do eval "$c"; done
    rm -rf "$T_DIR"
}
trap t_cleanup EXIT

plan() { echo "1..$1"; }

# ok STATUS DESCRIPTION: `check; ok $? "what" || diag ...`; returns STATUS.
ok() {
    local rc=$1
    shift
    T_N=$((T_N + 1))
    if [ "$rc" -eq 0 ]; then
        echo "ok $T_N - $*"
    else
        echo "not ok $T_N - $*"
        T_FAILED=$((T_FAILED + 1))
    fi
    return "$rc"
}

diag() { sed 's/^/# /' <<<"$*"; }

# Shows a file as TAP comments (after a failure).
diag_file() { [ -f "$1" ] && sed 's/^/#   |/' "$1"; }

# has FILE TEXT: the file contains the fixed string.
has() { grep -qF -- "$2" "$1"; }

# row FILE N: line N (1-based) of a screen file.
row() { sed -n "${2}p" "$1"; }

# run_script NAME [ENV=VALUE...]: runs the program with keys from $T_DIR/NAME.keys
# (written by the caller); exit code in $RC, stderr in $T_DIR/NAME.err.
run_script() {
    local name=$1
    shift
    env "$@" DANGJIAN_SCRIPT="$T_DIR/$name.keys" "$DJ_BIN" </dev/null >"$T_DIR/$name.out" \
        2>"$T_DIR/$name.err"
    RC=$?
}

# ---- tmux ---------------------------------------------------------------------
TMUX_SOCK=djtest$$
tm() { tmux -L "$TMUX_SOCK" "$@"; }

# tmux_start COLS ROWS: a private server with one bash pane of that size whose
# prompt is "djtest$ ".
tmux_start() {
    printf 'set -g default-terminal "tmux-256color"\nset -g status off\n' >"$T_DIR/tmux.conf"
    T_CLEANUP+=("tmux -L $TMUX_SOCK kill-server 2>/dev/null")
    tm -f "$T_DIR/tmux.conf" new-session -d -s t -x "$1" -y "$2" \
        "env -u NO_COLOR PS1='djtest\$ ' bash --norc --noprofile" || return 1
    wait_for 'djtest$' 10
}

capture() { tm capture-pane -p -t t "$@"; }

# wait_for TEXT [SECONDS]: polls the pane until TEXT shows (default 10 s).
wait_for() {
    local text=$1 limit=${2:-10} i
    for ((i = 0; i < limit * 20; i++)); do
        capture | grep -qF -- "$text" && return 0
        sleep 0.05
    done
    return 1
}

# wait_gone TEXT [SECONDS]: polls until TEXT is no longer shown.
wait_gone() {
    local text=$1 limit=${2:-10} i
    for ((i = 0; i < limit * 20; i++)); do
        capture | grep -qF -- "$text" || return 0
        sleep 0.05
    done
    return 1
}

# wait_row N TEXT [SECONDS]: polls until line N of the pane contains TEXT.
wait_row() {
    local n=$1 text=$2 limit=${3:-10} i
    for ((i = 0; i < limit * 20; i++)); do
        capture | sed -n "${n}p" | grep -qF -- "$text" && return 0
        sleep 0.05
    done
    return 1
}

# Colour SGR parameters (foreground, background, 256/true colour); 39/49
# (back to default) are not colours.
COLOR_SGR=$'\e''\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]'

finish() {
    [ "$T_FAILED" -eq 0 ]
}

#!/usr/bin/env bash
# Signing in, in script mode against a scratch database: the login form when
# libpq has no credentials, a wrong password (red, try again), the right one,
# the forced first password change, F9's password change, a name that is no
# clerk, a server that cannot be reached, and giving up with Esc.  Passwords
# are never on the screen.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 18

S=$T_DIR
if ! db_create login demo || ! clerk_add lg branch 001.001.001.001.001 keep; then
    ok 1 "a scratch database with the demo data and a new clerk"
    exit 1
fi
LG=${DB}_lg
# No credentials at all: neither user nor password from the environment.
login_run() {
    local name=$1
    shift
    env -u PGUSER -u PGPASSWORD PGDATABASE="$DB" "$@" DANGJIAN_SCRIPT="$S/$name.keys" "$DJ_BIN" \
        </dev/null >"$S/$name.out" 2>"$S/$name.err"
    RC=$?
}

cat >"$S/first.keys" <<KEYS
:save-screen $S/form.txt
$LG<Enter>wrong-password<Enter>
:save-screen $S/wrong.txt
pw-lg-2024<Enter>
:save-screen $S/forced.txt
short<Enter>short<Enter>
:save-screen $S/forced-short.txt
new-pw-2024<Enter>new-pw-2024<Enter>
:save-screen $S/menu.txt
<F9>
:save-screen $S/f9.txt
other-pw-2024<Enter>other-pw-2025<Enter>
:save-screen $S/f9-mismatch.txt
third-pw-2024<Enter>third-pw-2024<Enter>
:save-screen $S/f9-done.txt
<F10>
KEYS
login_run first
ok $RC "the first login runs to F10" || diag_file "$S/first.err"

has "$S/form.txt" "用户登录" && has "$S/form.txt" "用户名：" && has "$S/form.txt" "密　码：" &&
    row "$S/form.txt" 1 | grep -qF "党员党组织管理信息系统"
ok $? "without credentials a login form asks for the name and the password" || diag_file "$S/form.txt"
has "$S/wrong.txt" "用户名或密码错误，请重新输入" && has "$S/wrong.txt" "用户名：    $LG"
ok $? "a wrong password says so and keeps the name" || diag_file "$S/wrong.txt"
has "$S/forced.txt" "修改密码" && has "$S/forced.txt" "首次登录"
ok $? "the right one leads to the forced first password change" || diag_file "$S/forced.txt"
has "$S/forced-short.txt" "密码至少要有 8 个字符"
ok $? "a short new password is refused, in the form" || diag_file "$S/forced-short.txt"
row "$S/menu.txt" 24 | grep -qF "密码修改成功！" && row "$S/menu.txt" 1 | grep -qF "操作员：$LG" &&
    has "$S/menu.txt" "党务管理"
ok $? "then the menu, the clerk in the title and 密码修改成功！ on the status line" ||
    diag_file "$S/menu.txt"
[ "$(sql "SELECT must_change_password FROM app.clerk WHERE role_name = :'r'" -v r="$LG")" = f ]
ok $? "the database no longer asks for a change"
has "$S/f9.txt" "新密码：" && has "$S/f9.txt" "再输一次："
ok $? "F9 opens 修改密码" || diag_file "$S/f9.txt"
has "$S/f9-mismatch.txt" "两次输入的新密码不一致"
ok $? "two different passwords are refused" || diag_file "$S/f9-mismatch.txt"
row "$S/f9-done.txt" 24 | grep -qF "密码修改成功！" && ! has "$S/f9-done.txt" "再输一次："
ok $? "the same one twice: 密码修改成功！ and the screen closes" || diag_file "$S/f9-done.txt"
! cat "$S"/*.txt | grep -qE "wrong-password|pw-lg-2024|new-pw-2024|other-pw|third-pw"
ok $? "no password ever appears on the screen"
PGPASSWORD=third-pw-2024 psql -X -q -A -t -U "$LG" -d "$DB" -c "SELECT 1" >/dev/null 2>&1
ok $? "the last password is the clerk's password now"

# PGUSER given, PGPASSWORD wrong: the form comes prefilled, with the red line.
printf ':save-screen %s\nthird-pw-2024<Enter>\n:save-screen %s\n<F10>\n' "$S/pre.txt" \
    "$S/pre-in.txt" >"$S/pre.keys"
login_run pre PGUSER="$LG" PGPASSWORD=not-it
has "$S/pre.txt" "用户名：    $LG" && has "$S/pre.txt" "用户名或密码错误，请重新输入" &&
    has "$S/pre-in.txt" "党务管理"
ok $? "a wrong PGPASSWORD: the form with the name filled in says so; the right password enters" ||
    diag_file "$S/pre.txt"

# A login role that is no clerk of this database.
psql -X -q -d "$DB" -c "CREATE ROLE ${DB}_nobody LOGIN PASSWORD 'nobody-2024'"
printf '%s_nobody<Enter>nobody-2024<Enter>\n:save-screen %s\n<Esc>\n' "$DB" "$S/nobody.txt" \
    >"$S/nobody.keys"
login_run nobody
has "$S/nobody.txt" "该用户不是本系统的操作员，不能登录"
ok $? "a role that is no clerk is told it cannot sign in here" || diag_file "$S/nobody.txt"
ok $RC "Esc on the login form leaves with status 0"

# Nothing listens: no form, one clear line, status 1.
printf '<F10>\n' >"$S/down.keys"
login_run down PGHOST=/nonexistent PGPORT=1
[ "$RC" -eq 1 ] && has "$S/down.err" "无法连接数据库服务器" && [ "$(wc -l <"$S/down.err")" -le 2 ]
ok $? "an unreachable server: exit 1 with one line saying so" || diag_file "$S/down.err"

# PGUSER and PGPASSWORD right: straight to the menu (what make demo does).
printf ':save-screen %s\n<F10>\n' "$S/direct.txt" >"$S/direct.keys"
login_run direct PGUSER="$LG" PGPASSWORD=third-pw-2024
has "$S/direct.txt" "党务管理" && ! has "$S/direct.txt" "用户登录"
ok $? "with PGUSER and PGPASSWORD there is no form" || diag_file "$S/direct.txt"

# NO_COLOR and TERM=linux do not change what is drawn.
login_run direct PGUSER="$LG" PGPASSWORD=third-pw-2024 NO_COLOR=1 DANGJIAN_SCRIPT_TERM=linux
has "$S/direct.txt" "党务管理" && [ "$RC" -eq 0 ]
ok $? "NO_COLOR and TERM=linux: the same menu" || diag_file "$S/direct.err"

finish

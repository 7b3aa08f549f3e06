#!/usr/bin/env bash
# The member list, its search and its details, in script mode against a
# scratch database (the demo preset plus one branch of known names), as a
# branch clerk and a district clerk.  What a clerk would check: the names in
# pinyin order, 模糊查询 finding exactly the clerk's people whose names hold
# 张 (compared with psql as the superuser), pinyin initials, an ID-number
# prefix, the stage filter, 历史党员, the columns of Chinese names aligned,
# database text sanitised, and the details' tabs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 30

S=$T_DIR
if ! db_create members demo; then
    ok 1 "a scratch database with the demo data"
    exit 1
fi

# A branch of known names under the first general branch.  王芳 has a real ID
# number; 测‮试 holds a right-to-left override, which must not reach the screen.
KNOWN=$(
    sql "
INSERT INTO app.org (parent_id, kind, name, unit_name)
SELECT id, '6', '测试党支部', '测试单位' FROM app.org WHERE code = '001.001.001.001'
RETURNING code;"
)
sql "
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on, id_number,
                        history_reason, history_on)
SELECT v.name, v.sex, v.stage, o.id,
       CASE WHEN v.stage IN ('4', '5') THEN date '2010-07-01' END,
       CASE WHEN v.stage = '5' THEN date '2011-07-01' END, v.idn, v.hr,
       CASE WHEN v.hr IS NOT NULL THEN date '2020-01-01' END
  FROM app.org o,
       (VALUES ('赵敏', '2', '5', NULL, NULL), ('张伟', '1', '5', NULL, NULL),
               ('王芳', '2', '5', '11010519491231002X', NULL), ('欧阳修', '1', '4', NULL, NULL),
               ('李张', '1', '5', NULL, NULL), ('李娜', '2', '3', NULL, NULL),
               ('陈静', '2', '2', NULL, NULL), ('安然', '2', '1', NULL, NULL),
               (U&'\6D4B\202E\8BD5', '1', '5', NULL, NULL),
               ('孙故', '1', '5', NULL, '2')) AS v (name, sex, stage, idn, hr)
 WHERE o.code = '$KNOWN';" >/dev/null
clerk_add known branch "$KNOWN" && clerk_add br branch 001.001.001.001.001 &&
    clerk_add dist district 001.001
ok $? "clerks for the known branch ($KNOWN), the branch 001.001.001.001.001 and the district 001.001"

# ---- the known branch at 80x24 ------------------------------------------------
cat >"$S/known.keys" <<KEYS
<Down><Enter>
:save-screen $S/k-list.txt
<F4>
:save-screen $S/k-applicants.txt
<F4><F4><F4><F4>
:save-screen $S/k-full.txt
<F4>
<F3>张<Enter>
:save-screen $S/k-zhang.txt
<F3><C-u>zw<Enter>
:save-screen $S/k-zw.txt
<F3><C-u>110105<Enter>
:save-screen $S/k-idn.txt
<F3><C-u><Enter>
<Home><Down><Down><Down><Down><Down><Down><Enter>
:save-screen $S/k-detail.txt
<Tab>
:save-screen $S/k-tab2.txt
<BTab><BTab>
:save-screen $S/k-tab-last.txt
<Esc><Esc><Left>
<Down><Down><Down><Enter>
:save-screen $S/k-history.txt
<F10>
KEYS
run_as known known
ok $RC "the known branch's clerk: the script runs to F10" || diag_file "$S/known.err"

# Pinyin order, as clerks expect (not code-point order).
order=$(list_names "$S/k-list.txt" | grep -xE '安然|陈静|李娜|李张|欧阳修|王芳|张伟|赵敏' | tr '\n' ' ')
[ "$order" = "安然 陈静 李娜 李张 欧阳修 王芳 张伟 赵敏 " ]
ok $? "党员管理 lists the names in pinyin order: 安 陈 李 欧阳 王 张 赵" ||
    { diag "got: $order"; diag_file "$S/k-list.txt"; }
has "$S/k-list.txt" "测?试" && ! grep -q $'\u202e' "$S/k-list.txt"
ok $? "a right-to-left override in a name is drawn as ? (sanitised)"
! list_names "$S/k-list.txt" | grep -qx 孙故
ok $? "a historical member is not on the current roll"
has "$S/k-list.txt" "共 9 条"
ok $? "the count line says 共 9 条" || diag_file "$S/k-list.txt"

[ "$(list_names "$S/k-applicants.txt" | tr '\n' ' ')" = "安然 " ] &&
    has "$S/k-applicants.txt" "人员类别：申请人"
ok $? "F4 once: 申请人 only (安然)" || diag_file "$S/k-applicants.txt"
[ "$(list_names "$S/k-full.txt" | tr '\n' ' ')" = "测?试 李张 王芳 张伟 赵敏 " ] &&
    has "$S/k-full.txt" "人员类别：正式党员"
ok $? "F4 five times: 正式党员 only" || diag_file "$S/k-full.txt"

[ "$(list_names "$S/k-zhang.txt" | tr '\n' ' ')" = "李张 张伟 " ]
ok $? "模糊查询 张 finds 张伟 and 李张, in pinyin order" || diag_file "$S/k-zhang.txt"
[ "$(list_names "$S/k-zw.txt" | tr '\n' ' ')" = "张伟 " ]
ok $? "the initials zw find 张伟" || diag_file "$S/k-zw.txt"
[ "$(list_names "$S/k-idn.txt" | tr '\n' ' ')" = "王芳 " ]
ok $? "the ID prefix 110105 finds 王芳" || diag_file "$S/k-idn.txt"

# The seventh row of the full list is 王芳 (安然 测?试 陈静 李娜 李张 欧阳修 王芳).
grep -qF "人员信息　王芳" "$S/k-detail.txt" && grep -qF "[基本信息]" "$S/k-detail.txt" &&
    grep -qE "身份证号： +11010519491231002X" "$S/k-detail.txt"
ok $? "Enter opens 王芳's details on the 基本信息 tab" || diag_file "$S/k-detail.txt"
grep -qF "[学历学位]" "$S/k-tab2.txt" && grep -qF "没有学历学位记录" "$S/k-tab2.txt"
ok $? "Tab shows 学历学位 (none recorded)" || diag_file "$S/k-tab2.txt"
grep -qF "[奖惩]" "$S/k-tab-last.txt" || grep -qF "[民主评议]" "$S/k-tab-last.txt"
ok $? "Shift-Tab goes round to the last tabs" || diag_file "$S/k-tab-last.txt"
[ "$(list_names "$S/k-history.txt" | tr '\n' ' ')" = "孙故 " ] && has "$S/k-history.txt" "历史党员"
ok $? "历史党员 lists only the historical member" || diag_file "$S/k-history.txt"

# ---- exactly the clerk's people whose names hold 张 ---------------------------
# expected_zhang CODE: the names psql finds in the subtree of CODE, in order.
expected_zhang() {
    sql "SELECT p.name FROM app.person p, app.org o
          WHERE o.code = :'code' AND p.org_key >= o.path_key
            AND p.org_key < app.key_upper(o.path_key)
            AND p.history_reason IS NULL AND strpos(p.name, '张') > 0
          ORDER BY p.name, p.id" -v code="$1"
}
printf '<Down><Enter>\n<F3>张<Enter>\n:save-screen %s\n<F10>\n' "$S/br-zhang.txt" >"$S/br.keys"
run_as br br DANGJIAN_SCRIPT_SIZE=200x60
want=$(expected_zhang 001.001.001.001.001)
got=$(list_names "$S/br-zhang.txt")
[ -n "$want" ] && [ "$got" = "$want" ]
ok $? "a branch clerk's 张: exactly the branch's $(wc -l <<<"$want") names psql finds" ||
    { diag "want: $(tr '\n' ' ' <<<"$want")" "got:  $(tr '\n' ' ' <<<"$got")"; diag_file "$S/br.err"; }
has "$S/br-zhang.txt" "共 $(wc -l <<<"$want") 条"
ok $? "and the count line agrees"

printf '<Down><Enter>\n<F3>张<Enter>\n:save-screen %s\n<F10>\n' "$S/d-zhang.txt" >"$S/dist.keys"
run_as dist dist DANGJIAN_SCRIPT_SIZE=200x60
want=$(expected_zhang 001.001)
got=$(list_names "$S/d-zhang.txt")
[ "$(wc -l <<<"$want")" -gt "$(wc -l <<<"$(expected_zhang 001.001.001.001.001)")" ] &&
    [ "$got" = "$want" ]
ok $? "a district clerk's 张: exactly the district's $(wc -l <<<"$want") names (more than the branch's)" ||
    { diag "want: $(tr '\n' ' ' <<<"$want")" "got:  $(tr '\n' ' ' <<<"$got")"; diag_file "$S/d-zhang.txt"; }
list_names "$S/d-zhang.txt" | grep -qx 李张
ok $? "the district clerk's search reaches down to the known branch (李张)"

# A terminal taller than a page (130 rows: the list asks for as many rows as
# it shows): the district's list from its first row to its last.
printf '<Down><Enter>\n:save-screen %s\n<PgDn><PgDn><PgDn><PgDn><PgDn><PgDn>\n:save-screen %s\n:save-stats %s\n<F10>\n' \
    "$S/tall-top.txt" "$S/tall-end.txt" "$S/tall-stats.txt" >"$S/dist.keys"
run_as dist dist DANGJIAN_SCRIPT_SIZE=100x130
nd=$(sql "SELECT count(*) FROM app.person p, app.org o WHERE o.code = '001.001'
           AND p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key)
           AND p.history_reason IS NULL")
lastd=$(sql "SELECT p.name FROM app.person p, app.org o WHERE o.code = '001.001'
              AND p.org_key >= o.path_key AND p.org_key < app.key_upper(o.path_key)
              AND p.history_reason IS NULL ORDER BY p.name DESC, p.id DESC LIMIT 1")
[ "$(list_names "$S/tall-top.txt" | wc -l)" -ge 100 ] && [ "$(list_names "$S/tall-end.txt" | tail -n 1)" = "$lastd" ] &&
    has "$S/tall-end.txt" "共 $nd 条，第 $nd 条" && ! grep -q "^max_pages_held [4-9]" "$S/tall-stats.txt"
ok $? "130 rows tall: over 100 rows a screen, page-downs end on the district's row $nd ($lastd)" ||
    { diag "$(cat "$S/tall-stats.txt")"; diag_file "$S/tall-end.txt"; }

# The ID-number prefix, as the branch clerk: a number of someone in the branch.
idn=$(sql "SELECT p.id_number FROM app.person p JOIN app.org o ON o.id = p.org_id
            WHERE o.code = '001.001.001.001.001' AND p.id_number IS NOT NULL
              AND p.history_reason IS NULL ORDER BY p.id LIMIT 1")
prefix=${idn:0:10}
want=$(sql "SELECT p.name FROM app.person p, app.org o
             WHERE o.code = '001.001.001.001.001' AND p.org_key >= o.path_key
               AND p.org_key < app.key_upper(o.path_key) AND p.history_reason IS NULL
               AND p.id_number LIKE :'p' || '%' ORDER BY p.name, p.id" -v p="$prefix")
printf '<Down><Enter>\n<F3>%s<Enter>\n:save-screen %s\n<F10>\n' "$prefix" "$S/br-idn.txt" >"$S/br.keys"
run_as br br DANGJIAN_SCRIPT_SIZE=200x60
[ -n "$want" ] && [ "$(list_names "$S/br-idn.txt")" = "$want" ]
ok $? "the ID prefix $prefix: exactly the people psql finds" || diag_file "$S/br-idn.txt"
printf '<Down><Enter>\n<F3>12345<Enter>\n:save-screen %s\n<F10>\n' "$S/br-short.txt" >"$S/br.keys"
run_as br br
grep -qF "请至少输入身份证号的前6位" "$S/br-short.txt"
ok $? "five digits: the red line asks for at least six" || diag_file "$S/br-short.txt"

# ---- the whole branch at 80x24: order and aligned columns ---------------------
printf '<Down><Enter>\n:save-screen %s\n<F10>\n' "$S/br-list.txt" >"$S/br.keys"
run_as br br
want=$(sql "SELECT p.name FROM app.person p JOIN app.org o ON o.id = p.org_id
             WHERE o.code = '001.001.001.001.001' AND p.history_reason IS NULL
             ORDER BY p.name, p.id LIMIT 19")
got=$(list_names "$S/br-list.txt")
[ -n "$got" ] && [ "$got" = "$(head -n "$(wc -l <<<"$got")" <<<"$want")" ]
ok $? "the branch's first screen is psql's ORDER BY name (zh-x-icu), id" ||
    { diag "want: $(tr '\n' ' ' <<<"$want")" "got:  $(tr '\n' ' ' <<<"$got")"; }

# Display columns (a wide character counts two) where 性别's value starts on
# every row, and where its header starts: all the same.
cols=$(pane "$S/br-list.txt" | perl -CSD -Mutf8 -ne '
    sub w { my $n = 0; $n += /\p{Ea=W}|\p{Ea=F}/ ? 2 : 1 for split //, $_[0]; $n }
    if (/^(.*?)性别/) { print "h ", w($1), "\n"; next }
    if (/^(.*?\S\s+)(男|女)\s/) { print "r ", w($1), "\n" }')
head_col=$(sed -n 's/^h //p' <<<"$cols" | head -n 1)
rows=$(grep -c '^r ' <<<"$cols")
bad=$(sed -n 's/^r //p' <<<"$cols" | grep -vcx "$head_col")
[ -n "$head_col" ] && [ "$rows" -ge 10 ] && [ "$bad" -eq 0 ]
ok $? "性别 starts at display column $head_col on the header and all $rows rows (names of 2 and 3 characters)" ||
    { diag "$cols"; diag_file "$S/br-list.txt"; }
[ "$(wc -L <"$S/br-list.txt")" -le 80 ]
ok $? "no row of the list is wider than 80 columns"
row "$S/br-list.txt" 24 | grep -qE "Enter 打开 +F3 查找 +F4 类别 .*F1 帮助 +F10 退出"
ok $? "the status line shows the list's keys" || diag "$(row "$S/br-list.txt" 24)"

# ---- the title and F1 ----------------------------------------------------------
printf '<F1>\n:save-screen %s\n<End>\n:save-screen %s\n<F10>\n' "$S/br-help.txt" \
    "$S/br-help2.txt" >"$S/br.keys"
run_as br br
row "$S/br-help.txt" 1 | grep -qF "操作员：${DB}_br" &&
    row "$S/br-help.txt" 1 | grep -qF "组织：第三分公司第一"
ok $? "the title line shows the clerk and the branch" || diag "$(row "$S/br-help.txt" 1)"
n=0
for k in F3 F4 F5 F6 F9 "+ " "- "; do
    cat "$S/br-help.txt" "$S/br-help2.txt" | grep -qF "│ $k" && n=$((n + 1))
done
ok $([ $n -eq 7 ]; echo $?) "F1 help lists the new keys F3 F4 F5 F6 F9 + - ($n of 7)" ||
    diag_file "$S/br-help.txt"

# ---- a role that is no clerk, and the superuser ------------------------------
printf '<Down><Enter>\n:save-screen %s\n<F10>\n' "$S/su.txt" >"$S/su.keys"
run_script su PGDATABASE="$DB"
row "$S/su.txt" 1 | grep -qF "（数据库超级用户）" && row "$S/su.txt" 1 | grep -qF "上海市委"
ok $? "the superuser is shown as such, over the whole city" || diag "$(row "$S/su.txt" 1)"
n=$(sql "SELECT count(*) FROM app.person WHERE history_reason IS NULL")
has "$S/su.txt" "共 $n 条"
ok $? "and its 党员管理 counts the city's $n current people" || diag_file "$S/su.txt"

finish

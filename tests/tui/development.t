#!/usr/bin/env bash
# Member development in the real program (script mode) against a scratch
# database, as a branch clerk of a branch of its own: the manual's 1.1 -> 1.5
# walked as a clerk does it (新增 in two steps, 培养发展 twice, tick and 吸收,
# 转正 from 党员管理), each success message checked on screen and the result
# in SQL; a rule refusal (under 18, and 转正 before the year) shown with the
# form still holding what was typed; a warning (no training hours) accepted;
# a multi-select admission refused as a whole, nothing changed (SQL); the
# reminders; the list at 200x60 and under NO_COLOR.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 43

S=$T_DIR
if ! db_create dev demo; then
    ok 1 "a scratch database with the demo data"
    exit 1
fi

BR=$(
    sql "
INSERT INTO app.org (parent_id, kind, name, unit_name)
SELECT id, '6', '发展测试党支部', '发展测试单位' FROM app.org WHERE code = '001.001.001.001'
RETURNING code;"
)
BR_ID=$(sql "SELECT id FROM app.org WHERE code = '$BR'")
clerk_add br branch "$BR"
ok $? "a branch ($BR) and its clerk"

# person NAME: "stage|joined_party_on|became_full_on" of the person called NAME.
person() {
    sql "SELECT stage || '|' || coalesce(joined_party_on::text, '') || '|' ||
                coalesce(became_full_on::text, '')
           FROM app.person WHERE name = :'n'" -v n="$1"
}

# ---- 1.1 -> 1.5 at 80x24 --------------------------------------------------------
cat >"$S/walk.keys" <<KEYS
<Enter>
:save-screen $S/w-empty.txt
<Ins>
:save-screen $S/w-add1.txt
赵申请<Tab>
1<Enter><Tab>
<Tab>
310101201001011111<Tab>
<F8>
2020-03-01<Tab>2020-03-15<Tab>
<F2>
:save-screen $S/w-too-young.txt
<Enter>
:save-screen $S/w-too-young-form.txt
<Up><C-u>310101199503151237
<F8>
:save-screen $S/w-add2.txt
<F2>
:save-screen $S/w-added.txt
p
:save-screen $S/w-activist-form.txt
2020-09-01<Tab>钱联系<Tab>
<F2>
:save-screen $S/w-activist.txt
p
2021-03-01<Tab><Tab><Tab>2021-08-20<Tab><Tab><Tab><Tab>孙介绍<Tab>李介绍
<F2>
:save-screen $S/w-target-refused.txt
<Enter>
:save-screen $S/w-target-refused-form.txt
<Up><Up><Up><Up><Up><Up><Up><Up><Up>
<C-u>2021-09-01
<F2>
:save-screen $S/w-target-warn.txt
<Enter>
:save-screen $S/w-target.txt
<Space>x
:save-screen $S/w-admit-form.txt
2021-12-01<Tab>2022-01-10
<F2>
:save-screen $S/w-admitted.txt
<Left><Down><Enter>
:save-screen $S/w-members.txt
z
2022-06-01
<F2>
:save-screen $S/w-full-refused.txt
<Enter>
:save-screen $S/w-full-refused-form.txt
<C-u>2022-12-01
<F2>
:save-screen $S/w-full.txt
<F10>
KEYS
run_as br walk
ok "$RC" "1.1 -> 1.5: the script runs to F10" || diag_file "$S/walk.err"

has "$S/w-empty.txt" "申请人管理" && has "$S/w-empty.txt" "没有申请人"
ok $? "申请人管理 opens from the menu on the branch's (empty) list" || diag_file "$S/w-empty.txt"
has "$S/w-add1.txt" "新增入党申请人（第 1 步，共 2 步：基本信息）" &&
    has "$S/w-add1.txt" "发展测试党支部"
ok $? "新增: step 1 基本信息, the organization proposed is the clerk's" || diag_file "$S/w-add1.txt"

has "$S/w-too-young.txt" "申请入党须年满18周岁" && has "$S/w-too-young.txt" "错误"
ok $? "under 18: refused, the rule and the dates in an error dialog" || diag_file "$S/w-too-young.txt"
F=$S/w-too-young-form.txt
has "$F" "赵申请" && has "$F" "310101201001011111" && has "$F" "第 1 步" && has "$F" "申请入党须年满"
ok $? "and back on step 1 with the name and ID number as typed, the message beside" ||
    diag_file "$F"
has "$S/w-add2.txt" "第 2 步" && has "$S/w-add2.txt" "2020-03-01" && has "$S/w-add2.txt" "2020-03-15"
ok $? "下一步 again: step 2 still holds the dates typed before the refusal" ||
    diag_file "$S/w-add2.txt"
has "$S/w-added.txt" "申请入党人信息添加成功！" && grep -qE "赵申请 +申请者" "$S/w-added.txt"
ok $? "保存: 申请入党人信息添加成功！ and the list shows 赵申请 as 申请者 with the date" ||
    diag_file "$S/w-added.txt"
applied=$(sql "SELECT s.step_date FROM app.dev_step s JOIN app.person p ON p.id = s.person_id
                WHERE p.name = '赵申请' AND s.step = '01'")
[ "$applied" = 2020-03-01 ] && [ "$(sql "SELECT id_number FROM app.person WHERE name = '赵申请'")" = 310101199503151237 ]
ok $? "the database has 赵申请's application (step 01) and ID number" || diag "got: $applied"
# The birth date was filled from the first (too young) number and followed the
# corrected one; the clerk never typed it.
born=$(sql "SELECT birth_date || ' ' || sex FROM app.person WHERE name = '赵申请'")
[ "$born" = "1995-03-15 1" ]
ok $? "出生日期 and 性别 follow the corrected ID number" || diag "got: $born"

has "$S/w-activist-form.txt" "列为入党积极分子日期" && has "$S/w-activist-form.txt" "培养联系人一"
ok $? "培养发展 of a 申请者: the activist form" || diag_file "$S/w-activist-form.txt"
has "$S/w-activist.txt" "培养发展信息保存成功！" &&
    grep -qE "赵申请 +入党积极分子 +2020-09-01" "$S/w-activist.txt"
ok $? "1.2: 培养发展信息保存成功！ and the category is 入党积极分子" || diag_file "$S/w-activist.txt"

F=$S/w-target-refused-form.txt
has "$S/w-target-refused.txt" "入党积极分子须经过" && has "$F" "2021-03-01" && has "$F" "孙介绍" &&
    has "$F" "李介绍" && has "$F" "2021-08-20"
ok $? "1.3 before a year as activist: refused, the form keeps what was typed" ||
    { diag_file "$S/w-target-refused.txt"; diag_file "$F"; }
has "$S/w-target-warn.txt" "发展对象集中培训应不少于" && has "$S/w-target-warn.txt" "确定继续保存吗"
ok $? "1.3 without training days: the warning asks for confirmation" ||
    diag_file "$S/w-target-warn.txt"
has "$S/w-target.txt" "培养发展信息保存成功！" && grep -qE "赵申请 .*发展对象" "$S/w-target.txt"
ok $? "确定: 培养发展信息保存成功！ and the category is 发展对象" || diag_file "$S/w-target.txt"
n=$(sql "SELECT count(*) FROM audit.log
          WHERE clerk = '${DB}_br' AND note ~ '办理人确认以下提示后继续办理.*集中培训'")
[ "${n:-0}" -ge 1 ]
ok $? "the accepted warning is in the audit log as the clerk's" || diag "got: $n"

has "$S/w-admit-form.txt" "吸收 1 人：赵申请" && has "$S/w-admit-form.txt" "支部大会讨论日期"
ok $? "Space and x: the admission dialog names the ticked person" || diag_file "$S/w-admit-form.txt"
has "$S/w-admitted.txt" "申请人已成功吸收为预备党员！" && has "$S/w-admitted.txt" "没有申请人"
ok $? "1.4: 申请人已成功吸收为预备党员！ and 赵申请 leaves 申请人管理" || diag_file "$S/w-admitted.txt"
grep -qE "赵申请 .*预备党员" "$S/w-members.txt"
ok $? "赵申请 appears in 党员管理 as 预备党员" || diag_file "$S/w-members.txt"

has "$S/w-full-refused.txt" "预备期未满" && has "$S/w-full-refused-form.txt" "2022-06-01"
ok $? "转正 before the year: refused with the dates, the date typed kept" ||
    diag_file "$S/w-full-refused.txt"
has "$S/w-full.txt" "党员转正成功！" && grep -qE "赵申请 .*正式党员" "$S/w-full.txt"
ok $? "1.5: 党员转正成功！ and 赵申请 is 正式党员" || diag_file "$S/w-full.txt"
[ "$(person 赵申请)" = "5|2021-12-01|2022-12-01" ]
ok $? "the database: full member, joined 2021-12-01, full 2022-12-01" || diag "got: $(person 赵申请)"

# ---- a refused multi-select admission changes nothing -----------------------------
# 钱甲 a development target, 孙乙 an activist, made by the workflow functions.
sql "
SELECT (app.dev_apply($BR_ID, '钱甲', '1', NULL, '1990-01-01', NULL, NULL, NULL, NULL, NULL, NULL,
                      NULL, NULL, NULL, '2019-01-01', '2019-01-10', NULL, true)).person_id;
SELECT (app.dev_apply($BR_ID, '孙乙', '2', NULL, '1991-02-02', NULL, NULL, NULL, NULL, NULL, NULL,
                      NULL, NULL, NULL, '2019-01-01', '2019-01-10', NULL, true)).person_id;
SELECT app.dev_activist(id, NULL, '2019-06-01', NULL, NULL, NULL, ARRAY['周联系'], true)
  FROM app.person WHERE name IN ('钱甲', '孙乙');
SELECT app.dev_target(id, NULL, '2020-06-01', NULL, NULL, '2020-05-20', 3, NULL, NULL, NULL,
                      ARRAY['吴介绍', '郑介绍'], true)
  FROM app.person WHERE name = '钱甲';" >"$S/setup.out" 2>&1
ok $? "钱甲 (发展对象) and 孙乙 (入党积极分子) set up" || diag_file "$S/setup.out"
before=$(sql "SELECT string_agg(p.name || p.stage || p.version, ',' ORDER BY p.name)
                FROM app.person p WHERE p.name IN ('钱甲', '孙乙')")

cat >"$S/multi.keys" <<KEYS
<Enter>
<Space><Down><Space>
:save-screen $S/m-ticked.txt
x
:save-screen $S/m-form.txt
2021-12-01
<F2>
:save-screen $S/m-refused.txt
<Enter><Esc><Enter>
:save-screen $S/m-after.txt
r
:save-screen $S/m-remind.txt
<F3>2019-06-01<Enter>
:save-screen $S/m-remind-asof.txt
<Esc>
<F4><F4>
:save-screen $S/m-activists.txt
<F4><F4>
<F3>钱<Enter>
:save-screen $S/m-search.txt
<F10>
KEYS
run_as br multi DANGJIAN_SCRIPT_SIZE=200x60
ok "$RC" "multi-select: the script runs to F10" || diag_file "$S/multi.err"
grep -qE "\[x\] +钱甲 .*发展对象" "$S/m-ticked.txt" &&
    grep -qE "\[x\] +孙乙 .*入党积极分子" "$S/m-ticked.txt" && has "$S/m-ticked.txt" "已勾选 2 人"
ok $? "at 200x60 both are ticked, with their categories" || diag_file "$S/m-ticked.txt"
has "$S/m-refused.txt" "孙乙" && has "$S/m-refused.txt" "不是发展对象" &&
    has "$S/m-refused.txt" "本次勾选的人员都没有吸收"
ok $? "吸收 of both: refused, naming 孙乙 and why" || diag_file "$S/m-refused.txt"
after=$(sql "SELECT string_agg(p.name || p.stage || p.version, ',' ORDER BY p.name)
               FROM app.person p WHERE p.name IN ('钱甲', '孙乙')")
steps=$(sql "SELECT count(*) FROM app.dev_step s JOIN app.person p ON p.id = s.person_id
              WHERE p.name IN ('钱甲', '孙乙') AND s.step::integer >= 12")
[ -n "$before" ] && [ "$after" = "$before" ] && [ "$steps" = 0 ]
ok $? "nothing changed in the database (stages, versions, no step of stage four)" ||
    diag "before: $before" "after: $after" "steps: $steps"
grep -qE "钱甲 .*发展对象" "$S/m-after.txt" && grep -qE "孙乙 .*入党积极分子" "$S/m-after.txt"
ok $? "back on the list, both as they were" || diag_file "$S/m-after.txt"
has "$S/m-remind.txt" "到期提醒" && has "$S/m-remind-asof.txt" "截至 2019-06-01"
ok $? "r opens the reminders; F3 sets the as-of date" ||
    { diag_file "$S/m-remind.txt"; diag_file "$S/m-remind-asof.txt"; }
grep -qE "孙乙 +入党积极分子" "$S/m-activists.txt" && ! has "$S/m-activists.txt" "钱甲" &&
    has "$S/m-activists.txt" "人员类别：入党积极分子"
ok $? "F4 twice: only the activists (孙乙)" || diag_file "$S/m-activists.txt"
grep -qE "钱甲 +发展对象 +2019-01-01 +2019-06-01 +2020-06-01" "$S/m-search.txt" &&
    ! has "$S/m-search.txt" "孙乙" && has "$S/m-search.txt" "共 1 条"
ok $? "查找 钱: 钱甲 alone, with the dates that matter" || diag_file "$S/m-search.txt"

# ---- 延长预备期 (once only) and 取消预备党员资格 from 党员管理 --------------------------
sql "SELECT app.dev_admit(ARRAY[id], NULL, '2021-12-01', '2022-01-10', NULL, NULL, NULL, NULL,
                          NULL, NULL, NULL, true) FROM app.person WHERE name = '钱甲'" >"$S/admit.out" 2>&1
ok $? "钱甲 admitted (SQL) as probationary member" || diag_file "$S/admit.out"
cat >"$S/end.keys" <<KEYS
<Down><Enter>
y
:save-screen $S/e-form.txt
2022-11-01<Tab>13<Tab>表现需进一步考察
<F2>
:save-screen $S/e-refused.txt
<Enter><Up><C-u>6
<F2>
:save-screen $S/e-extended.txt
y
2022-11-02<Tab>6<Tab>再次延长
<F2>
:save-screen $S/e-twice.txt
<Enter><Esc><Enter>
q
2023-01-01<Tab>不履行党员义务
<F2>
:save-screen $S/e-cancelled.txt
<F10>
KEYS
run_as br end
ok "$RC" "延长 and 取消: the script runs to F10" || diag_file "$S/end.err"
has "$S/e-form.txt" "钱甲：2021-12-01入党，预备期2022-12-01满" && has "$S/e-form.txt" "延长月数"
ok $? "y on 钱甲: the extension form with the dates of the probation" || diag_file "$S/e-form.txt"
has "$S/e-refused.txt" "延长预备期最短6个月，最长12个月，所填为13个月"
ok $? "13 months: refused with the limits" || diag_file "$S/e-refused.txt"
has "$S/e-extended.txt" "延长预备期保存成功！" &&
    [ "$(sql "SELECT probation_end FROM app.dev_status((SELECT id FROM app.person WHERE name = '钱甲'))")" = 2023-06-01 ]
ok $? "6 months: 延长预备期保存成功！, the probation now ends 2023-06-01" ||
    { diag_file "$S/e-extended.txt"; diag "$(sql "SELECT * FROM app.dev_status((SELECT id FROM app.person WHERE name = '钱甲'))")"; }
has "$S/e-twice.txt" "预备期只能延长一次"
ok $? "a second extension: refused (once only)" || diag_file "$S/e-twice.txt"
has "$S/e-cancelled.txt" "取消预备党员资格保存成功！" && ! has "$S/e-cancelled.txt" "钱甲" &&
    [ -n "$(sql "SELECT history_reason FROM app.person WHERE name = '钱甲'")" ]
ok $? "取消预备党员资格: the message, 钱甲 leaves 党员管理 and is historical" ||
    diag_file "$S/e-cancelled.txt"

# ---- a real terminal: NO_COLOR, 80x24 and 200x60 and back ---------------------
tmux_start 80 24
ok $? "a private tmux server with an 80x24 pane" || exit 1
tm send-keys -t t "clear; env NO_COLOR=1 PGDATABASE=$DB PGUSER=${DB}_br PGPASSWORD=pw-br-2024 '$DJ_BIN'; echo UI-EXIT=\$?" Enter
wait_row 24 "F10 退出" && tm send-keys -t t Enter && wait_for "孙乙"
capture | grep -qE "│> \[ \] 孙乙 +入党积极分子 +2019-06-01" &&
    ! tm capture-pane -e -p -t t | grep -qE "$COLOR_SGR"
ok $? "80x24 under NO_COLOR: the list, the selection marked with >, no colour" ||
    diag "$(capture)"
tm resize-window -t t -x 200 -y 60
wait_for "申请日期" && capture | grep -qE "孙乙 +入党积极分子 +2019-01-01 +2019-06-01 +女 +发展测试党支部"
ok $? "resized to 200x60: redrawn with 申请日期, 性别 and 所在组织" || diag "$(capture)"
tm resize-window -t t -x 80 -y 24
wait_gone "申请日期" && tm send-keys -t t IC && wait_for "第 1 步，共 2 步"
ok $? "back to 80x24, Ins opens the wizard" || diag "$(capture)"
tm send-keys -t t Escape && wait_for "孙乙" && tm send-keys -t t F10 && wait_for "UI-EXIT=0"
ok $? "Esc back to the list, F10 quits with status 0" || diag "$(capture)"

finish


#!/usr/bin/env bash
# The member's file (manual 1.9) in script mode against a scratch database,
# as a branch clerk: the 新增 wizard forward, back and forward again, then
# saved (the person in the list and in psql); one add, one edit and one
# delete on every tab of 修改 with the manual's message for that tab; 出党,
# 死亡 and 停止党籍 with their messages and the people in 历史党员; 恢复
# refused to a clerk and done by an administrator; and two clerks on one
# member: the second save refused, naming who saved first, the typed text
# still on the screen.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 53

S=$T_DIR
if ! db_create records demo; then
    ok 1 "a scratch database with the demo data"
    exit 1
fi

# A branch of known people under the first general branch.
KNOWN=$(
    sql "
INSERT INTO app.org (parent_id, kind, name, unit_name)
SELECT id, '6', '档案测试党支部', '档案测试单位' FROM app.org WHERE code = '001.001.001.001'
RETURNING code;"
)
sql "
INSERT INTO app.person (name, sex, stage, org_id, joined_party_on, became_full_on)
SELECT v.name, v.sex, '5', o.id, date '2001-07-01', date '2002-07-01'
  FROM app.org o,
       (VALUES ('郑档案', '1'), ('钱出党', '1'), ('孙死亡', '2'), ('李停止', '2'),
               ('冯并发', '1')) AS v (name, sex)
 WHERE o.code = '$KNOWN';" >/dev/null
clerk_add br branch "$KNOWN" && clerk_add br2 branch "$KNOWN" && clerk_add adm district 001.001 &&
    sql "UPDATE app.clerk SET is_admin = true WHERE role_name = '${DB}_adm'" >/dev/null
ok $? "clerks for the branch $KNOWN (two) and an administrator of the district"

# A valid ID number nobody has: 18 characters, GB 11643's check character.
idn() {
    perl -e 'my $b = shift; my @w = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2);
             my $s = 0; $s += substr($b, $_, 1) * $w[$_] for 0 .. 16;
             print $b, substr("10X98765432", $s % 11, 1)' "$1"
}
ID=$(idn 31010119850615123)
case ${ID:17:1} in
X) BAD=${ID:0:17}0 ;;
*) BAD=${ID:0:17}$(((${ID:17:1} + 1) % 10)) ;;
esac
person() { sql "SELECT $2 FROM app.person WHERE name = '$1'"; }

# ---- 新增: the wizard --------------------------------------------------------
cat >"$S/wiz.keys" <<KEYS
<Down><Enter>
a
:save-screen $S/w-open.txt
吴新党<Tab>$BAD<Tab>
<F8>
:save-screen $S/w-bad.txt
<C-u>$ID<Tab>
:save-screen $S/w-basic.txt
<F8>
:save-screen $S/w-edu.txt
21<Enter><Tab><Tab>复旦大学<Tab>
<F8>
测试单位
<F8>
<Tab>5<Enter><Tab>2010-07-01<Tab>2011-07-01<Tab>
<F8>
:save-screen $S/w-transfer.txt
<F7><F7><F7><F7>
:save-screen $S/w-back.txt
<F8><F8><F8>
:save-screen $S/w-party.txt
<F8><F2>
:save-screen $S/w-saved.txt
<Enter>
:save-screen $S/w-closed.txt
<F3>吴新党<Enter>
:save-screen $S/w-list.txt
<F10>
KEYS
run_as br wiz
ok $RC "the wizard's script runs to F10" || diag_file "$S/wiz.err"
has "$S/w-open.txt" "新增党员（第 1 步，共 5 步：基本信息）" && has "$S/w-open.txt" "[F8 下一步]"
ok $? "Ins/a on 党员管理 opens the wizard at step 1 of 5" || diag_file "$S/w-open.txt"
has "$S/w-bad.txt" "第 1 步" && has "$S/w-bad.txt" "校验"
ok $? "a wrong check character keeps the wizard on step 1 and says so beside the field" ||
    diag_file "$S/w-bad.txt"
grep -qE "性别： \[男" "$S/w-basic.txt" && has "$S/w-basic.txt" "[1985-06-15"
ok $? "a good ID number fills 性别 (男) and 出生日期 (1985-06-15)" || diag_file "$S/w-basic.txt"
has "$S/w-edu.txt" "第 2 步，共 5 步：学历"
ok $? "F8 goes on to 学历" || diag_file "$S/w-edu.txt"
has "$S/w-transfer.txt" "第 5 步，共 5 步：转移" && has "$S/w-transfer.txt" "[F2 保存]"
ok $? "step 5 (转移, may stay empty) offers 保存" || diag_file "$S/w-transfer.txt"
has "$S/w-back.txt" "第 1 步" && has "$S/w-back.txt" "[吴新党" && has "$S/w-back.txt" "[$ID"
ok $? "F7 four times: back at step 1 with the name and ID number as typed" ||
    diag_file "$S/w-back.txt"
has "$S/w-party.txt" "第 4 步" && has "$S/w-party.txt" "[2010-07-01" &&
    has "$S/w-party.txt" "[正式党员" && has "$S/w-party.txt" "[档案测试党支部"
ok $? "forward again: 党籍 keeps 正式党员, the dates and the branch listed" ||
    diag_file "$S/w-party.txt"
has "$S/w-saved.txt" "党员信息添加成功！"
ok $? "保存: 党员信息添加成功！" || diag_file "$S/w-saved.txt"
has "$S/w-closed.txt" "党员管理" && row "$S/w-closed.txt" 24 | grep -qF "党员信息添加成功！"
ok $? "Enter closes the wizard; the list is back with the message on the status line" ||
    diag_file "$S/w-closed.txt"
[ "$(list_names "$S/w-list.txt")" = 吴新党 ]
ok $? "the list (reloaded) finds 吴新党" || diag_file "$S/w-list.txt"
[ "$(person 吴新党 "id_number || ' ' || sex || ' ' || birth_date || ' ' || stage")" = \
    "$ID 1 1985-06-15 5" ]
ok $? "psql: 吴新党 with the ID number, 男, 1985-06-15, 正式党员" ||
    diag "$(person 吴新党 "id_number, sex, birth_date, stage")"
[ "$(sql "SELECT e.school || '/' || j.unit_name FROM app.person p
           JOIN app.education e ON e.person_id = p.id JOIN app.job j ON j.person_id = p.id
          WHERE p.name = '吴新党'")" = "复旦大学/测试单位" ]
ok $? "psql: the 学历 and 岗位 rows written in the same call"

# An ID number registered elsewhere in the city: refused at 保存 without saying
# where; the wizard goes back to 身份证号 on step 1, nothing typed lost.
OUT=$(sql "SELECT p.id_number || ' ' || p.name FROM app.person p JOIN app.org o ON o.id = p.org_id
            WHERE o.code NOT LIKE '001.001%' AND p.id_number IS NOT NULL
              AND p.birth_date < date '1985-01-01' ORDER BY p.id LIMIT 1")
OUT_NAME=${OUT#* }
OUT=${OUT%% *}
cat >"$S/dup.keys" <<KEYS
<Down><Enter>
a
重复人<Tab>$OUT<Tab>
<F8>
21<Enter>
<F8>
某单位
<F8>
<Tab>5<Enter><Tab>2010-07-01<Tab>2011-07-01
<F8><F2>
:save-screen $S/dup-dialog.txt
<Enter>
:save-screen $S/dup.txt
<F10>
KEYS
run_as br dup
has "$S/dup-dialog.txt" "请与组织部门联系" && ! has "$S/dup-dialog.txt" "$OUT_NAME" &&
    has "$S/dup.txt" "第 1 步" && grep -qE "> +\*身份证号" "$S/dup.txt" && has "$S/dup.txt" "[重复人"
ok $? "an ID number registered outside the branch: refused without naming where, back on 身份证号 with the text kept" ||
    { diag "$OUT $OUT_NAME"; diag_file "$S/dup-dialog.txt"; diag_file "$S/dup.txt"; }
[ -z "$(person 重复人 id)" ]
ok $? "psql: nothing of 重复人 was written"

# ---- 修改: one add and one edit on every tab ----------------------------------
# Tabs in order: 基本信息 学历学位 工作岗位 职务信息 技术职务 党籍信息 组织关系
# 培养发展 民主评议 奖惩.  After each save the message dialog is closed with Enter.
cat >"$S/tabs.keys" <<KEYS
<Down><Enter>
<F3>郑档案<Enter>
e
:save-screen $S/t-basic.txt
e<Tab><Tab><Tab><Tab><Tab>浙江宁波<F2>
:save-screen $S/t-basic-saved.txt
<Enter>
<Tab>a
14<Enter><Tab><Tab>同济大学<F2>
:save-screen $S/t-edu-add.txt
<Enter>
e<Tab><Tab><C-u>上海交通大学<F2>
:save-screen $S/t-edu-edit.txt
<Enter>
:save-screen $S/t-edu-list.txt
<Tab>a
测试公司<F2>
:save-screen $S/t-job-add.txt
<Enter>
e<C-u>改名公司<F2>
:save-screen $S/t-job-edit.txt
<Enter>
<Tab>a
06<Enter><Tab><Tab>档案测试党支部<Tab>2020-01-01<F2>
:save-screen $S/t-post-add.txt
<Enter>
e<Tab><Tab><Tab><Tab><Tab>组字1号<F2>
:save-screen $S/t-post-edit.txt
<Enter>
<Tab>a
3<Enter><F2>
:save-screen $S/t-tech-add.txt
<Enter>
e<Tab><Tab>测试医院<F2>
:save-screen $S/t-tech-edit.txt
<Enter>
<Tab>a
no<Enter><Tab>2021-03-01<F2>
:save-screen $S/t-standing-add.txt
<Enter>
e<Tab><Tab><Tab><Tab>党字1号<F2>
:save-screen $S/t-standing-edit.txt
<Enter>
<Tab>a
:save-screen $S/t-relation.txt
<Tab>a
02<Enter><Tab>2005-03-01<F2>
:save-screen $S/t-dev-add.txt
<Enter>
e<Tab><Tab>补录<F2>
:save-screen $S/t-dev-edit.txt
<Enter>
<Tab>a
2023<Tab>1<Enter><F2>
:save-screen $S/t-appraisal-add.txt
<Enter>
e<Tab><Tab>表现突出<F2>
:save-screen $S/t-appraisal-edit.txt
<Enter>
<Tab>a
12<Enter><Tab><Tab>2022-06-01<F2>
:save-screen $S/t-reward-add.txt
<Enter>
e<Tab>年度嘉奖<F2>
:save-screen $S/t-reward-edit.txt
<Enter>
<F10>
KEYS
run_as br tabs
ok $RC "the tabs' script runs to F10" || diag_file "$S/tabs.err"
has "$S/t-basic.txt" "[基本信息]" && has "$S/t-basic.txt" "修改党员信息　郑档案"
ok $? "e on the list opens 修改 on 基本信息" || diag_file "$S/t-basic.txt"
has "$S/t-basic-saved.txt" "基本信息保存成功！" && [ "$(person 郑档案 native_place)" = 浙江宁波 ]
ok $? "基本信息: 籍贯 saved, 基本信息保存成功！" || diag_file "$S/t-basic-saved.txt"

# tab_ok NAME MESSAGE SQL WANT: the add and edit screens show MESSAGE and
# psql's SQL (about 郑档案's rows) gives WANT.
tab_ok() {
    local got
    got=$(sql "SELECT $3 FROM app.$1 r JOIN app.person p ON p.id = r.person_id
                WHERE p.name = '郑档案'")
    has "$S/t-$4-add.txt" "$2" && has "$S/t-$4-edit.txt" "$2" && [ "$got" = "$5" ]
    ok $? "$1: added and changed, \"$2\" both times; psql: $5" ||
        { diag "psql: $got"; diag_file "$S/t-$4-edit.txt"; }
}
tab_ok education "学历学位信息保存成功！" "count(*) || ' ' || string_agg(r.school, '')" edu "1 上海交通大学"
has "$S/t-edu-list.txt" "上海交通" && has "$S/t-edu-list.txt" "共 1 条"
ok $? "the tab's list shows the changed row" || diag_file "$S/t-edu-list.txt"
tab_ok job "工作岗位信息保存成功！" "count(*) || ' ' || string_agg(r.unit_name, '')" job "1 改名公司"
tab_ok post "工作职务信息保存成功！" "count(*) || ' ' || string_agg(r.party_post || r.approval_doc, '')" post "1 06组字1号"
tab_ok tech_title "技术职务信息保存成功！" "count(*) || ' ' || string_agg(r.title || r.unit_name, '')" tech "1 3测试医院"
tab_ok standing "党籍信息保存成功！" "count(*) || ' ' || string_agg(r.event || r.approval_doc, '')" standing "1 note党字1号"
tab_ok dev_step "培养发展信息保存成功！" "count(*) || ' ' || string_agg(r.step || r.detail, '')" dev "1 02补录"
tab_ok appraisal "民主评议信息保存成功！" "count(*) || ' ' || string_agg(r.year || r.result || r.note, '')" appraisal "1 20231表现突出"
tab_ok reward "奖惩信息保存成功！" "count(*) || ' ' || string_agg(r.kind || r.title, '')" reward "1 12年度嘉奖"
has "$S/t-relation.txt" "[组织关系]" && has "$S/t-relation.txt" "只能通过组织关系转出、转入变更"
ok $? "组织关系 is read-only and says it changes through transfers" || diag_file "$S/t-relation.txt"

# ---- and one delete on every tab ------------------------------------------------
{
    printf '<Down><Enter>\n<F3>郑档案<Enter>\ne\n'
    for t in edu job post tech standing - dev appraisal reward; do
        printf '<Tab>\n'
        [ "$t" = - ] && continue
        printf 'd\n:save-screen %s\n<Enter>\n:save-screen %s\n<Enter>\n' "$S/d-$t-ask.txt" "$S/d-$t.txt"
    done
    printf '<F10>\n'
} >"$S/del.keys"
run_as br del
ok $RC "the deletes' script runs to F10" || diag_file "$S/del.err"
bad=
for t in edu:学历学位:education job:工作岗位:job post:工作职务:post tech:技术职务:tech_title \
    standing:党籍:standing dev:培养发展:dev_step appraisal:民主评议:appraisal reward:奖惩:reward; do
    IFS=: read -r k word table <<<"$t"
    has "$S/d-$k-ask.txt" "确定删除郑档案的这条" && has "$S/d-$k.txt" "${word}信息删除成功！" ||
        bad+=" $k"
    [ "$(sql "SELECT count(*) FROM app.$table r JOIN app.person p ON p.id = r.person_id
               WHERE p.name = '郑档案'")" = 0 ] || bad+=" $k(psql)"
done
[ -z "$bad" ]
ok $? "d on every tab asks first, then says 「…信息删除成功！」 and the row is gone${bad:+ (bad:$bad)}" ||
    { k=${bad# }; k=${k%% *}; k=${k%(psql)}; diag_file "$S/d-$k-ask.txt"; diag_file "$S/d-$k.txt"; }

# ---- the endings --------------------------------------------------------------
cat >"$S/end.keys" <<KEYS
<Down><Enter>
<F3>钱出党<Enter>
c
:save-screen $S/e-leave-form.txt
<F2>
:save-screen $S/e-leave-empty.txt
2999-01-15<Tab>2<Enter><Tab>长期不参加组织生活
<F2>
:save-screen $S/e-leave-future.txt
<C-u>2024-01-15<F2>
:save-screen $S/e-leave.txt
<Enter>
<F3><C-u>孙死亡<Enter>
s
2024-02-01<Tab>因病去世
<F2>
:save-screen $S/e-death.txt
<Enter>
<F3><C-u>李停止<Enter>
t
2024-03-01<Tab>1<Enter><Tab>定居国外
<F2>
:save-screen $S/e-suspend.txt
<Enter>
<F3><C-u><Enter>
:save-screen $S/e-list.txt
<Esc><Left><Down><Down><Down><Enter>
:save-screen $S/e-history.txt
<F3>钱出党<Enter>
h
不应恢复<F2>
:save-screen $S/e-restore-refused.txt
<F10>
KEYS
run_as br end
ok $RC "the endings' script runs to F10" || diag_file "$S/end.err"
has "$S/e-leave-form.txt" "党员出党：钱出党" && has "$S/e-leave-form.txt" "出党方式"
ok $? "c opens 党员出党 for the current row, with 出党日期 and 出党方式" ||
    diag_file "$S/e-leave-form.txt"
has "$S/e-leave-empty.txt" "「出党日期」不能为空" && has "$S/e-leave-empty.txt" "请选择「出党方式」"
ok $? "确定 with nothing typed: a message beside each required field" ||
    diag_file "$S/e-leave-empty.txt"
has "$S/e-leave-future.txt" "「出党日期」不能晚于今天" && has "$S/e-leave-future.txt" "[长期不参加组织生活"
ok $? "a date after today: refused beside 出党日期, the reason kept" || diag_file "$S/e-leave-future.txt"
has "$S/e-leave.txt" "党员出党操作成功!"
ok $? "出党: 党员出党操作成功!" || diag_file "$S/e-leave.txt"
has "$S/e-death.txt" "党员死亡操作成功!"
ok $? "死亡: 党员死亡操作成功!" || diag_file "$S/e-death.txt"
has "$S/e-suspend.txt" "停止党籍操作成功!"
ok $? "停止党籍: 停止党籍操作成功!" || diag_file "$S/e-suspend.txt"
! list_names "$S/e-list.txt" | grep -qxE "钱出党|孙死亡|李停止" && list_names "$S/e-list.txt" | grep -qx 郑档案
ok $? "the three are off 党员管理" || diag_file "$S/e-list.txt"
[ "$(list_names "$S/e-history.txt" | grep -xE "钱出党|孙死亡|李停止" | sort | tr '\n' ' ')" = \
    "$(printf '%s\n' 钱出党 孙死亡 李停止 | sort | tr '\n' ' ')" ]
ok $? "历史党员 lists all three" || diag_file "$S/e-history.txt"
got=$(sql "SELECT string_agg(name || ':' || history_reason || coalesce(exit_kind, '-')
                             || coalesce(suspend_reason, '-') || history_on, ' ' ORDER BY name)
             FROM app.person WHERE name IN ('钱出党', '孙死亡', '李停止')")
[ "$got" = "李停止:3-12024-03-01 钱出党:12-2024-01-15 孙死亡:2--2024-02-01" ]
ok $? "psql: the reasons, kinds and dates as typed" || diag "$got"
grep -qE "只有管理员才能恢复|没有权限" "$S/e-restore-refused.txt" && has "$S/e-restore-refused.txt" "不应恢复"
ok $? "恢复 by a clerk: refused by the database, the reason still in the form" ||
    diag_file "$S/e-restore-refused.txt"

cat >"$S/restore.keys" <<KEYS
<Down><Down><Down><Down><Enter>
<F3>钱出党<Enter>
h
<F2>
:save-screen $S/r-empty.txt
误操作，予以恢复<F2>
:save-screen $S/r-done.txt
<Enter>
:save-screen $S/r-list.txt
<F10>
KEYS
run_as adm restore
ok $RC "the administrator's script runs to F10" || diag_file "$S/restore.err"
has "$S/r-empty.txt" "「恢复原因」不能为空"
ok $? "恢复 needs a reason" || diag_file "$S/r-empty.txt"
has "$S/r-done.txt" "恢复党籍操作成功!" && [ -z "$(person 钱出党 history_reason)" ]
ok $? "the administrator restores 钱出党: 恢复党籍操作成功! and psql shows a current member" ||
    diag_file "$S/r-done.txt"
! list_names "$S/r-list.txt" | grep -qx 钱出党
ok $? "钱出党 has left 历史党员" || diag_file "$S/r-list.txt"

# ---- two clerks, one member --------------------------------------------------
# The keys come through a pipe: the test changes the row with psql (as the
# second clerk) after the form is loaded and typed into, then presses F2.
mkfifo "$S/cc.keys"
run_as br cc &
pid=$!
exec 3>"$S/cc.keys"
printf '<Down><Enter>\n<F3>冯并发<Enter>\ne\ne\n<Tab><Tab><Tab><Tab><Tab>籍贯甲\n:save-screen %s\n' \
    "$S/c-typed.txt" >&3
for ((i = 0; i < 200; i++)); do
    [ -s "$S/c-typed.txt" ] && break
    sleep 0.05
done
PGUSER=${DB}_br2 PGPASSWORD=pw-br2-2024 sql "
SELECT app.person_update(id, version, jsonb_build_object('native_place', '乙地'))
  FROM app.person WHERE name = '冯并发'" >/dev/null
ok $? "the second clerk saves 冯并发's 籍贯 while the first is typing"
printf '<F2>\n:save-screen %s\n<Enter>\n:save-screen %s\n<F10>\n' "$S/c-refused.txt" \
    "$S/c-after.txt" >&3
exec 3>&-
wait $pid
RC=$?
ok $RC "the first clerk's script runs to F10" || diag_file "$S/cc.err"
has "$S/c-refused.txt" "${DB}_br2" && has "$S/c-refused.txt" "$(date +%Y-%m-%d)"
ok $? "F2: refused, naming the clerk who saved first and when" || diag_file "$S/c-refused.txt"
has "$S/c-after.txt" "[籍贯甲" && has "$S/c-after.txt" "修改基本信息：冯并发"
ok $? "the form stays open with what was typed" || diag_file "$S/c-after.txt"
[ "$(person 冯并发 native_place)" = 乙地 ]
ok $? "psql: the first save stands (乙地)"

# ---- the wizard at 200x60 and NO_COLOR --------------------------------------------
printf '<Down><Enter>\na\n:save-screen %s\n<Esc>\n:save-screen %s\n<F10>\n' "$S/big.txt" \
    "$S/big-back.txt" >"$S/big.keys"
run_as br big DANGJIAN_SCRIPT_SIZE=200x60 NO_COLOR=1
has "$S/big.txt" "新增党员" && row "$S/big.txt" 60 | grep -qF "F8 下一步" && [ "$(wc -L <"$S/big.txt")" -le 200 ]
ok $? "200x60 under NO_COLOR: the wizard and its keys on row 60" || diag_file "$S/big.txt"
has "$S/big-back.txt" "共 " && ! has "$S/big-back.txt" "新增党员（"
ok $? "Esc with nothing typed leaves the wizard at once" || diag_file "$S/big-back.txt"

finish

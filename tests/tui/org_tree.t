#!/usr/bin/env bash
# 组织管理: the organization tree of a district clerk and of a branch clerk, in
# script mode against a scratch database (demo preset): opening and closing
# nodes, jumping by code and by name, the details of an organization, and its
# people (F5: its own, F6: with every organization below it), counted
# against psql.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/db_lib.sh"

plan 20

S=$T_DIR
if ! db_create orgs demo || ! clerk_add dist district 001.001 ||
    ! clerk_add br branch 001.001.001.001.001; then
    ok 1 "a scratch database with the demo data and two clerks"
    exit 1
fi
# The selected row of the tree: the line with the ">" mark.
selected() { pane "$1" | grep -E '^>' | head -n 1; }
kids=$(sql "SELECT count(*) FROM app.org c JOIN app.org p ON p.id = c.parent_id
             WHERE p.code = '001.001' AND c.state = 'active'")

# Down 5 from 申请人管理: 组织管理 (modules are skipped).
cat >"$S/dist.keys" <<KEYS
<Down><Down><Down><Down><Down><Enter>
:save-screen $S/open.txt
<Down><Right>
:save-screen $S/expanded.txt
-
:save-screen $S/collapsed.txt
<F3>001.001.001.001.003<Enter>
:save-screen $S/jump-code.txt
<F3><C-u>离退休<Enter>
:save-screen $S/jump-name.txt
<F3><Enter>
:save-screen $S/jump-next.txt
<F3><C-u>没有这个组织<Enter>
:save-screen $S/jump-none.txt
<F3><C-u>001.001.001.001.001<Enter>
<Enter>
:save-screen $S/detail.txt
<F5>
:save-screen $S/own.txt
<Esc><Esc>
<Home><Down>
<F6>
:save-screen $S/subtree.txt
<Esc><Home><Left><Left>
:save-screen $S/menu.txt
<F10>
KEYS
run_as dist dist
ok $RC "the district clerk's script runs to F10" || diag_file "$S/dist.err"

row "$S/open.txt" 24 | grep -qE "^ Enter 打开 .* F1 帮助  F10 退出 *$"
ok $? "the tree's many keys leave room for F1 and F10 on the status line at 80x24" ||
    diag "$(row "$S/open.txt" 24)"
row "$S/open.txt" 3 | grep -qF "详细信息" && ! row "$S/open.txt" 3 | grep -qF "…"
ok $? "the tree's line of keys fits 80 columns, uncut" || diag "$(row "$S/open.txt" 3)"
pane "$S/open.txt" | grep -qE '^>\[-\] 黄浦区委  001\.001$'
ok $? "the tree opens on the clerk's district, open, and selected" || diag_file "$S/open.txt"
[ "$(pane "$S/open.txt" | grep -cE '^  +\[[+]\] .*  001\.001\.[0-9]{3}$')" -eq "$kids" ]
ok $? "with its $kids sub-organizations below it, closed" || diag_file "$S/open.txt"
sel=$(selected "$S/expanded.txt")
[[ $sel == *"[-]"*"001.001.001" ]] && pane "$S/expanded.txt" | grep -qE '^ +\[[+]\] .*  001\.001\.001\.001$'
ok $? "Right opens the first committee and shows its general branches" ||
    { diag "selected: $sel"; diag_file "$S/expanded.txt"; }
! pane "$S/collapsed.txt" | grep -qF '001.001.001.001' && [[ $(selected "$S/collapsed.txt") == *"[+]"* ]]
ok $? "- closes it again" || diag_file "$S/collapsed.txt"

[[ $(selected "$S/jump-code.txt") == *"  001.001.001.001.003" ]]
ok $? "F3 001.001.001.001.003 opens the tree down to that branch and selects it" ||
    diag_file "$S/jump-code.txt"
first=$(sql "SELECT name FROM app.org WHERE strpos(name, '离退休') > 0 AND state = 'active' AND code LIKE '001.001.%'
              ORDER BY path_key LIMIT 1")
second=$(sql "SELECT name FROM app.org WHERE strpos(name, '离退休') > 0 AND state = 'active' AND code LIKE '001.001.%'
               ORDER BY path_key LIMIT 1 OFFSET 1")
[[ $(selected "$S/jump-name.txt") == *"$first  "* ]]
ok $? "a name jumps to the first organization containing it ($first)" ||
    diag_file "$S/jump-name.txt"
[[ $(selected "$S/jump-next.txt") == *"$second  "* ]]
ok $? "F3 Enter with the same text goes on to the next one ($second)" ||
    diag_file "$S/jump-next.txt"
has "$S/jump-none.txt" "没有找到名称含“没有这个组织”的组织"
ok $? "a name nothing contains says so" || diag "$(row "$S/jump-none.txt" 24)"

grep -qE "组织代码： +001\.001\.001\.001\.001" "$S/detail.txt" &&
    grep -qE "组织层级： +党支部" "$S/detail.txt" &&
    grep -qE "上级组织： +$(sql "SELECT name FROM app.org WHERE code = '001.001.001.001'")" "$S/detail.txt"
ok $? "Enter opens the details: code, level and parent by name" || diag_file "$S/detail.txt"
grep -qE "状态： +正常" "$S/detail.txt" && ! grep -qE "撤销日期|撤销原因" "$S/detail.txt"
ok $? "an active organization's details have no empty 撤销日期 / 撤销原因" || diag_file "$S/detail.txt"
own=$(sql "SELECT count(*) FROM app.person p JOIN app.org o ON o.id = p.org_id
            WHERE o.code = '001.001.001.001.001' AND p.history_reason IS NULL")
has "$S/own.txt" "共 $own 条" && has "$S/own.txt" "（本组织）"
ok $? "F5 in the details lists the branch's own $own people" || diag_file "$S/own.txt"
sub=$(sql "SELECT count(*) FROM app.person p, app.org o
            WHERE o.code = '001.001.001' AND p.org_key >= o.path_key
              AND p.org_key < app.key_upper(o.path_key) AND p.history_reason IS NULL")
has "$S/subtree.txt" "共 $sub 条" && has "$S/subtree.txt" "（含下级组织）"
ok $? "F6 on the committee lists its whole subtree: $sub people" || diag_file "$S/subtree.txt"
grep -qE '^ > 组织管理 +│' "$S/menu.txt"
ok $? "Left on the closed root gives the keyboard back to the menu" || diag_file "$S/menu.txt"
[ "$(wc -L <"$S/open.txt")" -le 80 ] && row "$S/open.txt" 24 | grep -qF "Enter 打开"
ok $? "80 columns wide, with the tree's keys on the status line" || diag "$(row "$S/open.txt" 24)"

# A branch clerk sees its branch and nothing beside or above it.
printf '<Down><Down><Down><Down><Down><Enter>\n:save-screen %s\n<F10>\n' "$S/br-tree.txt" >"$S/br.keys"
run_as br br
pane "$S/br-tree.txt" | grep -qF "001.001.001.001.001" &&
    ! pane "$S/br-tree.txt" | grep -qE "001\.001\.001\.001\.00[2-9]|  001\.001$"
ok $? "a branch clerk's tree holds only the branch" || diag_file "$S/br-tree.txt"
printf '<Down><Down><Down><Down><Down><Enter>\n<F3>001.001.001.001.002<Enter>\n:save-screen %s\n<F10>\n' \
    "$S/br-jump.txt" >"$S/br.keys"
run_as br br
has "$S/br-jump.txt" "没有找到代码以“001.001.001.001.002”开头的组织"
ok $? "and cannot jump to a sibling branch: not found" || diag "$(row "$S/br-jump.txt" 24)"

# The superuser's tree starts at the city.
printf '<Down><Down><Down><Down><Down><Enter>\n:save-screen %s\n<F10>\n' "$S/su-tree.txt" >"$S/su.keys"
run_script su PGDATABASE="$DB"
pane "$S/su-tree.txt" | grep -qE '^>\[-\] 上海市委  001$'
ok $? "the superuser's tree starts at 上海市委" || diag_file "$S/su-tree.txt"

finish

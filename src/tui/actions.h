#ifndef DJ_TUI_ACTIONS_H
#define DJ_TUI_ACTIONS_H
/*
 * The one list of things a clerk can ask for.  Each entry gives the action's
 * id, its default key, the short Chinese label shown in the key-hint line and
 * the help text of the F1 screen; the enum, the help screen and the default
 * bindings are all generated from it, so a key is never described in two
 * places.  Screens receive actions, not keys (a form that takes text also gets
 * the raw key).  Extra keys for the same action (KEY_ENTER beside Enter,
 * Backspace codes that vary by terminal) are listed in keys.c.
 *
 * X(id, kind, code, label, help): kind is TUI_KEY_FN for a curses KEY_* code
 * and TUI_KEY_CHAR for a character.
 */
#include <curses.h>

#define TUI_ACTIONS(X)                                                                             \
    X(HELP, TUI_KEY_FN, KEY_F(1), "帮助", "显示本帮助：全部按键及其作用")                          \
    X(QUIT, TUI_KEY_FN, KEY_F(10), "退出", "退出系统，终端恢复原样")                               \
    X(OPEN, TUI_KEY_CHAR, '\n', "打开", "打开所选的功能或项目")                                    \
    X(BACK, TUI_KEY_CHAR, 27, "返回", "关闭当前画面，回到上一级")                                  \
    X(FOCUS, TUI_KEY_CHAR, '\t', "切换", "在左侧菜单和主窗口之间切换")                             \
    X(UP, TUI_KEY_FN, KEY_UP, "上移", "选择上一项")                                                \
    X(DOWN, TUI_KEY_FN, KEY_DOWN, "下移", "选择下一项")                                            \
    X(LEFT, TUI_KEY_FN, KEY_LEFT, "菜单", "回到左侧菜单")                                          \
    X(RIGHT, TUI_KEY_FN, KEY_RIGHT, "主窗口", "进入右侧主窗口")                                    \
    X(PAGE_UP, TUI_KEY_FN, KEY_PPAGE, "上页", "向上翻一页")                                        \
    X(PAGE_DOWN, TUI_KEY_FN, KEY_NPAGE, "下页", "向下翻一页")                                      \
    X(HOME, TUI_KEY_FN, KEY_HOME, "首项", "跳到第一项")                                            \
    X(END, TUI_KEY_FN, KEY_END, "末项", "跳到最后一项")                                            \
    X(REDRAW, TUI_KEY_CHAR, 'L' - '@', "重绘", "重新绘制整个屏幕")                                 \
    X(SEARCH, TUI_KEY_FN, KEY_F(3), "查找", "打开列表的查找行（也可按 /），Enter 查找，Esc 取消")  \
    X(TOGGLE, TUI_KEY_CHAR, ' ', "勾选", "勾选或取消勾选列表的当前行（可多选）")                   \
    X(PREV_FIELD, TUI_KEY_FN, KEY_BTAB, "上一项", "表单中回到上一项（Tab 到下一项）")              \
    X(SAVE, TUI_KEY_FN, KEY_F(2), "保存", "检查并保存所填写的内容（确定）")                        \
    X(PREV_STEP, TUI_KEY_FN, KEY_F(7), "上一步", "回到上一步，已填写的内容保留")                   \
    X(NEXT_STEP, TUI_KEY_FN, KEY_F(8), "下一步", "检查本步填写的内容，然后进入下一步")             \
    X(ERASE, TUI_KEY_FN, KEY_BACKSPACE, "退格", "删除输入框中光标前的一个字")                      \
    X(DEL_CHAR, TUI_KEY_FN, KEY_DC, "删字", "删除输入框中光标处的一个字")                          \
    X(CLEAR_FIELD, TUI_KEY_CHAR, 'U' - '@', "清空", "清空当前输入框")                              \
    X(EXPAND, TUI_KEY_CHAR, '+', "展开", "组织树中展开当前组织的下级（也可按 Right 或 Space）")    \
    X(COLLAPSE, TUI_KEY_CHAR, '-', "收起", "组织树中收起当前组织的下级（也可按 Left）")            \
    X(FILTER, TUI_KEY_FN, KEY_F(4), "类别", "党员列表按人员类别筛选：申请人、积极分子……全部")      \
    X(MEMBERS, TUI_KEY_FN, KEY_F(5), "本组织", "列出所选组织本身的人员（不含下级组织）")           \
    X(SUBTREE, TUI_KEY_FN, KEY_F(6), "含下级", "列出所选组织及其全部下级组织的人员")               \
    X(PASSWORD, TUI_KEY_FN, KEY_F(9), "改密码", "修改自己的登录密码")                              \
    X(ADD, TUI_KEY_FN, KEY_IC, "新增", "新增一条（人员或记录）；也可按 a")                         \
    X(EDIT, TUI_KEY_CHAR, 'e', "修改", "修改所选的人员或记录")                                     \
    X(DELETE, TUI_KEY_CHAR, 'd', "删除", "删除所选的记录（先确认）")                               \
    X(DEVELOP, TUI_KEY_CHAR, 'p', "培养发展", "申请人管理：列为积极分子或发展对象（培养发展）")    \
    X(ADMIT, TUI_KEY_CHAR, 'x', "吸收", "申请人管理：把勾选的发展对象吸收为预备党员")              \
    X(CONFIRM, TUI_KEY_CHAR, 'z', "转正", "党员管理：预备党员转正")                                \
    X(EXTEND, TUI_KEY_CHAR, 'y', "延长预备期", "党员管理：延长预备党员的预备期（只能一次）")       \
    X(CANCEL_PROB, TUI_KEY_CHAR, 'q', "取消资格", "党员管理：取消预备党员资格")                    \
    X(LEAVE, TUI_KEY_CHAR, 'c', "出党", "党员管理：党员出党（除名、退党、开除……）")                \
    X(DEATH, TUI_KEY_CHAR, 's', "死亡", "党员管理：党员死亡")                                      \
    X(SUSPEND, TUI_KEY_CHAR, 't', "停止党籍", "党员管理：停止党籍")                                \
    X(RESTORE, TUI_KEY_CHAR, 'h', "恢复", "历史党员：恢复为党员（仅管理员，须填写原因）")          \
    X(REMIND, TUI_KEY_CHAR, 'r', "提醒", "显示到期提醒：谈话、预备期、审批……")

enum tui_action {
    TUI_A_NONE = 0,
#define TUI_ACTION_ENUM(id, kind, code, label, help) TUI_A_##id,
    TUI_ACTIONS(TUI_ACTION_ENUM)
#undef TUI_ACTION_ENUM
        TUI_A_COUNT
};

struct tui_action_info {
    enum tui_action id;
    const char *name; /* the id as text, for logs and a future key-binding file */
    const char *label;
    const char *help;
};

/* The entry for an action; NULL for TUI_A_NONE or out of range. */
const struct tui_action_info *tui_action_info(enum tui_action a);

#endif

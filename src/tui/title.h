#ifndef DJ_TUI_TITLE_H
#define DJ_TUI_TITLE_H
/*
 * Row 0: the system's name on the left; on the right the signed-in clerk and
 * their organization once there is a login (empty until then).
 */
#include <curses.h>

#define TUI_SYSTEM_NAME "党员党组织管理信息系统"

struct tui_title {
    char clerk[64];
    char org[128];
};

/* Sets the clerk and organization shown on the right; NULL or "" hides one. */
void tui_title_set(struct tui_title *t, const char *clerk, const char *org);

void tui_title_draw(const struct tui_title *t, WINDOW *w);

#endif

#ifndef DJ_TUI_WIDGET_DEMO_H
#define DJ_TUI_WIDGET_DEMO_H
/*
 * A screen that shows the shared widgets on made-up data, for the UI tests
 * (tests/tui/widgets.t): tabs, a list of Chinese names with check boxes,
 * search and row count, a confirmation, and a two-step wizard whose save
 * fails for the name 重名 (as a database refusal would) and succeeds
 * otherwise.  It exists only in script mode with DANGJIAN_WIDGET_DEMO=1;
 * a clerk never sees it.
 *
 * The loop opens it on top of the home screen after signing in:
 *     const struct tui_screen_ops *demo = tui_widget_demo();
 *     if (demo) pane_push(app, demo, NULL, FOCUS_MENU);
 */
#include "tui/screen.h"

/* The demo's screen when DANGJIAN_SCRIPT and DANGJIAN_WIDGET_DEMO=1 are both
 * set, else NULL. */
const struct tui_screen_ops *tui_widget_demo(void);

extern const struct tui_screen_ops tui_widget_demo_ops;

#endif

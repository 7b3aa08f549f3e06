/*
 * The shell and its one input loop: draw everything (wnoutrefresh, then one
 * doupdate), wait for an event, hand it to the screen with the keyboard, and
 * carry out what the screen's result asks.  KEY_RESIZE arrives here as an
 * event like any key; nothing curses runs in a signal handler.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/dump.h"
#include "tui/help.h"
#include "tui/input.h"
#include "log.h"
#include "tui/clerk_screens.h"
#include "tui/layout.h"
#include "tui/login.h"
#include "tui/menu.h"
#include "tui/pager.h"
#include "tui/screen.h"
#include "tui/session.h"
#include "tui/statusbar.h"
#include "tui/term.h"
#include "tui/theme.h"
#include "tui/title.h"
#include "tui/widget_demo.h"
#include "tui/tui.h"

#define STACK_MAX 16

enum focus { FOCUS_MENU, FOCUS_PANE };

struct pane_entry {
    struct tui_screen screen;
    enum focus back; /* where the keyboard goes when this screen closes */
};

struct app {
    const struct dj_config *cfg;
    struct tui_term term;
    struct tui_input input;
    struct tui_layout lay;
    struct tui_title title;
    struct tui_status status;
    struct tui_screen menu;
    struct pane_entry stack[STACK_MAX]; /* stack[0] is the home screen */
    int depth;
    enum focus focus;
    struct tui_session session;
    bool quit;
    struct tui_help_arg help; /* what F1 describes: the screen it was pressed on */
    char err[1024];           /* why the loop failed, printed after the terminal is restored */
};

void tui_ctx_open(struct tui_ctx *ctx, const struct tui_screen_ops *ops, const void *arg)
{
    ctx->open_ops = ops;
    ctx->open_arg = arg;
}

void tui_ctx_message(struct tui_ctx *ctx, enum tui_msg_kind kind, const char *text)
{
    ctx->msg_kind = kind;
    snprintf(ctx->msg, sizeof ctx->msg, "%s", text ? text : "");
}

static int screen_open(struct tui_screen *s, const struct tui_screen_ops *ops, const void *arg,
                       struct tui_ctx *ctx)
{
    memset(s, 0, sizeof *s);
    s->ops = ops;
    if (ops->open && ops->open(s, arg, ctx) < 0) {
        if (ops->close)
            ops->close(s);
        return -1;
    }
    return 0;
}

static void screen_close(struct tui_screen *s)
{
    if (s->ops && s->ops->close)
        s->ops->close(s);
    s->ops = NULL;
}

static struct tui_screen *pane_top(struct app *app)
{
    return &app->stack[app->depth - 1].screen;
}

static struct tui_screen *focused(struct app *app)
{
    return app->focus == FOCUS_MENU ? &app->menu : pane_top(app);
}

static void pane_push(struct app *app, const struct tui_screen_ops *ops, const void *arg,
                      enum focus back)
{
    struct tui_ctx ctx = {0};
    if (app->depth == STACK_MAX) {
        tui_status_set(&app->status, TUI_MSG_ERROR, "打开的画面太多，请先按 Esc 关闭一些");
        return;
    }
    struct pane_entry *e = &app->stack[app->depth];
    if (screen_open(&e->screen, ops, arg, &ctx) < 0) {
        tui_status_set(&app->status, TUI_MSG_ERROR, ctx.msg[0] ? ctx.msg : "无法打开该画面");
        return;
    }
    e->back = back;
    app->depth++;
    app->focus = FOCUS_PANE;
}

/* Closes the top screen of the pane; the home screen is never closed. */
static void pane_pop(struct app *app)
{
    if (app->depth <= 1) {
        app->focus = FOCUS_MENU;
        return;
    }
    struct pane_entry *e = &app->stack[--app->depth];
    screen_close(&e->screen);
    app->focus = e->back;
    struct tui_screen *below = pane_top(app);
    if (below->ops && below->ops->resume) {
        struct tui_ctx ctx = {0};
        below->ops->resume(below, &ctx);
        if (ctx.msg_kind != TUI_MSG_NONE)
            tui_status_set(&app->status, ctx.msg_kind, ctx.msg);
    }
}

/* Global keys: what happens when the focused screen ignored the action. */
static unsigned global_action(struct app *app, enum tui_action a)
{
    switch (a) {
    case TUI_A_HELP:
        if (pane_top(app)->ops != &tui_help_ops) {
            /* That screen stays open beneath the help, so its hints do too. */
            const struct tui_screen *fs = focused(app);
            app->help.title = fs == &app->menu ? "菜单" : fs->title[0] ? fs->title : NULL;
            app->help.hints = fs->hints ? fs->hints : fs->ops->hints;
            pane_push(app, &tui_help_ops, &app->help, app->focus);
        }
        app->focus = FOCUS_PANE;
        return TUI_R_HANDLED;
    case TUI_A_QUIT:
        return TUI_R_QUIT;
    case TUI_A_PASSWORD:
        if (pane_top(app)->ops != &tui_password_change_ops)
            pane_push(app, &tui_password_change_ops, NULL, app->focus);
        app->focus = FOCUS_PANE;
        return TUI_R_HANDLED;
    case TUI_A_FOCUS:
        return app->focus == FOCUS_MENU ? TUI_R_FOCUS_PANE : TUI_R_FOCUS_MENU;
    case TUI_A_LEFT:
        return TUI_R_FOCUS_MENU;
    case TUI_A_RIGHT:
        return TUI_R_FOCUS_PANE;
    case TUI_A_BACK:
        return app->focus == FOCUS_PANE && app->depth > 1 ? TUI_R_CLOSE : TUI_R_FOCUS_MENU;
    case TUI_A_REDRAW:
        clearok(curscr, TRUE);
        return TUI_R_HANDLED;
    default:
        return TUI_R_IGNORED;
    }
}

static void handle_key(struct app *app, const struct tui_key *key)
{
    enum tui_action a = tui_key_action(key);
    tui_status_clear(&app->status);
    if (app->lay.too_small) {
        /* Only leaving and redrawing make sense on a screen we cannot draw. */
        if (a == TUI_A_QUIT)
            app->quit = true;
        else if (a == TUI_A_REDRAW)
            clearok(curscr, TRUE);
        return;
    }
    struct tui_ctx ctx = {0};
    struct tui_screen *s = focused(app);
    bool from_menu = s == &app->menu;
    unsigned r = s->ops->handle ? s->ops->handle(s, a, key, &ctx) : TUI_R_IGNORED;
    if (r == TUI_R_IGNORED)
        r = global_action(app, a);
    /* A pane with nothing to move through (a function not built yet, the
     * welcome) lets Up and Down choose the next function in the menu. */
    const struct tui_screen_ops *top = pane_top(app)->ops;
    if (r == TUI_R_IGNORED && !from_menu && (a == TUI_A_UP || a == TUI_A_DOWN) &&
        (top == &tui_placeholder_ops || top == &tui_home_ops)) {
        app->focus = FOCUS_MENU;
        s = &app->menu;
        from_menu = true;
        r = s->ops->handle(s, a, key, &ctx);
    }

    if (r & TUI_R_CLOSE && !from_menu)
        pane_pop(app);
    if (ctx.open_ops) {
        if (from_menu) /* a new function replaces the one shown */
            while (app->depth > 1)
                pane_pop(app);
        pane_push(app, ctx.open_ops, ctx.open_arg, from_menu ? FOCUS_MENU : FOCUS_PANE);
    }
    if (r & TUI_R_FOCUS_MENU)
        app->focus = FOCUS_MENU;
    if (r & TUI_R_FOCUS_PANE)
        app->focus = FOCUS_PANE;
    if (r & TUI_R_QUIT)
        app->quit = true;
    if (ctx.msg_kind != TUI_MSG_NONE)
        tui_status_set(&app->status, ctx.msg_kind, ctx.msg);
}

static void draw(struct app *app)
{
    /* stdscr lies under the windows; refreshing it first keeps it from being
     * painted over them later (wget_wch refreshes a touched stdscr). */
    if (app->lay.too_small) {
        tui_layout_draw_too_small(&app->lay);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    wnoutrefresh(stdscr);
    struct tui_layout *lay = &app->lay;
    werase(lay->title);
    tui_title_draw(&app->title, lay->title);
    werase(lay->menu);
    app->menu.ops->draw(&app->menu, lay->menu, app->focus == FOCUS_MENU);
    werase(lay->pane);
    struct tui_screen *top = pane_top(app);
    top->ops->draw(top, lay->pane, app->focus == FOCUS_PANE);
    werase(lay->status);
    const struct tui_screen *fs = focused(app);
    tui_status_draw(&app->status, lay->status, fs->hints ? fs->hints : fs->ops->hints);
    wnoutrefresh(lay->title);
    wnoutrefresh(lay->menu);
    wnoutrefresh(lay->pane);
    wnoutrefresh(lay->status);
    doupdate();
}

static int relayout(struct app *app)
{
    if (tui_layout_build(&app->lay, tui_menu_width()) < 0) {
        snprintf(app->err, sizeof app->err, "无法建立 %dx%d 的窗口", COLS, LINES);
        return -1;
    }
    werase(stdscr);
    return 0;
}

/* A message a screen left while drawing (a fetch that failed) replaces the
 * hints, and the screen is drawn again with it. */
static void take_note(struct app *app)
{
    char note[256];
    bool is_error;
    if (!tui_session_take_note(note, sizeof note, &is_error))
        return;
    /* A server's notice does not hide the error of the same action. */
    if (!is_error && app->status.kind == TUI_MSG_ERROR)
        return;
    tui_status_set(&app->status, is_error ? TUI_MSG_ERROR : TUI_MSG_SUCCESS, note);
    draw(app);
}

/* Script mode's :save-stats: what the list on screen fetched and held. */
static int save_stats(const char *path, char *err, size_t errlen)
{
    const struct tui_pager_stats *st = tui_session_stats();
    if (st == NULL) {
        snprintf(err, errlen, ":save-stats：当前画面没有列表 (no list on screen)");
        return -1;
    }
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        snprintf(err, errlen, "无法写入 %.200s：%s", path, strerror(errno));
        return -1;
    }
    fprintf(fp,
            "fetches %ld\nrows_fetched %ld\nmin_limit %d\nmax_limit %d\nmax_returned %d\n"
            "max_pages_held %d\nmax_rows_held %d\n",
            st->fetches, st->rows_fetched, st->min_limit, st->max_limit, st->max_returned,
            st->max_pages_held, st->max_rows_held);
    if (fclose(fp) != 0) {
        snprintf(err, errlen, "无法写入 %.200s：%s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int loop(struct app *app)
{
    while (!app->quit) {
        draw(app);
        take_note(app);
        struct tui_event ev;
        tui_input_next(&app->input, &ev);
        switch (ev.kind) {
        case TUI_EV_KEY:
            handle_key(app, &ev.key);
            break;
        case TUI_EV_RESIZE:
            if (relayout(app) < 0)
                return 1;
            break;
        case TUI_EV_SET_SIZE:
            if (tui_term_resize(&app->term, ev.cols, ev.rows) < 0) {
                snprintf(app->err, sizeof app->err, "无法把虚拟终端改为 %dx%d", ev.cols, ev.rows);
                return 1;
            }
            if (relayout(app) < 0)
                return 1;
            break;
        case TUI_EV_SAVE_SCREEN:
            if (tui_dump_screen(ev.path, app->err, sizeof app->err) < 0)
                return 1;
            break;
        case TUI_EV_SAVE_STATS:
            if (save_stats(ev.path, app->err, sizeof app->err) < 0)
                return 1;
            break;
        case TUI_EV_WAIT:
            break;
        case TUI_EV_END:
            return 0;
        case TUI_EV_ERROR:
            snprintf(app->err, sizeof app->err, "%s", ev.error);
            return 1;
        }
    }
    return 0;
}

static int start(struct app *app)
{
    struct tui_ctx ctx = {0};
    if (screen_open(&app->menu, &tui_menu_ops, NULL, &ctx) < 0 ||
        screen_open(&app->stack[0].screen, &tui_home_ops, NULL, &ctx) < 0) {
        snprintf(app->err, sizeof app->err, "%s", ctx.msg);
        return -1;
    }
    app->stack[0].back = FOCUS_MENU;
    app->depth = 1;
    app->focus = FOCUS_MENU;
    tui_title_set(&app->title, app->session.clerk_label, app->session.org_label);
    /* The widgets' test screen (script mode with DANGJIAN_WIDGET_DEMO=1 only). */
    const struct tui_screen_ops *demo = tui_widget_demo();
    if (demo)
        pane_push(app, demo, NULL, FOCUS_MENU);
    return relayout(app);
}

/* Signs in, learns who the clerk is, and makes a first-time clerk choose a
 * password.  Returns 0 (signed in), 1 (the clerk gave up: leave quietly) or
 * -1 (app->err says why). */
static int sign_in(struct app *app)
{
    struct tui_session *s = &app->session;
    enum tui_login_result r =
        tui_login(app->cfg, &app->term, &app->input, &s->db, app->err, sizeof app->err);
    if (r != TUI_LOGIN_OK)
        return r == TUI_LOGIN_CANCELLED ? 1 : -1;
    struct dj_db_error e;
    if (dj_clerk_info_load(s->db, &s->who, &e) < 0) {
        snprintf(app->err, sizeof app->err, "无法读取登录用户的信息：%s", e.message);
        return -1;
    }
    if (s->who.is_clerk && !s->who.disabled && s->who.must_change_password) {
        r = tui_login_change_password(s->db, s->who.login, &app->term, &app->input, app->err,
                                      sizeof app->err);
        if (r != TUI_LOGIN_OK)
            return r == TUI_LOGIN_CANCELLED ? 1 : -1;
        s->who.must_change_password = false;
        tui_status_set(&app->status, TUI_MSG_SUCCESS, "密码修改成功！");
    }
    dj_log("界面登录：%s（%s）", s->who.login,
           s->who.superuser  ? "超级用户"
           : s->who.is_clerk ? s->who.level
                             : "非操作员");
    tui_session_describe(s);
    tui_session_set(s);
    return 0;
}

static void stop(struct app *app)
{
    while (app->depth > 0)
        screen_close(&app->stack[--app->depth].screen);
    screen_close(&app->menu);
    tui_layout_free(&app->lay);
}

int tui_run(const struct dj_config *cfg)
{
    /* Large (the stack holds screens); one per process, so not on the stack. */
    static struct app app;
    memset(&app, 0, sizeof app);
    app.cfg = cfg;

    setlocale(LC_ALL, "");
    if (tui_term_check_locale(app.err, sizeof app.err) < 0) {
        fprintf(stderr, "dangjian: %s\n", app.err);
        return 1;
    }
    const char *script = getenv("DANGJIAN_SCRIPT");
    if (script && *script == '\0')
        script = NULL;
    if (tui_input_open(&app.input, script, app.err, sizeof app.err) < 0) {
        fprintf(stderr, "dangjian: %s\n", app.err);
        return 1;
    }
    if (tui_term_open(&app.term, script != NULL, app.err, sizeof app.err) < 0) {
        tui_input_close(&app.input);
        fprintf(stderr, "dangjian: %s\n", app.err);
        return 1;
    }
    tui_theme_init();
    int rc = sign_in(&app);
    if (rc == 0)
        rc = start(&app) < 0 ? 1 : loop(&app);
    else
        rc = rc > 0 ? 0 : 1;
    stop(&app);
    tui_session_set(NULL);
    dj_db_close(app.session.db);
    tui_term_close(&app.term);
    tui_input_close(&app.input);
    if (rc != 0)
        fprintf(stderr, "dangjian: %s\n", app.err[0] ? app.err : "界面出错 (UI failed)");
    return rc;
}

/*
 * 修改密码 (F9 from anywhere): the new password twice, never drawn, hashed on
 * the client and sent to app.change_my_password (db/clerk_info.h).  Success
 * closes the screen with the blue bar; a refusal stays, in red, with the
 * fields emptied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/clerk_info.h"
#include "tui/clerk_screens.h"
#include "tui/draw.h"
#include "tui/login.h"
#include "tui/screen.h"
#include "tui/session.h"

#define SECRET     256
#define X_LABEL    2
#define X_FIELD    14
#define FIELD_COLS 30

struct pwchange {
    char pw[2][SECRET];
    int cur;
    char msg[256];
};

static void wipe(struct pwchange *p)
{
    explicit_bzero(p->pw[0], sizeof p->pw[0]);
    explicit_bzero(p->pw[1], sizeof p->pw[1]);
}

static int pw_open(struct tui_screen *s, const void *arg, struct tui_ctx *ctx)
{
    (void)arg;
    struct pwchange *p = calloc(1, sizeof *p);
    if (p == NULL) {
        tui_ctx_message(ctx, TUI_MSG_ERROR, "内存不足，无法打开修改密码");
        return -1;
    }
    snprintf(s->title, sizeof s->title, "%s", "修改密码");
    s->data = p;
    return 0;
}

static void pw_draw(struct tui_screen *s, WINDOW *win, bool focused)
{
    struct pwchange *p = s->data;
    int cols = getmaxx(win);
    const struct tui_session *ses = tui_session();
    char who[160];
    snprintf(who, sizeof who, "用户名：%s", ses ? ses->who.login : "");
    tui_draw_text(win, 1, X_LABEL, cols - X_LABEL, TUI_ROLE_HEADING, "修改密码");
    tui_draw_text(win, 3, X_LABEL, cols - X_LABEL, TUI_ROLE_NORMAL, who);
    static const char *const labels[2] = {"新密码：", "再输一次："};
    for (int i = 0; i < 2; i++) {
        int y = 5 + i * 2;
        bool active = focused && i == p->cur;
        tui_draw_text(win, y, X_LABEL - 2, 1, TUI_ROLE_NORMAL, i == p->cur ? ">" : " ");
        tui_draw_text(win, y, X_LABEL, X_FIELD - X_LABEL, TUI_ROLE_NORMAL, labels[i]);
        tui_draw_field(win, y, X_FIELD, FIELD_COLS,
                       active ? TUI_ROLE_MENU_SEL : TUI_ROLE_MENU_SEL_IDLE, "");
    }
    tui_draw_text(win, 10, X_LABEL, cols - X_LABEL, TUI_ROLE_NORMAL,
                  "至少 8 个字符；输入的密码不在屏幕上显示。");
    char line[160], save[16], open[16];
    struct tui_key k1 = tui_action_key(TUI_A_SAVE), k2 = tui_action_key(TUI_A_OPEN);
    snprintf(line, sizeof line, "填好后按 %s 或 %s 保存，Esc 放弃。",
             tui_key_name(&k2, open, sizeof open), tui_key_name(&k1, save, sizeof save));
    tui_draw_text(win, 11, X_LABEL, cols - X_LABEL, TUI_ROLE_NORMAL, line);
    if (p->msg[0])
        tui_draw_text(win, 13, X_LABEL, cols - X_LABEL, TUI_ROLE_ERROR, p->msg);
}

static unsigned save(struct pwchange *p, struct tui_ctx *ctx)
{
    struct tui_session *ses = tui_session();
    const char *problem = tui_password_problem(ses ? ses->who.login : NULL, p->pw[0], p->pw[1]);
    if (problem) {
        snprintf(p->msg, sizeof p->msg, "%s", problem);
        wipe(p);
        p->cur = 0;
        return TUI_R_HANDLED;
    }
    struct dj_db_error err;
    int rc = dj_clerk_change_password(tui_session_db(), p->pw[0], &err);
    wipe(p);
    p->cur = 0;
    if (rc == 0) {
        tui_ctx_message(ctx, TUI_MSG_SUCCESS, "密码修改成功！");
        return TUI_R_CLOSE;
    }
    tui_session_fail(&err, p->msg, sizeof p->msg);
    return TUI_R_HANDLED;
}

static unsigned pw_handle(struct tui_screen *s, enum tui_action action, const struct tui_key *key,
                          struct tui_ctx *ctx)
{
    struct pwchange *p = s->data;
    if (key && key->kind == TUI_KEY_CHAR && key->code >= 0x20 && key->code != 0x7f) {
        p->msg[0] = '\0';
        tui_secret_append(p->pw[p->cur], SECRET, key->code);
        return TUI_R_HANDLED;
    }
    if (key && tui_secret_key(p->pw[p->cur], SECRET, key))
        return TUI_R_HANDLED;
    switch (action) {
    case TUI_A_OPEN:
        if (p->cur == 0) {
            p->cur = 1;
            return TUI_R_HANDLED;
        }
        return save(p, ctx);
    case TUI_A_SAVE:
        return save(p, ctx);
    case TUI_A_UP:
    case TUI_A_DOWN:
    case TUI_A_FOCUS:
    case TUI_A_PREV_FIELD:
        p->cur = 1 - p->cur;
        return TUI_R_HANDLED;
    case TUI_A_BACK:
        return TUI_R_CLOSE;
    default:
        return TUI_R_IGNORED;
    }
}

static void pw_close(struct tui_screen *s)
{
    if (s->data)
        wipe(s->data);
    free(s->data);
    s->data = NULL;
}

static const enum tui_action pw_hints[] = {TUI_A_SAVE, TUI_A_BACK, TUI_A_NONE};

const struct tui_screen_ops tui_password_change_ops = {
    .name = "password_change",
    .open = pw_open,
    .draw = pw_draw,
    .handle = pw_handle,
    .close = pw_close,
    .hints = pw_hints,
};

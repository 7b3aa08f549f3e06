/* The login form and the forced first password change (contract: login.h). */
#include "tui/login.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "db/clerk_info.h"
#include "db/user.h"
#include "log.h"
#include "tui/draw.h"
#include "tui/dump.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/session.h"
#include "tui/theme.h"
#include "tui/title.h"
#include "tui/width.h"

#define FIELD_MAX   3
#define FIELD_BYTES 256
#define BOX_COLS    56
#define LABEL_COLS  12

struct field {
    const char *label;
    bool secret; /* nothing typed is ever drawn */
    char value[FIELD_BYTES];
};

/* A small modal form drawn on the whole screen: a few fields, one message. */
struct modal {
    const char *heading;
    const char *intro;  /* a line above the fields */
    const char *submit; /* what Enter on the last field does: 登录, 确定 */
    struct field f[FIELD_MAX];
    int n, cur;
    char msg[600];
    bool msg_error;
};

enum modal_result { MODAL_SUBMIT, MODAL_CANCEL, MODAL_FAILED };

static void wipe_fields(struct modal *m)
{
    for (int i = 0; i < m->n; i++)
        if (m->f[i].secret)
            explicit_bzero(m->f[i].value, sizeof m->f[i].value);
}

static void set_msg(struct modal *m, bool error, const char *text)
{
    m->msg_error = error;
    snprintf(m->msg, sizeof m->msg, "%s", text ? text : "");
}

/* ---- drawing -------------------------------------------------------------- */

static const char *key_of(enum tui_action a, char *buf, size_t len)
{
    struct tui_key k = tui_action_key(a);
    return tui_key_name(&k, buf, len);
}

static void draw_hints(const struct modal *m, int y)
{
    char open[16], focus[16], back[16], line[160];
    snprintf(line, sizeof line, " %s %s   %s 切换输入框   %s 退出", key_of(TUI_A_OPEN, open, 16),
             m->submit, key_of(TUI_A_FOCUS, focus, 16), key_of(TUI_A_BACK, back, 16));
    tui_draw_row(stdscr, y, TUI_ROLE_HINT);
    tui_draw_text(stdscr, y, 0, COLS, TUI_ROLE_HINT, line);
}

static void draw_box(int top, int left, int rows, int cols)
{
    wattrset(stdscr, (int)tui_role_attr(TUI_ROLE_BORDER));
    mvwhline(stdscr, top, left + 1, ACS_HLINE, cols - 2);
    mvwhline(stdscr, top + rows - 1, left + 1, ACS_HLINE, cols - 2);
    mvwvline(stdscr, top + 1, left, ACS_VLINE, rows - 2);
    mvwvline(stdscr, top + 1, left + cols - 1, ACS_VLINE, rows - 2);
    mvwaddch(stdscr, top, left, ACS_ULCORNER);
    mvwaddch(stdscr, top, left + cols - 1, ACS_URCORNER);
    mvwaddch(stdscr, top + rows - 1, left, ACS_LLCORNER);
    mvwaddch(stdscr, top + rows - 1, left + cols - 1, ACS_LRCORNER);
    wattrset(stdscr, A_NORMAL);
}

static void modal_draw(const struct modal *m)
{
    werase(stdscr);
    if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
        struct tui_layout lay = {.cols = COLS, .rows = LINES, .too_small = true};
        tui_layout_draw_too_small(&lay);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    tui_draw_row(stdscr, 0, TUI_ROLE_TITLE);
    tui_draw_text(stdscr, 0, 1, COLS - 1, TUI_ROLE_TITLE, TUI_SYSTEM_NAME);

    int rows = 7 + m->n * 2, cols = BOX_COLS;
    int top = (LINES - rows) / 2, left = (COLS - cols) / 2;
    draw_box(top, left, rows, cols);
    char heading[64];
    snprintf(heading, sizeof heading, " %s ", m->heading);
    int hw = tui_width(heading);
    tui_draw_text(stdscr, top, left + (cols - hw) / 2, hw, TUI_ROLE_HEADING, heading);
    tui_draw_text(stdscr, top + 2, left + 3, cols - 6, TUI_ROLE_NORMAL, m->intro);

    int cur_y = 0, cur_x = 0;
    int fx = left + 3 + LABEL_COLS, fw = cols - 6 - LABEL_COLS;
    for (int i = 0; i < m->n; i++) {
        int y = top + 4 + i * 2;
        bool active = i == m->cur;
        tui_draw_text(stdscr, y, left + 1, 2, TUI_ROLE_NORMAL, active ? ">" : " ");
        tui_draw_text(stdscr, y, left + 3, LABEL_COLS, TUI_ROLE_NORMAL, m->f[i].label);
        enum tui_role role = active ? TUI_ROLE_MENU_SEL : TUI_ROLE_MENU_SEL_IDLE;
        const char *shown = m->f[i].secret ? "" : m->f[i].value;
        /* The end of a long name stays in view, as in any one-line editor. */
        const char *from = shown;
        while (tui_width(from) > fw - 1) {
            wchar_t wc;
            int w;
            from += tui_width_next(from, strlen(from), &wc, &w);
        }
        tui_draw_field(stdscr, y, fx, fw, role, from);
        if (active) {
            cur_y = y;
            cur_x = fx + tui_width(from);
        }
    }
    char footer[96];
    snprintf(footer, sizeof footer, "%s",
             m->n > 1 && m->f[m->n - 1].secret ? "（输入的密码不在屏幕上显示）" : "");
    tui_draw_text(stdscr, top + rows - 2, left + 3, cols - 6, TUI_ROLE_NORMAL, footer);

    if (m->msg[0]) {
        enum tui_role r = m->msg_error ? TUI_ROLE_ERROR : TUI_ROLE_NORMAL;
        int w = tui_width(m->msg);
        int x = w < COLS - 2 ? (COLS - w) / 2 : 1;
        if (m->msg_error)
            tui_draw_field(stdscr, top + rows + 1, x - 1, w + 2, r, "");
        tui_draw_text(stdscr, top + rows + 1, x, COLS - x - 1, r, m->msg);
    }
    draw_hints(m, LINES - 1);
    wmove(stdscr, cur_y, cur_x);
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- editing -------------------------------------------------------------- */

void tui_secret_append(char *buf, size_t size, int code)
{
    char mb[MB_LEN_MAX];
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t n = wcrtomb(mb, (wchar_t)code, &st);
    size_t len = strlen(buf);
    if (n == (size_t)-1 || len + n >= size)
        return;
    memcpy(buf + len, mb, n);
    buf[len + n] = '\0';
    explicit_bzero(mb, sizeof mb);
}

void tui_secret_backspace(char *buf, size_t size)
{
    size_t len = strlen(buf);
    while (len > 0 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
        len--;
    if (len > 0)
        len--;
    explicit_bzero(buf + len, size - len);
}

bool tui_secret_key(char *buf, size_t size, const struct tui_key *k)
{
    if ((k->kind == TUI_KEY_FN && k->code == KEY_BACKSPACE) ||
        (k->kind == TUI_KEY_CHAR && (k->code == 127 || k->code == 8))) {
        tui_secret_backspace(buf, size);
        return true;
    }
    if (k->kind == TUI_KEY_CHAR && k->code == 'U' - '@') { /* Ctrl-U clears, as a tty does */
        explicit_bzero(buf, size);
        return true;
    }
    if (k->kind == TUI_KEY_CHAR && k->code >= 0x20 && k->code != 0x7f) {
        tui_secret_append(buf, size, k->code);
        return true;
    }
    return false;
}

/* One key.  Returns -1 to go on, else a modal_result. */
static int modal_key(struct modal *m, const struct tui_key *k)
{
    enum tui_action a = tui_key_action(k);
    struct field *f = &m->f[m->cur];
    /* Space, '+' and '/' are text here, whatever else they are bound to. */
    if (k->kind == TUI_KEY_CHAR && k->code >= 0x20 && k->code != 0x7f) {
        tui_secret_append(f->value, sizeof f->value, k->code);
        return -1;
    }
    if (tui_secret_key(f->value, sizeof f->value, k))
        return -1;
    switch (a) {
    case TUI_A_QUIT:
    case TUI_A_BACK:
        return MODAL_CANCEL;
    case TUI_A_OPEN:
        if (m->cur < m->n - 1) {
            m->cur++;
            return -1;
        }
        return MODAL_SUBMIT;
    case TUI_A_FOCUS:
    case TUI_A_DOWN:
        m->cur = (m->cur + 1) % m->n;
        return -1;
    case TUI_A_UP:
        m->cur = (m->cur + m->n - 1) % m->n;
        return -1;
    case TUI_A_REDRAW:
        clearok(curscr, TRUE);
        return -1;
    default:
        return -1;
    }
}

static enum modal_result modal_run(struct modal *m, struct tui_term *term, struct tui_input *in,
                                   char *err, size_t errlen)
{
    curs_set(1);
    for (;;) {
        modal_draw(m);
        struct tui_event ev;
        tui_input_next(in, &ev);
        switch (ev.kind) {
        case TUI_EV_KEY:
            if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
                if (tui_key_action(&ev.key) == TUI_A_QUIT)
                    return MODAL_CANCEL;
                break;
            }
            if (m->msg_error) /* a message stays until the clerk types again */
                set_msg(m, false, "");
            int r = modal_key(m, &ev.key);
            if (r >= 0) {
                curs_set(0);
                return (enum modal_result)r;
            }
            break;
        case TUI_EV_RESIZE:
        case TUI_EV_WAIT:
        case TUI_EV_SAVE_STATS: /* no list here: nothing to count */
            break;
        case TUI_EV_SET_SIZE:
            if (tui_term_resize(term, ev.cols, ev.rows) < 0) {
                snprintf(err, errlen, "无法把虚拟终端改为 %dx%d", ev.cols, ev.rows);
                return MODAL_FAILED;
            }
            break;
        case TUI_EV_SAVE_SCREEN:
            if (tui_dump_screen(ev.path, err, errlen) < 0)
                return MODAL_FAILED;
            break;
        case TUI_EV_END:
            curs_set(0);
            return MODAL_CANCEL;
        case TUI_EV_ERROR:
            snprintf(err, errlen, "%s", ev.error);
            return MODAL_FAILED;
        }
    }
}

/* ---- login ---------------------------------------------------------------- */

/* A NOTICE or WARNING from the server goes to the status line (a warning in
 * red); the log has the whole text (db/conn.c). */
static void status_notice(void *ctx, const char *severity, const char *message)
{
    (void)ctx;
    char text[256];
    snprintf(text, sizeof text, "数据库提示：%s", message);
    tui_session_note(text, strcmp(severity, "WARNING") == 0);
}

/* The password the clerk typed, handed to dj_db_connect once: a second call
 * means the server refused it. */
struct typed {
    const char *password;
    bool given;
};

static int give_password(void *ctx, const char *user, bool again, char *buf, size_t buflen)
{
    (void)user;
    (void)again;
    struct typed *t = ctx;
    if (t->given || t->password == NULL)
        return -1;
    t->given = true;
    snprintf(buf, buflen, "%s", t->password);
    return 0;
}

/* The user libpq was told to use (the config file, then PGUSER); NULL if none. */
static const char *configured_user(const struct dj_config *cfg)
{
    for (size_t i = 0; i < cfg->conn_count; i++)
        if (strcmp(cfg->conn_keys[i], "user") == 0)
            return cfg->conn_vals[i];
    const char *env = getenv("PGUSER");
    return env && *env ? env : NULL;
}

/* cfg with user=name in place of any user it had. */
static int with_user(const struct dj_config *cfg, const char *name, struct dj_config *out)
{
    *out = *cfg;
    for (size_t i = 0; i < out->conn_count; i++)
        if (strcmp(out->conn_keys[i], "user") == 0) {
            out->conn_vals[i] = name;
            return 0;
        }
    if (out->conn_count >= DJ_CONN_MAX)
        return -1;
    out->conn_keys[out->conn_count] = "user";
    out->conn_vals[out->conn_count] = name;
    out->conn_count++;
    out->conn_keys[out->conn_count] = NULL;
    out->conn_vals[out->conn_count] = NULL;
    return 0;
}

/* Whether a failed connection is one the form can help with. */
static bool form_can_help(const struct dj_db_error *e)
{
    return e->kind == DJ_DB_ERR_PASSWORD || e->kind == DJ_DB_ERR_NO_PASSWORD ||
           (e->kind == DJ_DB_ERR_CONNECT &&
            (strncmp(e->sqlstate, "28", 2) == 0 || strcmp(e->sqlstate, "42501") == 0));
}

static const char *login_message(const struct dj_db_error *e)
{
    if (e->kind == DJ_DB_ERR_PASSWORD || e->kind == DJ_DB_ERR_NO_PASSWORD)
        return "用户名或密码错误，请重新输入";
    if (strcmp(e->sqlstate, "42501") == 0) /* no CONNECT on the database */
        return "该用户不是本系统的操作员，不能登录";
    return e->message;
}

enum tui_login_result tui_login(const struct dj_config *cfg, struct tui_term *term,
                                struct tui_input *in, struct dj_db **db, char *err, size_t errlen)
{
    struct modal m = {
        .heading = "用户登录",
        .intro = "请输入用户名和密码。",
        .submit = "登录",
        .f = {{.label = "用户名："}, {.label = "密　码：", .secret = true}},
        .n = 2,
    };
    const char *preset = configured_user(cfg);
    if (preset)
        snprintf(m.f[0].value, sizeof m.f[0].value, "%s", preset);
    set_msg(&m, false, "正在连接数据库……");
    modal_draw(&m);

    /* First as libpq would on its own: a password from the environment or
     * ~/.pgpass, or none needed. */
    struct dj_db_error e;
    struct dj_db_hooks quiet = {.notice = status_notice};
    *db = dj_db_connect(cfg, &quiet, &e);
    if (*db)
        return TUI_LOGIN_OK;
    if (!form_can_help(&e)) {
        snprintf(err, errlen, "%s", e.message);
        return TUI_LOGIN_FAILED;
    }
    /* Without a name given, libpq tried the system user: not worth a red
     * line; nor is a password that was simply not given. */
    if (preset && e.kind != DJ_DB_ERR_NO_PASSWORD)
        set_msg(&m, true, login_message(&e));
    else
        set_msg(&m, false, "");
    m.cur = m.f[0].value[0] ? 1 : 0;

    for (;;) {
        enum modal_result r = modal_run(&m, term, in, err, errlen);
        if (r != MODAL_SUBMIT) {
            wipe_fields(&m);
            return r == MODAL_CANCEL ? TUI_LOGIN_CANCELLED : TUI_LOGIN_FAILED;
        }
        if (m.f[0].value[0] == '\0') {
            set_msg(&m, true, "请输入用户名");
            m.cur = 0;
            continue;
        }
        struct dj_config with;
        if (with_user(cfg, m.f[0].value, &with) < 0) {
            snprintf(err, errlen, "配置文件中的连接参数太多，无法再加上用户名");
            wipe_fields(&m);
            return TUI_LOGIN_FAILED;
        }
        set_msg(&m, false, "正在登录……");
        modal_draw(&m);
        struct typed t = {.password = m.f[1].value};
        struct dj_db_hooks hooks = {
            .password = give_password, .password_ctx = &t, .notice = status_notice};
        *db = dj_db_connect(&with, &hooks, &e);
        explicit_bzero(m.f[1].value, sizeof m.f[1].value);
        if (*db) {
            dj_log("用户 %s 已登录", m.f[0].value);
            return TUI_LOGIN_OK;
        }
        if (!form_can_help(&e)) {
            snprintf(err, errlen, "%s", e.message);
            return TUI_LOGIN_FAILED;
        }
        set_msg(&m, true, login_message(&e));
        m.cur = 1;
    }
}

/* ---- the forced first change -------------------------------------------------- */

const char *tui_password_problem(const char *login, const char *pw, const char *again)
{
    if (pw[0] == '\0')
        return "请输入新密码";
    /* The same rules as `dangjian user passwd` (length, UTF-8, no control
     * characters). */
    const char *problem = dj_user_password_problem(pw);
    if (problem)
        return problem;
    if (strcmp(pw, again) != 0)
        return "两次输入的新密码不一致，请重新输入";
    if (login && strcmp(pw, login) == 0)
        return "新密码不能与用户名相同";
    return NULL;
}

enum tui_login_result tui_login_change_password(struct dj_db *db, const char *login,
                                                struct tui_term *term, struct tui_input *in,
                                                char *err, size_t errlen)
{
    struct modal m = {
        .heading = "修改密码",
        .intro = "首次登录（或密码已被重置），请先设置自己的新密码。",
        .submit = "确定",
        .f = {{.label = "新密码：", .secret = true}, {.label = "再输一次：", .secret = true}},
        .n = 2,
    };
    for (;;) {
        enum modal_result r = modal_run(&m, term, in, err, errlen);
        if (r != MODAL_SUBMIT) {
            wipe_fields(&m);
            return r == MODAL_CANCEL ? TUI_LOGIN_CANCELLED : TUI_LOGIN_FAILED;
        }
        const char *problem = tui_password_problem(login, m.f[0].value, m.f[1].value);
        if (problem) {
            set_msg(&m, true, problem);
            wipe_fields(&m);
            m.cur = 0;
            continue;
        }
        struct dj_db_error e;
        int rc = dj_clerk_change_password(db, m.f[0].value, &e);
        wipe_fields(&m);
        if (rc == 0)
            return TUI_LOGIN_OK;
        if (e.connection_lost) {
            snprintf(err, errlen, "%s", e.message);
            return TUI_LOGIN_FAILED;
        }
        set_msg(&m, true, e.message);
        m.cur = 0;
    }
}

/* The one session of the process (contract: session.h). */
#include "tui/session.h"

#include <stdio.h>
#include <string.h>

#include "log.h"

static struct tui_session *current;
static const struct tui_pager_stats *shown_stats;

struct tui_session *tui_session(void)
{
    return current;
}

struct dj_db *tui_session_db(void)
{
    return current ? current->db : NULL;
}

void tui_session_set(struct tui_session *s)
{
    current = s;
}

void tui_session_describe(struct tui_session *s)
{
    const struct dj_clerk_info *w = &s->who;
    if (w->superuser)
        snprintf(s->clerk_label, sizeof s->clerk_label, "%s（数据库超级用户）", w->login);
    else if (!w->is_clerk)
        snprintf(s->clerk_label, sizeof s->clerk_label, "%s（未登记为操作员）", w->login);
    else if (w->disabled)
        snprintf(s->clerk_label, sizeof s->clerk_label, "%s（已停用）", w->login);
    else
        snprintf(s->clerk_label, sizeof s->clerk_label, "%s", w->login);

    s->org_label[0] = '\0';
    size_t len = 0;
    for (int i = 0; i < w->n_scopes; i++) {
        int n = snprintf(s->org_label + len, sizeof s->org_label - len, "%s%s", i ? "、" : "",
                         w->scopes[i].name);
        if (n < 0 || (size_t)n >= sizeof s->org_label - len)
            break;
        len += (size_t)n;
    }
}

int tui_session_scopes(const struct tui_session *s, const struct dj_clerk_scope **scopes)
{
    *scopes = s ? s->who.scopes : NULL;
    return s ? s->who.n_scopes : 0;
}

bool tui_session_fail(const struct dj_db_error *err, char *msg, size_t msglen)
{
    if (!err->connection_lost || current == NULL) {
        snprintf(msg, msglen, "%s", err->message[0] ? err->message : "操作失败");
        return false;
    }
    struct dj_db_error again;
    if (dj_db_reset(current->db, &again) == 0) {
        dj_log("连接断开后已重新连接");
        snprintf(msg, msglen, "与数据库的连接曾断开，现已重新连接；请再操作一次");
        return true;
    }
    snprintf(msg, msglen, "与数据库的连接已断开，重新连接失败：%s。请检查网络，稍后再试",
             again.message[0] ? again.message : "服务器没有应答");
    return false;
}

bool tui_session_fail_ctx(const struct dj_db_error *err, struct tui_ctx *ctx)
{
    char msg[256];
    bool back = tui_session_fail(err, msg, sizeof msg);
    tui_ctx_message(ctx, TUI_MSG_ERROR, msg);
    return back;
}

void tui_session_note(const char *text, bool is_error)
{
    if (current == NULL)
        return;
    snprintf(current->note, sizeof current->note, "%s", text ? text : "");
    current->note_is_error = is_error;
}

bool tui_session_take_note(char *buf, size_t buflen, bool *is_error)
{
    if (current == NULL || current->note[0] == '\0')
        return false;
    snprintf(buf, buflen, "%s", current->note);
    *is_error = current->note_is_error;
    current->note[0] = '\0';
    return true;
}

void tui_session_show_stats(const struct tui_pager_stats *stats)
{
    shown_stats = stats;
}

const struct tui_pager_stats *tui_session_stats(void)
{
    return shown_stats;
}

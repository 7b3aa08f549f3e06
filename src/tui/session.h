#ifndef DJ_TUI_SESSION_H
#define DJ_TUI_SESSION_H
/*
 * The signed-in session that every screen reaches: the database connection
 * and who the clerk is.  There is one per process; app.c creates it after the
 * login and clears it before the program ends, so screens may rely on
 * tui_session() while they are open.
 *
 * Errors from the database go through tui_session_fail: it turns them into
 * the clerk's one-line message and, when the connection was lost, tries one
 * reset (libpq's PQreset) and says whether it came back.  A screen that
 * cannot report through a tui_ctx (a fetch during drawing) leaves the message
 * with tui_session_note; the loop shows it on the status line after drawing.
 */
#include <stdbool.h>
#include <stddef.h>

#include "db/clerk_info.h"
#include "db/db.h"
#include "tui/screen.h"

struct tui_session {
    struct dj_db *db;
    struct dj_clerk_info who;
    char clerk_label[128]; /* for the title line: the login, or what it is */
    char org_label[256];   /* the organizations, joined with 、 */
    char note[256];        /* a message left by a screen for the status line */
    bool note_is_error;
};

/* The session, or NULL before the login. */
struct tui_session *tui_session(void);

/* The connection of the session (NULL before the login). */
struct dj_db *tui_session_db(void);

/* Makes s the session (NULL: none).  Called by app.c only. */
void tui_session_set(struct tui_session *s);

/* Fills the title labels from s->who. */
void tui_session_describe(struct tui_session *s);

/* The root organizations of the clerk's screens: the scopes (the tree's root
 * for the superuser).  Returns their number; *ids gets a pointer into s. */
int tui_session_scopes(const struct tui_session *s, const struct dj_clerk_scope **scopes);

/* Reports a failed database call: writes the clerk's message into msg (red
 * on the status line) and, when the connection was lost, tries one reset.
 * Returns true when the connection works again (the action may be repeated). */
bool tui_session_fail(const struct dj_db_error *err, char *msg, size_t msglen);

/* The same, straight onto the status line of ctx. */
bool tui_session_fail_ctx(const struct dj_db_error *err, struct tui_ctx *ctx);

/* What a screen says when it repeated a read after the connection came back. */
#define TUI_SESSION_RECONNECTED "与数据库的连接曾断开，已自动重新连接"

/* Leaves a message for the loop to show after this draw (see above). */
void tui_session_note(const char *text, bool is_error);

/* Takes the message left by tui_session_note, if any: true and copies it. */
bool tui_session_take_note(char *buf, size_t buflen, bool *is_error);

/* The list the clerk sees now (its fetch counters), for script mode's
 * :save-stats; a list screen sets it when drawn and clears it when closed. */
struct tui_pager_stats;
void tui_session_show_stats(const struct tui_pager_stats *stats);
const struct tui_pager_stats *tui_session_stats(void);

#endif

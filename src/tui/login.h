#ifndef DJ_TUI_LOGIN_H
#define DJ_TUI_LOGIN_H
/*
 * Signing in, before the shell is drawn.  First the connection is tried the
 * way libpq would on its own (PGUSER, PGPASSWORD, ~/.pgpass, the config
 * file); only when that gives no credentials, or wrong ones, a login form
 * drawn with curses asks for the clerk's name and password (never echoed).
 * A wrong password says so in red and the form asks again; Esc or F10 gives
 * up.  A server that cannot be reached, or a database that does not exist,
 * is not something the clerk can fix by typing: that ends the login with the
 * message.
 *
 * tui_login_change_password is the forced first change (app.clerk's
 * must_change_password): a form with the new password twice, hashed on the
 * client (db/clerk_info.h); Esc there leaves the program.
 *
 * Both run their own small loop over the same input (keyboard or script),
 * so script mode can type into them and save the screen; they handle resize
 * and the script's :resize and :save-screen like the shell does.
 */
#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "db/db.h"
#include "tui/input.h"
#include "tui/keys.h"
#include "tui/term.h"

enum tui_login_result {
    TUI_LOGIN_OK,        /* signed in / password changed */
    TUI_LOGIN_CANCELLED, /* the clerk gave up (Esc, F10, the script ended) */
    TUI_LOGIN_FAILED,    /* err says why (unreachable server, a broken script) */
};

/* Connects; *db gets the connection on TUI_LOGIN_OK. */
enum tui_login_result tui_login(const struct dj_config *cfg, struct tui_term *term,
                                struct tui_input *in, struct dj_db **db, char *err, size_t errlen);

/* The forced password change of a first login. */
enum tui_login_result tui_login_change_password(struct dj_db *db, const char *login,
                                                struct tui_term *term, struct tui_input *in,
                                                char *err, size_t errlen);

/* What is wrong with a new password typed twice (Chinese, one line), or NULL
 * when it may be used: db/user.h's rules (at least 8 characters ...), the two
 * the same, not the login name itself. */
const char *tui_password_problem(const char *login, const char *pw, const char *again);

/* Editing a secret in a fixed buffer (wiped as it shrinks, never copied
 * elsewhere): append one character, delete the last one, or apply a key
 * (printable characters, Backspace, Ctrl-U clears); tui_secret_key returns
 * false for any other key. */
void tui_secret_append(char *buf, size_t size, int code);
void tui_secret_backspace(char *buf, size_t size);
bool tui_secret_key(char *buf, size_t size, const struct tui_key *k);

#endif

#ifndef DJ_DB_DB_H
#define DJ_DB_DB_H
/*
 * The connection to PostgreSQL and the one path every query takes.
 *
 * - dj_db_connect connects the psql way: libpq keyword arrays from the
 *   configuration (libpq's environment variables, service file and ~/.pgpass
 *   still apply), client_encoding=UTF8, fallback_application_name=dangjian.
 *   When the server wants a password, or says a password was wrong, it asks
 *   the caller's password hook (at most DJ_DB_PASSWORD_TRIES times).
 * - dj_db_query / dj_db_exec run PQexecParams with text parameters (a NULL
 *   value is SQL NULL).  Every result passes dj_db_check: on failure the result
 *   is cleared there and struct dj_db_error carries a one-line Chinese message
 *   a clerk can act on (from src/db/error_table.c); the server's full text and
 *   the SQL go to the log (src/log.h), never to the screen.
 * - A broken connection is reported as DJ_DB_ERR_LOST with connection_lost
 *   set; the UI may then try dj_db_reset once.
 */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "config.h"

#define DJ_DB_PASSWORD_TRIES 3

enum dj_db_err_kind {
    DJ_DB_OK = 0,
    DJ_DB_ERR_SQL,         /* the server refused a statement: see sqlstate */
    DJ_DB_ERR_LOST,        /* the connection broke; dj_db_reset may bring it back */
    DJ_DB_ERR_UNREACHABLE, /* no server answered */
    DJ_DB_ERR_PASSWORD,    /* wrong user name or password (28P01): ask again */
    DJ_DB_ERR_NO_PASSWORD, /* the server wants a password and got none */
    DJ_DB_ERR_CONNECT,     /* a server answered but refused the session: see sqlstate */
    DJ_DB_ERR_REFUSED,     /* this program refused to go on (message says why) */
    DJ_DB_ERR_MEMORY,
};

struct dj_db_error {
    enum dj_db_err_kind kind;
    bool connection_lost; /* kind == DJ_DB_ERR_LOST */
    bool retry;           /* a conflict with another session: trying again may work */
    char sqlstate[6];     /* "" when the server sent none */
    char constraint[64];  /* the violated constraint, or "" */
    char message[512];    /* for the clerk: Chinese, one line */
    char detail[2048];    /* for the log: the server's or libpq's full text */
};

/* Asks for the password of user.  again: the previous one was wrong.
 * Returns 0 with a NUL-terminated password in buf, or -1 (cancelled, no terminal). */
typedef int (*dj_db_password_fn)(void *ctx, const char *user, bool again, char *buf, size_t buflen);
/* A NOTICE or WARNING from the server: severity is not translated ("NOTICE",
 * "WARNING"), message is the primary text. */
typedef void (*dj_db_notice_fn)(void *ctx, const char *severity, const char *message);

struct dj_db_hooks {
    dj_db_password_fn password;
    void *password_ctx;
    dj_db_notice_fn notice;
    void *notice_ctx;
};

struct dj_db;

/* Connects.  hooks may be NULL.  Returns the connection, or NULL with err
 * filled (kind UNREACHABLE, PASSWORD, NO_PASSWORD, CONNECT, MEMORY). */
struct dj_db *dj_db_connect(const struct dj_config *cfg, const struct dj_db_hooks *hooks,
                            struct dj_db_error *err);
void dj_db_close(struct dj_db *db);

/* One PQreset try after a lost connection.  0 when connected again. */
int dj_db_reset(struct dj_db *db, struct dj_db_error *err);

/* The libpq connection, for what this module does not wrap (PQbackendPID,
 * PQcancel).  Queries still go through dj_db_query / dj_db_check. */
PGconn *dj_db_conn(struct dj_db *db);

/* Runs sql with nparams text parameters ($1...; the server infers their
 * types, so cast where the context does not say: $1::int).  Returns the
 * result (tuples or command OK) for the caller to PQclear, or NULL with err. */
PGresult *dj_db_query(struct dj_db *db, struct dj_db_error *err, const char *sql, int nparams,
                      const char *const *params);

/* The same for statements whose result is not needed: 0, or -1 with err. */
int dj_db_exec(struct dj_db *db, struct dj_db_error *err, const char *sql, int nparams,
               const char *const *params);

/* The funnel: judges any result of a call on db.  Returns 0 and leaves res to
 * the caller when it succeeded; otherwise clears res, fills err, logs the full
 * error with `sql` (may be NULL) and returns -1.  res may be NULL. */
int dj_db_check(struct dj_db *db, PGresult *res, const char *sql, struct dj_db_error *err);

/* Runs a multi-statement script with PQexec.  Only for our own compiled-in
 * migrations: never pass text that came from a user. */
int dj_db_exec_script(struct dj_db *db, const char *script, struct dj_db_error *err);

int dj_db_begin(struct dj_db *db, struct dj_db_error *err);
int dj_db_commit(struct dj_db *db, struct dj_db_error *err);
/* Rolls back if a transaction is open; failures are only logged (the caller
 * is already reporting the error that led here). */
void dj_db_rollback(struct dj_db *db);

#endif

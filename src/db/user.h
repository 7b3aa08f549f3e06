#ifndef DJ_DB_USER_H
#define DJ_DB_USER_H
/*
 * Managing clerks through the database's user functions (sql/013_users.sql).
 * The server decides who may do what (the superuser, or an administrator
 * inside its subtree); refusals come back as dj_db_error with the server's
 * Chinese message.
 *
 * - Passwords are hashed here with PQencryptPasswordConn (scram-sha-256) and
 *   only the verifier is sent, so no clear text reaches the server or its log.
 * - Levels are the English codes (branch, general_branch, committee, district,
 *   city, auditor); dj_user_level_parse also takes the Chinese words, and
 *   dj_clerk_level_name (db/clerk_info.h) gives them back.
 * - A clerk's own password change is dj_clerk_change_password (db/clerk_info.h).
 * - dj_user_random_password makes a first password from /dev/urandom, from
 *   letters and digits that cannot be mistaken for one another.
 */
#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

#define DJ_USER_PASSWORD_MIN  8   /* characters (UTF-8 code points) */
#define DJ_USER_PASSWORD_MAX  128 /* bytes */
#define DJ_USER_RANDOM_LENGTH 12

struct dj_user {
    char name[64];
    char level[16];     /* English code */
    char org_code[128]; /* "" for a clerk without scope (only the superuser sees one) */
    char org_name[256];
    bool is_admin;
    bool disabled;
    bool must_change_password;
    char created_by[64];
    char created_at[32]; /* "YYYY-MM-DD HH:MM" in the session's time zone */
};

/* The English code of a level typed in English or Chinese (支部, 总支, 党委,
 * 区县委, 大口委办, 区县委/大口委办, 市委, 审计 and the full names 党支部,
 * 党总支部, 基层党委), or NULL. */
const char *dj_user_level_parse(const char *text);
/* NULL when pw may be used as a password, else why not (Chinese): shorter than
 * DJ_USER_PASSWORD_MIN characters, longer than DJ_USER_PASSWORD_MAX bytes,
 * not UTF-8, or holding control characters. */
const char *dj_user_password_problem(const char *pw);

/* Writes DJ_USER_RANDOM_LENGTH characters and a NUL into buf.  0, or -1 when
 * /dev/urandom cannot be read or buflen is too small. */
int dj_user_random_password(char *buf, size_t buflen);

/* app.user_add: a LOGIN role NAME in {clerk} and the level's group, scoped to
 * the organization with code org_code, who must change the password at first
 * login.  0, or -1 with err. */
int dj_user_add(struct dj_db *db, const char *name, const char *org_code, const char *level,
                const char *password, bool is_admin, struct dj_db_error *err);

/* app.user_add_scope: one more organization for the clerk NAME (same checks
 * as dj_user_add: an administrator's own scope, the clerk's level).  0, or -1. */
int dj_user_add_scope(struct dj_db *db, const char *name, const char *org_code,
                      struct dj_db_error *err);

/* app.user_list: the clerks inside the caller's scope, one entry per clerk and
 * scope organization.  *out is malloc'd (free it), *count its length. */
int dj_user_list(struct dj_db *db, struct dj_user **out, size_t *count, struct dj_db_error *err);

/* app.user_disable: the clerk can no longer log in. */
int dj_user_disable(struct dj_db *db, const char *name, struct dj_db_error *err);

#endif

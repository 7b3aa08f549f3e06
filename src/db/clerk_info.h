#ifndef DJ_DB_CLERK_INFO_H
#define DJ_DB_CLERK_INFO_H
/*
 * Who is signed in: the login role (session_user), whether it is a superuser,
 * its app.clerk row (level, admin, must change password) and the
 * organizations it answers for (app.my_orgs(), by path).  A role without a
 * clerk row and the superuser are told apart, not refused: the UI shows them
 * plainly.  The superuser's "scope" is the root of the tree, so that its
 * screens have somewhere to start.
 *
 * dj_clerk_change_password hashes on the client (PQencryptPasswordConn,
 * scram-sha-256) and sends only the verifier to
 * app.change_my_password, so no clear text reaches the server's logs.
 */
#include <stdbool.h>

#include "db/db.h"

#define DJ_CLERK_MAX_SCOPES 4

struct dj_clerk_scope {
    long long org_id;
    char code[64];
    char name[208];      /* 组织名称 (app.org.name, at most 50 characters) */
    char full_name[408]; /* 组织全称 (at most 100 characters) */
};

struct dj_clerk_info {
    char login[72]; /* session_user */
    bool superuser;
    bool is_clerk;  /* an app.clerk row exists */
    char level[24]; /* branch ... city, auditor; "" when not a clerk */
    bool is_admin;
    bool disabled;
    bool must_change_password;
    int n_scopes;
    struct dj_clerk_scope scopes[DJ_CLERK_MAX_SCOPES];
};

/* Fills info.  Returns 0, or -1 with err. */
int dj_clerk_info_load(struct dj_db *db, struct dj_clerk_info *info, struct dj_db_error *err);

/* The Chinese name of a clerk level, as app.level_name says it ("党委" for
 * committee, "区县委/大口委办" for district; "" if unknown). */
const char *dj_clerk_level_name(const char *level);

/* Changes the signed-in role's password.  Returns 0, or -1 with err. */
int dj_clerk_change_password(struct dj_db *db, const char *new_password, struct dj_db_error *err);

#endif

/* Managing clerks through app.user_* (contract: user.h). */
#include "db/user.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/error_table.h"
#include "log.h"
#include "model/text.h"

static const char SQL_ADD[] = "SELECT app.user_add($1, $2, $3, $4, $5::boolean)";
static const char SQL_LIST[] =
    "SELECT role_name, level, coalesce(org_code, ''), coalesce(org_name, ''), is_admin, disabled,"
    "       must_change_password, created_by, to_char(created_at, 'YYYY-MM-DD HH24:MI')"
    "  FROM app.user_list()";
static const char SQL_DISABLE[] = "SELECT app.user_disable($1)";

/* No 0/O/o, 1/l/I/i: a first password is read off a screen or a slip of paper. */
static const char UNAMBIGUOUS[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

const char *dj_user_level_parse(const char *text)
{
    static const struct {
        const char *word, *code;
    } words[] = {
        {"branch", "branch"},
        {"general_branch", "general_branch"},
        {"committee", "committee"},
        {"district", "district"},
        {"city", "city"},
        {"auditor", "auditor"},
        {"支部", "branch"},
        {"党支部", "branch"},
        {"总支", "general_branch"},
        {"党总支", "general_branch"},
        {"党总支部", "general_branch"},
        {"党委", "committee"},
        {"基层党委", "committee"},
        {"区县委", "district"},
        {"大口委办", "district"},
        {"区县委/大口委办", "district"},
        {"市委", "city"},
        {"审计", "auditor"},
    };
    for (size_t i = 0; text != NULL && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(text, words[i].word) == 0)
            return words[i].code;
    return NULL;
}

const char *dj_user_password_problem(const char *pw)
{
    long chars = dj_text_utf8_chars(pw);
    if (chars < 0)
        return "密码含有无效的字符编码（应为 UTF-8）";
    if (strlen(pw) > DJ_USER_PASSWORD_MAX)
        return "密码太长（最多 128 个字节）";
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return "密码不能含有控制字符";
    if (chars < DJ_USER_PASSWORD_MIN)
        return "密码至少要有 8 个字符";
    return NULL;
}

int dj_user_random_password(char *buf, size_t buflen)
{
    if (buflen < DJ_USER_RANDOM_LENGTH + 1)
        return -1;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const unsigned n = sizeof UNAMBIGUOUS - 1;
    /* The largest multiple of n below 256: bytes at or above it are drawn
     * again, so every character is equally likely. */
    const unsigned limit = 256 - 256 % n;
    size_t got = 0;
    unsigned char pool[64];
    while (got < DJ_USER_RANDOM_LENGTH) {
        ssize_t r = read(fd, pool, sizeof pool);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            close(fd);
            explicit_bzero(buf, buflen);
            return -1;
        }
        for (ssize_t i = 0; i < r && got < DJ_USER_RANDOM_LENGTH; i++)
            if (pool[i] < limit)
                buf[got++] = UNAMBIGUOUS[pool[i] % n];
    }
    buf[got] = '\0';
    explicit_bzero(pool, sizeof pool);
    close(fd);
    return 0;
}

static void refuse(struct dj_db_error *err, enum dj_db_err_kind kind, const char *message,
                   const char *detail)
{
    memset(err, 0, sizeof *err);
    err->kind = kind;
    err->connection_lost = kind == DJ_DB_ERR_LOST;
    snprintf(err->detail, sizeof err->detail, "%s", detail ? detail : message);
    dj_db_error_set_message(err, message);
}

int dj_user_add(struct dj_db *db, const char *name, const char *org_code, const char *level,
                const char *password, bool is_admin, struct dj_db_error *err)
{
    const char *problem = dj_user_password_problem(password);
    if (problem != NULL) {
        refuse(err, DJ_DB_ERR_REFUSED, problem, NULL);
        return -1;
    }
    PGconn *c = dj_db_conn(db);
    char *hash = PQencryptPasswordConn(c, password, name, "scram-sha-256");
    if (hash == NULL) {
        bool lost = PQstatus(c) == CONNECTION_BAD;
        dj_log("PQencryptPasswordConn: %s", PQerrorMessage(c));
        refuse(err, lost ? DJ_DB_ERR_LOST : DJ_DB_ERR_REFUSED,
               lost ? "与数据库的连接已断开" : "无法计算密码的散列值，用户未添加",
               PQerrorMessage(c));
        return -1;
    }
    const char *params[5] = {name, org_code, level, hash, is_admin ? "true" : "false"};
    int rc = dj_db_exec(db, err, SQL_ADD, 5, params);
    explicit_bzero(hash, strlen(hash));
    PQfreemem(hash);
    return rc;
}

int dj_user_add_scope(struct dj_db *db, const char *name, const char *org_code,
                      struct dj_db_error *err)
{
    const char *params[2] = {name, org_code};
    return dj_db_exec(db, err, "SELECT app.user_add_scope($1, $2)", 2, params);
}

static void copy(char *dst, size_t len, const PGresult *res, int row, int col)
{
    snprintf(dst, len, "%s", PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

static bool flag(const PGresult *res, int row, int col)
{
    return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

int dj_user_list(struct dj_db *db, struct dj_user **out, size_t *count, struct dj_db_error *err)
{
    *out = NULL;
    *count = 0;
    PGresult *res = dj_db_query(db, err, SQL_LIST, 0, NULL);
    if (res == NULL)
        return -1;
    int n = PQntuples(res);
    struct dj_user *list = calloc(n > 0 ? (size_t)n : 1, sizeof *list);
    if (list == NULL) {
        PQclear(res);
        refuse(err, DJ_DB_ERR_MEMORY, "内存不足", NULL);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        struct dj_user *u = &list[i];
        copy(u->name, sizeof u->name, res, i, 0);
        copy(u->level, sizeof u->level, res, i, 1);
        copy(u->org_code, sizeof u->org_code, res, i, 2);
        copy(u->org_name, sizeof u->org_name, res, i, 3);
        u->is_admin = flag(res, i, 4);
        u->disabled = flag(res, i, 5);
        u->must_change_password = flag(res, i, 6);
        copy(u->created_by, sizeof u->created_by, res, i, 7);
        copy(u->created_at, sizeof u->created_at, res, i, 8);
    }
    PQclear(res);
    *out = list;
    *count = (size_t)n;
    return 0;
}

int dj_user_disable(struct dj_db *db, const char *name, struct dj_db_error *err)
{
    const char *params[1] = {name};
    return dj_db_exec(db, err, SQL_DISABLE, 1, params);
}

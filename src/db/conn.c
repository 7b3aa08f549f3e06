/* Connecting, reconnecting and server notices (contract: db.h). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/db_internal.h"
#include "db/error_table.h"
#include "log.h"

/* The configuration's pairs plus ours: fallback_application_name,
 * client_encoding, password, and the terminating NULL. */
#define MAX_PARAMS (DJ_CONN_MAX + 4)

static void build_params(const struct dj_config *cfg, const char *password, const char **keys,
                         const char **vals)
{
    size_t n = 0;
    for (size_t i = 0; cfg != NULL && i < cfg->conn_count && i < DJ_CONN_MAX; i++) {
        keys[n] = cfg->conn_keys[i];
        vals[n] = cfg->conn_vals[i];
        n++;
    }
    keys[n] = "fallback_application_name";
    vals[n++] = "dangjian";
    /* Explicit, whatever PGCLIENTENCODING or the locale say: every string we
     * send and read is UTF-8. */
    keys[n] = "client_encoding";
    vals[n++] = "UTF8";
    if (password != NULL) {
        keys[n] = "password";
        vals[n++] = password;
    }
    keys[n] = NULL;
    vals[n] = NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The connect_timeout in force (keyword, PGCONNECT_TIMEOUT or service file),
 * in seconds; 0 for none.  libpq raises 1 to 2, so do we. */
static int connect_timeout(PGconn *c)
{
    int t = 0;
    PQconninfoOption *opts = PQconninfo(c);
    for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++)
        if (strcmp(o->keyword, "connect_timeout") == 0 && o->val != NULL)
            t = atoi(o->val);
    PQconninfoFree(opts);
    return t <= 0 ? 0 : t < 2 ? 2 : t;
}

/*
 * One connection attempt.  It is PQconnectdbParams done by hand for one reason:
 * libpq reports a failed login only as text, whose words follow the server's
 * language, and keeps the SQLSTATE to itself.  Verbose errors, which can only
 * be switched on between PQconnectStartParams and the polling, put the SQLSTATE
 * into that text ("FATAL:  28P01: ..."), so a wrong password can be told from
 * a missing database whatever the server's lc_messages.
 *
 * libpq's connect_timeout gives up on one host and tries the next; from outside
 * the next host cannot be chosen, so when our wait runs out we hand the whole
 * attempt to PQconnectdbParams, which does exactly that.  Slower in that rare
 * case, never wrong.
 */
static PGconn *attempt(const char *const *keys, const char *const *vals)
{
    PGconn *c = PQconnectStartParams(keys, vals, 0);
    if (c == NULL || PQstatus(c) == CONNECTION_BAD)
        return c;
    PQsetErrorVerbosity(c, PQERRORS_VERBOSE);
    int timeout = connect_timeout(c);
    double deadline = timeout ? now_seconds() + timeout : 0;
    ConnStatusType last_status = PQstatus(c);
    char last_host[256] = "";

    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
        /* A new host, or a new TCP connect: a new timeout, as libpq does. */
        const char *host = PQhost(c) ? PQhost(c) : "";
        ConnStatusType status = PQstatus(c);
        if (timeout && (strcmp(host, last_host) != 0 ||
                        (status == CONNECTION_STARTED && last_status != CONNECTION_STARTED)))
            deadline = now_seconds() + timeout;
        snprintf(last_host, sizeof last_host, "%s", host);
        last_status = status;

        int fd = PQsocket(c);
        if (fd < 0) {
            st = PQconnectPoll(c);
            if (PQsocket(c) < 0 && st != PGRES_POLLING_OK)
                break;
            continue;
        }
        struct pollfd p = {.fd = fd, .events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT};
        int ms = -1;
        if (timeout) {
            double left = deadline - now_seconds();
            ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
        }
        int r = poll(&p, 1, ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0) {
            dj_log("连接超时（%d 秒，%s），改由 libpq 依次尝试各服务器", timeout, host);
            PQfinish(c);
            c = PQconnectdbParams(keys, vals, 0);
            if (c != NULL)
                PQsetErrorVerbosity(c, PQERRORS_VERBOSE);
            return c;
        }
        st = PQconnectPoll(c);
    }
    return c;
}

/* The last SQLSTATE in libpq's verbose text ("...failed: FATAL:  28P01: ..."):
 * with several hosts the text holds one part per host, the last one counts. */
static int find_sqlstate(const char *text, char out[6])
{
    int found = 0;
    for (const char *p = strstr(text, ":  "); p != NULL; p = strstr(p + 1, ":  ")) {
        const char *s = p + 3;
        int ok = 1;
        for (int i = 0; i < 5; i++)
            if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
                ok = 0;
        if (ok && s[5] == ':') {
            memcpy(out, s, 5);
            out[5] = '\0';
            found = 1;
        }
    }
    return found;
}

static const char *conninfo_value(PQconninfoOption *opts, const char *key)
{
    for (PQconninfoOption *o = opts; o != NULL && o->keyword != NULL; o++)
        if (strcmp(o->keyword, key) == 0 && o->val != NULL && o->val[0] != '\0')
            return o->val;
    return NULL;
}

/* "host:port" as the clerk's administrator would recognise it: the configured
 * list when there are several hosts, else the one libpq tried. */
static void server_name(PGconn *c, char *buf, size_t len)
{
    PQconninfoOption *opts = PQconninfo(c);
    const char *host = conninfo_value(opts, "host");
    if (host == NULL)
        host = conninfo_value(opts, "hostaddr");
    if (host == NULL || strchr(host, ',') == NULL)
        host = PQhost(c);
    const char *port = conninfo_value(opts, "port");
    if (port == NULL || strchr(port, ',') == NULL)
        port = PQport(c);
    snprintf(buf, len, "%s:%s", host ? host : "", port ? port : "5432");
    PQconninfoFree(opts);
}

/* Explains a failed connection in err; the full libpq text goes to the log.
 * Without a SQLSTATE no server answered (or libpq gave up before asking one:
 * a bad value in PG* variables; the config file's values are checked when it
 * is read). */
static void connect_failed(PGconn *c, struct dj_db_error *err)
{
    const char *text = PQerrorMessage(c);
    char where[256];
    server_name(c, where, sizeof where);
    memset(err, 0, sizeof *err);
    snprintf(err->detail, sizeof err->detail, "%s", text);
    dj_log("无法连接数据库（%s）：%s", where, text);

    if (find_sqlstate(text, err->sqlstate)) {
        err->kind = strcmp(err->sqlstate, "28P01") == 0 ? DJ_DB_ERR_PASSWORD : DJ_DB_ERR_CONNECT;
        dj_db_error_explain(err, err->sqlstate, NULL, NULL, NULL, NULL);
        /* Whatever the table says, a failed login is not a lost connection. */
        err->connection_lost = false;
        if (err->kind == DJ_DB_ERR_LOST)
            err->kind = DJ_DB_ERR_CONNECT;
        return;
    }
    if (PQconnectionNeedsPassword(c)) {
        err->kind = DJ_DB_ERR_NO_PASSWORD;
        snprintf(err->message, sizeof err->message,
                 "数据库服务器（%s）要求输入密码，但没有得到密码（可以保存在 ~/.pgpass 中）",
                 where);
        return;
    }
    err->kind = DJ_DB_ERR_UNREACHABLE;
    snprintf(err->message, sizeof err->message,
             "无法连接数据库服务器（%s）：服务器未运行或拒绝连接", where);
}

static void on_notice(void *arg, const PGresult *res)
{
    struct dj_db *db = arg;
    const char *severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    dj_log("服务器提示：%s", PQresultErrorMessage(res));
    if (db->hooks.notice != NULL)
        db->hooks.notice(db->hooks.notice_ctx, severity ? severity : "NOTICE",
                         primary ? primary : "");
}

static void wipe(char *buf, size_t len)
{
    explicit_bzero(buf, len);
}

struct dj_db *dj_db_connect(const struct dj_config *cfg, const struct dj_db_hooks *hooks,
                            struct dj_db_error *err)
{
    const char *keys[MAX_PARAMS + 1];
    const char *vals[MAX_PARAMS + 1];
    char password[256];
    int have_password = 0;
    int tries = 0;
    memset(err, 0, sizeof *err);

    for (;;) {
        build_params(cfg, have_password ? password : NULL, keys, vals);
        PGconn *c = attempt(keys, vals);
        if (c == NULL) {
            wipe(password, sizeof password);
            err->kind = DJ_DB_ERR_MEMORY;
            snprintf(err->message, sizeof err->message, "内存不足，无法连接数据库");
            return NULL;
        }
        if (PQstatus(c) == CONNECTION_OK) {
            wipe(password, sizeof password);
            struct dj_db *db = calloc(1, sizeof *db);
            if (db == NULL) {
                PQfinish(c);
                err->kind = DJ_DB_ERR_MEMORY;
                snprintf(err->message, sizeof err->message, "内存不足，无法连接数据库");
                return NULL;
            }
            db->conn = c;
            if (hooks != NULL)
                db->hooks = *hooks;
            PQsetErrorVerbosity(c, PQERRORS_VERBOSE);
            PQsetNoticeReceiver(c, on_notice, db);
            dj_log("已连接数据库：用户 %s，数据库 %s，服务器 %s:%s（版本 %d）", PQuser(c), PQdb(c),
                   PQhost(c), PQport(c), PQserverVersion(c));
            return db;
        }

        connect_failed(c, err);
        int ask = err->kind == DJ_DB_ERR_NO_PASSWORD || err->kind == DJ_DB_ERR_PASSWORD;
        if (!ask || hooks == NULL || hooks->password == NULL || tries >= DJ_DB_PASSWORD_TRIES) {
            PQfinish(c);
            wipe(password, sizeof password);
            return NULL;
        }
        char user[128];
        snprintf(user, sizeof user, "%s", PQuser(c) ? PQuser(c) : "");
        PQfinish(c);
        if (hooks->password(hooks->password_ctx, user, err->kind == DJ_DB_ERR_PASSWORD, password,
                            sizeof password) != 0) {
            wipe(password, sizeof password);
            /* Keep the message of the failure that made us ask. */
            return NULL;
        }
        have_password = 1;
        tries++;
    }
}

int dj_db_reset(struct dj_db *db, struct dj_db_error *err)
{
    PQreset(db->conn);
    if (PQstatus(db->conn) == CONNECTION_OK) {
        PQsetErrorVerbosity(db->conn, PQERRORS_VERBOSE);
        dj_log("已重新连接数据库");
        if (err != NULL)
            memset(err, 0, sizeof *err);
        return 0;
    }
    if (err != NULL) {
        connect_failed(db->conn, err);
        if (err->kind == DJ_DB_ERR_UNREACHABLE) {
            err->kind = DJ_DB_ERR_LOST;
            err->connection_lost = true;
        }
    }
    return -1;
}

void dj_db_close(struct dj_db *db)
{
    if (db == NULL)
        return;
    PQfinish(db->conn);
    free(db);
}

PGconn *dj_db_conn(struct dj_db *db)
{
    return db->conn;
}

#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SYSTEM_CONFIG "/etc/dangjian/dangjian.conf"

/* The libpq keywords the "connection" group may set.  MULTI: a list of values
 * becomes libpq's comma-separated form (several hosts for failover).  NUMBER:
 * the value (each value of a list) is a whole number, given with or without
 * quotes.  choices: the values libpq accepts, checked here so that a typo is
 * reported with its line instead of as a failed connection. */
enum { MULTI = 1, NUMBER = 2 };
static const struct {
    const char *key;
    unsigned flags;
    const char *choices; /* space-separated, or NULL for any text */
} conn_keywords[] = {
    {"host", MULTI, NULL},
    {"hostaddr", MULTI, NULL},
    {"port", MULTI | NUMBER, NULL},
    {"dbname", 0, NULL},
    {"user", 0, NULL},
    {"sslmode", 0, "disable allow prefer require verify-ca verify-full"},
    {"sslrootcert", 0, NULL},
    {"sslcert", 0, NULL},
    {"sslkey", 0, NULL},
    {"passfile", 0, NULL},
    {"application_name", 0, NULL},
    {"service", 0, NULL},
    {"target_session_attrs", 0, "any read-write read-only primary standby prefer-standby"},
    {"connect_timeout", NUMBER, NULL},
};
#define N_KEYWORDS (sizeof conn_keywords / sizeof conn_keywords[0])
_Static_assert(N_KEYWORDS <= DJ_CONN_MAX, "conn_keys has room for every keyword");

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (d == NULL) {
        fputs("内存不足 (out of memory)\n", stderr);
        exit(1);
    }
    return d;
}

/* Picks the file to read.  Returns 0 with *path set (or NULL when no file is
 * named and no default exists), -1 with a message. */
static int find_file(const char *explicit_path, char *buf, size_t buflen, const char **path,
                     char *err, size_t errlen)
{
    const char *origin = NULL;
    *path = NULL;
    if (explicit_path != NULL) {
        *path = explicit_path;
        origin = "--config";
    } else {
        const char *env = getenv("DANGJIAN_CONFIG");
        if (env != NULL && env[0] != '\0') {
            *path = env;
            origin = "DANGJIAN_CONFIG";
        }
    }
    if (*path != NULL) {
        /* A file the user named must be there: silently running with defaults
         * would connect somewhere they did not mean. */
        if (access(*path, R_OK) != 0) {
            if (errno == ENOENT)
                snprintf(err, errlen, "找不到配置文件 %s（由 %s 指定）", *path, origin);
            else
                snprintf(err, errlen, "无法读取配置文件 %s（由 %s 指定）：%s", *path, origin,
                         strerror(errno));
            return -1;
        }
        return 0;
    }

    const char *xdg = getenv("XDG_CONFIG_HOME");
    /* The XDG spec says a relative XDG_CONFIG_HOME is invalid and to be ignored. */
    if (xdg != NULL && xdg[0] == '/') {
        snprintf(buf, buflen, "%s/dangjian/dangjian.conf", xdg);
    } else {
        const char *home = getenv("HOME");
        if (home == NULL || home[0] == '\0') {
            struct passwd *pw = getpwuid(getuid());
            home = pw != NULL ? pw->pw_dir : NULL;
        }
        if (home != NULL)
            snprintf(buf, buflen, "%s/.config/dangjian/dangjian.conf", home);
        else
            buf[0] = '\0';
    }
    const char *defaults[] = {buf, SYSTEM_CONFIG};
    for (size_t i = 0; i < 2; i++) {
        struct stat st;
        if (defaults[i][0] == '\0')
            continue;
        if (stat(defaults[i], &st) == 0) {
            *path = defaults[i];
            return 0;
        }
        if (errno != ENOENT && errno != ENOTDIR) {
            snprintf(err, errlen, "无法读取配置文件 %s：%s", defaults[i], strerror(errno));
            return -1;
        }
    }
    return 0;
}

static bool all_digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static bool is_choice(const char *choices, const char *v)
{
    size_t len = strlen(v);
    for (const char *p = choices; *p;) {
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, v, n) == 0)
            return true;
        p += n;
        while (*p == ' ')
            p++;
    }
    return false;
}

/* One scalar setting as text (a string, or an integer when allowed). */
static int scalar_text(config_setting_t *s, unsigned flags, char *out, size_t outlen)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_STRING:
        snprintf(out, outlen, "%s", config_setting_get_string(s));
        if ((flags & NUMBER) && !all_digits(out))
            return -1;
        return 0;
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        if (!(flags & NUMBER))
            return -1;
        snprintf(out, outlen, "%lld", config_setting_get_int64(s));
        return 0;
    default:
        return -1;
    }
}

static int setting_value(const char *file, config_setting_t *s, unsigned flags, char **value,
                         char *err, size_t errlen)
{
    const char *name = config_setting_name(s);
    int line = config_setting_source_line(s);
    char item[1024];
    int type = config_setting_type(s);

    if ((type == CONFIG_TYPE_LIST || type == CONFIG_TYPE_ARRAY) && (flags & MULTI)) {
        int n = config_setting_length(s);
        if (n == 0) {
            snprintf(err, errlen, "配置文件 %s 第 %d 行：%s 的列表是空的", file, line, name);
            return -1;
        }
        char joined[4096] = "";
        size_t used = 0;
        for (int i = 0; i < n; i++) {
            config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
            if (scalar_text(e, flags, item, sizeof item) != 0) {
                snprintf(err, errlen, "配置文件 %s 第 %d 行：%s 的列表只能包含%s", file, line, name,
                         (flags & NUMBER) ? "数字" : "带引号的文字");
                return -1;
            }
            if (strchr(item, ',') != NULL) {
                snprintf(err, errlen, "配置文件 %s 第 %d 行：%s 的每一项不能含逗号，请写成列表",
                         file, line, name);
                return -1;
            }
            int w = snprintf(joined + used, sizeof joined - used, "%s%s", i ? "," : "", item);
            if (w < 0 || (size_t)w >= sizeof joined - used) {
                snprintf(err, errlen, "配置文件 %s 第 %d 行：%s 的列表太长", file, line, name);
                return -1;
            }
            used += (size_t)w;
        }
        *value = xstrdup(joined);
        return 0;
    }
    if (scalar_text(s, flags, item, sizeof item) != 0) {
        snprintf(err, errlen, "配置文件 %s 第 %d 行：%s 应为%s%s", file, line, name,
                 (flags & NUMBER) ? "数字" : "带引号的文字",
                 (flags & MULTI) ? "，或它们的列表" : "");
        return -1;
    }
    *value = xstrdup(item);
    return 0;
}

static int read_connection(const char *file, config_t *doc, struct dj_config *cfg, char *err,
                           size_t errlen)
{
    config_setting_t *group = config_lookup(doc, "connection");
    if (group == NULL)
        return 0;
    if (config_setting_type(group) != CONFIG_TYPE_GROUP) {
        snprintf(err, errlen,
                 "配置文件 %s 第 %d 行：connection 应为一组设置：connection = { ... };", file,
                 config_setting_source_line(group));
        return -1;
    }
    /* Every member must be a keyword we know: a misspelt "hots" silently
     * ignored would connect to the wrong server. */
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(s);
        int line = config_setting_source_line(s);
        if (strcmp(name, "password") == 0) {
            snprintf(err, errlen,
                     "配置文件 %s 第 %d 行：配置文件中不能写密码（password）。"
                     "连接时程序会询问密码；也可以使用 ~/.pgpass",
                     file, line);
            return -1;
        }
        size_t k = 0;
        while (k < N_KEYWORDS && strcmp(conn_keywords[k].key, name) != 0)
            k++;
        if (k == N_KEYWORDS) {
            char known[512] = "";
            size_t used = 0;
            for (size_t j = 0; j < N_KEYWORDS && used < sizeof known; j++) {
                int w = snprintf(known + used, sizeof known - used, "%s%s", j ? ", " : "",
                                 conn_keywords[j].key);
                if (w > 0)
                    used += (size_t)w;
            }
            snprintf(err, errlen, "配置文件 %s 第 %d 行：connection 中没有 %s 这一项（可用：%s）",
                     file, line, name, known);
            return -1;
        }
    }
    /* Keyword order follows the table, whatever the order in the file. */
    for (size_t k = 0; k < N_KEYWORDS; k++) {
        config_setting_t *s = config_setting_get_member(group, conn_keywords[k].key);
        if (s == NULL)
            continue;
        char *value = NULL;
        if (setting_value(file, s, conn_keywords[k].flags, &value, err, errlen) != 0)
            return -1;
        if (conn_keywords[k].choices != NULL && !is_choice(conn_keywords[k].choices, value)) {
            snprintf(err, errlen, "配置文件 %s 第 %d 行：%s 不能是 \"%s\"（可用：%s）", file,
                     config_setting_source_line(s), conn_keywords[k].key, value,
                     conn_keywords[k].choices);
            free(value);
            return -1;
        }
        cfg->conn_keys[cfg->conn_count] = conn_keywords[k].key;
        cfg->conn_vals[cfg->conn_count] = value;
        cfg->conn_count++;
    }
    return 0;
}

static int read_log_file(const char *file, config_t *doc, struct dj_config *cfg, char *err,
                         size_t errlen)
{
    config_setting_t *s = config_lookup(doc, "log_file");
    if (s == NULL)
        return 0;
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        snprintf(err, errlen, "配置文件 %s 第 %d 行：log_file 应为带引号的文件路径", file,
                 config_setting_source_line(s));
        return -1;
    }
    const char *v = config_setting_get_string(s);
    if (v[0] == '\0')
        return 0;
    const char *home = getenv("HOME");
    if (v[0] == '~' && v[1] == '/' && home != NULL) {
        size_t len = strlen(home) + strlen(v);
        cfg->log_file = malloc(len);
        if (cfg->log_file == NULL)
            return -1;
        snprintf(cfg->log_file, len, "%s%s", home, v + 1);
    } else {
        cfg->log_file = xstrdup(v);
    }
    return 0;
}

int dj_config_load(const char *explicit_path, struct dj_config *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    char buf[PATH_MAX];
    const char *path;
    if (find_file(explicit_path, buf, sizeof buf, &path, err, errlen) != 0)
        return -1;
    if (path == NULL)
        return 0;

    config_t *doc = malloc(sizeof *doc);
    if (doc == NULL) {
        snprintf(err, errlen, "内存不足");
        return -1;
    }
    config_init(doc);
    cfg->doc = doc;
    cfg->path = xstrdup(path);

    /* @include "x.conf" is relative to the including file's folder. */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = '\0';
        config_set_include_dir(doc, dir[0] ? dir : "/");
    }

    if (config_read_file(doc, path) != CONFIG_TRUE) {
        if (config_error_type(doc) == CONFIG_ERR_FILE_IO) {
            snprintf(err, errlen, "无法读取配置文件 %s：%s", path, strerror(errno));
        } else {
            const char *f = config_error_file(doc), *what = config_error_text(doc);
            /* libconfig's only parse error text; others are shown as they are. */
            if (what != NULL && strcmp(what, "syntax error") == 0)
                what = "语法错误：请检查这一行和上一行的等号、引号、分号和括号 (syntax error)";
            snprintf(err, errlen, "配置文件 %s 第 %d 行有错误：%s", f ? f : path,
                     config_error_line(doc), what ? what : "");
        }
        dj_config_free(cfg);
        return -1;
    }
    if (read_connection(cfg->path, doc, cfg, err, errlen) != 0 ||
        read_log_file(cfg->path, doc, cfg, err, errlen) != 0) {
        dj_config_free(cfg);
        return -1;
    }
    return 0;
}

const char *dj_config_string(const struct dj_config *cfg, const char *path)
{
    const char *v = NULL;
    if (cfg == NULL || cfg->doc == NULL)
        return NULL;
    if (config_lookup_string(cfg->doc, path, &v) != CONFIG_TRUE)
        return NULL;
    return v;
}

void dj_config_free(struct dj_config *cfg)
{
    for (size_t i = 0; i < cfg->conn_count; i++)
        free((char *)cfg->conn_vals[i]);
    if (cfg->doc != NULL) {
        config_destroy(cfg->doc);
        free(cfg->doc);
    }
    free(cfg->path);
    free(cfg->log_file);
    memset(cfg, 0, sizeof *cfg);
}

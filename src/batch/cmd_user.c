/* dangjian user add | list | disable | passwd: clerks' login roles (src/db/user.h).
 * The server judges who may do what; this file parses, reads passwords and
 * prints.  Passwords never appear on the command line (ps would show them):
 * a first password is generated and printed once on stdout, or read from
 * stdin with --password-stdin; passwd asks on the terminal. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "batch/commands.h"
#include "batch/prompt.h"
#include "db/clerk_info.h"
#include "db/db.h"
#include "db/user.h"

dj_command_fn dj_cmd_user;

#define PW_BUF 512

static void usage(FILE *f)
{
    fputs("用法 Usage:\n"
          "  dangjian user add 用户名 --org 组织代码 --level 级别 [--admin] [--password-stdin]\n"
          "      添加用户 (add a clerk).  级别 level: branch 支部, general_branch 总支,\n"
          "      committee 党委, district 区县委/大口委办, city 市委, auditor 审计.\n"
          "      --org 可写多次：用户管理多个组织 (repeat --org for several organizations)\n"
          "      --admin           管理员（仅区县委/大口委办、市委级别）\n"
          "      --password-stdin  从标准输入读初始密码（一行）；否则生成随机密码，\n"
          "                        只在标准输出显示这一次。用户首次登录后须修改密码。\n"
          "  dangjian user list                 列出管辖范围内的用户 (list clerks, CSV)\n"
          "  dangjian user disable 用户名       停用用户 (disable a clerk)\n"
          "  dangjian user passwd [--password-stdin]   修改自己的密码 (change your password)\n"
          "以超级用户或管理员身份连接 (connect as the superuser or an administrator);\n"
          "passwd 以用户本人身份连接 (passwd: as the clerk).\n",
          f);
}

static void on_notice(void *ctx, const char *severity, const char *message)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", severity, message);
}

static struct dj_db *connect_or_say(const struct dj_config *cfg)
{
    struct dj_db_hooks hooks = {.password = dj_prompt_password, .notice = on_notice};
    struct dj_db_error err;
    struct dj_db *db = dj_db_connect(cfg, &hooks, &err);
    if (db == NULL)
        fprintf(stderr, "dangjian: %s\n", err.message);
    return db;
}

/* One line of stdin without its line end, into buf.  0, or -1: nothing, too
 * long, or a NUL inside (which would silently cut the password short). */
static int read_stdin_line(char *buf, size_t len)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    int rc = -1;
    if (n > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        if ((size_t)n < len && memchr(line, '\0', (size_t)n) == NULL) {
            memcpy(buf, line, (size_t)n);
            buf[n] = '\0';
            rc = 0;
        }
    }
    if (line != NULL) {
        explicit_bzero(line, cap);
        free(line);
    }
    return rc;
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

/* Asks on the terminal with echo off.  0, or -1 (no terminal, Ctrl-C, end of input). */
static int ask_tty(const char *prompt, char *buf, size_t len)
{
    buf[0] = '\0';
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    if (write(fd, prompt, strlen(prompt)) < 0) {
        close(fd);
        return -1;
    }
    struct termios saved, quiet;
    bool have = tcgetattr(fd, &saved) == 0;
    if (have) {
        quiet = saved;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHOE | ECHOK | ECHONL);
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    size_t n = 0;
    int rc = -1;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR && !interrupted)
            continue;
        if (r <= 0 || interrupted)
            break;
        if (c == '\n' || c == '\r') {
            rc = 0;
            break;
        }
        if (n + 1 < len)
            buf[n++] = c;
    }
    buf[n] = '\0';
    if (have)
        tcsetattr(fd, TCSAFLUSH, &saved);
    if (write(fd, "\n", 1) < 0)
        rc = -1;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    close(fd);
    if (rc != 0)
        explicit_bzero(buf, len);
    if (interrupted)
        raise((int)interrupted);
    return rc;
}

#define MAX_ORGS 16

static int add(int argc, char **argv, const struct dj_config *cfg)
{
    const char *name = NULL, *level_text = NULL;
    const char *orgs[MAX_ORGS];
    int norgs = 0;
    bool admin = false, from_stdin = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *org = NULL;
        if (strcmp(a, "--org") == 0 && i + 1 < argc) {
            org = argv[++i];
        } else if (strcmp(a, "--level") == 0 && i + 1 < argc) {
            level_text = argv[++i];
        } else if (strncmp(a, "--org=", 6) == 0) {
            org = a + 6;
        } else if (strncmp(a, "--level=", 8) == 0) {
            level_text = a + 8;
        } else if (strcmp(a, "--admin") == 0) {
            admin = true;
        } else if (strcmp(a, "--password-stdin") == 0) {
            from_stdin = true;
        } else if (a[0] == '-') {
            fprintf(stderr, "dangjian user add: 不认识的选项或缺少参数：%s\n", a);
            return 2;
        } else if (name == NULL) {
            name = a;
        } else {
            fprintf(stderr, "dangjian user add: 多余的参数：%s\n", a);
            return 2;
        }
        if (org != NULL && norgs == MAX_ORGS) {
            fprintf(stderr, "dangjian user add: --org 最多写 %d 个\n", MAX_ORGS);
            return 2;
        }
        if (org != NULL)
            orgs[norgs++] = org;
    }
    if (name == NULL || norgs == 0 || level_text == NULL) {
        fprintf(stderr, "dangjian user add: 要写明用户名、--org 组织代码和 --level 级别\n");
        usage(stderr);
        return 2;
    }
    const char *level = dj_user_level_parse(level_text);
    if (level == NULL) {
        fprintf(stderr,
                "dangjian user add: 不认识的级别“%s”；应为 branch（支部）、general_branch（总支）、"
                "committee（党委）、district（区县委/大口委办）、city（市委）或 auditor（审计）\n",
                level_text);
        return 2;
    }

    char pw[PW_BUF];
    if (from_stdin) {
        if (read_stdin_line(pw, sizeof pw) != 0) {
            fprintf(stderr, "dangjian user add: 没有从标准输入读到密码（一行）\n");
            return 1;
        }
    } else if (dj_user_random_password(pw, sizeof pw) != 0) {
        fprintf(stderr, "dangjian user add: 无法读取 /dev/urandom，不能生成密码\n");
        return 1;
    }
    const char *problem = dj_user_password_problem(pw);
    if (problem != NULL) {
        explicit_bzero(pw, sizeof pw);
        fprintf(stderr, "dangjian user add: %s\n", problem);
        return 1;
    }

    struct dj_db *db = connect_or_say(cfg);
    if (db == NULL) {
        explicit_bzero(pw, sizeof pw);
        return 1;
    }
    /* Several organizations: the role and all its scopes, or nothing. */
    struct dj_db_error err;
    int rc = norgs > 1 ? dj_db_begin(db, &err) : 0;
    if (rc == 0)
        rc = dj_user_add(db, name, orgs[0], level, pw, admin, &err);
    for (int i = 1; i < norgs && rc == 0; i++)
        rc = dj_user_add_scope(db, name, orgs[i], &err);
    if (norgs > 1 && rc == 0)
        rc = dj_db_commit(db, &err);
    else if (norgs > 1)
        dj_db_rollback(db);
    dj_db_close(db);
    if (rc != 0) {
        explicit_bzero(pw, sizeof pw);
        fprintf(stderr, "dangjian user add: %s\n", err.message);
        return 1;
    }
    char list[512] = "";
    for (int i = 0, used = 0; i < norgs && used < (int)sizeof list; i++)
        used += snprintf(list + used, sizeof list - (size_t)used, "%s%s", i ? "、" : "", orgs[i]);
    fprintf(stderr, "已添加用户 %s（%s%s，管理 %s）；用户首次登录后须修改密码。\n", name,
            dj_clerk_level_name(level), admin ? "，管理员" : "", list);
    if (!from_stdin) {
        fprintf(stderr, "初始密码如下，只显示这一次：\n");
        printf("%s\n", pw);
    }
    explicit_bzero(pw, sizeof pw);
    return 0;
}

/* A CSV field: quoted when it holds a comma, a quote or a line end. */
static void csv(const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, stdout);
    } else {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    }
    putchar(last ? '\n' : ',');
}

static int list(struct dj_db *db)
{
    struct dj_user *users;
    size_t n;
    struct dj_db_error err;
    if (dj_user_list(db, &users, &n, &err) != 0) {
        fprintf(stderr, "dangjian user list: %s\n", err.message);
        return 1;
    }
    puts("name,level,level_name,org_code,org_name,admin,disabled,must_change_password,created_by,"
         "created_at");
    for (size_t i = 0; i < n; i++) {
        const struct dj_user *u = &users[i];
        csv(u->name, false);
        csv(u->level, false);
        csv(dj_clerk_level_name(u->level), false);
        csv(u->org_code, false);
        csv(u->org_name, false);
        csv(u->is_admin ? "yes" : "no", false);
        csv(u->disabled ? "yes" : "no", false);
        csv(u->must_change_password ? "yes" : "no", false);
        csv(u->created_by, false);
        csv(u->created_at, true);
    }
    fprintf(stderr, "共 %zu 行\n", n);
    free(users);
    return 0;
}

static int disable(struct dj_db *db, const char *name)
{
    struct dj_db_error err;
    if (dj_user_disable(db, name, &err) != 0) {
        fprintf(stderr, "dangjian user disable: %s\n", err.message);
        return 1;
    }
    fprintf(stderr, "已停用用户 %s：不能再登录。\n", name);
    return 0;
}

static int passwd(const struct dj_config *cfg, bool from_stdin)
{
    char pw[PW_BUF], again[PW_BUF];
    struct dj_db *db = connect_or_say(cfg);
    if (db == NULL)
        return 1;
    int rc = 1;
    if (from_stdin) {
        if (read_stdin_line(pw, sizeof pw) != 0) {
            fprintf(stderr, "dangjian user passwd: 没有从标准输入读到新密码（一行）\n");
            goto out;
        }
    } else {
        if (ask_tty("新密码 (new password)：", pw, sizeof pw) != 0 ||
            ask_tty("再输入一次 (again)：", again, sizeof again) != 0) {
            fprintf(stderr, "dangjian user passwd: 没有输入新密码，密码未修改\n");
            goto out;
        }
        if (strcmp(pw, again) != 0) {
            fprintf(stderr, "dangjian user passwd: 两次输入的密码不一致，密码未修改\n");
            goto out;
        }
    }
    const char *problem = dj_user_password_problem(pw);
    if (problem != NULL) {
        fprintf(stderr, "dangjian user passwd: %s，密码未修改\n", problem);
        goto out;
    }
    struct dj_db_error err;
    if (dj_clerk_change_password(db, pw, &err) != 0) {
        fprintf(stderr, "dangjian user passwd: %s\n", err.message);
        goto out;
    }
    fprintf(stderr, "密码已修改。\n");
    rc = 0;
out:
    explicit_bzero(pw, sizeof pw);
    explicit_bzero(again, sizeof again);
    dj_db_close(db);
    return rc;
}

int dj_cmd_user(int argc, char **argv, const struct dj_config *cfg)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    const char *op = argc >= 2 ? argv[1] : "";
    if (strcmp(op, "add") == 0)
        return add(argc - 1, argv + 1, cfg);
    if (strcmp(op, "passwd") == 0) {
        bool from_stdin = argc == 3 && strcmp(argv[2], "--password-stdin") == 0;
        if (argc > 3 || (argc == 3 && !from_stdin)) {
            fprintf(stderr, "dangjian user passwd: 多余的参数：%s\n", argv[2]);
            return 2;
        }
        return passwd(cfg, from_stdin);
    }
    bool is_list = strcmp(op, "list") == 0 && argc == 2;
    bool is_disable = strcmp(op, "disable") == 0 && argc == 3 && argv[2][0] != '-';
    if (!is_list && !is_disable) {
        if (argc < 2)
            fprintf(stderr, "dangjian user: 要写明操作：add、list、disable 或 passwd\n");
        else if (strcmp(op, "list") != 0 && strcmp(op, "disable") != 0)
            fprintf(stderr, "dangjian user: 没有 %s 这个操作\n", op);
        else
            fprintf(stderr, "dangjian user %s: 参数不对\n", op);
        usage(stderr);
        return 2;
    }
    struct dj_db *db = connect_or_say(cfg);
    if (db == NULL)
        return 1;
    int rc = is_list ? list(db) : disable(db, argv[2]);
    dj_db_close(db);
    return rc;
}

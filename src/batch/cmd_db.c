/* dangjian db migrate | db status: the database's migrations (src/db/migrate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/commands.h"
#include "batch/prompt.h"
#include "db/db.h"
#include "db/migrate.h"
#include "log.h"

dj_command_fn dj_cmd_db;

static void usage(FILE *f)
{
    fputs("用法 Usage: dangjian db migrate | status\n"
          "  migrate  执行待执行的迁移，每个迁移一个事务 (apply pending migrations)\n"
          "  status   列出每个迁移：名称、状态、执行时间 (list migrations)\n"
          "           状态 state: applied 已执行, pending 待执行,\n"
          "           changed 已执行但内容已改, unknown 数据库中有而程序中没有\n"
          "以超级用户（或数据库的所有者）连接 (connect as a superuser or the database owner).\n",
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

static const char *state_word(enum dj_migration_state s)
{
    switch (s) {
    case DJ_MIGRATION_APPLIED:
        return "applied";
    case DJ_MIGRATION_PENDING:
        return "pending";
    case DJ_MIGRATION_CHANGED:
        return "changed";
    case DJ_MIGRATION_UNKNOWN:
        return "unknown";
    }
    return "?";
}

static int status(struct dj_db *db)
{
    struct dj_migration_status *st;
    size_t count;
    struct dj_db_error err;
    if (dj_migrate_status(db, dj_migrations, dj_migration_count, &st, &count, &err) != 0) {
        fprintf(stderr, "dangjian: %s\n", err.message);
        return 1;
    }
    size_t n[4] = {0};
    for (size_t i = 0; i < count; i++) {
        printf("%s\t%s\t%s\n", st[i].name, state_word(st[i].state), st[i].applied_at);
        n[st[i].state]++;
    }
    fprintf(stderr, "共 %zu 个迁移：已执行 %zu，待执行 %zu", count,
            n[DJ_MIGRATION_APPLIED] + n[DJ_MIGRATION_CHANGED], n[DJ_MIGRATION_PENDING]);
    if (n[DJ_MIGRATION_CHANGED])
        fprintf(stderr, "；%zu 个已执行的迁移在程序中被修改过 (changed)", n[DJ_MIGRATION_CHANGED]);
    if (n[DJ_MIGRATION_UNKNOWN])
        fprintf(stderr, "；%zu 个迁移本程序不认识 (unknown)", n[DJ_MIGRATION_UNKNOWN]);
    fputs("\n", stderr);
    free(st);
    return 0;
}

static int migrate(struct dj_db *db)
{
    struct dj_db_error err;
    if (dj_migrate_run(db, dj_migrations, dj_migration_count, stdout, stderr, &err) != 0) {
        fprintf(stderr, "dangjian: %s\n", err.message);
        return 1;
    }
    return 0;
}

int dj_cmd_db(int argc, char **argv, const struct dj_config *cfg)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    int (*action)(struct dj_db *) = NULL;
    if (argc == 2 && strcmp(argv[1], "migrate") == 0)
        action = migrate;
    else if (argc == 2 && strcmp(argv[1], "status") == 0)
        action = status;
    if (action == NULL) {
        if (argc > 2)
            fprintf(stderr, "dangjian db: 多余的参数：%s\n", argv[2]);
        else if (argc == 2)
            fprintf(stderr, "dangjian db: 没有 %s 这个操作\n", argv[1]);
        usage(stderr);
        return 2;
    }
    struct dj_db *db = connect_or_say(cfg);
    if (db == NULL)
        return 1;
    int rc = action(db);
    dj_db_close(db);
    return rc;
}

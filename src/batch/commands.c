#include "batch/commands.h"

#include <string.h>

/* One line per subcommand: its name (the function is dj_cmd_NAME in
 * src/batch/cmd_NAME.c) and its help line for `dangjian --help`. */
#define DJ_COMMAND_LIST(X)                                                                         \
    X(db, "数据库迁移与状态：db migrate | db status (database migrations and status)")             \
    X(user, "用户管理：user add | list | disable | passwd (clerks' login roles)")                  \
    X(generate, "装入模拟数据：generate --preset demo|small|full (load generated data)")           \
    X(remind, "发展党员工作提醒：remind [--as-of 日期] [--csv] (development reminders)")           \
    X(report,                                                                                      \
      "统计报表：report stats [--org 代码] [--csv] (statistics by sex, age, education, stage)")

#define DECLARE(name, help) dj_command_fn dj_cmd_##name;
DJ_COMMAND_LIST(DECLARE)
#undef DECLARE

#define ENTRY(name, help) {#name, dj_cmd_##name, help},
const struct dj_command dj_commands[] = {DJ_COMMAND_LIST(ENTRY)};
#undef ENTRY
const size_t dj_command_count = sizeof dj_commands / sizeof dj_commands[0];

const struct dj_command *dj_command_find(const char *name)
{
    for (size_t i = 0; i < dj_command_count; i++)
        if (strcmp(dj_commands[i].name, name) == 0)
            return &dj_commands[i];
    return NULL;
}

/* dangjian: parse the arguments, load the configuration, then open the
 * terminal UI or run one console subcommand (src/batch/commands.c). */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "batch/commands.h"
#include "config.h"
#include "log.h"
#include "tui/tui.h"

static void usage(FILE *f)
{
    fputs("用法 Usage: dangjian [--config 文件] [--help] [--version] [子命令 参数...]\n"
          "不带子命令时打开终端界面 (without a subcommand: the terminal UI).\n"
          "\n"
          "选项 Options:\n"
          "  --config FILE  使用这个配置文件 (use this configuration file)\n"
          "  --help         显示本帮助 (show this help)\n"
          "  --version      显示版本 (show the version)\n"
          "\n"
          "子命令 Subcommands (dangjian 子命令 --help 查看详情):\n",
          f);
    for (size_t i = 0; i < dj_command_count; i++)
        fprintf(f, "  %-12s %s\n", dj_commands[i].name, dj_commands[i].help);
    fputs("\n"
          "配置文件 Configuration, the first found: --config, $DANGJIAN_CONFIG,\n"
          "  $XDG_CONFIG_HOME/dangjian/dangjian.conf (~/.config/dangjian/dangjian.conf),\n"
          "  /etc/dangjian/dangjian.conf.  PGHOST 等环境变量和 ~/.pgpass 照常有效.\n"
          "退出码 Exit codes: 0 完成 done, 1 失败 failed, 2 用法错误 wrong usage.\n",
          f);
}

static int wrong_usage(const char *what, const char *arg)
{
    fprintf(stderr, "dangjian: %s%s\n\n", what, arg);
    usage(stderr);
    return 2;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    const char *config_path = NULL;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("dangjian %s\n", DJ_VERSION);
            return 0;
        }
        if (strcmp(a, "--config") == 0) {
            if (i + 1 >= argc)
                return wrong_usage("--config 后面要写配置文件的路径", "");
            config_path = argv[++i];
            continue;
        }
        if (strncmp(a, "--config=", 9) == 0) {
            config_path = a + 9;
            continue;
        }
        if (a[0] == '-')
            return wrong_usage("不认识的选项：", a);
        break;
    }

    const struct dj_command *cmd = NULL;
    if (i < argc) {
        cmd = dj_command_find(argv[i]);
        if (cmd == NULL)
            return wrong_usage("没有这个子命令：", argv[i]);
    }

    struct dj_config cfg;
    char err[1024];
    if (dj_config_load(config_path, &cfg, err, sizeof err) != 0) {
        fprintf(stderr, "dangjian: %s\n", err);
        return 1;
    }
    if (dj_log_open(cfg.log_file, err, sizeof err) != 0) {
        fprintf(stderr, "dangjian: %s\n", err);
        dj_config_free(&cfg);
        return 1;
    }
    dj_log("dangjian %s 启动：%s，配置文件 %s", DJ_VERSION, cmd ? cmd->name : "终端界面",
           cfg.path ? cfg.path : "(无)");

    int rc = cmd ? cmd->run(argc - i, argv + i, &cfg) : tui_run(&cfg);

    dj_log_close();
    dj_config_free(&cfg);
    return rc;
}

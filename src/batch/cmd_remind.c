/* dangjian remind [--as-of DATE] [--csv]: the development reminders in the
 * connecting clerk's scope (src/db/development.h, app.remind): talks overdue,
 * activists reaching a year, probation ending or overdue, approvals overdue.
 * One line per reminder on stdout (tab-separated, or CSV with a header), the
 * count on stderr.  Without --as-of the server's today is the day. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/commands.h"
#include "batch/prompt.h"
#include "db/db.h"
#include "db/development.h"
#include "model/date.h"

dj_command_fn dj_cmd_remind;

static void usage(FILE *f)
{
    fputs("用法 Usage: dangjian remind [--as-of YYYY-MM-DD] [--csv]\n"
          "  发展党员工作提醒：谈话逾期、积极分子满一年、预备期将满或已满未转正、\n"
          "  接收预备党员审批逾期（管辖范围内）。(development reminders in your scope)\n"
          "  --as-of  按哪一天计算，默认今天 (the day to judge by; default today)\n"
          "  --csv    输出 CSV（带表头）；否则每条一行，以制表符分隔：\n"
          "           日期 类别 姓名 所在组织 说明 (date, kind, name, organization, note)\n",
          f);
}

static void on_notice(void *ctx, const char *severity, const char *message)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", severity, message);
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

/* Tabs and line ends cannot be in stored text (CHECKs), but a plain line
 * must stay one line whatever comes back. */
static void plain(const char *s, bool last)
{
    for (; *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
    putchar(last ? '\n' : '\t');
}

int dj_cmd_remind(int argc, char **argv, const struct dj_config *cfg)
{
    const char *as_of = NULL;
    char as_of_text[DJ_DATE_STRLEN] = "";
    bool as_csv = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--csv") == 0) {
            as_csv = true;
        } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            struct dj_date d;
            char msg[256];
            if (dj_date_parse("--as-of", argv[++i], &d, msg, sizeof msg) != 0) {
                fprintf(stderr, "dangjian remind: %s\n", msg);
                return 2;
            }
            as_of = dj_date_format(d, as_of_text);
        } else {
            fprintf(stderr, "dangjian remind: 不认识的参数“%s”\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }

    struct dj_db_hooks hooks = {.password = dj_prompt_password, .notice = on_notice};
    struct dj_db_error err;
    struct dj_db *db = dj_db_connect(cfg, &hooks, &err);
    if (db == NULL) {
        fprintf(stderr, "dangjian: %s\n", err.message);
        return 1;
    }
    struct dj_remind_row *rows;
    size_t n;
    if (dj_remind(db, as_of, &rows, &n, &err) != 0) {
        fprintf(stderr, "dangjian remind: %s\n", err.message);
        dj_db_close(db);
        return 1;
    }
    dj_db_close(db);

    if (as_csv)
        puts("due_on,kind,kind_name,person_id,name,org_id,org_name,note");
    for (size_t i = 0; i < n; i++) {
        const struct dj_remind_row *r = &rows[i];
        char pid[24], oid[24];
        snprintf(pid, sizeof pid, "%lld", r->person_id);
        snprintf(oid, sizeof oid, "%lld", r->org_id);
        if (as_csv) {
            csv(r->due_on, false);
            csv(dj_remind_kind_code(r->kind), false);
            csv(r->kind_name, false);
            csv(pid, false);
            csv(r->name, false);
            csv(oid, false);
            csv(r->org_name, false);
            csv(r->note, true);
        } else {
            plain(r->due_on, false);
            plain(r->kind_name, false);
            plain(r->name, false);
            plain(r->org_name, false);
            plain(r->note, true);
        }
    }
    fprintf(stderr, "共 %zu 条提醒（按 %s 计算）\n", n, as_of ? as_of : "今天");
    free(rows);
    return 0;
}

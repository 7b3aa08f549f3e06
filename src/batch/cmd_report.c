/* dangjian report stats: an organization's statistics by sex, age band,
 * education and development stage (src/db/stats.h), as the connected role
 * sees them: plain lines or CSV on stdout, messages on stderr. */
#include <stdio.h>
#include <string.h>

#include "batch/commands.h"
#include "batch/prompt.h"
#include "db/db.h"
#include "db/stats.h"
#include "model/date.h"

dj_command_fn dj_cmd_report;

static void usage(FILE *f)
{
    fputs("用法 Usage: dangjian report stats [--org 组织代码] [--as-of YYYY-MM-DD] [--csv]\n"
          "统计党组织及其下级的现有人员（不含历史党员）：性别、年龄段、学历、发展阶段。\n"
          "(statistics of an organization's subtree by sex, age band, education and stage)\n"
          "  --org    组织代码，如 001.001；默认为本人管辖的组织（超级用户为市委）\n"
          "  --as-of  年龄按该日期所在年份的年内周岁计算，默认今天\n"
          "           (ages as reached in that date's year; default today)\n"
          "  --csv    输出 CSV：dimension,code,name,count\n"
          "输出 Output: one line per category, dimension<TAB>维度<TAB>名称<TAB>人数;\n"
          "  dimension is total, sex, age, education or stage.\n",
          f);
}

static void on_notice(void *ctx, const char *severity, const char *message)
{
    (void)ctx;
    fprintf(stderr, "%s: %s\n", severity, message);
}

/* A CSV field: quoted when it holds a comma, quote or line end. */
static void csv_field(const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static int stats(const char *org_code, const char *as_of, bool csv, const struct dj_config *cfg)
{
    struct dj_db_hooks hooks = {.password = dj_prompt_password, .notice = on_notice};
    struct dj_db_error err;
    struct dj_db *db = dj_db_connect(cfg, &hooks, &err);
    if (db == NULL) {
        fprintf(stderr, "dangjian: %s\n", err.message);
        return 1;
    }
    long long org = 0;
    struct dj_stats s = {0};
    int rc = dj_stats_org(db, org_code, &org, &err);
    if (rc == 1) {
        if (org_code)
            fprintf(stderr, "dangjian report stats: 党组织“%s”不存在或不在您的管辖范围内\n",
                    org_code);
        else
            fprintf(stderr, "dangjian report stats: 没有可统计的党组织，请用 --org 指定\n");
    } else if (rc == 0) {
        rc = dj_stats_load(db, org, as_of, &s, &err) == 0 ? 0 : -1;
    }
    if (rc < 0)
        fprintf(stderr, "dangjian report stats: %s\n", err.message);
    if (rc == 0) {
        if (csv)
            puts("dimension,code,name,count");
        for (size_t i = 0; i < s.count; i++) {
            const struct dj_stats_row *r = &s.rows[i];
            if (csv) {
                csv_field(r->dimension);
                putchar(',');
                csv_field(r->code);
                putchar(',');
                csv_field(r->name);
                printf(",%lld\n", r->n);
            } else {
                printf("%s\t%s\t%s\t%lld\n", r->dimension, dj_stats_dimension_name(r->dimension),
                       r->name, r->n);
            }
        }
    }
    dj_stats_free(&s);
    dj_db_close(db);
    return rc == 0 ? 0 : 1;
}

int dj_cmd_report(int argc, char **argv, const struct dj_config *cfg)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "stats") != 0) {
        fprintf(stderr, "dangjian report: 没有报表“%s”（目前只有 stats）\n", argv[1]);
        usage(stderr);
        return 2;
    }
    const char *org = NULL, *as_of = NULL;
    char as_of_buf[DJ_DATE_STRLEN];
    bool csv = false;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        struct dj_date d;
        if (strcmp(a, "--csv") == 0) {
            csv = true;
        } else if (strcmp(a, "--org") == 0 && v) {
            org = v, i++;
        } else if (strcmp(a, "--as-of") == 0 && v &&
                   dj_date_parse("--as-of", v, &d, NULL, 0) == 0) {
            as_of = dj_date_format(d, as_of_buf), i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "dangjian report stats: 参数不对：%s%s%s\n", a, v ? " " : "",
                    v ? v : "");
            usage(stderr);
            return 2;
        }
    }
    return stats(org, as_of, csv, cfg);
}

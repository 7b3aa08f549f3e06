#ifndef DJ_DB_STATS_H
#define DJ_DB_STATS_H
/*
 * Statistics of an organization's current people by sex, age band,
 * education (by level) and development stage: app.stats_by (sql/050_stats.sql)
 * with the caller's rights, so an organization outside the clerk's scope
 * gives no rows.  For the city and a district the figures come from a summary
 * kept exact by triggers; for smaller organizations from a direct count.
 * Ages are those reached in the year of as_of (as the annual party
 * statistics count them).
 *
 * dj_stats_load fills a dj_stats (free with dj_stats_free): rows in report
 * order, dimension "total" first (one row, 合计), then "sex", "age",
 * "education", "stage", each with every category (zeros included; education
 * categories only when counted).
 */
#include "db/db.h"

struct dj_stats_row {
    char *dimension; /* total, sex, age, education, stage */
    char *code;      /* the category's code ("" for total, unknown education) */
    char *name;      /* its Chinese name */
    long long n;
};

struct dj_stats {
    struct dj_stats_row *rows;
    size_t count;
};

/* The organization of a code as the caller sees it: its id into *org_id and
 * 0, 1 when there is none (or it lies outside the clerk's scope), -1 with
 * err.  code NULL: the clerk's first scope organization, or the city for a
 * role that is not a clerk (the superuser). */
int dj_stats_org(struct dj_db *db, const char *code, long long *org_id, struct dj_db_error *err);

/* as_of: YYYY-MM-DD, or NULL for today.  Returns 0 with out filled (empty when
 * the organization is not visible), or -1 with err and out empty. */
int dj_stats_load(struct dj_db *db, long long org_id, const char *as_of, struct dj_stats *out,
                  struct dj_db_error *err);

void dj_stats_free(struct dj_stats *s);

/* The Chinese heading of a dimension ("性别", "年龄", "学历", "发展阶段", "合计"). */
const char *dj_stats_dimension_name(const char *dimension);

#endif

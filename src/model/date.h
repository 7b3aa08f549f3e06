#ifndef DJ_MODEL_DATE_H
#define DJ_MODEL_DATE_H
/*
 * Calendar dates (proleptic Gregorian, years 1..9999) as clerks type them and
 * as PostgreSQL computes with them.  Month arithmetic follows PostgreSQL's
 * `date + interval 'N months'`: the day is clamped to the end of the target
 * month (2020-02-29 + 1 year = 2021-02-28).  Only dj_date_today reads the
 * clock; every rule takes the date it is judged on as a parameter.
 */
#include <stdbool.h>
#include <stddef.h>

struct dj_date {
    int y, m, d;
};

#define DJ_DATE_STRLEN   11 /* "YYYY-MM-DD" and its NUL */
#define DJ_DATE_MIN_YEAR 1
#define DJ_DATE_MAX_YEAR 9999

bool dj_date_is_leap(int y);

/* 28..31, or 0 when m is not 1..12. */
int dj_date_days_in_month(int y, int m);

/* True when the date exists (year within DJ_DATE_MIN_YEAR..DJ_DATE_MAX_YEAR). */
bool dj_date_valid(struct dj_date d);

/* Parses "YYYY-MM-DD", "YYYYMMDD" or "YYYY.MM.DD" (with a separator, the month
 * and day may have one digit: "2021-7-1"); surrounding spaces are ignored.
 * Returns 0, or -1 with a Chinese message naming label (NULL means "日期")
 * and saying whether the shape or the date itself is wrong.  msg may be NULL. */
int dj_date_parse(const char *label, const char *s, struct dj_date *out, char *msg, size_t msglen);

/* Writes "YYYY-MM-DD" into buf and returns buf. */
char *dj_date_format(struct dj_date d, char buf[DJ_DATE_STRLEN]);

/* <0, 0, >0 as a is before, equal to, after b. */
int dj_date_cmp(struct dj_date a, struct dj_date b);

/* PostgreSQL's date + interval 'n months' (n may be negative). */
struct dj_date dj_date_add_months(struct dj_date d, int n);
struct dj_date dj_date_add_years(struct dj_date d, int n);
struct dj_date dj_date_add_days(struct dj_date d, long n);

/* Days from a to b (b - a, as PostgreSQL's date - date). */
long dj_date_diff_days(struct dj_date a, struct dj_date b);

/* Full years from birth to on: the largest n with birth + n years <= on, the
 * same test the database rules use ("at least 18 years" is
 * on >= birth + interval '18 years'), so someone born on 29 February turns a
 * year older on 28 February in common years.  Negative when on < birth. */
int dj_date_age(struct dj_date birth, struct dj_date on);

/* Today in local time. */
struct dj_date dj_date_today(void);

#endif

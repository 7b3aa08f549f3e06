#include "model/date.h"

#include <stdio.h>
#include <time.h>

bool dj_date_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int dj_date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && dj_date_is_leap(y))
        return 29;
    return days[m - 1];
}

bool dj_date_valid(struct dj_date d)
{
    return d.y >= DJ_DATE_MIN_YEAR && d.y <= DJ_DATE_MAX_YEAR && d.m >= 1 && d.m <= 12 &&
           d.d >= 1 && d.d <= dj_date_days_in_month(d.y, d.m);
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads between min and max digits; returns how many were read, or 0. */
static int read_digits(const char **p, int min, int max, int *value)
{
    int n = 0, v = 0;
    while (n < max && is_digit((*p)[n])) {
        v = v * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min)
        return 0;
    *p += n;
    *value = v;
    return n;
}

/* The shape alone: four-digit year, then MMDD or a separator and 1-2 digits twice. */
static bool parse_shape(const char *s, struct dj_date *out)
{
    const char *p = s;
    while (is_space(*p))
        p++;
    if (!read_digits(&p, 4, 4, &out->y))
        return false;
    if (*p == '-' || *p == '.' || *p == '/') {
        char sep = *p++;
        if (!read_digits(&p, 1, 2, &out->m) || *p++ != sep || !read_digits(&p, 1, 2, &out->d))
            return false;
    } else {
        int mmdd;
        if (read_digits(&p, 4, 4, &mmdd) != 4)
            return false;
        out->m = mmdd / 100;
        out->d = mmdd % 100;
    }
    while (is_space(*p))
        p++;
    return *p == '\0';
}

int dj_date_parse(const char *label, const char *s, struct dj_date *out, char *msg, size_t msglen)
{
    struct dj_date d = {0, 0, 0};
    char shown[32];
    if (!label)
        label = "日期";
    if (!s || !parse_shape(s, &d)) {
        if (msg)
            snprintf(msg, msglen,
                     "「%s」应写成 YYYY-MM-DD（如 2021-07-01），也可写 20210701 或 2021.07.01",
                     label);
        return -1;
    }
    snprintf(shown, sizeof shown, "%04d-%02d-%02d", d.y, d.m, d.d);
    if (d.y < DJ_DATE_MIN_YEAR) {
        if (msg)
            snprintf(msg, msglen, "「%s」%s 不存在：年份应在 %d 到 %d 之间", label, shown,
                     DJ_DATE_MIN_YEAR, DJ_DATE_MAX_YEAR);
        return -1;
    }
    if (d.m < 1 || d.m > 12) {
        if (msg)
            snprintf(msg, msglen, "「%s」%s 不存在：月份应在 1 到 12 之间", label, shown);
        return -1;
    }
    if (d.d < 1 || d.d > dj_date_days_in_month(d.y, d.m)) {
        if (msg)
            snprintf(msg, msglen, "「%s」%s 不存在：%d年%d月只有%d天", label, shown, d.y, d.m,
                     dj_date_days_in_month(d.y, d.m));
        return -1;
    }
    *out = d;
    return 0;
}

char *dj_date_format(struct dj_date d, char buf[DJ_DATE_STRLEN])
{
    /* The cast keeps the output within the buffer even for a nonsense date. */
    snprintf(buf, DJ_DATE_STRLEN, "%04u-%02u-%02u", (unsigned)d.y % 10000u, (unsigned)d.m % 100u,
             (unsigned)d.d % 100u);
    return buf;
}

int dj_date_cmp(struct dj_date a, struct dj_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

struct dj_date dj_date_add_months(struct dj_date d, int n)
{
    /* Months counted from year 0 so that negative n borrows years correctly. */
    long months = (long)d.y * 12 + (d.m - 1) + n;
    long y = months >= 0 ? months / 12 : -((-months + 11) / 12);
    struct dj_date r;
    r.y = (int)y;
    r.m = (int)(months - y * 12) + 1;
    int last = dj_date_days_in_month(r.y, r.m);
    r.d = d.d > last ? last : d.d;
    return r;
}

struct dj_date dj_date_add_years(struct dj_date d, int n)
{
    return dj_date_add_months(d, n * 12);
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static long to_days(struct dj_date d)
{
    long y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static struct dj_date from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    struct dj_date r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era * 400 + (r.m <= 2));
    return r;
}

struct dj_date dj_date_add_days(struct dj_date d, long n)
{
    return from_days(to_days(d) + n);
}

long dj_date_diff_days(struct dj_date a, struct dj_date b)
{
    return to_days(b) - to_days(a);
}

int dj_date_age(struct dj_date birth, struct dj_date on)
{
    int n = on.y - birth.y;
    if (dj_date_cmp(dj_date_add_years(birth, n), on) > 0)
        n--;
    return n;
}

struct dj_date dj_date_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    struct dj_date d = {1970, 1, 1};
    if (localtime_r(&now, &tm)) {
        d.y = tm.tm_year + 1900;
        d.m = tm.tm_mon + 1;
        d.d = tm.tm_mday;
    }
    return d;
}

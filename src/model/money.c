#include "model/money.h"

#include <stdbool.h>
#include <stdio.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int refuse(char *msg, size_t msglen, const char *label, const char *why)
{
    if (msg)
        snprintf(msg, msglen, "「%s」%s", label, why);
    return -1;
}

int dj_money_parse(const char *label, const char *s, int64_t *fen, char *msg, size_t msglen)
{
    const char *p = s;
    int64_t v = 0;
    int int_digits = 0, frac_digits = 0;
    if (!label)
        label = "金额";
    if (!p)
        p = "";
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0')
        return refuse(msg, msglen, label, "不能为空");
    if (*p == '-')
        return refuse(msg, msglen, label, "不能为负数");

    for (; is_digit(*p); p++, int_digits++) {
        if (v > (INT64_MAX - (*p - '0')) / 10)
            return refuse(msg, msglen, label, "数额太大");
        v = v * 10 + (*p - '0');
    }
    /* Whole yuan must leave room for the fen. */
    if (v > INT64_MAX / 100)
        return refuse(msg, msglen, label, "数额太大");
    v *= 100;
    if (*p == '.') {
        p++;
        int64_t f = 0;
        for (; is_digit(*p); p++, frac_digits++) {
            if (frac_digits < 2)
                f = f * 10 + (*p - '0');
        }
        if (frac_digits > 2)
            return refuse(msg, msglen, label, "最多填写两位小数（到分）");
        if (frac_digits == 1)
            f *= 10;
        if (v > INT64_MAX - f)
            return refuse(msg, msglen, label, "数额太大");
        v += f;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0' || int_digits + frac_digits == 0)
        return refuse(msg, msglen, label,
                      "应填写以元为单位的数字，如 12.34，不要带单位、逗号或其他符号");
    *fen = v;
    return 0;
}

char *dj_money_format(int64_t fen, char buf[DJ_MONEY_STRLEN])
{
    /* Work on the magnitude as unsigned so INT64_MIN needs no special case. */
    uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    snprintf(buf, DJ_MONEY_STRLEN, "%s%llu.%02llu", fen < 0 ? "-" : "",
             (unsigned long long)(mag / 100), (unsigned long long)(mag % 100));
    return buf;
}

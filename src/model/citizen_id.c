#include "model/citizen_id.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/province.h"
#include "model/text.h"

static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
static const char check_chars[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

char dj_id_check_char(const char *s)
{
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        if (!is_digit(s[i]))
            return '\0';
        sum += (s[i] - '0') * weights[i];
    }
    return check_chars[sum % 11];
}

int dj_id_upgrade15(const char *s, char out[19])
{
    if (strlen(s) != 15 || strspn(s, "0123456789") != 15)
        return -1;
    memcpy(out, s, 6);
    out[6] = '1';
    out[7] = '9';
    memcpy(out + 8, s + 6, 9);
    out[17] = dj_id_check_char(out);
    out[18] = '\0';
    return 0;
}

bool dj_id_accepted(enum dj_id_result r)
{
    return r == DJ_ID_OK || r == DJ_ID_UNKNOWN;
}

/* One character of the input as the clerk typed it: its bytes, or a stray
 * byte that is not UTF-8 (counted as one character so lengths stay sane). */
struct typed_char {
    const char *p;
    int len;
    uint32_t cp; /* 0xFFFFFFFF for a byte that is not UTF-8 */
};

#define MAX_TYPED 40 /* more than this is a wrong length anyway */

static size_t split_chars(const char *s, size_t len, struct typed_char *out, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        uint32_t cp = 0;
        int k = dj_text_utf8_decode(s + i, len - i, &cp);
        if (k == 0) {
            k = 1;
            cp = 0xFFFFFFFFu;
        }
        if (n < MAX_TYPED)
            out[n] = (struct typed_char){s + i, k, cp};
        i += (size_t)k;
    }
    *count = n < MAX_TYPED ? n : MAX_TYPED;
    return n;
}

static bool is_blank_at(const char *s, size_t len, int *k)
{
    uint32_t cp = 0;
    *k = dj_text_utf8_decode(s, len, &cp);
    return *k > 0 && (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000);
}

static bool is_fullwidth_id_char(uint32_t cp)
{
    return (cp >= 0xFF10 && cp <= 0xFF19) || cp == 0xFF38 || cp == 0xFF58;
}

/* Describes the character at position pos (1-based) for a message. */
static void describe_bad_char(const struct typed_char *c, int pos, char *msg, size_t msglen)
{
    if (!msg)
        return;
    if (c->cp == 0xFFFFFFFFu || (c->cp < 0x20 || c->cp == 0x7F || (c->cp >= 0x80 && c->cp <= 0x9F)))
        snprintf(msg, msglen, "身份证号码第%d位是无法识别的字符，请删除后重新输入", pos);
    else if (is_fullwidth_id_char(c->cp))
        snprintf(msg, msglen,
                 "身份证号码第%d位「%.*s」是全角字符，请切换到半角（英文）输入后重新输入", pos,
                 c->len, c->p);
    else if (pos == 18)
        snprintf(msg, msglen, "身份证号码第18位（校验码）只能是数字或 X，现在是「%.*s」", c->len,
                 c->p);
    else
        snprintf(msg, msglen, "身份证号码第%d位「%.*s」不是数字：前17位只能是数字", pos, c->len,
                 c->p);
}

static enum dj_id_result finish(enum dj_id_result r, struct dj_id *out)
{
    if (out && !dj_id_accepted(r))
        memset(out, 0, sizeof *out);
    return r;
}

enum dj_id_result dj_id_check(const char *input, struct dj_date today, struct dj_id *out, char *msg,
                              size_t msglen)
{
    const char *s = input ? input : "";
    size_t len = strlen(s);
    int k;
    char num[19], date_buf[DJ_DATE_STRLEN], today_buf[DJ_DATE_STRLEN];

    if (msg && msglen)
        msg[0] = '\0';
    while (len > 0 && is_blank_at(s, len, &k))
        s += k, len -= (size_t)k;
    /* Trailing blanks: step back over ASCII blanks and U+3000 (E3 80 80). */
    for (;;) {
        if (len > 0 && strchr(" \t\r\n", s[len - 1]))
            len--;
        else if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
            len -= 3;
        else
            break;
    }

    if (len == 0) {
        if (msg)
            snprintf(msg, msglen, "请填写身份证号码（确实不清楚时填“#”）");
        return finish(DJ_ID_EMPTY, out);
    }
    /* The manual's "#", also as the full-width "＃" an input method may give. */
    if ((len == 1 && s[0] == '#') || (len == 3 && memcmp(s, "\xEF\xBC\x83", 3) == 0)) {
        if (msg)
            snprintf(msg, msglen, "身份证号码不详（按“#”记录）");
        if (out) {
            memset(out, 0, sizeof *out);
            out->number[0] = '#';
        }
        return DJ_ID_UNKNOWN;
    }

    struct typed_char chars[MAX_TYPED];
    size_t shown;
    size_t nchars = split_chars(s, len, chars, &shown);

    if (nchars == 15 && len == 15 && strspn(s, "0123456789") >= 15) {
        char s15[16], s18[19];
        memcpy(s15, s, 15);
        s15[15] = '\0';
        dj_id_upgrade15(s15, s18);
        if (msg)
            snprintf(
                msg, msglen,
                "这是旧的15位身份证号码，请换算为18位（按规则应为 %s，请与本人身份证核对后填写）",
                s18);
        return finish(DJ_ID_OLD_15, out);
    }
    if (nchars != 18) {
        if (msg)
            snprintf(msg, msglen, "身份证号码应为18位，现在是%zu位", nchars);
        return finish(DJ_ID_BAD_LENGTH, out);
    }

    for (int i = 0; i < 18; i++) {
        const struct typed_char *c = &chars[i];
        bool ok =
            c->len == 1 && (is_digit(c->p[0]) || (i == 17 && (c->p[0] == 'X' || c->p[0] == 'x')));
        if (!ok) {
            describe_bad_char(c, i + 1, msg, msglen);
            return finish(DJ_ID_BAD_CHAR, out);
        }
        num[i] = c->p[0] == 'x' ? 'X' : c->p[0];
    }
    num[18] = '\0';

    int province = (num[0] - '0') * 10 + (num[1] - '0');
    if (!dj_province_find(province)) {
        if (msg)
            snprintf(msg, msglen,
                     "身份证号码前两位「%.2s」不是有效的省级行政区划代码（GB/T 2260），请核对",
                     num);
        return finish(DJ_ID_BAD_PROVINCE, out);
    }

    struct dj_date birth;
    int v = 0;
    for (int i = 6; i < 14; i++)
        v = v * 10 + (num[i] - '0');
    birth.y = v / 10000;
    birth.m = v / 100 % 100;
    birth.d = v % 100;
    if (birth.m < 1 || birth.m > 12) {
        if (msg)
            snprintf(msg, msglen, "身份证号码第7–14位的出生日期「%.8s」不存在：月份应在01到12之间",
                     num + 6);
        return finish(DJ_ID_BAD_DATE, out);
    }
    if (birth.d < 1 || birth.d > dj_date_days_in_month(birth.y, birth.m)) {
        if (msg)
            snprintf(msg, msglen, "身份证号码第7–14位的出生日期「%.8s」不存在：%d年%d月只有%d天",
                     num + 6, birth.y, birth.m, dj_date_days_in_month(birth.y, birth.m));
        return finish(DJ_ID_BAD_DATE, out);
    }
    if (birth.y < DJ_ID_MIN_BIRTH_YEAR) {
        if (msg)
            snprintf(msg, msglen, "身份证号码中的出生日期 %s 早于%d年，请核对第7–14位",
                     dj_date_format(birth, date_buf), DJ_ID_MIN_BIRTH_YEAR);
        return finish(DJ_ID_BAD_DATE, out);
    }
    if (dj_date_cmp(birth, today) > 0) {
        if (msg)
            snprintf(msg, msglen, "身份证号码中的出生日期 %s 晚于今天（%s），请核对第7–14位",
                     dj_date_format(birth, date_buf), dj_date_format(today, today_buf));
        return finish(DJ_ID_FUTURE_DATE, out);
    }

    char expected = dj_id_check_char(num);
    if (num[17] != expected) {
        if (msg)
            snprintf(msg, msglen,
                     "身份证号码校验码不对：按前17位算，第18位应为「%c」，现在是「%c」；"
                     "请逐位核对号码",
                     expected, num[17]);
        return finish(DJ_ID_BAD_CHECK, out);
    }

    if (out) {
        memset(out, 0, sizeof *out);
        memcpy(out->number, num, sizeof num);
        out->birth = birth;
        out->sex = (num[16] - '0') % 2 == 1 ? 1 : 2;
        out->province = province;
        memcpy(out->area, num, 6);
        out->area[6] = '\0';
    }
    return DJ_ID_OK;
}

static const char *sex_name(int sex)
{
    return sex == 1 ? "男" : sex == 2 ? "女" : "未知";
}

int dj_id_match_record(const struct dj_id *id, struct dj_date birth, int sex, char *msg,
                       size_t msglen)
{
    int flags = DJ_ID_MATCH_OK;
    size_t used = 0;
    char a[DJ_DATE_STRLEN], b[DJ_DATE_STRLEN];

    if (msg && msglen)
        msg[0] = '\0';
    if (id->number[0] == '#' || id->number[0] == '\0')
        return flags;
    if (dj_date_valid(birth) && dj_date_cmp(birth, id->birth) != 0) {
        flags |= DJ_ID_MISMATCH_BIRTH;
        if (msg) {
            int n = snprintf(msg, msglen, "身份证号码中的出生日期是 %s，与填写的出生日期 %s 不一致",
                             dj_date_format(id->birth, a), dj_date_format(birth, b));
            used = n > 0 ? (size_t)n : 0;
        }
    }
    if ((sex == 1 || sex == 2) && sex != id->sex) {
        flags |= DJ_ID_MISMATCH_SEX;
        if (msg && used < msglen)
            snprintf(msg + used, msglen - used,
                     "%s身份证号码表明性别为%s（第17位是%s数），与填写的性别「%s」不一致",
                     used ? "；" : "", sex_name(id->sex), id->sex == 1 ? "单" : "双",
                     sex_name(sex));
    }
    return flags;
}

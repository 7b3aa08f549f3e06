#include "model/text.h"

#include <stdio.h>
#include <string.h>

int dj_text_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c, min;
    int n;
    if (len == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    } else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        n = 2, c = u[0] & 0x1F, min = 0x80;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        n = 3, c = u[0] & 0x0F, min = 0x800;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        n = 4, c = u[0] & 0x07, min = 0x10000;
    } else {
        return 0; /* continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    if ((size_t)n > len)
        return 0;
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

long dj_text_utf8_chars(const char *s)
{
    size_t len = strlen(s);
    long count = 0;
    for (size_t i = 0; i < len; count++) {
        uint32_t cp = 0;
        int n = dj_text_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return -1;
        i += (size_t)n;
    }
    return count;
}

static bool is_blank(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000;
}

static bool is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

/* How the clerk would name a control character they cannot see. */
static const char *control_name(uint32_t cp)
{
    switch (cp) {
    case '\t':
        return "制表符（Tab）";
    case '\n':
    case '\r':
        return "换行符";
    case 0x1B:
        return "ESC 控制字符";
    default:
        return "控制字符";
    }
}

static enum dj_text_result fail(enum dj_text_result r, char *out, char *msg, size_t msglen,
                                const char *fmt_label, const char *detail, long a, long b)
{
    out[0] = '\0';
    if (!msg)
        return r;
    switch (r) {
    case DJ_TEXT_EMPTY:
        snprintf(msg, msglen, "「%s」不能为空", fmt_label);
        break;
    case DJ_TEXT_BAD_UTF8:
        snprintf(msg, msglen,
                 "「%s」第 %ld 个字处有无法识别的字符（不是有效的 UTF-8），请删除后重新输入",
                 fmt_label, a);
        break;
    case DJ_TEXT_CONTROL:
        snprintf(msg, msglen, "「%s」第 %ld 个字是%s，不能填写，请删除", fmt_label, a, detail);
        break;
    case DJ_TEXT_TOO_LONG:
        snprintf(msg, msglen, "「%s」不能超过 %ld 个字（现在 %ld 个）", fmt_label, a, b);
        break;
    default:
        snprintf(msg, msglen, "「%s」内容太长，无法处理", fmt_label);
        break;
    }
    return r;
}

enum dj_text_result dj_text_check(const struct dj_text_rule *rule, const char *in, char *out,
                                  size_t outlen, char *msg, size_t msglen)
{
    const char *label = rule->label ? rule->label : "文本";
    size_t len = in ? strlen(in) : 0;
    size_t start = len, end = 0; /* byte range of the trimmed text */
    long start_pos = 0;          /* characters before start */
    long chars = 0;

    if (outlen == 0)
        return DJ_TEXT_NO_ROOM;
    out[0] = '\0';

    /* Validate the encoding and find where the non-blank text starts and ends. */
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        int n = dj_text_utf8_decode(in + i, len - i, &cp);
        if (n == 0)
            return fail(DJ_TEXT_BAD_UTF8, out, msg, msglen, label, NULL, chars + 1, 0);
        if (!is_blank(cp)) {
            if (start == len) {
                start = i;
                start_pos = chars;
            }
            end = i + (size_t)n;
        }
        chars++;
        i += (size_t)n;
    }
    if (start == len)
        start = end = 0;

    /* Control characters matter only inside the kept text (a pasted trailing
     * newline is trimmed, not refused); positions are counted in the text as
     * typed, which is what the clerk sees in the field. */
    long kept = 0, pos = start_pos;
    size_t bytes = 0;
    for (size_t i = start; i < end;) {
        uint32_t cp = 0;
        int n = dj_text_utf8_decode(in + i, end - i, &cp);
        i += (size_t)n;
        pos++;
        if (rule->multiline && cp == '\r' && i < end && in[i] == '\n')
            continue; /* CR LF is stored as LF */
        kept++;
        bytes += (size_t)n;
        if (is_control(cp) && !(rule->multiline && cp == '\n'))
            return fail(DJ_TEXT_CONTROL, out, msg, msglen, label, control_name(cp), pos, 0);
    }

    if (kept == 0 && rule->required)
        return fail(DJ_TEXT_EMPTY, out, msg, msglen, label, NULL, 0, 0);
    if (rule->max_chars > 0 && (size_t)kept > rule->max_chars)
        return fail(DJ_TEXT_TOO_LONG, out, msg, msglen, label, NULL, (long)rule->max_chars, kept);
    if (bytes >= outlen)
        return fail(DJ_TEXT_NO_ROOM, out, msg, msglen, label, NULL, 0, 0);

    size_t w = 0;
    for (size_t i = start; i < end; i++) {
        if (rule->multiline && in[i] == '\r' && i + 1 < end && in[i + 1] == '\n')
            continue;
        out[w++] = in[i];
    }
    out[w] = '\0';
    return DJ_TEXT_OK;
}

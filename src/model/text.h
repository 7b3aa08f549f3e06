#ifndef DJ_MODEL_TEXT_H
#define DJ_MODEL_TEXT_H
/*
 * Clerk-typed text, judged as the database will judge it before it is sent:
 * valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF,
 * which PostgreSQL's UTF8 encoding refuses), no control characters (C0, DEL,
 * C1; a multi-line field may keep line feeds), a limit counted in characters
 * as varchar(n) counts them, and surrounding blanks (ASCII and the full-width
 * space U+3000 that Chinese input methods type) removed.  Each failure comes
 * with a Chinese message that names the field by the label passed in.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum dj_text_result {
    DJ_TEXT_OK = 0,
    DJ_TEXT_EMPTY,    /* required, and nothing but blanks was typed */
    DJ_TEXT_BAD_UTF8, /* not valid UTF-8 */
    DJ_TEXT_CONTROL,  /* a control character (or a line feed in a one-line field) */
    DJ_TEXT_TOO_LONG, /* more characters than max_chars after trimming */
    DJ_TEXT_NO_ROOM,  /* the caller's output buffer is too small (a programming error) */
};

struct dj_text_rule {
    const char *label; /* the field's name on the form, e.g. "姓名" */
    size_t max_chars;  /* limit in characters; 0 means none */
    bool required;     /* empty after trimming is an error */
    bool multiline;    /* line feeds allowed; CR LF is stored as LF */
};

/* Checks in and writes the trimmed text into out (outlen bytes, NUL included).
 * On failure out is an empty string and msg (may be NULL) says what is wrong
 * and where: "「姓名」不能超过 50 个字（现在 53 个）". */
enum dj_text_result dj_text_check(const struct dj_text_rule *rule, const char *in, char *out,
                                  size_t outlen, char *msg, size_t msglen);

/* Decodes one UTF-8 character from s (at most len bytes).  Returns the number
 * of bytes used (1..4) and sets *cp, or 0 when the bytes are not valid UTF-8
 * (truncated, overlong, surrogate, above U+10FFFF, stray continuation byte). */
int dj_text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Characters in s, or -1 when s is not valid UTF-8. */
long dj_text_utf8_chars(const char *s);

#endif

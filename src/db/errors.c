/* Turns a server error's fields into the clerk's message (table: error_table.c). */
#include <stdio.h>
#include <string.h>

#include "db/error_table.h"

static const struct dj_db_error_rule *find_rule(const char *sqlstate, const char *constraint)
{
    if (sqlstate == NULL || strlen(sqlstate) != 5)
        return NULL;
    if (constraint != NULL && constraint[0] != '\0') {
        for (size_t i = 0; i < dj_db_error_rule_count; i++) {
            const struct dj_db_error_rule *r = &dj_db_error_rules[i];
            if (r->constraint != NULL && strcmp(r->sqlstate, sqlstate) == 0 &&
                strcmp(r->constraint, constraint) == 0)
                return r;
        }
    }
    for (size_t i = 0; i < dj_db_error_rule_count; i++) {
        const struct dj_db_error_rule *r = &dj_db_error_rules[i];
        if (r->constraint == NULL && strcmp(r->sqlstate, sqlstate) == 0)
            return r;
    }
    for (size_t i = 0; i < dj_db_error_rule_count; i++) {
        const struct dj_db_error_rule *r = &dj_db_error_rules[i];
        if (r->constraint == NULL && strlen(r->sqlstate) == 2 &&
            strncmp(r->sqlstate, sqlstate, 2) == 0)
            return r;
    }
    return NULL;
}

static const char *label_of(const char *name)
{
    for (const struct dj_db_field_label *l = dj_db_field_labels; l->name != NULL; l++)
        if (strcmp(l->name, name) == 0)
            return l->label;
    return NULL;
}

static const char *find_label(const char *constraint, const char *table, const char *column)
{
    char key[192];
    const char *label = NULL;
    if (constraint != NULL && constraint[0] != '\0')
        label = label_of(constraint);
    if (label == NULL && table != NULL && column != NULL) {
        snprintf(key, sizeof key, "%s.%s", table, column);
        label = label_of(key);
    }
    /* TABLE_COLUMN_SUFFIX: the column is what lies between. */
    size_t tlen = table != NULL ? strlen(table) : 0;
    if (label == NULL && tlen > 0 && constraint != NULL && strncmp(constraint, table, tlen) == 0 &&
        constraint[tlen] == '_') {
        const char *col = constraint + tlen + 1;
        const char *suffix = strrchr(col, '_');
        if (suffix != NULL && suffix > col) {
            snprintf(key, sizeof key, "%s.%.*s", table, (int)(suffix - col), col);
            label = label_of(key);
        }
    }
    return label;
}

/* Copies src into dst (a one-line message): line breaks and other control
 * characters become spaces, and a cut never splits a UTF-8 sequence. */
static void copy_line(char *dst, size_t dstlen, const char *src)
{
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)src; *s != '\0'; s++) {
        if (n + 1 >= dstlen)
            break;
        dst[n++] = (*s < 0x20 || *s == 0x7f) ? ' ' : (char)*s;
    }
    /* Cut inside a multibyte character: drop its first bytes too. */
    if (((unsigned char)src[n] & 0xC0) == 0x80) {
        while (n > 0 && ((unsigned char)dst[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0)
            n--;
    }
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
}

static void fill_field(char *dst, size_t dstlen, const char *tmpl, const char *label)
{
    const char *at = strstr(tmpl, "{field}");
    if (at == NULL) {
        snprintf(dst, dstlen, "%s", tmpl);
        return;
    }
    snprintf(dst, dstlen, "%.*s%s%s", (int)(at - tmpl), tmpl, label, at + strlen("{field}"));
}

void dj_db_error_set_message(struct dj_db_error *err, const char *text)
{
    copy_line(err->message, sizeof err->message, text);
}

void dj_db_error_explain(struct dj_db_error *err, const char *sqlstate, const char *constraint,
                         const char *table, const char *column, const char *primary)
{
    const struct dj_db_error_rule *r = find_rule(sqlstate, constraint);
    err->retry = false;
    if (r == NULL) {
        if (sqlstate != NULL && sqlstate[0] != '\0')
            snprintf(err->message, sizeof err->message,
                     "数据库操作失败（错误代码 %s），详情已写入日志", sqlstate);
        else
            snprintf(err->message, sizeof err->message, "数据库操作失败，详情已写入日志");
        return;
    }
    if (r->flags & DJ_ERR_LOST) {
        err->kind = DJ_DB_ERR_LOST;
        err->connection_lost = true;
    }
    err->retry = (r->flags & DJ_ERR_RETRY) != 0;
    if ((r->flags & DJ_ERR_PRIMARY) && primary != NULL && primary[0] != '\0') {
        copy_line(err->message, sizeof err->message, primary);
        return;
    }
    const char *label = r->with_field ? find_label(constraint, table, column) : NULL;
    if (label != NULL)
        fill_field(err->message, sizeof err->message, r->with_field, label);
    else if (r->message != NULL)
        snprintf(err->message, sizeof err->message, "%s", r->message);
    else
        snprintf(err->message, sizeof err->message, "数据库操作失败（错误代码 %s），详情已写入日志",
                 sqlstate);
}

/*
 * Every tab's form: its fields, named by their database columns, and the
 * manual's messages (contract: record_screens.h).  The limits are the
 * schema's (sql/005_person.sql, sql/006_record_sets.sql), so a form refuses
 * what the database would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/citizen_id.h"
#include "model/record_form.h"
#include "db/records.h"
#include "tui/form_id.h"
#include "tui/record_screens.h"

/* A form of model/record_form.h as the form widget's fields, built once. */
struct built {
    bool done;
    struct tui_field_def f[DJ_FIELDS_MAX];
    struct rec_form_def def;
    char deleted[128];
};

/* The widget's field for a field of the table.  The ID number is required
 * here: the manual asks for "#" when it is truly unknown. */
static struct tui_field_def field_of(const struct dj_form_def *form, const struct dj_form_field *s)
{
    struct tui_field_def d = {s->name, s->label, TUI_FIELD_TEXT, 0, 0, s->required, NULL, 0};
    switch (s->kind) {
    case DJ_FK_TEXT:
        d.max_chars = s->max_chars;
        if (s->multiline) {
            d.kind = TUI_FIELD_MULTILINE;
            d.rows = 2;
        } else if (s->max_chars >= 100) {
            d.width = 40;
        }
        break;
    case DJ_FK_DATE:
        d.kind = TUI_FIELD_DATE;
        break;
    case DJ_FK_CODE:
        d.kind = TUI_FIELD_CODE;
        d.code_kind = s->code_kind;
        /* The wizard adds members: 预备党员 or 正式党员, no other stage. */
        if (strcmp(form->key, "membership") == 0 && strcmp(s->name, "stage") == 0)
            d.code_kind = "member_stage";
        break;
    case DJ_FK_CHOICE:
    case DJ_FK_BOOL:
        d.kind = TUI_FIELD_CODE;
        d.code_kind = s->choices; /* record_codes.c reads "value=label;..." */
        break;
    case DJ_FK_INT:
        d.width = 8;
        d.max_chars = 6;
        break;
    case DJ_FK_ORG:
        d.kind = TUI_FIELD_CODE;
        d.code_kind = "org";
        d.width = 30; /* organization names are long */
        break;
    case DJ_FK_ID_NUMBER:
        d.kind = TUI_FIELD_ID;
        d.required = true;
        break;
    }
    return d;
}

static const struct rec_form_def *build(struct built *b, const struct dj_form_def *form)
{
    if (form == NULL || form->read_only)
        return NULL;
    if (b->done)
        return &b->def;
    int n = 0;
    for (size_t i = 0; i < form->nfields && n < DJ_FIELDS_MAX; i++)
        b->f[n++] = field_of(form, &form->fields[i]);
    /* The ID number right after the name: leaving it fills 性别 and 出生日期. */
    int id = -1;
    for (int i = 0; i < n; i++)
        if (b->f[i].kind == TUI_FIELD_ID)
            id = i;
    if (id > 1) {
        struct tui_field_def moved = b->f[id];
        memmove(&b->f[2], &b->f[1], (size_t)(id - 1) * sizeof b->f[0]);
        b->f[1] = moved;
    }
    /* 工作职务信息保存成功！ -> 工作职务信息删除成功！ */
    const char *s = form->saved ? form->saved : "保存成功！";
    const char *at = strstr(s, "保存");
    if (at)
        snprintf(b->deleted, sizeof b->deleted, "%.*s删除%s", (int)(at - s), s,
                 at + strlen("保存"));
    else
        snprintf(b->deleted, sizeof b->deleted, "%s信息删除成功！", form->title);
    b->def = (struct rec_form_def){form->key, form->title, s, b->deleted, b->f, n};
    b->done = true;
    return &b->def;
}

static struct built person_built, set_built[DJ_REC_COUNT], page_built[16];

const struct rec_form_def *rec_form_def(int set)
{
    if (set < 0)
        return build(&person_built, dj_form_find("person"));
    if (set >= DJ_REC_COUNT)
        return NULL;
    return build(&set_built[set], dj_form_find(dj_recsets[set].key));
}

const struct rec_form_def *rec_form_page(const char *key)
{
    for (size_t i = 0; i < dj_form_count && i < sizeof page_built / sizeof page_built[0]; i++)
        if (strcmp(dj_forms[i].key, key) == 0)
            return build(&page_built[i], &dj_forms[i]);
    return NULL;
}

bool rec_wizard_overlay(const struct tui_wizard *w)
{
    return tui_dialog_is_open(&w->dlg) || tui_form_busy(&w->forms[w->cur]);
}

void rec_overlay_closed(bool before, bool after)
{
    if (before && !after)
        clearok(curscr, TRUE);
}

void rec_cut(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (size == 0)
        return;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void rec_first_clause(char *dst, size_t size, const char *msg)
{
    const char *a = strstr(msg, "，"), *b = strstr(msg, "。");
    const char *end = a && (b == NULL || a < b) ? a : b;
    size_t n = end ? (size_t)(end - msg) : strlen(msg);
    if (size == 0)
        return;
    if (n >= size) { /* never half a character */
        n = size - 1;
        while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, msg, n);
    dst[n] = '\0';
}

const char *rec_value(const struct tui_form *f, const char *name)
{
    return tui_form_value(f, tui_form_find(f, name));
}

/* later must not be before earlier (both dates checked good, or empty). */
static bool ordered(struct tui_form *f, const char *earlier, const char *later, bool strictly)
{
    int a = tui_form_find(f, earlier), b = tui_form_find(f, later);
    if (a < 0 || b < 0 || tui_form_value(f, a) == NULL || tui_form_value(f, b) == NULL)
        return true;
    int cmp = dj_date_cmp(f->f[b].date, f->f[a].date);
    if (cmp > 0 || (cmp == 0 && !strictly))
        return true;
    char msg[160];
    snprintf(msg, sizeof msg, "「%s」%s「%s」", f->defs[b].label, strictly ? "应晚于" : "不能早于",
             f->defs[a].label);
    tui_form_set_error(f, b, msg);
    return false;
}

static bool year_ok(struct tui_form *f)
{
    int i = tui_form_find(f, "year");
    const char *v = tui_form_value(f, i);
    if (v == NULL)
        return true;
    char *end;
    long y = strtol(v, &end, 10);
    if (*end != '\0' || end == v) {
        tui_form_set_error(f, i, "「年度」应为四位数字的年份，如 2023");
        return false;
    }
    if (y < 1921 || y > dj_date_today().y) {
        char msg[128];
        snprintf(msg, sizeof msg, "「年度」应在 1921 至 %d 年之间", dj_date_today().y);
        tui_form_set_error(f, i, msg);
        return false;
    }
    return true;
}

static bool standing_ok(struct tui_form *f)
{
    const char *ev = rec_value(f, "event");
    int u = tui_form_find(f, "until_date");
    bool extend = ev && strcmp(ev, "extend") == 0;
    if (extend && tui_form_value(f, u) == NULL) {
        tui_form_set_error(f, u, "延长预备期须填写「预备期截止日期」");
        return false;
    }
    if (!extend && tui_form_value(f, u) != NULL) {
        tui_form_set_error(f, u, "只有延长预备期才填写「预备期截止日期」");
        return false;
    }
    return ordered(f, "event_date", "until_date", true) &&
           ordered(f, "event_date", "approved_on", false);
}

static bool education_ok(struct tui_form *f)
{
    if (rec_value(f, "education") == NULL && rec_value(f, "degree") == NULL) {
        tui_form_set_error(f, tui_form_find(f, "education"), "「学历」和「学位」至少填写一项");
        return false;
    }
    return ordered(f, "from_date", "to_date", false);
}

static bool membership_ok(struct tui_form *f)
{
    const char *stage = rec_value(f, "stage");
    int full = tui_form_find(f, "became_full_on");
    if (stage && strcmp(stage, "5") == 0 && tui_form_value(f, full) == NULL) {
        tui_form_set_error(f, full, "正式党员须填写「转正日期」");
        return false;
    }
    if (stage && strcmp(stage, "5") != 0 && tui_form_value(f, full) != NULL) {
        tui_form_set_error(f, full, "预备党员不填「转正日期」");
        return false;
    }
    return ordered(f, "joined_party_on", "became_full_on", false);
}

bool rec_form_cross_check(const char *key, struct tui_form *f)
{
    if (strcmp(key, "person") == 0)
        return tui_form_id_agrees(f) && ordered(f, "birth_date", "joined_work_on", true);
    if (strcmp(key, "membership") == 0)
        return membership_ok(f);
    if (strcmp(key, "education") == 0)
        return education_ok(f);
    if (strcmp(key, "standing") == 0)
        return standing_ok(f);
    if (strcmp(key, "appraisal") == 0)
        return year_ok(f);
    if (strcmp(key, "tech_title") == 0)
        return ordered(f, "from_date", "to_date", false) &&
               ordered(f, "qualified_on", "to_date", false);
    return ordered(f, "from_date", "to_date", false);
}

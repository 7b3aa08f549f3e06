/*
 * The member's forms to and from db/records.h (contract: record_screens.h):
 * each field's checked value goes under its column name (an organization's
 * picker code becomes its id, the unknown ID number stays "#"), and a refusal
 * comes back as the clerk's message, the field it names (the first of the
 * form's labels the message quotes) and whether someone saved first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/records.h"
#include "tui/record_screens.h"
#include "tui/session.h"

static struct dj_fields *fields_new(struct rec_io_error *e)
{
    struct dj_fields *fs = calloc(1, sizeof *fs);
    if (fs == NULL)
        snprintf(e->msg, sizeof e->msg, "%s", "内存不足，无法保存");
    return fs;
}

static void clear_error(struct rec_io_error *e)
{
    e->msg[0] = '\0';
    e->form[0] = '\0';
    e->field[0] = '\0';
    e->conflict = false;
}

/* The field of f whose label the message names, or NULL. */
static const char *field_named(const struct tui_form *f, const char *msg)
{
    const char *best = NULL;
    const char *best_at = NULL;
    for (int i = 0; f && i < f->n; i++) {
        char quoted[96];
        snprintf(quoted, sizeof quoted, "「%s」", f->defs[i].label);
        const char *at = strstr(msg, quoted);
        if (at == NULL) {
            at = strstr(msg, f->defs[i].label);
            /* 日期 is inside 出生日期: a bare label counts only at the start */
            if (at != msg)
                at = NULL;
        }
        if (at && (best_at == NULL || at < best_at)) {
            best_at = at;
            best = f->defs[i].name;
        }
    }
    return best;
}

static void set_field(struct rec_io_error *e, const char *name)
{
    snprintf(e->field, sizeof e->field, "%s", name ? name : "");
}

/* The dialogs of member_end.c name their fields otherwise than the table. */
static const char *history_field(const char *name)
{
    static const char *const map[][2] = {{"history_on", "on"},
                                         {"history_detail", "reason"},
                                         {"exit_kind", "exit_kind"},
                                         {"suspend_reason", "suspend_reason"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], name) == 0)
            return map[i][1];
    return name;
}

/* The refusal: the database's field when it names one, else the first of
 * f's labels its message quotes. */
static int fail(const struct dj_db_error *err, const struct tui_form *f, struct rec_io_error *e)
{
    tui_session_fail(err, e->msg, sizeof e->msg);
    e->conflict = dj_records_is_stale(err);
    if (e->conflict)
        return -1;
    char field[64];
    if (dj_records_bad_field(err, e->form, sizeof e->form, field, sizeof field))
        set_field(e, strcmp(e->form, "history") == 0 ? history_field(field) : field);
    else
        set_field(e, field_named(f, e->msg));
    return -1;
}

/* The form's values as the database takes them; NULL fields are sent empty
 * so a cleared field is cleared.  skip: a field name left out (or NULL). */
static int values_of(const struct tui_form *f, struct rec_codes *codes, const char *skip,
                     struct dj_fields *fs, struct rec_io_error *e)
{
    for (int i = 0; i < f->n; i++) {
        const struct tui_field_def *d = &f->defs[i];
        if (skip && strcmp(d->name, skip) == 0)
            continue;
        const char *v = tui_form_value(f, i);
        char id[24];
        if (v && d->kind == TUI_FIELD_CODE && d->code_kind && strcmp(d->code_kind, "org") == 0) {
            snprintf(id, sizeof id, "%lld", rec_codes_org_id(codes, v));
            v = id;
        }
        if (dj_fields_set(fs, d->name, v) < 0) {
            snprintf(e->msg, sizeof e->msg, "「%s」的内容过长，无法保存", d->label);
            set_field(e, d->name);
            return -1;
        }
    }
    return 0;
}

/* True when nothing of the form was filled in. */
static bool empty(const struct tui_form *f)
{
    for (int i = 0; i < f->n; i++)
        if (tui_form_value(f, i) != NULL)
            return false;
    return true;
}

int rec_io_load(int set, long long person_id, long long row_id, struct tui_form *f,
                struct rec_codes *codes, struct rec_io_stamp *stamp, struct rec_io_error *e)
{
    clear_error(e);
    struct dj_fields *fs = fields_new(e);
    if (fs == NULL)
        return -1;
    struct dj_db_error err;
    int rc = set < 0 ? dj_person_load(tui_session_db(), person_id, fs, &stamp->version, &err)
                     : dj_record_load(tui_session_db(), (enum dj_recset)set, row_id, fs,
                                      &stamp->version, &err);
    if (rc != 0) {
        if (rc < 0)
            fail(&err, NULL, e);
        free(fs);
        return rc;
    }
    for (int i = 0; i < f->n; i++) {
        const struct tui_field_def *d = &f->defs[i];
        const char *v = dj_fields_get(fs, d->name);
        if (v && d->kind == TUI_FIELD_CODE && d->code_kind && strcmp(d->code_kind, "org") == 0)
            v = rec_codes_org_code(codes, strtoll(v, NULL, 10));
        if (v == NULL && d->kind == TUI_FIELD_ID)
            v = "#"; /* stored as unknown */
        tui_form_set(f, i, v ? v : "");
    }
    free(fs);
    return 0;
}

int rec_io_save(int set, long long person_id, long long row_id, const struct rec_io_stamp *stamp,
                const struct tui_form *f, struct rec_codes *codes, struct rec_io_error *e)
{
    clear_error(e);
    struct dj_fields *fs = fields_new(e);
    if (fs == NULL)
        return -1;
    if (values_of(f, codes, NULL, fs, e) < 0) {
        free(fs);
        return -1;
    }
    struct dj_db_error err;
    struct dj_db *db = tui_session_db();
    int rc;
    if (set < 0)
        rc = dj_person_update(db, person_id, stamp->version, fs, NULL, &err);
    else if (row_id == 0)
        rc = dj_record_add(db, (enum dj_recset)set, person_id, fs, NULL, &err);
    else
        rc = dj_record_update(db, (enum dj_recset)set, row_id, stamp->version, fs, &err);
    free(fs);
    return rc < 0 ? fail(&err, f, e) : 0;
}

int rec_io_row_stamp(int set, long long row_id, struct rec_io_stamp *stamp, struct rec_io_error *e)
{
    clear_error(e);
    struct dj_fields *fs = fields_new(e);
    if (fs == NULL)
        return -1;
    struct dj_db_error err;
    int rc =
        dj_record_load(tui_session_db(), (enum dj_recset)set, row_id, fs, &stamp->version, &err);
    free(fs);
    if (rc < 0)
        return fail(&err, NULL, e);
    if (rc > 0)
        snprintf(e->msg, sizeof e->msg, "%s", "该记录已被他人删除");
    return rc;
}

int rec_io_delete(int set, long long row_id, const struct rec_io_stamp *stamp,
                  struct rec_io_error *e)
{
    clear_error(e);
    struct dj_db_error err;
    if (dj_record_delete(tui_session_db(), (enum dj_recset)set, row_id, stamp->version, &err) < 0)
        return fail(&err, NULL, e);
    return 0;
}

int rec_io_person_stamp(long long person_id, struct rec_io_stamp *stamp, struct rec_io_error *e)
{
    clear_error(e);
    struct dj_fields *fs = fields_new(e);
    if (fs == NULL)
        return -1;
    struct dj_db_error err;
    int rc = dj_person_load(tui_session_db(), person_id, fs, &stamp->version, &err);
    free(fs);
    if (rc < 0)
        return fail(&err, NULL, e);
    if (rc > 0)
        snprintf(e->msg, sizeof e->msg, "%s", "该人员不存在或不在您的管理范围内");
    return rc;
}

int rec_io_check(const char *key, const struct tui_form *f, struct rec_codes *codes,
                 const char *skip, struct rec_io_error *e)
{
    clear_error(e);
    struct dj_fields *fs = fields_new(e);
    if (fs == NULL)
        return -1;
    int rc = values_of(f, codes, skip, fs, e);
    struct dj_db_error err;
    if (rc == 0 && dj_form_check(tui_session_db(), key, fs, &err) < 0)
        rc = fail(&err, f, e);
    free(fs);
    return rc;
}

/* The forms of the wizard's steps (member_add.c's order). */
static const char *const step_key[REC_NSTEPS] = {"person", "education", "job", "membership",
                                                 "transfer"};

int rec_io_add_member(struct tui_form *const forms[REC_NSTEPS], struct rec_codes *codes,
                      long long *person_id, int *step, struct rec_io_error *e)
{
    clear_error(e);
    *step = -1;
    struct dj_fields *fs[REC_NSTEPS] = {0};
    int rc = -1;
    for (int i = 0; i < REC_NSTEPS; i++)
        if ((fs[i] = fields_new(e)) == NULL)
            goto out;
    for (int i = 0; i < REC_NSTEPS; i++)
        if (values_of(forms[i], codes, i == REC_STEP_PARTY ? "org_id" : NULL, fs[i], e) < 0) {
            *step = i;
            goto out;
        }
    long long org_id = rec_codes_org_id(codes, rec_value(forms[REC_STEP_PARTY], "org_id"));
    if (org_id == 0) {
        snprintf(e->msg, sizeof e->msg, "%s", "请选择「所在党组织」");
        set_field(e, "org_id");
        *step = REC_STEP_PARTY;
        goto out;
    }
    struct dj_db_error err;
    if (dj_member_add(tui_session_db(), org_id, fs[REC_STEP_BASIC], fs[REC_STEP_PARTY],
                      empty(forms[REC_STEP_EDUCATION]) ? NULL : fs[REC_STEP_EDUCATION],
                      empty(forms[REC_STEP_JOB]) ? NULL : fs[REC_STEP_JOB],
                      empty(forms[REC_STEP_TRANSFER]) ? NULL : fs[REC_STEP_TRANSFER], person_id,
                      &err) < 0) {
        fail(&err, NULL, e);
        /* The step of the form the database names, or whose labels the
         * message quotes. */
        for (int i = 0; i < REC_NSTEPS && !e->conflict; i++) {
            if (e->form[0] ? strcmp(e->form, step_key[i]) == 0
                           : (field_named(forms[i], e->msg) != NULL)) {
                *step = i;
                if (!e->form[0])
                    set_field(e, field_named(forms[i], e->msg));
                break;
            }
        }
        goto out;
    }
    rc = 0;
out:
    for (int i = 0; i < REC_NSTEPS; i++)
        free(fs[i]);
    return rc;
}

int rec_io_end(enum tui_member_end kind, long long person_id, const struct rec_io_stamp *stamp,
               const struct tui_form *f, struct rec_io_error *e)
{
    clear_error(e);
    struct dj_db_error err;
    struct dj_db *db = tui_session_db();
    const char *on = rec_value(f, "on"), *reason = rec_value(f, "reason");
    int rc;
    switch (kind) {
    case TUI_END_LEAVE:
        rc = dj_member_leave(db, person_id, stamp->version, on, rec_value(f, "exit_kind"), reason,
                             &err);
        break;
    case TUI_END_DEATH:
        rc = dj_member_death(db, person_id, stamp->version, on, reason, &err);
        break;
    case TUI_END_SUSPEND:
        rc = dj_member_suspend(db, person_id, stamp->version, on, rec_value(f, "suspend_reason"),
                               reason, &err);
        break;
    default:
        rc = dj_member_restore(db, person_id, stamp->version, reason, &err);
        break;
    }
    return rc < 0 ? fail(&err, f, e) : 0;
}

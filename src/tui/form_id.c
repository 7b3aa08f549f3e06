/* An ID number's birth date and sex in the form beside it (contract: form_id.h). */
#include "tui/form_id.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/citizen_id.h"
#include "model/date.h"

/* The number in the ID field when it is a real one (not "#"), checked. */
static bool id_of(struct tui_form *f, struct dj_id *id)
{
    /* What is typed now, not the value of the field's last check: the clerk
     * may still be in the field, having just corrected it. */
    const char *v = tui_form_text(f, tui_form_find(f, "id_number"));
    if (v[0] == '\0' || strcmp(v, "#") == 0)
        return false;
    return dj_id_check(v, f->today, id, NULL, 0) == DJ_ID_OK;
}

/* Sets field i to value when it is empty or still holds what an earlier fill
 * put there (the clerk corrected the ID number, not this field). */
static bool fill(struct tui_form *f, int i, const char *value)
{
    if (i < 0)
        return false;
    char before[sizeof f->f[i].derived];
    snprintf(before, sizeof before, "%s", tui_form_text(f, i));
    if (before[0] != '\0' && strcmp(before, f->f[i].derived) != 0)
        return false;
    if (strcmp(before, value) == 0) { /* already so: keep its check and any message */
        snprintf(f->f[i].derived, sizeof f->f[i].derived, "%s", before);
        return false;
    }
    tui_form_set(f, i, value);
    f->f[i].changed = true;
    tui_form_check_field(f, i);
    snprintf(f->f[i].derived, sizeof f->f[i].derived, "%s", tui_form_text(f, i));
    return strcmp(before, f->f[i].derived) != 0;
}

bool tui_form_fill_from_id(struct tui_form *f)
{
    struct dj_id id;
    int b = tui_form_find(f, "birth_date"), s = tui_form_find(f, "sex");
    if (!id_of(f, &id))
        return false;
    char buf[DJ_DATE_STRLEN];
    bool filled = fill(f, b, dj_date_format(id.birth, buf));
    if (id.sex != 0)
        filled = fill(f, s, id.sex == 1 ? "1" : "2") || filled;
    return filled;
}

bool tui_form_id_agrees(struct tui_form *f)
{
    struct dj_id id;
    if (!id_of(f, &id))
        return true;
    int b = tui_form_find(f, "birth_date"), s = tui_form_find(f, "sex");
    struct dj_date birth = {0, 0, 0};
    int sex = 0;
    if (b >= 0 && tui_form_value(f, b))
        birth = f->f[b].date;
    if (s >= 0 && tui_form_value(f, s))
        sex = atoi(tui_form_value(f, s));
    char msg[256];
    int m = dj_id_match_record(&id, birth, sex, msg, sizeof msg);
    if (m == DJ_ID_MATCH_OK)
        return true;
    tui_form_set_error(f, (m & DJ_ID_MISMATCH_BIRTH) ? b : s, msg);
    return false;
}

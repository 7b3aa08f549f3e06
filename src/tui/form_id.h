#ifndef DJ_TUI_FORM_ID_H
#define DJ_TUI_FORM_ID_H
/*
 * A form with an ID number (a field named "id_number") and, beside it, fields
 * "birth_date" and "sex": a good number fills the two when they are empty
 * (the clerk need not type what the number says), and the two must agree with
 * it.  "#" (unknown) and a number not yet valid leave everything alone; the
 * ID field's own check reports those.  Used by every form that registers a
 * person (新增党员, 新增入党申请人, 基本信息).
 */
#include <stdbool.h>

#include "tui/form.h"

/* Fills birth_date and sex from a good number where they are empty; returns
 * true when it filled something. */
bool tui_form_fill_from_id(struct tui_form *f);

/* True when birth_date and sex agree with a good number (or there is none);
 * otherwise sets the message beside the field that disagrees and returns false. */
bool tui_form_id_agrees(struct tui_form *f);

#endif

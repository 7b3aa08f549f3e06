#ifndef DJ_MODEL_RECORD_FORM_H
#define DJ_MODEL_RECORD_FORM_H
/*
 * The edit forms of a member's file: for each form (the wizard's pages and the
 * tabs' row forms) its fields in screen order, with label, kind, code table,
 * whether required and the length limit.  Field names are the database's
 * column names; sql/040_records.sql holds the same table (app.form_field),
 * which the database checks saves against, and tests/db/test_records.c
 * checks that the two agree.
 *
 * Forms: "person" (基本信息), "membership" (党籍, the wizard's page and the
 * person's stage and dates), "transfer" (the wizard's optional 组织关系
 * page), and each record set by its dj_recsets key ("education", "job",
 * "post", "tech_title", "standing", "org_relation" (read-only), "dev_step",
 * "appraisal", "reward").
 */
#include <stdbool.h>
#include <stddef.h>

/* The manual's success messages of the workflows (1.9.1.1, 1.9.2-1.9.4);
 * each form's own is dj_form_def.saved. */
#define DJ_MSG_MEMBER_ADDED "党员信息添加成功！"
#define DJ_MSG_MEMBER_LEFT  "党员出党操作成功!"
#define DJ_MSG_MEMBER_DIED  "党员死亡操作成功!"
#define DJ_MSG_SUSPENDED    "停止党籍操作成功!"
#define DJ_MSG_RESTORED     "恢复党籍操作成功!"

enum dj_field_kind {
    DJ_FK_TEXT,      /* one line (multiline: may hold line breaks) */
    DJ_FK_DATE,      /* YYYY-MM-DD */
    DJ_FK_CODE,      /* a code of code.<code_kind> (code.all_codes kind) */
    DJ_FK_CHOICE,    /* one of choices: "value=label;value=label" */
    DJ_FK_BOOL,      /* t / f, labels in choices */
    DJ_FK_INT,       /* a whole number (年度) */
    DJ_FK_ORG,       /* an app.org id */
    DJ_FK_ID_NUMBER, /* 公民身份号码, or "#" when unknown */
};

struct dj_form_field {
    const char *name;  /* column name */
    const char *label; /* as on the form and in messages */
    enum dj_field_kind kind;
    const char *code_kind; /* DJ_FK_CODE: code.all_codes kind */
    const char *choices;   /* DJ_FK_CHOICE, DJ_FK_BOOL */
    bool required;
    int max_chars; /* DJ_FK_TEXT; 0 otherwise */
    bool multiline;
    bool future_ok; /* DJ_FK_DATE: may lie after today */
};

struct dj_form_def {
    const char *key;
    const char *title;
    const char *saved; /* the manual's success message */
    bool read_only;
    size_t nfields;
    const struct dj_form_field *fields;
};

extern const struct dj_form_def dj_forms[];
extern const size_t dj_form_count;

/* The form of key, or NULL. */
const struct dj_form_def *dj_form_find(const char *key);
/* The field name of form, or NULL. */
const struct dj_form_field *dj_form_field_find(const struct dj_form_def *form, const char *name);

#endif

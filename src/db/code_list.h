#ifndef DJ_DB_CODE_LIST_H
#define DJ_DB_CODE_LIST_H
/*
 * The codes of one kind of code.all_codes (sex, ethnicity, education ...),
 * those in use, in their sort order, for the forms' pickers; and the
 * active organizations the clerk may see (row-level security decides: the
 * clerk's scope) as a picker's list, 组织代码 and name, in tree order.  One
 * query each, every value a parameter; the rows are copied into one
 * allocation the caller frees with dj_code_list_free.
 */
#include <stddef.h>

#include "db/db.h"

struct dj_code_row {
    char code[64];
    char name[204];
    long long id; /* an organization's id; 0 for a code */
};

struct dj_code_list {
    struct dj_code_row *rows;
    size_t n;
};

/* Loads kind's codes into out.  Returns 0 (an unknown kind gives 0 rows),
 * or -1 with err and out empty. */
int dj_code_list_load(struct dj_db *db, const char *kind, struct dj_code_list *out,
                      struct dj_db_error *err);

/* The active organizations the clerk sees, at most max.  Returns 0 or -1. */
int dj_code_list_orgs(struct dj_db *db, int max, struct dj_code_list *out, struct dj_db_error *err);

void dj_code_list_free(struct dj_code_list *l);

#endif

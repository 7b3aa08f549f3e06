#ifndef DJ_DB_CODE_LIST_H
#define DJ_DB_CODE_LIST_H
/*
 * The codes of one kind of code.all_codes (sex, ethnicity, education ...),
 * those in use, in their sort order, for the forms' pickers.  One query,
 * every value a parameter; the rows are copied into one allocation the
 * caller frees with dj_code_list_free.
 */
#include <stddef.h>

#include "db/db.h"

struct dj_code_row {
    char code[32];
    char name[128];
};

struct dj_code_list {
    struct dj_code_row *rows;
    size_t n;
};

/* Loads kind's codes into out.  Returns 0 (an unknown kind gives 0 rows),
 * or -1 with err and out empty. */
int dj_code_list_load(struct dj_db *db, const char *kind, struct dj_code_list *out,
                      struct dj_db_error *err);

void dj_code_list_free(struct dj_code_list *l);

#endif

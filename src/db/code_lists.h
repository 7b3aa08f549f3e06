#ifndef DJ_DB_CODE_LISTS_H
#define DJ_DB_CODE_LISTS_H
/*
 * The codes of one kind (sex, ethnicity, education ...) for a form's picker:
 * the rows of code.all_codes that are in use, in their sort order, read with
 * the clerk's rights.  One query per kind; the screen keeps what it read for
 * as long as it is open (codes change only with a migration).
 */
#include <stddef.h>

#include "db/db.h"

struct dj_code_entry {
    char code[32];
    char name[128];
};

/* Reads kind's codes into *out (malloc'd, the caller frees it; NULL when
 * there are none) and their number into *n.  An unknown kind has none.
 * Returns 0, or -1 with err. */
int dj_code_list_load(struct dj_db *db, const char *kind, struct dj_code_entry **out, size_t *n,
                      struct dj_db_error *err);

#endif

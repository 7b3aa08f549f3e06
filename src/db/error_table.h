#ifndef DJ_DB_ERROR_TABLE_H
#define DJ_DB_ERROR_TABLE_H
/*
 * What a clerk is told for a server error, by SQLSTATE and constraint name
 * (the table itself is src/db/error_table.c; add entries there).
 *
 * A message may contain "{field}" once: it is replaced by the field's label
 * from dj_db_field_labels, found by, in turn: the constraint's name; the
 * "table.column" the server names (NOT NULL); "table.column" read from a
 * constraint named TABLE_COLUMN_SUFFIX, PostgreSQL's own naming
 * (person_nation_fkey, org_code_key) and ours (org_name_length).  So one label
 * line "person.nation" serves every constraint on that column.  When no label
 * is known the entry's plain message is used instead.
 */
#include <stddef.h>

#include "db/db.h"

enum {
    DJ_ERR_PRIMARY = 1, /* show the server's own primary message (our SQL raises Chinese) */
    DJ_ERR_RETRY = 2,   /* conflict with another session: trying again may work */
    DJ_ERR_LOST = 4,    /* the connection is gone */
};

struct dj_db_error_rule {
    const char *sqlstate;   /* five characters, or a two-character class */
    const char *constraint; /* NULL: any constraint */
    const char *message;    /* Chinese, without a field label */
    const char *with_field; /* Chinese with "{field}", or NULL */
    unsigned flags;
};

struct dj_db_field_label {
    const char *name;  /* a constraint name, or "table.column" */
    const char *label; /* as on the form: 民族, 身份证号 */
};

extern const struct dj_db_error_rule dj_db_error_rules[];
extern const size_t dj_db_error_rule_count;
extern const struct dj_db_field_label dj_db_field_labels[]; /* ends with {NULL, NULL} */

/* Fills err->message, retry and (for DJ_ERR_LOST entries) kind and
 * connection_lost from the table.  sqlstate may be NULL or "" (then only the
 * fallback applies); constraint, table, column and primary may be NULL. */
void dj_db_error_explain(struct dj_db_error *err, const char *sqlstate, const char *constraint,
                         const char *table, const char *column, const char *primary);

/* Sets err->message to text as one line: control characters become spaces,
 * and a text too long is cut at a character boundary. */
void dj_db_error_set_message(struct dj_db_error *err, const char *text);

#endif

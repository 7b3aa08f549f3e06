#ifndef DJ_DB_MIGRATION_LIST_H
#define DJ_DB_MIGRATION_LIST_H
/* The migrations compiled into the program, in order (generated from sql/NNN_*.sql). */
#include <stddef.h>

struct dj_migration {
    const char *name; /* file name without .sql, e.g. "001_base" */
    const char *sql;  /* the whole file */
};

extern const struct dj_migration dj_migrations[];
extern const size_t dj_migration_count;

#endif

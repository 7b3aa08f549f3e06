#ifndef DJ_DB_DB_INTERNAL_H
#define DJ_DB_DB_INTERNAL_H
/* What the files of src/db share and nobody else sees. */
#include <libpq-fe.h>

#include "db/db.h"

struct dj_db {
    PGconn *conn;
    struct dj_db_hooks hooks;
};

#endif

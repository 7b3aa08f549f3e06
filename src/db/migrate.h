#ifndef DJ_DB_MIGRATE_H
#define DJ_DB_MIGRATE_H
/*
 * The migration runner.  Migrations are the numbered files sql/NNN_*.sql,
 * compiled in (db/migration_list.h), applied in name order, each in its own
 * transaction: the file, then meta.hand_to_owner(), then its row in
 * meta.schema_migration (name, checksum, applied_at, applied_by).
 *
 * The checksum is the server's sha256 of the file's text.  Nothing is applied
 * when an applied migration's text has changed, when the database holds a
 * migration this program does not know (a newer program applied it), or when
 * a pending migration sorts before an applied one, or when a role of the
 * installation's names exists but is not one 001 could have made
 * (db/role_guard.h).  An advisory lock keeps two
 * consoles from migrating one database at the same time.
 *
 * Run as a superuser (or the database's owner with the rights the files need).
 */
#include <stdio.h>

#include "db/db.h"
#include "db/migration_list.h"

/* The advisory lock held while migrating: pg_advisory_lock(20240, 1). */
#define DJ_MIGRATE_LOCK_SQL_ARGS "20240, 1"

enum dj_migration_state {
    DJ_MIGRATION_PENDING,
    DJ_MIGRATION_APPLIED,
    DJ_MIGRATION_CHANGED, /* applied, but the program's text differs */
    DJ_MIGRATION_UNKNOWN, /* applied, but not in the program */
};

struct dj_migration_status {
    char name[128];
    enum dj_migration_state state;
    char applied_at[32]; /* "YYYY-MM-DD HH:MM:SS" in the session's time zone, or "" */
};

/* Lists the known and the applied migrations in name order, without changing
 * the database.  *out is malloc'd (free it), *count its length.  0, or -1 with err. */
int dj_migrate_status(struct dj_db *db, const struct dj_migration *list, size_t n,
                      struct dj_migration_status **out, size_t *count, struct dj_db_error *err);

/* Applies the pending migrations of list.  Writes one line per applied
 * migration to out, or "没有待执行的迁移 (nothing pending)"; notes such as
 * "waiting for another console" go to msg (may be NULL).  Returns 0, or -1 with
 * err (kind DJ_DB_ERR_REFUSED when the state of the database forbids going on;
 * err->message names the migration). */
int dj_migrate_run(struct dj_db *db, const struct dj_migration *list, size_t n, FILE *out,
                   FILE *msg, struct dj_db_error *err);

#endif

#ifndef DJ_DB_ROLE_GUARD_H
#define DJ_DB_ROLE_GUARD_H
/*
 * The group roles of an installation (sql/001_meta.sql: {owner}, {useradmin},
 * {clerk}, the five levels and {auditor}) are cluster-wide names made from the
 * database's name.  001 reuses a role of that name that already exists (a
 * database dropped and made again keeps its roles), so before any migration
 * runs, each existing role of those names must look like one 001 made: no
 * LOGIN, no SUPERUSER, CREATEDB, REPLICATION or BYPASSRLS, CREATEROLE only on
 * {useradmin}, and a member of nothing but {clerk} (the levels and {auditor}).
 * A role that fails is someone else's: adopting it would hand them the
 * database, so the migration is refused and the role named.
 */
#include "db/db.h"

/* 0 when every existing role of the installation's names is one 001 could
 * have made; -1 with err (kind DJ_DB_ERR_REFUSED naming the role and what is
 * wrong with it, or the query's error). */
int dj_role_guard_check(struct dj_db *db, struct dj_db_error *err);

#endif

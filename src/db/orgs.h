#ifndef DJ_DB_ORGS_H
#define DJ_DB_ORGS_H
/*
 * The organization tree for the screens: the clerk's top organizations, one
 * page of an organization's children, finding by code prefix or name, and one
 * organization's details.
 *
 * As in members.h, the SQL is in sql/020_search.sql (app.org_roots,
 * app.org_children, app.org_find, app.org_detail), called with every value a
 * parameter and the clerk's rights: row-level security decides what exists.
 * Children come in code order, paged by keyset on the code (at most
 * page_size rows, 1..DJ_PAGE_MAX); found organizations in tree order, paged
 * forward by path_key.  Dissolved organizations (已撤销) are left out unless
 * with_dissolved.
 */
#include <stdbool.h>

#include "db/db.h"
#include "model/org.h"

#define DJ_ORG_MAX_ROOTS 10

enum dj_org_find {
    DJ_ORG_FIND_CODE, /* 组织代码 starts with the text: 001.031 */
    DJ_ORG_FIND_NAME, /* 组织名称 contains the text */
};

/* The tops of the clerk's tree: its scope organizations (the city for a role
 * that is no clerk, such as the superuser).  rows: room for DJ_ORG_MAX_ROOTS.
 * Returns 0 with *count, or -1 with err. */
int dj_orgs_roots(struct dj_db *db, bool with_dissolved, struct dj_org_row *rows, int *count,
                  struct dj_db_error *err);

/* One page of parent's children.  key_code: for DJ_PAGE_NEXT the last
 * child's code shown, for DJ_PAGE_PREV the first's.  Returns 0 with *count,
 * or -1 with err. */
int dj_orgs_children(struct dj_db *db, long long parent_id, bool with_dissolved,
                     enum dj_page_dir dir, const char *key_code, struct dj_org_row *rows,
                     int page_size, int *count, struct dj_db_error *err);

/* Organizations by code prefix or name, in tree order after after_path (a
 * path_key; NULL for the first page).  Blank text is refused with a message.
 * Returns 0 with *count, or -1 with err. */
int dj_orgs_find(struct dj_db *db, enum dj_org_find by, const char *text, bool with_dissolved,
                 const char *after_path, struct dj_org_row *rows, int page_size, int *count,
                 struct dj_db_error *err);

/* One organization's details.  Returns 0, 1 when it is not in the clerk's
 * scope (or does not exist), or -1 with err. */
int dj_org_detail_load(struct dj_db *db, long long id, struct dj_org_detail *out,
                       struct dj_db_error *err);

#endif

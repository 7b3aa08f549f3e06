#ifndef DJ_DB_MEMBERS_H
#define DJ_DB_MEMBERS_H
/*
 * Members for the read-only screens: one page of a list or search, a count,
 * one person's details, one record-set tab.
 *
 * The SQL lives in one place, sql/020_search.sql: these calls only run
 * app.member_page, app.member_count, app.member_detail and app.member_records
 * with every value a parameter, and `make bench` calls the same functions.
 * They run with the clerk's rights, so row-level security decides what is
 * seen; an organization outside the clerk's scope lists nothing.
 *
 * Lists are in pinyin order (name in the zh-x-icu collation, then id) and
 * paged by keyset, never OFFSET: each call asks the database for at most
 * page_size rows (1..DJ_PAGE_MAX) and keeps nothing between calls.  The key
 * of the next page is the last row's (dj_member_key_of), of the previous
 * page the first row's.  A page past the end has 0 rows.
 *
 * Searches (模糊查询): DJ_SEARCH_NAME finds names containing the text (one
 * character or more: 张 finds 张伟 and 李张); DJ_SEARCH_INITIALS names whose
 * pinyin initials start with it (zw: 张伟, 曾伟); DJ_SEARCH_ID_NUMBER ID
 * numbers starting with it (at least 6 characters).  Within org's subtree, or
 * with org_id 0 within the clerk's whole scope (its own organizations' people;
 * members on their way in from elsewhere are listed only once received).
 * Empty or unusable search text is refused with a Chinese message.  A list
 * (no search) with org_id 0 and subtree is the clerk's whole scope, however
 * many organizations it is made of.
 *
 * Pinyin order is ICU's (zh-x-icu), which reads a polyphonic surname by its
 * common reading: 曾伟 sorts under ceng (before 陈), 单 under dan, while the
 * initials search knows them as zeng, shan (app.surname_reading).
 *
 * Measured on 300,000 generated people (6,640 organizations, a 75,000-person
 * district, a 7,600-person committee), PostgreSQL 15, 2 cores, warm, whole
 * function call averaged over 20 in one session, as the clerk of each level:
 *   list page (first, after a key, last; district walked)   3-6 ms
 *   direct members of a branch                               3 ms
 *   search 张 (hits: city 14,500, district 3,400)            city 41, district 27, below 8 ms
 *   search 张伟, 欧阳; initials zw                           city 5-8, district 14-16, below 2-6 ms
 *   ID-number prefix                                          2-4 ms
 * As the superuser (no row-level security) the same calls take 1-2 ms for a
 * page and half the search times: planning the policies' scope tests and
 * their per-statement lookups costs 1-3 ms a statement, and for a district
 * clerk the planner ANDs every bitmap with the policy's scope range (which it
 * takes for 0.5% of the table), about 8 ms for 75,000 people.
 */
#include <stdbool.h>

#include "db/db.h"
#include "model/member.h"

enum dj_member_search {
    DJ_SEARCH_NONE = 0, /* a list: org's members, or its subtree's */
    DJ_SEARCH_NAME,
    DJ_SEARCH_INITIALS,
    DJ_SEARCH_ID_NUMBER,
};

struct dj_member_query {
    long long org_id; /* 0: the clerk's whole scope (a list of it needs subtree) */
    bool subtree;     /* org and everything below it, or only its direct members */
    enum dj_member_search search;
    const char *text; /* what the clerk typed, for a search */
    unsigned stages;  /* DJ_STAGE bits; 0 = every stage */
    enum dj_history history;
};

/* One page into rows (room for page_size).  key: for DJ_PAGE_NEXT the last row
 * of the page shown, for DJ_PAGE_PREV its first row; ignored otherwise.
 * Returns 0 with *count rows (0 past either end), or -1 with err. */
int dj_members_page(struct dj_db *db, const struct dj_member_query *q, enum dj_page_dir dir,
                    const struct dj_member_key *key, struct dj_member_row *rows, int page_size,
                    int *count, struct dj_db_error *err);

/* How many rows the whole list or search has, counted up to cap + 1 (a screen
 * shows "cap 以上" then).  Returns the count, or -1 with err. */
long long dj_members_count(struct dj_db *db, const struct dj_member_query *q, long long cap,
                           struct dj_db_error *err);

/* One person's details.  Returns 0, 1 when there is no such person in the
 * clerk's scope, or -1 with err. */
int dj_member_detail_load(struct dj_db *db, long long id, struct dj_member_detail *out,
                          struct dj_db_error *err);

/* The rows of one record-set tab (at most 500, oldest first).  Returns 0
 * (free with dj_recset_rows_free), or -1 with err and out empty. */
int dj_member_records_load(struct dj_db *db, long long person_id, enum dj_recset set,
                           struct dj_recset_rows *out, struct dj_db_error *err);

#endif

#ifndef DJ_MODEL_GEN_PERSON_H
#define DJ_MODEL_GEN_PERSON_H
/*
 * Generated people and their record sets, one branch at a time.
 *
 * A person is a pure function of (seed, person index, branch): gen_person_make
 * draws the same person every time, so each table of the load draws the
 * branch's people again instead of keeping two million in memory.  Only the
 * ID number needs state (struct gen_idnum: the sequence digits come from a
 * counter per area, birth date and sex, so numbers are unique by
 * construction); it is drawn once, in order, for the person table.
 *
 * The record builders each use their own stream, so what one table holds
 * never shifts another.  Dates are consistent with the schema's CHECKs and
 * DOMAIN.md's rules: 18 full years at application, a talk within a month,
 * a year as activist before becoming a development target, approval within
 * three months of the branch meeting, full membership one year after it
 * (once extended by 6-12 months for a few), all on or before plan->p.as_of.
 * A date with y == 0 means "none".
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/date.h"
#include "model/gen_names.h"
#include "model/gen_tree.h"

enum gen_stream {
    GEN_STREAM_PERSON = 10,
    GEN_STREAM_EXTRA,
    GEN_STREAM_EDU,
    GEN_STREAM_JOB,
    GEN_STREAM_TECH,
    GEN_STREAM_DEV,
    GEN_STREAM_APPRAISAL,
    GEN_STREAM_REWARD,
    GEN_STREAM_RELATION,
    GEN_STREAM_ORG,
};

struct gen_person {
    uint64_t index;
    char name[GEN_NAME_MAX];
    int sex; /* 1 男, 2 女 */
    struct dj_date birth;
    int area; /* the gen_areas entry the ID number would like */
    const char *ethnicity;
    const char *education; /* code.education, the highest */
    const char *degree;    /* code.degree or NULL */
    int discipline;        /* 1..13 (GB/T 6864), 0 none */
    const char *political_status;
    const char *person_category;
    struct dj_date joined_work, retired_on;
    char stage[2]; /* code.stage */
    /* The development steps that set the stage (see gen_dev_steps). */
    struct dj_date applied, activist, target, joined, full, extended_until;
    const char *history_reason; /* code.history_reason, NULL when on the roll */
    struct dj_date history_on;
    const char *exit_kind, *suspend_reason;
    int history_detail; /* which wording of the detail (gen_history_detail) */
};

/* What the people of one branch share. */
struct gen_branch {
    const struct gen_plan *plan;
    size_t org;
    const struct gen_org *o;
    const struct gen_unit *unit;
    int district;  /* gen_districts index, or -1 */
    bool showcase; /* the demo's first branch */
};

void gen_branch_init(struct gen_branch *b, const struct gen_plan *plan, size_t org);

/* The k-th member (0 <= k < o->size) of the branch. */
void gen_person_make(const struct gen_branch *b, uint32_t k, struct gen_person *p);

/* A member who may lead or sponsor: a full member still on the roll. */
bool gen_person_is_active_full(const struct gen_person *p);

/* ------------------------------------------------------------------------- */
/* The person table's own fields */

struct gen_idnum;
/* The ID-number counters for births from first_year to the as-of year. */
struct gen_idnum *gen_idnum_new(int first_year, int last_year);
void gen_idnum_free(struct gen_idnum *a);

struct gen_person_extra {
    char id_number[19];
    int area; /* the gen_areas entry the number was given (native place) */
    char phone[16];
    char address[GEN_TEXT_MAX];
};
/* Draws the ID number (unique: counters), phone and address.  Returns 0, or -1
 * when no area code has a free sequence for that birth date and sex (cannot
 * happen below some 400 people per county, day and sex). */
int gen_person_extra(const struct gen_branch *b, const struct gen_person *p, struct gen_idnum *ids,
                     struct gen_person_extra *out);

/* The history_detail text for a historical member, or NULL. */
const char *gen_history_detail(const struct gen_person *p, char *buf, size_t len);

/* ------------------------------------------------------------------------- */
/* Record sets.  Each fills up to max rows and returns how many. */

struct gen_education_row {
    const char *education, *degree;
    char school[GEN_TEXT_MAX];
    const char *major;
    bool full_time;
    struct dj_date from, to;
};
size_t gen_education_rows(const struct gen_branch *b, const struct gen_person *p,
                          struct gen_education_row *out, size_t max);

struct gen_job_row {
    char unit_name[GEN_TEXT_MAX];
    const char *unit_nature, *person_category, *post;
    struct dj_date from, to;
};
size_t gen_job_rows(const struct gen_branch *b, const struct gen_person *p, struct gen_job_row *out,
                    size_t max);

struct gen_tech_row {
    const char *title;
    struct dj_date qualified_on, from;
    char unit_name[GEN_TEXT_MAX];
};
size_t gen_tech_rows(const struct gen_branch *b, const struct gen_person *p,
                     struct gen_tech_row *out, size_t max);

struct gen_standing_row {
    const char *event;
    struct dj_date event_date, until_date, approved_on;
    char approval_doc[64];
    const char *note;
};
size_t gen_standing_rows(const struct gen_branch *b, const struct gen_person *p,
                         struct gen_standing_row *out, size_t max);

struct gen_relation_row {
    struct dj_date from, to;
    const char *transfer_kind;
};
size_t gen_relation_rows(const struct gen_branch *b, const struct gen_person *p,
                         struct gen_relation_row *out, size_t max);

struct gen_step_row {
    char step[3];
    struct dj_date date;
};
/* The development steps a person's record holds: every step up to the stage
 * for people still in development, the key dates for members. */
size_t gen_dev_steps(const struct gen_branch *b, const struct gen_person *p,
                     struct gen_step_row *out, size_t max);

struct gen_contact_row {
    const char *role; /* contact, sponsor */
    int64_t member;   /* index within the branch of the member, -1 when not in the registry */
    char member_name[GEN_NAME_MAX];
    struct dj_date from, to;
};
/* people: the whole branch (o->size of them), for the contacts' names. */
size_t gen_contact_rows(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                        struct gen_contact_row *out, size_t max);

struct gen_appraisal_row {
    int year;
    const char *result;
};
size_t gen_appraisal_rows(const struct gen_branch *b, const struct gen_person *p,
                          struct gen_appraisal_row *out, size_t max);

struct gen_reward_row {
    const char *kind;
    char title[GEN_TEXT_MAX];
    struct dj_date date;
    const char *reason;
    char approved_by[GEN_TEXT_MAX];
    char approval_doc[64];
};
size_t gen_reward_rows(const struct gen_branch *b, const struct gen_person *p,
                       struct gen_reward_row *out, size_t max);

/* ------------------------------------------------------------------------- */
/* Organizations' leaders */

struct gen_post_row {
    uint32_t member; /* index within the branch people passed */
    const char *party_post;
    struct dj_date from;
};
/* The posts of org (a committee, general branch or branch) held by members of
 * the branch `b` whose people are given: the secretary first.  For a branch,
 * its committee (支委会) of 3 or 5 when it has 7 or more full members. */
size_t gen_org_posts(const struct gen_plan *plan, size_t org, const struct gen_branch *b,
                     const struct gen_person *people, struct gen_post_row *out, size_t max);

/* Full members still on the roll among people[0..n-1]. */
int gen_count_active_full(const struct gen_person *people, size_t n);

/* The organization's founding date and document number, and a phone. */
void gen_org_founding(const struct gen_plan *plan, size_t org, struct dj_date *founded, char *doc,
                      size_t doclen, char *phone, size_t phonelen);

#endif

#include "model/gen_person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/citizen_id.h"
#include "model/gen_places.h"
#include "model/gen_rand.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct dj_date NONE = {0, 0, 0};

static bool set(struct dj_date d)
{
    return d.y != 0;
}

static struct dj_date plus(struct dj_date d, long days)
{
    return dj_date_add_days(d, days);
}

static long between(struct dj_date a, struct dj_date b)
{
    return dj_date_diff_days(a, b);
}

static struct dj_date later(struct dj_date a, struct dj_date b)
{
    return dj_date_cmp(a, b) >= 0 ? a : b;
}

static struct dj_date earlier(struct dj_date a, struct dj_date b)
{
    return dj_date_cmp(a, b) <= 0 ? a : b;
}

/* A day in [lo, hi] (lo itself when hi is before lo). */
static struct dj_date day_between(struct gen_rand *r, struct dj_date lo, struct dj_date hi)
{
    long n = between(lo, hi);
    if (n <= 0)
        return lo;
    return plus(lo, (long)gen_rand_below(r, (uint32_t)(n + 1)));
}

/* Two uniform draws averaged: a triangle from lo to hi, peaked in the middle. */
static int tri(struct gen_rand *r, int lo, int hi)
{
    return lo + (gen_rand_range(r, 0, hi - lo) + gen_rand_range(r, 0, hi - lo) + 1) / 2;
}

static const char *pick(struct gen_rand *r, const char *const *list, size_t n)
{
    return list[gen_rand_below(r, (uint32_t)n)];
}

static const char *pick_w(struct gen_rand *r, const char *const *codes, const uint32_t *w, size_t n)
{
    return codes[gen_rand_weighted(r, w, n)];
}

void gen_branch_init(struct gen_branch *b, const struct gen_plan *plan, size_t org)
{
    memset(b, 0, sizeof *b);
    b->plan = plan;
    b->org = org;
    b->o = &plan->orgs[org];
    b->unit = &plan->units[b->o->unit];
    b->district = plan->units[plan->orgs[b->o->l2].unit].district;
    b->showcase = plan->p.showcase && plan->orgs[0].first_branch == (int32_t)org;
}

bool gen_person_is_active_full(const struct gen_person *p)
{
    return p->stage[0] == '5' && p->history_reason == NULL;
}

/* ------------------------------------------------------------------------- */
/* Areas: Shanghai's (by district), and the others by weight, built once. */

static size_t sh_count, other_count;
static size_t sh_idx[64], other_idx[128];
static uint32_t other_cum[128];

static void areas_init(void)
{
    if (sh_count > 0)
        return;
    uint32_t t = 0;
    for (size_t i = 0; i < gen_area_count; i++) {
        if (gen_areas[i].district >= 0) {
            sh_idx[sh_count++] = i;
        } else {
            t += gen_areas[i].weight;
            other_idx[other_count] = i;
            other_cum[other_count++] = t;
        }
    }
}

static int pick_area(struct gen_rand *r, int district, struct dj_date birth, unsigned shanghai)
{
    areas_init();
    if (!gen_rand_chance(r, shanghai))
        return (int)other_idx[gen_rand_cumulative(r, other_cum, other_count)];
    /* Half of those born in the city were born in the district they live in. */
    for (int tries = 0; tries < 8; tries++) {
        size_t i = sh_idx[gen_rand_below(r, (uint32_t)sh_count)];
        const struct gen_area *a = &gen_areas[i];
        if (a->retired_before && birth.y >= a->retired_before)
            continue;
        if (district >= 0 && tries == 0 && gen_rand_chance(r, 500) && a->district != district)
            continue;
        return (int)i;
    }
    return district >= 0 ? district : 0; /* the first 16 entries are the districts' */
}

/* ------------------------------------------------------------------------- */
/* Development timelines: every step as days after the application (step 01). */

/* off[s] for s = 1..21 (22..25 follow the probation: see step_date). */
static void timeline(struct gen_rand *r, int32_t off[26])
{
    memset(off, 0, 26 * sizeof off[0]);
    off[1] = 0;
    off[2] = off[1] + gen_rand_range(r, 5, 28); /* the talk: within a month */
    off[3] = off[2] + gen_rand_range(r, 60, 240);
    off[4] = off[3] + gen_rand_range(r, 7, 28);
    off[5] = off[4] + gen_rand_range(r, 0, 14);
    off[6] = off[5] + gen_rand_range(r, 0, 28);
    off[7] = off[3] + gen_rand_range(r, 366, 540); /* a year as activist at least */
    off[8] = off[7] + gen_rand_range(r, 7, 28);
    off[9] = off[8] + gen_rand_range(r, 7, 28);
    off[10] = off[9] + gen_rand_range(r, 7, 60);
    off[11] = off[10] + gen_rand_range(r, 7, 60);
    off[12] = off[11] + gen_rand_range(r, 7, 28);
    off[13] = off[12] + gen_rand_range(r, 7, 28);
    off[14] = off[13] + gen_rand_range(r, 3, 14);
    off[15] = off[14] + gen_rand_range(r, 3, 20); /* 支部大会: joined_party_on */
    off[16] = off[15] + gen_rand_range(r, 7, 28);
    off[17] = off[16] + gen_rand_range(r, 7, 50); /* approved within three months */
    off[18] = off[17] + gen_rand_range(r, 7, 28);
    off[19] = off[18] + gen_rand_range(r, 0, 14);
    off[20] = off[19] + gen_rand_range(r, 0, 28);
    off[21] = off[20] + gen_rand_range(r, 0, 28);
    off[22] = off[15] + gen_rand_range(r, 330, 350); /* asks for 转正 before the end */
    off[24] = gen_rand_range(r, 10, 60);             /* after the full date */
    off[25] = off[24] + gen_rand_range(r, 7, 28);
}

/* The stored offsets live in the person as days from `applied`; steps 23..25
 * count from the full date. */
static struct dj_date step_date(const struct gen_person *p, const int32_t *off, int s)
{
    if (s <= 22)
        return plus(p->applied, off[s]);
    if (!set(p->full))
        return NONE;
    if (s == 23)
        return p->full;
    return plus(p->full, off[s]);
}

/* The offsets are drawn again from the person's own stream position: kept in
 * a side stream so gen_person_make and gen_dev_steps agree. */
static void person_timeline(uint64_t seed, uint64_t index, int32_t off[26])
{
    struct gen_rand r;
    gen_rand_init(&r, seed, GEN_STREAM_DEV, index);
    timeline(&r, off);
}

/* ------------------------------------------------------------------------- */
/* The person */

enum pkind { K_APPLICANT, K_ACTIVIST, K_TARGET, K_PROBATION, K_FULL, K_HISTORY };

static const char *const edu_codes[] = {"11", "14", "21", "31", "41", "47", "61", "71", "81"};

/* Highest education by generation (per mille), index as edu_codes. */
static const uint32_t edu_young[] = {20, 180, 520, 200, 30, 20, 30, 0, 0};
static const uint32_t edu_mid[] = {20, 120, 450, 250, 60, 20, 80, 0, 0};
static const uint32_t edu_older[] = {10, 50, 300, 280, 100, 20, 180, 60, 0};
static const uint32_t edu_old[] = {5, 10, 120, 120, 100, 0, 300, 250, 95};
static const uint32_t edu_academic[] = {300, 330, 250, 80, 0, 0, 40, 0, 0};

/* Disciplines 1..13 of GB/T 6864 (11, military, not drawn). */
static const uint32_t discipline_w[13] = {10, 100, 70, 50, 70, 10, 100, 300, 20, 80, 0, 150, 30};

static const char *degree_code(int level, int discipline)
{
    static const char *const d2[] = {"201", "202", "203", "204", "205", "206", "207",
                                     "208", "209", "210", "211", "212", "213"};
    static const char *const d3[] = {"301", "302", "303", "304", "305", "306", "307",
                                     "308", "309", "310", "311", "312", "313"};
    static const char *const d4[] = {"401", "402", "403", "404", "405", "406", "407",
                                     "408", "409", "410", "411", "412", "413"};
    if (discipline < 1 || discipline > 13)
        return NULL;
    return level == 2 ? d2[discipline - 1] : level == 3 ? d3[discipline - 1] : d4[discipline - 1];
}

/* The age education of that level is finished at. */
static int edu_age(const char *e)
{
    switch (e[0]) {
    case '1':
        return e[1] == '1' ? 28 : 25;
    case '2':
        return 22;
    case '3':
        return 21;
    case '4':
    case '6':
        return 18;
    case '7':
        return 15;
    default:
        return 12;
    }
}

static void choose_education(struct gen_rand *r, const struct gen_branch *b, struct gen_person *p,
                             int age)
{
    const uint32_t *w = edu_mid;
    enum gen_sector sec = b->unit->sector;
    if (b->o->btype == GEN_BT_STUDENT) {
        p->discipline = 1 + (int)gen_rand_weighted(r, discipline_w, 13);
        if (b->o->graduate) {
            p->education = "21";
            p->degree = degree_code(4, p->discipline);
        } else {
            p->education = "61";
        }
        return;
    }
    if (b->o->btype == GEN_BT_WORK &&
        (sec == GEN_SEC_UNIVERSITY || sec == GEN_SEC_RESEARCH || sec == GEN_SEC_HOSPITAL))
        w = edu_academic;
    else if (p->birth.y >= 1985)
        w = edu_young;
    else if (p->birth.y >= 1970)
        w = edu_mid;
    else if (p->birth.y >= 1950)
        w = edu_older;
    else
        w = edu_old;
    size_t i = gen_rand_weighted(r, w, COUNT(edu_codes));
    /* Nobody finishes a doctorate at 24. */
    while (i < COUNT(edu_codes) - 1 && edu_age(edu_codes[i]) > age)
        i++;
    p->education = edu_codes[i];
    if (p->education[0] <= '3') {
        p->discipline = 1 + (int)gen_rand_weighted(r, discipline_w, 13);
        if (strcmp(p->education, "11") == 0)
            p->degree = degree_code(2, p->discipline);
        else if (strcmp(p->education, "14") == 0)
            p->degree = degree_code(3, p->discipline);
        else if (strcmp(p->education, "21") == 0)
            p->degree = degree_code(4, p->discipline);
    }
}

static const char *category_for(struct gen_rand *r, const char *nature)
{
    static const char *const gov[] = {"0111", "0112", "0161"};
    static const uint32_t gov_w[] = {60, 25, 15};
    static const char *const inst[] = {"012", "013", "0162"};
    static const uint32_t inst_w[] = {30, 55, 15};
    static const char *const soe[] = {"014", "015", "0163"};
    static const uint32_t soe_w[] = {35, 30, 35};
    static const char *const priv[] = {"021", "022", "0251"};
    static const uint32_t priv_w[] = {30, 35, 35};
    static const char *const soc[] = {"023", "024", "0252"};
    static const uint32_t soc_w[] = {40, 40, 20};
    static const char *const street[] = {"0112", "503"};
    static const uint32_t street_w[] = {40, 60};
    static const char *const town[] = {"0111", "111", "503"};
    static const uint32_t town_w[] = {30, 40, 30};
    switch (nature[0]) {
    case '1':
        return pick_w(r, gov, gov_w, 3);
    case '2':
        return pick_w(r, inst, inst_w, 3);
    case '3':
        return nature[1] == '3' ? pick_w(r, priv, priv_w, 3) : pick_w(r, soe, soe_w, 3);
    case '4':
        return pick_w(r, soc, soc_w, 3);
    case '5':
        return pick_w(r, street, street_w, 2);
    case '6':
        return pick_w(r, town, town_w, 3);
    default:
        return "598";
    }
}

/* What kind of person the k-th member is, by the branch's kind. */
static enum pkind choose_kind(struct gen_rand *r, const struct gen_branch *b, int retired_like)
{
    /* per mille: applicant, activist, target, probationary, historical */
    static const uint32_t work[] = {15, 15, 8, 25, 20};
    static const uint32_t retired[] = {0, 0, 0, 0, 60};
    static const uint32_t old_community[] = {0, 0, 0, 3, 50};
    static const uint32_t undergrad[] = {150, 200, 100, 150, 10};
    static const uint32_t graduate[] = {60, 100, 70, 150, 20};
    const uint32_t *w = work;
    if (b->o->btype == GEN_BT_STUDENT)
        w = b->o->graduate ? graduate : undergrad;
    else if (b->o->btype == GEN_BT_RETIRED)
        w = retired;
    else if (retired_like)
        w = old_community;
    uint32_t x = gen_rand_below(r, 1000);
    for (int i = 0; i < 5; i++) {
        if (x < w[i])
            return i == 4 ? K_HISTORY : (enum pkind)i;
        x -= w[i];
    }
    return K_FULL;
}

static int choose_age(struct gen_rand *r, const struct gen_branch *b, int retired_like, int sex)
{
    if (b->o->btype == GEN_BT_STUDENT)
        return b->o->graduate ? tri(r, 22, 29) : tri(r, 19, 23);
    if (retired_like) {
        int a = gen_rand_range(r, 0, 39), c = gen_rand_range(r, 0, 39);
        return 56 + ((a < c ? a : c) + gen_rand_range(r, 0, 39)) / 2;
    }
    return gen_rand_range(r, 23, sex == 1 ? 60 : 55);
}

static struct dj_date birth_for_age(struct gen_rand *r, struct dj_date as_of, int age)
{
    struct dj_date top = dj_date_add_years(as_of, -age);
    return plus(top, -(long)gen_rand_below(r, 365));
}

void gen_person_make(const struct gen_branch *b, uint32_t k, struct gen_person *p)
{
    const struct gen_plan *plan = b->plan;
    const struct dj_date A = plan->p.as_of;
    memset(p, 0, sizeof *p);
    p->index = b->o->first_person + k;
    struct gen_rand r;
    gen_rand_init(&r, plan->p.seed, GEN_STREAM_PERSON, p->index);
    int32_t off[26];
    person_timeline(plan->p.seed, p->index, off);

    int retired_like = b->o->btype == GEN_BT_RETIRED ||
                       (b->o->btype == GEN_BT_COMMUNITY && gen_rand_chance(&r, 750));
    enum pkind kind = choose_kind(&r, b, retired_like);
    const char *reason = NULL;
    int exit6 = 0, extended = 0;
    int forced_name = 0;
    if (b->showcase) {
        /* The demo's first branch: one of every kind, and the names a demo
         * searches for. */
        static const enum pkind show[] = {K_APPLICANT, K_ACTIVIST, K_TARGET,  K_PROBATION,
                                          K_PROBATION, K_HISTORY,  K_HISTORY, K_HISTORY,
                                          K_HISTORY,   K_HISTORY};
        static const char *const show_reason[] = {"2", "4", "1", "3", "1"};
        kind = k < COUNT(show) ? show[k] : K_FULL;
        if (k >= 5 && k < 10)
            reason = show_reason[k - 5];
        exit6 = k == 9;
        extended = k == 4;
        forced_name = k >= 10 && k < 14 ? (int)k - 9 : 0;
    }

    /* Sex: the branches of the city's work units are more male, communities more female. */
    unsigned male = b->o->btype == GEN_BT_WORK ? 580 : b->o->btype == GEN_BT_COMMUNITY ? 450 : 500;
    p->sex = gen_rand_chance(&r, male) ? 1 : 2;
    if (forced_name == 1)
        p->sex = 1;

    int dev = kind <= K_PROBATION;
    if (kind == K_HISTORY && reason == NULL) {
        static const char *const rs[] = {"1", "2", "3", "4"};
        static const uint32_t work_w[] = {15, 10, 15, 60};
        static const uint32_t old_w[] = {4, 85, 3, 8};
        static const uint32_t stud_w[] = {10, 0, 0, 90};
        const uint32_t *w = retired_like ? old_w : b->o->btype == GEN_BT_STUDENT ? stud_w : work_w;
        reason = rs[gen_rand_weighted(&r, w, 4)];
    }

    if (dev) {
        /* Place the stage's first step in a window before the as-of date so that
         * the stage's own steps all fit, then count back to the application. */
        int anchor_step;
        long lo, hi;
        switch (kind) {
        case K_APPLICANT:
            anchor_step = 1, lo = 35, hi = 150;
            break;
        case K_ACTIVIST:
            anchor_step = 3, lo = 75, hi = 330;
            break;
        case K_TARGET:
            anchor_step = 7, lo = 185, hi = 330;
            break;
        default:
            anchor_step = 15, lo = 15, hi = 360;
            break;
        }
        struct dj_date anchor = plus(A, -(long)gen_rand_range(&r, (int)lo, (int)hi));
        if (extended || (kind == K_PROBATION && gen_rand_chance(&r, 10))) {
            /* Probation extended: the year is over, the extension is not. */
            extended = 1;
            anchor = plus(dj_date_add_years(A, -1), -(long)gen_rand_range(&r, 10, 150));
        }
        p->applied = plus(anchor, -off[anchor_step]);
        int aa = b->o->btype == GEN_BT_STUDENT ? (b->o->graduate ? tri(&r, 21, 25) : 18)
                                               : tri(&r, 20, 35);
        p->birth = plus(dj_date_add_years(p->applied, -aa), -(long)gen_rand_below(&r, 300));
        p->stage[0] = (char)('1' + kind);
        if (kind >= K_ACTIVIST)
            p->activist = step_date(p, off, 3);
        if (kind >= K_TARGET)
            p->target = step_date(p, off, 7);
        if (kind == K_PROBATION) {
            p->joined = step_date(p, off, 15);
            if (extended) {
                int months = gen_rand_range(&r, 6, 12);
                p->extended_until = dj_date_add_months(dj_date_add_years(p->joined, 1), months);
                if (dj_date_cmp(p->extended_until, A) <= 0)
                    p->extended_until = plus(A, gen_rand_range(&r, 10, 60));
            }
        }
    } else {
        int age = choose_age(&r, b, retired_like, p->sex);
        p->birth = birth_for_age(&r, A, age);
        /* Join age: students at university, the working young, the older
         * generations over a wider span. */
        int ja;
        if (b->o->btype == GEN_BT_STUDENT)
            ja = b->o->graduate ? tri(&r, 21, 24) : gen_rand_range(&r, 19, 21);
        else if (retired_like)
            ja = tri(&r, 19, 45);
        else
            ja = tri(&r, 20, 35);
        struct dj_date joined = plus(dj_date_add_years(p->birth, ja), gen_rand_below(&r, 365));
        p->applied = plus(joined, -off[15]);
        struct dj_date adult = dj_date_add_years(p->birth, 18);
        if (dj_date_cmp(p->applied, adult) < 0)
            p->applied = plus(adult, gen_rand_below(&r, 120));
        p->joined = step_date(p, off, 15);
        if (gen_rand_chance(&r, 15) && !exit6)
            extended = 1;
        /* The full date must be on or before the as-of date (with a margin
         * for a historical member's later leaving): move the whole timeline
         * back, and the birth with it when it would be before 18. */
        long margin = kind == K_HISTORY ? 90 : 0;
        struct dj_date latest_join = plus(dj_date_add_years(A, -1), -margin);
        if (extended)
            latest_join = dj_date_add_years(latest_join, -1);
        if (dj_date_cmp(p->joined, latest_join) > 0) {
            p->joined = plus(latest_join, -(long)gen_rand_below(&r, 200));
            p->applied = plus(p->joined, -off[15]);
            if (dj_date_cmp(p->applied, dj_date_add_years(p->birth, 18)) < 0)
                p->birth = plus(dj_date_add_years(p->applied, -18), -(long)gen_rand_below(&r, 200));
            p->joined = step_date(p, off, 15);
        }
        p->activist = step_date(p, off, 3);
        p->target = step_date(p, off, 7);
        if (exit6) {
            /* A probationary member whose status was cancelled at the end of
             * the year: stays stage 4. */
            p->stage[0] = '4';
        } else {
            p->stage[0] = '5';
            struct dj_date end = dj_date_add_years(p->joined, 1);
            if (extended) {
                p->extended_until = dj_date_add_months(end, gen_rand_range(&r, 6, 12));
                end = p->extended_until;
            }
            p->full = end;
        }
        if (kind == K_HISTORY) {
            p->history_reason = exit6 ? "1" : reason;
            struct dj_date from =
                set(p->full) ? plus(p->full, 30) : dj_date_add_years(p->joined, 1);
            if (exit6) {
                p->history_on = plus(dj_date_add_years(p->joined, 1), gen_rand_range(&r, 0, 60));
                p->exit_kind = "6";
            } else {
                long span = between(from, A);
                if (span > 3650)
                    span = 3650;
                p->history_on =
                    span > 0 ? plus(A, -(long)gen_rand_below(&r, (uint32_t)span + 1)) : A;
                p->history_on = later(p->history_on, from);
                p->history_on = earlier(p->history_on, A);
            }
            if (strcmp(p->history_reason, "1") == 0 && p->exit_kind == NULL) {
                static const char *const ek[] = {"1", "2", "3", "4", "5"};
                static const uint32_t ew[] = {30, 20, 30, 10, 10};
                p->exit_kind = b->showcase ? "3" : pick_w(&r, ek, ew, 5);
            }
            if (strcmp(p->history_reason, "3") == 0) {
                static const char *const sr[] = {"1", "2", "3"};
                static const uint32_t sw[] = {40, 30, 30};
                p->suspend_reason = b->showcase ? "1" : pick_w(&r, sr, sw, 3);
            }
            p->history_detail = (int)gen_rand_below(&r, 1000);
        }
    }
    if (extended && !set(p->extended_until))
        extended = 0;

    int age = dj_date_age(p->birth, A);
    if (forced_name) {
        char given[GEN_NAME_MAX];
        if (forced_name == 1)
            snprintf(given, sizeof given, "伟");
        else
            gen_given_name(&r, forced_name == 4 ? 2 : p->sex, p->birth.y, given, sizeof given);
        if (forced_name == 4)
            p->sex = 2;
        gen_concat(p->name, sizeof p->name, forced_name <= 2 ? "张" : "欧阳", given, NULL, NULL);
    } else {
        gen_name(&r, p->sex, p->birth.y, p->name);
    }

    static const char *const eth[] = {"01", "03", "11", "02", "08", "10", "06", "15", "04", "05",
                                      "14", "12", "07", "22", "13", "09", "16", "17", "18", "19"};
    static const uint32_t eth_w[] = {9850, 40, 30, 15, 10, 10, 8, 8, 3, 3,
                                     3,    3,  3,  2,  2,  2,  2, 2, 2, 2};
    p->ethnicity = pick_w(&r, eth, eth_w, COUNT(eth));

    unsigned shanghai = retired_like ? 800 : b->o->btype == GEN_BT_STUDENT ? 550 : 650;
    p->area = pick_area(&r, b->district, p->birth, shanghai);

    choose_education(&r, b, p, age);

    /* Work and retirement. */
    if (b->o->btype != GEN_BT_STUDENT) {
        int wa = edu_age(p->education) + gen_rand_range(&r, 0, 2);
        if (wa < 16)
            wa = 16;
        struct dj_date w = plus(dj_date_add_years(p->birth, wa), gen_rand_below(&r, 300));
        if (dj_date_cmp(w, A) > 0)
            w = plus(A, -(long)gen_rand_below(&r, 60));
        if (dj_date_cmp(w, plus(p->birth, 1)) <= 0)
            w = dj_date_add_years(p->birth, 16);
        p->joined_work = w;
        if (retired_like) {
            int ra = p->sex == 1 ? 60 : (p->education[0] >= '4' ? 50 : 55);
            struct dj_date ret = dj_date_add_years(p->birth, ra);
            if (dj_date_cmp(ret, A) > 0)
                ret = plus(A, -(long)gen_rand_range(&r, 30, 700));
            if (dj_date_cmp(ret, p->joined_work) <= 0)
                ret = plus(p->joined_work, 365);
            p->retired_on = earlier(ret, A);
        }
    }

    if (b->o->btype == GEN_BT_STUDENT) {
        if (b->o->graduate)
            p->person_category = age <= 23 ? "312" : age >= 26 ? "311" : "313";
        else
            p->person_category = age <= 19 ? "322" : age >= 22 ? "321" : "323";
    } else if (set(p->retired_on)) {
        p->person_category =
            dj_date_cmp(p->joined_work, (struct dj_date){1949, 10, 1}) < 0 ? "41" : "42";
    } else if (b->o->btype == GEN_BT_COMMUNITY) {
        static const char *const c[] = {"598", "506", "505", "0251"};
        static const uint32_t w[] = {30, 25, 20, 25};
        p->person_category = pick_w(&r, c, w, 4);
    } else {
        p->person_category = category_for(&r, b->o->joint ? "331" : b->unit->nature);
    }

    if (p->stage[0] == '5')
        p->political_status =
            p->history_reason && (p->history_reason[0] == '1' || p->history_reason[0] == '3')
                ? "13"
                : "01";
    else if (p->stage[0] == '4')
        p->political_status = p->history_reason ? "13" : "02";
    else
        p->political_status = age <= 28 && gen_rand_chance(&r, 700) ? "03" : "13";
}

/* ------------------------------------------------------------------------- */
/* The person table's own fields */

struct gen_idnum {
    int first_year;
    long days;
    struct dj_date first;
    uint16_t *used; /* [area][day][sex] */
};

struct gen_idnum *gen_idnum_new(int first_year, int last_year)
{
    struct gen_idnum *a = calloc(1, sizeof *a);
    if (a == NULL)
        return NULL;
    a->first_year = first_year;
    a->first = (struct dj_date){first_year, 1, 1};
    a->days = between(a->first, (struct dj_date){last_year, 12, 31}) + 1;
    a->used = calloc(gen_area_count * (size_t)a->days * 2, sizeof *a->used);
    if (a->used == NULL) {
        free(a);
        return NULL;
    }
    return a;
}

void gen_idnum_free(struct gen_idnum *a)
{
    if (a == NULL)
        return;
    free(a->used);
    free(a);
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    return x ^ (x >> 33);
}

/* The next free sequence for (area, day, sex): slot k of 499 in a stride
 * permutation that starts at a place of its own, so numbers look drawn. */
static int take_sequence(struct gen_idnum *ids, size_t area, long day, int sex)
{
    uint16_t *u = &ids->used[((size_t)area * (size_t)ids->days + (size_t)day) * 2 + (sex == 1)];
    if (*u >= 499)
        return -1;
    uint64_t h = mix(((uint64_t)area << 32) ^ (uint64_t)day);
    uint32_t base = (uint32_t)(h % 499), stride = 1 + (uint32_t)((h >> 20) % 498);
    uint32_t s = (base + (uint32_t)*u * stride) % 499;
    (*u)++;
    return sex == 1 ? (int)(2 * s + 1) : (int)(2 * s + 2);
}

int gen_person_extra(const struct gen_branch *b, const struct gen_person *p, struct gen_idnum *ids,
                     struct gen_person_extra *out)
{
    memset(out, 0, sizeof *out);
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_EXTRA, p->index);
    long day = between(ids->first, p->birth);
    if (day < 0 || day >= ids->days)
        return -1;
    /* The wanted area, else another of the same province. */
    int seq = -1;
    size_t area = (size_t)p->area;
    for (size_t tries = 0; tries <= gen_area_count && seq < 0; tries++) {
        size_t a = (area + tries) % gen_area_count;
        if (tries > 0 && strncmp(gen_areas[a].code, gen_areas[area].code, 2) != 0)
            continue;
        seq = take_sequence(ids, a, day, p->sex);
        if (seq >= 0)
            area = a;
    }
    if (seq < 0)
        return -1;
    out->area = (int)area;
    /* area (6), YYYYMMDD, sequence (3): digits written one by one. */
    char first17[18];
    memcpy(first17, gen_areas[area].code, 6);
    unsigned v[2] = {(unsigned)p->birth.y % 10000u * 10000u + (unsigned)p->birth.m % 100u * 100u +
                         (unsigned)p->birth.d % 100u,
                     (unsigned)seq % 1000u};
    for (int i = 7; i >= 0; i--, v[0] /= 10)
        first17[6 + i] = (char)('0' + v[0] % 10);
    for (int i = 2; i >= 0; i--, v[1] /= 10)
        first17[14 + i] = (char)('0' + v[1] % 10);
    first17[17] = '\0';
    memcpy(out->id_number, first17, 17);
    out->id_number[17] = dj_id_check_char(first17);
    out->id_number[18] = '\0';

    int age = dj_date_age(p->birth, b->plan->p.as_of);
    if (age >= 75 && gen_rand_chance(&r, 300)) {
        snprintf(out->phone, sizeof out->phone, "021-%d%07u", gen_rand_range(&r, 5, 6),
                 gen_rand_below(&r, 10000000));
    } else {
        static const char *const pre[] = {"139", "138", "137", "136", "135", "134", "159",
                                          "158", "157", "152", "151", "150", "188", "187",
                                          "186", "185", "183", "182", "181", "180", "189",
                                          "177", "176", "173", "199", "198", "191", "166"};
        snprintf(out->phone, sizeof out->phone, "%s%08u", pick(&r, pre, COUNT(pre)),
                 gen_rand_below(&r, 100000000));
    }
    int d = b->district >= 0 ? b->district : (int)gen_rand_below(&r, 16);
    char num[48];
    snprintf(num, sizeof num, "路%u弄%u号%u室", 1 + gen_rand_below(&r, 999),
             1 + gen_rand_below(&r, 60),
             101 + 100 * gen_rand_below(&r, 18) + gen_rand_below(&r, 6));
    gen_concat(out->address, sizeof out->address, gen_districts[d].full,
               pick(&r, gen_roads, gen_list_len(gen_roads)), num, NULL);
    return 0;
}

const char *gen_history_detail(const struct gen_person *p, char *buf, size_t len)
{
    if (p->history_reason == NULL)
        return NULL;
    switch (p->history_reason[0]) {
    case '1': {
        static const char *const exits[] = {
            "连续六个月不参加党的组织生活、不交纳党费，视为自行脱党",
            "经教育仍无转变，支部大会决定予以除名",
            "因严重违纪，给予开除党籍处分",
            "本人申请退党，支部大会讨论同意",
            "入党时弄虚作假，不予承认其党员身份",
            "预备期间表现不合格，取消预备党员资格"};
        int e = p->exit_kind ? p->exit_kind[0] - '1' : 0;
        snprintf(buf, len, "%s", exits[e >= 0 && e < 6 ? e : 0]);
        return buf;
    }
    case '2': {
        static const char *const died[] = {"因病去世", "病故", "因病医治无效去世"};
        snprintf(buf, len, "%s", died[p->history_detail % 3]);
        return buf;
    }
    case '3': {
        static const char *const why[] = {"出国（境）定居，停止党籍",
                                          "出国（境）学习研究超过五年未归，停止党籍",
                                          "与党组织失去联系六个月以上，停止党籍"};
        int s = p->suspend_reason ? p->suspend_reason[0] - '1' : 0;
        snprintf(buf, len, "%s", why[s >= 0 && s < 3 ? s : 0]);
        return buf;
    }
    default: {
        areas_init();
        size_t a = other_idx[(size_t)p->history_detail % other_count];
        snprintf(buf, len, "组织关系转往%s", gen_areas[a].place);
        return buf;
    }
    }
}

/* ------------------------------------------------------------------------- */
/* Record sets */

static void doc_number(char *buf, size_t len, const char *prefix, int year, unsigned n)
{
    snprintf(buf, len, "%s〔%d〕%u号", prefix ? prefix : "沪委", year, n);
}

static const char *school_for(struct gen_rand *r, const char *edu, char *buf, size_t len)
{
    const char *road = pick(r, gen_roads, gen_list_len(gen_roads));
    switch (edu[0]) {
    case '1':
    case '2':
        if (gen_rand_chance(r, 700))
            snprintf(buf, len, "%s", pick(r, gen_universities, gen_list_len(gen_universities)));
        else
            snprintf(buf, len, "%s", pick(r, gen_other_schools, gen_list_len(gen_other_schools)));
        return buf;
    case '3':
        gen_concat(buf, len, "上海", road, "职业技术学院", NULL);
        return buf;
    case '4':
        gen_concat(buf, len, "上海市", road, edu[1] == '7' ? "技工学校" : "中等专业学校", NULL);
        return buf;
    case '6':
        gen_concat(buf, len, "上海市", road, "中学", NULL);
        return buf;
    case '7':
        gen_concat(buf, len, "上海市", road, "初级中学", NULL);
        return buf;
    default:
        gen_concat(buf, len, road, "小学", NULL, NULL);
        return buf;
    }
}

static const char *major_for(struct gen_rand *r, int discipline)
{
    if (discipline < 1 || discipline > 13)
        return NULL;
    const char *const *m = gen_majors[discipline - 1];
    size_t n = 0;
    while (n < 8 && m[n] != NULL)
        n++;
    return n ? m[gen_rand_below(r, (uint32_t)n)] : NULL;
}

static void edu_row(struct gen_rand *r, const struct gen_person *p, const struct dj_date A,
                    struct gen_education_row *row, const char *edu, const char *degree,
                    int start_year, int years)
{
    memset(row, 0, sizeof *row);
    row->education = edu;
    row->degree = degree;
    school_for(r, edu, row->school, sizeof row->school);
    row->major = edu[0] <= '3' ? major_for(r, p->discipline) : NULL;
    row->full_time = true;
    row->from = (struct dj_date){start_year, 9, 1};
    row->to = (struct dj_date){start_year + years, 7, 1};
    if (dj_date_cmp(row->to, A) > 0)
        row->to = NONE;
}

size_t gen_education_rows(const struct gen_branch *b, const struct gen_person *p,
                          struct gen_education_row *out, size_t max)
{
    if (max < 3 || p->education == NULL)
        return 0;
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_EDU, p->index);
    const struct dj_date A = b->plan->p.as_of;
    const char *e = p->education;
    int y18 = p->birth.y + 18;
    size_t n = 0;
    if (e[0] == '1' || strcmp(e, "21") == 0) {
        edu_row(&r, p, A, &out[n++], "21", degree_code(4, p->discipline), y18, 4);
        int y = y18 + 4 + gen_rand_range(&r, 0, 2);
        if (e[0] == '1') {
            edu_row(&r, p, A, &out[n++], "14", degree_code(3, p->discipline), y, 3);
            y += 3 + gen_rand_range(&r, 0, 1);
            if (strcmp(e, "11") == 0)
                edu_row(&r, p, A, &out[n++], "11", p->degree, y, 4);
            else
                out[n - 1].degree = p->degree;
        } else {
            out[0].degree = p->degree;
        }
        /* A few of the older generation studied for their degree in service. */
        if (p->birth.y < 1970 && gen_rand_chance(&r, 300)) {
            out[0].full_time = false;
            int y0 = y18 + gen_rand_range(&r, 6, 15);
            out[0].from = (struct dj_date){y0, 9, 1};
            out[0].to = (struct dj_date){y0 + 3, 7, 1};
        }
    } else if (e[0] == '3') {
        edu_row(&r, p, A, &out[n++], e, NULL, y18, 3);
    } else if (e[0] == '4' || e[0] == '6') {
        edu_row(&r, p, A, &out[n++], e, NULL, y18 - 3, 3);
    } else if (e[0] == '7') {
        edu_row(&r, p, A, &out[n++], e, NULL, y18 - 6, 3);
    } else {
        edu_row(&r, p, A, &out[n++], e, NULL, y18 - 12, 6);
    }
    /* Nothing before birth or after the as-of date; from <= to always. */
    for (size_t i = 0; i < n; i++) {
        if (set(out[i].to) && dj_date_cmp(out[i].to, A) > 0)
            out[i].to = NONE;
        if (dj_date_cmp(out[i].from, A) > 0)
            out[i].from = NONE, out[i].to = NONE;
    }
    return n;
}

static const char *post_for(struct gen_rand *r, const char *category, enum gen_sector sec)
{
    static const char *const gov[] = {"科员",         "一级科员", "四级主任科员",
                                      "二级主任科员", "副处长",   "处长"};
    static const char *const worker[] = {"驾驶员", "技术工人", "操作工", "维修工", "后勤服务"};
    static const char *const manager[] = {"部门经理", "副主任",   "主任",
                                          "科长",     "项目经理", "办公室主任"};
    static const char *const doctor[] = {"医师", "主治医师", "护士", "主管护师", "药师"};
    static const char *const teacher[] = {"讲师", "副教授", "教授", "实验员", "辅导员"};
    static const char *const pro[] = {"工程师", "会计师", "经济师", "设计师", "研究员", "技术员"};
    static const char *const community[] = {"社区工作者", "居委会主任", "社区党建指导员"};
    static const char *const farmer[] = {"农业生产人员", "合作社社员"};
    static const char *const other[] = {"个体经营者", "自由职业者", "销售员"};
    if (strncmp(category, "011", 3) == 0)
        return pick(r, gov, COUNT(gov));
    if (strncmp(category, "016", 3) == 0 || strncmp(category, "025", 3) == 0)
        return pick(r, worker, COUNT(worker));
    if (!strcmp(category, "012") || !strcmp(category, "014") || !strcmp(category, "021") ||
        !strcmp(category, "023"))
        return pick(r, manager, COUNT(manager));
    if (!strcmp(category, "013") || !strcmp(category, "015") || !strcmp(category, "022") ||
        !strcmp(category, "024")) {
        if (sec == GEN_SEC_HOSPITAL)
            return pick(r, doctor, COUNT(doctor));
        if (sec == GEN_SEC_UNIVERSITY || sec == GEN_SEC_EDU_BUREAU)
            return pick(r, teacher, COUNT(teacher));
        return pick(r, pro, COUNT(pro));
    }
    if (!strcmp(category, "503"))
        return pick(r, community, COUNT(community));
    if (category[0] == '1')
        return pick(r, farmer, COUNT(farmer));
    return pick(r, other, COUNT(other));
}

static void synthetic_employer(struct gen_rand *r, char *buf, size_t len, const char **nature)
{
    const char *brand = pick(r, gen_brands, gen_list_len(gen_brands));
    const char *const *inds = gen_industries[GEN_IND_MIXED];
    const char *ind = pick(r, inds, gen_list_len(inds));
    gen_concat(buf, len, "上海", brand, ind, "有限公司");
    static const char *const n[] = {"310", "320", "331", "333"};
    static const uint32_t w[] = {30, 15, 45, 10};
    *nature = pick_w(r, n, w, 4);
}

/* Where the person works or worked: the branch's unit, or for a joint branch
 * and a community someone else's. */
static void employer(struct gen_rand *r, const struct gen_branch *b, char *buf, size_t len,
                     const char **nature)
{
    if (b->o->joint || b->o->btype == GEN_BT_COMMUNITY) {
        synthetic_employer(r, buf, len, nature);
        if (b->o->joint)
            *nature = "331";
        return;
    }
    gen_concat(buf, len, b->unit->unit_name, NULL, NULL, NULL);
    *nature = b->unit->nature;
}

size_t gen_job_rows(const struct gen_branch *b, const struct gen_person *p, struct gen_job_row *out,
                    size_t max)
{
    if (max < 1 || !set(p->joined_work))
        return 0;
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_JOB, p->index);
    const struct dj_date A = b->plan->p.as_of;
    struct gen_job_row *j = &out[0];
    memset(j, 0, sizeof *j);
    employer(&r, b, j->unit_name, sizeof j->unit_name, &j->unit_nature);
    const char *cat = p->person_category;
    if (set(p->retired_on) || p->person_category[0] == '5' || p->person_category[0] == '1')
        cat = category_for(&r, j->unit_nature);
    if (b->o->btype == GEN_BT_COMMUNITY && !set(p->retired_on))
        cat = p->person_category;
    j->person_category = cat;
    j->post = post_for(&r, cat, b->unit->sector);
    struct dj_date end = set(p->retired_on) ? p->retired_on : A;
    long span = between(p->joined_work, end);
    long back = span > 0 ? (long)gen_rand_below(&r, (uint32_t)(span > 9000 ? 9000 : span) + 1) : 0;
    j->from = plus(end, -back);
    j->from = later(j->from, p->joined_work);
    j->to = set(p->retired_on) ? p->retired_on : NONE;
    return 1;
}

size_t gen_tech_rows(const struct gen_branch *b, const struct gen_person *p,
                     struct gen_tech_row *out, size_t max)
{
    if (max < 1 || !set(p->joined_work))
        return 0;
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_TECH, p->index);
    const char *c = p->person_category;
    unsigned chance = 0;
    if (!strcmp(c, "013") || !strcmp(c, "015") || !strcmp(c, "022") || !strcmp(c, "024"))
        chance = 850;
    else if (!strcmp(c, "012") || !strcmp(c, "014") || !strcmp(c, "021") || !strcmp(c, "023"))
        chance = 200;
    else if (c[0] == '4')
        chance = 300;
    if (!gen_rand_chance(&r, chance))
        return 0;
    const struct dj_date A = b->plan->p.as_of;
    struct dj_date until = set(p->retired_on) ? p->retired_on : A;
    int age = dj_date_age(p->birth, until);
    struct gen_tech_row *t = &out[0];
    memset(t, 0, sizeof *t);
    static const char *const t1[] = {"1", "2", "3"};
    static const uint32_t w1[] = {25, 45, 30};
    static const uint32_t w2[] = {0, 40, 60};
    if (age < 30)
        t->title = "4";
    else if (age < 40)
        t->title = gen_rand_chance(&r, 800) ? "3" : "4";
    else if (age < 50)
        t->title = pick_w(&r, t1, w2, 3);
    else
        t->title = pick_w(&r, t1, w1, 3);
    /* Qualified some years into the career, before the as-of or retirement date. */
    long span = between(p->joined_work, until);
    if (span < 30)
        return 0;
    t->qualified_on = plus(p->joined_work, (long)gen_rand_range(&r, (int)(span / 3), (int)span));
    t->from = earlier(plus(t->qualified_on, gen_rand_range(&r, 0, 180)), until);
    const char *nature;
    employer(&r, b, t->unit_name, sizeof t->unit_name, &nature);
    return 1;
}

size_t gen_standing_rows(const struct gen_branch *b, const struct gen_person *p,
                         struct gen_standing_row *out, size_t max)
{
    if (max < 5 || !set(p->joined))
        return 0;
    int32_t off[26];
    person_timeline(b->plan->p.seed, p->index, off);
    const struct dj_date A = b->plan->p.as_of;
    const char *doc = b->unit->doc;
    size_t n = 0;
    struct gen_standing_row *s = &out[n++];
    memset(s, 0, sizeof *s);
    s->event = "join";
    s->event_date = p->joined;
    struct dj_date approved = step_date(p, off, 17);
    if (dj_date_cmp(approved, A) <= 0) {
        s->approved_on = approved;
        doc_number(s->approval_doc, sizeof s->approval_doc, doc, approved.y,
                   1 + (unsigned)(p->index % 97));
    }
    if (set(p->extended_until)) {
        s = &out[n++];
        memset(s, 0, sizeof *s);
        s->event = "extend";
        s->event_date = dj_date_add_years(p->joined, 1);
        s->until_date = p->extended_until;
        struct dj_date ap = plus(s->event_date, 10 + (long)(p->index % 30));
        if (dj_date_cmp(ap, A) <= 0)
            s->approved_on = ap;
        s->note = "预备期间有不足，延长预备期";
    }
    if (set(p->full)) {
        s = &out[n++];
        memset(s, 0, sizeof *s);
        s->event = "full";
        s->event_date = p->full;
        struct dj_date ap = step_date(p, off, 24);
        if (set(ap) && dj_date_cmp(ap, A) <= 0) {
            s->approved_on = ap;
            doc_number(s->approval_doc, sizeof s->approval_doc, doc, ap.y,
                       1 + (unsigned)(p->index % 89));
        }
    }
    if (p->exit_kind && p->exit_kind[0] == '6') {
        s = &out[n++];
        memset(s, 0, sizeof *s);
        s->event = "cancel";
        s->event_date = p->history_on;
        s->note = "取消预备党员资格";
    }
    if (p->history_reason && p->history_reason[0] == '3') {
        s = &out[n++];
        memset(s, 0, sizeof *s);
        s->event = "suspend";
        s->event_date = p->history_on;
        s->note = "停止党籍";
    }
    return n;
}

size_t gen_relation_rows(const struct gen_branch *b, const struct gen_person *p,
                         struct gen_relation_row *out, size_t max)
{
    if (max < 1 || (p->stage[0] != '4' && p->stage[0] != '5'))
        return 0;
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_RELATION, p->index);
    const struct dj_date A = b->plan->p.as_of;
    struct gen_relation_row *x = &out[0];
    memset(x, 0, sizeof *x);
    /* In this branch since joining, or since a later move: retirement for
     * the retired, a change of work for the others. */
    struct dj_date from = p->joined;
    if (set(p->retired_on))
        from = later(from, p->retired_on);
    else if (b->o->btype != GEN_BT_STUDENT && gen_rand_chance(&r, 500))
        from = later(from, plus(A, -(long)gen_rand_below(&r, 15 * 365)));
    x->from = earlier(from, A);
    if (p->history_reason) {
        if (dj_date_cmp(x->from, p->history_on) > 0)
            x->from = p->joined;
        x->to = p->history_on;
        if (p->history_reason[0] == '4')
            x->transfer_kind = "3";
    }
    return 1;
}

/* "01" .. "25" */
static void step_code(char out[3], int s)
{
    out[0] = (char)('0' + s / 10 % 10);
    out[1] = (char)('0' + s % 10);
    out[2] = '\0';
}

size_t gen_dev_steps(const struct gen_branch *b, const struct gen_person *p,
                     struct gen_step_row *out, size_t max)
{
    if (max < 25)
        return 0;
    int32_t off[26];
    person_timeline(b->plan->p.seed, p->index, off);
    const struct dj_date A = b->plan->p.as_of;
    size_t n = 0;
    /* Steps 1..last of the stage reached; members keep the key dates only. */
    static const int key[] = {1, 3, 7, 15, 23};
    int last;
    switch (p->stage[0]) {
    case '1':
        last = 2;
        break;
    case '2':
        last = 6;
        break;
    case '3':
        last = 11;
        break;
    case '4':
        last = p->history_reason ? 18 : 22;
        break;
    default:
        last = 0;
        break;
    }
    if (last > 0) {
        for (int s = 1; s <= last; s++) {
            struct dj_date d = step_date(p, off, s);
            if (!set(d) || dj_date_cmp(d, A) > 0)
                continue;
            step_code(out[n].step, s);
            out[n++].date = d;
        }
        return n;
    }
    int modern = p->joined.y >= 1990;
    for (size_t i = 0; i < COUNT(key); i++) {
        int s = key[i];
        if (!modern && s < 15)
            continue;
        struct dj_date d = step_date(p, off, s);
        if (!set(d) || dj_date_cmp(d, A) > 0)
            continue;
        step_code(out[n].step, s);
        out[n++].date = d;
    }
    return n;
}

size_t gen_contact_rows(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                        struct gen_contact_row *out, size_t max)
{
    const struct gen_person *p = &people[k];
    char st = p->stage[0];
    if (max < 4 || p->history_reason || st < '2' || st > '4')
        return 0;
    int32_t off[26];
    person_timeline(b->plan->p.seed, p->index, off);
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_DEV + 100, p->index);
    /* Full members of the branch on the roll, other than the person. */
    uint32_t cand[64], nc = 0;
    for (uint32_t i = 0; i < b->o->size && nc < 64; i++)
        if (i != k && gen_person_is_active_full(&people[i]))
            cand[nc++] = i;
    size_t n = 0;
    for (int role = 0; role < 2; role++) {
        if (role == 1 && st < '3')
            break;
        struct dj_date from = step_date(p, off, role == 0 ? 5 : 9);
        uint32_t first = nc ? gen_rand_below(&r, nc) : 0;
        for (uint32_t j = 0; j < 2; j++) {
            struct gen_contact_row *c = &out[n++];
            memset(c, 0, sizeof *c);
            c->role = role == 0 ? "contact" : "sponsor";
            c->from = from;
            if (role == 0 && st == '4')
                c->to = p->joined;
            if (nc >= 2 || (nc == 1 && j == 0)) {
                uint32_t m = cand[(first + j) % nc];
                c->member = m;
                memcpy(c->member_name, people[m].name, sizeof c->member_name);
            } else {
                /* Not in this registry (a member elsewhere): the name only. */
                c->member = -1;
                gen_name(&r, gen_rand_chance(&r, 500) ? 1 : 2, 1970, c->member_name);
            }
        }
    }
    return n;
}

size_t gen_appraisal_rows(const struct gen_branch *b, const struct gen_person *p,
                          struct gen_appraisal_row *out, size_t max)
{
    if (max < 2 || p->history_reason || !set(p->joined))
        return 0;
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_APPRAISAL, p->index);
    static const char *const res[] = {"1", "2", "3", "4"};
    static const uint32_t w[] = {200, 780, 15, 5};
    size_t n = 0;
    for (int y = b->plan->p.as_of.y - 2; y < b->plan->p.as_of.y; y++) {
        if (dj_date_cmp(p->joined, (struct dj_date){y, 10, 1}) >= 0)
            continue;
        out[n].year = y;
        out[n++].result = pick_w(&r, res, w, 4);
    }
    return n;
}

size_t gen_reward_rows(const struct gen_branch *b, const struct gen_person *p,
                       struct gen_reward_row *out, size_t max)
{
    if (max < 1 || !set(p->joined))
        return 0;
    struct gen_rand r;
    gen_rand_init(&r, b->plan->p.seed, GEN_STREAM_REWARD, p->index);
    const struct dj_date A = b->plan->p.as_of;
    unsigned x = gen_rand_below(&r, 1000);
    int punish = x < 3;
    if (!punish && x >= 33)
        return 0;
    struct dj_date until = p->history_reason ? p->history_on : A;
    int y0 = p->joined.y + 1 > A.y - 10 ? p->joined.y + 1 : A.y - 10;
    int y1 = until.y - 1;
    if (y1 < y0)
        return 0;
    int y = gen_rand_range(&r, y0, y1);
    struct gen_reward_row *w = &out[0];
    memset(w, 0, sizeof *w);
    w->date = punish ? (struct dj_date){y, gen_rand_range(&r, 1, 12), gen_rand_range(&r, 1, 28)}
                     : (struct dj_date){y, 6, gen_rand_range(&r, 20, 30)};
    const struct gen_unit *l2 = &b->plan->units[b->plan->orgs[b->o->l2].unit];
    if (punish) {
        static const char *const k[] = {"21", "22", "24"};
        static const uint32_t kw[] = {60, 35, 5};
        static const char *const why[] = {"违反中央八项规定精神", "违反组织纪律", "违反工作纪律",
                                          "违反廉洁纪律"};
        w->kind = pick_w(&r, k, kw, 3);
        w->reason = pick(&r, why, COUNT(why));
        gen_concat(w->approved_by, sizeof w->approved_by, b->unit->full_name, NULL, NULL, NULL);
    } else {
        static const char *const k[] = {"17", "18", "11", "12", "16", "19"};
        static const uint32_t kw[] = {50, 10, 15, 15, 3, 7};
        w->kind = pick_w(&r, k, kw, 6);
        char year[16];
        snprintf(year, sizeof year, "%d", y);
        switch (w->kind[1]) {
        case '7':
            gen_concat(w->title, sizeof w->title, year, "年度优秀共产党员", NULL, NULL);
            break;
        case '8':
            gen_concat(w->title, sizeof w->title, year, "年度优秀党务工作者", NULL, NULL);
            break;
        case '6':
            gen_concat(w->title, sizeof w->title, "上海市劳动模范", NULL, NULL, NULL);
            break;
        case '9':
            gen_concat(w->title, sizeof w->title, year, "年度先进工作者", NULL, NULL);
            break;
        default:
            break;
        }
        const struct gen_unit *by = w->kind[1] == '7' || w->kind[1] == '8' ? l2 : b->unit;
        if (w->kind[1] == '6')
            gen_concat(w->approved_by, sizeof w->approved_by, "上海市人民政府", NULL, NULL, NULL);
        else
            gen_concat(w->approved_by, sizeof w->approved_by, by->full_name, NULL, NULL, NULL);
    }
    doc_number(w->approval_doc, sizeof w->approval_doc, l2->doc, y, 1 + gen_rand_below(&r, 120));
    return 1;
}

/* ------------------------------------------------------------------------- */
/* Organizations */

int gen_count_active_full(const struct gen_person *people, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        c += gen_person_is_active_full(&people[i]);
    return c;
}

size_t gen_org_posts(const struct gen_plan *plan, size_t org, const struct gen_branch *b,
                     const struct gen_person *people, struct gen_post_row *out, size_t max)
{
    const struct gen_org *o = &plan->orgs[org];
    struct gen_rand r;
    gen_rand_init(&r, plan->p.seed, GEN_STREAM_ORG, org);
    uint32_t cand[64], nc = 0;
    for (uint32_t i = 0; i < b->o->size && nc < 64; i++)
        if (gen_person_is_active_full(&people[i]))
            cand[nc++] = i;
    if (nc == 0)
        return 0;
    static const char *const branch3[] = {"01", "06", "07"};
    static const char *const branch5[] = {"01", "06", "07", "08", "09"};
    static const char *const general[] = {"01", "03", "05"};
    static const char *const committee[] = {"01", "03", "13", "05", "05"};
    const char *const *posts;
    size_t np;
    if (o->kind == GEN_BRANCH) {
        int full = (int)nc;
        posts = full >= 30 ? branch5 : branch3;
        np = full >= 30 ? 5 : full >= 7 ? 3 : 1;
    } else if (o->kind == GEN_GENERAL) {
        posts = general, np = 3;
    } else {
        posts = committee, np = 5;
    }
    if (np > nc)
        np = nc;
    if (np > max)
        np = max;
    /* A committee's or general branch's leaders are not the branch's own
     * secretary: start further along. */
    uint32_t first = gen_rand_below(&r, nc);
    if (o->kind != GEN_BRANCH)
        first += 1 + (uint32_t)(o->kind == GEN_COMMITTEE ? 3 : 0);
    const struct dj_date A = plan->p.as_of;
    struct dj_date term = plus(A, -(long)gen_rand_below(&r, 3 * 365));
    for (size_t i = 0; i < np; i++) {
        uint32_t m = cand[(first + i) % nc];
        out[i].member = m;
        out[i].party_post = posts[i];
        struct dj_date from = term;
        if (dj_date_cmp(from, people[m].full) < 0)
            from = earlier(plus(people[m].full, 30), A);
        out[i].from = from;
    }
    return np;
}

void gen_org_founding(const struct gen_plan *plan, size_t org, struct dj_date *founded, char *doc,
                      size_t doclen, char *phone, size_t phonelen)
{
    const struct dj_date A = plan->p.as_of;
    struct dj_date d = {1949, 10, 1};
    /* From the top down: each founded after its parent. */
    size_t chain[16], n = 0;
    for (int32_t a = (int32_t)org; a > 0 && n < 16; a = plan->orgs[a].parent)
        chain[n++] = (size_t)a;
    struct gen_rand r;
    while (n > 0) {
        size_t i = chain[--n];
        gen_rand_init(&r, plan->p.seed, GEN_STREAM_ORG + 1, i);
        const struct gen_org *o = &plan->orgs[i];
        struct dj_date lo = d;
        if (o->kind == GEN_DISTRICT || o->kind == GEN_SYSTEM)
            lo = (struct dj_date){1950, 1, 1};
        struct dj_date hi = plus(lo, o->kind <= GEN_SYSTEM ? 40 * 365 : 25 * 365);
        hi = earlier(hi, plus(A, -30));
        d = day_between(&r, lo, hi);
    }
    *founded = d;
    gen_rand_init(&r, plan->p.seed, GEN_STREAM_ORG + 2, org);
    const struct gen_org *o = &plan->orgs[org];
    const char *prefix = o->unit >= 0 ? plan->units[plan->orgs[o->l2].unit].doc : "沪委";
    doc_number(doc, doclen, prefix, d.y, 1 + gen_rand_below(&r, 150));
    snprintf(phone, phonelen, "021-%d%07u", gen_rand_range(&r, 5, 6), gen_rand_below(&r, 10000000));
}

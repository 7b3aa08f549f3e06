/*
 * The data generator's model (src/model/gen_*.h), no database: the same seed
 * gives the same people, every ID number is valid and agrees with the
 * record, names come out at life's rates, codes and trees are well formed,
 * and the dates keep the schema's and DOMAIN.md's rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/citizen_id.h"
#include "model/gen_names.h"
#include "model/gen_person.h"
#include "model/gen_rand.h"
#include "model/gen_tree.h"
#include "model/text.h"

static const struct dj_date as_of = {2026, 6, 30};
static const struct dj_date today = {2026, 11, 28};

static struct gen_plan build(uint64_t seed, uint64_t members, uint64_t orgs, bool showcase)
{
    struct gen_params p = {
        .seed = seed, .members = members, .orgs = orgs, .as_of = as_of, .showcase = showcase};
    struct gen_plan plan;
    char err[512];
    if (gen_plan_build(&p, &plan, err, sizeof err) != 0)
        fail_msg("plan %llu/%llu: %s", (unsigned long long)members, (unsigned long long)orgs, err);
    return plan;
}

/* Every field of a person as one line, to compare two draws. */
static void describe(const struct gen_person *p, char *buf, size_t len)
{
    char d[6][DJ_DATE_STRLEN];
    snprintf(buf, len, "%llu|%s|%d|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%d|%d",
             (unsigned long long)p->index, p->name, p->sex, dj_date_format(p->birth, d[0]),
             p->ethnicity, p->education, p->degree ? p->degree : "-", p->person_category, p->stage,
             dj_date_format(p->applied, d[1]), dj_date_format(p->joined, d[2]),
             dj_date_format(p->full, d[3]), dj_date_format(p->joined_work, d[4]),
             dj_date_format(p->history_on, d[5]), p->history_reason ? p->history_reason : "-",
             p->area, p->history_detail);
}

/* Calls fn for every person of the plan's branches, in order, up to limit. */
typedef void person_fn(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                       void *ctx);

static void each_person(const struct gen_plan *plan, uint64_t limit, person_fn *fn, void *ctx)
{
    static struct gen_person people[64];
    uint64_t n = 0;
    for (size_t i = 0; i < plan->n_orgs && n < limit; i++) {
        if (plan->orgs[i].kind != GEN_BRANCH)
            continue;
        struct gen_branch b;
        gen_branch_init(&b, plan, i);
        assert_true(b.o->size <= 64);
        for (uint32_t k = 0; k < b.o->size; k++)
            gen_person_make(&b, k, &people[k]);
        for (uint32_t k = 0; k < b.o->size && n < limit; k++, n++)
            fn(&b, people, k, ctx);
    }
}

/* ------------------------------------------------------------------------- */

static void rand_is_repeatable_and_uniform(void **state)
{
    (void)state;
    struct gen_rand a, b, c;
    gen_rand_init(&a, 7, 1, 2);
    gen_rand_init(&b, 7, 1, 2);
    gen_rand_init(&c, 7, 1, 3);
    int differ = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = gen_rand_next(&a);
        assert_true(x == gen_rand_next(&b));
        differ += x != gen_rand_next(&c);
    }
    assert_true(differ > 95);
    unsigned count[10] = {0};
    for (int i = 0; i < 100000; i++)
        count[gen_rand_below(&a, 10)]++;
    for (int i = 0; i < 10; i++)
        assert_in_range(count[i], 9500, 10500);
}

struct collected {
    char (*lines)[256];
    size_t n;
};

static void collect(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                    void *ctx)
{
    (void)b;
    struct collected *c = ctx;
    describe(&people[k], c->lines[c->n++], 256);
}

static void same_seed_same_people(void **state)
{
    (void)state;
    enum { N = 3000 };
    struct collected a = {calloc(N, 256), 0}, b = {calloc(N, 256), 0}, c = {calloc(N, 256), 0};
    struct gen_plan p1 = build(42, 30000, 1200, false);
    struct gen_plan p2 = build(42, 30000, 1200, false);
    struct gen_plan p3 = build(43, 30000, 1200, false);
    each_person(&p1, N, collect, &a);
    each_person(&p2, N, collect, &b);
    each_person(&p3, N, collect, &c);
    assert_int_equal(a.n, N);
    size_t differ = 0;
    for (size_t i = 0; i < N; i++) {
        assert_string_equal(a.lines[i], b.lines[i]);
        differ += strcmp(a.lines[i], c.lines[i]) != 0;
    }
    assert_true(differ > N * 9 / 10);
    /* The trees too: codes and names. */
    assert_int_equal(p1.n_orgs, p2.n_orgs);
    for (size_t i = 0; i < p1.n_orgs; i++) {
        struct gen_org_text t1, t2;
        gen_org_text(&p1, i, 7, &t1);
        gen_org_text(&p2, i, 7, &t2);
        assert_string_equal(p1.orgs[i].code, p2.orgs[i].code);
        assert_string_equal(t1.full_name, t2.full_name);
        assert_int_equal(p1.orgs[i].size, p2.orgs[i].size);
    }
    free(a.lines);
    free(b.lines);
    free(c.lines);
    gen_plan_free(&p1);
    gen_plan_free(&p2);
    gen_plan_free(&p3);
}

/* ------------------------------------------------------------------------- */

struct ids {
    struct gen_idnum *alloc;
    char (*numbers)[19];
    size_t n;
};

static void check_id(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                     void *ctx)
{
    struct ids *s = ctx;
    const struct gen_person *p = &people[k];
    struct gen_person_extra x;
    assert_int_equal(gen_person_extra(b, p, s->alloc, &x), 0);
    struct dj_id id;
    char msg[DJ_ID_MSGLEN];
    if (dj_id_check(x.id_number, today, &id, msg, sizeof msg) != DJ_ID_OK)
        fail_msg("%s: %s", x.id_number, msg);
    if (dj_id_match_record(&id, p->birth, p->sex, msg, sizeof msg) != DJ_ID_MATCH_OK)
        fail_msg("%s %s: %s", x.id_number, p->name, msg);
    assert_int_equal(x.id_number[17], dj_id_check_char(x.id_number));
    memcpy(s->numbers[s->n++], x.id_number, 19);
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void id_numbers_valid_unique_and_agree(void **state)
{
    (void)state;
    enum { N = 200000 };
    struct gen_plan plan = build(1, 2000000, 80000, false);
    struct ids s = {gen_idnum_new(as_of.y - 110, as_of.y), calloc(N, 19), 0};
    assert_non_null(s.alloc);
    each_person(&plan, N, check_id, &s);
    assert_int_equal(s.n, N);
    qsort(s.numbers, s.n, 19, cmp_id);
    size_t shanghai = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (i > 0 && strcmp(s.numbers[i - 1], s.numbers[i]) == 0)
            fail_msg("ID number %s twice", s.numbers[i]);
        shanghai += strncmp(s.numbers[i], "31", 2) == 0;
    }
    /* Mostly Shanghai's, some from the provinces. */
    assert_in_range(shanghai * 100 / s.n, 55, 85);
    free(s.numbers);
    gen_idnum_free(s.alloc);
    gen_plan_free(&plan);
}

/* ------------------------------------------------------------------------- */

struct names {
    size_t n, wang, zhang, zhangwei, ouyang, single, male;
    size_t ages[10];
};

static void count_name(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                       void *ctx)
{
    (void)b;
    struct names *s = ctx;
    const char *n = people[k].name;
    s->n++;
    s->wang += strncmp(n, "王", strlen("王")) == 0;
    s->zhang += strncmp(n, "张", strlen("张")) == 0;
    s->zhangwei += strcmp(n, "张伟") == 0;
    s->ouyang += strncmp(n, "欧阳", strlen("欧阳")) == 0;
    s->single += strlen(n) == 6; /* two characters of three bytes */
    s->male += people[k].sex == 1;
    int age = dj_date_age(people[k].birth, as_of);
    assert_in_range(age, 18, 99);
    s->ages[age / 10]++;
}

static void names_and_ages_at_lifes_rates(void **state)
{
    (void)state;
    struct gen_plan plan = build(1, 2000000, 80000, false);
    struct names s = {0};
    each_person(&plan, 400000, count_name, &s);
    /* 王 李 张 about 7% each (the prototype: 152k, 148k, 144k of 2.08M). */
    assert_in_range(s.wang * 1000 / s.n, 60, 90);
    assert_in_range(s.zhang * 1000 / s.n, 55, 85);
    assert_in_range(gen_surname_weight("王") / 100, 60, 90);
    assert_int_equal(gen_surname_weight("不是姓"), 0);
    /* 张伟: the prototype had 3,227 in 2.08M (0.16%); some hundreds here. */
    assert_in_range(s.zhangwei, 150, 1200);
    /* Two-character surnames are rare but present. */
    assert_in_range(s.ouyang, 20, 400);
    /* One-character given names: a quarter to two fifths. */
    assert_in_range(s.single * 100 / s.n, 15, 45);
    assert_in_range(s.male * 100 / s.n, 45, 65);
    /* Ages: most 25 to 75. */
    size_t mid = s.ages[2] + s.ages[3] + s.ages[4] + s.ages[5] + s.ages[6];
    assert_true(mid * 100 / s.n >= 70);
    assert_true(s.ages[9] * 100 / s.n < 2);
    gen_plan_free(&plan);
}

static void given_names_follow_sex_and_generation(void **state)
{
    (void)state;
    struct gen_rand r;
    gen_rand_init(&r, 5, 99, 0);
    int xiuying_old = 0, xiuying_young = 0, zihan_old = 0, zihan_young = 0, wei_female = 0;
    for (int i = 0; i < 20000; i++) {
        char g[GEN_NAME_MAX];
        gen_given_name(&r, 2, 1940, g, sizeof g);
        xiuying_old += strcmp(g, "秀英") == 0;
        zihan_old += strcmp(g, "子涵") == 0;
        gen_given_name(&r, 2, 2003, g, sizeof g);
        xiuying_young += strcmp(g, "秀英") == 0;
        zihan_young += strcmp(g, "子涵") == 0;
        assert_true(strlen(g) == 3 || strlen(g) == 6);
        gen_given_name(&r, 2, 1975, g, sizeof g);
        wei_female += strcmp(g, "伟") == 0;
    }
    assert_true(xiuying_old > 5 * (xiuying_young + 1));
    assert_int_equal(zihan_old, 0);
    assert_true(zihan_young > 50);
    assert_int_equal(wei_female, 0); /* 伟 is drawn for men */
}

/* ------------------------------------------------------------------------- */

static int code_under(const char *child, const char *parent)
{
    size_t n = strlen(parent);
    if (strncmp(child, parent, n) != 0 || child[n] != '.')
        return 0;
    const char *seg = child + n + 1;
    size_t digits = strspn(seg, "0123456789");
    return digits >= 3 && seg[digits] == '\0';
}

static void tree_codes_and_sizes_well_formed(void **state)
{
    (void)state;
    struct gen_plan plan = build(1, 2000000, 80000, false);
    assert_int_equal(plan.n_orgs, 80000);
    assert_int_equal(plan.n_persons, 2000000);
    assert_int_equal(plan.count[GEN_CITY], 1);
    assert_int_equal(plan.count[GEN_DISTRICT], 16);
    assert_int_equal(plan.count[GEN_DISTRICT] + plan.count[GEN_SYSTEM], 40);
    assert_in_range(plan.count[GEN_COMMITTEE], 350, 450);
    assert_in_range(plan.count[GEN_GENERAL], 8000, 11000);
    assert_string_equal(plan.orgs[0].code, "001");
    uint64_t people = 0;
    for (size_t i = 1; i < plan.n_orgs; i++) {
        const struct gen_org *o = &plan.orgs[i], *p = &plan.orgs[o->parent];
        assert_true(o->parent >= 0 && (size_t)o->parent < i);
        if (!code_under(o->code, p->code))
            fail_msg("%s is not a child code of %s", o->code, p->code);
        /* The kinds app.org_kind_rule allows. */
        switch (o->kind) {
        case GEN_DISTRICT:
        case GEN_SYSTEM:
            assert_int_equal(p->kind, GEN_CITY);
            break;
        case GEN_COMMITTEE:
            assert_true(p->kind == GEN_DISTRICT || p->kind == GEN_SYSTEM);
            break;
        case GEN_GENERAL:
            assert_true(p->kind >= GEN_DISTRICT && p->kind <= GEN_COMMITTEE);
            break;
        case GEN_BRANCH:
            assert_true(p->kind >= GEN_DISTRICT && p->kind <= GEN_GENERAL);
            assert_in_range(o->size, 10, 60);
            assert_int_equal(o->first_person, people);
            people += o->size;
            break;
        default:
            fail_msg("kind %d", o->kind);
        }
        /* Codes are unique: siblings numbered 1, 2, 3 ... in order. */
        if (i > 1 && plan.orgs[i - 1].parent == o->parent)
            assert_int_equal(o->ordinal, plan.orgs[i - 1].ordinal + 1);
        struct gen_org_text t;
        gen_org_text(&plan, i, 7, &t);
        assert_in_range(dj_text_utf8_chars(t.name), 3, 50);
        assert_in_range(dj_text_utf8_chars(t.full_name), 5, 100);
        assert_true(strncmp(t.full_name, "中共", strlen("中共")) == 0);
    }
    assert_int_equal(people, 2000000);

    char path[256];
    gen_org_path(&plan, (size_t)gen_plan_first_of_kind(&plan, GEN_BRANCH), path, sizeof path);
    assert_string_equal(path, "001.001_001.001_001_001.001_001_001_001.001_001_001_001_001");
    gen_plan_free(&plan);
}

static void first_of_each_level_nested(void **state)
{
    (void)state;
    struct gen_plan plan = build(1, 400, 40, true);
    static const char *const want[] = {"001", "001.001", "001.001.001", "001.001.001.001",
                                       "001.001.001.001.001"};
    static const enum gen_kind kinds[] = {GEN_CITY, GEN_DISTRICT, GEN_COMMITTEE, GEN_GENERAL,
                                          GEN_BRANCH};
    for (int i = 0; i < 5; i++) {
        long o = gen_plan_first_of_kind(&plan, kinds[i]);
        assert_true(o >= 0);
        assert_string_equal(plan.orgs[o].code, want[i]);
    }
    gen_plan_free(&plan);
}

static void impossible_sizes_refused(void **state)
{
    (void)state;
    struct gen_params p = {.seed = 1, .members = 100, .orgs = 80000, .as_of = as_of};
    struct gen_plan plan;
    char err[512];
    assert_int_equal(gen_plan_build(&p, &plan, err, sizeof err), -1);
    assert_non_null(strstr(err, "10–60"));
    p.orgs = 5;
    assert_int_equal(gen_plan_build(&p, &plan, err, sizeof err), -1);
}

static void chinese_numerals(void **state)
{
    (void)state;
    char b[32];
    struct {
        unsigned n;
        const char *s;
    } t[] = {{1, "一"},         {9, "九"},          {10, "十"},          {11, "十一"},
             {20, "二十"},      {99, "九十九"},     {100, "一百"},       {101, "一百零一"},
             {110, "一百一十"}, {1001, "一千零一"}, {2020, "二千零二十"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        gen_cn_number(t[i].n, b, sizeof b);
        assert_string_equal(b, t[i].s);
    }
}

/* ------------------------------------------------------------------------- */

struct rules {
    size_t stage[6], historical, with_steps;
};

static int before_or_on(struct dj_date a, struct dj_date b)
{
    return dj_date_cmp(a, b) <= 0;
}

static void check_rules(const struct gen_branch *b, const struct gen_person *people, uint32_t k,
                        void *ctx)
{
    struct rules *s = ctx;
    const struct gen_person *p = &people[k];
    char st = p->stage[0];
    s->stage[st - '0']++;
    s->historical += p->history_reason != NULL;
    /* The schema's CHECKs. */
    assert_true((st == '4' || st == '5') == (p->joined.y != 0));
    assert_true((st == '5') == (p->full.y != 0));
    if (p->joined.y) {
        assert_true(dj_date_cmp(p->joined, p->birth) > 0);
        assert_true(before_or_on(p->joined, as_of));
    }
    if (p->full.y) {
        /* One year after the branch meeting, or after the one extension. */
        struct dj_date year = dj_date_add_years(p->joined, 1);
        if (p->extended_until.y)
            assert_true(dj_date_cmp(p->full, p->extended_until) == 0);
        else
            assert_true(dj_date_cmp(p->full, year) == 0);
        assert_true(before_or_on(p->full, as_of));
    }
    if (p->joined_work.y)
        assert_true(dj_date_cmp(p->joined_work, p->birth) > 0);
    assert_true((p->history_reason == NULL) == (p->history_on.y == 0));
    if (p->history_reason) {
        assert_true(before_or_on(p->history_on, as_of));
        assert_true(dj_date_cmp(p->history_on, p->joined) > 0);
    } else {
        assert_null(p->exit_kind);
        assert_null(p->suspend_reason);
    }
    /* 18 full years at application; steps in order, talk within a month. */
    struct gen_step_row steps[25];
    size_t n = gen_dev_steps(b, p, steps, 25);
    if (st <= '3' || (st == '4' && !p->history_reason))
        assert_true(n >= 2);
    s->with_steps += n > 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(before_or_on(steps[i].date, as_of));
        if (i > 0) {
            assert_true(strcmp(steps[i - 1].step, steps[i].step) < 0);
            assert_true(before_or_on(steps[i - 1].date, steps[i].date));
        }
        if (strcmp(steps[i].step, "01") == 0)
            assert_true(dj_date_age(p->birth, steps[i].date) >= 18);
        if (strcmp(steps[i].step, "02") == 0)
            assert_true(before_or_on(steps[i].date, dj_date_add_months(steps[0].date, 1)));
        if (strcmp(steps[i].step, "15") == 0)
            assert_true(dj_date_cmp(steps[i].date, p->joined) == 0);
    }
    /* Record rows: ordered dates. */
    struct gen_education_row e[4];
    size_t ne = gen_education_rows(b, p, e, 4);
    assert_true(ne >= 1);
    for (size_t i = 0; i < ne; i++)
        if (e[i].from.y && e[i].to.y)
            assert_true(before_or_on(e[i].from, e[i].to));
    struct gen_standing_row sr[6];
    size_t ns = gen_standing_rows(b, p, sr, 6);
    for (size_t i = 0; i < ns; i++)
        if (sr[i].approved_on.y)
            assert_true(before_or_on(sr[i].event_date, sr[i].approved_on));
    struct gen_contact_row cr[4];
    size_t nc = gen_contact_rows(b, people, k, cr, 4);
    for (size_t i = 0; i < nc; i++)
        if (cr[i].member >= 0)
            assert_true(gen_person_is_active_full(&people[cr[i].member]) && cr[i].member != k);
}

static void dates_keep_the_rules(void **state)
{
    (void)state;
    struct gen_plan plan = build(3, 30000, 1200, false);
    struct rules s = {0};
    each_person(&plan, 30000, check_rules, &s);
    for (int st = 1; st <= 5; st++)
        assert_true(s.stage[st] > 0);
    /* Mostly full members; development and history a few percent. */
    assert_true(s.stage[5] * 100 / 30000 >= 85);
    assert_in_range(s.historical * 1000 / 30000, 10, 80);
    gen_plan_free(&plan);
}

static void demo_branch_shows_every_kind(void **state)
{
    (void)state;
    struct gen_plan plan = build(1, 400, 40, true);
    struct gen_branch b;
    gen_branch_init(&b, &plan, (size_t)plan.orgs[0].first_branch);
    assert_true(b.showcase);
    assert_true(b.o->size >= 14);
    struct gen_person people[64];
    int stages[6] = {0}, reasons[5] = {0}, zhang = 0, ouyang = 0;
    for (uint32_t k = 0; k < b.o->size; k++) {
        gen_person_make(&b, k, &people[k]);
        stages[people[k].stage[0] - '0']++;
        if (people[k].history_reason)
            reasons[people[k].history_reason[0] - '0']++;
        zhang += strncmp(people[k].name, "张", strlen("张")) == 0;
        ouyang += strncmp(people[k].name, "欧阳", strlen("欧阳")) == 0;
    }
    for (int i = 1; i <= 5; i++)
        assert_true(stages[i] > 0);
    for (int i = 1; i <= 4; i++)
        assert_true(reasons[i] > 0);
    assert_true(zhang >= 2 && ouyang >= 2);
    assert_true(gen_count_active_full(people, b.o->size) >= 7);
    gen_plan_free(&plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rand_is_repeatable_and_uniform),
        cmocka_unit_test(same_seed_same_people),
        cmocka_unit_test(id_numbers_valid_unique_and_agree),
        cmocka_unit_test(names_and_ages_at_lifes_rates),
        cmocka_unit_test(given_names_follow_sex_and_generation),
        cmocka_unit_test(tree_codes_and_sizes_well_formed),
        cmocka_unit_test(first_of_each_level_nested),
        cmocka_unit_test(impossible_sizes_refused),
        cmocka_unit_test(chinese_numerals),
        cmocka_unit_test(dates_keep_the_rules),
        cmocka_unit_test(demo_branch_shows_every_kind),
    };
    return cmocka_run_group_tests_name("generator model", tests, NULL, NULL);
}

/* dangjian generate: load a generated, Shanghai-like registry (src/model/gen_*.h)
 * into an empty database with COPY, as the superuser, in one transaction. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "batch/commands.h"
#include "batch/prompt.h"
#include "db/copy.h"
#include "db/db.h"
#include "log.h"
#include "model/gen_person.h"
#include "model/gen_strmap.h"
#include "model/gen_tree.h"

dj_command_fn dj_cmd_generate;

/* The day the generated data describes: fixed, so a seed gives the same data
 * on any day (ages and dates are as of this day). */
static const struct dj_date default_as_of = {2026, 6, 30};

/* From this many people on, the big secondary indexes are dropped before the
 * load and built again after it.  Measured at full size (2M people, 80k
 * organizations, 27M rows, 2 cores): 379 s rebuilt against 423 s kept; the
 * people's COPY alone took 162 s with its indexes, 61 s without. */
#define REBUILD_FROM 100000

static void usage(FILE *f)
{
    fputs("用法 Usage: dangjian generate [--preset demo|small|full] [--seed N]\n"
          "                         [--members N] [--orgs N] [--as-of YYYY-MM-DD]\n"
          "                         [--indexes keep|rebuild]\n"
          "生成上海规模的模拟数据并装入空数据库 (load generated data into an empty database).\n"
          "  --preset   demo  约 400 人、40 个组织，每种人员都有 (default; `make demo`)\n"
          "             small 30000 人、1200 个组织 (UI tests of scrolling)\n"
          "             full  2000000 人、80000 个组织 (the Shanghai-size benchmark)\n"
          "  --seed     随机种子，默认 1；同一种子生成完全相同的数据 (same seed, same data)\n"
          "  --members, --orgs  人数、组织数（含市委），覆盖预设 (override the preset)\n"
          "  --as-of    数据所描述的日期，默认 2026-06-30 (the day the data describes)\n"
          "  --indexes  rebuild: 装入前删除大的二级索引、装入后按原定义重建（10 万人以上默认）；\n"
          "             keep: 保留索引 (drop and rebuild big indexes, or keep them)\n"
          "以数据库超级用户连接（COPY 不能写入启用了行级安全的表）；数据库须已迁移且没有人员。\n"
          "(Connect as the database superuser; the database must be migrated and hold no people.)\n"
          "\n"
          "输出 Output (stdout): one line per level, the first organization of each, nested,\n"
          "  level<TAB>code<TAB>name   with level city, district, committee, general_branch,\n"
          "  branch (as `dangjian user add --level` names them), e.g.\n"
          "  committee\t001.001.001\t华信电子科技公司党委\n"
          "then one summary line:  done<TAB>orgs=N<TAB>persons=N<TAB>rows=N<TAB>seconds=S\n"
          "Progress goes to stderr when it is a terminal.\n",
          f);
}

static void on_notice(void *ctx, const char *severity, const char *message)
{
    (void)ctx;
    /* ANALYZE and DROP INDEX say nothing worth a clerk's attention. */
    if (strcmp(severity, "NOTICE") != 0)
        fprintf(stderr, "%s: %s\n", severity, message);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------------- */

struct load {
    struct dj_db *db;
    struct dj_db_error err;
    struct gen_plan plan;
    int64_t root_id, org_base, person_base;
    int64_t next_id[16]; /* per record table, see tables[] */
    int64_t rows_total;
    bool progress;
    double started, step_started;
    const char *what; /* the table being written, for progress */
    uint64_t done, total;
    struct gen_strmap *initials; /* name -> app.name_initials(name), when 020 is there */
};

static int64_t org_id(const struct load *l, size_t i)
{
    return i == 0 ? l->root_id : l->org_base + (int64_t)i - 1;
}

static int64_t person_id(const struct load *l, uint64_t index)
{
    return l->person_base + (int64_t)index;
}

static void progress(struct load *l, uint64_t step)
{
    l->done += step;
    if (!l->progress || (l->done & 0x3fff) >= step)
        return;
    fprintf(stderr, "\r%-12s %" PRIu64 "/%" PRIu64 "  %.0f s   ", l->what, l->done, l->total,
            now_s() - l->started);
    fflush(stderr);
}

static void progress_start(struct load *l, const char *what, uint64_t total)
{
    l->what = what;
    l->done = 0;
    l->total = total;
    if (l->progress) {
        fprintf(stderr, "\r%-12s 0/%" PRIu64 "  %.0f s   ", what, total, now_s() - l->started);
        fflush(stderr);
    }
}

/* A step is done: its time to the log, and to the terminal. */
static void step_done(struct load *l, const char *what, const char *detail)
{
    double now = now_s();
    dj_log("generate: %s%s%s %.1f 秒", what, detail ? " " : "", detail ? detail : "",
           now - l->step_started);
    if (l->progress)
        fprintf(stderr, "\r%-60s\r%s%s%s  %.1f s (%.0f s)\n", "", what, detail ? " " : "",
                detail ? detail : "", now - l->step_started, now - l->started);
    l->step_started = now;
}

static int exec(struct load *l, const char *sql)
{
    return dj_db_exec(l->db, &l->err, sql, 0, NULL);
}

/* The first column of the first row of sql, as text into buf ("" for NULL). */
static int scalar(struct load *l, const char *sql, int n, const char *const *params, char *buf,
                  size_t len)
{
    PGresult *res = dj_db_query(l->db, &l->err, sql, n, params);
    if (res == NULL)
        return -1;
    snprintf(buf, len, "%s", PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return 0;
}

static int refuse(struct load *l, const char *msg)
{
    memset(&l->err, 0, sizeof l->err);
    l->err.kind = DJ_DB_ERR_REFUSED;
    snprintf(l->err.message, sizeof l->err.message, "%s", msg);
    return -1;
}

/* The path_key of a branch, and its district's id. */
struct branch_keys {
    char key[GEN_TEXT_MAX];
    int64_t district;
};

static void keys_of(const struct load *l, size_t org, struct branch_keys *k)
{
    char path[GEN_TEXT_MAX - 2];
    gen_org_path(&l->plan, org, path, sizeof path);
    gen_concat(k->key, sizeof k->key, path, ".", NULL, NULL);
    int32_t d = l->plan.orgs[org].l2;
    k->district = d < 0 ? 0 : org_id(l, (size_t)d);
}

/* ------------------------------------------------------------------------- */
/* The tables, each written in one COPY by walking the branches again. */

#define MAX_PEOPLE 64

enum table {
    T_EDUCATION,
    T_JOB,
    T_TECH,
    T_STANDING,
    T_RELATION,
    T_STEP,
    T_CONTACT,
    T_APPRAISAL,
    T_REWARD,
    T_POST,
    T_COUNT
};

static const char *const table_name[T_COUNT] = {
    "app.education", "app.job",         "app.tech_title", "app.standing", "app.org_relation",
    "app.dev_step",  "app.dev_contact", "app.appraisal",  "app.reward",   "app.post"};

static const char *const table_copy[T_COUNT] = {
    "COPY app.education (id, person_id, org_key, education, degree, school, major, full_time,"
    " from_date, to_date) FROM STDIN",
    "COPY app.job (id, person_id, org_key, unit_name, unit_nature, person_category, post,"
    " from_date, to_date) FROM STDIN",
    "COPY app.tech_title (id, person_id, org_key, title, qualified_on, unit_name, from_date,"
    " to_date) FROM STDIN",
    "COPY app.standing (id, person_id, org_key, event, event_date, until_date, approved_on,"
    " approval_doc, note) FROM STDIN",
    "COPY app.org_relation (id, person_id, org_key, org_id, org_name, from_date, to_date,"
    " transfer_kind, note) FROM STDIN",
    "COPY app.dev_step (id, person_id, org_key, step, step_date, detail) FROM STDIN",
    "COPY app.dev_contact (id, person_id, org_key, role, member_id, member_name, from_date,"
    " to_date) FROM STDIN",
    "COPY app.appraisal (id, person_id, org_key, year, result, note) FROM STDIN",
    "COPY app.reward (id, person_id, org_key, kind, title, reward_date, reason, approved_by,"
    " approval_doc) FROM STDIN",
    "COPY app.post (id, person_id, org_key, party_post, org_id, org_name, from_date, to_date,"
    " approval_doc, note) FROM STDIN",
};

static const char *const table_label[T_COUNT] = {"学历学位", "工作岗位", "技术职务",   "党籍信息",
                                                 "组织关系", "培养发展", "培养联系人", "民主评议",
                                                 "奖惩",     "职务信息"};

static void branch_people(const struct gen_branch *b, struct gen_person *people)
{
    for (uint32_t k = 0; k < b->o->size && k < MAX_PEOPLE; k++)
        gen_person_make(b, k, &people[k]);
}

/* The row's common head: id, person_id, org_key. */
static void head(struct load *l, struct dj_copy *c, enum table t, const struct gen_person *p,
                 const char *key)
{
    dj_copy_int(c, l->next_id[t]++);
    dj_copy_int(c, person_id(l, p->index));
    dj_copy_text(c, key);
}

static int end_row(struct load *l, struct dj_copy *c)
{
    l->rows_total++;
    return dj_copy_row(c, &l->err);
}

static int person_rows(struct load *l, struct dj_copy *c, enum table t, const struct gen_branch *b,
                       const struct gen_person *people, uint32_t k, const struct branch_keys *bk,
                       const struct gen_org_text *bt)
{
    const struct gen_person *p = &people[k];
    const char *key = bk->key;
    switch (t) {
    case T_EDUCATION: {
        struct gen_education_row r[4];
        size_t n = gen_education_rows(b, p, r, 4);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].education);
            dj_copy_text(c, r[i].degree);
            dj_copy_text(c, r[i].school);
            dj_copy_text(c, r[i].major);
            dj_copy_bool(c, r[i].full_time);
            dj_copy_date(c, r[i].from);
            dj_copy_date(c, r[i].to);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_JOB: {
        struct gen_job_row r[2];
        size_t n = gen_job_rows(b, p, r, 2);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].unit_name);
            dj_copy_text(c, r[i].unit_nature);
            dj_copy_text(c, r[i].person_category);
            dj_copy_text(c, r[i].post);
            dj_copy_date(c, r[i].from);
            dj_copy_date(c, r[i].to);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_TECH: {
        struct gen_tech_row r[2];
        size_t n = gen_tech_rows(b, p, r, 2);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].title);
            dj_copy_date(c, r[i].qualified_on);
            dj_copy_text(c, r[i].unit_name);
            dj_copy_date(c, r[i].from);
            dj_copy_null(c);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_STANDING: {
        struct gen_standing_row r[6];
        size_t n = gen_standing_rows(b, p, r, 6);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].event);
            dj_copy_date(c, r[i].event_date);
            dj_copy_date(c, r[i].until_date);
            dj_copy_date(c, r[i].approved_on);
            dj_copy_text(c, r[i].approval_doc[0] ? r[i].approval_doc : NULL);
            dj_copy_text(c, r[i].note);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_RELATION: {
        struct gen_relation_row r[2];
        size_t n = gen_relation_rows(b, p, r, 2);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_int(c, org_id(l, b->org));
            dj_copy_text(c, bt->full_name);
            dj_copy_date(c, r[i].from);
            dj_copy_date(c, r[i].to);
            dj_copy_text(c, r[i].transfer_kind);
            dj_copy_null(c);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_STEP: {
        struct gen_step_row r[25];
        size_t n = gen_dev_steps(b, p, r, 25);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].step);
            dj_copy_date(c, r[i].date);
            dj_copy_null(c);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_CONTACT: {
        struct gen_contact_row r[4];
        size_t n = gen_contact_rows(b, people, k, r, 4);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].role);
            if (r[i].member >= 0)
                dj_copy_int(c, person_id(l, b->o->first_person + (uint64_t)r[i].member));
            else
                dj_copy_null(c);
            dj_copy_text(c, r[i].member_name);
            dj_copy_date(c, r[i].from);
            dj_copy_date(c, r[i].to);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_APPRAISAL: {
        struct gen_appraisal_row r[2];
        size_t n = gen_appraisal_rows(b, p, r, 2);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_int(c, r[i].year);
            dj_copy_text(c, r[i].result);
            dj_copy_null(c);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    case T_REWARD: {
        struct gen_reward_row r[1];
        size_t n = gen_reward_rows(b, p, r, 1);
        for (size_t i = 0; i < n; i++) {
            head(l, c, t, p, key);
            dj_copy_text(c, r[i].kind);
            dj_copy_text(c, r[i].title[0] ? r[i].title : NULL);
            dj_copy_date(c, r[i].date);
            dj_copy_text(c, r[i].reason);
            dj_copy_text(c, r[i].approved_by);
            dj_copy_text(c, r[i].approval_doc);
            if (end_row(l, c))
                return -1;
        }
        return 0;
    }
    default:
        return 0;
    }
}

/* The posts of every committee, general branch and branch, held by members of
 * its first branch. */
static int write_posts(struct load *l, struct dj_copy *c)
{
    struct gen_person people[MAX_PEOPLE];
    for (size_t i = 0; i < l->plan.n_orgs; i++) {
        const struct gen_org *o = &l->plan.orgs[i];
        progress(l, 1);
        if (o->kind < GEN_COMMITTEE || o->first_branch < 0)
            continue;
        struct gen_branch b;
        gen_branch_init(&b, &l->plan, (size_t)o->first_branch);
        branch_people(&b, people);
        struct gen_post_row posts[8];
        size_t n = gen_org_posts(&l->plan, i, &b, people, posts, 8);
        if (n == 0)
            continue;
        struct branch_keys bk;
        keys_of(l, (size_t)o->first_branch, &bk);
        struct gen_org_text text;
        gen_org_text(&l->plan, i, gen_count_active_full(people, b.o->size), &text);
        for (size_t j = 0; j < n; j++) {
            head(l, c, T_POST, &people[posts[j].member], bk.key);
            dj_copy_text(c, posts[j].party_post);
            dj_copy_int(c, org_id(l, i));
            dj_copy_text(c, text.full_name);
            dj_copy_date(c, posts[j].from);
            dj_copy_null(c);
            dj_copy_null(c);
            dj_copy_null(c);
            if (end_row(l, c))
                return -1;
        }
    }
    return 0;
}

static int write_table(struct load *l, enum table t)
{
    progress_start(l, table_label[t], t == T_POST ? l->plan.n_orgs : l->plan.n_persons);
    struct dj_copy *c = dj_copy_begin(l->db, table_copy[t], &l->err);
    if (c == NULL)
        return -1;
    int rc = 0;
    if (t == T_POST) {
        rc = write_posts(l, c);
    } else {
        struct gen_person people[MAX_PEOPLE];
        for (size_t i = 0; i < l->plan.n_orgs && rc == 0; i++) {
            if (l->plan.orgs[i].kind != GEN_BRANCH)
                continue;
            struct gen_branch b;
            gen_branch_init(&b, &l->plan, i);
            branch_people(&b, people);
            struct branch_keys bk;
            keys_of(l, i, &bk);
            struct gen_org_text text = {0};
            if (t == T_RELATION)
                gen_org_text(&l->plan, i, gen_count_active_full(people, b.o->size), &text);
            for (uint32_t k = 0; k < b.o->size && rc == 0; k++)
                rc = person_rows(l, c, t, &b, people, k, &bk, &text);
            progress(l, b.o->size);
        }
    }
    if (rc != 0) {
        dj_copy_abort(c);
        return -1;
    }
    return dj_copy_end(c, NULL, &l->err);
}

static int write_orgs(struct load *l)
{
    progress_start(l, "组织", l->plan.n_orgs);
    struct dj_copy *c = dj_copy_begin(l->db,
                                      "COPY app.org (id, code, path, path_key, parent_id, kind,"
                                      " category, name, full_name, unit_name, unit_nature,"
                                      " unit_relation, founded_on, founding_doc, secretary,"
                                      " contact, phone, district_id) FROM STDIN",
                                      &l->err);
    if (c == NULL)
        return -1;
    struct gen_person people[MAX_PEOPLE];
    /* The city is the migrations' own row; the plan starts below it. */
    for (size_t i = 1; i < l->plan.n_orgs; i++) {
        const struct gen_org *o = &l->plan.orgs[i];
        int full = 0;
        const char *secretary = NULL, *contact = NULL;
        if (o->kind >= GEN_COMMITTEE && o->first_branch >= 0) {
            struct gen_branch b;
            gen_branch_init(&b, &l->plan, (size_t)o->first_branch);
            branch_people(&b, people);
            if (o->kind == GEN_BRANCH)
                full = gen_count_active_full(people, b.o->size);
            struct gen_post_row posts[8];
            size_t n = gen_org_posts(&l->plan, i, &b, people, posts, 8);
            if (n > 0)
                secretary = people[posts[0].member].name;
            if (n > 1)
                contact = people[posts[1].member].name;
        }
        struct gen_org_text text;
        gen_org_text(&l->plan, i, full, &text);
        char path[GEN_TEXT_MAX], key[GEN_TEXT_MAX], doc[64], phone[32];
        gen_org_path(&l->plan, i, path, sizeof path - 2);
        gen_concat(key, sizeof key, path, ".", NULL, NULL);
        struct dj_date founded;
        gen_org_founding(&l->plan, i, &founded, doc, sizeof doc, phone, sizeof phone);
        dj_copy_int(c, org_id(l, i));
        dj_copy_text(c, o->code);
        dj_copy_text(c, path);
        dj_copy_text(c, key);
        dj_copy_int(c, org_id(l, (size_t)o->parent));
        char kind[2] = {(char)('0' + o->kind), '\0'};
        dj_copy_text(c, kind);
        dj_copy_text(c, text.category);
        dj_copy_text(c, text.name);
        dj_copy_text(c, text.full_name);
        dj_copy_text(c, text.unit_name);
        dj_copy_text(c, text.nature);
        dj_copy_text(c, text.relation);
        dj_copy_date(c, founded);
        dj_copy_text(c, doc);
        dj_copy_text(c, secretary);
        dj_copy_text(c, contact ? contact : secretary);
        dj_copy_text(c, phone);
        dj_copy_int(c, org_id(l, (size_t)o->l2));
        if (end_row(l, c)) {
            dj_copy_abort(c);
            return -1;
        }
        progress(l, 1);
    }
    return dj_copy_end(c, NULL, &l->err);
}

static int write_people(struct load *l)
{
    progress_start(l, "人员", l->plan.n_persons);
    struct gen_idnum *ids = gen_idnum_new(l->plan.p.as_of.y - 110, l->plan.p.as_of.y);
    if (ids == NULL)
        return refuse(l, "内存不足，无法分配身份证号");
    struct dj_copy *c = dj_copy_begin(
        l->db,
        l->initials ? "COPY app.person (id, name, sex, ethnicity, birth_date, id_number,"
                      " native_place, education, degree, political_status, joined_work_on,"
                      " phone, address, person_category, stage, org_id, org_key, district_id,"
                      " joined_party_on, became_full_on, history_reason, history_on,"
                      " history_detail, exit_kind, suspend_reason, name_initials) FROM STDIN"
                    : "COPY app.person (id, name, sex, ethnicity, birth_date, id_number,"
                      " native_place, education, degree, political_status, joined_work_on,"
                      " phone, address, person_category, stage, org_id, org_key, district_id,"
                      " joined_party_on, became_full_on, history_reason, history_on,"
                      " history_detail, exit_kind, suspend_reason) FROM STDIN",
        &l->err);
    if (c == NULL) {
        gen_idnum_free(ids);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < l->plan.n_orgs && rc == 0; i++) {
        if (l->plan.orgs[i].kind != GEN_BRANCH)
            continue;
        struct gen_branch b;
        gen_branch_init(&b, &l->plan, i);
        struct branch_keys bk;
        keys_of(l, i, &bk);
        for (uint32_t k = 0; k < b.o->size && rc == 0; k++) {
            struct gen_person p;
            struct gen_person_extra x;
            gen_person_make(&b, k, &p);
            if (gen_person_extra(&b, &p, ids, &x) != 0) {
                rc = refuse(l, "身份证号的顺序码用完了（同一地区、同一天出生的人太多）");
                break;
            }
            char sex[2] = {(char)('0' + p.sex), '\0'}, detail[512];
            dj_copy_int(c, person_id(l, p.index));
            dj_copy_text(c, p.name);
            dj_copy_text(c, sex);
            dj_copy_text(c, p.ethnicity);
            dj_copy_date(c, p.birth);
            dj_copy_text(c, x.id_number);
            dj_copy_text(c, gen_areas[x.area].place);
            dj_copy_text(c, p.education);
            dj_copy_text(c, p.degree);
            dj_copy_text(c, p.political_status);
            dj_copy_date(c, p.joined_work);
            dj_copy_text(c, x.phone);
            dj_copy_text(c, x.address);
            dj_copy_text(c, p.person_category);
            dj_copy_text(c, p.stage);
            dj_copy_int(c, org_id(l, i));
            dj_copy_text(c, bk.key);
            dj_copy_int(c, bk.district);
            dj_copy_date(c, p.joined);
            dj_copy_date(c, p.full);
            dj_copy_text(c, p.history_reason);
            dj_copy_date(c, p.history_on);
            dj_copy_text(c, gen_history_detail(&p, detail, sizeof detail));
            dj_copy_text(c, p.exit_kind);
            dj_copy_text(c, p.suspend_reason);
            if (l->initials)
                dj_copy_text(c,
                             gen_strmap_value(l->initials, gen_strmap_find(l->initials, p.name)));
            rc = end_row(l, c);
        }
        progress(l, b.o->size);
    }
    gen_idnum_free(ids);
    if (rc != 0) {
        dj_copy_abort(c);
        return -1;
    }
    return dj_copy_end(c, NULL, &l->err);
}

/* ------------------------------------------------------------------------- */
/* Indexes: the big secondary ones go before the load and come back after it,
 * from their own definitions as pg_indexes gives them, so they never drift
 * from the migrations.  Constraint indexes (primary keys, UNIQUE constraints)
 * stay: COPY keeps them. */

struct index_defs {
    char **def;
    char **name;
    size_t n;
};

static void free_defs(struct index_defs *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->def[i]);
        free(d->name[i]);
    }
    free(d->def);
    free(d->name);
    memset(d, 0, sizeof *d);
}

static int drop_indexes(struct load *l, struct index_defs *d)
{
    const char *sql =
        "SELECT i.indexdef, quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)"
        "  FROM pg_indexes i"
        "  JOIN pg_class c ON c.relname = i.indexname"
        "   AND c.relnamespace = to_regnamespace(i.schemaname)"
        " WHERE i.schemaname = 'app'"
        "   AND i.tablename IN ('person', 'education', 'job', 'tech_title', 'standing',"
        "                       'org_relation', 'dev_step', 'dev_contact', 'appraisal', 'reward',"
        "                       'post')"
        "   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)"
        " ORDER BY i.tablename, i.indexname";
    PGresult *res = dj_db_query(l->db, &l->err, sql, 0, NULL);
    if (res == NULL)
        return -1;
    size_t n = (size_t)PQntuples(res);
    d->def = calloc(n + 1, sizeof *d->def);
    d->name = calloc(n + 1, sizeof *d->name);
    if (d->def == NULL || d->name == NULL) {
        PQclear(res);
        return refuse(l, "内存不足");
    }
    for (size_t i = 0; i < n; i++) {
        d->def[i] = strdup(PQgetvalue(res, (int)i, 0));
        d->name[i] = strdup(PQgetvalue(res, (int)i, 1));
        d->n++;
        if (d->def[i] == NULL || d->name[i] == NULL) {
            PQclear(res);
            return refuse(l, "内存不足");
        }
    }
    PQclear(res);
    for (size_t i = 0; i < d->n; i++) {
        /* Names quoted by the server (quote_ident), from the catalog: no user text. */
        char stmt[512];
        snprintf(stmt, sizeof stmt, "DROP INDEX %s", d->name[i]);
        if (exec(l, stmt) != 0)
            return -1;
    }
    dj_log("generate: %zu 个索引在装入前删除", d->n);
    return 0;
}

static int create_indexes(struct load *l, const struct index_defs *d)
{
    for (size_t i = 0; i < d->n; i++) {
        if (exec(l, d->def[i]) != 0)
            return -1;
        step_done(l, "重建索引", d->name[i]);
    }
    return 0;
}

/* ------------------------------------------------------------------------- */

static int check_database(struct load *l)
{
    char v[64];
    if (scalar(l, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", 0, NULL, v,
               sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") != 0) {
        char who[128], msg[400];
        if (scalar(l, "SELECT current_user", 0, NULL, who, sizeof who) != 0)
            return -1;
        snprintf(msg, sizeof msg,
                 "generate 只能以数据库超级用户连接运行（COPY 不能写入启用了行级安全的表），"
                 "现在连接的用户“%s”不是超级用户",
                 who);
        return refuse(l, msg);
    }
    if (scalar(l, "SELECT to_regclass('app.person') IS NOT NULL", 0, NULL, v, sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") != 0)
        return refuse(l, "数据库还没有迁移：请先运行 dangjian db migrate");
    return 0;
}

/* Inside the transaction, with the tables locked: empty, and the ids to use. */
static int check_empty(struct load *l)
{
    char v[64], msg[400];
    if (exec(l, "LOCK TABLE app.org, app.person IN EXCLUSIVE MODE") != 0)
        return -1;
    if (scalar(l, "SELECT count(*) FROM app.person", 0, NULL, v, sizeof v) != 0)
        return -1;
    if (strcmp(v, "0") != 0) {
        snprintf(msg, sizeof msg,
                 "数据库中已有 %s 名人员，generate 只向没有人员的数据库装入数据；"
                 "请换一个新建并迁移过的数据库",
                 v);
        return refuse(l, msg);
    }
    if (scalar(l, "SELECT count(*) FROM app.org WHERE parent_id IS NOT NULL", 0, NULL, v,
               sizeof v) != 0)
        return -1;
    if (strcmp(v, "0") != 0) {
        snprintf(msg, sizeof msg,
                 "数据库中市委之下已有 %s 个组织，generate 只向空的组织树装入数据；"
                 "请换一个新建并迁移过的数据库",
                 v);
        return refuse(l, msg);
    }
    if (scalar(l, "SELECT id FROM app.org WHERE parent_id IS NULL AND code = '001'", 0, NULL, v,
               sizeof v) != 0)
        return -1;
    if (v[0] == '\0')
        return refuse(l, "找不到代码为 001 的市委（迁移 004 建立它），无法装入");
    l->root_id = strtoll(v, NULL, 10);
    if (scalar(l, "SELECT coalesce(max(id), 0) + 1 FROM app.org", 0, NULL, v, sizeof v) != 0)
        return -1;
    l->org_base = strtoll(v, NULL, 10);
    l->person_base = 1;
    for (int t = 0; t < T_COUNT; t++) {
        char sql[128];
        /* Table names from table_name[], constants of this file. */
        snprintf(sql, sizeof sql, "SELECT coalesce(max(id), 0) + 1 FROM %s", table_name[t]);
        if (scalar(l, sql, 0, NULL, v, sizeof v) != 0)
            return -1;
        l->next_id[t] = strtoll(v, NULL, 10);
    }
    return 0;
}

/* Identity sequences continue after the ids the load gave out. */
static int set_sequences(struct load *l)
{
    const char *tables[T_COUNT + 2];
    tables[0] = "app.org";
    tables[1] = "app.person";
    for (int t = 0; t < T_COUNT; t++)
        tables[t + 2] = table_name[t];
    for (size_t i = 0; i < T_COUNT + 2; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s"
                 " HAVING max(id) IS NOT NULL",
                 tables[i], tables[i]);
        if (exec(l, sql) != 0)
            return -1;
    }
    return 0;
}

/* app.person.name_initials (migration 020), when it exists: derived by
 * app.name_initials(name), which costs some 50 us a call.  Computed here once
 * per distinct name (a few hundred thousand among two million people) into a
 * map the person COPY reads, instead of app.refresh_name_initials() updating
 * every row after the load (minutes at full size). */
static int prepare_initials(struct load *l)
{
    char v[16];
    if (scalar(l,
               "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'app.person'::regclass"
               "               AND attname = 'name_initials' AND NOT attisdropped)"
               "   AND to_regprocedure('app.name_initials(text)') IS NOT NULL",
               0, NULL, v, sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") != 0)
        return 0;
    l->initials = gen_strmap_new();
    if (l->initials == NULL)
        return refuse(l, "内存不足");
    progress_start(l, "姓名", l->plan.n_persons);
    for (size_t i = 0; i < l->plan.n_orgs; i++) {
        if (l->plan.orgs[i].kind != GEN_BRANCH)
            continue;
        struct gen_branch b;
        gen_branch_init(&b, &l->plan, i);
        for (uint32_t k = 0; k < b.o->size; k++) {
            struct gen_person p;
            gen_person_make(&b, k, &p);
            if (gen_strmap_add(l->initials, p.name) < 0)
                return refuse(l, "内存不足");
        }
        progress(l, b.o->size);
    }
    if (exec(l, "CREATE TEMP TABLE gen_name (i integer, name text) ON COMMIT DROP") != 0)
        return -1;
    struct dj_copy *c = dj_copy_begin(l->db, "COPY gen_name (i, name) FROM STDIN", &l->err);
    if (c == NULL)
        return -1;
    size_t n = gen_strmap_count(l->initials);
    for (size_t i = 0; i < n; i++) {
        dj_copy_int(c, (int64_t)i);
        dj_copy_text(c, gen_strmap_key(l->initials, (long)i));
        if (dj_copy_row(c, &l->err) != 0) {
            dj_copy_abort(c);
            return -1;
        }
    }
    if (dj_copy_end(c, NULL, &l->err) != 0 ||
        exec(l, "DECLARE gen_initials NO SCROLL CURSOR FOR"
                " SELECT i, app.name_initials(name) FROM gen_name") != 0)
        return -1;
    for (;;) {
        PGresult *res = dj_db_query(l->db, &l->err, "FETCH 50000 FROM gen_initials", 0, NULL);
        if (res == NULL)
            return -1;
        int rows = PQntuples(res);
        for (int r = 0; r < rows; r++) {
            if (PQgetisnull(res, r, 1))
                continue;
            if (gen_strmap_set(l->initials, strtol(PQgetvalue(res, r, 0), NULL, 10),
                               PQgetvalue(res, r, 1)) != 0) {
                PQclear(res);
                return refuse(l, "内存不足");
            }
        }
        PQclear(res);
        if (rows == 0)
            break;
    }
    char count[32];
    snprintf(count, sizeof count, "%zu", n);
    step_done(l, "姓名首字母", count);
    return exec(l, "CLOSE gen_initials");
}

/* Derived columns other migrations add and fill after a bulk load. */
static int refresh_derived(struct load *l)
{
    char v[16];
    if (scalar(l, "SELECT to_regprocedure('app.refresh_name_initials(boolean)') IS NOT NULL", 0,
               NULL, v, sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") == 0) {
        if (exec(l, "SELECT app.refresh_name_initials()") != 0)
            return -1;
        step_done(l, "姓名首字母", "app.refresh_name_initials()");
    }
    /* The statistics summary (050) is kept by statement triggers, off here. */
    if (scalar(l, "SELECT to_regprocedure('app.stats_rebuild()') IS NOT NULL", 0, NULL, v,
               sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") == 0) {
        if (exec(l, "SELECT app.stats_rebuild()") != 0)
            return -1;
        step_done(l, "统计汇总", "app.stats_rebuild()");
    }
    /* The search tokens in pinyin order (051), kept by statement triggers too. */
    if (scalar(l, "SELECT to_regprocedure('app.person_token_rebuild()') IS NOT NULL", 0, NULL, v,
               sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") == 0) {
        if (exec(l, "SELECT app.person_token_rebuild()") != 0)
            return -1;
        step_done(l, "检索词", "app.person_token_rebuild()");
    }
    return 0;
}

static int record_load(struct load *l, const char *description)
{
    char v[16];
    if (scalar(l, "SELECT to_regprocedure('audit.record_load(text,bigint)') IS NOT NULL", 0, NULL,
               v, sizeof v) != 0)
        return -1;
    if (strcmp(v, "t") != 0) {
        dj_log("generate: audit.record_load 尚未安装，本次装载没有审计记录");
        return 0;
    }
    char rows[32];
    snprintf(rows, sizeof rows, "%" PRId64, l->rows_total);
    const char *params[] = {description, rows};
    return dj_db_exec(l->db, &l->err, "SELECT audit.record_load($1, $2::bigint)", 2, params);
}

static int load_all(struct load *l, bool rebuild, const char *description)
{
    struct index_defs defs = {0};
    int rc = -1;
    if (dj_db_begin(l->db, &l->err) != 0)
        return -1;
    /* Row triggers off: the derived columns are written by this program, and
     * the audit gets one entry for the whole load. */
    if (exec(l, "SET LOCAL session_replication_role = replica") != 0 || check_empty(l) != 0)
        goto out;
    if (rebuild && drop_indexes(l, &defs) != 0)
        goto out;
    step_done(l, "检查并锁定", rebuild ? "（删除二级索引）" : NULL);
    if (prepare_initials(l) != 0 || write_orgs(l) != 0)
        goto out;
    step_done(l, "组织", NULL);
    if (write_people(l) != 0)
        goto out;
    step_done(l, "人员", NULL);
    for (int t = 0; t < T_COUNT; t++) {
        if (write_table(l, (enum table)t) != 0)
            goto out;
        step_done(l, table_label[t], NULL);
    }
    if (refresh_derived(l) != 0 || create_indexes(l, &defs) != 0 || set_sequences(l) != 0)
        goto out;
    if (exec(l, "SET LOCAL session_replication_role = origin") != 0 ||
        record_load(l, description) != 0)
        goto out;
    rc = dj_db_commit(l->db, &l->err);
    if (rc == 0)
        step_done(l, "提交", NULL);
out:
    if (rc != 0)
        dj_db_rollback(l->db);
    free_defs(&defs);
    return rc;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0')
        return -1;
    *out = v;
    return 0;
}

int dj_cmd_generate(int argc, char **argv, const struct dj_config *cfg)
{
    const char *preset = "demo";
    uint64_t seed = 1, members = 0, orgs = 0;
    struct dj_date as_of = default_as_of;
    int indexes = -1; /* -1 by size, 0 keep, 1 rebuild */
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        int bad = 0;
        if (strcmp(a, "--preset") == 0 && v)
            preset = v;
        else if (strcmp(a, "--seed") == 0)
            bad = parse_u64(v, &seed);
        else if (strcmp(a, "--members") == 0)
            bad = parse_u64(v, &members) || members == 0;
        else if (strcmp(a, "--orgs") == 0)
            bad = parse_u64(v, &orgs) || orgs == 0;
        else if (strcmp(a, "--as-of") == 0)
            bad = v == NULL || dj_date_parse("--as-of", v, &as_of, NULL, 0) != 0;
        else if (strcmp(a, "--indexes") == 0 && v && strcmp(v, "keep") == 0)
            indexes = 0;
        else if (strcmp(a, "--indexes") == 0 && v && strcmp(v, "rebuild") == 0)
            indexes = 1;
        else
            bad = 1;
        if (bad) {
            fprintf(stderr, "dangjian generate: 参数不对：%s%s%s\n", a, v ? " " : "", v ? v : "");
            usage(stderr);
            return 2;
        }
    }
    struct gen_params p = {.seed = seed, .as_of = as_of};
    if (strcmp(preset, "demo") == 0)
        p.members = 400, p.orgs = 40, p.showcase = true;
    else if (strcmp(preset, "small") == 0)
        p.members = 30000, p.orgs = 1200;
    else if (strcmp(preset, "full") == 0)
        p.members = 2000000, p.orgs = 80000;
    else {
        fprintf(stderr, "dangjian generate: 没有预设“%s”（demo、small 或 full）\n", preset);
        usage(stderr);
        return 2;
    }
    if (members && !orgs)
        orgs = members / 25 < 12 ? 12 : members / 25;
    if (orgs && !members)
        members = orgs * 25;
    if (members) {
        p.members = members, p.orgs = orgs;
        p.showcase = strcmp(preset, "demo") == 0;
    }

    struct load l;
    memset(&l, 0, sizeof l);
    l.progress = isatty(STDERR_FILENO);
    l.started = l.step_started = now_s();
    char err[512];
    if (gen_plan_build(&p, &l.plan, err, sizeof err) != 0) {
        fprintf(stderr, "dangjian generate: %s\n", err);
        return 2;
    }
    struct dj_db_hooks hooks = {.password = dj_prompt_password, .notice = on_notice};
    l.db = dj_db_connect(cfg, &hooks, &l.err);
    if (l.db == NULL) {
        fprintf(stderr, "dangjian: %s\n", l.err.message);
        gen_plan_free(&l.plan);
        return 1;
    }
    bool rebuild = indexes < 0 ? p.members >= REBUILD_FROM : indexes == 1;
    char description[512];
    snprintf(description, sizeof description,
             "dangjian generate --preset %s --seed %" PRIu64 " --members %" PRIu64
             " --orgs %" PRIu64 "：装入模拟数据 %zu 个组织、%" PRIu64 " 名人员及其记录",
             preset, seed, p.members, p.orgs, l.plan.n_orgs, l.plan.n_persons);
    dj_log("%s", description);
    int rc = check_database(&l) == 0 ? load_all(&l, rebuild, description) : -1;
    if (rc == 0) {
        rc = exec(&l, "ANALYZE app.org, app.person, app.education, app.job, app.tech_title,"
                      " app.standing, app.org_relation, app.dev_step, app.dev_contact,"
                      " app.appraisal, app.reward, app.post");
        if (rc == 0)
            step_done(&l, "ANALYZE", NULL);
    }
    if (rc != 0) {
        fprintf(stderr, "dangjian generate: %s\n", l.err.message);
    } else {
        static const struct {
            enum gen_kind kind;
            const char *level;
        } levels[] = {{GEN_CITY, "city"},
                      {GEN_DISTRICT, "district"},
                      {GEN_COMMITTEE, "committee"},
                      {GEN_GENERAL, "general_branch"},
                      {GEN_BRANCH, "branch"}};
        for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
            long o = gen_plan_first_of_kind(&l.plan, levels[i].kind);
            if (o < 0)
                continue;
            struct gen_org_text text;
            gen_org_text(&l.plan, (size_t)o, 7, &text);
            printf("%s\t%s\t%s\n", levels[i].level, l.plan.orgs[o].code, text.name);
        }
        double secs = now_s() - l.started;
        printf("done\torgs=%zu\tpersons=%" PRIu64 "\trows=%" PRId64 "\tseconds=%.1f\n",
               l.plan.n_orgs, l.plan.n_persons, l.rows_total, secs);
        dj_log("generate: 完成，用时 %.1f 秒", secs);
    }
    dj_db_close(l.db);
    gen_strmap_free(l.initials);
    gen_plan_free(&l.plan);
    return rc == 0 ? 0 : 1;
}

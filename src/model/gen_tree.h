#ifndef DJ_MODEL_GEN_TREE_H
#define DJ_MODEL_GEN_TREE_H
/*
 * The plan of a generated organization tree, the skeleton `dangjian generate`
 * loads: the city (which the migrations create; the plan only refers to it),
 * districts and large-system committees, grass-roots committees named after
 * their units, general branches and branches, each with its stable code
 * (001.003.012 ...: the parent's code plus the next number, as
 * app.next_child_code gives it), and each branch with its members' range of
 * person indices (10 to 60 a branch, the plan's total exactly).
 *
 * Orgs are kept in depth-first order (a parent before its children, the
 * children in code order), so database ids given in that order need no
 * forward references.  Everything follows from the parameters and the seed;
 * nothing is read from the clock.  About 100 bytes an organization.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/date.h"
#include "model/gen_places.h"

#define GEN_CODE_MAX 48 /* 001.001.001.001.001.001 with room for long segments */
#define GEN_STEM_MAX 64
#define GEN_TEXT_MAX 256 /* bytes for a name, a full name, a unit name */

/* code.org_kind */
enum gen_kind {
    GEN_CITY = 1,
    GEN_DISTRICT = 2,
    GEN_SYSTEM = 3,
    GEN_COMMITTEE = 4,
    GEN_GENERAL = 5,
    GEN_BRANCH = 6,
};

/* Who a branch's members are: decides ages, stages and work. */
enum gen_btype {
    GEN_BT_WORK,      /* in service */
    GEN_BT_RETIRED,   /* 离退休 */
    GEN_BT_STUDENT,   /* 学生 */
    GEN_BT_COMMUNITY, /* 居民区, 村: mostly retired, some working */
};

/* A level-2 or grass-roots committee's unit. */
struct gen_unit {
    char unit_name[GEN_TEXT_MAX]; /* 上海市黄浦区南京东路街道 */
    char name[GEN_TEXT_MAX];      /* 南京东路街道党工委 */
    char full_name[GEN_TEXT_MAX]; /* 中共上海市黄浦区南京东路街道工作委员会 */
    const char *nature;           /* code.unit_nature */
    const char *category;         /* code.org_category */
    const char *doc;              /* prefix of its documents: 沪黄委 */
    int district;                 /* gen_districts index, or -1 (a system's) */
    enum gen_sector sector;
};

struct gen_org {
    int32_t parent;       /* index, -1 for the city */
    int32_t l2;           /* the level-2 ancestor (itself for one), -1 for the city */
    int32_t unit;         /* index into plan->units of the unit it belongs to, -1 for the city */
    int32_t first_branch; /* the first branch of its subtree, -1 when none */
    uint32_t ordinal;     /* among its siblings, from 1: the code's last segment */
    uint32_t n_children;
    uint32_t size;         /* branches: members */
    uint64_t first_person; /* branches: index of the first member */
    uint8_t kind;          /* enum gen_kind */
    uint8_t btype;         /* enum gen_btype, for general branches and branches */
    uint8_t joint;         /* 联合党支部 */
    uint8_t graduate;      /* a student branch of graduate students */
    char code[GEN_CODE_MAX];
    char stem[GEN_STEM_MAX]; /* general branch, branch: 研发中心 / 研发中心第一 */
};

struct gen_params {
    uint64_t seed;
    uint64_t members;     /* persons in all */
    uint64_t orgs;        /* organizations in all, the city included */
    struct dj_date as_of; /* the day the data describes */
    bool showcase;        /* the demo: the first branch holds one of every kind */
};

struct gen_plan {
    struct gen_params p;
    struct gen_org *orgs;
    size_t n_orgs;
    struct gen_unit *units;
    size_t n_units;
    size_t count[7]; /* by enum gen_kind */
    uint64_t n_persons;
};

/* Plans the tree.  Returns 0, or -1 with a Chinese message in err (counts that
 * cannot make branches of 10 to 60 members, no memory). */
int gen_plan_build(const struct gen_params *p, struct gen_plan *plan, char *err, size_t errlen);
void gen_plan_free(struct gen_plan *plan);

/* The ltree path of orgs[i] (labels: each ancestor's code with . -> _). */
void gen_org_path(const struct gen_plan *plan, size_t i, char *buf, size_t len);

/* What an organization is called and its unit: name (short), full_name,
 * unit_name, code values.  full_members: a branch with fewer than 7 full
 * members has no branch committee and is called …党支部 in full. */
struct gen_org_text {
    char name[GEN_TEXT_MAX];
    char full_name[GEN_TEXT_MAX];
    char unit_name[GEN_TEXT_MAX];
    const char *category;
    const char *nature;
    const char *relation; /* code.unit_relation */
};
void gen_org_text(const struct gen_plan *plan, size_t i, int full_members,
                  struct gen_org_text *out);

/* dst = a b c d (NULL parts skipped), cut at a character boundary to fit cap. */
void gen_concat(char *dst, size_t cap, const char *a, const char *b, const char *c, const char *d);

/* Chinese numerals for 1..9999 (一, 十二, 一百零五), as 第N党支部 writes them. */
void gen_cn_number(unsigned n, char *buf, size_t len);

/* The first organization of a kind in depth-first order whose ancestors are
 * the ones printed for the kinds above it, or -1: one organization per level,
 * nested, for scripts that want a clerk at every level. */
long gen_plan_first_of_kind(const struct gen_plan *plan, enum gen_kind kind);

#endif

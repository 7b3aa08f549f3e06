#include "model/gen_tree.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/gen_rand.h"

/* Streams of the plan's own random numbers (gen_person.h numbers the others
 * from 10 up). */
enum { STREAM_PLAN = 1, STREAM_SIZES = 2 };

#define MIN_BRANCH 10
#define MAX_BRANCH 60

/* Departments (general branches) of a committee, by sector; the retired
 * members' general branch is added apart. */
static const char *const dept_company[] = {"机关",       "生产制造部", "研发中心",   "市场营销部",
                                           "工程技术部", "质量管理部", "财务审计部", "第一分公司",
                                           "第二分公司", "第三分公司", "物流中心",   "客户服务中心",
                                           "信息中心",   "安全环保部", NULL};
static const char *const dept_soe[] = {
    "集团机关", "第一事业部", "第二事业部", "第三事业部", "投资管理公司", "技术中心", "工程公司",
    "物业公司", "贸易公司",   "研究院",     "销售公司",   "国际业务部",   NULL};
static const char *const dept_finance[] = {
    "总部机关", "营业部",   "个人金融部", "公司金融部", "风险管理部", "信息技术部", "浦东分部",
    "黄浦分部", "徐汇分部", "静安分部",   "闵行分部",   "资产管理部", NULL};
static const char *const dept_research[] = {"所机关",       "第一研究室", "第二研究室",
                                            "第三研究室",   "检测中心",   "科研管理处",
                                            "技术开发中心", "实验中心",   NULL};
static const char *const dept_culture[] = {"机关",       "演出部",   "艺术创作中心",
                                           "技术部",     "新闻中心", "节目中心",
                                           "经营管理部", "编辑部",   NULL};
static const char *const dept_hospital[] = {"内科",   "外科",     "妇产科", "儿科",
                                            "医技",   "护理",     "门急诊", "行政后勤",
                                            "药学部", "科研教学", NULL};
static const char *const dept_district_agency[] = {
    "区发展改革委机关", "区财政局机关",     "区民政局机关", "区人社局机关",
    "区规划资源局机关", "区建设管理委机关", "区商务委机关", "区卫生健康委机关",
    "区市场监管局机关", "区司法局机关",     "区统计局机关", "区审计局机关",
    "区政府办公室",     "区人大常委会机关", "区政协机关",   NULL};
static const char *const dept_agency[] = {"机关第一", "机关第二", "机关第三", "机关第四",
                                          "机关第五", "机关第六", "直属单位", NULL};
static const char *const dept_social[] = {
    "秘书处", "会员单位第一", "会员单位第二", "会员单位第三", "会员单位第四", "专业委员会", NULL};
static const char *const l2_direct_gb_district[] = {"社会组织", "两新组织", "商务楼宇",
                                                    "产业园区", "专业市场", NULL};
static const char *const l2_direct_gb_system[] = {"直属机关", "直属单位", "直属事业单位", NULL};

static const char *const *dept_list(enum gen_sector s)
{
    switch (s) {
    case GEN_SEC_SOE:
        return dept_soe;
    case GEN_SEC_FINANCE:
        return dept_finance;
    case GEN_SEC_RESEARCH:
        return dept_research;
    case GEN_SEC_CULTURE:
        return dept_culture;
    case GEN_SEC_HOSPITAL:
        return dept_hospital;
    case GEN_SEC_UNIVERSITY:
        return gen_colleges;
    case GEN_SEC_DISTRICT_AGENCY:
        return dept_district_agency;
    case GEN_SEC_SUBORDINATE:
    case GEN_SEC_CITY_AGENCY:
        return dept_agency;
    case GEN_SEC_SOCIAL:
        return dept_social;
    default:
        return dept_company;
    }
}

void gen_cn_number(unsigned n, char *buf, size_t len)
{
    static const char *const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const unit[] = {"", "十", "百", "千"};
    if (n == 0 || n > 9999) {
        snprintf(buf, len, "%u", n);
        return;
    }
    char out[64] = "";
    size_t used = 0;
    int d[4] = {(int)(n / 1000), (int)(n / 100 % 10), (int)(n / 10 % 10), (int)(n % 10)};
    int started = 0, zero = 0;
    for (int i = 0; i < 4; i++) {
        int pos = 3 - i;
        if (d[i] == 0) {
            if (started)
                zero = 1;
            continue;
        }
        if (zero) {
            used += (size_t)snprintf(out + used, sizeof out - used, "零");
            zero = 0;
        }
        /* 十一, not 一十一, at the head of a number. */
        if (!(pos == 1 && d[i] == 1 && !started))
            used += (size_t)snprintf(out + used, sizeof out - used, "%s", digit[d[i]]);
        used += (size_t)snprintf(out + used, sizeof out - used, "%s", unit[pos]);
        started = 1;
    }
    snprintf(buf, len, "%s", out);
}

/* Spreads total over n bins in proportion to weights, each bin at least
 * min[i] (min may be NULL), by largest remainder: no randomness needed. */
static void distribute(uint64_t total, size_t n, const uint32_t *weights, const uint32_t *min,
                       uint32_t *out)
{
    uint64_t base = 0, wsum = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = min ? min[i] : 0;
        base += out[i];
        wsum += weights[i];
    }
    if (n == 0 || total <= base || wsum == 0)
        return;
    uint64_t rest = total - base, given = 0;
    uint64_t *rem = calloc(n, sizeof *rem);
    for (size_t i = 0; i < n; i++) {
        uint64_t share = rest * weights[i];
        out[i] += (uint32_t)(share / wsum);
        given += share / wsum;
        rem[i] = rem ? share % wsum : 0;
    }
    /* The largest remainders get the last ones, ties to the lower index. */
    while (given < rest) {
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rem && rem[i] > rem[best])
                best = i;
        out[best]++;
        if (rem)
            rem[best] = 0;
        given++;
    }
    free(rem);
}

/* ------------------------------------------------------------------------- */
/* Units */

void gen_concat(char *dst, size_t cap, const char *a, const char *b, const char *c, const char *d)
{
    const char *parts[4] = {a, b, c, d};
    size_t used = 0;
    for (int i = 0; i < 4; i++) {
        if (parts[i] == NULL)
            continue;
        size_t l = strlen(parts[i]);
        if (used + l >= cap) {
            /* Cut at a character boundary, never inside a UTF-8 sequence. */
            l = cap - 1 - used;
            while (l > 0 && ((unsigned char)parts[i][l] & 0xC0) == 0x80)
                l--;
            memcpy(dst + used, parts[i], l);
            used += l;
            break;
        }
        memcpy(dst + used, parts[i], l);
        used += l;
    }
    dst[used] = '\0';
}

/* 黄浦 -> 黄浦区; 浦东新区 stays. */
static const char *district_qu(int d, char *buf, size_t len)
{
    const char *n = gen_districts[d].name;
    size_t l = strlen(n);
    if (l >= 3 && strcmp(n + l - 3, "区") == 0)
        gen_concat(buf, len, n, NULL, NULL, NULL);
    else
        gen_concat(buf, len, n, "区", NULL, NULL);
    return buf;
}

struct unit_counters {
    uint32_t company[4]; /* synthetic company names used, by industry list */
    uint32_t *place;     /* per district: streets and towns used */
    uint32_t *hospital;  /* per district */
    uint8_t *edu;        /* per district: education committee made */
    uint32_t *list;      /* per system: real units used (教卫, bureaus' own units) */
    uint32_t sector_used[GEN_SEC_COUNT]; /* real units used, by list */
    uint32_t *place_off;                 /* per district: where its street list starts */
};

static const char *pick_nature(struct gen_rand *r, int district_owned)
{
    static const char *const dn[] = {"331", "310", "333", "332", "320", "339"};
    static const uint32_t dw[] = {40, 25, 15, 8, 7, 5};
    if (!district_owned)
        return gen_rand_chance(r, 800) ? "310" : "331";
    return dn[gen_rand_weighted(r, dw, 6)];
}

static void synthetic_company(struct gen_unit *u, struct unit_counters *uc, struct gen_rand *r,
                              enum gen_industry ind, int district_owned)
{
    const char *const *inds = gen_industries[ind];
    size_t nb = gen_list_len(gen_brands), ni = gen_list_len(inds);
    uint32_t v = uc->company[ind]++;
    /* A permutation of the (brand, industry) pairs: unique until all are used. */
    uint64_t w = ((uint64_t)v * 7919u + (uint64_t)ind * 131u) % (nb * ni);
    const char *brand = gen_brands[w % nb];
    const char *industry = inds[w / nb];
    const char *suffix = v % 6 == 5 ? "集团有限公司" : v % 8 == 3 ? "股份有限公司" : "有限公司";
    char unit[GEN_TEXT_MAX];
    gen_concat(unit, sizeof unit, "上海", brand, industry, suffix);
    gen_concat(u->unit_name, GEN_TEXT_MAX, unit, NULL, NULL, NULL);
    gen_concat(u->name, GEN_TEXT_MAX, brand, industry, strstr(suffix, "集团") ? "集团" : "公司",
               "党委");
    gen_concat(u->full_name, GEN_TEXT_MAX, "中共", unit, "委员会", NULL);
    u->nature = pick_nature(r, district_owned);
    u->category = "611";
    u->sector = GEN_SEC_COMPANY;
}

/* A real unit from list[idx] (short names from shortlist, or the unit's own). */
static void listed_unit(struct gen_unit *u, const char *unit, const char *shortname,
                        const char *nature, enum gen_sector s)
{
    gen_concat(u->unit_name, GEN_TEXT_MAX, unit, NULL, NULL, NULL);
    gen_concat(u->name, GEN_TEXT_MAX, shortname ? shortname : unit, "党委", NULL, NULL);
    gen_concat(u->full_name, GEN_TEXT_MAX, "中共", unit, "委员会", NULL);
    u->nature = nature;
    u->category = "611";
    u->sector = s;
}

static void district_committee(struct gen_unit *u, int d, uint32_t k, struct unit_counters *uc,
                               struct gen_rand *r, int want_place)
{
    const struct gen_district *dd = &gen_districts[d];
    char qu[64];
    district_qu(d, qu, sizeof qu);
    u->district = d;
    if (k == 1) {
        gen_concat(u->unit_name, GEN_TEXT_MAX, dd->full, "区级机关", NULL, NULL);
        gen_concat(u->name, GEN_TEXT_MAX, "区级机关工作党委", NULL, NULL, NULL);
        gen_concat(u->full_name, GEN_TEXT_MAX, "中共", dd->full, "区级机关工作委员会", NULL);
        u->nature = "110";
        u->category = "112";
        u->sector = GEN_SEC_DISTRICT_AGENCY;
        return;
    }
    size_t nplaces = gen_list_len(dd->places);
    size_t nhosp = gen_list_len(gen_district_hospitals);
    uint32_t w[4] = {uc->place[d] < nplaces ? 50u : 0u, 30u, uc->hospital[d] < nhosp ? 8u : 0u,
                     uc->edu[d] ? 0u : 6u};
    size_t pick = gen_rand_weighted(r, w, 4);
    if (want_place && w[0] > 0)
        pick = 0;
    switch (pick) {
    case 0: {
        const char *p = dd->places[(uc->place_off[d] + uc->place[d]++) % nplaces];
        size_t l = strlen(p);
        int town = (l >= 3 && strcmp(p + l - 3, "镇") == 0 && strstr(p, "街道") == NULL) ||
                   (l >= 3 && strcmp(p + l - 3, "乡") == 0);
        gen_concat(u->unit_name, GEN_TEXT_MAX, dd->full, p, NULL, NULL);
        if (town) {
            gen_concat(u->name, GEN_TEXT_MAX, p, "党委", NULL, NULL);
            gen_concat(u->full_name, GEN_TEXT_MAX, "中共", dd->full, p, "委员会");
            u->nature = "610";
            u->category = "611";
            u->sector = GEN_SEC_TOWN;
        } else {
            gen_concat(u->name, GEN_TEXT_MAX, p, "党工委", NULL, NULL);
            gen_concat(u->full_name, GEN_TEXT_MAX, "中共", dd->full, p, "工作委员会");
            u->nature = "510";
            u->category = "112";
            u->sector = GEN_SEC_STREET;
        }
        return;
    }
    case 2: {
        const char *h = gen_district_hospitals[uc->hospital[d]++];
        char unit[GEN_TEXT_MAX];
        gen_concat(unit, sizeof unit, dd->full, h, NULL, NULL);
        gen_concat(u->unit_name, GEN_TEXT_MAX, unit, NULL, NULL, NULL);
        gen_concat(u->name, GEN_TEXT_MAX, qu, h, "党委", NULL);
        gen_concat(u->full_name, GEN_TEXT_MAX, "中共", unit, "委员会", NULL);
        u->nature = strstr(h, "医院") ? "240" : "290";
        u->category = "611";
        u->sector = GEN_SEC_HOSPITAL;
        return;
    }
    case 3:
        uc->edu[d] = 1;
        gen_concat(u->unit_name, GEN_TEXT_MAX, dd->full, "教育局", NULL, NULL);
        gen_concat(u->name, GEN_TEXT_MAX, "区教育工作党委", NULL, NULL, NULL);
        gen_concat(u->full_name, GEN_TEXT_MAX, "中共", dd->full, "教育工作委员会", NULL);
        u->nature = "130";
        u->category = "112";
        u->sector = GEN_SEC_EDU_BUREAU;
        return;
    default:
        synthetic_company(u, uc, r, GEN_IND_MIXED, 1);
        return;
    }
}

static void system_committee(struct gen_unit *u, size_t s, uint32_t k, struct unit_counters *uc,
                             struct gen_rand *r)
{
    const struct gen_system *sy = &gen_systems[s];
    u->district = -1;
    enum gen_sector sec = sy->sector;
    if (sec == GEN_SEC_UNIVERSITY && k % 3 == 2)
        sec = GEN_SEC_HOSPITAL;
    /* Lists shared by several systems (culture, hospitals) are used up once. */
    uint32_t v = sy->sector == GEN_SEC_UNIVERSITY || sec == GEN_SEC_SUBORDINATE
                     ? uc->list[s]++
                     : uc->sector_used[sec]++;
    const char *const *list = NULL;
    const char *const *shortl = NULL;
    const char *nature = "310";
    switch (sec) {
    case GEN_SEC_UNIVERSITY:
        list = gen_universities, nature = "210", v = v - v / 3;
        break;
    case GEN_SEC_HOSPITAL:
        list = gen_city_hospitals, nature = "240";
        /* 教卫 takes hospitals from the top of the list, 卫健委 from the end. */
        if (sy->sector == GEN_SEC_UNIVERSITY)
            v = v / 3;
        else if (v < gen_list_len(list))
            v = (uint32_t)gen_list_len(list) - 1 - v;
        break;
    case GEN_SEC_SOE:
        list = gen_soe_groups, shortl = gen_soe_short;
        break;
    case GEN_SEC_FINANCE:
        list = gen_finance_units, shortl = gen_finance_short;
        break;
    case GEN_SEC_RESEARCH:
        list = gen_research_units, nature = "230";
        break;
    case GEN_SEC_CULTURE:
        list = gen_culture_units, nature = "290";
        break;
    case GEN_SEC_CITY_AGENCY:
        list = gen_city_agencies, nature = "130";
        break;
    case GEN_SEC_SUBORDINATE:
        list = gen_subordinate_units, nature = "290";
        break;
    case GEN_SEC_SOCIAL:
        list = gen_social_fields, nature = "410";
        break;
    default:
        break;
    }
    if (list != NULL && v < gen_list_len(list)) {
        char unit[GEN_TEXT_MAX], shortname[GEN_TEXT_MAX];
        if (sec == GEN_SEC_SUBORDINATE) {
            /* 市水务局党委 -> 上海市水务局执法总队, 市水务局执法总队党委 */
            gen_concat(unit, sizeof unit, sy->unit, list[v], NULL, NULL);
            char owner[GEN_TEXT_MAX];
            gen_concat(owner, sizeof owner, sy->name, NULL, NULL, NULL);
            char *cut = strstr(owner, "党委");
            if (cut)
                *cut = '\0';
            gen_concat(shortname, sizeof shortname, owner, list[v], NULL, NULL);
            listed_unit(u, unit, shortname, v == 0 ? "130" : nature, sec);
        } else if (sec == GEN_SEC_SOCIAL) {
            gen_concat(unit, sizeof unit, "上海市", list[v], "协会", NULL);
            gen_concat(shortname, sizeof shortname, "市", list[v], "协会", NULL);
            listed_unit(u, unit, shortname, nature, sec);
        } else if (sec == GEN_SEC_CITY_AGENCY) {
            gen_concat(unit, sizeof unit, list[v], NULL, NULL, NULL);
            listed_unit(u, unit, NULL, nature, sec);
            gen_concat(u->name, GEN_TEXT_MAX, unit, "机关党委", NULL, NULL);
            gen_concat(u->full_name, GEN_TEXT_MAX, "中共", unit, "机关委员会", NULL);
            u->category = "611";
        } else {
            listed_unit(u, list[v], shortl ? shortl[v] : NULL, nature, sec);
        }
        return;
    }
    synthetic_company(u, uc, r, sy->industry, 0);
    if (sec == GEN_SEC_SOCIAL)
        u->sector = GEN_SEC_SOCIAL;
}

/* ------------------------------------------------------------------------- */
/* The tree */

struct builder {
    struct gen_plan *plan;
    struct gen_rand r;
    char err[256];
};

static size_t add_org(struct gen_plan *plan, int32_t parent, enum gen_kind kind, int32_t unit)
{
    size_t i = plan->n_orgs++;
    struct gen_org *o = &plan->orgs[i];
    memset(o, 0, sizeof *o);
    o->parent = parent;
    o->kind = (uint8_t)kind;
    o->unit = unit;
    o->first_branch = -1;
    o->btype = GEN_BT_WORK;
    if (parent < 0) {
        o->l2 = -1;
        o->ordinal = 1;
        snprintf(o->code, sizeof o->code, "001");
    } else {
        struct gen_org *p = &plan->orgs[parent];
        /* Children are added in code order. */
        o->ordinal = ++p->n_children;
        o->l2 = kind == GEN_DISTRICT || kind == GEN_SYSTEM ? (int32_t)i : p->l2;
        /* As app.next_child_code: three digits, more when the number needs them. */
        char seg[16];
        snprintf(seg, sizeof seg, ".%03u", o->ordinal);
        gen_concat(o->code, sizeof o->code, p->code, seg, NULL, NULL);
    }
    plan->count[kind]++;
    return i;
}

static void set_stem(struct gen_org *o, const char *a, const char *b, const char *c)
{
    char tmp[GEN_STEM_MAX];
    gen_concat(tmp, sizeof tmp, a, b, c, NULL);
    memcpy(o->stem, tmp, sizeof tmp);
}

static void append_stem(struct gen_org *o, const char *more)
{
    set_stem(o, o->stem, more, NULL);
}

static void numbered(struct gen_org *o, const char *stem, const char *sub, unsigned n)
{
    char num[32];
    gen_cn_number(n, num, sizeof num);
    char part[48];
    gen_concat(part, sizeof part, sub, "第", num, NULL);
    set_stem(o, stem, part, NULL);
}

/* The branches of a general branch gb (k of them). */
static void add_gb_branches(struct gen_plan *plan, size_t gb, uint32_t k)
{
    char gstem[GEN_STEM_MAX];
    memcpy(gstem, plan->orgs[gb].stem, sizeof gstem);
    uint8_t gtype = plan->orgs[gb].btype;
    int32_t unit = plan->orgs[gb].unit;
    enum gen_sector sec = plan->units[unit].sector;
    int college =
        sec == GEN_SEC_UNIVERSITY && gtype == GEN_BT_WORK && strstr(gstem, "学院") != NULL;
    int school = sec == GEN_SEC_EDU_BUREAU;
    int joint = plan->orgs[gb].joint;
    unsigned per_sub[3] = {0, 0, 0};
    for (uint32_t j = 0; j < k; j++) {
        size_t b = add_org(plan, (int32_t)gb, GEN_BRANCH, unit);
        struct gen_org *o = &plan->orgs[b];
        o->btype = gtype;
        o->joint = (uint8_t)joint;
        if (college) {
            static const char *const sub[] = {"教工", "本科生", "研究生"};
            unsigned s = j % 3;
            numbered(o, gstem, sub[s], ++per_sub[s]);
            o->btype = s == 0 ? GEN_BT_WORK : GEN_BT_STUDENT;
            o->graduate = s == 2;
        } else if (school && k >= 3 && j == k - 1) {
            set_stem(o, gstem, "退休教师", NULL);
            o->btype = GEN_BT_RETIRED;
        } else if (school) {
            numbered(o, gstem, "教工", j + 1);
        } else if (joint) {
            numbered(o, gstem, "", j + 1);
            append_stem(o, "联合");
        } else {
            numbered(o, gstem, "", j + 1);
        }
    }
}

/* The stem of general branch j of n under a committee of sector sec. */
static void gb_stem(struct gen_org *o, enum gen_sector sec, uint32_t j, uint32_t n,
                    uint32_t road_off, uint32_t retired_from)
{
    size_t nroads = gen_list_len(gen_roads);
    const char *road = gen_roads[(road_off + j) % nroads];
    int overflow_road = j >= nroads;
    char num[32];
    gen_cn_number(j + 1, num, sizeof num);
    o->btype = GEN_BT_WORK;
    switch (sec) {
    case GEN_SEC_STREET:
    case GEN_SEC_TOWN:
        if (j == 0 && n >= 3) {
            set_stem(o, sec == GEN_SEC_STREET ? "街道机关" : "镇机关", NULL, NULL);
            return;
        }
        o->btype = GEN_BT_COMMUNITY;
        if (overflow_road)
            set_stem(o, "第", num, sec == GEN_SEC_STREET ? "居民区" : "村");
        else
            set_stem(o, road, sec == GEN_SEC_STREET ? "居民区" : "村", NULL);
        return;
    case GEN_SEC_EDU_BUREAU:
        if (overflow_road)
            set_stem(o, "第", num, "中学");
        else
            set_stem(o, road, j % 2 ? "小学" : "中学", NULL);
        return;
    default:
        break;
    }
    /* The retired members' own general branch: the last one of four or more. */
    if (n >= retired_from && j == n - 1) {
        int agency = sec == GEN_SEC_DISTRICT_AGENCY || sec == GEN_SEC_CITY_AGENCY ||
                     sec == GEN_SEC_SUBORDINATE;
        set_stem(o, agency ? "离退休干部" : "离退休", NULL, NULL);
        o->btype = GEN_BT_RETIRED;
        return;
    }
    const char *const *list = dept_list(sec);
    size_t nl = gen_list_len(list);
    if (j < nl)
        set_stem(o, list[(road_off + j) % nl], NULL, NULL);
    else if (j - nl < nroads)
        set_stem(o, gen_roads[(road_off + j - nl) % nroads], "分部", NULL);
    else
        set_stem(o, "第", num, "分部");
    if (sec == GEN_SEC_SOCIAL)
        o->joint = 1;
}

/* The stem of a committee's direct branch j (after n_gb general branches). */
static void direct_branch_stem(struct gen_org *o, enum gen_sector sec, uint32_t j, uint32_t n_gb,
                               uint32_t road_off, unsigned *n_work, unsigned *n_retired)
{
    size_t nroads = gen_list_len(gen_roads);
    uint32_t ri = n_gb + j;
    char num[32];
    switch (sec) {
    case GEN_SEC_STREET:
    case GEN_SEC_TOWN:
        o->btype = GEN_BT_COMMUNITY;
        if (ri < nroads) {
            set_stem(o, gen_roads[(road_off + ri) % nroads],
                     sec == GEN_SEC_STREET ? "居民区" : "村", NULL);
        } else {
            gen_cn_number(ri + 1, num, sizeof num);
            set_stem(o, "第", num, sec == GEN_SEC_STREET ? "居民区" : "村");
        }
        return;
    case GEN_SEC_EDU_BUREAU:
        if (ri < nroads) {
            set_stem(o, gen_roads[(road_off + ri) % nroads], "幼儿园", NULL);
        } else {
            gen_cn_number(ri + 1, num, sizeof num);
            set_stem(o, "第", num, "幼儿园");
        }
        return;
    case GEN_SEC_SOCIAL:
        numbered(o, "", "", ++*n_work);
        append_stem(o, "联合");
        o->joint = 1;
        return;
    default:
        if (j % 3 == 2) {
            numbered(o, "离退休", "", ++*n_retired);
            o->btype = GEN_BT_RETIRED;
        } else {
            numbered(o, "机关", "", ++*n_work);
        }
        return;
    }
}

static void fail(struct builder *b, const char *msg)
{
    if (b->err[0] == '\0')
        snprintf(b->err, sizeof b->err, "%s", msg);
}

int gen_plan_build(const struct gen_params *p, struct gen_plan *plan, char *err, size_t errlen)
{
    memset(plan, 0, sizeof *plan);
    plan->p = *p;
    struct builder bld = {.plan = plan};
    gen_rand_init(&bld.r, p->seed, STREAM_PLAN, 0);
    struct gen_rand *r = &bld.r;

    uint64_t M = p->orgs, N = p->members;
    if (M < 12 || M > 2000000) {
        snprintf(err, errlen, "组织数应在 12 到 2000000 之间（现在是 %llu）",
                 (unsigned long long)M);
        return -1;
    }
    size_t n_l2 = (size_t)(M / 50);
    n_l2 = n_l2 < 3 ? 3 : n_l2 > 40 ? 40 : n_l2;
    size_t n_dist = n_l2 - (n_l2 / 3 < 1 ? 1 : n_l2 / 3);
    if (n_dist > 16)
        n_dist = 16;
    size_t n_sys = n_l2 - n_dist;
    if (n_sys > gen_system_count)
        n_sys = gen_system_count, n_l2 = n_dist + n_sys;
    uint64_t rest = M - 1 - n_l2;
    uint64_t C = n_l2 * 2;
    if (rest / 200 > C)
        C = (rest + 100) / 200;
    if (C > rest / 3)
        C = rest / 3 > n_l2 ? rest / 3 : n_l2;
    uint64_t G = (rest * 12 + 50) / 100;
    if (C + G > rest / 2)
        G = rest / 2 > C ? rest / 2 - C : 0;
    uint64_t B = rest > C + G ? rest - C - G : 0;
    if (B < C + G || B == 0) {
        snprintf(err, errlen, "组织数 %llu 太少，不够组成市委、区委、基层党委和党支部",
                 (unsigned long long)M);
        return -1;
    }
    if (N < B * MIN_BRANCH || N > B * MAX_BRANCH) {
        snprintf(err, errlen,
                 "%llu 个组织中有 %llu 个党支部，按每个党支部 %d–%d 人，人数应在 %llu 到 %llu 之间"
                 "（现在是 %llu）",
                 (unsigned long long)M, (unsigned long long)B, MIN_BRANCH, MAX_BRANCH,
                 (unsigned long long)(B * MIN_BRANCH), (unsigned long long)(B * MAX_BRANCH),
                 (unsigned long long)N);
        return -1;
    }

    plan->orgs = calloc((size_t)M, sizeof *plan->orgs);
    plan->units = calloc(n_l2 + (size_t)C, sizeof *plan->units);
    uint32_t *c_per_l2 = calloc(n_l2, sizeof *c_per_l2);
    uint32_t *l2w = calloc(n_l2, sizeof *l2w);
    uint32_t *ones = calloc(n_l2 > C ? n_l2 : (size_t)C, sizeof *ones);
    uint32_t *cw = calloc((size_t)C, sizeof *cw);
    uint32_t *c_gb = calloc((size_t)C, sizeof *c_gb);
    uint32_t *c_br = calloc((size_t)C, sizeof *c_br);
    uint32_t *c_min = calloc((size_t)C, sizeof *c_min);
    uint32_t *l2_gb = calloc(n_l2, sizeof *l2_gb);
    uint32_t *l2_br = calloc(n_l2, sizeof *l2_br);
    uint32_t *gbw = calloc((size_t)G + 1, sizeof *gbw);
    uint32_t *gb_br = calloc((size_t)G + 1, sizeof *gb_br);
    uint32_t *gb_min = calloc((size_t)G + 1, sizeof *gb_min);
    struct unit_counters uc = {
        .place = calloc(16, sizeof(uint32_t)),
        .hospital = calloc(16, sizeof(uint32_t)),
        .edu = calloc(16, 1),
        .list = calloc(gen_system_count, sizeof(uint32_t)),
        .place_off = calloc(16, sizeof(uint32_t)),
    };
    if (!plan->orgs || !plan->units || !c_per_l2 || !l2w || !ones || !cw || !c_gb || !c_br ||
        !c_min || !l2_gb || !l2_br || !gbw || !gb_br || !gb_min || !uc.place || !uc.hospital ||
        !uc.edu || !uc.list || !uc.place_off) {
        fail(&bld, "内存不足，无法规划组织树");
        goto done;
    }

    /* Level 2: the districts, then the large-system committees. */
    for (size_t i = 0; i < n_l2; i++) {
        l2w[i] = i < n_dist ? gen_districts[i].weight : gen_systems[i - n_dist].weight;
        ones[i] = 1;
    }
    for (size_t d = 0; d < 16; d++)
        uc.place_off[d] = gen_rand_below(r, (uint32_t)gen_list_len(gen_districts[d].places));
    distribute(C, n_l2, l2w, ones, c_per_l2);

    /* The units: the level-2 ones first, then every committee's. */
    for (size_t i = 0; i < n_l2; i++) {
        struct gen_unit *u = &plan->units[plan->n_units++];
        if (i < n_dist) {
            const struct gen_district *d = &gen_districts[i];
            char qu[64];
            gen_concat(u->unit_name, GEN_TEXT_MAX, d->full, NULL, NULL, NULL);
            gen_concat(u->name, GEN_TEXT_MAX, district_qu((int)i, qu, sizeof qu), "委", NULL, NULL);
            gen_concat(u->full_name, GEN_TEXT_MAX, "中共", d->full, "委员会", NULL);
            u->category = "111";
            u->doc = d->doc;
            u->district = (int)i;
            u->sector = GEN_SEC_COMPANY;
        } else {
            const struct gen_system *s = &gen_systems[i - n_dist];
            gen_concat(u->unit_name, GEN_TEXT_MAX, s->unit, NULL, NULL, NULL);
            gen_concat(u->name, GEN_TEXT_MAX, s->name, NULL, NULL, NULL);
            gen_concat(u->full_name, GEN_TEXT_MAX, s->full, NULL, NULL, NULL);
            u->category = "112";
            u->doc = s->doc;
            u->district = -1;
            u->sector = s->sector;
        }
        u->nature = "110";
    }
    {
        size_t c = 0;
        for (size_t i = 0; i < n_l2; i++) {
            for (uint32_t k = 0; k < c_per_l2[i]; k++, c++) {
                struct gen_unit *u = &plan->units[plan->n_units++];
                /* The demo shows a community too: its second district starts with a
                 * street or town. */
                if (i < n_dist)
                    district_committee(u, (int)i, k, &uc, r, p->showcase && i == 1 && k == 0);
                else
                    system_committee(u, i - n_dist, k, &uc, r);
                u->doc = plan->units[i].doc;
                /* Big units hold more general branches and branches. */
                uint32_t w = 2 + gen_rand_below(r, 13);
                if (u->sector == GEN_SEC_UNIVERSITY || u->sector == GEN_SEC_SOE ||
                    u->sector == GEN_SEC_HOSPITAL)
                    w *= 2;
                cw[c] = w;
            }
        }
    }

    /* General branches: a few directly under level 2, the rest in committees
     * (the city's first committee always has one, for the per-level codes). */
    uint64_t G_l2 = G >= 100 ? G * 3 / 100 : 0;
    uint64_t G_c = G - G_l2;
    for (size_t c = 0; c < C; c++)
        c_min[c] = G_c >= C ? 1 : (c == 0 && G_c > 0 ? 1 : 0);
    distribute(G_c, (size_t)C, cw, c_min, c_gb);
    distribute(G_l2, n_l2, l2w, NULL, l2_gb);

    /* Branches: 2% directly under level 2, 15% directly under committees, the
     * rest in general branches (at least one each, two when there are enough). */
    uint64_t B_l2 = B >= 20 ? (B * 2 / 100 > 0 ? B * 2 / 100 : 1) : 0;
    uint64_t B_c = B * 15 / 100;
    uint64_t need_c = 0;
    for (size_t c = 0; c < C; c++)
        need_c += c_gb[c] == 0;
    if (B_c < need_c)
        B_c = need_c;
    uint64_t B_g = B - B_l2 - B_c;
    if (B_g < G) {
        fail(&bld, "党支部太少，不够分给每个党总支");
        goto done;
    }
    for (size_t c = 0; c < C; c++)
        c_min[c] = c_gb[c] == 0;
    distribute(B_c, (size_t)C, cw, c_min, c_br);
    distribute(B_l2, n_l2, l2w, NULL, l2_br);
    for (size_t g = 0; g < G; g++) {
        gbw[g] = 1 + gen_rand_below(r, 6);
        gb_min[g] = B_g >= 2 * G ? 2 : 1;
    }
    distribute(B_g, (size_t)G, gbw, gb_min, gb_br);

    /* Now the tree, depth first. */
    {
        size_t root = add_org(plan, -1, GEN_CITY, -1);
        (void)root;
        size_t c = 0, g = 0;
        for (size_t i = 0; i < n_l2; i++) {
            size_t l2 = add_org(plan, 0, i < n_dist ? GEN_DISTRICT : GEN_SYSTEM, (int32_t)i);
            for (uint32_t k = 0; k < c_per_l2[i]; k++, c++) {
                int32_t unit = (int32_t)(n_l2 + c);
                size_t ci = add_org(plan, (int32_t)l2, GEN_COMMITTEE, unit);
                enum gen_sector sec = plan->units[unit].sector;
                uint32_t road_off = gen_rand_below(r, (uint32_t)gen_list_len(gen_roads));
                for (uint32_t j = 0; j < c_gb[c]; j++, g++) {
                    size_t gi = add_org(plan, (int32_t)ci, GEN_GENERAL, unit);
                    /* (The demo's first committee has its retired members too.) */
                    gb_stem(&plan->orgs[gi], sec, j, c_gb[c], road_off,
                            p->showcase && c == 0 ? 2 : 3);
                    add_gb_branches(plan, gi, gb_br[g]);
                }
                unsigned n_work = 0, n_retired = 0;
                for (uint32_t j = 0; j < c_br[c]; j++) {
                    size_t bi = add_org(plan, (int32_t)ci, GEN_BRANCH, unit);
                    direct_branch_stem(&plan->orgs[bi], sec, j, c_gb[c], road_off, &n_work,
                                       &n_retired);
                }
            }
            const char *const *dl = i < n_dist ? l2_direct_gb_district : l2_direct_gb_system;
            size_t ndl = gen_list_len(dl);
            for (uint32_t j = 0; j < l2_gb[i]; j++, g++) {
                size_t gi = add_org(plan, (int32_t)l2, GEN_GENERAL, (int32_t)i);
                if (j < ndl)
                    set_stem(&plan->orgs[gi], dl[j], NULL, NULL);
                else
                    numbered(&plan->orgs[gi], dl[0], "", j + 1);
                plan->orgs[gi].joint = i < n_dist;
                add_gb_branches(plan, gi, gb_br[g]);
            }
            for (uint32_t j = 0; j < l2_br[i]; j++) {
                size_t bi = add_org(plan, (int32_t)l2, GEN_BRANCH, (int32_t)i);
                struct gen_org *o = &plan->orgs[bi];
                if (i < n_dist) {
                    numbered(o, "非公企业", "", j + 1);
                    append_stem(o, "联合");
                    o->joint = 1;
                } else {
                    numbered(o, "直属机关", "", j + 1);
                }
            }
        }
        if (plan->n_orgs != M || c != C || g != G) {
            fail(&bld, "组织树规划的数目不一致（程序错误）");
            goto done;
        }
    }

    /* Branch sizes: 10 to 60, skewed towards the small end as in life, then
     * nudged one member at a time until they add up to N exactly. */
    {
        struct gen_rand rs;
        gen_rand_init(&rs, p->seed, STREAM_SIZES, 0);
        double mean = (double)N / (double)B;
        double k = (MAX_BRANCH - MIN_BRANCH) / (mean - MIN_BRANCH + 0.5) - 1.0;
        k = k < 0.02 ? 0.02 : k > 50 ? 50 : k;
        uint64_t sum = 0;
        size_t *branches = malloc((size_t)B * sizeof *branches);
        if (branches == NULL) {
            fail(&bld, "内存不足，无法规划组织树");
            goto done;
        }
        size_t nb = 0;
        for (size_t i = 0; i < plan->n_orgs; i++) {
            struct gen_org *o = &plan->orgs[i];
            if (o->kind != GEN_BRANCH)
                continue;
            branches[nb++] = i;
            double u = gen_rand_unit(&rs);
            uint32_t s = MIN_BRANCH + (uint32_t)((MAX_BRANCH - MIN_BRANCH + 1) * pow(u, k));
            if (s > MAX_BRANCH)
                s = MAX_BRANCH;
            /* The demo's first branch shows every kind of person: room for them. */
            if (p->showcase && nb == 1 && s < 24 && N >= (B - 1) * MIN_BRANCH + 24)
                s = 24;
            o->size = s;
            sum += s;
        }
        while (sum != N) {
            size_t pick = gen_rand_below(&rs, (uint32_t)nb);
            if (p->showcase && pick == 0 && nb > 1)
                continue;
            struct gen_org *o = &plan->orgs[branches[pick]];
            if (sum < N && o->size < MAX_BRANCH)
                o->size++, sum++;
            else if (sum > N && o->size > MIN_BRANCH)
                o->size--, sum--;
        }
        free(branches);
        uint64_t next = 0;
        for (size_t i = 0; i < plan->n_orgs; i++) {
            struct gen_org *o = &plan->orgs[i];
            if (o->kind != GEN_BRANCH)
                continue;
            o->first_person = next;
            next += o->size;
            /* The first branch of every ancestor's subtree. */
            for (int32_t a = (int32_t)i; a >= 0; a = plan->orgs[a].parent)
                if (plan->orgs[a].first_branch < 0)
                    plan->orgs[a].first_branch = (int32_t)i;
        }
        plan->n_persons = next;
    }

done:
    free(c_per_l2);
    free(l2w);
    free(ones);
    free(cw);
    free(c_gb);
    free(c_br);
    free(c_min);
    free(l2_gb);
    free(l2_br);
    free(gbw);
    free(gb_br);
    free(gb_min);
    free(uc.place);
    free(uc.hospital);
    free(uc.edu);
    free(uc.list);
    free(uc.place_off);
    if (bld.err[0]) {
        snprintf(err, errlen, "%s", bld.err);
        gen_plan_free(plan);
        return -1;
    }
    return 0;
}

void gen_plan_free(struct gen_plan *plan)
{
    free(plan->orgs);
    free(plan->units);
    plan->orgs = NULL;
    plan->units = NULL;
    plan->n_orgs = plan->n_units = 0;
}

void gen_org_path(const struct gen_plan *plan, size_t i, char *buf, size_t len)
{
    size_t chain[16], n = 0;
    for (int32_t a = (int32_t)i; a >= 0 && n < 16; a = plan->orgs[a].parent)
        chain[n++] = (size_t)a;
    size_t used = 0;
    buf[0] = '\0';
    while (n > 0 && used + 1 < len) {
        const char *code = plan->orgs[chain[--n]].code;
        if (used > 0)
            buf[used++] = '.';
        for (const char *c = code; *c && used + 1 < len; c++)
            buf[used++] = *c == '.' ? '_' : *c;
        buf[used] = '\0';
    }
}

void gen_org_text(const struct gen_plan *plan, size_t i, int full_members, struct gen_org_text *out)
{
    const struct gen_org *o = &plan->orgs[i];
    memset(out, 0, sizeof *out);
    if (o->kind == GEN_CITY) {
        snprintf(out->name, sizeof out->name, "上海市委");
        snprintf(out->full_name, sizeof out->full_name, "中共上海市委员会");
        snprintf(out->unit_name, sizeof out->unit_name, "上海市");
        return;
    }
    const struct gen_unit *u = &plan->units[o->unit];
    gen_concat(out->unit_name, sizeof out->unit_name, u->unit_name, NULL, NULL, NULL);
    out->nature = u->nature;
    switch (o->kind) {
    case GEN_DISTRICT:
    case GEN_SYSTEM:
    case GEN_COMMITTEE:
        gen_concat(out->name, sizeof out->name, u->name, NULL, NULL, NULL);
        gen_concat(out->full_name, sizeof out->full_name, u->full_name, NULL, NULL, NULL);
        out->category = u->category;
        out->relation = "2";
        return;
    case GEN_GENERAL:
        gen_concat(out->name, sizeof out->name, o->stem, "党总支", NULL, NULL);
        gen_concat(out->full_name, sizeof out->full_name, "中共", u->unit_name, o->stem,
                   "总支部委员会");
        out->category = "621";
        out->relation = o->joint ? "3" : "1";
        return;
    default:
        gen_concat(out->name, sizeof out->name, o->stem, "党支部", NULL, NULL);
        gen_concat(out->full_name, sizeof out->full_name, "中共", u->unit_name, o->stem,
                   full_members >= 7 ? "支部委员会" : "党支部");
        out->category = o->joint ? "632" : "631";
        out->relation = o->joint ? "3" : "1";
        if (o->joint)
            out->nature = "331";
        return;
    }
}

long gen_plan_first_of_kind(const struct gen_plan *plan, enum gen_kind kind)
{
    if (plan->n_orgs == 0)
        return -1;
    long cur = 0;
    static const enum gen_kind chain[] = {GEN_DISTRICT, GEN_COMMITTEE, GEN_GENERAL, GEN_BRANCH};
    if (kind == GEN_CITY)
        return 0;
    for (size_t step = 0; step < 4; step++) {
        long found = -1;
        for (size_t j = (size_t)cur + 1; j < plan->n_orgs; j++) {
            const struct gen_org *o = &plan->orgs[j];
            int k = o->kind == GEN_SYSTEM ? GEN_DISTRICT : o->kind;
            if (o->parent == cur && k == (int)chain[step]) {
                found = (long)j;
                break;
            }
        }
        if (found < 0)
            return -1;
        cur = found;
        if (chain[step] == kind || (kind == GEN_SYSTEM && chain[step] == GEN_DISTRICT))
            return cur;
    }
    return -1;
}

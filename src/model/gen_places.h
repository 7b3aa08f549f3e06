#ifndef DJ_MODEL_GEN_PLACES_H
#define DJ_MODEL_GEN_PLACES_H
/*
 * The generator's geography and units, typed in: Shanghai's 16 districts with
 * their area codes and streets and towns, the large-system committees (大口委办),
 * real universities, hospitals and state groups, the word lists synthetic unit
 * names are made of, and the ID-number area codes (Shanghai's, old ones
 * included, and some of every province) with the native place each stands for.
 * Data only; gen_tree.c and gen_person.c decide how it is used.
 */
#include <stddef.h>
#include <stdint.h>

/* What kind of unit a grass-roots committee is: decides its name, its
 * departments (general branches), its members' work and ages. */
enum gen_sector {
    GEN_SEC_DISTRICT_AGENCY, /* 区级机关工作党委 */
    GEN_SEC_STREET,          /* 街道党工委 (communities) */
    GEN_SEC_TOWN,            /* 镇党委 (villages, communities) */
    GEN_SEC_EDU_BUREAU,      /* 区教育工作党委 (schools) */
    GEN_SEC_HOSPITAL,
    GEN_SEC_UNIVERSITY,
    GEN_SEC_SOE,     /* state groups of 市国资委 */
    GEN_SEC_FINANCE, /* banks, securities, insurance */
    GEN_SEC_COMPANY, /* synthetic enterprises */
    GEN_SEC_RESEARCH,
    GEN_SEC_CULTURE,
    GEN_SEC_SOCIAL,      /* associations: joint branches */
    GEN_SEC_SUBORDINATE, /* units under a city bureau: 执法总队, 信息中心 ... */
    GEN_SEC_CITY_AGENCY, /* the city's agencies, under 市级机关工作党委 */
    GEN_SEC_COUNT
};

/* Industries a synthetic company name draws from. */
enum gen_industry { GEN_IND_MIXED, GEN_IND_MAKING, GEN_IND_BUILDING, GEN_IND_TRADE };

struct gen_district {
    const char *name;          /* 黄浦 */
    const char *full;          /* 上海市黄浦区 (区 included; 浦东新区 has its own) */
    const char *area;          /* 310101 */
    const char *doc;           /* document prefix: 沪黄委 */
    uint32_t weight;           /* share of the city's committees */
    const char *const *places; /* streets (…街道) and towns (…镇), NULL-terminated */
};

struct gen_system {
    const char *name; /* 市教育卫生工作党委 */
    const char *full; /* 中共上海市教育卫生工作委员会 */
    const char *unit; /* 上海市教育卫生工作委员会 */
    const char *doc;  /* 沪教卫党 */
    uint32_t weight;
    enum gen_sector sector; /* of its committees (UNIVERSITY alternates with HOSPITAL) */
    enum gen_industry industry;
};

extern const struct gen_district gen_districts[16];
extern const struct gen_system gen_systems[];
extern const size_t gen_system_count;

/* Lists of names, NULL-terminated. */
extern const char *const gen_universities[];
extern const char *const gen_city_hospitals[];
extern const char *const gen_district_hospitals[]; /* suffixes: 中心医院, 人民医院 ... */
extern const char *const gen_soe_groups[];         /* full unit names */
extern const char *const gen_soe_short[];          /* short names, same order */
extern const char *const gen_finance_units[];
extern const char *const gen_finance_short[];
extern const char *const gen_research_units[];
extern const char *const gen_culture_units[];
extern const char *const gen_social_fields[];     /* 律师 -> 上海市律师协会 */
extern const char *const gen_subordinate_units[]; /* 执法总队, 信息中心 ... */
extern const char *const gen_city_agencies[];     /* 上海市财政局 ... */
extern const char *const gen_brands[];            /* 华信, 申达 ... */
extern const char *const gen_industries[4][32];   /* by enum gen_industry */
extern const char *const gen_roads[];             /* for 居民区, 村, addresses */
extern const char *const gen_other_schools[];     /* universities outside Shanghai */
extern const char *const gen_colleges[];          /* 学院 of a university */
extern const char *const gen_majors[13][8];       /* by discipline 01..13 */

size_t gen_list_len(const char *const *list);

/* ID-number area codes. */
struct gen_area {
    const char *code;   /* 6 digits */
    const char *place;  /* 籍贯 as forms write it: 上海黄浦, 江苏南京 */
    int district;       /* Shanghai district index (gen_districts), or -1 */
    int retired_before; /* a code no longer issued: only births before this year; 0 none */
    uint32_t weight;    /* among the areas outside Shanghai */
};
extern const struct gen_area gen_areas[];
extern const size_t gen_area_count;

#endif

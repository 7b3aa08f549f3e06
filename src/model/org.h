#ifndef DJ_MODEL_ORG_H
#define DJ_MODEL_ORG_H
/*
 * Party organizations as the tree and the details screen show them, filled by
 * src/db/orgs.h.  Display text throughout (kinds and codes by their names,
 * dates YYYY-MM-DD, "" when empty); code and path_key are the stable code
 * (001.031.001) and the tree key the member lists take (see sql/004_org.sql).
 */
#include <stdbool.h>

#include "model/date.h"
#include "model/member.h"

#define DJ_ORG_CODE_BYTES 64
#define DJ_ORG_KEY_BYTES  512

/* One node of the tree. */
struct dj_org_row {
    long long id;
    char code[DJ_ORG_CODE_BYTES];
    char name[DJ_NAME_BYTES];
    char full_name[DJ_LONG_NAME_BYTES];
    char kind[4];                       /* code.org_kind: 1 市委 ... 6 党支部, 7 党小组 */
    char kind_name[DJ_CODE_NAME_BYTES]; /* 党支部 */
    bool dissolved;
    long long parent_id;   /* 0 for the city */
    long long district_id; /* 0 for the city */
    char path_key[DJ_ORG_KEY_BYTES];
    int depth;         /* 1 for the city */
    long long members; /* current party members directly in it (正式, 预备) */
    long long people;  /* every current person directly in it */
    bool has_children;
};

/* The tree's columns: 组织名称 组织代码 类别 党员 人数. */
extern const struct dj_column dj_org_columns[5];

/* Everything the details screen shows. */
struct dj_org_detail {
    long long id;
    int version;
    char code[DJ_ORG_CODE_BYTES];
    char name[DJ_NAME_BYTES];
    char full_name[DJ_LONG_NAME_BYTES];
    char kind[DJ_CODE_NAME_BYTES];
    char category[DJ_CODE_NAME_BYTES];
    char unit_name[DJ_LONG_NAME_BYTES];
    char unit_nature[DJ_CODE_NAME_BYTES];
    char unit_relation[DJ_CODE_NAME_BYTES];
    char founded_on[DJ_DATE_STRLEN];
    char founding_doc[DJ_NAME_BYTES];
    char secretary[DJ_NAME_BYTES];
    char contact[DJ_NAME_BYTES];
    char phone[DJ_SHORT_BYTES];
    char state[DJ_CODE_NAME_BYTES]; /* 正常 / 已撤销 */
    char dissolved_on[DJ_DATE_STRLEN];
    char dissolved_reason[804];
    long long parent_id;
    char parent_name[DJ_NAME_BYTES];
    char district_name[DJ_NAME_BYTES];
    char path_key[DJ_ORG_KEY_BYTES];
    long long district_id;
    long long children; /* active sub-organizations */
    long long members;
    long long people;
};

/* The text fields of the details in screen order (see struct dj_detail_field
 * in member.h; offsets into struct dj_org_detail). */
extern const struct dj_detail_field dj_org_detail_fields[];
extern const size_t dj_org_detail_field_count;

#endif

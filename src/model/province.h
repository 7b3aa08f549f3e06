#ifndef DJ_MODEL_PROVINCE_H
#define DJ_MODEL_PROVINCE_H
/*
 * The province-level divisions of GB/T 2260 (the first two digits of an
 * administrative area code and of a citizen ID number).  Only this level is
 * kept in C, for instant feedback on an ID number: county codes change over
 * time and live in the database's code tables.
 */
#include <stddef.h>

struct dj_province {
    int code;              /* 11 .. 82 */
    const char *name;      /* official name: "北京市", "内蒙古自治区" */
    const char *shortname; /* as in forms and lists: "北京", "内蒙古" */
};

/* The entry for a two-digit code, or NULL when no province has it. */
const struct dj_province *dj_province_find(int code);

/* All provinces in code order; *count receives how many. */
const struct dj_province *dj_province_all(size_t *count);

#endif

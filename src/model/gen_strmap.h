#ifndef DJ_MODEL_GEN_STRMAP_H
#define DJ_MODEL_GEN_STRMAP_H
/*
 * A set of strings numbered in the order they were first added, each with an
 * optional string value: the generator's list of distinct names, whose
 * initials the database computes once per name rather than once per person.
 * Keys and values live in one growing arena (a few bytes over their length
 * each); lookups hash (FNV-1a) into an open-addressed table kept half empty.
 */
#include <stddef.h>

struct gen_strmap;

struct gen_strmap *gen_strmap_new(void);
void gen_strmap_free(struct gen_strmap *m);

/* The number of s, added when new; -1 when out of memory. */
long gen_strmap_add(struct gen_strmap *m, const char *s);

/* The number of s, or -1 when it is not in the set. */
long gen_strmap_find(const struct gen_strmap *m, const char *s);

size_t gen_strmap_count(const struct gen_strmap *m);
const char *gen_strmap_key(const struct gen_strmap *m, long i);

/* Sets entry i's value (a copy; NULL clears it).  0, or -1 out of memory. */
int gen_strmap_set(struct gen_strmap *m, long i, const char *value);
/* Entry i's value, or NULL when none was set. */
const char *gen_strmap_value(const struct gen_strmap *m, long i);

#endif

#include "model/gen_strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct gen_strmap {
    char *arena;
    size_t used, cap;
    size_t *key;   /* arena offset of entry i's key */
    size_t *value; /* arena offset of its value, SIZE_MAX when none */
    size_t n, entries_cap;
    long *slot; /* table of entry numbers, -1 empty */
    size_t slots;
};

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

struct gen_strmap *gen_strmap_new(void)
{
    struct gen_strmap *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    m->slots = 1024;
    m->slot = malloc(m->slots * sizeof *m->slot);
    if (m->slot == NULL) {
        free(m);
        return NULL;
    }
    memset(m->slot, 0xff, m->slots * sizeof *m->slot);
    return m;
}

void gen_strmap_free(struct gen_strmap *m)
{
    if (m == NULL)
        return;
    free(m->arena);
    free(m->key);
    free(m->value);
    free(m->slot);
    free(m);
}

static size_t store(struct gen_strmap *m, const char *s)
{
    size_t len = strlen(s) + 1;
    if (m->used + len > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 65536;
        while (cap < m->used + len)
            cap *= 2;
        char *a = realloc(m->arena, cap);
        if (a == NULL)
            return SIZE_MAX;
        m->arena = a;
        m->cap = cap;
    }
    memcpy(m->arena + m->used, s, len);
    m->used += len;
    return m->used - len;
}

static long lookup(const struct gen_strmap *m, const char *s, size_t *where)
{
    size_t mask = m->slots - 1, i = (size_t)fnv1a(s) & mask;
    while (m->slot[i] >= 0) {
        if (strcmp(m->arena + m->key[m->slot[i]], s) == 0) {
            *where = i;
            return m->slot[i];
        }
        i = (i + 1) & mask;
    }
    *where = i;
    return -1;
}

static int grow_table(struct gen_strmap *m)
{
    size_t slots = m->slots * 2;
    long *t = malloc(slots * sizeof *t);
    if (t == NULL)
        return -1;
    memset(t, 0xff, slots * sizeof *t);
    for (size_t e = 0; e < m->n; e++) {
        size_t i = (size_t)fnv1a(m->arena + m->key[e]) & (slots - 1);
        while (t[i] >= 0)
            i = (i + 1) & (slots - 1);
        t[i] = (long)e;
    }
    free(m->slot);
    m->slot = t;
    m->slots = slots;
    return 0;
}

long gen_strmap_add(struct gen_strmap *m, const char *s)
{
    size_t where;
    long found = lookup(m, s, &where);
    if (found >= 0)
        return found;
    if (m->n == m->entries_cap) {
        size_t cap = m->entries_cap ? m->entries_cap * 2 : 4096;
        size_t *k = realloc(m->key, cap * sizeof *k);
        if (k == NULL)
            return -1;
        m->key = k;
        size_t *v = realloc(m->value, cap * sizeof *v);
        if (v == NULL)
            return -1;
        m->value = v;
        m->entries_cap = cap;
    }
    size_t off = store(m, s);
    if (off == SIZE_MAX)
        return -1;
    m->key[m->n] = off;
    m->value[m->n] = SIZE_MAX;
    m->slot[where] = (long)m->n;
    m->n++;
    if (m->n * 2 > m->slots && grow_table(m) != 0)
        return -1;
    return (long)(m->n - 1);
}

long gen_strmap_find(const struct gen_strmap *m, const char *s)
{
    size_t where;
    return lookup(m, s, &where);
}

size_t gen_strmap_count(const struct gen_strmap *m)
{
    return m->n;
}

const char *gen_strmap_key(const struct gen_strmap *m, long i)
{
    return i >= 0 && (size_t)i < m->n ? m->arena + m->key[i] : NULL;
}

int gen_strmap_set(struct gen_strmap *m, long i, const char *value)
{
    if (i < 0 || (size_t)i >= m->n)
        return -1;
    if (value == NULL) {
        m->value[i] = SIZE_MAX;
        return 0;
    }
    size_t off = store(m, value);
    if (off == SIZE_MAX)
        return -1;
    m->value[i] = off;
    return 0;
}

const char *gen_strmap_value(const struct gen_strmap *m, long i)
{
    if (i < 0 || (size_t)i >= m->n || m->value[i] == SIZE_MAX)
        return NULL;
    return m->arena + m->value[i];
}

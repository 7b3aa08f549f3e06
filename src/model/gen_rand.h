#ifndef DJ_MODEL_GEN_RAND_H
#define DJ_MODEL_GEN_RAND_H
/*
 * The generator's own random numbers: xoshiro256** seeded through splitmix64,
 * so a seed gives the same sequence on every machine and libc (rand() would
 * not).  Every record is drawn from its own stream, keyed by (seed, stream,
 * index): a person can be drawn again, alone, for each table the generator
 * writes, without holding anyone in memory.  Integer arithmetic only, except
 * gen_rand_unit (a double in [0, 1), exact from 53 bits).
 */
#include <stddef.h>
#include <stdint.h>

struct gen_rand {
    uint64_t s[4];
};

/* The stream for (seed, stream, index). */
void gen_rand_init(struct gen_rand *r, uint64_t seed, uint64_t stream, uint64_t index);

uint64_t gen_rand_next(struct gen_rand *r);

/* Uniform in [0, n); n > 0 (Lemire's method, unbiased). */
uint32_t gen_rand_below(struct gen_rand *r, uint32_t n);

/* Uniform in [lo, hi] (lo <= hi). */
int gen_rand_range(struct gen_rand *r, int lo, int hi);

/* True with probability per_mille / 1000. */
int gen_rand_chance(struct gen_rand *r, unsigned per_mille);

double gen_rand_unit(struct gen_rand *r);

/* An index into weights[0..n-1] drawn with probability proportional to the
 * weight (non-negative integers, not all zero).  Linear: for short tables. */
size_t gen_rand_weighted(struct gen_rand *r, const uint32_t *weights, size_t n);

/* The same from a table of running totals (cum[i] = w[0] + ... + w[i]), by
 * binary search: for long tables. */
size_t gen_rand_cumulative(struct gen_rand *r, const uint32_t *cum, size_t n);

#endif

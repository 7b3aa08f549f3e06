#include "model/gen_rand.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void gen_rand_init(struct gen_rand *r, uint64_t seed, uint64_t stream, uint64_t index)
{
    /* Three rounds of mixing keep neighbouring keys (index i and i+1) apart. */
    uint64_t x = seed;
    uint64_t k = splitmix64(&x) ^ (stream * 0xD1B54A32D192ED03ull);
    x = k;
    k = splitmix64(&x) ^ (index * 0x8CB92BA72F3D8DD7ull);
    x = k;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

uint64_t gen_rand_next(struct gen_rand *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t gen_rand_below(struct gen_rand *r, uint32_t n)
{
    uint32_t x = (uint32_t)(gen_rand_next(r) >> 32);
    uint64_t m = (uint64_t)x * n;
    uint32_t l = (uint32_t)m;
    if (l < n) {
        uint32_t t = -n % n;
        while (l < t) {
            x = (uint32_t)(gen_rand_next(r) >> 32);
            m = (uint64_t)x * n;
            l = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

int gen_rand_range(struct gen_rand *r, int lo, int hi)
{
    return lo + (int)gen_rand_below(r, (uint32_t)(hi - lo) + 1u);
}

int gen_rand_chance(struct gen_rand *r, unsigned per_mille)
{
    return gen_rand_below(r, 1000) < per_mille;
}

double gen_rand_unit(struct gen_rand *r)
{
    return (double)(gen_rand_next(r) >> 11) * 0x1.0p-53;
}

size_t gen_rand_weighted(struct gen_rand *r, const uint32_t *weights, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += weights[i];
    uint64_t x = gen_rand_next(r) % total;
    for (size_t i = 0; i < n; i++) {
        if (x < weights[i])
            return i;
        x -= weights[i];
    }
    return n - 1;
}

size_t gen_rand_cumulative(struct gen_rand *r, const uint32_t *cum, size_t n)
{
    uint32_t x = gen_rand_below(r, cum[n - 1]);
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

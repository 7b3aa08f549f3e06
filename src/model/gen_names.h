#ifndef DJ_MODEL_GEN_NAMES_H
#define DJ_MODEL_GEN_NAMES_H
/*
 * Chinese personal names for generated people.  Surnames are drawn by their
 * real frequency (王 李 张 about 7% each, the common hundred, and rare
 * two-character ones such as 欧阳 and 诸葛); given names have one or two
 * characters, with the names and the share of one-character names of the
 * person's generation (秀英 and 建国 for the old, 子涵 and 浩然 for the young),
 * so that duplicates such as 张伟 occur about as often as in life.  Sex only
 * steers the choice of characters, as in life.
 */
#include <stddef.h>

#include "model/gen_rand.h"

#define GEN_NAME_MAX 32 /* bytes, NUL included: at most 4 characters */

/* A surname drawn by frequency. */
const char *gen_surname(struct gen_rand *r);

/* A given name for sex (1 男, 2 女) and birth year, into buf. */
void gen_given_name(struct gen_rand *r, int sex, int birth_year, char *buf, size_t len);

/* Surname and given name together. */
void gen_name(struct gen_rand *r, int sex, int birth_year, char buf[GEN_NAME_MAX]);

/* The share of people the table gives this surname, in parts per 100,000
 * (0 when it is not in the table): what a sample should come close to. */
unsigned gen_surname_weight(const char *surname);

#endif

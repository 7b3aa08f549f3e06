#ifndef DJ_MODEL_MONEY_H
#define DJ_MODEL_MONEY_H
/*
 * Money is kept in fen (1 yuan = 100 fen) as a 64-bit integer, never in
 * floating point.  Clerks type yuan: "12.34", "12", "0.5" (".5" too); more
 * than two decimals, a sign, grouping commas and anything past the 64-bit
 * range are refused with a Chinese message naming the field.
 */
#include <stddef.h>
#include <stdint.h>

#define DJ_MONEY_STRLEN 24 /* "-92233720368547758.08" and its NUL, with room */

/* Parses yuan text (surrounding spaces ignored) into fen.  Returns 0, or -1
 * with msg (may be NULL) saying what is wrong; label NULL means "金额". */
int dj_money_parse(const char *label, const char *s, int64_t *fen, char *msg, size_t msglen);

/* Writes fen as yuan with two decimals ("12.34", "0.05", "-1.50"); returns buf. */
char *dj_money_format(int64_t fen, char buf[DJ_MONEY_STRLEN]);

#endif

#ifndef DJ_MODEL_CITIZEN_ID_H
#define DJ_MODEL_CITIZEN_ID_H
/*
 * The citizen ID number of GB 11643: 6-digit area code, YYYYMMDD birth date,
 * 3-digit sequence (odd for men), check character.  dj_id_check says which
 * part of a typed number is wrong, in Chinese, and parses a good one.  The
 * manual's "#" (number truly unknown) is accepted as DJ_ID_UNKNOWN.  Only the
 * province (first two digits) is checked against GB/T 2260: county codes
 * change over time, so an unknown county is not an error.  The birth date is
 * judged against the "today" the caller passes, so results are reproducible.
 */
#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"

enum dj_id_result {
    DJ_ID_OK = 0,
    DJ_ID_UNKNOWN,      /* "#": accepted, the number is not known */
    DJ_ID_EMPTY,        /* nothing typed */
    DJ_ID_OLD_15,       /* a 15-digit number of the old kind */
    DJ_ID_BAD_LENGTH,   /* not 18 characters */
    DJ_ID_BAD_CHAR,     /* a non-digit in the first 17, or an 18th that is not 0-9/X */
    DJ_ID_BAD_PROVINCE, /* first two digits are no province */
    DJ_ID_BAD_DATE,     /* digits 7-14 are no date, or before 1900 */
    DJ_ID_FUTURE_DATE,  /* birth date after today */
    DJ_ID_BAD_CHECK,    /* check character does not match the first 17 digits */
};

#define DJ_ID_MIN_BIRTH_YEAR 1900
#define DJ_ID_MSGLEN         256 /* enough for every message below */

struct dj_id {
    char number[19];      /* 18 characters, upper-case X; "#" when unknown; "" when bad */
    struct dj_date birth; /* from digits 7-14 */
    int sex;              /* GB/T 2261.1: 1 男 (odd sequence), 2 女 (even), 0 unknown */
    int province;         /* first two digits, e.g. 31 */
    char area[7];         /* the six-digit area code, e.g. "310105" */
};

/* Checks a typed number (surrounding blanks ignored) on the date today.
 * Returns the first failing check in this order: empty, "#", 15 digits,
 * length, characters, province, birth date, check character.  msg (may be
 * NULL) gets a Chinese message for every result except DJ_ID_OK; for
 * DJ_ID_BAD_CHECK it names the expected check character.  out (may be NULL)
 * is filled when the result is DJ_ID_OK or DJ_ID_UNKNOWN, and zeroed
 * (number "") otherwise. */
enum dj_id_result dj_id_check(const char *input, struct dj_date today, struct dj_id *out, char *msg,
                              size_t msglen);

/* True for the results a form may save: DJ_ID_OK and DJ_ID_UNKNOWN. */
bool dj_id_accepted(enum dj_id_result r);

/* The check character ('0'..'9' or 'X') for the first 17 characters of s,
 * or '\0' when they are not 17 digits. */
char dj_id_check_char(const char *s);

/* The 18-digit number for an old 15-digit one (birth year 19YY, check
 * character appended), as GB 11643 converts it.  Returns 0, or -1 when s is
 * not 15 digits. */
int dj_id_upgrade15(const char *s, char out[19]);

/* What dj_id_match_record found; the flags combine. */
enum {
    DJ_ID_MATCH_OK = 0,
    DJ_ID_MISMATCH_BIRTH = 1,
    DJ_ID_MISMATCH_SEX = 2,
};

/* Compares a checked number (from dj_id_check with DJ_ID_OK) with a record's
 * birth date and sex (GB/T 2261.1 code; 0 未知 and 9 未说明 are not compared,
 * nor is a birth date that is not a valid date, i.e. not filled in).
 * An unknown number ("#") agrees with everything.  Returns the mismatch flags;
 * msg (may be NULL) says which field disagrees and what the number says. */
int dj_id_match_record(const struct dj_id *id, struct dj_date birth, int sex, char *msg,
                       size_t msglen);

#endif

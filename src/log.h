#ifndef DJ_LOG_H
#define DJ_LOG_H
/*
 * The internal log: full libpq errors, SQL text, timings.  Nothing here is
 * meant for a clerk's screen.  One process-wide file, opened once from the
 * configuration's log_file; every line carries a timestamp and the pid.
 * With no log file open, dj_log does nothing.  Never log passwords or the
 * values of query parameters (they hold personal data).
 */
#include <stddef.h>

/* Opens (creates with mode 0600, appends to) the log file.  NULL or "" closes
 * any open log and leaves logging off.  Returns 0, or -1 with a Chinese
 * message in err. */
int dj_log_open(const char *path, char *err, size_t errlen);

void dj_log_close(void);

/* Appends one entry (a trailing newline is added when missing). */
void dj_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

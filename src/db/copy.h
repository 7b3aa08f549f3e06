#ifndef DJ_DB_COPY_H
#define DJ_DB_COPY_H
/*
 * COPY ... FROM STDIN in text format, streamed: rows are built field by field
 * into a buffer that goes to the server (PQputCopyData) whenever it holds
 * DJ_COPY_CHUNK bytes, so a load of millions of rows needs no more memory
 * than one chunk.  The end (PQputCopyEnd, then every PQgetResult) passes the
 * one result funnel (dj_db_check), so a refused row is reported like any
 * other server error, in Chinese, with the details in the log.
 *
 *   struct dj_copy *c = dj_copy_begin(db, "COPY app.x (a, b) FROM STDIN", &err);
 *   dj_copy_int(c, 1); dj_copy_text(c, "张伟"); dj_copy_row(c, &err);  ... repeat
 *   dj_copy_end(c, &rows, &err);      (or dj_copy_abort(c) on the way out)
 *
 * Text is escaped as COPY's text format needs (backslash, tab, newline, CR);
 * a NULL string is SQL NULL.  The sql passed to dj_copy_begin is the caller's
 * own constant text, never user input.
 */
#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "model/date.h"

#define DJ_COPY_CHUNK (256 * 1024)

struct dj_copy;

/* Starts the COPY.  Returns the stream, or NULL with err filled. */
struct dj_copy *dj_copy_begin(struct dj_db *db, const char *sql, struct dj_db_error *err);

/* The next field of the current row. */
void dj_copy_text(struct dj_copy *c, const char *s); /* NULL -> SQL NULL */
void dj_copy_int(struct dj_copy *c, int64_t v);
void dj_copy_date(struct dj_copy *c, struct dj_date d); /* y == 0 -> SQL NULL */
void dj_copy_bool(struct dj_copy *c, bool v);
void dj_copy_null(struct dj_copy *c);

/* Ends the current row; sends a full chunk.  0, or -1 with err (the stream
 * must then be given to dj_copy_abort). */
int dj_copy_row(struct dj_copy *c, struct dj_db_error *err);

/* Sends the rest, ends the COPY and frees the stream.  rows (may be NULL) gets
 * the count the server reports.  0, or -1 with err. */
int dj_copy_end(struct dj_copy *c, int64_t *rows, struct dj_db_error *err);

/* Ends the COPY as failed (the server discards its rows) and frees the
 * stream; safe with NULL. */
void dj_copy_abort(struct dj_copy *c);

#endif

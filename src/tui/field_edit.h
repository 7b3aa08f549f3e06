#ifndef DJ_TUI_FIELD_EDIT_H
#define DJ_TUI_FIELD_EDIT_H
/*
 * A text field being typed into: UTF-8 text edited a character at a time,
 * never a byte at a time (calcurse's getstring.c, dialog's inputstr.c).  For
 * every character it keeps the byte offset where it starts and the display
 * column where it starts (CJK counting two, widths as width.h measures them),
 * so the cursor, deleting and horizontal scrolling never cut a character in
 * two.  The limit is in characters, as varchar(n) counts them.
 *
 * Plain libc and no curses: the view functions produce the visible text and
 * the cursor's column, and the caller draws them (form.c, list.c).
 * A multi-line editor keeps line feeds in its text; its view wraps lines at
 * the field's width, again only between characters.
 */
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/actions.h"
#include "tui/keys.h"

struct tui_edit {
    char *buf;       /* the text, NUL-terminated; never NULL after init */
    size_t len, cap; /* bytes used (without the NUL), allocated */
    int *off;        /* off[i]: byte offset of character i; off[n] == len */
    int *col;        /* col[i]: column where character i starts; col[n]: width */
    int n, ncap;     /* characters; room in off and col (n + 1 <= ncap) */
    int cur;         /* the cursor: before character cur (0..n) */
    int scroll;      /* one-line view: first character shown */
    int top;         /* multi-line view: first visual line shown */
    int max_chars;   /* the input limit in characters; 0 for none */
    bool multiline;  /* Enter inserts a line feed */
    bool changed;    /* edited since init, tui_edit_set or tui_edit_mark_clean */
};

/* What an edit or key did. */
enum tui_edit_result {
    TUI_EDIT_IGNORED = 0, /* not a key for the editor */
    TUI_EDIT_MOVED,       /* the cursor moved; the text is unchanged */
    TUI_EDIT_CHANGED,     /* the text changed */
    TUI_EDIT_FULL,        /* refused: the limit of max_chars characters is reached */
    TUI_EDIT_REFUSED,     /* refused: a control character, or out of memory */
};

/* Returns 0, or -1 when out of memory (e is then still safe to free). */
int tui_edit_init(struct tui_edit *e, int max_chars, bool multiline);
void tui_edit_free(struct tui_edit *e);

/* Replaces the text (cut at max_chars characters; control characters other
 * than a multi-line field's line feeds, and invalid bytes, become '?'),
 * puts the cursor at its end and clears `changed`.  Returns 0 or -1. */
int tui_edit_set(struct tui_edit *e, const char *s);

static inline const char *tui_edit_text(const struct tui_edit *e)
{
    return e->buf;
}

/* Inserts one character at the cursor and moves past it. */
enum tui_edit_result tui_edit_insert(struct tui_edit *e, wchar_t wc);

/* Deletes the character before the cursor (Backspace) or at it (Delete). */
enum tui_edit_result tui_edit_backspace(struct tui_edit *e);
enum tui_edit_result tui_edit_delete(struct tui_edit *e);
enum tui_edit_result tui_edit_clear(struct tui_edit *e);

/* Moves the cursor to character index i (clamped to 0..n). */
enum tui_edit_result tui_edit_move_to(struct tui_edit *e, int i);

/* One key: a printable character is inserted whatever action it is bound to
 * (Space and '/' are text here); Enter inserts a line feed only in a
 * multi-line field; Backspace (also DEL and Ctrl-H), Delete, Left, Right,
 * Home, End and Ctrl-U (clear) edit or move.  Anything else is IGNORED. */
enum tui_edit_result tui_edit_key(struct tui_edit *e, enum tui_action a, const struct tui_key *k);

/* True when k is a character the editor would insert as text. */
bool tui_edit_is_text_key(const struct tui_key *k);

/* The display column of the cursor from the start of the text. */
static inline int tui_edit_cursor_col(const struct tui_edit *e)
{
    return e->col[e->cur];
}

/* One-line view `width` columns wide: scrolls so that the cursor (and the
 * whole character under it) is visible, then writes the visible characters
 * into out, padded with spaces to exactly width columns.  A character that
 * would cross either edge is not shown (a space stands in at the right).
 * *cursor_x gets the cursor's column within the view, *cursor_w the width of
 * the character under it (1 at the end of the text).  Returns e->scroll. */
int tui_edit_view(struct tui_edit *e, int width, char *out, size_t outsz, int *cursor_x,
                  int *cursor_w);

/* Multi-line layout: the character index where each visual line starts when
 * the text is wrapped at width columns (a line feed ends a line; a character
 * that would cross the edge starts the next one).  Writes at most max starts
 * into starts and returns the total number of visual lines (>= 1). */
int tui_edit_wrap(const struct tui_edit *e, int width, int *starts, int max);

/* Multi-line view of `rows` lines: scrolls e->top so the cursor's line is
 * shown, and for each shown line i writes its text (padded to width) into
 * lines + i * linesz.  *cursor_y / *cursor_x get the cursor's place in the
 * view.  Returns the number of visual lines in the whole text. */
int tui_edit_view_lines(struct tui_edit *e, int width, int rows, char *lines, size_t linesz,
                        int *cursor_y, int *cursor_x);

/* Forgets that the text was edited (after loading or saving it). */
static inline void tui_edit_mark_clean(struct tui_edit *e)
{
    e->changed = false;
}

#endif

#ifndef DJ_TUI_WIDTH_H
#define DJ_TUI_WIDTH_H
/*
 * Text measured in display columns.  Every string the UI draws passes through
 * here first, so a CJK character always counts two columns, a wide character is
 * never cut in half, and no control character or invalid UTF-8 reaches the
 * terminal.  Plain libc (mbrtowc, wcwidth): usable and testable without curses,
 * but it needs a UTF-8 LC_CTYPE, as the terminal does (tui_run checks that).
 *
 * "Unsafe" characters are replaced by '?' (one column): C0/C1 controls, DEL,
 * bytes that are not valid UTF-8, characters wcwidth calls non-printable, and
 * the bidirectional overrides that would reorder what the clerk sees.
 * Widths everywhere are those of the sanitized text.
 *
 * Output buffers are always NUL-terminated when dstsz > 0; a result that would
 * not fit in dstsz bytes is cut at a character boundary.
 */
#include <stdbool.h>
#include <stddef.h>

/* The mark put at the end of truncated text (U+2026, one column). */
#define TUI_WIDTH_ELLIPSIS "…"

/* Display width of the first len bytes of s (or up to NUL, whichever is first). */
int tui_width_n(const char *s, size_t len);

/* Display width of the NUL-terminated string s; 0 for NULL. */
int tui_width(const char *s);

/* Writes into dst the sanitized s cut to at most cols columns, never splitting
 * a character.  If s is wider than cols and mark is true, the result ends in
 * TUI_WIDTH_ELLIPSIS and the text is cut earlier to leave it room.
 * Returns the display width written. */
int tui_width_truncate(char *dst, size_t dstsz, const char *s, int cols, bool mark);

/* Like tui_width_truncate, then pads with spaces to exactly cols columns (a cut
 * that lands in the middle of a wide character leaves a space instead).
 * Returns the display width written (cols unless dst is too small). */
int tui_width_pad(char *dst, size_t dstsz, const char *s, int cols, bool mark);

/* Copies s into dst with every unsafe character replaced by '?'.
 * Returns the number of bytes written (not counting the NUL). */
size_t tui_width_sanitize(char *dst, size_t dstsz, const char *s);

/* Decodes one character of s (at most len bytes) as it will be drawn.
 * *wc gets the character ('?' for an unsafe one), *cols its width (0 for a
 * combining mark).  Returns the number of bytes consumed (>= 1), or 0 at the
 * end of the string. */
size_t tui_width_next(const char *s, size_t len, wchar_t *wc, int *cols);

#endif

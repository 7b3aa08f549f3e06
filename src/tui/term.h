#ifndef DJ_TUI_TERM_H
#define DJ_TUI_TERM_H
/*
 * Taking over the terminal and giving it back.  Interactive: the tty on
 * stdin/stdout, raw keys (Ctrl-C and Ctrl-S arrive as keys instead of
 * killing or freezing the program), no echo, keypad, hidden cursor.  Script
 * mode: a virtual terminal writing to /dev/null (see script.h), so no tty is
 * needed.  tui_term_close always restores the terminal (endwin).
 */
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

struct tui_term {
    SCREEN *screen;
    FILE *out, *in; /* script mode's /dev/null streams */
    bool script;
};

/* Fails (-1, a Chinese and English message in err) unless LC_CTYPE, after
 * setlocale(LC_ALL, ""), is UTF-8: anything else would draw garbage. */
int tui_term_check_locale(char *err, size_t errlen);

/* Returns 0, or -1 with a message in err (the terminal untouched). */
int tui_term_open(struct tui_term *t, bool script, char *err, size_t errlen);

/* Script mode: resizes the virtual terminal.  Returns 0 or -1. */
int tui_term_resize(struct tui_term *t, int cols, int rows);

void tui_term_close(struct tui_term *t);

#endif

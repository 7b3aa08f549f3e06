#ifndef DJ_TUI_INPUT_H
#define DJ_TUI_INPUT_H
/*
 * Where the loop's events come from: the keyboard (wget_wch, with KEY_RESIZE
 * turned into a resize event), or a script file in script mode (script.h).
 */
#include <stdbool.h>
#include <stddef.h>

#include "tui/keys.h"

enum tui_event_kind {
    TUI_EV_KEY,         /* key */
    TUI_EV_RESIZE,      /* the terminal changed size; LINES and COLS are current */
    TUI_EV_SET_SIZE,    /* script: resize the virtual terminal to cols x rows */
    TUI_EV_SAVE_SCREEN, /* script: write the screen's text to path */
    TUI_EV_SAVE_STATS,  /* script: write the shown list's fetch counters to path */
    TUI_EV_WAIT,        /* script: wait until the screen is idle */
    TUI_EV_END,         /* no more input: the script ended or the terminal went away */
    TUI_EV_ERROR,       /* error holds a message naming the script line */
};

struct tui_event {
    enum tui_event_kind kind;
    struct tui_key key;
    int cols, rows;
    char path[1024];
    char error[1024];
};

struct tui_script;

struct tui_input {
    struct tui_script *script; /* NULL: the keyboard */
};

/* script_path NULL reads the keyboard.  Returns 0, or -1 with a message. */
int tui_input_open(struct tui_input *in, const char *script_path, char *err, size_t errlen);

/* Blocks for the next event. */
void tui_input_next(struct tui_input *in, struct tui_event *ev);

void tui_input_close(struct tui_input *in);

#endif

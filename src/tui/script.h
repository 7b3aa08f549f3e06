#ifndef DJ_TUI_SCRIPT_H
#define DJ_TUI_SCRIPT_H
/*
 * Script mode, for tests (tig's TIG_SCRIPT): with DANGJIAN_SCRIPT=FILE the keys
 * come from FILE instead of the keyboard, the screen is a virtual terminal
 * (output to /dev/null, TERM $DANGJIAN_SCRIPT_TERM or xterm-256color, size
 * $DANGJIAN_SCRIPT_SIZE or 80x24), and no tty is needed.  When the file ends
 * the program exits 0; a line it cannot read makes it exit 1 naming the line.
 *
 * The file, line by line (UTF-8; a trailing CR is ignored):
 *   # text                 a comment; empty lines are ignored too
 *   :save-screen PATH      write the screen as the clerk sees it to PATH: one
 *                          line per row, a wide character once, trailing
 *                          spaces trimmed, box lines as │ ─ and corners
 *   :save-stats PATH       write the fetch counters of the list on screen to
 *                          PATH, one "name value" line each (pager.h's
 *                          struct tui_pager_stats); fails
 *                          when no list is shown
 *   :resize COLSxROWS      resize the terminal (e.g. :resize 60x20), as when
 *                          the clerk resizes the window
 *   :wait                  wait until the screen is idle.  Every key is
 *                          handled and drawn before the next line is read,
 *                          so today this only marks the place in the script
 *   anything else          keys, typed in order: UTF-8 text as it is, and
 *                          <Name> for a special key.  The line's end is not a
 *                          key: write <Enter>.
 * Key names (case does not matter): <Enter> <Esc> <Tab> <BTab> <Space>
 * <Backspace> <Del> <Ins> <Up> <Down> <Left> <Right> <PgUp> <PgDn> <Home>
 * <End> <F1> .. <F24>, <C-a> .. <C-z> for Ctrl+letter, <Lt> for a literal '<'.
 * A key line that starts with ':' or '#' must write that character as
 * <Colon> or <Hash>.
 *
 * Example:
 *   <Down><Down><Enter>
 *   :save-screen /tmp/screen.txt
 *   <F10>
 */
#include <stddef.h>

#include "tui/input.h"

struct tui_script;

/* Opens the script; NULL with a message in err on failure. */
struct tui_script *tui_script_open(const char *path, char *err, size_t errlen);

/* The next event; TUI_EV_END at the end of the file. */
void tui_script_next(struct tui_script *sc, struct tui_event *ev);

void tui_script_close(struct tui_script *sc);

/* Parses "COLSxROWS" (each 1..9999); returns 0 or -1. */
int tui_script_parse_size(const char *s, int *cols, int *rows);

#endif

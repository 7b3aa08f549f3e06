#include "tui/input.h"

#include <curses.h>
#include <errno.h>
#include <string.h>

#include "tui/script.h"

int tui_input_open(struct tui_input *in, const char *script_path, char *err, size_t errlen)
{
    in->script = NULL;
    if (script_path == NULL)
        return 0;
    in->script = tui_script_open(script_path, err, errlen);
    return in->script ? 0 : -1;
}

void tui_input_close(struct tui_input *in)
{
    tui_script_close(in->script);
    in->script = NULL;
}

void tui_input_next(struct tui_input *in, struct tui_event *ev)
{
    if (in->script) {
        tui_script_next(in->script, ev);
        return;
    }
    memset(ev, 0, sizeof *ev);
    /* An interrupted read is retried; repeated errors mean the terminal is gone
     * (the SSH session dropped), and the program ends as if the clerk quit. */
    for (int errs = 0; errs < 8;) {
        wint_t wc;
        errno = 0;
        int r = wget_wch(stdscr, &wc);
        if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
            ev->kind = TUI_EV_RESIZE;
            return;
        }
        if (r == KEY_CODE_YES || r == OK) {
            ev->kind = TUI_EV_KEY;
            ev->key.kind = r == KEY_CODE_YES ? TUI_KEY_FN : TUI_KEY_CHAR;
            ev->key.code = (int)wc;
            return;
        }
        if (errno != EINTR)
            errs++;
    }
    ev->kind = TUI_EV_END;
}

#include "tui/member_actions.h"

#include <stddef.h>

static const struct tui_member_action *const tables[] = {tui_member_actions_record,
                                                         tui_member_actions_dev};
#define NTABLES ((int)(sizeof tables / sizeof tables[0]))

const struct tui_member_action *tui_member_action_find(enum tui_action action, unsigned list)
{
    for (int t = 0; t < NTABLES; t++)
        for (const struct tui_member_action *a = tables[t]; a->action != TUI_A_NONE; a++)
            if (a->action == action && (a->lists & list))
                return a;
    return NULL;
}

int tui_member_action_hints(unsigned list, enum tui_action *out, int max)
{
    int n = 0;
    for (int t = 0; t < NTABLES; t++)
        for (const struct tui_member_action *a = tables[t]; a->action != TUI_A_NONE; a++)
            if ((a->lists & list) && n < max - 1)
                out[n++] = a->action;
    if (max > 0)
        out[n] = TUI_A_NONE;
    return n;
}

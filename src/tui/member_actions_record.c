#include "tui/member_actions.h"

const struct tui_member_action tui_member_actions_record[] = {
    {TUI_A_NONE, 0, false, NULL},
};

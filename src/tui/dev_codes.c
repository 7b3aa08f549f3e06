/* The code tables a development form picks from, read once per form
 * (contract: dev_screens.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/code_list.h"
#include "tui/dev_screens.h"
#include "tui/session.h"

static struct tui_dev_code_kind *find(struct tui_dev_codes *c, const char *kind)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->kinds[i].kind, kind) == 0)
            return &c->kinds[i];
    return NULL;
}

const struct tui_code_table *tui_dev_codes_get(struct tui_dev_codes *c, const char *kind)
{
    struct tui_dev_code_kind *k = find(c, kind);
    if (k)
        return &k->table;
    if (c->n == TUI_DEV_CODE_KINDS)
        return NULL;
    struct dj_code_list list = {0};
    struct dj_db_error e;
    if (dj_code_list_load(tui_session_db(), kind, &list, &e) < 0) {
        char msg[256];
        tui_session_fail(&e, msg, sizeof msg);
        tui_session_note(msg, true);
        return NULL;
    }
    size_t n = list.n;
    struct tui_code_item *items = n > 0 ? calloc(n, sizeof *items) : NULL;
    if (n > 0 && items == NULL) {
        dj_code_list_free(&list);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        items[i] = (struct tui_code_item){list.rows[i].code, list.rows[i].name};
    k = &c->kinds[c->n++];
    snprintf(k->kind, sizeof k->kind, "%s", kind);
    k->list = list;
    k->items = items;
    k->table = (struct tui_code_table){items, n};
    return &k->table;
}

void tui_dev_codes_free(struct tui_dev_codes *c)
{
    for (int i = 0; i < c->n; i++) {
        dj_code_list_free(&c->kinds[i].list);
        free(c->kinds[i].items);
    }
    c->n = 0;
}

/*
 * The pickers' code tables for the member's screens (contract:
 * record_screens.h): the kinds of code.all_codes through db/code_list.h, a
 * few fixed lists of this program, and the organizations of the clerk's
 * scope (db/code_list.h again; the id is their code here), each loaded once
 * when a form first needs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/code_list.h"
#include "tui/record_screens.h"
#include "tui/session.h"

#define ORG_MAX 20000 /* a city's organizations, with room to spare */

struct fixed {
    const char *kind;
    const struct tui_code_item *items;
    size_t n;
};

static const struct tui_code_item member_stage[] = {{"4", "预备党员"}, {"5", "正式党员"}};

static const struct fixed fixed[] = {
    {"member_stage", member_stage, sizeof member_stage / sizeof member_stage[0]},
};

/* Moves rows of (code, name) into k: one block of text, items pointing in. */
static int keep(struct rec_code_kind *k, size_t n, const char *const *codes,
                const char *const *names)
{
    size_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        bytes += strlen(codes[i]) + strlen(names[i]) + 2;
    k->items = calloc(n > 0 ? n : 1, sizeof *k->items);
    k->text = malloc(bytes > 0 ? bytes : 1);
    if (k->items == NULL || k->text == NULL)
        return -1;
    char *p = k->text;
    for (size_t i = 0; i < n; i++) {
        size_t lc = strlen(codes[i]) + 1, ln = strlen(names[i]) + 1;
        memcpy(p, codes[i], lc);
        k->items[i].code = p;
        p += lc;
        memcpy(p, names[i], ln);
        k->items[i].name = p;
        p += ln;
    }
    k->table.items = k->items;
    k->table.n = n;
    return 0;
}

static int load_codes(struct rec_codes *c, struct rec_code_kind *k)
{
    struct dj_code_list l;
    struct dj_db_error e;
    if (dj_code_list_load(tui_session_db(), k->kind, &l, &e) < 0) {
        tui_session_fail(&e, c->error, sizeof c->error);
        return -1;
    }
    const char **codes = calloc(l.n + 1, sizeof *codes);
    const char **names = calloc(l.n + 1, sizeof *names);
    int rc = -1;
    if (codes && names) {
        for (size_t i = 0; i < l.n; i++) {
            codes[i] = l.rows[i].code;
            names[i] = l.rows[i].name;
        }
        rc = keep(k, l.n, codes, names);
    }
    free(codes);
    free(names);
    dj_code_list_free(&l);
    if (rc < 0)
        snprintf(c->error, sizeof c->error, "内存不足，无法读取代码表");
    return rc;
}

/* "t=全日制;f=在职": the list written in the kind itself. */
static int load_choices(struct rec_codes *c, struct rec_code_kind *k)
{
    char *copy = strdup(k->kind);
    size_t n = 1;
    for (const char *p = k->kind; *p; p++)
        n += *p == ';';
    const char **codes = calloc(n, sizeof *codes), **names = calloc(n, sizeof *names);
    int rc = -1;
    if (copy && codes && names) {
        size_t got = 0;
        for (char *save = NULL, *part = strtok_r(copy, ";", &save); part && got < n;
             part = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(part, '=');
            if (eq == NULL)
                continue;
            *eq = '\0';
            codes[got] = part;
            names[got++] = eq + 1;
        }
        rc = keep(k, got, codes, names);
    }
    if (rc < 0)
        snprintf(c->error, sizeof c->error, "内存不足，无法读取代码表");
    free(copy);
    free(codes);
    free(names);
    return rc;
}

/* Every active organization the clerk sees (its scope). */
static int load_orgs(struct rec_codes *c, struct rec_code_kind *k)
{
    struct dj_code_list l;
    struct dj_db_error e;
    if (dj_code_list_orgs(tui_session_db(), ORG_MAX, &l, &e) < 0) {
        tui_session_fail(&e, c->error, sizeof c->error);
        return -1;
    }
    const char **codes = calloc(l.n + 1, sizeof *codes);
    const char **names = calloc(l.n + 1, sizeof *names);
    k->ids = calloc(l.n + 1, sizeof *k->ids);
    int rc = -1;
    if (codes && names && k->ids) {
        /* The picker shows the id as the code: 组织代码 all start alike
         * (001.001.…) and are cut in its narrow code column. */
        for (size_t i = 0; i < l.n; i++) {
            snprintf(l.rows[i].code, sizeof l.rows[i].code, "%lld", l.rows[i].id);
            codes[i] = l.rows[i].code;
            names[i] = l.rows[i].name;
            k->ids[i] = l.rows[i].id;
        }
        rc = keep(k, l.n, codes, names);
    }
    if (rc < 0)
        snprintf(c->error, sizeof c->error, "内存不足，无法读取组织");
    free(codes);
    free(names);
    dj_code_list_free(&l);
    return rc;
}

static void drop(struct rec_code_kind *k)
{
    free(k->items);
    free(k->text);
    free(k->ids);
    k->items = NULL;
    k->text = NULL;
    k->ids = NULL;
    k->table.items = NULL;
    k->table.n = 0;
}

const struct tui_code_table *rec_codes_get(struct rec_codes *c, const char *kind)
{
    if (kind == NULL)
        return NULL;
    struct rec_code_kind *k = NULL;
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->k[i].kind, kind) == 0)
            k = &c->k[i];
    if (k == NULL) {
        if (c->n == REC_CODES_MAX_KINDS)
            return NULL;
        k = &c->k[c->n++];
        memset(k, 0, sizeof *k);
        k->kind = kind;
    }
    if (k->table.items)
        return &k->table;
    if (k->tried) /* one failure a screen: the form says the table cannot be read */
        return NULL;
    k->tried = true;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (strcmp(fixed[i].kind, kind) == 0) {
            k->table.items = fixed[i].items;
            k->table.n = fixed[i].n;
            return &k->table;
        }
    c->error[0] = '\0';
    int rc = strchr(kind, '=')          ? load_choices(c, k)
             : strcmp(kind, "org") == 0 ? load_orgs(c, k)
                                        : load_codes(c, k);
    if (rc < 0) {
        drop(k);
        tui_session_note(c->error, true);
        return NULL;
    }
    return &k->table;
}

const struct tui_code_table *rec_codes_hook(void *ctx, const char *kind)
{
    return rec_codes_get(ctx, kind);
}

long long rec_codes_org_id(struct rec_codes *c, const char *code)
{
    const struct tui_code_table *t = rec_codes_get(c, "org");
    if (t == NULL || code == NULL)
        return 0;
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->k[i].kind, "org") == 0 && c->k[i].ids)
            for (size_t j = 0; j < t->n; j++)
                if (strcmp(t->items[j].code, code) == 0)
                    return c->k[i].ids[j];
    return 0;
}

const char *rec_codes_org_code(struct rec_codes *c, long long id)
{
    const struct tui_code_table *t = rec_codes_get(c, "org");
    if (t == NULL)
        return "";
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->k[i].kind, "org") == 0 && c->k[i].ids)
            for (size_t j = 0; j < t->n; j++)
                if (c->k[i].ids[j] == id)
                    return t->items[j].code;
    return "";
}

void rec_codes_free(struct rec_codes *c)
{
    for (int i = 0; i < c->n; i++)
        if (c->k[i].text) /* the fixed lists are not ours */
            drop(&c->k[i]);
    c->n = 0;
}

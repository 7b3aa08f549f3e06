#include "tui/term.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

#include "tui/script.h"

#define SCRIPT_TERM "xterm-256color"
#define SCRIPT_SIZE "80x24"

int tui_term_check_locale(char *err, size_t errlen)
{
    const char *cs = nl_langinfo(CODESET);
    if (cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0))
        return 0;
    snprintf(err, errlen,
             "当前区域设置的字符集是 %s，不是 UTF-8，无法正确显示中文。\n"
             "请设置一个 UTF-8 区域后重试，例如：export LANG=C.UTF-8（或 zh_CN.UTF-8）\n"
             "The locale's character set is %s, not UTF-8, so Chinese text cannot be shown.\n"
             "Set a UTF-8 locale and try again, e.g.: export LANG=C.UTF-8",
             cs ? cs : "?", cs ? cs : "?");
    return -1;
}

/* What common terminals and SSH clients send for function keys.  A TERM that
 * does not match the real terminal (vt100 in an xterm, PuTTY's ESC [11~ for F1)
 * would otherwise leave F1 and F10 dead; a sequence the terminfo entry already
 * binds is left alone. */
static const struct {
    const char *seq;
    int key;
} fallback_keys[] = {
    {"\033OP", KEY_F(1)},    {"\033OQ", KEY_F(2)},    {"\033OR", KEY_F(3)},
    {"\033OS", KEY_F(4)},    {"\033[11~", KEY_F(1)},  {"\033[12~", KEY_F(2)},
    {"\033[13~", KEY_F(3)},  {"\033[14~", KEY_F(4)},  {"\033[[A", KEY_F(1)},
    {"\033[[B", KEY_F(2)},   {"\033[[C", KEY_F(3)},   {"\033[[D", KEY_F(4)},
    {"\033[[E", KEY_F(5)},   {"\033[15~", KEY_F(5)},  {"\033[17~", KEY_F(6)},
    {"\033[18~", KEY_F(7)},  {"\033[19~", KEY_F(8)},  {"\033[20~", KEY_F(9)},
    {"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
    {"\033[A", KEY_UP},      {"\033[B", KEY_DOWN},    {"\033[C", KEY_RIGHT},
    {"\033[D", KEY_LEFT},    {"\033OA", KEY_UP},      {"\033OB", KEY_DOWN},
    {"\033OC", KEY_RIGHT},   {"\033OD", KEY_LEFT},    {"\033[H", KEY_HOME},
    {"\033[F", KEY_END},     {"\033OH", KEY_HOME},    {"\033OF", KEY_END},
    {"\033[1~", KEY_HOME},   {"\033[4~", KEY_END},    {"\033[7~", KEY_HOME},
    {"\033[8~", KEY_END},    {"\033[5~", KEY_PPAGE},  {"\033[6~", KEY_NPAGE},
    {"\033[3~", KEY_DC},     {"\033[2~", KEY_IC},     {"\033[Z", KEY_BTAB},
};

static void add_fallback_keys(void)
{
    for (size_t i = 0; i < sizeof fallback_keys / sizeof fallback_keys[0]; i++)
        if (key_defined(fallback_keys[i].seq) == 0)
            define_key(fallback_keys[i].seq, fallback_keys[i].key);
}

static void setup_modes(void)
{
    raw();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    /* Esc is a key of its own here: don't wait ncurses' full second to see
     * whether a sequence follows, but leave enough for a key sequence that an
     * SSH link splits in two.  ESCDELAY in the environment still wins. */
    if (getenv("ESCDELAY") == NULL)
        set_escdelay(100);
    add_fallback_keys();
}

static int open_script(struct tui_term *t, char *err, size_t errlen)
{
    int cols, rows;
    const char *size = getenv("DANGJIAN_SCRIPT_SIZE");
    if (tui_script_parse_size(size && *size ? size : SCRIPT_SIZE, &cols, &rows) < 0) {
        snprintf(err, errlen, "DANGJIAN_SCRIPT_SIZE 应为 宽x高，例如 80x24，而不是 “%s”", size);
        return -1;
    }
    const char *term = getenv("DANGJIAN_SCRIPT_TERM");
    t->out = fopen("/dev/null", "w");
    t->in = fopen("/dev/null", "r");
    if (t->out == NULL || t->in == NULL) {
        snprintf(err, errlen, "无法打开 /dev/null");
        return -1;
    }
    t->screen = newterm(term && *term ? term : SCRIPT_TERM, t->out, t->in);
    if (t->screen == NULL) {
        snprintf(err, errlen, "无法为脚本模式建立虚拟终端 %s", term && *term ? term : SCRIPT_TERM);
        return -1;
    }
    set_term(t->screen);
    setup_modes();
    return tui_term_resize(t, cols, rows);
}

int tui_term_open(struct tui_term *t, bool script, char *err, size_t errlen)
{
    t->screen = NULL;
    t->out = t->in = NULL;
    t->script = script;
    if (script) {
        if (open_script(t, err, errlen) == 0)
            return 0;
        tui_term_close(t);
        return -1;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, errlen,
                 "界面需要在终端中运行（标准输入和标准输出都必须是终端）。\n"
                 "The interface needs a terminal on stdin and stdout.");
        return -1;
    }
    const char *term = getenv("TERM");
    t->screen = newterm(NULL, stdout, stdin);
    if (t->screen == NULL) {
        snprintf(err, errlen,
                 "无法识别终端类型 TERM=%s，请设置 TERM，例如 export TERM=xterm-256color\n"
                 "Unknown terminal type TERM=%s; set TERM, e.g. export TERM=xterm-256color",
                 term ? term : "", term ? term : "");
        return -1;
    }
    set_term(t->screen);
    setup_modes();
    return 0;
}

int tui_term_resize(struct tui_term *t, int cols, int rows)
{
    if (!t->script)
        return -1;
    return resizeterm(rows, cols) == OK ? 0 : -1;
}

void tui_term_close(struct tui_term *t)
{
    if (t->screen) {
        curs_set(1);
        endwin();
        delscreen(t->screen);
        t->screen = NULL;
    }
    if (t->out)
        fclose(t->out);
    if (t->in)
        fclose(t->in);
    t->out = t->in = NULL;
}

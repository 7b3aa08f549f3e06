#include "batch/prompt.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    interrupted = sig;
}

static void put(int fd, const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        ssize_t w = write(fd, s, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        len -= (size_t)w;
    }
}

int dj_prompt_password(void *ctx, const char *user, bool again, char *buf, size_t buflen)
{
    (void)ctx;
    if (buflen == 0)
        return -1;
    buf[0] = '\0';
    int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;

    char prompt[256];
    snprintf(prompt, sizeof prompt, "%s数据库用户 %s 的密码 (password)：",
             again ? "密码错误，请重新输入。\n" : "", user);
    put(fd, prompt);

    struct termios saved, quiet;
    int have_termios = tcgetattr(fd, &saved) == 0;
    if (have_termios) {
        quiet = saved;
        quiet.c_lflag &= (tcflag_t) ~(ECHO | ECHOE | ECHOK | ECHONL);
        quiet.c_lflag |= ICANON;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    /* Without SA_RESTART, Ctrl-C interrupts the read, so echo is switched back
     * on before the program goes away. */
    struct sigaction sa, old_int, old_term, old_quit;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGQUIT, &sa, &old_quit);

    size_t n = 0;
    int rc = -1;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR && !interrupted)
            continue;
        if (r <= 0 || interrupted)
            break;
        if (c == '\n' || c == '\r') {
            rc = 0;
            break;
        }
        if (n + 1 < buflen)
            buf[n++] = c;
    }
    buf[rc == 0 ? n : 0] = '\0';
    if (rc != 0)
        explicit_bzero(buf, buflen);

    if (have_termios)
        tcsetattr(fd, TCSAFLUSH, &saved);
    put(fd, "\n");
    close(fd);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    /* Hand the signal on now that the terminal is sane again. */
    if (interrupted)
        raise(interrupted);
    return rc;
}

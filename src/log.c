#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

static FILE *log_fp;

int dj_log_open(const char *path, char *err, size_t errlen)
{
    dj_log_close();
    if (path == NULL || path[0] == '\0')
        return 0;
    /* 0600: the log holds SQL and server messages that name people's data. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "无法打开日志文件 %s：%s", path, strerror(errno));
        return -1;
    }
    log_fp = fdopen(fd, "a");
    if (log_fp == NULL) {
        snprintf(err, errlen, "无法打开日志文件 %s：%s", path, strerror(errno));
        close(fd);
        return -1;
    }
    return 0;
}

void dj_log_close(void)
{
    if (log_fp != NULL) {
        fclose(log_fp);
        log_fp = NULL;
    }
}

void dj_log(const char *fmt, ...)
{
    if (log_fp == NULL)
        return;
    char stamp[40];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(stamp + n, sizeof stamp - n, ".%03ld", ts.tv_nsec / 1000000L);

    char msg[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t len = strlen(msg);
    while (len > 0 && msg[len - 1] == '\n')
        msg[--len] = '\0';

    /* One fprintf per entry so that entries from one process never interleave. */
    fprintf(log_fp, "%s [%ld] %s\n", stamp, (long)getpid(), msg);
    fflush(log_fp);
}

#ifndef DJ_CONFIG_H
#define DJ_CONFIG_H
/*
 * The configuration file (libconfig 1.5 syntax), found in this order:
 * --config FILE, $DANGJIAN_CONFIG, $XDG_CONFIG_HOME/dangjian/dangjian.conf
 * (else ~/.config/dangjian/dangjian.conf), /etc/dangjian/dangjian.conf.
 * No file at all is fine: libpq's environment variables and ~/.pgpass still apply.
 * A password is never read from the file.  In the "connection" group only
 * libpq keywords we know are accepted, and the values libpq would reject later
 * (sslmode, target_session_attrs, port, connect_timeout) are checked here, so
 * a typo is reported with its line.  A list of hosts or ports becomes libpq's
 * comma-separated form.
 */
#include <stddef.h>

#define DJ_CONN_MAX 16 /* libpq keyword/value pairs we may pass */

struct dj_config {
    char *path; /* the file that was read, or NULL when none was found */
    /* libpq keywords and values from the "connection" group, NULL-terminated
     * (ready for PQconnectdbParams). */
    const char *conn_keys[DJ_CONN_MAX + 1];
    const char *conn_vals[DJ_CONN_MAX + 1];
    size_t conn_count;
    char *log_file; /* where internal details go; NULL means none */
    void *doc;      /* the parsed file (a libconfig config_t), for dj_config_string */
};

/* Loads the configuration. explicit_path is --config (may be NULL).
 * Returns 0, or -1 with a Chinese message in err naming the file, the line and
 * what is wrong. */
int dj_config_load(const char *explicit_path, struct dj_config *cfg, char *err, size_t errlen);

/* A string setting other modules read themselves, by libconfig path
 * ("tui.colours"); NULL when absent, not a string, or no file was read.
 * The string lives as long as cfg. */
const char *dj_config_string(const struct dj_config *cfg, const char *path);

/* Frees what dj_config_load allocated (the conn_vals strings among them);
 * safe on a zeroed struct.  A struct filled by hand must not be passed here. */
void dj_config_free(struct dj_config *cfg);

#endif

/* The configuration file: where it is looked for, what it maps to, what it refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

#define SYSTEM_CONFIG "/etc/dangjian/dangjian.conf"

static char tmp[256];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* tmp/<rel> with its folders made. */
static const char *place(const char *rel, const char *text)
{
    static char path[4][512];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 512, "%s/%s", tmp, rel);
    for (char *s = strchr(p + strlen(tmp) + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(p, 0700);
        *s = '/';
    }
    write_file(p, text);
    return p;
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/dj_test_config.XXXXXX");
    assert_non_null(mkdtemp(tmp));
    /* Nothing of the person running the tests may leak in. */
    char home[300];
    snprintf(home, sizeof home, "%s/home", tmp);
    mkdir(home, 0700);
    setenv("HOME", home, 1);
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("DANGJIAN_CONFIG");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
    return 0;
}

static const char *value_of(const struct dj_config *cfg, const char *key)
{
    for (size_t i = 0; i < cfg->conn_count; i++)
        if (strcmp(cfg->conn_keys[i], key) == 0)
            return cfg->conn_vals[i];
    return NULL;
}

static void load_ok(const char *explicit_path, struct dj_config *cfg)
{
    char err[1024] = "";
    int rc = dj_config_load(explicit_path, cfg, err, sizeof err);
    if (rc != 0)
        fail_msg("dj_config_load failed: %s", err);
}

static void load_fails(const char *explicit_path, char *err, size_t errlen)
{
    struct dj_config cfg;
    assert_int_equal(dj_config_load(explicit_path, &cfg, err, errlen), -1);
    /* Nothing half-loaded is left behind. */
    assert_null(cfg.path);
    assert_int_equal(cfg.conn_count, 0);
}

static void explicit_file_comes_first(void **state)
{
    (void)state;
    const char *a = place("a.conf", "connection = { dbname = \"from_option\"; };\n");
    const char *b = place("b.conf", "connection = { dbname = \"from_env\"; };\n");
    place("xdg/dangjian/dangjian.conf", "connection = { dbname = \"from_xdg\"; };\n");
    setenv("DANGJIAN_CONFIG", b, 1);
    char xdg[300];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmp);
    setenv("XDG_CONFIG_HOME", xdg, 1);

    struct dj_config cfg;
    load_ok(a, &cfg);
    assert_string_equal(cfg.path, a);
    assert_string_equal(value_of(&cfg, "dbname"), "from_option");
    dj_config_free(&cfg);

    load_ok(NULL, &cfg);
    assert_string_equal(cfg.path, b);
    assert_string_equal(value_of(&cfg, "dbname"), "from_env");
    dj_config_free(&cfg);

    unsetenv("DANGJIAN_CONFIG");
    load_ok(NULL, &cfg);
    assert_string_equal(value_of(&cfg, "dbname"), "from_xdg");
    dj_config_free(&cfg);
}

static void xdg_then_home_config(void **state)
{
    (void)state;
    place("home/.config/dangjian/dangjian.conf", "connection = { dbname = \"from_home\"; };\n");
    char xdg[300];
    snprintf(xdg, sizeof xdg, "%s/empty_xdg", tmp);
    mkdir(xdg, 0700);

    struct dj_config cfg;
    /* XDG_CONFIG_HOME set: ~/.config is not where the file is looked for. */
    setenv("XDG_CONFIG_HOME", xdg, 1);
    load_ok(NULL, &cfg);
    assert_true(cfg.path == NULL || strcmp(cfg.path, SYSTEM_CONFIG) == 0);
    dj_config_free(&cfg);

    /* Unset (or relative, which the XDG spec says to ignore): ~/.config. */
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);
    load_ok(NULL, &cfg);
    assert_string_equal(value_of(&cfg, "dbname"), "from_home");
    dj_config_free(&cfg);
    unsetenv("XDG_CONFIG_HOME");
    load_ok(NULL, &cfg);
    assert_string_equal(value_of(&cfg, "dbname"), "from_home");
    dj_config_free(&cfg);
}

static void no_file_at_all_is_fine(void **state)
{
    (void)state;
    struct dj_config cfg;
    load_ok(NULL, &cfg);
    if (access(SYSTEM_CONFIG, F_OK) == 0) {
        assert_string_equal(cfg.path, SYSTEM_CONFIG);
    } else {
        assert_null(cfg.path);
        assert_int_equal(cfg.conn_count, 0);
        assert_null(cfg.conn_keys[0]);
        assert_null(cfg.log_file);
    }
    dj_config_free(&cfg);
}

static void named_file_missing_is_an_error(void **state)
{
    (void)state;
    char missing[300], err[1024];
    snprintf(missing, sizeof missing, "%s/nope.conf", tmp);
    load_fails(missing, err, sizeof err);
    assert_non_null(strstr(err, missing));
    assert_non_null(strstr(err, "找不到配置文件"));

    setenv("DANGJIAN_CONFIG", missing, 1);
    load_fails(NULL, err, sizeof err);
    assert_non_null(strstr(err, missing));
    assert_non_null(strstr(err, "DANGJIAN_CONFIG"));
    unsetenv("DANGJIAN_CONFIG");
}

static void keywords_map_onto_libpq(void **state)
{
    (void)state;
    const char *p = place("k.conf", "# every connection keyword\n"
                                    "connection = {\n"
                                    "  user = \"clerk01\";\n"
                                    "  host = \"db.example.cn\";\n"
                                    "  hostaddr = \"10.1.2.3\";\n"
                                    "  port = 5433;\n"
                                    "  dbname = \"dangjian\";\n"
                                    "  sslmode = \"verify-full\";\n"
                                    "  sslrootcert = \"/etc/ssl/ca.pem\";\n"
                                    "  application_name = \"dangjian-tui\";\n"
                                    "  service = \"central\";\n"
                                    "  target_session_attrs = \"read-write\";\n"
                                    "  connect_timeout = \"10\";\n"
                                    "};\n"
                                    "log_file = \"/var/log/dj.log\";\n");
    struct dj_config cfg;
    load_ok(p, &cfg);
    assert_int_equal(cfg.conn_count, 11);
    assert_null(cfg.conn_keys[11]);
    assert_null(cfg.conn_vals[11]);
    assert_string_equal(value_of(&cfg, "user"), "clerk01");
    assert_string_equal(value_of(&cfg, "host"), "db.example.cn");
    assert_string_equal(value_of(&cfg, "hostaddr"), "10.1.2.3");
    assert_string_equal(value_of(&cfg, "port"), "5433");
    assert_string_equal(value_of(&cfg, "dbname"), "dangjian");
    assert_string_equal(value_of(&cfg, "sslmode"), "verify-full");
    assert_string_equal(value_of(&cfg, "sslrootcert"), "/etc/ssl/ca.pem");
    assert_string_equal(value_of(&cfg, "application_name"), "dangjian-tui");
    assert_string_equal(value_of(&cfg, "service"), "central");
    assert_string_equal(value_of(&cfg, "target_session_attrs"), "read-write");
    assert_string_equal(value_of(&cfg, "connect_timeout"), "10");
    assert_string_equal(cfg.log_file, "/var/log/dj.log");
    dj_config_free(&cfg);
}

static void several_hosts_become_one_list(void **state)
{
    (void)state;
    const char *p = place("h.conf", "connection = {\n"
                                    "  host = [\"pg1.example.cn\", \"pg2.example.cn\", \"pg3\"];\n"
                                    "  port = (5432, 5433, \"5434\");\n"
                                    "  target_session_attrs = \"read-write\";\n"
                                    "};\n");
    struct dj_config cfg;
    load_ok(p, &cfg);
    assert_string_equal(value_of(&cfg, "host"), "pg1.example.cn,pg2.example.cn,pg3");
    assert_string_equal(value_of(&cfg, "port"), "5432,5433,5434");
    dj_config_free(&cfg);

    /* A single host may also be written as a one-element list. */
    p = place("h1.conf", "connection = { host = (\"only\"); };\n");
    load_ok(p, &cfg);
    assert_string_equal(value_of(&cfg, "host"), "only");
    dj_config_free(&cfg);
}

static void password_is_refused(void **state)
{
    (void)state;
    const char *p = place("pw.conf", "connection = {\n"
                                     "  user = \"clerk01\";\n"
                                     "  password = \"secret\";\n"
                                     "};\n");
    char err[1024];
    load_fails(p, err, sizeof err);
    assert_non_null(strstr(err, p));
    assert_non_null(strstr(err, "第 3 行"));
    assert_non_null(strstr(err, "不能写密码"));
    /* The refusal never echoes the secret. */
    assert_null(strstr(err, "secret"));
}

static void malformed_file_names_path_and_line(void **state)
{
    (void)state;
    const char *p = place("bad.conf", "connection = {\n"
                                      "  host = \"db\";\n"
                                      "  port = ;\n"
                                      "};\n");
    char err[1024];
    load_fails(p, err, sizeof err);
    char want[600];
    snprintf(want, sizeof want, "配置文件 %s 第 3 行有错误：", p);
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "syntax error"));
    assert_non_null(strstr(err, "语法错误"));
}

static void unknown_or_bad_settings_are_named(void **state)
{
    (void)state;
    char err[1024];
    const char *p = place("typo.conf", "connection = {\n  hots = \"db\";\n};\n");
    load_fails(p, err, sizeof err);
    assert_non_null(strstr(err, "第 2 行"));
    assert_non_null(strstr(err, "hots"));

    p = place("ssl.conf", "connection = {\n  sslmode = \"requried\";\n};\n");
    load_fails(p, err, sizeof err);
    assert_non_null(strstr(err, "第 2 行"));
    assert_non_null(strstr(err, "requried"));

    p = place("port.conf", "connection = {\n\n  port = \"fifty\";\n};\n");
    load_fails(p, err, sizeof err);
    assert_non_null(strstr(err, "第 3 行"));
    assert_non_null(strstr(err, "port"));

    p = place("group.conf", "connection = \"host=db\";\n");
    load_fails(p, err, sizeof err);
    assert_non_null(strstr(err, "第 1 行"));

    p = place("log.conf", "log_file = 42;\n");
    load_fails(p, err, sizeof err);
    assert_non_null(strstr(err, "log_file"));
}

static void other_settings_are_left_to_their_modules(void **state)
{
    (void)state;
    const char *p = place("o.conf", "tui = { colours = \"mono\"; };\nlog_file = \"~/dj.log\";\n");
    struct dj_config cfg;
    load_ok(p, &cfg);
    assert_string_equal(dj_config_string(&cfg, "tui.colours"), "mono");
    assert_null(dj_config_string(&cfg, "tui.missing"));
    char want[400];
    snprintf(want, sizeof want, "%s/dj.log", getenv("HOME"));
    assert_string_equal(cfg.log_file, want);
    assert_int_equal(cfg.conn_count, 0);
    dj_config_free(&cfg);
    assert_null(dj_config_string(&cfg, "tui.colours"));
}

static void the_sample_config_loads(void **state)
{
    (void)state;
    /* conf/dangjian.conf is what administrators copy: it must stay valid. */
    char sample[600];
    const char *root = getenv("DJ_ROOT");
    snprintf(sample, sizeof sample, "%s/conf/dangjian.conf", root ? root : ".");
    struct dj_config cfg;
    load_ok(sample, &cfg);
    assert_non_null(value_of(&cfg, "dbname"));
    dj_config_free(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(explicit_file_comes_first, setup, teardown),
        cmocka_unit_test_setup_teardown(xdg_then_home_config, setup, teardown),
        cmocka_unit_test_setup_teardown(no_file_at_all_is_fine, setup, teardown),
        cmocka_unit_test_setup_teardown(named_file_missing_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(keywords_map_onto_libpq, setup, teardown),
        cmocka_unit_test_setup_teardown(several_hosts_become_one_list, setup, teardown),
        cmocka_unit_test_setup_teardown(password_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_file_names_path_and_line, setup, teardown),
        cmocka_unit_test_setup_teardown(unknown_or_bad_settings_are_named, setup, teardown),
        cmocka_unit_test_setup_teardown(other_settings_are_left_to_their_modules, setup, teardown),
        cmocka_unit_test_setup_teardown(the_sample_config_loads, setup, teardown),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}

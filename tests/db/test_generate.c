/*
 * `dangjian generate --preset demo` against a real server, in scratch
 * databases of its own (migrated here, dropped with their roles at the end):
 * the per-level lines it prints; what it loaded is what the triggers would
 * have derived (replaying them changes nothing), every foreign key holds
 * (COPY ran with the row triggers off, foreign keys included), every stage
 * and record set is there; one audit entry names the load; identity
 * sequences continue after it; a second load, and a load by a clerk, are
 * refused; the same seed loads the same data into another database.
 * Needs PG* variables naming a superuser (pg_virtualenv) and the program
 * (DJ_BIN, else build/dangjian); fails without a server.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"

static char dbname[48], dbname2[48], dbname3[48];
static struct dj_db *super; /* to the server's default database */
static struct dj_db *db;    /* to the scratch database, as the superuser */
static char gen_out[4096];  /* the first load's stdout */

static struct dj_db *connect_to(const char *name)
{
    struct dj_config cfg = {0};
    if (name != NULL) {
        cfg.conn_keys[0] = "dbname";
        cfg.conn_vals[0] = name;
        cfg.conn_count = 1;
    }
    struct dj_db_error err;
    struct dj_db *c = dj_db_connect(&cfg, NULL, &err);
    if (c == NULL)
        fail_msg("cannot reach the test server: %s\n%s", err.message, err.detail);
    return c;
}

static void exec_ok(struct dj_db *c, const char *sql, int n, const char *const *params)
{
    struct dj_db_error err;
    if (dj_db_exec(c, &err, sql, n, params) != 0)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
}

/* The first column of the first row (a static buffer). */
static const char *value(struct dj_db *c, const char *sql)
{
    static char buf[1024];
    struct dj_db_error err;
    PGresult *res = dj_db_query(c, &err, sql, 0, NULL);
    if (res == NULL)
        fail_msg("%s: %s\n%s", sql, err.message, err.detail);
    snprintf(buf, sizeof buf, "%s", PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return buf;
}

/* A count that must be zero: the query counts the rows that break a rule. */
static void none(struct dj_db *c, const char *what, const char *sql)
{
    const char *v = value(c, sql);
    if (strcmp(v, "0") != 0)
        fail_msg("%s: %s rows break it\n%s", what, v, sql);
}

static void create_migrated(const char *name)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'", name);
    exec_ok(super, sql, 0, NULL);
    struct dj_db *c = connect_to(name);
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    struct dj_db_error err;
    int rc = dj_migrate_run(c, dj_migrations, dj_migration_count, devnull, NULL, &err);
    fclose(devnull);
    dj_db_close(c);
    if (rc != 0)
        fail_msg("migrate %s: %s\n%s", name, err.message, err.detail);
}

static char cli_err[4096]; /* the last run's stderr */

static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
}

/* Runs `dangjian generate ARGS` on database name (env: extra environment
 * assignments, may be ""); stdout into out, stderr into cli_err.  Fails the
 * test unless it exits with want. */
static void run_cli(const char *name, const char *env, const char *args, int want, char *out,
                    size_t outlen)
{
    const char *bin = getenv("DJ_BIN") ? getenv("DJ_BIN") : "build/dangjian";
    if (access(bin, X_OK) != 0)
        fail_msg("the program %s is not built (set DJ_BIN)", bin);
    char conf[] = "/tmp/dj_test_gen_conf.XXXXXX", outf[] = "/tmp/dj_test_gen_out.XXXXXX",
         errf[] = "/tmp/dj_test_gen_err.XXXXXX";
    int fd1 = mkstemp(conf), fd2 = mkstemp(outf), fd3 = mkstemp(errf);
    assert_true(fd1 >= 0 && fd2 >= 0 && fd3 >= 0);
    close(fd1);
    close(fd2);
    close(fd3);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "%s PGDATABASE=%s DANGJIAN_CONFIG=%s '%s' generate %s >%s 2>%s </dev/null", env, name,
             conf, bin, args, outf, errf);
    int status = system(cmd);
    unlink(conf);
    slurp(outf, out, outlen);
    slurp(errf, cli_err, sizeof cli_err);
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (rc != want)
        fail_msg("dangjian generate %s: exit %d, not %d\n%s%s", args, rc, want, out, cli_err);
}

/* The scratch database, migrated and loaded with the demo.  Made by the first
 * test that runs, so that without a server every test fails on its own. */
static void scratch(void)
{
    if (db != NULL)
        return;
    snprintf(dbname, sizeof dbname, "dj_test_generate_%ld", (long)getpid());
    snprintf(dbname2, sizeof dbname2, "dj_test_generate2_%ld", (long)getpid());
    snprintf(dbname3, sizeof dbname3, "dj_test_generate3_%ld", (long)getpid());
    super = connect_to(NULL);
    create_migrated(dbname);
    run_cli(dbname, "", "--preset demo", 0, gen_out, sizeof gen_out);
    db = connect_to(dbname);
    /* ltree's operators and functions live in schema ext. */
    exec_ok(db, "SET search_path = public, ext", 0, NULL);
}

static int drop_scratch(void **state)
{
    (void)state;
    if (super == NULL)
        return 0;
    if (db != NULL)
        dj_db_close(db);
    const char *names[] = {dbname, dbname2, dbname3};
    for (int i = 0; i < 3; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", names[i]);
        exec_ok(super, sql, 0, NULL);
        const char *prefix[] = {names[i]};
        exec_ok(super, "SELECT set_config('dj.test_prefix', $1, false)", 1, prefix);
        exec_ok(super,
                "DO $$DECLARE r text; BEGIN"
                " FOR r IN SELECT rolname FROM pg_roles"
                "          WHERE rolname LIKE current_setting('dj.test_prefix') || '\\_%'"
                "          ORDER BY rolcanlogin DESC, rolname LOOP"
                "   EXECUTE format('DROP ROLE %I', r);"
                " END LOOP; END$$",
                0, NULL);
    }
    dj_db_close(super);
    return 0;
}

/* ------------------------------------------------------------------------- */

static void prints_one_organization_per_level(void **state)
{
    (void)state;
    scratch();
    /* The codes make demo.sh's clerks; the names are the loaded ones. */
    static const char *const lines[] = {
        "city\t001\t", "district\t001.001\t", "committee\t001.001.001\t",
        "general_branch\t001.001.001.001\t", "branch\t001.001.001.001.001\t"};
    const char *at = gen_out;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        const char *l = strstr(at, lines[i]);
        if (l == NULL || (l != gen_out && l[-1] != '\n'))
            fail_msg("no line starting \"%s\" (in order) in:\n%s", lines[i], gen_out);
        at = l + strlen(lines[i]);
        char name[256] = "", code[64] = "";
        memcpy(name, at, strcspn(at, "\n") < sizeof name ? strcspn(at, "\n") : sizeof name - 1);
        const char *c = strchr(lines[i], '\t') + 1;
        memcpy(code, c, strcspn(c, "\t"));
        const char *params[] = {code};
        struct dj_db_error err;
        PGresult *res =
            dj_db_query(db, &err, "SELECT name FROM app.org WHERE code = $1", 1, params);
        assert_non_null(res);
        assert_int_equal(PQntuples(res), 1);
        assert_string_equal(PQgetvalue(res, 0, 0), name);
        PQclear(res);
    }
    assert_non_null(strstr(gen_out, "\ndone\torgs=40\tpersons=400\trows="));
    assert_string_equal(value(db, "SELECT count(*) FROM app.org"), "40");
    assert_string_equal(value(db, "SELECT count(*) FROM app.person"), "400");
}

static void tree_as_the_triggers_derive_it(void **state)
{
    (void)state;
    scratch();
    none(db, "path = parent's path + own label",
         "SELECT count(*) FROM app.org c JOIN app.org p ON p.id = c.parent_id"
         " WHERE c.path <> p.path || text2ltree(replace(c.code, '.', '_'))");
    none(db, "path_key = path || '.'",
         "SELECT count(*) FROM app.org WHERE path_key <> path::text || '.'");
    none(db, "code = parent's code + one segment",
         "SELECT count(*) FROM app.org c JOIN app.org p ON p.id = c.parent_id"
         " WHERE left(c.code, char_length(p.code) + 1) <> p.code || '.'"
         "    OR substr(c.code, char_length(p.code) + 2) !~ '^[0-9]{3,}$'");
    none(db, "district_id is the level-2 ancestor",
         "SELECT count(*) FROM app.org c"
         "  LEFT JOIN app.org d ON d.path @> c.path AND nlevel(d.path) = 2"
         " WHERE c.district_id IS DISTINCT FROM d.id");
    none(db, "kinds under the kinds app.org_kind_rule allows",
         "SELECT count(*) FROM app.org c JOIN app.org p ON p.id = c.parent_id"
         " WHERE NOT EXISTS (SELECT 1 FROM app.org_kind_rule r"
         "                    WHERE r.kind = c.kind AND r.parent_kind = p.kind)");
    /* Every level there, and branches of 10 to 60 (the demo's first: 24). */
    assert_string_equal(
        value(db, "SELECT string_agg(DISTINCT kind, '' ORDER BY kind) FROM app.org"), "123456");
    none(db, "branches of 10 to 60 members",
         "SELECT count(*) FROM app.org o WHERE kind = '6' AND (SELECT count(*) FROM app.person"
         " WHERE org_id = o.id) NOT BETWEEN 10 AND 60");
    none(db, "people only in branches",
         "SELECT count(*) FROM app.person p JOIN app.org o ON o.id = p.org_id WHERE o.kind <> '6'");
    /* The next child code continues after the loaded ones. */
    assert_string_equal(value(db, "SELECT app.next_child_code(id) FROM app.org WHERE code = '001'"),
                        value(db, "SELECT '001.' || lpad((count(*) + 1)::text, 3, '0')"
                                  " FROM app.org WHERE parent_id = (SELECT id FROM app.org"
                                  " WHERE code = '001')"));
}

static void people_as_the_triggers_derive_them(void **state)
{
    (void)state;
    scratch();
    none(db, "org_key and district_id copied from the organization",
         "SELECT count(*) FROM app.person p JOIN app.org o ON o.id = p.org_id"
         " WHERE p.org_key <> o.path_key OR p.district_id IS DISTINCT FROM o.district_id");
    none(db, "ID numbers valid (GB 11643)",
         "SELECT count(*) FROM app.person WHERE app.citizen_id_problem(id_number) IS NOT NULL"
         " OR id_number IS NULL");
    none(db, "18 full years at application",
         "SELECT count(*) FROM app.person p JOIN app.dev_step s ON s.person_id = p.id"
         " WHERE s.step = '01' AND s.step_date < p.birth_date + interval '18 years'");
    none(db, "full members one year after the branch meeting (or the extension's end)",
         "SELECT count(*) FROM app.person p WHERE stage = '5' AND became_full_on <>"
         " coalesce((SELECT until_date FROM app.standing s WHERE s.person_id = p.id"
         "           AND event = 'extend'), joined_party_on + interval '1 year')");
    none(db, "ages 18 to 100",
         "SELECT count(*) FROM app.person"
         " WHERE birth_date > DATE '2026-06-30' - interval '18 years'"
         "    OR birth_date < DATE '2026-06-30' - interval '100 years'");
    /* Initials for searching by letters (migration 020), where the schema has them. */
    if (strcmp(value(db, "SELECT to_regprocedure('app.name_initials(text)') IS NOT NULL"), "t") ==
        0)
        none(db, "name_initials = app.name_initials(name)",
             "SELECT count(*) FROM app.person"
             " WHERE name_initials IS DISTINCT FROM app.name_initials(name) COLLATE \"C\"");
    /* Every stage, every way of leaving, and the names a demo searches for. */
    assert_string_equal(
        value(db, "SELECT string_agg(DISTINCT stage, '' ORDER BY stage) FROM app.person"), "12345");
    assert_string_equal(value(db, "SELECT string_agg(DISTINCT history_reason, '' ORDER BY"
                                  " history_reason) FROM app.person"),
                        "1234");
    assert_true(atoi(value(db, "SELECT count(*) FROM app.person WHERE name LIKE '张%'")) >= 2);
    assert_true(atoi(value(db, "SELECT count(*) FROM app.person WHERE name LIKE '欧阳%'")) >= 2);
    assert_string_equal(value(db, "SELECT count(*) > 0 FROM app.person WHERE name = '张伟'"), "t");
}

/* Runs each table's own BEFORE triggers again (a no-op UPDATE with the
 * triggers on) and compares every column but the stamps: what the load wrote
 * is what the triggers derive. */
static void replaying_the_triggers_changes_nothing(void **state)
{
    (void)state;
    scratch();
    static const struct {
        const char *table, *noop;
    } t[] = {
        {"app.org", "parent_id = parent_id"},       {"app.person", "org_id = org_id"},
        {"app.education", "person_id = person_id"}, {"app.job", "person_id = person_id"},
        {"app.post", "person_id = person_id"},      {"app.tech_title", "person_id = person_id"},
        {"app.standing", "person_id = person_id"},  {"app.org_relation", "person_id = person_id"},
        {"app.dev_step", "person_id = person_id"},  {"app.dev_contact", "person_id = person_id"},
        {"app.appraisal", "person_id = person_id"}, {"app.reward", "person_id = person_id"},
    };
    exec_ok(db, "BEGIN", 0, NULL);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char sql[1024];
        /* Table names are this file's constants. */
        snprintf(sql, sizeof sql, "CREATE TEMP TABLE before_%zu AS SELECT * FROM %s", i,
                 t[i].table);
        exec_ok(db, sql, 0, NULL);
        snprintf(sql, sizeof sql, "UPDATE %s SET %s", t[i].table, t[i].noop);
        exec_ok(db, sql, 0, NULL);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s a JOIN before_%zu b USING (id)"
                 " WHERE to_jsonb(a) - '{version,updated_at,updated_by}'::text[]"
                 "    <> to_jsonb(b) - '{version,updated_at,updated_by}'::text[]",
                 t[i].table, i);
        const char *v = value(db, sql);
        if (strcmp(v, "0") != 0) {
            snprintf(sql, sizeof sql,
                     "SELECT jsonb_build_object('loaded', to_jsonb(b), 'derived', to_jsonb(a))"
                     " FROM %s a JOIN before_%zu b USING (id)"
                     " WHERE to_jsonb(a) - '{version,updated_at,updated_by}'::text[]"
                     "    <> to_jsonb(b) - '{version,updated_at,updated_by}'::text[] LIMIT 1",
                     t[i].table, i);
            char first[1024];
            snprintf(first, sizeof first, "%s", value(db, sql));
            exec_ok(db, "ROLLBACK", 0, NULL);
            fail_msg("%s: %s rows differ from what the triggers derive, e.g.\n%s", t[i].table, v,
                     first);
        }
    }
    exec_ok(db, "ROLLBACK", 0, NULL);
}

static void every_foreign_key_holds(void **state)
{
    (void)state;
    scratch();
    /* One anti-join per foreign key of schema app, built from the catalog. */
    const char *sql =
        "SELECT coalesce(string_agg(bad, ', '), '') FROM ("
        " SELECT c.conname || ': ' || n AS bad FROM pg_constraint c,"
        "  LATERAL (SELECT (xpath('/row/n/text()', query_to_xml(format("
        "    'SELECT count(*) AS n FROM %s t WHERE (%s) IS NOT NULL AND NOT EXISTS"
        "     (SELECT 1 FROM %s p WHERE (%s) = (%s))',"
        "    c.conrelid::regclass,"
        "    (SELECT string_agg('t.' || quote_ident(attname), ', ') FROM pg_attribute"
        "      WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey)),"
        "    c.confrelid::regclass,"
        "    (SELECT string_agg('p.' || quote_ident(a.attname), ', ' ORDER BY k.i)"
        "       FROM unnest(c.confkey) WITH ORDINALITY k(n, i)"
        "       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n),"
        "    (SELECT string_agg('t.' || quote_ident(a.attname), ', ' ORDER BY k.i)"
        "       FROM unnest(c.conkey) WITH ORDINALITY k(n, i)"
        "       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n)),"
        "    false, false, '')))[1]::text::int AS n) x"
        "  WHERE c.contype = 'f' AND c.connamespace = 'app'::regnamespace AND x.n > 0) v";
    const char *bad = value(db, sql);
    if (bad[0] != '\0')
        fail_msg("foreign keys broken (constraint: rows): %s", bad);
    /* And that the check sees something: app has foreign keys to test. */
    assert_true(atoi(value(db, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                               " AND connamespace = 'app'::regnamespace")) > 20);
}

static void record_sets_present_and_consistent(void **state)
{
    (void)state;
    scratch();
    static const char *const tables[] = {
        "app.education",    "app.job",      "app.post",        "app.tech_title", "app.standing",
        "app.org_relation", "app.dev_step", "app.dev_contact", "app.appraisal",  "app.reward"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        if (atoi(value(db, sql)) <= 0)
            fail_msg("%s is empty", tables[i]);
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM %s r JOIN app.person p ON p.id = r.person_id"
                 " WHERE r.org_key <> p.org_key",
                 tables[i]);
        none(db, tables[i], sql);
    }
    none(db, "every member has one relation row, open while on the roll",
         "SELECT count(*) FROM app.person p WHERE stage IN ('4', '5') AND"
         " (SELECT count(*) FILTER (WHERE to_date IS NULL) FROM app.org_relation r"
         "   WHERE r.person_id = p.id) <> (history_reason IS NULL)::int");
    none(db, "relation and post rows name their organization",
         "SELECT (SELECT count(*) FROM app.org_relation r JOIN app.org o ON o.id = r.org_id"
         "         WHERE r.org_name <> o.full_name)"
         "     + (SELECT count(*) FROM app.post r JOIN app.org o ON o.id = r.org_id"
         "         WHERE r.org_name <> o.full_name)");
    none(db, "people in development have every step of their stage",
         "SELECT count(*) FROM app.person p WHERE stage IN ('1', '2', '3') AND"
         " (SELECT count(*) FROM app.dev_step s JOIN code.dev_step c ON c.code = s.step"
         "   WHERE s.person_id = p.id AND c.stage <= p.stage) <>"
         " (SELECT count(*) FROM code.dev_step c WHERE c.stage < p.stage)"
         "  + CASE p.stage WHEN '1' THEN 2 WHEN '2' THEN 4 ELSE 5 END");
    none(db, "steps in order of their dates",
         "SELECT count(*) FROM app.dev_step a JOIN app.dev_step b"
         " ON a.person_id = b.person_id AND a.step < b.step WHERE a.step_date > b.step_date");
    none(db, "members joined and (full members) became full as their standing rows say",
         "SELECT count(*) FROM app.person p WHERE stage IN ('4', '5') AND"
         " (NOT EXISTS (SELECT 1 FROM app.standing s WHERE s.person_id = p.id AND event = 'join'"
         "              AND event_date = p.joined_party_on)"
         "  OR (stage = '5') <> EXISTS (SELECT 1 FROM app.standing s WHERE s.person_id = p.id"
         "              AND event = 'full' AND event_date = p.became_full_on))");
    none(db, "contacts and sponsors are full members on the roll of the same branch",
         "SELECT count(*) FROM app.dev_contact c JOIN app.person p ON p.id = c.person_id"
         " JOIN app.person m ON m.id = c.member_id"
         " WHERE m.stage <> '5' OR m.history_reason IS NOT NULL OR m.org_id <> p.org_id"
         "    OR m.name <> c.member_name");
    none(db, "every branch with members has its secretary",
         "SELECT count(*) FROM app.org o WHERE kind = '6' AND NOT EXISTS (SELECT 1 FROM app.post"
         " WHERE org_id = o.id AND party_post = '01')");
}

static void one_audit_entry_names_the_load(void **state)
{
    (void)state;
    scratch();
    if (strcmp(value(db, "SELECT to_regprocedure('audit.record_load(text,bigint)') IS NULL"),
               "t") == 0)
        fail_msg("audit.record_load is missing: the load cannot be audited");
    /* The load's transaction left this one entry (migrations before it may
     * have logged their own changes to rule tables, e.g. new settings). */
    assert_string_equal(value(db, "SELECT count(*) FROM audit.log WHERE txid ="
                                  " (SELECT txid FROM audit.log WHERE action = 'LOAD')"),
                        "1");
    assert_string_equal(value(db, "SELECT count(*) FROM audit.log WHERE action <> 'LOAD'"
                                  " AND table_name IS DISTINCT FROM 'app.setting'"),
                        "0");
    assert_string_equal(value(db, "SELECT action || ' ' || (note LIKE '%generate --preset demo%')"
                                  " FROM audit.log WHERE action = 'LOAD'"),
                        "LOAD true");
    /* The rows it names are the rows loaded. */
    char *rows = strstr(gen_out, "rows=");
    assert_non_null(rows);
    char want[32];
    snprintf(want, sizeof want, "%.*s", (int)strcspn(rows + 5, "\t\n"), rows + 5);
    assert_string_equal(value(db, "SELECT after->>'rows' FROM audit.log WHERE action = 'LOAD'"),
                        want);
}

static void sequences_continue_after_the_load(void **state)
{
    (void)state;
    scratch();
    /* Through the triggers, as a clerk's workflow would insert. */
    exec_ok(db,
            "INSERT INTO app.org (parent_id, kind, name)"
            " SELECT id, '6', '测试党支部' FROM app.org WHERE code = '001.001'",
            0, NULL);
    exec_ok(db,
            "INSERT INTO app.person (name, sex, stage, org_id)"
            " SELECT '测试', '1', '1', id FROM app.org WHERE name = '测试党支部'",
            0, NULL);
    exec_ok(db,
            "INSERT INTO app.education (person_id, education)"
            " SELECT id, '21' FROM app.person WHERE name = '测试'",
            0, NULL);
    assert_string_equal(value(db,
                              "SELECT (SELECT max(id) FROM app.person) = (SELECT id FROM app.person"
                              " WHERE name = '测试') AND (SELECT count(*) FROM app.person) = 401"),
                        "t");
}

static void second_load_refused(void **state)
{
    (void)state;
    scratch();
    char out[1024];
    run_cli(dbname, "", "--preset demo", 1, out, sizeof out);
    assert_non_null(strstr(cli_err, "名人员，generate 只向没有人员的数据库装入数据"));
    assert_string_equal(out, "");
    assert_string_equal(value(db, "SELECT count(*) FROM audit.log WHERE action = 'LOAD'"), "1");
    run_cli(dbname, "", "--preset nonesuch", 2, out, sizeof out);
    run_cli(dbname, "", "--seed x", 2, out, sizeof out);
    run_cli(dbname, "", "--members 100 --orgs 80000", 2, out, sizeof out);
    assert_non_null(strstr(cli_err, "10–60"));
}

static void a_clerk_cannot_load(void **state)
{
    (void)state;
    scratch();
    char role[80], sql[512], env[256], out[1024];
    snprintf(role, sizeof role, "%s_loader", dbname);
    /* The name is made of digits and letters above; no parameters for DDL. */
    snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN PASSWORD 'Loader-pass-1'", role);
    exec_ok(super, sql, 0, NULL);
    snprintf(sql, sizeof sql, "GRANT CONNECT ON DATABASE %s TO %s", dbname, role);
    exec_ok(super, sql, 0, NULL);
    snprintf(env, sizeof env, "PGUSER=%s PGPASSWORD=Loader-pass-1", role);
    run_cli(dbname, env, "--preset demo", 1, out, sizeof out);
    if (strstr(cli_err, "不是超级用户") == NULL)
        fail_msg("no refusal naming the superuser in: %s", cli_err);
}

static void same_seed_same_data(void **state)
{
    (void)state;
    scratch();
    create_migrated(dbname2);
    char out[4096];
    run_cli(dbname2, "", "--preset demo", 0, out, sizeof out);
    struct dj_db *other = connect_to(dbname2);
    /* Everything but the stamps, row by row in id order (the first database
     * has the sequence test's rows by now: left out). */
    static const char *const digest[] = {
        "SELECT md5(string_agg((to_jsonb(t) - '{updated_at,updated_by,version}'::text[])::text,"
        " '|' ORDER BY id)) FROM app.org t WHERE name <> '测试党支部'",
        "SELECT md5(string_agg((to_jsonb(t) - '{updated_at,updated_by,version}'::text[])::text,"
        " '|' ORDER BY id)) FROM app.person t WHERE name <> '测试'",
        "SELECT md5(string_agg((to_jsonb(t) - '{updated_at,updated_by,version}'::text[])::text,"
        " '|' ORDER BY id)) FROM app.education t WHERE person_id <= 400",
        "SELECT md5(string_agg((to_jsonb(t) - '{updated_at,updated_by,version}'::text[])::text,"
        " '|' ORDER BY id)) FROM app.dev_step t",
        "SELECT md5(string_agg((to_jsonb(t) - '{updated_at,updated_by,version}'::text[])::text,"
        " '|' ORDER BY id)) FROM app.post t",
    };
    for (size_t i = 0; i < sizeof digest / sizeof digest[0]; i++) {
        char mine[64];
        snprintf(mine, sizeof mine, "%s", value(db, digest[i]));
        assert_int_equal(strlen(mine), 32);
        if (strcmp(value(other, digest[i]), mine) != 0)
            fail_msg("the same seed loaded different data:\n%s", digest[i]);
    }
    /* And another seed other data. */
    dj_db_close(other);
    create_migrated(dbname3);
    run_cli(dbname3, "", "--preset demo --seed 2", 0, out, sizeof out);
    other = connect_to(dbname3);
    char mine[64];
    snprintf(mine, sizeof mine, "%s", value(db, digest[1]));
    assert_string_not_equal(value(other, digest[1]), mine);
    dj_db_close(other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prints_one_organization_per_level),
        cmocka_unit_test(tree_as_the_triggers_derive_it),
        cmocka_unit_test(people_as_the_triggers_derive_them),
        cmocka_unit_test(replaying_the_triggers_changes_nothing),
        cmocka_unit_test(every_foreign_key_holds),
        cmocka_unit_test(record_sets_present_and_consistent),
        cmocka_unit_test(one_audit_entry_names_the_load),
        cmocka_unit_test(second_load_refused),
        cmocka_unit_test(a_clerk_cannot_load),
        cmocka_unit_test(sequences_continue_after_the_load),
        cmocka_unit_test(same_seed_same_data),
    };
    return cmocka_run_group_tests_name("dangjian generate", tests, NULL, drop_scratch);
}

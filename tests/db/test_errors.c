/*
 * How src/db/errors.c picks a clerk's message, with a table of our own: this
 * file defines dj_db_error_rules and dj_db_field_labels, so the linker takes
 * them instead of src/db/error_table.c.  No server needed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "db/error_table.h"

const struct dj_db_error_rule dj_db_error_rules[] = {
    {"23503", "org_parent_special", "上级组织不存在或不在您的管理范围内", NULL, 0},
    {"P0001", NULL, NULL, NULL, DJ_ERR_PRIMARY},
    {"23503", NULL, "所填代码不存在", "{field}代码不存在", 0},
    {"23502", NULL, "有必填项没有填写", "{field}是必填项", 0},
    {"40001", NULL, "请重试", NULL, DJ_ERR_RETRY},
    {"08", NULL, "与数据库的连接已断开", NULL, DJ_ERR_LOST},
    {"22", NULL, "所填数据不正确", NULL, 0},
};
const size_t dj_db_error_rule_count = sizeof dj_db_error_rules / sizeof dj_db_error_rules[0];

const struct dj_db_field_label dj_db_field_labels[] = {
    {"person.nation", "民族"},
    {"org_code_key", "组织代码"},
    {NULL, NULL},
};

static struct dj_db_error explain(const char *sqlstate, const char *constraint, const char *table,
                                  const char *column, const char *primary)
{
    struct dj_db_error err;
    memset(&err, 0, sizeof err);
    err.kind = DJ_DB_ERR_SQL;
    dj_db_error_explain(&err, sqlstate, constraint, table, column, primary);
    return err;
}

static void constraint_entry_comes_first(void **state)
{
    (void)state;
    assert_string_equal(explain("23503", "org_parent_special", "org", NULL, NULL).message,
                        "上级组织不存在或不在您的管理范围内");
}

static void field_named_from_the_constraint(void **state)
{
    (void)state;
    /* PostgreSQL's default name: person_nation_fkey -> person.nation. */
    assert_string_equal(explain("23503", "person_nation_fkey", "person", NULL, NULL).message,
                        "民族代码不存在");
    /* A label given for the constraint itself. */
    assert_string_equal(explain("23503", "org_code_key", "org", NULL, NULL).message,
                        "组织代码代码不存在");
    /* NOT NULL: the server names the column. */
    assert_string_equal(explain("23502", NULL, "person", "nation", NULL).message, "民族是必填项");
    /* No label known: the plain message. */
    assert_string_equal(explain("23503", "person_unit_fkey", "person", NULL, NULL).message,
                        "所填代码不存在");
    assert_string_equal(explain("23503", "weird", "person", NULL, NULL).message, "所填代码不存在");
}

static void class_and_flags(void **state)
{
    (void)state;
    struct dj_db_error e = explain("08006", NULL, NULL, NULL, NULL);
    assert_string_equal(e.message, "与数据库的连接已断开");
    assert_int_equal(e.kind, DJ_DB_ERR_LOST);
    assert_true(e.connection_lost);

    e = explain("40001", NULL, NULL, NULL, NULL);
    assert_true(e.retry);
    assert_false(e.connection_lost);

    assert_string_equal(explain("22007", NULL, NULL, NULL, NULL).message, "所填数据不正确");
}

static void unknown_code_is_named(void **state)
{
    (void)state;
    assert_non_null(strstr(explain("XX001", NULL, NULL, NULL, NULL).message, "XX001"));
    assert_non_null(strstr(explain(NULL, NULL, NULL, NULL, NULL).message, "日志"));
    assert_non_null(strstr(explain("", NULL, NULL, NULL, NULL).message, "日志"));
}

static void primary_message_passes_as_one_line(void **state)
{
    (void)state;
    assert_string_equal(explain("P0001", NULL, NULL, NULL, "该党员正在转出，\n不能修改").message,
                        "该党员正在转出， 不能修改");

    /* Too long: cut at a character, never inside one. */
    char longmsg[2000];
    for (int i = 0; i < 600; i++)
        memcpy(longmsg + 3 * i, "中", 3);
    longmsg[1800] = '\0';
    struct dj_db_error e = explain("P0001", NULL, NULL, NULL, longmsg);
    size_t len = strlen(e.message);
    assert_true(len < sizeof e.message);
    assert_true(len > sizeof e.message - 4);
    assert_int_equal(len % 3, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(constraint_entry_comes_first),
        cmocka_unit_test(field_named_from_the_constraint),
        cmocka_unit_test(class_and_flags),
        cmocka_unit_test(unknown_code_is_named),
        cmocka_unit_test(primary_message_passes_as_one_line),
    };
    return cmocka_run_group_tests_name("db error messages", tests, NULL, NULL);
}

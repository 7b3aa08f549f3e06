/* The member's forms (record_fields.c): every tab has its form and the
 * manual's messages, the fields come from model/record_form.h with the
 * right kinds, the checks across fields name the field at fault, and a
 * good ID number fills 性别 and 出生日期 (and must agree with them). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tui/form_id.h"
#include "tui/record_screens.h"

static void set(struct tui_form *f, const char *name, const char *value)
{
    int i = tui_form_find(f, name);
    assert_true(i >= 0);
    assert_int_equal(tui_form_set(f, i, value), 0);
}

static const char *error_of(const struct tui_form *f, const char *name)
{
    return tui_form_error(f, tui_form_find(f, name));
}

/* A form of set, its fields all checked good (or the test fails). */
static void open_form(struct tui_form *f, int set, const char *key)
{
    const struct rec_form_def *d = set == -2 ? rec_form_page(key) : rec_form_def(set);
    assert_non_null(d);
    assert_int_equal(tui_form_init(f, d->fields, d->nfields, NULL), 0);
    tui_form_set_today(f, (struct dj_date){2024, 6, 1});
}

static void every_tab_has_its_form_and_messages(void **state)
{
    (void)state;
    for (int set = 0; set < DJ_REC_COUNT; set++) {
        const struct rec_form_def *d = rec_form_def(set);
        if (set == DJ_REC_ORG_RELATION) {
            assert_null(d); /* only the transfers change it */
            continue;
        }
        assert_non_null(d);
        assert_string_equal(d->title, dj_recsets[set].title);
        assert_non_null(strstr(d->saved, "保存成功！"));
        assert_non_null(strstr(d->deleted, "删除成功！"));
        assert_true(d->nfields > 0);
    }
    assert_string_equal(rec_form_def(DJ_REC_POST)->saved, "工作职务信息保存成功！");
    assert_string_equal(rec_form_def(DJ_REC_POST)->deleted, "工作职务信息删除成功！");
    assert_string_equal(rec_form_def(-1)->saved, "基本信息保存成功！");
}

static void fields_have_the_kinds_of_the_table(void **state)
{
    (void)state;
    const struct rec_form_def *p = rec_form_def(-1);
    /* the ID number right after the name, required ("#" when unknown) */
    assert_string_equal(p->fields[0].name, "name");
    assert_string_equal(p->fields[1].name, "id_number");
    assert_int_equal(p->fields[1].kind, TUI_FIELD_ID);
    assert_true(p->fields[1].required);

    const struct rec_form_def *e = rec_form_def(DJ_REC_EDUCATION);
    bool full_time = false;
    for (int i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, "full_time") == 0) {
            full_time = true;
            assert_int_equal(e->fields[i].kind, TUI_FIELD_CODE);
            assert_non_null(strstr(e->fields[i].code_kind, "t=全日制"));
        }
    assert_true(full_time);

    const struct rec_form_def *post = rec_form_def(DJ_REC_POST);
    assert_string_equal(post->fields[1].name, "org_id");
    assert_string_equal(post->fields[1].code_kind, "org");

    const struct rec_form_def *m = rec_form_page("membership");
    assert_string_equal(m->fields[0].name, "stage");
    assert_string_equal(m->fields[0].code_kind, "member_stage"); /* 预备 or 正式 only */
}

static void date_ranges_name_the_later_field(void **state)
{
    (void)state;
    struct tui_form f;
    open_form(&f, DJ_REC_EDUCATION, NULL);
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("education", &f));
    assert_string_equal(error_of(&f, "education"), "「学历」和「学位」至少填写一项");

    set(&f, "education", "21");
    set(&f, "from_date", "2010-09-01");
    set(&f, "to_date", "2010-07-01");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("education", &f));
    assert_string_equal(error_of(&f, "to_date"), "「毕业日期」不能早于「入学日期」");
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "to_date")), "2010-07-01");

    set(&f, "to_date", "2014-07-01");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_true(rec_form_cross_check("education", &f));
    tui_form_free(&f);
}

static void membership_and_appraisal_rules(void **state)
{
    (void)state;
    struct tui_form f;
    open_form(&f, -2, "membership");
    set(&f, "stage", "5");
    set(&f, "joined_party_on", "2010-07-01");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("membership", &f));
    assert_string_equal(error_of(&f, "became_full_on"), "正式党员须填写「转正日期」");
    set(&f, "stage", "4");
    set(&f, "became_full_on", "2011-07-01");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("membership", &f));
    assert_string_equal(error_of(&f, "became_full_on"), "预备党员不填「转正日期」");
    tui_form_free(&f);

    open_form(&f, DJ_REC_APPRAISAL, NULL);
    set(&f, "year", "1900");
    set(&f, "result", "1");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("appraisal", &f));
    assert_non_null(strstr(error_of(&f, "year"), "1921"));
    set(&f, "year", "二〇二三");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("appraisal", &f));
    assert_string_equal(error_of(&f, "year"), "「年度」应为四位数字的年份，如 2023");
    tui_form_free(&f);
}

static void id_number_fills_and_must_agree(void **state)
{
    (void)state;
    struct tui_form f;
    open_form(&f, -1, NULL);
    set(&f, "name", "王芳");
    set(&f, "id_number", "11010519491231002X"); /* a woman born 1949-12-31 */
    assert_true(tui_form_check_field(&f, tui_form_find(&f, "id_number")));
    assert_true(tui_form_fill_from_id(&f));
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "sex")), "2");
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "birth_date")), "1949-12-31");
    assert_true(tui_form_dirty(&f));
    assert_false(tui_form_fill_from_id(&f)); /* filled once; what is typed stays */

    set(&f, "sex", "1");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("person", &f));
    assert_non_null(strstr(error_of(&f, "sex"), "性别"));

    set(&f, "sex", "2");
    set(&f, "birth_date", "1950-01-01");
    assert_int_equal(tui_form_validate(&f), -1);
    assert_false(rec_form_cross_check("person", &f));
    assert_non_null(strstr(error_of(&f, "birth_date"), "1949-12-31"));

    set(&f, "birth_date", "1949-12-31");
    set(&f, "id_number", "#"); /* unknown: nothing to compare */
    assert_int_equal(tui_form_validate(&f), -1);
    assert_true(rec_form_cross_check("person", &f));
    tui_form_free(&f);
}

/* The clerk corrects a mistyped ID number: what the first number filled in
 * follows the new one, what the clerk typed stays (and must then agree). */
static void corrected_id_number_refills_only_what_it_filled(void **state)
{
    (void)state;
    struct tui_form f;
    open_form(&f, -1, NULL);
    set(&f, "name", "王芳");
    set(&f, "id_number", "11010519491231002X"); /* a woman born 1949-12-31 */
    assert_true(tui_form_check_field(&f, tui_form_find(&f, "id_number")));
    assert_true(tui_form_fill_from_id(&f));
    set(&f, "id_number", "110105195001010012"); /* a man born 1950-01-01 */
    assert_true(tui_form_check_field(&f, tui_form_find(&f, "id_number")));
    assert_true(tui_form_fill_from_id(&f));
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "sex")), "1");
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "birth_date")), "1950-01-01");
    assert_true(tui_form_id_agrees(&f));

    set(&f, "birth_date", "1950-01-02"); /* typed by the clerk: kept, and it disagrees */
    assert_true(tui_form_check_field(&f, tui_form_find(&f, "birth_date")));
    set(&f, "id_number", "11010519491231002X");
    assert_true(tui_form_check_field(&f, tui_form_find(&f, "id_number")));
    assert_true(tui_form_fill_from_id(&f)); /* the sex still follows */
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "sex")), "2");
    assert_string_equal(tui_form_text(&f, tui_form_find(&f, "birth_date")), "1950-01-02");
    assert_false(tui_form_id_agrees(&f));
    assert_non_null(strstr(error_of(&f, "birth_date"), "1949-12-31"));
    tui_form_free(&f);
}

static void first_clause_and_cut(void **state)
{
    (void)state;
    char buf[128];
    rec_first_clause(buf, sizeof buf,
                     "“张三”的信息已由 li 于 2024-06-01 10:00 修改并保存，您的修改没有保存");
    assert_string_equal(buf, "“张三”的信息已由 li 于 2024-06-01 10:00 修改并保存");
    rec_first_clause(buf, 8, "没有逗号的话");
    assert_string_equal(buf, "没有"); /* 7 bytes hold two characters, not two and a third */
    rec_cut(buf, 5, "张三李四");
    assert_string_equal(buf, "张");
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_tab_has_its_form_and_messages),
        cmocka_unit_test(fields_have_the_kinds_of_the_table),
        cmocka_unit_test(date_ranges_name_the_later_field),
        cmocka_unit_test(membership_and_appraisal_rules),
        cmocka_unit_test(id_number_fills_and_must_agree),
        cmocka_unit_test(corrected_id_number_refills_only_what_it_filled),
        cmocka_unit_test(first_clause_and_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

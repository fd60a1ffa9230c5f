/* tests/unit/core/error.c: problem names, messages, the text line format and the capped
 * diagnostics list (src/lib/core/error.c, src/lib/core/diag.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/diag.h"
#include "resorb/error.h"

static resorb_error make_error(resorb_problem p, const char *path, const char *a0,
                               const char *a1, const char *a2)
{
    resorb_error e;
    resorb_error_clear(&e);
    e.code = RESORB_EINVALID;
    e.problem = p;
    e.severity = RESORB_SEV_ERROR;
    resorb_diag__copy_text(e.path, sizeof e.path, path);
    resorb_diag__copy_text(e.args[0], sizeof e.args[0], a0);
    resorb_diag__copy_text(e.args[1], sizeof e.args[1], a1);
    resorb_diag__copy_text(e.args[2], sizeof e.args[2], a2);
    return e;
}

static void assert_message(const resorb_error *e, resorb_lang lang, const char *want)
{
    char buf[512];
    size_t n = resorb_error_message(e, lang, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void assert_line(const resorb_error *e, const char *source, resorb_lang lang,
                        const char *want)
{
    char buf[1024];
    size_t n = resorb_error_format_line(e, source, lang, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void test_error__problem_names_are_unique_and_known(void **state)
{
    (void)state;
    for (int p = 0; p < RESORB_P__COUNT; p++) {
        const char *name = resorb_problem_name((resorb_problem)p);
        assert_non_null(name);
        if (strcmp(name, "unknown") == 0 || !*name)
            fail_msg("problem %d has no name", p);
        if (strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name))
            fail_msg("problem %d: name \"%s\" is not lower_snake_case", p, name);
        for (int q = 0; q < p; q++)
            if (strcmp(name, resorb_problem_name((resorb_problem)q)) == 0)
                fail_msg("problems %d and %d are both named \"%s\"", q, p, name);
    }
}

static void test_error__problem_names_are_stable(void **state)
{
    (void)state;
    /* tests/bad/ and scripts match on these. */
    assert_string_equal(resorb_problem_name(RESORB_P_SYNTAX), "syntax");
    assert_string_equal(resorb_problem_name(RESORB_P_UNKNOWN_FIELD), "unknown_field");
    assert_string_equal(resorb_problem_name(RESORB_P_RANGE), "range");
    assert_string_equal(resorb_problem_name(RESORB_P_TOO_MANY_ERRORS), "too_many_errors");
}

static void test_error__out_of_range_problem_is_unknown(void **state)
{
    (void)state;
    assert_string_equal(resorb_problem_name(RESORB_P__COUNT), "unknown");
    assert_string_equal(resorb_problem_name((resorb_problem)(RESORB_P__COUNT + 100)), "unknown");
    assert_string_equal(resorb_problem_name((resorb_problem)-1), "unknown");
}

static void test_error__severity_names(void **state)
{
    (void)state;
    assert_string_equal(resorb_severity_name(RESORB_SEV_ERROR), "error");
    assert_string_equal(resorb_severity_name(RESORB_SEV_WARNING), "warning");
}

static void test_error__message_renders_arguments(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_RANGE, "/exam/motor/0/mmt", "0", "5", "6");
    assert_message(&e, RESORB_LANG_EN, "expected a value from 0 to 5; found 6");
    assert_message(&e, RESORB_LANG_JA, "0 から 5 までの値が必要ですが、6 でした");
    e = make_error(RESORB_P_UNKNOWN_FIELD, "/patient/agee", "agee", NULL, NULL);
    assert_message(&e, RESORB_LANG_EN,
                   "unknown field \"agee\" (a misspelt field must not silently drop a finding)");
}

static void test_error__message_translates_json_type_names(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_TYPE, "/patient", "object", "string", NULL);
    assert_message(&e, RESORB_LANG_EN, "expected an object, found a string");
    assert_message(&e, RESORB_LANG_JA, "オブジェクト が必要ですが、文字列 でした");
    e = make_error(RESORB_P_TYPE, "/visits", "array", "null", NULL);
    assert_message(&e, RESORB_LANG_EN, "expected an array, found null");
    assert_message(&e, RESORB_LANG_JA, "配列 が必要ですが、null でした");
}

static void test_error__message_reports_needed_length_when_truncated(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_RANGE, "", "0", "5", "6");
    char buf[8];
    size_t n = resorb_error_message(&e, RESORB_LANG_EN, buf, sizeof buf);
    assert_int_equal(n, strlen("expected a value from 0 to 5; found 6"));
    assert_string_equal(buf, "expecte");
}

static void test_error__line_with_position(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_SYNTAX, "", "'}' expected near end of file", NULL, NULL);
    e.line = 3;
    e.column = 14;
    assert_line(&e, "file.json", RESORB_LANG_EN,
                "file.json:3:14: error[syntax]: invalid JSON: '}' expected near end of file");
}

static void test_error__line_without_column_gives_only_the_line(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_SYNTAX, "", "unexpected end of input", NULL, NULL);
    e.line = 7;
    assert_line(&e, "file.json", RESORB_LANG_EN,
                "file.json:7: error[syntax]: invalid JSON: unexpected end of input");
}

static void test_error__line_without_position_names_the_path(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_RANGE, "/exam/motor/0/mmt", "0", "5", "6");
    assert_line(&e, "file.json", RESORB_LANG_EN,
                "file.json: error[range] /exam/motor/0/mmt: expected a value from 0 to 5; "
                "found 6");
    assert_line(&e, "file.json", RESORB_LANG_JA,
                "file.json: error[range] /exam/motor/0/mmt: 0 から 5 までの値が必要ですが、6 "
                "でした");
}

static void test_error__line_without_source_says_dash(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_EMPTY, "", NULL, NULL, NULL);
    assert_line(&e, NULL, RESORB_LANG_EN,
                "-: error[empty]: the input is empty; expected one JSON object");
    assert_line(&e, "", RESORB_LANG_EN,
                "-: error[empty]: the input is empty; expected one JSON object");
}

static void test_error__line_marks_warnings(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_MINOR, "/patient/age", "16", NULL, NULL);
    e.severity = RESORB_SEV_WARNING;
    e.code = RESORB_OK;
    assert_line(&e, "case.json", RESORB_LANG_EN,
                "case.json: warning[minor] /patient/age: age 16 is under 18: the evidence "
                "resorb uses comes from adults");
}

static void test_error__line_reports_needed_length_when_truncated(void **state)
{
    (void)state;
    resorb_error e = make_error(RESORB_P_RANGE, "/exam/motor/0/mmt", "0", "5", "6");
    const char *full =
        "file.json: error[range] /exam/motor/0/mmt: expected a value from 0 to 5; found 6";
    char buf[16];
    size_t n = resorb_error_format_line(&e, "file.json", RESORB_LANG_EN, buf, sizeof buf);
    assert_int_equal(n, strlen(full));
    assert_string_equal(buf, "file.json: erro");
}

static void test_error__line_keeps_long_messages_whole(void **state)
{
    (void)state;
    /* Three arguments at their cap: the caller's buffer is large enough for all of it. */
    char arg[RESORB_ARG_MAX];
    memset(arg, '9', sizeof arg - 1);
    arg[sizeof arg - 1] = '\0';
    resorb_error e = make_error(RESORB_P_RANGE, "/exam/motor/0/mmt", arg, arg, arg);
    char msg[1024], line[2048];
    size_t nm = resorb_error_message(&e, RESORB_LANG_EN, msg, sizeof msg);
    assert_int_equal(nm, strlen(msg));
    size_t nl = resorb_error_format_line(&e, "file.json", RESORB_LANG_EN, line, sizeof line);
    const char *prefix = "file.json: error[range] /exam/motor/0/mmt: ";
    assert_int_equal(nl, strlen(prefix) + nm);
    assert_int_equal(strlen(line), nl);
    assert_string_equal(line + strlen(prefix), msg);
}

static void test_error__diags_count_errors_and_warnings_apart(void **state)
{
    (void)state;
    resorb_diags d;
    resorb_diags_init(&d);
    assert_non_null(resorb_diags__add(&d, RESORB_SEV_ERROR, RESORB_P_REQUIRED, "/a", 0, 0, 0));
    assert_non_null(resorb_diags__add(&d, RESORB_SEV_WARNING, RESORB_P_MINOR, "/b", "16", 0, 0));
    assert_int_equal(d.count, 2);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.dropped, 0);
    assert_int_equal(d.items[0].code, RESORB_EINVALID);
    assert_int_equal(d.items[1].code, RESORB_OK);
    assert_int_equal(d.items[1].severity, RESORB_SEV_WARNING);
}

static void test_error__diags_add_copies_path_and_arguments(void **state)
{
    (void)state;
    resorb_diags d;
    resorb_diags_init(&d);
    char path[] = "/visits/2/date";
    char found[] = "2025-02-30";
    resorb_error *e =
        resorb_diags__add(&d, RESORB_SEV_ERROR, RESORB_P_DATE, path, found, NULL, NULL);
    assert_non_null(e);
    path[1] = 'X'; /* the list keeps its own copies */
    found[0] = 'X';
    assert_string_equal(e->path, "/visits/2/date");
    assert_string_equal(e->args[0], "2025-02-30");
    assert_string_equal(e->args[1], "");
    assert_string_equal(e->args[2], "");
    assert_int_equal(e->line, 0);
    assert_int_equal(e->problem, RESORB_P_DATE);
}

static void test_error__diags_cap_at_max_and_count_dropped(void **state)
{
    (void)state;
    resorb_diags d;
    resorb_diags_init(&d);
    for (int i = 0; i < RESORB_DIAGS_MAX; i++)
        assert_non_null(resorb_diags__add(&d, RESORB_SEV_ERROR, RESORB_P_REQUIRED, "/x", 0, 0, 0));
    for (int i = 0; i < 7; i++)
        assert_null(resorb_diags__add(&d, RESORB_SEV_ERROR, RESORB_P_REQUIRED, "/y", 0, 0, 0));
    for (int i = 0; i < 3; i++)
        assert_null(resorb_diags__add(&d, RESORB_SEV_WARNING, RESORB_P_MINOR, "/z", 0, 0, 0));
    assert_int_equal(d.count, RESORB_DIAGS_MAX);
    assert_int_equal(d.dropped, 10);
    assert_int_equal(d.errors, RESORB_DIAGS_MAX + 7);
    assert_int_equal(d.warnings, 3);
    assert_string_equal(d.items[RESORB_DIAGS_MAX - 1].path, "/x");
}

static void test_error__diags_init_empties_the_list(void **state)
{
    (void)state;
    resorb_diags d;
    memset(&d, 0x5a, sizeof d);
    resorb_diags_init(&d);
    assert_int_equal(d.count, 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_int_equal(d.dropped, 0);
}

static void test_error__copy_text_replaces_control_characters(void **state)
{
    (void)state;
    char out[64];
    resorb_diag__copy_text(out, sizeof out, "a\tb\nc\r\x1b[31mred\x7f\x01z");
    assert_string_equal(out, "a?b?c??[31mred??z");
    resorb_diag__copy_text(out, sizeof out, "日本語 é ok");
    assert_string_equal(out, "日本語 é ok");
}

static void test_error__copy_text_of_null_is_empty(void **state)
{
    (void)state;
    char out[8] = "junk";
    resorb_diag__copy_text(out, sizeof out, NULL);
    assert_string_equal(out, "");
}

static void test_error__copy_text_with_zero_size_writes_nothing(void **state)
{
    (void)state;
    char out[4] = "abc";
    resorb_diag__copy_text(out, 0, "xyz");
    assert_string_equal(out, "abc");
}

/* Length of the longest prefix of s, at most max bytes, that ends on a character boundary. */
static size_t boundary_prefix(const char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static void test_error__copy_text_never_splits_a_utf8_character(void **state)
{
    (void)state;
    /* 1-, 2-, 3- and 4-byte characters: a, é, 日, 😀 */
    const char *src = "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80z\xe6\x97\xa5";
    size_t srclen = strlen(src);
    for (size_t n = 1; n <= srclen + 2; n++) {
        char out[32];
        memset(out, '#', sizeof out);
        resorb_diag__copy_text(out, n, src);
        size_t want = boundary_prefix(src, n - 1);
        if (strlen(out) != want || memcmp(out, src, want) != 0)
            fail_msg("size %zu: got %zu bytes, expected the first %zu", n, strlen(out), want);
        assert_int_equal(out[n], '#'); /* nothing written past the buffer */
    }
}

static void test_error__copy_text_truncates_japanese_on_a_boundary(void **state)
{
    (void)state;
    char out[8]; /* 7 bytes of text: two 3-byte characters fit, the third does not */
    resorb_diag__copy_text(out, sizeof out, "日本語です");
    assert_string_equal(out, "日本");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error__problem_names_are_unique_and_known),
        cmocka_unit_test(test_error__problem_names_are_stable),
        cmocka_unit_test(test_error__out_of_range_problem_is_unknown),
        cmocka_unit_test(test_error__severity_names),
        cmocka_unit_test(test_error__message_renders_arguments),
        cmocka_unit_test(test_error__message_translates_json_type_names),
        cmocka_unit_test(test_error__message_reports_needed_length_when_truncated),
        cmocka_unit_test(test_error__line_with_position),
        cmocka_unit_test(test_error__line_without_column_gives_only_the_line),
        cmocka_unit_test(test_error__line_without_position_names_the_path),
        cmocka_unit_test(test_error__line_without_source_says_dash),
        cmocka_unit_test(test_error__line_marks_warnings),
        cmocka_unit_test(test_error__line_reports_needed_length_when_truncated),
        cmocka_unit_test(test_error__line_keeps_long_messages_whole),
        cmocka_unit_test(test_error__diags_count_errors_and_warnings_apart),
        cmocka_unit_test(test_error__diags_add_copies_path_and_arguments),
        cmocka_unit_test(test_error__diags_cap_at_max_and_count_dropped),
        cmocka_unit_test(test_error__diags_init_empties_the_list),
        cmocka_unit_test(test_error__copy_text_replaces_control_characters),
        cmocka_unit_test(test_error__copy_text_of_null_is_empty),
        cmocka_unit_test(test_error__copy_text_with_zero_size_writes_nothing),
        cmocka_unit_test(test_error__copy_text_never_splits_a_utf8_character),
        cmocka_unit_test(test_error__copy_text_truncates_japanese_on_a_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

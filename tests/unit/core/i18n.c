/* tests/unit/core/i18n.c: language selection, messages and the compiled catalog
 * (src/lib/core/i18n.c, data/i18n/ *.tsv). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "resorb/error.h"
#include "resorb/i18n.h"

static void assert_lang(const char *s, resorb_lang want)
{
    resorb_lang got = want == RESORB_LANG_EN ? RESORB_LANG_JA : RESORB_LANG_EN;
    if (resorb_lang_parse(s, &got) != 0)
        fail_msg("\"%s\" was rejected", s);
    if (got != want)
        fail_msg("\"%s\" gave %s, expected %s", s, resorb_lang_code(got), resorb_lang_code(want));
}

static void assert_lang_rejected(const char *s)
{
    resorb_lang got = (resorb_lang)42;
    if (resorb_lang_parse(s, &got) != RESORB_EUSAGE)
        fail_msg("\"%s\" was accepted", s ? s : "(null)");
    assert_int_equal(got, 42); /* the output is assigned only on success */
}

static void test_i18n__lang_parse_accepts_en_and_ja(void **state)
{
    (void)state;
    assert_lang("en", RESORB_LANG_EN);
    assert_lang("ja", RESORB_LANG_JA);
}

static void test_i18n__lang_parse_accepts_locale_names(void **state)
{
    (void)state;
    assert_lang("ja_JP.UTF-8", RESORB_LANG_JA);
    assert_lang("ja_JP", RESORB_LANG_JA);
    assert_lang("ja-JP", RESORB_LANG_JA);
    assert_lang("ja.UTF-8", RESORB_LANG_JA);
    assert_lang("en-US", RESORB_LANG_EN);
    assert_lang("en_US", RESORB_LANG_EN);
    assert_lang("en_GB.UTF-8", RESORB_LANG_EN);
}

static void test_i18n__lang_parse_takes_c_and_posix_as_english(void **state)
{
    (void)state;
    assert_lang("C", RESORB_LANG_EN);
    assert_lang("C.UTF-8", RESORB_LANG_EN);
    assert_lang("POSIX", RESORB_LANG_EN);
}

static void test_i18n__lang_parse_rejects_other_languages(void **state)
{
    (void)state;
    assert_lang_rejected("fr");
    assert_lang_rejected("fr_FR.UTF-8");
    assert_lang_rejected("de-DE");
    assert_lang_rejected("");
    assert_lang_rejected(NULL);
    assert_lang_rejected("jax");
    assert_lang_rejected("eng");
    assert_lang_rejected("j");
    assert_lang_rejected("e");
    assert_lang_rejected("CC");
    assert_lang_rejected("POSIXLY");
}

static void test_i18n__lang_code_names_each_language(void **state)
{
    (void)state;
    assert_string_equal(resorb_lang_code(RESORB_LANG_EN), "en");
    assert_string_equal(resorb_lang_code(RESORB_LANG_JA), "ja");
}

static void test_i18n__locale_lc_all_wins_over_lc_messages_and_lang(void **state)
{
    (void)state;
    assert_int_equal(resorb_lang_from_locale("ja_JP.UTF-8", "en_US.UTF-8", "en_US.UTF-8"),
                     RESORB_LANG_JA);
    assert_int_equal(resorb_lang_from_locale("C", "ja_JP.UTF-8", "ja_JP.UTF-8"), RESORB_LANG_EN);
}

static void test_i18n__locale_lc_messages_wins_over_lang(void **state)
{
    (void)state;
    assert_int_equal(resorb_lang_from_locale(NULL, "ja_JP.UTF-8", "en_US.UTF-8"), RESORB_LANG_JA);
    assert_int_equal(resorb_lang_from_locale(NULL, "en_US.UTF-8", "ja_JP.UTF-8"), RESORB_LANG_EN);
}

static void test_i18n__locale_lang_is_used_last(void **state)
{
    (void)state;
    assert_int_equal(resorb_lang_from_locale(NULL, NULL, "ja_JP.UTF-8"), RESORB_LANG_JA);
    assert_int_equal(resorb_lang_from_locale(NULL, NULL, "en_US.UTF-8"), RESORB_LANG_EN);
}

static void test_i18n__locale_skips_empty_variables(void **state)
{
    (void)state;
    assert_int_equal(resorb_lang_from_locale("", "", "ja_JP.UTF-8"), RESORB_LANG_JA);
    assert_int_equal(resorb_lang_from_locale("", "ja_JP.UTF-8", "en_US.UTF-8"), RESORB_LANG_JA);
    assert_int_equal(resorb_lang_from_locale(NULL, "", "ja"), RESORB_LANG_JA);
}

static void test_i18n__locale_defaults_to_english_when_unset(void **state)
{
    (void)state;
    assert_int_equal(resorb_lang_from_locale(NULL, NULL, NULL), RESORB_LANG_EN);
    assert_int_equal(resorb_lang_from_locale("", "", ""), RESORB_LANG_EN);
}

static void test_i18n__locale_unknown_language_gives_english(void **state)
{
    (void)state;
    /* The first variable that is set decides (POSIX); an unknown language means English. */
    assert_int_equal(resorb_lang_from_locale(NULL, NULL, "fr_FR.UTF-8"), RESORB_LANG_EN);
    assert_int_equal(resorb_lang_from_locale("de_DE.UTF-8", NULL, "ja_JP.UTF-8"), RESORB_LANG_EN);
}

static void test_i18n__msg_returns_the_text_in_each_language(void **state)
{
    (void)state;
    assert_string_equal(resorb_msg(RESORB_LANG_EN, "jsontype.array"), "an array");
    assert_string_equal(resorb_msg(RESORB_LANG_JA, "jsontype.array"), "配列");
}

static void test_i18n__msg_falls_back_to_the_key_when_missing(void **state)
{
    (void)state;
    assert_string_equal(resorb_msg(RESORB_LANG_EN, "no.such.key"), "no.such.key");
    assert_string_equal(resorb_msg(RESORB_LANG_JA, "no.such.key"), "no.such.key");
    assert_string_equal(resorb_msg(RESORB_LANG_EN, ""), "");
    /* A prefix of a real key is not that key. */
    assert_string_equal(resorb_msg(RESORB_LANG_EN, "jsontype.arra"), "jsontype.arra");
}

static void test_i18n__msg_finds_every_catalog_key(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_catalog_size(); i++) {
        const char *key, *en, *ja;
        assert_int_equal(resorb_catalog_entry(i, &key, &en, &ja), 0);
        assert_string_equal(resorb_msg(RESORB_LANG_EN, key), en);
        assert_string_equal(resorb_msg(RESORB_LANG_JA, key), ja);
    }
}

static void test_i18n__msg_format_substitutes_placeholders(void **state)
{
    (void)state;
    const char *args[] = {"0", "5", "6"};
    char buf[256];
    size_t n = resorb_msg_format(buf, sizeof buf, RESORB_LANG_EN, "problem.range", args, 3);
    assert_string_equal(buf, "expected a value from 0 to 5; found 6");
    assert_int_equal(n, strlen(buf));
    n = resorb_msg_format(buf, sizeof buf, RESORB_LANG_JA, "problem.range", args, 3);
    assert_string_equal(buf, "0 から 5 までの値が必要ですが、6 でした");
    assert_int_equal(n, strlen(buf));
}

static void test_i18n__msg_format_substitutes_in_any_order(void **state)
{
    (void)state;
    const char *args[] = {"A", "B", "C"};
    char buf[64];
    /* A key the catalog lacks is its own text, so it can carry any placeholder order. */
    resorb_msg_format(buf, sizeof buf, RESORB_LANG_JA, "{2}-{0}-{1}-{0}", args, 3);
    assert_string_equal(buf, "C-A-B-A");
}

static void test_i18n__msg_format_missing_arguments_become_empty(void **state)
{
    (void)state;
    const char *args[] = {"A", NULL};
    char buf[64];
    resorb_msg_format(buf, sizeof buf, RESORB_LANG_EN, "[{0}|{1}|{2}|{9}]", args, 2);
    assert_string_equal(buf, "[A|||]");
    resorb_msg_format(buf, sizeof buf, RESORB_LANG_EN, "[{0}]", NULL, 0);
    assert_string_equal(buf, "[]");
}

static void test_i18n__msg_format_leaves_other_braces_alone(void **state)
{
    (void)state;
    const char *args[] = {"A"};
    char buf[64];
    resorb_msg_format(buf, sizeof buf, RESORB_LANG_EN, "{x} {} {0 {10} {0}", args, 1);
    assert_string_equal(buf, "{x} {} {0 {10} A");
    resorb_msg_format(buf, sizeof buf, RESORB_LANG_EN, "end {", args, 1);
    assert_string_equal(buf, "end {");
}

static void test_i18n__msg_format_reports_needed_length_when_truncated(void **state)
{
    (void)state;
    const char *args[] = {"0", "5", "6"};
    const char *full = "expected a value from 0 to 5; found 6";
    char buf[10];
    memset(buf, 'x', sizeof buf);
    size_t n = resorb_msg_format(buf, sizeof buf, RESORB_LANG_EN, "problem.range", args, 3);
    assert_int_equal(n, strlen(full));
    assert_int_equal(buf[sizeof buf - 1], '\0');
    assert_memory_equal(buf, full, sizeof buf - 1);
    /* No buffer at all: only the length. */
    assert_int_equal(resorb_msg_format(NULL, 0, RESORB_LANG_EN, "problem.range", args, 3),
                     strlen(full));
    buf[0] = 'x';
    assert_int_equal(resorb_msg_format(buf, 1, RESORB_LANG_EN, "problem.range", args, 3),
                     strlen(full));
    assert_int_equal(buf[0], '\0');
}

static void test_i18n__catalog_is_not_empty(void **state)
{
    (void)state;
    const char *key = "x", *en = "x", *ja = "x";
    assert_true(resorb_catalog_size() > 0);
    assert_int_equal(resorb_catalog_entry(resorb_catalog_size(), &key, &en, &ja),
                     RESORB_ENOTFOUND);
    assert_string_equal(key, "x");
}

static void test_i18n__catalog_entries_have_english_and_japanese(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_catalog_size(); i++) {
        const char *key, *en, *ja;
        assert_int_equal(resorb_catalog_entry(i, &key, &en, &ja), 0);
        assert_non_null(key);
        assert_non_null(en);
        assert_non_null(ja);
        if (!*key)
            fail_msg("entry %zu has an empty key", i);
        if (!*en || !*ja)
            fail_msg("%s: empty %s text", key, !*en ? "English" : "Japanese");
    }
}

static void test_i18n__catalog_keys_are_strictly_sorted(void **state)
{
    (void)state;
    const char *prev = NULL;
    for (size_t i = 0; i < resorb_catalog_size(); i++) {
        const char *key, *en, *ja;
        assert_int_equal(resorb_catalog_entry(i, &key, &en, &ja), 0);
        /* strictly increasing: sorted for the binary search, and no key twice */
        if (prev && strcmp(prev, key) >= 0)
            fail_msg("key \"%s\" follows \"%s\"", key, prev);
        prev = key;
    }
}

/* Bit N set when {N} occurs in s. */
static unsigned placeholders(const char *s)
{
    unsigned bits = 0;
    for (; *s; s++)
        if (s[0] == '{' && s[1] >= '0' && s[1] <= '9' && s[2] == '}')
            bits |= 1u << (s[1] - '0');
    return bits;
}

static void test_i18n__catalog_placeholders_match_between_languages(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_catalog_size(); i++) {
        const char *key, *en, *ja;
        assert_int_equal(resorb_catalog_entry(i, &key, &en, &ja), 0);
        unsigned pe = placeholders(en), pj = placeholders(ja);
        if (pe & ~pj)
            fail_msg("%s: placeholders 0x%x used in en are missing in ja", key, pe & ~pj);
        if (pj & ~pe)
            fail_msg("%s: placeholders 0x%x used in ja are missing in en", key, pj & ~pe);
    }
}

static void test_i18n__every_problem_has_a_japanese_message(void **state)
{
    (void)state;
    for (int p = 1; p < RESORB_P__COUNT; p++) {
        const char *name = resorb_problem_name((resorb_problem)p);
        char key[96];
        snprintf(key, sizeof key, "problem.%s", name);
        const char *en = resorb_msg(RESORB_LANG_EN, key);
        const char *ja = resorb_msg(RESORB_LANG_JA, key);
        if (strcmp(en, key) == 0)
            fail_msg("problem %d: no catalog key \"%s\"", p, key);
        if (strcmp(en, ja) == 0)
            fail_msg("%s: the Japanese text is the English one", key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_i18n__lang_parse_accepts_en_and_ja),
        cmocka_unit_test(test_i18n__lang_parse_accepts_locale_names),
        cmocka_unit_test(test_i18n__lang_parse_takes_c_and_posix_as_english),
        cmocka_unit_test(test_i18n__lang_parse_rejects_other_languages),
        cmocka_unit_test(test_i18n__lang_code_names_each_language),
        cmocka_unit_test(test_i18n__locale_lc_all_wins_over_lc_messages_and_lang),
        cmocka_unit_test(test_i18n__locale_lc_messages_wins_over_lang),
        cmocka_unit_test(test_i18n__locale_lang_is_used_last),
        cmocka_unit_test(test_i18n__locale_skips_empty_variables),
        cmocka_unit_test(test_i18n__locale_defaults_to_english_when_unset),
        cmocka_unit_test(test_i18n__locale_unknown_language_gives_english),
        cmocka_unit_test(test_i18n__msg_returns_the_text_in_each_language),
        cmocka_unit_test(test_i18n__msg_falls_back_to_the_key_when_missing),
        cmocka_unit_test(test_i18n__msg_finds_every_catalog_key),
        cmocka_unit_test(test_i18n__msg_format_substitutes_placeholders),
        cmocka_unit_test(test_i18n__msg_format_substitutes_in_any_order),
        cmocka_unit_test(test_i18n__msg_format_missing_arguments_become_empty),
        cmocka_unit_test(test_i18n__msg_format_leaves_other_braces_alone),
        cmocka_unit_test(test_i18n__msg_format_reports_needed_length_when_truncated),
        cmocka_unit_test(test_i18n__catalog_is_not_empty),
        cmocka_unit_test(test_i18n__catalog_entries_have_english_and_japanese),
        cmocka_unit_test(test_i18n__catalog_keys_are_strictly_sorted),
        cmocka_unit_test(test_i18n__catalog_placeholders_match_between_languages),
        cmocka_unit_test(test_i18n__every_problem_has_a_japanese_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

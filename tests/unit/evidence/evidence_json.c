/* tests/unit/evidence/evidence_json.c: the JSON form of an evidence row
 * (src/lib/evidence/evidence_json.c) and the short source it carries (src/lib/evidence/source.c),
 * shared by `resorb evidence --format json` and /api/v1/evidence. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "resorb/error.h"
#include "resorb/evidence.h"
#include "resorb/evidence_json.h"

/* The short source of the table's row id. */
static const char *source_of(const char *id, char *buf, size_t n)
{
    const resorb_evidence_row *r = resorb_evidence_find(id);
    if (!r)
        fail_msg("missing row %s", id);
    assert_int_equal(resorb_evidence_short_source(buf, n, r), 0);
    return buf;
}

/* A row made here, with every text field set (as the generator guarantees). */
static resorb_evidence_row made_row(const char *authors, const char *journal, int year)
{
    resorb_evidence_row r = {
        .id = "test.row",
        .label_en = "a label",
        .label_ja = "ラベル",
        .has_value = false,
        .value = 0,
        .low = NAN,
        .high = NAN,
        .unit = "",
        .population = "",
        .n = -1,
        .authors = authors,
        .title = "",
        .journal = journal,
        .year = year,
        .doi = "",
        .pmid = "",
        .confidence = RESORB_CONF_INFERRED,
        .note = "made for the test",
    };
    return r;
}

static void test_evidence_json__keys_in_column_order(void **state)
{
    (void)state;
    static const char *const keys[] = {"id",         "label_en", "label_ja",   "value", "low",
                                       "high",       "unit",     "population", "n",     "authors",
                                       "title",      "journal",  "year",       "doi",   "pmid",
                                       "confidence", "note",     "source"};
    const size_t n_keys = sizeof keys / sizeof keys[0];
    const resorb_evidence_row *r = resorb_evidence_find("chiu2015.regression.extrusion");
    assert_non_null(r);
    json_t *o = NULL;
    assert_int_equal(resorb_evidence_row_json(&o, r), 0);
    assert_non_null(o);
    assert_true(json_is_object(o));
    assert_int_equal(json_object_size(o), n_keys);
    size_t i = 0;
    for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it), i++) {
        assert_true(i < n_keys);
        assert_string_equal(json_object_iter_key(it), keys[i]);
    }
    assert_int_equal(i, n_keys);

    /* The values are the row's, absent numbers null. */
    assert_string_equal(json_string_value(json_object_get(o, "id")), r->id);
    assert_string_equal(json_string_value(json_object_get(o, "label_ja")), r->label_ja);
    assert_true(json_is_real(json_object_get(o, "value")));
    assert_true(json_real_value(json_object_get(o, "value")) == r->value);
    assert_true(json_is_null(json_object_get(o, "low")));
    assert_true(json_is_null(json_object_get(o, "high")));
    assert_true(json_is_null(json_object_get(o, "n")));
    assert_int_equal(json_integer_value(json_object_get(o, "year")), 2015);
    assert_string_equal(json_string_value(json_object_get(o, "journal")), r->journal);
    assert_string_equal(json_string_value(json_object_get(o, "confidence")), "abstract");
    assert_string_equal(json_string_value(json_object_get(o, "source")), "Chiu 2015");

    /* Byte-stable: the same row dumps to the same text twice. */
    json_t *again = NULL;
    assert_int_equal(resorb_evidence_row_json(&again, r), 0);
    char *a = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    char *b = json_dumps(again, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    assert_non_null(strstr(a, "\"value\": 70.0,"));
    free(a);
    free(b);
    json_decref(again);
    json_decref(o);
}

static void test_evidence_json__every_row_converts_with_its_short_source(void **state)
{
    (void)state;
    char buf[RESORB_EVIDENCE_SOURCE_MAX];
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        json_t *o = NULL;
        if (resorb_evidence_row_json(&o, r) != 0)
            fail_msg("%s: no JSON", r->id);
        if (resorb_evidence_short_source(buf, sizeof buf, r) != 0)
            fail_msg("%s: the short source does not fit %d bytes", r->id,
                     RESORB_EVIDENCE_SOURCE_MAX);
        if (!*buf)
            fail_msg("%s: empty short source", r->id);
        assert_string_equal(json_string_value(json_object_get(o, "source")), buf);
        json_decref(o);
    }
}

static void test_evidence_json__qualitative_row_has_null_numbers(void **state)
{
    (void)state;
    resorb_evidence_row r = made_row("Smith JA", "J Test 2001;1:1-2", 0);
    json_t *o = NULL;
    assert_int_equal(resorb_evidence_row_json(&o, &r), 0);
    assert_true(json_is_null(json_object_get(o, "value")));
    assert_true(json_is_null(json_object_get(o, "n")));
    assert_true(json_is_null(json_object_get(o, "year")));
    assert_string_equal(json_string_value(json_object_get(o, "confidence")), "inferred");
    assert_string_equal(json_string_value(json_object_get(o, "source")), "Smith");
    json_decref(o);
}

static void test_evidence_json__short_source_of_table_rows(void **state)
{
    (void)state;
    char buf[RESORB_EVIDENCE_SOURCE_MAX];
    /* First author's surname without initials, and the year. */
    assert_string_equal(source_of("chiu2015.regression.extrusion", buf, sizeof buf), "Chiu 2015");
    /* A surname of two words, "et al." dropped. */
    assert_string_equal(source_of("ramosamador2013.disappeared_12_months", buf, sizeof buf),
                        "Ramos Amador 2013");
    /* A lower-case particle stays. */
    assert_string_equal(source_of("vanseventer2013.dn4.cutoff", buf, sizeof buf),
                        "van Seventer 2013");
    /* A body as author, up to the comma. */
    assert_string_equal(source_of("mhlw2018.elderly.focus_age", buf, sizeof buf),
                        "Ministry of Health 2018");
    /* No author: the journal, whose text already has the year (not repeated). */
    assert_string_equal(source_of("actaneurochir2020.improve_3m", buf, sizeof buf),
                        "Acta Neurochir 2020");
    /* No author and no year: the journal (a drug label) up to its parenthesis. */
    assert_string_equal(source_of("acelio.indication", buf, sizeof buf), "Acelio");
}

static void test_evidence_json__short_source_rules(void **state)
{
    (void)state;
    char buf[RESORB_EVIDENCE_SOURCE_MAX];
    resorb_evidence_row r = made_row("Lee SH et al", "", 2010);
    assert_int_equal(resorb_evidence_short_source(buf, sizeof buf, &r), 0);
    assert_string_equal(buf, "Lee 2010"); /* "et al" without its period */
    r = made_row("World Health Organization (WHO)", "", 2019);
    assert_int_equal(resorb_evidence_short_source(buf, sizeof buf, &r), 0);
    assert_string_equal(buf, "World Health Organization 2019"); /* up to the parenthesis */
    r = made_row("Smith ABCDE", "", 2001);
    assert_int_equal(resorb_evidence_short_source(buf, sizeof buf, &r), 0);
    assert_string_equal(buf, "Smith ABCDE 2001"); /* five capitals are not initials */
    r = made_row("", "Spine J 2012;12(3):1-9", 2012);
    assert_int_equal(resorb_evidence_short_source(buf, sizeof buf, &r), 0);
    assert_string_equal(buf, "Spine J 2012"); /* the journal up to its volume */
    r = made_row("", "Spine J", 2012);
    assert_int_equal(resorb_evidence_short_source(buf, sizeof buf, &r), 0);
    assert_string_equal(buf, "Spine J 2012");
}

static void test_evidence_json__short_source_is_cut_at_a_character(void **state)
{
    (void)state;
    char buf[8];
    resorb_evidence_row r = made_row("Chiu CC", "", 2015);
    assert_int_equal(resorb_evidence_short_source(buf, 7, &r), RESORB_ETOOLARGE);
    assert_string_equal(buf, "Chiu 2"); /* as much as fits */
    /* "日本" is 6 bytes: 5 bytes of room keep the first character only. */
    r = made_row("日本 et al.", "", 0);
    assert_int_equal(resorb_evidence_short_source(buf, 6, &r), RESORB_ETOOLARGE);
    assert_string_equal(buf, "日");
    assert_int_equal(resorb_evidence_short_source(buf, 7, &r), 0);
    assert_string_equal(buf, "日本");
}

static void test_evidence_json__null_arguments_are_usage_errors(void **state)
{
    (void)state;
    char buf[RESORB_EVIDENCE_SOURCE_MAX] = "untouched";
    const resorb_evidence_row *r = resorb_evidence_at(0);
    json_t *sentinel = json_object(), *o = sentinel;
    assert_int_equal(resorb_evidence_row_json(NULL, r), RESORB_EUSAGE);
    assert_int_equal(resorb_evidence_row_json(&o, NULL), RESORB_EUSAGE);
    assert_ptr_equal(o, sentinel); /* assigned only on success */
    assert_int_equal(resorb_evidence_short_source(NULL, sizeof buf, r), RESORB_EUSAGE);
    assert_int_equal(resorb_evidence_short_source(buf, 0, r), RESORB_EUSAGE);
    assert_int_equal(resorb_evidence_short_source(buf, sizeof buf, NULL), RESORB_EUSAGE);
    assert_string_equal(buf, "untouched");
    /* A text field jansson cannot hold: an error, nothing assigned. */
    resorb_evidence_row bad = made_row("Smith JA", "", 2001);
    bad.note = NULL;
    assert_int_equal(resorb_evidence_row_json(&o, &bad), RESORB_ENOMEM);
    assert_ptr_equal(o, sentinel);
    json_decref(sentinel);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evidence_json__keys_in_column_order),
        cmocka_unit_test(test_evidence_json__every_row_converts_with_its_short_source),
        cmocka_unit_test(test_evidence_json__qualitative_row_has_null_numbers),
        cmocka_unit_test(test_evidence_json__short_source_of_table_rows),
        cmocka_unit_test(test_evidence_json__short_source_rules),
        cmocka_unit_test(test_evidence_json__short_source_is_cut_at_a_character),
        cmocka_unit_test(test_evidence_json__null_arguments_are_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

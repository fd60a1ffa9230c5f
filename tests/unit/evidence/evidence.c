/* tests/unit/evidence/evidence.c: the compiled evidence tables (src/lib/evidence/evidence.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "resorb/evidence.h"

static bool empty(const char *s)
{
    return !s || !*s;
}

static void test_evidence__has_many_rows(void **state)
{
    (void)state;
    assert_true(resorb_evidence_count() >= 200);
    assert_null(resorb_evidence_at(resorb_evidence_count()));
    assert_non_null(resorb_evidence_at(0));
}

static void test_evidence__every_row_has_a_source_and_a_confidence(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        assert_non_null(r);
        /* Who: authors or a journal/registry. Where: a year, a DOI, a PMID, or the journal
         * column carrying a registry id or web address (checked exactly by the generator). */
        if (empty(r->authors) && empty(r->journal))
            fail_msg("%s: no authors and no journal", r->id);
        if (r->year == 0 && empty(r->doi) && empty(r->pmid) && empty(r->journal))
            fail_msg("%s: no year, doi, pmid or locator", r->id);
        if (r->confidence < RESORB_CONF_SOURCE_TEXT || r->confidence >= RESORB_CONF__COUNT)
            fail_msg("%s: confidence %d out of range", r->id, (int)r->confidence);
        assert_string_not_equal(resorb_confidence_name(r->confidence), "unknown");
        if (r->confidence == RESORB_CONF_INFERRED && empty(r->note))
            fail_msg("%s: an inferred row must say how it was derived", r->id);
        if (empty(r->label_en) || empty(r->label_ja))
            fail_msg("%s: a label is missing", r->id);
        assert_non_null(r->unit);
        assert_non_null(r->population);
        assert_non_null(r->title);
        assert_non_null(r->note);
        if (!empty(r->doi) && strncmp(r->doi, "10.", 3) != 0)
            fail_msg("%s: doi %s does not start with 10.", r->id, r->doi);
    }
}

static void test_evidence__ids_are_unique_sorted_and_well_formed(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const char *id = resorb_evidence_at(i)->id;
        assert_true(strlen(id) > 0);
        for (const char *p = id; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
                  *p == '-'))
                fail_msg("%s: character '%c' not allowed in an id", id, *p);
        if (i > 0 && strcmp(resorb_evidence_at(i - 1)->id, id) >= 0)
            fail_msg("ids out of order or duplicated: %s then %s", resorb_evidence_at(i - 1)->id,
                     id);
    }
}

static void test_evidence__find_returns_every_row_and_null_for_unknown(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        assert_ptr_equal(resorb_evidence_find(r->id), r);
    }
    assert_null(resorb_evidence_find("no.such.row"));
    assert_null(resorb_evidence_find(""));
    assert_null(resorb_evidence_find("chiu2015"));
    assert_null(resorb_evidence_find("chiu2015.regression.sequestration.x"));
    assert_null(resorb_evidence_find("CHIU2015.REGRESSION.SEQUESTRATION"));
    assert_null(resorb_evidence_find("zzzz"));
    assert_null(resorb_evidence_find("0"));
    assert_null(resorb_evidence_find(NULL));
}

static void test_evidence__chiu_sequestration_is_as_published(void **state)
{
    (void)state;
    /* EVIDENCE: chiu2015.regression.sequestration */
    const resorb_evidence_row *r = resorb_evidence_find("chiu2015.regression.sequestration");
    assert_non_null(r);
    assert_true(r->has_value);
    assert_true(r->value == 96.0);
    assert_string_equal(r->unit, "%");
    assert_string_equal(r->doi, "10.1177/0269215514540919");
    assert_int_equal(r->year, 2015);
    assert_int_equal(r->confidence, RESORB_CONF_ABSTRACT);
    assert_true(isnan(r->low) && isnan(r->high));
    assert_int_equal(r->n, -1);
}

/* The four morphologies in the order of more extrusion: each source must be monotone. */
static void assert_monotone(const char *prefix)
{
    static const char *const kinds[] = {"sequestration", "extrusion", "protrusion", "bulge"};
    double previous = INFINITY;
    for (size_t i = 0; i < 4; i++) {
        char id[128];
        snprintf(id, sizeof id, "%s.%s", prefix, kinds[i]);
        const resorb_evidence_row *r = resorb_evidence_find(id);
        if (!r)
            fail_msg("missing row %s", id);
        assert_true(r->has_value);
        assert_string_equal(r->unit, "%");
        if (!(r->value < previous))
            fail_msg("%s = %g is not below the previous morphology (%g)", id, r->value, previous);
        previous = r->value;
    }
}

static void test_evidence__regression_is_monotone_in_morphology(void **state)
{
    (void)state;
    assert_monotone("chiu2015.regression");
    assert_monotone("zou2023.regression");
    const resorb_evidence_row *seq =
        resorb_evidence_find("chiu2015.complete_resolution.sequestration");
    const resorb_evidence_row *ext = resorb_evidence_find("chiu2015.complete_resolution.extrusion");
    assert_non_null(seq);
    assert_non_null(ext);
    assert_true(seq->value == 43.0 && ext->value == 15.0);
}

static void test_evidence__percentages_lie_in_0_to_100(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        if (strcmp(r->unit, "%") != 0)
            continue;
        if (r->has_value && !(r->value >= 0 && r->value <= 100))
            fail_msg("%s: %g%% outside [0, 100]", r->id, r->value);
        if (!isnan(r->low) && !(r->low >= 0 && r->low <= 100))
            fail_msg("%s: low %g%% outside [0, 100]", r->id, r->low);
        if (!isnan(r->high) && !(r->high >= 0 && r->high <= 100))
            fail_msg("%s: high %g%% outside [0, 100]", r->id, r->high);
    }
}

static void test_evidence__intervals_and_counts_are_consistent(void **state)
{
    (void)state;
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        if (!r->has_value)
            assert_true(isnan(r->value));
        else
            assert_true(isfinite(r->value));
        if (!isnan(r->low) && !isnan(r->high) && r->low > r->high)
            fail_msg("%s: low above high", r->id);
        if (r->has_value && !isnan(r->low) && r->value < r->low)
            fail_msg("%s: value below low", r->id);
        if (r->has_value && !isnan(r->high) && r->value > r->high)
            fail_msg("%s: value above high", r->id);
        if (r->n == 0 || r->n < -1)
            fail_msg("%s: n is %d", r->id, r->n);
        if (r->year != 0 && (r->year < 1900 || r->year > 2100))
            fail_msg("%s: year %d", r->id, r->year);
    }
}

/* Rows the triage and the prognosis rely on must exist with the figures of the brief. */
static void test_evidence__key_rows_exist(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        double value;
    } rows[] = {
        {"wang2020.regression.pooled", 63},
        {"wang2020.decision.first_months", 4},
        {"wang2020.decision.second_months", 10.5},
        {"zou2023.regression.overall", 70.39},
        {"zou2023.regression.extrusion", 66.91},
        {"peul2007.operated_1y", 39},
        {"peul2007.recovery_hr", 1.97},
        {"peul2008.operated_2y", 44},
        {"lequin2013.predictor.age_over_40", 2.42},
        {"lequin2013.threshold.age", 40},
        {"lequin2013.threshold.leg_vas", 70},
        {"eurspinej2014.motor.severe_mmt", 3},
        {"ahn2000.ces.decompression_within", 48},
        {"kumar2022.bladder.within_48h", 24.6},
        {"kumar2022.bladder.after_48h", 50.3},
        {"thome2022.motor.surgery_within", 3},
        {"hornung2023.guidelines.surgery_after", 3},
        {"farrar2001.nrs.important_change", 2},
        {"farrar2001.nrs.important_change_percent", 30},
        {"ostelo2008.mic.nrs", 2},
        {"chictr2400094586.enhancement.type1", 81.48},
        {"splendiani2004.regression.6_months", 34.72},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const resorb_evidence_row *r = resorb_evidence_find(rows[i].id);
        if (!r)
            fail_msg("missing row %s", rows[i].id);
        if (!r->has_value || r->value != rows[i].value)
            fail_msg("%s: expected %g", rows[i].id, rows[i].value);
    }
    const resorb_evidence_row *r = resorb_evidence_find("wang2020.regression.pooled");
    assert_true(r->low == 49 && r->high == 77 && r->n == 2219);
    r = resorb_evidence_find("lequin2013.predictor.age_over_40");
    assert_true(r->low == 1.16 && r->high == 5.02);
    /* The source document: consider surgery after 3-6 months without improvement. */
    r = resorb_evidence_find("itopainclinic2025.surgery.consider_after");
    assert_non_null(r);
    assert_false(r->has_value);
    assert_true(r->low == 3 && r->high == 6);
    assert_string_equal(r->unit, "months");
}

static void test_evidence__confidence_names(void **state)
{
    (void)state;
    assert_string_equal(resorb_confidence_name(RESORB_CONF_SOURCE_TEXT), "source-text");
    assert_string_equal(resorb_confidence_name(RESORB_CONF_ABSTRACT), "abstract");
    assert_string_equal(resorb_confidence_name(RESORB_CONF_SECONDARY), "secondary");
    assert_string_equal(resorb_confidence_name(RESORB_CONF_INFERRED), "inferred");
    assert_string_equal(resorb_confidence_name(RESORB_CONF__COUNT), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evidence__has_many_rows),
        cmocka_unit_test(test_evidence__every_row_has_a_source_and_a_confidence),
        cmocka_unit_test(test_evidence__ids_are_unique_sorted_and_well_formed),
        cmocka_unit_test(test_evidence__find_returns_every_row_and_null_for_unknown),
        cmocka_unit_test(test_evidence__chiu_sequestration_is_as_published),
        cmocka_unit_test(test_evidence__regression_is_monotone_in_morphology),
        cmocka_unit_test(test_evidence__percentages_lie_in_0_to_100),
        cmocka_unit_test(test_evidence__intervals_and_counts_are_consistent),
        cmocka_unit_test(test_evidence__key_rows_exist),
        cmocka_unit_test(test_evidence__confidence_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

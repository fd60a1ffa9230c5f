/*
 * tests/unit/instruments/odi.c: the Oswestry Disability Index (src/lib/instruments/odi.c).
 *
 * Worked examples of the ODI scoring instructions (Fairbank & Pynsent, Spine 2000;25:2940-52,
 * as given by the awell-health oswestry README and the MSU scoring text, recorded in
 * EVIDENCE: fairbank2000.odi.formula): a raw total of 16 with all 10 sections answered is
 * 16/50 = 32%; with one section unanswered it is 16/45 = 35.5% (35.56 exactly: the source
 * truncates). The missing-section rule (EVIDENCE: fairbank2000.odi.max_missing): one section
 * may be missing, two make the ODI not computable. Bands (EVIDENCE: fairbank2000.odi.band.*)
 * and the minimal important change of 10 points (EVIDENCE: ostelo2008.mic.odi).
 */
#include "helpers.h"

static resorb_odi odi(const int items[10])
{
    resorb_odi a = {.date = resorb_date_from_ymd(2025, 5, 1)};
    for (int k = 0; k < 10; k++)
        a.items[k] = items[k];
    return a;
}

#define N RESORB_INT_NONE

static double score_odi(const int items[10], resorb_score *s)
{
    resorb_odi a = odi(items);
    init_score(s, RESORB_INSTR_ODI);
    assert_int_equal(resorb_instr__odi(&a, s), 0);
    check_reasons(&s->reasons);
    return s->value;
}

static void test_odi__worked_example_16_of_50_is_32_percent(void **state)
{
    (void)state;
    resorb_score s;
    const int items[10] = {2, 2, 2, 2, 2, 2, 1, 1, 1, 1}; /* sum 16 */
    assert_true(fabs(score_odi(items, &s) - 32.0) < 1e-9);
    assert_true(s.computed);
    assert_string_equal(s.band, "moderate"); /* 21-40 */
    assert_true(cites(&s.reasons, "fairbank2000.odi.formula"));
    assert_false(has_key(&s.reasons, "score.odi.missing"));
}

static void test_odi__worked_example_one_missing_is_16_of_45(void **state)
{
    (void)state;
    resorb_score s;
    const int items[10] = {2, 2, 2, 2, 2, 2, 2, 1, 1, N}; /* sum 16 over 9 sections */
    double v = score_odi(items, &s);
    assert_true(s.computed);
    assert_true(fabs(v - 16.0 / 45.0 * 100.0) < 1e-9);
    assert_true(v >= 35.5 && v < 35.6); /* "35.5%" in the instructions */
    assert_true(has_key(&s.reasons, "score.odi.missing"));
    assert_true(cites(&s.reasons, "fairbank2000.odi.max_missing"));
    /* the reason names the section: 10 = travelling */
    for (size_t i = 0; i < s.reasons.count; i++)
        if (strcmp(s.reasons.items[i].key, "score.odi.missing") == 0) {
            assert_string_equal(s.reasons.items[i].args[0], "10");
            assert_string_equal(s.reasons.items[i].args[1], "@instruments.odi.section.travelling");
        }
}

static void test_odi__missing_is_not_zero(void **state)
{
    (void)state;
    resorb_score s;
    /* Scoring the missing section as 0 would give 16/50 = 32%: it must be 35.6%. */
    const int items[10] = {N, 2, 2, 2, 2, 2, 2, 1, 1, 2};
    assert_true(fabs(score_odi(items, &s) - 16.0 / 45.0 * 100.0) < 1e-9);
}

static void test_odi__two_missing_is_not_computable(void **state)
{
    (void)state;
    resorb_score s;
    const int items[10] = {2, 2, 2, 2, 2, 2, 1, 1, N, N};
    score_odi(items, &s);
    assert_false(s.computed);
    assert_true(isnan(s.value));
    assert_null(s.band);
    assert_true(has_key(&s.reasons, "score.odi.not_computable"));
    assert_true(cites(&s.reasons, "fairbank2000.odi.max_missing"));
    /* the reason lists the unanswered sections */
    assert_string_equal(s.reasons.items[0].args[0], "2");
    assert_string_equal(s.reasons.items[0].args[2], "9, 10");
}

static void test_odi__all_missing_is_not_computable(void **state)
{
    (void)state;
    resorb_score s;
    const int items[10] = {N, N, N, N, N, N, N, N, N, N};
    score_odi(items, &s);
    assert_false(s.computed);
}

static void test_odi__out_of_range_item_is_not_computable(void **state)
{
    (void)state;
    resorb_score s;
    const int items[10] = {6, 0, 0, 0, 0, 0, 0, 0, 0, 0}; /* a case built without the parser */
    score_odi(items, &s);
    assert_false(s.computed);
    assert_true(has_key(&s.reasons, "score.invalid"));
}

/* Band boundaries: 0-20 minimal, 21-40 moderate, 41-60 severe, 61-80 crippled, 81-100 bed-bound. */
static void test_odi__band_boundaries(void **state)
{
    (void)state;
    static const struct {
        int sum;
        const char *band;
    } cases[] = {
        {0, "minimal"}, {10, "minimal"},  {11, "moderate"}, {20, "moderate"},  {21, "severe"},
        {30, "severe"}, {31, "crippled"}, {40, "crippled"}, {41, "bed_bound"}, {50, "bed_bound"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int items[10] = {0};
        for (int k = 0, left = cases[i].sum; k < 10; k++) {
            items[k] = left > 5 ? 5 : left;
            left -= items[k];
        }
        resorb_score s;
        double v = score_odi(items, &s);
        assert_true(fabs(v - cases[i].sum * 2.0) < 1e-9);
        if (strcmp(s.band, cases[i].band) != 0)
            fail_msg("ODI %.0f%%: band %s, expected %s", v, s.band, cases[i].band);
    }
}

/* With one section missing the index moves in steps of 2.22: 9/45 = 20% is still minimal,
 * 10/45 = 22.2% moderate, 18/45 = 40% moderate, 19/45 = 42.2% severe. */
static void test_odi__band_with_a_missing_section(void **state)
{
    (void)state;
    static const struct {
        int sum;
        const char *band;
    } cases[] = {{9, "minimal"}, {10, "moderate"}, {18, "moderate"}, {19, "severe"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int items[10] = {0};
        for (int k = 0, left = cases[i].sum; k < 9; k++) {
            items[k] = left > 5 ? 5 : left;
            left -= items[k];
        }
        items[9] = N;
        resorb_score s;
        score_odi(items, &s);
        assert_string_equal(s.band, cases[i].band);
    }
}

/* Two administrations: the change judged against 10 points (EVIDENCE: ostelo2008.mic.odi). */
static const resorb_score_change *odi_change(const char *first, const char *latest,
                                             resorb_scores **keep)
{
    char extra[512];
    snprintf(extra, sizeof extra,
             "\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"odi\":["
             "{\"date\":\"2025-02-01\",\"items\":[%s]},{\"date\":\"2025-05-01\",\"items\":[%s]}]}",
             first, latest);
    resorb_case *c = make_case(extra);
    resorb_scores *s = score_case(c);
    free(c);
    check_all_reasons(s);
    *keep = s;
    assert_int_equal(s->n_changes, 1);
    return &s->changes[0];
}

static void test_odi__change_of_exactly_10_points_is_important(void **state)
{
    (void)state;
    resorb_scores *s;
    /* 40% -> 30% */
    const resorb_score_change *c = odi_change("2,2,2,2,2,2,2,2,2,2", "2,2,2,2,2,1,1,1,1,1", &s);
    assert_true(fabs(c->delta + 10.0) < 1e-9);
    assert_true(fabs(c->threshold - 10.0) < 1e-9);
    assert_int_equal(c->verdict, RESORB_CHANGE_IMPROVED);
    assert_int_equal(c->reached, RESORB_TRI_YES);
    assert_true(cites(&c->reasons, "ostelo2008.mic.odi"));
    free(s);
}

static void test_odi__change_of_8_points_is_not_important(void **state)
{
    (void)state;
    resorb_scores *s;
    /* 40% -> 32% */
    const resorb_score_change *c = odi_change("2,2,2,2,2,2,2,2,2,2", "2,2,2,2,2,2,1,1,1,1", &s);
    assert_int_equal(c->verdict, RESORB_CHANGE_NO_IMPORTANT_CHANGE);
    assert_int_equal(c->reached, RESORB_TRI_NO);
    free(s);
}

static void test_odi__rise_of_10_points_is_worse(void **state)
{
    (void)state;
    resorb_scores *s;
    const resorb_score_change *c = odi_change("2,2,2,2,2,1,1,1,1,1", "2,2,2,2,2,2,2,2,2,2", &s);
    assert_int_equal(c->verdict, RESORB_CHANGE_WORSENED);
    assert_int_equal(c->reached, RESORB_TRI_NO);
    free(s);
}

static void test_odi__change_skips_a_not_computable_administration(void **state)
{
    (void)state;
    resorb_case *c =
        make_case("\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"odi\":["
                  "{\"date\":\"2025-02-01\",\"items\":[3,3,3,3,3,3,3,3,3,3]},"
                  "{\"date\":\"2025-04-01\",\"items\":[2,2,2,2,2,2,2,2,2,2]},"
                  "{\"date\":\"2025-05-01\",\"items\":[0,0,0,0,0,0,0,0,null,null]}]}");
    resorb_scores *s = score_case(c);
    assert_int_equal(s->n, 3);
    assert_false(s->items[2].computed);
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_ODI);
    assert_non_null(ch);
    assert_int_equal(ch->to, resorb_date_from_ymd(2025, 4, 1)); /* the latest computed */
    assert_true(fabs(resorb_scores_latest_value(s, RESORB_INSTR_ODI) - 40.0) < 1e-9);
    free(s);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_odi__worked_example_16_of_50_is_32_percent),
        cmocka_unit_test(test_odi__worked_example_one_missing_is_16_of_45),
        cmocka_unit_test(test_odi__missing_is_not_zero),
        cmocka_unit_test(test_odi__two_missing_is_not_computable),
        cmocka_unit_test(test_odi__all_missing_is_not_computable),
        cmocka_unit_test(test_odi__out_of_range_item_is_not_computable),
        cmocka_unit_test(test_odi__band_boundaries),
        cmocka_unit_test(test_odi__band_with_a_missing_section),
        cmocka_unit_test(test_odi__change_of_exactly_10_points_is_important),
        cmocka_unit_test(test_odi__change_of_8_points_is_not_important),
        cmocka_unit_test(test_odi__rise_of_10_points_is_worse),
        cmocka_unit_test(test_odi__change_skips_a_not_computable_administration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/instruments/neuropathic.c: DN4 and painDETECT (src/lib/instruments/neuropathic.c).
 *
 * DN4: 10 yes/no items, one point each (EVIDENCE: pmc7136290.dn4.items); 4 or more suggests
 * neuropathic pain (Perez 2007, the Spanish validation: "valid for a cut-off value >= 4
 * points"; EVIDENCE: perez2007.dn4.cutoff): 3 is negative, 4 is positive.
 *
 * painDETECT (Freynhagen R et al., Curr Med Res Opin 2006;22:1911-20, via the NINDS CDE page):
 * 7 items 0-5, course pattern -1..+1 (EVIDENCE: pmc7136290.paindetect.course.*), radiating
 * pain +2 (EVIDENCE: freynhagen2006.paindetect.radiating); total -1 to 38 (EVIDENCE:
 * freynhagen2006.paindetect.range); <= 12 unlikely, 13-18 unclear, >= 19 likely (EVIDENCE:
 * freynhagen2006.paindetect.unlikely_max, freynhagen2006.paindetect.likely_min).
 */
#include "helpers.h"

static resorb_score dn4(const bool items[10])
{
    resorb_dn4 a = {.date = RESORB_DATE_NONE};
    memcpy(a.items, items, sizeof a.items);
    resorb_score s;
    init_score(&s, RESORB_INSTR_DN4);
    assert_int_equal(resorb_instr__dn4(&a, &s), 0);
    check_reasons(&s.reasons);
    return s;
}

static void test_dn4__3_is_negative_4_is_positive(void **state)
{
    (void)state;
    const bool three[10] = {true, true, true, false, false, false, false, false, false, false};
    const bool four[10] = {true, true, true, false, false, false, false, false, false, true};
    resorb_score s = dn4(three);
    assert_true(s.value == 3.0);
    assert_string_equal(s.band, "negative");
    assert_true(has_key(&s.reasons, "score.dn4.negative"));
    assert_true(cites(&s.reasons, "perez2007.dn4.cutoff"));
    s = dn4(four);
    assert_true(s.value == 4.0);
    assert_string_equal(s.band, "positive");
    assert_true(has_key(&s.reasons, "score.dn4.positive"));
}

static void test_dn4__interview_and_examination_parts(void **state)
{
    (void)state;
    /* the example case: burning, electric shocks, tingling, pins and needles, numbness (5 of 7
     * interview items) and hypoaesthesia to touch (1 of 3 examination items) = 6 */
    const bool items[10] = {true, false, true, true, true, true, false, true, false, false};
    resorb_score s = dn4(items);
    assert_true(s.value == 6.0);
    assert_string_equal(s.band, "positive");
    for (size_t i = 0; i < s.reasons.count; i++)
        if (strcmp(s.reasons.items[i].key, "score.dn4.parts") == 0) {
            assert_string_equal(s.reasons.items[i].args[0], "5");
            assert_string_equal(s.reasons.items[i].args[2], "1");
        }
}

static void test_dn4__all_and_none(void **state)
{
    (void)state;
    bool items[10] = {false};
    assert_true(dn4(items).value == 0.0);
    for (int k = 0; k < 10; k++)
        items[k] = true;
    assert_true(dn4(items).value == 10.0);
}

/* painDETECT with the sensory items summing to `sensory` (spread over the 7 items). */
static resorb_score paindetect(int sensory, resorb_pd_course course, bool radiating)
{
    resorb_paindetect a = {.date = RESORB_DATE_NONE, .course = course, .radiating = radiating};
    for (int k = 0; k < 7; k++) {
        a.items[k] = sensory > 5 ? 5 : sensory;
        sensory -= a.items[k];
    }
    assert_int_equal(sensory, 0);
    resorb_score s;
    init_score(&s, RESORB_INSTR_PAINDETECT);
    assert_int_equal(resorb_instr__paindetect(&a, &s), 0);
    check_reasons(&s.reasons);
    return s;
}

static void test_paindetect__range_minus_1_to_38(void **state)
{
    (void)state;
    resorb_score s = paindetect(0, RESORB_PD_PERSISTENT_WITH_ATTACKS, false);
    assert_true(s.value == -1.0);
    assert_string_equal(s.band, "unlikely");
    s = paindetect(35, RESORB_PD_ATTACKS_WITHOUT_PAIN_BETWEEN, true);
    assert_true(s.value == 38.0);
    assert_string_equal(s.band, "likely");
}

static void test_paindetect__boundaries_12_13_18_19(void **state)
{
    (void)state;
    /* persistent pain with slight fluctuations scores 0, radiating pain +2 */
    resorb_score s = paindetect(10, RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS, true);
    assert_true(s.value == 12.0);
    assert_string_equal(s.band, "unlikely");
    assert_true(cites(&s.reasons, "freynhagen2006.paindetect.unlikely_max"));
    s = paindetect(11, RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS, true);
    assert_true(s.value == 13.0);
    assert_string_equal(s.band, "unclear");
    s = paindetect(18, RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS, false);
    assert_true(s.value == 18.0);
    assert_string_equal(s.band, "unclear");
    s = paindetect(19, RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS, false);
    assert_true(s.value == 19.0);
    assert_string_equal(s.band, "likely");
    assert_true(cites(&s.reasons, "freynhagen2006.paindetect.likely_min"));
}

static void test_paindetect__course_points(void **state)
{
    (void)state;
    assert_true(paindetect(10, RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS, false).value == 10.0);
    assert_true(paindetect(10, RESORB_PD_PERSISTENT_WITH_ATTACKS, false).value == 9.0);
    assert_true(paindetect(10, RESORB_PD_ATTACKS_WITHOUT_PAIN_BETWEEN, false).value == 11.0);
    resorb_score s = paindetect(10, RESORB_PD_ATTACKS_WITH_PAIN_BETWEEN, false);
    assert_true(s.value == 11.0);
    assert_true(cites(&s.reasons, "pmc7136290.paindetect.course.attacks_pain_between"));
}

static void test_paindetect__example_case_scores_20(void **state)
{
    (void)state;
    /* examples/neuropathic-questionnaires.json: items 4,3,2,4,1,3,2 = 19, persistent with
     * attacks -1, radiating +2 = 20: likely */
    resorb_paindetect a = {.items = {4, 3, 2, 4, 1, 3, 2},
                           .course = RESORB_PD_PERSISTENT_WITH_ATTACKS,
                           .radiating = true};
    resorb_score s;
    init_score(&s, RESORB_INSTR_PAINDETECT);
    assert_int_equal(resorb_instr__paindetect(&a, &s), 0);
    assert_true(s.value == 20.0);
    assert_string_equal(s.band, "likely");
}

static void test_paindetect__missing_course_is_not_computable(void **state)
{
    (void)state;
    resorb_paindetect a = {.items = {1, 1, 1, 1, 1, 1, 1}, .course = RESORB_PD_COURSE_NONE};
    resorb_score s;
    init_score(&s, RESORB_INSTR_PAINDETECT);
    assert_int_equal(resorb_instr__paindetect(&a, &s), 0);
    assert_false(s.computed);
    assert_true(isnan(s.value));
}

static void test_screening__change_compares_bands_without_judging(void **state)
{
    (void)state;
    resorb_case *c = make_case(
        "\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"dn4\":["
        "{\"date\":\"2025-02-01\",\"items\":[true,true,true,true,false,false,false,false,false,"
        "false]},"
        "{\"date\":\"2025-05-01\",\"items\":[true,true,true,false,false,false,false,false,false,"
        "false]}]}");
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_DN4);
    assert_non_null(ch);
    assert_true(ch->delta == -1.0);
    assert_int_equal(ch->verdict, RESORB_CHANGE_NOT_JUDGED);
    assert_int_equal(ch->reached, RESORB_TRI_UNKNOWN);
    assert_true(has_key(&ch->reasons, "score.change.screening"));
    /* the phenotype reads the latest DN4 */
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_DN4) == 3.0);
    assert_string_equal(resorb_scores_latest(s, RESORB_INSTR_DN4)->band, "negative");
    assert_true(isnan(resorb_scores_latest_value(s, RESORB_INSTR_PAINDETECT)));
    assert_null(resorb_scores_latest(s, RESORB_INSTR_PAINDETECT));
    free(s);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dn4__3_is_negative_4_is_positive),
        cmocka_unit_test(test_dn4__interview_and_examination_parts),
        cmocka_unit_test(test_dn4__all_and_none),
        cmocka_unit_test(test_paindetect__range_minus_1_to_38),
        cmocka_unit_test(test_paindetect__boundaries_12_13_18_19),
        cmocka_unit_test(test_paindetect__course_points),
        cmocka_unit_test(test_paindetect__example_case_scores_20),
        cmocka_unit_test(test_paindetect__missing_course_is_not_computable),
        cmocka_unit_test(test_screening__change_compares_bands_without_judging),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

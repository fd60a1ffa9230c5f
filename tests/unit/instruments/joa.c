/*
 * tests/unit/instruments/joa.c: the JOA score for low back pain (1986) and the JOABPEQ
 * (src/lib/instruments/joa.c).
 *
 * JOA score: the published range -6 to 29 (EVIDENCE: joa1986.score.range) is reached by the
 * worst answers (all 0, bladder -6) and the best (subjective 3+3+3 = 9, EVIDENCE:
 * joa1986.score.subjective_max; signs 2+2+2 = 6, joa1986.score.signs_max; ADL 7 x 2 = 14,
 * joa1986.score.adl_max; bladder 0). No threshold: a change is shown, not judged (the
 * recovery-rate formula is a gap).
 *
 * JOABPEQ: the official domain formulas are a documented gap, so the domain scores are input
 * and reported as entered, with no total (EVIDENCE: makino2020.joabpeq.domains,
 * makino2020.joabpeq.analysis); change per domain against 20 points (Kasai 2017, EVIDENCE:
 * kasai2017.joabpeq.scb): +20 is a substantial benefit, +19 is not.
 */
#include "helpers.h"

static resorb_joa joa_all(int sub, int sign, int adl, int bladder)
{
    resorb_joa a = {.date = resorb_date_from_ymd(2025, 5, 1)};
    a.low_back_pain = a.leg_pain = a.gait = sub;
    a.slr = a.sensory = a.motor = sign;
    for (int k = 0; k < RESORB_JOA_ADL_ITEMS; k++)
        a.adl[k] = adl;
    a.bladder = bladder;
    return a;
}

static double score_joa(const resorb_joa *a, resorb_score *s)
{
    init_score(s, RESORB_INSTR_JOA);
    assert_int_equal(resorb_instr__joa(a, s), 0);
    check_reasons(&s->reasons);
    return s->value;
}

static void test_joa__published_range_minus_6_to_29(void **state)
{
    (void)state;
    resorb_score s;
    resorb_joa worst = joa_all(0, 0, 0, -6), best = joa_all(3, 2, 2, 0);
    assert_true(score_joa(&worst, &s) == -6.0);
    assert_true(s.computed);
    assert_true(score_joa(&best, &s) == 29.0);
    assert_null(s.band);
    assert_true(has_key(&s.reasons, "score.joa.no_band"));
    assert_true(cites(&s.reasons, "joa1986.score.subjective_max"));
    assert_true(cites(&s.reasons, "joa1986.score.signs_max"));
    assert_true(cites(&s.reasons, "joa1986.score.adl_max"));
    assert_true(cites(&s.reasons, "joa1986.score.bladder"));
}

static void test_joa__example_case_scores_17(void **state)
{
    (void)state;
    /* examples/neuropathic-questionnaires.json: subjective 1+1+2, signs 1+1+1, ADL
     * 2+1+2+1+1+1+2 = 10, bladder 0: 4 + 3 + 10 + 0 = 17 */
    resorb_joa a = {.low_back_pain = 1,
                    .leg_pain = 1,
                    .gait = 2,
                    .slr = 1,
                    .sensory = 1,
                    .motor = 1,
                    .adl = {2, 1, 2, 1, 1, 1, 2},
                    .bladder = 0};
    resorb_score s;
    assert_true(score_joa(&a, &s) == 17.0);
}

static void test_joa__bladder_minus_3_counts(void **state)
{
    (void)state;
    resorb_score s;
    resorb_joa a = joa_all(3, 2, 2, -3);
    assert_true(score_joa(&a, &s) == 26.0);
}

static void test_joa__invalid_items_are_not_computable(void **state)
{
    (void)state;
    resorb_score s;
    resorb_joa a = joa_all(3, 2, 2, -2); /* not a bladder grade */
    score_joa(&a, &s);
    assert_false(s.computed);
    a = joa_all(4, 2, 2, 0); /* 4 is above the 0-3 of a subjective item */
    score_joa(&a, &s);
    assert_false(s.computed);
    a = joa_all(3, 2, 2, 0);
    a.adl[6] = RESORB_INT_NONE; /* not answered is not 0 */
    score_joa(&a, &s);
    assert_false(s.computed);
    assert_true(has_key(&s.reasons, "score.invalid"));
}

static void test_joa__change_is_shown_not_judged(void **state)
{
    (void)state;
    resorb_case *c = make_case(
        "\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"joa\":["
        "{\"date\":\"2025-02-01\",\"low_back_pain\":1,\"leg_pain\":1,\"gait\":1,\"slr\":1,"
        "\"sensory\":1,\"motor\":1,\"adl\":[1,1,1,1,1,1,1],\"bladder\":0},"
        "{\"date\":\"2025-05-01\",\"low_back_pain\":3,\"leg_pain\":3,\"gait\":3,\"slr\":2,"
        "\"sensory\":2,\"motor\":2,\"adl\":[2,2,2,2,2,2,2],\"bladder\":0}]}");
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_JOA);
    assert_non_null(ch);
    assert_true(ch->delta == 16.0); /* 13 -> 29 */
    assert_true(isnan(ch->threshold));
    assert_int_equal(ch->verdict, RESORB_CHANGE_NOT_JUDGED);
    assert_int_equal(ch->reached, RESORB_TRI_UNKNOWN);
    assert_true(has_key(&ch->reasons, "score.change.joa.no_threshold"));
    free(s);
    free(c);
}

/* ---- JOABPEQ ---- */

static void test_joabpeq__domains_as_entered_without_total(void **state)
{
    (void)state;
    resorb_joabpeq a = {.date = RESORB_DATE_NONE,
                        .pain = 29,
                        .lumbar_function = 50,
                        .walking = 36,
                        .social = 38,
                        .mental = 41};
    resorb_score s;
    init_score(&s, RESORB_INSTR_JOABPEQ);
    assert_int_equal(resorb_instr__joabpeq(&a, &s), 0);
    check_reasons(&s.reasons);
    assert_true(s.computed);
    assert_true(isnan(s.value));
    assert_null(s.band);
    assert_true(s.domains[RESORB_JOABPEQ_PAIN] == 29.0);
    assert_true(s.domains[RESORB_JOABPEQ_LUMBAR_FUNCTION] == 50.0);
    assert_true(s.domains[RESORB_JOABPEQ_WALKING] == 36.0);
    assert_true(s.domains[RESORB_JOABPEQ_SOCIAL] == 38.0);
    assert_true(s.domains[RESORB_JOABPEQ_MENTAL] == 41.0);
    assert_true(has_key(&s.reasons, "score.joabpeq.as_entered"));
    assert_true(cites(&s.reasons, "makino2020.joabpeq.analysis"));
}

static void test_joabpeq__out_of_range_and_missing(void **state)
{
    (void)state;
    resorb_joabpeq a = {
        .pain = 101, .lumbar_function = 50, .walking = 36, .social = 38, .mental = 41};
    resorb_score s;
    init_score(&s, RESORB_INSTR_JOABPEQ);
    assert_int_equal(resorb_instr__joabpeq(&a, &s), 0);
    assert_false(s.computed);
    a.pain = NAN; /* not answered: left out, never 0 */
    init_score(&s, RESORB_INSTR_JOABPEQ);
    assert_int_equal(resorb_instr__joabpeq(&a, &s), 0);
    assert_true(s.computed);
    assert_true(isnan(s.domains[RESORB_JOABPEQ_PAIN]));
    assert_true(has_key(&s.reasons, "score.joabpeq.not_answered"));
}

static resorb_scores *joabpeq_pair(const char *first, const char *latest)
{
    char extra[1024];
    snprintf(
        extra, sizeof extra,
        "\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"joabpeq\":["
        "{\"date\":\"2025-02-01\",\"domains\":{%s}},{\"date\":\"2025-05-01\",\"domains\":{%s}}]}",
        first, latest);
    resorb_case *c = make_case(extra);
    resorb_scores *s = score_case(c);
    free(c);
    check_all_reasons(s);
    return s;
}

static void test_joabpeq__gain_of_20_in_a_domain_is_benefit_19_is_not(void **state)
{
    (void)state;
    resorb_scores *s = joabpeq_pair(
        "\"pain\":20,\"lumbar_function\":50,\"walking\":40,\"social\":40,\"mental\":50",
        "\"pain\":40,\"lumbar_function\":69,\"walking\":40,\"social\":40,\"mental\":50");
    const resorb_score_change *c = change_of(s, RESORB_INSTR_JOABPEQ);
    assert_non_null(c);
    assert_true(fabs(c->threshold - 20.0) < 1e-9);
    assert_int_equal(c->domain_verdict[RESORB_JOABPEQ_PAIN], RESORB_CHANGE_IMPROVED);
    assert_int_equal(c->domain_verdict[RESORB_JOABPEQ_LUMBAR_FUNCTION],
                     RESORB_CHANGE_NO_IMPORTANT_CHANGE);
    assert_true(c->domain_delta[RESORB_JOABPEQ_LUMBAR_FUNCTION] == 19.0);
    assert_int_equal(c->verdict, RESORB_CHANGE_IMPROVED);
    assert_int_equal(c->reached, RESORB_TRI_YES);
    assert_true(c->delta == 20.0); /* the largest domain gain */
    assert_true(cites(&c->reasons, "kasai2017.joabpeq.scb"));
    free(s);
}

static void test_joabpeq__one_better_one_worse_is_mixed(void **state)
{
    (void)state;
    resorb_scores *s = joabpeq_pair(
        "\"pain\":20,\"lumbar_function\":50,\"walking\":40,\"social\":40,\"mental\":50",
        "\"pain\":60,\"lumbar_function\":25,\"walking\":50,\"social\":45,\"mental\":50");
    const resorb_score_change *c = change_of(s, RESORB_INSTR_JOABPEQ);
    assert_int_equal(c->verdict, RESORB_CHANGE_MIXED);
    assert_int_equal(c->domain_verdict[RESORB_JOABPEQ_LUMBAR_FUNCTION], RESORB_CHANGE_WORSENED);
    assert_true(has_key(&c->reasons, "score.change.borrowed"));
    free(s);
    s = joabpeq_pair(
        "\"pain\":20,\"lumbar_function\":50,\"walking\":40,\"social\":40,\"mental\":50",
        "\"pain\":25,\"lumbar_function\":45,\"walking\":50,\"social\":45,\"mental\":50");
    c = change_of(s, RESORB_INSTR_JOABPEQ);
    assert_int_equal(c->verdict, RESORB_CHANGE_NO_IMPORTANT_CHANGE);
    assert_int_equal(c->reached, RESORB_TRI_NO);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joa__published_range_minus_6_to_29),
        cmocka_unit_test(test_joa__example_case_scores_17),
        cmocka_unit_test(test_joa__bladder_minus_3_counts),
        cmocka_unit_test(test_joa__invalid_items_are_not_computable),
        cmocka_unit_test(test_joa__change_is_shown_not_judged),
        cmocka_unit_test(test_joabpeq__domains_as_entered_without_total),
        cmocka_unit_test(test_joabpeq__out_of_range_and_missing),
        cmocka_unit_test(test_joabpeq__gain_of_20_in_a_domain_is_benefit_19_is_not),
        cmocka_unit_test(test_joabpeq__one_better_one_worse_is_mixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/instruments/rdq.c: the Roland-Morris Disability Questionnaire
 * (src/lib/instruments/rdq.c) and its change.
 *
 * Scoring rule (Roland & Morris, Spine 1983;8:141-4; EVIDENCE: roland1983.rmdq.scoring): one
 * point per statement ticked, 0-24, no band in the evidence. Change: the consensus minimal
 * important change of 5 points (Ostelo 2008; EVIDENCE: ostelo2008.mic.rmdq), with Stratford's
 * baseline-dependent estimates shown beside it (EVIDENCE: stratford.rmdq.important_change.*:
 * 2, 4, 5, 8, 8 for first scores 0-8, 5-12, 9-16, 13-20, 17-24).
 */
#include "helpers.h"

static double score_rdq(int ticked, resorb_score *s)
{
    resorb_rdq a = {.date = resorb_date_from_ymd(2025, 5, 1)};
    for (int k = 0; k < RESORB_RDQ_ITEMS; k++)
        a.items[k] = k < ticked;
    init_score(s, RESORB_INSTR_RDQ);
    assert_int_equal(resorb_instr__rdq(&a, s), 0);
    check_reasons(&s->reasons);
    return s->value;
}

static void test_rdq__counts_ticked_statements(void **state)
{
    (void)state;
    resorb_score s;
    assert_true(score_rdq(0, &s) == 0.0);
    assert_true(score_rdq(24, &s) == 24.0);
    assert_true(score_rdq(12, &s) == 12.0);
    assert_true(s.computed);
    assert_null(s.band);
    assert_true(has_key(&s.reasons, "score.rdq.no_band"));
    assert_true(cites(&s.reasons, "roland1983.rmdq.scoring"));
}

static void test_rdq__example_case_scores_12(void **state)
{
    (void)state;
    /* examples/neuropathic-questionnaires.json ticks statements 1, 3, 4, 6, 8, 10, 11, 13,
     * 15, 18, 21, 23 */
    resorb_rdq a = {.date = RESORB_DATE_NONE};
    const int ticked[] = {1, 3, 4, 6, 8, 10, 11, 13, 15, 18, 21, 23};
    for (size_t k = 0; k < sizeof ticked / sizeof ticked[0]; k++)
        a.items[ticked[k] - 1] = true;
    resorb_score s;
    init_score(&s, RESORB_INSTR_RDQ);
    assert_int_equal(resorb_instr__rdq(&a, &s), 0);
    assert_true(s.value == 12.0);
}

static const resorb_score_change *rdq_change(int first, int latest, resorb_scores **keep)
{
    char a[256], b[256], extra[1024];
    size_t na = 0, nb = 0;
    for (int k = 0; k < 24; k++) {
        na += (size_t)snprintf(a + na, sizeof a - na, "%s%s", k ? "," : "",
                               k < first ? "true" : "false");
        nb += (size_t)snprintf(b + nb, sizeof b - nb, "%s%s", k ? "," : "",
                               k < latest ? "true" : "false");
    }
    snprintf(extra, sizeof extra,
             "\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"rdq\":["
             "{\"date\":\"2025-02-01\",\"items\":[%s]},{\"date\":\"2025-05-01\",\"items\":[%s]}]}",
             a, b);
    resorb_case *c = make_case(extra);
    resorb_scores *s = score_case(c);
    free(c);
    check_all_reasons(s);
    *keep = s;
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_RDQ);
    assert_non_null(ch);
    return ch;
}

static const char *baseline_estimate(const resorb_score_change *c)
{
    for (size_t i = 0; i < c->reasons.count; i++)
        if (strcmp(c->reasons.items[i].key, "score.change.rdq.baseline") == 0)
            return c->reasons.items[i].args[1];
    return NULL;
}

static void test_rdq__change_of_5_is_important(void **state)
{
    (void)state;
    resorb_scores *s;
    const resorb_score_change *c = rdq_change(12, 7, &s);
    assert_int_equal(c->verdict, RESORB_CHANGE_IMPROVED);
    assert_int_equal(c->reached, RESORB_TRI_YES);
    assert_true(fabs(c->threshold - 5.0) < 1e-9);
    assert_true(cites(&c->reasons, "ostelo2008.mic.rmdq"));
    free(s);
}

static void test_rdq__change_of_4_is_not_important(void **state)
{
    (void)state;
    resorb_scores *s;
    const resorb_score_change *c = rdq_change(12, 8, &s);
    assert_int_equal(c->verdict, RESORB_CHANGE_NO_IMPORTANT_CHANGE);
    assert_int_equal(c->reached, RESORB_TRI_NO);
    free(s);
}

static void test_rdq__stratford_estimates_by_first_score(void **state)
{
    (void)state;
    resorb_scores *s;
    const resorb_score_change *c = rdq_change(3, 1, &s); /* 0-8 only */
    assert_string_equal(baseline_estimate(c), "2");
    assert_true(cites(&c->reasons, "stratford.rmdq.important_change.b0_8"));
    free(s);
    c = rdq_change(10, 5, &s); /* 5-12 and 9-16 overlap: 4 and 5 */
    assert_string_equal(baseline_estimate(c), "4-5");
    assert_true(cites(&c->reasons, "stratford.rmdq.important_change.b5_12"));
    assert_true(cites(&c->reasons, "stratford.rmdq.important_change.b9_16"));
    free(s);
    c = rdq_change(20, 10, &s); /* 13-20 and 17-24: both 8 */
    assert_string_equal(baseline_estimate(c), "8");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rdq__counts_ticked_statements),
        cmocka_unit_test(test_rdq__example_case_scores_12),
        cmocka_unit_test(test_rdq__change_of_5_is_important),
        cmocka_unit_test(test_rdq__change_of_4_is_not_important),
        cmocka_unit_test(test_rdq__stratford_estimates_by_first_score),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

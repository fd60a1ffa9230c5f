/*
 * tests/unit/instruments/startback.c: the STarT Back Screening Tool
 * (src/lib/instruments/startback.c).
 *
 * Hill JC et al., Arthritis Rheum 2008;59:632-41 (abstract): 9 items (EVIDENCE:
 * hill2008.startback.items), the last 5 a psychosocial subscale (EVIDENCE:
 * hill2008.startback.subscale_items); total 0-3 low risk (EVIDENCE: hill2008.startback.low_max),
 * subscale 4 or 5 high risk (EVIDENCE: hill2008.startback.high_subscale_min), the rest medium.
 * Item 9 scores 1 only for "very much" or "extremely" (EVIDENCE:
 * hill2008.startback.bothersomeness). The boundaries tested: total 3 vs 4, subscale 3 vs 4.
 */
#include "helpers.h"

static resorb_score startback(const bool items[8], resorb_bother b)
{
    resorb_startback a = {.date = RESORB_DATE_NONE, .bothersomeness = b};
    memcpy(a.items, items, sizeof a.items);
    resorb_score s;
    init_score(&s, RESORB_INSTR_STARTBACK);
    assert_int_equal(resorb_instr__startback(&a, &s), 0);
    check_reasons(&s.reasons);
    return s;
}

#define T true
#define F false

static void test_startback__total_3_is_low_4_is_medium(void **state)
{
    (void)state;
    const bool three[8] = {T, T, T, F, F, F, F, F};
    const bool four[8] = {T, T, T, T, F, F, F, F};
    resorb_score s = startback(three, RESORB_BOTHER_MODERATELY);
    assert_true(s.value == 3.0);
    assert_true(s.domains[0] == 0.0);
    assert_string_equal(s.band, "low");
    assert_true(cites(&s.reasons, "hill2008.startback.low_max"));
    s = startback(four, RESORB_BOTHER_MODERATELY);
    assert_true(s.value == 4.0);
    assert_string_equal(s.band, "medium");
}

static void test_startback__subscale_3_is_medium_4_is_high(void **state)
{
    (void)state;
    /* items 5, 6, 7 agreed: subscale 3 (total 3: low) -- with "very much" the subscale is 4 */
    const bool psycho[8] = {F, F, F, F, T, T, T, F};
    resorb_score s = startback(psycho, RESORB_BOTHER_MODERATELY);
    assert_true(s.value == 3.0);
    assert_true(s.domains[0] == 3.0);
    assert_string_equal(s.band, "low");
    const bool more[8] = {T, F, F, F, T, T, T, F};
    s = startback(more, RESORB_BOTHER_MODERATELY); /* total 4, subscale 3 */
    assert_string_equal(s.band, "medium");
    s = startback(psycho, RESORB_BOTHER_VERY_MUCH); /* total 4, subscale 4 */
    assert_true(s.value == 4.0);
    assert_true(s.domains[0] == 4.0);
    assert_string_equal(s.band, "high");
    assert_true(cites(&s.reasons, "hill2008.startback.high_subscale_min"));
}

static void test_startback__bothersomeness_scores_only_very_much_or_extremely(void **state)
{
    (void)state;
    const bool none[8] = {F, F, F, F, F, F, F, F};
    assert_true(startback(none, RESORB_BOTHER_NOT_AT_ALL).value == 0.0);
    assert_true(startback(none, RESORB_BOTHER_SLIGHTLY).value == 0.0);
    assert_true(startback(none, RESORB_BOTHER_MODERATELY).value == 0.0);
    assert_true(startback(none, RESORB_BOTHER_VERY_MUCH).value == 1.0);
    resorb_score s = startback(none, RESORB_BOTHER_EXTREMELY);
    assert_true(s.value == 1.0);
    assert_true(s.domains[0] == 1.0);
    assert_true(cites(&s.reasons, "hill2008.startback.bothersomeness"));
}

static void test_startback__all_agree_is_9_high(void **state)
{
    (void)state;
    const bool all[8] = {T, T, T, T, T, T, T, T};
    resorb_score s = startback(all, RESORB_BOTHER_EXTREMELY);
    assert_true(s.value == 9.0);
    assert_true(s.domains[0] == 5.0);
    assert_string_equal(s.band, "high");
}

static void test_startback__example_case_is_high(void **state)
{
    (void)state;
    /* examples/neuropathic-questionnaires.json: T F T T T T T F + "very much": total 7,
     * subscale (items 5-9) 1+1+1+0+1 = 4: high */
    const bool items[8] = {T, F, T, T, T, T, T, F};
    resorb_score s = startback(items, RESORB_BOTHER_VERY_MUCH);
    assert_true(s.value == 7.0);
    assert_true(s.domains[0] == 4.0);
    assert_string_equal(s.band, "high");
}

static void test_startback__missing_bothersomeness_is_not_computable(void **state)
{
    (void)state;
    resorb_startback a = {.bothersomeness = RESORB_BOTHER_NONE};
    resorb_score s;
    init_score(&s, RESORB_INSTR_STARTBACK);
    assert_int_equal(resorb_instr__startback(&a, &s), 0);
    assert_false(s.computed);
    assert_null(s.band);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_startback__total_3_is_low_4_is_medium),
        cmocka_unit_test(test_startback__subscale_3_is_medium_4_is_high),
        cmocka_unit_test(test_startback__bothersomeness_scores_only_very_much_or_extremely),
        cmocka_unit_test(test_startback__all_agree_is_9_high),
        cmocka_unit_test(test_startback__example_case_is_high),
        cmocka_unit_test(test_startback__missing_bothersomeness_is_not_computable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

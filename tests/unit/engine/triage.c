/*
 * tests/unit/engine/triage.c: the triage rules (src/lib/engine/triage.c), a golden case per
 * category and the boundaries: MMT 3 vs 4 (EVIDENCE: eurspinej2014.motor.severe_mmt) and 89 vs
 * 91 days since onset (EVIDENCE: hornung2023.guidelines.surgery_after).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"

/* A case with a complete red-flag screen (all "no"), normal perianal sensation and anal tone,
 * onset 2025-01-01, and the given fields spliced in: AS_OF, the red flags, the exam motor list,
 * visits and extra top-level fields. */
static resorb_case *make(const char *as_of, const char *flags, const char *motor,
                         const char *extra) /* flags: extra red-flag keys, usually "" */
{
    char json[8192];
    snprintf(json, sizeof json,
             "{\"format\":\"resorb.case/1\",\"as_of\":\"%s\","
             "\"patient\":{\"age\":45,\"sex\":\"male\",\"conditions\":[]},"
             "\"history\":{\"onset\":\"2025-01-01\",\"leg_pain_nrs\":6,\"leg_pain_side\":\"left\","
             "\"red_flags\":{\"urinary_retention\":false,\"urinary_incontinence\":false,"
             "\"bowel_incontinence\":false,\"saddle_anesthesia\":false,\"sexual_dysfunction\":false,"
             "\"bilateral_leg_symptoms\":false,\"fever\":false,\"unexplained_weight_loss\":false,"
             "\"significant_trauma\":false,\"night_pain\":false%s%s}},"
             "\"exam\":{\"perianal_sensation\":\"normal\",\"anal_tone\":\"normal\","
             "\"motor\":[%s]}%s%s}",
             as_of, *flags ? "," : "", flags, motor, *extra ? "," : "", extra);
    resorb_case *c = malloc(sizeof *c);
    resorb_diags d;
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    resorb_diags_init(&d);
    assert_non_null(c);
    int rc = resorb_case_parse(c, json, strlen(json), &o, &d);
    if (rc != 0) {
        for (size_t i = 0; i < d.count; i++)
            fprintf(stderr, "%s %s\n", resorb_problem_name(d.items[i].problem), d.items[i].path);
        fprintf(stderr, "%s\n", json);
    }
    assert_int_equal(rc, 0);
    return c;
}

static resorb_triage_category triage(const resorb_case *c, resorb_triage *t)
{
    assert_int_equal(resorb_engine__triage(c, t), 0);
    return t->category;
}

static bool has_rule(const resorb_triage *t, const char *rule)
{
    for (size_t i = 0; i < t->n_reasons; i++)
        if (strcmp(t->reasons[i].rule, rule) == 0)
            return true;
    return false;
}

static void test_triage__ces_is_emergency(void **state)
{
    (void)state;
    resorb_triage t;
    /* EVIDENCE: ajem2019.ces.red_flags */
    resorb_case *c = make("2025-01-20", "", "", "");
    c->history.red_flags[RESORB_RF_URINARY_RETENTION] = RESORB_TRI_YES;
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_EMERGENCY);
    assert_true(has_rule(&t, "ces.urinary_retention"));
    assert_int_equal(t.reasons[0].category, RESORB_TRIAGE_EMERGENCY);
    free(c);
}

static void test_triage__reduced_anal_tone_is_emergency(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c = make("2025-01-20", "", "", "");
    c->exam.anal_tone = RESORB_TONE_REDUCED;
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_EMERGENCY);
    assert_true(has_rule(&t, "ces.anal_tone"));
    free(c);
}

static void test_triage__emergency_is_never_outranked(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c = make("2025-05-01", "",
                          "{\"muscle\":\"ankle_dorsiflexion\",\"side\":\"left\",\"mmt\":1,"
                          "\"progressive\":true}",
                          "");
    c->history.red_flags[RESORB_RF_SADDLE_ANESTHESIA] = RESORB_TRI_YES;
    c->history.red_flags[RESORB_RF_FEVER] = RESORB_TRI_YES;
    c->history.course = RESORB_COURSE_WORSENING;
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_EMERGENCY);
    /* Most urgent first, and every other finding still listed. */
    assert_int_equal(t.reasons[0].category, RESORB_TRIAGE_EMERGENCY);
    assert_true(has_rule(&t, "motor.severe"));
    assert_true(has_rule(&t, "serious.fever"));
    assert_true(has_rule(&t, "surgical.worsening"));
    for (size_t i = 1; i < t.n_reasons; i++)
        assert_true(t.reasons[i - 1].category >= t.reasons[i].category);
    free(c);
}

static void test_triage__mmt_3_is_urgent(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c =
        make("2025-01-20", "", "{\"muscle\":\"ankle_dorsiflexion\",\"side\":\"left\",\"mmt\":3}", "");
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_URGENT);
    assert_true(has_rule(&t, "motor.severe"));
    free(c);
}

static void test_triage__mmt_4_is_not_urgent(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c =
        make("2025-01-20", "", "{\"muscle\":\"ankle_dorsiflexion\",\"side\":\"left\",\"mmt\":4}", "");
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_CONSERVATIVE);
    assert_false(has_rule(&t, "motor.severe"));
    free(c);
}

static void test_triage__mmt_falling_between_visits_is_progressive(void **state)
{
    (void)state;
    resorb_triage t;
    /* 5 at the first visit, 4 at the exam: nobody ticked "progressive". */
    resorb_case *c = make("2025-02-01", "",
                          "{\"muscle\":\"great_toe_extension\",\"side\":\"left\",\"mmt\":4}",
                          "\"visits\":[{\"date\":\"2025-01-10\",\"motor\":[{\"muscle\":"
                          "\"great_toe_extension\",\"side\":\"left\",\"mmt\":5}]}]");
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_URGENT);
    assert_true(has_rule(&t, "motor.fell"));
    free(c);
}

static void test_triage__fever_is_investigate_with_workup(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c = make("2025-01-20", "", "", "");
    c->history.red_flags[RESORB_RF_FEVER] = RESORB_TRI_YES;
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_INVESTIGATE);
    bool workup = false;
    for (size_t i = 0; i < t.actions.count; i++)
        workup = workup || strcmp(t.actions.items[i].key, "triage.workup.infection") == 0;
    assert_true(workup);
    free(c);
}

/* Onset 2025-01-01: 3 months later is 2025-04-01 (day 90). */
static void test_triage__surgical_consultation_at_91_days(void **state)
{
    (void)state;
    resorb_triage t;
    const char *visits = "\"visits\":[{\"date\":\"2025-01-10\",\"leg_pain_nrs\":6}]";
    resorb_case *c = make("2025-04-02", "", "", visits); /* day 91 */
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_SURGICAL_CONSULTATION);
    assert_true(has_rule(&t, "surgical.no_improvement"));
    free(c);
}

static void test_triage__conservative_at_89_days(void **state)
{
    (void)state;
    resorb_triage t;
    const char *visits = "\"visits\":[{\"date\":\"2025-01-10\",\"leg_pain_nrs\":6}]";
    resorb_case *c = make("2025-03-31", "", "", visits); /* day 89 */
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_CONSERVATIVE);
    free(c);
}

static void test_triage__improvement_of_2_points_is_enough(void **state)
{
    (void)state;
    resorb_triage t;
    /* 8 at the first visit, 6 now (history): improved by 2 points (farrar2001). */
    const char *visits = "\"visits\":[{\"date\":\"2025-01-10\",\"leg_pain_nrs\":8}]";
    resorb_case *c = make("2025-04-02", "", "", visits);
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_CONSERVATIVE);
    free(c);
}

static void test_triage__conservative_lists_nothing_missing_when_screened(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c = make("2025-01-20", "", "", "");
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_CONSERVATIVE);
    assert_int_equal(t.n_not_assessed, 0);
    assert_false(t.ces_screen_incomplete);
    assert_int_equal(t.actions.count, 0);
    assert_true(has_rule(&t, "conservative"));
    free(c);
}

static void test_triage__unasked_red_flags_are_listed_and_screen_required(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c = make("2025-01-20", "", "", "");
    c->history.red_flags[RESORB_RF_SADDLE_ANESTHESIA] = RESORB_TRI_UNKNOWN;
    c->history.red_flags[RESORB_RF_NIGHT_PAIN] = RESORB_TRI_UNKNOWN;
    assert_int_equal(triage(c, &t), RESORB_TRIAGE_CONSERVATIVE);
    assert_int_equal(t.n_not_assessed, 2);
    assert_int_equal(t.not_assessed[0], RESORB_RF_SADDLE_ANESTHESIA);
    assert_true(t.ces_screen_incomplete);
    assert_int_equal(t.actions.count, 1);
    assert_string_equal(t.actions.items[0].key, "triage.action.complete_ces_screen");
    free(c);
}

static void test_triage__every_reason_cites_evidence_that_exists(void **state)
{
    (void)state;
    resorb_triage t;
    resorb_case *c = make("2025-05-01", "",
                          "{\"muscle\":\"ankle_dorsiflexion\",\"side\":\"left\",\"mmt\":2}", "");
    for (int f = 0; f < RESORB_RF__COUNT; f++)
        c->history.red_flags[f] = RESORB_TRI_YES;
    c->exam.anal_tone = RESORB_TONE_REDUCED;
    c->history.course = RESORB_COURSE_WORSENING;
    triage(c, &t);
    for (size_t i = 0; i < t.n_reasons; i++) {
        assert_true(t.reasons[i].reason.n_evidence > 0);
        for (size_t k = 0; k < t.reasons[i].reason.n_evidence; k++)
            assert_non_null(resorb_evidence_find(t.reasons[i].reason.evidence[k]));
        /* and its message exists in both languages */
        assert_string_not_equal(resorb_msg(RESORB_LANG_JA, t.reasons[i].reason.key),
                                t.reasons[i].reason.key);
    }
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_triage__ces_is_emergency),
        cmocka_unit_test(test_triage__reduced_anal_tone_is_emergency),
        cmocka_unit_test(test_triage__emergency_is_never_outranked),
        cmocka_unit_test(test_triage__mmt_3_is_urgent),
        cmocka_unit_test(test_triage__mmt_4_is_not_urgent),
        cmocka_unit_test(test_triage__mmt_falling_between_visits_is_progressive),
        cmocka_unit_test(test_triage__fever_is_investigate_with_workup),
        cmocka_unit_test(test_triage__surgical_consultation_at_91_days),
        cmocka_unit_test(test_triage__conservative_at_89_days),
        cmocka_unit_test(test_triage__improvement_of_2_points_is_enough),
        cmocka_unit_test(test_triage__conservative_lists_nothing_missing_when_screened),
        cmocka_unit_test(test_triage__unasked_red_flags_are_listed_and_screen_required),
        cmocka_unit_test(test_triage__every_reason_cites_evidence_that_exists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

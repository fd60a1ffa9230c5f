/*
 * tests/unit/instruments/scores.c: the assembly of scores (src/lib/instruments/scores.c), the
 * pain NRS (nrs.c), the change rules shared by all instruments (change.c) and the JSON of
 * src/lib/report/scores.c.
 *
 * Pain NRS: 0-10 (EVIDENCE: farrar2001.nrs.range), from the history (dated as_of) and the
 * visits; a reading not recorded is no score, never 0. Change: an improvement of 2 points or a
 * 30% reduction of the first value is important (Farrar 2001; EVIDENCE:
 * farrar2001.nrs.important_change, farrar2001.nrs.important_change_percent): 7 -> 5 (2 points)
 * and 3 -> 2 (33%) are important, 8 -> 7 (1 point, 12.5%) is not.
 */
#include "helpers.h"
#include "resorb/scores_report.h"

static const resorb_score *find(const resorb_scores *s, resorb_instrument i, size_t nth)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->items[k].instrument == i && nth-- == 0)
            return &s->items[k];
    return NULL;
}

static void test_scores__null_arguments(void **state)
{
    (void)state;
    resorb_scores s;
    assert_int_equal(resorb_instruments_score(NULL, &s), RESORB_EUSAGE);
    resorb_case *c = make_case("\"history\":{\"onset\":\"2025-01-01\"}");
    assert_int_equal(resorb_instruments_score(c, NULL), RESORB_EUSAGE);
    free(c);
}

static void test_scores__no_questionnaire_no_nrs_gives_nothing(void **state)
{
    (void)state;
    resorb_case *c = make_case("\"history\":{\"onset\":\"2025-01-01\"}");
    resorb_scores *s = score_case(c);
    assert_int_equal(s->n, 0);
    assert_int_equal(s->n_changes, 0);
    assert_true(isnan(resorb_scores_latest_value(s, RESORB_INSTR_LEG_NRS)));
    free(s);
    free(c);
}

static void test_nrs__history_and_visits_dated_absent_is_not_zero(void **state)
{
    (void)state;
    resorb_case *c =
        make_case("\"history\":{\"onset\":\"2025-01-01\",\"leg_pain_nrs\":3},"
                  "\"visits\":[{\"date\":\"2025-02-01\",\"leg_pain_nrs\":7,\"back_pain_nrs\":4},"
                  "{\"date\":\"2025-04-01\",\"back_pain_nrs\":2}]");
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    /* leg: visit 1, history; back: visit 1, visit 2 (history has none: no score) */
    assert_int_equal(s->n, 4);
    const resorb_score *leg0 = find(s, RESORB_INSTR_LEG_NRS, 0);
    const resorb_score *leg1 = find(s, RESORB_INSTR_LEG_NRS, 1);
    assert_int_equal(leg0->source, RESORB_SCORE_VISIT);
    assert_int_equal(leg0->administration, 0);
    assert_int_equal(leg0->date, resorb_date_from_ymd(2025, 2, 1));
    assert_true(leg0->value == 7.0);
    assert_null(leg0->band);
    assert_int_equal(leg1->source, RESORB_SCORE_HISTORY);
    assert_int_equal(leg1->date, resorb_date_from_ymd(2025, 6, 1)); /* as_of */
    assert_true(cites(&leg1->reasons, "farrar2001.nrs.range"));
    const resorb_score *back1 = find(s, RESORB_INSTR_BACK_NRS, 1);
    assert_int_equal(back1->source, RESORB_SCORE_VISIT);
    assert_int_equal(back1->administration, 1);
    assert_null(find(s, RESORB_INSTR_BACK_NRS, 2));
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_LEG_NRS) == 3.0);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_BACK_NRS) == 2.0);
    free(s);
    free(c);
}

static const resorb_score_change *leg_change(int first, int latest, resorb_scores **keep)
{
    char extra[512];
    snprintf(extra, sizeof extra,
             "\"history\":{\"onset\":\"2025-01-01\",\"leg_pain_nrs\":%d},"
             "\"visits\":[{\"date\":\"2025-02-01\",\"leg_pain_nrs\":%d}]",
             latest, first);
    resorb_case *c = make_case(extra);
    resorb_scores *s = score_case(c);
    free(c);
    check_all_reasons(s);
    *keep = s;
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_LEG_NRS);
    assert_non_null(ch);
    assert_int_equal(ch->from, resorb_date_from_ymd(2025, 2, 1));
    assert_int_equal(ch->to, resorb_date_from_ymd(2025, 6, 1));
    return ch;
}

static void test_nrs__2_points_or_30_percent(void **state)
{
    (void)state;
    resorb_scores *s;
    const resorb_score_change *c = leg_change(7, 5, &s); /* 2 points, 29% */
    assert_int_equal(c->verdict, RESORB_CHANGE_IMPROVED);
    assert_true(fabs(c->threshold - 2.0) < 1e-9);
    free(s);
    c = leg_change(3, 2, &s); /* 1 point but 33% */
    assert_int_equal(c->verdict, RESORB_CHANGE_IMPROVED);
    assert_true(fabs(c->percent + 100.0 / 3.0) < 1e-9);
    assert_true(cites(&c->reasons, "farrar2001.nrs.important_change_percent"));
    free(s);
    c = leg_change(8, 7, &s); /* 1 point, 12.5% */
    assert_int_equal(c->verdict, RESORB_CHANGE_NO_IMPORTANT_CHANGE);
    assert_int_equal(c->reached, RESORB_TRI_NO);
    free(s);
    c = leg_change(10, 7, &s); /* 3 points, 30% exactly */
    assert_int_equal(c->verdict, RESORB_CHANGE_IMPROVED);
    free(s);
    c = leg_change(4, 6, &s); /* +2 points */
    assert_int_equal(c->verdict, RESORB_CHANGE_WORSENED);
    free(s);
    c = leg_change(0, 1, &s); /* from 0: no percentage */
    assert_true(isnan(c->percent));
    assert_int_equal(c->verdict, RESORB_CHANGE_NO_IMPORTANT_CHANGE);
    free(s);
}

static void test_change__undated_administrations_are_not_judged(void **state)
{
    (void)state;
    resorb_case *c =
        make_case("\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"odi\":["
                  "{\"items\":[3,3,3,3,3,3,3,3,3,3]},{\"items\":[1,1,1,1,1,1,1,1,1,1]}]}");
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_ODI);
    assert_non_null(ch);
    assert_int_equal(ch->verdict, RESORB_CHANGE_NOT_JUDGED);
    assert_int_equal(ch->reached, RESORB_TRI_UNKNOWN);
    assert_true(has_key(&ch->reasons, "score.change.undated"));
    /* without dates the latest is the last in the list */
    assert_true(fabs(resorb_scores_latest_value(s, RESORB_INSTR_ODI) - 20.0) < 1e-9);
    free(s);
    free(c);
}

static void test_change__first_and_latest_by_date_not_order(void **state)
{
    (void)state;
    /* listed out of date order; an undated one in between is not used for the change */
    resorb_case *c =
        make_case("\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"odi\":["
                  "{\"date\":\"2025-05-01\",\"items\":[1,1,1,1,1,1,1,1,1,1]},"
                  "{\"items\":[5,5,5,5,5,5,5,5,5,5]},"
                  "{\"date\":\"2025-02-01\",\"items\":[3,3,3,3,3,3,3,3,3,3]}]}");
    resorb_scores *s = score_case(c);
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_ODI);
    assert_int_equal(ch->from, resorb_date_from_ymd(2025, 2, 1));
    assert_int_equal(ch->to, resorb_date_from_ymd(2025, 5, 1));
    assert_true(fabs(ch->delta + 40.0) < 1e-9);
    assert_int_equal(ch->verdict, RESORB_CHANGE_IMPROVED);
    assert_int_equal(ch->from_score, 2);
    assert_int_equal(ch->to_score, 0);
    /* the latest is the latest dated one, not the undated 100% */
    assert_true(fabs(resorb_scores_latest_value(s, RESORB_INSTR_ODI) - 20.0) < 1e-9);
    free(s);
    free(c);
}

static void test_change__same_day_is_not_judged(void **state)
{
    (void)state;
    resorb_case *c = make_case(
        "\"history\":{\"onset\":\"2025-01-01\"},\"questionnaires\":{\"rdq\":["
        "{\"date\":\"2025-05-01\",\"items\":[true,true,true,true,true,true,true,true,true,true,"
        "true,true,false,false,false,false,false,false,false,false,false,false,false,false]},"
        "{\"date\":\"2025-05-01\",\"items\":[false,false,false,false,false,false,false,false,"
        "false,false,false,false,false,false,false,false,false,false,false,false,false,false,"
        "false,false]}]}");
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    const resorb_score_change *ch = change_of(s, RESORB_INSTR_RDQ);
    assert_int_equal(ch->verdict, RESORB_CHANGE_NOT_JUDGED);
    assert_true(has_key(&ch->reasons, "score.change.same_day"));
    /* same date: the later in the list is the latest */
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_RDQ) == 0.0);
    free(s);
    free(c);
}

/* 64 visits with both NRS + the history + 3 ODIs: 133 administrations for 64 places. */
static void test_scores__cap_keeps_first_and_latest_and_says_so(void **state)
{
    (void)state;
    static char extra[32768];
    size_t n = (size_t)snprintf(extra, sizeof extra,
                                "\"history\":{\"onset\":\"2020-01-01\",\"leg_pain_nrs\":1,"
                                "\"back_pain_nrs\":1},\"visits\":[");
    for (int v = 0; v < RESORB_MAX_VISITS; v++) {
        int y = 2020 + v / 12, m = v % 12 + 1;
        n +=
            (size_t)snprintf(extra + n, sizeof extra - n,
                             "%s{\"date\":\"%d-%02d-15\",\"leg_pain_nrs\":%d,\"back_pain_nrs\":%d}",
                             v ? "," : "", y, m, v == 0 ? 9 : 5, v == 0 ? 8 : 5);
    }
    snprintf(extra + n, sizeof extra - n,
             "],\"questionnaires\":{\"odi\":["
             "{\"date\":\"2020-02-01\",\"items\":[3,3,3,3,3,3,3,3,3,3]},"
             "{\"date\":\"2021-02-01\",\"items\":[2,2,2,2,2,2,2,2,2,2]},"
             "{\"date\":\"2024-02-01\",\"items\":[1,1,1,1,1,1,1,1,1,1]}]}");
    resorb_case *c = make_case(extra); /* as_of 2025-06-01 */
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    assert_int_equal(s->n, RESORB_SCORES_MAX);
    assert_int_equal(s->dropped, 3 + 2 * (RESORB_MAX_VISITS + 1) - RESORB_SCORES_MAX);
    assert_true(has_key(&s->notes, "score.dropped"));
    /* every ODI is listed (they come first), the NRS keep their first and latest */
    assert_non_null(find(s, RESORB_INSTR_ODI, 2));
    const resorb_score_change *leg = change_of(s, RESORB_INSTR_LEG_NRS);
    const resorb_score_change *back = change_of(s, RESORB_INSTR_BACK_NRS);
    assert_non_null(leg);
    assert_non_null(back);
    assert_int_equal(leg->from, resorb_date_from_ymd(2020, 1, 15));
    assert_true(leg->from_value == 9.0);
    assert_int_equal(leg->to, c->as_of);
    assert_true(leg->to_value == 1.0);
    assert_int_equal(back->from, resorb_date_from_ymd(2020, 1, 15));
    assert_true(back->from_value == 8.0);
    assert_int_equal(back->to, c->as_of);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_BACK_NRS) == 1.0);
    free(s);
    free(c);
}

/* The example case: every instrument once (examples/neuropathic-questionnaires.json). */
static void test_scores__example_case_and_its_json(void **state)
{
    (void)state;
    const char *dir = getenv("RESORB_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/neuropathic-questionnaires.json", dir ? dir : ".");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char text[65536];
    size_t len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    resorb_case *c = malloc(sizeof *c);
    resorb_diags d;
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    resorb_diags_init(&d);
    assert_int_equal(resorb_case_parse(c, text, len, &o, &d), 0);
    resorb_scores *s = score_case(c);
    check_all_reasons(s);
    assert_int_equal(s->n, 9);
    assert_int_equal(s->n_changes, 0);
    assert_true(fabs(resorb_scores_latest_value(s, RESORB_INSTR_ODI) - 22.0 / 45.0 * 100) < 1e-9);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_RDQ) == 12.0);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_JOA) == 17.0);
    assert_true(isnan(resorb_scores_latest_value(s, RESORB_INSTR_JOABPEQ)));
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_DN4) == 6.0);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_PAINDETECT) == 20.0);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_STARTBACK) == 7.0);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_LEG_NRS) == 6.0);
    assert_true(resorb_scores_latest_value(s, RESORB_INSTR_BACK_NRS) == 4.0);
    assert_string_equal(resorb_scores_latest(s, RESORB_INSTR_ODI)->band, "severe");

    json_t *j = NULL;
    assert_int_equal(resorb_report_scores_json(&j, s, RESORB_LANG_JA), 0);
    json_t *scores = json_object_get(j, "scores");
    assert_true(json_is_array(scores));
    assert_int_equal(json_array_size(scores), 9);
    json_t *odi = json_array_get(scores, 0);
    assert_string_equal(json_string_value(json_object_get(odi, "instrument")), "odi");
    assert_true(fabs(json_real_value(json_object_get(odi, "value")) - 48.889) < 1e-9);
    assert_string_equal(json_string_value(json_object_get(odi, "band")), "severe");
    assert_string_equal(json_string_value(json_object_get(odi, "band_label")), "重度の障害");
    json_t *peq = json_array_get(scores, 3);
    assert_true(json_is_null(json_object_get(peq, "value")));
    assert_true(json_real_value(json_object_get(json_object_get(peq, "domains"), "pain")) == 29.0);
    json_t *sb = json_array_get(scores, 6);
    assert_true(json_real_value(json_object_get(json_object_get(sb, "domains"), "psychosocial")) ==
                4.0);
    json_t *reason = json_array_get(json_object_get(odi, "reasons"), 0);
    assert_string_equal(json_string_value(json_object_get(reason, "key")), "score.odi.value");
    assert_true(json_is_array(json_object_get(j, "changes")));
    assert_true(json_is_array(json_object_get(j, "notes")));
    json_decref(j);

    char *doc = NULL;
    assert_int_equal(resorb_report_scores_document(&doc, s, c, RESORB_LANG_EN, true, false), 0);
    assert_non_null(strstr(doc, "\"format\":\"resorb.scores/1\""));
    assert_non_null(strstr(doc, "\"perez2007.dn4.cutoff\""));
    free(doc);
    assert_int_equal(resorb_report_scores_document(&doc, s, c, RESORB_LANG_EN, false, false), 0);
    assert_non_null(strstr(doc, "48.9% (severe disability)"));
    free(doc);
    free(s);
    free(c);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(resorb_instrument_name(RESORB_INSTR_PAINDETECT), "paindetect");
    assert_string_equal(resorb_instrument_name(RESORB_INSTR_BACK_NRS), "back_nrs");
    assert_string_equal(resorb_instrument_name(RESORB_INSTR__COUNT), "");
    assert_string_equal(resorb_change_verdict_name(RESORB_CHANGE_NO_IMPORTANT_CHANGE),
                        "no_important_change");
    assert_string_equal(resorb_score_source_name(RESORB_SCORE_VISIT), "visit");
    assert_string_equal(resorb_joabpeq_domain_name(RESORB_JOABPEQ_LUMBAR_FUNCTION),
                        "lumbar_function");
    /* every instrument and band word has a label in both languages */
    static const char *const bands[] = {
        "odi.minimal",        "odi.moderate",      "odi.severe",    "odi.crippled",
        "odi.bed_bound",      "dn4.positive",      "dn4.negative",  "paindetect.unlikely",
        "paindetect.unclear", "paindetect.likely", "startback.low", "startback.medium",
        "startback.high"};
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        char key[64];
        snprintf(key, sizeof key, "score.band.%s", bands[i]);
        if (strcmp(resorb_msg(RESORB_LANG_JA, key), resorb_msg(RESORB_LANG_EN, key)) == 0)
            fail_msg("%s: no Japanese label", key);
    }
    for (int i = 0; i < RESORB_INSTR__COUNT; i++) {
        char key[64];
        snprintf(key, sizeof key, "instruments.name.%s",
                 resorb_instrument_name((resorb_instrument)i));
        if (strcmp(resorb_msg(RESORB_LANG_EN, key), key) == 0)
            fail_msg("%s missing", key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scores__null_arguments),
        cmocka_unit_test(test_scores__no_questionnaire_no_nrs_gives_nothing),
        cmocka_unit_test(test_nrs__history_and_visits_dated_absent_is_not_zero),
        cmocka_unit_test(test_nrs__2_points_or_30_percent),
        cmocka_unit_test(test_change__undated_administrations_are_not_judged),
        cmocka_unit_test(test_change__first_and_latest_by_date_not_order),
        cmocka_unit_test(test_change__same_day_is_not_judged),
        cmocka_unit_test(test_scores__cap_keeps_first_and_latest_and_says_so),
        cmocka_unit_test(test_scores__example_case_and_its_json),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/followup/followup.c: the follow-up of a record (src/lib/followup/followup.c,
 * track.c, asof.c, forecast.c, render_*.c) on the two follow-up examples and on small cases:
 * the tracked herniation, its reduction and grade (EVIDENCE: zou2023.reduction.25_to_50,
 * zou2023.reduction.50_or_more, zou2023.reduction.complete), the pain trajectories with their
 * MCID, the triage at each visit (three months without improvement -> surgical consultation,
 * EVIDENCE: hornung2023.guidelines.surgery_after), the cut-back record, and the forecast's
 * refusals (one study only, surgery).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <jansson.h>

#include "followup/internal.h"
#include "resorb/evidence.h"

static resorb_case *parse_text(const char *json)
{
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

static resorb_case *example(const char *name)
{
    const char *dir = getenv("RESORB_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/%s", dir ? dir : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "cannot open %s (set RESORB_SOURCE_DIR)\n", path);
    assert_non_null(f);
    static char buf[RESORB_MAX_INPUT_BYTES + 1];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return parse_text(buf);
}

static resorb_followup_report *follow(const resorb_case *c)
{
    resorb_followup_report *f = malloc(sizeof *f);
    assert_non_null(f);
    assert_int_equal(resorb_followup(c, f), 0);
    return f;
}

static resorb_date date(const char *s)
{
    resorb_date d;
    assert_int_equal(resorb_date_parse(s, strlen(s), &d), 0);
    return d;
}

static bool has_rule(const resorb_visit_triage *vt, const char *rule)
{
    for (size_t i = 0; i < vt->n_rules; i++)
        if (strcmp(vt->rules[i], rule) == 0)
            return true;
    return false;
}

static bool has_key(const resorb_reasons *l, const char *key)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return true;
    return false;
}

/* ---- the examples ---- */

static void test_followup__second_mri_tracks_the_l5s1_herniation_by_volume(void **state)
{
    (void)state;
    resorb_case *c = example("followup-second-mri.json");
    resorb_followup_report *f = follow(c);
    assert_int_equal(f->n_studies, 2);
    assert_int_equal(f->n_herniations, 1);
    const resorb_tracked_herniation *h = &f->herniations[0];
    assert_int_equal(h->level, RESORB_LEVEL_L5_S1);
    assert_int_equal(h->side, RESORB_SIDE_RIGHT);
    assert_int_equal(h->morphology, RESORB_MORPH_EXTRUSION);
    assert_int_equal(h->n_points, 2);
    const resorb_size_point *p = &h->points[1];
    assert_true(p->listed);
    /* volume 2100 -> 520 mm3 (volume is measured at both ends, so area and AP are not used) */
    assert_int_equal(p->measure, RESORB_SIZE_VOLUME);
    assert_true(fabs(p->baseline - 2100) < 1e-9 && fabs(p->size - 520) < 1e-9);
    assert_true(fabs(p->change + 1580) < 1e-9);
    assert_true(fabs(p->reduction - 1580.0 / 2100.0 * 100) < 1e-9); /* 75.24% */
    assert_int_equal(p->grade, RESORB_RESORPTION_MARKED);
    assert_int_equal(h->grade, RESORB_RESORPTION_MARKED);
    assert_int_equal(h->latest, 1);
    assert_int_equal(h->series_measure, RESORB_SIZE_VOLUME);
    assert_true(fabs(p->months - (double)(date("2025-03-06") - date("2024-09-25")) / 30.436875) <
                1e-9);
    free(f);
    free(c);
}

static void test_followup__second_mri_pain_and_odi_reach_the_mcid(void **state)
{
    (void)state;
    resorb_case *c = example("followup-second-mri.json");
    resorb_followup_report *f = follow(c);
    assert_int_equal(f->n_trajectories, 3);
    const resorb_trajectory *leg = &f->trajectories[0], *back = &f->trajectories[1],
                            *odi = &f->trajectories[2];
    assert_int_equal(leg->instrument, RESORB_INSTR_LEG_NRS);
    assert_int_equal(back->instrument, RESORB_INSTR_BACK_NRS);
    assert_int_equal(odi->instrument, RESORB_INSTR_ODI);
    /* six visits; the history's NRS repeats the last visit (same day) and is not listed twice */
    assert_int_equal(leg->n_points, 6);
    assert_true(leg->points[0].value == 8 && leg->points[5].value == 1);
    for (size_t i = 1; i < leg->n_points; i++)
        assert_true(leg->points[i - 1].date <= leg->points[i].date);
    assert_true(leg->has_change && leg->change.reached == RESORB_TRI_YES);
    assert_true(back->has_change && back->change.reached == RESORB_TRI_YES);
    assert_int_equal(odi->n_points, 2);
    assert_true(odi->has_change && odi->change.reached == RESORB_TRI_YES);
    free(f);
    free(c);
}

static void test_followup__failed_conservative_tracks_by_ap_without_resorption(void **state)
{
    (void)state;
    resorb_case *c = example("failed-conservative-4-months.json");
    resorb_followup_report *f = follow(c);
    assert_int_equal(f->n_herniations, 1);
    const resorb_tracked_herniation *h = &f->herniations[0];
    assert_int_equal(h->level, RESORB_LEVEL_L4_L5);
    assert_int_equal(h->side, RESORB_SIDE_LEFT);
    const resorb_size_point *p = &h->points[1];
    /* only AP depth is measured: 7.5 -> 7.3 mm, 2.7% */
    assert_int_equal(p->measure, RESORB_SIZE_AP);
    assert_true(fabs(p->reduction - 0.2 / 7.5 * 100) < 1e-9);
    assert_int_equal(p->grade, RESORB_RESORPTION_NONE);
    assert_int_equal(h->grade, RESORB_RESORPTION_NONE);
    /* leg pain 8 -> 7: the MCID is not reached */
    assert_true(f->trajectories[0].has_change);
    assert_int_equal(f->trajectories[0].change.reached, RESORB_TRI_NO);
    free(f);
    free(c);
}

static void
test_followup__failed_conservative_reaches_surgical_consultation_after_3_months(void **state)
{
    (void)state;
    resorb_case *c = example("failed-conservative-4-months.json");
    resorb_followup_report *f = follow(c);
    bool ok = true;
    double months = resorb_engine__value("hornung2023.guidelines.surgery_after", &ok);
    assert_true(ok);
    resorb_date review = resorb_date_add_months(c->history.onset, (int)months); /* 2025-01-28 */
    assert_int_equal(f->n_visits, 5);
    size_t first_past = f->n_visits;
    for (size_t v = 0; v < f->n_visits; v++) {
        const resorb_visit_triage *vt = &f->visits[v];
        assert_int_equal(vt->date, c->visits[v].date);
        if (vt->date < review) {
            /* before 3 months the no-improvement rule cannot apply */
            assert_false(has_rule(vt, "surgical.no_improvement"));
        } else if (first_past == f->n_visits) {
            first_past = v;
        }
    }
    assert_int_equal(first_past, 3); /* the visit of 2025-02-19 */
    const resorb_visit_triage *vt = &f->visits[first_past];
    assert_int_equal(vt->date, date("2025-02-19"));
    assert_int_equal(vt->category, RESORB_TRIAGE_SURGICAL_CONSULTATION);
    assert_true(has_rule(vt, "surgical.no_improvement"));
    assert_true(has_rule(&f->visits[4], "surgical.no_improvement"));
    assert_int_equal(f->record.category, RESORB_TRIAGE_SURGICAL_CONSULTATION);
    /* what was known then: one study on 2024-11-20, the second (2025-02-25) not yet */
    assert_int_equal(vt->n_studies, 1);
    assert_int_equal(f->visits[4].n_studies, 2);
    free(f);
    free(c);
}

static void test_followup__record_triage_is_the_assessment(void **state)
{
    (void)state;
    const char *names[] = {"followup-second-mri.json", "failed-conservative-4-months.json",
                           "seed-l5s1-right.json", "cauda-equina.json"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        resorb_case *c = example(names[i]);
        resorb_followup_report *f = follow(c);
        resorb_assessment *a = malloc(sizeof *a);
        assert_non_null(a);
        assert_int_equal(resorb_assess(a, c, NULL), 0);
        assert_int_equal(f->record.category, a->triage.category);
        assert_int_equal(f->record.date, c->as_of);
        free(a);
        free(f);
        free(c);
    }
}

/* The record cut back to each visit satisfies the case's cross-field rules, holds nothing
 * dated after the visit, and keeps what was known. */
static void test_followup__cut_back_record_is_a_valid_case(void **state)
{
    (void)state;
    const char *names[] = {"followup-second-mri.json", "failed-conservative-4-months.json"};
    for (size_t i = 0; i < 2; i++) {
        resorb_case *c = example(names[i]);
        resorb_case *cut = malloc(sizeof *cut);
        assert_non_null(cut);
        for (size_t v = 0; v < c->n_visits; v++) {
            resorb_fu__case_at_visit(c, v, cut);
            resorb_diags d;
            resorb_diags_init(&d);
            assert_int_equal(resorb_case_check(cut, &d), 0);
            resorb_date when = c->visits[v].date;
            assert_int_equal(cut->as_of, when);
            assert_int_equal(cut->n_visits, v + 1);
            for (size_t k = 0; k < cut->n_imaging; k++)
                assert_true(cut->imaging[k].date <= when);
            for (size_t k = 0; k < cut->n_treatments; k++) {
                assert_true(cut->treatments[k].start <= when);
                assert_true(cut->treatments[k].end == RESORB_DATE_NONE ||
                            cut->treatments[k].end <= when);
            }
            for (size_t k = 0; k < cut->questionnaires.n_odi; k++)
                assert_true(cut->questionnaires.odi[k].date <= when);
            assert_int_equal(cut->history.leg_pain_nrs, c->visits[v].leg_pain_nrs);
            assert_int_equal(cut->history.course, c->visits[v].course);
        }
        free(cut);
        free(c);
    }
}

/* A treatment still running on the visit's date has no response yet (the NSAID of
 * failed-conservative ended on 2024-12-10 with no response). */
static void test_followup__running_treatment_has_no_response_yet(void **state)
{
    (void)state;
    resorb_case *c = example("failed-conservative-4-months.json");
    resorb_case *cut = malloc(sizeof *cut);
    assert_non_null(cut);
    resorb_fu__case_at_visit(c, 0, cut); /* 2024-11-20 */
    assert_int_equal(cut->treatments[0].kind, RESORB_TX_NSAID);
    assert_int_equal(cut->treatments[0].response, RESORB_RESPONSE_NONE);
    assert_int_equal(cut->treatments[0].end, RESORB_DATE_NONE);
    resorb_fu__case_at_visit(c, 1, cut); /* 2024-12-18: the NSAID is over */
    assert_int_equal(cut->treatments[0].response, RESORB_RESPONSE_NO_RESPONSE);
    free(cut);
    free(c);
}

/* ---- grades, measures and absent findings on small cases ---- */

static char *case_with(const char *imaging, const char *extra)
{
    static char json[16384];
    snprintf(json, sizeof json,
             "{\"format\":\"resorb.case/1\",\"id\":\"t\",\"as_of\":\"2025-12-01\","
             "\"patient\":{\"age\":45,\"sex\":\"female\"},"
             "\"history\":{\"onset\":\"2025-01-01\",\"leg_pain_nrs\":5},"
             "\"imaging\":[%s]%s%s}",
             imaging, *extra ? "," : "", extra);
    return json;
}

static const char *study(char *buf, size_t n, const char *day, const char *finding)
{
    snprintf(buf, n, "{\"date\":\"%s\",\"modality\":\"mri\",\"findings\":[%s]}", day, finding);
    return buf;
}

static void test_followup__grades_follow_the_bands(void **state)
{
    (void)state;
    /* EVIDENCE: zou2023.reduction.partial_from, zou2023.reduction.marked_from,
     * zou2023.reduction.complete_at */
    struct {
        const char *size;
        resorb_resorption_grade grade;
    } cases[] = {
        {"76", RESORB_RESORPTION_NONE},       {"75", RESORB_RESORPTION_PARTIAL},
        {"50.01", RESORB_RESORPTION_PARTIAL}, {"50", RESORB_RESORPTION_MARKED},
        {"0.5", RESORB_RESORPTION_MARKED},    {"0", RESORB_RESORPTION_COMPLETE},
        {"120", RESORB_RESORPTION_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char a[512], b[512], f1[256], imaging[1100];
        snprintf(f1, sizeof f1,
                 "{\"level\":\"L4/L5\",\"side\":\"left\",\"morphology\":\"extrusion\","
                 "\"volume_mm3\":%s}",
                 cases[i].size);
        snprintf(imaging, sizeof imaging, "%s,%s",
                 study(a, sizeof a, "2025-01-10",
                       "{\"level\":\"L4/L5\",\"side\":\"left\",\"morphology\":\"extrusion\","
                       "\"volume_mm3\":100}"),
                 study(b, sizeof b, "2025-07-10", f1));
        resorb_case *c = parse_text(case_with(imaging, ""));
        resorb_followup_report *f = follow(c);
        assert_int_equal(f->herniations[0].points[1].grade, cases[i].grade);
        if (cases[i].grade == RESORB_RESORPTION_NONE && strcmp(cases[i].size, "120") == 0)
            assert_true(has_key(&f->herniations[0].reasons, "followup.herniation.grew"));
        free(f);
        free(c);
    }
}

static void test_followup__same_measure_at_both_ends(void **state)
{
    (void)state;
    char a[512], b[512], imaging[1100];
    /* baseline: volume and area; follow-up: area and AP -> compared by area */
    snprintf(imaging, sizeof imaging, "%s,%s",
             study(a, sizeof a, "2025-01-10",
                   "{\"level\":\"L5/S1\",\"side\":\"right\",\"morphology\":\"protrusion\","
                   "\"volume_mm3\":900,\"area_mm2\":80}"),
             study(b, sizeof b, "2025-04-10",
                   "{\"level\":\"L5/S1\",\"side\":\"right\",\"morphology\":\"protrusion\","
                   "\"area_mm2\":60,\"ap_mm\":5}"));
    resorb_case *c = parse_text(case_with(imaging, ""));
    resorb_followup_report *f = follow(c);
    const resorb_size_point *p = &f->herniations[0].points[1];
    assert_int_equal(p->measure, RESORB_SIZE_AREA);
    assert_true(fabs(p->reduction - 25) < 1e-9);
    assert_int_equal(p->grade, RESORB_RESORPTION_PARTIAL);
    free(f);
    free(c);

    /* no measure in common: no change, no grade */
    snprintf(imaging, sizeof imaging, "%s,%s",
             study(a, sizeof a, "2025-01-10",
                   "{\"level\":\"L5/S1\",\"side\":\"right\",\"morphology\":\"protrusion\","
                   "\"volume_mm3\":900}"),
             study(b, sizeof b, "2025-04-10",
                   "{\"level\":\"L5/S1\",\"side\":\"right\",\"morphology\":\"protrusion\","
                   "\"ap_mm\":5}"));
    c = parse_text(case_with(imaging, ""));
    f = follow(c);
    assert_int_equal(f->herniations[0].points[1].measure, RESORB_SIZE_NONE);
    assert_true(isnan(f->herniations[0].points[1].reduction));
    assert_int_equal(f->herniations[0].grade, RESORB_RESORPTION_UNKNOWN);
    assert_true(has_key(&f->herniations[0].reasons, "followup.herniation.no_common_measure"));
    free(f);
    free(c);
}

/* Herniations are matched by level and side; a study that does not list one is "not listed",
 * never a disappearance; studies given out of date order are put in order. */
static void test_followup__matching_and_absence(void **state)
{
    (void)state;
    char a[512], b[512], imaging[1100];
    snprintf(imaging, sizeof imaging, "%s,%s",
             study(a, sizeof a, "2025-06-10",
                   "{\"level\":\"L4/L5\",\"side\":\"right\",\"morphology\":\"extrusion\","
                   "\"ap_mm\":4}"),
             study(b, sizeof b, "2025-01-10",
                   "{\"level\":\"L4/L5\",\"side\":\"left\",\"morphology\":\"extrusion\","
                   "\"ap_mm\":8},{\"level\":\"L4/L5\",\"side\":\"right\","
                   "\"morphology\":\"protrusion\",\"ap_mm\":5}"));
    resorb_case *c = parse_text(case_with(imaging, ""));
    resorb_followup_report *f = follow(c);
    assert_int_equal(f->studies[0], 1); /* the January study first */
    assert_int_equal(f->n_herniations, 2);
    const resorb_tracked_herniation *left = &f->herniations[0], *right = &f->herniations[1];
    assert_int_equal(left->side, RESORB_SIDE_LEFT);
    assert_false(left->points[1].listed);
    assert_int_equal(left->grade, RESORB_RESORPTION_UNKNOWN);
    assert_true(has_key(&left->reasons, "followup.herniation.not_listed"));
    assert_int_equal(right->side, RESORB_SIDE_RIGHT);
    assert_true(fabs(right->points[1].reduction - 20) < 1e-9);
    assert_int_equal(right->points[1].morphology, RESORB_MORPH_EXTRUSION);
    assert_int_equal(right->morphology, RESORB_MORPH_PROTRUSION); /* at the baseline */

    resorb_forecast_report *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(resorb_forecast(c, f, r), 0);
    assert_false(r->items[0].fitted);
    assert_true(has_key(&r->items[0].reasons, "followup.forecast.no_measurement"));
    assert_true(r->items[1].fitted);
    free(r);
    free(f);
    free(c);
}

/* ---- the forecast on records ---- */

static void test_followup__one_study_gives_no_forecast_and_a_reason(void **state)
{
    (void)state;
    resorb_case *c = example("seed-l5s1-right.json");
    resorb_followup_report *f = follow(c);
    resorb_forecast_report *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(resorb_forecast(c, f, r), 0);
    assert_true(r->n >= 1);
    for (size_t i = 0; i < r->n; i++) {
        assert_false(r->items[i].fitted);
        assert_true(has_key(&r->items[i].reasons, "followup.forecast.single_study"));
    }
    assert_true(has_key(&f->herniations[0].reasons, "followup.herniation.single_study"));
    char *doc = NULL;
    assert_int_equal(resorb_forecast_document(&doc, r, f, c, RESORB_LANG_EN, true, false), 0);
    free(doc);
    free(r);
    free(f);
    free(c);

    /* no imaging at all */
    c = parse_text(case_with("", ""));
    f = follow(c);
    r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(f->n_herniations, 0);
    assert_int_equal(resorb_forecast(c, f, r), 0);
    assert_int_equal(r->n, 0);
    assert_true(has_key(&r->notes, "followup.forecast.note.no_herniation"));
    free(r);
    free(f);
    free(c);
}

static void test_followup__second_mri_is_forecast(void **state)
{
    (void)state;
    resorb_case *c = example("followup-second-mri.json");
    resorb_followup_report *f = follow(c);
    resorb_forecast_report *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(resorb_forecast(c, f, r), 0);
    assert_int_equal(r->n, 1);
    const resorb_herniation_forecast *hf = &r->items[0];
    assert_true(hf->fitted);
    assert_int_equal(hf->measure, RESORB_SIZE_VOLUME);
    assert_int_equal(hf->n_observations, 1);
    assert_true(fabs(hf->obs_relative[0] - 520.0 / 2100.0) < 1e-12);
    /* measured at a quarter of the baseline at 5.3 months: well past 50% by 12 months */
    assert_true(hf->posterior.relative[2].median < 0.5);
    assert_true(hf->posterior.p_half_within > 0.9);
    assert_true(fabs(hf->absolute[2].median - hf->posterior.relative[2].median * 2100) < 1e-9);
    assert_int_equal(hf->dates[0], resorb_date_add_months(date("2024-09-25"), 3));
    free(r);
    free(f);
    free(c);
}

static void test_followup__surgery_stops_the_forecast(void **state)
{
    (void)state;
    char a[512], b[512], imaging[1100];
    snprintf(imaging, sizeof imaging, "%s,%s",
             study(a, sizeof a, "2025-01-10",
                   "{\"level\":\"L4/L5\",\"side\":\"left\",\"morphology\":\"extrusion\","
                   "\"volume_mm3\":1000}"),
             study(b, sizeof b, "2025-06-10",
                   "{\"level\":\"L4/L5\",\"side\":\"left\",\"morphology\":\"extrusion\","
                   "\"volume_mm3\":100}"));
    resorb_case *c = parse_text(
        case_with(imaging, "\"treatments\":[{\"kind\":\"surgery\",\"start\":\"2025-03-01\"}]"));
    resorb_followup_report *f = follow(c);
    assert_true(f->herniations[0].points[1].after_surgery);
    assert_true(has_key(&f->herniations[0].reasons, "followup.herniation.after_surgery"));
    resorb_forecast_report *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(resorb_forecast(c, f, r), 0);
    assert_false(r->items[0].fitted);
    assert_true(has_key(&r->items[0].reasons, "followup.forecast.surgery"));
    free(r);
    free(f);
    free(c);
}

/* ---- documents and messages ---- */

static void check_keys(const resorb_reasons *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const char *k = l->items[i].key;
        if (strcmp(resorb_msg(RESORB_LANG_EN, k), k) == 0 ||
            strcmp(resorb_msg(RESORB_LANG_JA, k), resorb_msg(RESORB_LANG_EN, k)) == 0)
            fail_msg("catalog key missing or untranslated: %s", k);
        for (int a = 0; a < RESORB_REASON_ARGS; a++)
            if (l->items[i].args[a][0] == '@') {
                const char *w = l->items[i].args[a] + 1;
                if (strcmp(resorb_msg(RESORB_LANG_JA, w), w) == 0)
                    fail_msg("catalog word missing: %s", w);
            }
        for (size_t e = 0; e < l->items[i].n_evidence; e++)
            if (!resorb_evidence_find(l->items[i].evidence[e]))
                fail_msg("unknown evidence id %s", l->items[i].evidence[e]);
    }
}

static void test_followup__every_statement_has_english_japanese_and_evidence(void **state)
{
    (void)state;
    const char *names[] = {"followup-second-mri.json", "failed-conservative-4-months.json",
                           "seed-l5s1-right.json"};
    for (size_t i = 0; i < 3; i++) {
        resorb_case *c = example(names[i]);
        resorb_followup_report *f = follow(c);
        resorb_forecast_report *r = malloc(sizeof *r);
        assert_non_null(r);
        assert_int_equal(resorb_forecast(c, f, r), 0);
        check_keys(&f->notes);
        for (size_t k = 0; k < f->n_herniations; k++)
            check_keys(&f->herniations[k].reasons);
        for (size_t k = 0; k < r->n; k++)
            check_keys(&r->items[k].reasons);
        check_keys(&r->notes);
        for (int lang = 0; lang < 2; lang++) {
            for (int json = 0; json < 2; json++) {
                char *doc = NULL;
                assert_int_equal(
                    resorb_timeline_document(&doc, f, c, (resorb_lang)lang, json, true), 0);
                assert_non_null(doc);
                if (json) {
                    json_error_t err;
                    json_t *o = json_loads(doc, 0, &err);
                    assert_non_null(o);
                    assert_string_equal(json_string_value(json_object_get(o, "format")),
                                        RESORB_TIMELINE_FORMAT);
                    json_decref(o);
                }
                free(doc);
                assert_int_equal(
                    resorb_forecast_document(&doc, r, f, c, (resorb_lang)lang, json, false), 0);
                if (json) {
                    json_error_t err;
                    json_t *o = json_loads(doc, 0, &err);
                    assert_non_null(o);
                    assert_string_equal(json_string_value(json_object_get(o, "format")),
                                        RESORB_FORECAST_FORMAT);
                    json_decref(o);
                }
                free(doc);
            }
        }
        free(r);
        free(f);
        free(c);
    }
}

static void test_followup__null_arguments(void **state)
{
    (void)state;
    resorb_followup_report *f = malloc(sizeof *f);
    assert_non_null(f);
    assert_int_equal(resorb_followup(NULL, f), RESORB_EUSAGE);
    assert_int_equal(resorb_forecast(NULL, f, NULL), RESORB_EUSAGE);
    free(f);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_followup__second_mri_tracks_the_l5s1_herniation_by_volume),
        cmocka_unit_test(test_followup__second_mri_pain_and_odi_reach_the_mcid),
        cmocka_unit_test(test_followup__failed_conservative_tracks_by_ap_without_resorption),
        cmocka_unit_test(
            test_followup__failed_conservative_reaches_surgical_consultation_after_3_months),
        cmocka_unit_test(test_followup__record_triage_is_the_assessment),
        cmocka_unit_test(test_followup__cut_back_record_is_a_valid_case),
        cmocka_unit_test(test_followup__running_treatment_has_no_response_yet),
        cmocka_unit_test(test_followup__grades_follow_the_bands),
        cmocka_unit_test(test_followup__same_measure_at_both_ends),
        cmocka_unit_test(test_followup__matching_and_absence),
        cmocka_unit_test(test_followup__one_study_gives_no_forecast_and_a_reason),
        cmocka_unit_test(test_followup__second_mri_is_forecast),
        cmocka_unit_test(test_followup__surgery_stops_the_forecast),
        cmocka_unit_test(test_followup__every_statement_has_english_japanese_and_evidence),
        cmocka_unit_test(test_followup__null_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

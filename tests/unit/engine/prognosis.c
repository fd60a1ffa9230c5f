/*
 * tests/unit/engine/prognosis.c: the resorption prognosis (src/lib/engine/prognosis.c) and the
 * time-to-regression model it uses (src/lib/timecourse/, resorb/timecourse.h).
 *
 * The source document's claim, sequestration > extrusion > protrusion > bulge
 * (EVIDENCE: chiu2015.regression.sequestration, zou2023.regression.sequestration and the other
 * morphologies); the worked case (an L5/S1 extrusion) at 0.67-0.70; intervals; the rim
 * refinement (EVIDENCE: chictr2400094586.enhancement.type1 .type2 .type3); the time course;
 * and the fitted curve against every anchor point it was fitted to.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <math.h>

#include "engine/engine.h"
#include "resorb/timecourse.h"

static resorb_case *new_case(int age)
{
    resorb_case *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->as_of = resorb_date_from_ymd(2025, 3, 10);
    c->history.onset = resorb_date_from_ymd(2025, 2, 1);
    c->patient.age = age;
    return c;
}

static resorb_finding finding(resorb_morphology m, resorb_rim rim)
{
    resorb_finding f;
    memset(&f, 0, sizeof f);
    f.level = RESORB_LEVEL_L5_S1;
    f.morphology = m;
    f.rim_enhancement = rim;
    f.komori_grade = RESORB_INT_NONE;
    f.modic = RESORB_INT_NONE;
    f.pfirrmann = RESORB_INT_NONE;
    f.ap_mm = f.canal_compromise_pct = f.area_mm2 = f.volume_mm3 = NAN;
    return f;
}

static resorb_resorption *run(const resorb_case *c, const resorb_finding *f)
{
    static resorb_resorption out; /* large; tests run one at a time */
    assert_int_equal(resorb_engine__resorption(c, f, &out), 0);
    return &out;
}

static double probability(resorb_morphology m, resorb_rim rim)
{
    resorb_case *c = new_case(60);
    resorb_finding f = finding(m, rim);
    double p = run(c, &f)->probability;
    free(c);
    return p;
}

static bool has_key(const resorb_reasons *l, const char *key)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return true;
    return false;
}

static const resorb_rim rims[] = {RESORB_RIM_NONE, RESORB_RIM_COMPLETE, RESORB_RIM_PARTIAL,
                                  RESORB_RIM_ABSENT};

/* The source document: sequestration > extrusion > protrusion > bulge, with or without a rim
 * refinement (the refinement is monotone in the odds, so it keeps the order; even "no
 * enhancement", 0% at 9 months in a small group, does not flatten it to zero). */
static void test_prognosis__sequestration_gt_extrusion_gt_protrusion_gt_bulge(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rims / sizeof rims[0]; i++) {
        double seq = probability(RESORB_MORPH_SEQUESTRATION, rims[i]);
        double ext = probability(RESORB_MORPH_EXTRUSION, rims[i]);
        double pro = probability(RESORB_MORPH_PROTRUSION, rims[i]);
        double bul = probability(RESORB_MORPH_BULGE, rims[i]);
        if (!(seq > ext && ext > pro && pro > bul))
            fail_msg("rim %d: %.4f %.4f %.4f %.4f not decreasing", (int)rims[i], seq, ext, pro,
                     bul);
    }
}

static resorb_case *load_example(const char *name)
{
    const char *dir = getenv("RESORB_SOURCE_DIR");
    char path[1024], *buf = malloc(1 << 20);
    assert_non_null(dir);
    assert_non_null(buf);
    snprintf(path, sizeof path, "%s/examples/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    size_t len = fread(buf, 1, (1 << 20) - 1, fp);
    fclose(fp);
    buf[len] = '\0';
    resorb_case *c = malloc(sizeof *c);
    assert_non_null(c);
    resorb_diags d;
    resorb_diags_init(&d);
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    assert_int_equal(resorb_case_parse(c, buf, len, &o, &d), 0);
    free(buf);
    return c;
}

/* Issue 3, "Done when": the worked case's L5/S1 extrusion at roughly 0.67-0.70.
 * EVIDENCE: chiu2015.regression.extrusion (70%), zou2023.regression.extrusion (66.91%) */
static void test_prognosis__worked_case_extrusion_is_0_67_to_0_70(void **state)
{
    (void)state;
    resorb_case *c = load_example("seed-l5s1-right.json");
    assert_true(c->n_imaging >= 1);
    const resorb_study *s = &c->imaging[c->n_imaging - 1];
    assert_int_equal(s->n_findings, 1);
    const resorb_finding *f = &s->findings[0];
    assert_int_equal(f->morphology, RESORB_MORPH_EXTRUSION);
    resorb_resorption *r = run(c, f);
    if (!(r->probability >= 0.67 && r->probability <= 0.70))
        fail_msg("worked case: %.4f outside 0.67-0.70", r->probability);
    assert_true(r->low < r->probability && r->probability < r->high);
    assert_false(r->rim_refined);
    assert_true(fabs(r->complete - 0.15) < 1e-12); /* chiu2015.complete_resolution.extrusion */
    assert_true(has_key(&r->reasons, "prognosis.morphology.extrusion"));
    assert_true(has_key(&r->reasons, "prognosis.rim.not_measured"));
    /* Caudal migration, AP 9 mm, onset 5 weeks ago, age 44. */
    assert_true(has_key(&r->modifiers, "prognosis.modifier.migration.caudal"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.size"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.course_short"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.age_band"));
    assert_false(has_key(&r->modifiers, "prognosis.modifier.komori_grade"));
    assert_false(has_key(&r->modifiers, "prognosis.modifier.t2_high"));
    free(c);
}

static void test_prognosis__interval_contains_point_and_lies_in_0_1(void **state)
{
    (void)state;
    resorb_case *c = new_case(60);
    for (int m = RESORB_MORPH_NONE; m < RESORB_MORPH__COUNT; m++) {
        for (size_t i = 0; i < sizeof rims / sizeof rims[0]; i++) {
            resorb_finding f = finding((resorb_morphology)m, rims[i]);
            resorb_resorption *r = run(c, &f);
            if (!(0 <= r->low && r->low <= r->probability && r->probability <= r->high &&
                  r->high <= 1))
                fail_msg("morphology %d rim %d: %.4f not in [%.4f, %.4f] within [0, 1]", m,
                         (int)rims[i], r->probability, r->low, r->high);
            if (!(r->low < r->high))
                fail_msg("morphology %d rim %d: empty interval", m, (int)rims[i]);
            if (!isnan(r->complete) && !(r->complete <= r->probability))
                fail_msg("morphology %d rim %d: complete %.4f above %.4f", m, (int)rims[i],
                         r->complete, r->probability);
        }
    }
    free(c);
}

/* The interval method: [Wilson low of the smaller rate, Wilson high of the larger] at the
 * effective n. EVIDENCE: wang2020.regression.effective_n */
static void test_prognosis__interval_spans_both_meta_analyses(void **state)
{
    (void)state;
    resorb_case *c = new_case(60);
    resorb_finding f = finding(RESORB_MORPH_EXTRUSION, RESORB_RIM_NONE);
    resorb_resorption *r = run(c, &f);
    assert_true(fabs(r->probability - (0.70 + 0.6691) / 2) < 1e-12);
    assert_true(r->low < 0.6691 && r->high > 0.70);
    /* Wilson at n = 45.7 is far wider than the two rates' spread. */
    assert_true(r->low > 0.45 && r->high < 0.90);
    free(c);
}

/* Effective n row = the binomial n of Wang 2020's CI (the derivation its note states). */
static void test_prognosis__effective_n_row_matches_wang_ci(void **state)
{
    (void)state;
    const resorb_evidence_row *w = resorb_evidence_find("wang2020.regression.pooled");
    const resorb_evidence_row *n = resorb_evidence_find("wang2020.regression.effective_n");
    assert_non_null(w);
    assert_non_null(n);
    assert_int_equal(n->confidence, RESORB_CONF_INFERRED);
    double p = w->value / 100, se = (w->high - w->low) / 100 / (2 * 1.959963984540054);
    double derived = p * (1 - p) / (se * se);
    if (fabs(derived - n->value) > 0.05)
        fail_msg("effective n %.4f, derived %.4f", n->value, derived);
}

/* Complete rim raises, no enhancement lowers; complete > partial > none for every morphology.
 * A rim that was not measured (no contrast study) refines nothing. */
static void test_prognosis__rim_refinement_direction(void **state)
{
    (void)state;
    for (int m = RESORB_MORPH_BULGE; m < RESORB_MORPH__COUNT; m++) {
        double none_measured = probability((resorb_morphology)m, RESORB_RIM_NONE);
        double complete = probability((resorb_morphology)m, RESORB_RIM_COMPLETE);
        double partial = probability((resorb_morphology)m, RESORB_RIM_PARTIAL);
        double absent = probability((resorb_morphology)m, RESORB_RIM_ABSENT);
        if (!(complete > none_measured && absent < none_measured))
            fail_msg("morphology %d: complete %.4f, unrefined %.4f, none %.4f", m, complete,
                     none_measured, absent);
        if (!(complete > partial && partial > absent))
            fail_msg("morphology %d: complete %.4f, partial %.4f, none %.4f", m, complete, partial,
                     absent);
    }
    resorb_case *c = new_case(60);
    resorb_finding f = finding(RESORB_MORPH_EXTRUSION, RESORB_RIM_NONE);
    resorb_resorption *r = run(c, &f);
    assert_false(r->rim_refined);
    assert_true(has_key(&r->reasons, "prognosis.rim.not_measured"));
    f.rim_enhancement = RESORB_RIM_COMPLETE;
    r = run(c, &f);
    assert_true(r->rim_refined);
    assert_true(has_key(&r->reasons, "prognosis.rim.complete"));
    assert_true(has_key(&r->reasons, "prognosis.rim.caveat"));
    free(c);
}

static void test_prognosis__time_course_non_decreasing_and_below_probability(void **state)
{
    (void)state;
    resorb_case *c = new_case(60);
    const int months[RESORB_MONTHS_COUNT] = RESORB_MONTHS_INIT;
    assert_int_equal(months[0], 3);
    assert_int_equal(months[3], 24);
    for (int m = RESORB_MORPH_NONE; m < RESORB_MORPH__COUNT; m++) {
        for (size_t i = 0; i < sizeof rims / sizeof rims[0]; i++) {
            resorb_finding f = finding((resorb_morphology)m, rims[i]);
            resorb_resorption *r = run(c, &f);
            double prev = 0;
            for (int k = 0; k < RESORB_MONTHS_COUNT; k++) {
                double v = r->by_month[k];
                if (!(v >= prev && v >= 0 && v <= 1 && v <= r->probability))
                    fail_msg("morphology %d rim %d month %d: %.4f (previous %.4f, p %.4f)", m,
                             (int)rims[i], months[k], v, prev, r->probability);
                prev = v;
            }
            if (r->probability > 0)
                assert_true(r->by_month[3] > r->by_month[0]);
        }
    }
    /* And the curve itself, month by month over 10 years. */
    const resorb_tc_fits *fits = resorb_timecourse_compiled();
    for (int k = 0; k < RESORB_TC__FAMILIES; k++) {
        double prev = 0;
        for (double t = 0; t <= 120; t += 0.25) {
            double v = resorb_timecourse_cdf(&fits->fits[k].model, t);
            assert_true(v >= prev && v <= 1);
            prev = v;
        }
    }
    free(c);
}

/* ---- the fitted curve against every anchor point ---- */

static double row_value(const char *id)
{
    const resorb_evidence_row *r = resorb_evidence_find(id);
    if (!r || !r->has_value)
        fail_msg("row %s missing or without value", id);
    return r->value;
}

/* F(t) computed here from the parameters, independently of src/lib/timecourse/model.c. */
static double cdf(const resorb_tc_model *m, double t)
{
    if (m->family == RESORB_TC_WEIBULL)
        return 1 - exp(-pow(t / m->b, m->a));
    return 0.5 * (1 + erf((log(t) - m->a) / (m->b * sqrt(2))));
}

static double mean(const resorb_tc_model *m)
{
    if (m->family == RESORB_TC_WEIBULL)
        return m->b * tgamma(1 + 1 / m->a);
    return exp(m->a + m->b * m->b / 2);
}

static const resorb_tc_anchor *anchor(const resorb_tc_fit *f, const char *id)
{
    for (size_t i = 0; i < f->n_anchors; i++)
        if (strcmp(f->anchors[i].id, id) == 0)
            return &f->anchors[i];
    fail_msg("anchor %s not in the fit", id);
    return NULL;
}

/* Tolerance: every anchor within 1.5 of its standard errors (|z| <= 1.5), and the proportions
 * within 0.05 absolute; the mean time within 2 months. The observed values are read from the
 * rows here, not from the fit. */
static void check_point(const char *id, double model, double observed, double tol)
{
    if (fabs(model - observed) > tol)
        fail_msg("%s: model %.4f vs observed %.4f (tolerance %.3g)", id, model, observed, tol);
}

static void test_prognosis__fitted_curve_matches_every_anchor_point(void **state)
{
    (void)state;
    const resorb_tc_fits *fits = resorb_timecourse_compiled();
    const resorb_tc_fit *f = &fits->fits[fits->chosen];
    const resorb_tc_model *m = &f->model;
    assert_true(f->converged);
    assert_int_equal(f->n_anchors, 6);
    for (size_t i = 0; i < f->n_anchors; i++)
        if (fabs(f->anchors[i].z) > 1.5)
            fail_msg("%s: z = %.3f", f->anchors[i].id, f->anchors[i].z);

    /* EVIDENCE: wang2020.regression.pooled (63%, plateau of all herniations) */
    check_point("wang2020.regression.pooled", m->plateau,
                row_value("wang2020.regression.pooled") / 100, 0.05);
    /* EVIDENCE: ramosamador2013.disappeared_2_months (5 of 72 by 2 months) */
    const resorb_evidence_row *r2 = resorb_evidence_find("ramosamador2013.disappeared_2_months");
    check_point("ramosamador2013.disappeared_2_months", m->plateau * cdf(m, 2), r2->value / r2->n,
                0.05);
    /* EVIDENCE: hornung2023.resorbers.early (23) and .late (67): F(3)/F(12) */
    double early = row_value("hornung2023.resorbers.early");
    double late = row_value("hornung2023.resorbers.late");
    double t_early = row_value("hornung2023.early_threshold");
    check_point("hornung2023.resorbers.early_share", cdf(m, t_early) / cdf(m, 12),
                early / (early + late), 0.05);
    check_point("hornung2023.resorbers.early_share (inferred row)", cdf(m, t_early) / cdf(m, 12),
                row_value("hornung2023.resorbers.early_share") / 100, 0.05);
    /* EVIDENCE: splendiani2004.regression.6_months (34.72%) */
    check_point("splendiani2004.regression.6_months", m->plateau * cdf(m, 6),
                row_value("splendiani2004.regression.6_months") / 100, 0.05);
    /* EVIDENCE: ramosamador2013.disappeared_12_months (59%) */
    check_point("ramosamador2013.disappeared_12_months", m->plateau * cdf(m, 12),
                row_value("ramosamador2013.disappeared_12_months") / 100, 0.05);
    /* EVIDENCE: macki2014.sequestration.radiographic_resolution (9.27 months) */
    check_point("macki2014.sequestration.radiographic_resolution", mean(m),
                row_value("macki2014.sequestration.radiographic_resolution"), 2.0);
    /* Checked, not fitted. EVIDENCE: zou2023.timing.main_window ("mainly within 6 months") */
    assert_true(cdf(m, row_value("zou2023.timing.main_window")) >= 0.5);

    /* The stored fitted values and residuals are those of the parameters. */
    for (size_t i = 0; i < f->n_anchors; i++) {
        const resorb_tc_anchor *a = &f->anchors[i];
        double v = resorb_timecourse_predict(m, a->kind, a->t, a->t_ref);
        assert_true(fabs(v - a->fitted) < 1e-12);
        assert_true(fabs(a->residual - (a->fitted - a->observed)) < 1e-12);
    }
    (void)anchor(f, "macki2014.sequestration.radiographic_resolution");
}

/* The times written in the anchor table are those the rows' texts state. */
static void test_prognosis__anchor_times_are_those_of_the_rows(void **state)
{
    (void)state;
    static const struct {
        const char *id, *text;
    } says[] = {
        {"ramosamador2013.disappeared_2_months", "within 2 months"},
        {"splendiani2004.regression.6_months", "at 6 months"},
        {"ramosamador2013.disappeared_12_months", "within 1 year"},
        {"hornung2023.resorbers.early", "for 1 year"},
        {"chictr2400094586.enhancement.type1", "at 9 months"},
        {"chictr2400094586.enhancement.type2", "at 9 months"},
        {"chictr2400094586.enhancement.type3", "at 9 months"},
    };
    for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
        const resorb_evidence_row *r = resorb_evidence_find(says[i].id);
        assert_non_null(r);
        if (!strstr(r->label_en, says[i].text) && !strstr(r->population, says[i].text))
            fail_msg("%s: neither label nor population says \"%s\"", says[i].id, says[i].text);
    }
    const resorb_tc_fit *f = &resorb_timecourse_compiled()->fits[0];
    assert_true(anchor(f, "ramosamador2013.disappeared_2_months")->t == 2);
    assert_true(anchor(f, "splendiani2004.regression.6_months")->t == 6);
    assert_true(anchor(f, "ramosamador2013.disappeared_12_months")->t == 12);
    assert_true(anchor(f, "hornung2023.resorbers.early_share")->t_ref == 12);
}

/* The live fit (what `resorb evidence fit` runs) gives the build-time parameters. */
static void test_prognosis__live_fit_equals_compiled(void **state)
{
    (void)state;
    resorb_tc_fits *live = malloc(sizeof *live);
    assert_non_null(live);
    assert_int_equal(resorb_timecourse_fit(live), 0);
    const resorb_tc_fits *built = resorb_timecourse_compiled();
    assert_int_equal(live->chosen, built->chosen);
    for (int k = 0; k < RESORB_TC__FAMILIES; k++) {
        const resorb_tc_fit *a = &live->fits[k], *b = &built->fits[k];
        assert_true(fabs(a->model.a - b->model.a) <= 1e-9 * fabs(b->model.a));
        assert_true(fabs(a->model.b - b->model.b) <= 1e-9 * fabs(b->model.b));
        assert_true(fabs(a->model.plateau - b->model.plateau) <= 1e-9);
        assert_int_equal(a->n_anchors, b->n_anchors);
        for (size_t i = 0; i < a->n_anchors; i++) {
            assert_string_equal(a->anchors[i].id, b->anchors[i].id);
            assert_true(fabs(a->anchors[i].residual - b->anchors[i].residual) <= 1e-9);
        }
    }
    free(live);
}

/* Every reason and modifier uses a catalog key (both languages) and cites existing rows. */
static void check_reasons(const resorb_reasons *l)
{
    assert_int_equal(l->dropped, 0);
    for (size_t i = 0; i < l->count; i++) {
        const resorb_reason *r = &l->items[i];
        if (strcmp(resorb_msg(RESORB_LANG_EN, r->key), r->key) == 0)
            fail_msg("key %s not in the catalog", r->key);
        if (strcmp(resorb_msg(RESORB_LANG_JA, r->key), resorb_msg(RESORB_LANG_EN, r->key)) == 0)
            fail_msg("key %s has no Japanese", r->key);
        assert_true(r->n_evidence > 0);
        for (size_t e = 0; e < r->n_evidence; e++)
            if (!resorb_evidence_find(r->evidence[e]))
                fail_msg("%s cites unknown row %s", r->key, r->evidence[e]);
        char buf[1024];
        assert_true(resorb_reason_format(r, RESORB_LANG_JA, buf, sizeof buf) < sizeof buf);
        assert_null(strstr(buf, "{")); /* every placeholder filled */
    }
}

static void test_prognosis__reasons_use_catalog_keys_and_cite_rows(void **state)
{
    (void)state;
    resorb_case *c = new_case(45);
    for (int m = RESORB_MORPH_NONE; m < RESORB_MORPH__COUNT; m++) {
        for (size_t i = 0; i < sizeof rims / sizeof rims[0]; i++) {
            resorb_finding f = finding((resorb_morphology)m, rims[i]);
            f.komori_grade = 2;
            f.migration = RESORB_MIGRATION_CRANIAL;
            f.t2_signal = RESORB_T2_HIGH;
            f.modic = 1;
            f.ap_mm = 11;
            f.canal_compromise_pct = 45;
            f.area_mm2 = 142.5;
            f.volume_mm3 = 1850;
            resorb_resorption *r = run(c, &f);
            check_reasons(&r->reasons);
            check_reasons(&r->modifiers);
        }
    }
    c->as_of = resorb_date_from_ymd(2026, 6, 1); /* course over a year */
    resorb_finding f = finding(RESORB_MORPH_BULGE, RESORB_RIM_NONE);
    resorb_resorption *r = run(c, &f);
    check_reasons(&r->modifiers);
    assert_true(has_key(&r->modifiers, "prognosis.modifier.course_long"));
    free(c);
}

/* Modifiers appear only when the finding (or the case) has the feature. */
static void test_prognosis__modifiers_only_when_present(void **state)
{
    (void)state;
    resorb_case *c = new_case(60); /* outside the 41-50 band */
    resorb_finding f = finding(RESORB_MORPH_PROTRUSION, RESORB_RIM_NONE);
    f.migration = RESORB_MIGRATION_NOT_MIGRATED;
    f.modic = 0;
    f.t2_signal = RESORB_T2_LOW;
    resorb_resorption *r = run(c, &f);
    assert_int_equal(r->modifiers.count, 1); /* only the course, known from the onset */
    assert_true(has_key(&r->modifiers, "prognosis.modifier.course_short"));
    free(c);

    c = load_example("sequestration-rim.json");
    r = run(c, &c->imaging[0].findings[0]);
    assert_true(has_key(&r->modifiers, "prognosis.modifier.komori_grade"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.migration.caudal"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.t2_high"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.rim_thickness"));
    assert_true(has_key(&r->modifiers, "prognosis.modifier.size"));
    assert_false(has_key(&r->modifiers, "prognosis.modifier.modic"));    /* modic 0 */
    assert_false(has_key(&r->modifiers, "prognosis.modifier.age_band")); /* age 35 */
    assert_true(r->rim_refined);
    assert_true(r->probability > 0.95);
    free(c);
}

static void test_prognosis__complete_resolution_only_where_published(void **state)
{
    (void)state;
    resorb_case *c = new_case(60);
    resorb_finding f = finding(RESORB_MORPH_SEQUESTRATION, RESORB_RIM_NONE);
    assert_true(fabs(run(c, &f)->complete - 0.43) < 1e-12);
    f.morphology = RESORB_MORPH_PROTRUSION;
    assert_true(isnan(run(c, &f)->complete));
    assert_true(has_key(&run(c, &f)->reasons, "prognosis.complete.unknown"));
    f.morphology = RESORB_MORPH_BULGE;
    assert_true(isnan(run(c, &f)->complete));
    /* No enhancement brings an extrusion below its 15%: withdrawn, with a reason. */
    f = finding(RESORB_MORPH_EXTRUSION, RESORB_RIM_ABSENT);
    resorb_resorption *r = run(c, &f);
    assert_true(r->probability < 0.15);
    assert_true(isnan(r->complete));
    assert_true(has_key(&r->reasons, "prognosis.complete.withdrawn"));
    f.rim_enhancement = RESORB_RIM_COMPLETE;
    assert_true(fabs(run(c, &f)->complete - 0.15) < 1e-12);
    free(c);
}

/* Defensive: no morphology gives the pooled rate with its published CI (Wang 2020). */
static void test_prognosis__no_morphology_uses_the_pooled_rate(void **state)
{
    (void)state;
    resorb_case *c = new_case(60);
    resorb_finding f = finding(RESORB_MORPH_NONE, RESORB_RIM_NONE);
    resorb_resorption *r = run(c, &f);
    assert_true(fabs(r->probability - 0.63) < 1e-12);
    assert_true(fabs(r->low - 0.49) < 1e-12 && fabs(r->high - 0.77) < 1e-12);
    assert_true(has_key(&r->reasons, "prognosis.morphology.unknown"));
    assert_int_equal(resorb_engine__resorption(NULL, &f, r), RESORB_EUSAGE);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prognosis__sequestration_gt_extrusion_gt_protrusion_gt_bulge),
        cmocka_unit_test(test_prognosis__worked_case_extrusion_is_0_67_to_0_70),
        cmocka_unit_test(test_prognosis__interval_contains_point_and_lies_in_0_1),
        cmocka_unit_test(test_prognosis__interval_spans_both_meta_analyses),
        cmocka_unit_test(test_prognosis__effective_n_row_matches_wang_ci),
        cmocka_unit_test(test_prognosis__rim_refinement_direction),
        cmocka_unit_test(test_prognosis__time_course_non_decreasing_and_below_probability),
        cmocka_unit_test(test_prognosis__fitted_curve_matches_every_anchor_point),
        cmocka_unit_test(test_prognosis__anchor_times_are_those_of_the_rows),
        cmocka_unit_test(test_prognosis__live_fit_equals_compiled),
        cmocka_unit_test(test_prognosis__reasons_use_catalog_keys_and_cite_rows),
        cmocka_unit_test(test_prognosis__modifiers_only_when_present),
        cmocka_unit_test(test_prognosis__complete_resolution_only_where_published),
        cmocka_unit_test(test_prognosis__no_morphology_uses_the_pooled_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

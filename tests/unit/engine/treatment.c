/*
 * tests/unit/engine/treatment.c: the conservative treatment plan (src/lib/engine/treatment.c,
 * drugs.c, doses.c, blocks.c): a golden case per safety rule, each citing the evidence row it
 * rests on, the phenotype, the Cockcroft-Gault clearance, the dose bands, the blocks, and the
 * two worked examples (examples/seed-l5s1-right.json, examples/elderly-ckd-anticoagulant.json).
 *
 * Every plan built here is also checked as a whole: every reason's key and "@" argument exist
 * in the catalog and render in English and Japanese with no placeholder left, and every cited
 * id is an evidence row.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/engine.h"

/* ---- building cases ---- */

/* A complete, conservative case: male 45, 70 kg, creatinine 1.0 mg/dL, every list recorded
 * and empty, every red flag asked (no), a right S1 picture (exam and MRI) as in the worked
 * example, onset 19 days before as_of (acute). */
static const char *const BASE =
    "{\"format\":\"resorb.case/1\",\"id\":\"t\",\"as_of\":\"2025-01-20\","
    "\"patient\":{\"age\":45,\"sex\":\"male\",\"weight_kg\":70,\"serum_creatinine_mg_dl\":1.0,"
    "\"conditions\":[],\"medications\":[],\"allergies\":[]},"
    "\"history\":{\"onset\":\"2025-01-01\",\"leg_pain_nrs\":7,\"leg_pain_side\":\"right\","
    "\"course\":\"stable\",\"red_flags\":{\"urinary_retention\":false,"
    "\"urinary_incontinence\":false,\"bowel_incontinence\":false,\"saddle_anesthesia\":false,"
    "\"sexual_dysfunction\":false,\"bilateral_leg_symptoms\":false,\"fever\":false,"
    "\"unexplained_weight_loss\":false,\"significant_trauma\":false,\"night_pain\":false}},"
    "\"exam\":{\"slr\":[{\"side\":\"right\",\"positive\":true,\"angle_deg\":40}],"
    "\"motor\":[{\"muscle\":\"ankle_plantarflexion\",\"side\":\"right\",\"mmt\":4}],"
    "\"reflexes\":[{\"reflex\":\"achilles\",\"side\":\"right\",\"grade\":\"reduced\"}],"
    "\"sensory\":[{\"dermatome\":\"S1\",\"side\":\"right\",\"finding\":\"reduced\"}],"
    "\"perianal_sensation\":\"normal\",\"anal_tone\":\"normal\"},"
    "\"imaging\":[{\"date\":\"2025-01-15\",\"modality\":\"mri\",\"findings\":[{\"level\":"
    "\"L5/S1\",\"morphology\":\"extrusion\",\"zone\":\"subarticular\",\"side\":\"right\","
    "\"migration\":\"caudal\",\"ap_mm\":9.0}]}]}";

static resorb_case *parse(const char *json)
{
    resorb_case *c = malloc(sizeof *c);
    resorb_diags d;
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    resorb_diags_init(&d);
    assert_non_null(c);
    int rc = resorb_case_parse(c, json, strlen(json), &o, &d);
    if (rc != 0)
        for (size_t i = 0; i < d.count; i++)
            fprintf(stderr, "%s %s\n", resorb_problem_name(d.items[i].problem), d.items[i].path);
    assert_int_equal(rc, 0);
    return c;
}

static resorb_case *base(void)
{
    return parse(BASE);
}

static resorb_case *example(const char *name)
{
    const char *dir = getenv("RESORB_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/%s", dir ? dir : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (set RESORB_SOURCE_DIR)", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return parse(buf);
}

static void set_cond(resorb_case *c, resorb_condition k)
{
    c->patient.conditions.given = true;
    c->patient.conditions.bits |= UINT32_C(1) << k;
}

static void set_med(resorb_case *c, resorb_medication k)
{
    c->patient.medications.given = true;
    c->patient.medications.bits |= UINT32_C(1) << k;
}

static void set_allergy(resorb_case *c, resorb_allergy k)
{
    c->patient.allergies.given = true;
    c->patient.allergies.bits |= UINT32_C(1) << k;
}

/* ---- checking plans ---- */

static void check_reason(const resorb_reason *r)
{
    if (strcmp(resorb_msg(RESORB_LANG_EN, r->key), r->key) == 0)
        fail_msg("catalog has no key %s", r->key);
    for (int a = 0; a < RESORB_REASON_ARGS; a++) {
        if (r->args[a][0] == '@' &&
            strcmp(resorb_msg(RESORB_LANG_JA, r->args[a] + 1), r->args[a] + 1) == 0)
            fail_msg("%s: catalog has no word %s", r->key, r->args[a]);
        if (strstr(r->args[a], "nan") || strstr(r->args[a], "inf"))
            fail_msg("%s: argument %d is %s", r->key, a, r->args[a]);
    }
    for (int lang = 0; lang < 2; lang++) {
        char buf[1024];
        size_t n = resorb_reason_format(r, (resorb_lang)lang, buf, sizeof buf);
        assert_true(n < sizeof buf);
        if (strchr(buf, '@') || strstr(buf, "{0}") || strstr(buf, "{1}") || strstr(buf, "{2}") ||
            strstr(buf, "{3}"))
            fail_msg("%s renders badly: %s", r->key, buf);
    }
    for (size_t e = 0; e < r->n_evidence; e++)
        if (!resorb_evidence_find(r->evidence[e]))
            fail_msg("%s cites unknown evidence %s", r->key, r->evidence[e]);
}

static void check_list(const resorb_reasons *l)
{
    assert_int_equal(l->dropped, 0);
    for (size_t i = 0; i < l->count; i++)
        check_reason(&l->items[i]);
}

static void check_plan(const resorb_treatment_plan *t)
{
    if (!t->given) {
        assert_int_equal(t->n_drugs, 0);
        assert_int_equal(t->n_blocks, 0);
        return;
    }
    check_list(&t->phenotype_reasons);
    check_list(&t->clearance_reasons);
    assert_int_equal(t->n_drugs, RESORB_DRUG__COUNT);
    for (size_t i = 0; i < t->n_drugs; i++) {
        assert_int_equal(t->drugs[i].drug, (resorb_drug)i); /* enum order */
        check_list(&t->drugs[i].reasons);
        assert_true(t->drugs[i].reasons.count > 0); /* every status carries its reasons */
        if (t->drugs[i].has_dose)
            check_reason(&t->drugs[i].dose);
    }
    assert_true(t->n_blocks >= 2 && t->n_blocks <= RESORB_BLOCKS_MAX);
    for (size_t i = 0; i < t->n_blocks; i++) {
        check_list(&t->blocks[i].reasons);
        assert_true(t->blocks[i].reasons.count > 0);
    }
}

static resorb_assessment *run(const resorb_case *c)
{
    resorb_assessment *a = malloc(sizeof *a);
    assert_non_null(a);
    assert_int_equal(resorb_assess(a, c, NULL), 0);
    check_plan(&a->plan.treatment);
    return a;
}

static const resorb_treatment_plan *plan(const resorb_assessment *a)
{
    return &a->plan.treatment;
}

static const resorb_drug_advice *drug(const resorb_assessment *a, resorb_drug d)
{
    return &a->plan.treatment.drugs[d];
}

static const resorb_reason *find(const resorb_reasons *l, const char *key)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return &l->items[i];
    return NULL;
}

static bool has(const resorb_reasons *l, const char *key)
{
    return find(l, key) != NULL;
}

static bool cites(const resorb_reason *r, const char *id)
{
    for (size_t i = 0; r && i < r->n_evidence; i++)
        if (strcmp(r->evidence[i], id) == 0)
            return true;
    return false;
}

/* The first block of this type and guidance, or NULL. */
static const resorb_block_advice *block(const resorb_assessment *a, resorb_block_type type,
                                        resorb_guidance guidance)
{
    const resorb_treatment_plan *t = plan(a);
    for (size_t i = 0; i < t->n_blocks; i++)
        if (t->blocks[i].type == type && t->blocks[i].guidance == guidance)
            return &t->blocks[i];
    return NULL;
}

static void every_block(const resorb_assessment *a, resorb_advice_status at_least, const char *key)
{
    const resorb_treatment_plan *t = plan(a);
    for (size_t i = 0; i < t->n_blocks; i++) {
        assert_true(t->blocks[i].status >= at_least);
        assert_true(has(&t->blocks[i].reasons, key));
    }
}

#define STATUS(a, d) (drug(a, RESORB_DRUG_##d)->status)

/* ---- triage defers the plan ---- */

static void test_treatment__emergency_gives_no_plan(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->history.red_flags[RESORB_RF_URINARY_RETENTION] = RESORB_TRI_YES;
    resorb_assessment *a = run(c);
    assert_int_equal(a->triage.category, RESORB_TRIAGE_EMERGENCY);
    assert_false(plan(a)->given);
    free(a);
    free(c);
}

static void test_treatment__urgent_gives_no_plan(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->exam.motor[0].mmt = 3; /* EVIDENCE: eurspinej2014.motor.severe_mmt -> urgent */
    resorb_assessment *a = run(c);
    assert_int_equal(a->triage.category, RESORB_TRIAGE_URGENT);
    assert_false(plan(a)->given);
    free(a);
    free(c);
}

static void test_treatment__investigate_still_plans(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->history.red_flags[RESORB_RF_NIGHT_PAIN] = RESORB_TRI_YES;
    resorb_assessment *a = run(c);
    assert_int_equal(a->triage.category, RESORB_TRIAGE_INVESTIGATE);
    assert_true(plan(a)->given);
    free(a);
    free(c);
}

/* ---- Cockcroft-Gault ---- */

static void test_treatment__clearance_known_example(void **state)
{
    (void)state;
    /* EVIDENCE: cockcroftgault.clcr.formula: (140 - 60) x 72 / (72 x 1.0) = 80 mL/min */
    resorb_case *c = base();
    c->patient.age = 60;
    c->patient.weight_kg = 72;
    c->patient.serum_creatinine_mg_dl = 1.0;
    resorb_assessment *a = run(c);
    assert_float_equal(plan(a)->creatinine_clearance_ml_min, 80.0, 1e-9);
    const resorb_reason *r = find(&plan(a)->clearance_reasons, "treatment.clearance.inputs");
    assert_non_null(r);
    assert_string_equal(r->args[0], "60");
    assert_string_equal(r->args[2], "72");
    assert_string_equal(r->args[3], "1");
    free(a);
    free(c);
}

static void test_treatment__clearance_female_factor(void **state)
{
    (void)state;
    /* EVIDENCE: cockcroftgault.clcr.female_factor: 80 x 0.85 = 68 mL/min */
    resorb_case *c = base();
    c->patient.age = 60;
    c->patient.sex = RESORB_SEX_FEMALE;
    c->patient.pregnant = RESORB_TRI_NO;
    c->patient.weight_kg = 72;
    c->patient.serum_creatinine_mg_dl = 1.0;
    resorb_assessment *a = run(c);
    assert_float_equal(plan(a)->creatinine_clearance_ml_min, 68.0, 1e-9);
    assert_true(has(&plan(a)->clearance_reasons, "treatment.clearance.result_female"));
    free(a);
    free(c);
}

static void test_treatment__clearance_missing_weight_is_nan(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.weight_kg = NAN;
    resorb_assessment *a = run(c);
    assert_true(isnan(plan(a)->creatinine_clearance_ml_min));
    assert_true(has(&plan(a)->clearance_reasons, "treatment.clearance.missing_weight"));
    assert_false(has(&plan(a)->clearance_reasons, "treatment.clearance.missing_creatinine"));
    /* Renal function unknown: the lowest band, or measure (EVIDENCE:
     * pregabalin.renal.clcr_below_15.daily). */
    const resorb_drug_advice *p = drug(a, RESORB_DRUG_PREGABALIN);
    assert_true(p->has_dose);
    assert_string_equal(p->dose.key, "drug.dose.renal_unknown");
    assert_string_equal(p->dose.args[1], "25-75");
    free(a);
    free(c);
}

static void test_treatment__clearance_missing_creatinine_and_weight_named(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.weight_kg = NAN;
    c->patient.serum_creatinine_mg_dl = NAN;
    resorb_assessment *a = run(c);
    assert_true(isnan(plan(a)->creatinine_clearance_ml_min));
    assert_true(has(&plan(a)->clearance_reasons, "treatment.clearance.missing_weight"));
    assert_true(has(&plan(a)->clearance_reasons, "treatment.clearance.missing_creatinine"));
    free(a);
    free(c);
}

static void test_treatment__clearance_sex_other_is_nan(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.sex = RESORB_SEX_OTHER;
    c->patient.pregnant = RESORB_TRI_NO;
    resorb_assessment *a = run(c);
    assert_true(isnan(plan(a)->creatinine_clearance_ml_min));
    const resorb_reason *r =
        find(&plan(a)->clearance_reasons, "treatment.clearance.sex_not_binary");
    assert_non_null(r);
    /* (140 - 45) x 70 / 72 = 92.4: female form 79, male form 92 */
    assert_string_equal(r->args[0], "79");
    assert_string_equal(r->args[1], "92");
    free(a);
    free(c);
}

static void test_treatment__clearance_not_for_minors(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.age = 16;
    resorb_assessment *a = run(c);
    assert_true(isnan(plan(a)->creatinine_clearance_ml_min));
    assert_true(has(&plan(a)->clearance_reasons, "treatment.clearance.minor"));
    assert_true(has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.minor"));
    free(a);
    free(c);
}

/* ---- renal dose bands ---- */

/* A man of 68 with creatinine 1.0 mg/dL: (140 - 68) x w / (72 x 1.0) = w exactly, so the weight
 * is the clearance wanted (boundaries land exactly on the band edges). */
static resorb_assessment *with_clearance(double clcr)
{
    resorb_case *c = base();
    c->patient.age = 68;
    c->patient.serum_creatinine_mg_dl = 1.0;
    c->patient.weight_kg = clcr;
    resorb_assessment *a = run(c);
    free(c);
    assert_float_equal(plan(a)->creatinine_clearance_ml_min, clcr, 0);
    return a;
}

static void test_treatment__pregabalin_band_15_30(void **state)
{
    (void)state;
    /* EVIDENCE: pregabalin.renal.clcr_15_30.daily (25-150 mg/day) */
    resorb_assessment *a = with_clearance(20);
    const resorb_drug_advice *p = drug(a, RESORB_DRUG_PREGABALIN);
    assert_true(p->has_dose);
    assert_string_equal(p->dose.key, "drug.dose.pregabalin");
    assert_string_equal(p->dose.args[2], "25-150");
    assert_true(cites(&p->dose, "pregabalin.renal.clcr_15_30.daily"));
    /* EVIDENCE: mirogabalin.renal.severe.daily (2.5-7.5 mg/day, 2.5 mg once daily) */
    const resorb_drug_advice *m = drug(a, RESORB_DRUG_MIROGABALIN);
    assert_string_equal(m->dose.key, "drug.dose.mirogabalin_qd");
    assert_string_equal(m->dose.args[2], "2.5-7.5");
    assert_string_equal(m->dose.args[3], "2.5");
    free(a);
}

static void test_treatment__pregabalin_bands_at_boundaries(void **state)
{
    (void)state;
    /* EVIDENCE: pregabalin.renal.boundary_60, pregabalin.renal.boundary_30,
     * pregabalin.renal.boundary_15 and the daily bands of each */
    static const struct {
        double clcr;
        const char *daily;
    } cases[] = {{120, "150-600"}, {60, "150-600"}, {59.5, "75-300"}, {30, "75-300"},
                 {29.5, "25-150"}, {15, "25-150"},  {14.5, "25-75"},  {5, "25-75"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        resorb_assessment *a = with_clearance(cases[i].clcr);
        assert_string_equal(drug(a, RESORB_DRUG_PREGABALIN)->dose.args[2], cases[i].daily);
        free(a);
    }
}

static void test_treatment__mirogabalin_bands(void **state)
{
    (void)state;
    /* EVIDENCE: mirogabalin.renal.boundary_90, mirogabalin.renal.boundary_60,
     * mirogabalin.renal.boundary_30; moderate: 5-15 mg/day starting 2.5 mg twice daily */
    static const struct {
        double clcr;
        const char *key, *daily, *start;
    } cases[] = {{95, "drug.dose.mirogabalin_bid", "10-30", "5"},
                 {75, "drug.dose.mirogabalin_bid", "10-30", "5"},
                 {45, "drug.dose.mirogabalin_bid", "5-15", "2.5"},
                 {29, "drug.dose.mirogabalin_qd", "2.5-7.5", "2.5"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        resorb_assessment *a = with_clearance(cases[i].clcr);
        const resorb_reason *d = &drug(a, RESORB_DRUG_MIROGABALIN)->dose;
        assert_string_equal(d->key, cases[i].key);
        assert_string_equal(d->args[2], cases[i].daily);
        assert_string_equal(d->args[3], cases[i].start);
        free(a);
    }
}

static void test_treatment__dialysis(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_cond(c, RESORB_COND_DIALYSIS);
    resorb_assessment *a = run(c);
    /* EVIDENCE: kdigo2012.nsaid.avoid_gfr_below, westanmo2005.duloxetine.renal_hepatic */
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_AVOID);
    /* EVIDENCE: pregabalin.renal.clcr_below_15.daily; mirogabalin.renal.severe.daily
     * (haemodialysis included) */
    assert_string_equal(drug(a, RESORB_DRUG_PREGABALIN)->dose.key, "drug.dose.pregabalin_dialysis");
    assert_string_equal(drug(a, RESORB_DRUG_PREGABALIN)->dose.args[1], "25-75");
    assert_string_equal(drug(a, RESORB_DRUG_MIROGABALIN)->dose.key,
                        "drug.dose.mirogabalin_dialysis");
    assert_true(has(&plan(a)->clearance_reasons, "treatment.clearance.dialysis"));
    free(a);
    free(c);
}

/* ---- NSAID safety rules ---- */

static void test_treatment__nsaid_renal_thresholds(void **state)
{
    (void)state;
    /* EVIDENCE: kdigo2012.nsaid.avoid_gfr_below (30) */
    resorb_assessment *a = with_clearance(25);
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.clcr_nsaid_avoid"));
    /* EVIDENCE: westanmo2005.duloxetine.renal_hepatic (30 mL/min) */
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_AVOID);
    free(a);
    /* EVIDENCE: kdigo2012.nsaid.prolonged_not_recommended (30-60) */
    a = with_clearance(45);
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.clcr_nsaid_prolonged"));
    free(a);
    a = with_clearance(75);
    assert_false(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.clcr_nsaid_prolonged"));
    free(a);
}

static void test_treatment__nsaid_conditions(void **state)
{
    (void)state;
    static const struct {
        resorb_condition cond;
        const char *key, *evidence;
    } cases[] = {
        /* EVIDENCE: loxoprofen.label.contraindications */
        {RESORB_COND_PEPTIC_ULCER, "drug.safety.peptic_ulcer",
         "loxoprofen.label.contraindications"},
        /* EVIDENCE: nsaid.label.gi_bleeding_risk */
        {RESORB_COND_GI_BLEEDING_HISTORY, "drug.safety.gi_bleeding",
         "nsaid.label.gi_bleeding_risk"},
        /* EVIDENCE: kdigo2012.nsaid.avoid_gfr_below */
        {RESORB_COND_CKD, "drug.safety.ckd_nsaid", "kdigo2012.nsaid.avoid_gfr_below"},
        {RESORB_COND_HEART_FAILURE, "drug.safety.heart_failure",
         "loxoprofen.label.contraindications"},
        {RESORB_COND_HEPATIC_IMPAIRMENT, "drug.safety.hepatic_nsaid",
         "loxoprofen.label.contraindications"},
        {RESORB_COND_AERD, "drug.safety.aerd_nsaid", "loxoprofen.label.contraindications"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        resorb_case *c = base();
        set_cond(c, cases[i].cond);
        resorb_assessment *a = run(c);
        assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
        const resorb_reason *r = find(&drug(a, RESORB_DRUG_NSAID)->reasons, cases[i].key);
        assert_non_null(r);
        assert_true(cites(r, cases[i].evidence));
        free(a);
        free(c);
    }
}

static void test_treatment__hepatic_impairment(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_cond(c, RESORB_COND_HEPATIC_IMPAIRMENT);
    resorb_assessment *a = run(c);
    /* EVIDENCE: calonal.label.contraindications (serious hepatic impairment) */
    assert_int_equal(STATUS(a, ACETAMINOPHEN_ORAL), RESORB_ADVICE_CAUTION);
    assert_int_equal(STATUS(a, ACETAMINOPHEN_IV), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_ACETAMINOPHEN_ORAL)->reasons,
                    "drug.safety.hepatic_acetaminophen"));
    /* EVIDENCE: westanmo2005.duloxetine.renal_hepatic */
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_AVOID);
    free(a);
    free(c);
}

static void test_treatment__anticoagulant_nsaid_avoid_and_block_caution(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_ANTICOAGULANT); /* warfarin */
    resorb_assessment *a = run(c);
    /* EVIDENCE: chan.warfarin_nsaid.discouraged, warfarin.faq.loxoprofen */
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
    assert_true(cites(find(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.anticoagulant_nsaid"),
                      "chan.warfarin_nsaid.discouraged"));
    /* EVIDENCE: narouze2015.asra.anticoagulants: no hold documented -> caution */
    every_block(a, RESORB_ADVICE_CAUTION, "block.safety.antithrombotic");
    /* EVIDENCE: limaprost.label.bleeding, duloxetine.label.serotonergic_bleeding */
    assert_true(
        has(&drug(a, RESORB_DRUG_LIMAPROST)->reasons, "drug.safety.antithrombotic_limaprost"));
    assert_true(
        has(&drug(a, RESORB_DRUG_DULOXETINE)->reasons, "drug.safety.antithrombotic_duloxetine"));
    free(a);
    free(c);
}

static void test_treatment__antiplatelet_nsaid_caution(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_ANTIPLATELET);
    resorb_assessment *a = run(c);
    /* EVIDENCE: clinicalsup.nsaid.interactions */
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.antiplatelet_nsaid"));
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_CAUTION);
    every_block(a, RESORB_ADVICE_CAUTION, "block.safety.antithrombotic");
    free(a);
    free(c);
}

static void test_treatment__renal_interactions(void **state)
{
    (void)state;
    /* EVIDENCE: kdigo2012.nsaid.combinations (lithium; RAAS blockers; triple whammy),
     * loxoprofen.label.interactions */
    static const struct {
        resorb_medication m1, m2;
        resorb_advice_status status;
        const char *key;
    } cases[] = {
        {RESORB_MED_LITHIUM, RESORB_MED_LITHIUM, RESORB_ADVICE_AVOID, "drug.safety.lithium_nsaid"},
        {RESORB_MED_ACE_INHIBITOR_OR_ARB, RESORB_MED_ACE_INHIBITOR_OR_ARB, RESORB_ADVICE_CAUTION,
         "drug.safety.raas_nsaid"},
        {RESORB_MED_DIURETIC, RESORB_MED_DIURETIC, RESORB_ADVICE_CAUTION,
         "drug.safety.diuretic_nsaid"},
        {RESORB_MED_ACE_INHIBITOR_OR_ARB, RESORB_MED_DIURETIC, RESORB_ADVICE_AVOID,
         "drug.safety.triple_whammy"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        resorb_case *c = base();
        set_med(c, cases[i].m1);
        set_med(c, cases[i].m2);
        resorb_assessment *a = run(c);
        assert_int_equal(STATUS(a, NSAID), cases[i].status);
        assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, cases[i].key));
        free(a);
        free(c);
    }
}

static void test_treatment__corticosteroid_and_ssri_with_nsaid(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_CORTICOSTEROID); /* EVIDENCE: nsaid.label.gi_bleeding_risk */
    resorb_assessment *a = run(c);
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.corticosteroid_nsaid"));
    free(a);
    free(c);
}

/* ---- serotonin syndrome, opioids ---- */

static void test_treatment__ssri_with_tramadol_or_duloxetine_avoid(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_SSRI_SNRI);
    resorb_assessment *a = run(c);
    /* EVIDENCE: ultram.label.serotonin_seizure, drugscom.serotonergic.avoid */
    assert_int_equal(STATUS(a, TRAMADOL), RESORB_ADVICE_AVOID);
    assert_true(
        cites(find(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.safety.serotonergic_tramadol"),
              "ultram.label.serotonin_seizure"));
    /* EVIDENCE: duloxetine.label.serotonergic_bleeding */
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_AVOID);
    /* and a bleeding caution with an NSAID (EVIDENCE: clinicalsup.nsaid.interactions) */
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.ssri_nsaid"));
    free(a);
    free(c);
}

static void test_treatment__maoi_avoid(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_MAOI);
    resorb_assessment *a = run(c);
    /* EVIDENCE: ultram.label.maoi, duloxetine.label.maoi */
    assert_int_equal(STATUS(a, TRAMADOL), RESORB_ADVICE_AVOID);
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_AVOID);
    assert_true(has(&drug(a, RESORB_DRUG_DULOXETINE)->reasons, "drug.safety.maoi_duloxetine"));
    free(a);
    free(c);
}

static void test_treatment__benzodiazepine_tramadol_avoid(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_BENZODIAZEPINE);
    resorb_assessment *a = run(c);
    /* EVIDENCE: fda2016.opioid_benzodiazepine */
    assert_int_equal(STATUS(a, TRAMADOL), RESORB_ADVICE_AVOID);
    assert_true(
        cites(find(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.safety.benzodiazepine_tramadol"),
              "fda2016.opioid_benzodiazepine"));
    /* EVIDENCE: lyrica.label.cns_interactions */
    assert_true(
        has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.benzodiazepine_pregabalin"));
    free(a);
    free(c);
}

static void test_treatment__opioid_with_gabapentinoid(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_med(c, RESORB_MED_OPIOID);
    resorb_assessment *a = run(c);
    /* EVIDENCE: lyrica.label.cns_interactions: a caution at 45 */
    assert_int_equal(STATUS(a, PREGABALIN), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.opioid_pregabalin"));
    assert_true(has(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.safety.opioid_tramadol"));
    free(a);
    /* EVIDENCE: beers2023.opioid_gabapentinoid, beers2023.scope_age (65): avoid at 70 */
    c->patient.age = 70;
    a = run(c);
    assert_int_equal(STATUS(a, PREGABALIN), RESORB_ADVICE_AVOID);
    assert_true(
        has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.opioid_gabapentinoid_older"));
    free(a);
    free(c);
}

static void test_treatment__tramadol_acute_and_chronic(void **state)
{
    (void)state;
    /* EVIDENCE: itopainclinic2025.opioids.not_acute, nice2016.chronic_threshold (3 months) */
    resorb_case *c = base(); /* 19 days since onset */
    resorb_assessment *a = run(c);
    assert_int_equal(STATUS(a, TRAMADOL), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.fit.tramadol_acute"));
    free(a);
    c->as_of = resorb_date_from_ymd(2025, 3, 31); /* the day before 3 calendar months */
    a = run(c);
    assert_true(has(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.fit.tramadol_acute"));
    free(a);
    c->as_of = resorb_date_from_ymd(2025, 4, 1);
    a = run(c);
    assert_true(has(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.fit.tramadol_chronic"));
    assert_int_equal(STATUS(a, TRAMADOL), RESORB_ADVICE_CAUTION);
    free(a);
    free(c);
}

/* ---- age, pregnancy, allergies, weight ---- */

static void test_treatment__age_80_gabapentinoid_caution(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.age = 80;
    resorb_assessment *a = run(c);
    /* EVIDENCE: mhlw2018.elderly.focus_age, lyrica.label.falls_elderly,
     * mirogabalin.label.warnings */
    assert_int_equal(STATUS(a, PREGABALIN), RESORB_ADVICE_CAUTION);
    assert_int_equal(STATUS(a, MIROGABALIN), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.age_pregabalin"));
    assert_true(
        cites(find(&drug(a, RESORB_DRUG_MIROGABALIN)->reasons, "drug.safety.age_mirogabalin"),
              "mirogabalin.label.warnings"));
    free(a);
    c->patient.age = 74;
    a = run(c);
    assert_false(has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.age_pregabalin"));
    free(a);
    free(c);
}

static void test_treatment__pregnancy(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.sex = RESORB_SEX_FEMALE;
    c->patient.pregnant = RESORB_TRI_YES;
    resorb_assessment *a = run(c);
    /* EVIDENCE: loxoprofen.label.contraindications (late pregnancy; no gestational age) */
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.safety.pregnancy_nsaid"));
    /* EVIDENCE: limaprost.label.pregnancy */
    assert_int_equal(STATUS(a, LIMAPROST), RESORB_ADVICE_AVOID);
    assert_int_equal(STATUS(a, PREGABALIN), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.pregnancy_unchecked"));
    /* EVIDENCE: medscape2018.esi.contraindications: no fluoroscopy in pregnancy */
    const resorb_block_advice *f =
        block(a, RESORB_BLOCK_TRANSFORAMINAL, RESORB_GUIDANCE_FLUOROSCOPY);
    const resorb_block_advice *u =
        block(a, RESORB_BLOCK_TRANSFORAMINAL, RESORB_GUIDANCE_ULTRASOUND);
    assert_non_null(f);
    assert_non_null(u);
    assert_int_equal(f->status, RESORB_ADVICE_AVOID);
    assert_int_equal(u->status, RESORB_ADVICE_CAUTION);
    assert_true(has(&u->reasons, "block.safety.pregnancy_ultrasound"));
    /* the alternatives move to ultrasound */
    assert_non_null(block(a, RESORB_BLOCK_INTERLAMINAR, RESORB_GUIDANCE_ULTRASOUND));
    assert_non_null(block(a, RESORB_BLOCK_CAUDAL, RESORB_GUIDANCE_ULTRASOUND));
    free(a);
    free(c);
}

static void test_treatment__pregnancy_not_recorded(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.sex = RESORB_SEX_FEMALE; /* pregnant absent */
    resorb_assessment *a = run(c);
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.unchecked.pregnancy"));
    const resorb_block_advice *f =
        block(a, RESORB_BLOCK_TRANSFORAMINAL, RESORB_GUIDANCE_FLUOROSCOPY);
    assert_true(has(&f->reasons, "block.unchecked.pregnancy"));
    free(a);
    free(c);
}

static void test_treatment__allergies(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_allergy(c, RESORB_ALLERGY_NSAID);
    set_allergy(c, RESORB_ALLERGY_ACETAMINOPHEN);
    resorb_assessment *a = run(c);
    /* EVIDENCE: loxoprofen.label.contraindications, calonal.label.contraindications */
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
    assert_int_equal(STATUS(a, ACETAMINOPHEN_ORAL), RESORB_ADVICE_AVOID);
    assert_int_equal(STATUS(a, ACETAMINOPHEN_IV), RESORB_ADVICE_AVOID);
    free(a);
    free(c);
    /* EVIDENCE: medscape2018.esi.contraindications (allergy to the injected solutions) */
    c = base();
    set_allergy(c, RESORB_ALLERGY_LOCAL_ANESTHETIC);
    a = run(c);
    every_block(a, RESORB_ADVICE_AVOID, "block.safety.allergy_local_anesthetic");
    free(a);
    free(c);
    c = base();
    set_allergy(c, RESORB_ALLERGY_CORTICOSTEROID);
    a = run(c);
    every_block(a, RESORB_ADVICE_AVOID, "block.safety.allergy_corticosteroid");
    free(a);
    free(c);
    c = base();
    set_allergy(c, RESORB_ALLERGY_CONTRAST);
    a = run(c);
    assert_int_equal(block(a, RESORB_BLOCK_TRANSFORAMINAL, RESORB_GUIDANCE_FLUOROSCOPY)->status,
                     RESORB_ADVICE_CAUTION);
    assert_int_equal(block(a, RESORB_BLOCK_TRANSFORAMINAL, RESORB_GUIDANCE_ULTRASOUND)->status,
                     RESORB_ADVICE_SUGGESTED);
    free(a);
    free(c);
}

static void test_treatment__iv_acetaminophen_under_50kg(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.weight_kg = 45;
    resorb_assessment *a = run(c);
    /* EVIDENCE: acelio.under_50kg.max_dose (15 mg/kg), acelio.under_50kg.max_daily
     * (60 mg/kg/day), acelio.under_50kg.threshold (50 kg) */
    const resorb_reason *d = &drug(a, RESORB_DRUG_ACETAMINOPHEN_IV)->dose;
    assert_string_equal(d->key, "drug.dose.acetaminophen_iv_under");
    assert_string_equal(d->args[0], "45");
    assert_string_equal(d->args[2], "15 mg/kg = 675 mg");
    assert_string_equal(d->args[3], "60 mg/kg = 2700 mg");
    /* EVIDENCE: calonal.adult_pain.max_daily (oral: 4000 mg/day) */
    const resorb_reason *o = &drug(a, RESORB_DRUG_ACETAMINOPHEN_ORAL)->dose;
    assert_string_equal(o->key, "drug.dose.acetaminophen_oral");
    assert_string_equal(o->args[2], "4000");
    free(a);
    c->patient.weight_kg =
        50; /* from 50 kg: the adult dose, EVIDENCE: acelio.adult_pain.max_daily */
    a = run(c);
    assert_string_equal(drug(a, RESORB_DRUG_ACETAMINOPHEN_IV)->dose.key,
                        "drug.dose.acetaminophen_iv");
    assert_string_equal(drug(a, RESORB_DRUG_ACETAMINOPHEN_IV)->dose.args[2], "4000");
    free(a);
    c->patient.weight_kg = NAN;
    a = run(c);
    assert_string_equal(drug(a, RESORB_DRUG_ACETAMINOPHEN_IV)->dose.key,
                        "drug.dose.acetaminophen_iv_no_weight");
    free(a);
    free(c);
}

/* ---- not recorded is not "none" ---- */

static void test_treatment__not_recorded_is_caution_never_none(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->patient.conditions.given = false;
    c->patient.medications.given = false;
    c->patient.allergies.given = false;
    resorb_assessment *a = run(c);
    for (int d = 0; d < RESORB_DRUG__COUNT; d++)
        assert_true(drug(a, (resorb_drug)d)->status >= RESORB_ADVICE_CAUTION);
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.unchecked.medications"));
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.unchecked.conditions"));
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.unchecked.allergies"));
    assert_true(has(&drug(a, RESORB_DRUG_TRAMADOL)->reasons, "drug.unchecked.medications"));
    /* Blocks say what to check before the procedure; their status is unchanged. */
    const resorb_block_advice *f =
        block(a, RESORB_BLOCK_TRANSFORAMINAL, RESORB_GUIDANCE_FLUOROSCOPY);
    assert_true(has(&f->reasons, "block.unchecked.medications"));
    assert_true(has(&f->reasons, "block.unchecked.allergies"));
    assert_true(has(&f->reasons, "block.unchecked.conditions"));
    assert_int_equal(f->status, RESORB_ADVICE_SUGGESTED);
    free(a);
    free(c);
}

static void test_treatment__recorded_and_clean_is_suggested(void **state)
{
    (void)state;
    resorb_case *c = base();
    resorb_assessment *a = run(c);
    /* Phenotype unknown: both first-line groups are candidates. */
    assert_int_equal(plan(a)->phenotype, RESORB_PHENOTYPE_UNKNOWN);
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_SUGGESTED);
    assert_int_equal(STATUS(a, ACETAMINOPHEN_ORAL), RESORB_ADVICE_SUGGESTED);
    assert_int_equal(STATUS(a, PREGABALIN), RESORB_ADVICE_SUGGESTED);
    assert_int_equal(STATUS(a, MIROGABALIN), RESORB_ADVICE_SUGGESTED);
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_SUGGESTED);
    /* EVIDENCE: nice2020.sciatica_drugs shown beside, not deciding */
    assert_true(
        has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.guideline.nice_gabapentinoids"));
    /* EVIDENCE: acelio.indication; limaprost.label.indication; no rules for these classes */
    assert_int_equal(STATUS(a, ACETAMINOPHEN_IV), RESORB_ADVICE_CAUTION);
    assert_int_equal(STATUS(a, LIMAPROST), RESORB_ADVICE_CAUTION);
    assert_int_equal(STATUS(a, MUSCLE_RELAXANT), RESORB_ADVICE_CAUTION);
    assert_int_equal(STATUS(a, KAMPO), RESORB_ADVICE_CAUTION);
    /* The acetaminophen interactions are said not to be checked (not "none"). */
    assert_true(has(&drug(a, RESORB_DRUG_ACETAMINOPHEN_ORAL)->reasons,
                    "drug.unchecked.no_interaction_rules"));
    free(a);
    free(c);
}

/* ---- phenotype ---- */

static resorb_treatment_plan *plan_with(const resorb_assessment *a, const resorb_case *c,
                                        double dn4, double pd)
{
    resorb_scores *s = calloc(1, sizeof *s);
    assert_non_null(s);
    if (!isnan(dn4)) {
        resorb_score *x = &s->items[s->n++];
        x->instrument = RESORB_INSTR_DN4;
        x->date = RESORB_DATE_NONE;
        x->computed = true;
        x->value = dn4;
    }
    if (!isnan(pd)) {
        resorb_score *x = &s->items[s->n++];
        x->instrument = RESORB_INSTR_PAINDETECT;
        x->date = RESORB_DATE_NONE;
        x->computed = true;
        x->value = pd;
    }
    resorb_treatment_plan *t = malloc(sizeof *t);
    assert_non_null(t);
    assert_int_equal(resorb_engine__treatment(c, a, s, t), 0);
    check_plan(t);
    free(s);
    return t;
}

static void test_treatment__phenotype(void **state)
{
    (void)state;
    /* EVIDENCE: perez2007.dn4.cutoff (4/10), freynhagen2006.paindetect.unlikely_max (12),
     * freynhagen2006.paindetect.likely_min (19) */
    static const struct {
        double dn4, pd;
        resorb_phenotype want;
        const char *key;
    } cases[] = {
        {NAN, NAN, RESORB_PHENOTYPE_UNKNOWN, "treatment.phenotype.result_unknown"},
        {4, NAN, RESORB_PHENOTYPE_NEUROPATHIC, "treatment.phenotype.result_neuropathic"},
        {3, NAN, RESORB_PHENOTYPE_NOCICEPTIVE, "treatment.phenotype.result_nociceptive"},
        {NAN, 19, RESORB_PHENOTYPE_NEUROPATHIC, "treatment.phenotype.result_neuropathic"},
        {NAN, 12, RESORB_PHENOTYPE_NOCICEPTIVE, "treatment.phenotype.result_nociceptive"},
        {NAN, 13, RESORB_PHENOTYPE_MIXED, "treatment.phenotype.result_mixed_unclear"},
        {6, 15, RESORB_PHENOTYPE_MIXED, "treatment.phenotype.result_mixed_unclear"},
        {6, 8, RESORB_PHENOTYPE_MIXED, "treatment.phenotype.result_mixed_disagree"},
        {2, 25, RESORB_PHENOTYPE_MIXED, "treatment.phenotype.result_mixed_disagree"},
        {7, 22, RESORB_PHENOTYPE_NEUROPATHIC, "treatment.phenotype.result_neuropathic"},
        {1, 5, RESORB_PHENOTYPE_NOCICEPTIVE, "treatment.phenotype.result_nociceptive"},
    };
    resorb_case *c = base();
    resorb_assessment *a = run(c);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        resorb_treatment_plan *t = plan_with(a, c, cases[i].dn4, cases[i].pd);
        assert_int_equal(t->phenotype, cases[i].want);
        assert_true(has(&t->phenotype_reasons, cases[i].key));
        /* what was not measured is said */
        if (isnan(cases[i].dn4))
            assert_true(has(&t->phenotype_reasons, "treatment.phenotype.dn4_not_measured"));
        if (isnan(cases[i].pd))
            assert_true(has(&t->phenotype_reasons, "treatment.phenotype.pd_not_measured"));
        free(t);
    }
    free(a);
    free(c);
}

static void test_treatment__phenotype_drives_fit(void **state)
{
    (void)state;
    resorb_case *c = base();
    resorb_assessment *a = run(c);
    /* Nociceptive: NSAID first, gabapentinoids not matched (EVIDENCE:
     * itopainclinic2025.drugs.by_pain_type) */
    resorb_treatment_plan *t = plan_with(a, c, 1, 5);
    assert_int_equal(t->drugs[RESORB_DRUG_NSAID].status, RESORB_ADVICE_SUGGESTED);
    assert_true(has(&t->drugs[RESORB_DRUG_NSAID].reasons, "drug.fit.nociceptive"));
    assert_int_equal(t->drugs[RESORB_DRUG_PREGABALIN].status, RESORB_ADVICE_CAUTION);
    assert_true(has(&t->drugs[RESORB_DRUG_PREGABALIN].reasons, "drug.fit.not_for_phenotype"));
    free(t);
    /* Neuropathic: the reverse */
    t = plan_with(a, c, 7, 22);
    assert_int_equal(t->drugs[RESORB_DRUG_PREGABALIN].status, RESORB_ADVICE_SUGGESTED);
    assert_true(has(&t->drugs[RESORB_DRUG_MIROGABALIN].reasons, "drug.fit.neuropathic"));
    assert_int_equal(t->drugs[RESORB_DRUG_NSAID].status, RESORB_ADVICE_CAUTION);
    free(t);
    /* No scores at all (NULL) is "not measured" */
    t = malloc(sizeof *t);
    assert_int_equal(resorb_engine__treatment(c, a, NULL, t), 0);
    assert_int_equal(t->phenotype, RESORB_PHENOTYPE_UNKNOWN);
    free(t);
    free(a);
    free(c);
}

/* ---- blocks ---- */

static void test_treatment__fever_block_avoid(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->history.red_flags[RESORB_RF_FEVER] = RESORB_TRI_YES;
    resorb_assessment *a = run(c);
    /* EVIDENCE: medscape2018.esi.contraindications, finucane2020.infection */
    assert_true(plan(a)->given);
    every_block(a, RESORB_ADVICE_AVOID, "block.safety.fever");
    free(a);
    c->history.red_flags[RESORB_RF_FEVER] = RESORB_TRI_UNKNOWN;
    a = run(c);
    every_block(a, RESORB_ADVICE_SUGGESTED, "block.unchecked.fever");
    free(a);
    free(c);
}

static void test_treatment__block_steroid_cautions(void **state)
{
    (void)state;
    resorb_case *c = base();
    set_cond(c, RESORB_COND_DIABETES); /* EVIDENCE: medscape2018.esi.cautions */
    resorb_assessment *a = run(c);
    every_block(a, RESORB_ADVICE_CAUTION, "block.safety.diabetes");
    free(a);
    free(c);
}

static void test_treatment__no_concordant_root_only_alternatives(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->n_imaging = 0; /* no study: nothing concordant */
    c->imaging_given = false;
    resorb_assessment *a = run(c);
    const resorb_treatment_plan *t = plan(a);
    assert_int_equal(t->n_blocks, 2);
    assert_int_equal(t->blocks[0].type, RESORB_BLOCK_INTERLAMINAR);
    assert_int_equal(t->blocks[1].type, RESORB_BLOCK_CAUDAL);
    for (size_t i = 0; i < t->n_blocks; i++) {
        assert_int_equal(t->blocks[i].root, RESORB_ROOT_NONE);
        assert_int_equal(t->blocks[i].side, RESORB_SIDE_BOTH);
        /* EVIDENCE: nice2016.epidural */
        assert_true(has(&t->blocks[i].reasons, "block.reason.no_target"));
    }
    /* EVIDENCE: nice2016.epidural_research (caudal) */
    assert_true(has(&t->blocks[1].reasons, "block.reason.nice_research"));
    free(a);
    free(c);
}

static void test_treatment__discordant_side_is_no_target(void **state)
{
    (void)state;
    resorb_case *c = base();
    c->imaging[0].findings[0].side = RESORB_SIDE_LEFT; /* MRI left, exam right */
    resorb_assessment *a = run(c);
    for (size_t i = 0; i < plan(a)->n_blocks; i++)
        assert_int_not_equal(plan(a)->blocks[i].type, RESORB_BLOCK_TRANSFORAMINAL);
    free(a);
    free(c);
}

/* ---- the worked examples ---- */

static void test_treatment__worked_example_names_right_s1_block(void **state)
{
    (void)state;
    resorb_case *c = example("seed-l5s1-right.json");
    resorb_assessment *a = run(c);
    const resorb_treatment_plan *t = plan(a);
    assert_true(t->given);
    const resorb_block_advice *b = &t->blocks[0];
    assert_int_equal(b->type, RESORB_BLOCK_TRANSFORAMINAL);
    assert_int_equal(b->root, RESORB_ROOT_S1);
    assert_int_equal(b->side, RESORB_SIDE_RIGHT);
    assert_int_equal(b->guidance, RESORB_GUIDANCE_FLUOROSCOPY);
    assert_int_equal(b->status, RESORB_ADVICE_SUGGESTED);
    /* EVIDENCE: riew2000.avoided_surgery.steroid, itopainclinic2025.blocks.guided */
    assert_true(cites(find(&b->reasons, "block.reason.riew"), "riew2000.avoided_surgery.steroid"));
    /* No medication list: the anticoagulant check is said to be not possible */
    assert_true(has(&b->reasons, "block.unchecked.medications"));
    assert_int_equal(t->blocks[1].guidance, RESORB_GUIDANCE_ULTRASOUND);
    assert_int_equal(t->blocks[1].root, RESORB_ROOT_S1);
    /* 44-year-old woman, 56 kg, creatinine 0.7: (140 - 44) x 56 / (72 x 0.7) x 0.85 = 90.7 */
    assert_float_equal(t->creatinine_clearance_ml_min, 96.0 * 56 / 50.4 * 0.85, 1e-9);
    /* No medications recorded: interactions not checked, drugs at most caution */
    assert_true(has(&drug(a, RESORB_DRUG_NSAID)->reasons, "drug.unchecked.medications"));
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_CAUTION);
    free(a);
    free(c);
}

static void test_treatment__example_elderly_ckd_anticoagulant(void **state)
{
    (void)state;
    resorb_case *c = example("elderly-ckd-anticoagulant.json");
    resorb_assessment *a = run(c);
    const resorb_treatment_plan *t = plan(a);
    assert_true(t->given);
    /* 78, female, 48 kg, creatinine 2.1: (62 x 48) / (72 x 2.1) x 0.85 = 16.7 mL/min */
    assert_float_equal(t->creatinine_clearance_ml_min, 62.0 * 48 / 151.2 * 0.85, 1e-9);
    assert_int_equal(STATUS(a, NSAID), RESORB_ADVICE_AVOID);
    const resorb_reasons *n = &drug(a, RESORB_DRUG_NSAID)->reasons;
    assert_true(has(n, "drug.safety.anticoagulant_nsaid"));
    assert_true(has(n, "drug.safety.triple_whammy"));
    assert_true(has(n, "drug.safety.clcr_nsaid_avoid"));
    assert_true(has(n, "drug.safety.peptic_ulcer"));
    /* EVIDENCE: pregabalin.renal.clcr_15_30.daily */
    assert_string_equal(drug(a, RESORB_DRUG_PREGABALIN)->dose.args[2], "25-150");
    assert_true(has(&drug(a, RESORB_DRUG_PREGABALIN)->reasons, "drug.safety.age_pregabalin"));
    /* EVIDENCE: acelio.under_50kg.max_dose: 48 kg x 15 mg/kg = 720 mg */
    assert_string_equal(drug(a, RESORB_DRUG_ACETAMINOPHEN_IV)->dose.args[2], "15 mg/kg = 720 mg");
    assert_int_equal(STATUS(a, DULOXETINE), RESORB_ADVICE_AVOID);
    /* the right L4 block, with caution for the anticoagulant */
    const resorb_block_advice *b = &t->blocks[0];
    assert_int_equal(b->type, RESORB_BLOCK_TRANSFORAMINAL);
    assert_int_equal(b->root, RESORB_ROOT_L4);
    assert_int_equal(b->side, RESORB_SIDE_RIGHT);
    every_block(a, RESORB_ADVICE_CAUTION, "block.safety.antithrombotic");
    /* contrast allergy: fluoroscopy only */
    assert_true(has(&b->reasons, "block.safety.allergy_contrast"));
    assert_false(has(&t->blocks[1].reasons, "block.safety.allergy_contrast"));
    free(a);
    free(c);
}

static void test_treatment__example_neuropathic_questionnaires(void **state)
{
    (void)state;
    resorb_case *c = example("neuropathic-questionnaires.json");
    resorb_assessment *a = run(c);
    const resorb_treatment_plan *t = plan(a);
    /* sex "other": no clearance, said why */
    assert_true(isnan(t->creatinine_clearance_ml_min));
    assert_true(has(&t->clearance_reasons, "treatment.clearance.sex_not_binary"));
    assert_true(t->phenotype == RESORB_PHENOTYPE_NEUROPATHIC ||
                t->phenotype == RESORB_PHENOTYPE_MIXED);
    free(a);
    free(c);
}

static void test_treatment__every_example_plans_cleanly(void **state)
{
    (void)state;
    static const char *const names[] = {"adolescent-l5s1.json",
                                        "cauda-equina.json",
                                        "elderly-ckd-anticoagulant.json",
                                        "failed-conservative-4-months.json",
                                        "followup-second-mri.json",
                                        "foot-drop.json",
                                        "investigate-fever-cancer.json",
                                        "l4l5-foraminal.json",
                                        "l4l5-protrusion.json",
                                        "neuropathic-questionnaires.json",
                                        "recurrent-after-discectomy.json",
                                        "red-flags-not-asked.json",
                                        "seed-l5s1-right.json",
                                        "sequestration-rim.json"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        resorb_case *c = example(names[i]);
        resorb_assessment *a = run(c); /* check_plan inside */
        bool deferred = a->triage.category >= RESORB_TRIAGE_URGENT;
        assert_true(plan(a)->given != deferred);
        free(a);
        free(c);
    }
}

static void test_treatment__names(void **state)
{
    (void)state;
    assert_string_equal(resorb_phenotype_name(RESORB_PHENOTYPE_NOCICEPTIVE), "nociceptive");
    assert_string_equal(resorb_phenotype_name(RESORB_PHENOTYPE_UNKNOWN), "unknown");
    assert_string_equal(resorb_drug_name(RESORB_DRUG_NSAID), "nsaid");
    assert_string_equal(resorb_drug_name(RESORB_DRUG_KAMPO), "kampo");
    assert_string_equal(resorb_drug_name(RESORB_DRUG__COUNT), "");
    assert_string_equal(resorb_advice_status_name(RESORB_ADVICE_AVOID), "avoid");
    assert_string_equal(resorb_block_type_name(RESORB_BLOCK_CAUDAL), "caudal");
    /* Every name has its catalog words (the renderers use drug.name.*, block.type.*). */
    char key[64];
    for (int d = 0; d < RESORB_DRUG__COUNT; d++) {
        snprintf(key, sizeof key, "drug.name.%s", resorb_drug_name((resorb_drug)d));
        assert_string_not_equal(resorb_msg(RESORB_LANG_JA, key), key);
    }
    for (int b = RESORB_BLOCK_TRANSFORAMINAL; b <= RESORB_BLOCK_CAUDAL; b++) {
        snprintf(key, sizeof key, "block.type.%s", resorb_block_type_name((resorb_block_type)b));
        assert_string_not_equal(resorb_msg(RESORB_LANG_JA, key), key);
    }
    for (int s = RESORB_ADVICE_SUGGESTED; s <= RESORB_ADVICE_AVOID; s++) {
        snprintf(key, sizeof key, "treatment.status.%s",
                 resorb_advice_status_name((resorb_advice_status)s));
        assert_string_not_equal(resorb_msg(RESORB_LANG_JA, key), key);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_treatment__emergency_gives_no_plan),
        cmocka_unit_test(test_treatment__urgent_gives_no_plan),
        cmocka_unit_test(test_treatment__investigate_still_plans),
        cmocka_unit_test(test_treatment__clearance_known_example),
        cmocka_unit_test(test_treatment__clearance_female_factor),
        cmocka_unit_test(test_treatment__clearance_missing_weight_is_nan),
        cmocka_unit_test(test_treatment__clearance_missing_creatinine_and_weight_named),
        cmocka_unit_test(test_treatment__clearance_sex_other_is_nan),
        cmocka_unit_test(test_treatment__clearance_not_for_minors),
        cmocka_unit_test(test_treatment__pregabalin_band_15_30),
        cmocka_unit_test(test_treatment__pregabalin_bands_at_boundaries),
        cmocka_unit_test(test_treatment__mirogabalin_bands),
        cmocka_unit_test(test_treatment__dialysis),
        cmocka_unit_test(test_treatment__nsaid_renal_thresholds),
        cmocka_unit_test(test_treatment__nsaid_conditions),
        cmocka_unit_test(test_treatment__hepatic_impairment),
        cmocka_unit_test(test_treatment__anticoagulant_nsaid_avoid_and_block_caution),
        cmocka_unit_test(test_treatment__antiplatelet_nsaid_caution),
        cmocka_unit_test(test_treatment__renal_interactions),
        cmocka_unit_test(test_treatment__corticosteroid_and_ssri_with_nsaid),
        cmocka_unit_test(test_treatment__ssri_with_tramadol_or_duloxetine_avoid),
        cmocka_unit_test(test_treatment__maoi_avoid),
        cmocka_unit_test(test_treatment__benzodiazepine_tramadol_avoid),
        cmocka_unit_test(test_treatment__opioid_with_gabapentinoid),
        cmocka_unit_test(test_treatment__tramadol_acute_and_chronic),
        cmocka_unit_test(test_treatment__age_80_gabapentinoid_caution),
        cmocka_unit_test(test_treatment__pregnancy),
        cmocka_unit_test(test_treatment__pregnancy_not_recorded),
        cmocka_unit_test(test_treatment__allergies),
        cmocka_unit_test(test_treatment__iv_acetaminophen_under_50kg),
        cmocka_unit_test(test_treatment__not_recorded_is_caution_never_none),
        cmocka_unit_test(test_treatment__recorded_and_clean_is_suggested),
        cmocka_unit_test(test_treatment__phenotype),
        cmocka_unit_test(test_treatment__phenotype_drives_fit),
        cmocka_unit_test(test_treatment__fever_block_avoid),
        cmocka_unit_test(test_treatment__block_steroid_cautions),
        cmocka_unit_test(test_treatment__no_concordant_root_only_alternatives),
        cmocka_unit_test(test_treatment__discordant_side_is_no_target),
        cmocka_unit_test(test_treatment__worked_example_names_right_s1_block),
        cmocka_unit_test(test_treatment__example_elderly_ckd_anticoagulant),
        cmocka_unit_test(test_treatment__example_neuropathic_questionnaires),
        cmocka_unit_test(test_treatment__every_example_plans_cleanly),
        cmocka_unit_test(test_treatment__names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

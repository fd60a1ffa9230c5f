/*
 * engine/drugs.c: each drug of the plan judged against the case (docs/treatment.md).
 *
 * A drug starts `suggested` and each rule that fires adds its reason and can only raise the
 * status: `caution` (use with care, or not matched to the pain type, or a check that could not
 * be made) or `avoid` (a contraindication or an interaction to avoid). The rules, in order:
 *
 *  1. fit: the clinic chooses by pain type (NSAIDs and acetaminophen for nociceptive pain;
 *     pregabalin, mirogabalin, duloxetine for neuropathic pain; limaprost, muscle relaxants and
 *     Kampo as adjuncts); a drug that does not match a measured phenotype is `caution`;
 *  2. guideline positions shown beside the option, never deciding (NICE 2020 against
 *     gabapentinoids for sciatica; JOA 2021: no drug of clearly proven efficacy); the clinic's
 *     policy of no opioids for acute low back pain makes tramadol `caution`;
 *  3. conditions, renal function, pregnancy, allergies, interactions, age;
 *  4. what could not be checked: a list the case leaves out (conditions, medications,
 *     allergies) is "not recorded", never "none", and makes the affected drugs `caution`.
 *
 * Muscle relaxants and Kampo have no safety rules here (no evidence rows were read for them):
 * they are `caution` with that said, so that silence is never read as safety.
 */
#include <math.h>

#include "engine/treatment.h"

static resorb_reason *fire(resorb_tx *t, resorb_drug d, resorb_advice_status s, const char *key,
                           const char *e1, const char *e2)
{
    resorb_drug_advice *x = &t->out->drugs[d];
    return resorb_tx__fire(t, &x->reasons, &x->status, s, key, e1, e2);
}

static resorb_reason *info(resorb_tx *t, resorb_drug d, const char *key, const char *e1,
                           const char *e2)
{
    return fire(t, d, RESORB_ADVICE_SUGGESTED, key, e1, e2);
}

static bool has_cond(const resorb_tx *t, resorb_condition k)
{
    return resorb_codeset_has(&t->c->patient.conditions, k);
}

static bool has_med(const resorb_tx *t, resorb_medication k)
{
    return resorb_codeset_has(&t->c->patient.medications, k);
}

static bool has_allergy(const resorb_tx *t, resorb_allergy k)
{
    return resorb_codeset_has(&t->c->patient.allergies, k);
}

#define NSAID RESORB_DRUG_NSAID
#define APAP RESORB_DRUG_ACETAMINOPHEN_ORAL
#define APAP_IV RESORB_DRUG_ACETAMINOPHEN_IV
#define PGB RESORB_DRUG_PREGABALIN
#define MGB RESORB_DRUG_MIROGABALIN
#define DLX RESORB_DRUG_DULOXETINE
#define TRM RESORB_DRUG_TRAMADOL
#define MR RESORB_DRUG_MUSCLE_RELAXANT
#define LIMA RESORB_DRUG_LIMAPROST
#define KAMPO RESORB_DRUG_KAMPO

#define BY_PAIN_TYPE "itopainclinic2025.drugs.by_pain_type"

/* ---- 1. fit to the phenotype ---- */

static const char *phenotype_word(resorb_phenotype p)
{
    return resorb_phenotype_name(p);
}

/* A first-line drug of one pain type (nociceptive true: NSAIDs, acetaminophen). */
static void fit_first_line(resorb_tx *t, resorb_drug d, bool for_nociceptive)
{
    resorb_phenotype p = t->out->phenotype;
    resorb_phenotype own =
        for_nociceptive ? RESORB_PHENOTYPE_NOCICEPTIVE : RESORB_PHENOTYPE_NEUROPATHIC;
    if (p == own) {
        info(t, d, for_nociceptive ? "drug.fit.nociceptive" : "drug.fit.neuropathic", BY_PAIN_TYPE,
             NULL);
    } else if (p == RESORB_PHENOTYPE_MIXED) {
        resorb_reason *r = info(t, d, "drug.fit.mixed", BY_PAIN_TYPE, NULL);
        resorb_reason__arg(r, 0, "@treatment.word.%s", phenotype_word(own));
    } else if (p == RESORB_PHENOTYPE_UNKNOWN) {
        resorb_reason *r = info(t, d, "drug.fit.unknown", BY_PAIN_TYPE, NULL);
        resorb_reason__arg(r, 0, "@treatment.word.%s", phenotype_word(own));
    } else {
        resorb_reason *r =
            fire(t, d, RESORB_ADVICE_CAUTION, "drug.fit.not_for_phenotype", BY_PAIN_TYPE, NULL);
        resorb_reason__arg(r, 0, "@treatment.word.%s", phenotype_word(p));
        resorb_reason__arg(r, 1, "@treatment.word.%s", phenotype_word(own));
    }
}

static void fit(resorb_tx *t)
{
    fit_first_line(t, NSAID, true);
    fit_first_line(t, APAP, true);
    fit_first_line(t, APAP_IV, true);
    /* EVIDENCE: acelio.indication */
    fire(t, APAP_IV, RESORB_ADVICE_CAUTION, "drug.fit.iv_only", "acelio.indication", NULL);
    fit_first_line(t, PGB, false);
    fit_first_line(t, MGB, false);
    fit_first_line(t, DLX, false);
    /* EVIDENCE: itopainclinic2025.opioids.not_acute, nice2016.chronic_threshold */
    if (t->acute) {
        resorb_reason *r =
            fire(t, TRM, RESORB_ADVICE_CAUTION, "drug.fit.tramadol_acute",
                 "itopainclinic2025.opioids.not_acute", "nice2016.chronic_threshold");
        resorb_reason__arg(r, 0, "%d", t->days_since_onset);
        resorb_reason__arg(r, 1, "%.0f", t->chronic_months);
    } else {
        resorb_reason *r = fire(t, TRM, RESORB_ADVICE_CAUTION, "drug.fit.tramadol_chronic",
                                "itopainclinic2025.opioids.not_acute", "nice2020.sciatica_drugs");
        resorb_tx__cite(t, r, "nice2016.chronic_threshold");
        resorb_reason__arg(r, 0, "%d", t->days_since_onset);
    }
    info(t, MR, "drug.fit.adjunct", BY_PAIN_TYPE, NULL);
    info(t, KAMPO, "drug.fit.adjunct", BY_PAIN_TYPE, NULL);
    info(t, LIMA, "drug.fit.vasodilator", BY_PAIN_TYPE, NULL);
    /* EVIDENCE: limaprost.label.indication (lumbar spinal canal stenosis with a normal SLR) */
    fire(t, LIMA, RESORB_ADVICE_CAUTION, "drug.fit.limaprost_indication",
         "limaprost.label.indication", NULL);
}

/* ---- 2. guideline positions, shown beside the option ---- */

static void guidelines(resorb_tx *t)
{
    /* EVIDENCE: nice2020.sciatica_drugs */
    info(t, PGB, "drug.guideline.nice_gabapentinoids", "nice2020.sciatica_drugs", NULL);
    info(t, MGB, "drug.guideline.nice_gabapentinoids", "nice2020.sciatica_drugs", NULL);
    info(t, NSAID, "drug.guideline.nice_nsaid", "nice2020.sciatica_drugs", NULL);
    /* EVIDENCE: sakai2022.joa2021.drugs */
    for (int d = 0; d < RESORB_DRUG__COUNT; d++)
        info(t, (resorb_drug)d, "drug.guideline.joa", "sakai2022.joa2021.drugs", NULL);
}

/* ---- 3. safety rules from the case ---- */

static void conditions(resorb_tx *t)
{
    if (!t->c->patient.conditions.given)
        return;
    const char *lox = "loxoprofen.label.contraindications";
    /* EVIDENCE: loxoprofen.label.contraindications (peptic ulcer) */
    if (has_cond(t, RESORB_COND_PEPTIC_ULCER))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.peptic_ulcer", lox, NULL);
    /* EVIDENCE: nsaid.label.gi_bleeding_risk */
    if (has_cond(t, RESORB_COND_GI_BLEEDING_HISTORY))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.gi_bleeding",
             "nsaid.label.gi_bleeding_risk", NULL);
    /* EVIDENCE: kdigo2012.nsaid.avoid_gfr_below, kdigo2012.nsaid.prolonged_not_recommended */
    if (has_cond(t, RESORB_COND_CKD)) {
        resorb_reason *r = fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.ckd_nsaid", lox,
                                "kdigo2012.nsaid.avoid_gfr_below");
        resorb_tx__cite(t, r, "kdigo2012.nsaid.prolonged_not_recommended");
        if (isnan(t->out->creatinine_clearance_ml_min) && !has_cond(t, RESORB_COND_DIALYSIS)) {
            fire(t, PGB, RESORB_ADVICE_CAUTION, "drug.safety.ckd_clearance_unknown",
                 "pregabalin.renal.boundary_60", NULL);
            fire(t, MGB, RESORB_ADVICE_CAUTION, "drug.safety.ckd_clearance_unknown",
                 "mirogabalin.renal.boundary_60", NULL);
            fire(t, DLX, RESORB_ADVICE_CAUTION, "drug.safety.ckd_clearance_unknown",
                 "westanmo2005.duloxetine.renal_hepatic", NULL);
        }
    }
    if (has_cond(t, RESORB_COND_DIALYSIS)) {
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.dialysis_nsaid", lox,
             "kdigo2012.nsaid.avoid_gfr_below");
        /* EVIDENCE: westanmo2005.duloxetine.renal_hepatic (end-stage renal disease) */
        fire(t, DLX, RESORB_ADVICE_AVOID, "drug.safety.dialysis_duloxetine",
             "westanmo2005.duloxetine.renal_hepatic", NULL);
    }
    /* EVIDENCE: loxoprofen.label.contraindications (serious cardiac failure) */
    if (has_cond(t, RESORB_COND_HEART_FAILURE))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.heart_failure", lox, NULL);
    if (has_cond(t, RESORB_COND_HEPATIC_IMPAIRMENT)) {
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.hepatic_nsaid", lox, NULL);
        /* EVIDENCE: calonal.label.contraindications (serious hepatic impairment) */
        fire(t, APAP, RESORB_ADVICE_CAUTION, "drug.safety.hepatic_acetaminophen",
             "calonal.label.contraindications", NULL);
        fire(t, APAP_IV, RESORB_ADVICE_CAUTION, "drug.safety.hepatic_acetaminophen",
             "calonal.label.contraindications", NULL);
        fire(t, DLX, RESORB_ADVICE_AVOID, "drug.safety.hepatic_duloxetine",
             "westanmo2005.duloxetine.renal_hepatic", NULL);
    }
    /* EVIDENCE: loxoprofen.label.contraindications (aspirin-induced asthma) */
    if (has_cond(t, RESORB_COND_AERD))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.aerd_nsaid", lox, NULL);
    /* Acetaminophen: conditions its label lists (contraindications when serious in the 2019
     * label, precautions in the later one). EVIDENCE: calonal.label.contraindications */
    static const struct {
        resorb_condition cond;
        const char *word;
    } apap[] = {{RESORB_COND_PEPTIC_ULCER, "peptic_ulcer"},
                {RESORB_COND_CKD, "ckd"},
                {RESORB_COND_DIALYSIS, "dialysis"},
                {RESORB_COND_HEART_FAILURE, "heart_failure"},
                {RESORB_COND_AERD, "aerd"}};
    for (size_t i = 0; i < sizeof apap / sizeof *apap; i++) {
        if (!has_cond(t, apap[i].cond))
            continue;
        for (int k = 0; k < 2; k++) {
            resorb_reason *r = fire(t, k ? APAP_IV : APAP, RESORB_ADVICE_CAUTION,
                                    "drug.safety.acetaminophen_condition",
                                    "calonal.label.contraindications", NULL);
            resorb_reason__arg(r, 0, "@treatment.word.%s", apap[i].word);
        }
    }
}

static void renal(resorb_tx *t)
{
    double v = t->out->creatinine_clearance_ml_min;
    if (isnan(v) || has_cond(t, RESORB_COND_DIALYSIS))
        return;
    /* EVIDENCE: kdigo2012.nsaid.avoid_gfr_below */
    double below = resorb_tx__value(t, "kdigo2012.nsaid.avoid_gfr_below");
    double lo, hi;
    /* EVIDENCE: kdigo2012.nsaid.prolonged_not_recommended */
    resorb_tx__interval(t, "kdigo2012.nsaid.prolonged_not_recommended", &lo, &hi);
    if (v < below) {
        resorb_reason *r = fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.clcr_nsaid_avoid",
                                "kdigo2012.nsaid.avoid_gfr_below", "cockcroftgault.clcr.formula");
        resorb_reason__arg(r, 0, "%.0f", v);
        resorb_reason__arg(r, 1, "%.0f", below);
    } else if (v >= lo && v < hi) {
        resorb_reason *r =
            fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.safety.clcr_nsaid_prolonged",
                 "kdigo2012.nsaid.prolonged_not_recommended", "cockcroftgault.clcr.formula");
        resorb_reason__arg(r, 0, "%.0f", v);
        resorb_reason__arg(r, 1, "%.0f", lo);
        resorb_reason__arg(r, 2, "%.0f", hi);
    }
    /* EVIDENCE: westanmo2005.duloxetine.renal_hepatic */
    double dlx = resorb_tx__value(t, "westanmo2005.duloxetine.renal_hepatic");
    if (v < dlx) {
        resorb_reason *r = fire(t, DLX, RESORB_ADVICE_AVOID, "drug.safety.clcr_duloxetine",
                                "westanmo2005.duloxetine.renal_hepatic", NULL);
        resorb_reason__arg(r, 0, "%.0f", v);
        resorb_reason__arg(r, 1, "%.0f", dlx);
    }
}

static void pregnancy(resorb_tx *t)
{
    if (t->c->patient.pregnant == RESORB_TRI_YES) {
        /* EVIDENCE: loxoprofen.label.contraindications (late pregnancy),
         * okusuri110.nsaid.contraindications (any stage) */
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.pregnancy_nsaid",
             "loxoprofen.label.contraindications", "okusuri110.nsaid.contraindications");
        /* EVIDENCE: limaprost.label.pregnancy */
        fire(t, LIMA, RESORB_ADVICE_AVOID, "drug.safety.pregnancy_limaprost",
             "limaprost.label.pregnancy", NULL);
        for (int d = 0; d < RESORB_DRUG__COUNT; d++)
            if (d != NSAID && d != LIMA)
                fire(t, (resorb_drug)d, RESORB_ADVICE_CAUTION, "drug.safety.pregnancy_unchecked",
                     NULL, NULL);
    } else if (resorb_tx__pregnancy_unknown(t->c)) {
        fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.unchecked.pregnancy",
             "loxoprofen.label.contraindications", NULL);
        fire(t, LIMA, RESORB_ADVICE_CAUTION, "drug.unchecked.pregnancy",
             "limaprost.label.pregnancy", NULL);
    }
}

static void allergies(resorb_tx *t)
{
    if (!t->c->patient.allergies.given)
        return;
    /* EVIDENCE: loxoprofen.label.contraindications (hypersensitivity) */
    if (has_allergy(t, RESORB_ALLERGY_NSAID))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.allergy_nsaid",
             "loxoprofen.label.contraindications", NULL);
    /* EVIDENCE: calonal.label.contraindications (hypersensitivity) */
    if (has_allergy(t, RESORB_ALLERGY_ACETAMINOPHEN)) {
        fire(t, APAP, RESORB_ADVICE_AVOID, "drug.safety.allergy_acetaminophen",
             "calonal.label.contraindications", NULL);
        fire(t, APAP_IV, RESORB_ADVICE_AVOID, "drug.safety.allergy_acetaminophen",
             "calonal.label.contraindications", NULL);
    }
}

static void nsaid_interactions(resorb_tx *t)
{
    /* EVIDENCE: chan.warfarin_nsaid.discouraged, warfarin.faq.loxoprofen */
    if (has_med(t, RESORB_MED_ANTICOAGULANT))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.anticoagulant_nsaid",
             "chan.warfarin_nsaid.discouraged", "warfarin.faq.loxoprofen");
    /* EVIDENCE: clinicalsup.nsaid.interactions (antiplatelet drugs: GI bleeding) */
    if (has_med(t, RESORB_MED_ANTIPLATELET))
        fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.safety.antiplatelet_nsaid",
             "clinicalsup.nsaid.interactions", "nsaid.label.gi_bleeding_risk");
    /* EVIDENCE: nsaid.label.gi_bleeding_risk (corticosteroids) */
    if (has_med(t, RESORB_MED_CORTICOSTEROID))
        fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.safety.corticosteroid_nsaid",
             "nsaid.label.gi_bleeding_risk", NULL);
    /* EVIDENCE: clinicalsup.nsaid.interactions (SSRIs), duloxetine.label.serotonergic_bleeding */
    if (has_med(t, RESORB_MED_SSRI_SNRI))
        fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.safety.ssri_nsaid",
             "clinicalsup.nsaid.interactions", "duloxetine.label.serotonergic_bleeding");
    /* EVIDENCE: kdigo2012.nsaid.combinations, loxoprofen.label.interactions (lithium) */
    if (has_med(t, RESORB_MED_LITHIUM))
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.lithium_nsaid",
             "kdigo2012.nsaid.combinations", "loxoprofen.label.interactions");
    bool raas = has_med(t, RESORB_MED_ACE_INHIBITOR_OR_ARB);
    bool diuretic = has_med(t, RESORB_MED_DIURETIC);
    /* EVIDENCE: kdigo2012.nsaid.combinations ("triple whammy") */
    if (raas && diuretic)
        fire(t, NSAID, RESORB_ADVICE_AVOID, "drug.safety.triple_whammy",
             "kdigo2012.nsaid.combinations", "loxoprofen.label.interactions");
    else if (raas)
        fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.safety.raas_nsaid",
             "kdigo2012.nsaid.combinations", "loxoprofen.label.interactions");
    else if (diuretic)
        fire(t, NSAID, RESORB_ADVICE_CAUTION, "drug.safety.diuretic_nsaid",
             "loxoprofen.label.interactions", NULL);
}

static void interactions(resorb_tx *t)
{
    if (!t->c->patient.medications.given)
        return;
    nsaid_interactions(t);
    bool anticoag = has_med(t, RESORB_MED_ANTICOAGULANT);
    bool antiplatelet = has_med(t, RESORB_MED_ANTIPLATELET);
    if (anticoag || antiplatelet) {
        resorb_reason *r;
        /* EVIDENCE: duloxetine.label.serotonergic_bleeding (drugs affecting coagulation) */
        r = fire(t, DLX, RESORB_ADVICE_CAUTION, "drug.safety.antithrombotic_duloxetine",
                 "duloxetine.label.serotonergic_bleeding", NULL);
        resorb_reason__arg(r, 0, "@treatment.word.%s", anticoag ? "anticoagulant" : "antiplatelet");
        /* EVIDENCE: limaprost.label.bleeding */
        r = fire(t, LIMA, RESORB_ADVICE_CAUTION, "drug.safety.antithrombotic_limaprost",
                 "limaprost.label.bleeding", NULL);
        resorb_reason__arg(r, 0, "@treatment.word.%s", anticoag ? "anticoagulant" : "antiplatelet");
    }
    /* Serotonin syndrome. EVIDENCE: ultram.label.serotonin_seizure,
     * duloxetine.label.serotonergic_bleeding, drugscom.serotonergic.avoid */
    if (has_med(t, RESORB_MED_SSRI_SNRI)) {
        fire(t, TRM, RESORB_ADVICE_AVOID, "drug.safety.serotonergic_tramadol",
             "ultram.label.serotonin_seizure", "drugscom.serotonergic.avoid");
        fire(t, DLX, RESORB_ADVICE_AVOID, "drug.safety.serotonergic_duloxetine",
             "duloxetine.label.serotonergic_bleeding", "drugscom.serotonergic.avoid");
    }
    /* EVIDENCE: ultram.label.maoi, duloxetine.label.maoi */
    if (has_med(t, RESORB_MED_MAOI)) {
        fire(t, TRM, RESORB_ADVICE_AVOID, "drug.safety.maoi_tramadol", "ultram.label.maoi",
             "ultram.label.serotonin_seizure");
        fire(t, DLX, RESORB_ADVICE_AVOID, "drug.safety.maoi_duloxetine", "duloxetine.label.maoi",
             NULL);
    }
    /* Opioid with benzodiazepine. EVIDENCE: fda2016.opioid_benzodiazepine,
     * beers2023.opioid_benzodiazepine */
    if (has_med(t, RESORB_MED_BENZODIAZEPINE)) {
        fire(t, TRM, RESORB_ADVICE_AVOID, "drug.safety.benzodiazepine_tramadol",
             "fda2016.opioid_benzodiazepine", "beers2023.opioid_benzodiazepine");
        /* EVIDENCE: lyrica.label.cns_interactions (lorazepam) */
        fire(t, PGB, RESORB_ADVICE_CAUTION, "drug.safety.benzodiazepine_pregabalin",
             "lyrica.label.cns_interactions", NULL);
    }
    if (has_med(t, RESORB_MED_OPIOID)) {
        /* EVIDENCE: ultram.label.serotonin_seizure (seizures with other opioids) */
        fire(t, TRM, RESORB_ADVICE_CAUTION, "drug.safety.opioid_tramadol",
             "ultram.label.serotonin_seizure", NULL);
        /* EVIDENCE: lyrica.label.cns_interactions, beers2023.opioid_gabapentinoid,
         * beers2023.scope_age */
        double older = resorb_tx__value(t, "beers2023.scope_age");
        bool beers = t->c->patient.age != RESORB_INT_NONE && t->c->patient.age >= older;
        resorb_reason *r =
            fire(t, PGB, beers ? RESORB_ADVICE_AVOID : RESORB_ADVICE_CAUTION,
                 beers ? "drug.safety.opioid_gabapentinoid_older" : "drug.safety.opioid_pregabalin",
                 "lyrica.label.cns_interactions", beers ? "beers2023.opioid_gabapentinoid" : NULL);
        if (beers) {
            resorb_tx__cite(t, r, "beers2023.scope_age");
            resorb_reason__arg(r, 0, "%d", t->c->patient.age);
            resorb_reason__arg(r, 1, "%.0f", older);
        }
        /* Mirogabalin is not named by Beers nor in the label text read: by class only. */
        fire(t, MGB, RESORB_ADVICE_CAUTION, "drug.safety.opioid_mirogabalin",
             "beers2023.opioid_gabapentinoid", "lyrica.label.cns_interactions");
    }
}

static void age(resorb_tx *t)
{
    int years = t->c->patient.age;
    /* EVIDENCE: mhlw2018.elderly.focus_age, lyrica.label.falls_elderly,
     * mirogabalin.label.warnings, jjspc2024.mirogabalin.dizziness.normal_mild */
    double older = resorb_tx__value(t, "mhlw2018.elderly.focus_age");
    if (years == RESORB_INT_NONE || years < older)
        return;
    resorb_reason *r = fire(t, PGB, RESORB_ADVICE_CAUTION, "drug.safety.age_pregabalin",
                            "lyrica.label.falls_elderly", "mhlw2018.elderly.focus_age");
    resorb_reason__arg(r, 0, "%d", years);
    resorb_reason__arg(r, 1, "%.0f", older);
    r = fire(t, MGB, RESORB_ADVICE_CAUTION, "drug.safety.age_mirogabalin",
             "mirogabalin.label.warnings", "mhlw2018.elderly.focus_age");
    resorb_tx__cite(t, r, "jjspc2024.mirogabalin.dizziness.normal_mild");
    resorb_reason__arg(r, 0, "%d", years);
    resorb_reason__arg(r, 1, "%.0f", older);
    resorb_reason__arg(r, 2, "%.2f",
                       resorb_tx__value(t, "jjspc2024.mirogabalin.dizziness.normal_mild"));
}

/* ---- 4. what could not be checked ---- */

static void unchecked(resorb_tx *t)
{
    const resorb_patient *p = &t->c->patient;
    /* Drugs with rules on conditions (contraindications, renal dosing). */
    static const resorb_drug by_condition[] = {NSAID, APAP, APAP_IV, PGB, MGB, DLX};
    /* Drugs with interaction rules. */
    static const resorb_drug by_medication[] = {NSAID, PGB, MGB, DLX, TRM, LIMA};
    /* Drugs with allergy rules. */
    static const resorb_drug by_allergy[] = {NSAID, APAP, APAP_IV};
    if (!p->conditions.given)
        for (size_t i = 0; i < sizeof by_condition / sizeof *by_condition; i++)
            fire(t, by_condition[i], RESORB_ADVICE_CAUTION, "drug.unchecked.conditions", NULL,
                 NULL);
    if (!p->medications.given)
        for (size_t i = 0; i < sizeof by_medication / sizeof *by_medication; i++)
            fire(t, by_medication[i], RESORB_ADVICE_CAUTION, "drug.unchecked.medications", NULL,
                 NULL);
    if (!p->allergies.given)
        for (size_t i = 0; i < sizeof by_allergy / sizeof *by_allergy; i++)
            fire(t, by_allergy[i], RESORB_ADVICE_CAUTION, "drug.unchecked.allergies", NULL, NULL);
    /* No interaction rules for acetaminophen: said, so that silence is not read as "none". */
    info(t, APAP, "drug.unchecked.no_interaction_rules", NULL, NULL);
    info(t, APAP_IV, "drug.unchecked.no_interaction_rules", NULL, NULL);
    /* No safety rules at all for these classes. */
    fire(t, MR, RESORB_ADVICE_CAUTION, "drug.unchecked.no_rules", NULL, NULL);
    fire(t, KAMPO, RESORB_ADVICE_CAUTION, "drug.unchecked.no_rules", NULL, NULL);
}

void resorb_tx__drugs(resorb_tx *t)
{
    fit(t);
    guidelines(t);
    conditions(t);
    renal(t);
    pregnancy(t);
    allergies(t);
    interactions(t);
    age(t);
    unchecked(t);
}

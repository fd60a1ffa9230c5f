/*
 * engine/doses.c: the dose statement of each drug that has dose rows (docs/treatment.md).
 *
 *  - Pregabalin and mirogabalin: the Japanese-label renal bands by creatinine clearance
 *    (pregabalin >= 60, 30-60, 15-30, < 15 mL/min; mirogabalin >= 90, 60-90, 30-60, < 30);
 *    on haemodialysis the lowest band (mirogabalin's lowest band includes haemodialysis; the
 *    pregabalin post-dialysis supplement is a gap); clearance unknown: "start at the lowest
 *    band or measure creatinine".
 *  - Acetaminophen: oral per-dose range, interval and the 4000 mg daily maximum (Calonal);
 *    IV (Acelio) the same for 50 kg and over, and below 50 kg 15 mg/kg per dose and
 *    60 mg/kg/day, computed with the weight when given.
 *  - NSAIDs: no dose table: the NICE advice (lowest effective dose, shortest time).
 *  - Limaprost: the label dose (for lumbar spinal canal stenosis, its labelled indication).
 * Duloxetine, tramadol, muscle relaxants and Kampo have no dose rows: no dose is stated.
 */
#include <math.h>
#include <stdio.h>

#include "engine/treatment.h"

static resorb_reason *dose(resorb_tx *t, resorb_drug d, const char *key, const char *e1,
                           const char *e2)
{
    resorb_drug_advice *x = &t->out->drugs[d];
    resorb_reasons one;
    resorb_reasons__init(&one);
    resorb_reason *r = resorb_reasons__add(&one, key);
    resorb_tx__cite(t, r, e1);
    resorb_tx__cite(t, r, e2);
    x->dose = *r;
    x->has_dose = true;
    return &x->dose;
}

static void range_arg(resorb_tx *t, resorb_reason *r, int i, const char *id)
{
    double lo, hi;
    resorb_tx__interval(t, id, &lo, &hi);
    resorb_reason__arg(r, i, "%g-%g", lo, hi);
}

static bool dialysis(const resorb_tx *t)
{
    return resorb_codeset_has(&t->c->patient.conditions, RESORB_COND_DIALYSIS);
}

/* EVIDENCE: pregabalin.renal.boundary_60, pregabalin.renal.boundary_30,
 * pregabalin.renal.boundary_15, pregabalin.renal.clcr_60_plus.daily,
 * pregabalin.renal.clcr_30_60.daily, pregabalin.renal.clcr_15_30.daily,
 * pregabalin.renal.clcr_below_15.daily */
static void pregabalin(resorb_tx *t)
{
    double b60 = resorb_tx__value(t, "pregabalin.renal.boundary_60");
    double b30 = resorb_tx__value(t, "pregabalin.renal.boundary_30");
    double b15 = resorb_tx__value(t, "pregabalin.renal.boundary_15");
    double v = t->out->creatinine_clearance_ml_min;
    const char *lowest = "pregabalin.renal.clcr_below_15.daily";
    resorb_reason *r;
    if (dialysis(t)) {
        r = dose(t, RESORB_DRUG_PREGABALIN, "drug.dose.pregabalin_dialysis", lowest,
                 "pregabalin.renal.boundary_15");
        resorb_reason__arg(r, 0, "%.0f", b15);
        range_arg(t, r, 1, lowest);
        return;
    }
    if (isnan(v)) {
        r = dose(t, RESORB_DRUG_PREGABALIN, "drug.dose.renal_unknown", lowest,
                 "pregabalin.renal.boundary_15");
        resorb_reason__arg(r, 0, "< %.0f", b15);
        range_arg(t, r, 1, lowest);
        return;
    }
    const char *id;
    char band[24];
    if (v >= b60) {
        id = "pregabalin.renal.clcr_60_plus.daily";
        snprintf(band, sizeof band, "≥ %.0f", b60);
    } else if (v >= b30) {
        id = "pregabalin.renal.clcr_30_60.daily";
        snprintf(band, sizeof band, "%.0f-%.0f", b30, b60);
    } else if (v >= b15) {
        id = "pregabalin.renal.clcr_15_30.daily";
        snprintf(band, sizeof band, "%.0f-%.0f", b15, b30);
    } else {
        id = lowest;
        snprintf(band, sizeof band, "< %.0f", b15);
    }
    r = dose(t, RESORB_DRUG_PREGABALIN, "drug.dose.pregabalin", id, "cockcroftgault.clcr.formula");
    resorb_reason__arg(r, 0, "%.0f", v);
    resorb_reason__arg(r, 1, "%s", band);
    range_arg(t, r, 2, id);
}

/* EVIDENCE: mirogabalin.renal.boundary_90, mirogabalin.renal.boundary_60,
 * mirogabalin.renal.boundary_30, mirogabalin.renal.{normal,mild,moderate,severe}.daily,
 * mirogabalin.renal.{normal,mild,moderate,severe}.start */
static void mirogabalin(resorb_tx *t)
{
    double b90 = resorb_tx__value(t, "mirogabalin.renal.boundary_90");
    double b60 = resorb_tx__value(t, "mirogabalin.renal.boundary_60");
    double b30 = resorb_tx__value(t, "mirogabalin.renal.boundary_30");
    double v = t->out->creatinine_clearance_ml_min;
    const char *daily, *start;
    char band[24];
    const char *key;
    if (dialysis(t) || isnan(v) || v < b30) {
        daily = "mirogabalin.renal.severe.daily";
        start = "mirogabalin.renal.severe.start";
        snprintf(band, sizeof band, "< %.0f", b30);
        key = dialysis(t) ? "drug.dose.mirogabalin_dialysis"
              : isnan(v)  ? "drug.dose.mirogabalin_unknown"
                          : "drug.dose.mirogabalin_qd";
    } else if (v < b60) {
        daily = "mirogabalin.renal.moderate.daily";
        start = "mirogabalin.renal.moderate.start";
        snprintf(band, sizeof band, "%.0f-%.0f", b30, b60);
        key = "drug.dose.mirogabalin_bid";
    } else if (v < b90) {
        daily = "mirogabalin.renal.mild.daily";
        start = "mirogabalin.renal.mild.start";
        snprintf(band, sizeof band, "%.0f-%.0f", b60, b90);
        key = "drug.dose.mirogabalin_bid";
    } else {
        daily = "mirogabalin.renal.normal.daily";
        start = "mirogabalin.renal.normal.start";
        snprintf(band, sizeof band, "≥ %.0f", b90);
        key = "drug.dose.mirogabalin_bid";
    }
    resorb_reason *r = dose(t, RESORB_DRUG_MIROGABALIN, key, daily, start);
    resorb_tx__cite(t, r, "cockcroftgault.clcr.formula");
    if (!isnan(v))
        resorb_reason__arg(r, 0, "%.0f", v);
    resorb_reason__arg(r, 1, "%s", band);
    range_arg(t, r, 2, daily);
    resorb_reason__arg(r, 3, "%g", resorb_tx__value(t, start));
}

static void acetaminophen(resorb_tx *t)
{
    /* EVIDENCE: calonal.adult_pain.dose, calonal.adult_pain.interval,
     * calonal.adult_pain.max_daily */
    resorb_reason *r = dose(t, RESORB_DRUG_ACETAMINOPHEN_ORAL, "drug.dose.acetaminophen_oral",
                            "calonal.adult_pain.dose", "calonal.adult_pain.max_daily");
    resorb_tx__cite(t, r, "calonal.adult_pain.interval");
    range_arg(t, r, 0, "calonal.adult_pain.dose");
    range_arg(t, r, 1, "calonal.adult_pain.interval");
    resorb_reason__arg(r, 2, "%g", resorb_tx__value(t, "calonal.adult_pain.max_daily"));

    /* EVIDENCE: acelio.under_50kg.threshold, acelio.under_50kg.max_dose,
     * acelio.under_50kg.max_daily, acelio.adult_pain.dose, acelio.adult_pain.interval,
     * acelio.adult_pain.max_daily */
    double threshold = resorb_tx__value(t, "acelio.under_50kg.threshold");
    double per_kg = resorb_tx__value(t, "acelio.under_50kg.max_dose");
    double per_kg_day = resorb_tx__value(t, "acelio.under_50kg.max_daily");
    double max_daily = resorb_tx__value(t, "acelio.adult_pain.max_daily");
    double w = t->c->patient.weight_kg;
    bool known = !isnan(w) && w > 0;
    if (known && w < threshold) {
        r = dose(t, RESORB_DRUG_ACETAMINOPHEN_IV, "drug.dose.acetaminophen_iv_under",
                 "acelio.under_50kg.max_dose", "acelio.under_50kg.max_daily");
        resorb_tx__cite(t, r, "acelio.under_50kg.threshold");
        resorb_reason__arg(r, 0, "%g", w);
        resorb_reason__arg(r, 1, "%g", threshold);
        resorb_reason__arg(r, 2, "%g mg/kg = %.0f mg", per_kg, floor(per_kg * w));
        resorb_reason__arg(r, 3, "%g mg/kg = %.0f mg", per_kg_day, floor(per_kg_day * w));
    } else {
        r = dose(t, RESORB_DRUG_ACETAMINOPHEN_IV,
                 known ? "drug.dose.acetaminophen_iv" : "drug.dose.acetaminophen_iv_no_weight",
                 "acelio.adult_pain.dose", "acelio.adult_pain.max_daily");
        resorb_tx__cite(t, r, "acelio.adult_pain.interval");
        resorb_tx__cite(t, r, "acelio.under_50kg.threshold");
        range_arg(t, r, 0, "acelio.adult_pain.dose");
        range_arg(t, r, 1, "acelio.adult_pain.interval");
        resorb_reason__arg(r, 2, "%g", max_daily);
        if (known)
            resorb_reason__arg(r, 3, "%g", w);
        else
            resorb_reason__arg(r, 3, "%g", threshold);
    }
}

void resorb_tx__doses(resorb_tx *t)
{
    pregabalin(t);
    mirogabalin(t);
    acetaminophen(t);
    /* EVIDENCE: nice2020.sciatica_drugs (NSAIDs: lowest effective dose, shortest time) */
    dose(t, RESORB_DRUG_NSAID, "drug.dose.nsaid", "nice2020.sciatica_drugs", NULL);
    /* EVIDENCE: limaprost.label.dose_lss */
    resorb_reason *r =
        dose(t, RESORB_DRUG_LIMAPROST, "drug.dose.limaprost", "limaprost.label.dose_lss", NULL);
    resorb_reason__arg(r, 0, "%g", resorb_tx__value(t, "limaprost.label.dose_lss"));
    /* Adult dose rules: said for a minor beside each dose. */
    int years = t->c->patient.age;
    if (years != RESORB_INT_NONE && years < 18)
        for (int d = 0; d < RESORB_DRUG__COUNT; d++)
            if (t->out->drugs[d].has_dose) {
                resorb_reason *m =
                    resorb_tx__fire(t, &t->out->drugs[d].reasons, NULL, RESORB_ADVICE_SUGGESTED,
                                    "drug.minor", NULL, NULL);
                resorb_reason__arg(m, 0, "%d", years);
            }
}

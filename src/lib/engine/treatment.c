/*
 * engine/treatment.c: the conservative treatment plan: pain phenotype, creatinine clearance,
 * and the orchestration of the drug and nerve-block parts (docs/treatment.md).
 *
 * The plan is given only when the triage lets conservative care go ahead (not for an emergency
 * or urgent category: referral comes first and nothing else is written). Then:
 *
 *  - Phenotype, from the latest scored DN4 (4/10 or more suggests neuropathic pain) and
 *    painDETECT (12 or less: a neuropathic component unlikely; 19 or more: likely; between:
 *    unclear): nociceptive, neuropathic, mixed (painDETECT unclear, or the two disagree) or
 *    unknown (neither scored). The reasons name what was measured and what was not.
 *  - Creatinine clearance by Cockcroft-Gault, (140 - age) x weight / (72 x creatinine), x 0.85
 *    for women, with its inputs shown; NaN, with the reason, when an input is missing, when sex
 *    is other or unknown (the formula has only the two forms) or for a minor (an adult formula).
 *  - Whether the episode is acute: less than the NICE chronic threshold (3 calendar months)
 *    since onset. It decides the clinic's "no opioids for acute low back pain".
 *
 * Pure: no I/O, no clock, no allocation; every number from the evidence tables.
 */
#include <math.h>
#include <string.h>

#include "engine/treatment.h"

/* ---- names ---- */

const char *resorb_phenotype_name(resorb_phenotype p)
{
    switch (p) {
    case RESORB_PHENOTYPE_NOCICEPTIVE:
        return "nociceptive";
    case RESORB_PHENOTYPE_NEUROPATHIC:
        return "neuropathic";
    case RESORB_PHENOTYPE_MIXED:
        return "mixed";
    default:
        return "unknown";
    }
}

static const char *const drug_names[RESORB_DRUG__COUNT] = {
    "nsaid",      "acetaminophen_oral", "acetaminophen_iv", "pregabalin", "mirogabalin",
    "duloxetine", "tramadol",           "muscle_relaxant",  "limaprost",  "kampo"};

const char *resorb_drug_name(resorb_drug d)
{
    return (int)d >= 0 && d < RESORB_DRUG__COUNT ? drug_names[d] : "";
}

const char *resorb_advice_status_name(resorb_advice_status s)
{
    switch (s) {
    case RESORB_ADVICE_CAUTION:
        return "caution";
    case RESORB_ADVICE_AVOID:
        return "avoid";
    default:
        return "suggested";
    }
}

const char *resorb_block_type_name(resorb_block_type t)
{
    switch (t) {
    case RESORB_BLOCK_INTERLAMINAR:
        return "interlaminar";
    case RESORB_BLOCK_CAUDAL:
        return "caudal";
    default:
        return "transforaminal";
    }
}

/* ---- helpers shared by drugs.c, doses.c and blocks.c ---- */

double resorb_tx__value(resorb_tx *t, const char *id)
{
    return resorb_engine__value(id, &t->ok);
}

void resorb_tx__interval(resorb_tx *t, const char *id, double *low, double *high)
{
    resorb_engine__interval(id, low, high, &t->ok);
}

int resorb_tx__n(resorb_tx *t, const char *id)
{
    const resorb_evidence_row *row = resorb_evidence_find(id);
    if (!row) {
        t->ok = false;
        return -1;
    }
    return row->n;
}

void resorb_tx__cite(resorb_tx *t, resorb_reason *r, const char *id)
{
    if (!id)
        return;
    if (!resorb_evidence_find(id)) {
        t->ok = false;
        return;
    }
    resorb_reason__cite(r, id);
}

resorb_reason *resorb_tx__fire(resorb_tx *t, resorb_reasons *l, resorb_advice_status *status,
                               resorb_advice_status s, const char *key, const char *e1,
                               const char *e2)
{
    if (status && s > *status)
        *status = s;
    resorb_reason *r = resorb_reasons__add(l, key);
    resorb_tx__cite(t, r, e1);
    resorb_tx__cite(t, r, e2);
    return r;
}

bool resorb_tx__pregnancy_unknown(const resorb_case *c)
{
    return c->patient.pregnant == RESORB_TRI_UNKNOWN && c->patient.sex != RESORB_SEX_MALE;
}

static resorb_reason *note(resorb_tx *t, resorb_reasons *l, const char *key, const char *e1,
                           const char *e2)
{
    return resorb_tx__fire(t, l, NULL, RESORB_ADVICE_SUGGESTED, key, e1, e2);
}

/* ---- phenotype ---- */

/* The DN4 rows belong to the instruments module: the plan reads them by id, the first of each
 * list that this build has, and if it has none reports DN4 as not interpreted rather than
 * failing. EVIDENCE: perez2007.dn4.cutoff (4/10); kim.dn4.lumbar.sensitivity,
 * kim.dn4.lumbar.specificity (lumbar-radicular pain), else timmerman2017.dn4.* (unselected). */
static const char *const dn4_cutoff_ids[] = {"bouhassira2005.dn4.cutoff", "perez2007.dn4.cutoff"};
static const char *const dn4_sens_ids[] = {"kim.dn4.lumbar.sensitivity",
                                           "timmerman2017.dn4.sensitivity"};
static const char *const dn4_spec_ids[] = {"kim.dn4.lumbar.specificity",
                                           "timmerman2017.dn4.specificity"};

static const resorb_evidence_row *first_row(const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const resorb_evidence_row *row = resorb_evidence_find(ids[i]);
        if (row && row->has_value)
            return row;
    }
    return NULL;
}

#define FIRST_ROW(ids) first_row(ids, sizeof ids / sizeof *ids)

typedef enum { Q_NONE, Q_NOT_SCORED, Q_NEGATIVE, Q_POSITIVE, Q_UNCLEAR } q_result;

/* Whether the instrument was administered at all (scored or not). */
static bool administered(const resorb_scores *s, resorb_instrument i)
{
    for (size_t k = 0; s && k < s->n; k++)
        if (s->items[k].instrument == i)
            return true;
    return false;
}

static q_result dn4(resorb_tx *t, const resorb_scores *s, resorb_reasons *l)
{
    double v = s ? resorb_scores_latest_value(s, RESORB_INSTR_DN4) : NAN;
    if (isnan(v)) {
        if (administered(s, RESORB_INSTR_DN4)) {
            note(t, l, "treatment.phenotype.dn4_not_scored", NULL, NULL);
            return Q_NOT_SCORED;
        }
        note(t, l, "treatment.phenotype.dn4_not_measured", NULL, NULL);
        return Q_NONE;
    }
    const resorb_evidence_row *cut = FIRST_ROW(dn4_cutoff_ids);
    if (!cut) {
        resorb_reason *r = note(t, l, "treatment.phenotype.dn4_no_cutoff", NULL, NULL);
        resorb_reason__arg(r, 0, "%.0f", v);
        return Q_NOT_SCORED;
    }
    bool positive = v >= cut->value;
    const resorb_evidence_row *sens = FIRST_ROW(dn4_sens_ids);
    const resorb_evidence_row *spec = FIRST_ROW(dn4_spec_ids);
    bool accuracy = sens && spec;
    const char *key = positive ? (accuracy ? "treatment.phenotype.dn4_positive"
                                           : "treatment.phenotype.dn4_positive_bare")
                               : (accuracy ? "treatment.phenotype.dn4_negative"
                                           : "treatment.phenotype.dn4_negative_bare");
    resorb_reason *r = note(t, l, key, cut->id, accuracy ? sens->id : NULL);
    if (accuracy)
        resorb_tx__cite(t, r, spec->id);
    resorb_reason__arg(r, 0, "%.0f", v);
    resorb_reason__arg(r, 1, "%.0f", cut->value);
    if (accuracy) {
        resorb_reason__arg(r, 2, "%.0f", sens->value);
        resorb_reason__arg(r, 3, "%.0f", spec->value);
    }
    return positive ? Q_POSITIVE : Q_NEGATIVE;
}

static q_result paindetect(resorb_tx *t, const resorb_scores *s, resorb_reasons *l)
{
    double v = s ? resorb_scores_latest_value(s, RESORB_INSTR_PAINDETECT) : NAN;
    if (isnan(v)) {
        if (administered(s, RESORB_INSTR_PAINDETECT)) {
            note(t, l, "treatment.phenotype.pd_not_scored", NULL, NULL);
            return Q_NOT_SCORED;
        }
        note(t, l, "treatment.phenotype.pd_not_measured", NULL, NULL);
        return Q_NONE;
    }
    /* EVIDENCE: freynhagen2006.paindetect.unlikely_max, freynhagen2006.paindetect.likely_min */
    double unlikely = resorb_tx__value(t, "freynhagen2006.paindetect.unlikely_max");
    double likely = resorb_tx__value(t, "freynhagen2006.paindetect.likely_min");
    q_result q = v <= unlikely ? Q_NEGATIVE : v >= likely ? Q_POSITIVE : Q_UNCLEAR;
    const char *key = q == Q_NEGATIVE   ? "treatment.phenotype.pd_unlikely"
                      : q == Q_POSITIVE ? "treatment.phenotype.pd_likely"
                                        : "treatment.phenotype.pd_unclear";
    resorb_reason *r = note(t, l, key, "freynhagen2006.paindetect.unlikely_max",
                            "freynhagen2006.paindetect.likely_min");
    resorb_reason__arg(r, 0, "%.0f", v);
    resorb_reason__arg(r, 1, "%.0f", unlikely);
    resorb_reason__arg(r, 2, "%.0f", likely);
    return q;
}

static void phenotype(resorb_tx *t, const resorb_scores *s)
{
    resorb_treatment_plan *p = t->out;
    resorb_reasons *l = &p->phenotype_reasons;
    q_result d = dn4(t, s, l);
    q_result q = paindetect(t, s, l);
    bool dm = d == Q_POSITIVE || d == Q_NEGATIVE; /* interpreted */
    bool qm = q == Q_POSITIVE || q == Q_NEGATIVE || q == Q_UNCLEAR;
    const char *key;
    if (!dm && !qm) {
        p->phenotype = RESORB_PHENOTYPE_UNKNOWN;
        key = "treatment.phenotype.result_unknown";
    } else if (q == Q_UNCLEAR) {
        p->phenotype = RESORB_PHENOTYPE_MIXED;
        key = "treatment.phenotype.result_mixed_unclear";
    } else if (dm && qm && d != q) {
        p->phenotype = RESORB_PHENOTYPE_MIXED;
        key = "treatment.phenotype.result_mixed_disagree";
    } else {
        bool neuro = (dm ? d : q) == Q_POSITIVE;
        p->phenotype = neuro ? RESORB_PHENOTYPE_NEUROPATHIC : RESORB_PHENOTYPE_NOCICEPTIVE;
        key = neuro ? "treatment.phenotype.result_neuropathic"
                    : "treatment.phenotype.result_nociceptive";
    }
    note(t, l, key, "itopainclinic2025.drugs.by_pain_type", NULL);
}

/* ---- creatinine clearance ---- */

static void clearance(resorb_tx *t)
{
    const resorb_patient *pt = &t->c->patient;
    resorb_treatment_plan *p = t->out;
    resorb_reasons *l = &p->clearance_reasons;
    const char *formula = "cockcroftgault.clcr.formula";
    /* EVIDENCE: cockcroftgault.clcr.formula, cockcroftgault.clcr.age_constant,
     * cockcroftgault.clcr.divisor, cockcroftgault.clcr.female_factor */
    double k = resorb_tx__value(t, "cockcroftgault.clcr.age_constant");
    double div = resorb_tx__value(t, "cockcroftgault.clcr.divisor");
    double ff = resorb_tx__value(t, "cockcroftgault.clcr.female_factor");
    p->creatinine_clearance_ml_min = NAN;
    bool has_w = !isnan(pt->weight_kg) && pt->weight_kg > 0;
    bool has_cr = !isnan(pt->serum_creatinine_mg_dl) && pt->serum_creatinine_mg_dl > 0;
    bool sex_missing = pt->sex == RESORB_SEX_NONE;
    bool sex_other = pt->sex == RESORB_SEX_OTHER || pt->sex == RESORB_SEX_UNKNOWN;
    bool minor = pt->age != RESORB_INT_NONE && pt->age < 18;
    if (!has_w)
        note(t, l, "treatment.clearance.missing_weight", formula, NULL);
    if (!has_cr)
        note(t, l, "treatment.clearance.missing_creatinine", formula, NULL);
    if (sex_missing)
        note(t, l, "treatment.clearance.missing_sex", formula, NULL);
    if (pt->age == RESORB_INT_NONE)
        note(t, l, "treatment.clearance.missing_age", formula, NULL);
    if (minor) {
        resorb_reason *r = note(t, l, "treatment.clearance.minor", formula, NULL);
        resorb_reason__arg(r, 0, "%d", pt->age);
    }
    if (!has_w || !has_cr || sex_missing || pt->age == RESORB_INT_NONE || minor)
        return;
    double base = (k - pt->age) * pt->weight_kg / (div * pt->serum_creatinine_mg_dl);
    if (sex_other) {
        /* The formula has a male and a female form only: both are shown, neither is used. */
        resorb_reason *r = note(t, l, "treatment.clearance.sex_not_binary", formula,
                                "cockcroftgault.clcr.female_factor");
        resorb_reason__arg(r, 0, "%.0f", base * ff);
        resorb_reason__arg(r, 1, "%.0f", base);
        return;
    }
    bool female = pt->sex == RESORB_SEX_FEMALE;
    double v = female ? base * ff : base;
    if (v < 0)
        v = 0;
    p->creatinine_clearance_ml_min = v;
    resorb_reason *r = note(t, l, "treatment.clearance.inputs", formula, NULL);
    resorb_reason__arg(r, 0, "%d", pt->age);
    resorb_reason__arg(r, 1, "@treatment.word.%s", female ? "female" : "male");
    resorb_reason__arg(r, 2, "%g", pt->weight_kg);
    resorb_reason__arg(r, 3, "%g", pt->serum_creatinine_mg_dl);
    r = note(t, l, female ? "treatment.clearance.result_female" : "treatment.clearance.result",
             formula, female ? "cockcroftgault.clcr.female_factor" : NULL);
    resorb_reason__arg(r, 0, "%.0f", v);
    resorb_reason__arg(r, 1, "%g", k);
    resorb_reason__arg(r, 2, "%g", div);
    resorb_reason__arg(r, 3, "%g", ff);
    if (resorb_codeset_has(&pt->conditions, RESORB_COND_DIALYSIS))
        note(t, l, "treatment.clearance.dialysis", formula, NULL);
}

/* ---- the plan ---- */

static void plan_init(resorb_treatment_plan *p)
{
    p->given = false;
    p->phenotype = RESORB_PHENOTYPE_UNKNOWN;
    resorb_reasons__init(&p->phenotype_reasons);
    p->creatinine_clearance_ml_min = NAN;
    resorb_reasons__init(&p->clearance_reasons);
    p->n_drugs = 0;
    p->n_blocks = 0;
}

int resorb_engine__treatment(const resorb_case *c, const resorb_assessment *a,
                             const resorb_scores *scores, resorb_treatment_plan *out)
{
    if (!c || !a || !out)
        return RESORB_EUSAGE;
    plan_init(out);
    /* Conservative care waits for the surgeon when the triage is emergency or urgent. */
    if (a->triage.category == RESORB_TRIAGE_EMERGENCY || a->triage.category == RESORB_TRIAGE_URGENT)
        return 0;
    out->given = true;
    resorb_tx t = {.c = c, .a = a, .out = out, .ok = true};
    /* EVIDENCE: nice2016.chronic_threshold (acute: less than 3 months since onset) */
    t.chronic_months = resorb_tx__value(&t, "nice2016.chronic_threshold");
    t.days_since_onset = c->as_of - c->history.onset;
    if (!isnan(t.chronic_months))
        t.acute =
            c->as_of < resorb_date_add_months(c->history.onset, (int)lround(t.chronic_months));
    phenotype(&t, scores);
    clearance(&t);
    for (int d = 0; d < RESORB_DRUG__COUNT; d++) {
        resorb_drug_advice *x = &out->drugs[d];
        x->drug = (resorb_drug)d;
        x->status = RESORB_ADVICE_SUGGESTED;
        resorb_reasons__init(&x->reasons);
        x->has_dose = false;
    }
    out->n_drugs = RESORB_DRUG__COUNT;
    resorb_tx__drugs(&t);
    resorb_tx__doses(&t);
    resorb_tx__blocks(&t);
    return t.ok ? 0 : RESORB_ENOTFOUND;
}

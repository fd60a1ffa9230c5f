/*
 * engine/blocks.c: nerve-block options of the plan (docs/treatment.md).
 *
 * Target: each root that a concordant herniation compresses and that the examination also
 * points to, on the same side (a central herniation lists candidate roots: only the matched
 * ones). Each target gets a transforaminal epidural steroid injection / selective nerve root
 * block twice, under fluoroscopy and under ultrasound (the clinic uses either), so that a rule
 * that touches one guidance only (pregnancy, contrast allergy) shows on its own entry. The
 * interlaminar and caudal epidurals follow as alternatives (midline: side BOTH); with no target
 * only they are listed, with the reason.
 *
 * Contraindications and cautions (Medscape's summary; ASRA for antithrombotics): fever (an
 * infection not excluded) -> avoid; allergy to local anaesthetic or corticosteroid -> avoid;
 * contrast allergy -> caution under fluoroscopy; pregnancy -> fluoroscopy avoid, ultrasound
 * caution; anticoagulant or antiplatelet -> caution, since the case format has no "hold" field
 * and the hold is therefore never documented; diabetes, immunosuppression, heart failure ->
 * caution (the steroid).
 *
 * What the case does not record (medications, allergies, conditions, fever, pregnancy) is
 * stated on each entry as a check to make before the procedure. Unlike the drugs it does not
 * lower the status: a block is done in the clinic after the pre-procedure check that the ASRA
 * guidelines call for, which asks exactly these questions, whereas a drug suggestion may be
 * acted on without one. docs/treatment.md gives this choice.
 */

#include "engine/treatment.h"

#define TARGETS_MAX 3 /* 2 entries each, plus the two alternatives: RESORB_BLOCKS_MAX */

typedef struct target {
    resorb_root root;
    resorb_side side;
    resorb_level level;
} target;

static size_t targets(const resorb_assessment *a, target *out, size_t *more)
{
    size_t n = 0;
    *more = 0;
    for (size_t i = 0; i < a->n_findings; i++) {
        const resorb_finding_assessment *f = &a->findings[i];
        if (f->concordance != RESORB_CONCORDANCE_CONCORDANT)
            continue;
        for (size_t k = 0; k < f->n_roots; k++) {
            bool matched = false;
            for (size_t e = 0; e < a->exam_roots.n_roots && !matched; e++)
                matched = a->exam_roots.roots[e].root == f->roots[k].root &&
                          a->exam_roots.roots[e].side == f->roots[k].side;
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++)
                seen = out[j].root == f->roots[k].root && out[j].side == f->roots[k].side;
            if (!matched || seen)
                continue;
            if (n == TARGETS_MAX) {
                (*more)++;
                continue;
            }
            out[n++] = (target){f->roots[k].root, f->roots[k].side, f->level};
        }
    }
    return n;
}

static resorb_reason *fire(resorb_tx *t, resorb_block_advice *b, resorb_advice_status s,
                           const char *key, const char *e1, const char *e2)
{
    return resorb_tx__fire(t, &b->reasons, &b->status, s, key, e1, e2);
}

static resorb_reason *info(resorb_tx *t, resorb_block_advice *b, const char *key, const char *e1,
                           const char *e2)
{
    return fire(t, b, RESORB_ADVICE_SUGGESTED, key, e1, e2);
}

#define CONTRA "medscape2018.esi.contraindications"
#define CAUTIONS "medscape2018.esi.cautions"
#define ASRA "narouze2015.asra.anticoagulants"

/* The safety rules common to every entry. */
static void safety(resorb_tx *t, resorb_block_advice *b)
{
    const resorb_case *c = t->c;
    const resorb_patient *p = &c->patient;
    bool fluoro = b->guidance == RESORB_GUIDANCE_FLUOROSCOPY;
    /* EVIDENCE: medscape2018.esi.contraindications (infection), finucane2020.infection */
    resorb_tri fever =
        c->history.red_flags_given ? c->history.red_flags[RESORB_RF_FEVER] : RESORB_TRI_UNKNOWN;
    if (fever == RESORB_TRI_YES)
        fire(t, b, RESORB_ADVICE_AVOID, "block.safety.fever", CONTRA, "finucane2020.infection");
    /* EVIDENCE: narouze2015.asra.anticoagulants, medscape2018.esi.contraindications */
    if (p->medications.given) {
        bool ac = resorb_codeset_has(&p->medications, RESORB_MED_ANTICOAGULANT);
        bool ap = resorb_codeset_has(&p->medications, RESORB_MED_ANTIPLATELET);
        if (ac || ap) {
            resorb_reason *r =
                fire(t, b, RESORB_ADVICE_CAUTION, "block.safety.antithrombotic", ASRA, CONTRA);
            resorb_reason__arg(r, 0, "@treatment.word.%s", ac ? "anticoagulant" : "antiplatelet");
        }
    }
    /* EVIDENCE: medscape2018.esi.contraindications (allergy to the injected solutions) */
    if (p->allergies.given) {
        if (resorb_codeset_has(&p->allergies, RESORB_ALLERGY_LOCAL_ANESTHETIC))
            fire(t, b, RESORB_ADVICE_AVOID, "block.safety.allergy_local_anesthetic", CONTRA, NULL);
        if (resorb_codeset_has(&p->allergies, RESORB_ALLERGY_CORTICOSTEROID))
            fire(t, b, RESORB_ADVICE_AVOID, "block.safety.allergy_corticosteroid", CONTRA, NULL);
        if (fluoro && resorb_codeset_has(&p->allergies, RESORB_ALLERGY_CONTRAST))
            fire(t, b, RESORB_ADVICE_CAUTION, "block.safety.allergy_contrast", CONTRA,
                 "itopainclinic2025.blocks.guided");
    }
    /* EVIDENCE: medscape2018.esi.contraindications (no fluoroscopy in pregnancy) */
    if (p->pregnant == RESORB_TRI_YES)
        fire(t, b, fluoro ? RESORB_ADVICE_AVOID : RESORB_ADVICE_CAUTION,
             fluoro ? "block.safety.pregnancy_fluoroscopy" : "block.safety.pregnancy_ultrasound",
             CONTRA, "itopainclinic2025.blocks.guided");
    /* EVIDENCE: medscape2018.esi.cautions */
    if (p->conditions.given) {
        if (resorb_codeset_has(&p->conditions, RESORB_COND_DIABETES))
            fire(t, b, RESORB_ADVICE_CAUTION, "block.safety.diabetes", CAUTIONS, NULL);
        if (resorb_codeset_has(&p->conditions, RESORB_COND_IMMUNOSUPPRESSION))
            fire(t, b, RESORB_ADVICE_CAUTION, "block.safety.immunosuppression", CAUTIONS, NULL);
        if (resorb_codeset_has(&p->conditions, RESORB_COND_HEART_FAILURE))
            fire(t, b, RESORB_ADVICE_CAUTION, "block.safety.heart_failure", CAUTIONS, NULL);
    }
    /* Not recorded: checks to make before the procedure (status unchanged, see above). */
    if (!p->medications.given)
        info(t, b, "block.unchecked.medications", ASRA, NULL);
    if (!p->allergies.given)
        info(t, b, "block.unchecked.allergies", CONTRA, NULL);
    if (fever == RESORB_TRI_UNKNOWN)
        info(t, b, "block.unchecked.fever", CONTRA, NULL);
    if (fluoro && resorb_tx__pregnancy_unknown(c))
        info(t, b, "block.unchecked.pregnancy", CONTRA, NULL);
    if (!p->conditions.given)
        info(t, b, "block.unchecked.conditions", CAUTIONS, NULL);
}

/* NICE: an epidural for acute and severe sciatica; this episode's duration and leg pain. */
static void nice(resorb_tx *t, resorb_block_advice *b)
{
    /* EVIDENCE: nice2016.epidural, nice2016.chronic_threshold */
    int nrs = t->c->history.leg_pain_nrs;
    resorb_reason *r =
        info(t, b, nrs == RESORB_INT_NONE ? "block.reason.nice_no_pain_score" : "block.reason.nice",
             "nice2016.epidural", "nice2016.chronic_threshold");
    resorb_reason__arg(r, 0, "@treatment.word.%s", t->acute ? "acute" : "chronic");
    resorb_reason__arg(r, 1, "%d", t->days_since_onset);
    if (nrs != RESORB_INT_NONE)
        resorb_reason__arg(r, 2, "%d", nrs);
}

static resorb_block_advice *entry(resorb_tx *t, resorb_block_type type, resorb_root root,
                                  resorb_side side, resorb_guidance guidance)
{
    resorb_treatment_plan *p = t->out;
    if (p->n_blocks >= RESORB_BLOCKS_MAX)
        return NULL;
    resorb_block_advice *b = &p->blocks[p->n_blocks++];
    b->type = type;
    b->root = root;
    b->side = side;
    b->guidance = guidance;
    b->status = RESORB_ADVICE_SUGGESTED;
    resorb_reasons__init(&b->reasons);
    return b;
}

static void transforaminal(resorb_tx *t, const target *g, resorb_guidance guidance)
{
    resorb_block_advice *b = entry(t, RESORB_BLOCK_TRANSFORAMINAL, g->root, g->side, guidance);
    if (!b)
        return;
    resorb_reason *r = info(t, b, "block.reason.target", "itopainclinic2025.blocks.guided", NULL);
    resorb_reason__arg(r, 0, "@side.%s", resorb_side_name(g->side));
    resorb_reason__arg(r, 1, "%s", resorb_root_name(g->root));
    resorb_reason__arg(r, 2, "%s", resorb_level_name(g->level));
    /* EVIDENCE: itopainclinic2025.blocks.guided */
    info(t, b,
         guidance == RESORB_GUIDANCE_FLUOROSCOPY ? "block.reason.fluoroscopy"
                                                 : "block.reason.ultrasound",
         "itopainclinic2025.blocks.guided", NULL);
    /* EVIDENCE: riew2000.avoided_surgery.steroid, riew2000.avoided_surgery.bupivacaine */
    r = info(t, b, "block.reason.riew", "riew2000.avoided_surgery.steroid",
             "riew2000.avoided_surgery.bupivacaine");
    resorb_reason__arg(r, 0, "%.0f", resorb_tx__value(t, "riew2000.avoided_surgery.steroid"));
    resorb_reason__arg(r, 1, "%d", resorb_tx__n(t, "riew2000.avoided_surgery.steroid"));
    resorb_reason__arg(r, 2, "%.0f", resorb_tx__value(t, "riew2000.avoided_surgery.bupivacaine"));
    resorb_reason__arg(r, 3, "%d", resorb_tx__n(t, "riew2000.avoided_surgery.bupivacaine"));
    nice(t, b);
    safety(t, b);
}

static void alternative(resorb_tx *t, resorb_block_type type, bool has_target, size_t more)
{
    /* Midline approaches. Fluoroscopy unless pregnant, then ultrasound. */
    bool pregnant = t->c->patient.pregnant == RESORB_TRI_YES;
    resorb_block_advice *b =
        entry(t, type, RESORB_ROOT_NONE, RESORB_SIDE_BOTH,
              pregnant ? RESORB_GUIDANCE_ULTRASOUND : RESORB_GUIDANCE_FLUOROSCOPY);
    if (!b)
        return;
    /* EVIDENCE: nice2016.epidural, nice2016.epidural_research */
    info(t, b, has_target ? "block.reason.alternative" : "block.reason.no_target",
         "nice2016.epidural", has_target ? NULL : "itopainclinic2025.blocks.guided");
    if (type == RESORB_BLOCK_CAUDAL)
        info(t, b, "block.reason.nice_research", "nice2016.epidural_research", NULL);
    if (pregnant)
        info(t, b, "block.reason.pregnancy_ultrasound", CONTRA, "itopainclinic2025.blocks.guided");
    else
        info(t, b, "block.reason.fluoroscopy", "itopainclinic2025.blocks.guided", NULL);
    if (more > 0) {
        resorb_reason *r = info(t, b, "block.reason.more_targets", NULL, NULL);
        resorb_reason__arg(r, 0, "%zu", more);
    }
    nice(t, b);
    safety(t, b);
}

void resorb_tx__blocks(resorb_tx *t)
{
    target g[TARGETS_MAX];
    size_t more;
    size_t n = targets(t->a, g, &more);
    for (size_t i = 0; i < n; i++) {
        transforaminal(t, &g[i], RESORB_GUIDANCE_FLUOROSCOPY);
        transforaminal(t, &g[i], RESORB_GUIDANCE_ULTRASOUND);
    }
    alternative(t, RESORB_BLOCK_INTERLAMINAR, n > 0, more);
    alternative(t, RESORB_BLOCK_CAUDAL, n > 0, 0);
}

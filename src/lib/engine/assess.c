/*
 * engine/assess.c: resorb_assess, the one entry point of the engine (see resorb/assess.h).
 *
 * Order: triage first (it decides what the plan may offer), then the examination's roots, then
 * for each herniation of the latest study its compressed roots, concordance and resorption,
 * then the outlook and the plan. Last, every evidence id cited anywhere is gathered, sorted and
 * de-duplicated, so that the output can list its sources.
 */
#include <stdint.h>
#include <string.h>

#include "engine/engine.h"

static const char *const category_names[RESORB_TRIAGE__COUNT] = {
    "conservative", "surgical_consultation", "investigate", "urgent", "emergency"};

const char *resorb_triage_category_name(resorb_triage_category c)
{
    return (int)c >= 0 && c < RESORB_TRIAGE__COUNT ? category_names[c] : "";
}

const char *resorb_concordance_name(resorb_concordance c)
{
    switch (c) {
    case RESORB_CONCORDANCE_CONCORDANT: return "concordant";
    case RESORB_CONCORDANCE_DISCORDANT: return "discordant";
    default: return "indeterminate";
    }
}

/* The evidence cited anywhere, as a set of row indexes: the rows are sorted by id, so walking
 * the set in index order gives the ids sorted, without comparing strings. */
#define EV_BITS 4096
#define EV_CACHE 256
typedef struct ev_set {
    uint64_t bits[EV_BITS / 64];
    /* Ids are cited as static strings, the same pointer many times over: a small direct-mapped
     * cache from pointer to row index saves most hash lookups. */
    const char *cache_id[EV_CACHE];
    size_t cache_row[EV_CACHE];
} ev_set;

static void ev_add_reason(ev_set *s, const resorb_reason *r)
{
    const resorb_evidence_row *base = resorb_evidence_at(0);
    for (size_t i = 0; i < r->n_evidence; i++) {
        const char *id = r->evidence[i];
        size_t slot = ((uintptr_t)id >> 3) % EV_CACHE, k;
        if (s->cache_id[slot] == id) {
            k = s->cache_row[slot];
        } else {
            const resorb_evidence_row *row = resorb_evidence_find(id);
            k = row ? (size_t)(row - base) : EV_BITS;
            s->cache_id[slot] = id;
            s->cache_row[slot] = k;
        }
        if (k < EV_BITS)
            s->bits[k / 64] |= UINT64_C(1) << (k % 64);
    }
}

static void ev_add_list(ev_set *s, const resorb_reasons *l)
{
    for (size_t i = 0; i < l->count; i++)
        ev_add_reason(s, &l->items[i]);
}

static void gather_evidence(resorb_assessment *a)
{
    ev_set s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < a->triage.n_reasons; i++)
        ev_add_reason(&s, &a->triage.reasons[i].reason);
    ev_add_list(&s, &a->triage.actions);
    ev_add_list(&s, &a->exam_roots.signs);
    for (size_t i = 0; i < a->n_findings; i++) {
        ev_add_list(&s, &a->findings[i].concordance_reasons);
        ev_add_list(&s, &a->findings[i].resorption.reasons);
        ev_add_list(&s, &a->findings[i].resorption.modifiers);
    }
    ev_add_list(&s, &a->outlook.statements);
    ev_add_list(&s, &a->outlook.poor_prognosis);
    ev_add_list(&s, &a->outlook.prognosis_unknown);
    ev_add_list(&s, &a->plan.steps);
    ev_add_list(&s, &a->plan.refer_if);
    ev_add_list(&s, &a->plan.options);
    const resorb_treatment_plan *t = &a->plan.treatment;
    if (t->given) {
        ev_add_list(&s, &t->phenotype_reasons);
        ev_add_list(&s, &t->clearance_reasons);
        for (size_t i = 0; i < t->n_drugs; i++) {
            ev_add_list(&s, &t->drugs[i].reasons);
            if (t->drugs[i].has_dose)
                ev_add_reason(&s, &t->drugs[i].dose);
        }
        for (size_t i = 0; i < t->n_blocks; i++)
            ev_add_list(&s, &t->blocks[i].reasons);
    }
    for (size_t i = 0; i < a->scores.n; i++)
        ev_add_list(&s, &a->scores.items[i].reasons);
    for (size_t i = 0; i < a->scores.n_changes; i++)
        ev_add_list(&s, &a->scores.changes[i].reasons);
    ev_add_list(&s, &a->warnings);
    a->n_evidence = 0;
    for (size_t w = 0; w < EV_BITS / 64; w++)
        for (uint64_t b = s.bits[w]; b != 0; b &= b - 1) {
            size_t k = w * 64 + (size_t)__builtin_ctzll(b);
            if (a->n_evidence < RESORB_ASSESS_EVIDENCE)
                a->evidence[a->n_evidence++] = resorb_evidence_at(k)->id;
        }
}

/* The latest study: the greatest date, the later entry on a tie. */
static bool latest_study(const resorb_case *c, size_t *out)
{
    bool found = false;
    for (size_t i = 0; i < c->n_imaging; i++)
        if (!found || c->imaging[i].date >= c->imaging[*out].date) {
            *out = i;
            found = true;
        }
    return found;
}

static int assess_findings(const resorb_case *c, resorb_assessment *a)
{
    int rc = 0;
    a->has_study = latest_study(c, &a->study);
    if (!a->has_study) {
        resorb_reason *r = resorb_reasons__add(&a->warnings, "assess.warning.no_imaging");
        resorb_reason__cite(r, "nice2016.imaging");
        return 0;
    }
    const resorb_study *s = &c->imaging[a->study];
    for (size_t i = 0; i < s->n_findings && rc == 0; i++) {
        resorb_finding_assessment *fa = &a->findings[a->n_findings++];
        fa->n_roots = 0;
        fa->cauda_equina_at_risk = false;
        fa->concordance = RESORB_CONCORDANCE_INDETERMINATE;
        resorb_reasons__init(&fa->concordance_reasons);
        fa->study = a->study;
        fa->finding = i;
        rc = resorb_engine__finding_roots(&s->findings[i], fa);
        if (rc == 0)
            rc = resorb_engine__concordance(c, &a->exam_roots, fa);
        if (rc == 0)
            rc = resorb_engine__resorption(c, &s->findings[i], &fa->resorption);
    }
    if (rc == 0 && s->n_findings == 0)
        resorb_reasons__add(&a->warnings, "assess.warning.no_findings");
    return rc;
}

int resorb_assess(resorb_assessment *out, const resorb_case *c, const resorb_assess_options *o)
{
    int rc;
    (void)o;
    if (!out || !c)
        return RESORB_EUSAGE;
    /* Field by field, not memset: the assessment is ~300 KiB, mostly lists filled on demand. */
    memcpy(out->case_id, c->id, sizeof out->case_id);
    out->has_study = false;
    out->study = 0;
    out->n_findings = 0;
    out->n_evidence = 0;
    resorb_reasons__init(&out->warnings);
    out->as_of = c->as_of;
    out->as_of_given = c->as_of_given;
    if (c->patient.age != RESORB_INT_NONE && c->patient.age < 18) {
        resorb_reason *r = resorb_reasons__add(&out->warnings, "assess.warning.minor");
        resorb_reason__arg(r, 0, "%d", c->patient.age);
    }
    rc = resorb_instruments_score(c, &out->scores);
    if (rc == 0)
        rc = resorb_engine__triage(c, &out->triage);
    if (rc == 0)
        rc = resorb_engine__exam_roots(c, &out->exam_roots);
    if (rc == 0)
        rc = assess_findings(c, out);
    if (rc == 0)
        rc = resorb_engine__outlook(c, &out->outlook);
    if (rc == 0)
        rc = resorb_engine__plan(c, out, &out->plan);
    if (rc == 0)
        rc = resorb_engine__treatment(c, out, &out->scores, &out->plan.treatment);
    if (rc == 0)
        gather_evidence(out);
    return rc;
}

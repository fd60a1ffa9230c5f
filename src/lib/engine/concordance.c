/*
 * engine/concordance.c: does this herniation explain this patient's signs?
 *
 * Three steps, each a pure function (no I/O, no allocation, no state):
 *
 *  - resorb_engine__exam_roots: the roots the examination points to, per side. Only positive
 *    findings point anywhere: weakness (MMT < 5), a sensory finding in a dermatome, a reduced or
 *    absent reflex, a positive straight-leg raise, crossed straight-leg raise or femoral stretch.
 *    Absent items are "not assessed" and point nowhere; a normal item is recorded but silent.
 *    The mapping is the table of roots.c, every entry tied to a row of anatomy.tsv.
 *
 *  - resorb_engine__finding_roots: the roots a herniation compresses, from level, zone and
 *    side (subarticular -> traversing; foraminal/extraforaminal -> exiting; central -> the
 *    traversing roots of both sides). A missing zone keeps both candidates, traversing first
 *    (the compressed root is uncertain); a missing or midline side keeps both sides.
 *
 *  - resorb_engine__concordance: the verdict, with its reasons. Root-specific deficits (motor,
 *    sensory, reflex) decide; tension signs only support, because they point to a region of
 *    roots (docs/concordance.md has the table of rules):
 *      concordant     a deficit points to a compressed root on its side; or, with no deficit
 *                     pointing elsewhere, a tension sign on that side covers a compressed root;
 *      discordant     the signs point only to other roots or the other side; or, with no sign
 *                     at all, the leg pain is on the other side or there is no leg pain;
 *      indeterminate  no examination, no positive sign, leg pain on the same side without a
 *                     localising sign, signs that point both ways, or a herniation whose side
 *                     was not recorded.
 *    A discordant verdict always carries the caveat that herniations are common in people
 *    without symptoms; one based on signs also says that examination localises roots poorly.
 *
 * The cauda equina flag: no evidence row gives a size (canal compromise, depth) above which a
 * central herniation threatens the cauda equina, so size is never judged. A central or midline
 * herniation is flagged only together with a clinical feature of cauda equina syndrome from
 * the red-flag rows (ajem2019.ces.red_flags), and the reason says which rule was used.
 */
#include <math.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/roots.h"

/* ---- words (catalog keys passed as "@key" arguments, translated when rendered) ---- */

static const char *side_word(resorb_side s)
{
    switch (s) {
    case RESORB_SIDE_LEFT:
        return "@concordance.side.left";
    case RESORB_SIDE_RIGHT:
        return "@concordance.side.right";
    default:
        return "@concordance.side.both";
    }
}

static const char *side_of_index(int i)
{
    return side_word(i == 0 ? RESORB_SIDE_LEFT : RESORB_SIDE_RIGHT);
}

static const char *reflex_word(int reflex)
{
    return reflex == RESORB_REFLEX_PATELLAR ? "@concordance.reflex.patellar"
                                            : "@concordance.reflex.achilles";
}

static const char *grade_word(int grade)
{
    return grade == RESORB_GRADE_ABSENT ? "@concordance.grade.absent"
                                        : "@concordance.grade.reduced";
}

static const char *sensory_word(int finding)
{
    switch (finding) {
    case RESORB_SENS_ABSENT:
        return "@concordance.sensory.absent";
    case RESORB_SENS_PARESTHESIA:
        return "@concordance.sensory.paresthesia";
    default:
        return "@concordance.sensory.reduced";
    }
}

static void arg_roots(resorb_reason *r, int i, resorb_rootset set)
{
    if (!r)
        return;
    resorb_roots__format(set, r->args[i], sizeof r->args[i]);
}

static void cite_all(resorb_reason *r, const char *const *ev, size_t n)
{
    for (size_t i = 0; i < n; i++)
        resorb_reason__cite(r, ev[i]);
}

/* Cites a row that is not part of the anatomy table; clears *ok when the build lacks it. */
static void cite_needed(resorb_reason *r, const char *id, bool *ok)
{
    if (!resorb_evidence_find(id))
        *ok = false;
    resorb_reason__cite(r, id);
}

/* ---- the examination ---- */

static void sign_reason(resorb_reasons *l, const resorb_sign *s)
{
    const char *ev[RESORB_REASON_EVIDENCE];
    size_t n_ev = 0;
    resorb_rootset roots =
        resorb_roots__of_sign(s->kind, s->item, ev, RESORB_REASON_EVIDENCE, &n_ev);
    resorb_reason *r = NULL;
    switch (s->kind) {
    case RESORB_SIGN_MOTOR:
        r = resorb_reasons__add(l, "concordance.sign.motor");
        resorb_reason__arg(r, 0, "@concordance.muscle.%s",
                           resorb_muscle_name((resorb_muscle)s->item));
        resorb_reason__arg(r, 1, "%s", side_word(s->side));
        resorb_reason__arg(r, 2, "%d", s->detail);
        arg_roots(r, 3, roots);
        break;
    case RESORB_SIGN_SENSORY:
        r = resorb_reasons__add(l, "concordance.sign.sensory");
        resorb_reason__arg(r, 0, "%s", sensory_word(s->detail));
        resorb_reason__arg(r, 1, "%s", resorb_root_name((resorb_root)s->item));
        resorb_reason__arg(r, 2, "%s", side_word(s->side));
        arg_roots(r, 3, roots);
        break;
    case RESORB_SIGN_REFLEX:
        r = resorb_reasons__add(l, "concordance.sign.reflex");
        resorb_reason__arg(r, 0, "%s", reflex_word(s->item));
        resorb_reason__arg(r, 1, "%s", grade_word(s->detail));
        resorb_reason__arg(r, 2, "%s", side_word(s->side));
        arg_roots(r, 3, roots);
        break;
    case RESORB_SIGN_SLR:
        r = resorb_reasons__add(l, s->detail == RESORB_INT_NONE ? "concordance.sign.slr"
                                                                : "concordance.sign.slr_angle");
        resorb_reason__arg(r, 0, "%s", side_word(s->side));
        arg_roots(r, 1, roots);
        if (s->detail != RESORB_INT_NONE)
            resorb_reason__arg(r, 2, "%d", s->detail);
        break;
    case RESORB_SIGN_CROSSED_SLR:
        r = resorb_reasons__add(l, "concordance.sign.crossed_slr");
        resorb_reason__arg(r, 0, "%s", side_word(s->side));
        arg_roots(r, 1, roots);
        break;
    case RESORB_SIGN_FEMORAL_STRETCH:
        r = resorb_reasons__add(l, "concordance.sign.femoral_stretch");
        resorb_reason__arg(r, 0, "%s", side_word(s->side));
        arg_roots(r, 1, roots);
        break;
    default:
        break;
    }
    cite_all(r, ev, n_ev);
}

int resorb_engine__exam_roots(const resorb_case *c, resorb_exam_roots *out)
{
    if (!c || !out)
        return RESORB_EUSAGE;
    memset(out, 0, sizeof *out);
    resorb_exam_signs s;
    resorb_roots__exam_signs(c, &s);

    resorb_rootset per_side[2] = {0, 0};
    for (size_t i = 0; i < s.n; i++) {
        sign_reason(&out->signs, &s.signs[i]);
        per_side[resorb_side_index(s.signs[i].side)] |= s.signs[i].roots;
    }
    for (size_t i = 0; i < s.n_increased; i++) {
        resorb_reason *r = resorb_reasons__add(&out->signs, "concordance.sign.reflex_increased");
        resorb_reason__arg(r, 0, "%s", reflex_word(s.increased[i].reflex));
        resorb_reason__arg(r, 1, "%s", side_word(s.increased[i].side));
    }
    if (s.crossed_unlateralised) {
        resorb_reason *r =
            resorb_reasons__add(&out->signs, "concordance.sign.crossed_slr_unlateralised");
        resorb_reason__cite(r, "anatomy.tension.crossed_slr.suri2010");
    }
    if (!c->exam.given)
        resorb_reasons__add(&out->signs, "concordance.exam.not_recorded");
    else if (!s.recorded)
        resorb_reasons__add(&out->signs, "concordance.exam.no_root_items");
    else if (s.n == 0)
        resorb_reasons__add(&out->signs, "concordance.exam.no_root_signs");

    for (int side = 0; side < 2; side++)
        for (int root = RESORB_ROOT_L1; root < RESORB_ROOT__COUNT; root++)
            if (per_side[side] & RESORB_ROOTSET(root)) {
                resorb_side_root *sr = &out->roots[out->n_roots++];
                sr->root = (resorb_root)root;
                sr->side = side == 0 ? RESORB_SIDE_LEFT : RESORB_SIDE_RIGHT;
            }
    return 0;
}

/* ---- the herniation ---- */

static void add_root(resorb_finding_assessment *fa, resorb_root root, resorb_side side)
{
    for (size_t i = 0; i < fa->n_roots; i++)
        if (fa->roots[i].root == root && fa->roots[i].side == side)
            return;
    if (fa->n_roots < RESORB_FINDING_ROOTS)
        fa->roots[fa->n_roots++] = (resorb_side_root){root, side};
}

int resorb_engine__finding_roots(const resorb_finding *f, resorb_finding_assessment *out)
{
    if (!f || !out)
        return RESORB_EUSAGE;
    out->level = f->level;
    out->side = f->side;
    out->morphology = f->morphology;
    out->zone = f->zone;
    out->n_roots = 0;
    memset(out->roots, 0, sizeof out->roots);
    out->cauda_equina_at_risk = false;
    out->concordance = RESORB_CONCORDANCE_INDETERMINATE;
    memset(&out->concordance_reasons, 0, sizeof out->concordance_reasons);

    /* Which paths: the zone decides; without a zone both candidates, traversing first. */
    resorb_root_path paths[2];
    size_t n_paths = 0;
    switch (f->zone) {
    case RESORB_ZONE_CENTRAL:
        paths[n_paths++] = RESORB_PATH_CENTRAL;
        break;
    case RESORB_ZONE_SUBARTICULAR:
        paths[n_paths++] = RESORB_PATH_TRAVERSING;
        break;
    case RESORB_ZONE_FORAMINAL:
    case RESORB_ZONE_EXTRAFORAMINAL:
        paths[n_paths++] = RESORB_PATH_EXITING;
        break;
    default:
        paths[n_paths++] = RESORB_PATH_TRAVERSING;
        paths[n_paths++] = RESORB_PATH_EXITING;
        break;
    }
    /* Which sides: a central zone, a midline or an unrecorded side reach both. */
    bool both = f->zone == RESORB_ZONE_CENTRAL || f->side == RESORB_SIDE_MIDLINE ||
                resorb_side_index(f->side) < 0;
    resorb_root roots[2] = {RESORB_ROOT_NONE, RESORB_ROOT_NONE};
    const char *ev[2] = {NULL, NULL};
    resorb_rootset set = 0;
    for (size_t p = 0; p < n_paths; p++) {
        roots[p] = resorb_roots__at_level(f->level, paths[p], &ev[p]);
        if (roots[p] == RESORB_ROOT_NONE)
            return RESORB_EUSAGE; /* no level: not a parsed case */
        set |= RESORB_ROOTSET(roots[p]);
        if (both) {
            add_root(out, roots[p], RESORB_SIDE_LEFT);
            add_root(out, roots[p], RESORB_SIDE_RIGHT);
        } else {
            add_root(out, roots[p], f->side);
        }
    }

    resorb_reasons *l = &out->concordance_reasons;
    resorb_reason *r;
    const char *level = resorb_level_name(f->level);
    if (f->zone == RESORB_ZONE_CENTRAL) {
        /* EVIDENCE: anatomy.root.central, anatomy.root.traversing.wjo2021 */
        r = resorb_reasons__add(l, "concordance.root.central");
        resorb_reason__arg(r, 0, "%s", level);
        resorb_reason__arg(r, 1, "%s", resorb_root_name(roots[0]));
        resorb_reason__cite(r, ev[0]);
        resorb_reason__cite(r, "anatomy.root.traversing.wjo2021");
    } else if (n_paths == 2) {
        /* EVIDENCE: anatomy.root.traversing.wjo2021, anatomy.root.exiting.wjo2021 */
        r = resorb_reasons__add(l, "concordance.root.zone_unknown");
        resorb_reason__arg(r, 0, "%s", level);
        resorb_reason__arg(r, 1, "%s", resorb_root_name(roots[0]));
        resorb_reason__arg(r, 2, "%s", resorb_root_name(roots[1]));
        resorb_reason__arg(r, 3, "%s", side_word(both ? RESORB_SIDE_BOTH : f->side));
        resorb_reason__cite(r, ev[0]);
        resorb_reason__cite(r, ev[1]);
        if (resorb_side_index(f->side) < 0 && f->side != RESORB_SIDE_MIDLINE)
            resorb_reasons__add(l, "concordance.root.side_not_recorded");
    } else if (!both) {
        r = resorb_reasons__add(l, paths[0] == RESORB_PATH_TRAVERSING
                                       ? "concordance.root.traversing"
                                       : "concordance.root.exiting");
        resorb_reason__arg(r, 0, "@concordance.zone.%s", resorb_zone_name(f->zone));
        resorb_reason__arg(r, 1, "%s", level);
        resorb_reason__arg(r, 2, "%s", resorb_root_name(roots[0]));
        resorb_reason__arg(r, 3, "%s", side_word(f->side));
        resorb_reason__cite(r, ev[0]);
    } else {
        r = resorb_reasons__add(l, f->side == RESORB_SIDE_MIDLINE
                                       ? "concordance.root.midline"
                                       : "concordance.root.side_unknown");
        resorb_reason__arg(r, 0, "@concordance.zone.%s", resorb_zone_name(f->zone));
        resorb_reason__arg(r, 1, "%s", level);
        arg_roots(r, 2, set);
        resorb_reason__cite(r, ev[0]);
    }
    return 0;
}

/* ---- the verdict ---- */

typedef struct verdict_ctx {
    const resorb_case *c;
    resorb_finding_assessment *fa;
    resorb_rootset comp[2];      /* compressed roots per side */
    resorb_rootset hit_def[2];   /* compressed roots a deficit points to */
    resorb_rootset hit_ten[2];   /* compressed roots a tension sign covers */
    resorb_rootset other_def[2]; /* roots of deficits that reach no compressed root */
    resorb_rootset other_ten[2]; /* roots of tension signs that reach no compressed root */
    const char *ev_def[2][RESORB_REASON_EVIDENCE];
    size_t n_ev_def[2];
    const char *ev_ten[2][RESORB_REASON_EVIDENCE];
    size_t n_ev_ten[2];
    resorb_rootset caudal; /* roots below the level, added when the cauda equina is at risk */
    bool ces_unasked;      /* a defining cauda equina question was not asked */
    bool ok;
} verdict_ctx;

static void merge_ids(const char **dst, size_t *n, const char *const *src, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        bool seen = false;
        for (size_t k = 0; k < *n && !seen; k++)
            seen = strcmp(dst[k], src[i]) == 0;
        if (!seen && *n < RESORB_REASON_EVIDENCE)
            dst[(*n)++] = src[i];
    }
}

static void tally(verdict_ctx *x, const resorb_exam_signs *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const resorb_sign *g = &s->signs[i];
        int side = resorb_side_index(g->side);
        resorb_rootset hit = g->roots & x->comp[side];
        bool deficit = resorb_sign_is_deficit(g->kind);
        if (!hit) {
            if (deficit)
                x->other_def[side] |= g->roots;
            else
                x->other_ten[side] |= g->roots;
            continue;
        }
        const char *ev[RESORB_REASON_EVIDENCE];
        size_t n = resorb_roots__evidence_for(g->kind, g->item, hit, ev, RESORB_REASON_EVIDENCE);
        if (deficit) {
            x->hit_def[side] |= hit;
            merge_ids(x->ev_def[side], &x->n_ev_def[side], ev, n);
        } else {
            x->hit_ten[side] |= hit;
            merge_ids(x->ev_ten[side], &x->n_ev_ten[side], ev, n);
        }
    }
}

static resorb_reasons *reasons(verdict_ctx *x)
{
    return &x->fa->concordance_reasons;
}

/* The compressed roots as one argument pair: roots and the side word. */
static void args_compressed(const verdict_ctx *x, resorb_reason *r, int i_roots, int i_side)
{
    bool left = x->comp[0] != 0, right = x->comp[1] != 0;
    arg_roots(r, i_roots, x->comp[0] | x->comp[1]);
    resorb_reason__arg(r, i_side, "%s",
                       left && right ? side_word(RESORB_SIDE_BOTH)
                                     : side_word(left ? RESORB_SIDE_LEFT : RESORB_SIDE_RIGHT));
}

static void caveat_asymptomatic(verdict_ctx *x)
{
    /* EVIDENCE: brinjikji2015.asymptomatic.protrusion_20y, brinjikji2015.asymptomatic.
     * protrusion_80y, brinjikji2015.asymptomatic.bulge_20y, brinjikji2015.asymptomatic.
     * bulge_80y, kjaer2016.unchanged */
    bool bulge = x->fa->morphology == RESORB_MORPH_BULGE;
    const char *young = bulge ? "brinjikji2015.asymptomatic.bulge_20y"
                              : "brinjikji2015.asymptomatic.protrusion_20y";
    const char *old = bulge ? "brinjikji2015.asymptomatic.bulge_80y"
                            : "brinjikji2015.asymptomatic.protrusion_80y";
    double v20 = resorb_engine__value(young, &x->ok);
    double v80 = resorb_engine__value(old, &x->ok);
    double unchanged = resorb_engine__value("kjaer2016.unchanged", &x->ok);
    resorb_reason *r =
        resorb_reasons__add(reasons(x), bulge ? "concordance.caveat.asymptomatic_bulge"
                                              : "concordance.caveat.asymptomatic_protrusion");
    resorb_reason__arg(r, 0, "%g", v20);
    resorb_reason__arg(r, 1, "%g", v80);
    resorb_reason__arg(r, 2, "%g", unchanged);
    resorb_reason__cite(r, young);
    resorb_reason__cite(r, old);
    resorb_reason__cite(r, "kjaer2016.unchanged");
}

static void caveat_imprecise(verdict_ctx *x)
{
    /* EVIDENCE: iversen2013.clinical_eval.plr_l4, iversen2013.clinical_eval.plr_l5,
     * iversen2013.clinical_eval.plr_s1, iversen2013.index_tests.low_accuracy */
    static const char *const ids[] = {"iversen2013.clinical_eval.plr_l4",
                                      "iversen2013.clinical_eval.plr_l5",
                                      "iversen2013.clinical_eval.plr_s1"};
    resorb_reason *r = resorb_reasons__add(reasons(x), "concordance.caveat.exam_imprecise");
    for (int i = 0; i < 3; i++) {
        double v = resorb_engine__value(ids[i], &x->ok);
        resorb_reason__arg(r, i, "%g", v);
        resorb_reason__cite(r, ids[i]);
    }
    cite_needed(r, "iversen2013.index_tests.low_accuracy", &x->ok);
}

/* Roots a side's signs point to that this herniation does not explain. */
static void note_other_roots(verdict_ctx *x, const char *key)
{
    for (int side = 0; side < 2; side++)
        if (x->other_def[side]) {
            resorb_reason *r = resorb_reasons__add(reasons(x), key);
            arg_roots(r, 0, x->other_def[side]);
            resorb_reason__arg(r, 1, "%s", side_of_index(side));
        }
}

static void note_pain(verdict_ctx *x, bool pain_other, bool no_leg_pain)
{
    if (pain_other) {
        resorb_reason *r = resorb_reasons__add(reasons(x), "concordance.note.pain_other_side");
        resorb_reason__arg(r, 0, "%s", side_word(x->c->history.leg_pain_side));
        resorb_reason__arg(r, 1, "%s", side_word(x->fa->side));
    }
    if (no_leg_pain)
        resorb_reasons__add(reasons(x), "concordance.note.no_leg_pain");
}

static void verdict_concordant(verdict_ctx *x, bool by_deficit, bool pain_other, bool no_leg_pain)
{
    x->fa->concordance = RESORB_CONCORDANCE_CONCORDANT;
    for (int side = 0; side < 2; side++) {
        resorb_rootset hit = by_deficit ? x->hit_def[side] : x->hit_ten[side];
        if (!hit)
            continue;
        resorb_reason *r =
            resorb_reasons__add(reasons(x), by_deficit ? "concordance.concordant.signs"
                                                       : "concordance.concordant.tension");
        arg_roots(r, 0, hit);
        resorb_reason__arg(r, 1, "%s", side_of_index(side));
        if (by_deficit)
            cite_all(r, x->ev_def[side], x->n_ev_def[side]);
        else
            cite_all(r, x->ev_ten[side], x->n_ev_ten[side]);
    }
    note_other_roots(x, "concordance.note.other_roots");
    note_pain(x, pain_other, no_leg_pain);
}

static void verdict_discordant_signs(verdict_ctx *x, const resorb_exam_roots *exam, bool pain_other)
{
    x->fa->concordance = RESORB_CONCORDANCE_DISCORDANT;
    for (int side = 0; side < 2; side++) {
        /* The roots as the examination reports them (exam_roots), on this side. */
        resorb_rootset set = 0;
        resorb_side want = side == 0 ? RESORB_SIDE_LEFT : RESORB_SIDE_RIGHT;
        for (size_t i = 0; i < exam->n_roots; i++)
            if (exam->roots[i].side == want)
                set |= RESORB_ROOTSET(exam->roots[i].root);
        set |= x->other_def[side] | x->other_ten[side];
        if (!(x->other_def[side] | x->other_ten[side]))
            continue;
        resorb_reason *r = resorb_reasons__add(reasons(x), "concordance.discordant.signs");
        arg_roots(r, 0, set);
        resorb_reason__arg(r, 1, "%s", side_of_index(side));
        args_compressed(x, r, 2, 3);
    }
    note_pain(x, pain_other, false);
    caveat_asymptomatic(x);
    caveat_imprecise(x);
}

/* Central or midline herniation with a clinical feature of cauda equina syndrome? Sets
 * fa->cauda_equina_at_risk; when set, the roots below the compressed ones (which run in the
 * cauda equina at this level) count as compressed too, so that sacral deficits are explained. */
static void cauda_equina_assess(verdict_ctx *x)
{
    resorb_finding_assessment *fa = x->fa;
    const resorb_case *c = x->c;
    if (fa->zone != RESORB_ZONE_CENTRAL && fa->side != RESORB_SIDE_MIDLINE)
        return;
    /* EVIDENCE: ajem2019.ces.red_flags (bilateral sciatica, saddle sensation, retention, anal
     * tone, sexual dysfunction), itopainclinic2025.surgery.immediate (bladder/bowel control) */
    static const resorb_red_flag features[] = {
        RESORB_RF_URINARY_RETENTION,  RESORB_RF_URINARY_INCONTINENCE,
        RESORB_RF_BOWEL_INCONTINENCE, RESORB_RF_SADDLE_ANESTHESIA,
        RESORB_RF_SEXUAL_DYSFUNCTION, RESORB_RF_BILATERAL_LEG_SYMPTOMS};
    bool feature = c->history.leg_pain_side == RESORB_SIDE_BOTH ||
                   c->exam.perianal_sensation == RESORB_PERIANAL_REDUCED ||
                   c->exam.perianal_sensation == RESORB_PERIANAL_ABSENT ||
                   c->exam.anal_tone == RESORB_TONE_REDUCED;
    x->ces_unasked = !c->history.red_flags_given;
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++) {
        resorb_tri t = c->history.red_flags[features[i]];
        feature = feature || t == RESORB_TRI_YES;
        /* The four that define the syndrome must have been asked. */
        if (i < 4 && t == RESORB_TRI_UNKNOWN)
            x->ces_unasked = true;
    }
    fa->cauda_equina_at_risk = feature;
    if (!feature)
        return;
    /* EVIDENCE: anatomy.root.central (the cauda equina below the level, inferred) */
    for (int side = 0; side < 2; side++) {
        int highest = RESORB_ROOT_NONE;
        for (int r = RESORB_ROOT_L1; r < RESORB_ROOT__COUNT; r++)
            if (x->comp[side] & RESORB_ROOTSET(r))
                highest = r;
        if (highest == RESORB_ROOT_NONE)
            continue;
        for (int r = highest + 1; r < RESORB_ROOT__COUNT; r++)
            x->caudal |= RESORB_ROOTSET(r);
        x->comp[side] |= x->caudal;
    }
}

static void cauda_equina_reasons(verdict_ctx *x)
{
    resorb_finding_assessment *fa = x->fa;
    const resorb_case *c = x->c;
    if (fa->zone != RESORB_ZONE_CENTRAL && fa->side != RESORB_SIDE_MIDLINE)
        return;
    resorb_reason *r;
    if (fa->cauda_equina_at_risk) {
        r = resorb_reasons__add(reasons(x), "concordance.ces.at_risk");
        cite_needed(r, "ajem2019.ces.red_flags", &x->ok);
        cite_needed(r, "itopainclinic2025.surgery.immediate", &x->ok);
        if (x->caudal) {
            r = resorb_reasons__add(reasons(x), "concordance.ces.caudal_roots");
            resorb_reason__arg(r, 0, "%s", resorb_level_name(fa->level));
            arg_roots(r, 1, x->caudal);
            resorb_reason__cite(r, "anatomy.root.central");
        }
    } else {
        r = resorb_reasons__add(reasons(x), x->ces_unasked ? "concordance.ces.not_asked"
                                                           : "concordance.ces.not_flagged");
        cite_needed(r, "ajem2019.ces.red_flags", &x->ok);
    }
    if (fa->study < c->n_imaging && fa->finding < c->imaging[fa->study].n_findings) {
        double pct = c->imaging[fa->study].findings[fa->finding].canal_compromise_pct;
        if (!isnan(pct)) {
            r = resorb_reasons__add(reasons(x), "concordance.ces.size_not_judged");
            resorb_reason__arg(r, 0, "%g", pct);
            resorb_reason__cite(r, "anatomy.root.central");
        }
    }
}

int resorb_engine__concordance(const resorb_case *c, const resorb_exam_roots *exam,
                               resorb_finding_assessment *fa)
{
    if (!c || !exam || !fa)
        return RESORB_EUSAGE;
    verdict_ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.fa = fa;
    x.ok = true;
    for (size_t i = 0; i < fa->n_roots; i++) {
        int side = resorb_side_index(fa->roots[i].side);
        if (side >= 0)
            x.comp[side] |= RESORB_ROOTSET(fa->roots[i].root);
    }
    cauda_equina_assess(&x);
    resorb_exam_signs s;
    resorb_roots__exam_signs(c, &s);
    tally(&x, &s);

    resorb_rootset hd = x.hit_def[0] | x.hit_def[1], ht = x.hit_ten[0] | x.hit_ten[1];
    resorb_rootset od = x.other_def[0] | x.other_def[1], ot = x.other_ten[0] | x.other_ten[1];
    bool side_known = resorb_side_index(fa->side) >= 0 || fa->side == RESORB_SIDE_MIDLINE ||
                      fa->zone == RESORB_ZONE_CENTRAL;
    resorb_side pain = c->history.leg_pain_side;
    int pain_i = resorb_side_index(pain);
    bool pain_match = pain == RESORB_SIDE_BOTH || (pain_i >= 0 && x.comp[pain_i]);
    bool pain_other = side_known && pain_i >= 0 && !x.comp[pain_i];
    bool no_leg_pain = pain == RESORB_SIDE_NEITHER;
    resorb_reason *r;

    if (!side_known) {
        if (hd || ht) {
            fa->concordance = RESORB_CONCORDANCE_INDETERMINATE;
            for (int side = 0; side < 2; side++)
                if (x.hit_def[side] | x.hit_ten[side]) {
                    r = resorb_reasons__add(reasons(&x), "concordance.indeterminate.side_unknown");
                    arg_roots(r, 0, x.hit_def[side] | x.hit_ten[side]);
                    resorb_reason__arg(r, 1, "%s", side_of_index(side));
                    cite_all(r, x.ev_def[side], x.n_ev_def[side]);
                    cite_all(r, x.ev_ten[side], x.n_ev_ten[side]);
                }
        } else if (od || ot) {
            verdict_discordant_signs(&x, exam, false);
        } else if (no_leg_pain) {
            fa->concordance = RESORB_CONCORDANCE_DISCORDANT;
            resorb_reasons__add(reasons(&x), "concordance.discordant.no_leg_pain");
            caveat_asymptomatic(&x);
        } else {
            resorb_reasons__add(reasons(&x), s.recorded ? "concordance.indeterminate.no_signs"
                                                        : "concordance.indeterminate.no_exam");
        }
    } else if (hd) {
        verdict_concordant(&x, true, pain_other, no_leg_pain);
    } else if (ht && !od) {
        verdict_concordant(&x, false, pain_other, no_leg_pain);
    } else if (ht && od) {
        fa->concordance = RESORB_CONCORDANCE_INDETERMINATE;
        for (int side = 0; side < 2; side++)
            if (x.hit_ten[side]) {
                r = resorb_reasons__add(reasons(&x), "concordance.indeterminate.mixed");
                arg_roots(r, 0, x.hit_ten[side]);
                resorb_reason__arg(r, 1, "%s", side_of_index(side));
                cite_all(r, x.ev_ten[side], x.n_ev_ten[side]);
            }
        note_other_roots(&x, "concordance.note.other_roots");
        caveat_imprecise(&x);
    } else if (od || ot) {
        verdict_discordant_signs(&x, exam, pain_other);
    } else if (pain_other) {
        fa->concordance = RESORB_CONCORDANCE_DISCORDANT;
        r = resorb_reasons__add(reasons(&x), "concordance.discordant.pain_side");
        resorb_reason__arg(r, 0, "%s", side_word(pain));
        resorb_reason__arg(r, 1, "%s", side_word(fa->side));
        caveat_asymptomatic(&x);
    } else if (no_leg_pain) {
        fa->concordance = RESORB_CONCORDANCE_DISCORDANT;
        resorb_reasons__add(reasons(&x), "concordance.discordant.no_leg_pain");
        caveat_asymptomatic(&x);
    } else if (!s.recorded) {
        resorb_reasons__add(reasons(&x), "concordance.indeterminate.no_exam");
    } else if (pain_match) {
        r = resorb_reasons__add(reasons(&x), "concordance.indeterminate.pain_only");
        resorb_reason__arg(r, 0, "%s", side_word(pain));
    } else {
        resorb_reasons__add(reasons(&x), "concordance.indeterminate.no_signs");
    }
    cauda_equina_reasons(&x);
    return x.ok ? 0 : RESORB_ENOTFOUND;
}

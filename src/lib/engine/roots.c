/* engine/roots.c: the root tables and the examination's signs (see roots.h). */
#include <string.h>

#include "core/text.h"
#include "engine/roots.h"

/* ---- which root a herniation compresses ---- */

/* EVIDENCE: anatomy.root.traversing.wjo2021, anatomy.root.exiting.wjo2021, anatomy.root.central */
#define TRAV "anatomy.root.traversing.wjo2021"
#define EXIT "anatomy.root.exiting.wjo2021"
#define CENT "anatomy.root.central"

static const resorb_level_map level_table[] = {
    {RESORB_LEVEL_L1_L2, RESORB_PATH_TRAVERSING, RESORB_ROOT_L2, TRAV},
    {RESORB_LEVEL_L2_L3, RESORB_PATH_TRAVERSING, RESORB_ROOT_L3, TRAV},
    {RESORB_LEVEL_L3_L4, RESORB_PATH_TRAVERSING, RESORB_ROOT_L4, TRAV},
    {RESORB_LEVEL_L4_L5, RESORB_PATH_TRAVERSING, RESORB_ROOT_L5, TRAV},
    {RESORB_LEVEL_L5_S1, RESORB_PATH_TRAVERSING, RESORB_ROOT_S1, TRAV},
    {RESORB_LEVEL_L1_L2, RESORB_PATH_EXITING, RESORB_ROOT_L1, EXIT},
    {RESORB_LEVEL_L2_L3, RESORB_PATH_EXITING, RESORB_ROOT_L2, EXIT},
    {RESORB_LEVEL_L3_L4, RESORB_PATH_EXITING, RESORB_ROOT_L3, EXIT},
    {RESORB_LEVEL_L4_L5, RESORB_PATH_EXITING, RESORB_ROOT_L4, EXIT},
    {RESORB_LEVEL_L5_S1, RESORB_PATH_EXITING, RESORB_ROOT_L5, EXIT},
    {RESORB_LEVEL_L1_L2, RESORB_PATH_CENTRAL, RESORB_ROOT_L2, CENT},
    {RESORB_LEVEL_L2_L3, RESORB_PATH_CENTRAL, RESORB_ROOT_L3, CENT},
    {RESORB_LEVEL_L3_L4, RESORB_PATH_CENTRAL, RESORB_ROOT_L4, CENT},
    {RESORB_LEVEL_L4_L5, RESORB_PATH_CENTRAL, RESORB_ROOT_L5, CENT},
    {RESORB_LEVEL_L5_S1, RESORB_PATH_CENTRAL, RESORB_ROOT_S1, CENT},
};

#undef TRAV
#undef EXIT
#undef CENT

const resorb_level_map *resorb_roots__level_table(size_t *n)
{
    *n = sizeof level_table / sizeof level_table[0];
    return level_table;
}

resorb_root resorb_roots__at_level(resorb_level level, resorb_root_path path, const char **evidence)
{
    for (size_t i = 0; i < sizeof level_table / sizeof level_table[0]; i++)
        if (level_table[i].level == level && level_table[i].path == path) {
            if (evidence)
                *evidence = level_table[i].evidence;
            return level_table[i].root;
        }
    if (evidence)
        *evidence = NULL;
    return RESORB_ROOT_NONE;
}

/* ---- which roots a sign points to ---- */

/* clang-format off */
#define M(muscle, root, id) {RESORB_SIGN_MOTOR, RESORB_MUSCLE_##muscle, RESORB_ROOT_##root, id}
#define D(root) {RESORB_SIGN_SENSORY, RESORB_ROOT_##root, RESORB_ROOT_##root, \
                 "anatomy.dermatome.definition"}
#define R(reflex, root, id) {RESORB_SIGN_REFLEX, RESORB_REFLEX_##reflex, RESORB_ROOT_##root, id}
#define T(sign, root, id) {RESORB_SIGN_##sign, 0, RESORB_ROOT_##root, id}

static const resorb_sign_map sign_table[] = {
    /* Myotomes. ISNCSCI names one key segment per muscle group; the clinical sources add the
     * other roots of the same group. EVIDENCE: anatomy.myotome.* */
    M(HIP_FLEXION, L2, "anatomy.myotome.hip_flexion.isncsci"),
    M(HIP_FLEXION, L2, "anatomy.myotome.hip_flexion.suri2010"),
    M(HIP_FLEXION, L3, "anatomy.myotome.hip_flexion.wjo2021"),
    M(KNEE_EXTENSION, L3, "anatomy.myotome.knee_extension.isncsci"),
    M(KNEE_EXTENSION, L3, "anatomy.myotome.knee_extension.wjo2021"),
    M(KNEE_EXTENSION, L4, "anatomy.myotome.knee_extension.wjo2021"),
    M(ANKLE_DORSIFLEXION, L4, "anatomy.myotome.ankle_dorsiflexion.isncsci"),
    M(ANKLE_DORSIFLEXION, L4, "anatomy.myotome.ankle_dorsiflexion.wjo2021"),
    M(ANKLE_DORSIFLEXION, L5, "anatomy.myotome.ankle_dorsiflexion.wjo2021"),
    M(GREAT_TOE_EXTENSION, L5, "anatomy.myotome.great_toe_extension.isncsci"),
    M(GREAT_TOE_EXTENSION, L5, "anatomy.myotome.great_toe_extension.wjo2021"),
    M(HIP_ABDUCTION, L5, "anatomy.myotome.hip_abduction.harrison"),
    M(ANKLE_PLANTARFLEXION, S1, "anatomy.myotome.ankle_plantarflexion.isncsci"),
    M(ANKLE_PLANTARFLEXION, S1, "anatomy.myotome.ankle_plantarflexion.wjo2021"),
    M(KNEE_FLEXION, L5, "anatomy.myotome.knee_flexion.apmr1982"),
    M(KNEE_FLEXION, S1, "anatomy.myotome.knee_flexion.apmr1982"),
    /* Dermatomes: a dermatome is named by its root. EVIDENCE: anatomy.dermatome.definition */
    D(L1), D(L2), D(L3), D(L4), D(L5), D(S1), D(S2),
    /* Reflexes (reduced or absent). EVIDENCE: anatomy.reflex.* */
    R(PATELLAR, L3, "anatomy.reflex.patellar.wjo2021"),
    R(PATELLAR, L4, "anatomy.reflex.patellar.wjo2021"),
    R(ACHILLES, S1, "anatomy.reflex.achilles.wjo2021"),
    /* Tension signs: regions, used only as support. EVIDENCE: anatomy.tension.* */
    T(SLR, L5, "anatomy.tension.slr.suri2010"),
    T(SLR, S1, "anatomy.tension.slr.suri2010"),
    T(CROSSED_SLR, L5, "anatomy.tension.crossed_slr.suri2010"),
    T(CROSSED_SLR, S1, "anatomy.tension.crossed_slr.suri2010"),
    T(FEMORAL_STRETCH, L2, "anatomy.tension.femoral_stretch.suri2010"),
    T(FEMORAL_STRETCH, L3, "anatomy.tension.femoral_stretch.suri2010"),
    T(FEMORAL_STRETCH, L4, "anatomy.tension.femoral_stretch.suri2010"),
};

#undef M
#undef D
#undef R
#undef T
/* clang-format on */

const resorb_sign_map *resorb_roots__sign_table(size_t *n)
{
    *n = sizeof sign_table / sizeof sign_table[0];
    return sign_table;
}

static void add_id(const char **ev, size_t max_ev, size_t *n_ev, const char *id)
{
    for (size_t k = 0; k < *n_ev; k++)
        if (strcmp(ev[k], id) == 0)
            return;
    if (*n_ev < max_ev)
        ev[(*n_ev)++] = id;
}

resorb_rootset resorb_roots__of_sign(resorb_sign_kind sign, int item, const char **ev,
                                     size_t max_ev, size_t *n_ev)
{
    resorb_rootset set = 0;
    if (n_ev)
        *n_ev = 0;
    for (size_t i = 0; i < sizeof sign_table / sizeof sign_table[0]; i++) {
        const resorb_sign_map *m = &sign_table[i];
        if (m->sign != sign || m->item != item)
            continue;
        set |= RESORB_ROOTSET(m->root);
        if (ev && n_ev)
            add_id(ev, max_ev, n_ev, m->evidence);
    }
    return set;
}

size_t resorb_roots__evidence_for(resorb_sign_kind sign, int item, resorb_rootset roots,
                                  const char **ev, size_t max_ev)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof sign_table / sizeof sign_table[0]; i++) {
        const resorb_sign_map *m = &sign_table[i];
        if (m->sign == sign && m->item == item && (roots & RESORB_ROOTSET(m->root)))
            add_id(ev, max_ev, &n, m->evidence);
    }
    return n;
}

/* ---- the examination's positive signs ---- */

static void push(resorb_exam_signs *out, resorb_sign_kind kind, int item, resorb_side side,
                 int detail)
{
    if (out->n >= RESORB_SIGNS_MAX || resorb_side_index(side) < 0)
        return;
    resorb_sign *s = &out->signs[out->n++];
    s->kind = kind;
    s->item = item;
    s->side = side;
    s->detail = detail;
    s->roots = resorb_roots__of_sign(kind, item, NULL, 0, NULL);
}

void resorb_roots__exam_signs(const resorb_case *c, resorb_exam_signs *out)
{
    const resorb_exam *e = &c->exam;
    memset(out, 0, sizeof *out);
    if (!e->given)
        return;
    out->recorded = e->n_motor || e->n_sensory || e->n_reflexes || e->n_slr ||
                    e->n_femoral_stretch || e->crossed_slr != RESORB_TRI_UNKNOWN;
    /* Weakness: below 5, the MRC grade "normal" (docs/case-format.md, motor item). */
    for (size_t i = 0; i < e->n_motor; i++)
        if (e->motor[i].mmt != RESORB_INT_NONE && e->motor[i].mmt < 5)
            push(out, RESORB_SIGN_MOTOR, (int)e->motor[i].muscle, e->motor[i].side,
                 e->motor[i].mmt);
    for (size_t i = 0; i < e->n_sensory; i++)
        if (e->sensory[i].finding != RESORB_SENS_NONE)
            push(out, RESORB_SIGN_SENSORY, (int)e->sensory[i].dermatome, e->sensory[i].side,
                 (int)e->sensory[i].finding);
    for (size_t i = 0; i < e->n_reflexes; i++) {
        const resorb_reflex_exam *r = &e->reflexes[i];
        if (r->grade == RESORB_GRADE_REDUCED || r->grade == RESORB_GRADE_ABSENT)
            push(out, RESORB_SIGN_REFLEX, (int)r->reflex, r->side, (int)r->grade);
        else if (r->grade == RESORB_GRADE_INCREASED && out->n_increased < RESORB_MAX_EXAM_ITEMS)
            out->increased[out->n_increased++] = *r;
    }
    for (size_t i = 0; i < e->n_slr; i++)
        if (e->slr[i].positive == RESORB_TRI_YES)
            push(out, RESORB_SIGN_SLR, 0, e->slr[i].side, e->slr[i].angle_deg);
    /* The crossed SLR reproduces the pain of the symptomatic leg: its side is the leg pain's. */
    if (e->crossed_slr == RESORB_TRI_YES) {
        resorb_side pain = c->history.leg_pain_side;
        if (resorb_side_index(pain) >= 0)
            push(out, RESORB_SIGN_CROSSED_SLR, 0, pain, 0);
        else
            out->crossed_unlateralised = true;
    }
    for (size_t i = 0; i < e->n_femoral_stretch; i++)
        if (e->femoral_stretch[i].positive == RESORB_TRI_YES)
            push(out, RESORB_SIGN_FEMORAL_STRETCH, 0, e->femoral_stretch[i].side, 0);
}

void resorb_roots__format(resorb_rootset set, char *buf, size_t n)
{
    resorb_buf b;
    resorb_buf_init(&b, buf, n);
    bool first = true;
    for (int r = RESORB_ROOT_L1; r < RESORB_ROOT__COUNT; r++)
        if (set & RESORB_ROOTSET(r)) {
            if (!first)
                resorb_buf_puts(&b, ", ");
            resorb_buf_puts(&b, resorb_root_name((resorb_root)r));
            first = false;
        }
}

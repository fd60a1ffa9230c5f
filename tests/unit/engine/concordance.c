/*
 * tests/unit/engine/concordance.c: the clinical-imaging concordance (src/lib/engine/
 * concordance.c) and its anatomy tables (src/lib/engine/roots.c, data/evidence/anatomy.tsv).
 *
 * The first group ties the C tables to the evidence rows in both directions, so that the
 * mapping the engine uses cannot drift from the rows that document it. The rest checks the
 * rules (docs/concordance.md) on hand-built cases and on the examples of examples/.
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
#include "engine/roots.h"
#include "resorb/case.h"
#include "resorb/evidence.h"
#include "resorb/i18n.h"

/* ---- helpers: hand-built cases ---- */

static resorb_case *case_new(resorb_side leg_pain)
{
    resorb_case *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->patient.age = 44;
    c->patient.sex = RESORB_SEX_FEMALE;
    c->patient.weight_kg = c->patient.height_cm = c->patient.serum_creatinine_mg_dl = NAN;
    c->history.leg_pain_nrs = 7;
    c->history.back_pain_nrs = RESORB_INT_NONE;
    c->history.leg_pain_side = leg_pain;
    c->exam.post_void_residual_ml = NAN;
    return c;
}

static void exam_on(resorb_case *c)
{
    c->exam.given = true;
}

static void motor(resorb_case *c, resorb_muscle m, resorb_side side, int mmt)
{
    exam_on(c);
    c->exam.motor[c->exam.n_motor++] = (resorb_motor){m, side, mmt, RESORB_TRI_UNKNOWN};
}

static void sensory(resorb_case *c, resorb_root dermatome, resorb_side side)
{
    exam_on(c);
    c->exam.sensory[c->exam.n_sensory++] = (resorb_sensory){dermatome, side, RESORB_SENS_REDUCED};
}

static void reflex(resorb_case *c, resorb_reflex rx, resorb_side side, resorb_reflex_grade g)
{
    exam_on(c);
    c->exam.reflexes[c->exam.n_reflexes++] = (resorb_reflex_exam){rx, side, g};
}

static void slr(resorb_case *c, resorb_side side, bool positive, int angle)
{
    exam_on(c);
    c->exam.slr[c->exam.n_slr++] =
        (resorb_slr){side, positive ? RESORB_TRI_YES : RESORB_TRI_NO, angle};
}

static void femoral(resorb_case *c, resorb_side side, bool positive)
{
    exam_on(c);
    c->exam.femoral_stretch[c->exam.n_femoral_stretch++] =
        (resorb_stretch){side, positive ? RESORB_TRI_YES : RESORB_TRI_NO};
}

static resorb_finding finding(resorb_level level, resorb_zone zone, resorb_side side)
{
    resorb_finding f;
    memset(&f, 0, sizeof f);
    f.level = level;
    f.zone = zone;
    f.side = side;
    f.morphology = RESORB_MORPH_EXTRUSION;
    f.komori_grade = f.modic = f.pfirrmann = RESORB_INT_NONE;
    f.ap_mm = f.canal_compromise_pct = f.area_mm2 = f.volume_mm3 = NAN;
    return f;
}

/* Puts f as the only finding of the case's only study. */
static void imaging(resorb_case *c, resorb_finding f)
{
    c->imaging_given = true;
    c->n_imaging = 1;
    c->imaging[0].modality = RESORB_MODALITY_MRI;
    c->imaging[0].n_findings = 1;
    c->imaging[0].findings[0] = f;
}

typedef struct result {
    resorb_exam_roots exam;
    resorb_finding_assessment fa;
} result;

static void check_reasons(const resorb_reasons *l);

/* Runs the three steps on finding `fi` of study `si`, as resorb_assess does. */
static void run_at(const resorb_case *c, size_t si, size_t fi, result *out)
{
    memset(out, 0, sizeof *out);
    assert_int_equal(resorb_engine__exam_roots(c, &out->exam), 0);
    out->fa.study = si;
    out->fa.finding = fi;
    assert_int_equal(resorb_engine__finding_roots(&c->imaging[si].findings[fi], &out->fa), 0);
    assert_int_equal(resorb_engine__concordance(c, &out->exam, &out->fa), 0);
    check_reasons(&out->exam.signs);
    check_reasons(&out->fa.concordance_reasons);
    assert_int_equal(out->exam.signs.dropped, 0);
    assert_int_equal(out->fa.concordance_reasons.dropped, 0);
}

static void run(const resorb_case *c, result *out)
{
    run_at(c, 0, 0, out);
}

static const resorb_reason *find_reason(const resorb_reasons *l, const char *key)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return &l->items[i];
    return NULL;
}

static bool cites(const resorb_reason *r, const char *id)
{
    for (size_t i = 0; r && i < r->n_evidence; i++)
        if (strcmp(r->evidence[i], id) == 0)
            return true;
    return false;
}

static bool has_root(const resorb_side_root *roots, size_t n, resorb_root root, resorb_side side)
{
    for (size_t i = 0; i < n; i++)
        if (roots[i].root == root && roots[i].side == side)
            return true;
    return false;
}

/* Every key and every "@key" argument exists in the catalog, and renders in both languages
 * with no placeholder or "@" left; every cited id is an evidence row. */
static void check_reasons(const resorb_reasons *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const resorb_reason *r = &l->items[i];
        if (strcmp(resorb_msg(RESORB_LANG_EN, r->key), r->key) == 0)
            fail_msg("catalog has no key %s", r->key);
        for (int a = 0; a < RESORB_REASON_ARGS; a++)
            if (r->args[a][0] == '@' &&
                strcmp(resorb_msg(RESORB_LANG_JA, r->args[a] + 1), r->args[a] + 1) == 0)
                fail_msg("%s: catalog has no word %s", r->key, r->args[a]);
        for (int lang = 0; lang < 2; lang++) {
            char buf[1024];
            size_t n = resorb_reason_format(r, (resorb_lang)lang, buf, sizeof buf);
            assert_true(n < sizeof buf);
            if (strchr(buf, '@') || strstr(buf, "{0}") || strstr(buf, "{1}") ||
                strstr(buf, "{2}") || strstr(buf, "{3}"))
                fail_msg("%s renders badly: %s", r->key, buf);
        }
        for (size_t e = 0; e < r->n_evidence; e++)
            if (!resorb_evidence_find(r->evidence[e]))
                fail_msg("%s cites unknown evidence %s", r->key, r->evidence[e]);
    }
}

/* ---- the anatomy tables and their evidence rows ---- */

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_concordance__every_table_entry_names_an_anatomy_row(void **state)
{
    (void)state;
    size_t n;
    const resorb_sign_map *signs = resorb_roots__sign_table(&n);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        const resorb_evidence_row *row = resorb_evidence_find(signs[i].evidence);
        if (!row)
            fail_msg("sign entry %zu cites missing row %s", i, signs[i].evidence);
        assert_true(starts_with(row->id, "anatomy."));
        assert_false(row->has_value); /* a mapping is qualitative */
        assert_true(signs[i].root > RESORB_ROOT_NONE && signs[i].root < RESORB_ROOT__COUNT);
    }
    const resorb_level_map *levels = resorb_roots__level_table(&n);
    for (size_t i = 0; i < n; i++) {
        const resorb_evidence_row *row = resorb_evidence_find(levels[i].evidence);
        if (!row)
            fail_msg("level entry %zu cites missing row %s", i, levels[i].evidence);
        assert_true(starts_with(row->id, "anatomy."));
    }
}

static bool row_is_used(const char *id)
{
    size_t n;
    const resorb_sign_map *signs = resorb_roots__sign_table(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(signs[i].evidence, id) == 0)
            return true;
    const resorb_level_map *levels = resorb_roots__level_table(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(levels[i].evidence, id) == 0)
            return true;
    return false;
}

static void test_concordance__every_anatomy_row_is_used_by_the_tables(void **state)
{
    (void)state;
    size_t used = 0;
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *row = resorb_evidence_at(i);
        if (!starts_with(row->id, "anatomy."))
            continue;
        if (!row_is_used(row->id))
            fail_msg("anatomy row %s is not used by src/lib/engine/roots.c", row->id);
        used++;
    }
    assert_true(used >= 20);
}

/* The roots a sign row's note lists ("Roots: L4, L5."), as a set. */
static resorb_rootset note_roots(const char *note)
{
    resorb_rootset set = 0;
    const char *p = note + strlen("Roots: ");
    while (*p && *p != '.') {
        bool matched = false;
        for (int r = RESORB_ROOT_L1; r < RESORB_ROOT__COUNT && !matched; r++) {
            const char *name = resorb_root_name((resorb_root)r);
            size_t len = strlen(name);
            if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '.')) {
                set |= RESORB_ROOTSET(r);
                p += len;
                matched = true;
            }
        }
        if (!matched)
            fail_msg("cannot read the roots in note \"%s\"", note);
        while (*p == ',' || *p == ' ')
            p++;
    }
    return set;
}

static void test_concordance__sign_rows_list_exactly_the_roots_mapped(void **state)
{
    (void)state;
    size_t n, checked = 0;
    const resorb_sign_map *signs = resorb_roots__sign_table(&n);
    for (size_t i = 0; i < resorb_evidence_count(); i++) {
        const resorb_evidence_row *row = resorb_evidence_at(i);
        if (!starts_with(row->id, "anatomy."))
            continue;
        bool is_sign_row = false;
        resorb_rootset mapped = 0;
        for (size_t k = 0; k < n; k++)
            if (strcmp(signs[k].evidence, row->id) == 0) {
                is_sign_row = true;
                mapped |= RESORB_ROOTSET(signs[k].root);
            }
        if (!is_sign_row)
            continue;
        if (!starts_with(row->note, "Roots: "))
            fail_msg("%s: the note must begin with \"Roots: \"", row->id);
        if (note_roots(row->note) != mapped)
            fail_msg("%s: the note's roots differ from roots.c", row->id);
        checked++;
    }
    assert_true(checked >= 18);
}

static void test_concordance__level_table_has_each_level_and_path_once(void **state)
{
    (void)state;
    for (int lv = RESORB_LEVEL_L1_L2; lv < RESORB_LEVEL__COUNT; lv++) {
        const char *ev;
        resorb_root trav = resorb_roots__at_level((resorb_level)lv, RESORB_PATH_TRAVERSING, &ev);
        assert_string_equal(ev, "anatomy.root.traversing.wjo2021");
        resorb_root exit = resorb_roots__at_level((resorb_level)lv, RESORB_PATH_EXITING, &ev);
        assert_string_equal(ev, "anatomy.root.exiting.wjo2021");
        resorb_root cent = resorb_roots__at_level((resorb_level)lv, RESORB_PATH_CENTRAL, &ev);
        assert_string_equal(ev, "anatomy.root.central");
        /* The exiting root leaves at its own level, the traversing one a level lower. */
        assert_int_equal(trav, exit + 1);
        assert_int_equal(cent, trav);
    }
    size_t n;
    resorb_roots__level_table(&n);
    assert_int_equal(n, 3 * (RESORB_LEVEL__COUNT - 1));
}

static void test_concordance__ankle_dorsiflexion_points_to_l4_and_l5(void **state)
{
    (void)state;
    const char *ev[RESORB_REASON_EVIDENCE];
    size_t n_ev;
    resorb_rootset set = resorb_roots__of_sign(RESORB_SIGN_MOTOR, RESORB_MUSCLE_ANKLE_DORSIFLEXION,
                                               ev, RESORB_REASON_EVIDENCE, &n_ev);
    /* ISNCSCI names L4 only; the clinical table adds L5: both are kept, each with its row. */
    assert_int_equal(set, RESORB_ROOTSET(RESORB_ROOT_L4) | RESORB_ROOTSET(RESORB_ROOT_L5));
    assert_int_equal(n_ev, 2);
    assert_int_equal(resorb_roots__evidence_for(RESORB_SIGN_MOTOR, RESORB_MUSCLE_ANKLE_DORSIFLEXION,
                                                RESORB_ROOTSET(RESORB_ROOT_L5), ev,
                                                RESORB_REASON_EVIDENCE),
                     1);
    assert_string_equal(ev[0], "anatomy.myotome.ankle_dorsiflexion.wjo2021");
    /* Every muscle, reflex and dermatome of the case format points somewhere. */
    for (int m = RESORB_MUSCLE_HIP_FLEXION; m < RESORB_MUSCLE__COUNT; m++)
        assert_true(resorb_roots__of_sign(RESORB_SIGN_MOTOR, m, NULL, 0, NULL) != 0);
    for (int d = RESORB_ROOT_L1; d < RESORB_ROOT__COUNT; d++)
        assert_int_equal(resorb_roots__of_sign(RESORB_SIGN_SENSORY, d, NULL, 0, NULL),
                         RESORB_ROOTSET(d));
    assert_true(resorb_roots__of_sign(RESORB_SIGN_REFLEX, RESORB_REFLEX_PATELLAR, NULL, 0, NULL) ==
                (RESORB_ROOTSET(RESORB_ROOT_L3) | RESORB_ROOTSET(RESORB_ROOT_L4)));
}

/* ---- the roots a herniation compresses ---- */

static void roots_of(resorb_level lv, resorb_zone z, resorb_side s, resorb_finding_assessment *fa)
{
    resorb_finding f = finding(lv, z, s);
    memset(fa, 0, sizeof *fa);
    assert_int_equal(resorb_engine__finding_roots(&f, fa), 0);
    check_reasons(&fa->concordance_reasons);
    assert_int_equal(fa->level, lv);
    assert_int_equal(fa->zone, z);
    assert_int_equal(fa->side, s);
}

static void test_concordance__subarticular_compresses_the_traversing_root(void **state)
{
    (void)state;
    static const struct {
        resorb_level level;
        resorb_root root;
    } cases[] = {{RESORB_LEVEL_L1_L2, RESORB_ROOT_L2},
                 {RESORB_LEVEL_L2_L3, RESORB_ROOT_L3},
                 {RESORB_LEVEL_L3_L4, RESORB_ROOT_L4},
                 {RESORB_LEVEL_L4_L5, RESORB_ROOT_L5},
                 {RESORB_LEVEL_L5_S1, RESORB_ROOT_S1}};
    resorb_finding_assessment fa;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        roots_of(cases[i].level, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT, &fa);
        assert_int_equal(fa.n_roots, 1);
        assert_int_equal(fa.roots[0].root, cases[i].root);
        assert_int_equal(fa.roots[0].side, RESORB_SIDE_RIGHT);
        assert_true(cites(find_reason(&fa.concordance_reasons, "concordance.root.traversing"),
                          "anatomy.root.traversing.wjo2021"));
    }
}

static void test_concordance__foraminal_compresses_the_exiting_root(void **state)
{
    (void)state;
    static const struct {
        resorb_level level;
        resorb_root root;
    } cases[] = {{RESORB_LEVEL_L1_L2, RESORB_ROOT_L1},
                 {RESORB_LEVEL_L2_L3, RESORB_ROOT_L2},
                 {RESORB_LEVEL_L3_L4, RESORB_ROOT_L3},
                 {RESORB_LEVEL_L4_L5, RESORB_ROOT_L4},
                 {RESORB_LEVEL_L5_S1, RESORB_ROOT_L5}};
    resorb_finding_assessment fa;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        roots_of(cases[i].level, RESORB_ZONE_FORAMINAL, RESORB_SIDE_LEFT, &fa);
        assert_int_equal(fa.n_roots, 1);
        assert_int_equal(fa.roots[0].root, cases[i].root);
        assert_int_equal(fa.roots[0].side, RESORB_SIDE_LEFT);
        roots_of(cases[i].level, RESORB_ZONE_EXTRAFORAMINAL, RESORB_SIDE_LEFT, &fa);
        assert_int_equal(fa.roots[0].root, cases[i].root);
        assert_true(cites(find_reason(&fa.concordance_reasons, "concordance.root.exiting"),
                          "anatomy.root.exiting.wjo2021"));
    }
}

static void test_concordance__central_reaches_both_sides(void **state)
{
    (void)state;
    resorb_finding_assessment fa;
    roots_of(RESORB_LEVEL_L4_L5, RESORB_ZONE_CENTRAL, RESORB_SIDE_MIDLINE, &fa);
    assert_int_equal(fa.n_roots, 2);
    assert_true(has_root(fa.roots, fa.n_roots, RESORB_ROOT_L5, RESORB_SIDE_LEFT));
    assert_true(has_root(fa.roots, fa.n_roots, RESORB_ROOT_L5, RESORB_SIDE_RIGHT));
    assert_true(cites(find_reason(&fa.concordance_reasons, "concordance.root.central"),
                      "anatomy.root.central"));
    /* A central zone recorded with a side still reaches both. */
    roots_of(RESORB_LEVEL_L5_S1, RESORB_ZONE_CENTRAL, RESORB_SIDE_RIGHT, &fa);
    assert_int_equal(fa.n_roots, 2);
    /* A subarticular herniation recorded as midline: both sides. */
    roots_of(RESORB_LEVEL_L4_L5, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_MIDLINE, &fa);
    assert_int_equal(fa.n_roots, 2);
    assert_non_null(find_reason(&fa.concordance_reasons, "concordance.root.midline"));
}

static void test_concordance__missing_zone_keeps_both_candidates(void **state)
{
    (void)state;
    resorb_finding_assessment fa;
    roots_of(RESORB_LEVEL_L4_L5, RESORB_ZONE_NONE, RESORB_SIDE_RIGHT, &fa);
    assert_int_equal(fa.n_roots, 2);
    assert_int_equal(fa.roots[0].root, RESORB_ROOT_L5); /* traversing first */
    assert_int_equal(fa.roots[1].root, RESORB_ROOT_L4);
    const resorb_reason *r = find_reason(&fa.concordance_reasons, "concordance.root.zone_unknown");
    assert_non_null(r);
    assert_string_equal(r->args[1], "L5");
    assert_string_equal(r->args[2], "L4");
    /* No zone and no side: two candidates on two sides. */
    roots_of(RESORB_LEVEL_L5_S1, RESORB_ZONE_NONE, RESORB_SIDE_NONE, &fa);
    assert_int_equal(fa.n_roots, 4);
    assert_non_null(find_reason(&fa.concordance_reasons, "concordance.root.side_not_recorded"));
}

static void test_concordance__missing_side_reaches_both_sides(void **state)
{
    (void)state;
    resorb_finding_assessment fa;
    roots_of(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_NONE, &fa);
    assert_int_equal(fa.n_roots, 2);
    assert_true(has_root(fa.roots, fa.n_roots, RESORB_ROOT_S1, RESORB_SIDE_LEFT));
    assert_true(has_root(fa.roots, fa.n_roots, RESORB_ROOT_S1, RESORB_SIDE_RIGHT));
    assert_non_null(find_reason(&fa.concordance_reasons, "concordance.root.side_unknown"));
}

/* ---- the examination ---- */

static void test_concordance__exam_roots_per_sign_with_sources(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    motor(c, RESORB_MUSCLE_ANKLE_PLANTARFLEXION, RESORB_SIDE_RIGHT, 4);
    motor(c, RESORB_MUSCLE_KNEE_EXTENSION, RESORB_SIDE_RIGHT, 5); /* normal: silent */
    reflex(c, RESORB_REFLEX_ACHILLES, RESORB_SIDE_RIGHT, RESORB_GRADE_REDUCED);
    reflex(c, RESORB_REFLEX_PATELLAR, RESORB_SIDE_LEFT, RESORB_GRADE_INCREASED);
    femoral(c, RESORB_SIDE_LEFT, true);
    resorb_exam_roots ex;
    assert_int_equal(resorb_engine__exam_roots(c, &ex), 0);
    check_reasons(&ex.signs);
    assert_true(has_root(ex.roots, ex.n_roots, RESORB_ROOT_S1, RESORB_SIDE_RIGHT));
    assert_true(has_root(ex.roots, ex.n_roots, RESORB_ROOT_L2, RESORB_SIDE_LEFT));
    assert_true(has_root(ex.roots, ex.n_roots, RESORB_ROOT_L4, RESORB_SIDE_LEFT));
    assert_false(has_root(ex.roots, ex.n_roots, RESORB_ROOT_L3, RESORB_SIDE_RIGHT));
    assert_int_equal(ex.n_roots, 4); /* right S1; left L2, L3, L4 */
    const resorb_reason *r = find_reason(&ex.signs, "concordance.sign.motor");
    assert_non_null(r);
    assert_string_equal(r->args[0], "@concordance.muscle.ankle_plantarflexion");
    assert_string_equal(r->args[1], "@concordance.side.right");
    assert_string_equal(r->args[2], "4");
    assert_string_equal(r->args[3], "S1");
    assert_true(cites(r, "anatomy.myotome.ankle_plantarflexion.isncsci"));
    assert_true(cites(r, "anatomy.myotome.ankle_plantarflexion.wjo2021"));
    assert_true(cites(find_reason(&ex.signs, "concordance.sign.reflex"),
                      "anatomy.reflex.achilles.wjo2021"));
    assert_non_null(find_reason(&ex.signs, "concordance.sign.reflex_increased"));
    char buf[512];
    resorb_reason_format(r, RESORB_LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "Ankle plantarflexion on the right: MMT 4/5, pointing to S1");
    resorb_reason_format(r, RESORB_LANG_JA, buf, sizeof buf);
    assert_string_equal(buf, "右の足関節底屈:MMT 4/5、S1 を示唆");
    free(c);
}

static void test_concordance__crossed_slr_takes_the_leg_pain_side(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_LEFT);
    exam_on(c);
    c->exam.crossed_slr = RESORB_TRI_YES;
    resorb_exam_roots ex;
    assert_int_equal(resorb_engine__exam_roots(c, &ex), 0);
    assert_int_equal(ex.n_roots, 2);
    assert_true(has_root(ex.roots, ex.n_roots, RESORB_ROOT_L5, RESORB_SIDE_LEFT));
    assert_true(has_root(ex.roots, ex.n_roots, RESORB_ROOT_S1, RESORB_SIDE_LEFT));
    c->history.leg_pain_side = RESORB_SIDE_BOTH; /* not lateralised: points nowhere */
    assert_int_equal(resorb_engine__exam_roots(c, &ex), 0);
    check_reasons(&ex.signs);
    assert_int_equal(ex.n_roots, 0);
    assert_non_null(find_reason(&ex.signs, "concordance.sign.crossed_slr_unlateralised"));
    free(c);
}

static void test_concordance__absent_exam_is_not_assessed_not_normal(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    resorb_exam_roots ex;
    assert_int_equal(resorb_engine__exam_roots(c, &ex), 0);
    assert_int_equal(ex.n_roots, 0);
    assert_non_null(find_reason(&ex.signs, "concordance.exam.not_recorded"));
    exam_on(c); /* an exam object with only the sphincter checks */
    c->exam.anal_tone = RESORB_TONE_NORMAL;
    assert_int_equal(resorb_engine__exam_roots(c, &ex), 0);
    assert_non_null(find_reason(&ex.signs, "concordance.exam.no_root_items"));
    motor(c, RESORB_MUSCLE_GREAT_TOE_EXTENSION, RESORB_SIDE_RIGHT, 5);
    assert_int_equal(resorb_engine__exam_roots(c, &ex), 0);
    assert_non_null(find_reason(&ex.signs, "concordance.exam.no_root_signs"));
    free(c);
}

/* ---- the verdict ---- */

/* The worked case of the source document: right L5/S1 subarticular extrusion with right S1
 * signs. EVIDENCE: anatomy.root.traversing.wjo2021, anatomy.myotome.ankle_plantarflexion.*,
 * anatomy.reflex.achilles.wjo2021, anatomy.dermatome.definition, anatomy.tension.slr.suri2010 */
static void test_concordance__worked_case_is_concordant_at_right_s1(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    slr(c, RESORB_SIDE_RIGHT, true, 40);
    motor(c, RESORB_MUSCLE_ANKLE_PLANTARFLEXION, RESORB_SIDE_RIGHT, 4);
    reflex(c, RESORB_REFLEX_ACHILLES, RESORB_SIDE_RIGHT, RESORB_GRADE_REDUCED);
    sensory(c, RESORB_ROOT_S1, RESORB_SIDE_RIGHT);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.n_roots, 1);
    assert_int_equal(res.fa.roots[0].root, RESORB_ROOT_S1);
    assert_int_equal(res.fa.roots[0].side, RESORB_SIDE_RIGHT);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    assert_false(res.fa.cauda_equina_at_risk);
    const resorb_reason *r =
        find_reason(&res.fa.concordance_reasons, "concordance.concordant.signs");
    assert_non_null(r);
    assert_string_equal(r->args[0], "S1");
    assert_string_equal(r->args[1], "@concordance.side.right");
    assert_true(cites(r, "anatomy.myotome.ankle_plantarflexion.isncsci"));
    assert_true(cites(r, "anatomy.reflex.achilles.wjo2021"));
    assert_true(cites(r, "anatomy.dermatome.definition"));
    /* The SLR also covers L5, but the herniation does not compress L5: no "other roots" note,
     * because tension signs are regional. */
    assert_null(find_reason(&res.fa.concordance_reasons, "concordance.note.other_roots"));
    assert_null(find_reason(&res.fa.concordance_reasons, "concordance.caveat.exam_imprecise"));
    free(c);
}

static void test_concordance__l4l5_foraminal_left_is_concordant_at_left_l4(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_LEFT);
    femoral(c, RESORB_SIDE_LEFT, true);
    motor(c, RESORB_MUSCLE_KNEE_EXTENSION, RESORB_SIDE_LEFT, 4);
    reflex(c, RESORB_REFLEX_PATELLAR, RESORB_SIDE_LEFT, RESORB_GRADE_REDUCED);
    imaging(c, finding(RESORB_LEVEL_L4_L5, RESORB_ZONE_FORAMINAL, RESORB_SIDE_LEFT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.n_roots, 1);
    assert_int_equal(res.fa.roots[0].root, RESORB_ROOT_L4);
    assert_int_equal(res.fa.roots[0].side, RESORB_SIDE_LEFT);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    /* The same exam with a subarticular L4/L5 herniation (L5): the deficits point to L3/L4
     * only, so it is discordant. */
    c->imaging[0].findings[0].zone = RESORB_ZONE_SUBARTICULAR;
    run(c, &res);
    assert_int_equal(res.fa.roots[0].root, RESORB_ROOT_L5);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    free(c);
}

static void test_concordance__left_l5_exam_with_right_s1_herniation_is_discordant(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_LEFT);
    motor(c, RESORB_MUSCLE_GREAT_TOE_EXTENSION, RESORB_SIDE_LEFT, 3);
    sensory(c, RESORB_ROOT_L5, RESORB_SIDE_LEFT);
    slr(c, RESORB_SIDE_LEFT, true, RESORB_INT_NONE);
    slr(c, RESORB_SIDE_RIGHT, false, RESORB_INT_NONE);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    const resorb_reasons *l = &res.fa.concordance_reasons;
    const resorb_reason *r = find_reason(l, "concordance.discordant.signs");
    assert_non_null(r);
    assert_string_equal(r->args[0], "L5, S1"); /* L5 from the deficits, L5/S1 from the SLR */
    assert_string_equal(r->args[1], "@concordance.side.left");
    assert_string_equal(r->args[2], "S1");
    assert_string_equal(r->args[3], "@concordance.side.right");
    assert_non_null(find_reason(l, "concordance.note.pain_other_side"));
    /* EVIDENCE: kjaer2016.unchanged, brinjikji2015.asymptomatic.protrusion_20y */
    r = find_reason(l, "concordance.caveat.asymptomatic_protrusion");
    assert_non_null(r);
    assert_true(cites(r, "kjaer2016.unchanged"));
    assert_true(cites(r, "brinjikji2015.asymptomatic.protrusion_20y"));
    assert_string_equal(r->args[0], "29");
    assert_string_equal(r->args[1], "43");
    assert_string_equal(r->args[2], "65");
    /* EVIDENCE: iversen2013.clinical_eval.plr_l5 */
    r = find_reason(l, "concordance.caveat.exam_imprecise");
    assert_true(cites(r, "iversen2013.clinical_eval.plr_l5"));
    assert_string_equal(r->args[1], "1.74");
    free(c);
}

static void test_concordance__no_exam_is_indeterminate(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_INDETERMINATE);
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.indeterminate.no_exam"));
    c->history.leg_pain_side = RESORB_SIDE_NONE; /* leg pain side not recorded either */
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_INDETERMINATE);
    free(c);
}

static void test_concordance__normal_exam_with_pain_on_the_same_side_is_indeterminate(void **s)
{
    (void)s;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    motor(c, RESORB_MUSCLE_ANKLE_PLANTARFLEXION, RESORB_SIDE_RIGHT, 5);
    reflex(c, RESORB_REFLEX_ACHILLES, RESORB_SIDE_RIGHT, RESORB_GRADE_NORMAL);
    slr(c, RESORB_SIDE_RIGHT, false, RESORB_INT_NONE);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_INDETERMINATE);
    assert_non_null(
        find_reason(&res.fa.concordance_reasons, "concordance.indeterminate.pain_only"));
    free(c);
}

static void test_concordance__pain_on_the_other_side_is_discordant(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_LEFT);
    imaging(c, finding(RESORB_LEVEL_L4_L5, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.discordant.pain_side"));
    assert_non_null(
        find_reason(&res.fa.concordance_reasons, "concordance.caveat.asymptomatic_protrusion"));
    c->history.leg_pain_side = RESORB_SIDE_NEITHER; /* back pain only */
    c->imaging[0].findings[0].morphology = RESORB_MORPH_BULGE;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.discordant.no_leg_pain"));
    const resorb_reason *r =
        find_reason(&res.fa.concordance_reasons, "concordance.caveat.asymptomatic_bulge");
    assert_non_null(r);
    assert_string_equal(r->args[0], "30");
    free(c);
}

static void test_concordance__tension_sign_alone_supports_the_same_side(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    slr(c, RESORB_SIDE_RIGHT, true, 35);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    assert_true(cites(find_reason(&res.fa.concordance_reasons, "concordance.concordant.tension"),
                      "anatomy.tension.slr.suri2010"));
    /* A femoral stretch sign does not cover S1: discordant. */
    c->exam.n_slr = 0;
    femoral(c, RESORB_SIDE_RIGHT, true);
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    /* The SLR back, plus a deficit at another root: the signs point both ways. */
    c->exam.n_femoral_stretch = 0;
    slr(c, RESORB_SIDE_RIGHT, true, 35);
    motor(c, RESORB_MUSCLE_KNEE_EXTENSION, RESORB_SIDE_RIGHT, 4);
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_INDETERMINATE);
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.indeterminate.mixed"));
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.note.other_roots"));
    free(c);
}

static void test_concordance__deficit_wins_and_other_roots_are_noted(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    motor(c, RESORB_MUSCLE_ANKLE_PLANTARFLEXION, RESORB_SIDE_RIGHT, 4);
    motor(c, RESORB_MUSCLE_KNEE_EXTENSION, RESORB_SIDE_LEFT, 4);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    const resorb_reason *r =
        find_reason(&res.fa.concordance_reasons, "concordance.note.other_roots");
    assert_non_null(r);
    assert_string_equal(r->args[0], "L3, L4");
    assert_string_equal(r->args[1], "@concordance.side.left");
    free(c);
}

static void test_concordance__overlapping_sign_is_explained_by_either_root(void **state)
{
    (void)state;
    /* Ankle dorsiflexion points to L4 and L5: with an L4/L5 subarticular (L5) herniation it is
     * explained, and L4 is not reported as an unexplained root. */
    resorb_case *c = case_new(RESORB_SIDE_LEFT);
    motor(c, RESORB_MUSCLE_ANKLE_DORSIFLEXION, RESORB_SIDE_LEFT, 3);
    imaging(c, finding(RESORB_LEVEL_L4_L5, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_LEFT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    assert_null(find_reason(&res.fa.concordance_reasons, "concordance.note.other_roots"));
    const resorb_reason *r =
        find_reason(&res.fa.concordance_reasons, "concordance.concordant.signs");
    assert_string_equal(r->args[0], "L5");
    assert_true(cites(r, "anatomy.myotome.ankle_dorsiflexion.wjo2021"));
    assert_false(cites(r, "anatomy.myotome.ankle_dorsiflexion.isncsci")); /* L4 only */
    /* With an L3/L4 subarticular (L4) herniation the same sign is explained through L4. */
    c->imaging[0].findings[0].level = RESORB_LEVEL_L3_L4;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    free(c);
}

static void test_concordance__unrecorded_side_cannot_be_concordant(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_RIGHT);
    motor(c, RESORB_MUSCLE_ANKLE_PLANTARFLEXION, RESORB_SIDE_RIGHT, 4);
    imaging(c, finding(RESORB_LEVEL_L5_S1, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_NONE));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_INDETERMINATE);
    assert_non_null(
        find_reason(&res.fa.concordance_reasons, "concordance.indeterminate.side_unknown"));
    /* ...but signs at another level are still discordant. */
    c->exam.motor[0].muscle = RESORB_MUSCLE_KNEE_EXTENSION;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    free(c);
}

static void test_concordance__missing_zone_is_concordant_with_either_candidate(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_LEFT);
    motor(c, RESORB_MUSCLE_KNEE_EXTENSION, RESORB_SIDE_LEFT, 4); /* L3, L4 */
    imaging(c, finding(RESORB_LEVEL_L4_L5, RESORB_ZONE_NONE, RESORB_SIDE_LEFT));
    result res;
    run(c, &res);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    const resorb_reason *r =
        find_reason(&res.fa.concordance_reasons, "concordance.concordant.signs");
    assert_string_equal(r->args[0], "L4"); /* the exiting candidate */
    free(c);
}

static void test_concordance__central_herniation_and_cauda_equina(void **state)
{
    (void)state;
    resorb_case *c = case_new(RESORB_SIDE_BOTH);
    resorb_finding f = finding(RESORB_LEVEL_L4_L5, RESORB_ZONE_CENTRAL, RESORB_SIDE_MIDLINE);
    f.canal_compromise_pct = 70;
    imaging(c, f);
    result res;
    run(c, &res);
    /* Bilateral leg pain is a CES feature (bilateral sciatica). EVIDENCE: ajem2019.ces.red_flags */
    assert_true(res.fa.cauda_equina_at_risk);
    assert_true(cites(find_reason(&res.fa.concordance_reasons, "concordance.ces.at_risk"),
                      "ajem2019.ces.red_flags"));
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.ces.size_not_judged"));
    /* One-sided pain, red flags asked and absent: not flagged, whatever the size. */
    c->history.leg_pain_side = RESORB_SIDE_RIGHT;
    c->history.red_flags_given = true;
    for (int i = 0; i < RESORB_RF__COUNT; i++)
        c->history.red_flags[i] = RESORB_TRI_NO;
    run(c, &res);
    assert_false(res.fa.cauda_equina_at_risk);
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.ces.not_flagged"));
    /* Retention not asked: not assessed, and still not flagged. */
    c->history.red_flags[RESORB_RF_URINARY_RETENTION] = RESORB_TRI_UNKNOWN;
    run(c, &res);
    assert_false(res.fa.cauda_equina_at_risk);
    assert_non_null(find_reason(&res.fa.concordance_reasons, "concordance.ces.not_asked"));
    /* Saddle anaesthesia: at risk. */
    c->history.red_flags[RESORB_RF_SADDLE_ANESTHESIA] = RESORB_TRI_YES;
    run(c, &res);
    assert_true(res.fa.cauda_equina_at_risk);
    /* Flagged: sacral deficits below the level are explained through the cauda equina.
     * EVIDENCE: anatomy.root.central */
    c->history.leg_pain_side = RESORB_SIDE_BOTH;
    sensory(c, RESORB_ROOT_S2, RESORB_SIDE_LEFT);
    reflex(c, RESORB_REFLEX_ACHILLES, RESORB_SIDE_RIGHT, RESORB_GRADE_ABSENT);
    run(c, &res);
    assert_true(res.fa.cauda_equina_at_risk);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_CONCORDANT);
    assert_null(find_reason(&res.fa.concordance_reasons, "concordance.note.other_roots"));
    const resorb_reason *r =
        find_reason(&res.fa.concordance_reasons, "concordance.ces.caudal_roots");
    assert_non_null(r);
    assert_string_equal(r->args[1], "S1, S2");
    /* Without a cauda equina feature the same deficits are not explained by L5. */
    c->history.leg_pain_side = RESORB_SIDE_RIGHT;
    c->history.red_flags[RESORB_RF_SADDLE_ANESTHESIA] = RESORB_TRI_NO;
    c->history.red_flags[RESORB_RF_URINARY_RETENTION] = RESORB_TRI_NO;
    run(c, &res);
    assert_false(res.fa.cauda_equina_at_risk);
    assert_int_equal(res.fa.concordance, RESORB_CONCORDANCE_DISCORDANT);
    /* A lateral herniation is never flagged. */
    c->imaging[0].findings[0] =
        finding(RESORB_LEVEL_L4_L5, RESORB_ZONE_SUBARTICULAR, RESORB_SIDE_RIGHT);
    run(c, &res);
    assert_false(res.fa.cauda_equina_at_risk);
    free(c);
}

static void test_concordance__null_arguments_are_usage_errors(void **state)
{
    (void)state;
    resorb_exam_roots ex;
    resorb_finding_assessment fa;
    memset(&fa, 0, sizeof fa);
    assert_int_equal(resorb_engine__exam_roots(NULL, &ex), RESORB_EUSAGE);
    assert_int_equal(resorb_engine__finding_roots(NULL, &fa), RESORB_EUSAGE);
    assert_int_equal(resorb_engine__concordance(NULL, &ex, &fa), RESORB_EUSAGE);
    resorb_finding f = finding(RESORB_LEVEL_NONE, RESORB_ZONE_CENTRAL, RESORB_SIDE_LEFT);
    assert_int_equal(resorb_engine__finding_roots(&f, &fa), RESORB_EUSAGE);
}

/* ---- the examples ---- */

static resorb_case *load_example(const char *name)
{
    const char *dir = getenv("RESORB_SOURCE_DIR");
    if (!dir)
        dir = ".";
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s (set RESORB_SOURCE_DIR)", path);
    static char text[RESORB_MAX_INPUT_BYTES + 1];
    size_t len = fread(text, 1, RESORB_MAX_INPUT_BYTES, fp);
    fclose(fp);
    resorb_case *c = calloc(1, sizeof *c);
    resorb_diags *d = calloc(1, sizeof *d);
    assert_non_null(c);
    assert_non_null(d);
    resorb_diags_init(d);
    resorb_parse_options o = {RESORB_DATE_NONE};
    if (resorb_case_parse(c, text, len, &o, d) != 0)
        fail_msg("%s does not parse", name);
    free(d);
    return c;
}

static size_t latest_study(const resorb_case *c)
{
    size_t s = 0;
    for (size_t i = 0; i < c->n_imaging; i++)
        if (c->imaging[i].date >= c->imaging[s].date)
            s = i;
    return s;
}

static void test_concordance__examples_have_the_expected_verdicts(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        resorb_root root;
        resorb_side side;
    } cases[] = {
        {"seed-l5s1-right.json", RESORB_ROOT_S1, RESORB_SIDE_RIGHT},
        {"l4l5-foraminal.json", RESORB_ROOT_L4, RESORB_SIDE_LEFT},
        {"foot-drop.json", RESORB_ROOT_L5, RESORB_SIDE_LEFT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        resorb_case *c = load_example(cases[i].file);
        size_t si = latest_study(c);
        assert_true(c->imaging[si].n_findings >= 1);
        result res;
        run_at(c, si, 0, &res);
        if (res.fa.concordance != RESORB_CONCORDANCE_CONCORDANT)
            fail_msg("%s: expected concordant, got %d", cases[i].file, (int)res.fa.concordance);
        assert_int_equal(res.fa.n_roots, 1);
        assert_int_equal(res.fa.roots[0].root, cases[i].root);
        assert_int_equal(res.fa.roots[0].side, cases[i].side);
        free(c);
    }
}

static void test_concordance__every_example_gives_well_formed_reasons(void **state)
{
    (void)state;
    static const char *const files[] = {"adolescent-l5s1.json",
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
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        resorb_case *c = load_example(files[i]);
        for (size_t s = 0; s < c->n_imaging; s++)
            for (size_t f = 0; f < c->imaging[s].n_findings; f++) {
                result res;
                run_at(c, s, f, &res);
                assert_true(res.fa.n_roots >= 1);
                if (strcmp(files[i], "cauda-equina.json") == 0 &&
                    res.fa.zone == RESORB_ZONE_CENTRAL)
                    assert_true(res.fa.cauda_equina_at_risk);
            }
        free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concordance__every_table_entry_names_an_anatomy_row),
        cmocka_unit_test(test_concordance__every_anatomy_row_is_used_by_the_tables),
        cmocka_unit_test(test_concordance__sign_rows_list_exactly_the_roots_mapped),
        cmocka_unit_test(test_concordance__level_table_has_each_level_and_path_once),
        cmocka_unit_test(test_concordance__ankle_dorsiflexion_points_to_l4_and_l5),
        cmocka_unit_test(test_concordance__subarticular_compresses_the_traversing_root),
        cmocka_unit_test(test_concordance__foraminal_compresses_the_exiting_root),
        cmocka_unit_test(test_concordance__central_reaches_both_sides),
        cmocka_unit_test(test_concordance__missing_zone_keeps_both_candidates),
        cmocka_unit_test(test_concordance__missing_side_reaches_both_sides),
        cmocka_unit_test(test_concordance__exam_roots_per_sign_with_sources),
        cmocka_unit_test(test_concordance__crossed_slr_takes_the_leg_pain_side),
        cmocka_unit_test(test_concordance__absent_exam_is_not_assessed_not_normal),
        cmocka_unit_test(test_concordance__worked_case_is_concordant_at_right_s1),
        cmocka_unit_test(test_concordance__l4l5_foraminal_left_is_concordant_at_left_l4),
        cmocka_unit_test(test_concordance__left_l5_exam_with_right_s1_herniation_is_discordant),
        cmocka_unit_test(test_concordance__no_exam_is_indeterminate),
        cmocka_unit_test(test_concordance__normal_exam_with_pain_on_the_same_side_is_indeterminate),
        cmocka_unit_test(test_concordance__pain_on_the_other_side_is_discordant),
        cmocka_unit_test(test_concordance__tension_sign_alone_supports_the_same_side),
        cmocka_unit_test(test_concordance__deficit_wins_and_other_roots_are_noted),
        cmocka_unit_test(test_concordance__overlapping_sign_is_explained_by_either_root),
        cmocka_unit_test(test_concordance__unrecorded_side_cannot_be_concordant),
        cmocka_unit_test(test_concordance__missing_zone_is_concordant_with_either_candidate),
        cmocka_unit_test(test_concordance__central_herniation_and_cauda_equina),
        cmocka_unit_test(test_concordance__null_arguments_are_usage_errors),
        cmocka_unit_test(test_concordance__examples_have_the_expected_verdicts),
        cmocka_unit_test(test_concordance__every_example_gives_well_formed_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

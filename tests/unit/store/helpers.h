/*
 * tests/unit/store/helpers.h: shared by the registry's unit tests: reading the examples, a
 * scratch directory, and a field-by-field comparison of two cases (so a field the writer forgot
 * is caught even though the JSON of both sides would then agree).
 */
#ifndef RESORB_TEST_STORE_HELPERS_H
#define RESORB_TEST_STORE_HELPERS_H

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resorb/case.h"

#define MAX_EXAMPLES 64

typedef struct examples {
    size_t n;
    char *path[MAX_EXAMPLES];
} examples;

static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

static inline int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .json file in examples/, sorted. */
static inline void examples_list(examples *ex)
{
    const char *src = getenv("RESORB_SOURCE_DIR");
    char dir[4096];
    DIR *d;
    struct dirent *e;
    ex->n = 0;
    snprintf(dir, sizeof dir, "%s/examples", src ? src : ".");
    if (!(d = opendir(dir)))
        return;
    while ((e = readdir(d)) != NULL && ex->n < MAX_EXAMPLES) {
        size_t k = strlen(e->d_name);
        if (k < 6 || strcmp(e->d_name + k - 5, ".json") != 0)
            continue;
        size_t n = strlen(dir) + k + 2;
        ex->path[ex->n] = malloc(n);
        snprintf(ex->path[ex->n], n, "%s/%s", dir, e->d_name);
        ex->n++;
    }
    closedir(d);
    qsort(ex->path, ex->n, sizeof ex->path[0], cmp_str);
}

static inline void examples_free(examples *ex)
{
    for (size_t i = 0; i < ex->n; i++)
        free(ex->path[i]);
    ex->n = 0;
}

/* Parses text; returns 0 or the parser's code. */
static inline int parse_text(resorb_case *c, const char *text, size_t len)
{
    resorb_diags *d = malloc(sizeof *d);
    resorb_parse_options po = {.default_as_of = resorb_date_from_ymd(2030, 1, 1)};
    resorb_diags_init(d);
    int rc = resorb_case_parse(c, text, len, &po, d);
    free(d);
    return rc;
}

/* A scratch directory, removed (with its files) by scratch_remove. */
static inline void scratch_make(char *out, size_t n)
{
    snprintf(out, n, "%s/resorb-store-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(out))
        out[0] = '\0';
}

static inline void scratch_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* ---- field-by-field comparison ---- */

typedef struct cmp {
    char where[256]; /* the first difference */
} cmp;

static inline bool same_double(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

#define CMP_FIELD(k, path, a, b)                                                                   \
    do {                                                                                           \
        if ((a) != (b)) {                                                                          \
            snprintf((k)->where, sizeof(k)->where, "%s", path);                                    \
            return false;                                                                          \
        }                                                                                          \
    } while (0)
#define CMP_REAL(k, path, a, b)                                                                    \
    do {                                                                                           \
        if (!same_double((a), (b))) {                                                              \
            snprintf((k)->where, sizeof(k)->where, "%s", path);                                    \
            return false;                                                                          \
        }                                                                                          \
    } while (0)

static inline bool motor_equal(cmp *k, const resorb_motor *a, const resorb_motor *b)
{
    CMP_FIELD(k, "motor.muscle", a->muscle, b->muscle);
    CMP_FIELD(k, "motor.side", a->side, b->side);
    CMP_FIELD(k, "motor.mmt", a->mmt, b->mmt);
    CMP_FIELD(k, "motor.progressive", a->progressive, b->progressive);
    return true;
}

static inline bool finding_equal(cmp *k, const resorb_finding *a, const resorb_finding *b)
{
    CMP_FIELD(k, "finding.level", a->level, b->level);
    CMP_FIELD(k, "finding.morphology", a->morphology, b->morphology);
    CMP_FIELD(k, "finding.zone", a->zone, b->zone);
    CMP_FIELD(k, "finding.side", a->side, b->side);
    CMP_FIELD(k, "finding.migration", a->migration, b->migration);
    CMP_FIELD(k, "finding.komori_grade", a->komori_grade, b->komori_grade);
    CMP_FIELD(k, "finding.rim_enhancement", a->rim_enhancement, b->rim_enhancement);
    CMP_FIELD(k, "finding.t2_signal", a->t2_signal, b->t2_signal);
    CMP_FIELD(k, "finding.modic", a->modic, b->modic);
    CMP_FIELD(k, "finding.pfirrmann", a->pfirrmann, b->pfirrmann);
    CMP_REAL(k, "finding.ap_mm", a->ap_mm, b->ap_mm);
    CMP_REAL(k, "finding.canal_compromise_pct", a->canal_compromise_pct, b->canal_compromise_pct);
    CMP_REAL(k, "finding.area_mm2", a->area_mm2, b->area_mm2);
    CMP_REAL(k, "finding.volume_mm3", a->volume_mm3, b->volume_mm3);
    return true;
}

static inline bool study_equal(cmp *k, const resorb_study *a, const resorb_study *b)
{
    CMP_FIELD(k, "study.date", a->date, b->date);
    CMP_FIELD(k, "study.modality", a->modality, b->modality);
    CMP_FIELD(k, "study.n_findings", a->n_findings, b->n_findings);
    for (size_t i = 0; i < a->n_findings; i++)
        if (!finding_equal(k, &a->findings[i], &b->findings[i]))
            return false;
    return true;
}

static inline bool visit_equal(cmp *k, const resorb_visit *a, const resorb_visit *b)
{
    CMP_FIELD(k, "visit.date", a->date, b->date);
    CMP_FIELD(k, "visit.leg_pain_nrs", a->leg_pain_nrs, b->leg_pain_nrs);
    CMP_FIELD(k, "visit.back_pain_nrs", a->back_pain_nrs, b->back_pain_nrs);
    CMP_FIELD(k, "visit.course", a->course, b->course);
    CMP_FIELD(k, "visit.motor_given", a->motor_given, b->motor_given);
    CMP_FIELD(k, "visit.n_motor", a->n_motor, b->n_motor);
    for (size_t i = 0; i < a->n_motor; i++)
        if (!motor_equal(k, &a->motor[i], &b->motor[i]))
            return false;
    return true;
}

static inline bool exam_equal(cmp *k, const resorb_exam *a, const resorb_exam *b)
{
    CMP_FIELD(k, "exam.given", a->given, b->given);
    CMP_FIELD(k, "exam.n_slr", a->n_slr, b->n_slr);
    for (size_t i = 0; i < a->n_slr; i++) {
        CMP_FIELD(k, "exam.slr.side", a->slr[i].side, b->slr[i].side);
        CMP_FIELD(k, "exam.slr.positive", a->slr[i].positive, b->slr[i].positive);
        CMP_FIELD(k, "exam.slr.angle_deg", a->slr[i].angle_deg, b->slr[i].angle_deg);
    }
    CMP_FIELD(k, "exam.crossed_slr", a->crossed_slr, b->crossed_slr);
    CMP_FIELD(k, "exam.n_femoral_stretch", a->n_femoral_stretch, b->n_femoral_stretch);
    for (size_t i = 0; i < a->n_femoral_stretch; i++) {
        CMP_FIELD(k, "exam.femoral.side", a->femoral_stretch[i].side, b->femoral_stretch[i].side);
        CMP_FIELD(k, "exam.femoral.positive", a->femoral_stretch[i].positive,
                  b->femoral_stretch[i].positive);
    }
    CMP_FIELD(k, "exam.n_motor", a->n_motor, b->n_motor);
    for (size_t i = 0; i < a->n_motor; i++)
        if (!motor_equal(k, &a->motor[i], &b->motor[i]))
            return false;
    CMP_FIELD(k, "exam.n_sensory", a->n_sensory, b->n_sensory);
    for (size_t i = 0; i < a->n_sensory; i++) {
        CMP_FIELD(k, "exam.sensory.dermatome", a->sensory[i].dermatome, b->sensory[i].dermatome);
        CMP_FIELD(k, "exam.sensory.side", a->sensory[i].side, b->sensory[i].side);
        CMP_FIELD(k, "exam.sensory.finding", a->sensory[i].finding, b->sensory[i].finding);
    }
    CMP_FIELD(k, "exam.n_reflexes", a->n_reflexes, b->n_reflexes);
    for (size_t i = 0; i < a->n_reflexes; i++) {
        CMP_FIELD(k, "exam.reflex.reflex", a->reflexes[i].reflex, b->reflexes[i].reflex);
        CMP_FIELD(k, "exam.reflex.side", a->reflexes[i].side, b->reflexes[i].side);
        CMP_FIELD(k, "exam.reflex.grade", a->reflexes[i].grade, b->reflexes[i].grade);
    }
    CMP_FIELD(k, "exam.perianal_sensation", a->perianal_sensation, b->perianal_sensation);
    CMP_FIELD(k, "exam.anal_tone", a->anal_tone, b->anal_tone);
    CMP_REAL(k, "exam.post_void_residual_ml", a->post_void_residual_ml, b->post_void_residual_ml);
    return true;
}

static inline bool questionnaires_equal(cmp *k, const resorb_questionnaires *a,
                                        const resorb_questionnaires *b)
{
    CMP_FIELD(k, "q.given", a->given, b->given);
    CMP_FIELD(k, "q.n_odi", a->n_odi, b->n_odi);
    for (size_t i = 0; i < a->n_odi; i++) {
        CMP_FIELD(k, "odi.date", a->odi[i].date, b->odi[i].date);
        for (size_t j = 0; j < RESORB_ODI_ITEMS; j++)
            CMP_FIELD(k, "odi.items", a->odi[i].items[j], b->odi[i].items[j]);
    }
    CMP_FIELD(k, "q.n_rdq", a->n_rdq, b->n_rdq);
    for (size_t i = 0; i < a->n_rdq; i++) {
        CMP_FIELD(k, "rdq.date", a->rdq[i].date, b->rdq[i].date);
        for (size_t j = 0; j < RESORB_RDQ_ITEMS; j++)
            CMP_FIELD(k, "rdq.items", a->rdq[i].items[j], b->rdq[i].items[j]);
    }
    CMP_FIELD(k, "q.n_dn4", a->n_dn4, b->n_dn4);
    for (size_t i = 0; i < a->n_dn4; i++) {
        CMP_FIELD(k, "dn4.date", a->dn4[i].date, b->dn4[i].date);
        for (size_t j = 0; j < RESORB_DN4_ITEMS; j++)
            CMP_FIELD(k, "dn4.items", a->dn4[i].items[j], b->dn4[i].items[j]);
    }
    CMP_FIELD(k, "q.n_paindetect", a->n_paindetect, b->n_paindetect);
    for (size_t i = 0; i < a->n_paindetect; i++) {
        const resorb_paindetect *x = &a->paindetect[i], *y = &b->paindetect[i];
        CMP_FIELD(k, "paindetect.date", x->date, y->date);
        for (size_t j = 0; j < RESORB_PAINDETECT_ITEMS; j++)
            CMP_FIELD(k, "paindetect.items", x->items[j], y->items[j]);
        CMP_FIELD(k, "paindetect.course", x->course, y->course);
        CMP_FIELD(k, "paindetect.radiating", x->radiating, y->radiating);
    }
    CMP_FIELD(k, "q.n_startback", a->n_startback, b->n_startback);
    for (size_t i = 0; i < a->n_startback; i++) {
        const resorb_startback *x = &a->startback[i], *y = &b->startback[i];
        CMP_FIELD(k, "startback.date", x->date, y->date);
        for (size_t j = 0; j < RESORB_STARTBACK_ITEMS; j++)
            CMP_FIELD(k, "startback.items", x->items[j], y->items[j]);
        CMP_FIELD(k, "startback.bothersomeness", x->bothersomeness, y->bothersomeness);
    }
    CMP_FIELD(k, "q.n_joa", a->n_joa, b->n_joa);
    for (size_t i = 0; i < a->n_joa; i++) {
        const resorb_joa *x = &a->joa[i], *y = &b->joa[i];
        CMP_FIELD(k, "joa.date", x->date, y->date);
        CMP_FIELD(k, "joa.low_back_pain", x->low_back_pain, y->low_back_pain);
        CMP_FIELD(k, "joa.leg_pain", x->leg_pain, y->leg_pain);
        CMP_FIELD(k, "joa.gait", x->gait, y->gait);
        CMP_FIELD(k, "joa.slr", x->slr, y->slr);
        CMP_FIELD(k, "joa.sensory", x->sensory, y->sensory);
        CMP_FIELD(k, "joa.motor", x->motor, y->motor);
        for (size_t j = 0; j < RESORB_JOA_ADL_ITEMS; j++)
            CMP_FIELD(k, "joa.adl", x->adl[j], y->adl[j]);
        CMP_FIELD(k, "joa.bladder", x->bladder, y->bladder);
    }
    CMP_FIELD(k, "q.n_joabpeq", a->n_joabpeq, b->n_joabpeq);
    for (size_t i = 0; i < a->n_joabpeq; i++) {
        const resorb_joabpeq *x = &a->joabpeq[i], *y = &b->joabpeq[i];
        CMP_FIELD(k, "joabpeq.date", x->date, y->date);
        CMP_REAL(k, "joabpeq.pain", x->pain, y->pain);
        CMP_REAL(k, "joabpeq.lumbar_function", x->lumbar_function, y->lumbar_function);
        CMP_REAL(k, "joabpeq.walking", x->walking, y->walking);
        CMP_REAL(k, "joabpeq.social", x->social, y->social);
        CMP_REAL(k, "joabpeq.mental", x->mental, y->mental);
    }
    return true;
}

/* true when a and b agree on every field of the format; else k->where names the first
 * difference. */
static inline bool cases_equal(cmp *k, const resorb_case *a, const resorb_case *b)
{
    if (strcmp(a->id, b->id) != 0) {
        snprintf(k->where, sizeof k->where, "id");
        return false;
    }
    CMP_FIELD(k, "as_of", a->as_of, b->as_of);
    CMP_FIELD(k, "as_of_given", a->as_of_given, b->as_of_given);
    const resorb_patient *p = &a->patient, *q = &b->patient;
    CMP_FIELD(k, "patient.age", p->age, q->age);
    CMP_FIELD(k, "patient.sex", p->sex, q->sex);
    CMP_REAL(k, "patient.weight_kg", p->weight_kg, q->weight_kg);
    CMP_REAL(k, "patient.height_cm", p->height_cm, q->height_cm);
    CMP_REAL(k, "patient.serum_creatinine_mg_dl", p->serum_creatinine_mg_dl,
             q->serum_creatinine_mg_dl);
    CMP_FIELD(k, "patient.pregnant", p->pregnant, q->pregnant);
    CMP_FIELD(k, "patient.conditions.given", p->conditions.given, q->conditions.given);
    CMP_FIELD(k, "patient.conditions", p->conditions.bits, q->conditions.bits);
    CMP_FIELD(k, "patient.medications.given", p->medications.given, q->medications.given);
    CMP_FIELD(k, "patient.medications", p->medications.bits, q->medications.bits);
    CMP_FIELD(k, "patient.allergies.given", p->allergies.given, q->allergies.given);
    CMP_FIELD(k, "patient.allergies", p->allergies.bits, q->allergies.bits);
    const resorb_history *h = &a->history, *g = &b->history;
    CMP_FIELD(k, "history.onset", h->onset, g->onset);
    CMP_FIELD(k, "history.leg_pain_nrs", h->leg_pain_nrs, g->leg_pain_nrs);
    CMP_FIELD(k, "history.back_pain_nrs", h->back_pain_nrs, g->back_pain_nrs);
    CMP_FIELD(k, "history.leg_pain_side", h->leg_pain_side, g->leg_pain_side);
    CMP_FIELD(k, "history.course", h->course, g->course);
    CMP_FIELD(k, "history.red_flags_given", h->red_flags_given, g->red_flags_given);
    for (int i = 0; i < RESORB_RF__COUNT; i++)
        CMP_FIELD(k, "history.red_flags", h->red_flags[i], g->red_flags[i]);
    CMP_FIELD(k, "history.prior_lumbar_surgery", h->prior_lumbar_surgery, g->prior_lumbar_surgery);
    if (!exam_equal(k, &a->exam, &b->exam))
        return false;
    CMP_FIELD(k, "imaging_given", a->imaging_given, b->imaging_given);
    CMP_FIELD(k, "n_imaging", a->n_imaging, b->n_imaging);
    for (size_t i = 0; i < a->n_imaging; i++)
        if (!study_equal(k, &a->imaging[i], &b->imaging[i]))
            return false;
    CMP_FIELD(k, "treatments_given", a->treatments_given, b->treatments_given);
    CMP_FIELD(k, "n_treatments", a->n_treatments, b->n_treatments);
    for (size_t i = 0; i < a->n_treatments; i++) {
        const resorb_treatment *x = &a->treatments[i], *y = &b->treatments[i];
        CMP_FIELD(k, "treatment.kind", x->kind, y->kind);
        CMP_FIELD(k, "treatment.start", x->start, y->start);
        CMP_FIELD(k, "treatment.end", x->end, y->end);
        CMP_FIELD(k, "treatment.response", x->response, y->response);
        CMP_FIELD(k, "treatment.root", x->root, y->root);
        CMP_FIELD(k, "treatment.side", x->side, y->side);
        CMP_FIELD(k, "treatment.guidance", x->guidance, y->guidance);
    }
    CMP_FIELD(k, "visits_given", a->visits_given, b->visits_given);
    CMP_FIELD(k, "n_visits", a->n_visits, b->n_visits);
    for (size_t i = 0; i < a->n_visits; i++)
        if (!visit_equal(k, &a->visits[i], &b->visits[i]))
            return false;
    return questionnaires_equal(k, &a->questionnaires, &b->questionnaires);
}

#endif

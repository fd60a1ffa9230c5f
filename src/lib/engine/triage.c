/*
 * engine/triage.c: who needs what, how soon.
 *
 * The rules are evaluated in order of urgency and every rule that fires leaves a reason; the
 * category is the most urgent one any rule gave, so an emergency finding can never be
 * outranked by anything found later. Each rule names its stable id, the evidence rows it rests
 * on and a catalog message: the rule table below is the data, the predicates the code.
 *
 *   emergency              suspected cauda equina syndrome (CES)
 *   urgent                 severe (MMT <= 3) or progressive motor deficit; possible early CES
 *   investigate            features of serious non-disc pathology (infection, malignancy,
 *                          fracture): name the work-up beside the LDH care
 *   surgical_consultation  the source document's criteria after 3 months of conservative care
 *   conservative           none of the above
 *
 * Absent is "not assessed": red flags nobody asked about are listed, and an incomplete CES
 * screen becomes a required action whatever the category.
 */
#include <math.h>
#include <string.h>

#include "engine/engine.h"

/* EVIDENCE: ajem2019.ces.red_flags, itopainclinic2025.surgery.immediate,
 * ahn2000.ces.decompression_within, sakai2022.joa2021.principles */
static const char *const ces_evidence[] = {"ajem2019.ces.red_flags",
                                           "itopainclinic2025.surgery.immediate",
                                           "ahn2000.ces.decompression_within",
                                           "sakai2022.joa2021.principles", NULL};

typedef struct tctx {
    const resorb_case *c;
    resorb_triage *t;
    bool ok; /* every evidence row needed was found */
} tctx;

static resorb_reason *add(tctx *x, resorb_triage_category cat, const char *rule, const char *key,
                          const char *const *evidence)
{
    resorb_triage *t = x->t;
    if (cat > t->category)
        t->category = cat;
    if (t->n_reasons >= RESORB_TRIAGE_REASONS_MAX) {
        t->dropped++;
        return NULL;
    }
    resorb_triage_reason *tr = &t->reasons[t->n_reasons++];
    tr->category = cat;
    tr->rule = rule;
    tr->reason.key = key;
    tr->reason.n_evidence = 0;
    for (int i = 0; i < RESORB_REASON_ARGS; i++)
        tr->reason.args[i][0] = '\0';
    for (const char *const *e = evidence; e && *e; e++)
        resorb_reason__cite(&tr->reason, *e);
    return &tr->reason;
}

static resorb_reason *action(tctx *x, const char *key, const char *evidence)
{
    resorb_reason *r = resorb_reasons__add(&x->t->actions, key);
    resorb_reason__cite(r, evidence);
    return r;
}

static bool flag(const tctx *x, resorb_red_flag f)
{
    return x->c->history.red_flags[f] == RESORB_TRI_YES;
}

static bool has_condition(const tctx *x, resorb_condition cond)
{
    return resorb_codeset_has(&x->c->patient.conditions, cond);
}

/* ---- emergency: cauda equina syndrome ---- */

static bool rule_ces(tctx *x)
{
    static const struct {
        resorb_red_flag flag;
        const char *rule, *key;
    } flags[] = {
        {RESORB_RF_URINARY_RETENTION, "ces.urinary_retention", "triage.ces.urinary_retention"},
        {RESORB_RF_URINARY_INCONTINENCE, "ces.urinary_incontinence",
         "triage.ces.urinary_incontinence"},
        {RESORB_RF_BOWEL_INCONTINENCE, "ces.bowel_incontinence", "triage.ces.bowel_incontinence"},
        {RESORB_RF_SADDLE_ANESTHESIA, "ces.saddle_anesthesia", "triage.ces.saddle_anesthesia"},
    };
    const resorb_exam *e = &x->c->exam;
    bool any = false;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (flag(x, flags[i].flag)) {
            add(x, RESORB_TRIAGE_EMERGENCY, flags[i].rule, flags[i].key, ces_evidence);
            any = true;
        }
    if (e->perianal_sensation == RESORB_PERIANAL_REDUCED ||
        e->perianal_sensation == RESORB_PERIANAL_ABSENT) {
        add(x, RESORB_TRIAGE_EMERGENCY, "ces.perianal_sensation",
            e->perianal_sensation == RESORB_PERIANAL_ABSENT ? "triage.ces.perianal_absent"
                                                            : "triage.ces.perianal_reduced",
            ces_evidence);
        any = true;
    }
    if (e->anal_tone == RESORB_TONE_REDUCED) {
        add(x, RESORB_TRIAGE_EMERGENCY, "ces.anal_tone", "triage.ces.anal_tone", ces_evidence);
        any = true;
    }
    if (any && flag(x, RESORB_RF_BILATERAL_LEG_SYMPTOMS))
        add(x, RESORB_TRIAGE_EMERGENCY, "ces.bilateral", "triage.ces.bilateral", ces_evidence);
    if (any && !isnan(e->post_void_residual_ml)) {
        resorb_reason *r = add(x, RESORB_TRIAGE_EMERGENCY, "ces.post_void_residual",
                               "triage.ces.post_void_residual", ces_evidence);
        resorb_reason__arg(r, 0, "%.0f", e->post_void_residual_ml);
    }
    return any;
}

/* Sexual dysfunction or bilateral leg symptoms without a definite CES feature: possible early
 * CES, to be examined the same day. */
static void rule_possible_ces(tctx *x, bool ces)
{
    if (ces)
        return;
    if (flag(x, RESORB_RF_SEXUAL_DYSFUNCTION))
        add(x, RESORB_TRIAGE_URGENT, "ces_possible.sexual_dysfunction",
            "triage.ces_possible.sexual_dysfunction", ces_evidence);
    if (flag(x, RESORB_RF_BILATERAL_LEG_SYMPTOMS))
        add(x, RESORB_TRIAGE_URGENT, "ces_possible.bilateral", "triage.ces_possible.bilateral",
            ces_evidence);
}

/* ---- urgent: severe or progressive motor deficit ---- */

static void motor_args(resorb_reason *r, const resorb_motor *m)
{
    resorb_reason__arg(r, 0, "@muscle.%s", resorb_muscle_name(m->muscle));
    resorb_reason__arg(r, 1, "@side.%s", resorb_side_name(m->side));
    resorb_reason__arg(r, 2, "%d", m->mmt);
}

static void rule_severe_motor(tctx *x, double severe_mmt)
{
    static const char *const ev[] = {"eurspinej2014.motor.severe_mmt",
                                     "thome2022.motor.surgery_within",
                                     "itopainclinic2025.surgery.immediate", NULL};
    const resorb_exam *e = &x->c->exam;
    bool flagged[RESORB_MUSCLE__COUNT][RESORB_SIDE_NEITHER + 1] = {{false}};
    for (size_t i = 0; i < e->n_motor; i++) {
        const resorb_motor *m = &e->motor[i];
        /* EVIDENCE: eurspinej2014.motor.severe_mmt (MMT <= 3 is a severe deficit) */
        if (m->mmt != RESORB_INT_NONE && m->mmt <= severe_mmt)
            motor_args(add(x, RESORB_TRIAGE_URGENT, "motor.severe", "triage.motor.severe", ev), m);
        if (m->progressive == RESORB_TRI_YES && !flagged[m->muscle][m->side]) {
            motor_args(add(x, RESORB_TRIAGE_URGENT, "motor.progressive",
                           "triage.motor.progressive", ev),
                       m);
            flagged[m->muscle][m->side] = true;
        }
    }
    /* A visit's "progressive" mark, once per muscle and side (the latest visit that has it). */
    for (size_t v = x->c->n_visits; v > 0; v--) {
        const resorb_visit *vi = &x->c->visits[v - 1];
        for (size_t i = 0; i < vi->n_motor; i++) {
            const resorb_motor *m = &vi->motor[i];
            if (m->progressive != RESORB_TRI_YES || flagged[m->muscle][m->side])
                continue;
            resorb_reason *r = add(x, RESORB_TRIAGE_URGENT, "motor.progressive",
                                   "triage.motor.progressive_visit", ev);
            motor_args(r, m);
            resorb_reason__date(r, 3, vi->date);
            flagged[m->muscle][m->side] = true;
        }
    }
}

/* A grade recorded at a date: visits in date order, then the exam (on the assessment date). */
typedef struct grade_at {
    int mmt;
    resorb_date date;
} grade_at;

/* The series of grades for one muscle and side, oldest first. Returns its length. */
static size_t motor_series(const resorb_case *c, resorb_muscle muscle, resorb_side side,
                           grade_at *out, size_t max)
{
    size_t n = 0;
    bool in_exam = false;
    for (size_t i = 0; i < c->exam.n_motor && !in_exam; i++)
        in_exam = c->exam.motor[i].muscle == muscle && c->exam.motor[i].side == side;
    for (size_t v = 0; v < c->n_visits; v++) {
        /* A visit on the assessment date is the same assessment as the exam when the exam
         * graded this muscle: count it once (the exam's grade). */
        if (in_exam && c->visits[v].date == c->as_of)
            continue;
        for (size_t i = 0; i < c->visits[v].n_motor && n < max; i++) {
            const resorb_motor *m = &c->visits[v].motor[i];
            if (m->muscle == muscle && m->side == side && m->mmt != RESORB_INT_NONE)
                out[n++] = (grade_at){m->mmt, c->visits[v].date};
        }
    }
    for (size_t i = 0; i < c->exam.n_motor && n < max; i++) {
        const resorb_motor *m = &c->exam.motor[i];
        if (m->muscle == muscle && m->side == side && m->mmt != RESORB_INT_NONE)
            out[n++] = (grade_at){m->mmt, c->as_of};
    }
    return n;
}

/* Each muscle and side once: the exam's, then the visits' not yet seen. */
typedef struct muscle_side {
    resorb_muscle muscle;
    resorb_side side;
} muscle_side;

static size_t tested_muscles(const resorb_case *c, muscle_side *out, size_t max)
{
    size_t n = 0;
    for (size_t v = 0; v <= c->n_visits; v++) {
        const resorb_motor *list = v < c->n_visits ? c->visits[v].motor : c->exam.motor;
        size_t len = v < c->n_visits ? c->visits[v].n_motor : c->exam.n_motor;
        for (size_t i = 0; i < len; i++) {
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++)
                seen = out[k].muscle == list[i].muscle && out[k].side == list[i].side;
            if (!seen && n < max)
                out[n++] = (muscle_side){list[i].muscle, list[i].side};
        }
    }
    return n;
}

#define SERIES_MAX (RESORB_MAX_VISITS + RESORB_MAX_EXAM_ITEMS)
#define MUSCLES_MAX (2 * RESORB_MUSCLE__COUNT)

/* A fall in MMT between visits (or a visit and the exam) is a progressive deficit even when
 * nobody ticked "progressive". A grade of 4 that never recovered over two assessments is the
 * source document's "mild motor deficit that does not recover". */
static void rule_motor_course(tctx *x)
{
    static const char *const ev_fall[] = {"itopainclinic2025.surgery.other_indications",
                                          "thome2022.motor.surgery_within", NULL};
    static const char *const ev_mild[] = {"itopainclinic2025.surgery.other_indications",
                                          "thome2022.motor.mild_cutoff", NULL};
    muscle_side ms[MUSCLES_MAX];
    grade_at s[SERIES_MAX];
    size_t n = tested_muscles(x->c, ms, MUSCLES_MAX);
    for (size_t k = 0; k < n; k++) {
        size_t len = motor_series(x->c, ms[k].muscle, ms[k].side, s, SERIES_MAX);
        int best = -1;
        bool fell = false;
        for (size_t i = 0; i < len && !fell; i++) {
            if (best >= 0 && s[i].mmt < best) {
                resorb_motor m = {ms[k].muscle, ms[k].side, s[i].mmt, RESORB_TRI_UNKNOWN};
                resorb_reason *r = add(x, RESORB_TRIAGE_URGENT, "motor.fell",
                                       "triage.motor.fell", ev_fall);
                motor_args(r, &m);
                resorb_reason__arg(r, 3, "%d", best);
                fell = true;
            }
            if (s[i].mmt > best)
                best = s[i].mmt;
        }
        /* Mild deficit (4) at the last two assessments at least: not recovering. */
        if (!fell && len >= 2 && s[len - 1].mmt == 4 && s[len - 2].mmt <= 4) {
            resorb_motor m = {ms[k].muscle, ms[k].side, 4, RESORB_TRI_UNKNOWN};
            resorb_reason *r = add(x, RESORB_TRIAGE_SURGICAL_CONSULTATION, "motor.mild_persistent",
                                   "triage.motor.mild_persistent", ev_mild);
            motor_args(r, &m);
            resorb_reason__date(r, 3, s[len - 2].date);
        }
    }
}

/* ---- investigate: serious non-disc pathology ---- */

static void rule_investigate(tctx *x)
{
    static const char *const ev_inf[] = {"finucane2020.infection", "finucane2020.framework", NULL};
    static const char *const ev_mal[] = {"finucane2020.malignancy", "finucane2020.framework",
                                         NULL};
    static const char *const ev_fx[] = {"finucane2020.fracture", "finucane2020.framework", NULL};
    bool infection = false, malignancy = false, fracture = false;
    if (flag(x, RESORB_RF_FEVER)) {
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.fever", "triage.serious.fever", ev_inf);
        infection = true;
    }
    if (has_condition(x, RESORB_COND_IV_DRUG_USE)) {
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.iv_drug_use", "triage.serious.iv_drug_use",
            ev_inf);
        infection = true;
    }
    if (has_condition(x, RESORB_COND_IMMUNOSUPPRESSION)) {
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.immunosuppression",
            "triage.serious.immunosuppression", ev_inf);
        infection = true;
    }
    if (has_condition(x, RESORB_COND_CANCER_HISTORY)) {
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.cancer_history",
            "triage.serious.cancer_history", ev_mal);
        malignancy = true;
    }
    if (flag(x, RESORB_RF_UNEXPLAINED_WEIGHT_LOSS)) {
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.weight_loss", "triage.serious.weight_loss",
            ev_mal);
        malignancy = true;
    }
    if (flag(x, RESORB_RF_NIGHT_PAIN)) {
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.night_pain", "triage.serious.night_pain",
            ev_mal);
        malignancy = true;
    }
    if (flag(x, RESORB_RF_SIGNIFICANT_TRAUMA)) {
        bool frail = has_condition(x, RESORB_COND_OSTEOPOROSIS) ||
                     resorb_codeset_has(&x->c->patient.medications, RESORB_MED_CORTICOSTEROID);
        add(x, RESORB_TRIAGE_INVESTIGATE, "serious.trauma",
            frail ? "triage.serious.trauma_frail" : "triage.serious.trauma", ev_fx);
        fracture = true;
    }
    if (infection)
        action(x, "triage.workup.infection", "finucane2020.infection");
    if (malignancy)
        action(x, "triage.workup.malignancy", "finucane2020.malignancy");
    if (fracture)
        action(x, "triage.workup.fracture", "finucane2020.fracture");
}

/* ---- surgical consultation: the source document's criteria ---- */

/* Leg pain now and at the first visit that recorded it (RESORB_INT_NONE when unknown). */
static void leg_pain_course(const resorb_case *c, int *first, int *now, resorb_date *first_date)
{
    *first = *now = RESORB_INT_NONE;
    *first_date = RESORB_DATE_NONE;
    for (size_t v = 0; v < c->n_visits; v++)
        if (c->visits[v].leg_pain_nrs != RESORB_INT_NONE) {
            if (*first == RESORB_INT_NONE) {
                *first = c->visits[v].leg_pain_nrs;
                *first_date = c->visits[v].date;
            }
            *now = c->visits[v].leg_pain_nrs;
        }
    if (c->history.leg_pain_nrs != RESORB_INT_NONE)
        *now = c->history.leg_pain_nrs;
}

/* The trend now: the history's (since onset or the last visit), else the last visit's. */
static resorb_course latest_course(const resorb_case *c)
{
    if (c->history.course != RESORB_COURSE_NONE)
        return c->history.course;
    for (size_t v = c->n_visits; v > 0; v--)
        if (c->visits[v - 1].course != RESORB_COURSE_NONE)
            return c->visits[v - 1].course;
    return RESORB_COURSE_NONE;
}

static void rule_surgical(tctx *x)
{
    const resorb_case *c = x->c;
    bool ok = true;
    double months = resorb_engine__value("hornung2023.guidelines.surgery_after", &ok);
    double moderate = resorb_engine__value("boonstra2016.nrs.moderate_from", &ok);
    double severe = resorb_engine__value("boonstra2016.nrs.severe_from", &ok);
    double points = resorb_engine__value("farrar2001.nrs.important_change", &ok);
    double percent = resorb_engine__value("farrar2001.nrs.important_change_percent", &ok);
    if (!ok) {
        x->ok = false;
        return;
    }
    int first, now;
    resorb_date first_date;
    leg_pain_course(c, &first, &now, &first_date);
    resorb_course course = latest_course(c);
    resorb_date review = resorb_date_add_months(c->history.onset, (int)months);

    if (course == RESORB_COURSE_WORSENING) {
        static const char *const ev[] = {"itopainclinic2025.surgery.consider_after", NULL};
        add(x, RESORB_TRIAGE_SURGICAL_CONSULTATION, "surgical.worsening",
            "triage.surgical.worsening", ev);
    }
    /* EVIDENCE: hornung2023.guidelines.surgery_after, itopainclinic2025.surgery.consider_after,
     * boonstra2016.nrs.moderate_from, farrar2001.nrs.important_change(_percent) */
    if (c->as_of >= review && now != RESORB_INT_NONE && now >= moderate) {
        static const char *const ev[] = {"hornung2023.guidelines.surgery_after",
                                         "itopainclinic2025.surgery.consider_after",
                                         "boonstra2016.nrs.moderate_from",
                                         "farrar2001.nrs.important_change",
                                         "farrar2001.nrs.important_change_percent", NULL};
        bool judged = false, improved = false;
        if (first != RESORB_INT_NONE && first_date != RESORB_DATE_NONE && first_date < c->as_of) {
            double drop = first - now;
            improved = drop >= points || (first > 0 && drop / first * 100.0 >= percent);
            judged = true;
        } else if (course != RESORB_COURSE_NONE) {
            improved = course == RESORB_COURSE_IMPROVING;
            judged = true;
        }
        if (judged && !improved) {
            resorb_reason *r = add(x, RESORB_TRIAGE_SURGICAL_CONSULTATION, "surgical.no_improvement",
                                   first != RESORB_INT_NONE ? "triage.surgical.no_improvement"
                                                            : "triage.surgical.no_improvement_course",
                                   ev);
            resorb_reason__date(r, 0, review);
            resorb_reason__arg(r, 1, "%d", now);
            resorb_reason__arg(r, 2, "%d", first);
        } else if (!judged) {
            resorb_reason *r = action(x, "triage.action.judge_improvement",
                                      "itopainclinic2025.surgery.consider_after");
            resorb_reason__date(r, 0, review);
        }
    }
    /* Pain so severe that daily life is very difficult despite treatment that did not work. */
    if (now != RESORB_INT_NONE && now >= severe) {
        bool failed = false;
        for (size_t i = 0; i < c->n_treatments && !failed; i++)
            failed = c->treatments[i].response == RESORB_RESPONSE_NO_RESPONSE;
        if (failed) {
            static const char *const ev[] = {"itopainclinic2025.surgery.other_indications",
                                             "boonstra2016.nrs.severe_from", NULL};
            resorb_reason *r = add(x, RESORB_TRIAGE_SURGICAL_CONSULTATION, "surgical.severe_pain",
                                   "triage.surgical.severe_pain", ev);
            resorb_reason__arg(r, 0, "%d", now);
        }
    }
}

/* ---- what was not assessed ---- */

static void not_assessed(tctx *x)
{
    const resorb_case *c = x->c;
    static const resorb_red_flag ces_flags[] = {
        RESORB_RF_URINARY_RETENTION, RESORB_RF_URINARY_INCONTINENCE,
        RESORB_RF_BOWEL_INCONTINENCE, RESORB_RF_SADDLE_ANESTHESIA};
    for (int f = 0; f < RESORB_RF__COUNT; f++)
        if (c->history.red_flags[f] == RESORB_TRI_UNKNOWN)
            x->t->not_assessed[x->t->n_not_assessed++] = (resorb_red_flag)f;
    bool incomplete = c->exam.perianal_sensation == RESORB_PERIANAL_NONE ||
                      c->exam.anal_tone == RESORB_TONE_NONE;
    for (size_t i = 0; i < sizeof ces_flags / sizeof ces_flags[0]; i++)
        if (c->history.red_flags[ces_flags[i]] == RESORB_TRI_UNKNOWN)
            incomplete = true;
    x->t->ces_screen_incomplete = incomplete;
    if (incomplete && x->t->category < RESORB_TRIAGE_EMERGENCY)
        action(x, "triage.action.complete_ces_screen", "ajem2019.ces.red_flags");
}

/* Most urgent reasons first; rules keep their order within a category. */
static void sort_reasons(resorb_triage *t)
{
    for (size_t i = 1; i < t->n_reasons; i++) {
        resorb_triage_reason r = t->reasons[i];
        size_t j = i;
        while (j > 0 && t->reasons[j - 1].category < r.category) {
            t->reasons[j] = t->reasons[j - 1];
            j--;
        }
        t->reasons[j] = r;
    }
}

int resorb_engine__triage(const resorb_case *c, resorb_triage *out)
{
    tctx x = {c, out, true};
    out->category = RESORB_TRIAGE_CONSERVATIVE;
    out->n_reasons = out->dropped = out->n_not_assessed = 0;
    out->ces_screen_incomplete = false;
    resorb_reasons__init(&out->actions);
    double severe_mmt = resorb_engine__value("eurspinej2014.motor.severe_mmt", &x.ok);
    bool ces = rule_ces(&x);
    rule_possible_ces(&x, ces);
    rule_severe_motor(&x, severe_mmt);
    rule_motor_course(&x);
    rule_investigate(&x);
    rule_surgical(&x);
    not_assessed(&x);
    if (out->category == RESORB_TRIAGE_CONSERVATIVE)
        add(&x, RESORB_TRIAGE_CONSERVATIVE, "conservative", "triage.conservative",
            (const char *const[]){"itopainclinic2025.conservative.first_line", NULL});
    sort_reasons(out);
    return x.ok ? 0 : RESORB_ENOTFOUND;
}

/*
 * tests/support/assess_props.c: resorb-assess-props, property checks of the engine over many
 * valid cases (NDJSON on standard input, e.g. from resorb-gencases).
 *
 * For every case: the assessment succeeds; the treatment plan is deferred exactly when the
 * triage is urgent or emergency, judges every drug with a reason and cites existing evidence; the category is the most urgent one of its reasons,
 * and a cauda equina feature always gives "emergency" (an emergency is never outranked);
 * reasons come most urgent first; probabilities and intervals lie in [0, 1] with
 * low <= p <= high; the time course does not decrease and never exceeds the probability; every
 * cited evidence id exists and every message key exists in English and Japanese; both renderers
 * succeed, the JSON parses, and assessing the same case twice gives byte-identical JSON.
 * Prints "assess_props: N cases, M failures" and exits 1 on any failure.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resorb/assess.h"
#include "resorb/evidence.h"
#include "resorb/report.h"

typedef struct checker {
    size_t line, failures;
} checker;

static void fail(checker *k, const char *what)
{
    if (k->failures < 20)
        fprintf(stderr, "line %zu: %s\n", k->line, what);
    k->failures++;
}

static bool ces_feature(const resorb_case *c)
{
    const resorb_tri *f = c->history.red_flags;
    return f[RESORB_RF_URINARY_RETENTION] == RESORB_TRI_YES ||
           f[RESORB_RF_URINARY_INCONTINENCE] == RESORB_TRI_YES ||
           f[RESORB_RF_BOWEL_INCONTINENCE] == RESORB_TRI_YES ||
           f[RESORB_RF_SADDLE_ANESTHESIA] == RESORB_TRI_YES ||
           c->exam.perianal_sensation == RESORB_PERIANAL_REDUCED ||
           c->exam.perianal_sensation == RESORB_PERIANAL_ABSENT ||
           c->exam.anal_tone == RESORB_TONE_REDUCED;
}

static void check_reason(checker *k, const resorb_reason *r)
{
    if (!r->key || strcmp(resorb_msg(RESORB_LANG_EN, r->key), r->key) == 0 ||
        strcmp(resorb_msg(RESORB_LANG_JA, r->key), r->key) == 0)
        fail(k, r->key ? r->key : "reason without a key");
    for (size_t i = 0; i < r->n_evidence; i++)
        if (!resorb_evidence_find(r->evidence[i]))
            fail(k, r->evidence[i]);
}

static void check_list(checker *k, const resorb_reasons *l)
{
    for (size_t i = 0; i < l->count; i++)
        check_reason(k, &l->items[i]);
}

static bool unit(double p)
{
    return p >= 0.0 && p <= 1.0;
}

static void check_triage(checker *k, const resorb_case *c, const resorb_triage *t)
{
    resorb_triage_category top = RESORB_TRIAGE_CONSERVATIVE;
    for (size_t i = 0; i < t->n_reasons; i++) {
        if (t->reasons[i].category > top)
            top = t->reasons[i].category;
        if (i > 0 && t->reasons[i - 1].category < t->reasons[i].category)
            fail(k, "triage reasons not most urgent first");
        check_reason(k, &t->reasons[i].reason);
    }
    if (t->n_reasons == 0)
        fail(k, "triage without a reason");
    if (top != t->category)
        fail(k, "category is not the most urgent reason's");
    if (ces_feature(c) && t->category != RESORB_TRIAGE_EMERGENCY)
        fail(k, "a cauda equina feature did not give emergency");
    if (t->ces_screen_incomplete && t->category < RESORB_TRIAGE_EMERGENCY) {
        bool action = false;
        for (size_t i = 0; i < t->actions.count; i++)
            action = action || strcmp(t->actions.items[i].key,
                                      "triage.action.complete_ces_screen") == 0;
        if (!action)
            fail(k, "incomplete CES screen without the required action");
    }
    check_list(k, &t->actions);
}

static void check_finding(checker *k, const resorb_finding_assessment *f)
{
    const resorb_resorption *r = &f->resorption;
    if (!unit(r->probability) || !unit(r->low) || !unit(r->high) || r->low > r->probability ||
        r->probability > r->high)
        fail(k, "resorption probability or interval out of order or outside [0, 1]");
    if (!isnan(r->complete) && (!unit(r->complete) || r->complete > r->probability + 1e-9))
        fail(k, "complete resolution outside [0, p]");
    for (int m = 0; m < RESORB_MONTHS_COUNT; m++) {
        if (!unit(r->by_month[m]) || r->by_month[m] > r->probability + 1e-9)
            fail(k, "time course outside [0, p]");
        if (m > 0 && r->by_month[m] < r->by_month[m - 1])
            fail(k, "time course decreases");
    }
    check_list(k, &f->concordance_reasons);
    check_list(k, &r->reasons);
    check_list(k, &r->modifiers);
}

/* The treatment plan follows the triage; every drug is judged once; every statement exists. */
static void check_treatment(checker *k, const resorb_assessment *a)
{
    const resorb_treatment_plan *t = &a->plan.treatment;
    bool deferred = a->triage.category >= RESORB_TRIAGE_URGENT;
    if (t->given == deferred)
        fail(k, "treatment given although the triage defers it, or the reverse");
    if (!t->given)
        return;
    if (t->n_drugs != RESORB_DRUG__COUNT)
        fail(k, "not every drug was judged");
    for (size_t i = 0; i < t->n_drugs; i++) {
        if ((size_t)t->drugs[i].drug != i || t->drugs[i].reasons.count == 0)
            fail(k, "drug out of order or without a reason");
        check_list(k, &t->drugs[i].reasons);
        if (t->drugs[i].has_dose)
            check_reason(k, &t->drugs[i].dose);
    }
    for (size_t i = 0; i < t->n_blocks; i++) {
        if (t->blocks[i].reasons.count == 0)
            fail(k, "block without a reason");
        check_list(k, &t->blocks[i].reasons);
    }
    if (!isnan(t->creatinine_clearance_ml_min) && t->creatinine_clearance_ml_min <= 0)
        fail(k, "creatinine clearance not positive");
    check_list(k, &t->phenotype_reasons);
    check_list(k, &t->clearance_reasons);
    for (size_t i = 0; i < a->scores.n; i++)
        check_list(k, &a->scores.items[i].reasons);
    for (size_t i = 0; i < a->scores.n_changes; i++)
        check_list(k, &a->scores.changes[i].reasons);
}

static void check_case(checker *k, const resorb_case *c, resorb_assessment *a,
                       resorb_assessment *b)
{
    if (resorb_assess(a, c, NULL) != 0) {
        fail(k, "resorb_assess failed");
        return;
    }
    check_triage(k, c, &a->triage);
    for (size_t i = 0; i < a->n_findings; i++)
        check_finding(k, &a->findings[i]);
    const resorb_outlook *o = &a->outlook;
    if ((!isnan(o->p_recovered_12w) && !unit(o->p_recovered_12w)) ||
        (!isnan(o->p_recovered_1y) && !unit(o->p_recovered_1y)) ||
        o->p_recovered_12w > o->p_recovered_1y + 1e-9)
        fail(k, "outlook probabilities");
    check_list(k, &o->statements);
    check_list(k, &o->poor_prognosis);
    check_list(k, &a->plan.steps);
    check_list(k, &a->plan.refer_if);
    check_list(k, &a->plan.options);
    check_list(k, &a->exam_roots.signs);
    if (a->plan.basis != a->triage.category)
        fail(k, "plan does not follow the triage");
    check_treatment(k, a);
    char *j1 = NULL, *j2 = NULL, *text = NULL;
    if (resorb_assess(b, c, NULL) != 0 || resorb_report_json(&j1, a, c, RESORB_LANG_JA, false) ||
        resorb_report_json(&j2, b, c, RESORB_LANG_JA, false) ||
        resorb_report_text(&text, a, c, RESORB_LANG_EN)) {
        fail(k, "rendering failed");
    } else {
        if (strcmp(j1, j2) != 0)
            fail(k, "the same case gave different JSON");
        json_t *parsed = json_loads(j1, 0, NULL);
        if (!parsed)
            fail(k, "the JSON output does not parse");
        json_decref(parsed);
    }
    free(j1);
    free(j2);
    free(text);
}

int main(void)
{
    checker k = {0, 0};
    size_t cases = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    resorb_case *c = malloc(sizeof *c);
    resorb_assessment *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    resorb_diags *d = malloc(sizeof *d);
    resorb_parse_options po = {.default_as_of = resorb_date_from_ymd(2026, 1, 1)};
    if (!c || !a || !b || !d)
        return 2;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        k.line++;
        resorb_diags_init(d);
        if (resorb_case_parse(c, line, (size_t)n, &po, d) != 0) {
            fail(&k, "the generated case is invalid");
            continue;
        }
        check_case(&k, c, a, b);
        cases++;
    }
    free(line);
    free(c);
    free(a);
    free(b);
    free(d);
    printf("assess_props: %zu cases, %zu failures\n", cases, k.failures);
    return k.failures || cases == 0 ? 1 : 0;
}

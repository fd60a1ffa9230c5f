/*
 * report/json.c: the assessment as JSON, format "resorb.assessment/1" (docs/assessment.md).
 *
 * Keys are written in a fixed order and numbers rounded to 3 decimals, so the same case gives
 * byte-identical output. Every statement is an object {key, text, evidence}: `key` is the
 * stable catalog key (for programs), `text` the rendered sentence in the chosen language.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resorb/report.h"
#include "resorb/scores_report.h"

static json_t *date_json(resorb_date d)
{
    char text[RESORB_DATE_TEXT];
    if (d == RESORB_DATE_NONE)
        return json_null();
    resorb_date_format(d, text);
    return json_string(text);
}

static json_t *num(double v)
{
    if (isnan(v))
        return json_null();
    return json_real(round(v * 1000.0) / 1000.0);
}

static json_t *reason_json(const resorb_reason *r, resorb_lang lang)
{
    char text[1024];
    resorb_reason_format(r, lang, text, sizeof text);
    json_t *ev = json_array();
    for (size_t i = 0; i < r->n_evidence; i++)
        json_array_append_new(ev, json_string(r->evidence[i]));
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string_nocheck(r->key));
    json_object_set_new(o, "text", json_string_nocheck(text));
    json_object_set_new(o, "evidence", ev);
    return o;
}

static json_t *reasons_json(const resorb_reasons *l, resorb_lang lang)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->count; i++)
        json_array_append_new(a, reason_json(&l->items[i], lang));
    return a;
}

static json_t *root_json(const resorb_side_root *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "root", json_string(resorb_root_name(r->root)));
    json_object_set_new(o, "side", json_string(resorb_side_name(r->side)));
    return o;
}

static json_t *triage_json(const resorb_triage *t, resorb_lang lang)
{
    json_t *o = json_object(), *reasons = json_array(), *na = json_array();
    for (size_t i = 0; i < t->n_reasons; i++) {
        json_t *r = reason_json(&t->reasons[i].reason, lang);
        json_object_set_new(r, "rule", json_string(t->reasons[i].rule));
        json_object_set_new(r, "category",
                            json_string(resorb_triage_category_name(t->reasons[i].category)));
        json_array_append_new(reasons, r);
    }
    for (size_t i = 0; i < t->n_not_assessed; i++)
        json_array_append_new(na, json_string(resorb_red_flag_name(t->not_assessed[i])));
    json_object_set_new(o, "category", json_string(resorb_triage_category_name(t->category)));
    json_object_set_new(o, "reasons", reasons);
    json_object_set_new(o, "not_assessed", na);
    json_object_set_new(o, "ces_screen_complete", json_boolean(!t->ces_screen_incomplete));
    json_object_set_new(o, "actions", reasons_json(&t->actions, lang));
    return o;
}

static json_t *resorption_json(const resorb_resorption *r, resorb_lang lang)
{
    static const int months[RESORB_MONTHS_COUNT] = RESORB_MONTHS_INIT;
    json_t *o = json_object(), *by = json_object(), *iv = json_array();
    json_array_append_new(iv, num(r->low));
    json_array_append_new(iv, num(r->high));
    for (int i = 0; i < RESORB_MONTHS_COUNT; i++) {
        char key[8];
        snprintf(key, sizeof key, "%d", months[i]);
        json_object_set_new(by, key, num(r->by_month[i]));
    }
    json_object_set_new(o, "probability", num(r->probability));
    json_object_set_new(o, "interval", iv);
    json_object_set_new(o, "complete_resolution", num(r->complete));
    json_object_set_new(o, "rim_refined", json_boolean(r->rim_refined));
    json_object_set_new(o, "by_month", by);
    json_object_set_new(o, "reasons", reasons_json(&r->reasons, lang));
    json_object_set_new(o, "modifiers", reasons_json(&r->modifiers, lang));
    return o;
}

static json_t *finding_json(const resorb_finding_assessment *f, const resorb_case *c,
                            resorb_lang lang)
{
    json_t *o = json_object(), *roots = json_array();
    for (size_t i = 0; i < f->n_roots; i++)
        json_array_append_new(roots, root_json(&f->roots[i]));
    json_object_set_new(o, "study_date", date_json(c->imaging[f->study].date));
    json_object_set_new(o, "level", json_string(resorb_level_name(f->level)));
    json_object_set_new(o, "side", f->side ? json_string(resorb_side_name(f->side)) : json_null());
    json_object_set_new(o, "morphology", json_string(resorb_morphology_name(f->morphology)));
    json_object_set_new(o, "zone", f->zone ? json_string(resorb_zone_name(f->zone)) : json_null());
    json_object_set_new(o, "root", f->n_roots ? json_string(resorb_root_name(f->roots[0].root))
                                               : json_null());
    json_object_set_new(o, "roots", roots);
    json_object_set_new(o, "cauda_equina_at_risk", json_boolean(f->cauda_equina_at_risk));
    json_object_set_new(o, "concordance", json_string(resorb_concordance_name(f->concordance)));
    json_object_set_new(o, "concordance_reasons", reasons_json(&f->concordance_reasons, lang));
    json_object_set_new(o, "resorption", resorption_json(&f->resorption, lang));
    return o;
}

static json_t *outlook_json(const resorb_outlook *o, resorb_lang lang)
{
    json_t *j = json_object();
    json_object_set_new(j, "days_since_onset", json_integer(o->days_since_onset));
    json_object_set_new(j, "p_recovered_next_12_weeks", num(o->p_recovered_12w));
    json_object_set_new(j, "p_recovered_next_year", num(o->p_recovered_1y));
    json_object_set_new(j, "statements", reasons_json(&o->statements, lang));
    json_object_set_new(j, "poor_prognosis", reasons_json(&o->poor_prognosis, lang));
    json_object_set_new(j, "not_assessed", reasons_json(&o->prognosis_unknown, lang));
    return j;
}

static json_t *drug_json(const resorb_drug_advice *d, resorb_lang lang)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_string(resorb_drug_name(d->drug)));
    json_object_set_new(o, "status", json_string(resorb_advice_status_name(d->status)));
    json_object_set_new(o, "reasons", reasons_json(&d->reasons, lang));
    json_object_set_new(o, "dose", d->has_dose ? reason_json(&d->dose, lang) : json_null());
    return o;
}

static json_t *block_json(const resorb_block_advice *b, resorb_lang lang)
{
    static const char *const guidance[] = {"", "fluoroscopy", "ultrasound", "ct", "landmark"};
    json_t *o = json_object();
    json_object_set_new(o, "type", json_string(resorb_block_type_name(b->type)));
    json_object_set_new(o, "root", b->root ? json_string(resorb_root_name(b->root)) : json_null());
    json_object_set_new(o, "side", b->side ? json_string(resorb_side_name(b->side)) : json_null());
    json_object_set_new(o, "guidance", b->guidance > 0 && b->guidance <= RESORB_GUIDANCE_LANDMARK
                                           ? json_string(guidance[b->guidance])
                                           : json_null());
    json_object_set_new(o, "status", json_string(resorb_advice_status_name(b->status)));
    json_object_set_new(o, "reasons", reasons_json(&b->reasons, lang));
    return o;
}

/* The treatment plan's fields sit directly in "plan" (plan.phenotype, plan.drugs[] ...). */
static void treatment_json(json_t *j, const resorb_treatment_plan *t, resorb_lang lang)
{
    json_t *drugs = json_array(), *blocks = json_array();
    for (size_t i = 0; t->given && i < t->n_drugs; i++)
        json_array_append_new(drugs, drug_json(&t->drugs[i], lang));
    for (size_t i = 0; t->given && i < t->n_blocks; i++)
        json_array_append_new(blocks, block_json(&t->blocks[i], lang));
    json_object_set_new(j, "treatment_deferred", json_boolean(!t->given));
    json_object_set_new(j, "phenotype", json_string(resorb_phenotype_name(t->phenotype)));
    json_object_set_new(j, "phenotype_reasons",
                        t->given ? reasons_json(&t->phenotype_reasons, lang) : json_array());
    json_object_set_new(j, "creatinine_clearance_ml_min",
                        t->given ? num(t->creatinine_clearance_ml_min) : json_null());
    json_object_set_new(j, "clearance_reasons",
                        t->given ? reasons_json(&t->clearance_reasons, lang) : json_array());
    json_object_set_new(j, "drugs", drugs);
    json_object_set_new(j, "blocks", blocks);
}

static json_t *plan_json(const resorb_plan *p, resorb_lang lang)
{
    json_t *j = json_object(), *re = json_array(), *dp = json_array();
    for (int i = 0; i < 3; i++)
        if (p->reassess[i] != RESORB_DATE_NONE)
            json_array_append_new(re, date_json(p->reassess[i]));
    json_array_append_new(dp, date_json(p->decision_first));
    json_array_append_new(dp, date_json(p->decision_second));
    json_object_set_new(j, "basis", json_string(resorb_triage_category_name(p->basis)));
    json_object_set_new(j, "reassess", re);
    json_object_set_new(j, "decision_points", dp);
    json_object_set_new(j, "surgical_review_from", date_json(p->surgical_review));
    json_object_set_new(j, "steps", reasons_json(&p->steps, lang));
    json_object_set_new(j, "refer_if", reasons_json(&p->refer_if, lang));
    json_object_set_new(j, "options", reasons_json(&p->options, lang));
    treatment_json(j, &p->treatment, lang);
    return j;
}

int resorb_report_json(char **out, const resorb_assessment *a, const resorb_case *c,
                       resorb_lang lang, bool pretty)
{
    json_t *o = json_object(), *findings = json_array(), *ev = json_array();
    json_t *exam = json_object(), *roots = json_array();
    *out = NULL;
    for (size_t i = 0; i < a->n_findings; i++)
        json_array_append_new(findings, finding_json(&a->findings[i], c, lang));
    for (size_t i = 0; i < a->n_evidence; i++)
        json_array_append_new(ev, json_string(a->evidence[i]));
    for (size_t i = 0; i < a->exam_roots.n_roots; i++)
        json_array_append_new(roots, root_json(&a->exam_roots.roots[i]));
    json_object_set_new(exam, "roots", roots);
    json_object_set_new(exam, "signs", reasons_json(&a->exam_roots.signs, lang));
    json_object_set_new(o, "format", json_string(RESORB_ASSESSMENT_FORMAT));
    json_object_set_new(o, "case_id", a->case_id[0] ? json_string(a->case_id) : json_null());
    json_object_set_new(o, "as_of", date_json(a->as_of));
    json_object_set_new(o, "as_of_source", json_string(a->as_of_given ? "case" : "default"));
    json_object_set_new(o, "language", json_string(resorb_lang_code(lang)));
    json_object_set_new(o, "triage", triage_json(&a->triage, lang));
    json_object_set_new(o, "exam", exam);
    json_object_set_new(o, "findings", findings);
    json_t *sc = NULL;
    if (resorb_report_scores_json(&sc, &a->scores, lang) != 0) {
        json_decref(o);
        return RESORB_ENOMEM;
    }
    json_object_set(o, "scores", json_object_get(sc, "scores"));
    json_object_set(o, "score_changes", json_object_get(sc, "changes"));
    json_object_set(o, "score_notes", json_object_get(sc, "notes"));
    json_decref(sc);
    json_object_set_new(o, "outlook", outlook_json(&a->outlook, lang));
    json_object_set_new(o, "plan", plan_json(&a->plan, lang));
    json_object_set_new(o, "warnings", reasons_json(&a->warnings, lang));
    json_object_set_new(o, "evidence", ev);
    json_object_set_new(o, "disclaimer", json_string(resorb_msg(lang, "cli.disclaimer")));
    size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6) |
                   (pretty ? JSON_INDENT(2) : JSON_COMPACT);
    *out = json_dumps(o, flags);
    json_decref(o);
    return *out ? 0 : RESORB_ENOMEM;
}

/*
 * report/text.c: the assessment for a terminal, in English or Japanese.
 *
 * Sections in the order a clinician reads them: triage (with what was not assessed and the
 * required actions), the herniations (roots, concordance, resorption with its interval and
 * time course), the outlook, the plan, warnings, the evidence ids, the disclaimer. Each
 * statement ends with its evidence ids in brackets.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/sbuf.h"
#include "resorb/report.h"
#include "resorb/scores_report.h"


static void heading(resorb_sbuf *b, resorb_lang lang, const char *key)
{
    resorb_sbuf__printf(b, "\n== %s\n", resorb_msg(lang, key));
}

static void reason_line(resorb_sbuf *b, const resorb_reason *r, resorb_lang lang, const char *bullet)
{
    char text[1024];
    resorb_reason_format(r, lang, text, sizeof text);
    resorb_sbuf__printf(b, "%s%s", bullet, text);
    if (r->n_evidence > 0) {
        resorb_sbuf__puts(b, " [");
        for (size_t i = 0; i < r->n_evidence; i++)
            resorb_sbuf__printf(b, "%s%s", i ? ", " : "", r->evidence[i]);
        resorb_sbuf__puts(b, "]");
    }
    resorb_sbuf__puts(b, "\n");
}

static void reasons(resorb_sbuf *b, const resorb_reasons *l, resorb_lang lang, const char *bullet)
{
    for (size_t i = 0; i < l->count; i++)
        reason_line(b, &l->items[i], lang, bullet);
}

static const char *word(resorb_lang lang, const char *prefix, const char *name)
{
    char key[96];
    snprintf(key, sizeof key, "%s%s", prefix, name);
    const char *m = resorb_msg(lang, key);
    return m == key ? name : m;
}

static void triage_text(resorb_sbuf *b, const resorb_assessment *a, resorb_lang lang)
{
    const resorb_triage *t = &a->triage;
    char key[64];
    snprintf(key, sizeof key, "report.category.%s", resorb_triage_category_name(t->category));
    resorb_sbuf__printf(b, "%s: %s\n", resorb_msg(lang, "report.triage"), resorb_msg(lang, key));
    for (size_t i = 0; i < t->n_reasons; i++)
        reason_line(b, &t->reasons[i].reason, lang, "  - ");
    if (t->n_not_assessed > 0) {
        resorb_sbuf__printf(b, "  %s ", resorb_msg(lang, "report.not_assessed"));
        for (size_t i = 0; i < t->n_not_assessed; i++)
            resorb_sbuf__printf(b, "%s%s", i ? ", " : "",
                    word(lang, "redflag.", resorb_red_flag_name(t->not_assessed[i])));
        resorb_sbuf__puts(b, "\n");
    }
    if (t->actions.count > 0) {
        resorb_sbuf__printf(b, "  %s\n", resorb_msg(lang, "report.required_actions"));
        reasons(b, &t->actions, lang, "  ! ");
    }
}

static void finding_text(resorb_sbuf *b, const resorb_finding_assessment *f, const resorb_case *c,
                         resorb_lang lang)
{
    static const int months[RESORB_MONTHS_COUNT] = RESORB_MONTHS_INIT;
    char date[RESORB_DATE_TEXT];
    resorb_date_format(c->imaging[f->study].date, date);
    resorb_sbuf__printf(b, "%s %s %s (%s)", resorb_level_name(f->level),
            f->side ? word(lang, "side.", resorb_side_name(f->side)) : "",
            word(lang, "morphology.", resorb_morphology_name(f->morphology)), date);
    if (f->n_roots > 0) {
        resorb_sbuf__printf(b, " -> %s", resorb_msg(lang, "report.root"));
        for (size_t i = 0; i < f->n_roots; i++)
            resorb_sbuf__printf(b, " %s %s", word(lang, "side.", resorb_side_name(f->roots[i].side)),
                    resorb_root_name(f->roots[i].root));
    }
    resorb_sbuf__puts(b, "\n");
    resorb_sbuf__printf(b, "  %s: %s\n", resorb_msg(lang, "report.concordance"),
            word(lang, "report.concordance.", resorb_concordance_name(f->concordance)));
    reasons(b, &f->concordance_reasons, lang, "    - ");
    const resorb_resorption *r = &f->resorption;
    resorb_sbuf__printf(b, "  %s: %.0f%% (%.0f-%.0f%%)", resorb_msg(lang, "report.resorption"),
            100 * r->probability, 100 * r->low, 100 * r->high);
    if (!isnan(r->complete))
        resorb_sbuf__printf(b, "; %s %.0f%%", resorb_msg(lang, "report.complete"), 100 * r->complete);
    resorb_sbuf__puts(b, "\n    ");
    for (int i = 0; i < RESORB_MONTHS_COUNT; i++)
        resorb_sbuf__printf(b, "%s%s %d: %.0f%%", i ? ", " : "", resorb_msg(lang, "report.by_month"),
                months[i], 100 * r->by_month[i]);
    resorb_sbuf__puts(b, "\n");
    reasons(b, &r->reasons, lang, "    - ");
    reasons(b, &r->modifiers, lang, "    + ");
}

static void treatment_text(resorb_sbuf *b, const resorb_treatment_plan *t, resorb_lang lang)
{
    static const char *const guidance[] = {"", "fluoroscopy", "ultrasound", "ct", "landmark"};
    char key[64];
    if (!t->given) {
        resorb_sbuf__printf(b, "  %s\n", resorb_msg(lang, "report.treatment_deferred"));
        return;
    }
    snprintf(key, sizeof key, "report.phenotype.%s", resorb_phenotype_name(t->phenotype));
    resorb_sbuf__printf(b, "  %s: %s\n", resorb_msg(lang, "report.phenotype"), resorb_msg(lang, key));
    reasons(b, &t->phenotype_reasons, lang, "    - ");
    if (isnan(t->creatinine_clearance_ml_min))
        resorb_sbuf__printf(b, "  %s: %s\n", resorb_msg(lang, "report.clearance"),
                resorb_msg(lang, "report.not_computable"));
    else
        resorb_sbuf__printf(b, "  %s: %.0f mL/min\n", resorb_msg(lang, "report.clearance"),
                t->creatinine_clearance_ml_min);
    reasons(b, &t->clearance_reasons, lang, "    - ");
    resorb_sbuf__printf(b, "  %s\n", resorb_msg(lang, "report.drugs"));
    for (size_t i = 0; i < t->n_drugs; i++) {
        const resorb_drug_advice *d = &t->drugs[i];
        snprintf(key, sizeof key, "report.status.%s", resorb_advice_status_name(d->status));
        resorb_sbuf__printf(b, "    [%s] %s\n", resorb_msg(lang, key),
                word(lang, "drug.name.", resorb_drug_name(d->drug)));
        if (d->has_dose)
            reason_line(b, &d->dose, lang, "        = ");
        reasons(b, &d->reasons, lang, "        - ");
    }
    resorb_sbuf__printf(b, "  %s\n", resorb_msg(lang, "report.blocks"));
    for (size_t i = 0; i < t->n_blocks; i++) {
        const resorb_block_advice *k = &t->blocks[i];
        snprintf(key, sizeof key, "report.status.%s", resorb_advice_status_name(k->status));
        resorb_sbuf__printf(b, "    [%s] %s", resorb_msg(lang, key),
                word(lang, "block.type.", resorb_block_type_name(k->type)));
        if (k->root)
            resorb_sbuf__printf(b, " %s %s", k->side ? word(lang, "side.", resorb_side_name(k->side)) : "",
                    resorb_root_name(k->root));
        if (k->guidance > 0 && k->guidance <= RESORB_GUIDANCE_LANDMARK)
            resorb_sbuf__printf(b, " (%s)", word(lang, "guidance.", guidance[k->guidance]));
        resorb_sbuf__puts(b, "\n");
        reasons(b, &k->reasons, lang, "        - ");
    }
}

int resorb_report_text(char **out, const resorb_assessment *a, const resorb_case *c,
                       resorb_lang lang)
{
    resorb_sbuf b = {0};
    char date[RESORB_DATE_TEXT];
    *out = NULL;
    resorb_date_format(a->as_of, date);
    resorb_sbuf__printf(&b, "resorb %s%s%s  %s %s%s\n", resorb_msg(lang, "report.title"),
            a->case_id[0] ? " " : "", a->case_id, resorb_msg(lang, "report.as_of"), date,
            a->as_of_given ? "" : resorb_msg(lang, "report.as_of_default"));
    heading(&b, lang, "report.section.triage");
    triage_text(&b, a, lang);
    heading(&b, lang, "report.section.findings");
    if (a->exam_roots.signs.count > 0) {
        resorb_sbuf__printf(&b, "%s\n", resorb_msg(lang, "report.exam_signs"));
        reasons(&b, &a->exam_roots.signs, lang, "  - ");
    }
    for (size_t i = 0; i < a->n_findings; i++)
        finding_text(&b, &a->findings[i], c, lang);
    if (!a->has_study || a->n_findings == 0)
        resorb_sbuf__printf(&b, "%s\n", resorb_msg(lang, "report.no_findings"));
    if (a->scores.n > 0) {
        char *scores = NULL;
        heading(&b, lang, "report.section.scores");
        if (resorb_report_scores_text(&scores, &a->scores, lang) != 0) {
            free(b.data);
            return RESORB_ENOMEM;
        }
        resorb_sbuf__puts(&b, scores);
        free(scores);
    }
    heading(&b, lang, "report.section.outlook");
    reasons(&b, &a->outlook.statements, lang, "  - ");
    reasons(&b, &a->outlook.poor_prognosis, lang, "  ! ");
    reasons(&b, &a->outlook.prognosis_unknown, lang, "  ? ");
    heading(&b, lang, "report.section.plan");
    reasons(&b, &a->plan.steps, lang, "  * ");
    resorb_sbuf__printf(&b, "  %s\n", resorb_msg(lang, "report.refer_if"));
    reasons(&b, &a->plan.refer_if, lang, "    - ");
    if (a->plan.options.count > 0) {
        resorb_sbuf__printf(&b, "  %s\n", resorb_msg(lang, "report.options"));
        reasons(&b, &a->plan.options, lang, "    - ");
    }
    heading(&b, lang, "report.section.treatment");
    treatment_text(&b, &a->plan.treatment, lang);
    if (a->warnings.count > 0) {
        heading(&b, lang, "report.section.warnings");
        reasons(&b, &a->warnings, lang, "  ! ");
    }
    heading(&b, lang, "report.section.evidence");
    for (size_t i = 0; i < a->n_evidence; i++)
        resorb_sbuf__printf(&b, "%s%s", i % 3 ? ", " : (i ? ",\n  " : "  "), a->evidence[i]);
    resorb_sbuf__printf(&b, "\n\n%s\n", resorb_msg(lang, "cli.disclaimer"));
    if (b.failed) {
        free(b.data);
        return RESORB_ENOMEM;
    }
    *out = b.data;
    return 0;
}

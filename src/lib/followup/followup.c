/*
 * followup/followup.c: resorb_followup (resorb/followup.h), the follow-up of one record.
 *
 * Three parts, each a pure function of the case: the herniations tracked across studies
 * (track.c), the pain and disability trajectories (the scores and changes of
 * resorb_instruments_score, which judges each change against its minimal clinically important
 * difference), and the triage at each visit (resorb_assess on the record cut back to the
 * visit's date, asof.c). Scratch memory for the cut-back case and its assessment is allocated
 * here and freed before returning.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "followup/internal.h"

resorb_date resorb_fu__add_months(resorb_date d, double months)
{
    return d + (resorb_date)lround(months * RESORB_FU_DAYS_PER_MONTH);
}

void resorb_fu__number(char *buf, size_t n, double v, int decimals)
{
    if (n == 0)
        return;
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "-" : v > 0 ? "\xe2\x88\x9e" : "-\xe2\x88\x9e");
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    int k = snprintf(buf, n, "%.*f", decimals, v);
    if (k < 0 || (size_t)k >= n)
        return;
    if (strchr(buf, '.')) {
        char *end = buf + strlen(buf) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
}

void resorb_fu__num_arg(resorb_reason *r, int i, double v, int decimals)
{
    if (r && i >= 0 && i < RESORB_REASON_ARGS)
        resorb_fu__number(r->args[i], sizeof r->args[i], v, decimals);
}

/* ---- trajectories ---- */

static const resorb_instrument tracked[RESORB_FOLLOWUP_TRAJECTORIES] = {
    RESORB_INSTR_LEG_NRS, RESORB_INSTR_BACK_NRS, RESORB_INSTR_ODI};

/* A visit of the record has a value of instrument i on date d (the history's NRS is dated
 * as_of and repeats a visit held that day). */
static bool visit_has(const resorb_scores *s, resorb_instrument i, resorb_date d)
{
    for (size_t k = 0; k < s->n; k++)
        if (s->items[k].instrument == i && s->items[k].source == RESORB_SCORE_VISIT &&
            s->items[k].computed && s->items[k].date == d)
            return true;
    return false;
}

static void trajectories(const resorb_scores *s, resorb_followup_report *out)
{
    out->n_trajectories = RESORB_FOLLOWUP_TRAJECTORIES;
    for (size_t t = 0; t < RESORB_FOLLOWUP_TRAJECTORIES; t++) {
        resorb_trajectory *tr = &out->trajectories[t];
        tr->instrument = tracked[t];
        tr->n_points = 0;
        tr->has_change = false;
        for (size_t k = 0; k < s->n; k++) {
            const resorb_score *sc = &s->items[k];
            if (sc->instrument != tr->instrument || !sc->computed || isnan(sc->value) ||
                sc->date == RESORB_DATE_NONE)
                continue;
            if (sc->source == RESORB_SCORE_HISTORY && visit_has(s, sc->instrument, sc->date))
                continue;
            /* insertion in date order, ties keep list order */
            size_t j = tr->n_points++;
            while (j > 0 && tr->points[j - 1].date > sc->date) {
                tr->points[j] = tr->points[j - 1];
                j--;
            }
            tr->points[j] =
                (resorb_trajectory_point){sc->date, sc->value, sc->source, sc->administration};
        }
        for (size_t k = 0; k < s->n_changes; k++)
            if (s->changes[k].instrument == tr->instrument) {
                tr->change = s->changes[k];
                tr->has_change = true;
                break;
            }
    }
}

/* ---- triage ---- */

static void fill_triage(resorb_visit_triage *vt, const resorb_assessment *a)
{
    const resorb_triage *t = &a->triage;
    vt->category = t->category;
    vt->n_rules = 0;
    resorb_reasons__init(&vt->reasons);
    for (size_t i = 0; i < t->n_reasons; i++) {
        const resorb_triage_reason *tr = &t->reasons[i];
        if (tr->category != t->category)
            continue;
        bool seen = false;
        for (size_t k = 0; k < vt->n_rules && !seen; k++)
            seen = strcmp(vt->rules[k], tr->rule) == 0;
        if (!seen && vt->n_rules < RESORB_VISIT_RULES)
            vt->rules[vt->n_rules++] = tr->rule;
        resorb_reason *r = resorb_reasons__add(&vt->reasons, tr->reason.key);
        if (r)
            *r = tr->reason;
    }
}

static void describe(resorb_visit_triage *vt, const resorb_case *cut, resorb_date onset)
{
    vt->date = cut->as_of;
    vt->months_since_onset = onset != RESORB_DATE_NONE ? resorb_fu__months(onset, cut->as_of) : NAN;
    vt->n_studies = cut->n_imaging;
    vt->n_treatments = cut->n_treatments;
}

static const char *category_word(resorb_triage_category c)
{
    switch (c) {
    case RESORB_TRIAGE_EMERGENCY:
        return "@report.category.emergency";
    case RESORB_TRIAGE_URGENT:
        return "@report.category.urgent";
    case RESORB_TRIAGE_INVESTIGATE:
        return "@report.category.investigate";
    case RESORB_TRIAGE_SURGICAL_CONSULTATION:
        return "@report.category.surgical_consultation";
    case RESORB_TRIAGE_CONSERVATIVE:
    case RESORB_TRIAGE__COUNT:
        break;
    }
    return "@report.category.conservative";
}

static int visit_triage(const resorb_case *c, resorb_case *cut, resorb_assessment *a,
                        resorb_followup_report *out)
{
    out->n_visits = c->n_visits;
    for (size_t v = 0; v < c->n_visits; v++) {
        resorb_visit_triage *vt = &out->visits[v];
        const resorb_visit *visit = &c->visits[v];
        resorb_fu__case_at_visit(c, v, cut);
        int rc = resorb_assess(a, cut, NULL);
        if (rc != 0)
            return rc;
        vt->visit = v;
        describe(vt, cut, c->history.onset);
        vt->leg_pain_nrs = visit->leg_pain_nrs;
        vt->back_pain_nrs = visit->back_pain_nrs;
        vt->course = visit->course;
        fill_triage(vt, a);
        vt->changed = v > 0 && vt->category != out->visits[v - 1].category;
        if (v > 0 && vt->category > out->visits[v - 1].category) {
            resorb_reason *r = resorb_reasons__add(&out->notes, "followup.note.escalated");
            resorb_reason__date(r, 0, vt->date);
            resorb_reason__arg(r, 1, "%s", category_word(vt->category));
            resorb_fu__num_arg(r, 2, vt->months_since_onset, 1);
            if (r && vt->reasons.count > 0)
                for (size_t e = 0; e < vt->reasons.items[0].n_evidence; e++)
                    resorb_reason__cite(r, vt->reasons.items[0].evidence[e]);
        }
    }
    return 0;
}

/* ---- the report ---- */

static void notes(const resorb_case *c, resorb_followup_report *out)
{
    bool compared = false;
    for (size_t i = 0; i < out->n_herniations; i++)
        compared = compared || out->herniations[i].latest != RESORB_FOLLOWUP_NONE;
    resorb_reason *r = resorb_reasons__add(&out->notes, "followup.note.matching");
    if (compared) {
        r = resorb_reasons__add(&out->notes, "followup.note.measures");
        resorb_reason__cite(r, "zou2023.reduction.25_to_50");
        resorb_reason__cite(r, "zou2023.reduction.50_or_more");
        resorb_reason__cite(r, "zou2023.reduction.complete");
    }
    if (c->n_imaging == 0)
        resorb_reasons__add(&out->notes, "followup.note.no_imaging");
    if (c->n_visits == 0)
        resorb_reasons__add(&out->notes, "followup.note.no_visits");
    else
        resorb_reasons__add(&out->notes, "followup.note.cut_back");
    resorb_date surgery = resorb_fu__first_surgery(c);
    if (surgery != RESORB_DATE_NONE) {
        r = resorb_reasons__add(&out->notes, "followup.note.surgery");
        resorb_reason__date(r, 0, surgery);
    }
}

int resorb_followup(const resorb_case *c, resorb_followup_report *out)
{
    if (!c || !out)
        return RESORB_EUSAGE;
    int rc = RESORB_ENOMEM;
    resorb_case *cut = malloc(sizeof *cut);
    resorb_assessment *a = malloc(sizeof *a);
    resorb_scores *scores = malloc(sizeof *scores);
    if (!cut || !a || !scores)
        goto done;

    resorb_strlcpy(out->case_id, c->id, sizeof out->case_id);
    out->as_of = c->as_of;
    out->onset = c->history.onset;
    resorb_reasons__init(&out->notes);

    rc = resorb_fu__track(c, out);
    if (rc != 0)
        goto done;
    rc = resorb_instruments_score(c, scores);
    if (rc != 0)
        goto done;
    trajectories(scores, out);
    rc = visit_triage(c, cut, a, out);
    if (rc != 0)
        goto done;

    /* The whole record on its own date: exactly what `resorb assess` says. */
    rc = resorb_assess(a, c, NULL);
    if (rc != 0)
        goto done;
    resorb_visit_triage *now = &out->record;
    now->visit = RESORB_FOLLOWUP_NONE;
    describe(now, c, c->history.onset);
    now->leg_pain_nrs = c->history.leg_pain_nrs;
    now->back_pain_nrs = c->history.back_pain_nrs;
    now->course = c->history.course;
    fill_triage(now, a);
    now->changed = c->n_visits > 0 && now->category != out->visits[c->n_visits - 1].category;
    notes(c, out);
    rc = 0;
done:
    free(cut);
    free(a);
    free(scores);
    return rc;
}

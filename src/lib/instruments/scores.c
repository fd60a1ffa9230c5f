/*
 * instruments/scores.c: resorb_instruments_score, the assembly of all the scores of a case.
 *
 * It lists every administration (by instrument, then in the case's order; for the pain NRS the
 * visits first and the history, dated as_of, last), scores each with its instrument's
 * function, and for each instrument scored at least twice judges the change between the first
 * and the latest dated computed administration (change.c). When the case holds more
 * administrations than RESORB_SCORES_MAX, the first and the latest of each instrument are
 * kept, the others fill the remaining room in list order, and a note counts the rest.
 */
#include <math.h>
#include <stdint.h>

#include "instruments/internal.h"

/* Every administration a case can hold: 7 questionnaires and the two NRS (history + visits). */
#define SLOTS_MAX (7 * RESORB_MAX_ADMINISTRATIONS + 2 * (RESORB_MAX_VISITS + 1))

typedef struct slot {
    resorb_instrument instrument;
    resorb_score_source source;
    size_t administration;
    resorb_date date;
    bool computed, keep;
} slot;

static void add_slot(slot *slots, size_t *n, resorb_instrument i, resorb_score_source src,
                     size_t adm, resorb_date date)
{
    slots[*n] = (slot){.instrument = i, .source = src, .administration = adm, .date = date};
    (*n)++;
}

static void add_nrs(const resorb_case *c, resorb_instrument i, slot *slots, size_t *n)
{
    for (size_t k = 0; k < c->n_visits && k < RESORB_MAX_VISITS; k++) {
        int v = i == RESORB_INSTR_LEG_NRS ? c->visits[k].leg_pain_nrs : c->visits[k].back_pain_nrs;
        if (v != RESORB_INT_NONE)
            add_slot(slots, n, i, RESORB_SCORE_VISIT, k, c->visits[k].date);
    }
    int h = i == RESORB_INSTR_LEG_NRS ? c->history.leg_pain_nrs : c->history.back_pain_nrs;
    if (h != RESORB_INT_NONE)
        add_slot(slots, n, i, RESORB_SCORE_HISTORY, 0, c->as_of);
}

/* Lists the administrations of c in output order. */
static size_t enumerate(const resorb_case *c, slot *slots)
{
    const resorb_questionnaires *q = &c->questionnaires;
    size_t n = 0;
#define QUESTIONNAIRE(instr, list, count)                                                          \
    for (size_t k = 0; k < q->count && k < RESORB_MAX_ADMINISTRATIONS; k++)                        \
        add_slot(slots, &n, instr, RESORB_SCORE_QUESTIONNAIRE, k, q->list[k].date);
    QUESTIONNAIRE(RESORB_INSTR_ODI, odi, n_odi)
    QUESTIONNAIRE(RESORB_INSTR_RDQ, rdq, n_rdq)
    QUESTIONNAIRE(RESORB_INSTR_JOA, joa, n_joa)
    QUESTIONNAIRE(RESORB_INSTR_JOABPEQ, joabpeq, n_joabpeq)
    QUESTIONNAIRE(RESORB_INSTR_DN4, dn4, n_dn4)
    QUESTIONNAIRE(RESORB_INSTR_PAINDETECT, paindetect, n_paindetect)
    QUESTIONNAIRE(RESORB_INSTR_STARTBACK, startback, n_startback)
#undef QUESTIONNAIRE
    add_nrs(c, RESORB_INSTR_LEG_NRS, slots, &n);
    add_nrs(c, RESORB_INSTR_BACK_NRS, slots, &n);
    return n;
}

static int score_slot(const resorb_case *c, const slot *sl, resorb_score *s)
{
    const resorb_questionnaires *q = &c->questionnaires;
    size_t k = sl->administration;
    resorb_instr__init(s, sl->instrument, sl->source, k, sl->date);
    switch (sl->instrument) {
    case RESORB_INSTR_ODI:
        return resorb_instr__odi(&q->odi[k], s);
    case RESORB_INSTR_RDQ:
        return resorb_instr__rdq(&q->rdq[k], s);
    case RESORB_INSTR_JOA:
        return resorb_instr__joa(&q->joa[k], s);
    case RESORB_INSTR_JOABPEQ:
        return resorb_instr__joabpeq(&q->joabpeq[k], s);
    case RESORB_INSTR_DN4:
        return resorb_instr__dn4(&q->dn4[k], s);
    case RESORB_INSTR_PAINDETECT:
        return resorb_instr__paindetect(&q->paindetect[k], s);
    case RESORB_INSTR_STARTBACK:
        return resorb_instr__startback(&q->startback[k], s);
    case RESORB_INSTR_LEG_NRS:
    case RESORB_INSTR_BACK_NRS: {
        bool leg = sl->instrument == RESORB_INSTR_LEG_NRS;
        int v = sl->source == RESORB_SCORE_HISTORY
                    ? (leg ? c->history.leg_pain_nrs : c->history.back_pain_nrs)
                    : (leg ? c->visits[k].leg_pain_nrs : c->visits[k].back_pain_nrs);
        return resorb_instr__nrs(v, s);
    }
    case RESORB_INSTR__COUNT:
        break;
    }
    return RESORB_EUSAGE;
}

/* The first and latest dated computed administration of one instrument, and the last computed
 * one in list order (for instruments given without dates). Fed in list order. */
typedef struct pick {
    size_t first, latest, last, n_computed, n_dated;
    resorb_date first_date, latest_date;
} pick;

static void pick_init(pick *p)
{
    *p = (pick){.first = SIZE_MAX, .latest = SIZE_MAX, .last = SIZE_MAX};
}

static void pick_add(pick *p, size_t idx, resorb_date date, bool computed)
{
    if (!computed)
        return;
    p->n_computed++;
    p->last = idx;
    if (date == RESORB_DATE_NONE)
        return;
    p->n_dated++;
    if (p->first == SIZE_MAX || date < p->first_date) {
        p->first = idx;
        p->first_date = date;
    }
    if (p->latest == SIZE_MAX || date >= p->latest_date) {
        p->latest = idx;
        p->latest_date = date;
    }
}

static size_t pick_latest(const pick *p)
{
    return p->latest != SIZE_MAX ? p->latest : p->last;
}

static pick pick_scores(const resorb_scores *s, resorb_instrument i)
{
    pick p;
    pick_init(&p);
    for (size_t k = 0; k < s->n; k++)
        if (s->items[k].instrument == i)
            pick_add(&p, k, s->items[k].date, s->items[k].computed);
    return p;
}

/* Over the cap: marks the administrations that must stay listed (first, latest, last). */
static int mark_keep(const resorb_case *c, slot *slots, size_t n)
{
    resorb_score scratch;
    for (size_t k = 0; k < n; k++) {
        int rc = score_slot(c, &slots[k], &scratch);
        if (rc != 0)
            return rc;
        slots[k].computed = scratch.computed;
    }
    for (int i = 0; i < RESORB_INSTR__COUNT; i++) {
        pick p;
        pick_init(&p);
        for (size_t k = 0; k < n; k++)
            if (slots[k].instrument == (resorb_instrument)i)
                pick_add(&p, k, slots[k].date, slots[k].computed);
        if (p.first != SIZE_MAX)
            slots[p.first].keep = true;
        if (pick_latest(&p) != SIZE_MAX)
            slots[pick_latest(&p)].keep = true;
    }
    return 0;
}

int resorb_instruments_score(const resorb_case *c, resorb_scores *out)
{
    if (!c || !out)
        return RESORB_EUSAGE;
    slot slots[SLOTS_MAX];
    size_t n = enumerate(c, slots);
    out->n = out->n_changes = out->dropped = 0;
    resorb_reasons__init(&out->notes);

    size_t room = n;
    if (n > RESORB_SCORES_MAX) {
        int rc = mark_keep(c, slots, n);
        if (rc != 0)
            return rc;
        size_t kept = 0;
        for (size_t k = 0; k < n; k++)
            kept += slots[k].keep ? 1 : 0;
        room = RESORB_SCORES_MAX - kept;
    }
    for (size_t k = 0; k < n; k++) {
        if (n > RESORB_SCORES_MAX && !slots[k].keep) {
            if (room == 0) {
                out->dropped++;
                continue;
            }
            room--;
        }
        int rc = score_slot(c, &slots[k], &out->items[out->n]);
        if (rc != 0)
            return rc;
        out->n++;
    }
    if (out->dropped > 0) {
        resorb_reason *r = resorb_reasons__add(&out->notes, "score.dropped");
        resorb_reason__arg(r, 0, "%zu", out->dropped);
        resorb_reason__arg(r, 1, "%d", RESORB_SCORES_MAX);
    }

    for (int i = 0; i < RESORB_INSTR__COUNT && out->n_changes < RESORB_CHANGES_MAX; i++) {
        pick p = pick_scores(out, (resorb_instrument)i);
        if (p.n_computed < 2)
            continue;
        bool dated = p.n_dated >= 2;
        int rc = resorb_instr__change(out, (resorb_instrument)i, dated ? p.first : SIZE_MAX,
                                      dated ? p.latest : SIZE_MAX, p.n_computed, p.n_dated,
                                      &out->changes[out->n_changes]);
        if (rc != 0)
            return rc;
        out->n_changes++;
    }
    return 0;
}

const resorb_score *resorb_scores_latest(const resorb_scores *s, resorb_instrument i)
{
    if (!s)
        return NULL;
    pick p = pick_scores(s, i);
    size_t k = pick_latest(&p);
    return k == SIZE_MAX ? NULL : &s->items[k];
}

double resorb_scores_latest_value(const resorb_scores *s, resorb_instrument i)
{
    const resorb_score *x = resorb_scores_latest(s, i);
    return x ? x->value : (double)NAN;
}

const char *resorb_instrument_name(resorb_instrument i)
{
    static const char *const names[RESORB_INSTR__COUNT] = {
        "odi", "rdq", "joa", "joabpeq", "dn4", "paindetect", "startback", "leg_nrs", "back_nrs",
    };
    return (unsigned)i < RESORB_INSTR__COUNT ? names[i] : "";
}

const char *resorb_score_source_name(resorb_score_source s)
{
    switch (s) {
    case RESORB_SCORE_QUESTIONNAIRE:
        return "questionnaire";
    case RESORB_SCORE_HISTORY:
        return "history";
    case RESORB_SCORE_VISIT:
        return "visit";
    }
    return "";
}

const char *resorb_change_verdict_name(resorb_change_verdict v)
{
    switch (v) {
    case RESORB_CHANGE_NOT_JUDGED:
        return "not_judged";
    case RESORB_CHANGE_IMPROVED:
        return "improved";
    case RESORB_CHANGE_NO_IMPORTANT_CHANGE:
        return "no_important_change";
    case RESORB_CHANGE_WORSENED:
        return "worsened";
    case RESORB_CHANGE_MIXED:
        return "mixed";
    }
    return "";
}

const char *resorb_joabpeq_domain_name(resorb_joabpeq_domain d)
{
    static const char *const names[RESORB_SCORE_DOMAINS] = {"pain", "lumbar_function", "walking",
                                                            "social", "mental"};
    return (unsigned)d < RESORB_SCORE_DOMAINS ? names[d] : "";
}

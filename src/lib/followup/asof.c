/*
 * followup/asof.c: the record as it was known at one visit, for re-running the triage.
 *
 * What resorb would have said at visit v is resorb_assess() on the record cut back to the
 * visit's date d. The cut (docs/followup.md, "Triage at each visit"):
 *
 *  - as_of = d; visits after v are dropped (visits are in date order);
 *  - studies dated after d are dropped;
 *  - treatments started after d are dropped; one still running on d (ended after d, or with no
 *    recorded end while d is before the record's as_of) loses its end date and its response,
 *    which were not known yet;
 *  - questionnaire administrations dated after d are dropped, and undated ones too (they
 *    cannot be placed before d) unless d is the record's own as_of;
 *  - the history's current pain and course are the visit's (absent when the visit has none);
 *  - the examination is dated as_of in a case: before the record's as_of, its motor grades
 *    are replaced by the visit's own muscle testing (none when the visit recorded none), which
 *    is moved from the visit to the examination so that it counts once, as the assessment of
 *    the day; a later deficit is thus not seen early. The other parts of the examination, the
 *    red flags and the patient's details have no date of their own and are kept as recorded.
 *
 * The result satisfies the case's cross-field rules (every kept date is on or before d; a test
 * runs resorb_case_check on it).
 */
#include <string.h>

#include "followup/internal.h"

/* Keeps the elements of an array of structs whose first member is a resorb_date (every
 * questionnaire administration type) dated on or before d; undated ones when keep_undated. */
static size_t keep_dated(void *items, size_t n, size_t size, resorb_date d, bool keep_undated)
{
    unsigned char *base = items;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        resorb_date when;
        memcpy(&when, base + i * size, sizeof when);
        bool keep = when == RESORB_DATE_NONE ? keep_undated : when <= d;
        if (!keep)
            continue;
        if (kept != i)
            memmove(base + kept * size, base + i * size, size);
        kept++;
    }
    return kept;
}

#define KEEP(list, count) (q->count = keep_dated(q->list, q->count, sizeof q->list[0], d, final))

void resorb_fu__case_at_visit(const resorb_case *c, size_t v, resorb_case *out)
{
    const resorb_visit *visit = &c->visits[v];
    resorb_date d = visit->date;
    bool final = d >= c->as_of;
    memcpy(out, c, sizeof *out);
    out->as_of = d;
    out->as_of_given = true;
    out->n_visits = v + 1;

    size_t n = 0;
    for (size_t i = 0; i < c->n_imaging; i++)
        if (c->imaging[i].date <= d)
            out->imaging[n++] = c->imaging[i];
    out->n_imaging = n;

    n = 0;
    for (size_t i = 0; i < c->n_treatments; i++) {
        resorb_treatment t = c->treatments[i];
        if (t.start != RESORB_DATE_NONE && t.start > d)
            continue;
        bool running = t.end == RESORB_DATE_NONE ? !final : t.end > d;
        if (running) {
            t.end = RESORB_DATE_NONE;
            t.response = RESORB_RESPONSE_NONE;
        }
        out->treatments[n++] = t;
    }
    out->n_treatments = n;

    resorb_questionnaires *q = &out->questionnaires;
    KEEP(odi, n_odi);
    KEEP(rdq, n_rdq);
    KEEP(dn4, n_dn4);
    KEEP(paindetect, n_paindetect);
    KEEP(startback, n_startback);
    KEEP(joa, n_joa);
    KEEP(joabpeq, n_joabpeq);

    out->history.leg_pain_nrs = visit->leg_pain_nrs;
    out->history.back_pain_nrs = visit->back_pain_nrs;
    out->history.course = visit->course;

    if (!final) {
        /* The visit's muscle testing becomes the examination of the day (and leaves the
         * visit, so that the same grades are not counted twice as two assessments). */
        size_t m = visit->motor_given ? visit->n_motor : 0;
        out->exam.n_motor = m < RESORB_MAX_EXAM_ITEMS ? m : RESORB_MAX_EXAM_ITEMS;
        for (size_t i = 0; i < out->exam.n_motor; i++)
            out->exam.motor[i] = visit->motor[i];
        out->visits[v].n_motor = 0;
        out->visits[v].motor_given = false;
    }
}

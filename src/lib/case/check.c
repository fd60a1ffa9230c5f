/*
 * case/check.c: the cross-field rules of resorb.case/1 (docs/case-format.md, "Cross-field
 * rules" and "Warnings"). JSON Schema cannot express these; they run on the typed case, after
 * decoding, and only compare fields that were read successfully (an absent or invalid date is
 * RESORB_DATE_NONE and takes part in no comparison, so one bad value gives one error).
 */
#include <stdio.h>

#include "case/names.h"
#include "core/diag.h"

typedef struct checker {
    const resorb_case *c;
    resorb_diags *d;
    size_t added;
} checker;

static void problem(checker *k, resorb_severity sev, resorb_problem p, const char *path,
                    resorb_date a, resorb_date b)
{
    char ta[RESORB_DATE_TEXT], tb[RESORB_DATE_TEXT];
    resorb_date_format(a, ta);
    resorb_date_format(b, tb);
    resorb_diags__add(k->d, sev, p, path, ta, tb, NULL);
    if (sev == RESORB_SEV_ERROR)
        k->added++;
}

/* A dated entry: on or before as_of (error), on or after onset (warning when asked). */
static void dated(checker *k, const char *path, resorb_date date, bool warn_before_onset)
{
    resorb_date as_of = k->c->as_of, onset = k->c->history.onset;
    if (date == RESORB_DATE_NONE)
        return;
    if (as_of != RESORB_DATE_NONE && date > as_of)
        problem(k, RESORB_SEV_ERROR, RESORB_P_AFTER_AS_OF, path, date, as_of);
    if (warn_before_onset && onset != RESORB_DATE_NONE && date < onset)
        problem(k, RESORB_SEV_WARNING, RESORB_P_BEFORE_ONSET, path, date, onset);
}

static void check_imaging(checker *k)
{
    char path[RESORB_PATH_MAX];
    for (size_t i = 0; i < k->c->n_imaging; i++) {
        const resorb_study *s = &k->c->imaging[i];
        snprintf(path, sizeof path, "/imaging/%zu/date", i);
        dated(k, path, s->date, true);
        for (size_t j = 0; j < s->n_findings; j++) {
            const resorb_finding *f = &s->findings[j];
            if (f->level == RESORB_LEVEL_NONE)
                continue;
            for (size_t m = 0; m < j; m++) {
                if (s->findings[m].level != f->level || s->findings[m].side != f->side)
                    continue;
                snprintf(path, sizeof path, "/imaging/%zu/findings/%zu", i, j);
                resorb_diags__add(k->d, RESORB_SEV_ERROR, RESORB_P_DUPLICATE_FINDING, path,
                                  resorb_level_name(f->level),
                                  f->side ? resorb_side_name(f->side) : "(none)", NULL);
                k->added++;
                break;
            }
        }
    }
}

static void check_treatments(checker *k)
{
    char path[RESORB_PATH_MAX];
    for (size_t i = 0; i < k->c->n_treatments; i++) {
        const resorb_treatment *t = &k->c->treatments[i];
        snprintf(path, sizeof path, "/treatments/%zu/start", i);
        dated(k, path, t->start, true);
        snprintf(path, sizeof path, "/treatments/%zu/end", i);
        dated(k, path, t->end, false);
        if (t->start != RESORB_DATE_NONE && t->end != RESORB_DATE_NONE && t->end < t->start)
            problem(k, RESORB_SEV_ERROR, RESORB_P_END_BEFORE_START, path, t->end, t->start);
    }
}

static void check_visits(checker *k)
{
    char path[RESORB_PATH_MAX];
    resorb_date prev = RESORB_DATE_NONE;
    for (size_t i = 0; i < k->c->n_visits; i++) {
        resorb_date d = k->c->visits[i].date;
        snprintf(path, sizeof path, "/visits/%zu/date", i);
        dated(k, path, d, true);
        if (d == RESORB_DATE_NONE)
            continue;
        if (prev != RESORB_DATE_NONE && d < prev)
            problem(k, RESORB_SEV_ERROR, RESORB_P_OUT_OF_ORDER, path, d, prev);
        prev = d;
    }
}

#define CHECK_ADMINS(k, q, field)                                                              \
    do {                                                                                       \
        char p_[RESORB_PATH_MAX];                                                              \
        for (size_t i_ = 0; i_ < (q)->n_##field; i_++) {                                       \
            snprintf(p_, sizeof p_, "/questionnaires/" #field "/%zu/date", i_);               \
            dated((k), p_, (q)->field[i_].date, false);                                        \
        }                                                                                      \
    } while (0)

static void check_questionnaires(checker *k)
{
    const resorb_questionnaires *q = &k->c->questionnaires;
    CHECK_ADMINS(k, q, odi);
    CHECK_ADMINS(k, q, rdq);
    CHECK_ADMINS(k, q, dn4);
    CHECK_ADMINS(k, q, paindetect);
    CHECK_ADMINS(k, q, startback);
    CHECK_ADMINS(k, q, joa);
    CHECK_ADMINS(k, q, joabpeq);
}

size_t resorb_case_check(const resorb_case *c, resorb_diags *diags)
{
    checker k = {c, diags, 0};
    if (c->history.onset != RESORB_DATE_NONE && c->as_of != RESORB_DATE_NONE &&
        c->history.onset > c->as_of)
        problem(&k, RESORB_SEV_ERROR, RESORB_P_AFTER_AS_OF, "/history/onset", c->history.onset,
                c->as_of);
    if (c->patient.pregnant == RESORB_TRI_YES && c->patient.sex == RESORB_SEX_MALE) {
        resorb_diags__add(diags, RESORB_SEV_ERROR, RESORB_P_INCONSISTENT, "/patient/pregnant",
                          "/patient/sex", NULL, NULL);
        k.added++;
    }
    check_imaging(&k);
    check_treatments(&k);
    check_visits(&k);
    check_questionnaires(&k);
    return k.added;
}

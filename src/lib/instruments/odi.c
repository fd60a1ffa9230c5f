/*
 * instruments/odi.c: the Oswestry Disability Index (version 2.x).
 *
 * Ten sections scored 0 (first statement) to 5 (last); the index is the sum over the answered
 * sections divided by 5 x the number answered, times 100 (16/50 = 32%; with one section
 * unanswered 16/45 = 35.6%). An unanswered section lowers the denominator; it is never scored
 * 0. Missing-section policy: at most fairbank2000.odi.max_missing (1) section may be
 * unanswered; with more, the ODI is not computable (the awell implementation's rule; other
 * scoring pages reduce the denominator without a cap, docs/instruments.md says why we cap).
 * Bands: minimal 0-20, moderate 21-40, severe 41-60, crippled 61-80, bed-bound 81-100 %; a
 * fractional index between two bands (e.g. 20.5, possible only with a section missing) falls
 * in the higher band (each band holds the values up to its upper bound).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "instruments/internal.h"

static const char *const section_words[RESORB_ODI_ITEMS] = {
    "@instruments.odi.section.pain_intensity", "@instruments.odi.section.personal_care",
    "@instruments.odi.section.lifting",        "@instruments.odi.section.walking",
    "@instruments.odi.section.sitting",        "@instruments.odi.section.standing",
    "@instruments.odi.section.sleeping",       "@instruments.odi.section.sex_life",
    "@instruments.odi.section.social_life",    "@instruments.odi.section.travelling",
};

/* EVIDENCE: fairbank2000.odi.band.minimal, fairbank2000.odi.band.moderate,
 * fairbank2000.odi.band.severe, fairbank2000.odi.band.crippled, fairbank2000.odi.band.bed_bound */
static const struct {
    const char *id, *word;
} bands[] = {
    {"fairbank2000.odi.band.minimal", "minimal"},
    {"fairbank2000.odi.band.moderate", "moderate"},
    {"fairbank2000.odi.band.severe", "severe"},
    {"fairbank2000.odi.band.crippled", "crippled"},
    {"fairbank2000.odi.band.bed_bound", "bed_bound"},
};

static void band(resorb_score *s, bool *ok)
{
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        double low = NAN, high = NAN;
        resorb_instr__need_interval(bands[i].id, &low, &high, ok);
        if (!*ok)
            return;
        if (s->value <= high + RESORB_INSTR_EPS) {
            char word[64];
            s->band = bands[i].word;
            snprintf(word, sizeof word, "@score.band.odi.%s", bands[i].word);
            resorb_reason *r = resorb_reasons__add(&s->reasons, "score.odi.band");
            resorb_reason__arg(r, 0, "%s", word);
            resorb_instr__num(r, 1, low);
            resorb_instr__num(r, 2, high);
            resorb_instr__cite(r, bands[i].id, ok);
            return;
        }
    }
}

int resorb_instr__odi(const resorb_odi *a, resorb_score *s)
{
    bool ok = true;
    /* EVIDENCE: fairbank2000.odi.section_max, fairbank2000.odi.max_missing */
    double section_max = resorb_instr__need("fairbank2000.odi.section_max", &ok);
    double max_missing = resorb_instr__need("fairbank2000.odi.max_missing", &ok);
    double sections = resorb_instr__need("fairbank2000.odi.sections", &ok);
    if (!ok)
        return RESORB_ENOTFOUND;

    int sum = 0, answered = 0;
    char missing[64] = "";
    size_t mlen = 0;
    for (size_t k = 0; k < RESORB_ODI_ITEMS; k++) {
        int v = a->items[k];
        if (v == RESORB_INT_NONE) {
            int w =
                snprintf(missing + mlen, sizeof missing - mlen, "%s%zu", mlen ? ", " : "", k + 1);
            if (w > 0 && (size_t)w < sizeof missing - mlen)
                mlen += (size_t)w;
            continue;
        }
        if (v < 0 || v > (int)section_max) {
            char what[32];
            snprintf(what, sizeof what, "odi.items[%zu]", k);
            resorb_instr__invalid(s, what);
            return 0;
        }
        sum += v;
        answered++;
    }
    int n_missing = RESORB_ODI_ITEMS - answered;

    /* EVIDENCE: fairbank2000.odi.max_missing */
    if (n_missing > (int)max_missing || answered == 0) {
        resorb_reason *r = resorb_reasons__add(&s->reasons, "score.odi.not_computable");
        resorb_reason__arg(r, 0, "%d", n_missing);
        resorb_instr__num(r, 1, sections);
        resorb_reason__arg(r, 2, "%s", missing);
        resorb_instr__num(r, 3, max_missing);
        resorb_instr__cite(r, "fairbank2000.odi.max_missing", &ok);
        resorb_instr__cite(r, "fairbank2000.odi.formula", &ok);
        return ok ? 0 : RESORB_ENOTFOUND;
    }

    /* EVIDENCE: fairbank2000.odi.formula */
    double denominator = section_max * answered;
    s->computed = true;
    s->value = sum / denominator * 100.0;
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.odi.value");
    resorb_instr__num(r, 0, s->value);
    resorb_reason__arg(r, 1, "%d", sum);
    resorb_instr__num(r, 2, denominator);
    resorb_reason__arg(r, 3, "%d", answered);
    resorb_instr__cite(r, "fairbank2000.odi.formula", &ok);
    resorb_instr__cite(r, "fairbank2000.odi.sections", &ok);
    resorb_instr__cite(r, "fairbank2000.odi.section_max", &ok);
    for (size_t k = 0; k < RESORB_ODI_ITEMS; k++) {
        if (a->items[k] != RESORB_INT_NONE)
            continue;
        r = resorb_reasons__add(&s->reasons, "score.odi.missing");
        resorb_reason__arg(r, 0, "%zu", k + 1);
        resorb_reason__arg(r, 1, "%s", section_words[k]);
        resorb_instr__num(r, 2, section_max);
        resorb_instr__num(r, 3, max_missing);
        resorb_instr__cite(r, "fairbank2000.odi.max_missing", &ok);
    }
    band(s, &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}

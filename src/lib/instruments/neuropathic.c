/*
 * instruments/neuropathic.c: the neuropathic-pain screening questionnaires DN4 and painDETECT.
 *
 * DN4: 10 yes/no items, one point each (7 interview items, 3 examination items); a total of
 * 4 or more suggests neuropathic pain (perez2007.dn4.cutoff, the best cut-off of the Spanish
 * validation co-authored by Bouhassira; the original French paper's text was not retrieved).
 * Band words: "positive", "negative".
 *
 * painDETECT: 7 sensory items 0-5, plus the pain-course pattern (-1 to +1) and radiating pain
 * (+2 when yes); total -1 to 38. Bands: <= 12 "unlikely" (< 15%), 13-18 "unclear", >= 19
 * "likely" (> 90%) neuropathic component (Freynhagen 2006). The course-pattern points were read
 * in a table whose rendering was garbled: the reason says so.
 *
 * Both are screening tools: a band is a probability statement, not a diagnosis.
 */
#include <math.h>
#include <stdio.h>

#include "instruments/internal.h"

int resorb_instr__dn4(const resorb_dn4 *a, resorb_score *s)
{
    bool ok = true;
    /* EVIDENCE: pmc7136290.dn4.items, pmc7136290.dn4.interview_items, pmc7136290.dn4.exam_items */
    double n_items = resorb_instr__need("pmc7136290.dn4.items", &ok);
    double n_interview = resorb_instr__need("pmc7136290.dn4.interview_items", &ok);
    double n_exam = resorb_instr__need("pmc7136290.dn4.exam_items", &ok);
    /* EVIDENCE: perez2007.dn4.cutoff */
    double cutoff = resorb_instr__need("perez2007.dn4.cutoff", &ok);
    double sens = resorb_instr__need("kim.dn4.lumbar.sensitivity", &ok);
    double spec = resorb_instr__need("kim.dn4.lumbar.specificity", &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    if (n_interview + n_exam != RESORB_DN4_ITEMS || n_items != RESORB_DN4_ITEMS) {
        resorb_instr__invalid(s, "dn4.items");
        return 0;
    }
    int interview = 0, exam = 0;
    for (int k = 0; k < RESORB_DN4_ITEMS; k++) {
        if (k < (int)n_interview)
            interview += a->items[k] ? 1 : 0;
        else
            exam += a->items[k] ? 1 : 0;
    }
    int total = interview + exam;
    s->computed = true;
    s->value = total;
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.dn4.value");
    resorb_reason__arg(r, 0, "%d", total);
    resorb_instr__num(r, 1, n_items);
    resorb_instr__cite(r, "pmc7136290.dn4.items", &ok);
    r = resorb_reasons__add(&s->reasons, "score.dn4.parts");
    resorb_reason__arg(r, 0, "%d", interview);
    resorb_instr__num(r, 1, n_interview);
    resorb_reason__arg(r, 2, "%d", exam);
    resorb_instr__num(r, 3, n_exam);
    resorb_instr__cite(r, "pmc7136290.dn4.interview_items", &ok);
    resorb_instr__cite(r, "pmc7136290.dn4.exam_items", &ok);

    /* EVIDENCE: perez2007.dn4.cutoff, kim.dn4.lumbar.sensitivity, kim.dn4.lumbar.specificity */
    s->band = total >= cutoff ? "positive" : "negative";
    r = resorb_reasons__add(&s->reasons,
                            total >= cutoff ? "score.dn4.positive" : "score.dn4.negative");
    resorb_instr__num(r, 0, cutoff);
    resorb_instr__num(r, 1, sens);
    resorb_instr__num(r, 2, spec);
    resorb_instr__cite(r, "perez2007.dn4.cutoff", &ok);
    resorb_instr__cite(r, "kim.dn4.lumbar.sensitivity", &ok);
    resorb_instr__cite(r, "kim.dn4.lumbar.specificity", &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}

/* EVIDENCE: pmc7136290.paindetect.course.persistent,
 * pmc7136290.paindetect.course.persistent_attacks,
 * pmc7136290.paindetect.course.attacks_no_pain_between,
 * pmc7136290.paindetect.course.attacks_pain_between */
static const char *course_row(resorb_pd_course c)
{
    switch (c) {
    case RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS:
        return "pmc7136290.paindetect.course.persistent";
    case RESORB_PD_PERSISTENT_WITH_ATTACKS:
        return "pmc7136290.paindetect.course.persistent_attacks";
    case RESORB_PD_ATTACKS_WITHOUT_PAIN_BETWEEN:
        return "pmc7136290.paindetect.course.attacks_no_pain_between";
    case RESORB_PD_ATTACKS_WITH_PAIN_BETWEEN:
        return "pmc7136290.paindetect.course.attacks_pain_between";
    case RESORB_PD_COURSE_NONE:
        break;
    }
    return NULL;
}

static const char *course_word(resorb_pd_course c)
{
    switch (c) {
    case RESORB_PD_PERSISTENT_SLIGHT_FLUCTUATIONS:
        return "@instruments.pdcourse.persistent";
    case RESORB_PD_PERSISTENT_WITH_ATTACKS:
        return "@instruments.pdcourse.persistent_attacks";
    case RESORB_PD_ATTACKS_WITHOUT_PAIN_BETWEEN:
        return "@instruments.pdcourse.attacks_no_pain_between";
    case RESORB_PD_ATTACKS_WITH_PAIN_BETWEEN:
        return "@instruments.pdcourse.attacks_pain_between";
    case RESORB_PD_COURSE_NONE:
        break;
    }
    return "";
}

int resorb_instr__paindetect(const resorb_paindetect *a, resorb_score *s)
{
    bool ok = true;
    double low = NAN, high = NAN;
    /* EVIDENCE: freynhagen2006.paindetect.range, freynhagen2006.paindetect.sensory_items,
     * freynhagen2006.paindetect.radiating, freynhagen2006.paindetect.unlikely_max,
     * freynhagen2006.paindetect.likely_min */
    resorb_instr__need_interval("freynhagen2006.paindetect.range", &low, &high, &ok);
    double n_sensory = resorb_instr__need("freynhagen2006.paindetect.sensory_items", &ok);
    double radiating_points = resorb_instr__need("freynhagen2006.paindetect.radiating", &ok);
    double unlikely_max = resorb_instr__need("freynhagen2006.paindetect.unlikely_max", &ok);
    double likely_min = resorb_instr__need("freynhagen2006.paindetect.likely_min", &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    if (n_sensory != RESORB_PAINDETECT_ITEMS) {
        resorb_instr__invalid(s, "paindetect.items");
        return 0;
    }
    int sensory = 0;
    for (int k = 0; k < RESORB_PAINDETECT_ITEMS; k++) {
        /* each item 0 (never) .. 5 (very strongly), the case format's range */
        if (a->items[k] == RESORB_INT_NONE || a->items[k] < 0 || a->items[k] > 5) {
            char what[32];
            snprintf(what, sizeof what, "paindetect.items[%d]", k);
            resorb_instr__invalid(s, what);
            return 0;
        }
        sensory += a->items[k];
    }
    const char *row = course_row(a->course);
    if (!row) {
        resorb_instr__invalid(s, "paindetect.course");
        return 0;
    }
    double course = resorb_instr__need(row, &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    double radiating = a->radiating ? radiating_points : 0;
    double total = sensory + course + radiating;
    if (total < low || total > high) {
        resorb_instr__invalid(s, "paindetect");
        return 0;
    }

    s->computed = true;
    s->value = total;
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.paindetect.value");
    resorb_instr__num(r, 0, total);
    resorb_instr__num(r, 1, low);
    resorb_instr__num(r, 2, high);
    resorb_reason__arg(r, 3, "%d", sensory);
    resorb_instr__cite(r, "freynhagen2006.paindetect.range", &ok);
    resorb_instr__cite(r, "freynhagen2006.paindetect.sensory_items", &ok);
    r = resorb_reasons__add(&s->reasons, "score.paindetect.course");
    resorb_reason__arg(r, 0, "%s", course_word(a->course));
    resorb_instr__num(r, 1, course);
    resorb_instr__cite(r, row, &ok);
    r = resorb_reasons__add(&s->reasons, a->radiating ? "score.paindetect.radiating"
                                                      : "score.paindetect.not_radiating");
    resorb_instr__num(r, 0, radiating_points);
    resorb_instr__cite(r, "freynhagen2006.paindetect.radiating", &ok);

    if (total <= unlikely_max) {
        s->band = "unlikely";
        r = resorb_reasons__add(&s->reasons, "score.paindetect.unlikely");
        resorb_instr__num(r, 0, unlikely_max);
        resorb_instr__cite(r, "freynhagen2006.paindetect.unlikely_max", &ok);
    } else if (total >= likely_min) {
        s->band = "likely";
        r = resorb_reasons__add(&s->reasons, "score.paindetect.likely");
        resorb_instr__num(r, 0, likely_min);
        resorb_instr__cite(r, "freynhagen2006.paindetect.likely_min", &ok);
    } else {
        s->band = "unclear";
        r = resorb_reasons__add(&s->reasons, "score.paindetect.unclear");
        resorb_instr__num(r, 0, unlikely_max + 1);
        resorb_instr__num(r, 1, likely_min - 1);
        resorb_instr__cite(r, "freynhagen2006.paindetect.unlikely_max", &ok);
        resorb_instr__cite(r, "freynhagen2006.paindetect.likely_min", &ok);
    }
    return ok ? 0 : RESORB_ENOTFOUND;
}

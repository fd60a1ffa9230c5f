/*
 * followup/track.c: each herniation tracked across the imaging studies (resorb/followup.h).
 *
 * The studies are put in date order (ties keep the case's order). A herniation is a level and
 * a side: one study lists at most one finding per level and side (a cross-field rule of the
 * case), so following the pair through the studies is unambiguous. Its first study is the
 * baseline; every later study is a point, listed or not. A point's size is compared with the
 * baseline by the first of volume, area and AP depth that both ends measured (never volume at
 * one end and AP at the other), and the reduction is graded by the bands of Zou 2023:
 *
 *   reduction <  25%            none     (below the lowest reported band)
 *   25% <= reduction < 50%      partial  EVIDENCE: zou2023.reduction.25_to_50
 *   50% <= reduction < 100%     marked   EVIDENCE: zou2023.reduction.50_or_more
 *   reduction = 100% (size 0)   complete EVIDENCE: zou2023.reduction.complete
 *
 * with the band limits read from the rows zou2023.reduction.partial_from, .marked_from and
 * .complete_at. A study that does not list the herniation says nothing about its size: it is
 * reported as "not listed", never taken for a disappearance.
 */
#include <math.h>
#include <string.h>

#include "followup/internal.h"

static const char *const grade_cites[] = {"zou2023.reduction.25_to_50",
                                          "zou2023.reduction.50_or_more",
                                          "zou2023.reduction.complete", NULL};

typedef struct bands {
    double partial, marked, complete; /* percent reductions from which a grade applies */
} bands;

static int read_bands(bands *b)
{
    bool ok = true;
    /* EVIDENCE: zou2023.reduction.partial_from (25), zou2023.reduction.marked_from (50),
     * zou2023.reduction.complete_at (100) */
    b->partial = resorb_engine__value("zou2023.reduction.partial_from", &ok);
    b->marked = resorb_engine__value("zou2023.reduction.marked_from", &ok);
    b->complete = resorb_engine__value("zou2023.reduction.complete_at", &ok);
    if (!ok || isnan(b->partial) || isnan(b->marked) || isnan(b->complete))
        return RESORB_ENOTFOUND;
    return 0;
}

/* A tolerance for comparing a computed percentage with a band limit (2100 -> 1575 is exactly
 * 25%). Not a clinical number: rounding of the arithmetic only. */
#define BAND_EPS 1e-9

static resorb_resorption_grade grade_of(const bands *b, double reduction)
{
    if (isnan(reduction))
        return RESORB_RESORPTION_UNKNOWN;
    if (reduction >= b->complete - BAND_EPS)
        return RESORB_RESORPTION_COMPLETE;
    if (reduction >= b->marked - BAND_EPS)
        return RESORB_RESORPTION_MARKED;
    if (reduction >= b->partial - BAND_EPS)
        return RESORB_RESORPTION_PARTIAL;
    return RESORB_RESORPTION_NONE;
}

static double measure_of(const resorb_finding *f, resorb_size_measure m)
{
    switch (m) {
    case RESORB_SIZE_VOLUME:
        return f->volume_mm3;
    case RESORB_SIZE_AREA:
        return f->area_mm2;
    case RESORB_SIZE_AP:
        return f->ap_mm;
    case RESORB_SIZE_NONE:
        break;
    }
    return NAN;
}

/* The first of volume, area, AP measured at both ends, with a positive baseline. */
static resorb_size_measure common_measure(const resorb_finding *base, const resorb_finding *f)
{
    static const resorb_size_measure order[] = {RESORB_SIZE_VOLUME, RESORB_SIZE_AREA,
                                                RESORB_SIZE_AP};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        double b = measure_of(base, order[i]), s = measure_of(f, order[i]);
        if (isfinite(b) && b > 0 && isfinite(s) && s >= 0)
            return order[i];
    }
    return RESORB_SIZE_NONE;
}

resorb_date resorb_fu__first_surgery(const resorb_case *c)
{
    resorb_date first = RESORB_DATE_NONE;
    for (size_t i = 0; i < c->n_treatments; i++) {
        const resorb_treatment *t = &c->treatments[i];
        if (t->kind == RESORB_TX_SURGERY && t->start != RESORB_DATE_NONE &&
            (first == RESORB_DATE_NONE || t->start < first))
            first = t->start;
    }
    return first;
}

static void order_studies(const resorb_case *c, resorb_followup_report *out)
{
    out->n_studies = c->n_imaging;
    for (size_t i = 0; i < c->n_imaging; i++) {
        size_t j = i;
        while (j > 0 && c->imaging[out->studies[j - 1]].date > c->imaging[i].date) {
            out->studies[j] = out->studies[j - 1];
            j--;
        }
        out->studies[j] = i;
    }
}

static const resorb_finding *find(const resorb_study *s, resorb_level level, resorb_side side,
                                  size_t *index)
{
    for (size_t k = 0; k < s->n_findings; k++)
        if (s->findings[k].level == level && s->findings[k].side == side) {
            *index = k;
            return &s->findings[k];
        }
    *index = RESORB_FOLLOWUP_NONE;
    return NULL;
}

static resorb_reason *cite_grades(resorb_reason *r)
{
    for (const char *const *e = grade_cites; *e; e++)
        resorb_reason__cite(r, *e);
    return r;
}

static const char *measure_word(resorb_size_measure m)
{
    switch (m) {
    case RESORB_SIZE_VOLUME:
        return "@followup.measure.volume";
    case RESORB_SIZE_AREA:
        return "@followup.measure.area";
    case RESORB_SIZE_AP:
        return "@followup.measure.ap";
    case RESORB_SIZE_NONE:
        break;
    }
    return "";
}

static const char *grade_word(resorb_resorption_grade g)
{
    switch (g) {
    case RESORB_RESORPTION_NONE:
        return "@followup.grade.none";
    case RESORB_RESORPTION_PARTIAL:
        return "@followup.grade.partial";
    case RESORB_RESORPTION_MARKED:
        return "@followup.grade.marked";
    case RESORB_RESORPTION_COMPLETE:
        return "@followup.grade.complete";
    case RESORB_RESORPTION_UNKNOWN:
        break;
    }
    return "@followup.grade.unknown";
}

/* The statements about one point after the baseline. */
static void point_reasons(resorb_tracked_herniation *h, const resorb_size_point *p)
{
    resorb_reason *r;
    if (!p->listed) {
        r = resorb_reasons__add(&h->reasons, "followup.herniation.not_listed");
        resorb_reason__date(r, 0, p->date);
        return;
    }
    if (p->measure == RESORB_SIZE_NONE) {
        r = resorb_reasons__add(&h->reasons, "followup.herniation.no_common_measure");
        resorb_reason__date(r, 0, p->date);
        return;
    }
    char sizes[RESORB_REASON_ARG_MAX], a[24], b[24];
    resorb_fu__number(a, sizeof a, p->baseline, 2);
    resorb_fu__number(b, sizeof b, p->size, 2);
    const char *unit = resorb_fu__unit_display(p->measure);
    size_t n = 0;
    const char *parts[] = {a, " \xe2\x86\x92 ", b, " ", unit};
    sizes[0] = '\0';
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        size_t m = strlen(parts[i]);
        if (n + m + 1 > sizeof sizes)
            break;
        memcpy(sizes + n, parts[i], m + 1);
        n += m;
    }
    r = resorb_reasons__add(&h->reasons, p->reduction < 0 ? "followup.herniation.grew"
                                                          : "followup.herniation.change");
    resorb_reason__date(r, 0, p->date);
    resorb_reason__arg(r, 1, "%s", measure_word(p->measure));
    if (r)
        memcpy(r->args[2], sizes, sizeof sizes);
    resorb_fu__num_arg(r, 3, fabs(p->reduction), 1);
    cite_grades(r);
    if (p->after_surgery) {
        r = resorb_reasons__add(&h->reasons, "followup.herniation.after_surgery");
        resorb_reason__date(r, 0, p->date);
    }
}

static void track_one(const resorb_case *c, const resorb_followup_report *rep, size_t first,
                      const bands *bd, resorb_date surgery, resorb_tracked_herniation *h)
{
    const resorb_study *s0 = &c->imaging[rep->studies[first]];
    size_t k0;
    const resorb_finding *base = find(s0, h->level, h->side, &k0);
    h->morphology = base->morphology;
    h->n_points = 0;
    h->latest = RESORB_FOLLOWUP_NONE;
    h->grade = RESORB_RESORPTION_UNKNOWN;
    resorb_reasons__init(&h->reasons);
    size_t counts[RESORB_SIZE_AP + 1] = {0};

    for (size_t i = first; i < rep->n_studies; i++) {
        size_t si = rep->studies[i], k;
        const resorb_study *s = &c->imaging[si];
        const resorb_finding *f = find(s, h->level, h->side, &k);
        resorb_size_point *p = &h->points[h->n_points++];
        memset(p, 0, sizeof *p);
        p->study = si;
        p->finding = k;
        p->date = s->date;
        p->months = resorb_fu__months(s0->date, s->date);
        p->listed = f != NULL;
        p->after_surgery = surgery != RESORB_DATE_NONE && surgery <= s->date;
        p->morphology = f ? f->morphology : RESORB_MORPH_NONE;
        p->measure = RESORB_SIZE_NONE;
        p->baseline = p->size = p->change = p->reduction = NAN;
        p->grade = RESORB_RESORPTION_UNKNOWN;
        if (i == first) {
            /* The baseline against itself: its own first measure, no change. */
            p->measure = common_measure(base, base);
            p->baseline = p->size = measure_of(base, p->measure);
            continue;
        }
        if (f)
            p->measure = common_measure(base, f);
        if (p->measure != RESORB_SIZE_NONE) {
            p->baseline = measure_of(base, p->measure);
            p->size = measure_of(f, p->measure);
            p->change = p->size - p->baseline;
            p->reduction = (p->baseline - p->size) / p->baseline * 100.0;
            p->grade = grade_of(bd, p->reduction);
            h->latest = h->n_points - 1;
            h->grade = p->grade;
            counts[p->measure]++;
        }
        point_reasons(h, p);
    }
    /* The forecast's series: the measure with the most comparable points, ties in the order
     * volume, area, AP. */
    h->series_measure = RESORB_SIZE_NONE;
    for (int m = RESORB_SIZE_VOLUME; m <= RESORB_SIZE_AP; m++)
        if (counts[m] > 0 &&
            (h->series_measure == RESORB_SIZE_NONE || counts[m] > counts[h->series_measure]))
            h->series_measure = (resorb_size_measure)m;

    resorb_reason *r;
    if (h->n_points == 1) {
        r = resorb_reasons__add(&h->reasons, "followup.herniation.single_study");
        resorb_reason__date(r, 0, s0->date);
    } else if (h->latest == RESORB_FOLLOWUP_NONE) {
        r = resorb_reasons__add(&h->reasons, "followup.herniation.no_comparison");
    } else {
        const resorb_size_point *p = &h->points[h->latest];
        r = resorb_reasons__add(&h->reasons, "followup.herniation.grade");
        resorb_reason__arg(r, 0, "%s", grade_word(p->grade));
        resorb_reason__date(r, 1, p->date);
        resorb_fu__num_arg(r, 2, bd->partial, 2);
        resorb_fu__num_arg(r, 3, bd->marked, 2);
        cite_grades(r);
        resorb_reason__cite(r, "zou2023.reduction.partial_from");
        resorb_reason__cite(r, "zou2023.reduction.marked_from");
        resorb_reason__cite(r, "zou2023.reduction.complete_at");
    }
}

int resorb_fu__track(const resorb_case *c, resorb_followup_report *out)
{
    bands bd;
    int rc = read_bands(&bd);
    if (rc != 0)
        return rc;
    order_studies(c, out);
    out->n_herniations = 0;
    resorb_date surgery = resorb_fu__first_surgery(c);
    for (size_t i = 0; i < out->n_studies; i++) {
        const resorb_study *s = &c->imaging[out->studies[i]];
        for (size_t k = 0; k < s->n_findings; k++) {
            const resorb_finding *f = &s->findings[k];
            bool seen = false;
            for (size_t j = 0; j < out->n_herniations && !seen; j++)
                seen = out->herniations[j].level == f->level && out->herniations[j].side == f->side;
            if (seen || out->n_herniations >= RESORB_FOLLOWUP_HERNIATIONS)
                continue;
            resorb_tracked_herniation *h = &out->herniations[out->n_herniations++];
            h->level = f->level;
            h->side = f->side;
            track_one(c, out, i, &bd, surgery, h);
        }
    }
    return 0;
}

const char *resorb_size_measure_name(resorb_size_measure m)
{
    switch (m) {
    case RESORB_SIZE_VOLUME:
        return "volume";
    case RESORB_SIZE_AREA:
        return "area";
    case RESORB_SIZE_AP:
        return "ap";
    case RESORB_SIZE_NONE:
        break;
    }
    return "";
}

const char *resorb_size_measure_unit(resorb_size_measure m)
{
    switch (m) {
    case RESORB_SIZE_VOLUME:
        return "mm3";
    case RESORB_SIZE_AREA:
        return "mm2";
    case RESORB_SIZE_AP:
        return "mm";
    case RESORB_SIZE_NONE:
        break;
    }
    return "";
}

const char *resorb_fu__unit_display(resorb_size_measure m)
{
    switch (m) {
    case RESORB_SIZE_VOLUME:
        return "mm\xc2\xb3";
    case RESORB_SIZE_AREA:
        return "mm\xc2\xb2";
    case RESORB_SIZE_AP:
        return "mm";
    case RESORB_SIZE_NONE:
        break;
    }
    return "";
}

const char *resorb_resorption_grade_name(resorb_resorption_grade g)
{
    switch (g) {
    case RESORB_RESORPTION_NONE:
        return "none";
    case RESORB_RESORPTION_PARTIAL:
        return "partial";
    case RESORB_RESORPTION_MARKED:
        return "marked";
    case RESORB_RESORPTION_COMPLETE:
        return "complete";
    case RESORB_RESORPTION_UNKNOWN:
        break;
    }
    return "unknown";
}

/*
 * followup/forecast.c: resorb_forecast (resorb/followup.h), one forecast per tracked herniation.
 *
 * The series of a herniation is its relative size (size / baseline) at each follow-up study
 * measured with its series measure (track.c: the measure with the most comparable points), in
 * months from the baseline study. A herniation is forecast when that series has at least one
 * point; otherwise a reason says why (one study only, not listed again, no measure common to
 * both ends). The model describes the natural course, so a herniation is not forecast when a
 * surgery (treatment kind "surgery") started on or after its baseline study. The fit and its
 * intervals are fit.c's; the prior comes from prior.c.
 */
#include <math.h>
#include <string.h>

#include "core/text.h"
#include "followup/internal.h"

static const char *morphology_word(resorb_morphology m)
{
    switch (m) {
    case RESORB_MORPH_BULGE:
        return "@morphology.bulge";
    case RESORB_MORPH_PROTRUSION:
        return "@morphology.protrusion";
    case RESORB_MORPH_EXTRUSION:
        return "@morphology.extrusion";
    case RESORB_MORPH_SEQUESTRATION:
        return "@morphology.sequestration";
    case RESORB_MORPH_NONE:
    case RESORB_MORPH__COUNT:
        break;
    }
    return "@followup.morphology.unknown";
}

static double pct(double v)
{
    return 100 * v;
}

static void cite_prior(resorb_reason *r, const resorb_forecast_prior *p)
{
    for (size_t i = 0; i < p->n_evidence; i++)
        resorb_reason__cite(r, p->evidence[i]);
}

/* The statements of a fitted forecast: the prior, the time scale, the scatter, the fit. */
static void fitted_reasons(resorb_herniation_forecast *hf)
{
    const resorb_forecast_prior *p = &hf->prior;
    const resorb_forecast_posterior *q = &hf->posterior;
    resorb_reason *r = resorb_reasons__add(&hf->reasons, "followup.forecast.prior.reduction");
    resorb_reason__arg(r, 0, "%s", morphology_word(p->morphology));
    resorb_fu__num_arg(r, 1, pct(p->p_regress), 1);
    resorb_fu__num_arg(r, 2, pct(p->p_half), 1);
    if (r) {
        r->n_evidence = 0;
        for (size_t i = 0; i < p->n_evidence && i < 5; i++)
            resorb_reason__cite(r, p->evidence[i]);
    }

    const resorb_tc_fits *fits = resorb_timecourse_compiled();
    const resorb_tc_fit *fit = &fits->fits[fits->chosen];
    r = resorb_reasons__add(&hf->reasons, "followup.forecast.prior.time_scale");
    resorb_fu__num_arg(r, 0, exp(p->model.a), 2);
    resorb_fu__num_arg(r, 1, p->u_sd, 3);
    for (size_t i = 0; i < fit->n_anchors; i++)
        resorb_reason__cite(r, fit->anchors[i].id);

    r = resorb_reasons__add(&hf->reasons, "followup.forecast.prior.scatter");
    resorb_fu__num_arg(r, 0, pct(p->noise_sd), 2);
    resorb_reason__cite(r, "chictr2400094586.rate.type3_sd");
    resorb_reason__cite(r, "chictr2400094586.enhancement.type3");

    r = resorb_reasons__add(&hf->reasons, q->converged ? "followup.forecast.fit"
                                                       : "followup.forecast.fit.not_converged");
    resorb_fu__num_arg(r, 0, (double)hf->n_observations, 0);
    resorb_fu__num_arg(r, 1, pct(q->r.median), 0);
    resorb_fu__num_arg(r, 2, pct(q->r.low80), 0);
    resorb_fu__num_arg(r, 3, pct(q->r.high80), 0);
    cite_prior(r, p);

    if (isfinite(q->half.median)) {
        r = resorb_reasons__add(&hf->reasons, "followup.forecast.half.expected");
        resorb_reason__date(r, 0, resorb_fu__add_months(hf->baseline_date, q->half.median));
        resorb_fu__num_arg(r, 1, q->half.median, 1);
        resorb_fu__num_arg(r, 2, pct(q->p_half_within), 0);
        resorb_fu__num_arg(r, 3, p->horizon, 0);
    } else {
        r = resorb_reasons__add(&hf->reasons, "followup.forecast.half.not_expected");
        resorb_fu__num_arg(r, 0, p->horizon, 0);
        resorb_fu__num_arg(r, 1, pct(q->p_half_within), 0);
    }
    resorb_reason__cite(r, "zou2023.reduction.marked_from");
}

static int forecast_one(const resorb_tracked_herniation *h, resorb_date surgery,
                        resorb_herniation_forecast *hf)
{
    resorb_reason *r;
    hf->level = h->level;
    hf->side = h->side;
    hf->morphology = h->morphology;
    hf->measure = h->series_measure;
    hf->baseline_date = h->points[0].date;
    hf->baseline = NAN;
    hf->fitted = false;
    hf->n_observations = 0;
    resorb_reasons__init(&hf->reasons);
    memset(&hf->posterior, 0, sizeof hf->posterior);
    for (size_t k = 0; k < RESORB_FORECAST_HORIZONS; k++) {
        hf->dates[k] = RESORB_DATE_NONE;
        hf->absolute[k] = (resorb_forecast_interval){NAN, NAN, NAN, NAN, NAN};
    }
    int rc = resorb_forecast_prior_for(h->morphology, &hf->prior);
    if (rc != 0)
        return rc;

    if (h->n_points < 2) {
        r = resorb_reasons__add(&hf->reasons, "followup.forecast.single_study");
        resorb_reason__date(r, 0, hf->baseline_date);
        return 0;
    }
    if (surgery != RESORB_DATE_NONE && surgery >= hf->baseline_date) {
        r = resorb_reasons__add(&hf->reasons, "followup.forecast.surgery");
        resorb_reason__date(r, 0, surgery);
        return 0;
    }
    if (hf->measure == RESORB_SIZE_NONE) {
        resorb_reasons__add(&hf->reasons, "followup.forecast.no_measurement");
        return 0;
    }
    size_t skipped = 0;
    for (size_t k = 1; k < h->n_points; k++) {
        const resorb_size_point *p = &h->points[k];
        if (p->measure != hf->measure)
            continue;
        hf->baseline = p->baseline;
        if (!(p->months > 0)) {
            skipped++;
            continue;
        }
        size_t i = hf->n_observations++;
        hf->obs_date[i] = p->date;
        hf->obs_months[i] = p->months;
        hf->obs_relative[i] = p->size / p->baseline;
    }
    if (skipped > 0) {
        r = resorb_reasons__add(&hf->reasons, "followup.forecast.same_day");
        resorb_fu__num_arg(r, 0, (double)skipped, 0);
    }
    if (hf->n_observations == 0) {
        resorb_reasons__add(&hf->reasons, "followup.forecast.no_measurement");
        return 0;
    }
    rc = resorb_forecast_fit(&hf->prior, hf->obs_months, hf->obs_relative, hf->n_observations,
                             &hf->posterior);
    if (rc == RESORB_ENOMEM)
        return rc;
    if (rc != 0) {
        resorb_reasons__add(&hf->reasons, "followup.forecast.fit.failed");
        return 0;
    }
    hf->fitted = true;
    for (size_t k = 0; k < RESORB_FORECAST_HORIZONS; k++) {
        const resorb_forecast_interval *rel = &hf->posterior.relative[k];
        hf->dates[k] = resorb_fu__add_months(hf->baseline_date, hf->posterior.months[k]);
        hf->absolute[k] = (resorb_forecast_interval){
            rel->median * hf->baseline, rel->low80 * hf->baseline, rel->high80 * hf->baseline,
            rel->low95 * hf->baseline, rel->high95 * hf->baseline};
    }
    fitted_reasons(hf);
    return 0;
}

int resorb_forecast(const resorb_case *c, const resorb_followup_report *f,
                    resorb_forecast_report *out)
{
    if (!c || !f || !out)
        return RESORB_EUSAGE;
    resorb_strlcpy(out->case_id, f->case_id, sizeof out->case_id);
    out->as_of = f->as_of;
    out->n = 0;
    resorb_reasons__init(&out->notes);
    resorb_date surgery = resorb_fu__first_surgery(c);
    bool any = false;
    for (size_t i = 0; i < f->n_herniations; i++) {
        resorb_herniation_forecast *hf = &out->items[out->n++];
        hf->herniation = i;
        int rc = forecast_one(&f->herniations[i], surgery, hf);
        if (rc != 0)
            return rc;
        any = any || hf->fitted;
    }
    resorb_reason *r = resorb_reasons__add(&out->notes, "followup.forecast.note.model");
    resorb_reason__cite(r, "zou2023.reduction.50_or_more_share");
    resorb_reason__cite(r, "chictr2400094586.rate.type3_sd");
    if (any) {
        r = resorb_reasons__add(&out->notes, "followup.forecast.note.limits");
        resorb_reason__cite(r, "hornung2023.no_baseline_predictor");
        resorb_reason__cite(r, "chiu2015.complete_resolution.sequestration");
    }
    if (f->n_herniations == 0)
        resorb_reasons__add(&out->notes, "followup.forecast.note.no_herniation");
    return 0;
}

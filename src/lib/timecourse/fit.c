/*
 * timecourse/fit.c: fitting the time-to-regression model to the evidence rows (GSL).
 *
 * The anchor points and their standard errors are built from the evidence tables below, each
 * next to its EVIDENCE marker; docs/prognosis.md explains the choice of rows, the weights and
 * the rows left out. The fit minimises sum(((model - observed) / se)^2) over three parameters:
 * the two of F (on a log scale, so they stay positive) and the pooled plateau p (on a logit
 * scale), with GSL's trust-region nonlinear least squares and a finite-difference Jacobian,
 * from starting values taken from the anchors themselves. It is deterministic: the build-time
 * fit (tools/gen_timecourse.c) and the live one (`resorb evidence fit`) give the same numbers.
 *
 * Not part of the engine: it allocates GSL workspaces. GSL reports errors through a
 * process-wide handler that aborts by default; the fit switches it off for its duration and
 * restores it, so call it from one thread at a time (the CLI and the generator do).
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include "resorb/error.h"
#include "resorb/evidence.h"
#include "resorb/timecourse.h"

/* The two-sided 95% normal quantile: turns a published 95% CI into a standard error. A
 * statistical constant, not a clinical number. */
#define Z95 1.959963984540054
#define N_PARAMS 3
#define MAX_ITER 500

/* A row's point value, or NaN (and *ok cleared) when the row is missing or has no value. */
static double value_of(const char *id, bool *ok)
{
    const resorb_evidence_row *r = resorb_evidence_find(id);
    if (!r || !r->has_value) {
        *ok = false;
        return NAN;
    }
    return r->value;
}

static const resorb_evidence_row *row_of(const char *id, bool *ok)
{
    const resorb_evidence_row *r = resorb_evidence_find(id);
    if (!r)
        *ok = false;
    return r;
}

static double binomial_se(double p, double n)
{
    return sqrt(p * (1 - p) / n);
}

static void cite(resorb_tc_anchor *a, const char *id)
{
    if (a->n_cites < RESORB_TC_CITES)
        a->cites[a->n_cites++] = id;
}

static resorb_tc_anchor *new_anchor(resorb_tc_fit *f, const char *id, resorb_tc_kind kind)
{
    resorb_tc_anchor *a = &f->anchors[f->n_anchors++];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->kind = kind;
    cite(a, id);
    return a;
}

/* The anchor points, in order of time. Times written as numbers here (2, 6, 12 months) are
 * the ones the row's label or population states ("within 2 months", "at 6 months", "within 1
 * year", "for 1 year"); tests/unit/engine/prognosis.c checks that the text says so. */
static int build_anchors(resorb_tc_fit *f)
{
    bool ok = true;
    resorb_tc_anchor *a;
    f->n_anchors = 0;

    /* The pooled share of all herniations that ever regress: 63% (95% CI 49-77%); the CI gives
     * the standard error, which includes the between-study spread.
     * EVIDENCE: wang2020.regression.pooled */
    const resorb_evidence_row *pooled = row_of("wang2020.regression.pooled", &ok);
    a = new_anchor(f, "wang2020.regression.pooled", RESORB_TC_PLATEAU);
    if (pooled && pooled->has_value && !isnan(pooled->low) && !isnan(pooled->high)) {
        a->observed = pooled->value / 100;
        a->se = (pooled->high - pooled->low) / 100 / (2 * Z95);
    } else {
        ok = false;
    }

    /* 5 of 72 herniations disappeared within 2 months (Ramos Amador 2013): 5/72 = 6.9%.
     * EVIDENCE: ramosamador2013.disappeared_2_months */
    const resorb_evidence_row *r2 = row_of("ramosamador2013.disappeared_2_months", &ok);
    a = new_anchor(f, "ramosamador2013.disappeared_2_months", RESORB_TC_CUMULATIVE);
    a->t = 2;
    if (r2 && r2->has_value && r2->n > 0) {
        a->observed = r2->value / r2->n;
        a->se = binomial_se(a->observed, r2->n);
    } else {
        ok = false;
    }

    /* 23 of 90 resorbers (followed for 1 year) resorbed within 3 months (Hornung 2023): the
     * share F(3) / F(12), from the published counts (the inferred row rounds it to 25.6%).
     * EVIDENCE: hornung2023.resorbers.early
     * EVIDENCE: hornung2023.resorbers.late
     * EVIDENCE: hornung2023.early_threshold */
    double early = value_of("hornung2023.resorbers.early", &ok);
    double late = value_of("hornung2023.resorbers.late", &ok);
    a = new_anchor(f, "hornung2023.resorbers.early_share", RESORB_TC_SHARE);
    cite(a, "hornung2023.resorbers.early");
    cite(a, "hornung2023.resorbers.late");
    cite(a, "hornung2023.early_threshold");
    a->t = value_of("hornung2023.early_threshold", &ok);
    a->t_ref = 12;
    (void)row_of("hornung2023.resorbers.early_share", &ok);
    if (ok && early + late > 0) {
        a->observed = early / (early + late);
        a->se = binomial_se(a->observed, early + late);
    }

    /* 34.72% of herniations regressed at the 6-month MRI (Splendiani 2004); n is the row's
     * 64 patients (the percentage is 25 of their 72 herniations: 64 is the cautious n).
     * EVIDENCE: splendiani2004.regression.6_months */
    const resorb_evidence_row *s6 = row_of("splendiani2004.regression.6_months", &ok);
    a = new_anchor(f, "splendiani2004.regression.6_months", RESORB_TC_CUMULATIVE);
    a->t = 6;
    if (s6 && s6->has_value && s6->n > 0) {
        a->observed = s6->value / 100;
        a->se = binomial_se(a->observed, s6->n);
    } else {
        ok = false;
    }

    /* 59% disappeared within 1 year (Ramos Amador 2013, 72 patients).
     * EVIDENCE: ramosamador2013.disappeared_12_months */
    const resorb_evidence_row *r12 = row_of("ramosamador2013.disappeared_12_months", &ok);
    a = new_anchor(f, "ramosamador2013.disappeared_12_months", RESORB_TC_CUMULATIVE);
    a->t = 12;
    if (r12 && r12->has_value && r12->n > 0) {
        a->observed = r12->value / 100;
        a->se = binomial_se(a->observed, r12->n);
    } else {
        ok = false;
    }

    /* Mean time to radiographic resolution of 53 regressed sequestrations, 9.27 +- 13.32
     * months (Macki 2014): the mean of F, with standard error SD / sqrt(n).
     * EVIDENCE: macki2014.sequestration.radiographic_resolution
     * EVIDENCE: macki2014.sequestration.radiographic_resolution_sd */
    const resorb_evidence_row *mm = row_of("macki2014.sequestration.radiographic_resolution", &ok);
    double sd = value_of("macki2014.sequestration.radiographic_resolution_sd", &ok);
    a = new_anchor(f, "macki2014.sequestration.radiographic_resolution", RESORB_TC_MEAN);
    cite(a, "macki2014.sequestration.radiographic_resolution_sd");
    if (mm && mm->has_value && mm->n > 0 && ok) {
        a->observed = mm->value;
        a->se = sd / sqrt(mm->n);
    } else {
        ok = false;
    }

    /* Checked, not fitted: "resorption mainly occurred within 6 months" (Zou 2023).
     * EVIDENCE: zou2023.timing.main_window */
    f->n_checks = 1;
    f->checks[0].id = "zou2023.timing.main_window";
    f->checks[0].t = value_of("zou2023.timing.main_window", &ok);

    for (size_t i = 0; ok && i < f->n_anchors; i++)
        if (!(f->anchors[i].se > 0) || !isfinite(f->anchors[i].observed))
            ok = false;
    return ok ? 0 : RESORB_ENOTFOUND;
}

/* ---- the least-squares problem ---- */

typedef struct problem {
    resorb_tc_family family;
    const resorb_tc_anchor *anchors;
    size_t n_anchors;
    size_t skip; /* an anchor left out (leave-one-out), or n_anchors for none */
} problem;

static resorb_tc_model model_of(resorb_tc_family family, const double *x)
{
    resorb_tc_model m;
    m.family = family;
    m.a = family == RESORB_TC_WEIBULL ? exp(x[0]) : x[0];
    m.b = exp(x[1]);
    m.plateau = 1 / (1 + exp(-x[2]));
    return m;
}

static int residuals(const gsl_vector *x, void *params, gsl_vector *out)
{
    const problem *p = params;
    double xs[N_PARAMS];
    for (size_t k = 0; k < N_PARAMS; k++)
        xs[k] = gsl_vector_get(x, k);
    resorb_tc_model m = model_of(p->family, xs);
    size_t j = 0;
    for (size_t i = 0; i < p->n_anchors; i++) {
        if (i == p->skip)
            continue;
        const resorb_tc_anchor *a = &p->anchors[i];
        double v = resorb_timecourse_predict(&m, a->kind, a->t, a->t_ref);
        if (!isfinite(v))
            return GSL_EDOM;
        gsl_vector_set(out, j++, (v - a->observed) / a->se);
    }
    return GSL_SUCCESS;
}

/* Starting point from the anchors: an exponential (Weibull shape 1) or a lognormal with
 * sigma 1 whose mean is the observed mean time, and the observed pooled plateau. */
static void start(const resorb_tc_anchor *anchors, size_t n, resorb_tc_family family, double *x)
{
    double mean = 0, plateau = 0;
    for (size_t i = 0; i < n; i++) {
        if (anchors[i].kind == RESORB_TC_MEAN)
            mean = anchors[i].observed;
        if (anchors[i].kind == RESORB_TC_PLATEAU)
            plateau = anchors[i].observed;
    }
    x[0] = family == RESORB_TC_WEIBULL ? 0 : log(mean) - 0.5;
    x[1] = family == RESORB_TC_WEIBULL ? log(mean) : 0;
    x[2] = log(plateau / (1 - plateau));
}

/* One fit; skip = n for all anchors. Returns 0 with *m, *iterations and *chi2 set, or a
 * RESORB_E* code. */
static int solve(const problem *p, resorb_tc_model *m, int *iterations, bool *converged)
{
    size_t n = p->n_anchors - (p->skip < p->n_anchors ? 1 : 0);
    double x[N_PARAMS];
    int rc = RESORB_EINVALID, info = 0;
    gsl_multifit_nlinear_workspace *w = NULL;
    gsl_multifit_nlinear_fdf fdf;
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();

    start(p->anchors, p->n_anchors, p->family, x);
    memset(&fdf, 0, sizeof fdf);
    fdf.f = residuals;
    fdf.df = NULL; /* finite differences */
    fdf.fvv = NULL;
    fdf.n = n;
    fdf.p = N_PARAMS;
    fdf.params = (void *)p;
    w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, n, N_PARAMS);
    if (!w) {
        rc = RESORB_ENOMEM;
        goto done;
    }
    gsl_vector_view x0 = gsl_vector_view_array(x, N_PARAMS);
    if (gsl_multifit_nlinear_init(&x0.vector, &fdf, w) != GSL_SUCCESS)
        goto done;
    int status = gsl_multifit_nlinear_driver(MAX_ITER, 1e-12, 1e-12, 1e-12, NULL, NULL, &info, w);
    if (status != GSL_SUCCESS && status != GSL_EMAXITER)
        goto done;
    gsl_vector *xf = gsl_multifit_nlinear_position(w);
    double xs[N_PARAMS];
    for (size_t k = 0; k < N_PARAMS; k++)
        xs[k] = gsl_vector_get(xf, k);
    *m = model_of(p->family, xs);
    *iterations = (int)gsl_multifit_nlinear_niter(w);
    *converged = status == GSL_SUCCESS;
    rc = 0;
done:
    gsl_multifit_nlinear_free(w);
    return rc;
}

static int fit_family(resorb_tc_fit *f, resorb_tc_family family)
{
    problem p = {family, f->anchors, f->n_anchors, f->n_anchors};
    int rc = solve(&p, &f->model, &f->iterations, &f->converged);
    if (rc != 0)
        return rc;
    if (!f->converged)
        return RESORB_EINVALID;
    f->chi2 = 0;
    for (size_t i = 0; i < f->n_anchors; i++) {
        resorb_tc_anchor *a = &f->anchors[i];
        a->fitted = resorb_timecourse_predict(&f->model, a->kind, a->t, a->t_ref);
        a->residual = a->fitted - a->observed;
        a->z = a->residual / a->se;
        f->chi2 += a->z * a->z;
    }
    f->dof = (int)f->n_anchors - N_PARAMS;
    for (size_t i = 0; i < f->n_checks; i++) {
        f->checks[i].model = resorb_timecourse_cdf(&f->model, f->checks[i].t);
        f->checks[i].consistent = f->checks[i].model >= 0.5;
    }
    /* Leave one out: how far each cohort alone moves the curve at its own point. */
    for (size_t i = 0; i < f->n_anchors; i++) {
        problem q = p;
        resorb_tc_model m;
        int iterations;
        bool converged;
        q.skip = i;
        resorb_tc_anchor *a = &f->anchors[i];
        rc = solve(&q, &m, &iterations, &converged);
        if (rc == RESORB_ENOMEM)
            return rc;
        a->loo =
            rc == 0 && converged ? resorb_timecourse_predict(&m, a->kind, a->t, a->t_ref) : NAN;
    }
    return 0;
}

int resorb_timecourse_fit(resorb_tc_fits *out)
{
    resorb_tc_fits fits;
    int rc = 0;
    if (!out)
        return RESORB_EUSAGE;
    memset(&fits, 0, sizeof fits);
    gsl_error_handler_t *previous = gsl_set_error_handler_off();
    for (int k = 0; k < RESORB_TC__FAMILIES && rc == 0; k++) {
        resorb_tc_fit *f = &fits.fits[k];
        rc = build_anchors(f);
        if (rc == 0)
            rc = fit_family(f, (resorb_tc_family)k);
    }
    gsl_set_error_handler(previous);
    if (rc != 0)
        return rc;
    fits.chosen = fits.fits[RESORB_TC_LOGNORMAL].chi2 < fits.fits[RESORB_TC_WEIBULL].chi2
                      ? RESORB_TC_LOGNORMAL
                      : RESORB_TC_WEIBULL;
    *out = fits;
    return 0;
}

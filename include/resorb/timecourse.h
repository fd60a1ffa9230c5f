/*
 * resorb/timecourse.h: when herniations regress, a cure-fraction model fitted to the evidence.
 *
 * No reachable source publishes a month-by-month regression curve (docs/evidence.md, gap 2):
 * the evidence has scattered points from separate cohorts instead (a share regressed by 2, 6
 * and 12 months, the share of resorbers that resorbed within 3 months, a mean time to
 * resolution). resorb fits one time-to-regression distribution F to those points,
 *
 *     P(regressed by t months) = p * F(t),
 *
 * where p is the share that ever regresses (by morphology in the prognosis; a pooled all-type
 * rate while fitting) and F is a Weibull or a lognormal distribution. The fit is weighted least
 * squares: each anchor point's residual is divided by its standard error, computed from the
 * anchor's own evidence rows (a binomial error at the cohort's n, the SD of a mean over its n,
 * the published CI of the pooled rate), so that a small or spread-out cohort pulls less. The
 * pooled plateau is a parameter of the fit, anchored to its meta-analytic value, so the shared
 * uncertainty of the all-type cohorts is carried once instead of being copied into each point.
 * Both families are fitted; the one with the smaller weighted sum of squares is used (they have
 * the same number of parameters). docs/prognosis.md gives the anchors, the weights, the
 * parameters and the residuals, and says which rows were left out and why.
 *
 * The fit is done by resorb_timecourse_fit() with GSL's nonlinear least squares, at build time
 * (tools/gen_timecourse.c writes the result into the library, read with
 * resorb_timecourse_compiled()) and live by `resorb evidence fit`; a test checks that the two
 * agree. Evaluating the model (resorb_timecourse_cdf) is pure arithmetic: no allocation, no
 * state, so the engine may call it.
 */
#ifndef RESORB_TIMECOURSE_H
#define RESORB_TIMECOURSE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum resorb_tc_family {
    RESORB_TC_WEIBULL = 0, /* F(t) = 1 - exp(-(t / scale)^shape) */
    RESORB_TC_LOGNORMAL,   /* F(t) = Phi((ln t - mu) / sigma) */
    RESORB_TC__FAMILIES
} resorb_tc_family;

/* What an anchor point observes, as a function of the model (p = the pooled plateau). */
typedef enum resorb_tc_kind {
    RESORB_TC_PLATEAU = 0, /* p: the pooled share of all herniations that ever regress */
    RESORB_TC_CUMULATIVE,  /* p * F(t): share of an all-type cohort regressed by t months */
    RESORB_TC_SHARE,       /* F(t) / F(t_ref): share of a cohort's resorbers (followed to
                              t_ref) that resorbed by t */
    RESORB_TC_MEAN,        /* mean of F in months: mean time to regression among regressors */
    RESORB_TC__KINDS
} resorb_tc_kind;

typedef struct resorb_tc_model {
    resorb_tc_family family;
    /* Weibull: a = shape, b = scale in months. Lognormal: a = mu, b = sigma (of ln months). */
    double a, b;
    double plateau; /* the fitted pooled p (all morphologies), 0..1 */
} resorb_tc_model;

#define RESORB_TC_ANCHORS 8
#define RESORB_TC_CITES 4

typedef struct resorb_tc_anchor {
    const char *id;                     /* the evidence row of the observed figure (static) */
    const char *cites[RESORB_TC_CITES]; /* every row it uses, id first (static strings) */
    size_t n_cites;
    resorb_tc_kind kind;
    double t, t_ref; /* months (0 when the kind has none) */
    double observed; /* a proportion 0..1, or months for RESORB_TC_MEAN */
    double se;       /* its standard error, from the rows (docs/prognosis.md) */
    double fitted;   /* the model's value */
    double residual; /* fitted - observed */
    double z;        /* residual / se */
    double loo;      /* the model's value when the fit leaves this anchor out */
} resorb_tc_anchor;

/* A statement the curve is checked against but not fitted to (e.g. "mainly within 6 months"). */
typedef struct resorb_tc_check {
    const char *id;
    double t;        /* months */
    double model;    /* F(t) */
    bool consistent; /* F(t) >= 1/2: more than half of the regressions happen by t */
} resorb_tc_check;

#define RESORB_TC_CHECKS 2

typedef struct resorb_tc_fit {
    resorb_tc_model model;
    size_t n_anchors;
    resorb_tc_anchor anchors[RESORB_TC_ANCHORS];
    size_t n_checks;
    resorb_tc_check checks[RESORB_TC_CHECKS];
    double chi2; /* sum of z^2 */
    int dof;     /* anchors - parameters */
    int iterations;
    bool converged;
} resorb_tc_fit;

typedef struct resorb_tc_fits {
    resorb_tc_family chosen; /* the family with the smaller chi2 */
    resorb_tc_fit fits[RESORB_TC__FAMILIES];
} resorb_tc_fits;

/* Fits both families to the anchor points read from the evidence tables (GSL; allocates and
 * frees its workspace). Returns 0; RESORB_ENOTFOUND when an anchor row is missing or has no
 * value; RESORB_ENOMEM; RESORB_EINVALID when the solver fails. out is written on success. */
int resorb_timecourse_fit(resorb_tc_fits *out);

/* The fit made at build time from the same rows (constant memory). */
const resorb_tc_fits *resorb_timecourse_compiled(void);

/* F(t): the share of eventual regressions that happened by t months (0 for t <= 0). */
double resorb_timecourse_cdf(const resorb_tc_model *m, double months);
/* The mean of F, in months. */
double resorb_timecourse_mean(const resorb_tc_model *m);
/* The model's value for an anchor of this kind (p * F(t), F(t) / F(t_ref), ...). */
double resorb_timecourse_predict(const resorb_tc_model *m, resorb_tc_kind kind, double t,
                                 double t_ref);

const char *resorb_tc_family_name(resorb_tc_family f); /* "weibull", "lognormal" */
const char *resorb_tc_kind_name(resorb_tc_kind k);     /* "plateau", "cumulative", ... */

#ifdef __cplusplus
}
#endif
#endif

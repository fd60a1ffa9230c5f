/*
 * resorb/followup.h: following one patient over time, and a personalised resorption forecast.
 *
 * A clinic sees a patient with lumbar disc herniation several times: visits with pain scores,
 * questionnaires, a second MRI months after the first. resorb_followup() reads the whole record
 * (a resorb_case holding every study and visit, as the registry's resorb_store_load_case gives
 * it or as a case file holds it) and says, for each herniation and at each visit, whether things
 * are on course:
 *
 *  - Each herniation is tracked across the studies by its level and side (one study has at most
 *    one finding per level and side, so the match is unique). Its first study is the baseline.
 *    Size is compared with the baseline by volume, else area, else AP depth: the first of these
 *    measured at *both* ends, so a change is never computed between two different measures,
 *    and the report says which measure it used. The reduction is graded by the bands of Zou 2023
 *    (zou2023.reduction.*): under 25% none, 25% to under 50% partial, 50% or more marked, 100%
 *    complete. A study that does not list the herniation is reported as "not listed", never read
 *    as a disappearance (absent is not "no").
 *  - The leg and back pain NRS and the ODI over time, with the change from the first to the
 *    latest score judged against its minimal clinically important difference: exactly the
 *    scores and changes of resorb_instruments_score().
 *  - Triage re-evaluated at every visit: the record is cut back to what was known on the visit's
 *    date (later visits, studies, treatments and questionnaires dropped; the history's current
 *    pain and course are the visit's) and resorb_assess() judges it, so "three months without
 *    improvement → surgical consultation" appears at the visit where it first applied. The rules
 *    for cutting the record back are in docs/followup.md.
 *
 * resorb_forecast() then fits, for each tracked herniation with at least one follow-up
 * measurement, the patient's own serial sizes to the population time course (resorb/
 * timecourse.h), with that population curve as the prior:
 *
 *     size(t) / size(baseline) = 1 - r * F(t / tau),   t in months from the baseline study
 *
 * F is the lognormal time-to-regression distribution fitted to the evidence at build time, r the
 * eventual fractional reduction and tau the patient's own time scale. The prior on logit(r)
 * is normal, set so that P(r >= 25%) is the morphology's regression probability (the mean of
 * Chiu 2015 and Zou 2023, as in the prognosis) and P(r >= 50% | r >= 25%) is Zou 2023's share of
 * >= 50% reductions among >= 25% ones; ln tau is normal with mean 0 and the SD of F itself (the
 * evidence's spread of regression times between patients). Measurements scatter around the
 * curve with the SD of the measured resorption rate of herniations that did not resorb
 * (ChiCTR2400094586, type III). The posterior mode comes from GSL's nonlinear least squares with
 * the prior as two extra residuals; its Laplace approximation (the inverse of J'J) sets a grid
 * on which the exact posterior is evaluated, and the medians and 80% / 95% intervals are read
 * from that grid. docs/followup.md gives every prior with its rows and the calibration by
 * simulation (synthetic patients drawn from the prior: the intervals cover their nominal share).
 *
 * Purity. Both functions are pure functions of their inputs: no I/O, no clock, no global state;
 * numbers come from the evidence tables (resorb_evidence_find) and the compiled time course.
 * resorb_followup() allocates scratch memory for the cut-back cases (RESORB_ENOMEM when it
 * cannot); resorb_forecast_fit() allocates GSL's small workspace. GSL reports numerical trouble
 * through return codes here, and its process-wide error handler is reached only when GSL cannot
 * allocate that workspace; the library never changes the handler (a global), so an application
 * that must not abort on out-of-memory switches it off once at start-up, as `resorb forecast`
 * does (gsl_set_error_handler_off). With that, forecasting is safe from several threads at once.
 */
#ifndef RESORB_FOLLOWUP_H
#define RESORB_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "resorb/assess.h"
#include "resorb/case.h"
#include "resorb/instruments.h"
#include "resorb/reason.h"
#include "resorb/timecourse.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESORB_TIMELINE_FORMAT "resorb.timeline/1"
#define RESORB_FORECAST_FORMAT "resorb.forecast/1"

/* ---- tracking herniations across studies ---- */

/* Which size a comparison used; the same measure at the baseline and at the later study. */
typedef enum resorb_size_measure {
    RESORB_SIZE_NONE = 0, /* no measure is recorded at both ends */
    RESORB_SIZE_VOLUME,   /* volume_mm3 */
    RESORB_SIZE_AREA,     /* area_mm2 */
    RESORB_SIZE_AP,       /* ap_mm */
} resorb_size_measure;

/* The resorption grade of a reduction from the baseline (bands: zou2023.reduction.*). */
typedef enum resorb_resorption_grade {
    RESORB_RESORPTION_UNKNOWN = 0, /* no comparable measurement */
    RESORB_RESORPTION_NONE,        /* reduction under 25% (also a growth) */
    RESORB_RESORPTION_PARTIAL,     /* 25% to under 50% */
    RESORB_RESORPTION_MARKED,      /* 50% or more, not complete */
    RESORB_RESORPTION_COMPLETE,    /* 100%: measured size 0 */
} resorb_resorption_grade;

#define RESORB_FOLLOWUP_NONE ((size_t)-1)

/* One study's view of a tracked herniation; points[0] is the baseline. */
typedef struct resorb_size_point {
    size_t study;   /* index into the case's imaging[] */
    size_t finding; /* index into that study's findings[], RESORB_FOLLOWUP_NONE when not listed */
    resorb_date date;
    double months;  /* since the baseline study (30.436875 days a month) */
    bool listed;    /* the study lists a finding at this level and side */
    bool after_surgery; /* a surgery (treatment "surgery") started on or before this study */
    resorb_morphology morphology; /* as this study describes it (NONE when not listed) */
    resorb_size_measure measure;  /* compared with the baseline by; NONE when not comparable */
    double baseline, size; /* in the measure's unit (mm3, mm2, mm); NaN when not comparable */
    double change;         /* size - baseline */
    double reduction;      /* (baseline - size) / baseline x 100; negative when it grew */
    resorb_resorption_grade grade;
} resorb_size_point;

typedef struct resorb_tracked_herniation {
    resorb_level level;
    resorb_side side;             /* LEFT, RIGHT, MIDLINE or NONE, as the findings give it */
    resorb_morphology morphology; /* at the baseline */
    size_t n_points;
    resorb_size_point points[RESORB_MAX_STUDIES];
    size_t latest; /* the latest point with a comparable measurement, RESORB_FOLLOWUP_NONE */
    resorb_resorption_grade grade; /* at `latest` (UNKNOWN when none) */
    /* The measure with the most comparable follow-up points (ties: volume, area, AP), used by
     * the forecast; NONE when no follow-up point is comparable. */
    resorb_size_measure series_measure;
    resorb_reasons reasons;
} resorb_tracked_herniation;

/* Every level (5) on every side a finding can have (left, right, midline, none). */
#define RESORB_FOLLOWUP_HERNIATIONS 20

/* ---- symptoms over time ---- */

typedef struct resorb_trajectory_point {
    resorb_date date;
    double value;               /* in the instrument's unit (NRS points, ODI %) */
    resorb_score_source source; /* a visit, the history (dated as_of) or a questionnaire */
    size_t administration;      /* index in its source list */
} resorb_trajectory_point;

#define RESORB_FOLLOWUP_TRAJECTORIES 3 /* leg NRS, back NRS, ODI */

typedef struct resorb_trajectory {
    resorb_instrument instrument;
    size_t n_points; /* computed, dated scores in date order */
    resorb_trajectory_point points[RESORB_SCORES_MAX];
    bool has_change;             /* resorb_instruments_score gave a first-to-latest change */
    resorb_score_change change;  /* that change: delta, MCID threshold, reached, verdict */
} resorb_trajectory;

/* ---- triage at each visit ---- */

#define RESORB_VISIT_RULES 8

typedef struct resorb_visit_triage {
    size_t visit;      /* index into the case's visits[]; RESORB_FOLLOWUP_NONE for the record */
    resorb_date date;  /* the visit's date (the record's as_of for the record itself) */
    double months_since_onset;
    int leg_pain_nrs, back_pain_nrs; /* the visit's (RESORB_INT_NONE when absent) */
    resorb_course course;
    size_t n_studies, n_treatments; /* known on that date */
    resorb_triage_category category;
    bool changed; /* the category differs from the previous visit's */
    size_t n_rules;
    const char *rules[RESORB_VISIT_RULES]; /* ids of the rules that gave the category */
    resorb_reasons reasons;                /* their statements, with evidence */
} resorb_visit_triage;

typedef struct resorb_followup_report {
    char case_id[RESORB_MAX_ID_LEN + 1];
    resorb_date as_of, onset;
    size_t n_studies;
    size_t studies[RESORB_MAX_STUDIES]; /* indexes into imaging[], in date order */
    size_t n_herniations;
    resorb_tracked_herniation herniations[RESORB_FOLLOWUP_HERNIATIONS];
    size_t n_trajectories;
    resorb_trajectory trajectories[RESORB_FOLLOWUP_TRAJECTORIES];
    size_t n_visits;
    resorb_visit_triage visits[RESORB_MAX_VISITS];
    resorb_visit_triage record; /* the whole record on its as_of date (= resorb_assess) */
    resorb_reasons notes;       /* statements about the follow-up as a whole */
} resorb_followup_report;

/* Follows up c (a case resorb_case_parse accepted). Returns 0; RESORB_EUSAGE for NULL
 * arguments; RESORB_ENOTFOUND when an evidence row is missing from the build; RESORB_ENOMEM.
 * out (about 400 KB: allocate it) is fully written on success. */
int resorb_followup(const resorb_case *c, resorb_followup_report *out);

/* ---- the personalised forecast ---- */

/* The prior and the fixed parts of the model for one morphology (all from the evidence). */
typedef struct resorb_forecast_prior {
    resorb_morphology morphology;
    double p_regress;      /* P(r >= 25%): the morphology's regression probability */
    double p_half;         /* P(r >= 50% | r >= 25%) */
    double rho_mean, rho_sd; /* logit(r) ~ N(rho_mean, rho_sd^2) */
    double u_sd;             /* ln(tau) ~ N(0, u_sd^2): the SD of ln(time) under F */
    resorb_tc_model model;   /* the population time course F (the compiled fit) */
    double noise_sd;         /* SD of a measured relative size around the curve */
    double horizon;          /* months: a 50% reduction later than this is "not within" */
    size_t n_evidence;
    const char *evidence[16]; /* the rows the prior rests on (static ids) */
} resorb_forecast_prior;

/* A median with its 80% and 95% central intervals. For a time that may never come, a bound
 * beyond the horizon is INFINITY. */
typedef struct resorb_forecast_interval {
    double median, low80, high80, low95, high95;
} resorb_forecast_interval;

#define RESORB_FORECAST_HORIZONS 3
/* Months from the baseline study at which the size is forecast. */
#define RESORB_FORECAST_HORIZONS_INIT {3, 6, 12}

typedef struct resorb_forecast_posterior {
    bool converged;  /* the least-squares solver met its tolerances */
    int iterations;
    double rho, u;   /* the posterior mode of logit(r) and ln(tau) */
    double cov[2][2]; /* the Laplace covariance of (rho, u) */
    double r_mode, tau_mode;
    resorb_forecast_interval r; /* the eventual fractional reduction */
    double months[RESORB_FORECAST_HORIZONS];
    double mode_relative[RESORB_FORECAST_HORIZONS]; /* the curve at the mode */
    resorb_forecast_interval relative[RESORB_FORECAST_HORIZONS]; /* size / baseline */
    resorb_forecast_interval half;  /* months from baseline to a 50% reduction */
    double p_half_within; /* P(50% reduction within the horizon) */
} resorb_forecast_posterior;

/* The prior for a morphology from the evidence rows and the compiled time course. Returns 0,
 * RESORB_EUSAGE, or RESORB_ENOTFOUND when a row is missing. NONE gives the pooled rate. */
int resorb_forecast_prior_for(resorb_morphology m, resorb_forecast_prior *out);

/* The model curve: size / baseline at `months` for logit(r) = rho, ln(tau) = u. */
double resorb_forecast_curve(const resorb_forecast_prior *p, double rho, double u, double months);

/* Fits n measurements (months > 0 from the baseline, relative sizes) under the prior. Returns 0,
 * RESORB_EUSAGE (NULL, n = 0 or over RESORB_MAX_STUDIES, a non-finite value or months <= 0),
 * RESORB_ENOMEM, or RESORB_EINVALID when the solver fails. out is written on success. */
int resorb_forecast_fit(const resorb_forecast_prior *p, const double *months,
                        const double *relative, size_t n, resorb_forecast_posterior *out);

/* Only the first step of resorb_forecast_fit: the posterior mode and its Laplace covariance
 * (out->rho, u, cov, r_mode, tau_mode, mode_relative, converged, iterations; the intervals are
 * left NaN). The part comparable with a plain least-squares curve fit (bench/forecast.sh). */
int resorb_forecast_fit_mode(const resorb_forecast_prior *p, const double *months,
                             const double *relative, size_t n, resorb_forecast_posterior *out);

/* Draws a synthetic patient from the prior with the caller's generator: the true parameters
 * (*rho, *u) and n noisy measurements at `months`. For the calibration test and the benchmark. */
void resorb_forecast_simulate(const resorb_forecast_prior *p, gsl_rng *rng, const double *months,
                              size_t n, double *relative, double *rho, double *u);

typedef struct resorb_herniation_forecast {
    size_t herniation; /* index into the follow-up report's herniations[] */
    resorb_level level;
    resorb_side side;
    resorb_morphology morphology;
    resorb_size_measure measure;
    resorb_date baseline_date;
    double baseline; /* size at the baseline, in the measure's unit */
    bool fitted;     /* false: no forecast, the reasons say why */
    size_t n_observations;
    resorb_date obs_date[RESORB_MAX_STUDIES];
    double obs_months[RESORB_MAX_STUDIES];
    double obs_relative[RESORB_MAX_STUDIES];
    resorb_forecast_prior prior;
    resorb_forecast_posterior posterior;
    resorb_date dates[RESORB_FORECAST_HORIZONS]; /* baseline + 3, 6, 12 months */
    resorb_forecast_interval absolute[RESORB_FORECAST_HORIZONS]; /* in the measure's unit */
    resorb_reasons reasons;
} resorb_herniation_forecast;

typedef struct resorb_forecast_report {
    char case_id[RESORB_MAX_ID_LEN + 1];
    resorb_date as_of;
    size_t n;
    resorb_herniation_forecast items[RESORB_FOLLOWUP_HERNIATIONS];
    resorb_reasons notes;
} resorb_forecast_report;

/* Forecasts every herniation of f (the follow-up of c). Returns 0, RESORB_EUSAGE,
 * RESORB_ENOTFOUND (an evidence row missing) or RESORB_ENOMEM; a herniation that cannot be
 * fitted is listed with fitted = false and a reason. out is fully written on success. */
int resorb_forecast(const resorb_case *c, const resorb_followup_report *f,
                    resorb_forecast_report *out);

/* ---- output ---- */

/* The timeline of `resorb timeline`: JSON ("resorb.timeline/1", docs/followup.md; indented when
 * pretty) or text, in lang. A new heap string (free()). 0, RESORB_EUSAGE or RESORB_ENOMEM. */
int resorb_timeline_document(char **out, const resorb_followup_report *f, const resorb_case *c,
                             resorb_lang lang, bool json, bool pretty);

/* The forecast of `resorb forecast` ("resorb.forecast/1"), likewise. */
int resorb_forecast_document(char **out, const resorb_forecast_report *r,
                             const resorb_followup_report *f, const resorb_case *c,
                             resorb_lang lang, bool json, bool pretty);

/* Names used by the output formats: "volume", "area", "ap" ("" for NONE); "mm3", "mm2", "mm";
 * "unknown", "none", "partial", "marked", "complete". */
const char *resorb_size_measure_name(resorb_size_measure m);
const char *resorb_size_measure_unit(resorb_size_measure m);
const char *resorb_resorption_grade_name(resorb_resorption_grade g);

#ifdef __cplusplus
}
#endif
#endif

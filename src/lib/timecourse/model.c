/*
 * timecourse/model.c: evaluating the time-to-regression model (resorb/timecourse.h).
 *
 * Pure arithmetic on the parameters, with the C library's erfc, expm1 and tgamma: the engine
 * calls it per assessment, the fit (fit.c) calls it per iteration.
 */
#include <math.h>

#include "resorb/timecourse.h"

double resorb_timecourse_cdf(const resorb_tc_model *m, double months)
{
    if (!(months > 0))
        return 0;
    if (isinf(months))
        return 1;
    switch (m->family) {
    case RESORB_TC_WEIBULL:
        return -expm1(-pow(months / m->b, m->a));
    case RESORB_TC_LOGNORMAL:
        return 0.5 * erfc(-(log(months) - m->a) / (m->b * sqrt(2.0)));
    case RESORB_TC__FAMILIES:
        break;
    }
    return NAN;
}

double resorb_timecourse_mean(const resorb_tc_model *m)
{
    switch (m->family) {
    case RESORB_TC_WEIBULL:
        return m->b * tgamma(1.0 + 1.0 / m->a);
    case RESORB_TC_LOGNORMAL:
        return exp(m->a + m->b * m->b / 2.0);
    case RESORB_TC__FAMILIES:
        break;
    }
    return NAN;
}

double resorb_timecourse_predict(const resorb_tc_model *m, resorb_tc_kind kind, double t,
                                 double t_ref)
{
    switch (kind) {
    case RESORB_TC_PLATEAU:
        return m->plateau;
    case RESORB_TC_CUMULATIVE:
        return m->plateau * resorb_timecourse_cdf(m, t);
    case RESORB_TC_SHARE: {
        double ref = resorb_timecourse_cdf(m, t_ref);
        return ref > 0 ? resorb_timecourse_cdf(m, t) / ref : NAN;
    }
    case RESORB_TC_MEAN:
        return resorb_timecourse_mean(m);
    case RESORB_TC__KINDS:
        break;
    }
    return NAN;
}

const char *resorb_tc_family_name(resorb_tc_family f)
{
    switch (f) {
    case RESORB_TC_WEIBULL:
        return "weibull";
    case RESORB_TC_LOGNORMAL:
        return "lognormal";
    case RESORB_TC__FAMILIES:
        break;
    }
    return "unknown";
}

const char *resorb_tc_kind_name(resorb_tc_kind k)
{
    switch (k) {
    case RESORB_TC_PLATEAU:
        return "plateau";
    case RESORB_TC_CUMULATIVE:
        return "cumulative";
    case RESORB_TC_SHARE:
        return "share";
    case RESORB_TC_MEAN:
        return "mean";
    case RESORB_TC__KINDS:
        break;
    }
    return "unknown";
}

/*
 * engine/plan.c: a first care plan that follows the triage.
 *
 * The plan never outranks the triage: for an emergency or urgent category its first step is the
 * referral and conservative options are deferred. Otherwise it is conservative care with
 * reassessment dates (the SPORT outcome schedule: 6 weeks, 3 and 6 months from now), the
 * decision points 4 and 10.5 months after onset for re-imaging and the surgery decision
 * (Wang 2020), and the surgical criteria restated as "refer if ..." with this patient's dates.
 * The general caveats (no opioids for acute low back pain; the guidelines' positions on drugs)
 * stand beside the treatment plan, whose drugs and blocks with their safety checks are made by
 * treatment.c and blocks.c.
 */
#include <math.h>
#include <string.h>

#include "engine/engine.h"

static resorb_reason *step(resorb_reasons *l, const char *key, const char *e1, const char *e2)
{
    resorb_reason *r = resorb_reasons__add(l, key);
    resorb_reason__cite(r, e1);
    resorb_reason__cite(r, e2);
    return r;
}

/* A date m months after d, m possibly fractional: whole months by the calendar, the rest as
 * days of an average month (30.44 days). */
static resorb_date add_months_frac(resorb_date d, double m)
{
    int whole = (int)floor(m);
    return resorb_date_add_months(d, whole) + (resorb_date)lround((m - whole) * 30.44);
}

static void referral_steps(const resorb_assessment *a, resorb_plan *p, bool *ok)
{
    switch (a->triage.category) {
    case RESORB_TRIAGE_EMERGENCY: {
        double hours = resorb_engine__value("ahn2000.ces.decompression_within", ok);
        resorb_reason *r = step(&p->steps, "plan.step.emergency",
                                "ahn2000.ces.decompression_within", "kumar2022.bladder.within_48h");
        resorb_reason__arg(r, 0, "%.0f", hours);
        break;
    }
    case RESORB_TRIAGE_URGENT: {
        double days = resorb_engine__value("thome2022.motor.surgery_within", ok);
        resorb_reason *r = step(&p->steps, "plan.step.urgent", "thome2022.motor.surgery_within",
                                "itopainclinic2025.surgery.immediate");
        resorb_reason__arg(r, 0, "%.0f", days);
        break;
    }
    case RESORB_TRIAGE_INVESTIGATE:
        step(&p->steps, "plan.step.investigate", "finucane2020.framework", NULL);
        break;
    case RESORB_TRIAGE_SURGICAL_CONSULTATION:
        step(&p->steps, "plan.step.surgical_consultation",
             "itopainclinic2025.surgery.consider_after", "kreiner2014.nass.discectomy");
        break;
    default:
        break;
    }
}

static void conservative_steps(resorb_plan *p)
{
    step(&p->steps, "plan.step.conservative", "itopainclinic2025.conservative.first_line",
         "sakai2022.joa2021.principles");
    /* General caveats beside the treatment plan (drugs and blocks: treatment.c, blocks.c). */
    step(&p->options, "plan.option.no_opioids_acute", "itopainclinic2025.opioids.not_acute",
         "nice2020.sciatica_drugs");
    step(&p->options, "plan.option.guideline_caveats", "nice2020.sciatica_drugs",
         "sakai2022.joa2021.drugs");
}

static void refer_if(const resorb_case *c, resorb_plan *p, bool *ok)
{
    double moderate = resorb_engine__value("boonstra2016.nrs.moderate_from", ok);
    double points = resorb_engine__value("farrar2001.nrs.important_change", ok);
    double percent = resorb_engine__value("farrar2001.nrs.important_change_percent", ok);
    double severe_mmt = resorb_engine__value("eurspinej2014.motor.severe_mmt", ok);
    resorb_reason *r = step(&p->refer_if, "plan.refer.ces", "ajem2019.ces.red_flags",
                            "ahn2000.ces.decompression_within");
    r = step(&p->refer_if, "plan.refer.motor", "eurspinej2014.motor.severe_mmt",
             "thome2022.motor.surgery_within");
    resorb_reason__arg(r, 0, "%.0f", severe_mmt);
    r = step(&p->refer_if, "plan.refer.no_improvement", "hornung2023.guidelines.surgery_after",
             "itopainclinic2025.surgery.consider_after");
    resorb_reason__cite(r, "boonstra2016.nrs.moderate_from");
    resorb_reason__cite(r, "farrar2001.nrs.important_change");
    resorb_reason__cite(r, "farrar2001.nrs.important_change_percent");
    resorb_reason__date(r, 0, p->surgical_review);
    resorb_reason__arg(r, 1, "%.0f", moderate);
    resorb_reason__arg(r, 2, "%.0f", points);
    resorb_reason__arg(r, 3, "%.0f", percent);
    step(&p->refer_if, "plan.refer.worsening", "itopainclinic2025.surgery.consider_after",
         "itopainclinic2025.surgery.other_indications");
    (void)c;
}

int resorb_engine__plan(const resorb_case *c, const resorb_assessment *a, resorb_plan *p)
{
    bool ok = true;
    resorb_reasons__init(&p->steps);
    resorb_reasons__init(&p->refer_if);
    resorb_reasons__init(&p->options);
    p->basis = a->triage.category;
    double first = resorb_engine__value("wang2020.decision.first_months", &ok);
    double second = resorb_engine__value("wang2020.decision.second_months", &ok);
    double review = resorb_engine__value("hornung2023.guidelines.surgery_after", &ok);
    double f1 = resorb_engine__value("weinstein2006.rct.followup.first", &ok);
    double f2 = resorb_engine__value("weinstein2006.rct.followup.second", &ok);
    double f3 = resorb_engine__value("weinstein2006.rct.followup.third", &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    p->decision_first = add_months_frac(c->history.onset, first);
    p->decision_second = add_months_frac(c->history.onset, second);
    p->surgical_review = add_months_frac(c->history.onset, review);
    p->reassess[0] = c->as_of + (resorb_date)lround(f1 * 7); /* weeks */
    p->reassess[1] = add_months_frac(c->as_of, f2);
    p->reassess[2] = add_months_frac(c->as_of, f3);

    referral_steps(a, p, &ok);
    /* Required actions of the triage (complete the CES screen, the work-up) come next. */
    for (size_t i = 0; i < a->triage.actions.count; i++) {
        resorb_reason *r = resorb_reasons__add(&p->steps, a->triage.actions.items[i].key);
        if (r)
            *r = a->triage.actions.items[i];
    }
    if (a->triage.category <= RESORB_TRIAGE_INVESTIGATE) {
        conservative_steps(p);
        resorb_reason *r = step(&p->steps, "plan.step.reassess",
                                "weinstein2006.rct.followup.first",
                                "weinstein2006.rct.followup.second");
        resorb_reason__cite(r, "weinstein2006.rct.followup.third");
        resorb_reason__date(r, 0, p->reassess[0]);
        resorb_reason__date(r, 1, p->reassess[1]);
        resorb_reason__date(r, 2, p->reassess[2]);
        r = step(&p->steps, "plan.step.decision_points", "wang2020.decision.first_months",
                 "wang2020.decision.second_months");
        resorb_reason__date(r, 0, p->decision_first);
        resorb_reason__date(r, 1, p->decision_second);
    } else {
        step(&p->steps, "plan.step.conservative_deferred", "itopainclinic2025.surgery.immediate",
             NULL);
    }
    refer_if(c, p, &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}

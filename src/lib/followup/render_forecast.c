/*
 * followup/render_forecast.c: the document of `resorb forecast` (resorb_forecast_document).
 *
 * JSON "resorb.forecast/1" (docs/followup.md): format, case_id, as_of, as_of_source, language,
 * model (the time course and the method), herniations (each with its baseline, observations,
 * prior, posterior, the size at 3, 6 and 12 months and the time to a 50% reduction), notes,
 * evidence, disclaimer. A time beyond the horizon is null in JSON and "not within N months" in
 * text.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "followup/render.h"

static json_t *interval_json(const resorb_forecast_interval *v, double scale)
{
    json_t *o = json_object();
    json_object_set_new(o, "median", fu_num(v->median * scale));
    json_object_set_new(o, "low80", fu_num(v->low80 * scale));
    json_object_set_new(o, "high80", fu_num(v->high80 * scale));
    json_object_set_new(o, "low95", fu_num(v->low95 * scale));
    json_object_set_new(o, "high95", fu_num(v->high95 * scale));
    return o;
}

static json_t *date_after(resorb_date base, double months)
{
    return isfinite(months) ? fu_date(resorb_fu__add_months(base, months)) : json_null();
}

static json_t *half_json(const resorb_herniation_forecast *hf)
{
    const resorb_forecast_interval *h = &hf->posterior.half;
    json_t *o = json_object(), *dates = json_object();
    json_object_set_new(o, "within_horizon_probability", fu_num(hf->posterior.p_half_within));
    json_object_set_new(o, "months", interval_json(h, 1));
    json_object_set_new(dates, "median", date_after(hf->baseline_date, h->median));
    json_object_set_new(dates, "low80", date_after(hf->baseline_date, h->low80));
    json_object_set_new(dates, "high80", date_after(hf->baseline_date, h->high80));
    json_object_set_new(dates, "low95", date_after(hf->baseline_date, h->low95));
    json_object_set_new(dates, "high95", date_after(hf->baseline_date, h->high95));
    json_object_set_new(o, "dates", dates);
    return o;
}

static json_t *prior_json(const resorb_forecast_prior *p)
{
    json_t *o = json_object(), *ev = json_array();
    json_object_set_new(o, "p_reduction_25", fu_num(p->p_regress));
    json_object_set_new(o, "p_reduction_50_given_25", fu_num(p->p_half));
    json_object_set_new(o, "logit_r_mean", fu_num(p->rho_mean));
    json_object_set_new(o, "logit_r_sd", fu_num(p->rho_sd));
    json_object_set_new(o, "log_time_scale_sd", fu_num(p->u_sd));
    json_object_set_new(o, "noise_sd", fu_num(p->noise_sd));
    for (size_t i = 0; i < p->n_evidence; i++)
        json_array_append_new(ev, json_string(p->evidence[i]));
    json_object_set_new(o, "evidence", ev);
    return o;
}

static json_t *forecast_json(const resorb_herniation_forecast *hf, resorb_lang lang)
{
    json_t *o = json_object(), *obs = json_array(), *base = json_object();
    json_object_set_new(o, "level", json_string(resorb_level_name(hf->level)));
    json_object_set_new(o, "side", fu_str_or_null(resorb_side_name(hf->side)));
    json_object_set_new(o, "morphology", json_string(resorb_morphology_name(hf->morphology)));
    json_object_set_new(o, "measure", fu_str_or_null(resorb_size_measure_name(hf->measure)));
    json_object_set_new(o, "unit", fu_str_or_null(resorb_size_measure_unit(hf->measure)));
    json_object_set_new(base, "date", fu_date(hf->baseline_date));
    json_object_set_new(base, "size", fu_num(hf->baseline));
    json_object_set_new(o, "baseline", base);
    for (size_t i = 0; i < hf->n_observations; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "date", fu_date(hf->obs_date[i]));
        json_object_set_new(x, "months", fu_num(hf->obs_months[i]));
        json_object_set_new(x, "size", fu_num(hf->obs_relative[i] * hf->baseline));
        json_object_set_new(x, "relative", fu_num(hf->obs_relative[i]));
        json_array_append_new(obs, x);
    }
    json_object_set_new(o, "observations", obs);
    json_object_set_new(o, "fitted", json_boolean(hf->fitted));
    json_object_set_new(o, "prior", prior_json(&hf->prior));
    if (!hf->fitted) {
        json_object_set_new(o, "posterior", json_null());
        json_object_set_new(o, "horizons", json_array());
        json_object_set_new(o, "half_reduction", json_null());
        json_object_set_new(o, "reasons", fu_reasons_json(&hf->reasons, lang));
        return o;
    }
    const resorb_forecast_posterior *q = &hf->posterior;
    json_t *post = json_object(), *mode = json_object(), *hz = json_array();
    json_object_set_new(mode, "r", fu_num(q->r_mode));
    json_object_set_new(mode, "time_scale", fu_num(q->tau_mode));
    json_object_set_new(post, "mode", mode);
    json_object_set_new(post, "r", interval_json(&q->r, 1));
    json_object_set_new(post, "converged", json_boolean(q->converged));
    json_object_set_new(post, "iterations", json_integer(q->iterations));
    json_object_set_new(o, "posterior", post);
    for (size_t k = 0; k < RESORB_FORECAST_HORIZONS; k++) {
        json_t *x = json_object();
        json_object_set_new(x, "months", fu_num(q->months[k]));
        json_object_set_new(x, "date", fu_date(hf->dates[k]));
        json_object_set_new(x, "relative", interval_json(&q->relative[k], 1));
        json_object_set_new(x, "size", interval_json(&q->relative[k], hf->baseline));
        json_object_set_new(x, "mode_relative", fu_num(q->mode_relative[k]));
        json_array_append_new(hz, x);
    }
    json_object_set_new(o, "horizons", hz);
    json_object_set_new(o, "half_reduction", half_json(hf));
    json_object_set_new(o, "reasons", fu_reasons_json(&hf->reasons, lang));
    return o;
}

static json_t *model_json(void)
{
    const resorb_tc_fits *fits = resorb_timecourse_compiled();
    const resorb_tc_model *m = &fits->fits[fits->chosen].model;
    json_t *o = json_object(), *hz = json_array();
    const double months[RESORB_FORECAST_HORIZONS] = RESORB_FORECAST_HORIZONS_INIT;
    json_object_set_new(o, "curve", json_string("1 - r * F(t / tau)"));
    json_object_set_new(o, "family", json_string(resorb_tc_family_name(m->family)));
    json_object_set_new(o, "a", fu_num(m->a));
    json_object_set_new(o, "b", fu_num(m->b));
    json_object_set_new(o, "method", json_string("map_laplace_grid"));
    for (size_t k = 0; k < RESORB_FORECAST_HORIZONS; k++)
        json_array_append_new(hz, json_real(months[k]));
    json_object_set_new(o, "horizon_months", hz);
    return o;
}

static int forecast_doc_json(char **out, const resorb_forecast_report *r, const resorb_case *c,
                             resorb_lang lang, bool pretty)
{
    fu_ids ids = {0};
    json_t *o = json_object(), *items = json_array();
    json_object_set_new(o, "format", json_string(RESORB_FORECAST_FORMAT));
    json_object_set_new(o, "case_id", fu_str_or_null(c->id));
    json_object_set_new(o, "as_of", fu_date(c->as_of));
    json_object_set_new(o, "as_of_source", json_string(c->as_of_given ? "case" : "default"));
    json_object_set_new(o, "language", json_string(resorb_lang_code(lang)));
    json_object_set_new(o, "model", model_json());
    for (size_t i = 0; i < r->n; i++) {
        json_array_append_new(items, forecast_json(&r->items[i], lang));
        fu_ids_add(&ids, &r->items[i].reasons);
        if (r->items[i].fitted)
            for (size_t e = 0; e < r->items[i].prior.n_evidence; e++)
                fu_ids_add_one(&ids, r->items[i].prior.evidence[e]);
    }
    json_object_set_new(o, "herniations", items);
    json_object_set_new(o, "notes", fu_reasons_json(&r->notes, lang));
    fu_ids_add(&ids, &r->notes);
    json_object_set_new(o, "evidence", fu_ids_json(&ids));
    json_object_set_new(o, "disclaimer", json_string(resorb_msg(lang, "cli.disclaimer")));
    return fu_dump(o, pretty, out);
}

/* ---- text ---- */

static void pct_text(char *buf, size_t n, double v)
{
    resorb_fu__number(buf, n, 100 * v, 0);
}

static void size_text(char *buf, size_t n, double v, resorb_size_measure m)
{
    char num[32];
    resorb_fu__number(num, n < sizeof num ? n : sizeof num, v, v >= 100 ? 0 : 1);
    snprintf(buf, n, "%s %s", num, resorb_fu__unit_display(m));
}

static void when_text(char *buf, size_t n, const resorb_herniation_forecast *hf, double months,
                      resorb_lang lang)
{
    if (!isfinite(months)) {
        char h[16];
        resorb_fu__number(h, sizeof h, hf->prior.horizon, 0);
        const char *args[1] = {h};
        resorb_msg_format(buf, n, lang, "followup.forecast.text.beyond", args, 1);
        return;
    }
    char d[RESORB_DATE_TEXT], m[16];
    resorb_date_format(resorb_fu__add_months(hf->baseline_date, months), d);
    resorb_fu__number(m, sizeof m, months, 1);
    const char *args[2] = {d, m};
    resorb_msg_format(buf, n, lang, "followup.forecast.text.when", args, 2);
}

static void forecast_text(fu_buf *b, const resorb_herniation_forecast *hf, resorb_lang lang)
{
    char label[128], date[RESORB_DATE_TEXT], base[48];
    fu_herniation_label(label, sizeof label, lang, hf->level, hf->side);
    resorb_date_format(hf->baseline_date, date);
    if (hf->measure != RESORB_SIZE_NONE && isfinite(hf->baseline)) {
        size_text(base, sizeof base, hf->baseline, hf->measure);
        const char *args[5] = {label, fu_morphology_label(lang, hf->morphology),
                               fu_measure_label(lang, hf->measure), base, date};
        fu_say(b, lang, "followup.forecast.text.heading", args, 5);
    } else {
        const char *args[3] = {label, fu_morphology_label(lang, hf->morphology), date};
        fu_say(b, lang, "followup.forecast.text.heading_unmeasured", args, 3);
    }
    fu_put(b, "\n");
    for (size_t i = 0; i < hf->n_observations; i++) {
        char d[RESORB_DATE_TEXT], m[16], rel[16], sz[48];
        resorb_date_format(hf->obs_date[i], d);
        resorb_fu__number(m, sizeof m, hf->obs_months[i], 1);
        pct_text(rel, sizeof rel, hf->obs_relative[i]);
        size_text(sz, sizeof sz, hf->obs_relative[i] * hf->baseline, hf->measure);
        const char *args[4] = {d, m, rel, sz};
        fu_put(b, "  ");
        fu_say(b, lang, "followup.forecast.text.observed", args, 4);
        fu_put(b, "\n");
    }
    if (!hf->fitted) {
        fu_printf(b, "  %s\n", resorb_msg(lang, "followup.forecast.text.not_fitted"));
        fu_reasons_text(b, &hf->reasons, lang, "    ");
        return;
    }
    const resorb_forecast_posterior *q = &hf->posterior;
    for (size_t k = 0; k < RESORB_FORECAST_HORIZONS; k++) {
        const resorb_forecast_interval *v = &q->relative[k];
        char m[16], d[RESORB_DATE_TEXT], med[16], sz[48], l8[16], h8[16], l9[16], h9[16];
        resorb_fu__number(m, sizeof m, q->months[k], 0);
        resorb_date_format(hf->dates[k], d);
        pct_text(med, sizeof med, v->median);
        size_text(sz, sizeof sz, hf->absolute[k].median, hf->measure);
        pct_text(l8, sizeof l8, v->low80);
        pct_text(h8, sizeof h8, v->high80);
        pct_text(l9, sizeof l9, v->low95);
        pct_text(h9, sizeof h9, v->high95);
        const char *args[8] = {m, d, med, sz, l8, h8, l9, h9};
        fu_put(b, "  ");
        fu_say(b, lang, "followup.forecast.text.horizon", args, 8);
        fu_put(b, "\n");
    }
    char med[96], l8[96], h8[96], l9[96], h9[96], p[16];
    when_text(med, sizeof med, hf, q->half.median, lang);
    when_text(l8, sizeof l8, hf, q->half.low80, lang);
    when_text(h8, sizeof h8, hf, q->half.high80, lang);
    when_text(l9, sizeof l9, hf, q->half.low95, lang);
    when_text(h9, sizeof h9, hf, q->half.high95, lang);
    pct_text(p, sizeof p, q->p_half_within);
    char hz[16];
    resorb_fu__number(hz, sizeof hz, hf->prior.horizon, 0);
    const char *args[7] = {med, l8, h8, l9, h9, p, hz};
    fu_put(b, "  ");
    fu_say(b, lang, "followup.forecast.text.half", args, 7);
    fu_put(b, "\n");
    fu_reasons_text(b, &hf->reasons, lang, "    ");
}

static int forecast_doc_text(char **out, const resorb_forecast_report *r, const resorb_case *c,
                             resorb_lang lang)
{
    fu_buf b = {0};
    char as_of[RESORB_DATE_TEXT];
    resorb_date_format(c->as_of, as_of);
    const char *title[2] = {c->id[0] ? c->id : resorb_msg(lang, "followup.text.no_id"), as_of};
    fu_say(&b, lang, "followup.forecast.text.title", title, 2);
    fu_put(&b, "\n\n");
    if (r->n == 0)
        fu_printf(&b, "%s\n", resorb_msg(lang, "followup.text.no_herniations"));
    for (size_t i = 0; i < r->n; i++) {
        if (i > 0)
            fu_put(&b, "\n");
        forecast_text(&b, &r->items[i], lang);
    }
    fu_printf(&b, "\n== %s\n", resorb_msg(lang, "followup.text.notes"));
    fu_reasons_text(&b, &r->notes, lang, "  ");
    fu_printf(&b, "\n%s\n", resorb_msg(lang, "cli.disclaimer"));
    return fu_finish(&b, out);
}

int resorb_forecast_document(char **out, const resorb_forecast_report *r,
                             const resorb_followup_report *f, const resorb_case *c,
                             resorb_lang lang, bool json, bool pretty)
{
    if (!out || !r || !f || !c)
        return RESORB_EUSAGE;
    *out = NULL;
    return json ? forecast_doc_json(out, r, c, lang, pretty) : forecast_doc_text(out, r, c, lang);
}

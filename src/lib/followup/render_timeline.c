/*
 * followup/render_timeline.c: the document of `resorb timeline` (resorb_timeline_document).
 *
 * JSON "resorb.timeline/1" (docs/followup.md): format, case_id, as_of, as_of_source, language,
 * onset, visits (each with its triage), record (the whole record's triage), symptoms (leg NRS,
 * back NRS, ODI: points and the change with its MCID), studies, herniations (points with size,
 * change, reduction and grade), notes, evidence, disclaimer. Text: the same in sections.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "followup/render.h"

/* ---- JSON ---- */

static json_t *triage_json(const resorb_visit_triage *vt, resorb_lang lang)
{
    json_t *o = json_object(), *rules = json_array();
    for (size_t i = 0; i < vt->n_rules; i++)
        json_array_append_new(rules, json_string(vt->rules[i]));
    json_object_set_new(o, "category", json_string(resorb_triage_category_name(vt->category)));
    json_object_set_new(o, "label", json_string(fu_category_label(lang, vt->category)));
    json_object_set_new(o, "changed", json_boolean(vt->changed));
    json_object_set_new(o, "rules", rules);
    json_object_set_new(o, "reasons", fu_reasons_json(&vt->reasons, lang));
    return o;
}

static json_t *visit_json(const resorb_visit_triage *vt, resorb_lang lang)
{
    json_t *o = json_object(), *known = json_object();
    if (vt->visit == RESORB_FOLLOWUP_NONE)
        json_object_set_new(o, "visit", json_null());
    else
        json_object_set_new(o, "visit", json_integer((json_int_t)vt->visit));
    json_object_set_new(o, "date", fu_date(vt->date));
    json_object_set_new(o, "months_since_onset", fu_num(vt->months_since_onset));
    json_object_set_new(o, "leg_pain_nrs", fu_int_or_null(vt->leg_pain_nrs));
    json_object_set_new(o, "back_pain_nrs", fu_int_or_null(vt->back_pain_nrs));
    json_object_set_new(o, "course", fu_str_or_null(fu_course_name(vt->course)));
    json_object_set_new(known, "studies", json_integer((json_int_t)vt->n_studies));
    json_object_set_new(known, "treatments", json_integer((json_int_t)vt->n_treatments));
    json_object_set_new(o, "known", known);
    json_object_set_new(o, "triage", triage_json(vt, lang));
    return o;
}

static const char *instrument_label(resorb_lang lang, resorb_instrument i)
{
    char key[48];
    snprintf(key, sizeof key, "instruments.name.%s", resorb_instrument_name(i));
    return resorb_msg(lang, key);
}

static json_t *end_json(resorb_date d, double v)
{
    if (d == RESORB_DATE_NONE)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "date", fu_date(d));
    json_object_set_new(o, "value", fu_num(v));
    return o;
}

static json_t *symptom_json(const resorb_trajectory *t, resorb_lang lang)
{
    json_t *o = json_object(), *pts = json_array();
    for (size_t i = 0; i < t->n_points; i++) {
        json_t *p = json_object();
        json_object_set_new(p, "date", fu_date(t->points[i].date));
        json_object_set_new(p, "value", fu_num(t->points[i].value));
        json_object_set_new(p, "source",
                            json_string(resorb_score_source_name(t->points[i].source)));
        json_array_append_new(pts, p);
    }
    json_object_set_new(o, "instrument", json_string(resorb_instrument_name(t->instrument)));
    json_object_set_new(o, "label", json_string(instrument_label(lang, t->instrument)));
    json_object_set_new(o, "points", pts);
    if (!t->has_change) {
        json_object_set_new(o, "change", json_null());
        return o;
    }
    const resorb_score_change *c = &t->change;
    json_t *ch = json_object();
    json_object_set_new(ch, "from", end_json(c->from, c->from_value));
    json_object_set_new(ch, "to", end_json(c->to, c->to_value));
    json_object_set_new(ch, "delta", fu_num(c->delta));
    json_object_set_new(ch, "threshold", fu_num(c->threshold));
    json_object_set_new(ch, "percent", fu_num(c->percent));
    json_object_set_new(ch, "verdict", json_string(resorb_change_verdict_name(c->verdict)));
    json_object_set_new(ch, "mcid_reached",
                        c->reached == RESORB_TRI_UNKNOWN
                            ? json_null()
                            : json_boolean(c->reached == RESORB_TRI_YES));
    json_object_set_new(ch, "reasons", fu_reasons_json(&c->reasons, lang));
    json_object_set_new(o, "change", ch);
    return o;
}

static json_t *studies_json(const resorb_case *c, const resorb_followup_report *f)
{
    json_t *a = json_array();
    for (size_t i = 0; i < f->n_studies; i++) {
        const resorb_study *s = &c->imaging[f->studies[i]];
        json_t *o = json_object(), *fs = json_array();
        json_object_set_new(o, "study", json_integer((json_int_t)f->studies[i]));
        json_object_set_new(o, "date", fu_date(s->date));
        json_object_set_new(o, "modality", fu_str_or_null(fu_modality_name(s->modality)));
        for (size_t k = 0; k < s->n_findings; k++) {
            const resorb_finding *fd = &s->findings[k];
            json_t *x = json_object();
            json_object_set_new(x, "level", json_string(resorb_level_name(fd->level)));
            json_object_set_new(x, "side", fu_str_or_null(resorb_side_name(fd->side)));
            json_object_set_new(x, "morphology",
                                json_string(resorb_morphology_name(fd->morphology)));
            json_object_set_new(x, "volume_mm3", fu_num(fd->volume_mm3));
            json_object_set_new(x, "area_mm2", fu_num(fd->area_mm2));
            json_object_set_new(x, "ap_mm", fu_num(fd->ap_mm));
            json_array_append_new(fs, x);
        }
        json_object_set_new(o, "findings", fs);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *herniation_json(const resorb_tracked_herniation *h, resorb_lang lang)
{
    json_t *o = json_object(), *pts = json_array();
    json_object_set_new(o, "level", json_string(resorb_level_name(h->level)));
    json_object_set_new(o, "side", fu_str_or_null(resorb_side_name(h->side)));
    json_object_set_new(o, "morphology", json_string(resorb_morphology_name(h->morphology)));
    json_object_set_new(o, "baseline", fu_date(h->points[0].date));
    json_object_set_new(o, "grade", json_string(resorb_resorption_grade_name(h->grade)));
    json_object_set_new(o, "grade_label", json_string(fu_grade_label(lang, h->grade)));
    json_object_set_new(o, "series_measure",
                        fu_str_or_null(resorb_size_measure_name(h->series_measure)));
    for (size_t i = 0; i < h->n_points; i++) {
        const resorb_size_point *p = &h->points[i];
        json_t *x = json_object();
        json_object_set_new(x, "study", json_integer((json_int_t)p->study));
        json_object_set_new(x, "date", fu_date(p->date));
        json_object_set_new(x, "months", fu_num(p->months));
        json_object_set_new(x, "listed", json_boolean(p->listed));
        json_object_set_new(x, "after_surgery", json_boolean(p->after_surgery));
        json_object_set_new(x, "morphology", fu_str_or_null(resorb_morphology_name(p->morphology)));
        json_object_set_new(x, "measure", fu_str_or_null(resorb_size_measure_name(p->measure)));
        json_object_set_new(x, "unit", fu_str_or_null(resorb_size_measure_unit(p->measure)));
        json_object_set_new(x, "baseline", fu_num(p->baseline));
        json_object_set_new(x, "size", fu_num(p->size));
        json_object_set_new(x, "change", fu_num(p->change));
        json_object_set_new(x, "reduction_percent", fu_num(p->reduction));
        json_object_set_new(
            x, "grade", i == 0 ? json_null() : json_string(resorb_resorption_grade_name(p->grade)));
        json_array_append_new(pts, x);
    }
    json_object_set_new(o, "points", pts);
    json_object_set_new(o, "reasons", fu_reasons_json(&h->reasons, lang));
    return o;
}

static int timeline_json(char **out, const resorb_followup_report *f, const resorb_case *c,
                         resorb_lang lang, bool pretty)
{
    fu_ids ids = {0};
    json_t *o = json_object(), *visits = json_array(), *symptoms = json_array(),
           *herniations = json_array();
    json_object_set_new(o, "format", json_string(RESORB_TIMELINE_FORMAT));
    json_object_set_new(o, "case_id", fu_str_or_null(c->id));
    json_object_set_new(o, "as_of", fu_date(c->as_of));
    json_object_set_new(o, "as_of_source", json_string(c->as_of_given ? "case" : "default"));
    json_object_set_new(o, "language", json_string(resorb_lang_code(lang)));
    json_object_set_new(o, "onset", fu_date(f->onset));
    for (size_t i = 0; i < f->n_visits; i++) {
        json_array_append_new(visits, visit_json(&f->visits[i], lang));
        fu_ids_add(&ids, &f->visits[i].reasons);
    }
    json_object_set_new(o, "visits", visits);
    json_object_set_new(o, "record", visit_json(&f->record, lang));
    fu_ids_add(&ids, &f->record.reasons);
    for (size_t i = 0; i < f->n_trajectories; i++) {
        json_array_append_new(symptoms, symptom_json(&f->trajectories[i], lang));
        if (f->trajectories[i].has_change)
            fu_ids_add(&ids, &f->trajectories[i].change.reasons);
    }
    json_object_set_new(o, "symptoms", symptoms);
    json_object_set_new(o, "studies", studies_json(c, f));
    for (size_t i = 0; i < f->n_herniations; i++) {
        json_array_append_new(herniations, herniation_json(&f->herniations[i], lang));
        fu_ids_add(&ids, &f->herniations[i].reasons);
    }
    json_object_set_new(o, "herniations", herniations);
    json_object_set_new(o, "notes", fu_reasons_json(&f->notes, lang));
    fu_ids_add(&ids, &f->notes);
    json_object_set_new(o, "evidence", fu_ids_json(&ids));
    json_object_set_new(o, "disclaimer", json_string(resorb_msg(lang, "cli.disclaimer")));
    return fu_dump(o, pretty, out);
}

/* ---- text ---- */

static void nrs_text(char *buf, size_t n, int v)
{
    if (v == RESORB_INT_NONE)
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%d", v);
}

static void visit_text(fu_buf *b, const resorb_visit_triage *vt, resorb_lang lang)
{
    char date[RESORB_DATE_TEXT], months[32], leg[16], back[16];
    resorb_date_format(vt->date, date);
    resorb_fu__number(months, sizeof months, vt->months_since_onset, 1);
    nrs_text(leg, sizeof leg, vt->leg_pain_nrs);
    nrs_text(back, sizeof back, vt->back_pain_nrs);
    const char *course = fu_course_label(lang, vt->course);
    const char *args[6] = {
        date, months, leg, back, *course ? course : "-", fu_category_label(lang, vt->category)};
    fu_say(b, lang,
           vt->visit == RESORB_FOLLOWUP_NONE ? "followup.text.record" : "followup.text.visit", args,
           6);
    if (vt->changed)
        fu_printf(b, " %s", resorb_msg(lang, "followup.text.changed"));
    fu_put(b, "\n");
    fu_reasons_text(b, &vt->reasons, lang, "    ");
}

static void symptoms_text(fu_buf *b, const resorb_followup_report *f, resorb_lang lang)
{
    for (size_t i = 0; i < f->n_trajectories; i++) {
        const resorb_trajectory *t = &f->trajectories[i];
        fu_printf(b, "%s: ", instrument_label(lang, t->instrument));
        if (t->n_points == 0)
            fu_put(b, resorb_msg(lang, "followup.text.no_scores"));
        for (size_t k = 0; k < t->n_points; k++) {
            char date[RESORB_DATE_TEXT], v[32];
            resorb_date_format(t->points[k].date, date);
            resorb_fu__number(v, sizeof v, t->points[k].value, 1);
            fu_printf(b, "%s%s %s", k ? " \xe2\x86\x92 " : "", date, v);
        }
        fu_put(b, "\n");
        if (!t->has_change)
            continue;
        char key[48];
        snprintf(key, sizeof key, "score.verdict.%s",
                 resorb_change_verdict_name(t->change.verdict));
        const char *mcid = t->change.reached == RESORB_TRI_YES  ? "followup.text.mcid.yes"
                           : t->change.reached == RESORB_TRI_NO ? "followup.text.mcid.no"
                                                                : "followup.text.mcid.unknown";
        const char *args[2] = {resorb_msg(lang, key), resorb_msg(lang, mcid)};
        fu_put(b, "  ");
        fu_say(b, lang, "followup.text.change", args, 2);
        fu_put(b, "\n");
        fu_reasons_text(b, &t->change.reasons, lang, "    ");
    }
}

static void size_text(char *buf, size_t n, double v, resorb_size_measure m)
{
    char num[32];
    resorb_fu__number(num, sizeof num, v, 2);
    snprintf(buf, n, "%s %s", num, resorb_fu__unit_display(m));
}

static void studies_text(fu_buf *b, const resorb_followup_report *f, const resorb_case *c,
                         resorb_lang lang)
{
    if (f->n_studies == 0)
        fu_printf(b, "%s\n", resorb_msg(lang, "followup.text.no_studies"));
    for (size_t i = 0; i < f->n_studies; i++) {
        const resorb_study *s = &c->imaging[f->studies[i]];
        char date[RESORB_DATE_TEXT];
        resorb_date_format(s->date, date);
        const char *mod = s->modality == RESORB_MODALITY_CT ? "CT" : "MRI";
        fu_printf(b, "%s %s:", date, mod);
        for (size_t k = 0; k < s->n_findings; k++) {
            const resorb_finding *fd = &s->findings[k];
            char label[128], sizes[160] = "";
            fu_herniation_label(label, sizeof label, lang, fd->level, fd->side);
            const resorb_size_measure ms[] = {RESORB_SIZE_VOLUME, RESORB_SIZE_AREA, RESORB_SIZE_AP};
            const double vs[] = {fd->volume_mm3, fd->area_mm2, fd->ap_mm};
            for (size_t m = 0; m < 3; m++) {
                if (isnan(vs[m]))
                    continue;
                char one[48];
                size_text(one, sizeof one, vs[m], ms[m]);
                size_t len = strlen(sizes);
                snprintf(sizes + len, sizeof sizes - len, "%s%s %s", len ? ", " : "",
                         fu_measure_label(lang, ms[m]), one);
            }
            fu_printf(b, "%s %s %s%s%s%s", k ? ";" : "", label,
                      fu_morphology_label(lang, fd->morphology), *sizes ? " (" : "", sizes,
                      *sizes ? ")" : "");
        }
        fu_put(b, "\n");
    }
}

static void herniation_text(fu_buf *b, const resorb_tracked_herniation *h, resorb_lang lang)
{
    char label[128], date[RESORB_DATE_TEXT];
    fu_herniation_label(label, sizeof label, lang, h->level, h->side);
    resorb_date_format(h->points[0].date, date);
    const char *args[4] = {label, fu_morphology_label(lang, h->morphology), date,
                           fu_grade_label(lang, h->grade)};
    fu_say(b, lang, "followup.text.herniation_heading", args, 4);
    fu_put(b, "\n");
    for (size_t i = 1; i < h->n_points; i++) {
        const resorb_size_point *p = &h->points[i];
        char d[RESORB_DATE_TEXT], months[32];
        resorb_date_format(p->date, d);
        resorb_fu__number(months, sizeof months, p->months, 1);
        fu_put(b, "  ");
        if (!p->listed || p->measure == RESORB_SIZE_NONE) {
            const char *a2[2] = {d, months};
            fu_say(b, lang,
                   p->listed ? "followup.text.point_no_measure" : "followup.text.point_not_listed",
                   a2, 2);
        } else {
            char from[48], to[48], change[48], red[32];
            size_text(from, sizeof from, p->baseline, p->measure);
            size_text(to, sizeof to, p->size, p->measure);
            size_text(change, sizeof change, p->change, p->measure);
            resorb_fu__number(red, sizeof red, p->reduction, 1);
            const char *a8[8] = {d,      months, fu_measure_label(lang, p->measure), from, to,
                                 change, red,    fu_grade_label(lang, p->grade)};
            fu_say(b, lang, "followup.text.point", a8, 8);
        }
        fu_put(b, "\n");
    }
    fu_reasons_text(b, &h->reasons, lang, "    ");
}

static int timeline_text(char **out, const resorb_followup_report *f, const resorb_case *c,
                         resorb_lang lang)
{
    fu_buf b = {0};
    char as_of[RESORB_DATE_TEXT], onset[RESORB_DATE_TEXT];
    resorb_date_format(c->as_of, as_of);
    resorb_date_format(f->onset, onset);
    const char *title[3] = {c->id[0] ? c->id : resorb_msg(lang, "followup.text.no_id"), as_of,
                            onset};
    fu_say(&b, lang, "followup.text.title", title, 3);
    fu_put(&b, "\n\n");

    fu_printf(&b, "== %s\n", resorb_msg(lang, "followup.text.visits"));
    if (f->n_visits == 0)
        fu_printf(&b, "%s\n", resorb_msg(lang, "followup.text.no_visits"));
    for (size_t i = 0; i < f->n_visits; i++)
        visit_text(&b, &f->visits[i], lang);
    visit_text(&b, &f->record, lang);

    fu_printf(&b, "\n== %s\n", resorb_msg(lang, "followup.text.symptoms"));
    symptoms_text(&b, f, lang);

    fu_printf(&b, "\n== %s\n", resorb_msg(lang, "followup.text.studies"));
    studies_text(&b, f, c, lang);

    fu_printf(&b, "\n== %s\n", resorb_msg(lang, "followup.text.herniations"));
    if (f->n_herniations == 0)
        fu_printf(&b, "%s\n", resorb_msg(lang, "followup.text.no_herniations"));
    for (size_t i = 0; i < f->n_herniations; i++)
        herniation_text(&b, &f->herniations[i], lang);

    fu_printf(&b, "\n== %s\n", resorb_msg(lang, "followup.text.notes"));
    fu_reasons_text(&b, &f->notes, lang, "  ");
    fu_printf(&b, "\n%s\n", resorb_msg(lang, "cli.disclaimer"));
    return fu_finish(&b, out);
}

int resorb_timeline_document(char **out, const resorb_followup_report *f, const resorb_case *c,
                             resorb_lang lang, bool json, bool pretty)
{
    if (!out || !f || !c)
        return RESORB_EUSAGE;
    *out = NULL;
    return json ? timeline_json(out, f, c, lang, pretty) : timeline_text(out, f, c, lang);
}

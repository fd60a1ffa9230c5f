/*
 * cli/cmd_evidence.c: `resorb evidence [--format text|json] [ID]` and
 * `resorb evidence fit [--format text|json]`.
 *
 * Without an id it lists every evidence row (id, value, confidence, short source); with an id
 * it shows that row in full, with its source and the compiler's note. `fit` re-runs the fit of
 * the time-to-regression model to the evidence rows (resorb_timecourse_fit, docs/prognosis.md)
 * and prints, per family, the parameters, every anchor point with its evidence id, observed
 * and fitted values, residual, z and leave-one-out value, the checks, and whether the live
 * fit agrees with the one compiled into the library. Text output is in the language chosen by
 * --lang and ends with the disclaimer; JSON output is language-neutral (both labels), its keys
 * in a fixed order so that it is byte-stable. Exit codes: 0 success, 1 usage error, 2 unknown
 * id, 3 output failure (or a failed fit).
 */
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "resorb/evidence.h"
#include "resorb/evidence_json.h"
#include "resorb/timecourse.h"

typedef enum out_format { FORMAT_TEXT, FORMAT_JSON } out_format;

#define VALUE_TEXT_MAX 160
#define MAX_SUGGESTIONS 8

/* Display units that have a translation (and an English singular for a quantity of exactly 1);
 * any other unit is shown as written in the table. */
static const struct {
    const char *unit, *key, *one;
} unit_keys[] = {
    {"months", "evidence.unit.months", "evidence.unit.month"},
    {"weeks", "evidence.unit.weeks", "evidence.unit.week"},
    {"days", "evidence.unit.days", "evidence.unit.day"},
    {"hours", "evidence.unit.hours", "evidence.unit.hour"},
    {"years", "evidence.unit.years", "evidence.unit.year"},
    {"years of age", "evidence.unit.years_of_age", NULL},
    {"points", "evidence.unit.points", "evidence.unit.point"},
    {"patients", "evidence.unit.patients", "evidence.unit.patient"},
    {"herniations", "evidence.unit.herniations", "evidence.unit.herniation"},
    {"levels", "evidence.unit.levels", "evidence.unit.level"},
    {"items", "evidence.unit.items", "evidence.unit.item"},
    {"odds ratio", "evidence.unit.odds_ratio", NULL},
    {"hazard ratio", "evidence.unit.hazard_ratio", NULL},
    {"relative risk", "evidence.unit.relative_risk", NULL},
    {"degrees", "evidence.unit.degrees", "evidence.unit.degree"},
    {"mg twice daily", "evidence.unit.mg_bid", NULL},
    {"mg once daily", "evidence.unit.mg_qd", NULL},
    {"mg per dose", "evidence.unit.mg_per_dose", NULL},
    {"doses/day", "evidence.unit.doses_per_day", NULL},
};

/* The unit in the chosen language, for a quantity v (singular when v is exactly 1). */
static const char *unit_text(const resorb_cli *cli, const char *unit, double v)
{
    for (size_t i = 0; i < sizeof unit_keys / sizeof unit_keys[0]; i++)
        if (strcmp(unit, unit_keys[i].unit) == 0)
            return resorb_msg(cli->lang,
                              v == 1 && unit_keys[i].one ? unit_keys[i].one : unit_keys[i].key);
    return unit;
}

/* Moves *len past k bytes written by snprintf into a buffer of n bytes; on truncation it stops
 * at the terminating NUL, so *len always indexes inside the buffer. */
static void advance(size_t *len, size_t n, int k)
{
    if (k <= 0)
        return;
    *len += (size_t)k;
    if (*len > n - 1)
        *len = n - 1;
}

/* Appends a number and its unit: "96%", "1.33 months". */
static void put_quantity(char *buf, size_t n, size_t *len, const resorb_cli *cli, double v,
                         const char *unit)
{
    if (*len >= n)
        return;
    const char *u = unit_text(cli, unit, v);
    bool tight = strcmp(unit, "%") == 0 || *u == '\0';
    int k = snprintf(buf + *len, n - *len, "%.15g%s%s", v, tight ? "" : " ", u);
    advance(len, n, k);
}

static void append(char *buf, size_t n, size_t *len, const char *s)
{
    if (*len >= n)
        return;
    int k = snprintf(buf + *len, n - *len, "%s", s);
    advance(len, n, k);
}

/* The value column: "96%", "62–66%", "≥ 23%", or "(direction only)" for a qualitative row. */
static void value_text(const resorb_cli *cli, const resorb_evidence_row *r, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    if (r->has_value) {
        put_quantity(buf, n, &len, cli, r->value, r->unit);
    } else if (!isnan(r->low) && !isnan(r->high)) {
        /* "3–6 months", but "-6 to 29 points": a dash after a minus sign misreads. */
        char low[48];
        snprintf(low, sizeof low, "%.15g", r->low);
        append(buf, n, &len, low);
        append(buf, n, &len,
               resorb_msg(cli->lang, r->low < 0 ? "evidence.range.to" : "evidence.range.dash"));
        put_quantity(buf, n, &len, cli, r->high, r->unit);
    } else if (!isnan(r->low)) {
        append(buf, n, &len, "\u2265 ");
        put_quantity(buf, n, &len, cli, r->low, r->unit);
    } else if (!isnan(r->high)) {
        append(buf, n, &len, "\u2264 ");
        put_quantity(buf, n, &len, cli, r->high, r->unit);
    } else {
        append(buf, n, &len, resorb_msg(cli->lang, "evidence.qualitative"));
    }
}

/* Columns on a terminal: 2 for East Asian wide characters, 1 for others (UTF-8 input). */
static size_t display_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int extra;
        if (*p < 0x80) {
            cp = *p;
            extra = 0;
        } else if ((*p & 0xe0) == 0xc0) {
            cp = *p & 0x1f;
            extra = 1;
        } else if ((*p & 0xf0) == 0xe0) {
            cp = *p & 0x0f;
            extra = 2;
        } else {
            cp = *p & 0x07;
            extra = 3;
        }
        p++;
        for (int i = 0; i < extra && (*p & 0xc0) == 0x80; i++, p++)
            cp = (cp << 6) | (*p & 0x3f);
        bool wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
                    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
                    (cp >= 0xffe0 && cp <= 0xffe6);
        w += wide ? 2 : 1;
    }
    return w;
}

static void put_padded(FILE *f, const char *s, size_t width)
{
    fputs(s, f);
    for (size_t w = display_width(s); w < width; w++)
        fputc(' ', f);
}

static void list_text(resorb_cli *cli)
{
    size_t n = resorb_evidence_count();
    const char *head[3] = {resorb_msg(cli->lang, "evidence.list.id"),
                           resorb_msg(cli->lang, "evidence.list.value"),
                           resorb_msg(cli->lang, "evidence.list.confidence")};
    size_t width[3] = {display_width(head[0]), display_width(head[1]), display_width(head[2])};
    char value[VALUE_TEXT_MAX], source[RESORB_EVIDENCE_SOURCE_MAX], count[32];
    for (size_t i = 0; i < n; i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        value_text(cli, r, value, sizeof value);
        size_t w[3] = {display_width(r->id), display_width(value),
                       display_width(resorb_confidence_name(r->confidence))};
        for (int c = 0; c < 3; c++)
            if (w[c] > width[c])
                width[c] = w[c];
    }
    for (int c = 0; c < 3; c++) {
        put_padded(cli->out, head[c], width[c] + 2);
    }
    fprintf(cli->out, "%s\n", resorb_msg(cli->lang, "evidence.list.source"));
    for (size_t i = 0; i < n; i++) {
        const resorb_evidence_row *r = resorb_evidence_at(i);
        value_text(cli, r, value, sizeof value);
        resorb_evidence_short_source(source, sizeof source, r);
        put_padded(cli->out, r->id, width[0] + 2);
        put_padded(cli->out, value, width[1] + 2);
        put_padded(cli->out, resorb_confidence_name(r->confidence), width[2] + 2);
        fprintf(cli->out, "%s\n", source);
    }
    snprintf(count, sizeof count, "%zu", n);
    const char *args[1] = {count};
    fputc('\n', cli->out);
    cli_say(cli, cli->out, "evidence.list.footer", args, 1);
}

static void field(resorb_cli *cli, const char *key, const char *text)
{
    if (!text || !*text)
        return;
    fprintf(cli->out, "  %s: %s\n", resorb_msg(cli->lang, key), text);
}

/* Between parts of a citation: ". ", or a space after a part that already ends in a period
 * ("Lequin MB et al."). */
static const char *separator(const char *buf, size_t len)
{
    if (len == 0)
        return "";
    return buf[len - 1] == '.' ? " " : ". ";
}

static void show_text(resorb_cli *cli, const resorb_evidence_row *r)
{
    char buf[VALUE_TEXT_MAX], num[32], full[2048];
    size_t len = 0;
    fprintf(cli->out, "%s\n", r->id);
    field(cli, "evidence.field.label", cli->lang == RESORB_LANG_JA ? r->label_ja : r->label_en);
    value_text(cli, r, buf, sizeof buf);
    field(cli, "evidence.field.value", buf);
    if (r->has_value && (!isnan(r->low) || !isnan(r->high))) {
        char interval[VALUE_TEXT_MAX];
        resorb_evidence_row bounds = *r;
        bounds.has_value = false;
        value_text(cli, &bounds, interval, sizeof interval);
        field(cli, "evidence.field.interval", interval);
    }
    field(cli, "evidence.field.unit", unit_text(cli, r->unit, 0));
    field(cli, "evidence.field.population", r->population);
    if (r->n > 0) {
        snprintf(num, sizeof num, "%d", r->n);
        field(cli, "evidence.field.n", num);
    }
    full[0] = '\0';
    const char *parts[3] = {r->authors, r->title, r->journal};
    for (int i = 0; i < 3; i++) {
        if (!*parts[i])
            continue;
        append(full, sizeof full, &len, separator(full, len));
        append(full, sizeof full, &len, parts[i]);
    }
    if (r->year > 0) {
        snprintf(num, sizeof num, "%d", r->year);
        if (!strstr(r->journal, num)) {
            append(full, sizeof full, &len, separator(full, len));
            append(full, sizeof full, &len, num);
        }
    }
    field(cli, "evidence.field.source", full);
    field(cli, "evidence.field.doi", r->doi);
    field(cli, "evidence.field.pmid", r->pmid);
    char conf_key[64], conf[512];
    snprintf(conf_key, sizeof conf_key, "evidence.confidence.%s",
             resorb_confidence_name(r->confidence));
    snprintf(conf, sizeof conf, "%s (%s)", resorb_confidence_name(r->confidence),
             resorb_msg(cli->lang, conf_key));
    field(cli, "evidence.field.confidence", conf);
    field(cli, "evidence.field.note", r->note);
}

/* Writes one row (r != NULL) or all rows as JSON. Returns CLI_OK or CLI_FAILURE. */
static int emit_json(resorb_cli *cli, const resorb_evidence_row *r)
{
    json_t *doc = NULL;
    int rc = CLI_FAILURE;
    if (r) {
        if (resorb_evidence_row_json(&doc, r) != 0)
            goto done;
    } else if ((doc = json_array())) {
        for (size_t i = 0; i < resorb_evidence_count(); i++) {
            json_t *o = NULL;
            if (resorb_evidence_row_json(&o, resorb_evidence_at(i)) != 0 ||
                json_array_append_new(doc, o) != 0)
                goto done;
        }
    }
    if (!doc)
        goto done;
    if (json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0)
        goto done;
    fputc('\n', cli->out);
    rc = CLI_OK;
done:
    json_decref(doc);
    return rc;
}

static void suggest(resorb_cli *cli, const char *id)
{
    char list[1024];
    size_t len = 0, found = 0, idlen = strlen(id);
    list[0] = '\0';
    for (size_t i = 0; i < resorb_evidence_count() && found < MAX_SUGGESTIONS; i++) {
        const char *cand = resorb_evidence_at(i)->id;
        if (idlen == 0 || strncmp(cand, id, idlen) != 0)
            continue;
        append(list, sizeof list, &len, found ? ", " : "");
        append(list, sizeof list, &len, cand);
        found++;
    }
    if (found == 0)
        return;
    const char *args[1] = {list};
    fputs("resorb: ", cli->err);
    cli_say(cli, cli->err, "evidence.error.candidates", args, 1);
}

/* ---- `resorb evidence fit` ---- */

/* The median of F in months (display only). */
static double fit_median(const resorb_tc_model *m)
{
    return m->family == RESORB_TC_WEIBULL ? m->b * pow(log(2.0), 1 / m->a) : exp(m->a);
}

/* The live fit agrees with the compiled one (same code and rows: equal up to rounding). */
static bool same_fits(const resorb_tc_fits *a, const resorb_tc_fits *b)
{
    if (a->chosen != b->chosen)
        return false;
    for (int k = 0; k < RESORB_TC__FAMILIES; k++) {
        const resorb_tc_model *x = &a->fits[k].model, *y = &b->fits[k].model;
        if (fabs(x->a - y->a) > 1e-9 * fabs(y->a) || fabs(x->b - y->b) > 1e-9 * fabs(y->b) ||
            fabs(x->plateau - y->plateau) > 1e-9 || a->fits[k].n_anchors != b->fits[k].n_anchors)
            return false;
    }
    return true;
}

/* The families in print order: the chosen one first. */
static void family_order(const resorb_tc_fits *fits, resorb_tc_family order[RESORB_TC__FAMILIES])
{
    int j = 0;
    order[j++] = fits->chosen;
    for (int k = 0; k < RESORB_TC__FAMILIES; k++)
        if (k != (int)fits->chosen)
            order[j++] = (resorb_tc_family)k;
}

/* A number with a fixed number of decimals ("-" for NaN); signed adds "+" to positives. */
static void fmt(char *buf, size_t n, int decimals, bool signed_, double v)
{
    if (isnan(v))
        snprintf(buf, n, "-");
    else if (signed_)
        snprintf(buf, n, "%+.*f", decimals, v);
    else
        snprintf(buf, n, "%.*f", decimals, v);
}

/* Says a message whose arguments are numbers, each with `decimals` decimals. */
static void say_numbers(resorb_cli *cli, const char *key, const double *v, size_t nv,
                        const int *decimals)
{
    char text[4][32];
    const char *args[4];
    for (size_t i = 0; i < nv && i < 4; i++) {
        fmt(text[i], sizeof text[i], decimals[i], false, v[i]);
        args[i] = text[i];
    }
    cli_say(cli, cli->out, key, args, nv);
}

static void fit_text(resorb_cli *cli, const resorb_tc_fits *fits, bool agrees)
{
    static const char *const columns[] = {
        "evidence.fit.col.anchor",   "evidence.fit.col.kind", "evidence.fit.col.t",
        "evidence.fit.col.observed", "evidence.fit.col.se",   "evidence.fit.col.fitted",
        "evidence.fit.col.residual", "evidence.fit.col.z",    "evidence.fit.col.loo"};
    enum { NCOL = sizeof columns / sizeof columns[0] };
    resorb_tc_family order[RESORB_TC__FAMILIES];
    family_order(fits, order);
    cli_say(cli, cli->out, "evidence.fit.title", NULL, 0);
    for (int o = 0; o < RESORB_TC__FAMILIES; o++) {
        const resorb_tc_fit *f = &fits->fits[order[o]];
        char key[64];
        fputc('\n', cli->out);
        snprintf(key, sizeof key, "evidence.fit.family.%s%s", resorb_tc_family_name(order[o]),
                 o == 0 ? ".chosen" : "");
        cli_say(cli, cli->out, key, NULL, 0);
        snprintf(key, sizeof key, "evidence.fit.params.%s", resorb_tc_family_name(order[o]));
        const double params[4] = {f->model.a, f->model.b, fit_median(&f->model), f->model.plateau};
        const int four[4] = {4, 4, 2, 4};
        say_numbers(cli, key, params, 4, four);
        const double stats[3] = {f->chi2, f->dof, f->iterations};
        const int stat_decimals[3] = {4, 0, 0};
        say_numbers(cli, "evidence.fit.stats", stats, 3, stat_decimals);

        /* The anchor table, aligned by display width. */
        char cell[RESORB_TC_ANCHORS + 1][NCOL][64];
        size_t width[NCOL];
        for (int c = 0; c < NCOL; c++) {
            snprintf(cell[0][c], sizeof cell[0][c], "%s", resorb_msg(cli->lang, columns[c]));
            width[c] = display_width(cell[0][c]);
        }
        for (size_t i = 0; i < f->n_anchors; i++) {
            const resorb_tc_anchor *a = &f->anchors[i];
            char(*row)[64] = cell[i + 1];
            snprintf(key, sizeof key, "evidence.fit.kind.%s", resorb_tc_kind_name(a->kind));
            snprintf(row[0], sizeof row[0], "%s", a->id);
            snprintf(row[1], sizeof row[1], "%s", resorb_msg(cli->lang, key));
            if (a->kind == RESORB_TC_SHARE)
                snprintf(row[2], sizeof row[2], "%g/%g", a->t, a->t_ref);
            else if (a->kind == RESORB_TC_CUMULATIVE)
                snprintf(row[2], sizeof row[2], "%g", a->t);
            else
                snprintf(row[2], sizeof row[2], "-");
            fmt(row[3], sizeof row[3], 4, false, a->observed);
            fmt(row[4], sizeof row[4], 4, false, a->se);
            fmt(row[5], sizeof row[5], 4, false, a->fitted);
            fmt(row[6], sizeof row[6], 4, true, a->residual);
            fmt(row[7], sizeof row[7], 3, true, a->z);
            fmt(row[8], sizeof row[8], 4, false, a->loo);
            for (int c = 0; c < NCOL; c++)
                if (display_width(row[c]) > width[c])
                    width[c] = display_width(row[c]);
        }
        for (size_t i = 0; i <= f->n_anchors; i++) {
            fputs("  ", cli->out);
            for (int c = 0; c < NCOL; c++) {
                if (c == NCOL - 1)
                    fputs(cell[i][c], cli->out);
                else
                    put_padded(cli->out, cell[i][c], width[c] + 2);
            }
            fputc('\n', cli->out);
        }
        for (size_t i = 0; i < f->n_checks; i++) {
            const resorb_tc_check *c = &f->checks[i];
            char t[32], v[32];
            snprintf(t, sizeof t, "%g", c->t);
            snprintf(v, sizeof v, "%.4f", c->model);
            const char *args[3] = {c->id, t, v};
            cli_say(cli, cli->out,
                    c->consistent ? "evidence.fit.check.consistent"
                                  : "evidence.fit.check.inconsistent",
                    args, 3);
        }
    }
    fputc('\n', cli->out);
    cli_say(cli, cli->out, agrees ? "evidence.fit.compiled.same" : "evidence.fit.compiled.differs",
            NULL, 0);
    cli_say(cli, cli->out, "evidence.fit.note", NULL, 0);
}

static json_t *num_json(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *fit_json_one(const resorb_tc_fit *f)
{
    json_t *o = json_object(), *params = json_object(), *anchors = json_array(),
           *checks = json_array();
    int bad = !o || !params || !anchors || !checks;
    if (bad)
        goto fail;
    bool weibull = f->model.family == RESORB_TC_WEIBULL;
    bad |= json_object_set_new(params, weibull ? "shape" : "mu", json_real(f->model.a));
    bad |= json_object_set_new(params, weibull ? "scale_months" : "sigma", json_real(f->model.b));
    bad |= json_object_set_new(params, "plateau", json_real(f->model.plateau));
    for (size_t i = 0; i < f->n_anchors; i++) {
        const resorb_tc_anchor *a = &f->anchors[i];
        json_t *x = json_object(), *cites = json_array();
        if (!x || !cites) {
            json_decref(x);
            json_decref(cites);
            bad = 1;
            break;
        }
        for (size_t c = 0; c < a->n_cites; c++)
            bad |= json_array_append_new(cites, json_string(a->cites[c]));
        bool has_t = a->kind == RESORB_TC_CUMULATIVE || a->kind == RESORB_TC_SHARE;
        bad |= json_object_set_new(x, "id", json_string(a->id));
        bad |= json_object_set_new(x, "evidence", cites);
        bad |= json_object_set_new(x, "kind", json_string(resorb_tc_kind_name(a->kind)));
        bad |= json_object_set_new(x, "t_months", has_t ? json_real(a->t) : json_null());
        bad |= json_object_set_new(x, "t_ref_months",
                                   a->kind == RESORB_TC_SHARE ? json_real(a->t_ref) : json_null());
        bad |= json_object_set_new(x, "observed", num_json(a->observed));
        bad |= json_object_set_new(x, "se", num_json(a->se));
        bad |= json_object_set_new(x, "fitted", num_json(a->fitted));
        bad |= json_object_set_new(x, "residual", num_json(a->residual));
        bad |= json_object_set_new(x, "z", num_json(a->z));
        bad |= json_object_set_new(x, "leave_one_out", num_json(a->loo));
        bad |= json_array_append_new(anchors, x);
    }
    for (size_t i = 0; i < f->n_checks; i++) {
        const resorb_tc_check *c = &f->checks[i];
        json_t *x = json_object();
        if (!x) {
            bad = 1;
            break;
        }
        bad |= json_object_set_new(x, "id", json_string(c->id));
        bad |= json_object_set_new(x, "t_months", json_real(c->t));
        bad |= json_object_set_new(x, "model", num_json(c->model));
        bad |= json_object_set_new(x, "consistent", json_boolean(c->consistent));
        bad |= json_array_append_new(checks, x);
    }
    bad |= json_object_set_new(o, "family", json_string(resorb_tc_family_name(f->model.family)));
    bad |= json_object_set_new(o, "parameters", params);
    params = NULL;
    bad |= json_object_set_new(o, "median_months", num_json(fit_median(&f->model)));
    bad |= json_object_set_new(o, "mean_months", num_json(resorb_timecourse_mean(&f->model)));
    bad |= json_object_set_new(o, "chi2", num_json(f->chi2));
    bad |= json_object_set_new(o, "dof", json_integer(f->dof));
    bad |= json_object_set_new(o, "iterations", json_integer(f->iterations));
    bad |= json_object_set_new(o, "converged", json_boolean(f->converged));
    bad |= json_object_set_new(o, "anchors", anchors);
    anchors = NULL;
    bad |= json_object_set_new(o, "checks", checks);
    checks = NULL;
    if (!bad)
        return o;
fail:
    json_decref(o);
    json_decref(params);
    json_decref(anchors);
    json_decref(checks);
    return NULL;
}

static int fit_json(resorb_cli *cli, const resorb_tc_fits *fits, bool agrees)
{
    int rc = CLI_FAILURE;
    json_t *doc = json_object(), *list = json_array();
    resorb_tc_family order[RESORB_TC__FAMILIES];
    if (!doc || !list)
        goto done;
    family_order(fits, order);
    for (int o = 0; o < RESORB_TC__FAMILIES; o++) {
        json_t *f = fit_json_one(&fits->fits[order[o]]);
        if (!f || json_array_append_new(list, f) != 0)
            goto done;
    }
    int bad = 0;
    bad |= json_object_set_new(doc, "model", json_string("P(regressed by t months) = p * F(t)"));
    bad |= json_object_set_new(doc, "chosen", json_string(resorb_tc_family_name(fits->chosen)));
    bad |= json_object_set_new(doc, "same_as_compiled", json_boolean(agrees));
    bad |= json_object_set_new(doc, "fits", list);
    list = NULL;
    if (bad)
        goto done;
    if (json_dumpf(doc, cli->out, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0)
        goto done;
    fputc('\n', cli->out);
    rc = CLI_OK;
done:
    json_decref(doc);
    json_decref(list);
    return rc;
}

static int run_fit(resorb_cli *cli, out_format format)
{
    resorb_tc_fits *fits = malloc(sizeof *fits);
    int rc = CLI_FAILURE;
    if (!fits)
        goto done;
    int err = resorb_timecourse_fit(fits);
    if (err != 0) {
        char code[16];
        snprintf(code, sizeof code, "%d", err);
        const char *args[1] = {code};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "evidence.fit.error", args, 1);
        goto done;
    }
    bool agrees = same_fits(fits, resorb_timecourse_compiled());
    if (format == FORMAT_JSON) {
        rc = fit_json(cli, fits, agrees);
    } else {
        fit_text(cli, fits, agrees);
        fputc('\n', cli->out);
        cli_say(cli, cli->out, "cli.disclaimer", NULL, 0);
        rc = CLI_OK;
    }
done:
    free(fits);
    return rc;
}

int resorb_cli_evidence(resorb_cli *cli, int argc, char **argv)
{
    out_format format = FORMAT_TEXT;
    const char *id = NULL;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *value = NULL;
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            cli_say(cli, cli->out, "evidence.usage", NULL, 0);
            return CLI_OK;
        }
        if (!options_done && strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error(cli, "cli.error.missing_value", "--format");
            value = argv[++i];
        } else if (!options_done && strncmp(a, "--format=", 9) == 0) {
            value = a + 9;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        } else if (id) {
            return cli_usage_error(cli, "evidence.error.extra_argument", a);
        } else {
            id = a;
            continue;
        }
        if (strcmp(value, "text") == 0)
            format = FORMAT_TEXT;
        else if (strcmp(value, "json") == 0)
            format = FORMAT_JSON;
        else
            return cli_usage_error(cli, "evidence.error.bad_format", value);
    }

    if (id && strcmp(id, "fit") == 0) {
        int rc = run_fit(cli, format);
        if (fflush(cli->out) != 0 || ferror(cli->out))
            rc = CLI_FAILURE;
        return rc;
    }
    const resorb_evidence_row *row = NULL;
    if (id) {
        row = resorb_evidence_find(id);
        if (!row) {
            const char *args[1] = {id};
            fputs("resorb: ", cli->err);
            cli_say(cli, cli->err, "evidence.error.unknown_id", args, 1);
            suggest(cli, id);
            return CLI_INVALID;
        }
    }
    int rc = CLI_OK;
    if (format == FORMAT_JSON) {
        rc = emit_json(cli, row);
    } else {
        if (row)
            show_text(cli, row);
        else
            list_text(cli);
        fputc('\n', cli->out);
        cli_say(cli, cli->out, "cli.disclaimer", NULL, 0);
    }
    if (fflush(cli->out) != 0 || ferror(cli->out))
        rc = CLI_FAILURE;
    return rc;
}

/*
 * case/parse.c: resorb_case_parse, from JSON text to a typed, validated resorb_case.
 *
 * Three stages, each reporting into the caller's diagnostics list:
 *  1. the bytes: empty, over the size cap, NUL characters (caught here, before the parser, so
 *     the position can be given);
 *  2. the JSON text, by jansson with duplicate keys rejected; its error codes become our stable
 *     problem names (syntax, too_deep, encoding, number_overflow, duplicate_key) with
 *     line:column;
 *  3. the tree, section by section (the decoders of decode.h), then the cross-field rules
 *     (check.c). Every problem is collected, not just the first.
 * Nothing JSON outlives this call: the tree is freed before returning.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "case/decode.h"
#include "core/diag.h"

static const char *const top_fields[] = {"format",  "id",         "as_of",      "patient",
                                         "history", "exam",       "imaging",    "treatments",
                                         "visits",  "questionnaires", NULL};

/* Line and column (1-based; the column counts characters, not bytes) of byte offset pos. */
static void locate(const char *s, size_t pos, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        if (s[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static resorb_error *add_at(resorb_diags *d, resorb_problem p, int line, int col, const char *a0)
{
    resorb_error *e = resorb_diags__add(d, RESORB_SEV_ERROR, p, "", a0, NULL, NULL);
    if (e) {
        e->line = line;
        e->column = col;
    }
    return e;
}

static bool all_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

void resorb_case_reject_too_large(resorb_diags *diags)
{
    char arg[32];
    snprintf(arg, sizeof arg, "%d", RESORB_MAX_INPUT_BYTES);
    resorb_diags__add(diags, RESORB_SEV_ERROR, RESORB_P_TOO_LARGE, "", arg, NULL, NULL);
}

/* Stage 1. Returns 0 when the bytes may go to the parser. */
static int check_bytes(const char *json, size_t len, resorb_diags *d)
{
    char arg[64];
    if (len > RESORB_MAX_INPUT_BYTES) {
        resorb_case_reject_too_large(d);
        return RESORB_ETOOLARGE;
    }
    if (all_space(json, len)) {
        resorb_diags__add(d, RESORB_SEV_ERROR, RESORB_P_EMPTY, "", NULL, NULL, NULL);
        return RESORB_EINVALID;
    }
    const char *nul = memchr(json, '\0', len);
    if (nul) {
        int line, col;
        size_t off = (size_t)(nul - json);
        locate(json, off, &line, &col);
        snprintf(arg, sizeof arg, "NUL (byte offset %zu)", off);
        add_at(d, RESORB_P_ENCODING, line, col, arg);
        return RESORB_EINVALID;
    }
    return 0;
}

/* The key a duplicate_key error points at: jansson stops just after the repeated key's closing
 * quote, so the key is the last string literal before the error position. */
static void duplicate_key_name(const char *json, size_t pos, char *out, size_t n)
{
    size_t end = pos, start;
    out[0] = '\0';
    while (end > 0 && json[end - 1] != '"')
        end--;
    if (end == 0)
        return;
    end--; /* at the closing quote */
    start = end;
    while (start > 0 && !(json[start - 1] == '"' && (start < 2 || json[start - 2] != '\\')))
        start--;
    if (start == 0)
        return;
    size_t k = end - start;
    if (k >= n)
        k = n - 1;
    memcpy(out, json + start, k);
    out[k] = '\0';
}

/* Stage 2. Returns the tree or NULL after recording the problem. */
static json_t *load_json(const char *json, size_t len, resorb_diags *d, int *rc)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (root)
        return root;
    resorb_problem p = RESORB_P_SYNTAX;
    char arg[RESORB_ARG_MAX];
    snprintf(arg, sizeof arg, "%s", jerr.text);
    switch (json_error_code(&jerr)) {
    case json_error_out_of_memory:
        *rc = RESORB_ENOMEM;
        break;
    case json_error_stack_overflow:
        p = RESORB_P_TOO_DEEP;
        break;
    case json_error_invalid_utf8:
    case json_error_null_character:
    case json_error_null_byte_in_key:
        p = RESORB_P_ENCODING;
        break;
    case json_error_numeric_overflow:
        p = RESORB_P_NUMBER_OVERFLOW;
        break;
    case json_error_duplicate_key:
        p = RESORB_P_DUPLICATE_KEY;
        duplicate_key_name(json, jerr.position > 0 ? (size_t)jerr.position : 0, arg,
                           sizeof arg);
        break;
    case json_error_premature_end_of_input:
        if (jerr.line <= 0) {
            /* jansson reports an empty document here; stage 1 caught real emptiness. */
            jerr.line = 1;
            jerr.column = 1;
        }
        break;
    default:
        break;
    }
    /* jansson says column 0 at the very start of a line (e.g. end of input after a newline);
     * positions here are 1-based. */
    add_at(d, p, jerr.line > 0 ? jerr.line : 0,
           jerr.line > 0 ? (jerr.column > 0 ? jerr.column : 1) : 0, arg);
    if (*rc == 0)
        *rc = RESORB_EINVALID;
    return NULL;
}

json_t *resorb_case__load_tree(const char *json, size_t len, resorb_diags *diags, int *rc)
{
    *rc = check_bytes(json ? json : "", len, diags);
    if (*rc != 0)
        return NULL;
    return load_json(json, len, diags, rc);
}

size_t resorb_case__each_object(rj_ctx *c, const json_t *arr, size_t max,
                                resorb_case__item_fn fn, void *ctx)
{
    size_t i, n = 0;
    json_t *item;
    if (!arr || !json_is_array(arr))
        return 0;
    json_array_foreach(arr, i, item) {
        if (i >= max)
            break;
        size_t old = rj_push_index(c, i);
        if (json_is_object(item))
            fn(c, item, i, ctx);
        else
            rj_error(c, RESORB_P_TYPE, "object", rj_type_name(item), NULL);
        rj_pop(c, old);
        n++;
    }
    return n;
}

size_t resorb_case__list(rj_ctx *c, const json_t *obj, const char *key, bool required,
                         size_t max, resorb_case__item_fn fn, void *ctx, bool *given)
{
    json_t *arr = NULL;
    if (rj_array(c, obj, key, required, max, &arr) == 0 || !arr)
        return 0;
    if (given)
        *given = true;
    size_t old = rj_push_key(c, key);
    size_t n = resorb_case__each_object(c, arr, max, fn, ctx);
    rj_pop(c, old);
    return n;
}

int resorb_case__side(rj_ctx *c, const json_t *obj, const char *key, bool required,
                      rj_enum_names table, resorb_side *out)
{
    int v = 0;
    int rc = rj_enum(c, obj, key, required, table, &v);
    if (rc != 1)
        return rc;
    const char *w = table.names[v];
    if (strcmp(w, "left") == 0)
        *out = RESORB_SIDE_LEFT;
    else if (strcmp(w, "right") == 0)
        *out = RESORB_SIDE_RIGHT;
    else if (strcmp(w, "both") == 0)
        *out = RESORB_SIDE_BOTH;
    else if (strcmp(w, "midline") == 0)
        *out = RESORB_SIDE_MIDLINE;
    else
        *out = RESORB_SIDE_NEITHER;
    return 1;
}

static void decode_id(rj_ctx *c, const json_t *root, resorb_case *out)
{
    json_t *v = json_object_get(root, "id");
    if (!v)
        return;
    size_t old = rj_push_key(c, "id");
    if (!json_is_string(v)) {
        rj_error(c, RESORB_P_TYPE, "string", rj_type_name(v), NULL);
    } else {
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        bool ok = len > 0;
        for (size_t i = 0; ok && i < len; i++) {
            char ch = s[i];
            ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                 (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
        }
        if (len > RESORB_MAX_ID_LEN) {
            char cap[16];
            snprintf(cap, sizeof cap, "%d", RESORB_MAX_ID_LEN);
            rj_error(c, RESORB_P_TOO_LONG, cap, NULL, NULL);
        } else if (!ok) {
            rj_error(c, RESORB_P_PATTERN, "1-64 characters from A-Z a-z 0-9 . _ -", s, NULL);
        } else {
            memcpy(out->id, s, len + 1);
        }
    }
    rj_pop(c, old);
}

static void decode_format(rj_ctx *c, const json_t *root)
{
    json_t *v = json_object_get(root, "format");
    if (!v) {
        rj_error_at(c, "format", RESORB_P_REQUIRED, NULL, NULL, NULL);
        return;
    }
    size_t old = rj_push_key(c, "format");
    if (!json_is_string(v))
        rj_error(c, RESORB_P_TYPE, "string", rj_type_name(v), NULL);
    else if (strcmp(json_string_value(v), RESORB_CASE_FORMAT) != 0)
        rj_error(c, RESORB_P_ENUM, RESORB_CASE_FORMAT, json_string_value(v), NULL);
    rj_pop(c, old);
}

/* Sets every scalar of the case to "absent". Array elements are not touched: each decoder sets
 * its element's defaults when it reaches it, and nothing reads past a count (a case is ~40 KiB,
 * so not clearing the arrays keeps bulk validation fast). */
static void case_init(resorb_case *c, resorb_date as_of)
{
    c->id[0] = '\0';
    c->as_of = as_of;
    c->as_of_given = false;
    c->patient = (resorb_patient){.age = RESORB_INT_NONE,
                                  .weight_kg = NAN,
                                  .height_cm = NAN,
                                  .serum_creatinine_mg_dl = NAN};
    c->history = (resorb_history){.onset = RESORB_DATE_NONE,
                                  .leg_pain_nrs = RESORB_INT_NONE,
                                  .back_pain_nrs = RESORB_INT_NONE};
    c->exam.given = false;
    c->exam.n_slr = c->exam.n_femoral_stretch = c->exam.n_motor = 0;
    c->exam.n_sensory = c->exam.n_reflexes = 0;
    c->exam.crossed_slr = RESORB_TRI_UNKNOWN;
    c->exam.perianal_sensation = RESORB_PERIANAL_NONE;
    c->exam.anal_tone = RESORB_TONE_NONE;
    c->exam.post_void_residual_ml = NAN;
    c->n_imaging = c->n_treatments = c->n_visits = 0;
    c->imaging_given = c->treatments_given = c->visits_given = false;
    resorb_questionnaires *q = &c->questionnaires;
    q->given = false;
    q->n_odi = q->n_rdq = q->n_dn4 = q->n_paindetect = q->n_startback = q->n_joa = 0;
    q->n_joabpeq = 0;
}

static void decode_root(rj_ctx *c, const json_t *root, resorb_case *out,
                        const resorb_parse_options *opts)
{
    json_t *v = NULL;
    rj_check_fields(c, root, top_fields);
    decode_format(c, root);
    decode_id(c, root, out);
    int rc = rj_date(c, root, "as_of", false, &out->as_of);
    if (rc == 1)
        out->as_of_given = true;
    else if (rc == 0 && (!opts || opts->default_as_of == RESORB_DATE_NONE))
        rj_error_at(c, "as_of", RESORB_P_REQUIRED, NULL, NULL, NULL);
    else if (rc < 0)
        out->as_of = RESORB_DATE_NONE;

    if (rj_object(c, root, "patient", true, &v) == 1) {
        size_t old = rj_push_key(c, "patient");
        resorb_case__decode_patient(c, v, &out->patient);
        rj_pop(c, old);
    }
    if (rj_object(c, root, "history", true, &v) == 1) {
        size_t old = rj_push_key(c, "history");
        resorb_case__decode_history(c, v, &out->history);
        rj_pop(c, old);
    }
    if (rj_object(c, root, "exam", false, &v) == 1) {
        size_t old = rj_push_key(c, "exam");
        resorb_case__decode_exam(c, v, &out->exam);
        rj_pop(c, old);
    }
    resorb_case__decode_imaging(c, root, out);
    resorb_case__decode_treatments(c, root, out);
    resorb_case__decode_visits(c, root, out);
    if (rj_object(c, root, "questionnaires", false, &v) == 1) {
        size_t old = rj_push_key(c, "questionnaires");
        resorb_case__decode_questionnaires(c, v, &out->questionnaires);
        rj_pop(c, old);
    }
}

int resorb_case_parse(resorb_case *out, const char *json, size_t len,
                      const resorb_parse_options *opts, resorb_diags *diags)
{
    json_t *root = NULL;
    int rc = 0;
    size_t errors_before = diags->errors;
    rj_ctx c = {.diags = diags, .path = "", .path_len = 0};

    if (!out || (!json && len > 0))
        return RESORB_EUSAGE;
    rc = check_bytes(json ? json : "", len, diags);
    if (rc != 0)
        goto done;
    root = load_json(json, len, diags, &rc);
    if (!root)
        goto done;
    if (!json_is_object(root)) {
        rj_error(&c, RESORB_P_TYPE, "object", rj_type_name(root), NULL);
        rc = RESORB_EINVALID;
        goto done;
    }
    case_init(out, opts ? opts->default_as_of : RESORB_DATE_NONE);
    decode_root(&c, root, out, opts);
    resorb_case_check(out, diags);
    rc = diags->errors > errors_before ? RESORB_EINVALID : 0;
done:
    json_decref(root);
    return rc;
}

/* case/json_read.c: typed, diagnosing reads from a jansson tree (see json_read.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "case/json_read.h"
#include "core/diag.h"
#include "core/text.h"

static void path_cut(rj_ctx *c)
{
    /* Leave room for "/..." so the path stays a recognisable prefix. */
    size_t keep = sizeof c->path - 5;
    while (keep > 0 && ((unsigned char)c->path[keep] & 0xC0) == 0x80)
        keep--;
    memcpy(c->path + keep, "/...", 5);
    c->path_len = keep + 4;
}

size_t rj_push_key(rj_ctx *c, const char *key)
{
    /* Hot path (every field read pushes its key): copy straight into the path, escaping '~'
     * and '/' as RFC 6901 says, and cut the path when it would overflow. */
    size_t old = c->path_len, n = old;
    const size_t room = sizeof c->path - 1;
    if (n >= room) {
        path_cut(c);
        return old;
    }
    c->path[n++] = '/';
    for (const char *p = key; *p; p++) {
        if (n + 2 > room) {
            c->path_len = n;
            path_cut(c);
            return old;
        }
        if (*p == '~' || *p == '/') {
            c->path[n++] = '~';
            c->path[n++] = *p == '~' ? '0' : '1';
        } else {
            c->path[n++] = *p;
        }
    }
    c->path[n] = '\0';
    c->path_len = n;
    return old;
}

size_t rj_push_index(rj_ctx *c, size_t index)
{
    char tmp[24];
    size_t n = sizeof tmp - 1;
    tmp[n] = '\0';
    do {
        tmp[--n] = (char)('0' + index % 10);
        index /= 10;
    } while (index > 0 && n > 0);
    return rj_push_key(c, tmp + n);
}
void rj_pop(rj_ctx *c, size_t old_len)
{
    c->path_len = old_len;
    c->path[old_len] = '\0';
}

void rj_error(rj_ctx *c, resorb_problem p, const char *a0, const char *a1, const char *a2)
{
    resorb_diags__add(c->diags, RESORB_SEV_ERROR, p, c->path, a0, a1, a2);
}

void rj_warning(rj_ctx *c, resorb_problem p, const char *a0, const char *a1, const char *a2)
{
    resorb_diags__add(c->diags, RESORB_SEV_WARNING, p, c->path, a0, a1, a2);
}

void rj_error_at(rj_ctx *c, const char *key, resorb_problem p, const char *a0, const char *a1,
                 const char *a2)
{
    size_t old = rj_push_key(c, key);
    rj_error(c, p, a0, a1, a2);
    rj_pop(c, old);
}

const char *rj_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER: return "integer";
    case JSON_REAL: return "number";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    case JSON_NULL: return "null";
    }
    return "null";
}

void rj_check_fields(rj_ctx *c, const json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value) {
        bool known = false;
        (void)value;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0) {
                known = true;
                break;
            }
        if (!known)
            rj_error_at(c, key, RESORB_P_UNKNOWN_FIELD, key, NULL, NULL);
    }
}

/* Looks up key; records "required" when absent and required. */
static json_t *member(rj_ctx *c, const json_t *obj, const char *key, bool required)
{
    json_t *v = json_object_get(obj, key);
    if (!v && required)
        rj_error_at(c, key, RESORB_P_REQUIRED, NULL, NULL, NULL);
    return v;
}

static int type_error(rj_ctx *c, const char *expected, const json_t *v)
{
    rj_error(c, RESORB_P_TYPE, expected, rj_type_name(v), NULL);
    return -1;
}

int rj_object(rj_ctx *c, const json_t *obj, const char *key, bool required, json_t **out)
{
    json_t *v = member(c, obj, key, required);
    if (!v)
        return 0;
    if (!json_is_object(v)) {
        size_t old = rj_push_key(c, key);
        type_error(c, "object", v);
        rj_pop(c, old);
        return -1;
    }
    *out = v;
    return 1;
}

int rj_array(rj_ctx *c, const json_t *obj, const char *key, bool required, size_t max,
             json_t **out)
{
    json_t *v = member(c, obj, key, required);
    int rc = 1;
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    if (!json_is_array(v)) {
        rc = type_error(c, "array", v);
    } else if (json_array_size(v) > max) {
        char cap[24];
        snprintf(cap, sizeof cap, "%zu", max);
        rj_error(c, RESORB_P_TOO_MANY, cap, NULL, NULL);
        /* The first max entries are still read, so their own problems are reported too. */
        *out = v;
        rc = -1;
    } else {
        *out = v;
    }
    rj_pop(c, old);
    return rc;
}

int rj_fixed_array(rj_ctx *c, const json_t *obj, const char *key, bool required, size_t n,
                   json_t **out)
{
    json_t *v = member(c, obj, key, required);
    int rc = 1;
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    if (!json_is_array(v)) {
        rc = type_error(c, "array", v);
    } else if (json_array_size(v) != n) {
        char want[24], got[24];
        snprintf(want, sizeof want, "%zu", n);
        snprintf(got, sizeof got, "%zu", json_array_size(v));
        rj_error(c, RESORB_P_COUNT, want, got, NULL);
        rc = -1;
    } else {
        *out = v;
    }
    rj_pop(c, old);
    return rc;
}

static void fmt_num(char *buf, size_t n, double v)
{
    snprintf(buf, n, "%.15g", v);
}

int rj_value_int(rj_ctx *c, const json_t *v, int min, int max, int *out)
{
    double d;
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        d = (double)i;
        if (i >= min && i <= max) {
            *out = (int)i;
            return 1;
        }
    } else if (json_is_real(v) && floor(json_real_value(v)) == json_real_value(v)) {
        /* 44.0 is an integer in JSON Schema's sense; accept it like the schema does. */
        d = json_real_value(v);
        if (d >= min && d <= max) {
            *out = (int)d;
            return 1;
        }
    } else {
        return type_error(c, "integer", v);
    }
    char a[24], b[24], f[40];
    snprintf(a, sizeof a, "%d", min);
    snprintf(b, sizeof b, "%d", max);
    fmt_num(f, sizeof f, d);
    rj_error(c, RESORB_P_RANGE, a, b, f);
    return -1;
}

int rj_int(rj_ctx *c, const json_t *obj, const char *key, bool required, int min, int max,
           int *out)
{
    json_t *v = member(c, obj, key, required);
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    int rc = rj_value_int(c, v, min, max, out);
    rj_pop(c, old);
    return rc;
}

int rj_number(rj_ctx *c, const json_t *obj, const char *key, bool required, double min,
              double max, double *out)
{
    json_t *v = member(c, obj, key, required);
    int rc = 1;
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    if (!json_is_number(v)) {
        rc = type_error(c, "number", v);
    } else {
        double d = json_number_value(v);
        if (d >= min && d <= max) {
            *out = d;
        } else {
            char a[40], b[40] = "", f[40];
            fmt_num(a, sizeof a, min);
            if (!isinf(max)) /* an empty maximum reads "at least {0}" */
                fmt_num(b, sizeof b, max);
            fmt_num(f, sizeof f, d);
            rj_error(c, RESORB_P_RANGE, a, b, f);
            rc = -1;
        }
    }
    rj_pop(c, old);
    return rc;
}

int rj_value_bool(rj_ctx *c, const json_t *v, bool *out)
{
    if (!json_is_boolean(v))
        return type_error(c, "boolean", v);
    *out = json_is_true(v);
    return 1;
}

int rj_bool(rj_ctx *c, const json_t *obj, const char *key, bool required, bool *out)
{
    json_t *v = member(c, obj, key, required);
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    int rc = rj_value_bool(c, v, out);
    rj_pop(c, old);
    return rc;
}

int rj_tri(rj_ctx *c, const json_t *obj, const char *key, bool required, resorb_tri *out)
{
    bool b = false;
    int rc = rj_bool(c, obj, key, required, &b);
    if (rc == 1)
        *out = b ? RESORB_TRI_YES : RESORB_TRI_NO;
    return rc;
}

int rj_date(rj_ctx *c, const json_t *obj, const char *key, bool required, resorb_date *out)
{
    json_t *v = member(c, obj, key, required);
    int rc = 1;
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    if (!json_is_string(v))
        rc = type_error(c, "date", v);
    else if (resorb_date_parse(json_string_value(v), json_string_length(v), out) != 0) {
        rj_error(c, RESORB_P_DATE, json_string_value(v), NULL, NULL);
        rc = -1;
    }
    rj_pop(c, old);
    return rc;
}

static void join_names(char *buf, size_t n, rj_enum_names names)
{
    resorb_buf b;
    resorb_buf_init(&b, buf, n);
    for (int i = 1; i < names.count; i++) {
        if (i > 1)
            resorb_buf_puts(&b, ", ");
        resorb_buf_puts(&b, names.names[i]);
    }
}

int rj_value_enum(rj_ctx *c, const json_t *v, rj_enum_names names, int *out)
{
    char allowed[RESORB_ARG_MAX];
    if (!json_is_string(v))
        return type_error(c, "string", v);
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    for (int i = 1; i < names.count; i++)
        if (strlen(names.names[i]) == len && memcmp(names.names[i], s, len) == 0) {
            *out = i;
            return 1;
        }
    join_names(allowed, sizeof allowed, names);
    rj_error(c, RESORB_P_ENUM, allowed, s, NULL);
    return -1;
}

int rj_enum(rj_ctx *c, const json_t *obj, const char *key, bool required, rj_enum_names names,
            int *out)
{
    json_t *v = member(c, obj, key, required);
    if (!v)
        return 0;
    size_t old = rj_push_key(c, key);
    int rc = rj_value_enum(c, v, names, out);
    rj_pop(c, old);
    return rc;
}

int rj_codeset(rj_ctx *c, const json_t *obj, const char *key, rj_enum_names names,
               resorb_codeset *out)
{
    json_t *arr = NULL;
    /* Each code may appear once (duplicates are reported one by one as duplicate_item); the
     * cap only bounds the work on a hostile list. */
    int rc = rj_array(c, obj, key, false, RJ_CODESET_MAX, &arr);
    if (rc == 0 || !arr)
        return rc;
    resorb_codeset set = {true, 0};
    size_t old = rj_push_key(c, key), i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        int code;
        size_t o2 = rj_push_index(c, i);
        if (rj_value_enum(c, item, names, &code) == 1) {
            uint32_t bit = UINT32_C(1) << (code - 1);
            if (set.bits & bit) {
                rj_error(c, RESORB_P_DUPLICATE_ITEM, names.names[code], NULL, NULL);
                rc = -1;
            }
            set.bits |= bit;
        } else {
            rc = -1;
        }
        rj_pop(c, o2);
    }
    rj_pop(c, old);
    if (rc == 1)
        *out = set;
    return rc;
}

/*
 * case/json_read.h: typed, diagnosing reads from a jansson tree (internal to case/).
 *
 * A reader walks the tree with a JSON pointer of where it is. Every getter takes the parent
 * object and a key and returns 1 when the field was present and valid (the output written),
 * 0 when it was absent (the output untouched; a "required" problem was recorded if required),
 * and -1 when it was present but invalid (a problem was recorded). So absent and invalid are
 * never confused, and one call records at most one problem.
 */
#ifndef RESORB_CASE_JSON_READ_H
#define RESORB_CASE_JSON_READ_H

#include <jansson.h>
#include <stdbool.h>

#include "resorb/case.h"

typedef struct rj_ctx {
    resorb_diags *diags;
    char path[RESORB_PATH_MAX];
    size_t path_len;
} rj_ctx;

/* Names of an enumeration indexed by value; names[0] is "" (absent). */
typedef struct rj_enum_names {
    const char *const *names;
    int count;
} rj_enum_names;

#define RJ_ENUM(arr) ((rj_enum_names){(arr), (int)(sizeof(arr) / sizeof((arr)[0]))})

/* Appends "/key" (escaped per RFC 6901) or "/index" to the path; returns the old length for
 * rj_pop. A path that would overflow is cut with "..." so errors still point near the spot. */
size_t rj_push_key(rj_ctx *c, const char *key);
size_t rj_push_index(rj_ctx *c, size_t index);
void rj_pop(rj_ctx *c, size_t old_len);

void rj_error(rj_ctx *c, resorb_problem p, const char *a0, const char *a1, const char *a2);
void rj_warning(rj_ctx *c, resorb_problem p, const char *a0, const char *a1, const char *a2);
/* The same, for the child field key of the current path. */
void rj_error_at(rj_ctx *c, const char *key, resorb_problem p, const char *a0, const char *a1,
                 const char *a2);

/* "object", "array", "string", "integer", "number", "boolean", "null". */
const char *rj_type_name(const json_t *v);

/* Records unknown_field for every key of obj not in allowed (NULL-terminated). */
void rj_check_fields(rj_ctx *c, const json_t *obj, const char *const *allowed);

/* The member key of obj as an object / array: 1, 0 or -1 as above. */
int rj_object(rj_ctx *c, const json_t *obj, const char *key, bool required, json_t **out);
int rj_array(rj_ctx *c, const json_t *obj, const char *key, bool required, size_t max,
             json_t **out);

int rj_int(rj_ctx *c, const json_t *obj, const char *key, bool required, int min, int max,
           int *out);
int rj_number(rj_ctx *c, const json_t *obj, const char *key, bool required, double min,
              double max, double *out);
int rj_tri(rj_ctx *c, const json_t *obj, const char *key, bool required, resorb_tri *out);
int rj_bool(rj_ctx *c, const json_t *obj, const char *key, bool required, bool *out);
int rj_date(rj_ctx *c, const json_t *obj, const char *key, bool required, resorb_date *out);
int rj_enum(rj_ctx *c, const json_t *obj, const char *key, bool required, rj_enum_names names,
            int *out);

/* Value-level checks for array elements (the current path already points at the element). */
int rj_value_int(rj_ctx *c, const json_t *v, int min, int max, int *out);
int rj_value_bool(rj_ctx *c, const json_t *v, bool *out);
int rj_value_enum(rj_ctx *c, const json_t *v, rj_enum_names names, int *out);
#define RJ_CODESET_MAX 64

/* An array of codes from names (index 0 unused), no duplicates, into a bit set. */
int rj_codeset(rj_ctx *c, const json_t *obj, const char *key, rj_enum_names names,
               resorb_codeset *out);
/* A fixed-length array: records count when its size is not n. Returns 1 / 0 / -1. */
int rj_fixed_array(rj_ctx *c, const json_t *obj, const char *key, bool required, size_t n,
                   json_t **out);

#endif

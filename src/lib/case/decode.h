/*
 * case/decode.h: the section decoders of resorb_case_parse (internal to case/).
 *
 * Each decoder reads one part of the jansson tree into the typed case, recording every problem
 * it meets in the reader's diagnostics and going on, so that one run reports all the problems
 * of a document (up to the cap). A decoder never fails hard: bad values are reported and left
 * at their "absent" defaults, and the caller decides from the error count whether the case is
 * usable. The reader's path is where the section's object sits.
 */
#ifndef RESORB_CASE_DECODE_H
#define RESORB_CASE_DECODE_H

#include "case/json_read.h"
#include "case/names.h"

void resorb_case__decode_patient(rj_ctx *c, const json_t *obj, resorb_patient *out);
void resorb_case__decode_history(rj_ctx *c, const json_t *obj, resorb_history *out);
void resorb_case__decode_exam(rj_ctx *c, const json_t *obj, resorb_exam *out);
/* One motor item {muscle, side, mmt, progressive?}; used by exam and visits. */
void resorb_case__decode_motor(rj_ctx *c, const json_t *obj, resorb_motor *out);
/* These three read their array field ("imaging", "treatments", "visits") from the root object. */
void resorb_case__decode_imaging(rj_ctx *c, const json_t *root, resorb_case *out);
void resorb_case__decode_treatments(rj_ctx *c, const json_t *root, resorb_case *out);
void resorb_case__decode_visits(rj_ctx *c, const json_t *root, resorb_case *out);
void resorb_case__decode_questionnaires(rj_ctx *c, const json_t *obj,
                                        resorb_questionnaires *out);

/* Stages 1 and 2 of resorb_case_parse (the bytes, then the JSON text): the tree, or NULL with
 * the problem recorded in diags and *rc set (RESORB_EINVALID, RESORB_ETOOLARGE, RESORB_ENOMEM).
 * Used by the parsers of a single visit or study (parts.c). */
json_t *resorb_case__load_tree(const char *json, size_t len, resorb_diags *diags, int *rc);

/* One visit / one imaging study object, as an element of visits[] / imaging[]; the reader's
 * path is where the object sits. */
void resorb_case__decode_visit(rj_ctx *c, const json_t *obj, resorb_visit *out);
void resorb_case__decode_study(rj_ctx *c, const json_t *obj, resorb_study *out);

/* Reads a side field with a narrower word list (table) and maps it onto resorb_side. */
int resorb_case__side(rj_ctx *c, const json_t *obj, const char *key, bool required,
                      rj_enum_names table, resorb_side *out);

/* Walks an array field: for each element that is an object, pushes its index on the path and
 * calls fn(c, element, i, ctx); non-objects are reported as type errors. At most max elements
 * are visited (rj_array reports longer arrays). Returns the number visited, or 0 when the field
 * is absent or not an array. */
typedef void (*resorb_case__item_fn)(rj_ctx *c, const json_t *item, size_t i, void *ctx);
size_t resorb_case__each_object(rj_ctx *c, const json_t *arr, size_t max,
                                resorb_case__item_fn fn, void *ctx);

/* An optional (or required) array field of objects, capped at max: reads it with rj_array and
 * decodes its objects with fn under the field's path. Returns the number decoded; *given is set
 * when the field was present and an array (may be NULL). */
size_t resorb_case__list(rj_ctx *c, const json_t *obj, const char *key, bool required,
                         size_t max, resorb_case__item_fn fn, void *ctx, bool *given);

#endif

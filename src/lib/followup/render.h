/*
 * followup/render.h: shared pieces of the timeline and forecast documents (render_*.c).
 *
 * JSON is built with jansson in a fixed key order, numbers rounded (3 decimals) and NaN as
 * null, so the same record gives byte-identical output; every statement is {key, text,
 * evidence} as in the assessment. Text goes into a growing buffer that remembers an allocation
 * failure instead of failing at every call.
 */
#ifndef RESORB_FOLLOWUP_RENDER_H
#define RESORB_FOLLOWUP_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "followup/internal.h"

typedef struct fu_buf {
    char *data;
    size_t len, cap;
    bool failed;
} fu_buf;

void fu_put(fu_buf *b, const char *s);
void fu_printf(fu_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the message key with args, in lang. */
void fu_say(fu_buf *b, resorb_lang lang, const char *key, const char *const *args, size_t n);
/* "  - text [ids]\n" for each reason. */
void fu_reasons_text(fu_buf *b, const resorb_reasons *l, resorb_lang lang, const char *indent);
/* Hands the buffer to *out (0) or frees it (RESORB_ENOMEM). */
int fu_finish(fu_buf *b, char **out);

json_t *fu_num(double v);
json_t *fu_date(resorb_date d);
json_t *fu_int_or_null(int v); /* RESORB_INT_NONE -> null */
json_t *fu_reasons_json(const resorb_reasons *l, resorb_lang lang);
json_t *fu_str_or_null(const char *s); /* "" -> null */

/* Evidence ids cited by reason lists, collected sorted and unique. */
#define FU_EVIDENCE_MAX 256
typedef struct fu_ids {
    size_t n;
    const char *ids[FU_EVIDENCE_MAX];
} fu_ids;
void fu_ids_add(fu_ids *s, const resorb_reasons *l);
void fu_ids_add_one(fu_ids *s, const char *id);
json_t *fu_ids_json(fu_ids *s); /* sorts, then a JSON array */

/* Serialises o (stolen) as the document: indented when pretty. 0 or RESORB_ENOMEM. */
int fu_dump(json_t *o, bool pretty, char **out);

/* Words of the record in lang: "L5/S1", the side, the morphology, the course, the category. */
const char *fu_side_label(resorb_lang lang, resorb_side s); /* "" for NONE */
const char *fu_morphology_label(resorb_lang lang, resorb_morphology m);
const char *fu_course_label(resorb_lang lang, resorb_course c); /* "" for NONE */
const char *fu_category_label(resorb_lang lang, resorb_triage_category c);
const char *fu_grade_label(resorb_lang lang, resorb_resorption_grade g);
const char *fu_measure_label(resorb_lang lang, resorb_size_measure m);
const char *fu_course_name(resorb_course c);     /* "improving", ... or NULL */
const char *fu_modality_name(resorb_modality m); /* "mri", "ct" or NULL */

/* "L5/S1 right" or "L5/S1" (no side), in lang, into buf. */
void fu_herniation_label(char *buf, size_t n, resorb_lang lang, resorb_level level,
                         resorb_side side);

#endif

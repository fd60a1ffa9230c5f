/*
 * resorb/scores_report.h: the questionnaire scores as JSON and as text (output adapters).
 *
 * resorb_report_scores_json() builds the language-dependent JSON of a resorb_scores as a
 * jansson object {"scores": [...], "changes": [...], "notes": [...]}, the same objects that
 * `resorb score --format json` prints at its top level, so the assessment can embed exactly
 * the same thing (e.g. its "scores" key). Keys are in a fixed order and numbers rounded to 3
 * decimals, so the same case gives byte-identical output. Every statement is an object
 * {key, text, evidence} as in the assessment. The format "resorb.scores/1" is documented in
 * docs/instruments.md.
 */
#ifndef RESORB_SCORES_REPORT_H
#define RESORB_SCORES_REPORT_H

#include <stdbool.h>

#include <jansson.h>

#include "resorb/case.h"
#include "resorb/i18n.h"
#include "resorb/instruments.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESORB_SCORES_FORMAT "resorb.scores/1"

/* A new jansson object {"scores": [...], "changes": [...], "notes": [...]} in *out (the caller
 * owns the reference: json_decref). Returns 0, RESORB_EUSAGE for NULL arguments, or
 * RESORB_ENOMEM (then *out is NULL). */
int resorb_report_scores_json(json_t **out, const resorb_scores *s, resorb_lang lang);

/* The scores, the changes and the notes as text lines (no title, no disclaimer), for embedding
 * in a larger report: a new NUL-terminated heap string (free()). 0 or RESORB_ENOMEM. */
int resorb_report_scores_text(char **out, const resorb_scores *s, resorb_lang lang);

/* The whole document of `resorb score` for case c: JSON ("resorb.scores/1": format, case_id,
 * as_of, as_of_source, language, scores, changes, notes, evidence, disclaimer; indented when
 * pretty) or text (title, the scores section, the disclaimer). A new heap string (free()).
 * Returns 0, RESORB_EUSAGE or RESORB_ENOMEM. */
int resorb_report_scores_document(char **out, const resorb_scores *s, const resorb_case *c,
                                  resorb_lang lang, bool json, bool pretty);

#ifdef __cplusplus
}
#endif
#endif

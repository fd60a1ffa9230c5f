/*
 * resorb/evidence_json.h: an evidence row as JSON (an output adapter of resorb/evidence.h).
 *
 * resorb_evidence_row_json() builds the object that `resorb evidence --format json ID` prints
 * and GET /api/v1/evidence/{id} serves (the list forms are arrays of it), so both doors give
 * the same bytes for the same dump flags. Its keys are in a fixed order, the columns of the
 * tables in data/evidence/: id, label_en, label_ja (both labels: the object is
 * language-neutral), value, low, high, unit, population, n, authors, title, journal, year, doi,
 * pmid, confidence, note, and last "source", the short source of
 * resorb_evidence_short_source() ("Chiu 2015"). Absent numbers are null: value of a
 * qualitative row, low/high without an interval, n when not published, year when not captured.
 */
#ifndef RESORB_EVIDENCE_JSON_H
#define RESORB_EVIDENCE_JSON_H

#include <jansson.h>

#include "resorb/error.h"
#include "resorb/evidence.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A new jansson object for row in *out (the caller owns the reference: json_decref). Returns
 * 0, RESORB_EUSAGE for NULL arguments, or RESORB_ENOMEM (also for a text field of the row that
 * is NULL or not UTF-8, which jansson cannot hold: never the case for the tables' rows); *out is
 * assigned only on success. */
int resorb_evidence_row_json(json_t **out, const resorb_evidence_row *row);

#ifdef __cplusplus
}
#endif
#endif

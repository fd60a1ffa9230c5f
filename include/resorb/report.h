/*
 * resorb/report.h: the assessment as text for a terminal and as JSON (output adapters).
 *
 * Both render a resorb_assessment (and the case it came from) in one language, cite the
 * evidence ids behind every statement and end with the disclaimer. The output is a pure
 * function of its inputs: the same case gives byte-identical output. The JSON format,
 * "resorb.assessment/1", is documented in docs/assessment.md and docs/assessment.schema.json.
 */
#ifndef RESORB_REPORT_H
#define RESORB_REPORT_H

#include "resorb/assess.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESORB_ASSESSMENT_FORMAT "resorb.assessment/1"

/* Renders into a new NUL-terminated heap string (*out, freed by the caller with free()).
 * pretty: indented JSON (else one line). Returns 0 or RESORB_ENOMEM. */
int resorb_report_json(char **out, const resorb_assessment *a, const resorb_case *c,
                       resorb_lang lang, bool pretty);
int resorb_report_text(char **out, const resorb_assessment *a, const resorb_case *c,
                       resorb_lang lang);

#ifdef __cplusplus
}
#endif
#endif

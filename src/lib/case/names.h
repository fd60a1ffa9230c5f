/*
 * case/names.h: the format's words for every enumeration of resorb.case/1 (internal).
 *
 * Each table is indexed by the enum value; index 0 is "" (absent). The decoder reads words
 * through these tables and the public resorb_*_name() functions write them back, so the words
 * live in one place. The code-set tables (conditions, medications, allergies) are shifted by one:
 * word i names code i - 1, because index 0 is reserved for "absent" in every table.
 */
#ifndef RESORB_CASE_NAMES_H
#define RESORB_CASE_NAMES_H

#include "case/json_read.h"

extern const char *const resorb_case__sex[5];
extern const char *const resorb_case__leg_side[5];  /* left right both none */
extern const char *const resorb_case__exam_side[3]; /* left right */
extern const char *const resorb_case__finding_side[5]; /* left right midline */
extern const char *const resorb_case__block_side[4];   /* left right both */
extern const char *const resorb_case__course[4];
extern const char *const resorb_case__conditions[RESORB_COND__COUNT + 1];
extern const char *const resorb_case__medications[RESORB_MED__COUNT + 1];
extern const char *const resorb_case__allergies[RESORB_ALLERGY__COUNT + 1];
extern const char *const resorb_case__red_flags[RESORB_RF__COUNT];
extern const char *const resorb_case__muscles[RESORB_MUSCLE__COUNT];
extern const char *const resorb_case__roots[RESORB_ROOT__COUNT];
extern const char *const resorb_case__sensory[4];
extern const char *const resorb_case__reflexes[3];
extern const char *const resorb_case__grades[5];
extern const char *const resorb_case__perianal[4];
extern const char *const resorb_case__anal_tone[3];
extern const char *const resorb_case__levels[RESORB_LEVEL__COUNT];
extern const char *const resorb_case__morphologies[RESORB_MORPH__COUNT];
extern const char *const resorb_case__zones[5];
extern const char *const resorb_case__migrations[4];
extern const char *const resorb_case__rims[4];
extern const char *const resorb_case__t2[4];
extern const char *const resorb_case__modalities[3];
extern const char *const resorb_case__treatments[RESORB_TX__COUNT];
extern const char *const resorb_case__responses[4];
extern const char *const resorb_case__guidance[5];
extern const char *const resorb_case__pd_course[5];
extern const char *const resorb_case__bother[6];

#endif

/*
 * evidence/evidence_data.h: the compiled evidence tables (generated at build time by
 * tools/gen_evidence.c from the TSV files in data/evidence/ into gen/evidence_data.c in the
 * build directory).
 *
 * Invariants the generator guarantees: ids are unique and sorted by strcmp (so lookups may
 * binary-search), every row names a source and one of the four confidence levels, absent
 * low/high are NaN, an absent n is -1 and an absent year is 0.
 */
#ifndef RESORB_EVIDENCE_DATA_H
#define RESORB_EVIDENCE_DATA_H

#include <stddef.h>

#include "resorb/evidence.h"

extern const resorb_evidence_row resorb__evidence[];
extern const size_t resorb__evidence_len;
/* Open-addressing index over the ids: slot = row index + 1, 0 empty; size a power of two. */
extern const unsigned resorb__evidence_hash[];
extern const size_t resorb__evidence_hash_size;

#endif

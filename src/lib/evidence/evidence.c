/*
 * evidence/evidence.c: read-only access to the compiled evidence tables.
 *
 * The rows are a constant array generated at build time (evidence_data.h), sorted by id, with
 * a constant hash index over the ids: lookup is one hash and about one string comparison, with
 * no allocation and no mutable state (the engine looks up dozens of rows per assessment).
 */
#include <stdint.h>
#include <string.h>

#include "evidence/evidence_data.h"
#include "resorb/evidence.h"

size_t resorb_evidence_count(void)
{
    return resorb__evidence_len;
}

const resorb_evidence_row *resorb_evidence_at(size_t i)
{
    return i < resorb__evidence_len ? &resorb__evidence[i] : NULL;
}

const resorb_evidence_row *resorb_evidence_find(const char *id)
{
    /* FNV-1a over the id, linear probing: the same function as tools/gen_evidence.c. */
    uint32_t h = 2166136261u;
    if (!id)
        return NULL;
    for (const char *p = id; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    size_t mask = resorb__evidence_hash_size - 1;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
        unsigned slot = resorb__evidence_hash[k];
        if (slot == 0)
            return NULL;
        if (strcmp(id, resorb__evidence[slot - 1].id) == 0)
            return &resorb__evidence[slot - 1];
    }
}

const char *resorb_confidence_name(resorb_confidence c)
{
    switch (c) {
    case RESORB_CONF_SOURCE_TEXT:
        return "source-text";
    case RESORB_CONF_ABSTRACT:
        return "abstract";
    case RESORB_CONF_SECONDARY:
        return "secondary";
    case RESORB_CONF_INFERRED:
        return "inferred";
    case RESORB_CONF__COUNT:
        break;
    }
    return "unknown";
}

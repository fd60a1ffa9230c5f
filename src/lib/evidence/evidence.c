/*
 * evidence/evidence.c: read-only access to the compiled evidence tables.
 *
 * The rows are a constant array generated at build time (evidence_data.h), sorted by id, so
 * lookup is a binary search with no allocation and no mutable state.
 */
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
    size_t lo = 0, hi = resorb__evidence_len;
    if (!id)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, resorb__evidence[mid].id);
        if (c == 0)
            return &resorb__evidence[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
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

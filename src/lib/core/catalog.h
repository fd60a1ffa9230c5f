/* core/catalog.h: the compiled message catalog (generated from data/i18n/*.tsv). */
#ifndef RESORB_CORE_CATALOG_H
#define RESORB_CORE_CATALOG_H

#include <stddef.h>

typedef struct resorb_catalog_entry {
    const char *key, *en, *ja;
} resorb_catalog_entry;

/* Sorted by key (strcmp), for binary search. */
extern const resorb_catalog_entry resorb__catalog[];
extern const size_t resorb__catalog_len;

#endif

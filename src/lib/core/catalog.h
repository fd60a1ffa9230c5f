/* core/catalog.h: the compiled message catalog (generated from the data/i18n TSV files). */
#ifndef RESORB_CORE_CATALOG_H
#define RESORB_CORE_CATALOG_H

#include <stddef.h>

typedef struct resorb_catalog_item {
    const char *key, *en, *ja;
} resorb_catalog_item;

/* Sorted by key (strcmp), for binary search. */
extern const resorb_catalog_item resorb__catalog[];
extern const size_t resorb__catalog_len;

#endif

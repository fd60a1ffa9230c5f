/*
 * resorb/evidence.h: the evidence tables, every clinical number resorb uses.
 *
 * Each row is one published (or explicitly inferred) figure with its source and how sure we
 * are of it. The rows live in the TSV files of data/evidence/, the single source; the build
 * compiles them into the library (tools/gen_evidence.c), refusing a row without a source or a
 * confidence and any duplicated id, so the program needs no data file at run time. Engine code
 * reads numbers only through resorb_evidence_find() and cites the ids it used; the comment
 * marker "EVIDENCE: <id>" in code links a rule to its row.
 */
#ifndef RESORB_EVIDENCE_H
#define RESORB_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "resorb/error.h"
#include "resorb/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum resorb_confidence {
    RESORB_CONF_SOURCE_TEXT = 0, /* read in body text, a table or official label text */
    RESORB_CONF_ABSTRACT,        /* read in the article's abstract */
    RESORB_CONF_SECONDARY,       /* read in a third-party summary, not the primary source */
    RESORB_CONF_INFERRED,        /* derived by arithmetic or interpretation: not published */
    RESORB_CONF__COUNT
} resorb_confidence;

typedef struct resorb_evidence_row {
    const char *id;       /* stable, e.g. "chiu2015.regression.sequestration" */
    const char *label_en; /* what the figure is */
    const char *label_ja;
    bool has_value;       /* false for a qualitative row (direction only) */
    double value;
    double low, high;     /* interval when published (NaN otherwise) */
    const char *unit;     /* "%", "months", "mg/day", "MMT grade", ... ("" for none) */
    const char *population;
    int n;                /* sample size when published, else -1 */
    const char *authors;
    const char *title;    /* article or document title ("" when not captured) */
    const char *journal;  /* journal with volume/pages, or the publisher of a label */
    int year;             /* publication year, or 0 when not captured */
    const char *doi;      /* "" when none was seen */
    const char *pmid;     /* "" when none was seen */
    resorb_confidence confidence;
    const char *note;     /* caveats, the compiler's reasoning for inferred rows */
} resorb_evidence_row;

size_t resorb_evidence_count(void);
/* Rows in id order; NULL when i is out of range. */
const resorb_evidence_row *resorb_evidence_at(size_t i);
/* The row with this id, or NULL. */
const resorb_evidence_row *resorb_evidence_find(const char *id);
const char *resorb_confidence_name(resorb_confidence c); /* "source-text", "abstract", ... */

/* Bytes enough for any short source of the tables, with its NUL. */
#define RESORB_EVIDENCE_SOURCE_MAX 96

/* The row's source in a few words, as `resorb evidence` lists it and the JSON form of a row
 * (resorb/evidence_json.h) carries it in "source": the first author's surname and the year
 * ("Chiu 2015" from "Chiu CC, Chuang TY, ..."; "Ramos Amador 2013" from "Ramos Amador A et
 * al."), or, when no author was captured, the journal up to its volume ("Acta Neurochir 2020",
 * "Acelio"); the year is not repeated when that text already contains it. Writes a
 * NUL-terminated string of at most n bytes to out. Returns 0, RESORB_EUSAGE for NULL arguments
 * or n == 0 (out untouched), or RESORB_ETOOLARGE when it had to be cut (out then holds as much
 * as fits, cut at a UTF-8 character boundary). */
int resorb_evidence_short_source(char *out, size_t n, const resorb_evidence_row *row);

#ifdef __cplusplus
}
#endif
#endif

/*
 * resorb/reason.h: a statement of the engine, language-neutral: a message-catalog key, its
 * arguments and the evidence ids it rests on. Rendered in English or Japanese only at output.
 */
#ifndef RESORB_REASON_H
#define RESORB_REASON_H

#include <stddef.h>

#include "resorb/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RESORB_REASON_ARGS 4
#define RESORB_REASON_ARG_MAX 48
#define RESORB_REASON_EVIDENCE 6

typedef struct resorb_reason {
    const char *key; /* message-catalog key (static string), e.g. "triage.emergency.retention" */
    /* {0}..{3} of the message; "@key" names a catalog word translated at rendering */
    char args[RESORB_REASON_ARGS][RESORB_REASON_ARG_MAX];
    size_t n_evidence;
    const char *evidence[RESORB_REASON_EVIDENCE]; /* ids of the rows it rests on (static) */
} resorb_reason;

/* A bounded list of reasons. Adding past the cap is counted in `dropped`, never silent. */
#define RESORB_REASONS_MAX 16
typedef struct resorb_reasons {
    size_t count, dropped;
    resorb_reason items[RESORB_REASONS_MAX];
} resorb_reasons;

/* Renders a reason in lang into buf (like snprintf: returns the length needed). An argument
 * written "@key" is a catalog word (e.g. "@side.right") and is translated too. */
size_t resorb_reason_format(const resorb_reason *r, resorb_lang lang, char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif

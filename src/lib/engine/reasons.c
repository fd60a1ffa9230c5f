/* engine/reasons.c: building language-neutral statements (see engine.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"

resorb_reason *resorb_reasons__add(resorb_reasons *l, const char *key)
{
    if (l->count >= RESORB_REASONS_MAX) {
        l->dropped++;
        return NULL;
    }
    /* Only what a reader looks at is reset: the key, the evidence count, each argument's
     * first byte (an assessment is large; clearing it whole would dominate its cost). */
    resorb_reason *r = &l->items[l->count++];
    r->key = key;
    r->n_evidence = 0;
    for (int i = 0; i < RESORB_REASON_ARGS; i++)
        r->args[i][0] = '\0';
    return r;
}

void resorb_reason__arg(resorb_reason *r, int i, const char *fmt, ...)
{
    if (!r || i < 0 || i >= RESORB_REASON_ARGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->args[i], sizeof r->args[i], fmt, ap);
    va_end(ap);
}

void resorb_reason__date(resorb_reason *r, int i, resorb_date d)
{
    if (!r || i < 0 || i >= RESORB_REASON_ARGS)
        return;
    char text[RESORB_DATE_TEXT];
    resorb_date_format(d, text);
    memcpy(r->args[i], text, sizeof text);
}

void resorb_reason__cite(resorb_reason *r, const char *id)
{
    if (!r || !id)
        return;
    for (size_t i = 0; i < r->n_evidence; i++)
        if (strcmp(r->evidence[i], id) == 0)
            return;
    if (r->n_evidence < RESORB_REASON_EVIDENCE)
        r->evidence[r->n_evidence++] = id;
}

double resorb_engine__value(const char *id, bool *ok)
{
    const resorb_evidence_row *row = resorb_evidence_find(id);
    if (!row) {
        *ok = false;
        return NAN;
    }
    return row->has_value ? row->value : NAN;
}

void resorb_engine__interval(const char *id, double *low, double *high, bool *ok)
{
    const resorb_evidence_row *row = resorb_evidence_find(id);
    if (!row) {
        *ok = false;
        *low = *high = NAN;
        return;
    }
    *low = row->low;
    *high = row->high;
}

size_t resorb_reason_format(const resorb_reason *r, resorb_lang lang, char *buf, size_t n)
{
    /* An argument "@key" is itself a catalog word (a muscle, a side), translated here. */
    const char *args[RESORB_REASON_ARGS];
    for (int i = 0; i < RESORB_REASON_ARGS; i++)
        args[i] = r->args[i][0] == '@' ? resorb_msg(lang, r->args[i] + 1) : r->args[i];
    return resorb_msg_format(buf, n, lang, r->key, args, RESORB_REASON_ARGS);
}

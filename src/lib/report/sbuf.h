/*
 * report/sbuf.h: a growing text buffer for the text renderers (internal to report/).
 *
 * Appends never fail loudly: an allocation failure sets `failed`, later appends do nothing, and
 * the renderer checks the flag once at the end (then frees data and reports RESORB_ENOMEM).
 */
#ifndef RESORB_REPORT_SBUF_H
#define RESORB_REPORT_SBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct resorb_sbuf {
    char *data; /* NUL-terminated once anything was appended; owned by the caller (free) */
    size_t len, cap;
    bool failed;
} resorb_sbuf;

void resorb_sbuf__put(resorb_sbuf *b, const char *s, size_t n);
void resorb_sbuf__puts(resorb_sbuf *b, const char *s);
void resorb_sbuf__printf(resorb_sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

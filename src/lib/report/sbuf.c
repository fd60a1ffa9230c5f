/* report/sbuf.c: the growing text buffer of the text renderers (see sbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/sbuf.h"

/* Makes room for n more bytes and the NUL; false (and failed set) when memory runs out. */
static bool reserve(resorb_sbuf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->len + n + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void resorb_sbuf__put(resorb_sbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void resorb_sbuf__puts(resorb_sbuf *b, const char *s)
{
    resorb_sbuf__put(b, s, strlen(s));
}

void resorb_sbuf__printf(resorb_sbuf *b, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k > 0 && reserve(b, (size_t)k)) {
        vsnprintf(b->data + b->len, (size_t)k + 1, fmt, again);
        b->len += (size_t)k;
    }
    va_end(again);
}

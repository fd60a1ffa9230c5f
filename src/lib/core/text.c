/* core/text.c: bounded buffers (see text.h). */
#include <stdio.h>
#include <string.h>

#include "core/text.h"

void resorb_buf_init(resorb_buf *b, char *data, size_t cap)
{
    b->data = data;
    b->cap = data ? cap : 0;
    b->len = 0;
    if (b->cap > 0)
        b->data[0] = '\0';
}

void resorb_buf_put(resorb_buf *b, const char *s, size_t n)
{
    if (b->cap > 0 && b->len < b->cap - 1) {
        size_t room = b->cap - 1 - b->len;
        size_t k = n < room ? n : room;
        memcpy(b->data + b->len, s, k);
        b->data[b->len + k] = '\0';
    }
    b->len += n;
}

void resorb_buf_putc(resorb_buf *b, char c)
{
    resorb_buf_put(b, &c, 1);
}

void resorb_buf_puts(resorb_buf *b, const char *s)
{
    resorb_buf_put(b, s, strlen(s));
}

void resorb_buf_printf(resorb_buf *b, const char *fmt, ...)
{
    /* Formats straight into the room left; vsnprintf returns the full length either way. */
    char empty[1];
    char *dst = empty;
    size_t room = 1;
    if (b->cap > 0 && b->len < b->cap) {
        dst = b->data + b->len;
        room = b->cap - b->len;
    }
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(dst, room, fmt, ap);
    va_end(ap);
    if (k > 0)
        b->len += (size_t)k;
}

size_t resorb_buf_len(const resorb_buf *b)
{
    return b->len;
}

void resorb_strlcpy(char *dst, const char *src, size_t n)
{
    if (n == 0)
        return;
    size_t k = strlen(src);
    if (k >= n)
        k = n - 1;
    memcpy(dst, src, k);
    dst[k] = '\0';
}

/*
 * core/text.h: a bounded output buffer. Writes past the end are counted but dropped, so the
 * caller learns the length it would have needed (like snprintf) and nothing overflows.
 */
#ifndef RESORB_CORE_TEXT_H
#define RESORB_CORE_TEXT_H

#include <stdarg.h>
#include <stddef.h>

typedef struct resorb_buf {
    char *data;
    size_t cap; /* bytes available in data, including the terminating NUL */
    size_t len; /* bytes the full output needs, excluding the NUL */
} resorb_buf;

void resorb_buf_init(resorb_buf *b, char *data, size_t cap);
void resorb_buf_putc(resorb_buf *b, char c);
void resorb_buf_put(resorb_buf *b, const char *s, size_t n);
void resorb_buf_puts(resorb_buf *b, const char *s);
void resorb_buf_printf(resorb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t resorb_buf_len(const resorb_buf *b);

/* Copies src into dst (size n), truncating; dst is always NUL-terminated when n > 0. */
void resorb_strlcpy(char *dst, const char *src, size_t n);

#endif

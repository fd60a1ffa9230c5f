/* cli/lines.c: the bounded line reader (see lines.h). */
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "resorb/error.h"

#define BLOCK (1024 * 1024)

int cli_lines_init(cli_lines *r, FILE *f, size_t max_line)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->max_line = max_line;
    r->size = max_line + 2 + BLOCK;
    r->buf = malloc(r->size);
    return r->buf ? 0 : RESORB_ENOMEM;
}

void cli_lines_release(cli_lines *r)
{
    free(r->buf);
    r->buf = NULL;
}

/* Reads one more block after the unread data (moved to the front). 0 at EOF or error. */
static size_t fill(cli_lines *r)
{
    if (r->eof || r->error)
        return 0;
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    size_t want = r->size - r->end;
    if (want > BLOCK)
        want = BLOCK;
    size_t k = fread(r->buf + r->end, 1, want, r->f);
    if (k == 0) {
        if (ferror(r->f))
            r->error = true;
        else
            r->eof = true;
    }
    r->end += k;
    return k;
}

/* Drops the rest of an over-long line; returns the total length of the line. */
static size_t skip_line(cli_lines *r, size_t seen)
{
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl) {
            seen += (size_t)(nl - (r->buf + r->start));
            r->start = (size_t)(nl - r->buf) + 1;
            return seen;
        }
        seen += r->end - r->start;
        r->start = r->end = 0;
        if (fill(r) == 0)
            return seen;
    }
}

int cli_lines_next(cli_lines *r, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes of the current line already searched for '\n' */
    for (;;) {
        char *from = r->buf + r->start + scanned;
        char *nl = memchr(from, '\n', r->end - r->start - scanned);
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->start));
            r->line_no++;
            if (n > r->max_line) {
                *line = NULL;
                *len = n;
                r->start += n + 1;
                return 1;
            }
            *line = r->buf + r->start;
            *len = n > 0 && (*line)[n - 1] == '\r' ? n - 1 : n;
            r->start += n + 1;
            return 1;
        }
        scanned = r->end - r->start;
        if (scanned > r->max_line) {
            r->line_no++;
            *line = NULL;
            *len = skip_line(r, 0);
            return 1;
        }
        if (fill(r) == 0) {
            if (r->error)
                return -1;
            if (r->end == r->start)
                return 0;
            /* The last line has no newline. */
            r->line_no++;
            *line = r->buf + r->start;
            *len = r->end - r->start;
            r->start = r->end;
            return 1;
        }
    }
}

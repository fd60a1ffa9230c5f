/*
 * cli/lines.h: a bounded line reader for NDJSON input (one case per line).
 *
 * Reads a stream in large blocks and hands out one line at a time without copying. A line
 * longer than the cap is not kept: the reader skips to its end and reports its length, so a
 * 50 MiB line costs no more memory than a short one. Memory is cap + one block, fixed.
 */
#ifndef RESORB_CLI_LINES_H
#define RESORB_CLI_LINES_H

#include <stdbool.h>
#include <stdio.h>

typedef struct cli_lines {
    FILE *f;
    char *buf;
    size_t size;       /* bytes allocated */
    size_t start, end; /* unread data is buf[start, end) */
    size_t max_line;   /* the cap on one line, in bytes, without its newline */
    size_t line_no;    /* 1-based number of the line last returned */
    bool eof, error;
} cli_lines;

/* 0, or RESORB_ENOMEM. */
int cli_lines_init(cli_lines *r, FILE *f, size_t max_line);
void cli_lines_release(cli_lines *r);

/* The next line: returns 1 and sets *line and *len (the line without "\n" or "\r\n", valid until
 * the next call) or, when the line was longer than max_line, *line NULL and *len its length;
 * returns 0 at the end of input and -1 on a read error. */
int cli_lines_next(cli_lines *r, const char **line, size_t *len);

#endif

/*
 * tools/tsv.h: the tab-separated reader shared by the build-time generators.
 *
 * Format: UTF-8 text, one record per line, fields separated by a TAB. Lines that are empty or
 * start with '#' are skipped. Inside a field, \t \n and \\ stand for a tab, a newline and a
 * backslash. The first non-comment line of every file is a header naming the columns.
 * Host-side only: it exits on error, which is what a generator run by the build should do.
 */
#ifndef RESORB_TOOLS_TSV_H
#define RESORB_TOOLS_TSV_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TSV_MAX_FIELDS 32

typedef struct tsv_record {
    const char *file;
    int line;
    int nfields;
    char *fields[TSV_MAX_FIELDS]; /* unescaped, owned by the record */
} tsv_record;

static void tsv_die(const char *file, int line, const char *msg, const char *detail)
{
    fprintf(stderr, "%s:%d: %s%s%s\n", file, line, msg, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static char *tsv_unescape(const char *s, size_t n, const char *file, int line)
{
    char *out = malloc(n + 1);
    size_t j = 0;
    if (!out)
        tsv_die(file, line, "out of memory", NULL);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            out[j++] = s[i];
            continue;
        }
        if (++i >= n)
            tsv_die(file, line, "backslash at end of field", NULL);
        switch (s[i]) {
        case 't': out[j++] = '\t'; break;
        case 'n': out[j++] = '\n'; break;
        case '\\': out[j++] = '\\'; break;
        default: tsv_die(file, line, "unknown escape (use \\t \\n \\\\)", NULL);
        }
    }
    out[j] = '\0';
    return out;
}

/* Reads every record of a file (header included as record 0). Returns the count. */
static int tsv_read(const char *file, tsv_record **out)
{
    FILE *f = fopen(file, "rb");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, n = 0, ncap = 0;
    tsv_record *recs = NULL;
    if (!f)
        tsv_die(file, 0, "cannot open", NULL);
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (n == ncap) {
            ncap = ncap ? ncap * 2 : 64;
            recs = realloc(recs, (size_t)ncap * sizeof *recs);
            if (!recs)
                tsv_die(file, lineno, "out of memory", NULL);
        }
        tsv_record *r = &recs[n++];
        memset(r, 0, sizeof *r);
        r->file = file;
        r->line = lineno;
        const char *p = line;
        for (;;) {
            const char *tab = strchr(p, '\t');
            size_t flen = tab ? (size_t)(tab - p) : strlen(p);
            if (r->nfields == TSV_MAX_FIELDS)
                tsv_die(file, lineno, "too many fields", NULL);
            r->fields[r->nfields++] = tsv_unescape(p, flen, file, lineno);
            if (!tab)
                break;
            p = tab + 1;
        }
    }
    free(line);
    fclose(f);
    *out = recs;
    return n;
}

/* Column index of name in the header record, or -1. */
static int tsv_column(const tsv_record *header, const char *name)
{
    for (int i = 0; i < header->nfields; i++)
        if (strcmp(header->fields[i], name) == 0)
            return i;
    return -1;
}

/* Writes s as a C string literal, escaping everything outside printable ASCII. */
static void tsv_emit_cstring(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20 || *p >= 0x7f || *p == '?')
            fprintf(out, "\\%03o", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

#endif

/*
 * gen_evidence: compiles the evidence tables (the TSV files in data/evidence/) into a C array
 * for the library, sorted by id so that resorb_evidence_find() can binary-search it.
 *
 * The build fails (exit 1, "file:line: message" on stderr for every problem found) on:
 *   - a header that is not exactly the 17 columns below, or a row with another field count;
 *   - an id not matching [a-z0-9][a-z0-9._-]*, or an id used twice (across all files);
 *   - an empty label, or a Japanese label with no Japanese in it;
 *   - a missing or unknown confidence (source-text, abstract, secondary, inferred), or an
 *     inferred row without a note saying how it was derived;
 *   - a malformed number: value/low/high must be plain decimals (-?digits[.digits]), n a
 *     positive integer, year 1900..2100; low <= value <= high when they are present;
 *   - a row without a source: authors or journal must be non-empty, and the row must carry a
 *     year, a DOI, a PMID, or a locator in the journal column (a registry/index/label id such
 *     as NCT02841163, ChiCTR2400094586, PMC7419225, 1149019F1625, or a web address such as
 *     nice.org.uk);
 *   - a DOI not starting with "10." or a PMID that is not all digits.
 * Usage: resorb-gen-evidence -o OUT.c FILE.tsv...
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "tsv.h"

enum {
    C_ID,
    C_LABEL_EN,
    C_LABEL_JA,
    C_VALUE,
    C_LOW,
    C_HIGH,
    C_UNIT,
    C_POPULATION,
    C_N,
    C_AUTHORS,
    C_TITLE,
    C_JOURNAL,
    C_YEAR,
    C_DOI,
    C_PMID,
    C_CONFIDENCE,
    C_NOTE,
    C__COUNT
};

static const char *const column_names[C__COUNT] = {
    "id",      "label_en", "label_ja", "value", "low", "high", "unit",       "population", "n",
    "authors", "title",    "journal",  "year",  "doi", "pmid", "confidence", "note",
};

static const struct {
    const char *word, *enumerator;
} confidences[] = {
    {"source-text", "RESORB_CONF_SOURCE_TEXT"},
    {"abstract", "RESORB_CONF_ABSTRACT"},
    {"secondary", "RESORB_CONF_SECONDARY"},
    {"inferred", "RESORB_CONF_INFERRED"},
};

typedef struct row {
    const tsv_record *rec;
    size_t seq;             /* input order, to report duplicates at their later occurrence */
    const char *enumerator; /* RESORB_CONF_* */
} row;

typedef struct input {
    tsv_record *recs;
    int nrec;
} input;

static int nerrors;

static void problem(const tsv_record *rec, const char *msg, const char *detail)
{
    fprintf(stderr, "%s:%d: %s%s%s\n", rec->file, rec->line, msg, detail ? ": " : "",
            detail ? detail : "");
    nerrors++;
}

static bool valid_id(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return false;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
              *s == '-'))
            return false;
    return true;
}

/* A plain decimal -?[0-9]+(\.[0-9]+)?; the text itself is emitted into the C file. */
static bool valid_decimal(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

static bool parse_int(const char *s, long min, long max, long *out)
{
    char *end;
    if (!isdigit((unsigned char)*s))
        return false;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* A token of [A-Za-z0-9_-] at least 8 long with at least 4 digits and a letter: a registry,
 * index or label id (NCT02841163, ChiCTR2400094586, PMC7419225, 1149019F1625, a DOAJ id). */
static bool is_id_token(const char *s, size_t n)
{
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i]))
            digits++;
        else if (isalpha((unsigned char)s[i]))
            letters++;
    }
    return n >= 8 && digits >= 4 && letters >= 1;
}

/* A web address: lowercase labels separated by dots, the last one at least 2 letters
 * (nice.org.uk, droracle.ai, closedi.jp), optionally followed by a path. */
static bool is_web_token(const char *s, size_t n)
{
    size_t i = 0, labels = 0, last_alpha = 0;
    for (;;) {
        size_t start = i;
        bool all_alpha = true;
        while (i < n &&
               (islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-')) {
            if (!islower((unsigned char)s[i]))
                all_alpha = false;
            i++;
        }
        if (i == start)
            return false;
        labels++;
        last_alpha = all_alpha ? i - start : 0;
        if (i < n && s[i] == '.' && i + 1 < n && s[i + 1] != '/') {
            i++;
            continue;
        }
        break;
    }
    return labels >= 2 && last_alpha >= 2 && (i == n || s[i] == '/' || s[i] == '.');
}

static bool has_locator(const char *s)
{
    static const char delims[] = " \t\n,;:()[]\"'";
    const char *p = s;
    while (*p) {
        size_t n = strcspn(p, delims);
        if (n == 0) {
            p++;
            continue;
        }
        const char *t = p;
        size_t tn = n;
        while (tn > 0 && *t == '/') { /* "https://host" splits at ':' */
            t++;
            tn--;
        }
        size_t idn = 0;
        while (idn < tn && (isalnum((unsigned char)t[idn]) || t[idn] == '_' || t[idn] == '-'))
            idn++;
        if ((idn == tn && is_id_token(t, tn)) || (tn > 0 && is_web_token(t, tn)))
            return true;
        p += n;
    }
    return false;
}

static void check_number(const tsv_record *rec, int col, double *out, bool *present)
{
    const char *s = rec->fields[col];
    *present = *s != '\0';
    *out = 0;
    if (!*present)
        return;
    if (!valid_decimal(s)) {
        char msg[96];
        snprintf(msg, sizeof msg, "malformed number in column %s (expected -?digits[.digits])",
                 column_names[col]);
        problem(rec, msg, s);
        *present = false;
        return;
    }
    *out = strtod(s, NULL);
}

/* Checks one data row; returns the RESORB_CONF_* enumerator, or NULL when the confidence is
 * unusable (the problem has been reported). */
static const char *check_row(const tsv_record *rec)
{
    char *const *f = rec->fields;
    const char *enumerator = NULL;
    long ignored;

    if (!valid_id(f[C_ID]))
        problem(rec, "malformed id (expected [a-z0-9][a-z0-9._-]*)", f[C_ID]);
    if (!*f[C_LABEL_EN] || !*f[C_LABEL_JA])
        problem(rec, "empty label_en or label_ja", f[C_ID]);
    else if (!has_non_ascii(f[C_LABEL_JA]))
        problem(rec, "label_ja has no Japanese text", f[C_ID]);

    if (!*f[C_CONFIDENCE]) {
        problem(rec, "missing confidence (source-text, abstract, secondary or inferred)", f[C_ID]);
    } else {
        for (size_t i = 0; i < sizeof confidences / sizeof confidences[0]; i++)
            if (strcmp(f[C_CONFIDENCE], confidences[i].word) == 0)
                enumerator = confidences[i].enumerator;
        if (!enumerator)
            problem(rec,
                    "unknown confidence (expected source-text, abstract, secondary or inferred)",
                    f[C_CONFIDENCE]);
    }
    if (enumerator && strcmp(f[C_CONFIDENCE], "inferred") == 0 && !*f[C_NOTE])
        problem(rec, "an inferred row needs a note saying how it was derived", f[C_ID]);

    double v, lo, hi;
    bool has_v, has_lo, has_hi;
    check_number(rec, C_VALUE, &v, &has_v);
    check_number(rec, C_LOW, &lo, &has_lo);
    check_number(rec, C_HIGH, &hi, &has_hi);
    if (has_lo && has_hi && lo > hi)
        problem(rec, "low is greater than high", f[C_ID]);
    if (has_v && ((has_lo && v < lo) || (has_hi && v > hi)))
        problem(rec, "value lies outside [low, high]", f[C_ID]);
    if (*f[C_N] && !parse_int(f[C_N], 1, INT_MAX, &ignored))
        problem(rec, "malformed number in column n (expected a positive integer)", f[C_N]);
    if (*f[C_YEAR] && !parse_int(f[C_YEAR], 1900, 2100, &ignored))
        problem(rec, "malformed number in column year (expected 1900..2100)", f[C_YEAR]);
    if (*f[C_DOI] && strncmp(f[C_DOI], "10.", 3) != 0)
        problem(rec, "malformed doi (expected 10.xxxx/...)", f[C_DOI]);
    if (*f[C_PMID] && !parse_int(f[C_PMID], 1, LONG_MAX, &ignored))
        problem(rec, "malformed pmid (expected digits)", f[C_PMID]);

    bool who = *f[C_AUTHORS] || *f[C_JOURNAL];
    bool where = *f[C_YEAR] || *f[C_DOI] || *f[C_PMID] || has_locator(f[C_JOURNAL]);
    if (!who || !where)
        problem(rec,
                "row without a source (needs authors or journal, and a year, doi, pmid or a "
                "registry id or web address in journal)",
                f[C_ID]);
    return enumerator;
}

static int cmp_row(const void *a, const void *b)
{
    const row *x = a, *y = b;
    int c = strcmp(x->rec->fields[C_ID], y->rec->fields[C_ID]);
    if (c != 0)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void emit_number(FILE *out, const char *s)
{
    fputs(*s ? s : "NAN", out);
}

static void emit_row(FILE *out, const row *r)
{
    char *const *f = r->rec->fields;
    static const int strings1[] = {C_ID, C_LABEL_EN, C_LABEL_JA};
    static const int strings2[] = {C_AUTHORS, C_TITLE, C_JOURNAL};
    fputs("    {", out);
    for (size_t i = 0; i < 3; i++) {
        tsv_emit_cstring(out, f[strings1[i]]);
        fputs(", ", out);
    }
    fputs(*f[C_VALUE] ? "true, " : "false, ", out);
    emit_number(out, f[C_VALUE]);
    fputs(", ", out);
    emit_number(out, f[C_LOW]);
    fputs(", ", out);
    emit_number(out, f[C_HIGH]);
    fputs(",\n     ", out);
    tsv_emit_cstring(out, f[C_UNIT]);
    fputs(", ", out);
    tsv_emit_cstring(out, f[C_POPULATION]);
    fprintf(out, ", %s,\n     ", *f[C_N] ? f[C_N] : "-1");
    for (size_t i = 0; i < 3; i++) {
        tsv_emit_cstring(out, f[strings2[i]]);
        fputs(", ", out);
    }
    fprintf(out, "%s, ", *f[C_YEAR] ? f[C_YEAR] : "0");
    tsv_emit_cstring(out, f[C_DOI]);
    fputs(", ", out);
    tsv_emit_cstring(out, f[C_PMID]);
    fprintf(out, ", %s,\n     ", r->enumerator);
    tsv_emit_cstring(out, f[C_NOTE]);
    fputs("},\n", out);
}

/* An open-addressing index over the ids (FNV-1a, linear probing, load <= 1/4), so that the
 * engine's many lookups per assessment cost one hash and about one strcmp each. Slot values
 * are row index + 1; 0 is empty. resorb_evidence__hash() in evidence.c is the same function. */
static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static int emit_hash(FILE *out, const row *rows, size_t n)
{
    size_t size = 16;
    while (size < 4 * n)
        size *= 2;
    unsigned *slots = calloc(size, sizeof *slots);
    if (!slots)
        return 1;
    for (size_t i = 0; i < n; i++) {
        size_t k = fnv1a(rows[i].rec->fields[C_ID]) & (size - 1);
        while (slots[k])
            k = (k + 1) & (size - 1);
        slots[k] = (unsigned)(i + 1);
    }
    fprintf(out, "const unsigned resorb__evidence_hash[%zu] = {", size);
    for (size_t k = 0; k < size; k++)
        fprintf(out, "%s%u", k == 0 ? "\n    " : k % 16 ? ", " : ",\n    ", slots[k]);
    fprintf(out, "\n};\nconst size_t resorb__evidence_hash_size = %zu;\n", size);
    free(slots);
    return 0;
}

static int write_output(const char *path, const row *rows, size_t n)
{
    FILE *out = fopen(path, "w");
    if (!out) {
        fprintf(stderr, "%s: cannot write\n", path);
        return 1;
    }
    fputs("/* Generated by resorb-gen-evidence from the tables in data/evidence/. Do not edit. */\n"
          "#include <math.h>\n"
          "#include <stdbool.h>\n\n"
          "#include \"evidence/evidence_data.h\"\n\n"
          "const resorb_evidence_row resorb__evidence[] = {\n",
          out);
    for (size_t i = 0; i < n; i++)
        emit_row(out, &rows[i]);
    if (n == 0)
        fputs("    {0},\n", out);
    fprintf(out, "};\nconst size_t resorb__evidence_len = %zu;\n", n);
    if (emit_hash(out, rows, n) != 0) {
        fclose(out);
        return 1;
    }
    if (fclose(out) != 0) {
        fprintf(stderr, "%s: write failed\n", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *outpath = NULL;
    input *inputs = NULL;
    row *rows = NULL;
    size_t ninputs = 0, nrows = 0, cap = 0;
    int rc = 1;

    inputs = calloc((size_t)argc, sizeof *inputs);
    if (!inputs) {
        fprintf(stderr, "resorb-gen-evidence: out of memory\n");
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            outpath = argv[++i];
            continue;
        }
        input *in = &inputs[ninputs++];
        in->nrec = tsv_read(argv[i], &in->recs);
        if (in->nrec == 0)
            continue;
        const tsv_record *header = &in->recs[0];
        bool header_ok = header->nfields == C__COUNT;
        for (int c = 0; header_ok && c < C__COUNT; c++)
            header_ok = tsv_column(header, column_names[c]) == c;
        if (!header_ok) {
            problem(header,
                    "header must be exactly: id label_en label_ja value low high unit "
                    "population n authors title journal year doi pmid confidence note",
                    NULL);
            continue;
        }
        for (int r = 1; r < in->nrec; r++) {
            const tsv_record *rec = &in->recs[r];
            if (rec->nfields != C__COUNT) {
                char msg[80];
                snprintf(msg, sizeof msg, "wrong number of fields (%d, expected %d)", rec->nfields,
                         C__COUNT);
                problem(rec, msg, NULL);
                continue;
            }
            const char *enumerator = check_row(rec);
            if (nrows == cap) {
                size_t ncap = cap ? cap * 2 : 256;
                row *nr = realloc(rows, ncap * sizeof *rows);
                if (!nr) {
                    fprintf(stderr, "resorb-gen-evidence: out of memory\n");
                    goto done;
                }
                rows = nr;
                cap = ncap;
            }
            rows[nrows] = (row){rec, nrows, enumerator};
            nrows++;
        }
    }
    if (!outpath) {
        fprintf(stderr, "usage: resorb-gen-evidence -o OUT.c FILE.tsv...\n");
        goto done;
    }
    if (nrows > 0)
        qsort(rows, nrows, sizeof *rows, cmp_row);
    for (size_t i = 1; i < nrows; i++) {
        const tsv_record *first = rows[i - 1].rec, *again = rows[i].rec;
        if (strcmp(first->fields[C_ID], again->fields[C_ID]) != 0)
            continue;
        char msg[600];
        snprintf(msg, sizeof msg, "duplicate id (first defined at %s:%d)", first->file,
                 first->line);
        problem(again, msg, again->fields[C_ID]);
    }
    if (nerrors > 0) {
        fprintf(stderr, "resorb-gen-evidence: %d problem(s); no output written\n", nerrors);
        goto done;
    }
    rc = write_output(outpath, rows, nrows);
done:
    for (size_t i = 0; i < ninputs; i++) {
        for (int r = 0; r < inputs[i].nrec; r++)
            for (int c = 0; c < inputs[i].recs[r].nfields; c++)
                free(inputs[i].recs[r].fields[c]);
        free(inputs[i].recs);
    }
    free(inputs);
    free(rows);
    return rc;
}

/*
 * tests/support/store_writer.c: resorb-store-writer, a registry writer to kill
 * (tests/sh/store_kill.sh).
 *
 *   resorb-store-writer write DB [--batch N] < CASES.ndjson
 *       Stores the cases, N per transaction (default 1). After each commit, and only then, it
 *       prints one acknowledgement per write of that transaction and flushes:
 *           ack case PATIENT LINE      the case on input line LINE is patient PATIENT
 *           ack visit PATIENT          a follow-up visit was added to PATIENT
 *       After every fourth case it also adds a visit to the case stored just before, in its own
 *       transaction: dated on that record's as_of, leg pain 2, improving.
 *   resorb-store-writer verify DB CASES.ndjson < ACKS
 *       Checks that every acknowledged write is in the database, exactly: the stored record of
 *       each acknowledged case equals the input case (plus the visit when that was
 *       acknowledged; an unacknowledged visit may be present or not, as the writer may have
 *       died between its commit and its acknowledgement). Prints a summary; exit 0 when all
 *       are there, 1 otherwise, 2 on usage or I/O errors.
 *
 * The actor is "store-writer".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resorb/store.h"

#define ACTOR "store-writer"

typedef struct lines {
    char **text;
    size_t n, cap;
} lines;

static int read_lines(FILE *f, lines *l)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    while ((k = getline(&line, &cap, f)) >= 0) {
        if (l->n == l->cap) {
            size_t ncap = l->cap ? l->cap * 2 : 1024;
            char **nt = realloc(l->text, ncap * sizeof *nt);
            if (!nt)
                return -1;
            l->text = nt;
            l->cap = ncap;
        }
        l->text[l->n++] = line;
        line = NULL;
        cap = 0;
    }
    free(line);
    return 0;
}

static int parse(resorb_case *c, resorb_diags *d, const char *text)
{
    resorb_parse_options po = {.default_as_of = resorb_date_from_ymd(2030, 1, 1)};
    resorb_diags_init(d);
    return resorb_case_parse(c, text, strlen(text), &po, d);
}

/* The visit the writer adds to a record whose as_of is as_of. */
static void follow_up(resorb_visit *v, resorb_date as_of)
{
    memset(v, 0, sizeof *v);
    v->date = as_of;
    v->leg_pain_nrs = 2;
    v->back_pain_nrs = RESORB_INT_NONE;
    v->course = RESORB_COURSE_IMPROVING;
}

static int do_write(const char *db, size_t batch)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_case *c = malloc(sizeof *c);
    resorb_diags *d = malloc(sizeof *d);
    char *line = NULL;
    size_t cap = 0, line_no = 0, in_batch = 0, count = 0, n_pending = 0;
    int64_t pending[4096][2]; /* patient, line */
    int64_t last = 0;
    int status = 2;
    ssize_t k;
    if (!c || !d || batch == 0 || batch > 4096)
        goto done;
    if (resorb_store_open(&s, db, 0, &err) != 0) {
        fprintf(stderr, "store-writer: %s\n", err.message);
        goto done;
    }
    while ((k = getline(&line, &cap, stdin)) >= 0) {
        int64_t id = 0;
        line_no++;
        if (k <= 1)
            continue;
        if (parse(c, d, line) != 0) {
            fprintf(stderr, "store-writer: line %zu is not a valid case\n", line_no);
            goto done;
        }
        if (in_batch == 0 && resorb_store_begin(s, &err) != 0)
            goto fail;
        if (resorb_store_add_case(s, c, ACTOR, &id, NULL, &err) != 0)
            goto fail;
        pending[n_pending][0] = id;
        pending[n_pending][1] = (int64_t)line_no;
        n_pending++;
        if (++in_batch == batch) {
            if (resorb_store_commit(s, &err) != 0)
                goto fail;
            for (size_t i = 0; i < n_pending; i++)
                printf("ack case %lld %lld\n", (long long)pending[i][0], (long long)pending[i][1]);
            fflush(stdout);
            in_batch = n_pending = 0;
        }
        if (++count % 4 == 0 && last > 0 && in_batch == 0) {
            resorb_visit v;
            if (resorb_store_load_case(s, last, c, &err) != 0)
                goto fail;
            follow_up(&v, c->as_of);
            resorb_diags_init(d);
            if (resorb_store_add_visit(s, last, &v, ACTOR, d, &err) != 0)
                goto fail;
            printf("ack visit %lld\n", (long long)last);
            fflush(stdout);
        }
        last = id;
    }
    if (in_batch > 0) {
        if (resorb_store_commit(s, &err) != 0)
            goto fail;
        for (size_t i = 0; i < n_pending; i++)
            printf("ack case %lld %lld\n", (long long)pending[i][0], (long long)pending[i][1]);
        fflush(stdout);
    }
    status = 0;
    goto done;
fail:
    fprintf(stderr, "store-writer: line %zu: %s\n", line_no, err.message);
done:
    resorb_store_close(s);
    free(line);
    free(c);
    free(d);
    return status;
}

static int do_verify(const char *db, const char *cases_path)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_case *expect = malloc(sizeof *expect), *got = malloc(sizeof *got);
    resorb_diags *d = malloc(sizeof *d);
    lines cases = {0};
    FILE *f = fopen(cases_path, "rb");
    char kind[16];
    long long patient, line_no;
    size_t n_cases = 0, n_visits = 0, bad = 0, n_acks = 0;
    int status = 2;
    /* which patients had an acknowledged visit; the input line of each acknowledged case */
    size_t cap = 1 << 20;
    unsigned char *visited = calloc(cap, 1);
    long long *line_of = calloc(cap, sizeof *line_of);
    if (!expect || !got || !d || !f || !visited || !line_of || read_lines(f, &cases) != 0)
        goto done;
    if (resorb_store_open(&s, db, RESORB_STORE_READONLY, &err) != 0) {
        fprintf(stderr, "store-writer: %s\n", err.message);
        goto done;
    }
    char buf[256];
    while (fgets(buf, sizeof buf, stdin)) {
        line_no = 0;
        int k = sscanf(buf, "ack %15s %lld %lld", kind, &patient, &line_no);
        if (k < 2 || patient <= 0 || (size_t)patient >= cap)
            continue; /* a torn last line: the writer was killed while printing it */
        n_acks++;
        if (strcmp(kind, "case") == 0 && k == 3 && line_no > 0 && (size_t)line_no <= cases.n)
            line_of[patient] = line_no;
        else if (strcmp(kind, "visit") == 0)
            visited[patient] = 1;
    }
    for (size_t p = 1; p < cap; p++) {
        char *a = NULL, *b = NULL, *b2 = NULL;
        if (!line_of[p])
            continue;
        n_cases++;
        if (parse(expect, d, cases.text[line_of[p] - 1]) != 0)
            goto done;
        if (resorb_store_load_case(s, (int64_t)p, got, &err) != 0) {
            fprintf(stderr, "store-writer: acknowledged patient %zu: %s\n", p, err.message);
            bad++;
            continue;
        }
        resorb_case_to_json(&a, got);
        resorb_case_to_json(&b, expect);
        /* the same case with the writer's visit appended */
        if (expect->n_visits < RESORB_MAX_VISITS) {
            follow_up(&expect->visits[expect->n_visits], expect->as_of);
            expect->n_visits++;
            expect->visits_given = true;
            resorb_case_to_json(&b2, expect);
        }
        bool plain = a && b && strcmp(a, b) == 0;
        bool with_visit = a && b2 && strcmp(a, b2) == 0;
        if (visited[p] ? !with_visit : !(plain || with_visit)) {
            fprintf(stderr,
                    "store-writer: patient %zu (input line %lld) differs from its input%s\n", p,
                    line_of[p], visited[p] ? " plus its acknowledged visit" : "");
            bad++;
        }
        n_visits += visited[p];
        free(a);
        free(b);
        free(b2);
    }
    printf("verified: %zu acknowledgements, %zu cases, %zu visits, %zu missing or different\n",
           n_acks, n_cases, n_visits, bad);
    status = bad == 0 ? 0 : 1;
done:
    if (status == 2)
        fprintf(stderr, "store-writer: cannot verify (memory, input or database)\n");
    resorb_store_close(s);
    if (f)
        fclose(f);
    for (size_t i = 0; i < cases.n; i++)
        free(cases.text[i]);
    free(cases.text);
    free(expect);
    free(got);
    free(d);
    free(visited);
    free(line_of);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "write") == 0) {
        size_t batch = 1;
        if (argc == 5 && strcmp(argv[3], "--batch") == 0)
            batch = (size_t)strtoul(argv[4], NULL, 10);
        else if (argc != 3)
            goto usage;
        return do_write(argv[2], batch);
    }
    if (argc == 4 && strcmp(argv[1], "verify") == 0)
        return do_verify(argv[2], argv[3]);
usage:
    fputs("usage: resorb-store-writer write DB [--batch N] < CASES.ndjson\n"
          "       resorb-store-writer verify DB CASES.ndjson < ACKS\n",
          stderr);
    return 2;
}

/*
 * bench/assess.c: bench_assess FILE.ndjson [SECONDS]: in-process engine throughput.
 *
 * Parses up to 1,000 cases from FILE into memory, then calls resorb_assess() on them round
 * robin for SECONDS (default 3) of CPU time on one core, and prints assessments per second.
 * For scale it also times resorb_case_parse() on the same cases (parse + validate per second),
 * so the ratio engine/parse says what an assessment costs next to reading its case.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "resorb/assess.h"

#define MAX_CASES 1000

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_assess FILE.ndjson [SECONDS]\n");
        return 1;
    }
    double budget = argc > 2 ? strtod(argv[2], NULL) : 3.0;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    resorb_case *cases = malloc(MAX_CASES * sizeof *cases);
    char **lines = calloc(MAX_CASES, sizeof *lines);
    size_t *lens = calloc(MAX_CASES, sizeof *lens);
    resorb_assessment *a = malloc(sizeof *a);
    resorb_diags *d = malloc(sizeof *d);
    if (!cases || !lines || !lens || !a || !d)
        return 1;
    resorb_parse_options po = {.default_as_of = resorb_date_from_ymd(2026, 1, 1)};
    size_t n = 0, cap = 0;
    char *line = NULL;
    ssize_t len;
    while (n < MAX_CASES && (len = getline(&line, &cap, f)) > 0) {
        resorb_diags_init(d);
        if (resorb_case_parse(&cases[n], line, (size_t)len, &po, d) != 0)
            continue;
        lines[n] = malloc((size_t)len);
        memcpy(lines[n], line, (size_t)len);
        lens[n] = (size_t)len;
        n++;
    }
    free(line);
    fclose(f);
    if (n == 0) {
        fprintf(stderr, "bench_assess: no valid case in %s\n", argv[1]);
        return 1;
    }
    unsigned long done = 0;
    double t0 = cpu_seconds(), t;
    do {
        for (size_t i = 0; i < n; i++)
            if (resorb_assess(a, &cases[i], NULL) != 0)
                return 1;
        done += n;
        t = cpu_seconds() - t0;
    } while (t < budget);
    double engine = done / t;
    unsigned long parsed = 0;
    resorb_case *scratch = malloc(sizeof *scratch);
    t0 = cpu_seconds();
    do {
        for (size_t i = 0; i < n; i++) {
            resorb_diags_init(d);
            resorb_case_parse(scratch, lines[i], lens[i], &po, d);
        }
        parsed += n;
        t = cpu_seconds() - t0;
    } while (t < budget / 2);
    double parse = parsed / t;
    printf("cases in memory: %zu\n", n);
    printf("engine (resorb_assess):          %12.0f assessments/s (%.2f us each)\n", engine,
           1e6 / engine);
    printf("parse + validate (for scale):    %12.0f cases/s\n", parse);
    printf("ratio engine/parse (throughput): %.2f\n", engine / parse);
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    free(lens);
    free(cases);
    free(scratch);
    free(a);
    free(d);
    return 0;
}

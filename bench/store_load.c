/*
 * bench/store_load.c: bench_store_load, the latency of reading one patient's whole record
 * (what `resorb timeline` and `resorb case export` do first), next to the same rows read with
 * plain SQL through the SQLite API in the same process and the same run.
 *
 *   bench_store_load DB [SAMPLES] [SEED]
 *
 * Picks SAMPLES (default 20000) patient ids uniformly at random from the registry (a fixed
 * PRNG, SEED default 1) and times, for each, one call of:
 *   resorb   resorb_store_load_case(): the three queries, the record assembled into one case
 *            document and parsed and validated into a resorb_case;
 *   sql      the same three queries (the patient row, its visits' and studies' JSON) with
 *            prepared statements, each row's text only touched (strlen), nothing parsed.
 * Prints p50, p90, p99 and the mean of each in microseconds, and the ratios resorb/sql (above
 * 1: resorb is slower, by the cost of turning rows into a validated case).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "resorb/store.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(const double *sorted, size_t n, double p)
{
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

typedef struct stats {
    double p50, p90, p99, mean;
} stats;

static stats summarize(double *t, size_t n)
{
    stats s = {0};
    double sum = 0;
    qsort(t, n, sizeof *t, cmp_double);
    for (size_t i = 0; i < n; i++)
        sum += t[i];
    s.p50 = pct(t, n, 0.50);
    s.p90 = pct(t, n, 0.90);
    s.p99 = pct(t, n, 0.99);
    s.mean = sum / (double)n;
    return s;
}

/* The plain-SQL peer: the same rows, read and not interpreted. */
static size_t sql_read(sqlite3_stmt *st[3], int64_t id)
{
    size_t bytes = 0;
    for (int k = 0; k < 3; k++) {
        sqlite3_reset(st[k]);
        sqlite3_bind_int64(st[k], 1, id);
        while (sqlite3_step(st[k]) == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st[k], 0);
            bytes += t ? strlen((const char *)t) : 0;
        }
    }
    return bytes;
}

int main(int argc, char **argv)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_store_check_result check;
    sqlite3 *db = NULL;
    sqlite3_stmt *st[3] = {NULL, NULL, NULL};
    static const char *const sql[3] = {
        "SELECT case_json FROM patients WHERE id = ?1",
        "SELECT json FROM visits WHERE patient_id = ?1 ORDER BY date, seq",
        "SELECT json FROM studies WHERE patient_id = ?1 ORDER BY date, seq"};
    if (argc < 2) {
        fputs("usage: bench_store_load DB [SAMPLES] [SEED]\n", stderr);
        return 2;
    }
    size_t samples = argc > 2 ? strtoul(argv[2], NULL, 10) : 20000;
    uint64_t seed0 = argc > 3 ? strtoull(argv[3], NULL, 10) : 1, seed = seed0;
    double *t_resorb = malloc(samples * sizeof *t_resorb);
    double *t_sql = malloc(samples * sizeof *t_sql);
    resorb_case *c = malloc(sizeof *c);
    int64_t *ids = malloc(samples * sizeof *ids);
    if (!t_resorb || !t_sql || !c || !ids || samples == 0)
        return 2;
    if (resorb_store_open(&s, argv[1], RESORB_STORE_READONLY, &err) != 0 ||
        resorb_store_check(s, 0, &check, &err) != 0) {
        fprintf(stderr, "bench_store_load: %s\n", err.message);
        return 2;
    }
    if (check.patients == 0) {
        fputs("bench_store_load: the registry is empty\n", stderr);
        return 2;
    }
    if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return 2;
    for (int k = 0; k < 3; k++)
        if (sqlite3_prepare_v2(db, sql[k], -1, &st[k], NULL) != SQLITE_OK)
            return 2;
    for (size_t i = 0; i < samples; i++)
        ids[i] = 1 + (int64_t)(next(&seed) % (uint64_t)check.patients);
    /* warm-up: the page cache and both connections' caches */
    size_t sink = 0;
    for (size_t i = 0; i < samples && i < 2000; i++) {
        resorb_store_load_case(s, ids[i], c, &err);
        sink += sql_read(st, ids[i]);
    }
    size_t visits = 0, studies = 0, failed = 0;
    for (size_t i = 0; i < samples; i++) {
        /* alternate the order so that neither side always runs on a warmer cache */
        double a, b;
        if (i % 2 == 0) {
            a = now_us();
            int rc = resorb_store_load_case(s, ids[i], c, &err);
            b = now_us();
            t_resorb[i] = b - a;
            a = now_us();
            sink += sql_read(st, ids[i]);
            t_sql[i] = now_us() - a;
            failed += rc != 0;
        } else {
            a = now_us();
            sink += sql_read(st, ids[i]);
            b = now_us();
            t_sql[i] = b - a;
            a = now_us();
            int rc = resorb_store_load_case(s, ids[i], c, &err);
            t_resorb[i] = now_us() - a;
            failed += rc != 0;
        }
        visits += c->n_visits;
        studies += c->n_imaging;
    }
    stats r = summarize(t_resorb, samples), q = summarize(t_sql, samples);
    printf("records: %lld patients; %zu random loads (seed %llu), on average %.1f visits and "
           "%.1f studies each; %zu failed\n",
           (long long)check.patients, samples, (unsigned long long)seed0,
           (double)visits / (double)samples, (double)studies / (double)samples, failed);
    printf("%-34s p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  mean %7.1f us\n",
           "resorb_store_load_case", r.p50, r.p90, r.p99, r.mean);
    printf("%-34s p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  mean %7.1f us\n",
           "plain SQL, same rows (sqlite3 API)", q.p50, q.p90, q.p99, q.mean);
    printf("ratio resorb/sql (latency): p50 %.2f, p99 %.2f\n", r.p50 / q.p50, r.p99 / q.p99);
    if (sink == 0)
        puts("(no data read)");
    for (int k = 0; k < 3; k++)
        sqlite3_finalize(st[k]);
    sqlite3_close(db);
    resorb_store_close(s);
    free(t_resorb);
    free(t_sql);
    free(c);
    free(ids);
    return failed == 0 ? 0 : 1;
}

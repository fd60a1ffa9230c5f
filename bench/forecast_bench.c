/*
 * bench/forecast_bench.c: forecast fits per second (bench/forecast.sh).
 *
 *   bench_forecast_bench gen N SEED          writes N synthetic patients drawn from the priors
 *                                      (morphologies in turn; one or two follow-up MRIs) as
 *                                      TSV: morphology, the prior, then the measurements
 *   bench_forecast_bench time FILE SECONDS   fits every patient of FILE round robin for at least
 *                                      SECONDS of CPU, twice: the posterior mode with its
 *                                      Laplace covariance (resorb_forecast_fit_mode: what
 *                                      scipy.optimize.curve_fit does) and the whole forecast
 *                                      (resorb_forecast_fit: mode, covariance, grid, intervals)
 *   bench_forecast_bench modes FILE          prints each patient's mode (logit r, ln tau) for the
 *                                      cross-check with the scipy peer
 *
 * One core, in-process; the patients are held in memory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "resorb/followup.h"

#define MAX_OBS 2

typedef struct patient {
    resorb_forecast_prior prior;
    size_t n;
    double t[MAX_OBS], y[MAX_OBS];
} patient;

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int parse_size(const char *s, unsigned long *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end)
        return -1;
    *out = v;
    return 0;
}

static int gen(unsigned long count, unsigned long seed)
{
    static const resorb_morphology morphs[] = {RESORB_MORPH_BULGE, RESORB_MORPH_PROTRUSION,
                                               RESORB_MORPH_EXTRUSION, RESORB_MORPH_SEQUESTRATION};
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return 1;
    gsl_rng_set(rng, seed);
    printf("# morphology\trho_mean\trho_sd\tu_sd\tnoise_sd\tmu\tsigma\tn\tt1\ty1\tt2\ty2\n");
    for (unsigned long i = 0; i < count; i++) {
        resorb_forecast_prior p;
        if (resorb_forecast_prior_for(morphs[i % 4], &p) != 0) {
            gsl_rng_free(rng);
            return 1;
        }
        double t[MAX_OBS], y[MAX_OBS], rho, u;
        size_t n = 1;
        t[0] = 1.5 + 3 * gsl_rng_uniform(rng);
        if (gsl_rng_uniform(rng) < 0.5)
            t[n++] = 5 + 3 * gsl_rng_uniform(rng);
        resorb_forecast_simulate(&p, rng, t, n, y, &rho, &u);
        printf("%s\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\t%.17g\t%zu",
               resorb_morphology_name(p.morphology), p.rho_mean, p.rho_sd, p.u_sd, p.noise_sd,
               p.model.a, p.model.b, n);
        for (size_t j = 0; j < n; j++)
            printf("\t%.17g\t%.17g", t[j], y[j]);
        printf("\n");
    }
    gsl_rng_free(rng);
    return 0;
}

static resorb_morphology morph_of(const char *name)
{
    for (int m = RESORB_MORPH_BULGE; m < RESORB_MORPH__COUNT; m++)
        if (strcmp(name, resorb_morphology_name((resorb_morphology)m)) == 0)
            return (resorb_morphology)m;
    return RESORB_MORPH_NONE;
}

/* Reads the patients of FILE (the priors are rebuilt from the evidence, the measurements read). */
static patient *load(const char *path, size_t *count)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 1024, n = 0;
    patient *all = malloc(cap * sizeof *all);
    char line[1024];
    while (all && fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *save = NULL, *tok = strtok_r(line, "\t\n", &save);
        if (!tok)
            continue;
        if (n == cap) {
            cap *= 2;
            patient *grown = realloc(all, cap * sizeof *all);
            if (!grown) {
                free(all);
                all = NULL;
                break;
            }
            all = grown;
        }
        patient *p = &all[n];
        if (resorb_forecast_prior_for(morph_of(tok), &p->prior) != 0)
            continue;
        double fields[6 + 1 + 2 * MAX_OBS];
        size_t k = 0;
        while (k < sizeof fields / sizeof fields[0] && (tok = strtok_r(NULL, "\t\n", &save)))
            fields[k++] = strtod(tok, NULL);
        if (k < 9)
            continue;
        p->n = (size_t)fields[6];
        if (p->n < 1 || p->n > MAX_OBS || k < 7 + 2 * p->n)
            continue;
        for (size_t j = 0; j < p->n; j++) {
            p->t[j] = fields[7 + 2 * j];
            p->y[j] = fields[8 + 2 * j];
        }
        n++;
    }
    fclose(f);
    *count = n;
    return all;
}

typedef int (*fit_fn)(const resorb_forecast_prior *, const double *, const double *, size_t,
                      resorb_forecast_posterior *);

/* Fits round robin for at least `seconds` of CPU; returns fits per second. */
static double rate(const patient *all, size_t n, double seconds, fit_fn fn, size_t *failed)
{
    resorb_forecast_posterior q;
    size_t fits = 0;
    *failed = 0;
    double start = cpu_seconds(), now;
    do {
        for (size_t i = 0; i < n; i++) {
            if (fn(&all[i].prior, all[i].t, all[i].y, all[i].n, &q) != 0)
                (*failed)++;
            fits++;
        }
        now = cpu_seconds();
    } while (now - start < seconds);
    return (double)fits / (now - start);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    unsigned long a, b;
    if (argc == 4 && strcmp(argv[1], "gen") == 0 && parse_size(argv[2], &a) == 0 &&
        parse_size(argv[3], &b) == 0)
        return gen(a, b);
    if ((argc == 4 && strcmp(argv[1], "time") == 0) ||
        (argc == 3 && strcmp(argv[1], "modes") == 0)) {
        size_t n = 0;
        patient *all = load(argv[2], &n);
        if (!all || n == 0) {
            fprintf(stderr, "bench_forecast_bench: cannot read patients from %s\n", argv[2]);
            free(all);
            return 1;
        }
        if (strcmp(argv[1], "modes") == 0) {
            for (size_t i = 0; i < n; i++) {
                resorb_forecast_posterior q;
                if (resorb_forecast_fit_mode(&all[i].prior, all[i].t, all[i].y, all[i].n, &q) == 0)
                    printf("%.10g\t%.10g\t%.10g\t%.10g\t%.10g\n", q.rho, q.u, q.cov[0][0],
                           q.cov[0][1], q.cov[1][1]);
                else
                    printf("nan\tnan\tnan\tnan\tnan\n");
            }
            free(all);
            return 0;
        }
        double seconds = strtod(argv[3], NULL);
        size_t failed_mode = 0, failed_full = 0;
        double r_mode = rate(all, n, seconds, resorb_forecast_fit_mode, &failed_mode);
        double r_full = rate(all, n, seconds, resorb_forecast_fit, &failed_full);
        printf("patients %zu\n", n);
        printf("c_mode_fits_per_s %.1f\n", r_mode);
        printf("c_full_fits_per_s %.1f\n", r_full);
        printf("failed %zu %zu\n", failed_mode, failed_full);
        free(all);
        return 0;
    }
    fprintf(stderr, "usage: bench_forecast_bench gen N SEED | time FILE SECONDS | modes FILE\n");
    return 1;
}

/*
 * cli/cmd_patients.c: reading the registry as a whole.
 *
 *   resorb patients [--format text|json] [--all]
 *   resorb cohort --csv [FILE]
 *
 * patients lists the patients in id order: tab-separated text with a header row (the column
 * names in the user's language; values are the format's words, "-" when absent), or one JSON
 * document (format resorb.patients/1). Soft-deleted patients are shown only with --all.
 *
 * cohort writes the CSV of every finding of every study (docs/registry.md lists the columns)
 * to FILE or standard output. A FILE is written aside and renamed into place when complete, so
 * it is never left half-written.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_util.h"

typedef struct prun {
    cli_store *st;
    bool json, all;
    size_t count;
} prun;

static const char *date_or(resorb_date d, char buf[RESORB_DATE_TEXT], const char *absent)
{
    if (d == RESORB_DATE_NONE)
        return absent;
    resorb_date_format(d, buf);
    return buf;
}

static json_t *json_date(resorb_date d)
{
    char buf[RESORB_DATE_TEXT];
    if (d == RESORB_DATE_NONE)
        return json_null();
    resorb_date_format(d, buf);
    return json_string(buf);
}

static int print_patient(void *ctx, const resorb_store_patient *p)
{
    prun *r = ctx;
    FILE *f = r->st->cli->out;
    char onset[RESORB_DATE_TEXT], as_of[RESORB_DATE_TEXT], first[RESORB_DATE_TEXT],
        last[RESORB_DATE_TEXT];
    if (r->json) {
        json_t *o = json_object();
        if (!o)
            return RESORB_ENOMEM;
        json_object_set_new(o, "id", json_integer((json_int_t)p->id));
        json_object_set_new(o, "case_id", p->case_id[0] ? json_string(p->case_id) : json_null());
        json_object_set_new(o, "age", json_integer(p->age));
        json_object_set_new(o, "sex", json_string(resorb_sex_name(p->sex)));
        json_object_set_new(o, "onset", json_date(p->onset));
        json_object_set_new(o, "as_of", json_date(p->as_of));
        json_object_set_new(o, "first", json_date(p->first));
        json_object_set_new(o, "last", json_date(p->last));
        json_object_set_new(o, "visits", json_integer((json_int_t)p->visits));
        json_object_set_new(o, "studies", json_integer((json_int_t)p->studies));
        json_object_set_new(o, "findings", json_integer((json_int_t)p->findings));
        json_object_set_new(o, "deleted", json_boolean(p->deleted));
        json_object_set_new(o, "created_at", json_string(p->created_at));
        json_object_set_new(o, "updated_at", json_string(p->updated_at));
        json_object_set_new(o, "deleted_at",
                            p->deleted_at[0] ? json_string(p->deleted_at) : json_null());
        char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (!text)
            return RESORB_ENOMEM;
        fprintf(f, "%s\n    %s", r->count == 0 ? "" : ",", text);
        free(text);
    } else {
        fprintf(f, "%lld\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%lld\t%lld", (long long)p->id,
                p->case_id[0] ? p->case_id : "-", p->age, resorb_sex_name(p->sex),
                date_or(p->onset, onset, "-"), date_or(p->as_of, as_of, "-"),
                date_or(p->first, first, "-"), date_or(p->last, last, "-"), (long long)p->visits,
                (long long)p->studies);
        if (r->all)
            fprintf(f, "\t%s", p->deleted ? p->deleted_at : "-");
        fputc('\n', f);
    }
    r->count++;
    return 0;
}

int resorb_cli_patients(resorb_cli *cli, int argc, char **argv)
{
    cli_store st;
    prun r = {.st = &st};
    resorb_store *s = NULL;
    resorb_store_error err;
    int status = cli_store_init(&st, cli, &argc, argv);
    if (status != CLI_OK)
        return status;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_store_usage(&st, "store.usage.patients", true);
            return CLI_OK;
        } else if (strcmp(a, "--all") == 0) {
            r.all = true;
        } else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
            const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v)
                return cli_usage_error(cli, "cli.error.missing_value", "--format");
            if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
                return cli_usage_error(cli, "cli.error.bad_value", v);
            r.json = strcmp(v, "json") == 0;
        } else if (a[0] == '-') {
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        } else {
            return cli_usage_error(cli, "store.error.extra_argument", a);
        }
    }
    if ((status = cli_store_open(&st, RESORB_STORE_READONLY, &s)) != CLI_OK)
        return status;
    if (r.json)
        fputs("{\"format\": \"resorb.patients/1\", \"patients\": [", cli->out);
    else
        cli_say(cli, cli->out, r.all ? "store.patients.header_all" : "store.patients.header", NULL,
                0);
    int rc = resorb_store_list(s, r.all ? RESORB_STORE_LIST_DELETED : 0, print_patient, &r, &err);
    if (rc == RESORB_ENOMEM && !err.key[0]) {
        status = CLI_FAILURE;
    } else if (rc != 0) {
        status = cli_store_fail(&st, &err);
    }
    if (r.json)
        fprintf(cli->out, "%s]}\n", r.count ? "\n  " : "");
    resorb_store_close(s);
    if (fflush(cli->out) != 0)
        status = CLI_FAILURE;
    return status;
}

/* Writes the CSV to path through a temporary file in the same directory, renamed into place
 * when complete. */
static int cohort_to_file(cli_store *st, resorb_store *s, const char *path)
{
    resorb_store_error err;
    FILE *f = NULL;
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    int status = CLI_OK, fd = -1, saved = 0;
    if (!tmp)
        return CLI_FAILURE;
    snprintf(tmp, n, "%s.partial-XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "wb"))) {
        saved = errno;
        if (fd >= 0)
            close(fd);
        free(tmp);
        const char *args[2] = {path, strerror(saved)};
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "store.error.write_file", args, 2);
        return CLI_FAILURE;
    }
    fchmod(fd, 0600);
    int rc = resorb_store_cohort_csv(s, cli_store_write_file, f, &err);
    if (rc == 0 && (fflush(f) != 0 || fsync(fd) != 0))
        saved = errno ? errno : EIO;
    if (fclose(f) != 0 && rc == 0 && !saved)
        saved = errno ? errno : EIO;
    if (rc == 0 && !saved && rename(tmp, path) != 0)
        saved = errno;
    if (rc != 0) {
        status = cli_store_fail(st, &err);
    } else if (saved) {
        const char *args[2] = {path, strerror(saved)};
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "store.error.write_file", args, 2);
        status = CLI_FAILURE;
    }
    if (status != CLI_OK)
        unlink(tmp);
    free(tmp);
    return status;
}

int resorb_cli_cohort(resorb_cli *cli, int argc, char **argv)
{
    cli_store st;
    resorb_store *s = NULL;
    resorb_store_error err;
    bool csv = false;
    const char *path = NULL;
    int status = cli_store_init(&st, cli, &argc, argv);
    if (status != CLI_OK)
        return status;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_store_usage(&st, "store.usage.cohort", true);
            return CLI_OK;
        } else if (strcmp(a, "--csv") == 0) {
            csv = true;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        } else if (!path) {
            path = a;
        } else {
            return cli_usage_error(cli, "store.error.extra_argument", a);
        }
    }
    if (!csv)
        return cli_store_usage(&st, "store.usage.cohort", false);
    if ((status = cli_store_open(&st, RESORB_STORE_READONLY, &s)) != CLI_OK)
        return status;
    if (path && strcmp(path, "-") != 0) {
        status = cohort_to_file(&st, s, path);
    } else if (resorb_store_cohort_csv(s, cli_store_write_file, cli->out, &err) != 0) {
        status = cli_store_fail(&st, &err);
    } else if (fflush(cli->out) != 0) {
        status = CLI_FAILURE;
    }
    resorb_store_close(s);
    return status;
}

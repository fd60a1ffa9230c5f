/*
 * cli/cmd_case.c: the registry's cases.
 *
 *   resorb case add [--ndjson] [--as-of DATE] [--batch N] [--quiet] FILE...
 *   resorb case export ID...
 *   resorb case delete ID [--purge]
 *
 * add validates every case exactly as `resorb validate` does (same diagnostics on stderr) and
 * stores them all in one transaction: when any case is invalid or cannot be stored (its id is
 * already stored, the disk is full, ...), nothing is stored and the exit status is 2 (3 for an
 * I/O failure). Only after the commit does it print the new patient ids on stdout, one per
 * line in input order, so an id printed is an id stored. --batch N commits every N cases
 * instead (for very large imports): then an error stops the import after the batches already
 * committed, whose ids were printed. --quiet leaves out warnings (errors are always printed).
 *
 * export prints each patient's record as one line of canonical case JSON (resorb.case/1),
 * which `resorb validate` accepts and `resorb case add` stores again. delete hides a patient
 * (a soft delete, recorded in the audit trail); --purge removes the patient's data for good.
 */
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "store_util.h"

typedef struct addrun {
    cli_store *st;
    resorb_store *s;
    resorb_case *kase;
    resorb_diags *diags;
    resorb_date default_as_of;
    size_t batch; /* cases per transaction; 0 = all in one */
    bool failed;  /* nothing more is stored once an input failed */
    bool quiet;   /* print errors only, not warnings */
    int status;
    bool in_tx;
    int64_t *ids; /* stored in the open transaction, printed after its commit */
    size_t n_ids, cap_ids;
    size_t committed; /* cases in transactions already committed */
} addrun;

static int worse(int a, int b)
{
    return a > b ? a : b;
}

/* "resorb: SOURCE[:LINE]: MESSAGE" for a store error; returns the exit code. */
static int store_error(addrun *r, const char *source, size_t line_no, const resorb_store_error *err)
{
    char msg[1024];
    resorb_store_error_message(err, r->st->cli->lang, msg, sizeof msg);
    if (line_no > 0)
        fprintf(r->st->cli->err, "resorb: %s:%zu: %s\n", source, line_no, msg);
    else
        fprintf(r->st->cli->err, "resorb: %s: %s\n", source, msg);
    return err->code == RESORB_EINVALID || err->code == RESORB_ENOTFOUND ? CLI_INVALID
                                                                         : CLI_FAILURE;
}

static int commit(addrun *r)
{
    resorb_store_error err;
    if (!r->in_tx)
        return CLI_OK;
    r->in_tx = false;
    if (resorb_store_commit(r->s, &err) != 0) {
        r->n_ids = 0;
        r->failed = true;
        return cli_store_fail(r->st, &err);
    }
    for (size_t i = 0; i < r->n_ids; i++)
        fprintf(r->st->cli->out, "%lld\n", (long long)r->ids[i]);
    fflush(r->st->cli->out);
    r->committed += r->n_ids;
    r->n_ids = 0;
    return CLI_OK;
}

static int add_one(void *ctx, const char *source, size_t line_no, const char *text, size_t len)
{
    addrun *r = ctx;
    resorb_parse_options po = {.default_as_of = r->default_as_of};
    resorb_store_error err;
    int64_t id = 0;
    int rc = RESORB_ETOOLARGE;
    resorb_diags_init(r->diags);
    if (text)
        rc = resorb_case_parse(r->kase, text, len, &po, r->diags);
    else
        resorb_case_reject_too_large(r->diags);
    if (rc == RESORB_ENOMEM) {
        r->failed = true;
        return CLI_FAILURE;
    }
    if (rc != 0 || (r->diags->warnings > 0 && !r->quiet))
        cli_store_diagnostics(r->st, r->diags, source, line_no, r->quiet);
    if (rc != 0) {
        r->failed = true;
        return CLI_INVALID;
    }
    if (r->failed)
        return CLI_OK; /* still validating the rest, storing nothing */
    if (!r->in_tx) {
        if (resorb_store_begin(r->s, &err) != 0) {
            r->failed = true;
            return store_error(r, source, line_no, &err);
        }
        r->in_tx = true;
    }
    if (resorb_store_add_case(r->s, r->kase, r->st->actor, &id, NULL, &err) != 0) {
        r->failed = true;
        return store_error(r, source, line_no, &err);
    }
    if (r->n_ids == r->cap_ids) {
        size_t ncap = r->cap_ids ? r->cap_ids * 2 : 256;
        int64_t *n = realloc(r->ids, ncap * sizeof *n);
        if (!n) {
            r->failed = true;
            return CLI_FAILURE;
        }
        r->ids = n;
        r->cap_ids = ncap;
    }
    r->ids[r->n_ids++] = id;
    if (r->batch > 0 && r->n_ids >= r->batch)
        return commit(r);
    return CLI_OK;
}

static int case_add(cli_store *st, int argc, char **argv)
{
    addrun r = {.st = st, .default_as_of = st->cli->today};
    bool ndjson = false;
    int i = 2, status;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_store_usage(st, "store.usage.case", true);
            return CLI_OK;
        } else if (strcmp(a, "--ndjson") == 0) {
            ndjson = true;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            r.quiet = true;
        } else if (strcmp(a, "--as-of") == 0 || strcmp(a, "--batch") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error(st->cli, "cli.error.missing_value", a);
            const char *v = argv[++i];
            if (a[2] == 'a') {
                if (resorb_date_parse(v, strlen(v), &r.default_as_of) != 0)
                    return cli_usage_error(st->cli, "cli.error.bad_value", v);
            } else {
                char *end = NULL;
                long long n = strtoll(v, &end, 10);
                if (!*v || !end || *end || n <= 0 || n > 1000000)
                    return cli_usage_error(st->cli, "cli.error.bad_value", v);
                r.batch = (size_t)n;
            }
        } else {
            return cli_usage_error(st->cli, "cli.error.unknown_option", a);
        }
    }
    if (i >= argc)
        return cli_store_usage(st, "store.usage.case", false);
    if ((status = cli_store_open(st, 0, &r.s)) != CLI_OK)
        return status;
    r.kase = malloc(sizeof *r.kase);
    r.diags = malloc(sizeof *r.diags);
    if (!r.kase || !r.diags) {
        status = CLI_FAILURE;
        goto done;
    }
    status = cli_each_input(st->cli, argv + i, argc - i, ndjson, add_one, NULL, &r);
    if (status != CLI_OK)
        r.failed = true;
    if (r.failed) {
        if (r.in_tx)
            resorb_store_rollback(r.s);
        r.in_tx = false;
        char n[24];
        snprintf(n, sizeof n, "%zu", r.committed);
        const char *args[1] = {n};
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err,
                r.committed > 0 ? "store.case.partial" : "store.case.nothing_stored", args, 1);
        status = worse(status, CLI_INVALID);
    } else {
        status = worse(status, commit(&r));
    }
done:
    if (r.in_tx)
        resorb_store_rollback(r.s);
    resorb_store_close(r.s);
    free(r.kase);
    free(r.diags);
    free(r.ids);
    return status;
}

static int case_export(cli_store *st, int argc, char **argv)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_case *c = NULL;
    int status = CLI_OK, first = 2;
    if (first < argc && strcmp(argv[first], "--") == 0)
        first++;
    if (first >= argc)
        return cli_store_usage(st, "store.usage.case", false);
    for (int i = first; i < argc; i++) {
        int64_t id;
        if ((status = cli_store_patient_id(st, argv[i], &id)) != CLI_OK)
            return status;
    }
    if ((status = cli_store_open(st, RESORB_STORE_READONLY, &s)) != CLI_OK)
        return status;
    if (!(c = malloc(sizeof *c))) {
        status = CLI_FAILURE;
        goto done;
    }
    for (int i = first; i < argc; i++) {
        int64_t id = 0;
        char *json = NULL;
        cli_store_patient_id(st, argv[i], &id);
        if (resorb_store_load_case(s, id, c, &err) != 0) {
            status = worse(status, cli_store_fail(st, &err));
            continue;
        }
        if (resorb_case_to_json(&json, c) != 0) {
            status = CLI_FAILURE;
            break;
        }
        fprintf(st->cli->out, "%s\n", json);
        free(json);
    }
done:
    free(c);
    resorb_store_close(s);
    return status;
}

static int case_delete(cli_store *st, int argc, char **argv)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    bool purge = false;
    const char *id_text = NULL;
    int64_t id = 0;
    int status;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--purge") == 0)
            purge = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error(st->cli, "cli.error.unknown_option", argv[i]);
        else if (!id_text)
            id_text = argv[i];
        else
            return cli_usage_error(st->cli, "store.error.extra_argument", argv[i]);
    }
    if (!id_text)
        return cli_store_usage(st, "store.usage.case", false);
    if ((status = cli_store_patient_id(st, id_text, &id)) != CLI_OK)
        return status;
    if ((status = cli_store_open(st, 0, &s)) != CLI_OK)
        return status;
    int rc = purge ? resorb_store_purge(s, id, st->actor, &err)
                   : resorb_store_delete(s, id, st->actor, &err);
    if (rc != 0) {
        status = cli_store_fail(st, &err);
    } else {
        const char *args[1] = {id_text};
        cli_say(st->cli, st->cli->out, purge ? "store.case.purged" : "store.case.deleted", args, 1);
    }
    resorb_store_close(s);
    return status;
}

int resorb_cli_case(resorb_cli *cli, int argc, char **argv)
{
    cli_store st;
    int status = cli_store_init(&st, cli, &argc, argv);
    if (status != CLI_OK)
        return status;
    if (argc < 2)
        return cli_store_usage(&st, "store.usage.case", false);
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0) {
        cli_store_usage(&st, "store.usage.case", true);
        return CLI_OK;
    }
    if (strcmp(verb, "add") == 0)
        return case_add(&st, argc, argv);
    if (strcmp(verb, "export") == 0)
        return case_export(&st, argc, argv);
    if (strcmp(verb, "delete") == 0)
        return case_delete(&st, argc, argv);
    return cli_usage_error(cli, "store.error.unknown_verb", verb);
}

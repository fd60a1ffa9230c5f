/*
 * cli/cmd_validate.c: `resorb validate [--ndjson] [--format text|json] [--as-of DATE]
 *                                      [--quiet] FILE...`
 *
 * Checks each file ("-" = standard input) against the case format. Text mode prints one line
 * per problem on stderr in the stable format of resorb_error_format_line() and, unless --quiet,
 * one line per valid file (or a summary for NDJSON) on stdout. JSON mode prints one document on
 * stdout with every diagnostic. Exit codes: 0 every case valid (warnings allowed), 2 at least
 * one invalid case, 1 usage error, 3 a file could not be read.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"
#include "options.h"
#include "resorb/case.h"

typedef struct vrun {
    resorb_cli *cli;
    cli_options o;
    resorb_case *kase;   /* reused for every input: one case is ~40 KiB */
    resorb_diags *diags; /* likewise */
    size_t cases, valid, invalid;
    bool first_json; /* no result printed yet in JSON mode */
    int status;
} vrun;

static void json_put_error(json_t *arr, const resorb_error *e, resorb_lang lang)
{
    char msg[1024];
    resorb_error_message(e, lang, msg, sizeof msg);
    json_t *args = json_array();
    for (int i = 0; i < RESORB_ERROR_ARGS && e->args[i][0]; i++)
        json_array_append_new(args, json_string(e->args[i]));
    json_t *o = json_object();
    json_object_set_new(o, "severity", json_string(resorb_severity_name(e->severity)));
    json_object_set_new(o, "problem", json_string(resorb_problem_name(e->problem)));
    json_object_set_new(o, "path", json_string(e->path));
    json_object_set_new(o, "line", e->line > 0 ? json_integer(e->line) : json_null());
    json_object_set_new(o, "column", e->column > 0 ? json_integer(e->column) : json_null());
    json_object_set_new(o, "args", args);
    json_object_set_new(o, "message", json_string(msg));
    json_array_append_new(arr, o);
}

/* The capped list's last word: how many problems were not listed. */
static void dropped_error(const resorb_diags *d, resorb_error *e)
{
    resorb_error_clear(e);
    e->code = RESORB_EINVALID;
    e->problem = RESORB_P_TOO_MANY_ERRORS;
    e->severity = RESORB_SEV_ERROR;
    snprintf(e->args[0], sizeof e->args[0], "%zu", d->dropped);
}

/* Reports one input's diagnostics. line_no > 0 for an NDJSON record: positions are shifted to
 * the file's line. */
static void report(vrun *r, const char *source, size_t line_no, bool ok)
{
    resorb_diags *d = r->diags;
    resorb_error extra;
    size_t n = d->count;
    for (size_t i = 0; i < n; i++) {
        resorb_error *e = &d->items[i];
        if (line_no > 0) {
            e->line = e->line > 0 ? (int)line_no + e->line - 1 : (int)line_no;
        }
    }
    if (d->dropped > 0) {
        dropped_error(d, &extra);
        extra.line = line_no > 0 ? (int)line_no : 0;
    }
    if (r->o.json) {
        json_t *o = json_object(), *errs = json_array(), *warns = json_array();
        for (size_t i = 0; i < n; i++)
            json_put_error(d->items[i].severity == RESORB_SEV_ERROR ? errs : warns,
                           &d->items[i], r->cli->lang);
        if (d->dropped > 0)
            json_put_error(errs, &extra, r->cli->lang);
        json_object_set_new(o, "source", json_string(source));
        json_object_set_new(o, "line", line_no > 0 ? json_integer((json_int_t)line_no)
                                                   : json_null());
        json_object_set_new(o, "valid", json_boolean(ok));
        json_object_set_new(o, "errors", errs);
        json_object_set_new(o, "warnings", warns);
        char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
        if (text)
            fprintf(r->cli->out, "%s\n    %s", r->first_json ? "" : ",", text);
        r->first_json = false;
        free(text);
        json_decref(o);
        return;
    }
    char line[2048];
    for (size_t i = 0; i < n; i++) {
        resorb_error_format_line(&d->items[i], source, r->cli->lang, line, sizeof line);
        fprintf(r->cli->err, "%s\n", line);
    }
    if (d->dropped > 0) {
        resorb_error_format_line(&extra, source, r->cli->lang, line, sizeof line);
        fprintf(r->cli->err, "%s\n", line);
    }
    if (ok && !r->o.quiet && line_no == 0) {
        char count[32];
        snprintf(count, sizeof count, "%zu", d->warnings);
        const char *args[2] = {source, count};
        cli_say(r->cli, r->cli->out, d->warnings ? "validate.valid_warnings" : "validate.valid",
                args, 2);
    }
}

/* Validates one document (text NULL: over the size cap, not read). Returns CLI_OK,
 * CLI_INVALID, or CLI_FAILURE (out of memory). */
static int check_one(void *ctx, const char *source, size_t line_no, const char *text, size_t len)
{
    vrun *r = ctx;
    resorb_parse_options po = {.default_as_of = r->o.as_of};
    int rc = RESORB_ETOOLARGE;
    resorb_diags_init(r->diags);
    if (text)
        rc = resorb_case_parse(r->kase, text, len, &po, r->diags);
    else
        resorb_case_reject_too_large(r->diags);
    r->cases++;
    if (rc == RESORB_ENOMEM)
        return CLI_FAILURE;
    bool ok = rc == 0;
    ok ? r->valid++ : r->invalid++;
    report(r, source, line_no, ok);
    return ok ? CLI_OK : CLI_INVALID;
}

/* JSON mode keeps one entry per input, unreadable files included. */
static void io_entry(void *ctx, const char *source, int err)
{
    vrun *r = ctx;
    if (!r->o.json)
        return;
    json_t *o = json_pack("{s:s, s:n, s:b, s:s}", "source", source, "line", "valid", 0,
                          "io_error", strerror(err));
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (text)
        fprintf(r->cli->out, "%s\n    %s", r->first_json ? "" : ",", text);
    r->first_json = false;
    free(text);
    json_decref(o);
}

int resorb_cli_validate(resorb_cli *cli, int argc, char **argv)
{
    vrun r = {.cli = cli, .first_json = true};
    int status = cli_parse_options(cli, argc, argv,
                                   CLI_OPT_NDJSON | CLI_OPT_FORMAT | CLI_OPT_AS_OF | CLI_OPT_QUIET,
                                   "validate.usage", &r.o);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    r.kase = malloc(sizeof *r.kase);
    r.diags = malloc(sizeof *r.diags);
    if (!r.kase || !r.diags) {
        status = CLI_FAILURE;
        goto done;
    }
    if (r.o.json)
        fputs("{\"results\": [", cli->out);
    status = cli_each_input(cli, argv + r.o.first, argc - r.o.first, r.o.ndjson, check_one,
                            io_entry, &r);
    if (r.o.json) {
        fprintf(cli->out, "\n  ],\n  \"cases\": %zu, \"valid\": %zu, \"invalid\": %zu\n}\n",
                r.cases, r.valid, r.invalid);
    } else if (r.o.ndjson && !r.o.quiet) {
        char a[3][32];
        snprintf(a[0], sizeof a[0], "%zu", r.cases);
        snprintf(a[1], sizeof a[1], "%zu", r.valid);
        snprintf(a[2], sizeof a[2], "%zu", r.invalid);
        const char *args[3] = {a[0], a[1], a[2]};
        cli_say(cli, cli->out, "validate.summary", args, 3);
    }
done:
    free(r.kase);
    free(r.diags);
    return status;
}

/*
 * cli/cmd_assess.c: `resorb assess [--ndjson] [--format text|json] [--as-of DATE] FILE...`
 *
 * Validates each case, assesses it with the library (resorb_assess) and renders the result in
 * the chosen language. A thin adapter: everything clinical happens in the library, so the same
 * case gives the same JSON here and through the server. An invalid case prints its diagnostics
 * on stderr exactly as `resorb validate` does, and nothing on stdout; the exit status is then 2.
 * JSON output is one document per case: indented for a single FILE, one line per case for
 * --ndjson or several files (so the output is itself NDJSON).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"
#include "options.h"
#include "resorb/report.h"

typedef struct arun {
    resorb_cli *cli;
    bool ndjson, json, pretty;
    resorb_date default_as_of;
    resorb_case *kase;
    resorb_diags *diags;
    resorb_assessment *assessment;
    size_t count; /* cases rendered */
} arun;

static int assess_one(void *ctx, const char *source, size_t line_no, const char *text, size_t len)
{
    arun *r = ctx;
    char *out = NULL;
    int rc = cli_parse_case(r->cli, source, line_no, text, len, r->default_as_of, r->kase,
                            r->diags);
    if (rc != CLI_OK)
        return rc;
    rc = resorb_assess(r->assessment, r->kase, NULL);
    if (rc != 0) {
        const char *args[1] = {source};
        fputs("resorb: ", r->cli->err);
        cli_say(r->cli, r->cli->err, "assess.error.engine", args, 1);
        return CLI_FAILURE;
    }
    rc = r->json ? resorb_report_json(&out, r->assessment, r->kase, r->cli->lang, r->pretty)
                 : resorb_report_text(&out, r->assessment, r->kase, r->cli->lang);
    if (rc != 0)
        return CLI_FAILURE;
    if (!r->json && r->count > 0)
        fputs("\n", r->cli->out);
    fputs(out, r->cli->out);
    if (r->json)
        fputs("\n", r->cli->out);
    free(out);
    r->count++;
    return CLI_OK;
}

int resorb_cli_assess(resorb_cli *cli, int argc, char **argv)
{
    arun r = {.cli = cli};
    cli_options o;
    int status = cli_parse_options(cli, argc, argv, CLI_OPT_NDJSON | CLI_OPT_FORMAT | CLI_OPT_AS_OF,
                                   "assess.usage", &o);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    r.ndjson = o.ndjson;
    r.json = o.json;
    r.default_as_of = o.as_of;
    r.pretty = !r.ndjson && argc - o.first == 1;
    r.kase = malloc(sizeof *r.kase);
    r.diags = malloc(sizeof *r.diags);
    r.assessment = malloc(sizeof *r.assessment);
    if (!r.kase || !r.diags || !r.assessment) {
        status = CLI_FAILURE;
        goto done;
    }
    status = cli_each_input(cli, argv + o.first, argc - o.first, r.ndjson, assess_one, NULL, &r);
done:
    free(r.kase);
    free(r.diags);
    free(r.assessment);
    return status;
}

/*
 * cli/cmd_score.c: `resorb score [--ndjson] [--format text|json] [--as-of DATE] FILE...`
 *
 * Validates each case, scores its questionnaires and pain ratings with the library
 * (resorb_instruments_score) and renders them in the chosen language (resorb_report_scores_*).
 * A thin adapter, like `resorb assess`: an invalid case prints its diagnostics on stderr
 * exactly as `resorb validate` does and nothing on stdout; the exit status is then 2. JSON
 * output is one document per case: indented for a single FILE, one line per case for
 * --ndjson or several files (so the output is itself NDJSON).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"
#include "options.h"
#include "resorb/scores_report.h"

typedef struct srun {
    resorb_cli *cli;
    bool ndjson, json, pretty;
    resorb_date default_as_of;
    resorb_case *kase;
    resorb_diags *diags;
    resorb_scores *scores;
    size_t count; /* cases rendered */
} srun;

static int score_one(void *ctx, const char *source, size_t line_no, const char *text, size_t len)
{
    srun *r = ctx;
    char *out = NULL;
    int rc = cli_parse_case(r->cli, source, line_no, text, len, r->default_as_of, r->kase,
                            r->diags);
    if (rc != CLI_OK)
        return rc;
    rc = resorb_instruments_score(r->kase, r->scores);
    if (rc != 0) {
        const char *args[1] = {source};
        fputs("resorb: ", r->cli->err);
        cli_say(r->cli, r->cli->err, "score.error.engine", args, 1);
        return CLI_FAILURE;
    }
    rc = resorb_report_scores_document(&out, r->scores, r->kase, r->cli->lang, r->json, r->pretty);
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

int resorb_cli_score(resorb_cli *cli, int argc, char **argv)
{
    srun r = {.cli = cli};
    cli_options o;
    int status = cli_parse_options(cli, argc, argv, CLI_OPT_NDJSON | CLI_OPT_FORMAT | CLI_OPT_AS_OF,
                                   "score.usage", &o);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    r.ndjson = o.ndjson;
    r.json = o.json;
    r.default_as_of = o.as_of;
    r.pretty = !r.ndjson && argc - o.first == 1;
    r.kase = malloc(sizeof *r.kase);
    r.diags = malloc(sizeof *r.diags);
    r.scores = malloc(sizeof *r.scores);
    if (!r.kase || !r.diags || !r.scores) {
        status = CLI_FAILURE;
        goto done;
    }
    status = cli_each_input(cli, argv + o.first, argc - o.first, r.ndjson, score_one, NULL, &r);
done:
    free(r.kase);
    free(r.diags);
    free(r.scores);
    return status;
}

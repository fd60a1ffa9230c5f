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

static void diagnostics(srun *r, const char *source, size_t line_no)
{
    char line[2048];
    for (size_t i = 0; i < r->diags->count; i++) {
        resorb_error *e = &r->diags->items[i];
        if (line_no > 0)
            e->line = e->line > 0 ? (int)line_no + e->line - 1 : (int)line_no;
        resorb_error_format_line(e, source, r->cli->lang, line, sizeof line);
        fprintf(r->cli->err, "%s\n", line);
    }
}

static int score_one(void *ctx, const char *source, size_t line_no, const char *text, size_t len)
{
    srun *r = ctx;
    resorb_parse_options po = {.default_as_of = r->default_as_of};
    char *out = NULL;
    int rc = RESORB_ETOOLARGE;
    resorb_diags_init(r->diags);
    if (text)
        rc = resorb_case_parse(r->kase, text, len, &po, r->diags);
    else
        resorb_case_reject_too_large(r->diags);
    if (rc == RESORB_ENOMEM)
        return CLI_FAILURE;
    if (rc != 0 || r->diags->warnings > 0)
        diagnostics(r, source, line_no);
    if (rc != 0)
        return CLI_INVALID;
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

/*
 * cli/cmd_timeline.c: `resorb timeline [--format text|json] (FILE | --patient ID [--db FILE])`
 *
 * Reads one patient's record (a case file, or the registry), follows it up with the library
 * (resorb_followup: herniations across studies, pain and ODI over time, triage at each visit)
 * and prints the timeline in the chosen language (resorb_timeline_document). A thin adapter: an
 * invalid case prints its diagnostics on stderr as `resorb validate` does and nothing on
 * stdout (exit 2). JSON is indented.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "followup_input.h"
#include "resorb/followup.h"

int resorb_cli_timeline(resorb_cli *cli, int argc, char **argv)
{
    fu_cli_args a;
    int status = fu_cli_parse(cli, argc, argv, "followup.usage.timeline", &a);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    const char *source = NULL;
    char *out = NULL;
    resorb_case *kase = malloc(sizeof *kase);
    resorb_followup_report *f = malloc(sizeof *f);
    if (!kase || !f) {
        status = CLI_FAILURE;
        goto done;
    }
    status = fu_cli_load(cli, &a, kase, &source);
    if (status != CLI_OK)
        goto done;
    int rc = resorb_followup(kase, f);
    if (rc == 0)
        rc = resorb_timeline_document(&out, f, kase, cli->lang, a.json, true);
    if (rc != 0) {
        char code[16];
        snprintf(code, sizeof code, "%d", rc);
        const char *args[2] = {source, code};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "followup.error.engine", args, 2);
        status = CLI_FAILURE;
        goto done;
    }
    fputs(out, cli->out);
    if (a.json)
        fputs("\n", cli->out);
done:
    free(out);
    free(kase);
    free(f);
    return status;
}

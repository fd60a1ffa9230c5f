/*
 * cli/cmd_forecast.c: `resorb forecast [--format text|json] (FILE | --patient ID [--db FILE])`
 *
 * Reads one patient's record (a case file, or the registry), follows it up (resorb_followup)
 * and forecasts the resorption of each herniation measured at least twice (resorb_forecast),
 * then prints the forecast in the chosen language (resorb_forecast_document). An invalid case
 * prints its diagnostics on stderr and nothing on stdout (exit 2).
 *
 * GSL's error handler is process-wide state: the library never changes it, and the command,
 * which owns the process, switches it off so that GSL reports even an allocation failure as a
 * return code instead of aborting.
 */
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "followup_input.h"
#include "resorb/followup.h"

int resorb_cli_forecast(resorb_cli *cli, int argc, char **argv)
{
    fu_cli_args a;
    int status = fu_cli_parse(cli, argc, argv, "followup.usage.forecast", &a);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    gsl_set_error_handler_off();
    const char *source = NULL;
    char *out = NULL;
    resorb_case *kase = malloc(sizeof *kase);
    resorb_followup_report *f = malloc(sizeof *f);
    resorb_forecast_report *r = malloc(sizeof *r);
    if (!kase || !f || !r) {
        status = CLI_FAILURE;
        goto done;
    }
    status = fu_cli_load(cli, &a, kase, &source);
    if (status != CLI_OK)
        goto done;
    int rc = resorb_followup(kase, f);
    if (rc == 0)
        rc = resorb_forecast(kase, f, r);
    if (rc == 0)
        rc = resorb_forecast_document(&out, r, f, kase, cli->lang, a.json, true);
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
    free(r);
    return status;
}

/* cli/options.c: the shared options of the case-reading subcommands (see options.h). */
#include <string.h>

#include "options.h"

static int value_option(resorb_cli *cli, const char *opt, const char *v, cli_options *out)
{
    if (strcmp(opt, "--format") == 0) {
        if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
            return cli_usage_error(cli, "cli.error.bad_value", v);
        out->json = strcmp(v, "json") == 0;
    } else if (resorb_date_parse(v, strlen(v), &out->as_of) != 0) {
        return cli_usage_error(cli, "cli.error.bad_value", v);
    }
    return CLI_OK;
}

int cli_parse_options(resorb_cli *cli, int argc, char **argv, unsigned allowed,
                      const char *usage_key, cli_options *out)
{
    int i = 1;
    *out = (cli_options){.as_of = cli->today};
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_say(cli, cli->out, usage_key, NULL, 0);
            return -1;
        }
        if ((allowed & CLI_OPT_NDJSON) && strcmp(a, "--ndjson") == 0) {
            out->ndjson = true;
        } else if ((allowed & CLI_OPT_QUIET) && (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)) {
            out->quiet = true;
        } else if (((allowed & CLI_OPT_FORMAT) && strcmp(a, "--format") == 0) ||
                   ((allowed & CLI_OPT_AS_OF) && strcmp(a, "--as-of") == 0)) {
            if (i + 1 >= argc)
                return cli_usage_error(cli, "cli.error.missing_value", a);
            int rc = value_option(cli, a, argv[++i], out);
            if (rc != CLI_OK)
                return rc;
        } else {
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        }
    }
    if (i >= argc) {
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, usage_key, NULL, 0);
        return CLI_USAGE;
    }
    out->first = i;
    return CLI_OK;
}

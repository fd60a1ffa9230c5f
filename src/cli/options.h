/*
 * cli/options.h: the options that the case-reading subcommands share (validate, assess, score):
 *   --ndjson  --format text|json  --as-of YYYY-MM-DD  --quiet/-q  --help/-h  [--]  FILE...
 * Each command says which it accepts; the rest are usage errors.
 */
#ifndef RESORB_CLI_OPTIONS_H
#define RESORB_CLI_OPTIONS_H

#include <stdbool.h>

#include "cli.h"

enum { CLI_OPT_NDJSON = 1, CLI_OPT_FORMAT = 2, CLI_OPT_AS_OF = 4, CLI_OPT_QUIET = 8 };

typedef struct cli_options {
    bool ndjson, json, quiet;
    resorb_date as_of; /* the default assessment date: --as-of, else cli->today */
    int first;         /* index of the first FILE in argv */
} cli_options;

/* Parses argv[1..] (argv[0] is the subcommand). Returns CLI_OK, CLI_USAGE after printing the
 * error, or -1 after printing the usage text for --help (the caller then exits 0). At least one
 * FILE is required. */
int cli_parse_options(resorb_cli *cli, int argc, char **argv, unsigned allowed,
                      const char *usage_key, cli_options *out);

#endif

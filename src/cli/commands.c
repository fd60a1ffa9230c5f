/* cli/commands.c: the subcommands of `resorb`. */
#include <stddef.h>

#include "cli.h"

const resorb_cli_command resorb_cli_commands[] = {
    {"validate", "cli.summary.validate", resorb_cli_validate},
    {"assess", "cli.summary.assess", resorb_cli_assess},
    {"score", "score.summary", resorb_cli_score},
    {"evidence", "cli.summary.evidence", resorb_cli_evidence},
    {NULL, NULL, NULL},
};

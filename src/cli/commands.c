/* cli/commands.c: the subcommands of `resorb`. */
#include <stddef.h>

#include "cli.h"

const resorb_cli_command resorb_cli_commands[] = {
    {"validate", "cli.summary.validate", resorb_cli_validate},
    {"assess", "cli.summary.assess", resorb_cli_assess},
    {"score", "score.summary", resorb_cli_score},
    {"evidence", "cli.summary.evidence", resorb_cli_evidence},
    {"db", "store.summary.db", resorb_cli_db},
    {"case", "store.summary.case", resorb_cli_case},
    {"visit", "store.summary.visit", resorb_cli_visit},
    {"study", "store.summary.study", resorb_cli_study},
    {"patients", "store.summary.patients", resorb_cli_patients},
    {"cohort", "store.summary.cohort", resorb_cli_cohort},
    {"timeline", "followup.summary.timeline", resorb_cli_timeline},
    {"forecast", "followup.summary.forecast", resorb_cli_forecast},
    {"serve", "server.summary.serve", resorb_cli_serve},
    {"user", "auth.summary.user", resorb_cli_user},
    {NULL, NULL, NULL},
};

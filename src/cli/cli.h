/*
 * cli/cli.h: the resorb command. A thin layer: it parses arguments, reads input, calls the
 * library's public API and renders. Exit codes: 0 success, 1 usage error, 2 invalid input,
 * 3 an I/O or internal failure.
 */
#ifndef RESORB_CLI_H
#define RESORB_CLI_H

#include <stdio.h>

#include "resorb/date.h"
#include "resorb/i18n.h"

enum { CLI_OK = 0, CLI_USAGE = 1, CLI_INVALID = 2, CLI_FAILURE = 3 };

typedef struct resorb_cli {
    resorb_lang lang;
    FILE *out;
    FILE *err;
    resorb_date today; /* the default as_of */
    const char *prog;
} resorb_cli;

typedef struct resorb_cli_command {
    const char *name;
    const char *summary_key; /* catalog key of the one-line summary */
    int (*run)(resorb_cli *cli, int argc, char **argv);
} resorb_cli_command;

/* commands.c: the table of subcommands, ended by a NULL name. */
extern const resorb_cli_command resorb_cli_commands[];

int resorb_cli_validate(resorb_cli *cli, int argc, char **argv);
int resorb_cli_evidence(resorb_cli *cli, int argc, char **argv);
int resorb_cli_assess(resorb_cli *cli, int argc, char **argv);
int resorb_cli_score(resorb_cli *cli, int argc, char **argv);
/* The registry (cmd_db.c, cmd_case.c, ...: the storage engineer's files). */
int resorb_cli_db(resorb_cli *cli, int argc, char **argv);
int resorb_cli_case(resorb_cli *cli, int argc, char **argv);
int resorb_cli_visit(resorb_cli *cli, int argc, char **argv);
int resorb_cli_study(resorb_cli *cli, int argc, char **argv);
int resorb_cli_patients(resorb_cli *cli, int argc, char **argv);
int resorb_cli_cohort(resorb_cli *cli, int argc, char **argv);
/* Follow-up and forecast (cmd_timeline.c, cmd_forecast.c: the follow-up engineer's files). */
int resorb_cli_timeline(resorb_cli *cli, int argc, char **argv);
int resorb_cli_forecast(resorb_cli *cli, int argc, char **argv);
/* The HTTP server (src/cli/cmd_serve.c over src/server/: the server engineer's files). */
int resorb_cli_serve(resorb_cli *cli, int argc, char **argv);
/* The server's users (src/cli/cmd_user.c). */
int resorb_cli_user(resorb_cli *cli, int argc, char **argv);

/* Prints a localized message (catalog key, args) and a newline to f. */
void cli_say(resorb_cli *cli, FILE *f, const char *key, const char *const *args, size_t nargs);
/* Prints "resorb: <message>" to stderr and returns CLI_USAGE. */
int cli_usage_error(resorb_cli *cli, const char *key, const char *arg);

/* Reads a file ("-" = stdin) into a NUL-terminated heap buffer, stopping after max + 1 bytes:
 * *len == max + 1 tells the caller that the input is larger than max (the rest is not read).
 * Returns 0, RESORB_ENOMEM, or RESORB_EIO with errno set. *out is freed by the caller. */
int cli_read_file(const char *path, size_t max, char **out, size_t *len);

#endif

/*
 * cli/store_util.h: what the registry subcommands (db, case, visit, study, patients, cohort)
 * share: where the database is, who the actor is, opening the store, patient ids, and printing
 * store errors and diagnostics in the user's language.
 *
 * The database is --db FILE (anywhere on the command line), else the environment variable
 * RESORB_DB, else ./resorb.db. The actor recorded in the audit trail is the OS user running the
 * command (getpwuid(geteuid())), or "uid:N" when the user has no name.
 */
#ifndef RESORB_CLI_STORE_UTIL_H
#define RESORB_CLI_STORE_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "resorb/store.h"

typedef struct cli_store {
    resorb_cli *cli;
    const char *db; /* the location */
    char actor[128];
} cli_store;

/* Takes --db FILE / --db=FILE out of argv (wherever it is; "--" ends options) and fills st.
 * Returns CLI_OK or CLI_USAGE (after printing). */
int cli_store_init(cli_store *st, resorb_cli *cli, int *argc, char **argv);

/* Opens the store with flags (RESORB_STORE_*). Returns CLI_OK or the exit code after printing
 * the error. */
int cli_store_open(cli_store *st, unsigned flags, resorb_store **out);

/* Prints "resorb: MESSAGE" for err and returns the exit code for its kind: 1 usage, 2 invalid
 * input or no such patient, 3 I/O and everything else. */
int cli_store_fail(cli_store *st, const resorb_store_error *err);

/* Parses a patient id (a positive decimal integer). Returns CLI_OK or CLI_USAGE. */
int cli_store_patient_id(cli_store *st, const char *text, int64_t *out);

/* Prints diagnostics on stderr in the format of `resorb validate` (only the errors when
 * errors_only); line_no > 0 shifts positions to an NDJSON line. */
void cli_store_diagnostics(cli_store *st, resorb_diags *d, const char *source, size_t line_no,
                           bool errors_only);

/* Prints the usage text key on stdout for --help (returns -1) or on stderr as an error
 * (returns CLI_USAGE). */
int cli_store_usage(cli_store *st, const char *key, bool help);

/* A writer for resorb_store_cohort_csv and friends: ctx is a FILE *. */
int cli_store_write_file(void *ctx, const char *data, size_t len);

#endif

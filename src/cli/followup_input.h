/*
 * cli/followup_input.h: the input shared by `resorb timeline` and `resorb forecast`:
 *   [--format text|json] (FILE | --patient ID [--db FILE])
 *
 * FILE is one case document (read with the shared walker, so "-", size caps and read errors
 * behave as in `resorb assess`); --patient loads the patient's whole record from the registry
 * (resorb_store_load_case), located by --db, else $RESORB_DB, else ./resorb.db, opened
 * read-only.
 */
#ifndef RESORB_CLI_FOLLOWUP_INPUT_H
#define RESORB_CLI_FOLLOWUP_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "resorb/case.h"

typedef struct fu_cli_args {
    bool json;
    const char *file; /* NULL with --patient */
    bool has_patient;
    int64_t patient;
    const char *db; /* --db, NULL when not given */
} fu_cli_args;

/* Parses argv[1..]. Returns CLI_OK, CLI_USAGE (after printing the error), or -1 after printing
 * the usage text for --help. */
int fu_cli_parse(resorb_cli *cli, int argc, char **argv, const char *usage_key, fu_cli_args *out);

/* Reads the case named by a into kase (validated). Returns CLI_OK, CLI_INVALID (diagnostics or
 * an unknown patient printed on stderr), or CLI_FAILURE (a file or the registry unreadable).
 * *source is set to the name to use in messages. */
int fu_cli_load(resorb_cli *cli, const fu_cli_args *a, resorb_case *kase, const char **source);

#endif

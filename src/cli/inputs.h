/*
 * cli/inputs.h: walking the case documents named on a command line.
 *
 * Each FILE ("-" = standard input) is one document, or with --ndjson each non-blank line of it
 * is one. The walker reads with bounded memory (cli_read_file, cli_lines) and hands every
 * document to a callback; a document over RESORB_MAX_INPUT_BYTES is handed over as text NULL
 * (not read). Unreadable files are reported here ("resorb: cannot read ...") and make the walk
 * return CLI_FAILURE after the other files were done.
 */
#ifndef RESORB_CLI_INPUTS_H
#define RESORB_CLI_INPUTS_H

#include <stdbool.h>

#include "cli.h"
#include "resorb/case.h"

/* source: the file name; line_no: the NDJSON line (0 for a whole file). Returns a CLI_* code;
 * the walk returns the worst one. */
typedef int (*cli_input_fn)(void *ctx, const char *source, size_t line_no, const char *text,
                            size_t len);

/* on_io_error (may be NULL) is told about each unreadable file, after the message. */
typedef void (*cli_io_error_fn)(void *ctx, const char *source, int err);

int cli_each_input(resorb_cli *cli, char **paths, int n, bool ndjson, cli_input_fn fn,
                   cli_io_error_fn on_io_error, void *ctx);

/* Parses one document handed over by cli_each_input (text NULL: over the size cap) into c,
 * printing its problems on stderr in the stable `resorb validate` format (also the warnings of
 * a valid case; NDJSON positions shifted to the file's line). Returns CLI_OK, CLI_INVALID, or
 * CLI_FAILURE when memory runs out. */
int cli_parse_case(resorb_cli *cli, const char *source, size_t line_no, const char *text,
                   size_t len, resorb_date default_as_of, resorb_case *c, resorb_diags *d);

#endif

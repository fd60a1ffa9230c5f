/* cli/inputs.c: walking the case documents of a command line (see inputs.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "lines.h"
#include "resorb/case.h"

static int worse(int a, int b)
{
    return a > b ? a : b;
}

static void io_error(resorb_cli *cli, const char *source, int err, cli_io_error_fn fn, void *ctx)
{
    const char *args[2] = {source, strerror(err)};
    fputs("resorb: ", cli->err);
    cli_say(cli, cli->err, "validate.error.read", args, 2);
    if (fn)
        fn(ctx, source, err);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static int one_file(resorb_cli *cli, const char *path, cli_input_fn fn, cli_io_error_fn on_err,
                    void *ctx)
{
    char *text = NULL;
    size_t len = 0;
    int rc = cli_read_file(path, RESORB_MAX_INPUT_BYTES, &text, &len);
    if (rc == RESORB_ENOMEM)
        return CLI_FAILURE;
    if (rc != 0) {
        io_error(cli, path, errno, on_err, ctx);
        return CLI_FAILURE;
    }
    rc = len > RESORB_MAX_INPUT_BYTES ? fn(ctx, path, 0, NULL, len) : fn(ctx, path, 0, text, len);
    free(text);
    return rc;
}

static int ndjson_file(resorb_cli *cli, const char *path, cli_input_fn fn,
                       cli_io_error_fn on_err, void *ctx)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    cli_lines lines;
    int status = CLI_OK, rc;
    const char *line;
    size_t len;
    if (!f) {
        io_error(cli, path, errno, on_err, ctx);
        return CLI_FAILURE;
    }
    if (cli_lines_init(&lines, f, RESORB_MAX_INPUT_BYTES) != 0) {
        status = CLI_FAILURE;
        goto done;
    }
    while ((rc = cli_lines_next(&lines, &line, &len)) == 1) {
        if (line && blank(line, len))
            continue; /* blank lines separate nothing in NDJSON */
        status = worse(status, fn(ctx, path, lines.line_no, line, len));
    }
    if (rc < 0) {
        io_error(cli, path, errno, on_err, ctx);
        status = CLI_FAILURE;
    }
done:
    cli_lines_release(&lines);
    if (f != stdin)
        fclose(f);
    return status;
}

int cli_each_input(resorb_cli *cli, char **paths, int n, bool ndjson, cli_input_fn fn,
                   cli_io_error_fn on_io_error, void *ctx)
{
    int status = CLI_OK;
    for (int i = 0; i < n; i++)
        status = worse(status, ndjson ? ndjson_file(cli, paths[i], fn, on_io_error, ctx)
                                       : one_file(cli, paths[i], fn, on_io_error, ctx));
    return status;
}

int cli_parse_case(resorb_cli *cli, const char *source, size_t line_no, const char *text,
                   size_t len, resorb_date default_as_of, resorb_case *c, resorb_diags *d)
{
    resorb_parse_options po = {.default_as_of = default_as_of};
    char line[2048];
    int rc = RESORB_ETOOLARGE;
    resorb_diags_init(d);
    if (text)
        rc = resorb_case_parse(c, text, len, &po, d);
    else
        resorb_case_reject_too_large(d);
    if (rc == RESORB_ENOMEM)
        return CLI_FAILURE;
    for (size_t i = 0; i < d->count; i++) {
        resorb_error *e = &d->items[i];
        if (line_no > 0)
            e->line = e->line > 0 ? (int)line_no + e->line - 1 : (int)line_no;
        resorb_error_format_line(e, source, cli->lang, line, sizeof line);
        fprintf(cli->err, "%s\n", line);
    }
    return rc == 0 ? CLI_OK : CLI_INVALID;
}

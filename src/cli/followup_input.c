/* cli/followup_input.c: the input of `resorb timeline` and `resorb forecast` (followup_input.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup_input.h"
#include "inputs.h"
#include "resorb/error.h"
#include "resorb/store.h"

#define DEFAULT_DB "./resorb.db"

int fu_cli_parse(resorb_cli *cli, int argc, char **argv, const char *usage_key, fu_cli_args *out)
{
    *out = (fu_cli_args){0};
    const char *patient = NULL;
    int files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_say(cli, cli->out, usage_key, NULL, 0);
            return -1;
        }
        if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++, files++)
                out->file = argv[i];
            break;
        }
        if (strcmp(a, "--format") == 0 || strcmp(a, "--patient") == 0 || strcmp(a, "--db") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error(cli, "cli.error.missing_value", a);
            const char *v = argv[++i];
            if (strcmp(a, "--format") == 0) {
                if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
                    return cli_usage_error(cli, "cli.error.bad_value", v);
                out->json = strcmp(v, "json") == 0;
            } else if (strcmp(a, "--patient") == 0) {
                patient = v;
            } else {
                out->db = v;
            }
            continue;
        }
        if (a[0] == '-' && a[1] != '\0')
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        out->file = a;
        files++;
    }
    if (patient) {
        char *end = NULL;
        errno = 0;
        long long id = strtoll(patient, &end, 10);
        if (errno != 0 || end == patient || *end != '\0' || id <= 0)
            return cli_usage_error(cli, "followup.error.bad_patient", patient);
        out->has_patient = true;
        out->patient = (int64_t)id;
    }
    if ((patient ? 1 : 0) + files != 1 || (out->db && !patient)) {
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "followup.error.input", NULL, 0);
        cli_say(cli, cli->err, usage_key, NULL, 0);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* ---- a case file ---- */

typedef struct file_ctx {
    resorb_cli *cli;
    resorb_case *kase;
    resorb_diags diags;
} file_ctx;

static int parse_one(void *vctx, const char *source, size_t line_no, const char *text, size_t len)
{
    file_ctx *x = vctx;
    resorb_parse_options po = {.default_as_of = x->cli->today};
    int rc = RESORB_ETOOLARGE;
    (void)line_no;
    resorb_diags_init(&x->diags);
    if (text)
        rc = resorb_case_parse(x->kase, text, len, &po, &x->diags);
    else
        resorb_case_reject_too_large(&x->diags);
    if (rc == RESORB_ENOMEM)
        return CLI_FAILURE;
    if (rc != 0 || x->diags.warnings > 0) {
        char line[2048];
        for (size_t i = 0; i < x->diags.count; i++) {
            resorb_error_format_line(&x->diags.items[i], source, x->cli->lang, line, sizeof line);
            fprintf(x->cli->err, "%s\n", line);
        }
    }
    return rc == 0 ? CLI_OK : CLI_INVALID;
}

static int load_file(resorb_cli *cli, const char *path, resorb_case *kase)
{
    file_ctx *x = malloc(sizeof *x);
    if (!x)
        return CLI_FAILURE;
    x->cli = cli;
    x->kase = kase;
    char *paths[1] = {(char *)path};
    int status = cli_each_input(cli, paths, 1, false, parse_one, NULL, x);
    free(x);
    return status;
}

/* ---- the registry ---- */

static int load_patient(resorb_cli *cli, const fu_cli_args *a, resorb_case *kase,
                        const char **source)
{
    const char *db = a->db;
    if (!db) {
        const char *env = getenv("RESORB_DB");
        db = env && *env ? env : DEFAULT_DB;
    }
    *source = db;
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)a->patient);
    resorb_store *s = NULL;
    resorb_store_error err = {0};
    int status = CLI_FAILURE;
    int rc = resorb_store_open(&s, db, RESORB_STORE_READONLY, &err);
    char detail[512];
    if (rc != 0) {
        resorb_store_error_message(&err, cli->lang, detail, sizeof detail);
        const char *args[2] = {db, detail};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "followup.error.store_open", args, 2);
        goto done;
    }
    rc = resorb_store_load_case(s, a->patient, kase, &err);
    if (rc == RESORB_ENOTFOUND) {
        const char *args[2] = {id, db};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "followup.error.not_found", args, 2);
        status = CLI_INVALID;
        goto done;
    }
    if (rc != 0) {
        resorb_store_error_message(&err, cli->lang, detail, sizeof detail);
        const char *args[3] = {id, db, detail};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "followup.error.store_load", args, 3);
        goto done;
    }
    status = CLI_OK;
done:
    resorb_store_close(s);
    return status;
}

int fu_cli_load(resorb_cli *cli, const fu_cli_args *a, resorb_case *kase, const char **source)
{
    if (a->has_patient)
        return load_patient(cli, a, kase, source);
    *source = a->file;
    return load_file(cli, a->file, kase);
}

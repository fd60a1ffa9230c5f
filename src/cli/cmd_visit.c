/*
 * cli/cmd_visit.c: adding to a patient's record.
 *
 *   resorb visit add ID FILE    FILE holds one visit object, as an item of a case's visits[]
 *   resorb study add ID FILE    FILE holds one imaging study object, as an item of imaging[]
 *
 * The object is checked exactly as inside a case (same diagnostics as `resorb validate`, paths
 * relative to the object), then against the record: a visit may not be dated before the last
 * visit, a record holds at most 64 visits and 16 studies, and a date before onset is a warning.
 * A date after the record's as_of moves as_of forward. Exit 0 when added; 2 when the object
 * is invalid or there is no such patient, and then nothing is written; 3 on an I/O failure.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store_util.h"

typedef enum item_kind { ITEM_VISIT, ITEM_STUDY } item_kind;

static int add_item(cli_store *st, item_kind kind, const char *id_text, const char *path)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_diags *d = NULL;
    resorb_visit *visit = NULL;
    resorb_study *study = NULL;
    char *text = NULL;
    size_t len = 0;
    int64_t id = 0;
    int status, rc;
    if ((status = cli_store_patient_id(st, id_text, &id)) != CLI_OK)
        return status;
    d = malloc(sizeof *d);
    visit = kind == ITEM_VISIT ? malloc(sizeof *visit) : NULL;
    study = kind == ITEM_STUDY ? malloc(sizeof *study) : NULL;
    if (!d || (!visit && !study)) {
        status = CLI_FAILURE;
        goto done;
    }
    rc = cli_read_file(path, RESORB_MAX_INPUT_BYTES, &text, &len);
    if (rc != 0) {
        const char *args[2] = {path, strerror(rc == RESORB_ENOMEM ? ENOMEM : errno)};
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "validate.error.read", args, 2);
        status = CLI_FAILURE;
        goto done;
    }
    resorb_diags_init(d);
    if (len > RESORB_MAX_INPUT_BYTES) {
        resorb_case_reject_too_large(d);
        rc = RESORB_ETOOLARGE;
    } else {
        rc = kind == ITEM_VISIT ? resorb_case_parse_visit(visit, text, len, d)
                                : resorb_case_parse_study(study, text, len, d);
    }
    if (rc == RESORB_ENOMEM) {
        status = CLI_FAILURE;
        goto done;
    }
    if (rc != 0) {
        cli_store_diagnostics(st, d, path, 0, false);
        status = CLI_INVALID;
        goto done;
    }
    if ((status = cli_store_open(st, 0, &s)) != CLI_OK)
        goto done;
    resorb_diags_init(d);
    rc = kind == ITEM_VISIT ? resorb_store_add_visit(s, id, visit, st->actor, d, &err)
                            : resorb_store_add_study(s, id, study, st->actor, d, &err);
    cli_store_diagnostics(st, d, path, 0, false);
    if (rc != 0) {
        /* A rule of the record failed: its diagnostic says which; else the store's error. */
        status = d->errors > 0 ? CLI_INVALID : cli_store_fail(st, &err);
        goto done;
    }
    char date[RESORB_DATE_TEXT];
    resorb_date_format(kind == ITEM_VISIT ? visit->date : study->date, date);
    const char *args[3] = {path, date, id_text};
    cli_say(st->cli, st->cli->out, kind == ITEM_VISIT ? "store.visit.added" : "store.study.added",
            args, 3);
done:
    resorb_store_close(s);
    free(text);
    free(d);
    free(visit);
    free(study);
    return status;
}

static int item_command(resorb_cli *cli, int argc, char **argv, item_kind kind)
{
    cli_store st;
    const char *usage = kind == ITEM_VISIT ? "store.usage.visit" : "store.usage.study";
    const char *pos[3] = {NULL, NULL, NULL};
    int npos = 0, status = cli_store_init(&st, cli, &argc, argv);
    bool dashdash = false;
    if (status != CLI_OK)
        return status;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!dashdash && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            cli_store_usage(&st, usage, true);
            return CLI_OK;
        }
        if (!dashdash && strcmp(a, "--") == 0) {
            dashdash = true;
            continue;
        }
        if (!dashdash && a[0] == '-' && a[1])
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        if (npos >= 3)
            return cli_usage_error(cli, "store.error.extra_argument", a);
        pos[npos++] = a;
    }
    if (npos == 0)
        return cli_store_usage(&st, usage, false);
    if (strcmp(pos[0], "add") != 0)
        return cli_usage_error(cli, "store.error.unknown_verb", pos[0]);
    if (npos < 3)
        return cli_store_usage(&st, usage, false);
    return add_item(&st, kind, pos[1], pos[2]);
}

int resorb_cli_visit(resorb_cli *cli, int argc, char **argv)
{
    return item_command(cli, argc, argv, ITEM_VISIT);
}

int resorb_cli_study(resorb_cli *cli, int argc, char **argv)
{
    return item_command(cli, argc, argv, ITEM_STUDY);
}

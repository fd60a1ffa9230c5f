/* cli/store_util.c: shared by the registry subcommands (see store_util.h). */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_util.h"

static void actor_name(char *out, size_t n)
{
    struct passwd pw, *found = NULL;
    char buf[4096];
    uid_t uid = geteuid();
    if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found && found->pw_name &&
        *found->pw_name)
        snprintf(out, n, "%s", found->pw_name);
    else
        snprintf(out, n, "uid:%lu", (unsigned long)uid);
}

int cli_store_init(cli_store *st, resorb_cli *cli, int *argc, char **argv)
{
    int j = 1;
    const char *db = NULL;
    st->cli = cli;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[j++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= *argc || !*argv[i + 1])
                return cli_usage_error(cli, "cli.error.missing_value", "--db");
            db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            if (!argv[i][5])
                return cli_usage_error(cli, "cli.error.missing_value", "--db");
            db = argv[i] + 5;
        } else {
            argv[j++] = argv[i];
        }
    }
    *argc = j;
    argv[j] = NULL;
    if (!db) {
        const char *env = getenv("RESORB_DB");
        db = env && *env ? env : "resorb.db";
    }
    st->db = db;
    actor_name(st->actor, sizeof st->actor);
    return CLI_OK;
}

int cli_store_fail(cli_store *st, const resorb_store_error *err)
{
    char msg[1024];
    resorb_store_error_message(err, st->cli->lang, msg, sizeof msg);
    fprintf(st->cli->err, "resorb: %s\n", msg);
    switch (err->code) {
    case RESORB_EUSAGE:
        return CLI_USAGE;
    case RESORB_EINVALID:
    case RESORB_ENOTFOUND:
        return CLI_INVALID;
    default:
        return CLI_FAILURE;
    }
}

int cli_store_open(cli_store *st, unsigned flags, resorb_store **out)
{
    resorb_store_error err;
    resorb_store_options o = {.flags = flags, .actor = st->actor};
    const char *quota = getenv("RESORB_DB_MAX_BYTES");
    if (quota && *quota) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(quota, &end, 10);
        if (errno != 0 || !end || *end || v <= 0)
            return cli_usage_error(st->cli, "store.error.bad_quota", quota);
        o.max_bytes = v;
    }
    if (resorb_store_open_with(out, st->db, &o, &err) != 0)
        return cli_store_fail(st, &err);
    return CLI_OK;
}

int cli_store_patient_id(cli_store *st, const char *text, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (!*text || errno != 0 || !end || *end || v <= 0 || text[0] == '+' || text[0] == ' ')
        return cli_usage_error(st->cli, "store.error.bad_id", text);
    *out = v;
    return CLI_OK;
}

void cli_store_diagnostics(cli_store *st, resorb_diags *d, const char *source, size_t line_no,
                           bool errors_only)
{
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        resorb_error *e = &d->items[i];
        if (errors_only && e->severity != RESORB_SEV_ERROR)
            continue;
        if (line_no > 0)
            e->line = e->line > 0 ? (int)line_no + e->line - 1 : (int)line_no;
        resorb_error_format_line(e, source, st->cli->lang, line, sizeof line);
        fprintf(st->cli->err, "%s\n", line);
    }
    if (d->dropped > 0) {
        resorb_error extra;
        resorb_error_clear(&extra);
        extra.code = RESORB_EINVALID;
        extra.problem = RESORB_P_TOO_MANY_ERRORS;
        extra.line = line_no > 0 ? (int)line_no : 0;
        snprintf(extra.args[0], sizeof extra.args[0], "%zu", d->dropped);
        resorb_error_format_line(&extra, source, st->cli->lang, line, sizeof line);
        fprintf(st->cli->err, "%s\n", line);
    }
}

int cli_store_usage(cli_store *st, const char *key, bool help)
{
    if (help) {
        cli_say(st->cli, st->cli->out, key, NULL, 0);
        return -1;
    }
    fputs("resorb: ", st->cli->err);
    cli_say(st->cli, st->cli->err, key, NULL, 0);
    return CLI_USAGE;
}

int cli_store_write_file(void *ctx, const char *data, size_t len)
{
    FILE *f = ctx;
    return fwrite(data, 1, len, f) == len ? 0 : RESORB_EIO;
}

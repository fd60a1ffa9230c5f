/* cli/main.c: `resorb [--lang en|ja] [--db FILE] COMMAND ...`: global options and dispatch. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "resorb/version.h"

static resorb_date today_utc(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!gmtime_r(&now, &tm))
        return RESORB_DATE_NONE;
    return resorb_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void print_help(resorb_cli *cli, FILE *f)
{
    cli_say(cli, f, "cli.usage", NULL, 0);
    for (const resorb_cli_command *c = resorb_cli_commands; c->name; c++)
        fprintf(f, "  %-10s %s\n", c->name, resorb_msg(cli->lang, c->summary_key));
    cli_say(cli, f, "cli.usage.footer", NULL, 0);
}

/* Removes the global options (--lang X, --lang=X) from argv wherever they are, so that every
 * subcommand accepts them. Returns CLI_OK or CLI_USAGE. */
static int take_global_options(resorb_cli *cli, int *argc, char **argv)
{
    int j = 1;
    for (int i = 1; i < *argc; i++) {
        const char *value = NULL;
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc)
                argv[j++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--lang") == 0) {
            if (i + 1 >= *argc)
                return cli_usage_error(cli, "cli.error.missing_value", "--lang");
            value = argv[++i];
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            value = argv[i] + 7;
        } else {
            argv[j++] = argv[i];
            continue;
        }
        if (resorb_lang_parse(value, &cli->lang) != 0 ||
            (strcmp(value, "en") != 0 && strcmp(value, "ja") != 0))
            return cli_usage_error(cli, "cli.error.bad_lang", value);
    }
    *argc = j;
    argv[j] = NULL;
    return CLI_OK;
}

/* `resorb --db FILE COMMAND ...` means `resorb COMMAND --db FILE ...`: a --db (or --db=FILE)
 * before the command moves to just after it, where the registry commands read it (and any
 * other command refuses it as an option it does not take). Returns CLI_OK or CLI_USAGE. */
static int move_leading_db(resorb_cli *cli, int argc, char **argv)
{
    int n = 0; /* the --db tokens before the command */
    while (1 + n < argc) {
        const char *a = argv[1 + n];
        if (strcmp(a, "--db") == 0) {
            if (2 + n >= argc)
                return cli_usage_error(cli, "cli.error.missing_value", "--db");
            n += 2;
        } else if (strncmp(a, "--db=", 5) == 0) {
            n += 1;
        } else {
            break;
        }
    }
    if (n == 0 || 1 + n >= argc)
        return CLI_OK; /* nothing to move, or no command: the help says what is missing */
    char *command = argv[1 + n];
    memmove(argv + 2, argv + 1, (size_t)n * sizeof *argv);
    argv[1] = command;
    return CLI_OK;
}

int main(int argc, char **argv)
{
    resorb_cli cli = {
        .lang = resorb_lang_from_locale(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")),
        .out = stdout,
        .err = stderr,
        .today = today_utc(),
        .prog = "resorb",
    };
    int rc = take_global_options(&cli, &argc, argv);
    if (rc == CLI_OK)
        rc = move_leading_db(&cli, argc, argv);
    if (rc != CLI_OK)
        return rc;
    if (argc < 2 || strncmp(argv[1], "--db", 4) == 0) { /* no command (after a --db) */
        print_help(&cli, stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        print_help(&cli, stdout);
        return CLI_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("resorb %s\n", resorb_version());
        return CLI_OK;
    }
    for (const resorb_cli_command *c = resorb_cli_commands; c->name; c++)
        if (strcmp(c->name, cmd) == 0)
            return c->run(&cli, argc - 1, argv + 1);
    return cli_usage_error(&cli, "cli.error.unknown_command", cmd);
}

/*
 * cli/cmd_serve.c: `resorb serve [--listen HOST:PORT] [--db FILE] [--allow-anonymous-assess]
 *                               [--threads N] [--max-connections N] [--timeout SECONDS]`
 *
 * The registry (users, sessions, patients) is --db FILE, else $RESORB_DB, else ./resorb.db,
 * as for the other registry commands (store_util.h); the server opens it per request.
 *
 * Starts the HTTP server (src/server/), prints its URL on standard output and serves until
 * SIGTERM or SIGINT, then stops gracefully and exits 0. The access log (one JSON line per
 * request) goes to standard error.
 *
 * Signals without a handler: before any thread exists we block SIGTERM and SIGINT, so every
 * thread libmicrohttpd starts inherits the mask and none of them is ever interrupted; this
 * (main) thread then waits for them with sigwait(). The whole shutdown runs as ordinary code
 * after sigwait returns, so nothing happens in signal context and the program keeps no global
 * state at all for signals (no flag, no self-pipe). The dispositions are reset to the default
 * first, because a shell starts background jobs with SIGINT ignored, and POSIX leaves it
 * unspecified whether an ignored signal stays pending while it is blocked. SIGPIPE is ignored: a
 * client that goes away must not kill the server (libmicrohttpd also sends with MSG_NOSIGNAL).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "resorb/error.h"
#include "server/server.h"
#include "store_util.h"

/* Parses a decimal option value in [lo, hi]. */
static int number_option(resorb_cli *cli, const char *opt, const char *v, unsigned lo, unsigned hi,
                         unsigned *out)
{
    char *end = NULL;
    errno = 0;
    long n = v ? strtol(v, &end, 10) : -1;
    if (!v || end == v || *end != '\0' || errno != 0 || n < (long)lo || n > (long)hi) {
        char range[48];
        snprintf(range, sizeof range, "%u-%u", lo, hi);
        const char *args[3] = {opt, v ? v : "", range};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "server.error.bad_number", args, 3);
        return CLI_USAGE;
    }
    *out = (unsigned)n;
    return CLI_OK;
}

static int parse_args(resorb_cli *cli, int argc, char **argv, resorb_server_config *cfg)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = CLI_OK;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_say(cli, cli->out, "server.usage", NULL, 0);
            return -1;
        } else if (strcmp(a, "--allow-anonymous-assess") == 0) {
            cfg->allow_anonymous_assess = true;
            continue;
        } else if (strcmp(a, "--listen") != 0 && strcmp(a, "--threads") != 0 &&
                   strcmp(a, "--max-connections") != 0 && strcmp(a, "--timeout") != 0) {
            return cli_usage_error(
                cli, a[0] == '-' ? "cli.error.unknown_option" : "server.error.extra_argument", a);
        }
        if (!v)
            return cli_usage_error(cli, "cli.error.missing_value", a);
        i++;
        if (strcmp(a, "--listen") == 0)
            cfg->listen = v;
        else if (strcmp(a, "--threads") == 0)
            rc = number_option(cli, a, v, 1, RESORB_SERVER_MAX_THREADS, &cfg->threads);
        else if (strcmp(a, "--max-connections") == 0)
            rc = number_option(cli, a, v, 1, RESORB_SERVER_MAX_CONNECTIONS, &cfg->max_connections);
        else
            rc = number_option(cli, a, v, 1, RESORB_SERVER_MAX_TIMEOUT, &cfg->timeout_s);
        if (rc != CLI_OK)
            return rc;
    }
    if (cfg->max_connections < cfg->threads) {
        char t[16];
        snprintf(t, sizeof t, "%u", cfg->threads);
        return cli_usage_error(cli, "server.error.connections_below_threads", t);
    }
    return CLI_OK;
}

int resorb_cli_serve(resorb_cli *cli, int argc, char **argv)
{
    resorb_server_config cfg = {
        .listen = RESORB_SERVER_DEFAULT_LISTEN,
        .threads = RESORB_SERVER_DEFAULT_THREADS,
        .max_connections = RESORB_SERVER_DEFAULT_CONNECTIONS,
        .timeout_s = RESORB_SERVER_DEFAULT_TIMEOUT,
        .log_fd = 2,
    };
    resorb_server *server = NULL;
    cli_store st;
    int status = cli_store_init(&st, cli, &argc, argv);
    if (status != CLI_OK)
        return status;
    cfg.db = st.db;
    status = parse_args(cli, argc, argv, &cfg);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;

    sigset_t stop;
    struct sigaction dfl = {0}, ign = {0};
    dfl.sa_handler = SIG_DFL;
    ign.sa_handler = SIG_IGN;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    if (sigaction(SIGTERM, &dfl, NULL) != 0 || sigaction(SIGINT, &dfl, NULL) != 0 ||
        sigaction(SIGPIPE, &ign, NULL) != 0 || pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0) {
        const char *args[2] = {cfg.listen, strerror(errno)};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "server.error.start", args, 2);
        return CLI_FAILURE;
    }

    int sys_errno = 0;
    int rc = resorb_server_start(&server, &cfg, &sys_errno);
    if (rc != 0) {
        const char *why = rc == RESORB_ENOMEM ? strerror(ENOMEM)
                          : sys_errno         ? strerror(sys_errno)
                                              : "";
        const char *args[2] = {cfg.listen, why};
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, rc == RESORB_EUSAGE ? "server.error.listen" : "server.error.start",
                args, rc == RESORB_EUSAGE ? 1 : 2);
        status = rc == RESORB_EUSAGE ? CLI_USAGE : CLI_FAILURE;
        goto done;
    }
    const char *url = resorb_server_url(server);
    resorb_server_log_event(server, "start", "url", url);
    const char *args[1] = {url};
    cli_say(cli, cli->out,
            cfg.allow_anonymous_assess ? "server.listening.anonymous" : "server.listening", args,
            1);
    fflush(cli->out);

    /* The set holds only SIGTERM and SIGINT, so sigwait returns with one of them. */
    int sig = SIGTERM;
    if (sigwait(&stop, &sig) != 0)
        sig = SIGTERM;
    resorb_server_log_event(server, "stop", "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    resorb_server_stop(server);
    server = NULL;
    status = CLI_OK;
done:
    resorb_server_stop(server);
    return status;
}

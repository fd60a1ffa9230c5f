/*
 * cli/cmd_serve.c: `resorb serve [--listen HOST:PORT] [--db FILE] [--allow-anonymous-assess]
 *                               [--max-connections N] [--timeout SECONDS]
 *                               [--tls-cert FILE --tls-key FILE | --behind-tls-proxy]`
 *
 * TLS: --tls-cert and --tls-key (both or neither) name PEM files, read here (at most
 * RESORB_SERVER_TLS_FILE_MAX bytes each, text with the BEGIN line of a certificate or a private
 * key) and handed to the server in memory; the key is wiped (sodium_memzero) and freed as soon
 * as the server has started, since GnuTLS keeps its own parsed copy. --behind-tls-proxy is for
 * plain HTTP behind a TLS-terminating proxy that is the only way in: cookies become Secure and
 * responses carry HSTS, as with TLS (docs/operations.md#tls).
 *
 * The registry (users, sessions, patients) is --db FILE, else $RESORB_DB, else ./resorb.db,
 * as for the other registry commands (store_util.h); the server opens it when a request needs
 * it and keeps a few handles open between requests.
 *
 * Starts the HTTP server (src/server/), prints its URL on standard output and serves until
 * SIGTERM or SIGINT, then stops gracefully and exits 0. The access log (one JSON line per
 * request) goes to standard error.
 *
 * Signals without a handler: before any thread exists we block SIGTERM and SIGINT, so every
 * thread the server starts (its accept loop, libmicrohttpd's, one per connection) inherits the
 * mask and none of them is ever interrupted; this
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
#include "server/auth.h"
#include "server/server.h"
#include "store_util.h"

/* Prints "resorb: MESSAGE" on stderr and returns status. */
static int serve_error(resorb_cli *cli, const char *key, const char *const *args, size_t nargs,
                       int status)
{
    fputs("resorb: ", cli->err);
    cli_say(cli, cli->err, key, args, nargs);
    return status;
}

/* Whether text has the BEGIN line of a certificate, or (key) of a private key of any kind
 * ("-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", ...). */
static bool pem_begins(const char *text, bool key)
{
    if (!key)
        return strstr(text, "-----BEGIN CERTIFICATE-----") != NULL;
    for (const char *p = text; (p = strstr(p, "-----BEGIN ")) != NULL; p++) {
        const char *eol = strchr(p, '\n'), *k = strstr(p, "PRIVATE KEY-----");
        if (k && (!eol || k < eol))
            return true;
    }
    return false;
}

/* Reads the PEM file path of option opt into *out (NUL-terminated, *len bytes); the caller
 * frees it (and wipes it first when it is the key) also after a failure. */
static int read_pem(resorb_cli *cli, const char *opt, const char *path, bool key, char **out,
                    size_t *len)
{
    char max[24];
    const char *args[3] = {opt, path, NULL};
    int rc = cli_read_file(path, RESORB_SERVER_TLS_FILE_MAX, out, len);
    if (rc != 0) {
        args[2] = strerror(rc == RESORB_ENOMEM ? ENOMEM : errno);
        return serve_error(cli, "server.error.tls_read", args, 3, CLI_FAILURE);
    }
    if (*len > RESORB_SERVER_TLS_FILE_MAX) {
        snprintf(max, sizeof max, "%d", RESORB_SERVER_TLS_FILE_MAX);
        args[2] = max;
        return serve_error(cli, "server.error.tls_too_large", args, 3, CLI_INVALID);
    }
    if (memchr(*out, '\0', *len) || !pem_begins(*out, key))
        return serve_error(cli, key ? "server.error.tls_not_key" : "server.error.tls_not_cert",
                           args, 2, CLI_INVALID);
    return CLI_OK;
}

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
        return serve_error(cli, "server.error.bad_number", args, 3, CLI_USAGE);
    }
    *out = (unsigned)n;
    return CLI_OK;
}

/* tls[0], tls[1]: the paths of --tls-cert and --tls-key (NULL when not given). */
static int parse_args(resorb_cli *cli, int argc, char **argv, resorb_server_config *cfg,
                      const char *tls[2])
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
        } else if (strcmp(a, "--behind-tls-proxy") == 0) {
            cfg->behind_tls_proxy = true;
            continue;
        } else if (strcmp(a, "--threads") == 0) {
            /* Gone with the thread pool: say so rather than "unknown option". */
            return cli_usage_error(cli, "server.error.threads_gone", a);
        } else if (strcmp(a, "--listen") != 0 && strcmp(a, "--max-connections") != 0 &&
                   strcmp(a, "--timeout") != 0 && strcmp(a, "--tls-cert") != 0 &&
                   strcmp(a, "--tls-key") != 0) {
            return cli_usage_error(
                cli, a[0] == '-' ? "cli.error.unknown_option" : "server.error.extra_argument", a);
        }
        if (!v)
            return cli_usage_error(cli, "cli.error.missing_value", a);
        i++;
        if (strcmp(a, "--listen") == 0)
            cfg->listen = v;
        else if (strcmp(a, "--tls-cert") == 0)
            tls[0] = v;
        else if (strcmp(a, "--tls-key") == 0)
            tls[1] = v;
        else if (strcmp(a, "--max-connections") == 0)
            rc = number_option(cli, a, v, 1, RESORB_SERVER_MAX_CONNECTIONS, &cfg->max_connections);
        else
            rc = number_option(cli, a, v, 1, RESORB_SERVER_MAX_TIMEOUT, &cfg->timeout_s);
        if (rc != CLI_OK)
            return rc;
    }
    if (!tls[0] != !tls[1])
        return cli_usage_error(cli, "server.error.tls_pair", tls[0] ? "--tls-key" : "--tls-cert");
    return CLI_OK;
}

int resorb_cli_serve(resorb_cli *cli, int argc, char **argv)
{
    resorb_server_config cfg = {
        .listen = RESORB_SERVER_DEFAULT_LISTEN,
        .max_connections = RESORB_SERVER_DEFAULT_CONNECTIONS,
        .timeout_s = RESORB_SERVER_DEFAULT_TIMEOUT,
        .log_fd = 2,
    };
    resorb_server *server = NULL;
    const char *tls[2] = {NULL, NULL};
    char *cert = NULL, *key = NULL;
    size_t cert_len = 0, key_len = 0;
    cli_store st;
    int status = cli_store_init(&st, cli, &argc, argv);
    if (status != CLI_OK)
        return status;
    cfg.db = st.db;
    status = parse_args(cli, argc, argv, &cfg, tls);
    if (status != CLI_OK)
        return status < 0 ? CLI_OK : status;
    if (tls[0]) {
        if (!resorb_server_tls_supported()) {
            status = serve_error(cli, "server.error.tls_unsupported", NULL, 0, CLI_FAILURE);
            goto done;
        }
        if ((status = read_pem(cli, "--tls-cert", tls[0], false, &cert, &cert_len)) != CLI_OK ||
            (status = read_pem(cli, "--tls-key", tls[1], true, &key, &key_len)) != CLI_OK)
            goto done;
        cfg.tls_cert = cert;
        cfg.tls_key = key;
    }

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
        status = serve_error(cli, "server.error.start", args, 2, CLI_FAILURE);
        goto done;
    }

    resorb_server_failure why = {0};
    int rc = resorb_server_start(&server, &cfg, &why);
    /* GnuTLS has its own copy of the key now (or refused it): ours goes. */
    resorb_auth_wipe(key, key_len);
    free(key);
    key = NULL;
    cfg.tls_key = NULL;
    if (rc == RESORB_EINVALID) {
        char no_reason[128];
        resorb_msg_format(no_reason, sizeof no_reason, cli->lang, "server.error.tls_no_reason",
                          NULL, 0);
        const char *args[3] = {tls[0], tls[1], why.message[0] ? why.message : no_reason};
        status = serve_error(cli, "server.error.tls_refused", args, 3, CLI_INVALID);
        goto done;
    } else if (rc != 0) {
        const char *reason = rc == RESORB_ENOMEM ? strerror(ENOMEM)
                             : why.sys_errno     ? strerror(why.sys_errno)
                                                 : why.message;
        const char *args[2] = {cfg.listen, reason};
        status = serve_error(
            cli, rc == RESORB_EUSAGE ? "server.error.listen" : "server.error.start", args,
            rc == RESORB_EUSAGE ? 1 : 2, rc == RESORB_EUSAGE ? CLI_USAGE : CLI_FAILURE);
        goto done;
    }
    free(cert);
    cert = NULL;
    cfg.tls_cert = NULL;
    const char *url = resorb_server_url(server);
    resorb_server_log_event(server, "start", "url", url);
    const char *args[1] = {url};
    cli_say(cli, cli->out,
            cfg.allow_anonymous_assess ? "server.listening.anonymous" : "server.listening", args,
            1);
    if (cfg.behind_tls_proxy && !tls[0])
        cli_say(cli, cli->out, "server.listening.behind_tls_proxy", NULL, 0);
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
    resorb_auth_wipe(key, key_len);
    free(key);
    free(cert);
    return status;
}

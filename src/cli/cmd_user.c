/*
 * cli/cmd_user.c: the users of the server (docs/api.md#authentication, docs/operations.md).
 *
 *   resorb user add NAME --role viewer|clinician|admin [--db FILE]
 *   resorb user list [--db FILE]
 *   resorb user token NAME [--db FILE]
 *   resorb user tokens NAME [--db FILE]
 *   resorb user revoke NAME --token-id ID | --all [--db FILE]
 *
 * add reads the password from the first line of standard input (not echoed: nothing is
 * prompted) and stores only its argon2id hash; it creates the database when there is none,
 * so the first admin is created on a fresh install. token prints a new bearer token for an API
 * client on standard output, once: the registry keeps only its SHA-256. tokens lists a user's
 * unexpired tokens by id (the digest's first 12 hex digits: a hash, safe to show); revoke
 * removes one of them by id (a prefix that must name exactly one), or with --all every token
 * and browser session of the user, who is then signed out everywhere. Every write is audited
 * with the OS user as actor, as the other registry commands do.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "server/auth.h"
#include "store_util.h"

static int read_password(cli_store *st, char *buf, size_t cap, size_t *len)
{
    if (!fgets(buf, (int)cap, stdin)) {
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "auth.error.no_password", NULL, 0);
        return CLI_INVALID;
    }
    size_t n = strlen(buf);
    bool line_end = n > 0 && buf[n - 1] == '\n';
    if (!line_end && n == cap - 1 && !feof(stdin)) {
        char max[16];
        snprintf(max, sizeof max, "%zu", cap - 2);
        const char *args[1] = {max};
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "auth.error.password_too_long", args, 1);
        return CLI_INVALID;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    if (n == 0) {
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "auth.error.no_password", NULL, 0);
        return CLI_INVALID;
    }
    *len = n;
    return CLI_OK;
}

static int user_add(cli_store *st, const char *name, const char *role)
{
    char pw[RESORB_AUTH_PASSWORD_MAX + 2], hash[RESORB_AUTH_HASH_MAX];
    size_t len = 0;
    resorb_store *s = NULL;
    resorb_store_error err;
    if (!resorb_store_user_name_valid(name))
        return cli_usage_error(st->cli, "auth.error.bad_user", name);
    if (!resorb_store_role_valid(role))
        return cli_usage_error(st->cli, "auth.error.bad_role", role);
    int status = read_password(st, pw, sizeof pw, &len);
    if (status != CLI_OK)
        return status;
    int rc = resorb_auth_hash_password(pw, len, hash);
    memset(pw, 0, sizeof pw);
    if (rc != 0) {
        fputs("resorb: ", st->cli->err);
        cli_say(st->cli, st->cli->err, "auth.error.crypto", NULL, 0);
        return CLI_FAILURE;
    }
    if ((status = cli_store_open(st, RESORB_STORE_CREATE, &s)) != CLI_OK)
        return status;
    if (resorb_store_user_add(s, name, role, hash, st->actor, &err) != 0) {
        status = cli_store_fail(st, &err);
    } else {
        const char *args[2] = {name, role};
        cli_say(st->cli, st->cli->out, "auth.user.added", args, 2);
    }
    resorb_store_close(s);
    return status;
}

static int print_user(void *ctx, const resorb_store_user *u)
{
    fprintf(ctx, "%s\t%s\t%s\n", u->name, u->role, u->created_at);
    return 0;
}

static int user_list(cli_store *st)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    int status = cli_store_open(st, RESORB_STORE_READONLY, &s);
    if (status != CLI_OK)
        return status;
    fputs("name\trole\tcreated_at\n", st->cli->out);
    if (resorb_store_user_list(s, print_user, st->cli->out, &err) != 0)
        status = cli_store_fail(st, &err);
    resorb_store_close(s);
    return status;
}

static int user_token(cli_store *st, const char *name)
{
    char secret[RESORB_AUTH_SECRET_HEX], digest[RESORB_AUTH_DIGEST_HEX];
    resorb_store *s = NULL;
    resorb_store_error err;
    int status = cli_store_open(st, 0, &s);
    if (status != CLI_OK)
        return status;
    resorb_auth_new_secret(secret);
    resorb_auth_digest(secret, strlen(secret), digest);
    if (resorb_store_credential_add(s, name, "token", digest, NULL, st->actor, &err) != 0)
        status = cli_store_fail(st, &err);
    else
        fprintf(st->cli->out, "%s\n", secret);
    memset(secret, 0, sizeof secret);
    resorb_store_close(s);
    return status;
}

static int print_token(void *ctx, const resorb_store_credential *c)
{
    fprintf(ctx, "%s\t%s\t%s\n", c->id, c->created_at, c->expires_at[0] ? c->expires_at : "never");
    return 0;
}

static int user_tokens(cli_store *st, const char *name)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_store_user u;
    int status = cli_store_open(st, RESORB_STORE_READONLY, &s);
    if (status != CLI_OK)
        return status;
    /* The user first, so that an unknown one is an error before the header is printed. */
    if (resorb_store_user_get(s, name, &u, NULL, &err) != 0) {
        status = cli_store_fail(st, &err);
    } else {
        fputs("id\tcreated_at\texpires_at\n", st->cli->out);
        if (resorb_store_credential_list(s, name, "token", print_token, st->cli->out, &err) != 0)
            status = cli_store_fail(st, &err);
    }
    resorb_store_close(s);
    return status;
}

/* token_id: one token by id; NULL: every token and session (--all). */
static int user_revoke(cli_store *st, const char *name, const char *token_id)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    size_t tokens = 0, sessions = 0;
    int status = cli_store_open(st, 0, &s);
    if (status != CLI_OK)
        return status;
    int rc = token_id
                 ? resorb_store_token_revoke(s, name, token_id, st->actor, &err)
                 : resorb_store_credential_revoke_all(s, name, st->actor, &tokens, &sessions, &err);
    if (rc != 0) {
        status = cli_store_fail(st, &err);
    } else if (token_id) {
        const char *args[2] = {token_id, name};
        cli_say(st->cli, st->cli->out, "auth.user.token_revoked", args, 2);
    } else {
        char t[24], n[24];
        snprintf(t, sizeof t, "%zu", tokens);
        snprintf(n, sizeof n, "%zu", sessions);
        const char *args[3] = {name, t, n};
        cli_say(st->cli, st->cli->out, "auth.user.all_revoked", args, 3);
    }
    resorb_store_close(s);
    return status;
}

/* Whether argv[*i] is option name, as "NAME VALUE" (then *i moves to the value) or
 * "NAME=VALUE": 1 and *value, 0 when it is another argument, -1 when the value is missing. */
static int option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0 || (a[n] != '\0' && a[n] != '='))
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

int resorb_cli_user(resorb_cli *cli, int argc, char **argv)
{
    cli_store st;
    const char *pos[2] = {NULL, NULL}, *role = NULL, *token_id = NULL;
    bool all = false;
    int npos = 0;
    int status = cli_store_init(&st, cli, &argc, argv);
    if (status != CLI_OK)
        return status;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int got = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_store_usage(&st, "auth.usage.user", true);
            return CLI_OK;
        } else if ((got = option_value(argc, argv, &i, "--role", &role)) != 0 ||
                   (got = option_value(argc, argv, &i, "--token-id", &token_id)) != 0) {
            if (got < 0)
                return cli_usage_error(cli, "cli.error.missing_value", a);
        } else if (strcmp(a, "--all") == 0) {
            all = true;
        } else if (strcmp(a, "--") == 0) {
            continue;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        } else if (npos < 2) {
            pos[npos++] = a;
        } else {
            return cli_usage_error(cli, "store.error.extra_argument", a);
        }
    }
    if (!pos[0])
        return cli_store_usage(&st, "auth.usage.user", false);
    if (resorb_auth_init() != 0) {
        fputs("resorb: ", cli->err);
        cli_say(cli, cli->err, "auth.error.crypto", NULL, 0);
        return CLI_FAILURE;
    }
    const char *verb = pos[0];
    bool revoke = strcmp(verb, "revoke") == 0;
    bool takes_name = strcmp(verb, "add") == 0 || strcmp(verb, "token") == 0 ||
                      strcmp(verb, "tokens") == 0 || revoke;
    if (strcmp(verb, "list") == 0 && pos[1])
        return cli_usage_error(cli, "store.error.extra_argument", pos[1]);
    if (takes_name && !pos[1])
        return cli_store_usage(&st, "auth.usage.user", false);
    if (role && strcmp(verb, "add") != 0)
        return cli_usage_error(cli, "store.error.extra_argument", "--role");
    if (token_id && !revoke)
        return cli_usage_error(cli, "store.error.extra_argument", "--token-id");
    if (all && !revoke)
        return cli_usage_error(cli, "store.error.extra_argument", "--all");
    if (revoke && (token_id != NULL) == all)
        return cli_usage_error(cli, "auth.error.revoke_what", pos[1]);
    if (strcmp(verb, "add") == 0) {
        if (!role)
            return cli_usage_error(cli, "cli.error.missing_value", "--role");
        return user_add(&st, pos[1], role);
    }
    if (strcmp(verb, "list") == 0)
        return user_list(&st);
    if (strcmp(verb, "token") == 0)
        return user_token(&st, pos[1]);
    if (strcmp(verb, "tokens") == 0)
        return user_tokens(&st, pos[1]);
    if (revoke)
        return user_revoke(&st, pos[1], all ? NULL : token_id);
    return cli_usage_error(cli, "auth.error.unknown_verb", verb);
}

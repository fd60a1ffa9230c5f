/*
 * cli/cmd_db.c: `resorb db init | migrate | check [--deep] | backup DEST | audit [ID]`
 *
 * Operating the registry (docs/registry.md). init creates the database (mode 0600) and brings
 * it to the current schema; migrate brings an existing one forward; both are idempotent. check
 * runs PRAGMA integrity_check and foreign_key_check and compares the schema version (--deep
 * also loads every record as a case) and exits 0 only when everything passed, else 3. backup
 * copies a consistent snapshot to a new file. audit prints who did what, when.
 */
#include <stdio.h>
#include <string.h>

#include "store_util.h"

static int db_init(cli_store *st)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    int version = 0, status = cli_store_open(st, RESORB_STORE_CREATE, &s);
    if (status != CLI_OK)
        return status;
    if (resorb_store_version(s, &version, &err) != 0) {
        status = cli_store_fail(st, &err);
    } else {
        char v[16];
        snprintf(v, sizeof v, "%d", version);
        const char *args[2] = {st->db, v};
        cli_say(st->cli, st->cli->out, "store.db.ready", args, 2);
    }
    resorb_store_close(s);
    return status;
}

static int db_migrate(cli_store *st)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    int from = 0, to = 0, status = cli_store_open(st, RESORB_STORE_MIGRATE, &s);
    if (status != CLI_OK)
        return status;
    if (resorb_store_migrate(s, st->actor, &from, &to, &err) != 0) {
        status = cli_store_fail(st, &err);
    } else {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", from);
        snprintf(b, sizeof b, "%d", to);
        const char *args[3] = {st->db, a, b};
        cli_say(st->cli, st->cli->out, from == to ? "store.db.current" : "store.db.migrated", args,
                3);
    }
    resorb_store_close(s);
    return status;
}

static void say_num(cli_store *st, const char *key, long long a, long long b)
{
    char x[24], y[24];
    snprintf(x, sizeof x, "%lld", a);
    snprintf(y, sizeof y, "%lld", b);
    const char *args[2] = {x, y};
    cli_say(st->cli, st->cli->out, key, args, 2);
}

static int db_check(cli_store *st, bool deep)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    resorb_store_check_result r;
    int status = cli_store_open(st, RESORB_STORE_READONLY | RESORB_STORE_MIGRATE, &s);
    if (status != CLI_OK)
        return status;
    if (resorb_store_check(s, deep ? RESORB_STORE_CHECK_DEEP : 0, &r, &err) != 0) {
        status = cli_store_fail(st, &err);
        goto done;
    }
    if (r.integrity_problems == 0) {
        cli_say(st->cli, st->cli->out, "store.check.integrity_ok", NULL, 0);
    } else {
        char n[24];
        snprintf(n, sizeof n, "%lld", (long long)r.integrity_problems);
        const char *args[2] = {n, r.integrity};
        cli_say(st->cli, st->cli->out, "store.check.integrity_bad", args, 2);
    }
    if (r.foreign_key_problems == 0)
        cli_say(st->cli, st->cli->out, "store.check.fk_ok", NULL, 0);
    else
        say_num(st, "store.check.fk_bad", r.foreign_key_problems, 0);
    say_num(st,
            r.schema_version == r.expected_version ? "store.check.schema_ok"
                                                   : "store.check.schema_bad",
            r.schema_version, r.expected_version);
    say_num(st, "store.check.patients", r.patients, r.deleted);
    say_num(st, "store.check.rows", r.visits, r.studies);
    say_num(st, "store.check.findings", r.findings, r.audit);
    if (r.deep) {
        if (r.unreadable == 0)
            say_num(st, "store.check.records_ok", r.patients, 0);
        else
            say_num(st, "store.check.records_bad", r.unreadable, r.first_unreadable);
    }
    cli_say(st->cli, st->cli->out, r.ok ? "store.check.ok" : "store.check.failed", NULL, 0);
    status = r.ok ? CLI_OK : CLI_FAILURE;
done:
    resorb_store_close(s);
    return status;
}

static int db_backup(cli_store *st, const char *dest)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    /* An older schema too: the backup comes before the migration. */
    int status = cli_store_open(st, RESORB_STORE_READONLY | RESORB_STORE_MIGRATE, &s);
    if (status != CLI_OK)
        return status;
    if (resorb_store_backup(s, dest, &err) != 0) {
        status = cli_store_fail(st, &err);
    } else {
        const char *args[2] = {st->db, dest};
        cli_say(st->cli, st->cli->out, "store.db.backup_done", args, 2);
    }
    resorb_store_close(s);
    return status;
}

static int print_audit(void *ctx, const resorb_store_audit_entry *e)
{
    FILE *f = ctx;
    char patient[24] = "-";
    if (e->patient > 0)
        snprintf(patient, sizeof patient, "%lld", (long long)e->patient);
    fprintf(f, "%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)e->id, e->at, e->actor, e->action, patient,
            e->detail[0] ? e->detail : "-");
    return 0;
}

static int db_audit(cli_store *st, const char *id_text)
{
    resorb_store *s = NULL;
    resorb_store_error err;
    int64_t patient = 0;
    int status = CLI_OK;
    if (id_text && (status = cli_store_patient_id(st, id_text, &patient)) != CLI_OK)
        return status;
    if ((status = cli_store_open(st, RESORB_STORE_READONLY | RESORB_STORE_MIGRATE, &s)) != CLI_OK)
        return status;
    cli_say(st->cli, st->cli->out, "store.audit.header", NULL, 0);
    if (resorb_store_audit(s, patient, print_audit, st->cli->out, &err) != 0)
        status = cli_store_fail(st, &err);
    resorb_store_close(s);
    return status;
}

int resorb_cli_db(resorb_cli *cli, int argc, char **argv)
{
    cli_store st;
    bool deep = false;
    const char *verb = NULL, *arg = NULL;
    int status = cli_store_init(&st, cli, &argc, argv), npos = 0;
    if (status != CLI_OK)
        return status;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_store_usage(&st, "store.usage.db", true);
            return CLI_OK;
        } else if (strcmp(a, "--deep") == 0) {
            deep = true;
        } else if (strcmp(a, "--") == 0) {
            continue;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error(cli, "cli.error.unknown_option", a);
        } else if (npos == 0) {
            verb = a;
            npos++;
        } else if (npos == 1) {
            arg = a;
            npos++;
        } else {
            return cli_usage_error(cli, "store.error.extra_argument", a);
        }
    }
    if (!verb)
        return cli_store_usage(&st, "store.usage.db", false);
    bool takes_arg = strcmp(verb, "backup") == 0 || strcmp(verb, "audit") == 0;
    if ((arg && !takes_arg) || (deep && strcmp(verb, "check") != 0))
        return cli_usage_error(cli, "store.error.extra_argument", arg ? arg : "--deep");
    if (strcmp(verb, "init") == 0)
        return db_init(&st);
    if (strcmp(verb, "migrate") == 0)
        return db_migrate(&st);
    if (strcmp(verb, "check") == 0)
        return db_check(&st, deep);
    if (strcmp(verb, "audit") == 0)
        return db_audit(&st, arg);
    if (strcmp(verb, "backup") == 0) {
        if (!arg)
            return cli_usage_error(cli, "store.error.missing_argument", "DEST");
        return db_backup(&st, arg);
    }
    return cli_usage_error(cli, "store.error.unknown_verb", verb);
}

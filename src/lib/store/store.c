/*
 * store/store.c: the registry's public API: opening a backend by location, transactions, and
 * every write with its rules and its audit entry.
 *
 * A write is: begin (BEGIN IMMEDIATE, or a savepoint inside the caller's transaction), read the
 * state the rules need, check the rules, insert the rows, insert the audit row, commit. Any
 * failure on the way rolls the whole write back, so the database holds either all of it (rows
 * and audit entry) or none of it. The rules live here and not in a backend, so that every
 * backend enforces the same ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/diag.h"
#include "store/backend.h"
#include "store/sqlite.h"

/* ---- errors, time ---- */

int resorb_store__fail(resorb_store_error *err, int code, const char *key, const char *a0,
                       const char *a1)
{
    if (!err)
        return code;
    memset(err, 0, sizeof *err);
    err->code = code;
    snprintf(err->key, sizeof err->key, "%s", key ? key : "");
    snprintf(err->args[0], sizeof err->args[0], "%s", a0 ? a0 : "");
    snprintf(err->args[1], sizeof err->args[1], "%s", a1 ? a1 : "");
    const char *args[2] = {err->args[0], err->args[1]};
    if (err->key[0])
        resorb_msg_format(err->message, sizeof err->message, RESORB_LANG_EN, err->key, args, 2);
    return code;
}

size_t resorb_store_error_message(const resorb_store_error *err, resorb_lang lang, char *buf,
                                  size_t n)
{
    if (!err->key[0])
        return (size_t)snprintf(buf, n, "%s", err->message);
    const char *args[2] = {err->args[0], err->args[1]};
    return resorb_msg_format(buf, n, lang, err->key, args, 2);
}

void resorb_store__now(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char base[24];
    if (strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        base[0] = '\0';
    snprintf(out, 32, "%s.%03dZ", base, (int)((ts.tv_nsec / 1000000L) % 1000));
}

static void clear_error(resorb_store_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

static void id_text(char out[24], int64_t id)
{
    snprintf(out, 24, "%lld", (long long)id);
}

/* ---- open, close ---- */

int resorb_store_schema_version(void)
{
    return resorb_store__sqlite_latest();
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

void resorb_store_close(resorb_store *s)
{
    if (!s)
        return;
    if (s->impl) {
        if (s->in_tx)
            s->ops->rollback(s->impl);
        s->ops->close(s->impl);
    }
    free(s->location);
    free(s->scratch);
    free(s->diags);
    free(s);
}

bool resorb_store_reusable(resorb_store *s)
{
    return s && s->impl && !s->in_tx && !s->tx_broken && s->ops->reusable(s->impl);
}

int resorb_store_open_with(resorb_store **out, const char *location,
                           const resorb_store_options *opts, resorb_store_error *err)
{
    resorb_store *s = NULL;
    resorb_store_options o = opts ? *opts : (resorb_store_options){0};
    int code = 0, version = 0, latest = resorb_store_schema_version();
    char have[16], want[16];
    clear_error(err);
    if (!out || !location || !*location)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.no_location", NULL, NULL);
    if (has_prefix(location, "postgresql://") || has_prefix(location, "postgres://"))
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.pg_not_built", location, NULL);
    if (!(s = calloc(1, sizeof *s)) || !(s->location = strdup(location)) ||
        !(s->scratch = malloc(sizeof *s->scratch)) || !(s->diags = malloc(sizeof *s->diags))) {
        code = resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", location, NULL);
        goto done;
    }
    s->ops = &resorb_store__sqlite_ops;
    s->readonly = (o.flags & RESORB_STORE_READONLY) != 0;
    if ((code = s->ops->open(&s->impl, location, &o, err)) != 0)
        goto done;
    if ((code = s->ops->version(s->impl, &version, err)) != 0)
        goto done;
    snprintf(have, sizeof have, "%d", version);
    snprintf(want, sizeof want, "%d", latest);
    if (version > latest) {
        code = resorb_store__fail(err, RESORB_EINVALID, "store.error.too_new", location, have);
        goto done;
    }
    if (version < latest) {
        if ((o.flags & RESORB_STORE_CREATE) && !s->readonly) {
            char now[32];
            resorb_store__now(now);
            code = s->ops->migrate(s->impl, o.actor && *o.actor ? o.actor : "resorb", now, NULL,
                                   NULL, err);
            if (code != 0)
                goto done;
        } else if (version == 0) {
            code = resorb_store__fail(err, RESORB_EINVALID, "store.error.not_initialised", location,
                                      NULL);
            goto done;
        } else if (!(o.flags & RESORB_STORE_MIGRATE)) {
            code = resorb_store__fail(err, RESORB_EINVALID, "store.error.needs_migration", location,
                                      have);
            goto done;
        }
    }
    *out = s;
    s = NULL;
done:
    resorb_store_close(s);
    return code;
}

int resorb_store_open(resorb_store **out, const char *location, unsigned flags,
                      resorb_store_error *err)
{
    resorb_store_options o = {.flags = flags};
    return resorb_store_open_with(out, location, &o, err);
}

int resorb_store_version(resorb_store *s, int *version, resorb_store_error *err)
{
    clear_error(err);
    if (!s || !version)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return s->ops->version(s->impl, version, err);
}

/* A write needs a store open for writing, not in a transaction the backend gave up. */
static int open_for_writing(resorb_store *s, resorb_store_error *err)
{
    clear_error(err);
    if (!s)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    if (s->readonly)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.opened_readonly", s->location,
                                  NULL);
    if (s->tx_broken)
        return resorb_store__fail(err, RESORB_EIO, "store.error.tx_aborted", s->location, NULL);
    return 0;
}

/* ... and an actor to record. */
static int writable(resorb_store *s, const char *actor, resorb_store_error *err)
{
    int code = open_for_writing(s, err);
    if (code == 0 && (!actor || !*actor))
        code = resorb_store__fail(err, RESORB_EUSAGE, "store.error.no_actor", NULL, NULL);
    return code;
}

int resorb_store_migrate(resorb_store *s, const char *actor, int *from, int *to,
                         resorb_store_error *err)
{
    char now[32];
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    if (s->in_tx)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.in_transaction", NULL, NULL);
    resorb_store__now(now);
    return s->ops->migrate(s->impl, actor, now, from, to, err);
}

int resorb_store_backup(resorb_store *s, const char *dest, resorb_store_error *err)
{
    clear_error(err);
    if (!s || !dest || !*dest)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return s->ops->backup(s->impl, dest, err);
}

/* ---- transactions ---- */

int resorb_store_begin(resorb_store *s, resorb_store_error *err)
{
    int code = open_for_writing(s, err);
    if (code != 0)
        return code;
    if (s->in_tx)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.in_transaction", NULL, NULL);
    if ((code = s->ops->begin(s->impl, err)) == 0)
        s->in_tx = true;
    return code;
}

int resorb_store_commit(resorb_store *s, resorb_store_error *err)
{
    int code;
    clear_error(err);
    if (!s || !s->in_tx)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.no_transaction", NULL, NULL);
    if (s->tx_broken) {
        resorb_store_rollback(s);
        return resorb_store__fail(err, RESORB_EIO, "store.error.tx_aborted", s->location, NULL);
    }
    code = s->ops->commit(s->impl, err);
    if (code != 0)
        s->ops->rollback(s->impl);
    s->in_tx = false;
    return code;
}

void resorb_store_rollback(resorb_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        s->ops->rollback(s->impl);
    s->in_tx = false;
    s->tx_broken = false;
}

/* The start and end of one write: its own transaction, or a savepoint in the caller's. */
static int write_begin(resorb_store *s, resorb_store_error *err)
{
    return s->in_tx ? s->ops->savepoint(s->impl, err) : s->ops->begin(s->impl, err);
}

static int write_end(resorb_store *s, int code, resorb_store_error *err)
{
    if (code == 0)
        code = s->in_tx ? s->ops->release(s->impl, err) : s->ops->commit(s->impl, err);
    if (code == 0)
        return 0;
    if (s->in_tx) {
        s->ops->rollback_savepoint(s->impl);
        /* After some failures (a full disk) SQLite rolls back the whole transaction itself;
         * the caller's earlier writes are gone, so its commit must not pretend otherwise. */
        if (!s->ops->in_transaction(s->impl))
            s->tx_broken = true;
    } else {
        s->ops->rollback(s->impl);
    }
    return code;
}

/* ---- writes ---- */

/* The record's state for a write: RESORB_ENOTFOUND (with err) unless the patient exists and is
 * not deleted. */
static int live_state(resorb_store *s, int64_t patient, resorb_store__state *st,
                      resorb_store_error *err)
{
    char id[24];
    int code = s->ops->state(s->impl, patient, st, err);
    if (code == RESORB_ENOTFOUND || (code == 0 && st->deleted)) {
        id_text(id, patient);
        return resorb_store__fail(err, RESORB_ENOTFOUND, "store.error.no_patient", id, NULL);
    }
    return code;
}

static int nomem(resorb_store *s, resorb_store_error *err)
{
    return resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", s->location, NULL);
}

/* The fields a stored record cannot do without; resorb_case_parse guarantees them. */
static bool complete(const resorb_case *c)
{
    return c->patient.age != RESORB_INT_NONE && c->patient.sex != RESORB_SEX_NONE &&
           c->history.onset != RESORB_DATE_NONE && c->as_of != RESORB_DATE_NONE &&
           c->n_visits <= RESORB_MAX_VISITS && c->n_imaging <= RESORB_MAX_STUDIES;
}

static int insert_items(resorb_store *s, int64_t patient, const resorb_case *c,
                        resorb_store_error *err)
{
    char *json = NULL;
    int code = 0;
    for (size_t i = 0; code == 0 && i < c->n_visits; i++) {
        if (resorb_case_visit_to_json(&json, &c->visits[i]) != 0)
            return nomem(s, err);
        code = s->ops->insert_visit(s->impl, patient, (int64_t)i, &c->visits[i], json, err);
        free(json);
        json = NULL;
    }
    for (size_t i = 0; code == 0 && i < c->n_imaging; i++) {
        if (resorb_case_study_to_json(&json, &c->imaging[i]) != 0)
            return nomem(s, err);
        code = s->ops->insert_study(s->impl, patient, (int64_t)i, &c->imaging[i], json, err);
        free(json);
        json = NULL;
    }
    return code;
}

int resorb_store_add_case(resorb_store *s, const resorb_case *c, const char *actor,
                          int64_t *patient, resorb_diags *diags, resorb_store_error *err)
{
    char *case_json = NULL, onset[RESORB_DATE_TEXT], as_of[RESORB_DATE_TEXT], now[32];
    char idtext[24], detail[64];
    int64_t id = 0, existing = 0;
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    if (!c || !patient)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_diags_init(s->diags);
    if (resorb_case_check(c, diags ? diags : s->diags) > 0 || !complete(c))
        return resorb_store__fail(err, RESORB_EINVALID, "store.error.invalid_case", c->id, NULL);
    /* The rest of the case, without the parts kept as rows and without as_of (a column). */
    *s->scratch = *c;
    s->scratch->n_imaging = s->scratch->n_visits = 0;
    s->scratch->imaging_given = s->scratch->visits_given = false;
    s->scratch->as_of_given = false;
    if (resorb_case_to_json(&case_json, s->scratch) != 0)
        return nomem(s, err);
    resorb_date_format(c->history.onset, onset);
    resorb_date_format(c->as_of, as_of);
    resorb_store__now(now);
    resorb_store__patient_row row = {
        .case_id = c->id[0] ? c->id : NULL,
        .age = c->patient.age,
        .sex = resorb_sex_name(c->patient.sex),
        .onset = onset,
        .as_of = as_of,
        .as_of_given = c->as_of_given,
        .imaging_given = c->imaging_given,
        .visits_given = c->visits_given,
        .case_json = case_json,
        .now = now,
    };
    if ((code = write_begin(s, err)) != 0)
        goto done;
    if (c->id[0]) {
        code = s->ops->find_case(s->impl, c->id, &existing, err);
        if (code == 0) {
            id_text(idtext, existing);
            code = resorb_store__fail(err, RESORB_EINVALID, "store.error.already_stored", c->id,
                                      idtext);
        } else if (code == RESORB_ENOTFOUND) {
            code = 0;
        }
    }
    if (code == 0)
        code = s->ops->insert_patient(s->impl, &row, &id, err);
    if (code == 0)
        code = insert_items(s, id, c, err);
    if (code == 0) {
        snprintf(detail, sizeof detail, "visits %zu, studies %zu", c->n_visits, c->n_imaging);
        code = s->ops->audit(s->impl, now, actor, "case.add", id, detail, err);
    }
    code = write_end(s, code, err);
    if (code == 0)
        *patient = id;
done:
    free(case_json);
    return code;
}

/* Adds one visit (study NULL) or one study (visit NULL) to a record. */
static int add_item(resorb_store *s, int64_t patient, const resorb_visit *visit,
                    const resorb_study *study, const char *actor, resorb_diags *diags,
                    resorb_store_error *err)
{
    resorb_store__state st;
    resorb_diags *d = diags ? diags : s->diags;
    char *json = NULL, now[32], as_of[RESORB_DATE_TEXT], date_text[RESORB_DATE_TEXT];
    char prev_text[RESORB_DATE_TEXT], idtext[24], cap[16];
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    if (patient <= 0 || (!visit == !study))
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_diags_init(s->diags);
    resorb_date date = visit ? visit->date : study->date;
    if (date == RESORB_DATE_NONE)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    if ((visit ? resorb_case_visit_to_json(&json, visit)
               : resorb_case_study_to_json(&json, study)) != 0)
        return nomem(s, err);
    resorb_date_format(date, date_text);
    id_text(idtext, patient);
    /* Only what reads back as a valid item is stored (a caller may pass any struct): so a
     * record always loads. Reading back a visit or a study costs microseconds. */
    {
        resorb_visit v2;
        resorb_study s2;
        size_t len = strlen(json);
        int rc = visit ? resorb_case_parse_visit(&v2, json, len, d)
                       : resorb_case_parse_study(&s2, json, len, d);
        if (rc != 0) {
            free(json);
            return rc == RESORB_ENOMEM
                       ? nomem(s, err)
                       : resorb_store__fail(err, RESORB_EINVALID, "store.error.invalid_item",
                                            idtext, NULL);
        }
    }
    resorb_store__now(now);
    if ((code = write_begin(s, err)) != 0)
        goto done;
    if ((code = live_state(s, patient, &st, err)) != 0)
        goto end;
    if (visit && st.visits >= RESORB_MAX_VISITS) {
        snprintf(cap, sizeof cap, "%d", RESORB_MAX_VISITS);
        code = resorb_store__fail(err, RESORB_EINVALID, "store.error.too_many_visits", idtext, cap);
        goto end;
    }
    if (study && st.studies >= RESORB_MAX_STUDIES) {
        snprintf(cap, sizeof cap, "%d", RESORB_MAX_STUDIES);
        code =
            resorb_store__fail(err, RESORB_EINVALID, "store.error.too_many_studies", idtext, cap);
        goto end;
    }
    if (visit && st.last_visit != RESORB_DATE_NONE && date < st.last_visit) {
        resorb_date_format(st.last_visit, prev_text);
        resorb_diags__add(d, RESORB_SEV_ERROR, RESORB_P_OUT_OF_ORDER, "/date", date_text, prev_text,
                          NULL);
        code = resorb_store__fail(err, RESORB_EINVALID, "store.error.invalid_item", idtext, NULL);
        goto end;
    }
    if (st.onset != RESORB_DATE_NONE && date < st.onset) {
        char onset_text[RESORB_DATE_TEXT];
        resorb_date_format(st.onset, onset_text);
        resorb_diags__add(d, RESORB_SEV_WARNING, RESORB_P_BEFORE_ONSET, "/date", date_text,
                          onset_text, NULL);
    }
    resorb_date_format(date > st.as_of ? date : st.as_of, as_of);
    if (visit)
        code = s->ops->insert_visit(s->impl, patient, st.visits, visit, json, err);
    else
        code = s->ops->insert_study(s->impl, patient, st.studies, study, json, err);
    if (code == 0)
        code = s->ops->touch(s->impl, patient, as_of, st.imaging_given || study != NULL,
                             st.visits_given || visit != NULL, now, err);
    if (code == 0)
        code = s->ops->audit(s->impl, now, actor, visit ? "visit.add" : "study.add", patient,
                             date_text, err);
end:
    code = write_end(s, code, err);
done:
    free(json);
    return code;
}

int resorb_store_add_visit(resorb_store *s, int64_t patient, const resorb_visit *v,
                           const char *actor, resorb_diags *diags, resorb_store_error *err)
{
    if (!v)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return add_item(s, patient, v, NULL, actor, diags, err);
}

int resorb_store_add_study(resorb_store *s, int64_t patient, const resorb_study *study,
                           const char *actor, resorb_diags *diags, resorb_store_error *err)
{
    if (!study)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return add_item(s, patient, NULL, study, actor, diags, err);
}

/* Soft delete (purge false) or purge. */
static int remove_patient(resorb_store *s, int64_t patient, bool purge, const char *actor,
                          resorb_store_error *err)
{
    char now[32], idtext[24];
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    id_text(idtext, patient);
    resorb_store__now(now);
    if ((code = write_begin(s, err)) != 0)
        return code;
    code = purge ? s->ops->purge(s->impl, patient, err)
                 : s->ops->mark_deleted(s->impl, patient, now, err);
    if (code == RESORB_ENOTFOUND)
        code = resorb_store__fail(err, RESORB_ENOTFOUND, "store.error.no_patient", idtext, NULL);
    if (code == 0)
        code = s->ops->audit(s->impl, now, actor, purge ? "case.purge" : "case.delete", patient, "",
                             err);
    return write_end(s, code, err);
}

int resorb_store_delete(resorb_store *s, int64_t patient, const char *actor,
                        resorb_store_error *err)
{
    return remove_patient(s, patient, false, actor, err);
}

int resorb_store_purge(resorb_store *s, int64_t patient, const char *actor, resorb_store_error *err)
{
    return remove_patient(s, patient, true, actor, err);
}

/* ---- users and credentials ---- */

bool resorb_store_role_valid(const char *role)
{
    return role && (strcmp(role, "viewer") == 0 || strcmp(role, "clinician") == 0 ||
                    strcmp(role, "admin") == 0);
}

bool resorb_store_user_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > RESORB_STORE_USER_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '@' || ch == '-';
        if (!ok)
            return false;
    }
    return true;
}

static bool kind_valid(const char *kind)
{
    return kind && (strcmp(kind, "session") == 0 || strcmp(kind, "token") == 0);
}

/* A digest is hex of a hash: 1..128 lower-case hex digits. */
static bool digest_valid(const char *d)
{
    size_t n = d ? strlen(d) : 0;
    if (n == 0 || n > 128)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((d[i] >= '0' && d[i] <= '9') || (d[i] >= 'a' && d[i] <= 'f')))
            return false;
    return true;
}

int resorb_store_user_add(resorb_store *s, const char *name, const char *role,
                          const char *password_hash, const char *actor, resorb_store_error *err)
{
    char now[32], detail[128];
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    if (!resorb_store_user_name_valid(name))
        return resorb_store__fail(err, RESORB_EINVALID, "store.error.bad_user", name ? name : "",
                                  NULL);
    if (!resorb_store_role_valid(role))
        return resorb_store__fail(err, RESORB_EINVALID, "store.error.bad_role", role ? role : "",
                                  NULL);
    if (!password_hash || !*password_hash || strlen(password_hash) >= RESORB_STORE_HASH_MAX)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_store__now(now);
    snprintf(detail, sizeof detail, "user %s, role %s", name, role);
    if ((code = write_begin(s, err)) != 0)
        return code;
    code = s->ops->user_insert(s->impl, name, role, password_hash, now, err);
    if (code == RESORB_EINVALID && err->key[0] == '\0')
        code = resorb_store__fail(err, RESORB_EINVALID, "store.error.user_exists", name, NULL);
    if (code == 0)
        code = s->ops->audit(s->impl, now, actor, "user.add", 0, detail, err);
    return write_end(s, code, err);
}

int resorb_store_user_list(resorb_store *s, resorb_store_user_fn fn, void *ctx,
                           resorb_store_error *err)
{
    clear_error(err);
    if (!s || !fn)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return s->ops->user_list(s->impl, fn, ctx, err);
}

/* The user called name (and its hash when hash is not NULL); RESORB_ENOTFOUND names it. */
static int get_user(resorb_store *s, const char *name, resorb_store_user *out, char *hash,
                    resorb_store_error *err)
{
    int code = s->ops->user_get(s->impl, name, out, hash, hash ? RESORB_STORE_HASH_MAX : 0, err);
    if (code == RESORB_ENOTFOUND)
        code = resorb_store__fail(err, RESORB_ENOTFOUND, "store.error.no_user", name, NULL);
    return code;
}

int resorb_store_user_get(resorb_store *s, const char *name, resorb_store_user *out,
                          char hash[RESORB_STORE_HASH_MAX], resorb_store_error *err)
{
    clear_error(err);
    if (!s || !name || !out)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    return get_user(s, name, out, hash, err);
}

/* Begins a write about user name's credentials: the checks, the time into now, the transaction
 * and the user into *u. On failure the transaction is over. */
static int begin_user_write(resorb_store *s, const char *name, const char *actor, char now[32],
                            resorb_store_user *u, resorb_store_error *err)
{
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    if (!name)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_store__now(now);
    if ((code = write_begin(s, err)) != 0)
        return code;
    code = get_user(s, name, u, NULL, err);
    return code != 0 ? write_end(s, code, err) : 0;
}

int resorb_store_credential_add(resorb_store *s, const char *name, const char *kind,
                                const char *digest, const char *expires_at, const char *actor,
                                resorb_store_error *err)
{
    char now[32], detail[96];
    resorb_store_user u = {0};
    if (!kind_valid(kind) || !digest_valid(digest))
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    int code = begin_user_write(s, name, actor, now, &u, err);
    if (code != 0)
        return code;
    code = s->ops->cred_insert(s->impl, u.id, kind, digest, now, expires_at, err);
    snprintf(detail, sizeof detail, "user %s", u.name);
    if (code == 0)
        code = s->ops->audit(s->impl, now, actor,
                             strcmp(kind, "token") == 0 ? "user.token" : "session.login", 0, detail,
                             err);
    return write_end(s, code, err);
}

int resorb_store_credential_find(resorb_store *s, const char *kind, const char *digest,
                                 resorb_store_user *out, resorb_store_error *err)
{
    char now[32];
    clear_error(err);
    if (!s || !out || !kind_valid(kind) || !digest_valid(digest))
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_store__now(now);
    return s->ops->cred_find(s->impl, kind, digest, now, out, err);
}

/* Removes one credential with its audit row (action; the detail names user, when known, and
 * the credential's id); *removed says whether there was one to remove. */
static int remove_credential(resorb_store *s, const char *user, const char *kind,
                             const char *digest, const char *action, const char *now,
                             const char *actor, bool *removed, resorb_store_error *err)
{
    char detail[160];
    *removed = false;
    int code = s->ops->cred_delete(s->impl, kind, digest, removed, err);
    if (code != 0 || !*removed)
        return code;
    if (user)
        snprintf(detail, sizeof detail, "user %s, %s %.*s", user, kind,
                 RESORB_STORE_CREDENTIAL_ID_LEN, digest);
    else
        snprintf(detail, sizeof detail, "%s %.*s", kind, RESORB_STORE_CREDENTIAL_ID_LEN, digest);
    return s->ops->audit(s->impl, now, actor, action, 0, detail, err);
}

static const char *revoke_action(const char *kind)
{
    return strcmp(kind, "token") == 0 ? "token.revoke" : "session.revoke";
}

int resorb_store_credential_delete(resorb_store *s, const char *kind, const char *digest,
                                   const char *actor, resorb_store_error *err)
{
    char now[32];
    bool deleted = false;
    int code = writable(s, actor, err);
    if (code != 0)
        return code;
    if (!kind_valid(kind) || !digest_valid(digest))
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_store__now(now);
    if ((code = write_begin(s, err)) != 0)
        return code;
    /* A session deleted by its own user is a logout. */
    code = remove_credential(s, NULL, kind, digest,
                             strcmp(kind, "token") == 0 ? "token.revoke" : "session.logout", now,
                             actor, &deleted, err);
    return write_end(s, code, err);
}

static bool expired(const resorb_store__cred_row *row, const char *now)
{
    return row->expires_at && strcmp(row->expires_at, now) <= 0;
}

typedef struct cred_list_ctx {
    const char *now;
    resorb_store_credential_fn fn;
    void *ctx;
} cred_list_ctx;

static int list_one(void *ctx, const resorb_store__cred_row *row)
{
    cred_list_ctx *l = ctx;
    resorb_store_credential c;
    if (expired(row, l->now))
        return 0;
    memset(&c, 0, sizeof c);
    snprintf(c.id, sizeof c.id, "%s", row->digest);
    snprintf(c.kind, sizeof c.kind, "%s", row->kind);
    snprintf(c.created_at, sizeof c.created_at, "%s", row->created_at);
    snprintf(c.expires_at, sizeof c.expires_at, "%s", row->expires_at ? row->expires_at : "");
    return l->fn(l->ctx, &c);
}

int resorb_store_credential_list(resorb_store *s, const char *name, const char *kind,
                                 resorb_store_credential_fn fn, void *ctx, resorb_store_error *err)
{
    resorb_store_user u;
    cred_list_ctx l = {.fn = fn, .ctx = ctx};
    char now[32];
    clear_error(err);
    if (!s || !name || !fn || !kind_valid(kind))
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    resorb_store__now(now);
    l.now = now;
    int code = get_user(s, name, &u, NULL, err);
    return code != 0 ? code : s->ops->cred_list(s->impl, u.id, kind, list_one, &l, err);
}

/* The unexpired credentials whose digest starts with prefix: how many, and the first. */
typedef struct cred_match_ctx {
    const char *prefix, *now;
    size_t len, n;
    char digest[129];
} cred_match_ctx;

static int match_one(void *ctx, const resorb_store__cred_row *row)
{
    cred_match_ctx *m = ctx;
    if (!expired(row, m->now) && strncmp(row->digest, m->prefix, m->len) == 0 && m->n++ == 0)
        snprintf(m->digest, sizeof m->digest, "%s", row->digest);
    return 0;
}

int resorb_store_token_revoke(resorb_store *s, const char *name, const char *id, const char *actor,
                              resorb_store_error *err)
{
    static const char kind[] = "token";
    char now[32];
    resorb_store_user u;
    cred_match_ctx m = {.prefix = id, .now = now};
    bool removed = false;
    if (!id)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.usage", NULL, NULL);
    if (!digest_valid(id))
        return resorb_store__fail(err, RESORB_EINVALID, "store.error.bad_credential_id", id, NULL);
    m.len = strlen(id);
    int code = begin_user_write(s, name, actor, now, &u, err);
    if (code != 0)
        return code;
    code = s->ops->cred_list(s->impl, u.id, kind, match_one, &m, err);
    if (code == 0 && m.n == 0)
        code = resorb_store__fail(err, RESORB_ENOTFOUND, "store.error.no_credential", id, name);
    else if (code == 0 && m.n > 1)
        code =
            resorb_store__fail(err, RESORB_EINVALID, "store.error.ambiguous_credential", id, name);
    if (code == 0)
        code =
            remove_credential(s, u.name, kind, m.digest, "token.revoke", now, actor, &removed, err);
    return write_end(s, code, err);
}

/* Every credential of a user, copied out before any is removed. */
typedef struct cred_item {
    char digest[129];
    char kind[8];
} cred_item;
typedef struct cred_set {
    size_t n, cap;
    cred_item *items;
} cred_set;

static int collect_one(void *ctx, const resorb_store__cred_row *row)
{
    cred_set *set = ctx;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        cred_item *items = realloc(set->items, cap * sizeof *items);
        if (!items)
            return RESORB_ENOMEM;
        set->items = items;
        set->cap = cap;
    }
    snprintf(set->items[set->n].digest, sizeof set->items[set->n].digest, "%s", row->digest);
    snprintf(set->items[set->n].kind, sizeof set->items[set->n].kind, "%s", row->kind);
    set->n++;
    return 0;
}

int resorb_store_credential_revoke_all(resorb_store *s, const char *name, const char *actor,
                                       size_t *tokens, size_t *sessions, resorb_store_error *err)
{
    char now[32];
    resorb_store_user u;
    cred_set set = {0};
    size_t counts[2] = {0, 0}; /* tokens, sessions */
    int code = begin_user_write(s, name, actor, now, &u, err);
    if (code != 0)
        return code;
    code = s->ops->cred_list(s->impl, u.id, NULL, collect_one, &set, err);
    if (code == RESORB_ENOMEM && !err->key[0])
        code = nomem(s, err);
    for (size_t i = 0; code == 0 && i < set.n; i++) {
        const cred_item *c = &set.items[i];
        bool removed = false;
        if (!kind_valid(c->kind))
            continue;
        code = remove_credential(s, u.name, c->kind, c->digest, revoke_action(c->kind), now, actor,
                                 &removed, err);
        counts[strcmp(c->kind, "token") == 0 ? 0 : 1] += removed;
    }
    free(set.items);
    code = write_end(s, code, err);
    if (code == 0 && tokens)
        *tokens = counts[0];
    if (code == 0 && sessions)
        *sessions = counts[1];
    return code;
}

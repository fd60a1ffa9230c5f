/*
 * resorb/store.h: the registry: patients, their visits and imaging studies, kept in a database.
 *
 * A store is opened on a backend named by a location: a file path (SQLite, the embedded
 * default; ./resorb.db unless --db or RESORB_DB says otherwise) or, later, a "postgresql://"
 * URI. Callers see only this interface: the backend is a table of function pointers
 * (resorb_store_ops in src/lib/store/), so a PostgreSQL backend is added without touching any
 * caller. Every write is one transaction and records who (actor), when and what in the audit
 * table; a failed write leaves nothing behind. Deleting a patient is a soft delete unless purged.
 *
 * What is stored. A patient's record is one case (resorb.case/1) that grows: the case as first
 * added, then every visit and imaging study added since. Visits and studies (with their
 * findings) are kept as rows, so that follow-up queries and the cohort CSV read them directly;
 * the rest of the case (patient, history, exam, treatments, questionnaires) is kept as its
 * canonical JSON (resorb_case_to_json), and so is every visit and study beside its columns.
 * Loading a record re-reads all of it through the case parser, so what comes out is a valid
 * case or an error, never a half-read one. Nothing stored is lost: export after import gives
 * the same case (tests/unit/store/roundtrip.c, tests/sh/store_cli.sh).
 *
 * The record's rules, checked on every write in the same transaction as the write: a case id
 * is stored once (a case without id may be stored many times); visits stay in date order and
 * within RESORB_MAX_VISITS, studies within RESORB_MAX_STUDIES; adding a visit or study dated
 * after the record's as_of moves as_of forward (a record describes the latest day known).
 *
 * Patient ids are positive integers given by the store, never reused (also not after a purge).
 * Error messages are catalog keys with arguments (resorb_store_error), so every caller shows
 * them in the user's language; `message` holds the English text for logs.
 */
#ifndef RESORB_STORE_H
#define RESORB_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "resorb/case.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct resorb_store resorb_store;

enum {
    RESORB_STORE_READONLY = 1, /* open for reading only */
    RESORB_STORE_CREATE = 2,   /* create the database when it does not exist and bring it (new
                                  or older) to the current schema, recording the migrations */
    RESORB_STORE_MIGRATE = 4,  /* accept a schema older than this program (to migrate it) */
};

/* A message for the operator (what failed, on which file). code is the RESORB_E* code; key
 * and args are the catalog message (data/i18n/store.tsv) for resorb_store_error_message();
 * message is the same text in English. */
#define RESORB_STORE_ARG_MAX 192
typedef struct resorb_store_error {
    int code; /* RESORB_E* */
    char message[256];
    char key[64];
    char args[2][RESORB_STORE_ARG_MAX];
} resorb_store_error;

/* The error's message in lang (like snprintf: returns the length needed). */
size_t resorb_store_error_message(const resorb_store_error *err, resorb_lang lang, char *buf,
                                  size_t n);

typedef struct resorb_store_options {
    unsigned flags;      /* RESORB_STORE_* */
    const char *actor;   /* recorded for migrations that open runs (CREATE); NULL: "resorb" */
    int busy_timeout_ms; /* how long a write waits for another writer's lock; 0: 5000 */
    int64_t max_bytes;   /* a quota: the database never grows beyond it (0: none). A write
                            that would cross it fails as on a full disk */
} resorb_store_options;

/* Opens the store at location with flags. Returns 0, RESORB_EIO (cannot open, read-only
 * filesystem, disk full, locked too long), RESORB_EINVALID (not a resorb database, not
 * initialised, a schema older than this program without RESORB_STORE_MIGRATE, or newer than
 * this program), RESORB_EUSAGE (a backend that is not built, e.g. postgresql://),
 * RESORB_ENOMEM. */
int resorb_store_open(resorb_store **out, const char *location, unsigned flags,
                      resorb_store_error *err);
int resorb_store_open_with(resorb_store **out, const char *location,
                           const resorb_store_options *opts, resorb_store_error *err);
void resorb_store_close(resorb_store *s); /* NULL allowed */

/* For a caller that keeps a handle open between units of work (the server keeps a few between
 * requests, src/server/registry.c): whether the handle may be used again. False when a
 * transaction or a read is left open on it (a snapshot would hide later writes from it), or
 * when its location no longer names what it opened: the SQLite file was deleted, renamed, or
 * replaced by another file moved into place. Then close it and open the location again, which
 * also reports a registry that is gone. A handle outside a transaction sees every write
 * committed before each of its reads, by this process or another. NULL: false. */
bool resorb_store_reusable(resorb_store *s);

/* The schema version this program writes, and the version of the open store. */
int resorb_store_schema_version(void);
int resorb_store_version(resorb_store *s, int *version, resorb_store_error *err);

/* Applies every migration newer than the store's version, each in its own transaction with
 * its audit row. Forward only and idempotent: at the current version it does nothing. *from
 * and *to (may be NULL) receive the versions before and after. */
int resorb_store_migrate(resorb_store *s, const char *actor, int *from, int *to,
                         resorb_store_error *err);

typedef struct resorb_store_check_result {
    bool ok;                    /* every check passed */
    int schema_version;         /* of the store */
    int expected_version;       /* of this program */
    int64_t integrity_problems; /* rows of PRAGMA integrity_check other than "ok" */
    char integrity[256];        /* "ok" or the first of them */
    int64_t foreign_key_problems;
    int64_t patients, deleted, visits, studies, findings, audit;
    bool deep;                /* every record was loaded and validated */
    int64_t unreadable;       /* records that did not load as a valid case (deep) */
    int64_t first_unreadable; /* the first such patient id, 0 for none */
} resorb_store_check_result;

enum { RESORB_STORE_CHECK_DEEP = 1 }; /* also load every record (soft-deleted ones too) */

/* Runs the checks. Returns 0 when they could be run (see out->ok), else an error. */
int resorb_store_check(resorb_store *s, unsigned flags, resorb_store_check_result *out,
                       resorb_store_error *err);

/* Copies the store, consistently, to a new file dest (which must not exist: RESORB_EUSAGE),
 * written aside and renamed into place only when complete and checked, so dest is either the
 * whole backup or absent. Writers may go on meanwhile. */
int resorb_store_backup(resorb_store *s, const char *dest, resorb_store_error *err);

/* Transactions spanning several writes (e.g. a batch import): between begin and commit every
 * write joins the one transaction; a failed write is undone alone and the caller chooses to
 * go on or roll back. Without begin, each write is its own transaction. */
int resorb_store_begin(resorb_store *s, resorb_store_error *err);
int resorb_store_commit(resorb_store *s, resorb_store_error *err);
void resorb_store_rollback(resorb_store *s);

/* Stores a case with all its parts as a new patient; *patient receives the id. The case must
 * be valid (resorb_case_parse accepted it); its cross-field rules are checked again and their
 * problems added to diags (may be NULL). Returns 0, RESORB_EINVALID (invalid, or a case with
 * this id is already stored: key store.error.already_stored), RESORB_EIO, RESORB_ENOMEM. */
int resorb_store_add_case(resorb_store *s, const resorb_case *c, const char *actor,
                          int64_t *patient, resorb_diags *diags, resorb_store_error *err);

/* Adds a visit / an imaging study (as parsed by resorb_case_parse_visit / _study) to a
 * patient's record. Checked against the record: a visit is not dated before the last visit
 * (out_of_order, path "/date"); at most RESORB_MAX_VISITS visits and RESORB_MAX_STUDIES
 * studies (too_many); a date before onset is a warning (before_onset). Problems go to diags.
 * Returns 0, RESORB_EINVALID, RESORB_ENOTFOUND (no such patient, or soft-deleted), RESORB_EIO,
 * RESORB_ENOMEM. */
int resorb_store_add_visit(resorb_store *s, int64_t patient, const resorb_visit *v,
                           const char *actor, resorb_diags *diags, resorb_store_error *err);
int resorb_store_add_study(resorb_store *s, int64_t patient, const resorb_study *study,
                           const char *actor, resorb_diags *diags, resorb_store_error *err);

/* One line of the patient list. */
typedef struct resorb_store_patient {
    int64_t id;
    char case_id[RESORB_MAX_ID_LEN + 1]; /* "" when the case had none */
    int age;
    resorb_sex sex;
    resorb_date onset, as_of;
    resorb_date first, last; /* earliest and latest visit or study; RESORB_DATE_NONE if none */
    int64_t visits, studies, findings;
    bool deleted;
    char created_at[32], updated_at[32], deleted_at[32]; /* UTC, ISO 8601; "" when not */
} resorb_store_patient;

enum { RESORB_STORE_LIST_DELETED = 1 }; /* include soft-deleted patients */

/* Calls fn for each patient in id order; a non-zero return from fn stops the walk and is
 * returned. */
typedef int (*resorb_store_patient_fn)(void *ctx, const resorb_store_patient *p);
int resorb_store_list(resorb_store *s, unsigned flags, resorb_store_patient_fn fn, void *ctx,
                      resorb_store_error *err);
/* One patient's line; RESORB_ENOTFOUND when absent (or soft-deleted without the flag). */
int resorb_store_get_patient(resorb_store *s, int64_t patient, unsigned flags,
                             resorb_store_patient *out, resorb_store_error *err);

/* The patient's whole record as one case (resorb.case/1): the stored case with every visit and
 * study added since, visits and studies in date order, as_of the latest of its dates. Returns 0,
 * RESORB_ENOTFOUND (no such patient, or soft-deleted), RESORB_EIO. */
int resorb_store_load_case(resorb_store *s, int64_t patient, resorb_case *out,
                           resorb_store_error *err);

/* Soft delete: the patient disappears from lists, loads and the cohort, and stays in the
 * database. Purge: the patient's rows are removed for good (also a soft-deleted one); the
 * audit keeps that it happened. RESORB_ENOTFOUND when there is no such patient (delete: or it
 * is already deleted). */
int resorb_store_delete(resorb_store *s, int64_t patient, const char *actor,
                        resorb_store_error *err);
int resorb_store_purge(resorb_store *s, int64_t patient, const char *actor,
                       resorb_store_error *err);

/* Output sink: returns 0, or non-zero to stop (that value is returned). */
typedef int (*resorb_store_write_fn)(void *ctx, const char *data, size_t len);

/* The cohort as CSV (RFC 4180: header row, CRLF, quoting where needed), one row per finding
 * per study of every patient not deleted, in patient, study date order. Columns: see
 * docs/registry.md. */
int resorb_store_cohort_csv(resorb_store *s, resorb_store_write_fn write, void *ctx,
                            resorb_store_error *err);

/* The audit trail: who did what, when. patient 0 = every entry. */
typedef struct resorb_store_audit_entry {
    int64_t id;
    char at[32]; /* UTC, ISO 8601 with milliseconds */
    char actor[128];
    char action[32]; /* db.migrate, case.add, visit.add, study.add, case.delete, case.purge,
                        and the users' (see below) */
    int64_t patient; /* 0 when the action concerns no patient */
    char detail[256];
} resorb_store_audit_entry;
typedef int (*resorb_store_audit_fn)(void *ctx, const resorb_store_audit_entry *e);
int resorb_store_audit(resorb_store *s, int64_t patient, resorb_store_audit_fn fn, void *ctx,
                       resorb_store_error *err);

/* ---- users and credentials: who may use the server (docs/api.md#authentication) ----
 * A user has a name, a role and the hash of a password; the store never sees a password or a
 * secret, only what the caller derived from them (the server: an argon2id string from
 * libsodium's crypto_pwhash_str, and the SHA-256 of a session id or token in hex). Every write
 * is audited (user.add, user.token, session.login, session.logout, and for each credential
 * revoked token.revoke or session.revoke, its detail naming the user and the credential's id). */
#define RESORB_STORE_USER_NAME_MAX 64
#define RESORB_STORE_HASH_MAX 256 /* a password hash, with its NUL */
typedef struct resorb_store_user {
    int64_t id;
    char name[RESORB_STORE_USER_NAME_MAX + 1];
    char role[16]; /* "viewer", "clinician" or "admin" */
    char created_at[32];
} resorb_store_user;
typedef int (*resorb_store_user_fn)(void *ctx, const resorb_store_user *u);

/* A role the store knows; a user name of 1..RESORB_STORE_USER_NAME_MAX letters, digits and
 * . _ @ - (ASCII). */
bool resorb_store_role_valid(const char *role);
bool resorb_store_user_name_valid(const char *name);

/* Adds a user. RESORB_EINVALID: a bad name (store.error.bad_user), role (store.error.bad_role)
 * or hash, or a user with this name exists (store.error.user_exists). */
int resorb_store_user_add(resorb_store *s, const char *name, const char *role,
                          const char *password_hash, const char *actor, resorb_store_error *err);
/* Calls fn for each user in name order. */
int resorb_store_user_list(resorb_store *s, resorb_store_user_fn fn, void *ctx,
                           resorb_store_error *err);
/* One user and (hash may be NULL) the password hash; RESORB_ENOTFOUND (store.error.no_user). */
int resorb_store_user_get(resorb_store *s, const char *name, resorb_store_user *out,
                          char hash[RESORB_STORE_HASH_MAX], resorb_store_error *err);
/* Stores the digest of a new secret of kind "session" or "token" for user name, expiring at
 * expires_at (ISO 8601 UTC; NULL: never). Expired credentials are removed on the way. */
int resorb_store_credential_add(resorb_store *s, const char *name, const char *kind,
                                const char *digest, const char *expires_at, const char *actor,
                                resorb_store_error *err);
/* The user of an unexpired credential; RESORB_ENOTFOUND when there is none. */
int resorb_store_credential_find(resorb_store *s, const char *kind, const char *digest,
                                 resorb_store_user *out, resorb_store_error *err);
/* Removes a credential (nothing happens when there is none; then no audit row either). */
int resorb_store_credential_delete(resorb_store *s, const char *kind, const char *digest,
                                   const char *actor, resorb_store_error *err);

/* A credential as it may be shown: its id is the first RESORB_STORE_CREDENTIAL_ID_LEN hex
 * digits of its digest (a hash of the secret, so showing it gives nothing away). */
#define RESORB_STORE_CREDENTIAL_ID_LEN 12
typedef struct resorb_store_credential {
    char id[RESORB_STORE_CREDENTIAL_ID_LEN + 1];
    char kind[8]; /* "session" or "token" */
    char created_at[32];
    char expires_at[32]; /* "" when it does not expire */
} resorb_store_credential;
typedef int (*resorb_store_credential_fn)(void *ctx, const resorb_store_credential *c);

/* Calls fn for each unexpired credential of kind ("session" or "token") of user name, oldest
 * first. RESORB_ENOTFOUND (store.error.no_user) when there is no such user. */
int resorb_store_credential_list(resorb_store *s, const char *name, const char *kind,
                                 resorb_store_credential_fn fn, void *ctx, resorb_store_error *err);
/* Revokes the one API token of user name whose digest starts with id (1 to 128 lower-case hex
 * digits; the ids resorb_store_credential_list gives are such prefixes), audited as
 * token.revoke. RESORB_ENOTFOUND: no such user (store.error.no_user) or no such unexpired token
 * (store.error.no_credential); RESORB_EINVALID: id is not hex (store.error.bad_credential_id)
 * or starts the digests of several (store.error.ambiguous_credential); nothing is removed then.
 * Another user's tokens are never matched. */
int resorb_store_token_revoke(resorb_store *s, const char *name, const char *id, const char *actor,
                              resorb_store_error *err);
/* Revokes every credential of user name, tokens and sessions (signed out everywhere at once),
 * each with its audit row, in one transaction. *tokens and *sessions (either may be NULL) say
 * how many. RESORB_ENOTFOUND (store.error.no_user) when there is no such user. */
int resorb_store_credential_revoke_all(resorb_store *s, const char *name, const char *actor,
                                       size_t *tokens, size_t *sessions, resorb_store_error *err);

#ifdef __cplusplus
}
#endif
#endif

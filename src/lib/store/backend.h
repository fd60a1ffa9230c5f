/*
 * store/backend.h: the table of functions a storage backend provides (internal to store/).
 *
 * The split of work. store.c owns everything that must behave the same on every backend: the
 * record's rules (case id once, visit order, caps, as_of moving forward), the audit row of
 * every write, timestamps, the assembly of a record into a case, and the CSV. A backend owns
 * only storage: transactions, rows in, rows out, and its own maintenance (migrations,
 * integrity check, backup). store.c calls the primitives of one write between begin and commit
 * (or a savepoint), so a write's checks, rows and audit entry are one transaction.
 *
 * Conventions: every function returns 0 or a negative RESORB_E* code and then fills err
 * (resorb_store__fail). Text arguments are NUL-terminated UTF-8; dates are "YYYY-MM-DD";
 * timestamps "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC).
 */
#ifndef RESORB_STORE_BACKEND_H
#define RESORB_STORE_BACKEND_H

#include "resorb/store.h"

/* What the rules need to know about one patient's record. */
typedef struct resorb_store__state {
    bool deleted;
    int64_t visits, studies;
    resorb_date onset, as_of;
    resorb_date last_visit; /* RESORB_DATE_NONE when there is none */
    bool imaging_given, visits_given;
} resorb_store__state;

/* A new patient row. */
typedef struct resorb_store__patient_row {
    const char *case_id; /* NULL when the case has none */
    int age;
    const char *sex;
    const char *onset, *as_of;
    bool as_of_given, imaging_given, visits_given;
    const char *case_json; /* the canonical case without imaging, visits and as_of */
    const char *now;
} resorb_store__patient_row;

/* A record as stored: the text parts store.c assembles into one case document. The strings
 * are heap copies owned by the record (resorb_store__record_release). Counts may exceed the
 * caps only in a damaged database; store.c then refuses the record. */
typedef struct resorb_store__record {
    char as_of[RESORB_DATE_TEXT];
    bool as_of_given, imaging_given, visits_given, deleted;
    char *case_json;
    size_t n_visits, n_studies, cap_visits, cap_studies;
    char **visits, **studies; /* canonical JSON of each, in date order */
} resorb_store__record;

void resorb_store__record_release(resorb_store__record *r);
/* Appends a copy of text to the visits (which = 0) or studies (1). 0 or RESORB_ENOMEM. */
int resorb_store__record_push(resorb_store__record *r, int which, const char *text);

/* One row of the cohort: a finding with its study and patient. Words are the format's words
 * ("" when absent); numbers NaN and integers RESORB_INT_NONE when absent. */
typedef struct resorb_store__finding_row {
    int64_t patient, study;
    const char *case_id, *sex, *onset, *first_study, *study_date, *modality;
    int age;
    const char *level, *side, *morphology, *zone, *migration, *rim, *t2;
    int komori, modic, pfirrmann;
    double ap_mm, canal_pct, area_mm2, volume_mm3;
} resorb_store__finding_row;
typedef int (*resorb_store__finding_fn)(void *ctx, const resorb_store__finding_row *row);

/* One stored credential (cred_list); expires_at is NULL when it does not expire. */
typedef struct resorb_store__cred_row {
    const char *digest, *kind, *created_at, *expires_at;
} resorb_store__cred_row;
typedef int (*resorb_store__cred_fn)(void *ctx, const resorb_store__cred_row *row);

typedef struct resorb_store_ops {
    const char *name;
    int (*open)(void **impl, const char *location, const resorb_store_options *o,
                resorb_store_error *err);
    void (*close)(void *impl);
    /* 0 for an empty (new) database; RESORB_EINVALID when it is not a resorb database. */
    int (*version)(void *impl, int *version, resorb_store_error *err);
    /* Applies the migrations above the current version, each with its audit row. */
    int (*migrate)(void *impl, const char *actor, const char *now, int *from, int *to,
                   resorb_store_error *err);
    int (*check)(void *impl, resorb_store_check_result *out, resorb_store_error *err);
    int (*backup)(void *impl, const char *dest, resorb_store_error *err);

    int (*begin)(void *impl, resorb_store_error *err);
    int (*commit)(void *impl, resorb_store_error *err);
    void (*rollback)(void *impl);
    bool (*in_transaction)(void *impl); /* false after the backend itself rolled back */
    /* No transaction and no statement in progress, and the location still names the database
     * this handle opened (resorb_store_reusable). */
    bool (*reusable)(void *impl);
    int (*savepoint)(void *impl, resorb_store_error *err);
    int (*release)(void *impl, resorb_store_error *err);
    void (*rollback_savepoint)(void *impl);

    /* 0 and *patient when a record (deleted or not) has this case id, else RESORB_ENOTFOUND. */
    int (*find_case)(void *impl, const char *case_id, int64_t *patient, resorb_store_error *err);
    /* RESORB_ENOTFOUND when there is no such patient (deleted ones are found). */
    int (*state)(void *impl, int64_t patient, resorb_store__state *out, resorb_store_error *err);
    int (*insert_patient)(void *impl, const resorb_store__patient_row *row, int64_t *patient,
                          resorb_store_error *err);
    int (*insert_visit)(void *impl, int64_t patient, int64_t seq, const resorb_visit *v,
                        const char *json, resorb_store_error *err);
    int (*insert_study)(void *impl, int64_t patient, int64_t seq, const resorb_study *s,
                        const char *json, resorb_store_error *err);
    /* Updates as_of, the given flags and updated_at after an item was added. */
    int (*touch)(void *impl, int64_t patient, const char *as_of, bool imaging_given,
                 bool visits_given, const char *now, resorb_store_error *err);
    int (*mark_deleted)(void *impl, int64_t patient, const char *now, resorb_store_error *err);
    int (*purge)(void *impl, int64_t patient, resorb_store_error *err);
    int (*audit)(void *impl, const char *at, const char *actor, const char *action, int64_t patient,
                 const char *detail, resorb_store_error *err);

    /* only: one patient (0 = all). */
    int (*list)(void *impl, unsigned flags, int64_t only, resorb_store_patient_fn fn, void *ctx,
                resorb_store_error *err);
    /* RESORB_ENOTFOUND when there is no such patient (deleted ones are loaded: rec->deleted). */
    int (*load)(void *impl, int64_t patient, resorb_store__record *rec, resorb_store_error *err);
    int (*cohort)(void *impl, resorb_store__finding_fn fn, void *ctx, resorb_store_error *err);
    int (*audit_list)(void *impl, int64_t patient, resorb_store_audit_fn fn, void *ctx,
                      resorb_store_error *err);

    /* Users and credentials (sqlite_users.c). user_insert: RESORB_EINVALID when the name is
     * taken; user_get, cred_find: RESORB_ENOTFOUND when absent (cred_find: or expired at
     * now); cred_insert first removes the credentials expired at now; cred_delete sets
     * *deleted; cred_list calls fn for each credential of user of kind (NULL: every kind),
     * expired ones too, oldest first, and stops at (and returns) fn's first non-zero answer. */
    int (*user_insert)(void *impl, const char *name, const char *role, const char *hash,
                       const char *now, resorb_store_error *err);
    int (*user_list)(void *impl, resorb_store_user_fn fn, void *ctx, resorb_store_error *err);
    int (*user_get)(void *impl, const char *name, resorb_store_user *out, char *hash, size_t n,
                    resorb_store_error *err);
    int (*cred_insert)(void *impl, int64_t user, const char *kind, const char *digest,
                       const char *now, const char *expires_at, resorb_store_error *err);
    int (*cred_find)(void *impl, const char *kind, const char *digest, const char *now,
                     resorb_store_user *out, resorb_store_error *err);
    int (*cred_delete)(void *impl, const char *kind, const char *digest, bool *deleted,
                       resorb_store_error *err);
    int (*cred_list)(void *impl, int64_t user, const char *kind, resorb_store__cred_fn fn,
                     void *ctx, resorb_store_error *err);
} resorb_store_ops;

extern const resorb_store_ops resorb_store__sqlite_ops;

/* The handle (store.c, read.c). Not shared between threads: open one per thread. */
struct resorb_store {
    const resorb_store_ops *ops;
    void *impl;
    char *location;
    bool readonly;
    bool in_tx;           /* between resorb_store_begin and commit / rollback */
    bool tx_broken;       /* the backend rolled the caller's transaction back by itself */
    resorb_case *scratch; /* a case's copy without its visits and studies (add) */
    resorb_diags *diags;  /* the parse of a record on load */
};

/* Assembles a record into one case document and parses it (read.c). RESORB_EIO with key
 * store.error.damaged when the stored text is not a valid case. */
int resorb_store__assemble(resorb_store *s, int64_t patient, const resorb_store__record *rec,
                           resorb_case *out, resorb_store_error *err);

/* Fills err with code, catalog key and arguments (NULL allowed), and the English message.
 * Returns code. */
int resorb_store__fail(resorb_store_error *err, int code, const char *key, const char *a0,
                       const char *a1);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void resorb_store__now(char out[32]);

#endif

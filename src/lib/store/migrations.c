/*
 * store/migrations.c: the SQLite schema, as a list of forward-only migrations.
 *
 * Each migration is applied once, in its own IMMEDIATE transaction together with its row in
 * schema_version and its audit entry, so a database is always at exactly one version: an
 * interrupted migration leaves the previous version intact. The version is re-read inside the
 * transaction, so two processes migrating at once apply each step once. Migrations are never
 * edited after release; a change of schema is a new migration appended to the list.
 *
 * The schema (docs/registry.md has the column reference):
 *   patients     one row per record: the case's id, age, sex, onset, as_of, the canonical JSON
 *                of the rest of the case, timestamps, deleted_at for a soft delete
 *   visits       one row per visit (columns + its canonical JSON), visit_motor its MMT items
 *   studies      one row per imaging study (columns + its canonical JSON), findings its
 *                herniations (one per level and side: a unique index)
 *   audit        who did what, when; append-only (triggers refuse UPDATE and DELETE)
 *   users        (3) who may use the server: name, role (viewer, clinician, admin) and the
 *                argon2id hash of the password (libsodium's crypto_pwhash_str string)
 *   credentials  (3) browser sessions and API tokens: only the SHA-256 of the secret, with
 *                its kind, user and expiry (NULL: a token that does not expire)
 *   schema_version
 * Patient ids use AUTOINCREMENT so that an id is never given twice, also after a purge.
 */
#include <stdio.h>

#include "store/sqlite.h"

typedef struct migration {
    int version;
    const char *description;
    const char *sql; /* constant DDL: no values */
} migration;

static const migration migrations[] = {
    {1, "patients, visits, studies, findings, audit",
     "CREATE TABLE schema_version ("
     "  version INTEGER PRIMARY KEY,"
     "  applied_at TEXT NOT NULL,"
     "  description TEXT NOT NULL);"
     "CREATE TABLE patients ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  case_id TEXT UNIQUE,"
     "  age INTEGER NOT NULL CHECK (age BETWEEN 0 AND 120),"
     "  sex TEXT NOT NULL,"
     "  onset TEXT NOT NULL,"
     "  as_of TEXT NOT NULL,"
     "  as_of_given INTEGER NOT NULL,"
     "  imaging_given INTEGER NOT NULL,"
     "  visits_given INTEGER NOT NULL,"
     "  case_json TEXT NOT NULL,"
     "  created_at TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL,"
     "  deleted_at TEXT);"
     "CREATE TABLE visits ("
     "  id INTEGER PRIMARY KEY,"
     "  patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
     "  seq INTEGER NOT NULL,"
     "  date TEXT NOT NULL,"
     "  leg_pain_nrs INTEGER,"
     "  back_pain_nrs INTEGER,"
     "  course TEXT,"
     "  motor_given INTEGER NOT NULL,"
     "  json TEXT NOT NULL,"
     "  UNIQUE (patient_id, seq));"
     "CREATE TABLE visit_motor ("
     "  visit_id INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,"
     "  seq INTEGER NOT NULL,"
     "  muscle TEXT NOT NULL,"
     "  side TEXT NOT NULL,"
     "  mmt INTEGER NOT NULL,"
     "  progressive INTEGER,"
     "  PRIMARY KEY (visit_id, seq)) WITHOUT ROWID;"
     "CREATE TABLE studies ("
     "  id INTEGER PRIMARY KEY,"
     "  patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,"
     "  seq INTEGER NOT NULL,"
     "  date TEXT NOT NULL,"
     "  modality TEXT NOT NULL,"
     "  json TEXT NOT NULL,"
     "  UNIQUE (patient_id, seq));"
     "CREATE TABLE findings ("
     "  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,"
     "  seq INTEGER NOT NULL,"
     "  level TEXT NOT NULL,"
     "  morphology TEXT NOT NULL,"
     "  zone TEXT,"
     "  side TEXT,"
     "  migration TEXT,"
     "  komori_grade INTEGER,"
     "  rim_enhancement TEXT,"
     "  t2_signal TEXT,"
     "  modic INTEGER,"
     "  pfirrmann INTEGER,"
     "  ap_mm REAL,"
     "  canal_compromise_pct REAL,"
     "  area_mm2 REAL,"
     "  volume_mm3 REAL,"
     "  PRIMARY KEY (study_id, seq)) WITHOUT ROWID;"
     "CREATE UNIQUE INDEX findings_level_side ON findings (study_id, level, coalesce(side, ''));"
     "CREATE TABLE audit ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  at TEXT NOT NULL,"
     "  actor TEXT NOT NULL,"
     "  action TEXT NOT NULL,"
     "  patient_id INTEGER,"
     "  detail TEXT NOT NULL DEFAULT '');"},
    {2, "append-only audit; audit lookup by patient",
     "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
     "  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
     "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
     "  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
     "CREATE INDEX audit_patient ON audit (patient_id);"},
    {3, "users with roles; sessions and API tokens",
     "CREATE TABLE users ("
     "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
     "  name TEXT NOT NULL UNIQUE,"
     "  role TEXT NOT NULL CHECK (role IN ('viewer', 'clinician', 'admin')),"
     "  password_hash TEXT NOT NULL,"
     "  created_at TEXT NOT NULL);"
     "CREATE TABLE credentials ("
     "  digest TEXT PRIMARY KEY,"
     "  kind TEXT NOT NULL CHECK (kind IN ('session', 'token')),"
     "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
     "  created_at TEXT NOT NULL,"
     "  expires_at TEXT) WITHOUT ROWID;"
     "CREATE INDEX credentials_user ON credentials (user_id);"},
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int resorb_store__sqlite_latest(void)
{
    return migrations[N_MIGRATIONS - 1].version;
}

/* Runs one constant statement (no values) to completion. */
static int exec_const(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ;
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Runs a script of constant statements (DDL), one prepared statement at a time. */
static int exec_script(sqlite3 *db, const char *sql)
{
    const char *tail = sql;
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && tail && *tail) {
        sqlite3_stmt *st = NULL;
        rc = sqlite3_prepare_v2(db, tail, -1, &st, &tail);
        if (rc != SQLITE_OK || !st)
            break; /* an error, or only whitespace left */
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ;
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_finalize(st);
    }
    return rc;
}

int resorb_store__sqlite_version(sqlite3 *db, const char *location, int *version,
                                 resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc, has_table = 0, tables = 0, v = 0;
    rc = sqlite3_prepare_v2(db,
                            "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                            "        AND name = 'schema_version'),"
                            "       (SELECT count(*) FROM sqlite_schema)",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto done;
    if ((rc = sqlite3_step(st)) != SQLITE_ROW)
        goto done;
    has_table = sqlite3_column_int(st, 0);
    tables = sqlite3_column_int(st, 1);
    sqlite3_finalize(st);
    st = NULL;
    if (!has_table) {
        rc = SQLITE_OK;
        if (tables > 0)
            return resorb_store__fail(err, RESORB_EINVALID, "store.error.foreign_db", location,
                                      NULL);
        *version = 0;
        return 0;
    }
    rc = sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM schema_version", -1, &st,
                            NULL);
    if (rc != SQLITE_OK)
        goto done;
    if ((rc = sqlite3_step(st)) != SQLITE_ROW)
        goto done;
    v = sqlite3_column_int(st, 0);
    rc = SQLITE_OK;
done:
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return resorb_store__sqlite_fail(db, location, rc, err);
    *version = v;
    return 0;
}

/* The rows that go with migration m, inside its transaction. */
static int record(sqlite3 *db, const migration *m, const char *actor, const char *now)
{
    sqlite3_stmt *st = NULL;
    char detail[160];
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO schema_version (version, applied_at, description)"
                                " VALUES (?1, ?2, ?3)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto done;
    sqlite3_bind_int(st, 1, m->version);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, m->description, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(st)) != SQLITE_DONE)
        goto done;
    sqlite3_finalize(st);
    st = NULL;
    rc = sqlite3_prepare_v2(db,
                            "INSERT INTO audit (at, actor, action, patient_id, detail)"
                            " VALUES (?1, ?2, 'db.migrate', NULL, ?3)",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        goto done;
    snprintf(detail, sizeof detail, "schema version %d: %s", m->version, m->description);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, detail, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
done:
    sqlite3_finalize(st);
    return rc;
}

int resorb_store__sqlite_migrate(sqlite3 *db, const char *location, int target, const char *actor,
                                 const char *now, int *from, int *to, resorb_store_error *err)
{
    int version = 0, first = -1, rc;
    if (target <= 0 || target > resorb_store__sqlite_latest())
        target = resorb_store__sqlite_latest();
    for (int i = 0; i < N_MIGRATIONS; i++) {
        const migration *m = &migrations[i];
        if (m->version > target)
            break;
        if ((rc = exec_const(db, "BEGIN IMMEDIATE")) != SQLITE_OK)
            return resorb_store__sqlite_fail(db, location, rc, err);
        /* Inside the transaction: another process may have migrated meanwhile. */
        rc = resorb_store__sqlite_version(db, location, &version, err);
        if (rc != 0) {
            exec_const(db, "ROLLBACK");
            return rc;
        }
        if (first < 0)
            first = version;
        if (version >= m->version) {
            exec_const(db, "COMMIT");
            continue;
        }
        rc = exec_script(db, m->sql);
        if (rc == SQLITE_OK)
            rc = record(db, m, actor, now);
        if (rc == SQLITE_OK)
            rc = exec_const(db, "COMMIT");
        if (rc != SQLITE_OK) {
            int code = resorb_store__sqlite_fail(db, location, rc, err);
            if (!sqlite3_get_autocommit(db))
                exec_const(db, "ROLLBACK");
            return code;
        }
        version = m->version;
    }
    if (first < 0)
        first = version;
    if (from)
        *from = first;
    if (to)
        *to = version;
    return 0;
}

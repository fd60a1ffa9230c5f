/*
 * store/sqlite.c: the SQLite backend (the default; a location that is a file path).
 *
 * Settings, each for a reason:
 *  - WAL journal: readers never block the writer nor the writer the readers, and a commit is
 *    one append, so a killed process leaves either the whole transaction or none of it.
 *  - synchronous=FULL: a commit is on disk (fsync) before it is acknowledged, so it survives a
 *    power cut too, not only a killed process. Batches amortise the fsync (one per commit).
 *  - foreign_keys=ON: visits, studies and findings cannot outlive their patient; a purge
 *    cascades.
 *  - busy_timeout: a second writer waits (5 s by default) instead of failing at once; every
 *    write starts with BEGIN IMMEDIATE so the wait happens before any work, never half-way.
 *  - secure_delete=ON: a purge overwrites the purged rows' pages with zeros instead of leaving
 *    them in free pages.
 *  - a new database file is created with mode 0600 (patient data); SQLite gives its -wal and
 *    -shm files the same mode.
 * Every statement with values is prepared once per connection and reused with bound
 * parameters; no SQL text is ever built from values. The one exception is the quota's PRAGMA
 * max_page_count, whose argument SQLite does not accept as a parameter: it is an integer this
 * file computes, formatted with %lld, never text from outside.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite.h"

enum {
    ST_BEGIN,
    ST_COMMIT,
    ST_ROLLBACK,
    ST_SAVEPOINT,
    ST_RELEASE,
    ST_ROLLBACK_TO,
    ST_READ_BEGIN,
    ST_READ_END,
    ST_FIND_CASE,
    ST_STATE,
    ST_INSERT_PATIENT,
    ST_INSERT_VISIT,
    ST_INSERT_MOTOR,
    ST_INSERT_STUDY,
    ST_INSERT_FINDING,
    ST_TOUCH,
    ST_DELETE,
    ST_PURGE,
    ST_AUDIT,
    ST_LIST,
    ST_LOAD_PATIENT,
    ST_LOAD_VISITS,
    ST_LOAD_STUDIES,
    ST_COHORT,
    ST_AUDIT_LIST,
    ST__COUNT
};

static const char *const sql_text[ST__COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SAVEPOINT] = "SAVEPOINT resorb_write",
    [ST_RELEASE] = "RELEASE resorb_write",
    [ST_ROLLBACK_TO] = "ROLLBACK TO resorb_write",
    [ST_READ_BEGIN] = "SAVEPOINT resorb_read",
    [ST_READ_END] = "RELEASE resorb_read",
    [ST_FIND_CASE] = "SELECT id FROM patients WHERE case_id = ?1",
    [ST_STATE] = "SELECT deleted_at IS NOT NULL, onset, as_of, imaging_given, visits_given,"
                 " (SELECT count(*) FROM visits WHERE patient_id = ?1),"
                 " (SELECT count(*) FROM studies WHERE patient_id = ?1),"
                 " (SELECT max(date) FROM visits WHERE patient_id = ?1)"
                 " FROM patients WHERE id = ?1",
    [ST_INSERT_PATIENT] =
        "INSERT INTO patients (case_id, age, sex, onset, as_of, as_of_given, imaging_given,"
        " visits_given, case_json, created_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    [ST_INSERT_VISIT] =
        "INSERT INTO visits (patient_id, seq, date, leg_pain_nrs, back_pain_nrs, course,"
        " motor_given, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_INSERT_MOTOR] = "INSERT INTO visit_motor (visit_id, seq, muscle, side, mmt, progressive)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [ST_INSERT_STUDY] = "INSERT INTO studies (patient_id, seq, date, modality, json)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_INSERT_FINDING] =
        "INSERT INTO findings (study_id, seq, level, morphology, zone, side, migration,"
        " komori_grade, rim_enhancement, t2_signal, modic, pfirrmann, ap_mm,"
        " canal_compromise_pct, area_mm2, volume_mm3)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [ST_TOUCH] = "UPDATE patients SET as_of = ?2, imaging_given = ?3, visits_given = ?4,"
                 " updated_at = ?5 WHERE id = ?1",
    [ST_DELETE] = "UPDATE patients SET deleted_at = ?2, updated_at = ?2"
                  " WHERE id = ?1 AND deleted_at IS NULL",
    [ST_PURGE] = "DELETE FROM patients WHERE id = ?1",
    [ST_AUDIT] = "INSERT INTO audit (at, actor, action, patient_id, detail)"
                 " VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_LIST] = "SELECT p.id, p.case_id, p.age, p.sex, p.onset, p.as_of,"
                " (SELECT min(d) FROM (SELECT min(date) AS d FROM visits WHERE patient_id = p.id"
                "   UNION ALL SELECT min(date) FROM studies WHERE patient_id = p.id)),"
                " (SELECT max(d) FROM (SELECT max(date) AS d FROM visits WHERE patient_id = p.id"
                "   UNION ALL SELECT max(date) FROM studies WHERE patient_id = p.id)),"
                " (SELECT count(*) FROM visits WHERE patient_id = p.id),"
                " (SELECT count(*) FROM studies WHERE patient_id = p.id),"
                " (SELECT count(*) FROM findings f JOIN studies s ON f.study_id = s.id"
                "   WHERE s.patient_id = p.id),"
                " p.deleted_at, p.created_at, p.updated_at"
                " FROM patients p"
                " WHERE (?1 OR p.deleted_at IS NULL) AND (?2 = 0 OR p.id = ?2)"
                " ORDER BY p.id",
    [ST_LOAD_PATIENT] = "SELECT as_of, as_of_given, imaging_given, visits_given,"
                        " deleted_at IS NOT NULL, case_json FROM patients WHERE id = ?1",
    [ST_LOAD_VISITS] = "SELECT json FROM visits WHERE patient_id = ?1 ORDER BY date, seq",
    [ST_LOAD_STUDIES] = "SELECT json FROM studies WHERE patient_id = ?1 ORDER BY date, seq",
    [ST_COHORT] = "SELECT p.id, s.id, p.case_id, p.age, p.sex, p.onset,"
                  " (SELECT min(date) FROM studies WHERE patient_id = p.id),"
                  " s.date, s.modality, f.level, f.side, f.morphology, f.zone, f.migration,"
                  " f.komori_grade, f.rim_enhancement, f.t2_signal, f.modic, f.pfirrmann, f.ap_mm,"
                  " f.canal_compromise_pct, f.area_mm2, f.volume_mm3"
                  " FROM patients p JOIN studies s ON s.patient_id = p.id"
                  " JOIN findings f ON f.study_id = s.id"
                  " WHERE p.deleted_at IS NULL"
                  " ORDER BY p.id, s.date, s.seq, f.seq",
    [ST_AUDIT_LIST] = "SELECT id, at, actor, action, coalesce(patient_id, 0), detail FROM audit"
                      " WHERE ?1 = 0 OR patient_id = ?1 ORDER BY id",
};

typedef struct sq {
    sqlite3 *db;
    char *location;
    sqlite3_stmt *st[ST__COUNT];
    sqlite3_stmt *kept[SQ_KEPT__COUNT]; /* sqlite_users.c's */
} sq;

int resorb_store__sqlite_fail(sqlite3 *db, const char *location, int rc, resorb_store_error *err)
{
    const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    char detail[RESORB_STORE_ARG_MAX];
    int sys = db ? sqlite3_system_errno(db) : 0;
    if (sys != 0 && (rc & 0xff) != SQLITE_CONSTRAINT)
        snprintf(detail, sizeof detail, "%s (%s)", msg, strerror(sys));
    else
        snprintf(detail, sizeof detail, "%s", msg);
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return resorb_store__fail(err, RESORB_EIO, "store.error.full", location, detail);
    case SQLITE_READONLY:
        return resorb_store__fail(err, RESORB_EIO, "store.error.readonly", location, detail);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return resorb_store__fail(err, RESORB_EIO, "store.error.cannot_open", location, detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return resorb_store__fail(err, RESORB_EIO, "store.error.busy", location, detail);
    case SQLITE_NOTADB:
        return resorb_store__fail(err, RESORB_EINVALID, "store.error.not_resorb", location, detail);
    case SQLITE_CORRUPT:
        return resorb_store__fail(err, RESORB_EIO, "store.error.corrupt", location, detail);
    case SQLITE_NOMEM:
        return resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", location, detail);
    case SQLITE_CONSTRAINT:
        return resorb_store__fail(err, RESORB_EINVALID, "store.error.constraint", location, detail);
    case SQLITE_IOERR:
        if (sys == ENOSPC || sys == EDQUOT || sys == EFBIG)
            return resorb_store__fail(err, RESORB_EIO, "store.error.full", location, detail);
        return resorb_store__fail(err, RESORB_EIO, "store.error.io", location, detail);
    default:
        return resorb_store__fail(err, RESORB_EIO, "store.error.sqlite", location, detail);
    }
}

static int fail(sq *q, int rc, resorb_store_error *err)
{
    return resorb_store__sqlite_fail(q->db, q->location, rc, err);
}

/* The prepared statement for id, reset and with its bindings cleared; NULL after filling err. */
static sqlite3_stmt *stmt(sq *q, int id, resorb_store_error *err)
{
    if (!q->st[id]) {
        int rc = sqlite3_prepare_v3(q->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &q->st[id],
                                    NULL);
        if (rc != SQLITE_OK) {
            fail(q, rc, err);
            q->st[id] = NULL;
            return NULL;
        }
    }
    sqlite3_reset(q->st[id]);
    sqlite3_clear_bindings(q->st[id]);
    return q->st[id];
}

/* Steps a statement that returns no rows. */
static int run(sq *q, sqlite3_stmt *st, resorb_store_error *err)
{
    int rc = sqlite3_step(st);
    int code = rc == SQLITE_DONE ? 0 : fail(q, rc, err);
    sqlite3_reset(st);
    return code;
}

static int run_id(sq *q, int id, resorb_store_error *err)
{
    sqlite3_stmt *st = stmt(q, id, err);
    return st ? run(q, st, err) : err->code;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_int(sqlite3_stmt *st, int i, int v)
{
    if (v == RESORB_INT_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int(st, i, v);
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_double(st, i, v);
}

static void bind_tri(sqlite3_stmt *st, int i, resorb_tri v)
{
    if (v == RESORB_TRI_UNKNOWN)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int(st, i, v == RESORB_TRI_YES);
}

static void bind_date(sqlite3_stmt *st, int i, resorb_date d, char buf[RESORB_DATE_TEXT])
{
    resorb_date_format(d, buf);
    bind_text(st, i, buf);
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static int col_int(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? RESORB_INT_NONE : sqlite3_column_int(st, i);
}

static double col_real(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

static resorb_date col_date(sqlite3_stmt *st, int i)
{
    const char *t = col_text(st, i);
    resorb_date d = RESORB_DATE_NONE;
    if (*t && resorb_date_parse(t, strlen(t), &d) != 0)
        d = RESORB_DATE_NONE;
    return d;
}

static void copy_text(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* ---- open, close, settings ---- */

static int exec_pragma(sq *q, const char *sql, char *result, size_t n, resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(q->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            if (result)
                copy_text(result, n, col_text(st, 0));
        if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? 0 : fail(q, rc, err);
}

/* Creates the file with mode 0600 when it does not exist, so patient data is not readable by
 * others from the first byte; SQLite then gives the -wal and -shm files the same mode. */
static int create_private(const char *path, resorb_store_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    if (errno == EEXIST)
        return 0;
    return resorb_store__fail(err, RESORB_EIO, "store.error.cannot_open", path, strerror(errno));
}

/* The first read of a database, as a raw SQLite result code. */
static int probe(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA schema_version", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Reading a WAL database needs its -shm index, which a reader creates when it is missing. In
 * a directory the reader cannot write (a read-only copy, a read-only mount) that fails. When
 * there is also no -wal file, every committed transaction is in the main file, and SQLite can
 * read it as "immutable" without any index (https://sqlite.org/wal.html, read-only
 * databases). The location goes into a URI, percent-encoded. */
static int reopen_immutable(sq *q)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(q->location);
    char *wal = malloc(n + 5), *uri = malloc(3 * n + 32);
    int rc = SQLITE_NOMEM;
    struct stat sb;
    if (!wal || !uri)
        goto done;
    snprintf(wal, n + 5, "%s-wal", q->location);
    rc = SQLITE_READONLY;
    if (stat(wal, &sb) == 0 && sb.st_size > 0)
        goto done; /* committed data may be in the -wal file: not safe to ignore it */
    size_t k = 0;
    memcpy(uri, "file:", 5);
    k = 5;
    for (const unsigned char *p = (const unsigned char *)q->location; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("/-_.~", *p)) {
            uri[k++] = (char)*p;
        } else {
            uri[k++] = '%';
            uri[k++] = hex[*p >> 4];
            uri[k++] = hex[*p & 15];
        }
    }
    snprintf(uri + k, 3 * n + 32 - k, "?immutable=1");
    sqlite3_close(q->db);
    q->db = NULL;
    rc = sqlite3_open_v2(uri, &q->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc == SQLITE_OK)
        rc = probe(q->db);
done:
    free(wal);
    free(uri);
    return rc;
}

static void sq_close(void *impl)
{
    sq *q = impl;
    if (!q)
        return;
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(q->st[i]);
    for (int i = 0; i < SQ_KEPT__COUNT; i++)
        sqlite3_finalize(q->kept[i]);
    sqlite3_close(q->db);
    free(q->location);
    free(q);
}

static int sq_open(void **impl, const char *location, const resorb_store_options *o,
                   resorb_store_error *err)
{
    sq *q = NULL;
    int rc = 0, code = 0;
    bool readonly = (o->flags & RESORB_STORE_READONLY) != 0;
    int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    struct stat sb;
    char mode[32] = "";

    if (!(q = calloc(1, sizeof *q)) || !(q->location = strdup(location))) {
        code = resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", location, NULL);
        goto done;
    }
    if (stat(location, &sb) != 0) {
        if (errno != ENOENT || readonly || !(o->flags & RESORB_STORE_CREATE)) {
            code = resorb_store__fail(err, RESORB_EIO,
                                      errno == ENOENT ? "store.error.missing"
                                                      : "store.error.cannot_open",
                                      location, strerror(errno));
            goto done;
        }
        if ((code = create_private(location, err)) != 0)
            goto done;
    } else if (S_ISDIR(sb.st_mode)) {
        code = resorb_store__fail(err, RESORB_EIO, "store.error.cannot_open", location,
                                  strerror(EISDIR));
        goto done;
    }
    rc = sqlite3_open_v2(location, &q->db, oflags, NULL);
    if (rc != SQLITE_OK) {
        code = fail(q, rc, err);
        goto done;
    }
    if (readonly && ((rc = probe(q->db)) & 0xff) != SQLITE_OK &&
        ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
        int rc2 = reopen_immutable(q);
        if (rc2 != SQLITE_OK) {
            code = fail(q, rc, err);
            goto done;
        }
    }
    sqlite3_extended_result_codes(q->db, 1);
    sqlite3_busy_timeout(q->db, o->busy_timeout_ms > 0 ? o->busy_timeout_ms : 5000);
    /* A file that is not a database shows here, at the first read. */
    if ((code = exec_pragma(q, "PRAGMA foreign_keys = ON", NULL, 0, err)) != 0)
        goto done;
    if ((code = exec_pragma(q, "PRAGMA secure_delete = ON", NULL, 0, err)) != 0)
        goto done;
    if (!readonly && sqlite3_db_readonly(q->db, "main") == 1) {
        code = resorb_store__fail(err, RESORB_EIO, "store.error.readonly_file", location, NULL);
        goto done;
    }
    if (!readonly) {
        if ((code = exec_pragma(q, "PRAGMA journal_mode = WAL", mode, sizeof mode, err)) != 0)
            goto done;
        if (strcmp(mode, "wal") != 0) {
            code = resorb_store__fail(err, RESORB_EIO, "store.error.wal", location, mode);
            goto done;
        }
        if ((code = exec_pragma(q, "PRAGMA synchronous = FULL", NULL, 0, err)) != 0)
            goto done;
    }
    if (o->max_bytes > 0) {
        char page[32] = "", sql[64];
        if ((code = exec_pragma(q, "PRAGMA page_size", page, sizeof page, err)) != 0)
            goto done;
        long long size = strtoll(page, NULL, 10);
        long long pages = size > 0 ? o->max_bytes / size : 0;
        snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages > 1 ? pages : 1);
        if ((code = exec_pragma(q, sql, NULL, 0, err)) != 0)
            goto done;
    }
    *impl = q;
    q = NULL;
done:
    sq_close(q);
    return code;
}

static int sq_version(void *impl, int *version, resorb_store_error *err)
{
    sq *q = impl;
    return resorb_store__sqlite_version(q->db, q->location, version, err);
}

static int sq_migrate(void *impl, const char *actor, const char *now, int *from, int *to,
                      resorb_store_error *err)
{
    sq *q = impl;
    return resorb_store__sqlite_migrate(q->db, q->location, 0, actor, now, from, to, err);
}

/* ---- transactions ---- */

static int sq_begin(void *impl, resorb_store_error *err)
{
    return run_id(impl, ST_BEGIN, err);
}

static int sq_commit(void *impl, resorb_store_error *err)
{
    return run_id(impl, ST_COMMIT, err);
}

static void sq_rollback(void *impl)
{
    sq *q = impl;
    resorb_store_error ignored;
    /* SQLite may already have rolled back by itself (after a full disk, for instance). */
    if (!sqlite3_get_autocommit(q->db))
        run_id(q, ST_ROLLBACK, &ignored);
}

static bool sq_in_transaction(void *impl)
{
    return !sqlite3_get_autocommit(((sq *)impl)->db);
}

/* SQLite starts a read transaction with a statement's first step and ends it when the
 * statement is reset, even outside BEGIN; so a statement left stepping is an open snapshot.
 * SQLITE_FCNTL_HAS_MOVED compares the inode of the open file with what the path names now. */
static bool sq_reusable(void *impl)
{
    sq *q = impl;
    int moved = 0;
    if (!sqlite3_get_autocommit(q->db))
        return false;
    for (sqlite3_stmt *st = sqlite3_next_stmt(q->db, NULL); st; st = sqlite3_next_stmt(q->db, st))
        if (sqlite3_stmt_busy(st))
            return false;
    return sqlite3_file_control(q->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
           !moved;
}

static int sq_savepoint(void *impl, resorb_store_error *err)
{
    return run_id(impl, ST_SAVEPOINT, err);
}

static int sq_release(void *impl, resorb_store_error *err)
{
    return run_id(impl, ST_RELEASE, err);
}

static void sq_rollback_savepoint(void *impl)
{
    sq *q = impl;
    resorb_store_error ignored;
    if (sqlite3_get_autocommit(q->db))
        return;
    if (run_id(q, ST_ROLLBACK_TO, &ignored) == 0)
        run_id(q, ST_RELEASE, &ignored);
}

/* ---- the record ---- */

static int sq_find_case(void *impl, const char *case_id, int64_t *patient, resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_FIND_CASE, err);
    int rc, code;
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, case_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *patient = sqlite3_column_int64(st, 0);
        code = 0;
    } else if (rc == SQLITE_DONE) {
        code = RESORB_ENOTFOUND;
    } else {
        code = fail(q, rc, err);
    }
    sqlite3_reset(st);
    return code;
}

static int sq_state(void *impl, int64_t patient, resorb_store__state *out, resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_STATE, err);
    int rc, code = 0;
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->deleted = sqlite3_column_int(st, 0) != 0;
        out->onset = col_date(st, 1);
        out->as_of = col_date(st, 2);
        out->imaging_given = sqlite3_column_int(st, 3) != 0;
        out->visits_given = sqlite3_column_int(st, 4) != 0;
        out->visits = sqlite3_column_int64(st, 5);
        out->studies = sqlite3_column_int64(st, 6);
        out->last_visit = col_date(st, 7);
    } else {
        code = rc == SQLITE_DONE ? RESORB_ENOTFOUND : fail(q, rc, err);
    }
    sqlite3_reset(st);
    return code;
}

static int sq_insert_patient(void *impl, const resorb_store__patient_row *row, int64_t *patient,
                             resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_INSERT_PATIENT, err);
    int code;
    if (!st)
        return err->code;
    bind_text(st, 1, row->case_id);
    sqlite3_bind_int(st, 2, row->age);
    bind_text(st, 3, row->sex);
    bind_text(st, 4, row->onset);
    bind_text(st, 5, row->as_of);
    sqlite3_bind_int(st, 6, row->as_of_given);
    sqlite3_bind_int(st, 7, row->imaging_given);
    sqlite3_bind_int(st, 8, row->visits_given);
    sqlite3_bind_text(st, 9, row->case_json, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, row->now, -1, SQLITE_STATIC);
    if ((code = run(q, st, err)) == 0)
        *patient = sqlite3_last_insert_rowid(q->db);
    return code;
}

static int sq_insert_visit(void *impl, int64_t patient, int64_t seq, const resorb_visit *v,
                           const char *json, resorb_store_error *err)
{
    sq *q = impl;
    char date[RESORB_DATE_TEXT];
    sqlite3_stmt *st = stmt(q, ST_INSERT_VISIT, err);
    int code;
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    sqlite3_bind_int64(st, 2, seq);
    bind_date(st, 3, v->date, date);
    bind_int(st, 4, v->leg_pain_nrs);
    bind_int(st, 5, v->back_pain_nrs);
    bind_text(st, 6, resorb_course_name(v->course));
    sqlite3_bind_int(st, 7, v->motor_given);
    sqlite3_bind_text(st, 8, json, -1, SQLITE_STATIC);
    if ((code = run(q, st, err)) != 0)
        return code;
    int64_t visit = sqlite3_last_insert_rowid(q->db);
    for (size_t i = 0; i < v->n_motor && i < RESORB_MAX_VISIT_MOTOR; i++) {
        const resorb_motor *m = &v->motor[i];
        if (!(st = stmt(q, ST_INSERT_MOTOR, err)))
            return err->code;
        sqlite3_bind_int64(st, 1, visit);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, resorb_muscle_name(m->muscle));
        bind_text(st, 4, resorb_side_name(m->side));
        bind_int(st, 5, m->mmt);
        bind_tri(st, 6, m->progressive);
        if ((code = run(q, st, err)) != 0)
            return code;
    }
    return 0;
}

static int sq_insert_study(void *impl, int64_t patient, int64_t seq, const resorb_study *s,
                           const char *json, resorb_store_error *err)
{
    sq *q = impl;
    char date[RESORB_DATE_TEXT];
    sqlite3_stmt *st = stmt(q, ST_INSERT_STUDY, err);
    int code;
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    sqlite3_bind_int64(st, 2, seq);
    bind_date(st, 3, s->date, date);
    bind_text(st, 4, resorb_modality_name(s->modality));
    sqlite3_bind_text(st, 5, json, -1, SQLITE_STATIC);
    if ((code = run(q, st, err)) != 0)
        return code;
    int64_t study = sqlite3_last_insert_rowid(q->db);
    for (size_t i = 0; i < s->n_findings && i < RESORB_MAX_FINDINGS; i++) {
        const resorb_finding *f = &s->findings[i];
        if (!(st = stmt(q, ST_INSERT_FINDING, err)))
            return err->code;
        sqlite3_bind_int64(st, 1, study);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        bind_text(st, 3, resorb_level_name(f->level));
        bind_text(st, 4, resorb_morphology_name(f->morphology));
        bind_text(st, 5, resorb_zone_name(f->zone));
        bind_text(st, 6, resorb_side_name(f->side));
        bind_text(st, 7, resorb_migration_name(f->migration));
        bind_int(st, 8, f->komori_grade);
        bind_text(st, 9, resorb_rim_name(f->rim_enhancement));
        bind_text(st, 10, resorb_t2_name(f->t2_signal));
        bind_int(st, 11, f->modic);
        bind_int(st, 12, f->pfirrmann);
        bind_real(st, 13, f->ap_mm);
        bind_real(st, 14, f->canal_compromise_pct);
        bind_real(st, 15, f->area_mm2);
        bind_real(st, 16, f->volume_mm3);
        if ((code = run(q, st, err)) != 0)
            return code;
    }
    return 0;
}

static int sq_touch(void *impl, int64_t patient, const char *as_of, bool imaging_given,
                    bool visits_given, const char *now, resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_TOUCH, err);
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, imaging_given);
    sqlite3_bind_int(st, 4, visits_given);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    return run(q, st, err);
}

/* Runs a one-patient UPDATE or DELETE; RESORB_ENOTFOUND when it changed no row. */
static int change_patient(sq *q, int id, int64_t patient, const char *now, resorb_store_error *err)
{
    sqlite3_stmt *st = stmt(q, id, err);
    int code;
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    if (now)
        sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
    if ((code = run(q, st, err)) != 0)
        return code;
    return sqlite3_changes(q->db) > 0 ? 0 : RESORB_ENOTFOUND;
}

static int sq_mark_deleted(void *impl, int64_t patient, const char *now, resorb_store_error *err)
{
    return change_patient(impl, ST_DELETE, patient, now, err);
}

static int sq_purge(void *impl, int64_t patient, resorb_store_error *err)
{
    return change_patient(impl, ST_PURGE, patient, NULL, err);
}

static int sq_audit(void *impl, const char *at, const char *actor, const char *action,
                    int64_t patient, const char *detail, resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_AUDIT, err);
    if (!st)
        return err->code;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
    if (patient > 0)
        sqlite3_bind_int64(st, 4, patient);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_text(st, 5, detail ? detail : "", -1, SQLITE_STATIC);
    return run(q, st, err);
}

/* ---- reading ---- */

static resorb_sex sex_of(const char *word)
{
    for (int v = RESORB_SEX_FEMALE; v <= RESORB_SEX_UNKNOWN; v++)
        if (strcmp(word, resorb_sex_name((resorb_sex)v)) == 0)
            return (resorb_sex)v;
    return RESORB_SEX_NONE;
}

static int sq_list(void *impl, unsigned flags, int64_t only, resorb_store_patient_fn fn, void *ctx,
                   resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_LIST, err);
    resorb_store_patient p;
    int rc, code = 0;
    if (!st)
        return err->code;
    sqlite3_bind_int(st, 1, (flags & RESORB_STORE_LIST_DELETED) != 0);
    sqlite3_bind_int64(st, 2, only);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&p, 0, sizeof p);
        p.id = sqlite3_column_int64(st, 0);
        copy_text(p.case_id, sizeof p.case_id, col_text(st, 1));
        p.age = sqlite3_column_int(st, 2);
        p.sex = sex_of(col_text(st, 3));
        p.onset = col_date(st, 4);
        p.as_of = col_date(st, 5);
        p.first = col_date(st, 6);
        p.last = col_date(st, 7);
        p.visits = sqlite3_column_int64(st, 8);
        p.studies = sqlite3_column_int64(st, 9);
        p.findings = sqlite3_column_int64(st, 10);
        p.deleted = sqlite3_column_type(st, 11) != SQLITE_NULL;
        copy_text(p.deleted_at, sizeof p.deleted_at, col_text(st, 11));
        copy_text(p.created_at, sizeof p.created_at, col_text(st, 12));
        copy_text(p.updated_at, sizeof p.updated_at, col_text(st, 13));
        if ((code = fn(ctx, &p)) != 0)
            break;
    }
    if (code == 0 && rc != SQLITE_DONE)
        code = fail(q, rc, err);
    sqlite3_reset(st);
    return code;
}

/* Appends every row's json (column 0) of a load statement to the record. */
static int load_items(sq *q, int id, int64_t patient, resorb_store__record *rec, int which,
                      resorb_store_error *err)
{
    sqlite3_stmt *st = stmt(q, id, err);
    int rc, code = 0;
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (resorb_store__record_push(rec, which, col_text(st, 0)) != 0) {
            code = resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", q->location, NULL);
            break;
        }
    }
    if (code == 0 && rc != SQLITE_DONE)
        code = fail(q, rc, err);
    sqlite3_reset(st);
    return code;
}

static int sq_load(void *impl, int64_t patient, resorb_store__record *rec, resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = NULL;
    int rc, code;
    /* One read transaction (a savepoint also works inside a caller's transaction), so the
     * three reads see the same committed state. */
    if ((code = run_id(q, ST_READ_BEGIN, err)) != 0)
        return code;
    if (!(st = stmt(q, ST_LOAD_PATIENT, err))) {
        code = err->code;
        goto done;
    }
    sqlite3_bind_int64(st, 1, patient);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        code = rc == SQLITE_DONE ? RESORB_ENOTFOUND : fail(q, rc, err);
        sqlite3_reset(st);
        goto done;
    }
    copy_text(rec->as_of, sizeof rec->as_of, col_text(st, 0));
    rec->as_of_given = sqlite3_column_int(st, 1) != 0;
    rec->imaging_given = sqlite3_column_int(st, 2) != 0;
    rec->visits_given = sqlite3_column_int(st, 3) != 0;
    rec->deleted = sqlite3_column_int(st, 4) != 0;
    rec->case_json = strdup(col_text(st, 5));
    sqlite3_reset(st);
    if (!rec->case_json) {
        code = resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", q->location, NULL);
        goto done;
    }
    if ((code = load_items(q, ST_LOAD_VISITS, patient, rec, 0, err)) != 0)
        goto done;
    code = load_items(q, ST_LOAD_STUDIES, patient, rec, 1, err);
done:
    if (code == 0) {
        code = run_id(q, ST_READ_END, err);
    } else {
        resorb_store_error ignored;
        run_id(q, ST_READ_END, &ignored);
    }
    return code;
}

static int sq_cohort(void *impl, resorb_store__finding_fn fn, void *ctx, resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_COHORT, err);
    resorb_store__finding_row r;
    int rc, code = 0;
    if (!st)
        return err->code;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r.patient = sqlite3_column_int64(st, 0);
        r.study = sqlite3_column_int64(st, 1);
        r.case_id = col_text(st, 2);
        r.age = sqlite3_column_int(st, 3);
        r.sex = col_text(st, 4);
        r.onset = col_text(st, 5);
        r.first_study = col_text(st, 6);
        r.study_date = col_text(st, 7);
        r.modality = col_text(st, 8);
        r.level = col_text(st, 9);
        r.side = col_text(st, 10);
        r.morphology = col_text(st, 11);
        r.zone = col_text(st, 12);
        r.migration = col_text(st, 13);
        r.komori = col_int(st, 14);
        r.rim = col_text(st, 15);
        r.t2 = col_text(st, 16);
        r.modic = col_int(st, 17);
        r.pfirrmann = col_int(st, 18);
        r.ap_mm = col_real(st, 19);
        r.canal_pct = col_real(st, 20);
        r.area_mm2 = col_real(st, 21);
        r.volume_mm3 = col_real(st, 22);
        if ((code = fn(ctx, &r)) != 0)
            break;
    }
    if (code == 0 && rc != SQLITE_DONE)
        code = fail(q, rc, err);
    sqlite3_reset(st);
    return code;
}

static int sq_audit_list(void *impl, int64_t patient, resorb_store_audit_fn fn, void *ctx,
                         resorb_store_error *err)
{
    sq *q = impl;
    sqlite3_stmt *st = stmt(q, ST_AUDIT_LIST, err);
    resorb_store_audit_entry e;
    int rc, code = 0;
    if (!st)
        return err->code;
    sqlite3_bind_int64(st, 1, patient);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        e.id = sqlite3_column_int64(st, 0);
        copy_text(e.at, sizeof e.at, col_text(st, 1));
        copy_text(e.actor, sizeof e.actor, col_text(st, 2));
        copy_text(e.action, sizeof e.action, col_text(st, 3));
        e.patient = sqlite3_column_int64(st, 4);
        copy_text(e.detail, sizeof e.detail, col_text(st, 5));
        if ((code = fn(ctx, &e)) != 0)
            break;
    }
    if (code == 0 && rc != SQLITE_DONE)
        code = fail(q, rc, err);
    sqlite3_reset(st);
    return code;
}

/* ---- maintenance (sqlite_maint.c) ---- */

static int sq_check(void *impl, resorb_store_check_result *out, resorb_store_error *err)
{
    sq *q = impl;
    return resorb_store__sqlite_check(q->db, q->location, out, err);
}

static int sq_backup(void *impl, const char *dest, resorb_store_error *err)
{
    return resorb_store__sqlite_backup(((sq *)impl)->db, dest, err);
}

const resorb_store_ops resorb_store__sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .version = sq_version,
    .migrate = sq_migrate,
    .check = sq_check,
    .backup = sq_backup,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .in_transaction = sq_in_transaction,
    .reusable = sq_reusable,
    .savepoint = sq_savepoint,
    .release = sq_release,
    .rollback_savepoint = sq_rollback_savepoint,
    .find_case = sq_find_case,
    .state = sq_state,
    .insert_patient = sq_insert_patient,
    .insert_visit = sq_insert_visit,
    .insert_study = sq_insert_study,
    .touch = sq_touch,
    .mark_deleted = sq_mark_deleted,
    .purge = sq_purge,
    .audit = sq_audit,
    .list = sq_list,
    .load = sq_load,
    .cohort = sq_cohort,
    .audit_list = sq_audit_list,
    .user_insert = resorb_store__sqlite_user_insert,
    .user_list = resorb_store__sqlite_user_list,
    .user_get = resorb_store__sqlite_user_get,
    .cred_insert = resorb_store__sqlite_cred_insert,
    .cred_find = resorb_store__sqlite_cred_find,
    .cred_delete = resorb_store__sqlite_cred_delete,
    .cred_list = resorb_store__sqlite_cred_list,
};

sqlite3 *resorb_store__sqlite_db(void *impl)
{
    return ((sq *)impl)->db;
}

const char *resorb_store__sqlite_location(void *impl)
{
    return ((sq *)impl)->location;
}

sqlite3_stmt **resorb_store__sqlite_kept(void *impl, int which)
{
    return &((sq *)impl)->kept[which];
}

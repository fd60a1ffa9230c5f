/*
 * store/sqlite_maint.c: maintenance of the SQLite backend: the checks behind `resorb db check`
 * and the online backup behind `resorb db backup`.
 *
 * The backup is SQLite's online backup API (one read snapshot, so writers go on) into a
 * temporary file beside the destination, made a single file (journal_mode DELETE), checked with
 * PRAGMA quick_check, flushed with fsync, and only then linked to the destination name: link()
 * never replaces an existing file, so a backup never overwrites one, and the destination is
 * either the whole checked copy or absent. The temporary file is removed on every path.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/sqlite.h"

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

static void copy_text(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

static const char counts_sql[] = "SELECT (SELECT count(*) FROM patients),"
                                 " (SELECT count(*) FROM patients WHERE deleted_at IS NOT NULL),"
                                 " (SELECT count(*) FROM visits), (SELECT count(*) FROM studies),"
                                 " (SELECT count(*) FROM findings), (SELECT count(*) FROM audit)";

int resorb_store__sqlite_check(sqlite3 *db, const char *location, resorb_store_check_result *out,
                               resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc, code = 0;
    copy_text(out->integrity, sizeof out->integrity, "ok");
    rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return resorb_store__sqlite_fail(db, location, rc, err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = col_text(st, 0);
        if (strcmp(line, "ok") == 0)
            continue;
        if (out->integrity_problems++ == 0)
            copy_text(out->integrity, sizeof out->integrity, line);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return resorb_store__sqlite_fail(db, location, rc, err);
    rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return resorb_store__sqlite_fail(db, location, rc, err);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        out->foreign_key_problems++;
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return resorb_store__sqlite_fail(db, location, rc, err);
    rc = sqlite3_prepare_v2(db, counts_sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return resorb_store__sqlite_fail(db, location, rc, err);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->patients = sqlite3_column_int64(st, 0);
        out->deleted = sqlite3_column_int64(st, 1);
        out->visits = sqlite3_column_int64(st, 2);
        out->studies = sqlite3_column_int64(st, 3);
        out->findings = sqlite3_column_int64(st, 4);
        out->audit = sqlite3_column_int64(st, 5);
    } else {
        code = resorb_store__sqlite_fail(db, location, rc, err);
    }
    sqlite3_finalize(st);
    return code;
}

static int fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* The directory part of path ("." when there is none), into out. */
static void dir_of(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        copy_text(out, n, ".");
    else if (slash == path)
        copy_text(out, n, "/");
    else
        snprintf(out, n, "%.*s", (int)(slash - path), path);
}

/* Runs a constant statement on db, keeping the first column of the first row in out. */
static int first_row(sqlite3 *db, const char *sql, char *out, size_t n)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        bool first = true;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (first && out)
                copy_text(out, n, col_text(st, 0));
            first = false;
        }
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc;
}

int resorb_store__sqlite_backup(sqlite3 *db, const char *dest, resorb_store_error *err)
{
    sqlite3 *d = NULL;
    sqlite3_backup *b = NULL;
    char *tmp = NULL, dir[4096], check[64] = "";
    struct stat sb;
    int rc, code = 0, fd = -1;
    bool made = false;

    if (lstat(dest, &sb) == 0)
        return resorb_store__fail(err, RESORB_EUSAGE, "store.error.backup_exists", dest, NULL);
    size_t n = strlen(dest) + 32;
    if (!(tmp = malloc(n)))
        return resorb_store__fail(err, RESORB_ENOMEM, "store.error.nomem", dest, NULL);
    snprintf(tmp, n, "%s.partial-XXXXXX", dest);
    if ((fd = mkstemp(tmp)) < 0) { /* mode 0600 */
        code =
            resorb_store__fail(err, RESORB_EIO, "store.error.backup_write", dest, strerror(errno));
        goto done;
    }
    close(fd);
    made = true;
    rc = sqlite3_open_v2(tmp, &d, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK && !(b = sqlite3_backup_init(d, "main", db, "main")))
        rc = sqlite3_errcode(d);
    if (rc == SQLITE_OK) {
        rc = sqlite3_backup_step(b, -1); /* all pages, under one read snapshot */
        int frc = sqlite3_backup_finish(b);
        b = NULL;
        rc = rc == SQLITE_DONE ? frc : rc;
    }
    /* The copy is a single self-contained file: no -wal beside it. */
    if (rc == SQLITE_OK)
        rc = first_row(d, "PRAGMA journal_mode = DELETE", NULL, 0);
    if (rc == SQLITE_OK)
        rc = first_row(d, "PRAGMA quick_check", check, sizeof check);
    if (rc != SQLITE_OK) {
        code = resorb_store__sqlite_fail(d, dest, rc, err);
        goto done;
    }
    if (strcmp(check, "ok") != 0) {
        code = resorb_store__fail(err, RESORB_EIO, "store.error.backup_check", dest, check);
        goto done;
    }
    sqlite3_close(d);
    d = NULL;
    if (fsync_path(tmp, O_RDONLY) != 0) {
        code =
            resorb_store__fail(err, RESORB_EIO, "store.error.backup_write", dest, strerror(errno));
        goto done;
    }
    /* link() never replaces an existing file, unlike rename(). */
    if (link(tmp, dest) != 0) {
        code = errno == EEXIST
                   ? resorb_store__fail(err, RESORB_EUSAGE, "store.error.backup_exists", dest, NULL)
                   : resorb_store__fail(err, RESORB_EIO, "store.error.backup_write", dest,
                                        strerror(errno));
        goto done;
    }
    dir_of(dest, dir, sizeof dir);
    fsync_path(dir, O_RDONLY | O_DIRECTORY);
done:
    if (b)
        sqlite3_backup_finish(b);
    sqlite3_close(d);
    if (made)
        unlink(tmp);
    free(tmp);
    return code;
}

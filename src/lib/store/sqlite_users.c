/*
 * store/sqlite_users.c: the SQLite backend's users and credentials (migration 3).
 *
 * Few and rare statements (a login, a user added), so each is prepared when used and finalized
 * after: always prepared, with bound values, never SQL built from text. The exception is the
 * credential lookup, which the server runs on every authenticated request with a connection it
 * keeps: that statement stays prepared on the connection (resorb_store__sqlite_kept), and is
 * reset after every use, so that it holds no read open between requests.
 */
#include <stdio.h>
#include <string.h>

#include "store/sqlite.h"

static int fail(void *impl, int rc, resorb_store_error *err)
{
    return resorb_store__sqlite_fail(resorb_store__sqlite_db(impl),
                                     resorb_store__sqlite_location(impl), rc, err);
}

static int prepare(void *impl, const char *sql, sqlite3_stmt **st, resorb_store_error *err)
{
    int rc = sqlite3_prepare_v2(resorb_store__sqlite_db(impl), sql, -1, st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
        return fail(impl, rc, err);
    }
    return 0;
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static void read_user(sqlite3_stmt *st, resorb_store_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, 0);
    copy_col(u->name, sizeof u->name, st, 1);
    copy_col(u->role, sizeof u->role, st, 2);
    copy_col(u->created_at, sizeof u->created_at, st, 3);
}

int resorb_store__sqlite_user_insert(void *impl, const char *name, const char *role,
                                     const char *hash, const char *now, resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int code = prepare(impl,
                       "INSERT INTO users (name, role, password_hash, created_at)"
                       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING",
                       &st, err);
    if (code != 0)
        return code;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        code = fail(impl, rc, err);
    else if (sqlite3_changes(resorb_store__sqlite_db(impl)) == 0)
        code = RESORB_EINVALID; /* the caller names the error */
    sqlite3_finalize(st);
    return code;
}

int resorb_store__sqlite_user_list(void *impl, resorb_store_user_fn fn, void *ctx,
                                   resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int code =
        prepare(impl, "SELECT id, name, role, created_at FROM users ORDER BY name", &st, err);
    if (code != 0)
        return code;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        resorb_store_user u;
        read_user(st, &u);
        if ((code = fn(ctx, &u)) != 0)
            break;
    }
    if (code == 0 && rc != SQLITE_DONE)
        code = fail(impl, rc, err);
    sqlite3_finalize(st);
    return code;
}

int resorb_store__sqlite_user_get(void *impl, const char *name, resorb_store_user *out, char *hash,
                                  size_t n, resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int code = prepare(impl,
                       "SELECT id, name, role, created_at, password_hash FROM users"
                       " WHERE name = ?1",
                       &st, err);
    if (code != 0)
        return code;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read_user(st, out);
        if (hash)
            copy_col(hash, n, st, 4);
    } else {
        code = rc == SQLITE_DONE ? RESORB_ENOTFOUND : fail(impl, rc, err);
    }
    sqlite3_finalize(st);
    return code;
}

int resorb_store__sqlite_cred_insert(void *impl, int64_t user, const char *kind, const char *digest,
                                     const char *now, const char *expires_at,
                                     resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int code =
        prepare(impl, "DELETE FROM credentials WHERE expires_at IS NOT NULL AND expires_at <= ?1",
                &st, err);
    if (code != 0)
        return code;
    sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    st = NULL;
    if (rc != SQLITE_DONE)
        return fail(impl, rc, err);
    code = prepare(impl,
                   "INSERT INTO credentials (digest, kind, user_id, created_at, expires_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5)",
                   &st, err);
    if (code != 0)
        return code;
    sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, user);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    if (expires_at)
        sqlite3_bind_text(st, 5, expires_at, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 5);
    rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        code = fail(impl, rc, err);
    sqlite3_finalize(st);
    return code;
}

int resorb_store__sqlite_cred_find(void *impl, const char *kind, const char *digest,
                                   const char *now, resorb_store_user *out, resorb_store_error *err)
{
    sqlite3_stmt **kept = resorb_store__sqlite_kept(impl, SQ_KEPT_CRED_FIND);
    int code = 0;
    if (!*kept) {
        int rc = sqlite3_prepare_v3(resorb_store__sqlite_db(impl),
                                    "SELECT u.id, u.name, u.role, u.created_at FROM credentials c"
                                    " JOIN users u ON u.id = c.user_id"
                                    " WHERE c.digest = ?1 AND c.kind = ?2"
                                    " AND (c.expires_at IS NULL OR c.expires_at > ?3)",
                                    -1, SQLITE_PREPARE_PERSISTENT, kept, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(*kept);
            *kept = NULL;
            return fail(impl, rc, err);
        }
    }
    sqlite3_stmt *st = *kept;
    sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_user(st, out);
    else
        code = rc == SQLITE_DONE ? RESORB_ENOTFOUND : fail(impl, rc, err);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

int resorb_store__sqlite_cred_delete(void *impl, const char *kind, const char *digest,
                                     bool *deleted, resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int code = prepare(impl, "DELETE FROM credentials WHERE digest = ?1 AND kind = ?2", &st, err);
    if (code != 0)
        return code;
    sqlite3_bind_text(st, 1, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        code = fail(impl, rc, err);
    else
        *deleted = sqlite3_changes(resorb_store__sqlite_db(impl)) > 0;
    sqlite3_finalize(st);
    return code;
}

int resorb_store__sqlite_cred_list(void *impl, int64_t user, const char *kind,
                                   resorb_store__cred_fn fn, void *ctx, resorb_store_error *err)
{
    sqlite3_stmt *st = NULL;
    int code = prepare(impl,
                       "SELECT digest, kind, created_at, expires_at FROM credentials"
                       " WHERE user_id = ?1 AND (?2 IS NULL OR kind = ?2)"
                       " ORDER BY created_at, digest",
                       &st, err);
    if (code != 0)
        return code;
    sqlite3_bind_int64(st, 1, user);
    if (kind)
        sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 2);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *t[4];
        for (int i = 0; i < 4; i++)
            t[i] = sqlite3_column_text(st, i);
        resorb_store__cred_row row = {
            .digest = t[0] ? (const char *)t[0] : "",
            .kind = t[1] ? (const char *)t[1] : "",
            .created_at = t[2] ? (const char *)t[2] : "",
            .expires_at = (const char *)t[3],
        };
        if ((code = fn(ctx, &row)) != 0)
            break;
    }
    if (code == 0 && rc != SQLITE_DONE)
        code = fail(impl, rc, err);
    sqlite3_finalize(st);
    return code;
}

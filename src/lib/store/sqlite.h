/*
 * store/sqlite.h: shared between the SQLite backend's files (sqlite.c, sqlite_maint.c,
 * migrations.c; internal).
 */
#ifndef RESORB_STORE_SQLITE_H
#define RESORB_STORE_SQLITE_H

#include <sqlite3.h>

#include "store/backend.h"

/* Maps a SQLite result code onto err (a clear key per kind: full, read-only, busy, ...), with
 * the location and SQLite's own message as arguments. Returns the RESORB_E* code. */
int resorb_store__sqlite_fail(sqlite3 *db, const char *location, int rc, resorb_store_error *err);

/* The schema version of db: 0 for an empty database; RESORB_EINVALID when db holds tables but
 * no schema_version table (not a resorb database). */
int resorb_store__sqlite_version(sqlite3 *db, const char *location, int *version,
                                 resorb_store_error *err);

/* Applies the migrations above db's version, each in its own IMMEDIATE transaction together
 * with its schema_version row and its audit row. target 0 = the newest. */
int resorb_store__sqlite_migrate(sqlite3 *db, const char *location, int target, const char *actor,
                                 const char *now, int *from, int *to, resorb_store_error *err);

/* PRAGMA integrity_check, foreign_key_check and the row counts into out (sqlite_maint.c). */
int resorb_store__sqlite_check(sqlite3 *db, const char *location, resorb_store_check_result *out,
                               resorb_store_error *err);
/* The online backup of db to the new file dest (sqlite_maint.c). */
int resorb_store__sqlite_backup(sqlite3 *db, const char *dest, resorb_store_error *err);

/* The connection and location of an open SQLite store (for sqlite_users.c). */
sqlite3 *resorb_store__sqlite_db(void *impl);
const char *resorb_store__sqlite_location(void *impl);
/* Where sqlite_users.c keeps a statement prepared for the connection's life (finalized when it
 * closes): the credential lookup, which the server runs on every request. */
enum { SQ_KEPT_CRED_FIND, SQ_KEPT__COUNT };
sqlite3_stmt **resorb_store__sqlite_kept(void *impl, int which);

/* Users and credentials (sqlite_users.c): the backend's functions of the same name. */
int resorb_store__sqlite_user_insert(void *impl, const char *name, const char *role,
                                     const char *hash, const char *now, resorb_store_error *err);
int resorb_store__sqlite_user_list(void *impl, resorb_store_user_fn fn, void *ctx,
                                   resorb_store_error *err);
int resorb_store__sqlite_user_get(void *impl, const char *name, resorb_store_user *out, char *hash,
                                  size_t n, resorb_store_error *err);
int resorb_store__sqlite_cred_insert(void *impl, int64_t user, const char *kind, const char *digest,
                                     const char *now, const char *expires_at,
                                     resorb_store_error *err);
int resorb_store__sqlite_cred_find(void *impl, const char *kind, const char *digest,
                                   const char *now, resorb_store_user *out,
                                   resorb_store_error *err);
int resorb_store__sqlite_cred_delete(void *impl, const char *kind, const char *digest,
                                     bool *deleted, resorb_store_error *err);
int resorb_store__sqlite_cred_list(void *impl, int64_t user, const char *kind,
                                   resorb_store__cred_fn fn, void *ctx, resorb_store_error *err);

/* The newest schema version (the number of migrations). */
int resorb_store__sqlite_latest(void);

#endif

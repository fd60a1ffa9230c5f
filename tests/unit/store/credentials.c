/*
 * tests/unit/store/credentials.c: listing and revoking a user's credentials
 * (resorb_store_credential_list, resorb_store_token_revoke, resorb_store_credential_revoke_all
 * in src/lib/store/store.c over sqlite_users.c): ids are digest prefixes, a revocation touches
 * exactly the credentials it names and never another user's, a refused one removes nothing and
 * writes no audit row, and every removal has its audit row; a handle kept open (as the
 * server keeps a few) sees at its next lookup a revocation made through another.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "helpers.h"
#include "resorb/error.h"
#include "resorb/store.h"

/* Digests as the server makes them (64 hex digits); A1 and A2 share their first 6 digits. */
#define A1 "abcdef1111111111111111111111111111111111111111111111111111111111"
#define A2 "abcdef2222222222222222222222222222222222222222222222222222222222"
#define B1 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define S1 "5555555555555555555555555555555555555555555555555555555555555555"
#define S2 "6666666666666666666666666666666666666666666666666666666666666666"
#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"

typedef struct creds {
    char dir[512], db[600];
    resorb_store *s;
    resorb_store_error err;
} creds;

static int creds_setup(void **state)
{
    creds *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    *state = f;
    scratch_make(f->dir, sizeof f->dir);
    snprintf(f->db, sizeof f->db, "%s/creds.db", f->dir);
    if (!f->dir[0] || resorb_store_open(&f->s, f->db, RESORB_STORE_CREATE, &f->err) != 0)
        return -1;
    /* ann: two tokens (A1, A2) and a session (S1); bob: a token (B1) and a session (S2). */
    const char *adds[][3] = {{"ann", "token", A1},
                             {"ann", "token", A2},
                             {"ann", "session", S1},
                             {"bob", "token", B1},
                             {"bob", "session", S2}};
    if (resorb_store_user_add(f->s, "ann", "viewer", HASH, "tester", &f->err) != 0 ||
        resorb_store_user_add(f->s, "bob", "clinician", HASH, "tester", &f->err) != 0)
        return -1;
    for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++)
        if (resorb_store_credential_add(
                f->s, adds[i][0], adds[i][1], adds[i][2],
                strcmp(adds[i][1], "session") == 0 ? "2999-01-01T00:00:00.000Z" : NULL, "tester",
                &f->err) != 0)
            return -1;
    return 0;
}

static int creds_teardown(void **state)
{
    creds *f = *state;
    resorb_store_close(f->s);
    scratch_remove(f->dir);
    free(f);
    return 0;
}

/* Whether digest (of kind) still lets its user in. */
static bool valid(creds *f, const char *kind, const char *digest)
{
    resorb_store_user u;
    return resorb_store_credential_find(f->s, kind, digest, &u, &f->err) == 0;
}

/* The listed credentials, "id kind expires_at|never;..." */
typedef struct listing {
    char text[512];
} listing;

static int list_into(void *ctx, const resorb_store_credential *c)
{
    listing *l = ctx;
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%s %s %s;", c->id, c->kind,
             c->expires_at[0] ? c->expires_at : "never");
    return 0;
}

/* The audit rows after the setup's, "action detail;..." */
static int audit_into(void *ctx, const resorb_store_audit_entry *e)
{
    listing *l = ctx;
    size_t n = strlen(l->text);
    if (strstr(e->action, "revoke") || strcmp(e->action, "session.logout") == 0)
        snprintf(l->text + n, sizeof l->text - n, "%s %s;", e->action, e->detail);
    return 0;
}

static void audit_of(creds *f, listing *out)
{
    out->text[0] = '\0';
    assert_int_equal(resorb_store_audit(f->s, 0, audit_into, out, &f->err), 0);
}

static void test_credentials__tokens_are_listed_by_id_without_sessions(void **state)
{
    creds *f = *state;
    listing l = {{0}};
    assert_int_equal(resorb_store_credential_list(f->s, "ann", "token", list_into, &l, &f->err), 0);
    assert_string_equal(l.text, "abcdef111111 token never;abcdef222222 token never;");
    l.text[0] = '\0';
    assert_int_equal(resorb_store_credential_list(f->s, "ann", "session", list_into, &l, &f->err),
                     0);
    assert_string_equal(l.text, "555555555555 session 2999-01-01T00:00:00.000Z;");
}

static void test_credentials__expired_ones_are_not_listed(void **state)
{
    creds *f = *state;
    listing l = {{0}};
    assert_int_equal(resorb_store_credential_add(f->s, "bob", "token", S1 "0",
                                                 "2000-01-01T00:00:00.000Z", "tester", &f->err),
                     0);
    assert_int_equal(resorb_store_credential_list(f->s, "bob", "token", list_into, &l, &f->err), 0);
    assert_string_equal(l.text, "0123456789ab token never;");
}

static void test_credentials__revoke_removes_one_token(void **state)
{
    creds *f = *state;
    listing a;
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "abcdef1", "admin", &f->err), 0);
    assert_false(valid(f, "token", A1));
    assert_true(valid(f, "token", A2));
    assert_true(valid(f, "session", S1));
    assert_true(valid(f, "token", B1));
    /* the full digest is a prefix too */
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", A2, "admin", &f->err), 0);
    assert_false(valid(f, "token", A2));
    audit_of(f, &a);
    assert_string_equal(a.text, "token.revoke user ann, token abcdef111111;"
                                "token.revoke user ann, token abcdef222222;");
}

static void test_credentials__a_refused_revocation_removes_nothing(void **state)
{
    creds *f = *state;
    listing a;
    /* several, none, another user's, not hex, a session's digest, no such user */
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "abcdef", "admin", &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.ambiguous_credential");
    assert_string_equal(f->err.args[0], "abcdef");
    assert_string_equal(f->err.args[1], "ann");
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "abcdef3", "admin", &f->err),
                     RESORB_ENOTFOUND);
    assert_string_equal(f->err.key, "store.error.no_credential");
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "0123456789ab", "admin", &f->err),
                     RESORB_ENOTFOUND);
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "ABCDEF1", "admin", &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.bad_credential_id");
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "", "admin", &f->err), RESORB_EINVALID);
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "5555", "admin", &f->err),
                     RESORB_ENOTFOUND);
    assert_int_equal(resorb_store_token_revoke(f->s, "cat", "abcdef1", "admin", &f->err),
                     RESORB_ENOTFOUND);
    assert_string_equal(f->err.key, "store.error.no_user");
    assert_int_equal(resorb_store_token_revoke(f->s, "ann", "abcdef1", NULL, &f->err),
                     RESORB_EUSAGE);
    assert_true(valid(f, "token", A1) && valid(f, "token", A2) && valid(f, "token", B1));
    assert_true(valid(f, "session", S1));
    audit_of(f, &a);
    assert_string_equal(a.text, "");
}

static void test_credentials__revoke_all_ends_tokens_and_sessions_of_one_user(void **state)
{
    creds *f = *state;
    size_t tokens = 9, sessions = 9;
    listing a, l = {{0}};
    assert_int_equal(
        resorb_store_credential_revoke_all(f->s, "ann", "admin", &tokens, &sessions, &f->err), 0);
    assert_int_equal(tokens, 2);
    assert_int_equal(sessions, 1);
    assert_false(valid(f, "token", A1) || valid(f, "token", A2) || valid(f, "session", S1));
    assert_true(valid(f, "token", B1) && valid(f, "session", S2));
    assert_int_equal(resorb_store_credential_list(f->s, "ann", "token", list_into, &l, &f->err), 0);
    assert_string_equal(l.text, "");
    /* one row each (in creation order: two made in the same millisecond may come either way) */
    const char *rows[] = {"token.revoke user ann, token abcdef111111;",
                          "token.revoke user ann, token abcdef222222;",
                          "session.revoke user ann, session 555555555555;"};
    size_t total = 0;
    audit_of(f, &a);
    for (size_t i = 0; i < 3; i++) {
        assert_non_null(strstr(a.text, rows[i]));
        total += strlen(rows[i]);
    }
    assert_int_equal(strlen(a.text), total);
    /* again: nothing left, no audit row; the counts may be left out */
    assert_int_equal(
        resorb_store_credential_revoke_all(f->s, "ann", "admin", &tokens, &sessions, &f->err), 0);
    assert_int_equal(tokens + sessions, 0);
    assert_int_equal(resorb_store_credential_revoke_all(f->s, "bob", "admin", NULL, NULL, &f->err),
                     0);
    assert_false(valid(f, "token", B1) || valid(f, "session", S2));
    assert_int_equal(resorb_store_credential_revoke_all(f->s, "cat", "admin", NULL, NULL, &f->err),
                     RESORB_ENOTFOUND);
    assert_string_equal(f->err.key, "store.error.no_user");
}

static void test_credentials__logout_is_audited_with_the_session_id(void **state)
{
    creds *f = *state;
    listing a;
    assert_int_equal(resorb_store_credential_delete(f->s, "session", S1, "api:ann", &f->err), 0);
    assert_false(valid(f, "session", S1));
    audit_of(f, &a);
    assert_string_equal(a.text, "session.logout session 555555555555;");
}

static void test_credentials__unknown_users_and_bad_arguments(void **state)
{
    creds *f = *state;
    listing l = {{0}};
    assert_int_equal(resorb_store_credential_list(f->s, "cat", "token", list_into, &l, &f->err),
                     RESORB_ENOTFOUND);
    assert_string_equal(f->err.key, "store.error.no_user");
    assert_int_equal(resorb_store_credential_list(f->s, "ann", "cookie", list_into, &l, &f->err),
                     RESORB_EUSAGE);
    assert_int_equal(resorb_store_credential_list(f->s, "ann", "token", NULL, &l, &f->err),
                     RESORB_EUSAGE);
    assert_string_equal(l.text, "");
}

static void test_credentials__a_read_only_store_revokes_nothing(void **state)
{
    creds *f = *state;
    resorb_store *ro = NULL;
    resorb_store_close(f->s);
    f->s = NULL;
    assert_int_equal(resorb_store_open(&ro, f->db, RESORB_STORE_READONLY, &f->err), 0);
    assert_int_not_equal(resorb_store_token_revoke(ro, "ann", "abcdef1", "admin", &f->err), 0);
    assert_int_not_equal(
        resorb_store_credential_revoke_all(ro, "ann", "admin", NULL, NULL, &f->err), 0);
    f->s = ro;
    assert_true(valid(f, "token", A1) && valid(f, "session", S1));
}

static void test_credentials__a_kept_handle_sees_a_revocation_at_once(void **state)
{
    creds *f = *state;
    resorb_store *other = NULL;
    /* The lookup's statement stays prepared on the handle, and holds no read between uses. */
    assert_true(valid(f, "token", A1));
    assert_true(valid(f, "token", A1));
    assert_false(valid(f, "token", S1));
    assert_true(resorb_store_reusable(f->s));
    assert_int_equal(resorb_store_open(&other, f->db, 0, &f->err), 0);
    assert_int_equal(resorb_store_token_revoke(other, "ann", "abcdef1", "tester", &f->err), 0);
    assert_int_equal(resorb_store_credential_revoke_all(other, "bob", "tester", NULL, NULL, &f->err),
                     0);
    resorb_store_close(other);
    assert_false(valid(f, "token", A1));
    assert_true(valid(f, "token", A2));
    assert_false(valid(f, "token", B1));
    assert_false(valid(f, "session", S2));
    assert_true(resorb_store_reusable(f->s));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, creds_setup, creds_teardown)
    const struct CMUnitTest tests[] = {
        T(test_credentials__tokens_are_listed_by_id_without_sessions),
        T(test_credentials__expired_ones_are_not_listed),
        T(test_credentials__revoke_removes_one_token),
        T(test_credentials__a_refused_revocation_removes_nothing),
        T(test_credentials__revoke_all_ends_tokens_and_sessions_of_one_user),
        T(test_credentials__logout_is_audited_with_the_session_id),
        T(test_credentials__unknown_users_and_bad_arguments),
        T(test_credentials__a_read_only_store_revokes_nothing),
        T(test_credentials__a_kept_handle_sees_a_revocation_at_once),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/store/store.c: the registry (src/lib/store/) on a real SQLite file in a scratch
 * directory: opening and migrations, the record's rules, the audit trail, soft delete and
 * purge, and that a write which fails (invalid, a duplicate, a full database) leaves nothing
 * behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "helpers.h"
#include "resorb/store.h"
#include "store/sqlite.h"

static const char case_a[] =
    "{\"format\":\"resorb.case/1\",\"id\":\"case-a\",\"as_of\":\"2025-03-10\","
    "\"patient\":{\"age\":44,\"sex\":\"female\"},\"history\":{\"onset\":\"2025-02-01\"},"
    "\"imaging\":[{\"date\":\"2025-02-20\",\"modality\":\"mri\",\"findings\":[{\"level\":"
    "\"L5/S1\",\"morphology\":\"extrusion\",\"side\":\"right\",\"ap_mm\":9}]}],"
    "\"visits\":[{\"date\":\"2025-02-20\",\"leg_pain_nrs\":7,\"motor\":[{\"muscle\":"
    "\"ankle_plantarflexion\",\"side\":\"right\",\"mmt\":4}]}]}";
static const char case_b[] = "{\"format\":\"resorb.case/1\",\"patient\":{\"age\":30,\"sex\":"
                             "\"male\"},\"history\":{\"onset\":\"2025-01-01\"},"
                             "\"as_of\":\"2025-01-15\"}";

typedef struct fixture {
    char dir[512], db[600];
    resorb_store *s;
    resorb_store_error err;
    resorb_case c;
    resorb_diags d;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    scratch_make(f->dir, sizeof f->dir);
    if (!f->dir[0])
        return -1;
    snprintf(f->db, sizeof f->db, "%s/test.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    resorb_store_close(f->s);
    scratch_remove(f->dir);
    free(f);
    return 0;
}

static void open_new(fixture *f)
{
    if (resorb_store_open(&f->s, f->db, RESORB_STORE_CREATE, &f->err) != 0)
        fail_msg("open: %s", f->err.message);
}

static int64_t add_text(fixture *f, const char *text)
{
    int64_t id = 0;
    assert_int_equal(parse_text(&f->c, text, strlen(text)), 0);
    if (resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err) != 0)
        fail_msg("add: %s", f->err.message);
    return id;
}

/* One integer from SQL run on the database file directly (a second connection). */
static long long sql_int(fixture *f, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static int sql_exec(fixture *f, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return rc;
}

/* Every row count, to compare before and after a failed write. */
static void counts(fixture *f, long long out[6])
{
    static const char *const sql[6] = {
        "SELECT count(*) FROM patients",    "SELECT count(*) FROM visits",
        "SELECT count(*) FROM visit_motor", "SELECT count(*) FROM studies",
        "SELECT count(*) FROM findings",    "SELECT count(*) FROM audit"};
    for (int i = 0; i < 6; i++)
        out[i] = sql_int(f, sql[i]);
}

static void assert_same_counts(const long long a[6], const long long b[6])
{
    for (int i = 0; i < 6; i++)
        if (a[i] != b[i])
            fail_msg("table %d: %lld rows before, %lld after", i, a[i], b[i]);
}

/* ---- opening ---- */

static void test_store__missing_database_is_not_created_without_create(void **state)
{
    fixture *f = *state;
    assert_int_equal(resorb_store_open(&f->s, f->db, 0, &f->err), RESORB_EIO);
    assert_string_equal(f->err.key, "store.error.missing");
    assert_null(f->s);
    assert_int_equal(access(f->db, F_OK), -1);
}

static void test_store__postgresql_is_not_built_yet(void **state)
{
    fixture *f = *state;
    assert_int_equal(resorb_store_open(&f->s, "postgresql://localhost/resorb", 0, &f->err),
                     RESORB_EUSAGE);
    assert_string_equal(f->err.key, "store.error.pg_not_built");
    assert_null(f->s);
}

static void test_store__other_files_are_refused(void **state)
{
    fixture *f = *state;
    FILE *fp = fopen(f->db, "wb");
    assert_non_null(fp);
    fputs("this is not a database, just some text that is long enough to have a header", fp);
    fclose(fp);
    assert_int_equal(resorb_store_open(&f->s, f->db, RESORB_STORE_CREATE, &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.not_resorb");
    unlink(f->db);
    assert_int_equal(sql_exec(f, "CREATE TABLE t (x)"), SQLITE_OK);
    assert_int_equal(resorb_store_open(&f->s, f->db, RESORB_STORE_CREATE, &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.foreign_db");
}

static void test_store__new_database_is_private_and_in_wal_mode(void **state)
{
    fixture *f = *state;
    struct stat sb;
    open_new(f);
    assert_int_equal(stat(f->db, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_store__migrations_are_idempotent(void **state)
{
    fixture *f = *state;
    int from = -1, to = -1, version = 0;
    open_new(f);
    assert_int_equal(resorb_store_version(f->s, &version, &f->err), 0);
    assert_int_equal(version, resorb_store_schema_version());
    assert_true(version >= 2);
    assert_int_equal(resorb_store_migrate(f->s, "tester", &from, &to, &f->err), 0);
    assert_int_equal(from, version);
    assert_int_equal(to, version);
    resorb_store_close(f->s);
    f->s = NULL;
    open_new(f); /* CREATE on an existing, current database changes nothing */
    assert_int_equal(resorb_store_migrate(f->s, "tester", &from, &to, &f->err), 0);
    assert_int_equal(from, to);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM schema_version"), version);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action = 'db.migrate'"), version);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE actor <> 'resorb'"), 0);
}

static void test_store__migrate_brings_an_old_schema_forward(void **state)
{
    fixture *f = *state;
    sqlite3 *db = NULL;
    resorb_store_error err;
    int from = -1, to = -1;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(resorb_store__sqlite_migrate(db, f->db, 1, "old", "2025-01-01T00:00:00.000Z",
                                                  &from, &to, &err),
                     0);
    sqlite3_close(db);
    assert_int_equal(from, 0);
    assert_int_equal(to, 1);
    /* An older schema is refused until migrated. */
    assert_int_equal(resorb_store_open(&f->s, f->db, 0, &f->err), RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.needs_migration");
    assert_int_equal(resorb_store_open(&f->s, f->db, RESORB_STORE_MIGRATE, &f->err), 0);
    assert_int_equal(resorb_store_migrate(f->s, "admin", &from, &to, &f->err), 0);
    assert_int_equal(from, 1);
    assert_int_equal(to, resorb_store_schema_version());
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action = 'db.migrate' AND "
                                "actor = 'admin'"),
                     resorb_store_schema_version() - 1);
}

static void test_store__newer_schema_is_refused(void **state)
{
    fixture *f = *state;
    open_new(f);
    resorb_store_close(f->s);
    f->s = NULL;
    assert_int_equal(sql_exec(f, "INSERT INTO schema_version VALUES (99, 'x', 'future')"),
                     SQLITE_OK);
    assert_int_equal(resorb_store_open(&f->s, f->db, RESORB_STORE_MIGRATE, &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.too_new");
    assert_string_equal(f->err.args[1], "99");
}

/* ---- writes, rules, audit ---- */

static void test_store__every_write_is_audited(void **state)
{
    fixture *f = *state;
    resorb_visit v;
    resorb_study st;
    resorb_diags d;
    const char visit[] = "{\"date\":\"2025-03-20\",\"leg_pain_nrs\":3}";
    const char study[] = "{\"date\":\"2025-04-01\",\"modality\":\"mri\",\"findings\":[]}";
    open_new(f);
    int64_t a = add_text(f, case_a), b = add_text(f, case_b);
    resorb_diags_init(&d);
    assert_int_equal(resorb_case_parse_visit(&v, visit, strlen(visit), &d), 0);
    assert_int_equal(resorb_store_add_visit(f->s, a, &v, "nurse", &d, &f->err), 0);
    assert_int_equal(resorb_case_parse_study(&st, study, strlen(study), &d), 0);
    assert_int_equal(resorb_store_add_study(f->s, a, &st, "radiologist", &d, &f->err), 0);
    assert_int_equal(resorb_store_delete(f->s, b, "admin", &f->err), 0);
    assert_int_equal(resorb_store_purge(f->s, b, "admin", &f->err), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action <> 'db.migrate'"), 6);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action = 'case.add' AND "
                                "actor = 'tester'"),
                     2);
    assert_int_equal(sql_int(f, "SELECT patient_id FROM audit WHERE action = 'visit.add' AND "
                                "actor = 'nurse' AND detail = '2025-03-20'"),
                     a);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action = 'study.add' AND "
                                "actor = 'radiologist'"),
                     1);
    /* the purge keeps the trail of the purged patient */
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE patient_id = 2"), 3);
    assert_int_equal(
        sql_int(f, "SELECT count(*) FROM audit WHERE at NOT LIKE '____-__-__T__:__:__.___Z'"), 0);
    /* the trail is append-only */
    assert_int_not_equal(sql_exec(f, "UPDATE audit SET actor = 'someone else'"), SQLITE_OK);
    assert_int_not_equal(sql_exec(f, "DELETE FROM audit"), SQLITE_OK);
    /* and readable through the API */
    assert_int_equal(resorb_store_audit(f->s, a, (resorb_store_audit_fn)NULL, NULL, &f->err),
                     RESORB_EUSAGE);
}

static int count_entries(void *ctx, const resorb_store_audit_entry *e)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

static void test_store__audit_can_be_listed_per_patient(void **state)
{
    fixture *f = *state;
    int n = 0;
    open_new(f);
    int64_t a = add_text(f, case_a);
    add_text(f, case_b);
    assert_int_equal(resorb_store_delete(f->s, a, "admin", &f->err), 0);
    assert_int_equal(resorb_store_audit(f->s, a, count_entries, &n, &f->err), 0);
    assert_int_equal(n, 2);
    n = 0;
    assert_int_equal(resorb_store_audit(f->s, 0, count_entries, &n, &f->err), 0);
    assert_int_equal(n, 3 + resorb_store_schema_version());
}

static void test_store__a_stored_case_id_is_refused_and_nothing_written(void **state)
{
    fixture *f = *state;
    long long before[6], after[6];
    int64_t id = 0;
    open_new(f);
    int64_t first = add_text(f, case_a);
    counts(f, before);
    assert_int_equal(parse_text(&f->c, case_a, strlen(case_a)), 0);
    assert_int_equal(resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.already_stored");
    assert_string_equal(f->err.args[0], "case-a");
    assert_int_equal(id, 0);
    counts(f, after);
    assert_same_counts(before, after);
    /* also when the first one is soft-deleted: it is still stored */
    assert_int_equal(resorb_store_delete(f->s, first, "admin", &f->err), 0);
    assert_int_equal(resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err),
                     RESORB_EINVALID);
    /* a case without id may be stored any number of times */
    assert_int_not_equal(add_text(f, case_b), add_text(f, case_b));
}

static void test_store__an_invalid_case_is_refused(void **state)
{
    fixture *f = *state;
    int64_t id = 0;
    long long before[6], after[6];
    open_new(f);
    counts(f, before);
    assert_int_equal(parse_text(&f->c, case_a, strlen(case_a)), 0);
    f->c.visits[0].date = resorb_date_from_ymd(2026, 1, 1); /* after as_of */
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_store_add_case(f->s, &f->c, "tester", &id, &f->d, &f->err),
                     RESORB_EINVALID);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].problem, RESORB_P_AFTER_AS_OF);
    counts(f, after);
    assert_same_counts(before, after);
    assert_int_equal(parse_text(&f->c, case_a, strlen(case_a)), 0);
    assert_int_equal(resorb_store_add_case(f->s, &f->c, NULL, &id, NULL, &f->err), RESORB_EUSAGE);
    assert_string_equal(f->err.key, "store.error.no_actor");
}

static int add_visit_text(fixture *f, int64_t patient, const char *text)
{
    resorb_visit v;
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_case_parse_visit(&v, text, strlen(text), &f->d), 0);
    return resorb_store_add_visit(f->s, patient, &v, "nurse", &f->d, &f->err);
}

static void test_store__visits_stay_in_date_order(void **state)
{
    fixture *f = *state;
    long long before[6], after[6];
    open_new(f);
    int64_t a = add_text(f, case_a);
    counts(f, before);
    assert_int_equal(add_visit_text(f, a, "{\"date\":\"2025-02-19\"}"), RESORB_EINVALID);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].problem, RESORB_P_OUT_OF_ORDER);
    assert_string_equal(f->d.items[0].path, "/date");
    assert_string_equal(f->d.items[0].args[1], "2025-02-20");
    counts(f, after);
    assert_same_counts(before, after);
    /* the same day as the last visit is in order; a date before onset is a warning */
    assert_int_equal(add_visit_text(f, a, "{\"date\":\"2025-02-20\",\"leg_pain_nrs\":6}"), 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(add_visit_text(f, 999, "{\"date\":\"2025-02-20\"}"), RESORB_ENOTFOUND);
    assert_string_equal(f->err.key, "store.error.no_patient");
}

static void test_store__a_visit_that_is_not_valid_is_refused(void **state)
{
    fixture *f = *state;
    resorb_visit v;
    long long before[6], after[6];
    open_new(f);
    int64_t a = add_text(f, case_a);
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_case_parse_visit(&v, "{\"date\":\"2025-03-01\"}", 21, &f->d), 0);
    v.leg_pain_nrs = 11; /* a struct filled by hand, not by the parser */
    counts(f, before);
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_store_add_visit(f->s, a, &v, "nurse", &f->d, &f->err),
                     RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.invalid_item");
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].problem, RESORB_P_RANGE);
    assert_string_equal(f->d.items[0].path, "/leg_pain_nrs");
    counts(f, after);
    assert_same_counts(before, after);
}

static void test_store__a_later_visit_moves_as_of_forward(void **state)
{
    fixture *f = *state;
    open_new(f);
    int64_t a = add_text(f, case_a);
    assert_int_equal(add_visit_text(f, a,
                                    "{\"date\":\"2025-06-01\",\"leg_pain_nrs\":1,"
                                    "\"motor\":[]}"),
                     0);
    assert_int_equal(resorb_store_load_case(f->s, a, &f->c, &f->err), 0);
    assert_int_equal(f->c.as_of, resorb_date_from_ymd(2025, 6, 1));
    assert_int_equal(f->c.n_visits, 2);
    assert_true(f->c.visits[1].motor_given);
    assert_int_equal(f->c.visits[1].leg_pain_nrs, 1);
    /* a case stored without visits gets its visits list when one is added */
    int64_t b = add_text(f, case_b);
    assert_int_equal(add_visit_text(f, b, "{\"date\":\"2025-01-10\"}"), 0);
    assert_int_equal(resorb_store_load_case(f->s, b, &f->c, &f->err), 0);
    assert_true(f->c.visits_given);
    assert_int_equal(f->c.as_of, resorb_date_from_ymd(2025, 1, 15));
}

static void test_store__studies_are_sorted_by_date_and_capped(void **state)
{
    fixture *f = *state;
    resorb_study st;
    char text[128];
    open_new(f);
    int64_t a = add_text(f, case_a);
    /* one study before the stored one: loaded in date order */
    snprintf(text, sizeof text, "{\"date\":\"2025-02-02\",\"modality\":\"ct\",\"findings\":[]}");
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_case_parse_study(&st, text, strlen(text), &f->d), 0);
    assert_int_equal(resorb_store_add_study(f->s, a, &st, "r", &f->d, &f->err), 0);
    assert_int_equal(resorb_store_load_case(f->s, a, &f->c, &f->err), 0);
    assert_int_equal(f->c.n_imaging, 2);
    assert_int_equal(f->c.imaging[0].modality, RESORB_MODALITY_CT);
    for (int i = 2; i < RESORB_MAX_STUDIES; i++)
        assert_int_equal(resorb_store_add_study(f->s, a, &st, "r", &f->d, &f->err), 0);
    long long before[6], after[6];
    counts(f, before);
    assert_int_equal(resorb_store_add_study(f->s, a, &st, "r", &f->d, &f->err), RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.too_many_studies");
    counts(f, after);
    assert_same_counts(before, after);
    assert_int_equal(resorb_store_load_case(f->s, a, &f->c, &f->err), 0);
    assert_int_equal(f->c.n_imaging, RESORB_MAX_STUDIES);
}

static void test_store__visits_are_capped(void **state)
{
    fixture *f = *state;
    open_new(f);
    int64_t a = add_text(f, case_a);
    for (int i = 1; i < RESORB_MAX_VISITS; i++)
        assert_int_equal(add_visit_text(f, a, "{\"date\":\"2025-03-01\"}"), 0);
    assert_int_equal(add_visit_text(f, a, "{\"date\":\"2025-03-01\"}"), RESORB_EINVALID);
    assert_string_equal(f->err.key, "store.error.too_many_visits");
    assert_int_equal(resorb_store_load_case(f->s, a, &f->c, &f->err), 0);
    assert_int_equal(f->c.n_visits, RESORB_MAX_VISITS);
}

static void test_store__a_study_with_two_findings_at_one_level_and_side_is_invalid(void **state)
{
    fixture *f = *state;
    resorb_study st;
    const char text[] = "{\"date\":\"2025-02-02\",\"modality\":\"mri\",\"findings\":["
                        "{\"level\":\"L4/L5\",\"morphology\":\"bulge\"},"
                        "{\"level\":\"L4/L5\",\"morphology\":\"protrusion\",\"side\":\"left\"},"
                        "{\"level\":\"L4/L5\",\"morphology\":\"extrusion\",\"side\":\"left\"}]}";
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_case_parse_study(&st, text, strlen(text), &f->d), RESORB_EINVALID);
    assert_int_equal(f->d.errors, 1);
    assert_int_equal(f->d.items[0].problem, RESORB_P_DUPLICATE_FINDING);
    assert_string_equal(f->d.items[0].path, "/findings/2");
}

/* ---- soft delete, purge ---- */

static int count_patients(void *ctx, const resorb_store_patient *p)
{
    int *n = ctx;
    n[0]++;
    n[1] += p->deleted;
    return 0;
}

static int collect_csv(void *ctx, const char *data, size_t len)
{
    size_t *lines = ctx;
    for (size_t i = 0; i < len; i++)
        *lines += data[i] == '\n';
    return 0;
}

static void test_store__soft_delete_hides(void **state)
{
    fixture *f = *state;
    int n[2] = {0, 0};
    size_t lines = 0;
    resorb_store_patient p;
    open_new(f);
    int64_t a = add_text(f, case_a), b = add_text(f, case_b);
    assert_int_equal(resorb_store_delete(f->s, a, "admin", &f->err), 0);
    assert_int_equal(resorb_store_list(f->s, 0, count_patients, n, &f->err), 0);
    assert_int_equal(n[0], 1);
    assert_int_equal(n[1], 0);
    n[0] = n[1] = 0;
    assert_int_equal(resorb_store_list(f->s, RESORB_STORE_LIST_DELETED, count_patients, n, &f->err),
                     0);
    assert_int_equal(n[0], 2);
    assert_int_equal(n[1], 1);
    assert_int_equal(resorb_store_load_case(f->s, a, &f->c, &f->err), RESORB_ENOTFOUND);
    assert_int_equal(resorb_store_get_patient(f->s, a, 0, &p, &f->err), RESORB_ENOTFOUND);
    assert_int_equal(resorb_store_get_patient(f->s, a, RESORB_STORE_LIST_DELETED, &p, &f->err), 0);
    assert_true(p.deleted);
    assert_true(p.deleted_at[0] != '\0');
    assert_int_equal(resorb_store_get_patient(f->s, b, 0, &p, &f->err), 0);
    assert_string_equal(p.case_id, "");
    assert_int_equal(add_visit_text(f, a, "{\"date\":\"2025-04-01\"}"), RESORB_ENOTFOUND);
    assert_int_equal(resorb_store_delete(f->s, a, "admin", &f->err), RESORB_ENOTFOUND);
    /* the cohort leaves it out: a header row and nothing from patient a */
    assert_int_equal(resorb_store_cohort_csv(f->s, collect_csv, &lines, &f->err), 0);
    assert_int_equal(lines, 1);
    /* the data is still there */
    assert_int_equal(sql_int(f, "SELECT count(*) FROM findings"), 1);
}

static void test_store__purge_removes_every_row(void **state)
{
    fixture *f = *state;
    open_new(f);
    int64_t a = add_text(f, case_a), b = add_text(f, case_b);
    assert_int_equal(resorb_store_purge(f->s, a, "admin", &f->err), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM patients"), 1);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM visits"), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM visit_motor"), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM studies"), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM findings"), 0);
    assert_int_equal(resorb_store_purge(f->s, a, "admin", &f->err), RESORB_ENOTFOUND);
    assert_int_equal(resorb_store_load_case(f->s, b, &f->c, &f->err), 0);
    /* ids are never given twice, also not after a purge of the newest */
    assert_int_equal(resorb_store_purge(f->s, b, "admin", &f->err), 0);
    assert_int_equal(add_text(f, case_b), b + 1);
    /* a purged case id may be stored again */
    assert_int_equal(add_text(f, case_a), b + 2);
}

/* ---- failures leave nothing behind ---- */

static void test_store__a_full_database_writes_nothing(void **state)
{
    fixture *f = *state;
    resorb_store_options o = {.flags = RESORB_STORE_CREATE};
    long long before[6], after[6];
    int64_t id = 0;
    int rc = 0, added = 0;
    open_new(f);
    resorb_store_close(f->s);
    f->s = NULL;
    /* A quota a few pages above the current size: the database fills up quickly. */
    o.max_bytes = (sql_int(f, "PRAGMA page_count") + 6) * sql_int(f, "PRAGMA page_size");
    assert_int_equal(resorb_store_open_with(&f->s, f->db, &o, &f->err), 0);
    assert_int_equal(parse_text(&f->c, case_b, strlen(case_b)), 0);
    for (int i = 0; i < 10000; i++) {
        counts(f, before);
        if ((rc = resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err)) != 0)
            break;
        added++;
    }
    assert_int_equal(rc, RESORB_EIO);
    assert_string_equal(f->err.key, "store.error.full");
    assert_true(added > 0);
    counts(f, after);
    assert_same_counts(before, after);
    /* still usable for reading, and consistent */
    resorb_store_check_result r;
    assert_int_equal(resorb_store_check(f->s, RESORB_STORE_CHECK_DEEP, &r, &f->err), 0);
    assert_true(r.ok);
    assert_int_equal(r.patients, added);
}

static void test_store__a_failed_batch_writes_nothing(void **state)
{
    fixture *f = *state;
    resorb_store_options o = {.flags = RESORB_STORE_CREATE};
    int64_t id = 0;
    int rc = 0;
    open_new(f);
    /* rollback: nothing of the batch */
    assert_int_equal(resorb_store_begin(f->s, &f->err), 0);
    add_text(f, case_b);
    add_text(f, case_a);
    resorb_store_rollback(f->s);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM patients"), 0);
    /* a failed write inside a batch is undone alone */
    assert_int_equal(resorb_store_begin(f->s, &f->err), 0);
    add_text(f, case_a);
    assert_int_equal(resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err),
                     RESORB_EINVALID);
    add_text(f, case_b);
    assert_int_equal(resorb_store_commit(f->s, &f->err), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM patients"), 2);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM audit WHERE action = 'case.add'"), 2);
    /* a batch that hits a full disk: the whole batch is gone, and commit says so */
    resorb_store_close(f->s);
    f->s = NULL;
    o.max_bytes = (sql_int(f, "PRAGMA page_count") + 4) * sql_int(f, "PRAGMA page_size");
    assert_int_equal(resorb_store_open_with(&f->s, f->db, &o, &f->err), 0);
    assert_int_equal(parse_text(&f->c, case_b, strlen(case_b)), 0);
    assert_int_equal(resorb_store_begin(f->s, &f->err), 0);
    for (int i = 0; i < 10000 && rc == 0; i++)
        rc = resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err);
    assert_int_equal(rc, RESORB_EIO);
    rc = resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err);
    assert_int_not_equal(rc, 0);
    assert_int_not_equal(resorb_store_commit(f->s, &f->err), 0);
    assert_int_equal(sql_int(f, "SELECT count(*) FROM patients"), 2);
}

static void test_store__read_only_store_refuses_writes(void **state)
{
    fixture *f = *state;
    int64_t id = 0;
    open_new(f);
    add_text(f, case_a);
    resorb_store_close(f->s);
    f->s = NULL;
    assert_int_equal(resorb_store_open(&f->s, f->db, RESORB_STORE_READONLY, &f->err), 0);
    assert_int_equal(resorb_store_load_case(f->s, 1, &f->c, &f->err), 0);
    assert_int_equal(resorb_store_add_case(f->s, &f->c, "tester", &id, NULL, &f->err),
                     RESORB_EUSAGE);
    assert_string_equal(f->err.key, "store.error.opened_readonly");
}

/* ---- maintenance ---- */

static void test_store__backup_is_a_whole_loadable_copy(void **state)
{
    fixture *f = *state;
    char dest[700];
    resorb_store *b = NULL;
    resorb_store_check_result r;
    open_new(f);
    add_text(f, case_a);
    add_text(f, case_b);
    snprintf(dest, sizeof dest, "%s/backup.db", f->dir);
    assert_int_equal(resorb_store_backup(f->s, dest, &f->err), 0);
    assert_int_equal(resorb_store_backup(f->s, dest, &f->err), RESORB_EUSAGE);
    assert_string_equal(f->err.key, "store.error.backup_exists");
    assert_int_equal(resorb_store_open(&b, dest, RESORB_STORE_READONLY, &f->err), 0);
    assert_int_equal(resorb_store_check(b, RESORB_STORE_CHECK_DEEP, &r, &f->err), 0);
    assert_true(r.ok);
    assert_int_equal(r.patients, 2);
    assert_int_equal(resorb_store_load_case(b, 1, &f->c, &f->err), 0);
    assert_string_equal(f->c.id, "case-a");
    resorb_store_close(b);
    struct stat sb;
    assert_int_equal(stat(dest, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
}

static void test_store__check_finds_a_damaged_record(void **state)
{
    fixture *f = *state;
    resorb_store_check_result r;
    open_new(f);
    add_text(f, case_a);
    int64_t b = add_text(f, case_b);
    assert_int_equal(resorb_store_check(f->s, RESORB_STORE_CHECK_DEEP, &r, &f->err), 0);
    assert_true(r.ok);
    assert_int_equal(r.schema_version, r.expected_version);
    assert_int_equal(r.patients, 2);
    assert_int_equal(r.visits, 1);
    assert_int_equal(r.findings, 1);
    assert_int_equal(sql_exec(f, "UPDATE patients SET case_json = '{\"format\":\"x\"}' "
                                 "WHERE id = 2"),
                     SQLITE_OK);
    assert_int_equal(resorb_store_load_case(f->s, b, &f->c, &f->err), RESORB_EIO);
    assert_string_equal(f->err.key, "store.error.damaged");
    assert_int_equal(resorb_store_check(f->s, RESORB_STORE_CHECK_DEEP, &r, &f->err), 0);
    assert_false(r.ok);
    assert_int_equal(r.unreadable, 1);
    assert_int_equal(r.first_unreadable, b);
    assert_int_equal(resorb_store_check(f->s, 0, &r, &f->err), 0);
    assert_true(r.ok); /* without --deep only the database's own checks run */
}

static void test_store__cohort_csv_has_one_row_per_finding(void **state)
{
    fixture *f = *state;
    size_t lines = 0;
    open_new(f);
    add_text(f, case_a);
    add_text(f, case_b);
    assert_int_equal(resorb_store_cohort_csv(f->s, collect_csv, &lines, &f->err), 0);
    assert_int_equal(lines, 2);
}

/* ---- a handle kept between units of work (resorb_store_reusable) ---- */

static int stop_after_first(void *ctx, const resorb_store_patient *p)
{
    (void)p;
    ++*(int *)ctx;
    return 1; /* the walk stops; the statement must not be left stepping */
}

static void test_store__a_kept_handle_is_reusable_until_its_file_moves(void **state)
{
    fixture *f = *state;
    char moved[700];
    int seen = 0;
    assert_false(resorb_store_reusable(NULL));
    open_new(f);
    assert_true(resorb_store_reusable(f->s));
    add_text(f, case_a);
    add_text(f, case_b);
    assert_int_equal(resorb_store_list(f->s, 0, stop_after_first, &seen, &f->err), 1);
    assert_int_equal(seen, 1);
    assert_true(resorb_store_reusable(f->s));
    /* Inside a transaction: not to be kept. */
    assert_int_equal(resorb_store_begin(f->s, &f->err), 0);
    assert_false(resorb_store_reusable(f->s));
    assert_int_equal(resorb_store_commit(f->s, &f->err), 0);
    assert_true(resorb_store_reusable(f->s));
    /* A write by another connection is seen by the kept one's next read. */
    assert_int_equal(sql_exec(f, "UPDATE patients SET deleted_at = '2025-04-01T00:00:00.000Z'"
                                 " WHERE id = 1"),
                     SQLITE_OK);
    resorb_store_patient p;
    assert_int_equal(resorb_store_get_patient(f->s, 1, 0, &p, &f->err), RESORB_ENOTFOUND);
    assert_true(resorb_store_reusable(f->s));
    /* The file moved away (a restore renames another into place): not reusable. */
    snprintf(moved, sizeof moved, "%s/moved.db", f->dir);
    assert_int_equal(rename(f->db, moved), 0);
    assert_false(resorb_store_reusable(f->s));
    assert_int_equal(rename(moved, f->db), 0);
    assert_true(resorb_store_reusable(f->s));
    assert_int_equal(unlink(f->db), 0);
    assert_false(resorb_store_reusable(f->s));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_store__missing_database_is_not_created_without_create),
        T(test_store__postgresql_is_not_built_yet),
        T(test_store__other_files_are_refused),
        T(test_store__new_database_is_private_and_in_wal_mode),
        T(test_store__migrations_are_idempotent),
        T(test_store__migrate_brings_an_old_schema_forward),
        T(test_store__newer_schema_is_refused),
        T(test_store__every_write_is_audited),
        T(test_store__audit_can_be_listed_per_patient),
        T(test_store__a_stored_case_id_is_refused_and_nothing_written),
        T(test_store__an_invalid_case_is_refused),
        T(test_store__visits_stay_in_date_order),
        T(test_store__a_visit_that_is_not_valid_is_refused),
        T(test_store__a_later_visit_moves_as_of_forward),
        T(test_store__studies_are_sorted_by_date_and_capped),
        T(test_store__visits_are_capped),
        T(test_store__a_study_with_two_findings_at_one_level_and_side_is_invalid),
        T(test_store__soft_delete_hides),
        T(test_store__purge_removes_every_row),
        T(test_store__a_full_database_writes_nothing),
        T(test_store__a_failed_batch_writes_nothing),
        T(test_store__read_only_store_refuses_writes),
        T(test_store__backup_is_a_whole_loadable_copy),
        T(test_store__check_finds_a_damaged_record),
        T(test_store__cohort_csv_has_one_row_per_finding),
        T(test_store__a_kept_handle_is_reusable_until_its_file_moves),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}

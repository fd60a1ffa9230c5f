/*
 * tests/unit/store/roundtrip.c: nothing stored is lost.
 *
 *  - the canonical writer (src/lib/case/write.c): for every example and a set of edge cases,
 *    parse(write(c)) equals c field by field, and writing again gives the same bytes;
 *  - the registry (src/lib/store/): for every example, parse -> add -> load gives the parsed
 *    case back, field by field and byte for byte in canonical JSON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "helpers.h"
#include "resorb/store.h"

typedef struct fixture {
    resorb_case a, b;
    char dir[512];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->dir[0])
        scratch_remove(f->dir);
    free(f);
    return 0;
}

/* parse(text) -> write -> parse -> write: the two cases agree and the two texts are equal. */
static void check_write_roundtrip(fixture *f, const char *name, const char *text, size_t len)
{
    char *j1 = NULL, *j2 = NULL;
    cmp k = {{0}};
    if (parse_text(&f->a, text, len) != 0)
        fail_msg("%s: the input does not parse", name);
    assert_int_equal(resorb_case_to_json(&j1, &f->a), 0);
    if (parse_text(&f->b, j1, strlen(j1)) != 0)
        fail_msg("%s: the canonical JSON does not parse:\n%s", name, j1);
    if (!cases_equal(&k, &f->a, &f->b))
        fail_msg("%s: parse(write(c)) differs from c at %s\n%s", name, k.where, j1);
    assert_int_equal(resorb_case_to_json(&j2, &f->b), 0);
    if (strcmp(j1, j2) != 0)
        fail_msg("%s: writing twice gives different text:\n%s\n%s", name, j1, j2);
    free(j1);
    free(j2);
}

static void test_roundtrip__write_then_parse_gives_every_example_back(void **state)
{
    fixture *f = *state;
    examples ex;
    examples_list(&ex);
    if (ex.n < 10)
        fail_msg("found %zu examples; is RESORB_SOURCE_DIR set?", ex.n);
    for (size_t i = 0; i < ex.n; i++) {
        size_t len = 0;
        char *text = slurp(ex.path[i], &len);
        assert_non_null(text);
        check_write_roundtrip(f, ex.path[i], text, len);
        free(text);
    }
    examples_free(&ex);
}

/* What the examples do not cover: absent as_of, lists given empty, null ODI items, numbers
 * without a short decimal form, every questionnaire and block field. */
static const char *const edge_cases[] = {
    "{\"format\":\"resorb.case/1\",\"patient\":{\"age\":0,\"sex\":\"unknown\"},"
    "\"history\":{\"onset\":\"2025-01-01\"}}",
    "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-03-01\",\"patient\":{\"age\":120,"
    "\"sex\":\"other\",\"conditions\":[],\"medications\":[],\"allergies\":[]},"
    "\"history\":{\"onset\":\"2025-01-01\",\"red_flags\":{}},\"exam\":{},\"imaging\":[],"
    "\"treatments\":[],\"visits\":[],\"questionnaires\":{}}",
    "{\"format\":\"resorb.case/1\",\"id\":\"edge-3\",\"as_of\":\"2025-03-01\","
    "\"patient\":{\"age\":40,\"sex\":\"female\",\"weight_kg\":61.3,\"height_cm\":0.1e3,"
    "\"serum_creatinine_mg_dl\":0.30000000000000004,\"pregnant\":true,"
    "\"conditions\":[\"hypertension\",\"ckd\",\"peptic_ulcer\"],\"medications\":[\"diuretic\"],"
    "\"allergies\":[\"contrast\",\"nsaid\"]},"
    "\"history\":{\"onset\":\"2025-01-01\",\"leg_pain_nrs\":0,\"back_pain_nrs\":10,"
    "\"leg_pain_side\":\"none\",\"course\":\"worsening\",\"red_flags\":{\"fever\":true,"
    "\"night_pain\":false},\"prior_lumbar_surgery\":true},"
    "\"exam\":{\"slr\":[{\"side\":\"left\",\"positive\":true,\"angle_deg\":0}],"
    "\"crossed_slr\":false,\"femoral_stretch\":[{\"side\":\"right\",\"positive\":false}],"
    "\"motor\":[{\"muscle\":\"hip_abduction\",\"side\":\"left\",\"mmt\":0,\"progressive\":true}],"
    "\"sensory\":[{\"dermatome\":\"S2\",\"side\":\"left\",\"finding\":\"absent\"}],"
    "\"reflexes\":[{\"reflex\":\"patellar\",\"side\":\"left\",\"grade\":\"increased\"}],"
    "\"perianal_sensation\":\"reduced\",\"anal_tone\":\"reduced\","
    "\"post_void_residual_ml\":123.456789012345},"
    "\"imaging\":[{\"date\":\"2025-01-05\",\"modality\":\"ct\",\"findings\":[]},"
    "{\"date\":\"2025-02-01\",\"modality\":\"mri\",\"findings\":[{\"level\":\"L1/L2\","
    "\"morphology\":\"sequestration\",\"zone\":\"extraforaminal\",\"side\":\"midline\","
    "\"migration\":\"cranial\",\"komori_grade\":3,\"rim_enhancement\":\"none\","
    "\"t2_signal\":\"low\",\"modic\":3,\"pfirrmann\":5,\"ap_mm\":30,"
    "\"canal_compromise_pct\":100,\"area_mm2\":1e-7,\"volume_mm3\":1234567.125},"
    "{\"level\":\"L1/L2\",\"morphology\":\"bulge\"}]}],"
    "\"treatments\":[{\"kind\":\"epidural_steroid\",\"start\":\"2025-01-10\","
    "\"end\":\"2025-01-10\",\"response\":\"none\",\"side\":\"both\",\"guidance\":\"landmark\"},"
    "{\"kind\":\"nerve_root_block\",\"start\":\"2025-01-20\",\"root\":\"L1\","
    "\"guidance\":\"ct\"},{\"kind\":\"kampo\",\"start\":\"2024-12-01\"}],"
    "\"visits\":[{\"date\":\"2025-01-02\",\"motor\":[]},{\"date\":\"2025-01-02\","
    "\"leg_pain_nrs\":3,\"back_pain_nrs\":0,\"course\":\"stable\",\"motor\":[{\"muscle\":"
    "\"knee_flexion\",\"side\":\"right\",\"mmt\":5,\"progressive\":false}]}],"
    "\"questionnaires\":{\"odi\":[{\"items\":[0,null,5,null,1,2,3,4,null,0]}],"
    "\"rdq\":[{\"date\":\"2025-01-02\",\"items\":[true,false,true,false,true,false,true,false,"
    "true,false,true,false,true,false,true,false,true,false,true,false,true,false,true,true]}],"
    "\"dn4\":[{\"items\":[true,true,true,true,true,true,true,false,false,false]}],"
    "\"paindetect\":[{\"date\":\"2025-01-03\",\"items\":[0,1,2,3,4,5,0],"
    "\"course\":\"attacks_with_pain_between\",\"radiating\":false}],"
    "\"startback\":[{\"items\":[true,true,false,false,true,true,false,false],"
    "\"bothersomeness\":\"extremely\"}],"
    "\"joa\":[{\"date\":\"2025-02-02\",\"low_back_pain\":0,\"leg_pain\":3,\"gait\":2,\"slr\":0,"
    "\"sensory\":1,\"motor\":2,\"adl\":[0,1,2,0,1,2,0],\"bladder\":-6}],"
    "\"joabpeq\":[{\"domains\":{\"pain\":0,\"lumbar_function\":33.333333333333336,"
    "\"walking\":100,\"social\":42.5,\"mental\":0.1}}]}}",
};

static void test_roundtrip__write_then_parse_gives_edge_cases_back(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < sizeof edge_cases / sizeof edge_cases[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "edge case %zu", i);
        check_write_roundtrip(f, name, edge_cases[i], strlen(edge_cases[i]));
    }
}

static void test_roundtrip__absent_fields_are_not_written(void **state)
{
    fixture *f = *state;
    char *j = NULL;
    assert_int_equal(parse_text(&f->a, edge_cases[0], strlen(edge_cases[0])), 0);
    assert_int_equal(resorb_case_to_json(&j, &f->a), 0);
    /* No as_of (it was not given), no lists, nothing "not assessed". */
    assert_string_equal(j, "{\"format\":\"resorb.case/1\",\"patient\":{\"age\":0,"
                           "\"sex\":\"unknown\"},\"history\":{\"onset\":\"2025-01-01\"}}");
    free(j);
}

static void test_roundtrip__numbers_take_their_shortest_exact_form(void **state)
{
    fixture *f = *state;
    char *j = NULL;
    const char *text = edge_cases[2];
    assert_int_equal(parse_text(&f->a, text, strlen(text)), 0);
    assert_int_equal(resorb_case_to_json(&j, &f->a), 0);
    assert_non_null(strstr(j, "\"weight_kg\":61.3,"));
    assert_non_null(strstr(j, "\"height_cm\":100,"));
    assert_non_null(strstr(j, "\"serum_creatinine_mg_dl\":0.30000000000000004,"));
    assert_non_null(strstr(j, "\"area_mm2\":9.9999999999999995e-08,") ||
                    strstr(j, "\"area_mm2\":1e-07,"));
    /* code sets in code order, whatever the input order */
    assert_non_null(strstr(j, "\"conditions\":[\"peptic_ulcer\",\"ckd\",\"hypertension\"]"));
    free(j);
}

static void test_roundtrip__add_then_load_gives_every_example_back(void **state)
{
    fixture *f = *state;
    resorb_store *s = NULL;
    resorb_store_error err;
    examples ex;
    char db[600];
    scratch_make(f->dir, sizeof f->dir);
    assert_true(f->dir[0] != '\0');
    snprintf(db, sizeof db, "%s/r.db", f->dir);
    assert_int_equal(resorb_store_open(&s, db, RESORB_STORE_CREATE, &err), 0);
    examples_list(&ex);
    assert_true(ex.n >= 10);
    for (size_t i = 0; i < ex.n; i++) {
        size_t len = 0;
        int64_t id = 0;
        char *text = slurp(ex.path[i], &len), *j1 = NULL, *j2 = NULL;
        cmp k = {{0}};
        assert_non_null(text);
        assert_int_equal(parse_text(&f->a, text, len), 0);
        if (resorb_store_add_case(s, &f->a, "test", &id, NULL, &err) != 0)
            fail_msg("%s: add: %s", ex.path[i], err.message);
        assert_int_equal(id, (int64_t)i + 1);
        if (resorb_store_load_case(s, id, &f->b, &err) != 0)
            fail_msg("%s: load: %s", ex.path[i], err.message);
        if (!cases_equal(&k, &f->a, &f->b))
            fail_msg("%s: the loaded case differs at %s", ex.path[i], k.where);
        assert_int_equal(resorb_case_to_json(&j1, &f->a), 0);
        assert_int_equal(resorb_case_to_json(&j2, &f->b), 0);
        assert_string_equal(j1, j2);
        free(j1);
        free(j2);
        free(text);
    }
    examples_free(&ex);
    resorb_store_close(s);
}

static void test_roundtrip__add_then_load_gives_edge_cases_back(void **state)
{
    fixture *f = *state;
    resorb_store *s = NULL;
    resorb_store_error err;
    char db[600];
    scratch_make(f->dir, sizeof f->dir);
    snprintf(db, sizeof db, "%s/e.db", f->dir);
    assert_int_equal(resorb_store_open(&s, db, RESORB_STORE_CREATE, &err), 0);
    for (size_t i = 0; i < sizeof edge_cases / sizeof edge_cases[0]; i++) {
        int64_t id = 0;
        cmp k = {{0}};
        assert_int_equal(parse_text(&f->a, edge_cases[i], strlen(edge_cases[i])), 0);
        assert_int_equal(resorb_store_add_case(s, &f->a, "test", &id, NULL, &err), 0);
        assert_int_equal(resorb_store_load_case(s, id, &f->b, &err), 0);
        if (!cases_equal(&k, &f->a, &f->b))
            fail_msg("edge case %zu: the loaded case differs at %s", i, k.where);
    }
    resorb_store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_roundtrip__write_then_parse_gives_every_example_back,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip__write_then_parse_gives_edge_cases_back,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip__absent_fields_are_not_written, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip__numbers_take_their_shortest_exact_form,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip__add_then_load_gives_every_example_back,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip__add_then_load_gives_edge_cases_back, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/case/parse.c: resorb_case_parse, the decoder and the cross-field rules
 * (src/lib/case/). The file-level corpus of invalid inputs is tests/bad/; these tests check
 * the typed values the decoder produces and each rule's path, problem and arguments.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "resorb/case.h"

/* The worked case of the source document (docs/case-format.md). */
static const char seed[] =
    "{\"format\":\"resorb.case/1\",\"id\":\"seed-l5s1-right\",\"as_of\":\"2025-03-10\","
    "\"patient\":{\"age\":44,\"sex\":\"female\",\"weight_kg\":56,\"serum_creatinine_mg_dl\":0.7},"
    "\"history\":{\"onset\":\"2025-02-01\",\"leg_pain_nrs\":7,\"back_pain_nrs\":4,"
    "\"leg_pain_side\":\"right\",\"course\":\"stable\",\"red_flags\":{\"urinary_retention\":false,"
    "\"saddle_anesthesia\":false,\"fever\":false}},"
    "\"exam\":{\"slr\":[{\"side\":\"right\",\"positive\":true,\"angle_deg\":40}],"
    "\"motor\":[{\"muscle\":\"ankle_plantarflexion\",\"side\":\"right\",\"mmt\":4}],"
    "\"reflexes\":[{\"reflex\":\"achilles\",\"side\":\"right\",\"grade\":\"reduced\"}],"
    "\"sensory\":[{\"dermatome\":\"S1\",\"side\":\"right\",\"finding\":\"reduced\"}]},"
    "\"imaging\":[{\"date\":\"2025-02-20\",\"modality\":\"mri\",\"findings\":[{\"level\":\"L5/S1\","
    "\"morphology\":\"extrusion\",\"zone\":\"subarticular\",\"side\":\"right\",\"migration\":"
    "\"caudal\",\"ap_mm\":9.0}]}]}";

typedef struct fixture {
    resorb_case c;
    resorb_diags d;
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
    free(*state);
    return 0;
}

static int parse(fixture *f, const char *json, resorb_date default_as_of)
{
    resorb_parse_options o = {.default_as_of = default_as_of};
    resorb_diags_init(&f->d);
    return resorb_case_parse(&f->c, json, strlen(json), &o, &f->d);
}

/* The case text built from a template: {"format":..., PATIENT, HISTORY, REST}. */
static char *minimal(const char *extra)
{
    static const char head[] = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\","
                               "\"patient\":{\"age\":47,\"sex\":\"female\"},"
                               "\"history\":{\"onset\":\"2025-03-20\"}";
    size_t n = strlen(head) + strlen(extra) + 4;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s%s}", head, *extra ? "," : "", extra);
    return s;
}

static int parse_with(fixture *f, const char *extra)
{
    char *s = minimal(extra);
    int rc = parse(f, s, RESORB_DATE_NONE);
    free(s);
    return rc;
}

/* True when the diagnostics hold problem p at path (severity sev). */
static bool has(const fixture *f, resorb_severity sev, resorb_problem p, const char *path)
{
    for (size_t i = 0; i < f->d.count; i++)
        if (f->d.items[i].severity == sev && f->d.items[i].problem == p &&
            strcmp(f->d.items[i].path, path) == 0)
            return true;
    return false;
}

/* Appends s to the text in buf (size n), truncating. */
static void append(char *buf, size_t n, const char *s)
{
    size_t len = strlen(buf);
    snprintf(buf + len, n - len, "%s", s);
}

static const resorb_error *first(const fixture *f, resorb_problem p)
{
    for (size_t i = 0; i < f->d.count; i++)
        if (f->d.items[i].problem == p)
            return &f->d.items[i];
    return NULL;
}

static void test_parse__seed_case_is_typed(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, seed, RESORB_DATE_NONE), 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->d.warnings, 0);
    const resorb_case *c = &f->c;
    assert_string_equal(c->id, "seed-l5s1-right");
    assert_int_equal(c->as_of, resorb_date_from_ymd(2025, 3, 10));
    assert_true(c->as_of_given);
    assert_int_equal(c->patient.age, 44);
    assert_int_equal(c->patient.sex, RESORB_SEX_FEMALE);
    assert_true(c->patient.weight_kg == 56.0);
    assert_true(isnan(c->patient.height_cm));
    assert_int_equal(c->history.leg_pain_side, RESORB_SIDE_RIGHT);
    assert_int_equal(c->history.course, RESORB_COURSE_STABLE);
    assert_int_equal(c->exam.n_slr, 1);
    assert_int_equal(c->exam.slr[0].angle_deg, 40);
    assert_int_equal(c->exam.slr[0].positive, RESORB_TRI_YES);
    assert_int_equal(c->exam.motor[0].muscle, RESORB_MUSCLE_ANKLE_PLANTARFLEXION);
    assert_int_equal(c->exam.motor[0].mmt, 4);
    assert_int_equal(c->exam.motor[0].progressive, RESORB_TRI_UNKNOWN);
    assert_int_equal(c->exam.sensory[0].dermatome, RESORB_ROOT_S1);
    assert_int_equal(c->exam.reflexes[0].grade, RESORB_GRADE_REDUCED);
    assert_int_equal(c->n_imaging, 1);
    const resorb_finding *fi = &c->imaging[0].findings[0];
    assert_int_equal(fi->level, RESORB_LEVEL_L5_S1);
    assert_int_equal(fi->morphology, RESORB_MORPH_EXTRUSION);
    assert_int_equal(fi->zone, RESORB_ZONE_SUBARTICULAR);
    assert_int_equal(fi->migration, RESORB_MIGRATION_CAUDAL);
    assert_true(fi->ap_mm == 9.0);
    assert_int_equal(fi->rim_enhancement, RESORB_RIM_NONE); /* no contrast study */
    assert_int_equal(fi->komori_grade, RESORB_INT_NONE);
}

static void test_parse__absent_is_not_no(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, seed, RESORB_DATE_NONE), 0);
    const resorb_history *h = &f->c.history;
    assert_true(h->red_flags_given);
    assert_int_equal(h->red_flags[RESORB_RF_URINARY_RETENTION], RESORB_TRI_NO);
    /* Not asked: neither yes nor no. */
    assert_int_equal(h->red_flags[RESORB_RF_BOWEL_INCONTINENCE], RESORB_TRI_UNKNOWN);
    assert_int_equal(h->red_flags[RESORB_RF_NIGHT_PAIN], RESORB_TRI_UNKNOWN);
    assert_int_equal(f->c.patient.pregnant, RESORB_TRI_UNKNOWN);
    assert_false(f->c.patient.conditions.given);
    assert_false(f->c.treatments_given);
    assert_false(f->c.questionnaires.given);
}

static void test_parse__empty_list_means_none(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"treatments\":[]"), 0);
    assert_true(f->c.treatments_given);
    assert_int_equal(f->c.n_treatments, 0);
}

static void test_parse__codes_become_a_set(void **state)
{
    fixture *f = *state;
    char *s = minimal("");
    free(s);
    assert_int_equal(
        parse(f,
              "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":80,"
              "\"sex\":\"male\",\"conditions\":[\"ckd\",\"diabetes\"],\"medications\":[],"
              "\"allergies\":[\"nsaid\"]},\"history\":{\"onset\":\"2025-03-20\"}}",
              RESORB_DATE_NONE),
        0);
    const resorb_patient *p = &f->c.patient;
    assert_true(resorb_codeset_has(&p->conditions, RESORB_COND_CKD));
    assert_true(resorb_codeset_has(&p->conditions, RESORB_COND_DIABETES));
    assert_false(resorb_codeset_has(&p->conditions, RESORB_COND_DIALYSIS));
    assert_true(p->medications.given);
    assert_int_equal(p->medications.bits, 0);
    assert_true(resorb_codeset_has(&p->allergies, RESORB_ALLERGY_NSAID));
}

static void test_parse__duplicate_code_is_an_error(void **state)
{
    fixture *f = *state;
    const char *j = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":80,"
                    "\"sex\":\"male\",\"conditions\":[\"ckd\",\"ckd\"]},\"history\":{\"onset\":"
                    "\"2025-03-20\"}}";
    assert_int_equal(parse(f, j, RESORB_DATE_NONE), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_DUPLICATE_ITEM, "/patient/conditions/1"));
}

static void test_parse__default_as_of_fills_a_missing_one(void **state)
{
    fixture *f = *state;
    const char *j = "{\"format\":\"resorb.case/1\",\"patient\":{\"age\":47,\"sex\":\"female\"},"
                    "\"history\":{\"onset\":\"2025-03-20\"}}";
    resorb_date today = resorb_date_from_ymd(2025, 6, 1);
    assert_int_equal(parse(f, j, today), 0);
    assert_int_equal(f->c.as_of, today);
    assert_false(f->c.as_of_given);
    assert_int_equal(parse(f, j, RESORB_DATE_NONE), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_REQUIRED, "/as_of"));
}

static void test_parse__collects_every_error(void **state)
{
    fixture *f = *state;
    const char *j = "{\"format\":\"resorb.case/2\",\"patient\":{\"age\":121,\"sex\":\"x\"},"
                    "\"history\":{\"onset\":\"2025-02-30\",\"leg_pain_nrs\":\"7\"},\"extra\":1}";
    assert_int_equal(parse(f, j, resorb_date_from_ymd(2025, 6, 1)), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_ENUM, "/format"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_RANGE, "/patient/age"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_ENUM, "/patient/sex"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_DATE, "/history/onset"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_TYPE, "/history/leg_pain_nrs"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_UNKNOWN_FIELD, "/extra"));
    assert_int_equal(f->d.errors, 6);
}

static void test_parse__range_error_names_bounds_and_value(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"exam\":{\"motor\":[{\"muscle\":\"hip_flexion\",\"side\":"
                                   "\"left\",\"mmt\":6}]}"),
                     RESORB_EINVALID);
    const resorb_error *e = first(f, RESORB_P_RANGE);
    assert_non_null(e);
    assert_string_equal(e->path, "/exam/motor/0/mmt");
    assert_string_equal(e->args[0], "0");
    assert_string_equal(e->args[1], "5");
    assert_string_equal(e->args[2], "6");
}

static void test_parse__integral_real_is_an_integer(void **state)
{
    fixture *f = *state;
    const char *ok = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":"
                     "44.0,\"sex\":\"female\"},\"history\":{\"onset\":\"2025-03-20\"}}";
    assert_int_equal(parse(f, ok, RESORB_DATE_NONE), 0);
    assert_int_equal(f->c.patient.age, 44);
    const char *bad = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":"
                      "44.5,\"sex\":\"female\"},\"history\":{\"onset\":\"2025-03-20\"}}";
    assert_int_equal(parse(f, bad, RESORB_DATE_NONE), RESORB_EINVALID);
    const resorb_error *e = first(f, RESORB_P_TYPE);
    assert_non_null(e);
    assert_string_equal(e->args[0], "integer");
    assert_string_equal(e->args[1], "number");
}

static void test_parse__syntax_error_has_line_and_column(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, "{\n  \"format\": \"resorb.case/1\",\n  \"x\": }", RESORB_DATE_NONE),
                     RESORB_EINVALID);
    const resorb_error *e = first(f, RESORB_P_SYNTAX);
    assert_non_null(e);
    assert_int_equal(e->line, 3);
    assert_true(e->column > 0);
    assert_string_equal(e->path, "");
}

static void test_parse__duplicate_key_names_the_key(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, "{\"patient\":{\"age\":44,\"age\":45}}", RESORB_DATE_NONE),
                     RESORB_EINVALID);
    const resorb_error *e = first(f, RESORB_P_DUPLICATE_KEY);
    assert_non_null(e);
    assert_string_equal(e->args[0], "age");
    assert_int_equal(e->line, 1);
}

static void test_parse__nul_and_bad_utf8_are_encoding_errors(void **state)
{
    fixture *f = *state;
    static const char nul[] = "{\"id\":\"a\0b\"}";
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_case_parse(&f->c, nul, sizeof nul - 1, &o, &f->d), RESORB_EINVALID);
    assert_non_null(first(f, RESORB_P_ENCODING));
    assert_int_equal(first(f, RESORB_P_ENCODING)->column, 9);
    assert_int_equal(parse(f, "{\"id\":\"a\xff\"}", RESORB_DATE_NONE), RESORB_EINVALID);
    assert_non_null(first(f, RESORB_P_ENCODING));
}

static void test_parse__empty_and_oversized_inputs(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, " \n\t", RESORB_DATE_NONE), RESORB_EINVALID);
    assert_non_null(first(f, RESORB_P_EMPTY));
    size_t n = RESORB_MAX_INPUT_BYTES + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, ' ', n);
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    resorb_diags_init(&f->d);
    assert_int_equal(resorb_case_parse(&f->c, big, n, &o, &f->d), RESORB_ETOOLARGE);
    free(big);
    assert_non_null(first(f, RESORB_P_TOO_LARGE));
}

static void test_parse__top_level_must_be_an_object(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse(f, "[1,2]", RESORB_DATE_NONE), RESORB_EINVALID);
    const resorb_error *e = first(f, RESORB_P_TYPE);
    assert_non_null(e);
    assert_string_equal(e->path, "");
    assert_string_equal(e->args[1], "array");
}

static void test_parse__long_lists_are_rejected_not_truncated(void **state)
{
    fixture *f = *state;
    char extra[4096] = "\"exam\":{\"slr\":[";
    for (int i = 0; i < RESORB_MAX_EXAM_ITEMS + 1; i++)
        append(extra, sizeof extra,
               i ? ",{\"side\":\"left\",\"positive\":true}" : "{\"side\":\"left\",\"positive\":true}");
    append(extra, sizeof extra, "]}");
    assert_int_equal(parse_with(f, extra), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_TOO_MANY, "/exam/slr"));
}

static void test_check__dates_after_as_of(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"imaging\":[{\"date\":\"2025-04-03\",\"modality\":\"mri\","
                                   "\"findings\":[]}],\"visits\":[{\"date\":\"2025-05-01\"}],"
                                   "\"treatments\":[{\"kind\":\"nsaid\",\"start\":\"2025-03-21\","
                                   "\"end\":\"2025-04-10\"}]"),
                     RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_AFTER_AS_OF, "/imaging/0/date"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_AFTER_AS_OF, "/visits/0/date"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_AFTER_AS_OF, "/treatments/0/end"));
    const resorb_error *e = first(f, RESORB_P_AFTER_AS_OF);
    assert_string_equal(e->args[0], "2025-04-03");
    assert_string_equal(e->args[1], "2025-04-02");
}

static void test_check__onset_after_as_of(void **state)
{
    fixture *f = *state;
    const char *j = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":47,"
                    "\"sex\":\"female\"},\"history\":{\"onset\":\"2025-04-03\"}}";
    assert_int_equal(parse(f, j, RESORB_DATE_NONE), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_AFTER_AS_OF, "/history/onset"));
}

static void test_check__treatment_end_before_start(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"treatments\":[{\"kind\":\"nsaid\",\"start\":\"2025-03-25\","
                                   "\"end\":\"2025-03-24\"}]"),
                     RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_END_BEFORE_START, "/treatments/0/end"));
    /* A single injection ends the day it starts. */
    assert_int_equal(parse_with(f, "\"treatments\":[{\"kind\":\"nerve_root_block\",\"start\":"
                                   "\"2025-03-25\",\"end\":\"2025-03-25\",\"root\":\"S1\"}]"),
                     0);
}

static void test_check__visits_in_date_order(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"visits\":[{\"date\":\"2025-03-25\"},{\"date\":\"2025-03-25\"},"
                                   "{\"date\":\"2025-03-24\"}]"),
                     RESORB_EINVALID);
    assert_int_equal(f->d.errors, 1);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_OUT_OF_ORDER, "/visits/2/date"));
}

static void test_check__one_finding_per_level_and_side(void **state)
{
    fixture *f = *state;
    const char *study = "\"imaging\":[{\"date\":\"2025-03-25\",\"modality\":\"mri\",\"findings\":["
                        "{\"level\":\"L4/L5\",\"morphology\":\"protrusion\",\"side\":\"left\"},"
                        "{\"level\":\"L4/L5\",\"morphology\":\"bulge\",\"side\":\"right\"},"
                        "{\"level\":\"L4/L5\",\"morphology\":\"extrusion\",\"side\":\"left\"}]}]";
    assert_int_equal(parse_with(f, study), RESORB_EINVALID);
    assert_int_equal(f->d.errors, 1);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_DUPLICATE_FINDING, "/imaging/0/findings/2"));
}

static void test_check__male_and_pregnant_is_inconsistent(void **state)
{
    fixture *f = *state;
    const char *j = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":30,"
                    "\"sex\":\"male\",\"pregnant\":true},\"history\":{\"onset\":\"2025-03-20\"}}";
    assert_int_equal(parse(f, j, RESORB_DATE_NONE), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_INCONSISTENT, "/patient/pregnant"));
}

static void test_check__block_fields_only_on_blocks(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"treatments\":[{\"kind\":\"physiotherapy\",\"start\":"
                                   "\"2025-03-25\",\"guidance\":\"ultrasound\"}]"),
                     RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_NOT_APPLICABLE, "/treatments/0/guidance"));
}

static void test_check__warnings_do_not_invalidate(void **state)
{
    fixture *f = *state;
    const char *j = "{\"format\":\"resorb.case/1\",\"as_of\":\"2025-04-02\",\"patient\":{\"age\":16,"
                    "\"sex\":\"female\"},\"history\":{\"onset\":\"2025-03-20\"},\"imaging\":[{"
                    "\"date\":\"2024-01-10\",\"modality\":\"ct\",\"findings\":[]}]}";
    assert_int_equal(parse(f, j, RESORB_DATE_NONE), 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->d.warnings, 2);
    assert_true(has(f, RESORB_SEV_WARNING, RESORB_P_MINOR, "/patient/age"));
    assert_true(has(f, RESORB_SEV_WARNING, RESORB_P_BEFORE_ONSET, "/imaging/0/date"));
}

static void test_parse__questionnaires(void **state)
{
    fixture *f = *state;
    assert_int_equal(
        parse_with(f, "\"questionnaires\":{\"odi\":[{\"date\":\"2025-03-25\",\"items\":[1,2,3,null,"
                      "0,5,1,null,2,3]}],\"joa\":[{\"low_back_pain\":1,\"leg_pain\":1,\"gait\":2,"
                      "\"slr\":1,\"sensory\":1,\"motor\":2,\"adl\":[1,1,2,2,1,0,2],\"bladder\":-3}],"
                      "\"joabpeq\":[{\"domains\":{\"pain\":57,\"lumbar_function\":50,\"walking\":"
                      "64.3,\"social\":40.5,\"mental\":52}}]}"),
        0);
    const resorb_questionnaires *q = &f->c.questionnaires;
    assert_int_equal(q->n_odi, 1);
    assert_int_equal(q->odi[0].items[2], 3);
    assert_int_equal(q->odi[0].items[3], RESORB_INT_NONE);
    assert_int_equal(q->joa[0].bladder, -3);
    assert_true(q->joabpeq[0].walking == 64.3);
    assert_int_equal(parse_with(f, "\"questionnaires\":{\"odi\":[{\"items\":[1,2,3]}],"
                                   "\"joa\":[{\"low_back_pain\":1,\"leg_pain\":1,\"gait\":2,"
                                   "\"slr\":1,\"sensory\":1,\"motor\":2,\"adl\":[1,1,2,2,1,0,2],"
                                   "\"bladder\":-2}],\"dn4\":[{\"items\":[true,true,true,true,"
                                   "true,true,true,true,true,null]}]}"),
                     RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_COUNT, "/questionnaires/odi/0/items"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_ENUM, "/questionnaires/joa/0/bladder"));
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_TYPE, "/questionnaires/dn4/0/items/9"));
}

static void test_parse__path_escapes_keys(void **state)
{
    fixture *f = *state;
    assert_int_equal(parse_with(f, "\"a/b~c\":1"), RESORB_EINVALID);
    assert_true(has(f, RESORB_SEV_ERROR, RESORB_P_UNKNOWN_FIELD, "/a~1b~0c"));
}

static void test_parse__diagnostics_are_capped(void **state)
{
    fixture *f = *state;
    char extra[8192] = "";
    for (int i = 0; i < 80; i++) {
        char one[32];
        snprintf(one, sizeof one, "%s\"x%d\":1", i ? "," : "", i);
        append(extra, sizeof extra, one);
    }
    assert_int_equal(parse_with(f, extra), RESORB_EINVALID);
    assert_int_equal(f->d.count, RESORB_DIAGS_MAX);
    assert_int_equal(f->d.errors, 80);
    assert_int_equal(f->d.dropped, 80 - RESORB_DIAGS_MAX);
}

static void test_names__round_trip(void **state)
{
    (void)state;
    assert_string_equal(resorb_level_name(RESORB_LEVEL_L4_L5), "L4/L5");
    assert_string_equal(resorb_root_name(RESORB_ROOT_S1), "S1");
    assert_string_equal(resorb_zone_name(RESORB_ZONE_SUBARTICULAR), "subarticular");
    assert_string_equal(resorb_side_name(RESORB_SIDE_MIDLINE), "midline");
    assert_string_equal(resorb_condition_name(RESORB_COND_PEPTIC_ULCER), "peptic_ulcer");
    assert_string_equal(resorb_medication_name(RESORB_MED_DIURETIC), "diuretic");
    assert_string_equal(resorb_allergy_name(RESORB_ALLERGY_CONTRAST), "contrast");
    assert_string_equal(resorb_red_flag_name(RESORB_RF_NIGHT_PAIN), "night_pain");
    assert_string_equal(resorb_level_name((resorb_level)99), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_parse__seed_case_is_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__absent_is_not_no, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__empty_list_means_none, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__codes_become_a_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__duplicate_code_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__default_as_of_fills_a_missing_one, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_parse__collects_every_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__range_error_names_bounds_and_value, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_parse__integral_real_is_an_integer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__syntax_error_has_line_and_column, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_parse__duplicate_key_names_the_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__nul_and_bad_utf8_are_encoding_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_parse__empty_and_oversized_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__top_level_must_be_an_object, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__long_lists_are_rejected_not_truncated, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check__dates_after_as_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__onset_after_as_of, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__treatment_end_before_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__visits_in_date_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__one_finding_per_level_and_side, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check__male_and_pregnant_is_inconsistent, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check__block_fields_only_on_blocks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__warnings_do_not_invalidate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__questionnaires, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__path_escapes_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parse__diagnostics_are_capped, setup, teardown),
        cmocka_unit_test(test_names__round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

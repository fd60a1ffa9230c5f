/*
 * tests/unit/instruments/helpers.h: shared helpers of the instrument tests (static, header
 * only: each test file is its own program).
 */
#ifndef RESORB_TEST_INSTRUMENTS_HELPERS_H
#define RESORB_TEST_INSTRUMENTS_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "instruments/internal.h"

/* A minimal valid case (as_of 2025-06-01) with `extra` spliced in at the top level, parsed. */
static inline resorb_case *make_case(const char *extra)
{
    static char json[65536];
    snprintf(json, sizeof json,
             "{\"format\":\"resorb.case/1\",\"id\":\"t\",\"as_of\":\"2025-06-01\","
             "\"patient\":{\"age\":45,\"sex\":\"female\"}%s%s}",
             *extra ? "," : "", extra);
    resorb_case *c = malloc(sizeof *c);
    resorb_diags d;
    resorb_parse_options o = {.default_as_of = RESORB_DATE_NONE};
    resorb_diags_init(&d);
    assert_non_null(c);
    int rc = resorb_case_parse(c, json, strlen(json), &o, &d);
    if (rc != 0) {
        for (size_t i = 0; i < d.count; i++)
            fprintf(stderr, "%s %s\n", resorb_problem_name(d.items[i].problem), d.items[i].path);
        fprintf(stderr, "%s\n", json);
    }
    assert_int_equal(rc, 0);
    return c;
}

static inline resorb_scores *score_case(const resorb_case *c)
{
    resorb_scores *s = malloc(sizeof *s);
    assert_non_null(s);
    assert_int_equal(resorb_instruments_score(c, s), 0);
    return s;
}

static inline void init_score(resorb_score *s, resorb_instrument i)
{
    resorb_instr__init(s, i, RESORB_SCORE_QUESTIONNAIRE, 0, resorb_date_from_ymd(2025, 5, 1));
}

static inline bool has_key(const resorb_reasons *l, const char *key)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i].key, key) == 0)
            return true;
    return false;
}

static inline bool cites(const resorb_reasons *l, const char *id)
{
    for (size_t i = 0; i < l->count; i++)
        for (size_t e = 0; e < l->items[i].n_evidence; e++)
            if (strcmp(l->items[i].evidence[e], id) == 0)
                return true;
    return false;
}

/* The first change of instrument i, or NULL. */
static inline const resorb_score_change *change_of(const resorb_scores *s, resorb_instrument i)
{
    for (size_t k = 0; k < s->n_changes; k++)
        if (s->changes[k].instrument == i)
            return &s->changes[k];
    return NULL;
}

/* Every reason uses a catalog key present in both languages (Japanese really translated),
 * every "@" argument is itself a catalog key (so none was truncated), and every cited id is an
 * evidence row. */
static inline void check_reasons(const resorb_reasons *l)
{
    assert_int_equal(l->dropped, 0);
    for (size_t i = 0; i < l->count; i++) {
        const resorb_reason *r = &l->items[i];
        if (strcmp(resorb_msg(RESORB_LANG_EN, r->key), r->key) == 0)
            fail_msg("key %s not in the catalog", r->key);
        if (strcmp(resorb_msg(RESORB_LANG_JA, r->key), resorb_msg(RESORB_LANG_EN, r->key)) == 0)
            fail_msg("key %s has no Japanese text", r->key);
        for (int a = 0; a < RESORB_REASON_ARGS; a++)
            if (r->args[a][0] == '@' &&
                strcmp(resorb_msg(RESORB_LANG_EN, r->args[a] + 1), r->args[a] + 1) == 0)
                fail_msg("%s: argument %s is not a catalog key", r->key, r->args[a]);
        for (size_t e = 0; e < r->n_evidence; e++)
            if (!resorb_evidence_find(r->evidence[e]))
                fail_msg("%s cites a missing row %s", r->key, r->evidence[e]);
    }
}

static inline void check_all_reasons(const resorb_scores *s)
{
    for (size_t i = 0; i < s->n; i++)
        check_reasons(&s->items[i].reasons);
    for (size_t i = 0; i < s->n_changes; i++)
        check_reasons(&s->changes[i].reasons);
    check_reasons(&s->notes);
}

#endif

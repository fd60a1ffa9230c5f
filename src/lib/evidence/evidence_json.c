/*
 * evidence/evidence_json.c: one evidence row as JSON (resorb/evidence_json.h), the object that
 * `resorb evidence --format json [ID]` prints and /api/v1/evidence[/{id}] serves.
 *
 * The keys are inserted in the order of the tables' columns, which jansson keeps, so the dump
 * is byte-stable; tests/sh/server_api.sh compares the two doors byte for byte and
 * tests/sh/evidence_cli.sh and tests/golden hold the CLI's output.
 */
#include <math.h>

#include "resorb/evidence_json.h"

static json_t *number_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

int resorb_evidence_row_json(json_t **out, const resorb_evidence_row *r)
{
    char source[RESORB_EVIDENCE_SOURCE_MAX];
    json_t *o = NULL;
    int rc = RESORB_ENOMEM, bad = 0;
    if (!out || !r)
        return RESORB_EUSAGE;
    /* A source cut to fit is still the best short form there is (none of the tables' is). */
    (void)resorb_evidence_short_source(source, sizeof source, r);
    if (!(o = json_object()))
        goto done;
    bad |= json_object_set_new(o, "id", json_string(r->id));
    bad |= json_object_set_new(o, "label_en", json_string(r->label_en));
    bad |= json_object_set_new(o, "label_ja", json_string(r->label_ja));
    bad |= json_object_set_new(o, "value", r->has_value ? json_real(r->value) : json_null());
    bad |= json_object_set_new(o, "low", number_or_null(r->low));
    bad |= json_object_set_new(o, "high", number_or_null(r->high));
    bad |= json_object_set_new(o, "unit", json_string(r->unit));
    bad |= json_object_set_new(o, "population", json_string(r->population));
    bad |= json_object_set_new(o, "n", r->n > 0 ? json_integer(r->n) : json_null());
    bad |= json_object_set_new(o, "authors", json_string(r->authors));
    bad |= json_object_set_new(o, "title", json_string(r->title));
    bad |= json_object_set_new(o, "journal", json_string(r->journal));
    bad |= json_object_set_new(o, "year", r->year > 0 ? json_integer(r->year) : json_null());
    bad |= json_object_set_new(o, "doi", json_string(r->doi));
    bad |= json_object_set_new(o, "pmid", json_string(r->pmid));
    bad |= json_object_set_new(o, "confidence", json_string(resorb_confidence_name(r->confidence)));
    bad |= json_object_set_new(o, "note", json_string(r->note));
    bad |= json_object_set_new(o, "source", json_string(source));
    if (bad)
        goto done;
    *out = o;
    o = NULL;
    rc = 0;
done:
    json_decref(o);
    return rc;
}

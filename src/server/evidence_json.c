/*
 * server/evidence_json.c: one evidence row as JSON, the same object that
 * `resorb evidence --format json [ID]` prints (keys in the order of the table's columns, both
 * labels, and a short source "Chiu 2015"). The library has no JSON form of a row, and the CLI
 * keeps its own private; this copy is held to the CLI's bytes by tests/sh/server_api.sh, which
 * compares the two outputs for the whole table and for one row.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

#define SHORT_SOURCE_MAX 96

static bool all_upper(const char *s, size_t n)
{
    if (n == 0 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* "Chiu 2015" from "Chiu CC, Chuang TY, ..."; "Ramos Amador 2013" from "Ramos Amador A et
 * al."; the journal up to its volume when no author was captured. */
static void short_source(const resorb_evidence_row *r, char *buf, size_t n)
{
    const char *s = *r->authors ? r->authors : r->journal;
    size_t len = strcspn(s, *r->authors ? ",(" : ";(,");
    char year[16] = "";
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (*r->authors) {
        if (len >= 7 && strncmp(s + len - 7, " et al.", 7) == 0)
            len -= 7;
        else if (len >= 6 && strncmp(s + len - 6, " et al", 6) == 0)
            len -= 6;
        const char *sp = NULL;
        for (size_t i = 0; i < len; i++)
            if (s[i] == ' ')
                sp = s + i;
        if (sp && all_upper(sp + 1, (size_t)(s + len - sp - 1)))
            len = (size_t)(sp - s);
    }
    if (r->year > 0) {
        snprintf(year, sizeof year, "%d", r->year);
        char head[SHORT_SOURCE_MAX];
        snprintf(head, sizeof head, "%.*s", (int)len, s);
        if (strstr(head, year))
            year[0] = '\0';
    }
    snprintf(buf, n, "%.*s%s%s", (int)len, s, *year ? " " : "", year);
}

static json_t *number_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

json_t *resorb_server__evidence_row_json(const resorb_evidence_row *r)
{
    char source[SHORT_SOURCE_MAX];
    json_t *o = r ? json_object() : NULL;
    if (!o)
        return NULL;
    short_source(r, source, sizeof source);
    int bad = 0;
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
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

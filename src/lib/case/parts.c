/*
 * case/parts.c: parsing one visit or one imaging study on its own (what `resorb visit add` and
 * `resorb study add` read), with exactly the decoders and messages of resorb_case_parse, so a
 * visit is valid alone precisely when it would be valid as an item of a case's visits[].
 *
 * Paths in the diagnostics are relative to the item ("/leg_pain_nrs", "/findings/1"). The rules
 * that need the rest of the record (date order against the last visit, the caps on the number
 * of visits and studies, dates before onset) are the registry's to check when the item is
 * added (src/lib/store/store.c); the one rule that concerns a study alone, one finding per level
 * and side, is checked here.
 */
#include "case/decode.h"
#include "core/diag.h"

#include <stdio.h>

typedef void (*decode_fn)(rj_ctx *c, const json_t *obj, void *out);

static void decode_visit(rj_ctx *c, const json_t *obj, void *out)
{
    resorb_case__decode_visit(c, obj, out);
}

static void decode_study(rj_ctx *c, const json_t *obj, void *out)
{
    resorb_study *s = out;
    resorb_case__decode_study(c, obj, s);
    for (size_t j = 0; j < s->n_findings; j++) {
        const resorb_finding *f = &s->findings[j];
        if (f->level == RESORB_LEVEL_NONE)
            continue;
        for (size_t m = 0; m < j; m++) {
            if (s->findings[m].level != f->level || s->findings[m].side != f->side)
                continue;
            char path[RESORB_PATH_MAX];
            snprintf(path, sizeof path, "/findings/%zu", j);
            resorb_diags__add(c->diags, RESORB_SEV_ERROR, RESORB_P_DUPLICATE_FINDING, path,
                              resorb_level_name(f->level),
                              f->side ? resorb_side_name(f->side) : "(none)", NULL);
            break;
        }
    }
}

static int parse_item(void *out, const char *json, size_t len, resorb_diags *diags, decode_fn fn)
{
    json_t *root = NULL;
    int rc = 0;
    size_t errors_before;
    rj_ctx c = {.diags = diags, .path = "", .path_len = 0};
    if (!out || !diags || (!json && len > 0))
        return RESORB_EUSAGE;
    errors_before = diags->errors;
    root = resorb_case__load_tree(json, len, diags, &rc);
    if (!root)
        goto done;
    if (!json_is_object(root)) {
        rj_error(&c, RESORB_P_TYPE, "object", rj_type_name(root), NULL);
        rc = RESORB_EINVALID;
        goto done;
    }
    fn(&c, root, out);
    rc = diags->errors > errors_before ? RESORB_EINVALID : 0;
done:
    json_decref(root);
    return rc;
}

int resorb_case_parse_visit(resorb_visit *out, const char *json, size_t len, resorb_diags *diags)
{
    return parse_item(out, json, len, diags, decode_visit);
}

int resorb_case_parse_study(resorb_study *out, const char *json, size_t len, resorb_diags *diags)
{
    return parse_item(out, json, len, diags, decode_study);
}

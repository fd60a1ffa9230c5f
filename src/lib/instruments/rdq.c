/*
 * instruments/rdq.c: the Roland-Morris Disability Questionnaire (24 items).
 *
 * One point per statement the patient ticked ("applies to me today"); total 0-24, higher is
 * worse. Every item is answered by construction (the format holds booleans: an unticked
 * statement is 0, which is the published rule, not a guess). The evidence tables hold no
 * severity bands for the RDQ, so none is given.
 */
#include "instruments/internal.h"

int resorb_instr__rdq(const resorb_rdq *a, resorb_score *s)
{
    bool ok = true;
    /* EVIDENCE: roland1983.rmdq.items */
    double n_items = resorb_instr__need("roland1983.rmdq.items", &ok);
    if (!ok)
        return RESORB_ENOTFOUND;
    int ticked = 0;
    for (size_t k = 0; k < RESORB_RDQ_ITEMS; k++)
        ticked += a->items[k] ? 1 : 0;
    /* EVIDENCE: roland1983.rmdq.scoring */
    s->computed = true;
    s->value = ticked;
    resorb_reason *r = resorb_reasons__add(&s->reasons, "score.rdq.value");
    resorb_reason__arg(r, 0, "%d", ticked);
    resorb_instr__num(r, 1, n_items);
    resorb_instr__cite(r, "roland1983.rmdq.scoring", &ok);
    resorb_instr__cite(r, "roland1983.rmdq.items", &ok);
    r = resorb_reasons__add(&s->reasons, "score.rdq.no_band");
    resorb_instr__cite(r, "roland1983.rmdq.scoring", &ok);
    return ok ? 0 : RESORB_ENOTFOUND;
}

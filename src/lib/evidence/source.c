/*
 * evidence/source.c: the short source of an evidence row ("Chiu 2015"), the column that
 * `resorb evidence` lists and the "source" of the row's JSON form (evidence_json.c).
 *
 * The authors column is written as in the article ("Chiu CC, Chuang TY, ...", "Ramos Amador A
 * et al.", "Japanese Orthopaedic Association"): the first author is what comes before a comma
 * or a parenthesis, less a trailing "et al." and a trailing group of one to four capitals
 * (the initials). Rows without authors (a drug label, a journal-only citation) use the journal
 * up to its volume (";") instead. The year follows unless the text already contains it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "resorb/error.h"
#include "resorb/evidence.h"

/* Initials: one to four capital letters. */
static bool all_upper(const char *s, size_t n)
{
    if (n == 0 || n > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* Whether the n bytes at s contain needle. */
static bool contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return true;
    return false;
}

int resorb_evidence_short_source(char *out, size_t n, const resorb_evidence_row *r)
{
    if (!out || n == 0 || !r)
        return RESORB_EUSAGE;
    bool by_author = r->authors && *r->authors;
    const char *s = by_author ? r->authors : r->journal ? r->journal : "";
    size_t len = strcspn(s, by_author ? ",(" : ";(,");
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (by_author) {
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
    char year[16] = "";
    if (r->year > 0) {
        snprintf(year, sizeof year, "%d", r->year);
        if (contains(s, len, year))
            year[0] = '\0';
    }

    /* The name, cut (if it must be) before a UTF-8 continuation byte; then " YEAR". */
    size_t keep = len < n - 1 ? len : n - 1;
    if (keep < len)
        while (keep > 0 && ((unsigned char)s[keep] & 0xc0) == 0x80)
            keep--;
    memcpy(out, s, keep);
    out[keep] = '\0';
    if (keep < len)
        return RESORB_ETOOLARGE;
    if (*year) {
        int k = snprintf(out + keep, n - keep, " %s", year);
        if (k < 0 || (size_t)k >= n - keep)
            return RESORB_ETOOLARGE;
    }
    return 0;
}

/* core/diag.c: the capped diagnostics list. */
#include <string.h>

#include "core/diag.h"

void resorb_diag__copy_text(char *dst, size_t n, const char *src)
{
    size_t k = 0;
    if (n == 0)
        return;
    if (!src)
        src = "";
    size_t len = strlen(src);
    if (len >= n) {
        len = n - 1;
        /* Do not cut a multi-byte character: back off over continuation bytes. */
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    for (; k < len; k++) {
        unsigned char c = (unsigned char)src[k];
        /* C0 controls, DEL, and C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F: some
         * terminals take U+009B as an escape) become '?'. */
        if (c == 0xC2 && k + 1 < len && (unsigned char)src[k + 1] >= 0x80 &&
            (unsigned char)src[k + 1] <= 0x9F) {
            dst[k] = '?';
            dst[k + 1] = '?';
            k++;
            continue;
        }
        dst[k] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    dst[k] = '\0';
}

resorb_error *resorb_diags__add(resorb_diags *d, resorb_severity sev, resorb_problem p,
                                const char *path, const char *a0, const char *a1,
                                const char *a2)
{
    if (sev == RESORB_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->count == RESORB_DIAGS_MAX) {
        d->dropped++;
        return NULL;
    }
    resorb_error *e = &d->items[d->count++];
    resorb_error_clear(e);
    e->code = sev == RESORB_SEV_ERROR ? RESORB_EINVALID : RESORB_OK;
    e->problem = p;
    e->severity = sev;
    resorb_diag__copy_text(e->path, sizeof e->path, path);
    resorb_diag__copy_text(e->args[0], sizeof e->args[0], a0);
    resorb_diag__copy_text(e->args[1], sizeof e->args[1], a1);
    resorb_diag__copy_text(e->args[2], sizeof e->args[2], a2);
    return e;
}

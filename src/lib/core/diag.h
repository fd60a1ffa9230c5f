/* core/diag.h: appending problems to a resorb_diags list (internal). */
#ifndef RESORB_CORE_DIAG_H
#define RESORB_CORE_DIAG_H

#include "resorb/error.h"

/* Appends one problem. Arguments may be NULL; text is copied, truncated on a UTF-8 boundary,
 * with control characters replaced so that hostile input cannot drive a terminal. When the
 * list is full the problem is only counted (dropped). Returns the entry or NULL if dropped. */
resorb_error *resorb_diags__add(resorb_diags *d, resorb_severity sev, resorb_problem p,
                                const char *path, const char *a0, const char *a1,
                                const char *a2);

/* Copies src into dst (size n) on a UTF-8 character boundary, replacing control characters
 * with '?'. */
void resorb_diag__copy_text(char *dst, size_t n, const char *src);

#endif

/*
 * resorb/date.h: calendar dates as day numbers.
 *
 * A resorb_date counts days since 1970-01-01 in the proleptic Gregorian calendar, so date
 * arithmetic is integer arithmetic. Parsing is strict: exactly YYYY-MM-DD, a real calendar day
 * (2025-02-30 and 2023-02-29 are rejected), years 1900 to 2199.
 */
#ifndef RESORB_DATE_H
#define RESORB_DATE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t resorb_date;
#define RESORB_DATE_NONE INT32_MIN
#define RESORB_DATE_TEXT 11 /* "YYYY-MM-DD" + NUL */

int resorb_date_parse(const char *s, size_t len, resorb_date *out);
resorb_date resorb_date_from_ymd(int y, int m, int d);
void resorb_date_to_ymd(resorb_date date, int *y, int *m, int *d);
/* Writes "YYYY-MM-DD" (or "" for RESORB_DATE_NONE) into out. */
void resorb_date_format(resorb_date date, char out[RESORB_DATE_TEXT]);
/* The same day n calendar months later (clamped to the month's last day); n is clamped to
 * +-2400 (200 years). */
resorb_date resorb_date_add_months(resorb_date date, int months);

#ifdef __cplusplus
}
#endif
#endif

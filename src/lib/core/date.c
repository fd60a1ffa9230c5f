/*
 * core/date.c: civil dates <-> day numbers, proleptic Gregorian calendar.
 * The conversions are the well-known era-based algorithms (400-year cycles of 146097 days).
 */
#include "resorb/date.h"
#include "resorb/error.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

resorb_date resorb_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (m + 9) % 12;
    int doy = (153 * mp + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (resorb_date)(era * 146097 + doe - 719468);
}

void resorb_date_to_ymd(resorb_date date, int *y, int *m, int *d)
{
    int z = (int)date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int resorb_date_parse(const char *s, size_t len, resorb_date *out)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return RESORB_EINVALID;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return RESORB_EINVALID;
    *out = resorb_date_from_ymd(y, m, d);
    return 0;
}

void resorb_date_format(resorb_date date, char out[RESORB_DATE_TEXT])
{
    int y, m, d;
    if (date == RESORB_DATE_NONE) {
        out[0] = '\0';
        return;
    }
    resorb_date_to_ymd(date, &y, &m, &d);
    if (y < 0 || y > 9999) {
        out[0] = '\0';
        return;
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

resorb_date resorb_date_add_months(resorb_date date, int months)
{
    int y, m, d;
    resorb_date_to_ymd(date, &y, &m, &d);
    /* Months are clamped to +-200 years so that nothing overflows; floor division keeps the
     * month in 1..12 for dates before year 0 as well. */
    if (months > 2400)
        months = 2400;
    if (months < -2400)
        months = -2400;
    long total = (long)y * 12 + (m - 1) + months;
    long q = total >= 0 ? total / 12 : -((-total + 11) / 12);
    y = (int)q;
    m = (int)(total - q * 12) + 1;
    if (d > days_in_month(y, m))
        d = days_in_month(y, m);
    return resorb_date_from_ymd(y, m, d);
}

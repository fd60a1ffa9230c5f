/* core/i18n.c: language selection and message lookup over the compiled catalog. */
#include <string.h>

#include "core/catalog.h"
#include "core/text.h"
#include "resorb/error.h"
#include "resorb/i18n.h"

int resorb_lang_parse(const char *s, resorb_lang *out)
{
    if (!s)
        return RESORB_EUSAGE;
    /* "ja", "ja_JP", "ja_JP.UTF-8", "ja-JP"; likewise for en. "C"/"POSIX" mean English. */
    if (strncmp(s, "ja", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.')) {
        *out = RESORB_LANG_JA;
        return 0;
    }
    if ((strncmp(s, "en", 2) == 0 && (s[2] == '\0' || s[2] == '_' || s[2] == '-' || s[2] == '.')) ||
        strcmp(s, "C") == 0 || strncmp(s, "C.", 2) == 0 || strcmp(s, "POSIX") == 0) {
        *out = RESORB_LANG_EN;
        return 0;
    }
    return RESORB_EUSAGE;
}

resorb_lang resorb_lang_from_locale(const char *lc_all, const char *lc_messages, const char *lang)
{
    const char *vars[3] = {lc_all, lc_messages, lang};
    resorb_lang out = RESORB_LANG_EN;
    for (int i = 0; i < 3; i++) {
        if (vars[i] && *vars[i]) {
            /* The first variable that is set decides, as in POSIX; unknown languages fall back
             * to English. */
            if (resorb_lang_parse(vars[i], &out) != 0)
                out = RESORB_LANG_EN;
            return out;
        }
    }
    return out;
}

const char *resorb_lang_code(resorb_lang lang)
{
    return lang == RESORB_LANG_JA ? "ja" : "en";
}

static const resorb_catalog_item *find_entry(const char *key)
{
    size_t lo = 0, hi = resorb__catalog_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, resorb__catalog[mid].key);
        if (c == 0)
            return &resorb__catalog[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *resorb_msg(resorb_lang lang, const char *key)
{
    const resorb_catalog_item *e = find_entry(key);
    if (!e)
        return key;
    return lang == RESORB_LANG_JA ? e->ja : e->en;
}

size_t resorb_msg_format(char *buf, size_t n, resorb_lang lang, const char *key,
                         const char *const *args, size_t nargs)
{
    resorb_buf b;
    resorb_buf_init(&b, buf, n);
    for (const char *p = resorb_msg(lang, key); *p; p++) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '0');
            resorb_buf_puts(&b, i < nargs && args[i] ? args[i] : "");
            p += 2;
        } else {
            resorb_buf_putc(&b, *p);
        }
    }
    return resorb_buf_len(&b);
}

size_t resorb_catalog_size(void)
{
    return resorb__catalog_len;
}

int resorb_catalog_entry(size_t i, const char **key, const char **en, const char **ja)
{
    if (i >= resorb__catalog_len)
        return RESORB_ENOTFOUND;
    *key = resorb__catalog[i].key;
    *en = resorb__catalog[i].en;
    *ja = resorb__catalog[i].ja;
    return 0;
}

/*
 * resorb/i18n.h: English and Japanese for every user-facing string.
 *
 * resorb carries its own message catalog (data/i18n/NAME.tsv: key, English, Japanese), compiled
 * into the library at build time. We chose this over gettext because gettext selects the
 * language through the process-wide locale: a server answering one request in Japanese and the
 * next in English would need global state switched per request, and the ja_JP locale is often
 * not installed on the machines that run resorb. Here the language is an argument.
 *
 * Messages may contain placeholders {0}, {1}, {2}, replaced by resorb_msg_format(); the two
 * languages may order them differently.
 */
#ifndef RESORB_I18N_H
#define RESORB_I18N_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum resorb_lang {
    RESORB_LANG_EN = 0,
    RESORB_LANG_JA = 1,
} resorb_lang;

/* "en", "ja", or a locale name such as "ja_JP.UTF-8" / "en_US". 0 on success, RESORB_EUSAGE
 * when the language is not one resorb speaks. */
int resorb_lang_parse(const char *s, resorb_lang *out);

/* The language from the usual locale variables (pass getenv's results; NULL allowed), in
 * POSIX precedence LC_ALL > LC_MESSAGES > LANG; English when none names a language resorb has. */
resorb_lang resorb_lang_from_locale(const char *lc_all, const char *lc_messages, const char *lang);

const char *resorb_lang_code(resorb_lang lang);

/* The message for key in lang; English when lang has none; the key itself when the catalog has
 * no such key (a test makes sure every key used exists). */
const char *resorb_msg(resorb_lang lang, const char *key);

/* resorb_msg() with {0}..{9} replaced by args. Returns the length needed (like snprintf). */
size_t resorb_msg_format(char *buf, size_t n, resorb_lang lang, const char *key,
                         const char *const *args, size_t nargs);

/* Catalog introspection for tests: number of keys and the i-th entry. */
size_t resorb_catalog_size(void);
int resorb_catalog_entry(size_t i, const char **key, const char **en, const char **ja);

#ifdef __cplusplus
}
#endif
#endif

/* core/error.c: problem names, the diagnostics list and rendering of messages. */
#include <string.h>

#include "core/text.h"
#include "resorb/error.h"

static const char *const problem_names[RESORB_P__COUNT] = {
    [RESORB_P_NONE] = "none",
    [RESORB_P_SYNTAX] = "syntax",
    [RESORB_P_EMPTY] = "empty",
    [RESORB_P_TOO_LARGE] = "too_large",
    [RESORB_P_TOO_DEEP] = "too_deep",
    [RESORB_P_ENCODING] = "encoding",
    [RESORB_P_NUMBER_OVERFLOW] = "number_overflow",
    [RESORB_P_DUPLICATE_KEY] = "duplicate_key",
    [RESORB_P_TYPE] = "type",
    [RESORB_P_REQUIRED] = "required",
    [RESORB_P_UNKNOWN_FIELD] = "unknown_field",
    [RESORB_P_ENUM] = "enum",
    [RESORB_P_RANGE] = "range",
    [RESORB_P_DATE] = "date",
    [RESORB_P_PATTERN] = "pattern",
    [RESORB_P_TOO_LONG] = "too_long",
    [RESORB_P_TOO_MANY] = "too_many",
    [RESORB_P_COUNT] = "count",
    [RESORB_P_AFTER_AS_OF] = "after_as_of",
    [RESORB_P_END_BEFORE_START] = "end_before_start",
    [RESORB_P_OUT_OF_ORDER] = "out_of_order",
    [RESORB_P_DUPLICATE_FINDING] = "duplicate_finding",
    [RESORB_P_INCONSISTENT] = "inconsistent",
    [RESORB_P_NOT_APPLICABLE] = "not_applicable",
    [RESORB_P_MINOR] = "minor",
    [RESORB_P_BEFORE_ONSET] = "before_onset",
    [RESORB_P_DUPLICATE_ITEM] = "duplicate_item",
    [RESORB_P_TOO_MANY_ERRORS] = "too_many_errors",
};

const char *resorb_problem_name(resorb_problem p)
{
    if ((int)p < 0 || p >= RESORB_P__COUNT || !problem_names[p])
        return "unknown";
    return problem_names[p];
}

const char *resorb_severity_name(resorb_severity s)
{
    return s == RESORB_SEV_WARNING ? "warning" : "error";
}

void resorb_error_clear(resorb_error *err)
{
    memset(err, 0, sizeof *err);
}

void resorb_diags_init(resorb_diags *d)
{
    d->count = 0;
    d->errors = 0;
    d->warnings = 0;
    d->dropped = 0;
}

size_t resorb_error_message(const resorb_error *err, resorb_lang lang, char *buf, size_t n)
{
    char key[64];
    const char *args[RESORB_ERROR_ARGS];
    char typed[2][64];
    resorb_buf kb;
    resorb_buf_init(&kb, key, sizeof key);
    resorb_buf_puts(&kb, "problem.");
    resorb_buf_puts(&kb, resorb_problem_name(err->problem));
    if (err->problem == RESORB_P_RANGE && err->args[1][0] == '\0')
        resorb_buf_puts(&kb, ".min"); /* no upper bound: "at least {0}" */
    for (int i = 0; i < RESORB_ERROR_ARGS; i++)
        args[i] = err->args[i];
    if (err->problem == RESORB_P_TYPE) {
        /* JSON type names are words, so they are translated too. */
        for (int i = 0; i < 2; i++) {
            char tkey[RESORB_ARG_MAX + 16];
            resorb_buf tb;
            resorb_buf_init(&tb, tkey, sizeof tkey);
            resorb_buf_puts(&tb, "jsontype.");
            resorb_buf_puts(&tb, err->args[i]);
            resorb_strlcpy(typed[i], resorb_msg(lang, tkey), sizeof typed[i]);
            args[i] = typed[i];
        }
    }
    return resorb_msg_format(buf, n, lang, key, args, RESORB_ERROR_ARGS);
}

size_t resorb_error_format_line(const resorb_error *err, const char *source, resorb_lang lang,
                                char *buf, size_t n)
{
    resorb_buf b;
    resorb_buf_init(&b, buf, n);
    resorb_buf_puts(&b, source && *source ? source : "-");
    if (err->line > 0 && err->column > 0)
        resorb_buf_printf(&b, ":%d:%d", err->line, err->column);
    else if (err->line > 0)
        resorb_buf_printf(&b, ":%d", err->line);
    resorb_buf_printf(&b, ": %s[%s]", resorb_severity_name(err->severity),
                      resorb_problem_name(err->problem));
    if (err->path[0]) {
        resorb_buf_putc(&b, ' ');
        resorb_buf_puts(&b, err->path);
    }
    resorb_buf_puts(&b, ": ");
    /* The message goes straight into the caller's buffer, so it is never cut short of n. */
    size_t len = resorb_buf_len(&b);
    if (len < n)
        return len + resorb_error_message(err, lang, buf + len, n - len);
    return len + resorb_error_message(err, lang, NULL, 0);
}

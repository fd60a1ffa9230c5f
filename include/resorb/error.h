/*
 * resorb/error.h: the one error type.
 *
 * Every library function that can fail returns an int: 0 on success or a negative RESORB_E*
 * code. Where the caller needs to know *what* went wrong and *where*, the function also fills a
 * resorb_error: a problem kind with a stable name, a JSON pointer into the input, line:column
 * when the JSON parser knows it, and up to three arguments (the value expected, the value
 * found, ...). The library never prints, never exits and keeps no global error state; rendering
 * a resorb_error as text in English or Japanese is resorb_error_message().
 *
 * Validation collects many problems at once into a resorb_diags list: errors and warnings are
 * kept apart (warnings never make a case invalid), and the list is capped so that hostile input
 * cannot make it grow without bound.
 */
#ifndef RESORB_ERROR_H
#define RESORB_ERROR_H

#include <stddef.h>

#include "resorb/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    RESORB_OK = 0,
    RESORB_EINVALID = -1,  /* the input is not a valid case (see the diagnostics) */
    RESORB_ENOMEM = -2,    /* out of memory */
    RESORB_EIO = -3,       /* reading or writing failed */
    RESORB_ENOTFOUND = -4, /* no such item (an evidence id, a patient) */
    RESORB_ETOOLARGE = -5, /* the input exceeds a documented cap */
    RESORB_EUSAGE = -6,    /* the caller passed bad arguments */
};

/* What exactly is wrong. The stable names (resorb_problem_name) are part of the interface:
 * tests/bad/ and scripts match on them. Append only. */
typedef enum resorb_problem {
    RESORB_P_NONE = 0,
    RESORB_P_SYNTAX,            /* JSON syntax error; line:column set */
    RESORB_P_EMPTY,             /* empty input */
    RESORB_P_TOO_LARGE,         /* input larger than the size cap; arg0 = cap in bytes */
    RESORB_P_TOO_DEEP,          /* nesting deeper than the parser's cap */
    RESORB_P_ENCODING,          /* invalid UTF-8 or a NUL character */
    RESORB_P_NUMBER_OVERFLOW,   /* a number too large to represent */
    RESORB_P_DUPLICATE_KEY,     /* the same key twice in one object */
    RESORB_P_TYPE,              /* arg0 = expected JSON type, arg1 = found JSON type */
    RESORB_P_REQUIRED,          /* a required field is missing */
    RESORB_P_UNKNOWN_FIELD,     /* arg0 = the field name */
    RESORB_P_ENUM,              /* arg0 = allowed values "a|b|c", arg1 = value found */
    RESORB_P_RANGE,             /* arg0 = min, arg1 = max ("" = none), arg2 = value found */
    RESORB_P_DATE,              /* arg0 = text found: not a real YYYY-MM-DD date */
    RESORB_P_PATTERN,           /* arg0 = description of the allowed form, arg1 = found */
    RESORB_P_TOO_LONG,          /* string longer than arg0 */
    RESORB_P_TOO_MANY,          /* array longer than arg0 */
    RESORB_P_COUNT,             /* array must have exactly arg0 items; arg1 = found */
    RESORB_P_AFTER_AS_OF,       /* date arg0 lies after the assessment date arg1 */
    RESORB_P_END_BEFORE_START,  /* end arg0 before start arg1 */
    RESORB_P_OUT_OF_ORDER,      /* date arg0 earlier than the previous entry's arg1 */
    RESORB_P_DUPLICATE_FINDING, /* level arg0 / side arg1 appears twice in one study */
    RESORB_P_INCONSISTENT,      /* contradicts another field; arg0 = that field's path */
    RESORB_P_NOT_APPLICABLE,    /* field only allowed when field arg0 is one of arg1 */
    RESORB_P_MINOR,             /* warning: age arg0 < 18, adult evidence base */
    RESORB_P_BEFORE_ONSET,      /* warning: date arg0 before onset arg1 */
    RESORB_P_DUPLICATE_ITEM,    /* the same item (arg0) listed twice in an array */
    RESORB_P_TOO_MANY_ERRORS,   /* the list was capped; arg0 = number dropped */
    RESORB_P__COUNT
} resorb_problem;

typedef enum resorb_severity {
    RESORB_SEV_ERROR = 0,
    RESORB_SEV_WARNING = 1,
} resorb_severity;

#define RESORB_PATH_MAX 128
#define RESORB_ARG_MAX 256
#define RESORB_ERROR_ARGS 3

typedef struct resorb_error {
    int code;                /* RESORB_E* */
    resorb_problem problem;  /* RESORB_P_* */
    resorb_severity severity;
    char path[RESORB_PATH_MAX]; /* JSON pointer, "" for the whole document */
    int line, column;           /* 1-based; 0 when unknown */
    char args[RESORB_ERROR_ARGS][RESORB_ARG_MAX];
} resorb_error;

/* A capped list of problems found in one input. */
#define RESORB_DIAGS_MAX 50
typedef struct resorb_diags {
    resorb_error items[RESORB_DIAGS_MAX];
    size_t count;     /* entries used in items */
    size_t errors;    /* errors seen, including dropped ones */
    size_t warnings;  /* warnings seen, including dropped ones */
    size_t dropped;   /* problems not stored because the list was full */
} resorb_diags;

void resorb_error_clear(resorb_error *err);
void resorb_diags_init(resorb_diags *d);

/* The stable machine name of a problem ("unknown_field"), or "unknown". */
const char *resorb_problem_name(resorb_problem p);
const char *resorb_severity_name(resorb_severity s);

/* Renders the human message for err in lang (without path or position). Returns the length
 * that the full message needs, like snprintf; buf is always NUL-terminated when n > 0. */
size_t resorb_error_message(const resorb_error *err, resorb_lang lang, char *buf, size_t n);

/* One line in the stable text format:
 *   SOURCE[:LINE[:COL]]: error|warning[PROBLEM][ PATH]: MESSAGE
 * SOURCE is the file name given by the caller (may be NULL for none). */
size_t resorb_error_format_line(const resorb_error *err, const char *source, resorb_lang lang,
                                char *buf, size_t n);

#ifdef __cplusplus
}
#endif
#endif

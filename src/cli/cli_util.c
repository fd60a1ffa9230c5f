/* cli/cli_util.c: messages and file input shared by the subcommands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "resorb/error.h"

void cli_say(resorb_cli *cli, FILE *f, const char *key, const char *const *args, size_t nargs)
{
    char buf[1024];
    size_t need = resorb_msg_format(buf, sizeof buf, cli->lang, key, args, nargs);
    if (need >= sizeof buf) {
        char *big = malloc(need + 1);
        if (big) {
            resorb_msg_format(big, need + 1, cli->lang, key, args, nargs);
            fprintf(f, "%s\n", big);
            free(big);
            return;
        }
    }
    fprintf(f, "%s\n", buf);
}

int cli_usage_error(resorb_cli *cli, const char *key, const char *arg)
{
    const char *args[1] = {arg};
    fputs("resorb: ", cli->err);
    cli_say(cli, cli->err, key, args, 1);
    return CLI_USAGE;
}

int cli_read_file(const char *path, size_t max, char **out, size_t *len)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = RESORB_EIO;
    *out = NULL;
    *len = 0;
    if (strcmp(path, "-") == 0)
        f = stdin;
    else if (!(f = fopen(path, "rb")))
        goto done;
    /* Never hold more than max + 1 bytes: that one byte over tells the caller "too large"
     * without reading (or keeping) the rest of a huge input. */
    while (n <= max) {
        if (n + 1 >= cap) { /* keep one byte for the terminating NUL */
            size_t ncap = cap ? cap * 2 : 65536;
            if (ncap > max + 2)
                ncap = max + 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                rc = RESORB_ENOMEM;
                goto done;
            }
            buf = nb;
            cap = ncap;
        }
        size_t want = cap - n - 1;
        if (want > max + 1 - n)
            want = max + 1 - n;
        size_t k = fread(buf + n, 1, want, f);
        n += k;
        if (k == 0) {
            if (ferror(f))
                goto done;
            break;
        }
    }
    if (!buf && !(buf = malloc(1))) {
        rc = RESORB_ENOMEM;
        goto done;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    buf = NULL;
    rc = 0;
done:
    if (f && f != stdin)
        fclose(f);
    free(buf);
    return rc;
}

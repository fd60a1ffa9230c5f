/*
 * server/assets.c: serving the embedded web page (see assets.h).
 *
 * "/" is /index.html. Static files are public and fixed per build: Cache-Control no-cache
 * (revalidate every time: file names carry no hash) with a strong ETag; If-None-Match with
 * that ETag gets 304 without a body.
 */
#include <string.h>

#include "assets.h"
#include "internal.h"

static const resorb_server_asset *find(const char *url)
{
    if (strcmp(url, "/") == 0)
        url = "/index.html";
    size_t lo = 0, hi = resorb_server__assets_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(url, resorb_server__assets[mid].path);
        if (cmp == 0)
            return &resorb_server__assets[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool resorb_server__asset_exists(const char *url)
{
    return find(url) != NULL;
}

/* Whether an If-None-Match list ("a", W/"b", *) names etag. Bounded by the header cap. */
static bool etag_matches(const char *inm, const char *etag)
{
    size_t n = strlen(etag);
    if (!inm)
        return false;
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == '*')
            return true;
        if (strncmp(p, "W/", 2) == 0)
            p += 2;
        size_t len = strcspn(p, ", ");
        if (len == n && strncmp(p, etag, n) == 0)
            return true;
        p += len;
    }
    return false;
}

enum MHD_Result resorb_server__asset(srv_request *rq, struct MHD_Connection *c, const char *url)
{
    const resorb_server_asset *a = find(url);
    if (!a)
        return resorb_server__send_error(rq, c, MHD_HTTP_NOT_FOUND, "not_found",
                                         "server.error.not_found", &url, 1, NULL, NULL);
    const char *extra[] = {"ETag", a->etag, NULL};
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    if (etag_matches(inm, a->etag))
        return resorb_server__send(rq, c, MHD_HTTP_NOT_MODIFIED, NULL, SRV_CACHE_REVALIDATE, NULL,
                                   0, MHD_RESPMEM_PERSISTENT, extra);
    return resorb_server__send(rq, c, MHD_HTTP_OK, a->content_type, SRV_CACHE_REVALIDATE,
                               (void *)a->data, a->size, MHD_RESPMEM_PERSISTENT, extra);
}

/*
 * server/assets.h: the files of the web page, compiled into the program.
 *
 * tools/gen_web.c turns the files of web/ (and the worked example, examples/seed-l5s1-right.json)
 * into the array below at build time, so the server needs no file at run time and cannot be made to
 * read one: a URL can only name an entry of this table. Each entry carries its content type and a
 * strong ETag (a hash of the bytes), so a browser revalidates with If-None-Match and gets 304 when
 * nothing changed.
 */
#ifndef RESORB_SERVER_ASSETS_H
#define RESORB_SERVER_ASSETS_H

#include <stddef.h>

typedef struct resorb_server_asset {
    const char *path;         /* URL path, e.g. "/app.js" */
    const char *content_type; /* "text/javascript; charset=utf-8" */
    const char *etag;         /* quoted, e.g. "\"5f3a...\"" */
    const unsigned char *data;
    size_t size;
} resorb_server_asset;

/* Generated (web_assets.c): sorted by path. */
extern const resorb_server_asset resorb_server__assets[];
extern const size_t resorb_server__assets_count;

#endif

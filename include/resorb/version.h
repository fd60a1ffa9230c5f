/* resorb/version.h: the library version. */
#ifndef RESORB_VERSION_H
#define RESORB_VERSION_H

#ifdef __cplusplus
extern "C" {
#endif

const char *resorb_version(void);

#ifdef __cplusplus
}
#endif
#endif

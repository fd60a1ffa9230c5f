/* core/version.c */
#include "resorb/version.h"

const char *resorb_version(void)
{
    return RESORB_VERSION;
}

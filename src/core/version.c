/* Library version. */
#include "pinot/pinot.h"

#define STR2(x) #x
#define STR(x) STR2(x)

const char * pinot_get_version(void) {
    return STR(PINOT_VERSION_MAJOR) "." STR(PINOT_VERSION_MINOR) "." STR(PINOT_VERSION_PATCH);
}

/* Internals shared by the shape and layout sources (not part of the public API). */
#ifndef PINOT_CORE_SHAPE_IMPL_H
#define PINOT_CORE_SHAPE_IMPL_H

#include <ctype.h>
#include <stddef.h>

#include "pinot/shape.h"

/* Parse the @p n bytes at @p text (not NUL-terminated) as pinot_dim_parse does. */
pinot_status pinot_dim_parse_n(const char * text, size_t n, pinot_dim * out);

/* Strip isspace() characters from both ends of [*s, *s + *n), as OpenVINO's util::trim. */
static inline void pinot_trim(const char ** s, size_t * n) {
    while (*n > 0 && isspace((unsigned char)(*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && isspace((unsigned char)(*s)[*n - 1])) {
        (*n)--;
    }
}

/* Length for "%.*s" when quoting untrusted text in an error message: the message
 * buffer is 1 KiB anyway, and the int conversion must not overflow. */
static inline int pinot_quote_len(size_t n) {
    return n > 1000 ? 1000 : (int)n;
}

#endif // PINOT_CORE_SHAPE_IMPL_H

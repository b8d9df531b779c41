/* Shape arithmetic shared by the convolution and pooling families: OpenVINO's
 * Interval rules for dynamic dimensions (subtraction clips at 0, unbounded
 * stays unbounded) and the 1D/2D/3D attribute list checks. Static inline, so
 * each family file stays self-contained. */
#ifndef PINOT_SPATIAL_UTIL_H
#define PINOT_SPATIAL_UTIL_H

#include <stdio.h>

#include "graph/graph-impl.h"

/* Convolution and pooling work on [N, C, spatial...] with 1 to 3 spatial axes. */
#define PINOT_SPATIAL_MAX 3

static inline int64_t sp_sat_add(int64_t a, int64_t b) {
    if (a == PINOT_DIM_INF || b == PINOT_DIM_INF || a > PINOT_DIM_INF - b) {
        return PINOT_DIM_INF;
    }
    return a + b;
}

static inline int64_t sp_sat_mul(int64_t a, int64_t b) {
    if (a == 0 || b == 0) {
        return 0;
    }
    if (a == PINOT_DIM_INF || b == PINOT_DIM_INF || a > PINOT_DIM_INF / b) {
        return PINOT_DIM_INF;
    }
    return a * b;
}

/* OpenVINO's clip_minus: a - b, never below 0, unbounded minus anything stays unbounded. */
static inline int64_t sp_clip_minus(int64_t a, int64_t b) {
    if (a <= b) {
        return 0;
    }
    return a == PINOT_DIM_INF ? PINOT_DIM_INF : a - b;
}

static inline pinot_dim sp_dim_add(pinot_dim a, pinot_dim b) {
    if (pinot_dim_is_empty(a) || pinot_dim_is_empty(b)) {
        return pinot_dim_empty();
    }
    return (pinot_dim){sp_sat_add(a.min, b.min), sp_sat_add(a.max, b.max)};
}

static inline pinot_dim sp_dim_sub(pinot_dim a, pinot_dim b) {
    if (pinot_dim_is_empty(a) || pinot_dim_is_empty(b)) {
        return pinot_dim_empty();
    }
    return (pinot_dim){sp_clip_minus(a.min, b.max), sp_clip_minus(a.max, b.min)};
}

/* a + c for a possibly negative constant (pads may be negative). */
static inline pinot_dim sp_dim_add_const(pinot_dim a, int64_t c) {
    return c >= 0 ? sp_dim_add(a, pinot_dim_static(c)) : sp_dim_sub(a, pinot_dim_static(-c));
}

static inline pinot_dim sp_dim_mul_const(pinot_dim a, int64_t c) {
    if (pinot_dim_is_empty(a)) {
        return a;
    }
    return (pinot_dim){sp_sat_mul(a.min, c), sp_sat_mul(a.max, c)};
}

static inline int64_t sp_floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline int64_t sp_ceil_div(int64_t a, int64_t b) {
    return -sp_floor_div(-a, b);
}

static inline pinot_dim sp_dim_floor_div(pinot_dim a, int64_t s) {
    if (pinot_dim_is_empty(a)) {
        return a;
    }
    return (pinot_dim){a.min / s, a.max == PINOT_DIM_INF ? PINOT_DIM_INF : a.max / s};
}

static inline pinot_dim sp_dim_ceil_div(pinot_dim a, int64_t s) {
    if (pinot_dim_is_empty(a)) {
        return a;
    }
    return (pinot_dim){sp_ceil_div(a.min, s), a.max == PINOT_DIM_INF ? PINOT_DIM_INF : sp_ceil_div(a.max, s)};
}

/* (k - 1) * d + 1 on intervals: a zero-size kernel dilates to 1, as in OpenVINO. */
static inline pinot_dim sp_dim_dilated(pinot_dim k, int64_t d) {
    return sp_dim_add(sp_dim_mul_const(sp_dim_sub(k, pinot_dim_static(1)), d), pinot_dim_static(1));
}

/* Attribute values beyond this are rejected: it keeps every size computed
 * from them (dilated kernels, padded sizes, positions) inside int64. */
#define PINOT_SPATIAL_ATTR_LIMIT ((int64_t)1 << 31)

/* Index of the first value of @p v with |value| > PINOT_SPATIAL_ATTR_LIMIT, or -1. */
static inline int sp_find_huge(const int64_t * v, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        if (v[i] > PINOT_SPATIAL_ATTR_LIMIT || v[i] < -PINOT_SPATIAL_ATTR_LIMIT) {
            return (int)i;
        }
    }
    return -1;
}

/* "Strides{0, 1}" as OpenVINO prints attribute vectors in its messages. */
static inline const char * sp_list_text(const char * what, const int64_t * v, uint32_t n, char * buf, size_t size) {
    size_t used = (size_t)snprintf(buf, size, "%s{", what);
    for (uint32_t i = 0; i < n && used < size; i++) {
        used += (size_t)snprintf(buf + used, size - used, "%s%lld", i > 0 ? ", " : "", (long long)v[i]);
    }
    if (used < size) {
        snprintf(buf + used, size - used, "}");
    }
    return buf;
}

static inline const char * sp_shape_text(const pinot_partial_shape * ps, char * buf, size_t size) {
    pinot_partial_shape_to_string(ps, buf, size);
    return buf;
}

/* Static dims of a partial shape as a pinot_shape (for evaluate()). */
static inline void sp_partial_from_static(const pinot_shape * s, pinot_partial_shape * ps) {
    pinot_partial_shape_from_shape(ps, s);
}

#endif // PINOT_SPATIAL_UTIL_H

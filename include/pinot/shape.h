/* Dimensions (static, dynamic, interval), partial shapes and static shapes,
 * all plain value types: no allocation, copy them with `=`. */
#ifndef PINOT_SHAPE_H
#define PINOT_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest rank a shape may have: numpy 1.x's NPY_MAXDIMS. */
#define PINOT_MAX_RANK 32

/* Upper bound of an unbounded dimension, as in OpenVINO's Interval. */
#define PINOT_DIM_INF INT64_MAX

/* A dimension is the interval [min, max]; static when min == max,
 * fully dynamic ("?") when [0, PINOT_DIM_INF]. [PINOT_DIM_INF, PINOT_DIM_INF]
 * is OpenVINO's empty interval (what Dimension(5, 2) or a failed intersection
 * gives): it prints as "?", is dynamic, and is compatible with nothing. */
typedef struct pinot_dim {
    int64_t min;
    int64_t max;
} pinot_dim;

/* A static shape. */
typedef struct pinot_shape {
    uint32_t rank;
    int64_t dims[PINOT_MAX_RANK];
} pinot_shape;

/* A shape whose rank (rank < 0) or dimensions may be dynamic. */
typedef struct pinot_partial_shape {
    int32_t rank; /* -1: dynamic rank, dims unused */
    pinot_dim dims[PINOT_MAX_RANK];
} pinot_partial_shape;

/* ---- dimensions ---- */

static inline pinot_dim pinot_dim_static(int64_t n) { pinot_dim d = {n, n}; return d; }
static inline pinot_dim pinot_dim_dynamic(void) { pinot_dim d = {0, PINOT_DIM_INF}; return d; }
static inline pinot_dim pinot_dim_empty(void) { pinot_dim d = {PINOT_DIM_INF, PINOT_DIM_INF}; return d; }
static inline bool pinot_dim_is_empty(pinot_dim d) { return d.min == PINOT_DIM_INF; }
static inline bool pinot_dim_is_static(pinot_dim d) { return d.min == d.max && d.min != PINOT_DIM_INF; }
static inline bool pinot_dim_is_dynamic(pinot_dim d) { return !pinot_dim_is_static(d); }

/**
 * @brief OpenVINO's Interval(min, max), which never fails: max < min gives the
 *        empty dimension, otherwise both bounds are clipped to [0, PINOT_DIM_INF]
 *        (so Dimension(-2) is 0 and only the caller gives -1 its "unbounded" meaning).
 */
PINOT_API pinot_dim pinot_dim_make(int64_t min, int64_t max);

/**
 * @brief Interval dimension. Negative @p min means 0, negative @p max means
 *        unbounded, as OpenVINO's Dimension(lo, hi) with -1.
 * @return PINOT_STATUS_INVALID_ARGUMENT when min > max.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_dim_interval(int64_t min, int64_t max, pinot_dim * out);

/** @brief Intervals intersect. */
PINOT_API bool pinot_dim_compatible(pinot_dim a, pinot_dim b);
/** @brief a contains b. */
PINOT_API bool pinot_dim_relaxes(pinot_dim a, pinot_dim b);
/** @brief a is contained in b. */
PINOT_API bool pinot_dim_refines(pinot_dim a, pinot_dim b);
/** @brief Both dynamic, or both static and equal. */
PINOT_API bool pinot_dim_same_scheme(pinot_dim a, pinot_dim b);
/** @brief Exactly the same interval. */
PINOT_API bool pinot_dim_equal(pinot_dim a, pinot_dim b);

/**
 * @brief Intersection of a and b (OpenVINO Dimension::merge).
 * @return false when they do not intersect.
 */
PINOT_API bool pinot_dim_merge(pinot_dim a, pinot_dim b, pinot_dim * out);

/**
 * @brief numpy-style broadcast of two dimensions (OpenVINO Dimension::broadcast_merge):
 *        1 with x -> x, equal -> itself, dynamic with x merges bounds.
 * @return false when the dimensions cannot broadcast.
 */
PINOT_API bool pinot_dim_broadcast_merge(pinot_dim a, pinot_dim b, pinot_dim * out);

/**
 * @brief Format as OpenVINO does: "3", "?", "2..5", "2..", "..5".
 * @return the number of characters written (like snprintf).
 */
PINOT_API int pinot_dim_to_string(pinot_dim d, char * buf, size_t size);

/**
 * @brief Parse "3", "?", "-1", "2..5", "..5", "2..". Errors use OpenVINO's wording:
 *        'Cannot parse dimension: "C"', 'Cannot parse min bound: "?"',
 *        'Cannot parse max bound: "?"'.
 * @return PINOT_STATUS_OK or PINOT_STATUS_INVALID_ARGUMENT.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_dim_parse(const char * text, pinot_dim * out);

/* ---- static shapes ---- */

/**
 * @brief Build a shape from @p rank sizes.
 * @return PINOT_STATUS_INVALID_ARGUMENT for rank > PINOT_MAX_RANK or a negative size.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_shape_init(pinot_shape * shape, uint32_t rank, const int64_t * dims);

/**
 * @brief Product of the dimensions (1 for rank 0).
 * @return false on overflow of int64.
 */
PINOT_API bool pinot_shape_numel(const pinot_shape * shape, uint64_t * out);

PINOT_API bool pinot_shape_equal(const pinot_shape * a, const pinot_shape * b);

/** @brief "[1,3,224,224]"; returns the length like snprintf. */
PINOT_API int pinot_shape_to_string(const pinot_shape * shape, char * buf, size_t size);

/**
 * @brief Parse a static shape the lenient way OpenVINO's Shape(str) does: "[1,2]",
 *        "1, 2", "" (scalar). Each field is read as leading digits after optional
 *        whitespace; a field that does not start with a digit ("?", "-1", "a3") or
 *        overflows int64 reads as 0, so "[1,?]" is [1,0]. Empty fields are errors
 *        with OpenVINO's wording 'Cannot get vector of dimensions! "" is incorrect'.
 * @return PINOT_STATUS_OK or PINOT_STATUS_INVALID_ARGUMENT (also for rank > PINOT_MAX_RANK).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_shape_parse(const char * text, pinot_shape * out);

/* ---- partial shapes ---- */

/** @brief Dynamic shape of the given rank (all "?"), or of dynamic rank when rank < 0
 *         or rank > PINOT_MAX_RANK (a shape that large cannot be stored). */
PINOT_API void pinot_partial_shape_dynamic(pinot_partial_shape * ps, int32_t rank);

PINOT_API void pinot_partial_shape_from_shape(pinot_partial_shape * ps, const pinot_shape * shape);

/** @brief Static rank and every dimension static. */
PINOT_API bool pinot_partial_shape_is_static(const pinot_partial_shape * ps);

/**
 * @brief Convert a static partial shape.
 * @return PINOT_STATUS_INVALID_STATE when it is dynamic.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_partial_shape_to_shape(const pinot_partial_shape * ps, pinot_shape * out);

PINOT_API bool pinot_partial_shape_compatible(const pinot_partial_shape * a, const pinot_partial_shape * b);
PINOT_API bool pinot_partial_shape_relaxes(const pinot_partial_shape * a, const pinot_partial_shape * b);
PINOT_API bool pinot_partial_shape_refines(const pinot_partial_shape * a, const pinot_partial_shape * b);
PINOT_API bool pinot_partial_shape_same_scheme(const pinot_partial_shape * a, const pinot_partial_shape * b);
/** @brief Structural equality (same rank-ness and identical intervals). */
PINOT_API bool pinot_partial_shape_equal(const pinot_partial_shape * a, const pinot_partial_shape * b);

/**
 * @brief OpenVINO PartialShape::merge_into: dst becomes the intersection of dst and src.
 * @return false when they are incompatible (dst is then unspecified).
 */
PINOT_API bool pinot_partial_shape_merge_into(pinot_partial_shape * dst, const pinot_partial_shape * src);

/**
 * @brief numpy broadcasting of two shapes (right-aligned) into *out.
 * @return false when they do not broadcast.
 */
PINOT_API bool pinot_partial_shape_broadcast_merge(const pinot_partial_shape * a, const pinot_partial_shape * b,
                                                   pinot_partial_shape * out);

/** @brief Upper bounds (PINOT_DIM_INF where unbounded); rank-0 shape for dynamic rank. */
PINOT_API void pinot_partial_shape_max_shape(const pinot_partial_shape * ps, pinot_shape * out);
/** @brief Lower bounds; rank-0 shape for dynamic rank. */
PINOT_API void pinot_partial_shape_min_shape(const pinot_partial_shape * ps, pinot_shape * out);

/** @brief "[1,3,?,224]", "[1..10,?]", "[...]"; returns the length like snprintf. */
PINOT_API int pinot_partial_shape_to_string(const pinot_partial_shape * ps, char * buf, size_t size);

/**
 * @brief Parse "[1,3,?,224]", "1,3,?,224", "[?, 3, ..224, 28..224]", "[...]" or "..."
 *        (dynamic rank), "[]" (scalar). Whitespace is ignored. Errors use OpenVINO's
 *        wording: 'Cannot get vector of dimensions! "[?,,3]" is incorrect'.
 * @return PINOT_STATUS_OK or PINOT_STATUS_INVALID_ARGUMENT.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_partial_shape_parse(const char * text, pinot_partial_shape * out);

#ifdef __cplusplus
}
#endif

#endif // PINOT_SHAPE_H

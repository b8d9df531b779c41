/* Internals shared by the data-movement op families (reshape.c, movement.c,
 * slice.c, sequence.c): element copies that work for every element type (packed types
 * element by element, strings deep-copied), strided views, integer inputs of
 * any numeric type, interval arithmetic for shape inference, and errors that
 * name the node both in validate() and in evaluate(). Defined in movement.c. */
#ifndef PINOT_OPS_MOVEMENT_IMPL_H
#define PINOT_OPS_MOVEMENT_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "graph/graph-impl.h"

/* Views built by DepthToSpace, SpaceToDepth and Tile split every axis in two. */
#define PINOT_MOVE_MAX_RANK (2 * PINOT_MAX_RANK + 2)

/*
 * Record an error naming the node. In validate() (runtime false) it is
 * pinot_node_error's "failed to validate <Op> node '<name>': ..."; in
 * evaluate() it reads "failed to evaluate <Op> node '<name>': ...".
 * Returns PINOT_STATUS_INVALID_ARGUMENT.
 */
pinot_status pinot_move_fail(const struct pinot_node * node, bool runtime, const char * fmt, ...) PINOT_PRINTF(3, 4);

/* Copy @p count consecutive elements src[src_index...] to dst[dst_index...]
 * (both dense, same element type). */
pinot_status pinot_move_elements(pinot_tensor_t * dst, uint64_t dst_index, const pinot_tensor_t * src,
                                 uint64_t src_index, uint64_t count);

/*
 * Copy a strided view: for every index vector i over dims[0..rank),
 *   dst[dst_offset + sum_k i_k * dst_strides[k]] = src[src_offset + sum_k i_k * src_strides[k]]
 * with strides in elements (0 repeats an element, negative walks backwards).
 * Both tensors are dense and of the same element type; the caller guarantees
 * every index stays in range. rank <= PINOT_MOVE_MAX_RANK.
 */
pinot_status pinot_move_strided(pinot_tensor_t * dst, int64_t dst_offset, const int64_t * dst_strides,
                                const pinot_tensor_t * src, int64_t src_offset, const int64_t * src_strides,
                                const int64_t * dims, uint32_t rank);

/* Read up to @p max elements of a tensor of any non-string type as int64
 * (floats truncate toward zero). Returns false when it has more than @p max. */
bool pinot_move_read_ints(const pinot_tensor_t * tensor, int64_t * values, uint32_t max, uint32_t * n);

/* The values of input @p i when it is a Constant of any non-string type, as int64
 * (pinot_node_input_ints accepts integer types only; some ops take float axes). */
bool pinot_move_const_ints(const struct pinot_node * node, uint32_t i, int64_t * values, uint32_t max, uint32_t * n);

/* The integer values of input @p i: from its Constant in validate() (inputs
 * NULL; *known false when it is not constant), from inputs[i] in evaluate()
 * (error when it holds more than @p max values). */
pinot_status pinot_move_input_values(const struct pinot_node * node, pinot_tensor_t * const * inputs, uint32_t i,
                                     int64_t * values, uint32_t max, uint32_t * n, bool * known);

/* The shape of input @p i: the producer's partial shape in validate() (inputs
 * NULL), the tensor's shape in evaluate(). */
pinot_partial_shape pinot_move_input_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs, uint32_t i);

/* Give a kernel's output the (static) shape its shape function computed. */
pinot_status pinot_move_set_shape(const struct pinot_node * node, const pinot_partial_shape * ps, pinot_tensor_t * out);

/* A partial shape as text for messages: pinot_move_text(&ps).s */
struct pinot_move_text {
    char s[PINOT_MAX_RANK * 48 + 8];
};
struct pinot_move_text pinot_move_text(const pinot_partial_shape * ps);

/* "<what> must be an integral number, but is: f32" unless input @p i has an integer type. */
pinot_status pinot_move_check_int_input(const struct pinot_node * node, uint32_t i, const char * what);

/* Normalize @p axis against @p rank: "Axis 3 out of the tensor rank range [-3, 2]." */
pinot_status pinot_move_normalize_axis(const struct pinot_node * node, bool runtime, int64_t axis, int64_t rank,
                                       int64_t * out);

/* Integer element types (and dynamic, which may become one). */
static inline bool pinot_move_is_int_type(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC || (info != NULL && info->is_integral_number && type != PINOT_DTYPE_BOOLEAN);
}

/* ---- interval arithmetic on dimensions (bounds saturate at PINOT_DIM_INF) ---- */

static inline int64_t pinot_move_sat_mul(int64_t a, int64_t b) {
    if (a == 0 || b == 0) {
        return 0;
    }
    if (a >= PINOT_DIM_INF || b >= PINOT_DIM_INF || a > PINOT_DIM_INF / b) {
        return PINOT_DIM_INF;
    }
    return a * b;
}

static inline int64_t pinot_move_sat_add(int64_t a, int64_t b) {
    if (a >= PINOT_DIM_INF || b >= PINOT_DIM_INF || a > PINOT_DIM_INF - b) {
        return PINOT_DIM_INF;
    }
    return a + b;
}

static inline pinot_dim pinot_move_dim_mul(pinot_dim a, pinot_dim b) {
    if (pinot_dim_is_empty(a) || pinot_dim_is_empty(b)) {
        return pinot_dim_dynamic();
    }
    return pinot_dim_make(pinot_move_sat_mul(a.min, b.min), pinot_move_sat_mul(a.max, b.max));
}

static inline pinot_dim pinot_move_dim_add(pinot_dim a, pinot_dim b) {
    if (pinot_dim_is_empty(a) || pinot_dim_is_empty(b)) {
        return pinot_dim_dynamic();
    }
    return pinot_dim_make(pinot_move_sat_add(a.min, b.min), pinot_move_sat_add(a.max, b.max));
}

/* The values of a / divisor that are whole numbers: [ceil(min / d), floor(max / d)]. */
static inline pinot_dim pinot_move_dim_div(pinot_dim a, int64_t divisor) {
    if (pinot_dim_is_empty(a) || divisor <= 0) {
        return pinot_dim_dynamic();
    }
    int64_t lo = a.min / divisor + (a.min % divisor != 0);
    int64_t hi = a.max >= PINOT_DIM_INF ? PINOT_DIM_INF : a.max / divisor;
    return pinot_dim_make(lo, hi);
}

#endif // PINOT_OPS_MOVEMENT_IMPL_H

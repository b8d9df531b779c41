/* Data-movement ops: Concat, Split, VariadicSplit, Broadcast (1, 3), Tile,
 * Pad (1, 12), plus the element-moving helpers of movement-impl.h shared with
 * reshape.c, slice.c and sequence.c. Kernels copy elements of every element
 * type without looking at them: byte-sized types by memcpy, packed types one
 * element at a time, strings deep-copied (never shared between tensors). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/movement-impl.h"
#include "ops/ref-util.h"

/* ---- helpers (movement-impl.h) ---- */

pinot_status pinot_move_fail(const struct pinot_node * node, bool runtime, const char * fmt, ...) {
    char message[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    if (!runtime) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s", message);
    }
    char name[256];
    pinot_node_get_friendly_name(node, name, sizeof(name));
    return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to evaluate %s node '%s': %s",
                           node->impl != NULL ? node->impl->type_name : "?", name, message);
}

/* Move one element of a packed or string type. Packed codes round-trip
 * exactly through ref-util's loads and stores: integers through int64, the
 * table types (nf4, f4e2m1) through their decoded value. */
static pinot_status move_one(pinot_tensor_t * dst, uint64_t di, const pinot_tensor_t * src, uint64_t si,
                             pinot_dtype type) {
    if (type == PINOT_DTYPE_STRING) {
        const char * data = NULL;
        size_t size = 0;
        pinot_status status = pinot_tensor_get_string(src, si, &data, &size);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        return pinot_tensor_set_string(dst, di, data, size);
    }
    void * out = pinot_tensor_get_data(dst);
    const void * in = pinot_tensor_get_data(src);
    if (type == PINOT_DTYPE_NF4 || type == PINOT_DTYPE_F4E2M1) {
        pinot_ref_store_f64(type, out, di, pinot_ref_load_f64(type, in, si));
    } else {
        pinot_ref_store_i64(type, out, di, pinot_ref_load_i64(type, in, si));
    }
    return PINOT_STATUS_OK;
}

static bool is_byte_type(pinot_dtype type) {
    return type != PINOT_DTYPE_STRING && !pinot_dtype_is_packed(type);
}

pinot_status pinot_move_elements(pinot_tensor_t * dst, uint64_t dst_index, const pinot_tensor_t * src,
                                 uint64_t src_index, uint64_t count) {
    pinot_dtype type = pinot_tensor_get_type(dst);
    if (count == 0) {
        return PINOT_STATUS_OK;
    }
    if (is_byte_type(type)) {
        size_t size = pinot_dtype_get_info(type)->size;
        memcpy((char *)pinot_tensor_get_data(dst) + dst_index * size,
               (const char *)pinot_tensor_get_data(src) + src_index * size, count * size);
        return PINOT_STATUS_OK;
    }
    for (uint64_t i = 0; i < count; i++) {
        pinot_status status = move_one(dst, dst_index + i, src, src_index + i, type);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    return PINOT_STATUS_OK;
}

/* One strided row of byte-sized elements. */
static inline void move_row_sized(char * out, int64_t dst, int64_t dst_step, const char * in, int64_t src,
                                  int64_t src_step, int64_t n, size_t size) {
    for (int64_t i = 0; i < n; i++) {
        memcpy(out + (dst + i * dst_step) * (int64_t)size, in + (src + i * src_step) * (int64_t)size, size);
    }
}

/* Calls with constant sizes, so each inlined memcpy becomes a single load and store. */
static void move_row(char * out, int64_t dst, int64_t dst_step, const char * in, int64_t src, int64_t src_step,
                     int64_t n, size_t size) {
    switch (size) {
    case 1:
        move_row_sized(out, dst, dst_step, in, src, src_step, n, 1);
        break;
    case 2:
        move_row_sized(out, dst, dst_step, in, src, src_step, n, 2);
        break;
    case 4:
        move_row_sized(out, dst, dst_step, in, src, src_step, n, 4);
        break;
    case 8:
        move_row_sized(out, dst, dst_step, in, src, src_step, n, 8);
        break;
    default:
        move_row_sized(out, dst, dst_step, in, src, src_step, n, size);
        break;
    }
}

pinot_status pinot_move_strided(pinot_tensor_t * dst, int64_t dst_offset, const int64_t * dst_strides,
                                const pinot_tensor_t * src, int64_t src_offset, const int64_t * src_strides,
                                const int64_t * dims, uint32_t rank) {
    /* Drop size-1 axes and merge axes that are contiguous on both sides, so the
     * innermost run is as long as possible (a whole block for Concat and Split). */
    int64_t d[PINOT_MOVE_MAX_RANK], ds[PINOT_MOVE_MAX_RANK], ss[PINOT_MOVE_MAX_RANK];
    for (uint32_t k = 0; k < rank; k++) {
        if (dims[k] == 0) {
            return PINOT_STATUS_OK; /* before any stride product: those of empty views may overflow */
        }
    }
    uint32_t r = 0;
    for (uint32_t k = 0; k < rank; k++) {
        if (dims[k] == 1) {
            continue;
        }
        if (r > 0 && ds[r - 1] == dst_strides[k] * dims[k] && ss[r - 1] == src_strides[k] * dims[k]) {
            d[r - 1] *= dims[k];
            ds[r - 1] = dst_strides[k];
            ss[r - 1] = src_strides[k];
            continue;
        }
        d[r] = dims[k];
        ds[r] = dst_strides[k];
        ss[r] = src_strides[k];
        r++;
    }
    if (r == 0) {
        d[0] = 1;
        ds[0] = ss[0] = 1;
        r = 1;
    }
    pinot_dtype type = pinot_tensor_get_type(dst);
    bool bytes = is_byte_type(type);
    size_t size = pinot_dtype_get_info(type)->size;
    char * out = pinot_tensor_get_data(dst);
    const char * in = pinot_tensor_get_data(src);
    uint32_t last = r - 1;
    int64_t index[PINOT_MOVE_MAX_RANK] = {0};
    int64_t di = dst_offset, si = src_offset;
    for (;;) {
        if (ds[last] == 1 && ss[last] == 1) {
            pinot_status status = pinot_move_elements(dst, (uint64_t)di, src, (uint64_t)si, (uint64_t)d[last]);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        } else if (bytes) {
            move_row(out, di, ds[last], in, si, ss[last], d[last], size);
        } else {
            for (int64_t i = 0; i < d[last]; i++) {
                pinot_status status =
                    move_one(dst, (uint64_t)(di + i * ds[last]), src, (uint64_t)(si + i * ss[last]), type);
                if (status != PINOT_STATUS_OK) {
                    return status;
                }
            }
        }
        uint32_t k = last;
        for (;;) {
            if (k == 0) {
                return PINOT_STATUS_OK;
            }
            k--;
            di += ds[k];
            si += ss[k];
            if (++index[k] < d[k]) {
                break;
            }
            di -= ds[k] * d[k];
            si -= ss[k] * d[k];
            index[k] = 0;
        }
    }
}

bool pinot_move_read_ints(const pinot_tensor_t * tensor, int64_t * values, uint32_t max, uint32_t * n) {
    uint64_t count = pinot_tensor_get_size(tensor);
    if (count > max) {
        return false;
    }
    pinot_dtype type = pinot_tensor_get_type(tensor);
    const void * data = pinot_tensor_get_data(tensor);
    for (uint64_t i = 0; i < count; i++) {
        values[i] = pinot_ref_load_i64(type, data, i);
    }
    *n = (uint32_t)count;
    return true;
}

bool pinot_move_const_ints(const struct pinot_node * node, uint32_t i, int64_t * values, uint32_t max, uint32_t * n) {
    const pinot_tensor_t * value = pinot_node_input_value(node, i);
    if (value == NULL || pinot_tensor_get_type(value) == PINOT_DTYPE_STRING) {
        return false;
    }
    return pinot_move_read_ints(value, values, max, n);
}

pinot_status pinot_move_input_values(const struct pinot_node * node, pinot_tensor_t * const * inputs, uint32_t i,
                                     int64_t * values, uint32_t max, uint32_t * n, bool * known) {
    if (inputs == NULL) {
        *known = pinot_move_const_ints(node, i, values, max, n);
        return PINOT_STATUS_OK;
    }
    *known = true;
    if (!pinot_move_read_ints(inputs[i], values, max, n)) {
        return pinot_move_fail(node, true, "input %u has too many values (%llu, at most %u)", i,
                               (unsigned long long)pinot_tensor_get_size(inputs[i]), max);
    }
    return PINOT_STATUS_OK;
}

pinot_partial_shape pinot_move_input_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                           uint32_t i) {
    pinot_partial_shape ps;
    if (inputs != NULL) {
        pinot_partial_shape_from_shape(&ps, pinot_tensor_get_shape(inputs[i]));
    } else {
        ps = *pinot_node_input_shape(node, i);
    }
    return ps;
}

pinot_status pinot_move_set_shape(const struct pinot_node * node, const pinot_partial_shape * ps,
                                  pinot_tensor_t * out) {
    pinot_shape shape;
    if (pinot_partial_shape_to_shape(ps, &shape) != PINOT_STATUS_OK) {
        /* Only a dimension that overflowed int64 (or an unknown rank) gets here at run time. */
        return pinot_move_fail(node, true, "the output shape %s is too large or not static", pinot_move_text(ps).s);
    }
    return pinot_tensor_set_shape(out, &shape);
}

struct pinot_move_text pinot_move_text(const pinot_partial_shape * ps) {
    struct pinot_move_text t;
    pinot_partial_shape_to_string(ps, t.s, sizeof(t.s));
    return t;
}

pinot_status pinot_move_check_int_input(const struct pinot_node * node, uint32_t i, const char * what) {
    pinot_dtype type = pinot_node_input_type(node, i);
    if (!pinot_move_is_int_type(type)) {
        return pinot_move_fail(node, false, "%s must be an integral number, but is: %s", what, pinot_dtype_name(type));
    }
    return PINOT_STATUS_OK;
}

pinot_status pinot_move_normalize_axis(const struct pinot_node * node, bool runtime, int64_t axis, int64_t rank,
                                       int64_t * out) {
    if (axis < -rank || axis >= rank) {
        return pinot_move_fail(node, runtime, "Axis %lld out of the tensor rank range [%lld, %lld].", (long long)axis,
                               (long long)-rank, (long long)(rank - 1));
    }
    *out = axis < 0 ? axis + rank : axis;
    return PINOT_STATUS_OK;
}

/* ======================================================================
 * Concat: N inputs of equal rank, equal everywhere but `axis` -> their
 * concatenation along `axis`.
 * ====================================================================== */

struct concat_attrs {
    int64_t axis;
};

static const struct pinot_attr_desc concat_attrs_desc[] = {
    PINOT_ATTR(struct concat_attrs, axis, "axis", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR_END,
};

static pinot_status concat_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_partial_shape * out, int64_t * axis_out) {
    bool runtime = inputs != NULL;
    int64_t axis = PINOT_ATTRS(node, struct concat_attrs)->axis;
    pinot_dim total = pinot_dim_static(0);
    bool have_rank = false;
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        pinot_partial_shape in = pinot_move_input_shape(node, inputs, i);
        if (in.rank < 0) {
            total = pinot_move_dim_add(total, pinot_dim_dynamic());
            continue;
        }
        if (!have_rank) {
            if (in.rank == 0) {
                return pinot_move_fail(node, runtime,
                                       "Concatenation of scalars is not supported (input %u has shape [])", i);
            }
            pinot_status status = pinot_move_normalize_axis(node, runtime, axis, in.rank, axis_out);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
            *out = in;
            have_rank = true;
        } else {
            bool same = in.rank == out->rank;
            for (int32_t k = 0; same && k < in.rank; k++) {
                same = k == *axis_out || pinot_dim_merge(out->dims[k], in.dims[k], &out->dims[k]);
            }
            if (!same) {
                return pinot_move_fail(node, runtime,
                                       "Argument shapes are inconsistent; they must have the same rank, and must have "
                                       "equal dimension everywhere except on the concatenation axis (axis %lld) "
                                       "(got %s and %s).",
                                       (long long)axis, pinot_move_text(out).s, pinot_move_text(&in).s);
            }
        }
        total = pinot_move_dim_add(total, in.dims[*axis_out]);
    }
    if (!have_rank) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    out->dims[*axis_out] = total;
    return PINOT_STATUS_OK;
}

static pinot_status concat_validate(struct pinot_node * node) {
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        if (!pinot_dtype_merge(type, pinot_node_input_type(node, i), &type)) {
            return pinot_move_fail(node, false, "Argument element types are inconsistent (got %s and %s).",
                                   pinot_dtype_name(type), pinot_dtype_name(pinot_node_input_type(node, i)));
        }
    }
    pinot_partial_shape out;
    int64_t axis = 0;
    pinot_status status = concat_shape(node, NULL, &out, &axis);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, type, &out);
    }
    return status;
}

static pinot_status concat_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    pinot_partial_shape out_ps;
    int64_t axis = 0;
    pinot_status status = concat_shape(node, inputs, &out_ps, &axis);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK; /* also keeps stride products of empty shapes from overflowing */
    }
    const pinot_shape * out = pinot_tensor_get_shape(outputs[0]);
    int64_t dst_strides[PINOT_MAX_RANK], src_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(out, dst_strides);
    int64_t offset = 0;
    for (uint32_t i = 0; i < node->n_inputs && status == PINOT_STATUS_OK; i++) {
        const pinot_shape * in = pinot_tensor_get_shape(inputs[i]);
        pinot_ref_dense_strides(in, src_strides);
        status = pinot_move_strided(outputs[0], offset * dst_strides[axis], dst_strides, inputs[i], 0, src_strides,
                                    in->dims, in->rank);
        offset += in->dims[axis];
    }
    return status;
}

const struct pinot_op_impl pinot_op_impl_concat = {
    .type_name = "Concat",
    .versions = (const uint8_t[]){1, 0},
    .attrs = concat_attrs_desc,
    .attrs_size = sizeof(struct concat_attrs),
    .min_inputs = 1,
    .max_inputs = UINT8_MAX,
    .validate = concat_validate,
    .evaluate = concat_evaluate,
};

/* ======================================================================
 * Split: data, axis (scalar) -> num_splits equal parts along axis.
 * VariadicSplit: data, axis, split_lengths [n] (one -1 takes the rest) -> n parts.
 * ====================================================================== */

/* Outputs beyond this are refused: an untrusted num_splits must not allocate unboundedly. */
#define MAX_SPLITS 4096

struct split_attrs {
    int64_t num_splits;
};

static const struct pinot_attr_desc split_attrs_desc[] = {
    PINOT_ATTR(struct split_attrs, num_splits, "num_splits", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR_END,
};

/* VariadicSplit's part sizes along `axis` from known or unknown lengths. */
static pinot_status variadic_sizes(const struct pinot_node * node, bool runtime, const int64_t * lengths, uint32_t n,
                                   bool lengths_known, uint32_t n_parts, pinot_partial_shape * out, int64_t axis,
                                   pinot_dim dim) {
    if (!lengths_known) {
        for (uint32_t k = 0; k < n_parts; k++) {
            out[k].dims[axis] = pinot_dim_dynamic();
        }
        return PINOT_STATUS_OK;
    }
    if (n != n_parts) {
        return pinot_move_fail(node, runtime, "split_lengths has %u values for %u outputs", n, n_parts);
    }
    int64_t sum = 0;
    int32_t minus_one = -1;
    for (uint32_t k = 0; k < n; k++) {
        if (lengths[k] < -1) {
            return pinot_move_fail(node, runtime, "Invalid value %lld in split lengths input. Should be >= -1.",
                                   (long long)lengths[k]);
        }
        if (lengths[k] == -1) {
            if (minus_one >= 0) {
                return pinot_move_fail(node, runtime, "Cannot infer split with multiple -1 values at %d and %u",
                                       minus_one, k);
            }
            minus_one = (int32_t)k;
            continue;
        }
        sum = pinot_move_sat_add(sum, lengths[k]);
        out[k].dims[axis] = pinot_dim_static(lengths[k]);
    }
    if (minus_one >= 0) {
        /* As OpenVINO, a negative remainder leaves the part dynamic until run time. */
        bool fits = pinot_dim_is_static(dim) && sum <= dim.min;
        out[minus_one].dims[axis] = fits ? pinot_dim_static(dim.min - sum) : pinot_dim_dynamic();
        if (runtime && !fits) {
            return pinot_move_fail(node, runtime,
                                   "Total length of splits: %lld exceeds the length of the chosen axis: %lld",
                                   (long long)sum, (long long)dim.min);
        }
    } else if (pinot_dim_is_static(dim) && sum != dim.min) {
        return pinot_move_fail(node, runtime,
                               "Total length of splits: %lld must match the length of the chosen axis: %lld",
                               (long long)sum, (long long)dim.min);
    }
    return PINOT_STATUS_OK;
}

/* Read split_lengths (input 2) and size the parts; out[] already holds the input shape. */
static pinot_status variadic_shapes(const struct pinot_node * node, pinot_tensor_t * const * inputs, uint32_t n_parts,
                                    pinot_partial_shape * out, int64_t axis, pinot_dim dim) {
    bool runtime = inputs != NULL;
    int64_t * lengths = malloc(sizeof(int64_t) * MAX_SPLITS);
    if (lengths == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    uint32_t n = 0;
    bool lengths_known = false;
    pinot_status status = pinot_move_input_values(node, inputs, 2, lengths, MAX_SPLITS, &n, &lengths_known);
    if (status == PINOT_STATUS_OK) {
        status = variadic_sizes(node, runtime, lengths, n, lengths_known, n_parts, out, axis, dim);
    }
    free(lengths);
    return status;
}

/*
 * The shapes of every part: Split's equal parts, or VariadicSplit's
 * split_lengths (input 2). Axis and lengths come from Constants in validate()
 * and from the inputs in evaluate(); *axis_out is -1 when unknown. out[] has
 * n_parts entries.
 */
static pinot_status split_shapes(const struct pinot_node * node, pinot_tensor_t * const * inputs, bool variadic,
                                 uint32_t n_parts, pinot_partial_shape * out, int64_t * axis_out) {
    bool runtime = inputs != NULL;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    int64_t axis_value[1];
    uint32_t n = 0;
    bool axis_known = false;
    *axis_out = -1;
    pinot_status status = pinot_move_input_values(node, inputs, 1, axis_value, 1, &n, &axis_known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (in.rank < 0) {
        for (uint32_t k = 0; k < n_parts; k++) {
            pinot_partial_shape_dynamic(&out[k], -1);
        }
        return PINOT_STATUS_OK;
    }
    if (!axis_known || n != 1) {
        for (uint32_t k = 0; k < n_parts; k++) {
            pinot_partial_shape_dynamic(&out[k], in.rank);
        }
        return PINOT_STATUS_OK;
    }
    status = pinot_move_normalize_axis(node, runtime, axis_value[0], in.rank, axis_out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t axis = *axis_out;
    pinot_dim dim = in.dims[axis];
    for (uint32_t k = 0; k < n_parts; k++) {
        out[k] = in;
    }
    if (!variadic) {
        if (pinot_dim_is_static(dim) && dim.min % n_parts != 0) {
            return pinot_move_fail(node, runtime,
                                   "Dimension of data input shape along 'axis': %lld must be evenly divisible by "
                                   "'num_splits' attribute value: %u",
                                   (long long)dim.min, n_parts);
        }
        for (uint32_t k = 0; k < n_parts; k++) {
            out[k].dims[axis] = pinot_move_dim_div(dim, n_parts);
        }
        return PINOT_STATUS_OK;
    }
    return variadic_shapes(node, inputs, n_parts, out, axis, dim);
}

static pinot_status split_check_axis_input(const struct pinot_node * node, bool scalar_only) {
    pinot_dtype type = pinot_node_input_type(node, 1);
    if (!pinot_move_is_int_type(type)) {
        return pinot_move_fail(node, false, "Element type of 'axis' input must be integer. Got: %s",
                               pinot_dtype_name(type));
    }
    const pinot_partial_shape * axis = pinot_node_input_shape(node, 1);
    bool scalar = axis->rank == 0 || axis->rank < 0 ||
                  (!scalar_only && axis->rank == 1 && pinot_dim_compatible(axis->dims[0], pinot_dim_static(1)));
    if (!scalar) {
        return pinot_move_fail(node, false, "'axis' input must be a scalar. Got: %s", pinot_move_text(axis).s);
    }
    return PINOT_STATUS_OK;
}

static pinot_status split_validate_common(struct pinot_node * node, bool variadic, uint32_t n_parts) {
    pinot_status status = split_check_axis_input(node, !variadic);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_partial_shape * out = malloc(sizeof(pinot_partial_shape) * (n_parts > 0 ? n_parts : 1));
    if (out == NULL) {
        return pinot_node_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    int64_t axis = -1;
    status = split_shapes(node, NULL, variadic, n_parts, out, &axis);
    if (status == PINOT_STATUS_OK) {
        status = pinot_node_set_output_count(node, n_parts);
    }
    for (uint32_t k = 0; status == PINOT_STATUS_OK && k < n_parts; k++) {
        pinot_node_set_output(node, k, pinot_node_input_type(node, 0), &out[k]);
    }
    free(out);
    return status;
}

static pinot_status split_validate(struct pinot_node * node) {
    int64_t n = PINOT_ATTRS(node, struct split_attrs)->num_splits;
    if (n <= 0) {
        return pinot_move_fail(node, false, "Attribute 'num_splits' must be greater than zero. Got: %lld",
                               (long long)n);
    }
    if (n > MAX_SPLITS) {
        return pinot_move_fail(node, false, "Attribute 'num_splits' is too large (got %lld, at most %d)", (long long)n,
                               MAX_SPLITS);
    }
    return split_validate_common(node, false, (uint32_t)n);
}

static pinot_status variadic_split_validate(struct pinot_node * node) {
    const pinot_partial_shape * lengths = pinot_node_input_shape(node, 2);
    if (lengths->rank >= 0 && lengths->rank != 1) {
        return pinot_move_fail(node, false, "Split lengths should be a 1-D tensor. Got %d instead.", lengths->rank);
    }
    pinot_dtype type = pinot_node_input_type(node, 2);
    if (type == PINOT_DTYPE_BOOLEAN || type == PINOT_DTYPE_STRING) {
        return pinot_move_fail(node, false, "Element type of 'split_lengths' input must be a number. Got: %s",
                               pinot_dtype_name(type));
    }
    /* The number of outputs is the number of lengths; unknown gives none, as OpenVINO. */
    uint32_t n_parts = 0;
    if (lengths->rank == 1 && pinot_dim_is_static(lengths->dims[0])) {
        if (lengths->dims[0].min > MAX_SPLITS) {
            return pinot_move_fail(node, false, "too many split lengths (got %lld, at most %d)",
                                   (long long)lengths->dims[0].min, MAX_SPLITS);
        }
        n_parts = (uint32_t)lengths->dims[0].min;
    }
    return split_validate_common(node, true, n_parts);
}

static pinot_status split_evaluate_common(const struct pinot_node * node, bool variadic,
                                          pinot_tensor_t * const * inputs, pinot_tensor_t * const * outputs) {
    uint32_t n_parts = node->n_outputs;
    pinot_partial_shape * out = malloc(sizeof(pinot_partial_shape) * (n_parts > 0 ? n_parts : 1));
    if (out == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
    }
    int64_t axis = -1;
    pinot_status status = split_shapes(node, inputs, variadic, n_parts, out, &axis);
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    int64_t src_strides[PINOT_MAX_RANK], dst_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(in, src_strides);
    int64_t offset = 0;
    for (uint32_t k = 0; status == PINOT_STATUS_OK && k < n_parts; k++) {
        status = pinot_move_set_shape(node, &out[k], outputs[k]);
        if (status != PINOT_STATUS_OK) {
            break;
        }
        const pinot_shape * shape = pinot_tensor_get_shape(outputs[k]);
        if (pinot_tensor_get_size(outputs[k]) == 0) {
            offset += shape->dims[axis];
            continue;
        }
        pinot_ref_dense_strides(shape, dst_strides);
        status = pinot_move_strided(outputs[k], 0, dst_strides, inputs[0], offset * src_strides[axis], src_strides,
                                    shape->dims, shape->rank);
        offset += shape->dims[axis];
    }
    free(out);
    return status;
}

static pinot_status split_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                   pinot_tensor_t * const * outputs) {
    return split_evaluate_common(node, false, inputs, outputs);
}

static pinot_status variadic_split_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                            pinot_tensor_t * const * outputs) {
    return split_evaluate_common(node, true, inputs, outputs);
}

const struct pinot_op_impl pinot_op_impl_split = {
    .type_name = "Split",
    .versions = (const uint8_t[]){1, 0},
    .attrs = split_attrs_desc,
    .attrs_size = sizeof(struct split_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = split_validate,
    .evaluate = split_evaluate,
};

const struct pinot_op_impl pinot_op_impl_variadic_split = {
    .type_name = "VariadicSplit",
    .versions = (const uint8_t[]){1, 0},
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = variadic_split_validate,
    .evaluate = variadic_split_evaluate,
};

/* ======================================================================
 * Broadcast: data, target_shape [n], optional axes_mapping -> data broadcast to
 * the target shape. numpy: right-aligned, input dims 1 or equal (one way);
 * bidirectional (v3): numpy rules both ways; explicit: input axis i goes to
 * target axis axes_mapping[i]; pdpd: aligned from axis 0 (OpenVINO's builders
 * always give start axis 0), either side may be 1.
 * ====================================================================== */

static const char * const broadcast_modes[] = {"numpy", "explicit", "bidirectional", "pdpd", "none", NULL};
enum { BROADCAST_NUMPY = 0, BROADCAST_EXPLICIT, BROADCAST_BIDIRECTIONAL, BROADCAST_PDPD, BROADCAST_NONE };

struct broadcast_attrs {
    int32_t mode;
};

static const struct pinot_attr_desc broadcast_attrs_desc[] = {
    PINOT_ATTR_ENUM_OF(struct broadcast_attrs, mode, "mode", broadcast_modes, "numpy"),
    PINOT_ATTR_END,
};

static int32_t broadcast_mode(const struct pinot_node * node) {
    int32_t mode = PINOT_ATTRS(node, struct broadcast_attrs)->mode;
    return mode == BROADCAST_NONE ? BROADCAST_EXPLICIT : mode; /* Broadcast-1 spells explicit "none" */
}

/* out: the output shape; axes/n_axes: the explicit mapping when known (n_axes -1 otherwise). */
static pinot_status broadcast_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_partial_shape * out, int64_t * axes, int32_t * n_axes) {
    bool runtime = inputs != NULL;
    int32_t mode = broadcast_mode(node);
    pinot_partial_shape arg = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape target_shape = pinot_move_input_shape(node, inputs, 1);
    int64_t values[PINOT_MAX_RANK];
    uint32_t n = 0;
    bool known = false;
    *n_axes = -1;

    if (!runtime) {
        if (mode == BROADCAST_BIDIRECTIONAL && node->version < 3) {
            return pinot_move_fail(node, false, "Broadcast-1 has no bidirectional mode (use Broadcast-3)");
        }
        pinot_status status = pinot_move_check_int_input(node, 1, "Broadcast shape");
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (target_shape.rank >= 0 && target_shape.rank != 1) {
            return pinot_move_fail(node, false, "Broadcast shape rank must be 1, but has %d", target_shape.rank);
        }
        if (mode == BROADCAST_EXPLICIT) {
            if (node->n_inputs < 3) {
                return pinot_move_fail(node, false, "axes_mapping input should be provided if explicit mode is used");
            }
            status = pinot_move_check_int_input(node, 2, "Broadcast axes");
            const pinot_partial_shape * mapping = pinot_node_input_shape(node, 2);
            if (status == PINOT_STATUS_OK && mapping->rank >= 0 && mapping->rank != 1) {
                status = pinot_move_fail(node, false, "Broadcast axes rank must be 1, but has %d", mapping->rank);
            }
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
    }
    pinot_status status = pinot_move_input_values(node, inputs, 1, values, PINOT_MAX_RANK, &n, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_partial_shape target;
    if (known) {
        target.rank = (int32_t)n;
        for (uint32_t i = 0; i < n; i++) {
            if (runtime && values[i] < 0) {
                return pinot_move_fail(node, true, "target_shape[%u] is negative (%lld)", i, (long long)values[i]);
            }
            /* As OpenVINO's shape from a constant: -1 is dynamic, other negatives clip to 0. */
            target.dims[i] = values[i] == -1 ? pinot_dim_dynamic() : pinot_dim_static(values[i] < 0 ? 0 : values[i]);
        }
    } else if (target_shape.rank == 1 && pinot_dim_is_static(target_shape.dims[0])) {
        pinot_partial_shape_dynamic(&target, (int32_t)target_shape.dims[0].min);
    } else {
        pinot_partial_shape_dynamic(&target, -1);
    }

    switch (mode) {
    case BROADCAST_BIDIRECTIONAL:
        if (!pinot_partial_shape_broadcast_merge(&arg, &target, out)) {
            return pinot_move_fail(node, runtime,
                                   "Broadcast incorrect target shape. Expecting either 1 or %s. Got %s "
                                   "(bidirectional broadcast of %s and %s)",
                                   pinot_move_text(&arg).s, pinot_move_text(&target).s, pinot_move_text(&arg).s,
                                   pinot_move_text(&target).s);
        }
        return PINOT_STATUS_OK;
    case BROADCAST_EXPLICIT: {
        *out = target;
        uint32_t n_map = 0;
        bool map_known = false;
        status = pinot_move_input_values(node, inputs, 2, axes, PINOT_MAX_RANK, &n_map, &map_known);
        if (status != PINOT_STATUS_OK || !map_known || arg.rank < 0) {
            return status;
        }
        if ((int32_t)n_map != arg.rank) {
            return pinot_move_fail(node, runtime,
                                   "Broadcast axes_mapping shape [%u] doesn't match rank of input tensor %d", n_map,
                                   arg.rank);
        }
        for (uint32_t i = 1; i < n_map; i++) {
            if (axes[i] < axes[i - 1]) {
                return pinot_move_fail(node, runtime,
                                       "Broadcast doesn't permit transposes. axes_mapping is not in sorted order "
                                       "(axes_mapping[%u] = %lld after %lld)",
                                       i, (long long)axes[i], (long long)axes[i - 1]);
            }
        }
        for (uint32_t i = 0; i < n_map; i++) {
            if (target.rank >= 0 && (axes[i] < 0 || axes[i] >= target.rank)) {
                return pinot_move_fail(node, runtime, "Broadcast axes_mapping[%u]: %lld exceeds target rank %d", i,
                                       (long long)axes[i], target.rank);
            }
            if (target.rank >= 0) {
                pinot_dim a = arg.dims[i], t = target.dims[axes[i]];
                if (pinot_dim_is_static(a) && pinot_dim_is_static(t) && a.min != 1 && a.min != t.min) {
                    return pinot_move_fail(node, runtime, "Broadcast target[axes_mapping[%u]] Expected %lld. Got %lld",
                                           i, (long long)a.min, (long long)t.min);
                }
            }
        }
        *n_axes = (int32_t)n_map;
        return PINOT_STATUS_OK;
    }
    case BROADCAST_PDPD:
        if (target.rank < 0 || arg.rank < 0) {
            *out = target;
            return PINOT_STATUS_OK;
        }
        if (arg.rank != target.rank) {
            return pinot_move_fail(node, runtime,
                                   "Broadcast pdpd mode aligns from axis 0 and needs an input of the target rank "
                                   "(got %s for target %s)",
                                   pinot_move_text(&arg).s, pinot_move_text(&target).s);
        }
        *out = target;
        for (int32_t i = 0; i < target.rank; i++) {
            pinot_dim a = arg.dims[i], t = target.dims[i];
            if (pinot_dim_is_static(a) && a.min == 1) {
                out->dims[i] = t;
            } else if (pinot_dim_is_static(t) && t.min == 1) {
                out->dims[i] = a;
            } else if (!pinot_dim_merge(a, t, &out->dims[i])) {
                return pinot_move_fail(node, runtime,
                                       "Broadcast incorrect target shape. Expecting either 1 or %lld . Got %lld",
                                       (long long)a.min, (long long)t.min);
            }
        }
        return PINOT_STATUS_OK;
    default: /* numpy */
        *out = target;
        if (target.rank < 0 || arg.rank < 0) {
            return PINOT_STATUS_OK;
        }
        if (target.rank < arg.rank) {
            return pinot_move_fail(node, runtime, "Broadcast target_shape has smaller rank %d than arg shape %d",
                                   target.rank, arg.rank);
        }
        for (int32_t i = 0; i < arg.rank; i++) {
            pinot_dim a = arg.dims[i], t = target.dims[target.rank - arg.rank + i];
            if (!pinot_dim_is_static(a) || !pinot_dim_is_static(t) || a.min == 1 || a.min == t.min) {
                continue;
            }
            if (t.min == 1) {
                return pinot_move_fail(node, runtime,
                                       "Input shape dimension equal %lld cannot be broadcasted (numpy mode) to 1. "
                                       "Allowed input dimension value would be 1",
                                       (long long)a.min);
            }
            return pinot_move_fail(node, runtime,
                                   "Input shape dimension equal %lld cannot be broadcasted (numpy mode) to %lld. "
                                   "Allowed input dimension value would be 1 or %lld",
                                   (long long)a.min, (long long)t.min, (long long)t.min);
        }
        return PINOT_STATUS_OK;
    }
}

static pinot_status broadcast_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    int64_t axes[PINOT_MAX_RANK];
    int32_t n_axes = -1;
    pinot_status status = broadcast_shape(node, NULL, &out, axes, &n_axes);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status broadcast_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                       pinot_tensor_t * const * outputs) {
    pinot_partial_shape out_ps;
    int64_t axes[PINOT_MAX_RANK];
    int32_t n_axes = -1;
    pinot_status status = broadcast_shape(node, inputs, &out_ps, axes, &n_axes);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK;
    }
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * out = pinot_tensor_get_shape(outputs[0]);
    int64_t in_strides[PINOT_MAX_RANK], src_strides[PINOT_MAX_RANK] = {0}, dst_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(in, in_strides);
    pinot_ref_dense_strides(out, dst_strides);
    /* Each input axis feeds one output axis; size-1 input axes repeat (stride 0). */
    for (uint32_t i = 0; i < in->rank; i++) {
        int64_t axis;
        if (broadcast_mode(node) == BROADCAST_EXPLICIT) {
            axis = axes[i];
        } else if (in->rank > out->rank) {
            return pinot_move_fail(node, true, "input rank %u exceeds output rank %u", in->rank, out->rank);
        } else {
            axis = (int64_t)out->rank - in->rank + i;
        }
        if (in->dims[i] != 1) {
            if (in->dims[i] != out->dims[axis]) {
                return pinot_move_fail(node, true, "input dimension %u (%lld) does not match output dimension %lld", i,
                                       (long long)in->dims[i], (long long)out->dims[axis]);
            }
            src_strides[axis] += in_strides[i];
        }
    }
    return pinot_move_strided(outputs[0], 0, dst_strides, inputs[0], 0, src_strides, out->dims, out->rank);
}

const struct pinot_op_impl pinot_op_impl_broadcast = {
    .type_name = "Broadcast",
    .versions = (const uint8_t[]){1, 3, 0},
    .attrs = broadcast_attrs_desc,
    .attrs_size = sizeof(struct broadcast_attrs),
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = broadcast_validate,
    .evaluate = broadcast_evaluate,
};

/* ======================================================================
 * Tile: data [d..], repeats [r..] (the shorter one padded with leading 1s)
 * -> [d_i * r_i]. Negative repeats count as 0.
 * ====================================================================== */

static pinot_status tile_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                               pinot_partial_shape * out, int64_t * repeats, uint32_t * n) {
    bool runtime = inputs != NULL;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape repeats_shape = pinot_move_input_shape(node, inputs, 1);
    bool known = false;
    if (!runtime) {
        pinot_dtype type = pinot_node_input_type(node, 1);
        if (!pinot_move_is_int_type(type)) {
            return pinot_move_fail(node, false, "Tile repeats must have any integer element type, but has %s",
                                   pinot_dtype_name(type));
        }
        if (repeats_shape.rank >= 0 && repeats_shape.rank != 1) {
            return pinot_move_fail(node, false, "Tile repeats must be of rank 1 (got shape %s)",
                                   pinot_move_text(&repeats_shape).s);
        }
    }
    pinot_status status = pinot_move_input_values(node, inputs, 1, repeats, PINOT_MAX_RANK, n, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (in.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    if (!known) {
        if (repeats_shape.rank == 1 && pinot_dim_is_static(repeats_shape.dims[0])) {
            int64_t count = repeats_shape.dims[0].min;
            pinot_partial_shape_dynamic(out, (int32_t)(count > in.rank ? count : in.rank));
        } else {
            pinot_partial_shape_dynamic(out, -1);
        }
        return PINOT_STATUS_OK;
    }
    int32_t rank = in.rank > (int32_t)*n ? in.rank : (int32_t)*n;
    out->rank = rank;
    for (int32_t i = 0; i < rank; i++) {
        int32_t di = i - (rank - in.rank), ri = i - (rank - (int32_t)*n);
        pinot_dim d = di >= 0 ? in.dims[di] : pinot_dim_static(1);
        int64_t r = ri >= 0 ? repeats[ri] : 1;
        out->dims[i] = pinot_move_dim_mul(d, pinot_dim_static(r < 0 ? 0 : r));
    }
    return PINOT_STATUS_OK;
}

static pinot_status tile_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    int64_t repeats[PINOT_MAX_RANK];
    uint32_t n = 0;
    pinot_status status = tile_shape(node, NULL, &out, repeats, &n);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

/* The output seen as [r_0, d_0, r_1, d_1, ..] reads the input with strides [0, s_0, 0, s_1, ..]. */
static pinot_status tile_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_tensor_t * const * outputs) {
    pinot_partial_shape out_ps;
    int64_t repeats[PINOT_MAX_RANK];
    uint32_t n = 0;
    pinot_status status = tile_shape(node, inputs, &out_ps, repeats, &n);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK;
    }
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * out = pinot_tensor_get_shape(outputs[0]);
    int64_t in_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(in, in_strides);
    int64_t dims[2 * PINOT_MAX_RANK], src_strides[2 * PINOT_MAX_RANK], dst_strides[2 * PINOT_MAX_RANK];
    uint32_t rank = out->rank;
    for (uint32_t i = 0; i < rank; i++) {
        int64_t di = (int64_t)i - (rank - in->rank);
        int64_t d = di >= 0 ? in->dims[di] : 1;
        dims[2 * i] = d > 0 ? out->dims[i] / d : 0;
        dims[2 * i + 1] = d;
        src_strides[2 * i] = 0;
        src_strides[2 * i + 1] = di >= 0 ? in_strides[di] : 0;
    }
    int64_t stride = 1;
    for (uint32_t i = 2 * rank; i-- > 0;) {
        dst_strides[i] = stride;
        stride *= dims[i];
    }
    return pinot_move_strided(outputs[0], 0, dst_strides, inputs[0], 0, src_strides, dims, 2 * rank);
}

const struct pinot_op_impl pinot_op_impl_tile = {
    .type_name = "Tile",
    .versions = (const uint8_t[]){1, 0},
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = tile_validate,
    .evaluate = tile_evaluate,
};

/* ======================================================================
 * Pad: data, pads_begin [r], pads_end [r], optional pad_value (scalar, data's
 * type, constant mode only) -> [d_i + begin_i + end_i]. Negative pads crop.
 * Modes constant / edge / reflect (mirror without the edge) / symmetric
 * (mirror with the edge); padded positions index the original data.
 * ====================================================================== */

static const char * const pad_modes[] = {"constant", "edge", "reflect", "symmetric", NULL};
enum { PAD_CONSTANT = 0, PAD_EDGE, PAD_REFLECT, PAD_SYMMETRIC };

struct pad_attrs {
    int32_t pad_mode;
};

static const struct pinot_attr_desc pad_attrs_desc[] = {
    PINOT_ATTR_ENUM_OF(struct pad_attrs, pad_mode, "pad_mode", pad_modes, "constant"),
    PINOT_ATTR_END,
};

static pinot_status pad_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                              pinot_partial_shape * out, int64_t * begin, int64_t * end) {
    bool runtime = inputs != NULL;
    int32_t mode = PINOT_ATTRS(node, struct pad_attrs)->pad_mode;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    static const char * const names[2] = {"pads_begin", "pads_end"};
    int64_t * pads[2] = {begin, end};
    uint32_t n[2] = {0, 0};
    bool known[2] = {false, false};

    if (!runtime) {
        for (uint32_t k = 0; k < 2; k++) {
            pinot_status status = pinot_move_check_int_input(node, 1 + k, names[k]);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
            const pinot_partial_shape * ps = pinot_node_input_shape(node, 1 + k);
            if (ps->rank >= 0 && ps->rank != 1) {
                return pinot_move_fail(node, false, "Argument for %s is not 1D (shape %s)", names[k],
                                       pinot_move_text(ps).s);
            }
        }
        if (node->n_inputs > 3) {
            const pinot_partial_shape * ps = pinot_node_input_shape(node, 3);
            if (ps->rank > 0) {
                return pinot_move_fail(node, false, "Argument for padding value is not a scalar (shape %s).",
                                       pinot_move_text(ps).s);
            }
            pinot_dtype type = pinot_node_input_type(node, 0), value = pinot_node_input_type(node, 3);
            if (mode == PAD_CONSTANT && !pinot_dtype_compatible(type, value)) {
                return pinot_move_fail(node, false,
                                       "Argument element types do not match (input arg element type: %s, arg_pad "
                                       "element type: %s).",
                                       pinot_dtype_name(type), pinot_dtype_name(value));
            }
        }
    }
    for (uint32_t k = 0; k < 2; k++) {
        pinot_status status = pinot_move_input_values(node, inputs, 1 + k, pads[k], PINOT_MAX_RANK, &n[k], &known[k]);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (known[k] && in.rank >= 0 && (int32_t)n[k] != in.rank) {
            return pinot_move_fail(node, runtime, "length of %s mismatches with rank of input, expect %d, but got %u",
                                   names[k], in.rank, n[k]);
        }
    }
    if (in.rank < 0 || !known[0] || !known[1]) {
        pinot_partial_shape_dynamic(out, in.rank);
        return PINOT_STATUS_OK;
    }
    out->rank = in.rank;
    for (int32_t i = 0; i < in.rank; i++) {
        pinot_dim d = in.dims[i];
        int64_t b = begin[i], e = end[i];
        if (pinot_dim_is_static(d) && mode == PAD_REFLECT && (b > d.min - 1 || e > d.min - 1)) {
            return pinot_move_fail(node, runtime,
                                   "REFLECT padding mode requires that 'pads_begin[D]' and 'pads_end[D]' must be not "
                                   "greater than 'data_shape[D] - 1' (axis %d: size %lld, pads %lld and %lld).",
                                   i, (long long)d.min, (long long)b, (long long)e);
        }
        if (pinot_dim_is_static(d) && mode == PAD_SYMMETRIC && (b > d.min || e > d.min)) {
            return pinot_move_fail(node, runtime,
                                   "SYMMETRIC padding mode requires that 'pads_begin[D]' and 'pads_end[D]' must be "
                                   "not greater than 'data_shape[D]' (axis %d: size %lld, pads %lld and %lld).",
                                   i, (long long)d.min, (long long)b, (long long)e);
        }
        if (pinot_dim_is_static(d) && mode == PAD_EDGE && d.min == 0 && (b > 0 || e > 0)) {
            return pinot_move_fail(node, runtime,
                                   "EDGE padding mode requires an input of dimension of at least 1 at each spatial "
                                   "axis (axis %d has size 0).",
                                   i);
        }
        if (b < -PINOT_DIM_INF / 4 || b > PINOT_DIM_INF / 4 || e < -PINOT_DIM_INF / 4 || e > PINOT_DIM_INF / 4) {
            return pinot_move_fail(node, runtime, "pads of axis %d are out of range (%lld and %lld)", i, (long long)b,
                                   (long long)e);
        }
        int64_t lo = d.min + b + e;
        int64_t hi = d.max >= PINOT_DIM_INF ? PINOT_DIM_INF : d.max + b + e;
        if (runtime && lo < 0) {
            return pinot_move_fail(node, true, "pads of axis %d (%lld and %lld) remove more than its %lld elements", i,
                                   (long long)b, (long long)e, (long long)d.min);
        }
        /* A negative size is OpenVINO's Dimension(-1): dynamic. */
        out->dims[i] = hi < 0 ? pinot_dim_dynamic() : pinot_dim_make(lo, hi);
    }
    return PINOT_STATUS_OK;
}

static pinot_status pad_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    int64_t begin[PINOT_MAX_RANK], end[PINOT_MAX_RANK];
    pinot_status status = pad_shape(node, NULL, &out, begin, end);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

/* Input index for output position o of an axis of size d padded by `begin`; -1: the pad value. */
static int64_t pad_source(int32_t mode, int64_t o, int64_t begin, int64_t d) {
    int64_t s = o - begin;
    if (s >= 0 && s < d) {
        return s;
    }
    switch (mode) {
    case PAD_EDGE:
        return s < 0 ? 0 : d - 1;
    case PAD_REFLECT:
        return s < 0 ? -s : 2 * (d - 1) - s;
    case PAD_SYMMETRIC:
        return s < 0 ? -s - 1 : 2 * d - 1 - s;
    default:
        return -1;
    }
}

static pinot_status pad_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t * const * outputs) {
    int32_t mode = PINOT_ATTRS(node, struct pad_attrs)->pad_mode;
    pinot_partial_shape out_ps;
    int64_t begin[PINOT_MAX_RANK], end[PINOT_MAX_RANK];
    pinot_status status = pad_shape(node, inputs, &out_ps, begin, end);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * out = pinot_tensor_get_shape(outputs[0]);
    uint64_t count = pinot_tensor_get_size(outputs[0]);
    if (count == 0) {
        return PINOT_STATUS_OK;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);

    /* The pad value as a one-element tensor: the input, or a zero of the type. */
    pinot_tensor_t * zero = NULL;
    const pinot_tensor_t * value = node->n_inputs > 3 && mode == PAD_CONSTANT ? inputs[3] : NULL;
    if (value == NULL) {
        pinot_shape scalar = {.rank = 0};
        status = pinot_tensor_create(type, &scalar, &zero);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (type != PINOT_DTYPE_STRING) {
            memset(pinot_tensor_get_data(zero), 0, pinot_tensor_get_byte_size(zero));
            pinot_ref_store_f64(type, pinot_tensor_get_data(zero), 0, 0.0);
        }
        value = zero;
    }

    /* Per axis: output position -> input position (-1: pad value). */
    int64_t total = 0;
    for (uint32_t i = 0; i < out->rank; i++) {
        total += out->dims[i];
    }
    int64_t * maps = malloc(sizeof(int64_t) * (size_t)(total > 0 ? total : 1));
    int64_t * map[PINOT_MAX_RANK];
    if (maps == NULL) {
        pinot_tensor_free(zero);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory padding");
    }
    int64_t used = 0;
    for (uint32_t i = 0; i < out->rank; i++) {
        map[i] = maps + used;
        used += out->dims[i];
        for (int64_t o = 0; o < out->dims[i]; o++) {
            int64_t s = pad_source(mode, o, begin[i], in->dims[i]);
            if (s >= in->dims[i] || (s < 0 && mode != PAD_CONSTANT)) {
                free(maps);
                pinot_tensor_free(zero);
                return pinot_move_fail(node, true, "pads of axis %u (%lld and %lld) are too large for size %lld", i,
                                       (long long)begin[i], (long long)end[i], (long long)in->dims[i]);
            }
            map[i][o] = s;
        }
    }

    /* Walk the output row by row (the last axis); runs of consecutive sources copy at once. */
    int64_t in_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(in, in_strides);
    uint32_t last = out->rank > 0 ? out->rank - 1 : 0;
    int64_t row = out->rank > 0 ? out->dims[last] : 1;
    int64_t index[PINOT_MAX_RANK] = {0};
    uint64_t o = 0;
    while (status == PINOT_STATUS_OK && o < count) {
        int64_t base = 0;
        bool padded = false;
        for (uint32_t i = 0; i + 1 < out->rank; i++) {
            int64_t s = map[i][index[i]];
            padded = padded || s < 0;
            base += s * in_strides[i];
        }
        for (int64_t j = 0; status == PINOT_STATUS_OK && j < row;) {
            int64_t s = out->rank > 0 ? map[last][j] : 0;
            int64_t run = 1;
            if (padded || s < 0) {
                status = pinot_move_elements(outputs[0], o + (uint64_t)j, value, 0, 1);
            } else {
                while (j + run < row && map[last][j + run] == s + run) {
                    run++;
                }
                status =
                    pinot_move_elements(outputs[0], o + (uint64_t)j, inputs[0], (uint64_t)(base + s), (uint64_t)run);
            }
            j += run;
        }
        o += (uint64_t)row;
        for (uint32_t i = last; i-- > 0;) {
            if (++index[i] < out->dims[i]) {
                break;
            }
            index[i] = 0;
        }
    }
    free(maps);
    pinot_tensor_free(zero);
    return status;
}

const struct pinot_op_impl pinot_op_impl_pad = {
    .type_name = "Pad",
    .versions = (const uint8_t[]){1, 12, 0},
    .attrs = pad_attrs_desc,
    .attrs_size = sizeof(struct pad_attrs),
    .min_inputs = 3,
    .max_inputs = 4,
    .validate = pad_validate,
    .evaluate = pad_evaluate,
};

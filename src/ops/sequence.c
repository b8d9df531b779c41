/* Ops of the movement family that generate or index rather than move: Range
 * (1, 4), NonZero (data-dependent output shape) and OneHot (1, 16). */
#include <math.h>
#include <string.h>

#include "ops/movement-impl.h"
#include "ops/ref-util.h"

/* ======================================================================
 * Range: start, stop, step (scalars) -> [ceil((stop - start) / step)] values
 * start + i * step. Range-1: one numeric input type, which is the output's.
 * Range-4: any numeric inputs, output_type; for integer outputs the three
 * values are truncated toward zero first (a step truncated to 0 gives an
 * empty range).
 * ====================================================================== */

struct range_attrs {
    pinot_dtype output_type;
};

static const struct pinot_attr_desc range_attrs_desc[] = {
    PINOT_ATTR_VERSIONS(struct range_attrs, output_type, "output_type", PINOT_ATTR_TYPE, false, "i64", 4, 0),
    PINOT_ATTR_END,
};

static const char * const range_names[3] = {"start", "stop", "step"};

static bool is_number_type(pinot_dtype type) {
    return type != PINOT_DTYPE_BOOLEAN && type != PINOT_DTYPE_STRING;
}

static pinot_dtype range_output_type(const struct pinot_node * node) {
    return node->version >= 4 ? PINOT_ATTRS(node, struct range_attrs)->output_type : pinot_node_input_type(node, 0);
}

/* Length of the range, or -1 after recording an error. values[] are start, stop, step. */
static int64_t range_length(const struct pinot_node * node, bool runtime, pinot_dtype out_type, double * values) {
    for (uint32_t k = 0; k < 3; k++) {
        if (k == 2 && (!isfinite(values[k]) || values[k] == 0)) {
            pinot_move_fail(node, runtime, "'step' cannot be zero, nan, or infinite (got %g).", values[k]);
            return -1;
        }
        if (!isfinite(values[k])) {
            pinot_move_fail(node, runtime, "'%s' cannot be nan or infinite (got %g).", range_names[k], values[k]);
            return -1;
        }
    }
    if (!pinot_dtype_get_info(out_type)->is_real) {
        for (uint32_t k = 0; k < 3; k++) {
            values[k] = trunc(values[k]);
        }
        if (values[2] == 0) {
            return 0;
        }
    }
    double count = ceil((values[1] - values[0]) / values[2]);
    if (!(count > 0)) {
        return 0;
    }
    if (count > 9.0e18) {
        pinot_move_fail(node, runtime, "the range has too many elements (%g)", count);
        return -1;
    }
    return (int64_t)count;
}

/* The three inputs as doubles (integers beyond 2^53 round, as OpenVINO's double arithmetic does). */
static bool range_values(const struct pinot_node * node, pinot_tensor_t * const * inputs, double * values) {
    for (uint32_t k = 0; k < 3; k++) {
        const pinot_tensor_t * t = inputs != NULL ? inputs[k] : pinot_node_input_value(node, k);
        if (t == NULL || pinot_tensor_get_size(t) != 1) {
            return false;
        }
        pinot_dtype type = pinot_tensor_get_type(t);
        values[k] = pinot_ref_is_int(type) ? (double)pinot_ref_load_i64(type, pinot_tensor_get_data(t), 0)
                                           : pinot_ref_load_f64(type, pinot_tensor_get_data(t), 0);
    }
    return true;
}

static pinot_status range_validate(struct pinot_node * node) {
    pinot_dtype out_type = range_output_type(node);
    if (node->version >= 4) {
        if (!is_number_type(out_type) || out_type == PINOT_DTYPE_DYNAMIC) {
            return pinot_move_fail(node, false, "output tensor type should be a numeric type. Got: %s",
                                   pinot_dtype_name(out_type));
        }
    } else {
        pinot_dtype type = PINOT_DTYPE_DYNAMIC;
        for (uint32_t k = 0; k < 3; k++) {
            if (!pinot_dtype_merge(type, pinot_node_input_type(node, k), &type)) {
                return pinot_move_fail(node, false, "Element types for start, stop, and step do not match.");
            }
        }
        if (type == PINOT_DTYPE_BOOLEAN || type == PINOT_DTYPE_STRING) {
            return pinot_move_fail(node, false, "Element type for start, stop, and step, must not be %s.",
                                   type == PINOT_DTYPE_BOOLEAN ? "boolean" : "string");
        }
        out_type = type;
    }
    for (uint32_t k = 0; k < 3; k++) {
        pinot_dtype type = pinot_node_input_type(node, k);
        if (!is_number_type(type)) {
            return pinot_move_fail(node, false, "'%s' input scalar should be a numeric type. Got: %s", range_names[k],
                                   pinot_dtype_name(type));
        }
        const pinot_partial_shape * ps = pinot_node_input_shape(node, k);
        if (ps->rank > 0) {
            return pinot_move_fail(node, false, "'%s' input is not a scalar (shape %s)", range_names[k],
                                   pinot_move_text(ps).s);
        }
    }
    pinot_partial_shape out;
    out.rank = 1;
    out.dims[0] = pinot_dim_dynamic();
    double values[3];
    if (range_values(node, NULL, values) && out_type != PINOT_DTYPE_DYNAMIC) {
        int64_t length = range_length(node, false, out_type, values);
        if (length < 0) {
            return PINOT_STATUS_INVALID_ARGUMENT;
        }
        out.dims[0] = pinot_dim_static(length);
    }
    pinot_node_set_output(node, 0, out_type, &out);
    return PINOT_STATUS_OK;
}

static pinot_status range_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                   pinot_tensor_t * const * outputs) {
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    double values[3];
    if (!range_values(node, inputs, values)) {
        return pinot_move_fail(node, true, "start, stop and step must be scalars");
    }
    int64_t length = range_length(node, true, type, values);
    if (length < 0) {
        return PINOT_STATUS_INVALID_ARGUMENT;
    }
    pinot_shape shape = {.rank = 1, .dims = {length}};
    pinot_status status = pinot_tensor_set_shape(outputs[0], &shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    void * data = pinot_tensor_get_data(outputs[0]);
    if (pinot_ref_is_int(type)) {
        /* Integers wrap to the output type, as OpenVINO's casts do. */
        int64_t start = (int64_t)values[0], step = (int64_t)values[2];
        for (int64_t i = 0; i < length; i++) {
            pinot_ref_store_i64(type, data, (uint64_t)i, (int64_t)((uint64_t)start + (uint64_t)i * (uint64_t)step));
        }
    } else if (type == PINOT_DTYPE_F64) {
        for (int64_t i = 0; i < length; i++) {
            ((double *)data)[i] = values[0] + (double)i * values[2];
        }
    } else {
        /* f32 and narrower floats: computed in float, as OpenVINO does for f32. */
        float start = (float)values[0], step = (float)values[2];
        for (int64_t i = 0; i < length; i++) {
            pinot_ref_store_f64(type, data, (uint64_t)i, (double)(start + (float)i * step));
        }
    }
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_range = {
    .type_name = "Range",
    .versions = (const uint8_t[]){1, 4, 0},
    .attrs = range_attrs_desc,
    .attrs_size = sizeof(struct range_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = range_validate,
    .evaluate = range_evaluate,
};

/* ======================================================================
 * NonZero: data [d0..dr-1] -> [r, count]: the indices of the non-zero elements
 * in row-major order, one row per axis. A scalar counts as one element of a
 * 1-D tensor. NaN is non-zero; a string is non-zero when not empty.
 * ====================================================================== */

struct non_zero_attrs {
    pinot_dtype output_type;
};

static const struct pinot_attr_desc non_zero_attrs_desc[] = {
    PINOT_ATTR(struct non_zero_attrs, output_type, "output_type", PINOT_ATTR_TYPE, false, "i64"),
    PINOT_ATTR_END,
};

static pinot_status non_zero_validate(struct pinot_node * node) {
    pinot_dtype type = PINOT_ATTRS(node, struct non_zero_attrs)->output_type;
    if (type != PINOT_DTYPE_I32 && type != PINOT_DTYPE_I64) {
        return pinot_move_fail(node, false, "Output type must be i32 or i64 (got %s)", pinot_dtype_name(type));
    }
    const pinot_partial_shape * in = pinot_node_input_shape(node, 0);
    pinot_partial_shape out;
    out.rank = 2;
    if (in->rank < 0) {
        out.dims[0] = out.dims[1] = pinot_dim_dynamic();
    } else {
        int64_t count = 1;
        for (int32_t i = 0; i < in->rank; i++) {
            count = pinot_move_sat_mul(count, in->dims[i].max);
        }
        out.dims[0] = pinot_dim_static(in->rank > 0 ? in->rank : 1);
        out.dims[1] = pinot_dim_make(0, count);
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

static bool is_non_zero(const pinot_tensor_t * t, pinot_dtype type, const void * data, uint64_t i) {
    if (type == PINOT_DTYPE_STRING) {
        return ((const pinot_string *)data)[i].size != 0;
    }
    if (pinot_ref_is_int(type) || type == PINOT_DTYPE_BOOLEAN) {
        return pinot_ref_load_i64(type, data, i) != 0;
    }
    (void)t;
    return pinot_ref_load_f64(type, data, i) != 0.0;
}

static pinot_status non_zero_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                      pinot_tensor_t * const * outputs) {
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    const void * data = pinot_tensor_get_data(inputs[0]);
    uint64_t size = pinot_tensor_get_size(inputs[0]);
    uint64_t count = 0;
    for (uint64_t i = 0; i < size; i++) {
        count += is_non_zero(inputs[0], type, data, i);
    }
    uint32_t rank = in->rank > 0 ? in->rank : 1;
    pinot_shape shape = {.rank = 2, .dims = {rank, (int64_t)count}};
    pinot_status status = pinot_tensor_set_shape(outputs[0], &shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dtype out_type = pinot_tensor_get_type(outputs[0]);
    void * out = pinot_tensor_get_data(outputs[0]);
    int64_t index[PINOT_MAX_RANK] = {0};
    uint64_t k = 0;
    for (uint64_t i = 0; i < size; i++) {
        if (is_non_zero(inputs[0], type, data, i)) {
            for (uint32_t axis = 0; axis < rank; axis++) {
                pinot_ref_store_i64(out_type, out, axis * count + k, in->rank > 0 ? index[axis] : 0);
            }
            k++;
        }
        for (uint32_t axis = in->rank; axis-- > 0;) {
            if (++index[axis] < in->dims[axis]) {
                break;
            }
            index[axis] = 0;
        }
    }
    (void)node;
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_non_zero = {
    .type_name = "NonZero",
    .versions = (const uint8_t[]){3, 0},
    .attrs = non_zero_attrs_desc,
    .attrs_size = sizeof(struct non_zero_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = non_zero_validate,
    .evaluate = non_zero_evaluate,
};

/* ======================================================================
 * OneHot: indices [..], depth (scalar), on_value, off_value (scalars) ->
 * indices' shape with `depth` inserted at `axis`, on_value where the index
 * matches. Out-of-range indices give a row of off_value; OneHot-16 with
 * negative_indices_mode "normalize" first maps -depth..-1 to 0..depth-1.
 * ====================================================================== */

static const char * const one_hot_negative_modes[] = {"ignore_negative", "normalize", NULL};
enum { ONE_HOT_IGNORE_NEGATIVE = 0, ONE_HOT_NORMALIZE = 1 };

struct one_hot_attrs {
    int64_t axis;
    int32_t negative_indices_mode;
};

static const struct pinot_attr_desc one_hot_attrs_desc[] = {
    PINOT_ATTR(struct one_hot_attrs, axis, "axis", PINOT_ATTR_INT, true, NULL),
    /* PINOT_ATTR_ENUM_OF for OneHot-16 only. */
    {"negative_indices_mode", PINOT_ATTR_ENUM, (uint32_t)offsetof(struct one_hot_attrs, negative_indices_mode), false,
     "ignore_negative", one_hot_negative_modes, 16, 0},
    PINOT_ATTR_END,
};

static pinot_status one_hot_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_partial_shape * out, int64_t * axis, int64_t * depth) {
    bool runtime = inputs != NULL;
    pinot_partial_shape indices = pinot_move_input_shape(node, inputs, 0);
    uint32_t n = 0;
    bool known = false;
    pinot_status status = pinot_move_input_values(node, inputs, 1, depth, 1, &n, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    known = known && n == 1;
    if (known && *depth < 0) {
        return pinot_move_fail(node, runtime, "OneHot depth value can't be negative (got %lld).", (long long)*depth);
    }
    if (indices.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    if (indices.rank >= PINOT_MAX_RANK) {
        return pinot_move_fail(node, runtime, "the output rank exceeds the maximum %d", PINOT_MAX_RANK);
    }
    status =
        pinot_move_normalize_axis(node, runtime, PINOT_ATTRS(node, struct one_hot_attrs)->axis, indices.rank + 1, axis);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    out->rank = indices.rank + 1;
    for (int32_t i = 0, j = 0; i < out->rank; i++) {
        out->dims[i] = i == *axis ? (known ? pinot_dim_static(*depth) : pinot_dim_dynamic()) : indices.dims[j++];
    }
    return PINOT_STATUS_OK;
}

static pinot_status one_hot_validate(struct pinot_node * node) {
    pinot_dtype indices = pinot_node_input_type(node, 0), depth = pinot_node_input_type(node, 1);
    if (!pinot_move_is_int_type(indices)) {
        return pinot_move_fail(node, false, "Indices must be integral element type (got %s).",
                               pinot_dtype_name(indices));
    }
    if (!pinot_move_is_int_type(depth)) {
        return pinot_move_fail(node, false, "Depth must be integral element type (got %s).", pinot_dtype_name(depth));
    }
    static const char * const scalars[3] = {"depth", "on_value", "off_value"};
    for (uint32_t k = 0; k < 3; k++) {
        const pinot_partial_shape * ps = pinot_node_input_shape(node, 1 + k);
        if (ps->rank > 0) {
            return pinot_move_fail(node, false, "%s input must be scalar (got shape %s).", scalars[k],
                                   pinot_move_text(ps).s);
        }
    }
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    if (!pinot_dtype_merge(pinot_node_input_type(node, 2), pinot_node_input_type(node, 3), &type)) {
        return pinot_move_fail(
            node, false, "on_value element type must be compatible with off_value element type (got %s and %s).",
            pinot_dtype_name(pinot_node_input_type(node, 2)), pinot_dtype_name(pinot_node_input_type(node, 3)));
    }
    pinot_partial_shape out;
    int64_t axis = 0, depth_value = 0;
    pinot_status status = one_hot_shape(node, NULL, &out, &axis, &depth_value);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, type, &out);
    }
    return status;
}

/* out viewed as [outer, depth, inner]: out[o, d, i] = indices[o, i] == d ? on : off. */
static pinot_status one_hot_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                     pinot_tensor_t * const * outputs) {
    pinot_partial_shape out_ps;
    int64_t axis = 0, depth = 0;
    pinot_status status = one_hot_shape(node, inputs, &out_ps, &axis, &depth);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK; /* also skips a huge depth over no indices */
    }
    const pinot_shape * indices = pinot_tensor_get_shape(inputs[0]);
    int64_t outer = pinot_ref_dims_product(indices, 0, (uint32_t)axis);
    int64_t inner = pinot_ref_dims_product(indices, (uint32_t)axis, indices->rank);
    bool normalize =
        node->version >= 16 && PINOT_ATTRS(node, struct one_hot_attrs)->negative_indices_mode == ONE_HOT_NORMALIZE;
    pinot_dtype index_type = pinot_tensor_get_type(inputs[0]);
    const void * index_data = pinot_tensor_get_data(inputs[0]);
    for (int64_t o = 0; o < outer && status == PINOT_STATUS_OK; o++) {
        for (int64_t d = 0; d < depth && status == PINOT_STATUS_OK; d++) {
            for (int64_t i = 0; i < inner && status == PINOT_STATUS_OK; i++) {
                int64_t index = pinot_ref_load_i64(index_type, index_data, (uint64_t)(o * inner + i));
                if (normalize && index < 0 && index >= -depth) {
                    index += depth;
                }
                const pinot_tensor_t * value = index == d ? inputs[2] : inputs[3];
                status = pinot_move_elements(outputs[0], (uint64_t)((o * depth + d) * inner + i), value, 0, 1);
            }
        }
    }
    return status;
}

const struct pinot_op_impl pinot_op_impl_one_hot = {
    .type_name = "OneHot",
    .versions = (const uint8_t[]){1, 16, 0},
    .attrs = one_hot_attrs_desc,
    .attrs_size = sizeof(struct one_hot_attrs),
    .min_inputs = 4,
    .max_inputs = 4,
    .validate = one_hot_validate,
    .evaluate = one_hot_evaluate,
};

/* Shape manipulation ops: Reshape, Squeeze (1, 15), Unsqueeze, ShapeOf (1, 3),
 * Transpose, DepthToSpace, SpaceToDepth, ShuffleChannels. Each op's shape
 * function serves both validate() (partial shapes, constant inputs) and
 * evaluate() (the actual shapes and input values), so the kernels re-check
 * what a dynamic graph could only check at run time. The kernels move elements
 * of every element type; they never look at values. */
#include <stdio.h>
#include <string.h>

#include "ops/movement-impl.h"
#include "ops/ref-util.h"

static bool dim_may_be_one(pinot_dim d) {
    return !pinot_dim_is_empty(d) && d.min <= 1 && d.max >= 1;
}

/* ======================================================================
 * Reshape: data, target shape (1-D integers; -1 infers one dimension, 0 copies
 * the input dimension when special_zero) -> data with the target shape.
 * ====================================================================== */

struct reshape_attrs {
    bool special_zero;
};

static const struct pinot_attr_desc reshape_attrs_desc[] = {
    PINOT_ATTR(struct reshape_attrs, special_zero, "special_zero", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_END,
};

/* x: any shape, pattern: [k] -> y: k dims. inputs == NULL: validate(). */
static pinot_status reshape_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_partial_shape * out) {
    const struct reshape_attrs * attrs = PINOT_ATTRS(node, struct reshape_attrs);
    bool runtime = inputs != NULL;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape pattern_shape = pinot_move_input_shape(node, inputs, 1);
    int64_t pattern[PINOT_MAX_RANK];
    uint32_t n = 0;
    bool known = false;

    if (!runtime) {
        pinot_status status = pinot_move_check_int_input(node, 1, "PartialShape pattern");
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (pattern_shape.rank >= 0 && pattern_shape.rank != 1) {
            return pinot_move_fail(node, false, "Pattern shape must have rank 1 (got %s)",
                                   pinot_move_text(&pattern_shape).s);
        }
    }
    pinot_status status = pinot_move_input_values(node, inputs, 1, pattern, PINOT_MAX_RANK, &n, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (!known) {
        if (pattern_shape.rank == 1 && pinot_dim_is_static(pattern_shape.dims[0])) {
            pinot_partial_shape_dynamic(out, (int32_t)pattern_shape.dims[0].max);
        } else {
            pinot_partial_shape_dynamic(out, -1);
        }
        return PINOT_STATUS_OK;
    }

    int32_t minus_one = -1;
    bool copied[PINOT_MAX_RANK] = {false};
    bool any_copied = false;
    bool out_has_zero = false;
    out->rank = (int32_t)n;
    for (uint32_t i = 0; i < n; i++) {
        int64_t v = pattern[i];
        if (v == -1) {
            if (minus_one >= 0) {
                return pinot_move_fail(node, runtime, "More than one dimension has size of -1 (at %d and %u)",
                                       minus_one, i);
            }
            minus_one = (int32_t)i;
            out->dims[i] = pinot_dim_dynamic();
        } else if (v < -1) {
            return pinot_move_fail(node, runtime, "Output pattern dim[%u] has invalid bounds: %lld,%lld", i,
                                   (long long)v, (long long)v);
        } else if (v == 0 && attrs->special_zero) {
            if (in.rank >= 0 && (int32_t)i >= in.rank) {
                return pinot_move_fail(node, runtime,
                                       "'0' dimension is out of range (pattern index %u, input shape %s)", i,
                                       pinot_move_text(&in).s);
            }
            out->dims[i] = in.rank >= 0 ? in.dims[i] : pinot_dim_dynamic();
            copied[i] = true;
            any_copied = true;
        } else {
            out->dims[i] = pinot_dim_static(v);
            out_has_zero = out_has_zero || v == 0;
        }
    }

    if (minus_one < 0) {
        if (pinot_partial_shape_is_static(&in) && pinot_partial_shape_is_static(out)) {
            int64_t in_count = 1, out_count = 1;
            for (int32_t i = 0; i < in.rank; i++) {
                in_count = pinot_move_sat_mul(in_count, in.dims[i].min);
            }
            for (int32_t i = 0; i < out->rank; i++) {
                out_count = pinot_move_sat_mul(out_count, out->dims[i].min);
            }
            if (in_count != out_count) {
                return pinot_move_fail(node, runtime, "Requested output shape %s is incompatible with input shape %s",
                                       pinot_move_text(out).s, pinot_move_text(&in).s);
            }
        }
        return PINOT_STATUS_OK;
    }

    /* Infer the -1 dimension. A zero-size output dimension makes it 1, which is
     * only consistent when the input is provably empty too. */
    bool in_has_zero = false;
    for (int32_t i = 0; i < in.rank; i++) {
        in_has_zero = in_has_zero || in.dims[i].max == 0;
    }
    if (out_has_zero) {
        if (!in_has_zero) {
            return pinot_move_fail(node, runtime,
                                   "Cannot infer '-1' dimension with zero-size output dimension unless at least one "
                                   "input dimension is also zero-size (input shape %s)",
                                   pinot_move_text(&in).s);
        }
        out->dims[minus_one] = pinot_dim_static(1);
        return PINOT_STATUS_OK;
    }
    if (in.rank < 0) {
        /* As OpenVINO: the input holds at least one element unless dims were copied. */
        out->dims[minus_one] = any_copied ? pinot_dim_dynamic() : pinot_dim_make(1, PINOT_DIM_INF);
        return PINOT_STATUS_OK;
    }
    /* Dimensions copied by special_zero cancel out of both sides. */
    pinot_dim in_count = pinot_dim_static(1);
    for (int32_t i = 0; i < in.rank; i++) {
        if (!(i < out->rank && copied[i])) {
            in_count = pinot_move_dim_mul(in_count, in.dims[i]);
        }
    }
    int64_t out_count = 1;
    for (int32_t i = 0; i < out->rank; i++) {
        if (i != minus_one && !copied[i]) {
            out_count = pinot_move_sat_mul(out_count, out->dims[i].min);
        }
    }
    if (pinot_dim_is_static(in_count)) {
        if (out_count >= PINOT_DIM_INF || in_count.min % out_count != 0) {
            return pinot_move_fail(node, runtime,
                                   "Non-'-1' output dimensions do not evenly divide the input dimensions (input "
                                   "shape %s, pattern %s)",
                                   pinot_move_text(&in).s, pinot_move_text(out).s);
        }
        out->dims[minus_one] = pinot_dim_static(in_count.min / out_count);
    } else {
        out->dims[minus_one] = pinot_move_dim_div(in_count, out_count);
    }
    return PINOT_STATUS_OK;
}

static pinot_status reshape_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    pinot_status status = reshape_shape(node, NULL, &out);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

/* Reshape, Squeeze and Unsqueeze keep the elements in order: compute the shape and copy. */
static pinot_status copy_with_shape(const struct pinot_node * node, const pinot_partial_shape * ps,
                                    pinot_tensor_t * const * inputs, pinot_tensor_t * const * outputs) {
    pinot_status status = pinot_move_set_shape(node, ps, outputs[0]);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t count = pinot_tensor_get_size(inputs[0]);
    if (pinot_tensor_get_size(outputs[0]) != count) {
        return pinot_move_fail(node, true, "output holds %llu elements, input %llu",
                               (unsigned long long)pinot_tensor_get_size(outputs[0]), (unsigned long long)count);
    }
    return pinot_move_elements(outputs[0], 0, inputs[0], 0, count);
}

static pinot_status reshape_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                     pinot_tensor_t * const * outputs) {
    pinot_partial_shape out;
    pinot_status status = reshape_shape(node, inputs, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    return copy_with_shape(node, &out, inputs, outputs);
}

const struct pinot_op_impl pinot_op_impl_reshape = {
    .type_name = "Reshape",
    .versions = (const uint8_t[]){1, 0},
    .attrs = reshape_attrs_desc,
    .attrs_size = sizeof(struct reshape_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = reshape_validate,
    .evaluate = reshape_evaluate,
};

/* ======================================================================
 * Squeeze: data, optional axes -> data without the size-1 axes (all of them
 * when no axes are given). Squeeze-15 adds allow_axis_skip: a dynamic axis
 * that may or may not be 1 then makes the output rank dynamic.
 * ====================================================================== */

struct squeeze_attrs {
    bool allow_axis_skip;
};

static const struct pinot_attr_desc squeeze_attrs_desc[] = {
    PINOT_ATTR_VERSIONS(struct squeeze_attrs, allow_axis_skip, "allow_axis_skip", PINOT_ATTR_BOOL, false, "false", 15,
                        0),
    PINOT_ATTR_END,
};

/* Check the axes input (any number type, rank 0 or 1) of Squeeze and Unsqueeze. */
static pinot_status check_axes_input(const struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 1);
    if (type == PINOT_DTYPE_BOOLEAN || type == PINOT_DTYPE_STRING) {
        return pinot_move_fail(node, false, "axes must have a number element type (got %s)", pinot_dtype_name(type));
    }
    const pinot_partial_shape * axes = pinot_node_input_shape(node, 1);
    if (axes->rank > 1) {
        return pinot_move_fail(node, false, "Second input (axes) should not be of rank higher than 1. Got: %d",
                               axes->rank);
    }
    return PINOT_STATUS_OK;
}

static pinot_status squeeze_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_partial_shape * out) {
    bool runtime = inputs != NULL;
    bool skip = node->version >= 15 && PINOT_ATTRS(node, struct squeeze_attrs)->allow_axis_skip;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    int64_t axes[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    bool known = true;

    if (node->n_inputs > 1) {
        if (!runtime) {
            pinot_status status = check_axes_input(node);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
        pinot_status status = pinot_move_input_values(node, inputs, 1, axes, PINOT_MAX_RANK, &n_axes, &known);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    if (!known) {
        /* Squeeze-1 with a single unknown axis removes one dimension if any may be 1. */
        const pinot_partial_shape * axes_shape = pinot_node_input_shape(node, 1);
        bool one_axis = axes_shape->rank == 0 || (axes_shape->rank == 1 && pinot_dim_is_static(axes_shape->dims[0]) &&
                                                  axes_shape->dims[0].min == 1);
        pinot_partial_shape_dynamic(out, -1);
        if (node->version < 15 && one_axis && in.rank >= 0) {
            bool any_one = false;
            for (int32_t i = 0; i < in.rank; i++) {
                any_one = any_one || dim_may_be_one(in.dims[i]);
            }
            if (!any_one) {
                *out = in;
            } else if (in.rank > 0) {
                pinot_partial_shape_dynamic(out, in.rank - 1);
            }
        }
        return PINOT_STATUS_OK;
    }
    if (in.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }

    bool remove[PINOT_MAX_RANK] = {false};
    if (n_axes == 0) {
        /* No axes: remove every 1; a dynamic dimension that may be 1 makes the rank unknown. */
        for (int32_t i = 0; i < in.rank; i++) {
            if (pinot_dim_is_static(in.dims[i]) && in.dims[i].min == 1) {
                remove[i] = true;
            } else if (dim_may_be_one(in.dims[i])) {
                pinot_partial_shape_dynamic(out, -1);
                return PINOT_STATUS_OK;
            }
        }
    } else {
        /* A scalar has nothing to squeeze but accepts axis 0 / -1. */
        int64_t rank = in.rank > 0 ? in.rank : 1;
        for (uint32_t k = 0; k < n_axes; k++) {
            if (axes[k] < -rank || axes[k] >= rank) {
                return pinot_move_fail(node, runtime, "Axis %lld out of the tensor rank range [%lld, %lld].",
                                       (long long)axes[k], (long long)-rank, (long long)(rank - 1));
            }
            int64_t axis = axes[k] < 0 ? axes[k] + rank : axes[k];
            if (in.rank == 0) {
                continue;
            }
            pinot_dim d = in.dims[axis];
            if (pinot_dim_is_static(d)) {
                remove[axis] = d.min == 1; /* other static sizes are skipped, as OpenVINO does */
            } else if (dim_may_be_one(d)) {
                if (skip) {
                    pinot_partial_shape_dynamic(out, -1);
                    return PINOT_STATUS_OK;
                }
                remove[axis] = true;
            }
        }
    }
    out->rank = 0;
    for (int32_t i = 0; i < in.rank; i++) {
        if (!remove[i]) {
            out->dims[out->rank++] = in.dims[i];
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status squeeze_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    pinot_status status = squeeze_shape(node, NULL, &out);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status squeeze_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                     pinot_tensor_t * const * outputs) {
    pinot_partial_shape out;
    pinot_status status = squeeze_shape(node, inputs, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    return copy_with_shape(node, &out, inputs, outputs);
}

const struct pinot_op_impl pinot_op_impl_squeeze = {
    .type_name = "Squeeze",
    .versions = (const uint8_t[]){1, 15, 0},
    .attrs = squeeze_attrs_desc,
    .attrs_size = sizeof(struct squeeze_attrs),
    .min_inputs = 1,
    .max_inputs = 2,
    .validate = squeeze_validate,
    .evaluate = squeeze_evaluate,
};

/* ======================================================================
 * Unsqueeze: data, axes -> data with size-1 axes inserted at the (normalized
 * against the output rank) axes; repeated axes count once.
 * ====================================================================== */

static pinot_status unsqueeze_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_partial_shape * out) {
    bool runtime = inputs != NULL;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    int64_t axes[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    bool known = false;

    if (!runtime) {
        pinot_status status = check_axes_input(node);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    pinot_status status = pinot_move_input_values(node, inputs, 1, axes, PINOT_MAX_RANK, &n_axes, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (known && n_axes == 0) {
        return pinot_move_fail(node, runtime, "'axes' input is mandatory (got an empty list)");
    }
    if (!known || in.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    int64_t wide_rank = in.rank + (int64_t)n_axes;
    bool insert[2 * PINOT_MAX_RANK] = {false};
    int64_t n_unique = 0;
    for (uint32_t k = 0; k < n_axes; k++) {
        if (axes[k] < -wide_rank || axes[k] >= wide_rank) {
            return pinot_move_fail(node, runtime, "Axis %lld out of the tensor rank range [%lld, %lld].",
                                   (long long)axes[k], (long long)-wide_rank, (long long)(wide_rank - 1));
        }
        int64_t axis = axes[k] < 0 ? axes[k] + wide_rank : axes[k];
        n_unique += !insert[axis];
        insert[axis] = true;
    }
    int64_t rank = in.rank + n_unique;
    for (int64_t axis = rank; axis < wide_rank; axis++) {
        if (insert[axis]) {
            return pinot_move_fail(node, runtime, "Axis %lld out of the tensor rank range [%lld, %lld].",
                                   (long long)axis, (long long)-rank, (long long)(rank - 1));
        }
    }
    if (rank > PINOT_MAX_RANK) {
        return pinot_move_fail(node, runtime, "output rank %lld exceeds the maximum %d", (long long)rank,
                               PINOT_MAX_RANK);
    }
    out->rank = (int32_t)rank;
    int32_t next = 0;
    for (int64_t axis = 0; axis < rank; axis++) {
        out->dims[axis] = insert[axis] ? pinot_dim_static(1) : in.dims[next++];
    }
    return PINOT_STATUS_OK;
}

static pinot_status unsqueeze_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    pinot_status status = unsqueeze_shape(node, NULL, &out);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status unsqueeze_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                       pinot_tensor_t * const * outputs) {
    pinot_partial_shape out;
    pinot_status status = unsqueeze_shape(node, inputs, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    return copy_with_shape(node, &out, inputs, outputs);
}

const struct pinot_op_impl pinot_op_impl_unsqueeze = {
    .type_name = "Unsqueeze",
    .versions = (const uint8_t[]){1, 0},
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = unsqueeze_validate,
    .evaluate = unsqueeze_evaluate,
};

/* ======================================================================
 * ShapeOf: data (any type) -> [rank] of i64 (ShapeOf-1) or output_type (ShapeOf-3).
 * ====================================================================== */

struct shape_of_attrs {
    pinot_dtype output_type;
};

static const struct pinot_attr_desc shape_of_attrs_desc[] = {
    PINOT_ATTR_VERSIONS(struct shape_of_attrs, output_type, "output_type", PINOT_ATTR_TYPE, false, "i64", 3, 0),
    PINOT_ATTR_END,
};

static pinot_dtype shape_of_type(const struct pinot_node * node) {
    return node->version >= 3 ? PINOT_ATTRS(node, struct shape_of_attrs)->output_type : PINOT_DTYPE_I64;
}

static pinot_status shape_of_validate(struct pinot_node * node) {
    pinot_dtype type = shape_of_type(node);
    if (type != PINOT_DTYPE_I32 && type != PINOT_DTYPE_I64) {
        return pinot_move_fail(node, false, "Output type must be i32 or i64 (got %s)", pinot_dtype_name(type));
    }
    const pinot_partial_shape * in = pinot_node_input_shape(node, 0);
    pinot_partial_shape out;
    out.rank = 1;
    out.dims[0] = in->rank >= 0 ? pinot_dim_static(in->rank) : pinot_dim_dynamic();
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

static pinot_status shape_of_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                      pinot_tensor_t * const * outputs) {
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    pinot_shape out;
    out.rank = 1;
    out.dims[0] = in->rank;
    pinot_status status = pinot_tensor_set_shape(outputs[0], &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    void * data = pinot_tensor_get_data(outputs[0]);
    for (uint32_t i = 0; i < in->rank; i++) {
        pinot_ref_store_i64(type, data, i, in->dims[i]);
    }
    (void)node;
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_shape_of = {
    .type_name = "ShapeOf",
    .versions = (const uint8_t[]){1, 3, 0},
    .attrs = shape_of_attrs_desc,
    .attrs_size = sizeof(struct shape_of_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = shape_of_validate,
    .evaluate = shape_of_evaluate,
};

/* ======================================================================
 * Transpose: data [d0..dn-1], perm [n] (empty: reverse) -> [d_perm[0]..d_perm[n-1]].
 * ====================================================================== */

static pinot_status transpose_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_partial_shape * out, int64_t * perm) {
    bool runtime = inputs != NULL;
    pinot_partial_shape in = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape order = pinot_move_input_shape(node, inputs, 1);
    uint32_t n = 0;
    bool known = false;

    if (!runtime) {
        pinot_dtype type = pinot_node_input_type(node, 1);
        if (!pinot_move_is_int_type(type)) {
            return pinot_move_fail(node, false, "Input order must have an integral number element type (got %s).",
                                   pinot_dtype_name(type));
        }
        if (order.rank >= 0 && order.rank != 1) {
            return pinot_move_fail(node, false, "Input order must be a vector (got shape %s).",
                                   pinot_move_text(&order).s);
        }
        if (order.rank == 1 && in.rank >= 0 && pinot_dim_is_static(order.dims[0]) && order.dims[0].min != 0 &&
            order.dims[0].min != in.rank) {
            return pinot_move_fail(node, false,
                                   "Input order must have shape [n], where n is the rank of arg (got order shape %s, "
                                   "input shape %s).",
                                   pinot_move_text(&order).s, pinot_move_text(&in).s);
        }
    }
    pinot_status status = pinot_move_input_values(node, inputs, 1, perm, PINOT_MAX_RANK, &n, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (!known) {
        if (in.rank >= 0) {
            pinot_partial_shape_dynamic(out, in.rank);
        } else if (order.rank == 1 && pinot_dim_is_static(order.dims[0])) {
            pinot_partial_shape_dynamic(out, (int32_t)order.dims[0].min);
        } else {
            pinot_partial_shape_dynamic(out, -1);
        }
        return PINOT_STATUS_OK;
    }
    if (n == 0) {
        if (in.rank < 0) {
            pinot_partial_shape_dynamic(out, -1);
            return PINOT_STATUS_OK;
        }
        n = (uint32_t)in.rank;
        for (uint32_t i = 0; i < n; i++) {
            perm[i] = n - 1 - i;
        }
    }
    bool seen[PINOT_MAX_RANK] = {false};
    bool valid = in.rank < 0 || (int32_t)n == in.rank;
    for (uint32_t i = 0; i < n && valid; i++) {
        valid = perm[i] >= 0 && perm[i] < (int64_t)n && !seen[perm[i]];
        if (valid) {
            seen[perm[i]] = true;
        }
    }
    if (!valid) {
        /* Written as OpenVINO writes it (an AxisVector), but with negative entries kept signed. */
        char text[PINOT_MAX_RANK * 24 + 16];
        int len = snprintf(text, sizeof(text), "AxisVector{");
        for (uint32_t i = 0; i < n && len < (int)sizeof(text) - 24; i++) {
            len += snprintf(text + len, sizeof(text) - (size_t)len, i ? ", %lld" : "%lld", (long long)perm[i]);
        }
        snprintf(text + len, sizeof(text) - (size_t)len, "}");
        return pinot_move_fail(node, runtime, "Permutation %s is not valid for input shape %s", text,
                               pinot_move_text(&in).s);
    }
    out->rank = (int32_t)n;
    for (uint32_t i = 0; i < n; i++) {
        out->dims[i] = in.rank >= 0 ? in.dims[perm[i]] : pinot_dim_dynamic();
    }
    return PINOT_STATUS_OK;
}

static pinot_status transpose_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    int64_t perm[PINOT_MAX_RANK];
    pinot_status status = transpose_shape(node, NULL, &out, perm);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status transpose_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                       pinot_tensor_t * const * outputs) {
    pinot_partial_shape out;
    int64_t perm[PINOT_MAX_RANK];
    pinot_status status = transpose_shape(node, inputs, &out, perm);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK; /* also keeps stride products of empty shapes from overflowing */
    }
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * shape = pinot_tensor_get_shape(outputs[0]);
    int64_t in_strides[PINOT_MAX_RANK], src_strides[PINOT_MAX_RANK], dst_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(in, in_strides);
    pinot_ref_dense_strides(shape, dst_strides);
    for (uint32_t i = 0; i < shape->rank; i++) {
        src_strides[i] = in_strides[perm[i]];
    }
    return pinot_move_strided(outputs[0], 0, dst_strides, inputs[0], 0, src_strides, shape->dims, shape->rank);
}

const struct pinot_op_impl pinot_op_impl_transpose = {
    .type_name = "Transpose",
    .versions = (const uint8_t[]){1, 0},
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = transpose_validate,
    .evaluate = transpose_evaluate,
};

/* ======================================================================
 * DepthToSpace: [N, C, D1..Dk] -> [N, C / bs^k, D1*bs, .., Dk*bs].
 * SpaceToDepth: [N, C, D1..Dk] -> [N, C * bs^k, D1/bs, .., Dk/bs].
 * mode blocks_first: the block index is the outer part of the channel index;
 * depth_first: the inner part.
 * ====================================================================== */

static const char * const space_depth_modes[] = {"blocks_first", "depth_first", NULL};
enum { MODE_BLOCKS_FIRST = 0, MODE_DEPTH_FIRST = 1 };

struct space_depth_attrs {
    int64_t block_size;
    int32_t mode;
};

static const struct pinot_attr_desc space_depth_attrs_desc[] = {
    PINOT_ATTR(struct space_depth_attrs, block_size, "block_size", PINOT_ATTR_INT, false, "1"),
    PINOT_ATTR_ENUM_OF(struct space_depth_attrs, mode, "mode", space_depth_modes, "blocks_first"),
    PINOT_ATTR_END,
};

static pinot_status space_depth_shape(const struct pinot_node * node, bool to_space, bool runtime,
                                      const pinot_partial_shape * in, pinot_partial_shape * out) {
    const struct space_depth_attrs * attrs = PINOT_ATTRS(node, struct space_depth_attrs);
    int64_t bs = attrs->block_size;
    if (bs <= 0) {
        return pinot_move_fail(node, runtime, "The block size must be greater than 0 (got %lld)", (long long)bs);
    }
    if (in->rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    if (in->rank < 3) {
        return pinot_move_fail(node, runtime,
                               "The input tensor with rank lower than 3 is not supported (input rank: %d)", in->rank);
    }
    int64_t block_volume = 1;
    for (int32_t i = 2; i < in->rank; i++) {
        block_volume = pinot_move_sat_mul(block_volume, bs);
    }
    if (block_volume >= PINOT_DIM_INF) {
        return pinot_move_fail(node, runtime, "block_size %lld is too large for rank %d", (long long)bs, in->rank);
    }
    *out = *in;
    if (to_space) {
        pinot_dim c = in->dims[1];
        if (pinot_dim_is_static(c) && c.min % block_volume != 0) {
            return pinot_move_fail(node, runtime, "Dimension value: [ %lld, %lld] must be a multiple of divisor: %lld",
                                   (long long)c.min, (long long)c.max, (long long)block_volume);
        }
        out->dims[1] = pinot_move_dim_div(c, block_volume);
        for (int32_t i = 2; i < in->rank; i++) {
            out->dims[i] = pinot_move_dim_mul(in->dims[i], pinot_dim_static(bs));
        }
    } else {
        for (int32_t i = 2; i < in->rank; i++) {
            pinot_dim d = in->dims[i];
            if (pinot_dim_is_static(d) && d.min % bs != 0) {
                return pinot_move_fail(node, runtime,
                                       "Dimension value: [ %lld, %lld] must be a multiple of divisor: %lld",
                                       (long long)d.min, (long long)d.max, (long long)bs);
            }
            out->dims[i] = pinot_move_dim_div(d, bs);
        }
        out->dims[1] = pinot_move_dim_mul(in->dims[1], pinot_dim_static(block_volume));
    }
    return PINOT_STATUS_OK;
}

static pinot_status depth_to_space_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    pinot_status status = space_depth_shape(node, true, false, pinot_node_input_shape(node, 0), &out);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status space_to_depth_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    pinot_status status = space_depth_shape(node, false, false, pinot_node_input_shape(node, 0), &out);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

/*
 * Both ops are one transposition of a split view. With k spatial axes and the
 * channel split into k block axes (b_j) and C' (the small channel count):
 *   DepthToSpace reads  [N, b_1..b_k, C', D_1..D_k] (blocks_first) or
 *                       [N, C', b_1..b_k, D_1..D_k] (depth_first)
 *   and writes          [N, C', D_1, b_1, .., D_k, b_k];
 *   SpaceToDepth reads  [N, C', D_1, b_1, .., D_k, b_k] (C' = C, D_j the output sizes)
 *   and writes          [N, b_1..b_k, C', D_1..D_k] or [N, C', b_1..b_k, D_1..D_k].
 */
static pinot_status space_depth_evaluate(const struct pinot_node * node, bool to_space, pinot_tensor_t * const * inputs,
                                         pinot_tensor_t * const * outputs) {
    const struct space_depth_attrs * attrs = PINOT_ATTRS(node, struct space_depth_attrs);
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    pinot_partial_shape in_ps, out_ps;
    pinot_partial_shape_from_shape(&in_ps, in);
    pinot_status status = space_depth_shape(node, to_space, true, &in_ps, &out_ps);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK;
    }
    const pinot_shape * out = pinot_tensor_get_shape(outputs[0]);
    const pinot_shape * depth = to_space ? in : out; /* the side with many channels */
    const pinot_shape * space = to_space ? out : in; /* the side with large spatial dims */
    uint32_t k = in->rank - 2;
    int64_t bs = attrs->block_size;
    bool blocks_first = attrs->mode == MODE_BLOCKS_FIRST;
    int64_t small_c = to_space ? out->dims[1] : in->dims[1];

    /* Strides of the depth-side view [N, (b.. C') or (C' b..), D_1..D_k] and of the
     * space-side view [N, C', D_1, b_1, ..]. */
    int64_t depth_view[PINOT_MOVE_MAX_RANK], depth_strides[PINOT_MOVE_MAX_RANK];
    uint32_t r = 0;
    depth_view[r++] = depth->dims[0];
    if (blocks_first) {
        for (uint32_t j = 0; j < k; j++) {
            depth_view[r++] = bs;
        }
        depth_view[r++] = small_c;
    } else {
        depth_view[r++] = small_c;
        for (uint32_t j = 0; j < k; j++) {
            depth_view[r++] = bs;
        }
    }
    for (uint32_t j = 0; j < k; j++) {
        depth_view[r++] = space->dims[2 + j] / bs;
    }
    int64_t stride = 1;
    for (uint32_t i = r; i-- > 0;) {
        depth_strides[i] = stride;
        stride *= depth_view[i];
    }
    uint32_t c_pos = blocks_first ? 1 + k : 1;
    uint32_t b_pos = blocks_first ? 1 : 2;
    uint32_t d_pos = 2 + k;

    /* The space-side view in its own (dense) order, paired with the matching depth-side strides. */
    int64_t dims[PINOT_MOVE_MAX_RANK], space_strides[PINOT_MOVE_MAX_RANK], paired[PINOT_MOVE_MAX_RANK];
    uint32_t n = 0;
    dims[n] = depth->dims[0];
    paired[n++] = depth_strides[0];
    dims[n] = small_c;
    paired[n++] = depth_strides[c_pos];
    for (uint32_t j = 0; j < k; j++) {
        dims[n] = space->dims[2 + j] / bs;
        paired[n++] = depth_strides[d_pos + j];
        dims[n] = bs;
        paired[n++] = depth_strides[b_pos + j];
    }
    stride = 1;
    for (uint32_t i = n; i-- > 0;) {
        space_strides[i] = stride;
        stride *= dims[i];
    }
    if (to_space) {
        return pinot_move_strided(outputs[0], 0, space_strides, inputs[0], 0, paired, dims, n);
    }
    return pinot_move_strided(outputs[0], 0, paired, inputs[0], 0, space_strides, dims, n);
}

static pinot_status depth_to_space_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                            pinot_tensor_t * const * outputs) {
    return space_depth_evaluate(node, true, inputs, outputs);
}

static pinot_status space_to_depth_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                            pinot_tensor_t * const * outputs) {
    return space_depth_evaluate(node, false, inputs, outputs);
}

const struct pinot_op_impl pinot_op_impl_depth_to_space = {
    .type_name = "DepthToSpace",
    .versions = (const uint8_t[]){1, 0},
    .attrs = space_depth_attrs_desc,
    .attrs_size = sizeof(struct space_depth_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = depth_to_space_validate,
    .evaluate = depth_to_space_evaluate,
};

const struct pinot_op_impl pinot_op_impl_space_to_depth = {
    .type_name = "SpaceToDepth",
    .versions = (const uint8_t[]){1, 0},
    .attrs = space_depth_attrs_desc,
    .attrs_size = sizeof(struct space_depth_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = space_to_depth_validate,
    .evaluate = space_to_depth_evaluate,
};

/* ======================================================================
 * ShuffleChannels: data [.., C, ..] -> same shape; channel c = g * (C/group) + i
 * moves to i * group + g.
 * ====================================================================== */

struct shuffle_channels_attrs {
    int64_t axis;
    int64_t group;
};

static const struct pinot_attr_desc shuffle_channels_attrs_desc[] = {
    PINOT_ATTR(struct shuffle_channels_attrs, axis, "axis", PINOT_ATTR_INT, false, "1"),
    PINOT_ATTR(struct shuffle_channels_attrs, group, "group", PINOT_ATTR_INT, false, "1"),
    PINOT_ATTR_END,
};

static pinot_status shuffle_channels_check(const struct pinot_node * node, bool runtime, const pinot_partial_shape * in,
                                           int64_t * axis) {
    const struct shuffle_channels_attrs * attrs = PINOT_ATTRS(node, struct shuffle_channels_attrs);
    if (attrs->group < 1) {
        return pinot_move_fail(node, runtime, "The 'group' parameter must be greater or equal to 1 (got %lld).",
                               (long long)attrs->group);
    }
    if (in->rank < 0) {
        return PINOT_STATUS_OK;
    }
    if (in->rank < 1) {
        return pinot_move_fail(node, runtime, "The input tensor's shape is expected to be at least 1D.");
    }
    if (attrs->axis < -in->rank || attrs->axis >= in->rank) {
        return pinot_move_fail(node, runtime, "Axis %lld out of the tensor rank range [%d, %d].",
                               (long long)attrs->axis, -in->rank, in->rank - 1);
    }
    *axis = attrs->axis < 0 ? attrs->axis + in->rank : attrs->axis;
    pinot_dim c = in->dims[*axis];
    if (pinot_dim_is_static(c) && c.min % attrs->group != 0) {
        return pinot_move_fail(node, runtime,
                               "The channel dimension size has to be a multiple of the groups parameter value "
                               "(got %lld channels, group %lld).",
                               (long long)c.min, (long long)attrs->group);
    }
    return PINOT_STATUS_OK;
}

static pinot_status shuffle_channels_validate(struct pinot_node * node) {
    int64_t axis = 0;
    const pinot_partial_shape * in = pinot_node_input_shape(node, 0);
    pinot_status status = shuffle_channels_check(node, false, in, &axis);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), in);
    }
    return status;
}

/* View [outer, group, C/group, inner] written as [outer, C/group, group, inner]. */
static pinot_status shuffle_channels_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                              pinot_tensor_t * const * outputs) {
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    pinot_partial_shape in_ps;
    pinot_partial_shape_from_shape(&in_ps, in);
    int64_t axis = 0;
    pinot_status status = shuffle_channels_check(node, true, &in_ps, &axis);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[0], in);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK;
    }
    int64_t group = PINOT_ATTRS(node, struct shuffle_channels_attrs)->group;
    int64_t outer = pinot_ref_dims_product(in, 0, (uint32_t)axis);
    int64_t inner = pinot_ref_dims_product(in, (uint32_t)axis + 1, in->rank);
    int64_t per_group = in->dims[axis] / group;
    int64_t dims[4] = {outer, per_group, group, inner};
    int64_t dst_strides[4] = {per_group * group * inner, group * inner, inner, 1};
    int64_t src_strides[4] = {group * per_group * inner, inner, per_group * inner, 1};
    return pinot_move_strided(outputs[0], 0, dst_strides, inputs[0], 0, src_strides, dims, 4);
}

const struct pinot_op_impl pinot_op_impl_shuffle_channels = {
    .type_name = "ShuffleChannels",
    .versions = (const uint8_t[]){1, 0},
    .attrs = shuffle_channels_attrs_desc,
    .attrs_size = sizeof(struct shuffle_channels_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = shuffle_channels_validate,
    .evaluate = shuffle_channels_evaluate,
};

/* Slicing ops of the movement family: Slice (opset8) and StridedSlice (all
 * five masks). Both reduce to numpy slicing per axis (start clamped into the
 * axis, a step, a length); the kernel copies the strided view. Dynamic
 * dimensions get the exact range of lengths the slice can produce. */
#include <string.h>

#include "ops/movement-impl.h"
#include "ops/ref-util.h"

/* One axis of a slice: the first input index, the step and the length. */
struct slice_axis {
    int64_t first;
    int64_t step;
    int64_t length;
};

/* numpy slicing of an axis of size dim by [start:stop:step] (step != 0), except
 * for OpenVINO's clamping of a negative-step start (below). */
static struct slice_axis slice_axis(int64_t dim, int64_t start, int64_t stop, int64_t step) {
    struct slice_axis a = {0, step, 0};
    if (step == INT64_MIN) {
        step = a.step = -INT64_MAX;
    }
    if (step > 0) {
        start = start < 0 ? (start + dim < 0 ? 0 : start + dim) : (start > dim ? dim : start);
        stop = stop < 0 ? (stop + dim < 0 ? 0 : stop + dim) : (stop > dim ? dim : stop);
        a.first = start;
        a.length = stop > start ? (stop - start - 1) / step + 1 : 0;
    } else {
        /* OpenVINO clamps a negative-step start into [0, dim - 1] (numpy would give an
         * empty slice for start < -dim): x[-8::-1] of 5 elements is [x[0]]. */
        start = start < 0 ? (start + dim < 0 ? 0 : start + dim) : start;
        start = start > dim - 1 ? dim - 1 : start;
        stop = stop < 0 ? (stop + dim < -1 ? -1 : stop + dim) : (stop > dim - 1 ? dim - 1 : stop);
        a.first = start;
        a.length = start > stop ? (start - stop - 1) / -step + 1 : 0;
    }
    return a;
}

/* Whether a clamped slice bound moves with the axis size once the size is
 * large: negative bounds count from the end; bounds of 2^60 or more act as
 * "the end" and bounds of -2^60 or less as "the start". */
static bool bound_grows(int64_t v, int64_t huge) {
    return (v < 0 && v > -huge) || v >= huge;
}

/*
 * The lengths a slice takes over every size in the interval d. The length is
 * monotonic between the sizes where the clamping changes (around |start| and
 * |stop|), so its extremes are at the interval's ends or next to those sizes.
 * For an unbounded interval the size 2^61 stands for "large", and the length
 * grows without bound when only the stop moves with the size (step > 0) or
 * only the start does (step < 0).
 */
static pinot_dim slice_dim(pinot_dim d, int64_t start, int64_t stop, int64_t step) {
    if (pinot_dim_is_empty(d)) {
        return pinot_dim_dynamic();
    }
    if (pinot_dim_is_static(d)) {
        return pinot_dim_static(slice_axis(d.min, start, stop, step).length);
    }
    const int64_t huge = (int64_t)1 << 60, far = (int64_t)1 << 61;
    int64_t hi = d.max > far ? far : d.max;
    int64_t candidates[2 + 4 * 6];
    uint32_t n = 0;
    candidates[n++] = d.min;
    candidates[n++] = hi;
    int64_t points[4] = {start, stop, -(start > -huge ? start : 0), -(stop > -huge ? stop : 0)};
    for (uint32_t p = 0; p < 4; p++) {
        if (points[p] <= -huge || points[p] >= huge) {
            continue;
        }
        for (int64_t delta = -2; delta <= 3; delta++) {
            int64_t c = points[p] + delta;
            if (c >= d.min && c <= hi) {
                candidates[n++] = c;
            }
        }
    }
    int64_t lo_len = INT64_MAX, hi_len = 0;
    for (uint32_t i = 0; i < n; i++) {
        int64_t len = slice_axis(candidates[i], start, stop, step).length;
        lo_len = len < lo_len ? len : lo_len;
        hi_len = len > hi_len ? len : hi_len;
    }
    if (d.max > far) {
        bool start_grows = bound_grows(start, huge), stop_grows = bound_grows(stop, huge);
        if (step > 0 ? stop_grows && !start_grows : start_grows && !stop_grows) {
            hi_len = PINOT_DIM_INF;
        }
    }
    return pinot_dim_make(lo_len, hi_len);
}

/* Copy the strided view described per input axis by `axes` (length 1 with step 1 for untouched axes). */
static pinot_status slice_copy(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                               pinot_tensor_t * const * outputs, const pinot_partial_shape * out_ps,
                               const struct slice_axis * axes, int64_t offset_extra) {
    pinot_status status = pinot_move_set_shape(node, out_ps, outputs[0]);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(outputs[0]) == 0) {
        return PINOT_STATUS_OK; /* also keeps stride products of empty shapes from overflowing */
    }
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    int64_t in_strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(in, in_strides);
    int64_t dims[PINOT_MAX_RANK], src_strides[PINOT_MAX_RANK], dst_strides[PINOT_MAX_RANK];
    int64_t offset = offset_extra;
    for (uint32_t i = 0; i < in->rank; i++) {
        dims[i] = axes[i].length;
        /* A step only matters (and only stays in range) when more than one element is taken. */
        src_strides[i] = axes[i].length > 1 ? in_strides[i] * axes[i].step : 0;
        if (axes[i].length > 0) {
            offset += axes[i].first * in_strides[i];
        }
    }
    int64_t stride = 1;
    for (uint32_t i = in->rank; i-- > 0;) {
        dst_strides[i] = stride;
        stride *= dims[i];
    }
    return pinot_move_strided(outputs[0], 0, dst_strides, inputs[0], offset, src_strides, dims, in->rank);
}

/* ======================================================================
 * Slice-8: data, start [n], stop [n], step [n], optional axes [n] -> data
 * sliced numpy-style along the axes (default 0..n-1).
 * ====================================================================== */

static pinot_status slice_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                pinot_partial_shape * out, struct slice_axis * plan) {
    bool runtime = inputs != NULL;
    static const char * const names[4] = {"start", "stop", "step", "axes"};
    pinot_partial_shape data = pinot_move_input_shape(node, inputs, 0);
    int64_t values[4][PINOT_MAX_RANK];
    uint32_t n[4] = {0, 0, 0, 0};
    bool known[4] = {false, false, false, false};
    uint32_t n_inputs = node->n_inputs;

    if (!runtime) {
        if (data.rank == 0) {
            return pinot_move_fail(node, false, "Slice `data` input can't be a scalar.");
        }
        pinot_dim length = pinot_dim_dynamic();
        for (uint32_t k = 0; k + 1 < n_inputs; k++) {
            pinot_dtype type = pinot_node_input_type(node, 1 + k);
            if (!pinot_move_is_int_type(type)) {
                return pinot_move_fail(node, false, "Slice `%s` input type must be integer (got %s).", names[k],
                                       pinot_dtype_name(type));
            }
            const pinot_partial_shape * ps = pinot_node_input_shape(node, 1 + k);
            if (ps->rank >= 0 && ps->rank != 1) {
                return pinot_move_fail(node, false, "Slice `%s` input must be a 1D tensor. Got rank: %d", names[k],
                                       ps->rank);
            }
            if (ps->rank == 1 && !pinot_dim_merge(length, ps->dims[0], &length)) {
                return pinot_move_fail(node, false,
                                       k < 3 ? "Slice `start`, `stop`, `step` inputs must have compatible shapes."
                                             : "Slice `axes` input must have compatible shape with `start`, `stop`, "
                                               "`step` inputs.");
            }
        }
        if (data.rank > 0 && length.min > data.rank) {
            return pinot_move_fail(node, false, "Slice `start` input dim size can't be bigger than `data` rank.");
        }
    }
    for (uint32_t k = 0; k + 1 < n_inputs; k++) {
        pinot_status status = pinot_move_input_values(node, inputs, 1 + k, values[k], PINOT_MAX_RANK, &n[k], &known[k]);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    if (runtime) {
        if (data.rank == 0) {
            return pinot_move_fail(node, true, "Slice `data` input can't be a scalar.");
        }
        for (uint32_t k = 1; k + 1 < n_inputs; k++) {
            if (n[k] != n[0]) {
                return pinot_move_fail(node, true,
                                       "Slice `start`, `stop`, `step` and `axes` must have the same "
                                       "length (got %u and %u).",
                                       n[0], n[k]);
            }
        }
    }
    if (known[2]) {
        for (uint32_t j = 0; j < n[2]; j++) {
            if (values[2][j] == 0) {
                return pinot_move_fail(node, runtime, "Step must be non-zero (step[%u] is 0)", j);
            }
        }
    }
    if (data.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    /* Which axes are sliced; with unknown axes every axis may be. */
    bool axes_known = n_inputs < 5 ? known[0] || known[1] || known[2] : known[3];
    uint32_t count = n_inputs < 5 ? (known[0] ? n[0] : known[1] ? n[1] : n[2]) : n[3];
    int64_t axis_of[PINOT_MAX_RANK];
    bool seen[PINOT_MAX_RANK] = {false};
    if (axes_known) {
        if ((int32_t)count > data.rank) {
            return pinot_move_fail(node, runtime, "Slice `start` input dim size can't be bigger than `data` rank.");
        }
        for (uint32_t j = 0; j < count; j++) {
            if (n_inputs < 5) {
                axis_of[j] = j;
            } else {
                pinot_status status = pinot_move_normalize_axis(node, runtime, values[3][j], data.rank, &axis_of[j]);
                if (status != PINOT_STATUS_OK) {
                    return status;
                }
                if (seen[axis_of[j]]) {
                    return pinot_move_fail(node, runtime, "Slice values in `axes` input must be unique.");
                }
            }
            seen[axis_of[j]] = true;
        }
    }
    *out = data;
    for (int32_t i = 0; i < data.rank; i++) {
        plan[i] = (struct slice_axis){0, 1, data.dims[i].min};
        if (!axes_known) {
            out->dims[i] = pinot_dim_make(0, data.dims[i].max);
        }
    }
    if (!axes_known) {
        return PINOT_STATUS_OK;
    }
    bool values_known = known[0] && known[1] && known[2];
    if (values_known && (n[0] != count || n[1] != count || n[2] != count)) {
        return pinot_move_fail(node, runtime, "Slice `start`, `stop`, `step` inputs must have compatible shapes.");
    }
    for (uint32_t j = 0; j < count; j++) {
        int64_t axis = axis_of[j];
        pinot_dim d = data.dims[axis];
        if (!values_known) {
            out->dims[axis] = pinot_dim_make(0, d.max);
            continue;
        }
        out->dims[axis] = slice_dim(d, values[0][j], values[1][j], values[2][j]);
        if (pinot_dim_is_static(d)) {
            plan[axis] = slice_axis(d.min, values[0][j], values[1][j], values[2][j]);
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status slice_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    struct slice_axis plan[PINOT_MAX_RANK];
    pinot_status status = slice_shape(node, NULL, &out, plan);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status slice_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                   pinot_tensor_t * const * outputs) {
    pinot_partial_shape out;
    struct slice_axis plan[PINOT_MAX_RANK];
    pinot_status status = slice_shape(node, inputs, &out, plan);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    return slice_copy(node, inputs, outputs, &out, plan, 0);
}

const struct pinot_op_impl pinot_op_impl_slice = {
    .type_name = "Slice",
    .versions = (const uint8_t[]){8, 0},
    .min_inputs = 4,
    .max_inputs = 5,
    .validate = slice_validate,
    .evaluate = slice_evaluate,
};

/* ======================================================================
 * StridedSlice: data, begin [n], end [n], optional stride [n] (default 1) ->
 * TensorFlow-style slice. Per spec entry i: begin_mask / end_mask ignore
 * begin[i] / end[i]; new_axis_mask inserts a size-1 axis; shrink_axis_mask
 * takes the single index begin[i] and drops the axis; ellipsis_mask (at most
 * one) stands for all axes not named by other entries.
 * ====================================================================== */

struct strided_slice_attrs {
    pinot_ints begin_mask;
    pinot_ints end_mask;
    pinot_ints new_axis_mask;
    pinot_ints shrink_axis_mask;
    pinot_ints ellipsis_mask;
};

static const struct pinot_attr_desc strided_slice_attrs_desc[] = {
    PINOT_ATTR(struct strided_slice_attrs, begin_mask, "begin_mask", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct strided_slice_attrs, end_mask, "end_mask", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct strided_slice_attrs, new_axis_mask, "new_axis_mask", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct strided_slice_attrs, shrink_axis_mask, "shrink_axis_mask", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct strided_slice_attrs, ellipsis_mask, "ellipsis_mask", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_END,
};

static bool mask_bit(const pinot_ints * mask, uint32_t i) {
    return i < mask->n && mask->v[i] != 0;
}

static pinot_status strided_slice_check_attrs(const struct pinot_node * node) {
    const struct strided_slice_attrs * a = PINOT_ATTRS(node, struct strided_slice_attrs);
    const pinot_ints * masks[5] = {&a->begin_mask, &a->end_mask, &a->new_axis_mask, &a->shrink_axis_mask,
                                   &a->ellipsis_mask};
    uint32_t size = 0, ellipses = 0;
    for (uint32_t m = 0; m < 5; m++) {
        for (uint32_t i = 0; i < masks[m]->n; i++) {
            if (masks[m]->v[i] != 0 && masks[m]->v[i] != 1) {
                return pinot_move_fail(node, false, "All masks of StridedSlice must have be 0 or 1");
            }
        }
        if (masks[m]->n > 0 && size > 0 && masks[m]->n != size) {
            return pinot_move_fail(node, false, "All masks of StridedSlice must have the same size");
        }
        size = masks[m]->n > 0 ? masks[m]->n : size;
    }
    for (uint32_t i = 0; i < a->ellipsis_mask.n; i++) {
        ellipses += a->ellipsis_mask.v[i] != 0;
    }
    if (ellipses > 1) {
        return pinot_move_fail(node, false, "At most one ellipsis is allowed.");
    }
    return PINOT_STATUS_OK;
}

/*
 * The output shape and the copy plan: plan[] per input axis, and *offset for
 * the shrunk axes' fixed indices (folded into plan as length-1 views).
 */
static pinot_status strided_slice_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                        pinot_partial_shape * out, struct slice_axis * plan) {
    bool runtime = inputs != NULL;
    const struct strided_slice_attrs * a = PINOT_ATTRS(node, struct strided_slice_attrs);
    static const char * const names[3] = {"Begin", "End", "Stride"};
    pinot_partial_shape data = pinot_move_input_shape(node, inputs, 0);
    int64_t values[3][PINOT_MAX_RANK];
    uint32_t n[3] = {0, 0, 0};
    bool known[3] = {false, false, true};
    uint32_t n_specs_inputs = node->n_inputs > 3 ? 3 : 2;

    if (!runtime) {
        pinot_status status = strided_slice_check_attrs(node);
        pinot_dim length = pinot_dim_dynamic();
        for (uint32_t k = 0; status == PINOT_STATUS_OK && k < n_specs_inputs; k++) {
            pinot_dtype type = pinot_node_input_type(node, 1 + k);
            const pinot_partial_shape * ps = pinot_node_input_shape(node, 1 + k);
            if (!pinot_move_is_int_type(type)) {
                status = pinot_move_fail(node, false, "%s mask must be an integral number, but is: %s", names[k],
                                         pinot_dtype_name(type));
            } else if (ps->rank >= 0 && ps->rank != 1) {
                status = pinot_move_fail(node, false, "%s input must be 1D (has rank: %d)", names[k], ps->rank);
            } else if (ps->rank == 1 && !pinot_dim_merge(length, ps->dims[0], &length)) {
                status = pinot_move_fail(node, false,
                                         k == 1 ? "Begin and end need to have same number of values."
                                                : "Stride needs to have same number of values as begin.");
            }
        }
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    for (uint32_t k = 0; k < n_specs_inputs; k++) {
        pinot_status status = pinot_move_input_values(node, inputs, 1 + k, values[k], PINOT_MAX_RANK, &n[k], &known[k]);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    /* The number of spec entries: from any input whose length is known. */
    int64_t n_specs = -1;
    for (uint32_t k = 0; k < n_specs_inputs && n_specs < 0; k++) {
        if (known[k]) {
            n_specs = n[k];
        } else {
            const pinot_partial_shape * ps = pinot_node_input_shape(node, 1 + k);
            if (ps->rank == 1 && pinot_dim_is_static(ps->dims[0])) {
                n_specs = ps->dims[0].min;
            }
        }
    }
    for (uint32_t k = 0; k < n_specs_inputs; k++) {
        if (known[k] && (int64_t)n[k] != n_specs) {
            return pinot_move_fail(node, runtime,
                                   k == 1 ? "Begin and end need to have same number of values."
                                          : "Stride needs to have same number of values as begin.");
        }
    }
    if (n_specs_inputs < 3) {
        n[2] = n_specs < 0 ? 0 : (uint32_t)n_specs;
        for (uint32_t j = 0; j < n[2]; j++) {
            values[2][j] = 1;
        }
    } else if (known[2]) {
        for (uint32_t j = 0; j < n[2]; j++) {
            if (values[2][j] == 0) {
                return pinot_move_fail(node, runtime, "Stride must be non-zero (stride[%u] is 0)", j);
            }
        }
    }
    if (data.rank < 0 || n_specs < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }

    /* Count the entries that consume input axes, to size the ellipsis. */
    int64_t consumed = 0;
    int64_t ellipsis = -1;
    for (uint32_t i = 0; i < n_specs; i++) {
        if (mask_bit(&a->ellipsis_mask, i)) {
            ellipsis = i;
        } else if (!mask_bit(&a->new_axis_mask, i)) {
            consumed++;
        }
    }
    if (consumed > data.rank) {
        return pinot_move_fail(node, runtime,
                               "Input rank plus number of new axis has to be at least the size of Lower and Upper "
                               "bounds vector (input shape %s, %lld entries).",
                               pinot_move_text(&data).s, (long long)n_specs);
    }
    int64_t ellipsis_axes = data.rank - consumed;

    int32_t in_axis = 0;
    out->rank = 0;
    for (int32_t i = 0; i < data.rank; i++) {
        plan[i] = (struct slice_axis){0, 1, data.dims[i].min};
    }
    for (int64_t i = 0; i < n_specs || in_axis < data.rank; i++) {
        if (out->rank >= PINOT_MAX_RANK) {
            return pinot_move_fail(node, runtime, "the output rank exceeds the maximum %d", PINOT_MAX_RANK);
        }
        if (i >= n_specs || i == ellipsis) {
            /* Untouched axes: after the last entry, or where the ellipsis stands. */
            int64_t count = i >= n_specs ? 1 : ellipsis_axes;
            for (int64_t k = 0; k < count && out->rank < PINOT_MAX_RANK; k++) {
                out->dims[out->rank++] = data.dims[in_axis++];
            }
            continue;
        }
        if (mask_bit(&a->new_axis_mask, (uint32_t)i)) {
            out->dims[out->rank++] = pinot_dim_static(1);
            continue;
        }
        pinot_dim d = data.dims[in_axis];
        bool begin_masked = mask_bit(&a->begin_mask, (uint32_t)i), end_masked = mask_bit(&a->end_mask, (uint32_t)i);
        if (mask_bit(&a->shrink_axis_mask, (uint32_t)i)) {
            if ((known[0] || begin_masked) && known[2] && pinot_dim_is_static(d)) {
                /* A masked begin shrinks to where the slice would start. */
                int64_t index = begin_masked ? (values[2][i] > 0 ? 0 : d.min - 1) : values[0][i];
                index = index < 0 ? index + d.min : index;
                if (runtime && (index < 0 || index >= d.min)) {
                    return pinot_move_fail(node, true,
                                           "shrink_axis_mask index %lld is out of range for axis %d of size %lld",
                                           (long long)index, in_axis, (long long)d.min);
                }
                plan[in_axis] = (struct slice_axis){index, 1, 1};
            }
            in_axis++;
            continue;
        }
        bool sliceable = (begin_masked || known[0]) && (end_masked || known[1]) && known[2];
        if (!sliceable) {
            out->dims[out->rank++] = pinot_dim_make(0, d.max);
            in_axis++;
            continue;
        }
        int64_t step = values[2][i];
        int64_t start = begin_masked ? (step > 0 ? 0 : INT64_MAX) : values[0][i];
        int64_t stop = end_masked ? (step > 0 ? INT64_MAX : INT64_MIN) : values[1][i];
        out->dims[out->rank++] = slice_dim(d, start, stop, step);
        if (pinot_dim_is_static(d)) {
            plan[in_axis] = slice_axis(d.min, start, stop, step);
        }
        in_axis++;
    }
    return PINOT_STATUS_OK;
}

static pinot_status strided_slice_validate(struct pinot_node * node) {
    pinot_partial_shape out;
    struct slice_axis plan[PINOT_MAX_RANK];
    pinot_status status = strided_slice_shape(node, NULL, &out, plan);
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    }
    return status;
}

static pinot_status strided_slice_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                           pinot_tensor_t * const * outputs) {
    pinot_partial_shape out;
    struct slice_axis plan[PINOT_MAX_RANK];
    pinot_status status = strided_slice_shape(node, inputs, &out, plan);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    /* New and shrunk axes have size 1, so the copy may use the input axes' plan as is. */
    return slice_copy(node, inputs, outputs, &out, plan, 0);
}

const struct pinot_op_impl pinot_op_impl_strided_slice = {
    .type_name = "StridedSlice",
    .versions = (const uint8_t[]){1, 0},
    .attrs = strided_slice_attrs_desc,
    .attrs_size = sizeof(struct strided_slice_attrs),
    .min_inputs = 3,
    .max_inputs = 4,
    .validate = strided_slice_validate,
    .evaluate = strided_slice_evaluate,
};

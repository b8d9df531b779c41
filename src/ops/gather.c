/* Indexing ops: Gather (1, 7, 8), GatherElements (6), GatherND (5, 8),
 * ScatterUpdate (3), ScatterElementsUpdate (3, 12), ScatterNDUpdate (3, 15).
 * Index values are checked at run time: an index outside its axis is an
 * INVALID_ARGUMENT error naming the node (OpenVINO's CPU plugin writes zeros for
 * Gather and fails for ScatterUpdate; we always fail). Data of every element
 * type, strings and packed types included, is moved element by element. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* ---- shared helpers ---- */

static const char * shape_text(const pinot_partial_shape * ps, char * buf, size_t size) {
    pinot_partial_shape_to_string(ps, buf, size);
    return buf;
}

static bool is_integral_number(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC || (info != NULL && info->is_integral_number);
}

static bool is_i32_or_i64(pinot_dtype type) {
    return type == PINOT_DTYPE_DYNAMIC || type == PINOT_DTYPE_I32 || type == PINOT_DTYPE_I64;
}

/* Copy @p n consecutive elements src[si...] to dst[di...] (same element type). */
static pinot_status copy_elems(pinot_tensor_t * dst, uint64_t di, const pinot_tensor_t * src, uint64_t si, uint64_t n) {
    pinot_dtype type = pinot_tensor_get_type(src);
    const uint8_t * s = pinot_tensor_get_data(src);
    uint8_t * d = pinot_tensor_get_data(dst);
    if (type == PINOT_DTYPE_STRING) {
        for (uint64_t k = 0; k < n; k++) {
            const char * text = NULL;
            size_t size = 0;
            pinot_status status = pinot_tensor_get_string(src, si + k, &text, &size);
            if (status == PINOT_STATUS_OK) {
                status = pinot_tensor_set_string(dst, di + k, text, size);
            }
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
        return PINOT_STATUS_OK;
    }
    if (!pinot_dtype_is_packed(type)) {
        size_t size = pinot_dtype_get_info(type)->size;
        if (n > 0) {
            memmove(d + di * size, s + si * size, n * size);
        }
        return PINOT_STATUS_OK;
    }
    if (type == PINOT_DTYPE_NF4 || type == PINOT_DTYPE_F4E2M1) {
        /* 4-bit codes, lowest nibble first: copy the raw code (no value round trip). */
        for (uint64_t k = 0; k < n; k++) {
            uint64_t i = si + k, j = di + k;
            unsigned v = (s[i / 2] >> ((i % 2) * 4)) & 0xFu;
            unsigned shift = (unsigned)(j % 2) * 4;
            d[j / 2] = (uint8_t)((d[j / 2] & ~(0xFu << shift)) | (v << shift));
        }
        return PINOT_STATUS_OK;
    }
    for (uint64_t k = 0; k < n; k++) {
        pinot_ref_store_i64(type, d, di + k, pinot_ref_load_i64(type, s, si + k));
    }
    return PINOT_STATUS_OK;
}

/* Index @p i of an index tensor, normalized against an axis of @p size; false when out of range. */
static bool load_index(const pinot_tensor_t * indices, uint64_t i, int64_t size, bool allow_negative, int64_t * out) {
    pinot_dtype type = pinot_tensor_get_type(indices);
    if (type == PINOT_DTYPE_U64 && ((const uint64_t *)pinot_tensor_get_data(indices))[i] > (uint64_t)INT64_MAX) {
        *out = INT64_MAX; /* far out of range, not a negative index */
        return false;
    }
    int64_t v = pinot_ref_load_i64(type, pinot_tensor_get_data(indices), i);
    *out = v;
    if (v < 0 && allow_negative) {
        v += size;
    }
    if (v < 0 || v >= size) {
        return false;
    }
    *out = v;
    return true;
}

static pinot_status index_error(const struct pinot_node * node, int64_t value, int64_t axis, int64_t size,
                                bool allow_negative) {
    return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "index %lld is out of range [%lld, %lld] for axis %lld of size %lld", (long long)value,
                      allow_negative ? -(long long)size : 0LL, (long long)size - 1, (long long)axis, (long long)size);
}

/* Normalize an axis with OpenVINO's wording ("Axis 2 out of the tensor rank range [-2, 1]"). */
static pinot_status norm_axis(const struct pinot_node * node, int64_t axis, int64_t rank, int64_t * out) {
    if (axis < -rank || axis >= rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis %lld out of the tensor rank range [%lld, %lld].",
                                (long long)axis, (long long)-rank, (long long)rank - 1);
    }
    *out = axis < 0 ? axis + rank : axis;
    return PINOT_STATUS_OK;
}

/* Check an axis input (scalar or one element, integral); read it when constant. */
static pinot_status axis_input(struct pinot_node * node, uint32_t i, bool * known, int64_t * axis) {
    pinot_dtype type = pinot_node_input_type(node, i);
    if (!is_integral_number(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis element type must be of an integral number type (got %s)",
                                pinot_dtype_name(type));
    }
    const pinot_partial_shape * ps = pinot_node_input_shape(node, i);
    if (ps->rank > 1 || (ps->rank == 1 && !pinot_dim_compatible(ps->dims[0], pinot_dim_static(1)))) {
        char buf[128];
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis input must be scalar or have 1 element. But instead got axis_shape = %s",
                                shape_text(ps, buf, sizeof(buf)));
    }
    uint32_t n = 0;
    pinot_status status = PINOT_STATUS_OK;
    *known = pinot_node_input_ints(node, i, axis, 1, &n, &status) && n == 1;
    return status;
}

/* The axis value of an evaluated axis input, normalized. */
static pinot_status eval_axis(const struct pinot_node * node, const pinot_tensor_t * t, int64_t rank, int64_t * axis) {
    if (pinot_tensor_get_size(t) != 1) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "axis input must have one element (got %llu)",
                          (unsigned long long)pinot_tensor_get_size(t));
    }
    int64_t v = pinot_ref_load_i64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), 0);
    int64_t a = v < 0 ? v + rank : v;
    if (a < 0 || a >= rank) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Axis %lld out of the tensor rank range [%lld, %lld].", (long long)v, -(long long)rank,
                          (long long)rank - 1);
    }
    *axis = a;
    return PINOT_STATUS_OK;
}

static pinot_status set_out_shape(pinot_tensor_t * out, uint32_t rank, const int64_t * dims) {
    pinot_shape shape;
    pinot_status status = pinot_shape_init(&shape, rank, dims);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(out, &shape);
    }
    return status;
}

/* Product of partial dims (interval arithmetic, saturating at PINOT_DIM_INF). */
static pinot_dim dims_product(const pinot_dim * dims, int32_t n) {
    pinot_dim p = pinot_dim_static(1);
    for (int32_t i = 0; i < n; i++) {
        p.min = (dims[i].min != 0 && p.min > INT64_MAX / dims[i].min) ? PINOT_DIM_INF : p.min * dims[i].min;
        if (p.max == PINOT_DIM_INF || dims[i].max == PINOT_DIM_INF) {
            p.max = (p.max == 0 || dims[i].max == 0) ? 0 : PINOT_DIM_INF;
        } else {
            p.max = (dims[i].max != 0 && p.max > INT64_MAX / dims[i].max) ? PINOT_DIM_INF : p.max * dims[i].max;
        }
    }
    return p;
}

/* ---- Gather ---- */
// data: [B..., O..., A, I...], indices: [B..., J...] -> [B..., O..., J..., I...] (batch_dims = len(B))

struct gather_attrs {
    int64_t batch_dims;
};

static const struct pinot_attr_desc gather_attr_descs[] = {
    PINOT_ATTR_VERSIONS(struct gather_attrs, batch_dims, "batch_dims", PINOT_ATTR_INT, false, "0", 7, 0),
    PINOT_ATTR_END,
};

static pinot_status gather_validate(struct pinot_node * node) {
    const struct gather_attrs * a = PINOT_ATTRS(node, struct gather_attrs);
    pinot_dtype idx_type = pinot_node_input_type(node, 1);
    if (!is_integral_number(idx_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Indices element type must be of an integral number type (got %s)",
                                pinot_dtype_name(idx_type));
    }
    bool axis_known = false;
    int64_t axis = 0;
    pinot_status status = axis_input(node, 2, &axis_known, &axis);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * indices = pinot_node_input_shape(node, 1);
    int64_t batch_dims = node->version == 1 ? 0 : a->batch_dims;
    if (node->version == 1 && a->batch_dims != 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Gather-1 has no batch_dims (got %lld)",
                                (long long)a->batch_dims);
    }
    bool bd_known = true;
    if (batch_dims < 0) {
        if (indices->rank >= 0) {
            batch_dims += indices->rank;
            if (batch_dims < 0) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "batch_dims must be in the range [-%d, %d] (got %lld)", indices->rank,
                                        indices->rank, (long long)a->batch_dims);
            }
        } else {
            bd_known = false;
        }
    }
    if (indices->rank >= 0 && batch_dims > indices->rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The batch_dims must be <= indices_rank. But instead got: batch_dims = %lld, "
                                "indices_rank = %d",
                                (long long)batch_dims, indices->rank);
    }
    if (data->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "data must have rank >= 1 (got a scalar)");
    }
    if (axis_known && data->rank >= 0) {
        status = norm_axis(node, axis, data->rank, &axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    } else if (axis_known && axis < 0) {
        axis_known = false;
    }
    if (axis_known && bd_known && batch_dims > axis) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "After normalization batch_dims must be <= axis. But instead got: batch_dims = %lld, "
                                "axis = %lld",
                                (long long)batch_dims, (long long)axis);
    }
    pinot_partial_shape out;
    pinot_dim batch[PINOT_MAX_RANK];
    if (bd_known && data->rank >= 0 && indices->rank >= 0) {
        if (batch_dims >= data->rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "batch_dims must be < data rank (got batch_dims = %lld, data rank = %d)",
                                    (long long)batch_dims, data->rank);
        }
    }
    if (bd_known) {
        for (int64_t i = 0; i < batch_dims; i++) {
            pinot_dim d = data->rank > i ? data->dims[i] : pinot_dim_dynamic();
            pinot_dim j = indices->rank > i ? indices->dims[i] : pinot_dim_dynamic();
            if (!pinot_dim_merge(d, j, &batch[i])) {
                char b1[128], b2[128];
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Shapes %s and %s are not consistent. data and indices must have equal or "
                                        "intersecting sizes until batch_dims",
                                        shape_text(data, b1, sizeof(b1)), shape_text(indices, b2, sizeof(b2)));
            }
        }
    }
    if (!bd_known || data->rank < 0 || indices->rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
    } else {
        int64_t rank = data->rank + indices->rank - 1 - batch_dims;
        if (rank > PINOT_MAX_RANK) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output rank %lld exceeds %d",
                                    (long long)rank, PINOT_MAX_RANK);
        }
        pinot_partial_shape_dynamic(&out, (int32_t)rank);
        if (axis_known) {
            int32_t k = 0;
            for (int64_t i = 0; i < axis; i++) {
                out.dims[k++] = i < batch_dims ? batch[i] : data->dims[i];
            }
            for (int64_t i = batch_dims; i < indices->rank; i++) {
                out.dims[k++] = indices->dims[i];
            }
            for (int64_t i = axis + 1; i < data->rank; i++) {
                out.dims[k++] = data->dims[i];
            }
        } else {
            for (int64_t i = 0; i < batch_dims; i++) {
                out.dims[i] = batch[i];
            }
        }
    }
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    return PINOT_STATUS_OK;
}

static pinot_status gather_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    const struct gather_attrs * a = PINOT_ATTRS(node, struct gather_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * is = pinot_tensor_get_shape(inputs[1]);
    int64_t axis = 0;
    pinot_status status = eval_axis(node, inputs[2], ds->rank, &axis);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t bd = node->version == 1 ? 0 : a->batch_dims;
    if (bd < 0) {
        bd += is->rank;
    }
    if (bd < 0 || bd > (int64_t)is->rank || bd > axis) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "batch_dims %lld is out of range for indices rank %u and axis %lld",
                          (long long)a->batch_dims, is->rank, (long long)axis);
    }
    for (int64_t i = 0; i < bd; i++) {
        if (ds->dims[i] != is->dims[i]) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "batch dimension %lld differs between data (%lld) and indices (%lld)",
                              (long long)i, (long long)ds->dims[i], (long long)is->dims[i]);
        }
    }
    int64_t dims[PINOT_MAX_RANK];
    uint32_t rank = 0;
    for (int64_t i = 0; i < axis; i++) {
        dims[rank++] = ds->dims[i];
    }
    for (int64_t i = bd; i < is->rank; i++) {
        dims[rank++] = is->dims[i];
    }
    for (int64_t i = axis + 1; i < ds->rank; i++) {
        dims[rank++] = ds->dims[i];
    }
    status = set_out_shape(outputs[0], rank, dims);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t n_batch = pinot_ref_dims_product(ds, 0, (uint32_t)bd);
    int64_t n_outer = pinot_ref_dims_product(ds, (uint32_t)bd, (uint32_t)axis);
    int64_t size = ds->dims[axis];
    int64_t n_idx = pinot_ref_dims_product(is, (uint32_t)bd, is->rank);
    int64_t inner = pinot_ref_dims_product(ds, (uint32_t)axis + 1, ds->rank);
    bool negative = node->version >= 8;
    uint64_t o = 0;
    for (int64_t b = 0; b < n_batch; b++) {
        for (int64_t m = 0; m < n_outer; m++) {
            for (int64_t j = 0; j < n_idx; j++) {
                int64_t idx;
                if (!load_index(inputs[1], (uint64_t)(b * n_idx + j), size, negative, &idx)) {
                    return index_error(node, idx, axis, size, negative);
                }
                uint64_t src = (uint64_t)(((b * n_outer + m) * size + idx) * inner);
                status = copy_elems(outputs[0], o, inputs[0], src, (uint64_t)inner);
                if (status != PINOT_STATUS_OK) {
                    return status;
                }
                o += (uint64_t)inner;
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t gather_versions[] = {1, 7, 8, 0};

const struct pinot_op_impl pinot_op_impl_gather = {
    .type_name = "Gather",
    .versions = gather_versions,
    .attrs = gather_attr_descs,
    .attrs_size = sizeof(struct gather_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = gather_validate,
    .evaluate = gather_evaluate,
};

/* ---- GatherElements ---- */
// data: [d0..dn], indices: [d0..k..dn] (k at axis) -> indices' shape

struct gather_elements_attrs {
    int64_t axis;
};

static const struct pinot_attr_desc gather_elements_attr_descs[] = {
    PINOT_ATTR(struct gather_elements_attrs, axis, "axis", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR_END,
};

static pinot_status gather_elements_validate(struct pinot_node * node) {
    const struct gather_elements_attrs * a = PINOT_ATTRS(node, struct gather_elements_attrs);
    pinot_dtype idx_type = pinot_node_input_type(node, 1);
    if (!is_i32_or_i64(idx_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "indices must be of int32 or int64 type. But instead got: %s",
                                pinot_dtype_name(idx_type));
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * indices = pinot_node_input_shape(node, 1);
    if (data->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "data rank must be >= 1.");
    }
    if (indices->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "indices rank must be >= 1.");
    }
    if (data->rank >= 0 && indices->rank >= 0 && data->rank != indices->rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "data and indices rank must be equal. But instead got: %d and %d", data->rank,
                                indices->rank);
    }
    int32_t rank = data->rank >= 0 ? data->rank : indices->rank;
    pinot_partial_shape out;
    if (rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
    } else {
        int64_t axis = 0;
        pinot_status status = norm_axis(node, a->axis, rank, &axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        pinot_partial_shape_dynamic(&out, rank);
        for (int32_t i = 0; i < rank; i++) {
            pinot_dim d = data->rank >= 0 ? data->dims[i] : pinot_dim_dynamic();
            pinot_dim j = indices->rank >= 0 ? indices->dims[i] : pinot_dim_dynamic();
            if (i == axis) {
                out.dims[i] = j;
            } else if (!pinot_dim_merge(d, j, &out.dims[i])) {
                char b1[128], b2[128];
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Shapes %s and %s are not consistent, `data` and `indices` must have equal "
                                        "or intersecting dimensions, except for the dimension at axis index %lld",
                                        shape_text(data, b1, sizeof(b1)), shape_text(indices, b2, sizeof(b2)),
                                        (long long)axis);
            }
        }
    }
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    return PINOT_STATUS_OK;
}

static pinot_status gather_elements_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                             pinot_tensor_t * const * outputs) {
    const struct gather_elements_attrs * a = PINOT_ATTRS(node, struct gather_elements_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * is = pinot_tensor_get_shape(inputs[1]);
    int64_t axis = a->axis < 0 ? a->axis + ds->rank : a->axis;
    if (ds->rank != is->rank || axis < 0 || axis >= ds->rank) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "bad ranks or axis (data rank %u, indices rank %u, axis %lld)", ds->rank, is->rank,
                          (long long)a->axis);
    }
    for (uint32_t i = 0; i < ds->rank; i++) {
        if ((int64_t)i != axis && ds->dims[i] != is->dims[i]) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "indices dimension %u is %lld, data's is %lld", i, (long long)is->dims[i],
                              (long long)ds->dims[i]);
        }
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], is);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    /* data viewed as [outer, size, inner], indices as [outer, n, inner] */
    int64_t outer = pinot_ref_dims_product(ds, 0, (uint32_t)axis);
    int64_t size = ds->dims[axis];
    int64_t n = is->dims[axis];
    int64_t inner = pinot_ref_dims_product(ds, (uint32_t)axis + 1, ds->rank);
    for (int64_t o = 0; o < outer; o++) {
        for (int64_t k = 0; k < n; k++) {
            for (int64_t i = 0; i < inner; i++) {
                uint64_t pos = (uint64_t)((o * n + k) * inner + i);
                int64_t idx;
                if (!load_index(inputs[1], pos, size, true, &idx)) {
                    return index_error(node, idx, axis, size, true);
                }
                status = copy_elems(outputs[0], pos, inputs[0], (uint64_t)((o * size + idx) * inner + i), 1);
                if (status != PINOT_STATUS_OK) {
                    return status;
                }
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t gather_elements_versions[] = {6, 0};

const struct pinot_op_impl pinot_op_impl_gather_elements = {
    .type_name = "GatherElements",
    .versions = gather_elements_versions,
    .attrs = gather_elements_attr_descs,
    .attrs_size = sizeof(struct gather_elements_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = gather_elements_validate,
    .evaluate = gather_elements_evaluate,
};

/* ---- GatherND ---- */
// data: [B..., D...], indices: [B..., J..., K] -> v8: [B..., J..., D[K:]...]; v5: [prod(B), J..., D[K:]...]

struct gather_nd_attrs {
    int64_t batch_dims;
};

static const struct pinot_attr_desc gather_nd_attr_descs[] = {
    PINOT_ATTR(struct gather_nd_attrs, batch_dims, "batch_dims", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR_END,
};

static pinot_status gather_nd_validate(struct pinot_node * node) {
    const struct gather_nd_attrs * a = PINOT_ATTRS(node, struct gather_nd_attrs);
    int64_t bd = a->batch_dims;
    pinot_dtype idx_type = pinot_node_input_type(node, 1);
    if (!is_integral_number(idx_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The indices type is expected to be an integer type. Got: %s",
                                pinot_dtype_name(idx_type));
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * indices = pinot_node_input_shape(node, 1);
    if (bd < 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Number of batch dimensions must not be negative (got %lld)", (long long)bd);
    }
    if (data->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Data rank must be at least 1.");
    }
    if (indices->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Indices rank must be at least 1.");
    }
    if (indices->rank > 0 && bd >= indices->rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Number of batch dimensions must not exceed a rank of indices (got batch_dims %lld, "
                                "indices rank %d).",
                                (long long)bd, indices->rank);
    }
    if (data->rank > 0 && bd >= data->rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Number of batch dimensions must not exceed a rank of data (got batch_dims %lld, "
                                "data rank %d).",
                                (long long)bd, data->rank);
    }
    pinot_dim batch[PINOT_MAX_RANK];
    for (int64_t i = 0; i < bd; i++) {
        pinot_dim d = data->rank > 0 ? data->dims[i] : pinot_dim_dynamic();
        pinot_dim j = indices->rank > 0 ? indices->dims[i] : pinot_dim_dynamic();
        if (!pinot_dim_merge(d, j, &batch[i])) {
            char b1[128], b2[128];
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Batch dimensions of data and indices must be the same (got %s and %s).",
                                    shape_text(data, b1, sizeof(b1)), shape_text(indices, b2, sizeof(b2)));
        }
    }
    pinot_partial_shape out;
    pinot_partial_shape_dynamic(&out, -1);
    if (indices->rank > 0) {
        pinot_dim last = indices->dims[indices->rank - 1];
        if (pinot_dim_is_static(last) && data->rank > 0 && bd + last.min > data->rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Length of a tuple with indices must not exceed a rank of data tensor excluding "
                                    "batch dimensions (got %lld, data rank %d, batch_dims %lld).",
                                    (long long)last.min, data->rank, (long long)bd);
        }
        if (pinot_dim_is_static(last) && data->rank > 0) {
            int64_t k = last.min;
            int32_t rank = 0;
            if (node->version == 5 && bd > 0) {
                out.dims[rank++] = dims_product(batch, (int32_t)bd);
            } else {
                for (int64_t i = 0; i < bd; i++) {
                    out.dims[rank++] = batch[i];
                }
            }
            if (rank + (indices->rank - 1 - bd) + (data->rank - bd - k) > PINOT_MAX_RANK) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output rank exceeds %d",
                                        PINOT_MAX_RANK);
            }
            for (int64_t i = bd; i < indices->rank - 1; i++) {
                out.dims[rank++] = indices->dims[i];
            }
            for (int64_t i = bd + k; i < data->rank; i++) {
                out.dims[rank++] = data->dims[i];
            }
            out.rank = rank;
        }
    }
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    return PINOT_STATUS_OK;
}

static pinot_status gather_nd_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                       pinot_tensor_t * const * outputs) {
    const struct gather_nd_attrs * a = PINOT_ATTRS(node, struct gather_nd_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * is = pinot_tensor_get_shape(inputs[1]);
    int64_t bd = a->batch_dims;
    if (is->rank < 1 || bd < 0 || bd >= (int64_t)is->rank || bd >= (int64_t)ds->rank) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "batch_dims %lld does not fit data rank %u and indices rank %u", (long long)bd,
                          ds->rank, is->rank);
    }
    int64_t k = is->dims[is->rank - 1];
    if (bd + k > (int64_t)ds->rank) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "index tuples of length %lld do not fit data rank %u", (long long)k, ds->rank);
    }
    for (int64_t i = 0; i < bd; i++) {
        if (ds->dims[i] != is->dims[i]) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "batch dimension %lld differs between data (%lld) and indices (%lld)",
                              (long long)i, (long long)ds->dims[i], (long long)is->dims[i]);
        }
    }
    int64_t dims[PINOT_MAX_RANK];
    uint32_t rank = 0;
    int64_t n_batch = pinot_ref_dims_product(is, 0, (uint32_t)bd);
    if (node->version == 5 && bd > 0) {
        dims[rank++] = n_batch;
    } else {
        for (int64_t i = 0; i < bd; i++) {
            dims[rank++] = is->dims[i];
        }
    }
    for (int64_t i = bd; i < (int64_t)is->rank - 1; i++) {
        dims[rank++] = is->dims[i];
    }
    for (int64_t i = bd + k; i < (int64_t)ds->rank; i++) {
        dims[rank++] = ds->dims[i];
    }
    pinot_status status = set_out_shape(outputs[0], rank, dims);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(ds, strides);
    int64_t n_tuples = pinot_ref_dims_product(is, (uint32_t)bd, is->rank - 1);
    int64_t slice = pinot_ref_dims_product(ds, (uint32_t)(bd + k), ds->rank);
    int64_t batch_stride = pinot_ref_dims_product(ds, (uint32_t)bd, ds->rank);
    uint64_t o = 0;
    for (int64_t b = 0; b < n_batch; b++) {
        for (int64_t t = 0; t < n_tuples; t++) {
            int64_t src = b * batch_stride;
            for (int64_t j = 0; j < k; j++) {
                int64_t size = ds->dims[bd + j];
                int64_t idx;
                if (!load_index(inputs[1], (uint64_t)((b * n_tuples + t) * k + j), size, true, &idx)) {
                    return index_error(node, idx, bd + j, size, true);
                }
                src += idx * strides[bd + j];
            }
            status = copy_elems(outputs[0], o, inputs[0], (uint64_t)src, (uint64_t)slice);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
            o += (uint64_t)slice;
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t gather_nd_versions[] = {5, 8, 0};

const struct pinot_op_impl pinot_op_impl_gather_nd = {
    .type_name = "GatherND",
    .versions = gather_nd_versions,
    .attrs = gather_nd_attr_descs,
    .attrs_size = sizeof(struct gather_nd_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = gather_nd_validate,
    .evaluate = gather_nd_evaluate,
};

/* ---- reductions shared by the scatters ---- */

enum scatter_reduction { RED_NONE, RED_SUM, RED_SUB, RED_PROD, RED_MIN, RED_MAX, RED_MEAN };

/* Combine an accumulated value with an update. Booleans: sum/max are OR, prod/min are AND, sub is XOR. */
static double reduce_f64(int red, double acc, double v) {
    switch (red) {
    case RED_SUM:
    case RED_MEAN:
        return acc + v;
    case RED_SUB:
        return acc - v;
    case RED_PROD:
        return acc * v;
    case RED_MIN:
        return (v < acc || isnan(v)) ? v : acc;
    case RED_MAX:
        return (v > acc || isnan(v)) ? v : acc;
    default:
        return v;
    }
}

static int64_t reduce_i64(int red, bool boolean, int64_t acc, int64_t v) {
    if (boolean) {
        switch (red) {
        case RED_SUM:
        case RED_MAX:
            return (acc != 0) || (v != 0);
        case RED_PROD:
        case RED_MIN:
            return (acc != 0) && (v != 0);
        case RED_SUB:
            return (acc != 0) != (v != 0);
        default:
            return v != 0;
        }
    }
    switch (red) {
    case RED_SUM:
    case RED_MEAN:
        return (int64_t)((uint64_t)acc + (uint64_t)v); /* wraps like the element type does */
    case RED_SUB:
        return (int64_t)((uint64_t)acc - (uint64_t)v);
    case RED_PROD:
        return (int64_t)((uint64_t)acc * (uint64_t)v);
    case RED_MIN:
        return v < acc ? v : acc;
    case RED_MAX:
        return v > acc ? v : acc;
    default:
        return v;
    }
}

/* out[oi] = out[oi] (op) upd[ui], computed in the element type's domain. */
static void reduce_into(int red, pinot_tensor_t * out, uint64_t oi, const pinot_tensor_t * upd, uint64_t ui) {
    pinot_dtype type = pinot_tensor_get_type(out);
    void * o = pinot_tensor_get_data(out);
    const void * u = pinot_tensor_get_data(upd);
    if (pinot_ref_is_int(type)) {
        int64_t v = reduce_i64(red, type == PINOT_DTYPE_BOOLEAN, pinot_ref_load_i64(type, o, oi),
                               pinot_ref_load_i64(type, u, ui));
        pinot_ref_store_i64(type, o, oi, v);
    } else {
        double v = reduce_f64(red, pinot_ref_load_f64(type, o, oi), pinot_ref_load_f64(type, u, ui));
        pinot_ref_store_f64(type, o, oi, v);
    }
}

/* ---- ScatterUpdate ---- */
// data: [O..., A, I...], indices: [J...], updates: [O..., J..., I...] -> data's shape

static pinot_status scatter_update_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype upd_type = pinot_node_input_type(node, 2);
    pinot_dtype idx_type = pinot_node_input_type(node, 1);
    if (!is_integral_number(idx_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Indices element type must be of an integral number type (got %s).",
                                pinot_dtype_name(idx_type));
    }
    pinot_dtype merged;
    if (!pinot_dtype_merge(type, upd_type, &merged)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element types for input data and updates do not match (data element type: %s, "
                                "updates element type: %s).",
                                pinot_dtype_name(type), pinot_dtype_name(upd_type));
    }
    pinot_dtype axis_type = pinot_node_input_type(node, 3);
    if (!is_integral_number(axis_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis element type must be of an integral number type (got %s).",
                                pinot_dtype_name(axis_type));
    }
    const pinot_partial_shape * axis_shape = pinot_node_input_shape(node, 3);
    if (axis_shape->rank > 1 ||
        (axis_shape->rank == 1 && !pinot_dim_compatible(axis_shape->dims[0], pinot_dim_static(1)))) {
        char buf[128];
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis input shape is required to be scalar or 1D tensor of 1 element. Got: %s",
                                shape_text(axis_shape, buf, sizeof(buf)));
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * indices = pinot_node_input_shape(node, 1);
    const pinot_partial_shape * updates = pinot_node_input_shape(node, 2);
    if (data->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "data must have rank >= 1 (got a scalar)");
    }
    if (data->rank >= 0 && indices->rank >= 0 && updates->rank >= 0 &&
        updates->rank != indices->rank + data->rank - 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Updates rank is expected to be rank(indices) + rank(data) - 1. Got: rank(data) = %d, "
                                "rank(indices) = %d, rank(updates) = %d",
                                data->rank, indices->rank, updates->rank);
    }
    bool axis_known = false;
    int64_t axis = 0;
    uint32_t n = 0;
    pinot_status status = PINOT_STATUS_OK;
    axis_known = pinot_node_input_ints(node, 3, &axis, 1, &n, &status) && n == 1;
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (axis_known && data->rank >= 0) {
        status = norm_axis(node, axis, data->rank, &axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (indices->rank >= 0 && updates->rank >= 0) {
            bool ok = true;
            for (int32_t i = 0; i < updates->rank && ok; i++) {
                pinot_dim expect;
                if (i < axis) {
                    expect = data->dims[i];
                } else if (i < axis + indices->rank) {
                    expect = indices->dims[i - axis];
                } else {
                    expect = data->dims[i - indices->rank + 1];
                }
                ok = pinot_dim_compatible(expect, updates->dims[i]);
            }
            if (!ok) {
                char b1[128], b2[128], b3[128];
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Updates shape must have appropriate dimensions equal to indices and data "
                                        "dimensions. Updates shape:%s, data shape: %s, indices_shape: %s, axis: %lld.",
                                        shape_text(updates, b1, sizeof(b1)), shape_text(data, b2, sizeof(b2)),
                                        shape_text(indices, b3, sizeof(b3)), (long long)axis);
            }
        }
    }
    pinot_node_set_output(node, 0, merged, data);
    return PINOT_STATUS_OK;
}

static pinot_status scatter_update_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                            pinot_tensor_t * const * outputs) {
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * is = pinot_tensor_get_shape(inputs[1]);
    const pinot_shape * us = pinot_tensor_get_shape(inputs[2]);
    int64_t axis = 0;
    pinot_status status = eval_axis(node, inputs[3], ds->rank, &axis);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    bool ok = us->rank == is->rank + ds->rank - 1;
    for (uint32_t i = 0; i < us->rank && ok; i++) {
        int64_t expect = (int64_t)i < axis ? ds->dims[i]
                         : (int64_t)i < axis + is->rank ? is->dims[i - axis]
                                                        : ds->dims[i - is->rank + 1];
        ok = expect == us->dims[i];
    }
    if (!ok) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "updates shape does not match data, indices and axis %lld", (long long)axis);
    }
    status = pinot_tensor_set_shape(outputs[0], ds);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_copy_to(inputs[0], outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t outer = pinot_ref_dims_product(ds, 0, (uint32_t)axis);
    int64_t size = ds->dims[axis];
    int64_t inner = pinot_ref_dims_product(ds, (uint32_t)axis + 1, ds->rank);
    int64_t n_idx = pinot_ref_dims_product(is, 0, is->rank);
    for (int64_t o = 0; o < outer; o++) {
        for (int64_t j = 0; j < n_idx; j++) {
            int64_t idx;
            if (!load_index(inputs[1], (uint64_t)j, size, false, &idx)) {
                return index_error(node, idx, axis, size, false);
            }
            status = copy_elems(outputs[0], (uint64_t)((o * size + idx) * inner), inputs[2],
                                (uint64_t)((o * n_idx + j) * inner), (uint64_t)inner);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t scatter_update_versions[] = {3, 0};

const struct pinot_op_impl pinot_op_impl_scatter_update = {
    .type_name = "ScatterUpdate",
    .versions = scatter_update_versions,
    .attrs = NULL,
    .attrs_size = 0,
    .min_inputs = 4,
    .max_inputs = 4,
    .validate = scatter_update_validate,
    .evaluate = scatter_update_evaluate,
};

/* ---- ScatterElementsUpdate ---- */
// data: [d0..dn], indices = updates: [u0..un] (same rank, u_i <= d_i off the axis) -> data's shape

static const char * const scatter_elements_reductions[] = {"none", "sum", "prod", "min", "max", "mean", NULL};
static const int scatter_elements_red_map[] = {RED_NONE, RED_SUM, RED_PROD, RED_MIN, RED_MAX, RED_MEAN};

struct scatter_elements_attrs {
    int32_t reduction;
    bool use_init_val;
};

static const struct pinot_attr_desc scatter_elements_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct scatter_elements_attrs, reduction, "reduction", scatter_elements_reductions, "none"),
    PINOT_ATTR(struct scatter_elements_attrs, use_init_val, "use_init_val", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR_END,
};

static pinot_status scatter_elements_validate(struct pinot_node * node) {
    const struct scatter_elements_attrs * a = PINOT_ATTRS(node, struct scatter_elements_attrs);
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype idx_type = pinot_node_input_type(node, 1);
    pinot_dtype upd_type = pinot_node_input_type(node, 2);
    pinot_dtype axis_type = pinot_node_input_type(node, 3);
    if (node->version < 12 && (a->reduction != 0 || !a->use_init_val)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "ScatterElementsUpdate-3 has no reduction or use_init_val (use opset12)");
    }
    if (!is_integral_number(idx_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Indices element type must be integral_number, but is: %s", pinot_dtype_name(idx_type));
    }
    if (!is_integral_number(axis_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis element type must be integral_number, but is: %s", pinot_dtype_name(axis_type));
    }
    pinot_dtype merged;
    if (!pinot_dtype_merge(type, upd_type, &merged)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Data type and updates type are required to be the same. Got: %s and: %s",
                                pinot_dtype_name(type), pinot_dtype_name(upd_type));
    }
    int red = scatter_elements_red_map[a->reduction];
    if (red == RED_MEAN && merged == PINOT_DTYPE_BOOLEAN) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The 'mean' reduction type is not supported for boolean tensors");
    }
    if (red != RED_NONE && merged == PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "reduction '%s' is not supported for string tensors",
                                scatter_elements_reductions[a->reduction]);
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * indices = pinot_node_input_shape(node, 1);
    const pinot_partial_shape * updates = pinot_node_input_shape(node, 2);
    const pinot_partial_shape * axis_shape = pinot_node_input_shape(node, 3);
    if (axis_shape->rank > 1 ||
        (axis_shape->rank == 1 && !pinot_dim_compatible(axis_shape->dims[0], pinot_dim_static(1)))) {
        char buf[128];
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Axis input shape are required to be scalar or 1D tensor of 1 element. Got: %s",
                                shape_text(axis_shape, buf, sizeof(buf)));
    }
    if (data->rank >= 0 && indices->rank >= 0 && data->rank != indices->rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Indices rank and data rank are required to be equal. Got: %d and: %d", indices->rank,
                                data->rank);
    }
    if (!pinot_partial_shape_compatible(indices, updates)) {
        char b1[128], b2[128];
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Indices and updates input shapes are required to be equal. Got: %s and: %s",
                                shape_text(indices, b1, sizeof(b1)), shape_text(updates, b2, sizeof(b2)));
    }
    int64_t axis = 0;
    uint32_t n = 0;
    pinot_status status = PINOT_STATUS_OK;
    bool axis_known = pinot_node_input_ints(node, 3, &axis, 1, &n, &status) && n == 1;
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (axis_known && data->rank >= 0) {
        status = norm_axis(node, axis, data->rank, &axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    pinot_node_set_output(node, 0, merged, data);
    return PINOT_STATUS_OK;
}

static pinot_status scatter_elements_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                              pinot_tensor_t * const * outputs) {
    const struct scatter_elements_attrs * a = PINOT_ATTRS(node, struct scatter_elements_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * is = pinot_tensor_get_shape(inputs[1]);
    int64_t axis = 0;
    pinot_status status = eval_axis(node, inputs[3], ds->rank, &axis);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (is->rank != ds->rank || !pinot_shape_equal(is, pinot_tensor_get_shape(inputs[2]))) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "indices and updates must have equal shapes of data's rank");
    }
    for (uint32_t i = 0; i < ds->rank; i++) {
        if ((int64_t)i != axis && is->dims[i] > ds->dims[i]) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "indices dimension %u (%lld) exceeds data's (%lld)", i, (long long)is->dims[i],
                              (long long)ds->dims[i]);
        }
    }
    status = pinot_tensor_set_shape(outputs[0], ds);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_copy_to(inputs[0], outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t count = pinot_tensor_get_size(inputs[1]);
    if (count == 0) {
        return PINOT_STATUS_OK;
    }
    int red = node->version >= 12 ? scatter_elements_red_map[a->reduction] : RED_NONE;
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    bool is_int = pinot_ref_is_int(type);
    uint64_t total = pinot_tensor_get_size(inputs[0]);
    /* Reductions accumulate per target element in double or int64, with a count
     * of updates seen, and store once at the end (mean needs the count). */
    double * acc_f = NULL;
    int64_t * acc_i = NULL;
    int64_t * seen = NULL;
    if (red != RED_NONE) {
        seen = calloc(total, sizeof(*seen));
        if (is_int) {
            acc_i = malloc(total * sizeof(*acc_i));
        } else {
            acc_f = malloc(total * sizeof(*acc_f));
        }
        if (seen == NULL || (acc_i == NULL && acc_f == NULL)) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in ScatterElementsUpdate");
            goto cleanup;
        }
    }
    int64_t dstrides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(ds, dstrides);
    int64_t index[PINOT_MAX_RANK] = {0};
    int64_t size = ds->dims[axis];
    const void * upd = pinot_tensor_get_data(inputs[2]);
    const void * init = pinot_tensor_get_data(inputs[0]);
    bool boolean = type == PINOT_DTYPE_BOOLEAN;
    for (uint64_t k = 0; k < count; k++) {
        int64_t idx;
        if (!load_index(inputs[1], k, size, true, &idx)) {
            status = index_error(node, idx, axis, size, true);
            goto cleanup;
        }
        uint64_t target = 0;
        for (uint32_t d = 0; d < ds->rank; d++) {
            target += (uint64_t)(((int64_t)d == axis ? idx : index[d]) * dstrides[d]);
        }
        if (red == RED_NONE) {
            status = copy_elems(outputs[0], target, inputs[2], k, 1);
            if (status != PINOT_STATUS_OK) {
                goto cleanup;
            }
        } else if (is_int) {
            int64_t v = pinot_ref_load_i64(type, upd, k);
            if (seen[target] == 0) {
                int64_t first = pinot_ref_load_i64(type, init, target);
                acc_i[target] = a->use_init_val ? reduce_i64(red, boolean, first, v) : v;
            } else {
                acc_i[target] = reduce_i64(red, boolean, acc_i[target], v);
            }
            seen[target]++;
        } else {
            double v = pinot_ref_load_f64(type, upd, k);
            if (seen[target] == 0) {
                acc_f[target] = a->use_init_val ? reduce_f64(red, pinot_ref_load_f64(type, init, target), v) : v;
            } else {
                acc_f[target] = reduce_f64(red, acc_f[target], v);
            }
            seen[target]++;
        }
        for (uint32_t d = is->rank; d-- > 0;) {
            if (++index[d] < is->dims[d]) {
                break;
            }
            index[d] = 0;
        }
    }
    if (red != RED_NONE) {
        void * out = pinot_tensor_get_data(outputs[0]);
        for (uint64_t t = 0; t < total; t++) {
            if (seen[t] == 0) {
                continue;
            }
            int64_t n = seen[t] + (a->use_init_val ? 1 : 0);
            if (is_int) {
                /* integer mean truncates toward zero, as OpenVINO's CPU plugin does */
                pinot_ref_store_i64(type, out, t, red == RED_MEAN ? acc_i[t] / n : acc_i[t]);
            } else {
                pinot_ref_store_f64(type, out, t, red == RED_MEAN ? acc_f[t] / (double)n : acc_f[t]);
            }
        }
    }
cleanup:
    free(acc_i);
    free(acc_f);
    free(seen);
    return status;
}

static const uint8_t scatter_elements_versions[] = {3, 12, 0};

const struct pinot_op_impl pinot_op_impl_scatter_elements_update = {
    .type_name = "ScatterElementsUpdate",
    .versions = scatter_elements_versions,
    .attrs = scatter_elements_attr_descs,
    .attrs_size = sizeof(struct scatter_elements_attrs),
    .min_inputs = 4,
    .max_inputs = 4,
    .validate = scatter_elements_validate,
    .evaluate = scatter_elements_evaluate,
};

/* ---- ScatterNDUpdate ---- */
// data: [D...], indices: [J..., K], updates: [J..., D[K:]...] -> data's shape

static const char * const scatter_nd_reductions[] = {"none", "sum", "sub", "prod", "min", "max", NULL};
static const int scatter_nd_red_map[] = {RED_NONE, RED_SUM, RED_SUB, RED_PROD, RED_MIN, RED_MAX};

struct scatter_nd_attrs {
    int32_t reduction;
};

static const struct pinot_attr_desc scatter_nd_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct scatter_nd_attrs, reduction, "reduction", scatter_nd_reductions, "none"),
    PINOT_ATTR_END,
};

static pinot_status scatter_nd_validate(struct pinot_node * node) {
    const struct scatter_nd_attrs * a = PINOT_ATTRS(node, struct scatter_nd_attrs);
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype idx_type = pinot_node_input_type(node, 1);
    pinot_dtype upd_type = pinot_node_input_type(node, 2);
    if (node->version < 15 && a->reduction != 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "ScatterNDUpdate-3 has no reduction (use opset15)");
    }
    if (!is_i32_or_i64(idx_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Indices element type must be i64 or i32 (got %s)",
                                pinot_dtype_name(idx_type));
    }
    pinot_dtype merged;
    if (!pinot_dtype_merge(type, upd_type, &merged)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Updates element type must be the same as inputs (got %s and %s)",
                                pinot_dtype_name(upd_type), pinot_dtype_name(type));
    }
    if (a->reduction != 0 && merged == PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "reduction '%s' is not supported for string tensors",
                                scatter_nd_reductions[a->reduction]);
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * indices = pinot_node_input_shape(node, 1);
    const pinot_partial_shape * updates = pinot_node_input_shape(node, 2);
    if (data->rank == 0 || indices->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Indices rank and inputs_rank are expected to be at least 1 (got %d and %d)",
                                indices->rank, data->rank);
    }
    if (indices->rank > 0 && pinot_dim_is_static(indices->dims[indices->rank - 1]) && data->rank > 0) {
        int64_t k = indices->dims[indices->rank - 1].min;
        if (k > data->rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Last dimension of indices can be at most the rank of inputs (got %lld and %d)",
                                    (long long)k, data->rank);
        }
        if (updates->rank >= 0) {
            if (updates->rank != indices->rank - 1 + data->rank - k) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Rank of updates must be rank of inputs + rank of indices - last dimension of "
                                        "indices - 1 (got %d, expected %lld)",
                                        updates->rank, (long long)(indices->rank - 1 + data->rank - k));
            }
            char b1[128], b2[128], b3[128];
            for (int32_t i = 0; i < indices->rank - 1; i++) {
                if (!pinot_dim_compatible(indices->dims[i], updates->dims[i])) {
                    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                            "updates_shape[0:indices_rank-1] shape must be indices_shape[:-1] (got "
                                            "updates %s, indices %s)",
                                            shape_text(updates, b1, sizeof(b1)), shape_text(indices, b2, sizeof(b2)));
                }
            }
            for (int64_t i = k; i < data->rank; i++) {
                if (!pinot_dim_compatible(data->dims[i], updates->dims[indices->rank - 1 + i - k])) {
                    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                            "updates_shape[indices_rank-1:] shape must be "
                                            "input_shape[indices_shape[-1]:] (got updates %s, data %s, indices %s)",
                                            shape_text(updates, b1, sizeof(b1)), shape_text(data, b2, sizeof(b2)),
                                            shape_text(indices, b3, sizeof(b3)));
                }
            }
        }
    }
    pinot_node_set_output(node, 0, merged, data);
    return PINOT_STATUS_OK;
}

static pinot_status scatter_nd_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                        pinot_tensor_t * const * outputs) {
    const struct scatter_nd_attrs * a = PINOT_ATTRS(node, struct scatter_nd_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * is = pinot_tensor_get_shape(inputs[1]);
    const pinot_shape * us = pinot_tensor_get_shape(inputs[2]);
    int64_t k = is->rank > 0 ? is->dims[is->rank - 1] : -1;
    bool ok = is->rank >= 1 && k <= (int64_t)ds->rank && us->rank == is->rank - 1 + ds->rank - k;
    for (uint32_t i = 0; ok && i < us->rank; i++) {
        ok = us->dims[i] == (i + 1 < is->rank ? is->dims[i] : ds->dims[k + i - (is->rank - 1)]);
    }
    if (!ok) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "updates shape does not match data and indices");
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], ds);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_copy_to(inputs[0], outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int red = node->version >= 15 ? scatter_nd_red_map[a->reduction] : RED_NONE;
    int64_t strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(ds, strides);
    int64_t n_tuples = pinot_ref_dims_product(is, 0, is->rank - 1);
    int64_t slice = pinot_ref_dims_product(ds, (uint32_t)k, ds->rank);
    for (int64_t t = 0; t < n_tuples; t++) {
        int64_t dst = 0;
        for (int64_t j = 0; j < k; j++) {
            int64_t idx;
            if (!load_index(inputs[1], (uint64_t)(t * k + j), ds->dims[j], true, &idx)) {
                return index_error(node, idx, j, ds->dims[j], true);
            }
            dst += idx * strides[j];
        }
        if (red == RED_NONE) {
            status = copy_elems(outputs[0], (uint64_t)dst, inputs[2], (uint64_t)(t * slice), (uint64_t)slice);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        } else {
            for (int64_t e = 0; e < slice; e++) {
                reduce_into(red, outputs[0], (uint64_t)(dst + e), inputs[2], (uint64_t)(t * slice + e));
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t scatter_nd_versions[] = {3, 15, 0};

const struct pinot_op_impl pinot_op_impl_scatter_nd_update = {
    .type_name = "ScatterNDUpdate",
    .versions = scatter_nd_versions,
    .attrs = scatter_nd_attr_descs,
    .attrs_size = sizeof(struct scatter_nd_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = scatter_nd_validate,
    .evaluate = scatter_nd_evaluate,
};

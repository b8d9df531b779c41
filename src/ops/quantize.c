/* FakeQuantize-1: element-wise quantize + dequantize of `data` with four
 * broadcast range inputs. Rounding follows OpenVINO's reference bit for bit:
 * the formula runs step by step in the data type (f32 in float, f64 in
 * double, 16/8-bit floats widened to float, integers in int64 with C
 * division), nearbyint rounds half to even, and levels - 1 is taken as an
 * unsigned size_t, as OpenVINO does (levels 0 therefore means no rounding). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* x: [D...], input_low/high, output_low/high: broadcastable to x -> y: [D...] */

struct fq_attrs {
    int64_t levels;
    int32_t auto_broadcast;
};

static const struct pinot_attr_desc fq_attr_descs[] = {
    PINOT_ATTR(struct fq_attrs, levels, "levels", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR_ENUM_OF(struct fq_attrs, auto_broadcast, "auto_broadcast", pinot_auto_broadcast_values, "numpy"),
    PINOT_ATTR_END,
};

static const char * const range_names[5] = {"data", "input_low", "input_high", "output_low", "output_high"};

/* PDPD broadcasting as OpenVINO's FakeQuantize gets it (axis 0): src's dims
 * line up with dst's leading dims and each is 1 or compatible. */
static bool pdpd_compatible(const pinot_partial_shape * dst, const pinot_partial_shape * src) {
    if (dst->rank < 0 || src->rank < 0) {
        return true;
    }
    if (src->rank > dst->rank) {
        return false;
    }
    for (int32_t i = 0; i < src->rank; i++) {
        pinot_dim d = src->dims[i];
        if (!(pinot_dim_is_static(d) && d.min == 1) && !pinot_dim_compatible(dst->dims[i], d)) {
            return false;
        }
    }
    return true;
}

static pinot_status fq_validate(struct pinot_node * node) {
    const struct fq_attrs * attrs = PINOT_ATTRS(node, struct fq_attrs);
    for (uint32_t i = 0; i < 5; i++) {
        if (pinot_node_input_type(node, i) == PINOT_DTYPE_STRING) {
            /* OpenVINO lets any type through here; strings have no arithmetic. */
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s must be numeric (got string)",
                                    range_names[i]);
        }
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    pinot_partial_shape merged = *data;
    for (uint32_t i = 1; i < 5; i++) {
        const pinot_partial_shape * range = pinot_node_input_shape(node, i);
        bool ok;
        switch (attrs->auto_broadcast) {
        case PINOT_BROADCAST_NONE: ok = pinot_partial_shape_merge_into(&merged, range); break;
        case PINOT_BROADCAST_PDPD: ok = pdpd_compatible(&merged, range); break;
        default: ok = pinot_partial_shape_broadcast_merge(&merged, range, &merged); break;
        }
        if (!ok) {
            char t1[256], t2[256];
            pinot_partial_shape_to_string(data, t1, sizeof(t1));
            pinot_partial_shape_to_string(range, t2, sizeof(t2));
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Argument shapes are inconsistent (got data %s and %s %s with auto_broadcast %s).",
                                    t1, range_names[i], t2, pinot_auto_broadcast_values[attrs->auto_broadcast]);
        }
    }
    /* The output keeps the data shape, even where the ranges would refine it (as OpenVINO). */
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), data);
    return PINOT_STATUS_OK;
}

/* std::min / std::max as C++ defines them, so NaN ranges pick the same side. */
#define CXX_MIN(a, b) ((b) < (a) ? (b) : (a))
#define CXX_MAX(a, b) ((a) < (b) ? (b) : (a))

static float fq_float(float x, float il, float ih, float ol, float oh, float lm1) {
    if (x <= CXX_MIN(il, ih)) {
        return ol;
    }
    if (x > CXX_MAX(il, ih)) {
        return oh;
    }
    float t = (x - il) / (ih - il) * lm1;
    float q = nearbyintf(t) / lm1;
    return q * (oh - ol) + ol;
}

static double fq_double(double x, double il, double ih, double ol, double oh, double lm1) {
    if (x <= CXX_MIN(il, ih)) {
        return ol;
    }
    if (x > CXX_MAX(il, ih)) {
        return oh;
    }
    double t = (x - il) / (ih - il) * lm1;
    double q = nearbyint(t) / lm1;
    return q * (oh - ol) + ol;
}

/* Integer types, as OpenVINO's template over an integer T: the subtraction,
 * division and scaling by levels - 1 are integer operations (truncating),
 * but nearbyint returns a double, so the rest runs in double and the store
 * truncates. levels 1 gives 0/0 there: NaN, stored as 0. Differences are
 * taken unsigned so that wrapping stays defined. */
static double fq_int(int64_t x, int64_t il, int64_t ih, int64_t ol, int64_t oh, int64_t lm1) {
    if (x <= CXX_MIN(il, ih)) {
        return (double)ol;
    }
    if (x > CXX_MAX(il, ih)) {
        return (double)oh;
    }
    int64_t diff = (int64_t)((uint64_t)x - (uint64_t)il);
    int64_t range = (int64_t)((uint64_t)ih - (uint64_t)il); /* never 0 here: il < x <= ih or ih < x <= il */
    int64_t frac = range == -1 ? (int64_t)(0u - (uint64_t)diff) : diff / range;
    int64_t t = (int64_t)((uint64_t)frac * (uint64_t)lm1);
    double q = (double)t / (double)lm1;
    return q * (double)(int64_t)((uint64_t)oh - (uint64_t)ol) + (double)ol;
}

/* The range's shape seen against a data shape of rank @p rank: numpy aligns
 * right (leading dims beyond the data's rank are read at index 0, as
 * OpenVINO's reference does), pdpd aligns left, none must be equal. */
static bool range_view(int32_t mode, const pinot_shape * data, const pinot_shape * range, pinot_shape * view) {
    view->rank = data->rank;
    for (uint32_t i = 0; i < data->rank; i++) {
        int64_t d;
        if (mode == PINOT_BROADCAST_NONE) {
            if (range->rank != data->rank) {
                return false;
            }
            d = range->dims[i];
        } else if (mode == PINOT_BROADCAST_PDPD) {
            if (range->rank > data->rank) {
                return false;
            }
            d = i < range->rank ? range->dims[i] : 1;
        } else {
            int64_t j = (int64_t)range->rank - (int64_t)data->rank + (int64_t)i;
            d = j >= 0 ? range->dims[j] : 1;
        }
        if (d != 1 && d != data->dims[i]) {
            return false;
        }
        view->dims[i] = d;
    }
    if (mode == PINOT_BROADCAST_NONE && data->rank == 0 && range->rank != 0) {
        return false;
    }
    return true;
}

static pinot_status fq_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                pinot_tensor_t * const * outputs) {
    const struct fq_attrs * attrs = PINOT_ATTRS(node, struct fq_attrs);
    const pinot_shape * data = pinot_tensor_get_shape(inputs[0]);
    pinot_shape views[4];
    const pinot_shape * view_ptrs[4];
    for (uint32_t k = 0; k < 4; k++) {
        if (!range_view(attrs->auto_broadcast, data, pinot_tensor_get_shape(inputs[k + 1]), &views[k])) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Argument shapes are inconsistent (%s does not broadcast to the data shape)",
                              range_names[k + 1]);
        }
        view_ptrs[k] = &views[k];
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], data);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    void * y = pinot_tensor_get_data(outputs[0]);
    const void * x = pinot_tensor_get_data(inputs[0]);
    pinot_dtype types[5];
    const void * ptrs[5];
    for (uint32_t k = 0; k < 5; k++) {
        types[k] = pinot_tensor_get_type(inputs[k]);
        ptrs[k] = pinot_tensor_get_data(inputs[k]);
    }
    if (type == PINOT_DTYPE_STRING || type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "no kernel for element type %s", pinot_dtype_name(type));
    }
    uint64_t lm1 = (uint64_t)attrs->levels - 1u; /* size_t arithmetic, as OpenVINO's `levels - 1` */
    bool is_int = pinot_ref_is_int(type);
    struct pinot_ref_bcast it;
    pinot_ref_bcast_init(&it, data, view_ptrs, 4);
    for (uint64_t i = 0; i < it.count; i++, pinot_ref_bcast_next(&it)) {
        if (type == PINOT_DTYPE_F32 && types[1] == type && types[2] == type && types[3] == type &&
            types[4] == type) {
            const float * r[4];
            for (uint32_t k = 0; k < 4; k++) {
                r[k] = (const float *)ptrs[k + 1] + it.offset[k];
            }
            ((float *)y)[i] = fq_float(((const float *)x)[i], *r[0], *r[1], *r[2], *r[3], (float)lm1);
        } else if (type == PINOT_DTYPE_F64) {
            double r[4];
            for (uint32_t k = 0; k < 4; k++) {
                r[k] = pinot_ref_load_f64(types[k + 1], ptrs[k + 1], (uint64_t)it.offset[k]);
            }
            ((double *)y)[i] = fq_double(((const double *)x)[i], r[0], r[1], r[2], r[3], (double)lm1);
        } else if (is_int) {
            int64_t r[4];
            for (uint32_t k = 0; k < 4; k++) {
                r[k] = pinot_ref_load_i64(types[k + 1], ptrs[k + 1], (uint64_t)it.offset[k]);
            }
            double v = fq_int(pinot_ref_load_i64(type, x, i), r[0], r[1], r[2], r[3], (int64_t)lm1);
            pinot_ref_store_f64(type, y, i, v);
        } else {
            /* f32 with other range types, and the narrow floats: computed in float. */
            float r[4];
            for (uint32_t k = 0; k < 4; k++) {
                r[k] = (float)pinot_ref_load_f64(types[k + 1], ptrs[k + 1], (uint64_t)it.offset[k]);
            }
            float v = fq_float((float)pinot_ref_load_f64(type, x, i), r[0], r[1], r[2], r[3], (float)lm1);
            pinot_ref_store_f64(type, y, i, v);
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t fq_versions[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_fake_quantize = {
    .type_name = "FakeQuantize",
    .versions = fq_versions,
    .attrs = fq_attr_descs,
    .attrs_size = sizeof(struct fq_attrs),
    .min_inputs = 5,
    .max_inputs = 5,
    .validate = fq_validate,
    .evaluate = fq_evaluate,
};

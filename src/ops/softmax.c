/* Softmax (versions 1 and 8) and LogSoftmax (version 5) along one axis.
 * Reference kernels in double, numerically stable (the row maximum is
 * subtracted first). Integer inputs, which OpenVINO accepts, are computed in
 * double and rounded to nearest like its CPU plugin. Not here: optimized
 * kernels (src/kernels). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

// x: [.., d_axis, ..] -> y: the same shape and type

struct softmax_attrs {
    int64_t axis;
};

/* Softmax-1's class default axis is 0, Softmax-8's is 1. */
static const struct pinot_attr_desc softmax_attr_descs[] = {
    PINOT_ATTR_VERSIONS(struct softmax_attrs, axis, "axis", PINOT_ATTR_INT, false, "0", 1, 8),
    PINOT_ATTR_VERSIONS(struct softmax_attrs, axis, "axis", PINOT_ATTR_INT, false, "1", 8, 0),
    PINOT_ATTR_END,
};

/* Softmax-8 and LogSoftmax: axis in [-r, r-1], a scalar counting as rank 1.
 * Softmax-1: axis in [0, r-1] (0 for a scalar), read as unsigned as OpenVINO does. */
static pinot_status softmax_validate(struct pinot_node * node) {
    const struct softmax_attrs * a = PINOT_ATTRS(node, struct softmax_attrs);
    pinot_dtype type = pinot_node_input_type(node, 0);
    const pinot_partial_shape * shape = pinot_node_input_shape(node, 0);
    if (type == PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element type of data input must be numeric. Got: %s", pinot_dtype_name(type));
    }
    if (shape->rank >= 0) {
        int64_t rank = shape->rank;
        if (node->op == PINOT_OP_SOFTMAX && node->version == 1) {
            if (a->axis < 0 || (rank == 0 ? a->axis != 0 : a->axis >= rank)) {
                char text[256];
                pinot_partial_shape_to_string(shape, text, sizeof(text));
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Reduction axis (%llu) is out of bounds (argument shape: %s).",
                                        (unsigned long long)a->axis, text);
            }
        } else {
            int64_t r = rank > 0 ? rank : 1;
            if (a->axis < -r || a->axis >= r) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Axis %lld out of the tensor rank range [%lld, %lld]", (long long)a->axis,
                                        (long long)-r, (long long)(r - 1));
            }
        }
    }
    pinot_node_set_output(node, 0, type, shape);
    return PINOT_STATUS_OK;
}

/* e^x for x <= 0 (the row maximum already subtracted), within ~2 ulp: 2^n *
 * e^r with n = round(x / ln 2) and a degree-6 polynomial for e^r on
 * |r| <= ln(2)/2 (Cephes expf). x below -87.3 (including -inf) gives 0, as
 * e^x rounds to 0 in f32 there. The selects are done on the bits (for x <= 0,
 * x >= -87.3 exactly when its bits are <= those of -87.3): a float compare
 * would keep GCC from vectorising the row loop unless traps are ignored. */
static inline float exp_nonpositive_f32(float x) {
    const float limit = -87.3f;
    uint32_t xb, lb;
    memcpy(&xb, &x, sizeof(xb));
    memcpy(&lb, &limit, sizeof(lb));
    const uint32_t keep = 0u - (uint32_t)(xb <= lb);
    const uint32_t cb = (xb & keep) | (lb & ~keep);
    float xc;
    memcpy(&xc, &cb, sizeof(xc));
    const float n = (xc * 1.44269504088896341f + 12582912.0f) - 12582912.0f; /* round to nearest */
    const float r = (xc - n * 0.693359375f) - n * -2.12194440e-4f;             /* ln 2 split in hi + lo */
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const float e = p * r * r + r + 1.0f;
    const uint32_t sb = (uint32_t)((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &sb, sizeof(scale));
    const float v = e * scale;
    uint32_t vb;
    memcpy(&vb, &v, sizeof(vb));
    vb &= keep;
    float out;
    memcpy(&out, &vb, sizeof(out));
    return out;
}

/* Softmax of one contiguous f32 row with a finite maximum: one exp per
 * element, the sum in double. */
static void softmax_row_f32(const float * restrict x, float * restrict y, int64_t dim, float max) {
    for (int64_t j = 0; j < dim; j++) {
        y[j] = exp_nonpositive_f32(x[j] - max);
    }
    double sum = 0.0;
    for (int64_t j = 0; j < dim; j++) {
        sum += y[j];
    }
    const float inv = (float)(1.0 / sum);
    for (int64_t j = 0; j < dim; j++) {
        y[j] *= inv;
    }
}

static pinot_status softmax_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                     pinot_tensor_t * const * outputs) {
    const struct softmax_attrs * a = PINOT_ATTRS(node, struct softmax_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    int64_t r = shape->rank > 0 ? (int64_t)shape->rank : 1;
    if (a->axis < -r || a->axis >= r) {
        char name[256];
        pinot_node_get_friendly_name(node, name, sizeof(name));
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to evaluate %s node '%s': Axis %lld out of the tensor rank range [%lld, %lld]",
                               node->impl->type_name, name, (long long)a->axis, (long long)-r, (long long)(r - 1));
    }
    uint32_t axis = (uint32_t)(a->axis < 0 ? a->axis + r : a->axis);
    pinot_status status = pinot_tensor_set_shape(outputs[0], shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    /* A scalar is a 1-element vector here. */
    int64_t outer = pinot_ref_dims_product(shape, 0, axis);
    int64_t dim = shape->rank > 0 ? shape->dims[axis] : 1;
    int64_t inner = pinot_ref_dims_product(shape, axis + 1, shape->rank);
    bool log_form = node->op == PINOT_OP_LOG_SOFTMAX;
    bool round = !pinot_dtype_get_info(type)->is_real;
    const void * x = pinot_tensor_get_data(inputs[0]);
    void * y = pinot_tensor_get_data(outputs[0]);
    for (int64_t o = 0; o < outer; o++) {
        if (type == PINOT_DTYPE_F32 && !log_form && inner == 1 && dim > 0) {
            /* the fast path: contiguous rows whose maximum is finite (else the reference loop below) */
            const float * xr = (const float *)x + o * dim;
            float max = xr[0];
            bool nan = false;
            for (int64_t j = 0; j < dim; j++) {
                max = xr[j] > max ? xr[j] : max;
                nan |= isnan(xr[j]);
            }
            if (!nan && isfinite(max)) {
                softmax_row_f32(xr, (float *)y + o * dim, dim, max);
                continue;
            }
        }
        for (int64_t i = 0; i < inner; i++) {
            uint64_t base = (uint64_t)(o * dim * inner + i);
            uint64_t step = (uint64_t)inner;
            double max = -INFINITY;
            for (int64_t j = 0; j < dim; j++) {
                double v = pinot_ref_load_f64(type, x, base + (uint64_t)j * step);
                if (v > max || isnan(v)) {
                    max = v;
                }
                if (isnan(max)) {
                    break;
                }
            }
            double sum = 0.0;
            for (int64_t j = 0; j < dim; j++) {
                sum += exp(pinot_ref_load_f64(type, x, base + (uint64_t)j * step) - max);
            }
            double log_sum = log(sum);
            for (int64_t j = 0; j < dim; j++) {
                double shifted = pinot_ref_load_f64(type, x, base + (uint64_t)j * step) - max;
                double v = log_form ? shifted - log_sum : exp(shifted) / sum;
                pinot_ref_store_f64(type, y, base + (uint64_t)j * step, round ? nearbyint(v) : v);
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t softmax_versions[] = {1, 8, 0};
static const uint8_t log_softmax_versions[] = {5, 0};

const struct pinot_op_impl pinot_op_impl_softmax = {
    .type_name = "Softmax",
    .versions = softmax_versions,
    .attrs = softmax_attr_descs,
    .attrs_size = sizeof(struct softmax_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = softmax_validate,
    .evaluate = softmax_evaluate,
};

const struct pinot_op_impl pinot_op_impl_log_softmax = {
    .type_name = "LogSoftmax",
    .versions = log_softmax_versions,
    .attrs = softmax_attr_descs,
    .attrs_size = sizeof(struct softmax_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = softmax_validate,
    .evaluate = softmax_evaluate,
};

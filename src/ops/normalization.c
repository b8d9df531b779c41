/* Normalizations: BatchNormInference (1: inputs gamma, beta, data, mean,
 * variance; 5: data first), MVN (1: axes from across_channels or
 * reduction_axes, OpenVINO's v0 from opset2, here version 2; 6: axes input,
 * eps_mode), NormalizeL2 (1), LRN (1) and
 * GroupNormalization (12). Statistics are computed in double with two passes
 * (mean, then centred squares); integer outputs round to nearest. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* ---- shared helpers ---- */

static const char * shape_text(const pinot_partial_shape * ps, char * buf, size_t size) {
    pinot_partial_shape_to_string(ps, buf, size);
    return buf;
}

static const char * dim_text(pinot_dim d, char * buf, size_t size) {
    pinot_dim_to_string(d, buf, size);
    return buf;
}

static bool is_numeric(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC || (info != NULL && (info->is_real || info->is_integral_number));
}

static bool is_integral_number(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC || (info != NULL && info->is_integral_number);
}

static pinot_status check_numeric(const struct pinot_node * node, pinot_dtype type) {
    if (!is_numeric(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input element type must be numeric. Got: %s",
                                pinot_dtype_name(type));
    }
    return PINOT_STATUS_OK;
}

/* A tensor's elements as a new double array (the caller frees it). */
static double * load_doubles(const pinot_tensor_t * t) {
    uint64_t count = pinot_tensor_get_size(t);
    double * buf = malloc(count > 0 ? count * sizeof(double) : 1);
    if (buf == NULL) {
        return NULL;
    }
    pinot_dtype type = pinot_tensor_get_type(t);
    const void * data = pinot_tensor_get_data(t);
    if (type == PINOT_DTYPE_F32) {
        for (uint64_t i = 0; i < count; i++) {
            buf[i] = ((const float *)data)[i];
        }
    } else if (type == PINOT_DTYPE_F64) {
        memcpy(buf, data, count * sizeof(double));
    } else {
        for (uint64_t i = 0; i < count; i++) {
            buf[i] = pinot_ref_load_f64(type, data, i);
        }
    }
    return buf;
}

/* Store doubles into a tensor of any numeric type (integers round to
 * nearest, as OpenVINO's CPU plugin converts its float results). */
static void store_doubles(pinot_tensor_t * t, const double * buf, uint64_t count) {
    pinot_dtype type = pinot_tensor_get_type(t);
    void * data = pinot_tensor_get_data(t);
    if (type == PINOT_DTYPE_F32) {
        for (uint64_t i = 0; i < count; i++) {
            ((float *)data)[i] = (float)buf[i];
        }
    } else if (type == PINOT_DTYPE_F64) {
        memcpy(data, buf, count * sizeof(double));
    } else {
        bool round = pinot_ref_is_int(type);
        for (uint64_t i = 0; i < count; i++) {
            pinot_ref_store_f64(type, data, i, round ? nearbyint(buf[i]) : buf[i]);
        }
    }
}

static pinot_status out_of_memory(const struct pinot_node * node) {
    return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory evaluating %s", node->impl->type_name);
}

/* Output = input shape; evaluate() starts here. */
static pinot_status same_shape(pinot_tensor_t * out, const pinot_tensor_t * in) {
    return pinot_tensor_set_shape(out, pinot_tensor_get_shape(in));
}

/*
 * An axes input (MVN-6, NormalizeL2, LRN): integral, a scalar or 1D (LRN: 1D
 * only). When constant, its values are normalized against @p rank (if known)
 * into *mask (bit per axis). *known tells whether the mask was computed.
 */
static pinot_status axes_input(const struct pinot_node * node, uint32_t i, int32_t rank, bool allow_scalar,
                               uint64_t * mask, bool * known) {
    char buf[256];
    pinot_dtype type = pinot_node_input_type(node, i);
    *known = false;
    *mask = 0;
    if (!is_integral_number(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Axes input must be integral numbers, but are: %s",
                                pinot_dtype_name(type));
    }
    const pinot_partial_shape * ps = pinot_node_input_shape(node, i);
    if (ps->rank > 1 || (!allow_scalar && ps->rank == 0)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                allow_scalar ? "Input axes must be scalar or have rank equal to 1 (axes rank: %d)."
                                             : "Input axes must have rank equals 1 (axes_rank: %d).",
                                ps->rank);
    }
    if (rank >= 0 && ps->rank == 1 && pinot_dim_is_static(ps->dims[0]) && ps->dims[0].min > rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Number of elements of axes must be >= 0 and <= argument rank (axes shape: %s, data "
                                "rank: %d).",
                                shape_text(ps, buf, sizeof(buf)), rank);
    }
    int64_t values[PINOT_MAX_RANK];
    uint32_t n = 0;
    pinot_status status = PINOT_STATUS_OK;
    const pinot_tensor_t * value = pinot_node_input_value(node, i);
    if (rank < 0 || value == NULL || pinot_tensor_get_size(value) > PINOT_MAX_RANK) {
        return PINOT_STATUS_OK;
    }
    if (!pinot_node_input_ints(node, i, values, PINOT_MAX_RANK, &n, &status)) {
        return status;
    }
    for (uint32_t k = 0; k < n; k++) {
        int64_t a = values[k] < 0 ? values[k] + rank : values[k];
        if (a < 0 || a >= rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Axis %lld out of the tensor rank range [%d, %d].", (long long)values[k], -rank,
                                    rank - 1);
        }
        *mask |= (uint64_t)1 << a;
    }
    *known = true;
    return PINOT_STATUS_OK;
}

/* The axes tensor's values at run time as a mask over @p rank axes. */
static pinot_status eval_axes(const struct pinot_node * node, const pinot_tensor_t * t, uint32_t rank,
                              uint64_t * mask) {
    uint64_t count = pinot_tensor_get_size(t);
    *mask = 0;
    for (uint64_t k = 0; k < count; k++) {
        int64_t v = pinot_ref_load_i64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), k);
        int64_t a = v < 0 ? v + (int64_t)rank : v;
        if (a < 0 || a >= (int64_t)rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Axis %lld out of the tensor rank range [%d, %d].", (long long)v, -(int)rank,
                                    (int)rank - 1);
        }
        *mask |= (uint64_t)1 << a;
    }
    return PINOT_STATUS_OK;
}

/*
 * Group statistics over the axes in @p mask: for each element i, group[i] is
 * the index of its slice (its multi-index with the reduced axes dropped).
 * Returns the number of groups; *group_size is the count reduced per group.
 */
static uint64_t reduction_groups(const pinot_shape * shape, uint64_t mask, uint64_t * group, uint64_t * group_size) {
    int64_t kept_stride[PINOT_MAX_RANK];
    uint64_t groups = 1, size = 1;
    for (uint32_t a = shape->rank; a-- > 0;) {
        if (mask & ((uint64_t)1 << a)) {
            kept_stride[a] = 0;
            size *= (uint64_t)shape->dims[a];
        } else {
            kept_stride[a] = (int64_t)groups;
            groups *= (uint64_t)shape->dims[a];
        }
    }
    uint64_t count;
    (void)pinot_shape_numel(shape, &count);
    int64_t index[PINOT_MAX_RANK] = {0};
    uint64_t g = 0;
    for (uint64_t i = 0; i < count; i++) {
        group[i] = g;
        for (uint32_t a = shape->rank; a-- > 0;) {
            g += (uint64_t)kept_stride[a];
            if (++index[a] < shape->dims[a]) {
                break;
            }
            g -= (uint64_t)(kept_stride[a] * shape->dims[a]);
            index[a] = 0;
        }
    }
    *group_size = size;
    return groups;
}

/* ---- BatchNormInference ---- */
// data: [N, C, ...], gamma/beta/mean/variance: [C] -> [N, C, ...]

struct batch_norm_attrs {
    double epsilon;
};

static const struct pinot_attr_desc batch_norm_attr_descs[] = {
    PINOT_ATTR(struct batch_norm_attrs, epsilon, "epsilon", PINOT_ATTR_FLOAT, true, NULL),
    PINOT_ATTR_END,
};

/* Input positions: version 1 takes (gamma, beta, data, mean, variance). */
enum { BN_DATA, BN_GAMMA, BN_BETA, BN_MEAN, BN_VARIANCE };

static uint32_t bn_input(const struct pinot_node * node, int which) {
    static const uint32_t v1[] = {2, 0, 1, 3, 4};
    return node->version == 1 ? v1[which] : (uint32_t)which;
}

static pinot_status batch_norm_validate(struct pinot_node * node) {
    const struct batch_norm_attrs * a = PINOT_ATTRS(node, struct batch_norm_attrs);
    char b1[256], b2[256];
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    for (int k = BN_DATA; k <= BN_VARIANCE; k++) {
        if (!pinot_dtype_merge(type, pinot_node_input_type(node, bn_input(node, k)), &type)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input element types do not match.");
        }
    }
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    if (type != PINOT_DTYPE_DYNAMIC && !(info != NULL && info->is_real)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Input element types must be floating-point. Got: %s", pinot_dtype_name(type));
    }
    if (a->epsilon < 0 || isnan(a->epsilon)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Attribute 'epsilon' must be non negative value. Got: %g", a->epsilon);
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, bn_input(node, BN_DATA));
    if (data->rank >= 0 && data->rank < 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Input argument must have rank of at least 2 (input argument shape: %s).",
                                shape_text(data, b1, sizeof(b1)));
    }
    pinot_partial_shape channels;
    pinot_partial_shape_dynamic(&channels, 1);
    for (int k = BN_GAMMA; k <= BN_VARIANCE; k++) {
        if (!pinot_partial_shape_merge_into(&channels, pinot_node_input_shape(node, bn_input(node, k)))) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Shapes for gamma/beta/mean/variance do not match.");
        }
    }
    pinot_partial_shape out = *data;
    if (data->rank >= 0 && !pinot_dim_merge(data->dims[1], channels.dims[0], &out.dims[1])) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Input channel dimension (%s) does not match shape for gamma/beta/mean/variance (%s).",
                                dim_text(data->dims[1], b1, sizeof(b1)), shape_text(&channels, b2, sizeof(b2)));
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

static pinot_status batch_norm_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                        pinot_tensor_t * const * outputs) {
    const double eps = PINOT_ATTRS(node, struct batch_norm_attrs)->epsilon;
    const pinot_tensor_t * data = inputs[bn_input(node, BN_DATA)];
    const pinot_shape * shape = pinot_tensor_get_shape(data);
    if (shape->rank < 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Input argument must have rank of at least 2 (got rank %u).", shape->rank);
    }
    const int64_t channels = shape->dims[1];
    for (int k = BN_GAMMA; k <= BN_VARIANCE; k++) {
        const pinot_shape * ps = pinot_tensor_get_shape(inputs[bn_input(node, k)]);
        if (ps->rank != 1 || ps->dims[0] != channels) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Input channel dimension (%lld) does not match shape for gamma/beta/mean/variance",
                                    (long long)channels);
        }
    }
    pinot_status status = same_shape(outputs[0], data);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const uint64_t count = pinot_tensor_get_size(data);
    const int64_t inner = pinot_ref_dims_product(shape, 2, shape->rank);
    double * x = load_doubles(data);
    double * params[4] = {NULL, NULL, NULL, NULL};
    for (int k = 0; k < 4 && x != NULL; k++) {
        params[k] = load_doubles(inputs[bn_input(node, BN_GAMMA + k)]);
        if (params[k] == NULL) {
            status = out_of_memory(node);
        }
    }
    if (x == NULL) {
        status = out_of_memory(node);
    }
    if (status == PINOT_STATUS_OK) {
        const double *gamma = params[0], *beta = params[1], *mean = params[2], *var = params[3];
        uint64_t i = 0;
        while (i < count) {
            for (int64_t c = 0; c < channels; c++) {
                const double scale = gamma[c] / sqrt(var[c] + eps);
                for (int64_t j = 0; j < inner; j++, i++) {
                    x[i] = (x[i] - mean[c]) * scale + beta[c];
                }
            }
        }
        store_doubles(outputs[0], x, count);
    }
    for (int k = 0; k < 4; k++) {
        free(params[k]);
    }
    free(x);
    return status;
}

/* ---- MVN ---- */
// data: [...] (+ axes: [K] in version 6) -> [...]

static const char * const eps_mode_values[] = {"inside_sqrt", "outside_sqrt", NULL};
enum { EPS_INSIDE_SQRT = 0, EPS_OUTSIDE_SQRT };

struct mvn_attrs {
    double eps;
    bool across_channels; /* version 1 */
    bool normalize_variance;
    pinot_ints reduction_axes; /* version 1: empty means "from across_channels" */
    int32_t eps_mode;          /* version 6 */
};

/* Order as OpenVINO's visit_attributes: v0 eps, across_channels,
 * normalize_variance, reduction_axes; v6 eps, normalize_variance, eps_mode. */
static const struct pinot_attr_desc mvn_attr_descs[] = {
    PINOT_ATTR(struct mvn_attrs, eps, "eps", PINOT_ATTR_FLOAT, false, "1e-9"),
    PINOT_ATTR_VERSIONS(struct mvn_attrs, across_channels, "across_channels", PINOT_ATTR_BOOL, false, "false", 0, 6),
    PINOT_ATTR(struct mvn_attrs, normalize_variance, "normalize_variance", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR_VERSIONS(struct mvn_attrs, reduction_axes, "reduction_axes", PINOT_ATTR_INTS, false, NULL, 0, 6),
    {"eps_mode", PINOT_ATTR_ENUM, (uint32_t)offsetof(struct mvn_attrs, eps_mode), false, "inside_sqrt", eps_mode_values,
     6, 0},
    PINOT_ATTR_END,
};

/* MVN-1's axes: reduction_axes when given, else 1.. (across channels) or 2.. */
static pinot_status mvn1_mask(const struct pinot_node * node, const struct mvn_attrs * a, int32_t rank,
                              uint64_t * mask) {
    *mask = 0;
    if (a->reduction_axes.n == 0) {
        for (int32_t i = a->across_channels ? 1 : 2; i < rank; i++) {
            *mask |= (uint64_t)1 << i;
        }
        return PINOT_STATUS_OK;
    }
    for (uint32_t k = 0; k < a->reduction_axes.n; k++) {
        int64_t v = a->reduction_axes.v[k];
        if (v < 0 || v >= rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Reduction axis (%lld) is out of bounds (data rank: %d)", (long long)v, rank);
        }
        *mask |= (uint64_t)1 << v;
    }
    return PINOT_STATUS_OK;
}

static pinot_status mvn_validate(struct pinot_node * node) {
    struct mvn_attrs * a = (struct mvn_attrs *)node->attrs;
    pinot_dtype type = pinot_node_input_type(node, 0);
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    pinot_status status = check_numeric(node, type);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const bool v1 = node->version < 6;
    const uint32_t want_inputs = v1 ? 1 : 2;
    if (node->n_inputs != want_inputs) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "MVN-%u takes %u input(s) (got %u)", v1 ? 1 : 6,
                                want_inputs, node->n_inputs);
    }
    if (v1) {
        if (data->rank >= 0) {
            uint64_t mask;
            if ((status = mvn1_mask(node, a, data->rank, &mask)) != PINOT_STATUS_OK) {
                return status;
            }
            if (a->reduction_axes.n == 0) { /* show the axes, as OpenVINO does */
                for (int32_t i = 0; i < data->rank; i++) {
                    if (mask & ((uint64_t)1 << i)) {
                        a->reduction_axes.v[a->reduction_axes.n++] = i;
                    }
                }
            }
        }
    } else {
        const pinot_partial_shape * axes = pinot_node_input_shape(node, 1);
        char buf[256];
        if (axes->rank >= 0 && axes->rank != 1) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Expected 1D tensor for the 'axes' input. Got: %s",
                                    shape_text(axes, buf, sizeof(buf)));
        }
        if (data->rank >= 0 && axes->rank == 1 && pinot_dim_is_static(axes->dims[0]) &&
            axes->dims[0].min > data->rank) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Expected rank for the 'data' input to be higher than axes shape. Got: %s",
                                    shape_text(data, buf, sizeof(buf)));
        }
        uint64_t mask;
        bool known;
        if ((status = axes_input(node, 1, data->rank, true, &mask, &known)) != PINOT_STATUS_OK) {
            return status;
        }
    }
    pinot_node_set_output(node, 0, type, data);
    return PINOT_STATUS_OK;
}

/* MVN over the last axis of f32 data: per row, the mean and variance in
 * double from the floats, then y = (x - mean) / sd in one pass. */
static void mvn_rows_f32(const float * restrict x, float * restrict y, int64_t rows, int64_t dim, bool variance,
                         bool outside, double eps) {
    for (int64_t r = 0; r < rows; r++) {
        const float * xr = x + r * dim;
        float * yr = y + r * dim;
        double sum = 0.0;
        for (int64_t j = 0; j < dim; j++) {
            sum += xr[j];
        }
        const double mean = sum / (double)dim;
        double sq = 0.0;
        for (int64_t j = 0; j < dim; j++) {
            const double d = xr[j] - mean;
            sq += d * d;
        }
        double scale = 1.0;
        if (variance) {
            const double v = sq / (double)dim;
            scale = 1.0 / (outside ? sqrt(v) + eps : sqrt(v + eps));
        }
        for (int64_t j = 0; j < dim; j++) {
            yr[j] = (float)((xr[j] - mean) * scale);
        }
    }
}

static pinot_status mvn_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t * const * outputs) {
    const struct mvn_attrs * a = PINOT_ATTRS(node, struct mvn_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    uint64_t mask;
    pinot_status status = node->version < 6 ? mvn1_mask(node, a, (int32_t)shape->rank, &mask)
                                            : eval_axes(node, inputs[1], shape->rank, &mask);
    if (status != PINOT_STATUS_OK || (status = same_shape(outputs[0], inputs[0])) != PINOT_STATUS_OK) {
        return status;
    }
    const uint64_t count = pinot_tensor_get_size(inputs[0]);
    const bool outside = node->version >= 6 && a->eps_mode == EPS_OUTSIDE_SQRT;
    if (pinot_tensor_get_type(inputs[0]) == PINOT_DTYPE_F32 && shape->rank > 0 &&
        mask == (uint64_t)1 << (shape->rank - 1) && shape->dims[shape->rank - 1] > 0) {
        /* the layer-norm case: contiguous f32 rows, statistics in double (as the general path) */
        const int64_t dim = shape->dims[shape->rank - 1];
        mvn_rows_f32(pinot_tensor_get_data(inputs[0]), pinot_tensor_get_data(outputs[0]), (int64_t)count / dim, dim,
                     a->normalize_variance, outside, a->eps);
        return PINOT_STATUS_OK;
    }
    double * x = load_doubles(inputs[0]);
    uint64_t * group = malloc((count > 0 ? count : 1) * sizeof(uint64_t));
    double * mean = NULL;
    double * var = NULL;
    if (x == NULL || group == NULL) {
        status = out_of_memory(node);
        goto cleanup;
    }
    uint64_t size;
    uint64_t groups = reduction_groups(shape, mask, group, &size);
    mean = calloc(groups > 0 ? groups : 1, sizeof(double));
    var = calloc(groups > 0 ? groups : 1, sizeof(double));
    if (mean == NULL || var == NULL) {
        status = out_of_memory(node);
        goto cleanup;
    }
    for (uint64_t i = 0; i < count; i++) {
        mean[group[i]] += x[i];
    }
    for (uint64_t g = 0; g < groups; g++) {
        mean[g] /= (double)size;
    }
    for (uint64_t i = 0; i < count; i++) {
        x[i] -= mean[group[i]];
        var[group[i]] += x[i] * x[i];
    }
    if (a->normalize_variance) {
        for (uint64_t g = 0; g < groups; g++) {
            double v = var[g] / (double)size;
            var[g] = outside ? sqrt(v) + a->eps : sqrt(v + a->eps);
        }
        for (uint64_t i = 0; i < count; i++) {
            x[i] /= var[group[i]];
        }
    }
    store_doubles(outputs[0], x, count);
cleanup:
    free(var);
    free(mean);
    free(group);
    free(x);
    return status;
}

/* ---- NormalizeL2 ---- */
// data: [...], axes: [K] or scalar -> [...]; y = x / sqrt(sum(x^2) + eps) or x / sqrt(max(sum(x^2), eps))

static const char * const l2_eps_mode_values[] = {"add", "max", NULL};
enum { L2_EPS_ADD = 0, L2_EPS_MAX };

struct normalize_l2_attrs {
    double eps;
    int32_t eps_mode;
};

static const struct pinot_attr_desc normalize_l2_attr_descs[] = {
    PINOT_ATTR(struct normalize_l2_attrs, eps, "eps", PINOT_ATTR_FLOAT, true, NULL),
    PINOT_ATTR_ENUM_OF(struct normalize_l2_attrs, eps_mode, "eps_mode", l2_eps_mode_values, "add"),
    PINOT_ATTR_END,
};

static pinot_status normalize_l2_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    pinot_status status = check_numeric(node, type);
    uint64_t mask;
    bool known;
    if (status != PINOT_STATUS_OK ||
        (status = axes_input(node, 1, data->rank, true, &mask, &known)) != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, data);
    return PINOT_STATUS_OK;
}

static pinot_status normalize_l2_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                          pinot_tensor_t * const * outputs) {
    const struct normalize_l2_attrs * a = PINOT_ATTRS(node, struct normalize_l2_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    uint64_t mask;
    pinot_status status = eval_axes(node, inputs[1], shape->rank, &mask);
    if (status != PINOT_STATUS_OK || (status = same_shape(outputs[0], inputs[0])) != PINOT_STATUS_OK) {
        return status;
    }
    const uint64_t count = pinot_tensor_get_size(inputs[0]);
    double * x = load_doubles(inputs[0]);
    uint64_t * group = malloc((count > 0 ? count : 1) * sizeof(uint64_t));
    double * norm = NULL;
    if (x == NULL || group == NULL) {
        status = out_of_memory(node);
        goto cleanup;
    }
    uint64_t size;
    uint64_t groups = reduction_groups(shape, mask, group, &size);
    norm = calloc(groups > 0 ? groups : 1, sizeof(double));
    if (norm == NULL) {
        status = out_of_memory(node);
        goto cleanup;
    }
    for (uint64_t i = 0; i < count; i++) {
        norm[group[i]] += x[i] * x[i];
    }
    for (uint64_t g = 0; g < groups; g++) {
        norm[g] = a->eps_mode == L2_EPS_MAX ? sqrt(fmax(norm[g], a->eps)) : sqrt(norm[g] + a->eps);
    }
    for (uint64_t i = 0; i < count; i++) {
        x[i] /= norm[group[i]];
    }
    store_doubles(outputs[0], x, count);
cleanup:
    free(norm);
    free(group);
    free(x);
    return status;
}

/* ---- LRN ---- */
// data: [...], axes: [K] -> [...]; y = x / (bias + alpha / size^K * sum of x^2 over the window)^beta

struct lrn_attrs {
    double alpha;
    double beta;
    double bias;
    int64_t size;
};

static const struct pinot_attr_desc lrn_attr_descs[] = {
    PINOT_ATTR(struct lrn_attrs, alpha, "alpha", PINOT_ATTR_FLOAT, false, "1"),
    PINOT_ATTR(struct lrn_attrs, beta, "beta", PINOT_ATTR_FLOAT, false, "0.5"),
    PINOT_ATTR(struct lrn_attrs, bias, "bias", PINOT_ATTR_FLOAT, false, "1"),
    PINOT_ATTR(struct lrn_attrs, size, "size", PINOT_ATTR_INT, false, "5"),
    PINOT_ATTR_END,
};

static pinot_status lrn_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    pinot_status status = check_numeric(node, type);
    uint64_t mask;
    bool known;
    if (status != PINOT_STATUS_OK ||
        (status = axes_input(node, 1, data->rank, false, &mask, &known)) != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, data);
    return PINOT_STATUS_OK;
}

static pinot_status lrn_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t * const * outputs) {
    const struct lrn_attrs * a = PINOT_ATTRS(node, struct lrn_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    uint64_t mask;
    pinot_status status = eval_axes(node, inputs[1], shape->rank, &mask);
    if (status != PINOT_STATUS_OK || (status = same_shape(outputs[0], inputs[0])) != PINOT_STATUS_OK) {
        return status;
    }
    const uint64_t count = pinot_tensor_get_size(inputs[0]);
    const uint32_t rank = shape->rank;
    int n_axes = 0;
    for (uint32_t d = 0; d < rank; d++) {
        n_axes += (mask >> d) & 1;
    }
    /* The window is symmetric: (size - 1) / 2 on each side (so an even size
     * covers size - 1 elements), as OpenVINO's reference and CPU plugin do. */
    const int64_t half = a->size >= 1 ? (a->size - 1) / 2 : 0;
    const double scale = a->alpha / pow((double)a->size, n_axes);
    double * x = load_doubles(inputs[0]);
    double * y = malloc((count > 0 ? count : 1) * sizeof(double));
    if (x == NULL || y == NULL) {
        status = out_of_memory(node);
        goto cleanup;
    }
    int64_t strides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(shape, strides);
    int64_t index[PINOT_MAX_RANK] = {0};
    for (uint64_t i = 0; i < count; i++) {
        /* Window box [lo, hi) per axis (the element itself on other axes). */
        int64_t lo[PINOT_MAX_RANK], hi[PINOT_MAX_RANK], at[PINOT_MAX_RANK];
        bool empty = false;
        int64_t base = 0;
        for (uint32_t d = 0; d < rank; d++) {
            if (mask & ((uint64_t)1 << d)) {
                lo[d] = index[d] - half > 0 ? index[d] - half : 0;
                hi[d] = index[d] + half + 1 < shape->dims[d] ? index[d] + half + 1 : shape->dims[d];
            } else {
                lo[d] = index[d];
                hi[d] = index[d] + 1;
            }
            empty = empty || hi[d] <= lo[d];
            at[d] = lo[d];
            base += lo[d] * strides[d];
        }
        double sum = 0;
        if (!empty) {
            /* Odometer over the box; `pos` follows `at`. */
            int64_t pos = base;
            for (;;) {
                sum += x[pos] * x[pos];
                uint32_t d = rank;
                while (d-- > 0) {
                    pos += strides[d];
                    if (++at[d] < hi[d]) {
                        break;
                    }
                    pos -= (hi[d] - lo[d]) * strides[d];
                    at[d] = lo[d];
                }
                if (d == UINT32_MAX) {
                    break;
                }
            }
        }
        y[i] = x[i] / pow(a->bias + scale * sum, a->beta);
        for (uint32_t d = rank; d-- > 0;) {
            if (++index[d] < shape->dims[d]) {
                break;
            }
            index[d] = 0;
        }
    }
    store_doubles(outputs[0], y, count);
cleanup:
    free(y);
    free(x);
    return status;
}

/* ---- GroupNormalization ---- */
// data: [N, C, ...], scale: [C], bias: [C] -> [N, C, ...], statistics per (n, group of C / num_groups channels)

struct group_norm_attrs {
    int64_t num_groups;
    double epsilon;
};

static const struct pinot_attr_desc group_norm_attr_descs[] = {
    PINOT_ATTR(struct group_norm_attrs, num_groups, "num_groups", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct group_norm_attrs, epsilon, "epsilon", PINOT_ATTR_FLOAT, true, NULL),
    PINOT_ATTR_END,
};

static pinot_status group_norm_validate(struct pinot_node * node) {
    const struct group_norm_attrs * a = PINOT_ATTRS(node, struct group_norm_attrs);
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_status status = check_numeric(node, type);
    if (status != PINOT_STATUS_OK ||
        (status = check_numeric(node, pinot_node_input_type(node, 1))) != PINOT_STATUS_OK ||
        (status = check_numeric(node, pinot_node_input_type(node, 2))) != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * scale = pinot_node_input_shape(node, 1);
    const pinot_partial_shape * bias = pinot_node_input_shape(node, 2);
    if (a->num_groups <= 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The number of groups needs to be a positive integer value (got %lld)",
                                (long long)a->num_groups);
    }
    if (data->rank >= 0 && data->rank < 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "The input tensor is required to be at least 2D");
    }
    if (scale->rank >= 0 && scale->rank != 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "The scale input is required to be 1D");
    }
    if (bias->rank >= 0 && bias->rank != 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "The bias input is required to be 1D");
    }
    if (data->rank >= 0) {
        pinot_dim channels = data->dims[1];
        if (scale->rank == 1 && !pinot_dim_compatible(channels, scale->dims[0])) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The scale input shape needs to match the channel dimension in the data input");
        }
        if (bias->rank == 1 && !pinot_dim_compatible(channels, bias->dims[0])) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The bias input shape needs to match the channel dimension in the data input");
        }
        if (pinot_dim_is_static(channels) && a->num_groups > channels.min) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The number of groups must not exceed the number of channels in the input tensor "
                                    "(got %lld groups, %lld channels)",
                                    (long long)a->num_groups, (long long)channels.min);
        }
        if (pinot_dim_is_static(channels) && channels.min % a->num_groups != 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The number of channels is required to be evenly divisible by the number of groups "
                                    "(got %lld groups, %lld channels)",
                                    (long long)a->num_groups, (long long)channels.min);
        }
    }
    pinot_node_set_output(node, 0, type, data);
    return PINOT_STATUS_OK;
}

static pinot_status group_norm_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                        pinot_tensor_t * const * outputs) {
    const struct group_norm_attrs * a = PINOT_ATTRS(node, struct group_norm_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    if (shape->rank < 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "The input tensor is required to be at least 2D");
    }
    const int64_t channels = shape->dims[1];
    const int64_t groups = a->num_groups;
    if (channels < groups || channels % groups != 0 || pinot_tensor_get_size(inputs[1]) != (uint64_t)channels ||
        pinot_tensor_get_size(inputs[2]) != (uint64_t)channels) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The channel dimension (%lld) must match scale and bias and be divisible by the %lld "
                                "groups",
                                (long long)channels, (long long)groups);
    }
    pinot_status status = same_shape(outputs[0], inputs[0]);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const uint64_t count = pinot_tensor_get_size(inputs[0]);
    const int64_t inner = pinot_ref_dims_product(shape, 2, shape->rank);
    const int64_t per_group = channels / groups;
    const int64_t block = per_group * inner;
    double * x = load_doubles(inputs[0]);
    double * scale = load_doubles(inputs[1]);
    double * bias = load_doubles(inputs[2]);
    if (x == NULL || scale == NULL || bias == NULL) {
        status = out_of_memory(node);
        goto cleanup;
    }
    for (int64_t n = 0; n < shape->dims[0]; n++) {
        for (int64_t g = 0; g < groups; g++) {
            double * xs = x + (n * groups + g) * block;
            double mean = 0, var = 0;
            for (int64_t i = 0; i < block; i++) {
                mean += xs[i];
            }
            mean /= (double)(block > 0 ? block : 1);
            for (int64_t i = 0; i < block; i++) {
                xs[i] -= mean;
                var += xs[i] * xs[i];
            }
            const double inv = 1.0 / sqrt(var / (double)(block > 0 ? block : 1) + a->epsilon);
            for (int64_t c = 0; c < per_group; c++) {
                const int64_t ch = g * per_group + c;
                double * row = xs + c * inner;
                for (int64_t j = 0; j < inner; j++) {
                    row[j] = row[j] * inv * scale[ch] + bias[ch];
                }
            }
        }
    }
    store_doubles(outputs[0], x, count);
cleanup:
    free(bias);
    free(scale);
    free(x);
    return status;
}

/* ---- the ops ---- */

static const uint8_t batch_norm_versions[] = {1, 5, 0};
/* MVN-1 is OpenVINO's op::v0::MVN, which first appears in opset2. */
static const uint8_t mvn_versions[] = {2, 6, 0};
static const uint8_t version_1[] = {1, 0};
static const uint8_t version_12[] = {12, 0};

const struct pinot_op_impl pinot_op_impl_batch_norm_inference = {
    .type_name = "BatchNormInference",
    .versions = batch_norm_versions,
    .attrs = batch_norm_attr_descs,
    .attrs_size = sizeof(struct batch_norm_attrs),
    .min_inputs = 5,
    .max_inputs = 5,
    .validate = batch_norm_validate,
    .evaluate = batch_norm_evaluate,
};

const struct pinot_op_impl pinot_op_impl_mvn = {
    .type_name = "MVN",
    .versions = mvn_versions,
    .attrs = mvn_attr_descs,
    .attrs_size = sizeof(struct mvn_attrs),
    .min_inputs = 1,
    .max_inputs = 2,
    .validate = mvn_validate,
    .evaluate = mvn_evaluate,
};

const struct pinot_op_impl pinot_op_impl_normalize_l2 = {
    .type_name = "NormalizeL2",
    .versions = version_1,
    .attrs = normalize_l2_attr_descs,
    .attrs_size = sizeof(struct normalize_l2_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = normalize_l2_validate,
    .evaluate = normalize_l2_evaluate,
};

const struct pinot_op_impl pinot_op_impl_lrn = {
    .type_name = "LRN",
    .versions = version_1,
    .attrs = lrn_attr_descs,
    .attrs_size = sizeof(struct lrn_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = lrn_validate,
    .evaluate = lrn_evaluate,
};

const struct pinot_op_impl pinot_op_impl_group_normalization = {
    .type_name = "GroupNormalization",
    .versions = version_12,
    .attrs = group_norm_attr_descs,
    .attrs_size = sizeof(struct group_norm_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = group_norm_validate,
    .evaluate = group_norm_evaluate,
};

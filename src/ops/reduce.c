/* Reductions: ReduceSum/Mean/Max/Min/Prod/L1/L2 and ReduceLogicalAnd/Or over
 * an axes input, CumSum, and TopK (versions 1, 3 and 11). Reference kernels:
 * floating types accumulate in double, integer types in 64 bits with
 * wrap-around (as OpenVINO's reference does in the element type). Not here:
 * ArgMax-like ops, segment reductions, optimized kernels (src/kernels). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* Longest constant axes list read at validation (duplicates are allowed). */
#define MAX_AXES 256

/* ---- shared helpers ---- */

static pinot_status eval_error(const struct pinot_node * node, pinot_status status, const char * fmt, ...)
    PINOT_PRINTF(3, 4);

/* Errors found while evaluating (values only known at run time). */
static pinot_status eval_error(const struct pinot_node * node, pinot_status status, const char * fmt, ...) {
    char name[256], message[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    pinot_node_get_friendly_name(node, name, sizeof(name));
    return pinot_set_error(status, "failed to evaluate %s node '%s': %s", node->impl->type_name, name, message);
}

/* OpenVINO's axis range for a rank: [-r, r-1], a scalar counting as rank 1. */
static bool axis_in_range(int64_t axis, int64_t rank, int64_t * out) {
    int64_t r = rank > 0 ? rank : 1;
    if (axis < -r || axis >= r) {
        return false;
    }
    *out = axis < 0 ? axis + r : axis;
    return true;
}

static pinot_status axis_error(const struct pinot_node * node, bool at_run_time, int64_t axis, int64_t rank) {
    int64_t r = rank > 0 ? rank : 1;
    const char * fmt = "Axis %lld out of the tensor rank range [%lld, %lld]";
    if (at_run_time) {
        return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, fmt, (long long)axis, (long long)-r,
                          (long long)(r - 1));
    }
    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, fmt, (long long)axis, (long long)-r,
                            (long long)(r - 1));
}

static bool is_number_type(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return info != NULL && type != PINOT_DTYPE_STRING && (info->is_real || info->is_integral_number);
}

static const char * shape_text(const pinot_partial_shape * shape, char * buf, size_t size) {
    pinot_partial_shape_to_string(shape, buf, size);
    return buf;
}

/* Smallest and largest finite values of an integer type, as int64 bit patterns
 * (u64's maximum is all ones). */
static void int_type_range(pinot_dtype type, int64_t * lo, int64_t * hi) {
    switch (type) {
    case PINOT_DTYPE_I2: *lo = -2; *hi = 1; return;
    case PINOT_DTYPE_I4: *lo = -8; *hi = 7; return;
    case PINOT_DTYPE_I8: *lo = INT8_MIN; *hi = INT8_MAX; return;
    case PINOT_DTYPE_I16: *lo = INT16_MIN; *hi = INT16_MAX; return;
    case PINOT_DTYPE_I32: *lo = INT32_MIN; *hi = INT32_MAX; return;
    case PINOT_DTYPE_I64: *lo = INT64_MIN; *hi = INT64_MAX; return;
    case PINOT_DTYPE_U1: *lo = 0; *hi = 1; return;
    case PINOT_DTYPE_U2: *lo = 0; *hi = 3; return;
    case PINOT_DTYPE_U3: *lo = 0; *hi = 7; return;
    case PINOT_DTYPE_U4: *lo = 0; *hi = 15; return;
    case PINOT_DTYPE_U6: *lo = 0; *hi = 63; return;
    case PINOT_DTYPE_U8: *lo = 0; *hi = UINT8_MAX; return;
    case PINOT_DTYPE_U16: *lo = 0; *hi = UINT16_MAX; return;
    case PINOT_DTYPE_U32: *lo = 0; *hi = UINT32_MAX; return;
    case PINOT_DTYPE_U64: *lo = 0; *hi = -1; return;
    default: *lo = 0; *hi = 0; return;
    }
}

/* The largest value OpenVINO uses for the max and min of an empty reduction
 * (numeric_limits max()): f32's for the 16-bit types too, as its CPU plugin
 * computes them in f32 (stored, it overflows to infinity). */
static double real_type_max(pinot_dtype type) {
    return type == PINOT_DTYPE_F64 ? 1.7976931348623157e308 : 3.4028234663852886e38;
}

/* A row-major walk over a subset of a tensor's axes: `offset` is the element
 * offset of the current multi-index. */
struct walk {
    uint32_t n;
    int64_t dims[PINOT_MAX_RANK];
    int64_t strides[PINOT_MAX_RANK];
    int64_t index[PINOT_MAX_RANK];
    int64_t offset;
};

/* Advance; false after the last position (the walk is then back at the start). */
static bool walk_next(struct walk * w) {
    for (uint32_t k = w->n; k-- > 0;) {
        w->offset += w->strides[k];
        if (++w->index[k] < w->dims[k]) {
            return true;
        }
        w->offset -= w->strides[k] * w->dims[k];
        w->index[k] = 0;
    }
    return false;
}

/* ---- ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd, ReduceL1, ReduceL2, ReduceLogicalAnd/Or ---- */
// data: [d0..dn-1], axes: [] or [m] -> y: data without the axes (or with them as 1 when keep_dims)

struct reduce_attrs {
    bool keep_dims;
};

static const struct pinot_attr_desc reduce_attr_descs[] = {
    PINOT_ATTR(struct reduce_attrs, keep_dims, "keep_dims", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_END,
};

enum reduce_kind {
    REDUCE_SUM,
    REDUCE_MEAN,
    REDUCE_MAX,
    REDUCE_MIN,
    REDUCE_PROD,
    REDUCE_L1,
    REDUCE_L2,
    REDUCE_AND,
    REDUCE_OR,
};

static enum reduce_kind reduce_kind_of(pinot_op_type op) {
    switch (op) {
    case PINOT_OP_REDUCE_MEAN: return REDUCE_MEAN;
    case PINOT_OP_REDUCE_MAX: return REDUCE_MAX;
    case PINOT_OP_REDUCE_MIN: return REDUCE_MIN;
    case PINOT_OP_REDUCE_PROD: return REDUCE_PROD;
    case PINOT_OP_REDUCE_L1: return REDUCE_L1;
    case PINOT_OP_REDUCE_L2: return REDUCE_L2;
    case PINOT_OP_REDUCE_LOGICAL_AND: return REDUCE_AND;
    case PINOT_OP_REDUCE_LOGICAL_OR: return REDUCE_OR;
    default: return REDUCE_SUM;
    }
}

static pinot_status reduce_validate(struct pinot_node * node) {
    const struct reduce_attrs * a = PINOT_ATTRS(node, struct reduce_attrs);
    enum reduce_kind kind = reduce_kind_of(node->op);
    pinot_dtype data_type = pinot_node_input_type(node, 0);
    pinot_dtype axes_type = pinot_node_input_type(node, 1);
    const pinot_partial_shape * data_shape = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * axes_shape = pinot_node_input_shape(node, 1);
    char text[256];

    if (kind == REDUCE_AND || kind == REDUCE_OR) {
        if (!pinot_dtype_compatible(data_type, PINOT_DTYPE_BOOLEAN)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Element type of data input must be boolean. Got: %s", pinot_dtype_name(data_type));
        }
    } else if (!is_number_type(data_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element type of data input must be numeric. Got: %s", pinot_dtype_name(data_type));
    }
    if (!is_number_type(axes_type) || pinot_dtype_get_info(axes_type)->is_real) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element type of axes input must be integer. Got: %s", pinot_dtype_name(axes_type));
    }
    if (axes_shape->rank > 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Axes input must be a scalar or 1D input. Got: %s",
                                shape_text(axes_shape, text, sizeof(text)));
    }

    pinot_partial_shape out;
    int64_t axes[MAX_AXES];
    uint32_t n_axes = 0;
    pinot_status status;
    bool known = pinot_node_input_ints(node, 1, axes, MAX_AXES, &n_axes, &status);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (data_shape->rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
    } else if (known) {
        bool reduced[PINOT_MAX_RANK] = {false};
        for (uint32_t i = 0; i < n_axes; i++) {
            int64_t axis;
            if (!axis_in_range(axes[i], data_shape->rank, &axis)) {
                return axis_error(node, false, axes[i], data_shape->rank);
            }
            if (data_shape->rank > 0) {
                reduced[axis] = true;
            }
        }
        out.rank = 0;
        for (int32_t i = 0; i < data_shape->rank; i++) {
            if (!reduced[i]) {
                out.dims[out.rank++] = data_shape->dims[i];
            } else if (a->keep_dims) {
                out.dims[out.rank++] = pinot_dim_static(1);
            }
        }
    } else if (a->keep_dims) {
        /* Which axes go is unknown: every dimension may become 1. */
        pinot_partial_shape_dynamic(&out, data_shape->rank);
    } else if (axes_shape->rank == 0 || (axes_shape->rank == 1 && pinot_dim_is_static(axes_shape->dims[0]) &&
                                         axes_shape->dims[0].min == 1)) {
        /* Exactly one axis goes. */
        pinot_partial_shape_dynamic(&out, data_shape->rank > 0 ? data_shape->rank - 1 : 0);
    } else {
        pinot_partial_shape_dynamic(&out, -1);
    }
    pinot_node_set_output(node, 0, data_type, &out);
    return PINOT_STATUS_OK;
}

/* Reduce one output element over `w` (the reduced axes) starting at `base`,
 * in double: floating types, and ReduceL2 of integers (sqrt, then truncation). */
static double reduce_real(enum reduce_kind kind, pinot_dtype type, const void * x, int64_t base, struct walk * w,
                          int64_t count) {
    double acc = kind == REDUCE_PROD ? 1.0 : kind == REDUCE_MAX ? -INFINITY : kind == REDUCE_MIN ? INFINITY : 0.0;
    if (count == 0) {
        /* OpenVINO: the type's lowest (max) and largest (min) value; 0 for the mean. */
        return kind == REDUCE_MAX ? -real_type_max(type) : kind == REDUCE_MIN ? real_type_max(type) : acc;
    }
    do {
        double v = pinot_ref_load_f64(type, x, (uint64_t)(base + w->offset));
        switch (kind) {
        case REDUCE_PROD: acc *= v; break;
        /* NaN propagates (as numpy), whatever its position. */
        case REDUCE_MAX:
            if (!isnan(acc) && (isnan(v) || v > acc)) {
                acc = v;
            }
            break;
        case REDUCE_MIN:
            if (!isnan(acc) && (isnan(v) || v < acc)) {
                acc = v;
            }
            break;
        case REDUCE_L1: acc += fabs(v); break;
        case REDUCE_L2: acc += v * v; break;
        default: acc += v; break;
        }
    } while (walk_next(w));
    if (kind == REDUCE_MEAN) {
        acc /= (double)count;
    } else if (kind == REDUCE_L2) {
        acc = sqrt(acc);
    }
    return acc;
}

/* The same for integer types in 64 bits: sums and products wrap, the mean
 * truncates toward zero. u64 compares and divides unsigned. */
static int64_t reduce_int(enum reduce_kind kind, pinot_dtype type, const void * x, int64_t base, struct walk * w,
                          int64_t count) {
    bool u64 = type == PINOT_DTYPE_U64;
    int64_t lo, hi;
    int_type_range(type, &lo, &hi);
    if (count == 0) {
        return kind == REDUCE_MAX ? lo : kind == REDUCE_MIN ? hi : kind == REDUCE_PROD ? 1 : 0;
    }
    uint64_t acc = kind == REDUCE_PROD ? 1u : 0u;
    bool first = true;
    do {
        int64_t v = pinot_ref_load_i64(type, x, (uint64_t)(base + w->offset));
        switch (kind) {
        case REDUCE_PROD: acc *= (uint64_t)v; break;
        case REDUCE_MAX:
            if (first || (u64 ? (uint64_t)v > acc : v > (int64_t)acc)) {
                acc = (uint64_t)v;
            }
            break;
        case REDUCE_MIN:
            if (first || (u64 ? (uint64_t)v < acc : v < (int64_t)acc)) {
                acc = (uint64_t)v;
            }
            break;
        case REDUCE_L1: acc += (!u64 && v < 0) ? 0u - (uint64_t)v : (uint64_t)v; break;
        default: acc += (uint64_t)v; break;
        }
        first = false;
    } while (walk_next(w));
    if (kind == REDUCE_MEAN) {
        if (u64) {
            acc /= (uint64_t)count;
        } else {
            acc = (uint64_t)((int64_t)acc / count);
        }
    }
    return (int64_t)acc;
}

static pinot_status reduce_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    const struct reduce_attrs * a = PINOT_ATTRS(node, struct reduce_attrs);
    enum reduce_kind kind = reduce_kind_of(node->op);
    const pinot_shape * in_shape = pinot_tensor_get_shape(inputs[0]);
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    pinot_dtype axes_type = pinot_tensor_get_type(inputs[1]);
    const void * axes_data = pinot_tensor_get_data(inputs[1]);
    uint64_t n_axes = pinot_tensor_get_size(inputs[1]);
    bool reduced[PINOT_MAX_RANK] = {false};

    for (uint64_t i = 0; i < n_axes; i++) {
        int64_t raw = pinot_ref_load_i64(axes_type, axes_data, i), axis;
        if (!axis_in_range(raw, in_shape->rank, &axis)) {
            return axis_error(node, true, raw, in_shape->rank);
        }
        if (in_shape->rank > 0) {
            reduced[axis] = true;
        }
    }

    /* Output shape; `kept` walks the output, `red` one output element's inputs. */
    pinot_shape out_shape = {.rank = 0};
    int64_t strides[PINOT_MAX_RANK];
    struct walk kept = {0}, red = {0};
    int64_t count = 1;
    pinot_ref_dense_strides(in_shape, strides);
    for (uint32_t i = 0; i < in_shape->rank; i++) {
        struct walk * w = reduced[i] ? &red : &kept;
        w->dims[w->n] = in_shape->dims[i];
        w->strides[w->n] = strides[i];
        w->n++;
        if (reduced[i]) {
            count *= in_shape->dims[i];
            if (a->keep_dims) {
                out_shape.dims[out_shape.rank++] = 1;
            }
        } else {
            out_shape.dims[out_shape.rank++] = in_shape->dims[i];
        }
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t n_out = pinot_tensor_get_size(outputs[0]);
    if (n_out == 0) {
        return PINOT_STATUS_OK;
    }

    const void * x = pinot_tensor_get_data(inputs[0]);
    void * y = pinot_tensor_get_data(outputs[0]);
    bool use_double = pinot_dtype_get_info(type)->is_real || kind == REDUCE_L2;
    for (uint64_t o = 0; o < n_out; o++, walk_next(&kept)) {
        int64_t base = kept.offset;
        if (kind == REDUCE_AND || kind == REDUCE_OR) {
            bool acc = kind == REDUCE_AND;
            if (count > 0) {
                do {
                    bool v = pinot_ref_load_f64(type, x, (uint64_t)(base + red.offset)) != 0.0;
                    acc = kind == REDUCE_AND ? (acc && v) : (acc || v);
                } while (walk_next(&red));
            }
            pinot_ref_store_i64(type, y, o, acc);
        } else if (use_double) {
            pinot_ref_store_f64(type, y, o, reduce_real(kind, type, x, base, &red, count));
        } else {
            pinot_ref_store_i64(type, y, o, reduce_int(kind, type, x, base, &red, count));
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t v1[] = {1, 0};
static const uint8_t v4[] = {4, 0};

#define REDUCE_OP(symbol, name, version_list)              \
    const struct pinot_op_impl pinot_op_impl_##symbol = {  \
        .type_name = name,                                 \
        .versions = version_list,                          \
        .attrs = reduce_attr_descs,                        \
        .attrs_size = sizeof(struct reduce_attrs),         \
        .min_inputs = 2,                                   \
        .max_inputs = 2,                                   \
        .validate = reduce_validate,                       \
        .evaluate = reduce_evaluate,                       \
    }

REDUCE_OP(reduce_sum, "ReduceSum", v1);
REDUCE_OP(reduce_mean, "ReduceMean", v1);
REDUCE_OP(reduce_max, "ReduceMax", v1);
REDUCE_OP(reduce_min, "ReduceMin", v1);
REDUCE_OP(reduce_prod, "ReduceProd", v1);
REDUCE_OP(reduce_l1, "ReduceL1", v4);
REDUCE_OP(reduce_l2, "ReduceL2", v4);
REDUCE_OP(reduce_logical_and, "ReduceLogicalAnd", v1);
REDUCE_OP(reduce_logical_or, "ReduceLogicalOr", v1);

/* ---- CumSum ---- */
// data: any shape, axis: scalar (optional, default 0) -> y: data's shape

struct cum_sum_attrs {
    bool exclusive;
    bool reverse;
};

static const struct pinot_attr_desc cum_sum_attr_descs[] = {
    PINOT_ATTR(struct cum_sum_attrs, exclusive, "exclusive", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR(struct cum_sum_attrs, reverse, "reverse", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_END,
};

static pinot_status cum_sum_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (!is_number_type(type) && type != PINOT_DTYPE_BOOLEAN) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element type of data input must be numeric. Got: %s", pinot_dtype_name(type));
    }
    if (node->n_inputs > 1) {
        /* Like OpenVINO, the axis value is checked at run time only (its first element is used). */
        pinot_dtype axis_type = pinot_node_input_type(node, 1);
        if (axis_type != PINOT_DTYPE_I32 && axis_type != PINOT_DTYPE_I64 && axis_type != PINOT_DTYPE_DYNAMIC) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "axis element type must be either int64_t or int32_t but got (%s)",
                                    pinot_dtype_name(axis_type));
        }
    }
    pinot_node_set_output(node, 0, type, pinot_node_input_shape(node, 0));
    return PINOT_STATUS_OK;
}

static pinot_status cum_sum_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                     pinot_tensor_t * const * outputs) {
    const struct cum_sum_attrs * a = PINOT_ATTRS(node, struct cum_sum_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    int64_t raw = 0, axis;
    if (node->n_inputs > 1) {
        if (pinot_tensor_get_size(inputs[1]) == 0) {
            return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the axis input is empty");
        }
        raw = pinot_ref_load_i64(pinot_tensor_get_type(inputs[1]), pinot_tensor_get_data(inputs[1]), 0);
    }
    if (!axis_in_range(raw, shape->rank, &axis)) {
        return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "axis with a value out of range: %lld (rank %u)",
                          (long long)raw, shape->rank);
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    /* A scalar is a 1-element vector here. */
    int64_t outer = pinot_ref_dims_product(shape, 0, (uint32_t)axis);
    int64_t dim = shape->rank > 0 ? shape->dims[axis] : 1;
    int64_t inner = pinot_ref_dims_product(shape, (uint32_t)axis + 1, shape->rank);
    const void * x = pinot_tensor_get_data(inputs[0]);
    void * y = pinot_tensor_get_data(outputs[0]);
    bool real = pinot_dtype_get_info(type)->is_real;
    for (int64_t o = 0; o < outer; o++) {
        for (int64_t i = 0; i < inner; i++) {
            double sum = 0.0;
            uint64_t isum = 0; /* integers wrap like the element type */
            for (int64_t step = 0; step < dim; step++) {
                int64_t j = a->reverse ? dim - 1 - step : step;
                uint64_t at = (uint64_t)((o * dim + j) * inner + i);
                if (real) {
                    double v = pinot_ref_load_f64(type, x, at);
                    if (!a->exclusive) {
                        sum += v;
                    }
                    pinot_ref_store_f64(type, y, at, sum);
                    if (a->exclusive) {
                        sum += v;
                    }
                } else {
                    uint64_t v = (uint64_t)pinot_ref_load_i64(type, x, at);
                    if (!a->exclusive) {
                        isum += v;
                    }
                    pinot_ref_store_i64(type, y, at, (int64_t)isum);
                    if (a->exclusive) {
                        isum += v;
                    }
                }
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t v3[] = {3, 0};

const struct pinot_op_impl pinot_op_impl_cum_sum = {
    .type_name = "CumSum",
    .versions = v3,
    .attrs = cum_sum_attr_descs,
    .attrs_size = sizeof(struct cum_sum_attrs),
    .min_inputs = 1,
    .max_inputs = 2,
    .validate = cum_sum_validate,
    .evaluate = cum_sum_evaluate,
};

/* ---- TopK (v1, v3, v11) ---- */
// data: [.., d_axis, ..], k: scalar -> values: [.., k, ..] (data type), indices: [.., k, ..] (index_element_type)

struct topk_attrs {
    int64_t axis;
    int32_t mode;
    int32_t sort;
    pinot_dtype index_element_type;
    bool stable;
};

static const char * const topk_mode_values[] = {"max", "min", NULL};
static const char * const topk_sort_values[] = {"none", "index", "value", NULL};
enum { TOPK_MAX = 0, TOPK_MIN = 1 };
enum { TOPK_SORT_NONE = 0, TOPK_SORT_INDEX = 1, TOPK_SORT_VALUE = 2 };

/* Defaults are those of OpenVINO's TopK classes. */
static const struct pinot_attr_desc topk_attr_descs[] = {
    PINOT_ATTR(struct topk_attrs, axis, "axis", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR_ENUM_OF(struct topk_attrs, mode, "mode", topk_mode_values, "max"),
    PINOT_ATTR_ENUM_OF(struct topk_attrs, sort, "sort", topk_sort_values, "none"),
    PINOT_ATTR(struct topk_attrs, index_element_type, "index_element_type", PINOT_ATTR_TYPE, false, "i32"),
    PINOT_ATTR_VERSIONS(struct topk_attrs, stable, "stable", PINOT_ATTR_BOOL, false, "false", 11, 0),
    PINOT_ATTR_END,
};

static pinot_status topk_validate(struct pinot_node * node) {
    const struct topk_attrs * a = PINOT_ATTRS(node, struct topk_attrs);
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype k_type = pinot_node_input_type(node, 1);
    const pinot_partial_shape * shape = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * k_shape = pinot_node_input_shape(node, 1);
    char text[256];

    if (a->stable && node->version < 11) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "the 'stable' attribute needs TopK-11 (got TopK-%u)", node->version);
    }
    if (a->stable && a->sort == TOPK_SORT_NONE) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Stable sort can only be used when TopK's sorting mode is set to 'VALUE' or 'INDEX' "
                                "(got 'none')");
    }
    if (!is_number_type(type) && type != PINOT_DTYPE_BOOLEAN) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element type of data input must be numeric. Got: %s", pinot_dtype_name(type));
    }
    if (!is_number_type(k_type) || pinot_dtype_get_info(k_type)->is_real) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "K input has to be an integer type, which does match the provided one:%s",
                                pinot_dtype_name(k_type));
    }
    if (a->index_element_type != PINOT_DTYPE_I32 && a->index_element_type != PINOT_DTYPE_I64) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Index element type attribute should be either 'i32' or 'i64'. Got: %s",
                                pinot_dtype_name(a->index_element_type));
    }
    if (k_shape->rank > 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "The 'K' input must be a scalar (got shape %s).",
                                shape_text(k_shape, text, sizeof(text)));
    }
    if (shape->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input rank must be greater than 0.");
    }

    int64_t k_value = 0;
    uint32_t n_k = 0;
    pinot_status status;
    bool known = pinot_node_input_ints(node, 1, &k_value, 1, &n_k, &status);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (known && n_k == 1 && k_value < 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The value of 'K' must be greater or equal to zero. (got %lld).", (long long)k_value);
    }
    pinot_partial_shape out = *shape;
    if (shape->rank > 0) {
        int64_t axis;
        if (!axis_in_range(a->axis, shape->rank, &axis)) {
            return axis_error(node, false, a->axis, shape->rank);
        }
        if (known && n_k == 1) {
            /* As OpenVINO: the dimension is k, even when k exceeds it (evaluation then fails). */
            out.dims[axis] = pinot_dim_static(k_value);
        } else {
            /* Unknown k: anything up to the dimension's upper bound. */
            out.dims[axis] = pinot_dim_make(0, shape->dims[axis].max);
        }
    }
    status = pinot_node_set_output_count(node, 2);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, &out);
    pinot_node_set_output(node, 1, a->index_element_type, &out);
    return PINOT_STATUS_OK;
}

/* One candidate: its key (double for floating types, int64 or uint64 bits for
 * integers) and its position along the axis. */
struct topk_item {
    union {
        double f;
        int64_t i;
        uint64_t u;
    } key;
    int64_t index;
};

static int by_index(const struct topk_item * a, const struct topk_item * b) {
    return (a->index > b->index) - (a->index < b->index);
}

/* Best first; equal keys keep the smaller index first (OpenVINO's reference
 * and its stable mode); NaN is never selected before a number. */
static int cmp_real_max(const void * pa, const void * pb) {
    const struct topk_item *a = pa, *b = pb;
    if (isnan(a->key.f) != isnan(b->key.f)) {
        return isnan(a->key.f) ? 1 : -1;
    }
    if (a->key.f != b->key.f && !isnan(a->key.f)) {
        return a->key.f > b->key.f ? -1 : 1;
    }
    return by_index(a, b);
}

static int cmp_real_min(const void * pa, const void * pb) {
    const struct topk_item *a = pa, *b = pb;
    if (isnan(a->key.f) != isnan(b->key.f)) {
        return isnan(a->key.f) ? 1 : -1;
    }
    if (a->key.f != b->key.f && !isnan(a->key.f)) {
        return a->key.f < b->key.f ? -1 : 1;
    }
    return by_index(a, b);
}

static int cmp_int_max(const void * pa, const void * pb) {
    const struct topk_item *a = pa, *b = pb;
    return a->key.i != b->key.i ? (a->key.i > b->key.i ? -1 : 1) : by_index(a, b);
}

static int cmp_int_min(const void * pa, const void * pb) {
    const struct topk_item *a = pa, *b = pb;
    return a->key.i != b->key.i ? (a->key.i < b->key.i ? -1 : 1) : by_index(a, b);
}

static int cmp_u64_max(const void * pa, const void * pb) {
    const struct topk_item *a = pa, *b = pb;
    return a->key.u != b->key.u ? (a->key.u > b->key.u ? -1 : 1) : by_index(a, b);
}

static int cmp_u64_min(const void * pa, const void * pb) {
    const struct topk_item *a = pa, *b = pb;
    return a->key.u != b->key.u ? (a->key.u < b->key.u ? -1 : 1) : by_index(a, b);
}

static int cmp_index(const void * pa, const void * pb) {
    return by_index(pa, pb);
}

static pinot_status topk_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_tensor_t * const * outputs) {
    const struct topk_attrs * a = PINOT_ATTRS(node, struct topk_attrs);
    const pinot_shape * shape = pinot_tensor_get_shape(inputs[0]);
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    int64_t axis;
    if (shape->rank == 0) {
        return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input rank must be greater than 0.");
    }
    if (!axis_in_range(a->axis, shape->rank, &axis)) {
        return axis_error(node, true, a->axis, shape->rank);
    }
    if (pinot_tensor_get_size(inputs[1]) != 1) {
        return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "The 'K' input must be a scalar.");
    }
    int64_t k = pinot_ref_load_i64(pinot_tensor_get_type(inputs[1]), pinot_tensor_get_data(inputs[1]), 0);
    int64_t dim = shape->dims[axis];
    if (pinot_tensor_get_type(inputs[1]) == PINOT_DTYPE_U64 && k < 0) {
        k = INT64_MAX;
    }
    if (k < 0) {
        return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                          "The value of 'K' must be greater or equal to zero. (got %lld).", (long long)k);
    }
    if (k > dim) {
        return eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                          "The value of 'K' (%lld) exceeds the size of axis %lld (%lld).", (long long)k,
                          (long long)axis, (long long)dim);
    }
    pinot_shape out_shape = *shape;
    out_shape.dims[axis] = k;
    pinot_status status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[1], &out_shape);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t outer = pinot_ref_dims_product(shape, 0, (uint32_t)axis);
    int64_t inner = pinot_ref_dims_product(shape, (uint32_t)axis + 1, shape->rank);
    if (k == 0 || outer == 0 || inner == 0) {
        return PINOT_STATUS_OK;
    }

    struct topk_item * items = malloc(sizeof(*items) * (size_t)dim);
    if (items == NULL) {
        return eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory for %lld candidates", (long long)dim);
    }
    bool real = pinot_dtype_get_info(type)->is_real;
    bool u64 = type == PINOT_DTYPE_U64;
    int (*cmp)(const void *, const void *);
    if (real) {
        cmp = a->mode == TOPK_MAX ? cmp_real_max : cmp_real_min;
    } else if (u64) {
        cmp = a->mode == TOPK_MAX ? cmp_u64_max : cmp_u64_min;
    } else {
        cmp = a->mode == TOPK_MAX ? cmp_int_max : cmp_int_min;
    }
    const void * x = pinot_tensor_get_data(inputs[0]);
    void * values = pinot_tensor_get_data(outputs[0]);
    void * indices = pinot_tensor_get_data(outputs[1]);
    pinot_dtype index_type = pinot_tensor_get_type(outputs[1]);
    for (int64_t o = 0; o < outer; o++) {
        for (int64_t i = 0; i < inner; i++) {
            for (int64_t j = 0; j < dim; j++) {
                uint64_t at = (uint64_t)((o * dim + j) * inner + i);
                if (real) {
                    items[j].key.f = pinot_ref_load_f64(type, x, at);
                } else {
                    items[j].key.i = pinot_ref_load_i64(type, x, at);
                }
                items[j].index = j;
            }
            /* "none" leaves the order to the implementation: like OpenVINO's CPU plugin, by value. */
            qsort(items, (size_t)dim, sizeof(*items), cmp);
            if (a->sort == TOPK_SORT_INDEX) {
                qsort(items, (size_t)k, sizeof(*items), cmp_index);
            }
            for (int64_t j = 0; j < k; j++) {
                uint64_t at = (uint64_t)((o * k + j) * inner + i);
                if (real) {
                    pinot_ref_store_f64(type, values, at, items[j].key.f);
                } else {
                    pinot_ref_store_i64(type, values, at, items[j].key.i);
                }
                pinot_ref_store_i64(index_type, indices, at, items[j].index);
            }
        }
    }
    free(items);
    return PINOT_STATUS_OK;
}

static const uint8_t topk_versions[] = {1, 3, 11, 0};

const struct pinot_op_impl pinot_op_impl_topk = {
    .type_name = "TopK",
    .versions = topk_versions,
    .attrs = topk_attr_descs,
    .attrs_size = sizeof(struct topk_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = topk_validate,
    .evaluate = topk_evaluate,
};

/* Pooling: MaxPool (1; 8 and 14 with dilations, a second output of indices
 * and, in 14, ceil_torch rounding), AvgPool (1; 14 with ceil_torch; 16 with
 * dilations), AdaptiveAvgPool (8) and AdaptiveMaxPool (8, with indices) over
 * 1, 2 or 3 spatial axes. Kernels are plain window loops; floats run in f32
 * (f64 natively), integers in int64 for max and in double for averages. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"
#include "ops/spatial-util.h"

/* ---- attributes ---- */

static const char * const rounding_values[] = {"floor", "ceil", "ceil_torch", NULL};
enum { ROUND_FLOOR = 0, ROUND_CEIL, ROUND_CEIL_TORCH };

struct pool_attrs {
    pinot_ints strides;
    pinot_ints dilations;
    pinot_ints pads_begin;
    pinot_ints pads_end;
    pinot_ints kernel;
    int32_t rounding_type;
    int32_t auto_pad;
    pinot_dtype index_element_type; /* MaxPool 8+ */
    int64_t axis;                   /* MaxPool 8+ */
    bool exclude_pad;               /* AvgPool */
};

/* Descriptor order follows OpenVINO's visit_attributes. */
static const struct pinot_attr_desc max_pool_attr_descs[] = {
    PINOT_ATTR(struct pool_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_VERSIONS(struct pool_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL, 8, 0),
    PINOT_ATTR(struct pool_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct pool_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct pool_attrs, kernel, "kernel", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_ENUM_OF(struct pool_attrs, rounding_type, "rounding_type", rounding_values, "floor"),
    PINOT_ATTR_ENUM_OF(struct pool_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR_VERSIONS(struct pool_attrs, index_element_type, "index_element_type", PINOT_ATTR_TYPE, false, "i64", 8,
                        0),
    PINOT_ATTR_VERSIONS(struct pool_attrs, axis, "axis", PINOT_ATTR_INT, false, "0", 8, 0),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc avg_pool_attr_descs[] = {
    PINOT_ATTR(struct pool_attrs, kernel, "kernel", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct pool_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct pool_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct pool_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct pool_attrs, exclude_pad, "exclude-pad", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_ENUM_OF(struct pool_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR_ENUM_OF(struct pool_attrs, rounding_type, "rounding_type", rounding_values, "floor"),
    PINOT_ATTR_VERSIONS(struct pool_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL, 16, 0),
    PINOT_ATTR_END,
};

struct adaptive_attrs {
    pinot_dtype index_element_type;
};

static const struct pinot_attr_desc adaptive_max_pool_attr_descs[] = {
    PINOT_ATTR(struct adaptive_attrs, index_element_type, "index_element_type", PINOT_ATTR_TYPE, false, "i64"),
    PINOT_ATTR_END,
};

/* ---- compute buffers ---- */

/* Which arithmetic a kernel runs in for an element type. */
enum pool_math { POOL_F32, POOL_F64, POOL_INT };

static enum pool_math pool_math_of(pinot_dtype type, bool averaging) {
    if (type == PINOT_DTYPE_F64 || (averaging && pinot_ref_is_int(type))) {
        return POOL_F64;
    }
    return pinot_ref_is_int(type) ? POOL_INT : POOL_F32;
}

static size_t pool_math_size(enum pool_math math) {
    return math == POOL_F32 ? sizeof(float) : 8;
}

static bool pool_math_native(enum pool_math math, pinot_dtype type) {
    return (math == POOL_F32 && type == PINOT_DTYPE_F32) || (math == POOL_F64 && type == PINOT_DTYPE_F64);
}

/* The tensor's elements in @p math: its own buffer when the type matches,
 * else a converted copy in *owned (the caller frees it). */
static pinot_status pool_operand(const pinot_tensor_t * t, enum pool_math math, void ** owned, const void ** out) {
    pinot_dtype type = pinot_tensor_get_type(t);
    uint64_t count = pinot_tensor_get_size(t);
    const void * data = pinot_tensor_get_data(t);
    *owned = NULL;
    if (pool_math_native(math, type)) {
        *out = data;
        return PINOT_STATUS_OK;
    }
    void * buf = malloc(count > 0 ? count * pool_math_size(math) : 1);
    if (buf == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory converting a pooling input");
    }
    for (uint64_t i = 0; i < count; i++) {
        switch (math) {
        case POOL_F32:
            ((float *)buf)[i] = (float)pinot_ref_load_f64(type, data, i);
            break;
        case POOL_F64:
            ((double *)buf)[i] = pinot_ref_load_f64(type, data, i);
            break;
        case POOL_INT:
            ((int64_t *)buf)[i] = pinot_ref_load_i64(type, data, i);
            break;
        }
    }
    *owned = buf;
    *out = buf;
    return PINOT_STATUS_OK;
}

/* Store a compute buffer into the output tensor (averages of integers round
 * to nearest, as OpenVINO's CPU plugin converts its f32 results). */
static void pool_store(pinot_tensor_t * t, enum pool_math math, const void * buf, uint64_t count) {
    pinot_dtype type = pinot_tensor_get_type(t);
    void * dst = pinot_tensor_get_data(t);
    bool round = pinot_ref_is_int(type);
    for (uint64_t i = 0; i < count; i++) {
        switch (math) {
        case POOL_F32:
            pinot_ref_store_f64(type, dst, i, ((const float *)buf)[i]);
            break;
        case POOL_F64: {
            double v = ((const double *)buf)[i];
            pinot_ref_store_f64(type, dst, i, round ? nearbyint(v) : v);
            break;
        }
        case POOL_INT:
            pinot_ref_store_i64(type, dst, i, ((const int64_t *)buf)[i]);
            break;
        }
    }
}

/* Start value of a max: the lowest finite value of the output type (OpenVINO
 * starts there too, so windows entirely in the padding give it, and -inf
 * inputs never win over it). */
static double lowest_float(pinot_dtype type) {
    switch (type) {
    case PINOT_DTYPE_F16:
        return -65504.0;
    case PINOT_DTYPE_BF16:
        return -3.3895313892515355e38;
    case PINOT_DTYPE_F8E4M3:
        return -448.0;
    case PINOT_DTYPE_F8E5M2:
    case PINOT_DTYPE_F8E5M2FNUZ:
        return -57344.0;
    case PINOT_DTYPE_F8E4M3FNUZ:
        return -240.0;
    case PINOT_DTYPE_F64:
        return -DBL_MAX;
    default:
        return -FLT_MAX;
    }
}

static int64_t lowest_int(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    if (info == NULL || !info->is_signed || type == PINOT_DTYPE_BOOLEAN) {
        return 0;
    }
    if (info->bitwidth >= 64) {
        return INT64_MIN;
    }
    return -((int64_t)1 << (info->bitwidth - 1));
}

/* ---- MaxPool / AvgPool shapes ---- */

static bool is_max_pool(const struct pinot_node * node) {
    return node->op == PINOT_OP_MAX_POOL;
}

/* Attributes resolved for the input's spatial axes. */
struct pool_geom {
    uint32_t n_spatial;
    int64_t kernel[PINOT_SPATIAL_MAX];
    int64_t strides[PINOT_SPATIAL_MAX];
    int64_t dilations[PINOT_SPATIAL_MAX];
    int64_t pads_begin[PINOT_SPATIAL_MAX];
    int64_t pads_end[PINOT_SPATIAL_MAX];
};

static pinot_status pool_check_list(const struct pinot_node * node, const pinot_ints * list, const char * what,
                                    bool allow_zero, int64_t * out, uint32_t n) {
    char buf[256];
    for (uint32_t i = 0; i < n; i++) {
        out[i] = list->v[i];
        if (list->v[i] < 0 || (list->v[i] == 0 && !allow_zero)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s has %s dimension(s). %s", what,
                                    list->v[i] == 0 ? "zero" : "negative",
                                    sp_list_text(what, list->v, list->n, buf, sizeof(buf)));
        }
    }
    return PINOT_STATUS_OK;
}

/* One spatial output size for explicit pads: ceil modes round up, ceil_torch
 * then drops a last window that would start in the end padding. */
static int64_t pool_out_size(int64_t in, int64_t pb, int64_t span, int64_t s, int32_t rounding) {
    int64_t out = (rounding == ROUND_FLOOR ? sp_floor_div(span, s) : sp_ceil_div(span, s)) + 1;
    if (rounding == ROUND_CEIL_TORCH && out > 1 && (out - 1) * s >= in + pb) {
        out--;
    }
    return out;
}

/*
 * Output shape of MaxPool/AvgPool for a data shape; fills @p geom with the
 * resolved pads (computed for same_upper/same_lower when the spatial size is
 * known, else zero). Shared by validate() and evaluate().
 */
static pinot_status pool_infer(const struct pinot_node * node, const pinot_partial_shape * data,
                               struct pool_geom * geom, pinot_partial_shape * out) {
    const struct pool_attrs * a = PINOT_ATTRS(node, struct pool_attrs);
    const bool max_pool = is_max_pool(node);
    char buf[256];
    pinot_status status;

    memset(geom, 0, sizeof(*geom));
    if (data->rank >= 0 && (data->rank < 3 || data->rank > 5)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a 3D, 4D or 5D tensor for the input. Got: %s",
                                sp_shape_text(data, buf, sizeof(buf)));
    }
    const uint32_t n = a->kernel.n;
    if (a->pads_begin.n != 0 && a->pads_begin.n != n) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected pads_begin size to be equal to input size - 2. Got: %u", a->pads_begin.n);
    }
    if (a->pads_end.n != 0 && a->pads_end.n != n) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected pads_end size to be equal to input size - 2. Got: %u", a->pads_end.n);
    }
    if (a->strides.n != n) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected strides size to be equal to input size - 2. Got: %u", a->strides.n);
    }
    if (a->dilations.n != 0 && a->dilations.n != n) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected dilations size to be equal to kernel size. Got: %u", a->dilations.n);
    }
    if ((data->rank >= 0 && (uint32_t)data->rank != n + 2) || n == 0 || n > PINOT_SPATIAL_MAX) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected kernel size to be equal to input size - 2. Got: %u", n);
    }
    geom->n_spatial = n;
    {
        const char * names[] = {"strides", "dilations", "pads_begin", "pads_end", "kernel"};
        const pinot_ints * lists[] = {&a->strides, &a->dilations, &a->pads_begin, &a->pads_end, &a->kernel};
        for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
            int at = sp_find_huge(lists[l]->v, lists[l]->n);
            if (at >= 0) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "%s value %lld is out of range (at most 2^31 in magnitude)", names[l],
                                        (long long)lists[l]->v[at]);
            }
        }
    }
    if ((status = pool_check_list(node, &a->strides, "Strides", false, geom->strides, n)) != PINOT_STATUS_OK ||
        (status = pool_check_list(node, &a->kernel, "Kernel", false, geom->kernel, n)) != PINOT_STATUS_OK) {
        return status;
    }
    for (uint32_t i = 0; i < n; i++) {
        geom->dilations[i] = 1;
        geom->pads_begin[i] = a->pads_begin.n != 0 ? a->pads_begin.v[i] : 0;
        geom->pads_end[i] = a->pads_end.n != 0 ? a->pads_end.v[i] : 0;
    }
    if (a->dilations.n != 0 &&
        /* OpenVINO's wording: "Kernel dilations has zero dimension(s)". */
        (status = pool_check_list(node, &a->dilations, "Kernel dilations", false, geom->dilations, n)) !=
            PINOT_STATUS_OK) {
        return status;
    }
    if (a->rounding_type == ROUND_CEIL_TORCH && node->version < 14) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Rounding CEIL_TORCH is not supported.");
    }

    const bool same = a->auto_pad == PINOT_PAD_SAME_UPPER || a->auto_pad == PINOT_PAD_SAME_LOWER;
    out->rank = (int32_t)n + 2;
    out->dims[0] = data->rank >= 0 ? data->dims[0] : pinot_dim_dynamic();
    out->dims[1] = data->rank >= 0 ? data->dims[1] : pinot_dim_dynamic();
    for (uint32_t i = 0; i < n; i++) {
        if (data->rank < 0) { /* as OpenVINO: no bounds without the input's rank */
            out->dims[2 + i] = pinot_dim_dynamic();
            continue;
        }
        const pinot_dim in = data->dims[2 + i];
        const int64_t kd = (geom->kernel[i] - 1) * geom->dilations[i] + 1;
        const int64_t s = geom->strides[i];
        if (a->auto_pad == PINOT_PAD_VALID || same) {
            geom->pads_begin[i] = geom->pads_end[i] = 0;
        }
        if (same) {
            if (!pinot_dim_is_static(in)) {
                out->dims[2 + i] = pinot_dim_dynamic();
                continue;
            }
            int64_t o = sp_ceil_div(in.min, s);
            int64_t total = (o - 1) * s + kd - in.min;
            total = total > 0 ? total : 0;
            geom->pads_begin[i] = a->auto_pad == PINOT_PAD_SAME_UPPER ? total / 2 : total - total / 2;
            geom->pads_end[i] = total - geom->pads_begin[i];
        }
        const int64_t pb = geom->pads_begin[i];
        const int64_t pads = pb + geom->pads_end[i];
        if (!max_pool && a->exclude_pad && (kd <= pb || kd <= geom->pads_end[i])) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Kernel after dilation is sometimes entirely in the padding area for axis %u "
                                    "(dilated kernel dimension: %lld, padding below dimension: %lld, padding above "
                                    "dimension: %lld) and this is not allowed.",
                                    i, (long long)kd, (long long)pb, (long long)geom->pads_end[i]);
        }
        if (pinot_dim_is_static(in)) {
            const int64_t padded = in.min + pads;
            if (kd > padded) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Kernel after dilation has size (dim: %lld) larger than the data shape after "
                                        "padding (dim: %lld) at axis %u.",
                                        (long long)kd, (long long)padded, i);
            }
            out->dims[2 + i] = pinot_dim_static(pool_out_size(in.min, pb, padded - kd, s, a->rounding_type));
            continue;
        }
        /* Interval: each finite bound follows the static rule, lower bounds clip at 0. */
        pinot_dim span = sp_dim_sub(sp_dim_add_const(in, pads), pinot_dim_static(kd));
        pinot_dim o = a->rounding_type == ROUND_FLOOR ? sp_dim_floor_div(span, s) : sp_dim_ceil_div(span, s);
        o = sp_dim_add(o, pinot_dim_static(1));
        if (a->rounding_type == ROUND_CEIL_TORCH && !pinot_dim_is_empty(o)) {
            if (o.min > 1 && (o.min - 1) * s >= in.min + pb) {
                o.min--;
            }
            if (o.max != PINOT_DIM_INF && o.max > 1 && (o.max - 1) * s >= in.max + pb) {
                o.max--;
            }
        }
        out->dims[2 + i] = o;
    }
    return PINOT_STATUS_OK;
}

static pinot_status pool_validate(struct pinot_node * node) {
    struct pool_attrs * a = (struct pool_attrs *)node->attrs;
    const bool max_pool = is_max_pool(node);
    const bool with_indices = max_pool && node->version >= 8;
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (type == PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input element type must be numeric. Got: %s",
                                pinot_dtype_name(type));
    }
    if (with_indices && a->index_element_type != PINOT_DTYPE_I32 && a->index_element_type != PINOT_DTYPE_I64) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Index element type must be i32 or i64 (got %s)",
                                pinot_dtype_name(a->index_element_type));
    }
    struct pool_geom geom;
    pinot_partial_shape out;
    pinot_status status = pool_infer(node, data, &geom, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (with_indices && data->rank >= 0 && (a->axis < -data->rank || a->axis >= data->rank)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Axis %lld out of the tensor rank range [%d, %d].",
                                (long long)a->axis, -data->rank, data->rank - 1);
    }
    /* Show the padding auto_pad chose, as OpenVINO does. */
    a->pads_begin.n = a->pads_end.n = geom.n_spatial;
    memcpy(a->pads_begin.v, geom.pads_begin, geom.n_spatial * sizeof(int64_t));
    memcpy(a->pads_end.v, geom.pads_end, geom.n_spatial * sizeof(int64_t));

    status = pinot_node_set_output_count(node, with_indices ? 2 : 1);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, &out);
    if (with_indices) {
        pinot_node_set_output(node, 1, a->index_element_type, &out);
    }
    return PINOT_STATUS_OK;
}

/* ---- MaxPool / AvgPool kernels ---- */

/* A pooling in 3 spatial axes (unit axes in front for 1D and 2D). */
struct pool_run {
    int64_t planes; /* N * C */
    int64_t in[3], k[3], out[3], s[3], d[3], p[3];
};

/* The taps [*lo, *hi) of a window starting at @p base (stride and padding
 * applied) whose position base + k * d lies inside [0, len): the loops below
 * visit only those, so a huge kernel over a small input costs the input's
 * size, not the kernel's. */
static inline void pool_taps(int64_t base, int64_t k, int64_t d, int64_t len, int64_t * lo, int64_t * hi) {
    int64_t a = base >= 0 ? 0 : (-base + d - 1) / d;
    int64_t b = len - base <= 0 ? 0 : (len - base + d - 1) / d;
    *lo = a < k ? a : k;
    *hi = b < k ? b : k;
    if (*hi < *lo) {
        *hi = *lo;
    }
}

/* y = max over the window (padding never wins); idx = the winner's flat
 * position in its plane (0 when nothing in the window beats `lowest`). */
#define DEFINE_MAX_POOL(NAME, T)                                                                                       \
    static void NAME(const struct pool_run * r, const T * x, T * y, int64_t * idx, T lowest) {                         \
        const int64_t in_plane = r->in[0] * r->in[1] * r->in[2];                                                       \
        const int64_t out_plane = r->out[0] * r->out[1] * r->out[2];                                                   \
        for (int64_t pl = 0; pl < r->planes; pl++) {                                                                   \
            const T * xp = x + pl * in_plane;                                                                          \
            int64_t o = pl * out_plane;                                                                                \
            for (int64_t od = 0; od < r->out[0]; od++) {                                                               \
                for (int64_t oh = 0; oh < r->out[1]; oh++) {                                                           \
                    for (int64_t ow = 0; ow < r->out[2]; ow++, o++) {                                                  \
                        T best = lowest;                                                                               \
                        int64_t best_i = 0;                                                                            \
                        int64_t d0, d1, h0, h1, w0, w1;                                                                \
                        pool_taps(od * r->s[0] - r->p[0], r->k[0], r->d[0], r->in[0], &d0, &d1);                       \
                        pool_taps(oh * r->s[1] - r->p[1], r->k[1], r->d[1], r->in[1], &h0, &h1);                       \
                        pool_taps(ow * r->s[2] - r->p[2], r->k[2], r->d[2], r->in[2], &w0, &w1);                       \
                        for (int64_t kd = d0; kd < d1; kd++) {                                                         \
                            int64_t id = od * r->s[0] - r->p[0] + kd * r->d[0];                                        \
                            for (int64_t kh = h0; kh < h1; kh++) {                                                     \
                                int64_t ih = oh * r->s[1] - r->p[1] + kh * r->d[1];                                    \
                                const int64_t row = (id * r->in[1] + ih) * r->in[2];                                   \
                                for (int64_t kw = w0; kw < w1; kw++) {                                                 \
                                    int64_t iw = ow * r->s[2] - r->p[2] + kw * r->d[2];                                \
                                    T v = xp[row + iw];                                                                \
                                    if (v > best) {                                                                    \
                                        best = v;                                                                      \
                                        best_i = row + iw;                                                             \
                                    }                                                                                  \
                                }                                                                                      \
                            }                                                                                          \
                        }                                                                                              \
                        y[o] = best;                                                                                   \
                        if (idx != NULL) {                                                                             \
                            idx[o] = best_i;                                                                           \
                        }                                                                                              \
                    }                                                                                                  \
                }                                                                                                      \
            }                                                                                                          \
        }                                                                                                              \
    }

/* y = mean over the window. The divisor follows OpenVINO's CPU plugin: with
 * exclude-pad, or when every pad is 0, it counts the window's elements inside
 * the input; otherwise it is the whole kernel size (also for windows that
 * ceil rounding pushes past the end padding). */
#define DEFINE_AVG_POOL(NAME, T)                                                                                       \
    static void NAME(const struct pool_run * r, const T * x, T * y, bool count_inside) {                               \
        const int64_t in_plane = r->in[0] * r->in[1] * r->in[2];                                                       \
        const int64_t k_size = r->k[0] * r->k[1] * r->k[2];                                                            \
        int64_t o = 0;                                                                                                 \
        for (int64_t pl = 0; pl < r->planes; pl++) {                                                                   \
            const T * xp = x + pl * in_plane;                                                                          \
            for (int64_t od = 0; od < r->out[0]; od++) {                                                               \
                for (int64_t oh = 0; oh < r->out[1]; oh++) {                                                           \
                    for (int64_t ow = 0; ow < r->out[2]; ow++, o++) {                                                  \
                        double sum = 0;                                                                                \
                        int64_t count = 0;                                                                             \
                        int64_t d0, d1, h0, h1, w0, w1;                                                                \
                        pool_taps(od * r->s[0] - r->p[0], r->k[0], r->d[0], r->in[0], &d0, &d1);                       \
                        pool_taps(oh * r->s[1] - r->p[1], r->k[1], r->d[1], r->in[1], &h0, &h1);                       \
                        pool_taps(ow * r->s[2] - r->p[2], r->k[2], r->d[2], r->in[2], &w0, &w1);                       \
                        for (int64_t kd = d0; kd < d1; kd++) {                                                         \
                            int64_t id = od * r->s[0] - r->p[0] + kd * r->d[0];                                        \
                            for (int64_t kh = h0; kh < h1; kh++) {                                                     \
                                int64_t ih = oh * r->s[1] - r->p[1] + kh * r->d[1];                                    \
                                const T * row = xp + (id * r->in[1] + ih) * r->in[2];                                  \
                                for (int64_t kw = w0; kw < w1; kw++) {                                                 \
                                    int64_t iw = ow * r->s[2] - r->p[2] + kw * r->d[2];                                \
                                    sum += row[iw];                                                                    \
                                    count++;                                                                           \
                                }                                                                                      \
                            }                                                                                          \
                        }                                                                                              \
                        int64_t divisor = count_inside ? count : k_size;                                               \
                        y[o] = (T)(divisor > 0 ? sum / (double)divisor : 0.0);                                         \
                    }                                                                                                  \
                }                                                                                                      \
            }                                                                                                          \
        }                                                                                                              \
    }

DEFINE_MAX_POOL(max_pool_f32, float)
DEFINE_MAX_POOL(max_pool_f64, double)
DEFINE_MAX_POOL(max_pool_int, int64_t)
DEFINE_AVG_POOL(avg_pool_f32, float)
DEFINE_AVG_POOL(avg_pool_f64, double)

/* Turn per-plane winner positions into OpenVINO's indices: the flat index in
 * the whole input, taken modulo the size of the axes from `axis` on. */
static void store_indices(pinot_tensor_t * t, const int64_t * idx, int64_t planes, int64_t out_plane, int64_t in_plane,
                          int64_t span) {
    pinot_dtype type = pinot_tensor_get_type(t);
    void * dst = pinot_tensor_get_data(t);
    uint64_t o = 0;
    for (int64_t pl = 0; pl < planes; pl++) {
        for (int64_t i = 0; i < out_plane; i++, o++) {
            int64_t flat = pl * in_plane + idx[o];
            pinot_ref_store_i64(type, dst, o, span > 0 ? flat % span : 0);
        }
    }
}

static pinot_status pool_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_tensor_t * const * outputs) {
    const struct pool_attrs * a = PINOT_ATTRS(node, struct pool_attrs);
    const bool max_pool = is_max_pool(node);
    const pinot_shape * xs = pinot_tensor_get_shape(inputs[0]);
    pinot_partial_shape data, out;
    pinot_partial_shape_from_shape(&data, xs);
    struct pool_geom geom;
    pinot_status status = pool_infer(node, &data, &geom, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_shape out_shape;
    uint64_t out_count;
    if (pinot_partial_shape_to_shape(&out, &out_shape) != PINOT_STATUS_OK ||
        !pinot_shape_numel(&out_shape, &out_count)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the output shape is not computable");
    }
    for (uint32_t i = 0; i < node->n_outputs; i++) {
        if ((status = pinot_tensor_set_shape(outputs[i], &out_shape)) != PINOT_STATUS_OK) {
            return status;
        }
    }
    const uint32_t n = geom.n_spatial;
    const uint32_t lead = PINOT_SPATIAL_MAX - n;
    struct pool_run r;
    r.planes = xs->dims[0] * xs->dims[1];
    bool all_pads_zero = true;
    for (uint32_t i = 0; i < PINOT_SPATIAL_MAX; i++) {
        bool real = i >= lead;
        uint32_t j = i - lead;
        r.in[i] = real ? xs->dims[2 + j] : 1;
        r.k[i] = real ? geom.kernel[j] : 1;
        r.out[i] = real ? out_shape.dims[2 + j] : 1;
        r.s[i] = real ? geom.strides[j] : 1;
        r.d[i] = real ? geom.dilations[j] : 1;
        r.p[i] = real ? geom.pads_begin[j] : 0;
        if (real && (geom.pads_begin[j] != 0 || geom.pads_end[j] != 0)) {
            all_pads_zero = false;
        }
    }
    if (out_count == 0) {
        return PINOT_STATUS_OK;
    }

    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    enum pool_math math = pool_math_of(type, !max_pool);
    void * x_owned = NULL;
    void * y_owned = NULL;
    int64_t * idx = NULL;
    const void * x;
    void * y = pinot_tensor_get_data(outputs[0]);
    if ((status = pool_operand(inputs[0], math, &x_owned, &x)) != PINOT_STATUS_OK) {
        goto cleanup;
    }
    if (!pool_math_native(math, type)) {
        y_owned = malloc(out_count * pool_math_size(math));
        if (y_owned == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in pooling");
            goto cleanup;
        }
        y = y_owned;
    }
    if (node->n_outputs == 2) {
        idx = malloc(out_count * sizeof(int64_t));
        if (idx == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in pooling");
            goto cleanup;
        }
    }
    if (max_pool) {
        switch (math) {
        case POOL_F32:
            max_pool_f32(&r, x, y, idx, (float)lowest_float(type));
            break;
        case POOL_F64:
            max_pool_f64(&r, x, y, idx, lowest_float(type));
            break;
        case POOL_INT:
            max_pool_int(&r, x, y, idx, lowest_int(type));
            break;
        }
    } else {
        bool count_inside = a->exclude_pad || all_pads_zero;
        if (math == POOL_F32) {
            avg_pool_f32(&r, x, y, count_inside);
        } else {
            avg_pool_f64(&r, x, y, count_inside);
        }
    }
    if (y_owned != NULL) {
        pool_store(outputs[0], math, y_owned, out_count);
    }
    if (idx != NULL) {
        int64_t axis = a->axis < 0 ? a->axis + (int64_t)xs->rank : a->axis;
        if (axis < 0 || axis >= (int64_t)xs->rank) {
            status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                      "Axis %lld out of the tensor rank range [%d, %d].", (long long)a->axis,
                                      -(int)xs->rank, (int)xs->rank - 1);
            goto cleanup;
        }
        int64_t span = 1;
        for (uint32_t i = (uint32_t)axis; i < xs->rank; i++) {
            span *= xs->dims[i];
        }
        store_indices(outputs[1], idx, r.planes, r.out[0] * r.out[1] * r.out[2], r.in[0] * r.in[1] * r.in[2], span);
    }
cleanup:
    free(idx);
    free(y_owned);
    free(x_owned);
    return status;
}

/* ---- AdaptiveAvgPool / AdaptiveMaxPool ---- */

/* Output spatial sizes from the output_shape input: its values when constant (negative: unknown). */
static pinot_status adaptive_infer(const struct pinot_node * node, const pinot_partial_shape * data,
                                   const pinot_partial_shape * sizes_shape, const int64_t * sizes,
                                   pinot_partial_shape * out) {
    char buf[256], buf2[256];
    if (data->rank >= 0 && (data->rank < 3 || data->rank > 5)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a 3D, 4D or 5D tensor for the input. Got: %s",
                                sp_shape_text(data, buf, sizeof(buf)));
    }
    if (sizes_shape->rank >= 0 && sizes_shape->rank != 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Output shape must be a 1D tensor (got shape %s).",
                                sp_shape_text(sizes_shape, buf, sizeof(buf)));
    }
    if (data->rank >= 0 && sizes_shape->rank == 1 &&
        !pinot_dim_compatible(sizes_shape->dims[0], pinot_dim_static(data->rank - 2))) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Output shape for spatial dimension not compatible with data shape (data shape: %s, "
                                "output_shape shape: %s).",
                                sp_shape_text(data, buf, sizeof(buf)), sp_shape_text(sizes_shape, buf2, sizeof(buf2)));
    }
    int32_t n;
    if (data->rank >= 0) {
        n = data->rank - 2;
    } else if (sizes_shape->rank == 1 && pinot_dim_is_static(sizes_shape->dims[0]) && sizes_shape->dims[0].min >= 1 &&
               sizes_shape->dims[0].min <= PINOT_SPATIAL_MAX) {
        n = (int32_t)sizes_shape->dims[0].min;
    } else {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    out->rank = n + 2;
    out->dims[0] = data->rank >= 0 ? data->dims[0] : pinot_dim_dynamic();
    out->dims[1] = data->rank >= 0 ? data->dims[1] : pinot_dim_dynamic();
    for (int32_t i = 0; i < n; i++) {
        out->dims[2 + i] = sizes != NULL && sizes[i] >= 0 ? pinot_dim_static(sizes[i]) : pinot_dim_dynamic();
    }
    return PINOT_STATUS_OK;
}

static pinot_status adaptive_validate(struct pinot_node * node) {
    const bool max_pool = node->op == PINOT_OP_ADAPTIVE_MAX_POOL;
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (type == PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input element type must be numeric. Got: %s",
                                pinot_dtype_name(type));
    }
    pinot_dtype sizes_type = pinot_node_input_type(node, 1);
    const pinot_dtype_info * info = pinot_dtype_get_info(sizes_type);
    if (sizes_type != PINOT_DTYPE_DYNAMIC && !(info != NULL && info->is_integral_number)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Output shape element type must be an integer type (got %s)",
                                pinot_dtype_name(sizes_type));
    }
    pinot_dtype index_type = PINOT_DTYPE_I64;
    if (max_pool) {
        index_type = PINOT_ATTRS(node, struct adaptive_attrs)->index_element_type;
        if (index_type != PINOT_DTYPE_I32 && index_type != PINOT_DTYPE_I64) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Index element type must be i32 or i64 (got %s)", pinot_dtype_name(index_type));
        }
    }
    const pinot_partial_shape * sizes_shape = pinot_node_input_shape(node, 1);
    int64_t sizes[PINOT_SPATIAL_MAX];
    const int64_t * known = NULL;
    const pinot_tensor_t * value = pinot_node_input_value(node, 1);
    if (value != NULL && sizes_shape->rank == 1 && pinot_tensor_get_size(value) <= PINOT_SPATIAL_MAX) {
        uint32_t count = 0;
        pinot_status status = PINOT_STATUS_OK;
        if (pinot_node_input_ints(node, 1, sizes, PINOT_SPATIAL_MAX, &count, &status)) {
            known = sizes;
        } else if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    pinot_partial_shape out;
    pinot_status status = adaptive_infer(node, pinot_node_input_shape(node, 0), sizes_shape, known, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if ((status = pinot_node_set_output_count(node, max_pool ? 2 : 1)) != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, &out);
    if (max_pool) {
        pinot_node_set_output(node, 1, index_type, &out);
    }
    return PINOT_STATUS_OK;
}

/* Adaptive windows: output i of n over an axis of size L covers
 * [floor(i * L / n), ceil((i + 1) * L / n)). */
static void adaptive_window(int64_t i, int64_t n, int64_t len, int64_t * begin, int64_t * end) {
    *begin = sp_floor_div(i * len, n);
    *end = sp_ceil_div((i + 1) * len, n);
}

static pinot_status adaptive_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                      pinot_tensor_t * const * outputs) {
    const bool max_pool = node->op == PINOT_OP_ADAPTIVE_MAX_POOL;
    const pinot_shape * xs = pinot_tensor_get_shape(inputs[0]);
    const pinot_tensor_t * st = inputs[1];
    pinot_partial_shape data, sizes_shape, out;
    pinot_partial_shape_from_shape(&data, xs);
    pinot_partial_shape_from_shape(&sizes_shape, pinot_tensor_get_shape(st));
    uint64_t count = pinot_tensor_get_size(st);
    int64_t sizes[PINOT_SPATIAL_MAX];
    if (sizes_shape.rank != 1 || count != xs->rank - 2 || count > PINOT_SPATIAL_MAX) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Output shape for spatial dimension not compatible with data shape (got %llu values "
                                "for %u spatial axes).",
                                (unsigned long long)count, xs->rank >= 2 ? xs->rank - 2 : 0);
    }
    for (uint64_t i = 0; i < count; i++) {
        sizes[i] = pinot_ref_load_i64(pinot_tensor_get_type(st), pinot_tensor_get_data(st), i);
        if (sizes[i] < 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Output shape values must be non-negative (got %lld)", (long long)sizes[i]);
        }
    }
    pinot_status status = adaptive_infer(node, &data, &sizes_shape, sizes, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_shape out_shape;
    uint64_t out_count;
    if (pinot_partial_shape_to_shape(&out, &out_shape) != PINOT_STATUS_OK ||
        !pinot_shape_numel(&out_shape, &out_count)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the output shape is not computable");
    }
    for (uint32_t i = 0; i < node->n_outputs; i++) {
        if ((status = pinot_tensor_set_shape(outputs[i], &out_shape)) != PINOT_STATUS_OK) {
            return status;
        }
    }
    if (out_count == 0) {
        return PINOT_STATUS_OK;
    }

    /* 3 spatial axes, unit axes in front. */
    const uint32_t lead = PINOT_SPATIAL_MAX - (uint32_t)count;
    int64_t in[3], on[3];
    for (uint32_t i = 0; i < PINOT_SPATIAL_MAX; i++) {
        in[i] = i >= lead ? xs->dims[2 + i - lead] : 1;
        on[i] = i >= lead ? sizes[i - lead] : 1;
    }
    const int64_t planes = xs->dims[0] * xs->dims[1];
    const int64_t in_plane = in[0] * in[1] * in[2];
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    enum pool_math math = max_pool && pinot_ref_is_int(type) ? POOL_INT : POOL_F64;
    void * x_owned = NULL;
    const void * x;
    double * y = NULL;
    int64_t * yi = NULL;
    if ((status = pool_operand(inputs[0], math, &x_owned, &x)) != PINOT_STATUS_OK) {
        goto cleanup;
    }
    y = malloc(out_count * 8);
    if (y == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in adaptive pooling");
        goto cleanup;
    }
    yi = (int64_t *)y; /* the integer max path uses the same buffer as int64 */
    const double lowest_f = lowest_float(type);
    const int64_t lowest_i = lowest_int(type);
    pinot_dtype index_type = max_pool ? pinot_tensor_get_type(outputs[1]) : PINOT_DTYPE_I64;
    void * index_data = max_pool ? pinot_tensor_get_data(outputs[1]) : NULL;
    uint64_t o = 0;
    for (int64_t pl = 0; pl < planes; pl++) {
        for (int64_t od = 0; od < on[0]; od++) {
            int64_t d0, d1;
            adaptive_window(od, on[0], in[0], &d0, &d1);
            for (int64_t oh = 0; oh < on[1]; oh++) {
                int64_t h0, h1;
                adaptive_window(oh, on[1], in[1], &h0, &h1);
                for (int64_t ow = 0; ow < on[2]; ow++, o++) {
                    int64_t w0, w1;
                    adaptive_window(ow, on[2], in[2], &w0, &w1);
                    double sum = 0, best = lowest_f;
                    int64_t best_i = lowest_i, where = 0;
                    for (int64_t id = d0; id < d1; id++) {
                        for (int64_t ih = h0; ih < h1; ih++) {
                            for (int64_t iw = w0; iw < w1; iw++) {
                                int64_t pos = (id * in[1] + ih) * in[2] + iw;
                                if (math == POOL_INT) {
                                    int64_t v = ((const int64_t *)x)[pl * in_plane + pos];
                                    if (v > best_i) {
                                        best_i = v;
                                        where = pos;
                                    }
                                } else {
                                    double v = ((const double *)x)[pl * in_plane + pos];
                                    sum += v;
                                    if (v > best) {
                                        best = v;
                                        where = pos;
                                    }
                                }
                            }
                        }
                    }
                    int64_t cells = (d1 - d0) * (h1 - h0) * (w1 - w0);
                    if (math == POOL_INT) {
                        yi[o] = best_i;
                    } else {
                        y[o] = max_pool ? best : (cells > 0 ? sum / (double)cells : 0.0);
                    }
                    if (max_pool) {
                        pinot_ref_store_i64(index_type, index_data, o, where);
                    }
                }
            }
        }
    }
    pool_store(outputs[0], math, y, out_count);
cleanup:
    free(y);
    free(x_owned);
    return status;
}

/* ---- the ops ---- */

static const uint8_t max_pool_versions[] = {1, 8, 14, 0};
static const uint8_t avg_pool_versions[] = {1, 14, 16, 0};
static const uint8_t adaptive_versions[] = {8, 0};

// data: [N, C, D...] -> values [N, C, D'...] (+ indices [N, C, D'...] from version 8)
const struct pinot_op_impl pinot_op_impl_max_pool = {
    .type_name = "MaxPool",
    .versions = max_pool_versions,
    .attrs = max_pool_attr_descs,
    .attrs_size = sizeof(struct pool_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = pool_validate,
    .evaluate = pool_evaluate,
};

// data: [N, C, D...] -> [N, C, D'...]
const struct pinot_op_impl pinot_op_impl_avg_pool = {
    .type_name = "AvgPool",
    .versions = avg_pool_versions,
    .attrs = avg_pool_attr_descs,
    .attrs_size = sizeof(struct pool_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = pool_validate,
    .evaluate = pool_evaluate,
};

// data: [N, C, D...], output_shape: [S] -> [N, C, output_shape...]
const struct pinot_op_impl pinot_op_impl_adaptive_avg_pool = {
    .type_name = "AdaptiveAvgPool",
    .versions = adaptive_versions,
    .attrs = NULL,
    .attrs_size = 0,
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = adaptive_validate,
    .evaluate = adaptive_evaluate,
};

// data: [N, C, D...], output_shape: [S] -> values, indices [N, C, output_shape...]
const struct pinot_op_impl pinot_op_impl_adaptive_max_pool = {
    .type_name = "AdaptiveMaxPool",
    .versions = adaptive_versions,
    .attrs = adaptive_max_pool_attr_descs,
    .attrs_size = sizeof(struct adaptive_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = adaptive_validate,
    .evaluate = adaptive_evaluate,
};

/* Interpolate-4 (data, sizes, scales[, axes]) and Interpolate-11 (data,
 * scales_or_sizes[, axes]): nearest, linear (triangle filter, antialias),
 * linear_onnx, cubic, and in v11 bilinear_pillow / bicubic_pillow. Every mode
 * is separable, so the kernel resamples one axis at a time in double.
 * Semantics follow OpenVINO's reference, with two deliberate choices where its
 * CPU plugin differs: bicubic_pillow always uses Pillow's a = -0.5 (the CPU
 * plugin ignores cube_coeff there), and integer outputs round to nearest
 * (the CPU plugin does; the reference truncates). Not here: Interpolate-1.
 *
 * Pinot extension (v11, set by the ONNX frontend only): onnx_semantics = true
 * switches to ONNX Resize's rules (onnx/reference/ops/op_resize.py), which
 * OpenVINO's attributes cannot express: coordinates in double from the
 * fractional output length scale * in, antialias for linear_onnx and cubic,
 * exclude_outside, the coordinate modes half_pixel_symmetric and
 * tf_crop_and_resize (roi as a 4th input, extrapolation_value outside it),
 * output lengths floor(scale * in), and keep_aspect_ratio_policy (sizes
 * mode: one scale for all axes). Without it these are rejected, so models
 * built with OpenVINO's attributes keep OpenVINO's semantics. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

enum { MODE_NEAREST, MODE_LINEAR, MODE_LINEAR_ONNX, MODE_CUBIC, MODE_BILINEAR_PILLOW, MODE_BICUBIC_PILLOW };
enum { CALC_SIZES, CALC_SCALES };
enum {
    CT_HALF_PIXEL,
    CT_PYTORCH_HALF_PIXEL,
    CT_ASYMMETRIC,
    CT_TF_HALF_PIXEL_FOR_NN,
    CT_ALIGN_CORNERS,
    CT_TF_CROP_AND_RESIZE, /* ONNX only (onnx_semantics) */
    CT_HALF_PIXEL_SYMMETRIC, /* ONNX only (onnx_semantics) */
};
enum { NM_ROUND_PREFER_FLOOR, NM_ROUND_PREFER_CEIL, NM_FLOOR, NM_CEIL, NM_SIMPLE };

static const char * const mode_values[] = {"nearest",         "linear",         "linear_onnx", "cubic",
                                           "bilinear_pillow", "bicubic_pillow", NULL};
static const char * const calc_values[] = {"sizes", "scales", NULL};
static const char * const ct_values[] = {"half_pixel",           "pytorch_half_pixel", "asymmetric",
                                         "tf_half_pixel_for_nn", "align_corners",      "tf_crop_and_resize",
                                         "half_pixel_symmetric", NULL};
enum { KA_STRETCH, KA_NOT_LARGER, KA_NOT_SMALLER };
static const char * const ka_values[] = {"stretch", "not_larger", "not_smaller", NULL};
static const char * const nm_values[] = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil", "simple", NULL};

struct interpolate_attrs {
    int32_t mode;
    int32_t shape_calculation_mode;
    int32_t coordinate_transformation_mode;
    int32_t nearest_mode;
    bool antialias;
    pinot_ints pads_begin;
    pinot_ints pads_end;
    double cube_coeff;
    bool onnx_semantics;        /* Pinot extension: ONNX Resize rules (see the top of the file) */
    bool exclude_outside;       /* ONNX: taps outside the input get weight 0, the rest renormalized */
    double extrapolation_value; /* ONNX: output where tf_crop_and_resize samples outside the input */
    int32_t keep_aspect_ratio_policy; /* ONNX, sizes mode: one scale for all axes */
};

static const struct pinot_attr_desc interpolate_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct interpolate_attrs, mode, "mode", mode_values, "nearest"),
    PINOT_ATTR_ENUM_OF(struct interpolate_attrs, shape_calculation_mode, "shape_calculation_mode", calc_values,
                       "sizes"),
    PINOT_ATTR_ENUM_OF(struct interpolate_attrs, coordinate_transformation_mode, "coordinate_transformation_mode",
                       ct_values, "half_pixel"),
    PINOT_ATTR_ENUM_OF(struct interpolate_attrs, nearest_mode, "nearest_mode", nm_values, "round_prefer_floor"),
    PINOT_ATTR(struct interpolate_attrs, antialias, "antialias", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR(struct interpolate_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct interpolate_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct interpolate_attrs, cube_coeff, "cube_coeff", PINOT_ATTR_FLOAT, false, "-0.75"),
    PINOT_ATTR_VERSIONS(struct interpolate_attrs, onnx_semantics, "onnx_semantics", PINOT_ATTR_BOOL, false, "false",
                        11, 0),
    PINOT_ATTR_VERSIONS(struct interpolate_attrs, exclude_outside, "exclude_outside", PINOT_ATTR_BOOL, false,
                        "false", 11, 0),
    PINOT_ATTR_VERSIONS(struct interpolate_attrs, extrapolation_value, "extrapolation_value", PINOT_ATTR_FLOAT,
                        false, "0", 11, 0),
    {"keep_aspect_ratio_policy", PINOT_ATTR_ENUM,
     (uint32_t)offsetof(struct interpolate_attrs, keep_aspect_ratio_policy),
     false, "stretch", ka_values, 11, 0}, /* PINOT_ATTR_ENUM_OF, from version 11 */
    PINOT_ATTR_END,
};

/* Input indices: v4 is (data, sizes, scales[, axes]), v11 (data, scales_or_sizes[, axes[, roi]]);
 * roi (ONNX's, for tf_crop_and_resize) holds the starts then the ends of the region per axis. */
static uint32_t sizes_input(const struct pinot_node * node) { (void)node; return 1; }
static uint32_t scales_input(const struct pinot_node * node) { return node->version == 4 ? 2 : 1; }
static uint32_t axes_input(const struct pinot_node * node) { return node->version == 4 ? 3 : 2; }
enum { ROI_INPUT = 3 };

static bool is_data_type(pinot_dtype t) {
    return t == PINOT_DTYPE_DYNAMIC || t == PINOT_DTYPE_F32 || t == PINOT_DTYPE_F16 || t == PINOT_DTYPE_BF16 ||
           t == PINOT_DTYPE_I8 || t == PINOT_DTYPE_U8 || t == PINOT_DTYPE_I32 || t == PINOT_DTYPE_I64 ||
           t == PINOT_DTYPE_F64;
}

static bool is_index_type(pinot_dtype t) {
    return t == PINOT_DTYPE_DYNAMIC || t == PINOT_DTYPE_I32 || t == PINOT_DTYPE_I64 || t == PINOT_DTYPE_U32 ||
           t == PINOT_DTYPE_U64;
}

static bool is_scale_type(pinot_dtype t) {
    return t == PINOT_DTYPE_DYNAMIC || t == PINOT_DTYPE_F32 || t == PINOT_DTYPE_F16 || t == PINOT_DTYPE_BF16;
}

static int64_t pad_at(const pinot_ints * pads, uint32_t i) { return i < pads->n ? pads->v[i] : 0; }

/* Output length of a padded length under a scale, as OpenVINO computes it:
 * in float, with 1e-6 added to the scale so 3 * (1/3) gives 1. */
static int64_t scaled_length(int64_t length, float scale) {
    float v = floorf((float)length * (scale + 1.0e-6f));
    if (!(v > 0.0f)) {
        return 0;
    }
    if (v >= 9.2e18f) {
        return PINOT_DIM_INF;
    }
    return (int64_t)v;
}

/* ONNX's keep_aspect_ratio_policy: one scale for every axis, the smallest (not_larger) or the
 * largest (not_smaller) of sizes / lengths; the sizes become round_half_up(scale * length). */
static double aspect_scale(int policy, const int64_t * sizes, const int64_t * lengths, uint32_t n) {
    double scale = 1.0;
    bool first = true;
    for (uint32_t i = 0; i < n; i++) {
        if (lengths[i] <= 0) {
            continue;
        }
        double r = (double)sizes[i] / (double)lengths[i];
        if (first || (policy == KA_NOT_LARGER ? r < scale : r > scale)) {
            scale = r;
        }
        first = false;
    }
    return scale;
}

static int64_t aspect_length(double scale, int64_t length) {
    double v = floor(scale * (double)length + 0.5);
    return !(v > 0.0) ? 0 : v >= 9.2e18 ? PINOT_DIM_INF : (int64_t)v;
}

/* ONNX's output length: floor(scale * length) in double (numpy's astype(int)). */
static int64_t onnx_length(int64_t length, double scale) {
    double v = floor((double)length * scale);
    if (!(v > 0.0)) {
        return 0;
    }
    if (v >= 9.2e18) {
        return PINOT_DIM_INF;
    }
    return (int64_t)v;
}

static pinot_status check_rank1(struct pinot_node * node, uint32_t i) {
    const pinot_partial_shape * ps = pinot_node_input_shape(node, i);
    if (ps->rank >= 0 && ps->rank != 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input [%u] is not rank 1 (got rank %d)", i,
                                ps->rank);
    }
    return PINOT_STATUS_OK;
}

/* The constant float values of input @p i (scales), if constant. */
static bool input_floats(const struct pinot_node * node, uint32_t i, float * values, uint32_t max, uint32_t * n) {
    const pinot_tensor_t * t = pinot_node_input_value(node, i);
    if (t == NULL || pinot_tensor_get_size(t) > max) {
        return false;
    }
    *n = (uint32_t)pinot_tensor_get_size(t);
    for (uint32_t k = 0; k < *n; k++) {
        values[k] = (float)pinot_ref_load_f64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), k);
    }
    return true;
}

static pinot_status interpolate_validate(struct pinot_node * node) {
    const struct interpolate_attrs * a = PINOT_ATTRS(node, struct interpolate_attrs);
    bool v4 = node->version == 4;
    uint32_t n_in = node->n_inputs;
    bool crop = !v4 && a->coordinate_transformation_mode == CT_TF_CROP_AND_RESIZE;
    if ((v4 && (n_in < 3 || n_in > 4)) || (!v4 && (n_in < 2 || n_in > (crop ? 4u : 3u)))) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Interpolate-%u takes %s inputs (got %u)",
                                node->version, v4 ? "3 or 4" : crop ? "2 to 4" : "2 or 3", n_in);
    }
    if (!a->onnx_semantics &&
        (a->coordinate_transformation_mode >= CT_TF_CROP_AND_RESIZE || a->exclude_outside ||
         a->keep_aspect_ratio_policy != KA_STRETCH)) {
        const char * what = a->exclude_outside                           ? "exclude_outside"
                            : a->keep_aspect_ratio_policy != KA_STRETCH ? "keep_aspect_ratio_policy"
                                                                         : ct_values[a->coordinate_transformation_mode];
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s is only supported with onnx_semantics",
                                what);
    }
    if (a->onnx_semantics) {
        if (a->mode != MODE_NEAREST && a->mode != MODE_LINEAR_ONNX && a->mode != MODE_CUBIC) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "onnx_semantics supports the modes nearest, linear_onnx and cubic (got %s)",
                                    mode_values[a->mode]);
        }
        if (a->nearest_mode == NM_SIMPLE) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "onnx_semantics does not support nearest_mode simple");
        }
        if (crop && n_in != 4) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "tf_crop_and_resize needs the roi input (data, scales_or_sizes, axes, roi)");
        }
        if (crop) {
            pinot_dtype t = pinot_node_input_type(node, ROI_INPUT);
            if (t != PINOT_DTYPE_DYNAMIC && t != PINOT_DTYPE_F32 && t != PINOT_DTYPE_F16 && t != PINOT_DTYPE_BF16 &&
                t != PINOT_DTYPE_F64) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Roi element type must be f32, f16, bf16 or f64 (got %s)",
                                        pinot_dtype_name(t));
            }
        }
    }
    if (v4 && (a->mode == MODE_BILINEAR_PILLOW || a->mode == MODE_BICUBIC_PILLOW)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Unsupported interpolation mode used with version 4 of the Interpolate op: %s",
                                mode_values[a->mode]);
    }
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (!is_data_type(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Input element type must be f32, f16, i8, bf16, u8, i64, i32, f64 (got %s)",
                                pinot_dtype_name(type));
    }
    bool sizes_mode = a->shape_calculation_mode == CALC_SIZES;
    if (v4 || sizes_mode) {
        pinot_dtype t = pinot_node_input_type(node, sizes_input(node));
        if (!is_index_type(t)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Sizes element type must be i32, i64, u32 or u64 (got %s)", pinot_dtype_name(t));
        }
    }
    if (v4 || !sizes_mode) {
        pinot_dtype t = pinot_node_input_type(node, scales_input(node));
        if (!is_scale_type(t)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Scales element type must be f32, f16 or bf16 (got %s)", pinot_dtype_name(t));
        }
    }
    bool has_axes = n_in > axes_input(node);
    if (has_axes) {
        pinot_dtype t = pinot_node_input_type(node, axes_input(node));
        if (!is_index_type(t)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Axes element type must be i32, i64, u32 or u64 (got %s)", pinot_dtype_name(t));
        }
    }
    for (uint32_t i = 1; i < n_in; i++) {
        pinot_status status = check_rank1(node, i);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    for (uint32_t i = 0; i < PINOT_MAX_ATTR_LIST; i++) {
        if (pad_at(&a->pads_begin, i) < 0 || pad_at(&a->pads_end, i) < 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "pads_begin and pads_end must be non-negative (got %lld and %lld at %u)",
                                    (long long)pad_at(&a->pads_begin, i), (long long)pad_at(&a->pads_end, i), i);
        }
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    pinot_partial_shape out;
    if (data->rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
        pinot_node_set_output(node, 0, type, &out);
        return PINOT_STATUS_OK;
    }
    int32_t rank = data->rank;
    out = *data;
    for (int32_t i = 0; i < rank; i++) {
        int64_t pads = pad_at(&a->pads_begin, (uint32_t)i) + pad_at(&a->pads_end, (uint32_t)i);
        out.dims[i].min = out.dims[i].min == PINOT_DIM_INF ? PINOT_DIM_INF : out.dims[i].min + pads;
        out.dims[i].max = out.dims[i].max == PINOT_DIM_INF ? PINOT_DIM_INF : out.dims[i].max + pads;
    }
    /* axes */
    int64_t axes[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    bool axes_known = true;
    if (has_axes) {
        pinot_status status = PINOT_STATUS_OK;
        int64_t values[PINOT_MAX_RANK + 1];
        axes_known = pinot_node_input_ints(node, axes_input(node), values, PINOT_MAX_RANK + 1, &n_axes, &status);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (axes_known) {
            if (n_axes > (uint32_t)rank) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "There are more axes (%u) than the input rank %d", n_axes, rank);
            }
            for (uint32_t i = 0; i < n_axes; i++) {
                if (values[i] < 0 || values[i] >= rank) {
                    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                            "All axes values should less than input rank: %d (got %lld)", rank,
                                            (long long)values[i]);
                }
                for (uint32_t j = 0; j < i; j++) {
                    if (values[j] == values[i]) {
                        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                                "axes must be unique (axis %lld repeats)", (long long)values[i]);
                    }
                }
                axes[i] = values[i];
            }
        }
    } else {
        n_axes = (uint32_t)rank;
        for (int32_t i = 0; i < rank; i++) {
            axes[i] = i;
        }
    }
    if (!axes_known) {
        pinot_partial_shape_dynamic(&out, rank);
        pinot_node_set_output(node, 0, type, &out);
        return PINOT_STATUS_OK;
    }
    /* sizes or scales */
    uint32_t target = sizes_mode ? sizes_input(node) : scales_input(node);
    const pinot_partial_shape * ts = pinot_node_input_shape(node, target);
    if (ts->rank == 1 && pinot_dim_is_static(ts->dims[0]) && ts->dims[0].min < n_axes) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The number of elements in the '%s' input does not match the number of axes %u "
                                "(got %lld)",
                                sizes_mode ? "sizes" : "scales", n_axes, (long long)ts->dims[0].min);
    }
    bool known = false;
    int64_t sizes[PINOT_MAX_RANK];
    float scales[PINOT_MAX_RANK];
    uint32_t n = 0;
    if (sizes_mode) {
        pinot_status status = PINOT_STATUS_OK;
        int64_t values[PINOT_MAX_ATTR_LIST];
        known = pinot_node_input_ints(node, target, values, PINOT_MAX_ATTR_LIST, &n, &status);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        for (uint32_t i = 0; known && i < n && i < PINOT_MAX_RANK; i++) {
            sizes[i] = values[i];
        }
    } else {
        float values[PINOT_MAX_ATTR_LIST];
        known = input_floats(node, target, values, PINOT_MAX_ATTR_LIST, &n);
        for (uint32_t i = 0; known && i < n && i < PINOT_MAX_RANK; i++) {
            scales[i] = values[i];
        }
    }
    if (known && sizes_mode && n >= n_axes && a->onnx_semantics && a->keep_aspect_ratio_policy != KA_STRETCH) {
        int64_t lengths[PINOT_MAX_RANK];
        bool all_static = true;
        for (uint32_t i = 0; i < n_axes; i++) {
            all_static = all_static && pinot_dim_is_static(out.dims[axes[i]]);
            lengths[i] = out.dims[axes[i]].min;
        }
        double scale = all_static ? aspect_scale(a->keep_aspect_ratio_policy, sizes, lengths, n_axes) : 0.0;
        for (uint32_t i = 0; i < n_axes; i++) {
            int64_t len = all_static ? aspect_length(scale, lengths[i]) : PINOT_DIM_INF;
            out.dims[axes[i]] = len != PINOT_DIM_INF ? pinot_dim_static(len) : pinot_dim_dynamic();
        }
        pinot_node_set_output(node, 0, type, &out);
        return PINOT_STATUS_OK;
    }
    for (uint32_t i = 0; i < n_axes; i++) {
        pinot_dim * d = &out.dims[axes[i]];
        if (!known) {
            *d = pinot_dim_dynamic();
        } else if (sizes_mode) {
            *d = pinot_dim_static(sizes[i] > 0 ? sizes[i] : 0);
        } else {
            int64_t lo = d->min == PINOT_DIM_INF ? PINOT_DIM_INF
                         : a->onnx_semantics      ? onnx_length(d->min, scales[i])
                                                  : scaled_length(d->min, scales[i]);
            int64_t hi = d->max == PINOT_DIM_INF ? PINOT_DIM_INF
                         : a->onnx_semantics      ? onnx_length(d->max, scales[i])
                                                  : scaled_length(d->max, scales[i]);
            *d = pinot_dim_make(lo, hi);
        }
    }
    if (known && n < n_axes) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The number of elements in the '%s' input does not match the number of axes %u "
                                "(got %u)",
                                sizes_mode ? "sizes" : "scales", n_axes, n);
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* ---- the kernel ---- */

/* Input coordinate of output coordinate @p x (float arithmetic, as OpenVINO). */
static float original_coordinate(int ct, float x, float scale, int64_t out_len, int64_t in_len) {
    switch (ct) {
    case CT_PYTORCH_HALF_PIXEL:
        return out_len > 1 ? (x + 0.5f) / scale - 0.5f : 0.0f;
    case CT_ASYMMETRIC:
        return x / scale;
    case CT_TF_HALF_PIXEL_FOR_NN:
        return (x + 0.5f) / scale;
    case CT_ALIGN_CORNERS:
        return out_len == 1 ? 0.0f : x * (float)(in_len - 1) / (float)(out_len - 1);
    default:
        return (x + 0.5f) / scale - 0.5f;
    }
}

static int64_t nearest_pixel(int nm, float c, bool downsample) {
    switch (nm) {
    case NM_ROUND_PREFER_CEIL:
        return (int64_t)roundf(c);
    case NM_FLOOR:
        return (int64_t)floorf(c);
    case NM_CEIL:
        return (int64_t)ceilf(c);
    case NM_SIMPLE:
        return downsample ? (int64_t)ceilf(c) : (int64_t)c;
    default:
        if (c == (float)(int64_t)c + 0.5f) {
            return (int64_t)floorf(c);
        }
        return (int64_t)roundf(c);
    }
}

static int64_t clamp_index(int64_t i, int64_t len) { return i < 0 ? 0 : i >= len ? len - 1 : i; }

static void cubic_coeffs(float s, float a, float c[4]) {
    float t = fabsf(s);
    c[0] = ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a;
    c[1] = ((a + 2) * t - (a + 3)) * t * t + 1;
    c[2] = ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1;
    c[3] = ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a;
}

static double pillow_filter(int mode, double x) {
    x = fabs(x);
    if (mode == MODE_BILINEAR_PILLOW) {
        return x < 1.0 ? 1.0 - x : 0.0;
    }
    const double a = -0.5; /* Pillow's bicubic */
    if (x < 1.0) {
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
    }
    if (x < 2.0) {
        return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
    }
    return 0.0;
}

/* Resampling of one axis: output position o reads taps idx[o*k + t] with weights w[o*k + t]. */
/* fill[o] set: output o is extrapolation_value (tf_crop_and_resize outside the input). */
struct axis_table {
    int64_t k;
    int64_t * idx;
    double * w;
    uint8_t * fill;
};

static bool table_alloc(struct axis_table * tab, int64_t out_len, int64_t k) {
    tab->k = k;
    size_t n = (size_t)(out_len > 0 ? out_len : 1) * (size_t)k;
    tab->idx = calloc(n, sizeof(*tab->idx));
    tab->w = calloc(n, sizeof(*tab->w));
    tab->fill = calloc((size_t)(out_len > 0 ? out_len : 1), 1);
    return tab->idx != NULL && tab->w != NULL && tab->fill != NULL;
}

static void table_free(struct axis_table * tab) {
    free(tab->idx);
    free(tab->w);
    free(tab->fill);
    tab->idx = NULL;
    tab->w = NULL;
    tab->fill = NULL;
}

/* ---- ONNX Resize's rules (onnx_semantics), in double as onnx/reference/ops/op_resize.py ---- */

/* One axis of an ONNX resize: the scale (given, or out / in for sizes) and the roi. */
struct onnx_axis {
    int64_t in_len, out_len;
    double scale;
    double roi_start, roi_end;
    pinot_dtype roi_type;
};

/* @p v rounded to @p type: the reference does the roi arithmetic in the roi's own type. */
static double in_type(pinot_dtype type, double v) {
    double buf[1];
    pinot_ref_store_f64(type, buf, 0, v);
    return pinot_ref_load_f64(type, buf, 0);
}

/* Source coordinate of output position @p x; sets *outside where tf_crop_and_resize leaves the input. */
static double onnx_coordinate(int ct, double x, const struct onnx_axis * ax, bool * outside) {
    double in = (double)ax->in_len;
    double out_w = ax->scale * in; /* fractional, as the reference has it */
    double s = ax->scale;
    *outside = false;
    switch (ct) {
    case CT_ALIGN_CORNERS:
        return out_w == 1.0 ? 0.0 : x * (in - 1.0) / (out_w - 1.0);
    case CT_ASYMMETRIC:
        return x / s;
    case CT_TF_HALF_PIXEL_FOR_NN: /* ONNX Resize-11 */
        return (x + 0.5) / s;
    case CT_TF_CROP_AND_RESIZE: {
        pinot_dtype t = ax->roi_type;
        double r = in_type(t, ax->roi_end - ax->roi_start);
        double c = out_w == 1.0 ? in_type(t, in_type(t, r * (in - 1.0)) / 2.0) : x * r * (in - 1.0) / (out_w - 1.0);
        c += in_type(t, ax->roi_start * in_type(t, in - 1.0));
        *outside = c < 0.0 || c > in - 1.0;
        return c;
    }
    case CT_PYTORCH_HALF_PIXEL:
        return out_w == 1.0 ? -0.5 : (x + 0.5) / s - 0.5;
    case CT_HALF_PIXEL_SYMMETRIC: {
        double adjustment = (double)ax->out_len / out_w;
        double offset = in / 2.0 * (1.0 - adjustment);
        return offset + (x + 0.5) / s - 0.5;
    }
    default:
        return (x + 0.5) / s - 0.5;
    }
}

static double onnx_cubic_antialias_weight(double x, double A) {
    x = fabs(x);
    double x2 = x * x, x3 = x * x2;
    if (x <= 1.0) {
        return (A + 2.0) * x3 - (A + 3.0) * x2 + 1.0;
    }
    if (x < 2.0) {
        return A * x3 - 5.0 * A * x2 + 8.0 * A * x - 4.0 * A;
    }
    return 0.0;
}

/* The taps' weights for ratio @p r in (0, 1] (x minus the pixel left of it; 1 on a pixel).
 * Their number depends only on the mode and, with antialias, on the scale: with @p c NULL
 * only that number is returned. */
static int64_t onnx_coeffs(const struct interpolate_attrs * a, double r, double scale, double * c) {
    double A = a->cube_coeff;
    if (a->mode == MODE_NEAREST) {
        if (c != NULL) {
            bool right = true; /* on a pixel (r == 1) the right tap is the pixel */
            if (r != 1.0) {
                switch (a->nearest_mode) {
                case NM_FLOOR:
                    right = false;
                    break;
                case NM_CEIL:
                    right = true;
                    break;
                case NM_ROUND_PREFER_CEIL:
                    right = r >= 0.5;
                    break;
                default:
                    right = r > 0.5;
                    break;
                }
            }
            c[0] = right ? 0.0 : 1.0;
            c[1] = right ? 1.0 : 0.0;
        }
        return 2;
    }
    if (!a->antialias) {
        if (c != NULL && a->mode == MODE_LINEAR_ONNX) {
            c[0] = 1.0 - r;
            c[1] = r;
        } else if (c != NULL) {
            double q = 1.0 - r;
            c[0] = ((A * (r + 1.0) - 5.0 * A) * (r + 1.0) + 8.0 * A) * (r + 1.0) - 4.0 * A;
            c[1] = ((A + 2.0) * r - (A + 3.0)) * r * r + 1.0;
            c[2] = ((A + 2.0) * q - (A + 3.0)) * q * q + 1.0;
            c[3] = ((A * (q + 1.0) - 5.0 * A) * (q + 1.0) + 8.0 * A) * (q + 1.0) - 4.0 * A;
        }
        return a->mode == MODE_LINEAR_ONNX ? 2 : 4;
    }
    /* antialias: the filter stretched by 1 / scale when downsampling, normalized */
    double s = scale < 1.0 ? scale : 1.0;
    bool linear = a->mode == MODE_LINEAR_ONNX;
    int64_t start = (int64_t)floor((linear ? -1.0 : -2.0) / s) + 1;
    int64_t n = 2 - 2 * start;
    if (c != NULL) {
        double sum = 0.0;
        for (int64_t k = 0; k < n; k++) {
            double arg = ((double)(start + k) - r) * s;
            double v = linear ? 1.0 - fabs(arg) : onnx_cubic_antialias_weight(arg, A);
            if (linear) {
                v = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
            }
            c[k] = v;
            sum += v;
        }
        for (int64_t k = 0; k < n; k++) {
            c[k] = sum != 0.0 ? c[k] / sum : c[k];
        }
    }
    return n;
}

/* Taps of one axis under ONNX's rules: the n pixels nearest to the coordinate (ties to the
 * smaller index), edge-clamped, with exclude_outside zeroing (and renormalizing without) the
 * ones outside the input. */
static bool build_onnx_table(const struct interpolate_attrs * a, const struct onnx_axis * ax,
                             struct axis_table * tab) {
    int64_t n = onnx_coeffs(a, 1.0, ax->scale, NULL);
    if (n < 1 || n > (int64_t)1 << 24 || !table_alloc(tab, ax->out_len, n)) {
        return false;
    }
    int64_t pad = (n + 1) / 2;
    int64_t in_len = ax->in_len;
    for (int64_t o = 0; o < ax->out_len; o++) {
        bool outside = false;
        double x = onnx_coordinate(a->coordinate_transformation_mode, (double)o, ax, &outside);
        double * w = tab->w + o * n;
        int64_t * idx = tab->idx + o * n;
        if (outside) {
            tab->fill[o] = 1;
            continue;
        }
        /* far outside, every tap clamps to the same edge pixel anyway */
        if (!(x > -(double)(in_len + n + 2))) {
            x = -(double)(in_len + n + 2);
        } else if (x > (double)(2 * in_len + n + 2)) {
            x = (double)(2 * in_len + n + 2);
        }
        double xf = floor(x);
        onnx_coeffs(a, x == xf ? 1.0 : x - xf, ax->scale, w);
        double xp = x + (double)pad;
        double p = floor(xp), frac = xp - p;
        int64_t offset;
        if (n % 2 == 0) {
            offset = frac == 0.0 ? -(n / 2) : -(n / 2) + 1;
        } else {
            offset = frac <= 0.5 ? -((n - 1) / 2) : -((n - 1) / 2) + 1;
        }
        int64_t first = (int64_t)p + offset - pad;
        double sum = 0.0;
        for (int64_t t = 0; t < n; t++) {
            int64_t i = first + t;
            if (a->exclude_outside && (i < 0 || i >= in_len)) {
                w[t] = 0.0;
            }
            sum += w[t];
            idx[t] = clamp_index(i, in_len);
        }
        if (a->exclude_outside && sum != 0.0) {
            for (int64_t t = 0; t < n; t++) {
                w[t] /= sum;
            }
        }
    }
    return true;
}

/* Build the taps of one axis; @p any_downsample serves linear's antialias rule. */
static bool build_table(const struct interpolate_attrs * a, int64_t in_len, int64_t out_len, float scale,
                        bool any_downsample, struct axis_table * tab) {
    int ct = a->coordinate_transformation_mode;
    switch (a->mode) {
    case MODE_NEAREST:
        if (!table_alloc(tab, out_len, 1)) {
            return false;
        }
        for (int64_t o = 0; o < out_len; o++) {
            float c = original_coordinate(ct, (float)o, scale, out_len, in_len);
            tab->idx[o] = clamp_index(nearest_pixel(a->nearest_mode, c, scale < 1.0f), in_len);
            tab->w[o] = 1.0;
        }
        return true;
    case MODE_LINEAR_ONNX:
        if (!table_alloc(tab, out_len, 2)) {
            return false;
        }
        for (int64_t o = 0; o < out_len; o++) {
            float c = original_coordinate(ct, (float)o, scale, out_len, in_len);
            c = fmaxf(0.0f, fminf(c, (float)(in_len - 1)));
            int64_t i1 = (int64_t)c < in_len - 1 ? (int64_t)c : in_len - 1;
            int64_t i2 = i1 + 1 < in_len - 1 ? i1 + 1 : in_len - 1;
            float d1 = fabsf(c - (float)i1), d2 = fabsf(c - (float)i2);
            if (i1 == i2) {
                d1 = d2 = 0.5f;
            }
            tab->idx[o * 2] = i1;
            tab->w[o * 2] = d2;
            tab->idx[o * 2 + 1] = i2;
            tab->w[o * 2 + 1] = d1;
        }
        return true;
    case MODE_CUBIC:
        if (!table_alloc(tab, out_len, 4)) {
            return false;
        }
        for (int64_t o = 0; o < out_len; o++) {
            float c = original_coordinate(ct, (float)o, scale, out_len, in_len);
            int64_t base = (int64_t)floorf(c);
            float coeffs[4];
            cubic_coeffs(c - (float)base, (float)a->cube_coeff, coeffs);
            for (int64_t t = 0; t < 4; t++) {
                tab->idx[o * 4 + t] = clamp_index(base + t - 1, in_len);
                tab->w[o * 4 + t] = coeffs[t];
            }
        }
        return true;
    case MODE_LINEAR: {
        /* OpenVINO's reference: with antialias and any axis downsampled, every
         * axis gets the triangle widened by 1/scale; taps outside the input are
         * dropped and the rest renormalized (all zero -> output 0). */
        float aa = (a->antialias && any_downsample) ? scale : 1.0f;
        int64_t r = scale > 1.0f ? 2 : (int64_t)ceilf(2.0f / aa);
        int64_t k = 2 * r + 1;
        if (!table_alloc(tab, out_len, k)) {
            return false;
        }
        for (int64_t o = 0; o < out_len; o++) {
            float c = original_coordinate(ct, (float)o, scale, out_len, in_len);
            int64_t cr = (int64_t)roundf(c);
            double sum = 0.0;
            for (int64_t t = 0; t < k; t++) {
                int64_t i = cr + t - r;
                double w = 0.0;
                if (i >= 0 && i < in_len) {
                    float dz = c - (float)i;
                    float tri = 1.0f - fabsf(aa * dz);
                    w = tri > 0.0f ? (double)(aa * tri) : 0.0;
                }
                tab->idx[o * k + t] = i >= 0 && i < in_len ? i : 0;
                tab->w[o * k + t] = w;
                sum += w;
            }
            for (int64_t t = 0; t < k; t++) {
                tab->w[o * k + t] = sum != 0.0 ? tab->w[o * k + t] / sum : 0.0;
            }
        }
        return true;
    }
    default: {
        /* Pillow's precompute_coeffs over the whole axis (box [0, in_len)). */
        double sc = (double)in_len / (double)out_len;
        double filterscale = sc < 1.0 ? 1.0 : sc;
        double support = (a->mode == MODE_BILINEAR_PILLOW ? 1.0 : 2.0) * filterscale;
        int64_t k = (int64_t)ceil(support) * 2 + 1;
        if (!table_alloc(tab, out_len, k)) {
            return false;
        }
        for (int64_t o = 0; o < out_len; o++) {
            double center = ((double)o + 0.5) * sc;
            double ss = 1.0 / filterscale;
            int64_t xmin = (int64_t)(center - support + 0.5);
            int64_t xmax = (int64_t)(center + support + 0.5);
            xmin = xmin < 0 ? 0 : xmin;
            xmax = (xmax > in_len ? in_len : xmax) - xmin;
            if (xmax > k) {
                xmax = k;
            }
            double ww = 0.0;
            for (int64_t x = 0; x < xmax; x++) {
                double w = pillow_filter(a->mode, ((double)(x + xmin) - center + 0.5) * ss);
                tab->idx[o * k + x] = x + xmin;
                tab->w[o * k + x] = w;
                ww += w;
            }
            for (int64_t x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    tab->w[o * k + x] /= ww;
                }
            }
        }
        return true;
    }
    }
}

/* Round to the element type's grid for integer outputs (half to even, saturating). */
static double round_for(pinot_dtype type, double v) {
    if (!pinot_ref_is_int(type)) {
        return v;
    }
    v = nearbyint(v);
    double lo = type == PINOT_DTYPE_U8 ? 0.0 : type == PINOT_DTYPE_I8 ? -128.0 : -9.3e18;
    double hi = type == PINOT_DTYPE_U8 ? 255.0 : type == PINOT_DTYPE_I8 ? 127.0 : 9.3e18;
    if (type == PINOT_DTYPE_I32) {
        lo = -2147483648.0;
        hi = 2147483647.0;
    }
    return v < lo ? lo : v > hi ? hi : v;
}

/* Nearest maps: an output reading no pixel (0) or the extrapolation value. */
#define MAP_ZERO INT64_MIN
#define MAP_FILL (INT64_MIN + 1)

static pinot_status interpolate_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                         pinot_tensor_t * const * outputs) {
    const struct interpolate_attrs * a = PINOT_ATTRS(node, struct interpolate_attrs);
    const pinot_tensor_t * data = inputs[0];
    const pinot_shape * ds = pinot_tensor_get_shape(data);
    pinot_dtype type = pinot_tensor_get_type(data);
    uint32_t rank = ds->rank;
    bool sizes_mode = a->shape_calculation_mode == CALC_SIZES;
    pinot_status status = PINOT_STATUS_OK;

    /* axes */
    int64_t axes[PINOT_MAX_RANK];
    uint32_t n_axes = rank;
    bool is_axis[PINOT_MAX_RANK] = {false};
    if (node->n_inputs > axes_input(node)) {
        const pinot_tensor_t * t = inputs[axes_input(node)];
        if (pinot_tensor_get_size(t) > rank) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "more axes (%llu) than the input rank %u",
                              (unsigned long long)pinot_tensor_get_size(t), rank);
        }
        n_axes = (uint32_t)pinot_tensor_get_size(t);
        for (uint32_t i = 0; i < n_axes; i++) {
            axes[i] = pinot_ref_load_i64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), i);
            if (axes[i] < 0 || axes[i] >= (int64_t)rank || is_axis[axes[i]]) {
                return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                  "axis %lld is out of range for rank %u or repeated", (long long)axes[i], rank);
            }
            is_axis[axes[i]] = true;
        }
    } else {
        for (uint32_t i = 0; i < rank; i++) {
            axes[i] = i;
            is_axis[i] = true;
        }
    }

    /* padded and output shapes, scales per dimension */
    int64_t padded[PINOT_MAX_RANK];
    int64_t out_dims[PINOT_MAX_RANK];
    float scale[PINOT_MAX_RANK];
    double dscale[PINOT_MAX_RANK]; /* onnx_semantics: the scale in double */
    double roi[2][PINOT_MAX_RANK];
    for (uint32_t i = 0; i < rank; i++) {
        padded[i] = ds->dims[i] + pad_at(&a->pads_begin, i) + pad_at(&a->pads_end, i);
        out_dims[i] = padded[i];
        scale[i] = 1.0f;
        dscale[i] = 1.0;
        roi[0][i] = 0.0;
        roi[1][i] = 1.0;
    }
    bool crop = a->onnx_semantics && a->coordinate_transformation_mode == CT_TF_CROP_AND_RESIZE;
    pinot_dtype roi_type = PINOT_DTYPE_F64;
    if (crop) {
        const pinot_tensor_t * t = inputs[ROI_INPUT];
        roi_type = pinot_tensor_get_type(t);
        if (pinot_tensor_get_size(t) != 2 * (uint64_t)n_axes) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                         "roi has %llu values, expected 2 per axis (%u)",
                                         (unsigned long long)pinot_tensor_get_size(t), 2 * n_axes);
        }
        for (uint32_t i = 0; i < n_axes; i++) {
            roi[0][axes[i]] = pinot_ref_load_f64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), i);
            roi[1][axes[i]] = pinot_ref_load_f64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), n_axes + i);
        }
    }
    const pinot_tensor_t * target = inputs[sizes_mode ? sizes_input(node) : scales_input(node)];
    if (pinot_tensor_get_size(target) < n_axes) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s has %llu values for %u axes",
                          sizes_mode ? "sizes" : "scales", (unsigned long long)pinot_tensor_get_size(target), n_axes);
    }
    for (uint32_t i = 0; i < n_axes; i++) {
        int64_t ax = axes[i];
        if (sizes_mode) {
            int64_t s = pinot_ref_load_i64(pinot_tensor_get_type(target), pinot_tensor_get_data(target), i);
            out_dims[ax] = s > 0 ? s : 0;
            scale[ax] = (float)out_dims[ax] / (float)padded[ax];
            dscale[ax] = (double)out_dims[ax] / (double)padded[ax];
        } else {
            scale[ax] = (float)pinot_ref_load_f64(pinot_tensor_get_type(target), pinot_tensor_get_data(target), i);
            dscale[ax] = (double)scale[ax];
            out_dims[ax] = a->onnx_semantics ? onnx_length(padded[ax], dscale[ax])
                                             : scaled_length(padded[ax], scale[ax]);
            if (out_dims[ax] == PINOT_DIM_INF) {
                return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "scale %g gives an output too large",
                                  (double)scale[ax]);
            }
        }
    }
    if (sizes_mode && a->onnx_semantics && a->keep_aspect_ratio_policy != KA_STRETCH) {
        int64_t sizes[PINOT_MAX_RANK], lengths[PINOT_MAX_RANK];
        for (uint32_t i = 0; i < n_axes; i++) {
            sizes[i] = pinot_ref_load_i64(pinot_tensor_get_type(target), pinot_tensor_get_data(target), i);
            lengths[i] = padded[axes[i]];
        }
        double s = aspect_scale(a->keep_aspect_ratio_policy, sizes, lengths, n_axes);
        for (uint32_t i = 0; i < n_axes; i++) {
            int64_t ax = axes[i];
            out_dims[ax] = aspect_length(s, padded[ax]);
            if (out_dims[ax] == PINOT_DIM_INF) {
                return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "sizes give an output too large");
            }
            dscale[ax] = s;
            scale[ax] = (float)s;
        }
    }
    pinot_shape out_shape;
    status = pinot_shape_init(&out_shape, rank, out_dims);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[0], &out_shape);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t out_count = pinot_tensor_get_size(outputs[0]);
    if (out_count == 0) {
        return PINOT_STATUS_OK;
    }
    void * out = pinot_tensor_get_data(outputs[0]);
    int64_t pstrides[PINOT_MAX_RANK];
    pinot_shape pshape;
    status = pinot_shape_init(&pshape, rank, padded);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t pcount = 1;
    for (uint32_t i = 0; i < rank; i++) {
        if (padded[i] == 0) {
            /* nothing to read from: the output (non-empty) is zeros */
            for (uint64_t k = 0; k < out_count; k++) {
                pinot_ref_store_f64(type, out, k, 0.0);
            }
            return PINOT_STATUS_OK;
        }
        pcount *= (uint64_t)padded[i];
    }
    pinot_ref_dense_strides(&pshape, pstrides);
    bool any_downsample = false;
    for (uint32_t i = 0; i < n_axes; i++) {
        any_downsample = any_downsample || scale[axes[i]] < 1.0f;
    }
    /* ONNX's reference skips axes it leaves as they are, by math.isclose (and so
     * must we: its pytorch_half_pixel, for one, would move a length-1 axis). */
    if (a->onnx_semantics) {
        for (uint32_t d = 0; d < rank; d++) {
            if (is_axis[d] && out_dims[d] == padded[d] && fabs(dscale[d] - 1.0) <= 1e-9 * fmax(fabs(dscale[d]), 1.0) &&
                roi[0][d] == 0.0 && fabs(roi[1][d] - 1.0) <= 1e-9 * fmax(fabs(roi[1][d]), 1.0)) {
                is_axis[d] = false;
            }
        }
    }

    /* 1. the padded input as doubles (zeros in the pads). Nearest mode copies
     *    values instead, so i64 data keeps every bit. */
    const void * in = pinot_tensor_get_data(data);
    bool exact = a->mode == MODE_NEAREST;
    double * cur = NULL;
    double * next = NULL;
    struct axis_table tab = {0, NULL, NULL, NULL};
    if (exact) {
        size_t esize = pinot_dtype_get_info(type)->size;
        int64_t * maps[PINOT_MAX_RANK] = {NULL};
        for (uint32_t d = 0; d < rank && status == PINOT_STATUS_OK; d++) {
            maps[d] = malloc((size_t)out_dims[d] * sizeof(int64_t));
            if (maps[d] == NULL) {
                status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
                break;
            }
            if (!is_axis[d]) {
                for (int64_t o = 0; o < out_dims[d]; o++) {
                    maps[d][o] = o - pad_at(&a->pads_begin, d);
                }
                continue;
            }
            struct onnx_axis ax = {padded[d], out_dims[d], dscale[d], roi[0][d], roi[1][d], roi_type};
            if (!(a->onnx_semantics ? build_onnx_table(a, &ax, &tab)
                                    : build_table(a, padded[d], out_dims[d], scale[d], any_downsample, &tab))) {
                status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
                break;
            }
            /* the tap of largest weight (ONNX's nearest has two, one of weight 1) */
            for (int64_t o = 0; o < out_dims[d]; o++) {
                int64_t best = -1;
                for (int64_t t = 0; t < tab.k; t++) {
                    if (tab.w[o * tab.k + t] > 0.0 && (best < 0 || tab.w[o * tab.k + t] > tab.w[o * tab.k + best])) {
                        best = t;
                    }
                }
                maps[d][o] = tab.fill[o] ? MAP_FILL
                             : best < 0  ? MAP_ZERO
                                         : tab.idx[o * tab.k + best] - pad_at(&a->pads_begin, d);
            }
            table_free(&tab);
        }
        if (status == PINOT_STATUS_OK) {
            int64_t dstrides[PINOT_MAX_RANK];
            pinot_ref_dense_strides(ds, dstrides);
            int64_t index[PINOT_MAX_RANK] = {0};
            for (uint64_t k = 0; k < out_count; k++) {
                int64_t src = 0;
                bool inside = true, fill = false;
                for (uint32_t d = 0; d < rank; d++) {
                    int64_t i = maps[d][index[d]];
                    fill = fill || i == MAP_FILL;
                    inside = inside && i >= 0 && i < ds->dims[d];
                    src += inside ? i * dstrides[d] : 0;
                }
                if (fill) {
                    pinot_ref_store_f64(type, out, k, round_for(type, a->extrapolation_value));
                } else if (inside) {
                    memcpy((uint8_t *)out + k * esize, (const uint8_t *)in + (uint64_t)src * esize, esize);
                } else {
                    memset((uint8_t *)out + k * esize, 0, esize);
                }
                for (uint32_t d = rank; d-- > 0;) {
                    if (++index[d] < out_dims[d]) {
                        break;
                    }
                    index[d] = 0;
                }
            }
        }
        for (uint32_t d = 0; d < rank; d++) {
            free(maps[d]);
        }
        return status;
    }

    cur = calloc(pcount, sizeof(double));
    if (cur == NULL) {
        status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
        goto cleanup;
    }
    {
        int64_t index[PINOT_MAX_RANK] = {0};
        uint64_t count = pinot_tensor_get_size(data);
        for (uint64_t k = 0; k < count; k++) {
            int64_t dst = 0;
            for (uint32_t d = 0; d < rank; d++) {
                dst += (index[d] + pad_at(&a->pads_begin, d)) * pstrides[d];
            }
            cur[dst] = pinot_ref_load_f64(type, in, k);
            for (uint32_t d = rank; d-- > 0;) {
                if (++index[d] < ds->dims[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    /* 2. one pass per resized axis, last axis first (Pillow's horizontal pass
     *    comes before the vertical one; integer types round after each pass there). */
    bool pillow = a->mode == MODE_BILINEAR_PILLOW || a->mode == MODE_BICUBIC_PILLOW;
    int64_t cur_dims[PINOT_MAX_RANK];
    memcpy(cur_dims, padded, sizeof(int64_t) * rank);
    for (uint32_t d = rank; d-- > 0;) {
        if (!is_axis[d] || (pillow && out_dims[d] == padded[d])) {
            continue;
        }
        int64_t in_len = cur_dims[d], out_len = out_dims[d];
        struct onnx_axis ax = {in_len, out_len, dscale[d], roi[0][d], roi[1][d], roi_type};
        if (!(a->onnx_semantics ? build_onnx_table(a, &ax, &tab)
                                : build_table(a, in_len, out_len, scale[d], any_downsample, &tab))) {
            status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
            goto cleanup;
        }
        int64_t outer = 1, inner = 1;
        for (uint32_t i = 0; i < d; i++) {
            outer *= cur_dims[i];
        }
        for (uint32_t i = d + 1; i < rank; i++) {
            inner *= cur_dims[i];
        }
        next = malloc((size_t)(outer * out_len * inner) * sizeof(double) + sizeof(double));
        if (next == NULL) {
            status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
            goto cleanup;
        }
        for (int64_t m = 0; m < outer; m++) {
            for (int64_t o = 0; o < out_len; o++) {
                double * dst = next + (m * out_len + o) * inner;
                for (int64_t i = 0; i < inner; i++) {
                    dst[i] = 0.0;
                }
                for (int64_t t = 0; t < tab.k; t++) {
                    double w = tab.w[o * tab.k + t];
                    if (w == 0.0) {
                        continue;
                    }
                    const double * src = cur + (m * in_len + tab.idx[o * tab.k + t]) * inner;
                    for (int64_t i = 0; i < inner; i++) {
                        dst[i] += w * src[i];
                    }
                }
                if (pillow) {
                    for (int64_t i = 0; i < inner; i++) {
                        dst[i] = round_for(type, dst[i]);
                    }
                }
                if (tab.fill[o]) {
                    for (int64_t i = 0; i < inner; i++) {
                        dst[i] = a->extrapolation_value;
                    }
                }
            }
        }
        table_free(&tab);
        free(cur);
        cur = next;
        next = NULL;
        cur_dims[d] = out_len;
    }

    /* 3. store */
    for (uint64_t k = 0; k < out_count; k++) {
        pinot_ref_store_f64(type, out, k, round_for(type, cur[k]));
    }

cleanup:
    table_free(&tab);
    free(next);
    free(cur);
    return status;
}

static const uint8_t interpolate_versions[] = {4, 11, 0};

const struct pinot_op_impl pinot_op_impl_interpolate = {
    .type_name = "Interpolate",
    .versions = interpolate_versions,
    .attrs = interpolate_attr_descs,
    .attrs_size = sizeof(struct interpolate_attrs),
    .min_inputs = 2,
    .max_inputs = 4,
    .validate = interpolate_validate,
    .evaluate = interpolate_evaluate,
};

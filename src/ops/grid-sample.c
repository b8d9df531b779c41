/* GridSample-9: sample data [N, C, D_1..D_S] at the normalized positions of
 * grid [N, O_1..O_S, S] (x first, i.e. the last data axis first), with
 * nearest, bilinear or bicubic interpolation and zeros, border or reflection
 * padding. OpenVINO's op is 4-D (S = 2); Pinot accepts 1 to 6 spatial axes,
 * as ONNX GridSample-20 does. The math follows ONNX's reference
 * (onnx/reference/ops/op_grid_sample.py, itself PyTorch's grid_sampler) except
 * for bicubic with border padding, where OpenVINO (and PyTorch) clamp the taps
 * but not the coordinate. */
#include <math.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* Every output element reads up to 4^S taps: the cap keeps that bounded. */
#define GRID_SAMPLE_MAX_SPATIAL 6

enum { GS_BILINEAR, GS_BICUBIC, GS_NEAREST };
enum { GS_ZEROS, GS_BORDER, GS_REFLECTION };

static const char * const gs_mode_values[] = {"bilinear", "bicubic", "nearest", NULL};
static const char * const gs_padding_values[] = {"zeros", "border", "reflection", NULL};

struct grid_sample_attrs {
    bool align_corners;
    int32_t mode;
    int32_t padding_mode;
};

static const struct pinot_attr_desc grid_sample_attr_descs[] = {
    PINOT_ATTR(struct grid_sample_attrs, align_corners, "align_corners", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_ENUM_OF(struct grid_sample_attrs, mode, "mode", gs_mode_values, "bilinear"),
    PINOT_ATTR_ENUM_OF(struct grid_sample_attrs, padding_mode, "padding_mode", gs_padding_values, "zeros"),
    PINOT_ATTR_END,
};

/* Data may be any element type but string (nearest copies elements exactly;
 * the interpolating modes compute in double and store as the type's cast does). */
static bool is_data_type(pinot_dtype t) {
    return t != PINOT_DTYPE_STRING;
}

static bool is_grid_type(pinot_dtype t) {
    const pinot_dtype_info * info = pinot_dtype_get_info(t);
    return t == PINOT_DTYPE_DYNAMIC || (info != NULL && info->is_real);
}

// data: [N, C, D_1..D_S], grid: [N, O_1..O_S, S] -> [N, C, O_1..O_S]
static pinot_status grid_sample_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype grid_type = pinot_node_input_type(node, 1);
    if (!is_data_type(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The data input must have a numeric element type (got %s)", pinot_dtype_name(type));
    }
    if (!is_grid_type(grid_type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The element type of the grid input tensor must be a floating point type (got %s)",
                                pinot_dtype_name(grid_type));
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * grid = pinot_node_input_shape(node, 1);
    int32_t rank = data->rank >= 0 ? data->rank : grid->rank;
    if (rank >= 0 && (rank < 3 || rank > GRID_SAMPLE_MAX_SPATIAL + 2)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The data and grid inputs must have rank 3 to %d (got rank %d)",
                                GRID_SAMPLE_MAX_SPATIAL + 2, rank);
    }
    if (data->rank >= 0 && grid->rank >= 0 && data->rank != grid->rank) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The data and grid inputs must have the same rank (got %d and %d)", data->rank,
                                grid->rank);
    }
    pinot_partial_shape out;
    if (rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
        pinot_node_set_output(node, 0, type, &out);
        return PINOT_STATUS_OK;
    }
    if (grid->rank >= 0) {
        pinot_dim last = grid->dims[rank - 1];
        if (!pinot_dim_compatible(last, pinot_dim_static(rank - 2))) {
            char buf[64];
            pinot_dim_to_string(last, buf, sizeof(buf));
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The last dimension of the grid input must be %d, the number of spatial axes "
                                    "(got %s)",
                                    rank - 2, buf);
        }
    }
    pinot_partial_shape_dynamic(&out, rank);
    pinot_dim batch = pinot_dim_dynamic();
    if (data->rank >= 0) {
        batch = data->dims[0];
        out.dims[1] = data->dims[1];
    }
    if (grid->rank >= 0) {
        if (!pinot_dim_merge(batch, grid->dims[0], &batch)) {
            char a[64], b[64];
            pinot_dim_to_string(data->dims[0], a, sizeof(a));
            pinot_dim_to_string(grid->dims[0], b, sizeof(b));
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The batch dimension of the data and grid inputs must match (got %s and %s)", a,
                                    b);
        }
        for (int32_t i = 2; i < rank; i++) {
            out.dims[i] = grid->dims[i - 1];
        }
    }
    out.dims[0] = batch;
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* ---- the kernel ---- */

/* The reference computes coordinates in float32; an f64 grid keeps double. */
static double coord(double v, bool single) {
    return single ? (double)(float)v : v;
}

/* Normalized [-1, 1] -> pixel coordinate along an axis of @p length. */
static double denormalize(double n, int64_t length, bool align_corners, bool single) {
    double a = coord(n + 1.0, single);
    if (align_corners) {
        return coord(coord(a / 2.0, single) * (double)(length - 1), single);
    }
    return coord(coord(coord(a * (double)length, single) - 1.0, single) / 2.0, single);
}

/* Reflect x by the nearer border until it lies in [lo, hi] (PyTorch's
 * reflect_coordinates). A one-pixel axis with align_corners has lo == hi: its
 * only pixel. Infinities have no reflection: NaN. */
static double reflect(double x, double lo, double hi) {
    if (x >= lo && x <= hi) {
        return x;
    }
    if (isinf(x)) {
        return NAN;
    }
    double range = hi - lo;
    if (!(range > 0.0)) {
        return lo;
    }
    double dx = x < lo ? lo - x : x - hi;
    double flips = floor(dx / range);
    double r = dx - flips * range;
    bool even = fmod(flips, 2.0) == 0.0;
    if (x < lo) {
        return even ? lo + r : hi - r;
    }
    return even ? hi - r : lo + r;
}

/* Keys' cubic convolution weights with a = -0.75, for taps at -1, 0, 1, 2 from floor(x). */
static void cubic_weights(double t, double w[4]) {
    const double a = -0.75;
    t = fabs(t);
    w[0] = ((a * (t + 1.0) - 5.0 * a) * (t + 1.0) + 8.0 * a) * (t + 1.0) - 4.0 * a;
    w[1] = ((a + 2.0) * t - (a + 3.0)) * t * t + 1.0;
    w[2] = ((a + 2.0) * (1.0 - t) - (a + 3.0)) * (1.0 - t) * (1.0 - t) + 1.0;
    w[3] = ((a * (2.0 - t) - 5.0 * a) * (2.0 - t) + 8.0 * a) * (2.0 - t) - 4.0 * a;
}

/* The pixel a tap at integer position i reads, or -1 for a zero (zeros padding). */
static int64_t tap_index(int64_t i, int64_t length, int padding, double lo, double hi) {
    if (i >= 0 && i < length) {
        return i;
    }
    if (padding == GS_ZEROS) {
        return -1;
    }
    if (padding == GS_REFLECTION) {
        i = (int64_t)reflect((double)i, lo, hi); /* truncates, as int() does */
    }
    return i < 0 ? 0 : i >= length ? length - 1 : i; /* border; guards reflection's rounding */
}

/* The taps of one axis for one output position. */
struct axis_taps {
    int n;
    int64_t index[4];
    double weight[4];
};

/*
 * Taps of normalized coordinate @p g along an axis of @p length. Returns false
 * for a NaN coordinate (the output is NaN). Coordinates far outside the axis
 * are clamped first so they convert to integers safely: with zeros padding
 * they read only zeros either way, the other modes already brought them inside.
 */
static bool axis_taps(const struct grid_sample_attrs * a, double g, int64_t length, bool single,
                      struct axis_taps * taps) {
    double x = denormalize(g, length, a->align_corners, single);
    if (a->mode == GS_NEAREST) {
        x = nearbyint(x); /* half to even, as PyTorch and the ONNX reference */
    }
    double lo = a->align_corners ? 0.0 : -0.5;
    double hi = a->align_corners ? (double)length - 1.0 : (double)length - 0.5;
    /* OpenVINO (as PyTorch) clamps only bicubic's taps to the border, not the
     * coordinate itself: the ONNX frontend clamps the grid first for ONNX's rule. */
    if ((x < lo || x > hi) && !(a->mode == GS_BICUBIC && a->padding_mode == GS_BORDER)) {
        if (a->padding_mode == GS_BORDER) {
            x = x < 0.0 ? 0.0 : x > (double)(length - 1) ? (double)(length - 1) : x;
        } else if (a->padding_mode == GS_REFLECTION) {
            x = coord(reflect(x, lo, hi), single);
        }
    }
    if (isnan(x)) {
        return false;
    }
    const double limit = (double)length + 8.0;
    x = x < -limit ? -limit : x > limit ? limit : x;
    if (a->mode == GS_NEAREST) {
        taps->n = 1;
        taps->index[0] = tap_index((int64_t)x, length, a->padding_mode, lo, hi);
        taps->weight[0] = 1.0;
        return true;
    }
    double base = floor(x);
    double t = coord(x - base, single);
    int64_t i0 = (int64_t)base;
    if (a->mode == GS_BILINEAR) {
        taps->n = 2;
        taps->index[0] = tap_index(i0, length, a->padding_mode, lo, hi);
        taps->index[1] = tap_index(i0 + 1, length, a->padding_mode, lo, hi);
        taps->weight[0] = 1.0 - t;
        taps->weight[1] = t;
        return true;
    }
    taps->n = 4;
    cubic_weights(t, taps->weight);
    for (int k = 0; k < 4; k++) {
        taps->index[k] = tap_index(i0 - 1 + k, length, a->padding_mode, lo, hi);
    }
    return true;
}

static pinot_status grid_sample_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                         pinot_tensor_t * const * outputs) {
    const struct grid_sample_attrs * a = PINOT_ATTRS(node, struct grid_sample_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * gs = pinot_tensor_get_shape(inputs[1]);
    uint32_t rank = ds->rank;
    if (rank < 3 || rank > GRID_SAMPLE_MAX_SPATIAL + 2 || gs->rank != rank || gs->dims[rank - 1] != rank - 2 ||
        gs->dims[0] != ds->dims[0]) {
        char d[256], g[256];
        pinot_shape_to_string(ds, d, sizeof(d));
        pinot_shape_to_string(gs, g, sizeof(g));
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "data %s and grid %s do not match: expected [N, C, D_1..D_S] and "
                                     "[N, O_1..O_S, S] with 1 <= S <= %d",
                                     d, g, GRID_SAMPLE_MAX_SPATIAL);
    }
    uint32_t s_count = rank - 2;
    int64_t out_dims[PINOT_MAX_RANK];
    out_dims[0] = ds->dims[0];
    out_dims[1] = ds->dims[1];
    for (uint32_t i = 2; i < rank; i++) {
        out_dims[i] = gs->dims[i - 1];
    }
    pinot_shape out_shape;
    pinot_status status = pinot_shape_init(&out_shape, rank, out_dims);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[0], &out_shape);
    }
    if (status != PINOT_STATUS_OK || pinot_tensor_get_size(outputs[0]) == 0) {
        return status;
    }

    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    pinot_dtype grid_type = pinot_tensor_get_type(inputs[1]);
    bool single = grid_type != PINOT_DTYPE_F64;
    const void * in = pinot_tensor_get_data(inputs[0]);
    const void * grid = pinot_tensor_get_data(inputs[1]);
    void * out = pinot_tensor_get_data(outputs[0]);
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    /* nearest copies whole bytes when it can, so i64 data keeps every bit */
    bool copy = a->mode == GS_NEAREST && info->bitwidth % 8 == 0;
    size_t esize = info->size;

    int64_t n_batch = ds->dims[0], channels = ds->dims[1];
    int64_t positions = pinot_ref_dims_product(gs, 1, rank - 1); /* output positions per (n, c) */
    int64_t plane = pinot_ref_dims_product(ds, 2, rank);        /* data elements per (n, c) */
    int64_t dstrides[PINOT_MAX_RANK];
    pinot_ref_dense_strides(ds, dstrides);
    if (plane == 0) {
        /* an empty spatial axis: zeros padding reads only zeros, the others have no pixel to clamp to */
        if (a->padding_mode != GS_ZEROS) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                         "%s padding needs non-empty spatial axes in the data input",
                                         gs_padding_values[a->padding_mode]);
        }
        for (uint64_t k = 0; k < pinot_tensor_get_size(outputs[0]); k++) {
            pinot_ref_store_f64(type, out, k, 0.0);
        }
        return PINOT_STATUS_OK;
    }

    for (int64_t n = 0; n < n_batch; n++) {
        for (int64_t p = 0; p < positions; p++) {
            /* the grid lists x (last data axis) first */
            struct axis_taps taps[GRID_SAMPLE_MAX_SPATIAL];
            bool valid = true;
            for (uint32_t k = 0; k < s_count && valid; k++) {
                uint64_t gi = (uint64_t)((n * positions + p) * (int64_t)s_count) + (s_count - 1 - k);
                double g = pinot_ref_load_f64(grid_type, grid, gi);
                valid = axis_taps(a, g, ds->dims[2 + k], single, &taps[k]);
            }
            for (int64_t c = 0; c < channels; c++) {
                uint64_t oi = (uint64_t)((n * channels + c) * positions + p);
                int64_t base = (n * channels + c) * plane;
                if (!valid) {
                    pinot_ref_store_f64(type, out, oi, NAN);
                    continue;
                }
                if (a->mode == GS_NEAREST) {
                    int64_t src = base;
                    bool inside = true;
                    for (uint32_t k = 0; k < s_count; k++) {
                        inside = inside && taps[k].index[0] >= 0;
                        src += taps[k].index[0] * dstrides[2 + k];
                    }
                    if (!inside) {
                        pinot_ref_store_f64(type, out, oi, 0.0);
                    } else if (copy) {
                        memcpy((uint8_t *)out + oi * esize, (const uint8_t *)in + (uint64_t)src * esize, esize);
                    } else {
                        pinot_ref_store_f64(type, out, oi, pinot_ref_load_f64(type, in, (uint64_t)src));
                    }
                    continue;
                }
                /* sum over every combination of the axes' taps (odometer over tap numbers) */
                int pick[GRID_SAMPLE_MAX_SPATIAL] = {0};
                double sum = 0.0;
                for (;;) {
                    double w = 1.0;
                    int64_t src = base;
                    for (uint32_t k = 0; k < s_count && w != 0.0; k++) {
                        int64_t i = taps[k].index[pick[k]];
                        w = i < 0 ? 0.0 : w * taps[k].weight[pick[k]];
                        src += i * dstrides[2 + k];
                    }
                    if (w != 0.0) {
                        sum += w * pinot_ref_load_f64(type, in, (uint64_t)src);
                    }
                    uint32_t k = s_count;
                    while (k-- > 0) {
                        if (++pick[k] < taps[k].n) {
                            break;
                        }
                        pick[k] = 0;
                    }
                    if (k == UINT32_MAX) {
                        break;
                    }
                }
                pinot_ref_store_f64(type, out, oi, sum);
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t grid_sample_versions[] = {9, 0};

const struct pinot_op_impl pinot_op_impl_grid_sample = {
    .type_name = "GridSample",
    .versions = grid_sample_versions,
    .attrs = grid_sample_attr_descs,
    .attrs_size = sizeof(struct grid_sample_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = grid_sample_validate,
    .evaluate = grid_sample_evaluate,
};

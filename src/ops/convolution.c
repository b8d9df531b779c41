/* Convolutions: Convolution, GroupConvolution, ConvolutionBackpropData and
 * GroupConvolutionBackpropData (all version 1) over 1, 2 or 3 spatial axes,
 * with strides, dilations, explicit or automatic padding, output_padding and
 * the optional output_shape input of the backprop ops. The reference kernels
 * are direct loops (no im2col, no packing): f32 and f64 run natively, other
 * floats through f32, integers in wrapping 64-bit arithmetic. */
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "kernels/f32-gemm/gemm-impl.h"
#include "ops/ref-util.h"
#include "ops/spatial-util.h"
#include "runtime/runtime-impl.h"

/* ---- attributes ---- */

struct conv_attrs {
    pinot_ints strides;
    pinot_ints dilations;
    pinot_ints pads_begin;
    pinot_ints pads_end;
    pinot_ints output_padding; /* backprop ops only */
    int32_t auto_pad;
};

/* Descriptor order follows OpenVINO's visit_attributes of each op. */
static const struct pinot_attr_desc convolution_attr_descs[] = {
    PINOT_ATTR(struct conv_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_ENUM_OF(struct conv_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc group_convolution_attr_descs[] = {
    PINOT_ATTR(struct conv_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_ENUM_OF(struct conv_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc convolution_backprop_attr_descs[] = {
    PINOT_ATTR(struct conv_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_ENUM_OF(struct conv_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR(struct conv_attrs, output_padding, "output_padding", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc group_convolution_backprop_attr_descs[] = {
    PINOT_ATTR(struct conv_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct conv_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_ENUM_OF(struct conv_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR(struct conv_attrs, output_padding, "output_padding", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_END,
};

/* ---- shape inference ---- */

enum conv_kind { CONV_FWD, CONV_GROUP, CONV_BP, CONV_GROUP_BP };

static enum conv_kind conv_kind_of(const struct pinot_node * node) {
    switch (node->op) {
    case PINOT_OP_GROUP_CONVOLUTION:
        return CONV_GROUP;
    case PINOT_OP_CONVOLUTION_BACKPROP_DATA:
        return CONV_BP;
    case PINOT_OP_GROUP_CONVOLUTION_BACKPROP_DATA:
        return CONV_GROUP_BP;
    default:
        return CONV_FWD;
    }
}

static bool conv_is_group(enum conv_kind kind) {
    return kind == CONV_GROUP || kind == CONV_GROUP_BP;
}

static bool conv_is_backprop(enum conv_kind kind) {
    return kind == CONV_BP || kind == CONV_GROUP_BP;
}

/* Attributes resolved against the number of spatial axes (empty lists take
 * their defaults, automatic padding is computed where shapes allow). */
struct conv_geom {
    uint32_t n_spatial; /* 0: unknown (dynamic ranks everywhere) */
    int64_t strides[PINOT_SPATIAL_MAX];
    int64_t dilations[PINOT_SPATIAL_MAX];
    int64_t pads_begin[PINOT_SPATIAL_MAX];
    int64_t pads_end[PINOT_SPATIAL_MAX];
    int64_t output_padding[PINOT_SPATIAL_MAX];
};

/* Copy an attribute list of n_spatial entries, or its default when empty. */
static pinot_status conv_list(const struct pinot_node * node, const pinot_ints * list, uint32_t n_spatial,
                              int64_t fallback, const char * what, int64_t * out) {
    if (list->n == 0) {
        for (uint32_t i = 0; i < n_spatial; i++) {
            out[i] = fallback;
        }
        return PINOT_STATUS_OK;
    }
    if (list->n != n_spatial) {
        return pinot_node_error(
            node, PINOT_STATUS_INVALID_ARGUMENT,
            "%s should be defined for all and only spatial dimensions (got %u values, expected %u).", what, list->n,
            n_spatial);
    }
    memcpy(out, list->v, n_spatial * sizeof(int64_t));
    return PINOT_STATUS_OK;
}

/* The number of spatial axes: from the ranks, the output_shape input, or the attribute lists. */
static uint32_t conv_spatial_count(const struct conv_attrs * a, enum conv_kind kind, const pinot_partial_shape * data,
                                   const pinot_partial_shape * filters, const pinot_partial_shape * out_spatial) {
    if (data->rank >= 0) {
        return data->rank >= 2 ? (uint32_t)data->rank - 2 : 0;
    }
    int32_t offset = 2 + (conv_is_group(kind) ? 1 : 0);
    if (filters->rank >= 0) {
        return filters->rank >= offset ? (uint32_t)(filters->rank - offset) : 0;
    }
    if (out_spatial != NULL && out_spatial->rank == 1 && pinot_dim_is_static(out_spatial->dims[0])) {
        return (uint32_t)out_spatial->dims[0].min;
    }
    const pinot_ints * lists[] = {&a->strides, &a->dilations, &a->pads_begin, &a->pads_end, &a->output_padding};
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        if (lists[i]->n > 0) {
            return lists[i]->n;
        }
    }
    return 0;
}

/*
 * Infer the output shape of a convolution from its inputs' shapes.
 * @p out_spatial_shape is the shape of the output_shape input (NULL when
 * absent) and @p out_values its values when known (NULL otherwise). Fills
 * @p geom with the resolved attributes (pads computed for automatic padding
 * when the shapes are static, else zero). Used by validate() with partial
 * shapes and by evaluate() with the actual static shapes.
 */
static pinot_status conv_infer(const struct pinot_node * node, const pinot_partial_shape * data,
                               const pinot_partial_shape * filters, const pinot_partial_shape * out_spatial_shape,
                               const int64_t * out_values, struct conv_geom * geom, pinot_partial_shape * out) {
    const struct conv_attrs * a = PINOT_ATTRS(node, struct conv_attrs);
    enum conv_kind kind = conv_kind_of(node);
    const bool group = conv_is_group(kind);
    const bool backprop = conv_is_backprop(kind);
    const int32_t f_offset = group ? 1 : 0;
    char b1[256], b2[256];
    pinot_status status;

    memset(geom, 0, sizeof(*geom));
    if (data->rank >= 0 && (data->rank < 3 || data->rank > 5)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a 3D, 4D or 5D tensor for the input. Got: %s",
                                sp_shape_text(data, b1, sizeof(b1)));
    }
    if (filters->rank >= 0 && (filters->rank < 3 + f_offset || filters->rank > 5 + f_offset)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a %dD, %dD or %dD tensor for the filters. Got: %s", 3 + f_offset,
                                4 + f_offset, 5 + f_offset, sp_shape_text(filters, b1, sizeof(b1)));
    }
    if (data->rank >= 0 && filters->rank >= 0 && filters->rank != data->rank + f_offset) {
        /* OpenVINO words this one differently for GroupConvolutionBackpropData. */
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "%s and filters rank do not match (data batch shape: %s, filters shape: %s).",
                                kind == CONV_GROUP_BP ? "Data" : "Data batch", sp_shape_text(data, b1, sizeof(b1)),
                                sp_shape_text(filters, b2, sizeof(b2)));
    }
    if (out_spatial_shape != NULL && out_spatial_shape->rank >= 0 && out_spatial_shape->rank != 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Input delta shape must be a 1D tensor (output_shape shape: %s).",
                                sp_shape_text(out_spatial_shape, b1, sizeof(b1)));
    }

    uint32_t n = conv_spatial_count(a, kind, data, filters, out_spatial_shape);
    if (n == 0 || n > PINOT_SPATIAL_MAX) {
        if (n > PINOT_SPATIAL_MAX) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Expected 1, 2 or 3 spatial dimensions (got %u from the attributes).", n);
        }
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    geom->n_spatial = n;
    if ((status = conv_list(node, &a->strides, n, 1, "Strides", geom->strides)) != PINOT_STATUS_OK ||
        (status = conv_list(node, &a->dilations, n, 1, "Dilations", geom->dilations)) != PINOT_STATUS_OK) {
        return status;
    }
    if ((a->pads_begin.n != 0 && a->pads_begin.n != n) || (a->pads_end.n != 0 && a->pads_end.n != n)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Pads begin and end should be defined for all and only spatial dimensions "
                                "(got %u and %u values, expected %u).",
                                a->pads_begin.n, a->pads_end.n, n);
    }
    (void)conv_list(node, &a->pads_begin, n, 0, "Pads begin", geom->pads_begin);
    (void)conv_list(node, &a->pads_end, n, 0, "Pads end", geom->pads_end);
    if (backprop && (status = conv_list(node, &a->output_padding, n, 0, "Output padding", geom->output_padding)) !=
                        PINOT_STATUS_OK) {
        return status;
    }
    {
        const char * names[] = {"strides", "dilations", "pads_begin", "pads_end", "output_padding"};
        const int64_t * lists[] = {geom->strides, geom->dilations, geom->pads_begin, geom->pads_end,
                                   geom->output_padding};
        for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
            int at = sp_find_huge(lists[l], n);
            if (at >= 0) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "%s value %lld is out of range (at most 2^31 in magnitude)", names[l],
                                        (long long)lists[l][at]);
            }
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        if (geom->strides[i] <= 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Strides has %s dimension(s). %s",
                                    geom->strides[i] == 0 ? "zero" : "negative",
                                    sp_list_text("Strides", geom->strides, n, b1, sizeof(b1)));
        }
        if (geom->dilations[i] <= 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Filter dilations has %s dimension(s). %s",
                                    geom->dilations[i] == 0 ? "zero" : "negative",
                                    sp_list_text("Dilations", geom->dilations, n, b1, sizeof(b1)));
        }
    }
    if (out_spatial_shape != NULL && out_spatial_shape->rank == 1 && pinot_dim_is_static(out_spatial_shape->dims[0]) &&
        out_spatial_shape->dims[0].min != (int64_t)n) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Output shape should be defined for all and only spatial dimensions (got %lld "
                                "values, expected %u).",
                                (long long)out_spatial_shape->dims[0].min, n);
    }

    /* Channels: [N, C_in, ...] with filters [C_out, C_in, k...] (forward),
     * [C_in, C_out, k...] (backprop), [G, C_out/G, C_in/G, k...] (group) or
     * [G, C_in/G, C_out/G, k...] (group backprop). */
    const pinot_dim any = pinot_dim_dynamic();
    pinot_dim batch = data->rank >= 0 ? data->dims[0] : any;
    pinot_dim c_in = data->rank >= 0 ? data->dims[1] : any;
    pinot_dim c_out;
    if (!group) {
        pinot_dim f_in = filters->rank >= 0 ? filters->dims[backprop ? 0 : 1] : any;
        c_out = filters->rank >= 0 ? filters->dims[backprop ? 1 : 0] : any;
        if (!pinot_dim_compatible(c_in, f_in)) {
            char d1[64], d2[64];
            pinot_dim_to_string(c_in, d1, sizeof(d1));
            pinot_dim_to_string(f_in, d2, sizeof(d2));
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Data batch channel count (%s) does not match filter input channel count (%s).", d1,
                                    d2);
        }
    } else {
        pinot_dim groups = filters->rank >= 0 ? filters->dims[0] : any;
        pinot_dim per_in = filters->rank >= 0 ? filters->dims[backprop ? 1 : 2] : any;
        pinot_dim per_out = filters->rank >= 0 ? filters->dims[backprop ? 2 : 1] : any;
        if (pinot_dim_is_static(c_in) && pinot_dim_is_static(per_in)) {
            bool ok;
            pinot_dim derived = any;
            if (per_in.min == 0) {
                ok = c_in.min == 0;
            } else {
                ok = c_in.min % per_in.min == 0;
                derived = pinot_dim_static(c_in.min / per_in.min);
            }
            if (ok) {
                ok = pinot_dim_merge(groups, derived, &groups);
            }
            if (!ok) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Input channels dimension of data batch is incompatible with filter groups or "
                                        "input channels (data batch shape: %s, filters shape: %s).",
                                        sp_shape_text(data, b1, sizeof(b1)), sp_shape_text(filters, b2, sizeof(b2)));
            }
        }
        c_out = pinot_dim_is_static(groups) && pinot_dim_is_static(per_out) ? pinot_dim_static(groups.min * per_out.min)
                : (pinot_dim_is_static(groups) && groups.min == 0) || (pinot_dim_is_static(per_out) && per_out.min == 0)
                    ? pinot_dim_static(0)
                    : any;
    }

    out->rank = (int32_t)n + 2;
    out->dims[0] = batch;
    out->dims[1] = c_out;
    for (uint32_t i = 0; i < n; i++) {
        pinot_dim in = data->rank >= 0 ? data->dims[2 + i] : any;
        pinot_dim k = filters->rank >= 0 ? filters->dims[2 + f_offset + i] : any;
        pinot_dim kd = sp_dim_dilated(k, geom->dilations[i]);
        const int64_t s = geom->strides[i];
        const bool shapes_static = pinot_dim_is_static(in) && pinot_dim_is_static(kd);
        const bool same = a->auto_pad == PINOT_PAD_SAME_UPPER || a->auto_pad == PINOT_PAD_SAME_LOWER;
        const bool upper = a->auto_pad == PINOT_PAD_SAME_UPPER;
        if (a->auto_pad == PINOT_PAD_VALID || (same && !shapes_static)) {
            geom->pads_begin[i] = geom->pads_end[i] = 0;
        }
        if (!backprop) {
            if (same) {
                /* out = ceil(in / s); the padding makes the last window fit. */
                pinot_dim o = sp_dim_ceil_div(in, s);
                if (shapes_static) {
                    int64_t total = (o.min - 1) * s + kd.min - in.min;
                    total = total > 0 ? total : 0;
                    geom->pads_begin[i] = upper ? total / 2 : total - total / 2;
                    geom->pads_end[i] = total - geom->pads_begin[i];
                }
                out->dims[2 + i] = o;
                continue;
            }
            const int64_t pads = geom->pads_begin[i] + geom->pads_end[i];
            if (shapes_static) {
                int64_t padded = in.min + pads;
                if (kd.min > padded) {
                    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                            "Kernel after dilation has size (dim: %lld) larger than the data shape "
                                            "after padding (dim: %lld) at axis %u.",
                                            (long long)kd.min, (long long)padded, i);
                }
                out->dims[2 + i] = pinot_dim_static((padded - kd.min) / s + 1);
            } else {
                pinot_dim padded = sp_dim_add_const(in, pads);
                out->dims[2 + i] = sp_dim_add(sp_dim_floor_div(sp_dim_sub(padded, kd), s), pinot_dim_static(1));
            }
            continue;
        }
        /* Backprop: out = s * (in - 1) + dilated kernel - pads + output_padding. */
        const int64_t op = geom->output_padding[i];
        if (out_values != NULL) {
            if (out_values[i] < 0) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Output shape values must be non-negative (got %lld at axis %u).",
                                        (long long)out_values[i], i);
            }
            if (same && shapes_static) {
                int64_t total = s * (in.min > 0 ? in.min - 1 : 0) + kd.min - out_values[i] + op;
                total = total > 0 ? total : 0;
                geom->pads_begin[i] = upper ? total - total / 2 : total / 2;
                geom->pads_end[i] = total - geom->pads_begin[i];
            }
            out->dims[2 + i] = pinot_dim_static(out_values[i]);
            continue;
        }
        if (out_spatial_shape != NULL) {
            out->dims[2 + i] = any; /* given at run time, and automatic pads with it */
            if (same) {
                geom->pads_begin[i] = geom->pads_end[i] = 0;
            }
            continue;
        }
        if (same) {
            geom->pads_begin[i] = geom->pads_end[i] = 0;
        }
        const int64_t delta = op - geom->pads_begin[i] - geom->pads_end[i];
        pinot_dim span = sp_dim_add(sp_dim_mul_const(sp_dim_sub(in, pinot_dim_static(1)), s), kd);
        if (pinot_dim_is_static(span)) {
            int64_t v = span.min + delta;
            out->dims[2 + i] = v >= 0 ? pinot_dim_static(v) : any;
        } else {
            out->dims[2 + i] = sp_dim_add_const(span, delta);
        }
    }
    return PINOT_STATUS_OK;
}

/* Write the resolved lists back, as OpenVINO does (attributes then show the
 * padding chosen by auto_pad and the filled-in defaults). */
static void conv_store_geom(struct pinot_node * node, const struct conv_geom * geom) {
    struct conv_attrs * a = (struct conv_attrs *)node->attrs;
    uint32_t n = geom->n_spatial;
    if (n == 0) {
        return;
    }
    pinot_ints * lists[] = {&a->strides, &a->dilations, &a->pads_begin, &a->pads_end, &a->output_padding};
    const int64_t * values[] = {geom->strides, geom->dilations, geom->pads_begin, geom->pads_end, geom->output_padding};
    size_t count = conv_is_backprop(conv_kind_of(node)) ? 5 : 4;
    for (size_t i = 0; i < count; i++) {
        lists[i]->n = n;
        memcpy(lists[i]->v, values[i], n * sizeof(int64_t));
    }
}

static bool is_numeric(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC || (info != NULL && (info->is_real || info->is_integral_number));
}

static pinot_status conv_validate(struct pinot_node * node) {
    enum conv_kind kind = conv_kind_of(node);
    const bool backprop = conv_is_backprop(kind);
    pinot_dtype data_type = pinot_node_input_type(node, 0);
    pinot_dtype filters_type = pinot_node_input_type(node, 1);
    pinot_dtype type;
    if (!pinot_dtype_merge(data_type, filters_type, &type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element types for data batch and filters do not match (data batch element type: %s, "
                                "filters element type: %s).",
                                pinot_dtype_name(data_type), pinot_dtype_name(filters_type));
    }
    if (!is_numeric(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Element types must be numeric. Got: %s",
                                pinot_dtype_name(type));
    }
    if (!backprop && node->n_inputs != 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "expected 2 inputs (got %u)", node->n_inputs);
    }

    const pinot_partial_shape * out_spatial_shape = NULL;
    int64_t values[PINOT_SPATIAL_MAX];
    const int64_t * out_values = NULL;
    if (node->n_inputs == 3) {
        pinot_dtype shape_type = pinot_node_input_type(node, 2);
        const pinot_dtype_info * info = pinot_dtype_get_info(shape_type);
        if (shape_type != PINOT_DTYPE_DYNAMIC && !(info != NULL && info->is_integral_number)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Element type for output shape should be of integer type (output_shape element "
                                    "type: %s).",
                                    pinot_dtype_name(shape_type));
        }
        out_spatial_shape = pinot_node_input_shape(node, 2);
        const pinot_tensor_t * value = pinot_node_input_value(node, 2);
        if (value != NULL && out_spatial_shape->rank <= 1 && pinot_tensor_get_size(value) <= PINOT_SPATIAL_MAX) {
            uint32_t count = 0;
            pinot_status status = PINOT_STATUS_OK;
            if (pinot_node_input_ints(node, 2, values, PINOT_SPATIAL_MAX, &count, &status)) {
                out_values = values;
            } else if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
    }

    struct conv_geom geom;
    pinot_partial_shape out;
    pinot_status status = conv_infer(node, pinot_node_input_shape(node, 0), pinot_node_input_shape(node, 1),
                                     out_spatial_shape, out_values, &geom, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    conv_store_geom(node, &geom);
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* ---- kernels ---- */

/* A convolution in 3 spatial axes (fewer are padded with unit axes in front). */
struct conv_run {
    int64_t batch, groups, c_in, c_out; /* c_in / c_out: channels per group */
    int64_t in[3], k[3], out[3], s[3], d[3], p[3];
};

/* Per horizontal tap kw, the positions [lo, hi) (clamped to [0, limit]) whose
 * column kw * d - p + position * s lands in [0, reach): forward convolution
 * walks output positions reading an input row (reach = in, limit = out), the
 * transposed one input positions writing an output row (reach = out, limit = in). */
static void conv_tap_ranges(const struct conv_run * r, int64_t reach, int64_t limit, int64_t * lo, int64_t * hi) {
    for (int64_t kw = 0; kw < r->k[2]; kw++) {
        int64_t off = kw * r->d[2] - r->p[2];
        int64_t a = off >= 0 ? 0 : sp_ceil_div(-off, r->s[2]);
        int64_t b = reach - off <= 0 ? 0 : sp_ceil_div(reach - off, r->s[2]);
        lo[kw] = a < limit ? a : limit;
        hi[kw] = b < limit ? b : limit;
        if (hi[kw] < lo[kw]) {
            hi[kw] = lo[kw];
        }
    }
}

/*
 * Direct forward convolution. Per output row the loop runs over input
 * channels and kernel taps; the innermost loop walks the row's valid range
 * (precomputed per horizontal tap, so no bounds checks inside it):
 *   y[n, g*c_out + oc, o] = sum_{ic, k} x[n, g*c_in + ic, o*s + k*d - p] * w[g, oc, ic, k]
 */
#define DEFINE_CONV_FORWARD(NAME, T)                                                                                   \
    static void NAME(const struct conv_run * r, const T * x, const T * w, T * y, int64_t * lo, int64_t * hi) {         \
        const int64_t in_plane = r->in[0] * r->in[1] * r->in[2];                                                       \
        const int64_t out_plane = r->out[0] * r->out[1] * r->out[2];                                                   \
        const int64_t k_size = r->k[0] * r->k[1] * r->k[2];                                                            \
        conv_tap_ranges(r, r->in[2], r->out[2], lo, hi);                                                               \
        for (int64_t n = 0; n < r->batch; n++) {                                                                       \
            for (int64_t g = 0; g < r->groups; g++) {                                                                  \
                for (int64_t oc = 0; oc < r->c_out; oc++) {                                                            \
                    T * yp = y + ((n * r->groups + g) * r->c_out + oc) * out_plane;                                    \
                    const T * wp = w + (g * r->c_out + oc) * r->c_in * k_size;                                         \
                    const T * xn = x + (n * r->groups + g) * r->c_in * in_plane;                                       \
                    for (int64_t od = 0; od < r->out[0]; od++) {                                                       \
                        for (int64_t oh = 0; oh < r->out[1]; oh++) {                                                   \
                            T * yrow = yp + (od * r->out[1] + oh) * r->out[2];                                         \
                            for (int64_t ow = 0; ow < r->out[2]; ow++) {                                               \
                                yrow[ow] = 0;                                                                          \
                            }                                                                                          \
                            for (int64_t ic = 0; ic < r->c_in; ic++) {                                                 \
                                const T * xp = xn + ic * in_plane;                                                     \
                                const T * wk = wp + ic * k_size;                                                       \
                                for (int64_t kd = 0; kd < r->k[0]; kd++) {                                             \
                                    int64_t id = od * r->s[0] + kd * r->d[0] - r->p[0];                                \
                                    if (id < 0 || id >= r->in[0]) {                                                    \
                                        continue;                                                                      \
                                    }                                                                                  \
                                    for (int64_t kh = 0; kh < r->k[1]; kh++) {                                         \
                                        int64_t ih = oh * r->s[1] + kh * r->d[1] - r->p[1];                            \
                                        if (ih < 0 || ih >= r->in[1]) {                                                \
                                            continue;                                                                  \
                                        }                                                                              \
                                        const T * xrow = xp + (id * r->in[1] + ih) * r->in[2];                         \
                                        const T * wrow = wk + (kd * r->k[1] + kh) * r->k[2];                           \
                                        for (int64_t kw = 0; kw < r->k[2]; kw++) {                                     \
                                            const T wv = wrow[kw];                                                     \
                                            const int64_t off = kw * r->d[2] - r->p[2];                                \
                                            const int64_t end = hi[kw];                                                \
                                            if (r->s[2] == 1) {                                                        \
                                                for (int64_t ow = lo[kw]; ow < end; ow++) {                            \
                                                    yrow[ow] += wv * xrow[ow + off];                                   \
                                                }                                                                      \
                                            } else {                                                                   \
                                                const int64_t st = r->s[2];                                            \
                                                for (int64_t ow = lo[kw]; ow < end; ow++) {                            \
                                                    yrow[ow] += wv * xrow[ow * st + off];                              \
                                                }                                                                      \
                                            }                                                                          \
                                        }                                                                              \
                                    }                                                                                  \
                                }                                                                                      \
                            }                                                                                          \
                        }                                                                                              \
                    }                                                                                                  \
                }                                                                                                      \
            }                                                                                                          \
        }                                                                                                              \
    }

/*
 * f32 forward convolution as GEMM: per (batch, group), the input is unfolded
 * into columns B[c_in * k_size, out_plane] (im2col; a 1x1 kernel with unit
 * stride and no padding uses the input as it is), and
 *   Y[c_out, out_plane] = W[c_out, c_in * k_size] · B
 * runs on the packed f32 GEMM over the stream's thread pool. @p cols holds
 * c_in * k_size * out_plane floats (NULL for the 1x1 case).
 */
static bool conv_is_pointwise(const struct conv_run * r) {
    for (int i = 0; i < 3; i++) {
        if (r->k[i] != 1 || r->s[i] != 1 || r->p[i] != 0 || r->in[i] != r->out[i]) {
            return false;
        }
    }
    return true;
}

static void conv_im2col_f32(const struct conv_run * r, const float * x, float * cols, const int64_t * lo_w,
                            const int64_t * hi_w) {
    const int64_t out_plane = r->out[0] * r->out[1] * r->out[2];
    const int64_t in_plane = r->in[0] * r->in[1] * r->in[2];
    for (int64_t ic = 0; ic < r->c_in; ic++) {
        const float * xp = x + ic * in_plane;
        for (int64_t kd = 0; kd < r->k[0]; kd++) {
            for (int64_t kh = 0; kh < r->k[1]; kh++) {
                for (int64_t kw = 0; kw < r->k[2]; kw++) {
                    float * row = cols + (((ic * r->k[0] + kd) * r->k[1] + kh) * r->k[2] + kw) * out_plane;
                    for (int64_t od = 0; od < r->out[0]; od++) {
                        const int64_t id = od * r->s[0] + kd * r->d[0] - r->p[0];
                        for (int64_t oh = 0; oh < r->out[1]; oh++) {
                            const int64_t ih = oh * r->s[1] + kh * r->d[1] - r->p[1];
                            float * dst = row + (od * r->out[1] + oh) * r->out[2];
                            if (id < 0 || id >= r->in[0] || ih < 0 || ih >= r->in[1]) {
                                memset(dst, 0, (size_t)r->out[2] * sizeof(float));
                                continue;
                            }
                            /* the taps in [lo, hi) read inside the row; the rest are padding */
                            const float * src = xp + (id * r->in[1] + ih) * r->in[2];
                            const int64_t off = kw * r->d[2] - r->p[2], st = r->s[2];
                            const int64_t lo = lo_w[kw], hi = hi_w[kw];
                            memset(dst, 0, (size_t)lo * sizeof(float));
                            if (st == 1) {
                                memcpy(dst + lo, src + lo + off, (size_t)(hi - lo) * sizeof(float));
                            } else {
                                for (int64_t ow = lo; ow < hi; ow++) {
                                    dst[ow] = src[ow * st + off];
                                }
                            }
                            memset(dst + hi, 0, (size_t)(r->out[2] - hi) * sizeof(float));
                        }
                    }
                }
            }
        }
    }
}

static pinot_status conv_forward_gemm_f32(const struct conv_run * r, const float * x, const float * w, float * y,
                                          int64_t * lo, int64_t * hi) {
    const int64_t out_plane = r->out[0] * r->out[1] * r->out[2];
    const int64_t in_plane = r->in[0] * r->in[1] * r->in[2];
    const int64_t k_size = r->k[0] * r->k[1] * r->k[2];
    const int64_t depth = r->c_in * k_size;
    const bool pointwise = conv_is_pointwise(r);
    float * cols = NULL;
    if (!pointwise && (cols = malloc((size_t)depth * (size_t)out_plane * sizeof(float))) == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in convolution");
    }
    conv_tap_ranges(r, r->in[2], r->out[2], lo, hi);
    struct pinot_threadpool * pool = pinot_streams_current_pool();
    pinot_status status = PINOT_STATUS_OK;
    for (int64_t n = 0; n < r->batch && status == PINOT_STATUS_OK; n++) {
        for (int64_t g = 0; g < r->groups && status == PINOT_STATUS_OK; g++) {
            const float * xg = x + (n * r->groups + g) * r->c_in * in_plane;
            const float * b = xg;
            if (!pointwise) {
                conv_im2col_f32(r, xg, cols, lo, hi);
                b = cols;
            }
            status = pinot_f32_gemm((size_t)r->c_out, (size_t)out_plane, (size_t)depth, w + g * r->c_out * depth,
                                    (size_t)depth, false, b, (size_t)out_plane, false,
                                    y + (n * r->groups + g) * r->c_out * out_plane, (size_t)out_plane, pool);
        }
    }
    free(cols);
    return status;
}

/*
 * Direct transposed convolution (scatter form): every input element adds its
 * contribution to the outputs its taps reach,
 *   y[n, g*c_out + oc, i*s + k*d - p] += x[n, g*c_in + ic, i] * w[g, ic, oc, k].
 */
#define DEFINE_CONV_BACKPROP(NAME, T)                                                                                  \
    static void NAME(const struct conv_run * r, const T * x, const T * w, T * y, int64_t * lo, int64_t * hi) {         \
        const int64_t in_plane = r->in[0] * r->in[1] * r->in[2];                                                       \
        const int64_t out_plane = r->out[0] * r->out[1] * r->out[2];                                                   \
        const int64_t k_size = r->k[0] * r->k[1] * r->k[2];                                                            \
        conv_tap_ranges(r, r->out[2], r->in[2], lo, hi);                                                               \
        for (int64_t n = 0; n < r->batch; n++) {                                                                       \
            for (int64_t g = 0; g < r->groups; g++) {                                                                  \
                for (int64_t oc = 0; oc < r->c_out; oc++) {                                                            \
                    T * yp = y + ((n * r->groups + g) * r->c_out + oc) * out_plane;                                    \
                    for (int64_t i = 0; i < out_plane; i++) {                                                          \
                        yp[i] = 0;                                                                                     \
                    }                                                                                                  \
                    for (int64_t ic = 0; ic < r->c_in; ic++) {                                                         \
                        const T * xp = x + ((n * r->groups + g) * r->c_in + ic) * in_plane;                            \
                        const T * wk = w + ((g * r->c_in + ic) * r->c_out + oc) * k_size;                              \
                        for (int64_t id = 0; id < r->in[0]; id++) {                                                    \
                            for (int64_t kd = 0; kd < r->k[0]; kd++) {                                                 \
                                int64_t od = id * r->s[0] + kd * r->d[0] - r->p[0];                                    \
                                if (od < 0 || od >= r->out[0]) {                                                       \
                                    continue;                                                                          \
                                }                                                                                      \
                                for (int64_t ih = 0; ih < r->in[1]; ih++) {                                            \
                                    for (int64_t kh = 0; kh < r->k[1]; kh++) {                                         \
                                        int64_t oh = ih * r->s[1] + kh * r->d[1] - r->p[1];                            \
                                        if (oh < 0 || oh >= r->out[1]) {                                               \
                                            continue;                                                                  \
                                        }                                                                              \
                                        const T * xrow = xp + (id * r->in[1] + ih) * r->in[2];                         \
                                        T * yrow = yp + (od * r->out[1] + oh) * r->out[2];                             \
                                        const T * wrow = wk + (kd * r->k[1] + kh) * r->k[2];                           \
                                        for (int64_t kw = 0; kw < r->k[2]; kw++) {                                     \
                                            const T wv = wrow[kw];                                                     \
                                            const int64_t off = kw * r->d[2] - r->p[2];                                \
                                            const int64_t st = r->s[2];                                                \
                                            const int64_t end = hi[kw];                                                \
                                            for (int64_t iw = lo[kw]; iw < end; iw++) {                                \
                                                yrow[iw * st + off] += wv * xrow[iw];                                  \
                                            }                                                                          \
                                        }                                                                              \
                                    }                                                                                  \
                                }                                                                                      \
                            }                                                                                          \
                        }                                                                                              \
                    }                                                                                                  \
                }                                                                                                      \
            }                                                                                                          \
        }                                                                                                              \
    }

DEFINE_CONV_FORWARD(conv_forward_f32, float)
DEFINE_CONV_FORWARD(conv_forward_f64, double)
DEFINE_CONV_FORWARD(conv_forward_int, uint64_t) /* wrapping two's complement arithmetic */
DEFINE_CONV_BACKPROP(conv_backprop_f32, float)
DEFINE_CONV_BACKPROP(conv_backprop_f64, double)
DEFINE_CONV_BACKPROP(conv_backprop_int, uint64_t)

/* Which arithmetic an element type runs in. */
enum conv_math { CONV_MATH_F32, CONV_MATH_F64, CONV_MATH_INT };

static enum conv_math conv_math_of(pinot_dtype type) {
    if (type == PINOT_DTYPE_F64) {
        return CONV_MATH_F64;
    }
    return pinot_ref_is_int(type) ? CONV_MATH_INT : CONV_MATH_F32;
}

static size_t conv_math_size(enum conv_math math) {
    return math == CONV_MATH_F32 ? sizeof(float) : 8;
}

/* The tensor's elements in the kernel's arithmetic: its own buffer when the
 * type already matches, else a converted copy in *owned (the caller frees it). */
static pinot_status conv_operand(const pinot_tensor_t * t, enum conv_math math, void ** owned, const void ** out) {
    pinot_dtype type = pinot_tensor_get_type(t);
    uint64_t count = pinot_tensor_get_size(t);
    const void * data = pinot_tensor_get_data(t);
    *owned = NULL;
    if ((math == CONV_MATH_F32 && type == PINOT_DTYPE_F32) || (math == CONV_MATH_F64 && type == PINOT_DTYPE_F64)) {
        *out = data;
        return PINOT_STATUS_OK;
    }
    void * buf = malloc(count > 0 ? count * conv_math_size(math) : 1);
    if (buf == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory converting a convolution operand");
    }
    for (uint64_t i = 0; i < count; i++) {
        switch (math) {
        case CONV_MATH_F32:
            ((float *)buf)[i] = (float)pinot_ref_load_f64(type, data, i);
            break;
        case CONV_MATH_F64:
            ((double *)buf)[i] = pinot_ref_load_f64(type, data, i);
            break;
        case CONV_MATH_INT:
            ((uint64_t *)buf)[i] = (uint64_t)pinot_ref_load_i64(type, data, i);
            break;
        }
    }
    *owned = buf;
    *out = buf;
    return PINOT_STATUS_OK;
}

static pinot_status conv_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_tensor_t * const * outputs) {
    enum conv_kind kind = conv_kind_of(node);
    const bool backprop = conv_is_backprop(kind);
    pinot_partial_shape data, filters, spatial_shape, out;
    pinot_partial_shape_from_shape(&data, pinot_tensor_get_shape(inputs[0]));
    pinot_partial_shape_from_shape(&filters, pinot_tensor_get_shape(inputs[1]));
    int64_t values[PINOT_SPATIAL_MAX];
    const int64_t * out_values = NULL;
    if (node->n_inputs == 3) {
        const pinot_tensor_t * t = inputs[2];
        pinot_partial_shape_from_shape(&spatial_shape, pinot_tensor_get_shape(t));
        uint64_t count = pinot_tensor_get_size(t);
        if (spatial_shape.rank > 1 || count > PINOT_SPATIAL_MAX) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Output shape should be defined for all and only spatial dimensions (got %llu "
                                    "values).",
                                    (unsigned long long)count);
        }
        for (uint64_t i = 0; i < count; i++) {
            values[i] = pinot_ref_load_i64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), i);
        }
        out_values = values;
    }
    struct conv_geom geom;
    pinot_status status =
        conv_infer(node, &data, &filters, node->n_inputs == 3 ? &spatial_shape : NULL, out_values, &geom, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_shape out_shape;
    if (pinot_partial_shape_to_shape(&out, &out_shape) != PINOT_STATUS_OK) {
        char buf[256];
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "the output shape %s is not computable (negative size)",
                                sp_shape_text(&out, buf, sizeof(buf)));
    }
    uint64_t out_count;
    if (!pinot_shape_numel(&out_shape, &out_count)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the output is too large");
    }
    if ((status = pinot_tensor_set_shape(outputs[0], &out_shape)) != PINOT_STATUS_OK) {
        return status;
    }

    /* Geometry in 3 spatial axes (unit axes in front for 1D and 2D). */
    const pinot_shape * xs = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * ws = pinot_tensor_get_shape(inputs[1]);
    const uint32_t n = geom.n_spatial;
    const uint32_t lead = PINOT_SPATIAL_MAX - n;
    const int64_t f_offset = conv_is_group(kind) ? 1 : 0;
    struct conv_run r;
    r.batch = xs->dims[0];
    r.groups = f_offset ? ws->dims[0] : 1;
    r.c_in = backprop ? ws->dims[f_offset] : ws->dims[f_offset + 1];
    r.c_out = out_shape.dims[1] / (r.groups > 0 ? r.groups : 1);
    for (uint32_t i = 0; i < PINOT_SPATIAL_MAX; i++) {
        bool real = i >= lead;
        uint32_t j = i - lead;
        r.in[i] = real ? xs->dims[2 + j] : 1;
        r.k[i] = real ? ws->dims[2 + f_offset + j] : 1;
        r.out[i] = real ? out_shape.dims[2 + j] : 1;
        r.s[i] = real ? geom.strides[j] : 1;
        r.d[i] = real ? geom.dilations[j] : 1;
        r.p[i] = real ? geom.pads_begin[j] : 0;
    }
    if (out_count == 0) {
        return PINOT_STATUS_OK;
    }

    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    enum conv_math math = conv_math_of(type);
    void * x_owned = NULL;
    void * w_owned = NULL;
    void * y_owned = NULL;
    const void * x;
    const void * w;
    void * y = pinot_tensor_get_data(outputs[0]);
    int64_t * ranges = malloc(2 * (size_t)(r.k[2] > 0 ? r.k[2] : 1) * sizeof(int64_t));
    if (ranges == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in convolution");
    }
    if ((status = conv_operand(inputs[0], math, &x_owned, &x)) != PINOT_STATUS_OK ||
        (status = conv_operand(inputs[1], math, &w_owned, &w)) != PINOT_STATUS_OK) {
        goto cleanup;
    }
    if (!((math == CONV_MATH_F32 && type == PINOT_DTYPE_F32) || (math == CONV_MATH_F64 && type == PINOT_DTYPE_F64))) {
        y_owned = malloc(out_count * conv_math_size(math));
        if (y_owned == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in convolution");
            goto cleanup;
        }
        y = y_owned;
    }
    int64_t * lo = ranges;
    int64_t * hi = ranges + (r.k[2] > 0 ? r.k[2] : 1);
    switch (math) {
    case CONV_MATH_F32:
        if (!backprop && r.c_out > 0 && r.c_in > 0) {
            status = conv_forward_gemm_f32(&r, x, w, y, lo, hi);
        } else {
            (backprop ? conv_backprop_f32 : conv_forward_f32)(&r, x, w, y, lo, hi);
        }
        break;
    case CONV_MATH_F64:
        (backprop ? conv_backprop_f64 : conv_forward_f64)(&r, x, w, y, lo, hi);
        break;
    case CONV_MATH_INT:
        (backprop ? conv_backprop_int : conv_forward_int)(&r, x, w, y, lo, hi);
        break;
    }
    if (y_owned != NULL) {
        void * dst = pinot_tensor_get_data(outputs[0]);
        for (uint64_t i = 0; i < out_count; i++) {
            if (math == CONV_MATH_INT) {
                pinot_ref_store_i64(type, dst, i, (int64_t)((uint64_t *)y_owned)[i]);
            } else {
                pinot_ref_store_f64(type, dst, i, ((float *)y_owned)[i]);
            }
        }
    }
cleanup:
    free(y_owned);
    free(w_owned);
    free(x_owned);
    free(ranges);
    return status;
}

/* ---- the ops ---- */

static const uint8_t conv_versions[] = {1, 0};

// data: [N, C_in, D...], filters: [C_out, C_in, K...] -> [N, C_out, D'...]
const struct pinot_op_impl pinot_op_impl_convolution = {
    .type_name = "Convolution",
    .versions = conv_versions,
    .attrs = convolution_attr_descs,
    .attrs_size = sizeof(struct conv_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = conv_validate,
    .evaluate = conv_evaluate,
};

// data: [N, G*C_in, D...], filters: [G, C_out, C_in, K...] -> [N, G*C_out, D'...]
const struct pinot_op_impl pinot_op_impl_group_convolution = {
    .type_name = "GroupConvolution",
    .versions = conv_versions,
    .attrs = group_convolution_attr_descs,
    .attrs_size = sizeof(struct conv_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = conv_validate,
    .evaluate = conv_evaluate,
};

// data: [N, C_in, D...], filters: [C_in, C_out, K...], output_shape: [S] (optional) -> [N, C_out, D'...]
const struct pinot_op_impl pinot_op_impl_convolution_backprop_data = {
    .type_name = "ConvolutionBackpropData",
    .versions = conv_versions,
    .attrs = convolution_backprop_attr_descs,
    .attrs_size = sizeof(struct conv_attrs),
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = conv_validate,
    .evaluate = conv_evaluate,
};

// data: [N, G*C_in, D...], filters: [G, C_in, C_out, K...], output_shape: [S] (optional) -> [N, G*C_out, D'...]
const struct pinot_op_impl pinot_op_impl_group_convolution_backprop_data = {
    .type_name = "GroupConvolutionBackpropData",
    .versions = conv_versions,
    .attrs = group_convolution_backprop_attr_descs,
    .attrs_size = sizeof(struct conv_attrs),
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = conv_validate,
    .evaluate = conv_evaluate,
};

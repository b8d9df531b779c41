/* ONNX translators for the neural-network ops: Conv / ConvTranspose (with
 * groups and bias), pooling (with LpPool and MaxUnpool), normalizations
 * (BatchNormalization training mode included), TopK, Einsum, CumSum and the
 * gather/scatter variants, decomposed as OpenVINO's ONNX frontend does
 * (FORMATS.md F.3). Rows are in onnx-ops.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"

/* Spatial rank from the weights (Conv) or data (pools): rank - 2, which must be static. */
static pinot_status spatial_rank(struct onnx_import * ctx, pinot_output_ref ref, uint32_t * out) {
    const pinot_partial_shape * ps = pinot_node_get_output_shape(ref.node, ref.index);
    if (ps->rank < 3) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static rank 3 or more");
    }
    *out = (uint32_t)ps->rank - 2;
    return PINOT_STATUS_OK;
}

/* A per-spatial-axis list attribute, `fallback` when absent. */
static void spatial_ints(const struct onnx_node * node, const char * name, uint32_t n, int64_t fallback,
                         int64_t * out) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    for (uint32_t i = 0; i < n; i++) {
        out[i] = a != NULL && i < a->n_ints ? a->ints[i] : fallback;
    }
}

/* ONNX pads [b1..bn, e1..en] (or n values used on both sides) and auto_pad. */
static void spatial_pads(const struct onnx_node * node, uint32_t n, int64_t * begin, int64_t * end,
                         const char ** auto_pad) {
    const struct onnx_attribute * pads = onnx_attr(node, "pads");
    for (uint32_t i = 0; i < n; i++) {
        begin[i] = pads != NULL && i < pads->n_ints ? pads->ints[i] : 0;
        end[i] = pads != NULL && pads->n_ints == 2 * n ? pads->ints[n + i] : begin[i];
    }
    char buf[32];
    const char * mode = onnx_attr_string(node, "auto_pad", "NOTSET", buf, sizeof(buf));
    *auto_pad = strcmp(mode, "SAME_UPPER") == 0   ? "same_upper"
              : strcmp(mode, "SAME_LOWER") == 0   ? "same_lower"
              : strcmp(mode, "VALID") == 0        ? "valid"
                                                  : "explicit";
}

/* Add a bias [M] to an NC... output: reshape to [1, M, 1, ...]. */
static pinot_status add_channel_bias(struct onnx_import * ctx, pinot_output_ref value, pinot_output_ref bias,
                                     uint32_t spatial, pinot_output_ref * out) {
    int64_t shape[PINOT_MAX_RANK];
    shape[0] = 1;
    shape[1] = -1;
    for (uint32_t i = 0; i < spatial; i++) {
        shape[2 + i] = 1;
    }
    pinot_output_ref args[2] = {bias}, reshaped;
    TRY(onnx_const_i64(ctx, shape, spatial + 2, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &reshaped));
    pinot_output_ref pair[2] = {value, reshaped};
    return onnx_make(ctx, "Add", pair, 2, NULL, 0, out);
}

/* Weights [M, C/g, k...] -> [g, M/g, C/g, k...] for GroupConvolution (static weight shape). */
static pinot_status group_weights(struct onnx_import * ctx, pinot_output_ref w, int64_t group,
                                  pinot_output_ref * out) {
    const pinot_partial_shape * ps = pinot_node_get_output_shape(w.node, w.index);
    if (!pinot_partial_shape_is_static(ps)) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "grouped convolution needs static weights");
    }
    int64_t shape[PINOT_MAX_RANK];
    shape[0] = group;
    /* Conv weights are [M, C/g, k...]; ConvTranspose weights are [C, M/g, k...]. */
    shape[1] = ps->dims[0].min / group;
    shape[2] = ps->dims[1].min;
    for (int32_t i = 2; i < ps->rank; i++) {
        shape[i + 1] = ps->dims[i].min;
    }
    pinot_output_ref args[2] = {w};
    TRY(onnx_const_i64(ctx, shape, (uint32_t)ps->rank + 1, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, out);
}

pinot_status onnx_tr_conv(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                          uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    bool transposed = strcmp(node->op_type, "ConvTranspose") == 0;
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[1], &spatial));
    int64_t strides[PINOT_MAX_RANK], dilations[PINOT_MAX_RANK], begin[PINOT_MAX_RANK], end[PINOT_MAX_RANK];
    int64_t output_padding[PINOT_MAX_RANK];
    const char * auto_pad;
    spatial_ints(node, "strides", spatial, 1, strides);
    spatial_ints(node, "dilations", spatial, 1, dilations);
    spatial_ints(node, "output_padding", spatial, 0, output_padding);
    spatial_pads(node, spatial, begin, end, &auto_pad);
    int64_t group = onnx_attr_int(node, "group", 1);
    pinot_attr attrs[] = {ATTR_INTS("strides", strides, spatial), ATTR_INTS("dilations", dilations, spatial),
                          ATTR_INTS("pads_begin", begin, spatial), ATTR_INTS("pads_end", end, spatial),
                          ATTR_STR("auto_pad", auto_pad), ATTR_INTS("output_padding", output_padding, spatial)};
    size_t n_attrs = transposed ? 6 : 5;
    pinot_output_ref args[3] = {in[0], in[1]}, value;
    if (transposed && onnx_attr(node, "output_shape") != NULL) {
        const struct onnx_attribute * shape = onnx_attr(node, "output_shape");
        uint32_t count = shape->n_ints > spatial ? spatial : shape->n_ints;
        const int64_t * dims = shape->ints + (shape->n_ints - count); /* the spatial part */
        TRY(onnx_const_i64(ctx, dims, count, false, &args[2]));
        n_attrs = 5;
        attrs[4] = (pinot_attr)ATTR_STR("auto_pad", strcmp(auto_pad, "explicit") == 0 ? "same_upper" : auto_pad);
    }
    const pinot_partial_shape * in_shape = pinot_node_get_output_shape(in[0].node, in[0].index);
    const pinot_partial_shape * w_shape = pinot_node_get_output_shape(in[1].node, in[1].index);
    if (transposed && args[2].node == NULL && strncmp(auto_pad, "same", 4) == 0 &&
        in_shape->rank == (int32_t)spatial + 2 && w_shape->rank == (int32_t)spatial + 2) {
        /* SAME_*: the output is input * stride; pad explicitly as ONNX does (the odd pixel at the end
         * for SAME_UPPER, at the beginning for SAME_LOWER). */
        bool is_static = true, upper = strcmp(auto_pad, "same_upper") == 0;
        for (uint32_t i = 0; i < spatial; i++) {
            is_static &= pinot_dim_is_static(in_shape->dims[2 + i]) && pinot_dim_is_static(w_shape->dims[2 + i]);
        }
        for (uint32_t i = 0; i < spatial && is_static; i++) {
            int64_t in_dim = in_shape->dims[2 + i].min, k = w_shape->dims[2 + i].min;
            int64_t total =
                strides[i] * (in_dim - 1) + output_padding[i] + (k - 1) * dilations[i] + 1 - in_dim * strides[i];
            total = total > 0 ? total : 0;
            begin[i] = upper ? total / 2 : total - total / 2;
            end[i] = total - begin[i];
        }
        if (is_static) {
            attrs[4] = (pinot_attr)ATTR_STR("auto_pad", "explicit");
        }
    }
    size_t n_args = args[2].node != NULL ? 3 : 2;
    if (group > 1) {
        TRY(group_weights(ctx, in[1], group, &args[1]));
        TRY(onnx_make(ctx, transposed ? "GroupConvolutionBackpropData" : "GroupConvolution", args, n_args, attrs,
                      n_attrs, &value));
    } else {
        TRY(onnx_make(ctx, transposed ? "ConvolutionBackpropData" : "Convolution", args, n_args, attrs, n_attrs,
                      &value));
    }
    if (n > 2 && in[2].node != NULL) {
        return add_channel_bias(ctx, value, in[2], spatial, &out[0]);
    }
    out[0] = value;
    return PINOT_STATUS_OK;
}

/* DeformConv-19 (2-D): DeformableConvolution-8 with ONNX's sampling rule
 * (bilinear_interpolation_pad: points interpolate against a zero border) and
 * weights [M, C/group, kH, kW] as they are; the bias is added after, as Conv's.
 * kernel_shape is implied by the weights. */
pinot_status onnx_tr_deform_conv(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                 uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 3));
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[1], &spatial));
    if (spatial != 2) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "only 2-D DeformConv is supported (got %u spatial axes)", spatial);
    }
    int64_t strides[2], dilations[2], begin[2], end[2];
    const char * auto_pad;
    spatial_ints(node, "strides", spatial, 1, strides);
    spatial_ints(node, "dilations", spatial, 1, dilations);
    spatial_pads(node, spatial, begin, end, &auto_pad);
    pinot_attr attrs[] = {ATTR_INTS("strides", strides, spatial),
                          ATTR_INTS("pads_begin", begin, spatial),
                          ATTR_INTS("pads_end", end, spatial),
                          ATTR_INTS("dilations", dilations, spatial),
                          ATTR_STR("auto_pad", auto_pad),
                          ATTR_INT("group", onnx_attr_int(node, "group", 1)),
                          ATTR_INT("deformable_group", onnx_attr_int(node, "offset_group", 1)),
                          ATTR_BOOL("bilinear_interpolation_pad", true)};
    /* ONNX order X, W, offset, B, mask -> data, offsets, filters, mask. */
    pinot_output_ref args[4] = {in[0], in[2], in[1], onnx_optional_input(in, n, 4)}, value;
    TRY(onnx_make(ctx, "DeformableConvolution", args, args[3].node != NULL ? 4 : 3, attrs, 8, &value));
    pinot_output_ref bias = onnx_optional_input(in, n, 3);
    if (bias.node != NULL) {
        return add_channel_bias(ctx, value, bias, spatial, &out[0]);
    }
    out[0] = value;
    return PINOT_STATUS_OK;
}

pinot_status onnx_tr_pool(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                          uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    bool max = strcmp(node->op_type, "MaxPool") == 0;
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[0], &spatial));
    int64_t kernel[PINOT_MAX_RANK], strides[PINOT_MAX_RANK], dilations[PINOT_MAX_RANK], begin[PINOT_MAX_RANK],
        end[PINOT_MAX_RANK];
    const char * auto_pad;
    spatial_ints(node, "kernel_shape", spatial, 1, kernel);
    spatial_ints(node, "strides", spatial, 1, strides);
    spatial_ints(node, "dilations", spatial, 1, dilations);
    spatial_pads(node, spatial, begin, end, &auto_pad);
    /* ONNX ceil_mode drops a last window that starts in the end padding: ceil_torch. */
    const char * rounding = onnx_attr_int(node, "ceil_mode", 0) ? "ceil_torch" : "floor";
    if (max) {
        pinot_attr attrs[] = {ATTR_INTS("kernel", kernel, spatial),      ATTR_INTS("strides", strides, spatial),
                              ATTR_INTS("dilations", dilations, spatial), ATTR_INTS("pads_begin", begin, spatial),
                              ATTR_INTS("pads_end", end, spatial),        ATTR_STR("auto_pad", auto_pad),
                              ATTR_STR("rounding_type", rounding),        ATTR_TYPE("index_element_type", PINOT_DTYPE_I64)};
        pinot_node_t * pool;
        TRY(onnx_make_node(ctx, "MaxPool", in, 1, attrs, 8, &pool));
        out[0] = (pinot_output_ref){pool, 0};
        if (node->n_outputs > 1 && node->outputs[1][0] != '\0') {
            /* MaxPool-8 axis 0: indices into the whole flattened (row-major) input, as ONNX's. */
            out[1] = (pinot_output_ref){pool, 1};
            if (onnx_attr_int(node, "storage_order", 0) != 0) {
                /* Column-major 2-D planes: base + h * W + w -> base + w * H + h. */
                const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
                if (spatial != 2 || !pinot_dim_is_static(ps->dims[2]) || !pinot_dim_is_static(ps->dims[3])) {
                    return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                      "storage_order=1 needs a 2-D pool of static spatial size");
                }
                double height = (double)ps->dims[2].min, width = (double)ps->dims[3].min;
                pinot_output_ref index = out[1], within, base, h, w;
                TRY(onnx_binary_scalar(ctx, "FloorMod", index, height * width, &within));
                TRY(onnx_binary(ctx, "Subtract", index, within, &base));
                TRY(onnx_binary_scalar(ctx, "Divide", within, width, &h));
                TRY(onnx_binary_scalar(ctx, "FloorMod", within, width, &w));
                TRY(onnx_binary_scalar(ctx, "Multiply", w, height, &w));
                TRY(onnx_binary(ctx, "Add", base, w, &base));
                TRY(onnx_binary(ctx, "Add", base, h, &out[1]));
            }
        }
        return PINOT_STATUS_OK;
    }
    bool exclude_pad = onnx_attr_int(node, "count_include_pad", 0) == 0;
    pinot_attr attrs[] = {ATTR_INTS("kernel", kernel, spatial),      ATTR_INTS("strides", strides, spatial),
                          ATTR_INTS("pads_begin", begin, spatial),   ATTR_INTS("pads_end", end, spatial),
                          ATTR_STR("auto_pad", auto_pad),            ATTR_STR("rounding_type", rounding),
                          ATTR_BOOL("exclude-pad", exclude_pad),     ATTR_INTS("dilations", dilations, spatial)};
    return onnx_make(ctx, "AvgPool", in, 1, attrs, ctx->opset >= 19 ? 8 : 7, &out[0]);
}

/* LpPool: (sum over the window of |x|^p)^(1/p) = (AvgPool(|x|^p, padding counted) * window)^(1/p). */
pinot_status onnx_tr_lp_pool(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                             uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[0], &spatial));
    int64_t kernel[PINOT_MAX_RANK], strides[PINOT_MAX_RANK], dilations[PINOT_MAX_RANK], begin[PINOT_MAX_RANK],
        end[PINOT_MAX_RANK];
    const char * auto_pad;
    spatial_ints(node, "kernel_shape", spatial, 1, kernel);
    spatial_ints(node, "strides", spatial, 1, strides);
    spatial_ints(node, "dilations", spatial, 1, dilations);
    spatial_pads(node, spatial, begin, end, &auto_pad);
    double window = 1.0;
    bool dilated = false;
    for (uint32_t i = 0; i < spatial; i++) {
        window *= (double)kernel[i];
        dilated |= dilations[i] != 1;
    }
    double p = (double)onnx_attr_int(node, "p", 2);
    pinot_dtype type = pinot_node_get_output_type(in[0].node, in[0].index);
    pinot_output_ref value, pair[2];
    TRY(onnx_make(ctx, "Abs", in, 1, NULL, 0, &value));
    pair[0] = value;
    TRY(onnx_const_scalar(ctx, type, p, &pair[1]));
    TRY(onnx_make(ctx, "Power", pair, 2, NULL, 0, &value));
    /* ONNX ceil_mode drops a last window that starts in the end padding: ceil_torch. */
    const char * rounding = onnx_attr_int(node, "ceil_mode", 0) ? "ceil_torch" : "floor";
    pinot_attr attrs[] = {ATTR_INTS("kernel", kernel, spatial),    ATTR_INTS("strides", strides, spatial),
                          ATTR_INTS("pads_begin", begin, spatial), ATTR_INTS("pads_end", end, spatial),
                          ATTR_STR("auto_pad", auto_pad),          ATTR_STR("rounding_type", rounding),
                          ATTR_BOOL("exclude-pad", false),         ATTR_INTS("dilations", dilations, spatial)};
    TRY(onnx_make(ctx, "AvgPool", &value, 1, attrs, dilated ? 8 : 7, &value));
    pair[0] = value;
    TRY(onnx_const_scalar(ctx, type, window, &pair[1]));
    TRY(onnx_make(ctx, "Multiply", pair, 2, NULL, 0, &value));
    pair[0] = value;
    TRY(onnx_const_scalar(ctx, type, 1.0 / p, &pair[1]));
    return onnx_make(ctx, "Power", pair, 2, NULL, 0, &out[0]);
}

/* MaxUnpool: scatter the values to their flattened indices in zeros of the inferred shape
 * ((in - 1) * stride - pads + kernel per spatial axis), then zero-pad at the end up to output_shape. */
pinot_status onnx_tr_max_unpool(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[0], &spatial));
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    int64_t kernel[PINOT_MAX_RANK], strides[PINOT_MAX_RANK], begin[PINOT_MAX_RANK], end[PINOT_MAX_RANK];
    int64_t dims[PINOT_MAX_RANK], zeros_begin[PINOT_MAX_RANK] = {0};
    const char * auto_pad;
    spatial_ints(node, "kernel_shape", spatial, 1, kernel);
    spatial_ints(node, "strides", spatial, 1, strides);
    spatial_pads(node, spatial, begin, end, &auto_pad);
    for (uint32_t i = 0; i < spatial + 2; i++) {
        if (!pinot_dim_is_static(ps->dims[i])) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static shape");
        }
        dims[i] = ps->dims[i].min;
    }
    for (uint32_t i = 0; i < spatial; i++) {
        dims[2 + i] = (dims[2 + i] - 1) * strides[i] - (begin[i] + end[i]) + kernel[i];
    }
    pinot_output_ref shape, zeros, args[4];
    TRY(onnx_const_i64(ctx, dims, spatial + 2, false, &shape));
    int64_t flat = -1, zero = 0;
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    pinot_attr broadcast_attrs[] = {ATTR_STR("mode", "numpy")};
    pinot_dtype type = pinot_node_get_output_type(in[0].node, in[0].index);
    TRY(onnx_const_scalar(ctx, type, 0.0, &args[0]));
    args[1] = shape;
    TRY(onnx_make(ctx, "Broadcast", args, 2, broadcast_attrs, 1, &zeros));
    pinot_output_ref flat_ref, values, indices, y;
    TRY(onnx_const_i64(ctx, &flat, 1, false, &flat_ref));
    args[0] = zeros;
    args[1] = flat_ref;
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &zeros));
    args[0] = in[0];
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &values));
    args[0] = in[1];
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &indices));
    args[0] = zeros;
    args[1] = indices;
    args[2] = values;
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[3]));
    pinot_attr scatter_attrs[] = {ATTR_STR("reduction", "none")};
    TRY(onnx_make(ctx, "ScatterElementsUpdate", args, 4, scatter_attrs, 1, &y));
    args[0] = y;
    args[1] = shape;
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &y));
    if (n > 2 && in[2].node != NULL) {
        pinot_output_ref target, pad_end;
        TRY(onnx_convert(ctx, in[2], PINOT_DTYPE_I64, &target));
        TRY(onnx_binary(ctx, "Subtract", target, shape, &pad_end));
        args[0] = y;
        TRY(onnx_const_i64(ctx, zeros_begin, spatial + 2, false, &args[1]));
        args[2] = pad_end;
        TRY(onnx_const_scalar(ctx, type, 0.0, &args[3]));
        pinot_attr pad_attrs[] = {ATTR_STR("pad_mode", "constant")};
        return onnx_make(ctx, "Pad", args, 4, pad_attrs, 1, &out[0]);
    }
    out[0] = y;
    return PINOT_STATUS_OK;
}

/* GlobalAveragePool / GlobalMaxPool: reduce over the spatial axes, keeping them. */
pinot_status onnx_tr_global_pool(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                 uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[0], &spatial));
    int64_t axes[PINOT_MAX_RANK];
    for (uint32_t i = 0; i < spatial; i++) {
        axes[i] = 2 + i;
    }
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_i64(ctx, axes, spatial, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("keep_dims", true)};
    return onnx_make(ctx, strcmp(node->op_type, "GlobalMaxPool") == 0 ? "ReduceMax" : "ReduceMean", args, 2, attrs,
                     1, &out[0]);
}

/* BatchNormalization with training_mode=1: normalize with the batch statistics (over all axes but 1)
 * and output the running mean and variance updated with momentum. */
static pinot_status batch_norm_training(struct onnx_import * ctx, const struct onnx_node * node,
                                        const pinot_output_ref * in, pinot_output_ref * out) {
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    if (ps->rank < 2) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "training_mode=1 needs an input of static rank");
    }
    int64_t axes[PINOT_MAX_RANK], shape[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    for (int32_t i = 0; i < ps->rank; i++) {
        if (i != 1) {
            axes[n_axes++] = i;
        }
        shape[i] = i == 1 ? -1 : 1;
    }
    double momentum = onnx_attr_float(node, "momentum", 0.9), eps = onnx_attr_float(node, "epsilon", 1e-5);
    pinot_output_ref axes_ref, mean, centered, var, y, args[2], scale, bias;
    TRY(onnx_const_i64(ctx, axes, n_axes, false, &axes_ref));
    pinot_attr keep[] = {ATTR_BOOL("keep_dims", false)};
    args[0] = in[0];
    args[1] = axes_ref;
    TRY(onnx_make(ctx, "ReduceMean", args, 2, keep, 1, &mean)); /* [C] */
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    pinot_output_ref shape_ref, mean_b;
    TRY(onnx_const_i64(ctx, shape, (uint32_t)ps->rank, false, &shape_ref));
    args[0] = mean;
    args[1] = shape_ref;
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &mean_b));
    TRY(onnx_binary(ctx, "Subtract", in[0], mean_b, &centered));
    TRY(onnx_binary(ctx, "Multiply", centered, centered, &var));
    args[0] = var;
    args[1] = axes_ref;
    TRY(onnx_make(ctx, "ReduceMean", args, 2, keep, 1, &var)); /* [C] */
    /* y = (x - mean) / sqrt(var + eps) * scale + bias */
    pinot_output_ref denom;
    TRY(onnx_binary_scalar(ctx, "Add", var, eps, &denom));
    TRY(onnx_unary(ctx, "Sqrt", denom, &denom));
    TRY(onnx_binary(ctx, "Divide", in[1], denom, &scale));
    args[0] = scale;
    args[1] = shape_ref;
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &scale));
    args[0] = in[2];
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &bias));
    TRY(onnx_binary(ctx, "Multiply", centered, scale, &y));
    TRY(onnx_binary(ctx, "Add", y, bias, &out[0]));
    /* running = running * momentum + batch * (1 - momentum) */
    pinot_output_ref stats[2] = {mean, var};
    for (int k = 0; k < 2; k++) {
        pinot_output_ref old_part, new_part;
        TRY(onnx_binary_scalar(ctx, "Multiply", in[3 + k], momentum, &old_part));
        TRY(onnx_binary_scalar(ctx, "Multiply", stats[k], 1.0 - momentum, &new_part));
        TRY(onnx_binary(ctx, "Add", old_part, new_part, &out[1 + k]));
    }
    return PINOT_STATUS_OK;
}

pinot_status onnx_tr_batch_norm(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 5));
    if (onnx_attr_int(node, "training_mode", 0) != 0) {
        return batch_norm_training(ctx, node, in, out);
    }
    /* ONNX: X, scale, B, mean, var; BatchNormInference-5: data, gamma, beta, mean, variance. */
    pinot_attr attrs[] = {ATTR_FLOAT("epsilon", onnx_attr_float(node, "epsilon", 1e-5))};
    return onnx_make(ctx, "BatchNormInference", in, 5, attrs, 1, &out[0]);
}

/* MVN over `axes`, then * scale + bias broadcast from `first_axis`. */
static pinot_status normalize(struct onnx_import * ctx, pinot_output_ref x, const int64_t * axes, uint32_t n_axes,
                              double eps, pinot_output_ref * out) {
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, axes, n_axes, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("normalize_variance", true), ATTR_FLOAT("eps", eps),
                          ATTR_STR("eps_mode", "inside_sqrt")};
    return onnx_make(ctx, "MVN", args, 2, attrs, 3, out);
}

pinot_status onnx_tr_instance_norm(struct onnx_import * ctx, const struct onnx_node * node,
                                   const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 3));
    uint32_t spatial = 0;
    TRY(spatial_rank(ctx, in[0], &spatial));
    int64_t axes[PINOT_MAX_RANK];
    for (uint32_t i = 0; i < spatial; i++) {
        axes[i] = 2 + i;
    }
    pinot_output_ref value, pair[2];
    TRY(normalize(ctx, in[0], axes, spatial, onnx_attr_float(node, "epsilon", 1e-5), &value));
    /* scale and bias are [C]: reshape to [C, 1, ...] to broadcast from the channel axis. */
    int64_t shape[PINOT_MAX_RANK];
    shape[0] = -1;
    for (uint32_t i = 0; i < spatial; i++) {
        shape[1 + i] = 1;
    }
    pinot_output_ref target;
    TRY(onnx_const_i64(ctx, shape, spatial + 1, false, &target));
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    for (int k = 1; k <= 2; k++) {
        pinot_output_ref reshaped, args[2] = {in[k], target};
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &reshaped));
        pair[0] = value;
        pair[1] = reshaped;
        TRY(onnx_make(ctx, k == 1 ? "Multiply" : "Add", pair, 2, NULL, 0, &value));
    }
    out[0] = value;
    return PINOT_STATUS_OK;
}

pinot_status onnx_tr_layer_norm(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    if (ps->rank < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static rank");
    }
    int64_t axis = onnx_attr_int(node, "axis", -1);
    if (axis < 0) {
        axis += ps->rank;
    }
    if (axis < 0 || axis >= ps->rank) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "axis is out of range");
    }
    if ((node->n_outputs > 1 && node->outputs[1][0] != '\0') || (node->n_outputs > 2 && node->outputs[2][0] != '\0')) {
        return onnx_tr_layer_norm_stats(ctx, node, in, n, out);
    }
    int64_t axes[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    for (int64_t i = axis; i < ps->rank; i++) {
        axes[n_axes++] = i;
    }
    pinot_output_ref value, pair[2];
    TRY(normalize(ctx, in[0], axes, n_axes, onnx_attr_float(node, "epsilon", 1e-5), &value));
    pair[0] = value;
    pair[1] = in[1];
    TRY(onnx_make(ctx, "Multiply", pair, 2, NULL, 0, &value));
    if (n > 2 && in[2].node != NULL) {
        pair[0] = value;
        pair[1] = in[2];
        TRY(onnx_make(ctx, "Add", pair, 2, NULL, 0, &value));
    }
    out[0] = value;
    return PINOT_STATUS_OK;
}

pinot_status onnx_tr_lrn(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                         uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    int64_t axis = 1;
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    pinot_attr attrs[] = {ATTR_FLOAT("alpha", onnx_attr_float(node, "alpha", 1e-4)),
                          ATTR_FLOAT("beta", onnx_attr_float(node, "beta", 0.75)),
                          ATTR_FLOAT("bias", onnx_attr_float(node, "bias", 1.0)),
                          ATTR_INT("size", onnx_attr_int(node, "size", 1))};
    return onnx_make(ctx, "LRN", args, 2, attrs, 4, &out[0]);
}

/* TopK: k input (opset 10+) or attribute; largest / sorted. */
pinot_status onnx_tr_topk(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                          uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, ctx->opset >= 10 ? 2 : 1));
    pinot_output_ref args[2] = {in[0], in[1]};
    if (ctx->opset < 10) {
        int64_t k = onnx_attr_int(node, "k", 1);
        TRY(onnx_const_i64(ctx, &k, 1, true, &args[1]));
    } else {
        /* ONNX gives k as [1]; TopK wants a scalar. */
        int64_t shape = 0;
        pinot_output_ref scalar_shape, reshape_args[2];
        TRY(onnx_const_i64(ctx, &shape, 0, false, &scalar_shape));
        reshape_args[0] = in[1];
        reshape_args[1] = scalar_shape;
        pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
        TRY(onnx_make(ctx, "Reshape", reshape_args, 2, reshape_attrs, 1, &args[1]));
    }
    bool largest = onnx_attr_int(node, "largest", 1) != 0;
    bool sorted = onnx_attr_int(node, "sorted", 1) != 0;
    pinot_attr attrs[] = {ATTR_INT("axis", onnx_attr_int(node, "axis", -1)), ATTR_STR("mode", largest ? "max" : "min"),
                          ATTR_STR("sort", sorted ? "value" : "none"),
                          ATTR_TYPE("index_element_type", PINOT_DTYPE_I64), ATTR_BOOL("stable", true)};
    pinot_node_t * topk;
    TRY(onnx_make_node(ctx, "TopK", args, 2, attrs, 5, &topk));
    out[0] = (pinot_output_ref){topk, 0};
    out[1] = (pinot_output_ref){topk, 1};
    return PINOT_STATUS_OK;
}

/* ArgMax / ArgMin: TopK(k=1) indices, squeezed unless keepdims. */
pinot_status onnx_tr_einsum(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char equation[1024];
    onnx_attr_string(node, "equation", "", equation, sizeof(equation));
    /* ONNX allows spaces around the terms ("bij, bjk -> bik"). */
    size_t kept = 0;
    for (size_t i = 0; equation[i] != '\0'; i++) {
        if (equation[i] != ' ') {
            equation[kept++] = equation[i];
        }
    }
    equation[kept] = '\0';
    pinot_attr attrs[] = {ATTR_STR("equation", equation)};
    return onnx_make(ctx, "Einsum", in, n, attrs, 1, &out[0]);
}

pinot_status onnx_tr_cumsum(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_BOOL("exclusive", onnx_attr_int(node, "exclusive", 0) != 0),
                          ATTR_BOOL("reverse", onnx_attr_int(node, "reverse", 0) != 0)};
    return onnx_make(ctx, "CumSum", in, 2, attrs, 2, &out[0]);
}

pinot_status onnx_tr_gather_elements(struct onnx_import * ctx, const struct onnx_node * node,
                                     const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_INT("axis", onnx_attr_int(node, "axis", 0))};
    return onnx_make(ctx, "GatherElements", in, 2, attrs, 1, &out[0]);
}

pinot_status onnx_tr_gather_nd(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                               uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_INT("batch_dims", onnx_attr_int(node, "batch_dims", 0))};
    return onnx_make(ctx, "GatherND", in, 2, attrs, 1, &out[0]);
}

/* The ONNX reduction as OpenVINO names it (add -> sum, mul -> prod). */
static const char * reduction_name(const struct onnx_node * node, char * buf, size_t size) {
    const char * name = onnx_attr_string(node, "reduction", "none", buf, size);
    return strcmp(name, "add") == 0 ? "sum" : strcmp(name, "mul") == 0 ? "prod" : name;
}

pinot_status onnx_tr_scatter_nd(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 3));
    char buf[16];
    pinot_attr attrs[] = {ATTR_STR("reduction", reduction_name(node, buf, sizeof(buf)))};
    return onnx_make(ctx, "ScatterNDUpdate", in, 3, attrs, 1, &out[0]);
}

pinot_status onnx_tr_scatter_elements(struct onnx_import * ctx, const struct onnx_node * node,
                                      const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 3));
    int64_t axis = onnx_attr_int(node, "axis", 0);
    pinot_output_ref args[4] = {in[0], in[1], in[2]};
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[3]));
    char buf[16];
    pinot_attr attrs[] = {ATTR_STR("reduction", reduction_name(node, buf, sizeof(buf))),
                          ATTR_BOOL("use_init_val", true)};
    return onnx_make(ctx, "ScatterElementsUpdate", args, 4, attrs, 2, &out[0]);
}

/* Resize (10+) and Upsample: Interpolate-11 over scales or sizes, on the given
 * axes (all axes when none), with Pinot's onnx_semantics so coordinates,
 * antialias, exclude_outside and the ONNX-only coordinate modes follow ONNX's
 * reference; tf_crop_and_resize passes the roi as a 4th input. */
pinot_status onnx_tr_resize(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    bool upsample = strcmp(node->op_type, "Upsample") == 0;
    char mode_buf[32], ct_buf[32], nm_buf[32];
    const char * mode = onnx_attr_string(node, "mode", "nearest", mode_buf, sizeof(mode_buf));
    const char * ct = upsample || ctx->opset < 11
                          ? "asymmetric"
                          : onnx_attr_string(node, "coordinate_transformation_mode", "half_pixel", ct_buf,
                                             sizeof(ct_buf));
    const char * nm = upsample || ctx->opset < 11
                          ? "floor"
                          : onnx_attr_string(node, "nearest_mode", "round_prefer_floor", nm_buf, sizeof(nm_buf));
    bool crop = strcmp(ct, "tf_crop_and_resize") == 0;
    if (crop && (n < 2 || in[1].node == NULL)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "tf_crop_and_resize needs the roi input");
    }
    char policy_buf[32];
    const char * policy = onnx_attr_string(node, "keep_aspect_ratio_policy", "stretch", policy_buf, sizeof(policy_buf));
    if (strcmp(policy, "stretch") != 0 && strcmp(policy, "not_larger") != 0 && strcmp(policy, "not_smaller") != 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "keep_aspect_ratio_policy %s is not supported",
                          policy);
    }
    const char * interp_mode = strcmp(mode, "linear") == 0 || strcmp(mode, "bilinear") == 0 ? "linear_onnx"
                             : strcmp(mode, "cubic") == 0                                   ? "cubic"
                                                                                            : "nearest";
    /* Which input carries the target: Resize-10 and Upsample-9 (data, scales); Resize-11+ (data, roi, scales, sizes). */
    pinot_output_ref scales = {NULL, 0}, sizes = {NULL, 0};
    if (upsample || ctx->opset < 11) {
        if (n > 1) {
            scales = in[1];
        } else {
            const struct onnx_attribute * a = onnx_attr(node, "scales");
            if (a == NULL) {
                return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "needs scales");
            }
            pinot_shape shape = {.rank = 1, .dims = {a->n_floats}};
            pinot_tensor_t * t = NULL;
            TRY(pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t));
            memcpy(pinot_tensor_get_data(t), a->floats, sizeof(float) * a->n_floats);
            pinot_status status = onnx_const_tensor(ctx, t, &scales);
            pinot_tensor_free(t);
            TRY(status);
        }
    } else {
        scales = n > 2 ? in[2] : (pinot_output_ref){NULL, 0};
        sizes = n > 3 ? in[3] : (pinot_output_ref){NULL, 0};
        /* An empty scales constant means "use sizes". */
        if (scales.node != NULL && sizes.node != NULL) {
            scales.node = NULL;
        }
    }
    if (scales.node == NULL && sizes.node == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "needs scales or sizes");
    }
    const struct onnx_attribute * axes_attr = onnx_attr(node, "axes");
    pinot_output_ref axes;
    if (axes_attr != NULL) {
        TRY(onnx_const_i64(ctx, axes_attr->ints, axes_attr->n_ints, false, &axes));
    } else {
        const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
        if (ps->rank < 0) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static rank");
        }
        int64_t all[PINOT_MAX_RANK];
        for (int32_t i = 0; i < ps->rank; i++) {
            all[i] = i;
        }
        TRY(onnx_const_i64(ctx, all, (uint32_t)ps->rank, false, &axes));
    }
    bool by_sizes = sizes.node != NULL;
    pinot_output_ref args[4] = {in[0], by_sizes ? sizes : scales, axes, crop ? in[1] : axes};
    pinot_attr attrs[] = {
        ATTR_STR("mode", interp_mode),
        ATTR_STR("shape_calculation_mode", by_sizes ? "sizes" : "scales"),
        ATTR_STR("coordinate_transformation_mode", ct),
        ATTR_STR("nearest_mode", nm),
        ATTR_BOOL("antialias", onnx_attr_int(node, "antialias", 0) != 0),
        ATTR_FLOAT("cube_coeff", onnx_attr_float(node, "cubic_coeff_a", -0.75)),
        ATTR_BOOL("onnx_semantics", true),
        ATTR_BOOL("exclude_outside", onnx_attr_int(node, "exclude_outside", 0) != 0),
        ATTR_FLOAT("extrapolation_value", onnx_attr_float(node, "extrapolation_value", 0.0)),
        ATTR_STR("keep_aspect_ratio_policy", by_sizes ? policy : "stretch"), /* scales ignore it */
    };
    return onnx_make(ctx, "Interpolate", args, crop ? 4 : 3, attrs, 10, &out[0]);
}

/*
 * ONNX's border padding moves a coordinate outside [lo, hi] to the nearest
 * border pixel before interpolating; OpenVINO's bicubic GridSample only clamps
 * the taps. In normalized units that move is: g < -1 -> the position of pixel
 * 0, g > 1 -> that of pixel L-1, i.e. -+1 with align_corners and -+(1 - 1/L)
 * without (L the data axis the grid component addresses; the grid lists the
 * last data axis first). NaN compares false and stays NaN, as in ONNX.
 */
static pinot_status grid_sample_clamp_border(struct onnx_import * ctx, pinot_output_ref data, pinot_output_ref grid,
                                             bool align, pinot_output_ref * out) {
    pinot_dtype type = onnx_type_of(grid);
    pinot_output_ref lo, hi, below, above, inner, args[3];
    if (align) {
        TRY(onnx_const_scalar(ctx, type, -1.0, &lo));
        TRY(onnx_const_scalar(ctx, type, 1.0, &hi));
    } else {
        pinot_output_ref shape, lengths, inverse;
        pinot_attr attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
        TRY(onnx_make(ctx, "ShapeOf", &data, 1, attrs, 1, &shape));
        TRY(onnx_slice_axis(ctx, shape, -1, 1, -1, 0, &lengths)); /* [D_S .. D_1]: x first */
        TRY(onnx_convert(ctx, lengths, type, &lengths));
        TRY(onnx_binary_scalar(ctx, "Power", lengths, -1.0, &inverse));
        TRY(onnx_binary_scalar(ctx, "Subtract", inverse, 1.0, &lo));
        TRY(onnx_unary(ctx, "Negative", lo, &hi));
    }
    TRY(onnx_binary_scalar(ctx, "Less", grid, -1.0, &below));
    TRY(onnx_binary_scalar(ctx, "Greater", grid, 1.0, &above));
    args[0] = above;
    args[1] = hi;
    args[2] = grid;
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &inner));
    args[0] = below;
    args[1] = lo;
    args[2] = inner;
    return onnx_make(ctx, "Select", args, 3, NULL, 0, out);
}

/* GridSample-16/20/22: GridSample-9 (N-D in Pinot). ONNX 20 renamed the modes
 * bilinear -> linear and bicubic -> cubic; either spelling is accepted. */
pinot_status onnx_tr_grid_sample(struct onnx_import * ctx, const struct onnx_node * node,
                                 const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    char mode_buf[32], pad_buf[32];
    const char * mode =
        onnx_attr_string(node, "mode", ctx->opset >= 20 ? "linear" : "bilinear", mode_buf, sizeof(mode_buf));
    const char * padding = onnx_attr_string(node, "padding_mode", "zeros", pad_buf, sizeof(pad_buf));
    const char * target = strcmp(mode, "linear") == 0 || strcmp(mode, "bilinear") == 0 ? "bilinear"
                        : strcmp(mode, "cubic") == 0 || strcmp(mode, "bicubic") == 0 ? "bicubic"
                        : strcmp(mode, "nearest") == 0                               ? "nearest"
                                                                                     : NULL;
    if (target == NULL) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "mode %s is not supported", mode);
    }
    bool align = onnx_attr_int(node, "align_corners", 0) != 0;
    pinot_output_ref args[2] = {in[0], in[1]};
    if (strcmp(target, "bicubic") == 0 && strcmp(padding, "border") == 0) {
        TRY(grid_sample_clamp_border(ctx, in[0], in[1], align, &args[1]));
    }
    pinot_attr attrs[] = {ATTR_BOOL("align_corners", align), ATTR_STR("mode", target),
                          ATTR_STR("padding_mode", padding)};
    return onnx_make(ctx, "GridSample", args, 2, attrs, 3, &out[0]);
}

/* ReverseSequence-10: ReverseSequence-1 with time_axis as seq_axis. */
pinot_status onnx_tr_reverse_sequence(struct onnx_import * ctx, const struct onnx_node * node,
                                      const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_INT("batch_axis", onnx_attr_int(node, "batch_axis", 1)),
                          ATTR_INT("seq_axis", onnx_attr_int(node, "time_axis", 0))};
    return onnx_make(ctx, "ReverseSequence", in, 2, attrs, 2, &out[0]);
}

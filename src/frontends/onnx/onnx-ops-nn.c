/* ONNX translators for the neural-network ops: Conv / ConvTranspose (with
 * groups and bias), pooling, normalizations, TopK/ArgMax, Einsum, CumSum and
 * the gather/scatter variants, decomposed as OpenVINO's ONNX frontend does
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
static pinot_status group_weights(struct onnx_import * ctx, pinot_output_ref w, int64_t group, bool transposed,
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
    (void)transposed;
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
    size_t n_args = args[2].node != NULL ? 3 : 2;
    if (group > 1) {
        TRY(group_weights(ctx, in[1], group, transposed, &args[1]));
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
    const char * rounding = onnx_attr_int(node, "ceil_mode", 0) ? "ceil" : "floor";
    if (max) {
        pinot_attr attrs[] = {ATTR_INTS("kernel", kernel, spatial),      ATTR_INTS("strides", strides, spatial),
                              ATTR_INTS("dilations", dilations, spatial), ATTR_INTS("pads_begin", begin, spatial),
                              ATTR_INTS("pads_end", end, spatial),        ATTR_STR("auto_pad", auto_pad),
                              ATTR_STR("rounding_type", rounding),        ATTR_TYPE("index_element_type", PINOT_DTYPE_I64)};
        pinot_node_t * pool;
        TRY(onnx_make_node(ctx, "MaxPool", in, 1, attrs, 8, &pool));
        out[0] = (pinot_output_ref){pool, 0};
        if (node->n_outputs > 1 && node->outputs[1][0] != '\0') {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "the Indices output is not supported");
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

pinot_status onnx_tr_batch_norm(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 5));
    if (onnx_attr_int(node, "training_mode", 0) != 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "training_mode=1 is not supported");
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
    if (node->n_outputs > 1 && node->outputs[1][0] != '\0') {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "the Mean and InvStdDev outputs are not supported");
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
pinot_status onnx_tr_arg(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                         uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    if (onnx_attr_int(node, "select_last_index", 0) != 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "select_last_index=1 is not supported");
    }
    int64_t axis = onnx_attr_int(node, "axis", 0), k = 1;
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_i64(ctx, &k, 1, true, &args[1]));
    bool max = strcmp(node->op_type, "ArgMax") == 0;
    pinot_attr attrs[] = {ATTR_INT("axis", axis), ATTR_STR("mode", max ? "max" : "min"), ATTR_STR("sort", "none"),
                          ATTR_TYPE("index_element_type", PINOT_DTYPE_I64), ATTR_BOOL("stable", true)};
    pinot_node_t * topk;
    TRY(onnx_make_node(ctx, "TopK", args, 2, attrs, 5, &topk));
    pinot_output_ref indices = {topk, 1};
    if (onnx_attr_int(node, "keepdims", 1) != 0) {
        out[0] = indices;
        return PINOT_STATUS_OK;
    }
    pinot_output_ref squeeze_args[2] = {indices};
    TRY(onnx_const_i64(ctx, &axis, 1, false, &squeeze_args[1]));
    return onnx_make(ctx, "Squeeze", squeeze_args, 2, NULL, 0, &out[0]);
}

pinot_status onnx_tr_einsum(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char equation[1024];
    onnx_attr_string(node, "equation", "", equation, sizeof(equation));
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

static const char * reduction_name(const struct onnx_node * node, char * buf, size_t size) {
    return onnx_attr_string(node, "reduction", "none", buf, size);
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

/* Resize (11+) and Upsample: Interpolate-11 over scales or sizes, on the given
 * axes (all axes when none). tf_crop_and_resize needs the roi input and is not
 * supported. */
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
    if (strcmp(ct, "tf_crop_and_resize") == 0 || strcmp(ct, "half_pixel_symmetric") == 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "coordinate_transformation_mode %s is not supported",
                          ct);
    }
    if (onnx_attr_int(node, "exclude_outside", 0) != 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "exclude_outside=1 is not supported");
    }
    if (onnx_attr(node, "keep_aspect_ratio_policy") != NULL) {
        char policy[32];
        if (strcmp(onnx_attr_string(node, "keep_aspect_ratio_policy", "stretch", policy, sizeof(policy)), "stretch")) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "keep_aspect_ratio_policy is not supported");
        }
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
    pinot_output_ref args[3] = {in[0], by_sizes ? sizes : scales, axes};
    pinot_attr attrs[] = {
        ATTR_STR("mode", interp_mode),
        ATTR_STR("shape_calculation_mode", by_sizes ? "sizes" : "scales"),
        ATTR_STR("coordinate_transformation_mode", ct),
        ATTR_STR("nearest_mode", nm),
        ATTR_BOOL("antialias", onnx_attr_int(node, "antialias", 0) != 0),
        ATTR_FLOAT("cube_coeff", onnx_attr_float(node, "cubic_coeff_a", -0.75)),
    };
    return onnx_make(ctx, "Interpolate", args, 3, attrs, 6, &out[0]);
}

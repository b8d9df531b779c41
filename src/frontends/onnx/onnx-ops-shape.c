/* ONNX translators for shape and data-movement ops: Expand, Tile, Range,
 * ConstantOfShape, Pad, Slice, Split, NonZero, OneHot, DepthToSpace /
 * SpaceToDepth, Size. Rows are in onnx-ops.c. */
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

pinot_status onnx_tr_expand(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_STR("mode", "bidirectional")};
    return onnx_make(ctx, "Broadcast", in, 2, attrs, 1, &out[0]);
}

pinot_status onnx_tr_tile(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                          uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    return onnx_make(ctx, "Tile", in, 2, NULL, 0, &out[0]);
}

pinot_status onnx_tr_range(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                           uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 3));
    /* The spec wants scalars, but expanded functions pass one-element [1]
     * tensors (e.g. Split results through an If), which onnxruntime accepts. */
    pinot_output_ref args[3] = {in[0], in[1], in[2]};
    for (uint32_t i = 0; i < 3; i++) {
        const pinot_partial_shape * shape = pinot_node_get_output_shape(in[i].node, in[i].index);
        if (shape->rank == 1) {
            pinot_output_ref reshape[2] = {in[i], {NULL, 0}};
            TRY(onnx_const_i64(ctx, NULL, 0, false, &reshape[1]));
            pinot_attr special[] = {ATTR_BOOL("special_zero", false)};
            TRY(onnx_make(ctx, "Reshape", reshape, 2, special, 1, &args[i]));
        }
    }
    pinot_attr attrs[] = {ATTR_TYPE("output_type", pinot_node_get_output_type(in[0].node, in[0].index))};
    return onnx_make(ctx, "Range", args, 3, attrs, 1, &out[0]);
}

pinot_status onnx_tr_constant_of_shape(struct onnx_import * ctx, const struct onnx_node * node,
                                       const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    const struct onnx_attribute * value = onnx_attr(node, "value");
    pinot_output_ref args[2] = {{NULL, 0}, in[0]};
    if (value != NULL && value->t != NULL) {
        pinot_tensor_t * t = NULL;
        TRY(onnx_tensor_decode(value->t, ctx->model_dir, &t));
        /* The value is a one-element tensor; Broadcast wants a scalar. */
        pinot_shape scalar = {.rank = 0};
        pinot_status status = pinot_tensor_get_size(t) == 1 ? pinot_tensor_set_shape(t, &scalar)
                                                             : onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                                                                          "value must hold one element");
        if (status == PINOT_STATUS_OK) {
            status = onnx_const_tensor(ctx, t, &args[0]);
        }
        pinot_tensor_free(t);
        TRY(status);
    } else {
        TRY(onnx_const_f32(ctx, 0.0f, &args[0]));
    }
    pinot_attr attrs[] = {ATTR_STR("mode", "numpy")};
    return onnx_make(ctx, "Broadcast", args, 2, attrs, 1, &out[0]);
}

/* Pad-18 axes: spread the per-axis begin/end pads over all axes (0 elsewhere) with
 * ScatterUpdate(zeros[rank], FloorMod(axes, rank), pads). */
static pinot_status pads_for_axes(struct onnx_import * ctx, pinot_output_ref data, pinot_output_ref axes,
                                  pinot_output_ref * begin, pinot_output_ref * end) {
    const pinot_partial_shape * ps = pinot_node_get_output_shape(data.node, data.index);
    if (ps->rank < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "the axes input needs an input of static rank");
    }
    int64_t zeros[PINOT_MAX_RANK] = {0}, rank = ps->rank, zero = 0;
    pinot_output_ref zeros_ref, rank_ref, axis_ref, index, pair[2];
    TRY(onnx_const_i64(ctx, zeros, (uint32_t)rank, false, &zeros_ref));
    TRY(onnx_const_i64(ctx, &rank, 1, true, &rank_ref));
    TRY(onnx_const_i64(ctx, &zero, 1, true, &axis_ref));
    pinot_attr convert_attrs[] = {ATTR_TYPE("destination_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "Convert", &axes, 1, convert_attrs, 1, &pair[0]));
    pair[1] = rank_ref;
    TRY(onnx_make(ctx, "FloorMod", pair, 2, NULL, 0, &index));
    pinot_output_ref * halves[2] = {begin, end};
    for (int h = 0; h < 2; h++) {
        pinot_output_ref args[4] = {zeros_ref, index, {NULL, 0}, axis_ref};
        TRY(onnx_make(ctx, "Convert", halves[h], 1, convert_attrs, 1, &args[2]));
        TRY(onnx_make(ctx, "ScatterUpdate", args, 4, NULL, 0, halves[h]));
    }
    return PINOT_STATUS_OK;
}

/* Pad-19 wrap: per axis, Gather the indices FloorMod(Range(-begin, d + end), d) (opset 19+ inputs). */
static pinot_status pad_wrap(struct onnx_import * ctx, const pinot_output_ref * in, uint32_t n,
                             pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    if (ps->rank < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "mode 'wrap' needs an input of static rank");
    }
    pinot_output_ref pads, begin, end, x = in[0];
    TRY(onnx_convert(ctx, in[1], PINOT_DTYPE_I64, &pads));
    int64_t axis0 = 0, one = 1;
    pinot_output_ref axis0_ref, one_ref, args[3];
    TRY(onnx_const_i64(ctx, &axis0, 1, true, &axis0_ref));
    TRY(onnx_const_i64(ctx, &one, 1, true, &one_ref));
    /* Begin / end pads per axis: all axes, or those of the axes input. */
    int64_t n_axes = ps->rank, axes[PINOT_MAX_RANK];
    for (int32_t i = 0; i < ps->rank; i++) {
        axes[i] = i;
    }
    if (n > 3 && in[3].node != NULL) {
        const pinot_tensor_t * value = pinot_node_get_constant_value(in[3].node);
        if (value == NULL) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "mode 'wrap' needs constant axes");
        }
        n_axes = (int64_t)pinot_tensor_get_size(value);
        for (int64_t j = 0; j < n_axes && j < PINOT_MAX_RANK; j++) {
            int64_t a = pinot_tensor_get_type(value) == PINOT_DTYPE_I32
                            ? ((const int32_t *)pinot_tensor_get_data(value))[j]
                            : ((const int64_t *)pinot_tensor_get_data(value))[j];
            axes[j] = a < 0 ? a + ps->rank : a;
        }
    }
    for (int64_t j = 0; j < n_axes && j < PINOT_MAX_RANK; j++) {
        int64_t b_index = j, e_index = n_axes + j;
        pinot_output_ref dim, start, stop, range, index;
        args[0] = pads;
        args[2] = axis0_ref;
        TRY(onnx_const_i64(ctx, &b_index, 1, true, &args[1]));
        TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &begin));
        TRY(onnx_const_i64(ctx, &e_index, 1, true, &args[1]));
        TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &end));
        TRY(onnx_dim_of(ctx, x, axes[j], &dim));
        TRY(onnx_unary(ctx, "Negative", begin, &start));
        TRY(onnx_binary(ctx, "Add", dim, end, &stop));
        pinot_output_ref range_args[3] = {start, stop, one_ref};
        pinot_attr range_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
        TRY(onnx_make(ctx, "Range", range_args, 3, range_attrs, 1, &range));
        TRY(onnx_binary(ctx, "FloorMod", range, dim, &index));
        args[0] = x;
        args[1] = index;
        TRY(onnx_const_i64(ctx, &axes[j], 1, true, &args[2]));
        TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &x));
    }
    out[0] = x;
    return PINOT_STATUS_OK;
}

/* Pad: pads is [b1..bn, e1..en], as an attribute before opset 11, an input after. */
pinot_status onnx_tr_pad(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                         uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char mode_buf[16];
    const char * mode = onnx_attr_string(node, "mode", "constant", mode_buf, sizeof(mode_buf));
    if (strcmp(mode, "wrap") == 0) {
        return pad_wrap(ctx, in, n, out);
    }
    pinot_output_ref args[4] = {in[0]}, pads = {NULL, 0};
    uint32_t n_args = 3;
    if (ctx->opset < 11) {
        const struct onnx_attribute * a = onnx_attr(node, "pads");
        if (a == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "needs pads");
        }
        uint32_t half = a->n_ints / 2;
        TRY(onnx_const_i64(ctx, a->ints, half, false, &args[1]));
        TRY(onnx_const_i64(ctx, a->ints + half, half, false, &args[2]));
        if (strcmp(mode, "constant") == 0) {
            TRY(onnx_const_scalar(ctx, pinot_node_get_output_type(in[0].node, in[0].index),
                                  onnx_attr_float(node, "value", 0.0), &args[3]));
            n_args = 4;
        }
    } else {
        TRY(need_inputs(ctx, in, n, 2));
        pads = in[1];
        /* Split pads into its begin and end halves. */
        int64_t axis = 0;
        pinot_output_ref split_args[2] = {pads};
        TRY(onnx_const_i64(ctx, &axis, 1, true, &split_args[1]));
        pinot_attr split_attrs[] = {ATTR_INT("num_splits", 2)};
        pinot_node_t * split;
        TRY(onnx_make_node(ctx, "Split", split_args, 2, split_attrs, 1, &split));
        args[1] = (pinot_output_ref){split, 0};
        args[2] = (pinot_output_ref){split, 1};
        if (n > 3 && in[3].node != NULL) {
            TRY(pads_for_axes(ctx, in[0], in[3], &args[1], &args[2]));
        }
        if (n > 2 && in[2].node != NULL) {
            /* constant_value may be a one-element tensor: make it a scalar. */
            pinot_output_ref reshape_args[2] = {in[2]};
            TRY(onnx_const_i64(ctx, NULL, 0, false, &reshape_args[1]));
            pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
            TRY(onnx_make(ctx, "Reshape", reshape_args, 2, reshape_attrs, 1, &args[3]));
            n_args = 4;
        }
    }
    pinot_attr attrs[] = {ATTR_STR("pad_mode", mode)};
    return onnx_make(ctx, "Pad", args, n_args, attrs, 1, &out[0]);
}

/* Slice: starts/ends/axes/steps as attributes before opset 10, inputs after. */
pinot_status onnx_tr_slice(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                           uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[5] = {in[0]};
    if (ctx->opset < 10) {
        const struct onnx_attribute * starts = onnx_attr(node, "starts");
        const struct onnx_attribute * ends = onnx_attr(node, "ends");
        const struct onnx_attribute * axes = onnx_attr(node, "axes");
        if (starts == NULL || ends == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "needs starts and ends");
        }
        int64_t steps[PINOT_MAX_RANK], all_axes[PINOT_MAX_RANK];
        for (uint32_t i = 0; i < starts->n_ints && i < PINOT_MAX_RANK; i++) {
            steps[i] = 1;
            all_axes[i] = i;
        }
        TRY(onnx_const_i64(ctx, starts->ints, starts->n_ints, false, &args[1]));
        TRY(onnx_const_i64(ctx, ends->ints, ends->n_ints, false, &args[2]));
        TRY(onnx_const_i64(ctx, steps, starts->n_ints, false, &args[3]));
        TRY(onnx_const_i64(ctx, axes != NULL ? axes->ints : all_axes, starts->n_ints, false, &args[4]));
        return onnx_make(ctx, "Slice", args, 5, NULL, 0, &out[0]);
    }
    TRY(need_inputs(ctx, in, n, 3));
    args[1] = in[1];
    args[2] = in[2];
    if (n > 4 && in[4].node != NULL) {
        args[3] = in[4];
    } else {
        /* steps default to 1: ones shaped like starts. */
        pinot_output_ref one, like[2];
        TRY(onnx_const_scalar(ctx, pinot_node_get_output_type(in[1].node, in[1].index), 1.0, &one));
        pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
        pinot_output_ref shape;
        TRY(onnx_make(ctx, "ShapeOf", &in[1], 1, shape_attrs, 1, &shape));
        like[0] = one;
        like[1] = shape;
        pinot_attr bcast[] = {ATTR_STR("mode", "numpy")};
        TRY(onnx_make(ctx, "Broadcast", like, 2, bcast, 1, &args[3]));
    }
    if (n > 3 && in[3].node != NULL) {
        args[4] = in[3];
        return onnx_make(ctx, "Slice", args, 5, NULL, 0, &out[0]);
    }
    return onnx_make(ctx, "Slice", args, 4, NULL, 0, &out[0]);
}

/* Split: equal parts, or `split` sizes (attribute before 13, input after; num_outputs from 18). */
pinot_status onnx_tr_split(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                           uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    int64_t axis = onnx_attr_int(node, "axis", 0);
    pinot_output_ref axis_ref;
    TRY(onnx_const_i64(ctx, &axis, 1, true, &axis_ref));
    pinot_output_ref lengths = {NULL, 0};
    const struct onnx_attribute * split_attr = onnx_attr(node, "split");
    if (ctx->opset < 13 && split_attr != NULL) {
        TRY(onnx_const_i64(ctx, split_attr->ints, split_attr->n_ints, false, &lengths));
    } else if (ctx->opset >= 13 && n > 1 && in[1].node != NULL) {
        lengths = in[1];
    }
    /* Opset 18: a dimension not divisible by num_outputs splits into ceil(d / n)-sized chunks, the last smaller. */
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    int64_t norm_axis = axis < 0 ? axis + ps->rank : axis, parts = (int64_t)node->n_outputs;
    if (lengths.node == NULL && ps->rank > 0 && norm_axis >= 0 && norm_axis < ps->rank &&
        pinot_dim_is_static(ps->dims[norm_axis]) && parts > 0 && ps->dims[norm_axis].min % parts != 0) {
        int64_t dim = ps->dims[norm_axis].min, chunk = (dim + parts - 1) / parts, sizes[64];
        if (parts > 64) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "too many outputs");
        }
        for (int64_t i = 0; i < parts; i++) {
            int64_t left = dim - i * chunk;
            sizes[i] = left < 0 ? 0 : left < chunk ? left : chunk;
        }
        TRY(onnx_const_i64(ctx, sizes, (uint32_t)parts, false, &lengths));
    }
    pinot_node_t * split;
    if (lengths.node != NULL) {
        pinot_output_ref args[3] = {in[0], axis_ref, lengths};
        TRY(onnx_make_node(ctx, "VariadicSplit", args, 3, NULL, 0, &split));
    } else {
        pinot_output_ref args[2] = {in[0], axis_ref};
        pinot_attr attrs[] = {ATTR_INT("num_splits", (int64_t)node->n_outputs)};
        if (onnx_attr(node, "num_outputs") != NULL && onnx_attr_int(node, "num_outputs", 0) != node->n_outputs) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "num_outputs differs from the node's outputs");
        }
        TRY(onnx_make_node(ctx, "Split", args, 2, attrs, 1, &split));
    }
    for (uint32_t i = 0; i < node->n_outputs; i++) {
        out[i] = (pinot_output_ref){split, i};
    }
    return PINOT_STATUS_OK;
}

pinot_status onnx_tr_non_zero(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                              uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    pinot_attr attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    return onnx_make(ctx, "NonZero", in, 1, attrs, 1, &out[0]);
}

/* OneHot(indices, depth, values=[off, on]) -> OneHot(indices, depth, on, off). */
pinot_status onnx_tr_one_hot(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                             uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 3));
    int64_t zero = 0, one = 1, axis0 = 0;
    pinot_output_ref idx0, idx1, axis_ref, args[3], off, on, depth;
    TRY(onnx_const_i64(ctx, &zero, 1, true, &idx0));
    TRY(onnx_const_i64(ctx, &one, 1, true, &idx1));
    TRY(onnx_const_i64(ctx, &axis0, 1, true, &axis_ref));
    args[0] = in[2];
    args[1] = idx0;
    args[2] = axis_ref;
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &off));
    args[1] = idx1;
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &on));
    /* depth may be any numeric [1] or scalar: make it a scalar of its type. */
    pinot_output_ref reshape_args[2] = {in[1]};
    TRY(onnx_const_i64(ctx, NULL, 0, false, &reshape_args[1]));
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_make(ctx, "Reshape", reshape_args, 2, reshape_attrs, 1, &depth));
    /* Real indices and depth are truncated to integers; negative indices count from depth. */
    pinot_output_ref indices = in[0];
    pinot_attr convert_attrs[] = {ATTR_TYPE("destination_type", PINOT_DTYPE_I64)};
    if (pinot_dtype_get_info(pinot_node_get_output_type(in[0].node, in[0].index))->is_real) {
        TRY(onnx_make(ctx, "Convert", &in[0], 1, convert_attrs, 1, &indices));
    }
    if (pinot_dtype_get_info(pinot_node_get_output_type(depth.node, depth.index))->is_real) {
        TRY(onnx_make(ctx, "Convert", &depth, 1, convert_attrs, 1, &depth));
    }
    pinot_output_ref hot_args[4] = {indices, depth, on, off};
    pinot_attr attrs[] = {ATTR_INT("axis", onnx_attr_int(node, "axis", -1)),
                          ATTR_STR("negative_indices_mode", "normalize")};
    return onnx_make(ctx, "OneHot", hot_args, 4, attrs, 2, &out[0]);
}

pinot_status onnx_tr_depth_space(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                 uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    bool to_space = strcmp(node->op_type, "DepthToSpace") == 0;
    char mode[8];
    onnx_attr_string(node, "mode", "DCR", mode, sizeof(mode));
    pinot_attr attrs[] = {ATTR_INT("block_size", onnx_attr_int(node, "blocksize", 1)),
                          ATTR_STR("mode", !to_space || strcmp(mode, "DCR") == 0 ? "blocks_first" : "depth_first")};
    return onnx_make(ctx, to_space ? "DepthToSpace" : "SpaceToDepth", in, 1, attrs, 2, &out[0]);
}

/* Size: the element count as an int64 scalar. */
pinot_status onnx_tr_size(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                          uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    pinot_output_ref shape, args[2];
    int64_t axis = 0;
    TRY(onnx_make(ctx, "ShapeOf", in, 1, shape_attrs, 1, &shape));
    args[0] = shape;
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("keep_dims", false)};
    return onnx_make(ctx, "ReduceProd", args, 2, attrs, 1, &out[0]);
}

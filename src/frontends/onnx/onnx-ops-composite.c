/* ONNX translators for ops that decompose into several Pinot ops: ArgMax/ArgMin, Trilu, EyeLike,
 * Hardmax, LpNormalization, the LayerNormalization statistics, RMSNormalization,
 * MeanVarianceNormalization, the losses, Dropout's mask, Compress, CenterCropPad, TensorScatter,
 * AffineGrid, Det, the window functions, CumProd and the small activations (ThresholdedRelu, Shrink,
 * Celu, ...); plus the graph-building helpers the other translator files share (declared in
 * onnx-ops-impl.h). Rows are in onnx-ops.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

pinot_dtype onnx_type_of(pinot_output_ref ref) {
    return pinot_node_get_output_type(ref.node, ref.index);
}

pinot_status onnx_unary(struct onnx_import * ctx, const char * op, pinot_output_ref a, pinot_output_ref * out) {
    return onnx_make(ctx, op, &a, 1, NULL, 0, out);
}

pinot_status onnx_binary(struct onnx_import * ctx, const char * op, pinot_output_ref a, pinot_output_ref b,
                         pinot_output_ref * out) {
    pinot_output_ref pair[2] = {a, b};
    return onnx_make(ctx, op, pair, 2, NULL, 0, out);
}

pinot_status onnx_binary_scalar(struct onnx_import * ctx, const char * op, pinot_output_ref a, double value,
                                pinot_output_ref * out) {
    pinot_output_ref b;
    TRY(onnx_const_scalar(ctx, onnx_type_of(a), value, &b));
    return onnx_binary(ctx, op, a, b, out);
}

pinot_status onnx_convert(struct onnx_import * ctx, pinot_output_ref a, pinot_dtype type, pinot_output_ref * out) {
    if (onnx_type_of(a) == type) {
        *out = a;
        return PINOT_STATUS_OK;
    }
    pinot_attr attrs[] = {ATTR_TYPE("destination_type", type)};
    return onnx_make(ctx, "Convert", &a, 1, attrs, 1, out);
}

pinot_status onnx_dim_of(struct onnx_import * ctx, pinot_output_ref a, int64_t axis, pinot_output_ref * out) {
    pinot_output_ref shape, args[3];
    pinot_attr attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "ShapeOf", &a, 1, attrs, 1, &shape));
    int64_t zero = 0;
    args[0] = shape;
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[1]));
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[2]));
    return onnx_make(ctx, "Gather", args, 3, NULL, 0, out);
}

pinot_status onnx_iota(struct onnx_import * ctx, pinot_output_ref n, pinot_output_ref * out) {
    int64_t zero = 0, one = 1;
    pinot_output_ref args[3] = {{NULL, 0}, n, {NULL, 0}};
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[0]));
    TRY(onnx_const_i64(ctx, &one, 1, true, &args[2]));
    pinot_attr attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    return onnx_make(ctx, "Range", args, 3, attrs, 1, out);
}

pinot_status onnx_diagonal_offsets(struct onnx_import * ctx, pinot_output_ref rows, pinot_output_ref cols,
                                   pinot_output_ref * out) {
    pinot_output_ref r, c, args[2];
    TRY(onnx_iota(ctx, rows, &r));
    TRY(onnx_iota(ctx, cols, &c));
    int64_t one = 1;
    args[0] = r;
    TRY(onnx_const_i64(ctx, &one, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &r));
    return onnx_binary(ctx, "Subtract", c, r, out);
}

pinot_status onnx_static_rank(struct onnx_import * ctx, pinot_output_ref a, int32_t * rank) {
    const pinot_partial_shape * ps = pinot_node_get_output_shape(a.node, a.index);
    if (ps->rank < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static rank");
    }
    *rank = ps->rank;
    return PINOT_STATUS_OK;
}

pinot_status onnx_normalize_axis(struct onnx_import * ctx, int64_t * axis, int32_t rank) {
    if (*axis < 0) {
        *axis += rank;
    }
    if (*axis < 0 || *axis >= (rank > 0 ? rank : 1)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "axis is out of range (got %lld, rank %d)",
                          (long long)*axis, rank);
    }
    return PINOT_STATUS_OK;
}

int64_t onnx_static_dim(pinot_output_ref x, int32_t axis) {
    const pinot_partial_shape * ps = pinot_node_get_output_shape(x.node, x.index);
    if (ps->rank < 0) {
        return -1;
    }
    if (axis < 0) {
        axis += ps->rank;
    }
    return axis >= 0 && axis < ps->rank && pinot_dim_is_static(ps->dims[axis]) ? ps->dims[axis].min : -1;
}

pinot_status onnx_reduce_all(struct onnx_import * ctx, const char * op, pinot_output_ref x, pinot_output_ref * out) {
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, x, &rank));
    int64_t axes[PINOT_MAX_RANK];
    for (int32_t i = 0; i < rank; i++) {
        axes[i] = i;
    }
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, axes, (uint32_t)rank, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("keep_dims", false)};
    return onnx_make(ctx, op, args, 2, attrs, 1, out);
}

pinot_status onnx_slice_axis(struct onnx_import * ctx, pinot_output_ref x, int64_t start, int64_t stop, int64_t step,
                             int64_t axis, pinot_output_ref * out) {
    pinot_output_ref args[5] = {x};
    TRY(onnx_const_i64(ctx, &start, 1, false, &args[1]));
    TRY(onnx_const_i64(ctx, &stop, 1, false, &args[2]));
    TRY(onnx_const_i64(ctx, &step, 1, false, &args[3]));
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[4]));
    return onnx_make(ctx, "Slice", args, 5, NULL, 0, out);
}

pinot_output_ref onnx_optional_input(const pinot_output_ref * in, uint32_t n, uint32_t i) {
    return i < n ? in[i] : (pinot_output_ref){NULL, 0};
}

/* Trilu: keep x where col - row >= k (upper) or <= k (lower), else 0. */
ONNX_TRANSLATOR(onnx_tr_trilu) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref rows, cols, offsets, k, mask, zero;
    TRY(onnx_dim_of(ctx, in[0], -2, &rows));
    TRY(onnx_dim_of(ctx, in[0], -1, &cols));
    TRY(onnx_diagonal_offsets(ctx, rows, cols, &offsets));
    if (n > 1 && in[1].node != NULL) {
        pinot_output_ref args[2] = {in[1]};
        TRY(onnx_const_i64(ctx, NULL, 0, false, &args[1]));
        pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
        TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &k));
        TRY(onnx_convert(ctx, k, PINOT_DTYPE_I64, &k));
    } else {
        int64_t zero_k = 0;
        TRY(onnx_const_i64(ctx, &zero_k, 1, true, &k));
    }
    bool upper = onnx_attr_int(node, "upper", 1) != 0;
    TRY(onnx_binary(ctx, upper ? "GreaterEqual" : "LessEqual", offsets, k, &mask));
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &zero));
    pinot_output_ref args[3] = {mask, in[0], zero};
    return onnx_make(ctx, "Select", args, 3, NULL, 0, &out[0]);
}

/* EyeLike: ones where col - row == k, in `dtype` (default: the input's). */
ONNX_TRANSLATOR(onnx_tr_eye_like) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype type;
    TRY(onnx_attr_dtype(ctx, node, "dtype", onnx_type_of(in[0]), &type));
    pinot_output_ref rows, cols, offsets, k, mask;
    TRY(onnx_dim_of(ctx, in[0], 0, &rows));
    TRY(onnx_dim_of(ctx, in[0], 1, &cols));
    TRY(onnx_diagonal_offsets(ctx, rows, cols, &offsets));
    int64_t kv = onnx_attr_int(node, "k", 0);
    TRY(onnx_const_i64(ctx, &kv, 1, true, &k));
    TRY(onnx_binary(ctx, "Equal", offsets, k, &mask));
    return onnx_convert(ctx, mask, type, &out[0]);
}

/* The index of the first max (or min) along axis, as TopK(k=1) keeping the axis. */
static pinot_status arg_extreme(struct onnx_import * ctx, pinot_output_ref x, int64_t axis, bool max,
                                pinot_output_ref * out) {
    int64_t one = 1;
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, &one, 1, true, &args[1]));
    pinot_attr attrs[] = {ATTR_INT("axis", axis), ATTR_STR("mode", max ? "max" : "min"), ATTR_STR("sort", "value"),
                          ATTR_TYPE("index_element_type", PINOT_DTYPE_I64), ATTR_BOOL("stable", true)};
    pinot_node_t * topk;
    TRY(onnx_make_node(ctx, "TopK", args, 2, attrs, 5, &topk));
    *out = (pinot_output_ref){topk, 1};
    return PINOT_STATUS_OK;
}

/* ArgMax / ArgMin: TopK(k=1); select_last_index reverses the axis first and maps i to d-1-i. */
ONNX_TRANSLATOR(onnx_tr_arg) {
    TRY(need_inputs(ctx, in, n, 1));
    int64_t axis = onnx_attr_int(node, "axis", 0);
    bool max = strcmp(node->op_type, "ArgMax") == 0;
    bool last = onnx_attr_int(node, "select_last_index", 0) != 0;
    pinot_output_ref x = in[0], indices;
    if (last) {
        int64_t start = -1, stop = INT64_MIN, step = -1;
        pinot_output_ref args[5] = {in[0]};
        TRY(onnx_const_i64(ctx, &start, 1, false, &args[1]));
        TRY(onnx_const_i64(ctx, &stop, 1, false, &args[2]));
        TRY(onnx_const_i64(ctx, &step, 1, false, &args[3]));
        TRY(onnx_const_i64(ctx, &axis, 1, false, &args[4]));
        TRY(onnx_make(ctx, "Slice", args, 5, NULL, 0, &x));
    }
    TRY(arg_extreme(ctx, x, axis, max, &indices));
    if (last) {
        pinot_output_ref dim, last_index;
        TRY(onnx_dim_of(ctx, in[0], axis, &dim));
        TRY(onnx_binary_scalar(ctx, "Subtract", dim, 1.0, &last_index));
        TRY(onnx_binary(ctx, "Subtract", last_index, indices, &indices));
    }
    if (onnx_attr_int(node, "keepdims", 1) != 0) {
        out[0] = indices;
        return PINOT_STATUS_OK;
    }
    pinot_output_ref squeeze_args[2] = {indices};
    TRY(onnx_const_i64(ctx, &axis, 1, false, &squeeze_args[1]));
    return onnx_make(ctx, "Squeeze", squeeze_args, 2, NULL, 0, &out[0]);
}

/* Hardmax (opset 13): one-hot of the first max along axis. */
ONNX_TRANSLATOR(onnx_tr_hardmax) {
    TRY(need_inputs(ctx, in, n, 1));
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, in[0], &rank));
    int64_t axis = onnx_attr_int(node, "axis", -1);
    TRY(onnx_normalize_axis(ctx, &axis, rank));
    pinot_output_ref indices, depth, on, off, args[2];
    TRY(arg_extreme(ctx, in[0], axis, true, &indices));
    args[0] = indices;
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Squeeze", args, 2, NULL, 0, &indices));
    TRY(onnx_dim_of(ctx, in[0], axis, &depth));
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 1.0, &on));
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &off));
    pinot_output_ref hot_args[4] = {indices, depth, on, off};
    pinot_attr attrs[] = {ATTR_INT("axis", axis)};
    return onnx_make(ctx, "OneHot", hot_args, 4, attrs, 1, &out[0]);
}

/* LpNormalization: x / ||x||_p along axis (p = 1 or 2). */
ONNX_TRANSLATOR(onnx_tr_lp_norm) {
    TRY(need_inputs(ctx, in, n, 1));
    int64_t axis = onnx_attr_int(node, "axis", -1), p = onnx_attr_int(node, "p", 2);
    if (p != 1 && p != 2) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "p must be 1 or 2 (got %lld)", (long long)p);
    }
    pinot_output_ref args[2] = {in[0]}, norm;
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("keep_dims", true)};
    TRY(onnx_make(ctx, p == 1 ? "ReduceL1" : "ReduceL2", args, 2, attrs, 1, &norm));
    /* A zero norm gives 0, not 0 / 0. */
    pinot_output_ref is_zero, quotient, zero, select_args[3];
    TRY(onnx_binary_scalar(ctx, "Equal", norm, 0.0, &is_zero));
    TRY(onnx_binary(ctx, "Divide", in[0], norm, &quotient));
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &zero));
    select_args[0] = is_zero;
    select_args[1] = zero;
    select_args[2] = quotient;
    return onnx_make(ctx, "Select", select_args, 3, NULL, 0, &out[0]);
}

/* Axes axis..rank-1 as an i64 constant. */
static pinot_status trailing_axes(struct onnx_import * ctx, pinot_output_ref x, int64_t axis, pinot_output_ref * out) {
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, x, &rank));
    TRY(onnx_normalize_axis(ctx, &axis, rank));
    int64_t axes[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    for (int64_t i = axis; i < rank; i++) {
        axes[n_axes++] = i;
    }
    return onnx_const_i64(ctx, axes, n_axes, false, out);
}

/* The stash_type attribute as a Pinot type (1 = float). */
static pinot_status stash_type(struct onnx_import * ctx, const struct onnx_node * node, pinot_dtype * out) {
    return onnx_attr_dtype(ctx, node, "stash_type", PINOT_DTYPE_F32, out);
}

/* LayerNormalization with the Mean and InvStdDev outputs: computed step by step in stash_type. */
ONNX_TRANSLATOR(onnx_tr_layer_norm_stats) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_dtype stash;
    TRY(stash_type(ctx, node, &stash));
    pinot_output_ref axes, x, mean, centered, var, inv, y, args[2];
    TRY(trailing_axes(ctx, in[0], onnx_attr_int(node, "axis", -1), &axes));
    TRY(onnx_convert(ctx, in[0], stash, &x));
    pinot_attr keep[] = {ATTR_BOOL("keep_dims", true)};
    args[0] = x;
    args[1] = axes;
    TRY(onnx_make(ctx, "ReduceMean", args, 2, keep, 1, &mean));
    TRY(onnx_binary(ctx, "Subtract", x, mean, &centered));
    TRY(onnx_binary(ctx, "Multiply", centered, centered, &var));
    args[0] = var;
    TRY(onnx_make(ctx, "ReduceMean", args, 2, keep, 1, &var));
    TRY(onnx_binary_scalar(ctx, "Add", var, onnx_attr_float(node, "epsilon", 1e-5), &var));
    TRY(onnx_unary(ctx, "Sqrt", var, &inv));
    pinot_output_ref one;
    TRY(onnx_const_scalar(ctx, stash, 1.0, &one));
    TRY(onnx_binary(ctx, "Divide", one, inv, &inv));
    TRY(onnx_binary(ctx, "Multiply", centered, inv, &y));
    TRY(onnx_convert(ctx, y, onnx_type_of(in[0]), &y));
    TRY(onnx_binary(ctx, "Multiply", y, in[1], &y));
    if (n > 2 && in[2].node != NULL) {
        TRY(onnx_binary(ctx, "Add", y, in[2], &y));
    }
    out[0] = y;
    out[1] = mean;
    if (node->n_outputs > 2) {
        out[2] = inv;
    }
    return PINOT_STATUS_OK;
}

/* RMSNormalization (opset 23): x / sqrt(mean(x^2) + eps) * scale over axis..rank-1, in stash_type. */
ONNX_TRANSLATOR(onnx_tr_rms_norm) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_dtype stash;
    TRY(stash_type(ctx, node, &stash));
    pinot_output_ref axes, x, sq, rms, y, args[2];
    TRY(trailing_axes(ctx, in[0], onnx_attr_int(node, "axis", -1), &axes));
    TRY(onnx_convert(ctx, in[0], stash, &x));
    TRY(onnx_binary(ctx, "Multiply", x, x, &sq));
    pinot_attr keep[] = {ATTR_BOOL("keep_dims", true)};
    args[0] = sq;
    args[1] = axes;
    TRY(onnx_make(ctx, "ReduceMean", args, 2, keep, 1, &rms));
    TRY(onnx_binary_scalar(ctx, "Add", rms, onnx_attr_float(node, "epsilon", 1e-5), &rms));
    TRY(onnx_unary(ctx, "Sqrt", rms, &rms));
    TRY(onnx_binary(ctx, "Divide", x, rms, &y));
    TRY(onnx_convert(ctx, y, onnx_type_of(in[0]), &y));
    return onnx_binary(ctx, "Multiply", y, in[1], &out[0]);
}

/* MeanVarianceNormalization: (x - mean) / (sqrt(var) + 1e-9) over `axes` (default 0, 2, 3). */
ONNX_TRANSLATOR(onnx_tr_mvn) {
    TRY(need_inputs(ctx, in, n, 1));
    const struct onnx_attribute * a = onnx_attr(node, "axes");
    static const int64_t default_axes[] = {0, 2, 3};
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_i64(ctx, a != NULL ? a->ints : default_axes, a != NULL ? a->n_ints : 3, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("normalize_variance", true), ATTR_FLOAT("eps", 1e-9),
                          ATTR_STR("eps_mode", "outside_sqrt")};
    return onnx_make(ctx, "MVN", args, 2, attrs, 3, &out[0]);
}

/* GroupNormalization (opset 21: per-channel scale and bias). */
ONNX_TRANSLATOR(onnx_tr_group_norm) {
    TRY(need_inputs(ctx, in, n, 3));
    if (ctx->opset < 21) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "per-group scale and bias (opset 18) are not supported");
    }
    pinot_attr attrs[] = {ATTR_INT("num_groups", onnx_attr_int(node, "num_groups", 1)),
                          ATTR_FLOAT("epsilon", onnx_attr_float(node, "epsilon", 1e-5))};
    return onnx_make(ctx, "GroupNormalization", in, 3, attrs, 2, &out[0]);
}

/* ---- activations ---- */

/* ThresholdedRelu: x > alpha ? x : 0. */
ONNX_TRANSLATOR(onnx_tr_thresholded_relu) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref mask, zero;
    TRY(onnx_binary_scalar(ctx, "Greater", in[0], onnx_attr_float(node, "alpha", 1.0), &mask));
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &zero));
    pinot_output_ref args[3] = {mask, in[0], zero};
    return onnx_make(ctx, "Select", args, 3, NULL, 0, &out[0]);
}

/* Shrink: x < -lambd ? x + bias : x > lambd ? x - bias : 0. */
ONNX_TRANSLATOR(onnx_tr_shrink) {
    TRY(need_inputs(ctx, in, n, 1));
    double lambd = onnx_attr_float(node, "lambd", 0.5), bias = onnx_attr_float(node, "bias", 0.0);
    pinot_output_ref below, above, plus, minus, zero, inner;
    TRY(onnx_binary_scalar(ctx, "Less", in[0], -lambd, &below));
    TRY(onnx_binary_scalar(ctx, "Greater", in[0], lambd, &above));
    TRY(onnx_binary_scalar(ctx, "Add", in[0], bias, &plus));
    TRY(onnx_binary_scalar(ctx, "Subtract", in[0], bias, &minus));
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &zero));
    pinot_output_ref args[3] = {above, minus, zero};
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &inner));
    args[0] = below;
    args[1] = plus;
    args[2] = inner;
    return onnx_make(ctx, "Select", args, 3, NULL, 0, &out[0]);
}

/* Celu: max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) = alpha * Elu(x / alpha). */
ONNX_TRANSLATOR(onnx_tr_celu) {
    TRY(need_inputs(ctx, in, n, 1));
    double alpha = onnx_attr_float(node, "alpha", 1.0);
    pinot_output_ref scaled, elu;
    TRY(onnx_binary_scalar(ctx, "Divide", in[0], alpha, &scaled));
    pinot_attr attrs[] = {ATTR_FLOAT("alpha", 1.0)};
    TRY(onnx_make(ctx, "Elu", &scaled, 1, attrs, 1, &elu));
    return onnx_binary_scalar(ctx, "Multiply", elu, alpha, &out[0]);
}

/* Swish (opset 24): x * sigmoid(alpha * x). */
ONNX_TRANSLATOR(onnx_tr_swish) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), onnx_attr_float(node, "alpha", 1.0), &args[1]));
    return onnx_make(ctx, "Swish", args, 2, NULL, 0, &out[0]);
}

ONNX_TRANSLATOR(onnx_tr_is_inf) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_attr attrs[] = {ATTR_BOOL("detect_negative", onnx_attr_int(node, "detect_negative", 1) != 0),
                          ATTR_BOOL("detect_positive", onnx_attr_int(node, "detect_positive", 1) != 0)};
    return onnx_make(ctx, "IsInf", in, 1, attrs, 2, &out[0]);
}

ONNX_TRANSLATOR(onnx_tr_round) {
    TRY(need_inputs(ctx, in, n, 1));
    (void)node;
    pinot_attr attrs[] = {ATTR_STR("mode", "half_to_even")};
    return onnx_make(ctx, "Round", in, 1, attrs, 1, &out[0]);
}

ONNX_TRANSLATOR(onnx_tr_bit_shift) {
    TRY(need_inputs(ctx, in, n, 2));
    char buf[16];
    const char * direction = onnx_attr_string(node, "direction", "", buf, sizeof(buf));
    bool left = strcmp(direction, "LEFT") == 0;
    if (!left && strcmp(direction, "RIGHT") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "direction must be LEFT or RIGHT (got '%s')", direction);
    }
    return onnx_make(ctx, left ? "BitwiseLeftShift" : "BitwiseRightShift", in, 2, NULL, 0, &out[0]);
}

/* Pow with mixed types: an integer base with a real exponent is computed in the exponent's
 * type and converted back; otherwise the exponent takes the base's type. */
ONNX_TRANSLATOR(onnx_tr_pow) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    pinot_dtype base = onnx_type_of(in[0]), exponent = onnx_type_of(in[1]);
    if (base == exponent) {
        return onnx_binary(ctx, "Power", in[0], in[1], &out[0]);
    }
    if (!pinot_dtype_get_info(base)->is_real && pinot_dtype_get_info(exponent)->is_real) {
        pinot_output_ref x, y;
        TRY(onnx_convert(ctx, in[0], exponent, &x));
        TRY(onnx_binary(ctx, "Power", x, in[1], &y));
        return onnx_convert(ctx, y, base, &out[0]);
    }
    pinot_output_ref e;
    TRY(onnx_convert(ctx, in[1], base, &e));
    return onnx_binary(ctx, "Power", in[0], e, &out[0]);
}

/* ---- losses ---- */

/* NegativeLogLikelihoodLoss on log-probabilities x [N, C, d...] and targets [N, d...]:
 * -x[n, t, d...] * weight[t], 0 where t == ignore_index, then none / sum / mean (weighted). */
static pinot_status nll_loss(struct onnx_import * ctx, const struct onnx_node * node, pinot_output_ref x,
                             pinot_output_ref target, pinot_output_ref weight, pinot_output_ref * out) {
    char buf[16];
    const char * reduction = onnx_attr_string(node, "reduction", "mean", buf, sizeof(buf));
    const struct onnx_attribute * ignore = onnx_attr(node, "ignore_index");
    pinot_dtype type = onnx_type_of(x);
    pinot_output_ref t, mask = {NULL, 0}, w = weight, picked, loss, args[3];
    TRY(onnx_convert(ctx, target, PINOT_DTYPE_I64, &t));
    if (ignore != NULL) {
        pinot_output_ref ignored, zero;
        TRY(onnx_const_i64(ctx, &ignore->i, 1, true, &ignored));
        TRY(onnx_binary(ctx, "NotEqual", t, ignored, &mask));
        TRY(onnx_const_scalar(ctx, PINOT_DTYPE_I64, 0.0, &zero));
        args[0] = mask;
        args[1] = t;
        args[2] = zero;
        TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &t));
    }
    int64_t one = 1, zero_axis = 0;
    args[0] = t;
    TRY(onnx_const_i64(ctx, &one, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &picked));
    args[0] = x;
    args[1] = picked;
    pinot_attr gather_attrs[] = {ATTR_INT("axis", 1)};
    TRY(onnx_make(ctx, "GatherElements", args, 2, gather_attrs, 1, &picked));
    args[0] = picked;
    TRY(onnx_const_i64(ctx, &one, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Squeeze", args, 2, NULL, 0, &picked));
    TRY(onnx_unary(ctx, "Negative", picked, &loss));
    if (w.node != NULL) {
        args[0] = weight;
        args[1] = t;
        TRY(onnx_const_i64(ctx, &zero_axis, 1, true, &args[2]));
        TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &w));
    }
    if (mask.node != NULL) {
        pinot_output_ref keep;
        TRY(onnx_convert(ctx, mask, type, &keep));
        if (w.node != NULL) {
            TRY(onnx_binary(ctx, "Multiply", w, keep, &w));
        } else {
            w = keep;
        }
    }
    if (w.node != NULL) {
        TRY(onnx_binary(ctx, "Multiply", loss, w, &loss));
    }
    if (strcmp(reduction, "none") == 0) {
        *out = loss;
        return PINOT_STATUS_OK;
    }
    if (strcmp(reduction, "sum") == 0) {
        return onnx_reduce_all(ctx, "ReduceSum", loss, out);
    }
    if (strcmp(reduction, "mean") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "reduction must be none, sum or mean (got '%s')",
                          reduction);
    }
    if (w.node == NULL) {
        return onnx_reduce_all(ctx, "ReduceMean", loss, out);
    }
    pinot_output_ref total, total_weight;
    TRY(onnx_reduce_all(ctx, "ReduceSum", loss, &total));
    TRY(onnx_reduce_all(ctx, "ReduceSum", w, &total_weight));
    return onnx_binary(ctx, "Divide", total, total_weight, out);
}

ONNX_TRANSLATOR(onnx_tr_nll_loss) {
    TRY(need_inputs(ctx, in, n, 2));
    return nll_loss(ctx, node, in[0], in[1], n > 2 ? in[2] : (pinot_output_ref){NULL, 0}, &out[0]);
}

/* SoftmaxCrossEntropyLoss: NLL of LogSoftmax(scores, axis 1); output 1 is the log-probabilities. */
ONNX_TRANSLATOR(onnx_tr_softmax_ce_loss) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_output_ref log_prob;
    pinot_attr attrs[] = {ATTR_INT("axis", 1)};
    TRY(onnx_make(ctx, "LogSoftmax", in, 1, attrs, 1, &log_prob));
    TRY(nll_loss(ctx, node, log_prob, in[1], n > 2 ? in[2] : (pinot_output_ref){NULL, 0}, &out[0]));
    if (node->n_outputs > 1) {
        out[1] = log_prob;
    }
    return PINOT_STATUS_OK;
}

/* Dropout at inference: the input, and an all-true mask; training mode (Dropout-12+) in
 * onnx-ops-random.c. */
ONNX_TRANSLATOR(onnx_tr_dropout) {
    TRY(need_inputs(ctx, in, n, 1));
    out[0] = in[0];
    if (node->n_outputs > 1) {
        pinot_output_ref args[2], shape;
        pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
        TRY(onnx_make(ctx, "ShapeOf", in, 1, shape_attrs, 1, &shape));
        TRY(onnx_const_scalar(ctx, PINOT_DTYPE_BOOLEAN, 1.0, &args[0]));
        args[1] = shape;
        pinot_attr attrs[] = {ATTR_STR("mode", "numpy")};
        TRY(onnx_make(ctx, "Broadcast", args, 2, attrs, 1, &out[1]));
    }
    return onnx_dropout_training(ctx, node, in, n, out);
}

/* ---- selection and cropping ---- */

/* Compress: Gather(x, NonZero(condition)) along axis, or over the flattened x without one. */
ONNX_TRANSLATOR(onnx_tr_compress) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_output_ref x = in[0], indices, args[3];
    const struct onnx_attribute * axis_attr = onnx_attr(node, "axis");
    int64_t axis = axis_attr != NULL ? axis_attr->i : 0, flat = -1, zero = 0;
    if (axis_attr == NULL) {
        args[0] = x;
        TRY(onnx_const_i64(ctx, &flat, 1, false, &args[1]));
        pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
        TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &x));
    }
    pinot_attr nz_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "NonZero", &in[1], 1, nz_attrs, 1, &indices));
    args[0] = indices;
    TRY(onnx_const_i64(ctx, &zero, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Squeeze", args, 2, NULL, 0, &indices));
    args[0] = x;
    args[1] = indices;
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[2]));
    return onnx_make(ctx, "Gather", args, 3, NULL, 0, &out[0]);
}

/* CenterCropPad: per axis, crop the centered window of the target size when larger, pad it
 * centered with zeros when smaller (the odd element at the end in both cases). */
ONNX_TRANSLATOR(onnx_tr_center_crop_pad) {
    TRY(need_inputs(ctx, in, n, 2));
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, in[0], &rank));
    const struct onnx_attribute * axes_attr = onnx_attr(node, "axes");
    int64_t axes[PINOT_MAX_RANK], zeros[PINOT_MAX_RANK] = {0}, ones[PINOT_MAX_RANK], zero = 0, two = 2;
    uint32_t n_axes = axes_attr != NULL ? axes_attr->n_ints : (uint32_t)rank;
    if (n_axes > PINOT_MAX_RANK) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "too many axes");
    }
    for (uint32_t i = 0; i < n_axes; i++) {
        axes[i] = axes_attr != NULL ? axes_attr->ints[i] : (int64_t)i;
        TRY(onnx_normalize_axis(ctx, &axes[i], rank));
        ones[i] = 1;
    }
    pinot_output_ref shape, dims, target, axes_ref, zero_ref, two_ref, args[5];
    pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "ShapeOf", in, 1, shape_attrs, 1, &shape));
    TRY(onnx_const_i64(ctx, axes, n_axes, false, &axes_ref));
    TRY(onnx_const_i64(ctx, &zero, 1, true, &zero_ref));
    TRY(onnx_const_i64(ctx, &two, 1, true, &two_ref));
    args[0] = shape;
    args[1] = axes_ref;
    args[2] = zero_ref;
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &dims));
    TRY(onnx_convert(ctx, in[1], PINOT_DTYPE_I64, &target));
    /* Crop: start = max(d - t, 0) / 2, stop = start + min(d, t). */
    pinot_output_ref excess, start, stop, cropped;
    TRY(onnx_binary(ctx, "Subtract", dims, target, &excess));
    TRY(onnx_binary(ctx, "Maximum", excess, zero_ref, &excess));
    TRY(onnx_binary(ctx, "Divide", excess, two_ref, &start));
    TRY(onnx_binary(ctx, "Minimum", dims, target, &stop));
    TRY(onnx_binary(ctx, "Add", start, stop, &stop));
    args[0] = in[0];
    args[1] = start;
    args[2] = stop;
    TRY(onnx_const_i64(ctx, ones, n_axes, false, &args[3]));
    args[4] = axes_ref;
    TRY(onnx_make(ctx, "Slice", args, 5, NULL, 0, &cropped));
    /* Pad: begin = max(t - d, 0) / 2, end = the rest, scattered over all axes. */
    pinot_output_ref missing, begin, end, full_zeros, pads[2];
    TRY(onnx_binary(ctx, "Subtract", target, dims, &missing));
    TRY(onnx_binary(ctx, "Maximum", missing, zero_ref, &missing));
    TRY(onnx_binary(ctx, "Divide", missing, two_ref, &begin));
    TRY(onnx_binary(ctx, "Subtract", missing, begin, &end));
    TRY(onnx_const_i64(ctx, zeros, (uint32_t)rank, false, &full_zeros));
    pinot_output_ref halves[2] = {begin, end};
    for (int h = 0; h < 2; h++) {
        pinot_output_ref scatter_args[4] = {full_zeros, axes_ref, halves[h], zero_ref};
        TRY(onnx_make(ctx, "ScatterUpdate", scatter_args, 4, NULL, 0, &pads[h]));
    }
    args[0] = cropped;
    args[1] = pads[0];
    args[2] = pads[1];
    TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &args[3]));
    pinot_attr pad_attrs[] = {ATTR_STR("pad_mode", "constant")};
    return onnx_make(ctx, "Pad", args, 4, pad_attrs, 1, &out[0]);
}

/* ---- signal ---- */

/* Hann / Hamming / Blackman windows: sum_k a_k cos(2 pi k n / N'), N' = size (periodic) or size - 1. */
ONNX_TRANSLATOR(onnx_tr_window) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype type = PINOT_DTYPE_F32;
    if (onnx_dtype_to_pinot((int32_t)onnx_attr_int(node, "output_datatype", 1), &type) != PINOT_STATUS_OK) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "unsupported output_datatype");
    }
    double a[3] = {0.5, -0.5, 0.0};
    if (strcmp(node->op_type, "HammingWindow") == 0) {
        a[0] = 25.0 / 46.0;
        a[1] = -21.0 / 46.0;
    } else if (strcmp(node->op_type, "BlackmanWindow") == 0) {
        a[0] = 0.42;
        a[1] = -0.5;
        a[2] = 0.08;
    }
    bool periodic = onnx_attr_int(node, "periodic", 1) != 0;
    pinot_output_ref size, index, denominator, phase, y, term;
    TRY(onnx_convert(ctx, in[0], PINOT_DTYPE_I64, &size));
    pinot_output_ref args[2] = {size};
    TRY(onnx_const_i64(ctx, NULL, 0, false, &args[1]));
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &size));
    TRY(onnx_iota(ctx, size, &index));
    TRY(onnx_convert(ctx, index, PINOT_DTYPE_F64, &index));
    TRY(onnx_convert(ctx, size, PINOT_DTYPE_F64, &denominator));
    if (!periodic) {
        TRY(onnx_binary_scalar(ctx, "Subtract", denominator, 1.0, &denominator));
    }
    TRY(onnx_binary_scalar(ctx, "Multiply", index, 2.0 * 3.14159265358979323846, &phase));
    TRY(onnx_binary(ctx, "Divide", phase, denominator, &phase));
    TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F64, a[0], &y));
    for (int k = 1; k < 3; k++) {
        if (a[k] == 0.0) {
            continue;
        }
        TRY(onnx_binary_scalar(ctx, "Multiply", phase, (double)k, &term));
        TRY(onnx_unary(ctx, "Cos", term, &term));
        TRY(onnx_binary_scalar(ctx, "Multiply", term, a[k], &term));
        TRY(onnx_binary(ctx, "Add", y, term, &y));
    }
    return onnx_convert(ctx, y, type, &out[0]);
}

/* CumProd: exp(cumsum(log|x|)) with the sign from the parity of the negatives so far; integers are
 * computed in f64 and rounded back. */
ONNX_TRANSLATOR(onnx_tr_cumprod) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_dtype type = onnx_type_of(in[0]);
    bool real = pinot_dtype_get_info(type)->is_real;
    pinot_output_ref x, magnitude, negative, sign, y, args[2];
    TRY(onnx_convert(ctx, in[0], real ? type : PINOT_DTYPE_F64, &x));
    pinot_attr attrs[] = {ATTR_BOOL("exclusive", onnx_attr_int(node, "exclusive", 0) != 0),
                          ATTR_BOOL("reverse", onnx_attr_int(node, "reverse", 0) != 0)};
    TRY(onnx_unary(ctx, "Abs", x, &magnitude));
    TRY(onnx_unary(ctx, "Log", magnitude, &magnitude));
    args[0] = magnitude;
    args[1] = in[1];
    TRY(onnx_make(ctx, "CumSum", args, 2, attrs, 2, &magnitude));
    TRY(onnx_unary(ctx, "Exp", magnitude, &magnitude));
    TRY(onnx_binary_scalar(ctx, "Less", x, 0.0, &negative));
    TRY(onnx_convert(ctx, negative, onnx_type_of(x), &negative));
    args[0] = negative;
    TRY(onnx_make(ctx, "CumSum", args, 2, attrs, 2, &negative));
    TRY(onnx_binary_scalar(ctx, "FloorMod", negative, 2.0, &negative));
    TRY(onnx_binary_scalar(ctx, "Multiply", negative, -2.0, &sign));
    TRY(onnx_binary_scalar(ctx, "Add", sign, 1.0, &sign));
    TRY(onnx_binary(ctx, "Multiply", magnitude, sign, &y));
    if (!real) {
        pinot_attr round_attrs[] = {ATTR_STR("mode", "half_to_even")};
        TRY(onnx_make(ctx, "Round", &y, 1, round_attrs, 1, &y));
    }
    return onnx_convert(ctx, y, type, &out[0]);
}

/* TensorScatter (opset 24): write update into the cache along axis from write_indices[b] (0 by default),
 * wrapping when circular, as ScatterElementsUpdate with indices write_indices[b] + i. */
ONNX_TRANSLATOR(onnx_tr_tensor_scatter) {
    TRY(need_inputs(ctx, in, n, 2));
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, in[0], &rank));
    int64_t axis = onnx_attr_int(node, "axis", -2);
    TRY(onnx_normalize_axis(ctx, &axis, rank));
    char buf[16];
    bool circular = strcmp(onnx_attr_string(node, "mode", "linear", buf, sizeof(buf)), "circular") == 0;
    pinot_output_ref length, steps, index, shape, args[4];
    int64_t broadcast_shape[PINOT_MAX_RANK];
    TRY(onnx_dim_of(ctx, in[1], axis, &length));
    TRY(onnx_iota(ctx, length, &steps));
    for (int32_t i = 0; i < rank; i++) {
        broadcast_shape[i] = i == axis ? -1 : 1;
    }
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    args[0] = steps;
    TRY(onnx_const_i64(ctx, broadcast_shape, (uint32_t)rank, false, &args[1]));
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &index));
    pinot_output_ref writes = onnx_optional_input(in, n, 2);
    if (writes.node != NULL) {
        for (int32_t i = 0; i < rank; i++) {
            broadcast_shape[i] = i == 0 ? -1 : 1;
        }
        TRY(onnx_convert(ctx, writes, PINOT_DTYPE_I64, &writes));
        args[0] = writes;
        TRY(onnx_const_i64(ctx, broadcast_shape, (uint32_t)rank, false, &args[1]));
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &writes));
        TRY(onnx_binary(ctx, "Add", index, writes, &index));
    }
    if (circular) {
        pinot_output_ref capacity;
        TRY(onnx_dim_of(ctx, in[0], axis, &capacity));
        TRY(onnx_binary(ctx, "FloorMod", index, capacity, &index));
    }
    pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "ShapeOf", &in[1], 1, shape_attrs, 1, &shape));
    args[0] = index;
    args[1] = shape;
    pinot_attr broadcast_attrs[] = {ATTR_STR("mode", "numpy")};
    TRY(onnx_make(ctx, "Broadcast", args, 2, broadcast_attrs, 1, &index));
    args[0] = in[0];
    args[1] = index;
    args[2] = in[1];
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[3]));
    pinot_attr scatter_attrs[] = {ATTR_STR("reduction", "none")};
    return onnx_make(ctx, "ScatterElementsUpdate", args, 4, scatter_attrs, 1, &out[0]);
}

/* AffineGrid (opset 20): grid[n, ..., :] = theta[n] @ (x, y[, z], 1) over normalized coordinates of
 * the output size (pixel centers, or corners with align_corners). */
ONNX_TRANSLATOR(onnx_tr_affine_grid) {
    TRY(need_inputs(ctx, in, n, 2));
    int64_t dims = onnx_static_dim(in[0], 1); /* 2 or 3 spatial dims */
    if (dims != 2 && dims != 3) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "theta must be [N, 2, 3] or [N, 3, 4]");
    }
    bool align = onnx_attr_int(node, "align_corners", 0) != 0;
    pinot_dtype type = onnx_type_of(in[0]);
    pinot_output_ref size, spatial_shape, coords[4], args[2];
    TRY(onnx_convert(ctx, in[1], PINOT_DTYPE_I64, &size));
    TRY(onnx_slice_axis(ctx, size, 2, INT64_MAX, 1, 0, &spatial_shape));
    pinot_attr broadcast_attrs[] = {ATTR_STR("mode", "numpy")};
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    /* coords[k] for k = 0 (x, the last spatial dim) ..., broadcast to the spatial shape. */
    for (int64_t k = 0; k < dims; k++) {
        int64_t spatial_axis = dims - 1 - k; /* x runs along the last dim */
        pinot_output_ref length, index, lf, c;
        TRY(onnx_slice_axis(ctx, spatial_shape, spatial_axis, spatial_axis + 1, 1, 0, &length));
        args[0] = length;
        TRY(onnx_const_i64(ctx, NULL, 0, false, &args[1]));
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &length));
        TRY(onnx_iota(ctx, length, &index));
        TRY(onnx_convert(ctx, index, type, &index));
        TRY(onnx_convert(ctx, length, type, &lf));
        if (align) {
            /* 2 i / (L - 1) - 1 */
            TRY(onnx_binary_scalar(ctx, "Subtract", lf, 1.0, &lf));
            TRY(onnx_binary_scalar(ctx, "Multiply", index, 2.0, &c));
        } else {
            /* (2 i + 1) / L - 1 */
            TRY(onnx_binary_scalar(ctx, "Multiply", index, 2.0, &c));
            TRY(onnx_binary_scalar(ctx, "Add", c, 1.0, &c));
        }
        TRY(onnx_binary(ctx, "Divide", c, lf, &c));
        TRY(onnx_binary_scalar(ctx, "Subtract", c, 1.0, &c));
        int64_t shape[3] = {1, 1, 1};
        shape[spatial_axis] = -1;
        args[0] = c;
        TRY(onnx_const_i64(ctx, shape, (uint32_t)dims, false, &args[1]));
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &c));
        args[0] = c;
        args[1] = spatial_shape;
        TRY(onnx_make(ctx, "Broadcast", args, 2, broadcast_attrs, 1, &c));
        int64_t last = -1;
        args[0] = c;
        TRY(onnx_const_i64(ctx, &last, 1, false, &args[1]));
        TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &coords[k]));
    }
    pinot_output_ref ones, base, grid, out_shape, batch, parts[3];
    TRY(onnx_binary_scalar(ctx, "Multiply", coords[0], 0.0, &ones));
    TRY(onnx_binary_scalar(ctx, "Add", ones, 1.0, &coords[dims]));
    pinot_attr concat_attrs[] = {ATTR_INT("axis", -1)};
    TRY(onnx_make(ctx, "Concat", coords, (size_t)dims + 1, concat_attrs, 1, &base));
    int64_t flat[2] = {-1, dims + 1};
    args[0] = base;
    TRY(onnx_const_i64(ctx, flat, 2, false, &args[1]));
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &base)); /* [P, dims + 1] */
    pinot_output_ref mm[2] = {base, in[0]};
    pinot_attr mm_attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", true)};
    TRY(onnx_make(ctx, "MatMul", mm, 2, mm_attrs, 2, &grid)); /* [N, P, dims] */
    int64_t tail = dims;
    TRY(onnx_slice_axis(ctx, size, 0, 1, 1, 0, &batch));
    parts[0] = batch;
    parts[1] = spatial_shape;
    TRY(onnx_const_i64(ctx, &tail, 1, false, &parts[2]));
    pinot_attr concat0[] = {ATTR_INT("axis", 0)};
    TRY(onnx_make(ctx, "Concat", parts, 3, concat0, 1, &out_shape));
    args[0] = grid;
    args[1] = out_shape;
    return onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &out[0]);
}

/* Det for static 1x1, 2x2 and 3x3 matrices: the cofactor expansion over the last two axes. */
ONNX_TRANSLATOR(onnx_tr_det) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    int64_t size = onnx_static_dim(in[0], -1);
    if (size < 1 || size > 3 || onnx_static_dim(in[0], -2) != size) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "only static square 1x1 to 3x3 matrices are supported");
    }
    pinot_output_ref a[3][3], rows_ref[3], args[3];
    for (int64_t i = 0; i < size; i++) {
        int64_t axis = -2;
        args[0] = in[0];
        TRY(onnx_const_i64(ctx, &i, 1, true, &args[1]));
        TRY(onnx_const_i64(ctx, &axis, 1, true, &args[2]));
        TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &rows_ref[i]));
        for (int64_t j = 0; j < size; j++) {
            int64_t last = -1;
            args[0] = rows_ref[i];
            TRY(onnx_const_i64(ctx, &j, 1, true, &args[1]));
            TRY(onnx_const_i64(ctx, &last, 1, true, &args[2]));
            TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &a[i][j]));
        }
    }
    if (size == 1) {
        out[0] = a[0][0];
        return PINOT_STATUS_OK;
    }
    pinot_output_ref p, q;
    if (size == 2) {
        TRY(onnx_binary(ctx, "Multiply", a[0][0], a[1][1], &p));
        TRY(onnx_binary(ctx, "Multiply", a[0][1], a[1][0], &q));
        return onnx_binary(ctx, "Subtract", p, q, &out[0]);
    }
    pinot_output_ref total = {NULL, 0};
    for (int j = 0; j < 3; j++) {
        int c1 = (j + 1) % 3, c2 = (j + 2) % 3; /* cyclic order keeps the cofactor signs positive */
        pinot_output_ref minor, term;
        TRY(onnx_binary(ctx, "Multiply", a[1][c1], a[2][c2], &p));
        TRY(onnx_binary(ctx, "Multiply", a[1][c2], a[2][c1], &q));
        TRY(onnx_binary(ctx, "Subtract", p, q, &minor));
        TRY(onnx_binary(ctx, "Multiply", a[0][j], minor, &term));
        if (total.node == NULL) {
            total = term;
        } else {
            TRY(onnx_binary(ctx, "Add", total, term, &total));
        }
    }
    out[0] = total;
    return PINOT_STATUS_OK;
}

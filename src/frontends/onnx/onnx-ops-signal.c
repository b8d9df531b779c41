/* ONNX translators for the signal ops: DFT (17, 20) onto DFT/IDFT/RDFT/IRDFT,
 * STFT (17) onto STFT-15 or a framing decomposition, MelWeightMatrix (17) as a
 * decomposition, and Col2Im (18) onto Col2Im-15 (N-D). ONNX keeps complex values
 * as a trailing dimension of 2 and real ones as a trailing dimension of 1;
 * OpenVINO's real transforms take and give real tensors without it. Rows are
 * in onnx-ops.c; semantics follow onnx/reference/ops/op_dft.py and friends. */
#include <math.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

static pinot_status reshape_to(struct onnx_import * ctx, pinot_output_ref x, const int64_t * shape, uint32_t n,
                               pinot_output_ref * out) {
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, shape, n, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, out);
}

static pinot_status squeeze_axis(struct onnx_import * ctx, const char * op, pinot_output_ref x, int64_t axis,
                                 pinot_output_ref * out) {
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    return onnx_make(ctx, op, args, 2, NULL, 0, out);
}

/* [..., 1] real -> [..., 2] complex with a zero imaginary part (Pad, so inf stays inf). */
static pinot_status real_to_complex(struct onnx_import * ctx, pinot_output_ref x, int32_t rank,
                                   pinot_output_ref * out) {
    int64_t begin[PINOT_MAX_RANK] = {0}, end[PINOT_MAX_RANK] = {0};
    end[rank - 1] = 1;
    pinot_output_ref args[4] = {x};
    TRY(onnx_const_i64(ctx, begin, (uint32_t)rank, false, &args[1]));
    TRY(onnx_const_i64(ctx, end, (uint32_t)rank, false, &args[2]));
    TRY(onnx_const_scalar(ctx, onnx_type_of(x), 0.0, &args[3]));
    pinot_attr attrs[] = {ATTR_STR("pad_mode", "constant")};
    return onnx_make(ctx, "Pad", args, 4, attrs, 1, out);
}

/*
 * One ONNX DFT along the axes in @p axes (an i64 [1] tensor, counted without
 * the trailing dimension) of x [..., 1|2] of static rank, with an optional
 * length @p length (i64 [1] or null):
 *   forward real onesided  -> RDFT of the squeezed signal;
 *   forward complex        -> DFT, then the first n/2+1 bins when onesided;
 *   inverse onesided       -> IRDFT, the real result given back its trailing 1;
 *   inverse                -> IDFT. Real inputs elsewhere get a zero imaginary part.
 */
static pinot_status onnx_dft_core(struct onnx_import * ctx, pinot_output_ref x, int32_t rank, bool real,
                                  pinot_output_ref axes, pinot_output_ref length, bool inverse, bool onesided,
                                  pinot_output_ref * out) {
    pinot_output_ref args[3] = {x, axes, length};
    uint32_t n_args = length.node != NULL ? 3 : 2;
    if (!inverse && real && onesided) {
        TRY(squeeze_axis(ctx, "Squeeze", x, rank - 1, &args[0]));
        return onnx_make(ctx, "RDFT", args, n_args, NULL, 0, out);
    }
    if (real) {
        TRY(real_to_complex(ctx, x, rank, &args[0]));
    }
    if (inverse && onesided) {
        pinot_output_ref y;
        TRY(onnx_make(ctx, "IRDFT", args, n_args, NULL, 0, &y));
        return squeeze_axis(ctx, "Unsqueeze", y, rank - 1, out);
    }
    pinot_output_ref y;
    TRY(onnx_make(ctx, inverse ? "IDFT" : "DFT", args, n_args, NULL, 0, &y));
    if (!onesided) {
        *out = y;
        return PINOT_STATUS_OK;
    }
    /* Keep bins [0, n/2 + 1) of the transformed axis. */
    pinot_output_ref shape, n_bins, slice[5] = {y};
    pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "ShapeOf", &y, 1, shape_attrs, 1, &shape));
    pinot_output_ref gather[3] = {shape, axes};
    int64_t zero = 0, one = 1;
    TRY(onnx_const_i64(ctx, &zero, 1, true, &gather[2]));
    TRY(onnx_make(ctx, "Gather", gather, 3, NULL, 0, &n_bins));
    TRY(onnx_binary_scalar(ctx, "Divide", n_bins, 2.0, &n_bins));
    TRY(onnx_binary_scalar(ctx, "Add", n_bins, 1.0, &n_bins));
    TRY(onnx_const_i64(ctx, &zero, 1, false, &slice[1]));
    slice[2] = n_bins;
    TRY(onnx_const_i64(ctx, &one, 1, false, &slice[3]));
    slice[4] = axes;
    return onnx_make(ctx, "Slice", slice, 5, NULL, 0, out);
}

/* The trailing dimension of an ONNX signal: 1 (real) or 2 (complex); it must be static. */
static pinot_status signal_kind(struct onnx_import * ctx, pinot_output_ref x, int32_t min_rank, int32_t * rank,
                                bool * real) {
    TRY(onnx_static_rank(ctx, x, rank));
    if (*rank < min_rank) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the input rank must be at least %d (got %d)", min_rank,
                          *rank);
    }
    int64_t last = onnx_static_dim(x, -1);
    if (last != 1 && last != 2) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "the last input dimension must be a static 1 (real) or 2 (complex) (got %lld)",
                          (long long)last);
    }
    *real = last == 1;
    return PINOT_STATUS_OK;
}

/* An integer scalar or one-element input as an i64 [1] tensor. */
static pinot_status as_i64_vector(struct onnx_import * ctx, pinot_output_ref v, pinot_output_ref * out) {
    TRY(onnx_convert(ctx, v, PINOT_DTYPE_I64, &v));
    int64_t one = 1;
    return reshape_to(ctx, v, &one, 1, out);
}

/* DFT-17 (axis attribute, default 1) and DFT-20 (axis input, default -2). */
ONNX_TRANSLATOR(onnx_tr_dft) {
    TRY(need_inputs(ctx, in, n, 1));
    int32_t rank = 0;
    bool real = false;
    TRY(signal_kind(ctx, in[0], 2, &rank, &real));
    bool inverse = onnx_attr_int(node, "inverse", 0) != 0;
    bool onesided = onnx_attr_int(node, "onesided", 0) != 0;
    pinot_output_ref axes, length = {NULL, 0};
    pinot_output_ref axis_input = ctx->row->since >= 20 ? onnx_optional_input(in, n, 2) : (pinot_output_ref){NULL, 0};
    int64_t axis = ctx->row->since >= 20 ? -2 : onnx_attr_int(node, "axis", 1);
    const pinot_tensor_t * axis_value = axis_input.node != NULL ? pinot_node_get_constant_value(axis_input.node) : NULL;
    if (axis_value != NULL) {
        /* A constant axis input (an initializer) is read now, so the output shape stays static. */
        pinot_dtype axis_type = pinot_tensor_get_type(axis_value);
        if (pinot_tensor_get_size(axis_value) != 1 || (axis_type != PINOT_DTYPE_I32 && axis_type != PINOT_DTYPE_I64)) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "axis must be one i32 or i64 value");
        }
        axis = axis_type == PINOT_DTYPE_I32 ? ((const int32_t *)pinot_tensor_get_data(axis_value))[0]
                                            : ((const int64_t *)pinot_tensor_get_data(axis_value))[0];
        axis_input = (pinot_output_ref){NULL, 0};
    }
    if (axis_input.node != NULL) {
        /* ONNX counts the axis over the whole rank (axis % rank); the result
         * is the same index in OpenVINO's signal rank since it excludes only the last. */
        pinot_output_ref axis;
        TRY(as_i64_vector(ctx, axis_input, &axis));
        TRY(onnx_binary_scalar(ctx, "FloorMod", axis, (double)rank, &axes));
    } else {
        if (axis < -rank || axis >= rank) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "axis is out of range (got %lld, rank %d)",
                              (long long)axis, rank);
        }
        axis = axis < 0 ? axis + rank : axis;
        if (axis == rank - 1) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                              "axis must not be the last (real/imaginary) dimension (got %lld)", (long long)axis);
        }
        TRY(onnx_const_i64(ctx, &axis, 1, false, &axes));
    }
    pinot_output_ref dft_length = onnx_optional_input(in, n, 1);
    if (dft_length.node != NULL) {
        TRY(as_i64_vector(ctx, dft_length, &length));
    }
    return onnx_dft_core(ctx, in[0], rank, real, axes, length, inverse, onesided, &out[0]);
}

/* STFT-17: signal [B, L, 1|2], frame_step, window [S] (optional), frame_length
 * (optional) -> [B, F, bins, 2]. A real signal with onesided output is STFT-15;
 * otherwise the frames are gathered (index f * step + t) and transformed by DFT. */
ONNX_TRANSLATOR(onnx_tr_stft) {
    TRY(need_inputs(ctx, in, n, 2));
    int32_t rank = 0;
    bool real = false;
    TRY(signal_kind(ctx, in[0], 3, &rank, &real));
    if (rank != 3) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "signal must be [batch, length, 1 or 2] (got rank %d)",
                          rank);
    }
    bool onesided = onnx_attr_int(node, "onesided", 1) != 0;
    pinot_dtype type = onnx_type_of(in[0]);
    pinot_output_ref step, size, window = onnx_optional_input(in, n, 2), length = onnx_optional_input(in, n, 3);
    int64_t scalar_shape[1];
    TRY(onnx_convert(ctx, in[1], PINOT_DTYPE_I64, &step));
    TRY(reshape_to(ctx, step, scalar_shape, 0, &step));
    if (length.node != NULL) {
        TRY(onnx_convert(ctx, length, PINOT_DTYPE_I64, &size));
        TRY(reshape_to(ctx, size, scalar_shape, 0, &size));
    } else if (window.node != NULL) {
        TRY(onnx_dim_of(ctx, window, 0, &size));
    } else {
        TRY(onnx_dim_of(ctx, in[0], 1, &size));
    }
    if (window.node == NULL) {
        /* A rectangular window: ones of the frame length. */
        pinot_output_ref args[2], one;
        TRY(onnx_const_scalar(ctx, type, 1.0, &one));
        args[0] = one;
        TRY(as_i64_vector(ctx, size, &args[1]));
        TRY(onnx_make(ctx, "Broadcast", args, 2, NULL, 0, &window));
    } else {
        TRY(onnx_convert(ctx, window, type, &window));
    }
    if (real && onesided) {
        pinot_output_ref args[4];
        TRY(squeeze_axis(ctx, "Squeeze", in[0], 2, &args[0]));
        args[1] = window;
        args[2] = size;
        args[3] = step;
        pinot_attr attrs[] = {ATTR_BOOL("transpose_frames", false)};
        return onnx_make(ctx, "STFT", args, 4, attrs, 1, &out[0]);
    }
    /* frames = (L - S) / step + 1; index[f, t] = f * step + t. */
    pinot_output_ref signal_length, frames, f, t, index, framed, weights, args[3];
    TRY(onnx_dim_of(ctx, in[0], 1, &signal_length));
    TRY(onnx_binary(ctx, "Subtract", signal_length, size, &frames));
    TRY(onnx_binary(ctx, "Divide", frames, step, &frames));
    TRY(onnx_binary_scalar(ctx, "Add", frames, 1.0, &frames));
    TRY(onnx_iota(ctx, frames, &f));
    TRY(onnx_binary(ctx, "Multiply", f, step, &f));
    TRY(squeeze_axis(ctx, "Unsqueeze", f, 1, &f));
    TRY(onnx_iota(ctx, size, &t));
    TRY(onnx_binary(ctx, "Add", f, t, &index));
    int64_t axis = 1;
    args[0] = in[0];
    args[1] = index;
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[2]));
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &framed)); /* [B, F, S, 1|2] */
    int64_t window_shape[2] = {-1, 1};
    TRY(reshape_to(ctx, window, window_shape, 2, &weights));
    TRY(onnx_binary(ctx, "Multiply", framed, weights, &framed));
    pinot_output_ref axes;
    int64_t dft_axis = 2;
    TRY(onnx_const_i64(ctx, &dft_axis, 1, false, &axes));
    return onnx_dft_core(ctx, framed, 4, real, axes, (pinot_output_ref){NULL, 0}, false, onesided, &out[0]);
}

/* x[start:stop] along axis 0 with constant bounds (stop may count from the end). */
static pinot_status slice_0(struct onnx_import * ctx, pinot_output_ref x, int64_t start, int64_t stop,
                            pinot_output_ref * out) {
    return onnx_slice_axis(ctx, x, start, stop, 1, 0, out);
}

/* MelWeightMatrix-17 as the reference computes it: M + 2 band edges evenly
 * spaced in mel, mapped to spectrogram bins floor((dft_length + 1) * hz / rate);
 * column i is a triangle rising over bins [edge_i, edge_i+1] and falling to
 * edge_i+2 (1 at its center). Output [dft_length / 2 + 1, M]. */
ONNX_TRANSLATOR(onnx_tr_mel_weight_matrix) {
    TRY(need_inputs(ctx, in, n, 5));
    pinot_dtype type = PINOT_DTYPE_F32;
    if (onnx_dtype_to_pinot((int32_t)onnx_attr_int(node, "output_datatype", 1), &type) != PINOT_STATUS_OK) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "unsupported output_datatype");
    }
    int64_t scalar_shape[1];
    pinot_output_ref mels, dft_length, rate, low, high, v[5];
    for (uint32_t i = 0; i < 5; i++) {
        TRY(onnx_convert(ctx, in[i], i < 3 ? PINOT_DTYPE_I64 : PINOT_DTYPE_F64, &v[i]));
        TRY(reshape_to(ctx, v[i], scalar_shape, 0, &v[i]));
    }
    mels = v[0];
    dft_length = v[1];
    rate = v[2];
    /* hz -> mel: 2595 * log10(1 + hz / 700). */
    pinot_output_ref mel[2];
    for (int k = 0; k < 2; k++) {
        pinot_output_ref m;
        TRY(onnx_binary_scalar(ctx, "Divide", v[3 + k], 700.0, &m));
        TRY(onnx_binary_scalar(ctx, "Add", m, 1.0, &m));
        TRY(onnx_unary(ctx, "Log", m, &m));
        TRY(onnx_binary_scalar(ctx, "Multiply", m, 2595.0 / log(10.0), &mel[k]));
    }
    low = mel[0];
    high = mel[1];
    /* edges[i] = mel_to_hz(low + i * (high - low) / (M + 2)), i in [0, M + 2). */
    pinot_output_ref count, step, edges, hz, bins;
    TRY(onnx_binary_scalar(ctx, "Add", mels, 2.0, &count));
    TRY(onnx_iota(ctx, count, &edges));
    TRY(onnx_convert(ctx, edges, PINOT_DTYPE_F64, &edges));
    TRY(onnx_convert(ctx, count, PINOT_DTYPE_F64, &count));
    TRY(onnx_binary(ctx, "Subtract", high, low, &step));
    TRY(onnx_binary(ctx, "Divide", step, count, &step));
    TRY(onnx_binary(ctx, "Multiply", edges, step, &edges));
    TRY(onnx_binary(ctx, "Add", edges, low, &edges));
    /* mel -> hz: 700 * (10^(mel / 2595) - 1). */
    TRY(onnx_binary_scalar(ctx, "Multiply", edges, log(10.0) / 2595.0, &hz));
    TRY(onnx_unary(ctx, "Exp", hz, &hz));
    TRY(onnx_binary_scalar(ctx, "Subtract", hz, 1.0, &hz));
    TRY(onnx_binary_scalar(ctx, "Multiply", hz, 700.0, &hz));
    pinot_output_ref length_f, rate_f;
    TRY(onnx_convert(ctx, dft_length, PINOT_DTYPE_F64, &length_f));
    TRY(onnx_binary_scalar(ctx, "Add", length_f, 1.0, &length_f));
    TRY(onnx_convert(ctx, rate, PINOT_DTYPE_F64, &rate_f));
    TRY(onnx_binary(ctx, "Multiply", hz, length_f, &bins));
    TRY(onnx_binary(ctx, "Divide", bins, rate_f, &bins));
    TRY(onnx_unary(ctx, "Floor", bins, &bins));
    /* Triangle i: left l = bins[i], center c = bins[i + 1], right h = bins[i + 2], against rows j. */
    pinot_output_ref l, c, h, j, n_rows;
    TRY(slice_0(ctx, bins, 0, -2, &l));
    TRY(slice_0(ctx, bins, 1, -1, &c));
    TRY(slice_0(ctx, bins, 2, INT64_MAX, &h));
    TRY(onnx_binary_scalar(ctx, "Divide", dft_length, 2.0, &n_rows));
    TRY(onnx_binary_scalar(ctx, "Add", n_rows, 1.0, &n_rows));
    TRY(onnx_iota(ctx, n_rows, &j));
    TRY(onnx_convert(ctx, j, PINOT_DTYPE_F64, &j));
    TRY(squeeze_axis(ctx, "Unsqueeze", j, 1, &j));
    pinot_output_ref up, down, num, den, rising, falling, t, center, zero, one, args[3], y;
    TRY(onnx_binary(ctx, "Subtract", j, l, &num));
    TRY(onnx_binary(ctx, "Subtract", c, l, &den));
    TRY(onnx_binary(ctx, "Divide", num, den, &up));
    TRY(onnx_binary(ctx, "Subtract", h, j, &num));
    TRY(onnx_binary(ctx, "Subtract", h, c, &den));
    TRY(onnx_binary(ctx, "Divide", num, den, &down));
    TRY(onnx_binary(ctx, "GreaterEqual", j, l, &rising));
    TRY(onnx_binary(ctx, "Less", j, c, &t));
    TRY(onnx_binary(ctx, "LogicalAnd", rising, t, &rising));
    TRY(onnx_binary(ctx, "Greater", j, c, &falling));
    TRY(onnx_binary(ctx, "Less", j, h, &t));
    TRY(onnx_binary(ctx, "LogicalAnd", falling, t, &falling));
    TRY(onnx_binary(ctx, "Equal", j, c, &center));
    TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F64, 0.0, &zero));
    TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F64, 1.0, &one));
    args[0] = falling, args[1] = down, args[2] = zero;
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &y));
    args[0] = rising, args[1] = up, args[2] = y;
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &y));
    args[0] = center, args[1] = one, args[2] = y;
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &y));
    return onnx_convert(ctx, y, type, &out[0]);
}

/* Col2Im-18: image_shape and block_shape inputs, dilations / pads [begin..., end...] / strides attributes. */
ONNX_TRANSLATOR(onnx_tr_col2im) {
    TRY(need_inputs(ctx, in, n, 3));
    int64_t spatial = onnx_static_dim(in[1], 0);
    if (spatial < 0) {
        spatial = onnx_static_dim(in[2], 0);
    }
    if (spatial < 1 || spatial > PINOT_MAX_RANK - 2) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "image_shape needs a static length in [1, %d] (got %lld)", PINOT_MAX_RANK - 2,
                          (long long)spatial);
    }
    uint32_t s = (uint32_t)spatial;
    int64_t strides[PINOT_MAX_RANK], dilations[PINOT_MAX_RANK], begin[PINOT_MAX_RANK], end[PINOT_MAX_RANK];
    const struct onnx_attribute * a_strides = onnx_attr(node, "strides");
    const struct onnx_attribute * a_dilations = onnx_attr(node, "dilations");
    const struct onnx_attribute * a_pads = onnx_attr(node, "pads");
    if ((a_strides != NULL && a_strides->n_ints != s) || (a_dilations != NULL && a_dilations->n_ints != s) ||
        (a_pads != NULL && a_pads->n_ints != 2 * s)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "strides and dilations need %u values and pads %u (one per spatial axis)", s, 2 * s);
    }
    for (uint32_t i = 0; i < s; i++) {
        strides[i] = a_strides != NULL ? a_strides->ints[i] : 1;
        dilations[i] = a_dilations != NULL ? a_dilations->ints[i] : 1;
        begin[i] = a_pads != NULL ? a_pads->ints[i] : 0;
        end[i] = a_pads != NULL ? a_pads->ints[s + i] : 0;
    }
    pinot_output_ref args[3] = {in[0]};
    TRY(onnx_convert(ctx, in[1], PINOT_DTYPE_I64, &args[1]));
    TRY(onnx_convert(ctx, in[2], PINOT_DTYPE_I64, &args[2]));
    pinot_attr attrs[] = {ATTR_INTS("strides", strides, s), ATTR_INTS("dilations", dilations, s),
                          ATTR_INTS("pads_begin", begin, s), ATTR_INTS("pads_end", end, s)};
    return onnx_make(ctx, "Col2Im", args, 3, attrs, 4, &out[0]);
}

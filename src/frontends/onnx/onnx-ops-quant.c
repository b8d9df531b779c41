/* ONNX translators for the quantization ops: QuantizeLinear / DequantizeLinear (per tensor, per axis,
 * blocked), DynamicQuantizeLinear, QLinearMatMul / QLinearConv and MatMulInteger / ConvInteger, all
 * through Convert / Subtract / Multiply / Round / Clamp around float math. Rows are in onnx-ops.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

/* ---- QuantizeLinear / DequantizeLinear ---- */

/* A scale or zero point made to broadcast against x [.., d_axis, ..]: per-tensor values stay as they are,
 * a per-axis [d_axis] becomes [d_axis, 1, ...], and blocked values repeat each entry block times along axis. */
static pinot_status quant_param(struct onnx_import * ctx, const struct onnx_node * node, pinot_output_ref x,
                                pinot_output_ref param, pinot_output_ref * out) {
    int32_t rank = 0, param_rank = 0;
    TRY(onnx_static_rank(ctx, x, &rank));
    TRY(onnx_static_rank(ctx, param, &param_rank));
    int64_t axis = onnx_attr_int(node, "axis", 1), block = onnx_attr_int(node, "block_size", 0);
    if (param_rank == 0 || (param_rank == 1 && onnx_static_dim(param, 0) == 1)) {
        *out = param;
        return PINOT_STATUS_OK;
    }
    TRY(onnx_normalize_axis(ctx, &axis, rank));
    if (param_rank == 1) {
        int64_t shape[PINOT_MAX_RANK];
        shape[0] = -1;
        for (int32_t i = 1; i < rank - axis; i++) {
            shape[i] = 1;
        }
        pinot_output_ref args[2] = {param};
        TRY(onnx_const_i64(ctx, shape, (uint32_t)(rank - axis), false, &args[1]));
        pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
        return onnx_make(ctx, "Reshape", args, 2, attrs, 1, out);
    }
    int64_t dim = onnx_static_dim(x, (int32_t)axis);
    if (param_rank != rank || block <= 0 || dim < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "blocked quantization needs block_size and static shapes of matching rank");
    }
    int64_t shape[PINOT_MAX_RANK], repeats[PINOT_MAX_RANK + 1], unsqueeze_axis = axis + 1;
    for (int32_t i = 0; i < rank; i++) {
        shape[i] = onnx_static_dim(param, i);
        if (shape[i] < 0) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "blocked quantization needs static shapes");
        }
    }
    for (int32_t i = 0; i <= rank; i++) {
        repeats[i] = i == axis + 1 ? block : 1;
    }
    shape[axis] *= block;
    pinot_output_ref args[5] = {param};
    TRY(onnx_const_i64(ctx, &unsqueeze_axis, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &args[0]));
    TRY(onnx_const_i64(ctx, repeats, (uint32_t)rank + 1, false, &args[1]));
    TRY(onnx_make(ctx, "Tile", args, 2, NULL, 0, &args[0]));
    TRY(onnx_const_i64(ctx, shape, (uint32_t)rank, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &args[0]));
    int64_t start = 0, step = 1;
    TRY(onnx_const_i64(ctx, &start, 1, false, &args[1]));
    TRY(onnx_const_i64(ctx, &dim, 1, false, &args[2]));
    TRY(onnx_const_i64(ctx, &step, 1, false, &args[3]));
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[4]));
    return onnx_make(ctx, "Slice", args, 5, NULL, 0, out);
}

/* DequantizeLinear: (x - zero_point) * scale, in the scale's type. */
ONNX_TRANSLATOR(onnx_tr_dequantize_linear) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_output_ref scale, x, y;
    TRY(quant_param(ctx, node, in[0], in[1], &scale));
    pinot_dtype type = onnx_type_of(in[1]);
    TRY(onnx_convert(ctx, in[0], type, &x));
    if (n > 2 && in[2].node != NULL) {
        pinot_output_ref zero_point;
        TRY(quant_param(ctx, node, in[0], in[2], &zero_point));
        TRY(onnx_convert(ctx, zero_point, type, &zero_point));
        TRY(onnx_binary(ctx, "Subtract", x, zero_point, &x));
    }
    TRY(onnx_binary(ctx, "Multiply", x, scale, &y));
    const struct onnx_attribute * output_dtype = onnx_attr(node, "output_dtype");
    if (output_dtype != NULL && output_dtype->i != 0) {
        pinot_dtype target;
        if (onnx_dtype_to_pinot((int32_t)output_dtype->i, &target) != PINOT_STATUS_OK) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "unsupported output_dtype %lld",
                              (long long)output_dtype->i);
        }
        return onnx_convert(ctx, y, target, &out[0]);
    }
    out[0] = y;
    return PINOT_STATUS_OK;
}

/* saturate(round_half_even(y / scale) + zero_point) as `target`, on f32 y; scale and zero_point (optional)
 * already broadcast against y. float8 targets skip the rounding and rely on Convert. */
static pinot_status quantize_f32(struct onnx_import * ctx, pinot_output_ref y, pinot_output_ref scale,
                                 pinot_output_ref zero_point, pinot_dtype target, bool saturate,
                                 pinot_output_ref * out) {
    TRY(onnx_convert(ctx, scale, PINOT_DTYPE_F32, &scale));
    TRY(onnx_binary(ctx, "Divide", y, scale, &y));
    const pinot_dtype_info * info = pinot_dtype_get_info(target);
    if (!info->is_real) {
        pinot_attr round_attrs[] = {ATTR_STR("mode", "half_to_even")};
        TRY(onnx_make(ctx, "Round", &y, 1, round_attrs, 1, &y));
    }
    if (zero_point.node != NULL) {
        TRY(onnx_convert(ctx, zero_point, PINOT_DTYPE_F32, &zero_point));
        TRY(onnx_binary(ctx, "Add", y, zero_point, &y));
    }
    if (target == PINOT_DTYPE_F8E4M3 || target == PINOT_DTYPE_F8E5M2 || target == PINOT_DTYPE_F8E4M3FNUZ ||
        target == PINOT_DTYPE_F8E5M2FNUZ) {
        /* ONNX's saturate (the default): out of range and +-inf become +-FLT_MAX of the target, NaN stays. */
        double max = target == PINOT_DTYPE_F8E4M3 ? 448.0 : target == PINOT_DTYPE_F8E4M3FNUZ ? 240.0 : 57344.0;
        pinot_attr bounds[] = {ATTR_FLOAT("min", -max), ATTR_FLOAT("max", max)};
        if (saturate) {
            TRY(onnx_make(ctx, "Clamp", &y, 1, bounds, 2, &y));
        }
    }
    if (!info->is_real) {
        double lo, hi;
        switch (target) {
        case PINOT_DTYPE_I8:
            lo = -128, hi = 127;
            break;
        case PINOT_DTYPE_U8:
            lo = 0, hi = 255;
            break;
        case PINOT_DTYPE_I16:
            lo = -32768, hi = 32767;
            break;
        case PINOT_DTYPE_U16:
            lo = 0, hi = 65535;
            break;
        case PINOT_DTYPE_I4:
            lo = -8, hi = 7;
            break;
        case PINOT_DTYPE_U4:
            lo = 0, hi = 15;
            break;
        case PINOT_DTYPE_U2:
            lo = 0, hi = 3;
            break;
        case PINOT_DTYPE_I2:
            lo = -2, hi = 1;
            break;
        case PINOT_DTYPE_I32:
            lo = -2147483648.0, hi = 2147483647.0;
            break;
        default:
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "unsupported quantized type %s",
                              pinot_dtype_name(target));
        }
        pinot_attr clamp_attrs[] = {ATTR_FLOAT("min", lo), ATTR_FLOAT("max", hi)};
        TRY(onnx_make(ctx, "Clamp", &y, 1, clamp_attrs, 2, &y));
    }
    return onnx_convert(ctx, y, target, out);
}

/* QuantizeLinear: in the zero point's type (or output_dtype, default u8). */
ONNX_TRANSLATOR(onnx_tr_quantize_linear) {
    TRY(need_inputs(ctx, in, n, 2));
    bool has_zp = n > 2 && in[2].node != NULL;
    pinot_dtype target = PINOT_DTYPE_U8;
    if (has_zp) {
        target = onnx_type_of(in[2]);
    } else {
        const struct onnx_attribute * output_dtype = onnx_attr(node, "output_dtype");
        if (output_dtype != NULL && output_dtype->i != 0 &&
            onnx_dtype_to_pinot((int32_t)output_dtype->i, &target) != PINOT_STATUS_OK) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "unsupported output_dtype %lld",
                              (long long)output_dtype->i);
        }
    }
    pinot_output_ref scale, x, zero_point = {NULL, 0};
    TRY(quant_param(ctx, node, in[0], in[1], &scale));
    if (has_zp) {
        TRY(quant_param(ctx, node, in[0], in[2], &zero_point));
    }
    TRY(onnx_convert(ctx, in[0], PINOT_DTYPE_F32, &x));
    return quantize_f32(ctx, x, scale, zero_point, target, onnx_attr_int(node, "saturate", 1) != 0, &out[0]);
}

/* A per-tensor value as is, or a 1-D per-axis value reshaped to run along `axis` of a rank-`rank` tensor. */
static pinot_status along_axis(struct onnx_import * ctx, pinot_output_ref param, int64_t axis, int32_t rank,
                               pinot_output_ref * out) {
    int32_t param_rank = 0;
    TRY(onnx_static_rank(ctx, param, &param_rank));
    if (param_rank == 0 || (param_rank == 1 && onnx_static_dim(param, 0) == 1) || axis == rank - 1) {
        *out = param;
        return PINOT_STATUS_OK;
    }
    int64_t shape[PINOT_MAX_RANK];
    shape[0] = -1;
    for (int32_t i = 1; i < rank - axis; i++) {
        shape[i] = 1;
    }
    pinot_output_ref args[2] = {param};
    TRY(onnx_const_i64(ctx, shape, (uint32_t)(rank - axis), false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, out);
}

/* (x - zero_point) [* scale] in `type`, zero point and scale per tensor or along `axis`. */
static pinot_status dequantize_as(struct onnx_import * ctx, pinot_output_ref x, pinot_output_ref scale,
                                  pinot_output_ref zero_point, int64_t axis, pinot_dtype type, pinot_output_ref * out) {
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, x, &rank));
    if (axis < 0) {
        axis += rank;
    }
    TRY(onnx_convert(ctx, x, type, &x));
    if (zero_point.node != NULL) {
        TRY(along_axis(ctx, zero_point, axis, rank, &zero_point));
        TRY(onnx_convert(ctx, zero_point, type, &zero_point));
        TRY(onnx_binary(ctx, "Subtract", x, zero_point, &x));
    }
    if (scale.node != NULL) {
        TRY(along_axis(ctx, scale, axis, rank, &scale));
        TRY(onnx_convert(ctx, scale, type, &scale));
        TRY(onnx_binary(ctx, "Multiply", x, scale, &x));
    }
    *out = x;
    return PINOT_STATUS_OK;
}

/* QLinearMatMul: quantize(dequantize(a) @ dequantize(b)); a per row, b per column. */
ONNX_TRANSLATOR(onnx_tr_qlinear_matmul) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 8));
    pinot_output_ref a, b, y;
    TRY(dequantize_as(ctx, in[0], in[1], in[2], -2, PINOT_DTYPE_F32, &a));
    TRY(dequantize_as(ctx, in[3], in[4], in[5], -1, PINOT_DTYPE_F32, &b));
    pinot_output_ref pair[2] = {a, b};
    pinot_attr attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", false)};
    TRY(onnx_make(ctx, "MatMul", pair, 2, attrs, 2, &y));
    return quantize_f32(ctx, y, in[6], in[7], onnx_type_of(in[7]), true, &out[0]);
}

/* MatMulInteger: (a - a_zero_point) @ (b - b_zero_point) in i32; a's zero point per row, b's per column. */
ONNX_TRANSLATOR(onnx_tr_matmul_integer) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    pinot_output_ref a, b, none = {NULL, 0};
    TRY(dequantize_as(ctx, in[0], none, onnx_optional_input(in, n, 2), -2, PINOT_DTYPE_I32, &a));
    TRY(dequantize_as(ctx, in[1], none, onnx_optional_input(in, n, 3), -1, PINOT_DTYPE_I32, &b));
    pinot_output_ref pair[2] = {a, b};
    pinot_attr attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", false)};
    return onnx_make(ctx, "MatMul", pair, 2, attrs, 2, &out[0]);
}

/* ConvInteger: the convolution of (x - x_zero_point) and (w - w_zero_point, per output channel),
 * computed in f32 (exact for 8-bit inputs) and converted to i32. */
ONNX_TRANSLATOR(onnx_tr_conv_integer) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_output_ref args[2], none = {NULL, 0}, y;
    TRY(dequantize_as(ctx, in[0], none, onnx_optional_input(in, n, 2), 1, PINOT_DTYPE_F32, &args[0]));
    TRY(dequantize_as(ctx, in[1], none, onnx_optional_input(in, n, 3), 0, PINOT_DTYPE_F32, &args[1]));
    TRY(onnx_tr_conv(ctx, node, args, 2, &y));
    pinot_attr round_attrs[] = {ATTR_STR("mode", "half_to_even")};
    TRY(onnx_make(ctx, "Round", &y, 1, round_attrs, 1, &y));
    return onnx_convert(ctx, y, PINOT_DTYPE_I32, &out[0]);
}

/* QLinearConv: quantize(conv(dequantize(x), dequantize(w, per output channel)) + B * x_scale * w_scale). */
ONNX_TRANSLATOR(onnx_tr_qlinear_conv) {
    TRY(need_inputs(ctx, in, n, 8));
    pinot_output_ref args[3] = {{NULL, 0}, {NULL, 0}, {NULL, 0}}, y;
    TRY(dequantize_as(ctx, in[0], in[1], in[2], 1, PINOT_DTYPE_F32, &args[0]));
    TRY(dequantize_as(ctx, in[3], in[4], in[5], 0, PINOT_DTYPE_F32, &args[1]));
    uint32_t n_args = 2;
    if (n > 8 && in[8].node != NULL) {
        /* The i32 bias is in units of x_scale * w_scale, one per output channel. */
        pinot_output_ref bias_scale, x_scale, w_scale;
        TRY(onnx_convert(ctx, in[1], PINOT_DTYPE_F32, &x_scale));
        TRY(onnx_convert(ctx, in[4], PINOT_DTYPE_F32, &w_scale));
        TRY(onnx_binary(ctx, "Multiply", x_scale, w_scale, &bias_scale));
        TRY(dequantize_as(ctx, in[8], bias_scale, (pinot_output_ref){NULL, 0}, 0, PINOT_DTYPE_F32, &args[2]));
        n_args = 3;
    }
    TRY(onnx_tr_conv(ctx, node, args, n_args, &y));
    return quantize_f32(ctx, y, in[6], in[7], onnx_type_of(in[7]), true, &out[0]);
}

/* DynamicQuantizeLinear: u8 quantization over the range [min(0, min x), max(0, max x)]:
 * scale = range / 255, zero_point = saturate(round(-min / scale)). */
ONNX_TRANSLATOR(onnx_tr_dynamic_quantize_linear) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref x, lo, hi, zero, scale, zp, y;
    TRY(onnx_convert(ctx, in[0], PINOT_DTYPE_F32, &x));
    TRY(onnx_reduce_all(ctx, "ReduceMin", x, &lo));
    TRY(onnx_reduce_all(ctx, "ReduceMax", x, &hi));
    TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F32, 0.0, &zero));
    TRY(onnx_binary(ctx, "Minimum", lo, zero, &lo));
    TRY(onnx_binary(ctx, "Maximum", hi, zero, &hi));
    TRY(onnx_binary(ctx, "Subtract", hi, lo, &scale));
    TRY(onnx_binary_scalar(ctx, "Divide", scale, 255.0, &scale));
    pinot_attr round_attrs[] = {ATTR_STR("mode", "half_to_even")};
    pinot_attr clamp_attrs[] = {ATTR_FLOAT("min", 0.0), ATTR_FLOAT("max", 255.0)};
    TRY(onnx_binary(ctx, "Divide", lo, scale, &zp));
    TRY(onnx_unary(ctx, "Negative", zp, &zp));
    TRY(onnx_make(ctx, "Round", &zp, 1, round_attrs, 1, &zp));
    TRY(onnx_make(ctx, "Clamp", &zp, 1, clamp_attrs, 2, &zp));
    TRY(onnx_binary(ctx, "Divide", x, scale, &y));
    TRY(onnx_make(ctx, "Round", &y, 1, round_attrs, 1, &y));
    TRY(onnx_binary(ctx, "Add", y, zp, &y));
    TRY(onnx_make(ctx, "Clamp", &y, 1, clamp_attrs, 2, &y));
    TRY(onnx_convert(ctx, y, PINOT_DTYPE_U8, &out[0]));
    out[1] = scale;
    return onnx_convert(ctx, zp, PINOT_DTYPE_U8, &out[2]);
}

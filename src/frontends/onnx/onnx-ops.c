/* The ONNX op table: one row per (domain, op_type, first opset) with its
 * translator. Generic translators cover 1:1 unary and binary ops (the row's
 * target names the Pinot op); the others decompose as OpenVINO's ONNX
 * frontend does (FORMATS.md F). Attribute defaults are the ONNX schema's. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

static pinot_dtype input_type(pinot_output_ref ref) {
    return pinot_node_get_output_type(ref.node, ref.index);
}

/* ---- generic ---- */

static pinot_status tr_unary(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                             uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    return onnx_make(ctx, ctx->row->target, in, 1, NULL, 0, &out[0]);
}

static pinot_status tr_binary(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                              uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    return onnx_make(ctx, ctx->row->target, in, 2, NULL, 0, &out[0]);
}

/* Sum / Max / Min / Mean over any number of inputs. */
static pinot_status tr_variadic(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    bool mean = strcmp(ctx->row->target, "Mean") == 0;
    pinot_output_ref acc = in[0];
    for (uint32_t i = 1; i < n; i++) {
        pinot_output_ref pair[2] = {acc, in[i]};
        TRY(onnx_make(ctx, mean ? "Add" : ctx->row->target, pair, 2, NULL, 0, &acc));
    }
    if (mean && n > 1) {
        pinot_output_ref divisor, pair[2];
        TRY(onnx_const_scalar(ctx, input_type(in[0]), (double)n, &divisor));
        pair[0] = acc;
        pair[1] = divisor;
        TRY(onnx_make(ctx, "Divide", pair, 2, NULL, 0, &acc));
    }
    out[0] = acc;
    return PINOT_STATUS_OK;
}

/* ---- activations with attributes ---- */

static pinot_status tr_elu(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                           uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_attr attrs[] = {ATTR_FLOAT("alpha", onnx_attr_float(node, "alpha", 1.0))};
    return onnx_make(ctx, "Elu", in, 1, attrs, 1, &out[0]);
}

static pinot_status tr_leaky_relu(struct onnx_import * ctx, const struct onnx_node * node,
                                  const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_scalar(ctx, input_type(in[0]), onnx_attr_float(node, "alpha", 0.01), &args[1]));
    return onnx_make(ctx, "PRelu", args, 2, NULL, 0, &out[0]);
}

static pinot_status tr_selu(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[3] = {in[0]};
    pinot_dtype type = input_type(in[0]);
    TRY(onnx_const_scalar(ctx, type, onnx_attr_float(node, "alpha", 1.67326319217681884765625), &args[1]));
    TRY(onnx_const_scalar(ctx, type, onnx_attr_float(node, "gamma", 1.05070102214813232421875), &args[2]));
    return onnx_make(ctx, "Selu", args, 3, NULL, 0, &out[0]);
}

static pinot_status tr_hard_sigmoid(struct onnx_import * ctx, const struct onnx_node * node,
                                    const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[3] = {in[0]};
    pinot_dtype type = input_type(in[0]);
    TRY(onnx_const_scalar(ctx, type, onnx_attr_float(node, "alpha", 0.2), &args[1]));
    TRY(onnx_const_scalar(ctx, type, onnx_attr_float(node, "beta", 0.5), &args[2]));
    return onnx_make(ctx, "HardSigmoid", args, 3, NULL, 0, &out[0]);
}

static pinot_status tr_gelu(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char buf[16];
    const char * approx = onnx_attr_string(node, "approximate", "none", buf, sizeof(buf));
    pinot_attr attrs[] = {ATTR_STR("approximation_mode", strcmp(approx, "tanh") == 0 ? "tanh" : "erf")};
    return onnx_make(ctx, "Gelu", in, 1, attrs, 1, &out[0]);
}

/* Clip: min/max attributes before opset 11, optional inputs after. */
static pinot_status tr_clip(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref value = in[0];
    if (ctx->opset < 11) {
        pinot_attr attrs[] = {ATTR_FLOAT("min", onnx_attr_float(node, "min", -INFINITY)),
                              ATTR_FLOAT("max", onnx_attr_float(node, "max", INFINITY))};
        return onnx_make(ctx, "Clamp", in, 1, attrs, 2, &out[0]);
    }
    /* Bounds as inputs: Maximum/Minimum work for constant and computed bounds alike. */
    if (n > 1 && in[1].node != NULL) {
        pinot_output_ref pair[2] = {value, in[1]};
        TRY(onnx_make(ctx, "Maximum", pair, 2, NULL, 0, &value));
    }
    if (n > 2 && in[2].node != NULL) {
        pinot_output_ref pair[2] = {value, in[2]};
        TRY(onnx_make(ctx, "Minimum", pair, 2, NULL, 0, &value));
    }
    out[0] = value;
    return PINOT_STATUS_OK;
}

/* ---- types ---- */

/* Convert x to `type` with ONNX's Cast rules where they differ from Convert's:
 * - f8e4m3/f8e5m2 and their FNUZ forms with saturate (the default):
 *   out-of-range values and infinities become +-FLT_MAX of the target
 *   (Convert gives NaN/inf), NaN stays;
 * - f8e8m0: round_mode "up" (the default) or "down" picks the power of two on
 *   that side of x; Convert rounds to nearest. */
static pinot_status onnx_cast_to(struct onnx_import * ctx, const struct onnx_node * node, pinot_output_ref x,
                                 pinot_dtype type, pinot_output_ref * out) {
    pinot_dtype source = onnx_type_of(x);
    bool float_source = source == PINOT_DTYPE_F16 || source == PINOT_DTYPE_BF16 || source == PINOT_DTYPE_F32 ||
                        source == PINOT_DTYPE_F64;
    pinot_attr to_type[] = {ATTR_TYPE("destination_type", type)};
    bool f8 = type == PINOT_DTYPE_F8E4M3 || type == PINOT_DTYPE_F8E5M2 || type == PINOT_DTYPE_F8E4M3FNUZ ||
              type == PINOT_DTYPE_F8E5M2FNUZ;
    if (!float_source && source != PINOT_DTYPE_DYNAMIC && pinot_dtype_get_info(source)->is_real &&
        (f8 || type == PINOT_DTYPE_F8E8M0)) {
        /* a small float source (f8, f4): widen exactly to f32 so the rules below apply to it too */
        TRY(onnx_convert(ctx, x, PINOT_DTYPE_F32, &x));
        source = PINOT_DTYPE_F32;
        float_source = true;
    }
    if (float_source && f8 && onnx_attr_int(node, "saturate", 1) != 0) {
        double max = type == PINOT_DTYPE_F8E4M3 ? 448.0 : type == PINOT_DTYPE_F8E4M3FNUZ ? 240.0 : 57344.0;
        pinot_attr bounds[] = {ATTR_FLOAT("min", -max), ATTR_FLOAT("max", max)};
        TRY(onnx_make(ctx, "Clamp", &x, 1, bounds, 2, &x));
    }
    if (float_source && type == PINOT_DTYPE_F8E8M0) {
        char buf[16];
        const char * mode = onnx_attr_string(node, "round_mode", "up", buf, sizeof(buf));
        bool up = strcmp(mode, "up") == 0, down = strcmp(mode, "down") == 0;
        if (!up && !down && strcmp(mode, "nearest") != 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "round_mode '%s' is not up, down or nearest",
                              mode);
        }
        if (up || down) {
            /* nearest power of two, back in x's type; step once toward x's side if it landed on the other */
            pinot_output_ref nearest, back, off_side, stepped;
            TRY(onnx_make(ctx, "Convert", &x, 1, to_type, 1, &nearest));
            TRY(onnx_convert(ctx, nearest, source, &back));
            pinot_output_ref cmp[2] = {back, x};
            TRY(onnx_make(ctx, up ? "Less" : "Greater", cmp, 2, NULL, 0, &off_side));
            TRY(onnx_binary_scalar(ctx, "Multiply", back, up ? 2.0 : 0.5, &stepped));
            pinot_output_ref pick[3] = {off_side, stepped, back};
            TRY(onnx_make(ctx, "Select", pick, 3, NULL, 0, &x));
        }
    }
    return onnx_make(ctx, "Convert", &x, 1, to_type, 1, out);
}

/* The Pinot type of the node's required `to` attribute (Cast, BitCast). */
static pinot_status attr_to_type(struct onnx_import * ctx, const struct onnx_node * node, pinot_dtype * type) {
    TRY(onnx_attr_dtype(ctx, node, "to", PINOT_DTYPE_DYNAMIC, type));
    if (*type == PINOT_DTYPE_DYNAMIC) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the 'to' attribute is required");
    }
    return PINOT_STATUS_OK;
}

static pinot_status tr_cast(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype type;
    TRY(attr_to_type(ctx, node, &type));
    return onnx_cast_to(ctx, node, in[0], type, &out[0]);
}

/* BitCast: the bits of x as type `to` (same width), Pinot's BitCast op. */
static pinot_status tr_bit_cast(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype type;
    TRY(attr_to_type(ctx, node, &type));
    pinot_attr attrs[] = {ATTR_TYPE("destination_type", type)};
    return onnx_make(ctx, "BitCast", in, 1, attrs, 1, &out[0]);
}

static pinot_status tr_where(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                             uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 3));
    return onnx_make(ctx, "Select", in, 3, NULL, 0, &out[0]);
}

/* ---- softmax: opset < 13 flattens to 2-D at `axis` ---- */

static pinot_status tr_softmax(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                               uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    const char * target = ctx->row->target;
    int64_t axis = onnx_attr_int(node, "axis", ctx->opset < 13 ? 1 : -1);
    if (ctx->opset >= 13) {
        pinot_attr attrs[] = {ATTR_INT("axis", axis)};
        return onnx_make(ctx, target, in, 1, attrs, 1, &out[0]);
    }
    /* Flatten to [prod(d[:axis]), prod(d[axis:])], normalize the last axis, reshape back. */
    pinot_output_ref shape, flat, normalized, pair[2];
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    if (ps->rank < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static rank before opset 13");
    }
    if (axis < 0) {
        axis += ps->rank;
    }
    if (axis == ps->rank - 1) {
        /* Flattening at the last axis is a softmax over the last axis. */
        pinot_attr attrs[] = {ATTR_INT("axis", -1)};
        return onnx_make(ctx, target, in, 1, attrs, 1, &out[0]);
    }
    /* [prod(d[:axis]), prod(d[axis:])]: one side must be static, the other is -1. */
    int64_t lead = 1, trail = 1;
    bool lead_static = true, trail_static = true;
    for (int64_t i = 0; i < ps->rank; i++) {
        bool is_static = pinot_dim_is_static(ps->dims[i]);
        if (i < axis) {
            lead_static &= is_static;
            lead *= is_static ? ps->dims[i].min : 1;
        } else {
            trail_static &= is_static;
            trail *= is_static ? ps->dims[i].min : 1;
        }
    }
    if (!lead_static && !trail_static) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "needs static leading or trailing dimensions before opset 13");
    }
    pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    TRY(onnx_make(ctx, "ShapeOf", in, 1, shape_attrs, 1, &shape));
    int64_t target_shape[2] = {trail_static ? -1 : lead, trail_static ? trail : -1};
    pinot_output_ref target_ref;
    TRY(onnx_const_i64(ctx, target_shape, 2, false, &target_ref));
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    pair[0] = in[0];
    pair[1] = target_ref;
    TRY(onnx_make(ctx, "Reshape", pair, 2, reshape_attrs, 1, &flat));
    pinot_attr attrs[] = {ATTR_INT("axis", 1)};
    TRY(onnx_make(ctx, target, &flat, 1, attrs, 1, &normalized));
    pair[0] = normalized;
    pair[1] = shape;
    return onnx_make(ctx, "Reshape", pair, 2, reshape_attrs, 1, &out[0]);
}

/* ---- matrix ---- */

static pinot_status tr_matmul(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                              uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", false)};
    return onnx_make(ctx, "MatMul", in, 2, attrs, 2, &out[0]);
}

/* Gemm: alpha * op(A) @ op(B) + beta * C */
static pinot_status tr_gemm(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    double alpha = onnx_attr_float(node, "alpha", 1.0), beta = onnx_attr_float(node, "beta", 1.0);
    pinot_attr attrs[] = {ATTR_BOOL("transpose_a", onnx_attr_int(node, "transA", 0) != 0),
                          ATTR_BOOL("transpose_b", onnx_attr_int(node, "transB", 0) != 0)};
    pinot_output_ref product, pair[2];
    TRY(onnx_make(ctx, "MatMul", in, 2, attrs, 2, &product));
    pinot_dtype type = input_type(in[0]);
    if (alpha != 1.0) {
        pair[0] = product;
        TRY(onnx_const_scalar(ctx, type, alpha, &pair[1]));
        TRY(onnx_make(ctx, "Multiply", pair, 2, NULL, 0, &product));
    }
    if (n > 2 && in[2].node != NULL && beta != 0.0) {
        pinot_output_ref bias = in[2];
        if (beta != 1.0) {
            pair[0] = bias;
            TRY(onnx_const_scalar(ctx, type, beta, &pair[1]));
            TRY(onnx_make(ctx, "Multiply", pair, 2, NULL, 0, &bias));
        }
        pair[0] = product;
        pair[1] = bias;
        TRY(onnx_make(ctx, "Add", pair, 2, NULL, 0, &product));
    }
    out[0] = product;
    return PINOT_STATUS_OK;
}

/* ---- shapes ---- */

static pinot_status tr_transpose(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                 uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    const struct onnx_attribute * perm = onnx_attr(node, "perm");
    pinot_output_ref args[2] = {in[0]};
    TRY(onnx_const_i64(ctx, perm != NULL ? perm->ints : NULL, perm != NULL ? perm->n_ints : 0, false, &args[1]));
    return onnx_make(ctx, "Transpose", args, 2, NULL, 0, &out[0]);
}

static pinot_status tr_reshape(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                               uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, ctx->opset < 5 ? 1 : 2));
    pinot_output_ref args[2] = {in[0], in[1]};
    if (ctx->opset < 5) {
        const struct onnx_attribute * shape = onnx_attr(node, "shape");
        TRY(onnx_const_i64(ctx, shape != NULL ? shape->ints : NULL, shape != NULL ? shape->n_ints : 0, false,
                           &args[1]));
    }
    /* allowzero=1 means a 0 is a real zero-sized dimension, not "copy the input's". */
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", onnx_attr_int(node, "allowzero", 0) == 0)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, &out[0]);
}

static pinot_status tr_flatten(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                               uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
    int64_t axis = onnx_attr_int(node, "axis", 1);
    if (ps->rank < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs an input of static rank");
    }
    if (axis < -(int64_t)ps->rank || axis > (int64_t)ps->rank) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "axis %lld is outside [-%d, %d]", (long long)axis,
                          (int)ps->rank, (int)ps->rank);
    }
    if (axis < 0) {
        axis += ps->rank;
    }
    int64_t target[2] = {1, -1};
    bool lead_static = true;
    for (int64_t i = 0; i < axis; i++) {
        lead_static &= pinot_dim_is_static(ps->dims[i]);
        target[0] *= lead_static ? ps->dims[i].min : 1;
    }
    pinot_output_ref args[2] = {in[0]};
    if (!lead_static && axis == 1) {
        target[0] = 0; /* the one leading dim, copied by special_zero */
    } else if (!lead_static) {
        /* [prod(shape[:axis]), -1], the product computed at run time */
        pinot_output_ref shape, lead, minus_one, axes;
        pinot_attr i64[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
        TRY(onnx_make(ctx, "ShapeOf", &in[0], 1, i64, 1, &shape));
        TRY(onnx_slice_axis(ctx, shape, 0, axis, 1, 0, &lead));
        int64_t zero = 0, minus = -1;
        TRY(onnx_const_i64(ctx, &zero, 1, false, &axes));
        pinot_output_ref reduce[2] = {lead, axes};
        pinot_attr keep[] = {ATTR_BOOL("keep_dims", true)};
        TRY(onnx_make(ctx, "ReduceProd", reduce, 2, keep, 1, &lead));
        TRY(onnx_const_i64(ctx, &minus, 1, false, &minus_one));
        pinot_output_ref parts[2] = {lead, minus_one};
        pinot_attr concat_axis[] = {ATTR_INT("axis", 0)};
        TRY(onnx_make(ctx, "Concat", parts, 2, concat_axis, 1, &args[1]));
        pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
        return onnx_make(ctx, "Reshape", args, 2, attrs, 1, &out[0]);
    }
    TRY(onnx_const_i64(ctx, target, 2, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", true)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, &out[0]);
}

/* Squeeze / Unsqueeze: axes attribute before opset 13, input after. */
static pinot_status tr_squeeze(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                               uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[2] = {in[0], n > 1 ? in[1] : (pinot_output_ref){NULL, 0}};
    const struct onnx_attribute * axes = onnx_attr(node, "axes");
    if (ctx->opset < 13 && axes != NULL) {
        TRY(onnx_const_i64(ctx, axes->ints, axes->n_ints, false, &args[1]));
    }
    bool unsqueeze = strcmp(ctx->row->target, "Unsqueeze") == 0;
    if (args[1].node == NULL && unsqueeze) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "Unsqueeze needs axes");
    }
    return onnx_make(ctx, ctx->row->target, args, args[1].node != NULL ? 2 : 1, NULL, 0, &out[0]);
}

static pinot_status tr_concat(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                              uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_attr attrs[] = {ATTR_INT("axis", onnx_attr_int(node, "axis", 0))};
    return onnx_make(ctx, "Concat", in, n, attrs, 1, &out[0]);
}

static pinot_status tr_shape(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                             uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_attr attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    pinot_output_ref shape;
    TRY(onnx_make(ctx, "ShapeOf", in, 1, attrs, 1, &shape));
    const struct onnx_attribute * start = onnx_attr(node, "start");
    const struct onnx_attribute * end = onnx_attr(node, "end");
    if (start == NULL && end == NULL) {
        out[0] = shape;
        return PINOT_STATUS_OK;
    }
    int64_t b = start != NULL ? start->i : 0, e = end != NULL ? end->i : INT64_MAX, one = 1, zero = 0;
    pinot_output_ref args[5] = {shape};
    TRY(onnx_const_i64(ctx, &b, 1, false, &args[1]));
    TRY(onnx_const_i64(ctx, &e, 1, false, &args[2]));
    TRY(onnx_const_i64(ctx, &one, 1, false, &args[3]));
    TRY(onnx_const_i64(ctx, &zero, 1, false, &args[4]));
    return onnx_make(ctx, "Slice", args, 5, NULL, 0, &out[0]);
}

static pinot_status tr_gather(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                              uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    int64_t axis = onnx_attr_int(node, "axis", 0);
    pinot_output_ref args[3] = {in[0], in[1]};
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[2]));
    return onnx_make(ctx, "Gather", args, 3, NULL, 0, &out[0]);
}

static pinot_status tr_constant(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                uint32_t n, pinot_output_ref * out) {
    (void)in;
    (void)n;
    const struct onnx_attribute * a;
    if ((a = onnx_attr(node, "value")) != NULL && a->t != NULL) {
        pinot_tensor_t * value = NULL;
        TRY(onnx_tensor_decode(a->t, ctx->model_dir, &value));
        pinot_status status = onnx_const_tensor(ctx, value, &out[0]);
        pinot_tensor_free(value);
        return status;
    }
    if ((a = onnx_attr(node, "value_float")) != NULL) {
        return onnx_const_scalar(ctx, PINOT_DTYPE_F32, a->f, &out[0]);
    }
    if ((a = onnx_attr(node, "value_int")) != NULL) {
        return onnx_const_i64(ctx, &a->i, 1, true, &out[0]);
    }
    if ((a = onnx_attr(node, "value_ints")) != NULL) {
        return onnx_const_i64(ctx, a->ints, a->n_ints, false, &out[0]);
    }
    if ((a = onnx_attr(node, "value_floats")) != NULL) {
        pinot_shape shape = {.rank = 1, .dims = {a->n_floats}};
        pinot_tensor_t * t = NULL;
        TRY(pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t));
        if (a->n_floats > 0) {
            memcpy(pinot_tensor_get_data(t), a->floats, sizeof(float) * a->n_floats);
        }
        pinot_status status = onnx_const_tensor(ctx, t, &out[0]);
        pinot_tensor_free(t);
        return status;
    }
    return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                      "only value, value_float(s) and value_int(s) Constants are supported");
}

/* ---- reductions: axes attribute (before opset 18; 13 for ReduceSum) or input ---- */

static pinot_status tr_reduce(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                              uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    bool keep = onnx_attr_int(node, "keepdims", 1) != 0;
    bool noop_empty = onnx_attr_int(node, "noop_with_empty_axes", 0) != 0;
    pinot_output_ref args[2] = {in[0], n > 1 ? in[1] : (pinot_output_ref){NULL, 0}};
    const struct onnx_attribute * axes = onnx_attr(node, "axes");
    if (axes != NULL) {
        TRY(onnx_const_i64(ctx, axes->ints, axes->n_ints, false, &args[1]));
    }
    /* An empty axes list (attribute or constant input) means all axes, unless noop_with_empty_axes. */
    if (args[1].node != NULL) {
        const pinot_tensor_t * value = pinot_node_get_constant_value(args[1].node);
        const pinot_partial_shape * axes_shape = pinot_node_get_output_shape(args[1].node, args[1].index);
        bool empty_input =
            axes_shape->rank == 1 && pinot_dim_is_static(axes_shape->dims[0]) && axes_shape->dims[0].min == 0;
        if ((value != NULL && pinot_tensor_get_size(value) == 0) || empty_input) {
            args[1].node = NULL;
        }
    }
    if (args[1].node == NULL) {
        if (noop_empty) {
            out[0] = in[0];
            return PINOT_STATUS_OK;
        }
        /* No axes: reduce over all of them. */
        const pinot_partial_shape * ps = pinot_node_get_output_shape(in[0].node, in[0].index);
        if (ps->rank < 0) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs axes or an input of static rank");
        }
        int64_t all[PINOT_MAX_RANK];
        for (int32_t i = 0; i < ps->rank; i++) {
            all[i] = i;
        }
        TRY(onnx_const_i64(ctx, all, (uint32_t)ps->rank, false, &args[1]));
    }
    pinot_attr attrs[] = {ATTR_BOOL("keep_dims", keep)};
    const char * target = ctx->row->target;
    if (strcmp(target, "ReduceSumSquare") == 0) {
        /* sum(x * x) */
        pinot_output_ref square, pair[2] = {in[0], in[0]};
        TRY(onnx_make(ctx, "Multiply", pair, 2, NULL, 0, &square));
        args[0] = square;
        return onnx_make(ctx, "ReduceSum", args, 2, attrs, 1, &out[0]);
    }
    if (strcmp(target, "ReduceLogSum") == 0 || strcmp(target, "ReduceLogSumExp") == 0) {
        /* log(sum(x)) and log(sum(exp(x))); the latter shifted by max(x) for stability. */
        bool exp = strcmp(target, "ReduceLogSumExp") == 0;
        pinot_output_ref sum, shift = {NULL, 0}, pair[2];
        if (exp) {
            pinot_attr keep_attrs[] = {ATTR_BOOL("keep_dims", true)};
            pinot_output_ref max_args[2] = {in[0], args[1]}, shifted;
            TRY(onnx_make(ctx, "ReduceMax", max_args, 2, keep_attrs, 1, &shift));
            pair[0] = in[0];
            pair[1] = shift;
            TRY(onnx_make(ctx, "Subtract", pair, 2, NULL, 0, &shifted));
            TRY(onnx_make(ctx, "Exp", &shifted, 1, NULL, 0, &args[0]));
        }
        TRY(onnx_make(ctx, "ReduceSum", args, 2, attrs, 1, &sum));
        TRY(onnx_make(ctx, "Log", &sum, 1, NULL, 0, &sum));
        if (!exp) {
            out[0] = sum;
            return PINOT_STATUS_OK;
        }
        if (!keep) {
            pinot_output_ref squeeze_args[2] = {shift, args[1]};
            TRY(onnx_make(ctx, "Squeeze", squeeze_args, 2, NULL, 0, &shift));
        }
        pair[0] = sum;
        pair[1] = shift;
        return onnx_make(ctx, "Add", pair, 2, NULL, 0, &out[0]);
    }
    const pinot_partial_shape * in_shape = pinot_node_get_output_shape(in[0].node, in[0].index);
    bool has_empty_dim = false;
    for (int32_t i = 0; i < in_shape->rank; i++) {
        has_empty_dim |= pinot_dim_is_static(in_shape->dims[i]) && in_shape->dims[i].min == 0;
    }
    bool is_max = strcmp(target, "ReduceMax") == 0;
    if (has_empty_dim && (is_max || strcmp(target, "ReduceMin") == 0) &&
        pinot_dtype_get_info(input_type(in[0]))->is_real) {
        /* A non-empty output of an empty input reduced an empty set: ONNX gives -inf (max) / +inf (min),
         * where OpenVINO's ops give the type's lowest / highest value. */
        pinot_output_ref reduced, scaled, pair[2];
        TRY(onnx_make(ctx, target, args, 2, attrs, 1, &reduced));
        TRY(onnx_binary_scalar(ctx, "Multiply", reduced, 0.0, &scaled));
        pair[0] = scaled;
        TRY(onnx_const_scalar(ctx, input_type(in[0]), is_max ? -INFINITY : INFINITY, &pair[1]));
        return onnx_make(ctx, "Add", pair, 2, NULL, 0, &out[0]);
    }
    if (input_type(in[0]) == PINOT_DTYPE_BOOLEAN && strcmp(target, "ReduceMax") == 0) {
        target = "ReduceLogicalOr";
    } else if (input_type(in[0]) == PINOT_DTYPE_BOOLEAN && strcmp(target, "ReduceMin") == 0) {
        target = "ReduceLogicalAnd";
    }
    return onnx_make(ctx, target, args, 2, attrs, 1, &out[0]);
}

/* Mod: fmod=1 is C's fmod (sign of the dividend), else Python's (sign of the divisor). */
static pinot_status tr_mod(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                           uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    return onnx_make(ctx, onnx_attr_int(node, "fmod", 0) ? "Mod" : "FloorMod", in, 2, NULL, 0, &out[0]);
}

static pinot_status tr_cast_like(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                 uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    pinot_dtype type = onnx_type_of(in[1]);
    if (type != PINOT_DTYPE_DYNAMIC) {
        return onnx_cast_to(ctx, node, in[0], type, &out[0]);
    }
    return onnx_make(ctx, "ConvertLike", in, 2, NULL, 0, &out[0]);
}

/* Div: integer division truncates toward zero (OpenVINO's default is Python's floor division). */
static pinot_status tr_div(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                           uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    pinot_attr attrs[] = {ATTR_BOOL("m_pythondiv", false)};
    return onnx_make(ctx, "Divide", in, 2, attrs, 1, &out[0]);
}

/* Reciprocal: 1 / x. */
static pinot_status tr_reciprocal(struct onnx_import * ctx, const struct onnx_node * node,
                                  const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref pair[2] = {{NULL, 0}, in[0]};
    TRY(onnx_const_scalar(ctx, input_type(in[0]), 1.0, &pair[0]));
    return onnx_make(ctx, "Divide", pair, 2, NULL, 0, &out[0]);
}

/* ---- the table ---- */

#define UNARY(name, target) {"", name, 1, tr_unary, target}
#define BINARY(name, target, since) {"", name, since, tr_binary, target}

const struct onnx_op_entry onnx_ops[] = {
    UNARY("Abs", "Abs"), UNARY("Neg", "Negative"), UNARY("Sqrt", "Sqrt"), UNARY("Exp", "Exp"), UNARY("Log", "Log"),
    UNARY("Floor", "Floor"), UNARY("Ceil", "Ceiling"), UNARY("Sign", "Sign"), UNARY("Sin", "Sin"),
    UNARY("Cos", "Cos"), UNARY("Tan", "Tan"), UNARY("Asin", "Asin"), UNARY("Acos", "Acos"), UNARY("Atan", "Atan"),
    UNARY("Sinh", "Sinh"), UNARY("Cosh", "Cosh"), UNARY("Asinh", "Asinh"), UNARY("Acosh", "Acosh"),
    UNARY("Atanh", "Atanh"), UNARY("Tanh", "Tanh"), UNARY("Erf", "Erf"), UNARY("Relu", "Relu"),
    UNARY("Sigmoid", "Sigmoid"), UNARY("Not", "LogicalNot"), UNARY("IsNaN", "IsNaN"), UNARY("Softsign", "SoftSign"),
    UNARY("Softplus", "SoftPlus"), UNARY("Mish", "Mish"), UNARY("HardSwish", "HSwish"),
    UNARY("BitwiseNot", "BitwiseNot"),
    BINARY("Add", "Add", 1), BINARY("Sub", "Subtract", 1), BINARY("Mul", "Multiply", 1),
    {"", "Div", 1, tr_div, NULL}, {"", "Pow", 1, onnx_tr_pow, NULL}, BINARY("Equal", "Equal", 1),
    BINARY("Greater", "Greater", 1), BINARY("Less", "Less", 1), BINARY("GreaterOrEqual", "GreaterEqual", 12),
    BINARY("LessOrEqual", "LessEqual", 12), BINARY("And", "LogicalAnd", 1), BINARY("Or", "LogicalOr", 1),
    BINARY("Xor", "LogicalXor", 1), BINARY("BitwiseAnd", "BitwiseAnd", 18), BINARY("BitwiseOr", "BitwiseOr", 18),
    BINARY("BitwiseXor", "BitwiseXor", 18), BINARY("PRelu", "PRelu", 1),
    {"", "Sum", 1, tr_variadic, "Add"}, {"", "Max", 1, tr_variadic, "Maximum"},
    {"", "Min", 1, tr_variadic, "Minimum"}, {"", "Mean", 1, tr_variadic, "Mean"},
    {"", "Optional", 15, onnx_tr_optional, NULL},
    {"", "OptionalHasElement", 15, onnx_tr_optional_has_element, NULL},
    {"", "OptionalGetElement", 15, onnx_tr_optional_get_element, NULL},
    {"", "Identity", 1, onnx_tr_identity, NULL}, {"", "Dropout", 1, onnx_tr_dropout, NULL},
    {"", "SequenceEmpty", 11, onnx_tr_sequence_empty, NULL},
    {"", "SequenceConstruct", 11, onnx_tr_sequence_construct, NULL},
    {"", "SequenceInsert", 11, onnx_tr_sequence_insert, NULL},
    {"", "SequenceErase", 11, onnx_tr_sequence_erase, NULL},
    {"", "SequenceLength", 11, onnx_tr_sequence_length, NULL}, {"", "SequenceAt", 11, onnx_tr_sequence_at, NULL},
    {"", "SplitToSequence", 11, onnx_tr_split_to_sequence, NULL},
    {"", "ConcatFromSequence", 11, onnx_tr_concat_from_sequence, NULL},
    {"", "SequenceMap", 17, onnx_tr_sequence_map, NULL},
    {"", "Elu", 1, tr_elu, NULL}, {"", "LeakyRelu", 1, tr_leaky_relu, NULL}, {"", "Selu", 1, tr_selu, NULL},
    {"", "HardSigmoid", 1, tr_hard_sigmoid, NULL}, {"", "Gelu", 20, tr_gelu, NULL}, {"", "Clip", 1, tr_clip, NULL},
    {"", "Cast", 1, tr_cast, NULL}, {"", "Where", 9, tr_where, NULL}, {"", "BitCast", 26, tr_bit_cast, NULL},
    {"", "Softmax", 1, tr_softmax, "Softmax"}, {"", "LogSoftmax", 1, tr_softmax, "LogSoftmax"},
    {"", "MatMul", 1, tr_matmul, NULL}, {"", "Gemm", 1, tr_gemm, NULL},
    {"", "Transpose", 1, tr_transpose, NULL}, {"", "Reshape", 1, tr_reshape, NULL},
    {"", "Flatten", 1, tr_flatten, NULL}, {"", "Squeeze", 1, tr_squeeze, "Squeeze"},
    {"", "Unsqueeze", 1, tr_squeeze, "Unsqueeze"}, {"", "Concat", 1, tr_concat, NULL},
    {"", "Shape", 1, tr_shape, NULL}, {"", "Gather", 1, tr_gather, NULL}, {"", "Constant", 1, tr_constant, NULL},
    {"", "ReduceSum", 1, tr_reduce, "ReduceSum"}, {"", "ReduceMean", 1, tr_reduce, "ReduceMean"},
    {"", "ReduceMax", 1, tr_reduce, "ReduceMax"}, {"", "ReduceMin", 1, tr_reduce, "ReduceMin"},
    {"", "ReduceProd", 1, tr_reduce, "ReduceProd"}, {"", "ReduceL1", 1, tr_reduce, "ReduceL1"},
    {"", "ReduceL2", 1, tr_reduce, "ReduceL2"}, {"", "ReduceSumSquare", 1, tr_reduce, "ReduceSumSquare"},
    {"", "ReduceLogSum", 1, tr_reduce, "ReduceLogSum"}, {"", "ReduceLogSumExp", 1, tr_reduce, "ReduceLogSumExp"},
    {"", "Mod", 10, tr_mod, NULL}, {"", "CastLike", 15, tr_cast_like, NULL},
    {"", "Reciprocal", 1, tr_reciprocal, NULL},
    {"", "Conv", 1, onnx_tr_conv, NULL}, {"", "ConvTranspose", 1, onnx_tr_conv, NULL},
    {"", "MaxPool", 1, onnx_tr_pool, NULL}, {"", "AveragePool", 1, onnx_tr_pool, NULL},
    {"", "GlobalAveragePool", 1, onnx_tr_global_pool, NULL}, {"", "GlobalMaxPool", 1, onnx_tr_global_pool, NULL},
    {"", "BatchNormalization", 1, onnx_tr_batch_norm, NULL},
    {"", "InstanceNormalization", 1, onnx_tr_instance_norm, NULL},
    {"", "LayerNormalization", 17, onnx_tr_layer_norm, NULL}, {"", "LRN", 1, onnx_tr_lrn, NULL},
    {"", "TopK", 1, onnx_tr_topk, NULL}, {"", "ArgMax", 1, onnx_tr_arg, NULL}, {"", "ArgMin", 1, onnx_tr_arg, NULL},
    {"", "Einsum", 12, onnx_tr_einsum, NULL}, {"", "CumSum", 11, onnx_tr_cumsum, NULL},
    {"", "GatherElements", 11, onnx_tr_gather_elements, NULL}, {"", "GatherND", 11, onnx_tr_gather_nd, NULL},
    {"", "ScatterND", 11, onnx_tr_scatter_nd, NULL}, {"", "ScatterElements", 11, onnx_tr_scatter_elements, NULL},
    {"", "Resize", 10, onnx_tr_resize, NULL}, {"", "Upsample", 7, onnx_tr_resize, NULL},
    {"", "Expand", 8, onnx_tr_expand, NULL}, {"", "Tile", 6, onnx_tr_tile, NULL},
    {"", "Range", 11, onnx_tr_range, NULL}, {"", "ConstantOfShape", 9, onnx_tr_constant_of_shape, NULL},
    {"", "Pad", 1, onnx_tr_pad, NULL}, {"", "Slice", 1, onnx_tr_slice, NULL}, {"", "Split", 1, onnx_tr_split, NULL},
    {"", "NonZero", 9, onnx_tr_non_zero, NULL}, {"", "OneHot", 9, onnx_tr_one_hot, NULL},
    {"", "DepthToSpace", 1, onnx_tr_depth_space, NULL}, {"", "SpaceToDepth", 1, onnx_tr_depth_space, NULL},
    {"", "Size", 1, onnx_tr_size, NULL},
    {"", "GridSample", 16, onnx_tr_grid_sample, NULL},
    {"", "ReverseSequence", 10, onnx_tr_reverse_sequence, NULL},
    {"", "If", 1, onnx_tr_if, NULL}, {"", "Loop", 1, onnx_tr_loop, NULL},
    {"", "Scan", 8, onnx_tr_scan8, NULL}, {"", "Scan", 9, onnx_tr_scan, NULL},
    /* decompositions: onnx-ops-nn.c, onnx-ops-composite.c */
    {"", "LpPool", 1, onnx_tr_lp_pool, NULL}, {"", "MaxUnpool", 9, onnx_tr_max_unpool, NULL},
    {"", "Trilu", 14, onnx_tr_trilu, NULL}, {"", "EyeLike", 9, onnx_tr_eye_like, NULL},
    {"", "Hardmax", 13, onnx_tr_hardmax, NULL}, {"", "LpNormalization", 1, onnx_tr_lp_norm, NULL},
    {"", "RMSNormalization", 23, onnx_tr_rms_norm, NULL}, {"", "MeanVarianceNormalization", 9, onnx_tr_mvn, NULL},
    {"", "GroupNormalization", 18, onnx_tr_group_norm, NULL},
    {"", "ThresholdedRelu", 10, onnx_tr_thresholded_relu, NULL}, {"", "Shrink", 9, onnx_tr_shrink, NULL},
    {"", "Celu", 12, onnx_tr_celu, NULL}, {"", "Swish", 24, onnx_tr_swish, NULL},
    {"", "IsInf", 10, onnx_tr_is_inf, NULL}, {"", "Round", 11, onnx_tr_round, NULL},
    {"", "BitShift", 11, onnx_tr_bit_shift, NULL}, {"", "Det", 11, onnx_tr_det, NULL},
    {"", "NegativeLogLikelihoodLoss", 12, onnx_tr_nll_loss, NULL},
    {"", "SoftmaxCrossEntropyLoss", 12, onnx_tr_softmax_ce_loss, NULL},
    {"", "Compress", 9, onnx_tr_compress, NULL}, {"", "CenterCropPad", 18, onnx_tr_center_crop_pad, NULL},
    {"", "Scatter", 9, onnx_tr_scatter_elements, NULL}, {"", "TensorScatter", 24, onnx_tr_tensor_scatter, NULL},
    {"", "AffineGrid", 20, onnx_tr_affine_grid, NULL}, {"", "CumProd", 26, onnx_tr_cumprod, NULL},
    {"", "HannWindow", 17, onnx_tr_window, NULL}, {"", "HammingWindow", 17, onnx_tr_window, NULL},
    {"", "BlackmanWindow", 17, onnx_tr_window, NULL},
    /* signal ops and Col2Im: onnx-ops-signal.c */
    {"", "DFT", 17, onnx_tr_dft, NULL}, {"", "DFT", 20, onnx_tr_dft, NULL}, {"", "STFT", 17, onnx_tr_stft, NULL},
    {"", "MelWeightMatrix", 17, onnx_tr_mel_weight_matrix, NULL}, {"", "Col2Im", 18, onnx_tr_col2im, NULL},
    /* quantization: onnx-ops-quant.c */
    {"", "DequantizeLinear", 10, onnx_tr_dequantize_linear, NULL},
    {"", "QuantizeLinear", 10, onnx_tr_quantize_linear, NULL},
    {"", "DynamicQuantizeLinear", 11, onnx_tr_dynamic_quantize_linear, NULL},
    {"", "QLinearMatMul", 10, onnx_tr_qlinear_matmul, NULL}, {"", "MatMulInteger", 10, onnx_tr_matmul_integer, NULL},
    {"", "ConvInteger", 10, onnx_tr_conv_integer, NULL}, {"", "QLinearConv", 10, onnx_tr_qlinear_conv, NULL},
    /* attention family: onnx-ops-attention.c; recurrent: onnx-ops-rnn.c */
    {"", "Attention", 23, onnx_tr_attention, NULL}, {"", "RotaryEmbedding", 23, onnx_tr_rotary_embedding, NULL},
    {"", "CausalConvWithState", 27, onnx_tr_causal_conv_with_state, NULL},
    {"", "RNN", 7, onnx_tr_rnn, NULL}, {"", "GRU", 7, onnx_tr_rnn, NULL}, {"", "LSTM", 7, onnx_tr_rnn, NULL},
    /* detection and set ops: onnx-ops-detection.c */
    {"", "NonMaxSuppression", 10, onnx_tr_non_max_suppression, NULL}, {"", "Unique", 11, onnx_tr_unique, NULL},
    {"", "RoiAlign", 10, onnx_tr_roi_align, NULL},
    /* strings: onnx-ops-string.c */
    {"", "StringConcat", 20, onnx_tr_string_concat, NULL}, {"", "StringSplit", 20, onnx_tr_string_split, NULL},
    {"", "StringNormalizer", 10, onnx_tr_string_normalizer, NULL},
    {"", "RegexFullMatch", 20, onnx_tr_regex_full_match, NULL},
    /* DeformConv: onnx-ops-nn.c; TfIdfVectorizer (a Pinot op): onnx-ops-text.c */
    {"", "DeformConv", 19, onnx_tr_deform_conv, NULL}, {"", "TfIdfVectorizer", 9, onnx_tr_tfidf_vectorizer, NULL},
    {"", "LinearAttention", 27, onnx_tr_linear_attention, NULL}, /* onnx-ops-linear-attention.c */
    /* random numbers: onnx-ops-random.c */
    {"", "RandomUniform", 1, onnx_tr_random_uniform, NULL},
    {"", "RandomUniformLike", 1, onnx_tr_random_uniform_like, NULL},
    {"", "RandomNormal", 1, onnx_tr_random_normal, NULL},
    {"", "RandomNormalLike", 1, onnx_tr_random_normal_like, NULL}, {"", "Bernoulli", 15, onnx_tr_bernoulli, NULL},
    /* other domains: onnx-ops-ml.c */
    {"ai.onnx.ml", "Binarizer", 1, onnx_tr_binarizer, NULL},
    {"ai.onnx.ml", "ArrayFeatureExtractor", 1, onnx_tr_array_feature_extractor, NULL},
    {"ai.onnx.ml", "LabelEncoder", 2, onnx_tr_label_encoder, NULL},
    {"ai.onnx.ml", "TreeEnsemble", 5, onnx_tr_tree_ensemble, NULL}, /* onnx-ops-tree-ensemble.c */
    {"ai.onnx.preview", "FlexAttention", 1, onnx_tr_flex_attention, NULL}, /* onnx-ops-attention.c */
    {"ai.onnx.preview.training", "Adagrad", 1, onnx_tr_adagrad, NULL},
    {"ai.onnx.preview.training", "Adam", 1, onnx_tr_adam, NULL},
    {"ai.onnx.preview.training", "Momentum", 1, onnx_tr_momentum, NULL},
    {NULL, NULL, 0, NULL, NULL},
};

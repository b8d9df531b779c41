/* ONNX random-number ops over RandomUniform-8: RandomUniform(Like), RandomNormal(Like),
 * Bernoulli, and Dropout in training mode.
 *
 * ONNX leaves the generator unspecified, so values cannot match onnxruntime's or numpy's
 * generators (the ONNX reference implementation, and so the node tests' expected outputs,
 * draw from numpy): Pinot draws from RandomUniform's Philox generator ("tensorflow"
 * alignment). Only shapes, types and distributions carry over.
 *
 * Seeds: as OpenVINO's ONNX frontend, op_seed = trunc(seed * 1000) and global_seed = 0. A
 * seed that maps to 0 or below (seed 0, a negative or NaN seed) uses global_seed 1 and
 * |op_seed| instead, so that an explicit seed is always deterministic; without a seed
 * both are 0, which draws a fresh seed per compile. Each inference of a compiled model
 * continues the sequence (RandomUniform's state), so repeated runs give new values.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

struct random_seeds {
    int64_t global, op;
};

static struct random_seeds seeds_of(const struct onnx_node * node) {
    struct random_seeds s = {0, 0};
    const struct onnx_attribute * attr = onnx_attr(node, "seed");
    if (attr == NULL) {
        return s;
    }
    double scaled = trunc(attr->f * 1000.0);
    if (!(scaled > 0)) {
        s.global = 1;
        scaled = isnan(scaled) ? 0 : fabs(scaled);
    }
    s.op = scaled >= 9.2e18 ? INT64_MAX : (int64_t)scaled;
    return s;
}

static bool is_float_type(pinot_dtype type) {
    return type == PINOT_DTYPE_F32 || type == PINOT_DTYPE_F16 || type == PINOT_DTYPE_F64 || type == PINOT_DTYPE_BF16;
}

/* The `dtype` attribute (ONNX code) as a float type; @p fallback when absent. */
static pinot_status float_dtype(struct onnx_import * ctx, const struct onnx_node * node, pinot_dtype fallback,
                                pinot_dtype * out) {
    TRY(onnx_attr_dtype(ctx, node, "dtype", fallback, out));
    if (!is_float_type(*out)) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "the output type must be float16, bfloat16, float or double (got %s)",
                          pinot_dtype_name(*out));
    }
    return PINOT_STATUS_OK;
}

static pinot_status shape_of(struct onnx_import * ctx, pinot_output_ref x, pinot_output_ref * out) {
    pinot_attr attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    return onnx_make(ctx, "ShapeOf", &x, 1, attrs, 1, out);
}

/* The shape attribute (required) as an i64 1-D constant. */
static pinot_status shape_attr(struct onnx_import * ctx, const struct onnx_node * node, pinot_output_ref * out) {
    const struct onnx_attribute * attr = onnx_attr(node, "shape");
    if (attr == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the 'shape' attribute is required");
    }
    for (uint32_t i = 0; i < attr->n_ints; i++) {
        if (attr->ints[i] < 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "shape values must be non-negative (got %lld)",
                              (long long)attr->ints[i]);
        }
    }
    return onnx_const_i64(ctx, attr->ints, attr->n_ints, false, out);
}

/* Values uniform in [low, high) of @p type and the runtime shape @p shape (i64 1-D). */
static pinot_status uniform(struct onnx_import * ctx, pinot_output_ref shape, pinot_dtype type, double low,
                            double high, struct random_seeds seeds, pinot_output_ref * out) {
    pinot_output_ref args[3] = {shape};
    TRY(onnx_const_scalar(ctx, type, low, &args[1]));
    TRY(onnx_const_scalar(ctx, type, high, &args[2]));
    pinot_attr attrs[] = {ATTR_TYPE("output_type", type), ATTR_INT("global_seed", seeds.global),
                          ATTR_INT("op_seed", seeds.op)};
    return onnx_make(ctx, "RandomUniform", args, 3, attrs, 3, out);
}

/* Normal values (mean, scale) of @p type and the runtime shape: the Box-Muller transform
 * z = sqrt(-2 ln(1 - u1)) cos(2 pi u2) of two uniform draws u1, u2 in [0, 1) (1 - u1 > 0
 * keeps the log finite), computed in f32 (f64 for double outputs). Both draws come from one
 * RandomUniform of shape [2, ...shape], so they are independent parts of one stream. */
static pinot_status normal(struct onnx_import * ctx, pinot_output_ref shape, pinot_dtype type, double mean,
                           double scale, struct random_seeds seeds, pinot_output_ref * out) {
    pinot_dtype work = type == PINOT_DTYPE_F64 ? PINOT_DTYPE_F64 : PINOT_DTYPE_F32;
    int64_t two = 2, zero = 0, one = 1;
    pinot_output_ref args[3], both, u1, u2, radius, angle, z;
    TRY(onnx_const_i64(ctx, &two, 1, false, &args[0]));
    args[1] = shape;
    pinot_attr concat_attrs[] = {ATTR_INT("axis", 0)};
    TRY(onnx_make(ctx, "Concat", args, 2, concat_attrs, 1, &args[0]));
    TRY(uniform(ctx, args[0], work, 0.0, 1.0, seeds, &both));
    args[0] = both;
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[2]));
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[1]));
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &u1));
    TRY(onnx_const_i64(ctx, &one, 1, true, &args[1]));
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &u2));
    /* radius = sqrt(-2 ln(1 - u1)) */
    TRY(onnx_const_scalar(ctx, work, 1.0, &args[0]));
    TRY(onnx_binary(ctx, "Subtract", args[0], u1, &radius));
    TRY(onnx_unary(ctx, "Log", radius, &radius));
    TRY(onnx_binary_scalar(ctx, "Multiply", radius, -2.0, &radius));
    TRY(onnx_unary(ctx, "Sqrt", radius, &radius));
    /* angle = cos(2 pi u2) */
    TRY(onnx_binary_scalar(ctx, "Multiply", u2, 2.0 * 3.14159265358979323846, &angle));
    TRY(onnx_unary(ctx, "Cos", angle, &angle));
    TRY(onnx_binary(ctx, "Multiply", radius, angle, &z));
    TRY(onnx_binary_scalar(ctx, "Multiply", z, scale, &z));
    TRY(onnx_binary_scalar(ctx, "Add", z, mean, &z));
    return onnx_convert(ctx, z, type, out);
}

/* RandomUniform: attributes dtype (float), low (0), high (1), seed, shape. */
ONNX_TRANSLATOR(onnx_tr_random_uniform) {
    (void)in, (void)n;
    pinot_dtype type;
    pinot_output_ref shape;
    TRY(float_dtype(ctx, node, PINOT_DTYPE_F32, &type));
    TRY(shape_attr(ctx, node, &shape));
    return uniform(ctx, shape, type, onnx_attr_float(node, "low", 0.0), onnx_attr_float(node, "high", 1.0),
                   seeds_of(node), &out[0]);
}

/* RandomUniformLike: the shape (and by default the type) of the input. */
ONNX_TRANSLATOR(onnx_tr_random_uniform_like) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype type;
    pinot_output_ref shape;
    TRY(float_dtype(ctx, node, onnx_type_of(in[0]), &type));
    TRY(shape_of(ctx, in[0], &shape));
    return uniform(ctx, shape, type, onnx_attr_float(node, "low", 0.0), onnx_attr_float(node, "high", 1.0),
                   seeds_of(node), &out[0]);
}

/* RandomNormal: attributes dtype (float), mean (0), scale (1), seed, shape. */
ONNX_TRANSLATOR(onnx_tr_random_normal) {
    (void)in, (void)n;
    pinot_dtype type;
    pinot_output_ref shape;
    TRY(float_dtype(ctx, node, PINOT_DTYPE_F32, &type));
    TRY(shape_attr(ctx, node, &shape));
    return normal(ctx, shape, type, onnx_attr_float(node, "mean", 0.0), onnx_attr_float(node, "scale", 1.0),
                  seeds_of(node), &out[0]);
}

/* RandomNormalLike: the shape (and by default the type) of the input. */
ONNX_TRANSLATOR(onnx_tr_random_normal_like) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype type;
    pinot_output_ref shape;
    TRY(float_dtype(ctx, node, onnx_type_of(in[0]), &type));
    TRY(shape_of(ctx, in[0], &shape));
    return normal(ctx, shape, type, onnx_attr_float(node, "mean", 0.0), onnx_attr_float(node, "scale", 1.0),
                  seeds_of(node), &out[0]);
}

/* Bernoulli: uniform [0, 1) < p, as dtype (default: p's type), as the ONNX reference does. */
ONNX_TRANSLATOR(onnx_tr_bernoulli) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_dtype p_type = onnx_type_of(in[0]);
    if (!is_float_type(p_type)) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "the input must be float16, bfloat16, float or double (got %s)", pinot_dtype_name(p_type));
    }
    pinot_dtype type;
    TRY(onnx_attr_dtype(ctx, node, "dtype", p_type, &type));
    pinot_output_ref shape, draws, hits;
    TRY(shape_of(ctx, in[0], &shape));
    TRY(uniform(ctx, shape, p_type, 0.0, 1.0, seeds_of(node), &draws));
    TRY(onnx_binary(ctx, "Less", draws, in[0], &hits));
    return onnx_convert(ctx, hits, type, &out[0]);
}

/* Dropout-12+ with training_mode true: mask = uniform [0, 1) >= ratio, output = x * mask /
 * (1 - ratio), as the ONNX reference. out[] holds the inference outputs (x and, when
 * requested, an all-true mask): kept when training_mode is absent or constant false, and
 * chosen at run time by Select when it is not a constant. */
ONNX_TRANSLATOR(onnx_dropout_training) {
    pinot_output_ref x = in[0], ratio = onnx_optional_input(in, n, 1), training = onnx_optional_input(in, n, 2);
    if (training.node == NULL) {
        return PINOT_STATUS_OK;
    }
    const pinot_tensor_t * mode = pinot_node_get_constant_value(training.node);
    if (mode != NULL) {
        if (pinot_tensor_get_size(mode) != 1) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "training_mode must be a scalar");
        }
        if (*(const uint8_t *)pinot_tensor_get_data(mode) == 0) {
            return PINOT_STATUS_OK;
        }
    }
    pinot_dtype x_type = onnx_type_of(x);
    if (!is_float_type(x_type)) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "training mode needs a float input (got %s)", pinot_dtype_name(x_type));
    }
    if (ratio.node == NULL) {
        TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F32, 0.5, &ratio));
    }
    pinot_output_ref shape, draws, ratio_f32, mask, keep, scale, one, y, mask_out;
    TRY(shape_of(ctx, x, &shape));
    TRY(uniform(ctx, shape, PINOT_DTYPE_F32, 0.0, 1.0, seeds_of(node), &draws));
    TRY(onnx_convert(ctx, ratio, PINOT_DTYPE_F32, &ratio_f32));
    TRY(onnx_binary(ctx, "GreaterEqual", draws, ratio_f32, &mask));
    /* scale = 1 / (1 - ratio) in x's type */
    TRY(onnx_convert(ctx, ratio, x_type, &scale));
    TRY(onnx_const_scalar(ctx, x_type, 1.0, &one));
    TRY(onnx_binary(ctx, "Subtract", one, scale, &scale));
    TRY(onnx_binary(ctx, "Divide", one, scale, &scale));
    TRY(onnx_convert(ctx, mask, x_type, &keep));
    TRY(onnx_binary(ctx, "Multiply", keep, x, &y));
    TRY(onnx_binary(ctx, "Multiply", y, scale, &y));
    mask_out = mask;
    if (mode == NULL) {
        pinot_output_ref args[3] = {training, y, out[0]};
        TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &y));
        if (node->n_outputs > 1) {
            pinot_output_ref margs[3] = {training, mask, out[1]};
            TRY(onnx_make(ctx, "Select", margs, 3, NULL, 0, &mask_out));
        }
    }
    out[0] = y;
    if (node->n_outputs > 1) {
        out[1] = mask_out;
    }
    return PINOT_STATUS_OK;
}

/* ONNX translators for the non-default domains: ai.onnx.ml (Binarizer, ArrayFeatureExtractor) and
 * ai.onnx.preview.training (the optimizer steps Adagrad, Adam and Momentum, which are elementwise
 * formulas over each (X, G, state...) group). Decomposed like ONNX's reference implementations into
 * elementwise Pinot ops. Rows are in onnx-ops.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

/* ---- ai.onnx.ml ---- */

/* Binarizer: 1 where x > threshold, else 0, in x's type. */
ONNX_TRANSLATOR(onnx_tr_binarizer) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref above;
    TRY(onnx_binary_scalar(ctx, "Greater", in[0], onnx_attr_float(node, "threshold", 0.0), &above));
    return onnx_convert(ctx, above, onnx_type_of(in[0]), &out[0]);
}

/* ArrayFeatureExtractor: x[..., flatten(indices)]; a 1-D x gives one row [1, len], as onnxruntime does. */
ONNX_TRANSLATOR(onnx_tr_array_feature_extractor) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, in[0], &rank));
    if (rank < 1) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "X must have rank 1 or more");
    }
    int64_t flat = -1, axis = -1;
    pinot_output_ref indices, args[3];
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    args[0] = in[1];
    TRY(onnx_const_i64(ctx, &flat, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &indices));
    TRY(onnx_convert(ctx, indices, PINOT_DTYPE_I64, &indices));
    pinot_output_ref gathered;
    args[0] = in[0];
    args[1] = indices;
    TRY(onnx_const_i64(ctx, &axis, 1, true, &args[2]));
    TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, &gathered));
    if (rank > 1) {
        out[0] = gathered;
        return PINOT_STATUS_OK;
    }
    int64_t row[2] = {1, -1};
    args[0] = gathered;
    TRY(onnx_const_i64(ctx, row, 2, false, &args[1]));
    return onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &out[0]);
}

/* ---- ai.onnx.preview.training ---- */

/* The inputs are R (learning rate), T (step count), then `groups` lists of n tensors each:
 * X..., G..., state...; check the count and read R and T as scalars of X's type. */
static pinot_status optimizer_inputs(struct onnx_import * ctx, const struct onnx_node * node,
                                     const pinot_output_ref * in, uint32_t n, uint32_t groups, uint32_t * count,
                                     pinot_output_ref * r, pinot_output_ref * t) {
    if (n < 2 + groups || (n - 2) % groups != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "expects R, T and %u lists of equal length (got %u inputs)",
                          groups, n);
    }
    *count = (n - 2) / groups;
    if (node->n_outputs > (groups - 1) * *count) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "has %u outputs for %u optimized tensors",
                          node->n_outputs, *count);
    }
    TRY(need_inputs(ctx, in, n, n));
    pinot_dtype type = onnx_type_of(in[2]);
    if (!pinot_dtype_get_info(type)->is_real) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "X must be floating-point (got %s)",
                          pinot_dtype_name(type));
    }
    /* R and T are scalars (or 1-element tensors): reshape to scalars so results keep X's shape. */
    pinot_output_ref args[2];
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_const_i64(ctx, NULL, 0, false, &args[1]));
    args[0] = in[0];
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, r));
    TRY(onnx_convert(ctx, *r, type, r));
    args[0] = in[1];
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, t));
    return PINOT_STATUS_OK;
}

/* value - a, with value a constant of a's type. */
static pinot_status scalar_minus(struct onnx_import * ctx, double value, pinot_output_ref a, pinot_output_ref * out) {
    pinot_output_ref c;
    TRY(onnx_const_scalar(ctx, onnx_type_of(a), value, &c));
    return onnx_binary(ctx, "Subtract", c, a, out);
}

/* norm_coefficient * x + g */
static pinot_status regularized_gradient(struct onnx_import * ctx, double norm, pinot_output_ref x,
                                         pinot_output_ref g, pinot_output_ref * out) {
    if (norm == 0.0) {
        *out = g;
        return PINOT_STATUS_OK;
    }
    pinot_output_ref scaled;
    TRY(onnx_binary_scalar(ctx, "Multiply", x, norm, &scaled));
    return onnx_binary(ctx, "Add", scaled, g, out);
}

/* Select(t > 0, when_positive, otherwise). */
static pinot_status select_positive_step(struct onnx_import * ctx, pinot_output_ref t, pinot_output_ref when_positive,
                                         pinot_output_ref otherwise, pinot_output_ref * out) {
    pinot_output_ref args[3];
    TRY(onnx_binary_scalar(ctx, "Greater", t, 0.0, &args[0]));
    args[1] = when_positive;
    args[2] = otherwise;
    return onnx_make(ctx, "Select", args, 3, NULL, 0, out);
}

/* Adagrad: r' = r / (1 + t * decay_factor); g' = norm * x + g; h' = h + g'^2;
 * x' = x - r' * g' / (sqrt(h') + epsilon). Outputs: X'..., H'.... */
ONNX_TRANSLATOR(onnx_tr_adagrad) {
    uint32_t count = 0;
    pinot_output_ref r, t;
    TRY(optimizer_inputs(ctx, node, in, n, 3, &count, &r, &t));
    double norm = onnx_attr_float(node, "norm_coefficient", 0.0), eps = onnx_attr_float(node, "epsilon", 1e-6);
    pinot_output_ref tf, denom, rate;
    TRY(onnx_convert(ctx, t, onnx_type_of(r), &tf));
    TRY(onnx_binary_scalar(ctx, "Multiply", tf, onnx_attr_float(node, "decay_factor", 0.0), &denom));
    TRY(onnx_binary_scalar(ctx, "Add", denom, 1.0, &denom));
    TRY(onnx_binary(ctx, "Divide", r, denom, &rate));
    for (uint32_t i = 0; i < count; i++) {
        pinot_output_ref x = in[2 + i], g = in[2 + count + i], h = in[2 + 2 * count + i];
        pinot_output_ref reg, square, h_new, root, step;
        TRY(regularized_gradient(ctx, norm, x, g, &reg));
        TRY(onnx_binary(ctx, "Multiply", reg, reg, &square));
        TRY(onnx_binary(ctx, "Add", h, square, &h_new));
        TRY(onnx_unary(ctx, "Sqrt", h_new, &root));
        TRY(onnx_binary_scalar(ctx, "Add", root, eps, &root));
        TRY(onnx_binary(ctx, "Multiply", rate, reg, &step));
        TRY(onnx_binary(ctx, "Divide", step, root, &step));
        TRY(onnx_binary(ctx, "Subtract", x, step, &out[i]));
        out[count + i] = h_new;
    }
    return PINOT_STATUS_OK;
}

/* Adam: g' = norm * x + g; v' = alpha v + (1 - alpha) g'; h' = beta h + (1 - beta) g'^2;
 * r' = r sqrt(1 - beta^t) / (1 - alpha^t) when t > 0, else r; x' = (1 - norm_post)(x - r' v' / (sqrt(h') + eps)).
 * Outputs: X'..., V'..., H'.... */
ONNX_TRANSLATOR(onnx_tr_adam) {
    uint32_t count = 0;
    pinot_output_ref r, t;
    TRY(optimizer_inputs(ctx, node, in, n, 4, &count, &r, &t));
    double alpha = onnx_attr_float(node, "alpha", 0.9), beta = onnx_attr_float(node, "beta", 0.999);
    double eps = onnx_attr_float(node, "epsilon", 1e-6), norm = onnx_attr_float(node, "norm_coefficient", 0.0);
    double norm_post = onnx_attr_float(node, "norm_coefficient_post", 0.0);
    pinot_dtype type = onnx_type_of(r);
    /* The bias-corrected rate; at t == 0 it divides by zero, but Select keeps r there. */
    pinot_output_ref tf, base, alpha_t, beta_t, corrected, rate;
    TRY(onnx_convert(ctx, t, type, &tf));
    TRY(onnx_const_scalar(ctx, type, alpha, &base));
    TRY(onnx_binary(ctx, "Power", base, tf, &alpha_t));
    TRY(onnx_const_scalar(ctx, type, beta, &base));
    TRY(onnx_binary(ctx, "Power", base, tf, &beta_t));
    TRY(scalar_minus(ctx, 1.0, beta_t, &beta_t));
    TRY(onnx_unary(ctx, "Sqrt", beta_t, &beta_t));
    TRY(scalar_minus(ctx, 1.0, alpha_t, &alpha_t));
    TRY(onnx_binary(ctx, "Multiply", r, beta_t, &corrected));
    TRY(onnx_binary(ctx, "Divide", corrected, alpha_t, &corrected));
    TRY(select_positive_step(ctx, t, corrected, r, &rate));
    for (uint32_t i = 0; i < count; i++) {
        pinot_output_ref x = in[2 + i], g = in[2 + count + i], v = in[2 + 2 * count + i],
                         h = in[2 + 3 * count + i];
        pinot_output_ref reg, a, b, v_new, h_new, root, step, x_new;
        TRY(regularized_gradient(ctx, norm, x, g, &reg));
        TRY(onnx_binary_scalar(ctx, "Multiply", v, alpha, &a));
        TRY(onnx_binary_scalar(ctx, "Multiply", reg, 1.0 - alpha, &b));
        TRY(onnx_binary(ctx, "Add", a, b, &v_new));
        TRY(onnx_binary_scalar(ctx, "Multiply", h, beta, &a));
        TRY(onnx_binary(ctx, "Multiply", reg, reg, &b));
        TRY(onnx_binary_scalar(ctx, "Multiply", b, 1.0 - beta, &b));
        TRY(onnx_binary(ctx, "Add", a, b, &h_new));
        TRY(onnx_unary(ctx, "Sqrt", h_new, &root));
        TRY(onnx_binary_scalar(ctx, "Add", root, eps, &root));
        TRY(onnx_binary(ctx, "Divide", v_new, root, &step));
        TRY(onnx_binary(ctx, "Multiply", rate, step, &step));
        TRY(onnx_binary(ctx, "Subtract", x, step, &x_new));
        if (norm_post != 0.0) {
            TRY(onnx_binary_scalar(ctx, "Multiply", x_new, 1.0 - norm_post, &x_new));
        }
        out[i] = x_new;
        out[count + i] = v_new;
        out[2 * count + i] = h_new;
    }
    return PINOT_STATUS_OK;
}

/* Momentum: g' = norm * x + g; v' = alpha v + beta' g' with beta' = beta when t > 0, else 1;
 * standard: x' = x - r v'; nesterov: x' = x - r (g' + alpha v'). Outputs: X'..., V'.... */
ONNX_TRANSLATOR(onnx_tr_momentum) {
    uint32_t count = 0;
    pinot_output_ref r, t;
    TRY(optimizer_inputs(ctx, node, in, n, 3, &count, &r, &t));
    const char * names[] = {"alpha", "beta", "norm_coefficient", "mode"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (onnx_attr(node, names[i]) == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' is required", names[i]);
        }
    }
    char buf[16];
    const char * mode = onnx_attr_string(node, "mode", "standard", buf, sizeof(buf));
    bool nesterov = strcmp(mode, "nesterov") == 0;
    if (!nesterov && strcmp(mode, "standard") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "mode must be 'standard' or 'nesterov' (got '%s')",
                          mode);
    }
    double alpha = onnx_attr_float(node, "alpha", 0.0), norm = onnx_attr_float(node, "norm_coefficient", 0.0);
    pinot_output_ref beta, one, beta_adjusted;
    TRY(onnx_const_scalar(ctx, onnx_type_of(r), onnx_attr_float(node, "beta", 0.0), &beta));
    TRY(onnx_const_scalar(ctx, onnx_type_of(r), 1.0, &one));
    TRY(select_positive_step(ctx, t, beta, one, &beta_adjusted));
    for (uint32_t i = 0; i < count; i++) {
        pinot_output_ref x = in[2 + i], g = in[2 + count + i], v = in[2 + 2 * count + i];
        pinot_output_ref reg, a, b, v_new, step;
        TRY(regularized_gradient(ctx, norm, x, g, &reg));
        TRY(onnx_binary_scalar(ctx, "Multiply", v, alpha, &a));
        TRY(onnx_binary(ctx, "Multiply", beta_adjusted, reg, &b));
        TRY(onnx_binary(ctx, "Add", a, b, &v_new));
        if (nesterov) {
            TRY(onnx_binary_scalar(ctx, "Multiply", v_new, alpha, &step));
            TRY(onnx_binary(ctx, "Add", reg, step, &step));
        } else {
            step = v_new;
        }
        TRY(onnx_binary(ctx, "Multiply", r, step, &step));
        TRY(onnx_binary(ctx, "Subtract", x, step, &out[i]));
        out[count + i] = v_new;
    }
    return PINOT_STATUS_OK;
}

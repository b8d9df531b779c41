/* ONNX translators for the non-default domains: ai.onnx.ml (Binarizer, ArrayFeatureExtractor, LabelEncoder) and
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

/* ---- LabelEncoder (ai.onnx.ml 2+) ---- */

/* The keys_* or values_* attribute (`prefix`) as a 1-D constant: exactly one of _strings, _int64s,
 * _floats, _tensor must be given. */
static pinot_status label_list(struct onnx_import * ctx, const struct onnx_node * node, const char * prefix,
                               pinot_output_ref * out) {
    static const char * const kinds[] = {"strings", "int64s", "floats", "tensor"};
    const struct onnx_attribute * found = NULL;
    int kind = -1;
    for (int i = 0; i < 4; i++) {
        char name[32];
        snprintf(name, sizeof(name), "%s_%s", prefix, kinds[i]);
        const struct onnx_attribute * a = onnx_attr(node, name);
        if (a != NULL) {
            if (found != NULL) {
                return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "only one %s_* attribute may be set", prefix);
            }
            found = a;
            kind = i;
        }
    }
    if (found == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "needs one %s_* attribute", prefix);
    }
    pinot_tensor_t * t = NULL;
    if (kind == 3) {
        if (found->t == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "%s_tensor holds no tensor", prefix);
        }
        TRY(onnx_tensor_decode(found->t, ctx->model_dir, &t));
        if (pinot_tensor_get_shape(t)->rank != 1) {
            pinot_tensor_free(t);
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "%s_tensor must be 1-D", prefix);
        }
    } else {
        uint32_t count = kind == 0 ? found->n_strings : kind == 1 ? found->n_ints : found->n_floats;
        pinot_dtype type = kind == 0 ? PINOT_DTYPE_STRING : kind == 1 ? PINOT_DTYPE_I64 : PINOT_DTYPE_F32;
        pinot_shape shape = {.rank = 1, .dims = {count}};
        TRY(pinot_tensor_create(type, &shape, &t));
        void * data = pinot_tensor_get_data(t);
        pinot_status status = PINOT_STATUS_OK;
        for (uint32_t i = 0; i < count && status == PINOT_STATUS_OK; i++) {
            if (kind == 0) {
                status = pinot_tensor_set_string(t, i, (const char *)found->strings[i].data,
                                                 (size_t)found->strings[i].size);
            } else if (kind == 1) {
                ((int64_t *)data)[i] = found->ints[i];
            } else {
                ((float *)data)[i] = found->floats[i];
            }
        }
        if (status != PINOT_STATUS_OK) {
            pinot_tensor_free(t);
            return status;
        }
    }
    pinot_status status = onnx_const_tensor(ctx, t, out);
    pinot_tensor_free(t);
    return status;
}

/* x as a 1-D tensor of one element. */
static pinot_status as_one_element(struct onnx_import * ctx, pinot_output_ref x, pinot_output_ref * out) {
    int64_t one = 1;
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, &one, 1, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, out);
}

/* The value for keys not found, as [1] of the values' type: default_tensor, or the default_* of the
 * values' kind (schema defaults "_Unused", -1, -0.0). */
static pinot_status label_default(struct onnx_import * ctx, const struct onnx_node * node, pinot_dtype type,
                                  pinot_output_ref * out) {
    const struct onnx_attribute * a = onnx_attr(node, "default_tensor");
    pinot_output_ref value;
    if (a != NULL && a->t != NULL) {
        pinot_tensor_t * t = NULL;
        TRY(onnx_tensor_decode(a->t, ctx->model_dir, &t));
        bool ok = pinot_tensor_get_size(t) == 1 && pinot_tensor_get_type(t) == type;
        pinot_status status = ok ? onnx_const_tensor(ctx, t, &value) : PINOT_STATUS_OK;
        pinot_tensor_free(t);
        if (!ok) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                              "default_tensor must hold one value of the values' type (%s)", pinot_dtype_name(type));
        }
        TRY(status);
    } else if (type == PINOT_DTYPE_STRING) {
        char buf[1024];
        const char * text = onnx_attr_string(node, "default_string", "_Unused", buf, sizeof(buf));
        pinot_shape shape = {.rank = 1, .dims = {1}};
        pinot_tensor_t * t = NULL;
        TRY(pinot_tensor_create(PINOT_DTYPE_STRING, &shape, &t));
        pinot_status status = pinot_tensor_set_string(t, 0, text, strlen(text));
        if (status == PINOT_STATUS_OK) {
            status = onnx_const_tensor(ctx, t, out);
        }
        pinot_tensor_free(t);
        return status;
    } else if (pinot_dtype_get_info(type)->is_real) {
        TRY(onnx_const_scalar(ctx, type, onnx_attr_float(node, "default_float", -0.0), &value));
    } else {
        TRY(onnx_const_scalar(ctx, type, (double)onnx_attr_int(node, "default_int64", -1), &value));
    }
    return as_one_element(ctx, value, out);
}

/* LabelEncoder: y = values[last i with keys[i] == x] (NaN keys match NaN), else the default. As graph:
 * the index of the last match along an appended keys axis (-1 for none, then mapped to slot k),
 * gathered from [values..., default]. */
ONNX_TRANSLATOR(onnx_tr_label_encoder) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref keys, values, fallback;
    TRY(label_list(ctx, node, "keys", &keys));
    TRY(label_list(ctx, node, "values", &values));
    int64_t k = onnx_static_dim(keys, 0);
    if (k != onnx_static_dim(values, 0)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "keys and values differ in length (%lld vs %lld)",
                          (long long)k, (long long)onnx_static_dim(values, 0));
    }
    pinot_dtype x_type = onnx_type_of(in[0]), key_type = onnx_type_of(keys);
    if ((x_type == PINOT_DTYPE_STRING) != (key_type == PINOT_DTYPE_STRING)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the input (%s) and the keys (%s) differ in kind",
                          pinot_dtype_name(x_type), pinot_dtype_name(key_type));
    }
    if (x_type != PINOT_DTYPE_STRING) {
        TRY(onnx_convert(ctx, keys, x_type, &keys));
    }
    TRY(label_default(ctx, node, onnx_type_of(values), &fallback));
    pinot_output_ref table, args[3];
    args[0] = values;
    args[1] = fallback;
    pinot_attr concat_attrs[] = {ATTR_INT("axis", 0)};
    TRY(onnx_make(ctx, "Concat", args, 2, concat_attrs, 1, &table));
    /* matches [..., k] */
    int64_t last = -1;
    pinot_output_ref x, matches;
    args[0] = in[0];
    TRY(onnx_const_i64(ctx, &last, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &x));
    TRY(onnx_binary(ctx, "Equal", x, keys, &matches));
    if (pinot_dtype_get_info(x_type)->is_real) {
        pinot_output_ref x_nan, key_nan, both;
        TRY(onnx_unary(ctx, "IsNaN", x, &x_nan));
        TRY(onnx_unary(ctx, "IsNaN", keys, &key_nan));
        TRY(onnx_binary(ctx, "LogicalAnd", x_nan, key_nan, &both));
        TRY(onnx_binary(ctx, "LogicalOr", matches, both, &matches));
    }
    pinot_output_ref count, positions, found, missing, index;
    TRY(onnx_const_i64(ctx, &k, 1, true, &count));
    TRY(onnx_iota(ctx, count, &positions));
    args[0] = matches;
    args[1] = positions;
    TRY(onnx_const_i64(ctx, &last, 1, true, &args[2]));
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &found));
    args[0] = found;
    TRY(onnx_const_i64(ctx, &last, 1, false, &args[1]));
    pinot_attr reduce_attrs[] = {ATTR_BOOL("keep_dims", false)};
    TRY(onnx_make(ctx, "ReduceMax", args, 2, reduce_attrs, 1, &found));
    TRY(onnx_binary_scalar(ctx, "Less", found, 0.0, &missing));
    args[0] = missing;
    args[1] = count;
    args[2] = found;
    TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, &index));
    int64_t zero = 0;
    args[0] = table;
    args[1] = index;
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[2]));
    return onnx_make(ctx, "Gather", args, 3, NULL, 0, &out[0]);
}

/* ---- ai.onnx.preview.training ---- */

/* The inputs are R (learning rate), T (step count), then `groups` lists of n tensors each:
 * X..., G..., state...; check the count and read R and T as scalars of X's type. */
static pinot_status optimizer_inputs(struct onnx_import * ctx, const struct onnx_node * node,
                                     const pinot_output_ref * in, uint32_t n, uint32_t groups, uint32_t * count,
                                     pinot_output_ref * r, pinot_output_ref * t) {
    if (n < 2 + groups || (n - 2) % groups != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "expects R, T and %u lists of equal length (got %u inputs)", groups, n);
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

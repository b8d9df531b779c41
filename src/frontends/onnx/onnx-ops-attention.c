/* ONNX translators for the attention-family ops: Attention (23), RotaryEmbedding (23),
 * CausalConvWithState (27) and FlexAttention (ai.onnx.preview 1, its modifier subgraphs inlined),
 * decomposed like ONNX's reference implementation into MatMul / Softmax / Slice / Concat /
 * GroupConvolution. Rows are in onnx-ops.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

/* ---- Attention (opset 23) ---- */

/* [B, S, H*D] -> [B, H, S, D]. */
static pinot_status split_heads(struct onnx_import * ctx, pinot_output_ref x, int64_t heads, pinot_output_ref * out) {
    int64_t shape[4] = {0, 0, heads, -1}, perm[4] = {0, 2, 1, 3};
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, shape, 4, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", true)};
    TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &args[0]));
    TRY(onnx_const_i64(ctx, perm, 4, false, &args[1]));
    return onnx_make(ctx, "Transpose", args, 2, NULL, 0, out);
}

/* [B, Hkv, L, D] -> [B, Hkv * reps, L, D], each head repeated reps times in a row. */
static pinot_status repeat_heads(struct onnx_import * ctx, pinot_output_ref x, int64_t reps, pinot_output_ref * out) {
    int64_t axis = 2, repeats[5] = {1, 1, reps, 1, 1}, head_size = onnx_static_dim(x, 3),
            kv_heads = onnx_static_dim(x, 1);
    if (head_size < 0 || kv_heads < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "grouped-query attention needs static head sizes");
    }
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &args[0]));
    TRY(onnx_const_i64(ctx, repeats, 5, false, &args[1]));
    TRY(onnx_make(ctx, "Tile", args, 2, NULL, 0, &args[0]));
    int64_t shape[4] = {0, kv_heads * reps, -1, head_size};
    TRY(onnx_const_i64(ctx, shape, 4, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("special_zero", true)};
    return onnx_make(ctx, "Reshape", args, 2, attrs, 1, out);
}

/* Grouped-query attention: K and V heads ([B, heads, S, D]) repeated to Q's head count, when both are static
 * and differ; Q's must be a multiple of theirs. */
static pinot_status match_kv_heads(struct onnx_import * ctx, pinot_output_ref q, pinot_output_ref * k,
                                   pinot_output_ref * v) {
    int64_t q_heads = onnx_static_dim(q, 1), kv_heads = onnx_static_dim(*k, 1);
    if (q_heads > 0 && kv_heads > 0 && q_heads != kv_heads) {
        if (q_heads % kv_heads != 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                              "q heads (%lld) must be a multiple of kv heads (%lld)", (long long)q_heads,
                              (long long)kv_heads);
        }
        TRY(repeat_heads(ctx, *k, q_heads / kv_heads, k));
        TRY(repeat_heads(ctx, *v, q_heads / kv_heads, v));
    }
    return PINOT_STATUS_OK;
}

/* Select(cond, 0, -inf) in `type`. */
static pinot_status mask_bias(struct onnx_import * ctx, pinot_output_ref cond, pinot_dtype type,
                              pinot_output_ref * out) {
    pinot_output_ref args[3] = {cond};
    TRY(onnx_const_scalar(ctx, type, 0.0, &args[1]));
    TRY(onnx_const_scalar(ctx, type, -INFINITY, &args[2]));
    return onnx_make(ctx, "Select", args, 3, NULL, 0, out);
}

static pinot_status add_bias(struct onnx_import * ctx, pinot_output_ref * bias, pinot_output_ref term) {
    if (bias->node == NULL) {
        *bias = term;
        return PINOT_STATUS_OK;
    }
    return onnx_binary(ctx, "Add", *bias, term, bias);
}

/* softmax(Q K^T * scale + mask) V, decomposed like ONNX's reference: 3-D inputs are split into heads,
 * past K/V are concatenated, KV heads repeat for grouped-query attention, softcap precedes the mask. */
ONNX_TRANSLATOR(onnx_tr_attention) {
    TRY(need_inputs(ctx, in, n, 3));
    pinot_output_ref q = in[0], k = in[1], v = in[2], none = {NULL, 0};
    pinot_output_ref mask = n > 3 ? in[3] : none, past_k = n > 4 ? in[4] : none, past_v = n > 5 ? in[5] : none;
    pinot_output_ref nonpad = n > 6 ? in[6] : none;
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, q, &rank));
    pinot_dtype type = onnx_type_of(q);
    if (rank == 3) {
        int64_t q_heads = onnx_attr_int(node, "q_num_heads", 0), kv_heads = onnx_attr_int(node, "kv_num_heads", 0);
        if (q_heads <= 0 || kv_heads <= 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "3-D inputs need q_num_heads and kv_num_heads");
        }
        TRY(split_heads(ctx, q, q_heads, &q));
        TRY(split_heads(ctx, k, kv_heads, &k));
        TRY(split_heads(ctx, v, kv_heads, &v));
    } else if (rank != 4) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "Q must be 3-D or 4-D (got rank %d)", rank);
    }
    int64_t head_size = onnx_static_dim(q, 3);
    const struct onnx_attribute * scale_attr = onnx_attr(node, "scale");
    if (scale_attr == NULL && head_size < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs a static head size or a scale");
    }
    double scale = scale_attr != NULL ? scale_attr->f : 1.0 / sqrt((double)head_size);
    /* KV cache. */
    pinot_attr concat_attrs[] = {ATTR_INT("axis", 2)};
    if (past_k.node != NULL) {
        pinot_output_ref pair[2] = {past_k, k};
        TRY(onnx_make(ctx, "Concat", pair, 2, concat_attrs, 1, &k));
    }
    if (past_v.node != NULL) {
        pinot_output_ref pair[2] = {past_v, v};
        TRY(onnx_make(ctx, "Concat", pair, 2, concat_attrs, 1, &v));
    }
    if (node->n_outputs > 1) {
        out[1] = k;
    }
    if (node->n_outputs > 2) {
        out[2] = v;
    }
    TRY(match_kv_heads(ctx, q, &k, &v));
    /* Scores. */
    pinot_output_ref scores, scaled_q;
    TRY(onnx_binary_scalar(ctx, "Multiply", q, scale, &scaled_q));
    pinot_output_ref mm_args[2] = {scaled_q, k};
    pinot_attr mm_attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", true)};
    TRY(onnx_make(ctx, "MatMul", mm_args, 2, mm_attrs, 2, &scores));
    double softcap = onnx_attr_float(node, "softcap", 0.0);
    if (softcap > 0.0) {
        TRY(onnx_binary_scalar(ctx, "Divide", scores, softcap, &scores));
        TRY(onnx_unary(ctx, "Tanh", scores, &scores));
        TRY(onnx_binary_scalar(ctx, "Multiply", scores, softcap, &scores));
    }
    pinot_output_ref capped = scores;
    /* Additive bias: the mask (bool -> 0 / -inf, padded with -inf up to the total length), causal, padding. */
    pinot_output_ref bias = none, total;
    TRY(onnx_dim_of(ctx, k, 2, &total));
    if (mask.node != NULL) {
        if (onnx_type_of(mask) == PINOT_DTYPE_BOOLEAN) {
            TRY(mask_bias(ctx, mask, type, &mask));
        }
        int64_t mask_len = onnx_static_dim(mask, -1), kv_len = onnx_static_dim(k, 2);
        int32_t mask_rank = 0;
        TRY(onnx_static_rank(ctx, mask, &mask_rank));
        if (mask_len >= 0 && kv_len > mask_len) {
            int64_t begin[PINOT_MAX_RANK] = {0}, end[PINOT_MAX_RANK] = {0};
            end[mask_rank - 1] = kv_len - mask_len;
            pinot_output_ref args[4] = {mask};
            TRY(onnx_const_i64(ctx, begin, (uint32_t)mask_rank, false, &args[1]));
            TRY(onnx_const_i64(ctx, end, (uint32_t)mask_rank, false, &args[2]));
            TRY(onnx_const_scalar(ctx, onnx_type_of(mask), -INFINITY, &args[3]));
            pinot_attr attrs[] = {ATTR_STR("pad_mode", "constant")};
            TRY(onnx_make(ctx, "Pad", args, 4, attrs, 1, &mask));
        }
        TRY(add_bias(ctx, &bias, mask));
    }
    if (onnx_attr_int(node, "is_causal", 0) != 0) {
        /* -inf where col > row + past length. */
        pinot_output_ref rows, offsets, past_len, allowed, causal;
        TRY(onnx_dim_of(ctx, q, 2, &rows));
        TRY(onnx_diagonal_offsets(ctx, rows, total, &offsets));
        if (past_k.node != NULL) {
            TRY(onnx_dim_of(ctx, past_k, 2, &past_len));
        } else {
            int64_t zero = 0;
            TRY(onnx_const_i64(ctx, &zero, 1, true, &past_len));
        }
        TRY(onnx_binary(ctx, "LessEqual", offsets, past_len, &allowed));
        TRY(mask_bias(ctx, allowed, type, &causal));
        TRY(add_bias(ctx, &bias, causal));
    }
    if (nonpad.node != NULL) {
        /* -inf at kv positions >= nonpad_kv_seqlen[b], as [B, 1, 1, L]. */
        pinot_output_ref positions, lengths, valid, padding, args[2];
        TRY(onnx_iota(ctx, total, &positions));
        TRY(onnx_convert(ctx, nonpad, PINOT_DTYPE_I64, &lengths));
        int64_t shape[4] = {-1, 1, 1, 1};
        args[0] = lengths;
        TRY(onnx_const_i64(ctx, shape, 4, false, &args[1]));
        pinot_attr attrs[] = {ATTR_BOOL("special_zero", false)};
        TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &lengths));
        TRY(onnx_binary(ctx, "Less", positions, lengths, &valid));
        TRY(mask_bias(ctx, valid, type, &padding));
        TRY(add_bias(ctx, &bias, padding));
    }
    if (bias.node != NULL) {
        TRY(onnx_binary(ctx, "Add", scores, bias, &scores));
    }
    pinot_output_ref with_bias = scores, probs;
    const struct onnx_attribute * precision = onnx_attr(node, "softmax_precision");
    if (precision != NULL) {
        pinot_dtype softmax_type;
        pinot_status status = onnx_dtype_to_pinot((int32_t)precision->i, &softmax_type);
        if (status != PINOT_STATUS_OK) {
            return onnx_error(ctx, status, "unsupported softmax_precision %lld", (long long)precision->i);
        }
        TRY(onnx_convert(ctx, scores, softmax_type, &scores));
    }
    pinot_attr softmax_attrs[] = {ATTR_INT("axis", -1)};
    TRY(onnx_make(ctx, "Softmax", &scores, 1, softmax_attrs, 1, &probs));
    TRY(onnx_convert(ctx, probs, type, &probs));
    if (node->n_outputs > 3) {
        int64_t mode = onnx_attr_int(node, "qk_matmul_output_mode", 0);
        out[3] = mode == 2 ? with_bias : mode == 3 ? probs : capped;
    }
    pinot_output_ref y;
    mm_args[0] = probs;
    mm_args[1] = v;
    pinot_attr plain_mm[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", false)};
    TRY(onnx_make(ctx, "MatMul", mm_args, 2, plain_mm, 2, &y));
    if (rank == 3) {
        int64_t perm[4] = {0, 2, 1, 3}, shape[3] = {0, 0, -1};
        pinot_output_ref args[2] = {y};
        TRY(onnx_const_i64(ctx, perm, 4, false, &args[1]));
        TRY(onnx_make(ctx, "Transpose", args, 2, NULL, 0, &args[0]));
        TRY(onnx_const_i64(ctx, shape, 3, false, &args[1]));
        pinot_attr attrs[] = {ATTR_BOOL("special_zero", true)};
        TRY(onnx_make(ctx, "Reshape", args, 2, attrs, 1, &y));
    }
    out[0] = y;
    return PINOT_STATUS_OK;
}

/* ---- RotaryEmbedding (opset 23) ---- */

static pinot_status concat_last(struct onnx_import * ctx, pinot_output_ref a, pinot_output_ref b,
                                pinot_output_ref * out) {
    pinot_output_ref pair[2] = {a, b};
    pinot_attr attrs[] = {ATTR_INT("axis", -1)};
    return onnx_make(ctx, "Concat", pair, 2, attrs, 1, out);
}

/* Rotate the first rotary_embedding_dim features of each head by the cached cos/sin (halves, or
 * even/odd pairs when interleaved), on a [B, S, H, D] view of the input. */
ONNX_TRANSLATOR(onnx_tr_rotary_embedding) {
    TRY(need_inputs(ctx, in, n, 3));
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, in[0], &rank));
    pinot_output_ref x = in[0], cos = in[1], sin = in[2], args[2];
    int64_t perm[4] = {0, 2, 1, 3};
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", true)};
    if (rank == 4) {
        args[0] = x;
        TRY(onnx_const_i64(ctx, perm, 4, false, &args[1]));
        TRY(onnx_make(ctx, "Transpose", args, 2, NULL, 0, &x));
    } else if (rank == 3) {
        int64_t heads = onnx_attr_int(node, "num_heads", 0);
        if (heads <= 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "3-D inputs need num_heads");
        }
        int64_t shape[4] = {0, 0, heads, -1};
        args[0] = x;
        TRY(onnx_const_i64(ctx, shape, 4, false, &args[1]));
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &x));
    } else {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the input must be 3-D or 4-D (got rank %d)", rank);
    }
    int64_t head_size = onnx_static_dim(x, 3);
    if (head_size < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs a static head size");
    }
    int64_t rot = onnx_attr_int(node, "rotary_embedding_dim", 0);
    rot = rot > 0 ? rot : head_size;
    bool interleaved = onnx_attr_int(node, "interleaved", 0) != 0;
    if (n > 3 && in[3].node != NULL) {
        int64_t zero = 0;
        pinot_output_ref gather_args[3] = {cos, in[3]};
        TRY(onnx_const_i64(ctx, &zero, 1, true, &gather_args[2]));
        TRY(onnx_make(ctx, "Gather", gather_args, 3, NULL, 0, &cos));
        gather_args[0] = sin;
        TRY(onnx_make(ctx, "Gather", gather_args, 3, NULL, 0, &sin));
    }
    int64_t head_axis = 2;
    args[0] = cos;
    TRY(onnx_const_i64(ctx, &head_axis, 1, false, &args[1]));
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &cos));
    args[0] = sin;
    TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &sin));
    pinot_output_ref x_rot = x, x1, x2, a, b, real, imag, y;
    if (rot < head_size) {
        TRY(onnx_slice_axis(ctx, x, 0, rot, 1, -1, &x_rot));
    }
    if (interleaved) {
        TRY(onnx_slice_axis(ctx, x_rot, 0, rot, 2, -1, &x1));
        TRY(onnx_slice_axis(ctx, x_rot, 1, rot, 2, -1, &x2));
    } else {
        TRY(onnx_slice_axis(ctx, x_rot, 0, rot / 2, 1, -1, &x1));
        TRY(onnx_slice_axis(ctx, x_rot, rot / 2, rot, 1, -1, &x2));
    }
    TRY(onnx_binary(ctx, "Multiply", cos, x1, &a));
    TRY(onnx_binary(ctx, "Multiply", sin, x2, &b));
    TRY(onnx_binary(ctx, "Subtract", a, b, &real));
    TRY(onnx_binary(ctx, "Multiply", sin, x1, &a));
    TRY(onnx_binary(ctx, "Multiply", cos, x2, &b));
    TRY(onnx_binary(ctx, "Add", a, b, &imag));
    if (interleaved) {
        int64_t last = -1, shape[4] = {0, 0, 0, rot};
        args[0] = real;
        TRY(onnx_const_i64(ctx, &last, 1, false, &args[1]));
        TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &real));
        args[0] = imag;
        TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &imag));
        TRY(concat_last(ctx, real, imag, &args[0]));
        TRY(onnx_const_i64(ctx, shape, 4, false, &args[1]));
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &y));
    } else {
        TRY(concat_last(ctx, real, imag, &y));
    }
    if (rot < head_size) {
        pinot_output_ref pass;
        TRY(onnx_slice_axis(ctx, x, rot, head_size, 1, -1, &pass));
        TRY(concat_last(ctx, y, pass, &y));
    }
    if (rank == 4) {
        args[0] = y;
        TRY(onnx_const_i64(ctx, perm, 4, false, &args[1]));
        return onnx_make(ctx, "Transpose", args, 2, NULL, 0, &out[0]);
    }
    int64_t shape[3] = {0, 0, -1};
    args[0] = y;
    TRY(onnx_const_i64(ctx, shape, 3, false, &args[1]));
    return onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &out[0]);
}

/* CausalConvWithState (opset 27): depthwise conv1d over [past_state (or k-1 zeros), input], optional
 * bias and SiLU; present_state is the last k-1 steps of the padded input. */
ONNX_TRANSLATOR(onnx_tr_causal_conv_with_state) {
    TRY(need_inputs(ctx, in, n, 2));
    int64_t channels = onnx_static_dim(in[1], 0), k = onnx_static_dim(in[1], 2);
    if (channels < 0 || k < 1) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs static weights [C, 1, k]");
    }
    char buf[16];
    const char * activation = onnx_attr_string(node, "activation", "none", buf, sizeof(buf));
    bool silu = strcmp(activation, "silu") == 0 || strcmp(activation, "swish") == 0;
    if (!silu && strcmp(activation, "none") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "unsupported activation '%s'", activation);
    }
    pinot_output_ref padded, weights, y, past = onnx_optional_input(in, n, 3), args[4];
    if (past.node != NULL) {
        pinot_output_ref pair[2] = {past, in[0]};
        pinot_attr attrs[] = {ATTR_INT("axis", 2)};
        TRY(onnx_make(ctx, "Concat", pair, 2, attrs, 1, &padded));
    } else {
        int64_t begin[3] = {0, 0, k - 1}, end[3] = {0, 0, 0};
        args[0] = in[0];
        TRY(onnx_const_i64(ctx, begin, 3, false, &args[1]));
        TRY(onnx_const_i64(ctx, end, 3, false, &args[2]));
        TRY(onnx_const_scalar(ctx, onnx_type_of(in[0]), 0.0, &args[3]));
        pinot_attr attrs[] = {ATTR_STR("pad_mode", "constant")};
        TRY(onnx_make(ctx, "Pad", args, 4, attrs, 1, &padded));
    }
    int64_t shape[4] = {channels, 1, 1, k}, one = 1, zero = 0;
    args[0] = in[1];
    TRY(onnx_const_i64(ctx, shape, 4, false, &args[1]));
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &weights));
    pinot_attr conv_attrs[] = {ATTR_INTS("strides", &one, 1), ATTR_INTS("dilations", &one, 1),
                               ATTR_INTS("pads_begin", &zero, 1), ATTR_INTS("pads_end", &zero, 1),
                               ATTR_STR("auto_pad", "explicit")};
    args[0] = padded;
    args[1] = weights;
    TRY(onnx_make(ctx, "GroupConvolution", args, 2, conv_attrs, 5, &y));
    pinot_output_ref bias = onnx_optional_input(in, n, 2);
    if (bias.node != NULL) {
        int64_t bias_shape[3] = {1, -1, 1};
        args[0] = bias;
        TRY(onnx_const_i64(ctx, bias_shape, 3, false, &args[1]));
        TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &bias));
        TRY(onnx_binary(ctx, "Add", y, bias, &y));
    }
    if (silu) {
        TRY(onnx_make(ctx, "Swish", &y, 1, NULL, 0, &y));
    }
    out[0] = y;
    if (node->n_outputs > 1) {
        TRY(onnx_slice_axis(ctx, padded, k > 1 ? -(k - 1) : INT64_MAX, INT64_MAX, 1, 2, &out[1]));
    }
    return PINOT_STATUS_OK;
}

/* ---- FlexAttention (ai.onnx.preview 1) ---- */

/* Apply the optional modifier subgraph @p name (one rank-4 input, one output) to x, inlined into
 * the graph; its result is taken in `type`, as the reference does. */
static pinot_status apply_mod(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                              pinot_dtype type, pinot_output_ref * x) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    if (a == NULL) {
        return PINOT_STATUS_OK;
    }
    if (a->type != ONNX_ATTR_GRAPH || a->g == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute %s must be a graph", name);
    }
    if (a->g->n_inputs != 1 || a->g->n_outputs != 1) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "%s graph '%s' must have exactly 1 input and 1 output (it has %u inputs, %u outputs)",
                          name, a->g->name, a->g->n_inputs, a->g->n_outputs);
    }
    pinot_output_ref y;
    TRY(onnx_import_inline(ctx, a->g, x, 1, &y, 1));
    return onnx_convert(ctx, y, type, x);
}

/* softmax(score_mod(Q K^T * scale)), prob_mod'ed, times V, as ONNX's reference computes it: Q and K
 * are each pre-scaled by sqrt(scale) in their type, scores are then taken to the softmax precision
 * (f32 for f16/bf16 inputs unless softmax_precision says otherwise), KV heads repeat for GQA. */
ONNX_TRANSLATOR(onnx_tr_flex_attention) {
    TRY(need_inputs(ctx, in, n, 3));
    pinot_output_ref q = in[0], k = in[1], v = in[2];
    static const char * const names[3] = {"Q", "K", "V"};
    for (int i = 0; i < 3; i++) {
        int32_t rank = 0;
        TRY(onnx_static_rank(ctx, in[i], &rank));
        if (rank != 4) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "%s must be 4-D (got rank %d)", names[i], rank);
        }
    }
    pinot_dtype type = onnx_type_of(q), softmax_type = type;
    if (type == PINOT_DTYPE_F16 || type == PINOT_DTYPE_BF16) {
        softmax_type = PINOT_DTYPE_F32;
    }
    const struct onnx_attribute * precision = onnx_attr(node, "softmax_precision");
    if (precision != NULL) {
        pinot_status status = onnx_dtype_to_pinot((int32_t)precision->i, &softmax_type);
        if (status != PINOT_STATUS_OK || (softmax_type != PINOT_DTYPE_F32 && softmax_type != PINOT_DTYPE_F16 &&
                                          softmax_type != PINOT_DTYPE_BF16 && softmax_type != PINOT_DTYPE_F64)) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "unsupported softmax_precision %lld",
                              (long long)precision->i);
        }
    }
    int64_t head_size = onnx_static_dim(q, 3);
    const struct onnx_attribute * scale_attr = onnx_attr(node, "scale");
    if (scale_attr == NULL && head_size < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs a static head size or a scale");
    }
    double scale = scale_attr != NULL ? scale_attr->f : 1.0 / sqrt((double)head_size);
    TRY(match_kv_heads(ctx, q, &k, &v));
    /* The reference rounds sqrt(scale) to f32, then to the input type. */
    double sqrt_scale = (double)sqrtf((float)scale);
    pinot_output_ref scores, mm_args[2];
    TRY(onnx_binary_scalar(ctx, "Multiply", q, sqrt_scale, &mm_args[0]));
    TRY(onnx_binary_scalar(ctx, "Multiply", k, sqrt_scale, &mm_args[1]));
    pinot_attr mm_attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", true)};
    TRY(onnx_make(ctx, "MatMul", mm_args, 2, mm_attrs, 2, &scores));
    TRY(onnx_convert(ctx, scores, softmax_type, &scores));
    TRY(apply_mod(ctx, node, "score_mod", softmax_type, &scores));
    pinot_output_ref probs, y;
    pinot_attr softmax_attrs[] = {ATTR_INT("axis", -1)};
    TRY(onnx_make(ctx, "Softmax", &scores, 1, softmax_attrs, 1, &probs));
    TRY(apply_mod(ctx, node, "prob_mod", softmax_type, &probs));
    TRY(onnx_convert(ctx, v, softmax_type, &mm_args[1]));
    mm_args[0] = probs;
    pinot_attr pv_attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", false)};
    TRY(onnx_make(ctx, "MatMul", mm_args, 2, pv_attrs, 2, &y));
    return onnx_convert(ctx, y, onnx_type_of(in[2]), &out[0]);
}

/* ONNX translator for LinearAttention (opset 27): the recurrent gated / delta-rule linear attention.
 * The delta rule reads the state it updates token by token, which no OpenVINO op sequence expresses
 * without a loop, so it maps onto Pinot's own LinearAttention op (src/ops/linear-attention.c). Row in
 * onnx-ops.c. */
#include <stdio.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"

/* Zeros [B, kv_heads, dk, dv] in q's type, B taken from q at run time. */
static pinot_status zero_state(struct onnx_import * ctx, pinot_output_ref q, int64_t kv_heads, int64_t dk,
                               int64_t dv, pinot_output_ref * out) {
    pinot_output_ref batch, rest, shape, args[2];
    TRY(onnx_dim_of(ctx, q, 0, &batch));
    int64_t one = 1, tail[3] = {kv_heads, dk, dv};
    args[0] = batch;
    TRY(onnx_const_i64(ctx, &one, 1, false, &args[1]));
    pinot_attr reshape_attrs[] = {ATTR_BOOL("special_zero", false)};
    TRY(onnx_make(ctx, "Reshape", args, 2, reshape_attrs, 1, &batch));
    TRY(onnx_const_i64(ctx, tail, 3, false, &rest));
    args[0] = batch;
    args[1] = rest;
    pinot_attr concat_attrs[] = {ATTR_INT("axis", 0)};
    TRY(onnx_make(ctx, "Concat", args, 2, concat_attrs, 1, &shape));
    TRY(onnx_const_scalar(ctx, onnx_type_of(q), 0.0, &args[0]));
    args[1] = shape;
    pinot_attr broadcast_attrs[] = {ATTR_STR("mode", "numpy")};
    return onnx_make(ctx, "Broadcast", args, 2, broadcast_attrs, 1, out);
}

ONNX_TRANSLATOR(onnx_tr_linear_attention) {
    TRY(need_inputs(ctx, in, n, 3));
    pinot_output_ref past = onnx_optional_input(in, n, 3), decay = onnx_optional_input(in, n, 4),
                     beta = onnx_optional_input(in, n, 5);
    int64_t q_heads = onnx_attr_int(node, "q_num_heads", 0), kv_heads = onnx_attr_int(node, "kv_num_heads", 0);
    if (q_heads <= 0 || kv_heads <= 0 || q_heads % kv_heads != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "q_num_heads (%lld) must be a positive multiple of kv_num_heads (%lld)",
                          (long long)q_heads, (long long)kv_heads);
    }
    char buf[32];
    const char * rule = onnx_attr_string(node, "update_rule", "gated_delta", buf, sizeof(buf));
    bool gated = strcmp(rule, "gated") == 0 || strcmp(rule, "gated_delta") == 0;
    bool delta = strcmp(rule, "delta") == 0 || strcmp(rule, "gated_delta") == 0;
    if (!gated && !delta && strcmp(rule, "linear") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "update_rule must be 'linear', 'gated', 'delta' or 'gated_delta' (got '%s')", rule);
    }
    if (gated != (decay.node != NULL)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "update_rule '%s' %s the decay input", rule,
                          gated ? "requires" : "forbids");
    }
    if (delta != (beta.node != NULL)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "update_rule '%s' %s the beta input", rule,
                          delta ? "requires" : "forbids");
    }
    if (past.node == NULL) {
        /* The op needs a state: start from zeros in the query's type (ONNX's present_state type then). */
        int64_t q_width = onnx_static_dim(in[0], -1), v_width = onnx_static_dim(in[2], -1);
        if (q_width < 0 || v_width < 0) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "without past_state, query and value need static last dimensions");
        }
        if (q_width % q_heads != 0 || v_width % kv_heads != 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                              "query / value widths (%lld, %lld) do not divide into q / kv heads",
                              (long long)q_width, (long long)v_width);
        }
        TRY(zero_state(ctx, in[0], kv_heads, q_width / q_heads, v_width / kv_heads, &past));
    }
    pinot_output_ref args[6] = {in[0], in[1], in[2], past};
    uint32_t count = 4;
    if (gated) {
        args[count++] = decay;
    }
    if (delta) {
        args[count++] = beta;
    }
    pinot_attr attrs[] = {ATTR_INT("q_num_heads", q_heads), ATTR_INT("kv_num_heads", kv_heads),
                          ATTR_FLOAT("scale", onnx_attr_float(node, "scale", 0.0)), ATTR_STR("update_rule", rule)};
    pinot_node_t * op = NULL;
    TRY(onnx_make_node(ctx, "LinearAttention", args, count, attrs, 4, &op));
    out[0] = (pinot_output_ref){op, 0};
    if (node->n_outputs > 1) {
        out[1] = (pinot_output_ref){op, 1};
    }
    return PINOT_STATUS_OK;
}

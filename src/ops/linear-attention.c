/* LinearAttention-1: the recurrent (gated / delta-rule) linear attention of ONNX's LinearAttention-27.
 * There is no OpenVINO equivalent: this is a Pinot op, kept because the recurrence over the sequence
 * axis (the delta rule reads the state it is updating) does not decompose without control flow.
 *
 * Inputs, in ONNX's packed layout:
 *   query [B, T, Hq*dk], key [B, T, Hkv*dk], value [B, T, Hkv*dv], past_state [B, Hkv, dk, dv],
 *   then decay [B, T, Hkv] or [B, T, Hkv*dk] (update_rule gated, gated_delta), then
 *   beta [B, T, Hkv] or [B, T, 1] (update_rule delta, gated_delta).
 * Unlike ONNX, past_state is required (the ONNX frontend passes zeros when it is absent) and the
 * update rule fixes which of decay / beta follow it.
 * Outputs: output [B, T, Hq*dv] (query's type), present_state [B, Hkv, dk, dv] (past_state's type).
 *
 * Per token t, with g the log-decay and b the update rate, for each KV head:
 *   gated:  S *= exp(g);  delta: v <- b (v - S^T k);  S += k (x) v;  o = scale * q^T S
 * and each KV head's state serves Hq / Hkv consecutive query heads (grouped-query attention).
 * The kernel accumulates in double, like ONNX's reference does in float32. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

enum { RULE_LINEAR, RULE_GATED, RULE_DELTA, RULE_GATED_DELTA };

static const char * const update_rule_values[] = {"linear", "gated", "delta", "gated_delta", NULL};

struct linear_attention_attrs {
    int64_t q_num_heads;
    int64_t kv_num_heads;
    double scale; /* 0: 1 / sqrt(dk) */
    int32_t update_rule;
};

static const struct pinot_attr_desc linear_attention_attr_descs[] = {
    PINOT_ATTR(struct linear_attention_attrs, q_num_heads, "q_num_heads", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct linear_attention_attrs, kv_num_heads, "kv_num_heads", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct linear_attention_attrs, scale, "scale", PINOT_ATTR_FLOAT, false, "0"),
    PINOT_ATTR_ENUM_OF(struct linear_attention_attrs, update_rule, "update_rule", update_rule_values, "gated_delta"),
    PINOT_ATTR_END,
};

static bool rule_has_decay(int32_t rule) {
    return rule == RULE_GATED || rule == RULE_GATED_DELTA;
}

static bool rule_has_beta(int32_t rule) {
    return rule == RULE_DELTA || rule == RULE_GATED_DELTA;
}

/* n / heads when the dim is static (and divides), else dynamic; false if it does not divide. */
static bool per_head(pinot_dim d, int64_t heads, pinot_dim * out) {
    if (!pinot_dim_is_static(d)) {
        *out = pinot_dim_dynamic();
        return true;
    }
    if (d.min % heads != 0) {
        return false;
    }
    *out = pinot_dim_static(d.min / heads);
    return true;
}

static pinot_status linear_attention_validate(struct pinot_node * node) {
    const struct linear_attention_attrs * attrs = PINOT_ATTRS(node, struct linear_attention_attrs);
    int64_t hq = attrs->q_num_heads, hkv = attrs->kv_num_heads;
    if (hq <= 0 || hkv <= 0 || hq % hkv != 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "q_num_heads (%lld) must be a positive multiple of kv_num_heads (%lld).",
                                (long long)hq, (long long)hkv);
    }
    int32_t rule = attrs->update_rule;
    uint32_t expected = 4 + (rule_has_decay(rule) ? 1 : 0) + (rule_has_beta(rule) ? 1 : 0);
    if (node->n_inputs != expected) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "update_rule '%s' takes %u inputs (got %u).", update_rule_values[rule], expected,
                                node->n_inputs);
    }
    uint32_t decay_index = rule_has_decay(rule) ? 4 : 0, beta_index = rule_has_beta(rule) ? expected - 1 : 0;
    /* query, key, value, decay and beta share the activation type; the state has its own. */
    pinot_dtype type = pinot_node_input_type(node, 0);
    for (uint32_t i = 1; i < node->n_inputs; i++) {
        pinot_dtype t = pinot_node_input_type(node, i);
        if (i != 3 && !pinot_dtype_merge(type, t, &type)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Mixed input types are not supported (input %u is %s, expected %s).", i,
                                    pinot_dtype_name(t), pinot_dtype_name(type));
        }
    }
    pinot_dtype state_type = pinot_node_input_type(node, 3);
    bool real = pinot_dtype_get_info(type)->is_real || type == PINOT_DTYPE_DYNAMIC;
    bool state_real = pinot_dtype_get_info(state_type)->is_real || state_type == PINOT_DTYPE_DYNAMIC;
    if (!real || !state_real) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The inputs and the state must be floating-point (got %s and %s).",
                                pinot_dtype_name(type), pinot_dtype_name(state_type));
    }
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        const pinot_partial_shape * s = pinot_node_input_shape(node, i);
        int32_t want = i == 3 ? 4 : 3;
        if (s->rank >= 0 && s->rank != want) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input %u must have rank %d (got %d).", i,
                                    want, (int)s->rank);
        }
    }
    /* B and T from every packed input; dk from query and key, dv from value. */
    pinot_dim b = pinot_dim_dynamic(), t = pinot_dim_dynamic(), dk = pinot_dim_dynamic(), dv = pinot_dim_dynamic();
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        const pinot_partial_shape * s = pinot_node_input_shape(node, i);
        if (s->rank < 0) {
            continue;
        }
        bool ok = pinot_dim_merge(b, s->dims[0], &b);
        if (i != 3) {
            ok = ok && pinot_dim_merge(t, s->dims[1], &t);
        }
        pinot_dim d;
        if (i == 0 || i == 1) {
            ok = ok && per_head(s->dims[2], i == 0 ? hq : hkv, &d) && pinot_dim_merge(dk, d, &dk);
        } else if (i == 2) {
            ok = ok && per_head(s->dims[2], hkv, &d) && pinot_dim_merge(dv, d, &dv);
        } else if (i == 3) {
            ok = ok && pinot_dim_merge(s->dims[1], pinot_dim_static(hkv), &d) && pinot_dim_merge(dk, s->dims[2], &dk) &&
                 pinot_dim_merge(dv, s->dims[3], &dv);
        }
        if (!ok) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Input %u's shape does not match the others (B, T, heads * head size).", i);
        }
    }
    if (decay_index != 0) {
        const pinot_partial_shape * s = pinot_node_input_shape(node, decay_index);
        bool known = s->rank == 3 && pinot_dim_is_static(s->dims[2]) && pinot_dim_is_static(dk);
        if (known && s->dims[2].min != hkv && s->dims[2].min != hkv * dk.min) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "decay's last dimension must be kv_num_heads or kv_num_heads * dk.");
        }
    }
    if (beta_index != 0) {
        const pinot_partial_shape * s = pinot_node_input_shape(node, beta_index);
        if (s->rank == 3 && pinot_dim_is_static(s->dims[2]) && s->dims[2].min != hkv && s->dims[2].min != 1) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "beta's last dimension must be kv_num_heads or 1.");
        }
    }
    pinot_status status = pinot_node_set_output_count(node, 2);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_partial_shape out = {.rank = 3};
    out.dims[0] = b;
    out.dims[1] = t;
    out.dims[2] = pinot_dim_is_static(dv) ? pinot_dim_static(dv.min * hq) : pinot_dim_dynamic();
    pinot_node_set_output(node, 0, type, &out);
    pinot_partial_shape state = {.rank = 4};
    state.dims[0] = b;
    state.dims[1] = pinot_dim_static(hkv);
    state.dims[2] = dk;
    state.dims[3] = dv;
    pinot_node_set_output(node, 1, state_type, &state);
    return PINOT_STATUS_OK;
}

static pinot_status linear_attention_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                              pinot_tensor_t * const * outputs) {
    const struct linear_attention_attrs * attrs = PINOT_ATTRS(node, struct linear_attention_attrs);
    int32_t rule = attrs->update_rule;
    int64_t hq = attrs->q_num_heads, hkv = attrs->kv_num_heads, group = hq / hkv;
    const pinot_shape * qs = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * ks = pinot_tensor_get_shape(inputs[1]);
    const pinot_shape * vs = pinot_tensor_get_shape(inputs[2]);
    const pinot_shape * ss = pinot_tensor_get_shape(inputs[3]);
    if (qs->rank != 3 || ks->rank != 3 || vs->rank != 3 || ss->rank != 4) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "query, key and value must be 3-D and past_state 4-D");
    }
    int64_t b = qs->dims[0], t = qs->dims[1], dk = qs->dims[2] / hq, dv = vs->dims[2] / hkv;
    bool ok = qs->dims[2] % hq == 0 && vs->dims[2] % hkv == 0 && ks->dims[0] == b && ks->dims[1] == t &&
              ks->dims[2] == hkv * dk && vs->dims[0] == b && vs->dims[1] == t && ss->dims[0] == b &&
              ss->dims[1] == hkv && ss->dims[2] == dk && ss->dims[3] == dv;
    /* decay: per-head (stride 0 over dk) or per key dim; beta: per head or one for all heads. */
    int64_t decay_width = 0, beta_width = 0;
    const pinot_tensor_t * decay = rule_has_decay(rule) ? inputs[4] : NULL;
    const pinot_tensor_t * beta = rule_has_beta(rule) ? inputs[node->n_inputs - 1] : NULL;
    if (decay != NULL) {
        const pinot_shape * s = pinot_tensor_get_shape(decay);
        decay_width = s->rank == 3 ? s->dims[2] : -1;
        ok = ok && s->rank == 3 && s->dims[0] == b && s->dims[1] == t &&
             (decay_width == hkv || decay_width == hkv * dk);
    }
    if (beta != NULL) {
        const pinot_shape * s = pinot_tensor_get_shape(beta);
        beta_width = s->rank == 3 ? s->dims[2] : -1;
        ok = ok && s->rank == 3 && s->dims[0] == b && s->dims[1] == t && (beta_width == hkv || beta_width == 1);
    }
    if (!ok) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "input shapes do not match q_num_heads=%lld, kv_num_heads=%lld", (long long)hq,
                                     (long long)hkv);
    }
    pinot_shape out_shape = {.rank = 3, .dims = {b, t, hq * dv}};
    pinot_status status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[1], ss);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    double scale = attrs->scale != 0.0 ? attrs->scale : 1.0 / sqrt((double)dk);
    pinot_dtype q_type = pinot_tensor_get_type(inputs[0]), k_type = pinot_tensor_get_type(inputs[1]);
    pinot_dtype v_type = pinot_tensor_get_type(inputs[2]), state_type = pinot_tensor_get_type(inputs[3]);
    pinot_dtype g_type = decay != NULL ? pinot_tensor_get_type(decay) : q_type;
    pinot_dtype b_type = beta != NULL ? pinot_tensor_get_type(beta) : q_type;
    pinot_dtype out_type = pinot_tensor_get_type(outputs[0]);
    const void * qd = pinot_tensor_get_data(inputs[0]);
    const void * kd = pinot_tensor_get_data(inputs[1]);
    const void * vd = pinot_tensor_get_data(inputs[2]);
    const void * sd = pinot_tensor_get_data(inputs[3]);
    const void * gd = decay != NULL ? pinot_tensor_get_data(decay) : NULL;
    const void * bd = beta != NULL ? pinot_tensor_get_data(beta) : NULL;
    void * od = pinot_tensor_get_data(outputs[0]);
    void * psd = pinot_tensor_get_data(outputs[1]);
    /* One KV head's state [dk, dv], then k_t [dk] and v_t [dv]. */
    size_t work_size = (size_t)(dk * dv + dk + dv);
    double * state = malloc(sizeof(double) * (work_size > 0 ? work_size : 1));
    if (state == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in LinearAttention");
    }
    double * kt = state + dk * dv;
    double * vt = kt + dk;
    for (int64_t bi = 0; bi < b; bi++) {
        for (int64_t h = 0; h < hkv; h++) {
            uint64_t state_base = (uint64_t)((bi * hkv + h) * dk * dv);
            for (int64_t i = 0; i < dk * dv; i++) {
                state[i] = pinot_ref_load_f64(state_type, sd, state_base + (uint64_t)i);
            }
            for (int64_t ti = 0; ti < t; ti++) {
                uint64_t row = (uint64_t)(bi * t + ti);
                for (int64_t d = 0; d < dk; d++) {
                    kt[d] = pinot_ref_load_f64(k_type, kd, row * (uint64_t)(hkv * dk) + (uint64_t)(h * dk + d));
                }
                for (int64_t m = 0; m < dv; m++) {
                    vt[m] = pinot_ref_load_f64(v_type, vd, row * (uint64_t)(hkv * dv) + (uint64_t)(h * dv + m));
                }
                if (gd != NULL) {
                    /* S *= exp(g), g per key dim (rows of S) or one per head. */
                    for (int64_t d = 0; d < dk; d++) {
                        uint64_t gi = row * (uint64_t)decay_width +
                                      (uint64_t)(decay_width == hkv ? h : h * dk + d);
                        double factor = exp(pinot_ref_load_f64(g_type, gd, gi));
                        for (int64_t m = 0; m < dv; m++) {
                            state[d * dv + m] *= factor;
                        }
                    }
                }
                if (bd != NULL) {
                    /* v <- beta (v - S^T k), reading the (decayed) state before this token's write. */
                    uint64_t bidx = row * (uint64_t)beta_width + (uint64_t)(beta_width == 1 ? 0 : h);
                    double rate = pinot_ref_load_f64(b_type, bd, bidx);
                    for (int64_t m = 0; m < dv; m++) {
                        double retrieved = 0;
                        for (int64_t d = 0; d < dk; d++) {
                            retrieved += state[d * dv + m] * kt[d];
                        }
                        vt[m] = rate * (vt[m] - retrieved);
                    }
                }
                for (int64_t d = 0; d < dk; d++) {
                    for (int64_t m = 0; m < dv; m++) {
                        state[d * dv + m] += kt[d] * vt[m];
                    }
                }
                /* o = scale * q^T S for each query head sharing this KV head. */
                for (int64_t j = 0; j < group; j++) {
                    int64_t qh = h * group + j;
                    for (int64_t m = 0; m < dv; m++) {
                        double acc = 0;
                        for (int64_t d = 0; d < dk; d++) {
                            acc += pinot_ref_load_f64(q_type, qd, row * (uint64_t)(hq * dk) + (uint64_t)(qh * dk + d)) *
                                   state[d * dv + m];
                        }
                        pinot_ref_store_f64(out_type, od, row * (uint64_t)(hq * dv) + (uint64_t)(qh * dv + m),
                                            scale * acc);
                    }
                }
            }
            for (int64_t i = 0; i < dk * dv; i++) {
                pinot_ref_store_f64(state_type, psd, state_base + (uint64_t)i, state[i]);
            }
        }
    }
    free(state);
    return PINOT_STATUS_OK;
}

static const uint8_t linear_attention_versions[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_linear_attention = {
    .type_name = "LinearAttention",
    .versions = linear_attention_versions,
    .attrs = linear_attention_attr_descs,
    .attrs_size = sizeof(struct linear_attention_attrs),
    .min_inputs = 4,
    .max_inputs = 6,
    .validate = linear_attention_validate,
    .evaluate = linear_attention_evaluate,
};

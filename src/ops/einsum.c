/* Einsum-7: equation parsing (letters plus at most one "..." per subscript,
 * implicit output), diagonals from labels repeated within an input, size-1 and
 * ellipsis broadcasting, shape inference and a reference kernel that sums
 * products over the whole label space. Output subscripts that repeat a label
 * are rejected: OpenVINO accepts them at validation but cannot run them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

#define EINSUM_MAX_SUBSCRIPT 64 /* labels per subscript we store; ranks stop at PINOT_MAX_RANK anyway */
#define EINSUM_MAX_INPUTS 256
#define EINSUM_N_LETTERS 52                                  /* a-z, A-Z */
#define EINSUM_N_IDS (EINSUM_N_LETTERS + PINOT_MAX_RANK)    /* letters, then ellipsis dims */

/* N inputs, each labelled by its subscript ("bij,bjk->bik") -> the output
 * subscript's dims; labels absent from the output are summed over. */

struct einsum_attrs {
    char * equation;
};

static const struct pinot_attr_desc einsum_attr_descs[] = {
    PINOT_ATTR(struct einsum_attrs, equation, "equation", PINOT_ATTR_STRING, true, NULL),
    PINOT_ATTR_END,
};

struct einsum_sub {
    int32_t ellipsis; /* index among the labels where "..." stands, -1 if none */
    uint32_t n;       /* labels, not counting the ellipsis */
    char labels[EINSUM_MAX_SUBSCRIPT];
};

struct einsum_eq {
    uint32_t n_inputs;
    bool any_ellipsis;
    struct einsum_sub in[EINSUM_MAX_INPUTS];
    struct einsum_sub out;
};

static bool is_label(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int label_id(char c) {
    return c >= 'a' ? c - 'a' : 26 + (c - 'A');
}

/* Letters and at most one "..."; false for anything else (spaces included, as in OpenVINO). */
static bool parse_subscript(const char * s, size_t len, struct einsum_sub * sub) {
    sub->ellipsis = -1;
    sub->n = 0;
    for (size_t i = 0; i < len;) {
        if (is_label(s[i])) {
            if (sub->n == EINSUM_MAX_SUBSCRIPT) {
                return false;
            }
            sub->labels[sub->n++] = s[i++];
        } else if (sub->ellipsis < 0 && len - i >= 3 && memcmp(s + i, "...", 3) == 0) {
            sub->ellipsis = (int32_t)sub->n;
            i += 3;
        } else {
            return false;
        }
    }
    return true;
}

static bool sub_has(const struct einsum_sub * sub, char c) {
    return memchr(sub->labels, c, sub->n) != NULL;
}

static int compare_chars(const void * a, const void * b) {
    return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

static pinot_status einsum_parse(const struct pinot_node * node, uint32_t n_inputs, struct einsum_eq * p) {
    const char * eq = PINOT_ATTRS(node, struct einsum_attrs)->equation;
    const char * arrow = strstr(eq, "->");
    const char * lhs_end = arrow != NULL ? arrow : eq + strlen(eq);
    uint32_t count = 0;
    p->any_ellipsis = false;
    for (const char * s = eq;; count++) {
        const char * comma = memchr(s, ',', (size_t)(lhs_end - s));
        const char * end = comma != NULL ? comma : lhs_end;
        struct einsum_sub sub;
        if (!parse_subscript(s, (size_t)(end - s), &sub)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Input subscript of Einsum equation must consist of either only alphabetic "
                                    "letters or alphabetic letters with one ellipsis (got '%.*s' in '%s').",
                                    (int)(end - s), s, eq);
        }
        if (count < EINSUM_MAX_INPUTS) {
            p->in[count] = sub;
        }
        p->any_ellipsis |= sub.ellipsis >= 0;
        if (comma == NULL) {
            count++;
            break;
        }
        s = comma + 1;
    }
    if (count != n_inputs) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Equation must contain a number of subscripts equal to a number of Einsum inputs "
                                "(got %u subscripts in '%s' for %u inputs).",
                                count, eq, n_inputs);
    }
    p->n_inputs = count;
    if (arrow != NULL) {
        const char * rhs = arrow + 2;
        if (!parse_subscript(rhs, strlen(rhs), &p->out)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Output subscript of Einsum equation must consist of either only alphabetic "
                                    "letters or alphabetic letters with one ellipsis (got '%s' in '%s').",
                                    rhs, eq);
        }
        for (uint32_t j = 0; j < p->out.n; j++) {
            bool found = false;
            for (uint32_t i = 0; i < count && !found; i++) {
                found = sub_has(&p->in[i], p->out.labels[j]);
            }
            if (!found) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Label in output subscript of Einsum equation must enter at least one input "
                                        "subscript (got '%c' in '%s').",
                                        p->out.labels[j], eq);
            }
        }
    } else {
        /* Implicit mode, OpenVINO's rule: the labels of each input that no other
         * input uses, sorted (ASCII, so upper case first), after the ellipsis. */
        struct einsum_sub * out = &p->out;
        out->n = 0;
        out->ellipsis = p->any_ellipsis ? 0 : -1;
        for (uint32_t i = 0; i < count; i++) {
            for (uint32_t j = 0; j < p->in[i].n; j++) {
                char c = p->in[i].labels[j];
                bool elsewhere = false;
                for (uint32_t o = 0; o < count && !elsewhere; o++) {
                    elsewhere = o != i && sub_has(&p->in[o], c);
                }
                if (!elsewhere) {
                    if (out->n == EINSUM_MAX_SUBSCRIPT) {
                        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                                "the implicit output of '%s' has too many labels", eq);
                    }
                    out->labels[out->n++] = c;
                }
            }
        }
        qsort(out->labels, out->n, 1, compare_chars);
    }
    for (uint32_t j = 0; j < p->out.n; j++) {
        if (memchr(p->out.labels + j + 1, p->out.labels[j], p->out.n - j - 1) != NULL) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Output subscript of Einsum equation must not repeat a label (got '%c' twice in "
                                    "the %s output of '%s').",
                                    p->out.labels[j], arrow != NULL ? "explicit" : "implicit", eq);
        }
    }
    return PINOT_STATUS_OK;
}

/* The axis of input dims that holds label number j of a subscript. */
static uint32_t label_axis(const struct einsum_sub * sub, uint32_t j, uint32_t ell_rank) {
    return sub->ellipsis >= 0 && j >= (uint32_t)sub->ellipsis ? j + ell_rank : j;
}

static pinot_status einsum_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    for (uint32_t i = 1; i < node->n_inputs; i++) {
        if (!pinot_dtype_merge(type, pinot_node_input_type(node, i), &type)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Inputs to Einsum operation must have the same type (input %u is %s, input 0 "
                                    "is %s).",
                                    i, pinot_dtype_name(pinot_node_input_type(node, i)),
                                    pinot_dtype_name(pinot_node_input_type(node, 0)));
        }
    }
    if (type == PINOT_DTYPE_BOOLEAN || type == PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The input type for Einsum operation must be numeric (got %s).",
                                pinot_dtype_name(type));
    }
    struct einsum_eq * p = malloc(sizeof(*p));
    if (p == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory validating Einsum");
    }
    pinot_status status = einsum_parse(node, node->n_inputs, p);
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }
    pinot_dim dims[128];
    bool known[128] = {false};
    pinot_partial_shape ell = {.rank = 0};
    for (uint32_t i = 0; i < p->n_inputs; i++) {
        const struct einsum_sub * sub = &p->in[i];
        const pinot_partial_shape * shape = pinot_node_input_shape(node, i);
        if (shape->rank < 0) {
            if (sub->ellipsis >= 0) {
                ell.rank = -1;
            }
            continue; /* its labels stay unconstrained */
        }
        bool has_ell = sub->ellipsis >= 0;
        if (has_ell ? (uint32_t)shape->rank < sub->n : (uint32_t)shape->rank != sub->n) {
            status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                      "Input rank must be greater or equal to a number of labels in the "
                                      "corresponding input subscript (input %u has rank %d for %u labels%s).",
                                      i, (int)shape->rank, sub->n, has_ell ? " and an ellipsis" : "");
            goto cleanup;
        }
        uint32_t ell_rank = (uint32_t)shape->rank - sub->n;
        pinot_dim local[128];
        bool seen[128] = {false};
        for (uint32_t j = 0; j < sub->n; j++) {
            unsigned char c = (unsigned char)sub->labels[j];
            pinot_dim d = shape->dims[label_axis(sub, j, ell_rank)];
            if (seen[c] && !pinot_dim_merge(local[c], d, &local[c])) {
                status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                          "Different input dimensions indicated by the repeated labels within single "
                                          "input node for Einsum must be compatible (label '%c' of input %u).",
                                          c, i);
                goto cleanup;
            }
            if (!seen[c]) {
                local[c] = d;
                seen[c] = true;
            }
        }
        for (uint32_t j = 0; j < sub->n; j++) {
            unsigned char c = (unsigned char)sub->labels[j];
            if (!seen[c]) {
                continue; /* already merged */
            }
            seen[c] = false;
            if (known[c] && !pinot_dim_broadcast_merge(dims[c], local[c], &dims[c])) {
                status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                          "Different input dimensions indicated by the same labels for Einsum must "
                                          "be broadcastable (label '%c' of input %u).",
                                          c, i);
                goto cleanup;
            }
            if (!known[c]) {
                dims[c] = local[c];
                known[c] = true;
            }
        }
        if (has_ell && ell.rank >= 0) {
            pinot_partial_shape part = {.rank = (int32_t)ell_rank};
            memcpy(part.dims, shape->dims + sub->ellipsis, sizeof(pinot_dim) * ell_rank);
            if (!pinot_partial_shape_broadcast_merge(&ell, &part, &ell)) {
                status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                          "Input dimensions labeled with ellipsis for Einsum must be broadcastable "
                                          "(input %u).",
                                          i);
                goto cleanup;
            }
        }
    }
    const struct einsum_sub * os = &p->out;
    pinot_partial_shape out = {.rank = 0};
    if (os->ellipsis >= 0 && ell.rank < 0) {
        out.rank = -1;
    } else {
        uint32_t rank = os->n + (os->ellipsis >= 0 ? (uint32_t)ell.rank : 0);
        if (rank > PINOT_MAX_RANK) {
            status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the output rank %u exceeds %d", rank,
                                      PINOT_MAX_RANK);
            goto cleanup;
        }
        for (uint32_t j = 0; j <= os->n; j++) {
            if ((int32_t)j == os->ellipsis) {
                memcpy(out.dims + out.rank, ell.dims, sizeof(pinot_dim) * (size_t)ell.rank);
                out.rank += ell.rank;
            }
            if (j < os->n) {
                unsigned char c = (unsigned char)os->labels[j];
                out.dims[out.rank++] = known[c] ? dims[c] : pinot_dim_dynamic();
            }
        }
    }
    pinot_node_set_output(node, 0, type, &out);
cleanup:
    free(p);
    return status;
}

/* Kernel state: each loop index (a label or an ellipsis dim) with its size
 * and, per input, the element stride it moves that input by. */
struct einsum_plan {
    int64_t dims[EINSUM_N_IDS];
    bool used[EINSUM_N_IDS];
    uint32_t order[EINSUM_N_IDS]; /* loop ids: output ids first, then summed ids */
    uint32_t n_order, n_out;
    int64_t * strides; /* [n_inputs][EINSUM_N_IDS] */
};

static pinot_status einsum_plan_build(const struct pinot_node * node, const struct einsum_eq * p,
                                      pinot_tensor_t * const * inputs, struct einsum_plan * plan,
                                      pinot_shape * out_shape) {
    uint32_t ell_ranks[EINSUM_MAX_INPUTS];
    pinot_shape ell = {.rank = 0};
    memset(plan->used, 0, sizeof(plan->used));
    for (uint32_t i = 0; i < p->n_inputs; i++) {
        const pinot_shape * shape = pinot_tensor_get_shape(inputs[i]);
        const struct einsum_sub * sub = &p->in[i];
        bool has_ell = sub->ellipsis >= 0;
        if (has_ell ? shape->rank < sub->n : shape->rank != sub->n) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "input %u has rank %u, which does not fit its %u labels", i, shape->rank, sub->n);
        }
        ell_ranks[i] = shape->rank - sub->n;
        if (has_ell) {
            pinot_shape part = {.rank = ell_ranks[i]};
            memcpy(part.dims, shape->dims + sub->ellipsis, sizeof(int64_t) * ell_ranks[i]);
            const pinot_shape * pair[2] = {&ell, &part};
            pinot_shape merged;
            if (!pinot_ref_broadcast_shape(pair, 2, &merged)) {
                return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,     "Input dimensions labeled with ellipsis for Einsum must be broadcastable.");
            }
            ell = merged;
        }
    }
    for (uint32_t r = 0; r < ell.rank; r++) {
        plan->dims[EINSUM_N_LETTERS + r] = ell.dims[r];
        plan->used[EINSUM_N_LETTERS + r] = true;
    }
    /* Label sizes: size-1 axes broadcast, other sizes must agree. */
    for (uint32_t i = 0; i < p->n_inputs; i++) {
        const pinot_shape * shape = pinot_tensor_get_shape(inputs[i]);
        const struct einsum_sub * sub = &p->in[i];
        for (uint32_t j = 0; j < sub->n; j++) {
            int id = label_id(sub->labels[j]);
            int64_t d = shape->dims[label_axis(sub, j, ell_ranks[i])];
            if (!plan->used[id] || plan->dims[id] == 1) {
                plan->dims[id] = d;
                plan->used[id] = true;
            } else if (d != 1 && d != plan->dims[id]) {
                return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,     "dimensions of label '%c' do not match (got %lld and %lld)", sub->labels[j],
                                        (long long)plan->dims[id], (long long)d);
            }
        }
    }
    /* A repeated label inside one input takes its diagonal, so sizes must be equal there. */
    for (uint32_t i = 0; i < p->n_inputs; i++) {
        const pinot_shape * shape = pinot_tensor_get_shape(inputs[i]);
        const struct einsum_sub * sub = &p->in[i];
        for (uint32_t j = 0; j < sub->n; j++) {
            for (uint32_t o = j + 1; o < sub->n; o++) {
                if (sub->labels[o] == sub->labels[j] && shape->dims[label_axis(sub, j, ell_ranks[i])] !=
                                                            shape->dims[label_axis(sub, o, ell_ranks[i])]) {
                    return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,         "Different input dimensions indicated by the repeated labels within "
                                            "single input node for Einsum must be compatible (label '%c').",
                                            sub->labels[j]);
                }
            }
        }
    }
    /* Strides: an input moves along an id by the sum of its axes' strides with that id. */
    for (uint32_t i = 0; i < p->n_inputs; i++) {
        const pinot_shape * shape = pinot_tensor_get_shape(inputs[i]);
        const struct einsum_sub * sub = &p->in[i];
        int64_t dense[PINOT_MAX_RANK];
        int64_t * strides = plan->strides + (size_t)i * EINSUM_N_IDS;
        memset(strides, 0, sizeof(int64_t) * EINSUM_N_IDS);
        pinot_ref_dense_strides(shape, dense);
        for (uint32_t j = 0; j < sub->n; j++) {
            uint32_t axis = label_axis(sub, j, ell_ranks[i]);
            if (shape->dims[axis] != 1) {
                strides[label_id(sub->labels[j])] += dense[axis];
            }
        }
        for (uint32_t r = 0; r < (sub->ellipsis >= 0 ? ell_ranks[i] : 0); r++) {
            uint32_t axis = (uint32_t)sub->ellipsis + r;
            if (shape->dims[axis] != 1) {
                strides[EINSUM_N_LETTERS + ell.rank - ell_ranks[i] + r] += dense[axis];
            }
        }
    }
    /* Loop order and output shape. */
    bool in_out[EINSUM_N_IDS] = {false};
    plan->n_order = 0;
    out_shape->rank = 0;
    const struct einsum_sub * os = &p->out;
    for (uint32_t j = 0; j <= os->n; j++) {
        if ((int32_t)j == os->ellipsis) {
            for (uint32_t r = 0; r < ell.rank; r++) {
                plan->order[plan->n_order++] = EINSUM_N_LETTERS + r;
                in_out[EINSUM_N_LETTERS + r] = true;
            }
        }
        if (j < os->n) {
            int id = label_id(os->labels[j]);
            plan->order[plan->n_order++] = (uint32_t)id;
            in_out[id] = true;
        }
    }
    if (plan->n_order > PINOT_MAX_RANK) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the output rank exceeds %d", PINOT_MAX_RANK);
    }
    plan->n_out = plan->n_order;
    for (uint32_t r = 0; r < plan->n_out; r++) {
        out_shape->dims[r] = plan->dims[plan->order[r]];
    }
    out_shape->rank = plan->n_out;
    for (uint32_t id = 0; id < EINSUM_N_IDS; id++) {
        if (plan->used[id] && !in_out[id]) {
            plan->order[plan->n_order++] = id;
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status einsum_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    uint32_t n_inputs = node->n_inputs;
    struct einsum_plan plan = {.strides = NULL};
    int64_t * offsets = NULL;
    struct einsum_eq * p = malloc(sizeof(*p));
    pinot_status status = PINOT_STATUS_OK;
    if (p == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory evaluating Einsum");
        goto cleanup;
    }
    status = einsum_parse(node, n_inputs, p);
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }
    plan.strides = malloc(sizeof(int64_t) * EINSUM_N_IDS * n_inputs);
    offsets = calloc(n_inputs, sizeof(int64_t));
    if (plan.strides == NULL || offsets == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory evaluating Einsum");
        goto cleanup;
    }
    pinot_shape out_shape;
    status = einsum_plan_build(node, p, inputs, &plan, &out_shape);
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }
    status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    bool is_int = pinot_ref_is_int(type);
    void * out = pinot_tensor_get_data(outputs[0]);
    uint64_t n_out = pinot_tensor_get_size(outputs[0]);
    uint64_t inner = 1;
    for (uint32_t r = plan.n_out; r < plan.n_order; r++) {
        inner *= (uint64_t)plan.dims[plan.order[r]];
    }
    /* With an empty sum (inner == 0) every output is 0 and nothing is read. */
    int64_t index[EINSUM_N_IDS] = {0};
    for (uint64_t o = 0; o < n_out; o++) {
        double accf = 0;
        uint64_t acci = 0;
        for (uint64_t t = 0; t < inner; t++) {
            double prodf = 1;
            uint64_t prodi = 1;
            for (uint32_t i = 0; i < n_inputs; i++) {
                pinot_dtype ti = pinot_tensor_get_type(inputs[i]);
                const void * data = pinot_tensor_get_data(inputs[i]);
                if (is_int) {
                    prodi *= (uint64_t)pinot_ref_load_i64(ti, data, (uint64_t)offsets[i]);
                } else {
                    prodf *= pinot_ref_load_f64(ti, data, (uint64_t)offsets[i]);
                }
            }
            accf += prodf;
            acci += prodi;
            /* Advance the odometer over all loop ids (summed ids innermost). */
            for (uint32_t r = plan.n_order; r-- > 0;) {
                uint32_t id = plan.order[r];
                for (uint32_t i = 0; i < n_inputs; i++) {
                    offsets[i] += plan.strides[(size_t)i * EINSUM_N_IDS + id];
                }
                if (++index[r] < plan.dims[id]) {
                    break;
                }
                for (uint32_t i = 0; i < n_inputs; i++) {
                    offsets[i] -= plan.strides[(size_t)i * EINSUM_N_IDS + id] * plan.dims[id];
                }
                index[r] = 0;
            }
        }
        if (is_int) {
            pinot_ref_store_i64(type, out, o, (int64_t)acci);
        } else {
            pinot_ref_store_f64(type, out, o, accf);
        }
    }
cleanup:
    free(offsets);
    free(plan.strides);
    free(p);
    return status;
}

static const uint8_t einsum_versions[] = {7, 0};

const struct pinot_op_impl pinot_op_impl_einsum = {
    .type_name = "Einsum",
    .versions = einsum_versions,
    .attrs = einsum_attr_descs,
    .attrs_size = sizeof(struct einsum_attrs),
    .min_inputs = 1,
    .max_inputs = 255,
    .validate = einsum_validate,
    .evaluate = einsum_evaluate,
};

/* ONNX sequence ops, for sequences used inside a graph. Pinot (like OpenVINO)
 * has no sequence type, so a sequence is imported as what it holds: a list of
 * tensor outputs (struct onnx_sequence) whose length is known at import time.
 * The ops below rearrange that list; only ConcatFromSequence, SequenceAt with a
 * non-constant position and SplitToSequence make graph nodes. A sequence that
 * would have to exist at run time (a graph output, a subgraph capture, the
 * input of any other translator) is refused by the importer with a message
 * naming the value. Identity and the Optional ops pass sequences through too
 * (an optional is imported as its value, so an empty optional is refused). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

/* Sequences longer than this are refused: each element is a graph value. */
#define MAX_SEQUENCE_LENGTH 65536

/* ---- inputs ---- */

static bool present(const struct onnx_node * node, uint32_t n, uint32_t k) {
    return k < n && k < node->n_inputs && node->inputs[k][0] != '\0';
}

/* Input k, which must be a sequence. */
static pinot_status sequence_input(struct onnx_import * ctx, const struct onnx_node * node, uint32_t n, uint32_t k,
                                   const struct onnx_sequence ** out) {
    if (!present(node, n, k)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "input %u (a sequence) is required", k);
    }
    if (ctx->seq_in == NULL || ctx->seq_in[k] == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "input %u '%s' is a tensor; %s takes a sequence there", k,
                          node->inputs[k], node->op_type);
    }
    *out = ctx->seq_in[k];
    return PINOT_STATUS_OK;
}

/* Input k, which must be a tensor when present; *out is a null reference when absent and optional. */
static pinot_status tensor_input(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                                 uint32_t n, uint32_t k, bool required, pinot_output_ref * out) {
    *out = (pinot_output_ref){NULL, 0};
    if (!present(node, n, k)) {
        if (required) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "input %u is required", k);
        }
        return PINOT_STATUS_OK;
    }
    if (ctx->seq_in != NULL && ctx->seq_in[k] != NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "value '%s' is a sequence; sequences are supported only inside a graph, as inputs of the "
                          "sequence ops (input %u of %s takes a tensor)",
                          node->inputs[k], k, node->op_type);
    }
    *out = in[k];
    return PINOT_STATUS_OK;
}

/* The integer held by a constant scalar (or one-element) i32/i64 input. */
static pinot_status constant_int(struct onnx_import * ctx, const struct onnx_node * node, pinot_output_ref ref,
                                 uint32_t k, int64_t * out) {
    const pinot_tensor_t * value = pinot_node_get_constant_value(ref.node);
    if (value == NULL) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "input %u '%s' must be a constant (sequence lengths are fixed at import)", k,
                          node->inputs[k]);
    }
    pinot_dtype type = pinot_tensor_get_type(value);
    if ((type != PINOT_DTYPE_I32 && type != PINOT_DTYPE_I64) || pinot_tensor_get_size(value) != 1) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "input %u '%s' must be one int32 or int64 (got %s, %zu values)", k, node->inputs[k],
                          pinot_dtype_name(type), (size_t)pinot_tensor_get_size(value));
    }
    const void * data = pinot_tensor_get_data(value);
    *out = type == PINOT_DTYPE_I32 ? *(const int32_t *)data : *(const int64_t *)data;
    return PINOT_STATUS_OK;
}

/* A tensor joining a sequence must have its element type. */
static pinot_status check_type(struct onnx_import * ctx, const struct onnx_sequence * seq, pinot_output_ref t) {
    pinot_dtype type = onnx_type_of(t);
    if (seq->type != PINOT_DTYPE_DYNAMIC && type != PINOT_DTYPE_DYNAMIC && type != seq->type) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "a %s tensor cannot join a sequence of %s",
                          pinot_dtype_name(type), pinot_dtype_name(seq->type));
    }
    return PINOT_STATUS_OK;
}

static pinot_status new_sequence(struct onnx_import * ctx, pinot_dtype type, uint64_t n,
                                 struct onnx_sequence ** out) {
    if (n > MAX_SEQUENCE_LENGTH) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "a sequence of %llu tensors is too long (at most %d)", (unsigned long long)n,
                          MAX_SEQUENCE_LENGTH);
    }
    return onnx_sequence_new(ctx, type, (uint32_t)n, out);
}

/* ---- pass-through ops ---- */

ONNX_TRANSLATOR(onnx_tr_identity) {
    (void)node;
    if (ctx->seq_in != NULL && n > 0 && ctx->seq_in[0] != NULL) {
        ctx->seq_out[0] = ctx->seq_in[0]; /* sequences are never modified: share it */
        return PINOT_STATUS_OK;
    }
    TRY(need_inputs(ctx, in, n, 1));
    out[0] = in[0];
    return PINOT_STATUS_OK;
}

/* An optional is imported as its value: graph values are always present, so
 * only an omitted input (name "") is an empty optional. */
ONNX_TRANSLATOR(onnx_tr_optional) {
    if (!present(node, n, 0)) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "an empty optional (Optional with no input) is not supported");
    }
    return onnx_tr_identity(ctx, node, in, n, out);
}

ONNX_TRANSLATOR(onnx_tr_optional_has_element) {
    (void)in;
    return onnx_const_scalar(ctx, PINOT_DTYPE_BOOLEAN, present(node, n, 0) ? 1.0 : 0.0, &out[0]);
}

ONNX_TRANSLATOR(onnx_tr_optional_get_element) {
    if (!present(node, n, 0)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the optional input is empty");
    }
    return onnx_tr_identity(ctx, node, in, n, out);
}

/* ---- making and editing sequences ---- */

ONNX_TRANSLATOR(onnx_tr_sequence_empty) {
    (void)in;
    (void)n;
    (void)out;
    pinot_dtype type;
    TRY(onnx_attr_dtype(ctx, node, "dtype", PINOT_DTYPE_F32, &type)); /* dtype defaults to float */
    struct onnx_sequence * seq = NULL;
    TRY(new_sequence(ctx, type, 0, &seq));
    ctx->seq_out[0] = seq;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_sequence_construct) {
    (void)out;
    if (n == 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "SequenceConstruct needs at least one input");
    }
    pinot_output_ref first;
    TRY(tensor_input(ctx, node, in, n, 0, true, &first));
    struct onnx_sequence * seq = NULL;
    TRY(new_sequence(ctx, onnx_type_of(first), n, &seq));
    for (uint32_t i = 0; i < n; i++) {
        TRY(tensor_input(ctx, node, in, n, i, true, &seq->items[i]));
        TRY(check_type(ctx, seq, seq->items[i]));
    }
    ctx->seq_out[0] = seq;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_sequence_insert) {
    (void)out;
    const struct onnx_sequence * seq = NULL;
    pinot_output_ref t, position;
    TRY(sequence_input(ctx, node, n, 0, &seq));
    TRY(tensor_input(ctx, node, in, n, 1, true, &t));
    TRY(tensor_input(ctx, node, in, n, 2, false, &position));
    TRY(check_type(ctx, seq, t));
    int64_t at = seq->n; /* no position: append */
    if (position.node != NULL) {
        TRY(constant_int(ctx, node, position, 2, &at));
        if (at < -(int64_t)seq->n || at > (int64_t)seq->n) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "position %lld is out of range for a sequence of %u",
                              (long long)at, seq->n);
        }
        at = at < 0 ? at + seq->n : at;
    }
    struct onnx_sequence * result = NULL;
    pinot_dtype type = seq->type != PINOT_DTYPE_DYNAMIC ? seq->type : onnx_type_of(t);
    TRY(new_sequence(ctx, type, (uint64_t)seq->n + 1, &result));
    for (uint32_t i = 0, j = 0; i < result->n; i++) {
        result->items[i] = (int64_t)i == at ? t : seq->items[j++];
    }
    ctx->seq_out[0] = result;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_sequence_erase) {
    (void)out;
    const struct onnx_sequence * seq = NULL;
    pinot_output_ref position;
    TRY(sequence_input(ctx, node, n, 0, &seq));
    TRY(tensor_input(ctx, node, in, n, 1, false, &position));
    if (seq->n == 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "cannot erase from an empty sequence");
    }
    int64_t at = (int64_t)seq->n - 1; /* no position: the last */
    if (position.node != NULL) {
        TRY(constant_int(ctx, node, position, 1, &at));
        if (at < -(int64_t)seq->n || at >= (int64_t)seq->n) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "position %lld is out of range for a sequence of %u",
                              (long long)at, seq->n);
        }
        at = at < 0 ? at + seq->n : at;
    }
    struct onnx_sequence * result = NULL;
    TRY(new_sequence(ctx, seq->type, seq->n - 1, &result));
    for (uint32_t i = 0, j = 0; i < seq->n; i++) {
        if ((int64_t)i != at) {
            result->items[j++] = seq->items[i];
        }
    }
    ctx->seq_out[0] = result;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_sequence_length) {
    (void)in;
    const struct onnx_sequence * seq = NULL;
    TRY(sequence_input(ctx, node, n, 0, &seq));
    int64_t length = seq->n;
    return onnx_const_i64(ctx, &length, 1, true, &out[0]);
}

/* Whether two shapes can be equal at run time. */
static bool shapes_compatible(const pinot_partial_shape * a, const pinot_partial_shape * b) {
    if (a->rank < 0 || b->rank < 0) {
        return true;
    }
    if (a->rank != b->rank) {
        return false;
    }
    for (int32_t i = 0; i < a->rank; i++) {
        if (pinot_dim_is_static(a->dims[i]) && pinot_dim_is_static(b->dims[i]) && a->dims[i].min != b->dims[i].min) {
            return false;
        }
    }
    return true;
}

/* Each item with a new axis at `axis`, concatenated along it. */
static pinot_status stack(struct onnx_import * ctx, const struct onnx_sequence * seq, int64_t axis,
                          pinot_output_ref * out) {
    pinot_output_ref axis_ref;
    TRY(onnx_const_i64(ctx, &axis, 1, false, &axis_ref));
    pinot_output_ref * parts = calloc(seq->n, sizeof(*parts));
    if (parts == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < seq->n && status == PINOT_STATUS_OK; i++) {
        pinot_output_ref args[2] = {seq->items[i], axis_ref};
        status = onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &parts[i]);
    }
    if (status == PINOT_STATUS_OK) {
        pinot_attr attrs[] = {ATTR_INT("axis", axis)};
        status = onnx_make(ctx, "Concat", parts, seq->n, attrs, 1, out);
    }
    free(parts);
    return status;
}

/* A constant position picks the item; any other is a Gather over the stacked items. */
ONNX_TRANSLATOR(onnx_tr_sequence_at) {
    const struct onnx_sequence * seq = NULL;
    pinot_output_ref position;
    TRY(sequence_input(ctx, node, n, 0, &seq));
    TRY(tensor_input(ctx, node, in, n, 1, true, &position));
    if (pinot_node_get_constant_value(position.node) != NULL) {
        int64_t at;
        TRY(constant_int(ctx, node, position, 1, &at));
        if (at < -(int64_t)seq->n || at >= (int64_t)seq->n) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "position %lld is out of range for a sequence of %u",
                              (long long)at, seq->n);
        }
        out[0] = seq->items[at < 0 ? at + seq->n : at];
        return PINOT_STATUS_OK;
    }
    if (seq->n == 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "SequenceAt on an empty sequence");
    }
    const pinot_partial_shape * first = pinot_node_get_output_shape(seq->items[0].node, seq->items[0].index);
    for (uint32_t i = 1; i < seq->n; i++) {
        const pinot_partial_shape * shape = pinot_node_get_output_shape(seq->items[i].node, seq->items[i].index);
        if (!shapes_compatible(first, shape)) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "a non-constant position needs sequence elements of one shape, and element %u's "
                              "shape differs from element 0's (make the position a constant)",
                              i);
        }
    }
    if (onnx_type_of(position) != PINOT_DTYPE_I32 && onnx_type_of(position) != PINOT_DTYPE_I64) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the position must be int32 or int64 (got %s)",
                          pinot_dtype_name(onnx_type_of(position)));
    }
    pinot_output_ref stacked, axis0;
    TRY(stack(ctx, seq, 0, &stacked));
    int64_t zero = 0;
    TRY(onnx_const_i64(ctx, &zero, 1, true, &axis0));
    pinot_output_ref args[3] = {stacked, position, axis0};
    const pinot_partial_shape * pshape = pinot_node_get_output_shape(position.node, position.index);
    if (pshape->rank > 0) {
        /* A one-element [1] position: index with its scalar. */
        pinot_output_ref squeeze_args[2] = {position, axis0};
        TRY(onnx_make(ctx, "Squeeze", squeeze_args, 2, NULL, 0, &args[1]));
    }
    return onnx_make(ctx, "Gather", args, 3, NULL, 0, &out[0]);
}

/* ---- splitting and joining ---- */

ONNX_TRANSLATOR(onnx_tr_split_to_sequence) {
    (void)out;
    pinot_output_ref x, split;
    TRY(tensor_input(ctx, node, in, n, 0, true, &x));
    TRY(tensor_input(ctx, node, in, n, 1, false, &split));
    int32_t rank;
    TRY(onnx_static_rank(ctx, x, &rank));
    int64_t axis = onnx_attr_int(node, "axis", 0);
    TRY(onnx_normalize_axis(ctx, &axis, rank));
    int64_t dim = onnx_static_dim(x, (int32_t)axis);
    bool keepdims = onnx_attr_int(node, "keepdims", 1) != 0;
    pinot_output_ref axis_ref;
    TRY(onnx_const_i64(ctx, &axis, 1, true, &axis_ref));
    pinot_node_t * parts = NULL;
    struct onnx_sequence * seq = NULL;
    if (split.node == NULL) {
        /* Pieces of size 1, squeezed unless keepdims. */
        if (dim < 0) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "without a split input, the dimension along axis %lld must be static (sequence "
                              "lengths are fixed at import)",
                              (long long)axis);
        }
        TRY(new_sequence(ctx, onnx_type_of(x), (uint64_t)dim, &seq));
        if (dim > 0) {
            pinot_output_ref args[2] = {x, axis_ref};
            pinot_attr attrs[] = {ATTR_INT("num_splits", dim)};
            TRY(onnx_make_node(ctx, "Split", args, 2, attrs, 1, &parts));
        }
        for (uint32_t i = 0; i < seq->n; i++) {
            seq->items[i] = (pinot_output_ref){parts, i};
            if (!keepdims) {
                pinot_output_ref args[2] = {seq->items[i], axis_ref};
                TRY(onnx_make(ctx, "Squeeze", args, 2, NULL, 0, &seq->items[i]));
            }
        }
        ctx->seq_out[0] = seq;
        return PINOT_STATUS_OK;
    }
    const pinot_tensor_t * value = pinot_node_get_constant_value(split.node);
    if (value == NULL) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "the split input '%s' must be a constant (sequence lengths are fixed at import)",
                          node->inputs[1]);
    }
    pinot_dtype split_type = pinot_tensor_get_type(value);
    const pinot_shape * split_shape = pinot_tensor_get_shape(value);
    if ((split_type != PINOT_DTYPE_I32 && split_type != PINOT_DTYPE_I64) || split_shape->rank > 1) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "split must be an int32 or int64 scalar or 1-D tensor");
    }
    size_t count = pinot_tensor_get_size(value);
    const void * data = pinot_tensor_get_data(value);
    int64_t * lengths = NULL;
    uint64_t pieces;
    if (split_shape->rank == 0) {
        /* Pieces of `length`, the last one smaller when it does not divide the dimension. */
        int64_t length = split_type == PINOT_DTYPE_I32 ? *(const int32_t *)data : *(const int64_t *)data;
        if (length <= 0) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "split must be positive (got %lld)",
                              (long long)length);
        }
        if (dim < 0) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "a scalar split needs a static dimension along axis %lld (sequence lengths are fixed at "
                              "import)",
                              (long long)axis);
        }
        pieces = (uint64_t)((dim + length - 1) / length);
        TRY(new_sequence(ctx, onnx_type_of(x), pieces, &seq));
        lengths = calloc(pieces + 1, sizeof(*lengths));
        if (lengths == NULL) {
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        }
        for (uint64_t i = 0; i < pieces; i++) {
            int64_t left = dim - (int64_t)i * length;
            lengths[i] = left < length ? left : length;
        }
    } else {
        pieces = count;
        TRY(new_sequence(ctx, onnx_type_of(x), pieces, &seq));
        lengths = calloc(pieces + 1, sizeof(*lengths));
        if (lengths == NULL) {
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        }
        int64_t total = 0;
        for (size_t i = 0; i < count; i++) {
            lengths[i] = split_type == PINOT_DTYPE_I32 ? ((const int32_t *)data)[i] : ((const int64_t *)data)[i];
            total += lengths[i] > 0 ? lengths[i] : 0;
            if (lengths[i] < 0) {
                long long negative = (long long)lengths[i];
                free(lengths);
                return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "split sizes must not be negative (got %lld)",
                                  negative);
            }
        }
        if (dim >= 0 && total != dim) {
            free(lengths);
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                              "split sizes add up to %lld, but the dimension along axis %lld is %lld",
                              (long long)total, (long long)axis, (long long)dim);
        }
    }
    pinot_status status = PINOT_STATUS_OK;
    if (pieces > 0) {
        pinot_output_ref lengths_ref;
        status = onnx_const_i64(ctx, lengths, (uint32_t)pieces, false, &lengths_ref);
        if (status == PINOT_STATUS_OK) {
            pinot_output_ref args[3] = {x, axis_ref, lengths_ref};
            status = onnx_make_node(ctx, "VariadicSplit", args, 3, NULL, 0, &parts);
        }
    }
    free(lengths);
    TRY(status);
    /* keepdims applies only without a split input. */
    for (uint32_t i = 0; i < seq->n; i++) {
        seq->items[i] = (pinot_output_ref){parts, i};
    }
    ctx->seq_out[0] = seq;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_concat_from_sequence) {
    (void)in;
    const struct onnx_sequence * seq = NULL;
    TRY(sequence_input(ctx, node, n, 0, &seq));
    const struct onnx_attribute * axis_attr = onnx_attr(node, "axis");
    if (axis_attr == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the axis attribute is required");
    }
    if (seq->n == 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "cannot concatenate an empty sequence");
    }
    bool new_axis = onnx_attr_int(node, "new_axis", 0) != 0;
    int64_t axis = axis_attr->i;
    int32_t rank = pinot_node_get_output_shape(seq->items[0].node, seq->items[0].index)->rank;
    if (rank >= 0) {
        /* With new_axis the result has one more axis, and axis counts in it. A dynamic rank
         * leaves a negative axis to Unsqueeze and Concat, which count it the same way. */
        TRY(onnx_normalize_axis(ctx, &axis, rank + (new_axis ? 1 : 0)));
    }
    if (new_axis) {
        return stack(ctx, seq, axis, &out[0]);
    }
    if (seq->n == 1) {
        out[0] = seq->items[0];
        return PINOT_STATUS_OK;
    }
    pinot_attr attrs[] = {ATTR_INT("axis", axis)};
    return onnx_make(ctx, "Concat", seq->items, seq->n, attrs, 1, &out[0]);
}

/* ---- SequenceMap ---- */

/* The body applied to each position: sequence inputs give it their element
 * there, tensor inputs the whole tensor; each body output collects into a
 * sequence. The body is inlined once per element. */
ONNX_TRANSLATOR(onnx_tr_sequence_map) {
    (void)out;
    const struct onnx_attribute * body = onnx_attr(node, "body");
    if (body == NULL || body->g == NULL) {
        return onnx_error(ctx, PINOT_STATUS_PARSE_ERROR, "the body attribute is missing");
    }
    const struct onnx_sequence * first = NULL;
    TRY(sequence_input(ctx, node, n, 0, &first));
    /* Copy the inputs: importing the body reuses the translator slots. */
    const struct onnx_sequence * seqs[64] = {NULL};
    for (uint32_t k = 0; k < n; k++) {
        if (!present(node, n, k)) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "input %u is required", k);
        }
        seqs[k] = ctx->seq_in[k];
        if (seqs[k] != NULL && seqs[k]->n != first->n) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                              "the sequences must have one length (input 0 has %u elements, input %u '%s' %u)",
                              first->n, k, node->inputs[k], seqs[k]->n);
        }
    }
    const struct onnx_graph * g = body->g;
    if (g->n_inputs != n || g->n_outputs != node->n_outputs) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "the body has %u inputs and %u outputs, expected %u and %u", g->n_inputs, g->n_outputs, n,
                          node->n_outputs);
    }
    const struct onnx_sequence ** seq_out = ctx->seq_out;
    struct onnx_sequence * results[64] = {NULL};
    for (uint32_t j = 0; j < node->n_outputs; j++) {
        /* The element type: the body's declared one (an empty input gives no element to look at). */
        pinot_dtype type = PINOT_DTYPE_DYNAMIC;
        if (g->outputs[j].is_tensor && g->outputs[j].elem_type != 0 &&
            onnx_dtype_to_pinot(g->outputs[j].elem_type, &type) != PINOT_STATUS_OK) {
            type = PINOT_DTYPE_DYNAMIC;
        }
        TRY(new_sequence(ctx, type, first->n, &results[j]));
    }
    pinot_output_ref args[64], values[64];
    for (uint32_t i = 0; i < first->n; i++) {
        for (uint32_t k = 0; k < n; k++) {
            args[k] = seqs[k] != NULL ? seqs[k]->items[i] : in[k];
        }
        TRY(onnx_import_inline(ctx, g, args, n, values, g->n_outputs));
        for (uint32_t j = 0; j < g->n_outputs; j++) {
            results[j]->items[i] = values[j];
            if (i == 0 && results[j]->type == PINOT_DTYPE_DYNAMIC) {
                results[j]->type = onnx_type_of(values[j]);
            }
        }
    }
    for (uint32_t j = 0; j < node->n_outputs; j++) {
        seq_out[j] = results[j];
    }
    return PINOT_STATUS_OK;
}

/* ---- the table's view ---- */

static const onnx_translate_fn sequence_translators[] = {
    onnx_tr_identity,
    onnx_tr_optional,
    onnx_tr_optional_has_element,
    onnx_tr_optional_get_element,
    onnx_tr_sequence_empty,
    onnx_tr_sequence_construct,
    onnx_tr_sequence_insert,
    onnx_tr_sequence_erase,
    onnx_tr_sequence_length,
    onnx_tr_sequence_at,
    onnx_tr_split_to_sequence,
    onnx_tr_concat_from_sequence,
    onnx_tr_sequence_map,
};

bool onnx_sequence_translator(onnx_translate_fn fn) {
    for (size_t i = 0; i < sizeof(sequence_translators) / sizeof(sequence_translators[0]); i++) {
        if (sequence_translators[i] == fn) {
            return true;
        }
    }
    return false;
}

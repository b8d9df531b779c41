/* ReverseSequence-1: for every index b along batch_axis, reverse the first
 * seq_lengths[b] elements along seq_axis and keep the rest. Lengths may be of
 * any numeric type (floats truncate); a length of 0 leaves its sequence as is,
 * as in OpenVINO, and lengths outside [0, dim] are an error at run time. */
#include "ops/movement-impl.h"
#include "ops/ref-util.h"

struct reverse_sequence_attrs {
    int64_t batch_axis;
    int64_t seq_axis;
};

static const struct pinot_attr_desc reverse_sequence_attr_descs[] = {
    PINOT_ATTR(struct reverse_sequence_attrs, batch_axis, "batch_axis", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR(struct reverse_sequence_attrs, seq_axis, "seq_axis", PINOT_ATTR_INT, false, "1"),
    PINOT_ATTR_END,
};

/* The normalized axes for data of @p rank; they must differ. */
static pinot_status reverse_sequence_axes(const struct pinot_node * node, bool runtime, int64_t rank,
                                          int64_t * batch_axis, int64_t * seq_axis) {
    const struct reverse_sequence_attrs * a = PINOT_ATTRS(node, struct reverse_sequence_attrs);
    pinot_status status = pinot_move_normalize_axis(node, runtime, a->batch_axis, rank, batch_axis);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_normalize_axis(node, runtime, a->seq_axis, rank, seq_axis);
    }
    if (status == PINOT_STATUS_OK && *batch_axis == *seq_axis) {
        return pinot_move_fail(node, runtime, "batch_axis and seq_axis must be different axes (both are %lld)",
                               (long long)*batch_axis);
    }
    return status;
}

// data: [.., B (batch_axis), .., T (seq_axis), ..], seq_lengths: [B] -> data's shape
static pinot_status reverse_sequence_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype len_type = pinot_node_input_type(node, 1);
    const pinot_dtype_info * len_info = pinot_dtype_get_info(len_type);
    if (len_type != PINOT_DTYPE_DYNAMIC &&
        (len_info == NULL || len_type == PINOT_DTYPE_BOOLEAN || len_type == PINOT_DTYPE_STRING)) {
        return pinot_move_fail(node, false, "Sequence lengths element type must be numeric type (got %s).",
                               pinot_dtype_name(len_type));
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * lengths = pinot_node_input_shape(node, 1);
    if (lengths->rank >= 0 && lengths->rank != 1) {
        return pinot_move_fail(node, false, "Sequence lengths rank must be equal to 1 (got shape %s).",
                               pinot_move_text(lengths).s);
    }
    if (data->rank >= 0 && data->rank < 2) {
        return pinot_move_fail(node, false, "Data input rank should be equal or greater than 2 (got shape %s).",
                               pinot_move_text(data).s);
    }
    pinot_partial_shape out = *data;
    if (data->rank >= 0) {
        int64_t batch_axis = 0, seq_axis = 0;
        pinot_status status = reverse_sequence_axes(node, false, data->rank, &batch_axis, &seq_axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (lengths->rank == 1 && !pinot_dim_merge(data->dims[batch_axis], lengths->dims[0], &out.dims[batch_axis])) {
            return pinot_move_fail(node, false,
                                   "Sequence lengths input size %s is not equal to batch axis dimension of data "
                                   "input %s (batch_axis %lld).",
                                   pinot_move_text(lengths).s, pinot_move_text(data).s, (long long)batch_axis);
        }
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

static pinot_status reverse_sequence_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                              pinot_tensor_t * const * outputs) {
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_tensor_t * lengths = inputs[1];
    int64_t batch_axis = 0, seq_axis = 0;
    if (ds->rank < 2) {
        return pinot_move_fail(node, true, "Data input rank should be equal or greater than 2 (got rank %u).",
                               ds->rank);
    }
    pinot_status status = reverse_sequence_axes(node, true, ds->rank, &batch_axis, &seq_axis);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t batch = ds->dims[batch_axis], seq = ds->dims[seq_axis];
    if (pinot_tensor_get_shape(lengths)->rank != 1 || (int64_t)pinot_tensor_get_size(lengths) != batch) {
        return pinot_move_fail(node, true, "Sequence lengths must hold %lld values, one per batch (got %llu).",
                               (long long)batch, (unsigned long long)pinot_tensor_get_size(lengths));
    }
    pinot_dtype len_type = pinot_tensor_get_type(lengths);
    for (int64_t b = 0; b < batch; b++) {
        int64_t len = pinot_ref_load_i64(len_type, pinot_tensor_get_data(lengths), (uint64_t)b);
        if (len < 0 || len > seq) {
            return pinot_move_fail(node, true,
                                   "Sequence length %lld (batch %lld) is outside [0, %lld], the seq_axis dimension.",
                                   (long long)len, (long long)b, (long long)seq);
        }
    }
    status = pinot_tensor_set_shape(outputs[0], ds);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t count = pinot_tensor_get_size(inputs[0]);
    int64_t strides[PINOT_MAX_RANK];
    int64_t index[PINOT_MAX_RANK] = {0};
    pinot_ref_dense_strides(ds, strides);
    for (uint64_t k = 0; k < count && status == PINOT_STATUS_OK; k++) {
        int64_t len = pinot_ref_load_i64(len_type, pinot_tensor_get_data(lengths), (uint64_t)index[batch_axis]);
        int64_t t = index[seq_axis];
        int64_t src = (int64_t)k;
        if (t < len) {
            src += (len - 1 - 2 * t) * strides[seq_axis];
        }
        status = pinot_move_elements(outputs[0], k, inputs[0], (uint64_t)src, 1);
        for (uint32_t d = ds->rank; d-- > 0;) {
            if (++index[d] < ds->dims[d]) {
                break;
            }
            index[d] = 0;
        }
    }
    return status;
}

static const uint8_t reverse_sequence_versions[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_reverse_sequence = {
    .type_name = "ReverseSequence",
    .versions = reverse_sequence_versions,
    .attrs = reverse_sequence_attr_descs,
    .attrs_size = sizeof(struct reverse_sequence_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = reverse_sequence_validate,
    .evaluate = reverse_sequence_evaluate,
};

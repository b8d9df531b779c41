/* Shared by the ONNX translator files: attribute-building macros, input
 * checks, and the translators defined outside onnx-ops.c. */
#ifndef PINOT_ONNX_OPS_IMPL_H
#define PINOT_ONNX_OPS_IMPL_H

#include "frontends/onnx/onnx-import.h"

#define ATTR_INT(n, v) {.name = n, .kind = PINOT_ATTR_VALUE_INT, .value.i = (v)}
#define ATTR_BOOL(n, v) {.name = n, .kind = PINOT_ATTR_VALUE_BOOL, .value.b = (v)}
#define ATTR_FLOAT(n, v) {.name = n, .kind = PINOT_ATTR_VALUE_FLOAT, .value.f = (v)}
#define ATTR_STR(n, v) {.name = n, .kind = PINOT_ATTR_VALUE_STRING, .value.s = (v)}
#define ATTR_TYPE(n, v) {.name = n, .kind = PINOT_ATTR_VALUE_TYPE, .value.type = (v)}
#define ATTR_INTS(n, p, c) {.name = n, .kind = PINOT_ATTR_VALUE_INTS, .value.ints = {(p), (c)}}

#define TRY(expr) \
    do { \
        pinot_status status_ = (expr); \
        if (status_ != PINOT_STATUS_OK) { \
            return status_; \
        } \
    } while (0)

/* Inputs 0..need-1 must be present. */
static inline pinot_status need_inputs(struct onnx_import * ctx, const pinot_output_ref * in, uint32_t n,
                                       uint32_t need) {
    for (uint32_t i = 0; i < need; i++) {
        if (i >= n || in[i].node == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "input %u is required", i);
        }
    }
    return PINOT_STATUS_OK;
}

#define ONNX_TRANSLATOR(name) \
    pinot_status name(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in, \
                      uint32_t n, pinot_output_ref * out)

/* onnx-ops-nn.c */
ONNX_TRANSLATOR(onnx_tr_conv);
ONNX_TRANSLATOR(onnx_tr_pool);
ONNX_TRANSLATOR(onnx_tr_lp_pool);
ONNX_TRANSLATOR(onnx_tr_max_unpool);
ONNX_TRANSLATOR(onnx_tr_global_pool);
ONNX_TRANSLATOR(onnx_tr_batch_norm);
ONNX_TRANSLATOR(onnx_tr_instance_norm);
ONNX_TRANSLATOR(onnx_tr_layer_norm);
ONNX_TRANSLATOR(onnx_tr_lrn);
ONNX_TRANSLATOR(onnx_tr_topk);
ONNX_TRANSLATOR(onnx_tr_einsum);
ONNX_TRANSLATOR(onnx_tr_cumsum);
ONNX_TRANSLATOR(onnx_tr_gather_elements);
ONNX_TRANSLATOR(onnx_tr_gather_nd);
ONNX_TRANSLATOR(onnx_tr_scatter_nd);
ONNX_TRANSLATOR(onnx_tr_scatter_elements);
ONNX_TRANSLATOR(onnx_tr_resize);
ONNX_TRANSLATOR(onnx_tr_grid_sample);
ONNX_TRANSLATOR(onnx_tr_reverse_sequence);
ONNX_TRANSLATOR(onnx_tr_deform_conv);

/* onnx-ops-text.c */
ONNX_TRANSLATOR(onnx_tr_tfidf_vectorizer);

/* Graph-building helpers shared by the translator files (onnx-ops-composite.c). */
pinot_dtype onnx_type_of(pinot_output_ref ref);
pinot_status onnx_unary(struct onnx_import * ctx, const char * op, pinot_output_ref a, pinot_output_ref * out);
pinot_status onnx_binary(struct onnx_import * ctx, const char * op, pinot_output_ref a, pinot_output_ref b,
                         pinot_output_ref * out);
/* op(a, a scalar of a's type). */
pinot_status onnx_binary_scalar(struct onnx_import * ctx, const char * op, pinot_output_ref a, double value,
                                pinot_output_ref * out);
/* Convert to `type` (a no-op when a already has it). */
pinot_status onnx_convert(struct onnx_import * ctx, pinot_output_ref a, pinot_dtype type, pinot_output_ref * out);
/* Dimension `axis` of a's shape as an i64 scalar. */
pinot_status onnx_dim_of(struct onnx_import * ctx, pinot_output_ref a, int64_t axis, pinot_output_ref * out);
/* 0, 1, ..., n-1 (i64) for an i64 scalar n. */
pinot_status onnx_iota(struct onnx_import * ctx, pinot_output_ref n, pinot_output_ref * out);
/* The [rows, cols] i64 matrix of col - row, for i64 scalars rows and cols. */
pinot_status onnx_diagonal_offsets(struct onnx_import * ctx, pinot_output_ref rows, pinot_output_ref cols,
                                   pinot_output_ref * out);
/* The rank of a, which must be static. */
pinot_status onnx_static_rank(struct onnx_import * ctx, pinot_output_ref a, int32_t * rank);
/* A negative axis counted from the end; fails outside [0, rank). */
pinot_status onnx_normalize_axis(struct onnx_import * ctx, int64_t * axis, int32_t rank);
/* Static dimension `axis` (negative from the end) of x, or -1. */
int64_t onnx_static_dim(pinot_output_ref x, int32_t axis);
/* A Reduce* op over all axes of a static-rank x, not keeping them. */
pinot_status onnx_reduce_all(struct onnx_import * ctx, const char * op, pinot_output_ref x, pinot_output_ref * out);
/* x[start:stop:step] along one axis. */
pinot_status onnx_slice_axis(struct onnx_import * ctx, pinot_output_ref x, int64_t start, int64_t stop, int64_t step,
                             int64_t axis, pinot_output_ref * out);
/* Input i, or a null reference past n. */
pinot_output_ref onnx_optional_input(const pinot_output_ref * in, uint32_t n, uint32_t i);

/* onnx-ops-composite.c */
ONNX_TRANSLATOR(onnx_tr_arg);
ONNX_TRANSLATOR(onnx_tr_trilu);
ONNX_TRANSLATOR(onnx_tr_eye_like);
ONNX_TRANSLATOR(onnx_tr_hardmax);
ONNX_TRANSLATOR(onnx_tr_lp_norm);
ONNX_TRANSLATOR(onnx_tr_layer_norm_stats);
ONNX_TRANSLATOR(onnx_tr_rms_norm);
ONNX_TRANSLATOR(onnx_tr_mvn);
ONNX_TRANSLATOR(onnx_tr_group_norm);
ONNX_TRANSLATOR(onnx_tr_thresholded_relu);
ONNX_TRANSLATOR(onnx_tr_shrink);
ONNX_TRANSLATOR(onnx_tr_celu);
ONNX_TRANSLATOR(onnx_tr_swish);
ONNX_TRANSLATOR(onnx_tr_is_inf);
ONNX_TRANSLATOR(onnx_tr_round);
ONNX_TRANSLATOR(onnx_tr_bit_shift);
ONNX_TRANSLATOR(onnx_tr_pow);
ONNX_TRANSLATOR(onnx_tr_nll_loss);
ONNX_TRANSLATOR(onnx_tr_softmax_ce_loss);
ONNX_TRANSLATOR(onnx_tr_dropout);
ONNX_TRANSLATOR(onnx_tr_compress);
ONNX_TRANSLATOR(onnx_tr_center_crop_pad);
ONNX_TRANSLATOR(onnx_tr_window);
ONNX_TRANSLATOR(onnx_tr_cumprod);
ONNX_TRANSLATOR(onnx_tr_tensor_scatter);
ONNX_TRANSLATOR(onnx_tr_affine_grid);
ONNX_TRANSLATOR(onnx_tr_det);

/* onnx-ops-quant.c */
ONNX_TRANSLATOR(onnx_tr_dequantize_linear);
ONNX_TRANSLATOR(onnx_tr_quantize_linear);
ONNX_TRANSLATOR(onnx_tr_dynamic_quantize_linear);
ONNX_TRANSLATOR(onnx_tr_qlinear_matmul);
ONNX_TRANSLATOR(onnx_tr_matmul_integer);
ONNX_TRANSLATOR(onnx_tr_conv_integer);
ONNX_TRANSLATOR(onnx_tr_qlinear_conv);

/* onnx-ops-attention.c */
ONNX_TRANSLATOR(onnx_tr_attention);
ONNX_TRANSLATOR(onnx_tr_rotary_embedding);
ONNX_TRANSLATOR(onnx_tr_causal_conv_with_state);
ONNX_TRANSLATOR(onnx_tr_flex_attention);

/* onnx-ops-rnn.c */
ONNX_TRANSLATOR(onnx_tr_rnn);

/* onnx-ops-ml.c: ai.onnx.ml and ai.onnx.preview.training */
ONNX_TRANSLATOR(onnx_tr_binarizer);
ONNX_TRANSLATOR(onnx_tr_array_feature_extractor);
ONNX_TRANSLATOR(onnx_tr_label_encoder);
ONNX_TRANSLATOR(onnx_tr_adagrad);
ONNX_TRANSLATOR(onnx_tr_adam);
ONNX_TRANSLATOR(onnx_tr_momentum);

/* onnx-ops-tree-ensemble.c */
ONNX_TRANSLATOR(onnx_tr_tree_ensemble);

/* onnx-ops-linear-attention.c */
ONNX_TRANSLATOR(onnx_tr_linear_attention);

/* onnx-ops-control.c */
ONNX_TRANSLATOR(onnx_tr_if);
ONNX_TRANSLATOR(onnx_tr_loop);
ONNX_TRANSLATOR(onnx_tr_scan);
ONNX_TRANSLATOR(onnx_tr_scan8);

/* onnx-ops-shape.c */
ONNX_TRANSLATOR(onnx_tr_expand);
ONNX_TRANSLATOR(onnx_tr_tile);
ONNX_TRANSLATOR(onnx_tr_range);
ONNX_TRANSLATOR(onnx_tr_constant_of_shape);
ONNX_TRANSLATOR(onnx_tr_pad);
ONNX_TRANSLATOR(onnx_tr_slice);
ONNX_TRANSLATOR(onnx_tr_split);
ONNX_TRANSLATOR(onnx_tr_non_zero);
ONNX_TRANSLATOR(onnx_tr_one_hot);
ONNX_TRANSLATOR(onnx_tr_depth_space);
ONNX_TRANSLATOR(onnx_tr_size);

/* onnx-ops-detection.c */
ONNX_TRANSLATOR(onnx_tr_non_max_suppression);
ONNX_TRANSLATOR(onnx_tr_roi_align);
ONNX_TRANSLATOR(onnx_tr_unique);
/* onnx-ops-string.c */
ONNX_TRANSLATOR(onnx_tr_string_concat);
ONNX_TRANSLATOR(onnx_tr_string_split);
ONNX_TRANSLATOR(onnx_tr_string_normalizer);
ONNX_TRANSLATOR(onnx_tr_regex_full_match);

/* onnx-ops-random.c */
ONNX_TRANSLATOR(onnx_tr_random_uniform);
ONNX_TRANSLATOR(onnx_tr_random_uniform_like);
ONNX_TRANSLATOR(onnx_tr_random_normal);
ONNX_TRANSLATOR(onnx_tr_random_normal_like);
ONNX_TRANSLATOR(onnx_tr_bernoulli);
/* Dropout's training mode: replaces the inference outputs in out[] when training_mode is set. */
ONNX_TRANSLATOR(onnx_dropout_training);

/* onnx-ops-signal.c */
ONNX_TRANSLATOR(onnx_tr_dft);
ONNX_TRANSLATOR(onnx_tr_stft);
ONNX_TRANSLATOR(onnx_tr_mel_weight_matrix);
ONNX_TRANSLATOR(onnx_tr_col2im);

/* onnx-ops-sequence.c: sequences inside a graph (these translators read ctx->seq_in, write ctx->seq_out) */
ONNX_TRANSLATOR(onnx_tr_identity);
ONNX_TRANSLATOR(onnx_tr_optional);
ONNX_TRANSLATOR(onnx_tr_optional_has_element);
ONNX_TRANSLATOR(onnx_tr_optional_get_element);
ONNX_TRANSLATOR(onnx_tr_sequence_empty);
ONNX_TRANSLATOR(onnx_tr_sequence_construct);
ONNX_TRANSLATOR(onnx_tr_sequence_insert);
ONNX_TRANSLATOR(onnx_tr_sequence_erase);
ONNX_TRANSLATOR(onnx_tr_sequence_length);
ONNX_TRANSLATOR(onnx_tr_sequence_at);
ONNX_TRANSLATOR(onnx_tr_split_to_sequence);
ONNX_TRANSLATOR(onnx_tr_concat_from_sequence);
ONNX_TRANSLATOR(onnx_tr_sequence_map);

#endif // PINOT_ONNX_OPS_IMPL_H

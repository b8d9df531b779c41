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
ONNX_TRANSLATOR(onnx_tr_global_pool);
ONNX_TRANSLATOR(onnx_tr_batch_norm);
ONNX_TRANSLATOR(onnx_tr_instance_norm);
ONNX_TRANSLATOR(onnx_tr_layer_norm);
ONNX_TRANSLATOR(onnx_tr_lrn);
ONNX_TRANSLATOR(onnx_tr_topk);
ONNX_TRANSLATOR(onnx_tr_arg);
ONNX_TRANSLATOR(onnx_tr_einsum);
ONNX_TRANSLATOR(onnx_tr_cumsum);
ONNX_TRANSLATOR(onnx_tr_gather_elements);
ONNX_TRANSLATOR(onnx_tr_gather_nd);
ONNX_TRANSLATOR(onnx_tr_scatter_nd);
ONNX_TRANSLATOR(onnx_tr_scatter_elements);
ONNX_TRANSLATOR(onnx_tr_resize);

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

#endif // PINOT_ONNX_OPS_IMPL_H

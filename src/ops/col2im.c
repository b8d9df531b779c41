/* Col2Im-15: sum sliding blocks (columns) back into an image, the inverse
 * layout of im2col. OpenVINO's op has two spatial axes; Pinot accepts any
 * number (ONNX Col2Im-18 is N-D), given by the length of output_size. Pads
 * may be negative (crop), as OpenVINO's shape inference allows.
 *
 *   data [N, C * prod(kernel), L] or [C * prod(kernel), L], output_size [S],
 *   kernel_size [S] -> [N, C, *output_size] or [C, *output_size]
 *   L = prod_s ((out_s + pb_s + pe_s - (dil_s * (k_s - 1) + 1)) / stride_s + 1)
 *
 * Reference kernel in double (integer types in int64); overlapping blocks add up. */
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/movement-impl.h"
#include "ops/ref-util.h"

struct col2im_attrs {
    pinot_ints strides;
    pinot_ints dilations;
    pinot_ints pads_begin;
    pinot_ints pads_end;
};

static const struct pinot_attr_desc col2im_attr_descs[] = {
    PINOT_ATTR(struct col2im_attrs, strides, "strides", PINOT_ATTR_INTS, false, "1,1"),
    PINOT_ATTR(struct col2im_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, "1,1"),
    PINOT_ATTR(struct col2im_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, "0,0"),
    PINOT_ATTR(struct col2im_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, "0,0"),
    PINOT_ATTR_END,
};

static bool is_index_type(pinot_dtype t) {
    return t == PINOT_DTYPE_DYNAMIC || t == PINOT_DTYPE_I32 || t == PINOT_DTYPE_I64;
}

#define COL2IM_MAX_SPATIAL (PINOT_MAX_RANK - 2)

struct col2im_geometry {
    uint32_t n_spatial;
    int64_t out[COL2IM_MAX_SPATIAL];    /* output_size */
    int64_t kernel[COL2IM_MAX_SPATIAL]; /* kernel_size */
    int64_t blocks[COL2IM_MAX_SPATIAL]; /* sliding blocks per axis */
    bool out_known, kernel_known;
};

static pinot_status check_attr_len(const struct pinot_node * node, bool runtime, const pinot_ints * v,
                                   const char * name, uint32_t n, bool positive) {
    if (v->n != n) {
        return pinot_move_fail(node, runtime, "%s must have %u values, one per spatial axis (got %u)", name, n, v->n);
    }
    for (uint32_t i = 0; i < n && positive; i++) {
        if (v->v[i] <= 0) {
            return pinot_move_fail(node, runtime, "%s must be positive (got %lld)", name, (long long)v->v[i]);
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status col2im_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 struct col2im_geometry * g, pinot_partial_shape * out) {
    const struct col2im_attrs * a = PINOT_ATTRS(node, struct col2im_attrs);
    bool runtime = inputs != NULL;
    memset(g, 0, sizeof(*g));
    pinot_partial_shape data = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape osize = pinot_move_input_shape(node, inputs, 1);
    pinot_partial_shape ksize = pinot_move_input_shape(node, inputs, 2);
    if (data.rank >= 0 && data.rank != 2 && data.rank != 3) {
        return pinot_move_fail(node, runtime, "data must be an unbatched 2D or a batched 3D input (got %s)",
                               pinot_move_text(&data).s);
    }
    if ((osize.rank >= 0 && osize.rank != 1) || (ksize.rank >= 0 && ksize.rank != 1)) {
        return pinot_move_fail(node, runtime, "output_size and kernel_size must be 1D (got %s and %s)",
                               pinot_move_text(&osize).s, pinot_move_text(&ksize).s);
    }
    /* The spatial rank: from the inputs' lengths, else the attributes'. */
    uint32_t n = a->strides.n;
    if (osize.rank == 1 && pinot_dim_is_static(osize.dims[0])) {
        n = (uint32_t)osize.dims[0].min;
    } else if (ksize.rank == 1 && pinot_dim_is_static(ksize.dims[0])) {
        n = (uint32_t)ksize.dims[0].min;
    }
    if (n < 1 || n > COL2IM_MAX_SPATIAL) {
        return pinot_move_fail(node, runtime, "the number of spatial axes must be in [1, %d] (got %u)",
                               COL2IM_MAX_SPATIAL, n);
    }
    if (osize.rank == 1 && ksize.rank == 1 && !pinot_dim_compatible(osize.dims[0], ksize.dims[0])) {
        return pinot_move_fail(node, runtime, "output_size and kernel_size must have the same length (got %s and %s)",
                               pinot_move_text(&osize).s, pinot_move_text(&ksize).s);
    }
    g->n_spatial = n;
    pinot_status status = check_attr_len(node, runtime, &a->strides, "strides", n, true);
    if (status == PINOT_STATUS_OK) {
        status = check_attr_len(node, runtime, &a->dilations, "dilations", n, true);
    }
    if (status == PINOT_STATUS_OK) {
        status = check_attr_len(node, runtime, &a->pads_begin, "pads_begin", n, false);
    }
    if (status == PINOT_STATUS_OK) {
        status = check_attr_len(node, runtime, &a->pads_end, "pads_end", n, false);
    }
    uint32_t count = 0;
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_input_values(node, inputs, 1, g->out, COL2IM_MAX_SPATIAL, &count, &g->out_known);
    }
    if (status == PINOT_STATUS_OK && g->out_known && count != n) {
        status = pinot_move_fail(node, runtime, "output_size must have %u values (got %u)", n, count);
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_input_values(node, inputs, 2, g->kernel, COL2IM_MAX_SPATIAL, &count, &g->kernel_known);
    }
    if (status == PINOT_STATUS_OK && g->kernel_known && count != n) {
        status = pinot_move_fail(node, runtime, "kernel_size must have %u values (got %u)", n, count);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t kernel_product = 1, blocks_product = 1;
    for (uint32_t s = 0; s < n; s++) {
        if (g->kernel_known && g->kernel[s] <= 0) {
            return pinot_move_fail(node, runtime, "kernel_size elements must be positive non-zero values (got %lld)",
                                   (long long)g->kernel[s]);
        }
        if (g->out_known && g->out[s] < 0) {
            return pinot_move_fail(node, runtime, "output_size must be non-negative (got %lld)", (long long)g->out[s]);
        }
        if (g->kernel_known) {
            kernel_product = pinot_move_sat_mul(kernel_product, g->kernel[s]);
        }
        if (g->kernel_known && g->out_known) {
            int64_t span = a->dilations.v[s] * (g->kernel[s] - 1) + 1;
            int64_t padded = g->out[s] + a->pads_begin.v[s] + a->pads_end.v[s];
            if (padded < span) {
                return pinot_move_fail(node, runtime,
                                       "the kernel (span %lld) does not fit the padded output (%lld) on axis %u",
                                       (long long)span, (long long)padded, s);
            }
            g->blocks[s] = (padded - span) / a->strides.v[s] + 1;
            blocks_product = pinot_move_sat_mul(blocks_product, g->blocks[s]);
        }
    }
    if (data.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    bool batched = data.rank == 3;
    pinot_dim cols = data.dims[batched ? 1 : 0];
    pinot_dim length = data.dims[batched ? 2 : 1];
    pinot_dim channels = pinot_dim_dynamic();
    if (g->kernel_known) {
        if (pinot_dim_is_static(cols) && cols.min % kernel_product != 0) {
            return pinot_move_fail(node, runtime,
                                   "First non-batch dimension is not evenly divisible by Product(kernel_shape) "
                                   "(got %lld and %lld)",
                                   (long long)cols.min, (long long)kernel_product);
        }
        channels = pinot_move_dim_div(cols, kernel_product);
    }
    if (g->kernel_known && g->out_known && !pinot_dim_compatible(length, pinot_dim_static(blocks_product))) {
        return pinot_move_fail(node, runtime,
                               "For given inputs and parameters the total number of data blocks must be equal "
                               "to %lld (got data shape %s)",
                               (long long)blocks_product, pinot_move_text(&data).s);
    }
    int32_t k = 0;
    if (batched) {
        out->dims[k++] = data.dims[0];
    }
    out->dims[k++] = channels;
    for (uint32_t s = 0; s < n; s++) {
        out->dims[k++] = g->out_known ? pinot_dim_static(g->out[s]) : pinot_dim_dynamic();
    }
    out->rank = k;
    return PINOT_STATUS_OK;
}

static pinot_status col2im_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (type == PINOT_DTYPE_STRING || type == PINOT_DTYPE_BOOLEAN) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "data element type must be numeric (got %s)",
                                pinot_dtype_name(type));
    }
    pinot_dtype size_type = pinot_node_input_type(node, 1), kernel_type = pinot_node_input_type(node, 2);
    bool index_types = is_index_type(size_type) && is_index_type(kernel_type);
    bool same = size_type == kernel_type || size_type == PINOT_DTYPE_DYNAMIC || kernel_type == PINOT_DTYPE_DYNAMIC;
    if (!index_types || !same) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The element types of the output_size and kernel_size tensors must match and be of i32 "
                                "or i64 type (got %s and %s)",
                                pinot_dtype_name(size_type), pinot_dtype_name(kernel_type));
    }
    struct col2im_geometry g;
    pinot_partial_shape out;
    pinot_status status = col2im_shape(node, NULL, &g, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

static pinot_status col2im_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    const struct col2im_attrs * a = PINOT_ATTRS(node, struct col2im_attrs);
    struct col2im_geometry g;
    pinot_partial_shape out_ps;
    pinot_status status = col2im_shape(node, inputs, &g, &out_ps);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * dshape = pinot_tensor_get_shape(inputs[0]);
    bool batched = dshape->rank == 3;
    int64_t batch = batched ? dshape->dims[0] : 1;
    uint32_t n = g.n_spatial;
    int64_t kernel_count = 1, block_count = 1, image_count = 1;
    for (uint32_t s = 0; s < n; s++) {
        kernel_count *= g.kernel[s];
        block_count *= g.blocks[s];
        image_count *= g.out[s];
    }
    int64_t channels = dshape->dims[batched ? 1 : 0] / kernel_count;
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    bool integer = pinot_ref_is_int(type);
    const void * x = pinot_tensor_get_data(inputs[0]);
    void * y = pinot_tensor_get_data(outputs[0]);
    uint64_t total = pinot_tensor_get_size(outputs[0]);
    for (uint64_t i = 0; i < total; i++) {
        pinot_ref_store_f64(type, y, i, 0.0);
    }
    if (block_count == 0 || kernel_count == 0) {
        return PINOT_STATUS_OK;
    }
    /* Walk every (kernel offset, block) pair; data[b, c * K + kk, l] lands on the
     * image position block * stride - pad_begin + offset * dilation when inside. */
    int64_t koff[COL2IM_MAX_SPATIAL], blk[COL2IM_MAX_SPATIAL];
    for (int64_t b = 0; b < batch; b++) {
        for (int64_t c = 0; c < channels; c++) {
            int64_t image_base = (b * channels + c) * image_count;
            memset(koff, 0, sizeof(koff));
            for (int64_t kk = 0; kk < kernel_count; kk++) {
                int64_t col_base = ((b * channels + c) * kernel_count + kk) * block_count;
                memset(blk, 0, sizeof(blk));
                for (int64_t l = 0; l < block_count; l++) {
                    int64_t pos = 0;
                    bool inside = true;
                    for (uint32_t s = 0; s < n && inside; s++) {
                        int64_t p = blk[s] * a->strides.v[s] - a->pads_begin.v[s] + koff[s] * a->dilations.v[s];
                        inside = p >= 0 && p < g.out[s];
                        pos = pos * g.out[s] + p;
                    }
                    if (inside) {
                        uint64_t yi = (uint64_t)(image_base + pos), xi = (uint64_t)(col_base + l);
                        if (integer) {
                            int64_t sum = pinot_ref_load_i64(type, y, yi) + pinot_ref_load_i64(type, x, xi);
                            pinot_ref_store_i64(type, y, yi, sum);
                        } else {
                            double sum = pinot_ref_load_f64(type, y, yi) + pinot_ref_load_f64(type, x, xi);
                            pinot_ref_store_f64(type, y, yi, sum);
                        }
                    }
                    for (uint32_t s = n; s-- > 0;) {
                        if (++blk[s] < g.blocks[s]) {
                            break;
                        }
                        blk[s] = 0;
                    }
                }
                for (uint32_t s = n; s-- > 0;) {
                    if (++koff[s] < g.kernel[s]) {
                        break;
                    }
                    koff[s] = 0;
                }
            }
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t col2im_versions[] = {15, 0};

const struct pinot_op_impl pinot_op_impl_col2im = {
    .type_name = "Col2Im",
    .versions = col2im_versions,
    .attrs = col2im_attr_descs,
    .attrs_size = sizeof(struct col2im_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = col2im_validate,
    .evaluate = col2im_evaluate,
};

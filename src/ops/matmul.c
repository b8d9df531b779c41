/* Matrix products: MatMul-1 (numpy matmul with transposes, 1-D promotion and
 * batch broadcasting) and ScaledDotProductAttention-13. MatMul's f32 path runs
 * the packed GEMM in src/kernels/f32-gemm per 2-D batch slice (its oracle is
 * the reference in tests/c/test-gemm.c); f64 and the other types keep plain
 * reference loops. Einsum-7 is in einsum.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "kernels/f32-gemm/gemm-impl.h"
#include "ops/ref-util.h"
#include "runtime/runtime-impl.h"

static const char * dim_text(pinot_dim d, char * buf, size_t size) {
    pinot_dim_to_string(d, buf, size);
    return buf;
}

/* ======================================================================== */
/* MatMul-1                                                                 */
/* ======================================================================== */

/* a: [..., M, K] (or [K] / [..., K, M] transposed), b: [..., K, N] -> [..., M, N];
 * a 1-D side is promoted to a matrix (ignoring its transpose) and its unit
 * dimension dropped from the output, as numpy.matmul does. */

struct matmul_attrs {
    bool transpose_a;
    bool transpose_b;
};

static const struct pinot_attr_desc matmul_attr_descs[] = {
    PINOT_ATTR(struct matmul_attrs, transpose_a, "transpose_a", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR(struct matmul_attrs, transpose_b, "transpose_b", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_END,
};

static pinot_status matmul_validate(struct pinot_node * node) {
    const struct matmul_attrs * attrs = PINOT_ATTRS(node, struct matmul_attrs);
    pinot_dtype type_a = pinot_node_input_type(node, 0);
    pinot_dtype type_b = pinot_node_input_type(node, 1);
    pinot_dtype type;
    if (!pinot_dtype_merge(type_a, type_b, &type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Arguments do not have the same element type (arg0 element type: %s, arg1 "
                                "element type: %s).",
                                pinot_dtype_name(type_a), pinot_dtype_name(type_b));
    }
    if (type == PINOT_DTYPE_STRING) {
        /* OpenVINO accepts this at validation but has no kernel for it. */
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "MatMul needs numeric inputs (got element type string)");
    }
    const pinot_partial_shape * a = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * b = pinot_node_input_shape(node, 1);
    pinot_partial_shape out;
    if (a->rank == 0 || b->rank == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Scalars are not supported as MatMul inputs.");
    }
    if (a->rank < 0 || b->rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
        pinot_node_set_output(node, 0, type, &out);
        return PINOT_STATUS_OK;
    }
    pinot_partial_shape pa = *a, pb = *b;
    bool a_vec = a->rank == 1, b_vec = b->rank == 1;
    if (a_vec) {
        pa.rank = 2;
        pa.dims[1] = a->dims[0];
        pa.dims[0] = pinot_dim_static(1);
    }
    if (b_vec) {
        pb.rank = 2;
        pb.dims[0] = b->dims[0];
        pb.dims[1] = pinot_dim_static(1);
    }
    bool ta = attrs->transpose_a && !a_vec, tb = attrs->transpose_b && !b_vec;
    int32_t ra = pa.rank, rb = pb.rank;
    int32_t a_row = ta ? ra - 1 : ra - 2, a_col = ta ? ra - 2 : ra - 1;
    int32_t b_row = tb ? rb - 1 : rb - 2, b_col = tb ? rb - 2 : rb - 1;
    pinot_dim ka = pa.dims[a_col], kb = pb.dims[b_row];
    char t1[48], t2[48];
    /* Only two static sizes can be told apart for sure; OpenVINO lets dynamic ones through. */
    if (pinot_dim_is_static(ka) && pinot_dim_is_static(kb) && ka.min != kb.min) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Incompatible MatMul matrix dimension. First input dimension=%s at COL_INDEX_DIM=%d "
                                "doesn't match the second input dimension=%s at ROW_INDEX_DIM=%d",
                                dim_text(ka, t1, sizeof(t1)), (int)a_col, dim_text(kb, t2, sizeof(t2)), (int)b_row);
    }
    int32_t rank = ra > rb ? ra : rb;
    out.rank = 0;
    for (int32_t i = 0; i < rank - 2; i++) {
        int32_t ia = i - (rank - ra), ib = i - (rank - rb);
        pinot_dim da = ia >= 0 ? pa.dims[ia] : pinot_dim_static(1);
        pinot_dim db = ib >= 0 ? pb.dims[ib] : pinot_dim_static(1);
        pinot_dim d;
        if (!pinot_dim_broadcast_merge(da, db, &d)) {
            if (pinot_dim_is_static(da) && pinot_dim_is_static(db)) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Incompatible MatMul batch dimension. Can't merge first input dimension=%s "
                                        "with second input dimension=%s at index=%d",
                                        dim_text(da, t1, sizeof(t1)), dim_text(db, t2, sizeof(t2)), (int)i);
            }
            d = pinot_dim_dynamic();
        }
        out.dims[out.rank++] = d;
    }
    if (!a_vec) {
        out.dims[out.rank++] = pa.dims[a_row];
    }
    if (!b_vec) {
        out.dims[out.rank++] = pb.dims[b_col];
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* Static geometry of one MatMul call. Batch offsets count matrices. */
struct matmul_geom {
    pinot_shape a_batch, b_batch, batch, out;
    int64_t m, n, k;
    bool ta, tb;
};

static pinot_status matmul_geometry(const struct pinot_node * node, const pinot_shape * a, const pinot_shape * b,
                                    struct matmul_geom * g) {
    const struct matmul_attrs * attrs = PINOT_ATTRS(node, struct matmul_attrs);
    if (a->rank == 0 || b->rank == 0) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Scalars are not supported as MatMul inputs.");
    }
    bool a_vec = a->rank == 1, b_vec = b->rank == 1;
    g->ta = attrs->transpose_a && !a_vec;
    g->tb = attrs->transpose_b && !b_vec;
    int64_t a0 = a_vec ? 1 : a->dims[a->rank - 2], a1 = a->dims[a->rank - 1];
    int64_t b0 = b_vec ? b->dims[0] : b->dims[b->rank - 2], b1 = b_vec ? 1 : b->dims[b->rank - 1];
    g->m = g->ta ? a1 : a0;
    g->k = g->ta ? a0 : a1;
    int64_t kb = g->tb ? b1 : b0;
    g->n = g->tb ? b0 : b1;
    if (g->k != kb) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Incompatible MatMul matrix dimension (got K=%lld for the first input and %lld for "
                                "the second)", (long long)g->k, (long long)kb);
    }
    g->a_batch.rank = a_vec ? 0 : a->rank - 2;
    g->b_batch.rank = b_vec ? 0 : b->rank - 2;
    memcpy(g->a_batch.dims, a->dims, sizeof(int64_t) * g->a_batch.rank);
    memcpy(g->b_batch.dims, b->dims, sizeof(int64_t) * g->b_batch.rank);
    const pinot_shape * batches[2] = {&g->a_batch, &g->b_batch};
    if (!pinot_ref_broadcast_shape(batches, 2, &g->batch)) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Incompatible MatMul batch dimension (batch shapes do not broadcast)");
    }
    g->out = g->batch;
    if (!a_vec) {
        g->out.dims[g->out.rank++] = g->m;
    }
    if (!b_vec) {
        g->out.dims[g->out.rank++] = g->n;
    }
    return PINOT_STATUS_OK;
}

/* C[M,N] = A[M,K] B[K,N] for one matrix pair; A is stored [K,M] when ta and B [N,K] when tb.
 * Without tb the i-k-j order streams rows of B and C; with tb rows of B are
 * already contiguous in k, so a dot product per element reads best. */
#define MATMUL_KERNEL(NAME, T)                                                                                       \
    static void NAME(const T * a, const T * b, T * c, int64_t m, int64_t n, int64_t k, bool ta, bool tb) {          \
        for (int64_t i = 0; i < m; i++) {                                                                            \
            T * crow = c + i * n;                                                                                    \
            if (!tb) {                                                                                               \
                for (int64_t j = 0; j < n; j++) {                                                                    \
                    crow[j] = 0;                                                                                     \
                }                                                                                                    \
                for (int64_t p = 0; p < k; p++) {                                                                    \
                    T aip = ta ? a[p * m + i] : a[i * k + p];                                                        \
                    const T * brow = b + p * n;                                                                      \
                    for (int64_t j = 0; j < n; j++) {                                                                \
                        crow[j] += aip * brow[j];                                                                    \
                    }                                                                                                \
                }                                                                                                    \
            } else {                                                                                                 \
                for (int64_t j = 0; j < n; j++) {                                                                    \
                    const T * brow = b + j * k;                                                                      \
                    T acc = 0;                                                                                       \
                    for (int64_t p = 0; p < k; p++) {                                                                \
                        acc += (ta ? a[p * m + i] : a[i * k + p]) * brow[p];                                         \
                    }                                                                                                \
                    crow[j] = acc;                                                                                   \
                }                                                                                                    \
            }                                                                                                        \
        }                                                                                                            \
    }

MATMUL_KERNEL(matmul_f64, double)

/* Any other type, element by element: floats accumulate in double, integers
 * (and boolean) in int64 with wrap-around, as a C++ kernel over the type would. */
static void matmul_generic(pinot_dtype type, const void * a, uint64_t a_off, const void * b, uint64_t b_off, void * c,
                           uint64_t c_off, const struct matmul_geom * g) {
    bool is_int = pinot_ref_is_int(type);
    int64_t m = g->m, n = g->n, k = g->k;
    for (int64_t i = 0; i < m; i++) {
        for (int64_t j = 0; j < n; j++) {
            double accf = 0;
            uint64_t acci = 0;
            for (int64_t p = 0; p < k; p++) {
                uint64_t ia = a_off + (uint64_t)(g->ta ? p * m + i : i * k + p);
                uint64_t ib = b_off + (uint64_t)(g->tb ? j * k + p : p * n + j);
                if (is_int) {
                    acci += (uint64_t)pinot_ref_load_i64(type, a, ia) * (uint64_t)pinot_ref_load_i64(type, b, ib);
                } else {
                    accf += pinot_ref_load_f64(type, a, ia) * pinot_ref_load_f64(type, b, ib);
                }
            }
            uint64_t ic = c_off + (uint64_t)(i * n + j);
            if (is_int) {
                pinot_ref_store_i64(type, c, ic, (int64_t)acci);
            } else {
                pinot_ref_store_f64(type, c, ic, accf);
            }
        }
    }
}

static pinot_status matmul_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    struct matmul_geom g;
    pinot_status status = matmul_geometry(node, pinot_tensor_get_shape(inputs[0]),
                                          pinot_tensor_get_shape(inputs[1]), &g);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    status = pinot_tensor_set_shape(outputs[0], &g.out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    const void * a = pinot_tensor_get_data(inputs[0]);
    const void * b = pinot_tensor_get_data(inputs[1]);
    void * c = pinot_tensor_get_data(outputs[0]);
    if (pinot_tensor_get_type(inputs[0]) != type || pinot_tensor_get_type(inputs[1]) != type) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "input element types differ from the output's %s", pinot_dtype_name(type));
    }
    if (type == PINOT_DTYPE_STRING || type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "no kernel for element type %s", pinot_dtype_name(type));
    }
    uint64_t a_size = (uint64_t)(g.m * g.k), b_size = (uint64_t)(g.k * g.n), c_size = (uint64_t)(g.m * g.n);
    struct pinot_ref_bcast it;
    const pinot_shape * batches[2] = {&g.a_batch, &g.b_batch};
    pinot_ref_bcast_init(&it, &g.batch, batches, 2);
    for (uint64_t t = 0; t < it.count; t++, pinot_ref_bcast_next(&it)) {
        uint64_t a_off = (uint64_t)it.offset[0] * a_size, b_off = (uint64_t)it.offset[1] * b_size;
        uint64_t c_off = t * c_size;
        if (type == PINOT_DTYPE_F32) {
            /* Row strides follow from the stored layouts: A [M,K] or [K,M], B [K,N] or [N,K]. */
            size_t m = (size_t)g.m, n = (size_t)g.n, k = (size_t)g.k;
            status = pinot_f32_gemm(m, n, k, (const float *)a + a_off, g.ta ? m : k, g.ta, (const float *)b + b_off,
                                    g.tb ? k : n, g.tb, (float *)c + c_off, n, pinot_streams_current_pool());
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        } else if (type == PINOT_DTYPE_F64) {
            matmul_f64((const double *)a + a_off, (const double *)b + b_off, (double *)c + c_off, g.m, g.n, g.k,
                       g.ta, g.tb);
        } else {
            matmul_generic(type, a, a_off, b, b_off, c, c_off, &g);
        }
    }
    return PINOT_STATUS_OK;
}

static const uint8_t matmul_versions[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_matmul = {
    .type_name = "MatMul",
    .versions = matmul_versions,
    .attrs = matmul_attr_descs,
    .attrs_size = sizeof(struct matmul_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = matmul_validate,
    .evaluate = matmul_evaluate,
};

/* ======================================================================== */
/* ScaledDotProductAttention-13                                             */
/* ======================================================================== */

/* q: [N..., L, E], k: [N..., S, E], v: [N..., S, Ev], optional mask [N..., L, S]
 * (boolean: false masks out; float: added) or a scalar, optional scale -> [N..., L, Ev].
 * Batch dims broadcast numpy-style across all four, and so do the mask's L and S.
 * causal=true masks s > l (a top-left aligned lower triangle) and ignores the
 * mask input entirely, as OpenVINO does. A row with every score masked out
 * gives NaN, as OpenVINO's softmax over -inf does. */

struct sdpa_attrs {
    bool causal;
};

static const struct pinot_attr_desc sdpa_attr_descs[] = {
    PINOT_ATTR(struct sdpa_attrs, causal, "causal", PINOT_ATTR_BOOL, false, "false"),
    PINOT_ATTR_END,
};

/* dst (batch dims) broadcast with src's leading rank-`tail` dims. */
static bool broadcast_batch(pinot_partial_shape * dst, const pinot_partial_shape * src, int32_t tail) {
    pinot_partial_shape head = *src;
    head.rank = src->rank - tail;
    return pinot_partial_shape_broadcast_merge(dst, &head, dst);
}

static pinot_status sdpa_validate(struct pinot_node * node) {
    const struct sdpa_attrs * attrs = PINOT_ATTRS(node, struct sdpa_attrs);
    uint32_t n_inputs = node->n_inputs;
    bool use_mask = n_inputs >= 4 && !attrs->causal;
    if (use_mask) {
        pinot_dtype mt = pinot_node_input_type(node, 3);
        const pinot_dtype_info * info = pinot_dtype_get_info(mt);
        if (!(info->is_real || mt == PINOT_DTYPE_BOOLEAN || mt == PINOT_DTYPE_DYNAMIC)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The element type of attention_mask must be either floating-point or boolean "
                                    "(got %s).",
                                    info->name);
        }
    }
    pinot_dtype type = pinot_node_input_type(node, 0);
    for (uint32_t i = 1; i < n_inputs; i++) {
        pinot_dtype t = pinot_node_input_type(node, i);
        if (i == 3 && (t == PINOT_DTYPE_BOOLEAN || attrs->causal)) {
            continue; /* a boolean or ignored mask does not take part in the type */
        }
        if (!pinot_dtype_merge(type, t, &type)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Mixed input types are not supported (input %u is %s, expected %s).", i,
                                    pinot_dtype_name(t), pinot_dtype_name(type));
        }
    }
    if (!(pinot_dtype_get_info(type)->is_real || type == PINOT_DTYPE_DYNAMIC)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The element type of the input tensor must be a floating-point (got %s).",
                                pinot_dtype_name(type));
    }
    if (n_inputs == 5) {
        const pinot_partial_shape * s = pinot_node_input_shape(node, 4);
        bool ok = s->rank <= 0 || (s->rank == 1 && pinot_dim_compatible(s->dims[0], pinot_dim_static(1)));
        if (!ok) {
            char text[128];
            pinot_partial_shape_to_string(s, text, sizeof(text));
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Scale input must be scalar or have 1 element (got shape %s).", text);
        }
    }
    const pinot_partial_shape * q = pinot_node_input_shape(node, 0);
    pinot_partial_shape out;
    if (q->rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
        pinot_node_set_output(node, 0, type, &out);
        return PINOT_STATUS_OK;
    }
    if (q->rank < 3) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Query input rank length must be at least 3 or more (got rank %d).", (int)q->rank);
    }
    pinot_partial_shape batch = *q;
    batch.rank = q->rank - 2;
    pinot_dim l = q->dims[q->rank - 2], e = q->dims[q->rank - 1];
    pinot_dim s = pinot_dim_dynamic(), ev = pinot_dim_dynamic();
    const pinot_partial_shape * k = pinot_node_input_shape(node, 1);
    if (k->rank >= 0) {
        bool ok = k->rank >= 3 && pinot_dim_merge(e, k->dims[k->rank - 1], &e) && broadcast_batch(&batch, k, 2);
        if (!ok) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Key input shape not compatible with other inputs.");
        }
        s = k->dims[k->rank - 2];
    }
    const pinot_partial_shape * v = pinot_node_input_shape(node, 2);
    if (v->rank >= 0) {
        bool ok = v->rank >= 3 && pinot_dim_merge(s, v->dims[v->rank - 2], &s) && broadcast_batch(&batch, v, 2);
        if (!ok) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Value input shape not compatible with other inputs.");
        }
        ev = v->dims[v->rank - 1];
    }
    if (use_mask) {
        const pinot_partial_shape * m = pinot_node_input_shape(node, 3);
        if (m->rank > 0) {
            bool ok = m->rank >= 2 && pinot_dim_broadcast_merge(l, m->dims[m->rank - 2], &l) &&
                      pinot_dim_broadcast_merge(s, m->dims[m->rank - 1], &s) && broadcast_batch(&batch, m, 2);
            if (!ok) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Attention mask input shape not compatible with other inputs.");
            }
        }
    }
    if (batch.rank < 0) {
        pinot_partial_shape_dynamic(&out, -1);
    } else {
        if (batch.rank + 2 > PINOT_MAX_RANK) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output rank exceeds %d", PINOT_MAX_RANK);
        }
        out = batch;
        out.dims[out.rank++] = l;
        out.dims[out.rank++] = ev;
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* The matrix part (last two dims) of an operand, with its batch dims split off. */
struct sdpa_operand {
    pinot_shape batch;
    int64_t rows, cols;
};

static void sdpa_split(const pinot_shape * shape, struct sdpa_operand * op) {
    if (shape->rank < 2) { /* a scalar mask */
        op->batch.rank = 0;
        op->rows = op->cols = 1;
        return;
    }
    op->batch = *shape;
    op->batch.rank = shape->rank - 2;
    op->rows = shape->dims[shape->rank - 2];
    op->cols = shape->dims[shape->rank - 1];
}

/* n and m broadcast (one of them 1, or equal) into *out. */
static bool bcast_dim(int64_t n, int64_t m, int64_t * out) {
    if (n != m && n != 1 && m != 1) {
        return false;
    }
    *out = n == 1 ? m : n;
    return true;
}

static pinot_status sdpa_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_tensor_t * const * outputs) {
    const struct sdpa_attrs * attrs = PINOT_ATTRS(node, struct sdpa_attrs);
    uint32_t n_inputs = node->n_inputs;
    bool use_mask = n_inputs >= 4 && !attrs->causal;
    struct sdpa_operand q, k, v, m = {.batch = {.rank = 0}, .rows = 1, .cols = 1};
    sdpa_split(pinot_tensor_get_shape(inputs[0]), &q);
    sdpa_split(pinot_tensor_get_shape(inputs[1]), &k);
    sdpa_split(pinot_tensor_get_shape(inputs[2]), &v);
    if (pinot_tensor_get_shape(inputs[0])->rank < 3 || pinot_tensor_get_shape(inputs[1])->rank < 3 ||
        pinot_tensor_get_shape(inputs[2])->rank < 3) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "query, key and value need rank 3 or more");
    }
    if (use_mask) {
        const pinot_shape * ms = pinot_tensor_get_shape(inputs[3]);
        if (ms->rank == 1) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Attention mask input shape not compatible with other inputs.");
        }
        sdpa_split(ms, &m);
    }
    int64_t e = q.cols, ev = v.cols, l = q.rows, s = k.rows;
    if (k.cols != e || v.rows != s) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "key/value shapes do not match the query (E %lld vs %lld, S %lld vs %lld)",
                          (long long)e, (long long)k.cols, (long long)s, (long long)v.rows);
    }
    if (use_mask && (!bcast_dim(l, m.rows, &l) || !bcast_dim(s, m.cols, &s))) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Attention mask input shape not compatible with other inputs.");
    }
    pinot_shape batch;
    const pinot_shape * batches[4] = {&q.batch, &k.batch, &v.batch, &m.batch};
    if (!pinot_ref_broadcast_shape(batches, use_mask ? 4 : 3, &batch) || batch.rank + 2 > PINOT_MAX_RANK) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "batch dimensions of the inputs do not broadcast");
    }
    pinot_shape out_shape = batch;
    out_shape.dims[out_shape.rank++] = l;
    out_shape.dims[out_shape.rank++] = ev;
    pinot_status status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    const void * qd = pinot_tensor_get_data(inputs[0]);
    const void * kd = pinot_tensor_get_data(inputs[1]);
    const void * vd = pinot_tensor_get_data(inputs[2]);
    void * od = pinot_tensor_get_data(outputs[0]);
    const void * md = use_mask ? pinot_tensor_get_data(inputs[3]) : NULL;
    pinot_dtype mtype = use_mask ? pinot_tensor_get_type(inputs[3]) : PINOT_DTYPE_F32;
    pinot_dtype types[3] = {pinot_tensor_get_type(inputs[0]), pinot_tensor_get_type(inputs[1]),
                            pinot_tensor_get_type(inputs[2])};
    double scale = 1.0 / sqrt((double)e);
    if (n_inputs == 5) {
        if (pinot_tensor_get_size(inputs[4]) != 1) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Scale input must be scalar or have 1 element.");
        }
        scale = pinot_ref_load_f64(pinot_tensor_get_type(inputs[4]), pinot_tensor_get_data(inputs[4]), 0);
    }
    uint64_t count = pinot_tensor_get_size(outputs[0]);
    if (count == 0) {
        return PINOT_STATUS_OK;
    }
    /* scores for one query row, then the Ev accumulators */
    double * work = malloc(sizeof(double) * (size_t)(s + ev + 1));
    if (work == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in ScaledDotProductAttention");
    }
    double * scores = work;
    double * acc = work + s;
    /* Steps along L and S inside each operand (0 where the operand broadcasts). */
    int64_t q_row = q.rows == 1 ? 0 : e;
    int64_t k_row = k.rows == 1 ? 0 : e, v_row = v.rows == 1 ? 0 : ev;
    int64_t m_row = m.rows == 1 ? 0 : m.cols, m_col = m.cols == 1 ? 0 : 1;
    struct pinot_ref_bcast it;
    pinot_ref_bcast_init(&it, &batch, batches, use_mask ? 4 : 3);
    for (uint64_t t = 0; t < it.count; t++, pinot_ref_bcast_next(&it)) {
        uint64_t q_base = (uint64_t)it.offset[0] * (uint64_t)(q.rows * e);
        uint64_t k_base = (uint64_t)it.offset[1] * (uint64_t)(k.rows * e);
        uint64_t v_base = (uint64_t)it.offset[2] * (uint64_t)(v.rows * ev);
        uint64_t m_base = use_mask ? (uint64_t)it.offset[3] * (uint64_t)(m.rows * m.cols) : 0;
        uint64_t o_base = t * (uint64_t)(l * ev);
        for (int64_t i = 0; i < l; i++) {
            double max = -INFINITY;
            for (int64_t j = 0; j < s; j++) {
                double dot = 0;
                for (int64_t c = 0; c < e; c++) {
                    dot += pinot_ref_load_f64(types[0], qd, q_base + (uint64_t)(i * q_row + c)) *
                           pinot_ref_load_f64(types[1], kd, k_base + (uint64_t)(j * k_row + c));
                }
                double score = dot * scale;
                if (attrs->causal) {
                    if (j > i) {
                        score = -INFINITY;
                    }
                } else if (use_mask) {
                    uint64_t mi = m_base + (uint64_t)(i * m_row + j * m_col);
                    if (mtype == PINOT_DTYPE_BOOLEAN) {
                        if (pinot_ref_load_i64(mtype, md, mi) == 0) {
                            score = -INFINITY;
                        }
                    } else {
                        score += pinot_ref_load_f64(mtype, md, mi);
                    }
                }
                scores[j] = score;
                if (score > max) {
                    max = score; /* NaN scores never win, but make the whole row NaN below */
                }
            }
            /* Softmax with the row maximum subtracted. All -inf gives exp(NaN):
             * the NaN row OpenVINO produces for a fully masked query. */
            double sum = 0;
            for (int64_t j = 0; j < s; j++) {
                scores[j] = exp(scores[j] - max);
                sum += scores[j];
            }
            for (int64_t c = 0; c < ev; c++) {
                acc[c] = 0;
            }
            for (int64_t j = 0; j < s; j++) {
                double p = scores[j] / sum;
                for (int64_t c = 0; c < ev; c++) {
                    acc[c] += p * pinot_ref_load_f64(types[2], vd, v_base + (uint64_t)(j * v_row + c));
                }
            }
            for (int64_t c = 0; c < ev; c++) {
                pinot_ref_store_f64(type, od, o_base + (uint64_t)(i * ev + c), acc[c]);
            }
        }
    }
    free(work);
    return PINOT_STATUS_OK;
}

static const uint8_t sdpa_versions[] = {13, 0};

const struct pinot_op_impl pinot_op_impl_scaled_dot_product_attention = {
    .type_name = "ScaledDotProductAttention",
    .versions = sdpa_versions,
    .attrs = sdpa_attr_descs,
    .attrs_size = sizeof(struct sdpa_attrs),
    .min_inputs = 3,
    .max_inputs = 5,
    .validate = sdpa_validate,
    .evaluate = sdpa_evaluate,
};

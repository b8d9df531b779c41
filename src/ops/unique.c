/* Unique-10: the distinct elements (or slices along an axis) of a tensor, with
 * first-occurrence indices, the inverse mapping and counts; output sizes are
 * data-dependent. Reference kernel: a stable merge sort of the slices. Not
 * here: a hash-based kernel for large inputs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ops/movement-impl.h"
#include "ops/ref-util.h"

/* ======================================================================
 * data [d0..dr-1], axis (optional scalar) ->
 *   unique: data's shape with d_axis -> U (no axis: data flattened, [U]),
 *   indices [U]: where each unique slice first occurs,
 *   rev_indices [d_axis] (no axis: [size]): the unique slice of each input slice,
 *   counts [U]: how often each unique slice occurs.
 * sorted: ascending (slices compared lexicographically, NaN after numbers and
 * equal to NaN); otherwise in order of first occurrence.
 * ====================================================================== */

struct unique_attrs {
    bool sorted;
    pinot_dtype index_element_type;
    pinot_dtype count_element_type;
};

static const struct pinot_attr_desc unique_attrs_desc[] = {
    PINOT_ATTR(struct unique_attrs, sorted, "sorted", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR(struct unique_attrs, index_element_type, "index_element_type", PINOT_ATTR_TYPE, false, "i64"),
    PINOT_ATTR(struct unique_attrs, count_element_type, "count_element_type", PINOT_ATTR_TYPE, false, "i64"),
    PINOT_ATTR_END,
};

/* The axis input in validate() (false when not constant) or evaluate(), normalized against @p rank. */
static pinot_status unique_axis(const struct pinot_node * node, pinot_tensor_t * const * inputs, int32_t rank,
                                bool * known, int64_t * axis) {
    bool runtime = inputs != NULL;
    int64_t value = 0;
    uint32_t n = 0;
    *known = false;
    pinot_status status = pinot_move_input_values(node, inputs, 1, &value, 1, &n, known);
    if (status != PINOT_STATUS_OK || !*known) {
        return status;
    }
    if (n != 1) {
        return pinot_move_fail(node, runtime, "The 'axis' input tensor must contain exactly one value (got %u)", n);
    }
    if (rank < 0) {
        *known = false;
        return PINOT_STATUS_OK;
    }
    if (rank == 0) {
        return pinot_move_fail(node, runtime, "Unique with an axis needs an input of rank 1 or more (got a scalar)");
    }
    return pinot_move_normalize_axis(node, runtime, value, rank, axis);
}

static pinot_status unique_validate(struct pinot_node * node) {
    const struct unique_attrs * a = PINOT_ATTRS(node, struct unique_attrs);
    if (a->index_element_type != PINOT_DTYPE_I32 && a->index_element_type != PINOT_DTYPE_I64) {
        return pinot_move_fail(node, false, "The index element type must be i32 or i64 (got %s)",
                               pinot_dtype_name(a->index_element_type));
    }
    if (a->count_element_type != PINOT_DTYPE_I32 && a->count_element_type != PINOT_DTYPE_I64) {
        return pinot_move_fail(node, false, "The count element type must be i32 or i64 (got %s)",
                               pinot_dtype_name(a->count_element_type));
    }
    const pinot_partial_shape * in = pinot_node_input_shape(node, 0);
    pinot_partial_shape out, flat = {.rank = 1}, rev = {.rank = 1};
    pinot_dim total = pinot_dim_static(1);
    for (int32_t i = 0; i < in->rank; i++) {
        total = pinot_move_dim_mul(total, in->dims[i]);
    }
    if (in->rank < 0) {
        total = pinot_dim_dynamic();
    }
    bool in_static = in->rank >= 0;
    for (int32_t i = 0; i < in->rank; i++) {
        in_static = in_static && pinot_dim_is_static(in->dims[i]);
    }
    if (node->n_inputs > 1) {
        pinot_status status = pinot_move_check_int_input(node, 1, "The 'axis' input");
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        const pinot_partial_shape * axis_shape = pinot_node_input_shape(node, 1);
        if (axis_shape->rank > 1 || (axis_shape->rank == 1 && axis_shape->dims[0].min > 1)) {
            return pinot_move_fail(node, false, "The 'axis' input tensor must be a scalar or hold one value (got %s)",
                                   pinot_move_text(axis_shape).s);
        }
        bool known = false;
        int64_t axis = 0;
        status = unique_axis(node, NULL, in->rank, &known, &axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (known) {
            /* OpenVINO's shape inference: an empty axis empties every output; otherwise
             * 1..max slices, and the indices and counts are bounded by the element count
             * of a static input only (not by the axis length). */
            pinot_dim d = in->dims[axis];
            out = *in;
            rev.dims[0] = d;
            if (d.max == 0) {
                flat.dims[0] = pinot_dim_static(0);
            } else {
                out.dims[axis] = d.max < PINOT_DIM_INF ? pinot_dim_make(1, d.max) : pinot_dim_dynamic();
                flat.dims[0] = in_static && total.min > 0 ? pinot_dim_make(1, total.max) : pinot_dim_dynamic();
            }
        } else {
            /* Unknown axis: any dimension may shrink. */
            pinot_partial_shape_dynamic(&out, in->rank);
            flat.dims[0] = rev.dims[0] = pinot_dim_dynamic();
        }
    } else {
        /* As OpenVINO: bounds only for a static non-empty input, else all dynamic. */
        out.rank = 1;
        bool bounded = in_static && total.min > 0;
        out.dims[0] = bounded ? pinot_dim_make(1, total.max) : pinot_dim_dynamic();
        flat.dims[0] = out.dims[0];
        rev.dims[0] = bounded ? total : pinot_dim_dynamic();
    }
    pinot_status status = pinot_node_set_output_count(node, 4);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), &out);
    pinot_node_set_output(node, 1, a->index_element_type, &flat);
    pinot_node_set_output(node, 2, a->index_element_type, &rev);
    pinot_node_set_output(node, 3, a->count_element_type, &flat);
    return PINOT_STATUS_OK;
}

/* The slices to compare: slice j holds elements (o, j, i) for o < outer, i < inner. */
struct unique_view {
    const pinot_tensor_t * data;
    pinot_dtype type;
    const void * values;
    int64_t outer, dim, inner;
};

static int compare_element(const struct unique_view * v, uint64_t x, uint64_t y) {
    pinot_dtype type = v->type;
    if (type == PINOT_DTYPE_STRING) {
        const pinot_string *a = (const pinot_string *)v->values + x, *b = (const pinot_string *)v->values + y;
        size_t n = a->size < b->size ? a->size : b->size;
        int c = n > 0 ? memcmp(a->data, b->data, n) : 0;
        return c != 0 ? (c < 0 ? -1 : 1) : (a->size > b->size) - (a->size < b->size);
    }
    if (type == PINOT_DTYPE_U64) {
        uint64_t a = ((const uint64_t *)v->values)[x], b = ((const uint64_t *)v->values)[y];
        return (a > b) - (a < b);
    }
    if (pinot_ref_is_int(type) || type == PINOT_DTYPE_BOOLEAN) {
        int64_t a = pinot_ref_load_i64(type, v->values, x), b = pinot_ref_load_i64(type, v->values, y);
        return (a > b) - (a < b);
    }
    double a = pinot_ref_load_f64(type, v->values, x), b = pinot_ref_load_f64(type, v->values, y);
    if (isnan(a) || isnan(b)) {
        return isnan(a) - isnan(b);
    }
    return (a > b) - (a < b);
}

static int compare_slices(const struct unique_view * v, int64_t j, int64_t k) {
    for (int64_t o = 0; o < v->outer; o++) {
        for (int64_t i = 0; i < v->inner; i++) {
            int c = compare_element(v, (uint64_t)((o * v->dim + j) * v->inner + i),
                                    (uint64_t)((o * v->dim + k) * v->inner + i));
            if (c != 0) {
                return c;
            }
        }
    }
    return 0;
}

/* Stable merge sort of slice numbers (equal slices keep their input order). */
static void sort_slices(const struct unique_view * v, int64_t * order, int64_t * scratch, int64_t n) {
    for (int64_t width = 1; width < n; width *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * width) {
            int64_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            int64_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                scratch[k++] = compare_slices(v, order[j], order[i]) < 0 ? order[j++] : order[i++];
            }
            while (i < mid) {
                scratch[k++] = order[i++];
            }
            while (j < hi) {
                scratch[k++] = order[j++];
            }
        }
        memcpy(order, scratch, sizeof(*order) * (size_t)n);
    }
}

static pinot_status unique_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    const struct unique_attrs * a = PINOT_ATTRS(node, struct unique_attrs);
    const pinot_shape * in = pinot_tensor_get_shape(inputs[0]);
    struct unique_view v = {inputs[0], pinot_tensor_get_type(inputs[0]), pinot_tensor_get_data(inputs[0]), 1, 1, 1};
    v.dim = (int64_t)pinot_tensor_get_size(inputs[0]);
    int64_t axis = -1;
    if (node->n_inputs > 1) {
        bool known = false;
        pinot_status status = unique_axis(node, inputs, (int32_t)in->rank, &known, &axis);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        v.outer = pinot_ref_dims_product(in, 0, (uint32_t)axis);
        v.dim = in->dims[axis];
        v.inner = pinot_ref_dims_product(in, (uint32_t)axis + 1, in->rank);
    }
    int64_t n = v.dim;
    size_t count = (size_t)(n > 0 ? n : 1);
    /* order: slices sorted; group[j]: the group of slice j (groups numbered in sorted order);
     * first[g], counts[g]: first slice and size of group g; rank[g]: g's output position. */
    int64_t * order = malloc(sizeof(int64_t) * count);
    int64_t * scratch = malloc(sizeof(int64_t) * count);
    int64_t * group = malloc(sizeof(int64_t) * count);
    int64_t * first = malloc(sizeof(int64_t) * count);
    int64_t * counts = malloc(sizeof(int64_t) * count);
    int64_t * position = malloc(sizeof(int64_t) * count);
    pinot_status status = PINOT_STATUS_OK;
    if (order == NULL || scratch == NULL || group == NULL || first == NULL || counts == NULL || position == NULL) {
        status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory for %lld slices",
                                       (long long)n);
        goto cleanup;
    }
    for (int64_t j = 0; j < n; j++) {
        order[j] = j;
    }
    /* Empty slices (outer or inner 0) are all equal. */
    if (v.outer > 0 && v.inner > 0) {
        sort_slices(&v, order, scratch, n);
    }
    int64_t n_groups = 0;
    for (int64_t s = 0; s < n; s++) {
        bool same = s > 0 && (v.outer == 0 || v.inner == 0 || compare_slices(&v, order[s - 1], order[s]) == 0);
        if (!same) {
            first[n_groups] = order[s]; /* stable sort: the first occurrence leads its group */
            counts[n_groups] = 0;
            n_groups++;
        }
        group[order[s]] = n_groups - 1;
        counts[n_groups - 1]++;
    }
    if (a->sorted) {
        for (int64_t g = 0; g < n_groups; g++) {
            position[g] = g;
        }
    } else {
        /* Output order of first occurrence: walk the input, numbering groups as they appear. */
        int64_t next = 0;
        for (int64_t g = 0; g < n_groups; g++) {
            position[g] = -1;
        }
        for (int64_t j = 0; j < n; j++) {
            if (position[group[j]] < 0) {
                position[group[j]] = next++;
            }
        }
    }

    pinot_shape out_shape = {.rank = 1, .dims = {n_groups}};
    if (axis >= 0) {
        out_shape = *in;
        out_shape.dims[axis] = n_groups;
    }
    pinot_shape flat = {.rank = 1, .dims = {n_groups}}, rev = {.rank = 1, .dims = {n}};
    status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[1], &flat);
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[2], &rev);
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[3], &flat);
    }
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }
    pinot_dtype index_type = pinot_tensor_get_type(outputs[1]), count_type = pinot_tensor_get_type(outputs[3]);
    for (int64_t g = 0; g < n_groups && status == PINOT_STATUS_OK; g++) {
        int64_t p = position[g];
        pinot_ref_store_i64(index_type, pinot_tensor_get_data(outputs[1]), (uint64_t)p, first[g]);
        pinot_ref_store_i64(count_type, pinot_tensor_get_data(outputs[3]), (uint64_t)p, counts[g]);
        for (int64_t o = 0; o < v.outer && status == PINOT_STATUS_OK; o++) {
            status = pinot_move_elements(outputs[0], (uint64_t)((o * n_groups + p) * v.inner), inputs[0],
                                         (uint64_t)((o * n + first[g]) * v.inner), (uint64_t)v.inner);
        }
    }
    for (int64_t j = 0; j < n; j++) {
        pinot_ref_store_i64(index_type, pinot_tensor_get_data(outputs[2]), (uint64_t)j, position[group[j]]);
    }
cleanup:
    free(position);
    free(counts);
    free(first);
    free(group);
    free(scratch);
    free(order);
    return status;
}

const struct pinot_op_impl pinot_op_impl_unique = {
    .type_name = "Unique",
    .versions = (const uint8_t[]){10, 0},
    .attrs = unique_attrs_desc,
    .attrs_size = sizeof(struct unique_attrs),
    .min_inputs = 1,
    .max_inputs = 2,
    .validate = unique_validate,
    .evaluate = unique_evaluate,
};

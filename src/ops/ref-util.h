/* Helpers for reference kernels: element access for every element type (as
 * double or int64), numpy broadcasting, and axis/shape utilities. Written for
 * clarity, not speed: optimized kernels live in src/kernels. */
#ifndef PINOT_REF_UTIL_H
#define PINOT_REF_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "pinot/pinot.h"

/* Element i of a dense buffer of @p type, as double. f16/bf16/f8 are widened;
 * packed integer types use the core layout (u1 most significant bit first,
 * u2/u4/i4/nf4/f4e2m1 lowest bits first). Strings and dynamic read as 0. */
double pinot_ref_load_f64(pinot_dtype type, const void * data, uint64_t i);

/* Store v as element i of @p type: floats round to nearest even, integers
 * truncate toward zero and saturate to the type's range (NaN -> 0), boolean is v != 0. */
void pinot_ref_store_f64(pinot_dtype type, void * data, uint64_t i, double v);

/* Element i as int64 (floats truncate toward zero and saturate). */
int64_t pinot_ref_load_i64(pinot_dtype type, const void * data, uint64_t i);

/* Store v as element i: integer types wrap modulo 2^bits (as C casts do), floats convert. */
void pinot_ref_store_i64(pinot_dtype type, void * data, uint64_t i, int64_t v);

/* Types whose arithmetic a reference kernel does in int64 rather than double. */
static inline bool pinot_ref_is_int(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return info != NULL && !info->is_real && type != PINOT_DTYPE_STRING && type != PINOT_DTYPE_DYNAMIC;
}

/*
 * numpy broadcasting of up to 4 operands to one output shape. After init,
 * walk the output in row-major order with pinot_ref_bcast_next: `offset[k]` is
 * the element index into operand k (its dense buffer).
 */
#define PINOT_REF_MAX_OPERANDS 4
struct pinot_ref_bcast {
    uint32_t rank;
    uint32_t n_operands;
    int64_t dims[PINOT_MAX_RANK];
    int64_t strides[PINOT_REF_MAX_OPERANDS][PINOT_MAX_RANK]; /* element strides, 0 on broadcast axes */
    int64_t index[PINOT_MAX_RANK];
    int64_t offset[PINOT_REF_MAX_OPERANDS];
    uint64_t count; /* elements of the output */
};

/* Output shape of broadcasting @p n shapes (numpy rules); false if they do not broadcast. */
bool pinot_ref_broadcast_shape(const pinot_shape * const * shapes, uint32_t n, pinot_shape * out);

/* Prepare to walk @p out (already the broadcast shape) reading operands of @p shapes. */
void pinot_ref_bcast_init(struct pinot_ref_bcast * it, const pinot_shape * out, const pinot_shape * const * shapes,
                          uint32_t n);

/* Advance to the next output element (updates offsets). */
static inline void pinot_ref_bcast_next(struct pinot_ref_bcast * it) {
    for (uint32_t axis = it->rank; axis-- > 0;) {
        for (uint32_t k = 0; k < it->n_operands; k++) {
            it->offset[k] += it->strides[k][axis];
        }
        if (++it->index[axis] < it->dims[axis]) {
            return;
        }
        for (uint32_t k = 0; k < it->n_operands; k++) {
            it->offset[k] -= it->strides[k][axis] * it->dims[axis];
        }
        it->index[axis] = 0;
    }
}

/* Dense row-major element strides of a shape. */
void pinot_ref_dense_strides(const pinot_shape * shape, int64_t * strides);

/* Product of dims [begin, end). */
int64_t pinot_ref_dims_product(const pinot_shape * shape, uint32_t begin, uint32_t end);

#endif // PINOT_REF_UTIL_H

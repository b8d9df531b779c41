/* Shared by the elementwise families (convert.c, unary.c, binary.c): how a
 * floating-point value becomes an integer element the way OpenVINO's reference
 * kernels do it on x86-64, and small type predicates.
 *
 * OpenVINO converts with C++ static_cast, which compiles to cvttss2si /
 * cvttsd2si: truncation toward zero, and the "integer indefinite" value
 * (INT32_MIN / INT64_MIN) for NaN and out-of-range input. Types narrower than
 * 32 bits go through int32 and then wrap (300.0f -> i8 44, -2.5f -> u8 254,
 * 1e10f -> i8 0); u64 uses the compiler's two-range unsigned sequence. We
 * reproduce that bit for bit so results match OpenVINO, including the
 * out-of-range cases C leaves undefined. */
#ifndef PINOT_ELEMENTWISE_IMPL_H
#define PINOT_ELEMENTWISE_IMPL_H

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* cvttsd2si with a 32-bit destination. */
static inline int64_t pinot_cvt_trunc_i32(double v) {
    if (!(v > -2147483649.0 && v < 2147483648.0)) { /* NaN fails both */
        return INT32_MIN;
    }
    return (int32_t)v;
}

/* cvttsd2si with a 64-bit destination. */
static inline int64_t pinot_cvt_trunc_i64(double v) {
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) {
        return INT64_MIN;
    }
    return (int64_t)v;
}

/* f32 -> u32 as compiled for a float source: the two-range unsigned sequence
 * over 32-bit conversions (f64 and f16 sources go through int64 instead). */
static inline uint32_t pinot_cvt_f32_to_u32(float v) {
    if (v >= 2147483648.0f) {
        return (uint32_t)pinot_cvt_trunc_i32(v - 2147483648.0f) ^ 0x80000000u;
    }
    return (uint32_t)pinot_cvt_trunc_i32(v);
}

/*
 * A real value (already rounded as the op wants, or truncated here) as the
 * bits of an integer element of @p type, to be stored with
 * pinot_ref_store_i64 (which wraps to the type's width). Boolean is v != 0.
 */
static inline int64_t pinot_float_to_int_bits(pinot_dtype type, double v) {
    switch (type) {
    case PINOT_DTYPE_BOOLEAN: return v != 0.0;
    case PINOT_DTYPE_I64:
    case PINOT_DTYPE_U32: return pinot_cvt_trunc_i64(v);
    case PINOT_DTYPE_U64:
        if (v >= 9223372036854775808.0) {
            return (int64_t)((uint64_t)pinot_cvt_trunc_i64(v - 9223372036854775808.0) ^ (UINT64_C(1) << 63));
        }
        return pinot_cvt_trunc_i64(v);
    default: return pinot_cvt_trunc_i32(v);
    }
}

/* Store v as element i of @p type with Convert's rules (convert.c): floats
 * round to nearest even (f16 overflows to inf, f8e4m3 to NaN, f4e2m1
 * saturates), integers truncate and wrap as pinot_float_to_int_bits. */
void pinot_elt_store_f64(pinot_dtype type, void * data, uint64_t i, double v);

/* Element types whose values are fractional: arithmetic on them goes through
 * double. nf4 is "integral" by OpenVINO's flags but its code book is not. */
static inline bool pinot_elt_is_float(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return (info != NULL && info->is_real) || type == PINOT_DTYPE_NF4;
}

/* Element access with the byte-aligned types inline (ref-util's general
 * loads go through double); packed and small float types fall back to
 * ref-util. Integer loads are for integer and boolean types only. */
static inline int64_t pinot_elt_load_i64(pinot_dtype type, const void * data, uint64_t i) {
    switch (type) {
    case PINOT_DTYPE_BOOLEAN:
    case PINOT_DTYPE_U8: return ((const uint8_t *)data)[i];
    case PINOT_DTYPE_I8: return ((const int8_t *)data)[i];
    case PINOT_DTYPE_I16: return ((const int16_t *)data)[i];
    case PINOT_DTYPE_U16: return ((const uint16_t *)data)[i];
    case PINOT_DTYPE_I32: return ((const int32_t *)data)[i];
    case PINOT_DTYPE_U32: return ((const uint32_t *)data)[i];
    case PINOT_DTYPE_I64: return ((const int64_t *)data)[i];
    case PINOT_DTYPE_U64: return (int64_t)((const uint64_t *)data)[i];
    default: return pinot_ref_load_i64(type, data, i);
    }
}

/* Store the low bits of v (wrapping; boolean is v != 0). */
static inline void pinot_elt_store_i64(pinot_dtype type, void * data, uint64_t i, int64_t v) {
    switch (type) {
    case PINOT_DTYPE_BOOLEAN: ((uint8_t *)data)[i] = v != 0; return;
    case PINOT_DTYPE_U8:
    case PINOT_DTYPE_I8: ((uint8_t *)data)[i] = (uint8_t)v; return;
    case PINOT_DTYPE_I16:
    case PINOT_DTYPE_U16: ((uint16_t *)data)[i] = (uint16_t)v; return;
    case PINOT_DTYPE_I32:
    case PINOT_DTYPE_U32: ((uint32_t *)data)[i] = (uint32_t)v; return;
    case PINOT_DTYPE_I64:
    case PINOT_DTYPE_U64: ((uint64_t *)data)[i] = (uint64_t)v; return;
    default: pinot_ref_store_i64(type, data, i, v); return;
    }
}

static inline double pinot_elt_load_f64(pinot_dtype type, const void * data, uint64_t i) {
    switch (type) {
    case PINOT_DTYPE_F32: return ((const float *)data)[i];
    case PINOT_DTYPE_F64: return ((const double *)data)[i];
    case PINOT_DTYPE_F16: return pinot_f16_to_f32(((const uint16_t *)data)[i]);
    case PINOT_DTYPE_BF16: return pinot_bf16_to_f32(((const uint16_t *)data)[i]);
    default: return pinot_ref_load_f64(type, data, i);
    }
}


#endif // PINOT_ELEMENTWISE_IMPL_H

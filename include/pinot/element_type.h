/* Element types: the OpenVINO element type set, with bit widths, flags and the
 * names OpenVINO uses ("f32", "u4", "boolean", ...). */
#ifndef PINOT_ELEMENT_TYPE_H
#define PINOT_ELEMENT_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Append-only. DYNAMIC is OpenVINO's "dynamic" (formerly "undefined"). */
typedef enum pinot_dtype {
    PINOT_DTYPE_DYNAMIC = 0,
    PINOT_DTYPE_BOOLEAN,
    PINOT_DTYPE_BF16,
    PINOT_DTYPE_F16,
    PINOT_DTYPE_F32,
    PINOT_DTYPE_F64,
    PINOT_DTYPE_I4,
    PINOT_DTYPE_I8,
    PINOT_DTYPE_I16,
    PINOT_DTYPE_I32,
    PINOT_DTYPE_I64,
    PINOT_DTYPE_U1,
    PINOT_DTYPE_U2,
    PINOT_DTYPE_U3,
    PINOT_DTYPE_U4,
    PINOT_DTYPE_U6,
    PINOT_DTYPE_U8,
    PINOT_DTYPE_U16,
    PINOT_DTYPE_U32,
    PINOT_DTYPE_U64,
    PINOT_DTYPE_NF4,
    PINOT_DTYPE_F8E4M3,
    PINOT_DTYPE_F8E5M2,
    PINOT_DTYPE_F8E8M0,
    PINOT_DTYPE_F4E2M1,
    PINOT_DTYPE_STRING,
    /* Pinot-only types (not in OpenVINO), for ONNX models: float8 without
     * negative zero or infinities and a single NaN 0x80 (bias 8 and 16), and
     * a signed 2-bit integer packed 4 per byte, lowest bits first like u2. */
    PINOT_DTYPE_F8E4M3FNUZ,
    PINOT_DTYPE_F8E5M2FNUZ,
    PINOT_DTYPE_I2,
    PINOT_DTYPE_COUNT
} pinot_dtype;

/*
 * One element of a string tensor. 32 bytes, as OpenVINO reports for
 * Type.string (sizeof(std::string)), so byte sizes agree. `data` is owned by
 * the tensor (malloc'd, NUL-terminated for convenience), NULL when size == 0.
 */
typedef struct pinot_string {
    char * data;
    size_t size;
    uint64_t reserved[2];
} pinot_string;

/* Static description of one element type. */
typedef struct pinot_dtype_info {
    const char * name;      /* OpenVINO type name: "f32", "boolean", "u4" */
    const char * c_name;    /* OpenVINO's C type string: "float", "double", "uint4_t", "char" */
    uint32_t bitwidth;      /* bits per element: 1 for u1, 4 for i4, 256 for string */
    uint32_t size;          /* bytes per element, rounded up: 1 for u1 */
    bool is_static;
    bool is_real;
    bool is_integral;       /* OpenVINO's is_integral: !is_real (dynamic counts too) */
    bool is_integral_number;
    bool is_signed;
    bool is_quantized;
} pinot_dtype_info;

/** @brief Static description of @p type; NULL when out of range. */
PINOT_API const pinot_dtype_info * pinot_dtype_get_info(pinot_dtype type);

/** @brief OpenVINO name ("f32"); "?" for out-of-range values. */
PINOT_API const char * pinot_dtype_name(pinot_dtype type);

/**
 * @brief Parse an OpenVINO type name ("f32", "bf16", "boolean", "dynamic",
 *        "undefined" as the old alias of "dynamic").
 * @return PINOT_STATUS_OK or PINOT_STATUS_INVALID_ARGUMENT.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_dtype_from_name(const char * name, pinot_dtype * out);

/** @brief Bits per element (0 for dynamic). */
PINOT_API uint32_t pinot_dtype_bitwidth(pinot_dtype type);

/** @brief True for types narrower than a byte (u1, u2, u3, u4, u6, i2, i4, nf4, f4e2m1). */
PINOT_API bool pinot_dtype_is_packed(pinot_dtype type);

/**
 * @brief Bytes needed for @p count elements, packed types rounded up to
 *        whole bytes the way OpenVINO does (u3/u6 in 3-byte groups).
 * @return false on overflow.
 */
PINOT_API bool pinot_dtype_byte_size(pinot_dtype type, uint64_t count, uint64_t * out);

/** @brief OpenVINO's Type::compatible: equal, or either dynamic. */
PINOT_API bool pinot_dtype_compatible(pinot_dtype a, pinot_dtype b);

/**
 * @brief OpenVINO's Type::merge: dynamic+X -> X, X+X -> X.
 * @return false (and leaves *out alone) when the types conflict.
 */
PINOT_API bool pinot_dtype_merge(pinot_dtype a, pinot_dtype b, pinot_dtype * out);

/* Scalar conversions between f32 and the 16/8-bit float formats
 * (round to nearest even; NaN preserved). */
PINOT_API float pinot_f16_to_f32(uint16_t h);
PINOT_API uint16_t pinot_f32_to_f16(float f);
PINOT_API float pinot_bf16_to_f32(uint16_t h);
PINOT_API uint16_t pinot_f32_to_bf16(float f);

#ifdef __cplusplus
}
#endif

#endif // PINOT_ELEMENT_TYPE_H

/* Convert and ConvertLike: every element type to every other one, with
 * OpenVINO's rules (probed on openvino 2026.4 constant folding, its reference
 * kernels): float -> integer truncates toward zero and wraps (see
 * elementwise-impl.h), integer -> integer wraps, anything -> boolean is x != 0,
 * f16 overflows to inf, f8e4m3 overflows to NaN, f8e5m2 to inf, f4e2m1
 * saturates, f8e8m0 rounds the mantissa to the nearest power of two; the
 * Pinot-only f8e4m3fnuz/f8e5m2fnuz overflow (and inf) to their NaN 0x80, as
 * ml_dtypes does.
 * Strings convert only to strings; dynamic types cannot be evaluated.
 * BitCast (a Pinot op for ONNX's BitCast) reinterprets bits between same-width types. */
#include <math.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/elementwise-impl.h"
#include "ops/ref-util.h"

/* ---- per-element conversion ---- */

void pinot_elt_store_f64(pinot_dtype type, void * data, uint64_t i, double v) {
    switch (type) {
    case PINOT_DTYPE_F32: ((float *)data)[i] = (float)v; return;
    case PINOT_DTYPE_F64: ((double *)data)[i] = v; return;
    case PINOT_DTYPE_F16: ((uint16_t *)data)[i] = pinot_f32_to_f16((float)v); return;
    case PINOT_DTYPE_BF16: ((uint16_t *)data)[i] = pinot_f32_to_bf16((float)v); return;
    case PINOT_DTYPE_F8E4M3:
    case PINOT_DTYPE_F8E5M2:
    case PINOT_DTYPE_F8E8M0:
    case PINOT_DTYPE_F8E4M3FNUZ:
    case PINOT_DTYPE_F8E5M2FNUZ:
    case PINOT_DTYPE_F4E2M1:
    case PINOT_DTYPE_NF4: pinot_ref_store_f64(type, data, i, v); return; /* OpenVINO's small-float rules */
    case PINOT_DTYPE_BOOLEAN: ((uint8_t *)data)[i] = v != 0.0; return;
    default: pinot_elt_store_i64(type, data, i, pinot_float_to_int_bits(type, v)); return;
    }
}

static void store_from_i64(pinot_dtype type, void * data, uint64_t i, int64_t v) {
    if (type == PINOT_DTYPE_F32) {
        ((float *)data)[i] = (float)v; /* one rounding, not two through double */
    } else if (pinot_elt_is_float(type)) {
        pinot_elt_store_f64(type, data, i, (double)v);
    } else {
        pinot_elt_store_i64(type, data, i, v); /* wraps; boolean is v != 0 */
    }
}

static void store_from_u64(pinot_dtype type, void * data, uint64_t i, uint64_t v) {
    if (type == PINOT_DTYPE_F32) {
        ((float *)data)[i] = (float)v;
    } else if (pinot_elt_is_float(type)) {
        pinot_elt_store_f64(type, data, i, (double)v);
    } else {
        pinot_elt_store_i64(type, data, i, (int64_t)v);
    }
}

static void convert_generic(pinot_dtype src_type, const void * src, pinot_dtype dst_type, void * dst, uint64_t n) {
    if (pinot_elt_is_float(src_type)) {
        for (uint64_t i = 0; i < n; i++) {
            pinot_elt_store_f64(dst_type, dst, i, pinot_elt_load_f64(src_type, src, i));
        }
    } else if (src_type == PINOT_DTYPE_U64) {
        for (uint64_t i = 0; i < n; i++) {
            store_from_u64(dst_type, dst, i, ((const uint64_t *)src)[i]);
        }
    } else {
        for (uint64_t i = 0; i < n; i++) {
            store_from_i64(dst_type, dst, i, pinot_elt_load_i64(src_type, src, i));
        }
    }
}

/* ---- straight loops for the conversions models use most (f32 on one side) ---- */

#define CONVERT_LOOP(SRC_T, DST_T, EXPR)   \
    do {                                   \
        const SRC_T * s = src;             \
        DST_T * d = dst;                   \
        for (uint64_t i = 0; i < n; i++) { \
            SRC_T x = s[i];                \
            d[i] = (EXPR);                 \
        }                                  \
    } while (0)

static bool convert_from_f32(pinot_dtype dst_type, const void * src, void * dst, uint64_t n) {
    switch (dst_type) {
    case PINOT_DTYPE_F16: CONVERT_LOOP(float, uint16_t, pinot_f32_to_f16(x)); return true;
    case PINOT_DTYPE_BF16: CONVERT_LOOP(float, uint16_t, pinot_f32_to_bf16(x)); return true;
    case PINOT_DTYPE_F64: CONVERT_LOOP(float, double, (double)x); return true;
    case PINOT_DTYPE_BOOLEAN: CONVERT_LOOP(float, uint8_t, x != 0.0f); return true;
    case PINOT_DTYPE_I8: CONVERT_LOOP(float, int8_t, (int8_t)pinot_cvt_trunc_i32(x)); return true;
    case PINOT_DTYPE_U8: CONVERT_LOOP(float, uint8_t, (uint8_t)pinot_cvt_trunc_i32(x)); return true;
    case PINOT_DTYPE_I16: CONVERT_LOOP(float, int16_t, (int16_t)pinot_cvt_trunc_i32(x)); return true;
    case PINOT_DTYPE_U16: CONVERT_LOOP(float, uint16_t, (uint16_t)pinot_cvt_trunc_i32(x)); return true;
    case PINOT_DTYPE_I32: CONVERT_LOOP(float, int32_t, (int32_t)pinot_cvt_trunc_i32(x)); return true;
    case PINOT_DTYPE_U32: CONVERT_LOOP(float, uint32_t, pinot_cvt_f32_to_u32(x)); return true;
    case PINOT_DTYPE_I64: CONVERT_LOOP(float, int64_t, pinot_cvt_trunc_i64(x)); return true;
    default: return false;
    }
}

static bool convert_to_f32(pinot_dtype src_type, const void * src, void * dst, uint64_t n) {
    switch (src_type) {
    case PINOT_DTYPE_F16: CONVERT_LOOP(uint16_t, float, pinot_f16_to_f32(x)); return true;
    case PINOT_DTYPE_BF16: CONVERT_LOOP(uint16_t, float, pinot_bf16_to_f32(x)); return true;
    case PINOT_DTYPE_F64: CONVERT_LOOP(double, float, (float)x); return true;
    case PINOT_DTYPE_BOOLEAN: CONVERT_LOOP(uint8_t, float, x != 0 ? 1.0f : 0.0f); return true;
    case PINOT_DTYPE_I8: CONVERT_LOOP(int8_t, float, (float)x); return true;
    case PINOT_DTYPE_U8: CONVERT_LOOP(uint8_t, float, (float)x); return true;
    case PINOT_DTYPE_I16: CONVERT_LOOP(int16_t, float, (float)x); return true;
    case PINOT_DTYPE_U16: CONVERT_LOOP(uint16_t, float, (float)x); return true;
    case PINOT_DTYPE_I32: CONVERT_LOOP(int32_t, float, (float)x); return true;
    case PINOT_DTYPE_U32: CONVERT_LOOP(uint32_t, float, (float)x); return true;
    case PINOT_DTYPE_I64: CONVERT_LOOP(int64_t, float, (float)x); return true;
    case PINOT_DTYPE_U64: CONVERT_LOOP(uint64_t, float, (float)x); return true;
    default: return false;
    }
}

static bool convert_int_fast(pinot_dtype src_type, pinot_dtype dst_type, const void * src, void * dst, uint64_t n) {
    if (src_type == PINOT_DTYPE_I64 && dst_type == PINOT_DTYPE_I32) {
        CONVERT_LOOP(int64_t, int32_t, (int32_t)x);
        return true;
    }
    if (src_type == PINOT_DTYPE_I32 && dst_type == PINOT_DTYPE_I64) {
        CONVERT_LOOP(int32_t, int64_t, (int64_t)x);
        return true;
    }
    if (src_type == PINOT_DTYPE_U8 && dst_type == PINOT_DTYPE_I32) {
        CONVERT_LOOP(uint8_t, int32_t, (int32_t)x);
        return true;
    }
    if (src_type == PINOT_DTYPE_BOOLEAN && dst_type == PINOT_DTYPE_I64) {
        CONVERT_LOOP(uint8_t, int64_t, x != 0);
        return true;
    }
    return false;
}

#undef CONVERT_LOOP

/* Strings copy element by element (each owns its bytes). */
static pinot_status copy_strings(const pinot_tensor_t * in, pinot_tensor_t * out, uint64_t n) {
    for (uint64_t i = 0; i < n; i++) {
        const char * data;
        size_t size;
        pinot_status status = pinot_tensor_get_string(in, i, &data, &size);
        if (status == PINOT_STATUS_OK) {
            status = pinot_tensor_set_string(out, i, data, size);
        }
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    return PINOT_STATUS_OK;
}

/* x: any shape -> y: same shape, element type of the output. */
static pinot_status convert_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                     pinot_tensor_t * const * outputs) {
    const pinot_tensor_t * in = inputs[0];
    pinot_tensor_t * out = outputs[0];
    pinot_dtype src_type = pinot_tensor_get_type(in);
    pinot_dtype dst_type = pinot_tensor_get_type(out);
    pinot_status status = pinot_tensor_set_shape(out, pinot_tensor_get_shape(in));
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t n = pinot_tensor_get_size(in);
    const void * src = pinot_tensor_get_data(in);
    void * dst = pinot_tensor_get_data(out);
    if (src_type == PINOT_DTYPE_STRING || dst_type == PINOT_DTYPE_STRING) {
        if (src_type != dst_type) {
            return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                        "conversion from %s to %s is not supported", pinot_dtype_name(src_type),
                                        pinot_dtype_name(dst_type));
        }
        return copy_strings(in, out, n);
    }
    if (src_type == PINOT_DTYPE_DYNAMIC || dst_type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                    "conversion from %s to %s is not supported", pinot_dtype_name(src_type),
                                    pinot_dtype_name(dst_type));
    }
    if (src_type == dst_type) {
        memcpy(dst, src, (size_t)pinot_tensor_get_byte_size(in));
        return PINOT_STATUS_OK;
    }
    if (pinot_dtype_is_packed(dst_type)) {
        /* Element stores update bits in place; zero the padding bits too. */
        memset(dst, 0, (size_t)pinot_tensor_get_byte_size(out));
    }
    if ((src_type == PINOT_DTYPE_F32 && convert_from_f32(dst_type, src, dst, n)) ||
        (dst_type == PINOT_DTYPE_F32 && convert_to_f32(src_type, src, dst, n)) ||
        convert_int_fast(src_type, dst_type, src, dst, n)) {
        return PINOT_STATUS_OK;
    }
    convert_generic(src_type, src, dst_type, dst, n);
    return PINOT_STATUS_OK;
}

/* ---- Convert-1: destination_type attribute ---- */

struct convert_attrs {
    pinot_dtype destination_type;
};

static const struct pinot_attr_desc convert_attr_descs[] = {
    PINOT_ATTR(struct convert_attrs, destination_type, "destination_type", PINOT_ATTR_TYPE, true, NULL),
    PINOT_ATTR_END,
};

static pinot_status convert_validate(struct pinot_node * node) {
    const struct convert_attrs * attrs = PINOT_ATTRS(node, struct convert_attrs);
    pinot_node_set_output(node, 0, attrs->destination_type, pinot_node_input_shape(node, 0));
    return PINOT_STATUS_OK;
}

static const uint8_t versions_1[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_convert = {
    .type_name = "Convert",
    .versions = versions_1,
    .attrs = convert_attr_descs,
    .attrs_size = sizeof(struct convert_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = convert_validate,
    .evaluate = convert_evaluate,
};

/* ---- ConvertLike-1: the type of input 1, the shape of input 0 ---- */

static pinot_status convert_like_validate(struct pinot_node * node) {
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 1), pinot_node_input_shape(node, 0));
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_convert_like = {
    .type_name = "ConvertLike",
    .versions = versions_1,
    .attrs = NULL,
    .attrs_size = 0,
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = convert_like_validate,
    .evaluate = convert_evaluate,
};

/* ---- BitCast-1 ---- */

/* BitCast-1 (ONNX BitCast-26; no OpenVINO equivalent, so a Pinot op): x reinterpreted as
 * destination_type, bit for bit, same shape. Both types must have the same bit width; strings
 * are not bits and cannot be cast. Pinot's buffers are little-endian like ONNX's, so the kernel
 * copies the bytes. */

static pinot_status bit_cast_validate(struct pinot_node * node) {
    const struct convert_attrs * attrs = PINOT_ATTRS(node, struct convert_attrs);
    pinot_dtype src = pinot_node_input_type(node, 0), dst = attrs->destination_type;
    if (src == PINOT_DTYPE_STRING || dst == PINOT_DTYPE_STRING || dst == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "BitCast from %s to %s is not supported.",
                                pinot_dtype_name(src), pinot_dtype_name(dst));
    }
    if (src != PINOT_DTYPE_DYNAMIC && pinot_dtype_bitwidth(src) != pinot_dtype_bitwidth(dst)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "BitCast needs types of the same bit width (got %s, %u bits, and %s, %u bits).",
                                pinot_dtype_name(src), pinot_dtype_bitwidth(src), pinot_dtype_name(dst),
                                pinot_dtype_bitwidth(dst));
    }
    pinot_node_set_output(node, 0, dst, pinot_node_input_shape(node, 0));
    return PINOT_STATUS_OK;
}

static pinot_status bit_cast_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                      pinot_tensor_t * const * outputs) {
    pinot_dtype src = pinot_tensor_get_type(inputs[0]), dst = pinot_tensor_get_type(outputs[0]);
    if (src == PINOT_DTYPE_STRING || pinot_dtype_bitwidth(src) != pinot_dtype_bitwidth(dst)) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "cannot BitCast %s to %s",
                                     pinot_dtype_name(src), pinot_dtype_name(dst));
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], pinot_tensor_get_shape(inputs[0]));
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t bytes = pinot_tensor_get_byte_size(inputs[0]);
    if (bytes > 0) {
        memcpy(pinot_tensor_get_data(outputs[0]), pinot_tensor_get_data(inputs[0]), (size_t)bytes);
    }
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_bit_cast = {
    .type_name = "BitCast",
    .versions = versions_1,
    .attrs = convert_attr_descs,
    .attrs_size = sizeof(struct convert_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = bit_cast_validate,
    .evaluate = bit_cast_evaluate,
};

/* The element type table (names, widths and flags exactly as OpenVINO reports
 * them) and scalar conversions of the 16-bit float formats. Conversions of
 * whole buffers belong to kernels, not here. */
#include <math.h>
#include <string.h>

#include "pinot/element_type.h"

/*                               name       c_name      bits size static real integral intnum signed quant */
#define ROW(ENUM, n, c, bits, size, st, re, in, inum, sg, q) \
    [PINOT_DTYPE_##ENUM] = {n, c, bits, size, st, re, in, inum, sg, q}

static const pinot_dtype_info dtype_table[PINOT_DTYPE_COUNT] = {
    ROW(DYNAMIC, "dynamic", "dynamic",   0, 0, 0, 0, 1, 1, 0, 0),
    ROW(BOOLEAN, "boolean", "char",      8, 1, 1, 0, 1, 0, 1, 0),
    ROW(BF16,    "bf16",    "bfloat16", 16, 2, 1, 1, 0, 0, 1, 0),
    ROW(F16,     "f16",     "float16",  16, 2, 1, 1, 0, 0, 1, 0),
    ROW(F32,     "f32",     "float",    32, 4, 1, 1, 0, 0, 1, 0),
    ROW(F64,     "f64",     "double",   64, 8, 1, 1, 0, 0, 1, 0),
    ROW(I4,      "i4",      "int4_t",    4, 1, 1, 0, 1, 1, 1, 1),
    ROW(I8,      "i8",      "int8_t",    8, 1, 1, 0, 1, 1, 1, 1),
    ROW(I16,     "i16",     "int16_t",  16, 2, 1, 0, 1, 1, 1, 0),
    ROW(I32,     "i32",     "int32_t",  32, 4, 1, 0, 1, 1, 1, 1),
    ROW(I64,     "i64",     "int64_t",  64, 8, 1, 0, 1, 1, 1, 0),
    ROW(U1,      "u1",      "uint1_t",   1, 1, 1, 0, 1, 1, 0, 0),
    ROW(U2,      "u2",      "uint2_t",   2, 1, 1, 0, 1, 1, 0, 0),
    ROW(U3,      "u3",      "uint3_t",   3, 1, 1, 0, 1, 1, 0, 0),
    ROW(U4,      "u4",      "uint4_t",   4, 1, 1, 0, 1, 1, 0, 0),
    ROW(U6,      "u6",      "uint6_t",   6, 1, 1, 0, 1, 1, 0, 0),
    ROW(U8,      "u8",      "uint8_t",   8, 1, 1, 0, 1, 1, 0, 1),
    ROW(U16,     "u16",     "uint16_t", 16, 2, 1, 0, 1, 1, 0, 0),
    ROW(U32,     "u32",     "uint32_t", 32, 4, 1, 0, 1, 1, 0, 0),
    ROW(U64,     "u64",     "uint64_t", 64, 8, 1, 0, 1, 1, 0, 0),
    ROW(NF4,     "nf4",     "nfloat4",   4, 1, 1, 0, 1, 1, 0, 1),
    ROW(F8E4M3,  "f8e4m3",  "f8e4m3",    8, 1, 1, 1, 0, 0, 1, 1),
    ROW(F8E5M2,  "f8e5m2",  "f8e5m2",    8, 1, 1, 1, 0, 0, 1, 1),
    ROW(F8E8M0,  "f8e8m0",  "f8e8m0",    8, 1, 1, 1, 0, 0, 1, 1),
    ROW(F4E2M1,  "f4e2m1",  "f4e2m1",    4, 1, 1, 1, 0, 0, 1, 1),
    /* A string element is a pinot_string; OpenVINO reports sizeof(std::string). */
    ROW(STRING,  "string",  "string",  256, 32, 1, 0, 1, 1, 0, 0),
    /* Pinot-only (ONNX's FLOAT8E4M3FNUZ, FLOAT8E5M2FNUZ and INT2), flagged like f8e4m3 and i4. */
    ROW(F8E4M3FNUZ, "f8e4m3fnuz", "f8e4m3fnuz", 8, 1, 1, 1, 0, 0, 1, 1),
    ROW(F8E5M2FNUZ, "f8e5m2fnuz", "f8e5m2fnuz", 8, 1, 1, 1, 0, 0, 1, 1),
    ROW(I2,      "i2",      "int2_t",    2, 1, 1, 0, 1, 1, 1, 1),
};
#undef ROW

_Static_assert(sizeof(pinot_string) == 32, "pinot_string must match Type.string's size");

const pinot_dtype_info * pinot_dtype_get_info(pinot_dtype type) {
    if ((unsigned)type >= PINOT_DTYPE_COUNT) {
        return NULL;
    }
    return &dtype_table[type];
}

const char * pinot_dtype_name(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return info != NULL ? info->name : "?";
}

pinot_status pinot_dtype_from_name(const char * name, pinot_dtype * out) {
    if (name == NULL) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "element type name is NULL");
    }
    for (int i = 0; i < PINOT_DTYPE_COUNT; i++) {
        if (strcmp(name, dtype_table[i].name) == 0) {
            *out = (pinot_dtype)i;
            return PINOT_STATUS_OK;
        }
    }
    if (strcmp(name, "undefined") == 0) {
        *out = PINOT_DTYPE_DYNAMIC;
        return PINOT_STATUS_OK;
    }
    return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "unknown element type name '%s'", name);
}

uint32_t pinot_dtype_bitwidth(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return info != NULL ? info->bitwidth : 0;
}

bool pinot_dtype_is_packed(pinot_dtype type) {
    uint32_t bits = pinot_dtype_bitwidth(type);
    return bits > 0 && bits < 8;
}

bool pinot_dtype_byte_size(pinot_dtype type, uint64_t count, uint64_t * out) {
    uint32_t bits = pinot_dtype_bitwidth(type);
    if (bits == 3 || bits == 6) {
        /* u3 packs 8 values and u6 packs 4 values into 3 bytes. */
        uint64_t per_group = bits == 3 ? 8 : 4;
        uint64_t groups = count / per_group + (count % per_group != 0);
        if (groups > UINT64_MAX / 3) {
            return false;
        }
        *out = groups * 3;
        return true;
    }
    if (bits < 8) {
        uint64_t per_byte = bits == 0 ? 1 : 8 / bits;
        *out = bits == 0 ? 0 : count / per_byte + (count % per_byte != 0);
        return true;
    }
    uint64_t size = bits / 8;
    if (count > UINT64_MAX / size) {
        return false;
    }
    *out = count * size;
    return true;
}

bool pinot_dtype_compatible(pinot_dtype a, pinot_dtype b) {
    return a == b || a == PINOT_DTYPE_DYNAMIC || b == PINOT_DTYPE_DYNAMIC;
}

bool pinot_dtype_merge(pinot_dtype a, pinot_dtype b, pinot_dtype * out) {
    if (a == PINOT_DTYPE_DYNAMIC) {
        *out = b;
    } else if (b == PINOT_DTYPE_DYNAMIC || a == b) {
        *out = a;
    } else {
        return false;
    }
    return true;
}

static uint32_t f32_bits(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof(u));
    return u;
}

static float f32_from_bits(uint32_t u) {
    float f;
    memcpy(&f, &u, sizeof(f));
    return f;
}

float pinot_f16_to_f32(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1F;
    uint32_t mant = h & 0x3FF;
    if (exp == 0x1F) { /* inf / NaN: keep the payload */
        return f32_from_bits(sign | 0x7F800000u | (mant << 13));
    }
    if (exp == 0) { /* zero / subnormal: mant * 2^-24 is exact in f32 */
        float v = (float)mant * 0x1p-24f;
        return sign ? -v : v;
    }
    return f32_from_bits(sign | ((exp + 112) << 23) | (mant << 13));
}

uint16_t pinot_f32_to_f16(float f) {
    uint32_t u = f32_bits(f);
    uint16_t sign = (uint16_t)((u >> 16) & 0x8000);
    uint32_t abs = u & 0x7FFFFFFFu;
    if (abs >= 0x7F800000u) { /* inf or NaN; NaN stays quiet NaN */
        return sign | (abs > 0x7F800000u ? 0x7E00 | (uint16_t)((abs >> 13) & 0x3FF) : 0x7C00);
    }
    if (abs >= 0x477FF000u) { /* rounds to >= 65520: overflow to inf */
        return sign | 0x7C00;
    }
    if (abs < 0x38800000u) { /* below the smallest normal f16 (2^-14): subnormal or zero */
        float v = f32_from_bits(abs);
        /* v * 2^24 rounded to nearest even gives the subnormal mantissa. */
        float scaled = v * 0x1p24f;
        uint32_t m = (uint32_t)nearbyintf(scaled);
        return sign | (uint16_t)m;
    }
    /* Normal: rebias and round to nearest even on the 13 dropped bits. */
    uint32_t rounded = abs + 0xFFFu + ((abs >> 13) & 1u);
    return sign | (uint16_t)((rounded - 0x38000000u) >> 13);
}

float pinot_bf16_to_f32(uint16_t h) {
    return f32_from_bits((uint32_t)h << 16);
}

uint16_t pinot_f32_to_bf16(float f) {
    uint32_t u = f32_bits(f);
    if ((u & 0x7FFFFFFFu) > 0x7F800000u) {
        return (uint16_t)((u >> 16) | 0x40); /* quiet NaN */
    }
    u += 0x7FFFu + ((u >> 16) & 1u);
    return (uint16_t)(u >> 16);
}

/* Element access for every element type and numpy broadcasting, for the
 * reference kernels. Small float formats (f8, f4, nf4) are decoded by formula
 * or table and encoded with OpenVINO's rules: round to nearest even, then
 * NaN (e4m3), inf (e5m2) or saturation (e2m1) on overflow; e8m0 rounds the
 * mantissa to the nearer power of two. The Pinot-only FNUZ float8 types follow
 * ml_dtypes (what ONNX's reference uses): overflow and +-inf give the one NaN
 * 0x80, and -0 becomes +0. Convert and every kernel share them. */
#include <math.h>
#include <string.h>

#include "ops/ref-util.h"

/* NF4 code book (normal-float quantiles, as bitsandbytes and OpenVINO define it). */
static const float nf4_values[16] = {
    -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f, -0.28444138169288635f,
    -0.18477343022823334f, -0.09105003625154495f, 0.0f, 0.07958029955625534f, 0.16093020141124725f,
    0.24611230194568634f, 0.33791524171829224f, 0.44070982933044434f, 0.5626170039176941f,
    0.7229568362236023f, 1.0f,
};

static const float f4e2m1_values[8] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f};

/* Bits [shift, shift + width) of a packed element, core layout. */
static uint32_t packed_get(pinot_dtype type, const uint8_t * bytes, uint64_t i) {
    switch (type) {
    case PINOT_DTYPE_U1: return (bytes[i / 8] >> (7 - i % 8)) & 1u;
    case PINOT_DTYPE_I2:
    case PINOT_DTYPE_U2: return (bytes[i / 4] >> (2 * (i % 4))) & 3u;
    case PINOT_DTYPE_U3: { /* 8 values in 3 bytes: 2 low bits in bytes 0-1, the high bit in byte 2 */
        const uint8_t * g = bytes + (i / 8) * 3;
        uint32_t j = (uint32_t)(i % 8);
        uint32_t low = (g[j / 4] >> (6 - 2 * (j % 4))) & 3u;
        uint32_t high = (g[2] >> (7 - j)) & 1u;
        return low | (high << 2);
    }
    case PINOT_DTYPE_U6: { /* 4 values in 3 bytes: low nibbles in bytes 0-1, 2 high bits in byte 2 */
        const uint8_t * g = bytes + (i / 4) * 3;
        uint32_t j = (uint32_t)(i % 4);
        uint32_t low = (g[j / 2] >> (j % 2 == 0 ? 4 : 0)) & 0xFu;
        uint32_t high = (g[2] >> (6 - 2 * j)) & 3u;
        return low | (high << 4);
    }
    default: return (bytes[i / 2] >> (4 * (i % 2))) & 0xFu; /* u4, i4, nf4, f4e2m1 */
    }
}

static void packed_set(pinot_dtype type, uint8_t * bytes, uint64_t i, uint32_t v) {
    switch (type) {
    case PINOT_DTYPE_U1: {
        uint8_t mask = (uint8_t)(1u << (7 - i % 8));
        bytes[i / 8] = (uint8_t)((bytes[i / 8] & ~mask) | ((v & 1u) ? mask : 0));
        return;
    }
    case PINOT_DTYPE_I2:
    case PINOT_DTYPE_U2: {
        uint32_t shift = 2 * (i % 4);
        bytes[i / 4] = (uint8_t)((bytes[i / 4] & ~(3u << shift)) | ((v & 3u) << shift));
        return;
    }
    case PINOT_DTYPE_U3: {
        uint8_t * g = bytes + (i / 8) * 3;
        uint32_t j = (uint32_t)(i % 8);
        uint32_t shift = 6 - 2 * (j % 4);
        g[j / 4] = (uint8_t)((g[j / 4] & ~(3u << shift)) | ((v & 3u) << shift));
        g[2] = (uint8_t)((g[2] & ~(1u << (7 - j))) | (((v >> 2) & 1u) << (7 - j)));
        return;
    }
    case PINOT_DTYPE_U6: {
        uint8_t * g = bytes + (i / 4) * 3;
        uint32_t j = (uint32_t)(i % 4);
        uint32_t shift = j % 2 == 0 ? 4 : 0;
        g[j / 2] = (uint8_t)((g[j / 2] & ~(0xFu << shift)) | ((v & 0xFu) << shift));
        g[2] = (uint8_t)((g[2] & ~(3u << (6 - 2 * j))) | (((v >> 4) & 3u) << (6 - 2 * j)));
        return;
    }
    default: {
        uint32_t shift = 4 * (i % 2);
        bytes[i / 2] = (uint8_t)((bytes[i / 2] & ~(0xFu << shift)) | ((v & 0xFu) << shift));
        return;
    }
    }
}

/* ---- small float formats: OpenVINO's conversion rules (probed on openvino 2026.4) ---- */

/* OVERFLOW_FNUZ: every code is finite except 0x80, the one NaN (no -0, no inf). */
enum overflow_rule { OVERFLOW_NAN, OVERFLOW_INF, OVERFLOW_SATURATE, OVERFLOW_FNUZ };

struct minifloat_format {
    int exp_bits;
    int mant_bits;
    int bias;
    double max_finite;
    enum overflow_rule overflow;
    uint32_t nan_code; /* without the sign (FNUZ: the sign bit alone) */
};

static const struct minifloat_format format_e4m3 = {4, 3, 7, 448.0, OVERFLOW_NAN, 0x7F};
static const struct minifloat_format format_e5m2 = {5, 2, 15, 57344.0, OVERFLOW_INF, 0x7E};
static const struct minifloat_format format_e2m1 = {2, 1, 1, 6.0, OVERFLOW_SATURATE, 0x7};
static const struct minifloat_format format_e4m3fnuz = {4, 3, 8, 240.0, OVERFLOW_FNUZ, 0x80};
static const struct minifloat_format format_e5m2fnuz = {5, 2, 16, 57344.0, OVERFLOW_FNUZ, 0x80};

/* Round to nearest even in the format's precision, then apply its overflow rule. */
static uint32_t minifloat_encode(const struct minifloat_format * f, double v) {
    uint32_t sign = signbit(v) ? 1u << (f->exp_bits + f->mant_bits) : 0u;
    uint32_t exp_all_ones = (1u << f->exp_bits) - 1;
    if (f->overflow == OVERFLOW_FNUZ) {
        sign = 0; /* NaN is the sign bit alone; negative values set it below */
        if (isnan(v) || isinf(v)) {
            return f->nan_code;
        }
    }
    uint32_t overflow_code = f->overflow == OVERFLOW_NAN || f->overflow == OVERFLOW_FNUZ ? f->nan_code
                             : f->overflow == OVERFLOW_INF ? exp_all_ones << f->mant_bits
                                                           : (1u << (f->exp_bits + f->mant_bits)) - 1;
    if (isnan(v)) {
        return sign | f->nan_code;
    }
    double a = fabs(v);
    if (isinf(a)) {
        return sign | overflow_code;
    }
    int min_exp = 1 - f->bias;
    int e;
    frexp(a, &e); /* a = m * 2^e with m in [0.5, 1) */
    int unbiased = e - 1 < min_exp ? min_exp : e - 1;
    double quantum = ldexp(1.0, unbiased - f->mant_bits);
    double q = nearbyint(a / quantum) * quantum; /* ties to even in the default rounding mode */
    if (f->overflow == OVERFLOW_FNUZ) {
        /* no -0: a negative value that rounds to zero is +0 */
        sign = signbit(v) && q != 0.0 ? 1u << (f->exp_bits + f->mant_bits) : 0u;
    }
    if (q > f->max_finite) {
        return sign | overflow_code;
    }
    if (q == 0.0) {
        return sign;
    }
    frexp(q, &e);
    unbiased = e - 1;
    uint32_t code;
    if (unbiased < min_exp) {
        code = (uint32_t)ldexp(q, f->mant_bits - min_exp);
    } else {
        code = ((uint32_t)(unbiased + f->bias) << f->mant_bits) |
               ((uint32_t)ldexp(q, f->mant_bits - unbiased) - (1u << f->mant_bits));
    }
    return sign | code;
}

/* f8e8m0: an unsigned power of two. Negative values and zero give the smallest
 * code, NaN gives 0xFF, and the f32 mantissa rounds to nearest, ties to an
 * even exponent (6.0 -> 8, 0.75 -> 0.5), as OpenVINO does. */
static uint8_t e8m0_encode(float v) {
    if (isnan(v)) {
        return 0xFF;
    }
    if (!(v > 0.0f)) {
        return 0;
    }
    uint32_t bits;
    memcpy(&bits, &v, sizeof(bits));
    uint32_t exponent = bits >> 23;
    uint32_t mantissa = bits & 0x7FFFFFu;
    if (exponent == 0xFF) {
        return 254; /* +inf */
    }
    bool up = mantissa > 0x400000u || (mantissa == 0x400000u && (exponent & 1u));
    exponent += up;
    return (uint8_t)(exponent > 254 ? 254 : exponent);
}

static double minifloat_decode(const struct minifloat_format * f, uint32_t code) {
    uint32_t sign = code >> (f->exp_bits + f->mant_bits);
    uint32_t exp = (code >> f->mant_bits) & ((1u << f->exp_bits) - 1);
    uint32_t mant = code & ((1u << f->mant_bits) - 1);
    uint32_t exp_max = (1u << f->exp_bits) - 1;
    double v;
    if (f->overflow == OVERFLOW_FNUZ && code == f->nan_code) {
        return NAN; /* the sign bit alone: FNUZ's only NaN */
    }
    if (f->overflow == OVERFLOW_INF && exp == exp_max) {
        v = mant == 0 ? INFINITY : NAN;
    } else if (f->overflow == OVERFLOW_NAN && exp == exp_max && mant == (1u << f->mant_bits) - 1) {
        v = NAN; /* e4m3fn: only S.1111.111 is NaN */
    } else if (exp == 0) {
        v = ldexp((double)mant, 1 - f->bias - f->mant_bits);
    } else {
        v = ldexp((double)((1u << f->mant_bits) | mant), (int)exp - f->bias - f->mant_bits);
    }
    return sign ? -v : v;
}

double pinot_ref_load_f64(pinot_dtype type, const void * data, uint64_t i) {
    const uint8_t * b = data;
    switch (type) {
    case PINOT_DTYPE_BOOLEAN: return b[i] != 0;
    case PINOT_DTYPE_BF16: return pinot_bf16_to_f32(((const uint16_t *)data)[i]);
    case PINOT_DTYPE_F16: return pinot_f16_to_f32(((const uint16_t *)data)[i]);
    case PINOT_DTYPE_F32: return ((const float *)data)[i];
    case PINOT_DTYPE_F64: return ((const double *)data)[i];
    case PINOT_DTYPE_I8: return ((const int8_t *)data)[i];
    case PINOT_DTYPE_I16: return ((const int16_t *)data)[i];
    case PINOT_DTYPE_I32: return ((const int32_t *)data)[i];
    case PINOT_DTYPE_I64: return (double)((const int64_t *)data)[i];
    case PINOT_DTYPE_U8: return b[i];
    case PINOT_DTYPE_U16: return ((const uint16_t *)data)[i];
    case PINOT_DTYPE_U32: return ((const uint32_t *)data)[i];
    case PINOT_DTYPE_U64: return (double)((const uint64_t *)data)[i];
    case PINOT_DTYPE_F8E4M3: return minifloat_decode(&format_e4m3, b[i]);
    case PINOT_DTYPE_F8E5M2: return minifloat_decode(&format_e5m2, b[i]);
    case PINOT_DTYPE_F8E8M0: return b[i] == 0xFF ? NAN : ldexp(1.0, (int)b[i] - 127);
    case PINOT_DTYPE_F8E4M3FNUZ: return minifloat_decode(&format_e4m3fnuz, b[i]);
    case PINOT_DTYPE_F8E5M2FNUZ: return minifloat_decode(&format_e5m2fnuz, b[i]);
    case PINOT_DTYPE_I4: {
        int32_t v = (int32_t)packed_get(type, b, i);
        return v >= 8 ? v - 16 : v;
    }
    case PINOT_DTYPE_I2: {
        int32_t v = (int32_t)packed_get(type, b, i);
        return v >= 2 ? v - 4 : v;
    }
    case PINOT_DTYPE_NF4: return nf4_values[packed_get(type, b, i)];
    case PINOT_DTYPE_F4E2M1: {
        uint32_t code = packed_get(type, b, i);
        double v = f4e2m1_values[code & 7u];
        return (code & 8u) ? -v : v;
    }
    case PINOT_DTYPE_U1:
    case PINOT_DTYPE_U2:
    case PINOT_DTYPE_U3:
    case PINOT_DTYPE_U4:
    case PINOT_DTYPE_U6: return packed_get(type, b, i);
    default: return 0.0;
    }
}

static int64_t saturate_i64(double v, double lo, double hi) {
    if (isnan(v)) {
        return 0;
    }
    v = trunc(v);
    if (v <= lo) {
        return (int64_t)lo;
    }
    if (v >= hi) {
        return hi >= 9.2e18 ? INT64_MAX : (int64_t)hi;
    }
    return (int64_t)v;
}

static uint64_t saturate_u64(double v, double hi) {
    if (isnan(v) || v <= 0) {
        return 0;
    }
    v = trunc(v);
    if (v >= hi) {
        return hi >= 1.8e19 ? UINT64_MAX : (uint64_t)hi;
    }
    return (uint64_t)v;
}

static uint32_t nearest_code(const float * table, uint32_t n, double v) {
    uint32_t best = 0;
    for (uint32_t k = 1; k < n; k++) {
        if (fabs(v - table[k]) < fabs(v - table[best])) {
            best = k;
        }
    }
    return best;
}

void pinot_ref_store_f64(pinot_dtype type, void * data, uint64_t i, double v) {
    uint8_t * b = data;
    switch (type) {
    case PINOT_DTYPE_BOOLEAN: b[i] = v != 0.0; return;
    case PINOT_DTYPE_BF16: ((uint16_t *)data)[i] = pinot_f32_to_bf16((float)v); return;
    case PINOT_DTYPE_F16: ((uint16_t *)data)[i] = pinot_f32_to_f16((float)v); return;
    case PINOT_DTYPE_F32: ((float *)data)[i] = (float)v; return;
    case PINOT_DTYPE_F64: ((double *)data)[i] = v; return;
    case PINOT_DTYPE_I8: ((int8_t *)data)[i] = (int8_t)saturate_i64(v, INT8_MIN, INT8_MAX); return;
    case PINOT_DTYPE_I16: ((int16_t *)data)[i] = (int16_t)saturate_i64(v, INT16_MIN, INT16_MAX); return;
    case PINOT_DTYPE_I32: ((int32_t *)data)[i] = (int32_t)saturate_i64(v, INT32_MIN, INT32_MAX); return;
    case PINOT_DTYPE_I64: ((int64_t *)data)[i] = saturate_i64(v, -9.223372036854775808e18, 9.3e18); return;
    case PINOT_DTYPE_U8: b[i] = (uint8_t)saturate_u64(v, UINT8_MAX); return;
    case PINOT_DTYPE_U16: ((uint16_t *)data)[i] = (uint16_t)saturate_u64(v, UINT16_MAX); return;
    case PINOT_DTYPE_U32: ((uint32_t *)data)[i] = (uint32_t)saturate_u64(v, UINT32_MAX); return;
    case PINOT_DTYPE_U64: ((uint64_t *)data)[i] = saturate_u64(v, 1.9e19); return;
    case PINOT_DTYPE_F8E4M3: b[i] = (uint8_t)minifloat_encode(&format_e4m3, v); return;
    case PINOT_DTYPE_F8E5M2: b[i] = (uint8_t)minifloat_encode(&format_e5m2, v); return;
    case PINOT_DTYPE_F8E8M0: b[i] = e8m0_encode((float)v); return;
    case PINOT_DTYPE_F8E4M3FNUZ: b[i] = (uint8_t)minifloat_encode(&format_e4m3fnuz, v); return;
    case PINOT_DTYPE_F8E5M2FNUZ: b[i] = (uint8_t)minifloat_encode(&format_e5m2fnuz, v); return;
    case PINOT_DTYPE_I4: packed_set(type, b, i, (uint32_t)saturate_i64(v, -8, 7) & 0xFu); return;
    case PINOT_DTYPE_I2: packed_set(type, b, i, (uint32_t)saturate_i64(v, -2, 1) & 3u); return;
    case PINOT_DTYPE_NF4: packed_set(type, b, i, nearest_code(nf4_values, 16, v)); return;
    case PINOT_DTYPE_F4E2M1: packed_set(type, b, i, minifloat_encode(&format_e2m1, v)); return;
    case PINOT_DTYPE_U1: packed_set(type, b, i, (uint32_t)saturate_u64(v, 1)); return;
    case PINOT_DTYPE_U2: packed_set(type, b, i, (uint32_t)saturate_u64(v, 3)); return;
    case PINOT_DTYPE_U3: packed_set(type, b, i, (uint32_t)saturate_u64(v, 7)); return;
    case PINOT_DTYPE_U4: packed_set(type, b, i, (uint32_t)saturate_u64(v, 15)); return;
    case PINOT_DTYPE_U6: packed_set(type, b, i, (uint32_t)saturate_u64(v, 63)); return;
    default: return;
    }
}

int64_t pinot_ref_load_i64(pinot_dtype type, const void * data, uint64_t i) {
    switch (type) {
    case PINOT_DTYPE_I64: return ((const int64_t *)data)[i];
    case PINOT_DTYPE_U64: return (int64_t)((const uint64_t *)data)[i];
    default: {
        double v = pinot_ref_load_f64(type, data, i);
        return saturate_i64(v, -9.223372036854775808e18, 9.3e18);
    }
    }
}

void pinot_ref_store_i64(pinot_dtype type, void * data, uint64_t i, int64_t v) {
    switch (type) {
    case PINOT_DTYPE_BOOLEAN: ((uint8_t *)data)[i] = v != 0; return;
    case PINOT_DTYPE_I8: ((int8_t *)data)[i] = (int8_t)v; return;
    case PINOT_DTYPE_I16: ((int16_t *)data)[i] = (int16_t)v; return;
    case PINOT_DTYPE_I32: ((int32_t *)data)[i] = (int32_t)v; return;
    case PINOT_DTYPE_I64: ((int64_t *)data)[i] = v; return;
    case PINOT_DTYPE_U8: ((uint8_t *)data)[i] = (uint8_t)v; return;
    case PINOT_DTYPE_U16: ((uint16_t *)data)[i] = (uint16_t)v; return;
    case PINOT_DTYPE_U32: ((uint32_t *)data)[i] = (uint32_t)v; return;
    case PINOT_DTYPE_U64: ((uint64_t *)data)[i] = (uint64_t)v; return;
    case PINOT_DTYPE_I4:
    case PINOT_DTYPE_I2:
    case PINOT_DTYPE_U1:
    case PINOT_DTYPE_U2:
    case PINOT_DTYPE_U3:
    case PINOT_DTYPE_U4:
    case PINOT_DTYPE_U6: packed_set(type, data, i, (uint32_t)v); return;
    default: pinot_ref_store_f64(type, data, i, (double)v); return;
    }
}

bool pinot_ref_broadcast_shape(const pinot_shape * const * shapes, uint32_t n, pinot_shape * out) {
    uint32_t rank = 0;
    for (uint32_t k = 0; k < n; k++) {
        rank = shapes[k]->rank > rank ? shapes[k]->rank : rank;
    }
    out->rank = rank;
    for (uint32_t axis = 0; axis < rank; axis++) {
        int64_t dim = 1;
        for (uint32_t k = 0; k < n; k++) {
            int64_t offset = (int64_t)axis - (int64_t)(rank - shapes[k]->rank);
            int64_t d = offset < 0 ? 1 : shapes[k]->dims[offset];
            if (d == dim || d == 1) {
                continue;
            }
            if (dim != 1) {
                return false;
            }
            dim = d;
        }
        out->dims[axis] = dim;
    }
    return true;
}

void pinot_ref_dense_strides(const pinot_shape * shape, int64_t * strides) {
    int64_t stride = 1;
    for (uint32_t i = shape->rank; i-- > 0;) {
        strides[i] = stride;
        stride *= shape->dims[i];
    }
}

void pinot_ref_bcast_init(struct pinot_ref_bcast * it, const pinot_shape * out, const pinot_shape * const * shapes,
                          uint32_t n) {
    memset(it, 0, sizeof(*it));
    it->rank = out->rank;
    it->n_operands = n;
    it->count = 1;
    for (uint32_t axis = 0; axis < out->rank; axis++) {
        it->dims[axis] = out->dims[axis];
        it->count *= (uint64_t)out->dims[axis];
    }
    for (uint32_t k = 0; k < n; k++) {
        int64_t dense[PINOT_MAX_RANK];
        pinot_ref_dense_strides(shapes[k], dense);
        uint32_t lead = out->rank - shapes[k]->rank;
        for (uint32_t axis = lead; axis < out->rank; axis++) {
            int64_t d = shapes[k]->dims[axis - lead];
            it->strides[k][axis] = d == 1 ? 0 : dense[axis - lead];
        }
    }
}

int64_t pinot_ref_dims_product(const pinot_shape * shape, uint32_t begin, uint32_t end) {
    int64_t p = 1;
    for (uint32_t i = begin; i < end && i < shape->rank; i++) {
        p *= shape->dims[i];
    }
    return p;
}

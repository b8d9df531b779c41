/* Element access for every element type and numpy broadcasting, for the
 * reference kernels. Small float formats (f8, f4, nf4) are decoded by formula
 * or table and encoded by round-to-nearest-even with saturation to the largest
 * finite value, the way OpenVINO's converters clamp. */
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

/* A small float format: sign, exp_bits, mant_bits, bias. */
struct minifloat {
    int exp_bits, mant_bits, bias;
    bool has_inf;     /* e5m2: IEEE-like inf and NaN */
    double max_value; /* largest finite */
};

static const struct minifloat fmt_e4m3 = {4, 3, 7, false, 448.0};
static const struct minifloat fmt_e5m2 = {5, 2, 15, true, 57344.0};

static double minifloat_decode(const struct minifloat * f, uint32_t code) {
    uint32_t sign = code >> (f->exp_bits + f->mant_bits);
    uint32_t exp = (code >> f->mant_bits) & ((1u << f->exp_bits) - 1);
    uint32_t mant = code & ((1u << f->mant_bits) - 1);
    double v;
    uint32_t exp_max = (1u << f->exp_bits) - 1;
    if (f->has_inf && exp == exp_max) {
        v = mant == 0 ? INFINITY : NAN;
    } else if (!f->has_inf && exp == exp_max && mant == (1u << f->mant_bits) - 1) {
        v = NAN; /* e4m3fn: only S.1111.111 is NaN */
    } else if (exp == 0) {
        v = ldexp((double)mant, 1 - f->bias - f->mant_bits);
    } else {
        v = ldexp((double)((1u << f->mant_bits) | mant), (int)exp - f->bias - f->mant_bits);
    }
    return sign ? -v : v;
}

static uint32_t minifloat_encode(const struct minifloat * f, double v) {
    uint32_t sign_bit = 1u << (f->exp_bits + f->mant_bits);
    uint32_t sign = signbit(v) ? sign_bit : 0;
    double a = fabs(v);
    uint32_t exp_max = (1u << f->exp_bits) - 1;
    if (isnan(v)) {
        return sign | (f->has_inf ? (exp_max << f->mant_bits) | 1u : (exp_max << f->mant_bits) | ((1u << f->mant_bits) - 1));
    }
    if (a >= f->max_value) {
        if (f->has_inf && isinf(a)) {
            return sign | (exp_max << f->mant_bits);
        }
        a = f->max_value; /* saturate */
    }
    /* Quantum at a's binade: 2^(e - mant_bits), never below the subnormal step. */
    int e;
    frexp(a, &e); /* a = m * 2^e, m in [0.5, 1) */
    int min_exp = 1 - f->bias;
    int unbiased = e - 1;
    if (unbiased < min_exp) {
        unbiased = min_exp;
    }
    double quantum = ldexp(1.0, unbiased - f->mant_bits);
    double q = nearbyint(a / quantum) * quantum; /* round to nearest even */
    if (q > f->max_value) {
        q = f->max_value;
    }
    /* Find the code by decoding candidates of q's binade (exact, since q is representable). */
    if (q == 0.0) {
        return sign;
    }
    frexp(q, &e);
    unbiased = e - 1;
    uint32_t exp_field, mant_field;
    if (unbiased < min_exp) {
        exp_field = 0;
        mant_field = (uint32_t)ldexp(q, f->bias - 1 + f->mant_bits);
    } else {
        exp_field = (uint32_t)(unbiased + f->bias);
        mant_field = (uint32_t)(ldexp(q, f->mant_bits - unbiased) - (double)(1u << f->mant_bits));
    }
    return sign | (exp_field << f->mant_bits) | mant_field;
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
    case PINOT_DTYPE_F8E4M3: return minifloat_decode(&fmt_e4m3, b[i]);
    case PINOT_DTYPE_F8E5M2: return minifloat_decode(&fmt_e5m2, b[i]);
    case PINOT_DTYPE_F8E8M0: return b[i] == 0xFF ? NAN : ldexp(1.0, (int)b[i] - 127);
    case PINOT_DTYPE_I4: {
        int32_t v = (int32_t)packed_get(type, b, i);
        return v >= 8 ? v - 16 : v;
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
    case PINOT_DTYPE_F8E4M3: b[i] = (uint8_t)minifloat_encode(&fmt_e4m3, v); return;
    case PINOT_DTYPE_F8E5M2: b[i] = (uint8_t)minifloat_encode(&fmt_e5m2, v); return;
    case PINOT_DTYPE_F8E8M0: {
        if (isnan(v) || v <= 0) {
            b[i] = isnan(v) ? 0xFF : 0;
            return;
        }
        int e = (int)lrint(log2(v)) + 127;
        b[i] = (uint8_t)(e < 0 ? 0 : e > 254 ? 254 : e);
        return;
    }
    case PINOT_DTYPE_I4: packed_set(type, b, i, (uint32_t)saturate_i64(v, -8, 7) & 0xFu); return;
    case PINOT_DTYPE_NF4: packed_set(type, b, i, nearest_code(nf4_values, 16, v)); return;
    case PINOT_DTYPE_F4E2M1: {
        uint32_t code = nearest_code(f4e2m1_values, 8, fabs(v));
        packed_set(type, b, i, code | (signbit(v) ? 8u : 0u));
        return;
    }
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

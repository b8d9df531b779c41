/* The element type table, byte sizes of packed types, compatible/merge, the
 * f16/bf16 scalar conversions, and the element codes of the Pinot-only
 * types (FNUZ float8, i2). */
#include <math.h>

#include "ops/ref-util.h"
#include "pinot/pinot.h"
#include "test.h"

static void test_table_matches_openvino(void) {
    /* name, bits, size, real, integral, signed, quantized: values read off openvino 2026.4
     * (the Pinot-only types at the end have no OpenVINO counterpart) */
    static const struct {
        pinot_dtype type;
        const char * name;
        uint32_t bits, size;
        bool real, integral, is_signed, quantized;
    } rows[] = {
        {PINOT_DTYPE_DYNAMIC, "dynamic", 0, 0, false, true, false, false},
        {PINOT_DTYPE_BOOLEAN, "boolean", 8, 1, false, true, true, false},
        {PINOT_DTYPE_BF16, "bf16", 16, 2, true, false, true, false},
        {PINOT_DTYPE_F32, "f32", 32, 4, true, false, true, false},
        {PINOT_DTYPE_I4, "i4", 4, 1, false, true, true, true},
        {PINOT_DTYPE_U1, "u1", 1, 1, false, true, false, false},
        {PINOT_DTYPE_U3, "u3", 3, 1, false, true, false, false},
        {PINOT_DTYPE_U8, "u8", 8, 1, false, true, false, true},
        {PINOT_DTYPE_NF4, "nf4", 4, 1, false, true, false, true},
        {PINOT_DTYPE_F8E8M0, "f8e8m0", 8, 1, true, false, true, true},
        {PINOT_DTYPE_F4E2M1, "f4e2m1", 4, 1, true, false, true, true},
        {PINOT_DTYPE_STRING, "string", 256, 32, false, true, false, false},
        /* Pinot-only: flagged like f8e4m3 and i4 */
        {PINOT_DTYPE_F8E4M3FNUZ, "f8e4m3fnuz", 8, 1, true, false, true, true},
        {PINOT_DTYPE_F8E5M2FNUZ, "f8e5m2fnuz", 8, 1, true, false, true, true},
        {PINOT_DTYPE_I2, "i2", 2, 1, false, true, true, true},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        const pinot_dtype_info * info = pinot_dtype_get_info(rows[i].type);
        CHECK(info != NULL);
        CHECK_STR(info->name, rows[i].name);
        CHECK_EQ_INT(info->bitwidth, rows[i].bits);
        CHECK_EQ_INT(info->size, rows[i].size);
        CHECK_EQ_INT(info->is_real, rows[i].real);
        CHECK_EQ_INT(info->is_integral, rows[i].integral);
        CHECK_EQ_INT(info->is_signed, rows[i].is_signed);
        CHECK_EQ_INT(info->is_quantized, rows[i].quantized);
        TEST_ROW("%s", rows[i].name);
    }
    CHECK(pinot_dtype_get_info(PINOT_DTYPE_COUNT) == NULL);
    CHECK_STR(pinot_dtype_name(PINOT_DTYPE_COUNT), "?");
}

static void test_names_round_trip(void) {
    for (int t = 0; t < PINOT_DTYPE_COUNT; t++) {
        pinot_dtype parsed;
        CHECK_OK(pinot_dtype_from_name(pinot_dtype_name((pinot_dtype)t), &parsed));
        CHECK_EQ_INT(parsed, t);
    }
    pinot_dtype parsed;
    CHECK_OK(pinot_dtype_from_name("undefined", &parsed));
    CHECK_EQ_INT(parsed, PINOT_DTYPE_DYNAMIC);
    CHECK_STATUS(pinot_dtype_from_name("float32", &parsed), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "float32") != NULL);
    CHECK_STATUS(pinot_dtype_from_name(NULL, &parsed), PINOT_STATUS_INVALID_ARGUMENT);
}

static void test_byte_sizes(void) {
    /* count -> bytes, as openvino's Tensor.byte_size reports */
    static const struct {
        pinot_dtype type;
        uint64_t count, bytes;
    } rows[] = {
        {PINOT_DTYPE_U1, 9, 2},   {PINOT_DTYPE_U1, 8, 1},   {PINOT_DTYPE_U2, 5, 2},   {PINOT_DTYPE_U4, 3, 2},
        {PINOT_DTYPE_I4, 0, 0},   {PINOT_DTYPE_U3, 1, 3},   {PINOT_DTYPE_U3, 8, 3},   {PINOT_DTYPE_U3, 9, 6},
        {PINOT_DTYPE_U3, 2187, 822}, {PINOT_DTYPE_U6, 4, 3}, {PINOT_DTYPE_U6, 5, 6},  {PINOT_DTYPE_U6, 17, 15},
        {PINOT_DTYPE_F32, 3, 12}, {PINOT_DTYPE_STRING, 3, 96}, {PINOT_DTYPE_DYNAMIC, 5, 0},
        {PINOT_DTYPE_I2, 5, 2},   {PINOT_DTYPE_I2, 8, 2},   {PINOT_DTYPE_F8E4M3FNUZ, 3, 3},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        uint64_t bytes = 12345;
        CHECK(pinot_dtype_byte_size(rows[i].type, rows[i].count, &bytes));
        CHECK_EQ_INT(bytes, rows[i].bytes);
        TEST_ROW("%s x %llu", pinot_dtype_name(rows[i].type), (unsigned long long)rows[i].count);
    }
    uint64_t bytes;
    CHECK(!pinot_dtype_byte_size(PINOT_DTYPE_F64, UINT64_MAX / 4, &bytes));
    CHECK(pinot_dtype_is_packed(PINOT_DTYPE_U6));
    CHECK(!pinot_dtype_is_packed(PINOT_DTYPE_U8));
    CHECK(!pinot_dtype_is_packed(PINOT_DTYPE_DYNAMIC));
}

static void test_compatible_and_merge(void) {
    pinot_dtype out = PINOT_DTYPE_COUNT;
    CHECK(pinot_dtype_compatible(PINOT_DTYPE_F32, PINOT_DTYPE_F32));
    CHECK(pinot_dtype_compatible(PINOT_DTYPE_DYNAMIC, PINOT_DTYPE_I8));
    CHECK(!pinot_dtype_compatible(PINOT_DTYPE_F32, PINOT_DTYPE_I32));
    CHECK(pinot_dtype_merge(PINOT_DTYPE_DYNAMIC, PINOT_DTYPE_I32, &out));
    CHECK_EQ_INT(out, PINOT_DTYPE_I32);
    CHECK(pinot_dtype_merge(PINOT_DTYPE_U8, PINOT_DTYPE_DYNAMIC, &out));
    CHECK_EQ_INT(out, PINOT_DTYPE_U8);
    out = PINOT_DTYPE_COUNT;
    CHECK(!pinot_dtype_merge(PINOT_DTYPE_F32, PINOT_DTYPE_I32, &out));
    CHECK_EQ_INT(out, PINOT_DTYPE_COUNT);
}

static void test_f16_conversions(void) {
    static const struct {
        float f;
        uint16_t h;
    } exact[] = {
        {0.0f, 0x0000}, {-0.0f, 0x8000}, {1.0f, 0x3C00}, {-2.0f, 0xC000}, {65504.0f, 0x7BFF},
        {0x1p-14f, 0x0400}, {0x1p-24f, 0x0001}, {0.5f, 0x3800}, {INFINITY, 0x7C00}, {-INFINITY, 0xFC00},
    };
    for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
        TEST_ROW_BEGIN();
        CHECK_EQ_INT(pinot_f32_to_f16(exact[i].f), exact[i].h);
        CHECK(pinot_f16_to_f32(exact[i].h) == exact[i].f);
        TEST_ROW("%g", (double)exact[i].f);
    }
    CHECK_EQ_INT(pinot_f32_to_f16(65520.0f), 0x7C00);          /* rounds up to inf */
    CHECK_EQ_INT(pinot_f32_to_f16(1.0f + 0x1p-11f), 0x3C00);   /* tie to even: down */
    CHECK_EQ_INT(pinot_f32_to_f16(1.0f + 3 * 0x1p-11f), 0x3C02); /* tie to even: up */
    CHECK_EQ_INT(pinot_f32_to_f16(0x1p-25f), 0x0000);          /* tie to even: zero */
    CHECK_EQ_INT(pinot_f32_to_f16(0x1p-25f * 3), 0x0002);
    CHECK(isnan(pinot_f16_to_f32(pinot_f32_to_f16(NAN))));
    /* Every f16 survives the round trip through f32. */
    int mismatches = 0;
    for (uint32_t h = 0; h < 0x10000; h++) {
        float f = pinot_f16_to_f32((uint16_t)h);
        if (isnan(f)) {
            mismatches += !isnan(pinot_f16_to_f32(pinot_f32_to_f16(f)));
        } else {
            mismatches += pinot_f32_to_f16(f) != h;
        }
    }
    CHECK_EQ_INT(mismatches, 0);
}

static void test_bf16_conversions(void) {
    CHECK_EQ_INT(pinot_f32_to_bf16(1.0f), 0x3F80);
    CHECK(pinot_bf16_to_f32(0x3F80) == 1.0f);
    CHECK_EQ_INT(pinot_f32_to_bf16(1.0f + 0x1p-8f), 0x3F80);     /* tie to even: down */
    CHECK_EQ_INT(pinot_f32_to_bf16(1.0f + 3 * 0x1p-8f), 0x3F82); /* tie to even: up */
    CHECK(isnan(pinot_bf16_to_f32(pinot_f32_to_bf16(NAN))));
    CHECK_EQ_INT(pinot_f32_to_bf16(INFINITY), 0x7F80);
}

/* FNUZ float8 (ONNX / ml_dtypes): bias 8 or 16, no -0 and no inf, 0x80 the
 * only NaN; overflow and +-inf encode to NaN, ties round to even. The full
 * sweep against ml_dtypes is in tests/python/test_pinot_only_types.py. */
static void test_fnuz_codes(void) {
    static const struct {
        pinot_dtype type;
        double v;
        uint8_t code;
    } rows[] = {
        {PINOT_DTYPE_F8E4M3FNUZ, 1.0, 0x40},       {PINOT_DTYPE_F8E4M3FNUZ, -1.0, 0xC0},
        {PINOT_DTYPE_F8E4M3FNUZ, 240.0, 0x7F},     {PINOT_DTYPE_F8E4M3FNUZ, -240.0, 0xFF},
        {PINOT_DTYPE_F8E4M3FNUZ, 0x1p-10, 0x01},   {PINOT_DTYPE_F8E4M3FNUZ, 0x1p-7, 0x08},
        {PINOT_DTYPE_F8E4M3FNUZ, 0.0, 0x00},       {PINOT_DTYPE_F8E5M2FNUZ, 1.0, 0x40},
        {PINOT_DTYPE_F8E5M2FNUZ, 57344.0, 0x7F},   {PINOT_DTYPE_F8E5M2FNUZ, -57344.0, 0xFF},
        {PINOT_DTYPE_F8E5M2FNUZ, 0x1p-17, 0x01},   {PINOT_DTYPE_F8E5M2FNUZ, -0x1p-15, 0x84},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        uint8_t code = 0x55;
        pinot_ref_store_f64(rows[i].type, &code, 0, rows[i].v);
        CHECK_EQ_INT(code, rows[i].code);
        CHECK(pinot_ref_load_f64(rows[i].type, &rows[i].code, 0) == rows[i].v);
        TEST_ROW("%s %g", pinot_dtype_name(rows[i].type), rows[i].v);
    }
    static const struct {
        pinot_dtype type;
        double v;
        uint8_t code;
    } encode_only[] = {
        {PINOT_DTYPE_F8E4M3FNUZ, -0.0, 0x00},      /* no negative zero */
        {PINOT_DTYPE_F8E4M3FNUZ, -0x1p-12, 0x00},  /* rounds to zero: +0 */
        {PINOT_DTYPE_F8E4M3FNUZ, NAN, 0x80},       {PINOT_DTYPE_F8E4M3FNUZ, -NAN, 0x80},
        {PINOT_DTYPE_F8E4M3FNUZ, INFINITY, 0x80},  {PINOT_DTYPE_F8E4M3FNUZ, -INFINITY, 0x80},
        {PINOT_DTYPE_F8E4M3FNUZ, 247.9, 0x7F},     /* rounds down to the max */
        {PINOT_DTYPE_F8E4M3FNUZ, 248.0, 0x80},     /* tie rounds up past the max: NaN */
        {PINOT_DTYPE_F8E4M3FNUZ, 0x1p-11, 0x00},   /* tie to even: zero */
        {PINOT_DTYPE_F8E4M3FNUZ, 3 * 0x1p-11, 0x02}, /* tie to even: up */
        {PINOT_DTYPE_F8E4M3FNUZ, 1.0625, 0x40},    /* tie to even: down */
        {PINOT_DTYPE_F8E5M2FNUZ, 61439.0, 0x7F},   {PINOT_DTYPE_F8E5M2FNUZ, 61440.0, 0x80},
        {PINOT_DTYPE_F8E5M2FNUZ, -INFINITY, 0x80}, {PINOT_DTYPE_F8E5M2FNUZ, -0.0, 0x00},
    };
    for (size_t i = 0; i < sizeof(encode_only) / sizeof(encode_only[0]); i++) {
        TEST_ROW_BEGIN();
        uint8_t code = 0x55;
        pinot_ref_store_f64(encode_only[i].type, &code, 0, encode_only[i].v);
        CHECK_EQ_INT(code, encode_only[i].code);
        TEST_ROW("%s %g", pinot_dtype_name(encode_only[i].type), encode_only[i].v);
    }
    uint8_t nan_code = 0x80;
    CHECK(isnan(pinot_ref_load_f64(PINOT_DTYPE_F8E4M3FNUZ, &nan_code, 0)));
    CHECK(isnan(pinot_ref_load_f64(PINOT_DTYPE_F8E5M2FNUZ, &nan_code, 0)));
    /* Every code but the NaN survives decode + encode. */
    int mismatches = 0;
    for (uint32_t c = 0; c < 256; c++) {
        uint8_t code = (uint8_t)c, back = 0;
        if (c == 0x80) {
            continue;
        }
        pinot_ref_store_f64(PINOT_DTYPE_F8E4M3FNUZ, &back, 0, pinot_ref_load_f64(PINOT_DTYPE_F8E4M3FNUZ, &code, 0));
        mismatches += back != code;
        pinot_ref_store_f64(PINOT_DTYPE_F8E5M2FNUZ, &back, 0, pinot_ref_load_f64(PINOT_DTYPE_F8E5M2FNUZ, &code, 0));
        mismatches += back != code;
    }
    CHECK_EQ_INT(mismatches, 0);
}

/* i2: 4 values per byte, lowest bits first, two's complement -2..1. */
static void test_i2_codes(void) {
    uint8_t packed[2] = {0xE4, 0x00}; /* codes 0, 1, 2, 3 */
    CHECK(pinot_ref_load_f64(PINOT_DTYPE_I2, packed, 0) == 0.0);
    CHECK(pinot_ref_load_f64(PINOT_DTYPE_I2, packed, 1) == 1.0);
    CHECK(pinot_ref_load_f64(PINOT_DTYPE_I2, packed, 2) == -2.0);
    CHECK(pinot_ref_load_f64(PINOT_DTYPE_I2, packed, 3) == -1.0);
    CHECK_EQ_INT(pinot_ref_load_i64(PINOT_DTYPE_I2, packed, 2), -2);
    pinot_ref_store_f64(PINOT_DTYPE_I2, packed, 4, -1.0);
    pinot_ref_store_f64(PINOT_DTYPE_I2, packed, 5, 5.0);  /* saturates to 1 */
    pinot_ref_store_f64(PINOT_DTYPE_I2, packed, 6, -7.0); /* saturates to -2 */
    pinot_ref_store_i64(PINOT_DTYPE_I2, packed, 7, 1);
    CHECK_EQ_INT(packed[0], 0xE4); /* neighbours untouched */
    CHECK_EQ_INT(packed[1], 0x67); /* 11, 01, 10, 01 from the low bits up */
}

TEST_MAIN(TEST(test_table_matches_openvino), TEST(test_names_round_trip), TEST(test_byte_sizes),
          TEST(test_compatible_and_merge), TEST(test_f16_conversions), TEST(test_bf16_conversions),
          TEST(test_fnuz_codes), TEST(test_i2_codes))

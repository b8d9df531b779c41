/* The protobuf wire reader: varints, fixed values, LEN spans, packed and
 * unpacked repeated scalars, and every malformed input it must refuse. */
#include <stdlib.h>

#include "frontends/onnx/protobuf.h"
#include "test.h"

static pinot_pb_reader reader_of(const uint8_t * data, size_t size) {
    return pinot_pb_reader_init((pinot_pb_span){data, size}, "test message");
}

static void test_varints(void) {
    static const struct {
        uint8_t bytes[10];
        size_t n;
        uint64_t value;
    } rows[] = {
        {{0x00}, 1, 0},
        {{0x01}, 1, 1},
        {{0x96, 0x01}, 2, 150},
        {{0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 5, 0xFFFFFFFFu},
        /* -1 as int64: ten bytes */
        {{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 10, UINT64_MAX},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        const uint8_t * p = rows[i].bytes;
        uint64_t v = 0;
        CHECK(pinot_pb_read_varint(&p, rows[i].bytes + rows[i].n, &v));
        CHECK(v == rows[i].value);
        CHECK(p == rows[i].bytes + rows[i].n);
        TEST_ROW("row %zu", i);
    }
    const uint8_t truncated[] = {0x80, 0x80};
    const uint8_t * p = truncated;
    uint64_t v;
    CHECK(!pinot_pb_read_varint(&p, truncated + 2, &v));
    const uint8_t eleven[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
    p = eleven;
    CHECK(!pinot_pb_read_varint(&p, eleven + sizeof(eleven), &v));
}

static void test_fields(void) {
    /* field 1 varint 150; field 2 LEN "hi"; field 3 fixed32 1.0f; field 4 fixed64 2.0 */
    const uint8_t msg[] = {0x08, 0x96, 0x01, 0x12, 0x02, 'h', 'i', 0x1D, 0x00, 0x00, 0x80, 0x3F,
                           0x21, 0, 0, 0, 0, 0, 0, 0, 0x40};
    pinot_pb_reader r = reader_of(msg, sizeof(msg));
    pinot_pb_field f;
    bool has;
    CHECK_OK(pinot_pb_next(&r, &f, &has));
    CHECK(has && f.number == 1 && f.wire == PINOT_PB_VARINT && f.value == 150);
    CHECK_OK(pinot_pb_next(&r, &f, &has));
    CHECK(has && f.number == 2 && f.wire == PINOT_PB_LEN && f.span.size == 2 && f.span.data[0] == 'h');
    CHECK_OK(pinot_pb_next(&r, &f, &has));
    CHECK(has && f.number == 3 && pinot_pb_as_float(f.value) == 1.0f);
    CHECK_OK(pinot_pb_next(&r, &f, &has));
    CHECK(has && f.number == 4 && pinot_pb_as_double(f.value) == 2.0);
    CHECK_OK(pinot_pb_next(&r, &f, &has));
    CHECK(!has);
}

static pinot_status collect(void * user, uint64_t value) {
    int64_t ** out = user;
    *(*out)++ = (int64_t)value;
    return PINOT_STATUS_OK;
}

static void test_packed_and_unpacked(void) {
    /* field 1 packed varints [1, 300, -1]; then field 1 unpacked 7 */
    const uint8_t msg[] = {0x0A, 0x0D, 0x01, 0xAC, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
                           0x08, 0x07};
    pinot_pb_reader r = reader_of(msg, sizeof(msg));
    pinot_pb_field f;
    bool has;
    int64_t values[8];
    int64_t * out = values;
    uint64_t count = 0;
    while (pinot_pb_next(&r, &f, &has) == PINOT_STATUS_OK && has) {
        CHECK_OK(pinot_pb_count_scalars(&r, &f, 0, &count));
        CHECK_OK(pinot_pb_for_each_scalar(&r, &f, 0, collect, &out));
    }
    CHECK_EQ_INT(count, 4);
    CHECK_EQ_INT(out - values, 4);
    CHECK_EQ_INT(values[0], 1);
    CHECK_EQ_INT(values[1], 300);
    CHECK_EQ_INT(values[2], -1);
    CHECK_EQ_INT(values[3], 7);
    /* packed floats must be a multiple of 4 bytes */
    const uint8_t bad[] = {0x0A, 0x03, 0, 0, 0};
    r = reader_of(bad, sizeof(bad));
    CHECK_OK(pinot_pb_next(&r, &f, &has));
    out = values;
    CHECK_STATUS(pinot_pb_for_each_scalar(&r, &f, 4, collect, &out), PINOT_STATUS_PARSE_ERROR);
    count = 0;
    CHECK_STATUS(pinot_pb_count_scalars(&r, &f, 4, &count), PINOT_STATUS_PARSE_ERROR);
}

static void test_malformed(void) {
    static const struct {
        uint8_t bytes[12];
        size_t n;
        const char * expect;
    } rows[] = {
        {{0x0A, 0x05, 'a'}, 3, "runs past the end"},      /* LEN longer than the data */
        {{0x0A}, 1, "truncated length"},                  /* LEN without length */
        {{0x08}, 1, "truncated varint"},                  /* varint without value */
        {{0x0B}, 1, "wire type 3"},                       /* group start */
        {{0x0E}, 1, "wire type 6"},                       /* invalid wire type */
        {{0x00, 0x01}, 2, "invalid field number"},        /* field number 0 */
        {{0x0D, 0x00, 0x00}, 3, "truncated 32-bit"},      /* fixed32 cut short */
        {{0x09, 0x00}, 2, "truncated 64-bit"},            /* fixed64 cut short */
        /* a huge declared length (2^63) must not overflow the bound check */
        {{0x0A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 11, "runs past the end"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_pb_reader r = reader_of(rows[i].bytes, rows[i].n);
        pinot_pb_field f;
        bool has;
        CHECK_STATUS(pinot_pb_next(&r, &f, &has), PINOT_STATUS_PARSE_ERROR);
        CHECK(strstr(pinot_last_error_message(), rows[i].expect) != NULL);
        CHECK(strstr(pinot_last_error_message(), "test message") != NULL);
        TEST_ROW("row %zu: %s", i, pinot_last_error_message());
    }
}

static void test_random_bytes_never_overrun(void) {
    /* Walk random buffers (and random nestings of their LEN fields) to the end or
     * an error; under ASan any overrun is a crash. Deterministic seed. */
    uint8_t buf[256];
    uint64_t state = 12345;
    int parsed = 0;
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(state % sizeof(buf));
        for (size_t i = 0; i < n; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            buf[i] = (uint8_t)(state >> 56);
        }
        uint8_t * copy = malloc(n ? n : 1); /* exact-size allocation so ASan sees overruns */
        memcpy(copy, buf, n);
        pinot_pb_reader r = reader_of(copy, n);
        pinot_pb_field f;
        bool has = true;
        while (has && pinot_pb_next(&r, &f, &has) == PINOT_STATUS_OK) {
            if (has && f.wire == PINOT_PB_LEN) {
                pinot_pb_reader inner = pinot_pb_reader_init(f.span, "inner");
                pinot_pb_field g;
                bool more = true;
                while (more && pinot_pb_next(&inner, &g, &more) == PINOT_STATUS_OK) {
                }
                uint64_t count = 0;
                (void)!pinot_pb_count_scalars(&r, &f, 0, &count);
            }
            parsed++;
        }
        free(copy);
    }
    CHECK(parsed > 1000);
}

TEST_MAIN(TEST(test_varints), TEST(test_fields), TEST(test_packed_and_unpacked), TEST(test_malformed),
          TEST(test_random_bytes_never_overrun))

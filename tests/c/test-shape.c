/* Unit tests for dimensions, static shapes and partial shapes (shape.h).
 * Expected values were taken from OpenVINO 2026.4: the relation, merge and
 * broadcast tables by probing Dimension/PartialShape methods and the output
 * shapes of opset13.add (numpy broadcast and auto_broadcast="none"). */
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "pinot/shape.h"
#include "test.h"

#define INF PINOT_DIM_INF

static pinot_dim dim(const char * text) {
    pinot_dim d = pinot_dim_empty();
    CHECK_OK(pinot_dim_parse(text, &d));
    return d;
}

static const char * dim_str(pinot_dim d) {
    static char buf[64];
    pinot_dim_to_string(d, buf, sizeof(buf));
    return buf;
}

static pinot_partial_shape pshape(const char * text) {
    pinot_partial_shape ps = {.rank = -1};
    CHECK_OK(pinot_partial_shape_parse(text, &ps));
    return ps;
}

static const char * pshape_str(const pinot_partial_shape * ps) {
    static char buf[1024];
    pinot_partial_shape_to_string(ps, buf, sizeof(buf));
    return buf;
}

static const char * shape_str(const pinot_shape * s) {
    static char buf[1024];
    pinot_shape_to_string(s, buf, sizeof(buf));
    return buf;
}

/* ---- dimensions ---- */

static void test_dim_kinds(void) {
    CHECK(pinot_dim_is_static(pinot_dim_static(3)));
    CHECK(pinot_dim_is_static(pinot_dim_static(0)));
    CHECK(pinot_dim_is_dynamic(pinot_dim_dynamic()));
    CHECK(!pinot_dim_is_empty(pinot_dim_dynamic()));
    /* The empty interval is dynamic even though min == max. */
    CHECK(pinot_dim_is_empty(pinot_dim_empty()));
    CHECK(pinot_dim_is_dynamic(pinot_dim_empty()));
    CHECK(!pinot_dim_is_static(pinot_dim_static(INT64_MAX)));
}

static void test_dim_make(void) {
    static const struct {
        int64_t min, max, want_min, want_max;
    } rows[] = {
        {2, 5, 2, 5}, {3, 3, 3, 3}, {-5, 2, 0, 2}, {-2, -2, 0, 0}, {-3, -2, 0, 0},
        {5, 2, INF, INF}, {2, -5, INF, INF}, {0, INF, 0, INF}, {INT64_MIN, 3, 0, 3},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_dim d = pinot_dim_make(rows[i].min, rows[i].max);
        CHECK_EQ_INT(d.min, rows[i].want_min);
        CHECK_EQ_INT(d.max, rows[i].want_max);
        TEST_ROW("make(%" PRId64 ", %" PRId64 ")", rows[i].min, rows[i].max);
    }
}

static void test_dim_interval(void) {
    pinot_dim d;
    CHECK_OK(pinot_dim_interval(2, 5, &d));
    CHECK(d.min == 2 && d.max == 5);
    CHECK_OK(pinot_dim_interval(-1, 5, &d));
    CHECK(d.min == 0 && d.max == 5);
    CHECK_OK(pinot_dim_interval(2, -1, &d));
    CHECK(d.min == 2 && d.max == INF);
    CHECK_OK(pinot_dim_interval(-1, -1, &d));
    CHECK(pinot_dim_equal(d, pinot_dim_dynamic()));
    d = pinot_dim_static(7);
    CHECK_STATUS(pinot_dim_interval(5, 2, &d), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "failed to create dimension: min bound 5 is greater than max bound 2");
    CHECK(d.min == 7 && d.max == 7); /* untouched on failure */
}

static void test_dim_to_string(void) {
    static const struct {
        int64_t min, max;
        const char * text;
    } rows[] = {
        {3, 3, "3"}, {0, 0, "0"}, {0, INF, "?"}, {2, 5, "2..5"}, {2, INF, "2.."}, {0, 5, "..5"},
        {1, INF, "1.."}, {INF, INF, "?"}, {0, INF - 1, "..9223372036854775806"},
        {INF - 1, INF - 1, "9223372036854775806"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        pinot_dim d = {rows[i].min, rows[i].max};
        char buf[64];
        CHECK_EQ_INT(pinot_dim_to_string(d, buf, sizeof(buf)), strlen(rows[i].text));
        CHECK_STR(buf, rows[i].text);
    }
    /* snprintf semantics: truncated, terminated, full length returned. */
    char small[3];
    CHECK_EQ_INT(pinot_dim_to_string(pinot_dim_make(10, 20), small, sizeof(small)), 6);
    CHECK_STR(small, "10");
    CHECK_EQ_INT(pinot_dim_to_string(pinot_dim_make(10, 20), NULL, 0), 6);
}

static void test_dim_parse(void) {
    static const struct {
        const char * text;
        int64_t min, max;
    } ok_rows[] = {
        {"?", 0, INF}, {"-1", 0, INF}, {" ? ", 0, INF}, {"-1 ", 0, INF}, {"3", 3, 3}, {" 3 ", 3, 3},
        {"\t3\n", 3, 3}, {"\v3", 3, 3}, {"03", 3, 3}, {"-2", 0, 0}, {"-01", 0, 0}, {"-0", 0, 0},
        {"", 0, 0}, {" ", 0, 0}, {"-", 0, 0}, {"--2", 0, 0}, {"2-", 2, 2}, {"1-2", 1, 1},
        {"2..5", 2, 5}, {"..5", 0, 5}, {"2..", 2, INF}, {"..", 0, INF}, {"3..3", 3, 3}, {"..0", 0, 0},
        {"5..2", INF, INF}, {"-1..5", 0, 5}, {"-3..5", 0, 5}, {"-1..", 0, INF}, {"2..-1", INF, INF},
        {"..-1", INF, INF}, {"-5..-1", 0, 0}, {"1..9223372036854775807", 1, INF},
        /* Out-of-range numbers read as 0, like OpenVINO; INT64_MAX is the empty interval. */
        {"99999999999999999999", 0, 0}, {"-99999999999999999999", 0, 0}, {"9223372036854775808", 0, 0},
        {"9223372036854775807", INF, INF}, {"9223372036854775806", INF - 1, INF - 1},
        {"-9223372036854775808", 0, 0},
    };
    for (size_t i = 0; i < sizeof(ok_rows) / sizeof(ok_rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_dim d = pinot_dim_static(12345);
        CHECK_OK(pinot_dim_parse(ok_rows[i].text, &d));
        CHECK_EQ_INT(d.min, ok_rows[i].min);
        CHECK_EQ_INT(d.max, ok_rows[i].max);
        TEST_ROW("\"%s\"", ok_rows[i].text);
    }
    static const struct {
        const char * text;
        const char * message;
    } error_rows[] = {
        {"C", "Cannot parse dimension: \"C\""},
        {" 3C ", "Cannot parse dimension: \"3C\""},
        {"+3", "Cannot parse dimension: \"+3\""},
        {"0x3", "Cannot parse dimension: \"0x3\""},
        {"3.5", "Cannot parse dimension: \"3.5\""},
        {"?3", "Cannot parse dimension: \"?3\""},
        {"1,2", "Cannot parse dimension: \"1,2\""},
        {"?..5", "Cannot parse min bound: \"?\""},
        {"?..", "Cannot parse min bound: \"?\""},
        {"2 ..5", "Cannot parse min bound: \"2 \""},
        {" 2 .. 5 ", "Cannot parse min bound: \"2 \""},
        {"2..?", "Cannot parse max bound: \"?\""},
        {"..?", "Cannot parse max bound: \"?\""},
        {"2.. 5", "Cannot parse max bound: \" 5\""},
        {"2...5", "Cannot parse max bound: \".5\""},
        {"2..5..7", "Cannot parse max bound: \"5..7\""},
        {"...", "Cannot parse max bound: \".\""},
    };
    for (size_t i = 0; i < sizeof(error_rows) / sizeof(error_rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_dim d = pinot_dim_static(12345);
        CHECK_STATUS(pinot_dim_parse(error_rows[i].text, &d), PINOT_STATUS_INVALID_ARGUMENT);
        CHECK_STR(pinot_last_error_message(), error_rows[i].message);
        CHECK_EQ_INT(d.min, 12345);
        TEST_ROW("\"%s\"", error_rows[i].text);
    }
}

static void test_dim_parse_long_input(void) {
    /* Untrusted text: long inputs are handled and the message is bounded. */
    static char text[5000];
    memset(text, '7', sizeof(text) - 1);
    pinot_dim d;
    CHECK_OK(pinot_dim_parse(text, &d));
    CHECK(d.min == 0 && d.max == 0); /* overflow reads as 0 */
    text[100] = 'x';
    CHECK_STATUS(pinot_dim_parse(text, &d), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strncmp(pinot_last_error_message(), "Cannot parse dimension: \"777", 28) == 0);
    CHECK(strlen(pinot_last_error_message()) < 1024);
}

/* flags: compatible, a relaxes b, a refines b, same_scheme, equal. */
static void test_dim_relations(void) {
    static const struct {
        const char * a;
        const char * b;
        const char * flags;
    } rows[] = {
    {"1", "1", "TTTTT"}, {"1", "?", "TFTFF"}, {"1", "0", "FFFFF"}, {"1", "3", "FFFFF"},
    {"1", "1..3", "TFTFF"}, {"1", "2..4", "FFFFF"}, {"1", "0..1", "TFTFF"}, {"1", "2..", "FFFFF"},
    {"1", "..5", "TFTFF"}, {"1", "5..2", "FFFFF"}, {"?", "1", "TTFFF"}, {"?", "?", "TTTTT"},
    {"?", "0", "TTFFF"}, {"?", "3", "TTFFF"}, {"?", "1..3", "TTFTF"}, {"?", "2..4", "TTFTF"},
    {"?", "0..1", "TTFTF"}, {"?", "2..", "TTFTF"}, {"?", "..5", "TTFTF"}, {"?", "5..2", "FTFFF"},
    {"0", "1", "FFFFF"}, {"0", "?", "TFTFF"}, {"0", "0", "TTTTT"}, {"0", "3", "FFFFF"},
    {"0", "1..3", "FFFFF"}, {"0", "2..4", "FFFFF"}, {"0", "0..1", "TFTFF"}, {"0", "2..", "FFFFF"},
    {"0", "..5", "TFTFF"}, {"0", "5..2", "FFFFF"}, {"3", "1", "FFFFF"}, {"3", "?", "TFTFF"},
    {"3", "0", "FFFFF"}, {"3", "3", "TTTTT"}, {"3", "1..3", "TFTFF"}, {"3", "2..4", "TFTFF"},
    {"3", "0..1", "FFFFF"}, {"3", "2..", "TFTFF"}, {"3", "..5", "TFTFF"}, {"3", "5..2", "FFFFF"},
    {"1..3", "1", "TTFFF"}, {"1..3", "?", "TFTTF"}, {"1..3", "0", "FFFFF"}, {"1..3", "3", "TTFFF"},
    {"1..3", "1..3", "TTTTT"}, {"1..3", "2..4", "TFFTF"}, {"1..3", "0..1", "TFFTF"}, {"1..3", "2..", "TFFTF"},
    {"1..3", "..5", "TFTTF"}, {"1..3", "5..2", "FFFFF"}, {"2..4", "1", "FFFFF"}, {"2..4", "?", "TFTTF"},
    {"2..4", "0", "FFFFF"}, {"2..4", "3", "TTFFF"}, {"2..4", "1..3", "TFFTF"}, {"2..4", "2..4", "TTTTT"},
    {"2..4", "0..1", "FFFTF"}, {"2..4", "2..", "TFTTF"}, {"2..4", "..5", "TFTTF"}, {"2..4", "5..2", "FFFFF"},
    {"0..1", "1", "TTFFF"}, {"0..1", "?", "TFTTF"}, {"0..1", "0", "TTFFF"}, {"0..1", "3", "FFFFF"},
    {"0..1", "1..3", "TFFTF"}, {"0..1", "2..4", "FFFTF"}, {"0..1", "0..1", "TTTTT"}, {"0..1", "2..", "FFFTF"},
    {"0..1", "..5", "TFTTF"}, {"0..1", "5..2", "FFFFF"}, {"2..", "1", "FFFFF"}, {"2..", "?", "TFTTF"},
    {"2..", "0", "FFFFF"}, {"2..", "3", "TTFFF"}, {"2..", "1..3", "TFFTF"}, {"2..", "2..4", "TTFTF"},
    {"2..", "0..1", "FFFTF"}, {"2..", "2..", "TTTTT"}, {"2..", "..5", "TFFTF"}, {"2..", "5..2", "FTFFF"},
    {"..5", "1", "TTFFF"}, {"..5", "?", "TFTTF"}, {"..5", "0", "TTFFF"}, {"..5", "3", "TTFFF"},
    {"..5", "1..3", "TTFTF"}, {"..5", "2..4", "TTFTF"}, {"..5", "0..1", "TTFTF"}, {"..5", "2..", "TFFTF"},
    {"..5", "..5", "TTTTT"}, {"..5", "5..2", "FFFFF"}, {"5..2", "1", "FFFFF"}, {"5..2", "?", "FFTFF"},
    {"5..2", "0", "FFFFF"}, {"5..2", "3", "FFFFF"}, {"5..2", "1..3", "FFFFF"}, {"5..2", "2..4", "FFFFF"},
    {"5..2", "0..1", "FFFFF"}, {"5..2", "2..", "FFTFF"}, {"5..2", "..5", "FFFFF"}, {"5..2", "5..2", "FTTTT"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_dim a = dim(rows[i].a);
        pinot_dim b = dim(rows[i].b);
        CHECK_EQ_INT(pinot_dim_compatible(a, b), rows[i].flags[0] == 'T');
        CHECK_EQ_INT(pinot_dim_relaxes(a, b), rows[i].flags[1] == 'T');
        CHECK_EQ_INT(pinot_dim_refines(a, b), rows[i].flags[2] == 'T');
        CHECK_EQ_INT(pinot_dim_same_scheme(a, b), rows[i].flags[3] == 'T');
        CHECK_EQ_INT(pinot_dim_equal(a, b), rows[i].flags[4] == 'T');
        TEST_ROW("%s vs %s", rows[i].a, rows[i].b);
    }
}

/* a, b, numpy broadcast result, merge result (NULL: fails). */
static void test_dim_merge_and_broadcast(void) {
    static const struct {
        const char * a;
        const char * b;
        const char * broadcast;
        const char * merge;
    } rows[] = {
    {"1", "1", "1", "1"}, {"1", "?", "?", "1"}, {"1", "0", "0", NULL},
    {"1", "3", "3", NULL}, {"1", "5", "5", NULL}, {"1", "1..3", "1..3", "1"},
    {"1", "2..4", "2..4", NULL}, {"1", "0..1", "..1", "1"}, {"1", "0..3", "..3", "1"},
    {"1", "1..", "1..", "1"}, {"1", "2..", "2..", NULL}, {"1", "..5", "..5", "1"},
    {"1", "4..6", "4..6", NULL}, {"1", "..1", "..1", "1"}, {"1", "0..2", "..2", "1"},
    {"?", "1", "?", "1"}, {"?", "?", "?", "?"}, {"?", "0", "0", "0"},
    {"?", "3", "3", "3"}, {"?", "5", "5", "5"}, {"?", "1..3", "?", "1..3"},
    {"?", "2..4", "2..4", "2..4"}, {"?", "0..1", "?", "..1"}, {"?", "0..3", "?", "..3"},
    {"?", "1..", "?", "1.."}, {"?", "2..", "2..", "2.."}, {"?", "..5", "?", "..5"},
    {"?", "4..6", "4..6", "4..6"}, {"?", "..1", "?", "..1"}, {"?", "0..2", "?", "..2"},
    {"0", "1", "0", NULL}, {"0", "?", "0", "0"}, {"0", "0", "0", "0"},
    {"0", "3", NULL, NULL}, {"0", "5", NULL, NULL}, {"0", "1..3", "0", NULL},
    {"0", "2..4", NULL, NULL}, {"0", "0..1", "0", "0"}, {"0", "0..3", "0", "0"},
    {"0", "1..", "0", NULL}, {"0", "2..", NULL, NULL}, {"0", "..5", "0", "0"},
    {"0", "4..6", NULL, NULL}, {"0", "..1", "0", "0"}, {"0", "0..2", "0", "0"},
    {"3", "1", "3", NULL}, {"3", "?", "3", "3"}, {"3", "0", NULL, NULL},
    {"3", "3", "3", "3"}, {"3", "5", NULL, NULL}, {"3", "1..3", "3", "3"},
    {"3", "2..4", "3", "3"}, {"3", "0..1", "3", NULL}, {"3", "0..3", "3", "3"},
    {"3", "1..", "3", "3"}, {"3", "2..", "3", "3"}, {"3", "..5", "3", "3"},
    {"3", "4..6", NULL, NULL}, {"3", "..1", "3", NULL}, {"3", "0..2", "3", NULL},
    {"5", "1", "5", NULL}, {"5", "?", "5", "5"}, {"5", "0", NULL, NULL},
    {"5", "3", NULL, NULL}, {"5", "5", "5", "5"}, {"5", "1..3", "5", NULL},
    {"5", "2..4", NULL, NULL}, {"5", "0..1", "5", NULL}, {"5", "0..3", "5", NULL},
    {"5", "1..", "5", "5"}, {"5", "2..", "5", "5"}, {"5", "..5", "5", "5"},
    {"5", "4..6", "5", "5"}, {"5", "..1", "5", NULL}, {"5", "0..2", "5", NULL},
    {"1..3", "1", "1..3", "1"}, {"1..3", "?", "?", "1..3"}, {"1..3", "0", "0", NULL},
    {"1..3", "3", "3", "3"}, {"1..3", "5", "5", NULL}, {"1..3", "1..3", "1..3", "1..3"},
    {"1..3", "2..4", "2..4", "2..3"}, {"1..3", "0..1", "..3", "1"}, {"1..3", "0..3", "..3", "1..3"},
    {"1..3", "1..", "1..", "1..3"}, {"1..3", "2..", "2..", "2..3"}, {"1..3", "..5", "..5", "1..3"},
    {"1..3", "4..6", "4..6", NULL}, {"1..3", "..1", "..3", "1"}, {"1..3", "0..2", "..3", "1..2"},
    {"2..4", "1", "2..4", NULL}, {"2..4", "?", "2..4", "2..4"}, {"2..4", "0", NULL, NULL},
    {"2..4", "3", "3", "3"}, {"2..4", "5", NULL, NULL}, {"2..4", "1..3", "2..4", "2..3"},
    {"2..4", "2..4", "2..4", "2..4"}, {"2..4", "0..1", "2..4", NULL}, {"2..4", "0..3", "2..4", "2..3"},
    {"2..4", "1..", "2..4", "2..4"}, {"2..4", "2..", "2..4", "2..4"}, {"2..4", "..5", "2..4", "2..4"},
    {"2..4", "4..6", "4", "4"}, {"2..4", "..1", "2..4", NULL}, {"2..4", "0..2", "2..4", "2"},
    {"0..1", "1", "..1", "1"}, {"0..1", "?", "?", "..1"}, {"0..1", "0", "0", "0"},
    {"0..1", "3", "3", NULL}, {"0..1", "5", "5", NULL}, {"0..1", "1..3", "..3", "1"},
    {"0..1", "2..4", "2..4", NULL}, {"0..1", "0..1", "..1", "..1"}, {"0..1", "0..3", "..3", "..1"},
    {"0..1", "1..", "?", "1"}, {"0..1", "2..", "2..", NULL}, {"0..1", "..5", "..5", "..1"},
    {"0..1", "4..6", "4..6", NULL}, {"0..1", "..1", "..1", "..1"}, {"0..1", "0..2", "..2", "..1"},
    {"0..3", "1", "..3", "1"}, {"0..3", "?", "?", "..3"}, {"0..3", "0", "0", "0"},
    {"0..3", "3", "3", "3"}, {"0..3", "5", "5", NULL}, {"0..3", "1..3", "..3", "1..3"},
    {"0..3", "2..4", "2..4", "2..3"}, {"0..3", "0..1", "..3", "..1"}, {"0..3", "0..3", "..3", "..3"},
    {"0..3", "1..", "?", "1..3"}, {"0..3", "2..", "2..", "2..3"}, {"0..3", "..5", "..5", "..3"},
    {"0..3", "4..6", "4..6", NULL}, {"0..3", "..1", "..3", "..1"}, {"0..3", "0..2", "..3", "..2"},
    {"1..", "1", "1..", "1"}, {"1..", "?", "?", "1.."}, {"1..", "0", "0", NULL},
    {"1..", "3", "3", "3"}, {"1..", "5", "5", "5"}, {"1..", "1..3", "1..", "1..3"},
    {"1..", "2..4", "2..4", "2..4"}, {"1..", "0..1", "?", "1"}, {"1..", "0..3", "?", "1..3"},
    {"1..", "1..", "1..", "1.."}, {"1..", "2..", "2..", "2.."}, {"1..", "..5", "?", "1..5"},
    {"1..", "4..6", "4..6", "4..6"}, {"1..", "..1", "?", "1"}, {"1..", "0..2", "?", "1..2"},
    {"2..", "1", "2..", NULL}, {"2..", "?", "2..", "2.."}, {"2..", "0", NULL, NULL},
    {"2..", "3", "3", "3"}, {"2..", "5", "5", "5"}, {"2..", "1..3", "2..", "2..3"},
    {"2..", "2..4", "2..4", "2..4"}, {"2..", "0..1", "2..", NULL}, {"2..", "0..3", "2..", "2..3"},
    {"2..", "1..", "2..", "2.."}, {"2..", "2..", "2..", "2.."}, {"2..", "..5", "2..", "2..5"},
    {"2..", "4..6", "4..6", "4..6"}, {"2..", "..1", "2..", NULL}, {"2..", "0..2", "2..", "2"},
    {"..5", "1", "..5", "1"}, {"..5", "?", "?", "..5"}, {"..5", "0", "0", "0"},
    {"..5", "3", "3", "3"}, {"..5", "5", "5", "5"}, {"..5", "1..3", "..5", "1..3"},
    {"..5", "2..4", "2..4", "2..4"}, {"..5", "0..1", "..5", "..1"}, {"..5", "0..3", "..5", "..3"},
    {"..5", "1..", "?", "1..5"}, {"..5", "2..", "2..", "2..5"}, {"..5", "..5", "..5", "..5"},
    {"..5", "4..6", "4..6", "4..5"}, {"..5", "..1", "..5", "..1"}, {"..5", "0..2", "..5", "..2"},
    {"4..6", "1", "4..6", NULL}, {"4..6", "?", "4..6", "4..6"}, {"4..6", "0", NULL, NULL},
    {"4..6", "3", NULL, NULL}, {"4..6", "5", "5", "5"}, {"4..6", "1..3", "4..6", NULL},
    {"4..6", "2..4", "4", "4"}, {"4..6", "0..1", "4..6", NULL}, {"4..6", "0..3", "4..6", NULL},
    {"4..6", "1..", "4..6", "4..6"}, {"4..6", "2..", "4..6", "4..6"}, {"4..6", "..5", "4..6", "4..5"},
    {"4..6", "4..6", "4..6", "4..6"}, {"4..6", "..1", "4..6", NULL}, {"4..6", "0..2", "4..6", NULL},
    {"..1", "1", "..1", "1"}, {"..1", "?", "?", "..1"}, {"..1", "0", "0", "0"},
    {"..1", "3", "3", NULL}, {"..1", "5", "5", NULL}, {"..1", "1..3", "..3", "1"},
    {"..1", "2..4", "2..4", NULL}, {"..1", "0..1", "..1", "..1"}, {"..1", "0..3", "..3", "..1"},
    {"..1", "1..", "?", "1"}, {"..1", "2..", "2..", NULL}, {"..1", "..5", "..5", "..1"},
    {"..1", "4..6", "4..6", NULL}, {"..1", "..1", "..1", "..1"}, {"..1", "0..2", "..2", "..1"},
    {"0..2", "1", "..2", "1"}, {"0..2", "?", "?", "..2"}, {"0..2", "0", "0", "0"},
    {"0..2", "3", "3", NULL}, {"0..2", "5", "5", NULL}, {"0..2", "1..3", "..3", "1..2"},
    {"0..2", "2..4", "2..4", "2"}, {"0..2", "0..1", "..2", "..1"}, {"0..2", "0..3", "..3", "..2"},
    {"0..2", "1..", "?", "1..2"}, {"0..2", "2..", "2..", "2"}, {"0..2", "..5", "..5", "..2"},
    {"0..2", "4..6", "4..6", NULL}, {"0..2", "..1", "..2", "..1"}, {"0..2", "0..2", "..2", "..2"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_dim a = dim(rows[i].a);
        pinot_dim b = dim(rows[i].b);
        pinot_dim out = pinot_dim_static(12345);
        bool ok = pinot_dim_broadcast_merge(a, b, &out);
        CHECK_EQ_INT(ok, rows[i].broadcast != NULL);
        if (ok && rows[i].broadcast != NULL) {
            CHECK_STR(dim_str(out), rows[i].broadcast);
        }
        out = pinot_dim_static(12345);
        ok = pinot_dim_merge(a, b, &out);
        CHECK_EQ_INT(ok, rows[i].merge != NULL);
        if (ok && rows[i].merge != NULL) {
            CHECK_STR(dim_str(out), rows[i].merge);
        } else {
            CHECK_EQ_INT(out.min, 12345); /* untouched on failure */
        }
        TEST_ROW("%s with %s", rows[i].a, rows[i].b);
    }
    /* The empty interval merges with nothing, not even itself. */
    pinot_dim out;
    CHECK(!pinot_dim_merge(pinot_dim_empty(), pinot_dim_empty(), &out));
    CHECK(!pinot_dim_merge(pinot_dim_empty(), pinot_dim_dynamic(), &out));
}

/* ---- static shapes ---- */

static void test_shape_init(void) {
    pinot_shape s;
    int64_t dims[PINOT_MAX_RANK + 1];
    for (int i = 0; i <= PINOT_MAX_RANK; i++) {
        dims[i] = i + 1;
    }
    CHECK_OK(pinot_shape_init(&s, 4, dims));
    CHECK_EQ_INT(s.rank, 4);
    CHECK_STR(shape_str(&s), "[1,2,3,4]");
    CHECK_OK(pinot_shape_init(&s, 0, NULL));
    CHECK_EQ_INT(s.rank, 0);
    CHECK_STR(shape_str(&s), "[]");
    CHECK_OK(pinot_shape_init(&s, PINOT_MAX_RANK, dims));
    CHECK_EQ_INT(s.rank, PINOT_MAX_RANK);
    CHECK_STATUS(pinot_shape_init(&s, PINOT_MAX_RANK + 1, dims), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "failed to create shape: rank 33 exceeds the maximum rank 32");
    dims[2] = -1;
    CHECK_STATUS(pinot_shape_init(&s, 4, dims), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "failed to create shape: dimension 2 is negative (got -1)");
}

static void test_shape_numel(void) {
    pinot_shape s;
    uint64_t n = 0;
    CHECK_OK(pinot_shape_init(&s, 0, NULL));
    CHECK(pinot_shape_numel(&s, &n));
    CHECK_EQ_INT(n, 1);
    int64_t d1[] = {2, 3, 4};
    CHECK_OK(pinot_shape_init(&s, 3, d1));
    CHECK(pinot_shape_numel(&s, &n));
    CHECK_EQ_INT(n, 24);
    int64_t d2[] = {INT64_MAX, 1};
    CHECK_OK(pinot_shape_init(&s, 2, d2));
    CHECK(pinot_shape_numel(&s, &n));
    CHECK_EQ_INT(n, INT64_MAX);
    int64_t d3[] = {INT64_MAX, 2};
    CHECK_OK(pinot_shape_init(&s, 2, d3));
    CHECK(!pinot_shape_numel(&s, &n));
    int64_t d4[] = {1LL << 32, 1LL << 31};
    CHECK_OK(pinot_shape_init(&s, 2, d4));
    CHECK(!pinot_shape_numel(&s, &n));
    int64_t d5[] = {INT64_MAX, INT64_MAX, 0};
    CHECK_OK(pinot_shape_init(&s, 3, d5));
    CHECK(pinot_shape_numel(&s, &n)); /* a zero dimension wins over overflow */
    CHECK_EQ_INT(n, 0);
}

static void test_shape_equal_and_to_string(void) {
    pinot_shape a, b;
    int64_t da[] = {1, 3, 224, 224};
    int64_t db[] = {1, 3, 224, 225};
    CHECK_OK(pinot_shape_init(&a, 4, da));
    CHECK_OK(pinot_shape_init(&b, 4, db));
    CHECK(pinot_shape_equal(&a, &a));
    CHECK(!pinot_shape_equal(&a, &b));
    CHECK_OK(pinot_shape_init(&b, 3, da));
    CHECK(!pinot_shape_equal(&a, &b));
    char buf[8];
    CHECK_EQ_INT(pinot_shape_to_string(&a, buf, sizeof(buf)), strlen("[1,3,224,224]"));
    CHECK_STR(buf, "[1,3,22");
    CHECK_EQ_INT(pinot_shape_to_string(&a, NULL, 0), strlen("[1,3,224,224]"));
}

static void test_shape_parse(void) {
    static const struct {
        const char * text;
        const char * shape;
    } rows[] = {
        {"[1,2]", "[1,2]"}, {"1,2", "[1,2]"}, {"[ 1 , 2 ]", "[1,2]"}, {"", "[]"}, {" ", "[]"}, {"[]", "[]"},
        {" [] ", "[]"}, {"[ ]", "[]"}, {"[1,?]", "[1,0]"}, {"[1,2..3]", "[1,2]"}, {"[...]", "[0]"},
        {"[-2]", "[0]"}, {"[-1]", "[0]"}, {"[a]", "[0]"}, {"[3a]", "[3]"}, {"[a3]", "[0]"}, {"[3 4]", "[3]"},
        {"1 2", "[1]"}, {"+3", "[0]"}, {"0x10", "[0]"}, {"1e3", "[1]"}, {"..2", "[0]"}, {"[[1]]", "[0]"},
        {"[1", "[0]"}, {"[99999999999999999999]", "[0]"}, {"[9223372036854775807]", "[9223372036854775807]"},
        {"[1, ,2]", "[1,0,2]"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_shape s = {.rank = 99};
        CHECK_OK(pinot_shape_parse(rows[i].text, &s));
        CHECK_STR(shape_str(&s), rows[i].shape);
        TEST_ROW("\"%s\"", rows[i].text);
    }
    static const char * const errors[] = {"[1,,2]", "[1,]", "[,]", ",", "[,1]"};
    for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
        pinot_shape s = {.rank = 99};
        CHECK_STATUS(pinot_shape_parse(errors[i], &s), PINOT_STATUS_INVALID_ARGUMENT);
        CHECK_STR(pinot_last_error_message(), "Cannot get vector of dimensions! \"\" is incorrect");
        CHECK_EQ_INT(s.rank, 99);
    }
    char text[200] = "[";
    for (int i = 0; i < PINOT_MAX_RANK; i++) {
        strcat(text, i == 0 ? "1" : ",1");
    }
    pinot_shape s;
    CHECK_OK(pinot_shape_parse(text, &s));
    CHECK_EQ_INT(s.rank, PINOT_MAX_RANK);
    strcat(text, ",1]");
    CHECK_STATUS(pinot_shape_parse(text, &s), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "more than 32 dimensions") != NULL);
}

/* ---- partial shapes ---- */

static void test_partial_shape_basics(void) {
    pinot_partial_shape ps;
    pinot_partial_shape_dynamic(&ps, -1);
    CHECK_EQ_INT(ps.rank, -1);
    CHECK_STR(pshape_str(&ps), "[...]");
    CHECK(!pinot_partial_shape_is_static(&ps));
    pinot_partial_shape_dynamic(&ps, 3);
    CHECK_STR(pshape_str(&ps), "[?,?,?]");
    pinot_partial_shape_dynamic(&ps, 0);
    CHECK_STR(pshape_str(&ps), "[]");
    CHECK(pinot_partial_shape_is_static(&ps));
    pinot_partial_shape_dynamic(&ps, PINOT_MAX_RANK + 1);
    CHECK_EQ_INT(ps.rank, -1);

    pinot_shape s;
    int64_t dims[] = {1, 3, 224};
    CHECK_OK(pinot_shape_init(&s, 3, dims));
    pinot_partial_shape_from_shape(&ps, &s);
    CHECK_STR(pshape_str(&ps), "[1,3,224]");
    CHECK(pinot_partial_shape_is_static(&ps));
    pinot_shape back = {.rank = 0};
    CHECK_OK(pinot_partial_shape_to_shape(&ps, &back));
    CHECK(pinot_shape_equal(&s, &back));

    ps = pshape("[1,?]");
    CHECK(!pinot_partial_shape_is_static(&ps));
    CHECK_STATUS(pinot_partial_shape_to_shape(&ps, &back), PINOT_STATUS_INVALID_STATE);
    CHECK_STR(pinot_last_error_message(), "to_shape was called on a dynamic shape.");
    ps = pshape("[1,5..2]"); /* an empty interval is not static */
    CHECK(!pinot_partial_shape_is_static(&ps));
    pinot_partial_shape_dynamic(&ps, -1);
    CHECK_STATUS(pinot_partial_shape_to_shape(&ps, &back), PINOT_STATUS_INVALID_STATE);
}

static void test_partial_shape_min_max(void) {
    static const struct {
        const char * ps;
        const char * min;
        const char * max;
    } rows[] = {
        {"[1,?]", "[1,0]", "[1,9223372036854775807]"},
        {"[1,2..5]", "[1,2]", "[1,5]"},
        {"[2..,..5]", "[2,0]", "[9223372036854775807,5]"},
        {"[1,5..2]", "[1,9223372036854775807]", "[1,9223372036854775807]"},
        {"[...]", "[]", "[]"},
        {"[]", "[]", "[]"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_partial_shape ps = pshape(rows[i].ps);
        pinot_shape s;
        pinot_partial_shape_min_shape(&ps, &s);
        CHECK_STR(shape_str(&s), rows[i].min);
        pinot_partial_shape_max_shape(&ps, &s);
        CHECK_STR(shape_str(&s), rows[i].max);
        TEST_ROW("%s", rows[i].ps);
    }
}

static void test_partial_shape_parse(void) {
    static const struct {
        const char * text;
        const char * shape;
    } rows[] = {
        {"[1,3,?,224]", "[1,3,?,224]"}, {"1,3,?,224", "[1,3,?,224]"},
        {"[?, 3, ..224, 28..224]", "[?,3,..224,28..224]"}, {"[...]", "[...]"}, {"...", "[...]"},
        {" [...] ", "[...]"}, {"[ ... ]", "[...]"}, {"[]", "[]"}, {"", "[]"}, {" ", "[]"},
        {"[3, ,4]", "[3,0,4]"}, {"[1 ,2 ]", "[1,2]"}, {"[-1,-2]", "[?,0]"}, {"[5..2]", "[?]"},
        {"[1..1,0..]", "[1,?]"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_partial_shape ps = {.rank = 5};
        CHECK_OK(pinot_partial_shape_parse(rows[i].text, &ps));
        CHECK_STR(pshape_str(&ps), rows[i].shape);
        TEST_ROW("\"%s\"", rows[i].text);
    }
    static const struct {
        const char * text;
        const char * message;
    } error_rows[] = {
        {"[?,,3]", "Cannot get vector of dimensions! \"[?,,3]\" is incorrect"},
        {" [?,,3] ", "Cannot get vector of dimensions! \" [?,,3] \" is incorrect"},
        {"[,3]", "Cannot get vector of dimensions! \"[,3]\" is incorrect"},
        {"[3,]", "Cannot get vector of dimensions! \"[3,]\" is incorrect"},
        {"[3,,]", "Cannot get vector of dimensions! \"[3,,]\" is incorrect"},
        {",", "Cannot get vector of dimensions! \",\" is incorrect"},
        {"[", "Cannot parse dimension: \"[\""},
        {"]", "Cannot parse dimension: \"]\""},
        {"[1", "Cannot parse dimension: \"[1\""},
        {"1]", "Cannot parse dimension: \"1]\""},
        {"[[1]]", "Cannot parse dimension: \"[1]\""},
        {"[1,C]", "Cannot parse dimension: \"C\""},
        {"(1,2)", "Cannot parse dimension: \"(1\""},
        {"1;2", "Cannot parse dimension: \"1;2\""},
        {"[1, 2..?]", "Cannot parse max bound: \"?\""},
        {"[1,...]", "Cannot parse max bound: \".\""},
        {"[C,,3]", "Cannot parse dimension: \"C\""},
    };
    for (size_t i = 0; i < sizeof(error_rows) / sizeof(error_rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_partial_shape ps = {.rank = 5};
        CHECK_STATUS(pinot_partial_shape_parse(error_rows[i].text, &ps), PINOT_STATUS_INVALID_ARGUMENT);
        CHECK_STR(pinot_last_error_message(), error_rows[i].message);
        CHECK_EQ_INT(ps.rank, 5);
        TEST_ROW("\"%s\"", error_rows[i].text);
    }
    char text[200] = "";
    for (int i = 0; i < PINOT_MAX_RANK; i++) {
        strcat(text, i == 0 ? "?" : ",?");
    }
    pinot_partial_shape ps;
    CHECK_OK(pinot_partial_shape_parse(text, &ps));
    CHECK_EQ_INT(ps.rank, PINOT_MAX_RANK);
    strcat(text, ",1");
    CHECK_STATUS(pinot_partial_shape_parse(text, &ps), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "more than 32 dimensions") != NULL);
}

static void test_partial_shape_to_string_truncates(void) {
    pinot_partial_shape ps = pshape("[1..10,?,3]");
    char buf[6];
    CHECK_EQ_INT(pinot_partial_shape_to_string(&ps, buf, sizeof(buf)), strlen("[1..10,?,3]"));
    CHECK_STR(buf, "[1..1");
    CHECK_EQ_INT(pinot_partial_shape_to_string(&ps, NULL, 0), strlen("[1..10,?,3]"));
    pinot_partial_shape_dynamic(&ps, -1);
    CHECK_EQ_INT(pinot_partial_shape_to_string(&ps, buf, 3), 5);
    CHECK_STR(buf, "[.");
}

/* a, b, flags (compatible, a relaxes b, a refines b, same_scheme, equal),
 * numpy broadcast of a and b, merge of b into a (NULL: fails). */
static void test_partial_shape_relations(void) {
    static const struct {
        const char * a;
        const char * b;
        const char * flags;
        const char * broadcast;
        const char * merge;
    } rows[] = {
    {"[...]", "[...]", "TTTTT", "[...]", "[...]"}, {"[...]", "[]", "TTFFF", "[...]", "[]"},
    {"[...]", "[1,2]", "TTFFF", "[...]", "[1,2]"}, {"[...]", "[?,2]", "TTFFF", "[...]", "[?,2]"},
    {"[...]", "[1,?]", "TTFFF", "[...]", "[1,?]"}, {"[...]", "[1..3,2]", "TTFFF", "[...]", "[1..3,2]"},
    {"[...]", "[1,2,3]", "TTFFF", "[...]", "[1,2,3]"}, {"[...]", "[?,?]", "TTFFF", "[...]", "[?,?]"},
    {"[...]", "[3]", "TTFFF", "[...]", "[3]"}, {"[...]", "[2,1,3]", "TTFFF", "[...]", "[2,1,3]"},
    {"[]", "[...]", "TFTFF", "[...]", "[]"}, {"[]", "[]", "TTTTT", "[]", "[]"},
    {"[]", "[1,2]", "FFFFF", "[1,2]", NULL}, {"[]", "[?,2]", "FFFFF", "[?,2]", NULL},
    {"[]", "[1,?]", "FFFFF", "[1,?]", NULL}, {"[]", "[1..3,2]", "FFFFF", "[1..3,2]", NULL},
    {"[]", "[1,2,3]", "FFFFF", "[1,2,3]", NULL}, {"[]", "[?,?]", "FFFFF", "[?,?]", NULL},
    {"[]", "[3]", "FFFFF", "[3]", NULL}, {"[]", "[2,1,3]", "FFFFF", "[2,1,3]", NULL},
    {"[1,2]", "[...]", "TFTFF", "[...]", "[1,2]"}, {"[1,2]", "[]", "FFFFF", "[1,2]", NULL},
    {"[1,2]", "[1,2]", "TTTTT", "[1,2]", "[1,2]"}, {"[1,2]", "[?,2]", "TFTFF", "[?,2]", "[1,2]"},
    {"[1,2]", "[1,?]", "TFTFF", "[1,2]", "[1,2]"}, {"[1,2]", "[1..3,2]", "TFTFF", "[1..3,2]", "[1,2]"},
    {"[1,2]", "[1,2,3]", "FFFFF", NULL, NULL}, {"[1,2]", "[?,?]", "TFTFF", "[?,2]", "[1,2]"},
    {"[1,2]", "[3]", "FFFFF", NULL, NULL}, {"[1,2]", "[2,1,3]", "FFFFF", NULL, NULL},
    {"[?,2]", "[...]", "TFTFF", "[...]", "[?,2]"}, {"[?,2]", "[]", "FFFFF", "[?,2]", NULL},
    {"[?,2]", "[1,2]", "TTFFF", "[?,2]", "[1,2]"}, {"[?,2]", "[?,2]", "TTTTT", "[?,2]", "[?,2]"},
    {"[?,2]", "[1,?]", "TFFFF", "[?,2]", "[1,2]"}, {"[?,2]", "[1..3,2]", "TTFTF", "[?,2]", "[1..3,2]"},
    {"[?,2]", "[1,2,3]", "FFFFF", NULL, NULL}, {"[?,2]", "[?,?]", "TFTFF", "[?,2]", "[?,2]"},
    {"[?,2]", "[3]", "FFFFF", NULL, NULL}, {"[?,2]", "[2,1,3]", "FFFFF", NULL, NULL},
    {"[1,?]", "[...]", "TFTFF", "[...]", "[1,?]"}, {"[1,?]", "[]", "FFFFF", "[1,?]", NULL},
    {"[1,?]", "[1,2]", "TTFFF", "[1,2]", "[1,2]"}, {"[1,?]", "[?,2]", "TFFFF", "[?,2]", "[1,2]"},
    {"[1,?]", "[1,?]", "TTTTT", "[1,?]", "[1,?]"}, {"[1,?]", "[1..3,2]", "TFFFF", "[1..3,2]", "[1,2]"},
    {"[1,?]", "[1,2,3]", "FFFFF", "[1,2,3]", NULL}, {"[1,?]", "[?,?]", "TFTFF", "[?,?]", "[1,?]"},
    {"[1,?]", "[3]", "FFFFF", "[1,3]", NULL}, {"[1,?]", "[2,1,3]", "FFFFF", "[2,1,3]", NULL},
    {"[1..3,2]", "[...]", "TFTFF", "[...]", "[1..3,2]"}, {"[1..3,2]", "[]", "FFFFF", "[1..3,2]", NULL},
    {"[1..3,2]", "[1,2]", "TTFFF", "[1..3,2]", "[1,2]"}, {"[1..3,2]", "[?,2]", "TFTTF", "[?,2]", "[1..3,2]"},
    {"[1..3,2]", "[1,?]", "TFFFF", "[1..3,2]", "[1,2]"}, {"[1..3,2]", "[1..3,2]", "TTTTT", "[1..3,2]", "[1..3,2]"},
    {"[1..3,2]", "[1,2,3]", "FFFFF", NULL, NULL}, {"[1..3,2]", "[?,?]", "TFTFF", "[?,2]", "[1..3,2]"},
    {"[1..3,2]", "[3]", "FFFFF", NULL, NULL}, {"[1..3,2]", "[2,1,3]", "FFFFF", NULL, NULL},
    {"[1,2,3]", "[...]", "TFTFF", "[...]", "[1,2,3]"}, {"[1,2,3]", "[]", "FFFFF", "[1,2,3]", NULL},
    {"[1,2,3]", "[1,2]", "FFFFF", NULL, NULL}, {"[1,2,3]", "[?,2]", "FFFFF", NULL, NULL},
    {"[1,2,3]", "[1,?]", "FFFFF", "[1,2,3]", NULL}, {"[1,2,3]", "[1..3,2]", "FFFFF", NULL, NULL},
    {"[1,2,3]", "[1,2,3]", "TTTTT", "[1,2,3]", "[1,2,3]"}, {"[1,2,3]", "[?,?]", "FFFFF", "[1,2,3]", NULL},
    {"[1,2,3]", "[3]", "FFFFF", "[1,2,3]", NULL}, {"[1,2,3]", "[2,1,3]", "FFFFF", "[2,2,3]", NULL},
    {"[?,?]", "[...]", "TFTFF", "[...]", "[?,?]"}, {"[?,?]", "[]", "FFFFF", "[?,?]", NULL},
    {"[?,?]", "[1,2]", "TTFFF", "[?,2]", "[1,2]"}, {"[?,?]", "[?,2]", "TTFFF", "[?,2]", "[?,2]"},
    {"[?,?]", "[1,?]", "TTFFF", "[?,?]", "[1,?]"}, {"[?,?]", "[1..3,2]", "TTFFF", "[?,2]", "[1..3,2]"},
    {"[?,?]", "[1,2,3]", "FFFFF", "[1,2,3]", NULL}, {"[?,?]", "[?,?]", "TTTTT", "[?,?]", "[?,?]"},
    {"[?,?]", "[3]", "FFFFF", "[?,3]", NULL}, {"[?,?]", "[2,1,3]", "FFFFF", "[2,?,3]", NULL},
    {"[3]", "[...]", "TFTFF", "[...]", "[3]"}, {"[3]", "[]", "FFFFF", "[3]", NULL},
    {"[3]", "[1,2]", "FFFFF", NULL, NULL}, {"[3]", "[?,2]", "FFFFF", NULL, NULL},
    {"[3]", "[1,?]", "FFFFF", "[1,3]", NULL}, {"[3]", "[1..3,2]", "FFFFF", NULL, NULL},
    {"[3]", "[1,2,3]", "FFFFF", "[1,2,3]", NULL}, {"[3]", "[?,?]", "FFFFF", "[?,3]", NULL},
    {"[3]", "[3]", "TTTTT", "[3]", "[3]"}, {"[3]", "[2,1,3]", "FFFFF", "[2,1,3]", NULL},
    {"[2,1,3]", "[...]", "TFTFF", "[...]", "[2,1,3]"}, {"[2,1,3]", "[]", "FFFFF", "[2,1,3]", NULL},
    {"[2,1,3]", "[1,2]", "FFFFF", NULL, NULL}, {"[2,1,3]", "[?,2]", "FFFFF", NULL, NULL},
    {"[2,1,3]", "[1,?]", "FFFFF", "[2,1,3]", NULL}, {"[2,1,3]", "[1..3,2]", "FFFFF", NULL, NULL},
    {"[2,1,3]", "[1,2,3]", "FFFFF", "[2,2,3]", NULL}, {"[2,1,3]", "[?,?]", "FFFFF", "[2,?,3]", NULL},
    {"[2,1,3]", "[3]", "FFFFF", "[2,1,3]", NULL}, {"[2,1,3]", "[2,1,3]", "TTTTT", "[2,1,3]", "[2,1,3]"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_partial_shape a = pshape(rows[i].a);
        pinot_partial_shape b = pshape(rows[i].b);
        CHECK_EQ_INT(pinot_partial_shape_compatible(&a, &b), rows[i].flags[0] == 'T');
        CHECK_EQ_INT(pinot_partial_shape_relaxes(&a, &b), rows[i].flags[1] == 'T');
        CHECK_EQ_INT(pinot_partial_shape_refines(&a, &b), rows[i].flags[2] == 'T');
        CHECK_EQ_INT(pinot_partial_shape_same_scheme(&a, &b), rows[i].flags[3] == 'T');
        CHECK_EQ_INT(pinot_partial_shape_equal(&a, &b), rows[i].flags[4] == 'T');
        pinot_partial_shape out;
        bool ok = pinot_partial_shape_broadcast_merge(&a, &b, &out);
        CHECK_EQ_INT(ok, rows[i].broadcast != NULL);
        if (ok && rows[i].broadcast != NULL) {
            CHECK_STR(pshape_str(&out), rows[i].broadcast);
        }
        out = a;
        ok = pinot_partial_shape_merge_into(&out, &b);
        CHECK_EQ_INT(ok, rows[i].merge != NULL);
        if (ok && rows[i].merge != NULL) {
            CHECK_STR(pshape_str(&out), rows[i].merge);
        }
        TEST_ROW("%s with %s", rows[i].a, rows[i].b);
    }
}

static void test_partial_shape_broadcast_aliasing(void) {
    pinot_partial_shape a = pshape("[3,1,5]");
    pinot_partial_shape b = pshape("[4,1]");
    CHECK(pinot_partial_shape_broadcast_merge(&a, &b, &a));
    CHECK_STR(pshape_str(&a), "[3,4,5]");
    a = pshape("[0..6,2..6,1]");
    b = pshape("[1..3,1..3,7]");
    CHECK(pinot_partial_shape_broadcast_merge(&a, &b, &b));
    /* Both may be 1: the union of the intervals; one may be 1: the other one. */
    CHECK_STR(pshape_str(&b), "[..6,2..6,7]");
    a = pshape("[1,2,3]");
    b = pshape("[4,3]");
    CHECK(!pinot_partial_shape_broadcast_merge(&a, &b, &a));
}

TEST_MAIN(
    TEST(test_dim_kinds),
    TEST(test_dim_make),
    TEST(test_dim_interval),
    TEST(test_dim_to_string),
    TEST(test_dim_parse),
    TEST(test_dim_parse_long_input),
    TEST(test_dim_relations),
    TEST(test_dim_merge_and_broadcast),
    TEST(test_shape_init),
    TEST(test_shape_numel),
    TEST(test_shape_equal_and_to_string),
    TEST(test_shape_parse),
    TEST(test_partial_shape_basics),
    TEST(test_partial_shape_min_max),
    TEST(test_partial_shape_parse),
    TEST(test_partial_shape_to_string_truncates),
    TEST(test_partial_shape_relations),
    TEST(test_partial_shape_broadcast_aliasing),
)

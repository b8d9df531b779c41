/* Unit tests for layouts (layout.h). The parse, lookup and equality tables were
 * taken from OpenVINO 2026.4 (ov.Layout, has_name, get_index_by_name, ==, empty). */
#include <inttypes.h>
#include <string.h>

#include "pinot/layout.h"
#include "test.h"

static const char * layout_str(const pinot_layout * layout) {
    static char buf[PINOT_LAYOUT_STRING_SIZE];
    pinot_layout_to_string(layout, buf, sizeof(buf));
    return buf;
}

static pinot_layout layout_of(const char * text) {
    pinot_layout layout;
    pinot_layout_init(&layout);
    CHECK_OK(pinot_layout_parse(text, &layout));
    return layout;
}

/* text, to_string (NULL: an error), error message. */
static void test_layout_parse(void) {
    static const struct {
        const char * text;
        const char * str;
        const char * message;
    } rows[] = {
        {"", "[...]", NULL},
        {"NCHW", "[N,C,H,W]", NULL},
        {"nchw", "[N,C,H,W]", NULL},
        {"[n,c,h,w]", "[N,C,H,W]", NULL},
        {"[N, C, H, W]", "[N,C,H,W]", NULL},
        {"[ N , C ]", "[N,C]", NULL},
        {"[time,temperature]", "[TIME,TEMPERATURE]", NULL},
        {"[Time,TEMPERATURE]", "[TIME,TEMPERATURE]", NULL},
        {"N??C", "[N,?,?,C]", NULL},
        {"N...", "[N,...]", NULL},
        {"?C...", "[?,C,...]", NULL},
        {"...C", "[...,C]", NULL},
        {"...", "[...]", NULL},
        {"[...]", "[...]", NULL},
        {"[N,...,C]", "[N,...,C]", NULL},
        {"[N,?,C]", "[N,?,C]", NULL},
        {"[?,?]", "[?,?]", NULL},
        {"N...C", "[N,...,C]", NULL},
        {"??", "[?,?]", NULL},
        {" NC", "[N,C]", NULL},
        {"NC ", "[N,C]", NULL},
        {"N1", "[N,1]", NULL},
        {"[a1,b_2]", "[A1,B_2]", NULL},
        {"[a,]", "[A]", NULL},
        {"[?,]", "[?]", NULL},
        {"[a,..., b]", "[A,...,N]", NULL},
        {"[a,b,?]", "[A,N,?]", NULL},
        {"[1]", "[1]", NULL},
        {"1", "[1]", NULL},
        {"**SCALAR**", "**SCALAR**", NULL},
        {"[a,,...]", "[A,...]", NULL},
        {"[...,a,]", "[...,A,?]", NULL},
        {"[?,...,?]", "[?,...,?]", NULL},
        {"?...?", "[?,...,?]", NULL},
        {"N...?", "[N,...,?]", NULL},
        {"?", "[?]", NULL},
        {"[?]", "[?]", NULL},
        {"[ a, ... , b ]", "[A,...,N]", NULL},
        {"[ ... ]", "[...]", NULL},
        {"[a ,...]", "[A,...]", NULL},
        {"[a , ...]", "[A,...]", NULL},
        {"[a,... ,b]", "[A,...,N]", NULL},
        {"[batch,channels,height,width]", "[N,C,H,W]", NULL},
        {"[depth,x]", "[D,X]", NULL},
        {"BCHW", "[N,C,H,W]", NULL},
        {"[b]", "[N]", NULL},
        {"[channel]", "[C]", NULL},
        {"N?...?HW", "[N,?,...,?,H,W]", NULL},
        {"...?", "[...,?]", NULL},
        {"[?,...]", "[?,...]", NULL},
        {"[_a]", "[_A]", NULL},
        {"[0]", "[0]", NULL},
        {"N...C...", NULL, "Multiple ... are not allowed"},
        {"......", NULL, "Multiple ... are not allowed"},
        {"N..C", NULL, "Undefined number of dimensions shall have ..."},
        {"N.C", NULL, "Undefined number of dimensions shall have ..."},
        {"NCN", NULL, "Dimension (N) is defined multiple times in layout"},
        {"[n,N]", NULL, "Dimension (N) is defined multiple times in layout"},
        {"N C", NULL, "Layout name is invalid ( ). Only english letters, digits and _ is allowed"},
        {"N_", NULL, "Layout name is invalid (_). Name shall have alphanumeric characters"},
        {"[a-b]", NULL, "Layout name is invalid (a-b). Only english letters, digits and _ is allowed"},
        {"[a b]", NULL, "Layout name is invalid (a b). Only english letters, digits and _ is allowed"},
        {"[a,,b]", NULL, "Layout dimension name can't be empty"},
        {"[,a]", NULL, "Layout dimension name can't be empty"},
        {"[]", NULL, "Cannot parse ov::Layout from an empty string"},
        {"[", NULL, "Layout name is invalid ([). Only english letters, digits and _ is allowed"},
        {"[a", NULL, "Layout name is invalid ([). Only english letters, digits and _ is allowed"},
        {"a]", NULL, "Layout name is invalid (]). Only english letters, digits and _ is allowed"},
        {"[[a]]", NULL, "Layout name is invalid ([a]). Only english letters, digits and _ is allowed"},
        {"[a,...,...]", NULL, "Layout name is invalid (...). Only english letters, digits and _ is allowed"},
        {"[a...]", NULL, "Layout: Invalid left side (a...)"},
        {"[...a]", NULL, "Layout: Invalid right side (...a)"},
        {"[?a]", NULL, "Layout name is invalid (?a). Only english letters, digits and _ is allowed"},
        {"[é]", NULL, "Layout name is invalid (é). Only english letters, digits and _ is allowed"},
        {"[_]", NULL, "Layout name is invalid (_). Name shall have alphanumeric characters"},
        {"_", NULL, "Layout name is invalid (_). Name shall have alphanumeric characters"},
        {"N\tC", NULL, "Layout name is invalid (\t). Only english letters, digits and _ is allowed"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", NULL, "Dimension (N) is defined multiple times in layout"},
        {" ", NULL, "Cannot parse ov::Layout from an empty string"},
        {"\t", NULL, "Cannot parse ov::Layout from an empty string"},
        {"**scalar**", NULL, "Layout name is invalid (*). Only english letters, digits and _ is allowed"},
        {"[**SCALAR**]", NULL, "Layout name is invalid (**SCALAR**). Only english letters, digits and _ is allowed"},
        {"[ a ...]", NULL, "Layout: Invalid left side ( a ...)"},
        {"[a,...b]", NULL, "Layout: Invalid right side (a,...b)"},
        {"[,...]", NULL, "Empty sub-string detected while parsing layout"},
        {"[...,]", NULL, "Empty sub-string detected while parsing layout"},
        {"[...,,a]", NULL, "Layout dimension name can't be empty"},
        {".", NULL, "Undefined number of dimensions shall have ..."},
        {"..", NULL, "Undefined number of dimensions shall have ..."},
        {"...N.", NULL, "Multiple ... are not allowed"},
        {"N....", NULL, "Multiple ... are not allowed"},
        {"[ ]", NULL, "Layout dimension name can't be empty"},
        {"[a, ,b]", NULL, "Layout dimension name can't be empty"},
        {"[a;b]", NULL, "Layout name is invalid (a;b). Only english letters, digits and _ is allowed"},
        {"[a,b]c", NULL, "Layout name is invalid ([). Only english letters, digits and _ is allowed"},
        {"[N,C,H,W", NULL, "Layout name is invalid ([). Only english letters, digits and _ is allowed"},
        {"nN", NULL, "Dimension (N) is defined multiple times in layout"},
        {"N...n", NULL, "Dimension (N) is defined multiple times in layout"},
        {"[a,...,a]", NULL, "Dimension (A) is defined multiple times in layout"},
        {"[N,...,N]", NULL, "Dimension (N) is defined multiple times in layout"},
        {"N.C...", NULL, "Undefined number of dimensions shall have ..."},
        {".N...", NULL, "Undefined number of dimensions shall have ..."},
        {"[,]", NULL, "Layout dimension name can't be empty"},
        {"[?,,]", NULL, "Layout dimension name can't be empty"},
        {"[ ,...]", NULL, "Empty sub-string detected while parsing layout"},
        {"[a,.... ,b]", NULL, "Layout: Invalid right side (a,.... ,b)"},
        {"[a....,b]", NULL, "Layout: Invalid left side (a....,b)"},
        {"[...,...]", NULL, "Layout name is invalid (...). Only english letters, digits and _ is allowed"},
        {"BN", NULL, "Dimension (N) is defined multiple times in layout"},
        {"[batch,n]", NULL, "Dimension (N) is defined multiple times in layout"},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_layout layout;
        pinot_layout_scalar(&layout);
        pinot_status status = pinot_layout_parse(rows[i].text, &layout);
        if (rows[i].str != NULL) {
            CHECK_OK(status);
            CHECK_STR(layout_str(&layout), rows[i].str);
        } else {
            CHECK_STATUS(status, PINOT_STATUS_INVALID_ARGUMENT);
            CHECK_STR(pinot_last_error_message(), rows[i].message);
            CHECK(pinot_layout_is_scalar(&layout)); /* untouched on failure */
        }
        TEST_ROW("\"%s\"", rows[i].text);
    }
}

static void test_layout_empty_and_scalar(void) {
    pinot_layout layout;
    pinot_layout_init(&layout);
    CHECK(pinot_layout_is_empty(&layout));
    CHECK(!pinot_layout_is_scalar(&layout));
    CHECK_STR(layout_str(&layout), "[...]");
    pinot_layout_scalar(&layout);
    CHECK(!pinot_layout_is_empty(&layout));
    CHECK(pinot_layout_is_scalar(&layout));
    CHECK_STR(layout_str(&layout), "**SCALAR**");
    pinot_layout parsed = layout_of("**SCALAR**");
    CHECK(pinot_layout_equal(&layout, &parsed));
    parsed = layout_of("");
    CHECK(pinot_layout_is_empty(&parsed));
    parsed = layout_of("?");
    CHECK(!pinot_layout_is_empty(&parsed));
}

/* a, b, a == b, a is empty, b is empty. */
static void test_layout_equal(void) {
    static const struct {
        const char * a;
        const char * b;
        bool equal;
        bool a_empty;
        bool b_empty;
    } rows[] = {
        {"NCHW", "nchw", true, false, false},
        {"NCHW", "[N,C,H,W]", true, false, false},
        {"NCHW", "NHWC", false, false, false},
        {"...", "", true, true, true},
        {"N...", "N", false, false, false},
        {"N?", "N", false, false, false},
        {"N?", "N?", true, false, false},
        {"[a,?]", "A?", true, false, false},
        {"[?,...]", "?...", true, false, false},
        {"?...", "...", false, false, true},
        {"**SCALAR**", "", false, false, true},
        {"**SCALAR**", "**SCALAR**", true, false, false},
        {"[batch]", "N", true, false, false},
        {"N...C", "[n,...,c]", true, false, false},
        {"N...C", "N...?C", false, false, false},
        {"...C", "?C", false, false, false},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_layout a = layout_of(rows[i].a);
        pinot_layout b = layout_of(rows[i].b);
        CHECK_EQ_INT(pinot_layout_equal(&a, &b), rows[i].equal);
        CHECK_EQ_INT(pinot_layout_equal(&b, &a), rows[i].equal);
        CHECK_EQ_INT(pinot_layout_is_empty(&a), rows[i].a_empty);
        CHECK_EQ_INT(pinot_layout_is_empty(&b), rows[i].b_empty);
        TEST_ROW("\"%s\" vs \"%s\"", rows[i].a, rows[i].b);
    }
}

/* layout, name, has_name, get_index_by_name (when present). */
static void test_layout_names(void) {
    static const struct {
        const char * layout;
        const char * name;
        bool has;
        int64_t index;
    } rows[] = {
        {"NCHW", "N", true, 0}, {"NCHW", "n", true, 0}, {"NCHW", "batch", true, 0},
        {"NCHW", "B", true, 0}, {"NCHW", "C", true, 1}, {"NCHW", "H", true, 2},
        {"NCHW", "W", true, 3}, {"NCHW", "D", false, 0}, {"NCHW", "X", false, 0},
        {"NCHW", "", false, 0}, {"NCHW", "a b", false, 0}, {"NCHW", "?", false, 0},
        {"NCHW", "...", false, 0}, {"NCHW", "a", false, 0}, {"NCHW", "b", true, 0},
        {"NCHW", "time", false, 0}, {"NCHW", "TIME", false, 0}, {"NCHW", "channels", true, 1},
        {"NCHW", "height", true, 2}, {"NCHW", "width", true, 3}, {"NCHW", "depth", false, 0},
        {"N...HW", "N", true, 0}, {"N...HW", "n", true, 0}, {"N...HW", "batch", true, 0},
        {"N...HW", "B", true, 0}, {"N...HW", "C", false, 0}, {"N...HW", "H", true, -2},
        {"N...HW", "W", true, -1}, {"N...HW", "D", false, 0}, {"N...HW", "X", false, 0},
        {"N...HW", "", false, 0}, {"N...HW", "a b", false, 0}, {"N...HW", "?", false, 0},
        {"N...HW", "...", false, 0}, {"N...HW", "a", false, 0}, {"N...HW", "b", true, 0},
        {"N...HW", "time", false, 0}, {"N...HW", "TIME", false, 0}, {"N...HW", "channels", false, 0},
        {"N...HW", "height", true, -2}, {"N...HW", "width", true, -1}, {"N...HW", "depth", false, 0},
        {"N?...?HW", "N", true, 0}, {"N?...?HW", "n", true, 0}, {"N?...?HW", "batch", true, 0},
        {"N?...?HW", "B", true, 0}, {"N?...?HW", "C", false, 0}, {"N?...?HW", "H", true, -2},
        {"N?...?HW", "W", true, -1}, {"N?...?HW", "D", false, 0}, {"N?...?HW", "X", false, 0},
        {"N?...?HW", "", false, 0}, {"N?...?HW", "a b", false, 0}, {"N?...?HW", "?", false, 0},
        {"N?...?HW", "...", false, 0}, {"N?...?HW", "a", false, 0}, {"N?...?HW", "b", true, 0},
        {"N?...?HW", "time", false, 0}, {"N?...?HW", "TIME", false, 0}, {"N?...?HW", "channels", false, 0},
        {"N?...?HW", "height", true, -2}, {"N?...?HW", "width", true, -1}, {"N?...?HW", "depth", false, 0},
        {"[a,?,...,?,b,?]", "N", true, -2}, {"[a,?,...,?,b,?]", "n", true, -2}, {"[a,?,...,?,b,?]", "batch", true, -2},
        {"[a,?,...,?,b,?]", "B", true, -2}, {"[a,?,...,?,b,?]", "C", false, 0}, {"[a,?,...,?,b,?]", "H", false, 0},
        {"[a,?,...,?,b,?]", "W", false, 0}, {"[a,?,...,?,b,?]", "D", false, 0}, {"[a,?,...,?,b,?]", "X", false, 0},
        {"[a,?,...,?,b,?]", "", false, 0}, {"[a,?,...,?,b,?]", "a b", false, 0}, {"[a,?,...,?,b,?]", "?", false, 0},
        {"[a,?,...,?,b,?]", "...", false, 0}, {"[a,?,...,?,b,?]", "a", true, 0}, {"[a,?,...,?,b,?]", "b", true, -2},
        {"[a,?,...,?,b,?]", "time", false, 0}, {"[a,?,...,?,b,?]", "TIME", false, 0},
        {"[a,?,...,?,b,?]", "channels", false, 0},
        {"[a,?,...,?,b,?]", "height", false, 0}, {"[a,?,...,?,b,?]", "width", false, 0},
        {"[a,?,...,?,b,?]", "depth", false, 0},
        {"[...,a,]", "N", false, 0}, {"[...,a,]", "n", false, 0}, {"[...,a,]", "batch", false, 0},
        {"[...,a,]", "B", false, 0}, {"[...,a,]", "C", false, 0}, {"[...,a,]", "H", false, 0},
        {"[...,a,]", "W", false, 0}, {"[...,a,]", "D", false, 0}, {"[...,a,]", "X", false, 0},
        {"[...,a,]", "", false, 0}, {"[...,a,]", "a b", false, 0}, {"[...,a,]", "?", false, 0},
        {"[...,a,]", "...", false, 0}, {"[...,a,]", "a", true, -2}, {"[...,a,]", "b", false, 0},
        {"[...,a,]", "time", false, 0}, {"[...,a,]", "TIME", false, 0}, {"[...,a,]", "channels", false, 0},
        {"[...,a,]", "height", false, 0}, {"[...,a,]", "width", false, 0}, {"[...,a,]", "depth", false, 0},
        {"[a,..., b]", "N", true, -1}, {"[a,..., b]", "n", true, -1}, {"[a,..., b]", "batch", true, -1},
        {"[a,..., b]", "B", true, -1}, {"[a,..., b]", "C", false, 0}, {"[a,..., b]", "H", false, 0},
        {"[a,..., b]", "W", false, 0}, {"[a,..., b]", "D", false, 0}, {"[a,..., b]", "X", false, 0},
        {"[a,..., b]", "", false, 0}, {"[a,..., b]", "a b", false, 0}, {"[a,..., b]", "?", false, 0},
        {"[a,..., b]", "...", false, 0}, {"[a,..., b]", "a", true, 0}, {"[a,..., b]", "b", true, -1},
        {"[a,..., b]", "time", false, 0}, {"[a,..., b]", "TIME", false, 0}, {"[a,..., b]", "channels", false, 0},
        {"[a,..., b]", "height", false, 0}, {"[a,..., b]", "width", false, 0}, {"[a,..., b]", "depth", false, 0},
        {"**SCALAR**", "N", false, 0}, {"**SCALAR**", "n", false, 0}, {"**SCALAR**", "batch", false, 0},
        {"**SCALAR**", "B", false, 0}, {"**SCALAR**", "C", false, 0}, {"**SCALAR**", "H", false, 0},
        {"**SCALAR**", "W", false, 0}, {"**SCALAR**", "D", false, 0}, {"**SCALAR**", "X", false, 0},
        {"**SCALAR**", "", false, 0}, {"**SCALAR**", "a b", false, 0}, {"**SCALAR**", "?", false, 0},
        {"**SCALAR**", "...", false, 0}, {"**SCALAR**", "a", false, 0}, {"**SCALAR**", "b", false, 0},
        {"**SCALAR**", "time", false, 0}, {"**SCALAR**", "TIME", false, 0}, {"**SCALAR**", "channels", false, 0},
        {"**SCALAR**", "height", false, 0}, {"**SCALAR**", "width", false, 0}, {"**SCALAR**", "depth", false, 0},
        {"", "N", false, 0}, {"", "n", false, 0}, {"", "batch", false, 0},
        {"", "B", false, 0}, {"", "C", false, 0}, {"", "H", false, 0},
        {"", "W", false, 0}, {"", "D", false, 0}, {"", "X", false, 0},
        {"", "", false, 0}, {"", "a b", false, 0}, {"", "?", false, 0},
        {"", "...", false, 0}, {"", "a", false, 0}, {"", "b", false, 0},
        {"", "time", false, 0}, {"", "TIME", false, 0}, {"", "channels", false, 0},
        {"", "height", false, 0}, {"", "width", false, 0}, {"", "depth", false, 0},
        {"[batch,time]", "N", true, 0}, {"[batch,time]", "n", true, 0}, {"[batch,time]", "batch", true, 0},
        {"[batch,time]", "B", true, 0}, {"[batch,time]", "C", false, 0}, {"[batch,time]", "H", false, 0},
        {"[batch,time]", "W", false, 0}, {"[batch,time]", "D", false, 0}, {"[batch,time]", "X", false, 0},
        {"[batch,time]", "", false, 0}, {"[batch,time]", "a b", false, 0}, {"[batch,time]", "?", false, 0},
        {"[batch,time]", "...", false, 0}, {"[batch,time]", "a", false, 0}, {"[batch,time]", "b", true, 0},
        {"[batch,time]", "time", true, 1}, {"[batch,time]", "TIME", true, 1}, {"[batch,time]", "channels", false, 0},
        {"[batch,time]", "height", false, 0}, {"[batch,time]", "width", false, 0}, {"[batch,time]", "depth", false, 0},
        {"NCDHW", "N", true, 0}, {"NCDHW", "n", true, 0}, {"NCDHW", "batch", true, 0},
        {"NCDHW", "B", true, 0}, {"NCDHW", "C", true, 1}, {"NCDHW", "H", true, 3},
        {"NCDHW", "W", true, 4}, {"NCDHW", "D", true, 2}, {"NCDHW", "X", false, 0},
        {"NCDHW", "", false, 0}, {"NCDHW", "a b", false, 0}, {"NCDHW", "?", false, 0},
        {"NCDHW", "...", false, 0}, {"NCDHW", "a", false, 0}, {"NCDHW", "b", true, 0},
        {"NCDHW", "time", false, 0}, {"NCDHW", "TIME", false, 0}, {"NCDHW", "channels", true, 1},
        {"NCDHW", "height", true, 3}, {"NCDHW", "width", true, 4}, {"NCDHW", "depth", true, 2},
        {"...HW", "N", false, 0}, {"...HW", "n", false, 0}, {"...HW", "batch", false, 0},
        {"...HW", "B", false, 0}, {"...HW", "C", false, 0}, {"...HW", "H", true, -2},
        {"...HW", "W", true, -1}, {"...HW", "D", false, 0}, {"...HW", "X", false, 0},
        {"...HW", "", false, 0}, {"...HW", "a b", false, 0}, {"...HW", "?", false, 0},
        {"...HW", "...", false, 0}, {"...HW", "a", false, 0}, {"...HW", "b", false, 0},
        {"...HW", "time", false, 0}, {"...HW", "TIME", false, 0}, {"...HW", "channels", false, 0},
        {"...HW", "height", true, -2}, {"...HW", "width", true, -1}, {"...HW", "depth", false, 0},
        {"?C...", "N", false, 0}, {"?C...", "n", false, 0}, {"?C...", "batch", false, 0},
        {"?C...", "B", false, 0}, {"?C...", "C", true, 1}, {"?C...", "H", false, 0},
        {"?C...", "W", false, 0}, {"?C...", "D", false, 0}, {"?C...", "X", false, 0},
        {"?C...", "", false, 0}, {"?C...", "a b", false, 0}, {"?C...", "?", false, 0},
        {"?C...", "...", false, 0}, {"?C...", "a", false, 0}, {"?C...", "b", false, 0},
        {"?C...", "time", false, 0}, {"?C...", "TIME", false, 0}, {"?C...", "channels", true, 1},
        {"?C...", "height", false, 0}, {"?C...", "width", false, 0}, {"?C...", "depth", false, 0},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        TEST_ROW_BEGIN();
        pinot_layout layout = layout_of(rows[i].layout);
        CHECK_EQ_INT(pinot_layout_has_name(&layout, rows[i].name), rows[i].has);
        int64_t index = 99;
        if (rows[i].has) {
            CHECK_OK(pinot_layout_get_index_by_name(&layout, rows[i].name, &index));
            CHECK_EQ_INT(index, rows[i].index);
        } else {
            CHECK_STATUS(pinot_layout_get_index_by_name(&layout, rows[i].name, &index),
                         PINOT_STATUS_INVALID_ARGUMENT);
            char message[128];
            snprintf(message, sizeof(message), "%s dimension index is not defined", rows[i].name);
            CHECK_STR(pinot_last_error_message(), message);
            CHECK_EQ_INT(index, 99);
        }
        TEST_ROW("\"%s\" in \"%s\"", rows[i].name, rows[i].layout);
    }
}

static void test_layout_helpers(void) {
    pinot_layout layout = layout_of("N...DHW");
    int64_t index = 0;
    CHECK(pinot_layout_has_batch(&layout));
    CHECK(!pinot_layout_has_channels(&layout));
    CHECK(pinot_layout_has_depth(&layout));
    CHECK(pinot_layout_has_height(&layout));
    CHECK(pinot_layout_has_width(&layout));
    CHECK_OK(pinot_layout_batch_idx(&layout, &index));
    CHECK_EQ_INT(index, 0);
    CHECK_OK(pinot_layout_depth_idx(&layout, &index));
    CHECK_EQ_INT(index, -3);
    CHECK_OK(pinot_layout_height_idx(&layout, &index));
    CHECK_EQ_INT(index, -2);
    CHECK_OK(pinot_layout_width_idx(&layout, &index));
    CHECK_EQ_INT(index, -1);
    CHECK_STATUS(pinot_layout_channels_idx(&layout, &index), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "C dimension index is not defined");
    layout = layout_of("[batch,channels]");
    CHECK_OK(pinot_layout_channels_idx(&layout, &index));
    CHECK_EQ_INT(index, 1);
    pinot_layout_scalar(&layout);
    CHECK(!pinot_layout_has_batch(&layout));
    CHECK_STATUS(pinot_layout_batch_idx(&layout, &index), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "N dimension index is not defined");
}

static void test_layout_get_name(void) {
    pinot_layout layout = layout_of("N?...C");
    CHECK_STR(pinot_layout_get_name(&layout, 0), "N");
    CHECK_STR(pinot_layout_get_name(&layout, 1), NULL); /* "?" */
    CHECK_STR(pinot_layout_get_name(&layout, 2), NULL); /* inside "..." */
    CHECK_STR(pinot_layout_get_name(&layout, -1), "C");
    CHECK_STR(pinot_layout_get_name(&layout, -2), NULL);
    layout = layout_of("[time,temperature]");
    CHECK_STR(pinot_layout_get_name(&layout, 1), "TEMPERATURE");
    CHECK_STR(pinot_layout_get_name(&layout, -2), "TIME");
    CHECK_STR(pinot_layout_get_name(&layout, -3), NULL);
    CHECK_STR(pinot_layout_get_name(&layout, 2), NULL);
    CHECK_STR(pinot_layout_get_name(&layout, INT64_MIN), NULL);
}

static void test_layout_limits(void) {
    pinot_layout layout;
    char text[1024];
    /* Rank: PINOT_MAX_RANK dimensions in all syntaxes, one more is an error. */
    memset(text, '?', PINOT_MAX_RANK);
    text[PINOT_MAX_RANK] = '\0';
    CHECK_OK(pinot_layout_parse(text, &layout));
    strcat(text, "?");
    CHECK_STATUS(pinot_layout_parse(text, &layout), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "Layout has more than 32 dimensions, which is not supported");
    memcpy(text, "N...", 4); /* N, "...", 29 more after it: 30 in all */
    CHECK_OK(pinot_layout_parse(text, &layout));
    CHECK_EQ_INT(layout.n_left + layout.n_right, 30);
    strcpy(text, "[...");
    for (int i = 0; i < PINOT_MAX_RANK; i++) {
        strcat(text, ",?");
    }
    CHECK_OK(pinot_layout_parse(strcat(text, "]"), &layout));
    text[strlen(text) - 1] = '\0';
    CHECK_STATUS(pinot_layout_parse(strcat(text, ",?]"), &layout), PINOT_STATUS_INVALID_ARGUMENT);
    strcpy(text, "[");
    for (int i = 0; i <= PINOT_MAX_RANK; i++) {
        strcat(text, i == 0 ? "?" : ",?");
    }
    CHECK_STATUS(pinot_layout_parse(strcat(text, "]"), &layout), PINOT_STATUS_INVALID_ARGUMENT);
    strcpy(text, "[");
    for (int i = 0; i < PINOT_MAX_RANK; i++) {
        strcat(text, i == 0 ? "?" : ",?");
    }
    CHECK_STATUS(pinot_layout_parse(strcat(text, ",...,?]"), &layout), PINOT_STATUS_INVALID_ARGUMENT);

    /* Name length. */
    strcpy(text, "[");
    memset(text + 1, 'a', PINOT_LAYOUT_MAX_NAME);
    strcpy(text + 1 + PINOT_LAYOUT_MAX_NAME, "]");
    CHECK_OK(pinot_layout_parse(text, &layout));
    strcpy(text + 1 + PINOT_LAYOUT_MAX_NAME, "a]");
    CHECK_STATUS(pinot_layout_parse(text, &layout), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(strstr(pinot_last_error_message(), "Names of more than 63 characters are not supported") != NULL);
    CHECK(!pinot_layout_has_name(&layout, text + 1)); /* too long to be present: just absent */

    /* Total size of the names: 4 names of 63 characters take 256 bytes, a fifth name does not fit. */
    strcpy(text, "[");
    for (int i = 0; i < 4; i++) {
        size_t len = strlen(text);
        memset(text + len, 'a' + i, PINOT_LAYOUT_MAX_NAME);
        strcpy(text + len + PINOT_LAYOUT_MAX_NAME, ",");
    }
    strcpy(text + strlen(text) - 1, "]");
    CHECK_OK(pinot_layout_parse(text, &layout));
    CHECK(pinot_layout_to_string(&layout, NULL, 0) < PINOT_LAYOUT_STRING_SIZE);
    strcpy(text + strlen(text) - 1, ",e]");
    CHECK_STATUS(pinot_layout_parse(text, &layout), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(), "Layout names are too long: at most 256 bytes of names are supported");
}

static void test_layout_to_string_truncates(void) {
    pinot_layout layout = layout_of("N...HW");
    char buf[5];
    CHECK_EQ_INT(pinot_layout_to_string(&layout, buf, sizeof(buf)), strlen("[N,...,H,W]"));
    CHECK_STR(buf, "[N,.");
    CHECK_EQ_INT(pinot_layout_to_string(&layout, NULL, 0), strlen("[N,...,H,W]"));
    pinot_layout_scalar(&layout);
    CHECK_EQ_INT(pinot_layout_to_string(&layout, buf, sizeof(buf)), strlen("**SCALAR**"));
    CHECK_STR(buf, "**SC");
}

static void test_layout_utf8_message(void) {
    /* A non-ASCII character in the simple syntax is quoted whole, so the message is valid UTF-8. */
    pinot_layout layout;
    CHECK_STATUS(pinot_layout_parse("N\xc3\xa9", &layout), PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_STR(pinot_last_error_message(),
              "Layout name is invalid (\xc3\xa9). Only english letters, digits and _ is allowed");
    CHECK_STATUS(pinot_layout_parse("N\xc3", &layout), PINOT_STATUS_INVALID_ARGUMENT);
}

TEST_MAIN(
    TEST(test_layout_parse),
    TEST(test_layout_empty_and_scalar),
    TEST(test_layout_equal),
    TEST(test_layout_names),
    TEST(test_layout_helpers),
    TEST(test_layout_get_name),
    TEST(test_layout_limits),
    TEST(test_layout_to_string_truncates),
    TEST(test_layout_utf8_message),
)

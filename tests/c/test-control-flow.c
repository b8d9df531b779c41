/* Control flow end to end in C (run under ASan/LSan by 'make test-asan'): an
 * ONNX If whose then branch holds a Loop and whose else branch holds a
 * reversed Scan, both reading outer-scope values; imported, cloned, compiled
 * and run on both branches; then the step-by-step API's error paths. */
#include <stdlib.h>

#include "pinot/pinot.h"
#include "test.h"

/* Made with onnx.helper: If(cond) then Loop(trip, x; acc += x * step) else
 * Scan(0, x reversed; running sum), opset 13. */
static const unsigned char model_bytes[] = {
    8, 13, 58, 135, 5, 10, 173, 4, 10, 4, 99, 111, 110, 100, 18, 3, 111, 117, 116, 34, 2, 73, 102, 42,
    145, 2, 10, 11, 101, 108, 115, 101, 95, 98, 114, 97, 110, 99, 104, 50, 254, 1, 10, 39, 18, 1, 122, 34,
    8, 67, 111, 110, 115, 116, 97, 110, 116, 42, 24, 10, 5, 118, 97, 108, 117, 101, 42, 12, 16, 1, 34, 4,
    0, 0, 0, 0, 66, 2, 122, 118, 160, 1, 4, 10, 184, 1, 10, 1, 122, 10, 1, 120, 18, 3, 116, 111,
    116, 18, 2, 121, 115, 34, 4, 83, 99, 97, 110, 42, 107, 10, 4, 98, 111, 100, 121, 50, 96, 10, 16, 10,
    1, 97, 10, 1, 101, 18, 3, 97, 111, 50, 34, 3, 65, 100, 100, 10, 18, 10, 3, 97, 111, 50, 18, 1,
    121, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121, 18, 2, 115, 98, 90, 11, 10, 1, 97, 18, 6, 10, 4,
    8, 1, 18, 0, 90, 11, 10, 1, 101, 18, 6, 10, 4, 8, 1, 18, 0, 98, 13, 10, 3, 97, 111, 50,
    18, 6, 10, 4, 8, 1, 18, 0, 98, 11, 10, 1, 121, 18, 6, 10, 4, 8, 1, 18, 0, 160, 1, 5,
    42, 22, 10, 15, 110, 117, 109, 95, 115, 99, 97, 110, 95, 105, 110, 112, 117, 116, 115, 24, 1, 160, 1, 2,
    42, 28, 10, 21, 115, 99, 97, 110, 95, 105, 110, 112, 117, 116, 95, 100, 105, 114, 101, 99, 116, 105, 111, 110,
    115, 64, 1, 160, 1, 7, 18, 6, 101, 108, 115, 101, 95, 103, 98, 16, 10, 2, 121, 115, 18, 10, 10, 8,
    8, 1, 18, 4, 10, 2, 8, 2, 160, 1, 5, 42, 135, 2, 10, 11, 116, 104, 101, 110, 95, 98, 114, 97,
    110, 99, 104, 50, 244, 1, 10, 216, 1, 10, 4, 116, 114, 105, 112, 10, 0, 10, 1, 120, 18, 1, 114, 18,
    1, 115, 34, 4, 76, 111, 111, 112, 42, 190, 1, 10, 4, 98, 111, 100, 121, 50, 178, 1, 10, 17, 10, 1,
    99, 18, 2, 99, 111, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121, 10, 18, 10, 1, 120, 10, 4, 115, 116,
    101, 112, 18, 2, 120, 115, 34, 3, 77, 117, 108, 10, 18, 10, 3, 97, 99, 99, 10, 2, 120, 115, 18, 2,
    97, 111, 34, 3, 65, 100, 100, 10, 18, 10, 2, 97, 111, 18, 2, 115, 111, 34, 8, 73, 100, 101, 110, 116,
    105, 116, 121, 18, 2, 108, 98, 90, 11, 10, 1, 105, 18, 6, 10, 4, 8, 7, 18, 0, 90, 11, 10, 1,
    99, 18, 6, 10, 4, 8, 9, 18, 0, 90, 17, 10, 3, 97, 99, 99, 18, 10, 10, 8, 8, 1, 18, 4,
    10, 2, 8, 2, 98, 12, 10, 2, 99, 111, 18, 6, 10, 4, 8, 9, 18, 0, 98, 16, 10, 2, 97, 111,
    18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 2, 98, 16, 10, 2, 115, 111, 18, 10, 10, 8, 8, 1,
    18, 4, 10, 2, 8, 2, 160, 1, 5, 18, 6, 116, 104, 101, 110, 95, 103, 98, 15, 10, 1, 114, 18, 10,
    10, 8, 8, 1, 18, 4, 10, 2, 8, 2, 160, 1, 5, 18, 1, 103, 90, 14, 10, 4, 99, 111, 110, 100,
    18, 6, 10, 4, 8, 9, 18, 0, 90, 14, 10, 4, 116, 114, 105, 112, 18, 6, 10, 4, 8, 7, 18, 0,
    90, 15, 10, 1, 120, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 2, 90, 14, 10, 4, 115, 116, 101,
    112, 18, 6, 10, 4, 8, 1, 18, 0, 98, 17, 10, 3, 111, 117, 116, 18, 10, 10, 8, 8, 1, 18, 4,
    10, 2, 8, 2, 66, 4, 10, 0, 16, 13,
};

static void set_scalar(pinot_infer_request_t * request, uint32_t index, const void * value, size_t size) {
    memcpy(pinot_tensor_get_data(pinot_infer_request_get_input_tensor(request, index)), value, size);
}

static void run_branch(pinot_compiled_model_t * compiled, bool cond, float expect0, float expect1) {
    pinot_infer_request_t * request = NULL;
    CHECK_OK(pinot_infer_request_create(compiled, &request));
    if (request == NULL) {
        return;
    }
    uint8_t c = cond;
    int64_t trip = 3;
    float x[2] = {1, 2}, step = 0.5f;
    set_scalar(request, 0, &c, 1);
    set_scalar(request, 1, &trip, sizeof(trip));
    set_scalar(request, 2, x, sizeof(x));
    set_scalar(request, 3, &step, sizeof(step));
    CHECK_OK(pinot_infer_request_infer(request));
    const float * out = pinot_tensor_get_data(pinot_infer_request_get_output_tensor(request, 0));
    CHECK(out[0] == expect0);
    CHECK(out[1] == expect1);
    pinot_infer_request_free(request);
}

static void test_onnx_nested_control_flow(void) {
    pinot_model_t * model = NULL, * copy = NULL;
    CHECK_OK(pinot_read_model_from_memory(model_bytes, sizeof(model_bytes), &model));
    if (model == NULL) {
        return;
    }
    CHECK_OK(pinot_model_clone(model, &copy));
    pinot_compiled_model_t * compiled = NULL;
    CHECK_OK(pinot_compiled_model_create(copy, "CPU", &compiled));
    if (compiled != NULL) {
        run_branch(compiled, true, 1 + 3 * 0.5f, 2 + 3 * 1.0f); /* x + trip * x * step */
        run_branch(compiled, false, 2, 3);                      /* running sums from the end, in visit order */
    }
    pinot_compiled_model_free(compiled);
    pinot_model_free(copy);
    pinot_model_free(model);
}

static void test_step_by_step_errors(void) {
    pinot_node_t * cond = NULL, * if_node = NULL, * add = NULL;
    pinot_partial_shape scalar = {.rank = 0};
    CHECK_OK(pinot_node_create_parameter(PINOT_DTYPE_BOOLEAN, &scalar, &cond));
    CHECK(pinot_node_create_multi_subgraph("Add", NULL, 0, &add) == PINOT_STATUS_INVALID_ARGUMENT);
    pinot_output_ref in = {cond, 0};
    CHECK(pinot_node_create_multi_subgraph("If", NULL, 0, &if_node) == PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_OK(pinot_node_create_multi_subgraph("If", &in, 1, &if_node));
    CHECK_EQ_INT(pinot_node_get_body_count(if_node), 2);
    CHECK(pinot_node_get_body(if_node, 0) == NULL);
    pinot_body_port port = {.kind = PINOT_BODY_PORT_ITERATION, .iteration = -1};
    uint32_t bodies[1] = {0}, index = 0;
    CHECK(pinot_node_add_body_output(if_node, bodies, &port, 1, &index) == PINOT_STATUS_INVALID_ARGUMENT);
    CHECK(pinot_node_set_special_body_ports(if_node, 0, 0) == PINOT_STATUS_INVALID_ARGUMENT);
    /* A body whose result is its parameter, set on one branch only: adding the output fails and is rolled back. */
    pinot_node_t * p = NULL, * r = NULL;
    pinot_model_t * body = NULL;
    CHECK_OK(pinot_node_create_parameter(PINOT_DTYPE_F32, &scalar, &p));
    pinot_output_ref p_out = {p, 0};
    CHECK_OK(pinot_node_create("Result", 0, &p_out, 1, NULL, 0, &r));
    CHECK_OK(pinot_model_create(&r, 1, NULL, 0, &p, 1, "body", &body));
    CHECK_OK(pinot_node_set_body(if_node, 0, body));
    CHECK(pinot_node_add_body_output(if_node, bodies, &port, 1, &index) == PINOT_STATUS_INVALID_ARGUMENT);
    CHECK_EQ_INT(pinot_node_get_output_count(if_node), 0);
    pinot_model_free(body);
    pinot_node_free(r);
    pinot_node_free(p);
    pinot_node_free(if_node);
    pinot_node_free(cond);
}

TEST_MAIN(TEST(test_onnx_nested_control_flow), TEST(test_step_by_step_errors))

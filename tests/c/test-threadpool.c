/* The thread pool (every tile exactly once, for each parallelization type,
 * thread count, nesting and concurrent callers) and async requests on streams
 * (callbacks, BUSY, wait_for, cancel, free from a callback). */
#include <pthread.h>
#include <stdatomic.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "pinot/pinot.h"
#include "runtime/threadpool-impl.h"
#include "test.h"

/* ---- thread pool ---- */

struct grid {
    size_t rows, cols;
    atomic_int * hits; /* rows x cols */
    atomic_int bad_tiles;
    size_t tile[2];
    enum pinot_parallel_type type;
};

static void mark(void * ctx, size_t i, size_t j, size_t ci, size_t cj) {
    struct grid * g = ctx;
    size_t want_i = g->type == PINOT_PARALLEL_2D_TILE_1D || g->tile[0] == 0 ? 1 : g->tile[0];
    size_t want_j = g->type == PINOT_PARALLEL_1D || g->tile[1] == 0 ? 1 : g->tile[1];
    /* Tiles start on a tile boundary and only the last ones are short. */
    if (i % want_i != 0 || j % want_j != 0 || ci == 0 || cj == 0 || ci > want_i || cj > want_j ||
        (ci < want_i && i + ci != g->rows) || (cj < want_j && j + cj != g->cols)) {
        atomic_fetch_add(&g->bad_tiles, 1);
    }
    for (size_t a = i; a < i + ci; a++) {
        for (size_t b = j; b < j + cj; b++) {
            atomic_fetch_add(&g->hits[a * g->cols + b], 1);
        }
    }
}

/* Runs one job and checks every cell was visited exactly once. */
static bool run_grid(struct pinot_threadpool * pool, enum pinot_parallel_type type, size_t rows, size_t cols,
                     size_t tile_i, size_t tile_j) {
    struct grid g = {.rows = rows, .cols = type == PINOT_PARALLEL_1D ? 1 : cols, .type = type,
                     .tile = {tile_i, tile_j}};
    g.hits = calloc(rows * g.cols + 1, sizeof(*g.hits));
    atomic_init(&g.bad_tiles, 0);
    struct pinot_parallel_desc desc = {type, mark, &g, {rows, cols}, {tile_i, tile_j}};
    pinot_threadpool_run(pool, &desc);
    bool ok = atomic_load(&g.bad_tiles) == 0;
    for (size_t k = 0; k < rows * g.cols; k++) {
        ok = ok && atomic_load(&g.hits[k]) == 1;
    }
    free(g.hits);
    return ok;
}

static void test_usable_cpus(void) {
    uint32_t n = pinot_cpu_usable_count();
    CHECK(n >= 1);
    CHECK(n <= 4096);
}

static void test_every_tile_once(void) {
    static const uint32_t threads[] = {1, 2, 3, 4};
    for (size_t t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
        struct pinot_threadpool * pool = NULL;
        CHECK_OK(pinot_threadpool_create(threads[t], &pool));
        CHECK_EQ_INT(pinot_threadpool_get_threads(pool), threads[t]);
        TEST_ROW_BEGIN();
        CHECK(run_grid(pool, PINOT_PARALLEL_1D, 1000, 0, 7, 0));
        CHECK(run_grid(pool, PINOT_PARALLEL_1D, 5, 0, 16, 0)); /* one short tile */
        CHECK(run_grid(pool, PINOT_PARALLEL_1D, 0, 0, 4, 0));  /* nothing to do */
        CHECK(run_grid(pool, PINOT_PARALLEL_1D, 64, 0, 0, 0)); /* tile 0 is 1 */
        CHECK(run_grid(pool, PINOT_PARALLEL_2D_TILE_1D, 13, 50, 0, 8));
        CHECK(run_grid(pool, PINOT_PARALLEL_2D_TILE_2D, 33, 47, 4, 16));
        CHECK(run_grid(pool, PINOT_PARALLEL_2D_TILE_2D, 3, 3, 8, 8));
        TEST_ROW("%u threads", threads[t]);
        pinot_threadpool_free(pool);
    }
    CHECK(run_grid(NULL, PINOT_PARALLEL_2D_TILE_2D, 9, 9, 2, 2)); /* no pool: serial */
    pinot_threadpool_free(NULL);
}

static void test_many_jobs_spin_then_sleep(void) {
    struct pinot_threadpool * pool = NULL;
    CHECK_OK(pinot_threadpool_create(3, &pool));
    bool ok = true;
    for (int k = 0; k < 2000 && ok; k++) {
        ok = run_grid(pool, PINOT_PARALLEL_1D, 16, 0, 1, 0);
        if (k % 500 == 0) {
            struct timespec ts = {0, 2000000}; /* let the workers fall asleep */
            nanosleep(&ts, NULL);
        }
    }
    CHECK(ok);
    pinot_threadpool_free(pool);
}

struct nested {
    struct pinot_threadpool * pool;
    atomic_int inner_ok;
};

static void nested_task(void * ctx, size_t i, size_t j, size_t ci, size_t cj) {
    (void)i, (void)j, (void)ci, (void)cj;
    struct nested * n = ctx;
    /* A run from inside a task goes serial instead of waiting for itself. */
    if (run_grid(n->pool, PINOT_PARALLEL_2D_TILE_2D, 5, 6, 2, 2)) {
        atomic_fetch_add(&n->inner_ok, 1);
    }
}

static void test_nested_runs_serially(void) {
    struct nested n = {NULL, 0};
    CHECK_OK(pinot_threadpool_create(2, &n.pool));
    struct pinot_parallel_desc desc = {PINOT_PARALLEL_1D, nested_task, &n, {8, 0}, {1, 0}};
    pinot_threadpool_run(n.pool, &desc);
    CHECK_EQ_INT(atomic_load(&n.inner_ok), 8);
    pinot_threadpool_free(n.pool);
}

static void * concurrent_caller(void * arg) {
    bool ok = true;
    for (int k = 0; k < 200 && ok; k++) {
        ok = run_grid(arg, PINOT_PARALLEL_2D_TILE_2D, 20, 20, 3, 5);
    }
    return ok ? arg : NULL;
}

static void test_concurrent_callers_take_turns(void) {
    struct pinot_threadpool * pool = NULL;
    CHECK_OK(pinot_threadpool_create(2, &pool));
    pthread_t callers[3];
    for (int i = 0; i < 3; i++) {
        pthread_create(&callers[i], NULL, concurrent_caller, pool);
    }
    for (int i = 0; i < 3; i++) {
        void * result = NULL;
        pthread_join(callers[i], &result);
        CHECK(result == pool);
    }
    pinot_threadpool_free(pool);
}

/* ---- async requests ---- */

/* relu(x), x: f32[n] */
static pinot_compiled_model_t * relu_model(size_t n, const pinot_compile_config * config) {
    pinot_partial_shape shape = {.rank = 1};
    shape.dims[0] = pinot_dim_static((int64_t)n);
    pinot_node_t * param = NULL, * relu = NULL, * result = NULL;
    pinot_model_t * model = NULL;
    pinot_compiled_model_t * compiled = NULL;
    CHECK_OK(pinot_node_create_parameter(PINOT_DTYPE_F32, &shape, &param));
    pinot_output_ref in = {param, 0};
    CHECK_OK(pinot_node_create("Relu", 1, &in, 1, NULL, 0, &relu));
    pinot_output_ref out = {relu, 0};
    CHECK_OK(pinot_node_create("Result", 1, &out, 1, NULL, 0, &result));
    CHECK_OK(pinot_model_create(&result, 1, NULL, 0, &param, 1, "relu", &model));
    CHECK_OK(pinot_compiled_model_create_with_config(model, "CPU", config, &compiled));
    pinot_model_free(model);
    pinot_node_free(result);
    pinot_node_free(relu);
    pinot_node_free(param);
    return compiled;
}

struct counter {
    atomic_int calls;
    atomic_int failures;
    atomic_bool hold;          /* the callback spins while set */
    pinot_infer_request_t * self_free; /* freed from inside its callback */
};

static void count_callback(pinot_infer_request_t * request, pinot_status status, void * user) {
    struct counter * c = user;
    while (atomic_load(&c->hold)) {
        sched_yield();
    }
    if (status != PINOT_STATUS_OK) {
        atomic_fetch_add(&c->failures, 1);
    }
    if (c->self_free == request) {
        pinot_infer_request_free(request); /* deferred until this returns */
    }
    atomic_fetch_add(&c->calls, 1);
}

static void set_input(pinot_infer_request_t * request, float value) {
    float * x = pinot_tensor_get_data(pinot_infer_request_get_input_tensor(request, 0));
    for (int i = 0; i < 16; i++) {
        x[i] = (i % 2 ? value : -value);
    }
}

static void test_config_resolution(void) {
    uint32_t cpus = pinot_cpu_usable_count();
    pinot_compile_config config = pinot_compile_config_default();
    pinot_compiled_model_t * c = relu_model(16, NULL);
    CHECK_EQ_INT(pinot_compiled_model_get_num_streams(c), 1);
    CHECK_EQ_INT(pinot_compiled_model_get_num_threads(c), cpus);
    CHECK_EQ_INT(pinot_compiled_model_get_performance_mode(c), PINOT_PERFORMANCE_MODE_LATENCY);
    CHECK_EQ_INT(pinot_compiled_model_get_optimal_number_of_infer_requests(c), 1);
    pinot_compiled_model_free(c);
    config.performance_mode = PINOT_PERFORMANCE_MODE_THROUGHPUT;
    c = relu_model(16, &config);
    CHECK_EQ_INT(pinot_compiled_model_get_num_streams(c), cpus);
    CHECK_EQ_INT(pinot_compiled_model_get_optimal_number_of_infer_requests(c), cpus);
    pinot_compiled_model_free(c);
    config.num_requests = 1;
    c = relu_model(16, &config);
    CHECK_EQ_INT(pinot_compiled_model_get_num_streams(c), 1);
    pinot_compiled_model_free(c);
    config = pinot_compile_config_default();
    config.num_streams = PINOT_NUM_STREAMS_AUTO;
    c = relu_model(16, &config);
    CHECK_EQ_INT(pinot_compiled_model_get_performance_mode(c), PINOT_PERFORMANCE_MODE_THROUGHPUT);
    pinot_compiled_model_free(c);
    config.num_streams = 0;
    c = relu_model(16, &config);
    CHECK_EQ_INT(pinot_compiled_model_get_num_streams(c), 0);
    CHECK_EQ_INT(pinot_compiled_model_get_num_threads(c), 0);
    CHECK_EQ_INT(pinot_compiled_model_get_optimal_number_of_infer_requests(c), 1);
    pinot_compiled_model_free(c);
    config.num_streams = 1000;
    config.n_threads = 1;
    c = relu_model(16, &config);
    CHECK_EQ_INT(pinot_compiled_model_get_num_streams(c), 1);
    CHECK_EQ_INT(pinot_compiled_model_get_num_threads(c), 1);
    pinot_compiled_model_free(c);
}

static void test_async_callbacks_and_results(void) {
    pinot_compile_config config = pinot_compile_config_default();
    config.performance_mode = PINOT_PERFORMANCE_MODE_THROUGHPUT;
    pinot_compiled_model_t * compiled = relu_model(16, &config);
    enum { N = 4 };
    pinot_infer_request_t * requests[N];
    struct counter counter = {0};
    for (int i = 0; i < N; i++) {
        CHECK_OK(pinot_infer_request_create(compiled, &requests[i]));
        pinot_infer_request_set_callback(requests[i], count_callback, &counter);
        CHECK_STATUS(pinot_infer_request_wait_for(requests[i], 0), PINOT_STATUS_NOT_READY); /* never started */
        CHECK_OK(pinot_infer_request_wait(requests[i]));
    }
    bool ok = true;
    for (int round = 0; round < 250; round++) {
        for (int i = 0; i < N; i++) {
            set_input(requests[i], (float)(round * N + i));
            ok = ok && pinot_infer_request_start_async(requests[i]) == PINOT_STATUS_OK;
        }
        for (int i = 0; i < N; i++) {
            ok = ok && pinot_infer_request_wait(requests[i]) == PINOT_STATUS_OK;
            const float * y = pinot_tensor_get_data(pinot_infer_request_get_output_tensor(requests[i], 0));
            ok = ok && y[0] == 0.0f && y[1] == (float)(round * N + i);
        }
    }
    CHECK(ok);
    CHECK_EQ_INT(atomic_load(&counter.calls), 250 * N);
    CHECK_EQ_INT(atomic_load(&counter.failures), 0);
    CHECK(pinot_infer_request_get_latency(requests[0]) > 0.0);
    CHECK_EQ_INT(pinot_infer_request_get_run_state(requests[0]), PINOT_REQUEST_STATE_DONE);
    for (int i = 0; i < N; i++) {
        pinot_infer_request_free(requests[i]);
    }
    pinot_compiled_model_free(compiled);
}

static void test_busy_wait_for_and_cancel(void) {
    pinot_compiled_model_t * compiled = relu_model(16, NULL);
    pinot_infer_request_t * request = NULL;
    CHECK_OK(pinot_infer_request_create(compiled, &request));
    struct counter counter = {0};
    atomic_store(&counter.hold, true);
    pinot_infer_request_set_callback(request, count_callback, &counter);
    CHECK_OK(pinot_infer_request_start_async(request));
    /* The callback holds the request until released: deterministic BUSY and timeouts. */
    CHECK_STATUS(pinot_infer_request_start_async(request), PINOT_STATUS_BUSY);
    CHECK_STATUS(pinot_infer_request_infer(request), PINOT_STATUS_BUSY);
    CHECK_STATUS(pinot_infer_request_wait_for(request, 0), PINOT_STATUS_NOT_READY);
    CHECK_STATUS(pinot_infer_request_wait_for(request, 5), PINOT_STATUS_NOT_READY);
    CHECK_STATUS(pinot_infer_request_wait_for(request, -1), PINOT_STATUS_INVALID_ARGUMENT);
    atomic_store(&counter.hold, false);
    CHECK_OK(pinot_infer_request_wait_for(request, 60000));
    CHECK_EQ_INT(atomic_load(&counter.calls), 1);

    /* Cancel while the worker is held by another request: this one ends CANCELLED. */
    pinot_infer_request_t * blocker = NULL;
    CHECK_OK(pinot_infer_request_create(compiled, &blocker));
    struct counter held = {0};
    atomic_store(&held.hold, true);
    pinot_infer_request_set_callback(blocker, count_callback, &held);
    CHECK_OK(pinot_infer_request_start_async(blocker));
    CHECK_OK(pinot_infer_request_start_async(request));
    pinot_infer_request_cancel(request);
    atomic_store(&held.hold, false);
    CHECK_STATUS(pinot_infer_request_wait(request), PINOT_STATUS_CANCELLED);
    CHECK_EQ_INT(pinot_infer_request_get_run_state(request), PINOT_REQUEST_STATE_FAILED);
    CHECK_EQ_INT(atomic_load(&counter.failures), 1);
    CHECK_OK(pinot_infer_request_wait(blocker));
    /* And it runs again afterwards. */
    CHECK_OK(pinot_infer_request_start_async(request));
    CHECK_OK(pinot_infer_request_wait(request));
    pinot_infer_request_cancel(request); /* not running: no-op */
    CHECK_OK(pinot_infer_request_wait(request));
    CHECK_OK(pinot_infer_request_infer(request));
    pinot_infer_request_free(blocker);
    pinot_infer_request_free(request);
    pinot_compiled_model_free(compiled);
}

static void test_free_from_callback_and_in_flight(void) {
    pinot_compiled_model_t * compiled = relu_model(16, NULL);
    struct counter counter = {0};
    pinot_infer_request_t * request = NULL;
    CHECK_OK(pinot_infer_request_create(compiled, &request));
    counter.self_free = request;
    pinot_infer_request_set_callback(request, count_callback, &counter);
    /* The model is released first: the request's free in its callback drops the last reference. */
    pinot_compiled_model_free(compiled);
    CHECK_OK(pinot_infer_request_start_async(request));
    for (int spins = 0; atomic_load(&counter.calls) == 0 && spins < 100000; spins++) {
        sched_yield();
    }
    CHECK_EQ_INT(atomic_load(&counter.calls), 1);

    /* Freeing a request in flight waits for it. */
    compiled = relu_model(16, NULL);
    struct counter other = {0};
    CHECK_OK(pinot_infer_request_create(compiled, &request));
    pinot_infer_request_set_callback(request, count_callback, &other);
    CHECK_OK(pinot_infer_request_start_async(request));
    pinot_infer_request_free(request);
    CHECK_EQ_INT(atomic_load(&other.calls), 1);
    pinot_compiled_model_free(compiled);
}

TEST_MAIN(TEST(test_usable_cpus), TEST(test_every_tile_once), TEST(test_many_jobs_spin_then_sleep),
          TEST(test_nested_runs_serially), TEST(test_concurrent_callers_take_turns), TEST(test_config_resolution),
          TEST(test_async_callbacks_and_results), TEST(test_busy_wait_for_and_cancel),
          TEST(test_free_from_callback_and_in_flight))

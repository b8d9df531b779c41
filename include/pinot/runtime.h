/* Compiled models and infer requests: compile a model for a device once,
 * then run it many times through requests that own their tensors. */
#ifndef PINOT_RUNTIME_H
#define PINOT_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/model.h"
#include "pinot/status.h"
#include "pinot/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pinot_compiled_model pinot_compiled_model_t;
typedef struct pinot_infer_request pinot_infer_request_t;

/* ---- execution configuration (OpenVINO's PERFORMANCE_HINT, NUM_STREAMS, ...) ---- */

/** @brief hint.PerformanceMode; the values are OpenVINO's. */
typedef enum pinot_performance_mode {
    PINOT_PERFORMANCE_MODE_DEFAULT = 0, /* not set: behaves as LATENCY */
    PINOT_PERFORMANCE_MODE_LATENCY = 1,
    PINOT_PERFORMANCE_MODE_THROUGHPUT = 2,
    PINOT_PERFORMANCE_MODE_CUMULATIVE_THROUGHPUT = 3,
    PINOT_PERFORMANCE_MODE_COUNT,
} pinot_performance_mode;

/** @brief num_streams when the user set none; -1 is streams.Num.AUTO, -2 streams.Num.NUMA. */
#define PINOT_NUM_STREAMS_UNSET INT32_MIN
#define PINOT_NUM_STREAMS_AUTO (-1)
#define PINOT_NUM_STREAMS_NUMA (-2)

typedef struct pinot_compile_config {
    int32_t num_streams;     /* NUM_STREAMS: PINOT_NUM_STREAMS_UNSET, AUTO, NUMA, or >= 0 */
    uint32_t n_threads;      /* INFERENCE_NUM_THREADS: 0 uses every usable CPU */
    pinot_performance_mode performance_mode; /* PERFORMANCE_HINT */
    uint32_t num_requests;   /* PERFORMANCE_HINT_NUM_REQUESTS: 0 is no limit */
} pinot_compile_config;

/** @brief A config with nothing set (what pinot_compiled_model_create uses). */
PINOT_API pinot_compile_config pinot_compile_config_default(void);

/**
 * @brief Compile @p model for @p device ("CPU", "AUTO", or "TEMPLATE" for reference
 *        kernels only). The compiled model works on its own copy of the graph.
 * @return PINOT_STATUS_INVALID_ARGUMENT for an unknown device or an invalid model,
 *         PINOT_STATUS_UNSUPPORTED_OP when an op has no kernel.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_compiled_model_create(const pinot_model_t * model, const char * device,
                                                                   pinot_compiled_model_t ** out);
/**
 * @brief pinot_compiled_model_create with an execution config (NULL: defaults).
 *        Streams and threads are resolved as OpenVINO's CPU plugin does: LATENCY
 *        is one stream on every thread; THROUGHPUT (and NUM_STREAMS AUTO) one
 *        stream per thread, at most PERFORMANCE_HINT_NUM_REQUESTS; an explicit
 *        NUM_STREAMS wins, capped at the thread count. Threads never exceed the
 *        usable CPUs (affinity mask and cgroup quota).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_compiled_model_create_with_config(const pinot_model_t * model,
                                                                               const char * device,
                                                                               const pinot_compile_config * config,
                                                                               pinot_compiled_model_t ** out);
PINOT_API pinot_compiled_model_t * pinot_compiled_model_retain(pinot_compiled_model_t * compiled);
PINOT_API void pinot_compiled_model_free(pinot_compiled_model_t * compiled);

/** @brief The compiled graph (borrowed): its parameters and results are the compiled model's ports. */
PINOT_API const pinot_model_t * pinot_compiled_model_get_model(const pinot_compiled_model_t * compiled);
/** @brief The device it was compiled for ("CPU"). */
PINOT_API const char * pinot_compiled_model_get_device(const pinot_compiled_model_t * compiled);

/** @brief NUM_STREAMS as OpenVINO reports it (0 when the user asked for 0; requests still run). */
PINOT_API uint32_t pinot_compiled_model_get_num_streams(const pinot_compiled_model_t * compiled);
/** @brief INFERENCE_NUM_THREADS: threads over all streams (0 when NUM_STREAMS was 0, as OpenVINO). */
PINOT_API uint32_t pinot_compiled_model_get_num_threads(const pinot_compiled_model_t * compiled);
/** @brief PERFORMANCE_HINT after resolution (NUM_STREAMS AUTO turns it into THROUGHPUT). */
PINOT_API pinot_performance_mode pinot_compiled_model_get_performance_mode(const pinot_compiled_model_t * compiled);
/** @brief OPTIMAL_NUMBER_OF_INFER_REQUESTS: enough requests to keep every stream busy. */
PINOT_API uint32_t pinot_compiled_model_get_optimal_number_of_infer_requests(const pinot_compiled_model_t * compiled);

/**
 * @brief A request with its own input and output tensors (static shapes allocated,
 *        dynamic dimensions as 0 until set).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_create(pinot_compiled_model_t * compiled,
                                                                  pinot_infer_request_t ** out);
/** @brief Waits for a run in flight first; from the request's own callback the free completes after it returns. */
PINOT_API void pinot_infer_request_free(pinot_infer_request_t * request);

/** @brief The tensor bound to input @p index (borrowed). */
PINOT_API pinot_tensor_t * pinot_infer_request_get_input_tensor(const pinot_infer_request_t * request, uint32_t index);
/** @brief The tensor bound to output @p index (borrowed). */
PINOT_API pinot_tensor_t * pinot_infer_request_get_output_tensor(const pinot_infer_request_t * request, uint32_t index);

/**
 * @brief Bind @p tensor (retained) to input @p index.
 * @return PINOT_STATUS_INVALID_ARGUMENT when its type differs from the input's or its
 *         shape is not compatible with the input's partial shape.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_set_input_tensor(pinot_infer_request_t * request,
                                                                            uint32_t index, pinot_tensor_t * tensor);
/** @brief Bind @p tensor (retained) to output @p index: results are written into it. */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_set_output_tensor(pinot_infer_request_t * request,
                                                                             uint32_t index, pinot_tensor_t * tensor);

/**
 * @brief Run the model on the bound inputs, synchronously, on the calling thread.
 *        One request runs one inference at a time.
 * @return PINOT_STATUS_BUSY while an async run is in flight, INVALID_ARGUMENT for
 *         inputs that do not fit, kernel errors otherwise.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_infer(pinot_infer_request_t * request);

/* ---- asynchronous inference ---- */

/** @brief Where a request is: IDLE (never started), RUNNING (queued or running), DONE, FAILED. */
typedef enum pinot_request_state {
    PINOT_REQUEST_STATE_IDLE,
    PINOT_REQUEST_STATE_RUNNING,
    PINOT_REQUEST_STATE_DONE,
    PINOT_REQUEST_STATE_FAILED,
    PINOT_REQUEST_STATE_COUNT,
} pinot_request_state;

/**
 * @brief Called on a stream worker when an async run ends, with the run's status
 *        (CANCELLED after cancel) and the message in the thread-local error. No
 *        runtime lock is held: the callback may read the request's tensors, free
 *        it (the free completes when the callback returns) or start other
 *        requests; starting this one again returns BUSY until it returns, and
 *        wait() returns only after it returns.
 */
typedef void (*pinot_infer_callback)(pinot_infer_request_t * request, pinot_status status, void * user);

/**
 * @brief Queue the request on one of its compiled model's streams and return at once.
 * @return PINOT_STATUS_BUSY (without blocking) when it is already running.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_start_async(pinot_infer_request_t * request);

/**
 * @brief Block until the current run and its callback end.
 * @return OK when idle or done; the run's status and message when it failed
 *         (PINOT_STATUS_CANCELLED after cancel).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_wait(pinot_infer_request_t * request);

/**
 * @brief wait() for at most @p timeout_ms milliseconds (0 polls).
 * @return PINOT_STATUS_NOT_READY on timeout or when never started (as OpenVINO's
 *         wait_for), INVALID_ARGUMENT for a negative timeout, else as wait().
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_wait_for(pinot_infer_request_t * request,
                                                                    int64_t timeout_ms);

/** @brief Set (NULL: remove) the completion callback; a run uses the one set when it started. */
PINOT_API void pinot_infer_request_set_callback(pinot_infer_request_t * request, pinot_infer_callback callback,
                                                void * user);

/** @brief Cancel a queued or running request: it stops between ops and ends CANCELLED. No-op when not running. */
PINOT_API void pinot_infer_request_cancel(pinot_infer_request_t * request);

/** @brief The request's state (a snapshot). */
PINOT_API pinot_request_state pinot_infer_request_get_run_state(pinot_infer_request_t * request);

/** @brief Milliseconds the last completed run (sync or async) took from start to end; 0 before any. */
PINOT_API double pinot_infer_request_get_latency(pinot_infer_request_t * request);

/* ---- variable state (stateful models) ---- */

/** @brief Number of variables; their order is the model's (pinot_model_get_variable_id). */
PINOT_API uint32_t pinot_infer_request_get_state_count(const pinot_infer_request_t * request);

/**
 * @brief The current value of variable @p index (a new reference): the last value
 *        assigned, or its initial value before the first run and after a reset.
 * @return PINOT_STATUS_INVALID_ARGUMENT for a bad index.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_get_state(const pinot_infer_request_t * request,
                                                                     uint32_t index, pinot_tensor_t ** out);

/** @brief Set variable @p index to a copy of @p value (type must match). */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_set_state(pinot_infer_request_t * request, uint32_t index,
                                                                     const pinot_tensor_t * value);

/** @brief Reset variable @p index (UINT32_MAX: all) to its initial value. */
PINOT_API void pinot_infer_request_reset_state(pinot_infer_request_t * request, uint32_t index);

#ifdef __cplusplus
}
#endif

#endif // PINOT_RUNTIME_H

/* Shared internals of the runtime: what the executor (executor.c) and the
 * streams that run async requests (streams.c) need from each other. */
#ifndef PINOT_RUNTIME_IMPL_H
#define PINOT_RUNTIME_IMPL_H

#include <stdatomic.h>
#include <stdbool.h>

#include "pinot/runtime.h"

struct pinot_streams;
struct pinot_request_async;

/* ---- executor.c ---- */

/* The streams of the request's compiled model, started on first use (NULL with the error set on failure). */
struct pinot_streams * pinot_infer_request_get_streams(pinot_infer_request_t * request);
struct pinot_request_async * pinot_infer_request_get_async(pinot_infer_request_t * request);
/* One inference on the calling thread; stops with CANCELLED between ops once *cancel is set. */
pinot_status pinot_infer_request_run(pinot_infer_request_t * request, const atomic_bool * cancel);
/* Frees the request's memory (the async part must be idle). */
void pinot_infer_request_destroy(pinot_infer_request_t * request);

/* Run a compiled model's plan on the calling thread (control-flow bodies):
 * @p params holds one dense tensor per parameter, @p results receives one new
 * reference per result (the caller frees them). Models with variables are not
 * run this way. */
pinot_status pinot_compiled_model_execute(const pinot_compiled_model_t * compiled, pinot_tensor_t * const * params,
                                          pinot_tensor_t ** results, const atomic_bool * cancel);

/* ---- control-flow.c ---- */

struct pinot_node;

/* Run an If, Loop or TensorIterator node whose bodies are compiled in @p bodies
 * (one per body): creates the node's outputs. */
pinot_status pinot_control_flow_run(const struct pinot_node * node, pinot_compiled_model_t * const * bodies,
                                    pinot_tensor_t * const * inputs, pinot_tensor_t ** outputs,
                                    const atomic_bool * cancel);

/* ---- streams.c ---- */

/* @p n_streams worker threads serving one FIFO of requests, each with a
 * pool of @p threads_per_stream threads (counting the worker) for intra-op work. */
pinot_status pinot_streams_create(uint32_t n_streams, uint32_t threads_per_stream, struct pinot_streams ** out);
/* Stops and joins the workers; from a worker of these streams it detaches instead. */
void pinot_streams_free(struct pinot_streams * streams);
/* The intra-op pool of the stream running on this thread (NULL elsewhere, and
 * for one-thread streams): what ops hand their parallel work to. */
struct pinot_threadpool * pinot_streams_current_pool(void);

pinot_status pinot_request_async_create(struct pinot_request_async ** out);
void pinot_request_async_free(struct pinot_request_async * async);
/* Sync infer brackets: begin returns BUSY while an async run is in flight. */
pinot_status pinot_request_async_begin_sync(struct pinot_request_async * async);
void pinot_request_async_end_sync(struct pinot_request_async * async, pinot_status status);
/* Called by pinot_infer_request_free: waits for a run in flight and returns
 * true, or returns false when called from the request's own callback (the
 * worker frees it once the callback returns). */
bool pinot_request_async_release(struct pinot_request_async * async);

#endif // PINOT_RUNTIME_IMPL_H

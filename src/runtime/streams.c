/* Streams and asynchronous requests: each compiled model owns a few stream
 * workers that take started requests from one FIFO and run them; a request's
 * state (IDLE/RUNNING/DONE/FAILED) gives BUSY to a second start and lets
 * wait/wait_for block on a condition variable. Callbacks run on the worker
 * with no runtime lock held. Not here: splitting one inference across threads
 * (threadpool.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime-impl.h"
#include "threadpool-impl.h"

struct pinot_request_async {
    pthread_mutex_t lock;
    pthread_cond_t changed;      /* state or finishing changed */
    pinot_request_state state;
    bool finishing;              /* run over, callback not yet returned: wait() still blocks */
    pthread_t worker;            /* the thread running the callback while finishing */
    bool free_deferred;          /* freed from its own callback: the worker frees it after */
    atomic_bool cancel;
    pinot_status status;         /* of the last run */
    char message[1024];
    pinot_infer_callback callback; /* for the next start */
    void * user;
    pinot_infer_callback run_callback; /* taken at start, so set_callback never races a run */
    void * run_user;
    struct timespec started;
    double latency_ms;
    pinot_infer_request_t * next; /* in the streams' FIFO */
};

struct pinot_streams {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pinot_infer_request_t * head, * tail;
    bool shutdown;
    bool free_on_exit; /* freed from one of its own workers: that worker frees the struct */
    uint32_t n_streams, threads_per_stream;
    pthread_t * threads;
    uint32_t n_started;
};

/* The streams a worker belongs to, and the intra-op pool of its stream (kernels will read it). */
static _Thread_local struct pinot_streams * current_streams;
static _Thread_local struct pinot_threadpool * current_pool;

static double ms_since(const struct timespec * start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* ---- per-request state ---- */

pinot_status pinot_request_async_create(struct pinot_request_async ** out) {
    struct pinot_request_async * async = calloc(1, sizeof(*async));
    if (async == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating an infer request");
    }
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    /* wait_for timeouts must not jump with the wall clock. */
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&async->changed, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&async->lock, NULL);
    atomic_init(&async->cancel, false);
    async->state = PINOT_REQUEST_STATE_IDLE;
    *out = async;
    return PINOT_STATUS_OK;
}

void pinot_request_async_free(struct pinot_request_async * async) {
    if (async == NULL) {
        return;
    }
    pthread_cond_destroy(&async->changed);
    pthread_mutex_destroy(&async->lock);
    free(async);
}

static bool busy(const struct pinot_request_async * async) {
    return async->state == PINOT_REQUEST_STATE_RUNNING || async->finishing;
}

static pinot_status busy_error(void) {
    return pinot_set_error(PINOT_STATUS_BUSY, "Infer Request is busy");
}

pinot_status pinot_request_async_begin_sync(struct pinot_request_async * async) {
    pthread_mutex_lock(&async->lock);
    bool was_busy = busy(async);
    if (!was_busy) {
        async->state = PINOT_REQUEST_STATE_RUNNING;
        clock_gettime(CLOCK_MONOTONIC, &async->started);
    }
    pthread_mutex_unlock(&async->lock);
    return was_busy ? busy_error() : PINOT_STATUS_OK;
}

void pinot_request_async_end_sync(struct pinot_request_async * async, pinot_status status) {
    pthread_mutex_lock(&async->lock);
    async->latency_ms = ms_since(&async->started);
    /* A failed sync run raised already: wait() afterwards has nothing to report. */
    async->state = PINOT_REQUEST_STATE_DONE;
    async->status = PINOT_STATUS_OK;
    (void)status;
    pthread_cond_broadcast(&async->changed);
    pthread_mutex_unlock(&async->lock);
}

static bool on_own_callback(const struct pinot_request_async * async) {
    return async->finishing && pthread_equal(async->worker, pthread_self());
}

bool pinot_request_async_release(struct pinot_request_async * async) {
    pthread_mutex_lock(&async->lock);
    if (on_own_callback(async)) {
        async->free_deferred = true;
        pthread_mutex_unlock(&async->lock);
        return false;
    }
    while (busy(async)) {
        pthread_cond_wait(&async->changed, &async->lock);
    }
    pthread_mutex_unlock(&async->lock);
    return true;
}

/* ---- streams ---- */

static void finish(pinot_infer_request_t * request, struct pinot_request_async * async, pinot_status status) {
    pthread_mutex_lock(&async->lock);
    async->latency_ms = ms_since(&async->started);
    async->status = status;
    if (status != PINOT_STATUS_OK) {
        snprintf(async->message, sizeof(async->message), "%s", pinot_last_error_message());
    }
    async->state = status == PINOT_STATUS_OK ? PINOT_REQUEST_STATE_DONE : PINOT_REQUEST_STATE_FAILED;
    async->finishing = true;
    async->worker = pthread_self();
    pinot_infer_callback callback = async->run_callback;
    void * user = async->run_user;
    pthread_mutex_unlock(&async->lock);

    if (callback != NULL) {
        if (status != PINOT_STATUS_OK) {
            pinot_set_error(status, "%s", async->message);
        }
        callback(request, status, user);
    }

    pthread_mutex_lock(&async->lock);
    async->finishing = false;
    bool deferred = async->free_deferred;
    pthread_cond_broadcast(&async->changed);
    pthread_mutex_unlock(&async->lock);
    if (deferred) {
        pinot_infer_request_destroy(request);
    }
}

static void * stream_main(void * arg) {
    struct pinot_streams * streams = arg;
    current_streams = streams;
    struct pinot_threadpool * pool = NULL;
    if (streams->threads_per_stream > 1 &&
        pinot_threadpool_create(streams->threads_per_stream, &pool) != PINOT_STATUS_OK) {
        pool = NULL; /* run single-threaded rather than not at all */
    }
    current_pool = pool;
    pthread_mutex_lock(&streams->lock);
    for (;;) {
        while (streams->head == NULL && !streams->shutdown) {
            pthread_cond_wait(&streams->wake, &streams->lock);
        }
        if (streams->head == NULL) {
            break; /* shutdown, nothing left: requests retain the model, so none can be queued now */
        }
        pinot_infer_request_t * request = streams->head;
        struct pinot_request_async * async = pinot_infer_request_get_async(request);
        streams->head = async->next;
        if (streams->head == NULL) {
            streams->tail = NULL;
        }
        async->next = NULL;
        pthread_mutex_unlock(&streams->lock);

        pinot_status status = atomic_load(&async->cancel)
                                  ? pinot_set_error(PINOT_STATUS_CANCELLED, "Infer Request was canceled")
                                  : pinot_infer_request_run(request, &async->cancel);
        finish(request, async, status);
        pthread_mutex_lock(&streams->lock);
    }
    bool free_self = streams->free_on_exit;
    pthread_mutex_unlock(&streams->lock);
    current_pool = NULL;
    pinot_threadpool_free(pool);
    if (free_self) {
        pthread_cond_destroy(&streams->wake);
        pthread_mutex_destroy(&streams->lock);
        free(streams->threads);
        free(streams);
    }
    return NULL;
}

pinot_status pinot_streams_create(uint32_t n_streams, uint32_t threads_per_stream, struct pinot_streams ** out) {
    struct pinot_streams * streams = calloc(1, sizeof(*streams));
    pthread_t * threads = calloc(n_streams ? n_streams : 1, sizeof(*threads));
    if (streams == NULL || threads == NULL) {
        free(streams);
        free(threads);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory starting streams");
    }
    pthread_mutex_init(&streams->lock, NULL);
    pthread_cond_init(&streams->wake, NULL);
    streams->threads = threads;
    streams->n_streams = n_streams ? n_streams : 1;
    streams->threads_per_stream = threads_per_stream ? threads_per_stream : 1;
    for (uint32_t i = 0; i < streams->n_streams; i++) {
        int rc = pthread_create(&streams->threads[i], NULL, stream_main, streams);
        if (rc != 0) {
            pinot_streams_free(streams);
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to start a stream thread: %s", strerror(rc));
        }
        streams->n_started++;
    }
    *out = streams;
    return PINOT_STATUS_OK;
}

void pinot_streams_free(struct pinot_streams * streams) {
    if (streams == NULL) {
        return;
    }
    bool from_worker = current_streams == streams;
    pthread_mutex_lock(&streams->lock);
    streams->shutdown = true;
    streams->free_on_exit = from_worker;
    pthread_cond_broadcast(&streams->wake);
    pthread_mutex_unlock(&streams->lock);
    for (uint32_t i = 0; i < streams->n_started; i++) {
        if (pthread_equal(streams->threads[i], pthread_self())) {
            pthread_detach(streams->threads[i]); /* this worker frees the struct as it exits */
        } else {
            pthread_join(streams->threads[i], NULL);
        }
    }
    if (!from_worker) {
        pthread_cond_destroy(&streams->wake);
        pthread_mutex_destroy(&streams->lock);
        free(streams->threads);
        free(streams);
    }
}

struct pinot_threadpool * pinot_streams_current_pool(void) {
    return current_pool;
}

/* ---- the public async API ---- */

pinot_status pinot_infer_request_start_async(pinot_infer_request_t * request) {
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    struct pinot_streams * streams = pinot_infer_request_get_streams(request);
    if (streams == NULL) {
        return PINOT_STATUS_OUT_OF_MEMORY;
    }
    pthread_mutex_lock(&async->lock);
    if (busy(async)) {
        pthread_mutex_unlock(&async->lock);
        return busy_error();
    }
    async->state = PINOT_REQUEST_STATE_RUNNING;
    async->run_callback = async->callback;
    async->run_user = async->user;
    atomic_store(&async->cancel, false);
    clock_gettime(CLOCK_MONOTONIC, &async->started);
    pthread_mutex_unlock(&async->lock);

    pthread_mutex_lock(&streams->lock);
    if (streams->tail != NULL) {
        pinot_infer_request_get_async(streams->tail)->next = request;
    } else {
        streams->head = request;
    }
    streams->tail = request;
    pthread_cond_signal(&streams->wake);
    pthread_mutex_unlock(&streams->lock);
    return PINOT_STATUS_OK;
}

/* The result of a finished run, with its message set again on this thread. */
static pinot_status outcome(const struct pinot_request_async * async) {
    if (async->state == PINOT_REQUEST_STATE_FAILED) {
        return pinot_set_error(async->status, "%s", async->message);
    }
    return PINOT_STATUS_OK;
}

pinot_status pinot_infer_request_wait(pinot_infer_request_t * request) {
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    pthread_mutex_lock(&async->lock);
    /* From its own callback the run is over; waiting for the callback would deadlock. */
    while (busy(async) && !on_own_callback(async)) {
        pthread_cond_wait(&async->changed, &async->lock);
    }
    pinot_status status = outcome(async);
    pthread_mutex_unlock(&async->lock);
    return status;
}

pinot_status pinot_infer_request_wait_for(pinot_infer_request_t * request, int64_t timeout_ms) {
    if (timeout_ms < 0) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Timeout can't be less than 0 for InferRequest::wait().");
    }
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += (time_t)(timeout_ms / 1000);
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&async->lock);
    int rc = 0;
    while (busy(async) && !on_own_callback(async) && rc == 0) {
        rc = pthread_cond_timedwait(&async->changed, &async->lock, &deadline);
    }
    pinot_status status;
    if (async->state == PINOT_REQUEST_STATE_IDLE) {
        status = pinot_set_error(PINOT_STATUS_NOT_READY, "the infer request was never started");
    } else if (busy(async) && !on_own_callback(async)) {
        status = pinot_set_error(PINOT_STATUS_NOT_READY, "the infer request is still running");
    } else {
        status = outcome(async);
    }
    pthread_mutex_unlock(&async->lock);
    return status;
}

void pinot_infer_request_set_callback(pinot_infer_request_t * request, pinot_infer_callback callback, void * user) {
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    pthread_mutex_lock(&async->lock);
    async->callback = callback;
    async->user = user;
    pthread_mutex_unlock(&async->lock);
}

void pinot_infer_request_cancel(pinot_infer_request_t * request) {
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    pthread_mutex_lock(&async->lock);
    if (async->state == PINOT_REQUEST_STATE_RUNNING) {
        atomic_store(&async->cancel, true);
    }
    pthread_mutex_unlock(&async->lock);
}

pinot_request_state pinot_infer_request_get_run_state(pinot_infer_request_t * request) {
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    pthread_mutex_lock(&async->lock);
    pinot_request_state state = async->state;
    pthread_mutex_unlock(&async->lock);
    return state;
}

double pinot_infer_request_get_latency(pinot_infer_request_t * request) {
    struct pinot_request_async * async = pinot_infer_request_get_async(request);
    pthread_mutex_lock(&async->lock);
    double latency = async->state == PINOT_REQUEST_STATE_IDLE ? 0.0 : async->latency_ms;
    pthread_mutex_unlock(&async->lock);
    return latency;
}

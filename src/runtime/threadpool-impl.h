/* The intra-op thread pool: the only place that splits work across threads.
 * An op describes its work once (a 1-D range, or a 2-D range cut into 1-D or
 * 2-D tiles) and the pool hands tiles to its threads; kernels never see
 * threads. Also the usable-CPU count (affinity and cgroup quota) that every
 * thread count in the runtime starts from. */
#ifndef PINOT_THREADPOOL_IMPL_H
#define PINOT_THREADPOOL_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "pinot/status.h"

struct pinot_threadpool;

enum pinot_parallel_type {
    PINOT_PARALLEL_1D,         /* range[0] cut into tiles of tile[0]; j is 0, count_j 1 */
    PINOT_PARALLEL_2D_TILE_1D, /* range[0] x range[1], one i per task, j in tiles of tile[1] */
    PINOT_PARALLEL_2D_TILE_2D, /* range[0] x range[1] in tile[0] x tile[1] tiles */
    PINOT_PARALLEL_COUNT,
};

/* One tile: rows i .. i+count_i-1, columns j .. j+count_j-1 (the last tiles may be short). */
typedef void (*pinot_parallel_task)(void * ctx, size_t i, size_t j, size_t count_i, size_t count_j);

struct pinot_parallel_desc {
    enum pinot_parallel_type type;
    pinot_parallel_task task;
    void * ctx;
    size_t range[2];
    size_t tile[2]; /* 0 is taken as 1 */
};

/* CPUs this process may use: the affinity mask, capped by the cgroup CPU quota
 * (rounded up), at least 1. Read once. */
uint32_t pinot_cpu_usable_count(void);

/**
 * A pool of @p n_threads threads counting the caller: n_threads - 1 workers are
 * started (0 means pinot_cpu_usable_count()). Workers spin briefly after a job,
 * then sleep on a condition variable, so an idle pool uses no CPU.
 */
pinot_status pinot_threadpool_create(uint32_t n_threads, struct pinot_threadpool ** out);
void pinot_threadpool_free(struct pinot_threadpool * pool);
uint32_t pinot_threadpool_get_threads(const struct pinot_threadpool * pool);

/**
 * Run every tile of @p desc and return when all are done. The caller works too.
 * A NULL or 1-thread pool, and a call from inside a task (nested parallelism),
 * run the tiles in order on the calling thread; concurrent callers take turns.
 */
void pinot_threadpool_run(struct pinot_threadpool * pool, const struct pinot_parallel_desc * desc);

#endif // PINOT_THREADPOOL_IMPL_H

/* The intra-op thread pool (pthreads): one job at a time, tiles handed out
 * through an atomic counter so fast threads take more, the caller working as
 * one of the threads. Workers spin for a few microseconds after a job (the
 * next op usually follows at once), then sleep on a condition variable.
 * Not here: streams and async requests (streams.c) and any kernel. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "threadpool-impl.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define cpu_relax() _mm_pause()
#else
#define cpu_relax() ((void)0)
#endif

/* About 50-100 us of pause instructions: long enough to catch the next op of
 * the same inference, short enough that an idle pool costs nothing. */
#define SPIN_ITERATIONS 2000

struct pinot_threadpool {
    uint32_t n_threads; /* counting the caller */
    pthread_t * workers;
    uint32_t n_started;
    pthread_mutex_t run_lock; /* one job at a time */
    pthread_mutex_t lock;     /* guards the sleeps below */
    pthread_cond_t wake;      /* workers: a new job or shutdown */
    pthread_cond_t done;      /* caller: the last worker left the job */
    atomic_uint generation;   /* bumped per job; workers run each generation once */
    atomic_uint active;       /* workers still inside the current job */
    atomic_bool shutdown;
    /* The current job, written before generation is bumped (release) and read after (acquire). */
    struct pinot_parallel_desc desc;
    size_t tiles_i, tiles_j;
    atomic_size_t next_tile;
};

/* Set while a thread runs tiles: a nested run goes serial instead of deadlocking. */
static _Thread_local bool in_task;

/* ---- usable CPUs ---- */

static long read_long_pair(const char * path, long * second) {
    FILE * f = fopen(path, "r");
    if (f == NULL) {
        return -2;
    }
    char buf[64] = {0};
    long first = -2;
    if (fgets(buf, sizeof(buf), f) != NULL) {
        if (strncmp(buf, "max", 3) == 0) {
            first = -1;
            *second = 0;
        } else if (sscanf(buf, "%ld %ld", &first, second) < 1) {
            first = -2;
        }
    }
    fclose(f);
    return first;
}

/* The cgroup CPU quota as a CPU count (rounded up), or 0 for none. cgroup v2
 * (cpu.max: "quota period" or "max period"), then v1 (cfs_quota_us / cfs_period_us). */
static uint32_t cgroup_cpu_limit(void) {
    char path[512] = "/sys/fs/cgroup/cpu.max";
    FILE * f = fopen("/proc/self/cgroup", "r");
    if (f != NULL) {
        char line[400];
        while (fgets(line, sizeof(line), f) != NULL) {
            if (strncmp(line, "0::", 3) == 0) {
                line[strcspn(line, "\n")] = '\0';
                snprintf(path, sizeof(path), "/sys/fs/cgroup%s/cpu.max", line + 3);
            }
        }
        fclose(f);
    }
    long period = 0;
    long quota = read_long_pair(path, &period);
    if (quota == -2) {
        quota = read_long_pair("/sys/fs/cgroup/cpu.max", &period);
    }
    if (quota == -2) {
        long unused = 0;
        quota = read_long_pair("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", &unused);
        period = read_long_pair("/sys/fs/cgroup/cpu/cpu.cfs_period_us", &unused);
    }
    if (quota <= 0 || period <= 0) {
        return 0;
    }
    return (uint32_t)((quota + period - 1) / period);
}

static uint32_t usable_cpus;

static void count_usable_cpus(void) {
    uint32_t n = 0;
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        n = (uint32_t)CPU_COUNT(&set);
    }
#endif
    if (n == 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        n = online > 0 ? (uint32_t)online : 1;
    }
    uint32_t limit = cgroup_cpu_limit();
    if (limit > 0 && limit < n) {
        n = limit;
    }
    usable_cpus = n;
}

uint32_t pinot_cpu_usable_count(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, count_usable_cpus);
    return usable_cpus;
}

/* ---- running tiles ---- */

static void run_tiles(struct pinot_threadpool * pool) {
    const struct pinot_parallel_desc * d = &pool->desc;
    size_t n_tiles = pool->tiles_i * pool->tiles_j;
    size_t tile_i = d->type == PINOT_PARALLEL_2D_TILE_1D ? 1 : (d->tile[0] ? d->tile[0] : 1);
    size_t tile_j = d->type == PINOT_PARALLEL_1D ? 1 : (d->tile[1] ? d->tile[1] : 1);
    size_t range_j = d->type == PINOT_PARALLEL_1D ? 1 : d->range[1];
    in_task = true;
    for (;;) {
        size_t t = atomic_fetch_add_explicit(&pool->next_tile, 1, memory_order_relaxed);
        if (t >= n_tiles) {
            break;
        }
        size_t i = (t / pool->tiles_j) * tile_i, j = (t % pool->tiles_j) * tile_j;
        size_t ci = d->range[0] - i < tile_i ? d->range[0] - i : tile_i;
        size_t cj = range_j - j < tile_j ? range_j - j : tile_j;
        d->task(d->ctx, i, j, ci, cj);
    }
    in_task = false;
}

static void * worker_main(void * arg) {
    struct pinot_threadpool * pool = arg;
    unsigned seen = 0;
    for (;;) {
        for (int spin = 0; spin < SPIN_ITERATIONS; spin++) {
            if (atomic_load_explicit(&pool->generation, memory_order_acquire) != seen ||
                atomic_load_explicit(&pool->shutdown, memory_order_relaxed)) {
                break;
            }
            cpu_relax();
        }
        pthread_mutex_lock(&pool->lock);
        while (atomic_load_explicit(&pool->generation, memory_order_acquire) == seen &&
               !atomic_load_explicit(&pool->shutdown, memory_order_relaxed)) {
            pthread_cond_wait(&pool->wake, &pool->lock);
        }
        pthread_mutex_unlock(&pool->lock);
        if (atomic_load_explicit(&pool->shutdown, memory_order_acquire)) {
            return NULL;
        }
        seen = atomic_load_explicit(&pool->generation, memory_order_acquire);
        run_tiles(pool);
        if (atomic_fetch_sub_explicit(&pool->active, 1, memory_order_acq_rel) == 1) {
            /* Under the lock, so the caller cannot miss it between its check and its wait. */
            pthread_mutex_lock(&pool->lock);
            pthread_cond_signal(&pool->done);
            pthread_mutex_unlock(&pool->lock);
        }
    }
}

static void run_serial(const struct pinot_parallel_desc * d) {
    size_t tile_i = d->type == PINOT_PARALLEL_2D_TILE_1D ? 1 : (d->tile[0] ? d->tile[0] : 1);
    size_t tile_j = d->type == PINOT_PARALLEL_1D ? 1 : (d->tile[1] ? d->tile[1] : 1);
    size_t range_j = d->type == PINOT_PARALLEL_1D ? 1 : d->range[1];
    for (size_t i = 0; i < d->range[0]; i += tile_i) {
        for (size_t j = 0; j < range_j; j += tile_j) {
            d->task(d->ctx, i, j, d->range[0] - i < tile_i ? d->range[0] - i : tile_i,
                    range_j - j < tile_j ? range_j - j : tile_j);
        }
    }
}

void pinot_threadpool_run(struct pinot_threadpool * pool, const struct pinot_parallel_desc * desc) {
    size_t tile_i = desc->type == PINOT_PARALLEL_2D_TILE_1D ? 1 : (desc->tile[0] ? desc->tile[0] : 1);
    size_t tile_j = desc->type == PINOT_PARALLEL_1D ? 1 : (desc->tile[1] ? desc->tile[1] : 1);
    size_t range_j = desc->type == PINOT_PARALLEL_1D ? 1 : desc->range[1];
    size_t tiles_i = (desc->range[0] + tile_i - 1) / tile_i, tiles_j = (range_j + tile_j - 1) / tile_j;
    if (pool == NULL || pool->n_started == 0 || in_task || tiles_i * tiles_j <= 1) {
        run_serial(desc);
        return;
    }
    pthread_mutex_lock(&pool->run_lock);
    pool->desc = *desc;
    pool->tiles_i = tiles_i;
    pool->tiles_j = tiles_j;
    atomic_store_explicit(&pool->next_tile, 0, memory_order_relaxed);
    atomic_store_explicit(&pool->active, pool->n_started, memory_order_relaxed);
    pthread_mutex_lock(&pool->lock);
    atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);

    run_tiles(pool);
    /* Every worker checks in, even one that found no tile left: the job's
     * fields must not change while a late worker still reads them. */
    for (int spin = 0; spin < SPIN_ITERATIONS && atomic_load_explicit(&pool->active, memory_order_acquire) != 0;
         spin++) {
        cpu_relax();
    }
    pthread_mutex_lock(&pool->lock);
    while (atomic_load_explicit(&pool->active, memory_order_acquire) != 0) {
        pthread_cond_wait(&pool->done, &pool->lock);
    }
    pthread_mutex_unlock(&pool->lock);
    pthread_mutex_unlock(&pool->run_lock);
}

/* ---- lifecycle ---- */

pinot_status pinot_threadpool_create(uint32_t n_threads, struct pinot_threadpool ** out) {
    if (n_threads == 0) {
        n_threads = pinot_cpu_usable_count();
    }
    struct pinot_threadpool * pool = calloc(1, sizeof(*pool));
    if (pool == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating a thread pool");
    }
    pool->n_threads = n_threads;
    pthread_mutex_init(&pool->run_lock, NULL);
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->wake, NULL);
    pthread_cond_init(&pool->done, NULL);
    atomic_init(&pool->generation, 0);
    atomic_init(&pool->active, 0);
    atomic_init(&pool->shutdown, false);
    atomic_init(&pool->next_tile, 0);
    if (n_threads > 1) {
        pool->workers = calloc(n_threads - 1, sizeof(*pool->workers));
        if (pool->workers == NULL) {
            pinot_threadpool_free(pool);
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating a thread pool");
        }
    }
    for (uint32_t i = 0; i + 1 < n_threads; i++) {
        int rc = pthread_create(&pool->workers[i], NULL, worker_main, pool);
        if (rc != 0) {
            pinot_threadpool_free(pool);
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to start a pool thread: %s", strerror(rc));
        }
        pool->n_started++;
    }
    *out = pool;
    return PINOT_STATUS_OK;
}

void pinot_threadpool_free(struct pinot_threadpool * pool) {
    if (pool == NULL) {
        return;
    }
    pthread_mutex_lock(&pool->lock);
    atomic_store_explicit(&pool->shutdown, true, memory_order_release);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
    for (uint32_t i = 0; i < pool->n_started; i++) {
        pthread_join(pool->workers[i], NULL);
    }
    pthread_cond_destroy(&pool->done);
    pthread_cond_destroy(&pool->wake);
    pthread_mutex_destroy(&pool->lock);
    pthread_mutex_destroy(&pool->run_lock);
    free(pool->workers);
    free(pool);
}

uint32_t pinot_threadpool_get_threads(const struct pinot_threadpool * pool) {
    return pool == NULL ? 1 : pool->n_threads;
}

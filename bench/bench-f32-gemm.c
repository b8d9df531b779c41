/* f32 GEMM throughput: C = A·B at fixed shapes (1024^3 and two DNN-shaped
 * products) for each micro-kernel variant this host runs, single-threaded and
 * on a 2-thread pool. Runs are interleaved and repeated; prints best and
 * median GFLOP/s (PERF.md §2.2: measured zmm FMA peak 138-150 GFLOP/s on one
 * core, 215-295 on two). Usage: bench-f32-gemm [reps [kc [mc]]]; kc and mc
 * override the ladder's blocking, for tuning. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kernels/f32-gemm/gemm-impl.h"
#include "runtime/threadpool-impl.h"

#define MAX_REPS 64

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp_double(const void * x, const void * y) {
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char ** argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 7;
    reps = reps < 1 ? 1 : reps > MAX_REPS ? MAX_REPS : reps;
    const size_t shapes[][3] = {{1024, 1024, 1024}, {8, 256, 256}, {196, 256, 1152}};
    struct pinot_threadpool * pool = NULL;
    if (pinot_threadpool_create(2, &pool) != PINOT_STATUS_OK) {
        fprintf(stderr, "cannot create a thread pool\n");
        return 1;
    }
    for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
        size_t m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
        float * a = malloc(sizeof(float) * m * k);
        float * b = malloc(sizeof(float) * k * n);
        float * c = malloc(sizeof(float) * m * n);
        for (size_t i = 0; i < m * k; i++) a[i] = (float)(i % 13) * 0.01f;
        for (size_t i = 0; i < k * n; i++) b[i] = (float)(i % 7) * 0.02f;
        /* Enough calls per timing for ~50 ms on the fast path. */
        double flop = 2.0 * (double)m * (double)n * (double)k;
        int calls = (int)(5e9 / flop) + 1;
        for (int isa = PINOT_CPU_ISA_AVX512; isa >= PINOT_CPU_ISA_SCALAR; isa--) {
            const struct pinot_f32_gemm_config * base = pinot_f32_gemm_config_for_isa((pinot_cpu_isa)isa);
            if (base == NULL) {
                continue;
            }
            struct pinot_f32_gemm_config tuned = *base;
            const struct pinot_f32_gemm_config * cfg = &tuned;
            if (argc > 2) {
                tuned.kc = (size_t)atoi(argv[2]);
            }
            if (argc > 3) {
                tuned.mc = (size_t)atoi(argv[3]) / tuned.mr * tuned.mr;
            }
            if (tuned.kc == 0 || tuned.mc == 0 || (isa == PINOT_CPU_ISA_SCALAR && m * n * k > ((size_t)1 << 28))) {
                continue; /* scalar at 1024^3 takes too long to repeat */
            }
            double gf[2][MAX_REPS];
            for (int r = 0; r < reps; r++) {
                for (int t = 0; t < 2; t++) { /* interleave 1 and 2 threads: the 2nd core is sometimes contended */
                    int iters = isa == PINOT_CPU_ISA_SCALAR ? 1 : calls;
                    double t0 = now();
                    for (int it = 0; it < iters; it++) {
                        if (pinot_f32_gemm_with_config(cfg, m, n, k, a, k, false, b, n, false, c, n,
                                                       t ? pool : NULL) != PINOT_STATUS_OK) {
                            fprintf(stderr, "gemm failed\n");
                            return 1;
                        }
                    }
                    gf[t][r] = flop * iters / (now() - t0) * 1e-9;
                }
            }
            for (int t = 0; t < 2; t++) {
                qsort(gf[t], (size_t)reps, sizeof(double), cmp_double);
                printf("%-6s %2zux%-2zu  M=%-5zu N=%-5zu K=%-5zu %d thr: best %6.1f  median %6.1f GFLOP/s\n",
                       pinot_cpu_isa_name(cfg->isa), cfg->mr, cfg->nr, m, n, k, t + 1, gf[t][reps - 1],
                       gf[t][reps / 2]);
            }
        }
        free(a);
        free(b);
        free(c);
    }
    pinot_threadpool_free(pool);
    return 0;
}

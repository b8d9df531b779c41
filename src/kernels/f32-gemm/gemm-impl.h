/* f32 GEMM: the packed micro-kernels (one file per ISA), the per-ISA config the
 * dispatch ladder in src/cpu/dispatch.c fills, and the driver in gemm.c that
 * packs A and B panels (GotoBLAS loops) and splits work over a thread pool. */
#ifndef PINOT_F32_GEMM_IMPL_H
#define PINOT_F32_GEMM_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "cpu/cpu-impl.h"
#include "pinot/status.h"

struct pinot_threadpool;

/**
 * C[mr, nr] (=, or += when @p accumulate) Ap · Bp for one register tile.
 * @p a is a packed A micro-panel: kc steps of cfg->mr floats (rows past @p mr
 * are padding). @p b holds kc steps of cfg->nr floats, @p b_stride floats
 * apart: a packed micro-panel (stride nr, columns past @p nr zero) or, for
 * full-width panels, B itself (stride ldb). Only the mr x nr corner of C is
 * read or written. Preconditions: 1 <= mr <= cfg->mr, 1 <= nr <= cfg->nr, kc >= 1.
 */
typedef void (*pinot_f32_gemm_ukernel_fn)(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                          const float * restrict b, size_t b_stride, float * restrict c,
                                          size_t ldc, bool accumulate);

struct pinot_f32_gemm_config {
    pinot_f32_gemm_ukernel_fn ukernel;
    size_t mr, nr;     /* register tile */
    size_t kc, mc, nc; /* cache blocking (PERF.md §3.5): kc·nr in L1, mc·kc in L2, kc·nc in L3 */
    pinot_cpu_isa isa;
};

void pinot_f32_gemm_ukernel_4x8__scalar(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                        const float * restrict b, size_t b_stride, float * restrict c, size_t ldc,
                                        bool accumulate);
void pinot_f32_gemm_ukernel_6x16__avx2(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                       const float * restrict b, size_t b_stride, float * restrict c, size_t ldc,
                                       bool accumulate);
void pinot_f32_gemm_ukernel_14x32__avx512f(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                           const float * restrict b, size_t b_stride, float * restrict c,
                                           size_t ldc, bool accumulate);

/* ---- src/cpu/dispatch.c ---- */

/* The best config for this machine under the PINOT_CPU_ISA cap. */
const struct pinot_f32_gemm_config * pinot_f32_gemm_config_get(void);
/* The config of one ISA level, or NULL when this machine cannot run it (tests, benches). */
const struct pinot_f32_gemm_config * pinot_f32_gemm_config_for_isa(pinot_cpu_isa isa);

/* ---- gemm.c ---- */

/**
 * C[m, n] = op(A) · op(B), alpha 1, beta 0 (C is only written). Row-major:
 * A is [m, k] with row stride @p lda, or [k, m] when @p ta; B is [k, n] with
 * row stride @p ldb, or [n, k] when @p tb; C is [m, n] with row stride @p ldc.
 * Work is split over @p pool when it is not NULL and the product is big enough.
 * @return OK, or OUT_OF_MEMORY for the packing buffers (allocated per call).
 */
pinot_status pinot_f32_gemm(size_t m, size_t n, size_t k, const float * a, size_t lda, bool ta, const float * b,
                            size_t ldb, bool tb, float * c, size_t ldc, struct pinot_threadpool * pool);

/* The same with an explicit config (NULL: pinot_f32_gemm_config_get()). */
pinot_status pinot_f32_gemm_with_config(const struct pinot_f32_gemm_config * cfg, size_t m, size_t n, size_t k,
                                        const float * a, size_t lda, bool ta, const float * b, size_t ldb, bool tb,
                                        float * c, size_t ldc, struct pinot_threadpool * pool);

#endif // PINOT_F32_GEMM_IMPL_H

/* AVX2+FMA f32 GEMM micro-kernel, 6x16: 12 ymm accumulators, 2 B loads and 6
 * A broadcasts per k (BLIS haswell shape; PERF.md §2.3: ~100% of ymm peak).
 * Column tails use vmaskmov; row tails get their own instance of the body. */
#include <immintrin.h>
#include <stdint.h>

#include "kernels/f32-gemm/gemm-impl.h"

#define MR 6
#define NR 16

/* Lane masks for vmaskmov: the window starting at mask_table[8 - n] has n ones. */
static const int32_t mask_table[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

static inline __attribute__((always_inline)) void tile(const size_t rows, size_t nr, size_t kc,
                                                       const float * restrict a, const float * restrict b,
                                                       size_t b_stride, float * restrict c, size_t ldc,
                                                       bool accumulate) {
    __m256 c0[MR], c1[MR];
#pragma GCC unroll 6
    for (size_t r = 0; r < rows; r++) {
        c0[r] = _mm256_setzero_ps();
        c1[r] = _mm256_setzero_ps();
    }
    for (size_t p = 0; p < kc; p++) {
        /* Unaligned loads: B may be read in place (no cost on aligned packed panels). */
        const __m256 b0 = _mm256_loadu_ps(b);
        const __m256 b1 = _mm256_loadu_ps(b + 8);
        _mm_prefetch((const char *)(b + 8 * b_stride), _MM_HINT_T0);
#pragma GCC unroll 6
        for (size_t r = 0; r < rows; r++) {
            const __m256 ar = _mm256_broadcast_ss(a + r);
            c0[r] = _mm256_fmadd_ps(ar, b0, c0[r]);
            c1[r] = _mm256_fmadd_ps(ar, b1, c1[r]);
        }
        a += MR;
        b += b_stride;
    }
    if (nr == NR) {
#pragma GCC unroll 6
        for (size_t r = 0; r < rows; r++) {
            float * crow = c + r * ldc;
            if (accumulate) {
                c0[r] = _mm256_add_ps(c0[r], _mm256_loadu_ps(crow));
                c1[r] = _mm256_add_ps(c1[r], _mm256_loadu_ps(crow + 8));
            }
            _mm256_storeu_ps(crow, c0[r]);
            _mm256_storeu_ps(crow + 8, c1[r]);
        }
        return;
    }
    const size_t n0 = nr < 8 ? nr : 8, n1 = nr - n0;
    const __m256i m0 = _mm256_loadu_si256((const __m256i *)(mask_table + 8 - n0));
    const __m256i m1 = _mm256_loadu_si256((const __m256i *)(mask_table + 8 - n1));
#pragma GCC unroll 6
    for (size_t r = 0; r < rows; r++) {
        float * crow = c + r * ldc;
        if (accumulate) {
            c0[r] = _mm256_add_ps(c0[r], _mm256_maskload_ps(crow, m0));
            c1[r] = _mm256_add_ps(c1[r], _mm256_maskload_ps(crow + 8, m1));
        }
        _mm256_maskstore_ps(crow, m0, c0[r]);
        _mm256_maskstore_ps(crow + 8, m1, c1[r]);
    }
}

void pinot_f32_gemm_ukernel_6x16__avx2(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                       const float * restrict b, size_t b_stride, float * restrict c, size_t ldc,
                                       bool accumulate) {
    switch (mr) {
    case 6: tile(6, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 5: tile(5, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 4: tile(4, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 3: tile(3, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 2: tile(2, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    default: tile(1, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    }
}

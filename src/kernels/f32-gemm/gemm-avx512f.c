/* AVX-512 f32 GEMM micro-kernel, 14x32: 28 zmm accumulators, 2 B loads and 14
 * A broadcasts per k (PERF.md §2.3: ~92-95% of measured peak on Cascade Lake).
 * Column tails use masked loads/stores; row tails get their own instance of
 * the body so short tiles (small M) do no wasted FMAs. */
#include <immintrin.h>

#include "kernels/f32-gemm/gemm-impl.h"

#define MR 14
#define NR 32

/* Inlined with a constant `rows`, so the accumulator arrays are fully
 * unrolled into registers (no stack spills: checked with objdump). */
static inline __attribute__((always_inline)) void tile(const size_t rows, size_t nr, size_t kc,
                                                       const float * restrict a, const float * restrict b,
                                                       size_t b_stride, float * restrict c, size_t ldc,
                                                       bool accumulate) {
    __m512 c0[MR], c1[MR];
#pragma GCC unroll 14
    for (size_t r = 0; r < rows; r++) {
        c0[r] = _mm512_setzero_ps();
        c1[r] = _mm512_setzero_ps();
        /* C is touched only after kc steps: start its (likely L2/L3) lines now. */
        _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + r * ldc + 16), _MM_HINT_T0);
    }
#pragma GCC unroll 4
    for (size_t p = 0; p < kc; p++) {
        /* Unaligned loads: B may be read in place (no cost on aligned packed panels). */
        const __m512 b0 = _mm512_loadu_ps(b);
        const __m512 b1 = _mm512_loadu_ps(b + 16);
        /* B is read ~8 steps ahead: 128 bytes per step, 2 lines. */
        _mm_prefetch((const char *)(b + 8 * b_stride), _MM_HINT_T0);
        _mm_prefetch((const char *)(b + 8 * b_stride + 16), _MM_HINT_T0);
#pragma GCC unroll 14
        for (size_t r = 0; r < rows; r++) {
            const __m512 ar = _mm512_set1_ps(a[r]);
            c0[r] = _mm512_fmadd_ps(ar, b0, c0[r]);
            c1[r] = _mm512_fmadd_ps(ar, b1, c1[r]);
        }
        a += MR;
        b += b_stride;
    }
    const __mmask16 m0 = nr >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << nr) - 1);
    const __mmask16 m1 = nr >= 32 ? (__mmask16)0xFFFF : nr > 16 ? (__mmask16)((1u << (nr - 16)) - 1) : 0;
#pragma GCC unroll 14
    for (size_t r = 0; r < rows; r++) {
        float * crow = c + r * ldc;
        if (accumulate) {
            c0[r] = _mm512_add_ps(c0[r], _mm512_maskz_loadu_ps(m0, crow));
            c1[r] = _mm512_add_ps(c1[r], _mm512_maskz_loadu_ps(m1, crow + 16));
        }
        _mm512_mask_storeu_ps(crow, m0, c0[r]);
        _mm512_mask_storeu_ps(crow + 16, m1, c1[r]);
    }
}

void pinot_f32_gemm_ukernel_14x32__avx512f(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                           const float * restrict b, size_t b_stride, float * restrict c,
                                           size_t ldc, bool accumulate) {
    switch (mr) {
    case 14: tile(14, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 13: tile(13, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 12: tile(12, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 11: tile(11, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 10: tile(10, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 9: tile(9, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 8: tile(8, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 7: tile(7, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 6: tile(6, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 5: tile(5, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 4: tile(4, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 3: tile(3, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    case 2: tile(2, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    default: tile(1, nr, kc, a, b, b_stride, c, ldc, accumulate); break;
    }
}

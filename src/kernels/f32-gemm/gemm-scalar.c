/* Portable f32 GEMM micro-kernel over packed panels: the fallback on CPUs
 * without AVX2+FMA and the ladder's bottom rung. Plain C; whatever the
 * compiler vectorises for the baseline target is a bonus. */
#include "kernels/f32-gemm/gemm-impl.h"

#define MR 4
#define NR 8

void pinot_f32_gemm_ukernel_4x8__scalar(size_t mr, size_t nr, size_t kc, const float * restrict a,
                                        const float * restrict b, size_t b_stride, float * restrict c, size_t ldc,
                                        bool accumulate) {
    /* Full-size accumulators: padded rows of A and columns of B are zero (or
     * unused), and only the mr x nr corner is stored. */
    float acc[MR][NR] = {{0}};
    for (size_t p = 0; p < kc; p++) {
        for (size_t r = 0; r < MR; r++) {
            float ar = a[r];
            for (size_t j = 0; j < NR; j++) {
                acc[r][j] += ar * b[j];
            }
        }
        a += MR;
        b += b_stride;
    }
    for (size_t r = 0; r < mr; r++) {
        float * crow = c + r * ldc;
        for (size_t j = 0; j < nr; j++) {
            crow[j] = accumulate ? crow[j] + acc[r][j] : acc[r][j];
        }
    }
}

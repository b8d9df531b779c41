/* The dispatch ladder: the only code that maps ISA levels to kernels. Each
 * family's config is chosen best-first (avx512, avx2, scalar) under the
 * PINOT_CPU_ISA cap; ops and drivers only see the config's function pointers. */
#include "cpu/cpu-impl.h"
#include "kernels/f32-gemm/gemm-impl.h"

/* Blocking from PERF.md §3.5. AVX-512: kc 384 as BLIS skx (measured ~3% over
 * 256 at 1024^3 on this VM: fewer passes over C), mc·kc·4 = 516 KB of A in L2;
 * AVX2: BLIS haswell values. mc and nc are multiples of mr and nr. */
static const struct pinot_f32_gemm_config f32_gemm_configs[] = {
    [PINOT_CPU_ISA_SCALAR] = {pinot_f32_gemm_ukernel_4x8__scalar, 4, 8, 256, 128, 2048, PINOT_CPU_ISA_SCALAR},
    [PINOT_CPU_ISA_AVX2] = {pinot_f32_gemm_ukernel_6x16__avx2, 6, 16, 256, 168, 4080, PINOT_CPU_ISA_AVX2},
    [PINOT_CPU_ISA_AVX512] = {pinot_f32_gemm_ukernel_14x32__avx512f, 14, 32, 384, 336, 2048, PINOT_CPU_ISA_AVX512},
};

const struct pinot_f32_gemm_config * pinot_f32_gemm_config_for_isa(pinot_cpu_isa isa) {
    /* The raw features, not the capped level: tests run every variant the host can. */
    uint32_t f = pinot_cpu_features();
    const uint32_t avx512 = PINOT_CPU_AVX512F | PINOT_CPU_AVX512BW | PINOT_CPU_AVX512DQ | PINOT_CPU_AVX512VL;
    const uint32_t avx2 = PINOT_CPU_AVX2 | PINOT_CPU_FMA | PINOT_CPU_F16C;
    switch (isa) {
    case PINOT_CPU_ISA_AVX512:
        return (f & (avx512 | avx2)) == (avx512 | avx2) ? &f32_gemm_configs[isa] : NULL;
    case PINOT_CPU_ISA_AVX2:
        return (f & avx2) == avx2 ? &f32_gemm_configs[isa] : NULL;
    case PINOT_CPU_ISA_SCALAR:
        return &f32_gemm_configs[isa];
    }
    return NULL;
}

const struct pinot_f32_gemm_config * pinot_f32_gemm_config_get(void) {
    return &f32_gemm_configs[pinot_cpu_isa_level()];
}

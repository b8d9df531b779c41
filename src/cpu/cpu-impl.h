/* CPU feature detection shared by the dispatch ladder (src/cpu) and tests.
 * Only src/cpu knows about ISAs; ops and kernels get function pointers. */
#ifndef PINOT_CPU_IMPL_H
#define PINOT_CPU_IMPL_H

#include <stdint.h>

enum pinot_cpu_feature {
    PINOT_CPU_SSE42 = 1u << 0,
    PINOT_CPU_AVX = 1u << 1,
    PINOT_CPU_F16C = 1u << 2,
    PINOT_CPU_FMA = 1u << 3,
    PINOT_CPU_AVX2 = 1u << 4,
    PINOT_CPU_AVX512F = 1u << 5,
    PINOT_CPU_AVX512BW = 1u << 6,
    PINOT_CPU_AVX512DQ = 1u << 7,
    PINOT_CPU_AVX512VL = 1u << 8,
    PINOT_CPU_AVX512VNNI = 1u << 9,
    PINOT_CPU_AVX512BF16 = 1u << 10,
    PINOT_CPU_AMX = 1u << 11,
};

/* The ISA levels the dispatch ladder chooses between, best last. */
typedef enum pinot_cpu_isa {
    PINOT_CPU_ISA_SCALAR = 0,
    PINOT_CPU_ISA_AVX2,    /* AVX2 + FMA + F16C */
    PINOT_CPU_ISA_AVX512,  /* AVX-512 F/BW/DQ/VL, OS-enabled */
} pinot_cpu_isa;

/* Feature bits of this machine, detected once (thread-safe). */
uint32_t pinot_cpu_features(void);

/* The best ISA level this machine supports, capped by the PINOT_CPU_ISA
 * environment variable ("scalar", "avx2", "avx512") so tests can exercise
 * lower paths. */
pinot_cpu_isa pinot_cpu_isa_level(void);

const char * pinot_cpu_isa_name(pinot_cpu_isa isa);

#endif // PINOT_CPU_IMPL_H

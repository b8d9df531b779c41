/* CPU feature detection. AVX is trusted only when the OS saves the YMM state
 * (OSXSAVE and XCR0 bits 1-2), AVX-512 only when it also saves the opmask and
 * ZMM state (XCR0 bits 5-7): a CPUID bit alone is not enough. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cpu-impl.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static uint64_t read_xcr0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

static uint32_t detect(void) {
    uint32_t eax, ebx, ecx, edx, features = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    if (ecx & bit_SSE4_2) {
        features |= PINOT_CPU_SSE42;
    }
    bool os_avx = (ecx & bit_OSXSAVE) && (read_xcr0() & 0x6) == 0x6;
    bool os_avx512 = os_avx && (read_xcr0() & 0xE0) == 0xE0;
    if (!os_avx) {
        return features;
    }
    if (ecx & bit_AVX) {
        features |= PINOT_CPU_AVX;
    }
    if (ecx & bit_F16C) {
        features |= PINOT_CPU_F16C;
    }
    if (ecx & bit_FMA) {
        features |= PINOT_CPU_FMA;
    }
    if (__get_cpuid_max(0, NULL) < 7) {
        return features;
    }
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if (ebx & bit_AVX2) {
        features |= PINOT_CPU_AVX2;
    }
    if (os_avx512) {
        if (ebx & bit_AVX512F) features |= PINOT_CPU_AVX512F;
        if (ebx & bit_AVX512BW) features |= PINOT_CPU_AVX512BW;
        if (ebx & bit_AVX512DQ) features |= PINOT_CPU_AVX512DQ;
        if (ebx & bit_AVX512VL) features |= PINOT_CPU_AVX512VL;
        if (ecx & bit_AVX512VNNI) features |= PINOT_CPU_AVX512VNNI;
        uint32_t a1, b1, c1, d1;
        __cpuid_count(7, 1, a1, b1, c1, d1);
        if (a1 & (1u << 5)) features |= PINOT_CPU_AVX512BF16;
    }
    if (edx & (1u << 24)) { /* AMX-TILE; usable only after arch_prctl, checked by its kernels */
        features |= PINOT_CPU_AMX;
    }
    return features;
}
#else
static uint32_t detect(void) {
    return 0;
}
#endif

static pthread_once_t detect_once = PTHREAD_ONCE_INIT;
static uint32_t cpu_features;
static pinot_cpu_isa cpu_isa;

static void detect_all(void) {
    cpu_features = detect();
    const uint32_t avx512 = PINOT_CPU_AVX512F | PINOT_CPU_AVX512BW | PINOT_CPU_AVX512DQ | PINOT_CPU_AVX512VL;
    const uint32_t avx2 = PINOT_CPU_AVX2 | PINOT_CPU_FMA | PINOT_CPU_F16C;
    cpu_isa = PINOT_CPU_ISA_SCALAR;
    if ((cpu_features & avx2) == avx2) {
        cpu_isa = PINOT_CPU_ISA_AVX2;
    }
    if (cpu_isa == PINOT_CPU_ISA_AVX2 && (cpu_features & avx512) == avx512) {
        cpu_isa = PINOT_CPU_ISA_AVX512;
    }
    const char * cap = getenv("PINOT_CPU_ISA");
    if (cap != NULL) {
        for (int isa = PINOT_CPU_ISA_SCALAR; isa <= PINOT_CPU_ISA_AVX512; isa++) {
            if (strcmp(cap, pinot_cpu_isa_name((pinot_cpu_isa)isa)) == 0 && isa < (int)cpu_isa) {
                cpu_isa = (pinot_cpu_isa)isa;
            }
        }
    }
}

uint32_t pinot_cpu_features(void) {
    pthread_once(&detect_once, detect_all);
    return cpu_features;
}

pinot_cpu_isa pinot_cpu_isa_level(void) {
    pthread_once(&detect_once, detect_all);
    return cpu_isa;
}

const char * pinot_cpu_isa_name(pinot_cpu_isa isa) {
    switch (isa) {
    case PINOT_CPU_ISA_SCALAR: return "scalar";
    case PINOT_CPU_ISA_AVX2: return "avx2";
    case PINOT_CPU_ISA_AVX512: return "avx512";
    }
    return "?";
}

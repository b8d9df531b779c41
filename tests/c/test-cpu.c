/* CPU feature detection: consistent bits and the PINOT_CPU_ISA cap. */
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu-impl.h"
#include "test.h"

static void test_features_are_consistent(void) {
    uint32_t f = pinot_cpu_features();
    CHECK_EQ_INT(f, pinot_cpu_features()); /* detected once, stable */
    if (f & PINOT_CPU_AVX512F) {
        CHECK(f & PINOT_CPU_AVX2); /* every AVX-512 CPU has AVX2 */
    }
    if (f & PINOT_CPU_AVX2) {
        CHECK(f & PINOT_CPU_AVX);
    }
    pinot_cpu_isa isa = pinot_cpu_isa_level();
    if (isa == PINOT_CPU_ISA_AVX512) {
        CHECK(f & PINOT_CPU_AVX512F);
        CHECK(f & PINOT_CPU_AVX512BW);
    }
    const char * cap = getenv("PINOT_CPU_ISA");
    if (cap != NULL && strcmp(cap, "scalar") == 0) {
        CHECK_EQ_INT(isa, PINOT_CPU_ISA_SCALAR);
    }
    CHECK_STR(pinot_cpu_isa_name(PINOT_CPU_ISA_AVX2), "avx2");
    printf("isa level: %s, features 0x%x\n", pinot_cpu_isa_name(isa), f);
}

TEST_MAIN(TEST(test_features_are_consistent))

/* f32 GEMM: every micro-kernel variant this host can run, through the packed
 * driver, against a double-accumulating reference at register-tile edges
 * (1, mr-1, mr, mr+1, 2mr+3, ...), k crossing kc, all transposes, padded
 * leading dimensions (the padding must stay untouched), and a thread pool. */
#include <math.h>
#include <stdlib.h>

#include "kernels/f32-gemm/gemm-impl.h"
#include "runtime/threadpool-impl.h"
#include "test.h"

static float * random_floats(size_t count, unsigned * seed) {
    float * x = malloc(sizeof(float) * (count ? count : 1));
    for (size_t i = 0; i < count; i++) {
        *seed = *seed * 1103515245u + 12345u;
        x[i] = (float)((*seed >> 8) & 0xFFFF) / 32768.0f - 1.0f;
    }
    return x;
}

/* One case; true when every element is within 1e-5·k of the reference,
 * relative to the sum of |a·b| terms, and C's row padding is untouched. */
static bool run_case(const struct pinot_f32_gemm_config * cfg, size_t m, size_t n, size_t k, bool ta, bool tb,
                     size_t pad, struct pinot_threadpool * pool) {
    unsigned seed = (unsigned)(m * 131 + n * 7 + k);
    size_t lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
    float * a = random_floats((ta ? k : m) * lda, &seed);
    float * b = random_floats((tb ? n : k) * ldb, &seed);
    float * c = malloc(sizeof(float) * (m * ldc + 1));
    for (size_t i = 0; i < m * ldc; i++) {
        c[i] = NAN; /* beta = 0: the old content must not leak in */
    }
    bool ok = pinot_f32_gemm_with_config(cfg, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, pool) == PINOT_STATUS_OK;
    for (size_t i = 0; i < m && ok; i++) {
        for (size_t j = 0; j < n && ok; j++) {
            double ref = 0, mag = 0;
            for (size_t p = 0; p < k; p++) {
                double x = ta ? a[p * lda + i] : a[i * lda + p];
                double y = tb ? b[j * ldb + p] : b[p * ldb + j];
                ref += x * y;
                mag += fabs(x * y);
            }
            double err = fabs((double)c[i * ldc + j] - ref);
            if (!(err <= 1e-5 * (double)(k ? k : 1) * (mag > 1 ? mag : 1))) {
                fprintf(stderr, "    %s m=%zu n=%zu k=%zu ta=%d tb=%d pad=%zu: c[%zu,%zu]=%g ref=%g\n",
                        pinot_cpu_isa_name(cfg->isa), m, n, k, ta, tb, pad, i, j, c[i * ldc + j], ref);
                ok = false;
            }
        }
        for (size_t j = n; j < ldc && ok; j++) {
            if (!isnan(c[i * ldc + j])) {
                fprintf(stderr, "    %s m=%zu n=%zu k=%zu: padding c[%zu,%zu] overwritten\n",
                        pinot_cpu_isa_name(cfg->isa), m, n, k, i, j);
                ok = false;
            }
        }
    }
    free(a);
    free(b);
    free(c);
    return ok;
}

/* Edge sizes for one tile extent t. */
static size_t edge_sizes(size_t t, size_t * out) {
    const size_t sizes[] = {1, t - 1, t, t + 1, 2 * t + 3, 17, 64, 130};
    size_t count = 0;
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        if (sizes[i] > 0) {
            out[count++] = sizes[i];
        }
    }
    return count;
}

static void test_variants_vs_reference(void) {
    for (int isa = PINOT_CPU_ISA_SCALAR; isa <= PINOT_CPU_ISA_AVX512; isa++) {
        const struct pinot_f32_gemm_config * cfg = pinot_f32_gemm_config_for_isa((pinot_cpu_isa)isa);
        if (cfg == NULL) {
            printf("skipping %s: not supported by this host\n", pinot_cpu_isa_name((pinot_cpu_isa)isa));
            continue;
        }
        size_t ms[8], ns[8], ks[9];
        size_t n_m = edge_sizes(cfg->mr, ms), n_n = edge_sizes(cfg->nr, ns), n_k = edge_sizes(cfg->mr, ks);
        ks[n_k++] = cfg->kc + 44; /* two k blocks: the accumulate path */
        int cases = 0, failed = 0;
        for (size_t im = 0; im < n_m; im++) {
            for (size_t in = 0; in < n_n; in++) {
                for (size_t ik = 0; ik < n_k; ik++) {
                    for (int t = 0; t < 4; t++) {
                        size_t pad = (size_t)((im + in + ik + (size_t)t) % 3) * 3; /* 0, 3 or 6 */
                        bool ok = run_case(cfg, ms[im], ns[in], ks[ik], t & 1, (t >> 1) & 1, pad, NULL);
                        cases++;
                        failed += !ok;
                        CHECK(ok);
                    }
                }
            }
        }
        printf("%s (%zux%zu): %d cases, %d failed\n", pinot_cpu_isa_name(cfg->isa), cfg->mr, cfg->nr, cases, failed);
    }
}

/* Blocks past mc and nc, and the two-thread split along M and along N. */
static void test_blocking_and_threads(void) {
    struct pinot_threadpool * pool = NULL;
    CHECK_EQ_INT(pinot_threadpool_create(2, &pool), PINOT_STATUS_OK);
    for (int isa = PINOT_CPU_ISA_SCALAR; isa <= PINOT_CPU_ISA_AVX512; isa++) {
        const struct pinot_f32_gemm_config * cfg = pinot_f32_gemm_config_for_isa((pinot_cpu_isa)isa);
        if (cfg == NULL) {
            continue;
        }
        CHECK(run_case(cfg, cfg->mc + 2 * cfg->mr + 1, 45, 70, false, false, 1, NULL));
        CHECK(run_case(cfg, 9, cfg->nc + cfg->nr + 3, 33, false, true, 0, NULL));
        CHECK(run_case(cfg, 333, 97, 130, false, false, 2, pool)); /* split M */
        CHECK(run_case(cfg, 37, 301, 130, true, true, 0, pool));   /* split N */
        CHECK(run_case(cfg, 130, 130, 300, true, false, 5, pool));
    }
    pinot_threadpool_free(pool);
}

static void test_empty_k_and_dispatch(void) {
    float c[6] = {1, 2, 3, 4, 5, 6};
    CHECK_EQ_INT(pinot_f32_gemm(2, 3, 0, NULL, 1, false, NULL, 3, false, c, 3, NULL), PINOT_STATUS_OK);
    for (int i = 0; i < 6; i++) {
        CHECK(c[i] == 0.0f);
    }
    CHECK_EQ_INT(pinot_f32_gemm(0, 3, 4, NULL, 4, false, NULL, 3, false, c, 3, NULL), PINOT_STATUS_OK);
    const struct pinot_f32_gemm_config * cfg = pinot_f32_gemm_config_get();
    CHECK_EQ_INT(cfg->isa, pinot_cpu_isa_level());
    printf("dispatch: %s %zux%zu\n", pinot_cpu_isa_name(cfg->isa), cfg->mr, cfg->nr);
}

TEST_MAIN(TEST(test_variants_vs_reference), TEST(test_blocking_and_threads), TEST(test_empty_k_and_dispatch))

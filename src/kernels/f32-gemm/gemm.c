/* f32 GEMM driver (compiled without ISA flags): the GotoBLAS loops around a
 * micro-kernel from the dispatch ladder. B is packed kc x nc into nr-wide
 * micro-panels, A mc x kc into mr-tall ones; threads get disjoint M or N
 * ranges with their own buffers. With a single row tile (m <= mr) every B
 * element is used once, so a row-major B is read in place instead. Buffers are allocated per call: a
 * workspace from the op's prepare (STYLE.md B7) is a later step. */
#include <stdlib.h>
#include <string.h>

#include "kernels/f32-gemm/gemm-impl.h"
#include "runtime/threadpool-impl.h"

/* Below this many multiply-adds a second thread costs more than it saves. */
#define PARALLEL_MIN_MACS ((size_t)1 << 18)

struct gemm_args {
    const struct pinot_f32_gemm_config * cfg;
    size_t m, n, k;
    const float * a;
    size_t lda;
    bool ta;
    const float * b;
    size_t ldb;
    bool tb;
    float * c;
    size_t ldc;
    /* Thread split: task t owns rows (split_m) or columns [bound[t], bound[t+1]). */
    bool split_m;
    bool direct_b; /* full-width B panels read in place; only the column tail is packed */
    size_t bounds[65];
    float * bufs;     /* per task: a_floats then b_floats */
    size_t a_floats, b_floats;
};

static size_t min_size(size_t x, size_t y) {
    return x < y ? x : y;
}

static size_t round_up(size_t x, size_t q) {
    return (x + q - 1) / q * q;
}

/* A rows [i0, i0+mc) x k [p0, p0+kc) into mr-row micro-panels, k-major; rows past m are zero. */
static void pack_a(const struct gemm_args * g, size_t i0, size_t mc, size_t p0, size_t kc, float * dst) {
    const size_t mr = g->cfg->mr;
    for (size_t ir = 0; ir < mc; ir += mr) {
        size_t rows = min_size(mr, mc - ir);
        if (g->ta) { /* element (i, p) at a[p*lda + i]: each k step is contiguous */
            for (size_t p = 0; p < kc; p++) {
                const float * src = g->a + (p0 + p) * g->lda + i0 + ir;
                float * d = dst + p * mr;
                size_t r = 0;
                for (; r < rows; r++) d[r] = src[r];
                for (; r < mr; r++) d[r] = 0.0f;
            }
        } else if (rows == mr) {
            /* k outer: the writes stay sequential and the mr row streams are
             * each read in order (a scatter per row was ~8% of a 1024^3 GEMM). */
            const float * src = g->a + (i0 + ir) * g->lda + p0;
            for (size_t p = 0; p < kc; p++) {
                float * d = dst + p * mr;
                for (size_t r = 0; r < mr; r++) d[r] = src[r * g->lda + p];
            }
        } else {
            for (size_t r = 0; r < mr; r++) {
                if (r < rows) {
                    const float * src = g->a + (i0 + ir + r) * g->lda + p0;
                    for (size_t p = 0; p < kc; p++) dst[p * mr + r] = src[p];
                } else {
                    for (size_t p = 0; p < kc; p++) dst[p * mr + r] = 0.0f;
                }
            }
        }
        dst += mr * kc;
    }
}

/* B k [p0, p0+kc) x columns [j0, j0+nc) into nr-column micro-panels; columns past n are zero. */
static void pack_b(const struct gemm_args * g, size_t p0, size_t kc, size_t j0, size_t nc, float * dst) {
    const size_t nr = g->cfg->nr;
    for (size_t jr = 0; jr < nc; jr += nr) {
        size_t cols = min_size(nr, nc - jr);
        if (!g->tb) { /* element (p, j) at b[p*ldb + j]: each k step is contiguous */
            for (size_t p = 0; p < kc; p++) {
                const float * src = g->b + (p0 + p) * g->ldb + j0 + jr;
                float * d = dst + p * nr;
                size_t j = 0;
                for (; j < cols; j++) d[j] = src[j];
                for (; j < nr; j++) d[j] = 0.0f;
            }
        } else {
            for (size_t j = 0; j < nr; j++) {
                if (j < cols) {
                    const float * src = g->b + (j0 + jr + j) * g->ldb + p0;
                    for (size_t p = 0; p < kc; p++) dst[p * nr + j] = src[p];
                } else {
                    for (size_t p = 0; p < kc; p++) dst[p * nr + j] = 0.0f;
                }
            }
        }
        dst += nr * kc;
    }
}

/* The five loops over C rows [m0, m1) x columns [n0, n1), serially. */
static void gemm_block(const struct gemm_args * g, size_t m0, size_t m1, size_t n0, size_t n1, float * abuf,
                       float * bbuf) {
    const struct pinot_f32_gemm_config * cfg = g->cfg;
    const size_t mr = cfg->mr, nr = cfg->nr;
    for (size_t jc = n0; jc < n1; jc += cfg->nc) {
        size_t nc = min_size(cfg->nc, n1 - jc);
        for (size_t pc = 0; pc < g->k; pc += cfg->kc) {
            size_t kc = min_size(cfg->kc, g->k - pc);
            size_t nc_full = g->direct_b ? nc / nr * nr : 0;
            if (nc_full < nc) {
                pack_b(g, pc, kc, jc + nc_full, nc - nc_full, bbuf);
            }
            for (size_t ic = m0; ic < m1; ic += cfg->mc) {
                size_t mc = min_size(cfg->mc, m1 - ic);
                pack_a(g, ic, mc, pc, kc, abuf);
                /* jr outside ir: one B micro-panel stays in L1 while the A block streams from L2. */
                for (size_t jr = 0; jr < nc; jr += nr) {
                    const float * bp = bbuf + (jr - nc_full) * kc;
                    size_t b_stride = nr;
                    if (jr < nc_full) {
                        bp = g->b + pc * g->ldb + jc + jr;
                        b_stride = g->ldb;
                    }
                    for (size_t ir = 0; ir < mc; ir += mr) {
                        float * cp = g->c + (ic + ir) * g->ldc + jc + jr;
                        cfg->ukernel(min_size(mr, mc - ir), min_size(nr, nc - jr), kc, abuf + ir * kc, bp, b_stride,
                                     cp, g->ldc, pc != 0);
                    }
                }
            }
        }
    }
}

static void gemm_task(void * ctx, size_t i, size_t j, size_t count_i, size_t count_j) {
    (void)j;
    (void)count_j;
    const struct gemm_args * g = ctx;
    for (size_t t = i; t < i + count_i; t++) {
        float * abuf = g->bufs + t * (g->a_floats + g->b_floats);
        float * bbuf = abuf + g->a_floats;
        if (g->split_m) {
            gemm_block(g, g->bounds[t], g->bounds[t + 1], 0, g->n, abuf, bbuf);
        } else {
            gemm_block(g, 0, g->m, g->bounds[t], g->bounds[t + 1], abuf, bbuf);
        }
    }
}

pinot_status pinot_f32_gemm_with_config(const struct pinot_f32_gemm_config * cfg, size_t m, size_t n, size_t k,
                                        const float * a, size_t lda, bool ta, const float * b, size_t ldb, bool tb,
                                        float * c, size_t ldc, struct pinot_threadpool * pool) {
    if (cfg == NULL) {
        cfg = pinot_f32_gemm_config_get();
    }
    if (m == 0 || n == 0) {
        return PINOT_STATUS_OK;
    }
    if (k == 0) { /* beta = 0: an empty sum */
        for (size_t i = 0; i < m; i++) {
            memset(c + i * ldc, 0, n * sizeof(float));
        }
        return PINOT_STATUS_OK;
    }
    struct gemm_args g = {
        .cfg = cfg, .m = m, .n = n, .k = k, .a = a, .lda = lda, .ta = ta, .b = b, .ldb = ldb, .tb = tb,
        .c = c, .ldc = ldc,
    };
    /* Split the dimension with more register tiles into tile-aligned, even parts. */
    size_t tiles_m = (m + cfg->mr - 1) / cfg->mr, tiles_n = (n + cfg->nr - 1) / cfg->nr;
    size_t tasks = pool != NULL ? pinot_threadpool_get_threads(pool) : 1;
    if (m * n * k < PARALLEL_MIN_MACS) {
        tasks = 1;
    }
    g.split_m = tiles_m >= tiles_n;
    g.direct_b = !tb && m <= cfg->mr;
    size_t tiles = g.split_m ? tiles_m : tiles_n, tile = g.split_m ? cfg->mr : cfg->nr;
    size_t extent = g.split_m ? m : n;
    tasks = min_size(min_size(tasks, tiles), sizeof(g.bounds) / sizeof(g.bounds[0]) - 1);
    for (size_t t = 0; t <= tasks; t++) {
        g.bounds[t] = min_size(tiles * t / tasks * tile, extent);
    }
    /* Per task: the A block (mc rows, padded to mr) and the B block (nc columns, padded to nr). */
    size_t part_m = g.split_m ? (tiles + tasks - 1) / tasks * tile : m;
    size_t part_n = g.split_m ? n : (tiles + tasks - 1) / tasks * tile;
    size_t kc = min_size(cfg->kc, k);
    g.a_floats = round_up(round_up(min_size(cfg->mc, part_m), cfg->mr) * kc, 16);
    g.b_floats = round_up(g.direct_b ? cfg->nr * kc : round_up(min_size(cfg->nc, part_n), cfg->nr) * kc, 16);
    size_t bytes = tasks * (g.a_floats + g.b_floats) * sizeof(float);
    g.bufs = aligned_alloc(64, round_up(bytes, 64));
    if (g.bufs == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate %zu bytes of GEMM packing buffers",
                               bytes);
    }
    if (tasks == 1) {
        gemm_task(&g, 0, 0, 1, 1);
    } else {
        struct pinot_parallel_desc desc = {
            .type = PINOT_PARALLEL_1D, .task = gemm_task, .ctx = &g, .range = {tasks, 1}, .tile = {1, 1},
        };
        pinot_threadpool_run(pool, &desc);
    }
    free(g.bufs);
    return PINOT_STATUS_OK;
}

pinot_status pinot_f32_gemm(size_t m, size_t n, size_t k, const float * a, size_t lda, bool ta, const float * b,
                            size_t ldb, bool tb, float * c, size_t ldc, struct pinot_threadpool * pool) {
    return pinot_f32_gemm_with_config(NULL, m, n, k, a, lda, ta, b, ldb, tb, c, ldc, pool);
}

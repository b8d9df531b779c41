/* Random numbers: RandomUniform-8.
 *
 * The values are bit-exact with OpenVINO's CPU plugin (checked against
 * openvino 2026.4.1 on an AVX-512 machine), which differs from OpenVINO's
 * core reference implementation in how it turns random bits into values:
 *
 * - alignment "tensorflow": the Philox4x32-10 counter-based generator (key =
 *   global_seed, counter = op_seed, a 64-bit block index n), four 32-bit words
 *   per block, one word per element for every output type. f32 takes the low
 *   23 bits as mantissa of a value in [1, 2) minus 1, then fma(v, max - min,
 *   min). f16 and f64 are that f32 computation (on the inputs widened or
 *   narrowed to f32) rounded to the output type; i64 is the i32 computation with
 *   min and max saturated to i32 (the plugin runs both in 32 bits). bf16 takes 7
 *   mantissa bits, and i32 is min + word % (max - min).
 *   Each run advances the node's state by 256 blocks per element (as TensorFlow
 *   skips), so a compiled model gives new values on every inference, shared by
 *   all its requests, while a fresh compile starts over.
 * - alignment "pytorch": MT19937 seeded with the low 32 bits of global_seed
 *   (op_seed is unused), as torch.manual_seed + torch.rand on CPU: f32 is
 *   (word & 0xffffff) * 2^-24 (then v * range + min, rounded twice), bf16 is
 *   (word & 0xff) * 2^-8, integers floor-mod the range. Every run restarts
 *   the generator, so values repeat across inferences.
 * - global_seed = op_seed = 0: OpenVINO seeds from the clock, so values differ
 *   between compiles. Pinot draws a seed per validation (compiling validates
 *   the compiled copy), then behaves as above.
 *
 * The plugin's bf16 range (max - min) is rounded by ov::bfloat16's constructor,
 * which adds half an ulp only when the kept part is odd (round_bf16_ov below),
 * not round-to-nearest-even; Pinot reproduces that too.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "ops/movement-impl.h"
#include "ops/ref-util.h"

static const char * const alignment_values[] = {"tensorflow", "pytorch", NULL};
enum { ALIGN_TENSORFLOW = 0, ALIGN_PYTORCH = 1 };

struct random_uniform_attrs {
    pinot_dtype output_type;
    int64_t op_seed;
    int64_t global_seed;
    int32_t alignment;
    /* Not attributes (no descriptors): the seeds in use, which differ from the
     * attributes when both are 0, and the Philox state that each run advances.
     * validate() resets them; the state is guarded by state_lock. */
    uint64_t key;
    uint64_t counter;
    uint64_t state_n;
    uint64_t state_counter;
};

static const struct pinot_attr_desc random_uniform_attrs_desc[] = {
    PINOT_ATTR(struct random_uniform_attrs, output_type, "output_type", PINOT_ATTR_TYPE, true, NULL),
    PINOT_ATTR(struct random_uniform_attrs, op_seed, "op_seed", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR(struct random_uniform_attrs, global_seed, "global_seed", PINOT_ATTR_INT, false, "0"),
    PINOT_ATTR_ENUM_OF(struct random_uniform_attrs, alignment, "alignment", alignment_values, "tensorflow"),
    PINOT_ATTR_END,
};

/* One lock for every RandomUniform node: runs only read and bump two words. */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- generators ---- */

/* Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
 * SC'11) in OpenVINO's arrangement: the 128-bit counter is (n, counter), the
 * key is 64 bits; out[0..3] = n.lo, n.hi, counter.lo, counter.hi. */
static void philox(uint64_t key, uint64_t counter, uint64_t n, uint32_t out[4]) {
    uint32_t k0 = (uint32_t)key, k1 = (uint32_t)(key >> 32);
    uint32_t n0 = (uint32_t)n, n1 = (uint32_t)(n >> 32);
    uint32_t c0 = (uint32_t)counter, c1 = (uint32_t)(counter >> 32);
    for (int round = 0; round < 10; round++) {
        uint64_t p0 = 0xD2511F53u * (uint64_t)n0;
        uint64_t p1 = 0xCD9E8D57u * (uint64_t)c0;
        uint32_t nn0 = (uint32_t)(p1 >> 32) ^ n1 ^ k0;
        uint32_t nn1 = (uint32_t)p1;
        uint32_t cc0 = (uint32_t)(p0 >> 32) ^ c1 ^ k1;
        uint32_t cc1 = (uint32_t)p0;
        n0 = nn0, n1 = nn1, c0 = cc0, c1 = cc1;
        k0 += 0x9E3779B9u;
        k1 += 0xBB67AE85u;
    }
    out[0] = n0, out[1] = n1, out[2] = c0, out[3] = c1;
}

/* MT19937 (Matsumoto and Nishimura 1998), std::mt19937 seeded with one word. */
struct mt19937 {
    uint32_t mt[624];
    uint32_t index;
};

static void mt_seed(struct mt19937 * g, uint32_t seed) {
    g->mt[0] = seed;
    for (uint32_t i = 1; i < 624; i++) {
        g->mt[i] = 1812433253u * (g->mt[i - 1] ^ (g->mt[i - 1] >> 30)) + i;
    }
    g->index = 624;
}

static uint32_t mt_next(struct mt19937 * g) {
    if (g->index >= 624) {
        for (uint32_t i = 0; i < 624; i++) {
            uint32_t y = (g->mt[i] & 0x80000000u) | (g->mt[(i + 1) % 624] & 0x7fffffffu);
            g->mt[i] = g->mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1u) ? 0x9908b0dfu : 0u);
        }
        g->index = 0;
    }
    uint32_t y = g->mt[g->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

/* A stream of 32-bit words from either generator. */
struct word_source {
    bool philox;
    uint64_t key, counter, n; /* Philox block position */
    uint32_t block[4];
    uint32_t used; /* words of block consumed (4: need a new block) */
    struct mt19937 mt;
};

static uint32_t next_word(struct word_source * s) {
    if (!s->philox) {
        return mt_next(&s->mt);
    }
    if (s->used == 4) {
        philox(s->key, s->counter, s->n, s->block);
        if (++s->n == 0) {
            ++s->counter;
        }
        s->used = 0;
    }
    return s->block[s->used++];
}

/* ---- conversions ---- */

static float bits_f32(uint32_t bits) {
    float f;
    memcpy(&f, &bits, sizeof(f));
    return f;
}

static uint32_t f32_bits(float f) {
    uint32_t bits;
    memcpy(&bits, &f, sizeof(bits));
    return bits;
}

/* ov::bfloat16(float): adds 0x8000 only when bit 16 is set, i.e. rounds half
 * up when the kept part is odd and truncates when it is even. */
static uint16_t round_bf16_ov(float f) {
    uint32_t b = f32_bits(f);
    return (uint16_t)((b + ((b & 0x10000u) >> 1)) >> 16);
}

/* Round to nearest even (vcvtneps2bf16); NaN stays NaN. */
static uint16_t round_bf16_even(float f) {
    uint32_t b = f32_bits(f);
    if (isnan(f)) {
        return (uint16_t)((b >> 16) | 0x40u);
    }
    return (uint16_t)((b + 0x7fffu + ((b >> 16) & 1u)) >> 16);
}

/* v * range + min with two roundings: the plugin's PyTorch path does not fuse. */
static float mul_add_unfused(float v, float range, float min) {
    float product = (float)((double)v * (double)range); /* exact in double, then one rounding */
    return product + min;
}

static int32_t saturate_i32(int64_t v) {
    return v < INT32_MIN ? INT32_MIN : v > INT32_MAX ? INT32_MAX : (int32_t)v;
}

/* ---- the op ---- */

static bool supported_type(pinot_dtype t) {
    return t == PINOT_DTYPE_F32 || t == PINOT_DTYPE_F16 || t == PINOT_DTYPE_BF16 || t == PINOT_DTYPE_F64 ||
           t == PINOT_DTYPE_I32 || t == PINOT_DTYPE_I64;
}

/* A value that changes between calls and processes, for seeds 0/0. */
static uint64_t entropy(const void * salt) {
    static atomic_uint_fast64_t calls;
    struct timespec ts = {0, 0};
    timespec_get(&ts, TIME_UTC);
    uint64_t z = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    z ^= (uint64_t)(uintptr_t)salt * 0x9E3779B97F4A7C15u;
    z += atomic_fetch_add(&calls, 1) * 0xBF58476D1CE4E5B9u;
    /* splitmix64 finalizer */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* min and max as f32 (float types) or i32 (integer types, saturated). */
struct bounds {
    float fmin, fmax;
    int32_t imin, imax;
};

static void read_bounds(pinot_dtype type, const pinot_tensor_t * min, const pinot_tensor_t * max,
                        struct bounds * b) {
    if (pinot_ref_is_int(type)) {
        b->imin = saturate_i32(pinot_ref_load_i64(type, pinot_tensor_get_data(min), 0));
        b->imax = saturate_i32(pinot_ref_load_i64(type, pinot_tensor_get_data(max), 0));
    } else {
        b->fmin = (float)pinot_ref_load_f64(type, pinot_tensor_get_data(min), 0);
        b->fmax = (float)pinot_ref_load_f64(type, pinot_tensor_get_data(max), 0);
    }
}

/* OpenVINO's shape inference requires min < max (compared in the input type). */
static pinot_status check_bounds(const struct pinot_node * node, bool runtime, pinot_dtype type,
                                 const pinot_tensor_t * min, const pinot_tensor_t * max) {
    const void * a = pinot_tensor_get_data(min);
    const void * b = pinot_tensor_get_data(max);
    if (pinot_ref_is_int(type)) {
        int64_t lo = pinot_ref_load_i64(type, a, 0), hi = pinot_ref_load_i64(type, b, 0);
        if (!(lo < hi)) {
            return pinot_move_fail(node, runtime, "Min value must be less than max value. Got min value: %lld, "
                                   "max value: %lld", (long long)lo, (long long)hi);
        }
        if (saturate_i32(lo) == saturate_i32(hi)) {
            /* Both beyond the i32 range the plugin computes in: an empty range there. */
            return pinot_move_fail(node, runtime, "min and max (%lld, %lld) are equal once saturated to i32, "
                                   "the precision RandomUniform computes integers in", (long long)lo, (long long)hi);
        }
    } else {
        double lo = pinot_ref_load_f64(type, a, 0), hi = pinot_ref_load_f64(type, b, 0);
        if (!(lo < hi)) {
            return pinot_move_fail(node, runtime, "Min value must be less than max value. Got min value: %g, "
                                   "max value: %g", lo, hi);
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status random_uniform_validate(struct pinot_node * node) {
    struct random_uniform_attrs * a = node->attrs;
    pinot_dtype out_type = a->output_type;
    if (!supported_type(out_type)) {
        return pinot_move_fail(node, false, "'min_val' and 'max_val' should have the same type as 'out_type' attribute, "
                               "which must be f32, f16, bf16, f64, i32 or i64 (got %s)",
                               pinot_dtype_name(out_type));
    }
    if (a->global_seed < 0 || a->op_seed < 0) {
        return pinot_move_fail(node, false, "global_seed and op_seed should be positive or 0 (got %lld and %lld)",
                               (long long)a->global_seed, (long long)a->op_seed);
    }
    pinot_dtype shape_type = pinot_node_input_type(node, 0);
    if (shape_type != PINOT_DTYPE_I32 && shape_type != PINOT_DTYPE_I64 && shape_type != PINOT_DTYPE_DYNAMIC) {
        return pinot_move_fail(node, false, "Type of the input should be int32 or int64 (got %s).",
                               pinot_dtype_name(shape_type));
    }
    const pinot_partial_shape * shape_ps = pinot_node_input_shape(node, 0);
    if (shape_ps->rank >= 0 && shape_ps->rank != 1) {
        return pinot_move_fail(node, false, "The rank of the tensor defining output shape must be equal to 1 (got %s)",
                               pinot_move_text(shape_ps).s);
    }
    pinot_dtype min_type = pinot_node_input_type(node, 1), max_type = pinot_node_input_type(node, 2);
    if (min_type != max_type && min_type != PINOT_DTYPE_DYNAMIC && max_type != PINOT_DTYPE_DYNAMIC) {
        return pinot_move_fail(node, false, "'min_val' should have the same type as 'max_val' (got %s and %s).",
                               pinot_dtype_name(min_type), pinot_dtype_name(max_type));
    }
    for (uint32_t k = 1; k < 3; k++) {
        pinot_dtype t = pinot_node_input_type(node, k);
        if (t != out_type && t != PINOT_DTYPE_DYNAMIC) {
            return pinot_move_fail(node, false, "'min_val' and 'max_val' should have the same type as 'out_type' "
                                   "attribute (got %s, out_type %s).", pinot_dtype_name(t), pinot_dtype_name(out_type));
        }
        const pinot_partial_shape * ps = pinot_node_input_shape(node, k);
        bool ok = ps->rank < 0 || ps->rank == 0 ||
                  (ps->rank == 1 && ps->dims[0].min <= 1 && (ps->dims[0].max >= 1));
        if (!ok) {
            return pinot_move_fail(node, false, "'%s' must be a scalar or have shape [1] (got %s)",
                                   k == 1 ? "min_val" : "max_val", pinot_move_text(ps).s);
        }
    }
    const pinot_tensor_t * min = pinot_node_input_value(node, 1);
    const pinot_tensor_t * max = pinot_node_input_value(node, 2);
    if (min != NULL && max != NULL && pinot_tensor_get_size(min) == 1 && pinot_tensor_get_size(max) == 1) {
        pinot_status status = check_bounds(node, false, out_type, min, max);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }

    /* The seeds in use and a fresh state: each compile starts the sequence anew. */
    a->key = (uint64_t)a->global_seed;
    a->counter = (uint64_t)a->op_seed;
    if (a->global_seed == 0 && a->op_seed == 0) {
        a->key = entropy(node);
        a->counter = entropy(a);
    }
    a->state_n = 0;
    a->state_counter = 0;

    pinot_partial_shape out = {.rank = -1};
    int64_t dims[PINOT_MAX_RANK];
    uint32_t n = 0;
    bool known = false;
    pinot_status status = pinot_move_input_values(node, NULL, 0, dims, PINOT_MAX_RANK, &n, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (known) {
        out.rank = (int32_t)n;
        for (uint32_t i = 0; i < n; i++) {
            if (dims[i] < 0) {
                return pinot_move_fail(node, false, "output shape values must be non-negative (got %lld at %u)",
                                       (long long)dims[i], i);
            }
            out.dims[i] = pinot_dim_static(dims[i]);
        }
    } else if (shape_ps->rank == 1 && pinot_dim_is_static(shape_ps->dims[0])) {
        if (shape_ps->dims[0].min > PINOT_MAX_RANK) {
            return pinot_move_fail(node, false, "output rank %lld exceeds %d", (long long)shape_ps->dims[0].min,
                                   PINOT_MAX_RANK);
        }
        out.rank = (int32_t)shape_ps->dims[0].min;
        for (int32_t i = 0; i < out.rank; i++) {
            out.dims[i] = pinot_dim_dynamic();
        }
    }
    pinot_node_set_output(node, 0, out_type, &out);
    return PINOT_STATUS_OK;
}

/* Element i's value from word w (and bounds b), for the TensorFlow alignment. */
static void store_tensorflow(pinot_dtype type, void * data, uint64_t i, uint32_t w, const struct bounds * b) {
    switch (type) {
    case PINOT_DTYPE_BF16: {
        float v = bits_f32(((w & 0x7fu) | 0x3f80u) << 16) - 1.0f;
        float range = bits_f32((uint32_t)round_bf16_ov(b->fmax - b->fmin) << 16);
        ((uint16_t *)data)[i] = round_bf16_even(fmaf(v, range, b->fmin));
        break;
    }
    case PINOT_DTYPE_I32:
    case PINOT_DTYPE_I64: {
        /* The range wraps in i32; C's truncating % of the non-negative word. */
        int64_t range = (int32_t)((uint32_t)b->imax - (uint32_t)b->imin);
        int64_t t = (int64_t)w % range;
        int32_t v = (int32_t)((uint32_t)t + (uint32_t)b->imin);
        pinot_ref_store_i64(type, data, i, v);
        break;
    }
    default: {
        float v = bits_f32((w & 0x7fffffu) | 0x3f800000u) - 1.0f;
        float out = fmaf(v, b->fmax - b->fmin, b->fmin);
        if (type == PINOT_DTYPE_F32) {
            ((float *)data)[i] = out;
        } else {
            pinot_ref_store_f64(type, data, i, (double)out);
        }
    }
    }
}

static void store_pytorch(pinot_dtype type, void * data, uint64_t i, uint32_t w, const struct bounds * b) {
    switch (type) {
    case PINOT_DTYPE_BF16: {
        float v = (float)(w & 0xffu) * 0x1p-8f;
        float range = bits_f32((uint32_t)round_bf16_ov(b->fmax - b->fmin) << 16);
        ((uint16_t *)data)[i] = round_bf16_ov(mul_add_unfused(v, range, b->fmin));
        break;
    }
    case PINOT_DTYPE_I32:
    case PINOT_DTYPE_I64: {
        /* Floor modulo (the remainder takes the sign of the wrapped range). */
        int64_t range = (int32_t)((uint32_t)b->imax - (uint32_t)b->imin);
        int64_t t = (int64_t)w % range;
        if (t != 0 && ((t < 0) != (range < 0))) {
            t += range;
        }
        int32_t v = (int32_t)((uint32_t)t + (uint32_t)b->imin);
        pinot_ref_store_i64(type, data, i, v);
        break;
    }
    default: {
        float v = (float)(w & 0xffffffu) * 0x1p-24f;
        float out = mul_add_unfused(v, b->fmax - b->fmin, b->fmin);
        if (type == PINOT_DTYPE_F32) {
            ((float *)data)[i] = out;
        } else {
            pinot_ref_store_f64(type, data, i, (double)out);
        }
    }
    }
}

static pinot_status random_uniform_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                            pinot_tensor_t * const * outputs) {
    /* The attrs are this node's own (the compiled model's copy); the state words
     * beyond the attributes change under state_lock. */
    struct random_uniform_attrs * a = node->attrs;
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    int64_t dims[PINOT_MAX_RANK];
    uint32_t rank = 0;
    bool known = false;
    pinot_status status = pinot_move_input_values(node, inputs, 0, dims, PINOT_MAX_RANK, &rank, &known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_size(inputs[1]) != 1 || pinot_tensor_get_size(inputs[2]) != 1) {
        return pinot_move_fail(node, true, "min_val and max_val must hold one value each");
    }
    status = check_bounds(node, true, type, inputs[1], inputs[2]);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_shape shape = {.rank = rank};
    uint64_t count = 1;
    for (uint32_t i = 0; i < rank; i++) {
        if (dims[i] < 0) {
            return pinot_move_fail(node, true, "output shape values must be non-negative (got %lld at %u)",
                                   (long long)dims[i], i);
        }
        shape.dims[i] = dims[i];
        count *= (uint64_t)dims[i];
    }
    status = pinot_tensor_set_shape(outputs[0], &shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    struct bounds b = {0};
    read_bounds(type, inputs[1], inputs[2], &b);

    struct word_source source = {.philox = a->alignment == ALIGN_TENSORFLOW, .used = 4};
    if (source.philox) {
        /* Claim this run's blocks and move the state past them (OpenVINO skips 256 blocks per element). */
        pthread_mutex_lock(&state_lock);
        uint64_t n = a->state_n, counter = a->state_counter;
        uint64_t skip = count * 256u;
        a->state_n = n + skip;
        if (a->state_n < skip) {
            a->state_counter++;
        }
        pthread_mutex_unlock(&state_lock);
        source.key = a->key;
        source.counter = counter > 0 ? counter : a->counter;
        source.n = n;
    } else {
        mt_seed(&source.mt, (uint32_t)a->key);
    }
    void * data = pinot_tensor_get_data(outputs[0]);
    for (uint64_t i = 0; i < count; i++) {
        uint32_t w = next_word(&source);
        if (source.philox) {
            store_tensorflow(type, data, i, w, &b);
        } else {
            store_pytorch(type, data, i, w, &b);
        }
    }
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_random_uniform = {
    .type_name = "RandomUniform",
    .versions = (const uint8_t[]){8, 0},
    .attrs = random_uniform_attrs_desc,
    .attrs_size = sizeof(struct random_uniform_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = random_uniform_validate,
    .evaluate = random_uniform_evaluate,
};

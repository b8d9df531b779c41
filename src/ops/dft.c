/* The Fourier family: DFT-7, IDFT-7, RDFT-9, IRDFT-9 and STFT-15, with
 * OpenVINO's shapes (a complex tensor is real with a trailing dimension of 2:
 * [re, im]). Reference kernels in double: radix-2 FFT for powers of two and
 * Bluestein's chirp-z (on a radix-2 FFT) for other lengths, so every length is
 * O(n log n). Not here: optimized kernels (src/kernels).
 *
 * DFT/IDFT: data [..., 2], axes [k], signal_size [k] (optional; -1 keeps the
 *           input length) -> [..., 2] with each transformed axis resized
 *           (truncated or zero-padded) to its signal size. IDFT scales by 1/n.
 * RDFT:     data [...] real -> [..., 2]; the last listed axis keeps n/2+1 bins.
 * IRDFT:    data [..., 2] one-sided -> [...] real; the last listed axis
 *           becomes signal_size or 2*(m-1) long (numpy's irfftn).
 * STFT:     signal [B, L] or [L], window [W <= S], frame_size S, frame_step
 *           -> [B, F, S/2+1, 2] (transpose_frames: [B, S/2+1, F, 2]),
 *           F = (L - S) / step + 1; the window is centered in the frame. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/movement-impl.h"
#include "ops/ref-util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static bool is_float_type(pinot_dtype t) {
    return t == PINOT_DTYPE_DYNAMIC || t == PINOT_DTYPE_F32 || t == PINOT_DTYPE_F16 || t == PINOT_DTYPE_BF16 ||
           t == PINOT_DTYPE_F64;
}

static bool is_index_type(pinot_dtype t) {
    return t == PINOT_DTYPE_DYNAMIC || t == PINOT_DTYPE_I32 || t == PINOT_DTYPE_I64;
}

/* ---- FFT ---- */

/* One transform length: radix-2 when n is a power of two, else Bluestein with
 * a chirp w[k] = exp(-+i pi k^2 / n) and the FFT of its conjugate, length m >= 2n-1. */
struct fft_plan {
    int64_t n, m;
    bool inverse;
    double * w;  /* 2n: chirp */
    double * bf; /* 2m: FFT of the conjugate chirp, wrapped */
    double * a;  /* 2m: scratch */
};

static bool is_pow2(int64_t n) { return n > 0 && (n & (n - 1)) == 0; }

/* In-place radix-2 FFT of n interleaved complex values (n a power of two),
 * sign -1 forward, +1 inverse (unscaled). */
static void fft_radix2(double * x, int64_t n, bool inverse) {
    for (int64_t i = 1, j = 0; i < n; i++) {
        int64_t bit = n >> 1;
        for (; j & bit; bit >>= 1) {
            j ^= bit;
        }
        j ^= bit;
        if (i < j) {
            double tr = x[2 * i], ti = x[2 * i + 1];
            x[2 * i] = x[2 * j];
            x[2 * i + 1] = x[2 * j + 1];
            x[2 * j] = tr;
            x[2 * j + 1] = ti;
        }
    }
    double sign = inverse ? 1.0 : -1.0;
    for (int64_t len = 2; len <= n; len <<= 1) {
        int64_t half = len >> 1;
        for (int64_t k = 0; k < half; k++) {
            /* Twiddles from cos/sin directly rather than a recurrence: exact to an ulp. */
            double angle = sign * 2.0 * M_PI * (double)k / (double)len;
            double wr = cos(angle), wi = sin(angle);
            for (int64_t s = 0; s < n; s += len) {
                double * u = x + 2 * (s + k);
                double * v = x + 2 * (s + k + half);
                double vr = v[0] * wr - v[1] * wi;
                double vi = v[0] * wi + v[1] * wr;
                v[0] = u[0] - vr;
                v[1] = u[1] - vi;
                u[0] += vr;
                u[1] += vi;
            }
        }
    }
}

static void fft_plan_free(struct fft_plan * p) {
    free(p->w);
    free(p->bf);
    free(p->a);
    p->w = p->bf = p->a = NULL;
}

static bool fft_plan_init(struct fft_plan * p, int64_t n, bool inverse) {
    memset(p, 0, sizeof(*p));
    p->n = n;
    p->inverse = inverse;
    if (n <= 1 || is_pow2(n)) {
        return true;
    }
    int64_t m = 1;
    while (m < 2 * n - 1) {
        m <<= 1;
    }
    p->m = m;
    p->w = malloc(2 * (size_t)n * sizeof(double));
    p->bf = calloc(2 * (size_t)m, sizeof(double));
    p->a = malloc(2 * (size_t)m * sizeof(double));
    if (p->w == NULL || p->bf == NULL || p->a == NULL) {
        fft_plan_free(p);
        return false;
    }
    double sign = inverse ? 1.0 : -1.0;
    for (int64_t k = 0; k < n; k++) {
        /* k^2 mod 2n keeps the angle small, so large k loses no precision. */
        int64_t k2 = (int64_t)(((uint64_t)k * (uint64_t)k) % (uint64_t)(2 * n));
        double angle = sign * M_PI * (double)k2 / (double)n;
        p->w[2 * k] = cos(angle);
        p->w[2 * k + 1] = sin(angle);
    }
    p->bf[0] = p->w[0];
    p->bf[1] = -p->w[1];
    for (int64_t k = 1; k < n; k++) {
        p->bf[2 * k] = p->bf[2 * (m - k)] = p->w[2 * k];
        p->bf[2 * k + 1] = p->bf[2 * (m - k) + 1] = -p->w[2 * k + 1];
    }
    fft_radix2(p->bf, m, false);
    return true;
}

/* Unscaled transform of n interleaved complex values in place. */
static void fft_run(struct fft_plan * p, double * x) {
    int64_t n = p->n, m = p->m;
    if (n <= 1) {
        return;
    }
    if (m == 0) {
        fft_radix2(x, n, p->inverse);
        return;
    }
    double * a = p->a;
    const double * w = p->w;
    memset(a, 0, 2 * (size_t)m * sizeof(double));
    for (int64_t k = 0; k < n; k++) {
        a[2 * k] = x[2 * k] * w[2 * k] - x[2 * k + 1] * w[2 * k + 1];
        a[2 * k + 1] = x[2 * k] * w[2 * k + 1] + x[2 * k + 1] * w[2 * k];
    }
    fft_radix2(a, m, false);
    for (int64_t k = 0; k < m; k++) {
        double r = a[2 * k] * p->bf[2 * k] - a[2 * k + 1] * p->bf[2 * k + 1];
        double i = a[2 * k] * p->bf[2 * k + 1] + a[2 * k + 1] * p->bf[2 * k];
        a[2 * k] = r;
        a[2 * k + 1] = i;
    }
    fft_radix2(a, m, true);
    double scale = 1.0 / (double)m;
    for (int64_t k = 0; k < n; k++) {
        double r = a[2 * k] * scale, i = a[2 * k + 1] * scale;
        x[2 * k] = r * w[2 * k] - i * w[2 * k + 1];
        x[2 * k + 1] = r * w[2 * k + 1] + i * w[2 * k];
    }
}

/* Transform every line of a dense complex buffer of shape dims[0..rank) along
 * @p axis (interleaved re/im); inverse also scales by 1/n. */
static bool fft_along_axis(double * buf, const int64_t * dims, uint32_t rank, uint32_t axis, bool inverse) {
    int64_t n = dims[axis];
    int64_t outer = 1, inner = 1;
    for (uint32_t d = 0; d < axis; d++) {
        outer *= dims[d];
    }
    for (uint32_t d = axis + 1; d < rank; d++) {
        inner *= dims[d];
    }
    if (n == 0 || outer == 0 || inner == 0) {
        return true;
    }
    struct fft_plan plan;
    double * line = malloc(2 * (size_t)n * sizeof(double));
    if (line == NULL || !fft_plan_init(&plan, n, inverse)) {
        free(line);
        return false;
    }
    double scale = inverse ? 1.0 / (double)n : 1.0;
    for (int64_t o = 0; o < outer; o++) {
        for (int64_t i = 0; i < inner; i++) {
            double * base = buf + 2 * (o * n * inner + i);
            for (int64_t k = 0; k < n; k++) {
                line[2 * k] = base[2 * k * inner];
                line[2 * k + 1] = base[2 * k * inner + 1];
            }
            fft_run(&plan, line);
            for (int64_t k = 0; k < n; k++) {
                base[2 * k * inner] = line[2 * k] * scale;
                base[2 * k * inner + 1] = line[2 * k + 1] * scale;
            }
        }
    }
    fft_plan_free(&plan);
    free(line);
    return true;
}

/* ---- DFT, IDFT, RDFT, IRDFT: shapes ---- */

enum { KIND_DFT, KIND_IDFT, KIND_RDFT, KIND_IRDFT };

static int dft_kind(const struct pinot_node * node) {
    switch (node->op) {
    case PINOT_OP_IDFT:
        return KIND_IDFT;
    case PINOT_OP_RDFT:
        return KIND_RDFT;
    case PINOT_OP_IRDFT:
        return KIND_IRDFT;
    default:
        return KIND_DFT;
    }
}

/* What the shape function found: the normalized axes and signal sizes (when known). */
struct dft_plan {
    uint32_t n_axes;
    int64_t axes[PINOT_MAX_RANK];
    int64_t sizes[PINOT_MAX_RANK]; /* -1: the default length */
    bool axes_known, sizes_known;
};

/* The shape function of DFT/IDFT/RDFT/IRDFT, from constants in validate()
 * (inputs NULL) or from the tensors in evaluate(). */
static pinot_status dft_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs, struct dft_plan * p,
                              pinot_partial_shape * out) {
    bool runtime = inputs != NULL;
    int kind = dft_kind(node);
    bool complex_in = kind != KIND_RDFT;
    bool has_sizes = node->n_inputs > 2;
    pinot_partial_shape data = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape axes_ps = pinot_move_input_shape(node, inputs, 1);
    memset(p, 0, sizeof(*p));
    if (axes_ps.rank >= 0 && axes_ps.rank != 1) {
        return pinot_move_fail(node, runtime, "Axes input must be 1D tensor (got rank %d)", axes_ps.rank);
    }
    int64_t sizes_vals[PINOT_MAX_RANK];
    uint32_t n_sizes = 0;
    if (has_sizes) {
        pinot_partial_shape sizes_ps = pinot_move_input_shape(node, inputs, 2);
        if (sizes_ps.rank >= 0 && sizes_ps.rank != 1) {
            return pinot_move_fail(node, runtime, "Signal size input must be 1D tensor (got rank %d)", sizes_ps.rank);
        }
        if (axes_ps.rank == 1 && sizes_ps.rank == 1 && !pinot_dim_compatible(axes_ps.dims[0], sizes_ps.dims[0])) {
            return pinot_move_fail(node, runtime,
                                   "Sizes of inputs 'axes' and 'signal_size' must be equal (got %s and %s)",
                                   pinot_move_text(&axes_ps).s, pinot_move_text(&sizes_ps).s);
        }
        pinot_status status = pinot_move_input_values(node, inputs, 2, sizes_vals, PINOT_MAX_RANK, &n_sizes,
                                                      &p->sizes_known);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    int64_t axes_vals[PINOT_MAX_RANK];
    uint32_t n_axes = 0;
    pinot_status status = pinot_move_input_values(node, inputs, 1, axes_vals, PINOT_MAX_RANK, &n_axes,
                                                  &p->axes_known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (data.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    int32_t signal_rank = complex_in ? data.rank - 1 : data.rank;
    if (complex_in) {
        if (data.rank < 2) {
            return pinot_move_fail(node, runtime, "The input rank must be greater or equal to 2 (got %d)", data.rank);
        }
        if (!pinot_dim_compatible(data.dims[data.rank - 1], pinot_dim_static(2))) {
            return pinot_move_fail(node, runtime, "The last dimension of input data must be 2 (got shape %s)",
                                   pinot_move_text(&data).s);
        }
    } else if (data.rank < 1) {
        return pinot_move_fail(node, runtime, "The input rank must be greater or equal to 1 (got 0)");
    }
    if (axes_ps.rank == 1 && pinot_dim_is_static(axes_ps.dims[0]) && axes_ps.dims[0].min > signal_rank) {
        return pinot_move_fail(node, runtime, "The number of axes (%lld) must not exceed the signal rank %d",
                               (long long)axes_ps.dims[0].min, signal_rank);
    }
    *out = data;
    if (!p->axes_known) {
        /* Without the axes only the rank is known (and for DFT/IDFT without
         * signal sizes, the shape is unchanged). */
        if (kind == KIND_IRDFT) {
            pinot_partial_shape_dynamic(out, signal_rank);
        } else if (kind == KIND_RDFT) {
            pinot_partial_shape_dynamic(out, signal_rank + 1);
            out->dims[signal_rank] = pinot_dim_static(2);
        } else {
            if (has_sizes) {
                for (int32_t d = 0; d < signal_rank; d++) {
                    out->dims[d] = pinot_dim_dynamic();
                }
            }
            out->dims[signal_rank] = pinot_dim_static(2);
        }
        return PINOT_STATUS_OK;
    }
    if (n_axes == 0 && kind != KIND_DFT && kind != KIND_IDFT) {
        return pinot_move_fail(node, runtime, "Axes input must not be empty");
    }
    if (has_sizes && p->sizes_known && n_sizes != n_axes) {
        return pinot_move_fail(node, runtime, "Sizes of inputs 'axes' and 'signal_size' must be equal (got %u and %u)",
                               n_axes, n_sizes);
    }
    p->n_axes = n_axes;
    for (uint32_t i = 0; i < n_axes; i++) {
        int64_t a = axes_vals[i];
        if (a < -signal_rank || a >= signal_rank) {
            return pinot_move_fail(node, runtime, "Axis %lld out of the signal rank range [%d, %d]", (long long)a,
                                   -signal_rank, signal_rank - 1);
        }
        p->axes[i] = a < 0 ? a + signal_rank : a;
        for (uint32_t j = 0; j < i; j++) {
            if (p->axes[j] == p->axes[i]) {
                return pinot_move_fail(node, runtime, "Each axis must be unique (axis %lld repeats)",
                                       (long long)p->axes[i]);
            }
        }
        p->sizes[i] = -1;
        if (has_sizes && p->sizes_known) {
            /* 0 is an empty signal (an empty output), as OpenVINO */
            if (sizes_vals[i] < -1) {
                return pinot_move_fail(node, runtime, "Signal size must be -1 or non-negative (got %lld)",
                                       (long long)sizes_vals[i]);
            }
            p->sizes[i] = sizes_vals[i];
        }
    }
    for (uint32_t i = 0; i < n_axes; i++) {
        int64_t a = p->axes[i];
        bool last = i + 1 == n_axes;
        pinot_dim d = data.dims[a];
        if (has_sizes && !p->sizes_known) {
            d = pinot_dim_dynamic();
        } else if (p->sizes[i] != -1) {
            d = pinot_dim_static(p->sizes[i]);
        } else if (kind == KIND_IRDFT && last && !pinot_dim_is_empty(d)) {
            /* 2 * (m - 1), an interval when m is. */
            int64_t lo = d.min > 0 ? 2 * (d.min - 1) : 0;
            int64_t hi = d.max >= PINOT_DIM_INF ? PINOT_DIM_INF : (d.max > 0 ? 2 * (d.max - 1) : 0);
            d = pinot_dim_make(lo, hi);
        }
        if (kind == KIND_RDFT && last && !pinot_dim_is_empty(d)) {
            /* n/2 + 1 bins, and none for an empty axis (OpenVINO's shape inference) */
            d = pinot_dim_make(d.min > 0 ? d.min / 2 + 1 : 0,
                               d.max >= PINOT_DIM_INF ? PINOT_DIM_INF : d.max > 0 ? d.max / 2 + 1 : 0);
        }
        out->dims[a] = d;
    }
    if (kind == KIND_IRDFT) {
        out->rank = signal_rank;
    } else {
        out->rank = signal_rank + 1;
        out->dims[signal_rank] = pinot_dim_static(2);
    }
    return PINOT_STATUS_OK;
}

static pinot_status dft_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (!is_float_type(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Data element type must be f32, f16, bf16 or f64 (got %s)", pinot_dtype_name(type));
    }
    for (uint32_t i = 1; i < node->n_inputs; i++) {
        pinot_dtype t = pinot_node_input_type(node, i);
        if (!is_index_type(t)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s element type must be i32 or i64 (got %s)",
                                    i == 1 ? "Axes" : "Signal size", pinot_dtype_name(t));
        }
    }
    struct dft_plan plan;
    pinot_partial_shape out;
    pinot_status status = dft_shape(node, NULL, &plan, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* ---- DFT, IDFT, RDFT, IRDFT: kernel ---- */

/* Multi-index walk over dims[0..rank), row-major; false when done. */
static bool next_index(int64_t * index, const int64_t * dims, uint32_t rank) {
    for (uint32_t d = rank; d-- > 0;) {
        if (++index[d] < dims[d]) {
            return true;
        }
        index[d] = 0;
    }
    return false;
}

static int64_t count_of(const int64_t * dims, uint32_t rank) {
    int64_t c = 1;
    for (uint32_t d = 0; d < rank; d++) {
        c *= dims[d];
    }
    return c;
}

/* Bytes of a complex double buffer of @p count elements, 0 when it would overflow. */
static size_t complex_bytes(int64_t count) {
    if (count < 0 || (uint64_t)count > SIZE_MAX / (2 * sizeof(double))) {
        return 0;
    }
    return (size_t)count * 2 * sizeof(double) + (count == 0);
}

static pinot_status dft_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t * const * outputs) {
    int kind = dft_kind(node);
    struct dft_plan p;
    pinot_partial_shape out_ps;
    pinot_status status = dft_shape(node, inputs, &p, &out_ps);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * in_shape = pinot_tensor_get_shape(inputs[0]);
    bool complex_in = kind != KIND_RDFT;
    uint32_t rank = complex_in ? in_shape->rank - 1 : in_shape->rank;
    /* The work buffer: the input resized to the signal sizes (IRDFT: its last
     * axis at full length n, filled from the first n/2+1 input bins). */
    int64_t in_dims[PINOT_MAX_RANK], work[PINOT_MAX_RANK], fill[PINOT_MAX_RANK], out_dims[PINOT_MAX_RANK];
    for (uint32_t d = 0; d < rank; d++) {
        in_dims[d] = in_shape->dims[d];
        work[d] = in_dims[d];
        fill[d] = in_dims[d];
    }
    uint32_t last_axis = (uint32_t)p.axes[p.n_axes > 0 ? p.n_axes - 1 : 0];
    for (uint32_t i = 0; i < p.n_axes; i++) {
        uint32_t a = (uint32_t)p.axes[i];
        if (p.sizes[i] != -1) {
            work[a] = p.sizes[i];
        } else if (kind == KIND_IRDFT && a == last_axis) {
            work[a] = in_dims[a] > 0 ? 2 * (in_dims[a] - 1) : 0;
        }
        fill[a] = work[a] < in_dims[a] ? work[a] : in_dims[a];
        if (kind == KIND_IRDFT && a == last_axis && fill[a] > work[a] / 2 + 1) {
            fill[a] = work[a] / 2 + 1;
        }
    }
    for (uint32_t d = 0; d < rank; d++) {
        out_dims[d] = work[d];
    }
    if (kind == KIND_RDFT && p.n_axes > 0) {
        /* an empty axis has no spectrum: no bins, as OpenVINO */
        out_dims[last_axis] = work[last_axis] > 0 ? work[last_axis] / 2 + 1 : 0;
    }
    int64_t work_count = count_of(work, rank);
    if (work_count == 0) {
        return PINOT_STATUS_OK; /* an empty signal gives an empty output */
    }
    size_t bytes = complex_bytes(work_count);
    double * buf = bytes != 0 ? calloc(1, bytes) : NULL;
    if (buf == NULL) {
        return pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "cannot allocate the %lld-element work buffer",
                                     (long long)work_count);
    }
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    const void * x = pinot_tensor_get_data(inputs[0]);
    int64_t work_strides[PINOT_MAX_RANK], in_strides[PINOT_MAX_RANK];
    for (int64_t d = (int64_t)rank - 1, ws = 1, is = 1; d >= 0; d--) {
        work_strides[d] = ws;
        in_strides[d] = is;
        ws *= work[d];
        is *= in_dims[d];
    }
    int64_t index[PINOT_MAX_RANK] = {0};
    if (count_of(fill, rank) > 0) {
        do {
            int64_t wi = 0, ii = 0;
            for (uint32_t d = 0; d < rank; d++) {
                wi += index[d] * work_strides[d];
                ii += index[d] * in_strides[d];
            }
            if (complex_in) {
                buf[2 * wi] = pinot_ref_load_f64(type, x, (uint64_t)(2 * ii));
                buf[2 * wi + 1] = pinot_ref_load_f64(type, x, (uint64_t)(2 * ii + 1));
            } else {
                buf[2 * wi] = pinot_ref_load_f64(type, x, (uint64_t)ii);
            }
        } while (next_index(index, fill, rank));
    }
    bool inverse = kind == KIND_IDFT || kind == KIND_IRDFT;
    bool ok = true;
    for (uint32_t i = 0; i < p.n_axes && ok; i++) {
        uint32_t a = (uint32_t)p.axes[i];
        if (kind == KIND_IRDFT && a == last_axis) {
            /* Complete the Hermitian spectrum of every line: X[n-k] = conj(X[k]). */
            int64_t n = work[a];
            int64_t inner = work_strides[a];
            int64_t outer = work_count / (n > 0 ? n * inner : 1);
            for (int64_t o = 0; o < outer && n > 0; o++) {
                for (int64_t in = 0; in < inner; in++) {
                    double * base = buf + 2 * (o * n * inner + in);
                    for (int64_t k = n / 2 + 1; k < n; k++) {
                        base[2 * k * inner] = base[2 * (n - k) * inner];
                        base[2 * k * inner + 1] = -base[2 * (n - k) * inner + 1];
                    }
                }
            }
            continue;
        }
        ok = fft_along_axis(buf, work, rank, a, inverse);
    }
    if (ok && kind == KIND_IRDFT && p.n_axes > 0) {
        /* The last axis goes last: numpy's irfftn inverts the other axes first. */
        ok = fft_along_axis(buf, work, rank, last_axis, true);
    }
    if (!ok) {
        free(buf);
        return pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "cannot allocate the FFT scratch buffers");
    }
    void * y = pinot_tensor_get_data(outputs[0]);
    int64_t out_count = count_of(out_dims, rank);
    memset(index, 0, sizeof(index));
    int64_t oi = 0;
    if (out_count > 0) {
        do {
            int64_t wi = 0;
            for (uint32_t d = 0; d < rank; d++) {
                wi += index[d] * work_strides[d];
            }
            if (kind == KIND_IRDFT) {
                /* numpy's irfft ignores the imaginary parts of the DC and Nyquist bins: so does the real part. */
                pinot_ref_store_f64(type, y, (uint64_t)oi, buf[2 * wi]);
            } else {
                pinot_ref_store_f64(type, y, (uint64_t)(2 * oi), buf[2 * wi]);
                pinot_ref_store_f64(type, y, (uint64_t)(2 * oi + 1), buf[2 * wi + 1]);
            }
            oi++;
        } while (next_index(index, out_dims, rank));
    }
    free(buf);
    return PINOT_STATUS_OK;
}

static const uint8_t dft_versions[] = {7, 0};
static const uint8_t rdft_versions[] = {9, 0};

const struct pinot_op_impl pinot_op_impl_dft = {
    .type_name = "DFT",
    .versions = dft_versions,
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = dft_validate,
    .evaluate = dft_evaluate,
};

const struct pinot_op_impl pinot_op_impl_idft = {
    .type_name = "IDFT",
    .versions = dft_versions,
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = dft_validate,
    .evaluate = dft_evaluate,
};

const struct pinot_op_impl pinot_op_impl_rdft = {
    .type_name = "RDFT",
    .versions = rdft_versions,
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = dft_validate,
    .evaluate = dft_evaluate,
};

const struct pinot_op_impl pinot_op_impl_irdft = {
    .type_name = "IRDFT",
    .versions = rdft_versions,
    .min_inputs = 2,
    .max_inputs = 3,
    .validate = dft_validate,
    .evaluate = dft_evaluate,
};

/* ---- STFT ---- */

struct stft_attrs {
    bool transpose_frames;
};

static const struct pinot_attr_desc stft_attr_descs[] = {
    PINOT_ATTR(struct stft_attrs, transpose_frames, "transpose_frames", PINOT_ATTR_BOOL, true, NULL),
    PINOT_ATTR_END,
};

/* Read a scalar (or one-element) integer input: known from a Constant in validate(), always in evaluate(). */
static pinot_status stft_scalar(const struct pinot_node * node, pinot_tensor_t * const * inputs, uint32_t i,
                                const char * what, int64_t * value, bool * known) {
    pinot_partial_shape ps = pinot_move_input_shape(node, inputs, i);
    if (ps.rank > 1 || (ps.rank == 1 && !pinot_dim_compatible(ps.dims[0], pinot_dim_static(1)))) {
        return pinot_move_fail(node, inputs != NULL, "%s must be a scalar (got shape %s)", what,
                               pinot_move_text(&ps).s);
    }
    int64_t v[1];
    uint32_t n = 0;
    pinot_status status = pinot_move_input_values(node, inputs, i, v, 1, &n, known);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (*known && n != 1) {
        return pinot_move_fail(node, inputs != NULL, "%s must hold one value (got %u)", what, n);
    }
    *value = *known ? v[0] : 0;
    return PINOT_STATUS_OK;
}

static pinot_status stft_shape(const struct pinot_node * node, pinot_tensor_t * const * inputs, int64_t * frame_size,
                               int64_t * frame_step, pinot_partial_shape * out) {
    const struct stft_attrs * a = PINOT_ATTRS(node, struct stft_attrs);
    bool runtime = inputs != NULL;
    pinot_partial_shape signal = pinot_move_input_shape(node, inputs, 0);
    pinot_partial_shape window = pinot_move_input_shape(node, inputs, 1);
    if (signal.rank >= 0 && signal.rank != 1 && signal.rank != 2) {
        return pinot_move_fail(node, runtime,
                               "The shape of signal must be 1D [signal_size] or 2D [batch, signal_size] (got %s)",
                               pinot_move_text(&signal).s);
    }
    if (window.rank >= 0 && window.rank != 1) {
        return pinot_move_fail(node, runtime, "The shape of window must be 1D [window_size] (got %s)",
                               pinot_move_text(&window).s);
    }
    bool size_known = false, step_known = false;
    pinot_status status = stft_scalar(node, inputs, 2, "frame_size", frame_size, &size_known);
    if (status == PINOT_STATUS_OK) {
        status = stft_scalar(node, inputs, 3, "frame_step", frame_step, &step_known);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (size_known && *frame_size <= 0) {
        return pinot_move_fail(node, runtime, "Provided frame size must be greater than 0 (got %lld)",
                               (long long)*frame_size);
    }
    if (step_known && *frame_step <= 0) {
        return pinot_move_fail(node, runtime, "Provided frame step must be greater than 0 (got %lld)",
                               (long long)*frame_step);
    }
    if (size_known && window.rank == 1 && window.dims[0].min != PINOT_DIM_INF && window.dims[0].min > *frame_size) {
        return pinot_move_fail(node, runtime, "Window size (%lld) must not exceed the frame size (%lld)",
                               (long long)window.dims[0].min, (long long)*frame_size);
    }
    if (signal.rank < 0) {
        pinot_partial_shape_dynamic(out, -1);
        return PINOT_STATUS_OK;
    }
    pinot_dim length = signal.dims[signal.rank - 1];
    if (size_known && pinot_dim_is_static(length) && length.min < *frame_size) {
        return pinot_move_fail(node, runtime, "Frame size (%lld) must not exceed the signal length (%lld)",
                               (long long)*frame_size, (long long)length.min);
    }
    pinot_dim frames = pinot_dim_dynamic(), bins = pinot_dim_dynamic();
    if (size_known) {
        bins = pinot_dim_static(*frame_size / 2 + 1);
        if (step_known && !pinot_dim_is_empty(length)) {
            int64_t lo = length.min >= *frame_size ? (length.min - *frame_size) / *frame_step + 1 : 0;
            int64_t hi = length.max >= *frame_size ? (length.max - *frame_size) / *frame_step + 1 : 0;
            if (length.max >= PINOT_DIM_INF) {
                hi = PINOT_DIM_INF;
            }
            frames = pinot_dim_make(lo, hi);
        }
    }
    out->rank = signal.rank + 2;
    int32_t k = 0;
    if (signal.rank == 2) {
        out->dims[k++] = signal.dims[0];
    }
    out->dims[k++] = a->transpose_frames ? bins : frames;
    out->dims[k++] = a->transpose_frames ? frames : bins;
    out->dims[k] = pinot_dim_static(2);
    return PINOT_STATUS_OK;
}

static pinot_status stft_validate(struct pinot_node * node) {
    pinot_dtype type = pinot_node_input_type(node, 0);
    pinot_dtype wtype = pinot_node_input_type(node, 1);
    if (!is_float_type(type) || !is_float_type(wtype)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Signal and window element types must be f32, f16, bf16 or f64 (got %s and %s)",
                                pinot_dtype_name(type), pinot_dtype_name(wtype));
    }
    for (uint32_t i = 2; i < 4; i++) {
        if (!is_index_type(pinot_node_input_type(node, i))) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s element type must be i32 or i64 (got %s)",
                                    i == 2 ? "frame_size" : "frame_step",
                                    pinot_dtype_name(pinot_node_input_type(node, i)));
        }
    }
    int64_t size = 0, step = 0;
    pinot_partial_shape out;
    pinot_status status = stft_shape(node, NULL, &size, &step, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_set_output(node, 0, type == PINOT_DTYPE_DYNAMIC ? wtype : type, &out);
    return PINOT_STATUS_OK;
}

static pinot_status stft_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                  pinot_tensor_t * const * outputs) {
    const struct stft_attrs * a = PINOT_ATTRS(node, struct stft_attrs);
    int64_t size = 0, step = 0;
    pinot_partial_shape out_ps;
    pinot_status status = stft_shape(node, inputs, &size, &step, &out_ps);
    if (status == PINOT_STATUS_OK) {
        status = pinot_move_set_shape(node, &out_ps, outputs[0]);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * sshape = pinot_tensor_get_shape(inputs[0]);
    int64_t batch = sshape->rank == 2 ? sshape->dims[0] : 1;
    int64_t length = sshape->dims[sshape->rank - 1];
    int64_t frames = (length - size) / step + 1;
    int64_t bins = size / 2 + 1;
    int64_t wlen = pinot_tensor_get_shape(inputs[1])->dims[0];
    int64_t left = (size - wlen) / 2;
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    pinot_dtype wtype = pinot_tensor_get_type(inputs[1]);
    const void * x = pinot_tensor_get_data(inputs[0]);
    const void * w = pinot_tensor_get_data(inputs[1]);
    void * y = pinot_tensor_get_data(outputs[0]);
    size_t bytes = complex_bytes(2 * size);
    double * line = bytes != 0 ? malloc(bytes) : NULL;
    double * window = line != NULL ? line + 2 * size : NULL;
    struct fft_plan plan;
    if (line == NULL || !fft_plan_init(&plan, size, false)) {
        free(line);
        return pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "cannot allocate the FFT buffers");
    }
    /* The window centered in the frame, zeros around it (as torch.stft pads it). */
    for (int64_t t = 0; t < size; t++) {
        int64_t k = t - left;
        window[t] = k >= 0 && k < wlen ? pinot_ref_load_f64(wtype, w, (uint64_t)k) : 0.0;
    }
    for (int64_t b = 0; b < batch; b++) {
        for (int64_t f = 0; f < frames; f++) {
            for (int64_t t = 0; t < size; t++) {
                line[2 * t] = pinot_ref_load_f64(type, x, (uint64_t)(b * length + f * step + t)) * window[t];
                line[2 * t + 1] = 0.0;
            }
            fft_run(&plan, line);
            for (int64_t k = 0; k < bins; k++) {
                int64_t o = a->transpose_frames ? (b * bins + k) * frames + f : (b * frames + f) * bins + k;
                pinot_ref_store_f64(type, y, (uint64_t)(2 * o), line[2 * k]);
                pinot_ref_store_f64(type, y, (uint64_t)(2 * o + 1), line[2 * k + 1]);
            }
        }
    }
    fft_plan_free(&plan);
    free(line);
    return PINOT_STATUS_OK;
}

static const uint8_t stft_versions[] = {15, 0};

const struct pinot_op_impl pinot_op_impl_stft = {
    .type_name = "STFT",
    .versions = stft_versions,
    .attrs = stft_attr_descs,
    .attrs_size = sizeof(struct stft_attrs),
    .min_inputs = 4,
    .max_inputs = 4,
    .validate = stft_validate,
    .evaluate = stft_evaluate,
};

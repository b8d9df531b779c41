/* ONNX translators for RNN / GRU / LSTM, unrolled over a static sequence length into MatMul and
 * elementwise ops (Pinot has no *Sequence ops): one step per time index and direction, with
 * sequence_lens masking, peepholes, layout=1 and the default activations. Rows are in onnx-ops.c. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"

enum rnn_kind { RNN_PLAIN, RNN_GRU, RNN_LSTM };

struct rnn_weights {
    pinot_output_ref w, r;    /* [G*H, I], [G*H, H] */
    pinot_output_ref wb, rb;  /* [G*H] each, or null */
    pinot_output_ref peep[3]; /* LSTM P split in i, o, f ([H] each), or null */
    pinot_output_ref h, c;    /* state [B, H] */
};

/* x[index] along axis 0, dropping the axis. */
static pinot_status take(struct onnx_import * ctx, pinot_output_ref x, int64_t index, pinot_output_ref * out) {
    int64_t zero = 0;
    pinot_output_ref args[3] = {x};
    TRY(onnx_const_i64(ctx, &index, 1, true, &args[1]));
    TRY(onnx_const_i64(ctx, &zero, 1, true, &args[2]));
    return onnx_make(ctx, "Gather", args, 3, NULL, 0, out);
}

/* x[start:stop] along axis. */
static pinot_status rows(struct onnx_import * ctx, pinot_output_ref x, int64_t start, int64_t stop, int64_t axis,
                         pinot_output_ref * out) {
    return onnx_slice_axis(ctx, x, start, stop, 1, axis, out);
}

/* a @ b^T. */
static pinot_status matmul_t(struct onnx_import * ctx, pinot_output_ref a, pinot_output_ref b, pinot_output_ref * out) {
    pinot_output_ref pair[2] = {a, b};
    pinot_attr attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", true)};
    return onnx_make(ctx, "MatMul", pair, 2, attrs, 2, out);
}

static pinot_status add_opt(struct onnx_import * ctx, pinot_output_ref a, pinot_output_ref b, pinot_output_ref * out) {
    if (b.node == NULL) {
        *out = a;
        return PINOT_STATUS_OK;
    }
    return onnx_binary(ctx, "Add", a, b, out);
}

static pinot_status unsqueeze(struct onnx_import * ctx, pinot_output_ref x, int64_t axis, pinot_output_ref * out) {
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
    return onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, out);
}

static pinot_status concat(struct onnx_import * ctx, const pinot_output_ref * parts, size_t n, int64_t axis,
                           pinot_output_ref * out) {
    if (n == 1) {
        *out = parts[0];
        return PINOT_STATUS_OK;
    }
    pinot_attr attrs[] = {ATTR_INT("axis", axis)};
    return onnx_make(ctx, "Concat", parts, n, attrs, 1, out);
}

static pinot_status transpose(struct onnx_import * ctx, pinot_output_ref x, const int64_t * perm, uint32_t rank,
                              pinot_output_ref * out) {
    pinot_output_ref args[2] = {x};
    TRY(onnx_const_i64(ctx, perm, rank, false, &args[1]));
    return onnx_make(ctx, "Transpose", args, 2, NULL, 0, out);
}

/* Activation `index` of the node's list (or the default), applied to x. */
static pinot_status activate(struct onnx_import * ctx, const struct onnx_node * node, uint32_t index,
                             const char * fallback, pinot_output_ref x, pinot_output_ref * out) {
    const struct onnx_attribute * list = onnx_attr(node, "activations");
    char name[32];
    snprintf(name, sizeof(name), "%s", fallback);
    if (list != NULL && index < list->n_strings) {
        const pinot_pb_span * span = &list->strings[index];
        snprintf(name, sizeof(name), "%.*s", (int)(span->size < 31 ? span->size : 31), (const char *)span->data);
    }
    const char * op = strcmp(name, "Sigmoid") == 0 ? "Sigmoid"
                      : strcmp(name, "Tanh") == 0  ? "Tanh"
                      : strcmp(name, "Relu") == 0  ? "Relu"
                                                   : NULL;
    if (op == NULL) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "activation '%s' is not supported", name);
    }
    return onnx_unary(ctx, op, x, out);
}

/* One step of the cell on x_t [B, I]; updates st->h (and st->c). `act` offsets the activation list
 * by direction. */
static pinot_status rnn_step(struct onnx_import * ctx, const struct onnx_node * node, enum rnn_kind kind,
                             int64_t hidden, uint32_t act, struct rnn_weights * st, pinot_output_ref x) {
    pinot_output_ref gx, gh, gates;
    TRY(matmul_t(ctx, x, st->w, &gx));
    TRY(add_opt(ctx, gx, st->wb, &gx));
    if (kind == RNN_PLAIN) {
        TRY(matmul_t(ctx, st->h, st->r, &gh));
        TRY(add_opt(ctx, gh, st->rb, &gh));
        TRY(onnx_binary(ctx, "Add", gx, gh, &gates));
        return activate(ctx, node, act, "Tanh", gates, &st->h);
    }
    if (kind == RNN_GRU) {
        /* z, r, h gate order. */
        pinot_output_ref r_zr, r_h, rb_zr = {NULL, 0}, rb_h = {NULL, 0}, xzr, xh, hzr, z, r, candidate, args[2];
        TRY(rows(ctx, st->r, 0, 2 * hidden, 0, &r_zr));
        TRY(rows(ctx, st->r, 2 * hidden, 3 * hidden, 0, &r_h));
        if (st->rb.node != NULL) {
            TRY(rows(ctx, st->rb, 0, 2 * hidden, 0, &rb_zr));
            TRY(rows(ctx, st->rb, 2 * hidden, 3 * hidden, 0, &rb_h));
        }
        TRY(rows(ctx, gx, 0, 2 * hidden, 1, &xzr));
        TRY(rows(ctx, gx, 2 * hidden, 3 * hidden, 1, &xh));
        TRY(matmul_t(ctx, st->h, r_zr, &hzr));
        TRY(add_opt(ctx, hzr, rb_zr, &hzr));
        TRY(onnx_binary(ctx, "Add", xzr, hzr, &gates));
        TRY(activate(ctx, node, act, "Sigmoid", gates, &gates));
        TRY(rows(ctx, gates, 0, hidden, 1, &z));
        TRY(rows(ctx, gates, hidden, 2 * hidden, 1, &r));
        if (onnx_attr_int(node, "linear_before_reset", 0) != 0) {
            TRY(matmul_t(ctx, st->h, r_h, &args[0]));
            TRY(add_opt(ctx, args[0], rb_h, &args[0]));
            TRY(onnx_binary(ctx, "Multiply", r, args[0], &args[0]));
        } else {
            TRY(onnx_binary(ctx, "Multiply", r, st->h, &args[0]));
            TRY(matmul_t(ctx, args[0], r_h, &args[0]));
            TRY(add_opt(ctx, args[0], rb_h, &args[0]));
        }
        TRY(onnx_binary(ctx, "Add", xh, args[0], &candidate));
        TRY(activate(ctx, node, act + 1, "Tanh", candidate, &candidate));
        /* h = (1 - z) * candidate + z * h = candidate + z * (h - candidate). */
        TRY(onnx_binary(ctx, "Subtract", st->h, candidate, &args[0]));
        TRY(onnx_binary(ctx, "Multiply", z, args[0], &args[0]));
        return onnx_binary(ctx, "Add", candidate, args[0], &st->h);
    }
    /* LSTM: i, o, f, c gate order; peepholes i, o, f. */
    pinot_output_ref i, o, f, g, c, tmp;
    TRY(matmul_t(ctx, st->h, st->r, &gh));
    TRY(add_opt(ctx, gh, st->rb, &gh));
    TRY(onnx_binary(ctx, "Add", gx, gh, &gates));
    TRY(rows(ctx, gates, 0, hidden, 1, &i));
    TRY(rows(ctx, gates, hidden, 2 * hidden, 1, &o));
    TRY(rows(ctx, gates, 2 * hidden, 3 * hidden, 1, &f));
    TRY(rows(ctx, gates, 3 * hidden, 4 * hidden, 1, &g));
    if (st->peep[0].node != NULL) {
        TRY(onnx_binary(ctx, "Multiply", st->peep[0], st->c, &tmp));
        TRY(onnx_binary(ctx, "Add", i, tmp, &i));
        TRY(onnx_binary(ctx, "Multiply", st->peep[2], st->c, &tmp));
        TRY(onnx_binary(ctx, "Add", f, tmp, &f));
    }
    TRY(activate(ctx, node, act, "Sigmoid", i, &i));
    TRY(activate(ctx, node, act, "Sigmoid", f, &f));
    TRY(activate(ctx, node, act + 1, "Tanh", g, &g));
    TRY(onnx_binary(ctx, "Multiply", f, st->c, &c));
    TRY(onnx_binary(ctx, "Multiply", i, g, &tmp));
    TRY(onnx_binary(ctx, "Add", c, tmp, &c));
    if (st->peep[0].node != NULL) {
        TRY(onnx_binary(ctx, "Multiply", st->peep[1], c, &tmp));
        TRY(onnx_binary(ctx, "Add", o, tmp, &o));
    }
    TRY(activate(ctx, node, act, "Sigmoid", o, &o));
    TRY(activate(ctx, node, act + 2, "Tanh", c, &tmp));
    st->c = c;
    return onnx_binary(ctx, "Multiply", o, tmp, &st->h);
}

/* RNN / GRU / LSTM, by node->op_type. */
ONNX_TRANSLATOR(onnx_tr_rnn) {
    TRY(need_inputs(ctx, in, n, 3));
    enum rnn_kind kind = strcmp(node->op_type, "LSTM") == 0  ? RNN_LSTM
                         : strcmp(node->op_type, "GRU") == 0 ? RNN_GRU
                                                             : RNN_PLAIN;
    uint32_t gate_count = kind == RNN_LSTM ? 4 : kind == RNN_GRU ? 3 : 1;
    uint32_t acts_per_dir = kind == RNN_LSTM ? 3 : kind == RNN_GRU ? 2 : 1;
    int64_t hidden = onnx_attr_int(node, "hidden_size", 0);
    bool batch_first = onnx_attr_int(node, "layout", 0) != 0;
    if (hidden <= 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "needs hidden_size");
    }
    if (onnx_attr(node, "clip") != NULL || onnx_attr_int(node, "input_forget", 0) != 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "clip and input_forget are not supported");
    }
    char buf[16];
    const char * direction = onnx_attr_string(node, "direction", "forward", buf, sizeof(buf));
    bool reverse = strcmp(direction, "reverse") == 0, both = strcmp(direction, "bidirectional") == 0;
    uint32_t n_dirs = both ? 2 : 1;
    /* W is [num_directions, gates * hidden_size, input_size]: a hidden_size that disagrees would size the
     * state (and its allocations) after the attribute, not the weights. */
    int64_t w_rows = onnx_static_dim(in[1], 1), w_dirs = onnx_static_dim(in[1], 0);
    if (hidden > INT64_MAX / 4 || (w_rows >= 0 && w_rows != (int64_t)gate_count * hidden) ||
        (w_dirs >= 0 && w_dirs != (int64_t)n_dirs)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "W is [%lld, %lld, ...], but %u direction(s) of %u gate(s) x hidden_size %lld "
                          "need [%u, %lld, ...]",
                          (long long)w_dirs, (long long)w_rows, n_dirs, gate_count, (long long)hidden, n_dirs,
                          hidden > INT64_MAX / 4 ? -1LL : (long long)gate_count * hidden);
    }
    pinot_output_ref x = in[0], bias = onnx_optional_input(in, n, 3), lens = onnx_optional_input(in, n, 4);
    pinot_output_ref h0 = onnx_optional_input(in, n, 5), c0 = onnx_optional_input(in, n, 6);
    pinot_output_ref peep = kind == RNN_LSTM ? onnx_optional_input(in, n, 7) : (pinot_output_ref){NULL, 0};
    static const int64_t swap01[3] = {1, 0, 2};
    if (batch_first) {
        TRY(transpose(ctx, x, swap01, 3, &x));
        if (h0.node != NULL) {
            TRY(transpose(ctx, h0, swap01, 3, &h0));
        }
        if (c0.node != NULL) {
            TRY(transpose(ctx, c0, swap01, 3, &c0));
        }
    }
    int64_t steps = onnx_static_dim(x, 0);
    if (steps < 0) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "needs a static sequence length");
    }
    if (lens.node != NULL && (reverse || both)) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "sequence_lens needs the forward direction");
    }
    /* Zero state [B, H]. */
    pinot_output_ref zeros = {NULL, 0};
    if (h0.node == NULL || (kind == RNN_LSTM && c0.node == NULL)) {
        pinot_output_ref shape, batch, size, args[2];
        pinot_attr shape_attrs[] = {ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
        TRY(onnx_make(ctx, "ShapeOf", &x, 1, shape_attrs, 1, &shape));
        TRY(rows(ctx, shape, 1, 2, 0, &batch));
        TRY(onnx_const_i64(ctx, &hidden, 1, false, &size));
        pinot_output_ref parts[2] = {batch, size};
        TRY(concat(ctx, parts, 2, 0, &args[1]));
        TRY(onnx_const_scalar(ctx, onnx_type_of(x), 0.0, &args[0]));
        pinot_attr attrs[] = {ATTR_STR("mode", "numpy")};
        TRY(onnx_make(ctx, "Broadcast", args, 2, attrs, 1, &zeros));
    }
    pinot_output_ref valid_zero = {NULL, 0};
    if (lens.node != NULL) {
        TRY(onnx_convert(ctx, lens, PINOT_DTYPE_I64, &lens));
        TRY(unsqueeze(ctx, lens, 1, &lens));
        TRY(onnx_const_scalar(ctx, onnx_type_of(x), 0.0, &valid_zero));
    }
    pinot_output_ref ys[2], hs[2], cs[2];
    pinot_output_ref * seq = NULL;
    for (uint32_t d = 0; d < n_dirs; d++) {
        struct rnn_weights st;
        memset(&st, 0, sizeof(st));
        TRY(take(ctx, in[1], d, &st.w));
        TRY(take(ctx, in[2], d, &st.r));
        if (bias.node != NULL) {
            pinot_output_ref b;
            TRY(take(ctx, bias, d, &b));
            TRY(rows(ctx, b, 0, gate_count * hidden, 0, &st.wb));
            TRY(rows(ctx, b, gate_count * hidden, 2 * gate_count * hidden, 0, &st.rb));
        }
        if (peep.node != NULL) {
            pinot_output_ref p;
            TRY(take(ctx, peep, d, &p));
            for (int k = 0; k < 3; k++) {
                TRY(rows(ctx, p, k * hidden, (k + 1) * hidden, 0, &st.peep[k]));
            }
        }
        if (h0.node != NULL) {
            TRY(take(ctx, h0, d, &st.h));
        } else {
            st.h = zeros;
        }
        if (kind == RNN_LSTM) {
            if (c0.node != NULL) {
                TRY(take(ctx, c0, d, &st.c));
            } else {
                st.c = zeros;
            }
        }
        bool backward = reverse || d == 1;
        seq = calloc((size_t)(steps > 0 ? steps : 1), sizeof(*seq));
        if (seq == NULL) {
            return onnx_error(ctx, PINOT_STATUS_OUT_OF_MEMORY, "out of memory");
        }
        pinot_status status = PINOT_STATUS_OK;
        for (int64_t s = 0; s < steps && status == PINOT_STATUS_OK; s++) {
            int64_t t = backward ? steps - 1 - s : s;
            pinot_output_ref x_t, prev_h = st.h, prev_c = st.c;
            status = take(ctx, x, t, &x_t);
            if (status == PINOT_STATUS_OK) {
                status = rnn_step(ctx, node, kind, hidden, d * acts_per_dir, &st, x_t);
            }
            pinot_output_ref y_t = st.h;
            if (status == PINOT_STATUS_OK && lens.node != NULL) {
                /* Past a sequence's length the state holds and the output is 0. */
                pinot_output_ref t_ref, valid, args[3];
                status = onnx_const_i64(ctx, &t, 1, true, &t_ref);
                if (status == PINOT_STATUS_OK) {
                    status = onnx_binary(ctx, "Less", t_ref, lens, &valid);
                }
                args[0] = valid;
                args[1] = st.h;
                args[2] = valid_zero;
                if (status == PINOT_STATUS_OK) {
                    status = onnx_make(ctx, "Select", args, 3, NULL, 0, &y_t);
                }
                args[2] = prev_h;
                if (status == PINOT_STATUS_OK) {
                    status = onnx_make(ctx, "Select", args, 3, NULL, 0, &st.h);
                }
                if (status == PINOT_STATUS_OK && kind == RNN_LSTM) {
                    args[1] = st.c;
                    args[2] = prev_c;
                    status = onnx_make(ctx, "Select", args, 3, NULL, 0, &st.c);
                }
            }
            if (status == PINOT_STATUS_OK) {
                status = unsqueeze(ctx, y_t, 0, &seq[t]);
            }
        }
        if (status == PINOT_STATUS_OK) {
            status = concat(ctx, seq, (size_t)steps, 0, &ys[d]);
        }
        free(seq);
        seq = NULL;
        TRY(status);
        TRY(unsqueeze(ctx, ys[d], 1, &ys[d])); /* [T, 1, B, H] */
        TRY(unsqueeze(ctx, st.h, 0, &hs[d]));
        if (kind == RNN_LSTM) {
            TRY(unsqueeze(ctx, st.c, 0, &cs[d]));
        }
    }
    pinot_output_ref y, y_h, y_c = {NULL, 0};
    TRY(concat(ctx, ys, n_dirs, 1, &y));
    TRY(concat(ctx, hs, n_dirs, 0, &y_h));
    if (kind == RNN_LSTM) {
        TRY(concat(ctx, cs, n_dirs, 0, &y_c));
    }
    if (batch_first) {
        static const int64_t y_perm[4] = {2, 0, 1, 3};
        TRY(transpose(ctx, y, y_perm, 4, &y));
        TRY(transpose(ctx, y_h, swap01, 3, &y_h));
        if (kind == RNN_LSTM) {
            TRY(transpose(ctx, y_c, swap01, 3, &y_c));
        }
    }
    out[0] = y;
    if (node->n_outputs > 1) {
        out[1] = y_h;
    }
    if (node->n_outputs > 2 && kind == RNN_LSTM) {
        out[2] = y_c;
    }
    return PINOT_STATUS_OK;
}

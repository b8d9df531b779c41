/* ONNX translator for ai.onnx.ml TreeEnsemble (5). The trees are attributes, so their structure is
 * known at import: every root-to-leaf path becomes a column of constant matrices and the forest
 * evaluates without control flow.
 *   1. cond [N, nodes]: each node's test on its feature (LEQ, LT, GTE, GT, EQ, NEQ, or set membership,
 *      or NaN where missing values track true);
 *   2. reached [N, paths]: a path is taken when all its tests give the branch it follows: cond gathered
 *      per path step [N, paths, depth], xor "takes the false branch", reduced with LogicalAnd;
 *   3. the leaf weights aggregate per target: SUM / AVERAGE as reached @ W, MIN / MAX as a reduction
 *      over the reached paths of each target;
 *   4. post_transform SOFTMAX / LOGISTIC as Softmax / Sigmoid.
 * Row in onnx-ops.c. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "frontends/onnx/onnx-tensor.h"

enum { MODE_LEQ, MODE_LT, MODE_GTE, MODE_GT, MODE_EQ, MODE_NEQ, MODE_MEMBER, MODE_COUNT };
enum { AGG_AVERAGE, AGG_SUM, AGG_MIN, AGG_MAX };
enum { POST_NONE, POST_SOFTMAX, POST_LOGISTIC, POST_SOFTMAX_ZERO, POST_PROBIT };

/* Paths of all trees together may not exceed this many (node, branch) steps. */
#define MAX_PATH_STEPS (1u << 22)

struct forest {
    uint32_t n_nodes, n_leaves, n_roots, n_members;
    const int64_t *features, *true_ids, *false_ids, *true_leafs, *false_leafs, *targets, *roots;
    const int64_t * tracks_true; /* NULL: all false */
    double *splits, *modes, *weights, *members;
    /* paths: path p is steps[start[p] .. start[p + 1]) ending in leaf[p]; step = node * 2 + branch */
    uint32_t n_paths, n_steps, cap_paths, cap_steps;
    uint32_t *start, *leaf, *steps;
};

static void forest_free(struct forest * f) {
    free(f->splits);
    free(f->modes);
    free(f->weights);
    free(f->members);
    free(f->start);
    free(f->leaf);
    free(f->steps);
}

static double load_number(const pinot_tensor_t * t, uint64_t i) {
    const void * data = pinot_tensor_get_data(t);
    switch (pinot_tensor_get_type(t)) {
    case PINOT_DTYPE_F32: return ((const float *)data)[i];
    case PINOT_DTYPE_F64: return ((const double *)data)[i];
    case PINOT_DTYPE_F16: return pinot_f16_to_f32(((const uint16_t *)data)[i]);
    case PINOT_DTYPE_BF16: return pinot_bf16_to_f32(((const uint16_t *)data)[i]);
    case PINOT_DTYPE_U8: return ((const uint8_t *)data)[i];
    case PINOT_DTYPE_I32: return ((const int32_t *)data)[i];
    case PINOT_DTYPE_I64: return (double)((const int64_t *)data)[i];
    default: return NAN;
    }
}

/* A tensor attribute as doubles (malloc'd; *values stays NULL when absent and not required). */
static pinot_status tensor_attr(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                                bool required, double ** values, uint32_t * count) {
    *values = NULL;
    *count = 0;
    const struct onnx_attribute * a = onnx_attr(node, name);
    if (a == NULL || a->t == NULL) {
        return required ? onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' is required", name)
                        : PINOT_STATUS_OK;
    }
    pinot_tensor_t * t = NULL;
    TRY(onnx_tensor_decode(a->t, ctx->model_dir, &t));
    pinot_dtype type = pinot_tensor_get_type(t);
    uint64_t n = pinot_tensor_get_size(t);
    bool numeric = type == PINOT_DTYPE_F32 || type == PINOT_DTYPE_F64 || type == PINOT_DTYPE_F16 ||
                   type == PINOT_DTYPE_BF16 || type == PINOT_DTYPE_U8 || type == PINOT_DTYPE_I32 ||
                   type == PINOT_DTYPE_I64;
    if (!numeric || n > UINT32_MAX) {
        pinot_tensor_free(t);
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' has unsupported type %s", name,
                          pinot_dtype_name(type));
    }
    *values = malloc(sizeof(double) * (n > 0 ? n : 1));
    if (*values == NULL) {
        pinot_tensor_free(t);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    for (uint64_t i = 0; i < n; i++) {
        (*values)[i] = load_number(t, i);
    }
    *count = (uint32_t)n;
    pinot_tensor_free(t);
    return PINOT_STATUS_OK;
}

/* An ints attribute that must have `count` entries (or be absent when optional). */
static pinot_status ints_attr(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                              bool required, uint32_t count, const int64_t ** out) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    *out = NULL;
    if (a == NULL) {
        return required ? onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' is required", name)
                        : PINOT_STATUS_OK;
    }
    if (count != UINT32_MAX && a->n_ints != count) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' has %u entries, expected %u", name,
                          a->n_ints, count);
    }
    *out = a->ints;
    return PINOT_STATUS_OK;
}

static bool push_path(struct forest * f, const uint32_t * steps, uint32_t n, uint32_t leaf) {
    if (f->n_paths + 1 >= f->cap_paths) {
        uint32_t cap = f->cap_paths ? f->cap_paths * 2 : 64;
        uint32_t * s = realloc(f->start, sizeof(*s) * (cap + 1));
        if (s == NULL) {
            return false;
        }
        f->start = s;
        uint32_t * l = realloc(f->leaf, sizeof(*l) * cap);
        if (l == NULL) {
            return false;
        }
        f->leaf = l;
        f->cap_paths = cap;
    }
    while (f->n_steps + n > f->cap_steps) {
        uint32_t cap = f->cap_steps ? f->cap_steps * 2 : 256;
        uint32_t * s = realloc(f->steps, sizeof(*s) * cap);
        if (s == NULL) {
            return false;
        }
        f->steps = s;
        f->cap_steps = cap;
    }
    f->start[f->n_paths] = f->n_steps;
    f->leaf[f->n_paths] = leaf;
    memcpy(f->steps + f->n_steps, steps, sizeof(*steps) * n);
    f->n_steps += n;
    f->n_paths++;
    f->start[f->n_paths] = f->n_steps;
    return true;
}

/* Depth-first walk from each root, recording every path to a leaf. A path longer than the node count
 * revisits a node: the "tree" has a cycle. */
static pinot_status enumerate_paths(struct onnx_import * ctx, struct forest * f) {
    uint32_t * path = malloc(sizeof(*path) * ((size_t)f->n_nodes + 1) * 2);
    uint8_t * branch_done = malloc((size_t)f->n_nodes + 1);
    if (path == NULL || branch_done == NULL) {
        free(path);
        free(branch_done);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t r = 0; r < f->n_roots && status == PINOT_STATUS_OK; r++) {
        int64_t root = f->roots[r];
        if (root < 0 || root >= f->n_nodes) {
            status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "tree root %lld is out of range", (long long)root);
            break;
        }
        /* stack of nodes on the current path; branch_done[d]: 0 = take true next, 1 = false next, 2 = done */
        uint32_t depth = 0;
        path[0] = (uint32_t)root;
        branch_done[0] = 0;
        while (status == PINOT_STATUS_OK) {
            uint32_t node = path[depth];
            if (branch_done[depth] == 2) {
                if (depth == 0) {
                    break;
                }
                depth--;
                continue;
            }
            int branch = branch_done[depth]++; /* 0: true branch, 1: false branch */
            int64_t next = branch == 0 ? f->true_ids[node] : f->false_ids[node];
            bool is_leaf = (branch == 0 ? f->true_leafs[node] : f->false_leafs[node]) != 0;
            if (is_leaf) {
                if (next < 0 || next >= f->n_leaves) {
                    status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "leaf %lld is out of range",
                                        (long long)next);
                    break;
                }
                /* steps: each node on the path with the branch taken there */
                uint32_t * steps = path + f->n_nodes + 1;
                for (uint32_t d = 0; d <= depth; d++) {
                    steps[d] = path[d] * 2 + (uint32_t)(branch_done[d] - 1);
                }
                if (f->n_steps + depth + 1 > MAX_PATH_STEPS) {
                    status = onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "the trees have too many paths");
                    break;
                }
                if (!push_path(f, steps, depth + 1, (uint32_t)next)) {
                    status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
                }
                continue;
            }
            if (next < 0 || next >= f->n_nodes) {
                status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "node %lld is out of range", (long long)next);
                break;
            }
            if (depth + 1 >= f->n_nodes) {
                status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the tree from root %lld has a cycle",
                                    (long long)root);
                break;
            }
            depth++;
            path[depth] = (uint32_t)next;
            branch_done[depth] = 0;
        }
    }
    free(path);
    free(branch_done);
    return status;
}

/* A constant of `type` (f32, f64, boolean or i64) from doubles. */
static pinot_status const_doubles(struct onnx_import * ctx, pinot_dtype type, const int64_t * dims, int32_t rank,
                                  const double * values, pinot_output_ref * out) {
    pinot_shape shape = {.rank = rank};
    for (int32_t i = 0; i < rank; i++) {
        shape.dims[i] = dims[i];
    }
    pinot_tensor_t * t = NULL;
    TRY(pinot_tensor_create(type, &shape, &t));
    uint64_t n = pinot_tensor_get_size(t);
    void * data = pinot_tensor_get_data(t);
    for (uint64_t i = 0; i < n; i++) {
        switch (type) {
        case PINOT_DTYPE_F32: ((float *)data)[i] = (float)values[i]; break;
        case PINOT_DTYPE_F64: ((double *)data)[i] = values[i]; break;
        case PINOT_DTYPE_BOOLEAN: ((uint8_t *)data)[i] = values[i] != 0.0; break;
        default: ((int64_t *)data)[i] = (int64_t)values[i]; break;
        }
    }
    pinot_status status = onnx_const_tensor(ctx, t, out);
    pinot_tensor_free(t);
    return status;
}

/* Doubles as a constant of x's float type (through f64, converted). */
static pinot_status const_like(struct onnx_import * ctx, pinot_dtype type, const int64_t * dims, int32_t rank,
                               const double * values, pinot_output_ref * out) {
    TRY(const_doubles(ctx, PINOT_DTYPE_F64, dims, rank, values, out));
    return onnx_convert(ctx, *out, type, out);
}

/* Set membership of the BRANCH_MEMBER nodes, hits [N, member nodes]: their sets (in node order, each
 * ended by a NaN in membership_values) padded with NaN to the largest one, compared all at once and
 * or-reduced; O(member nodes * largest set), never nodes * members. */
static pinot_status membership_hits(struct onnx_import * ctx, const struct forest * f, pinot_output_ref xf,
                                    pinot_dtype type, pinot_output_ref * hits) {
    uint32_t n_sets = 0, widest = 1, size = 0;
    for (uint32_t i = 0; i < f->n_members; i++) {
        if (isnan(f->members[i])) {
            n_sets++;
            size = 0;
        } else if (++size > widest) {
            widest = size;
        }
    }
    double * nodes = malloc(sizeof(double) * ((size_t)n_sets + (size_t)n_sets * widest + 1));
    if (nodes == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    double * sets = nodes + n_sets;
    uint32_t set = 0, next = 0;
    for (uint32_t j = 0; j < f->n_nodes; j++) {
        if (f->modes[j] != MODE_MEMBER) {
            continue;
        }
        nodes[set] = j;
        for (uint32_t k = 0; k < widest; k++) {
            bool in_set = next < f->n_members && !isnan(f->members[next]);
            sets[(size_t)set * widest + k] = in_set ? f->members[next++] : NAN; /* NaN equals nothing */
        }
        next++; /* the NaN delimiter */
        set++;
    }
    int64_t count = n_sets, dims[2] = {n_sets, widest}, one = 1, last = -1;
    pinot_output_ref args[3], gathered, equal;
    pinot_status status = const_doubles(ctx, PINOT_DTYPE_I64, &count, 1, nodes, &args[1]);
    if (status == PINOT_STATUS_OK) {
        args[0] = xf;
        status = onnx_const_i64(ctx, &one, 1, true, &args[2]);
    }
    if (status == PINOT_STATUS_OK) {
        status = onnx_make(ctx, "Gather", args, 3, NULL, 0, &gathered);
    }
    if (status == PINOT_STATUS_OK) {
        args[0] = gathered;
        status = onnx_const_i64(ctx, &last, 1, false, &args[1]);
    }
    if (status == PINOT_STATUS_OK) {
        status = onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &gathered);
    }
    if (status == PINOT_STATUS_OK) {
        status = const_like(ctx, type, dims, 2, sets, &args[1]);
    }
    free(nodes);
    TRY(status);
    TRY(onnx_binary(ctx, "Equal", gathered, args[1], &equal));
    args[0] = equal;
    TRY(onnx_const_i64(ctx, &last, 1, false, &args[1]));
    pinot_attr attrs[] = {ATTR_BOOL("keep_dims", false)};
    return onnx_make(ctx, "ReduceLogicalOr", args, 2, attrs, 1, hits);
}

/* cond [N, nodes]: every node's test on its feature column xf [N, nodes]. */
static pinot_status node_conditions(struct onnx_import * ctx, const struct forest * f, pinot_output_ref xf,
                                    pinot_dtype type, double * scratch, pinot_output_ref * cond) {
    static const char * const compare_ops[] = {"LessEqual", "Less", "GreaterEqual", "Greater", "Equal", "NotEqual"};
    int64_t n = f->n_nodes;
    pinot_output_ref splits, args[3];
    TRY(const_like(ctx, type, &n, 1, f->splits, &splits));
    cond->node = NULL;
    /* the comparisons: each mode's test where that mode is used (Select by a per-node mask) */
    for (int mode = 0; mode < MODE_MEMBER; mode++) {
        bool used = false;
        for (uint32_t j = 0; j < f->n_nodes; j++) {
            scratch[j] = f->modes[j] == mode;
            used |= f->modes[j] == mode;
        }
        if (!used) {
            continue;
        }
        pinot_output_ref test, mask;
        TRY(onnx_binary(ctx, compare_ops[mode], xf, splits, &test));
        if (cond->node == NULL) {
            *cond = test;
            continue;
        }
        TRY(const_doubles(ctx, PINOT_DTYPE_BOOLEAN, &n, 1, scratch, &mask));
        args[0] = mask;
        args[1] = test;
        args[2] = *cond;
        TRY(onnx_make(ctx, "Select", args, 3, NULL, 0, cond));
    }
    /* set membership: hits [N, member nodes] placed at those nodes' columns */
    uint32_t n_member_nodes = 0;
    for (uint32_t j = 0; j < f->n_nodes; j++) {
        n_member_nodes += f->modes[j] == MODE_MEMBER;
    }
    if (n_member_nodes > 0) {
        pinot_output_ref hits;
        TRY(membership_hits(ctx, f, xf, type, &hits));
        if (cond->node == NULL) {
            *cond = hits; /* every node is a member test, in node order */
        } else {
            /* column j of Concat(cond, hits): j itself, or nodes + k for the k-th member node */
            uint32_t k = 0;
            for (uint32_t j = 0; j < f->n_nodes; j++) {
                scratch[j] = f->modes[j] == MODE_MEMBER ? (double)(f->n_nodes + k++) : (double)j;
            }
            pinot_attr concat_attrs[] = {ATTR_INT("axis", 1)};
            args[0] = *cond;
            args[1] = hits;
            TRY(onnx_make(ctx, "Concat", args, 2, concat_attrs, 1, &args[0]));
            int64_t one = 1;
            TRY(const_doubles(ctx, PINOT_DTYPE_I64, &n, 1, scratch, &args[1]));
            TRY(onnx_const_i64(ctx, &one, 1, true, &args[2]));
            TRY(onnx_make(ctx, "Gather", args, 3, NULL, 0, cond));
        }
    }
    if (f->tracks_true != NULL) {
        bool any = false;
        for (uint32_t j = 0; j < f->n_nodes; j++) {
            scratch[j] = f->tracks_true[j] != 0;
            any |= f->tracks_true[j] != 0;
        }
        if (any) {
            pinot_output_ref is_nan, tracks, missing;
            TRY(onnx_unary(ctx, "IsNaN", xf, &is_nan));
            TRY(const_doubles(ctx, PINOT_DTYPE_BOOLEAN, &n, 1, scratch, &tracks));
            TRY(onnx_binary(ctx, "LogicalAnd", is_nan, tracks, &missing));
            TRY(onnx_binary(ctx, "LogicalOr", *cond, missing, cond));
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status translate(struct onnx_import * ctx, const struct onnx_node * node, pinot_output_ref x,
                              struct forest * f, pinot_output_ref * out) {
    pinot_dtype type = onnx_type_of(x);
    int64_t agg = onnx_attr_int(node, "aggregate_function", AGG_SUM);
    int64_t post = onnx_attr_int(node, "post_transform", POST_NONE);
    if (agg < AGG_AVERAGE || agg > AGG_MAX) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "unknown aggregate_function %lld", (long long)agg);
    }
    if (post != POST_NONE && post != POST_SOFTMAX && post != POST_LOGISTIC) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "post_transform %lld is not supported (only NONE, SOFTMAX and LOGISTIC)", (long long)post);
    }
    int64_t n_targets = onnx_attr_int(node, "n_targets", 0);
    for (uint32_t l = 0; l < f->n_leaves; l++) {
        if (onnx_attr(node, "n_targets") == NULL && f->targets[l] + 1 > n_targets) {
            n_targets = f->targets[l] + 1;
        }
    }
    for (uint32_t l = 0; l < f->n_leaves; l++) {
        if (f->targets[l] < 0 || f->targets[l] >= n_targets) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "leaf target %lld is outside [0, %lld)",
                              (long long)f->targets[l], (long long)n_targets);
        }
    }
    int64_t n_features = onnx_static_dim(x, 1);
    for (uint32_t j = 0; j < f->n_nodes; j++) {
        if (f->modes[j] < 0 || f->modes[j] >= MODE_COUNT || f->modes[j] != floor(f->modes[j])) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "node %u has unknown mode %g", j, f->modes[j]);
        }
        if (f->features[j] < 0 || (n_features >= 0 && f->features[j] >= n_features)) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "node %u reads feature %lld, out of range", j,
                              (long long)f->features[j]);
        }
    }
    TRY(enumerate_paths(ctx, f));
    if (f->n_paths == 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the ensemble has no trees");
    }
    size_t nodes = f->n_nodes, paths = f->n_paths, targets = (size_t)n_targets, depth = 1;
    for (size_t p = 0; p < paths; p++) {
        size_t length = f->start[p + 1] - f->start[p];
        depth = length > depth ? length : depth;
    }
    size_t steps = paths * depth, big = 2 * steps > paths * targets ? 2 * steps : paths * targets;
    double * buf = calloc(big + nodes + 1, sizeof(double));
    if (buf == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    double * scratch = buf + big;
    pinot_status status = PINOT_STATUS_OK;
    pinot_output_ref xf, cond, taken, reached, args[3];
    /* xf [N, nodes] = x[:, features] */
    for (size_t j = 0; j < nodes; j++) {
        scratch[j] = (double)f->features[j];
    }
    int64_t n_nodes = (int64_t)nodes, one = 1, two = 2;
#define STEP(expr) \
    do { \
        if (status == PINOT_STATUS_OK) { \
            status = (expr); \
        } \
    } while (0)
    STEP(const_doubles(ctx, PINOT_DTYPE_I64, &n_nodes, 1, scratch, &args[1]));
    args[0] = x;
    STEP(onnx_const_i64(ctx, &one, 1, true, &args[2]));
    STEP(onnx_make(ctx, "Gather", args, 3, NULL, 0, &xf));
    STEP(node_conditions(ctx, f, xf, type, scratch, &cond));
    /* reached [N, paths]: each path's tests gathered to [N, paths, depth] (a shorter path repeats its last
     * test), xor whether the path takes the false branch there, all true. */
    double * step_node = buf, * step_false = buf + steps;
    for (size_t p = 0; p < paths; p++) {
        uint32_t length = f->start[p + 1] - f->start[p];
        for (size_t d = 0; d < depth; d++) {
            uint32_t step = f->steps[f->start[p] + (d < length ? d : length - 1)];
            step_node[p * depth + d] = step / 2;
            step_false[p * depth + d] = step % 2;
        }
    }
    int64_t dims[3] = {(int64_t)paths, (int64_t)depth, n_targets}, n_paths = (int64_t)paths;
    args[0] = cond;
    STEP(const_doubles(ctx, PINOT_DTYPE_I64, dims, 2, step_node, &args[1]));
    STEP(onnx_make(ctx, "Gather", args, 3, NULL, 0, &taken));
    STEP(const_doubles(ctx, PINOT_DTYPE_BOOLEAN, dims, 2, step_false, &args[1]));
    STEP(onnx_binary(ctx, "LogicalXor", taken, args[1], &args[0]));
    STEP(onnx_const_i64(ctx, &two, 1, false, &args[1]));
    pinot_attr all_attrs[] = {ATTR_BOOL("keep_dims", false)};
    STEP(onnx_make(ctx, "ReduceLogicalAnd", args, 2, all_attrs, 1, &reached));
    dims[1] = n_targets; /* [paths, targets] from here */
    pinot_attr mm_attrs[] = {ATTR_BOOL("transpose_a", false), ATTR_BOOL("transpose_b", false)};
    /* aggregate the leaf weights per target */
    pinot_output_ref y = {NULL, 0};
    memset(buf, 0, sizeof(double) * big);
    if (agg == AGG_SUM || agg == AGG_AVERAGE) {
        double trees = f->n_roots;
        for (size_t p = 0; p < paths; p++) {
            uint32_t l = f->leaf[p];
            buf[p * targets + (size_t)f->targets[l]] = agg == AGG_SUM ? f->weights[l] : f->weights[l] / trees;
        }
        STEP(onnx_convert(ctx, reached, type, &args[0]));
        STEP(const_like(ctx, type, dims, 2, buf, &args[1]));
        STEP(onnx_make(ctx, "MatMul", args, 2, mm_attrs, 2, &y));
    } else {
        /* Select(reached[:, :, None] and path p feeds target t, w[p], the type's max / lowest),
         * reduced over paths: targets no reached leaf feeds keep that start value, as in ONNX's reference. */
        double start = type == PINOT_DTYPE_F64 ? DBL_MAX : type == PINOT_DTYPE_F16 ? 65504.0 : FLT_MAX;
        start = agg == AGG_MIN ? start : -start;
        for (size_t p = 0; p < paths; p++) {
            buf[p * targets + (size_t)f->targets[f->leaf[p]]] = 1.0;
        }
        double * column = malloc(sizeof(double) * paths);
        if (column == NULL) {
            free(buf);
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        }
        for (size_t p = 0; p < paths; p++) {
            column[p] = f->weights[f->leaf[p]];
        }
        int64_t col_dims[2] = {n_paths, 1}, last = -1, axis = 1;
        pinot_output_ref feeds, mask, weights, fill;
        args[0] = reached;
        STEP(onnx_const_i64(ctx, &last, 1, false, &args[1]));
        STEP(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &mask));
        STEP(const_doubles(ctx, PINOT_DTYPE_BOOLEAN, dims, 2, buf, &feeds));
        STEP(onnx_binary(ctx, "LogicalAnd", mask, feeds, &mask));
        STEP(const_like(ctx, type, col_dims, 2, column, &weights));
        STEP(onnx_const_scalar(ctx, type, start, &fill));
        free(column);
        args[0] = mask;
        args[1] = weights;
        args[2] = fill;
        STEP(onnx_make(ctx, "Select", args, 3, NULL, 0, &args[0]));
        STEP(onnx_const_i64(ctx, &axis, 1, false, &args[1]));
        pinot_attr reduce_attrs[] = {ATTR_BOOL("keep_dims", false)};
        STEP(onnx_make(ctx, agg == AGG_MIN ? "ReduceMin" : "ReduceMax", args, 2, reduce_attrs, 1, &y));
    }
#undef STEP
    free(buf);
    TRY(status);
    if (post == POST_SOFTMAX) {
        pinot_attr attrs[] = {ATTR_INT("axis", -1)};
        return onnx_make(ctx, "Softmax", &y, 1, attrs, 1, out);
    }
    if (post == POST_LOGISTIC) {
        return onnx_unary(ctx, "Sigmoid", y, out);
    }
    *out = y;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_tree_ensemble) {
    TRY(need_inputs(ctx, in, n, 1));
    int32_t rank = 0;
    TRY(onnx_static_rank(ctx, in[0], &rank));
    pinot_dtype type = onnx_type_of(in[0]);
    if (rank != 2 || !(type == PINOT_DTYPE_F32 || type == PINOT_DTYPE_F64 || type == PINOT_DTYPE_F16)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "X must be a 2-D float, double or float16 tensor");
    }
    struct forest f = {0};
    uint32_t n_modes = 0;
    pinot_status status = tensor_attr(ctx, node, "nodes_splits", true, &f.splits, &f.n_nodes);
    if (status == PINOT_STATUS_OK) {
        status = tensor_attr(ctx, node, "nodes_modes", true, &f.modes, &n_modes);
    }
    if (status == PINOT_STATUS_OK) {
        status = tensor_attr(ctx, node, "leaf_weights", true, &f.weights, &f.n_leaves);
    }
    if (status == PINOT_STATUS_OK) {
        status = tensor_attr(ctx, node, "membership_values", false, &f.members, &f.n_members);
    }
    if (status == PINOT_STATUS_OK && n_modes != f.n_nodes) {
        status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "nodes_modes and nodes_splits differ in length");
    }
    const struct {
        const char * name;
        const int64_t ** field;
        bool required;
        uint32_t count;
    } lists[] = {
        {"nodes_featureids", &f.features, true, f.n_nodes},
        {"nodes_truenodeids", &f.true_ids, true, f.n_nodes},
        {"nodes_falsenodeids", &f.false_ids, true, f.n_nodes},
        {"nodes_trueleafs", &f.true_leafs, true, f.n_nodes},
        {"nodes_falseleafs", &f.false_leafs, true, f.n_nodes},
        {"nodes_missing_value_tracks_true", &f.tracks_true, false, f.n_nodes},
        {"leaf_targetids", &f.targets, true, f.n_leaves},
        {"tree_roots", &f.roots, true, UINT32_MAX},
    };
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]) && status == PINOT_STATUS_OK; i++) {
        status = ints_attr(ctx, node, lists[i].name, lists[i].required, lists[i].count, lists[i].field);
    }
    if (status == PINOT_STATUS_OK) {
        f.n_roots = onnx_attr(node, "tree_roots")->n_ints;
        uint32_t sets = 0, delimiters = 0;
        for (uint32_t j = 0; j < f.n_nodes; j++) {
            sets += f.modes[j] == MODE_MEMBER;
        }
        for (uint32_t i = 0; i < f.n_members; i++) {
            delimiters += isnan(f.members[i]) ? 1 : 0;
        }
        if (sets != delimiters) {
            status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                                "membership_values holds %u NaN-delimited sets for %u BRANCH_MEMBER nodes",
                                delimiters, sets);
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = translate(ctx, node, in[0], &f, &out[0]);
    }
    forest_free(&f);
    return status;
}

/* TfIdfVectorizer: ONNX's n-gram counter (ai.onnx TfIdfVectorizer-9), a Pinot
 * op because OpenVINO has no equivalent op (its ONNX frontend does not support
 * it). Semantics follow onnx/reference/ops/op_tfidf_vectorizer.py exactly:
 * the pool of n-grams becomes a trie, each row is scanned with skip distances
 * 1..max_skip_count+1 and the matches are counted per output column, then
 * weighted by mode (TF, IDF, TFIDF). The pool, ngram_counts, ngram_indexes and
 * weights are inputs (Constants from the frontend) rather than attributes, so
 * pools of any size fit (attribute lists hold at most PINOT_MAX_ATTR_LIST). */
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

/* ---- attributes ---- */

static const char * const tfidf_mode_values[] = {"TF", "IDF", "TFIDF", NULL};
enum { TFIDF_MODE_TF = 0, TFIDF_MODE_IDF, TFIDF_MODE_TFIDF };

struct tfidf_attrs {
    int32_t mode;
    int64_t min_gram_length;
    int64_t max_gram_length;
    int64_t max_skip_count;
};

static const struct pinot_attr_desc tfidf_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct tfidf_attrs, mode, "mode", tfidf_mode_values, NULL),
    PINOT_ATTR(struct tfidf_attrs, min_gram_length, "min_gram_length", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct tfidf_attrs, max_gram_length, "max_gram_length", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct tfidf_attrs, max_skip_count, "max_skip_count", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR_END,
};

enum { TFIDF_X = 0, TFIDF_POOL, TFIDF_COUNTS, TFIDF_INDEXES, TFIDF_WEIGHTS };

/* ---- shape inference ---- */

static bool tfidf_is_int(pinot_dtype type) {
    return type == PINOT_DTYPE_I32 || type == PINOT_DTYPE_I64;
}

/* max(ngram_indexes) + 1, the number of output columns; -1 when not constant. */
static pinot_status tfidf_output_size(const struct pinot_node * node, const pinot_tensor_t * indexes, int64_t * out) {
    *out = -1;
    if (indexes == NULL) {
        return PINOT_STATUS_OK;
    }
    uint64_t count = pinot_tensor_get_size(indexes);
    if (count == 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "ngram_indexes must not be empty");
    }
    int64_t top = 0;
    for (uint64_t i = 0; i < count; i++) {
        int64_t v = pinot_ref_load_i64(pinot_tensor_get_type(indexes), pinot_tensor_get_data(indexes), i);
        if (v < 0 || v >= ((int64_t)1 << 40)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "ngram_indexes values must be in [0, 2^40) (got %lld at %llu)", (long long)v,
                                    (unsigned long long)i);
        }
        top = v > top ? v : top;
    }
    *out = top + 1;
    return PINOT_STATUS_OK;
}

static pinot_status tfidf_validate(struct pinot_node * node) {
    const struct tfidf_attrs * a = PINOT_ATTRS(node, struct tfidf_attrs);
    if (a->min_gram_length < 1 || a->max_gram_length < a->min_gram_length || a->max_skip_count < 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "expected 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0 (got "
                                "%lld, %lld, %lld)",
                                (long long)a->min_gram_length, (long long)a->max_gram_length,
                                (long long)a->max_skip_count);
    }
    pinot_dtype x_type = pinot_node_input_type(node, TFIDF_X);
    pinot_dtype pool_type = pinot_node_input_type(node, TFIDF_POOL);
    if (x_type != PINOT_DTYPE_DYNAMIC && !tfidf_is_int(x_type) && x_type != PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "input must be i32, i64 or string (got %s)", pinot_dtype_name(x_type));
    }
    if (pool_type != PINOT_DTYPE_DYNAMIC && pool_type != PINOT_DTYPE_I64 && pool_type != PINOT_DTYPE_STRING) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "pool must be i64 or string (got %s)",
                                pinot_dtype_name(pool_type));
    }
    if (x_type != PINOT_DTYPE_DYNAMIC && pool_type != PINOT_DTYPE_DYNAMIC &&
        (x_type == PINOT_DTYPE_STRING) != (pool_type == PINOT_DTYPE_STRING)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "input and pool must both be strings or both integers (got %s and %s)",
                                pinot_dtype_name(x_type), pinot_dtype_name(pool_type));
    }
    const char * names[] = {"input", "pool", "ngram_counts", "ngram_indexes", "weights"};
    for (uint32_t i = 1; i < node->n_inputs; i++) {
        const pinot_partial_shape * ps = pinot_node_input_shape(node, i);
        pinot_dtype t = pinot_node_input_type(node, i);
        if (ps->rank >= 0 && ps->rank != 1) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s must be 1-D (got rank %d)", names[i],
                                    ps->rank);
        }
        if ((i == TFIDF_COUNTS || i == TFIDF_INDEXES) && t != PINOT_DTYPE_DYNAMIC && !pinot_ref_is_int(t)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "%s must be integers (got %s)", names[i],
                                    pinot_dtype_name(t));
        }
        const pinot_dtype_info * info = pinot_dtype_get_info(t);
        if (i == TFIDF_WEIGHTS && t != PINOT_DTYPE_DYNAMIC && !(info != NULL && info->is_real)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "weights must be floats (got %s)",
                                    pinot_dtype_name(t));
        }
    }
    const pinot_partial_shape * xs = pinot_node_input_shape(node, TFIDF_X);
    if (xs->rank > 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "input must have shape [C] or [B, C] (got rank %d)", xs->rank);
    }
    int64_t size;
    pinot_status status = tfidf_output_size(node, pinot_node_input_value(node, TFIDF_INDEXES), &size);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dim cols = size >= 0 ? pinot_dim_static(size) : pinot_dim_dynamic();
    pinot_partial_shape out;
    if (xs->rank == 2) {
        out.rank = 2;
        out.dims[0] = xs->dims[0];
        out.dims[1] = cols;
    } else if (xs->rank >= 0) {
        out.rank = 1;
        out.dims[0] = cols;
    } else {
        pinot_partial_shape_dynamic(&out, -1);
    }
    pinot_node_set_output(node, 0, PINOT_DTYPE_F32, &out);
    return PINOT_STATUS_OK;
}

/* ---- the n-gram trie ---- */

/* One trie node: an element of the pool, the n-gram id ending here (0: none),
 * and its children as a sibling list (linear lookup: pools are small, and the
 * reference is about clarity). */
struct tfidf_node {
    int64_t key;          /* integer pools */
    const char * str;     /* string pools: the pool element's bytes */
    size_t str_size;
    int64_t id;
    int64_t first_child;  /* -1: none */
    int64_t next_sibling; /* -1: none */
};

struct tfidf_trie {
    struct tfidf_node * nodes; /* nodes[0] is the root */
    int64_t count;
    bool strings;
};

/* A key of the input or the pool: an integer or a string. */
struct tfidf_key {
    int64_t i;
    const char * s;
    size_t size;
};

static bool tfidf_key_equal(const struct tfidf_trie * t, const struct tfidf_node * n, const struct tfidf_key * k) {
    if (t->strings) {
        return n->str_size == k->size && (k->size == 0 || memcmp(n->str, k->s, k->size) == 0);
    }
    return n->key == k->i;
}

static int64_t tfidf_find(const struct tfidf_trie * t, int64_t parent, const struct tfidf_key * k) {
    for (int64_t c = t->nodes[parent].first_child; c >= 0; c = t->nodes[c].next_sibling) {
        if (tfidf_key_equal(t, &t->nodes[c], k)) {
            return c;
        }
    }
    return -1;
}

/* The child of @p parent with key @p k, added (id 0) when missing. Nodes are preallocated. */
static int64_t tfidf_emplace(struct tfidf_trie * t, int64_t parent, const struct tfidf_key * k) {
    int64_t found = tfidf_find(t, parent, k);
    if (found >= 0) {
        return found;
    }
    struct tfidf_node * n = &t->nodes[t->count];
    n->key = k->i;
    n->str = k->s;
    n->str_size = k->size;
    n->id = 0;
    n->first_child = -1;
    /* Append after the last sibling, keeping insertion order. */
    n->next_sibling = -1;
    int64_t * link = &t->nodes[parent].first_child;
    while (*link >= 0) {
        link = &t->nodes[*link].next_sibling;
    }
    *link = t->count;
    return t->count++;
}

static pinot_status tfidf_key_at(const pinot_tensor_t * tensor, bool strings, uint64_t i, struct tfidf_key * k) {
    if (strings) {
        k->i = 0;
        return pinot_tensor_get_string(tensor, i, &k->s, &k->size);
    }
    k->i = pinot_ref_load_i64(pinot_tensor_get_type(tensor), pinot_tensor_get_data(tensor), i);
    k->s = NULL;
    k->size = 0;
    return PINOT_STATUS_OK;
}

/*
 * Build the trie as the ONNX reference's constructor does: level i of
 * ngram_counts holds (i+1)-grams from pool[counts[i]] to the next level's
 * start; n-grams get consecutive ids from 1, counting the levels outside
 * [min_gram_length, max_gram_length] without inserting them.
 */
static pinot_status tfidf_build(const struct pinot_node * node, const pinot_tensor_t * pool,
                                const pinot_tensor_t * counts_t, struct tfidf_trie * t, int64_t * n_ids) {
    const struct tfidf_attrs * a = PINOT_ATTRS(node, struct tfidf_attrs);
    const int64_t total = (int64_t)pinot_tensor_get_size(pool);
    const int64_t levels = (int64_t)pinot_tensor_get_size(counts_t);
    t->strings = pinot_tensor_get_type(pool) == PINOT_DTYPE_STRING;
    t->nodes = malloc((size_t)(total + 1) * sizeof(struct tfidf_node));
    if (t->nodes == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in TfIdfVectorizer");
    }
    memset(&t->nodes[0], 0, sizeof(t->nodes[0]));
    t->nodes[0].first_child = t->nodes[0].next_sibling = -1;
    t->count = 1;
    int64_t ngram_id = 1;
    for (int64_t level = 0; level < levels; level++) {
        const int64_t size = level + 1;
        int64_t start = pinot_ref_load_i64(pinot_tensor_get_type(counts_t), pinot_tensor_get_data(counts_t),
                                           (uint64_t)level);
        int64_t end = level + 1 < levels ? pinot_ref_load_i64(pinot_tensor_get_type(counts_t),
                                                              pinot_tensor_get_data(counts_t), (uint64_t)level + 1)
                                         : total;
        if (start < 0 || start > total || end < 0 || end > total) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                         "ngram_counts values must be in [0, %lld] (got %lld and %lld at level %lld)",
                                         (long long)total, (long long)start, (long long)end, (long long)level);
        }
        const int64_t items = end - start;
        if (items <= 0) {
            continue;
        }
        const int64_t ngrams = items / size;
        if (size < a->min_gram_length || size > a->max_gram_length) {
            ngram_id += ngrams;
            continue;
        }
        int64_t at = start;
        for (int64_t g = 0; g < ngrams; g++) {
            int64_t parent = 0;
            for (int64_t n = 1; at < total; n++, at++) {
                struct tfidf_key k;
                pinot_status status = tfidf_key_at(pool, t->strings, (uint64_t)at, &k);
                if (status != PINOT_STATUS_OK) {
                    return status;
                }
                int64_t child = tfidf_emplace(t, parent, &k);
                if (n == size) {
                    t->nodes[child].id = ngram_id++;
                    at++;
                    break;
                }
                parent = child;
            }
        }
    }
    *n_ids = ngram_id - 1;
    return PINOT_STATUS_OK;
}

/* ---- kernel ---- */

static pinot_status tfidf_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                   pinot_tensor_t * const * outputs) {
    const struct tfidf_attrs * a = PINOT_ATTRS(node, struct tfidf_attrs);
    const pinot_tensor_t * x = inputs[TFIDF_X];
    const pinot_tensor_t * indexes = inputs[TFIDF_INDEXES];
    const pinot_tensor_t * weights = node->n_inputs > TFIDF_WEIGHTS ? inputs[TFIDF_WEIGHTS] : NULL;
    const pinot_shape * xs = pinot_tensor_get_shape(x);
    const bool strings = pinot_tensor_get_type(x) == PINOT_DTYPE_STRING;
    if (strings != (pinot_tensor_get_type(inputs[TFIDF_POOL]) == PINOT_DTYPE_STRING)) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "input and pool must both be strings or both integers");
    }
    int64_t cols;
    pinot_status status = tfidf_output_size(node, indexes, &cols);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t rows = 1, row_size;
    pinot_shape out_shape;
    if (xs->rank == 2) {
        rows = xs->dims[0];
        row_size = xs->dims[1];
        if (rows < 1) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                         "input shape must be [C] or [B, C] with B > 0 (got B = %lld)",
                                         (long long)rows);
        }
        out_shape.rank = 2;
        out_shape.dims[0] = rows;
        out_shape.dims[1] = cols;
    } else {
        row_size = xs->rank == 1 ? xs->dims[0] : 1; /* a scalar is one row of one element, as in the reference */
        out_shape.rank = 1;
        out_shape.dims[0] = cols;
    }
    if ((status = pinot_tensor_set_shape(outputs[0], &out_shape)) != PINOT_STATUS_OK) {
        return status;
    }
    const uint64_t out_count = (uint64_t)(rows * cols);
    const int64_t n_weights = weights != NULL ? (int64_t)pinot_tensor_get_size(weights) : 0;
    if (a->mode != TFIDF_MODE_TF && n_weights > 0 && n_weights < cols) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "weights has %lld values, fewer than the %lld output columns",
                                     (long long)n_weights, (long long)cols);
    }

    struct tfidf_trie trie = {NULL, 0, false};
    int64_t n_ids = 0;
    int64_t * freq = calloc(out_count > 0 ? out_count : 1, sizeof(int64_t));
    if (freq == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in TfIdfVectorizer");
    }
    if ((status = tfidf_build(node, inputs[TFIDF_POOL], inputs[TFIDF_COUNTS], &trie, &n_ids)) != PINOT_STATUS_OK) {
        goto cleanup;
    }
    if ((uint64_t)n_ids > pinot_tensor_get_size(indexes)) {
        status = pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                       "ngram_indexes has %llu values, fewer than the %lld n-grams of the pool",
                                       (unsigned long long)pinot_tensor_get_size(indexes), (long long)n_ids);
        goto cleanup;
    }

    /* Count, for each row: skip distances 1..max_skip_count+1; unigrams only on the first. */
    for (int64_t row = 0; row < rows && row_size > 0; row++) {
        const int64_t base = row * row_size;
        int64_t start_size = a->min_gram_length;
        for (int64_t skip = 1; skip <= a->max_skip_count + 1; skip++) {
            for (int64_t begin = 0; begin < row_size; begin++) {
                if (begin + skip * (start_size - 1) >= row_size) {
                    break; /* no n-gram of the sizes still wanted fits */
                }
                int64_t at = begin, trie_node = 0;
                for (int64_t size = 1; trie.nodes[trie_node].first_child >= 0 && size <= a->max_gram_length &&
                                       at < row_size;
                     size++, at += skip) {
                    struct tfidf_key k;
                    if ((status = tfidf_key_at(x, strings, (uint64_t)(base + at), &k)) != PINOT_STATUS_OK) {
                        goto cleanup;
                    }
                    int64_t hit = tfidf_find(&trie, trie_node, &k);
                    if (hit < 0) {
                        break;
                    }
                    int64_t id = trie.nodes[hit].id;
                    if (size >= start_size && id != 0) {
                        int64_t column = pinot_ref_load_i64(pinot_tensor_get_type(indexes),
                                                            pinot_tensor_get_data(indexes), (uint64_t)(id - 1));
                        freq[row * cols + column]++;
                    }
                    trie_node = hit;
                }
            }
            if (start_size == 1) {
                start_size++;
                if (start_size > a->max_gram_length) {
                    break;
                }
            }
        }
    }

    float * y = pinot_tensor_get_data(outputs[0]);
    for (uint64_t p = 0; p < out_count; p++) {
        const int64_t f = freq[p];
        const double w = n_weights > 0 ? pinot_ref_load_f64(pinot_tensor_get_type(weights),
                                                            pinot_tensor_get_data(weights), p % (uint64_t)cols)
                                       : 1.0;
        switch (a->mode) {
        case TFIDF_MODE_IDF:
            y[p] = f > 0 ? (float)w : 0.0f;
            break;
        case TFIDF_MODE_TFIDF:
            y[p] = (float)(w * (double)f);
            break;
        default:
            y[p] = (float)f;
            break;
        }
    }
cleanup:
    free(trie.nodes);
    free(freq);
    return status;
}

/* ---- the op ---- */

static const uint8_t tfidf_versions[] = {1, 0};

// x: [C] or [B, C] (i32, i64, string), pool: [P], ngram_counts: [L], ngram_indexes: [K],
// weights: [K] (optional) -> f32 [max(ngram_indexes) + 1] or [B, max(ngram_indexes) + 1]
const struct pinot_op_impl pinot_op_impl_tf_idf_vectorizer = {
    .type_name = "TfIdfVectorizer",
    .versions = tfidf_versions,
    .attrs = tfidf_attr_descs,
    .attrs_size = sizeof(struct tfidf_attrs),
    .min_inputs = 4,
    .max_inputs = 5,
    .validate = tfidf_validate,
    .evaluate = tfidf_evaluate,
};

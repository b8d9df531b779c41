/* ONNX translators for text ops: TfIdfVectorizer-9, mapped onto Pinot's own
 * TfIdfVectorizer op (OpenVINO has none) with the pool, ngram_counts,
 * ngram_indexes and weights attributes turned into Constant inputs. Rows are
 * in onnx-ops.c. */
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"

/* An i64 Constant from an INTS attribute (empty when absent). */
static pinot_status ints_const(struct onnx_import * ctx, const struct onnx_attribute * a, pinot_output_ref * out) {
    return onnx_const_i64(ctx, a != NULL ? a->ints : NULL, a != NULL ? a->n_ints : 0, false, out);
}

/* A 1-D string Constant from a STRINGS attribute. */
static pinot_status strings_const(struct onnx_import * ctx, const struct onnx_attribute * a, pinot_output_ref * out) {
    pinot_shape shape = {.rank = 1, .dims = {a->n_strings}};
    pinot_tensor_t * t = NULL;
    pinot_status status = pinot_tensor_create(PINOT_DTYPE_STRING, &shape, &t);
    for (uint32_t i = 0; i < a->n_strings && status == PINOT_STATUS_OK; i++) {
        status = pinot_tensor_set_string(t, i, (const char *)a->strings[i].data, (size_t)a->strings[i].size);
    }
    if (status == PINOT_STATUS_OK) {
        status = onnx_const_tensor(ctx, t, out);
    }
    pinot_tensor_free(t);
    return status;
}

/* A 1-D f32 Constant from a FLOATS attribute. */
static pinot_status floats_const(struct onnx_import * ctx, const struct onnx_attribute * a, pinot_output_ref * out) {
    pinot_shape shape = {.rank = 1, .dims = {a->n_floats}};
    pinot_tensor_t * t = NULL;
    pinot_status status = pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t);
    if (status == PINOT_STATUS_OK) {
        if (a->n_floats > 0) {
            memcpy(pinot_tensor_get_data(t), a->floats, a->n_floats * sizeof(float));
        }
        status = onnx_const_tensor(ctx, t, out);
    }
    pinot_tensor_free(t);
    return status;
}

pinot_status onnx_tr_tfidf_vectorizer(struct onnx_import * ctx, const struct onnx_node * node,
                                      const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char mode[16];
    onnx_attr_string(node, "mode", "", mode, sizeof(mode));
    if (strcmp(mode, "TF") != 0 && strcmp(mode, "IDF") != 0 && strcmp(mode, "TFIDF") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "mode must be TF, IDF or TFIDF (got '%s')", mode);
    }
    const struct onnx_attribute * ints_pool = onnx_attr(node, "pool_int64s");
    const struct onnx_attribute * strings_pool = onnx_attr(node, "pool_strings");
    if ((ints_pool != NULL && ints_pool->n_ints > 0) == (strings_pool != NULL && strings_pool->n_strings > 0)) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "exactly one of pool_int64s and pool_strings is needed");
    }
    pinot_output_ref args[5] = {in[0]};
    if (strings_pool != NULL && strings_pool->n_strings > 0) {
        TRY(strings_const(ctx, strings_pool, &args[1]));
    } else {
        TRY(ints_const(ctx, ints_pool, &args[1]));
    }
    TRY(ints_const(ctx, onnx_attr(node, "ngram_counts"), &args[2]));
    TRY(ints_const(ctx, onnx_attr(node, "ngram_indexes"), &args[3]));
    size_t n_args = 4;
    const struct onnx_attribute * weights = onnx_attr(node, "weights");
    if (weights != NULL && weights->n_floats > 0) {
        TRY(floats_const(ctx, weights, &args[4]));
        n_args = 5;
    }
    pinot_attr attrs[] = {ATTR_STR("mode", mode),
                          ATTR_INT("min_gram_length", onnx_attr_int(node, "min_gram_length", 0)),
                          ATTR_INT("max_gram_length", onnx_attr_int(node, "max_gram_length", 0)),
                          ATTR_INT("max_skip_count", onnx_attr_int(node, "max_skip_count", 0))};
    return onnx_make(ctx, "TfIdfVectorizer", args, n_args, attrs, 4, &out[0]);
}

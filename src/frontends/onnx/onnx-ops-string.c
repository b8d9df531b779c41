/* ONNX string ops onto Pinot's string ops (src/ops/string.c), which keep the
 * ONNX semantics: StringConcat, StringSplit, StringNormalizer, RegexFullMatch. */
#include <stdlib.h>
#include <string.h>

#include "frontends/onnx/onnx-ops-impl.h"

/* A string attribute as a NUL-terminated copy in *out (free it), or NULL when absent. */
static pinot_status attr_text(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                              char ** out) {
    *out = NULL;
    const struct onnx_attribute * a = onnx_attr(node, name);
    if (a == NULL) {
        return PINOT_STATUS_OK;
    }
    if (a->s.size > 0 && memchr(a->s.data, '\0', (size_t)a->s.size) != NULL) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "attribute '%s' contains a NUL byte", name);
    }
    char * text = malloc((size_t)a->s.size + 1);
    if (text == NULL) {
        return onnx_error(ctx, PINOT_STATUS_OUT_OF_MEMORY, "failed to copy attribute '%s'", name);
    }
    if (a->s.size > 0) {
        memcpy(text, a->s.data, (size_t)a->s.size);
    }
    text[a->s.size] = '\0';
    *out = text;
    return PINOT_STATUS_OK;
}

pinot_status onnx_tr_string_concat(struct onnx_import * ctx, const struct onnx_node * node,
                                   const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    (void)node;
    TRY(need_inputs(ctx, in, n, 2));
    return onnx_make(ctx, "StringConcat", in, 2, NULL, 0, &out[0]);
}

pinot_status onnx_tr_string_split(struct onnx_import * ctx, const struct onnx_node * node,
                                  const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char * delimiter = NULL;
    TRY(attr_text(ctx, node, "delimiter", &delimiter));
    /* No maxsplit: no limit (ONNX and Python alike). */
    pinot_attr attrs[] = {ATTR_STR("delimiter", delimiter != NULL ? delimiter : ""),
                          ATTR_INT("maxsplit", onnx_attr_int(node, "maxsplit", -1))};
    pinot_node_t * split = NULL;
    pinot_status status = onnx_make_node(ctx, "StringSplit", in, 1, attrs, 2, &split);
    free(delimiter);
    if (status == PINOT_STATUS_OK) {
        out[0] = (pinot_output_ref){split, 0};
        out[1] = (pinot_output_ref){split, 1};
    }
    return status;
}

/* The stopwords attribute becomes a constant string input (unbounded in count). */
pinot_status onnx_tr_string_normalizer(struct onnx_import * ctx, const struct onnx_node * node,
                                       const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char buf[16];
    const char * action = onnx_attr_string(node, "case_change_action", "NONE", buf, sizeof(buf));
    if (strcmp(action, "NONE") != 0 && strcmp(action, "LOWER") != 0 && strcmp(action, "UPPER") != 0) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "case_change_action must be NONE, LOWER or UPPER (got '%s')", action);
    }
    char * locale = NULL;
    TRY(attr_text(ctx, node, "locale", &locale));
    pinot_attr attrs[] = {ATTR_STR("case_change_action", action),
                          ATTR_BOOL("is_case_sensitive", onnx_attr_int(node, "is_case_sensitive", 0) != 0),
                          ATTR_STR("locale", locale != NULL ? locale : "")};
    pinot_output_ref args[2] = {in[0], {NULL, 0}};
    size_t n_args = 1;
    pinot_status status = PINOT_STATUS_OK;
    const struct onnx_attribute * stops = onnx_attr(node, "stopwords");
    if (stops != NULL && stops->n_strings > 0) {
        pinot_shape shape = {.rank = 1, .dims = {stops->n_strings}};
        pinot_tensor_t * words = NULL;
        status = pinot_tensor_create(PINOT_DTYPE_STRING, &shape, &words);
        for (uint32_t i = 0; i < stops->n_strings && status == PINOT_STATUS_OK; i++) {
            status = pinot_tensor_set_string(words, i, (const char *)stops->strings[i].data,
                                             (size_t)stops->strings[i].size);
        }
        if (status == PINOT_STATUS_OK) {
            status = onnx_const_tensor(ctx, words, &args[1]);
            n_args = 2;
        }
        pinot_tensor_free(words);
    }
    if (status == PINOT_STATUS_OK) {
        status = onnx_make(ctx, "StringNormalizer", args, n_args, attrs, 3, &out[0]);
    }
    free(locale);
    return status;
}

pinot_status onnx_tr_regex_full_match(struct onnx_import * ctx, const struct onnx_node * node,
                                      const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    char * pattern = NULL;
    TRY(attr_text(ctx, node, "pattern", &pattern));
    if (pattern == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "attribute 'pattern' is required");
    }
    pinot_attr attrs[] = {ATTR_STR("pattern", pattern)};
    pinot_status status = onnx_make(ctx, "RegexFullMatch", in, 1, attrs, 1, &out[0]);
    free(pattern);
    return status;
}

/* String processing: StringConcat, StringSplit, StringNormalizer and
 * RegexFullMatch, with the semantics of the ONNX ops of the same names (the
 * ONNX reference implementation, i.e. Python's str methods).
 *
 * These are Pinot's own ops: OpenVINO core has no string-processing ops
 * (openvino_tokenizers provides some as extensions, under other names and
 * contracts), so they are in no OpenVINO opset and have no Python builder.
 *
 * Strings are the core's pinot_string elements (tensor.c): UTF-8 bytes, owned
 * by the tensor, written only through pinot_tensor_set_string. Every output
 * element is written, padding included, since a reused output tensor still
 * holds the strings of the previous run. */
#include <locale.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"
#include "ops/string-tables.h"

/* ======================================================================
 * Shared helpers: a growable byte buffer, UTF-8 decoding, input checks.
 * ====================================================================== */

struct strbuf {
    char * data;
    size_t size;
    size_t cap;
};

static bool strbuf_append(struct strbuf * b, const char * s, size_t n) {
    if (n > SIZE_MAX / 2 - b->size) {
        return false;
    }
    if (b->size + n > b->cap) {
        size_t cap = b->cap < 64 ? 64 : b->cap;
        while (cap < b->size + n) {
            cap *= 2;
        }
        char * data = realloc(b->data, cap);
        if (data == NULL) {
            return false;
        }
        b->data = data;
        b->cap = cap;
    }
    if (n > 0) {
        memcpy(b->data + b->size, s, n);
    }
    b->size += n;
    return true;
}

static pinot_status out_of_memory(const struct pinot_node * node) {
    return pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate string memory");
}

/* The code point at s[0..n) (n > 0) and its length in bytes. Bytes that do not
 * start a well-formed sequence decode as themselves (length 1), so they pass
 * through unchanged: ONNX strings are UTF-8, but a kernel must not trust that. */
static uint32_t utf8_decode(const unsigned char * s, size_t n, size_t * length) {
    uint32_t c = s[0];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len <= 1 || len > n) {
        *length = 1;
        return c;
    }
    uint32_t cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *length = 1;
            return c;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { /* overlong, out of range */
        *length = 1;
        return c;
    }
    *length = len;
    return cp;
}

/* UTF-8 bytes of cp into out[4]; returns the length. */
static size_t utf8_encode(uint32_t cp, char * out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Python's str.isspace() (Unicode White_Space plus the ASCII separators 0x1C-0x1F). */
static bool is_py_space(uint32_t cp) {
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

static const pinot_string * string_data(const pinot_tensor_t * t) {
    return (const pinot_string *)pinot_tensor_get_data(t);
}

static const char * string_bytes(const pinot_string * s) {
    return s->data != NULL ? s->data : "";
}

/* Input i must be a string tensor (or of a type still unknown). */
static pinot_status check_string_input(struct pinot_node * node, uint32_t i) {
    pinot_dtype type = pinot_node_input_type(node, i);
    if (type != PINOT_DTYPE_STRING && type != PINOT_DTYPE_DYNAMIC) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "input %u must be a string tensor (got element type %s)", i, pinot_dtype_name(type));
    }
    return PINOT_STATUS_OK;
}

static pinot_status check_string_tensor(const struct pinot_node * node, const pinot_tensor_t * t, uint32_t i) {
    if (pinot_tensor_get_type(t) != PINOT_DTYPE_STRING) { /* possible when validated as dynamic */
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "input %u must be a string tensor (got element type %s)", i,
                                     pinot_dtype_name(pinot_tensor_get_type(t)));
    }
    return PINOT_STATUS_OK;
}

static const uint8_t versions_1[] = {1, 0};

/* ======================================================================
 * StringConcat: x, y (strings, numpy broadcasting) -> x + y elementwise.
 * ====================================================================== */

static pinot_status string_concat_validate(struct pinot_node * node) {
    pinot_status status;
    for (uint32_t i = 0; i < 2; i++) {
        if ((status = check_string_input(node, i)) != PINOT_STATUS_OK) {
            return status;
        }
    }
    pinot_partial_shape out;
    if (!pinot_partial_shape_broadcast_merge(pinot_node_input_shape(node, 0), pinot_node_input_shape(node, 1), &out)) {
        char a[256], b[256];
        pinot_partial_shape_to_string(pinot_node_input_shape(node, 0), a, sizeof(a));
        pinot_partial_shape_to_string(pinot_node_input_shape(node, 1), b, sizeof(b));
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "input shapes do not broadcast (got %s and %s)",
                                a, b);
    }
    pinot_node_set_output(node, 0, PINOT_DTYPE_STRING, &out);
    return PINOT_STATUS_OK;
}

static pinot_status string_concat_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                           pinot_tensor_t * const * outputs) {
    pinot_status status;
    for (uint32_t i = 0; i < 2; i++) {
        if ((status = check_string_tensor(node, inputs[i], i)) != PINOT_STATUS_OK) {
            return status;
        }
    }
    const pinot_shape * shapes[2] = {pinot_tensor_get_shape(inputs[0]), pinot_tensor_get_shape(inputs[1])};
    pinot_shape out_shape;
    if (!pinot_ref_broadcast_shape(shapes, 2, &out_shape)) {
        char a[256], b[256];
        pinot_shape_to_string(shapes[0], a, sizeof(a));
        pinot_shape_to_string(shapes[1], b, sizeof(b));
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "input shapes do not broadcast (got %s and %s)", a, b);
    }
    if ((status = pinot_tensor_set_shape(outputs[0], &out_shape)) != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_string * x = string_data(inputs[0]);
    const pinot_string * y = string_data(inputs[1]);
    struct pinot_ref_bcast it;
    pinot_ref_bcast_init(&it, &out_shape, shapes, 2);
    struct strbuf buf = {0};
    for (uint64_t i = 0; i < it.count && status == PINOT_STATUS_OK; i++, pinot_ref_bcast_next(&it)) {
        const pinot_string * a = &x[it.offset[0]];
        const pinot_string * b = &y[it.offset[1]];
        buf.size = 0;
        if (!strbuf_append(&buf, string_bytes(a), a->size) || !strbuf_append(&buf, string_bytes(b), b->size)) {
            status = out_of_memory(node);
            break;
        }
        status = pinot_tensor_set_string(outputs[0], i, buf.data, buf.size);
    }
    free(buf.data);
    return status;
}

const struct pinot_op_impl pinot_op_impl_string_concat = {
    .type_name = "StringConcat",
    .versions = versions_1,
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = string_concat_validate,
    .evaluate = string_concat_evaluate,
};

/* ======================================================================
 * StringSplit: x (strings) -> y [x dims..., max_count] (padded with ""),
 * counts [x dims] (i64). Python's str.split(delimiter, maxsplit): an empty
 * delimiter splits on runs of Unicode whitespace and drops leading/trailing
 * whitespace; maxsplit < 0 means no limit.
 * ====================================================================== */

struct string_split_attrs {
    char * delimiter;
    int64_t maxsplit;
};

static const struct pinot_attr_desc string_split_attrs_desc[] = {
    PINOT_ATTR(struct string_split_attrs, delimiter, "delimiter", PINOT_ATTR_STRING, false, ""),
    PINOT_ATTR(struct string_split_attrs, maxsplit, "maxsplit", PINOT_ATTR_INT, false, "-1"),
    PINOT_ATTR_END,
};

static pinot_status string_split_validate(struct pinot_node * node) {
    const struct string_split_attrs * attrs = PINOT_ATTRS(node, struct string_split_attrs);
    pinot_status status = check_string_input(node, 0);
    if (status != PINOT_STATUS_OK || (status = pinot_node_set_output_count(node, 2)) != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_partial_shape * in = pinot_node_input_shape(node, 0);
    pinot_partial_shape y = *in;
    if (in->rank >= 0) {
        if (in->rank >= PINOT_MAX_RANK) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "the output would have rank %d (got input rank %d, at most %d supported)",
                                    in->rank + 1, in->rank, PINOT_MAX_RANK);
        }
        /* At most maxsplit + 1 parts; whitespace splitting may give none. */
        y.dims[y.rank++] = attrs->maxsplit >= 0 && attrs->maxsplit < PINOT_DIM_INF - 1
                               ? pinot_dim_make(0, attrs->maxsplit + 1)
                               : pinot_dim_dynamic();
    }
    pinot_node_set_output(node, 0, PINOT_DTYPE_STRING, &y);
    pinot_node_set_output(node, 1, PINOT_DTYPE_I64, in);
    return PINOT_STATUS_OK;
}

/* First occurrence of sep (sep_n > 0) in s[from..n), or n. */
static size_t find_bytes(const char * s, size_t n, size_t from, const char * sep, size_t sep_n) {
    for (size_t i = from; i + sep_n <= n; i++) {
        if (s[i] == sep[0] && memcmp(s + i, sep, sep_n) == 0) {
            return i;
        }
    }
    return n;
}

/* Bytes of the Unicode whitespace at s[i] (0: not whitespace). */
static size_t space_at(const char * s, size_t n, size_t i) {
    size_t len;
    uint32_t cp = utf8_decode((const unsigned char *)s + i, n - i, &len);
    return is_py_space(cp) ? len : 0;
}

/* Split s[0..n) as Python's str.split does (CPython's split_whitespace and
 * split_char/split algorithms), writing the parts to out[base...] unless out
 * is NULL. Returns the number of parts. */
static uint64_t split_string(const char * s, size_t n, const char * sep, size_t sep_n, int64_t maxsplit,
                             pinot_tensor_t * out, uint64_t base, pinot_status * status) {
    uint64_t count = 0;
    uint64_t left = maxsplit < 0 ? UINT64_MAX : (uint64_t)maxsplit;
#define EMIT(begin, end)                                                                           \
    do {                                                                                           \
        if (out != NULL && *status == PINOT_STATUS_OK) {                                           \
            *status = pinot_tensor_set_string(out, base + count, s + (begin), (end) - (begin));    \
        }                                                                                          \
        count++;                                                                                   \
    } while (0)
    if (sep_n > 0) {
        size_t i = 0;
        while (left > 0) {
            size_t j = find_bytes(s, n, i, sep, sep_n);
            if (j == n) {
                break;
            }
            EMIT(i, j);
            i = j + sep_n;
            left--;
        }
        EMIT(i, n);
        return count;
    }
    size_t i = 0, k;
    while (left-- > 0) {
        while (i < n && (k = space_at(s, n, i)) > 0) {
            i += k;
        }
        if (i == n) {
            break;
        }
        size_t j = i;
        while (i < n && space_at(s, n, i) == 0) {
            size_t len;
            (void)utf8_decode((const unsigned char *)s + i, n - i, &len);
            i += len;
        }
        EMIT(j, i);
    }
    if (i < n) { /* maxsplit reached: the rest, without its leading whitespace, is the last part */
        while (i < n && (k = space_at(s, n, i)) > 0) {
            i += k;
        }
        if (i < n) {
            EMIT(i, n);
        }
    }
#undef EMIT
    return count;
}

static pinot_status string_split_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                          pinot_tensor_t * const * outputs) {
    const struct string_split_attrs * attrs = PINOT_ATTRS(node, struct string_split_attrs);
    pinot_status status = check_string_tensor(node, inputs[0], 0);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * in_shape = pinot_tensor_get_shape(inputs[0]);
    if (in_shape->rank >= PINOT_MAX_RANK) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "input rank %u is too large",
                                     in_shape->rank);
    }
    if ((status = pinot_tensor_set_shape(outputs[1], in_shape)) != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_string * x = string_data(inputs[0]);
    uint64_t size = pinot_tensor_get_size(inputs[0]);
    const char * sep = attrs->delimiter;
    size_t sep_n = strlen(sep);
    int64_t * counts = pinot_tensor_get_data(outputs[1]);
    uint64_t width = 0;
    for (uint64_t i = 0; i < size; i++) {
        uint64_t c = split_string(string_bytes(&x[i]), x[i].size, sep, sep_n, attrs->maxsplit, NULL, 0, &status);
        counts[i] = (int64_t)c;
        width = c > width ? c : width;
    }
    pinot_shape y_shape = *in_shape;
    y_shape.dims[y_shape.rank++] = (int64_t)width;
    if ((status = pinot_tensor_set_shape(outputs[0], &y_shape)) != PINOT_STATUS_OK) {
        return status;
    }
    for (uint64_t i = 0; i < size && status == PINOT_STATUS_OK; i++) {
        uint64_t c = split_string(string_bytes(&x[i]), x[i].size, sep, sep_n, attrs->maxsplit, outputs[0],
                                  i * width, &status);
        for (; c < width && status == PINOT_STATUS_OK; c++) {
            status = pinot_tensor_set_string(outputs[0], i * width + c, "", 0);
        }
    }
    return status;
}

const struct pinot_op_impl pinot_op_impl_string_split = {
    .type_name = "StringSplit",
    .versions = versions_1,
    .attrs = string_split_attrs_desc,
    .attrs_size = sizeof(struct string_split_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = string_split_validate,
    .evaluate = string_split_evaluate,
};

/* ======================================================================
 * StringNormalizer: x [C] or [N, C] (strings), optional stopwords [K]
 * (strings) -> y. As ONNX's reference: each string loses its accents (NFKD,
 * combining marks dropped), then stopwords are removed (tokens split on " ",
 * before the case change when case-sensitive, after it against the
 * case-changed stopwords otherwise), then the case changes. Empty results are
 * dropped from [C] and [1, C] inputs, leaving [""] / [[""]] when none is left.
 *
 * Coverage (string-tables.h, generated from Python's unicodedata by
 * gen_string_tables.py): combining marks of all of Unicode are dropped; NFKD
 * is applied to Latin (Latin-1 to Extended-B, Extended Additional), IPA and
 * spacing modifiers, Greek (and Extended), Cyrillic, general punctuation,
 * super/subscripts, letterlike symbols, number forms, enclosed alphanumerics,
 * ligatures, half/fullwidth forms and Hangul syllables; case maps ASCII, Latin
 * and Cyrillic with Python's full mappings ("ß" -> "SS"). Other characters
 * (e.g. CJK compatibility forms) keep their form, and Greek its case (Python
 * lowercases a final sigma by context, which is not done here). The locale is accepted and
 * ignored: Python's case mapping, which the ONNX reference uses, ignores it too.
 * Stopwords are an input rather than an attribute so their count is unbounded.
 * ====================================================================== */

enum { CASE_NONE = 0, CASE_LOWER = 1, CASE_UPPER = 2 };
static const char * const case_action_values[] = {"NONE", "LOWER", "UPPER", NULL};

struct string_normalizer_attrs {
    int32_t case_change_action;
    bool is_case_sensitive;
    char * locale;
};

static const struct pinot_attr_desc string_normalizer_attrs_desc[] = {
    PINOT_ATTR_ENUM_OF(struct string_normalizer_attrs, case_change_action, "case_change_action", case_action_values,
                       "NONE"),
    PINOT_ATTR(struct string_normalizer_attrs, is_case_sensitive, "is_case_sensitive", PINOT_ATTR_BOOL, false, "0"),
    PINOT_ATTR(struct string_normalizer_attrs, locale, "locale", PINOT_ATTR_STRING, false, ""),
    PINOT_ATTR_END,
};

static pinot_status string_normalizer_validate(struct pinot_node * node) {
    pinot_status status;
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        if ((status = check_string_input(node, i)) != PINOT_STATUS_OK) {
            return status;
        }
    }
    const pinot_partial_shape * in = pinot_node_input_shape(node, 0);
    if (in->rank == 0 || in->rank > 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "input must have shape [C] or [N, C] (got rank %d)", in->rank);
    }
    if (node->n_inputs > 1 && pinot_node_input_shape(node, 1)->rank > 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "stopwords must be a 1-D tensor (got rank %d)",
                                pinot_node_input_shape(node, 1)->rank);
    }
    pinot_partial_shape out = *in;
    if (in->rank >= 1) {
        pinot_dim c = in->dims[in->rank - 1];
        pinot_dim filtered = pinot_dim_make(1, c.max == PINOT_DIM_INF ? PINOT_DIM_INF : (c.max > 1 ? c.max : 1));
        if (in->rank == 1 || (pinot_dim_is_static(in->dims[0]) && in->dims[0].min == 1)) {
            out.dims[in->rank - 1] = filtered; /* empty strings are dropped */
        } else if (!pinot_dim_is_static(in->dims[0])) {
            out.dims[1] = pinot_dim_dynamic();
        }
    }
    pinot_node_set_output(node, 0, PINOT_DTYPE_STRING, &out);
    return PINOT_STATUS_OK;
}

static bool in_combining_range(uint32_t cp) {
    size_t lo = 0, hi = sizeof(string_combining_ranges) / sizeof(string_combining_ranges[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < string_combining_ranges[mid][0]) {
            hi = mid;
        } else if (cp > string_combining_ranges[mid][1]) {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    return false;
}

static const char * strip_lookup(uint32_t cp) {
    size_t lo = 0, hi = sizeof(string_strip_table) / sizeof(string_strip_table[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (string_strip_table[mid].cp == cp) {
            return string_strip_table[mid].text;
        }
        if (string_strip_table[mid].cp < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

static const struct string_case_entry * case_lookup(uint32_t cp) {
    size_t lo = 0, hi = sizeof(string_case_table) / sizeof(string_case_table[0]);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (string_case_table[mid].cp == cp) {
            return &string_case_table[mid];
        }
        if (string_case_table[mid].cp < cp) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

/* Append s[0..n) to out with accents stripped (pure ASCII is copied as is, as the reference does). */
static bool strip_accents(const char * s, size_t n, struct strbuf * out) {
    size_t i = 0;
    while (i < n) {
        size_t len;
        uint32_t cp = utf8_decode((const unsigned char *)s + i, n - i, &len);
        if (cp >= 0x80 && in_combining_range(cp)) {
            i += len;
            continue;
        }
        if (cp >= 0xAC00 && cp <= 0xD7A3) { /* Hangul syllable -> leading, vowel [, trailing] jamo */
            uint32_t index = cp - 0xAC00;
            char bytes[9];
            size_t n = utf8_encode(0x1100 + index / 588, bytes);
            n += utf8_encode(0x1161 + index % 588 / 28, bytes + n);
            if (index % 28 != 0) {
                n += utf8_encode(0x11A7 + index % 28, bytes + n);
            }
            if (!strbuf_append(out, bytes, n)) {
                return false;
            }
            i += len;
            continue;
        }
        const char * text = cp >= 0x80 ? strip_lookup(cp) : NULL;
        if (!(text != NULL ? strbuf_append(out, text, strlen(text)) : strbuf_append(out, s + i, len))) {
            return false;
        }
        i += len;
    }
    return true;
}

/* Append s[0..n) to out in the given case. */
static bool change_case(const char * s, size_t n, int32_t action, struct strbuf * out) {
    if (action == CASE_NONE) {
        return strbuf_append(out, s, n);
    }
    size_t i = 0;
    while (i < n) {
        size_t len;
        uint32_t cp = utf8_decode((const unsigned char *)s + i, n - i, &len);
        const struct string_case_entry * e = case_lookup(cp);
        const char * text = e == NULL ? NULL : action == CASE_LOWER ? e->lower : e->upper;
        if (!(text != NULL ? strbuf_append(out, text, strlen(text)) : strbuf_append(out, s + i, len))) {
            return false;
        }
        i += len;
    }
    return true;
}

struct word {
    const char * data;
    size_t size;
};

static int word_compare(const void * pa, const void * pb) {
    const struct word * a = pa;
    const struct word * b = pb;
    size_t n = a->size < b->size ? a->size : b->size;
    int c = n > 0 ? memcmp(a->data, b->data, n) : 0;
    return c != 0 ? c : (a->size > b->size) - (a->size < b->size);
}

/* Append s[0..n) to out without the " "-separated tokens found in the sorted stops[0..n_stops). */
static bool remove_stopwords(const char * s, size_t n, const struct word * stops, size_t n_stops, struct strbuf * out) {
    bool first = true;
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < n && s[j] != ' ') {
            j++;
        }
        struct word token = {s + i, j - i};
        if (bsearch(&token, stops, n_stops, sizeof(*stops), word_compare) == NULL) {
            if ((!first && !strbuf_append(out, " ", 1)) || !strbuf_append(out, token.data, token.size)) {
                return false;
            }
            first = false;
        }
        if (j == n) {
            return true;
        }
        i = j + 1;
    }
}

/* The stopwords as sorted words, case-changed to `action` (their text kept in *text). */
static bool load_stopwords(const pinot_tensor_t * t, int32_t action, struct strbuf * text, struct word ** out,
                           size_t * n_out) {
    size_t n = t != NULL ? (size_t)pinot_tensor_get_size(t) : 0;
    *out = NULL;
    *n_out = 0;
    if (n == 0) {
        return true;
    }
    const pinot_string * s = string_data(t);
    size_t * ends = malloc(n * sizeof(*ends));
    struct word * words = malloc(n * sizeof(*words));
    bool ok = ends != NULL && words != NULL;
    for (size_t i = 0; i < n && ok; i++) {
        ok = change_case(string_bytes(&s[i]), s[i].size, action, text);
        ends[i] = text->size;
    }
    if (ok) { /* the buffer may have moved while growing: take pointers only now */
        for (size_t i = 0; i < n; i++) {
            size_t begin = i == 0 ? 0 : ends[i - 1];
            words[i] = (struct word){text->data + begin, ends[i] - begin};
        }
        qsort(words, n, sizeof(*words), word_compare);
        *out = words;
        *n_out = n;
    } else {
        free(words);
    }
    free(ends);
    return ok;
}

static pinot_status string_normalizer_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                               pinot_tensor_t * const * outputs) {
    const struct string_normalizer_attrs * attrs = PINOT_ATTRS(node, struct string_normalizer_attrs);
    const pinot_tensor_t * stop_tensor = node->n_inputs > 1 ? inputs[1] : NULL;
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < node->n_inputs && status == PINOT_STATUS_OK; i++) {
        status = check_string_tensor(node, inputs[i], i);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * in_shape = pinot_tensor_get_shape(inputs[0]);
    if (in_shape->rank == 0 || in_shape->rank > 2) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "input must have shape [C] or [N, C] (got rank %u)", in_shape->rank);
    }
    bool sensitive = attrs->is_case_sensitive;
    struct strbuf stop_text = {0}, results = {0}, a = {0}, b = {0};
    struct word * stops = NULL;
    size_t n_stops = 0;
    uint64_t size = pinot_tensor_get_size(inputs[0]);
    size_t * ends = malloc((size_t)(size > 0 ? size : 1) * sizeof(*ends));
    if (ends == NULL ||
        !load_stopwords(stop_tensor, sensitive ? CASE_NONE : attrs->case_change_action, &stop_text, &stops, &n_stops)) {
        status = out_of_memory(node);
        goto cleanup;
    }
    /* Each string through the pipeline, into `results` (ends[i]: end of result i). */
    const pinot_string * x = string_data(inputs[0]);
    for (uint64_t i = 0; i < size; i++) {
        a.size = b.size = 0;
        bool ok = strip_accents(string_bytes(&x[i]), x[i].size, &a);
        if (ok && sensitive && n_stops > 0) {
            ok = remove_stopwords(a.data, a.size, stops, n_stops, &b);
            struct strbuf t = a;
            a = b;
            b = t;
            b.size = 0;
        }
        ok = ok && change_case(a.data, a.size, attrs->case_change_action, &b);
        if (ok && !sensitive && n_stops > 0) {
            a.size = 0;
            ok = remove_stopwords(b.data, b.size, stops, n_stops, &a) && strbuf_append(&results, a.data, a.size);
        } else {
            ok = ok && strbuf_append(&results, b.data, b.size);
        }
        if (!ok) {
            status = out_of_memory(node);
            goto cleanup;
        }
        ends[i] = results.size;
    }
    /* [C] and [1, C] drop their empty results; other [N, C] keep their shape (as the reference). */
    bool filter = in_shape->rank == 1 || in_shape->dims[0] == 1;
    uint64_t kept = 0;
    for (uint64_t i = 0; i < size; i++) {
        kept += !filter || ends[i] != (i == 0 ? 0 : ends[i - 1]);
    }
    pinot_shape out_shape = *in_shape;
    if (filter) {
        out_shape.dims[in_shape->rank - 1] = (int64_t)(kept > 0 ? kept : 1);
    }
    if ((status = pinot_tensor_set_shape(outputs[0], &out_shape)) != PINOT_STATUS_OK) {
        goto cleanup;
    }
    if (kept == 0 && filter) {
        status = pinot_tensor_set_string(outputs[0], 0, "", 0);
        goto cleanup;
    }
    uint64_t k = 0;
    for (uint64_t i = 0; i < size && status == PINOT_STATUS_OK; i++) {
        size_t begin = i == 0 ? 0 : ends[i - 1];
        if (!filter || ends[i] != begin) {
            status = pinot_tensor_set_string(outputs[0], k++, results.data + begin, ends[i] - begin);
        }
    }
cleanup:
    free(b.data);
    free(a.data);
    free(results.data);
    free(stops);
    free(stop_text.data);
    free(ends);
    return status;
}

const struct pinot_op_impl pinot_op_impl_string_normalizer = {
    .type_name = "StringNormalizer",
    .versions = versions_1,
    .attrs = string_normalizer_attrs_desc,
    .attrs_size = sizeof(struct string_normalizer_attrs),
    .min_inputs = 1,
    .max_inputs = 2,
    .validate = string_normalizer_validate,
    .evaluate = string_normalizer_evaluate,
};

/* ======================================================================
 * RegexFullMatch: x (strings) -> y (boolean): whether the whole string
 * matches `pattern` (RE2 syntax, as ONNX specifies).
 *
 * The pattern is translated to a POSIX extended regular expression, anchored
 * as ^(...)$, and run by the C library's regcomp/regexec in a UTF-8 locale
 * (so `.` and classes see code points). A full match exists or not whatever
 * the matching discipline, so POSIX leftmost-longest and RE2's leftmost-first
 * agree here, and lazy quantifiers (`*?`) act like greedy ones. Supported:
 * literals, `.`, `[...]` (ranges, [:class:], \d \w \s inside), groups
 * ( (...), (?:...), (?P<name>...) ), `|`, `* + ? {n} {n,} {n,m}` and their
 * lazy forms ({,m} is {0,m}, as in Python), `^ $ \A \z \b \B`, \d \D \w \W \s \S, escaped punctuation,
 * \n \t \r \f \v \a and \xHH / \x{H...}. Anything else (flags such as (?i),
 * \p{..}, \Q..\E, backreferences) is refused with an error naming it.
 * ====================================================================== */

struct regex_full_match_attrs {
    char * pattern;
};

static const struct pinot_attr_desc regex_full_match_attrs_desc[] = {
    PINOT_ATTR(struct regex_full_match_attrs, pattern, "pattern", PINOT_ATTR_STRING, true, NULL),
    PINOT_ATTR_END,
};

/* ERE characters that need a backslash to be literal outside brackets. */
static bool is_ere_special(char c) {
    return c != '\0' && strchr(".[]()*+?{}|^$\\", c) != NULL;
}

static bool is_word_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int hex_value(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

struct re_translate {
    const char * p;   /* the RE2 pattern */
    size_t i;         /* read position */
    struct strbuf out; /* the ERE */
    const char * error; /* what is unsupported or malformed, with error_at */
    size_t error_at;
};

static bool re_fail(struct re_translate * t, const char * what, size_t at) {
    t->error = what;
    t->error_at = at;
    return false;
}

/* A character escape (\n, \x41, \x{263A}, \.) at t->p[t->i] == '\\' into the
 * UTF-8 bytes of the character (out[4], *n). False for class escapes (\d ...),
 * assertions and unsupported escapes (t->i unchanged). */
static bool re_char_escape(struct re_translate * t, char * out, size_t * n) {
    const char * p = t->p + t->i;
    char c = p[1];
    const char * controls = "n\nt\tr\rf\fv\va\a";
    const char * k = c != '\0' ? strchr(controls, c) : NULL;
    if (k != NULL && (k - controls) % 2 == 0) {
        out[0] = k[1];
        *n = 1;
        t->i += 2;
        return true;
    }
    if (c == 'x') {
        uint32_t cp = 0;
        size_t len;
        if (p[2] == '{') {
            len = 3;
            while (hex_value(p[len]) >= 0 && cp <= 0x10FFFF) {
                cp = cp * 16 + (uint32_t)hex_value(p[len++]);
            }
            if (p[len] != '}' || len == 3 || cp > 0x10FFFF) {
                return false;
            }
            len++;
        } else {
            if (hex_value(p[2]) < 0 || hex_value(p[3]) < 0) {
                return false;
            }
            cp = (uint32_t)(hex_value(p[2]) * 16 + hex_value(p[3]));
            len = 4;
        }
        if (cp == 0) {
            return false; /* the C library's patterns are NUL-terminated */
        }
        *n = utf8_encode(cp, out);
        t->i += len;
        return true;
    }
    if (c != '\0' && (unsigned char)c < 0x80 && !is_word_char(c)) { /* escaped punctuation */
        out[0] = c;
        *n = 1;
        t->i += 2;
        return true;
    }
    return false;
}

/* A bracket expression at t->p[t->i] == '[', rewritten for POSIX (class escapes expanded,
 * "]" first, "^" not first, "-" last); false on error. */
static bool re_bracket(struct re_translate * t) {
    size_t start = t->i;
    t->i++; /* '[' */
    bool negate = t->p[t->i] == '^';
    t->i += negate;
    struct strbuf items = {0}; /* ranges, classes and literals other than ] - ^ */
    bool has_close = false, has_dash = false, has_caret = false, ok = true;
    for (bool first = true;; first = false) {
        char c = t->p[t->i];
        if (c == '\0') {
            ok = re_fail(t, "missing ']'", start);
            break;
        }
        if (c == ']' && !first) {
            t->i++;
            break;
        }
        if (c == '[' && t->p[t->i + 1] == ':') { /* [:alpha:] passes through */
            const char * end = strstr(t->p + t->i + 2, ":]");
            if (end == NULL) {
                ok = re_fail(t, "missing ':]'", t->i);
                break;
            }
            size_t len = (size_t)(end + 2 - (t->p + t->i));
            ok = strbuf_append(&items, t->p + t->i, len) || re_fail(t, "out of memory", t->i);
            t->i += len;
            if (ok && t->p[t->i] == '-' && t->p[t->i + 1] != ']') {
                ok = re_fail(t, "bad character class range", t->i);
            }
            if (!ok) {
                break;
            }
            continue;
        }
        if (c == '\\') {
            char e = t->p[t->i + 1];
            const char * cls = e == 'd' ? "[:digit:]" : e == 'w' ? "[:alnum:]_" : e == 's' ? "[:space:]" : NULL;
            if (cls != NULL) {
                ok = strbuf_append(&items, cls, strlen(cls)) || re_fail(t, "out of memory", t->i);
                t->i += 2;
                if (ok && t->p[t->i] == '-' && t->p[t->i + 1] != ']') {
                    ok = re_fail(t, "bad character class range", t->i);
                }
                if (!ok) {
                    break;
                }
                continue;
            }
        }
        /* A character, maybe the start of a range. */
        char lo[4], hi[4];
        size_t lo_n, hi_n = 0;
        if (c == '\\') {
            if (!re_char_escape(t, lo, &lo_n)) {
                ok = re_fail(t, "unsupported escape in a character class", t->i);
                break;
            }
        } else {
            size_t len;
            (void)utf8_decode((const unsigned char *)t->p + t->i, strlen(t->p + t->i), &len);
            memcpy(lo, t->p + t->i, len);
            lo_n = len;
            t->i += len;
        }
        if (t->p[t->i] == '-' && t->p[t->i + 1] != ']' && t->p[t->i + 1] != '\0') {
            size_t at = t->i++;
            if (t->p[t->i] == '\\') {
                if (!re_char_escape(t, hi, &hi_n)) {
                    ok = re_fail(t, "unsupported range end in a character class", t->i);
                    break;
                }
            } else if (t->p[t->i] == '[') {
                ok = re_fail(t, "unsupported range end in a character class", t->i);
                break;
            } else {
                (void)utf8_decode((const unsigned char *)t->p + t->i, strlen(t->p + t->i), &hi_n);
                memcpy(hi, t->p + t->i, hi_n);
                t->i += hi_n;
            }
            /* Range ends that are bracket syntax become collating elements [.x.]. */
            for (int end = 0; end < 2 && ok; end++) {
                const char * s = end == 0 ? lo : hi;
                size_t n = end == 0 ? lo_n : hi_n;
                bool quote = n == 1 && (s[0] == ']' || s[0] == '-' || s[0] == '[');
                ok = (end == 0 || strbuf_append(&items, "-", 1)) && (!quote || strbuf_append(&items, "[.", 2)) &&
                     strbuf_append(&items, s, n) && (!quote || strbuf_append(&items, ".]", 2));
            }
            if (!ok) {
                re_fail(t, "out of memory", at);
                break;
            }
            continue;
        }
        if (lo_n == 1 && lo[0] == ']') {
            has_close = true;
        } else if (lo_n == 1 && lo[0] == '-') {
            has_dash = true;
        } else if (lo_n == 1 && lo[0] == '^') {
            has_caret = true;
        } else if (!strbuf_append(&items, lo, lo_n)) {
            ok = re_fail(t, "out of memory", t->i);
            break;
        }
    }
    if (ok) {
        /* POSIX placement: ']' first, '^' not first, '-' last. A lone '^' is an escaped literal. */
        if (has_caret && !negate && !has_close && items.size == 0 && !has_dash) {
            ok = strbuf_append(&t->out, "\\^", 2);
        } else {
            ok = strbuf_append(&t->out, negate ? "[^" : "[", negate ? 2 : 1) &&
                 (!has_close || strbuf_append(&t->out, "]", 1)) && strbuf_append(&t->out, items.data, items.size) &&
                 (!has_caret || strbuf_append(&t->out, "^", 1)) && (!has_dash || strbuf_append(&t->out, "-", 1)) &&
                 strbuf_append(&t->out, "]", 1);
        }
        if (!ok) {
            re_fail(t, "out of memory", start);
        }
    }
    free(items.data);
    return ok;
}

/* {n}, {n,}, {n,m} or {,m} at p (any other '{' is literal); its length or 0. {,m} is
 * {0,m} as in Python's re, whose results the ONNX reference gives (RE2 reads it literally). */
static size_t re_repeat_length(const char * p) {
    size_t i = 1, digits = 0;
    while (p[i] >= '0' && p[i] <= '9') {
        i++, digits++;
    }
    if (digits == 0 && p[i] != ',') {
        return 0;
    }
    if (p[i] == ',') {
        i++;
        while (p[i] >= '0' && p[i] <= '9') {
            i++;
        }
    }
    return p[i] == '}' ? i + 1 : 0;
}

/* RE2 pattern -> anchored POSIX ERE in t->out (NUL-terminated); false with t->error set. */
static bool re_translate(struct re_translate * t) {
    bool ok = strbuf_append(&t->out, "^(", 2);
    bool atom = false; /* the last item can take a repetition (as RE2 and Python, refuse "**", "(*", "^*") */
    while (ok && t->p[t->i] != '\0') {
        const char * p = t->p + t->i;
        char c = p[0];
        size_t at = t->i;
        bool was_atom = atom;
        atom = true;
        if (c == '[') {
            ok = re_bracket(t);
            continue;
        }
        if (c == '(') {
            atom = false;
            if (p[1] == '?') {
                if (p[2] == ':') {
                    t->i += 3;
                } else if ((p[2] == 'P' && p[3] == '<') || (p[2] == '<' && p[3] != '=' && p[3] != '!')) {
                    const char * end = strchr(p, '>');
                    if (end == NULL) {
                        return re_fail(t, "unterminated group name", at);
                    }
                    t->i += (size_t)(end + 1 - p);
                } else {
                    return re_fail(t, "unsupported group or flags '(?'", at);
                }
            } else {
                t->i++;
            }
            ok = strbuf_append(&t->out, "(", 1);
            continue;
        }
        if (c == '*' || c == '+' || c == '?' || (c == '{' && re_repeat_length(p) > 0)) {
            size_t len = c == '{' ? re_repeat_length(p) : 1;
            if (!was_atom) {
                return re_fail(t, "repetition of nothing or of a repetition", at);
            }
            atom = false;
            ok = (c != '{' || p[1] != ',' || strbuf_append(&t->out, "{0", 2)) &&
                 strbuf_append(&t->out, c == '{' && p[1] == ',' ? p + 1 : p, c == '{' && p[1] == ',' ? len - 1 : len);
            t->i += len;
            if (t->p[t->i] == '?') { /* lazy: the same full matches */
                t->i++;
            }
            continue;
        }
        if (c == '{' || c == '}') {
            ok = strbuf_append(&t->out, c == '{' ? "\\{" : "\\}", 2);
            t->i++;
            continue;
        }
        if (c == '.') { /* RE2's '.' does not match a newline */
            ok = strbuf_append(&t->out, "[^\n]", 4);
            t->i++;
            continue;
        }
        if (c == '\\') {
            char e = p[1];
            const char * text = e == 'd' ? "[[:digit:]]" : e == 'D' ? "[^[:digit:]]" : e == 'w' ? "[[:alnum:]_]"
                              : e == 'W' ? "[^[:alnum:]_]" : e == 's' ? "[[:space:]]" : e == 'S' ? "[^[:space:]]"
                              : e == 'b' ? "\\b" : e == 'B' ? "\\B" : e == 'A' ? "^" : e == 'z' ? "$" : NULL;
            if (text != NULL) {
                atom = strchr("dDwWsS", e) != NULL; /* assertions take no repetition */
                ok = strbuf_append(&t->out, text, strlen(text));
                t->i += 2;
                continue;
            }
            char bytes[4];
            size_t n;
            if (!re_char_escape(t, bytes, &n)) {
                return re_fail(t, e == '\0' ? "trailing '\\'" : "unsupported escape", at);
            }
            ok = (n != 1 || !is_ere_special(bytes[0]) || strbuf_append(&t->out, "\\", 1)) &&
                 strbuf_append(&t->out, bytes, n);
            continue;
        }
        atom = c != '|' && c != '^' && c != '$';
        ok = strbuf_append(&t->out, p, 1); /* literals, | ) ^ $ */
        t->i++;
    }
    if (!ok) {
        return t->error != NULL ? false : re_fail(t, "out of memory", t->i);
    }
    return strbuf_append(&t->out, ")$", 3) || re_fail(t, "out of memory", t->i); /* with the NUL */
}

/* The locale the patterns run in: UTF-8 where the C library has one. */
static locale_t regex_locale(void) {
    locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    return loc != (locale_t)0 ? loc : newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
}

/* Compile the node's pattern (under the current locale). Errors name the node. */
static pinot_status regex_compile(const struct pinot_node * node, bool runtime, regex_t * re) {
    const char * pattern = PINOT_ATTRS(node, struct regex_full_match_attrs)->pattern;
    struct re_translate t = {.p = pattern};
    pinot_status status = PINOT_STATUS_OK;
    if (!re_translate(&t)) {
        status = (runtime ? pinot_node_eval_error : pinot_node_error)(
            node, PINOT_STATUS_UNSUPPORTED_PARAMETER, "invalid or unsupported regular expression '%s': %s at offset %zu",
            pattern, t.error, t.error_at);
    } else {
        int rc = regcomp(re, t.out.data, REG_EXTENDED | REG_NOSUB);
        if (rc != 0) {
            char message[256];
            regerror(rc, re, message, sizeof(message));
            status = (runtime ? pinot_node_eval_error : pinot_node_error)(
                node, PINOT_STATUS_INVALID_ARGUMENT, "invalid regular expression '%s': %s", pattern, message);
        }
    }
    free(t.out.data);
    return status;
}

static pinot_status regex_full_match_validate(struct pinot_node * node) {
    pinot_status status = check_string_input(node, 0);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    locale_t loc = regex_locale();
    locale_t previous = loc != (locale_t)0 ? uselocale(loc) : (locale_t)0;
    regex_t re;
    status = regex_compile(node, false, &re);
    if (status == PINOT_STATUS_OK) {
        regfree(&re);
    }
    if (loc != (locale_t)0) {
        uselocale(previous);
        freelocale(loc);
    }
    if (status == PINOT_STATUS_OK) {
        pinot_node_set_output(node, 0, PINOT_DTYPE_BOOLEAN, pinot_node_input_shape(node, 0));
    }
    return status;
}

static pinot_status regex_full_match_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                              pinot_tensor_t * const * outputs) {
    pinot_status status = check_string_tensor(node, inputs[0], 0);
    if (status != PINOT_STATUS_OK ||
        (status = pinot_tensor_set_shape(outputs[0], pinot_tensor_get_shape(inputs[0]))) != PINOT_STATUS_OK) {
        return status;
    }
    locale_t loc = regex_locale();
    locale_t previous = loc != (locale_t)0 ? uselocale(loc) : (locale_t)0;
    regex_t re;
    status = regex_compile(node, true, &re);
    if (status == PINOT_STATUS_OK) {
        const pinot_string * x = string_data(inputs[0]);
        uint8_t * y = pinot_tensor_get_data(outputs[0]);
        uint64_t size = pinot_tensor_get_size(inputs[0]);
        for (uint64_t i = 0; i < size; i++) {
            const char * s = string_bytes(&x[i]);
#ifdef REG_STARTEND /* the string's length, not its NUL, bounds the match */
            regmatch_t range = {.rm_so = 0, .rm_eo = (regoff_t)x[i].size};
            y[i] = regexec(&re, s, 1, &range, REG_STARTEND) == 0;
#else
            if (memchr(s, '\0', x[i].size) != NULL) {
                status = pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                               "strings with NUL bytes are not supported (element %llu)",
                                               (unsigned long long)i);
                break;
            }
            y[i] = regexec(&re, s, 0, NULL, 0) == 0;
#endif
        }
        regfree(&re);
    }
    if (loc != (locale_t)0) {
        uselocale(previous);
        freelocale(loc);
    }
    return status;
}

const struct pinot_op_impl pinot_op_impl_regex_full_match = {
    .type_name = "RegexFullMatch",
    .versions = versions_1,
    .attrs = regex_full_match_attrs_desc,
    .attrs_size = sizeof(struct regex_full_match_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = regex_full_match_validate,
    .evaluate = regex_full_match_evaluate,
};

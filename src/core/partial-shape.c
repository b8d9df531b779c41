/* Static shapes and partial shapes as OpenVINO's ov::Shape and ov::PartialShape:
 * relations, merging, numpy broadcasting, min/max shapes, printing and parsing.
 * Everything works on caller-owned values and never allocates. Dimension-level
 * rules are in dimension.c. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pinot/shape.h"
#include "core/shape-impl.h"

/* Helpers for snprintf-style printing in pieces: where the next piece goes and
 * how much room it has, without forming pointers past the buffer. */
static char * out_at(char * buf, size_t size, size_t len) {
    return len < size ? buf + len : NULL;
}

static size_t out_room(size_t size, size_t len) {
    return len < size ? size - len : 0;
}

/* ---- static shapes ---- */

pinot_status pinot_shape_init(pinot_shape * shape, uint32_t rank, const int64_t * dims) {
    pinot_status status = PINOT_STATUS_OK;
    if (rank > PINOT_MAX_RANK) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "failed to create shape: rank %" PRIu32 " exceeds the maximum rank %d", rank,
                                 PINOT_MAX_RANK);
        goto cleanup;
    }
    for (uint32_t i = 0; i < rank; i++) {
        if (dims[i] < 0) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "failed to create shape: dimension %" PRIu32 " is negative (got %" PRId64 ")", i,
                                     dims[i]);
            goto cleanup;
        }
    }
    shape->rank = rank;
    for (uint32_t i = 0; i < rank; i++) {
        shape->dims[i] = dims[i];
    }

cleanup:
    return status;
}

bool pinot_shape_numel(const pinot_shape * shape, uint64_t * out) {
    uint64_t n = 1;
    bool zero = false;
    bool overflow = false;
    for (uint32_t i = 0; i < shape->rank; i++) {
        uint64_t d = (uint64_t)shape->dims[i];
        if (d == 0) {
            zero = true;
        } else if (n > (uint64_t)INT64_MAX / d) {
            overflow = true;
        } else {
            n *= d;
        }
    }
    /* Any zero dimension makes the product 0, even when the others overflow. */
    if (zero) {
        *out = 0;
        return true;
    }
    if (overflow) {
        return false;
    }
    *out = n;
    return true;
}

bool pinot_shape_equal(const pinot_shape * a, const pinot_shape * b) {
    if (a->rank != b->rank) {
        return false;
    }
    for (uint32_t i = 0; i < a->rank; i++) {
        if (a->dims[i] != b->dims[i]) {
            return false;
        }
    }
    return true;
}

int pinot_shape_to_string(const pinot_shape * shape, char * buf, size_t size) {
    size_t len = (size_t)snprintf(out_at(buf, size, 0), out_room(size, 0), "[");
    for (uint32_t i = 0; i < shape->rank; i++) {
        len += (size_t)snprintf(out_at(buf, size, len), out_room(size, len), i == 0 ? "%" PRId64 : ",%" PRId64,
                                shape->dims[i]);
    }
    len += (size_t)snprintf(out_at(buf, size, len), out_room(size, len), "]");
    return (int)len;
}

/* Trim, then drop one pair of enclosing brackets and trim again, as OpenVINO's
 * Shape(str) and PartialShape(str) both do. */
static void strip_brackets(const char ** s, size_t * n) {
    pinot_trim(s, n);
    if (*n >= 2 && (*s)[0] == '[' && (*s)[*n - 1] == ']') {
        (*s)++;
        *n -= 2;
        pinot_trim(s, n);
    }
}

/* Leading digits after optional whitespace; anything else, or an int64 overflow, is 0. */
static int64_t read_size_or_zero(const char * s, size_t n) {
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i])) {
        i++;
    }
    int64_t value = 0;
    for (; i < n && isdigit((unsigned char)s[i]); i++) {
        int digit = s[i] - '0';
        if (value > (INT64_MAX - digit) / 10) {
            return 0;
        }
        value = value * 10 + digit;
    }
    return value;
}

pinot_status pinot_shape_parse(const char * text, pinot_shape * out) {
    pinot_status status = PINOT_STATUS_OK;
    pinot_shape shape = {.rank = 0};
    const char * s = text;
    size_t n = strlen(text);
    strip_brackets(&s, &n);
    const char * end = s + n;
    /* Fields are split at every comma, so "1," has an empty last field. */
    const char * field = s;
    while (n > 0) {
        const char * comma = memchr(field, ',', (size_t)(end - field));
        const char * field_end = comma != NULL ? comma : end;
        if (field_end == field) {
            /* OpenVINO quotes the (empty) field here, not the whole text. */
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "Cannot get vector of dimensions! \"\" is incorrect");
            goto cleanup;
        }
        if (shape.rank == PINOT_MAX_RANK) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "Cannot get vector of dimensions! \"%.*s\" is incorrect: more than %d dimensions",
                                     pinot_quote_len(strlen(text)), text, PINOT_MAX_RANK);
            goto cleanup;
        }
        shape.dims[shape.rank++] = read_size_or_zero(field, (size_t)(field_end - field));
        if (comma == NULL) {
            break;
        }
        field = comma + 1;
    }
    *out = shape;

cleanup:
    return status;
}

/* ---- partial shapes ---- */

void pinot_partial_shape_dynamic(pinot_partial_shape * ps, int32_t rank) {
    if (rank < 0 || rank > PINOT_MAX_RANK) {
        ps->rank = -1;
        return;
    }
    ps->rank = rank;
    for (int32_t i = 0; i < rank; i++) {
        ps->dims[i] = pinot_dim_dynamic();
    }
}

void pinot_partial_shape_from_shape(pinot_partial_shape * ps, const pinot_shape * shape) {
    ps->rank = (int32_t)shape->rank;
    for (uint32_t i = 0; i < shape->rank; i++) {
        ps->dims[i] = pinot_dim_static(shape->dims[i]);
    }
}

bool pinot_partial_shape_is_static(const pinot_partial_shape * ps) {
    if (ps->rank < 0) {
        return false;
    }
    for (int32_t i = 0; i < ps->rank; i++) {
        if (!pinot_dim_is_static(ps->dims[i])) {
            return false;
        }
    }
    return true;
}

pinot_status pinot_partial_shape_to_shape(const pinot_partial_shape * ps, pinot_shape * out) {
    pinot_status status = PINOT_STATUS_OK;
    if (!pinot_partial_shape_is_static(ps)) {
        status = pinot_set_error(PINOT_STATUS_INVALID_STATE, "to_shape was called on a dynamic shape.");
        goto cleanup;
    }
    out->rank = (uint32_t)ps->rank;
    for (int32_t i = 0; i < ps->rank; i++) {
        out->dims[i] = ps->dims[i].min;
    }

cleanup:
    return status;
}

bool pinot_partial_shape_compatible(const pinot_partial_shape * a, const pinot_partial_shape * b) {
    if (a->rank < 0 || b->rank < 0) {
        return true;
    }
    if (a->rank != b->rank) {
        return false;
    }
    for (int32_t i = 0; i < a->rank; i++) {
        if (!pinot_dim_compatible(a->dims[i], b->dims[i])) {
            return false;
        }
    }
    return true;
}

bool pinot_partial_shape_relaxes(const pinot_partial_shape * a, const pinot_partial_shape * b) {
    if (a->rank < 0) {
        return true;
    }
    if (b->rank != a->rank) {
        return false;
    }
    for (int32_t i = 0; i < a->rank; i++) {
        if (!pinot_dim_relaxes(a->dims[i], b->dims[i])) {
            return false;
        }
    }
    return true;
}

bool pinot_partial_shape_refines(const pinot_partial_shape * a, const pinot_partial_shape * b) {
    return pinot_partial_shape_relaxes(b, a);
}

bool pinot_partial_shape_same_scheme(const pinot_partial_shape * a, const pinot_partial_shape * b) {
    if (a->rank < 0 || b->rank < 0) {
        return a->rank < 0 && b->rank < 0;
    }
    if (a->rank != b->rank) {
        return false;
    }
    for (int32_t i = 0; i < a->rank; i++) {
        if (!pinot_dim_same_scheme(a->dims[i], b->dims[i])) {
            return false;
        }
    }
    return true;
}

bool pinot_partial_shape_equal(const pinot_partial_shape * a, const pinot_partial_shape * b) {
    if (a->rank < 0 || b->rank < 0) {
        return a->rank < 0 && b->rank < 0;
    }
    if (a->rank != b->rank) {
        return false;
    }
    for (int32_t i = 0; i < a->rank; i++) {
        if (!pinot_dim_equal(a->dims[i], b->dims[i])) {
            return false;
        }
    }
    return true;
}

bool pinot_partial_shape_merge_into(pinot_partial_shape * dst, const pinot_partial_shape * src) {
    if (dst->rank < 0) {
        *dst = *src;
        return true;
    }
    if (src->rank < 0) {
        return true;
    }
    if (dst->rank != src->rank) {
        return false;
    }
    /* Like OpenVINO, merge every dimension even after a failure; a failed one keeps dst's value. */
    bool ok = true;
    for (int32_t i = 0; i < dst->rank; i++) {
        ok &= pinot_dim_merge(dst->dims[i], src->dims[i], &dst->dims[i]);
    }
    return ok;
}

bool pinot_partial_shape_broadcast_merge(const pinot_partial_shape * a, const pinot_partial_shape * b,
                                         pinot_partial_shape * out) {
    if (a->rank < 0 || b->rank < 0) {
        out->rank = -1;
        return true;
    }
    /* Built aside so that out may alias a or b. Ranks are right-aligned and the
     * shorter shape is padded with 1s on the left. */
    pinot_partial_shape result;
    int32_t rank = a->rank > b->rank ? a->rank : b->rank;
    int32_t pad_a = rank - a->rank;
    int32_t pad_b = rank - b->rank;
    bool ok = true;
    result.rank = rank;
    for (int32_t i = 0; i < rank; i++) {
        pinot_dim da = i < pad_a ? pinot_dim_static(1) : a->dims[i - pad_a];
        pinot_dim db = i < pad_b ? pinot_dim_static(1) : b->dims[i - pad_b];
        if (!pinot_dim_broadcast_merge(da, db, &result.dims[i])) {
            result.dims[i] = da;
            ok = false;
        }
    }
    *out = result;
    return ok;
}

void pinot_partial_shape_max_shape(const pinot_partial_shape * ps, pinot_shape * out) {
    out->rank = ps->rank < 0 ? 0 : (uint32_t)ps->rank;
    for (uint32_t i = 0; i < out->rank; i++) {
        out->dims[i] = ps->dims[i].max;
    }
}

void pinot_partial_shape_min_shape(const pinot_partial_shape * ps, pinot_shape * out) {
    out->rank = ps->rank < 0 ? 0 : (uint32_t)ps->rank;
    for (uint32_t i = 0; i < out->rank; i++) {
        out->dims[i] = ps->dims[i].min;
    }
}

int pinot_partial_shape_to_string(const pinot_partial_shape * ps, char * buf, size_t size) {
    if (ps->rank < 0) {
        return snprintf(buf, size, "[...]");
    }
    size_t len = (size_t)snprintf(out_at(buf, size, 0), out_room(size, 0), "[");
    for (int32_t i = 0; i < ps->rank; i++) {
        if (i > 0) {
            len += (size_t)snprintf(out_at(buf, size, len), out_room(size, len), ",");
        }
        len += (size_t)pinot_dim_to_string(ps->dims[i], out_at(buf, size, len), out_room(size, len));
    }
    len += (size_t)snprintf(out_at(buf, size, len), out_room(size, len), "]");
    return (int)len;
}

pinot_status pinot_partial_shape_parse(const char * text, pinot_partial_shape * out) {
    pinot_status status = PINOT_STATUS_OK;
    pinot_partial_shape ps = {.rank = 0};
    const char * s = text;
    size_t n = strlen(text);
    strip_brackets(&s, &n);
    if (n == 3 && memcmp(s, "...", 3) == 0) {
        ps.rank = -1;
        *out = ps;
        goto cleanup;
    }
    const char * end = s + n;
    /* Fields are split at every comma: an empty field anywhere ("[?,,3]", "[3,]")
     * is an error quoting the whole text; a blank one ("[3, ,4]") reads as 0. */
    const char * field = s;
    while (n > 0) {
        const char * comma = memchr(field, ',', (size_t)(end - field));
        const char * field_end = comma != NULL ? comma : end;
        if (field_end == field) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "Cannot get vector of dimensions! \"%.*s\" is incorrect",
                                     pinot_quote_len(strlen(text)), text);
            goto cleanup;
        }
        if (ps.rank == PINOT_MAX_RANK) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "Cannot get vector of dimensions! \"%.*s\" is incorrect: more than %d dimensions",
                                     pinot_quote_len(strlen(text)), text, PINOT_MAX_RANK);
            goto cleanup;
        }
        status = pinot_dim_parse_n(field, (size_t)(field_end - field), &ps.dims[ps.rank]);
        if (status != PINOT_STATUS_OK) {
            goto cleanup;
        }
        ps.rank++;
        if (comma == NULL) {
            break;
        }
        field = comma + 1;
    }
    *out = ps;

cleanup:
    return status;
}

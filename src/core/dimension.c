/* Dimensions as OpenVINO's ov::Dimension: intervals with relations, merging,
 * numpy broadcasting, printing and parsing (with OpenVINO's error wording).
 * Symbols (ov::Symbol) are not part of the C value; the Python layer keeps them.
 * Partial and static shapes are in partial-shape.c. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pinot/shape.h"
#include "core/shape-impl.h"

static int64_t max_i64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t min_i64(int64_t a, int64_t b) { return a < b ? a : b; }

pinot_dim pinot_dim_make(int64_t min, int64_t max) {
    if (max < min) {
        return pinot_dim_empty();
    }
    pinot_dim d = {max_i64(min, 0), max_i64(max, 0)};
    return d;
}

pinot_status pinot_dim_interval(int64_t min, int64_t max, pinot_dim * out) {
    pinot_status status = PINOT_STATUS_OK;
    if (min < 0) {
        min = 0;
    }
    if (max < 0) {
        max = PINOT_DIM_INF;
    }
    if (min > max) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "failed to create dimension: min bound %" PRId64 " is greater than max bound %" PRId64,
                                 min, max);
        goto cleanup;
    }
    out->min = min;
    out->max = max;

cleanup:
    return status;
}

/* The relations follow OpenVINO's Interval arithmetic literally (including for
 * the empty interval), so that results agree with OpenVINO case by case. */

bool pinot_dim_compatible(pinot_dim a, pinot_dim b) {
    int64_t lo = max_i64(a.min, b.min);
    int64_t hi = min_i64(a.max, b.max);
    return lo <= hi && lo != PINOT_DIM_INF;
}

bool pinot_dim_relaxes(pinot_dim a, pinot_dim b) {
    return a.min <= b.min && b.max <= a.max;
}

bool pinot_dim_refines(pinot_dim a, pinot_dim b) {
    return pinot_dim_relaxes(b, a);
}

bool pinot_dim_same_scheme(pinot_dim a, pinot_dim b) {
    /* OpenVINO: equal, or both of interval size > 1 (min < max covers unbounded
     * intervals and excludes the empty one). */
    return pinot_dim_equal(a, b) || (a.min < a.max && b.min < b.max);
}

bool pinot_dim_equal(pinot_dim a, pinot_dim b) {
    return a.min == b.min && a.max == b.max;
}

bool pinot_dim_merge(pinot_dim a, pinot_dim b, pinot_dim * out) {
    if (!pinot_dim_compatible(a, b)) {
        return false;
    }
    out->min = max_i64(a.min, b.min);
    out->max = min_i64(a.max, b.max);
    return true;
}

static bool dim_contains(pinot_dim d, int64_t value) {
    return d.min <= value && value <= d.max;
}

bool pinot_dim_broadcast_merge(pinot_dim a, pinot_dim b, pinot_dim * out) {
    /* OpenVINO's rule: a side that may be 1 takes the other side; when both may be
     * 1 the result spans both intervals; otherwise the sizes must match (merge). */
    bool a_has_1 = dim_contains(a, 1);
    bool b_has_1 = dim_contains(b, 1);
    if (a_has_1 && b_has_1) {
        *out = pinot_dim_make(min_i64(a.min, b.min), max_i64(a.max, b.max));
        return true;
    }
    if (a_has_1) {
        *out = b;
        return true;
    }
    if (b_has_1) {
        *out = a;
        return true;
    }
    return pinot_dim_merge(a, b, out);
}

int pinot_dim_to_string(pinot_dim d, char * buf, size_t size) {
    if (pinot_dim_is_static(d)) {
        return snprintf(buf, size, "%" PRId64, d.min);
    }
    bool bounded = d.max != PINOT_DIM_INF;
    if (d.min > 0 && d.min != PINOT_DIM_INF) {
        if (bounded) {
            return snprintf(buf, size, "%" PRId64 "..%" PRId64, d.min, d.max);
        }
        return snprintf(buf, size, "%" PRId64 "..", d.min);
    }
    if (bounded) {
        return snprintf(buf, size, "..%" PRId64, d.max);
    }
    return snprintf(buf, size, "?");
}

/* ---- parsing ---- */

/* OpenVINO's check_all_digits: every character a digit or '-'. */
static bool all_digits_or_minus(const char * s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) && s[i] != '-') {
            return false;
        }
    }
    return true;
}

/* OpenVINO reads a bound as std::stoll would, with failures read as 0: an
 * optional '-', then digits up to the first non-digit ("2-" is 2); no digits or
 * an int64 overflow give 0. */
static int64_t read_int64_or_zero(const char * s, size_t n) {
    size_t i = 0;
    bool negative = false;
    if (i < n && s[i] == '-') {
        negative = true;
        i++;
    }
    if (i == n || !isdigit((unsigned char)s[i])) {
        return 0;
    }
    /* Accumulate as a negative number so INT64_MIN is representable. */
    int64_t value = 0;
    for (; i < n && isdigit((unsigned char)s[i]); i++) {
        int digit = s[i] - '0';
        if (value < (INT64_MIN + digit) / 10) {
            return 0;
        }
        value = value * 10 - digit;
    }
    if (negative) {
        return value;
    }
    if (value == INT64_MIN) {
        return 0;
    }
    return -value;
}

pinot_status pinot_dim_parse_n(const char * text, size_t n, pinot_dim * out) {
    pinot_status status = PINOT_STATUS_OK;
    const char * s = text;
    pinot_trim(&s, &n);
    if ((n == 1 && s[0] == '?') || (n == 2 && s[0] == '-' && s[1] == '1')) {
        *out = pinot_dim_dynamic();
        goto cleanup;
    }
    const char * dots = NULL;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '.' && s[i + 1] == '.') {
            dots = s + i;
            break;
        }
    }
    if (dots == NULL) {
        if (!all_digits_or_minus(s, n)) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Cannot parse dimension: \"%.*s\"",
                                     pinot_quote_len(n), s);
            goto cleanup;
        }
        /* A plain number is OpenVINO's Interval(value): "-01" is 0, not "?". */
        int64_t value = read_int64_or_zero(s, n);
        *out = pinot_dim_make(value, value);
        goto cleanup;
    }
    size_t min_n = (size_t)(dots - s);
    const char * max_s = dots + 2;
    size_t max_n = n - min_n - 2;
    if (!all_digits_or_minus(s, min_n)) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Cannot parse min bound: \"%.*s\"",
                                 pinot_quote_len(min_n), s);
        goto cleanup;
    }
    if (!all_digits_or_minus(max_s, max_n)) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Cannot parse max bound: \"%.*s\"",
                                 pinot_quote_len(max_n), max_s);
        goto cleanup;
    }
    int64_t min = min_n == 0 ? 0 : read_int64_or_zero(s, min_n);
    int64_t max = max_n == 0 ? PINOT_DIM_INF : read_int64_or_zero(max_s, max_n);
    /* "2..-1" is empty and "-5..-1" is 0, as in OpenVINO: no special -1 here. */
    *out = pinot_dim_make(min, max);

cleanup:
    return status;
}

pinot_status pinot_dim_parse(const char * text, pinot_dim * out) {
    return pinot_dim_parse_n(text, strlen(text), out);
}

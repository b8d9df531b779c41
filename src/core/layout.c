/* Layouts as OpenVINO's ov::Layout: parsing of the simple ("NCHW") and advanced
 * ("[n,...,c]") syntaxes with OpenVINO's error wording, printing, equality and
 * name lookup (with the BATCH/CHANNELS/... aliases). Fixed-size storage only:
 * the limits are in layout.h. Layout conversion between tensors is not here. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pinot/layout.h"
#include "core/shape-impl.h"

#define ELLIPSIS "..."
#define ELLIPSIS_LEN 3
#define SCALAR "**SCALAR**"

void pinot_layout_init(pinot_layout * layout) {
    memset(layout, 0, sizeof(*layout));
    layout->dynamic = true;
}

void pinot_layout_scalar(pinot_layout * layout) {
    memset(layout, 0, sizeof(*layout));
    layout->scalar = true;
}

/* Upper-case @p name and resolve OpenVINO's aliases into @p buf (PINOT_LAYOUT_MAX_NAME + 1
 * bytes). Returns false when the name is too long to be stored (so it cannot be in any layout). */
static bool internal_name(const char * name, size_t n, char * buf) {
    static const struct {
        const char * alias;
        const char * name;
    } aliases[] = {
        {"BATCH", "N"}, {"B", "N"}, {"CHANNELS", "C"}, {"CHANNEL", "C"},
        {"HEIGHT", "H"}, {"WIDTH", "W"}, {"DEPTH", "D"},
    };
    if (n > PINOT_LAYOUT_MAX_NAME) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        /* ASCII only: toupper() would depend on the locale. */
        char c = name[i];
        buf[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    buf[n] = '\0';
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (strcmp(buf, aliases[i].alias) == 0) {
            strcpy(buf, aliases[i].name);
            break;
        }
    }
    return true;
}

static bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static const char * name_of(const pinot_layout * layout, int slot) {
    uint16_t at = layout->name_at[slot];
    return at == 0 ? NULL : layout->names + (at - 1);
}

/* Scans every slot, not just n_left + n_right: during parsing the sizes are not
 * final yet, and unused slots are always 0 ("?"). */
static int find_name(const pinot_layout * layout, const char * internal) {
    for (int slot = 0; slot < PINOT_MAX_RANK; slot++) {
        const char * name = name_of(layout, slot);
        if (name != NULL && strcmp(name, internal) == 0) {
            return slot;
        }
    }
    return -1;
}

/* OpenVINO's assign_name: validate, normalize, reject duplicates, store at @p slot. */
static pinot_status assign_name(pinot_layout * layout, int slot, const char * name, size_t n) {
    pinot_status status = PINOT_STATUS_OK;
    char internal[PINOT_LAYOUT_MAX_NAME + 1];
    bool has_alnum = false;
    if (n == 0) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Layout dimension name can't be empty");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_ascii_alnum(name[i]) && name[i] != '_') {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "Layout name is invalid (%.*s). Only english letters, digits and _ is allowed",
                                     pinot_quote_len(n), name);
            goto cleanup;
        }
        has_alnum |= is_ascii_alnum(name[i]);
    }
    if (!has_alnum) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "Layout name is invalid (%.*s). Name shall have alphanumeric characters",
                                 pinot_quote_len(n), name);
        goto cleanup;
    }
    if (!internal_name(name, n, internal)) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "Layout name is invalid (%.*s). Names of more than %d characters are not supported",
                                 pinot_quote_len(n), name, PINOT_LAYOUT_MAX_NAME);
        goto cleanup;
    }
    if (find_name(layout, internal) >= 0) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Dimension (%s) is defined multiple times in layout",
                                 internal);
        goto cleanup;
    }
    size_t size = strlen(internal) + 1;
    if (layout->names_used + size > PINOT_LAYOUT_NAMES_SIZE) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "Layout names are too long: at most %d bytes of names are supported",
                                 PINOT_LAYOUT_NAMES_SIZE);
        goto cleanup;
    }
    memcpy(layout->names + layout->names_used, internal, size);
    layout->name_at[slot] = (uint16_t)(layout->names_used + 1);
    layout->names_used = (uint16_t)(layout->names_used + size);

cleanup:
    return status;
}

static pinot_status too_many_dims(void) {
    return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Layout has more than %d dimensions, which is not supported",
                           PINOT_MAX_RANK);
}

/* OpenVINO's parse_commas for the advanced syntax: names split at commas (a
 * trailing comma adds nothing), trimmed, "?" for unnamed; dimension k goes to
 * slot first_slot + k. Returns the number of fields in *count. */
static pinot_status parse_commas(pinot_layout * layout, const char * s, size_t n, int first_slot, int * count) {
    pinot_status status = PINOT_STATUS_OK;
    int k = 0;
    if (n == 0) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Empty sub-string detected while parsing layout");
        goto cleanup;
    }
    const char * end = s + n;
    const char * field = s;
    /* Like std::getline: a field per comma, and the text after the last comma only if non-empty. */
    while (field < end) {
        const char * comma = memchr(field, ',', (size_t)(end - field));
        const char * field_end = comma != NULL ? comma : end;
        const char * name = field;
        size_t name_n = (size_t)(field_end - field);
        pinot_trim(&name, &name_n);
        if (first_slot + k >= PINOT_MAX_RANK) {
            status = too_many_dims();
            goto cleanup;
        }
        if (!(name_n == 1 && name[0] == '?')) {
            status = assign_name(layout, first_slot + k, name, name_n);
            if (status != PINOT_STATUS_OK) {
                goto cleanup;
            }
        }
        k++;
        if (comma == NULL) {
            break;
        }
        field = comma + 1;
    }
    *count = k;

cleanup:
    return status;
}

static const char * find_ellipsis(const char * s, size_t n) {
    for (size_t i = 0; i + ELLIPSIS_LEN <= n; i++) {
        if (memcmp(s + i, ELLIPSIS, ELLIPSIS_LEN) == 0) {
            return s + i;
        }
    }
    return NULL;
}

/* "[...]" syntax; @p s and @p n are the text between the brackets. */
static pinot_status parse_advanced(pinot_layout * layout, const char * s, size_t n) {
    pinot_status status = PINOT_STATUS_OK;
    const char * ellipsis = find_ellipsis(s, n);
    int n_left = 0;
    if (ellipsis == NULL) {
        status = parse_commas(layout, s, n, 0, &n_left);
        if (status != PINOT_STATUS_OK) {
            goto cleanup;
        }
        layout->n_left = (uint8_t)n_left;
        goto cleanup;
    }
    /* Left of "...": must end with a comma, which is dropped. */
    const char * left = s;
    size_t left_n = (size_t)(ellipsis - s);
    pinot_trim(&left, &left_n);
    if (left_n > 0) {
        if (left[left_n - 1] != ',') {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Layout: Invalid left side (%.*s)",
                                     pinot_quote_len(n), s);
            goto cleanup;
        }
        status = parse_commas(layout, left, left_n - 1, 0, &n_left);
        if (status != PINOT_STATUS_OK) {
            goto cleanup;
        }
    }
    layout->n_left = (uint8_t)n_left;
    /* Right of "...": must start with a comma, which is dropped. Its size counts
     * commas, so "[...,a,]" is [...,A,?] (OpenVINO does so). */
    const char * right = ellipsis + ELLIPSIS_LEN;
    size_t right_n = (size_t)(s + n - right);
    pinot_trim(&right, &right_n);
    if (right_n > 0) {
        if (right[0] != ',') {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Layout: Invalid right side (%.*s)",
                                     pinot_quote_len(n), s);
            goto cleanup;
        }
        right++;
        right_n--;
        size_t n_right = 1;
        for (size_t i = 0; i < right_n; i++) {
            n_right += right[i] == ',';
        }
        if ((size_t)n_left + n_right > PINOT_MAX_RANK) {
            status = too_many_dims();
            goto cleanup;
        }
        int n_fields = 0;
        status = parse_commas(layout, right, right_n, n_left, &n_fields);
        if (status != PINOT_STATUS_OK) {
            goto cleanup;
        }
        layout->n_right = (uint8_t)n_right;
    }
    layout->dynamic = true;

cleanup:
    return status;
}

/* One character per dimension, '?' for unnamed, "..." at most once. */
static pinot_status parse_simple(pinot_layout * layout, const char * s, size_t n) {
    pinot_status status = PINOT_STATUS_OK;
    const char * ellipsis = find_ellipsis(s, n);
    size_t dynamic_start = ellipsis != NULL ? (size_t)(ellipsis - s) : n;
    int slot = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (layout->dynamic) {
                status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Multiple " ELLIPSIS " are not allowed");
                goto cleanup;
            }
            if (i != dynamic_start) {
                status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                         "Undefined number of dimensions shall have " ELLIPSIS);
                goto cleanup;
            }
            size_t n_right = n - i - ELLIPSIS_LEN;
            if ((size_t)slot + n_right > PINOT_MAX_RANK) {
                status = too_many_dims();
                goto cleanup;
            }
            layout->dynamic = true;
            layout->n_left = (uint8_t)slot;
            layout->n_right = (uint8_t)n_right;
            i += ELLIPSIS_LEN - 1;
            continue;
        }
        if (slot == PINOT_MAX_RANK) {
            status = too_many_dims();
            goto cleanup;
        }
        if (c != '?') {
            /* Quote a whole UTF-8 sequence in the error, so the message stays valid UTF-8. */
            size_t len = 1;
            if ((unsigned char)c >= 0x80) {
                while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80) {
                    len++;
                }
            }
            status = assign_name(layout, slot, s + i, len);
            if (status != PINOT_STATUS_OK) {
                goto cleanup;
            }
        }
        slot++;
    }
    if (!layout->dynamic) {
        layout->n_left = (uint8_t)slot;
    }

cleanup:
    return status;
}

pinot_status pinot_layout_parse(const char * text, pinot_layout * out) {
    pinot_status status = PINOT_STATUS_OK;
    pinot_layout layout;
    pinot_layout_init(&layout);
    size_t n = strlen(text);
    const char * s = text;
    if (n == 0) {
        goto done;
    }
    pinot_trim(&s, &n);
    if (n == 0) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Cannot parse ov::Layout from an empty string");
        goto cleanup;
    }
    if (n == strlen(SCALAR) && memcmp(s, SCALAR, n) == 0) {
        pinot_layout_scalar(&layout);
        goto done;
    }
    layout.dynamic = false;
    if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
        if (n == 2) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Cannot parse ov::Layout from an empty string");
            goto cleanup;
        }
        status = parse_advanced(&layout, s + 1, n - 2);
    } else {
        status = parse_simple(&layout, s, n);
    }
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }

done:
    *out = layout;

cleanup:
    return status;
}

/* snprintf-style printing in pieces (see partial-shape.c): appends ",text"
 * (or "text" for the first item) and returns the new full length. */
static size_t put_item(char * buf, size_t size, size_t len, const char * text) {
    bool first = len == 1; /* only "[" so far */
    int n = snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, first ? "%s" : ",%s", text);
    return len + (size_t)n;
}

int pinot_layout_to_string(const pinot_layout * layout, char * buf, size_t size) {
    if (layout->scalar) {
        return snprintf(buf, size, "%s", SCALAR);
    }
    size_t len = (size_t)snprintf(buf, size, "[");
    for (int slot = 0; slot < layout->n_left + layout->n_right; slot++) {
        if (slot == layout->n_left && layout->dynamic) {
            len = put_item(buf, size, len, ELLIPSIS);
        }
        const char * name = name_of(layout, slot);
        len = put_item(buf, size, len, name != NULL ? name : "?");
    }
    if (layout->dynamic && layout->n_right == 0) {
        len = put_item(buf, size, len, ELLIPSIS);
    }
    len += (size_t)snprintf(len < size ? buf + len : NULL, len < size ? size - len : 0, "]");
    return (int)len;
}

bool pinot_layout_equal(const pinot_layout * a, const pinot_layout * b) {
    if (a->scalar != b->scalar || a->dynamic != b->dynamic || a->n_left != b->n_left || a->n_right != b->n_right) {
        return false;
    }
    int n_dims = a->n_left + a->n_right;
    for (int slot = 0; slot < n_dims; slot++) {
        const char * na = name_of(a, slot);
        const char * nb = name_of(b, slot);
        if ((na == NULL) != (nb == NULL) || (na != NULL && strcmp(na, nb) != 0)) {
            return false;
        }
    }
    return true;
}

bool pinot_layout_is_empty(const pinot_layout * layout) {
    return !layout->scalar && layout->dynamic && layout->n_left == 0 && layout->n_right == 0;
}

bool pinot_layout_is_scalar(const pinot_layout * layout) {
    return layout->scalar;
}

static int find_slot(const pinot_layout * layout, const char * name) {
    char internal[PINOT_LAYOUT_MAX_NAME + 1];
    if (!internal_name(name, strlen(name), internal)) {
        return -1;
    }
    return find_name(layout, internal);
}

bool pinot_layout_has_name(const pinot_layout * layout, const char * name) {
    return find_slot(layout, name) >= 0;
}

pinot_status pinot_layout_get_index_by_name(const pinot_layout * layout, const char * name, int64_t * out) {
    pinot_status status = PINOT_STATUS_OK;
    int slot = find_slot(layout, name);
    if (slot < 0) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%.*s dimension index is not defined",
                                 pinot_quote_len(strlen(name)), name);
        goto cleanup;
    }
    *out = slot < layout->n_left ? slot : slot - layout->n_left - layout->n_right;

cleanup:
    return status;
}

const char * pinot_layout_get_name(const pinot_layout * layout, int64_t index) {
    int64_t slot;
    if (index >= 0 && index < layout->n_left) {
        slot = index;
    } else if (index < 0 && index >= -(int64_t)layout->n_right) {
        slot = layout->n_left + layout->n_right + index;
    } else if (!layout->dynamic && index < 0 && index >= -(int64_t)layout->n_left) {
        /* Without "..." the rank is known, so negative indices count from the end. */
        slot = layout->n_left + index;
    } else {
        return NULL;
    }
    return name_of(layout, (int)slot);
}

bool pinot_layout_has_batch(const pinot_layout * layout) { return pinot_layout_has_name(layout, "N"); }
bool pinot_layout_has_channels(const pinot_layout * layout) { return pinot_layout_has_name(layout, "C"); }
bool pinot_layout_has_depth(const pinot_layout * layout) { return pinot_layout_has_name(layout, "D"); }
bool pinot_layout_has_height(const pinot_layout * layout) { return pinot_layout_has_name(layout, "H"); }
bool pinot_layout_has_width(const pinot_layout * layout) { return pinot_layout_has_name(layout, "W"); }

pinot_status pinot_layout_batch_idx(const pinot_layout * layout, int64_t * out) {
    return pinot_layout_get_index_by_name(layout, "N", out);
}

pinot_status pinot_layout_channels_idx(const pinot_layout * layout, int64_t * out) {
    return pinot_layout_get_index_by_name(layout, "C", out);
}

pinot_status pinot_layout_depth_idx(const pinot_layout * layout, int64_t * out) {
    return pinot_layout_get_index_by_name(layout, "D", out);
}

pinot_status pinot_layout_height_idx(const pinot_layout * layout, int64_t * out) {
    return pinot_layout_get_index_by_name(layout, "H", out);
}

pinot_status pinot_layout_width_idx(const pinot_layout * layout, int64_t * out) {
    return pinot_layout_get_index_by_name(layout, "W", out);
}

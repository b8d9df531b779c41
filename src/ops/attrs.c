/* Op attributes, generically: filling an op's attribute struct from
 * front-end values (Python dicts, IR text, ONNX attributes) through its
 * descriptor table, defaults, printing as IR text, copying and freeing.
 * Ops never parse attributes themselves. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph/graph-impl.h"

static void * field_of(void * attrs, const struct pinot_attr_desc * desc) {
    return (char *)attrs + desc->offset;
}

static char * dup_string(const char * s, size_t n) {
    char * copy = malloc(n + 1);
    if (copy != NULL) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

static pinot_status attr_error(const struct pinot_attr_desc * desc, const char * what, const char * text) {
    return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s': %s (got '%.200s')", desc->name, what,
                           text != NULL ? text : "");
}

/* ---- text parsing (IR <data> values, defaults, Python strings) ---- */

static bool parse_int(const char * s, size_t n, int64_t * out) {
    char buf[64];
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        n--;
    }
    if (n == 0 || n >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    char * end;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    if (errno != 0 || *end != '\0') {
        /* IR writers sometimes print integral values as floats ("1.0"). */
        double d = strtod(buf, &end);
        if (*end != '\0' || d != floor(d) || fabs(d) > 9.2e18) {
            return false;
        }
        v = (long long)d;
    }
    *out = v;
    return true;
}

static bool parse_float(const char * s, size_t n, double * out) {
    char buf[128];
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        n--;
    }
    if (n == 0 || n >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    char * end;
    double v = strtod(buf, &end);
    if (*end != '\0') {
        return false;
    }
    *out = v;
    return true;
}

/* Calls fn on each comma-separated item of text (an empty text has no items). */
typedef bool (*item_fn)(const char * s, size_t n, void * list, uint32_t index);

static bool for_each_item(const char * text, void * list, uint32_t * count, item_fn fn) {
    const char * p = text;
    uint32_t n = 0;
    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (*p == '\0') {
        *count = 0;
        return true;
    }
    for (;;) {
        const char * comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (n >= PINOT_MAX_ATTR_LIST || !fn(p, len, list, n)) {
            return false;
        }
        n++;
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    *count = n;
    return true;
}

static bool int_item(const char * s, size_t n, void * list, uint32_t index) {
    return parse_int(s, n, &((pinot_ints *)list)->v[index]);
}

static bool float_item(const char * s, size_t n, void * list, uint32_t index) {
    return parse_float(s, n, &((pinot_floats *)list)->v[index]);
}

static bool string_item(const char * s, size_t n, void * list, uint32_t index) {
    while (n > 0 && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        n--;
    }
    ((pinot_strings *)list)->v[index] = dup_string(s, n);
    return ((pinot_strings *)list)->v[index] != NULL;
}

static bool parse_bool(const char * text, bool * out) {
    if (strcasecmp(text, "true") == 0 || strcmp(text, "1") == 0) {
        *out = true;
    } else if (strcasecmp(text, "false") == 0 || strcmp(text, "0") == 0) {
        *out = false;
    } else {
        return false;
    }
    return true;
}

static pinot_status parse_type(const char * text, pinot_dtype * out) {
    /* OpenVINO's names plus the IR v10 spellings ("FP32", "I64", "BOOL", "U8"...). */
    static const struct {
        const char * name;
        pinot_dtype type;
    } legacy[] = {
        {"FP16", PINOT_DTYPE_F16}, {"FP32", PINOT_DTYPE_F32}, {"FP64", PINOT_DTYPE_F64}, {"BF16", PINOT_DTYPE_BF16},
        {"BOOL", PINOT_DTYPE_BOOLEAN}, {"bool", PINOT_DTYPE_BOOLEAN}, {"undefined", PINOT_DTYPE_DYNAMIC},
    };
    for (size_t i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++) {
        if (strcmp(text, legacy[i].name) == 0) {
            *out = legacy[i].type;
            return PINOT_STATUS_OK;
        }
    }
    char lower[32];
    size_t n = strlen(text);
    if (n >= sizeof(lower)) {
        return PINOT_STATUS_INVALID_ARGUMENT;
    }
    for (size_t i = 0; i <= n; i++) {
        lower[i] = (char)tolower((unsigned char)text[i]);
    }
    pinot_status status = pinot_dtype_from_name(lower, out);
    pinot_clear_error();
    return status;
}

pinot_status pinot_attr_parse_text(const struct pinot_attr_desc * desc, const char * text, void * field) {
    switch (desc->kind) {
    case PINOT_ATTR_BOOL:
        if (!parse_bool(text, field)) {
            return attr_error(desc, "expected true or false", text);
        }
        return PINOT_STATUS_OK;
    case PINOT_ATTR_INT:
        if (!parse_int(text, strlen(text), field)) {
            return attr_error(desc, "expected an integer", text);
        }
        return PINOT_STATUS_OK;
    case PINOT_ATTR_FLOAT:
        if (!parse_float(text, strlen(text), field)) {
            return attr_error(desc, "expected a number", text);
        }
        return PINOT_STATUS_OK;
    case PINOT_ATTR_STRING: {
        char * copy = dup_string(text, strlen(text));
        if (copy == NULL) {
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory copying attribute '%s'", desc->name);
        }
        free(*(char **)field);
        *(char **)field = copy;
        return PINOT_STATUS_OK;
    }
    case PINOT_ATTR_INTS: {
        pinot_ints * list = field;
        if (!for_each_item(text, list, &list->n, int_item)) {
            return attr_error(desc, "expected a comma-separated list of at most 64 integers", text);
        }
        return PINOT_STATUS_OK;
    }
    case PINOT_ATTR_FLOATS: {
        pinot_floats * list = field;
        if (!for_each_item(text, list, &list->n, float_item)) {
            return attr_error(desc, "expected a comma-separated list of at most 64 numbers", text);
        }
        return PINOT_STATUS_OK;
    }
    case PINOT_ATTR_STRINGS: {
        pinot_strings * list = field;
        for (uint32_t i = 0; i < list->n; i++) {
            free(list->v[i]);
        }
        list->n = 0;
        uint32_t count = 0;
        bool ok = for_each_item(text, list, &count, string_item);
        list->n = count;
        if (!ok) {
            return attr_error(desc, "expected a comma-separated list of at most 64 strings", text);
        }
        return PINOT_STATUS_OK;
    }
    case PINOT_ATTR_TYPE:
        if (parse_type(text, field) != PINOT_STATUS_OK) {
            return attr_error(desc, "expected an element type name such as f32 or i64", text);
        }
        return PINOT_STATUS_OK;
    case PINOT_ATTR_SHAPE:
        if (pinot_partial_shape_parse(text, field) != PINOT_STATUS_OK) {
            return attr_error(desc, "expected a shape such as [1,3,?,224]", text);
        }
        return PINOT_STATUS_OK;
    case PINOT_ATTR_ENUM:
        for (int32_t i = 0; desc->enum_values[i] != NULL; i++) {
            if (strcasecmp(text, desc->enum_values[i]) == 0) {
                *(int32_t *)field = i;
                return PINOT_STATUS_OK;
            }
        }
        return attr_error(desc, "not one of the accepted values", text);
    default: return attr_error(desc, "has an unknown kind", text);
    }
}

int pinot_attr_to_text(const struct pinot_attr_desc * desc, const void * field, char * buf, size_t size) {
    int len = 0;
#define APPEND(...)                                                                          \
    do {                                                                                     \
        int n_ = snprintf(buf + (len < (int)size ? len : (int)size),                         \
                          (size_t)(len < (int)size ? (int)size - len : 0), __VA_ARGS__);     \
        len += n_ > 0 ? n_ : 0;                                                              \
    } while (0)
    if (size > 0) {
        buf[0] = '\0';
    }
    switch (desc->kind) {
    case PINOT_ATTR_BOOL: APPEND("%s", *(const bool *)field ? "true" : "false"); break;
    case PINOT_ATTR_INT: APPEND("%lld", (long long)*(const int64_t *)field); break;
    case PINOT_ATTR_FLOAT: APPEND("%.9g", *(const double *)field); break;
    case PINOT_ATTR_STRING: APPEND("%s", *(char * const *)field); break;
    case PINOT_ATTR_INTS: {
        const pinot_ints * list = field;
        for (uint32_t i = 0; i < list->n; i++) {
            APPEND("%s%lld", i ? "," : "", (long long)list->v[i]);
        }
        break;
    }
    case PINOT_ATTR_FLOATS: {
        const pinot_floats * list = field;
        for (uint32_t i = 0; i < list->n; i++) {
            APPEND("%s%.9g", i ? "," : "", list->v[i]);
        }
        break;
    }
    case PINOT_ATTR_STRINGS: {
        const pinot_strings * list = field;
        for (uint32_t i = 0; i < list->n; i++) {
            APPEND("%s%s", i ? "," : "", list->v[i]);
        }
        break;
    }
    case PINOT_ATTR_TYPE: APPEND("%s", pinot_dtype_name(*(const pinot_dtype *)field)); break;
    case PINOT_ATTR_SHAPE: {
        char text[1024];
        pinot_partial_shape_to_string(field, text, sizeof(text));
        APPEND("%s", text);
        break;
    }
    case PINOT_ATTR_ENUM: APPEND("%s", desc->enum_values[*(const int32_t *)field]); break;
    default: break;
    }
#undef APPEND
    return len;
}

/* ---- from generic values ---- */

static pinot_status set_ints(const struct pinot_attr_desc * desc, pinot_ints * list, const int64_t * v, size_t n) {
    if (n > PINOT_MAX_ATTR_LIST) {
        return attr_error(desc, "has more than 64 values", NULL);
    }
    list->n = (uint32_t)n;
    if (n > 0) {
        memcpy(list->v, v, n * sizeof(int64_t));
    }
    return PINOT_STATUS_OK;
}

static pinot_status set_from_value(const struct pinot_attr_desc * desc, void * field, const pinot_attr * value) {
    switch (value->kind) {
    case PINOT_ATTR_VALUE_STRING: return pinot_attr_parse_text(desc, value->value.s, field);
    case PINOT_ATTR_VALUE_BOOL:
        switch (desc->kind) {
        case PINOT_ATTR_BOOL: *(bool *)field = value->value.b; return PINOT_STATUS_OK;
        case PINOT_ATTR_INT: *(int64_t *)field = value->value.b; return PINOT_STATUS_OK;
        default: break;
        }
        break;
    case PINOT_ATTR_VALUE_INT:
        switch (desc->kind) {
        case PINOT_ATTR_BOOL: *(bool *)field = value->value.i != 0; return PINOT_STATUS_OK;
        case PINOT_ATTR_INT: *(int64_t *)field = value->value.i; return PINOT_STATUS_OK;
        case PINOT_ATTR_FLOAT: *(double *)field = (double)value->value.i; return PINOT_STATUS_OK;
        case PINOT_ATTR_INTS: return set_ints(desc, field, &value->value.i, 1);
        case PINOT_ATTR_FLOATS:
            ((pinot_floats *)field)->n = 1;
            ((pinot_floats *)field)->v[0] = (double)value->value.i;
            return PINOT_STATUS_OK;
        case PINOT_ATTR_ENUM: {
            int64_t count = 0;
            while (desc->enum_values[count] != NULL) {
                count++;
            }
            if (value->value.i < 0 || value->value.i >= count) {
                return attr_error(desc, "enum index out of range", NULL);
            }
            *(int32_t *)field = (int32_t)value->value.i;
            return PINOT_STATUS_OK;
        }
        default: break;
        }
        break;
    case PINOT_ATTR_VALUE_FLOAT:
        switch (desc->kind) {
        case PINOT_ATTR_FLOAT: *(double *)field = value->value.f; return PINOT_STATUS_OK;
        case PINOT_ATTR_INT:
            if (value->value.f != floor(value->value.f) || fabs(value->value.f) > 9.2e18) {
                return attr_error(desc, "expected an integer", NULL);
            }
            *(int64_t *)field = (int64_t)value->value.f;
            return PINOT_STATUS_OK;
        case PINOT_ATTR_FLOATS:
            ((pinot_floats *)field)->n = 1;
            ((pinot_floats *)field)->v[0] = value->value.f;
            return PINOT_STATUS_OK;
        default: break;
        }
        break;
    case PINOT_ATTR_VALUE_INTS:
        switch (desc->kind) {
        case PINOT_ATTR_INTS: return set_ints(desc, field, value->value.ints.v, value->value.ints.n);
        case PINOT_ATTR_FLOATS: {
            pinot_floats * list = field;
            if (value->value.ints.n > PINOT_MAX_ATTR_LIST) {
                return attr_error(desc, "has more than 64 values", NULL);
            }
            list->n = (uint32_t)value->value.ints.n;
            for (size_t i = 0; i < value->value.ints.n; i++) {
                list->v[i] = (double)value->value.ints.v[i];
            }
            return PINOT_STATUS_OK;
        }
        case PINOT_ATTR_SHAPE: {
            pinot_partial_shape * shape = field;
            if (value->value.ints.n > PINOT_MAX_RANK) {
                return attr_error(desc, "has too many dimensions", NULL);
            }
            shape->rank = (int32_t)value->value.ints.n;
            for (size_t i = 0; i < value->value.ints.n; i++) {
                int64_t d = value->value.ints.v[i];
                shape->dims[i] = d < 0 ? pinot_dim_dynamic() : pinot_dim_static(d);
            }
            return PINOT_STATUS_OK;
        }
        default: break;
        }
        break;
    case PINOT_ATTR_VALUE_FLOATS:
        if (desc->kind == PINOT_ATTR_FLOATS) {
            pinot_floats * list = field;
            if (value->value.floats.n > PINOT_MAX_ATTR_LIST) {
                return attr_error(desc, "has more than 64 values", NULL);
            }
            list->n = (uint32_t)value->value.floats.n;
            if (list->n > 0) {
                memcpy(list->v, value->value.floats.v, list->n * sizeof(double));
            }
            return PINOT_STATUS_OK;
        }
        break;
    case PINOT_ATTR_VALUE_STRINGS:
        if (desc->kind == PINOT_ATTR_STRINGS) {
            pinot_strings * list = field;
            if (value->value.strings.n > PINOT_MAX_ATTR_LIST) {
                return attr_error(desc, "has more than 64 values", NULL);
            }
            for (uint32_t i = 0; i < list->n; i++) {
                free(list->v[i]);
            }
            list->n = 0;
            for (size_t i = 0; i < value->value.strings.n; i++) {
                const char * s = value->value.strings.v[i];
                list->v[i] = dup_string(s, strlen(s));
                if (list->v[i] == NULL) {
                    return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory copying '%s'", desc->name);
                }
                list->n = (uint32_t)i + 1;
            }
            return PINOT_STATUS_OK;
        }
        break;
    case PINOT_ATTR_VALUE_TYPE:
        if (desc->kind == PINOT_ATTR_TYPE) {
            *(pinot_dtype *)field = value->value.type;
            return PINOT_STATUS_OK;
        }
        break;
    case PINOT_ATTR_VALUE_SHAPE:
        if (desc->kind == PINOT_ATTR_SHAPE) {
            *(pinot_partial_shape *)field = *value->value.shape;
            return PINOT_STATUS_OK;
        }
        break;
    }
    return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' has a value of the wrong kind", desc->name);
}

static size_t count_descs(const struct pinot_op_impl * impl) {
    size_t n = 0;
    if (impl->attrs != NULL) {
        while (impl->attrs[n].name != NULL) {
            n++;
        }
    }
    return n;
}

pinot_status pinot_attrs_init(const struct pinot_op_impl * impl, uint32_t version, void * attrs,
                              const pinot_attr * values, size_t n) {
    size_t n_descs = count_descs(impl);
    if (impl->attrs_size > 0) {
        memset(attrs, 0, impl->attrs_size);
    }
    /* Every given attribute must exist in this version, and be given once. */
    for (size_t i = 0; i < n; i++) {
        bool known = false;
        for (size_t d = 0; d < n_descs && !known; d++) {
            known = strcmp(impl->attrs[d].name, values[i].name) == 0 && pinot_attr_in_version(&impl->attrs[d], version);
        }
        if (!known) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s-%u has no attribute '%s'", impl->type_name,
                                   version, values[i].name);
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(values[j].name, values[i].name) == 0) {
                return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "attribute '%s' of %s is given twice",
                                       values[i].name, impl->type_name);
            }
        }
    }
    for (size_t d = 0; d < n_descs; d++) {
        const struct pinot_attr_desc * desc = &impl->attrs[d];
        void * field = field_of(attrs, desc);
        const pinot_attr * given = NULL;
        if (!pinot_attr_in_version(desc, version)) {
            continue; /* another version's attribute (or its default) */
        }
        for (size_t i = 0; i < n && given == NULL; i++) {
            if (strcmp(values[i].name, desc->name) == 0) {
                given = &values[i];
            }
        }
        pinot_status status = PINOT_STATUS_OK;
        if (given != NULL) {
            status = set_from_value(desc, field, given);
        } else if (desc->required) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s needs attribute '%s'", impl->type_name,
                                     desc->name);
        } else if (desc->fallback != NULL) {
            status = pinot_attr_parse_text(desc, desc->fallback, field);
        } else if (desc->kind == PINOT_ATTR_STRING) {
            status = pinot_attr_parse_text(desc, "", field);
        } else if (desc->kind == PINOT_ATTR_SHAPE) {
            pinot_partial_shape_dynamic(field, -1);
        }
        if (status != PINOT_STATUS_OK) {
            pinot_attrs_release(impl, attrs);
            return status;
        }
    }
    return PINOT_STATUS_OK;
}

/* Note: a field may have several rows (one per version range); that is safe for
 * the copy and release below only for kinds that own no memory (not strings). */
void pinot_attrs_release(const struct pinot_op_impl * impl, void * attrs) {
    if (attrs == NULL) {
        return;
    }
    size_t n_descs = count_descs(impl);
    for (size_t d = 0; d < n_descs; d++) {
        void * field = field_of(attrs, &impl->attrs[d]);
        if (impl->attrs[d].kind == PINOT_ATTR_STRING) {
            free(*(char **)field);
            *(char **)field = NULL;
        } else if (impl->attrs[d].kind == PINOT_ATTR_STRINGS) {
            pinot_strings * list = field;
            for (uint32_t i = 0; i < list->n; i++) {
                free(list->v[i]);
            }
            list->n = 0;
        }
    }
}

pinot_status pinot_attrs_copy(const struct pinot_op_impl * impl, void * dst, const void * src) {
    if (impl->attrs_size == 0) {
        return PINOT_STATUS_OK;
    }
    memcpy(dst, src, impl->attrs_size);
    size_t n_descs = count_descs(impl);
    /* First detach every owned pointer, so a failure frees only our copies. */
    for (size_t d = 0; d < n_descs; d++) {
        void * field = field_of(dst, &impl->attrs[d]);
        if (impl->attrs[d].kind == PINOT_ATTR_STRING) {
            *(char **)field = NULL;
        } else if (impl->attrs[d].kind == PINOT_ATTR_STRINGS) {
            ((pinot_strings *)field)->n = 0;
        }
    }
    for (size_t d = 0; d < n_descs; d++) {
        const void * from = (const char *)src + impl->attrs[d].offset;
        void * field = field_of(dst, &impl->attrs[d]);
        if (impl->attrs[d].kind == PINOT_ATTR_STRING) {
            const char * s = *(char * const *)from;
            if ((*(char **)field = dup_string(s, strlen(s))) == NULL) {
                pinot_attrs_release(impl, dst);
                return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory copying attributes");
            }
        } else if (impl->attrs[d].kind == PINOT_ATTR_STRINGS) {
            const pinot_strings * in = from;
            pinot_strings * out = field;
            for (uint32_t i = 0; i < in->n; i++) {
                if ((out->v[i] = dup_string(in->v[i], strlen(in->v[i]))) == NULL) {
                    pinot_attrs_release(impl, dst);
                    return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory copying attributes");
                }
                out->n = i + 1;
            }
        }
    }
    return PINOT_STATUS_OK;
}

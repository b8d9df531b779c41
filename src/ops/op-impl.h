/* The op interface: what every op file (src/ops/<family>.c) provides, and the
 * attribute descriptors the generic code (attrs.c) uses to fill, print and
 * compare op attributes from Python dicts, IR text and ONNX attributes.
 *
 * Adding an op: one line in ops.def, one `const struct pinot_op_impl
 * pinot_op_impl_<symbol>` in its family file, tests. See STYLE.md B5. */
#ifndef PINOT_OP_IMPL_H
#define PINOT_OP_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/pinot.h"

struct pinot_node;

/* ---- the op enum, generated from ops.def ---- */

typedef enum pinot_op_type {
#define PINOT_OP(ENUM, symbol, name, family) PINOT_OP_##ENUM,
#include "ops/ops.def"
#undef PINOT_OP
    PINOT_OP_COUNT
} pinot_op_type;

/* ---- attributes ---- */

/* How an attribute is stored in the op's attribute struct. */
typedef enum pinot_attr_kind {
    PINOT_ATTR_BOOL,    /* bool */
    PINOT_ATTR_INT,     /* int64_t */
    PINOT_ATTR_FLOAT,   /* double */
    PINOT_ATTR_STRING,  /* char * (owned, NUL-terminated; never NULL after init) */
    PINOT_ATTR_INTS,    /* pinot_ints */
    PINOT_ATTR_FLOATS,  /* pinot_floats */
    PINOT_ATTR_TYPE,    /* pinot_dtype */
    PINOT_ATTR_SHAPE,   /* pinot_partial_shape */
    PINOT_ATTR_ENUM,    /* int32_t: index into desc->enum_values */
    PINOT_ATTR_STRINGS, /* pinot_strings */
    PINOT_ATTR_KIND_COUNT
} pinot_attr_kind;

/* Lists of at most PINOT_MAX_ATTR_LIST entries (longer input is an error). */
#define PINOT_MAX_ATTR_LIST 64

typedef struct pinot_ints {
    uint32_t n;
    int64_t v[PINOT_MAX_ATTR_LIST];
} pinot_ints;

typedef struct pinot_floats {
    uint32_t n;
    double v[PINOT_MAX_ATTR_LIST];
} pinot_floats;

typedef struct pinot_strings {
    uint32_t n;
    char * v[PINOT_MAX_ATTR_LIST]; /* owned */
} pinot_strings;

/*
 * One attribute of an op, described for the generic code. `name` is the
 * OpenVINO attribute name (as in IR <data> and Python builders). `fallback` is
 * the default as IR text ("numpy", "1", "0,0", "f32"), parsed when the
 * attribute is not given; NULL with `required` false means zero/empty.
 * ENUM values are matched case-insensitively and printed as listed.
 */
struct pinot_attr_desc {
    const char * name;
    pinot_attr_kind kind;
    uint32_t offset; /* offsetof(attrs struct, field) */
    bool required;
    const char * fallback;
    const char * const * enum_values; /* NULL-terminated, for PINOT_ATTR_ENUM */
    uint8_t since;  /* first op version with this attribute (0: all) */
    uint8_t until;  /* first op version without it (0: none) */
};

/* Whether @p desc exists in version @p version of its op. */
static inline bool pinot_attr_in_version(const struct pinot_attr_desc * desc, uint32_t version) {
    return (desc->since == 0 || version >= desc->since) && (desc->until == 0 || version < desc->until);
}

#define PINOT_ATTR(struct_type, field, attr_name, attr_kind, is_required, default_text) \
    {attr_name, attr_kind, (uint32_t)offsetof(struct_type, field), is_required, default_text, NULL, 0, 0}
#define PINOT_ATTR_ENUM_OF(struct_type, field, attr_name, values, default_text) \
    {attr_name, PINOT_ATTR_ENUM, (uint32_t)offsetof(struct_type, field), false, default_text, values, 0, 0}
/* An attribute that exists only in op versions [since, until) (0: unbounded), e.g. TopK's
 * `stable` from version 11, or a default that changed between versions (two rows). */
#define PINOT_ATTR_VERSIONS(struct_type, field, attr_name, attr_kind, is_required, default_text, since_v, until_v) \
    {attr_name, attr_kind, (uint32_t)offsetof(struct_type, field), is_required, default_text, NULL, since_v, until_v}
#define PINOT_ATTR_END {NULL, PINOT_ATTR_KIND_COUNT, 0, false, NULL, NULL, 0, 0}

/* Shared enum spellings. */
extern const char * const pinot_auto_broadcast_values[]; /* "none", "numpy", "pdpd" */
enum { PINOT_BROADCAST_NONE = 0, PINOT_BROADCAST_NUMPY = 1, PINOT_BROADCAST_PDPD = 2 };
extern const char * const pinot_auto_pad_values[]; /* "explicit", "same_upper", "same_lower", "valid", "notset" */
enum { PINOT_PAD_EXPLICIT = 0, PINOT_PAD_SAME_UPPER, PINOT_PAD_SAME_LOWER, PINOT_PAD_VALID, PINOT_PAD_NOTSET };

/* ---- the op implementation ---- */

struct pinot_op_impl {
    const char * type_name;                /* "Add": OpenVINO's class name */
    const uint8_t * versions;              /* op versions, ascending, 0-terminated: {1, 8, 0} */
    const struct pinot_attr_desc * attrs;  /* PINOT_ATTR_END-terminated, or NULL for none */
    uint32_t attrs_size;                   /* sizeof the attribute struct (0: none) */
    uint8_t min_inputs;
    uint8_t max_inputs;

    /*
     * Check the attributes and the inputs' types and shapes, and set every
     * output's type and partial shape (pinot_node_set_output). Runs at creation
     * and again whenever input shapes change (reshape). Input values are
     * available for inputs produced by Constants (pinot_node_input_value), so
     * shape-defining inputs give static output shapes. Errors name the node:
     * pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "...").
     */
    pinot_status (*validate)(struct pinot_node * node);

    /*
     * The reference kernel: compute the outputs from the inputs. Inputs are
     * dense (is_continuous) tensors of the validated element types and shapes
     * compatible with the validated partial shapes. Outputs have the validated
     * element types; the kernel sets their shapes (pinot_tensor_set_shape) before
     * writing. Plain C, written for clarity: it is the oracle for optimized
     * kernels. NULL for ops the executor handles itself (Parameter, Result,
     * Constant, ReadValue, Assign).
     */
    pinot_status (*evaluate)(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                             pinot_tensor_t * const * outputs);
};

#define PINOT_OP(ENUM, symbol, name, family) extern const struct pinot_op_impl pinot_op_impl_##symbol;
#include "ops/ops.def"
#undef PINOT_OP

/* ---- registry (registry.c) ---- */

/* The impl of an op type, or NULL when it is not built in. */
const struct pinot_op_impl * pinot_op_get_impl(pinot_op_type op);

/* Look up an op by OpenVINO type name ("Add"; IR aliases such as "ReLU",
 * "Const", "SoftMax", "PReLU" are accepted). Returns PINOT_OP_COUNT if unknown. */
pinot_op_type pinot_op_from_name(const char * type_name);

/* The newest version of @p impl that exists in opset @p opset (0: the newest
 * overall). Returns 0 when the op is not part of that opset. */
uint32_t pinot_op_version_in_opset(const struct pinot_op_impl * impl, uint32_t opset);

#endif // PINOT_OP_IMPL_H

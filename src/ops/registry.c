/* The op registry: the impl table generated from ops.def, lookup by
 * OpenVINO type name (with IR aliases), and opset -> op version. Impls are
 * weak references, so an op listed in ops.def but not built yet reports
 * "unsupported" instead of breaking the link. */
#include <string.h>
#include <strings.h>

#include "ops/op-impl.h"

#define PINOT_OP(ENUM, symbol, name, family) \
    extern const struct pinot_op_impl pinot_op_impl_##symbol __attribute__((weak));
#include "ops/ops.def"
#undef PINOT_OP

static const struct pinot_op_impl * const impls[PINOT_OP_COUNT] = {
#define PINOT_OP(ENUM, symbol, name, family) [PINOT_OP_##ENUM] = &pinot_op_impl_##symbol,
#include "ops/ops.def"
#undef PINOT_OP
};

static const char * const names[PINOT_OP_COUNT] = {
#define PINOT_OP(ENUM, symbol, name, family) [PINOT_OP_##ENUM] = name,
#include "ops/ops.def"
#undef PINOT_OP
};

/* Names IR files use for some ops (OpenVINO's IR type strings). */
static const struct {
    const char * alias;
    pinot_op_type op;
} aliases[] = {
    {"Const", PINOT_OP_CONSTANT},
    {"ReLU", PINOT_OP_RELU},
    {"SoftMax", PINOT_OP_SOFTMAX},
    {"PReLU", PINOT_OP_PRELU},
};

const struct pinot_op_impl * pinot_op_get_impl(pinot_op_type op) {
    if ((unsigned)op >= PINOT_OP_COUNT) {
        return NULL;
    }
    return impls[op];
}

pinot_op_type pinot_op_from_name(const char * type_name) {
    for (int op = 0; op < PINOT_OP_COUNT; op++) {
        if (strcmp(names[op], type_name) == 0) {
            return (pinot_op_type)op;
        }
    }
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (strcmp(aliases[i].alias, type_name) == 0) {
            return aliases[i].op;
        }
    }
    return PINOT_OP_COUNT;
}

uint32_t pinot_op_version_in_opset(const struct pinot_op_impl * impl, uint32_t opset) {
    /* OpenVINO names op versions after the opset that introduced them, so the
     * version in opset N is the newest one not above N. */
    uint32_t best = 0;
    for (const uint8_t * v = impl->versions; *v != 0; v++) {
        if (opset == 0 || *v <= opset) {
            best = *v;
        }
    }
    return best;
}

const char * const pinot_auto_broadcast_values[] = {"none", "numpy", "pdpd", NULL};
const char * const pinot_auto_pad_values[] = {"explicit", "same_upper", "same_lower", "valid", "notset", NULL};

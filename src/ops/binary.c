/* Binary elementwise ops with auto-broadcasting (Add ... BitwiseRightShift),
 * PRelu and Select: validation with OpenVINO's type rules and messages, shape
 * inference for none / numpy / pdpd broadcasting (pdpd with axis 0, what
 * OpenVINO's Python builders create), and reference kernels. Broadcast walks
 * are coalesced into rows; f32 and f64 rows are straight loops, f16/bf16 go
 * through f32 in chunks, everything else through double or wrapping int64.
 * Integer division or modulo by zero gives 0 (OpenVINO's reference throws). */
#include <math.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/elementwise-impl.h"
#include "ops/ref-util.h"

enum binop {
    B_ADD, B_SUBTRACT, B_MULTIPLY, B_DIVIDE, B_POWER, B_MAXIMUM, B_MINIMUM, B_SQUARED_DIFFERENCE, B_FLOOR_MOD, B_MOD,
    B_EQUAL, B_NOT_EQUAL, B_GREATER, B_GREATER_EQUAL, B_LESS, B_LESS_EQUAL,
    B_LOGICAL_AND, B_LOGICAL_OR, B_LOGICAL_XOR,
    B_BITWISE_AND, B_BITWISE_OR, B_BITWISE_XOR, B_LEFT_SHIFT, B_RIGHT_SHIFT,
};

static enum binop binop_of(pinot_op_type op) {
    switch (op) {
    case PINOT_OP_ADD: return B_ADD;
    case PINOT_OP_SUBTRACT: return B_SUBTRACT;
    case PINOT_OP_MULTIPLY: return B_MULTIPLY;
    case PINOT_OP_DIVIDE: return B_DIVIDE;
    case PINOT_OP_POWER: return B_POWER;
    case PINOT_OP_MAXIMUM: return B_MAXIMUM;
    case PINOT_OP_MINIMUM: return B_MINIMUM;
    case PINOT_OP_SQUARED_DIFFERENCE: return B_SQUARED_DIFFERENCE;
    case PINOT_OP_FLOOR_MOD: return B_FLOOR_MOD;
    case PINOT_OP_MOD: return B_MOD;
    case PINOT_OP_EQUAL: return B_EQUAL;
    case PINOT_OP_NOT_EQUAL: return B_NOT_EQUAL;
    case PINOT_OP_GREATER: return B_GREATER;
    case PINOT_OP_GREATER_EQUAL: return B_GREATER_EQUAL;
    case PINOT_OP_LESS: return B_LESS;
    case PINOT_OP_LESS_EQUAL: return B_LESS_EQUAL;
    case PINOT_OP_LOGICAL_AND: return B_LOGICAL_AND;
    case PINOT_OP_LOGICAL_OR: return B_LOGICAL_OR;
    case PINOT_OP_LOGICAL_XOR: return B_LOGICAL_XOR;
    case PINOT_OP_BITWISE_AND: return B_BITWISE_AND;
    case PINOT_OP_BITWISE_OR: return B_BITWISE_OR;
    case PINOT_OP_BITWISE_XOR: return B_BITWISE_XOR;
    case PINOT_OP_BITWISE_LEFT_SHIFT: return B_LEFT_SHIFT;
    default: return B_RIGHT_SHIFT;
    }
}

static bool is_comparison(enum binop op) {
    return op >= B_EQUAL && op <= B_LESS_EQUAL;
}

static bool is_logical(enum binop op) {
    return op >= B_LOGICAL_AND && op <= B_LOGICAL_XOR;
}

/* ---- attributes ---- */

struct binary_attrs {
    int32_t auto_broadcast;
};

/* Divide: the common first member keeps PINOT_ATTRS(node, struct binary_attrs) valid. */
struct divide_attrs {
    int32_t auto_broadcast;
    bool m_pythondiv;
};

static const struct pinot_attr_desc binary_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct binary_attrs, auto_broadcast, "auto_broadcast", pinot_auto_broadcast_values, "numpy"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc divide_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct divide_attrs, auto_broadcast, "auto_broadcast", pinot_auto_broadcast_values, "numpy"),
    PINOT_ATTR(struct divide_attrs, m_pythondiv, "m_pythondiv", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR_END,
};

/* ---- shape inference ---- */

/*
 * PDPD broadcasting of @p src into @p dst (dst's shape is the result): src's
 * trailing 1s are dropped and the rest lines up with dst from axis 0 (the axis
 * OpenVINO's builders leave in place); each src dimension must be 1 or
 * compatible. Dynamic ranks are accepted.
 */
static bool pdpd_compatible(const pinot_partial_shape * dst, const pinot_partial_shape * src) {
    if (dst->rank < 0 || src->rank < 0) {
        return true;
    }
    if (src->rank > dst->rank) {
        return false;
    }
    int32_t len = src->rank;
    while (len > 0 && pinot_dim_is_static(src->dims[len - 1]) && src->dims[len - 1].min == 1) {
        len--;
    }
    for (int32_t i = 0; i < len; i++) {
        bool one = pinot_dim_is_static(src->dims[i]) && src->dims[i].min == 1;
        if (!one && !pinot_dim_compatible(dst->dims[i], src->dims[i])) {
            return false;
        }
    }
    return true;
}

/* Output shape of two operands under @p mode (OpenVINO's eltwise shape inference). */
static bool broadcast_shapes(int32_t mode, const pinot_partial_shape * a, const pinot_partial_shape * b,
                             pinot_partial_shape * out) {
    switch (mode) {
    case PINOT_BROADCAST_NONE: *out = *a; return pinot_partial_shape_merge_into(out, b);
    case PINOT_BROADCAST_PDPD: *out = *a; return pdpd_compatible(a, b);
    default: return pinot_partial_shape_broadcast_merge(a, b, out);
    }
}

static pinot_status binary_validate(struct pinot_node * node) {
    enum binop op = binop_of(node->op);
    const struct binary_attrs * attrs = PINOT_ATTRS(node, struct binary_attrs);
    pinot_dtype t0 = pinot_node_input_type(node, 0);
    pinot_dtype t1 = pinot_node_input_type(node, 1);
    pinot_dtype type;
    if (!pinot_dtype_merge(t0, t1, &type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Arguments do not have the same element type (arg0 element type: %s, arg1 element "
                                "type: %s).",
                                pinot_dtype_name(t0), pinot_dtype_name(t1));
    }
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    bool dynamic = type == PINOT_DTYPE_DYNAMIC;
    if (is_logical(op)) {
        if (!dynamic && type != PINOT_DTYPE_BOOLEAN) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Operands for logical operators must have boolean element type but have element "
                                    "type %s.",
                                    pinot_dtype_name(type));
        }
    } else if (op == B_LEFT_SHIFT || op == B_RIGHT_SHIFT) {
        if (!dynamic && !info->is_integral_number) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The element type of the input tensor must be integer number.");
        }
    } else if (op >= B_BITWISE_AND) {
        if (!dynamic && !info->is_integral) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The element type of the input tensor must be integer or boolean.");
        }
    } else if (!is_comparison(op) && (type == PINOT_DTYPE_BOOLEAN || type == PINOT_DTYPE_STRING)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "This operation does not support inputs with element type: %s", pinot_dtype_name(type));
    }
    pinot_partial_shape shape;
    if (!broadcast_shapes(attrs->auto_broadcast, pinot_node_input_shape(node, 0), pinot_node_input_shape(node, 1),
                          &shape)) {
        char a[256], b[256];
        pinot_partial_shape_to_string(pinot_node_input_shape(node, 0), a, sizeof(a));
        pinot_partial_shape_to_string(pinot_node_input_shape(node, 1), b, sizeof(b));
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Argument shapes are inconsistent (got %s and %s).",
                                a, b);
    }
    bool boolean_out = is_comparison(op) || is_logical(op);
    pinot_node_set_output(node, 0, boolean_out ? PINOT_DTYPE_BOOLEAN : type, &shape);
    return PINOT_STATUS_OK;
}

/* ---- broadcast walks in rows ---- */

/*
 * Walk the output in rows: an iterator over all axes but the last of a
 * coalesced shape (size-1 axes dropped, adjacent axes merged when every
 * operand is dense across them), so `[N,C,H,W] + [1,C,1,1]` becomes rows of
 * H*W with a stride-0 second operand, and equal shapes become one row.
 */
struct row_walk {
    struct pinot_ref_bcast it;
    int64_t n;                             /* elements per row */
    int64_t inner[PINOT_REF_MAX_OPERANDS]; /* operand strides along a row */
    uint64_t rows;
};

static void row_walk_init(struct row_walk * w, const pinot_shape * out, const pinot_shape * const * shapes,
                          uint32_t n_operands) {
    struct pinot_ref_bcast * it = &w->it;
    pinot_ref_bcast_init(it, out, shapes, n_operands);
    uint32_t rank = 0;
    for (uint32_t axis = 0; axis < it->rank; axis++) {
        if (it->dims[axis] == 1) {
            continue;
        }
        bool merge = rank > 0;
        for (uint32_t k = 0; k < n_operands && merge; k++) {
            merge = it->strides[k][rank - 1] == it->strides[k][axis] * it->dims[axis];
        }
        if (merge) {
            it->dims[rank - 1] *= it->dims[axis];
            for (uint32_t k = 0; k < n_operands; k++) {
                it->strides[k][rank - 1] = it->strides[k][axis];
            }
        } else {
            it->dims[rank] = it->dims[axis];
            for (uint32_t k = 0; k < n_operands; k++) {
                it->strides[k][rank] = it->strides[k][axis];
            }
            rank++;
        }
    }
    it->rank = rank;
    w->n = rank > 0 ? it->dims[rank - 1] : 1;
    for (uint32_t k = 0; k < n_operands; k++) {
        w->inner[k] = rank > 0 ? it->strides[k][rank - 1] : 0;
    }
    w->rows = it->count == 0 ? 0 : it->count / (uint64_t)w->n;
}

/* Move to the next row (pinot_ref_bcast_next without the last axis). */
static void row_walk_next(struct row_walk * w) {
    struct pinot_ref_bcast * it = &w->it;
    if (it->rank < 2) {
        return;
    }
    for (uint32_t axis = it->rank - 1; axis-- > 0;) {
        for (uint32_t k = 0; k < it->n_operands; k++) {
            it->offset[k] += it->strides[k][axis];
        }
        if (++it->index[axis] < it->dims[axis]) {
            return;
        }
        for (uint32_t k = 0; k < it->n_operands; k++) {
            it->offset[k] -= it->strides[k][axis] * it->dims[axis];
        }
        it->index[axis] = 0;
    }
}

/* ---- evaluation-time shapes ---- */

/* @p src aligned for PDPD into a shape of dst's rank (1s elsewhere); false if it does not fit. */
static bool pdpd_align(const pinot_shape * dst, const pinot_shape * src, pinot_shape * aligned) {
    if (src->rank > dst->rank) {
        return false;
    }
    uint32_t len = src->rank;
    while (len > 0 && src->dims[len - 1] == 1) {
        len--;
    }
    aligned->rank = dst->rank;
    for (uint32_t i = 0; i < dst->rank; i++) {
        aligned->dims[i] = i < len ? src->dims[i] : 1;
        if (aligned->dims[i] != 1 && aligned->dims[i] != dst->dims[i]) {
            return false;
        }
    }
    return true;
}

/*
 * The output shape of the static @p shapes under @p mode, and the operand
 * shapes to walk it with (PDPD realigns the later operands to the first).
 */
static pinot_status eval_broadcast(const struct pinot_node * node, int32_t mode, const pinot_shape * const * shapes,
                                   uint32_t n, pinot_shape * aligned, pinot_shape * out) {
    bool ok = true;
    for (uint32_t k = 0; k < n; k++) {
        aligned[k] = *shapes[k];
    }
    if (mode == PINOT_BROADCAST_NONE) {
        for (uint32_t k = 1; k < n; k++) {
            ok = ok && pinot_shape_equal(shapes[0], shapes[k]);
        }
        *out = *shapes[0];
    } else if (mode == PINOT_BROADCAST_PDPD) {
        for (uint32_t k = 1; k < n; k++) {
            ok = ok && pdpd_align(shapes[0], shapes[k], &aligned[k]);
        }
        *out = *shapes[0];
    } else {
        ok = pinot_ref_broadcast_shape(shapes, n, out);
    }
    if (!ok) {
        char a[256], b[256];
        pinot_shape_to_string(shapes[0], a, sizeof(a));
        pinot_shape_to_string(shapes[n - 1], b, sizeof(b));
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Argument shapes are inconsistent (got %s and %s).", a, b);
    }
    return PINOT_STATUS_OK;
}

/* ---- scalar semantics ---- */

/* std::max / std::min: a NaN in the first operand wins, one in the second loses. */
#define STD_MAX(a, b) ((a) < (b) ? (b) : (a))
#define STD_MIN(a, b) ((b) < (a) ? (b) : (a))

/* Real arithmetic (f64, and the other float types widened). Mod is OpenVINO's
 * x - trunc(x / y) * y; FloorMod x - floor(x / y) * y (so 1 mod inf is NaN). */
static double arith_f64(enum binop op, double a, double b) {
    switch (op) {
    case B_ADD: return a + b;
    case B_SUBTRACT: return a - b;
    case B_MULTIPLY: return a * b;
    case B_DIVIDE: return a / b;
    case B_POWER: return pow(a, b);
    case B_MAXIMUM: return STD_MAX(a, b);
    case B_MINIMUM: return STD_MIN(a, b);
    case B_SQUARED_DIFFERENCE: return (a - b) * (a - b);
    case B_FLOOR_MOD: return a - floor(a / b) * b;
    default: return a - trunc(a / b) * b; /* B_MOD */
    }
}

static bool compare_f64(enum binop op, double a, double b) {
    switch (op) {
    case B_EQUAL: return a == b;
    case B_NOT_EQUAL: return a != b;
    case B_GREATER: return a > b;
    case B_GREATER_EQUAL: return a >= b;
    case B_LESS: return a < b;
    default: return a <= b;
    }
}

static int compare_order(enum binop op, int order) {
    switch (op) {
    case B_EQUAL: return order == 0;
    case B_NOT_EQUAL: return order != 0;
    case B_GREATER: return order > 0;
    case B_GREATER_EQUAL: return order >= 0;
    case B_LESS: return order < 0;
    default: return order <= 0;
    }
}

/* Shift counts wrap modulo the width the shift is done in (32 bits for types
 * up to 32 bits after C promotion, else 64), as x86 shifts do. */
static unsigned shift_count(pinot_dtype type, int64_t b) {
    return (unsigned)((uint64_t)b & (pinot_dtype_bitwidth(type) > 32 ? 63u : 31u));
}

/* Integer arithmetic in wrapping int64 (the store wraps to the type). @p is_unsigned
 * selects unsigned semantics for division, modulo, order and right shifts (u64). */
static int64_t arith_int(enum binop op, pinot_dtype type, bool is_unsigned, int64_t a, int64_t b, bool pythondiv) {
    uint64_t ua = (uint64_t)a;
    uint64_t ub = (uint64_t)b;
    switch (op) {
    case B_ADD: return (int64_t)(ua + ub);
    case B_SUBTRACT: return (int64_t)(ua - ub);
    case B_MULTIPLY: return (int64_t)(ua * ub);
    case B_SQUARED_DIFFERENCE: return (int64_t)((ua - ub) * (ua - ub));
    case B_MAXIMUM: return (is_unsigned ? ua < ub : a < b) ? b : a;
    case B_MINIMUM: return (is_unsigned ? ub < ua : b < a) ? b : a;
    case B_BITWISE_AND: return a & b;
    case B_BITWISE_OR: return a | b;
    case B_BITWISE_XOR: return a ^ b;
    case B_LOGICAL_AND: return a != 0 && b != 0;
    case B_LOGICAL_OR: return a != 0 || b != 0;
    case B_LOGICAL_XOR: return (a != 0) != (b != 0);
    case B_LEFT_SHIFT: return (int64_t)(ua << shift_count(type, b));
    case B_RIGHT_SHIFT: return is_unsigned ? (int64_t)(ua >> shift_count(type, b)) : a >> shift_count(type, b);
    case B_POWER:
        /* OpenVINO: static_cast<T>(std::pow(x, y)), with the cast's rules. */
        return pinot_float_to_int_bits(type, is_unsigned ? pow((double)ua, (double)ub) : pow((double)a, (double)b));
    default: break;
    }
    /* Division and remainders. */
    if (b == 0) {
        return 0;
    }
    if (is_unsigned) {
        return (int64_t)(op == B_DIVIDE ? ua / ub : ua % ub);
    }
    if (b == -1) { /* avoids INT64_MIN / -1 trapping */
        return op == B_DIVIDE ? (int64_t)(0 - ua) : 0;
    }
    int64_t q = a / b;
    int64_t r = a % b;
    bool signs_differ = r != 0 && ((r < 0) != (b < 0));
    switch (op) {
    case B_DIVIDE: return pythondiv && signs_differ ? q - 1 : q;
    case B_FLOOR_MOD: return signs_differ ? r + b : r;
    default: return r; /* B_MOD: sign of the dividend */
    }
}

static bool compare_int(enum binop op, bool is_unsigned, int64_t a, int64_t b) {
    int order;
    if (is_unsigned) {
        order = (uint64_t)a < (uint64_t)b ? -1 : (uint64_t)a > (uint64_t)b;
    } else {
        order = a < b ? -1 : a > b;
    }
    return compare_order(op, order);
}

static int string_order(const pinot_string * a, const pinot_string * b) {
    size_t n = a->size < b->size ? a->size : b->size;
    int c = n > 0 ? memcmp(a->data, b->data, n) : 0;
    if (c != 0) {
        return c;
    }
    return a->size < b->size ? -1 : a->size > b->size;
}

/* ---- f32 / f64 rows ---- */

/* One row, four stride variants so the common ones are straight loops. */
#define ROW_LOOP(EXPR)                                                      \
    do {                                                                    \
        if (sa == 1 && sb == 1) {                                           \
            for (int64_t i = 0; i < n; i++) {                               \
                T x = a[i], y = b[i];                                       \
                o[i] = (EXPR);                                              \
            }                                                               \
        } else if (sa == 1 && sb == 0) {                                    \
            T y = b[0];                                                     \
            for (int64_t i = 0; i < n; i++) {                               \
                T x = a[i];                                                 \
                o[i] = (EXPR);                                              \
            }                                                               \
        } else if (sa == 0 && sb == 1) {                                    \
            T x = a[0];                                                     \
            for (int64_t i = 0; i < n; i++) {                               \
                T y = b[i];                                                 \
                o[i] = (EXPR);                                              \
            }                                                               \
        } else {                                                            \
            for (int64_t i = 0; i < n; i++) {                               \
                T x = a[i * sa], y = b[i * sb];                             \
                o[i] = (EXPR);                                              \
            }                                                               \
        }                                                                   \
    } while (0);                                                            \
    break

/* Rows of T (defined around each expansion). FloorMod goes through double,
 * Power (powf for f32) and Mod stay in T, as OpenVINO's kernels (results then
 * match bit for bit). */
#define DEFINE_FLOAT_ROWS(SUFFIX)                                                                      \
    static void arith_row_##SUFFIX(enum binop op, const T * a, int64_t sa, const T * b, int64_t sb, T * o,       \
                                   int64_t n) {                                                                  \
        switch (op) {                                                                                            \
        case B_ADD: ROW_LOOP(x + y);                                                                             \
        case B_SUBTRACT: ROW_LOOP(x - y);                                                                        \
        case B_MULTIPLY: ROW_LOOP(x * y);                                                                        \
        case B_DIVIDE: ROW_LOOP(x / y);                                                                          \
        case B_POWER: ROW_LOOP(_Generic(x, float: powf, default: pow)(x, y));                                   \
        case B_MAXIMUM: ROW_LOOP(STD_MAX(x, y));                                                                 \
        case B_MINIMUM: ROW_LOOP(STD_MIN(x, y));                                                                 \
        case B_SQUARED_DIFFERENCE: ROW_LOOP((x - y) * (x - y));                                                  \
        case B_FLOOR_MOD: ROW_LOOP((T)((double)x - floor((double)x / (double)y) * (double)y));                   \
        case B_MOD: ROW_LOOP(x - (T)trunc(x / y) * y);                                                           \
        default: break;                                                                                          \
        }                                                                                                        \
    }                                                                                                            \
    static void compare_row_##SUFFIX(enum binop op, const T * a, int64_t sa, const T * b, int64_t sb, uint8_t * o, \
                                     int64_t n) {                                                                \
        switch (op) {                                                                                            \
        case B_EQUAL: ROW_LOOP(x == y);                                                                          \
        case B_NOT_EQUAL: ROW_LOOP(x != y);                                                                      \
        case B_GREATER: ROW_LOOP(x > y);                                                                         \
        case B_GREATER_EQUAL: ROW_LOOP(x >= y);                                                                  \
        case B_LESS: ROW_LOOP(x < y);                                                                            \
        case B_LESS_EQUAL: ROW_LOOP(x <= y);                                                                     \
        default: break;                                                                                          \
        }                                                                                                        \
    }

#define T float
DEFINE_FLOAT_ROWS(f32)
#undef T
#define T double
DEFINE_FLOAT_ROWS(f64)
#undef T

/* i32 / i64 rows for the ops models run on shapes and indices; false sends
 * the rest (division, powers, shifts) to the generic path. Wrapping through
 * uint64_t avoids signed overflow. */
#define DEFINE_INT_ROWS(SUFFIX)                                                                                  \
    static bool arith_row_##SUFFIX(enum binop op, const T * a, int64_t sa, const T * b, int64_t sb, T * o,       \
                                   int64_t n) {                                                                  \
        switch (op) {                                                                                            \
        case B_ADD: ROW_LOOP((T)((uint64_t)x + (uint64_t)y));                                                    \
        case B_SUBTRACT: ROW_LOOP((T)((uint64_t)x - (uint64_t)y));                                               \
        case B_MULTIPLY: ROW_LOOP((T)((uint64_t)x * (uint64_t)y));                                               \
        case B_MAXIMUM: ROW_LOOP(x < y ? y : x);                                                                 \
        case B_MINIMUM: ROW_LOOP(y < x ? y : x);                                                                 \
        case B_SQUARED_DIFFERENCE: ROW_LOOP((T)(((uint64_t)x - (uint64_t)y) * ((uint64_t)x - (uint64_t)y)));     \
        case B_BITWISE_AND: ROW_LOOP(x & y);                                                                     \
        case B_BITWISE_OR: ROW_LOOP(x | y);                                                                      \
        case B_BITWISE_XOR: ROW_LOOP(x ^ y);                                                                     \
        default: return false;                                                                                   \
        }                                                                                                        \
        return true;                                                                                             \
    }                                                                                                            \
    static void compare_row_##SUFFIX(enum binop op, const T * a, int64_t sa, const T * b, int64_t sb, uint8_t * o, \
                                     int64_t n) {                                                                \
        switch (op) {                                                                                            \
        case B_EQUAL: ROW_LOOP(x == y);                                                                          \
        case B_NOT_EQUAL: ROW_LOOP(x != y);                                                                      \
        case B_GREATER: ROW_LOOP(x > y);                                                                         \
        case B_GREATER_EQUAL: ROW_LOOP(x >= y);                                                                  \
        case B_LESS: ROW_LOOP(x < y);                                                                            \
        case B_LESS_EQUAL: ROW_LOOP(x <= y);                                                                     \
        default: break;                                                                                          \
        }                                                                                                        \
    }

#define T int32_t
DEFINE_INT_ROWS(i32)
#undef T
#define T int64_t
DEFINE_INT_ROWS(i64)
#undef T

/* f16 / bf16 rows: widen chunks to f32, run the f32 row, narrow back. */
static void half_row(enum binop op, pinot_dtype type, const uint16_t * a, int64_t sa, const uint16_t * b, int64_t sb,
                     void * out, int64_t n) {
    enum { CHUNK = 256 };
    float x[CHUNK], y[CHUNK], z[CHUNK];
    uint8_t flags[CHUNK];
    bool f16 = type == PINOT_DTYPE_F16;
    for (int64_t start = 0; start < n; start += CHUNK) {
        int64_t m = n - start < CHUNK ? n - start : CHUNK;
        for (int64_t i = 0; i < m; i++) {
            uint16_t ha = a[(start + i) * sa], hb = b[(start + i) * sb];
            x[i] = f16 ? pinot_f16_to_f32(ha) : pinot_bf16_to_f32(ha);
            y[i] = f16 ? pinot_f16_to_f32(hb) : pinot_bf16_to_f32(hb);
        }
        if (is_comparison(op)) {
            compare_row_f32(op, x, 1, y, 1, flags, m);
            memcpy((uint8_t *)out + start, flags, (size_t)m);
            continue;
        }
        arith_row_f32(op, x, 1, y, 1, z, m);
        uint16_t * o = (uint16_t *)out + start;
        for (int64_t i = 0; i < m; i++) {
            o[i] = f16 ? pinot_f32_to_f16(z[i]) : pinot_f32_to_bf16(z[i]);
        }
    }
}

/* ---- the binary kernel ---- */

struct binary_job {
    enum binop op;
    pinot_dtype type; /* of the operands */
    bool pythondiv;
    const void * a;
    const void * b;
    void * out;
};

/* Any other element type: one element at a time through double or int64. */
static void generic_row(const struct binary_job * job, int64_t ia, int64_t sa, int64_t ib, int64_t sb, uint64_t io,
                        int64_t n) {
    pinot_dtype type = job->type;
    bool compare = is_comparison(job->op);
    if (type == PINOT_DTYPE_STRING) { /* comparisons only */
        const pinot_string * a = job->a;
        const pinot_string * b = job->b;
        for (int64_t i = 0; i < n; i++) {
            ((uint8_t *)job->out)[io + i] = (uint8_t)compare_order(job->op, string_order(&a[ia + i * sa], &b[ib + i * sb]));
        }
        return;
    }
    if (pinot_elt_is_float(type)) {
        for (int64_t i = 0; i < n; i++) {
            double x = pinot_elt_load_f64(type, job->a, (uint64_t)(ia + i * sa));
            double y = pinot_elt_load_f64(type, job->b, (uint64_t)(ib + i * sb));
            if (compare) {
                ((uint8_t *)job->out)[io + i] = compare_f64(job->op, x, y);
            } else {
                pinot_elt_store_f64(type, job->out, io + i, arith_f64(job->op, x, y));
            }
        }
        return;
    }
    bool is_unsigned = type == PINOT_DTYPE_BOOLEAN || !pinot_dtype_get_info(type)->is_signed;
    pinot_dtype out_type = compare || is_logical(job->op) ? PINOT_DTYPE_BOOLEAN : type;
    for (int64_t i = 0; i < n; i++) {
        int64_t x = pinot_elt_load_i64(type, job->a, (uint64_t)(ia + i * sa));
        int64_t y = pinot_elt_load_i64(type, job->b, (uint64_t)(ib + i * sb));
        int64_t r = compare ? compare_int(job->op, is_unsigned, x, y)
                            : arith_int(job->op, type, is_unsigned, x, y, job->pythondiv);
        pinot_elt_store_i64(out_type, job->out, io + i, r);
    }
}

static void binary_row(const struct binary_job * job, int64_t ia, int64_t sa, int64_t ib, int64_t sb, uint64_t io,
                       int64_t n) {
    bool compare = is_comparison(job->op);
    switch (job->type) {
    case PINOT_DTYPE_F32:
        if (compare) {
            compare_row_f32(job->op, (const float *)job->a + ia, sa, (const float *)job->b + ib, sb,
                            (uint8_t *)job->out + io, n);
        } else {
            arith_row_f32(job->op, (const float *)job->a + ia, sa, (const float *)job->b + ib, sb,
                          (float *)job->out + io, n);
        }
        return;
    case PINOT_DTYPE_F64:
        if (compare) {
            compare_row_f64(job->op, (const double *)job->a + ia, sa, (const double *)job->b + ib, sb,
                            (uint8_t *)job->out + io, n);
        } else {
            arith_row_f64(job->op, (const double *)job->a + ia, sa, (const double *)job->b + ib, sb,
                          (double *)job->out + io, n);
        }
        return;
    case PINOT_DTYPE_F16:
    case PINOT_DTYPE_BF16:
        half_row(job->op, job->type, (const uint16_t *)job->a + ia, sa, (const uint16_t *)job->b + ib, sb,
                 compare ? (void *)((uint8_t *)job->out + io) : (void *)((uint16_t *)job->out + io), n);
        return;
    case PINOT_DTYPE_I32:
        if (compare) {
            compare_row_i32(job->op, (const int32_t *)job->a + ia, sa, (const int32_t *)job->b + ib, sb,
                            (uint8_t *)job->out + io, n);
            return;
        }
        if (arith_row_i32(job->op, (const int32_t *)job->a + ia, sa, (const int32_t *)job->b + ib, sb,
                          (int32_t *)job->out + io, n)) {
            return;
        }
        break;
    case PINOT_DTYPE_I64:
        if (compare) {
            compare_row_i64(job->op, (const int64_t *)job->a + ia, sa, (const int64_t *)job->b + ib, sb,
                            (uint8_t *)job->out + io, n);
            return;
        }
        if (arith_row_i64(job->op, (const int64_t *)job->a + ia, sa, (const int64_t *)job->b + ib, sb,
                          (int64_t *)job->out + io, n)) {
            return;
        }
        break;
    default: break;
    }
    generic_row(job, ia, sa, ib, sb, io, n);
}

/* a: A, b: B (broadcast by auto_broadcast) -> y: broadcast(A, B). */
static pinot_status binary_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    enum binop op = binop_of(node->op);
    const struct binary_attrs * attrs = PINOT_ATTRS(node, struct binary_attrs);
    struct binary_job job = {
        .op = op,
        .type = pinot_tensor_get_type(inputs[0]),
        .pythondiv = node->op == PINOT_OP_DIVIDE && PINOT_ATTRS(node, struct divide_attrs)->m_pythondiv,
        .a = pinot_tensor_get_data(inputs[0]),
        .b = pinot_tensor_get_data(inputs[1]),
    };
    const pinot_shape * shapes[2] = {pinot_tensor_get_shape(inputs[0]), pinot_tensor_get_shape(inputs[1])};
    pinot_shape aligned[2], out_shape;
    pinot_status status = eval_broadcast(node, attrs->auto_broadcast, shapes, 2, aligned, &out_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (pinot_tensor_get_type(inputs[1]) != job.type) { /* possible when validated as dynamic */
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Arguments do not have the same element type (arg0 element type: %s, arg1 "
                                    "element type: %s).",
                                    pinot_dtype_name(job.type), pinot_dtype_name(pinot_tensor_get_type(inputs[1])));
    }
    if (op >= B_BITWISE_AND && job.type == PINOT_DTYPE_NF4) {
        job.type = PINOT_DTYPE_U4; /* bitwise ops see the raw 4-bit codes */
    }
    if (job.type == PINOT_DTYPE_DYNAMIC || (job.type == PINOT_DTYPE_STRING && !is_comparison(op))) {
        return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER, "element type %s is not supported",
                                    pinot_dtype_name(job.type));
    }
    status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    job.out = pinot_tensor_get_data(outputs[0]);
    if (pinot_dtype_is_packed(pinot_tensor_get_type(outputs[0]))) {
        memset(job.out, 0, (size_t)pinot_tensor_get_byte_size(outputs[0]));
    }
    const pinot_shape * walk_shapes[2] = {&aligned[0], &aligned[1]};
    struct row_walk w;
    row_walk_init(&w, &out_shape, walk_shapes, 2);
    uint64_t io = 0;
    for (uint64_t r = 0; r < w.rows; r++, io += (uint64_t)w.n) {
        binary_row(&job, w.it.offset[0], w.inner[0], w.it.offset[1], w.inner[1], io, w.n);
        row_walk_next(&w);
    }
    return PINOT_STATUS_OK;
}

/* ---- PRelu ---- */

/*
 * The slope applies per channel when it is 1-D and matches the channel axis
 * (axis 1, or 0 for 1-D data); otherwise it numpy-broadcasts into the data's
 * shape. OpenVINO accepts any slope shape at validation; we reject the ones
 * its kernel cannot use, when the shapes say so.
 */
static bool prelu_shapes_fit(const pinot_partial_shape * data, const pinot_partial_shape * slope) {
    if (data->rank < 0 || slope->rank < 0) {
        return true;
    }
    int32_t channel = data->rank > 1 ? 1 : 0;
    if (slope->rank == 1 && data->rank > 0 && pinot_dim_compatible(data->dims[channel], slope->dims[0])) {
        return true;
    }
    bool all_ones = true;
    for (int32_t i = 0; i < slope->rank; i++) {
        all_ones = all_ones && pinot_dim_is_static(slope->dims[i]) && slope->dims[i].min == 1;
    }
    if (all_ones) {
        return true;
    }
    if (slope->rank > data->rank) {
        return false;
    }
    for (int32_t i = 0; i < slope->rank; i++) {
        pinot_dim s = slope->dims[i];
        pinot_dim d = data->dims[data->rank - slope->rank + i];
        if (!(pinot_dim_is_static(s) && s.min == 1) && !pinot_dim_compatible(s, d)) {
            return false;
        }
    }
    return true;
}

static pinot_status prelu_validate(struct pinot_node * node) {
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * slope = pinot_node_input_shape(node, 1);
    if (!prelu_shapes_fit(data, slope)) {
        char a[256], b[256];
        pinot_partial_shape_to_string(data, a, sizeof(a));
        pinot_partial_shape_to_string(slope, b, sizeof(b));
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Slope shape %s cannot be broadcast to the data shape %s.", b, a);
    }
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), data);
    return PINOT_STATUS_OK;
}

/* The slope's shape, aligned to the data's rank for the walk. */
static bool prelu_slope_shape(const pinot_shape * data, const pinot_shape * slope, pinot_shape * aligned) {
    aligned->rank = data->rank;
    for (uint32_t i = 0; i < data->rank; i++) {
        aligned->dims[i] = 1;
    }
    uint32_t channel = data->rank > 1 ? 1 : 0;
    if (slope->rank == 1 && data->rank > 0 && data->dims[channel] == slope->dims[0]) {
        aligned->dims[channel] = slope->dims[0];
        return true;
    }
    /* Leading 1s beyond the data's rank are harmless. */
    uint32_t skip = 0;
    while (slope->rank - skip > data->rank && slope->dims[skip] == 1) {
        skip++;
    }
    if (slope->rank - skip > data->rank) {
        return false;
    }
    uint32_t offset = data->rank - (slope->rank - skip);
    for (uint32_t i = skip; i < slope->rank; i++) {
        int64_t s = slope->dims[i];
        if (s != 1 && s != data->dims[offset + i - skip]) {
            return false;
        }
        aligned->dims[offset + i - skip] = s;
    }
    return true;
}

/* x: data, slope -> y = x < 0 ? x * slope : x, data's shape and type. */
static pinot_status prelu_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                   pinot_tensor_t * const * outputs) {
    const pinot_shape * data_shape = pinot_tensor_get_shape(inputs[0]);
    pinot_shape slope_shape;
    if (!prelu_slope_shape(data_shape, pinot_tensor_get_shape(inputs[1]), &slope_shape)) {
        char a[256], b[256];
        pinot_shape_to_string(data_shape, a, sizeof(a));
        pinot_shape_to_string(pinot_tensor_get_shape(inputs[1]), b, sizeof(b));
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Slope shape %s cannot be broadcast to the data shape %s.", b, a);
    }
    pinot_dtype type = pinot_tensor_get_type(inputs[0]);
    pinot_dtype slope_type = pinot_tensor_get_type(inputs[1]);
    if (pinot_tensor_get_type(outputs[0]) != type) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output type %s does not match the data (%s)",
                                    pinot_dtype_name(pinot_tensor_get_type(outputs[0])), pinot_dtype_name(type));
    }
    if (type == PINOT_DTYPE_STRING || slope_type == PINOT_DTYPE_STRING || type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER, "element type %s is not supported",
                                    pinot_dtype_name(type == PINOT_DTYPE_STRING ? type : slope_type));
    }
    pinot_status status = pinot_tensor_set_shape(outputs[0], data_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const void * x = pinot_tensor_get_data(inputs[0]);
    const void * slope = pinot_tensor_get_data(inputs[1]);
    void * y = pinot_tensor_get_data(outputs[0]);
    if (pinot_dtype_is_packed(type)) {
        memset(y, 0, (size_t)pinot_tensor_get_byte_size(outputs[0]));
    }
    const pinot_shape * walk_shapes[2] = {data_shape, &slope_shape};
    struct row_walk w;
    row_walk_init(&w, data_shape, walk_shapes, 2);
    bool fast = type == PINOT_DTYPE_F32 && slope_type == PINOT_DTYPE_F32;
    bool is_float = pinot_elt_is_float(type) || pinot_elt_is_float(slope_type);
    uint64_t io = 0;
    for (uint64_t r = 0; r < w.rows; r++, io += (uint64_t)w.n) {
        int64_t ia = w.it.offset[0], ib = w.it.offset[1], sb = w.inner[1];
        if (fast) {
            const float * a = (const float *)x + ia;
            const float * b = (const float *)slope + ib;
            float * o = (float *)y + io;
            for (int64_t i = 0; i < w.n; i++) {
                float v = a[i];
                o[i] = v < 0.0f ? v * b[i * sb] : v;
            }
        } else if (is_float) {
            for (int64_t i = 0; i < w.n; i++) {
                double v = pinot_elt_load_f64(type, x, (uint64_t)(ia + i));
                double s = pinot_elt_load_f64(slope_type, slope, (uint64_t)(ib + i * sb));
                pinot_elt_store_f64(type, y, io + (uint64_t)i, v < 0.0 ? v * s : v);
            }
        } else {
            bool is_unsigned = type == PINOT_DTYPE_BOOLEAN || !pinot_dtype_get_info(type)->is_signed;
            for (int64_t i = 0; i < w.n; i++) {
                int64_t v = pinot_elt_load_i64(type, x, (uint64_t)(ia + i));
                int64_t s = pinot_elt_load_i64(slope_type, slope, (uint64_t)(ib + i * sb));
                pinot_elt_store_i64(type, y, io + (uint64_t)i,
                                    !is_unsigned && v < 0 ? (int64_t)((uint64_t)v * (uint64_t)s) : v);
            }
        }
        row_walk_next(&w);
    }
    return PINOT_STATUS_OK;
}

/* ---- Select ---- */

static pinot_status select_validate(struct pinot_node * node) {
    const struct binary_attrs * attrs = PINOT_ATTRS(node, struct binary_attrs);
    pinot_dtype cond = pinot_node_input_type(node, 0);
    if (cond != PINOT_DTYPE_DYNAMIC && cond != PINOT_DTYPE_BOOLEAN) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Argument 0 must have boolean element type (element type: %s).", pinot_dtype_name(cond));
    }
    pinot_dtype type;
    if (!pinot_dtype_merge(pinot_node_input_type(node, 1), pinot_node_input_type(node, 2), &type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Argument 1 and 2 element types must match.");
    }
    const pinot_partial_shape * s_cond = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * s_then = pinot_node_input_shape(node, 1);
    const pinot_partial_shape * s_else = pinot_node_input_shape(node, 2);
    pinot_partial_shape shape;
    if (attrs->auto_broadcast == PINOT_BROADCAST_PDPD) {
        /* 'else' and 'cond' broadcast one way into 'then'. */
        shape = *s_then;
        if (!pdpd_compatible(&shape, s_else)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "'Else' tensor shape is not broadcastable.");
        }
        if (!pdpd_compatible(&shape, s_cond)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "'Cond' tensor shape is not broadcastable.");
        }
    } else {
        pinot_partial_shape merged = *s_else;
        const pinot_partial_shape * others[2] = {s_then, s_cond};
        for (int i = 0; i < 2; i++) {
            if (!broadcast_shapes(attrs->auto_broadcast, &merged, others[i], &shape)) {
                char a[256], b[256];
                pinot_partial_shape_to_string(&merged, a, sizeof(a));
                pinot_partial_shape_to_string(others[i], b, sizeof(b));
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Argument shapes are inconsistent (got %s and %s).", a, b);
            }
            merged = shape;
        }
    }
    pinot_node_set_output(node, 0, type, &shape);
    return PINOT_STATUS_OK;
}

/* Packed types copy raw codes through the unsigned type with the same layout. */
static pinot_dtype raw_layout(pinot_dtype type) {
    if (type == PINOT_DTYPE_I2) {
        return PINOT_DTYPE_U2;
    }
    return type == PINOT_DTYPE_I4 || type == PINOT_DTYPE_NF4 || type == PINOT_DTYPE_F4E2M1 ? PINOT_DTYPE_U4 : type;
}

/* cond, then, else -> y = cond ? then : else, all three broadcast. */
static pinot_status select_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    const struct binary_attrs * attrs = PINOT_ATTRS(node, struct binary_attrs);
    /* PDPD aligns to 'then': put it first. */
    int order[3] = {1, 2, 0};
    const pinot_shape * shapes[3];
    for (int k = 0; k < 3; k++) {
        shapes[k] = pinot_tensor_get_shape(inputs[order[k]]);
    }
    pinot_shape aligned[3], out_shape;
    pinot_status status = eval_broadcast(node, attrs->auto_broadcast, shapes, 3, aligned, &out_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_dtype type = pinot_tensor_get_type(outputs[0]);
    if (type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER, "element type dynamic is not supported");
    }
    if (pinot_tensor_get_type(inputs[0]) != PINOT_DTYPE_BOOLEAN || pinot_tensor_get_type(inputs[1]) != type ||
        pinot_tensor_get_type(inputs[2]) != type) { /* possible when validated as dynamic */
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "element types do not match (cond %s, then %s, else %s, output %s)",
                                    pinot_dtype_name(pinot_tensor_get_type(inputs[0])),
                                    pinot_dtype_name(pinot_tensor_get_type(inputs[1])),
                                    pinot_dtype_name(pinot_tensor_get_type(inputs[2])), pinot_dtype_name(type));
    }
    status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const uint8_t * cond = pinot_tensor_get_data(inputs[0]);
    const void * a = pinot_tensor_get_data(inputs[1]);
    const void * b = pinot_tensor_get_data(inputs[2]);
    void * y = pinot_tensor_get_data(outputs[0]);
    bool packed = pinot_dtype_is_packed(type);
    if (packed) {
        memset(y, 0, (size_t)pinot_tensor_get_byte_size(outputs[0]));
    }
    size_t size = pinot_dtype_get_info(type)->size;
    pinot_dtype raw = raw_layout(type);
    const pinot_shape * walk_shapes[3] = {&aligned[0], &aligned[1], &aligned[2]};
    struct row_walk w;
    row_walk_init(&w, &out_shape, walk_shapes, 3);
    uint64_t io = 0;
    for (uint64_t r = 0; r < w.rows && status == PINOT_STATUS_OK; r++, io += (uint64_t)w.n) {
        const int64_t it = w.it.offset[0], st = w.inner[0];
        const int64_t ie = w.it.offset[1], se = w.inner[1];
        const int64_t ic = w.it.offset[2], sc = w.inner[2];
#define SELECT_ROW(T)                                                                                   \
    do {                                                                                                \
        const T * ta = (const T *)a + it;                                                               \
        const T * tb = (const T *)b + ie;                                                               \
        T * o = (T *)y + io;                                                                            \
        for (int64_t i = 0; i < w.n; i++) {                                                             \
            o[i] = cond[ic + i * sc] ? ta[i * st] : tb[i * se];                                         \
        }                                                                                               \
    } while (0)
        if (type == PINOT_DTYPE_STRING) {
            for (int64_t i = 0; i < w.n && status == PINOT_STATUS_OK; i++) {
                bool take_then = cond[ic + i * sc] != 0;
                const char * data;
                size_t length;
                status = pinot_tensor_get_string(inputs[take_then ? 1 : 2],
                                                 (uint64_t)(take_then ? it + i * st : ie + i * se), &data, &length);
                if (status == PINOT_STATUS_OK) {
                    status = pinot_tensor_set_string(outputs[0], io + (uint64_t)i, data, length);
                }
            }
        } else if (packed) {
            for (int64_t i = 0; i < w.n; i++) {
                bool take_then = cond[ic + i * sc] != 0;
                int64_t code = pinot_elt_load_i64(raw, take_then ? a : b, (uint64_t)(take_then ? it + i * st : ie + i * se));
                pinot_elt_store_i64(raw, y, io + (uint64_t)i, code);
            }
        } else if (size == 1) {
            SELECT_ROW(uint8_t);
        } else if (size == 2) {
            SELECT_ROW(uint16_t);
        } else if (size == 4) {
            SELECT_ROW(uint32_t);
        } else {
            SELECT_ROW(uint64_t);
        }
#undef SELECT_ROW
        row_walk_next(&w);
    }
    return status;
}

/* ---- the op table ---- */

static const uint8_t versions_1[] = {1, 0};
/* LogicalXor is class version 1 but OpenVINO names it "opset2": version 2 is
 * the same op under that name (the Python builder creates it). */
static const uint8_t versions_1_2[] = {1, 2, 0};
static const uint8_t versions_13[] = {13, 0};
static const uint8_t versions_15[] = {15, 0};

#define BINARY_OP(symbol, name, versions_list)                 \
    const struct pinot_op_impl pinot_op_impl_##symbol = {      \
        .type_name = name,                                     \
        .versions = versions_list,                             \
        .attrs = binary_attr_descs,                            \
        .attrs_size = sizeof(struct binary_attrs),             \
        .min_inputs = 2,                                       \
        .max_inputs = 2,                                       \
        .validate = binary_validate,                           \
        .evaluate = binary_evaluate,                           \
    };

BINARY_OP(add, "Add", versions_1)
BINARY_OP(subtract, "Subtract", versions_1)
BINARY_OP(multiply, "Multiply", versions_1)
BINARY_OP(power, "Power", versions_1)
BINARY_OP(maximum, "Maximum", versions_1)
BINARY_OP(minimum, "Minimum", versions_1)
BINARY_OP(squared_difference, "SquaredDifference", versions_1)
BINARY_OP(floor_mod, "FloorMod", versions_1)
BINARY_OP(mod, "Mod", versions_1)
BINARY_OP(equal, "Equal", versions_1)
BINARY_OP(not_equal, "NotEqual", versions_1)
BINARY_OP(greater, "Greater", versions_1)
BINARY_OP(greater_equal, "GreaterEqual", versions_1)
BINARY_OP(less, "Less", versions_1)
BINARY_OP(less_equal, "LessEqual", versions_1)
BINARY_OP(logical_and, "LogicalAnd", versions_1)
BINARY_OP(logical_or, "LogicalOr", versions_1)
BINARY_OP(logical_xor, "LogicalXor", versions_1_2)
BINARY_OP(bitwise_and, "BitwiseAnd", versions_13)
BINARY_OP(bitwise_or, "BitwiseOr", versions_13)
BINARY_OP(bitwise_xor, "BitwiseXor", versions_13)
BINARY_OP(bitwise_left_shift, "BitwiseLeftShift", versions_15)
BINARY_OP(bitwise_right_shift, "BitwiseRightShift", versions_15)

const struct pinot_op_impl pinot_op_impl_divide = {
    .type_name = "Divide",
    .versions = versions_1,
    .attrs = divide_attr_descs,
    .attrs_size = sizeof(struct divide_attrs),
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = binary_validate,
    .evaluate = binary_evaluate,
};

const struct pinot_op_impl pinot_op_impl_prelu = {
    .type_name = "PRelu",
    .versions = versions_1,
    .attrs = NULL,
    .attrs_size = 0,
    .min_inputs = 2,
    .max_inputs = 2,
    .validate = prelu_validate,
    .evaluate = prelu_evaluate,
};

const struct pinot_op_impl pinot_op_impl_select = {
    .type_name = "Select",
    .versions = versions_1,
    .attrs = binary_attr_descs,
    .attrs_size = sizeof(struct binary_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = select_validate,
    .evaluate = select_evaluate,
};

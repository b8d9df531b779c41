/* Unary elementwise ops and activations (Abs ... Selu): validation with
 * OpenVINO's type rules and messages, and reference kernels. f32 runs straight
 * float loops (float libm, as OpenVINO's reference kernels); f16/bf16 go
 * through f32 in chunks; f64 and the 8/4-bit floats use double. Integer
 * inputs follow OpenVINO's reference results per op (e.g. Sqrt rounds, Exp
 * truncates, Atanh saturates); see int_rule(). No broadcasting here. */
#include <math.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/elementwise-impl.h"
#include "ops/ref-util.h"

enum unop {
    U_ABS, U_NEGATIVE, U_SQRT, U_EXP, U_LOG, U_FLOOR, U_CEILING, U_ROUND, U_SIGN,
    U_SIN, U_COS, U_TAN, U_ASIN, U_ACOS, U_ATAN, U_SINH, U_COSH, U_TANH, U_ASINH, U_ACOSH, U_ATANH, U_ERF,
    U_IS_NAN, U_IS_INF, U_IS_FINITE, U_LOGICAL_NOT, U_BITWISE_NOT,
    U_RELU, U_SIGMOID, U_CLAMP, U_ELU, U_GELU, U_SWISH, U_HSWISH, U_HSIGMOID, U_HARD_SIGMOID,
    U_MISH, U_SOFTPLUS, U_SOFTSIGN, U_SELU,
};

static enum unop unop_of(pinot_op_type op) {
    switch (op) {
    case PINOT_OP_ABS: return U_ABS;
    case PINOT_OP_NEGATIVE: return U_NEGATIVE;
    case PINOT_OP_SQRT: return U_SQRT;
    case PINOT_OP_EXP: return U_EXP;
    case PINOT_OP_LOG: return U_LOG;
    case PINOT_OP_FLOOR: return U_FLOOR;
    case PINOT_OP_CEILING: return U_CEILING;
    case PINOT_OP_ROUND: return U_ROUND;
    case PINOT_OP_SIGN: return U_SIGN;
    case PINOT_OP_SIN: return U_SIN;
    case PINOT_OP_COS: return U_COS;
    case PINOT_OP_TAN: return U_TAN;
    case PINOT_OP_ASIN: return U_ASIN;
    case PINOT_OP_ACOS: return U_ACOS;
    case PINOT_OP_ATAN: return U_ATAN;
    case PINOT_OP_SINH: return U_SINH;
    case PINOT_OP_COSH: return U_COSH;
    case PINOT_OP_TANH: return U_TANH;
    case PINOT_OP_ASINH: return U_ASINH;
    case PINOT_OP_ACOSH: return U_ACOSH;
    case PINOT_OP_ATANH: return U_ATANH;
    case PINOT_OP_ERF: return U_ERF;
    case PINOT_OP_IS_NAN: return U_IS_NAN;
    case PINOT_OP_IS_INF: return U_IS_INF;
    case PINOT_OP_IS_FINITE: return U_IS_FINITE;
    case PINOT_OP_LOGICAL_NOT: return U_LOGICAL_NOT;
    case PINOT_OP_BITWISE_NOT: return U_BITWISE_NOT;
    case PINOT_OP_RELU: return U_RELU;
    case PINOT_OP_SIGMOID: return U_SIGMOID;
    case PINOT_OP_CLAMP: return U_CLAMP;
    case PINOT_OP_ELU: return U_ELU;
    case PINOT_OP_GELU: return U_GELU;
    case PINOT_OP_SWISH: return U_SWISH;
    case PINOT_OP_HSWISH: return U_HSWISH;
    case PINOT_OP_HSIGMOID: return U_HSIGMOID;
    case PINOT_OP_HARD_SIGMOID: return U_HARD_SIGMOID;
    case PINOT_OP_MISH: return U_MISH;
    case PINOT_OP_SOFTPLUS: return U_SOFTPLUS;
    case PINOT_OP_SOFTSIGN: return U_SOFTSIGN;
    default: return U_SELU;
    }
}

/* ---- attributes ---- */

struct clamp_attrs {
    double min;
    double max;
};

struct elu_attrs {
    double alpha;
};

static const char * const gelu_modes[] = {"ERF", "TANH", NULL};
enum { GELU_ERF = 0, GELU_TANH = 1 };
struct gelu_attrs {
    int32_t approximation_mode;
};

static const char * const round_modes[] = {"half_to_even", "half_away_from_zero", NULL};
enum { ROUND_HALF_TO_EVEN = 0, ROUND_HALF_AWAY_FROM_ZERO = 1 };
struct round_attrs {
    int32_t mode;
};

struct is_inf_attrs {
    bool detect_negative;
    bool detect_positive;
};

static const struct pinot_attr_desc clamp_attr_descs[] = {
    PINOT_ATTR(struct clamp_attrs, min, "min", PINOT_ATTR_FLOAT, false, "0"),
    PINOT_ATTR(struct clamp_attrs, max, "max", PINOT_ATTR_FLOAT, false, "0"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc elu_attr_descs[] = {
    PINOT_ATTR(struct elu_attrs, alpha, "alpha", PINOT_ATTR_FLOAT, false, "0"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc gelu_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct gelu_attrs, approximation_mode, "approximation_mode", gelu_modes, "ERF"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc round_attr_descs[] = {
    PINOT_ATTR_ENUM_OF(struct round_attrs, mode, "mode", round_modes, "half_to_even"),
    PINOT_ATTR_END,
};

static const struct pinot_attr_desc is_inf_attr_descs[] = {
    PINOT_ATTR(struct is_inf_attrs, detect_negative, "detect_negative", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR(struct is_inf_attrs, detect_positive, "detect_positive", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR_END,
};

/* Scalar parameters of one evaluation (attributes and scalar inputs). */
struct unary_params {
    double a; /* clamp min, elu/hard_sigmoid/selu alpha, swish beta */
    double b; /* clamp max, hard_sigmoid beta, selu lambda */
    int mode; /* round / gelu mode */
    bool detect_negative;
    bool detect_positive;
};

/* ---- validation ---- */

static pinot_status unary_validate(struct pinot_node * node) {
    enum unop op = unop_of(node->op);
    pinot_dtype type = pinot_node_input_type(node, 0);
    const char * name = pinot_dtype_name(type);
    bool dynamic = type == PINOT_DTYPE_DYNAMIC;
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    bool real = info != NULL && info->is_real;
    pinot_dtype out_type = type;
    switch (op) {
    case U_ROUND:
    case U_LOGICAL_NOT:
    case U_ELU: break; /* any element type, as OpenVINO */
    case U_BITWISE_NOT:
        if (!dynamic && !info->is_integral) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The element type of the input tensor must be integer or boolean.");
        }
        break;
    case U_IS_NAN:
    case U_IS_INF:
    case U_IS_FINITE:
        if (!dynamic && !real) {
            if (op == U_IS_FINITE) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "The element type of the input tensor must be a floating point number or "
                                        "dynamic (got %s).",
                                        name);
            }
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The element type of the input tensor must be a floating point number.");
        }
        out_type = PINOT_DTYPE_BOOLEAN;
        break;
    case U_GELU:
        if (!dynamic && !real) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Argument element type must be f16, bf16, f32, f64 or dynamic (got %s).", name);
        }
        break;
    case U_MISH:
        if (!dynamic && !real) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Element must be of floating point type, Got: %s", name);
        }
        break;
    case U_SOFTPLUS:
        if (!dynamic && !real) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input element type must be float. Got: %s",
                                    name);
        }
        break;
    case U_SOFTSIGN:
        if (!dynamic && !real) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Input element type must be float, instead got: %s", name);
        }
        break;
    case U_CLAMP: {
        const struct clamp_attrs * attrs = PINOT_ATTRS(node, struct clamp_attrs);
        if (type == PINOT_DTYPE_BOOLEAN) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input element type must be numeric. Got: %s",
                                    name);
        }
        if (!(attrs->min <= attrs->max)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Attribute 'min' must be less or equal than 'max'. Got: %g and %g", attrs->min,
                                    attrs->max);
        }
        break;
    }
    case U_SWISH:
        if (!dynamic && !real) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Swish input tensor must be floating point type(%s).", name);
        }
        if (node->n_inputs == 2) {
            pinot_dtype beta_type = pinot_node_input_type(node, 1);
            const pinot_partial_shape * beta_shape = pinot_node_input_shape(node, 1);
            if (beta_type != type) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Swish inputs must have the same type but they are: %s and %s", name,
                                        pinot_dtype_name(beta_type));
            }
            if (beta_shape->rank > 0) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Swish input with beta must be scalar but it has rank: %d", beta_shape->rank);
            }
        }
        break;
    case U_HARD_SIGMOID: {
        static const char * const names[] = {"alpha", "beta"};
        for (uint32_t i = 1; i <= 2; i++) {
            const pinot_partial_shape * ps = pinot_node_input_shape(node, i);
            if (pinot_partial_shape_is_static(ps) && ps->rank != 0) {
                char text[64];
                pinot_partial_shape_to_string(ps, text, sizeof(text));
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "A scalar is expected for the '%s' input. Got: %s", names[i - 1], text);
            }
        }
        if (pinot_node_input_type(node, 1) != type || pinot_node_input_type(node, 2) != type) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The element types of both alpha and beta inputs must match the data input type.");
        }
        break;
    }
    case U_SELU: {
        pinot_dtype alpha_type = pinot_node_input_type(node, 1);
        pinot_dtype lambda_type = pinot_node_input_type(node, 2);
        pinot_dtype merged = PINOT_DTYPE_DYNAMIC;
        if (!pinot_dtype_merge(merged, type, &merged) || !pinot_dtype_merge(merged, alpha_type, &merged) ||
            !pinot_dtype_merge(merged, lambda_type, &merged)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Input element types do not match : %s and %s and %s", name,
                                    pinot_dtype_name(alpha_type), pinot_dtype_name(lambda_type));
        }
        const pinot_dtype_info * merged_info = pinot_dtype_get_info(merged);
        if (merged != PINOT_DTYPE_DYNAMIC && !merged_info->is_real) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Input element types must be floating-point. Got: %s", pinot_dtype_name(merged));
        }
        out_type = merged;
        break;
    }
    default: /* UnaryElementwiseArithmetic: numbers only */
        if (type == PINOT_DTYPE_BOOLEAN || type == PINOT_DTYPE_STRING) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "This operation does not support input with element type: %s", name);
        }
        break;
    }
    pinot_node_set_output(node, 0, out_type, pinot_node_input_shape(node, 0));
    return PINOT_STATUS_OK;
}

/* ---- f32 kernels: one straight loop per op ---- */

/* std::min / std::max argument order matters for NaN: these return @p a when
 * the comparison is false, as OpenVINO's reference kernels do. */
#define STD_MAX(a, b) ((a) < (b) ? (b) : (a))
#define STD_MIN(a, b) ((b) < (a) ? (b) : (a))

#define MAP(EXPR)                          \
    for (uint64_t i = 0; i < n; i++) {     \
        float x = in[i];                   \
        out[i] = (EXPR);                   \
    }                                      \
    break

static inline float softplus_f32(float x) {
    /* log(exp(x) + 1) as OpenVINO (tiny results stay 0); identity where exp overflows. */
    return x > 20.0f ? x : logf(expf(x) + 1.0f);
}

static void unary_f32(enum unop op, const float * in, float * out, uint64_t n, const struct unary_params * p) {
    const float a = (float)p->a;
    const float b = (float)p->b;
    switch (op) {
    case U_ABS: MAP(fabsf(x));
    case U_NEGATIVE: MAP(-x);
    case U_SQRT: MAP(sqrtf(x));
    case U_EXP: MAP(expf(x));
    case U_LOG: MAP(logf(x));
    case U_FLOOR: MAP(floorf(x));
    case U_CEILING: MAP(ceilf(x));
    case U_ROUND:
        if (p->mode == ROUND_HALF_TO_EVEN) {
            MAP(nearbyintf(x));
        }
        MAP(roundf(x));
    case U_SIGN: MAP(isnan(x) ? x : (float)((x > 0.0f) - (x < 0.0f)));
    case U_SIN: MAP(sinf(x));
    case U_COS: MAP(cosf(x));
    case U_TAN: MAP(tanf(x));
    case U_ASIN: MAP(asinf(x));
    case U_ACOS: MAP(acosf(x));
    case U_ATAN: MAP(atanf(x));
    case U_SINH: MAP(sinhf(x));
    case U_COSH: MAP(coshf(x));
    case U_TANH: MAP(tanhf(x));
    case U_ASINH: MAP(asinhf(x));
    case U_ACOSH: MAP(acoshf(x));
    case U_ATANH: MAP(atanhf(x));
    case U_ERF: MAP(erff(x));
    case U_LOGICAL_NOT: MAP(x == 0.0f ? 1.0f : 0.0f);
    case U_RELU: MAP(x < 0.0f ? 0.0f : x);
    case U_SIGMOID: MAP(1.0f / (1.0f + expf(-x)));
    case U_CLAMP: MAP(STD_MIN(STD_MAX(x, a), b));
    case U_ELU: MAP(x > 0.0f ? x : a * (expf(x) - 1.0f));
    case U_GELU:
        if (p->mode == GELU_TANH) {
            MAP(0.5f * x * (1.0f + tanhf(0.7978845608028654f * (x + 0.044715f * x * x * x))));
        }
        MAP(0.5f * x * (1.0f + erff(x * 0.7071067811865476f)));
    case U_SWISH: MAP(x / (1.0f + expf(-a * x)));
    case U_HSWISH: MAP(x * STD_MIN(STD_MAX(x + 3.0f, 0.0f), 6.0f) / 6.0f);
    case U_HSIGMOID: MAP(STD_MIN(STD_MAX(x + 3.0f, 0.0f), 6.0f) / 6.0f);
    case U_HARD_SIGMOID: MAP(STD_MAX(0.0f, STD_MIN(1.0f, a * x + b)));
    case U_MISH: MAP(x * tanhf(softplus_f32(x)));
    case U_SOFTPLUS: MAP(softplus_f32(x));
    case U_SOFTSIGN: MAP(x / (1.0f + fabsf(x)));
    case U_SELU: MAP(x > 0.0f ? b * x : a * b * (expf(x) - 1.0f));
    default: break; /* boolean-output and integer-only ops do not come here */
    }
}

#undef MAP

/* IsNaN / IsInf / IsFinite on f32: boolean output. */
static void unary_f32_test(enum unop op, const float * in, uint8_t * out, uint64_t n, const struct unary_params * p) {
    for (uint64_t i = 0; i < n; i++) {
        float x = in[i];
        switch (op) {
        case U_IS_NAN: out[i] = isnan(x) != 0; break;
        case U_IS_FINITE: out[i] = isfinite(x) != 0; break;
        default: out[i] = isinf(x) && (x > 0 ? p->detect_positive : p->detect_negative); break;
        }
    }
}

/* ---- double reference, for f64, the 8/4-bit floats and integer inputs ---- */

static inline double softplus_f64(double x) {
    return x > 40.0 ? x : log(exp(x) + 1.0);
}

static double unary_f64(enum unop op, double x, const struct unary_params * p) {
    const double a = p->a;
    const double b = p->b;
    switch (op) {
    case U_ABS: return fabs(x);
    case U_NEGATIVE: return -x;
    case U_SQRT: return sqrt(x);
    case U_EXP: return exp(x);
    case U_LOG: return log(x);
    case U_FLOOR: return floor(x);
    case U_CEILING: return ceil(x);
    case U_ROUND: return p->mode == ROUND_HALF_TO_EVEN ? nearbyint(x) : round(x);
    case U_SIGN: return isnan(x) ? x : (double)((x > 0.0) - (x < 0.0));
    case U_SIN: return sin(x);
    case U_COS: return cos(x);
    case U_TAN: return tan(x);
    case U_ASIN: return asin(x);
    case U_ACOS: return acos(x);
    case U_ATAN: return atan(x);
    case U_SINH: return sinh(x);
    case U_COSH: return cosh(x);
    case U_TANH: return tanh(x);
    case U_ASINH: return asinh(x);
    case U_ACOSH: return acosh(x);
    case U_ATANH: return atanh(x);
    case U_ERF: return erf(x);
    case U_LOGICAL_NOT: return x == 0.0;
    case U_RELU: return x < 0.0 ? 0.0 : x;
    case U_SIGMOID: return 1.0 / (1.0 + exp(-x));
    case U_CLAMP: return STD_MIN(STD_MAX(x, a), b);
    case U_ELU: return x > 0.0 ? x : a * (exp(x) - 1.0);
    case U_GELU:
        if (p->mode == GELU_TANH) {
            return 0.5 * x * (1.0 + tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
        }
        return 0.5 * x * (1.0 + erf(x * 0.7071067811865476));
    case U_SWISH: return x / (1.0 + exp(-a * x));
    case U_HSWISH: return x * STD_MIN(STD_MAX(x + 3.0, 0.0), 6.0) / 6.0;
    case U_HSIGMOID: return STD_MIN(STD_MAX(x + 3.0, 0.0), 6.0) / 6.0;
    case U_HARD_SIGMOID: return STD_MAX(0.0, STD_MIN(1.0, a * x + b));
    case U_MISH: return x * tanh(softplus_f64(x));
    case U_SOFTPLUS: return softplus_f64(x);
    case U_SOFTSIGN: return x / (1.0 + fabs(x));
    case U_SELU: return x > 0.0 ? b * x : a * b * (exp(x) - 1.0);
    case U_IS_NAN: return isnan(x) != 0;
    case U_IS_FINITE: return isfinite(x) != 0;
    case U_IS_INF: return isinf(x) && (x > 0 ? p->detect_positive : p->detect_negative);
    default: return x;
    }
}

/* ---- integer inputs ---- */

/*
 * How a real result becomes an integer, per op, as OpenVINO's reference
 * kernels do it (probed on i32): Exp, Log, Sin and Asin truncate (C cast),
 * Sqrt, Cos, Tan, Acos, Atan, the hyperbolic functions and Erf round half away
 * from zero; the ops only OpenVINO's CPU plugin runs on integers (Elu, HSwish,
 * HSigmoid, HardSigmoid) round half to even as its float -> int conversion.
 * Out-of-range results (inf, NaN) become the x86 "integer indefinite" value.
 */
enum int_rule { INT_EXACT, INT_TRUNC, INT_ROUND, INT_RINT };

static enum int_rule int_rule(enum unop op) {
    switch (op) {
    case U_EXP:
    case U_LOG:
    case U_SIN:
    case U_ASIN: return INT_TRUNC;
    case U_SQRT:
    case U_COS:
    case U_TAN:
    case U_ACOS:
    case U_ATAN:
    case U_SINH:
    case U_COSH:
    case U_TANH:
    case U_ASINH:
    case U_ACOSH:
    case U_ERF: return INT_ROUND;
    case U_ELU:
    case U_HSWISH:
    case U_HSIGMOID:
    case U_HARD_SIGMOID: return INT_RINT;
    default: return INT_EXACT;
    }
}

/* The element type's integer range (u64's maximum as its bits, -1). */
static void type_int_range(pinot_dtype type, int64_t * lo, int64_t * hi) {
    uint32_t bits = pinot_dtype_bitwidth(type);
    bool is_signed = pinot_dtype_get_info(type)->is_signed;
    if (bits >= 64) {
        *lo = is_signed ? INT64_MIN : 0;
        *hi = is_signed ? INT64_MAX : -1; /* u64 max as bits */
        return;
    }
    *lo = is_signed ? -((int64_t)1 << (bits - 1)) : 0;
    *hi = is_signed ? ((int64_t)1 << (bits - 1)) - 1 : ((int64_t)1 << bits) - 1;
}

/* Ops that are exact on integers, in wrapping int64 (the store wraps to the type). */
static int64_t unary_int_exact(enum unop op, pinot_dtype type, bool is_unsigned, int64_t x,
                               const struct unary_params * p) {
    bool negative = !is_unsigned && x < 0;
    switch (op) {
    case U_ABS: return negative ? (int64_t)(0 - (uint64_t)x) : x;
    case U_NEGATIVE: return (int64_t)(0 - (uint64_t)x);
    case U_SIGN: return negative ? -1 : x != 0;
    case U_RELU: return negative ? 0 : x;
    case U_SIGMOID: return !negative && x != 0; /* 1 / (1 + (T)exp(-x)) in integers */
    case U_ATANH: return x == 0 ? 0 : negative ? INT64_MIN : INT64_MAX; /* the type's min / max after clamping */
    case U_LOGICAL_NOT: return x == 0;
    case U_BITWISE_NOT: return type == PINOT_DTYPE_BOOLEAN ? x == 0 : ~x;
    case U_CLAMP: {
        /* Bounds round inward (ceil(min), floor(max)) and saturate to the type's range. */
        double lo = ceil(p->a);
        double hi = floor(p->b);
        if (pinot_dtype_bitwidth(type) < 64) {
            int64_t type_lo, type_hi;
            type_int_range(type, &type_lo, &type_hi);
            lo = lo < (double)type_lo ? (double)type_lo : lo > (double)type_hi ? (double)type_hi : lo;
            hi = hi < (double)type_lo ? (double)type_lo : hi > (double)type_hi ? (double)type_hi : hi;
        }
        double v = is_unsigned ? (double)(uint64_t)x : (double)x;
        if (v < lo) {
            x = pinot_float_to_int_bits(PINOT_DTYPE_I64, lo);
            v = lo;
        }
        if (hi < v) {
            x = pinot_float_to_int_bits(PINOT_DTYPE_I64, hi);
        }
        return x;
    }
    default: return x; /* Floor, Ceiling, Round: identity */
    }
}

static int64_t unary_int(enum unop op, enum int_rule rule, pinot_dtype type, bool is_unsigned, int64_t x,
                         const struct unary_params * p) {
    if (rule == INT_EXACT) {
        int64_t v = unary_int_exact(op, type, is_unsigned, x, p);
        if (op == U_ATANH && x != 0) {
            int64_t lo, hi;
            type_int_range(type, &lo, &hi);
            v = v == INT64_MIN ? lo : hi;
        }
        return v;
    }
    double v = unary_f64(op, is_unsigned ? (double)(uint64_t)x : (double)x, p);
    if (rule == INT_ROUND) {
        v = round(v);
    } else if (rule == INT_RINT) {
        v = nearbyint(v);
    }
    return pinot_float_to_int_bits(type, v);
}

/* i32 / i64 loops for the exact ops models apply to indices; false for the rest. */
#define DEFINE_INT_MAP(SUFFIX, T, U)                                                          \
    static bool unary_##SUFFIX(enum unop op, const T * in, T * out, uint64_t n) {             \
        switch (op) {                                                                         \
        case U_RELU: MAP_INT(x < 0 ? 0 : x);                                                  \
        case U_ABS: MAP_INT((T)(x < 0 ? (U)0 - (U)x : (U)x));                                 \
        case U_NEGATIVE: MAP_INT((T)((U)0 - (U)x));                                           \
        case U_SIGN: MAP_INT((T)((x > 0) - (x < 0)));                                         \
        case U_FLOOR:                                                                         \
        case U_CEILING:                                                                       \
        case U_ROUND: MAP_INT(x);                                                             \
        default: return false;                                                                \
        }                                                                                     \
        return true;                                                                          \
    }
#define MAP_INT(EXPR)                      \
    for (uint64_t i = 0; i < n; i++) {     \
        T x = in[i];                       \
        out[i] = (EXPR);                   \
    }                                      \
    break
#define T int32_t
DEFINE_INT_MAP(i32, int32_t, uint32_t)
#undef T
#define T int64_t
DEFINE_INT_MAP(i64, int64_t, uint64_t)
#undef T
#undef MAP_INT

/* ---- evaluation ---- */

static pinot_status scalar_input(const struct pinot_node * node, const pinot_tensor_t * t, const char * what,
                                 double * out) {
    if (pinot_tensor_get_size(t) == 0) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the '%s' input is empty", what);
    }
    *out = pinot_elt_load_f64(pinot_tensor_get_type(t), pinot_tensor_get_data(t), 0);
    return PINOT_STATUS_OK;
}

static pinot_status unary_params_get(const struct pinot_node * node, enum unop op, pinot_tensor_t * const * inputs,
                                     struct unary_params * p) {
    memset(p, 0, sizeof(*p));
    p->b = 1.0;
    switch (op) {
    case U_CLAMP:
        p->a = PINOT_ATTRS(node, struct clamp_attrs)->min;
        p->b = PINOT_ATTRS(node, struct clamp_attrs)->max;
        return PINOT_STATUS_OK;
    case U_ELU: p->a = PINOT_ATTRS(node, struct elu_attrs)->alpha; return PINOT_STATUS_OK;
    case U_ROUND: p->mode = PINOT_ATTRS(node, struct round_attrs)->mode; return PINOT_STATUS_OK;
    case U_GELU:
        /* Gelu-2 has no attribute: always the erf form. */
        p->mode = node->version >= 7 ? PINOT_ATTRS(node, struct gelu_attrs)->approximation_mode : GELU_ERF;
        return PINOT_STATUS_OK;
    case U_IS_INF:
        p->detect_negative = PINOT_ATTRS(node, struct is_inf_attrs)->detect_negative;
        p->detect_positive = PINOT_ATTRS(node, struct is_inf_attrs)->detect_positive;
        return PINOT_STATUS_OK;
    case U_SWISH:
        p->a = 1.0;
        return node->n_inputs == 2 ? scalar_input(node, inputs[1], "beta", &p->a) : PINOT_STATUS_OK;
    case U_HARD_SIGMOID: {
        pinot_status status = scalar_input(node, inputs[1], "alpha", &p->a);
        return status != PINOT_STATUS_OK ? status : scalar_input(node, inputs[2], "beta", &p->b);
    }
    case U_SELU: {
        pinot_status status = scalar_input(node, inputs[1], "alpha", &p->a);
        return status != PINOT_STATUS_OK ? status : scalar_input(node, inputs[2], "lambda", &p->b);
    }
    default: return PINOT_STATUS_OK;
    }
}

/* f16 / bf16: widen a chunk to f32, run the f32 kernel, narrow back (OpenVINO computes these in float). */
static void unary_half(enum unop op, pinot_dtype type, const uint16_t * in, void * out, uint64_t n,
                       const struct unary_params * p) {
    enum { CHUNK = 256 };
    float x[CHUNK];
    float y[CHUNK];
    uint8_t flags[CHUNK];
    bool test = op == U_IS_NAN || op == U_IS_INF || op == U_IS_FINITE;
    for (uint64_t start = 0; start < n; start += CHUNK) {
        uint64_t m = n - start < CHUNK ? n - start : CHUNK;
        for (uint64_t i = 0; i < m; i++) {
            x[i] = type == PINOT_DTYPE_F16 ? pinot_f16_to_f32(in[start + i]) : pinot_bf16_to_f32(in[start + i]);
        }
        if (test) {
            unary_f32_test(op, x, flags, m, p);
            memcpy((uint8_t *)out + start, flags, (size_t)m);
            continue;
        }
        unary_f32(op, x, y, m, p);
        uint16_t * o = (uint16_t *)out + start;
        for (uint64_t i = 0; i < m; i++) {
            o[i] = type == PINOT_DTYPE_F16 ? pinot_f32_to_f16(y[i]) : pinot_f32_to_bf16(y[i]);
        }
    }
}

/* Selu with alpha / lambda of several elements: OpenVINO indexes them cyclically (i % size). */
static void selu_cyclic(pinot_dtype type, const void * in, void * out, uint64_t n, const pinot_tensor_t * alpha,
                        const pinot_tensor_t * lambda) {
    uint64_t na = pinot_tensor_get_size(alpha);
    uint64_t nl = pinot_tensor_get_size(lambda);
    struct unary_params p = {0};
    for (uint64_t i = 0; i < n; i++) {
        p.a = pinot_elt_load_f64(pinot_tensor_get_type(alpha), pinot_tensor_get_data(alpha), i % na);
        p.b = pinot_elt_load_f64(pinot_tensor_get_type(lambda), pinot_tensor_get_data(lambda), i % nl);
        pinot_elt_store_f64(type, out, i, unary_f64(U_SELU, pinot_elt_load_f64(type, in, i), &p));
    }
}

/* x: any shape -> y: same shape (boolean for IsNaN / IsInf / IsFinite). */
static pinot_status unary_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                   pinot_tensor_t * const * outputs) {
    enum unop op = unop_of(node->op);
    const pinot_tensor_t * in = inputs[0];
    pinot_tensor_t * out = outputs[0];
    pinot_dtype type = pinot_tensor_get_type(in);
    pinot_status status = pinot_tensor_set_shape(out, pinot_tensor_get_shape(in));
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    struct unary_params p;
    status = unary_params_get(node, op, inputs, &p);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t n = pinot_tensor_get_size(in);
    const void * src = pinot_tensor_get_data(in);
    void * dst = pinot_tensor_get_data(out);
    bool test = op == U_IS_NAN || op == U_IS_INF || op == U_IS_FINITE;
    pinot_dtype out_type = pinot_tensor_get_type(out);
    if (out_type != (test ? PINOT_DTYPE_BOOLEAN : type)) { /* possible when validated as dynamic */
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output type %s does not match the input (%s)",
                                    pinot_dtype_name(out_type), pinot_dtype_name(type));
    }

    if (type == PINOT_DTYPE_STRING && op == U_ROUND) { /* accepted by OpenVINO; a copy */
        for (uint64_t i = 0; i < n && status == PINOT_STATUS_OK; i++) {
            const char * data;
            size_t size;
            status = pinot_tensor_get_string(in, i, &data, &size);
            if (status == PINOT_STATUS_OK) {
                status = pinot_tensor_set_string(out, i, data, size);
            }
        }
        return status;
    }
    if (type == PINOT_DTYPE_STRING || type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER, "element type %s is not supported",
                                    pinot_dtype_name(type));
    }
    if (op == U_SELU && (pinot_tensor_get_size(inputs[1]) > 1 || pinot_tensor_get_size(inputs[2]) > 1)) {
        selu_cyclic(type, src, dst, n, inputs[1], inputs[2]);
        return PINOT_STATUS_OK;
    }
    if (pinot_dtype_is_packed(type)) {
        memset(dst, 0, (size_t)pinot_tensor_get_byte_size(out));
    }
    if (op == U_BITWISE_NOT && type == PINOT_DTYPE_NF4) {
        type = PINOT_DTYPE_U4; /* same nibble layout: flip the raw codes */
    }
    if (type == PINOT_DTYPE_F32) {
        if (test) {
            unary_f32_test(op, src, dst, n, &p);
        } else {
            unary_f32(op, src, dst, n, &p);
        }
    } else if (type == PINOT_DTYPE_F16 || type == PINOT_DTYPE_BF16) {
        unary_half(op, type, src, dst, n, &p);
    } else if ((type == PINOT_DTYPE_I32 && unary_i32(op, src, dst, n)) ||
               (type == PINOT_DTYPE_I64 && unary_i64(op, src, dst, n))) {
        return PINOT_STATUS_OK;
    } else if (pinot_elt_is_float(type)) {
        for (uint64_t i = 0; i < n; i++) {
            double y = unary_f64(op, pinot_elt_load_f64(type, src, i), &p);
            if (test) {
                ((uint8_t *)dst)[i] = y != 0.0;
            } else {
                pinot_elt_store_f64(type, dst, i, y);
            }
        }
    } else {
        enum int_rule rule = int_rule(op);
        bool is_unsigned = !pinot_dtype_get_info(type)->is_signed || type == PINOT_DTYPE_BOOLEAN;
        for (uint64_t i = 0; i < n; i++) {
            int64_t x = pinot_elt_load_i64(type, src, i);
            pinot_elt_store_i64(type, dst, i, unary_int(op, rule, type, is_unsigned, x, &p));
        }
    }
    return PINOT_STATUS_OK;
}

/* ---- the op table ---- */

static const uint8_t versions_1[] = {1, 0};
/* Asinh/Acosh/Atanh are class version 3 but OpenVINO names them "opset4"
 * (their builders start in opset4): version 4 is the same op under that name. */
static const uint8_t versions_3_4[] = {3, 4, 0};
static const uint8_t versions_4[] = {4, 0};
static const uint8_t versions_5[] = {5, 0};
static const uint8_t versions_9[] = {9, 0};
static const uint8_t versions_10[] = {10, 0};
static const uint8_t versions_13[] = {13, 0};
static const uint8_t versions_2_7[] = {2, 7, 0};

#define UNARY_OP(symbol, name, versions_list, descs, attrs_type, n_min, n_max) \
    const struct pinot_op_impl pinot_op_impl_##symbol = {                      \
        .type_name = name,                                                     \
        .versions = versions_list,                                             \
        .attrs = descs,                                                        \
        .attrs_size = attrs_type,                                              \
        .min_inputs = n_min,                                                   \
        .max_inputs = n_max,                                                   \
        .validate = unary_validate,                                            \
        .evaluate = unary_evaluate,                                            \
    };

#define SIMPLE(symbol, name, versions_list) UNARY_OP(symbol, name, versions_list, NULL, 0, 1, 1)

SIMPLE(abs, "Abs", versions_1)
SIMPLE(negative, "Negative", versions_1)
SIMPLE(sqrt, "Sqrt", versions_1)
SIMPLE(exp, "Exp", versions_1)
SIMPLE(log, "Log", versions_1)
SIMPLE(floor, "Floor", versions_1)
SIMPLE(ceiling, "Ceiling", versions_1)
UNARY_OP(round, "Round", versions_5, round_attr_descs, sizeof(struct round_attrs), 1, 1)
SIMPLE(sign, "Sign", versions_1)
SIMPLE(sin, "Sin", versions_1)
SIMPLE(cos, "Cos", versions_1)
SIMPLE(tan, "Tan", versions_1)
SIMPLE(asin, "Asin", versions_1)
SIMPLE(acos, "Acos", versions_1)
SIMPLE(atan, "Atan", versions_1)
SIMPLE(sinh, "Sinh", versions_1)
SIMPLE(cosh, "Cosh", versions_1)
SIMPLE(tanh, "Tanh", versions_1)
SIMPLE(asinh, "Asinh", versions_3_4)
SIMPLE(acosh, "Acosh", versions_3_4)
SIMPLE(atanh, "Atanh", versions_3_4)
SIMPLE(erf, "Erf", versions_1)
SIMPLE(is_nan, "IsNaN", versions_10)
UNARY_OP(is_inf, "IsInf", versions_10, is_inf_attr_descs, sizeof(struct is_inf_attrs), 1, 1)
SIMPLE(is_finite, "IsFinite", versions_10)
SIMPLE(logical_not, "LogicalNot", versions_1)
SIMPLE(bitwise_not, "BitwiseNot", versions_13)
SIMPLE(relu, "Relu", versions_1)
SIMPLE(sigmoid, "Sigmoid", versions_1)
UNARY_OP(clamp, "Clamp", versions_1, clamp_attr_descs, sizeof(struct clamp_attrs), 1, 1)
UNARY_OP(elu, "Elu", versions_1, elu_attr_descs, sizeof(struct elu_attrs), 1, 1)
UNARY_OP(gelu, "Gelu", versions_2_7, gelu_attr_descs, sizeof(struct gelu_attrs), 1, 1)
UNARY_OP(swish, "Swish", versions_4, NULL, 0, 1, 2)
SIMPLE(hswish, "HSwish", versions_4)
SIMPLE(hsigmoid, "HSigmoid", versions_5)
UNARY_OP(hard_sigmoid, "HardSigmoid", versions_1, NULL, 0, 3, 3)
SIMPLE(mish, "Mish", versions_4)
SIMPLE(softplus, "SoftPlus", versions_4)
SIMPLE(softsign, "SoftSign", versions_9)
UNARY_OP(selu, "Selu", versions_1, NULL, 0, 3, 3)

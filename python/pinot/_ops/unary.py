"""Builders of the unary elementwise family (math functions, tests such as
IsNaN, logical/bitwise NOT) and the activations (Relu ... Selu), with
OpenVINO's names, signatures and the opsets that introduced them. `abs` and
`ceil` are aliases of `absolute` and `ceiling`, as in OpenVINO."""
from typing import Any, Optional

import numpy as np

from pinot._ops._base import make_node
from pinot._ops.registry import alias, opset


def _unary(type_name: str, since: int, node: Any, name: Optional[str], attrs: Optional[dict] = None):
    return make_node(type_name, since, [node], attrs or {}, name)


# ---- opset1 math ----

@opset(since=1)
def absolute(node, name: Optional[str] = None):
    """f(x) = |x|."""
    return _unary("Abs", 1, node, name)


@opset(since=1)
def negative(node, name: Optional[str] = None):
    """f(x) = -x."""
    return _unary("Negative", 1, node, name)


@opset(since=1)
def sqrt(node, name: Optional[str] = None):
    """Square root (integers round to nearest)."""
    return _unary("Sqrt", 1, node, name)


@opset(since=1)
def exp(node, name: Optional[str] = None):
    """e ** x."""
    return _unary("Exp", 1, node, name)


@opset(since=1)
def log(node, name: Optional[str] = None):
    """Natural logarithm."""
    return _unary("Log", 1, node, name)


@opset(since=1)
def floor(node, name: Optional[str] = None):
    """Round toward -inf."""
    return _unary("Floor", 1, node, name)


@opset(since=1)
def ceiling(node, name: Optional[str] = None):
    """Round toward +inf."""
    return _unary("Ceiling", 1, node, name)


@opset(since=1)
def sign(node, name: Optional[str] = None):
    """-1, 0 or 1 by the sign of x."""
    return _unary("Sign", 1, node, name)


@opset(since=1)
def sin(node, name: Optional[str] = None):
    """Sine."""
    return _unary("Sin", 1, node, name)


@opset(since=1)
def cos(node, name: Optional[str] = None):
    """Cosine."""
    return _unary("Cos", 1, node, name)


@opset(since=1)
def tan(node, name: Optional[str] = None):
    """Tangent."""
    return _unary("Tan", 1, node, name)


@opset(since=1)
def asin(node, name: Optional[str] = None):
    """Inverse sine."""
    return _unary("Asin", 1, node, name)


@opset(since=1)
def acos(node, name: Optional[str] = None):
    """Inverse cosine."""
    return _unary("Acos", 1, node, name)


@opset(since=1)
def atan(node, name: Optional[str] = None):
    """Inverse tangent."""
    return _unary("Atan", 1, node, name)


@opset(since=1)
def sinh(node, name: Optional[str] = None):
    """Hyperbolic sine."""
    return _unary("Sinh", 1, node, name)


@opset(since=1)
def cosh(node, name: Optional[str] = None):
    """Hyperbolic cosine."""
    return _unary("Cosh", 1, node, name)


@opset(since=1)
def tanh(node, name: Optional[str] = None):
    """Hyperbolic tangent."""
    return _unary("Tanh", 1, node, name)


@opset(since=1)
def erf(node, name: Optional[str] = None):
    """Gauss error function."""
    return _unary("Erf", 1, node, name)


@opset(since=1)
def logical_not(node, name: Optional[str] = None):
    """Logical NOT (x == 0)."""
    return _unary("LogicalNot", 1, node, name)


@opset(since=1)
def relu(node, name: Optional[str] = None):
    """max(x, 0)."""
    return _unary("Relu", 1, node, name)


@opset(since=1)
def sigmoid(data, name: Optional[str] = None):
    """1 / (1 + exp(-x))."""
    return _unary("Sigmoid", 1, data, name)


@opset(since=1)
def clamp(data, min_value, max_value, name: Optional[str] = None):
    """Clip x to [min_value, max_value] (integers: [ceil(min), floor(max)])."""
    return _unary("Clamp", 1, data, name, {"min": float(min_value), "max": float(max_value)})


@opset(since=1)
def elu(data, alpha, name: Optional[str] = None):
    """x if x > 0 else alpha * (exp(x) - 1)."""
    return _unary("Elu", 1, data, name, {"alpha": float(alpha)})


@opset(since=1)
def hard_sigmoid(data, alpha, beta, name: Optional[str] = None):
    """max(0, min(1, alpha * x + beta)); alpha and beta are scalar inputs of x's type."""
    return make_node("HardSigmoid", 1, [data, alpha, beta], {}, name)


@opset(since=1)
def selu(data, alpha, lambda_value, name: Optional[str] = None):
    """lambda * (x if x > 0 else alpha * (exp(x) - 1)); alpha and lambda are inputs."""
    return make_node("Selu", 1, [data, alpha, lambda_value], {}, name)


alias("abs", "absolute")
alias("ceil", "ceiling")


# ---- later opsets ----

@opset(since=2, until=7, name="gelu")
def gelu_v2(node, name: Optional[str] = None):
    """0.5 * x * (1 + erf(x / sqrt(2)))."""
    return _unary("Gelu", 2, node, name)


gelu_v2.__name__ = gelu_v2.__qualname__ = "gelu"


@opset(since=7)
def gelu(data, approximation_mode: str, name: Optional[str] = None):
    """Gelu with approximation_mode "erf" or "tanh"."""
    return _unary("Gelu", 7, data, name, {"approximation_mode": approximation_mode})


@opset(since=4)
def asinh(node, name: Optional[str] = None):
    """Inverse hyperbolic sine."""
    return _unary("Asinh", 4, node, name)


@opset(since=4)
def acosh(node, name: Optional[str] = None):
    """Inverse hyperbolic cosine."""
    return _unary("Acosh", 4, node, name)


@opset(since=4)
def atanh(node, name: Optional[str] = None):
    """Inverse hyperbolic tangent."""
    return _unary("Atanh", 4, node, name)


@opset(since=4)
def softplus(data, name: Optional[str] = None):
    """log(exp(x) + 1)."""
    return _unary("SoftPlus", 4, data, name)


@opset(since=4)
def mish(data, name: Optional[str] = None):
    """x * tanh(softplus(x))."""
    return _unary("Mish", 4, data, name)


@opset(since=4)
def hswish(data, name: Optional[str] = None):
    """x * min(max(x + 3, 0), 6) / 6."""
    return _unary("HSwish", 4, data, name)


@opset(since=4)
def swish(data, beta=None, name: Optional[str] = None):
    """x * sigmoid(beta * x); beta defaults to an f32 constant 1.0."""
    if beta is None:
        beta = np.array(1.0, dtype=np.float32)
    return make_node("Swish", 4, [data, beta], {}, name)


@opset(since=5)
def round(data, mode: str = "half_to_even", name: Optional[str] = None):
    """Round to an integral value; ties by mode "half_to_even" or "half_away_from_zero"."""
    return _unary("Round", 5, data, name, {"mode": mode.upper()})


@opset(since=5)
def hsigmoid(data, name: Optional[str] = None):
    """min(max(x + 3, 0), 6) / 6."""
    return _unary("HSigmoid", 5, data, name)


@opset(since=9)
def softsign(node, name: Optional[str] = None):
    """x / (1 + |x|)."""
    return _unary("SoftSign", 9, node, name)


@opset(since=10)
def is_finite(data, name: Optional[str] = None):
    """True where x is neither NaN nor infinite."""
    return _unary("IsFinite", 10, data, name)


@opset(since=10)
def is_inf(data, attributes: Optional[dict] = None, name: Optional[str] = None):
    """True where x is infinite; attributes detect_negative / detect_positive (default True).
    Other keys are ignored, as OpenVINO's node factory does."""
    known = ("detect_negative", "detect_positive")
    attrs = {key: bool(value) for key, value in (attributes or {}).items() if key in known}
    return _unary("IsInf", 10, data, name, attrs)


@opset(since=10)
def is_nan(data, name: Optional[str] = None):
    """True where x is NaN."""
    return _unary("IsNaN", 10, data, name)


@opset(since=13)
def bitwise_not(node, name: Optional[str] = None):
    """Bitwise NOT of integer or boolean tensors."""
    return _unary("BitwiseNot", 13, node, name)

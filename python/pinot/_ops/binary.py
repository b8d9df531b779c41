"""Builders of the binary elementwise family: arithmetic, comparison, logical
and bitwise ops with auto-broadcasting, PRelu and Select, with OpenVINO's
names, signatures and the opsets that introduced them (bitwise and/or/xor in
opset13, shifts in opset15). add/subtract/multiply/divide also back the Node
operators `a + b`, `a - b`, `a * b`, `a / b`."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


def _binary(type_name: str, since: int, left: Any, right: Any, auto_broadcast: str, name: Optional[str]):
    return make_node(type_name, since, [left, right], {"auto_broadcast": auto_broadcast.upper()}, name)


@opset(since=1)
def add(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """f(A, B) = A + B, element-wise with broadcasting."""
    return _binary("Add", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def subtract(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """f(A, B) = A - B."""
    return _binary("Subtract", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def multiply(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """f(A, B) = A * B."""
    return _binary("Multiply", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def divide(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """f(A, B) = A / B (integers: floor division, m_pythondiv=True)."""
    return _binary("Divide", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def power(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """f(A, B) = A ** B."""
    return _binary("Power", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def maximum(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Element-wise maximum."""
    return _binary("Maximum", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def minimum(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Element-wise minimum."""
    return _binary("Minimum", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def squared_difference(x1, x2, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """f(A, B) = (A - B) ** 2."""
    return _binary("SquaredDifference", 1, x1, x2, auto_broadcast, name)


@opset(since=1)
def floor_mod(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Remainder with the sign of the divisor (Python's %)."""
    return _binary("FloorMod", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def mod(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Remainder with the sign of the dividend (C's fmod)."""
    return _binary("Mod", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def equal(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """A == B (boolean output)."""
    return _binary("Equal", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def not_equal(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """A != B (boolean output)."""
    return _binary("NotEqual", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def greater(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """A > B (boolean output)."""
    return _binary("Greater", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def greater_equal(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """A >= B (boolean output)."""
    return _binary("GreaterEqual", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def less(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """A < B (boolean output)."""
    return _binary("Less", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def less_equal(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """A <= B (boolean output)."""
    return _binary("LessEqual", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def logical_and(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Logical AND of boolean tensors."""
    return _binary("LogicalAnd", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def logical_or(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Logical OR of boolean tensors."""
    return _binary("LogicalOr", 1, left_node, right_node, auto_broadcast, name)


@opset(since=1)
def logical_xor(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Logical XOR of boolean tensors (OpenVINO names this class "opset2")."""
    return _binary("LogicalXor", 2, left_node, right_node, auto_broadcast, name)


@opset(since=13)
def bitwise_and(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Bitwise AND of integer or boolean tensors."""
    return _binary("BitwiseAnd", 13, left_node, right_node, auto_broadcast, name)


@opset(since=13)
def bitwise_or(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Bitwise OR of integer or boolean tensors."""
    return _binary("BitwiseOr", 13, left_node, right_node, auto_broadcast, name)


@opset(since=13)
def bitwise_xor(left_node, right_node, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """Bitwise XOR of integer or boolean tensors."""
    return _binary("BitwiseXor", 13, left_node, right_node, auto_broadcast, name)


@opset(since=15)
def bitwise_left_shift(arg0, arg1, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """arg0 << arg1 for integer tensors."""
    return _binary("BitwiseLeftShift", 15, arg0, arg1, auto_broadcast, name)


@opset(since=15)
def bitwise_right_shift(arg0, arg1, auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """arg0 >> arg1 for integer tensors (arithmetic for signed types)."""
    return _binary("BitwiseRightShift", 15, arg0, arg1, auto_broadcast, name)


@opset(since=1)
def prelu(data, slope, name: Optional[str] = None):
    """data < 0 ? data * slope : data; a 1-D slope matching axis 1 applies per channel."""
    return make_node("PRelu", 1, [data, slope], {}, name)


@opset(since=1)
def select(cond, then_node, else_node, auto_broadcast: str = "numpy", name: Optional[str] = None):
    """cond ? then_node : else_node, element-wise with broadcasting (cond is boolean)."""
    return make_node("Select", 1, [cond, then_node, else_node], {"auto_broadcast": auto_broadcast.upper()}, name)

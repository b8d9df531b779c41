"""Builders of the softmax family: softmax (opset1: Softmax-1, non-negative
axis; opset8: Softmax-8, negative axis allowed) and log_softmax (opset5)."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=1, until=8)
def softmax(data, axis: int, name: Optional[str] = None):
    """Softmax-1 along `axis` (0 <= axis < rank)."""
    return make_node("Softmax", 1, [data], {"axis": axis}, name)


@opset(since=8, name="softmax")
def softmax_v8(data, axis: int, name: Optional[str] = None):
    """Softmax-8 along `axis` (may be negative)."""
    return make_node("Softmax", 8, [data], {"axis": axis}, name)


@opset(since=5)
def log_softmax(data, axis: int, name: Optional[str] = None):
    """LogSoftmax-5 along `axis` (may be negative)."""
    return make_node("LogSoftmax", 5, [data], {"axis": axis}, name)

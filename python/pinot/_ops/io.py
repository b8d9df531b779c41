"""Builders for Parameter, Constant and Result (all opsets)."""
from typing import Any, Optional

import numpy as np

from pinot import _pinot
from pinot._ops._base import as_output
from pinot._ops.registry import opset
from pinot._pinot import PartialShape, Type


def _element_type(dtype: Any) -> Type:
    if isinstance(dtype, Type):
        return dtype
    if isinstance(dtype, str):
        try:
            return Type._from_name(dtype)
        except RuntimeError:
            pass
    if dtype is int:
        return Type.i32  # OpenVINO maps Python int to i32 in builders
    if dtype is float:
        return Type.f32
    return Type(dtype)


@opset(since=1)
def parameter(shape: Any, dtype: Any = np.float32, name: Optional[str] = None) -> _pinot.Parameter:
    """A model input of `shape` (list, tuple, Shape, PartialShape; -1, "?" or (lo, hi) dims) and `dtype`."""
    node = _pinot.Parameter(_element_type(dtype), shape if isinstance(shape, PartialShape) else PartialShape(shape))
    if name is not None:
        node.friendly_name = name
    return node


@opset(since=1)
def constant(value: Any, dtype: Any = None, name: Optional[str] = None, *, shared_memory: bool = False):
    """A Constant of `value` (array, number, list or Tensor), optionally converted to `dtype`."""
    if isinstance(value, _pinot.Tensor):
        return _pinot._create_constant(value, shared_memory, name)
    if value is None or (isinstance(value, (list, tuple)) and len(value) == 0 and dtype is None):
        raise ValueError("Cannot create an empty Constant. Please provide valid data.")
    is_array = isinstance(value, np.ndarray)
    if dtype is not None:
        element = _element_type(dtype)
        array = np.array(value, dtype=element.to_dtype()) if element != Type.bf16 else None
        if array is None:
            raise RuntimeError("bf16 constants are built through pinot.Tensor(Type.bf16, shape)")
        if is_array and array.dtype == value.dtype and array.flags.c_contiguous:
            array = value
        shared = shared_memory and array is value
        return _pinot._create_constant(array, shared, name)
    array = value if is_array else np.array(value)
    return _pinot._create_constant(array, shared_memory and is_array, name)


@opset(since=1)
def result(data: Any, name: Optional[str] = None) -> _pinot.Result:
    """A model output returning `data`."""
    node = _pinot.Result(as_output(data))
    if name is not None:
        node.friendly_name = name
    return node


def _constant_from_values(element_type: Any, shape: Any, values: Any) -> _pinot.Constant:
    """op.Constant(type, shape, values): values broadcast or reshaped to shape."""
    element = _element_type(element_type)
    array = np.array(values, dtype=element.to_dtype())
    shape = list(shape)
    if array.size == 1:
        array = np.full(shape, array.reshape(-1)[0], dtype=array.dtype)
    else:
        array = array.reshape(shape)
    return _pinot._create_constant(array, False, None)

"""Builders of the conversion family: Convert (destination_type as a string,
a numpy type or dtype, a Python type or a Type) and ConvertLike."""
import logging
from typing import Any, Optional

import numpy as np

from pinot._ops._base import make_node
from pinot._ops.registry import opset
from pinot._pinot import Type

log = logging.getLogger(__name__)

# OpenVINO's openvino_to_numpy_types_str_map, in its order.
_NUMPY_TYPE_NAMES = (
    ("boolean", bool),
    ("boolean", np.bool_),
    ("f16", np.float16),
    ("f32", np.float32),
    ("f64", np.float64),
    ("i8", np.int8),
    ("i16", np.int16),
    ("i32", np.int32),
    ("i64", np.int64),
    ("u8", np.uint8),
    ("u16", np.uint16),
    ("u32", np.uint32),
    ("u64", np.uint64),
    ("string", str),
    ("string", np.str_),
    ("string", bytes),
    ("string", np.bytes_),
)


def _type_name(data_type: Any) -> str:
    """The element type name of a Python / numpy type, as OpenVINO's get_element_type_str."""
    if data_type is int:
        log.warning("Converting int type of undefined bitwidth to 32-bit ngraph integer.")
        return "i32"
    if data_type is float:
        log.warning("Converting float type of undefined bitwidth to 32-bit ngraph float.")
        return "f32"
    for type_name, np_type in _NUMPY_TYPE_NAMES:
        if np_type == data_type:
            return type_name
    raise TypeError("Unidentified data type %s", data_type)


@opset(since=1)
def convert(data, destination_type, name: Optional[str] = None):
    """Cast `data` to `destination_type` (str such as "f16", numpy type, Type)."""
    if isinstance(destination_type, (type, np.dtype)):
        destination = _type_name(destination_type)
    elif isinstance(destination_type, str):
        destination = destination_type.lower()
    elif isinstance(destination_type, Type):
        destination = destination_type
    else:
        destination = destination_type
    return make_node("Convert", 1, [data], {"destination_type": destination}, name)


@opset(since=1)
def convert_like(data, like, name: Optional[str] = None):
    """Cast `data` to the element type of `like`."""
    return make_node("ConvertLike", 1, [data, like], {}, name)

"""Builders of the pooling family: max_pool (opset1: MaxPool-1; opset8:
MaxPool-8 with dilations and indices; opset14: MaxPool-14 adding ceil_torch),
avg_pool (opset1, opset14, opset16 with dilations), adaptive_avg_pool and
adaptive_max_pool (opset8). Signatures and defaults as in OpenVINO."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


def _pads(auto_pad: Optional[str]) -> str:
    return "EXPLICIT" if auto_pad is None else auto_pad.upper()


@opset(since=1, until=8)
def max_pool(data: Any, strides: list, pads_begin: list, pads_end: list, kernel_shape: list,
             rounding_type: str = "floor", auto_pad: Optional[str] = None, name: Optional[str] = None):
    """MaxPool-1: one output, no dilations."""
    attrs = {"strides": strides, "pads_begin": pads_begin, "pads_end": pads_end, "kernel": kernel_shape,
             "rounding_type": rounding_type.upper(), "auto_pad": _pads(auto_pad)}
    return make_node("MaxPool", 1, [data], attrs, name)


def _max_pool_indices(version: int, data: Any, strides: list, dilations: list, pads_begin: list, pads_end: list,
                      kernel_shape: list, rounding_type: str, auto_pad: Optional[str], index_element_type: Any,
                      axis: Optional[int], name: Optional[str]):
    attrs = {"strides": strides, "dilations": dilations, "pads_begin": pads_begin, "pads_end": pads_end,
             "kernel": kernel_shape, "rounding_type": rounding_type.upper(), "auto_pad": _pads(auto_pad),
             "index_element_type": index_element_type, "axis": axis}
    return make_node("MaxPool", version, [data], attrs, name)


@opset(since=8, until=14, name="max_pool")
def max_pool_v8(data: Any, strides: list, dilations: list, pads_begin: list, pads_end: list, kernel_shape: list,
                rounding_type: str = "floor", auto_pad: Optional[str] = None,
                index_element_type: Optional[str] = "i64", axis: Optional[int] = 0, name: Optional[str] = None):
    """MaxPool-8: values and indices (flat positions from `axis` on)."""
    return _max_pool_indices(8, data, strides, dilations, pads_begin, pads_end, kernel_shape, rounding_type,
                             auto_pad, index_element_type, axis, name)


@opset(since=14, name="max_pool")
def max_pool_v14(data: Any, strides: list, dilations: list, pads_begin: list, pads_end: list, kernel_shape: list,
                 rounding_type: str = "floor", auto_pad: Optional[str] = None,
                 index_element_type: Optional[Any] = "i64", axis: Optional[int] = 0, name: Optional[str] = None):
    """MaxPool-14: as MaxPool-8, plus rounding_type 'ceil_torch'."""
    return _max_pool_indices(14, data, strides, dilations, pads_begin, pads_end, kernel_shape, rounding_type,
                             auto_pad, index_element_type, axis, name)


def _avg_attrs(strides, pads_begin, pads_end, kernel_shape, exclude_pad, rounding_type, auto_pad) -> dict:
    return {"strides": strides, "pads_begin": pads_begin, "pads_end": pads_end, "kernel": kernel_shape,
            "exclude-pad": exclude_pad, "rounding_type": rounding_type.upper(), "auto_pad": _pads(auto_pad)}


@opset(since=1, until=14)
def avg_pool(data_batch: Any, strides: list, pads_begin: list, pads_end: list, kernel_shape: list,
             exclude_pad: bool, rounding_type: str = "floor", auto_pad: Optional[str] = None,
             name: Optional[str] = None):
    """AvgPool-1."""
    attrs = _avg_attrs(strides, pads_begin, pads_end, kernel_shape, exclude_pad, rounding_type, auto_pad)
    return make_node("AvgPool", 1, [data_batch], attrs, name)


@opset(since=14, until=16, name="avg_pool")
def avg_pool_v14(data_batch: Any, strides: list, pads_begin: list, pads_end: list, kernel_shape: list,
                 exclude_pad: bool, rounding_type: str = "floor", auto_pad: Optional[str] = None,
                 name: Optional[str] = None):
    """AvgPool-14: adds rounding_type 'ceil_torch'."""
    attrs = _avg_attrs(strides, pads_begin, pads_end, kernel_shape, exclude_pad, rounding_type, auto_pad)
    return make_node("AvgPool", 14, [data_batch], attrs, name)


@opset(since=16, name="avg_pool")
def avg_pool_v16(data_batch: Any, strides: list, pads_begin: list, pads_end: list, kernel_shape: list,
                 exclude_pad: bool, rounding_type: str = "floor", auto_pad: Optional[str] = None,
                 dilations: Optional[list] = None, name: Optional[str] = None):
    """AvgPool-16: adds dilations."""
    attrs = _avg_attrs(strides, pads_begin, pads_end, kernel_shape, exclude_pad, rounding_type, auto_pad)
    if dilations is not None:
        attrs["dilations"] = dilations
    return make_node("AvgPool", 16, [data_batch], attrs, name)


@opset(since=8)
def adaptive_avg_pool(data: Any, output_shape: Any, name: Optional[str] = None):
    """AdaptiveAvgPool-8: output_shape holds the output's spatial sizes."""
    return make_node("AdaptiveAvgPool", 8, [data, output_shape], {}, name)


@opset(since=8)
def adaptive_max_pool(data: Any, output_shape: Any, index_element_type: str = "i64", name: Optional[str] = None):
    """AdaptiveMaxPool-8: values and indices (flat positions within each spatial plane)."""
    return make_node("AdaptiveMaxPool", 8, [data, output_shape], {"index_element_type": index_element_type}, name)

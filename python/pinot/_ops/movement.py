"""Builders of the data-movement family: concat, split, variadic_split, slice
(opset8), strided_slice, broadcast (opset1: Broadcast-1 with `mode`; opset3:
Broadcast-3 with `broadcast_spec`, adds BIDIRECTIONAL), tile, pad (opset1:
Pad-1; opset12: Pad-12), range (opset1..11: Range-1, as OpenVINO's opset4..11
modules also export; opset12+: Range-4 with output_type), non_zero (opset3)
and one_hot (opset1: OneHot-1; opset16: OneHot-16 with negative_indices_mode)."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


def _type_attr(value: Any) -> Any:
    """An output_type as OpenVINO accepts it: a type name, a Type or a numpy type."""
    from pinot._pinot import Type

    if isinstance(value, (str, Type)):
        return value
    return Type(value)


@opset(since=1)
def concat(nodes: list, axis: int, name: Optional[str] = None):
    """Concat-1: join `nodes` along `axis` (may be negative)."""
    return make_node("Concat", 1, list(nodes), {"axis": axis}, name)


@opset(since=1)
def split(data: Any, axis: Any, num_splits: int, name: Optional[str] = None):
    """Split-1: `num_splits` equal parts of `data` along the scalar `axis` (a multi-output node)."""
    return make_node("Split", 1, [data, axis], {"num_splits": num_splits}, name)


@opset(since=1)
def variadic_split(data: Any, axis: Any, split_lengths: Any, name: Optional[str] = None):
    """VariadicSplit-1: parts of `split_lengths` (one may be -1) along `axis`."""
    return make_node("VariadicSplit", 1, [data, axis, split_lengths], None, name)


@opset(since=8)
def slice(data: Any, start: Any, stop: Any, step: Any, axes: Optional[Any] = None,  # noqa: A001
          name: Optional[str] = None):
    """Slice-8: numpy-style data[start:stop:step] along `axes` (default 0..len(start)-1)."""
    inputs = [data, start, stop, step] if axes is None else [data, start, stop, step, axes]
    return make_node("Slice", 8, inputs, None, name)


@opset(since=1)
def strided_slice(data: Any, begin: Any, end: Any, strides: Any, begin_mask: list, end_mask: list,
                  new_axis_mask: Optional[list] = None, shrink_axis_mask: Optional[list] = None,
                  ellipsis_mask: Optional[list] = None, name: Optional[str] = None):
    """StridedSlice-1: TensorFlow-style slicing; a 1 in a mask applies it to that entry."""
    attrs = {
        "begin_mask": list(begin_mask),
        "end_mask": list(end_mask),
        "new_axis_mask": list(new_axis_mask or []),
        "shrink_axis_mask": list(shrink_axis_mask or []),
        "ellipsis_mask": list(ellipsis_mask or []),
    }
    return make_node("StridedSlice", 1, [data, begin, end, strides], attrs, name)


@opset(since=1, until=3)
def broadcast(data: Any, target_shape: Any, axes_mapping: Optional[Any] = None, mode: str = "NUMPY",
              name: Optional[str] = None):
    """Broadcast-1: `mode` NUMPY, EXPLICIT (uses `axes_mapping`) or PDPD."""
    inputs = [data, target_shape]
    if mode.upper() == "EXPLICIT":
        inputs.append(axes_mapping)
    return make_node("Broadcast", 1, inputs, {"mode": mode.upper()}, name)


@opset(since=3, name="broadcast")
def broadcast_v3(data: Any, target_shape: Any, axes_mapping: Optional[Any] = None, broadcast_spec: str = "NUMPY",
                 name: Optional[str] = None):
    """Broadcast-3: `broadcast_spec` NUMPY, EXPLICIT (uses `axes_mapping`), BIDIRECTIONAL or PDPD."""
    inputs = [data, target_shape]
    if broadcast_spec.upper() == "EXPLICIT":
        inputs.append(axes_mapping)
    return make_node("Broadcast", 3, inputs, {"mode": broadcast_spec.upper()}, name)


@opset(since=1)
def tile(data: Any, repeats: Any, name: Optional[str] = None):
    """Tile-1: repeat `data` `repeats[i]` times along each axis."""
    return make_node("Tile", 1, [data, repeats], None, name)


def _pad(version: int, arg: Any, pads_begin: Any, pads_end: Any, pad_mode: str, arg_pad_value: Any,
         name: Optional[str]):
    inputs = [arg, pads_begin, pads_end]
    if arg_pad_value:  # as OpenVINO: a zero (or None) pad value is left out
        inputs.append(arg_pad_value)
    return make_node("Pad", version, inputs, {"pad_mode": pad_mode.upper()}, name)


@opset(since=1, until=12)
def pad(arg: Any, pads_begin: Any, pads_end: Any, pad_mode: str, arg_pad_value: Optional[Any] = None,
        name: Optional[str] = None):
    """Pad-1: pad (or crop, for negative pads) `arg`; `pad_mode` constant, edge, reflect or symmetric."""
    return _pad(1, arg, pads_begin, pads_end, pad_mode, arg_pad_value, name)


@opset(since=12, name="pad")
def pad_v12(arg: Any, pads_begin: Any, pads_end: Any, pad_mode: str, arg_pad_value: Optional[Any] = None,
            name: Optional[str] = None):
    """Pad-12: as Pad-1, negative pads crop."""
    return _pad(12, arg, pads_begin, pads_end, pad_mode, arg_pad_value, name)


@opset(since=1, until=12)
def range(start: Any, stop: Any, step: Any, name: Optional[str] = None):  # noqa: A001
    """Range-1: start, start + step, .. below stop, in the inputs' (common) type."""
    return make_node("Range", 1, [start, stop, step], None, name)


@opset(since=12, name="range")
def range_v4(start: Any, stop: Any, step: Any, output_type: Any, name: Optional[str] = None):
    """Range-4: as Range-1, inputs of any numeric types, output of `output_type`."""
    return make_node("Range", 4, [start, stop, step], {"output_type": _type_attr(output_type)}, name)


@opset(since=3)
def non_zero(data: Any, output_type: Any = "i64", name: Optional[str] = None):
    """NonZero-3: the indices of the non-zero elements, shape [rank, count]."""
    return make_node("NonZero", 3, [data], {"output_type": _type_attr(output_type)}, name)


@opset(since=1, until=16)
def one_hot(indices: Any, depth: Any, on_value: Any, off_value: Any, axis: int, name: Optional[str] = None):
    """OneHot-1: `depth` positions along `axis`, on_value at each index, off_value elsewhere."""
    return make_node("OneHot", 1, [indices, depth, on_value, off_value], {"axis": axis}, name)


@opset(since=16, name="one_hot")
def one_hot_v16(indices: Any, depth: Any, on_value: Any, off_value: Any, axis: int,
                negative_indices_mode: Optional[str] = None, name: Optional[str] = None):
    """OneHot-16: as OneHot-1; negative_indices_mode "ignore_negative" (default) or "normalize"."""
    attrs = {"axis": axis}
    if negative_indices_mode is not None:
        attrs["negative_indices_mode"] = negative_indices_mode
    return make_node("OneHot", 16, [indices, depth, on_value, off_value], attrs, name)

"""Builders of the shape-manipulation family: reshape, squeeze (opset1:
Squeeze-1 with mandatory axes; opset15: Squeeze-15, optional axes and
allow_axis_skip), unsqueeze, shape_of (opset1: ShapeOf-1, i64 only; opset3:
ShapeOf-3 with output_type), transpose, depth_to_space, space_to_depth and
shuffle_channels (opset3, ShuffleChannels-1)."""
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
def reshape(node: Any, output_shape: Any, special_zero: bool, name: Optional[str] = None):
    """Reshape-1: `node` with the shape `output_shape` (-1 infers one dimension;
    0 copies the input dimension when `special_zero`)."""
    return make_node("Reshape", 1, [node, output_shape], {"special_zero": special_zero}, name)


@opset(since=1, until=15)
def squeeze(data: Any, axes: Any, name: Optional[str] = None):
    """Squeeze-1: remove the size-1 dimensions listed in `axes` (all of them for empty axes)."""
    return make_node("Squeeze", 1, [data, axes], None, name)


@opset(since=15, name="squeeze")
def squeeze_v15(data: Any, axes: Optional[Any] = None, allow_axis_skip: bool = False, name: Optional[str] = None):
    """Squeeze-15: as Squeeze-1, axes optional; `allow_axis_skip` makes a dynamic
    axis that may not be 1 give a dynamic output rank instead of being squeezed."""
    inputs = [data] if axes is None else [data, axes]
    return make_node("Squeeze", 15, inputs, {"allow_axis_skip": allow_axis_skip}, name)


@opset(since=1)
def unsqueeze(data: Any, axes: Any, name: Optional[str] = None):
    """Unsqueeze-1: insert size-1 dimensions at `axes` (of the output)."""
    return make_node("Unsqueeze", 1, [data, axes], None, name)


@opset(since=1, until=3)
def shape_of(data: Any, name: Optional[str] = None):
    """ShapeOf-1: the shape of `data` as i64."""
    return make_node("ShapeOf", 1, [data], None, name)


@opset(since=3, name="shape_of")
def shape_of_v3(data: Any, output_type: Any = "i64", name: Optional[str] = None):
    """ShapeOf-3: the shape of `data` as `output_type` (i64 or i32)."""
    return make_node("ShapeOf", 3, [data], {"output_type": _type_attr(output_type)}, name)


@opset(since=1)
def transpose(data: Any, input_order: Any, name: Optional[str] = None):
    """Transpose-1: permute the axes of `data` by `input_order` (empty: reverse them)."""
    return make_node("Transpose", 1, [data, input_order], None, name)


@opset(since=1)
def depth_to_space(node: Any, mode: str, block_size: int = 1, name: Optional[str] = None):
    """DepthToSpace-1: move channel blocks of `block_size`^k into the k spatial
    dimensions; `mode` is "blocks_first" or "depth_first"."""
    return make_node("DepthToSpace", 1, [node], {"mode": mode, "block_size": block_size}, name)


@opset(since=1)
def space_to_depth(data: Any, mode: str, block_size: int = 1, name: Optional[str] = None):
    """SpaceToDepth-1: the inverse of depth_to_space."""
    return make_node("SpaceToDepth", 1, [data], {"mode": mode, "block_size": block_size}, name)


@opset(since=3)
def shuffle_channels(data: Any, axis: int, group: int, name: Optional[str] = None):
    """ShuffleChannels-1: split dimension `axis` into `group` groups and interleave them."""
    return make_node("ShuffleChannels", 3, [data], {"axis": axis, "group": group}, name)

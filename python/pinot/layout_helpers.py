"""Helpers for the well-known layout dimensions, as ``openvino.layout_helpers``.

``has_batch(layout)`` and friends tell whether a layout names the batch (N),
channels (C), depth (D), height (H) or width (W) dimension; ``batch_idx(layout)``
and friends return its index, negative when it comes after ``...``
(``height_idx(Layout("...HW")) == -2``), and raise RuntimeError
("N dimension index is not defined") when it is absent.

Besides ``pinot.Layout`` objects, these accept layout strings (``"NCHW"``),
which OpenVINO's versions reject. ``get_layout``/``set_layout`` come with ports.
"""
from pinot._pinot import Layout

__all__ = [
    "batch_idx",
    "channels_idx",
    "depth_idx",
    "has_batch",
    "has_channels",
    "has_depth",
    "has_height",
    "has_width",
    "height_idx",
    "width_idx",
]


def _layout(function, layout, returns):
    if isinstance(layout, Layout):
        return layout
    if isinstance(layout, str):
        return Layout(layout)
    raise TypeError(
        f"{function}(): incompatible function arguments. The following argument types are supported:\n"
        f"    1. (layout: pinot.Layout | str) -> {returns}\n\nInvoked with: {layout!r}"
    )


def has_batch(layout):
    """has_batch(layout: pinot.Layout | str) -> bool: the layout has N (batch)."""
    return _layout("has_batch", layout, "bool").has_name("N")


def has_channels(layout):
    """has_channels(layout: pinot.Layout | str) -> bool: the layout has C (channels)."""
    return _layout("has_channels", layout, "bool").has_name("C")


def has_depth(layout):
    """has_depth(layout: pinot.Layout | str) -> bool: the layout has D (depth)."""
    return _layout("has_depth", layout, "bool").has_name("D")


def has_height(layout):
    """has_height(layout: pinot.Layout | str) -> bool: the layout has H (height)."""
    return _layout("has_height", layout, "bool").has_name("H")


def has_width(layout):
    """has_width(layout: pinot.Layout | str) -> bool: the layout has W (width)."""
    return _layout("has_width", layout, "bool").has_name("W")


def batch_idx(layout):
    """batch_idx(layout: pinot.Layout | str) -> int: index of N (RuntimeError when absent)."""
    return _layout("batch_idx", layout, "int").get_index_by_name("N")


def channels_idx(layout):
    """channels_idx(layout: pinot.Layout | str) -> int: index of C (RuntimeError when absent)."""
    return _layout("channels_idx", layout, "int").get_index_by_name("C")


def depth_idx(layout):
    """depth_idx(layout: pinot.Layout | str) -> int: index of D (RuntimeError when absent)."""
    return _layout("depth_idx", layout, "int").get_index_by_name("D")


def height_idx(layout):
    """height_idx(layout: pinot.Layout | str) -> int: index of H (RuntimeError when absent)."""
    return _layout("height_idx", layout, "int").get_index_by_name("H")


def width_idx(layout):
    """width_idx(layout: pinot.Layout | str) -> int: index of W (RuntimeError when absent)."""
    return _layout("width_idx", layout, "int").get_index_by_name("W")

"""Builder of Col2Im (opset15: Col2Im-15), with OpenVINO's names and defaults.
Pinot accepts any number of spatial axes (the length of output_size)."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=15)
def col2im(data, output_size, kernel_size, strides: Optional[list] = None, dilations: Optional[list] = None,
           pads_begin: Optional[list] = None, pads_end: Optional[list] = None, name: Optional[str] = None):
    """Col2Im-15: sum the sliding blocks of `data` [N, C*prod(kernel), L] into [N, C, *output_size]."""
    attrs = {}
    for key, value in (("strides", strides), ("dilations", dilations), ("pads_begin", pads_begin),
                       ("pads_end", pads_end)):
        if value is not None:
            attrs[key] = list(value)
    return make_node("Col2Im", 15, [data, output_size, kernel_size], attrs, name)

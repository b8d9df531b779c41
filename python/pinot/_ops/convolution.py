"""Builders of the convolution family (all opsets): convolution,
group_convolution, convolution_backprop_data, group_convolution_backprop_data, deformable_convolution (opset8),
with OpenVINO's signatures and defaults (opset1, unchanged since)."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=1)
def convolution(data: Any, filters: Any, strides: list, pads_begin: list, pads_end: list, dilations: list,
                auto_pad: str = "EXPLICIT", name: Optional[str] = None):
    """Convolution-1: data [N, C_in, D...] with filters [C_out, C_in, K...]."""
    attrs = {"strides": strides, "pads_begin": pads_begin, "pads_end": pads_end, "dilations": dilations,
             "auto_pad": auto_pad}
    return make_node("Convolution", 1, [data, filters], attrs, name)


@opset(since=1)
def group_convolution(data: Any, filters: Any, strides: list, pads_begin: list, pads_end: list, dilations: list,
                      auto_pad: str = "EXPLICIT", name: Optional[str] = None):
    """GroupConvolution-1: data [N, G*C_in, D...] with filters [G, C_out, C_in, K...]."""
    attrs = {"strides": strides, "pads_begin": pads_begin, "pads_end": pads_end, "dilations": dilations,
             "auto_pad": auto_pad.upper()}
    return make_node("GroupConvolution", 1, [data, filters], attrs, name)


@opset(since=1)
def convolution_backprop_data(data: Any, filters: Any, strides: list, output_shape: Optional[Any] = None,
                              pads_begin: Optional[list] = None, pads_end: Optional[list] = None,
                              dilations: Optional[list] = None, auto_pad: Optional[str] = None,
                              output_padding: Optional[list] = None, name: Optional[str] = None):
    """ConvolutionBackpropData-1: data [N, C_in, D...], filters [C_in, C_out, K...],
    optional output_shape (the output's spatial sizes)."""
    spatial = len(strides)
    attrs = {
        "strides": strides,
        "pads_begin": [0] * spatial if pads_begin is None else pads_begin,
        "pads_end": [0] * spatial if pads_end is None else pads_end,
        "dilations": [1] * spatial if dilations is None else dilations,
        "auto_pad": "EXPLICIT" if auto_pad is None else auto_pad.upper(),
        "output_padding": [0] * spatial if output_padding is None else output_padding,
    }
    inputs = [data, filters] if output_shape is None else [data, filters, output_shape]
    return make_node("ConvolutionBackpropData", 1, inputs, attrs, name)


@opset(since=1)
def group_convolution_backprop_data(data: Any, filters: Any, strides: list, output_shape: Optional[Any] = None,
                                    pads_begin: Optional[list] = None, pads_end: Optional[list] = None,
                                    dilations: Optional[list] = None, auto_pad: str = "EXPLICIT",
                                    output_padding: Optional[list] = None, name: Optional[str] = None):
    """GroupConvolutionBackpropData-1: data [N, G*C_in, D...], filters [G, C_in, C_out, K...],
    optional output_shape. As in OpenVINO, the pads are only passed without output_shape."""
    spatial = len(strides)
    attrs = {
        "strides": strides,
        "dilations": [1] * spatial if dilations is None else dilations,
        "auto_pad": auto_pad.upper(),
        "output_padding": [0] * spatial if output_padding is None else output_padding,
    }
    if output_shape is None:
        attrs["pads_begin"] = [0] * spatial if pads_begin is None else pads_begin
        attrs["pads_end"] = [0] * spatial if pads_end is None else pads_end
        inputs = [data, filters]
    else:
        inputs = [data, filters, output_shape]
    return make_node("GroupConvolutionBackpropData", 1, inputs, attrs, name)


@opset(since=8)
def deformable_convolution(data: Any, offsets: Any, filters: Any, strides: list, pads_begin: list, pads_end: list,
                           dilations: list, mask: Optional[Any] = None, auto_pad: str = "EXPLICIT", group: int = 1,
                           deformable_group: int = 1, bilinear_interpolation_pad: bool = False,
                           name: Optional[str] = None):
    """DeformableConvolution-8: data [N, C_in, H, W], offsets [N, 2*DG*kH*kW, H', W'],
    filters [C_out, C_in/group, kH, kW], optional mask [N, DG*kH*kW, H', W']."""
    attrs = {"strides": strides, "pads_begin": pads_begin, "pads_end": pads_end, "dilations": dilations,
             "auto_pad": auto_pad, "group": group, "deformable_group": deformable_group,
             "bilinear_interpolation_pad": bilinear_interpolation_pad}
    inputs = [data, offsets, filters] if mask is None else [data, offsets, filters, mask]
    return make_node("DeformableConvolution", 8, inputs, attrs, name)

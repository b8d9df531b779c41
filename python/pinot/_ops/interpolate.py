"""Builders for Interpolate: opset10's interpolate (Interpolate-4: image,
output_shape, scales) and opset11's (Interpolate-11: image, scales_or_sizes),
with OpenVINO's parameter names and defaults. Interpolate-1 (opsets 1-9) is
not provided."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


def _attrs(mode, shape_calculation_mode, pads_begin, pads_end, coordinate_transformation_mode,
           nearest_mode, antialias, cube_coeff):
    return {
        "mode": mode,
        "shape_calculation_mode": shape_calculation_mode,
        "coordinate_transformation_mode": coordinate_transformation_mode,
        "nearest_mode": nearest_mode,
        "antialias": antialias,
        "cube_coeff": cube_coeff,
        "pads_begin": [] if pads_begin is None else list(pads_begin),
        "pads_end": [] if pads_end is None else list(pads_end),
    }


@opset(since=10, until=11)
def interpolate(image, output_shape, scales, mode: str, shape_calculation_mode: str,
                pads_begin: Optional[list] = None, pads_end: Optional[list] = None,
                coordinate_transformation_mode: str = "half_pixel", nearest_mode: str = "round_prefer_floor",
                antialias: bool = False, cube_coeff: float = -0.75, axes=None, name: Optional[str] = None):
    """Interpolate-4: `output_shape` (sizes) or `scales` picks the output shape,
    as `shape_calculation_mode` says."""
    attrs = _attrs(mode, shape_calculation_mode, pads_begin, pads_end, coordinate_transformation_mode,
                   nearest_mode, antialias, cube_coeff)
    inputs = [image, output_shape, scales] + ([] if axes is None else [axes])
    return make_node("Interpolate", 4, inputs, attrs, name)


@opset(since=11, name="interpolate")
def interpolate_v11(image, scales_or_sizes, mode: str, shape_calculation_mode: str,
                    pads_begin: Optional[list] = None, pads_end: Optional[list] = None,
                    coordinate_transformation_mode: str = "half_pixel", nearest_mode: str = "round_prefer_floor",
                    antialias: bool = False, cube_coeff: float = -0.75, axes=None, name: Optional[str] = None):
    """Interpolate-11: one input holds sizes (integers) or scales (floats)."""
    attrs = _attrs(mode, shape_calculation_mode, pads_begin, pads_end, coordinate_transformation_mode,
                   nearest_mode, antialias, cube_coeff)
    inputs = [image, scales_or_sizes] + ([] if axes is None else [axes])
    return make_node("Interpolate", 11, inputs, attrs, name)

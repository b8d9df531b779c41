"""Builder for GridSample-9 (opset9 and later): sample `data` [N, C, H, W] at
the normalized positions of `grid` [N, H_out, W_out, 2]. Pinot also accepts
other spatial ranks (data [N, C, D, H, W] with grid [N, D_out, H_out, W_out, 3])."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=9)
def grid_sample(data, grid, attributes: dict, name: Optional[str] = None):
    """GridSample-9: `attributes` may hold align_corners (bool, default False),
    mode ("bilinear", "bicubic" or "nearest"; default "bilinear") and
    padding_mode ("zeros", "border" or "reflection"; default "zeros")."""
    return make_node("GridSample", 9, [data, grid], dict(attributes), name)

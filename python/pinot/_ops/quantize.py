"""Builders of the quantization family: fake_quantize (FakeQuantize-1)."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=1)
def fake_quantize(data, input_low, input_high, output_low, output_high, levels: int,
                  auto_broadcast: str = "NUMPY", name: Optional[str] = None):
    """FakeQuantize-1: clamp `data` to [input_low, input_high], round to one of
    `levels` steps and map onto [output_low, output_high]. `auto_broadcast` is
    "NUMPY", "PDPD", "NONE" or "EXPLICIT" (OpenVINO's alias of NONE), any case."""
    mode = auto_broadcast.lower()
    if mode == "explicit":
        mode = "none"
    return make_node("FakeQuantize", 1, [data, input_low, input_high, output_low, output_high],
                     {"levels": levels, "auto_broadcast": mode}, name)

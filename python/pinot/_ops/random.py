"""Builder of RandomUniform (opset8: RandomUniform-8), with OpenVINO's names,
defaults and argument checks."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.movement import _type_attr
from pinot._ops.registry import opset


@opset(since=8)
def random_uniform(output_shape: Any, min_val: Any, max_val: Any, output_type: Any, global_seed: int = 0,
                   op_seed: int = 0, alignment: str = "tensorflow", name: Optional[str] = None):
    """RandomUniform-8: values in [min_val, max_val) of shape `output_shape`, bit-exact with
    OpenVINO's CPU plugin for the same seeds ("tensorflow": Philox, "pytorch": MT19937).
    Both seeds 0 draws a fresh seed per compile."""
    if global_seed < 0:
        raise RuntimeError(f"global_seed should be positive or 0. Got: {global_seed}")
    if op_seed < 0:
        raise RuntimeError(f"op_seed should be positive or 0. Got: {op_seed}")
    attrs = {
        "output_type": _type_attr(output_type),
        "global_seed": global_seed,
        "op_seed": op_seed,
        "alignment": alignment.lower(),
    }
    return make_node("RandomUniform", 8, [output_shape, min_val, max_val], attrs, name)

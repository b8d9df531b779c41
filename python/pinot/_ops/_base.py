"""What every builder uses: make_node() creates an op through the C registry,
as_output() turns builder arguments (Node, Output, numbers, arrays, lists)
into an Output, making Constants for plain values as OpenVINO's as_node does."""
from typing import Any, Iterable, Optional

import numpy as np

from pinot import _pinot


def as_output(value: Any, name: Optional[str] = None):
    """Node (single output) or Output as is; anything else becomes a Constant
    of np.array(value) (Python ints are i64 and floats f64, as in OpenVINO)."""
    if isinstance(value, _pinot.Output):
        return value
    if isinstance(value, _pinot.Node):
        return value.output(0)
    if isinstance(value, _pinot.Tensor):
        return _pinot._create_constant(value, False, name).output(0)
    array = value if isinstance(value, np.ndarray) else np.array(value)
    return _pinot._create_constant(array, False, name).output(0)


def as_outputs(values: Iterable[Any]) -> list:
    return [as_output(v) for v in values]


def make_node(type_name: str, opset: int, inputs: Iterable[Any], attrs: Optional[dict] = None,
              name: Optional[str] = None):
    """Create a `type_name` node (op version chosen by `opset`) over `inputs`
    with `attrs` (OpenVINO attribute names; values bool/int/float/str, lists of
    them, Type or PartialShape) and friendly name `name`."""
    return _pinot._create_node(type_name, opset, as_outputs(inputs), attrs or {}, name)

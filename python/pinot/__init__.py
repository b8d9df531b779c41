"""Pinot: a fast, small CPU inference runtime with the OpenVINO Runtime Python API.

`import pinot as ov` stands in for `import openvino as ov`. numpy is imported
on first use, not here, to keep this import in the low milliseconds.
"""
from pinot._pinot import (
    ConstOutput,
    Dimension,
    Input,
    Layout,
    Node,
    Output,
    PartialShape,
    Shape,
    Tensor,
    Type,
    get_version,
)
from pinot._pinot import _set_python_types
from pinot._containers import AxisSet, AxisVector, Coordinate, CoordinateDiff, Strides

try:
    from pinot._pinot import Symbol
except ImportError:  # pragma: no cover - present once dimension symbols are built
    pass

_set_python_types(strides=Strides)
del _set_python_types

__version__ = get_version()

# Submodules and classes load on first access, so `import pinot` stays cheap:
# the runtime classes need numpy, `pinot.runtime` warns that it is deprecated.
_LAZY_SUBMODULES = ("helpers", "layout_helpers", "runtime", "op", "utils", "properties") + tuple(
    f"opset{n}" for n in range(1, 17)
)
_LAZY_ATTRIBUTES = {
    "Model": "pinot._model",
    "Core": "pinot._runtime",
    "CompiledModel": "pinot._runtime",
    "InferRequest": "pinot._runtime",
    "AsyncInferQueue": "pinot._async",
    "compile_model": "pinot._runtime",
    "OVDict": "pinot._runtime",
    "OVAny": "pinot.properties._any",
}


def __getattr__(name):
    import importlib

    if name in _LAZY_SUBMODULES:
        return importlib.import_module(f"pinot.{name}")
    if name in _LAZY_ATTRIBUTES:
        value = getattr(importlib.import_module(_LAZY_ATTRIBUTES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pinot' has no attribute '{name}'")


def __dir__():
    return sorted(list(globals()) + list(_LAZY_SUBMODULES) + list(_LAZY_ATTRIBUTES))

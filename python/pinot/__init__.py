"""Pinot: a fast, small CPU inference runtime with the OpenVINO Runtime Python API.

`import pinot as ov` stands in for `import openvino as ov`. numpy is imported
on first use, not here, to keep this import in the low milliseconds.
"""
from pinot._pinot import (
    Dimension,
    Layout,
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

# Submodules load on first access: `pinot.helpers` needs numpy, `pinot.runtime`
# warns that it is deprecated.
_LAZY_SUBMODULES = ("helpers", "layout_helpers", "runtime")


def __getattr__(name):
    if name in _LAZY_SUBMODULES:
        import importlib

        return importlib.import_module(f"pinot.{name}")
    raise AttributeError(f"module 'pinot' has no attribute '{name}'")


def __dir__():
    return sorted(list(globals()) + list(_LAZY_SUBMODULES))

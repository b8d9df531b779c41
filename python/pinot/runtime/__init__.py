"""pinot.runtime: the deprecated alias of the top-level package, kept for code
written against openvino.runtime (removed from OpenVINO in 2026). Attributes and
submodules (`pinot.runtime.opset13`, `.op`, `.utils`, `.properties`...) are the
top-level package's own objects."""
import importlib
import importlib.abc
import importlib.util
import sys
import warnings

warnings.warn(
    "The `openvino.runtime` module is deprecated and will be removed in the 2026.0 release. "
    "Please replace `openvino.runtime` with `openvino`.",
    DeprecationWarning,
    stacklevel=2,
)

import pinot as _pinot  # noqa: E402
from pinot import *  # noqa: E402,F401,F403
from pinot import (  # noqa: E402,F401
    AxisSet, AxisVector, Coordinate, CoordinateDiff, Dimension, Layout, PartialShape, Shape, Strides, Tensor,
    Type, get_version, helpers, layout_helpers,
)

__version__ = _pinot.__version__


def __getattr__(name):
    return getattr(_pinot, name)


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """`import pinot.runtime.X` gives the module `pinot.X` itself."""

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith("pinot.runtime."):
            return None
        real = "pinot." + fullname[len("pinot.runtime."):]
        if importlib.util.find_spec(real) is None:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return importlib.import_module("pinot." + spec.name[len("pinot.runtime."):])

    def exec_module(self, module):
        pass


if not any(isinstance(finder, _AliasFinder) for finder in sys.meta_path):
    sys.meta_path.append(_AliasFinder())

"""pinot.runtime: the deprecated alias of the top-level package, kept for code
written against openvino.runtime (removed from OpenVINO in 2026)."""
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

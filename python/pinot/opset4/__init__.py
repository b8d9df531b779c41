"""Builders of opset4 ops (as openvino.opset4)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 4)
del _populate

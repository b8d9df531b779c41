"""Builders of opset6 ops (as openvino.opset6)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 6)
del _populate

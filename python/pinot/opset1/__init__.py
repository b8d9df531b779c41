"""Builders of opset1 ops (as openvino.opset1)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 1)
del _populate

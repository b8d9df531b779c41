"""Builders of opset8 ops (as openvino.opset8)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 8)
del _populate

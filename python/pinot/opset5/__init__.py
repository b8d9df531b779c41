"""Builders of opset5 ops (as openvino.opset5)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 5)
del _populate

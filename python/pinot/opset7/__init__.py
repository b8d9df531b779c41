"""Builders of opset7 ops (as openvino.opset7)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 7)
del _populate

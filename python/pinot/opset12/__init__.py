"""Builders of opset12 ops (as openvino.opset12)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 12)
del _populate

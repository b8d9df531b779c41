"""Builders of opset14 ops (as openvino.opset14)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 14)
del _populate

"""Builders of opset13 ops (as openvino.opset13)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 13)
del _populate

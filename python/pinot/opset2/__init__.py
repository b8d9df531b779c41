"""Builders of opset2 ops (as openvino.opset2)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 2)
del _populate

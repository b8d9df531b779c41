"""Builders of opset9 ops (as openvino.opset9)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 9)
del _populate

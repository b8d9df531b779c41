"""Builders of opset10 ops (as openvino.opset10)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 10)
del _populate

"""Builders of opset16 ops (as openvino.opset16)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 16)
del _populate

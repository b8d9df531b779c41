"""Builders of opset15 ops (as openvino.opset15)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 15)
del _populate

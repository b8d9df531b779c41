"""Builders of opset3 ops (as openvino.opset3)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 3)
del _populate

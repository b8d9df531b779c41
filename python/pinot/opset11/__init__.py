"""Builders of opset11 ops (as openvino.opset11)."""
from pinot._ops.registry import populate as _populate

_populate(globals(), 11)
del _populate

"""pinot.utils.data_helpers (as openvino.utils.data_helpers)."""
from pinot._runtime import OVDict

__all__ = ["OVDict"]

"""Helpers for packed (sub-byte) element types, as openvino.helpers."""
from pinot.helpers.packing import pack_data, unpack_data

__all__ = ["pack_data", "unpack_data"]

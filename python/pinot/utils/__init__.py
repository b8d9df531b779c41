"""pinot.utils (as openvino.utils)."""

"""pinot.op: the op classes that have their own Python API (as openvino.op)."""
from pinot._pinot import Constant, Parameter, Result

__all__ = ["Constant", "Parameter", "Result"]

"""pinot.op: the op classes that have their own Python API (as openvino.op)."""
from pinot._ops.control_flow import If, Loop, TensorIterator
from pinot._pinot import Constant, Parameter, Result

__all__ = ["Constant", "If", "Loop", "Parameter", "Result", "TensorIterator"]

"""pinot.op: the op classes that have their own Python API (as openvino.op).

if_op, loop and tensor_iterator are OpenVINO's names; If, Loop and TensorIterator are
Pinot-only aliases of them."""
from pinot._ops.control_flow import If, Loop, TensorIterator, if_op, loop, tensor_iterator
from pinot._pinot import Constant, Parameter, Result

__all__ = ["Constant", "If", "Loop", "Parameter", "Result", "TensorIterator", "if_op", "loop", "tensor_iterator"]

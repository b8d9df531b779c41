"""If-8, Loop-5 and TensorIterator-1, built step by step as in OpenVINO:
create the node, set its body (a Model), describe how values enter the body
(set_input / set_invariant_input / set_sliced_input / set_merged_input) and
which body results leave it (set_output / get_iter_value /
get_concatenated_slices, each returning the new Output)."""
from typing import Any, Optional

from pinot import _pinot
from pinot._ops.registry import opset


def as_output(value: Any):
    # Imported here: _base needs numpy, and pinot._model imports this module (see the end).
    from pinot._ops._base import as_output as convert

    return convert(value)

# pinot_body_port_kind
_INVARIANT, _SLICED, _MERGED, _ITERATION, _CONCAT = range(5)


def _require(value: Any, kinds: tuple, what: str, allow_none: bool = False) -> None:
    """OpenVINO's bindings take exactly these argument types (an Output where a value is
    meant, a Parameter / Result node where a body port is); so does Pinot, so that code
    written against Pinot runs on OpenVINO unchanged."""
    if value is None and allow_none:
        return
    if not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in kinds) + (" or None" if allow_none else "")
        raise TypeError(f"{what}: expected {names}, got {type(value).__name__}")


def _output_arg(value: Any, what: str) -> None:
    _require(value, (_pinot.Output, _pinot.ConstOutput), what)


def _parameter_arg(value: Any, what: str, allow_none: bool = False) -> None:
    _require(value, (_pinot.Parameter,), what, allow_none)


def _model(body: Any):
    if not isinstance(body, _pinot.ModelBase):
        raise TypeError(f"a body must be a Model, got {type(body).__name__}")
    return body


def _parameter_index(body, parameter: Any, what: str) -> int:
    index = next((i for i, p in enumerate(body.get_parameters()) if p == parameter), -1)
    if index < 0:
        raise RuntimeError(f"{what}: the parameter is not one of the body's parameters")
    return index


def _result_index(body, value: Any, what: str) -> int:
    """The body result that is `value` (a Result) or returns it (its port or source Output)."""
    results = body.get_results()
    for i, result in enumerate(results):
        if isinstance(value, _pinot.Node):
            if result == value:
                return i
        elif value == result.output(0) or value == result.input_value(0):
            return i
    raise RuntimeError(f"{what}: the value is not returned by one of the body's results")


class _MultiSubgraph(_pinot.Node):
    """A Node whose class was switched to one of these after creation (same layout)."""

    __slots__ = ()

    def _get_body(self, index: int):
        from pinot._model import Model

        return _pinot._cf_get_body(self, index, Model)

    def _set_body(self, index: int, body: Any) -> None:
        _pinot._cf_set_body(self, index, _model(body))

    def _body(self, index: int):
        body = _pinot._cf_get_body(self, index, _pinot.ModelBase)
        if body is None:
            raise RuntimeError(f"{self.get_type_name()}: set the body before describing its inputs and outputs")
        return body

    def _add_input(self, body_index: int, kind: int, parameter: Any, value: Any, back_edge: int = 0,
                   axis: int = 0, start: int = 0, stride: int = 1, part_size: int = 1, end: int = -1) -> None:
        body = self._body(body_index)
        index = _parameter_index(body, parameter, self.get_type_name())
        port = _pinot._cf_add_input_value(self, value)
        _pinot._cf_add_body_input(self, body_index, kind, port, index, back_edge, axis, start, stride, part_size, end)


class if_op(_MultiSubgraph):  # noqa: N801  (OpenVINO's class name: openvino.op.if_op)
    """If-8: runs then_body when `execution_condition` is true, else_body otherwise."""

    __slots__ = ()

    def __new__(cls, execution_condition: Any, name: Optional[str] = None):
        _require(execution_condition, (_pinot.Output, _pinot.ConstOutput, _pinot.Node), "if_op()")
        return _create(cls, "If", [execution_condition], name)

    def get_function(self, index: int):
        return self._get_body(index)

    def set_function(self, index: int, func: Any) -> None:
        self._set_body(index, func)

    def set_then_body(self, body: Any) -> None:
        self._set_body(0, body)

    def set_else_body(self, body: Any) -> None:
        self._set_body(1, body)

    def get_then_body(self):
        return self._get_body(0)

    def get_else_body(self):
        return self._get_body(1)

    def set_input(self, value: Any, then_parameter: Any, else_parameter: Any) -> None:
        """Feed `value` (an Output) to then_parameter and else_parameter; either may be None."""
        _output_arg(value, "if_op.set_input() value")
        _parameter_arg(then_parameter, "if_op.set_input() then_parameter", allow_none=True)
        _parameter_arg(else_parameter, "if_op.set_input() else_parameter", allow_none=True)
        indices = [(b, _parameter_index(self._body(b), p, "If.set_input"))
                   for b, p in ((0, then_parameter), (1, else_parameter)) if p is not None]
        port = _pinot._cf_add_input_value(self, value)
        for body_index, index in indices:
            _pinot._cf_add_body_input(self, body_index, _INVARIANT, port, index, 0, 0, 0, 1, 1, -1)

    def set_output(self, then_result: Any, else_result: Any):
        """A new output: then_result's value or else_result's (Result nodes of the bodies), by the condition."""
        _require(then_result, (_pinot.Result,), "if_op.set_output() then_result")
        _require(else_result, (_pinot.Result,), "if_op.set_output() else_result")
        ports = [(b, _ITERATION, _result_index(self._body(b), r, "If.set_output"), -1, 0, 0, 1, 1, -1)
                 for b, r in ((0, then_result), (1, else_result))]
        return _pinot._cf_add_body_output(self, ports)


class _SingleBody(_MultiSubgraph):
    """What TensorIterator-1 and Loop-5 share (in OpenVINO both derive from SubGraphOp)."""

    __slots__ = ()

    def get_function(self):
        return self._get_body(0)

    def set_function(self, func: Any) -> None:
        self._set_body(0, func)

    def set_invariant_input(self, body_parameter: Any, value: Any) -> None:
        _parameter_arg(body_parameter, "set_invariant_input() body_parameter")
        _output_arg(value, "set_invariant_input() value")
        self._add_input(0, _INVARIANT, body_parameter, value)

    def set_sliced_input(self, parameter: Any, value: Any, start: int, stride: int, part_size: int, end: int,
                         axis: int) -> None:
        _parameter_arg(parameter, "set_sliced_input() parameter")
        _output_arg(value, "set_sliced_input() value")
        self._add_input(0, _SLICED, parameter, value, 0, axis, start, stride, part_size, end)

    def set_merged_input(self, body_parameter: Any, initial_value: Any, successive_value: Any) -> None:
        _parameter_arg(body_parameter, "set_merged_input() body_parameter")
        _output_arg(initial_value, "set_merged_input() initial_value")
        _output_arg(successive_value, "set_merged_input() successive_value")
        back_edge = _result_index(self._body(0), successive_value, f"{self.get_type_name()}.set_merged_input")
        self._add_input(0, _MERGED, body_parameter, initial_value, back_edge)

    def get_iter_value(self, body_value: Any, iteration: int = -1):
        _output_arg(body_value, "get_iter_value() body_value")
        result = _result_index(self._body(0), body_value, f"{self.get_type_name()}.get_iter_value")
        return _pinot._cf_add_body_output(self, [(0, _ITERATION, result, iteration, 0, 0, 1, 1, -1)])

    def get_concatenated_slices(self, value: Any, start: int, stride: int, part_size: int, end: int, axis: int):
        _output_arg(value, "get_concatenated_slices() value")
        result = _result_index(self._body(0), value, f"{self.get_type_name()}.get_concatenated_slices")
        return _pinot._cf_add_body_output(self, [(0, _CONCAT, result, -1, axis, start, stride, part_size, end)])


class tensor_iterator(_SingleBody):  # noqa: N801  (openvino.op.tensor_iterator)
    """TensorIterator-1: runs the body once per slice of its sliced inputs."""

    __slots__ = ()

    def __new__(cls, name: Optional[str] = None):
        return _create(cls, "TensorIterator", [], name)

    def set_body(self, body: Any) -> None:
        self.set_function(body)

    def get_body(self):
        return self.get_function()


class loop(_SingleBody):  # noqa: N801  (openvino.op.loop)
    """Loop-5: runs the body up to trip_count times while the condition holds."""

    __slots__ = ()

    def __new__(cls, trip_count: Any, execution_condition: Any, name: Optional[str] = None):
        for value in (trip_count, execution_condition):
            _require(value, (_pinot.Output, _pinot.ConstOutput, _pinot.Node), "loop()")
        return _create(cls, "Loop", [trip_count, execution_condition], name)

    def set_special_body_ports(self, special_body_ports: Any) -> None:
        """[current_iteration_input_idx, body_condition_output_idx] (-1: none)."""
        current, condition = special_body_ports
        _pinot._cf_set_special_ports(self, current, condition)


def _create(cls, type_name: str, inputs: list, name: Optional[str]):
    node = _pinot._cf_create(type_name, [as_output(v) for v in inputs], name)
    if type(node) is not cls:
        node.__class__ = cls  # a subclass of op.if_op / op.loop / op.tensor_iterator
    return node


# openvino.opsetN.if_op / loop / tensor_iterator are these very classes.
opset(since=8)(if_op)
opset(since=5)(loop)
opset(since=1)(tensor_iterator)

# Pinot-only aliases under the C++ class names (OpenVINO's Python API has only the names above).
If, Loop, TensorIterator = if_op, loop, tensor_iterator

# Nodes of these types are wrapped in these classes wherever they come from (get_ops(), input_value().node).
_pinot._set_python_types(if_=if_op, loop=loop, tensor_iterator=tensor_iterator)

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

    def get_function(self, index: int = 0):
        from pinot._model import Model

        return _pinot._cf_get_body(self, index, Model)

    def set_function(self, *args: Any) -> None:
        index, body = (0, args[0]) if len(args) == 1 else args
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
        port = _pinot._cf_add_input_value(self, as_output(value))
        _pinot._cf_add_body_input(self, body_index, kind, port, index, back_edge, axis, start, stride, part_size, end)


class If(_MultiSubgraph):
    """If-8: runs then_body when `cond` is true, else_body otherwise."""

    __slots__ = ()

    def __new__(cls, condition: Any, name: Optional[str] = None):
        return _create(cls, "If", [condition], name)

    def set_then_body(self, body: Any) -> None:
        _pinot._cf_set_body(self, 0, _model(body))

    def set_else_body(self, body: Any) -> None:
        _pinot._cf_set_body(self, 1, _model(body))

    def get_then_body(self):
        return self.get_function(0)

    def get_else_body(self):
        return self.get_function(1)

    def set_input(self, value: Any, then_parameter: Any, else_parameter: Any) -> None:
        """Feed `value` to then_parameter (then body) and else_parameter (else body); either may be None."""
        port = _pinot._cf_add_input_value(self, as_output(value))
        for body_index, parameter in ((0, then_parameter), (1, else_parameter)):
            if parameter is not None:
                index = _parameter_index(self._body(body_index), parameter, "If.set_input")
                _pinot._cf_add_body_input(self, body_index, _INVARIANT, port, index, 0, 0, 0, 1, 1, -1)

    def set_output(self, then_result: Any, else_result: Any):
        """A new output: then_result's value or else_result's, by the condition."""
        ports = [(b, _ITERATION, _result_index(self._body(b), r, "If.set_output"), -1, 0, 0, 1, 1, -1)
                 for b, r in ((0, then_result), (1, else_result))]
        return _pinot._cf_add_body_output(self, ports)


class TensorIterator(_MultiSubgraph):
    """TensorIterator-1: runs the body once per slice of its sliced inputs."""

    __slots__ = ()

    def __new__(cls, name: Optional[str] = None):
        return _create(cls, "TensorIterator", [], name)

    def set_body(self, body: Any) -> None:
        self.set_function(body)

    def get_body(self):
        return self.get_function(0)

    def set_invariant_input(self, parameter: Any, value: Any) -> None:
        self._add_input(0, _INVARIANT, parameter, value)

    def set_sliced_input(self, parameter: Any, value: Any, start: int, stride: int, part_size: int, end: int,
                         axis: int) -> None:
        self._add_input(0, _SLICED, parameter, value, 0, axis, start, stride, part_size, end)

    def set_merged_input(self, parameter: Any, initial_value: Any, successive_value: Any) -> None:
        back_edge = _result_index(self._body(0), successive_value, f"{self.get_type_name()}.set_merged_input")
        self._add_input(0, _MERGED, parameter, initial_value, back_edge)

    def get_iter_value(self, body_value: Any, iteration: int = -1):
        result = _result_index(self._body(0), body_value, f"{self.get_type_name()}.get_iter_value")
        return _pinot._cf_add_body_output(self, [(0, _ITERATION, result, iteration, 0, 0, 1, 1, -1)])

    def get_concatenated_slices(self, value: Any, start: int, stride: int, part_size: int, end: int, axis: int):
        result = _result_index(self._body(0), value, f"{self.get_type_name()}.get_concatenated_slices")
        return _pinot._cf_add_body_output(self, [(0, _CONCAT, result, -1, axis, start, stride, part_size, end)])


class Loop(TensorIterator):
    """Loop-5: runs the body up to trip_count times while the condition holds."""

    __slots__ = ()

    def __new__(cls, trip_count: Any, execution_condition: Any, name: Optional[str] = None):
        return _create(cls, "Loop", [trip_count, execution_condition], name)

    def set_special_body_ports(self, ports: Any) -> None:
        """[current_iteration_input_idx, body_condition_output_idx] (-1: none)."""
        current, condition = ports
        _pinot._cf_set_special_ports(self, current, condition)


def _create(cls, type_name: str, inputs: list, name: Optional[str]):
    node = _pinot._cf_create(type_name, [as_output(v) for v in inputs], name)
    if type(node) is not cls:
        node.__class__ = cls  # a subclass of op.If / op.Loop / op.TensorIterator
    return node


@opset(since=8)
def if_op(condition: Any, name: Optional[str] = None) -> If:
    """If-8 over a boolean `condition`; set its bodies, inputs and outputs next."""
    return _create(If, "If", [condition], name)


@opset(since=5)
def loop(trip_count: Any, execution_condition: Any, name: Optional[str] = None) -> Loop:
    """Loop-5: `trip_count` (-1: no limit) and `execution_condition`; set its body and ports next."""
    return _create(Loop, "Loop", [trip_count, execution_condition], name)


# Nodes of these types are wrapped in these classes wherever they come from (get_ops(), input_value().node).
_pinot._set_python_types(if_=If, loop=Loop, tensor_iterator=TensorIterator)

"""pinot.Model: OpenVINO's Model class (constructor forms, ports by index or
name, reshape in every form, add_outputs) over the C model in _pinot."""
import itertools
from typing import Any, Optional

from pinot import _pinot
from pinot._ops import control_flow as _control_flow  # noqa: F401  (registers op.if_op / op.loop / op.tensor_iterator)
from pinot._pinot import ConstOutput, Node, Output, PartialShape, Shape

_CONSTRUCTORS = """__init__(): incompatible constructor arguments. The following argument types are supported:
    1. Model(other: openvino.Model)
    2. Model(results: list[op.Result], sinks: list[Node], parameters: list[op.Parameter], name: str = '')
    3. Model(results: list[op.Result], parameters: list[op.Parameter], name: str = '')
    4. Model(results: list[Node], parameters: list[op.Parameter], name: str = '')
    5. Model(result: Node, parameters: list[op.Parameter], name: str = '')
    6. Model(results: list[Output], parameters: list[op.Parameter], name: str = '')
    7. Model(results: list[Output], sinks: list[Node], parameters: list[op.Parameter], name: str = '')
    8. Model(results: list[Output], sinks: list[Output], parameters: list[op.Parameter], name: str = '')

Invoked with: {invoked}"""

_RELEASED = "'Model' object has no attribute '{}' or attribute is no longer accessible."

# OpenVINO's unique model names: Model0, Model1, ... in creation order.
_unique_ids = itertools.count()


def _constructor_error(args: tuple, kwargs: dict) -> TypeError:
    invoked = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
    return TypeError(_CONSTRUCTORS.format(invoked=invoked))


def _as_result(value: Any):
    if isinstance(value, _pinot.Result):
        return value
    if isinstance(value, (Output, ConstOutput)):
        return _pinot.Result(value)
    if isinstance(value, Node):
        return _pinot.Result(value.output(0) if value.get_output_size() == 1 else value)
    return None


def _sink_node(value: Any):
    return value.get_node() if isinstance(value, (Output, ConstOutput)) else value


def _bind_arguments(args: tuple, kwargs: dict) -> dict:
    """OpenVINO's positional forms: (results, parameters[, name]), (results, sinks,
    parameters[, name]) and (results, parameters, variables[, name])."""
    positional = list(args)
    names = ["results", "parameters", "name"]
    if "sinks" in kwargs:
        names = ["results", "sinks", "parameters", "variables", "name"]
    elif len(positional) >= 3 and not isinstance(positional[2], str):
        second = positional[1]
        parameters_second = (isinstance(second, (list, tuple)) and len(second) > 0
                             and all(isinstance(p, _pinot.Parameter) for p in second))
        names = (["results", "parameters", "variables", "name"] if parameters_second
                 else ["results", "sinks", "parameters", "variables", "name"])
        if len(positional) == 4 and isinstance(positional[3], str) and not parameters_second:
            names = ["results", "sinks", "parameters", "name"]
    if len(positional) > len(names):
        raise _constructor_error(args, kwargs)
    values = dict(kwargs)
    for name, value in zip(names, positional):
        if name in values:
            raise _constructor_error(args, kwargs)
        values[name] = value
    if set(values) - {"results", "sinks", "parameters", "variables", "name"} or "results" not in values \
            or "parameters" not in values:
        raise _constructor_error(args, kwargs)
    return values


class Model(_pinot.ModelBase):
    """A model: a graph of ops with parameters (inputs) and results (outputs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) == 1 and not kwargs and isinstance(args[0], _pinot.ModelBase):
            other = args[0]
            super().__init__(other.get_results(), other.get_sinks(), other.get_parameters(),
                             other.get_friendly_name())
            self.__dict__["_unique_name"] = other.get_name()
            return
        if not args and not kwargs:
            raise _constructor_error(args, kwargs)
        values = _bind_arguments(args, kwargs)
        results = values["results"]
        results = list(results) if isinstance(results, (list, tuple)) else [results]
        results = [_as_result(r) for r in results]
        sinks = values.get("sinks", [])
        parameters = values["parameters"]
        name = values.get("name", "")
        if (None in results or not isinstance(sinks, (list, tuple)) or not isinstance(parameters, (list, tuple))
                or not all(isinstance(p, _pinot.Parameter) for p in parameters)
                or not all(isinstance(s, (Node, Output, ConstOutput)) for s in sinks)
                or not isinstance(name, str)):
            raise _constructor_error(args, kwargs)
        super().__init__(results, [_sink_node(s) for s in sinks], list(parameters), name or self.get_name())

    # ---- names ----
    def get_name(self) -> str:
        """The unique name, Model<N>, given when the model is created."""
        name = self.__dict__.get("_unique_name")
        if name is None:
            name = self.__dict__["_unique_name"] = f"Model{next(_unique_ids)}"
        return name

    @property
    def name(self) -> str:
        return self.get_name()

    @property
    def friendly_name(self) -> str:
        return self.get_friendly_name()

    @friendly_name.setter
    def friendly_name(self, value: str) -> None:
        self.set_friendly_name(value)

    @property
    def dynamic(self) -> bool:
        return self.is_dynamic()

    # ---- ports ----
    @staticmethod
    def _port(ports: list, key: Any, what: str, owner: str = "Model"):
        if key is None:
            if len(ports) != 1:
                single = "parameter" if what == "input" else "result"
                raise RuntimeError(f"{what}() must be called on a {owner} with exactly one {single}.")
            return ports[0]
        if isinstance(key, str):
            for port in ports:
                if key in port.get_names():
                    return port
            raise RuntimeError(f"{what.capitalize()} for tensor name '{key}' is not found.")
        if isinstance(key, int) and not isinstance(key, bool) and key >= 0:
            if key >= len(ports):
                raise IndexError(f"{what} index {key} is out of range (the {owner.lower()} has {len(ports)})")
            return ports[key]
        raise TypeError(f"{what}(): incompatible function arguments. The following argument types are supported:\n"
                        f"    1. (self) -> Output\n    2. (self, index: int) -> Output\n"
                        f"    3. (self, tensor_name: str) -> Output\n\nInvoked with: {key!r}")

    def input(self, key: Any = None) -> Output:
        return self._port(self.inputs, key, "input")

    def output(self, key: Any = None) -> Output:
        return self._port(self.outputs, key, "output")

    def get_output_size(self) -> int:
        return len(self.get_results())

    def get_output_op(self, index: int):
        return self.get_results()[index]

    def get_output_element_type(self, index: int):
        return self.outputs[index].get_element_type()

    def get_output_shape(self, index: int):
        return self.outputs[index].get_shape()

    def get_output_partial_shape(self, index: int):
        return self.outputs[index].get_partial_shape()

    def get_result(self):
        results = self.get_results()
        if len(results) != 1:
            raise RuntimeError("get_result() must be called on a Model with exactly one result.")
        return results[0]

    @property
    def result(self):
        return self.get_result()

    @property
    def parameters(self) -> list:
        return self.get_parameters()

    @property
    def results(self) -> list:
        return self.get_results()

    @property
    def sinks(self) -> list:
        return self.get_sinks()

    def get_ops(self) -> list:
        return self.get_ordered_ops()

    def get_result_index(self, value: Any) -> int:
        """Index of the result that is `value` (a Result node) or returns `value` (an
        Output: the result's port or its source); -1 when there is none."""
        results = self.get_results()
        if isinstance(value, Node):
            return next((i for i, r in enumerate(results) if r == value), -1)
        for i, result in enumerate(results):
            if value == result.output(0) or value == result.input_value(0):
                return i
        return -1

    def get_parameter_index(self, parameter: Any) -> int:
        return next((i for i, p in enumerate(self.get_parameters()) if p == parameter), -1)

    # ---- reshape ----
    def _input_index(self, key: Any) -> int:
        if isinstance(key, (Output, ConstOutput)):
            for i, port in enumerate(self.inputs):
                if port == key:
                    return i
            raise RuntimeError(f"PartialShape for port '{key}' is not used in ov::Model::reshape")
        if isinstance(key, int) and not isinstance(key, bool):
            self.input(key)  # IndexError when out of range
            return key
        if isinstance(key, str):
            return self.inputs.index(self.input(key))
        raise TypeError(f"Incorrect key type {type(key)} to reshape a model, expected keys as openvino.Output, "
                        f"int or str.")

    @staticmethod
    def _shape(value: Any) -> PartialShape:
        if isinstance(value, PartialShape):
            return value
        if isinstance(value, (Shape, list, tuple, str)):
            return PartialShape(value)
        raise TypeError(f"Incorrect value type {type(value)} to reshape a model, expected values as "
                        f"openvino.PartialShape, str, list or tuple.")

    def reshape(self, partial_shape: Any, variables_shapes: Optional[dict] = None) -> None:
        """reshape(shape) for a single-input model, or reshape({input: shape, ...})
        with inputs as index, tensor name or port. The C part runs without the GIL."""
        if variables_shapes is not None:
            if not isinstance(variables_shapes, dict):
                raise TypeError(f"Incorrect variables_shapes type {type(variables_shapes)}, expected a dict.")
            for key, value in variables_shapes.items():
                if not isinstance(key, str):
                    raise TypeError(f"Incorrect key type {type(key)} to reshape a model, expected values as str.")
                self._shape(value)
        if isinstance(partial_shape, dict):
            mapping = {}
            for key, value in partial_shape.items():
                index = self._input_index(key)
                mapping[index] = self._shape(value)
        elif isinstance(partial_shape, (PartialShape, list, tuple, str)):
            shape = self._shape(partial_shape)
            if len(self.inputs) != 1:
                raise RuntimeError("must be called on a Model with exactly one parameter.")
            mapping = {0: shape}
        else:
            raise TypeError(f"reshape(): incompatible function arguments: a PartialShape, list, tuple, str or dict "
                            f"is expected, got {type(partial_shape)}")
        self._reshape(mapping)

    # ---- outputs ----
    def _find_output(self, item: Any, position: Optional[int]):
        if isinstance(item, (Output, ConstOutput)):
            return item
        if isinstance(item, str):
            for node in self.get_ordered_ops():
                for out in node.outputs():
                    if item in out.get_names():
                        return out
            raise RuntimeError(f"Model::add_output. Tensor name '{item}' was not found.")
        if isinstance(item, tuple) and len(item) >= 2 and isinstance(item[0], str) and isinstance(item[1], int):
            node = next((n for n in self.get_ordered_ops() if n.get_friendly_name() == item[0]), None)
            if node is None:
                raise RuntimeError(f"Model::add_output. Operation with name '{item[0]}' was not found.")
            if not 0 <= item[1] < node.get_output_size():
                raise RuntimeError(f"Cannot add output to port {item[1]} operation {item[0]} has only "
                                   f"{node.get_output_size()} outputs.")
            return node.output(item[1])
        if position is None:
            raise TypeError("Incorrect type of a value to add as output.")
        raise TypeError(f"Incorrect type of a value to add as output at index {position}.")

    def add_outputs(self, outputs: Any) -> list:
        """Make more outputs of the graph model outputs: tensor names, (op name, port)
        pairs or Output objects, alone or in a list. Returns the new model outputs (a
        port that already is an output is returned, not added again)."""
        if isinstance(outputs, list):
            ports = [self._find_output(item, i) for i, item in enumerate(outputs)]
        else:
            ports = [self._find_output(outputs, None)]
        added = []
        for port in ports:
            results = self.get_results()
            index = next((i for i, r in enumerate(results) if port == r.output(0) or port == r.input_value(0)), -1)
            if index < 0:
                self._add_results([_pinot.Result(port)])
                index = len(results)
            added.append(self.outputs[index])
        return added

    # ---- runtime info ----
    def _rt(self):
        rt = self.__dict__.get("_rt_info")
        if rt is None:
            from pinot._rt_info import RTMap  # noqa: PLC0415

            rt = self.__dict__["_rt_info"] = RTMap()
        return rt

    def get_rt_info(self, path=None):
        """The whole RTMap, or the value at `path` (a key or a list of keys) as OVAny."""
        from pinot import _rt_info  # noqa: PLC0415

        return _rt_info.get(self._rt(), path)

    @property
    def rt_info(self):
        return self._rt()

    def has_rt_info(self, path) -> bool:
        from pinot import _rt_info  # noqa: PLC0415

        return _rt_info.has(self._rt(), path)

    def set_rt_info(self, obj, path) -> None:
        """Store `obj` at `path` (a key or a list of keys; nested maps are created)."""
        from pinot import _rt_info  # noqa: PLC0415

        _rt_info.put(self._rt(), obj, path)

    # ---- Python protocol ----
    def clone(self) -> "Model":
        copy = super().clone()
        if self.__dict__.get("_rt_info"):
            from pinot import _rt_info  # noqa: PLC0415

            copy.__dict__["_rt_info"] = _rt_info.copy(self.__dict__["_rt_info"])
        return copy

    def __copy__(self):
        raise TypeError("Cannot copy 'openvino.Model'. Please, use deepcopy instead.")

    def __deepcopy__(self, memo: Any) -> "Model":
        return self.clone()

    def __enter__(self) -> "Model":
        return self

    def __exit__(self, *exc: Any) -> None:
        self._release()
        self.__class__ = _ReleasedModel

    def __repr__(self) -> str:
        # OpenVINO prints a model's ports as ConstOutput.
        inputs = ",\n".join(repr(p).replace("<Output:", "<ConstOutput:", 1) for p in self.inputs)
        outputs = ",\n".join(repr(p).replace("<Output:", "<ConstOutput:", 1) for p in self.outputs)
        return f"<Model: '{self.get_friendly_name()}'\ninputs[\n{inputs}\n]\noutputs[\n{outputs}\n]>"


class _ReleasedModel(Model):
    """What a Model becomes when its `with` block ends: every attribute is gone."""

    def __getattribute__(self, name: str) -> Any:
        if name in ("__class__", "__dict__"):
            return object.__getattribute__(self, name)
        raise AttributeError(_RELEASED.format(name))

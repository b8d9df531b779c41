"""pinot.Model: OpenVINO's Model class (constructor forms, ports by index or
name, reshape in every form, add_outputs) over the C model in _pinot."""
from typing import Any, Optional

from pinot import _pinot
from pinot._pinot import ConstOutput, Node, Output, PartialShape, Shape

_CONSTRUCTORS = """Model cannot be instantiated without arguments.
Please specify one of the following constructors:
1. Model(other: openvino.Model)
2. Model(results: list[op.Result], sinks: list[Node], parameters: list[op.Parameter], name: str = '')
3. Model(results: list[Node], parameters: list[op.Parameter], name: str = '')
4. Model(result: Node, parameters: list[op.Parameter], name: str = '')
5. Model(results: list[Output], parameters: list[op.Parameter], name: str = '')
6. Model(results: list[Output], sinks: list[Node], parameters: list[op.Parameter], name: str = '')"""


def _as_result(value: Any):
    if isinstance(value, _pinot.Result):
        return value
    if isinstance(value, (Output, ConstOutput)):
        return _pinot.Result(value)
    if isinstance(value, Node):
        return _pinot.Result(value.output(0) if value.get_output_size() == 1 else value)
    raise TypeError(f"Model results must be Nodes or Outputs, got {type(value)}")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _sink_node(value: Any):
    return value.get_node() if isinstance(value, (Output, ConstOutput)) else value


class Model(_pinot.ModelBase):
    """A model: a graph of ops with parameters (inputs) and results (outputs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not args and not kwargs:
            raise ValueError(_CONSTRUCTORS)
        if len(args) == 1 and not kwargs and isinstance(args[0], _pinot.ModelBase):
            other = args[0]
            super().__init__(other.get_results(), other.get_sinks(), other.get_parameters(),
                             other.get_friendly_name())
            return
        names = ["results", "sinks", "parameters", "name"]
        values = dict(kwargs)
        positional = list(args)
        # Disambiguate (results, parameters, name) from (results, sinks, parameters, name).
        if "sinks" not in values and len(positional) <= 3 and (
            len(positional) < 3 or isinstance(positional[2], str)
        ):
            names = ["results", "parameters", "name"]
        for name, value in zip(names, positional):
            if name in values:
                raise TypeError(f"Model() got multiple values for argument '{name}'")
            values[name] = value
        unknown = set(values) - {"results", "sinks", "parameters", "name", "variables"}
        if unknown:
            raise TypeError(f"Model() got unexpected keyword arguments {sorted(unknown)}")
        results = [_as_result(r) for r in _as_list(values.get("results"))]
        sinks = [_sink_node(s) for s in _as_list(values.get("sinks"))]
        parameters = _as_list(values.get("parameters"))
        name = values.get("name") or ""
        super().__init__(results, sinks, parameters, name)

    # ---- names ----
    def get_name(self) -> str:
        return f"Model{self._get_raw_address() % 100000}"

    @property
    def name(self) -> str:
        return self.get_friendly_name()

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
    def _port(ports: list, key: Any, what: str):
        if key is None:
            if len(ports) != 1:
                raise RuntimeError(f"{what}() must be called on a model with exactly one {what} (got {len(ports)})")
            return ports[0]
        if isinstance(key, str):
            for port in ports:
                if key in port.get_names():
                    return port
            raise RuntimeError(f"{what}(): the model has no {what} with tensor name '{key}'")
        if isinstance(key, int):
            if not 0 <= key < len(ports):
                raise RuntimeError(f"{what}(): index {key} is out of range (the model has {len(ports)})")
            return ports[key]
        raise TypeError(f"{what}() takes an int index or a str tensor name, got {type(key)}")

    def input(self, key: Any = None):
        return self._port(self.inputs, key, "input")

    def output(self, key: Any = None):
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
            raise RuntimeError(f"get_result() must be called on a model with exactly one result (got {len(results)})")
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
        if isinstance(value, Node) and value.get_type_name() == "Result":
            for i, result in enumerate(self.get_results()):
                if result == value:
                    return i
            return -1
        for i, port in enumerate(self.outputs):
            if port == value or (isinstance(value, (Output, ConstOutput)) and port.get_node() == value.get_node()
                                 and port.get_index() == value.get_index()):
                return i
        return -1

    def get_parameter_index(self, parameter: Any) -> int:
        for i, p in enumerate(self.get_parameters()):
            if p == parameter:
                return i
        return -1

    # ---- reshape ----
    def _input_index(self, key: Any) -> int:
        if isinstance(key, bool):
            raise TypeError(self._bad_key(key))
        if isinstance(key, int):
            if not 0 <= key < len(self.inputs):
                raise RuntimeError(f"reshape: the model has no input {key}")
            return key
        if isinstance(key, str):
            for i, port in enumerate(self.inputs):
                if key in port.get_names():
                    return i
            raise RuntimeError(f"reshape: the model has no input with tensor name '{key}'")
        if isinstance(key, (Output, ConstOutput)):
            for i, port in enumerate(self.inputs):
                if port.get_node() == key.get_node() and port.get_index() == key.get_index():
                    return i
            raise RuntimeError("reshape: the port is not an input of the model")
        raise TypeError(self._bad_key(key))

    @staticmethod
    def _bad_key(key: Any) -> str:
        return (f"Incorrect key type {type(key)} to reshape a model, expected keys as openvino.Output, "
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
        with inputs as index, tensor name or port."""
        if variables_shapes:
            for key in variables_shapes:
                if not isinstance(key, str):
                    raise TypeError(f"Incorrect key type {type(key)} to reshape a model, expected values as str.")
        if isinstance(partial_shape, dict):
            mapping = {self._input_index(k): self._shape(v) for k, v in partial_shape.items()}
        else:
            shape = self._shape(partial_shape)
            if len(self.inputs) != 1:
                raise RuntimeError("reshape(shape) needs a model with exactly one input; pass a dict for more")
            mapping = {0: shape}
        self._reshape(mapping)

    # ---- outputs ----
    def add_outputs(self, outputs: Any) -> list:
        """Make more outputs of the graph model outputs: tensor names, (op name, port)
        pairs or Output objects, alone or in a list. Returns the new model outputs."""
        items = outputs if isinstance(outputs, list) else [outputs]
        single = not isinstance(outputs, list)
        ports = []
        ops = None
        for position, item in enumerate(items):
            if isinstance(item, (Output, ConstOutput)):
                ports.append(item)
                continue
            if isinstance(item, str):
                ops = ops if ops is not None else self.get_ordered_ops()
                port = next((out for op in ops for out in op.outputs() if item in out.get_names()), None)
                if port is None:
                    raise RuntimeError(f"add_outputs: tensor name '{item}' was not found in the model")
                ports.append(port)
                continue
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], int):
                ops = ops if ops is not None else self.get_ordered_ops()
                op = next((op for op in ops if op.get_friendly_name() == item[0]), None)
                if op is None:
                    raise RuntimeError(f"add_outputs: op '{item[0]}' was not found in the model")
                if not 0 <= item[1] < op.get_output_size():
                    raise RuntimeError(f"add_outputs: op '{item[0]}' has no output {item[1]}")
                ports.append(op.output(item[1]))
                continue
            if single:
                raise TypeError("Incorrect type of a value to add as output.")
            raise TypeError(f"Incorrect type of a value to add as output at index {position}")
        existing = {(p.get_node(), p.get_index()) for p in self.outputs}
        new_results = [_pinot.Result(p) for p in ports if (p.get_node(), p.get_index()) not in existing]
        if new_results:
            self._add_results(new_results)
        all_outputs = self.outputs
        return [next(o for o in all_outputs if o.get_node() == p.get_node() and o.get_index() == p.get_index())
                for p in ports]

    # ---- Python protocol ----
    def clone(self) -> "Model":
        copy = super().clone()
        return copy

    def __copy__(self):
        raise TypeError("Cannot copy 'openvino.Model'. Please, use deepcopy instead.")

    def __deepcopy__(self, memo: Any) -> "Model":
        return self.clone()

    def __enter__(self) -> "Model":
        return self

    def __exit__(self, *exc: Any) -> None:
        self._release()

    def __repr__(self) -> str:
        # OpenVINO prints a model's ports as ConstOutput.
        inputs = ",\n".join(repr(p).replace("<Output:", "<ConstOutput:", 1) for p in self.inputs)
        outputs = ",\n".join(repr(p).replace("<Output:", "<ConstOutput:", 1) for p in self.outputs)
        return f"<Model: '{self.get_friendly_name()}'\ninputs[\n{inputs}\n]\noutputs[\n{outputs}\n]>"


"""Core, CompiledModel, InferRequest, compile_model and OVDict, as OpenVINO's
Python API: argument handling and numpy conversion on top of the C
primitives in _pinot (which do the work with the GIL released)."""
import collections.abc
import os
import pathlib
from typing import Any, Iterator, Optional, Union

import numpy as np

from pinot import _pinot
from pinot._model import Model
from pinot._pinot import ConstOutput, Output, Tensor, Type

DEVICES = ["CPU"]


# ------------------------------------------------------------------ OVDict
class OVDict(collections.abc.Mapping):
    """Inference results: {ConstOutput: ndarray} in model output order, also
    indexable by output position and by tensor name."""

    def __init__(self, _dict: dict) -> None:
        self._dict = _dict
        self._names: Optional[list] = None

    def __iter__(self) -> Iterator:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __repr__(self) -> str:
        return repr(self._dict)

    def _keys_by_name(self) -> list:
        if self._names is None:
            self._names = [(key, key.get_names()) for key in self._dict]
        return self._names

    def __getitem__(self, key: Any) -> np.ndarray:
        if isinstance(key, (ConstOutput, Output)):
            return self._dict[key]
        if isinstance(key, int):
            try:
                return self._dict[list(self._dict)[key]]
            except IndexError:
                raise KeyError(key) from None
        if isinstance(key, str):
            for port, names in self._keys_by_name():
                if key in names:
                    return self._dict[port]
            raise KeyError(key)
        raise TypeError(f"Unknown key type: {type(key)}")

    def __setitem__(self, key: Any, value: Any) -> None:
        raise TypeError("'OVDict' object does not support item assignment")

    def keys(self):
        return self._dict.keys()

    def values(self):
        return self._dict.values()

    def items(self):
        return self._dict.items()

    def names(self) -> tuple:
        return tuple(names for _, names in self._keys_by_name())

    def to_dict(self) -> dict:
        return self._dict

    def to_tuple(self) -> tuple:
        return tuple(self._dict.values())


# ------------------------------------------------------------------ input dispatch
def _target_index(request: "InferRequest", key: Any) -> int:
    if isinstance(key, bool):
        raise TypeError(f"Incompatible key type for input: {key!r}")
    if isinstance(key, int):
        if not 0 <= key < len(request.model_inputs):
            raise RuntimeError(f"The model has no input {key} (it has {len(request.model_inputs)})")
        return key
    if isinstance(key, (str, ConstOutput, Output)):
        is_input, index = request._find_port(key)
        if not is_input:
            raise RuntimeError(f"{key!r} is an output, not an input")
        return index
    raise TypeError(f"Incompatible key type for input: {key!r}")


def _normalize(request: "InferRequest", inputs: Any) -> dict:
    """The user's inputs as {input index: value}."""
    if inputs is None:
        return {}
    if isinstance(inputs, OVDict):
        return dict(enumerate(inputs.values()))
    if isinstance(inputs, dict):
        return {_target_index(request, k): v for k, v in inputs.items()}
    if isinstance(inputs, (list, tuple)):
        flat_scalars = all(isinstance(v, (str, bytes, int, float)) or
                           (isinstance(v, list) and all(isinstance(x, (str, bytes, int, float)) for x in v))
                           for v in inputs)
        if len(request.model_inputs) == 1 and inputs and flat_scalars and not isinstance(inputs, tuple):
            return {0: np.array(inputs)}
        return dict(enumerate(inputs))
    if isinstance(inputs, (np.ndarray, Tensor, np.generic, int, float, str, bytes)) or hasattr(inputs, "__array__"):
        if len(request.model_inputs) != 1:
            raise RuntimeError(f"A single input was given to a model with {len(request.model_inputs)} inputs")
        return {0: inputs}
    raise TypeError(f"Incompatible inputs of type: {type(inputs)}")


def _dtype_of(port) -> Optional[np.dtype]:
    element = port.get_element_type()
    if element == Type.string:
        return None
    if element == Type.bf16:
        return np.dtype(np.float32)
    return np.dtype(element.to_dtype())


def _bind(request: "InferRequest", index: int, value: Any, shared: bool) -> None:
    port = request.model_inputs[index]
    element = port.get_element_type()
    if isinstance(value, Tensor):
        request._set_input_tensor(index, value)
        return
    if not isinstance(value, np.ndarray):
        value = np.array(value) if not hasattr(value, "__array__") else np.asarray(value)
    if element == Type.string:
        request._set_input_tensor(index, Tensor(value if value.dtype.kind in "SU" else value.astype(str)))
        return
    target = _dtype_of(port)
    if element == Type.bf16:
        # bf16 is the top half of an f32, rounded to nearest even.
        bits = np.ascontiguousarray(value, dtype=np.float32).view(np.uint32)
        rounded = ((bits + np.uint32(0x7FFF) + ((bits >> np.uint32(16)) & np.uint32(1))) >> np.uint32(16))
        tensor = Tensor(Type.bf16, value.shape)
        tensor.data.view(np.uint16)[...] = rounded.astype(np.uint16)
        request._set_input_tensor(index, tensor)
        return
    if value.ndim == 0 and not shared:
        request._set_input_tensor(index, Tensor(np.array(value, dtype=target)))
        return
    if shared and value.dtype == target and value.flags.c_contiguous and value.flags.writeable:
        request._set_input_tensor(index, Tensor(value, shared_memory=True))
        return
    if shared:
        request._set_input_tensor(index, Tensor(np.ascontiguousarray(value, dtype=target)))
        return
    # Copy mode: write into the request's own tensor, reshaping it if needed.
    tensor = request._get_input_tensor(index)
    if tensor.element_type != element or not tensor.data.flags.writeable:
        tensor = Tensor(element, value.shape)
        request._set_input_tensor(index, tensor)
    if tuple(tensor.shape) != value.shape:
        try:
            tensor.shape = list(value.shape)
        except RuntimeError:
            tensor = Tensor(element, value.shape)
            request._set_input_tensor(index, tensor)
    if value.size:
        tensor.data[...] = value


def _outputs_to_dict(request: "InferRequest", share_outputs: bool, decode_strings: bool) -> OVDict:
    result = {}
    for index, port in enumerate(request.model_outputs):
        tensor = request._get_output_tensor(index)
        if tensor.element_type == Type.string:
            value = tensor.str_data if decode_strings else tensor.bytes_data
        else:
            value = tensor.data if share_outputs else tensor.data.copy()
        result[port] = value
    return OVDict(result)


# ------------------------------------------------------------------ InferRequest
class InferRequest(_pinot.InferRequestBase):
    """A request of a compiled model, with its own input and output tensors."""

    def infer(self, inputs: Any = None, share_inputs: bool = False, share_outputs: bool = False, *,
              decode_strings: bool = True) -> OVDict:
        for index, value in _normalize(self, inputs).items():
            _bind(self, index, value, share_inputs)
        self._inputs_data = inputs if share_inputs else None
        self._infer()
        return _outputs_to_dict(self, share_outputs, decode_strings)

    def get_compiled_model(self) -> "CompiledModel":
        return self._compiled_model

    @property
    def results(self) -> OVDict:
        return _outputs_to_dict(self, False, True)

    def _index(self, key: Any, want_input: Optional[bool] = None) -> tuple:
        is_input, index = self._find_port(key)
        if want_input is not None and is_input != want_input:
            raise RuntimeError(f"{key!r} is not an {'input' if want_input else 'output'} of the model")
        return is_input, index

    def get_tensor(self, key: Any) -> Tensor:
        is_input, index = self._index(key)
        return self._get_input_tensor(index) if is_input else self._get_output_tensor(index)

    def set_tensor(self, key: Any, tensor: Tensor) -> None:
        is_input, index = self._index(key)
        if is_input:
            self._set_input_tensor(index, tensor)
        else:
            self._set_output_tensor(index, tensor)

    def set_tensors(self, inputs: dict) -> None:
        for key, tensor in inputs.items():
            if isinstance(key, int):
                self._set_input_tensor(key, tensor)
            else:
                self.set_tensor(key, tensor)

    @staticmethod
    def _only(count: int, what: str) -> int:
        if count != 1:
            raise RuntimeError(f"The model has {count} {what}s: pass an index")
        return 0

    def get_input_tensor(self, index: Optional[int] = None) -> Tensor:
        return self._get_input_tensor(self._only(len(self.model_inputs), "input") if index is None else index)

    def get_output_tensor(self, index: Optional[int] = None) -> Tensor:
        return self._get_output_tensor(self._only(len(self.model_outputs), "output") if index is None else index)

    def set_input_tensor(self, *args: Any) -> None:
        if len(args) == 1:
            self._set_input_tensor(self._only(len(self.model_inputs), "input"), args[0])
        else:
            self._set_input_tensor(args[0], args[1])

    def set_output_tensor(self, *args: Any) -> None:
        if len(args) == 1:
            self._set_output_tensor(self._only(len(self.model_outputs), "output"), args[0])
        else:
            self._set_output_tensor(args[0], args[1])

    def set_input_tensors(self, inputs: Union[dict, list]) -> None:
        items = inputs.items() if isinstance(inputs, dict) else enumerate(inputs)
        for index, tensor in items:
            self._set_input_tensor(index, tensor)

    def set_output_tensors(self, outputs: dict) -> None:
        for index, tensor in outputs.items():
            self._set_output_tensor(index, tensor)

    @property
    def input_tensors(self) -> list:
        return [self._get_input_tensor(i) for i in range(len(self.model_inputs))]

    @property
    def output_tensors(self) -> list:
        return [self._get_output_tensor(i) for i in range(len(self.model_outputs))]

    def __repr__(self) -> str:
        inputs = ",\n".join(repr(p) for p in self.model_inputs)
        outputs = ",\n".join(repr(p) for p in self.model_outputs)
        return f"<InferRequest:\ninputs[\n{inputs}\n]\noutputs[\n{outputs}\n]>"


# ------------------------------------------------------------------ CompiledModel
class CompiledModel(_pinot.CompiledModelBase):
    """A model compiled for a device; creates infer requests and runs them."""

    def __init__(self, model: Model, device: str = "CPU", config: Optional[dict] = None) -> None:
        super().__init__(model, device)
        self._infer_request: Optional[InferRequest] = None
        self._config = dict(config or {})
        self._model_name = model.get_friendly_name()

    def create_infer_request(self) -> InferRequest:
        return self._create_request(InferRequest)

    def infer_new_request(self, inputs: Any = None) -> OVDict:
        return self.create_infer_request().infer(inputs)

    def __call__(self, inputs: Any = None, share_inputs: bool = True, share_outputs: bool = False, *,
                 decode_strings: bool = True) -> OVDict:
        if self._infer_request is None:
            self._infer_request = self.create_infer_request()
        return self._infer_request.infer(inputs, share_inputs=share_inputs, share_outputs=share_outputs,
                                         decode_strings=decode_strings)

    @staticmethod
    def _port(ports: list, key: Any, what: str):
        return Model._port(ports, key, what)

    def input(self, key: Any = None) -> ConstOutput:
        return self._port(self.inputs, key, "input")

    def output(self, key: Any = None) -> ConstOutput:
        return self._port(self.outputs, key, "output")

    def get_property(self, name: str) -> Any:
        key = str(name)
        if key == "NETWORK_NAME":
            return self._model_name
        if key == "EXECUTION_DEVICES":
            return [self._get_device()]
        if key == "OPTIMAL_NUMBER_OF_INFER_REQUESTS":
            return 1
        if key in self._config:
            return self._config[key]
        raise RuntimeError(f"Unsupported property {key} by CPU plugin")

    def __repr__(self) -> str:
        inputs = ",\n".join(repr(p) for p in self.inputs)
        outputs = ",\n".join(repr(p) for p in self.outputs)
        return f"<CompiledModel:\ninputs[\n{inputs}\n]\noutputs[\n{outputs}\n]>"


# ------------------------------------------------------------------ Core
def _device_name(device_name: Optional[str]) -> str:
    if device_name is None:
        return "AUTO"
    return device_name


class Core:
    """Entry point: reads and compiles models for the available devices."""

    def __init__(self, xml_config_file: str = "") -> None:
        self._properties: dict = {}

    def get_available_devices(self) -> list:
        return list(DEVICES)

    @property
    def available_devices(self) -> list:
        return self.get_available_devices()

    def compile_model(self, model: Any, device_name: Optional[str] = None, config: Optional[dict] = None, *,
                      weights: Any = None) -> CompiledModel:
        if isinstance(model, (str, bytes, pathlib.PurePath)):
            model = self.read_model(model, weights)
        elif not isinstance(model, _pinot.ModelBase):
            raise RuntimeError(f"Path: '{model}' does not exist. Please provide valid model's path either as a "
                               f"string, bytes or pathlib.Path")
        return CompiledModel(model, _device_name(device_name), config)

    def read_model(self, model: Any, weights: Any = None, config: Optional[dict] = None) -> Model:
        if isinstance(model, Model):
            return model
        if not isinstance(model, (str, bytes, pathlib.PurePath)) and not hasattr(model, "read"):
            raise TypeError(f"Provided python object type {type(model)} isn't supported as 'model' argument.")
        path = os.fspath(model) if isinstance(model, pathlib.PurePath) else model
        raise RuntimeError(f"Reading models from files is not supported yet: {path!r}")

    def set_property(self, *args: Any) -> None:
        if len(args) == 1 and isinstance(args[0], dict):
            self._properties.update({str(k): v for k, v in args[0].items()})
        elif len(args) == 1 and isinstance(args[0], tuple):
            self._properties[str(args[0][0])] = args[0][1]
        elif len(args) == 2 and isinstance(args[1], dict):
            self._properties.update({str(k): v for k, v in args[1].items()})
        elif len(args) == 2 and isinstance(args[1], tuple):
            self._properties[str(args[1][0])] = args[1][1]
        else:
            raise TypeError("set_property() takes a dict or a (key, value) pair, optionally after a device name")

    def get_property(self, *args: Any) -> Any:
        name = str(args[-1])
        if name == "AVAILABLE_DEVICES":
            return self.get_available_devices()
        if name in self._properties:
            return self._properties[name]
        raise RuntimeError(f"Unsupported property {name} by CPU plugin")

    def get_versions(self, device_name: str) -> dict:
        from pinot._pinot import get_version  # noqa: PLC0415

        return {device_name: get_version()}

    def __repr__(self) -> str:
        return f"<Core: available plugins[{', '.join(DEVICES)}]>"


def compile_model(model: Any, device_name: Optional[str] = "AUTO", config: Optional[dict] = None) -> CompiledModel:
    """Compile a model (a Model or a path) with a fresh Core, on AUTO by default."""
    return Core().compile_model(model, device_name, config)

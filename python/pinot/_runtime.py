"""Core, CompiledModel, InferRequest, compile_model and OVDict, as OpenVINO's
Python API: argument handling and numpy conversion on top of the C
primitives in _pinot (which do the work with the GIL released).

The input dispatcher follows OpenVINO's rules (API.md §9) step by step,
including its error messages: in copy mode arrays are written into the
request's current tensors, in shared mode they are wrapped without a copy
when their type and layout allow it."""
import atexit
import collections.abc
import os
import pathlib
from typing import Any, Iterator, Optional, Union

import numpy as np

from pinot import _pinot
from pinot._model import Model
from pinot._pinot import ConstOutput, Tensor, Type

# Stream workers must leave Python alone once the interpreter shuts down.
atexit.register(_pinot._at_exit)

DEVICES = ["CPU"]
# Devices compile_model accepts (AUTO picks CPU; TEMPLATE runs reference kernels).
_COMPILE_DEVICES = ("CPU", "AUTO", "TEMPLATE")
# Properties of the Core itself rather than of a device.
_CORE_PROPERTIES = {"CACHE_DIR": "", "ENABLE_MMAP": True, "FORCE_TBB_TERMINATE": False}


# ------------------------------------------------------------------ OVDict
class OVDict(collections.abc.Mapping):
    """Inference results: {ConstOutput: ndarray} in model output order, also
    indexable by output position (negative too) and by tensor name."""

    __slots__ = ("_dict", "_names", "__weakref__")

    def __init__(self, _dict: dict) -> None:
        self._dict = _dict
        self._names: Optional[dict] = None

    def __iter__(self) -> Iterator:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __repr__(self) -> str:
        return repr(self._dict)

    def _port_names(self) -> dict:
        if self._names is None:
            self._names = {key: key.get_names() for key in self._dict}
        return self._names

    def __getitem__(self, key: Any) -> np.ndarray:
        if isinstance(key, ConstOutput):
            return self._dict[key]
        if isinstance(key, int):
            try:
                return self._dict[list(self._dict)[key]]
            except IndexError:
                raise KeyError(key) from None
        if isinstance(key, str):
            for port, names in self._port_names().items():
                if key in names:
                    return self._dict[port]
            raise KeyError(key)
        raise TypeError(f"Unknown key type: {type(key)}")

    def keys(self):
        return self._dict.keys()

    def values(self):
        return self._dict.values()

    def items(self):
        return self._dict.items()

    def names(self) -> tuple:
        return tuple(self._port_names().values())

    def to_dict(self) -> dict:
        return self._dict

    def to_tuple(self) -> tuple:
        return tuple(self._dict.values())


# ------------------------------------------------------------------ input dispatch (API.md §9)
_SCALARS = (np.number, int, float, str, bytes)


def _is_simple_list(values: list) -> bool:
    """Only str/bytes/int/float, or lists of them: one value for a single-input model."""
    simple = (str, float, int, bytes)
    return all(all(isinstance(x, simple) for x in v) if isinstance(v, list) else isinstance(v, simple)
               for v in values)


def _request_tensor(request: "InferRequest", key: Any) -> Tensor:
    if key is None:
        return request.get_input_tensor()
    if isinstance(key, int):
        return request.get_input_tensor(key)
    if isinstance(key, (str, ConstOutput)):
        return request.get_tensor(key)
    raise TypeError(f"Unsupported key type: {type(key)} for Tensor under key: {key}")


def _set_request_tensor(request: "InferRequest", tensor: Tensor, key: Any) -> None:
    if key is None:
        request.set_input_tensor(tensor)
    elif isinstance(key, int):
        request.set_input_tensor(key, tensor)
    else:
        request.set_tensor(key, tensor)


def _value_to_tensor(value: Any, request: "InferRequest", shared: bool, key: Any = None) -> Tensor:
    """The Tensor to bind for one value (shared with `value` only where allowed)."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, np.ndarray):
        tensor = _request_tensor(request, key)
        element = tensor.get_element_type()
        if element == Type.string:
            return Tensor(value, shared_memory=False)
        dtype = element.to_dtype()
        if value.ndim == 0:
            if dtype == value.dtype and tuple(tensor.shape) == value.shape:
                return Tensor(value, shared_memory=shared and value.flags["WRITEABLE"])
            # A dynamic input never set has size 0 and cannot take a 0-d shape.
            shape = (1,) if tensor.size == 0 else tuple(tensor.shape)
            return Tensor(value.astype(dtype).reshape(shape), shared_memory=False)
        if element == Type.bf16:  # raw 16-bit copy, as OpenVINO (bf16 shows as float16 in numpy)
            copy = Tensor(element, value.shape)
            copy.data[:] = value.view(dtype)
            return copy
        if not value.flags["WRITEABLE"]:
            copy = Tensor(element, value.shape)
            copy.data[:] = value.astype(dtype) if dtype != value.dtype else value
            return copy
        if dtype != value.dtype:
            return Tensor(value.astype(dtype), shared_memory=False)
        return Tensor(value, shared_memory=shared)
    if isinstance(value, list):
        return Tensor(value)
    if isinstance(value, _SCALARS):
        element = _request_tensor(request, key).get_element_type()
        array = np.array(value)
        if element != Type.string and element.to_dtype() != array.dtype:
            array = array.astype(element.to_dtype())
        return Tensor(array, shared_memory=False)
    raise TypeError(f"Incompatible inputs of type: {type(value)}")


def _c_style(value: Any, shared: bool) -> Any:
    if not isinstance(value, np.ndarray):
        if hasattr(value, "__array__"):
            return _c_style(np.asarray(value), shared) if shared else np.array(value, copy=True)
        return value
    return value if value.flags["C_CONTIGUOUS"] else np.ascontiguousarray(value)


def _normalize(inputs: Any, shared: bool) -> Any:
    """Containers as {key: value}; arrays made C-contiguous in shared mode."""
    fix = (lambda v: _c_style(v, True)) if shared else (lambda v: v)
    if isinstance(inputs, OVDict):
        return {i: fix(v) for i, v in enumerate(inputs.values())}
    if isinstance(inputs, dict):
        return {k: fix(v) for k, v in inputs.items()}
    if isinstance(inputs, (list, tuple)):
        return {i: fix(v) for i, v in enumerate(inputs)}
    if isinstance(inputs, np.ndarray):
        return fix(inputs)
    if hasattr(inputs, "__array__"):
        return _c_style(inputs, True) if shared else np.array(inputs, copy=True)
    raise TypeError(f"Incompatible inputs of type: {type(inputs)}")


def _create_shared(inputs: Any, request: "InferRequest") -> Union[dict, Tensor]:
    if isinstance(inputs, list) and request._is_single_input() and _is_simple_list(inputs):
        inputs = [inputs]
    if isinstance(inputs, (dict, list, tuple, OVDict)):
        request._inputs_data = _normalize(inputs, True)
        return {k: _value_to_tensor(v, request, True, k) for k, v in request._inputs_data.items()}
    if isinstance(inputs, (Tensor,) + _SCALARS):
        return _value_to_tensor(inputs, request, True)
    if isinstance(inputs, np.ndarray) or hasattr(inputs, "__array__"):
        request._inputs_data = _normalize(inputs, True)
        return _value_to_tensor(request._inputs_data, request, True)
    raise TypeError(f"Incompatible inputs of type: {type(inputs)}")


def _update_tensor(value: Any, request: "InferRequest", key: Any) -> None:
    """Copy mode: write an array into the request's current tensor (resized to fit)."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            _set_request_tensor(request, _value_to_tensor(value, request, False, key), key)
            return
        tensor = _request_tensor(request, key)
        if tuple(tensor.shape) != value.shape:
            tensor.shape = value.shape
        if tensor.element_type == Type.string:
            tensor.bytes_data = value
        else:
            tensor.data[:] = value[:]
        return
    if isinstance(value, (np.number, float, int, str)):
        _set_request_tensor(request, _value_to_tensor(value, request, False, key), key)
        return
    if hasattr(value, "__array__"):
        _update_tensor(_normalize(value, False), request, key)
        return
    raise TypeError(f"Incompatible inputs of type: {type(value)} under {key} key!")


def _update_inputs(inputs: dict, request: "InferRequest") -> dict:
    """Copy mode for a container: arrays and scalars are written now; lists and
    Tensors are returned to be bound. The user's container is not modified."""
    bound = {}
    for key, value in inputs.items():
        if not isinstance(key, (str, int, ConstOutput)):
            raise TypeError(f"Incompatible key type for input: {key}")
        if isinstance(value, (np.ndarray, np.number, int, float, str)) or hasattr(value, "__array__"):
            _update_tensor(value, request, key)
        elif isinstance(value, list):
            bound[key] = Tensor(value)
        elif isinstance(value, Tensor):
            bound[key] = value
        else:
            raise TypeError(f"Incompatible inputs of type: {type(value)} under {key} key!")
    return bound


def _create_copied(inputs: Any, request: "InferRequest") -> Union[dict, Tensor]:
    if isinstance(inputs, list) and request._is_single_input() and _is_simple_list(inputs):
        inputs = [inputs]
    if isinstance(inputs, (dict, list, tuple, OVDict)):
        return _update_inputs(_normalize(inputs, False), request)
    if isinstance(inputs, (Tensor,) + _SCALARS):
        return _value_to_tensor(inputs, request, False)
    if isinstance(inputs, np.ndarray) or hasattr(inputs, "__array__"):
        _update_tensor(_normalize(inputs, False), request, None)
        return {}
    raise TypeError(f"Incompatible inputs of type: {type(inputs)}")


def _data_dispatch(request: "InferRequest", inputs: Any, shared: bool) -> Union[dict, Tensor]:
    if inputs is None:
        return {}
    return _create_shared(inputs, request) if shared else _create_copied(inputs, request)


def _outputs_to_dict(request: "InferRequest", share_outputs: bool, decode_strings: bool) -> OVDict:
    result = {}
    for index, port in enumerate(request.model_outputs):
        tensor = request._get_output_tensor(index)
        if tensor.element_type == Type.string:
            if share_outputs:
                import warnings  # noqa: PLC0415

                warnings.warn("Result of a string type will be copied to OVDict!", RuntimeWarning, stacklevel=3)
            value = tensor.str_data if decode_strings else tensor.bytes_data
        else:
            value = tensor.data if share_outputs else tensor.data.copy()
        result[port] = value
    return OVDict(result)


# ------------------------------------------------------------------ InferRequest
_ONE_INPUT = "{}() must be called on a function with exactly one parameter."
_ONE_OUTPUT = "{}() must be called on a function with exactly one result."
_BATCHED = "get_tensor shall not be used together with batched set_tensors/set_input_tensors"


_BUSY = "Infer Request is busy"


def _fast_dtype(port: Any) -> Optional[np.dtype]:
    """The numpy dtype an array must have to be shared as-is with this input, or None
    when the input always goes through the full dispatcher (strings, bf16, packed types)."""
    element = port.get_element_type()
    if element in (Type.string, Type.bf16, Type.dynamic) or element.bitwidth < 8 or element.bitwidth > 64:
        return None
    return np.dtype(element.to_dtype())


def _bind_shared_arrays(request: "InferRequest", inputs: Any) -> bool:
    """The common case of shared mode, without the general dispatcher: inputs by index
    (dict with int keys, list, tuple, or one array) of C-contiguous, writeable arrays of the
    inputs' dtypes. They are bound as shared tensors exactly as the dispatcher would bind
    them. Returns False (having bound nothing) for anything else."""
    dtypes = request.__dict__.get("_input_dtypes")
    if dtypes is None:
        dtypes = request.__dict__["_input_dtypes"] = [_fast_dtype(p) for p in request.model_inputs]
    if type(inputs) is dict:
        items = inputs.items()
    elif type(inputs) in (list, tuple):
        items = enumerate(inputs)
    elif type(inputs) is np.ndarray and len(dtypes) == 1:
        items = ((0, inputs),)
    else:
        return False
    if request.__dict__.get("_batched_inputs"):
        return False
    pairs = []
    for key, value in items:
        if type(key) is not int or not 0 <= key < len(dtypes) or type(value) is not np.ndarray:
            return False
        flags = value.flags
        if value.ndim == 0 or value.dtype != dtypes[key] or not flags.c_contiguous or not flags.writeable:
            return False
        pairs.append((key, value))
    for key, value in pairs:
        request._set_input_tensor(key, Tensor(value, shared_memory=True))
    request._inputs_data = inputs
    return True


def _bind_inputs(request: "InferRequest", inputs: Any, share_inputs: bool) -> None:
    """Dispatch `inputs` (API.md §9) into the request's tensors; refused while it runs."""
    if request._busy():
        raise RuntimeError(_BUSY)
    if share_inputs and _bind_shared_arrays(request, inputs):
        return
    tensors = _data_dispatch(request, inputs, share_inputs)
    if isinstance(tensors, Tensor):
        request.set_input_tensor(tensors)
    else:
        for key, tensor in tensors.items():
            _set_request_tensor(request, tensor, key)
    request._bind_batched()


class InferRequest(_pinot.InferRequestBase):
    """A request of a compiled model, with its own input and output tensors."""

    def infer(self, inputs: Any = None, share_inputs: bool = False, share_outputs: bool = False, *,
              decode_strings: bool = True) -> OVDict:
        _bind_inputs(self, inputs, share_inputs)
        self._infer()
        return _outputs_to_dict(self, share_outputs, decode_strings)

    def start_async(self, inputs: Any = None, userdata: Any = None, share_inputs: bool = False) -> None:
        """Starts inference on a stream and returns at once; wait() / wait_for() / the
        callback (set_callback) tell when it is done."""
        _bind_inputs(self, inputs, share_inputs)
        self._start_async(userdata)

    def get_compiled_model(self) -> "CompiledModel":
        return self._compiled_model

    @property
    def results(self) -> OVDict:
        return _outputs_to_dict(self, False, True)

    def _is_single_input(self) -> bool:
        return len(self.model_inputs) == 1

    # ---- tensors by name or port ----
    def _check_idle(self) -> None:
        if self._busy():
            raise RuntimeError(_BUSY)

    def get_tensor(self, key: Any) -> Tensor:
        self._check_idle()
        is_input, index = self._find_port(key)
        if is_input:
            self._check_not_batched(index)
            return self._get_input_tensor(index)
        return self._get_output_tensor(index)

    def set_tensor(self, key: Any, tensor: Tensor) -> None:
        self._check_idle()
        is_input, index = self._find_port(key)
        if is_input:
            self.set_input_tensor(index, tensor)
        else:
            self._set_output_tensor(index, tensor)

    def set_tensors(self, *args: Any) -> None:
        """set_tensors({key: Tensor}) or batched set_tensors(key, [Tensor, ...])."""
        if len(args) == 2:
            is_input, index = self._find_port(args[0])
            if not is_input:
                raise RuntimeError("set_tensors with several tensors is supported for inputs only")
            self.set_input_tensors(index, args[1])
            return
        (inputs,) = args
        for key, tensor in inputs.items():
            _set_request_tensor(self, tensor, key)

    # ---- tensors by index ----
    def _single(self, count: int, message: str) -> int:
        if count != 1:
            raise RuntimeError(message)
        return 0

    def get_input_tensor(self, index: Optional[int] = None) -> Tensor:
        self._check_idle()
        if index is None:
            index = self._single(len(self.model_inputs), _ONE_INPUT.format("get_input_tensor"))
        self._check_not_batched(index)
        return self._get_input_tensor(index)

    def get_output_tensor(self, index: Optional[int] = None) -> Tensor:
        self._check_idle()
        if index is None:
            index = self._single(len(self.model_outputs), _ONE_OUTPUT.format("get_output_tensor"))
        return self._get_output_tensor(index)

    def set_input_tensor(self, *args: Any) -> None:
        """set_input_tensor(tensor) for a single-input model, or set_input_tensor(index, tensor)."""
        if len(args) == 1:
            index, tensor = self._single(len(self.model_inputs), _ONE_INPUT.format("set_input_tensor")), args[0]
        else:
            index, tensor = args
        self._check_idle()
        self._set_input_tensor(index, tensor)
        self._batched().pop(index, None)

    def set_output_tensor(self, *args: Any) -> None:
        if len(args) == 1:
            index, tensor = self._single(len(self.model_outputs), _ONE_OUTPUT.format("set_output_tensor")), args[0]
        else:
            index, tensor = args
        self._check_idle()
        self._set_output_tensor(index, tensor)

    def set_input_tensors(self, *args: Any) -> None:
        """set_input_tensors({index: Tensor}), or one input made of a batch of
        tensors: set_input_tensors([Tensor, ...]) / set_input_tensors(index, [Tensor, ...])."""
        if len(args) == 1 and isinstance(args[0], dict):
            for index, tensor in args[0].items():
                self.set_input_tensor(index, tensor)
            return
        if len(args) == 1:
            index, tensors = self._single(len(self.model_inputs), _ONE_INPUT.format("set_input_tensors")), args[0]
        else:
            index, tensors = args
        self._set_batched(index, list(tensors))

    def set_output_tensors(self, outputs: dict) -> None:
        for index, tensor in outputs.items():
            self.set_output_tensor(index, tensor)

    @property
    def input_tensors(self) -> list:
        return [self._get_input_tensor(i) for i in range(len(self.model_inputs))]

    @property
    def output_tensors(self) -> list:
        return [self._get_output_tensor(i) for i in range(len(self.model_outputs))]

    # ---- batched inputs: N tensors of batch 1 (or more) joined along the layout's N ----
    def _batched(self) -> dict:
        batched = self.__dict__.get("_batched_inputs")
        if batched is None:
            batched = self.__dict__["_batched_inputs"] = {}
        return batched

    def _check_not_batched(self, index: int) -> None:
        if index in self._batched():
            raise RuntimeError(_BATCHED)

    def _set_batched(self, index: int, tensors: list) -> None:
        if len(tensors) == 1:
            self.set_input_tensor(index, tensors[0])
            return
        port = self.model_inputs[index]
        layout = port.get_node().get_layout()
        if not layout.has_name("N"):
            raise RuntimeError("set_input_tensors/set_tensors can be used only for inputs with N(batch) dimension "
                               "'layout' specified")
        axis = layout.get_index_by_name("N")
        shape = port.get_partial_shape()
        axis = axis if axis >= 0 else len(shape) + axis
        batch = shape[axis]
        total = sum(t.shape[axis] for t in tensors)
        if batch.is_static and batch.get_length() != total:
            raise RuntimeError(f"set_input_tensors/set_tensors error. Input shape {shape}, tensors count "
                               f"{len(tensors)}")
        for tensor in tensors:
            if tensor.element_type != port.get_element_type():
                raise RuntimeError(f"set_input_tensors/set_tensors error. Tensor with element type "
                                   f"{tensor.element_type} is not compatible with input {port.get_element_type()}")
        self._batched()[index] = (axis, tensors)

    def _bind_batched(self) -> None:
        for index, (axis, tensors) in self._batched().items():
            joined = np.concatenate([t.data for t in tensors], axis=axis)
            self._set_input_tensor(index, Tensor(joined, shared_memory=True))

    def __repr__(self) -> str:
        inputs = ",\n".join(repr(p) for p in self.model_inputs)
        outputs = ",\n".join(repr(p) for p in self.model_outputs)
        return f"<InferRequest:\ninputs[\n{inputs}\n]\noutputs[\n{outputs}\n]>"


# ------------------------------------------------------------------ CompiledModel
def _compiled_port(ports: list, key: Any, what: str):
    if key is None:
        if len(ports) != 1:
            single = "parameter" if what == "input" else "result"
            raise RuntimeError(f"CompiledModel::{what}() must be called on a compiled model with exactly one "
                               f"{single}.")
        return ports[0]
    if isinstance(key, str):
        for port in ports:
            if key in port.get_names():
                return port
        raise RuntimeError(f"{what.capitalize()} for tensor name '{key}' is not found.")
    if isinstance(key, int) and not isinstance(key, bool) and key >= 0:
        if key >= len(ports):
            raise RuntimeError(f"Cannot get {what} for index: {key} {what}s size is {len(ports)}")
        return ports[key]
    raise TypeError(f"{what}(): incompatible function arguments. The following argument types are supported:\n"
                    f"    1. (self) -> ConstOutput\n    2. (self, index: int) -> ConstOutput\n"
                    f"    3. (self, tensor_name: str) -> ConstOutput\n\nInvoked with: {key!r}")


_PERFORMANCE_MODES = {0: "LATENCY", 1: "LATENCY", 2: "THROUGHPUT", 3: "CUMULATIVE_THROUGHPUT"}
_STREAMS_SPECIAL = {"AUTO": -1, "NUMA": -2}


def _plain(value: Any) -> Any:
    """The value inside an OVAny (enums keep their own .value)."""
    return value.value if type(value).__name__ == "OVAny" else value


def _execution_config(config: dict) -> dict:
    """CompiledModelBase's keyword arguments from a normalized config."""
    out = {}
    if "NUM_STREAMS" in config:
        value = _plain(config["NUM_STREAMS"])
        if hasattr(value, "to_integer"):
            value = value.to_integer()
        if isinstance(value, str) and value in _STREAMS_SPECIAL:
            value = _STREAMS_SPECIAL[value]
        out["num_streams"] = int(value)
    if "INFERENCE_NUM_THREADS" in config:
        out["inference_num_threads"] = max(0, int(_plain(config["INFERENCE_NUM_THREADS"])))
    if "PERFORMANCE_HINT" in config:
        value = _plain(config["PERFORMANCE_HINT"])
        name = value if isinstance(value, str) else getattr(value, "name", str(value))
        modes = {v: k for k, v in _PERFORMANCE_MODES.items() if k}
        if name in modes:
            out["performance_mode"] = modes[name]
    if "PERFORMANCE_HINT_NUM_REQUESTS" in config:
        out["num_requests"] = max(0, int(_plain(config["PERFORMANCE_HINT_NUM_REQUESTS"])))
    return out


class CompiledModel(_pinot.CompiledModelBase):
    """A model compiled for a device; creates infer requests and runs them."""

    def __init__(self, model: Model, device: str = "CPU", config: Optional[dict] = None) -> None:
        super().__init__(model, device, **_execution_config(config or {}))
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

    def query_state(self) -> list:
        if self._infer_request is None:
            self._infer_request = self.create_infer_request()
        return self._infer_request.query_state()

    def reset_state(self) -> None:
        if self._infer_request is None:
            self._infer_request = self.create_infer_request()
        self._infer_request.reset_state()

    def input(self, key: Any = None) -> ConstOutput:
        return _compiled_port(self.inputs, key, "input")

    def output(self, key: Any = None) -> ConstOutput:
        return _compiled_port(self.outputs, key, "output")

    def _properties(self) -> dict:
        from pinot.properties import _convert, _cpu  # noqa: PLC0415

        table = _cpu.cpu_default_properties(table=_cpu.CPU_COMPILED_MODEL_DEFAULTS, model_name=self._model_name)
        table["SUPPORTED_PROPERTIES"] = dict(_cpu.CPU_COMPILED_MODEL_SUPPORTED_PROPERTIES)
        for key, value in self._config.items():
            if key in table and key != "SUPPORTED_PROPERTIES":
                table[key] = _convert.from_any(key, value)
        # What the streams really are (resolved in C); OpenVINO returns the hint and
        # the request count as strings here.
        streams, threads, mode, optimal = self._execution()
        table["NUM_STREAMS"] = streams
        table["INFERENCE_NUM_THREADS"] = threads
        table["PERFORMANCE_HINT"] = _PERFORMANCE_MODES[mode]
        table["OPTIMAL_NUMBER_OF_INFER_REQUESTS"] = optimal
        table["PERFORMANCE_HINT_NUM_REQUESTS"] = str(_execution_config(self._config).get("num_requests", 0))
        return table

    def get_property(self, name: str) -> Any:
        key = str(name)
        table = self._properties()
        if key not in table:
            raise RuntimeError(f"Unsupported property: {key}")
        return table[key]

    def set_property(self, *args: Any) -> None:
        raise RuntimeError("Not Implemented: the compiled model's properties are read-only")

    def __repr__(self) -> str:
        inputs = ",\n".join(repr(p) for p in self.inputs)
        outputs = ",\n".join(repr(p) for p in self.outputs)
        return f"<CompiledModel:\ninputs[\n{inputs}\n]\noutputs[\n{outputs}\n]>"


# ------------------------------------------------------------------ Core
class Version:
    """A device's version (as openvino.Version)."""

    def __init__(self, major: int, minor: int, description: str, build_number: str) -> None:
        self.major, self.minor = major, minor
        self.description, self.build_number = description, build_number

    def __repr__(self) -> str:
        return f"<Version: {self.build_number} {self.description}>"


def _check_device(device: str) -> str:
    base = device.split(":", 1)[0].split(".", 1)[0]
    if base not in _COMPILE_DEVICES:
        raise RuntimeError(f'Device with "{device}" name is not registered in the OpenVINO Runtime')
    return device


def _property_items(args: tuple) -> tuple:
    """set_property's forms -> (device or None, {key: value})."""
    from pinot.properties import _convert  # noqa: PLC0415

    if len(args) == 1 and isinstance(args[0], (dict, tuple)):
        return None, _convert.normalize_config(args[0])
    if len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], (dict, tuple)):
        return args[0], _convert.normalize_config(args[1])
    raise TypeError("set_property(): incompatible function arguments. The following argument types are supported:\n"
                    "    1. (self, properties: dict[str, object]) -> None\n"
                    "    2. (self, property: tuple[str, object]) -> None\n"
                    "    3. (self, device_name: str, properties: dict[str, object]) -> None\n"
                    "    4. (self, device_name: str, property: tuple[str, object]) -> None\n\n"
                    f"Invoked with: {', '.join(repr(a) for a in args)}")


# Lower bounds OpenVINO's CPU plugin checks ("Check 'val_i >= 0' failed").
_MINIMUM = {"INFERENCE_NUM_THREADS": 0, "PERFORMANCE_HINT_NUM_REQUESTS": 0, "NUM_STREAMS": -3}


class Core:
    """Entry point: reads and compiles models for the available devices."""

    def __init__(self, xml_config_file: str = "") -> None:
        self._core_properties: dict = dict(_CORE_PROPERTIES)
        self._device_properties: dict = {}  # CPU property overrides (AUTO shares them)

    def get_available_devices(self) -> list:
        return list(DEVICES)

    @property
    def available_devices(self) -> list:
        return self.get_available_devices()

    # ---- properties ----
    def _device_value(self, key: str, value: Any) -> Any:
        """`value` converted to `key`'s type; RuntimeError for unknown, read-only or bad values."""
        from pinot.properties import _convert, _cpu  # noqa: PLC0415

        if _cpu.CPU_SUPPORTED_PROPERTIES.get(key) not in ("RW", "WO"):
            raise RuntimeError(f"NotFound: Unsupported property {key} by CPU plugin.")
        value = _convert.from_any(key, value)
        if key in _MINIMUM and isinstance(value, int) and value < _MINIMUM[key]:
            raise RuntimeError(f"Check 'val_i >= 0' failed: Wrong value {value} for property key {key}. Expected "
                               f"only non negative numbers")
        return value

    def set_property(self, *args: Any) -> None:
        """set_property({key: value}), set_property((key, value)), or either after a device name."""
        device, items = _property_items(args)
        if device is not None:
            _check_device(device)
        updates = {}
        core_updates = {}
        for key, value in items.items():
            if key in _CORE_PROPERTIES:
                core_updates[key] = value if not isinstance(_CORE_PROPERTIES[key], bool) else bool(value)
            else:
                updates[key] = self._device_value(key, value)
        self._core_properties.update(core_updates)
        self._device_properties.update(updates)

    def get_property(self, *args: Any) -> Any:
        """get_property(device, key) or get_property(key) for the Core's own properties."""
        if len(args) == 1:
            key = str(args[0])
            if key not in self._core_properties:
                raise RuntimeError(f"Exception is thrown while trying to call get_property with unsupported "
                                   f"property: '{key}'")
            return self._core_properties[key]
        if len(args) != 2:
            raise TypeError("get_property(): incompatible function arguments: (device_name, name) or (name)")
        _check_device(str(args[0]))
        key = str(args[1])
        if key in self._core_properties:
            return self._core_properties[key]
        from pinot.properties import _cpu  # noqa: PLC0415

        if key == "SUPPORTED_PROPERTIES":
            return dict(_cpu.CPU_SUPPORTED_PROPERTIES)
        defaults = _cpu.cpu_default_properties()
        if key not in defaults:
            raise RuntimeError(f"Cannot get unsupported property: {key}")
        return self._device_properties.get(key, defaults[key])

    def get_versions(self, device_name: str) -> dict:
        build = _pinot.get_version()
        parts = (build.split(".") + ["0", "0"])[:2]
        major, minor = (int(p) if p.isdigit() else 0 for p in parts)
        return {device_name: Version(major, minor, "pinot_cpu_device", build)}

    # ---- models ----
    def compile_model(self, model: Any, device_name: Optional[str] = None, config: Optional[dict] = None, *,
                      weights: Any = None) -> CompiledModel:
        """Compile a Model, or read one from a path first; the C part runs without the GIL."""
        if isinstance(model, (str, bytes, pathlib.PurePath)):
            model = self.read_model(model, weights)
        elif not isinstance(model, _pinot.ModelBase):
            raise RuntimeError(f"Path: '{model}' does not exist. Please provide valid model's path either as a "
                               f"string, bytes or pathlib.Path. Examples:\n(1) '/home/user/models/model.onnx'\n"
                               f"(2) Path('/home/user/models/model/model.xml')\n"
                               f"(3) Path('/home/user/models/model/model.onnx')")
        device = _check_device("AUTO" if device_name is None else device_name)
        # set_property("CPU", ...) applies to every later compile, under this call's config.
        settings = dict(self._device_properties) if device.split(":", 1)[0] in ("CPU", "AUTO") else {}
        if config:
            from pinot.properties import _convert  # noqa: PLC0415

            given = _convert.normalize_config(config)
            if device.split(":", 1)[0] == "CPU":
                given = {k: v if k in _CORE_PROPERTIES else self._device_value(k, v) for k, v in given.items()}
            settings.update(given)
        return CompiledModel(model, device, settings)

    def read_model(self, model: Any, weights: Any = None, config: Optional[dict] = None) -> Model:
        if isinstance(model, Model):
            return model
        if not isinstance(model, (str, bytes, pathlib.PurePath)) and not hasattr(model, "read"):
            raise TypeError(f"Provided python object type {type(model)} isn't supported as 'model' argument.")
        if hasattr(model, "read"):  # io.BytesIO: the whole buffer, from the start
            model.seek(0)
            model = model.read()
        source = model if isinstance(model, bytes) else os.fspath(model)
        return Model._read(source)

    def __repr__(self) -> str:
        return f"<Core: available plugins[{', '.join(DEVICES)}]>"


def compile_model(model: Any, device_name: Optional[str] = "AUTO", config: Optional[dict] = None) -> CompiledModel:
    """Compile a model (a Model or a path) with a fresh Core, on AUTO by default."""
    return Core().compile_model(model, device_name, config)

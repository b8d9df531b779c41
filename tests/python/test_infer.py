"""Compiling and running models as openvino does (API.md §3, §7, §8, §10): the compile_model
helper, Core.compile_model, CompiledModel ports and requests, __call__ reusing one request,
share_inputs/share_outputs, InferRequest tensors (get/set, by index, name and port), results,
and OVDict. The input forms of the dispatcher (§9) are in test_infer_inputs.py."""
import collections.abc
import copy
import re

import numpy as np
import pytest

from api_models import abs_model, add_model, needs, op, relu_model

import pinot as ov
from pinot import PartialShape, Shape, Tensor, Type
from pinot import opset13 as ops

pytestmark = needs("relu", "absolute", "add")

X = np.array([[-1, 2], [3, -4]], np.float32)
RELU_X = np.maximum(X, 0)


def compiled_relu(**kwargs):
    return ov.compile_model(relu_model(**kwargs), "CPU")


def two_output_model():
    """data -> Relu ("relu_out") and data -> Abs ("abs_out")."""
    param = ops.parameter([2, 2], np.float32, name="data")
    relu, absolute = op("relu")(param), op("absolute")(param)
    relu.output(0).set_names({"relu_out", "r"})
    absolute.output(0).set_names({"abs_out"})
    return ov.Model([relu, absolute], [param], "two_outputs")


# ------------------------------------------------------------------------------ the seed example
def test_seed_example():
    x = np.array([-4, -3, -2, -1, 0, 1, 2, 3], np.float32)
    param = ops.parameter([8], np.float32, name="data")
    absolute = op("absolute")(param)
    absolute.output(0).set_names({"out"})
    model = ov.Model(absolute, [param], "seed")
    compiled = ov.compile_model(model)
    expected = np.abs(x)
    by_dict = compiled({"data": x})
    by_list = compiled([x])
    for result in (by_dict, by_list):
        assert isinstance(result, ov.utils.data_helpers.OVDict)
        np.testing.assert_array_equal(result["out"], expected)
        np.testing.assert_array_equal(result[0], expected)
        np.testing.assert_array_equal(result[compiled.output(0)], expected)
        np.testing.assert_array_equal(result[compiled.outputs[0]], expected)
        assert result[0].dtype == np.float32 and result[0].shape == (8,)
        keys = list(result)
        assert keys == [compiled.output(0)] and type(keys[0]) is ov.ConstOutput
        for key, value in result.items():
            np.testing.assert_array_equal(value, expected)
            assert key.get_names() == {"out"}


def test_seed_model_on_the_helper_model():
    compiled = ov.compile_model(abs_model())
    result = compiled([np.arange(-4, 4, dtype=np.float32)])
    np.testing.assert_array_equal(result[0], [4, 3, 2, 1, 0, 1, 2, 3])


# ------------------------------------------------------------------------------ compiling
@pytest.mark.parametrize("compile_", [
    lambda m: ov.compile_model(m),
    lambda m: ov.compile_model(m, "AUTO"),
    lambda m: ov.compile_model(m, "CPU"),
    lambda m: ov.compile_model(m, device_name="CPU", config={}),
    lambda m: ov.Core().compile_model(m),
    lambda m: ov.Core().compile_model(m, "CPU"),
    lambda m: ov.Core().compile_model(m, "AUTO"),
    lambda m: ov.Core().compile_model(m, None),
    lambda m: ov.Core().compile_model(model=m, device_name="CPU", config={}),
])
def test_compile_forms(compile_):
    compiled = compile_(relu_model())
    assert isinstance(compiled, ov.CompiledModel)
    np.testing.assert_array_equal(compiled(X)[0], RELU_X)


def test_compiled_model_outlives_core_and_model():
    core = ov.Core()
    model = relu_model()
    compiled = core.compile_model(model, "CPU")
    del core, model
    np.testing.assert_array_equal(compiled(X)[0], RELU_X)


def test_available_devices():
    core = ov.Core()
    devices = core.get_available_devices()
    assert isinstance(devices, list)
    assert "CPU" in devices
    assert core.available_devices == devices


# ------------------------------------------------------------------------------ CompiledModel ports
def test_compiled_model_ports():
    compiled = ov.compile_model(add_model(), "CPU")
    assert [type(p) for p in compiled.inputs] == [ov.ConstOutput] * 2
    assert [type(p) for p in compiled.outputs] == [ov.ConstOutput]
    assert compiled.input(0).get_names() == {"a"} and compiled.input("b") == compiled.inputs[1]
    assert compiled.output(0) == compiled.output("sum") == compiled.output() == compiled.outputs[0]
    assert compiled.input(1).get_node().get_friendly_name() == "b"
    assert compiled.output().get_node().get_type_name() == "Result"
    assert compiled.input(0).get_partial_shape() == PartialShape([2])


@pytest.mark.parametrize("method, key, error, message", [
    ("input", None, RuntimeError, "must be called on a compiled model with exactly one"),
    ("input", 3, RuntimeError, "Cannot get input for index: 3"),
    ("output", 2, RuntimeError, "Cannot get output for index: 2"),
    ("input", "x", RuntimeError, "Input for tensor name 'x' is not found."),
    ("output", "x", RuntimeError, "Output for tensor name 'x' is not found."),
    ("input", -1, TypeError, "incompatible function arguments"),
])
def test_compiled_model_port_errors(method, key, error, message):
    compiled = ov.compile_model(add_model(), "CPU")
    with pytest.raises(error, match=re.escape(message)):
        getattr(compiled, method)(*([] if key is None else [key]))


def test_compiled_model_friendly_names_are_settable():
    compiled = compiled_relu()
    node = compiled.input(0).get_node()
    node.friendly_name = "renamed"
    assert node.get_friendly_name() == "renamed"


def test_compiled_model_repr():
    compiled = ov.compile_model(add_model((1, 3), np.int32), "CPU")
    assert repr(compiled) == (
        "<CompiledModel:\ninputs[\n<ConstOutput: names[a] shape[1,3] type: i32>,\n"
        "<ConstOutput: names[b] shape[1,3] type: i32>\n]\n"
        "outputs[\n<ConstOutput: names[sum] shape[1,3] type: i32>\n]>"
    )


def test_model_name_property():
    assert compiled_relu(name="my_model").get_property("NETWORK_NAME") == "my_model"


# ------------------------------------------------------------------------------ requests
def test_create_infer_request():
    compiled = compiled_relu()
    first, second = compiled.create_infer_request(), compiled.create_infer_request()
    assert isinstance(first, ov.InferRequest) and first is not second
    assert isinstance(first.get_compiled_model(), ov.CompiledModel)
    assert first.get_compiled_model().inputs == compiled.inputs
    assert first.model_inputs == compiled.inputs and first.model_outputs == compiled.outputs
    assert [type(p) for p in first.model_inputs] == [ov.ConstOutput]
    first.infer({0: X})
    np.testing.assert_array_equal(first.get_output_tensor().data, RELU_X)
    assert not np.shares_memory(first.get_input_tensor().data, second.get_input_tensor().data)


def test_infer_request_repr():
    compiled = compiled_relu()
    request = compiled.create_infer_request()
    out = compiled.output().any_name
    assert repr(request) == (
        "<InferRequest:\ninputs[\n<ConstOutput: names[data] shape[2,2] type: f32>\n]\n"
        f"outputs[\n<ConstOutput: names[{out}] shape[2,2] type: f32>\n]>"
    )


def test_infer_returns_an_ovdict():
    request = compiled_relu().create_infer_request()
    result = request.infer({0: X})
    assert isinstance(result, ov.utils.data_helpers.OVDict)
    np.testing.assert_array_equal(result[0], RELU_X)
    np.testing.assert_array_equal(request.infer(X, True, False)[0], RELU_X)  # positional flags


def test_infer_new_request_copies_and_does_not_touch_call_request():
    compiled = compiled_relu()
    x = X.copy()
    result = compiled.infer_new_request({0: x})
    np.testing.assert_array_equal(result[0], RELU_X)
    assert isinstance(compiled.infer_new_request(x), ov.utils.data_helpers.OVDict)
    assert not np.shares_memory(result[0], x)
    assert compiled._infer_request is None


def test_call_reuses_one_request():
    compiled = compiled_relu()
    assert compiled._infer_request is None
    compiled(X)
    request = compiled._infer_request
    assert isinstance(request, ov.InferRequest)
    compiled(X * 2)
    assert compiled._infer_request is request
    np.testing.assert_array_equal(request.get_output_tensor().data, np.maximum(X * 2, 0))


def test_call_signature():
    compiled = compiled_relu()
    assert ov.CompiledModel.__call__.__kwdefaults__ == {"decode_strings": True}
    assert ov.InferRequest.infer.__kwdefaults__ == {"decode_strings": True}
    np.testing.assert_array_equal(compiled(X, decode_strings=False)[0], RELU_X)
    with pytest.raises(TypeError, match="takes from 1 to 4 positional arguments but 5 were given"):
        compiled(X, True, True, True)


# ------------------------------------------------------------------------------ share_inputs / share_outputs
@pytest.mark.parametrize("call, shares", [
    (lambda c, x: c(x), True),  # __call__ defaults to share_inputs=True
    (lambda c, x: c(x, share_inputs=False), False),
    (lambda c, x: c(x, True), True),
    (lambda c, x: c({0: x}), True),
    (lambda c, x: c([x], share_inputs=True), True),
    (lambda c, x: c._infer_request.infer(x), False),  # infer defaults to share_inputs=False
    (lambda c, x: c._infer_request.infer({"data": x}, share_inputs=True), True),
    (lambda c, x: c._infer_request.infer([x], False), False),
])
def test_share_inputs(call, shares):
    compiled = compiled_relu()
    compiled(np.zeros((2, 2), np.float32))
    x = X.copy()
    result = call(compiled, x)
    np.testing.assert_array_equal(result[0], RELU_X)
    tensor = compiled._infer_request.get_input_tensor(0)
    assert np.shares_memory(tensor.data, x) is shares
    np.testing.assert_array_equal(tensor.data, X)


@pytest.mark.parametrize("share_outputs", [False, True])
@pytest.mark.parametrize("run", [
    lambda c, s: c(X, share_outputs=s),
    lambda c, s: c(X, True, s),
    lambda c, s: c._infer_request.infer(X, share_outputs=s),
])
def test_share_outputs(run, share_outputs):
    compiled = compiled_relu()
    compiled(X)
    result = run(compiled, share_outputs)
    output = compiled._infer_request.get_output_tensor(0).data
    assert np.shares_memory(result[0], output) is share_outputs
    assert result[0].flags["OWNDATA"] is not share_outputs
    np.testing.assert_array_equal(result[0], RELU_X)


def test_copied_outputs_survive_the_next_inference():
    compiled = compiled_relu()
    first = compiled(X)[0]
    compiled(-X)
    np.testing.assert_array_equal(first, RELU_X)


def test_shared_outputs_follow_the_next_inference():
    compiled = compiled_relu()
    first = compiled(X, share_outputs=True)[0]
    compiled(-X)
    np.testing.assert_array_equal(first, np.maximum(-X, 0))


def test_results_property_copies():
    request = compiled_relu().create_infer_request()
    request.infer(X)
    results = request.results
    assert isinstance(results, ov.utils.data_helpers.OVDict)
    np.testing.assert_array_equal(results[0], RELU_X)
    assert not np.shares_memory(results[0], request.get_output_tensor().data)


# ------------------------------------------------------------------------------ tensors of a request
def test_get_tensor_by_name_port_and_index():
    compiled = compiled_relu()
    request = compiled.create_infer_request()
    request.infer(X)
    out_name = compiled.output().any_name
    for key in ("data", compiled.input(0), compiled.inputs[0]):
        np.testing.assert_array_equal(request.get_tensor(key).data, X)
    for key in (out_name, compiled.output(0)):
        np.testing.assert_array_equal(request.get_tensor(key).data, RELU_X)
    np.testing.assert_array_equal(request.get_input_tensor().data, X)
    np.testing.assert_array_equal(request.get_input_tensor(0).data, X)
    np.testing.assert_array_equal(request.get_input_tensor(index=0).data, X)
    np.testing.assert_array_equal(request.get_output_tensor().data, RELU_X)
    np.testing.assert_array_equal(request.get_output_tensor(index=0).data, RELU_X)
    assert isinstance(request.get_tensor("data"), Tensor)
    assert request.get_input_tensor().shape == Shape([2, 2])
    assert request.get_input_tensor().element_type == Type.f32


def test_tensors_are_views_of_request_memory():
    request = compiled_relu().create_infer_request()
    request.get_input_tensor().data[:] = X
    request.infer()
    np.testing.assert_array_equal(request.get_output_tensor().data, RELU_X)


@pytest.mark.parametrize("call, error, message", [
    (lambda r: r.get_tensor("Unknown"), RuntimeError, "Port for tensor name Unknown was not found"),
    (lambda r: r.get_tensor(0), TypeError, "incompatible function arguments"),
    (lambda r: r.get_input_tensor(5), RuntimeError, ""),
    (lambda r: r.get_output_tensor(3), RuntimeError, ""),
    (lambda r: r.set_tensor("data", np.ones((2, 2), np.float32)), TypeError, "incompatible function arguments"),
    (lambda r: r.set_tensor("Unknown", Tensor(X)), RuntimeError, "Port for tensor name Unknown was not found"),
    (lambda r: r.set_tensor("data", Tensor(X.astype(np.int32))), RuntimeError, ""),
    (lambda r: r.set_tensor("data", Tensor(np.ones((3, 2), np.float32))), RuntimeError, ""),
])
def test_tensor_access_errors(call, error, message):
    request = compiled_relu().create_infer_request()
    with pytest.raises(error, match=re.escape(message) or None):
        call(request)


@pytest.mark.parametrize("bind", [
    lambda r, c, t: r.set_tensor("data", t),
    lambda r, c, t: r.set_tensor(c.input(0), t),
    lambda r, c, t: r.set_input_tensor(t),
    lambda r, c, t: r.set_input_tensor(0, t),
    lambda r, c, t: r.set_input_tensors({0: t}),
    lambda r, c, t: r.set_tensors({"data": t}),
    lambda r, c, t: r.set_tensors({0: t}),
])
def test_bound_input_tensor_is_used_without_copy(bind):
    compiled = compiled_relu()
    request = compiled.create_infer_request()
    tensor = Tensor(X.copy())
    bind(request, compiled, tensor)
    assert np.shares_memory(request.get_input_tensor().data, tensor.data)
    result = request.infer()
    np.testing.assert_array_equal(result[0], RELU_X)
    tensor.data[:] = -X
    np.testing.assert_array_equal(request.infer()[0], np.maximum(-X, 0))


@pytest.mark.parametrize("bind", [
    lambda r, c, t: r.set_output_tensor(t),
    lambda r, c, t: r.set_output_tensor(0, t),
    lambda r, c, t: r.set_output_tensors({0: t}),
    lambda r, c, t: r.set_tensor(c.output(0), t),
    lambda r, c, t: r.set_tensor(c.output(0).any_name, t),
])
def test_bound_output_tensor_receives_results(bind):
    compiled = compiled_relu()
    request = compiled.create_infer_request()
    out = Tensor(np.zeros((2, 2), np.float32))
    bind(request, compiled, out)
    request.infer({0: X})
    np.testing.assert_array_equal(out.data, RELU_X)
    assert np.shares_memory(request.get_output_tensor().data, out.data)


def test_single_port_forms_need_exactly_one_port():
    request = ov.compile_model(add_model(), "CPU").create_infer_request()
    with pytest.raises(RuntimeError, match="must be called on a function with exactly one parameter"):
        request.get_input_tensor()
    with pytest.raises(RuntimeError, match="must be called on a function with exactly one parameter"):
        request.set_input_tensor(Tensor(np.ones(2, np.float32)))


def test_input_and_output_tensor_lists():
    request = ov.compile_model(add_model(), "CPU").create_infer_request()
    request.infer({"a": np.array([1, 2], np.float32), "b": np.array([10, 20], np.float32)})
    inputs, outputs = request.input_tensors, request.output_tensors
    assert isinstance(inputs, list) and len(inputs) == 2 and len(outputs) == 1
    assert all(isinstance(t, Tensor) for t in inputs + outputs)
    np.testing.assert_array_equal(inputs[1].data, [10, 20])
    np.testing.assert_array_equal(outputs[0].data, [11, 22])


def batched_model():
    param = ops.parameter([2, 3], np.float32, name="data")
    param.set_layout(ov.Layout("NC"))
    return ov.compile_model(ov.Model(op("relu")(param), [param], "batched"), "CPU")


@pytest.mark.parametrize("bind", [
    lambda r, ts: r.set_input_tensors(ts),
    lambda r, ts: r.set_input_tensors(0, ts),
    lambda r, ts: r.set_tensors("data", ts),
])
def test_batched_set_input_tensors(bind):
    request = batched_model().create_infer_request()
    rows = [Tensor(np.array([[-1, 2, -3]], np.float32)), Tensor(np.array([[4, -5, 6]], np.float32))]
    bind(request, rows)
    request.infer()
    np.testing.assert_array_equal(request.get_output_tensor().data, [[0, 2, 0], [4, 0, 6]])
    with pytest.raises(RuntimeError):
        request.get_tensor("data")


def test_batched_tensor_count_must_match_the_batch():
    request = batched_model().create_infer_request()
    row = Tensor(np.ones((1, 3), np.float32))
    with pytest.raises(RuntimeError):
        request.set_input_tensors([row, row, row])


# ------------------------------------------------------------------------------ OVDict
@pytest.fixture
def two_outputs():
    compiled = ov.compile_model(two_output_model(), "CPU")
    return compiled, compiled(X)


def test_ovdict_is_an_immutable_mapping(two_outputs):
    _, result = two_outputs
    assert isinstance(result, collections.abc.Mapping)
    assert len(result) == 2
    with pytest.raises(TypeError, match="'OVDict' object does not support item assignment"):
        result["relu_out"] = 1
    with pytest.raises(TypeError):
        del result[0]


@pytest.mark.parametrize("key, expected", [
    (0, RELU_X), (1, np.abs(X)), (-1, np.abs(X)), (-2, RELU_X),
    ("relu_out", RELU_X), ("r", RELU_X), ("abs_out", np.abs(X)),
])
def test_ovdict_lookup_by_index_and_name(two_outputs, key, expected):
    _, result = two_outputs
    np.testing.assert_array_equal(result[key], expected)


def test_ovdict_lookup_by_port(two_outputs):
    compiled, result = two_outputs
    np.testing.assert_array_equal(result[compiled.output(1)], np.abs(X))
    np.testing.assert_array_equal(result[compiled.outputs[0]], RELU_X)


@pytest.mark.parametrize("key, error, message", [
    (2, KeyError, "2"), (-3, KeyError, "-3"), ("nope", KeyError, "nope"),
    (1.0, TypeError, "Unknown key type: <class 'float'>"), (None, TypeError, "Unknown key type: <class 'NoneType'>"),
])
def test_ovdict_bad_keys(two_outputs, key, error, message):
    _, result = two_outputs
    with pytest.raises(error, match=re.escape(message)):
        result[key]


def test_ovdict_model_port_is_an_unknown_key(two_outputs):
    _, result = two_outputs
    port = two_output_model().output(0)
    with pytest.raises(TypeError, match=re.escape(f"Unknown key type: {type(port)}")):
        result[port]


def test_ovdict_iteration_and_views(two_outputs):
    compiled, result = two_outputs
    assert list(result) == compiled.outputs
    assert list(result.keys()) == compiled.outputs
    assert all(type(k) is ov.ConstOutput for k in result)
    values = list(result.values())
    np.testing.assert_array_equal(values[0], RELU_X)
    np.testing.assert_array_equal(values[1], np.abs(X))
    assert [k for k, _ in result.items()] == compiled.outputs
    relu_out, abs_out = result.values()
    np.testing.assert_array_equal(abs_out, np.abs(X))
    assert "relu_out" not in list(result)


def test_ovdict_names(two_outputs):
    _, result = two_outputs
    assert result.names() == ({"relu_out", "r"}, {"abs_out"})


def test_ovdict_to_dict_and_to_tuple(two_outputs):
    compiled, result = two_outputs
    native = result.to_dict()
    assert type(native) is dict and list(native) == compiled.outputs
    assert native is result.to_dict()
    assert dict(result).keys() == native.keys()
    for bad in ("relu_out", 0):
        with pytest.raises(KeyError):
            native[bad]
    values = result.to_tuple()
    assert type(values) is tuple and len(values) == 2
    np.testing.assert_array_equal(values[1], np.abs(X))


def test_ovdict_repr_is_the_inner_dict(two_outputs):
    _, result = two_outputs
    assert repr(result) == repr(result.to_dict())


def test_ovdict_deepcopy_fails_on_const_output_keys(two_outputs):
    _, result = two_outputs
    with pytest.raises(TypeError, match=re.escape("Cannot deepcopy 'openvino.ConstOutput' object.")):
        copy.deepcopy(result)


def test_ovdict_from_the_module_paths():
    from pinot.utils.data_helpers import OVDict

    assert OVDict is ov.utils.data_helpers.OVDict
    assert isinstance(ov.compile_model(relu_model())(X), OVDict)


def test_ovdict_of_unnamed_outputs_has_auto_names():
    param = ops.parameter([2, 2], np.float32)
    result = ov.compile_model(ov.Model(op("relu")(param), [param]))(X)
    assert len(result.names()[0]) > 0
    name = next(iter(result.names()[0]))
    np.testing.assert_array_equal(result[name], RELU_X)

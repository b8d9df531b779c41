"""The input dispatcher of InferRequest.infer / CompiledModel.__call__ as openvino's (API.md §9):
every accepted container and value form in copy and shared mode, the TypeErrors and RuntimeErrors
of bad keys and values, what is copied and what is shared (np.shares_memory), scalar inputs (§9.4)
and dynamic inputs (§9.5)."""
import re

import numpy as np
import pytest

from api_models import add_model, needs, op, relu_model
from conftest import ORACLE

import pinot as ov
from pinot import Shape, Tensor
from pinot import opset13 as ops

pytestmark = needs("relu", "add")

A = np.array([1, 2], np.float32)
B = np.array([10, 20], np.float32)
SUM = A + B
X = np.array([[-1, 2], [3, -4]], np.float32)
RELU_X = np.maximum(X, 0)
SHARE = pytest.mark.parametrize("share", [False, True], ids=["copy", "shared"])


class ArrayLike:
    """An object exposing only __array__, like torch or tf tensors."""

    def __init__(self, value):
        self.value = value

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)


@pytest.fixture(scope="module")
def add_compiled():
    return ov.compile_model(add_model(), "CPU")


@pytest.fixture(scope="module")
def relu_compiled():
    return ov.compile_model(relu_model(), "CPU")


def single_input(shape, dtype=np.float32):
    param = ops.parameter(shape, dtype, name="data")
    return ov.compile_model(ov.Model(op("relu")(param), [param], "single"), "CPU")


# ------------------------------------------------------------------------------ accepted forms
TWO_INPUT_FORMS = {
    "dict_int": lambda c: {0: A, 1: B},
    "dict_str": lambda c: {"a": A, "b": B},
    "dict_port": lambda c: {c.input(0): A, c.input(1): B},
    "dict_mixed": lambda c: {0: A, "b": B},
    "dict_later_wins": lambda c: {0: B, "a": A, c.input(1): B},
    "list": lambda c: [A, B],
    "tuple": lambda c: (A, B),
    "list_of_tensors": lambda c: [Tensor(A), Tensor(B)],
    "dict_of_tensors": lambda c: {"a": Tensor(A), 1: Tensor(B)},
    "float64_and_int32": lambda c: [A.astype(np.float64), B.astype(np.int32)],
    "non_contiguous": lambda c: [np.array([1, 0, 2, 0], np.float32)[::2], B],
    "array_like": lambda c: [ArrayLike(A), ArrayLike(B)],
    "read_only": lambda c: [np.frombuffer(A.tobytes(), np.float32), B],
}


@SHARE
@pytest.mark.parametrize("form", TWO_INPUT_FORMS)
def test_two_input_forms(add_compiled, form, share):
    request = add_compiled.create_infer_request()
    result = request.infer(TWO_INPUT_FORMS[form](add_compiled), share_inputs=share)
    np.testing.assert_array_equal(result[0], SUM)
    assert result[0].dtype == np.float32


@SHARE
def test_ovdict_as_input_chains_models(relu_compiled, share):
    first = relu_compiled(X)
    request = relu_compiled.create_infer_request()
    np.testing.assert_array_equal(request.infer(first, share_inputs=share)[0], RELU_X)
    np.testing.assert_array_equal(relu_compiled(relu_compiled(-X))[0], np.maximum(-X, 0))


@SHARE
@pytest.mark.parametrize("value", [
    X, Tensor(X), ArrayLike(X), np.asfortranarray(X), X.astype(np.float64), [X], (X,), {0: X}, {"data": X},
], ids=["ndarray", "tensor", "array_like", "fortran", "float64", "list", "tuple", "dict_int", "dict_str"])
def test_single_input_forms(relu_compiled, value, share):
    request = relu_compiled.create_infer_request()
    np.testing.assert_array_equal(request.infer(value, share_inputs=share)[0], RELU_X)


@SHARE
@pytest.mark.parametrize("empty", [None, {}, ()])
def test_empty_inputs_run_on_the_current_tensors(relu_compiled, empty, share):
    request = relu_compiled.create_infer_request()
    request.get_input_tensor().data[:] = X
    np.testing.assert_array_equal(request.infer(empty, share_inputs=share)[0], RELU_X)


@SHARE
def test_partial_inputs_keep_the_other_tensor(add_compiled, share):
    request = add_compiled.create_infer_request()
    request.infer([A, B], share_inputs=share)
    np.testing.assert_array_equal(request.infer({1: A}, share_inputs=share)[0], A + A)
    np.testing.assert_array_equal(request.infer([B], share_inputs=share)[0], B + A)


@SHARE
def test_user_containers_are_not_mutated(add_compiled, share):
    as_dict, as_list = {0: A, "b": B}, [A, B]
    request = add_compiled.create_infer_request()
    request.infer(as_dict, share_inputs=share)
    request.infer(as_list, share_inputs=share)
    assert type(as_dict[0]) is np.ndarray and type(as_dict["b"]) is np.ndarray
    assert all(type(v) is np.ndarray for v in as_list)


@SHARE
def test_list_of_simple_values_is_one_input(share):
    compiled = single_input([2, 2], np.int64)
    np.testing.assert_array_equal(compiled.create_infer_request().infer([[1, -2], [-3, 4]], share_inputs=share)[0],
                                  [[1, 0], [0, 4]])
    flat = single_input([4], np.int64)
    np.testing.assert_array_equal(flat.create_infer_request().infer([1, -2, -3, 4], share_inputs=share)[0],
                                  [1, 0, 0, 4])


@SHARE
@pytest.mark.parametrize("value", [[[1.0, -2.0], [-3.0, 4.0]], {0: [[1.0, 2.0], [3.0, 4.0]]}],
                         ids=["nested_list", "dict_of_list"])
def test_python_lists_become_f64_tensors(relu_compiled, value, share):
    # A list value becomes Tensor(list): float64, which an f32 input rejects.
    with pytest.raises(RuntimeError):
        relu_compiled.create_infer_request().infer(value, share_inputs=share)


# ------------------------------------------------------------------------------ errors
@pytest.mark.parametrize("inputs, share, error, message", [
    ({0.0: A, 1: B}, False, TypeError, "Incompatible key type for input: 0.0"),
    ({0.0: A, 1: B}, True, TypeError, "Unsupported key type: <class 'float'> for Tensor under key: 0.0"),
    ({1, 2}, False, TypeError, "Incompatible inputs of type: <class 'set'>"),
    ({1, 2}, True, TypeError, "Incompatible inputs of type: <class 'set'>"),
    (object(), False, TypeError, "Incompatible inputs of type: <class 'object'>"),
    (object(), True, TypeError, "Incompatible inputs of type: <class 'object'>"),
    ({0: object(), 1: B}, False, TypeError, "Incompatible inputs of type: <class 'object'> under 0 key!"),
    ({0: object(), 1: B}, True, TypeError, "Incompatible inputs of type: <class 'object'>"),
    ({0: b"ab", 1: B}, False, TypeError, "Incompatible inputs of type: <class 'bytes'> under 0 key!"),
    ({"zzz": A, 1: B}, False, RuntimeError, "Port for tensor name zzz was not found."),
    ({"zzz": A, 1: B}, True, RuntimeError, "Port for tensor name zzz was not found."),
    ({5: A, 1: B}, False, RuntimeError, ""),
    ({5: A, 1: B}, True, RuntimeError, ""),
    ([A, B, B], False, RuntimeError, ""),
    ([A, B, B], True, RuntimeError, ""),
    (A, False, RuntimeError, "get_input_tensor() must be called on a function with exactly one parameter."),
    (A, True, RuntimeError, "get_input_tensor() must be called on a function with exactly one parameter."),
    (1.0, False, RuntimeError, "get_input_tensor() must be called on a function with exactly one parameter."),
    (Tensor(A), False, RuntimeError, "set_input_tensor() must be called on a function with exactly one parameter."),
    (Tensor(A), True, RuntimeError, "set_input_tensor() must be called on a function with exactly one parameter."),
])
def test_dispatch_errors(add_compiled, inputs, share, error, message):
    request = add_compiled.create_infer_request()
    with pytest.raises(error, match=re.escape(message) or None):
        request.infer(inputs, share_inputs=share)


@SHARE
def test_output_port_key_is_rejected(add_compiled, share):
    key = add_model().input(0)  # an Output, not a ConstOutput
    with pytest.raises(TypeError, match=re.escape(str(key))):
        add_compiled.create_infer_request().infer({key: A, 1: B}, share_inputs=share)


@SHARE
@pytest.mark.parametrize("value", [
    np.ones(3, np.float32), np.ones((2, 2), np.float32), Tensor(np.ones(3, np.float32)), Tensor(B.astype(np.int32)),
], ids=["wrong_length", "wrong_rank", "tensor_wrong_shape", "tensor_wrong_type"])
def test_incompatible_values(add_compiled, value, share):
    with pytest.raises(RuntimeError):
        add_compiled.create_infer_request().infer([value, B], share_inputs=share)


# ------------------------------------------------------------------------------ copy vs shared mode
@pytest.mark.parametrize("make, share, shares", [
    (lambda: X.copy(), True, True),
    (lambda: X.copy(), False, False),
    (lambda: X.astype(np.float64), True, False),
    (lambda: np.asfortranarray(X), True, False),
    (lambda: np.frombuffer(X.tobytes(), np.float32).reshape(2, 2), True, False),
], ids=["shared", "copied", "dtype_mismatch", "not_contiguous", "read_only"])
def test_when_inputs_share_memory(relu_compiled, make, share, shares):
    value = make()
    request = relu_compiled.create_infer_request()
    result = request.infer({0: value}, share_inputs=share)
    np.testing.assert_array_equal(result[0], RELU_X)
    assert np.shares_memory(request.get_input_tensor(0).data, value) is shares
    np.testing.assert_array_equal(request.get_input_tensor(0).data, X)


@pytest.mark.skipif(bool(ORACLE), reason="openvino 2026.4.1 raises 'array is not writeable' for a read-only scalar "
                    "with share_inputs=True; Pinot copies it")
def test_read_only_scalar_is_copied():
    # A read-only 0-d array (onnx's numpy_helper makes these) cannot be shared.
    x = ops.parameter([], np.float32)
    compiled = ov.compile_model(ov.Model([ops.relu(x)], [x]), "CPU")
    value = np.frombuffer(np.float32(-2.5).tobytes(), np.float32).reshape(())
    assert not value.flags["WRITEABLE"]
    request = compiled.create_infer_request()
    assert float(request.infer([value], share_inputs=True)[0]) == 0.0
    assert not np.shares_memory(request.get_input_tensor(0).data, value)


def test_shared_input_sees_later_writes(relu_compiled):
    value = X.copy()
    request = relu_compiled.create_infer_request()
    request.infer(value, share_inputs=True)
    value[:] = -X
    np.testing.assert_array_equal(request.infer()[0], np.maximum(-X, 0))


def test_copied_input_ignores_later_writes(relu_compiled):
    value = X.copy()
    request = relu_compiled.create_infer_request()
    request.infer(value, share_inputs=False)
    value[:] = -X
    np.testing.assert_array_equal(request.infer()[0], RELU_X)


def test_copy_mode_writes_into_the_currently_bound_tensor(relu_compiled):
    # After a shared call bound the user's array, a copy-mode call writes into that array.
    value = X.copy()
    request = relu_compiled.create_infer_request()
    request.infer(value, share_inputs=True)
    request.infer(np.zeros((2, 2), np.float32), share_inputs=False)
    np.testing.assert_array_equal(value, np.zeros((2, 2)))


@SHARE
def test_bound_tensor_values_are_never_copied(relu_compiled, share):
    tensor = Tensor(X.copy())
    request = relu_compiled.create_infer_request()
    request.infer({0: tensor}, share_inputs=share)
    assert np.shares_memory(request.get_input_tensor().data, tensor.data)


def test_shared_arrays_are_kept_alive(relu_compiled):
    request = relu_compiled.create_infer_request()
    request.infer(X.copy(), share_inputs=True)
    np.testing.assert_array_equal(request.get_input_tensor().data, X)
    np.testing.assert_array_equal(request.infer()[0], RELU_X)


# ------------------------------------------------------------------------------ scalar inputs (§9.4)
@pytest.fixture(scope="module")
def scalar_compiled():
    return single_input([])


SCALARS = [
    np.array(-1.5, np.float32), np.array(2.5, np.float32), np.float32(3), np.int32(-1), 1.5, -2, 4,
    np.array(7, np.int64), np.float64(2.0),
]


@SHARE
@pytest.mark.parametrize("wrap", [lambda v: v, lambda v: {0: v}, lambda v: {"data": v}, lambda v: (v,)],
                         ids=["bare", "dict_int", "dict_str", "tuple"])
@pytest.mark.parametrize("value", SCALARS, ids=repr)
def test_scalar_inputs(scalar_compiled, value, wrap, share):
    request = scalar_compiled.create_infer_request()
    result = request.infer(wrap(value), share_inputs=share)
    assert result[0].shape == () and result[0].dtype == np.float32
    assert result[0] == max(float(value), 0.0)
    shares = share and isinstance(value, np.ndarray) and value.dtype == np.float32
    assert np.shares_memory(request.get_input_tensor().data, value) is shares


@SHARE
def test_mixed_scalar_and_vector(share):
    a = ops.parameter([], np.float32, name="a")
    b = ops.parameter([2], np.float32, name="b")
    compiled = ov.compile_model(ov.Model(op("add")(a, b), [a, b], "mixed"), "CPU")
    result = compiled.create_infer_request().infer({0: 1, 1: np.array([1, 2], np.int32)}, share_inputs=share)
    np.testing.assert_array_equal(result[0], [2, 3])
    assert result[0].dtype == np.float32


@SHARE
def test_dynamic_vector_with_a_scalar(share):
    a = ops.parameter([], np.float32, name="a")
    b = ops.parameter(["?"], np.float32, name="b")
    compiled = ov.compile_model(ov.Model(op("add")(a, b), [a, b], "mixed"), "CPU")
    request = compiled.create_infer_request()
    np.testing.assert_array_equal(request.infer({0: 2.0, 1: np.array([1, 2, 3], np.float32)},
                                                share_inputs=share)[0], [3, 4, 5])
    assert request.get_input_tensor(1).shape == Shape([3])
    np.testing.assert_array_equal(request.infer({0: np.float32(3), 1: np.array([1], np.float32)},
                                                share_inputs=share)[0], [4])


# ------------------------------------------------------------------------------ dynamic inputs (§9.5)
@pytest.mark.parametrize("run", [
    lambda c, r, x: r.infer([x]),
    lambda c, r, x: r.infer(x),
    lambda c, r, x: r.infer({"data": x}, share_inputs=True),
    lambda c, r, x: c(x),
], ids=["list", "array", "dict_shared", "call"])
def test_dynamic_input_shapes_follow_the_data(run):
    compiled = single_input([-1, -1])
    request = compiled.create_infer_request()
    rng = np.random.default_rng(0)
    for shape in [(1, 28), (1, 32), (3, 40), (2, 5)]:
        x = rng.normal(size=shape)
        result = run(compiled, request, x)
        used = compiled._infer_request if compiled._infer_request is not None else request
        assert used.get_input_tensor().shape == Shape(list(shape))
        assert used.get_output_tensor().shape == Shape(list(shape))
        assert result[0].shape == shape and result[0].dtype == np.float32
        np.testing.assert_allclose(result[0], np.maximum(x, 0).astype(np.float32))


def test_dynamic_compiled_ports_stay_dynamic():
    compiled = single_input([-1, 3])
    assert compiled.input().partial_shape == ov.PartialShape([-1, 3])
    assert compiled.output().partial_shape == ov.PartialShape([-1, 3])
    compiled(np.ones((4, 3), np.float32))
    assert compiled.input().partial_shape == ov.PartialShape([-1, 3])


@SHARE
def test_dynamic_rank_mismatch_is_an_error(share):
    request = single_input([-1, -1]).create_infer_request()
    with pytest.raises(RuntimeError):
        request.infer(np.ones((2,), np.float32), share_inputs=share)

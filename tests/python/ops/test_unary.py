"""Unary elementwise ops and activations (Abs ... Selu): results against numpy and against OpenVINO's
reference kernels (its constant folding), special values, integer semantics, attributes, opset
versions, shape inference and validation errors with OpenVINO's messages.

Tolerances: f64 rtol 1e-12 (1e-9 for composite activations); f32 rtol 2e-6 / atol 1e-6 (float
libm, as OpenVINO); f16 compared with the f32 result rounded to f16, rtol 2e-3. Integer results
are exact and follow OpenVINO's reference kernels (e.g. Sqrt rounds, Exp truncates).
"""
import math

import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset2 as ops2
import pinot.opset4 as ops4
import pinot.opset6 as ops6
import pinot.opset8 as ops8
import pinot.opset9 as ops9
import pinot.opset12 as ops12
import pinot.opset13 as ops

cpu_differs = pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin differs from its reference semantics")

TOL = {np.float64: (1e-12, 1e-14), np.float32: (2e-6, 1e-6), np.float16: (2e-3, 1e-3)}
if ORACLE:  # OpenVINO's CPU plugin computes f64 in f32 with fast approximations
    TOL = {np.float64: (1e-5, 1e-6), np.float32: (1e-5, 1e-6), np.float16: (4e-3, 2e-3)}


def infer(outputs, params, inputs):
    compiled = ov.compile_model(ov.Model(outputs if isinstance(outputs, list) else [outputs], params), "CPU")
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def run(builder, x, *args, **kwargs):
    param = ops.parameter(list(x.shape), x.dtype)
    return infer(builder(param, *args, **kwargs), [param], [x])[0]


def check(got, want, dtype=None, scale=1.0):
    dtype = np.dtype(dtype or want.dtype)
    assert got.dtype == dtype, (got.dtype, dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    if dtype.type in TOL:
        rtol, atol = TOL[dtype.type]
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=rtol * scale,
                                   atol=atol * scale)
    else:
        np.testing.assert_array_equal(got, want)


erf = np.vectorize(math.erf, otypes=[np.float64])


def softplus(x):
    return np.where(x > 20, x, np.log(np.exp(np.minimum(x, 20)) + 1))


# name -> (builder, numpy reference in float64, input range)
MATH = {
    "absolute": (ops.absolute, np.abs, (-5, 5)),
    "negative": (ops.negative, np.negative, (-5, 5)),
    "sqrt": (ops.sqrt, np.sqrt, (0, 10)),
    "exp": (ops.exp, np.exp, (-5, 5)),
    "log": (ops.log, np.log, (0.01, 10)),
    "floor": (ops.floor, np.floor, (-5, 5)),
    "ceiling": (ops.ceiling, np.ceil, (-5, 5)),
    "sign": (ops.sign, np.sign, (-5, 5)),
    "sin": (ops.sin, np.sin, (-5, 5)),
    "cos": (ops.cos, np.cos, (-5, 5)),
    "tan": (ops.tan, np.tan, (-1.5, 1.5)),
    "asin": (ops.asin, np.arcsin, (-1, 1)),
    "acos": (ops.acos, np.arccos, (-1, 1)),
    "atan": (ops.atan, np.arctan, (-5, 5)),
    "sinh": (ops.sinh, np.sinh, (-5, 5)),
    "cosh": (ops.cosh, np.cosh, (-5, 5)),
    "tanh": (ops.tanh, np.tanh, (-5, 5)),
    "asinh": (ops.asinh, np.arcsinh, (-5, 5)),
    "acosh": (ops.acosh, np.arccosh, (1, 10)),
    "atanh": (ops.atanh, np.arctanh, (-0.99, 0.99)),
    "erf": (ops.erf, erf, (-3, 3)),
    "relu": (ops.relu, lambda x: np.maximum(x, 0), (-5, 5)),
    "sigmoid": (ops.sigmoid, lambda x: 1 / (1 + np.exp(-x)), (-8, 8)),
    "hswish": (ops.hswish, lambda x: x * np.clip(x + 3, 0, 6) / 6, (-5, 5)),
    "hsigmoid": (ops.hsigmoid, lambda x: np.clip(x + 3, 0, 6) / 6, (-5, 5)),
    "mish": (ops.mish, lambda x: x * np.tanh(softplus(x)), (-5, 5)),
    "softplus": (ops.softplus, softplus, (-5, 30)),
    "softsign": (ops.softsign, lambda x: x / (1 + np.abs(x)), (-5, 5)),
    "gelu_erf": (lambda p: ops.gelu(p, "erf"), lambda x: 0.5 * x * (1 + erf(x / np.sqrt(2))), (-5, 5)),
    "gelu_tanh": (lambda p: ops.gelu(p, "tanh"),
                  lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))), (-5, 5)),
    "gelu_v2": (ops2.gelu, lambda x: 0.5 * x * (1 + erf(x / np.sqrt(2))), (-5, 5)),
    "elu": (lambda p: ops.elu(p, 0.7), lambda x: np.where(x > 0, x, 0.7 * (np.exp(x) - 1)), (-5, 5)),
    "clamp": (lambda p: ops.clamp(p, -1.5, 2.25), lambda x: np.clip(x, -1.5, 2.25), (-5, 5)),
    "round_even": (lambda p: ops.round(p, "half_to_even"), np.round, (-5, 5)),
    "round_away": (lambda p: ops.round(p, "half_away_from_zero"),
                   lambda x: np.sign(x) * np.floor(np.abs(x) + 0.5), (-5, 5)),
}


def sample(shape, dtype, lo, hi, seed=0):
    x = np.random.default_rng(seed).uniform(lo, hi, shape)
    if lo <= -2.5 and hi >= 2.5:  # exact halves, so rounding ties are exercised
        flat = x.reshape(-1)
        ties = [0.5, -1.5, 2.5, -2.5]
        flat[: min(4, flat.size)] = ties[: min(4, flat.size)]
    return x.astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("name", list(MATH))
def test_math(name, dtype):
    builder, ref, (lo, hi) = MATH[name]
    x = sample([3, 2, 5], dtype, lo, hi)
    wide = np.float64 if dtype == np.float64 else np.float32
    with np.errstate(all="ignore"):
        want = np.asarray(ref(x.astype(np.float64))).astype(wide)
    if dtype == np.float16:
        with np.errstate(all="ignore"):
            want = np.asarray(ref(x.astype(np.float32).astype(np.float64))).astype(np.float32).astype(np.float16)
    composite = name in ("mish", "gelu_erf", "gelu_tanh", "gelu_v2", "sigmoid", "softplus", "elu", "hswish")
    check(run(builder, x), want.astype(dtype), scale=1000 if composite and dtype == np.float64 else 1)


@pytest.mark.parametrize("shape", [[], [0], [2, 0, 3], [1], [7, 1, 3]])
def test_shapes(shape):
    x = sample(shape, np.float32, -3, 3, 1)
    check(run(ops.tanh, x), np.tanh(x.astype(np.float64)).astype(np.float32))
    check(run(ops.relu, x), np.maximum(x, 0))


def test_parametrized_activations():
    x = sample([2, 3, 4], np.float32, -5, 5, 2)
    x64 = x.astype(np.float64)
    # Swish: beta input (default 1.0 as an f32 constant).
    check(run(ops.swish, x), (x64 / (1 + np.exp(-x64))).astype(np.float32))
    check(run(ops.swish, x, np.array(0.5, np.float32)), (x64 / (1 + np.exp(-0.5 * x64))).astype(np.float32))
    # HardSigmoid: scalar alpha and beta inputs.
    check(run(ops.hard_sigmoid, x, np.array(0.2, np.float32), np.array(0.5, np.float32)),
          np.clip(0.2 * x64 + 0.5, 0, 1).astype(np.float32))
    # Selu: alpha and lambda inputs.
    alpha, lam = 1.6732632423543772, 1.0507009873554805
    check(run(ops.selu, x, np.array([alpha], np.float32), np.array([lam], np.float32)),
          (lam * np.where(x64 > 0, x64, alpha * (np.exp(x64) - 1))).astype(np.float32))
    h = x.astype(np.float16)
    check(run(ops.swish, h, np.array(0.5, np.float16)),
          (h.astype(np.float32) / (1 + np.exp(-0.5 * h.astype(np.float32)))).astype(np.float16))


@cpu_differs
def test_selu_cyclic_parameters():
    # OpenVINO indexes a multi-element alpha / lambda cyclically (alpha[i % size]).
    x = np.array([-1.0, -1.0, -1.0, 2.0], np.float32)
    alpha = np.array([1.0, 2.0], np.float32)
    lam = np.array([1.0, 1.0, 3.0], np.float32)
    e = np.exp(-1.0) - 1
    want = np.array([1 * 1 * e, 2 * 1 * e, 1 * 3 * e, 1 * 2.0], np.float32)
    check(run(ops.selu, x, alpha, lam), want)


@cpu_differs
def test_special_values():
    x = np.array([np.nan, -np.inf, np.inf, -0.0, 0.0, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49999997], np.float32)
    nan = np.nan
    same = lambda got, want: np.testing.assert_array_equal(got, np.array(want, np.float32))  # noqa: E731
    # Relu keeps NaN and -0 (x < 0 ? 0 : x).
    same(run(ops.relu, x), [nan, 0, np.inf, -0.0, 0, 0, 0, 0, 0.5, 1.5, 2.5, 0.49999997])
    assert np.signbit(run(ops.relu, x)[3])
    same(run(ops.sign, x), [nan, -1, 1, 0, 0, -1, -1, -1, 1, 1, 1, 1])
    same(run(ops.round, x, "half_to_even"), [nan, -np.inf, np.inf, -0.0, 0, -2, -2, -0.0, 0, 2, 2, 0])
    same(run(ops.round, x, "half_away_from_zero"), [nan, -np.inf, np.inf, -0.0, 0, -3, -2, -1, 1, 2, 3, 0])
    same(run(ops.clamp, x, -1.0, 2.0), [nan, -1, 2, -0.0, 0, -1, -1, -0.5, 0.5, 1.5, 2, 0.49999997])
    same(run(ops.hard_sigmoid, x, np.array(0.2, np.float32), np.array(0.5, np.float32))[:3], [1, 0, 1])
    same(run(ops.hsigmoid, x)[:3], [nan, 0, 1])
    same(run(ops.hswish, x)[:3], [nan, nan, np.inf])
    same(run(ops.gelu, x, "erf")[:3], [nan, nan, np.inf])
    same(run(ops.logical_not, x)[:5], [0, 0, 0, 1, 1])
    same(run(ops.softplus, np.array([-30, 100, -np.inf], np.float32)), [0, 100, 0])


@pytest.mark.parametrize("dtype", [np.float32, np.float16, np.float64])
def test_is_nan_inf_finite(dtype):
    if ORACLE and dtype == np.float64:
        pytest.skip("OpenVINO's CPU plugin turns f64 inf into f32 max")
    x = np.array([np.nan, -np.inf, np.inf, 0.0, -1.5, 65504], dtype=dtype)
    check(run(ops.is_nan, x), np.isnan(x))
    check(run(ops.is_finite, x), np.isfinite(x))
    check(run(ops.is_inf, x), np.isinf(x))
    check(run(ops.is_inf, x, {"detect_positive": False}), np.isneginf(x))
    check(run(ops.is_inf, x, {"detect_negative": False}), np.isposinf(x))
    check(run(ops.is_inf, x, {"detect_negative": False, "detect_positive": False}), np.zeros(6, bool))


def test_logical_and_bitwise_not():
    b = np.array([[True, False], [False, True]])
    check(run(ops.logical_not, b), ~b)
    check(run(ops.bitwise_not, b), ~b)
    for dtype in (np.int32, np.int64, np.uint8, np.int8, np.uint16):
        x = np.array([0, 1, 5, 100, 127], dtype=dtype)
        check(run(ops.bitwise_not, x), np.invert(x))
        check(run(ops.logical_not, x), (x == 0).astype(dtype))


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.int8])
def test_integer_exact_ops(dtype):
    x = np.array([-9, -4, -1, 0, 1, 2, 5, 100], dtype=dtype)
    check(run(ops.absolute, x), np.abs(x))
    check(run(ops.negative, x), -x)
    check(run(ops.sign, x), np.sign(x))
    check(run(ops.relu, x), np.maximum(x, 0))
    check(run(ops.floor, x), x)
    check(run(ops.ceiling, x), x)
    check(run(ops.round, x), x)
    # Clamp bounds round inward for integers: [ceil(min), floor(max)].
    check(run(ops.clamp, x, -1.5, 2.6), np.clip(x, -1, 2))


def test_integer_activations_round_half_even():
    # Ops only OpenVINO's CPU plugin runs on integers: computed in float, rounded half to even.
    x = np.array([-9, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 8, 15, 100], np.int32)
    check(run(ops.hswish, x), np.array([0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 8, 15, 100], np.int32))
    check(run(ops.hsigmoid, x), np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1], np.int32))
    check(run(ops.elu, x, 0.5), np.maximum(x, 0))
    check(run(ops.hard_sigmoid, x, np.array(1, np.int32), np.array(2, np.int32)),
          np.clip(x + 2, 0, 1).astype(np.int32))
    check(run(ops.prelu, x, np.array([2], np.int32)), np.where(x < 0, 2 * x, x).astype(np.int32))


def test_bf16_through_convert():
    p = ops.parameter([5], np.float32)
    y = ops.convert(ops.tanh(ops.convert(p, "bf16")), "f32")
    x = np.array([-2.0, -0.5, 0.0, 0.25, 3.0], np.float32)
    got = infer(y, [p], [x])[0]
    np.testing.assert_allclose(got, np.tanh(x), rtol=1e-2, atol=1e-3)


# ---- attributes, opsets, shapes ----

def test_attributes():
    p = ops.parameter([2], np.float32)
    assert ops.round(p).get_attributes() == {"mode": "half_to_even"}
    assert ops.round(p, "half_away_from_zero").get_attributes() == {"mode": "half_away_from_zero"}
    assert ops.gelu(p, "erf").get_attributes() == {"approximation_mode": "ERF"}
    assert ops.gelu(p, "TANH").get_attributes() == {"approximation_mode": "TANH"}
    assert ops.clamp(p, -1, 2.5).get_attributes() == {"min": -1.0, "max": 2.5}
    assert ops.elu(p, 1).get_attributes() == {"alpha": 1.0}
    assert ops.is_inf(p).get_attributes() == {"detect_negative": True, "detect_positive": True}
    assert ops.is_inf(p, {"detect_negative": False}).get_attributes() == \
        {"detect_negative": False, "detect_positive": True}
    assert ops.is_inf(p, {"detect_positive": False, "unknown": 1}).get_attributes() == \
        {"detect_negative": True, "detect_positive": False}
    assert ops.relu(p).get_attributes() == {}
    assert ops.is_nan(p).get_output_element_type(0) == ov.Type.boolean


def test_opset_versions():
    assert ops.abs is ops.absolute and ops.ceil is ops.ceiling
    assert ops1.abs is ops1.absolute
    assert not hasattr(ops1, "gelu") and not hasattr(ops1, "round") and not hasattr(ops4, "round")
    assert ops2.gelu(ops.parameter([2], np.float32)).get_type_info().version_id == "opset2"
    assert ops6.gelu is ops2.gelu and ops8.gelu is ops.gelu
    assert ops.gelu(ops.parameter([2], np.float32), "erf").get_type_info().version_id == "opset7"
    assert hasattr(ops4, "swish") and hasattr(ops4, "mish") and hasattr(ops4, "asinh") and hasattr(ops4, "softplus")
    assert not hasattr(ops8, "softsign") and hasattr(ops9, "softsign")
    assert not hasattr(ops9, "is_nan") and not hasattr(ops12, "bitwise_not") and hasattr(ops, "bitwise_not")
    # OpenVINO names Asinh-3 "opset4", where its builder starts.
    assert ops.asinh(ops.parameter([2], np.float32)).get_type_info().version_id == "opset4"
    assert ops.round(ops.parameter([2], np.float32)).get_type_info().version_id == "opset5"


def test_dynamic_shapes():
    p = ops.parameter([(1, 4), -1, 3], np.float32)
    assert ops.exp(p).get_output_partial_shape(0) == ov.PartialShape([(1, 4), -1, 3])
    d = ops.parameter(ov.PartialShape.dynamic(), np.float16)
    assert ops.is_nan(d).get_output_partial_shape(0) == ov.PartialShape.dynamic()
    assert ops.is_nan(d).get_output_element_type(0) == ov.Type.boolean
    t = ops.parameter([2], ov.Type.dynamic)
    assert ops.sigmoid(t).get_output_element_type(0) == ov.Type.dynamic
    compiled = ov.compile_model(ov.Model([ops.sigmoid(p)], [p]), "CPU")
    for rows in (1, 3):
        x = sample([rows, 2, 3], np.float32, -3, 3, rows)
        check(compiled(x)[0], (1 / (1 + np.exp(-x.astype(np.float64)))).astype(np.float32))


P = ops.parameter
ERRORS = [
    (lambda: ops.absolute(P([2], np.bool_)), "This operation does not support input with element type: boolean"),
    (lambda: ops.relu(P([2], ov.Type.string)), "This operation does not support input with element type: string"),
    (lambda: ops.is_nan(P([2], np.int32)), "The element type of the input tensor must be a floating point number"),
    (lambda: ops.is_inf(P([2], np.int32)), "The element type of the input tensor must be a floating point number"),
    (lambda: ops.is_finite(P([2], np.int32)),
     r"The element type of the input tensor must be a floating point number or dynamic \(got i32\)"),
    (lambda: ops.bitwise_not(P([2], np.float32)), "The element type of the input tensor must be integer or boolean"),
    (lambda: ops.mish(P([2], np.int32)), "Element must be of floating point type, Got: i32"),
    (lambda: ops.softplus(P([2], np.int32)), "Input element type must be float. Got: i32"),
    (lambda: ops.softsign(P([2], np.int32)), "Input element type must be float, instead got: i32"),
    (lambda: ops.gelu(P([2], np.int32), "erf"),
     r"Argument element type must be f16, bf16, f32, f64 or dynamic \(got i32\)"),
    (lambda: ops2.gelu(P([2], np.int32)), r"Argument element type must be f16, bf16, f32, f64 or dynamic \(got i32\)"),
    (lambda: ops.gelu(P([2], np.float32), "foo"), "foo"),
    (lambda: ops.round(P([2], np.float32), "foo"), "FOO"),
    (lambda: ops.clamp(P([2], np.bool_), 0, 1), "Input element type must be numeric. Got: boolean"),
    (lambda: ops.clamp(P([2], np.float32), 3.0, 2.0), "Attribute 'min' must be less or equal than 'max'. Got: 3 and 2"),
    (lambda: ops.clamp(P([2], np.float32), float("nan"), 2.0),
     "Attribute 'min' must be less or equal than 'max'. Got: nan and 2"),
    (lambda: ops.swish(P([2], np.int32), P([], np.int32)), r"Swish input tensor must be floating point type\(i32\)"),
    (lambda: ops.swish(P([2], np.float16)), "Swish inputs must have the same type but they are: f16 and f32"),
    (lambda: ops.swish(P([2], np.float32), P([1], np.float32)), "Swish input with beta must be scalar but it has rank: 1"),
    (lambda: ops.hard_sigmoid(P([2], np.float32), P([2], np.float32), P([], np.float32)),
     r"A scalar is expected for the 'alpha' input. Got: \[2\]"),
    (lambda: ops.hard_sigmoid(P([2], np.float32), P([], np.float32), P([1], np.float32)),
     r"A scalar is expected for the 'beta' input. Got: \[1\]"),
    (lambda: ops.hard_sigmoid(P([2], np.float32), P([], np.float16), P([], np.float32)),
     "The element types of both alpha and beta inputs must match the data input type"),
    (lambda: ops.selu(P([2], np.float32), P([1], np.float16), P([1], np.float32)),
     "Input element types do not match : f32 and f16 and f32"),
    (lambda: ops.selu(P([2], np.int32), P([1], np.int32), P([1], np.int32)),
     "Input element types must be floating-point. Got: i32"),
]


@pytest.mark.parametrize("index", range(len(ERRORS)))
def test_errors(index):
    build, message = ERRORS[index]
    with pytest.raises(RuntimeError, match=message):
        build()


def test_accepted_types():
    # Round, LogicalNot and Elu accept any element type; HardSigmoid too; dynamic passes everywhere.
    assert ops.round(P([2], np.bool_)).get_output_element_type(0) == ov.Type.boolean
    assert ops.logical_not(P([2], np.float32)).get_output_element_type(0) == ov.Type.f32
    assert ops.elu(P([2], np.bool_), 1.0).get_output_element_type(0) == ov.Type.boolean
    assert ops.hard_sigmoid(P([2], np.int32), P([-1], np.int32), P([], np.int32)).get_output_element_type(0) == \
        ov.Type.i32
    assert ops.selu(P([2], ov.Type.dynamic), P([], np.float16), P([], ov.Type.dynamic)).get_output_element_type(0) == \
        ov.Type.f16
    assert ops.swish(P([2], np.float32), P(ov.PartialShape.dynamic(), np.float32)).get_output_element_type(0) == \
        ov.Type.f32


# ---- against OpenVINO's reference kernels (constant folding) ----

def fold_with_openvino(builder_name, x, *args):
    ovr = pytest.importorskip("openvino")
    from openvino import passes
    module = ovr.opset13
    node = getattr(module, builder_name)(module.constant(x), *args)
    model = ovr.Model([module.result(node)], [])
    manager = passes.Manager()
    manager.register_pass(passes.ConstantFolding())
    manager.run_passes(model)
    folded = model.get_results()[0].input_value(0).get_node()
    assert folded.get_type_name() == "Constant", f"openvino does not fold {builder_name}"
    return folded.data


INT_FOLDED = ["absolute", "negative", "sqrt", "exp", "log", "floor", "ceiling", "sign", "sin", "cos", "tan", "asin",
              "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "erf", "relu", "sigmoid", "round",
              "logical_not"]


@cpu_differs
@pytest.mark.parametrize("name", INT_FOLDED)
def test_integers_against_openvino_reference(name):
    # Each op has its own rounding of real results on integers (Sqrt rounds, Exp truncates, Atanh saturates).
    x = np.array([-9, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 8, 15, 100, 2**20, -(2**20)], np.int32)
    np.testing.assert_array_equal(run(getattr(ops, name), x), fold_with_openvino(name, x))


@cpu_differs
@pytest.mark.parametrize("name", ["exp", "log", "sqrt", "sin", "cos", "tan", "asin", "atan", "sinh", "tanh", "erf",
                                  "sigmoid", "relu", "floor", "ceiling", "round", "sign", "hswish", "hsigmoid",
                                  "softplus", "mish", "absolute", "negative"])
def test_f32_against_openvino_reference(name):
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.standard_normal(300) * 3, [np.nan, np.inf, -np.inf, -0.0, 0.0, 0.5, -2.5]])
    x = x.astype(np.float32)
    got = run(getattr(ops, name), x)
    want = fold_with_openvino(name, x)
    np.testing.assert_allclose(got, want, rtol=2e-6, atol=1e-7, equal_nan=True)

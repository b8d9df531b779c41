"""Binary elementwise ops (Add ... BitwiseRightShift), PRelu and Select: results against numpy and
against OpenVINO's reference kernels (its constant folding), broadcasting modes, shape inference
with dynamic dimensions, and validation errors with OpenVINO's messages.

Tolerances: f64 rtol 1e-12; f32 rtol 1e-6 (one rounding); f16/bf16 compared after rounding the
numpy result to the type (exact up to 1 ulp). Integer results are exact.
Integer semantics are OpenVINO's reference ones: Divide floors (m_pythondiv), FloorMod is Python's
%, Mod C's %, Power is trunc(pow(double, double)) with the x86 cast rules, shifts wrap their count.
"""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset12 as ops12
import pinot.opset13 as ops
import pinot.opset14 as ops14
import pinot.opset15 as ops15

# OpenVINO's CPU plugin (what the oracle run executes) differs from its reference kernels on
# integer division, i64/u64 (computed in i32) and NaN in Maximum/Minimum/GreaterEqual.
cpu_differs = pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin differs from its reference semantics")

TOL = {np.float64: (1e-12, 0.0), np.float32: (1e-6, 1e-7), np.float16: (1e-3, 1e-4)}
if ORACLE:  # OpenVINO's CPU plugin computes f64 in f32
    TOL[np.float64] = TOL[np.float32]


def infer(outputs, params, inputs):
    """Compile a model of `outputs` over `params` and run it once."""
    compiled = ov.compile_model(ov.Model(outputs if isinstance(outputs, list) else [outputs], params), "CPU")
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def run(builder, *arrays, **kwargs):
    params = [ops.parameter(list(a.shape), a.dtype) for a in arrays]
    return infer(builder(*params, **kwargs), params, list(arrays))[0]


def check(got, want, dtype=None):
    dtype = np.dtype(dtype or want.dtype)
    assert got.dtype == dtype, (got.dtype, dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    if dtype.type in TOL:
        rtol, atol = TOL[dtype.type]
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(got, want)


def sample(shape, dtype, seed=0, low=-5, high=6):
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    if dtype.kind == "f":
        return rng.uniform(low, high, shape).astype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if dtype.kind == "u":
        low = 0
    return rng.integers(low, high, shape).astype(dtype)


# ---- numpy references with OpenVINO's semantics ----

def np_floor_div(a, b):
    if a.dtype.kind in "iu":
        with np.errstate(all="ignore"):
            return np.where(b == 0, 0, np.floor_divide(a, np.where(b == 0, 1, b))).astype(a.dtype)
    return a / b


def np_power(a, b):
    if a.dtype.kind in "iu":
        with np.errstate(all="ignore"):
            return np.trunc(np.power(a.astype(np.float64), b.astype(np.float64))).astype(a.dtype)
    return np.power(a.astype(np.float64), b.astype(np.float64)).astype(a.dtype)


def np_floor_mod(a, b):
    if a.dtype.kind in "iu":
        return np.mod(a, b)
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    return (a64 - np.floor(a64 / b64) * b64).astype(a.dtype)


def np_mod(a, b):
    if a.dtype.kind in "iu":
        return np.fmod(a, b)
    return (a - np.trunc(a / b) * b).astype(a.dtype)


ARITH = {
    "add": (ops.add, np.add),
    "subtract": (ops.subtract, np.subtract),
    "multiply": (ops.multiply, np.multiply),
    "divide": (ops.divide, np_floor_div),
    "power": (ops.power, np_power),
    "maximum": (ops.maximum, np.maximum),
    "minimum": (ops.minimum, np.minimum),
    "squared_difference": (ops.squared_difference, lambda a, b: ((a - b) * (a - b)).astype(a.dtype)),
    "floor_mod": (ops.floor_mod, np_floor_mod),
    "mod": (ops.mod, np_mod),
}

COMPARE = {
    "equal": (ops.equal, np.equal),
    "not_equal": (ops.not_equal, np.not_equal),
    "greater": (ops.greater, np.greater),
    "greater_equal": (ops.greater_equal, np.greater_equal),
    "less": (ops.less, np.less),
    "less_equal": (ops.less_equal, np.less_equal),
}

SHAPES = [
    ([2, 3, 4], [2, 3, 4]),
    ([2, 3, 4], [3, 1]),
    ([1, 3, 1, 1], [2, 3, 4, 5]),
    ([2, 1, 4], [5, 1]),
    ([2, 3], []),
    ([], []),
    ([0, 3], [3]),
    ([4, 1], [1, 0]),
]


def nonzero_divisor(b):
    return np.where(b == 0, np.array(3, dtype=b.dtype), b)


@pytest.mark.parametrize("shape_a,shape_b", SHAPES)
@pytest.mark.parametrize("name", list(ARITH))
def test_arith_f32_shapes(name, shape_a, shape_b):
    builder, ref = ARITH[name]
    a = sample(shape_a, np.float32, 1)
    b = sample(shape_b, np.float32, 2)
    if name == "power":
        a = np.abs(a) + 0.5
    if name in ("divide", "floor_mod", "mod"):
        b = np.where(np.abs(b) < 0.25, np.float32(0.5), b).astype(np.float32)
    with np.errstate(all="ignore"):
        check(run(builder, a, b), np.asarray(ref(a, b)).astype(np.float32))


@pytest.mark.parametrize("dtype", [np.float64, np.float16, np.int32, np.int8, np.uint8, np.int16, np.uint32])
@pytest.mark.parametrize("name", list(ARITH))
def test_arith_types(name, dtype):
    builder, ref = ARITH[name]
    a = sample([3, 4], dtype, 3)
    b = sample([4], dtype, 4)
    if name == "power":
        b = np.abs(b) % 4 if np.dtype(dtype).kind in "iu" else np.abs(b)
        a = a if np.dtype(dtype).kind in "iu" else np.abs(a) + 0.5
    if name in ("divide", "floor_mod", "mod"):
        b = nonzero_divisor(b)
    if ORACLE and (name in ("divide", "power", "mod", "floor_mod", "squared_difference", "subtract")
                   and np.dtype(dtype).kind in "iu" or name in ("mod", "floor_mod") and dtype == np.float64):
        pytest.skip("OpenVINO's CPU plugin saturates u8, computes integer division and f64 in f32")
    with np.errstate(all="ignore"):
        want = np.asarray(ref(a, b))
    if np.dtype(dtype) == np.float16:
        # OpenVINO computes f16 in f32 and rounds once.
        with np.errstate(all="ignore"):
            want = np.asarray(ref(a.astype(np.float32), b.astype(np.float32))).astype(np.float16)
    check(run(builder, a, b), want.astype(dtype))


@cpu_differs
@pytest.mark.parametrize("dtype", [np.int64, np.uint64])
@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "maximum", "minimum", "divide", "floor_mod", "mod"])
def test_arith_64bit(name, dtype):
    builder, ref = ARITH[name]
    if dtype == np.uint64:
        a = np.array([2**64 - 1, 2**63 + 5, 7, 2**63 - 1], dtype=np.uint64)
        b = np.array([3, 2**63 + 1, 2**64 - 2, 2], dtype=np.uint64)
    else:
        a = np.array([2**63 - 1, -(2**63), -7, 7, -(2**62) - 3], dtype=np.int64)
        b = np.array([-1, 1, 2, -2, 3], dtype=np.int64)
    with np.errstate(all="ignore"):
        want = ref(a, b)
    check(run(builder, a, b), np.asarray(want).astype(dtype))


@cpu_differs
def test_integer_division_edges():
    a = np.array([7, -7, 7, -7, 0, -3, 3, -(2**31), 9], dtype=np.int32)
    b = np.array([2, 2, -2, -2, 3, 5, -5, -1, 0], dtype=np.int32)
    # Floor division (m_pythondiv), INT_MIN / -1 wraps, division by zero gives 0 (OpenVINO throws).
    check(run(ops.divide, a, b), np.array([3, -4, -4, 3, 0, -1, -1, -(2**31), 0], dtype=np.int32))
    check(run(ops.floor_mod, a, b), np.array([1, 1, -1, -1, 0, 2, -2, 0, 0], dtype=np.int32))
    check(run(ops.mod, a, b), np.array([1, -1, 1, -1, 0, -3, 3, 0, 0], dtype=np.int32))


@cpu_differs
def test_divide_pythondiv_attribute():
    from pinot._ops._base import make_node

    a = ops.parameter([4], np.int32)
    b = ops.parameter([4], np.int32)
    x = np.array([-7, 7, -1, 5], dtype=np.int32)
    y = np.array([2, -2, 3, 2], dtype=np.int32)
    node = ov.opset1.divide(a, b)
    assert node.get_attributes() == {"auto_broadcast": "numpy", "m_pythondiv": True}
    check(infer(node, [a, b], [x, y])[0], np.array([-4, -4, -1, 2], dtype=np.int32))
    # m_pythondiv=false (IR files, other front ends) truncates toward zero.
    node = make_node("Divide", 1, [a, b], {"m_pythondiv": False})
    assert node.get_attributes() == {"auto_broadcast": "numpy", "m_pythondiv": False}
    check(infer(node, [a, b], [x, y])[0], np.array([-3, -3, 0, 2], dtype=np.int32))


def test_float_special_values():
    a = np.array([5.5, -5.5, np.inf, 1.0, np.nan, -0.0, 2.5, 5.0, 0.0, 3.0], dtype=np.float32)
    b = np.array([2.0, 2.0, 2.0, np.inf, 1.0, 1.0, -0.0, 0.0, 0.0, -np.inf], dtype=np.float32)
    with np.errstate(all="ignore"):
        # FloorMod is x - floor(x / y) * y: 1 fm inf is NaN (numpy says 1).
        want = np.array([1.5, 0.5, np.nan, np.nan, np.nan, 0.0, np.nan, np.nan, np.nan, np.nan], dtype=np.float32)
        np.testing.assert_array_equal(run(ops.floor_mod, a, b), want)
        np.testing.assert_array_equal(run(ops.divide, a, b), a / b)
        np.testing.assert_array_equal(run(ops.power, a, b), np.power(a, b))


@cpu_differs
def test_nan_max_min_compare():
    # std::max / std::min: a NaN in the first operand propagates, in the second it does not.
    a = np.array([1, np.nan, np.nan, -0.0, 0.0, np.inf], dtype=np.float32)
    b = np.array([np.nan, 1, np.nan, 0.0, -0.0, np.nan], dtype=np.float32)
    np.testing.assert_array_equal(run(ops.maximum, a, b), np.array([1, np.nan, np.nan, -0.0, 0.0, np.inf], np.float32))
    np.testing.assert_array_equal(run(ops.minimum, a, b), np.array([1, np.nan, np.nan, -0.0, 0.0, np.inf], np.float32))
    for name, (builder, ref) in COMPARE.items():
        np.testing.assert_array_equal(run(builder, a, b), ref(a, b), err_msg=name)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int32, np.int64, np.uint8, np.int8, np.bool_])
@pytest.mark.parametrize("name", list(COMPARE))
def test_compare(name, dtype):
    builder, ref = COMPARE[name]
    a = sample([2, 3, 4], dtype, 5, -3, 3)
    b = sample([3, 1], dtype, 6, -3, 3)
    check(run(builder, a, b), ref(a, b), np.bool_)


@pytest.mark.parametrize("name,ref", [("logical_and", np.logical_and), ("logical_or", np.logical_or),
                                      ("logical_xor", np.logical_xor)])
def test_logical(name, ref):
    a = sample([3, 4], np.bool_, 7)
    b = sample([4], np.bool_, 8)
    check(run(getattr(ops, name), a, b), ref(a, b), np.bool_)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint8, np.int8, np.uint16, np.bool_])
@pytest.mark.parametrize("name,ref", [("bitwise_and", np.bitwise_and), ("bitwise_or", np.bitwise_or),
                                      ("bitwise_xor", np.bitwise_xor)])
def test_bitwise(name, ref, dtype):
    a = sample([3, 4], dtype, 9, -100, 100)
    b = sample([4], dtype, 10, -100, 100)
    check(run(getattr(ops, name), a, b), ref(a, b))


def test_shifts():
    x = np.array([1, -1, 5, -8, 2**30, 7, -7, 1], dtype=np.int32)
    s = np.array([0, 1, 31, 2, 3, 32, 33, -1], dtype=np.int32)
    # Counts wrap modulo 32 as x86 shifts do: 7 << 32 == 7, 1 << -1 == 1 << 31.
    check(run(ops15.bitwise_left_shift, x, s), np.array([1, -2, -(2**31), -32, 0, 7, -14, -(2**31)], np.int32))
    check(run(ops15.bitwise_right_shift, x, s), np.array([1, -1, 0, -2, 2**27, 7, -4, 0], np.int32))
    u = np.array([255, 128, 3, 200, 1], dtype=np.uint8)
    c = np.array([1, 7, 8, 9, 4], dtype=np.uint8)
    check(run(ops15.bitwise_right_shift, u, c), np.array([127, 1, 0, 0, 0], np.uint8))
    check(run(ops15.bitwise_left_shift, u, c), np.array([254, 0, 0, 0, 16], np.uint8))
    i = np.array([-128, -1, 64, 100], dtype=np.int8)
    k = np.array([1, 7, 8, 9], dtype=np.int8)
    check(run(ops15.bitwise_right_shift, i, k), np.array([-64, -1, 0, 0], np.int8))
    check(run(ops15.bitwise_left_shift, i, k), np.array([0, -128, 0, 0], np.int8))


def test_bf16_through_convert():
    a = ops.parameter([4], np.float32)
    b = ops.parameter([4], np.float32)
    y = ops.convert(ops.multiply(ops.convert(a, "bf16"), ops.convert(b, "bf16")), "f32")
    x1 = np.array([1.5, -2.0, 3.0, 0.1], np.float32)
    x2 = np.array([2.0, 0.5, 1.0 / 3.0, 10.0], np.float32)
    got = infer(y, [a, b], [x1, x2])[0]
    np.testing.assert_allclose(got, x1 * x2, rtol=2e-2)
    assert got[0] == 3.0 and got[1] == -1.0


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin does not run these types")
def test_small_and_packed_types_through_convert():
    a = ops.parameter([4], np.float32)
    b = ops.parameter([4], np.float32)

    def through(type_name, builder, x1, x2):
        y = ops.convert(builder(ops.convert(a, type_name), ops.convert(b, type_name)), "f32")
        return infer(y, [a, b], [np.array(x1, np.float32), np.array(x2, np.float32)])[0].tolist()

    # f8e4m3 arithmetic rounds the f32 result back to f8 (overflow is NaN).
    got = through("f8e4m3", ops.add, [1, 2, 0.5, 400], [1, 2, 0.25, 400])
    assert got[:3] == [2, 4, 0.75] and np.isnan(got[3])
    # i4 / u4 wrap to their 4 bits.
    assert through("i4", ops.add, [3, -2, 7, -8], [4, -7, 1, -1]) == [7, 7, -8, 7]
    assert through("u4", ops.multiply, [3, 5, 15, 0], [5, 4, 15, 9]) == [15, 4, 1, 0]
    assert through("u1", ops.bitwise_xor, [1, 0, 1, 0], [1, 1, 0, 0]) == [0, 1, 1, 0]
    assert through("i4", ops.maximum, [3, -2, 7, -8], [4, -7, 1, -1]) == [4, -2, 7, -1]


# ---- broadcasting modes ----

def test_pdpd_broadcast():
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    b = np.array([10, 20], dtype=np.float32).reshape(2, 1)
    # PDPD lines b up with a from axis 0 (trailing 1s dropped).
    check(run(ops.add, a, b, auto_broadcast="pdpd"), a + b.reshape(2, 1, 1))
    check(run(ops.subtract, a, np.float32(2).reshape(()), auto_broadcast="PDPD"), a - 2)
    node = ops.add(ops.parameter([2, 3], np.float32), ops.parameter([2], np.float32), "pdpd")
    assert node.get_output_partial_shape(0) == ov.PartialShape([2, 3])
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.add(ops.parameter([2, 3], np.float32), ops.parameter([3], np.float32), "pdpd")
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.add(ops.parameter([3], np.float32), ops.parameter([2, 3], np.float32), "pdpd")


def test_none_broadcast():
    a = sample([2, 3], np.float32, 11)
    b = sample([2, 3], np.float32, 12)
    check(run(ops.add, a, b, auto_broadcast="none"), a + b)
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.add(ops.parameter([2, 3], np.float32), ops.parameter([3], np.float32), "none")
    node = ops.add(ops.parameter([-1, 3], np.float32), ops.parameter([2, -1], np.float32), "none")
    assert node.get_output_partial_shape(0) == ov.PartialShape([2, 3])
    node = ops.add(ops.parameter(ov.PartialShape.dynamic(), np.float32), ops.parameter([2, -1], np.float32), "none")
    assert node.get_output_partial_shape(0) == ov.PartialShape([2, -1])


def test_dynamic_shapes():
    P = ops.parameter
    node = ops.add(P([(1, 5), -1, 3], np.float32), P([(2, 8), 1], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([(1, 5), (2, 8), 3])
    node = ops.add(P([(1, 5), -1, 1], np.float32), P([1, (3, 4), (2, 8)], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([(1, 5), (3, 4), (2, 8)])
    node = ops.multiply(P(ov.PartialShape.dynamic(), np.float32), P([2, 3], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape.dynamic()
    node = ops.less(P([-1, 4], np.int32), P([4], np.int32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([-1, 4])
    assert node.get_output_element_type(0) == ov.Type.boolean
    # A model with a dynamic dimension runs with whatever size arrives.
    a = P([-1, 3], np.float32)
    b = P([3], np.float32)
    compiled = ov.compile_model(ov.Model([ops.add(a, b)], [a, b]), "CPU")
    for rows in (1, 4):
        x = sample([rows, 3], np.float32, rows)
        y = sample([3], np.float32, 13)
        check(compiled([x, y])[0], x + y)


# ---- types and errors ----

def test_output_types_and_attributes():
    f = ops.parameter([2], np.float32)
    assert ops.add(f, f).get_output_element_type(0) == ov.Type.f32
    assert ops.add(f, f).get_attributes() == {"auto_broadcast": "numpy"}
    assert ops.add(f, f, "pdpd").get_attributes()["auto_broadcast"] == "pdpd"
    assert ops.divide(f, f).get_attributes() == {"auto_broadcast": "numpy", "m_pythondiv": True}
    assert ops.equal(f, f).get_output_element_type(0) == ov.Type.boolean
    d = ops.parameter([2], ov.Type.dynamic)
    i = ops.parameter([2], np.int32)
    assert ops.add(d, i).get_output_element_type(0) == ov.Type.i32
    assert ops.logical_and(ops.parameter([2], np.bool_), d).get_output_element_type(0) == ov.Type.boolean
    assert ops.add(f, np.float32(1.0)).get_type_name() == "Add"
    with pytest.raises(RuntimeError, match="arg1 element type: f64"):
        ops.add(f, 1.0)  # Python floats are f64 constants, as in OpenVINO


@pytest.mark.parametrize("builder,dtype,message", [
    (ops.add, np.bool_, "This operation does not support inputs with element type: boolean"),
    (ops.divide, np.bool_, "This operation does not support inputs with element type: boolean"),
    (ops.logical_and, np.float32, "Operands for logical operators must have boolean element type but have element "
                                  "type f32"),
    (ops.bitwise_or, np.float32, "The element type of the input tensor must be integer or boolean"),
    (ops15.bitwise_left_shift, np.bool_, "The element type of the input tensor must be integer number"),
])
def test_type_errors(builder, dtype, message):
    with pytest.raises(RuntimeError, match=message):
        builder(ops.parameter([2, 3], dtype), ops.parameter([3], dtype))


def test_mismatch_errors():
    with pytest.raises(RuntimeError, match=r"Arguments do not have the same element type \(arg0 element type: f32, "
                                           r"arg1 element type: i32\)"):
        ops.add(ops.parameter([2, 3], np.float32), ops.parameter([3], np.int32))
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.multiply(ops.parameter([2, 3], np.float32), ops.parameter([4], np.float32))
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.equal(ops.parameter([0, 3], np.float32), ops.parameter([2, 3], np.float32))
    with pytest.raises(RuntimeError):
        ops.add(ops.parameter([2], np.float32), ops.parameter([2], np.float32), "foo")


def test_version_ids():
    f = ops.parameter([2], np.float32)
    b = ops.parameter([2], np.bool_)
    # LogicalXor-1 is named "opset2" by OpenVINO, even from the opset1 builder.
    assert ops1.logical_xor(b, b).get_type_info().version_id == "opset2"
    assert ops.add(f, f).get_type_info().version_id == "opset1"
    i = ops.parameter([2], np.int32)
    assert ops.bitwise_and(i, i).get_type_info().version_id == "opset13"
    assert ops15.bitwise_left_shift(i, i).get_type_info().version_id == "opset15"


def test_opset_membership():
    assert not hasattr(ops12, "bitwise_and") and hasattr(ops, "bitwise_and")
    assert not hasattr(ops14, "bitwise_left_shift") and hasattr(ops15, "bitwise_right_shift")
    for name in list(ARITH) + list(COMPARE) + ["logical_and", "logical_or", "logical_xor", "prelu", "select"]:
        assert hasattr(ops1, name), name


# ---- PRelu ----

def np_prelu(x, slope):
    if slope.ndim == 1 and x.ndim >= 1 and x.shape[1 if x.ndim > 1 else 0] == slope.shape[0]:
        shape = [1] * x.ndim
        shape[1 if x.ndim > 1 else 0] = slope.shape[0]
        slope = slope.reshape(shape)
    return np.where(x < 0, x * slope, x).astype(x.dtype)


@pytest.mark.parametrize("x_shape,slope_shape", [
    ([1, 4, 5, 6], [4]),      # per channel
    ([2, 4, 3], [4]),
    ([1, 4, 5, 6], [6]),      # numpy: last axis
    ([1, 4, 5, 6], [5, 6]),
    ([1, 4, 5, 6], [4, 1, 1]),
    ([1, 4, 5, 6], [1]),
    ([1, 4, 5, 6], []),
    ([4], [4]),
    ([3, 4], [4]),
])
@pytest.mark.parametrize("dtype", [np.float32, np.float16, np.float64])
def test_prelu(x_shape, slope_shape, dtype):
    x = sample(x_shape, dtype, 14)
    slope = sample(slope_shape, dtype, 15, 0, 1)
    wide = np.float64 if dtype == np.float64 else np.float32  # f16 is computed in f32
    want = np_prelu(x.astype(wide), slope.astype(wide)).astype(dtype)
    check(run(ops.prelu, x, slope), want)


def test_prelu_int_and_shapes():
    x = np.array([[-9, -1, 0, 3]], dtype=np.int32)
    check(run(ops.prelu, x, np.array([2], np.int32)), np.array([[-18, -2, 0, 3]], np.int32))
    node = ops.prelu(ops.parameter(ov.PartialShape.dynamic(), np.float32), ops.parameter([3], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape.dynamic()
    node = ops.prelu(ops.parameter([1, -1, 5, 6], np.float32), ops.parameter([3], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([1, -1, 5, 6])


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO accepts any slope shape at validation")
def test_prelu_bad_slope():
    with pytest.raises(RuntimeError, match="cannot be broadcast"):
        ops.prelu(ops.parameter([1, 4, 5, 6], np.float32), ops.parameter([7], np.float32))


# ---- Select ----

@pytest.mark.parametrize("shapes", [
    ([2, 3], [2, 3], [2, 3]),
    ([3], [2, 3], [1]),
    ([2, 1], [1, 3], [2, 3]),
    ([], [4], [4]),
    ([0, 2], [2], [1, 2]),
])
@pytest.mark.parametrize("dtype", [np.float32, np.int64, np.uint8, np.bool_, np.float16])
def test_select(shapes, dtype):
    cond = sample(shapes[0], np.bool_, 16)
    a = sample(shapes[1], dtype, 17)
    b = sample(shapes[2], dtype, 18)
    check(run(ops.select, cond, a, b), np.where(cond, a, b).astype(dtype))


def test_select_modes_and_errors():
    cond = np.array([True, False], dtype=bool)
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.full([2, 3], -1, dtype=np.float32)
    check(run(ops.select, np.ones([2, 3], bool), a, b, auto_broadcast="none"), a)
    # PDPD: 'else' and 'cond' line up with 'then' from axis 0 (OpenVINO's CPU plugin fails to compile it).
    if not ORACLE:
        check(run(ops.select, cond, a, np.array([7, 8], np.float32), auto_broadcast="pdpd"),
              np.where(cond.reshape(2, 1), a, np.array([7, 8], np.float32).reshape(2, 1)))
    P = ops.parameter
    with pytest.raises(RuntimeError, match=r"Argument 0 must have boolean element type \(element type: f32\)"):
        ops.select(P([2], np.float32), P([2], np.float32), P([2], np.float32))
    with pytest.raises(RuntimeError, match="Argument 1 and 2 element types must match"):
        ops.select(P([2], np.bool_), P([2], np.float32), P([2], np.int32))
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.select(P([4], np.bool_), P([2, 3], np.float32), P([2, 3], np.float32))
    with pytest.raises(RuntimeError, match="Argument shapes are inconsistent"):
        ops.select(P([2, 3], np.bool_), P([2, 3], np.float32), P([3], np.float32), "none")
    with pytest.raises(RuntimeError, match="'Else' tensor shape is not broadcastable"):
        ops.select(P([3], np.bool_), P([2, 3], np.float32), P([3], np.float32), "pdpd")
    node = ops.select(P([-1, 1], np.bool_), P([(2, 4), -1], np.float32), P([3], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([(2, 4), 3])
    node = ops.select(P([2], ov.Type.dynamic), P([2], ov.Type.dynamic), P([2], np.float16))
    assert node.get_output_element_type(0) == ov.Type.f16
    assert ops.select(P([2], np.bool_), P([2], np.float32), P([2], np.float32)).get_attributes() == \
        {"auto_broadcast": "numpy"}


@pytest.mark.skipif(bool(ORACLE), reason="string tensors through Select are a Pinot extension")
def test_select_strings():
    s = ops.parameter([2], ov.Type.string)
    compiled = ov.compile_model(ov.Model([ops.select(np.array([True, False]), s, np.array(["x", "y"]))], [s]), "CPU")
    assert list(compiled([np.array(["ab", "cd"])])[0]) == ["ab", "y"]


# ---- against OpenVINO's reference kernels (constant folding) ----

def fold_with_openvino(name, *arrays, opset=15):
    ovr = pytest.importorskip("openvino")
    from openvino import passes
    module = getattr(ovr, f"opset{opset}")
    node = getattr(module, name)(*[module.constant(a) for a in arrays])
    model = ovr.Model([module.result(node)], [])
    manager = passes.Manager()
    manager.register_pass(passes.ConstantFolding())
    manager.run_passes(model)
    folded = model.get_results()[0].input_value(0).get_node()
    assert folded.get_type_name() == "Constant", f"openvino does not fold {name}"
    return folded.data


@cpu_differs
@pytest.mark.parametrize("name,dtype", [
    ("divide", np.int32), ("divide", np.int64), ("floor_mod", np.int32), ("mod", np.int32),
    ("power", np.int32), ("power", np.int64), ("floor_mod", np.float32), ("power", np.float32),
    ("maximum", np.uint64), ("divide", np.uint64), ("floor_mod", np.uint32), ("bitwise_left_shift", np.int32),
    ("bitwise_right_shift", np.int32), ("squared_difference", np.float32), ("subtract", np.int64),
])
def test_against_openvino_reference(name, dtype):
    rng = np.random.default_rng(19)
    if np.dtype(dtype).kind == "f":
        a = (rng.standard_normal(200) * 100).astype(dtype)
        b = (rng.standard_normal(200) * 3).astype(dtype)
        if name == "power":
            a = np.abs(a) / 50
    else:
        info = np.iinfo(dtype)
        lo, hi = (max(info.min, -(2**40)), min(info.max, 2**40)) if name != "power" else (-12, 12)
        a = rng.integers(lo, hi, 200, endpoint=True).astype(dtype)
        b = rng.integers(lo if name != "power" else -3, hi if name != "power" else 40, 200).astype(dtype)
        if "shift" in name:
            b = rng.integers(-70, 70, 200).astype(dtype)
        b = np.where(b == 0, np.array(1, dtype), b)
        if np.dtype(dtype).kind == "i":
            b = np.where(b == -1, np.array(2, dtype), b)
    want = fold_with_openvino(name, a, b)
    np.testing.assert_array_equal(run(getattr(ops15, name), a, b), want)

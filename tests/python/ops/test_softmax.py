"""Softmax (versions 1 and 8) and LogSoftmax (version 5): results against a
numpy reference computed in float64, shape inference and errors.

Tolerances: f64 rtol 1e-12; f32 rtol 1e-5 / atol 1e-6; f16 rtol/atol 2e-3
(one rounding of the result to f16). Integer inputs (which OpenVINO accepts)
are computed in floating point and rounded to nearest: exact.
"""
import os

import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset5 as ops5
import pinot.opset8 as ops8
import pinot.opset13 as ops

TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-5, 1e-6), np.float16: (2e-3, 2e-3)}
if ORACLE:  # OpenVINO's CPU plugin computes f64 in f32
    TOL[np.float64] = TOL[np.float32]
F32 = {"INFERENCE_PRECISION_HINT": "f32"}


def openvino_runner():
    """The openvino package for running models as an oracle; skipped without it, and under
    a sanitizer build (`make test-asan` preloads libasan, which openvino's plugins do not survive)."""
    if "libasan" in os.environ.get("LD_PRELOAD", ""):
        pytest.skip("openvino cannot run models under AddressSanitizer")
    return pytest.importorskip("openvino")



def infer(outputs, params, inputs):
    compiled = ov.compile_model(ov.Model(outputs, params), "CPU", F32)
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def np_softmax(x, axis, log=False):
    x = x.astype(np.float64)
    if x.ndim == 0:
        return np.zeros_like(x) if log else np.ones_like(x)
    if x.size == 0:
        return x.copy()
    shifted = x - np.max(x, axis=axis, keepdims=True)
    log_sum = np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    return shifted - log_sum if log else np.exp(shifted - log_sum)


def check(got, want, dtype):
    assert got.dtype == np.dtype(dtype)
    assert got.shape == want.shape
    if dtype in TOL:
        rtol, atol = TOL[dtype]
        np.testing.assert_allclose(got.astype(np.float64), want, rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(got, np.rint(want).astype(dtype))


CASES = [((2, 3, 4), 0), ((2, 3, 4), 1), ((2, 3, 4), 2), ((2, 3, 4), -1), ((2, 3, 4), -3), ((10,), 0),
         ((1, 1000), 1), ((3, 1), 1), ((), 0), ((2, 0, 3), 1), ((2, 0, 3), 2)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("log", [False, True])
def test_softmax_values(dtype, log):
    rng = np.random.default_rng(1)
    for shape, axis in CASES:
        x = rng.uniform(-4, 4, shape).astype(dtype)
        param = ops.parameter(shape, dtype)
        node = ops.log_softmax(param, axis) if log else ops.softmax(param, axis)
        assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
        assert list(node.get_output_shape(0)) == list(shape)
        (got,) = infer([node], [param], [x])
        check(got, np_softmax(x, axis, log), dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_softmax_v1(dtype):
    rng = np.random.default_rng(2)
    for shape, axis in [c for c in CASES if c[1] >= 0]:
        x = rng.uniform(-4, 4, shape).astype(dtype)
        param = ops1.parameter(shape, dtype)
        node = ops1.softmax(param, axis)
        assert node.get_type_info().version_id == "opset1"
        (got,) = infer([node], [param], [x])
        check(got, np_softmax(x, axis), dtype)


def test_versions_per_opset():
    param = ops.parameter([2, 3], np.float32)
    assert ops1.softmax(param, 1).get_type_info().version_id == "opset1"
    assert ops5.softmax(param, 1).get_type_info().version_id == "opset1"
    assert ops8.softmax(param, -1).get_type_info().version_id == "opset8"
    assert ops.softmax(param, -1).get_type_info().version_id == "opset8"
    assert ops5.log_softmax(param, -1).get_type_info().version_id == "opset5"
    assert not hasattr(ops1, "log_softmax")
    node = ops.softmax(param, -1, name="probs")
    assert node.get_type_name() == "Softmax"
    assert node.get_friendly_name() == "probs"
    assert node.get_attributes() == {"axis": -1}
    assert ops.log_softmax(param, 0).get_attributes() == {"axis": 0}


@pytest.mark.parametrize("log", [False, True])
def test_numerically_stable(log):
    x = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0], [88.0, 89.0, -88.0],
                  [3.0e38, 3.0e38, 0.0]], np.float32)
    param = ops.parameter(x.shape, np.float32)
    (got,) = infer([ops.log_softmax(param, 1) if log else ops.softmax(param, 1)], [param], [x])
    assert np.all(np.isfinite(got))
    check(got, np_softmax(x, 1, log), np.float32)


def test_minus_infinity():
    x = np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, -np.inf]], np.float32)
    param = ops.parameter(x.shape, np.float32)
    soft, log_soft = infer([ops.softmax(param, -1), ops.log_softmax(param, -1)], [param], [x])
    np.testing.assert_allclose(soft, [[1 / (1 + np.e), 0.0, np.e / (1 + np.e)], [0.0, 1.0, 0.0]], rtol=1e-6)
    assert log_soft[0, 1] == -np.inf and log_soft[1, 0] == -np.inf
    assert log_soft[1, 1] == 0.0


@pytest.mark.parametrize("scale", [0.01, 1.0, 30.0, 200.0])
def test_f32_last_axis_rows(scale):
    # Long contiguous f32 rows (the vectorised path): every magnitude, plus rows
    # whose maximum is not finite (NaN, +inf), which keep the reference rules.
    rng = np.random.default_rng(3)
    x = (rng.standard_normal((6, 301)) * scale).astype(np.float32)
    if not ORACLE:  # OpenVINO's CPU plugin gives NaN only at the NaN/inf entry and 0 elsewhere in the row
        x[4, 7] = np.nan
        x[5, 9] = np.inf
    param = ops.parameter(x.shape, np.float32)
    (got,) = infer([ops.softmax(param, -1)], [param], [x])
    with np.errstate(invalid="ignore"):  # the NaN and inf rows
        want = np_softmax(x, 1, False)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    np.testing.assert_allclose(got[ok], want[ok], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(got[:4].sum(axis=1), 1.0, rtol=1e-6)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.int8, np.uint8])
def test_integer_inputs_round(dtype):
    x = np.array([[1, 2, 3], [0, 0, 0], [5, 1, 0]], dtype)
    param = ops.parameter(x.shape, dtype)
    soft, log_soft = infer([ops.softmax(param, 1), ops.log_softmax(param, 1)], [param], [x])
    check(soft, np_softmax(x, 1), dtype)
    if dtype not in (np.uint8,):
        check(log_soft, np_softmax(x, 1, log=True), dtype)


def test_integer_inputs_match_openvino():
    openvino = openvino_runner()
    x = np.array([[1, 2, 3], [0, 0, 0], [5, 1, 0], [-3, 4, 4]], np.int32)
    results = []
    for mod, runtime in ((ops, ov), (openvino.opset13, openvino)):
        param = mod.parameter(x.shape, np.int32)
        compiled = runtime.compile_model(
            runtime.Model([mod.softmax(param, 1), mod.log_softmax(param, 1)], [param]), "CPU")
        out = compiled([x])
        results.append((out[0], out[1]))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])


def test_dynamic_shapes():
    param = ops.parameter([-1, ov.Dimension(2, 6)], np.float32)
    node = ops.softmax(param, -1)
    assert str(node.get_output_partial_shape(0)) == "[?,2..6]"
    compiled = ov.compile_model(ov.Model([node], [param]), "CPU")
    for shape in [(1, 2), (3, 6), (0, 4)]:
        x = np.random.default_rng(3).normal(size=shape).astype(np.float32)
        check(compiled([x])[0], np_softmax(x, -1), np.float32)
    dyn = ops.parameter(ov.PartialShape.dynamic(), np.float32)
    assert str(ops.softmax(dyn, 5).get_output_partial_shape(0)) == "[...]"
    assert str(ops1.softmax(dyn, 5).get_output_partial_shape(0)) == "[...]"
    assert str(ops.log_softmax(dyn, -7).get_output_partial_shape(0)) == "[...]"
    if ORACLE:  # OpenVINO's CPU plugin does not compile a Parameter of dynamic rank
        return
    compiled = ov.compile_model(ov.Model([ops.log_softmax(dyn, -1)], [dyn]), "CPU")
    x = np.random.default_rng(4).normal(size=(2, 3, 5)).astype(np.float32)
    check(compiled([x])[0], np_softmax(x, -1, log=True), np.float32)


def test_errors():
    param = ops.parameter([2, 3, 4], np.float32)
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range \[-3, 2\]"):
        ops.softmax(param, 3)
    with pytest.raises(RuntimeError, match=r"Axis -4 out of the tensor rank range \[-3, 2\]"):
        ops.softmax(param, -4)
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range"):
        ops.log_softmax(param, 3)
    with pytest.raises(RuntimeError, match=r"Reduction axis \(3\) is out of bounds \(argument shape: \[2,3,4\]\)"):
        ops1.softmax(param, 3)
    with pytest.raises(RuntimeError, match=r"Reduction axis \(18446744073709551615\) is out of bounds"):
        ops1.softmax(param, -1)
    scalar = ops.parameter([], np.float32)
    with pytest.raises(RuntimeError, match=r"Axis 1 out of the tensor rank range \[-1, 0\]"):
        ops.softmax(scalar, 1)
    with pytest.raises(RuntimeError, match="Reduction axis"):
        ops1.softmax(scalar, -1)
    assert list(ops.softmax(scalar, -1).get_output_shape(0)) == []

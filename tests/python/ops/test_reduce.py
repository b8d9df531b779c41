"""Reductions (ReduceSum ... ReduceLogicalOr), CumSum and TopK (versions 1, 3, 11):
results against numpy, shape inference and errors against OpenVINO's rules.

Tolerances: f64 rtol 1e-12; f32 rtol 1e-5; f16 rtol 2e-3 (results rounded to
f16 once, accumulation is wider); integer types exact.
"""
import os

import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset3 as ops3
import pinot.opset4 as ops4
import pinot.opset13 as ops

TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-5, 1e-6), np.float16: (2e-3, 2e-3)}
FLOATS = [np.float32, np.float64, np.float16]
INTS = [np.int32, np.int64, np.int8, np.uint8]
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
    """Compile a model of `outputs` over `params` and run it once."""
    compiled = ov.compile_model(ov.Model(outputs, params), "CPU", F32)
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def check_close(got, want, dtype):
    assert got.dtype == np.dtype(dtype), (got.dtype, dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    if dtype in TOL:
        rtol, atol = TOL[dtype]
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(got, want)


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.floating):
        values = rng.uniform(-2.0, 2.0, shape)
        if ORACLE:  # OpenVINO's CPU plugin carries f64 as f32: use values that survive the round trip
            values = values.astype(np.float32)
        return values.astype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    low = 0 if np.issubdtype(dtype, np.unsignedinteger) else -5
    return rng.integers(low, 6, shape).astype(dtype)


# ---- Reduce* ----

def np_reduce(kind, x, axes, keep_dims):
    axes = tuple(sorted({a % max(x.ndim, 1) for a in np.atleast_1d(axes).tolist()})) if x.ndim else ()
    is_int = np.issubdtype(x.dtype, np.integer)
    wide = x.astype(np.int64) if is_int else x.astype(np.float64)
    if kind == "sum":
        y = wide.sum(axis=axes, keepdims=keep_dims)
    elif kind == "prod":
        y = wide.prod(axis=axes, keepdims=keep_dims)
    elif kind == "max":
        y = wide.max(axis=axes, keepdims=keep_dims)
    elif kind == "min":
        y = wide.min(axis=axes, keepdims=keep_dims)
    elif kind == "l1":
        y = np.abs(wide).sum(axis=axes, keepdims=keep_dims)
    elif kind == "l2":
        y = np.sqrt((wide.astype(np.float64) ** 2).sum(axis=axes, keepdims=keep_dims))
        y = np.trunc(y) if is_int else y
    else:  # mean: integers truncate toward zero
        s = wide.sum(axis=axes, keepdims=keep_dims)
        n = int(np.prod([x.shape[a] for a in axes])) if axes else 1
        y = np.trunc(s / n) if is_int else s / n
    return np.asarray(y).astype(x.dtype)


REDUCERS = {
    "sum": ops.reduce_sum,
    "mean": ops.reduce_mean,
    "max": ops.reduce_max,
    "min": ops.reduce_min,
    "prod": ops.reduce_prod,
    "l1": ops.reduce_l1,
    "l2": ops.reduce_l2,
}

AXES_CASES = [
    ((2, 3, 4), [1]),
    ((2, 3, 4), [-1]),
    ((2, 3, 4), [0, 2]),
    ((2, 3, 4), [0, 1, 2]),
    ((2, 3, 4), 1),
    ((2, 3, 4), [2, -1]),
    ((5,), [0]),
    ((), [0]),
    ((1, 2, 1, 3, 2), [0, 3, -2]),
]


@pytest.mark.parametrize("kind", list(REDUCERS))
@pytest.mark.parametrize("dtype", FLOATS + INTS)
def test_reduce_values(kind, dtype):
    for index, (shape, axes) in enumerate(AXES_CASES):
        x = sample(shape, dtype, seed=index)
        if kind in ("prod", "l2") and dtype in (np.int8, np.uint8):
            x = (x % 3).astype(dtype)  # stay in range
        # (OpenVINO's CPU plugin rejects keep_dims on a scalar; the result is a scalar here.)
        for keep_dims in (False, True) if shape else (False,):
            param = ops.parameter(shape, dtype)
            node = REDUCERS[kind](param, np.array(axes, dtype=np.int64), keep_dims)
            want = np_reduce(kind, x, axes, keep_dims)
            assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
            assert list(node.get_output_shape(0)) == list(want.shape)
            (got,) = infer([node], [param], [x])
            check_close(got, want, dtype)


@pytest.mark.parametrize("kind", list(REDUCERS))
def test_reduce_axes_element_types(kind):
    x = sample((3, 4), np.float32)
    for axes_type in (np.int32, np.int64, np.uint8, np.int16):
        param = ops.parameter([3, 4], np.float32)
        node = REDUCERS[kind](param, np.array([0], dtype=axes_type), True)
        (got,) = infer([node], [param], [x])
        check_close(got, np_reduce(kind, x, [0], True), np.float32)


def test_reduce_opset_versions():
    param = ops1.parameter([2, 3], np.float32)
    assert ops1.reduce_sum(param, [1]).get_type_info().version_id == "opset1"
    assert ops4.reduce_l1(param, [1]).get_type_info().version_id == "opset4"
    assert not hasattr(ops1, "reduce_l1") and not hasattr(ops3, "reduce_l2")
    assert hasattr(ops4, "reduce_l2") and hasattr(ops, "reduce_logical_or")


@pytest.mark.parametrize("kind", list(REDUCERS))
def test_reduce_empty_axes_is_identity(kind):
    """No axes: nothing is reduced, each element is reduced alone (OpenVINO's CPU
    plugin rejects this with keep_dims=False; its shape inference agrees with ours)."""
    if ORACLE:
        pytest.skip("openvino 2026.4.1's CPU plugin rejects a reduction over no axes ('incorrect number of "
                    "input/output dimensions')")
    x = sample((2, 3, 4), np.float32)
    for keep_dims in (False, True):
        param = ops.parameter([2, 3, 4], np.float32)
        node = REDUCERS[kind](param, np.array([], np.int64), keep_dims)
        assert list(node.get_output_shape(0)) == [2, 3, 4]
        (got,) = infer([node], [param], [x])
        check_close(got, np_reduce(kind, x, [], keep_dims), np.float32)


def test_reduce_empty_reduction():
    """Reducing a zero-length axis gives OpenVINO's identities: 0, 1, and for max/min the
    type's lowest/largest value (f32's for f16, which overflows to infinity, as OpenVINO's)."""
    shape = (2, 0, 3)
    want = {"sum": 0, "mean": 0, "prod": 1, "l1": 0, "l2": 0}
    for dtype in (np.float32, np.float16, np.int32, np.uint8):
        x = np.zeros(shape, dtype)
        info = np.finfo(np.float32) if np.issubdtype(dtype, np.floating) else np.iinfo(dtype)
        for kind, fn in REDUCERS.items():
            param = ops.parameter(shape, dtype)
            (got,) = infer([fn(param, [1], False)], [param], [x])
            expected = {"max": info.min, "min": info.max}.get(kind, want.get(kind))
            with np.errstate(over="ignore"):
                check_close(got, np.full((2, 3), expected).astype(dtype), dtype)
    # An empty output needs no reduction at all.
    param = ops.parameter([0, 4], np.float32)
    (got,) = infer([ops.reduce_sum(param, [1], True)], [param], [np.zeros((0, 4), np.float32)])
    assert got.shape == (0, 1)


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin propagates NaN depending on its position")
def test_reduce_nan_propagates():
    """NaN wins wherever it is, as in numpy (OpenVINO's CPU plugin depends on its position)."""
    x = np.array([[np.nan, 1, 2], [1, np.nan, 2], [1, 2, np.nan], [1, 5, 2]], np.float32)
    param = ops.parameter([4, 3], np.float32)
    got_max, got_min = infer([ops.reduce_max(param, [1]), ops.reduce_min(param, [1])], [param], [x])
    np.testing.assert_array_equal(got_max, [np.nan, np.nan, np.nan, 5])
    np.testing.assert_array_equal(got_min, [np.nan, np.nan, np.nan, 1])


def test_reduce_f16_accumulates_wide():
    x = np.ones((1, 3000), np.float16)
    param = ops.parameter([1, 3000], np.float16)
    (got,) = infer([ops.reduce_sum(param, [1])], [param], [x])
    assert got[0] == 3000  # an f16 accumulator would stop at 2048


@pytest.mark.parametrize("kind", ["and", "or"])
def test_reduce_logical(kind):
    fn = ops.reduce_logical_and if kind == "and" else ops.reduce_logical_or
    npfn = np.all if kind == "and" else np.any
    for index, (shape, axes) in enumerate(AXES_CASES + [((2, 0, 3), [1])]):
        x = sample(shape, np.bool_, seed=index)
        for keep_dims in (False, True) if shape else (False,):
            param = ops.parameter(shape, np.bool_)
            node = fn(param, np.array(axes, np.int64), keep_dims)
            assert node.get_output_element_type(0) == ov.Type.boolean
            norm = tuple(sorted({a % max(len(shape), 1) for a in np.atleast_1d(axes).tolist()})) if shape else ()
            want = npfn(x, axis=norm, keepdims=keep_dims)
            (got,) = infer([node], [param], [x])
            np.testing.assert_array_equal(got, want)
            assert got.dtype == np.bool_


def test_reduce_dynamic_axes_at_run_time():
    x = sample((2, 3, 4), np.float32)
    data = ops.parameter([2, 3, 4], np.float32)
    axes = ops.parameter([2], np.int64)
    node = ops.reduce_sum(data, axes, True)
    assert str(node.get_output_partial_shape(0)) == "[?,?,?]"
    compiled = ov.compile_model(ov.Model([node], [data, axes]), "CPU")
    for ax in ([0, 2], [1, -1], [0, 0]):
        got = compiled([x, np.array(ax, np.int64)])[0]
        check_close(got, np_reduce("sum", x, ax, True), np.float32)


def test_reduce_dynamic_data_shape():
    data = ops.parameter([-1, 3, -1], np.float32)
    node = ops.reduce_mean(data, [-1], False)
    assert str(node.get_output_partial_shape(0)) == "[?,3]"
    compiled = ov.compile_model(ov.Model([node], [data]), "CPU")
    for shape in [(1, 3, 5), (4, 3, 2), (0, 3, 7)]:
        x = sample(shape, np.float32)
        check_close(compiled([x])[0], np_reduce("mean", x, [-1], False), np.float32)


SHAPE_CASES = [
    # (data shape, axes: list = constant / tuple = shape of a Parameter), keep_dims
    ([2, 3, 4], [1], False),
    ([2, 3, 4], [1], True),
    ([2, 3, 4], [], False),
    ([2, 3, 4], [0, 0], False),
    ([2, 3, 4], (2,), False),
    ([2, 3, 4], (2,), True),
    ([2, 3, 4], (1,), False),
    ([2, 3, 4], (), False),
    ([2, 3, 4], (-1,), False),
    ([2, 3, 4], (0,), False),
    ([], (), False),
    ([5], (), False),
    ([], [0], False),
    ([], [-1], False),
    (None, [0], False),
    (None, [0], True),
    (None, (), True),
    (None, [100], False),
    ([(1, 5), -1, 3], [2], False),
    ([(1, 5), -1, 3], [0], True),
    ([(1, 5), -1, 3], [-2, 0], False),
]


def partial_shape(runtime, dims):
    """A PartialShape of `runtime` (pinot or openvino); None: dynamic rank, (lo, hi): an interval."""
    if dims is None:
        return runtime.PartialShape.dynamic()
    return runtime.PartialShape([runtime.Dimension(*d) if isinstance(d, tuple) else d for d in dims])


def _shape_case(runtime, mod, data_shape, axes, keep_dims):
    data = mod.parameter(partial_shape(runtime, data_shape), np.float32)
    axes_in = mod.parameter(list(axes), np.int64) if isinstance(axes, tuple) else np.array(axes, np.int64)
    return mod.reduce_max(data, axes_in, keep_dims)


@pytest.mark.parametrize("data_shape,axes,keep_dims", SHAPE_CASES)
def test_reduce_shape_inference_matches_openvino(data_shape, axes, keep_dims):
    openvino = pytest.importorskip("openvino")
    got = _shape_case(ov, ops, data_shape, axes, keep_dims)
    want = _shape_case(openvino, openvino.opset13, data_shape, axes, keep_dims)
    assert str(got.get_output_partial_shape(0)) == str(want.get_output_partial_shape(0))
    assert got.get_output_element_type(0) == ov.Type.f32


def test_reduce_errors():
    data = ops.parameter([2, 3, 4], np.float32)
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range \[-3, 2\]"):
        ops.reduce_sum(data, [3])
    with pytest.raises(RuntimeError, match=r"Axis -4 out of the tensor rank range"):
        ops.reduce_prod(data, [0, -4], True)
    with pytest.raises(RuntimeError, match="Element type of axes input must be integer. Got: f32"):
        ops.reduce_sum(data, np.array([1], np.float32))
    with pytest.raises(RuntimeError, match="Axes input must be a scalar or 1D input"):
        ops.reduce_sum(data, ops.parameter([2, 1], np.int64))
    with pytest.raises(RuntimeError, match="Element type of data input must be numeric. Got: boolean"):
        ops.reduce_mean(ops.parameter([2], np.bool_), [0])
    with pytest.raises(RuntimeError, match="Element type of data input must be boolean"):
        ops.reduce_logical_and(data, [0])
    with pytest.raises(RuntimeError, match="out of the tensor rank range"):
        ops.reduce_sum(ops.parameter([], np.float32), [1])


def test_reduce_run_time_axis_error():
    data = ops.parameter([2, 3], np.float32)
    axes = ops.parameter([1], np.int64)
    compiled = ov.compile_model(ov.Model([ops.reduce_sum(data, axes)], [data, axes]), "CPU")
    with pytest.raises(RuntimeError, match="out of the tensor rank range"):
        compiled([np.ones((2, 3), np.float32), np.array([2], np.int64)])


def test_reduce_attributes_and_name():
    data = ops.parameter([2, 3], np.float32)
    node = ops.reduce_l2(data, [1], keep_dims=True, name="norm")
    assert node.get_type_name() == "ReduceL2"
    assert node.get_friendly_name() == "norm"
    assert node.get_attributes() == {"keep_dims": True}


# ---- CumSum ----

def np_cumsum(x, axis, exclusive, reverse):
    axis = axis % max(x.ndim, 1)
    if x.ndim == 0:
        return x.copy() if not exclusive else np.zeros_like(x)
    wide = x.astype(np.int64) if not np.issubdtype(x.dtype, np.floating) else x.astype(np.float64)
    if reverse:
        wide = np.flip(wide, axis)
    y = np.cumsum(wide, axis=axis)
    if exclusive:
        y = y - wide
    if reverse:
        y = np.flip(y, axis)
    return (y != 0) if x.dtype == np.bool_ else y.astype(x.dtype)


@pytest.mark.parametrize("dtype", FLOATS + INTS + [np.bool_])
def test_cumsum_values(dtype):
    for index, (shape, axis) in enumerate([((2, 3, 4), 1), ((2, 3, 4), -1), ((2, 3, 4), 0), ((7,), 0), ((), 0),
                                           ((3, 0, 2), 1), ((3, 0, 2), 2)]):
        x = sample(shape, dtype, seed=index)
        if dtype in (np.int8, np.uint8):
            x = (x % 4).astype(dtype)
        for exclusive in (False, True):
            for reverse in (False, True):
                param = ops.parameter(shape, dtype)
                node = ops.cumsum(param, np.int64(axis), exclusive, reverse)
                assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
                (got,) = infer([node], [param], [x])
                check_close(got, np_cumsum(x, axis, exclusive, reverse), dtype)


def test_cumsum_attributes_and_axis_types():
    param = ops.parameter([2, 3], np.float32)
    node = ops.cumsum(param, np.int32(1), exclusive=True)
    assert node.get_type_name() == "CumSum"
    assert node.get_type_info().version_id == "opset3"
    assert node.get_attributes() == {"exclusive": True, "reverse": False}
    assert not hasattr(ops1, "cumsum") and hasattr(ops3, "cumsum")
    x = sample((2, 3), np.float32)
    (got,) = infer([node], [param], [x])
    check_close(got, np_cumsum(x, 1, True, False), np.float32)


def test_cumsum_dynamic_axis():
    data = ops.parameter([-1, -1], np.float32)
    axis = ops.parameter([], np.int32)
    node = ops.cumsum(data, axis, reverse=True)
    assert str(node.get_output_partial_shape(0)) == "[?,?]"
    compiled = ov.compile_model(ov.Model([node], [data, axis]), "CPU")
    x = sample((3, 5), np.float32)
    for ax in (0, 1, -1):
        check_close(compiled([x, np.array(ax, np.int32)])[0], np_cumsum(x, ax, False, True), np.float32)
    with pytest.raises(RuntimeError, match="out of range"):
        compiled([x, np.array(2, np.int32)])


def test_cumsum_errors():
    data = ops.parameter([2, 3], np.float32)
    with pytest.raises(RuntimeError, match=r"axis element type must be either int64_t or int32_t but got \(f32\)"):
        ops.cumsum(data, np.float32(1))
    with pytest.raises(RuntimeError, match="int64_t or int32_t"):
        ops.cumsum(data, np.uint8(1))


# ---- TopK ----

def np_topk(x, k, axis, mode, sort):
    """Reference with OpenVINO's reference tie-breaking: equal values, smaller index first."""
    keys = -x.astype(np.float64) if mode == "max" else x.astype(np.float64)
    order = np.argsort(keys, axis=axis, kind="stable")
    idx = np.take(order, np.arange(k), axis=axis)
    if sort == "index":
        idx = np.sort(idx, axis=axis)
    return np.take_along_axis(x, idx, axis=axis), idx


TOPK_CASES = [((2, 5, 4), 3, 1), ((2, 5, 4), 4, -1), ((7,), 7, 0), ((0, 6), 2, 1), ((4, 3), 1, 0), ((3, 6), 0, 1)]


@pytest.mark.parametrize("dtype", FLOATS + INTS)
@pytest.mark.parametrize("mode", ["max", "min"])
@pytest.mark.parametrize("sort", ["value", "index", "none"])
def test_topk_values(dtype, mode, sort):
    """Small integers give many ties. With stable=True the order is exact (equal values,
    smaller index first); otherwise which tied element comes first is unspecified, so the
    test checks the values, that the indices point at them, and the index order."""
    for index, (shape, k, axis) in enumerate(TOPK_CASES):
        if ORACLE and k == 0:
            continue  # OpenVINO's CPU plugin rejects K = 0 ('K (0) must be greater or equal to 1')
        x = sample(shape, dtype, seed=index)
        for stable in (True, False) if sort != "none" else (False,):
            param = ops.parameter(shape, dtype)
            node = ops.topk(param, k, axis, mode, sort, "i32", stable)
            assert node.get_output_size() == 2
            assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
            assert node.get_output_element_type(1) == ov.Type.i32
            values, indices = infer(node.outputs(), [param], [x])
            assert indices.dtype == np.int32
            want_values, want_indices = np_topk(x, k, axis, mode, "value" if sort == "none" else sort)
            np.testing.assert_array_equal(np.take_along_axis(x, indices.astype(np.int64), axis=axis), values)
            if stable:
                check_close(values, want_values, dtype)
                np.testing.assert_array_equal(indices, want_indices.astype(np.int32))
            elif sort == "index":
                assert np.all(np.diff(indices, axis=axis) > 0)
                check_close(np.sort(values, axis=axis), np.sort(want_values, axis=axis), dtype)
            else:
                check_close(values, want_values, dtype)


@pytest.mark.parametrize("mod", [ops1, ops3, ops])
def test_topk_versions(mod):
    x = sample((3, 8), np.float32, seed=3)
    param = mod.parameter([3, 8], np.float32)
    node = mod.topk(param, 3, 1, "min", "value")
    want = {ops1: "opset1", ops3: "opset3", ops: "opset11"}[mod]
    assert node.get_type_info().version_id == want
    attrs = node.get_attributes()
    assert {k: attrs[k] for k in ("axis", "mode", "sort", "index_element_type")} == {
        "axis": 1, "mode": "min", "sort": "value", "index_element_type": "i32"}
    if mod is ops:
        assert attrs["stable"] is False
    values, indices = infer(node.outputs(), [param], [x])
    want_values, want_indices = np_topk(x, 3, 1, "min", "value")
    check_close(values, want_values, np.float32)
    np.testing.assert_array_equal(indices, want_indices)


def test_topk_index_element_type_and_stable():
    x = np.array([[3, 1, 3, 2, 1, 3, 0, 2, 2, 3, 1, 0, 3, 2, 1, 3, 0, 0, 2, 1]], np.float32)
    param = ops.parameter(x.shape, np.float32)
    for index_type in ("i64", ov.Type.i64):
        node = ops.topk(param, 10, -1, "max", "value", index_type, stable=True)
        assert node.get_output_element_type(1) == ov.Type.i64
        values, indices = infer(node.outputs(), [param], [x])
        want_values, want_indices = np_topk(x, 10, 1, "max", "value")
        assert indices.dtype == np.int64
        np.testing.assert_array_equal(indices, want_indices)
        np.testing.assert_array_equal(values, want_values)
    node3 = ops3.topk(param, 4, 1, "min", "index", "i64")
    assert node3.get_output_element_type(1) == ov.Type.i64


@pytest.mark.parametrize("mode", ["max", "min"])
@pytest.mark.parametrize("sort", ["value", "index"])
def test_topk_stable_matches_openvino(mode, sort):
    if ORACLE and sort == "index":
        pytest.skip("OpenVINO's CPU plugin (what runs here) orders ties differently from its reference "
                    "with sort='index'")
    """Ties: OpenVINO's reference (Node.evaluate) keeps the smaller index first, and so
    does its CPU plugin with stable=True and sort='value' (with sort='index' the CPU
    plugin's choice among tied candidates differs from its own reference)."""
    openvino = openvino_runner()
    x = np.random.default_rng(7).integers(0, 4, (3, 24)).astype(np.float32)
    param = ops.parameter(x.shape, np.float32)
    got = infer(ops.topk(param, 9, 1, mode, sort, "i32", True).outputs(), [param], [x])

    ov_param = openvino.opset13.parameter(x.shape, np.float32)
    ov_node = openvino.opset13.topk(ov_param, 9, 1, mode, sort, "i32", True)
    outs = [openvino.Tensor(ov_node.get_output_element_type(i), openvino.Shape([0])) for i in range(2)]
    assert ov_node.evaluate(outs, [openvino.Tensor(x), openvino.Tensor(np.array(9, np.int64))])
    np.testing.assert_array_equal(got[0], outs[0].data)
    np.testing.assert_array_equal(got[1], outs[1].data)
    if sort == "value":
        compiled = openvino.compile_model(openvino.Model(ov_node.outputs(), [ov_param]), "CPU")
        cpu = compiled([x])
        np.testing.assert_array_equal(got[0], cpu[0])
        np.testing.assert_array_equal(got[1], cpu[1])


def test_topk_uppercase_enums_and_k_types():
    param = ops.parameter([2, 5], np.float32)
    node = ops.topk(param, np.int32(2), 1, "MAX", "VALUE")
    assert node.get_attributes()["mode"] == "max"
    assert node.get_attributes()["sort"] == "value"
    assert list(ops.topk(param, np.uint8(3), 1, "min", "none").get_output_shape(0)) == [2, 3]


def test_topk_dynamic_k():
    data = ops.parameter([2, 5, 4], np.float32)
    k = ops.parameter([], np.int64)
    node = ops.topk(data, k, 1, "max", "value")
    assert str(node.get_output_partial_shape(0)) == "[2,..5,4]"
    assert str(node.get_output_partial_shape(1)) == "[2,..5,4]"
    compiled = ov.compile_model(ov.Model(node.outputs(), [data, k]), "CPU")
    x = sample((2, 5, 4), np.float32)
    for kv in (2, 5) if ORACLE else (0, 2, 5):  # OpenVINO's CPU plugin rejects K = 0
        out = compiled([x, np.array(kv, np.int64)])
        want_values, want_indices = np_topk(x, kv, 1, "max", "value")
        check_close(out[0], want_values, np.float32)
        np.testing.assert_array_equal(out[1], want_indices)
    # Pinot's text names K; OpenVINO's CPU plugin: 'Descriptor's shape: {2, 0 - 5, 4} is incompatible ...'
    with pytest.raises(RuntimeError, match="is incompatible with provided dimensions" if ORACLE else "'K'"):
        compiled([x, np.array(6, np.int64)])


TOPK_SHAPE_CASES = [
    ([2, 5, 4], 3, 1),
    ([2, 5, 4], 7, 1),
    ([2, 5, 4], 0, -1),
    ([2, (3, 8), -1], 5, 1),
    ([2, (3, 8), -1], 5, 2),
    ([2, (3, 8), -1], None, 1),
    ([2, (3, 8), -1], None, 2),
    (None, 5, 1),
    (None, None, -1),
]


@pytest.mark.parametrize("data_shape,k,axis", TOPK_SHAPE_CASES)
def test_topk_shape_inference_matches_openvino(data_shape, k, axis):
    openvino = pytest.importorskip("openvino")

    def build(runtime, mod):
        data = mod.parameter(partial_shape(runtime, data_shape), np.float32)
        k_in = mod.parameter([], np.int64) if k is None else np.int64(k)
        return mod.topk(data, k_in, axis, "max", "value", "i64")

    got, want = build(ov, ops), build(openvino, openvino.opset13)
    for i in range(2):
        assert str(got.get_output_partial_shape(i)) == str(want.get_output_partial_shape(i))
    assert got.get_output_element_type(1) == ov.Type.i64


def test_topk_errors():
    data = ops.parameter([2, 5, 4], np.float32)
    with pytest.raises(RuntimeError, match=r"The value of 'K' must be greater or equal to zero. \(got -1\)"):
        ops.topk(data, np.int64(-1), 1, "max", "value")
    with pytest.raises(RuntimeError, match="The 'K' input must be a scalar"):
        ops.topk(data, np.array([2]), 1, "max", "value")
    with pytest.raises(RuntimeError, match="K input has to be an integer type"):
        ops.topk(data, np.float32(2), 1, "max", "value")
    with pytest.raises(RuntimeError, match="Index element type attribute should be either 'i32' or 'i64'. Got: i8"):
        ops.topk(data, 2, 1, "max", "value", "i8")
    with pytest.raises(RuntimeError, match="Stable sort can only be used when TopK's sorting mode is set to 'VALUE'"):
        ops.topk(data, 2, 1, "max", "none", "i32", True)
    with pytest.raises(RuntimeError, match="Input rank must be greater than 0"):
        ops.topk(ops.parameter([], np.float32), 1, 0, "max", "value")
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range \[-3, 2\]"):
        ops.topk(data, 2, 3, "max", "value")
    # Pinot's texts name the attribute; OpenVINO's the enum
    with pytest.raises(RuntimeError, match="is not a member of enum ov::op::TopKMode" if ORACLE else "mode"):
        ops.topk(data, 2, 1, "maxx", "value")
    with pytest.raises(RuntimeError, match="is not a member of enum ov::op::TopKSortType" if ORACLE else "sort"):
        ops.topk(data, 2, 1, "max", "foo")
    # k larger than the dimension validates (the output dim is k, as in OpenVINO) but cannot run.
    node = ops.topk(data, 7, 1, "max", "value")
    assert list(node.get_output_shape(0)) == [2, 7, 4]
    with pytest.raises(RuntimeError, match=r"K \(7\) exceeds the axis dimension \(5\)" if ORACLE else "'K'"):
        infer(node.outputs(), [data], [sample((2, 5, 4), np.float32)])

"""Indexing ops: Gather (1, 7, 8), GatherElements, GatherND (5, 8), ScatterUpdate,
ScatterElementsUpdate (3, 12) and ScatterNDUpdate (4, 15) against numpy references;
shape inference and errors against OpenVINO's rules.

Gathers and plain scatters move values, so every dtype must match exactly. Scatter
reductions: f64 rtol 1e-12, f32 rtol 1e-5, f16 rtol 2e-3 (one rounding per update);
integers exact (wrapping like the element type). Pinot rejects out-of-range indices
at inference (OpenVINO's CPU plugin writes zeros for Gather), so those tests are
skipped under PINOT_TEST_ORACLE=openvino.
"""
import os

import numpy as np
import pytest

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset3 as ops3
import pinot.opset4 as ops4
import pinot.opset5 as ops5
import pinot.opset7 as ops7
import pinot.opset12 as ops12
import pinot.opset13 as ops
import pinot.opset15 as ops15

ORACLE = os.environ.get("PINOT_TEST_ORACLE", "")
pinot_only = pytest.mark.skipif(ORACLE != "", reason="Pinot rejects out-of-range indices; OpenVINO does not")

ALL_TYPES = [np.float32, np.float64, np.float16, np.int8, np.uint8, np.int16, np.int32, np.int64, np.uint64, np.bool_]
TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-5, 1e-6), np.float16: (2e-3, 2e-3)}
if ORACLE:  # OpenVINO's CPU plugin computes f64 in f32
    TOL[np.float64] = TOL[np.float32]


def infer(node, params, inputs):
    compiled = ov.compile_model(ov.Model([node], params), "CPU")
    return compiled(inputs)[0]


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    if np.issubdtype(dtype, np.floating):
        values = rng.uniform(-4, 4, shape)
        if ORACLE:  # OpenVINO's CPU plugin carries f64 as f32: use values that survive the round trip
            values = values.astype(np.float32)
        return values.astype(dtype)
    low = 0 if np.issubdtype(dtype, np.unsignedinteger) else -9
    return rng.integers(low, 10, shape).astype(dtype)


def check(got, want):
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    key = want.dtype.type
    if key in TOL:
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), *TOL[key])
    else:
        np.testing.assert_array_equal(got, want)


def param(x):
    return ops.parameter(list(x.shape), x.dtype)


# ---- Gather ----

def np_gather(x, idx, axis, batch_dims=0):
    axis %= x.ndim
    if batch_dims < 0:
        batch_dims += idx.ndim
    idx = np.where(idx < 0, idx + x.shape[axis], idx)
    if batch_dims == 0:
        return np.take(x, idx, axis=axis)
    out = [np_gather(x[b], idx[b], axis - 1, batch_dims - 1) for b in range(x.shape[0])]
    return np.stack(out) if out else np.zeros((0,) + np_gather(x[:1], idx[:1], axis, batch_dims).shape[1:], x.dtype)


@pytest.mark.parametrize("dtype", ALL_TYPES)
@pytest.mark.parametrize("idx_type", [np.int32, np.int64])
def test_gather_types(dtype, idx_type):
    x = sample((3, 4, 5), dtype)
    idx = np.array([[2, 0], [1, -1]], idx_type)
    p = param(x)
    check(infer(ops.gather(p, idx, 1), [p], [x]), np_gather(x, idx, 1))


@pytest.mark.parametrize("shape,idx_shape,axis,batch_dims", [
    ((5,), (), 0, 0),
    ((5,), (3,), 0, 0),
    ((4, 6), (2, 3), -1, 0),
    ((2, 3, 4), (2, 5), 2, 1),
    ((2, 3, 4), (2, 3, 2), 2, 2),
    ((2, 3, 4), (2, 3, 2), -1, -1),
    ((2, 3, 4, 2), (2, 3), 2, 1),
    ((2, 3, 4), (2,), 1, 1),
    pytest.param((0, 3), (2,), 1, 0, marks=pytest.mark.skipif(
        ORACLE != "", reason="openvino 2026.4.1 crashes: Gather over empty data (Floating point exception)")),
    pytest.param((3, 4), (0, 2), 0, 0, marks=pytest.mark.skipif(
        ORACLE != "", reason="openvino 2026.4.1 crashes: Gather with empty indices (Floating point exception)")),
])
def test_gather_shapes(shape, idx_shape, axis, batch_dims):
    x = sample(shape, np.float32)
    size = shape[axis]
    idx = np.random.default_rng(1).integers(-size, size, idx_shape) if size else np.zeros(idx_shape, np.int64)
    p = param(x)
    node = ops.gather(p, idx, axis, batch_dims)
    want = np_gather(x, idx, axis, batch_dims)
    assert list(node.get_output_shape(0)) == list(want.shape)
    check(infer(node, [p], [x]), want)


def test_gather_axis_as_input_and_old_versions():
    x = sample((3, 4), np.int32)
    idx = np.array([2, 0, 3], np.int64)
    p, a = ops.parameter([3, 4], np.int32), ops.parameter([], np.int64)
    node = ops.gather(p, idx, a)
    assert node.get_output_partial_shape(0) == ov.PartialShape([-1, -1])
    if not ORACLE:  # openvino 2026.4.1's CPU plugin cannot compile a Gather whose axis is a Parameter
        check(infer(node, [p, a], [x, np.array(1)]), x[:, idx])
    check(infer(ops1.gather(p, idx, -1), [p], [x]), x[:, idx])
    n7 = ops7.gather(p, np.array([[0], [1], [2]]), 1, 1)
    assert n7.get_type_info().version_id == "opset7"
    check(infer(n7, [p], [x]), x[np.arange(3), [0, 1, 2]][:, None])


@pinot_only
@pytest.mark.parametrize("build", [lambda p, i: ops.gather(p, i, 0), lambda p, i: ops1.gather(p, i, 0),
                                   lambda p, i: ops7.gather(p, i, 0)])
@pytest.mark.parametrize("bad", [3, -4])
def test_gather_index_out_of_range(build, bad):
    p = ops.parameter([3, 2], np.float32)
    compiled = ov.compile_model(ov.Model([build(p, np.array([0, bad]))], [p]), "CPU")
    with pytest.raises(RuntimeError, match="out of range"):
        compiled(np.ones((3, 2), np.float32))


@pinot_only
def test_gather_negative_index_needs_v8():
    p = ops.parameter([3, 2], np.float32)
    x = sample((3, 2), np.float32)
    check(infer(ops.gather(p, np.array([-1]), 0), [p], [x]), x[[2]])
    compiled = ov.compile_model(ov.Model([ops7.gather(p, np.array([-1]), 0)], [p]), "CPU")
    with pytest.raises(RuntimeError, match="index -1 is out of range"):
        compiled(x)


def test_gather_shape_inference():
    p = ops.parameter(ov.PartialShape([ov.Dimension(2, 5), 4]), np.float32)
    i = ops.parameter(ov.PartialShape([ov.Dimension(1, 3), 3]), np.int32)
    assert ops.gather(p, i, 1, 1).get_output_partial_shape(0) == ov.PartialShape([ov.Dimension(2, 3), 3])
    assert ops.gather(p, i, 0).get_output_partial_shape(0) == ov.PartialShape([ov.Dimension(1, 3), 3, 4])
    d = ops.parameter(ov.PartialShape.dynamic(), np.float32)
    assert ops.gather(d, i, 0).get_output_partial_shape(0) == ov.PartialShape.dynamic()


@pytest.mark.parametrize("build,match", [
    (lambda: ops.gather(ops.parameter([3, 4]), np.array([0]), 2), "out of the tensor rank range"),
    (lambda: ops.gather(ops.parameter([3, 4]), np.array([0.5]), 0), "Indices element type"),
    (lambda: ops.gather(ops.parameter([3, 4]), np.array([0]), np.float32(0)), "Axis element type"),
    (lambda: ops.gather(ops.parameter([3, 4]), np.array([0]), [0, 1]), "Axis input must be scalar"),
    (lambda: ops.gather(ops.parameter([3, 4]), np.ones((4, 2), np.int32), 1, 1), "not consistent"),
    (lambda: ops.gather(ops.parameter([3, 4]), np.ones((3, 2), np.int32), 0, 1), "batch_dims must be <= axis"),
])
def test_gather_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


# ---- GatherElements ----

@pytest.mark.parametrize("dtype", ALL_TYPES)
def test_gather_elements_types(dtype):
    x = sample((3, 4), dtype)
    idx = np.array([[0, -1, 2, 1], [2, 2, 0, -3]], np.int32)
    p = param(x)
    want = np.take_along_axis(x, np.where(idx < 0, idx + 3, idx), axis=0)
    check(infer(ops.gather_elements(p, idx, 0), [p], [x]), want)


@pytest.mark.parametrize("shape,idx_shape,axis", [((2, 3, 4), (2, 3, 7), -1), ((2, 3, 4), (2, 1, 4), 1),
                                                  ((5,), (8,), 0), ((2, 3), (0, 3), 0)])
def test_gather_elements_shapes(shape, idx_shape, axis):
    x = sample(shape, np.float32)
    idx = np.random.default_rng(2).integers(0, shape[axis], idx_shape).astype(np.int64)
    p = param(x)
    check(infer(ops.gather_elements(p, idx, axis), [p], [x]), np.take_along_axis(x, idx, axis=axis))


@pinot_only
def test_gather_elements_out_of_range():
    p = ops.parameter([2, 2], np.float32)
    compiled = ov.compile_model(ov.Model([ops.gather_elements(p, np.array([[0, 2]]), 0)], [p]), "CPU")
    with pytest.raises(RuntimeError, match="index 2 is out of range"):
        compiled(np.ones((2, 2), np.float32))


@pytest.mark.parametrize("build,match", [
    (lambda: ops.gather_elements(ops.parameter([4, 3]), np.ones((2, 2), np.int32), 0), "not consistent"),
    (lambda: ops.gather_elements(ops.parameter([4, 3]), np.ones((2,), np.int32), 0), "rank must be equal"),
    (lambda: ops.gather_elements(ops.parameter([4, 3]), np.ones((2, 3), np.uint8), 0), "int32 or int64"),
    (lambda: ops.gather_elements(ops.parameter([4, 3]), np.ones((2, 3), np.int32), 2), "out of the tensor rank"),
])
def test_gather_elements_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


# ---- GatherND ----

def np_gather_nd(x, idx, batch_dims, v5=False):
    bshape = idx.shape[:batch_dims]
    nb = int(np.prod(bshape)) if batch_dims else 1
    xb = x.reshape((nb,) + x.shape[batch_dims:])
    ib = idx.reshape((nb,) + idx.shape[batch_dims:])
    k = idx.shape[-1]
    if k == 0:
        idx = np.zeros(idx.shape[:-1] + (1,), np.int64)[..., :0]
    out = []
    for b in range(nb):
        tuples = ib[b].reshape(-1, k) if k else [()] * int(np.prod(ib[b].shape[:-1]))
        out.append(np.stack([xb[b][tuple(t)] for t in tuples]) if len(tuples) else
                   np.zeros((0,) + x.shape[batch_dims + k:], x.dtype))
    out = np.stack(out).reshape((nb,) + idx.shape[batch_dims:-1] + x.shape[batch_dims + k:])
    if not v5 or batch_dims == 0:
        out = out.reshape(bshape + out.shape[1:])
    return out


@pytest.mark.parametrize("dtype", ALL_TYPES)
def test_gather_nd_types(dtype):
    x = sample((3, 4, 2), dtype)
    idx = np.array([[0, 1], [-1, -4], [2, 3]], np.int64)
    p = param(x)
    check(infer(ops.gather_nd(p, idx), [p], [x]), np_gather_nd(x, idx, 0))


@pytest.mark.parametrize("shape,idx_shape,batch_dims", [((4, 3, 5), (2, 2), 0), ((4, 3, 5), (4, 2, 1), 1),
                                                        ((4, 3, 5), (4, 3, 2, 1), 2), ((4, 3), (2, 0), 0),
                                                        ((2, 3, 5), (2, 3, 1), 2)])
@pytest.mark.parametrize("v5", [False, True])
def test_gather_nd_batch(shape, idx_shape, batch_dims, v5):
    if ORACLE and idx_shape[-1] == 0:
        pytest.skip("openvino 2026.4.1's CPU plugin returns uninitialised values for GatherND with empty index tuples")
    x = sample(shape, np.float32)
    rng = np.random.default_rng(3)
    k = idx_shape[-1]
    idx = np.stack([rng.integers(0, shape[batch_dims + j], idx_shape[:-1]) for j in range(k)], -1) if k else \
        np.zeros(idx_shape, np.int64)
    p = param(x)
    node = (ops5 if v5 else ops).gather_nd(p, idx.astype(np.int32), batch_dims)
    want = np_gather_nd(x, idx, batch_dims, v5)
    assert list(node.get_output_shape(0)) == list(want.shape)
    check(infer(node, [p], [x]), want)


def test_gather_nd_shape_inference():
    i = ops.parameter([4, 3, 1], np.int32)
    d = ops.parameter([-1, 3, 5], np.float32)
    assert ops5.gather_nd(d, i, 2).get_output_partial_shape(0) == ov.PartialShape([12])
    assert ops.gather_nd(d, i, 2).get_output_partial_shape(0) == ov.PartialShape([4, 3])
    j = ops.parameter([4, -1], np.int32)
    assert ops.gather_nd(d, j, 1).get_output_partial_shape(0) == ov.PartialShape.dynamic()


@pinot_only
def test_gather_nd_out_of_range():
    p = ops.parameter([2, 3], np.float32)
    compiled = ov.compile_model(ov.Model([ops.gather_nd(p, np.array([[1, 3]]))], [p]), "CPU")
    with pytest.raises(RuntimeError, match="index 3 is out of range"):
        compiled(np.ones((2, 3), np.float32))


@pytest.mark.parametrize("build,match", [
    (lambda: ops.gather_nd(ops.parameter([4, 3, 5]), np.ones((2, 4), np.int32)), "Length of a tuple"),
    (lambda: ops.gather_nd(ops.parameter([4, 3, 5]), np.ones((2, 2), np.float32)), "integer type"),
    (lambda: ops.gather_nd(ops.parameter([4, 3, 5]), np.ones((3, 2, 1), np.int32), 1), "Batch dimensions"),
    (lambda: ops.gather_nd(ops.parameter([4, 3, 5]), np.ones((4, 2), np.int32), 2), "rank of indices"),
    (lambda: ops.gather_nd(ops.parameter([4, 3, 5]), np.array(1, np.int32)), "Indices rank"),
])
def test_gather_nd_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


# ---- ScatterUpdate ----

@pytest.mark.parametrize("dtype", ALL_TYPES)
def test_scatter_update_types(dtype):
    x = sample((4, 3), dtype)
    upd = sample((2, 3), dtype, seed=5)
    idx = np.array([3, 1], np.int32)
    p = param(x)
    want = x.copy()
    want[idx] = upd
    check(infer(ops.scatter_update(p, idx, upd, 0), [p], [x]), want)


@pytest.mark.parametrize("axis", [0, 1, -1, 2])
def test_scatter_update_axes(axis):
    x = sample((3, 4, 5), np.float32)
    idx = np.array([[1, 0], [2, 1]], np.int64)
    ax = axis % 3
    ushape = x.shape[:ax] + idx.shape + x.shape[ax + 1:]
    upd = sample(ushape, np.float32, seed=7)
    want = x.copy()
    for i, j in np.ndindex(*idx.shape):
        sl = [slice(None)] * 3
        sl[ax] = idx[i, j]
        usl = [slice(None)] * ax + [i, j]
        want[tuple(sl)] = upd[tuple(usl)]
    p = param(x)
    check(infer(ops3.scatter_update(p, idx, upd, axis), [p], [x]), want)


@pinot_only
def test_scatter_update_out_of_range():
    p = ops.parameter([3], np.float32)
    compiled = ov.compile_model(ov.Model([ops.scatter_update(p, np.array([-1]), np.ones(1, np.float32), 0)], [p]),
                                "CPU")
    with pytest.raises(RuntimeError, match="index -1 is out of range"):
        compiled(np.ones(3, np.float32))


@pytest.mark.parametrize("build,match", [
    (lambda: ops.scatter_update(ops.parameter([4, 3]), np.ones(2, np.int32), np.ones((2, 2), np.float32), 0),
     "Updates shape must have appropriate dimensions"),
    (lambda: ops.scatter_update(ops.parameter([4, 3]), np.ones(2, np.int32), np.ones((4, 2, 1), np.float32), 1),
     "Updates rank is expected"),
    (lambda: ops.scatter_update(ops.parameter([4, 3]), np.ones(2, np.int32), np.ones((2, 3), np.float16), 0),
     "do not match"),
    (lambda: ops.scatter_update(ops.parameter([4, 3]), np.ones(2, np.int32), np.ones((2, 3), np.float32), 2),
     "out of the tensor rank"),
])
def test_scatter_update_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


# ---- ScatterElementsUpdate ----

def np_scatter_elements(x, idx, upd, axis, reduction="none", use_init=True):
    out = x.copy()
    is_bool = x.dtype == np.bool_
    is_int = np.issubdtype(x.dtype, np.integer)
    wide = np.int64 if is_int or is_bool else np.float64
    acc, cnt = {}, {}
    for pos in np.ndindex(*idx.shape):
        target = list(pos)
        target[axis] = idx[pos] % x.shape[axis]
        target = tuple(target)
        u = wide(upd[pos])
        if reduction == "none":
            out[target] = upd[pos]
            continue
        if target not in acc:
            acc[target], cnt[target] = (wide(x[target]), 1) if use_init else (u, 0)
            if not use_init:
                cnt[target] = 1
                continue
        a = acc[target]
        acc[target] = {"sum": a + u, "mean": a + u, "prod": a * u, "min": min(a, u), "max": max(a, u)}[reduction]
        cnt[target] += 1
    for t, a in acc.items():
        if reduction == "mean":
            a = int(a / cnt[t]) if is_int else a / cnt[t]
        if is_bool:
            a = a != 0
        out[t] = np.array(a).astype(np.int64).astype(x.dtype) if is_int else a
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int8, np.uint8, np.int32, np.int64,
                                   np.bool_])
@pytest.mark.parametrize("reduction", ["none", "sum", "prod", "min", "max", "mean"])
@pytest.mark.parametrize("use_init", [True, False])
def test_scatter_elements_update_reductions(dtype, reduction, use_init):
    if dtype == np.bool_ and reduction == "mean":
        pytest.skip("mean is rejected for booleans")
    x = sample((3, 4), dtype)
    upd = sample((3, 3), dtype, seed=9)
    idx = np.array([[0, 0, 3], [1, -3, 1], [2, 2, 2]], np.int64)
    p = param(x)
    node = ops.scatter_elements_update(p, idx, upd, 1, reduction, use_init)
    check(infer(node, [p], [x]), np_scatter_elements(x, idx, upd, 1, reduction, use_init))


def test_scatter_elements_update_v3_and_axes():
    x = sample((3, 4, 2), np.float32)
    idx = np.array([[[1], [0]], [[-1], [1]]], np.int32)
    upd = sample(idx.shape, np.float32, seed=4)
    p = param(x)
    for axis in (0, 1, -1):
        node = ops3.scatter_elements_update(p, idx, upd, axis)
        assert node.get_type_info().version_id == "opset3"
        check(infer(node, [p], [x]), np_scatter_elements(x, idx, upd, axis % 3))


@pinot_only
def test_scatter_elements_update_out_of_range():
    p = ops.parameter([2, 2], np.float32)
    node = ops.scatter_elements_update(p, np.array([[2]]), np.ones((1, 1), np.float32), 0)
    compiled = ov.compile_model(ov.Model([node], [p]), "CPU")
    with pytest.raises(RuntimeError, match="index 2 is out of range"):
        compiled(np.ones((2, 2), np.float32))


@pytest.mark.parametrize("build,match", [
    (lambda: ops12.scatter_elements_update(ops.parameter([2, 3], ov.Type.boolean), np.ones((2, 3), np.int32),
                                           np.ones((2, 3), bool), 1, "mean"), "'mean' reduction"),
    (lambda: ops.scatter_elements_update(ops.parameter([2, 3]), np.ones((2, 3), np.float32),
                                         np.ones((2, 3), np.float32), 1), "Indices element type"),
    (lambda: ops.scatter_elements_update(ops.parameter([2, 3]), np.ones((2, 3), np.int32),
                                         np.ones((2, 3), np.float16), 1), "Data type and updates type"),
    (lambda: ops.scatter_elements_update(ops.parameter([2, 3]), np.ones((2, 2), np.int32),
                                         np.ones((2, 3), np.float32), 1), "Indices and updates input shapes"),
    (lambda: ops.scatter_elements_update(ops.parameter([2, 3]), np.ones(2, np.int32), np.ones(2, np.float32), 1),
     "Indices rank and data rank"),
    (lambda: ops.scatter_elements_update(ops.parameter([2, 3]), np.ones((2, 2), np.int32),
                                         np.ones((2, 2), np.float32), -3), "out of the tensor rank"),
])
def test_scatter_elements_update_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


# ---- ScatterNDUpdate ----

def np_scatter_nd(x, idx, upd, reduction="none"):
    out = x.copy()
    k = idx.shape[-1]
    tuples = idx.reshape(-1, k) if k else [()] * int(np.prod(idx.shape[:-1]))
    slices = upd.reshape((len(tuples),) + x.shape[k:])
    is_bool = x.dtype == np.bool_
    for t, u in zip(tuples, slices):
        t = tuple(int(v) % x.shape[j] for j, v in enumerate(t))
        if reduction == "none":
            out[t] = u
        elif is_bool:
            a, b = out[t], u
            out[t] = {"sum": a | b, "max": a | b, "prod": a & b, "min": a & b, "sub": a ^ b}[reduction]
        else:
            with np.errstate(over="ignore"):
                a, b = out[t], u
                out[t] = {"sum": a + b, "sub": a - b, "prod": a * b, "min": np.minimum(a, b),
                          "max": np.maximum(a, b)}[reduction]
    return out


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int8, np.uint8, np.int32, np.int64,
                                   np.bool_])
@pytest.mark.parametrize("reduction", ["none", "sum", "sub", "prod", "min", "max"])
def test_scatter_nd_update_reductions(dtype, reduction):
    x = sample((3, 4), dtype)
    upd = sample((4,), dtype, seed=11)
    idx = np.array([[0, 1], [-3, 1], [2, -1], [1, 0]], np.int32)
    p = param(x)
    check(infer(ops15.scatter_nd_update(p, idx, upd, reduction), [p], [x]), np_scatter_nd(x, idx, upd, reduction))


@pytest.mark.parametrize("dtype", ALL_TYPES)
@pytest.mark.parametrize("idx,ushape", [(np.array([[1], [0]]), (2, 4, 2)), (np.array([[[2, 1]]]), (1, 1, 2)),
                                        (np.zeros((0, 1), np.int64), (0, 4, 2)), (np.zeros((1, 0), np.int64),
                                                                                   (1, 3, 4, 2))])
def test_scatter_nd_update_slices(dtype, idx, ushape):
    if ORACLE and idx.shape[-1] == 0:
        pytest.skip("openvino 2026.4.1's CPU plugin mishandles ScatterNDUpdate with empty index tuples (whole-tensor "
                    "updates)")
    x = sample((3, 4, 2), dtype)
    upd = sample(ushape, dtype, seed=2)
    p = param(x)
    node = ops4.scatter_nd_update(p, idx, upd)
    assert node.get_type_info().version_id in ("opset3", "opset4")
    check(infer(node, [p], [x]), np_scatter_nd(x, idx, upd))


@pinot_only
def test_scatter_nd_update_out_of_range():
    p = ops.parameter([2, 3], np.float32)
    node = ops.scatter_nd_update(p, np.array([[0, 3]]), np.ones(1, np.float32))
    compiled = ov.compile_model(ov.Model([node], [p]), "CPU")
    with pytest.raises(RuntimeError, match="index 3 is out of range"):
        compiled(np.ones((2, 3), np.float32))


@pytest.mark.parametrize("build,match", [
    (lambda: ops.scatter_nd_update(ops.parameter([2, 3]), np.ones((3, 1), np.int32), np.ones(3, np.float32)),
     "Rank of updates"),
    (lambda: ops.scatter_nd_update(ops.parameter([2, 3]), np.ones((3, 3), np.int32), np.ones(3, np.float32)),
     "Last dimension of indices"),
    (lambda: ops.scatter_nd_update(ops.parameter([2, 3]), np.ones((3, 2), np.float32), np.ones(3, np.float32)),
     "i64 or i32"),
    (lambda: ops.scatter_nd_update(ops.parameter([2, 3]), np.ones((3, 2), np.int32), np.ones(3, np.float16)),
     "Updates element type"),
    (lambda: ops.scatter_nd_update(ops.parameter([2, 3]), np.ones((3, 1), np.int32), np.ones((3, 4), np.float32)),
     "updates_shape"),
])
def test_scatter_nd_update_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


def test_scatter_dynamic_shapes():
    d = ops.parameter(ov.PartialShape([-1, 3]), np.float32)
    node = ops.scatter_nd_update(d, ops.parameter([-1, 1], np.int64), ops.parameter([-1, 3], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([-1, 3])
    x = sample((4, 3), np.float32)
    i = np.array([[3], [0]], np.int64)
    u = sample((2, 3), np.float32, 3)
    params = [node.input_value(k).get_node() for k in range(3)]
    check(infer(node, params, [x, i, u]), np_scatter_nd(x, i, u))

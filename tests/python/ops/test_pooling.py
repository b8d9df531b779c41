"""MaxPool (1, 8, 14), AvgPool (1, 14, 16), AdaptiveAvgPool and
AdaptiveMaxPool (8): results against numpy references, the padding and
rounding corner cases and shape inference against OpenVINO, errors.

Tolerances: f64 rtol 1e-12; f32 rtol 1e-5 / atol 1e-6; f16 rtol 2e-3
(averages are taken in f32/f64 and rounded once); max pooling and indices are
exact. OpenVINO, where used as an oracle, runs with INFERENCE_PRECISION_HINT
f32 (its CPU default on this machine is bf16).
"""
import itertools

import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset8 as ops8
import pinot.opset13 as ops
import pinot.opset14 as ops14
import pinot.opset16 as ops16

TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-5, 1e-6), np.float16: (2e-3, 2e-3)}
if ORACLE:  # OpenVINO's CPU plugin computes f64 in f32
    TOL[np.float64] = TOL[np.float32]
F32 = {"INFERENCE_PRECISION_HINT": "f32"}


def infer(outputs, params, inputs):
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
        np.testing.assert_array_equal(got, want.astype(dtype))


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.floating):
        # distinct values, so the position of a maximum is unambiguous
        return (rng.permutation(int(np.prod(shape))).reshape(shape) / 7.0 - 3.0).astype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    info = np.iinfo(dtype)
    return rng.integers(max(info.min, -100), min(info.max, 100), shape).astype(dtype)


def attrs_of(node):
    return node.get_attributes()


def same_attrs(ours, theirs):
    """Our attributes equal OpenVINO's (its enum values print in upper case)."""
    want = {k: (v.lower() if isinstance(v, str) else v) for k, v in theirs.get_attributes().items()}
    assert ours.get_attributes() == want


# ---- numpy references ----

def out_size(i, k, s, d, pb, pe, rounding):
    kd = (k - 1) * d + 1
    span = i + pb + pe - kd
    o = (span // s if rounding == "floor" else -(-span // s)) + 1
    if rounding == "ceil_torch" and (o - 1) * s >= i + pb:
        o -= 1
    return o


def resolve_pads(in_sizes, kernel, strides, dilations, pads_begin, pads_end, auto_pad):
    if auto_pad == "valid":
        return [0] * len(kernel), [0] * len(kernel)
    if auto_pad in ("same_upper", "same_lower"):
        begin, end = [], []
        for i, k, s, d in zip(in_sizes, kernel, strides, dilations):
            total = max(0, (-(-i // s) - 1) * s + (k - 1) * d + 1 - i)
            b = total // 2 if auto_pad == "same_upper" else total - total // 2
            begin.append(b)
            end.append(total - b)
        return begin, end
    return list(pads_begin), list(pads_end)


def window_positions(o, k, s, d, pb):
    return [[oi * si - pi + ki * di for ki in range(kk)] for oi, kk, si, di, pi in zip(o, k, s, d, pb)]


def np_pool(x, kernel, strides, dilations, pads_begin, pads_end, rounding, auto_pad="explicit", mode="max",
            exclude_pad=False, axis=0):
    """Max (values, indices) or average over [N, C, S...] windows."""
    n_sp = x.ndim - 2
    dilations = dilations or [1] * n_sp
    pb, pe = resolve_pads(x.shape[2:], kernel, strides, dilations, pads_begin, pads_end, auto_pad)
    out = [out_size(x.shape[2 + a], kernel[a], strides[a], dilations[a], pb[a], pe[a], rounding)
           for a in range(n_sp)]
    values = np.zeros(x.shape[:2] + tuple(out), np.float64)
    indices = np.zeros(values.shape, np.int64)
    span = int(np.prod(x.shape[axis:]))
    wide = x.astype(np.float64)
    full = int(np.prod(kernel))
    count_inside = exclude_pad or not any(pb + pe)
    # a max starts at the type's lowest value: padding and -inf never win
    if x.dtype == np.bool_:
        lowest = 0.0
    elif np.issubdtype(x.dtype, np.floating):
        lowest = float(np.finfo(x.dtype).min)
    else:
        lowest = float(np.iinfo(x.dtype).min)
    for o in itertools.product(*[range(v) for v in out]):
        cells = [p for p in itertools.product(*window_positions(o, kernel, strides, dilations, pb))
                 if all(0 <= p[a] < x.shape[2 + a] for a in range(n_sp))]
        for n, c in itertools.product(range(x.shape[0]), range(x.shape[1])):
            vals = [wide[(n, c) + p] for p in cells]
            if mode == "max":
                best, where = lowest, (0,) * n_sp  # no winner: the plane's first position
                for p, v in zip(cells, vals):
                    if v > best:
                        best, where = v, p
                values[(n, c) + o] = best
                flat = np.ravel_multi_index((n, c) + where, x.shape) if x.size else 0
                indices[(n, c) + o] = flat % span
            else:
                divisor = len(cells) if count_inside else full
                values[(n, c) + o] = sum(vals) / divisor if divisor else 0.0
    return values, indices


# ---- MaxPool ----

MAX_CASES = [
    # shape, kernel, strides, dilations, pads_begin, pads_end, rounding, auto_pad
    ((2, 3, 9), [3], [2], [1], [1], [1], "floor", "explicit"),
    ((1, 2, 7, 8), [2, 2], [2, 2], [1, 1], [0, 0], [0, 0], "floor", "explicit"),
    ((1, 2, 7, 8), [3, 2], [2, 3], [1, 1], [1, 0], [1, 1], "ceil", "explicit"),
    ((1, 2, 7, 8), [3, 3], [2, 2], [2, 1], [1, 1], [0, 2], "floor", "explicit"),
    ((1, 2, 5, 5), [2, 2], [2, 2], [1, 1], [1, 1], [1, 1], "ceil_torch", "explicit"),
    ((1, 2, 7, 6), [3, 2], [2, 2], [1, 2], [9, 9], [9, 9], "floor", "same_upper"),
    ((1, 2, 7, 6), [4, 3], [3, 2], [1, 1], [0, 0], [0, 0], "ceil", "same_lower"),
    ((1, 2, 7, 6), [3, 2], [2, 2], [1, 1], [2, 2], [2, 2], "ceil", "valid"),
    ((2, 2, 4, 5, 6), [2, 3, 2], [1, 2, 2], [1, 1, 2], [0, 1, 1], [1, 1, 0], "floor", "explicit"),
]


@pytest.mark.parametrize("case", MAX_CASES, ids=lambda c: f"{len(c[0]) - 2}d-{c[6]}-{c[7]}")
@pytest.mark.parametrize("axis", [0, 2, -1])
def test_max_pool_v14(case, axis):
    shape, kernel, strides, dil, pb, pe, rounding, auto_pad = case
    x = sample(shape, np.float32)
    param = ops14.parameter(shape, np.float32)
    node = ops14.max_pool(param, strides, dil, pb, pe, kernel, rounding, auto_pad, "i32", axis)
    values, indices = np_pool(x, kernel, strides, dil, pb, pe, rounding, auto_pad, axis=axis)
    got = infer([node.output(0), node.output(1)], [param], [x])
    check_close(got[0], values, np.float32)
    check_close(got[1], indices, np.int32)
    rb, re = resolve_pads(shape[2:], kernel, strides, dil, pb, pe, auto_pad)
    assert attrs_of(node)["pads_begin"] == rb and attrs_of(node)["pads_end"] == re


@pytest.mark.parametrize("dtype", [np.float64, np.float16, np.int32, np.int64, np.int8, np.uint8, np.int16, np.uint16,
                                   np.uint32, np.uint64, np.bool_])
def test_max_pool_types(dtype):
    shape = (2, 3, 5, 6)
    x = sample(shape, dtype)
    param = ops8.parameter(shape, dtype)
    node = ops8.max_pool(param, [2, 2], [1, 2], [1, 0], [0, 1], [2, 2])
    values, indices = np_pool(x, [2, 2], [2, 2], [1, 2], [1, 0], [0, 1], "floor")
    got = infer([node.output(0), node.output(1)], [param], [x])
    check_close(got[0], values, dtype)
    check_close(got[1], indices, np.int64)


def test_max_pool_v1_has_one_output():
    x = sample((1, 2, 6, 6), np.float32)
    param = ops1.parameter(x.shape, np.float32)
    node = ops1.max_pool(param, [2, 2], [0, 0], [1, 1], [3, 3], "ceil")
    assert node.get_output_size() == 1
    values, _ = np_pool(x, [3, 3], [2, 2], [1, 1], [0, 0], [1, 1], "ceil")
    check_close(infer([node], [param], [x])[0], values, np.float32)


def test_max_pool_padding_never_wins():
    """A window entirely in the padding gives the lowest finite value; -inf never beats it."""
    x = np.array([[[3, 1, 2, 5, 4]]], np.float32)
    param = ops.parameter(x.shape, np.float32)
    node = ops.max_pool(param, [2], [1], [2], [1], [2])
    values, indices = infer([node.output(0), node.output(1)], [param], [x])
    np.testing.assert_array_equal(values, [[[np.finfo(np.float32).min, 3, 5, 4]]])
    np.testing.assert_array_equal(indices, [[[0, 0, 3, 4]]])
    x = np.full((1, 1, 3), -np.inf, np.float32)
    param = ops.parameter(x.shape, np.float32)
    node = ops.max_pool(param, [1], [1], [0], [0], [2])
    values, indices = infer([node.output(0), node.output(1)], [param], [x])
    np.testing.assert_array_equal(values, np.full((1, 1, 2), np.finfo(np.float32).min))
    x = np.array([[[np.nan, 3, 2, np.nan, 5]]], np.float32)  # NaN never compares greater
    param = ops.parameter(x.shape, np.float32)
    node = ops.max_pool(param, [1], [1], [0], [0], [2])
    values, indices = infer([node.output(0), node.output(1)], [param], [x])
    np.testing.assert_array_equal(values, [[[3, 3, 2, 5]]])
    np.testing.assert_array_equal(indices, [[[1, 1, 2, 4]]])


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin differs from the reference (numpy) on a dynamic-shape "
                    "dilated same_upper MaxPool")
def test_max_pool_dynamic_shape():
    param = ops.parameter([-1, 2, -1, -1], np.float32)
    node = ops.max_pool(param, [2, 2], [1, 1], [0, 0], [0, 0], [3, 3], "ceil", "same_upper")
    assert str(node.get_output_partial_shape(0)) == "[?,2,?,?]"
    compiled = ov.compile_model(ov.Model([node.output(0), node.output(1)], [param]), "CPU")
    for shape in [(1, 2, 5, 5), (2, 2, 8, 3), (1, 2, 1, 1)]:
        x = sample(shape, np.float32)
        values, indices = np_pool(x, [3, 3], [2, 2], [1, 1], [0, 0], [0, 0], "ceil", "same_upper")
        got = compiled(x)
        check_close(got[0], values, np.float32)
        check_close(got[1], indices, np.int64)


@pytest.mark.skipif(bool(ORACLE), reason="openvino 2026.4.1 rejects a zero batch when built ('Batch size is zero.')")
def test_max_pool_empty_batch():
    param = ops.parameter([0, 2, 4, 4], np.float32)
    node = ops.max_pool(param, [2, 2], [1, 1], [0, 0], [0, 0], [2, 2])
    got = infer([node.output(0), node.output(1)], [param], [np.zeros((0, 2, 4, 4), np.float32)])
    assert got[0].shape == (0, 2, 2, 2) and got[1].shape == (0, 2, 2, 2)


@pytest.mark.parametrize("seed", range(24))
def test_random_geometries(seed):
    """Random 1D-3D max/avg pooling geometries (v16/v14 attributes) against numpy."""
    rng = np.random.default_rng(seed)
    sp = int(rng.integers(1, 4))
    kernel = [int(v) for v in rng.integers(1, 4, sp)]
    strides = [int(v) for v in rng.integers(1, 4, sp)]
    dil = [int(v) for v in rng.integers(1, 3, sp)]
    pb = [int(rng.integers(0, k)) for k in kernel]
    pe = [int(rng.integers(0, k)) for k in kernel]
    size = [max(int(v), (k - 1) * d + 1) for v, k, d in zip(rng.integers(1, 7, sp), kernel, dil)]
    shape = (int(rng.integers(1, 3)), int(rng.integers(1, 3))) + tuple(size)
    rounding = ["floor", "ceil", "ceil_torch"][seed % 3]
    auto_pad = ["explicit", "explicit", "same_upper", "same_lower", "valid"][seed % 5]
    x = sample(shape, np.float32, seed=seed)
    param = ops16.parameter(shape, np.float32)
    if seed % 2 == 0:
        node = ops16.max_pool(param, strides, dil, pb, pe, kernel, rounding, auto_pad)
        values, indices = np_pool(x, kernel, strides, dil, pb, pe, rounding, auto_pad)
        got = infer([node.output(0), node.output(1)], [param], [x])
        check_close(got[0], values, np.float32)
        check_close(got[1], indices, np.int64)
    else:
        exclude = bool(seed % 4 == 1)
        node = ops16.avg_pool(param, strides, pb, pe, kernel, exclude, rounding, auto_pad, dil)
        want, _ = np_pool(x, kernel, strides, dil, pb, pe, rounding, auto_pad, mode="avg", exclude_pad=exclude)
        check_close(infer([node], [param], [x])[0], want, np.float32)


# ---- AvgPool ----

AVG_CASES = [
    # shape, kernel, strides, pads_begin, pads_end, exclude_pad, rounding, auto_pad
    ((2, 3, 9), [3], [2], [1], [1], True, "floor", "explicit"),
    ((2, 3, 9), [3], [2], [1], [1], False, "floor", "explicit"),
    ((1, 1, 6), [3], [2], [1], [1], False, "ceil", "explicit"),  # window past the end padding: full divisor
    ((1, 1, 7), [2], [3], [0], [0], False, "ceil", "explicit"),  # no padding at all: count inside
    ((1, 1, 7, 7), [2, 2], [3, 3], [1, 0], [0, 0], False, "ceil", "explicit"),
    ((1, 2, 7, 8), [3, 3], [2, 2], [1, 1], [1, 1], True, "ceil", "explicit"),
    ((1, 2, 5, 5), [2, 2], [2, 2], [1, 1], [1, 1], False, "ceil_torch", "explicit"),
    ((1, 2, 7, 7), [2, 2], [3, 3], [0, 0], [0, 0], False, "ceil", "same_upper"),
    ((1, 2, 7, 7), [2, 2], [3, 3], [0, 0], [0, 0], False, "floor", "same_lower"),
    ((1, 2, 7, 7), [2, 2], [3, 3], [0, 0], [0, 0], True, "ceil", "valid"),
    ((1, 2, 4, 5, 6), [2, 3, 2], [1, 2, 2], [0, 1, 1], [1, 1, 0], True, "floor", "explicit"),
]


@pytest.mark.parametrize("case", AVG_CASES, ids=lambda c: f"{len(c[0]) - 2}d-{c[5]}-{c[6]}-{c[7]}")
def test_avg_pool_v14(case):
    shape, kernel, strides, pb, pe, exclude, rounding, auto_pad = case
    x = sample(shape, np.float32)
    param = ops14.parameter(shape, np.float32)
    node = ops14.avg_pool(param, strides, pb, pe, kernel, exclude, rounding, auto_pad)
    want, _ = np_pool(x, kernel, strides, None, pb, pe, rounding, auto_pad, mode="avg", exclude_pad=exclude)
    check_close(infer([node], [param], [x])[0], want, np.float32)


@pytest.mark.parametrize("exclude", [True, False])
def test_avg_pool_v16_dilations(exclude):
    x = sample((1, 2, 7, 8), np.float32)
    param = ops16.parameter(x.shape, np.float32)
    node = ops16.avg_pool(param, [2, 1], [1, 1], [1, 1], [2, 2], exclude, "ceil", dilations=[2, 3])
    want, _ = np_pool(x, [2, 2], [2, 1], [2, 3], [1, 1], [1, 1], "ceil", mode="avg", exclude_pad=exclude)
    check_close(infer([node], [param], [x])[0], want, np.float32)


@pytest.mark.parametrize("dtype", [np.float64, np.float16, np.int32, np.uint8])
def test_avg_pool_types(dtype):
    x = sample((2, 3, 6, 5), dtype)
    param = ops.parameter(x.shape, dtype)
    node = ops.avg_pool(param, [2, 2], [1, 0], [0, 1], [3, 2], True)
    want, _ = np_pool(x, [3, 2], [2, 2], None, [1, 0], [0, 1], "floor", mode="avg", exclude_pad=True)
    if not np.issubdtype(dtype, np.floating):
        want = np.round(want)  # integer averages round to nearest, as OpenVINO's CPU plugin
    check_close(infer([node], [param], [x])[0], want, dtype)


# ---- against OpenVINO ----

ORACLE_CASES = [
    ("max_pool", 14, (1, 2, 9, 7), ([2, 3], [2, 1], [1, 1], [1, 0], [3, 2], "ceil_torch", None, "i32", 2)),
    ("max_pool", 8, (1, 2, 9, 7), ([3, 2], [1, 2], [0, 1], [1, 1], [2, 3], "ceil", "same_lower", "i32", 0)),
    ("max_pool", 8, (2, 3, 6, 5), ([1, 2], [2, 1], [0, 0], [0, 0], [2, 2], "floor", "valid", "i32", 1)),
    ("avg_pool", 14, (1, 2, 9, 7), ([2, 3], [1, 1], [1, 0], [3, 2], False, "ceil_torch", None)),
    ("avg_pool", 14, (1, 2, 9, 7), ([2, 3], [1, 1], [1, 0], [3, 2], True, "ceil", None)),
    ("avg_pool", 1, (1, 2, 6, 6), ([3, 3], [1, 1], [1, 1], [3, 3], False, "ceil", None)),
    ("avg_pool", 1, (1, 2, 7, 6), ([3, 2], [0, 0], [0, 0], [2, 2], False, "ceil", None)),
    ("avg_pool", 1, (1, 2, 7, 6), ([3, 2], [0, 0], [0, 0], [2, 3], False, "floor", "same_upper")),
    ("avg_pool", 16, (1, 2, 9, 8), ([2, 2], [1, 2], [1, 1], [2, 2], False, "ceil", None, [2, 2])),
]


@pytest.mark.parametrize("case", ORACLE_CASES, ids=lambda c: f"{c[0]}{c[1]}-{c[3][5]}")
def test_results_match_openvino(case):
    openvino = pytest.importorskip("openvino")
    builder, opset, shape, args = case
    x = sample(shape, np.float32)
    theirs_ops = getattr(openvino, f"opset{opset}")
    ours_ops = getattr(ov, f"opset{opset}")
    p = theirs_ops.parameter(shape, np.float32)
    theirs = getattr(theirs_ops, builder)(p, *args)
    compiled = openvino.Core().compile_model(openvino.Model(theirs.outputs(), [p]), "CPU",
                                             {"INFERENCE_PRECISION_HINT": "f32"})
    want = compiled(x)
    param = ours_ops.parameter(shape, np.float32)
    ours = getattr(ours_ops, builder)(param, *args)
    got = infer(ours.outputs(), [param], [x])
    assert len(got) == len(compiled.outputs)
    for i, g in enumerate(got):
        check_close(g, want[i].astype(np.float64), g.dtype.type)
    same_attrs(ours, theirs)


SHAPE_CASES = [
    (1, "max_pool", -1, ([2, 2], [0, 0], [0, 0], [2, 2])),
    (8, "max_pool", -1, ([2, 2], [1, 1], [0, 0], [0, 0], [2, 2])),
    (1, "max_pool", [1, 2, -1, (4, 9)], ([2, 2], [0, 0], [0, 0], [3, 3])),
    (1, "max_pool", [1, 2, -1, (4, 9)], ([2, 2], [0, 0], [0, 0], [3, 3], "ceil")),
    (14, "max_pool", [1, 2, -1, (4, 9)], ([2, 2], [1, 1], [1, 1], [1, 1], [3, 3], "ceil_torch")),
    (14, "max_pool", [1, 2, (5, 7)], ([2], [1], [1], [1], [2], "ceil_torch")),
    (1, "max_pool", [1, 2, -1, (4, 9)], ([2, 2], [0, 0], [0, 0], [3, 3], "floor", "same_upper")),
    (1, "max_pool", [1, 2, -1, 9], ([2, 2], [0, 0], [0, 0], [4, 4], "ceil", "same_lower")),
    (1, "max_pool", [1, 2, -1, (1, 9)], ([2, 2], [1, 1], [1, 1], [3, 3], "floor", "valid")),
    (8, "max_pool", [1, 2, 5, 5], ([1, 1], [2, 2], [0, 0], [0, 0], [2, 2], "floor", "same_lower")),
    (1, "max_pool", [1, 2, 5, 5], ([2, 2], [], [], [2, 2])),
    (1, "max_pool", [1, 2, 5, 5], ([2, 2], [2, 2], [1, 1], [2, 2])),
    (1, "avg_pool", [1, 2, 5, 5], ([2, 2], [1, 1], [1, 1], [2, 2], True, "floor", "same_lower")),
    (1, "avg_pool", [(1, 3), -1, 5, 5], ([2, 2], [1, 1], [1, 1], [3, 3], True, "ceil", "valid")),
    (16, "avg_pool", [1, 2, (5, 20), 5], ([2, 2], [1, 1], [1, 1], [2, 2], False, "ceil", None, [2, 3])),
    (8, "adaptive_avg_pool", [1, 2, 5, 5], ([2, 3],)),
    (8, "adaptive_avg_pool", [-1, 2, -1, 5], ([0, -1],)),
    (8, "adaptive_max_pool", [1, 2, -1, 5, 5], ([2, 3, 1], "i32")),
]


def build(module, opset, builder, data_shape, args):
    opset = getattr(module, f"opset{opset}")
    shape = module.PartialShape.dynamic() if data_shape == -1 else module.PartialShape(
        [module.Dimension(*d) if isinstance(d, tuple) else d for d in data_shape])
    param = opset.parameter(shape, np.float32)
    if builder.startswith("adaptive"):
        return getattr(opset, builder)(param, opset.constant(np.array(args[0], np.int64)), *args[1:])
    return getattr(opset, builder)(param, *args)


@pytest.mark.parametrize("case", SHAPE_CASES, ids=lambda c: f"{c[1]}{c[0]}-{c[2]}-{c[3][-1]}")
def test_shape_inference_matches_openvino(case):
    openvino = pytest.importorskip("openvino")
    ours = build(ov, *case)
    theirs = build(openvino, *case)
    assert ours.get_output_size() == theirs.get_output_size()
    for i in range(ours.get_output_size()):
        assert str(ours.get_output_partial_shape(i)) == str(theirs.get_output_partial_shape(i))
        assert ours.get_output_element_type(i).get_type_name() == theirs.get_output_element_type(i).get_type_name()
    same_attrs(ours, theirs)


# ---- adaptive pooling ----

def np_adaptive(x, out_sizes, mode):
    n_sp = x.ndim - 2
    values = np.zeros(x.shape[:2] + tuple(out_sizes), np.float64)
    indices = np.zeros(values.shape, np.int64)
    for o in itertools.product(*[range(v) for v in out_sizes]):
        sl = []
        for a in range(n_sp):
            size = x.shape[2 + a]
            sl.append(slice((o[a] * size) // out_sizes[a], -((-(o[a] + 1) * size) // out_sizes[a])))
        win = x[(slice(None), slice(None)) + tuple(sl)].astype(np.float64)
        flat = win.reshape(x.shape[:2] + (-1,))
        if mode == "avg":
            values[(slice(None), slice(None)) + o] = flat.mean(axis=2)
        else:
            values[(slice(None), slice(None)) + o] = flat.max(axis=2)
            arg = flat.argmax(axis=2)
            local = np.unravel_index(arg, win.shape[2:])
            pos = [local[a] + sl[a].start for a in range(n_sp)]
            indices[(slice(None), slice(None)) + o] = np.ravel_multi_index(pos, x.shape[2:])
    return values, indices


ADAPTIVE_CASES = [((2, 3, 7), [3]), ((1, 2, 5, 7), [3, 4]), ((1, 2, 5, 7), [5, 7]), ((1, 2, 4, 4), [6, 2]),
                  ((1, 2, 4, 5, 6), [2, 3, 4]), ((1, 2, 4, 5), [1, 1])]


@pytest.mark.parametrize("case", ADAPTIVE_CASES, ids=lambda c: f"{c[0]}->{c[1]}")
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32])
def test_adaptive_avg_pool(case, dtype):
    shape, out = case
    x = sample(shape, dtype)
    param = ops.parameter(shape, dtype)
    node = ops.adaptive_avg_pool(param, np.array(out, np.int32))
    want, _ = np_adaptive(x, out, "avg")
    if dtype == np.int32:
        if ORACLE and shape == (1, 2, 4, 5):
            pytest.skip("OpenVINO's CPU plugin rounds this i32 average differently")
        want = np.round(want)
    check_close(infer([node], [param], [x])[0], want, dtype)


@pytest.mark.parametrize("case", ADAPTIVE_CASES, ids=lambda c: f"{c[0]}->{c[1]}")
@pytest.mark.parametrize("dtype, index_type", [(np.float32, "i64"), (np.float16, "i32"), (np.int8, "i32")])
def test_adaptive_max_pool(case, dtype, index_type):
    if ORACLE and index_type == "i64":
        pytest.skip("OpenVINO's CPU plugin has no i64 indices for AdaptiveMaxPool ('does not support i64 for oneDNN')")
    shape, out = case
    x = sample(shape, dtype)
    param = ops.parameter(shape, dtype)
    node = ops.adaptive_max_pool(param, np.array(out, np.int64), index_type)
    values, indices = np_adaptive(x, out, "max")
    got = infer([node.output(0), node.output(1)], [param], [x])
    check_close(got[0], values, dtype)
    check_close(got[1], indices, np.int32 if index_type == "i32" else np.int64)


def test_adaptive_max_pool_matches_openvino():
    openvino = pytest.importorskip("openvino")
    x = sample((2, 3, 7, 9), np.float32)
    p = openvino.opset8.parameter(x.shape, np.float32)
    theirs = openvino.opset8.adaptive_max_pool(p, np.array([4, 5]), "i32")
    want = openvino.Core().compile_model(openvino.Model(theirs.outputs(), [p]), "CPU",
                                         {"INFERENCE_PRECISION_HINT": "f32"})(x)
    param = ops.parameter(x.shape, np.float32)
    got = infer(ops.adaptive_max_pool(param, np.array([4, 5]), "i32").outputs(), [param], [x])
    np.testing.assert_array_equal(got[0], want[0])
    np.testing.assert_array_equal(got[1], want[1])


def test_adaptive_output_shape_parameter():
    data = ops.parameter([1, 2, -1, -1], np.float32)
    sizes = ops.parameter([2], np.int64)
    node = ops.adaptive_avg_pool(data, sizes)
    assert str(node.get_output_partial_shape(0)) == "[1,2,?,?]"
    compiled = ov.compile_model(ov.Model([node], [data, sizes]), "CPU")
    x = sample((1, 2, 6, 5), np.float32)
    for out in ([2, 2], [3, 1], [6, 5]):
        want, _ = np_adaptive(x, out, "avg")
        check_close(compiled([x, np.array(out, np.int64)])[0], want, np.float32)
    if ORACLE:  # Pinot's error text (OpenVINO's CPU plugin: 'overflow while accumulating element count')
        return
    with pytest.raises(RuntimeError, match="non-negative"):
        compiled([x, np.array([-2, 1], np.int64)])


# ---- errors ----

# Cases whose check is Pinot-only in the oracle run (OpenVINO accepts them, or words the error otherwise).
ORACLE_DIFFERS = [pytest.mark.skipif(bool(ORACLE), reason=r) for r in [
    "Pinot's error text (openvino 2026.4.1: 'Kernel after dilation has size (dim: 18446744073709551615) "
    "...')",
    "Pinot checks MaxPool-14's index_element_type when built; openvino 2026.4.1 does not",
    'Pinot\'s error text (OpenVINO: \'"SIDEWAYS" is not a member of enum ov::op::RoundingType\')',
    "Pinot checks AdaptiveAvgPool's output shape type when built; openvino 2026.4.1 does not",
]]


@pytest.mark.parametrize("call, match", [
    (lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [0, 0], [0, 0], [6, 6]),
     r"Kernel after dilation has size \(dim: 6\) larger than the data shape after padding \(dim: 5\) at axis 0"),
    (lambda: ops1.avg_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [2, 2], [1, 1], [2, 2], True),
     "Kernel after dilation is sometimes entirely in the padding area for axis 0"),
    (lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [0, 2], [0, 0], [0, 0], [2, 2]),
     r"Strides has zero dimension\(s\)"),
    (lambda: ops8.max_pool(ops.parameter([1, 2, 5, 5]), [1, 2], [0, 1], [0, 0], [0, 0], [2, 2]),
     r"Kernel dilations has zero dimension\(s\)"),
    pytest.param(lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [1, 1], [0, 0], [0, 0], [0, 2]),
     r"Kernel has zero dimension\(s\)",
     marks=ORACLE_DIFFERS[0]),
    (lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [2], [0, 0], [0, 0], [2, 2]),
     "Expected strides size to be equal to input size - 2. Got: 1"),
    (lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [1, 1], [0], [0, 0], [2, 2]),
     "Expected pads_begin size to be equal to input size - 2. Got: 1"),
    (lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [1, 1], [0, 0], [0, 0], [2]),
     "Expected pads_begin size to be equal to input size - 2. Got: 2"),
    (lambda: ops1.max_pool(ops.parameter([2, 5, 5]), [1, 1], [0, 0], [0, 0], [2, 2]),
     "Expected kernel size to be equal to input size - 2. Got: 2"),
    (lambda: ops16.avg_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [0, 0], [0, 0], [2, 2], False, dilations=[1]),
     "Expected dilations size to be equal to kernel size. Got: 1"),
    (lambda: ops1.max_pool(ops.parameter([5, 5]), [1, 1], [0, 0], [0, 0], [2, 2]),
     r"Expected a 3D, 4D or 5D tensor for the input. Got: \[5,5\]"),
    (lambda: ops8.max_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [1, 1], [0, 0], [0, 0], [2, 2], "ceil_torch"),
     "Rounding CEIL_TORCH is not supported."),
    (lambda: ops1.avg_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [0, 0], [0, 0], [2, 2], False, "ceil_torch"),
     "Rounding CEIL_TORCH is not supported."),
    (lambda: ops14.max_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [1, 1], [1, 1], [1, 1], [2, 2], axis=4),
     r"Axis 4 out of the tensor rank range \[-4, 3\]"),
    pytest.param(lambda: ops14.max_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [1, 1], [1, 1], [1, 1], [2, 2],
                            index_element_type="f32"),
     "Index element type must be i32 or i64",
     marks=ORACLE_DIFFERS[1]),
    pytest.param(lambda: ops1.max_pool(ops.parameter([1, 2, 5, 5]), [2, 2], [0, 0], [0, 0], [2, 2], "sideways"),
     "rounding_type",
     marks=ORACLE_DIFFERS[2]),
    (lambda: ops.adaptive_avg_pool(ops.parameter([1, 2, 5, 5]), np.array([2])),
     "Output shape for spatial dimension not compatible with data shape"),
    (lambda: ops.adaptive_avg_pool(ops.parameter([1, 2, 5, 5, 5, 5]), np.array([2, 2, 2, 2])),
     "Expected a 3D, 4D or 5D tensor for the input"),
    pytest.param(lambda: ops.adaptive_avg_pool(ops.parameter([1, 2, 5, 5]), np.array([2.0, 3.0])),
     "Output shape element type must be an integer type",
     marks=ORACLE_DIFFERS[3]),
    (lambda: ops.adaptive_max_pool(ops.parameter([1, 2, 5, 5]), np.array([2, 3]), "f32"),
     "Index element type must be i32 or i64"),
])
def test_errors(call, match):
    with pytest.raises(RuntimeError, match=match):
        call()


def test_runtime_shape_too_small_is_an_error():
    param = ops.parameter([1, 1, -1], np.float32)
    node = ops.avg_pool(param, [1], [0], [0], [3], False)
    compiled = ov.compile_model(ov.Model([node], [param]), "CPU")
    with pytest.raises(RuntimeError, match="Kernel after dilation"):
        compiled(np.ones((1, 1, 2), np.float32))


@pytest.mark.skipif(bool(ORACLE), reason="a Pinot cost guarantee: windows visit only the taps inside the input")
def test_huge_kernel_costs_the_input_not_the_kernel():
    # A same_lower kernel 2^31 - 1 wide over a 4-wide row: each window covers the whole row. Visiting
    # every tap would take minutes; only the in-input taps are visited.
    x = np.arange(16, dtype=np.float32).reshape(1, 1, 4, 4)[:, :, ::-1].copy()
    param = ops.parameter(x.shape, np.float32)
    node = ops8.max_pool(param, [1, 1], [1, 1], [0, 0], [0, 0], [2, 2**31 - 1], "floor", "same_lower")
    avg = ops1.avg_pool(param, [1, 1], [0, 0], [0, 0], [2, 2**31 - 1], True, "floor", "same_lower")
    got_max, got_avg = infer([node.output(0), avg.output(0)], [param], [x])
    rows = x[0, 0]
    want_max = np.stack([np.maximum(rows[max(i - 1, 0)], rows[i]).max() * np.ones(4) for i in range(4)])
    want_avg = np.stack([rows[max(i - 1, 0):i + 1].mean() * np.ones(4) for i in range(4)])
    np.testing.assert_array_equal(got_max[0, 0], want_max)
    np.testing.assert_allclose(got_avg[0, 0], want_avg, rtol=1e-6)

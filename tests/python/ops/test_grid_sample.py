"""GridSample-9 (opset9+ builder) against a numpy reference of PyTorch's
grid_sampler rules (as in ONNX's reference op, which it is also checked against
when onnx is installed), in 2-D and 3-D (a Pinot superset of OpenVINO's 4-D op).

Bicubic with border padding follows OpenVINO (as PyTorch): only the taps are
clamped to the border, not the coordinate (ONNX's reference clamps the
coordinate; Pinot's ONNX frontend clamps the grid for that, checked below).

Coordinates are computed in float32 as the references do; f32/f64 data compare
at rtol 1e-5 (Pinot accumulates in double), f16 at rtol 2e-3; nearest mode copies
values, so integers are exact there. Interpolated integers are cast (truncated).
"""
import itertools

import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset9 as ops9
import pinot.opset13 as ops

MODES = ["bilinear", "bicubic", "nearest"]

# N-D GridSample (S != 2) is a Pinot superset of OpenVINO's 4-D op, which refuses it.
pinot_nd = pytest.mark.skipif(bool(ORACLE), reason="N-D GridSample is a Pinot superset (OpenVINO: 4-D only)")
pinot_message = pytest.mark.skipif(bool(ORACLE), reason="checks Pinot's error message text")
PADDINGS = ["zeros", "border", "reflection"]


def reflect(x, lo, hi):
    """Reflect by the nearer border until inside [lo, hi] (float64 arithmetic)."""
    x = np.asarray(x, np.float64)
    rng = hi - lo
    if rng <= 0:
        return np.full_like(x, lo)
    below, above = x < lo, x > hi
    dx = np.where(below, lo - x, np.where(above, x - hi, 0.0))
    flips = np.floor(dx / rng)
    r = dx - flips * rng
    even = flips % 2 == 0
    low_side = np.where(even, lo + r, hi - r)
    high_side = np.where(even, hi - r, lo + r)
    return np.where(below, low_side, np.where(above, high_side, x))


def cubic(t):
    a = -0.75
    t = np.abs(t)
    return [((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
            ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a]


def reference(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False):
    """data [N, C, *D], grid [N, *O, S] (x first) -> [N, C, *O], all positions at once."""
    n_batch, channels = x.shape[:2]
    dims = x.shape[2:]
    s_count = len(dims)
    g = grid.astype(np.float32)
    axes = []  # per data axis: list of (index, weight, valid) arrays over [N, *O]
    for k, length in enumerate(dims):
        n = g[..., s_count - 1 - k]
        one, two, size = np.float32(1), np.float32(2), np.float32(length)
        c = (n + one) / two * (size - one) if align_corners else ((n + one) * size - one) / two
        if mode == "nearest":
            c = np.rint(c)
        lo, hi = (0.0, length - 1.0) if align_corners else (-0.5, length - 0.5)
        outside = (c < lo) | (c > hi)
        if padding_mode == "border" and mode != "bicubic":  # bicubic clamps only its taps
            c = np.where(outside, np.clip(c, 0, length - 1), c).astype(np.float32)
        elif padding_mode == "reflection":
            c = np.where(outside, reflect(c, lo, hi), c).astype(np.float32)

        def fix(i):
            if padding_mode == "zeros":
                return np.clip(i, 0, length - 1), (i >= 0) & (i < length)
            if padding_mode == "reflection":
                i = np.where((i < 0) | (i >= length), np.trunc(reflect(i, lo, hi)), i)
            return np.clip(i, 0, length - 1).astype(np.int64), np.ones(i.shape, bool)

        if mode == "nearest":
            offsets, weights, base = [0], [np.ones(c.shape)], c.astype(np.int64)
        else:
            base = np.floor(c)
            t = (c - base).astype(np.float32).astype(np.float64)
            base = base.astype(np.int64)
            offsets, weights = ([0, 1], [1 - t, t]) if mode == "bilinear" else ([-1, 0, 1, 2], cubic(t))
        taps = []
        for off, w in zip(offsets, weights):
            index, valid = fix(base + off)
            taps.append((index.astype(np.int64), w, valid))
        axes.append(taps)
    if mode == "nearest":  # one tap per axis: copy values exactly (int64 beyond 2^53 too)
        result = np.zeros((n_batch, channels) + g.shape[1:-1], x.dtype)
        for b in range(n_batch):
            inside = np.ones(g.shape[1:-1], bool)
            for taps in axes:
                inside &= taps[0][2][b]
            picked = x[b][(slice(None),) + tuple(taps[0][0][b] for taps in axes)]
            result[b] = np.where(inside, picked, np.zeros((), x.dtype))
        return result
    out = np.zeros((n_batch, channels) + g.shape[1:-1])
    data = x.astype(np.float64)
    for combo in itertools.product(*axes):
        w = np.ones(g.shape[:-1])
        for _, weight, valid in combo:
            w = w * weight * valid
        for b in range(n_batch):
            picked = data[b][(slice(None),) + tuple(index[b] for index, _, _ in combo)]
            out[b] += w[b] * picked
    if np.issubdtype(x.dtype, np.integer):
        return np.trunc(out).astype(x.dtype)
    return out.astype(x.dtype)


def run(x, grid, attrs):
    pd = ops.parameter(list(x.shape), x.dtype)
    pg = ops.parameter(list(grid.shape), grid.dtype)
    node = ops9.grid_sample(pd, pg, attrs)
    compiled = ov.compile_model(ov.Model([node], [pd, pg]), "CPU")
    return compiled([x, grid])[0]


def make_grid(shape, seed, spread=1.4):
    """Positions mostly in [-1, 1] with some outside, to exercise the padding modes."""
    return np.random.default_rng(seed).uniform(-spread, spread, shape).astype(np.float32)


def check(got, want):
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, got.shape, want.dtype, want.shape)
    if want.dtype == np.float16:
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=2e-3, atol=2e-3)
    elif np.issubdtype(want.dtype, np.floating):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("padding_mode", PADDINGS)
@pytest.mark.parametrize("align_corners", [False, True])
def test_2d_modes(mode, padding_mode, align_corners):
    x = np.random.default_rng(1).uniform(-5, 5, (2, 3, 4, 5)).astype(np.float32)
    grid = make_grid((2, 6, 7, 2), seed=2, spread=2.5)
    attrs = {"mode": mode, "padding_mode": padding_mode, "align_corners": align_corners}
    check(run(x, grid, attrs), reference(x, grid, **attrs))


@pinot_nd
@pytest.mark.parametrize("mode", ["bilinear", "nearest", "bicubic"])
@pytest.mark.parametrize("padding_mode", PADDINGS)
def test_3d_volumetric(mode, padding_mode):
    x = np.random.default_rng(3).uniform(-5, 5, (1, 2, 3, 4, 2)).astype(np.float32)
    grid = make_grid((1, 2, 3, 4, 3), seed=4)
    attrs = {"mode": mode, "padding_mode": padding_mode, "align_corners": mode == "nearest"}
    check(run(x, grid, attrs), reference(x, grid, **attrs))


def test_defaults_are_bilinear_zeros_unaligned():
    x = np.arange(12, dtype=np.float32).reshape(1, 1, 3, 4)
    grid = make_grid((1, 2, 2, 2), seed=5)
    check(run(x, grid, {}), reference(x, grid))


@pytest.mark.parametrize("dtype", [np.float64, np.float16])
def test_float_types(dtype):
    x = np.random.default_rng(6).uniform(-3, 3, (1, 2, 3, 3)).astype(dtype)
    grid = make_grid((1, 4, 2, 2), seed=7).astype(dtype)
    check(run(x, grid, {"mode": "bicubic", "padding_mode": "border"}),
          reference(x, grid, "bicubic", "border"))


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin computes i64 GridSample in i32")
def test_nearest_copies_int64_exactly_and_rounds_half_to_even():
    x = (np.arange(6, dtype=np.int64) + (1 << 60)).reshape(1, 1, 2, 3)
    # align_corners: x = (g + 1) * 1.0 -> 0.5 and 1.5 round to 0 and 2
    grid = np.array([[[[-0.5, -1.0], [0.5, 1.0], [0.0, 0.0], [3.0, 0.0]]]], np.float32)
    got = run(x, grid, {"mode": "nearest", "align_corners": True})
    want = np.array([[[[x[0, 0, 0, 0], x[0, 0, 1, 2], x[0, 0, 0, 1], 0]]]], np.int64)
    np.testing.assert_array_equal(got, want)


def test_integer_data_interpolates_and_truncates():
    x = np.random.default_rng(8).integers(-50, 50, (1, 2, 3, 4)).astype(np.int32)
    grid = make_grid((1, 3, 3, 2), seed=9)
    check(run(x, grid, {"mode": "bilinear", "padding_mode": "reflection"}),
          reference(x, grid, "bilinear", "reflection"))


def test_nan_coordinate_gives_nan():
    x = np.ones((1, 1, 2, 2), np.float32)
    grid = np.array([[[[np.nan, 0.0], [0.0, 0.0]]]], np.float32)
    got = run(x, grid, {"padding_mode": "reflection"})
    assert np.isnan(got[0, 0, 0, 0]) and got[0, 0, 0, 1] == 1.0


def test_matches_onnx_reference(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    x = np.random.default_rng(10).uniform(-5, 5, (1, 2, 3, 4)).astype(np.float32)
    grid = make_grid((1, 3, 5, 2), seed=11, spread=2.0)
    names = {"bilinear": "linear", "bicubic": "cubic", "nearest": "nearest"}
    for mode, padding_mode, align in itertools.product(MODES, PADDINGS, [0, 1]):
        node = helper.make_node("GridSample", ["X", "G"], ["Y"], mode=names[mode], padding_mode=padding_mode,
                                align_corners=align)
        graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("X", TensorProto.FLOAT, x.shape),
                                                helper.make_tensor_value_info("G", TensorProto.FLOAT, grid.shape)],
                                  [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 22)])
        want = ReferenceEvaluator(model).run(None, {"X": x, "G": grid})[0]
        if mode == "bicubic" and padding_mode == "border":
            # ONNX clamps the coordinate, the op only the taps: the ONNX frontend clamps the grid
            if ORACLE:
                continue  # OpenVINO's ONNX frontend does not (it gives the op's PyTorch result)
            path = str(tmp_path / f"gs{align}.onnx")
            onnx.save(model, path)
            got = ov.compile_model(ov.Core().read_model(path), "CPU")([x, grid])[0]
        else:
            got = run(x, grid, {"mode": mode, "padding_mode": padding_mode, "align_corners": bool(align)})
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5, err_msg=f"{mode} {padding_mode} {align}")
        assert onnx is not None


def test_shape_inference():
    d = ops.parameter([-1, 3, -1, -1], np.float32)
    g = ops.parameter([2, 5, 6, 2], np.float32)
    node = ops9.grid_sample(d, g, {"mode": "nearest"})
    assert node.get_output_partial_shape(0) == ov.PartialShape([2, 3, 5, 6])
    assert node.get_output_element_type(0) == ov.Type.f32
    dyn = ops9.grid_sample(ops.parameter(ov.PartialShape.dynamic(), np.float32), g, {})
    assert dyn.get_output_partial_shape(0) == ov.PartialShape([2, -1, 5, 6])


@pinot_nd
def test_shape_inference_3d():
    d3 = ops.parameter([1, 2, 4, 4, 4], np.float16)
    g3 = ops.parameter([1, 7, 8, 9, 3], np.float32)
    node = ops9.grid_sample(d3, g3, {})
    assert node.get_output_partial_shape(0) == ov.PartialShape([1, 2, 7, 8, 9])
    assert node.get_output_element_type(0) == ov.Type.f16


@pytest.mark.parametrize("data_shape, grid_shape, grid_type, match", [
    pytest.param([1, 1, 4, 4], [1, 2, 2, 3], np.float32, "last dimension of the grid input must be 2",
                 marks=pinot_message),
    ([1, 1, 4, 4], [1, 2, 2, 2], np.int32, "must be a floating point type"),
    ([2, 1, 4, 4], [3, 2, 2, 2], np.float32, "batch dimension"),
    pytest.param([1, 1, 4, 4], [1, 2, 2, 2, 3], np.float32, "same rank", marks=pinot_message),
    pytest.param([1, 4], [1, 2], np.float32, "rank 3 to", marks=pinot_message),
])
def test_bad_inputs(data_shape, grid_shape, grid_type, match):
    with pytest.raises(RuntimeError, match=match):
        ops9.grid_sample(ops.parameter(data_shape, np.float32), ops.parameter(grid_shape, grid_type), {})


def test_bad_attribute():
    with pytest.raises(RuntimeError, match="(?i)mode"):  # OpenVINO: "... InterpolationMode"
        ops9.grid_sample(ops.parameter([1, 1, 2, 2], np.float32), ops.parameter([1, 1, 1, 2], np.float32),
                         {"mode": "trilinear"})


@pinot_message
def test_runtime_batch_mismatch():
    pd = ops.parameter([-1, 1, 2, 2], np.float32)
    pg = ops.parameter([-1, 1, 1, 2], np.float32)
    compiled = ov.compile_model(ov.Model([ops9.grid_sample(pd, pg, {})], [pd, pg]), "CPU")
    with pytest.raises(RuntimeError, match="do not match"):
        compiled([np.zeros((2, 1, 2, 2), np.float32), np.zeros((3, 1, 1, 2), np.float32)])


def test_builder_only_from_opset9():
    import pinot.opset8 as ops8
    import pinot.opset16 as ops16

    assert not hasattr(ops8, "grid_sample")
    assert ops16.grid_sample is ops9.grid_sample


def round_bf16(a):
    """f32 -> nearest bf16 (ties to even), as f32."""
    bits = a.view(np.uint32)
    return ((bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000).astype(np.uint32).view(np.float32)


def test_bf16_through_convert():
    x = np.random.default_rng(12).uniform(-3, 3, (1, 2, 3, 4)).astype(np.float32)
    grid = make_grid((1, 3, 3, 2), seed=13)
    pd = ops.parameter(list(x.shape), np.float32)
    pg = ops.parameter(list(grid.shape), np.float32)
    node = ops9.grid_sample(ops.convert(pd, "bf16"), ops.convert(pg, "bf16"), {"padding_mode": "border"})
    got = ov.compile_model(ov.Model([ops.convert(node, "f32")], [pd, pg]), "CPU")([x, grid])[0]
    # bf16 keeps 8 significant bits: compare against the reference on the rounded inputs
    want = reference(round_bf16(x), round_bf16(grid), padding_mode="border")
    np.testing.assert_allclose(got, want, rtol=1e-2, atol=2e-2)


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: its CPU plugin returns uninitialized memory, not zeros, "
                    "for an empty spatial axis with zeros padding")
def test_empty_spatial_axis():
    x = np.zeros((1, 2, 0, 3), np.float32)
    grid = make_grid((1, 2, 2, 2), seed=14)
    np.testing.assert_array_equal(run(x, grid, {}), np.zeros((1, 2, 2, 2), np.float32))
    with pytest.raises(RuntimeError, match="border padding needs non-empty spatial axes"):
        run(x, grid, {"padding_mode": "border"})

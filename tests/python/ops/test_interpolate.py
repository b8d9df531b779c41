"""Interpolate-4 (opset10 builder) and Interpolate-11 (opset11+) against OpenVINO,
the oracle: numpy has no reference for these resampling rules.

Each case builds the same model in Pinot and in openvino (CPU, f32 inference
precision, since the default bf16 hint on AVX512-BF16 machines rounds results),
and compares: f32 rtol 1e-5 / atol 2e-5 (Pinot accumulates in double), f16 and
bf16 one unit in the last place, integer types exact except the Pillow modes
(+-1: rounding between the two passes). Where OpenVINO's CPU plugin departs from
its own reference implementation (linear with antialias on tensors of rank < 5:
the plugin drops the antialias), the reference (Node.evaluate) is the oracle.
"""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset10 as ops10
import pinot.opset11 as ops11
import pinot.opset13 as ops

ovr = pytest.importorskip("openvino")
F32 = {"INFERENCE_PRECISION_HINT": "f32"}

MODES = ["nearest", "linear", "linear_onnx", "cubic", "bilinear_pillow", "bicubic_pillow"]
CTMS = ["half_pixel", "pytorch_half_pixel", "asymmetric", "tf_half_pixel_for_nn", "align_corners"]
NEAREST = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil", "simple"]


def run(module, x, build):
    """Build `build(module.opsetN, parameter)` with `module` (pinot or openvino), run on x."""
    p = module.opset13.parameter(list(x.shape), module.Type(x.dtype))
    node = build(module, p)
    compiled = module.compile_model(module.Model([node], [p]), "CPU", F32)
    return compiled([x])[0]


def both(x, build):
    return run(ov, x, build), run(ovr, x, build)


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.floating):
        return rng.uniform(-10, 10, shape).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(max(info.min, -100), min(info.max, 200), shape).astype(dtype)


def compare(got, want, dtype, pillow=False):
    assert got.shape == want.shape, (got.shape, want.shape)
    if dtype == np.float32 or dtype == np.float64:
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=1e-5, atol=2e-5)
    elif dtype == np.float16:
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=1e-3, atol=1e-2)
    else:
        assert got.dtype == np.dtype(dtype)
        np.testing.assert_allclose(got.astype(np.int64), want.astype(np.int64), atol=1 if pillow else 0)


def v11(mode, sizes, axes, **kw):
    scales = any(isinstance(s, float) for s in sizes)
    values = np.array(sizes, np.float32 if scales else np.int64)

    def build(m, p):
        return m.opset11.interpolate(p, values, mode, "scales" if scales else "sizes",
                                     axes=None if axes is None else np.array(axes, np.int64), **kw)
    return build


CASES = [
    ((1, 2, 5, 7), [8, 3], [2, 3]),
    ((1, 1, 4, 4), [2, 9], [2, 3]),
    ((2, 6, 5), [4, 11], [1, 2]),
    ((3, 5), [7, 2], None),
    ((1, 2, 5, 7), [1.7, 0.45], [2, 3]),
    ((1, 1, 6, 4), [0.5, 2.0], [2, 3]),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("ctm", CTMS)
@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_modes_and_coordinate_transforms(mode, ctm, case):
    shape, sizes, axes = case
    x = sample(shape, np.float32)
    got, want = both(x, v11(mode, sizes, axes, coordinate_transformation_mode=ctm))
    compare(got, want, np.float32)


@pytest.mark.parametrize("nearest_mode", NEAREST)
@pytest.mark.parametrize("ctm", CTMS)
@pytest.mark.parametrize("sizes", [[9, 3], [1.5, 0.6], [0.34, 3.0]])
def test_nearest_modes(nearest_mode, ctm, sizes):
    x = sample((1, 2, 6, 7), np.float32)
    got, want = both(x, v11("nearest", sizes, [2, 3], coordinate_transformation_mode=ctm,
                             nearest_mode=nearest_mode))
    compare(got, want, np.float32)


@pytest.mark.parametrize("dtype", [np.float32, np.float16, np.uint8, np.int8, np.int32])
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sizes", [[5, 7], [2, 3]])
def test_element_types(dtype, mode, sizes):
    x = sample((1, 2, 3, 5), dtype)
    got, want = both(x, v11(mode, sizes, [2, 3]))
    compare(got, want, dtype, pillow="pillow" in mode)


def test_nearest_i64_exact_and_f64():
    x = np.array([[2**62 + 1, -(2**61) - 3]], np.int64)
    p = ops.parameter([1, 2], np.int64)
    got = ov.compile_model(ov.Model([ops.interpolate(p, np.array([3], np.int64), "nearest", "sizes",
                                                     axes=np.array([1]))], [p]), "CPU")([x])[0]
    if not ORACLE:  # OpenVINO's CPU plugin carries i64 as i32
        np.testing.assert_array_equal(got, x[:, [0, 0, 1]])  # 0.5 rounds to the floor
    y = sample((2, 3, 4), np.float64)
    got, want = both(y, v11("cubic", [5, 2], [1, 2]))
    assert got.dtype == np.float64
    compare(got, want, np.float64)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("pads", [([0, 0, 1, 2], [0, 0, 2, 0]), ([1, 1], [0, 1, 1, 1, 5])])
def test_pads(mode, pads):
    x = sample((1, 2, 4, 5), np.float32)
    got, want = both(x, v11(mode, [1.5, 0.75], [2, 3], pads_begin=pads[0], pads_end=pads[1]))
    compare(got, want, np.float32)


@pytest.mark.parametrize("mode", ["linear", "cubic", "nearest", "linear_onnx", "bilinear_pillow"])
@pytest.mark.parametrize("sizes", [[3, 9], [3, 4], [14, 2]])
def test_antialias(mode, sizes):
    x = sample((1, 1, 1, 7, 9), np.float32)
    got, want = both(x, v11(mode, sizes, [3, 4], antialias=True))
    compare(got, want, np.float32)


def reference(x, build):
    """OpenVINO's reference implementation (Node.evaluate) for cases its CPU plugin treats differently."""
    p = ovr.opset13.parameter(list(x.shape), ovr.Type(x.dtype))
    node = build(ovr, p)
    out = ovr.Tensor(node.get_output_element_type(0), node.get_output_shape(0))
    inputs = [ovr.Tensor(x)] + [ovr.Tensor(node.input_value(i).get_node().get_data())
                                for i in range(1, node.get_input_size())]
    assert node.evaluate([out], inputs)
    return out.data.copy()


@pytest.mark.parametrize("shape,sizes,axes", [((7,), [3], [0]), ((1, 1, 7, 9), [3, 4], [2, 3]),
                                              ((2, 7, 9), [3, 12], [1, 2]), ((6, 8), [0.5, 0.25], [0, 1])])
@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin (what runs here) drops the antialias below rank 5")
def test_linear_antialias_low_rank(shape, sizes, axes):
    x = sample(shape, np.float32)
    build = v11("linear", sizes, axes, antialias=True)
    compare(run(ov, x, build), reference(x, build), np.float32)


@pytest.mark.parametrize("cube_coeff", [-0.75, -0.5, -0.6])
def test_cube_coeff(cube_coeff):
    x = sample((1, 1, 5, 6), np.float32)
    for mode in ("cubic", "bicubic_pillow"):
        got, want = both(x, v11(mode, [7, 4], [2, 3], cube_coeff=cube_coeff))
        compare(got, want, np.float32)


@pytest.mark.parametrize("mode", MODES[:4])
@pytest.mark.parametrize("calc", ["sizes", "scales"])
def test_v4(mode, calc):
    x = sample((1, 2, 4, 6), np.float32)
    sizes, scales = np.array([3, 8], np.int64), np.array([0.8, 1.4], np.float32)

    def build(m, p):
        return m.opset10.interpolate(p, sizes, scales, mode, calc, axes=np.array([2, 3]))
    got, want = both(x, build)
    compare(got, want, np.float32)
    node = build(ov, ops.parameter([1, 2, 4, 6]))
    assert node.get_type_info().version_id == "opset4"


def test_dynamic_input_shape():
    p = ops.parameter([1, 2, -1, -1], np.float32)
    node = ops11.interpolate(p, np.array([0.5, 2.0], np.float32), "linear_onnx", "scales", axes=np.array([2, 3]))
    assert node.get_output_partial_shape(0) == ov.PartialShape([1, 2, -1, -1])
    compiled = ov.compile_model(ov.Model([node], [p]), "CPU", F32)
    for shape in [(1, 2, 4, 3), (1, 2, 7, 2)]:
        x = sample(shape, np.float32)
        want = run(ovr, x, v11("linear_onnx", [0.5, 2.0], [2, 3]))
        compare(compiled([x])[0], want, np.float32)


def test_shape_inference():
    P = ops.parameter
    interval = ov.PartialShape([1, 3, -1, ov.Dimension(2, 10)])
    n = ops11.interpolate(P(interval), np.array([2, 0.5], np.float32), "nearest", "scales", axes=np.array([2, 3]))
    assert n.get_output_partial_shape(0) == ov.PartialShape([1, 3, -1, ov.Dimension(1, 5)])
    n = ops11.interpolate(P([1, 3, 4, 4]), P([2], np.int32), "nearest", "sizes", axes=np.array([2, 3]))
    assert n.get_output_partial_shape(0) == ov.PartialShape([1, 3, -1, -1])
    n = ops11.interpolate(P([1, 3, 4, 4]), np.array([2, 2], np.int32), "nearest", "sizes", axes=P([2], np.int64))
    assert n.get_output_partial_shape(0) == ov.PartialShape([-1, -1, -1, -1])
    n = ops11.interpolate(P(ov.PartialShape.dynamic()), np.array([2, 5], np.int32), "nearest", "sizes")
    assert n.get_output_partial_shape(0) == ov.PartialShape.dynamic()
    n = ops11.interpolate(P([1, 3, 4, 4]), np.array([2.0, 2.0], np.float32), "nearest", "scales",
                          axes=np.array([2, 3]), pads_begin=[1, 1])
    assert n.get_output_partial_shape(0) == ov.PartialShape([2, 4, 8, 8])
    # output = floor(in * (scale + 1e-6)) computed in f32, as OpenVINO does
    for length, scale in [(3, 0.3333333), (3, 0.333332), (1000, 0.999999), (1000, 0.9999967), (10, 0.3)]:
        n = ops11.interpolate(P([length]), np.array([scale], np.float32), "nearest", "scales")
        m = ovr.opset11.interpolate(ovr.opset13.parameter([length]), np.array([scale], np.float32), "nearest",
                                    "scales")
        assert n.get_output_partial_shape(0) == ov.PartialShape(str(m.get_output_partial_shape(0)))


@pytest.mark.parametrize("build,match", [
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4]), np.array([2, 2]), "nearest", "sizes"),
     "does not match the number of axes"),
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4]), np.array([2.0, 2.0], np.float32), "nearest", "sizes",
                               axes=np.array([2, 3])), "Sizes element type"),
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4]), np.array([2, 2]), "nearest", "scales",
                               axes=np.array([2, 3])), "Scales element type"),
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4]), np.array([2.0, 2.0], np.float32), "nearest", "scales",
                               axes=np.array([2, 4])), "axes values should less than input rank"),
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4]), np.array([2.0, 2.0], np.float32), "nearest", "scales",
                               axes=np.array([2.0, 3.0], np.float32)), "Axes element type"),
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4], ov.Type.boolean), np.array([2, 2]), "nearest", "sizes",
                               axes=np.array([2, 3])), "Input element type"),
    (lambda: ops10.interpolate(ops.parameter([1, 3, 4, 4]), np.array([2, 2]), np.array([1.0, 1.0], np.float32),
                               "bilinear_pillow", "sizes", axes=np.array([2, 3])), "version 4"),
    (lambda: ops11.interpolate(ops.parameter([1, 3, 4, 4]), np.array([[2, 2]]), "nearest", "sizes",
                               axes=np.array([2, 3])), "not rank 1"),
])
def test_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build()


def test_empty_output():
    x = sample((1, 1, 4, 4), np.float32)
    got, want = both(x, v11("linear", [0.1, 1.0], [2, 3]))
    assert got.shape == want.shape == (1, 1, 0, 4)


@pytest.mark.parametrize("mode", ["bilinear_pillow", "bicubic_pillow"])
@pytest.mark.parametrize("sizes,axes", [([11], [2]), ([2], [1]), ([3, 2], [1, 2])])
def test_pillow_other_axes(mode, sizes, axes):
    x = sample((2, 3, 5), np.float32)
    got, want = both(x, v11(mode, sizes, axes))
    compare(got, want, np.float32)

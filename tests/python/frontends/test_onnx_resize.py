"""ONNX Resize through Pinot's frontend against ONNX's own reference implementation
(onnx.reference, whose op_resize.py defines the expected outputs of the node tests).

The translator builds Interpolate-11 with Pinot's `onnx_semantics` attribute, so
this sweeps the ONNX-only rules: tf_crop_and_resize (roi, extrapolation_value),
half_pixel_symmetric, exclude_outside, antialias for linear and cubic, and the
fractional output length scale * in used by align_corners / pytorch_half_pixel,
and keep_aspect_ratio_policy (one scale for all axes, in the coordinates too).
Plain opset11.interpolate keeps OpenVINO's semantics and refuses the ONNX-only
values (tests/python/ops/test_interpolate.py compares it with OpenVINO)."""
import itertools

import numpy as np
import pytest

from conftest import ORACLE

if ORACLE:
    pytest.skip("ONNX-only semantics through Pinot's translator and extension attributes", allow_module_level=True)
onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402
import pinot.opset11 as ops11  # noqa: E402
from pinot._ops._base import make_node  # noqa: E402

ELEM = {np.float32: TensorProto.FLOAT, np.float16: TensorProto.FLOAT16, np.float64: TensorProto.DOUBLE,
        np.uint8: TensorProto.UINT8, np.int32: TensorProto.INT32}


def resize_model(x_shape, dtype, target, by_sizes, roi=None, constant=False, opset=19, **attrs):
    """Y = Resize(X, roi, scales | sizes); the non-X inputs are graph inputs (dynamic) or initializers."""
    values = {"roi": np.array(roi if roi is not None else [], np.float32),
              "scales": np.array(target, np.float32) if not by_sizes else None,
              "sizes": np.array(target, np.int64) if by_sizes else None}
    names = ["X", "roi" if roi is not None else "", "" if by_sizes else "scales", "sizes" if by_sizes else ""]
    while names[-1] == "":
        names.pop()
    inputs = [helper.make_tensor_value_info("X", ELEM[dtype], list(x_shape))]
    inits, feeds = [], {}
    for name in names[1:]:
        if not name:
            continue
        if constant:
            inits.append(numpy_helper.from_array(values[name], name))
        else:
            t = TensorProto.INT64 if name == "sizes" else TensorProto.FLOAT
            inputs.append(helper.make_tensor_value_info(name, t, [len(values[name])]))
            feeds[name] = values[name]
    node = helper.make_node("Resize", names, ["Y"], **attrs)
    y = helper.make_tensor_value_info("Y", ELEM[dtype], None)
    graph = helper.make_graph([node], "resize", inputs, [y], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)]), feeds


def check(x, target, by_sizes, roi=None, constant=False, atol=1e-5, **attrs):
    model, feeds = resize_model(x.shape, x.dtype.type, target, by_sizes, roi, constant, **attrs)
    feeds = {"X": x, **feeds}
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    got = compiled([feeds[i.get_any_name()] for i in compiled.inputs])[0]
    assert got.shape == want.shape, (got.shape, want.shape)
    assert got.dtype == want.dtype
    if np.issubdtype(x.dtype, np.integer):
        np.testing.assert_array_equal(got, want)
    else:
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=1e-5, atol=atol)


def sample(shape, dtype=np.float32, seed=0):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.integer):
        return rng.integers(0, 200, shape).astype(dtype)
    return rng.uniform(-10, 10, shape).astype(dtype)


CTMS = ["half_pixel", "half_pixel_symmetric", "pytorch_half_pixel", "align_corners", "asymmetric",
        "tf_crop_and_resize"]
TARGETS = [([1, 1, 0.6, 1.7], False), ([1, 1, 2.5, 0.3], False), ([1, 2, 3, 9], True), ([1, 2, 8, 1], True)]
ROI = [0, 0, 0.2, -0.1, 1, 1, 0.9, 1.3]


@pytest.mark.parametrize("ctm", CTMS)
@pytest.mark.parametrize("mode,antialias", [("linear", 0), ("linear", 1), ("cubic", 0), ("cubic", 1)])
@pytest.mark.parametrize("exclude_outside", [0, 1])
@pytest.mark.parametrize("target", range(len(TARGETS)))
def test_linear_cubic(ctm, mode, antialias, exclude_outside, target):
    scales_or_sizes, by_sizes = TARGETS[target]
    crop = ctm == "tf_crop_and_resize"
    check(sample((1, 2, 5, 7)), scales_or_sizes, by_sizes, roi=ROI if crop else None, mode=mode,
          coordinate_transformation_mode=ctm, antialias=antialias, exclude_outside=exclude_outside,
          extrapolation_value=-3.5)


@pytest.mark.parametrize("ctm", CTMS)
@pytest.mark.parametrize("nearest_mode", ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"])
@pytest.mark.parametrize("exclude_outside", [0, 1])
@pytest.mark.parametrize("target", range(len(TARGETS)))
def test_nearest(ctm, nearest_mode, exclude_outside, target):
    scales_or_sizes, by_sizes = TARGETS[target]
    crop = ctm == "tf_crop_and_resize"
    check(sample((1, 2, 5, 7)), scales_or_sizes, by_sizes, roi=ROI if crop else None, mode="nearest",
          coordinate_transformation_mode=ctm, nearest_mode=nearest_mode, exclude_outside=exclude_outside,
          extrapolation_value=7.0)


@pytest.mark.parametrize("constant", [False, True])
@pytest.mark.parametrize("axes", [[2, 3], [3, 2], [1]])
def test_axes_and_roi(constant, axes):
    target = {(2, 3): [4, 2], (3, 2): [2, 4], (1,): [3]}[tuple(axes)]
    roi = {(2, 3): [0.1, 0.3, 0.8, 1.2], (3, 2): [0.3, 0.1, 1.2, 0.8], (1,): [-0.2, 0.7]}[tuple(axes)]
    x = sample((2, 2, 5, 6))
    for mode in ["linear", "cubic", "nearest"]:
        check(x, target, True, roi=roi, constant=constant, axes=axes, mode=mode,
              coordinate_transformation_mode="tf_crop_and_resize", extrapolation_value=2.0)
    check(x, [0.7] * len(axes), False, constant=constant, axes=axes, mode="cubic", antialias=1,
          coordinate_transformation_mode="half_pixel_symmetric")


@pytest.mark.parametrize("dtype", [np.float16, np.float64, np.uint8, np.int32])
@pytest.mark.parametrize("mode", ["linear", "cubic", "nearest"])
def test_element_types(dtype, mode):
    x = sample((1, 1, 6, 5), dtype)
    atol = 2e-2 if dtype == np.float16 else 1e-5
    check(x, [1, 1, 0.45, 1.5], False, mode=mode, antialias=int(mode != "nearest"), exclude_outside=1,
          coordinate_transformation_mode="half_pixel_symmetric", atol=atol)
    check(x, [1, 1, 4, 7], True, roi=[0, 0, 0.1, -0.3, 1, 1, 1.1, 0.9], mode=mode,
          coordinate_transformation_mode="tf_crop_and_resize", extrapolation_value=3.0, atol=atol)


@pytest.mark.parametrize("a", [-0.5, -0.75, -0.6])
def test_cubic_coeff_and_static_shapes(a):
    x = sample((1, 3, 7, 4))
    for scales, antialias in itertools.product([[1, 1, 0.3, 0.7], [1, 1, 1.9, 1.0]], [0, 1]):
        check(x, scales, False, constant=True, mode="cubic", cubic_coeff_a=a, antialias=antialias,
              exclude_outside=1)
    # constant scales give a static output shape, floor(scale * in) in double as ONNX computes it
    model, _ = resize_model((1, 1, 10, 4), np.float32, [1, 1, 0.7, 1.0], False, constant=True, mode="linear")
    shape = ov.Core().read_model(model.SerializeToString()).outputs[0].get_partial_shape()
    assert shape == ov.PartialShape([1, 1, 6, 4])  # 0.7f * 10 = 6.99999988


def test_older_opsets():
    x = sample((1, 1, 3, 4))
    check(x, [1, 1, 2.0, 1.5], False, roi=[], constant=True, opset=11, mode="linear",
          coordinate_transformation_mode="align_corners")
    check(x, [1, 1, 0.5, 1.5], False, roi=[0, 0, 0.25, 0, 1, 1, 0.75, 1], opset=13, mode="cubic",
          coordinate_transformation_mode="tf_crop_and_resize", exclude_outside=1)


def test_crop_needs_roi():
    model, _ = resize_model((1, 1, 4, 4), np.float32, [1, 1, 2, 2], True, mode="linear",
                            coordinate_transformation_mode="tf_crop_and_resize")
    with pytest.raises(RuntimeError, match="roi"):
        ov.Core().read_model(model.SerializeToString())


def test_roi_length_checked_at_run_time():
    model, feeds = resize_model((1, 1, 4, 4), np.float32, [1, 1, 2, 2], True, roi=[0, 0, 0, 0, 1, 1, 1, 1],
                                mode="linear", coordinate_transformation_mode="tf_crop_and_resize")
    model.graph.input[1].type.tensor_type.shape.dim[0].dim_param = "n"  # roi of any length
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    names = [i.get_any_name() for i in compiled.inputs]
    feeds = {"X": sample((1, 1, 4, 4)), **feeds, "roi": np.zeros(6, np.float32)}
    with pytest.raises(RuntimeError, match="roi has 6 values"):
        compiled([feeds[n] for n in names])


@pytest.mark.parametrize("kw,match", [
    ({"coordinate_transformation_mode": "tf_crop_and_resize"}, "only supported with onnx_semantics"),
    ({"coordinate_transformation_mode": "half_pixel_symmetric"}, "only supported with onnx_semantics"),
    ({"keep_aspect_ratio_policy": "not_larger"}, "only supported with onnx_semantics"),
    ({"exclude_outside": True}, "only supported with onnx_semantics"),
    ({"onnx_semantics": True, "mode": "linear"}, "modes nearest, linear_onnx and cubic"),
    ({"onnx_semantics": True, "mode": "nearest", "nearest_mode": "simple"}, "nearest_mode simple"),
    ({"onnx_semantics": True, "coordinate_transformation_mode": "tf_crop_and_resize"}, "needs the roi input"),
])
def test_extension_attributes_checked(kw, match):
    """The ONNX-only values need onnx_semantics, which the openvino-compatible builder never sets."""
    attrs = {"mode": "linear_onnx", "shape_calculation_mode": "sizes", **kw}
    with pytest.raises(RuntimeError, match=match):
        make_node("Interpolate", 11, [ov.opset11.parameter([1, 1, 4, 4]), np.array([2, 2], np.int64),
                                      np.array([2, 3], np.int64)], attrs)


def test_extension_attributes_direct():
    """Interpolate-11 built with the extension attributes (not through ONNX) computes ONNX's result."""
    x = sample((1, 1, 4, 5))
    p = ov.opset11.parameter(list(x.shape))
    node = make_node("Interpolate", 11, [p, np.array([3, 3], np.int64), np.array([2, 3], np.int64),
                                         np.array([0.1, -0.2, 0.9, 1.1], np.float32)],
                     {"mode": "cubic", "shape_calculation_mode": "sizes", "onnx_semantics": True,
                      "coordinate_transformation_mode": "tf_crop_and_resize", "extrapolation_value": 5.0,
                      "exclude_outside": True, "cube_coeff": -0.5})
    got = ov.compile_model(ov.Model([node], [p]), "CPU")([x])[0]
    model, _ = resize_model(x.shape, np.float32, [3, 3], True, roi=[0.1, -0.2, 0.9, 1.1], constant=True,
                            axes=[2, 3], mode="cubic", coordinate_transformation_mode="tf_crop_and_resize",
                            extrapolation_value=5.0, exclude_outside=1, cubic_coeff_a=-0.5)
    want = ReferenceEvaluator(model).run(None, {"X": x})[0]
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_builder_attributes_unchanged():
    """The openvino-compatible builder still makes an Interpolate-11 whose OpenVINO attributes read back."""
    node = ops11.interpolate(ov.opset11.parameter([1, 1, 4, 4]), np.array([3, 5], np.int64), "cubic", "sizes",
                             axes=np.array([2, 3]), antialias=True, cube_coeff=-0.5)
    attrs = node.get_attributes()
    assert attrs["mode"] == "cubic" and attrs["antialias"] is True and attrs["cube_coeff"] == -0.5
    assert node.get_output_partial_shape(0) == ov.PartialShape([1, 1, 3, 5])


@pytest.mark.parametrize("policy", ["not_larger", "not_smaller"])
@pytest.mark.parametrize("mode", ["linear", "cubic", "nearest"])
@pytest.mark.parametrize("ctm", ["half_pixel", "align_corners", "pytorch_half_pixel", "half_pixel_symmetric"])
@pytest.mark.parametrize("constant", [False, True])
def test_keep_aspect_ratio_policy(policy, mode, ctm, constant):
    """One scale for all axes, which the coordinates use too (not sizes / lengths)."""
    x = sample((1, 2, 5, 7))
    for sizes in ([3, 4], [9, 3], [2, 20]):
        check(x, sizes, True, constant=constant, axes=[2, 3], mode=mode, keep_aspect_ratio_policy=policy,
              coordinate_transformation_mode=ctm)


def test_keep_aspect_ratio_policy_static_shape():
    model, _ = resize_model((1, 1, 5, 7), np.float32, [9, 3], True, constant=True, axes=[2, 3],
                            keep_aspect_ratio_policy="not_larger")
    shape = ov.Core().read_model(model.SerializeToString()).outputs[0].get_partial_shape()
    assert shape == ov.PartialShape([1, 1, 2, 3])  # scale 3/7: round_half_up(2.14), 3

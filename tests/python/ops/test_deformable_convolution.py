"""DeformableConvolution-8: results against a numpy reference (bilinear
sampling of every kernel tap at its offset, zero outside the image), with
groups, deformable groups, masks, strides, dilations, pads and auto_pad, both
sampling rules (bilinear_interpolation_pad), f64/f32/f16/bf16, shape inference
and validation errors; and ONNX DeformConv models against onnx.reference.

Tolerances: f64 1e-12; f32 1e-5; f16 and bf16 inputs are rounded first, the
kernel accumulates in double, so only the output rounding (rtol 1e-2) remains.
"""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset8 as ops


def sample(shape, dtype=np.float32, seed=0, low=-1.0, high=1.0):
    return np.random.default_rng(seed).uniform(low, high, shape).astype(dtype)


def bilinear(plane, y, x, pad):
    """Sample plane [H, W] at float arrays y, x; pixels outside read 0.
    pad False (OpenVINO's default): points outside [0, H) x [0, W) give 0, and the
    corners past the last row/column are clamped to it (OpenVINO's reference)."""
    h, w = plane.shape
    y0, x0 = np.floor(y), np.floor(x)
    dy, dx = y - y0, x - x0
    out = np.zeros(y.shape)
    for iy, wy in ((0, 1 - dy), (1, dy)):
        for ix, wx in ((0, 1 - dx), (1, dx)):
            yy, xx = (y0 + iy).astype(np.int64), (x0 + ix).astype(np.int64)
            if not pad:
                yy, xx = np.minimum(yy, h - 1), np.minimum(xx, w - 1)
            inside = (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
            out += np.where(inside, wy * wx * plane[np.clip(yy, 0, h - 1), np.clip(xx, 0, w - 1)], 0.0)
    if not pad:
        out = np.where((y >= 0) & (y < h) & (x >= 0) & (x < w), out, 0.0)
    return out


def reference(x, offsets, filters, mask=None, strides=(1, 1), pads=(0, 0), dilations=(1, 1), group=1, dgroup=1,
              pad=False):
    x, offsets, filters = (np.asarray(a, np.float64) for a in (x, offsets, filters))
    n, c_in, _, _ = x.shape
    c_out, c_per_group, kh, kw = filters.shape
    oh, ow = offsets.shape[2:]
    off = offsets.reshape(n, dgroup, kh, kw, 2, oh, ow)
    m = np.ones((n, dgroup, kh, kw, oh, ow)) if mask is None else np.asarray(mask, np.float64).reshape(
        n, dgroup, kh, kw, oh, ow)
    gi, gj = np.meshgrid(np.arange(oh), np.arange(ow), indexing="ij")
    cols = np.zeros((n, c_in, kh, kw, oh, ow))
    for b in range(n):
        for c in range(c_in):
            g = c // (c_in // dgroup)
            for i in range(kh):
                for j in range(kw):
                    y = gi * strides[0] - pads[0] + i * dilations[0] + off[b, g, i, j, 0]
                    xx = gj * strides[1] - pads[1] + j * dilations[1] + off[b, g, i, j, 1]
                    cols[b, c, i, j] = bilinear(x[b, c], y, xx, pad) * m[b, g, i, j]
    out = np.zeros((n, c_out, oh, ow))
    co_g = c_out // group
    for g in range(group):
        out[:, g * co_g:(g + 1) * co_g] = np.einsum(
            "ncklhw,ockl->nohw", cols[:, g * c_per_group:(g + 1) * c_per_group], filters[g * co_g:(g + 1) * co_g])
    return out


def infer(node, params, inputs):
    compiled = ov.compile_model(ov.Model([node], params), "CPU")
    return compiled(inputs)[0]


def out_size(size, k, s, d, pb, pe):
    return (size + pb + pe - ((k - 1) * d + 1)) // s + 1


CASES = [
    # x shape, filters shape, strides, pads_begin, pads_end, dilations, group, deformable_group, with mask
    ((1, 1, 3, 3), (1, 1, 2, 2), (1, 1), (0, 0), (0, 0), (1, 1), 1, 1, False),
    ((2, 4, 6, 5), (6, 2, 3, 3), (1, 2), (1, 0), (2, 1), (1, 1), 2, 2, True),
    ((1, 4, 7, 7), (4, 4, 2, 3), (2, 1), (1, 1), (1, 1), (2, 1), 1, 4, True),
    ((1, 6, 5, 6), (3, 2, 3, 2), (1, 1), (0, 2), (0, 0), (1, 2), 3, 1, False),
]


@pytest.mark.parametrize("pad", [False, True])
@pytest.mark.parametrize("case", CASES)
def test_against_numpy(case, pad):
    xs, ws, strides, pb, pe, dil, group, dgroup, with_mask = case
    oh = out_size(xs[2], ws[2], strides[0], dil[0], pb[0], pe[0])
    ow = out_size(xs[3], ws[3], strides[1], dil[1], pb[1], pe[1])
    taps = ws[2] * ws[3]
    x = sample(xs, seed=1)
    w = sample(ws, seed=2)
    # Offsets up to +-2.5 pixels: taps land inside, across the border and fully outside.
    off = sample((xs[0], 2 * dgroup * taps, oh, ow), seed=3, low=-2.5, high=2.5)
    mask = sample((xs[0], dgroup * taps, oh, ow), seed=4, low=0.0, high=1.0) if with_mask else None
    params = [ops.parameter(list(a.shape), np.float32) for a in (x, off, w)]
    inputs = [x, off, w]
    if with_mask:
        params.append(ops.parameter(list(mask.shape), np.float32))
        inputs.append(mask)
    node = ops.deformable_convolution(params[0], params[1], params[2], list(strides), list(pb), list(pe), list(dil),
                                      mask=params[3] if with_mask else None, group=group, deformable_group=dgroup,
                                      bilinear_interpolation_pad=pad)
    assert list(node.get_output_shape(0)) == [xs[0], ws[0], oh, ow]
    got = infer(node, params, inputs)
    want = reference(x, off, w, mask, strides, pb, dil, group, dgroup, pad)
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_integer_offsets_equal_shifted_convolution():
    """Zero offsets make it a plain convolution; whole-pixel offsets shift the taps."""
    x = sample((1, 2, 5, 5), seed=5)
    w = sample((3, 2, 3, 3), seed=6)
    off = np.zeros((1, 18, 3, 3), np.float32)
    params = [ops.parameter(list(a.shape), np.float32) for a in (x, off, w)]
    node = ops.deformable_convolution(*params, [1, 1], [0, 0], [0, 0], [1, 1])
    got = infer(node, params, [x, off, w])
    # a plain numpy convolution (not OpenVINO's, which its CPU plugin may run in bf16)
    windows = np.lib.stride_tricks.sliding_window_view(x.astype(np.float64), (3, 3), axis=(2, 3))
    want = np.einsum("nchwkl,ockl->nohw", windows, w.astype(np.float64))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    # whole-pixel offsets: tap (i, j) reads x[h + i + dy, w + j + dx]; zero outside
    off[0, 0::2] = 1.0  # every tap one row down
    got = infer(node, params, [x, off, w])
    shifted = np.zeros_like(x, np.float64)
    shifted[:, :, :-1] = x[:, :, 1:]
    windows = np.lib.stride_tricks.sliding_window_view(shifted, (3, 3), axis=(2, 3))
    want = np.einsum("nchwkl,ockl->nohw", windows, w.astype(np.float64))
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("dtype", [np.int32, np.uint8, np.int64])
def test_integer_types(dtype):
    """OpenVINO accepts any numeric type; whole-pixel offsets keep integer results exact."""
    rng = np.random.default_rng(16)
    x = rng.integers(0, 9, (1, 2, 5, 5)).astype(dtype)
    w = rng.integers(0, 3, (2, 2, 2, 2)).astype(dtype)
    off = rng.integers(-1, 2, (1, 8, 4, 4)).astype(np.int64)
    if dtype == np.uint8:
        off = np.abs(off)
    off = off.astype(dtype)
    params = [ops.parameter(list(a.shape), dtype) for a in (x, off, w)]
    node = ops.deformable_convolution(*params, [1, 1], [0, 0], [0, 0], [1, 1])
    assert node.get_output_element_type(0) == ov.Type(dtype)
    got = infer(node, params, [x, off, w])
    want = reference(x, off, w)
    np.testing.assert_array_equal(got, want.astype(dtype))


@pytest.mark.parametrize("dtype", [np.float64, np.float16, "bf16"])
def test_element_types(dtype):
    x = sample((1, 2, 4, 4), np.float64, seed=7)
    w = sample((2, 2, 2, 2), np.float64, seed=8)
    off = sample((1, 8, 3, 3), np.float64, seed=9, low=-1.5, high=1.5)
    mask = sample((1, 4, 3, 3), np.float64, seed=10, low=0.0, high=1.0)
    if dtype == "bf16":
        def to_bf16(a):
            u = np.asarray(a, np.float32).view(np.uint32).astype(np.uint64)
            u = (((u + 0x7FFF + ((u >> 16) & 1)) >> 16)).astype(np.uint16)
            t = ov.Tensor(ov.Type.bf16, list(a.shape))
            t.data.view(np.uint16)[...] = u
            return t, (u.astype(np.uint32) << 16).view(np.float32).astype(np.float64)
        pairs = [to_bf16(a) for a in (x, off, w, mask)]
        inputs, rounded = [p[0] for p in pairs], [p[1] for p in pairs]
        et = ov.Type.bf16
    else:
        inputs = [a.astype(dtype) for a in (x, off, w, mask)]
        rounded = [a.astype(np.float64) for a in inputs]
        et = dtype
    params = [ops.parameter(list(a.shape), et) for a in (x, off, w, mask)]
    node = ops.deformable_convolution(params[0], params[1], params[2], [1, 1], [0, 0], [0, 0], [1, 1],
                                      mask=params[3], bilinear_interpolation_pad=True)
    assert node.get_output_element_type(0) == (ov.Type.bf16 if dtype == "bf16" else ov.Type(dtype))
    got = infer(node, params, inputs)
    if dtype == "bf16":
        got = (np.asarray(got).view(np.uint16).astype(np.uint32) << 16).view(np.float32)
    want = reference(*rounded[:3], rounded[3], pad=True)
    tol = 1e-2
    if dtype == np.float64:
        tol = 1e-5 if ORACLE else 1e-12  # OpenVINO's CPU plugin computes f64 in f32
    np.testing.assert_allclose(np.asarray(got, np.float64), want, rtol=tol, atol=tol)


@pytest.mark.parametrize("auto_pad,want_hw", [("same_upper", [5, 3]), ("valid", [3, 2])])
def test_auto_pad_shape(auto_pad, want_hw):
    data = ops.parameter([1, 2, 5, 6], np.float32)
    filters = ops.parameter([4, 2, 3, 3], np.float32)
    offsets = ops.parameter([1, 18, *want_hw], np.float32)
    node = ops.deformable_convolution(data, offsets, filters, [1, 2], [0, 0], [0, 0], [1, 1], auto_pad=auto_pad)
    assert list(node.get_output_shape(0)) == [1, 4, *want_hw]


def test_dynamic_shapes():
    data = ops.parameter(ov.PartialShape([-1, 4, -1, 8]), np.float32)
    filters = ops.parameter([2, 4, 3, 3], np.float32)
    offsets = ops.parameter(ov.PartialShape([-1, 18, -1, -1]), np.float32)
    node = ops.deformable_convolution(data, offsets, filters, [1, 1], [1, 1], [1, 1], [1, 1])
    assert str(node.get_output_partial_shape(0)) == "[?,2,1..,8]"


@pytest.mark.parametrize("build,match", [
    (lambda P: ops.deformable_convolution(P([1, 2, 5]), P([1, 8, 4]), P([2, 2, 2]), [1], [0], [0], [1]), "rank"),
    (lambda P: ops.deformable_convolution(P([1, 2, 5, 5]), P([1, 6, 4, 4]), P([2, 2, 2, 2]), [1, 1], [0, 0], [0, 0],
                                          [1, 1]), "offsets"),
    (lambda P: ops.deformable_convolution(P([1, 2, 5, 5]), P([1, 8, 4, 4]), P([2, 2, 2, 2]), [1, 1], [0, 0], [0, 0],
                                          [1, 1], mask=P([1, 3, 4, 4])), "mask"),
    (lambda P: ops.deformable_convolution(P([1, 3, 5, 5]), P([1, 8, 4, 4]), P([2, 3, 2, 2]), [1, 1], [0, 0], [0, 0],
                                          [1, 1], group=2), "group"),
    (lambda P: ops.deformable_convolution(P([1, 2, 5, 5]), P([1, 8, 3, 3]), P([2, 2, 2, 2]), [1, 1], [0, 0], [0, 0],
                                          [1, 1]), "patial"),
    (lambda P: ops.deformable_convolution(P([1, 2, 5, 5], np.bool_), P([1, 8, 4, 4], np.bool_),
                                          P([2, 2, 2, 2], np.bool_), [1, 1], [0, 0], [0, 0], [1, 1]),
     "numeric|is_integral_number"),
])
def test_errors(build, match):
    with pytest.raises(RuntimeError, match=match):
        build(lambda shape, dtype=np.float32: ops.parameter(shape, dtype))


# ---- ONNX DeformConv ----

@pytest.mark.skipif(bool(ORACLE), reason="reads ONNX through pinot's frontend")
@pytest.mark.parametrize("with_bias,with_mask,group,offset_group,strides,pads,dilations", [
    (False, False, 1, 1, [1, 1], [0, 0, 0, 0], [1, 1]),
    (True, True, 2, 2, [2, 1], [1, 0, 2, 1], [1, 2]),
    (True, False, 1, 4, [1, 1], [1, 1, 1, 1], [1, 1]),
])
def test_onnx_deform_conv(with_bias, with_mask, group, offset_group, strides, pads, dilations):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    xs, ws = (1, 4, 5, 6), (6, 4 // group, 3, 2)
    oh = out_size(xs[2], ws[2], strides[0], dilations[0], pads[0], pads[2])
    ow = out_size(xs[3], ws[3], strides[1], dilations[1], pads[1], pads[3])
    taps = ws[2] * ws[3]
    feeds = {"X": sample(xs, seed=11), "W": sample(ws, seed=12),
             "offset": sample((1, 2 * offset_group * taps, oh, ow), seed=13, low=-2.0, high=2.0)}
    names = ["X", "W", "offset"]
    if with_bias or with_mask:
        names.append("B" if with_bias else "")
        if with_bias:
            feeds["B"] = sample((ws[0],), seed=14)
    if with_mask:
        names.append("mask")
        feeds["mask"] = sample((1, offset_group * taps, oh, ow), seed=15, low=0.0, high=1.0)
    node = helper.make_node("DeformConv", names, ["Y"], kernel_shape=list(ws[2:]), group=group,
                            offset_group=offset_group, strides=strides, pads=pads, dilations=dilations)
    inputs = [helper.make_tensor_value_info(k, TensorProto.FLOAT, list(v.shape)) for k, v in feeds.items()]
    graph = helper.make_graph([node], "g", inputs, [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    want = ReferenceEvaluator(model).run(None, feeds)[0]
    compiled = ov.Core().compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    got = compiled([feeds[k] for k in feeds])[0]
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)

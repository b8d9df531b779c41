"""Col2Im-15 against a numpy loop over (kernel offset, block) pairs: batched
and unbatched, strides, dilations, pads, 1 to 3 spatial axes (Pinot accepts
N-D), runtime output/kernel sizes, integer types, shape inference and errors.
Exact for integers; f32 rtol 1e-6; f16 rtol 2e-3 (sums rounded per add)."""
import itertools

import numpy as np
import pytest

import pinot as ov
import pinot.opset15 as ops
from conftest import ORACLE


def infer(outputs, params, inputs):
    compiled = ov.compile_model(ov.Model(outputs, params), "CPU")
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def blocks_of(out, kernel, strides, dilations, pb, pe):
    return [(o + b + e - (d * (k - 1) + 1)) // s + 1
            for o, k, s, d, b, e in zip(out, kernel, strides, dilations, pb, pe)]


def np_col2im(x, out, kernel, strides, dilations, pb, pe):
    batched = x.ndim == 3
    x = x if batched else x[None]
    kcount = int(np.prod(kernel))
    channels = x.shape[1] // kcount
    blocks = blocks_of(out, kernel, strides, dilations, pb, pe)
    y = np.zeros((x.shape[0], channels, *out), np.float64)
    cols = x.reshape(x.shape[0], channels, kcount, -1).astype(np.float64)
    for kk, koff in enumerate(itertools.product(*[range(k) for k in kernel])):
        for l, blk in enumerate(itertools.product(*[range(b) for b in blocks])):
            pos = [b * s - p + o * d for b, s, p, o, d in zip(blk, strides, pb, koff, dilations)]
            if all(0 <= p < o for p, o in zip(pos, out)):
                y[(slice(None), slice(None), *pos)] += cols[:, :, kk, l]
    return y if batched else y[0]


CASES = [
    # out, kernel, strides, dilations, pads_begin, pads_end, batch, channels
    ([5, 5], [1, 5], [1, 1], [1, 1], [0, 0], [0, 0], 1, 1),
    ([4, 5], [2, 2], [1, 1], [1, 1], [0, 0], [0, 0], 2, 3),
    ([6, 7], [3, 2], [2, 3], [1, 1], [1, 0], [1, 2], 2, 2),
    ([6, 6], [2, 2], [1, 1], [2, 3], [0, 1], [0, 1], 1, 1),
    ([9], [3], [2], [1], [1], [1], 2, 2),
    ([3, 4, 5], [2, 1, 2], [1, 2, 1], [1, 1, 2], [0, 1, 0], [1, 0, 0], 1, 2),
    ([5, 5], [2, 2], [1, 1], [1, 1], [0, 0], [0, 0], None, 3),
    ([6, 7], [2, 3], [1, 2], [1, 1], [-1, 0], [0, -1], 1, 2),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int32])
def test_col2im_values(dtype):
    rng = np.random.default_rng(1)
    for out, kernel, strides, dilations, pb, pe, batch, channels in CASES:
        if ORACLE and len(out) != 2:
            continue  # OpenVINO's Col2Im has exactly two spatial axes; N-D is Pinot's extension
        length = int(np.prod(blocks_of(out, kernel, strides, dilations, pb, pe)))
        shape = ([batch] if batch else []) + [channels * int(np.prod(kernel)), length]
        x = rng.uniform(-3, 3, shape).astype(dtype)
        param = ops.parameter(shape, dtype)
        node = ops.col2im(param, np.array(out, np.int32), np.array(kernel, np.int32), strides, dilations, pb, pe)
        want = np_col2im(x, out, kernel, strides, dilations, pb, pe)
        assert list(node.get_output_shape(0)) == list(want.shape)
        assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
        (got,) = infer([node], [param], [x])
        if dtype == np.int32:
            np.testing.assert_array_equal(got, want.astype(np.int64))
        else:
            np.testing.assert_allclose(got.astype(np.float64), want, rtol=2e-3 if dtype == np.float16 else 1e-6,
                                       atol=1e-2 if dtype == np.float16 else 1e-6)


def test_defaults_and_attributes():
    param = ops.parameter([1, 12, 9], np.float32)
    node = ops.col2im(param, [4, 5], [2, 3])
    assert node.get_type_name() == "Col2Im"
    assert node.get_type_info().version_id == "opset15"
    assert node.get_attributes() == {"strides": [1, 1], "dilations": [1, 1], "pads_begin": [0, 0], "pads_end": [0, 0]}
    assert list(node.get_output_shape(0)) == [1, 2, 4, 5]
    assert not hasattr(ov.opset14, "col2im")


def test_runtime_sizes():
    rng = np.random.default_rng(2)
    x = rng.uniform(-1, 1, (2, 8, 12)).astype(np.float32)
    data = ops.parameter([2, 8, 12], np.float32)
    out = ops.parameter([2], np.int64)
    kernel = ops.parameter([2], np.int64)
    node = ops.col2im(data, out, kernel)
    assert str(node.get_output_partial_shape(0)) == "[2,?,?,?]"
    (got,) = infer([node], [data, out, kernel], [x, np.array([4, 5], np.int64), np.array([2, 2], np.int64)])
    want = np_col2im(x, [4, 5], [2, 2], [1, 1], [1, 1], [0, 0], [0, 0])
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: its CPU plugin does not check L against runtime "
                    "output/kernel sizes (the spec requires L to equal the block count)")
def test_runtime_sizes_mismatch():
    x = np.zeros((2, 8, 12), np.float32)
    data = ops.parameter([2, 8, 12], np.float32)
    out = ops.parameter([2], np.int64)
    kernel = ops.parameter([2], np.int64)
    node = ops.col2im(data, out, kernel)
    with pytest.raises(RuntimeError, match="total number of data blocks must be equal to"):
        infer([node], [data, out, kernel], [x, np.array([5, 5], np.int64), np.array([2, 2], np.int64)])


# OpenVINO refuses these too, with other messages ("strides[d] != 0", "L == L_calculated", ...)
pinot_message = pytest.mark.skipif(bool(ORACLE), reason="checks Pinot's error message text")


@pytest.mark.parametrize("shape, out, kernel, kwargs, match", [
    ([1, 2, 3, 4], [4, 5], [2, 2], {}, "2D or a batched 3D"),
    ([1, 9, 12], [4, 5], [2, 2], {}, "not evenly divisible by Product\\(kernel_shape\\)"),
    ([1, 8, 11], [4, 5], [2, 2], {}, "total number of data blocks must be equal to"),
    pytest.param([1, 8, 12], [4, 5], [2, 2], {"strides": [1]}, "strides must have 2 values", marks=pinot_message),
    pytest.param([1, 8, 12], [4, 5], [2, 2], {"strides": [0, 1]}, "strides must be positive", marks=pinot_message),
    pytest.param([1, 8, 12], [4, 5], [2, 2, 1], {}, "same length", marks=pinot_message),
    pytest.param([1, 8, 12], [1, 5], [2, 2], {}, "does not fit", marks=pinot_message),
    ([1, 8, 12], [4, 5], [0, 2], {}, "kernel_size elements must be positive"),
])
def test_errors(shape, out, kernel, kwargs, match):
    with pytest.raises(RuntimeError, match=match):
        ops.col2im(ops.parameter(shape, np.float32), np.array(out, np.int64), np.array(kernel, np.int64), **kwargs)


def test_type_errors():
    with pytest.raises(RuntimeError, match="must match and be of i32 or i64 type"):
        ops.col2im(ops.parameter([1, 8, 12], np.float32), np.array([4.0, 5.0], np.float32), [2, 2])
    with pytest.raises(RuntimeError, match="must match and be of i32 or i64 type"):
        ops.col2im(ops.parameter([1, 8, 12], np.float32), np.array([4, 5], np.int32), np.array([2, 2], np.int64))

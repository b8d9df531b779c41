"""DFT-7, IDFT-7, RDFT-9, IRDFT-9 and STFT-15 against numpy.fft computed in
float64: power-of-two lengths (radix-2) and others (Bluestein), several axes,
signal sizes that truncate or zero-pad, runtime axes (dynamic shapes), shape
inference and errors.

Tolerances: f64 1e-9 (relative to the largest magnitude); f32 1e-5; f16 and
bf16 1e-2 (inputs and outputs rounded to the type)."""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset7 as ops7
import pinot.opset9 as ops9
import pinot.opset15 as ops

TOL = {np.float64: 1e-9, np.float32: 1e-5, np.float16: 1e-2}
if ORACLE:  # OpenVINO's CPU plugin computes f64 (STFT) in f32
    TOL[np.float64] = TOL[np.float32]

# OpenVINO's DFT, IDFT, RDFT and IRDFT take f32, f16 and bf16 only (STFT takes f64 too).
pinot_f64 = pytest.mark.skipif(bool(ORACLE), reason="f64 (I)(R)DFT is a Pinot extension (OpenVINO: f32/f16/bf16)")
FLOATS = [np.float32, pytest.param(np.float64, marks=pinot_f64), np.float16]


def infer(outputs, params, inputs):
    compiled = ov.compile_model(ov.Model(outputs, params), "CPU")
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def to_complex(x):
    return x[..., 0].astype(np.float64) + 1j * x[..., 1].astype(np.float64)


def from_complex(c):
    return np.stack([c.real, c.imag], axis=-1)


def check(got, want, dtype):
    assert got.shape == want.shape
    scale = max(1.0, float(np.abs(want).max())) if want.size else 1.0
    np.testing.assert_allclose(got.astype(np.float64), want, rtol=0, atol=TOL[dtype] * scale)


def np_resize(c, axes, sizes):
    """Truncate or zero-pad complex `c` along `axes` to `sizes` (-1: keep)."""
    for axis, size in zip(axes, sizes):
        if size == -1:
            continue
        if c.shape[axis] >= size:
            c = np.take(c, np.arange(size), axis=axis)
        else:
            pad = [(0, 0)] * c.ndim
            pad[axis] = (0, size - c.shape[axis])
            c = np.pad(c, pad)
    return c


DFT_CASES = [
    ((8, 2), [0], None),
    ((10, 2), [0], None),
    ((3, 16, 2), [1], None),
    ((4, 6, 2), [0, 1], None),
    ((2, 5, 7, 2), [-1, 1], None),
    ((2, 12, 2), [1], [20]),
    ((2, 12, 2), [1], [5]),
    ((3, 4, 9, 2), [2, 0], [-1, 6]),
    ((1, 31, 2), [1], None),
    ((1, 1, 2), [1], None),
]


@pytest.mark.parametrize("dtype", FLOATS)
@pytest.mark.parametrize("inverse", [False, True])
def test_dft_idft(dtype, inverse):
    rng = np.random.default_rng(3)
    for shape, axes, sizes in DFT_CASES:
        x = rng.uniform(-2, 2, shape).astype(dtype)
        param = ops.parameter(shape, dtype)
        build = ops7.idft if inverse else ops7.dft
        node = build(param, np.array(axes, np.int64), None if sizes is None else np.array(sizes, np.int64))
        rank = len(shape) - 1
        norm = [a % rank for a in axes]
        c = np_resize(to_complex(x), norm, sizes or [-1] * len(axes))
        want = from_complex(np.fft.ifftn(c, axes=norm) if inverse else np.fft.fftn(c, axes=norm))
        assert list(node.get_output_shape(0)) == list(want.shape)
        assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
        (got,) = infer([node], [param], [x])
        check(got, want, dtype)


@pytest.mark.parametrize("shape, axes, sizes", [
    ((8,), [0], None), ((10,), [0], None), ((3, 10), [1], None), ((4, 6), [0, 1], None), ((2, 5, 7), [2, 1], None),
    pytest.param((2, 9), [1], [16], marks=pytest.mark.skipif(bool(ORACLE), reason=(
        "OpenVINO's CPU plugin refuses RDFT zero-padding (\"Signal size greater than input size is not supported "
        "yet\"), which its spec allows"))),
    ((2, 9), [1], [4]),
    pytest.param((3, 4, 5), [0, 2], [5, -1], marks=pytest.mark.skipif(bool(ORACLE), reason=(
        "OpenVINO bug: its CPU plugin fails on this signal_size with -1 (\"cannot create std::vector larger than "
        "max_size()\")")))])
@pytest.mark.parametrize("dtype", FLOATS)
def test_rdft(dtype, shape, axes, sizes):
    rng = np.random.default_rng(4)
    x = rng.uniform(-2, 2, shape).astype(dtype)
    param = ops.parameter(shape, dtype)
    node = ops9.rdft(param, np.array(axes, np.int64), None if sizes is None else np.array(sizes, np.int64))
    norm = [a % len(shape) for a in axes]
    want = from_complex(np.fft.rfftn(x.astype(np.float64), s=None if sizes is None else
                                     [x.shape[a] if s == -1 else s for a, s in zip(norm, sizes)], axes=norm))
    assert list(node.get_output_shape(0)) == list(want.shape)
    (got,) = infer([node], [param], [x])
    check(got, want, dtype)


@pytest.mark.parametrize("shape, axes, sizes", [
    ((5, 2), [0], None), ((6, 2), [0], None), ((3, 6, 2), [1], [10]), ((3, 6, 2), [1], [11]),
    ((4, 5, 2), [0, 1], None),
    pytest.param((4, 5, 2), [1, 0], [6, 3], marks=pytest.mark.skipif(bool(ORACLE), reason=(
        "OpenVINO bug: its CPU plugin's IRDFT over axes [1, 0] returns wrong values (with uninitialized ones "
        "such as 4.6e-41)"))),
    pytest.param((2, 3, 9, 2), [0, 2], [-1, 4], marks=pytest.mark.skipif(bool(ORACLE), reason=(
        "OpenVINO bug: its CPU plugin fails on this signal_size with -1 (\"cannot create std::vector larger than "
        "max_size()\")")))])
@pytest.mark.parametrize("dtype", FLOATS)
def test_irdft(dtype, shape, axes, sizes):
    rng = np.random.default_rng(5)
    x = rng.uniform(-2, 2, shape).astype(dtype)
    param = ops.parameter(shape, dtype)
    node = ops9.irdft(param, np.array(axes, np.int64), None if sizes is None else np.array(sizes, np.int64))
    rank = len(shape) - 1
    norm = [a % rank for a in axes]
    s = None
    if sizes is not None:
        s = [x.shape[a] if v == -1 else v for a, v in zip(norm, sizes)]
        if sizes[-1] == -1:
            s[-1] = 2 * (x.shape[norm[-1]] - 1)
    want = np.fft.irfftn(to_complex(x), s=s, axes=norm)
    assert list(node.get_output_shape(0)) == list(want.shape)
    (got,) = infer([node], [param], [x])
    check(got, want, dtype)


def test_runtime_axes_and_sizes():
    rng = np.random.default_rng(6)
    x = rng.uniform(-1, 1, (3, 12, 2)).astype(np.float32)
    data = ops.parameter([3, 12, 2], np.float32)
    axes = ops.parameter([1], np.int64)
    sizes = ops.parameter([1], np.int32)
    node = ops7.dft(data, axes, sizes)
    assert str(node.get_output_partial_shape(0)) == "[?,?,2]"
    (got,) = infer([node], [data, axes, sizes], [x, np.array([-1], np.int64), np.array([7], np.int32)])
    check(got, from_complex(np.fft.fft(to_complex(x), n=7, axis=1)), np.float32)


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: its CPU plugin cannot compile RDFT with runtime axes "
                    "(\"Cannot get dims for non static shape\"), and segfaults in a longer run")
def test_rdft_runtime_axes():
    x = np.random.default_rng(6).uniform(-1, 1, (3, 12)).astype(np.float32)
    axes = ops.parameter([1], np.int64)
    real = ops.parameter([3, 12], np.float32)
    r = ops9.rdft(real, axes)
    assert r.get_output_partial_shape(0).rank.get_length() == 3
    (got,) = infer([r], [real, axes], [x, np.array([0], np.int64)])
    check(got, from_complex(np.fft.rfft(x.astype(np.float64), axis=0)), np.float32)


@pytest.mark.parametrize("dtype", [np.float32, pytest.param(np.float64, marks=pinot_f64)])
def test_large_prime_length(dtype):
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, (1009, 2)).astype(dtype)
    param = ops.parameter(x.shape, dtype)
    (got,) = infer([ops7.dft(param, [0])], [param], [x])
    want = from_complex(np.fft.fft(to_complex(x)))
    if ORACLE and dtype == np.float32:  # OpenVINO's CPU plugin sums the 1009 terms in f32
        np.testing.assert_allclose(got, want, rtol=0, atol=5e-4 * np.abs(want).max())
    else:
        check(got, want, dtype)


def test_bf16():
    x = np.linspace(-1, 1, 24, dtype=np.float32).reshape(12, 2)
    param = ops.parameter([12, 2], np.float32)
    node = ops7.dft(ops.convert(param, "bf16"), [0])
    assert node.get_output_element_type(0) == ov.Type.bf16
    (got,) = infer([ops.convert(node, "f32")], [param], [x])
    want = from_complex(np.fft.fft(to_complex(x)))
    np.testing.assert_allclose(got, want, atol=0.02 * np.abs(want).max())


pinot_message = pytest.mark.skipif(bool(ORACLE), reason="checks Pinot's error message text")


@pytest.mark.parametrize("build, shape, axes, sizes, match", [
    (ops7.dft, [4, 3], [0], None, "last dimension of input data must be 2"),
    (ops7.dft, [4], [0], None, "rank must be greater or equal to 2"),
    (ops7.dft, [4, 5, 2], [0, 0], None, "unique"),
    pytest.param(ops7.dft, [4, 5, 2], [2], None, "out of the signal rank range", marks=pinot_message),
    (ops7.dft, [4, 5, 2], [0, 1], [3], "must be equal"),
    pytest.param(ops7.dft, [4, 5, 2], [0], [-2], "-1 or non-negative", marks=pytest.mark.skipif(
        bool(ORACLE), reason="OpenVINO bug: it accepts a signal size of -2 (as an empty signal)")),
    (ops9.rdft, [4, 5], [[0]], None, "1D"),
    pytest.param(ops9.irdft, [4, 5, 2], [], None, "must not be empty", marks=pytest.mark.skipif(
        bool(ORACLE), reason="OpenVINO bug: IRDFT with an empty axes input segfaults instead of failing validation")),
])
def test_errors(build, shape, axes, sizes, match):
    param = ops.parameter(shape, np.float32)
    with pytest.raises(RuntimeError, match=match):
        build(param, np.array(axes, np.int64), None if sizes is None else np.array(sizes, np.int64))


@pytest.mark.parametrize("build, shape, want", [
    (ops7.dft, [4, 5, 2], (0, 5, 2)),
    pytest.param(ops9.irdft, [4, 5, 2], (0, 5), marks=pytest.mark.skipif(
        bool(ORACLE), reason="OpenVINO bug: its CPU plugin segfaults on IRDFT with a signal size of 0")),
    pytest.param(ops9.rdft, [4, 5], (0, 5, 2), marks=pytest.mark.skipif(
        bool(ORACLE), reason="OpenVINO bug: its CPU plugin dies (SIGFPE) on RDFT with a signal size of 0"))])
def test_zero_signal_size(build, shape, want):
    """A signal size of 0 is an empty signal: an empty output, as OpenVINO."""
    param = ops.parameter(shape, np.float32)
    node = build(param, np.array([0], np.int64), np.array([0], np.int64))
    assert tuple(node.get_output_shape(0)) == want
    (got,) = infer([node], [param], [np.ones(shape, np.float32)])
    assert got.shape == want


def test_rdft_of_an_empty_axis():
    """An empty axis has no bins (OpenVINO's shape inference), and the result is empty."""
    param = ops.parameter([3, 0], np.float32)
    node = ops9.rdft(param, [1])
    assert list(node.get_output_shape(0)) == [3, 0, 2]
    (got,) = infer([node], [param], [np.zeros((3, 0), np.float32)])
    assert got.shape == (3, 0, 2)
    assert ops9.rdft(ops.parameter([3, (0, 5)], np.float32), [1]).get_output_partial_shape(0) == \
        ov.PartialShape([3, (0, 3), 2])


def test_type_errors():
    with pytest.raises(RuntimeError, match="f32, f16"):  # Pinot adds f64
        ops7.dft(ops.parameter([4, 2], np.int32), [0])
    with pytest.raises(RuntimeError, match="i32 or i64"):
        ops7.dft(ops.parameter([4, 2], np.float32), np.array([0.0], np.float32))


def test_versions_per_opset():
    param = ops.parameter([4, 2], np.float32)
    assert ops7.dft(param, [0]).get_type_info().version_id == "opset7"
    assert ops7.idft(param, [0]).get_type_name() == "IDFT"
    assert ops9.irdft(param, [0]).get_type_info().version_id == "opset9"
    assert not hasattr(ops7, "rdft")
    assert not hasattr(ov.opset14, "stft") if hasattr(ov, "opset14") else True


def np_stft(x, window, size, step, transpose):
    """Frames of `size` every `step`, times the window centered in the frame, rfft."""
    left = (size - len(window)) // 2
    w = np.zeros(size)
    w[left:left + len(window)] = window
    frames = (x.shape[-1] - size) // step + 1
    batch = x.reshape(-1, x.shape[-1]).astype(np.float64)
    out = np.stack([np.fft.rfft(batch[:, f * step:f * step + size] * w, axis=-1) for f in range(frames)], axis=1)
    out = from_complex(out)
    if transpose:
        out = out.transpose(0, 2, 1, 3)
    return out if x.ndim == 2 else out[0]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("transpose", [False, True])
def test_stft(dtype, transpose):
    rng = np.random.default_rng(8)
    for shape, wlen, size, step in [((2, 48), 16, 16, 4), ((48,), 16, 16, 8), ((3, 50), 7, 11, 3),
                                    ((1, 20), 20, 20, 1), ((2, 33), 6, 10, 5)]:
        x = rng.uniform(-1, 1, shape).astype(dtype)
        w = rng.uniform(0, 1, wlen).astype(dtype)
        sig = ops.parameter(shape, dtype)
        win = ops.parameter([wlen], dtype)
        node = ops.stft(sig, win, np.int64(size), np.int32(step), transpose)
        want = np_stft(x, w.astype(np.float64), size, step, transpose)
        assert list(node.get_output_shape(0)) == list(want.shape)
        (got,) = infer([node], [sig, win], [x, w])
        check(got, want, dtype)


def test_stft_runtime_sizes():
    rng = np.random.default_rng(9)
    x = rng.uniform(-1, 1, (2, 40)).astype(np.float32)
    w = np.hanning(12).astype(np.float32)
    sig = ops.parameter([2, 40], np.float32)
    win = ops.parameter([12], np.float32)
    size = ops.parameter([], np.int64)
    step = ops.parameter([], np.int64)
    node = ops.stft(sig, win, size, step, False)
    assert str(node.get_output_partial_shape(0)) == "[2,?,?,2]"
    (got,) = infer([node], [sig, win, size, step], [x, w, np.int64(12), np.int64(5)])
    check(got, np_stft(x, w, 12, 5, False), np.float32)


@pytest.mark.parametrize("shape, wlen, size, step, match", [
    ([2, 3, 40], 8, 8, 2, "1D \\[signal_size\\] or 2D"),
    pytest.param([40], 9, 8, 2, "must not exceed the frame size", marks=pinot_message),
    pytest.param([6], 4, 8, 2, "must not exceed the signal length", marks=pinot_message),
    pytest.param([40], 4, 8, 0, "frame step must be greater than 0", marks=pinot_message),
    pytest.param([40], 4, -1, 1, "frame size must be greater than 0", marks=pinot_message),
])
def test_stft_errors(shape, wlen, size, step, match):
    with pytest.raises(RuntimeError, match=match):
        ops.stft(ops.parameter(shape, np.float32), ops.parameter([wlen], np.float32), np.int64(size),
                 np.int64(step), False)

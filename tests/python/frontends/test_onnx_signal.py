"""The ONNX signal translators (DFT-17/20, STFT-17, MelWeightMatrix-17) and
Col2Im-18 against onnx.reference on the cases the backend node tests miss:
real and complex inputs with every inverse/onesided pair, dft_length that
truncates or pads, negative and runtime axes, complex or two-sided STFT (the
framing decomposition), other mel parameters. Tolerance 1e-4 (f32 results
against numpy's float32 FFT)."""
import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402

ONNX_TYPE = {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.int64): TensorProto.INT64,
             np.dtype(np.int32): TensorProto.INT32}


def run_both(tmp_path, node, inputs, opset):
    graph = helper.make_graph(
        [node], "signal", [helper.make_tensor_value_info(k, ONNX_TYPE[v.dtype], v.shape) for k, v in inputs.items()],
        [helper.make_tensor_value_info(node.output[0], TensorProto.UNDEFINED, None)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    want = ReferenceEvaluator(model).run(None, inputs)[0]
    path = tmp_path / "model.onnx"
    onnx.save(model, str(path))
    compiled = ov.Core().compile_model(ov.Core().read_model(str(path)), "CPU")
    got = compiled([v.copy() for v in inputs.values()])[0]
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("inverse", [0, 1])
@pytest.mark.parametrize("onesided", [0, 1])
@pytest.mark.parametrize("last", [1, 2])
@pytest.mark.parametrize("length", [None, 4, 7, 12])
def test_dft20(tmp_path, inverse, onesided, last, length):
    x = np.random.default_rng(0).standard_normal((2, 9, 6, last)).astype(np.float32)
    for axis in (1, -2, -3):
        inputs = {"x": x}
        names = ["x", "", "axis"]
        if length is not None:
            inputs["n"] = np.array(length, np.int64)
            names[1] = "n"
        inputs["axis"] = np.array(axis, np.int64)
        run_both(tmp_path, helper.make_node("DFT", names, ["y"], inverse=inverse, onesided=onesided), inputs, 20)


@pytest.mark.parametrize("inverse, onesided", [(0, 0), (0, 1), (1, 0), (1, 1)])
def test_dft17(tmp_path, inverse, onesided):
    x = np.random.default_rng(1).standard_normal((3, 8, 5, 2)).astype(np.float32)
    for axis in (1, 2, -2):
        node = helper.make_node("DFT", ["x"], ["y"], inverse=inverse, onesided=onesided, axis=axis)
        run_both(tmp_path, node, {"x": x}, 17)
    node = helper.make_node("DFT", ["x", "n"], ["y"], inverse=inverse, onesided=onesided, axis=1)
    run_both(tmp_path, node, {"x": x, "n": np.array(10, np.int32)}, 17)


@pytest.mark.parametrize("channels", [1, 2])
@pytest.mark.parametrize("onesided", [0, 1])
def test_stft(tmp_path, channels, onesided):
    signal = np.random.default_rng(2).standard_normal((2, 64, channels)).astype(np.float32)
    for step, length, window in ((8, 16, None), (5, 16, 16), (3, None, 12), (4, 20, None)):
        inputs = {"signal": signal, "step": np.array(step, np.int64)}
        names = ["signal", "step"]
        if window is not None:
            inputs["window"] = np.hanning(window).astype(np.float32)
            names.append("window")
        if length is not None:
            if window is None:
                names.append("")
            inputs["length"] = np.array(length, np.int64)
            names.append("length")
        run_both(tmp_path, helper.make_node("STFT", names, ["y"], onesided=onesided), inputs, 17)


@pytest.mark.parametrize("mels, dft, rate, low, high", [(8, 16, 8192, 0.0, 4096.0), (10, 64, 16000, 20.0, 7000.0),
                                                        (4, 31, 8000, 100.0, 3000.0), (40, 512, 16000, 0.0, 8000.0)])
def test_mel_weight_matrix(tmp_path, mels, dft, rate, low, high):
    inputs = {"m": np.array(mels, np.int32), "d": np.array(dft, np.int32), "r": np.array(rate, np.int32),
              "lo": np.array(low, np.float32), "hi": np.array(high, np.float32)}
    run_both(tmp_path, helper.make_node("MelWeightMatrix", list(inputs), ["y"]), inputs, 17)


def test_col2im_batched_dilated(tmp_path):
    x = np.random.default_rng(3).standard_normal((2, 12, 6)).astype(np.float32)
    inputs = {"x": x, "image": np.array([5, 6], np.int64), "block": np.array([2, 3], np.int64)}
    node = helper.make_node("Col2Im", list(inputs), ["y"], dilations=[2, 1], pads=[1, 0, 0, 1], strides=[2, 2])
    run_both(tmp_path, node, inputs, 18)


def test_dft_rejects_the_complex_axis(tmp_path):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    model = helper.make_model(helper.make_graph([helper.make_node("DFT", ["x"], ["y"], axis=1)], "g", [x], [y]),
                              opset_imports=[helper.make_opsetid("", 17)])
    path = tmp_path / "model.onnx"
    onnx.save(model, str(path))
    with pytest.raises(RuntimeError, match="last \\(real/imaginary\\) dimension"):
        ov.Core().read_model(str(path))


def test_dft20_constant_axis_keeps_static_shapes(tmp_path):
    from onnx import numpy_helper
    x = np.random.default_rng(4).standard_normal((2, 9, 6, 1)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("DFT", ["x", "", "axis"], ["y"], onesided=1)], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, x.shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(np.array(-3, np.int64), "axis")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    path = tmp_path / "model.onnx"
    onnx.save(model, str(path))
    read = ov.Core().read_model(str(path))
    assert str(read.output(0).get_partial_shape()) == "[2,5,6,2]"
    got = ov.Core().compile_model(read, "CPU")([x])[0]
    want = np.fft.rfft(x[..., 0].astype(np.float64), axis=1)
    np.testing.assert_allclose(got, np.stack([want.real, want.imag], -1), rtol=1e-4, atol=1e-4)

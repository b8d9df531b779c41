"""Models exported from PyTorch (randomly initialised transformers BERT, GPT-2
and ResNet; see tests/models/export_torch_models.py) give the same outputs in
pinot as in onnxruntime.

Tolerance: |pinot - onnxruntime| <= 1e-4 * |onnxruntime| + 1e-4 * max|onnxruntime|
elementwise, i.e. 1e-4 relative, with the absolute floor scaled to the output's
magnitude so values near zero (after LayerNorm or ReLU) do not fail on float
rounding noise. Shapes vary per call to exercise the dynamic batch and
sequence dimensions the exports declare.
"""
import os

import numpy as np
import pytest

ort = pytest.importorskip("onnxruntime")

import pinot as ov  # noqa: E402

MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "models")
RTOL = 1e-4


def _bert_inputs(rng, batch, seq):
    mask = np.ones((batch, seq), np.int64)
    mask[1:, seq // 2:] = 0  # padded rows exercise the attention mask
    return {"input_ids": rng.integers(0, 512, (batch, seq)), "attention_mask": mask}


def _gpt2_inputs(rng, batch, seq):
    return {"input_ids": rng.integers(0, 512, (batch, seq))}


def _resnet_inputs(rng, batch, size):
    return {"pixel_values": rng.standard_normal((batch, 3, size, size)).astype(np.float32)}


CASES = {
    "bert_tiny": (_bert_inputs, [(1, 7), (3, 16), (2, 33)]),
    "gpt2_tiny": (_gpt2_inputs, [(1, 1), (2, 13), (4, 40)]),
    "resnet_tiny": (_resnet_inputs, [(1, 64), (2, 64), (3, 64)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_onnxruntime(name):
    path = os.path.join(MODELS, f"{name}.onnx")
    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    # f32 stated outright: openvino (the oracle mode's runtime) defaults to bf16 on CPUs that have it.
    compiled = ov.compile_model(path, "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    make_inputs, shapes = CASES[name]
    rng = np.random.default_rng(7)
    for shape in shapes:
        feeds = make_inputs(rng, *shape)
        expected = session.run(None, feeds)
        actual = compiled(feeds)
        assert len(actual) == len(expected)
        for i, want in enumerate(expected):
            got = actual[i]
            assert got.shape == want.shape and got.dtype == want.dtype
            scale = float(np.max(np.abs(want)))
            np.testing.assert_allclose(got, want, rtol=RTOL, atol=RTOL * scale, err_msg=f"{name} output {i} {shape}")


def test_outputs_keep_their_names():
    compiled = ov.compile_model(os.path.join(MODELS, "bert_tiny.onnx"))
    assert [o.get_any_name() for o in compiled.outputs] == ["last_hidden_state", "pooler_output"]
    assert [i.get_any_name() for i in compiled.inputs] == ["input_ids", "attention_mask"]

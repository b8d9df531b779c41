"""LinearAttention-1, Pinot's own op for ONNX LinearAttention-27 (no OpenVINO equivalent, so no
oracle run): results against a float64 numpy loop of the recurrence, shape inference and errors.

Tolerances: f64 rtol 1e-12; f32 rtol/atol 1e-5; f16 rtol/atol 1e-2 (inputs rounded to f16,
accumulation in double).
"""
import os

import numpy as np
import pytest

if os.environ.get("PINOT_TEST_ORACLE", ""):
    pytest.skip("Pinot-specific op (OpenVINO has no LinearAttention)", allow_module_level=True)

import pinot as ov  # noqa: E402
import pinot.opset13 as ops  # noqa: E402
from pinot._ops._base import make_node  # noqa: E402

TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-5, 1e-5), np.float16: (1e-2, 1e-2)}


def reference(q, k, v, state, decay, beta, hq, hkv, scale, rule):
    """The recurrence of ONNX's reference, in float64."""
    b, t, _ = q.shape
    dk, dv = q.shape[2] // hq, v.shape[2] // hkv
    q4 = q.astype(np.float64).reshape(b, t, hq, dk).transpose(0, 2, 1, 3)
    k4 = k.astype(np.float64).reshape(b, t, hkv, dk).transpose(0, 2, 1, 3)
    v4 = v.astype(np.float64).reshape(b, t, hkv, dv).transpose(0, 2, 1, 3)
    s = state.astype(np.float64).copy()
    scale = scale or 1.0 / np.sqrt(dk)
    out = np.zeros((b, hq, t, dv))
    for i in range(t):
        kt, vt = k4[:, :, i], v4[:, :, i]
        if decay is not None:
            w = decay.shape[2] // hkv
            g = decay.astype(np.float64).reshape(b, t, hkv, w)[:, i]
            s = s * np.exp(g)[..., None]
        if beta is not None:
            bt = beta.astype(np.float64)[:, i][..., None]
            vt = bt * (vt - np.einsum("bhdm,bhd->bhm", s, kt))
        s = s + kt[..., :, None] * vt[..., None, :]
        out[:, :, i] = scale * np.einsum("bhd,bhdm->bhm", q4[:, :, i], np.repeat(s, hq // hkv, axis=1))
    return out.transpose(0, 2, 1, 3).reshape(b, t, hq * dv), s


def run(arrays, attrs):
    params = [ops.parameter(list(a.shape), a.dtype) for a in arrays]
    node = make_node("LinearAttention", 1, params, attrs)
    compiled = ov.compile_model(ov.Model([node.output(0), node.output(1)], params), "CPU")
    result = compiled(arrays)
    return result[0], result[1]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("rule", ["linear", "gated", "delta", "gated_delta"])
@pytest.mark.parametrize("hq,hkv,decay_per_head,beta_one",
                         [(2, 2, False, False), (4, 2, True, True), (3, 1, False, False)])
def test_matches_recurrence(dtype, rule, hq, hkv, decay_per_head, beta_one):
    rng = np.random.default_rng(0)
    b, t, dk, dv = 2, 5, 3, 4
    q = rng.uniform(-1, 1, (b, t, hq * dk)).astype(dtype)
    k = rng.uniform(-1, 1, (b, t, hkv * dk)).astype(dtype)
    v = rng.uniform(-1, 1, (b, t, hkv * dv)).astype(dtype)
    state = rng.uniform(-1, 1, (b, hkv, dk, dv)).astype(dtype)
    decay = rng.uniform(-0.5, 0, (b, t, hkv if decay_per_head else hkv * dk)).astype(dtype)
    beta = rng.uniform(0, 1, (b, t, 1 if beta_one else hkv)).astype(dtype)
    arrays = [q, k, v, state]
    if rule in ("gated", "gated_delta"):
        arrays.append(decay)
    if rule in ("delta", "gated_delta"):
        arrays.append(beta)
    scale = 0.5 if rule == "delta" else 0.0
    got, got_state = run(arrays, {"q_num_heads": hq, "kv_num_heads": hkv, "scale": scale, "update_rule": rule})
    want, want_state = reference(q, k, v, state, decay if rule in ("gated", "gated_delta") else None,
                                 beta if rule in ("delta", "gated_delta") else None, hq, hkv, scale, rule)
    rtol, atol = TOL[dtype]
    assert got.dtype == dtype and got.shape == want.shape
    assert got_state.dtype == dtype and got_state.shape == want_state.shape
    np.testing.assert_allclose(got.astype(np.float64), want, rtol=rtol, atol=atol)
    np.testing.assert_allclose(got_state.astype(np.float64), want_state, rtol=rtol, atol=atol)


def test_shape_inference_and_state_type():
    q = ops.parameter([-1, -1, 8], np.float16)
    k = ops.parameter([-1, -1, 4], np.float16)
    v = ops.parameter([2, -1, 6], np.float16)
    state = ops.parameter([-1, 2, -1, 3], np.float32)
    node = make_node("LinearAttention", 1, [q, k, v, state],
                     {"q_num_heads": 4, "kv_num_heads": 2, "update_rule": "linear"})
    assert node.get_output_partial_shape(0) == ov.PartialShape([2, -1, 12])
    assert node.get_output_element_type(0) == ov.Type.f16
    assert node.get_output_partial_shape(1) == ov.PartialShape([2, 2, 2, 3])
    assert node.get_output_element_type(1) == ov.Type.f32


def test_errors():
    q = ops.parameter([1, 2, 8], np.float32)
    state = ops.parameter([1, 2, 4, 4], np.float32)
    with pytest.raises(Exception, match="takes 6 inputs"):
        make_node("LinearAttention", 1, [q, q, q, state], {"q_num_heads": 2, "kv_num_heads": 2})
    with pytest.raises(Exception, match="positive multiple"):
        make_node("LinearAttention", 1, [q, q, q, state],
                  {"q_num_heads": 3, "kv_num_heads": 2, "update_rule": "linear"})
    bad_state = ops.parameter([1, 2, 3, 4], np.float32)
    with pytest.raises(Exception, match="does not match"):
        make_node("LinearAttention", 1, [q, q, q, bad_state],
                  {"q_num_heads": 2, "kv_num_heads": 2, "update_rule": "linear"})
    ints = ops.parameter([1, 2, 8], np.int32)
    with pytest.raises(Exception, match="floating-point"):
        make_node("LinearAttention", 1, [ints, ints, ints, state],
                  {"q_num_heads": 2, "kv_num_heads": 2, "update_rule": "linear"})

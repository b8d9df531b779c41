"""ONNX ai.onnx.preview.training optimizer steps (Adagrad, Adam, Momentum) beyond the backend node
tests: f64 tensors, t == 0 and t > 0, every attribute, several tensors at once, against onnx's
reference evaluator; bad input counts and modes."""
import numpy as np
import pytest

from conftest import ORACLE

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's ONNX frontend lacks the training ops")

DOMAIN = "ai.onnx.preview.training"
# inputs per optimized tensor, after R and T: X, G, then the state tensors
STATES = {"Adagrad": ["H"], "Adam": ["V", "H"], "Momentum": ["V"]}


def optimizer_model(op, count, dtype, **attrs):
    elem = TensorProto.DOUBLE if dtype == np.float64 else TensorProto.FLOAT
    groups = ["X", "G"] + STATES[op]
    names = [f"{g}{i}" for g in groups for i in range(count)]
    outputs = [f"{g}{i}_new" for g in ["X"] + STATES[op] for i in range(count)]
    inputs = [helper.make_tensor_value_info("R", elem, []), helper.make_tensor_value_info("T", TensorProto.INT64, [])]
    inputs += [helper.make_tensor_value_info(n, elem, [2, 3]) for n in names]
    node = helper.make_node(op, ["R", "T"] + names, outputs, domain=DOMAIN, **attrs)
    graph = helper.make_graph([node], "g", inputs, [helper.make_tensor_value_info(o, elem, None) for o in outputs])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid(DOMAIN, 1)])


CASES = [
    ("Adagrad", dict(decay_factor=0.1, epsilon=1e-5, norm_coefficient=0.01)),
    ("Adagrad", {}),
    ("Adam", dict(alpha=0.9, beta=0.99, epsilon=1e-6, norm_coefficient=0.02, norm_coefficient_post=0.1)),
    ("Adam", {}),
    ("Momentum", dict(alpha=0.9, beta=0.5, mode="standard", norm_coefficient=0.01)),
    ("Momentum", dict(alpha=0.8, beta=0.7, mode="nesterov", norm_coefficient=0.0)),
]


@pytest.mark.parametrize("op,attrs", CASES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("step", [0, 3])
@pytest.mark.parametrize("count", [1, 2])
def test_matches_reference(op, attrs, dtype, step, count):
    rng = np.random.default_rng(count * 10 + step)
    model = optimizer_model(op, count, dtype, **attrs)
    n_tensors = count * (2 + len(STATES[op]))
    tensors = [rng.uniform(0.1, 1.0, (2, 3)).astype(dtype) for _ in range(n_tensors)]
    feeds = [np.array(0.05, dtype), np.array(step, np.int64)] + tensors
    names = [i.name for i in model.graph.input]
    want = ReferenceEvaluator(model).run(None, dict(zip(names, feeds)))
    got = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")(feeds)
    # the reference does attribute arithmetic (1 - alpha, ...) in float32 even for f64 tensors
    tol = 1e-6 if dtype == np.float64 else 1e-5
    for i, w in enumerate(want):
        np.testing.assert_allclose(np.asarray(got[i], np.float64), np.asarray(w, np.float64), rtol=tol, atol=tol)


def test_bad_inputs_and_modes():
    model = optimizer_model("Momentum", 1, np.float32, alpha=0.9, beta=0.5, mode="sideways", norm_coefficient=0.0)
    with pytest.raises(Exception, match="mode must be"):
        ov.Core().read_model(model.SerializeToString())
    model = optimizer_model("Momentum", 1, np.float32, alpha=0.9, beta=0.5, mode="standard")
    with pytest.raises(Exception, match="'norm_coefficient' is required"):
        ov.Core().read_model(model.SerializeToString())
    model = optimizer_model("Adam", 1, np.float32)
    del model.graph.node[0].input[-1]
    with pytest.raises(Exception, match="lists of equal length"):
        ov.Core().read_model(model.SerializeToString())

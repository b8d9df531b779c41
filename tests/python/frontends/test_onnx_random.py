"""ONNX random ops: RandomUniform(Like), RandomNormal(Like), Bernoulli and Dropout in training
mode. ONNX leaves the generator unspecified (the node tests' expected values are numpy draws),
so these check shapes, types, ranges and statistics, seed determinism, and training Dropout's
mask/scale relation rather than exact values."""
import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import pinot as ov  # noqa: E402
from conftest import ORACLE  # noqa: E402

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="Pinot's own seeding and op coverage (Bernoulli, training Dropout)")

F, D, H, I32, B = TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT16, TensorProto.INT32, TensorProto.BOOL


def compile_nodes(nodes, inputs, outputs, initializers=(), opset=22):
    graph = helper.make_graph(nodes, "random", inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    return ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def run(compiled, *inputs):
    result = compiled(list(inputs))
    return [result[i] for i in range(len(compiled.outputs))]


@pytest.mark.parametrize("dtype,np_type", [(F, np.float32), (D, np.float64), (H, np.float16)])
def test_random_uniform(dtype, np_type):
    node = helper.make_node("RandomUniform", [], ["y"], dtype=dtype, low=-2.0, high=6.0, shape=[300, 200], seed=3.0)
    compiled = compile_nodes([node], [], [vi("y", dtype, None)])
    (y,) = run(compiled)
    assert y.shape == (300, 200) and y.dtype == np_type
    assert y.min() >= -2.0 and y.max() <= 6.0
    assert abs(y.astype(np.float64).mean() - 2.0) < 0.05
    assert abs(y.astype(np.float64).std() - 8 / np.sqrt(12)) < 0.05
    # The same seed gives the same values in another compile; a compiled model moves on at each run.
    again = compile_nodes([node], [], [vi("y", dtype, None)])
    np.testing.assert_array_equal(run(again)[0], y)
    assert not np.array_equal(run(compiled)[0], y)


def test_random_uniform_default_float_and_no_seed():
    node = helper.make_node("RandomUniform", [], ["y"], shape=[1000])
    a = compile_nodes([node], [], [vi("y", F, None)])
    b = compile_nodes([node], [], [vi("y", F, None)])
    ya, yb = run(a)[0], run(b)[0]
    assert ya.dtype == np.float32 and ya.min() >= 0 and ya.max() < 1
    assert not np.array_equal(ya, yb)  # no seed: a fresh one per compile


def test_random_uniform_seeds_differ():
    def values(seed):
        node = helper.make_node("RandomUniform", [], ["y"], shape=[64], seed=seed)
        return run(compile_nodes([node], [], [vi("y", F, None)]))[0]

    assert not np.array_equal(values(1.0), values(2.0))
    np.testing.assert_array_equal(values(0.0), values(0.0))  # an explicit 0 is still a seed


def test_random_uniform_like():
    node = helper.make_node("RandomUniformLike", ["x"], ["y"], low=10.0, high=11.0, seed=7.0)
    compiled = compile_nodes([node], [vi("x", D, [4, 5, 6])], [vi("y", D, None)])
    (y,) = run(compiled, np.zeros((4, 5, 6)))
    assert y.shape == (4, 5, 6) and y.dtype == np.float64
    assert y.min() >= 10 and y.max() < 11
    # dtype overrides the input's type, which may then be anything
    node = helper.make_node("RandomUniformLike", ["x"], ["y"], dtype=F)
    compiled = compile_nodes([node], [vi("x", I32, [3, 2])], [vi("y", F, None)])
    (y,) = run(compiled, np.zeros((3, 2), np.int32))
    assert y.shape == (3, 2) and y.dtype == np.float32


@pytest.mark.parametrize("dtype,np_type", [(F, np.float32), (D, np.float64), (H, np.float16)])
def test_random_normal(dtype, np_type):
    node = helper.make_node("RandomNormal", [], ["y"], dtype=dtype, mean=3.0, scale=0.5, shape=[200, 250], seed=11.0)
    (y,) = run(compile_nodes([node], [], [vi("y", dtype, None)]))
    assert y.shape == (200, 250) and y.dtype == np_type
    assert np.all(np.isfinite(y))
    values = y.astype(np.float64)
    assert abs(values.mean() - 3.0) < 0.01
    assert abs(values.std() - 0.5) < 0.01
    # about 68% within one standard deviation, 95% within two
    assert abs(np.mean(np.abs(values - 3.0) < 0.5) - 0.6827) < 0.01
    assert abs(np.mean(np.abs(values - 3.0) < 1.0) - 0.9545) < 0.01


def test_random_normal_like():
    node = helper.make_node("RandomNormalLike", ["x"], ["y"], seed=5.0)
    compiled = compile_nodes([node], [vi("x", F, [2, 3, 4])], [vi("y", F, None)])
    x = np.zeros((2, 3, 4), np.float32)
    (y,) = run(compiled, x)
    assert y.shape == (2, 3, 4) and y.dtype == np.float32
    again = compile_nodes([node], [vi("x", F, [2, 3, 4])], [vi("y", F, None)])
    np.testing.assert_array_equal(run(again, x)[0], y)


@pytest.mark.parametrize("dtype,out_dtype,np_out", [(F, None, np.float32), (D, None, np.float64),
                                                    (F, I32, np.int32), (F, B, np.bool_)])
def test_bernoulli(dtype, out_dtype, np_out):
    attrs = {"seed": 2.0} if out_dtype is None else {"seed": 2.0, "dtype": out_dtype}
    node = helper.make_node("Bernoulli", ["p"], ["y"], **attrs)
    compiled = compile_nodes([node], [vi("p", dtype, [4, 5000])], [vi("y", out_dtype or dtype, None)])
    p = np.array([0.0, 0.25, 0.7, 1.0], np.float32 if dtype == F else np.float64)[:, None].repeat(5000, 1)
    (y,) = run(compiled, p)
    assert y.shape == (4, 5000) and y.dtype == np_out
    assert set(np.unique(y.astype(np.float64))) <= {0.0, 1.0}
    rates = y.astype(np.float64).mean(axis=1)
    assert rates[0] == 0 and rates[3] == 1
    assert abs(rates[1] - 0.25) < 0.02 and abs(rates[2] - 0.7) < 0.02


def dropout_model(ratio=None, training=True, constant_training=True, outputs=("y", "mask"), seed=4.0, dtype=F):
    inputs, inits, names = [vi("x", dtype, [100, 200])], [], ["x"]
    if ratio is not None:
        inits.append(numpy_helper.from_array(np.array(ratio, np.float32), "ratio"))
        names.append("ratio")
    if constant_training:
        inits.append(numpy_helper.from_array(np.array(training, np.bool_), "training_mode"))
    else:
        inputs.append(vi("training_mode", B, []))
    if ratio is None:
        names.append("")
    names.append("training_mode")
    node = helper.make_node("Dropout", names, list(outputs), seed=seed)
    outs = [vi("y", dtype, None)] + ([vi("mask", B, None)] if len(outputs) > 1 else [])
    return compile_nodes([node], inputs, outs, inits)


@pytest.mark.parametrize("ratio", [None, 0.2, 0.75])
def test_dropout_training(ratio):
    compiled = dropout_model(ratio)
    x = np.random.default_rng(0).uniform(1, 2, (100, 200)).astype(np.float32)
    y, mask = run(compiled, x)
    r = 0.5 if ratio is None else ratio
    assert mask.dtype == np.bool_ and mask.shape == x.shape
    assert abs(1 - mask.mean() - r) < 0.02  # the drop rate is the ratio
    np.testing.assert_array_equal(y[~mask], 0)
    np.testing.assert_allclose(y[mask], x[mask] / np.float32(1 - r), rtol=1e-6)
    # seeded: the same mask in another compile
    y2, mask2 = run(dropout_model(ratio), x)
    np.testing.assert_array_equal(mask2, mask)


def test_dropout_training_f64_and_one_output():
    compiled = dropout_model(0.4, outputs=("y",), dtype=D)
    x = np.full((100, 200), 3.0)
    (y,) = run(compiled, x)
    assert y.dtype == np.float64
    kept = y != 0
    np.testing.assert_allclose(y[kept], 3.0 / 0.6)
    assert abs(kept.mean() - 0.6) < 0.02


def test_dropout_inference_modes():
    x = np.random.default_rng(1).standard_normal((100, 200)).astype(np.float32)
    y, mask = run(dropout_model(0.5, training=False), x)
    np.testing.assert_array_equal(y, x)
    assert mask.all()
    # training_mode as a runtime input: both modes from one compiled model
    compiled = dropout_model(0.5, constant_training=False)
    y, mask = run(compiled, x, np.array(False))
    np.testing.assert_array_equal(y, x)
    assert mask.all()
    y, mask = run(compiled, x, np.array(True))
    assert abs(mask.mean() - 0.5) < 0.02
    np.testing.assert_allclose(y, np.where(mask, x * 2, 0), rtol=1e-6)


def test_dropout_zero_ratio_keeps_everything():
    x = np.arange(20000, dtype=np.float32).reshape(100, 200)
    y, mask = run(dropout_model(0.0), x)
    np.testing.assert_array_equal(y, x)
    assert mask.all()


def test_random_errors():
    node = helper.make_node("RandomUniform", [], ["y"], dtype=I32, shape=[2])
    with pytest.raises(RuntimeError, match="float16, bfloat16, float or double"):
        compile_nodes([node], [], [vi("y", I32, None)])
    node = helper.make_node("RandomNormal", [], ["y"])
    with pytest.raises(RuntimeError, match="'shape' attribute is required"):
        compile_nodes([node], [], [vi("y", F, None)])
    node = helper.make_node("RandomUniformLike", ["x"], ["y"])
    with pytest.raises(RuntimeError, match="float16, bfloat16, float or double"):
        compile_nodes([node], [vi("x", I32, [2])], [vi("y", I32, None)])
    node = helper.make_node("RandomUniform", [], ["y"], low=1.0, high=1.0, shape=[2])
    with pytest.raises(RuntimeError, match="Min value must be less than max value"):
        compile_nodes([node], [], [vi("y", F, None)])

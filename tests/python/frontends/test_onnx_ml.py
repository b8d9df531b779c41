"""ONNX ai.onnx.ml TreeEnsemble and LabelEncoder beyond the backend node tests: random forests (every
branch mode, NaN tracking, all aggregations, f32/f64/f16) and lookups (duplicate keys, NaN keys,
string values, defaults) against onnx's reference evaluator, plus malformed attributes.

Known reference quirks avoided: its membership parser stops a set at a 0.0 member (it tests the value's
truthiness), and it matches no NaN key (the spec says NaN keys match NaN inputs)."""
import numpy as np
import pytest

from conftest import ORACLE

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's ONNX frontend lacks these ai.onnx.ml ops")

ONNX_TYPE = {np.float32: TensorProto.FLOAT, np.float64: TensorProto.DOUBLE, np.float16: TensorProto.FLOAT16,
             np.int64: TensorProto.INT64, np.str_: TensorProto.STRING}


def ml_model(op, x, out_type, ml_opset, **attrs):
    node = helper.make_node(op, ["X"], ["Y"], domain="ai.onnx.ml", **attrs)
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("X", ONNX_TYPE[x.dtype.type], x.shape)],
                              [helper.make_tensor_value_info("Y", out_type, None)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("ai.onnx.ml", ml_opset)])


def run_pinot(model, x):
    return ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")([x])[0]


def random_forest(rng, n_trees, depth, n_features, n_targets, dtype):
    f = {k: [] for k in ("modes", "splits", "features", "true_ids", "false_ids", "true_leafs", "false_leafs",
                         "tracks", "weights", "targets")}

    def build(level):
        index = len(f["modes"])
        mode = int(rng.integers(0, 7))
        f["modes"].append(mode)
        f["splits"].append(np.nan if mode == 6 else float(rng.integers(-3, 4)))
        f["features"].append(int(rng.integers(0, n_features)))
        f["tracks"].append(int(rng.integers(0, 2)))
        for key in ("true_ids", "false_ids", "true_leafs", "false_leafs"):
            f[key].append(0)
        for branch in ("true", "false"):
            if level == depth or rng.random() < 0.3:
                f[branch + "_ids"][index] = len(f["weights"])
                f[branch + "_leafs"][index] = 1
                f["weights"].append(float(rng.normal()))
                f["targets"].append(int(rng.integers(0, n_targets)))
            else:
                f[branch + "_ids"][index] = build(level + 1)
        return index

    roots = [build(0) for _ in range(n_trees)]
    members = []
    for mode in f["modes"]:
        if mode == 6:
            members += [float(v) for v in rng.choice([-3, -2, -1, 1, 2, 3], int(rng.integers(1, 4)), replace=False)]
            members.append(np.nan)
    attrs = dict(nodes_modes=numpy_helper.from_array(np.array(f["modes"], np.uint8)),
                 nodes_splits=numpy_helper.from_array(np.array(f["splits"], dtype)),
                 nodes_featureids=f["features"], nodes_truenodeids=f["true_ids"], nodes_falsenodeids=f["false_ids"],
                 nodes_trueleafs=f["true_leafs"], nodes_falseleafs=f["false_leafs"],
                 nodes_missing_value_tracks_true=f["tracks"], leaf_weights=numpy_helper.from_array(
                     np.array(f["weights"], dtype)), leaf_targetids=f["targets"], tree_roots=roots, n_targets=n_targets)
    if members:
        attrs["membership_values"] = numpy_helper.from_array(np.array(members, dtype))
    return attrs


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("aggregate", [0, 1, 2, 3])
@pytest.mark.parametrize("seed", range(4))
def test_tree_ensemble_matches_reference(dtype, aggregate, seed):
    rng = np.random.default_rng(seed)
    attrs = random_forest(rng, int(rng.integers(1, 5)), 3, 4, 3, dtype)
    x = rng.integers(-3, 4, (16, 4)).astype(dtype)
    x[rng.random(x.shape) < 0.1] = np.nan
    model = ml_model("TreeEnsemble", x, ONNX_TYPE[dtype], 5, aggregate_function=aggregate, **attrs)
    want = ReferenceEvaluator(model).run(None, {"X": x})[0]
    got = run_pinot(model, x)
    assert got.dtype == want.dtype and got.shape == want.shape
    tol = 1e-2 if dtype == np.float16 else 1e-5
    np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=tol, atol=tol)


def test_tree_ensemble_post_transforms():
    rng = np.random.default_rng(7)
    attrs = random_forest(rng, 3, 2, 2, 3, np.float32)
    x = rng.integers(-3, 4, (5, 2)).astype(np.float32)
    raw = run_pinot(ml_model("TreeEnsemble", x, TensorProto.FLOAT, 5, **attrs), x).astype(np.float64)
    softmax = run_pinot(ml_model("TreeEnsemble", x, TensorProto.FLOAT, 5, post_transform=1, **attrs), x)
    logistic = run_pinot(ml_model("TreeEnsemble", x, TensorProto.FLOAT, 5, post_transform=2, **attrs), x)
    e = np.exp(raw - raw.max(axis=1, keepdims=True))
    np.testing.assert_allclose(softmax, e / e.sum(axis=1, keepdims=True), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(logistic, 1 / (1 + np.exp(-raw)), rtol=1e-5, atol=1e-6)
    with pytest.raises(Exception, match="post_transform 4 is not supported"):
        run_pinot(ml_model("TreeEnsemble", x, TensorProto.FLOAT, 5, post_transform=4, **attrs), x)


def test_tree_ensemble_malformed():
    x = np.zeros((2, 2), np.float32)
    base = dict(nodes_modes=numpy_helper.from_array(np.array([0], np.uint8)),
                nodes_splits=numpy_helper.from_array(np.array([0.5], np.float32)), nodes_featureids=[0],
                nodes_truenodeids=[0], nodes_falsenodeids=[1], nodes_trueleafs=[1], nodes_falseleafs=[1],
                leaf_weights=numpy_helper.from_array(np.array([1.0, 2.0], np.float32)), leaf_targetids=[0, 0],
                tree_roots=[0], n_targets=1)
    np.testing.assert_array_equal(run_pinot(ml_model("TreeEnsemble", x, TensorProto.FLOAT, 5, **base), x), [[1], [1]])
    cases = [(dict(nodes_featureids=[5]), "feature 5"), (dict(nodes_falsenodeids=[9]), "leaf 9 is out of range"),
             (dict(nodes_trueleafs=[0]), "cycle"), (dict(leaf_targetids=[0, 3]), "target 3"),
             (dict(nodes_modes=numpy_helper.from_array(np.array([6], np.uint8))), "BRANCH_MEMBER")]
    for change, message in cases:
        with pytest.raises(Exception, match=message):
            run_pinot(ml_model("TreeEnsemble", x, TensorProto.FLOAT, 5, **{**base, **change}), x)


@pytest.mark.parametrize("x,attrs", [
    (np.array([[1, 2], [5, 3]], np.int64), dict(keys_int64s=[1, 2, 3, 2], values_strings=["a", "b", "c", "z"],
                                                default_string="?")),
    (np.array(["x", "q", "y", "x"]), dict(keys_strings=["x", "y"], values_strings=["X", "Y"])),
    (np.array(["x", "q"]), dict(keys_strings=["x"], values_floats=[2.5], default_float=7.0)),
    (np.array(4, np.int64), dict(keys_int64s=[1, 2], values_int64s=[7, 8])),
    (np.array([1.5, 3.0, 7.0], np.float32), dict(keys_floats=[1.5, 3.0], values_int64s=[10, 30])),
    (np.array([1, 9], np.int64), dict(keys_tensor=numpy_helper.from_array(np.array([1, 2], np.int64)),
                                      values_tensor=numpy_helper.from_array(np.array([0.5, 1.5], np.float64)),
                                      default_tensor=numpy_helper.from_array(np.array([-2.0], np.float64)))),
])
def test_label_encoder_matches_reference(x, attrs):
    values = [k for k in attrs if k.startswith("values_")][0]
    out_type = {"values_strings": TensorProto.STRING, "values_floats": TensorProto.FLOAT,
                "values_int64s": TensorProto.INT64, "values_tensor": TensorProto.DOUBLE}[values]
    model = ml_model("LabelEncoder", x, out_type, 4, **attrs)
    want = ReferenceEvaluator(model).run(None, {"X": x})[0]
    got = np.asarray(run_pinot(model, x))
    assert got.shape == want.shape
    if want.dtype.kind in "OUS":
        np.testing.assert_array_equal(got.astype(str), want.astype(str))
    else:
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)


def test_label_encoder_nan_key_matches_nan():
    x = np.array([np.nan, 1.0, 2.0], np.float32)
    model = ml_model("LabelEncoder", x, TensorProto.INT64, 4, keys_floats=[1.0, float("nan")], values_int64s=[1, 5])
    np.testing.assert_array_equal(run_pinot(model, x), [5, 1, -1])


def test_label_encoder_mismatched_attributes():
    x = np.array([1, 2], np.int64)
    with pytest.raises(Exception, match="differ in length"):
        run_pinot(ml_model("LabelEncoder", x, TensorProto.INT64, 4, keys_int64s=[1, 2], values_int64s=[1]), x)
    with pytest.raises(Exception, match="only one values_"):
        run_pinot(ml_model("LabelEncoder", x, TensorProto.INT64, 4, keys_int64s=[1], values_int64s=[1],
                           values_floats=[1.0]), x)
    with pytest.raises(Exception, match="differ in kind"):
        run_pinot(ml_model("LabelEncoder", x, TensorProto.INT64, 4, keys_strings=["a"], values_int64s=[1]), x)

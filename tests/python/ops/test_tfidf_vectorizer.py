"""TfIdfVectorizer (a Pinot op for ONNX TfIdfVectorizer-9; OpenVINO has none):
ONNX models built with onnx.helper, run through Pinot's ONNX frontend and
checked exactly against onnx.reference (TF, IDF, TFIDF with and without
weights; int32, int64 and string inputs of rank 1 and 2; gram lengths, skips,
pool levels outside [min, max]), plus the import errors."""
import numpy as np
import pytest

from conftest import ORACLE

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="TfIdfVectorizer is a Pinot op (OpenVINO has none)")

INT_POOL = dict(ngram_counts=[0, 4, 10], ngram_indexes=list(range(9)),
                pool_int64s=[2, 3, 5, 4, 5, 6, 7, 8, 6, 7, 5, 6, 7])
STR_POOL = dict(ngram_counts=[0, 3], ngram_indexes=[2, 0, 1, 4, 3],
                pool_strings=["a", "b", "c", "a", "b", "c", "a"])


def model(x_type, x_shape, **attrs):
    node = helper.make_node("TfIdfVectorizer", ["X"], ["Y"], **attrs)
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("X", x_type, x_shape)],
                              [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 9)])


def run_both(m, x):
    want = ReferenceEvaluator(m).run(None, {"X": x})[0]
    compiled = ov.Core().compile_model(ov.Core().read_model(m.SerializeToString()), "CPU")
    got = compiled([x.astype(str) if x.dtype == object else x])[0]  # Tensors take numpy str arrays
    return np.asarray(got), want


@pytest.mark.parametrize("mode,weights", [("TF", None), ("IDF", None), ("TFIDF", None),
                                          ("IDF", [0.5, 1.0, 2.0, 3.0, 0.25, 1.5, 4.0, 2.5, 0.75]),
                                          ("TFIDF", [0.5, 1.0, 2.0, 3.0, 0.25, 1.5, 4.0, 2.5, 0.75])])
@pytest.mark.parametrize("grams,skip", [((1, 1), 0), ((1, 2), 0), ((2, 2), 3), ((1, 3), 2), ((3, 3), 5),
                                        ((2, 3), 1)])
@pytest.mark.parametrize("dtype,shape", [(np.int32, (12,)), (np.int64, (3, 7))])
def test_int_pool(mode, weights, grams, skip, dtype, shape):
    x = np.random.default_rng(sum(shape) + skip).integers(2, 9, shape).astype(dtype)
    attrs = dict(INT_POOL, mode=mode, min_gram_length=grams[0], max_gram_length=grams[1], max_skip_count=skip)
    if weights is not None:
        attrs["weights"] = weights
    m = model(TensorProto.INT32 if dtype == np.int32 else TensorProto.INT64, list(shape), **attrs)
    if weights is None and mode != "TF":
        # onnx.reference fails on IDF/TFIDF without weights (len(None)); its code for empty
        # weights gives IDF = (TF > 0), TFIDF = TF: compare against that.
        tf_model = model(m.graph.input[0].type.tensor_type.elem_type, list(shape), **dict(attrs, mode="TF"))
        tf = ReferenceEvaluator(tf_model).run(None, {"X": x})[0]
        compiled = ov.Core().compile_model(ov.Core().read_model(m.SerializeToString()), "CPU")
        got = np.asarray(compiled([x])[0])
        want = (tf > 0).astype(np.float32) if mode == "IDF" else tf
    else:
        got, want = run_both(m, x)
    assert got.dtype == np.float32 and got.shape == want.shape
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("shape", [(9,), (2, 5)])
@pytest.mark.parametrize("grams,skip", [((1, 2), 1), ((2, 2), 0)])
def test_string_pool(shape, grams, skip):
    words = np.array(["a", "b", "c", "d"], dtype=object)
    x = words[np.random.default_rng(3).integers(0, 4, shape)]
    attrs = dict(STR_POOL, mode="TF", min_gram_length=grams[0], max_gram_length=grams[1], max_skip_count=skip)
    got, want = run_both(model(TensorProto.STRING, list(shape), **attrs), x)
    np.testing.assert_array_equal(got, want)


def test_empty_input_gives_zeros():
    attrs = dict(INT_POOL, mode="TF", min_gram_length=1, max_gram_length=2, max_skip_count=0)
    got, want = run_both(model(TensorProto.INT64, [0], **attrs), np.zeros((0,), np.int64))
    assert got.shape == want.shape == (9,)
    assert not got.any()


def test_output_shape_is_static():
    attrs = dict(INT_POOL, mode="TF", min_gram_length=1, max_gram_length=2, max_skip_count=0)
    m = ov.Core().read_model(model(TensorProto.INT64, ["batch", 6], **attrs).SerializeToString())
    assert str(m.output(0).get_partial_shape()) == "[?,9]"


@pytest.mark.parametrize("attrs,match", [
    (dict(INT_POOL, mode="BM25", min_gram_length=1, max_gram_length=2, max_skip_count=0), "mode"),
    (dict(ngram_counts=[0], ngram_indexes=[0], mode="TF", min_gram_length=1, max_gram_length=1, max_skip_count=0),
     "pool"),
    (dict(INT_POOL, mode="TF", min_gram_length=2, max_gram_length=1, max_skip_count=0), "min_gram_length"),
    (dict(INT_POOL, mode="TF", min_gram_length=1, max_gram_length=2, max_skip_count=-1), "max_skip_count"),
])
def test_import_errors(attrs, match):
    with pytest.raises(RuntimeError, match=match):
        ov.Core().read_model(model(TensorProto.INT64, [6], **attrs).SerializeToString())


def test_too_few_ngram_indexes():
    attrs = dict(INT_POOL, mode="TF", min_gram_length=1, max_gram_length=2, max_skip_count=0)
    attrs["ngram_indexes"] = [0, 1, 2]
    m = ov.Core().read_model(model(TensorProto.INT64, [6], **attrs).SerializeToString())
    compiled = ov.Core().compile_model(m, "CPU")
    with pytest.raises(RuntimeError, match="ngram_indexes"):
        compiled([np.array([2, 3, 5, 4, 5, 6], np.int64)])

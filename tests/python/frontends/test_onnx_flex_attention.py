"""ONNX FlexAttention (ai.onnx.preview 1): the modifier subgraphs (score_mod, prob_mod) are inlined
into the importing graph. Compared with onnx.reference.ReferenceEvaluator (or numpy where the mod
reads outer-scope values); malformed nodes must raise RuntimeError naming the problem."""
import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402

F = TensorProto.FLOAT


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def flex_model(q_shape, k_shape, v_shape, elem=F, inputs=(), initializers=(), extra_nodes=(), **attrs):
    b, hq, lq, _ = q_shape
    node = helper.make_node("FlexAttention", ["Q", "K", "V"], ["Y"], domain="ai.onnx.preview", **attrs)
    graph = helper.make_graph(
        list(extra_nodes) + [node], "flex",
        [vi("Q", elem, q_shape), vi("K", elem, k_shape), vi("V", elem, v_shape)] + list(inputs),
        [vi("Y", elem, [b, hq, lq, v_shape[3]])], list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 26),
                                                   helper.make_opsetid("ai.onnx.preview", 1)])


def run(model, *inputs):
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    return compiled(list(inputs))[0]


def reference(model, *inputs):
    sess = ReferenceEvaluator(model)
    return sess.run(None, dict(zip([i.name for i in model.graph.input], inputs)))[0]


def qkv(q_shape, k_shape, v_shape, dtype=np.float32, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(s).astype(dtype) for s in (q_shape, k_shape, v_shape)]


def mod_graph(nodes, name="mod", initializers=(), in_name="s", out_name="s_out", n_inputs=1, elem=F):
    inputs = [vi(in_name if i == 0 else f"{in_name}{i}", elem, None) for i in range(n_inputs)]
    return helper.make_graph(nodes, name, inputs, [vi(out_name, elem, None)], list(initializers))


def causal_mod():
    """score_mod: -inf where the key index is past the query index."""
    c = numpy_helper.from_array
    inits = [c(np.int64(0), "zero"), c(np.int64(1), "one"), c(np.int64(2), "i2"), c(np.int64(3), "i3"),
             c(np.array([-1, 1], np.int64), "col"), c(np.float32(-np.inf), "neg_inf")]
    nodes = [
        helper.make_node("Shape", ["s"], ["shape"]),
        helper.make_node("Gather", ["shape", "i2"], ["L"], axis=0),
        helper.make_node("Gather", ["shape", "i3"], ["S"], axis=0),
        helper.make_node("Range", ["zero", "L", "one"], ["qr"]),
        helper.make_node("Reshape", ["qr", "col"], ["qi"]),
        helper.make_node("Range", ["zero", "S", "one"], ["ki"]),
        helper.make_node("GreaterOrEqual", ["qi", "ki"], ["keep"]),
        helper.make_node("Where", ["keep", "s", "neg_inf"], ["s_out"]),
    ]
    return mod_graph(nodes, "causal", inits)


@pytest.mark.parametrize("dtype,elem,tol", [(np.float32, F, 1e-5), (np.float64, TensorProto.DOUBLE, 1e-10),
                                            (np.float16, TensorProto.FLOAT16, 2e-3)])
def test_plain(dtype, elem, tol):
    shapes = ([2, 3, 5, 8], [2, 3, 7, 8], [2, 3, 7, 4])
    model = flex_model(*shapes, elem=elem)
    args = qkv(*shapes, dtype=dtype)
    out = run(model, *args)
    assert out.dtype == dtype
    np.testing.assert_allclose(out.astype(np.float64), reference(model, *args).astype(np.float64), rtol=tol,
                               atol=tol)


def test_scale_and_gqa():
    shapes = ([1, 6, 4, 8], [1, 2, 5, 8], [1, 2, 5, 3])
    model = flex_model(*shapes, scale=0.3)
    args = qkv(*shapes)
    np.testing.assert_allclose(run(model, *args), reference(model, *args), rtol=1e-5, atol=1e-6)


def test_gqa_heads_not_a_multiple():
    shapes = ([1, 3, 4, 8], [1, 2, 5, 8], [1, 2, 5, 8])
    with pytest.raises(RuntimeError, match="multiple of kv heads"):
        ov.Core().read_model(flex_model(*shapes).SerializeToString())


def test_causal_score_mod():
    shapes = ([2, 2, 6, 4], [2, 2, 6, 4], [2, 2, 6, 4])
    model = flex_model(*shapes, score_mod=causal_mod())
    args = qkv(*shapes)
    np.testing.assert_allclose(run(model, *args), reference(model, *args), rtol=1e-5, atol=1e-6)


def test_prob_mod_and_softmax_precision():
    """f16 inputs with the softmax (and so both mods) in f64."""
    D = TensorProto.DOUBLE
    half = numpy_helper.from_array(np.float64(0.5), "half")
    prob_mod = mod_graph([helper.make_node("Mul", ["s", "half"], ["s_out"])], "halve", [half], elem=D)
    soft_cap = mod_graph([helper.make_node("Tanh", ["s"], ["s_out"])], "cap", elem=D)
    shapes = ([1, 2, 3, 4], [1, 2, 5, 4], [1, 2, 5, 4])
    model = flex_model(*shapes, elem=TensorProto.FLOAT16, score_mod=soft_cap, prob_mod=prob_mod,
                       softmax_precision=TensorProto.DOUBLE)
    args = qkv(*shapes, dtype=np.float16)
    out = run(model, *args)
    assert out.dtype == np.float16
    np.testing.assert_allclose(out.astype(np.float32), reference(model, *args).astype(np.float32), rtol=2e-3,
                               atol=2e-3)


def test_mod_reads_outer_values_and_names_do_not_leak():
    """score_mod adds an outer graph input and an outer node's value; its internal names (Y, Q) clash
    with the outer graph's but must not rename the outer tensors."""
    nodes = [helper.make_node("Add", ["s", "bias2"], ["Q"]), helper.make_node("Identity", ["Q"], ["Y"])]
    score_mod = helper.make_graph(nodes, "bias_mod", [vi("s", F, None)], [vi("Y", F, None)])
    shapes = ([1, 2, 3, 4], [1, 2, 5, 4], [1, 2, 5, 4])
    model = flex_model(*shapes, inputs=[vi("bias", F, [3, 5])], score_mod=score_mod,
                       extra_nodes=[helper.make_node("Add", ["bias", "bias"], ["bias2"])])
    q, k, v = qkv(*shapes)
    bias = np.random.default_rng(1).standard_normal((3, 5)).astype(np.float32)
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    assert compiled.outputs[0].get_names() == {"Y"}
    out = compiled([q, k, v, bias])[0]
    s = q @ k.transpose(0, 1, 3, 2) / 2.0 + 2 * bias
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    np.testing.assert_allclose(out, p @ v, rtol=1e-5, atol=1e-6)


def test_mod_with_nested_subgraph():
    """An If inside score_mod whose branches read the mod's input and an outer value."""
    then_g = helper.make_graph([helper.make_node("Add", ["s", "bias"], ["t"])], "then", [], [vi("t", F, None)])
    else_g = helper.make_graph([helper.make_node("Identity", ["s"], ["e"])], "else", [], [vi("e", F, None)])
    score_mod = mod_graph([helper.make_node("If", ["flag"], ["s_out"], then_branch=then_g, else_branch=else_g)])
    shapes = ([1, 1, 2, 4], [1, 1, 3, 4], [1, 1, 3, 4])
    model = flex_model(*shapes, inputs=[vi("flag", TensorProto.BOOL, []), vi("bias", F, [2, 3])],
                       score_mod=score_mod)
    q, k, v = qkv(*shapes)
    bias = np.array([[0, -1, 2], [1, 0, -3]], np.float32)
    for flag in (True, False):
        out = run(model, q, k, v, np.array(flag), bias)
        s = q @ k.transpose(0, 1, 3, 2) / 2.0 + (bias if flag else 0)
        p = np.exp(s - s.max(-1, keepdims=True))
        p /= p.sum(-1, keepdims=True)
        np.testing.assert_allclose(out, p @ v, rtol=1e-5, atol=1e-6)


def test_mod_with_two_inputs_is_an_error():
    bad = mod_graph([helper.make_node("Add", ["s", "s1"], ["s_out"])], "two_inputs", n_inputs=2)
    shapes = ([1, 1, 2, 4], [1, 1, 3, 4], [1, 1, 3, 4])
    with pytest.raises(RuntimeError, match="score_mod graph 'two_inputs' must have exactly 1 input"):
        ov.Core().read_model(flex_model(*shapes, score_mod=bad).SerializeToString())


def test_rank_3_is_an_error():
    node = helper.make_node("FlexAttention", ["Q", "K", "V"], ["Y"], domain="ai.onnx.preview")
    graph = helper.make_graph([node], "flex", [vi(n, F, [1, 2, 4]) for n in "QKV"], [vi("Y", F, None)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 26),
                                                    helper.make_opsetid("ai.onnx.preview", 1)])
    with pytest.raises(RuntimeError, match="Q must be 4-D"):
        ov.Core().read_model(model.SerializeToString())

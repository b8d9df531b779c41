"""ONNX control flow: If, Loop and Scan with subgraphs that read outer-scope
values (also through nested subgraphs), compared with numpy; and malformed
subgraphs, which must raise RuntimeError naming the problem."""
import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import pinot as ov  # noqa: E402

F = TensorProto.FLOAT
I64 = TensorProto.INT64
B = TensorProto.BOOL


def make_model(nodes, inputs, outputs, initializers=(), opset=13):
    graph = helper.make_graph(nodes, "test_graph", inputs, outputs, list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    return model


def run(model, *inputs):
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    result = compiled(list(inputs))
    return [result[i] for i in range(len(compiled.outputs))]


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def scalar_const(name, value, dtype=np.float32):
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(value, dtype)))


# ---- If ----


def if_model():
    """then: x + y; else: (x - y) * k, with y and k (an initializer) from the outer graph."""
    then_graph = helper.make_graph([helper.make_node("Add", ["x", "y"], ["t"])], "then_body", [], [vi("t", F, None)])
    else_graph = helper.make_graph(
        [helper.make_node("Sub", ["x", "y"], ["d"]), helper.make_node("Mul", ["d", "k"], ["e"])],
        "else_body", [], [vi("e", F, None)])
    nodes = [helper.make_node("If", ["cond"], ["out"], then_branch=then_graph, else_branch=else_graph)]
    k = numpy_helper.from_array(np.float32(3.0), "k")
    return make_model(nodes, [vi("cond", B, []), vi("x", F, [2, 3]), vi("y", F, [2, 3])], [vi("out", F, [2, 3])],
                      [k])


def test_if_outer_scope_values():
    model = if_model()
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    y = np.full((2, 3), 0.5, np.float32)
    (out,) = run(model, np.array(True), x, y)
    np.testing.assert_allclose(out, x + y)
    (out,) = run(model, np.array(False), x, y)
    np.testing.assert_allclose(out, (x - y) * 3)


def test_if_branches_with_different_shapes():
    then_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["t"])], "then_body", [], [vi("t", F, None)])
    else_graph = helper.make_graph([helper.make_node("Concat", ["x", "x"], ["c"], axis=0)], "else_body", [],
                                   [vi("c", F, None)])
    nodes = [
        helper.make_node("If", ["cond"], ["o"], then_branch=then_graph, else_branch=else_graph),
        helper.make_node("Relu", ["o"], ["out"]),
    ]
    model = make_model(nodes, [vi("cond", B, [1]), vi("x", F, [2, 3])], [vi("out", F, None)])
    ov_model = ov.Core().read_model(model.SerializeToString())
    assert ov_model.outputs[0].get_partial_shape().to_string() == "[2..4,3]"  # as OpenVINO's If merges them
    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    (out,) = run(model, np.array([True]), x)
    np.testing.assert_allclose(out, np.maximum(x, 0))
    (out,) = run(model, np.array([False]), x)
    np.testing.assert_allclose(out, np.maximum(np.concatenate([x, x]), 0))


# ---- Loop ----


def loop_body():
    """s_out = s + x * i (x from the outer graph); go on while sum(s_out) < limit; scan out: s_out."""
    nodes = [
        helper.make_node("Cast", ["i"], ["i_f"], to=F),
        helper.make_node("Mul", ["x", "i_f"], ["xi"]),
        helper.make_node("Add", ["s", "xi"], ["s_out"]),
        helper.make_node("ReduceSum", ["s_out"], ["total"], keepdims=0),
        helper.make_node("Less", ["total", "limit"], ["cond_out"]),
        helper.make_node("Identity", ["s_out"], ["scan"]),
    ]
    return helper.make_graph(nodes, "loop_body", [vi("i", I64, []), vi("cond_in", B, []), vi("s", F, [3])],
                             [vi("cond_out", B, []), vi("s_out", F, [3]), vi("scan", F, [3])])


def loop_reference(trip, cond, s, x, limit):
    scans = []
    i = 0
    while (trip is None or i < trip) and cond:
        s = s + x * i
        scans.append(s)
        cond = s.sum() < limit
        i += 1
    return s, np.array(scans, np.float32).reshape(len(scans), 3)


@pytest.mark.parametrize("trip, cond, limit", [(5, True, 1000.0), (10, True, 20.0), (4, False, 1000.0),
                                               (0, True, 1000.0), (-2, True, 1000.0), (None, True, 30.0)])
def test_loop_trip_count_condition_and_scan_outputs(trip, cond, limit):
    inputs = [vi("cond", B, []), vi("s0", F, [3]), vi("x", F, [3]), vi("limit", F, [])]
    loop_inputs = ["", "cond", "s0"]
    if trip is not None:
        inputs.insert(0, vi("trip", I64, []))
        loop_inputs[0] = "trip"
    nodes = [helper.make_node("Loop", loop_inputs, ["s_final", "scans"], body=loop_body())]
    model = make_model(nodes, inputs, [vi("s_final", F, [3]), vi("scans", F, None)])
    s0 = np.array([1, 2, 3], np.float32)
    x = np.array([0.5, 1, 1.5], np.float32)
    args = [np.array(cond), s0, x, np.float32(limit)]
    if trip is not None:
        args.insert(0, np.array(trip, np.int64))
    s_final, scans = run(model, *args)
    want_s, want_scans = loop_reference(trip, cond, s0, x, limit)
    np.testing.assert_allclose(s_final, want_s)
    assert scans.shape == want_scans.shape
    np.testing.assert_allclose(scans, want_scans)


def test_loop_carried_value_that_grows():
    """The carried value changes shape every iteration: the body parameter is relaxed to a dynamic dim."""
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["cond_in"], ["cond_out"]),
            helper.make_node("Cast", ["i"], ["i_f"], to=F),
            helper.make_node("Unsqueeze", ["i_f", "zero"], ["i_1d"]),
            helper.make_node("Concat", ["acc", "i_1d"], ["acc_out"], axis=0),
        ],
        "grow_body", [vi("i", I64, []), vi("cond_in", B, []), vi("acc", F, None)],
        [vi("cond_out", B, []), vi("acc_out", F, None)])
    zero = numpy_helper.from_array(np.array([0], np.int64), "zero")
    nodes = [helper.make_node("Loop", ["trip", "", "acc0"], ["acc"], body=body)]
    model = make_model(nodes, [vi("trip", I64, []), vi("acc0", F, [1])], [vi("acc", F, None)], [zero])
    (acc,) = run(model, np.array(4, np.int64), np.array([-1], np.float32))
    np.testing.assert_allclose(acc, [-1, 0, 1, 2, 3])


def test_nested_loop_in_if_reads_values_two_scopes_out():
    """If -> Loop -> body reading x and step from the outermost graph."""
    body = helper.make_graph(
        [
            helper.make_node("Identity", ["cond_in"], ["cond_out"]),
            helper.make_node("Mul", ["x", "step"], ["xs"]),
            helper.make_node("Add", ["acc", "xs"], ["acc_out"]),
        ],
        "inner_body", [vi("i", I64, []), vi("cond_in", B, []), vi("acc", F, [2])],
        [vi("cond_out", B, []), vi("acc_out", F, [2])])
    then_graph = helper.make_graph([helper.make_node("Loop", ["trip", "", "x"], ["looped"], body=body)], "then_body",
                                   [], [vi("looped", F, [2])])
    else_graph = helper.make_graph([helper.make_node("Neg", ["x"], ["negated"])], "else_body", [],
                                   [vi("negated", F, [2])])
    nodes = [helper.make_node("If", ["cond"], ["out"], then_branch=then_graph, else_branch=else_graph)]
    model = make_model(nodes, [vi("cond", B, []), vi("trip", I64, []), vi("x", F, [2]), vi("step", F, [])],
                       [vi("out", F, [2])])
    x = np.array([1, -2], np.float32)
    (out,) = run(model, np.array(True), np.array(3, np.int64), x, np.float32(0.5))
    np.testing.assert_allclose(out, x + 3 * x * 0.5)
    (out,) = run(model, np.array(False), np.array(3, np.int64), x, np.float32(0.5))
    np.testing.assert_allclose(out, -x)


# ---- Scan ----


def test_scan_reverse_directions_and_axes():
    """Scan-11 over axis 1 backwards, stacking its scan output along axis 1 backwards."""
    body = helper.make_graph(
        [
            helper.make_node("Add", ["sum_in", "next"], ["sum_out"]),
            helper.make_node("Mul", ["sum_out", "scale"], ["scan_out"]),
        ],
        "scan_body", [vi("sum_in", F, [2]), vi("next", F, [2])], [vi("sum_out", F, [2]), vi("scan_out", F, [2])])
    nodes = [helper.make_node("Scan", ["init", "x"], ["final", "ys"], body=body, num_scan_inputs=1,
                              scan_input_axes=[1], scan_input_directions=[1], scan_output_axes=[-1],
                              scan_output_directions=[1])]
    model = make_model(nodes, [vi("init", F, [2]), vi("x", F, [2, 4]), vi("scale", F, [])],
                       [vi("final", F, [2]), vi("ys", F, [2, 4])], opset=11)
    init = np.array([1, -1], np.float32)
    x = np.arange(8, dtype=np.float32).reshape(2, 4)
    final, ys = run(model, init, x, np.float32(2))
    s = init.copy()
    outs = []
    for t in reversed(range(4)):
        s = s + x[:, t]
        outs.append(s * 2)
    want = np.stack(outs[::-1], axis=-1)
    np.testing.assert_allclose(final, s)
    np.testing.assert_allclose(ys, want)


def test_scan9_forward_two_inputs():
    body = helper.make_graph(
        [helper.make_node("Mul", ["a", "b"], ["ab"]), helper.make_node("Add", ["acc", "ab"], ["acc_out"])],
        "scan_body", [vi("acc", F, []), vi("a", F, []), vi("b", F, [])], [vi("acc_out", F, []), vi("ab_out", F, [])])
    body.node.append(helper.make_node("Identity", ["ab"], ["ab_out"]))
    nodes = [helper.make_node("Scan", ["acc0", "a", "b"], ["dot", "products"], body=body, num_scan_inputs=2)]
    model = make_model(nodes, [vi("acc0", F, []), vi("a", F, [5]), vi("b", F, [5])],
                       [vi("dot", F, []), vi("products", F, [5])], opset=9)
    a = np.arange(5, dtype=np.float32)
    b = np.linspace(1, 2, 5, dtype=np.float32)
    dot, products = run(model, np.float32(0), a, b)
    np.testing.assert_allclose(dot, a @ b, rtol=1e-6)
    np.testing.assert_allclose(products, a * b)


def test_control_flow_model_compiles_twice_and_reshapes():
    """Bodies are deep-copied per compiled model; reshape re-infers them."""
    model = ov.Core().read_model(if_model().SerializeToString())
    first = ov.compile_model(model, "CPU")
    second = ov.compile_model(model, "CPU")
    x = np.ones((2, 3), np.float32)
    np.testing.assert_allclose(first([np.array(True), x, x])[0], 2 * x)
    np.testing.assert_allclose(second([np.array(False), x, x])[0], 0 * x)
    model.reshape({"x": [4, 3], "y": [4, 3]})
    assert model.outputs[0].get_partial_shape().to_string() == "[4,3]"
    x = np.ones((4, 3), np.float32)
    np.testing.assert_allclose(ov.compile_model(model, "CPU")([np.array(True), x, x])[0], 2 * x)


# ---- errors ----


def test_if_branches_with_different_output_counts():
    then_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["t"])], "then_body", [], [vi("t", F, None)])
    else_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["e1"]),
                                    helper.make_node("Identity", ["x"], ["e2"])], "else_body", [],
                                   [vi("e1", F, None), vi("e2", F, None)])
    nodes = [helper.make_node("If", ["cond"], ["out"], then_branch=then_graph, else_branch=else_graph, name="branchy")]
    model = make_model(nodes, [vi("cond", B, []), vi("x", F, [2])], [vi("out", F, [2])])
    with pytest.raises(RuntimeError, match="'branchy'.*then_branch gives 1 outputs but the else_branch 2"):
        ov.Core().read_model(model.SerializeToString())


def test_body_reading_an_unknown_name():
    body = helper.make_graph(
        [helper.make_node("Identity", ["cond_in"], ["cond_out"]),
         helper.make_node("Add", ["s", "nowhere"], ["s_out"], name="adder")],
        "loop_body", [vi("i", I64, []), vi("cond_in", B, []), vi("s", F, [2])],
        [vi("cond_out", B, []), vi("s_out", F, [2])])
    nodes = [helper.make_node("Loop", ["trip", "", "s0"], ["s_final"], body=body)]
    model = make_model(nodes, [vi("trip", I64, []), vi("s0", F, [2])], [vi("s_final", F, [2])])
    with pytest.raises(RuntimeError, match="'adder' in subgraph 'loop_body'.*'nowhere' refers to no value"):
        ov.Core().read_model(model.SerializeToString())


def test_loop_body_with_too_few_outputs():
    body = helper.make_graph([helper.make_node("Identity", ["cond_in"], ["cond_out"])], "loop_body",
                             [vi("i", I64, []), vi("cond_in", B, []), vi("s", F, [2])], [vi("cond_out", B, [])])
    nodes = [helper.make_node("Loop", ["trip", "", "s0"], ["s_final"], body=body, name="short")]
    model = make_model(nodes, [vi("trip", I64, []), vi("s0", F, [2])], [vi("s_final", F, [2])])
    with pytest.raises(RuntimeError, match="'short'.*body gives 1 outputs"):
        ov.Core().read_model(model.SerializeToString())


def test_if_branches_returning_outer_values_directly():
    """A branch output may be an outer value itself: an initializer (shared Constant) or a graph input."""
    then_graph = helper.make_graph([], "then_body", [], [vi("k", F, [2])])
    else_graph = helper.make_graph([], "else_body", [], [vi("x", F, [2])])
    nodes = [helper.make_node("If", ["cond"], ["out"], then_branch=then_graph, else_branch=else_graph)]
    k = numpy_helper.from_array(np.array([7, 8], np.float32), "k")
    model = make_model(nodes, [vi("cond", B, []), vi("x", F, [2])], [vi("out", F, [2])], [k])
    x = np.array([1, 2], np.float32)
    np.testing.assert_allclose(run(model, np.array(True), x)[0], [7, 8])
    np.testing.assert_allclose(run(model, np.array(False), x)[0], x)


def test_if_without_else_branch():
    then_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["t"])], "then_body", [], [vi("t", F, None)])
    nodes = [helper.make_node("If", ["cond"], ["out"], then_branch=then_graph)]
    model = make_model(nodes, [vi("cond", B, []), vi("x", F, [2])], [vi("out", F, [2])])
    with pytest.raises(RuntimeError, match="then_branch and else_branch graphs are required"):
        ov.Core().read_model(model.SerializeToString())


def test_loop_carried_value_changing_type():
    body = helper.make_graph(
        [helper.make_node("Identity", ["cond_in"], ["cond_out"]), helper.make_node("Cast", ["s"], ["s_out"], to=I64)],
        "loop_body", [vi("i", I64, []), vi("cond_in", B, []), vi("s", F, [2])],
        [vi("cond_out", B, []), vi("s_out", I64, [2])])
    nodes = [helper.make_node("Loop", ["trip", "", "s0"], ["s_final"], body=body)]
    model = make_model(nodes, [vi("trip", I64, []), vi("s0", F, [2])], [vi("s_final", F, [2])])
    with pytest.raises(RuntimeError, match="carries i64 into parameter 2 of type f32"):
        ov.Core().read_model(model.SerializeToString())


def test_scan_with_too_many_scan_inputs():
    body = helper.make_graph([helper.make_node("Identity", ["a"], ["b"])], "scan_body", [vi("a", F, [])],
                             [vi("b", F, [])])
    nodes = [helper.make_node("Scan", ["x"], ["y"], body=body, num_scan_inputs=2)]
    model = make_model(nodes, [vi("x", F, [3])], [vi("y", F, [3])], opset=11)
    with pytest.raises(RuntimeError, match="num_scan_inputs is 2 with 1 inputs"):
        ov.Core().read_model(model.SerializeToString())


def test_scan8_with_a_batch():
    """Scan-8: a leading batch axis; each batch entry is scanned on its own (axis 1), forward or reverse."""
    body = helper.make_graph(
        [helper.make_node("Add", ["s", "v"], ["s_out"]), helper.make_node("Identity", ["s_out"], ["y"])],
        "scan_body", [vi("s", F, [2]), vi("v", F, [2])], [vi("s_out", F, [2]), vi("y", F, [2])])
    for reverse in (0, 1):
        nodes = [helper.make_node("Scan", ["", "init", "x"], ["final", "ys"], body=body, num_scan_inputs=1,
                                  directions=[reverse])]
        model = make_model(nodes, [vi("init", F, [3, 2]), vi("x", F, [3, 4, 2])],
                           [vi("final", F, [3, 2]), vi("ys", F, [3, 4, 2])], opset=8)
        init = np.arange(6, dtype=np.float32).reshape(3, 2)
        x = np.linspace(-1, 1, 24, dtype=np.float32).reshape(3, 4, 2)
        final, ys = run(model, init, x)
        steps = x[:, ::-1] if reverse else x
        want_ys = init[:, None, :] + np.cumsum(steps, axis=1)
        np.testing.assert_allclose(ys, want_ys, rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(final, want_ys[:, -1], rtol=1e-6, atol=1e-6)


def test_read_model_exposes_bodies():
    """get_ops() gives op.if_op / op.tensor_iterator objects whose bodies can be walked."""
    from pinot import op

    model = ov.Core().read_model(if_model().SerializeToString())
    (if_node,) = [n for n in model.get_ops() if n.get_type_name() == "If"]
    assert isinstance(if_node, op.if_op)
    then_body, else_body = if_node.get_then_body(), if_node.get_else_body()
    assert [n.get_type_name() for n in then_body.get_ordered_ops()].count("Add") == 1
    assert [n.get_type_name() for n in else_body.get_ordered_ops()].count("Multiply") == 1
    assert len(then_body.get_parameters()) == 2  # the captured x and y

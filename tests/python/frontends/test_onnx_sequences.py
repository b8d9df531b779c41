"""ONNX sequences used inside a graph (tensor inputs and outputs, sequence ops
in between), compared with onnx.reference.ReferenceEvaluator; and the cases
Pinot cannot import (a sequence at a graph or subgraph boundary, a tensor where
a sequence is needed, lengths not known at import), which must raise
RuntimeError naming the value or the problem."""
import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from onnx.reference import ReferenceEvaluator  # noqa: E402

import pinot as ov  # noqa: E402

F = TensorProto.FLOAT
I64 = TensorProto.INT64
B = TensorProto.BOOL


def make_model(nodes, inputs, outputs, initializers=(), opset=18):
    graph = helper.make_graph(nodes, "test_graph", inputs, outputs, list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def const(name, value, dtype=np.int64):
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(np.array(value, dtype)))


def run(model, *inputs):
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    result = compiled(list(inputs))
    return [result[i] for i in range(len(compiled.outputs))]


def check(model, feeds, rtol=1e-6):
    """Pinot's outputs equal the reference evaluator's (values, shapes and types)."""
    expected = ReferenceEvaluator(model).run(None, feeds)
    got = run(model, *feeds.values())
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        e = np.asarray(e)
        assert g.shape == e.shape
        assert g.dtype == e.dtype
        np.testing.assert_allclose(g, e, rtol=rtol)


def read(model):
    return ov.Core().read_model(model.SerializeToString())


X = np.arange(24, dtype=np.float32).reshape(2, 3, 4)


# ---- SplitToSequence / ConcatFromSequence ----


@pytest.mark.parametrize("axis,new_axis", [(1, 1), (0, 0), (-1, 1), (2, 0)])
def test_split_concat_roundtrip(axis, new_axis):
    """SplitToSequence (pieces of 1 along axis 1) -> ConcatFromSequence, with and without a new axis."""
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=1),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=axis, new_axis=new_axis),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3, 4])], [vi("y", F, None)])
    check(model, {"x": X})


def test_split_to_sequence_nokeepdims_then_at_and_concat():
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=2, keepdims=0),
        const("p", -1),
        helper.make_node("SequenceAt", ["s", "p"], ["last"]),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0, new_axis=1),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3, 4])], [vi("last", F, None), vi("y", F, None)])
    check(model, {"x": X})


@pytest.mark.parametrize("split", [np.array(2, np.int64), np.array([1, 3], np.int64), np.array(3, np.int32),
                                   np.array([0, 4], np.int32)])
def test_split_to_sequence_split_sizes(split):
    """A scalar split (last piece smaller when it does not divide) or constant sizes; keepdims is ignored."""
    nodes = [
        const("split", split, split.dtype),
        helper.make_node("SplitToSequence", ["x", "split"], ["s"], axis=-1, keepdims=0),
        helper.make_node("SequenceLength", ["s"], ["n"]),
        const("p", 1),
        helper.make_node("SequenceAt", ["s", "p"], ["second"]),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=-1),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3, 4])], [vi("n", I64, []), vi("second", F, None), vi("y", F, None)])
    check(model, {"x": X})


def test_split_to_sequence_dynamic_dim_with_constant_sizes():
    """Constant split sizes work along a dynamic dimension too."""
    nodes = [
        const("split", [1, 2]),
        helper.make_node("SplitToSequence", ["x", "split"], ["s"], axis=0),
        const("p", 1),
        helper.make_node("SequenceAt", ["s", "p"], ["second"]),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, ["n", 2])], [vi("second", F, None), vi("y", F, None)])
    check(model, {"x": np.arange(6, dtype=np.float32).reshape(3, 2)})


# ---- SequenceConstruct / Insert / Erase / At / Length ----


@pytest.mark.parametrize("axis,new_axis", [(-1, 1), (0, 1), (-1, 0)])
def test_construct_concat_dynamic_rank(axis, new_axis):
    """Elements of unknown rank: negative axes are left to Unsqueeze and Concat."""
    nodes = [
        helper.make_node("SequenceConstruct", ["a", "b", "a"], ["s"]),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=axis, new_axis=new_axis),
    ]
    model = make_model(nodes, [vi("a", F, None), vi("b", F, None)], [vi("y", F, None)])
    check(model, {"a": np.arange(6, dtype=np.float32).reshape(2, 3), "b": np.ones((2, 3), np.float32)})


def test_construct_insert_at():
    nodes = [
        helper.make_node("SequenceConstruct", ["a", "b"], ["s0"]),
        const("front", 0),
        helper.make_node("SequenceInsert", ["s0", "c", "front"], ["s1"]),
        helper.make_node("SequenceInsert", ["s1", "a"], ["s2"]),  # appended
        const("neg", -2),
        helper.make_node("SequenceInsert", ["s2", "b", "neg"], ["s3"]),  # [c, a, b, b, a]
        const("p0", 0),
        helper.make_node("SequenceAt", ["s3", "p0"], ["first"]),
        const("p3", 3, np.int32),
        helper.make_node("SequenceAt", ["s3", "p3"], ["fourth"]),
        helper.make_node("SequenceLength", ["s3"], ["n"]),
        helper.make_node("ConcatFromSequence", ["s3"], ["all"], axis=0),
    ]
    ins = [vi("a", F, [2, 2]), vi("b", F, [2, 2]), vi("c", F, [2, 2])]
    outs = [vi("first", F, None), vi("fourth", F, None), vi("n", I64, []), vi("all", F, None)]
    model = make_model(nodes, ins, outs)
    rng = np.random.default_rng(0)
    feeds = {k: rng.standard_normal((2, 2)).astype(np.float32) for k in "abc"}
    check(model, feeds)


def test_erase_and_length():
    nodes = [
        helper.make_node("SequenceConstruct", ["a", "b", "c"], ["s0"]),
        helper.make_node("SequenceErase", ["s0"], ["s1"]),  # drops c
        const("p", 0),
        helper.make_node("SequenceErase", ["s1", "p"], ["s2"]),  # drops a
        helper.make_node("SequenceLength", ["s2"], ["n"]),
        helper.make_node("SequenceLength", ["s0"], ["n0"]),
        helper.make_node("ConcatFromSequence", ["s2"], ["y"], axis=0),
    ]
    ins = [vi("a", F, [1, 3]), vi("b", F, [2, 3]), vi("c", F, [1, 3])]
    model = make_model(nodes, ins, [vi("n", I64, []), vi("n0", I64, []), vi("y", F, None)])
    feeds = {"a": np.ones((1, 3), np.float32), "b": np.full((2, 3), 2, np.float32),
             "c": np.full((1, 3), 3, np.float32)}
    check(model, feeds)


def test_empty_then_insert():
    nodes = [
        helper.make_node("SequenceEmpty", [], ["e"], dtype=F),
        helper.make_node("SequenceLength", ["e"], ["n0"]),
        helper.make_node("SequenceInsert", ["e", "x"], ["s1"]),
        helper.make_node("SequenceInsert", ["s1", "x"], ["s2"]),
        helper.make_node("ConcatFromSequence", ["s2"], ["y"], axis=0, new_axis=1),
    ]
    model = make_model(nodes, [vi("x", F, [3])], [vi("n0", I64, []), vi("y", F, None)])
    check(model, {"x": np.array([1, 2, 3], np.float32)})


@pytest.mark.parametrize("position", [0, 2, -1, -3])
def test_sequence_at_runtime_position(position):
    """A position computed at run time: Gather over the stacked elements (negative counts from the end)."""
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=0, keepdims=0),
        helper.make_node("SequenceAt", ["s", "pos"], ["y"]),
    ]
    model = make_model(nodes, [vi("x", F, [3, 4]), vi("pos", I64, [])], [vi("y", F, None)])
    check(model, {"x": np.arange(12, dtype=np.float32).reshape(3, 4), "pos": np.array(position, np.int64)})


def test_sequence_at_runtime_position_needs_one_shape():
    nodes = [
        helper.make_node("SequenceConstruct", ["a", "b"], ["s"]),
        helper.make_node("SequenceAt", ["s", "pos"], ["y"]),
    ]
    model = make_model(nodes, [vi("a", F, [2]), vi("b", F, [3]), vi("pos", I64, [])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="non-constant position needs sequence elements of one shape"):
        read(model)


@pytest.mark.parametrize("sizes, message", [([2, -1, 3], r"split sizes must not be negative \(got -1\)"),
                                            ([2, 1], "split sizes add up to 3, but the dimension along axis 1 is 4")])
def test_split_to_sequence_bad_sizes(sizes, message):
    split = numpy_helper.from_array(np.array(sizes, np.int64), "split")
    nodes = [
        helper.make_node("SplitToSequence", ["x", "split"], ["s"], axis=1),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=1),
    ]
    model = make_model(nodes, [vi("x", F, [3, 4])], [vi("y", F, None)], [split])
    with pytest.raises(RuntimeError, match=message):
        read(model)


def test_identity_and_optional_over_sequence():
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=0),
        helper.make_node("Identity", ["s"], ["s1"]),
        helper.make_node("Optional", ["s1"], ["o"]),
        helper.make_node("OptionalHasElement", ["o"], ["has"]),
        helper.make_node("OptionalGetElement", ["o"], ["s2"]),
        helper.make_node("ConcatFromSequence", ["s2"], ["y"], axis=1),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3])], [vi("has", B, []), vi("y", F, None)])
    # onnx.reference's Optional wraps its input in a list, which a sequence then gets nested in: compare with numpy.
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    has, y = run(model, x)
    assert has.shape == () and bool(has)
    np.testing.assert_array_equal(y, np.concatenate([x[:1], x[1:]], axis=1))


# ---- SequenceMap ----


def test_sequence_map_with_tensor_input():
    """body(elem, bias) = (elem + bias, ReduceSum(elem)); elements of different shapes."""
    body = helper.make_graph(
        [helper.make_node("Add", ["e", "bias"], ["plus"]),
         helper.make_node("ReduceSum", ["e"], ["total"], keepdims=0)],
        "map_body", [vi("e", F, None), vi("bias", F, None)], [vi("plus", F, None), vi("total", F, None)])
    nodes = [
        const("split", [1, 3]),
        helper.make_node("SplitToSequence", ["x", "split"], ["s"], axis=0),
        helper.make_node("SequenceMap", ["s", "bias"], ["plus_seq", "total_seq"], body=body),
        helper.make_node("ConcatFromSequence", ["plus_seq"], ["y"], axis=0),
        helper.make_node("ConcatFromSequence", ["total_seq"], ["totals"], axis=0, new_axis=1),
    ]
    model = make_model(nodes, [vi("x", F, [4, 2]), vi("bias", F, [2])], [vi("y", F, None), vi("totals", F, None)])
    check(model, {"x": np.arange(8, dtype=np.float32).reshape(4, 2), "bias": np.array([10, 20], np.float32)})


def test_sequence_map_two_sequences_and_outer_value():
    """body(a, b) = a * b + k, where k comes from the enclosing graph."""
    body = helper.make_graph(
        [helper.make_node("Mul", ["a", "b"], ["m"]), helper.make_node("Add", ["m", "k"], ["r"])],
        "map_body", [vi("a", F, None), vi("b", F, None)], [vi("r", F, None)])
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["sx"], axis=1, keepdims=0),
        helper.make_node("SplitToSequence", ["z"], ["sz"], axis=1, keepdims=0),
        helper.make_node("SequenceMap", ["sx", "sz"], ["out_seq"], body=body),
        helper.make_node("ConcatFromSequence", ["out_seq"], ["y"], axis=1, new_axis=1),
    ]
    k = numpy_helper.from_array(np.float32(0.5), "k")
    model = make_model(nodes, [vi("x", F, [2, 3]), vi("z", F, [2, 3])], [vi("y", F, None)], [k])
    # onnx.reference's SequenceMap does not let the body read outer values: compare with numpy.
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    z = np.arange(6, 12, dtype=np.float32).reshape(2, 3)
    (y,) = run(model, x, z)
    np.testing.assert_array_equal(y, np.stack([x[:, i] * z[:, i] + 0.5 for i in range(3)], axis=1))


def test_sequence_map_lengths_must_match():
    body = helper.make_graph([helper.make_node("Add", ["a", "b"], ["r"])], "map_body",
                             [vi("a", F, None), vi("b", F, None)], [vi("r", F, None)])
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["sx"], axis=0),
        helper.make_node("SplitToSequence", ["x"], ["sz"], axis=1),
        helper.make_node("SequenceMap", ["sx", "sz"], ["out_seq"], body=body),
        helper.make_node("ConcatFromSequence", ["out_seq"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="sequences must have one length"):
        read(model)


# ---- errors ----


def test_sequence_graph_output_is_refused():
    nodes = [helper.make_node("SplitToSequence", ["x"], ["s"], axis=0)]
    out = helper.make_tensor_sequence_value_info("s", F, None)
    model = make_model(nodes, [vi("x", F, [2, 3])], [out])
    with pytest.raises(RuntimeError, match="value 's' is a sequence; sequences are supported only inside a graph"):
        read(model)


def test_sequence_graph_input_is_refused():
    inp = helper.make_tensor_sequence_value_info("s", F, None)
    nodes = [helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0)]
    model = make_model(nodes, [inp], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="graph input 's' is a sequence or map"):
        read(model)


def test_sequence_into_tensor_op_is_refused():
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=0),
        helper.make_node("Relu", ["s"], ["y"]),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="value 's' is a sequence; sequences are supported only inside a graph"):
        read(model)


def test_sequence_as_tensor_input_of_sequence_op_is_refused():
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=0),
        helper.make_node("SequenceInsert", ["s", "s"], ["s2"]),
        helper.make_node("ConcatFromSequence", ["s2"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, [2, 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="value 's' is a sequence.*input 1 of SequenceInsert takes a tensor"):
        read(model)


def test_tensor_where_sequence_needed_is_refused():
    nodes = [helper.make_node("ConcatFromSequence", ["x"], ["y"], axis=0)]
    model = make_model(nodes, [vi("x", F, [2, 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="input 0 'x' is a tensor; ConcatFromSequence takes a sequence"):
        read(model)


def test_sequence_captured_by_subgraph_is_refused():
    then_graph = helper.make_graph([helper.make_node("ConcatFromSequence", ["s"], ["t"], axis=0)], "then_body", [],
                                   [vi("t", F, None)])
    else_graph = helper.make_graph([helper.make_node("Identity", ["x"], ["e"])], "else_body", [], [vi("e", F, None)])
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=0),
        helper.make_node("If", ["cond"], ["y"], then_branch=then_graph, else_branch=else_graph),
    ]
    model = make_model(nodes, [vi("cond", B, []), vi("x", F, [2, 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="value 's' is a sequence; sequences are supported only inside a graph"):
        read(model)


def test_sequence_as_subgraph_output_is_refused():
    then_graph = helper.make_graph([helper.make_node("SequenceConstruct", ["x"], ["t"])], "then_body", [],
                                   [helper.make_tensor_sequence_value_info("t", F, None)])
    else_graph = helper.make_graph([helper.make_node("SequenceConstruct", ["x", "x"], ["e"])], "else_body", [],
                                   [helper.make_tensor_sequence_value_info("e", F, None)])
    nodes = [
        helper.make_node("If", ["cond"], ["s"], then_branch=then_graph, else_branch=else_graph),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("cond", B, []), vi("x", F, [2, 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="value 't' is a sequence; sequences are supported only inside a graph"):
        read(model)


def test_non_constant_insert_position_is_refused():
    nodes = [
        helper.make_node("SequenceConstruct", ["x"], ["s"]),
        helper.make_node("SequenceInsert", ["s", "x", "pos"], ["s2"]),
        helper.make_node("ConcatFromSequence", ["s2"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, [2]), vi("pos", I64, [])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="input 2 'pos' must be a constant"):
        read(model)


def test_position_out_of_range_is_refused():
    nodes = [
        helper.make_node("SequenceConstruct", ["x", "x"], ["s"]),
        const("p", 2),
        helper.make_node("SequenceAt", ["s", "p"], ["y"]),
    ]
    model = make_model(nodes, [vi("x", F, [2])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="position 2 is out of range for a sequence of 2"):
        read(model)


def test_split_to_sequence_dynamic_dim_is_refused():
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["s"], axis=0),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, ["n", 3])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="dimension along axis 0 must be static"):
        read(model)


def test_split_to_sequence_non_constant_split_is_refused():
    nodes = [
        helper.make_node("SplitToSequence", ["x", "split"], ["s"], axis=0),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, [4, 3]), vi("split", I64, [])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="split input 'split' must be a constant"):
        read(model)


def test_concat_empty_sequence_is_refused():
    nodes = [
        helper.make_node("SequenceEmpty", [], ["e"]),
        helper.make_node("ConcatFromSequence", ["e"], ["y"], axis=0),
    ]
    model = make_model(nodes, [], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="cannot concatenate an empty sequence"):
        read(model)


def test_insert_wrong_type_is_refused():
    nodes = [
        helper.make_node("SequenceEmpty", [], ["e"], dtype=I64),
        helper.make_node("SequenceInsert", ["e", "x"], ["s"]),
        helper.make_node("ConcatFromSequence", ["s"], ["y"], axis=0),
    ]
    model = make_model(nodes, [vi("x", F, [2])], [vi("y", F, None)])
    with pytest.raises(RuntimeError, match="a f32 tensor cannot join a sequence of i64"):
        read(model)


# ---- sequences inside subgraphs ----


def test_sequences_inside_loop_body():
    """A Loop body may use sequences between its own tensor inputs and outputs."""
    body = helper.make_graph(
        [helper.make_node("SplitToSequence", ["acc_in"], ["s"], axis=0, keepdims=0),
         helper.make_node("SequenceErase", ["s"], ["s1"]),  # drop the last row
         const("front", 0),
         helper.make_node("SequenceAt", ["s", "front"], ["first"]),
         helper.make_node("Add", ["first", "x"], ["row"]),
         helper.make_node("SequenceInsert", ["s1", "row", "front"], ["s2"]),  # new first row
         helper.make_node("ConcatFromSequence", ["s2"], ["acc_out"], axis=0, new_axis=1),
         helper.make_node("Identity", ["cond_in"], ["cond_out"])],
        "loop_body", [vi("i", I64, []), vi("cond_in", B, []), vi("acc_in", F, [3, 2])],
        [vi("cond_out", B, []), vi("acc_out", F, [3, 2])])
    nodes = [helper.make_node("Loop", ["trips", "go", "acc"], ["final"], body=body)]
    ins = [vi("trips", I64, []), vi("go", B, []), vi("acc", F, [3, 2]), vi("x", F, [2])]
    model = make_model(nodes, ins, [vi("final", F, None)])
    acc = np.arange(6, dtype=np.float32).reshape(3, 2)
    check(model, {"trips": np.array(3, np.int64), "go": np.array(True), "acc": acc, "x": np.array([1, 10], np.float32)})


def test_sequence_map_body_reads_outer_sequence():
    """An inlined SequenceMap body may read a sequence of the enclosing graph."""
    body = helper.make_graph(
        [const("p", 0), helper.make_node("SequenceAt", ["outer", "p"], ["o0"]),
         helper.make_node("Mul", ["e", "o0"], ["r"])],
        "map_body", [vi("e", F, None)], [vi("r", F, None)])
    nodes = [
        helper.make_node("SplitToSequence", ["x"], ["outer"], axis=0, keepdims=0),
        helper.make_node("SequenceMap", ["outer"], ["mapped"], body=body),
        helper.make_node("ConcatFromSequence", ["mapped"], ["y"], axis=0, new_axis=1),
    ]
    model = make_model(nodes, [vi("x", F, [3, 2])], [vi("y", F, None)])
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    (y,) = run(model, x)
    np.testing.assert_array_equal(y, x * x[0])

"""Ports and nodes as openvino's (API.md §6.1, §6.2 and the Node API of §20): Output, ConstOutput
and Input (names, any_name, set_names/add_names, shapes and types, target inputs, replace, hash,
equality and ordering, copy/deepcopy, repr) and Node (type and friendly names, output(s)/input(s),
get_output_* accessors, type info, repr)."""
import copy
import re

import numpy as np
import pytest

from api_models import add_model, needs, op, relu_model

import pinot as ov
from pinot import PartialShape, Shape, Type
from pinot import opset13 as ops

pytestmark = needs("relu", "absolute", "add")


def parameter(shape=(2, 3), dtype=np.float32, name="data"):
    return ops.parameter(list(shape) if not isinstance(shape, str) else PartialShape(shape), dtype, name=name)


def compiled_relu():
    return ov.compile_model(relu_model(), "CPU")


# ------------------------------------------------------------------------------ Output basics
def test_output_accessors_and_properties():
    p = parameter((2, 3), np.int32)
    out = p.output(0)
    assert type(out) is ov.Output
    assert out.get_node() == p and out.node == p
    assert out.get_index() == 0 and out.index == 0
    assert out.get_element_type() == Type.i32 and out.element_type == Type.i32
    assert out.get_shape() == Shape([2, 3]) and out.shape == [2, 3]
    assert isinstance(out.get_shape(), Shape)
    assert out.get_partial_shape() == PartialShape([2, 3]) and out.partial_shape == PartialShape([2, 3])
    assert isinstance(out.partial_shape, PartialShape)
    assert out.get_names() == set() == out.names  # a builder's name= is the friendly name only
    ov.Model(op("relu")(p), [p])
    assert out.get_names() == {"data"}  # the Model names its unnamed inputs


def test_shape_of_dynamic_output_is_an_error():
    out = parameter("[?,3]").output(0)
    assert out.partial_shape == PartialShape("[?,3]")
    with pytest.raises(RuntimeError, match="to_shape was called on a dynamic shape."):
        out.get_shape()
    with pytest.raises(RuntimeError, match="to_shape was called on a dynamic shape."):
        out.shape


def test_shapes_are_copies():
    out = parameter((2, 3)).output(0)
    shape = out.get_partial_shape()
    shape[0] = 7
    static = out.get_shape()
    static[1] = 9
    assert out.partial_shape == PartialShape([2, 3])
    assert out.shape == Shape([2, 3])


@pytest.mark.parametrize("names, any_name", [
    ({"b", "a", "c"}, "a"), ({"x"}, "x"), ({"Z", "a"}, "Z"), ({"out_10", "out_9"}, "out_10"),
])
def test_any_name_is_the_smallest_name(names, any_name):
    out = op("relu")(parameter()).output(0)
    out.set_names(names)
    assert out.get_any_name() == any_name == out.any_name
    assert out.get_names() == names


def test_any_name_without_names_is_an_error():
    out = op("relu")(parameter()).output(0)
    assert out.get_names() == set()
    with pytest.raises(RuntimeError, match="Attempt to get a name for a Tensor without names"):
        out.get_any_name()


def test_set_names_replaces_and_add_names_extends():
    out = op("relu")(parameter()).output(0)
    out.set_names({"x"})
    out.add_names({"b", "a"})
    assert out.names == {"x", "a", "b"}
    out.add_names({"a"})
    assert out.names == {"x", "a", "b"}
    out.set_names({"z"})
    assert out.names == {"z"}
    out.set_names(set())
    assert out.names == set()


@pytest.mark.parametrize("method", ["set_names", "add_names"])
@pytest.mark.parametrize("value", [["k"], "k", None, {1}])
def test_names_must_be_a_set_of_str(method, value):
    out = op("relu")(parameter()).output(0)
    with pytest.raises(TypeError):
        getattr(out, method)(value)


def test_names_property_is_read_only():
    out = op("relu")(parameter()).output(0)
    with pytest.raises(AttributeError):
        out.names = {"q"}


def test_names_are_shared_by_every_handle_of_a_port():
    relu = op("relu")(parameter())
    relu.output(0).set_names({"shared"})
    consumer = op("absolute")(relu)
    assert consumer.input_value(0).get_names() == {"shared"}
    assert ov.Output._from_node(relu).get_names() == {"shared"}


# ------------------------------------------------------------------------------ targets and rewiring
def test_target_inputs():
    p = parameter()
    first, second = op("relu")(p), op("absolute")(p)
    targets = p.output(0).get_target_inputs()
    assert isinstance(targets, set)
    assert len(targets) == 2 and len(p.output(0).target_inputs) == 2
    assert all(type(t) is ov.Input for t in targets)
    assert {t.get_node().get_type_name() for t in targets} == {"Relu", "Abs"}
    assert all(t.get_source_output() == p.output(0) for t in targets)
    assert first.output(0).get_target_inputs() == set() and second.output(0).target_inputs == set()


def test_replace_redirects_consumers_and_merges_names():
    a, b = parameter(name="a"), parameter(name="b")
    old, new = op("relu")(a), op("relu")(b)
    old.output(0).set_names({"c", "d"})
    new.output(0).set_names({"f"})
    consumer = op("absolute")(old)
    model = ov.Model([consumer], [a, b], "replace")
    old.output(0).replace(new.output(0))
    assert consumer.input_value(0).get_node() == new
    assert new.output(0).get_names() == {"c", "d", "f"}
    assert old.output(0).get_target_inputs() == set()
    assert [n.get_type_name() for n in model.get_ordered_ops()] == ["Parameter", "Parameter", "Relu", "Abs",
                                                                    "Result"]


def test_replace_source_output_keeps_names():
    a, b = parameter(name="a"), parameter(name="b")
    x, y = op("relu")(a), op("relu")(b)
    x.output(0).set_names({"xx"})
    y.output(0).set_names({"yy"})
    z = op("absolute")(x)
    z.input(0).replace_source_output(y.output(0))
    assert z.input_value(0).get_node() == y
    assert x.output(0).get_names() == {"xx"} and y.output(0).get_names() == {"yy"}
    assert x.output(0).get_target_inputs() == set()
    assert len(y.output(0).get_target_inputs()) == 1


# ------------------------------------------------------------------------------ hash, equality, ordering
def test_equal_ports_hash_equal():
    relu = op("relu")(parameter())
    out = relu.output(0)
    again = relu.outputs()[0]
    assert out == again and not out != again
    assert hash(out) == hash(again)
    assert hash(out) != hash(relu)
    assert len({out, again, ov.Output._from_node(relu)}) == 1
    assert {out: 1}[again] == 1


def test_ports_of_different_nodes_differ():
    p = parameter()
    relu = op("relu")(p)
    assert p.output(0) != relu.output(0)
    assert not p.output(0) == relu.output(0)
    assert relu.output(0) != relu


def test_ordering_follows_creation_order():
    first = parameter(name="first")
    second = op("relu")(first)
    a, b = first.output(0), second.output(0)
    assert a < b and a <= b and b > a and b >= a
    assert a <= first.output(0) and a >= first.output(0)
    assert not a > b
    assert sorted([b, a]) == [a, b]


def test_multi_output_ports_order_by_index():
    x = parameter((6, 4))
    split = op("split")(x, 0, 3)
    outs = split.outputs()
    assert [o.get_index() for o in outs] == [0, 1, 2]
    assert outs[0] < outs[1] < outs[2]
    assert len({hash(o) for o in outs}) == 3


test_multi_output_ports_order_by_index = needs("split")(test_multi_output_ports_order_by_index)


# ------------------------------------------------------------------------------ copies
def test_copy_is_an_equal_handle_with_its_own_attributes():
    relu = op("relu")(parameter())
    out = relu.output(0)
    dup = copy.copy(out)
    assert type(dup) is ov.Output and dup is not out
    assert dup == out and dup.get_node() == relu
    dup.custom = 5
    assert dup.custom == 5
    assert not hasattr(out, "custom")


def test_deepcopy_output_is_a_type_error():
    out = op("relu")(parameter()).output(0)
    with pytest.raises(TypeError, match=re.escape("Cannot deepcopy 'openvino.Output' object.")):
        copy.deepcopy(out)


def test_const_output_copy_and_deepcopy():
    port = compiled_relu().output(0)
    dup = copy.copy(port)
    assert type(dup) is ov.ConstOutput and dup == port
    with pytest.raises(TypeError, match=re.escape("Cannot deepcopy 'openvino.ConstOutput' object.")):
        copy.deepcopy(port)


# ------------------------------------------------------------------------------ ConstOutput and docs
def test_const_output_of_a_compiled_model():
    compiled = compiled_relu()
    port = compiled.input(0)
    assert type(port) is ov.ConstOutput
    assert port.get_names() == {"data"} and port.any_name == "data"
    assert port.get_element_type() == Type.f32 and port.get_shape() == [2, 2]
    assert port.get_index() == 0 and port.index == 0
    assert port.get_node().get_type_name() == "Parameter"
    assert compiled.output(0).get_node().get_type_name() == "Result"
    assert port == compiled.inputs[0] and hash(port) == hash(compiled.inputs[0])
    assert not hasattr(port, "set_names")


def test_class_docs():
    assert ov.ConstOutput.__doc__ == "openvino.ConstOutput represents port/node output."
    assert ov.Output.__doc__ == "openvino.Output represents port/node output."
    assert ov.Input.__doc__ == "openvino.Input wraps ov::Input<Node>"


# ------------------------------------------------------------------------------ repr
@pytest.mark.parametrize("names, shape, dtype, expected", [
    ({"data"}, [1, 3, 32, 32], np.float32, "names[data] shape[1,3,32,32] type: f32"),
    (set(), [2, -1], np.int32, "names[] shape[2,?] type: i32"),
    ({"a"}, "[1..4,?]", np.int64, "names[a] shape[1..4,?] type: i64"),
    ({"s"}, "[...]", np.float16, "names[s] shape[...] type: f16"),
    ({"z"}, [], np.uint8, "names[z] shape[] type: u8"),
])
def test_output_repr(names, shape, dtype, expected):
    p = ops.parameter(shape if not isinstance(shape, str) else PartialShape(shape), dtype)
    p.output(0).set_names(names)
    assert repr(p.output(0)) == f"<Output: {expected}>"


def test_several_names_in_repr():
    p = parameter((2,))
    p.output(0).set_names({"b", "a"})
    assert repr(p.output(0)) in ("<Output: names[a, b] shape[2] type: f32>", "<Output: names[b, a] shape[2] type: f32>")


def test_const_output_and_input_repr():
    compiled = compiled_relu()
    assert repr(compiled.input(0)) == "<ConstOutput: names[data] shape[2,2] type: f32>"
    relu = op("relu")(parameter((2, 3)))
    assert repr(relu.input(0)) == "<Input: shape[2,3] type: f32>"


# ------------------------------------------------------------------------------ Input
def test_input_accessors():
    p = parameter((4, 5), np.float16)
    relu = op("relu")(p)
    port = relu.input(0)
    assert type(port) is ov.Input
    assert port.get_node() == relu
    assert port.get_index() == 0
    assert port.get_element_type() == Type.f16
    assert port.get_shape() == Shape([4, 5])
    assert port.get_partial_shape() == PartialShape([4, 5])
    assert port.get_source_output() == p.output(0)
    assert type(port.get_source_output()) is ov.Output


def test_inputs_of_a_binary_node():
    a, b = parameter(name="a"), parameter(name="b")
    add = op("add")(a, b)
    assert [i.get_index() for i in add.inputs()] == [0, 1]
    assert [i.get_source_output().get_node() for i in add.inputs()] == [a, b]
    assert add.input_values() == [a.output(0), b.output(0)]
    assert add.input_value(1) == b.output(0)


# ------------------------------------------------------------------------------ Node
def test_node_names():
    relu = op("relu")(parameter())
    unique = relu.get_name()
    assert re.fullmatch(r"Relu_\d+", unique)
    assert relu.get_friendly_name() == unique == relu.friendly_name == relu.name
    relu.set_friendly_name("first")
    assert relu.get_friendly_name() == "first" and relu.get_name() == unique
    relu.friendly_name = "second"
    assert relu.friendly_name == "second" and relu.name == unique


def test_builder_name_argument_sets_the_friendly_name():
    relu = op("relu")(parameter(), name="my_relu")
    assert relu.get_friendly_name() == "my_relu"
    assert relu.get_name() != "my_relu"


@pytest.mark.parametrize("make, type_name, n_in, n_out", [
    (lambda p: p, "Parameter", 0, 1),
    (lambda p: op("relu")(p), "Relu", 1, 1),
    (lambda p: op("absolute")(p), "Abs", 1, 1),
    (lambda p: op("add")(p, p), "Add", 2, 1),
    (lambda p: ops.result(p), "Result", 1, 1),
    (lambda p: ops.constant(np.ones(2, np.float32)), "Constant", 0, 1),
])
def test_node_type_name_and_sizes(make, type_name, n_in, n_out):
    node = make(parameter())
    assert node.get_type_name() == type_name
    assert node.get_input_size() == n_in and len(node.inputs()) == n_in
    assert node.get_output_size() == n_out and len(node.outputs()) == n_out
    assert isinstance(node, ov.Node)
    assert isinstance(node.get_instance_id(), int)


def test_node_output_accessors():
    relu = op("relu")(parameter((2, 3), np.int32))
    assert relu.output(0) == relu.outputs()[0]
    assert type(relu.output(0)) is ov.Output and type(relu.input(0)) is ov.Input
    assert relu.get_output_element_type(0) == Type.i32 == relu.get_element_type()
    assert relu.get_output_shape(0) == Shape([2, 3]) == relu.shape
    assert isinstance(relu.get_output_shape(0), Shape)
    assert relu.get_output_partial_shape(0) == PartialShape([2, 3])
    assert isinstance(relu.get_output_partial_shape(0), PartialShape)


@pytest.mark.parametrize("call", [
    lambda n: n.output(1), lambda n: n.input(2), lambda n: n.get_output_shape(3),
    lambda n: n.get_output_element_type(1), lambda n: n.get_output_partial_shape(1),
])
def test_node_index_out_of_range(call):
    with pytest.raises(RuntimeError):
        call(op("relu")(parameter()))


def test_dynamic_node_output_shape_is_an_error():
    node = parameter("[?,3]")
    assert node.get_output_partial_shape(0) == PartialShape("[?,3]")
    with pytest.raises(RuntimeError, match="to_shape was called on a dynamic shape."):
        node.get_output_shape(0)


def test_node_equality_and_hash():
    p = parameter()
    relu = op("relu")(p)
    model = ov.Model(relu, [p], "m")
    again = model.get_ordered_ops()[1]
    assert again == relu and hash(again) == hash(relu)
    assert relu != p and not relu == p
    assert (relu == 5) is False


@pytest.mark.parametrize("make, name, version", [
    (lambda p: p, "Parameter", "opset1"),
    (lambda p: op("relu")(p), "Relu", "opset1"),
    (lambda p: op("add")(p, p), "Add", "opset1"),
    (lambda p: ops.result(p), "Result", "opset1"),
])
def test_type_info(make, name, version):
    node = make(parameter())
    assert node.get_type_info().name == name == node.type_info.name
    assert node.get_type_info().version_id == version


@pytest.mark.parametrize("make, expected", [
    (lambda: parameter((2, 2)), "<Parameter: 'data' ([2,2], float)>"),
    (lambda: parameter((2, -1), np.int32), "<Parameter: 'data' ([2,?], int32_t)>"),
    (lambda: parameter((1,), np.int64), "<Parameter: 'data' ([1], int64_t)>"),
    (lambda: parameter((1,), np.float16), "<Parameter: 'data' ([1], float16)>"),
    (lambda: parameter("[...]"), "<Parameter: 'data' ([...], float)>"),
    (lambda: op("relu")(parameter((2, 3)), name="r"), "<Relu: 'r' ([2,3])>"),
    (lambda: op("add")(parameter(), parameter(), name="a"), "<Add: 'a' ([2,3])>"),
    (lambda: ops.result(parameter((6, 4)), name="res"), "<Result: 'res' ([6,4])>"),
    (lambda: ops.constant(np.ones((2, 2), np.float32), name="c"), "<Constant: 'c' ([2,2])>"),
])
def test_node_repr(make, expected):
    assert repr(make()) == expected


def test_multi_output_node():
    split = op("split")(parameter((6, 4)), 0, 3, name="sp")
    assert split.get_output_size() == 3
    assert [o.get_index() for o in split.outputs()] == [0, 1, 2]
    assert split.get_output_shape(2) == Shape([2, 4])
    assert repr(split) == "<Split: 'sp' ([2,4], [2,4], [2,4])>"
    with pytest.raises(RuntimeError):
        split.shape


test_multi_output_node = needs("split")(test_multi_output_node)


def test_parameter_and_result_classes():
    model = add_model()
    assert all(type(p) is ov.op.Parameter for p in model.get_parameters())
    assert all(type(r) is ov.op.Result for r in model.get_results())
    assert type(model.get_ordered_ops()[2]) is ov.Node

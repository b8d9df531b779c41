"""pinot.Model as openvino.Model (API.md §5): constructors and their errors, inputs/outputs,
input()/output() by index and name, parameters/results/ordered ops, names, dynamism, clone and
copies, reshape in every form of §5.4 with its TypeErrors, add_outputs, result/parameter indices,
repr and the context manager."""
import copy
import re

import numpy as np
import pytest

from conftest import ORACLE
from api_models import add_model, needs, op, relu_abs_model, relu_model

import pinot as ov
from pinot import Dimension, PartialShape
from pinot import opset13 as ops

RESHAPE_KEY_MSG = "to reshape a model, expected keys as openvino.Output, int or str."
RESHAPE_VALUE_MSG = "to reshape a model, expected values as openvino.PartialShape, str, list or tuple."

pytestmark = needs("relu", "absolute", "add")


def parameter(shape=(2,), name="data"):
    return ops.parameter(list(shape), np.float32, name=name)


# ------------------------------------------------------------------------------ constructors
CONSTRUCTORS = {
    "result_nodes": lambda p, r: ov.Model([ops.result(r)], [p], "named"),
    "node_list": lambda p, r: ov.Model([r], [p], "named"),
    "single_node": lambda p, r: ov.Model(r, [p], "named"),
    "output_list": lambda p, r: ov.Model([r.output(0)], [p], "named"),
    "with_sinks": lambda p, r: ov.Model([ops.result(r)], [], [p], "named"),
    "keywords": lambda p, r: ov.Model(results=[r], parameters=[p], name="named"),
    "keywords_sinks": lambda p, r: ov.Model(results=[ops.result(r)], sinks=[], parameters=[p], name="named"),
}


@pytest.mark.parametrize("form", CONSTRUCTORS)
def test_constructor_forms(form):
    p = parameter()
    r = op("relu")(p)
    model = CONSTRUCTORS[form](p, r)
    assert isinstance(model, ov.Model)
    assert model.friendly_name == "named"
    assert len(model.inputs) == 1 and len(model.outputs) == 1
    assert model.get_parameters()[0] == p
    assert model.output(0).get_node().get_type_name() == "Result"
    assert model.output(0).get_node().input_value(0).get_node() == r


@pytest.mark.parametrize("name_args", [(), ("",)])
def test_constructor_without_name_uses_unique_name(name_args):
    p = parameter()
    model = ov.Model(op("relu")(p), [p], *name_args)
    assert re.fullmatch(r"Model\d+", model.get_name())
    assert model.friendly_name == model.get_name()


def test_copy_constructor_shares_the_graph():
    model = relu_model()
    other = ov.Model(model)
    assert isinstance(other, ov.Model)
    assert other.friendly_name == "test_model"
    assert other.get_parameters()[0] == model.get_parameters()[0]
    assert other.get_results()[0] == model.get_results()[0]


def test_constant_only_model_has_no_inputs():
    const = ops.constant(np.array([-1.0, 2.0], np.float32))
    model = ov.Model(op("relu")(const), [], "constants")
    assert model.inputs == []
    assert len(model.outputs) == 1


def test_no_arguments_is_a_type_error():
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        ov.Model()


@pytest.mark.parametrize("args", [(5, []), ("relu", []), ([1.5], [])])
def test_wrong_argument_types(args):
    with pytest.raises(TypeError):
        ov.Model(*args)


def test_undeclared_parameter_is_a_runtime_error():
    p = parameter()
    with pytest.raises(RuntimeError, match="Model references undeclared parameters"):
        ov.Model(op("relu")(p), [], "missing")


def test_unnamed_ports_get_tensor_names():
    p = ops.parameter([2], np.float32)
    model = ov.Model(op("relu")(p), [p])
    assert model.input().get_names()
    assert model.output().get_names()
    assert model.input().any_name == p.get_friendly_name()
    assert model.output().any_name == model.get_results()[0].get_friendly_name()


def test_named_ports_keep_their_names():
    p = parameter()
    relu = op("relu")(p)
    relu.output(0).set_names({"y"})
    model = ov.Model(relu, [p])
    assert model.input().get_names() == {"data"}
    assert model.output().get_names() == {"y"}
    model.output().set_names({"z"})
    assert model.output().get_names() == {"z"}


# ------------------------------------------------------------------------------ inputs and outputs
def test_inputs_and_outputs_are_outputs():
    model = add_model()
    assert [type(p) for p in model.inputs] == [ov.Output, ov.Output]
    assert [type(p) for p in model.outputs] == [ov.Output]
    assert [p.get_names() for p in model.inputs] == [{"a"}, {"b"}]
    assert model.outputs[0].get_names() == {"sum"}
    assert [p.get_node() for p in model.inputs] == model.get_parameters()
    assert [p.get_node() for p in model.outputs] == model.get_results()


@pytest.mark.parametrize("key, name", [(0, "a"), (1, "b"), ("a", "a"), ("b", "b")])
def test_input_by_index_and_name(key, name):
    model = add_model()
    port = model.input(key)
    assert isinstance(port, ov.Output)
    assert port.get_names() == {name}
    assert port.get_index() == 0
    assert port.get_node().friendly_name == name


@pytest.mark.parametrize("key", [0, "sum"])
def test_output_by_index_and_name(key):
    model = add_model()
    port = model.output(key)
    assert port.get_names() == {"sum"}
    assert port.get_node().get_type_name() == "Result"
    assert port == model.outputs[0]


def test_single_port_without_argument():
    model = relu_model()
    assert model.input() == model.inputs[0]
    assert model.output() == model.outputs[0]
    assert model.input().get_partial_shape() == PartialShape([2, 2])


@pytest.mark.parametrize("method, message", [
    ("input", "input() must be called on a Model with exactly one parameter."),
    ("output", "output() must be called on a Model with exactly one result."),
    ("get_result", "get_result() must be called on a Model with exactly one result."),
])
def test_no_argument_forms_need_exactly_one(method, message):
    model = add_model()
    model.add_outputs(model.input(0))
    with pytest.raises(RuntimeError, match=re.escape(message)):
        getattr(model, method)()


@pytest.mark.parametrize("method, key, error, message", [
    ("input", 2, IndexError, ""),
    ("output", 1, IndexError, ""),
    ("input", "nope", RuntimeError, "Input for tensor name 'nope' is not found."),
    ("output", "nope", RuntimeError, "Output for tensor name 'nope' is not found."),
    ("input", -1, TypeError, "incompatible function arguments"),
    ("input", 1.5, TypeError, "incompatible function arguments"),
])
def test_bad_port_keys(method, key, error, message):
    model = add_model()
    with pytest.raises(error, match=re.escape(message) or None):
        getattr(model, method)(key)


def test_parameters_results_and_ops():
    model = relu_model()
    params, results = model.get_parameters(), model.get_results()
    assert [type(p) for p in params] == [ov.op.Parameter]
    assert [type(r) for r in results] == [ov.op.Result]
    assert model.parameters == params and model.results == results
    assert model.get_result() == results[0] == model.result
    assert [n.get_type_name() for n in model.get_ordered_ops()] == ["Parameter", "Relu", "Result"]
    assert sorted(n.get_type_name() for n in model.get_ops()) == ["Parameter", "Relu", "Result"]
    assert model.get_sinks() == [] and model.sinks == []


def test_ordered_ops_are_topological():
    model = add_model()
    ordered = model.get_ordered_ops()
    position = {n.get_friendly_name(): i for i, n in enumerate(ordered)}
    assert len(ordered) == 4
    assert position["a"] < position["add"] and position["b"] < position["add"]
    assert ordered[-1].get_type_name() == "Result"


def test_output_accessors():
    model = relu_model((3, 4), np.int32)
    assert model.get_output_size() == 1
    assert model.get_output_op(0).get_type_name() == "Result"
    assert model.get_output_element_type(0) == ov.Type.i32
    assert model.get_output_shape(0) == [3, 4]
    assert model.get_output_partial_shape(0) == PartialShape([3, 4])


# ------------------------------------------------------------------------------ names and dynamism
def test_friendly_name_and_unique_name():
    model = relu_model(name="first")
    unique = model.get_name()
    assert model.get_friendly_name() == "first" and model.friendly_name == "first"
    model.set_friendly_name("third")
    assert model.friendly_name == "third" and model.get_friendly_name() == "third"
    assert model.get_name() == unique == model.name


@pytest.mark.skipif(bool(ORACLE), reason="openvino's Model wrapper stores the attribute on the Python "
                                         "object: get_friendly_name() keeps the old name")
def test_friendly_name_property_setter():
    model = relu_model(name="first")
    model.friendly_name = "second"
    assert model.get_friendly_name() == "second" == model.friendly_name


def test_unique_names_differ():
    assert relu_model().get_name() != relu_model().get_name()


@pytest.mark.parametrize("shape, dynamic", [
    ([2, 2], False), ([-1, 2], True), ("[1..3,2]", True), ("[...]", True), ([], False),
])
def test_is_dynamic(shape, dynamic):
    model = relu_model(PartialShape(shape))
    assert model.is_dynamic() is dynamic
    assert model.dynamic is dynamic


# ------------------------------------------------------------------------------ clone and copies
@pytest.mark.parametrize("duplicate", [lambda m: m.clone(), copy.deepcopy])
def test_clone_and_deepcopy_are_independent(duplicate):
    model = relu_model(name="orig")
    other = duplicate(model)
    assert isinstance(other, ov.Model)
    assert other.friendly_name == "orig"
    assert other.input().get_names() == {"data"}
    assert other.output().get_names() == model.output().get_names()
    assert other.get_parameters()[0] != model.get_parameters()[0]
    other.reshape([5, 5])
    assert model.input().partial_shape == PartialShape([2, 2])
    assert other.output().partial_shape == PartialShape([5, 5])


def test_copy_is_a_type_error():
    with pytest.raises(TypeError, match=re.escape("Cannot copy 'openvino.Model'. Please, use deepcopy instead.")):
        copy.copy(relu_model())


def test_context_manager_releases_the_model():
    with relu_model(name="ctx") as model:
        assert model.friendly_name == "ctx"
    for attribute in ("friendly_name", "inputs"):
        with pytest.raises(AttributeError,
                           match=f"'Model' object has no attribute '{attribute}' or attribute is no longer accessible."):
            getattr(model, attribute)


# ------------------------------------------------------------------------------ reshape
RESHAPE_FORMS = [
    (PartialShape([2, 3, 4, 4]), "[2,3,4,4]"),
    ([2, 3, 4, 4], "[2,3,4,4]"),
    ((2, 3, 4, 4), "[2,3,4,4]"),
    ("[2,3,4,4]", "[2,3,4,4]"),
    ("2,3,4,4", "[2,3,4,4]"),
    ("194, 194", "[194,194]"),
    ("[1..10, 3, ?, ..224]", "[1..10,3,?,..224]"),
    ("[?,3,..224,..224]", "[?,3,..224,..224]"),
    ("1,3,?,224", "[1,3,?,224]"),
    ("[...]", "[...]"),
    ([-1, 3, (1, 10), [2, 5]], "[?,3,1..10,2..5]"),
    ([(-1, 8), (4, -1), 1, 1], "[..8,4..,1,1]"),
    ([Dimension(2), "?", "1..3", "..10"], "[2,?,1..3,..10]"),
    ([Dimension(1, 4), "5..", 1, 1], "[1..4,5..,1,1]"),
]


@pytest.mark.parametrize("shape, expected", RESHAPE_FORMS)
def test_reshape_single_input_forms(shape, expected):
    model = relu_model((1, 3, 4, 4))
    assert model.reshape(shape) is None
    assert model.input().partial_shape == PartialShape(expected)
    assert model.output().partial_shape == PartialShape(expected)
    assert model.is_dynamic() is not PartialShape(expected).is_static


@pytest.mark.parametrize("make_key", [
    lambda m: 0, lambda m: "data", lambda m: m.input(), lambda m: m.input(0),
])
@pytest.mark.parametrize("shape", [[5, 3, 4, 4], (5, 3, 4, 4), "5,3,4,4", PartialShape([5, 3, 4, 4])])
def test_reshape_dict_forms(make_key, shape):
    model = relu_model((1, 3, 4, 4))
    model.reshape({make_key(model): shape})
    assert model.input().partial_shape == PartialShape([5, 3, 4, 4])


def test_reshape_dict_with_mixed_keys():
    model = add_model()
    model.reshape({"a": [3], 1: "3"})
    assert [p.partial_shape for p in model.inputs] == [PartialShape([3]), PartialShape([3])]
    assert model.output().partial_shape == PartialShape([3])


def test_reshape_dict_with_a_port_of_each_input():
    model = add_model()
    model.reshape({model.input(0): [-1], model.input(1): [-1]})
    assert model.output().partial_shape == PartialShape([-1])


@pytest.mark.parametrize("key", [0.5, None, b"data", (0,)])
def test_reshape_bad_key_type(key):
    model = relu_model()
    with pytest.raises(TypeError, match=re.escape(f"Incorrect key type {type(key)} {RESHAPE_KEY_MSG}")):
        model.reshape({key: [1, 2]})


def test_reshape_parameter_node_as_key():
    model = relu_model()
    param = model.get_parameters()[0]
    with pytest.raises(TypeError, match=re.escape(f"Incorrect key type {type(param)} {RESHAPE_KEY_MSG}")):
        model.reshape({param: [1, 2]})
    assert "op.Parameter" in str(type(param))


@pytest.mark.parametrize("value", [range(2), 4, None, {1, 2}, np.array([1, 2])])
def test_reshape_bad_value_type(value):
    model = relu_model()
    with pytest.raises(TypeError, match=re.escape(f"Incorrect value type {type(value)} {RESHAPE_VALUE_MSG}")):
        model.reshape({0: value})


@pytest.mark.parametrize("value", [range(2), 4, None, 2.5])
def test_reshape_bad_shape_argument(value):
    with pytest.raises(TypeError):
        relu_model().reshape(value)


@pytest.mark.parametrize("key", [1, 0.0])
def test_reshape_variables_shapes_key_type(key):
    model = relu_model()
    with pytest.raises(TypeError, match=re.escape(
            f"Incorrect key type {type(key)} to reshape a model, expected values as str.")):
        model.reshape([1, 2], {key: [1]})


def test_reshape_variables_shapes_with_str_keys_is_accepted():
    model = relu_model()
    model.reshape([4, 2], {})
    assert model.input().partial_shape == PartialShape([4, 2])


@pytest.mark.parametrize("args, error, message", [
    (({"nope": [1]},), RuntimeError, "Input for tensor name 'nope' is not found."),
    (({3: [1]},), IndexError, ""),
    (("[?,,3]",), RuntimeError, 'Cannot get vector of dimensions! "[?,,3]" is incorrect'),
    (([(1, 2, 3), 3],), TypeError,
     "Two elements are expected in tuple(lower, upper) for dynamic dimension, but 3 elements were given."),
])
def test_reshape_errors(args, error, message):
    with pytest.raises(error, match=re.escape(message) or None):
        relu_model().reshape(*args)


def test_reshape_several_inputs_needs_a_dict():
    with pytest.raises(RuntimeError, match="must be called on a Model with exactly one parameter"):
        add_model().reshape([3])


def test_reshape_incompatible_shapes_fails_validation():
    with pytest.raises(RuntimeError):
        add_model().reshape({"a": [4], "b": [5]})


def test_reshape_an_output_port_is_rejected():
    model = add_model()
    with pytest.raises(RuntimeError, match="is not used in ov::Model::reshape"):
        model.reshape({model.output(): [4]})


def test_port_shapes_are_copies_until_reshape():
    model = relu_model((2, 3))
    shape = model.input().partial_shape
    shape[0] = 9
    assert model.input().partial_shape == PartialShape([2, 3])
    model.reshape(shape)
    assert model.input().partial_shape == PartialShape([9, 3])


# ------------------------------------------------------------------------------ add_outputs
ADD_OUTPUT_FORMS = {
    "tensor_name": (lambda r1, r2: "t1", ["t1"]),
    "op_and_port": (lambda r1, r2: ("abs2", 0), ["t2"]),
    "output": (lambda r1, r2: r1.output(0), ["t1"]),
    "list_mixed": (lambda r1, r2: ["t1", ("abs2", 0)], ["t1", "t2"]),
    "list_outputs": (lambda r1, r2: [r2.output(0), r1.output(0)], ["t2", "t1"]),
}


@pytest.mark.parametrize("form", ADD_OUTPUT_FORMS)
def test_add_outputs_forms(form):
    make, names = ADD_OUTPUT_FORMS[form]
    model, relu1, abs2 = relu_abs_model()
    added = model.add_outputs(make(relu1, abs2))
    assert isinstance(added, list)
    assert [type(p) for p in added] == [ov.Output] * len(names)
    assert [p.get_any_name() for p in added] == names
    assert [p.get_node().get_type_name() for p in added] == ["Result"] * len(names)
    assert len(model.outputs) == 1 + len(names)
    assert model.outputs[1:] == added


def test_add_outputs_twice_adds_one_result():
    model, _, _ = relu_abs_model()
    first = model.add_outputs("t1")
    second = model.add_outputs("t1")
    assert first == second
    assert len(model.outputs) == 2


def test_add_existing_output_adds_nothing():
    model, _, _ = relu_abs_model()
    model.add_outputs(model.output(0))
    assert len(model.outputs) == 1


@pytest.mark.parametrize("value, error, message", [
    ("nope", RuntimeError, "Tensor name 'nope' was not found."),
    (("nope", 0), RuntimeError, "Operation with name 'nope' was not found."),
    (("abs2", 3), RuntimeError, "Cannot add output to port 3 operation abs2 has only 1 outputs."),
    (5, TypeError, "Incorrect type of a value to add as output."),
    (None, TypeError, "Incorrect type of a value to add as output."),
    ([5], TypeError, "Incorrect type of a value to add as output at index 0"),
    (["t1", 2.5], TypeError, "Incorrect type of a value to add as output at index 1"),
])
def test_add_outputs_errors(value, error, message):
    model, _, _ = relu_abs_model()
    with pytest.raises(error, match=re.escape(message)):
        model.add_outputs(value)


def test_add_outputs_node_is_rejected():
    model, relu1, _ = relu_abs_model()
    with pytest.raises(TypeError, match=re.escape("Incorrect type of a value to add as output.")):
        model.add_outputs(relu1)


# ------------------------------------------------------------------------------ indices
def test_get_result_index():
    model, relu1, abs2 = relu_abs_model()
    added = model.add_outputs(abs2.output(0))[0]
    assert model.get_result_index(model.output(0)) == 0
    assert model.get_result_index(added) == 1
    assert model.get_result_index(abs2.output(0)) == 1
    assert model.get_result_index(model.get_results()[1]) == 1
    assert model.get_result_index(relu1.output(0)) == -1
    assert model.get_result_index(ops.result(relu1)) == -1
    assert isinstance(model.get_result_index(added), int)


def test_get_parameter_index():
    model = add_model()
    a, b = model.get_parameters()
    assert model.get_parameter_index(a) == 0
    assert model.get_parameter_index(b) == 1
    assert model.get_parameter_index(parameter()) == -1


# ------------------------------------------------------------------------------ repr
def test_repr():
    p = ops.parameter([2, -1], np.float32, name="data")
    relu = op("relu")(p)
    relu.output(0).set_names({"out"})
    model = ov.Model(relu, [p], "test_model")
    assert repr(model) == (
        "<Model: 'test_model'\ninputs[\n<ConstOutput: names[data] shape[2,?] type: f32>\n]\n"
        "outputs[\n<ConstOutput: names[out] shape[2,?] type: f32>\n]>"
    )


def test_repr_two_inputs():
    model = add_model((1, 3), np.int32, name="pair")
    assert repr(model) == (
        "<Model: 'pair'\ninputs[\n<ConstOutput: names[a] shape[1,3] type: i32>,\n"
        "<ConstOutput: names[b] shape[1,3] type: i32>\n]\n"
        "outputs[\n<ConstOutput: names[sum] shape[1,3] type: i32>\n]>"
    )


def test_validate_nodes_and_infer_types():
    model = relu_model((2, 2))
    model.get_parameters()[0].set_partial_shape(PartialShape([3, 3]))
    model.validate_nodes_and_infer_types()
    assert model.output().partial_shape == PartialShape([3, 3])

"""Reading ONNX models: from paths (str, pathlib), bytes and BytesIO; format by
content; value names kept as tensor names; dynamic dims; results against numpy;
and malformed files, each of which must raise RuntimeError naming the problem."""
import io
import pathlib

import numpy as np
import pytest

from conftest import ORACLE

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import pinot as ov  # noqa: E402

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="uses pinot's reader internals and error texts")


def make_model(nodes, inputs, outputs, initializers=(), opset=13):
    graph = helper.make_graph(nodes, "test_graph", inputs, outputs, list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def raw_tensor(name, dims, raw_data=None, float_data=None):
    """A TensorProto built field by field: onnx.helper refuses inconsistent ones."""
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    if raw_data is not None:
        t.raw_data = raw_data
    if float_data is not None:
        t.float_data.extend(float_data)
    return t


def mlp_model(opset=13):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    w = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(4, 3) / 10, "w")
    b = numpy_helper.from_array(np.array([0.5, -1, 2], np.float32), "b")
    nodes = [
        helper.make_node("Gemm", ["x", "w", "b"], ["g"], alpha=0.5, beta=2.0, name="gemm"),
        helper.make_node("Relu", ["g"], ["r"], name="relu"),
        helper.make_node("Softmax", ["r"], ["y"], axis=-1 if opset >= 13 else 1, name="softmax"),
    ]
    return make_model(nodes, [x], [y], [w, b], opset)


def mlp_reference(x):
    w = np.arange(12, dtype=np.float32).reshape(4, 3) / 10
    g = 0.5 * (x @ w) + 2.0 * np.array([0.5, -1, 2], np.float32)
    r = np.maximum(g, 0)
    e = np.exp(r - r.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.fixture
def mlp_path(tmp_path):
    path = tmp_path / "mlp.onnx"
    onnx.save(mlp_model(), str(path))
    return path


@pytest.mark.parametrize("form", ["str", "path", "bytes", "bytesio"])
def test_read_forms(mlp_path, form):
    source = {
        "str": str(mlp_path),
        "path": mlp_path,
        "bytes": mlp_path.read_bytes(),
        "bytesio": io.BytesIO(mlp_path.read_bytes()),
    }[form]
    model = ov.Core().read_model(source)
    assert model.inputs[0].get_names() == {"x"}
    assert model.outputs[0].get_names() == {"y"}
    assert model.inputs[0].get_partial_shape() == ov.PartialShape([-1, 4])
    x = np.random.default_rng(0).standard_normal((5, 4)).astype(np.float32)
    result = ov.compile_model(model, "CPU")({"x": x})
    np.testing.assert_allclose(result["y"], mlp_reference(x), rtol=1e-5, atol=1e-6)


def test_compile_model_from_path(mlp_path):
    x = np.ones((2, 4), np.float32)
    result = ov.compile_model(mlp_path)([x])
    np.testing.assert_allclose(result[0], mlp_reference(x), rtol=1e-5, atol=1e-6)


def test_format_by_content_not_extension(tmp_path):
    path = tmp_path / "model.bin"  # wrong extension, ONNX content
    onnx.save(mlp_model(), str(path))
    assert ov.Core().read_model(path).outputs[0].get_names() == {"y"}


def test_opset11_softmax_flattens(tmp_path):
    x = np.random.default_rng(1).standard_normal((3, 4)).astype(np.float32)
    model = ov.Core().read_model(mlp_model(opset=11).SerializeToString())
    result = ov.compile_model(model, "CPU")([x])
    np.testing.assert_allclose(result[0], mlp_reference(x), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("axis", [0, 1, 2, 3, -1])
def test_flatten_with_dynamic_leading_dims(axis):
    # torch exports Flatten(axis=2) on [batch, seq, ...] inputs; the leading product is found at run time.
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["a", "b", 3, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    model = make_model([helper.make_node("Flatten", ["x"], ["y"], axis=axis)], [x], [y])
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()))
    for shape in [(2, 5, 3, 4), (1, 1, 3, 4), (3, 0, 3, 4)]:
        data = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
        lead = int(np.prod(shape[:axis % 4])) if axis != 0 else 1
        if lead == 0:
            continue  # [0, -1] is ambiguous for Reshape
        np.testing.assert_array_equal(compiled(data)[0], data.reshape(lead, -1))


@pytest.mark.parametrize("axis", [5, -5, 1 << 40])
def test_flatten_axis_out_of_range(axis):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 4, 5])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    model = make_model([helper.make_node("Flatten", ["x"], ["y"], axis=axis)], [x], [y])
    with pytest.raises(RuntimeError, match=r"axis -?\d+ is outside \[-4, 4\]"):
        ov.Core().read_model(model.SerializeToString())


def test_rnn_hidden_size_must_match_the_weights():
    # A hidden_size of 2^40 over 4-row weights would size the state by the attribute: refused at import.
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)
    w = numpy_helper.from_array(np.zeros((1, 4, 2), np.float32), "w")
    r = numpy_helper.from_array(np.zeros((1, 4, 4), np.float32), "r")
    node = helper.make_node("RNN", ["x", "w", "r"], ["", "y"], hidden_size=1 << 40)
    model = make_model([node], [x], [y], [w, r])
    with pytest.raises(RuntimeError, match=r"W is \[1, 4, ...\], but 1 direction\(s\) of 1 gate\(s\)"):
        ov.Core().read_model(model.SerializeToString())


def test_intermediate_names_are_tensor_names(mlp_path):
    model = ov.Core().read_model(mlp_path)
    names = set()
    for op in model.get_ordered_ops():
        for out in op.outputs():
            names |= out.get_names()
    assert {"x", "w", "b", "g", "r", "y"} <= names


def test_unsupported_op_names_op_domain_version_and_node():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    model = make_model([helper.make_node("NoSuchOp", ["x"], ["y"], name="weird", domain="com.example")], [x], [y])
    model.opset_import.append(helper.make_opsetid("com.example", 3))
    with pytest.raises(NotImplementedError, match=r"weird.*com\.example\.NoSuchOp.*version 3"):
        ov.Core().read_model(model.SerializeToString())


def test_input_referring_to_nothing():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    model = make_model([helper.make_node("Relu", ["ghost"], ["y"], name="lost")], [x], [y])
    with pytest.raises(RuntimeError, match="input 0 'ghost' refers to no value"):
        ov.Core().read_model(model.SerializeToString())


def test_cycle_is_refused():
    # a -> b -> a: each node's input is only produced later, so it refers to no value
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    nodes = [helper.make_node("Relu", ["b"], ["a"], name="n1"), helper.make_node("Relu", ["a"], ["b"], name="n2")]
    model = make_model(nodes + [helper.make_node("Relu", ["b"], ["y"])], [x], [y])
    with pytest.raises(RuntimeError, match="refers to no value"):
        ov.Core().read_model(model.SerializeToString())


def test_tensor_data_shorter_than_shape():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])
    w = raw_tensor("w", [4], raw_data=b"\x00" * 8)  # 2 floats for 4
    model = make_model([helper.make_node("Add", ["x", "w"], ["y"])], [x], [y], [w])
    with pytest.raises(RuntimeError, match="raw_data has 8 bytes, its shape and type need 16"):
        ov.Core().read_model(model.SerializeToString())


def test_huge_declared_shape_does_not_allocate():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [4])
    w = raw_tensor("w", [2**40, 2**20], float_data=[1.0, 2.0])
    model = make_model([helper.make_node("Add", ["x", "w"], ["y"])], [x], [y], [w])
    with pytest.raises(RuntimeError, match="w"):
        ov.Core().read_model(model.SerializeToString())


@pytest.mark.parametrize("cut", [1, 7, 20, 100, -1])
def test_truncated_files(mlp_path, cut):
    data = mlp_path.read_bytes()
    data = data[:cut] if cut > 0 else data[:-3]
    with pytest.raises(RuntimeError, match="ONNX|failed to"):
        ov.Core().read_model(data)


def test_wrong_magic_random_bytes():
    data = bytes(np.random.default_rng(7).integers(0, 256, 4096, dtype=np.uint8))
    with pytest.raises(RuntimeError):
        ov.Core().read_model(data)


def test_field_length_past_end():
    # ModelProto: ir_version=8, then graph (field 7) claiming 1000 bytes with 2 present
    data = bytes([0x08, 0x08, 0x3A, 0xE8, 0x07, 0x0A, 0x00])
    with pytest.raises(RuntimeError, match="runs past the end"):
        ov.Core().read_model(data)


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(RuntimeError, match="empty"):
        ov.Core().read_model(b"")
    with pytest.raises(RuntimeError, match="No such file"):
        ov.Core().read_model(tmp_path / "absent.onnx")


def test_external_data_outside_folder_is_refused(tmp_path):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    w = helper.make_tensor("w", TensorProto.FLOAT, [2], vals=[1.0, 2.0])
    w.data_location = TensorProto.EXTERNAL
    entry = w.external_data.add()
    entry.key, entry.value = "location", "../secret.bin"
    model = make_model([helper.make_node("Add", ["x", "w"], ["y"])], [x], [y], [w])
    path = tmp_path / "m.onnx"
    path.write_bytes(model.SerializeToString())
    with pytest.raises(RuntimeError, match="refused"):
        ov.Core().read_model(path)


def test_external_data_is_read(tmp_path):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])
    w = numpy_helper.from_array(np.array([1.5, -2.0, 4.0], np.float32), "w")
    model = make_model([helper.make_node("Add", ["x", "w"], ["y"])], [x], [y], [w])
    path = tmp_path / "ext.onnx"
    onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                    location="weights.data", size_threshold=0)
    result = ov.compile_model(path, "CPU")([np.ones(3, np.float32)])
    np.testing.assert_array_equal(result[0], np.array([2.5, -1.0, 5.0], np.float32))


def _external_weight_model(location, offset, length):
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])
    w = TensorProto()
    w.name, w.data_type, w.data_location = "w", TensorProto.FLOAT, TensorProto.EXTERNAL
    w.dims.extend([3])
    for key, value in (("location", location), ("offset", str(offset)), ("length", str(length))):
        entry = w.external_data.add()
        entry.key, entry.value = key, value
    return make_model([helper.make_node("Add", ["x", "w"], ["y"])], [x], [y], [w])


def test_external_data_past_2gb(tmp_path):
    # Weights beyond the 2 GB protobuf limit: a sparse 3 GB file (no disk used) with the tensor at 2.5 GB.
    offset = 5 << 29
    with open(tmp_path / "big.data", "wb") as f:
        f.truncate(3 << 30)
        f.seek(offset)
        f.write(np.array([1.0, 2.0, 3.0], np.float32).tobytes())
    path = tmp_path / "big.onnx"
    path.write_bytes(_external_weight_model("big.data", offset, 12).SerializeToString())
    result = ov.compile_model(path, "CPU")([np.ones(3, np.float32)])
    np.testing.assert_array_equal(result[0], np.array([2.0, 3.0, 4.0], np.float32))


def test_external_data_past_end_of_file_is_refused(tmp_path):
    (tmp_path / "w.data").write_bytes(np.zeros(2, np.float32).tobytes())
    path = tmp_path / "short.onnx"
    path.write_bytes(_external_weight_model("w.data", 0, 12).SerializeToString())
    with pytest.raises(RuntimeError, match="'w'.*too short"):
        ov.Core().read_model(path)


def test_random_mutations_never_crash(mlp_path):
    """A seeded mutation fuzz: flipped, inserted and deleted bytes must give a
    model or a Python exception, never a crash (runs in well under a second)."""
    data = bytearray(mlp_path.read_bytes())
    rng = np.random.default_rng(2026)
    for _ in range(400):
        mutated = bytearray(data)
        for _ in range(int(rng.integers(1, 6))):
            kind = rng.integers(0, 3)
            pos = int(rng.integers(0, len(mutated)))
            if kind == 0:
                mutated[pos] = int(rng.integers(0, 256))
            elif kind == 1:
                mutated.insert(pos, int(rng.integers(0, 256)))
            elif len(mutated) > 1:
                del mutated[pos]
        try:
            ov.Core().read_model(bytes(mutated))
        except (RuntimeError, NotImplementedError, MemoryError):
            pass


def test_model_without_default_opset():
    # Only ai.onnx.ml imported: nodes of that domain translate, a default-domain node is named as the problem.
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])
    node = helper.make_node("Binarizer", ["x"], ["y"], domain="ai.onnx.ml", threshold=0.5)
    graph = helper.make_graph([node], "ml_only", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("ai.onnx.ml", 3)])
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()), "CPU")
    result = compiled([np.array([0.2, 0.5, 0.9], np.float32)])[0]
    np.testing.assert_array_equal(result, [0.0, 0.0, 1.0])
    relu = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="plain")], "no_default", [x], [y])
    model = helper.make_model(relu, opset_imports=[helper.make_opsetid("ai.onnx.ml", 3)])
    with pytest.raises(RuntimeError, match=r"plain.*imports no opset for domain 'ai\.onnx'"):
        ov.Core().read_model(model.SerializeToString())


def _optional_tensor_info(name, elem, shape):
    return helper.make_value_info(name, helper.make_optional_type_proto(helper.make_tensor_type_proto(elem, shape)))


def test_optional_tensor_input_runs_as_the_tensor():
    x = _optional_tensor_info("x", TensorProto.FLOAT, [3])
    has = helper.make_tensor_value_info("has", TensorProto.BOOL, [])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [3])
    nodes = [helper.make_node("OptionalHasElement", ["x"], ["has"]),
             helper.make_node("OptionalGetElement", ["x"], ["got"]),
             helper.make_node("Neg", ["got"], ["y"])]
    model = make_model(nodes, [x], [has, y], opset=18)
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()))
    result = compiled([np.array([1, -2, 3], np.float32)])
    assert result[0].shape == () and bool(result[0]) is True
    np.testing.assert_array_equal(result[1], [-1, 2, -3])


def test_optional_has_element_of_an_omitted_input_is_false():
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])
    has = helper.make_tensor_value_info("has", TensorProto.BOOL, [])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    nodes = [helper.make_node("OptionalHasElement", [""], ["has"]), helper.make_node("Identity", ["x"], ["y"])]
    compiled = ov.compile_model(ov.Core().read_model(make_model(nodes, [x], [has, y], opset=18).SerializeToString()))
    assert bool(compiled([np.zeros(2, np.float32)])[0]) is False


def test_empty_optional_is_a_clear_error():
    y = _optional_tensor_info("y", TensorProto.FLOAT, [2])
    empty = helper.make_node("Optional", [], ["y"], type=helper.make_tensor_type_proto(TensorProto.FLOAT, [2]))
    with pytest.raises(NotImplementedError, match="empty optional"):
        ov.Core().read_model(make_model([empty], [], [y], opset=18).SerializeToString())


def test_sequence_input_is_a_clear_error():
    seq = helper.make_value_info("s", helper.make_sequence_type_proto(helper.make_tensor_type_proto(1, [2])))
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])
    node = helper.make_node("SequenceAt", ["s", "i"], ["y"])
    i = numpy_helper.from_array(np.array(0, np.int64), "i")
    with pytest.raises(NotImplementedError, match="graph input 's' is a sequence"):
        ov.Core().read_model(make_model([node], [seq], [y], [i], opset=18).SerializeToString())

"""The Pinot-only element types (not in OpenVINO; they exist for ONNX models): f8e4m3fnuz,
f8e5m2fnuz and i2. Type properties, tensor storage, and Convert to and from them, bit for bit
against ml_dtypes (which ONNX's reference implementation uses): FNUZ float8 have no -0 and no
inf, 0x80 is their only NaN, overflow and +-inf convert to that NaN, ties round to even; i2 is
a signed 2-bit integer packed 4 per byte, lowest bits first, exchanged with numpy as int8 bytes.
"""
import numpy as np
import pytest

from conftest import ORACLE

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="Pinot-only element types")

import pinot as ov  # noqa: E402
import pinot.opset13 as ops  # noqa: E402
from pinot import Type  # noqa: E402

ml_dtypes = pytest.importorskip("ml_dtypes")

FNUZ = {"f8e4m3fnuz": ml_dtypes.float8_e4m3fnuz, "f8e5m2fnuz": ml_dtypes.float8_e5m2fnuz}


def convert(tensor, destination, like=False):
    """Convert (or ConvertLike, with a parameter of type `destination`) of `tensor`, run on CPU."""
    param = ops.parameter(list(tensor.get_shape()), tensor.get_element_type())
    if like:
        like_param = ops.parameter([1], destination)
        model = ov.Model([ops.convert_like(param, like_param)], [param, like_param])
        return ov.compile_model(model, "CPU")([tensor, ov.Tensor(destination, [1])])[0]
    model = ov.Model([ops.convert(param, destination)], [param])
    return ov.compile_model(model, "CPU")(tensor)[0]


def all_codes(ml_type):
    return np.arange(256, dtype=np.uint8).view(ml_type)


def sweep(ml_type):
    """Every finite value of the type, the midpoints between neighbours (ties) and values just
    around them, their negatives, specials, and random values over many magnitudes."""
    values = all_codes(ml_type).astype(np.float64)
    values = np.unique(values[~np.isnan(values)])
    mids = (values[1:] + values[:-1]) / 2
    top = float(values[-1])
    rng = np.random.default_rng(7)
    parts = [values, mids, mids * (1 + 1e-6), mids * (1 - 1e-6), -mids,
             [np.inf, -np.inf, np.nan, -np.nan, 0.0, -0.0, 1e-30, -1e-30, top * 1.03, top * 1.1, -top * 1.1, 1e30],
             rng.standard_normal(5000) * 10.0 ** rng.integers(-9, 7, 5000)]
    return np.concatenate([np.asarray(p, np.float64) for p in parts])


@pytest.mark.parametrize("name, bits, signed, real, c_name", [
    ("f8e4m3fnuz", 8, True, True, "f8e4m3fnuz"),
    ("f8e5m2fnuz", 8, True, True, "f8e5m2fnuz"),
    ("i2", 2, True, False, "int2_t"),
])
def test_type_properties(name, bits, signed, real, c_name):
    t = getattr(Type, name)
    assert t.get_type_name() == name and t.type_name == name and t.to_string() == name
    assert repr(t) == f"<Type: '{c_name}'>"
    assert t.bitwidth == bits and t.size == 1
    assert t.is_static() and t.real is real and t.integral is (not real)
    assert t.integral_number is (not real) and t.signed is signed and t.quantized
    assert t.to_dtype() == (np.int8 if name == "i2" else np.uint8)
    assert t.compatible(Type.dynamic) and not t.compatible(Type.u8)
    assert Type._from_name(name) is t
    # the existing types keep their values: the new ones are appended
    assert t != Type.string and hash(t) > hash(Type.string)


def test_i2_tensor_storage():
    t = ov.Tensor(Type.i2, [5])
    assert t.byte_size == 2 and t.get_size() == 5
    assert t.data.dtype == np.int8 and t.data.shape == (2,)
    packed = np.array([0b11100100, 0b01], np.uint8).view(np.int8)  # codes 0, 1, 2, 3, 1
    got = convert(ov.Tensor(packed, [5], Type.i2), Type.f32)
    np.testing.assert_array_equal(got, [0, 1, -2, -1, 1])


@pytest.mark.parametrize("name", sorted(FNUZ))
def test_fnuz_decode_all_codes(name):
    ml_type = FNUZ[name]
    codes = np.arange(256, dtype=np.uint8)
    got = convert(ov.Tensor(codes, [256], getattr(Type, name)), Type.f32)
    want = codes.view(ml_type).astype(np.float32)
    np.testing.assert_array_equal(got, want)  # NaN (0x80 only) matches NaN
    assert np.isnan(got).sum() == 1 and np.isnan(got[0x80])


@pytest.mark.parametrize("source", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("name", sorted(FNUZ))
def test_fnuz_encode_matches_ml_dtypes(name, source):
    ml_type = FNUZ[name]
    with np.errstate(over="ignore"):
        x = sweep(ml_type).astype(source)
    got = convert(ov.Tensor(x), getattr(Type, name))
    assert got.dtype == np.uint8
    want = x.astype(ml_type).view(np.uint8)
    bad = np.nonzero(got != want)[0]
    assert bad.size == 0, [(float(x[i]), int(got[i]), int(want[i])) for i in bad[:8]]


@pytest.mark.parametrize("name", sorted(FNUZ))
def test_fnuz_specials(name):
    x = np.array([np.nan, np.inf, -np.inf, -0.0, 1e9, -1e9, -1e-30], np.float32)
    got = convert(ov.Tensor(x), getattr(Type, name))
    np.testing.assert_array_equal(got, [0x80, 0x80, 0x80, 0x00, 0x80, 0x80, 0x00])


@pytest.mark.parametrize("dst", ["f8e4m3fnuz", "f8e5m2fnuz", "f8e4m3", "f8e5m2"])
@pytest.mark.parametrize("src", sorted(FNUZ))
def test_fnuz_to_float8(src, dst):
    ml = dict(FNUZ, f8e4m3=ml_dtypes.float8_e4m3fn, f8e5m2=ml_dtypes.float8_e5m2)
    codes = np.arange(256, dtype=np.uint8)
    got = convert(ov.Tensor(codes, [256], getattr(Type, src)), getattr(Type, dst))
    want = codes.view(ml[src]).astype(np.float32)
    if dst in FNUZ:
        np.testing.assert_array_equal(got, want.astype(ml[dst]).view(np.uint8))
    else:  # OpenVINO's types keep OpenVINO's rules; compare values, NaN sign aside
        np.testing.assert_array_equal(got.view(ml[dst]).astype(np.float32), want.astype(ml[dst]).astype(np.float32))


@pytest.mark.parametrize("name", sorted(FNUZ))
def test_fnuz_convert_like(name):
    x = np.array([1.0, -3.3, 300.0, np.nan], np.float32)
    got = convert(ov.Tensor(x), getattr(Type, name), like=True)
    np.testing.assert_array_equal(got, x.astype(FNUZ[name]).view(np.uint8))


def unpack_i2(raw, n):
    raw = raw.view(np.uint8)
    codes = ((raw[:, None] >> np.arange(0, 8, 2, dtype=np.uint8)) & 3).reshape(-1)[:n]
    return np.where(codes >= 2, codes.astype(np.int8) - 4, codes.astype(np.int8))


def test_i2_to_and_from_other_types():
    values = np.array([-2, -1, 0, 1, 1, 0, -1, -2, 1], np.int8)
    x = values.astype(ml_dtypes.int2)
    for source in (np.float32, np.float16, np.int8, np.int32, np.int64):
        got = convert(ov.Tensor(values.astype(source)), Type.i2)
        assert got.dtype == np.int8 and got.shape == (3,)
        np.testing.assert_array_equal(unpack_i2(got, values.size), x.astype(np.int8))
    # fractions truncate toward zero, as for the other integer types and ml_dtypes
    frac = np.array([1.5, -1.5, 0.9, -0.9, -2.5], np.float32)
    got = convert(ov.Tensor(frac), Type.i2)
    np.testing.assert_array_equal(unpack_i2(got, frac.size), frac.astype(ml_dtypes.int2).astype(np.int8))
    packed = convert(ov.Tensor(values.astype(np.float32)), Type.i2)
    i2 = ov.Tensor(packed, [values.size], Type.i2)
    for dst, np_type in ((Type.f32, np.float32), (Type.f16, np.float16), (Type.i8, np.int8), (Type.i64, np.int64)):
        got = convert(i2, dst)
        assert got.dtype == np_type
        np.testing.assert_array_equal(got, x.astype(np_type))
    # i2 -> i4 keeps the values
    got = convert(i2, Type.i4).view(np.uint8)
    nibbles = ((got[:, None] >> np.array([0, 4], np.uint8)) & 0xF).reshape(-1)[: values.size]
    np.testing.assert_array_equal(np.where(nibbles >= 8, nibbles.astype(int) - 16, nibbles), values)


@pytest.mark.parametrize("raw", [False, True])
def test_onnx_initializers(tmp_path, raw):
    """ONNX FLOAT8E4M3FNUZ / FLOAT8E5M2FNUZ / INT2 initializers, as raw_data and as int32_data."""
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    i2 = np.array([-2, -1, 0, 1, 1], np.int8)
    f8 = np.array([1.0, -3.25, 240.0, np.nan, -0.0, 1e-3], np.float32)
    specs = [("a", TensorProto.INT2, i2, ml_dtypes.int2), ("b", TensorProto.FLOAT8E4M3FNUZ, f8,
             ml_dtypes.float8_e4m3fnuz), ("c", TensorProto.FLOAT8E5M2FNUZ, f8, ml_dtypes.float8_e5m2fnuz)]
    inits, nodes, outputs, wants = [], [], [], []
    for name, onnx_type, values, ml_type in specs:
        if raw:
            inits.append(numpy_helper.from_array(values.astype(ml_type), name))
        else:
            inits.append(helper.make_tensor(name, onnx_type, list(values.shape), values.tolist()))
        nodes.append(helper.make_node("Cast", [name], ["y" + name], to=TensorProto.FLOAT))
        outputs.append(helper.make_tensor_value_info("y" + name, TensorProto.FLOAT, list(values.shape)))
        wants.append(values.astype(ml_type).astype(np.float32))
    graph = helper.make_graph(nodes, "g", [], outputs, inits)
    path = tmp_path / "types.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 25)]), str(path))
    core = ov.Core()
    results = core.compile_model(core.read_model(str(path)), "CPU")([])
    for k, want in enumerate(wants):
        np.testing.assert_array_equal(results[k], want)


@pytest.mark.parametrize("saturate, expected", [(1, [240, -240, 1.5, 0]), (0, [np.nan, np.nan, 1.5, 0])])
def test_onnx_cast_f8e4m3_to_fnuz_saturates(saturate, expected):
    # An f8 source is widened exactly before ONNX's saturate rule applies (448 > e4m3fnuz's max 240).
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT8E4M3FN, [4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT8E4M3FNUZ, [4])
    node = helper.make_node("Cast", ["x"], ["y"], to=TensorProto.FLOAT8E4M3FNUZ, saturate=saturate)
    model = helper.make_model(helper.make_graph([node], "g", [x], [y]), opset_imports=[helper.make_opsetid("", 21)])
    compiled = ov.compile_model(ov.Core().read_model(model.SerializeToString()))
    value = np.array([448, -448, 1.5, 0], dtype=ml_dtypes.float8_e4m3fn)
    result = compiled([ov.Tensor(value.view(np.uint8).copy(), [4], Type.f8e4m3)])[0]
    np.testing.assert_array_equal(result.view(ml_dtypes.float8_e4m3fnuz).astype(np.float32),
                                  np.array(expected, np.float32))

"""Tests for pinot.Type (element type): attributes, flag table, strings, compatible/merge, hashing, numpy mapping."""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
from pinot import Type

# name -> (is_static, real, integral, integral_number, signed, quantized, size, bitwidth, repr C-name, to_dtype)
# Values probed from openvino 2026.4. Surprises are commented.
TYPE_TABLE = {
    # dynamic: integral=True and integral_number=True (!), size 0, bitwidth 0; to_dtype() raises (see below).
    "dynamic": (False, False, True, True, False, False, 0, 0, "dynamic", None),
    # boolean: signed=True (!), integral but not integral_number; repr C-name is 'char'.
    "boolean": (True, False, True, False, True, False, 1, 8, "char", np.bool_),
    # bf16 has no numpy dtype: to_dtype() gives float16 (raw bits are reinterpreted, not converted).
    "bf16": (True, True, False, False, True, False, 2, 16, "bfloat16", np.float16),
    "f16": (True, True, False, False, True, False, 2, 16, "float16", np.float16),
    "f32": (True, True, False, False, True, False, 4, 32, "float32", np.float32),
    # f64's C-name is 'double64' (not 'float64').
    "f64": (True, True, False, False, True, False, 8, 64, "double64", np.float64),
    # Sub-byte types report size 1 (rounded up), their real bitwidth, and map to 8-bit numpy dtypes.
    "i4": (True, False, True, True, True, True, 1, 4, "int4_t", np.int8),
    "i8": (True, False, True, True, True, True, 1, 8, "int8_t", np.int8),
    "i16": (True, False, True, True, True, False, 2, 16, "int16_t", np.int16),
    "i32": (True, False, True, True, True, True, 4, 32, "int32_t", np.int32),
    "i64": (True, False, True, True, True, False, 8, 64, "int64_t", np.int64),
    "u1": (True, False, True, True, False, False, 1, 1, "uint1_t", np.uint8),
    "u2": (True, False, True, True, False, False, 1, 2, "uint2_t", np.uint8),
    "u3": (True, False, True, True, False, False, 1, 3, "uint3_t", np.uint8),
    "u4": (True, False, True, True, False, False, 1, 4, "uint4_t", np.uint8),
    "u6": (True, False, True, True, False, False, 1, 6, "uint6_t", np.uint8),
    "u8": (True, False, True, True, False, True, 1, 8, "uint8_t", np.uint8),
    "u16": (True, False, True, True, False, False, 2, 16, "uint16_t", np.uint16),
    "u32": (True, False, True, True, False, False, 4, 32, "uint32_t", np.uint32),
    "u64": (True, False, True, True, False, False, 8, 64, "uint64_t", np.uint64),
    # nf4 is integral, unsigned and quantized (not real).
    "nf4": (True, False, True, True, False, True, 1, 4, "nfloat4", np.uint8),
    "f8e4m3": (True, True, False, False, True, True, 1, 8, "f8e4m3", np.uint8),
    "f8e5m2": (True, True, False, False, True, True, 1, 8, "f8e5m2", np.uint8),
    "f8e8m0": (True, True, False, False, True, True, 1, 8, "f8e8m0", np.uint8),
    "f4e2m1": (True, True, False, False, True, True, 1, 4, "f4e2m1", np.uint8),
    # string: size is sizeof(std::string) == 32 (bitwidth 256); integral and integral_number (!).
    "string": (True, False, True, True, False, False, 32, 256, "string", np.bytes_),
}
ALL_NAMES = list(TYPE_TABLE)
# Type.undefined (deprecated alias of dynamic, API.md §13) no longer exists in openvino 2026.4: not tested.


def test_all_class_attributes_exist_and_are_types():
    for name in ALL_NAMES:
        assert isinstance(getattr(Type, name), Type), name


@pytest.mark.parametrize("name", ALL_NAMES)
def test_flag_table_methods(name):
    static, real, integral, integral_number, signed, quantized, size, bitwidth, _, _ = TYPE_TABLE[name]
    t = getattr(Type, name)
    assert t.is_static() is static
    assert t.is_dynamic() is (not static)
    assert t.is_real() is real
    assert t.is_integral() is integral
    assert t.is_integral_number() is integral_number
    assert t.is_signed() is signed
    assert t.is_quantized() is quantized
    assert t.get_type_name() == name
    assert t.get_size() == size
    assert t.get_bitwidth() == bitwidth


@pytest.mark.parametrize("name", ALL_NAMES)
def test_flag_table_properties(name):
    _, real, integral, integral_number, signed, quantized, size, bitwidth, _, _ = TYPE_TABLE[name]
    t = getattr(Type, name)
    assert t.real is real
    assert t.integral is integral
    assert t.integral_number is integral_number
    assert t.signed is signed
    assert t.quantized is quantized
    assert t.type_name == name
    assert t.size == size and type(t.size) is int
    assert t.bitwidth == bitwidth and type(t.bitwidth) is int


@pytest.mark.parametrize("name", ALL_NAMES)
def test_to_string_str_repr(name):
    c_name = TYPE_TABLE[name][8]
    t = getattr(Type, name)
    assert t.to_string() == name
    # str() is the same as repr() (both use the C type name, not the short name).
    assert repr(t) == f"<Type: '{c_name}'>"
    assert str(t) == f"<Type: '{c_name}'>"


@pytest.mark.parametrize("name", [n for n in ALL_NAMES if n != "dynamic"])
def test_to_dtype(name):
    expected = np.dtype(TYPE_TABLE[name][9])
    dt = getattr(Type, name).to_dtype()
    assert isinstance(dt, np.dtype)
    assert dt == expected


def test_to_dtype_string_is_bytes_kind():
    dt = Type.string.to_dtype()
    assert dt.kind == "S"
    assert dt == np.dtype("S")


def test_to_dtype_bf16_is_float16():
    # Surprising but real: bf16 -> float16 (raw bits), not uint16 / float32.
    assert Type.bf16.to_dtype() == np.dtype(np.float16)


def test_to_dtype_dynamic_raises():
    # openvino 2026.4 raises IndexError ("map::at", C++ std::out_of_range) for dynamic.
    with pytest.raises(IndexError):
        Type.dynamic.to_dtype()


@pytest.mark.parametrize("name", ALL_NAMES)
def test_is_static_is_method_not_property(name):
    t = getattr(Type, name)
    assert callable(t.is_static) and callable(t.is_dynamic) and callable(t.to_dtype)


# --------------------------------------------------------------------------------------- compatible / merge
@pytest.mark.parametrize(
    "a, b, compatible",
    [
        ("f32", "f32", True),
        ("f32", "dynamic", True),
        ("dynamic", "i8", True),
        ("dynamic", "dynamic", True),
        ("f32", "f16", False),
        ("i8", "u8", False),
        ("f16", "bf16", False),
        ("u4", "i4", False),
        ("string", "dynamic", True),
        ("string", "u8", False),
    ],
)
def test_compatible(a, b, compatible):
    assert getattr(Type, a).compatible(getattr(Type, b)) is compatible
    assert getattr(Type, b).compatible(getattr(Type, a)) is compatible


@pytest.mark.parametrize(
    "a, b, merged",
    [
        ("dynamic", "f32", "f32"),
        ("f32", "dynamic", "f32"),
        ("f32", "f32", "f32"),
        ("dynamic", "dynamic", "dynamic"),
        ("u4", "dynamic", "u4"),
        ("string", "string", "string"),
        ("f32", "i8", None),
        ("f16", "bf16", None),
        ("i64", "u64", None),
    ],
)
def test_merge(a, b, merged):
    result = getattr(Type, a).merge(getattr(Type, b))
    if merged is None:
        assert result is None
    else:
        assert isinstance(result, Type)
        assert result == getattr(Type, merged)


# --------------------------------------------------------------------------------------- equality / hash
@pytest.mark.parametrize("name", ALL_NAMES)
def test_equality_with_itself(name):
    assert getattr(Type, name) == getattr(Type, name)
    assert not (getattr(Type, name) != getattr(Type, name))
    assert hash(getattr(Type, name)) == hash(getattr(Type, name))


def test_all_types_distinct():
    types = [getattr(Type, n) for n in ALL_NAMES]
    for i, a in enumerate(types):
        for j, b in enumerate(types):
            assert (a == b) is (i == j), (ALL_NAMES[i], ALL_NAMES[j])
            assert (a != b) is (i != j)


def test_usable_as_dict_key_and_in_set():
    d = {getattr(Type, n): n for n in ALL_NAMES}
    assert len(d) == len(ALL_NAMES)
    for n in ALL_NAMES:
        assert d[getattr(Type, n)] == n
    assert d[Type(np.float32)] == "f32"
    assert len({Type.f32, Type.f32, Type(np.float32), Type.i8}) == 2
    assert Type.f32 in {Type.f32, Type.f16}
    assert Type.u8 not in {Type.f32, Type.f16}


def test_equality_with_other_objects_is_false():
    assert (Type.f32 == "f32") is False
    assert (Type.f32 == 1) is False
    assert (Type.f32 == np.float32) is False
    assert (Type.f32 != "f32") is True
    assert (Type.f32 == None) is False  # noqa: E711


def test_not_orderable():
    with pytest.raises(TypeError):
        Type.f32 < Type.f16  # noqa: B015


# --------------------------------------------------------------------------------------- Type(...) constructor
NUMPY_TO_TYPE = [
    (np.float16, "f16"), (np.float32, "f32"), (np.float64, "f64"),
    (np.int8, "i8"), (np.int16, "i16"), (np.int32, "i32"), (np.int64, "i64"),
    (np.uint8, "u8"), (np.uint16, "u16"), (np.uint32, "u32"), (np.uint64, "u64"),
    (np.bool_, "boolean"),
]


@pytest.mark.parametrize("np_type, name", NUMPY_TO_TYPE)
def test_constructor_from_numpy_scalar_type(np_type, name):
    assert Type(np_type) == getattr(Type, name)


@pytest.mark.parametrize("np_type, name", NUMPY_TO_TYPE)
def test_constructor_from_numpy_dtype(np_type, name):
    assert Type(np.dtype(np_type)) == getattr(Type, name)


@pytest.mark.parametrize("np_type, name", NUMPY_TO_TYPE)
def test_constructor_from_dtype_name_string(np_type, name):
    assert Type(np.dtype(np_type).name) == getattr(Type, name)


@pytest.mark.parametrize("np_type, name", NUMPY_TO_TYPE)
def test_numpy_round_trip_via_to_dtype(np_type, name):
    assert Type(np_type).to_dtype() == np.dtype(np_type)


@pytest.mark.parametrize(
    "arg, name",
    [
        (bool, "boolean"),
        (bytes, "string"),
        (str, "string"),
        (np.str_, "string"),
        (np.bytes_, "string"),
        # Python int/float go through np.dtype(): int64 / float64 on Linux.
        (int, "i64"),
        (float, "f64"),
        ("bytes_", "string"),
        ("str_", "string"),
        ("|S", "string"),
        ("|U", "string"),
        ("S", "string"),
        ("U", "string"),
        ("<U5", "string"),
        (np.dtype("S5"), "string"),
        (np.dtype("<U3"), "string"),
        ("bool", "boolean"),
        ("bool_", "boolean"),
        ("?", "boolean"),
        ("f2", "f16"),
        ("f4", "f32"),
        ("e", "f16"),
        ("d", "f64"),
        ("b", "i8"),
        ("u1", "u8"),  # numpy spelling: u1 == uint8 (NOT Type.u1)
        ("u8", "u64"),  # numpy spelling: u8 == uint64 (NOT Type.u8)
        ("i8", "i64"),  # numpy spelling: i8 == int64
        ("float", "f64"),
        ("int", "i64"),
        (None, "f64"),  # np.dtype(None) is float64
    ],
)
def test_constructor_from_python_types_and_strings(arg, name):
    assert Type(arg) == getattr(Type, name)


@pytest.mark.parametrize(
    "arg, shown",
    [
        (np.complex64, "complex64"),
        (np.complex128, "complex128"),
        ("complex64", "complex64"),
        (np.object_, "object"),
        (object, "object"),
        (np.dtype("O"), "object"),
        (np.longdouble, "float128"),
        (np.datetime64, "datetime64"),
        (np.dtype("V4"), "V4"),
    ],
)
def test_constructor_unsupported_dtype(arg, shown):
    if arg is np.longdouble and np.dtype(np.longdouble).itemsize != 16:
        pytest.skip("longdouble is not float128 on this platform")
    with pytest.raises(RuntimeError, match="Unsupported data type") as e:
        Type(arg)
    assert shown in str(e.value)


@pytest.mark.parametrize("arg", ["f32", "xyz", 5])
def test_constructor_not_a_dtype_raises_type_error(arg):
    # The argument goes through np.dtype(); numpy's TypeError propagates.
    with pytest.raises(TypeError):
        Type(arg)


def test_constructor_from_type():
    # openvino 2026.4 passes a Type to np.dtype() and fails with TypeError; Pinot accepts
    # a Type as well (a strict superset), so code that normalises "Type or dtype" works.
    if ORACLE:
        with pytest.raises(TypeError):
            Type(Type.f32)
    else:
        assert Type(Type.f32) is Type.f32


def test_constructor_without_arguments_raises_type_error():
    with pytest.raises(TypeError):
        Type()


def test_type_is_exported_at_top_level():
    assert ov.Type is Type

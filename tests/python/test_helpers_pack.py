"""Tests for pinot.helpers.pack_data / unpack_data: exact byte layouts, round trips, errors, use with Tensor."""
import math
import re
import zlib

import numpy as np
import pytest

import pinot as ov
from pinot import Shape, Tensor, Type
from pinot.helpers import pack_data, unpack_data

# name -> (value range [lo, hi), unpacked numpy dtype)
PACKABLE = {
    "u1": (0, 2, np.uint8),
    "u2": (0, 4, np.uint8),
    "u3": (0, 8, np.uint8),
    "u4": (0, 16, np.uint8),
    "u6": (0, 64, np.uint8),
    "i4": (-8, 8, np.int8),
    "nf4": (0, 16, np.uint8),
    "f4e2m1": (0, 16, np.uint8),
}


def packed_len(name, n):
    """Expected pack_data() output length for n elements."""
    if name == "u3":
        return math.ceil(n / 8) * 3  # 8 values -> 3 bytes
    if name == "u6":
        return math.ceil(n / 4) * 3  # 4 values -> 3 bytes
    return math.ceil(n * getattr(Type, name).bitwidth / 8)


def test_module_layout():
    assert ov.helpers.pack_data is pack_data
    assert ov.helpers.unpack_data is unpack_data


# ------------------------------------------------------------------------------ exact byte layouts
@pytest.mark.parametrize(
    "values, type_name, packed",
    [
        ([7, 8], "u4", [120]),  # 0111 1000: element 0 in the HIGH nibble
        ([1, 0, 0, 0, 0, 0, 0, 1], "u1", [0x81]),
        ([0, 1, 1, 0, 0, 0, 0, 0, 1], "u1", [0x60, 0x80]),  # zero padded at the end
        ([-1], "i4", [0xF0]),  # nibble 0xF, padded with a zero nibble
        ([-1, 2], "i4", [0xF2]),
        ([-8, -1, 0, 7], "i4", [0x8F, 0x07]),
        ([8], "i4", [0x80]),
        (list(range(16)), "u4", [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF]),
        ([1, 2], "nf4", [0x12]),
        ([1, 2], "f4e2m1", [0x12]),
        ([1, 2, 3], "u2", [0b01101100]),
        ([1, 2, 3, 0, 1, 2, 3, 1], "u2", [0b01101100, 0b01101101]),
        # u3: byte0 = low 2 bits of v0..v3 (v0 in bits 7-6), byte1 = same for v4..v7,
        #     byte2 = bit 2 of v0..v7 (v0 in bit 7)
        ([1, 2, 3, 4, 5, 6, 7, 0], "u3", [0b01101100, 0b01101100, 0b00011110]),
        ([1, 2, 3, 4, 5, 6, 7], "u3", [108, 108, 30]),
        ([7, 7, 7, 7, 7, 7, 7, 7, 5], "u3", [0xFF, 0xFF, 0xFF, 0b01000000, 0, 0b10000000]),
        # u6: byte0 = low nibbles of v0 (high) and v1, byte1 = v2/v3, byte2 = bits 5-4 of v0..v3
        ([1, 2, 3, 63], "u6", [0x12, 0x3F, 0x03]),
        ([0x3F, 0x21, 0x12, 0x0C], "u6", [0xF1, 0x2C, 0xE4]),
        ([1, 2, 3], "u6", [0x12, 0x30, 0x00]),
    ],
)
def test_pack_exact_bytes(values, type_name, packed):
    out = pack_data(np.array(values), getattr(Type, type_name))
    assert out.dtype == np.uint8
    assert out.ndim == 1
    np.testing.assert_array_equal(out, np.array(packed, dtype=np.uint8))


@pytest.mark.parametrize(
    "packed, type_name, shape, values",
    [
        ([120], "u4", [2], [7, 8]),
        ([0x81], "u1", [8], [1, 0, 0, 0, 0, 0, 0, 1]),
        ([0xF0], "i4", [2], [-1, 0]),  # sign extension of the high bit
        ([0x8F], "i4", [2], [-8, -1]),
        ([0x70, 0x81], "i4", [4], [7, 0, -8, 1]),
        ([0x78], "nf4", [2], [7, 8]),
        ([0x78], "f4e2m1", [2], [7, 8]),
        ([0x78], "u2", [4], [1, 3, 2, 0]),
        ([0x12, 0x34], "u4", [2, 2], [[1, 2], [3, 4]]),
        ([0x12, 0x34], "u4", [3], [1, 2, 3]),  # trailing values are dropped
        ([0x12, 0x34], "u1", [16], [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0]),
        ([1, 2, 3], "u3", [8], [0, 0, 0, 1, 0, 0, 4, 6]),
        ([108, 108, 30], "u3", [7], [1, 2, 3, 4, 5, 6, 7]),
        ([0xF1, 0x2C, 0xE4], "u6", [4], [0x3F, 0x21, 0x12, 0x0C]),
        ([1, 2, 3], "u6", [4], [0, 1, 0, 50]),
    ],
)
def test_unpack_exact_values(packed, type_name, shape, values):
    out = unpack_data(np.array(packed, dtype=np.uint8), getattr(Type, type_name), shape)
    assert out.dtype == PACKABLE[type_name][2]
    assert out.shape == tuple(shape)
    np.testing.assert_array_equal(out, np.array(values))


def test_unpack_shape_spellings():
    packed = np.array([0x78], np.uint8)
    for shape, expected in [([2], [7, 8]), ((1, 2), [[7, 8]]), (Shape([2, 1]), [[7], [8]])]:
        np.testing.assert_array_equal(unpack_data(packed, Type.u4, shape), np.array(expected))


def test_unpack_views_input_as_bytes():
    # Any dtype is viewed as raw bytes (little endian here): int8 0x78 == 120.
    np.testing.assert_array_equal(unpack_data(np.array([0x78], np.int8), Type.u4, [2]), [7, 8])
    bits = unpack_data(np.array([0x8000], np.uint16), Type.u1, [16])
    np.testing.assert_array_equal(bits, [0] * 8 + [1] + [0] * 7)


def test_unpack_larger_shape_repeats_data():
    # np.resize semantics: a shape larger than the data repeats it.
    np.testing.assert_array_equal(unpack_data(np.array([0x12], np.uint8), Type.u4, [3]), [1, 2, 1])


# ------------------------------------------------------------------------------ round trips
SHAPES = [(1,), (2,), (3,), (5,), (7,), (8,), (9,), (16,), (3, 3), (2, 5, 7), (1, 3, 27, 27)]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "x".join(map(str, s)))
@pytest.mark.parametrize("type_name", list(PACKABLE))
def test_round_trip(type_name, shape):
    lo, hi, dtype = PACKABLE[type_name]
    rng = np.random.default_rng(zlib.crc32(f"{type_name}{shape}".encode()))  # deterministic
    data = rng.integers(lo, hi, size=shape)
    packed = pack_data(data, getattr(Type, type_name))
    assert packed.dtype == np.uint8
    assert packed.shape == (packed_len(type_name, data.size),)
    out = unpack_data(packed, getattr(Type, type_name), list(shape))
    assert out.dtype == dtype
    assert out.shape == shape
    np.testing.assert_array_equal(out, data)


@pytest.mark.parametrize("type_name", list(PACKABLE))
def test_round_trip_all_values(type_name):
    lo, hi, _ = PACKABLE[type_name]
    data = np.arange(lo, hi)
    out = unpack_data(pack_data(data, getattr(Type, type_name)), getattr(Type, type_name), [data.size])
    np.testing.assert_array_equal(out, data)


@pytest.mark.parametrize(
    "data", [np.array([7, 8], np.uint8), np.array([7.0, 8.0]), np.array([7, 8], np.int64), np.array([[7, 8]])]
)
def test_pack_accepts_any_integral_valued_dtype(data):
    np.testing.assert_array_equal(pack_data(data, Type.u4), [120])


def test_pack_bool_as_u1():
    np.testing.assert_array_equal(pack_data(np.array([True, False] * 4), Type.u1), [0b10101010])


def test_pack_empty():
    out = pack_data(np.array([], np.uint8), Type.u4)
    assert out.dtype == np.uint8 and out.size == 0


# ------------------------------------------------------------------------------ errors and truncation
@pytest.mark.parametrize(
    "values, type_name, message",
    [
        ([1.5, 2], "u4", 'The conversion of array "[1.5 2. ]" to dtype "[1 2]" results in rounding'),
        ([256], "u4", 'The conversion of array "[256]" to dtype "[0]" results in rounding'),
        ([-1], "u4", 'The conversion of array "[-1]" to dtype "[255]" results in rounding'),
        ([-1], "u1", 'The conversion of array "[-1]" to dtype "[255]" results in rounding'),
        ([200], "i4", 'The conversion of array "[200]" to dtype "[-56]" results in rounding'),
        ([0.5], "nf4", 'The conversion of array "[0.5]" to dtype "[0]" results in rounding'),
    ],
)
def test_pack_rounding_error(values, type_name, message):
    # NB: the second quoted part is the *casted array* (not a dtype name), as in openvino 2026.4.
    with pytest.raises(RuntimeError, match="^" + re.escape(message) + "$"):
        pack_data(np.array(values), getattr(Type, type_name))


@pytest.mark.parametrize(
    "values, type_name, packed",
    [
        ([16], "u4", [0x00]),  # fits uint8, so no rounding error: only the low 4 bits are kept
        ([17, 2], "u4", [0x12]),
        ([2], "u1", [0x00]),
        ([3], "u1", [0x80]),
        ([8], "u3", [0, 0, 0]),  # u3/u6 paths mask silently (no rounding check at all)
        ([64, 65, 1, 2], "u6", [0x01, 0x12, 0x00]),
    ],
)
def test_pack_out_of_range_values_are_truncated(values, type_name, packed):
    np.testing.assert_array_equal(pack_data(np.array(values), getattr(Type, type_name)), packed)


@pytest.mark.parametrize("type_name", ["u8", "i8", "f32", "f16", "boolean", "f8e4m3"])
def test_unsupported_types(type_name):
    # "thedata" (missing space) is the literal message of openvino 2026.4.
    with pytest.raises(AssertionError, match="^Packing algorithm for thedata types stored in 1, 2 or 4 bits$"):
        pack_data(np.array([1, 2]), getattr(Type, type_name))
    with pytest.raises(AssertionError, match="^Unpacking algorithm for thedata types stored in 1, 2 or 4 bits$"):
        unpack_data(np.array([1, 2], np.uint8), getattr(Type, type_name), [2])


# ------------------------------------------------------------------------------ use with Tensor
def test_tensor_u4_from_packed_data():
    data = np.random.default_rng(1).integers(0, 16, size=100).astype(np.uint8)
    packed = pack_data(data, Type.u4)
    t = Tensor(packed, [100], Type.u4)
    assert t.element_type == Type.u4
    assert t.shape == [100]
    assert t.byte_size == 50
    assert t.data.dtype == np.uint8 and t.data.shape == (50,)
    np.testing.assert_array_equal(t.data, packed)
    np.testing.assert_array_equal(unpack_data(t.data, t.element_type, t.shape), data)


@pytest.mark.parametrize(
    "type_name, shape, byte_size",
    [("u1", [1, 3, 32, 32], 384), ("i4", [3, 5], 8), ("u4", [1, 3, 27, 27], 1094), ("nf4", [7], 4), ("u2", [9], 3)],
)
def test_tensor_round_trip_through_data(type_name, shape, byte_size):
    lo, hi, dtype = PACKABLE[type_name]
    data = np.random.default_rng(2).integers(lo, hi, size=shape)
    t = Tensor(pack_data(data, getattr(Type, type_name)), shape, getattr(Type, type_name))
    assert t.byte_size == byte_size
    out = unpack_data(t.data, t.element_type, t.shape)
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, data)


def test_tensor_data_write_then_unpack():
    t = Tensor(Type.u4, [4])
    t.data[:] = pack_data(np.array([1, 2, 3, 4]), Type.u4)
    np.testing.assert_array_equal(t.data, [0x12, 0x34])
    np.testing.assert_array_equal(unpack_data(t.data, Type.u4, t.shape), [1, 2, 3, 4])

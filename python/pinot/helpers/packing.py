"""pack_data / unpack_data: numpy arrays <-> the byte layout of u1, u2, u3, u4,
u6, i4, nf4 and f4e2m1 data, bit for bit as openvino.helpers produces it.

u1/u2/u4/i4/nf4/f4e2m1: each value's low `bitwidth` bits, most significant bit
first, values in order, zero-padded to a whole byte: u4 [7, 8] -> [0x78].
u3: 8 values in 3 bytes, "transposed": bytes 0-1 hold bits 1..0 of values 0-3
and 4-7 (value 0 in the top bits), byte 2 holds bit 2 of values 0-7.
u6: 4 values in 3 bytes: bytes 0-1 hold bits 3..0 of values 0-1 and 2-3,
byte 2 holds bits 5..4 of values 0-3.
Note the core stores 4-bit types low nibble first; these helpers do not, on
purpose, to match OpenVINO's helpers byte for byte.
"""
from typing import Union

import numpy as np

from pinot._pinot import Shape, Type

_STANDARD_TYPES = (Type.u1, Type.u2, Type.u4, Type.i4, Type.nf4, Type.f4e2m1)


def _padded_groups(values: np.ndarray, group: int) -> np.ndarray:
    """Flatten and zero-pad to whole groups of `group` values; one row per group."""
    flat = values.reshape(-1)
    pad = (-flat.size) % group
    if pad:
        flat = np.concatenate((flat, np.zeros(pad, dtype=flat.dtype)))
    return flat.reshape(-1, group)


def pack_data(array: np.ndarray, type: Type) -> np.ndarray:
    """Pack the values of `array` as `type` (u1, u2, u3, u4, u6, i4, nf4 or f4e2m1)
    into a uint8 array."""
    if type == Type.u3:
        groups = _padded_groups(np.asarray(array).astype(np.uint8, casting="unsafe"), 8)
        low = groups & 0x3
        high = (groups >> 2) & 0x1
        shifts2 = np.array([6, 4, 2, 0], dtype=np.uint8)
        byte0 = np.bitwise_or.reduce(low[:, :4] << shifts2, axis=1)
        byte1 = np.bitwise_or.reduce(low[:, 4:] << shifts2, axis=1)
        byte2 = np.bitwise_or.reduce(high << np.arange(7, -1, -1, dtype=np.uint8), axis=1)
        return np.stack((byte0, byte1, byte2), axis=1).reshape(-1).astype(np.uint8)
    if type == Type.u6:
        groups = _padded_groups(np.asarray(array).astype(np.uint8, casting="unsafe"), 4)
        low = groups & 0xF
        high = (groups >> 4) & 0x3
        byte0 = (low[:, 0] << 4) | low[:, 1]
        byte1 = (low[:, 2] << 4) | low[:, 3]
        byte2 = np.bitwise_or.reduce(high << np.array([6, 4, 2, 0], dtype=np.uint8), axis=1)
        return np.stack((byte0, byte1, byte2), axis=1).reshape(-1).astype(np.uint8)

    # openvino's message lacks a space ("thedata"); kept verbatim for code matching on it.
    assert type in _STANDARD_TYPES, "Packing algorithm for thedata types stored in 1, 2 or 4 bits"
    array = np.asarray(array)
    regular_dtype = np.int8 if type == Type.i4 else np.uint8
    casted = array.astype(dtype=regular_dtype, casting="unsafe")
    if not np.array_equal(casted, array):
        raise RuntimeError(f'The conversion of array "{array}" to dtype "{casted}" results in rounding')
    bits = type.bitwidth
    per_byte = 8 // bits
    groups = _padded_groups(casted.view(np.uint8) if casted.dtype == np.int8 else casted, per_byte)
    mask = np.uint8((1 << bits) - 1)
    shifts = np.arange(8 - bits, -1, -bits, dtype=np.uint8)  # first value in the top bits
    return np.bitwise_or.reduce((groups & mask) << shifts, axis=1).astype(np.uint8)


def unpack_data(array: np.ndarray, type: Type, shape: Union[list, Shape]) -> np.ndarray:
    """Unpack `type` values from the bytes of `array` into a uint8 (int8 for i4)
    array of `shape`."""
    data = np.asarray(array).view(np.uint8).reshape(-1)
    shape = list(shape)
    if type == Type.u3:
        groups = data[: data.size // 3 * 3].reshape(-1, 3)
        shifts2 = np.array([6, 4, 2, 0], dtype=np.uint8)
        low = np.concatenate(((groups[:, :1] >> shifts2) & 0x3, (groups[:, 1:2] >> shifts2) & 0x3), axis=1)
        high = (groups[:, 2:3] >> np.arange(7, -1, -1, dtype=np.uint8)) & 0x1
        return np.resize((low | (high << 2)).reshape(-1).astype(np.uint8), shape)
    if type == Type.u6:
        groups = data[: data.size // 3 * 3].reshape(-1, 3)
        low = np.stack((groups[:, 0] >> 4, groups[:, 0] & 0xF, groups[:, 1] >> 4, groups[:, 1] & 0xF), axis=1)
        high = (groups[:, 2:3] >> np.array([6, 4, 2, 0], dtype=np.uint8)) & 0x3
        return np.resize((low | (high << 4)).reshape(-1).astype(np.uint8), shape)

    assert type in _STANDARD_TYPES, "Unpacking algorithm for thedata types stored in 1, 2 or 4 bits"
    bits = type.bitwidth
    shifts = np.arange(8 - bits, -1, -bits, dtype=np.uint8)
    values = ((data[:, None] >> shifts) & np.uint8((1 << bits) - 1)).reshape(-1)
    if type == Type.i4:
        # Sign-extend the nibble: 0x8..0xF are -8..-1.
        values = np.where(values & 0x8, values | 0xF0, values).astype(np.uint8).view(np.int8)
        return np.resize(values, shape).astype(np.int8)
    return np.resize(values.astype(np.uint8), shape)

"""Element types for the data-movement op tests (test_reshape.py,
test_movement.py): random element *codes* of every element type, tensors
holding them, and decoding of outputs back to codes.

Data-movement ops never look at values, so a test builds a numpy array of
codes (the value for numpy-native types, the raw bits for bf16 and the f8
types, the small integer code for packed types, str for string), moves it
with numpy, and compares codes exactly. Packed types use the core memory
layout: u1 most significant bit first; u2, i2, u4, i4, nf4, f4e2m1 lowest bits
first; u3 (8 values in 3 bytes) and u6 (4 values in 3 bytes) split into low
and high parts as src/ops/ref-util.c describes.
"""
import numpy as np
import pytest

from conftest import ORACLE
from pinot import Tensor, Type

NATIVE = {
    "f32": np.float32, "f64": np.float64, "f16": np.float16,
    "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64,
    "u8": np.uint8, "u16": np.uint16, "u32": np.uint32, "u64": np.uint64,
    "boolean": np.bool_,
}
RAW = {"bf16": np.uint16, "f8e4m3": np.uint8, "f8e5m2": np.uint8, "f8e8m0": np.uint8}
PACKED = {"u1": 1, "u2": 2, "u3": 3, "u4": 4, "u6": 6, "i4": 4, "nf4": 4, "f4e2m1": 4}
if not ORACLE:  # Pinot-only types: i2 packs like u2
    RAW.update({"f8e4m3fnuz": np.uint8, "f8e5m2fnuz": np.uint8})
    PACKED["i2"] = 2
ALL_TYPES = list(NATIVE) + list(RAW) + list(PACKED) + ["string"]

# What openvino 2026.4.1's CPU plugin (the oracle run) does not move intact: it carries the
# 64-bit types as 32-bit ones and repacks, rejects or (nf4, in most ops) crashes on the
# sub-byte types.
ORACLE_MANGLED = {"f64", "i64", "u64", "u1", "u2", "u3", "u4", "u6", "i4", "nf4", "f4e2m1", "f8e8m0"}


def skip_oracle_mangled(op, type_name, crashes=()):
    """In the oracle run, skip what OpenVINO's CPU plugin cannot move (`crashes`: types that crash it for `op`)."""
    if not ORACLE:
        return
    if type_name in crashes or type_name == "nf4":
        pytest.skip(f"openvino 2026.4.1 crashes (or mangles): its CPU plugin running {op} on {type_name}")
    if type_name in ORACLE_MANGLED:
        pytest.skip(f"openvino 2026.4.1's CPU plugin does not move {type_name} values intact")


def ov_type(name):
    return getattr(Type, name)


def random_codes(name, shape, rng):
    """Random codes of type `name` in an array of `shape`."""
    shape = tuple(shape)
    if name == "string":
        letters = np.array(list("abcdefgh"))
        words = ["".join(rng.choice(letters, rng.integers(0, 6))) for _ in range(int(np.prod(shape)))]
        return np.array(words, dtype=str).reshape(shape) if words else np.zeros(shape, dtype="<U1")
    if name in PACKED:
        return rng.integers(0, 1 << PACKED[name], shape).astype(np.uint8)
    if name in RAW:
        dtype = RAW[name]
        return rng.integers(0, np.iinfo(dtype).max, shape, endpoint=True).astype(dtype)
    dtype = NATIVE[name]
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(np.bool_)
    if np.issubdtype(dtype, np.floating):
        return rng.uniform(-100, 100, shape).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, shape, endpoint=True, dtype=dtype)


def _packed_size(name, n):
    bits = PACKED[name]
    if bits == 3:
        return (n + 7) // 8 * 3
    if bits == 6:
        return (n + 3) // 4 * 3
    return (n * bits + 7) // 8


def pack(name, codes):
    flat = np.asarray(codes, dtype=np.int64).ravel()
    out = np.zeros(_packed_size(name, flat.size), dtype=np.uint8)
    for i, v in enumerate(flat):
        v = int(v)
        if name == "u1":
            out[i // 8] |= v << (7 - i % 8)
        elif name in ("u2", "i2"):
            out[i // 4] |= v << (2 * (i % 4))
        elif name == "u3":
            g, j = (i // 8) * 3, i % 8
            out[g + j // 4] |= (v & 3) << (6 - 2 * (j % 4))
            out[g + 2] |= ((v >> 2) & 1) << (7 - j)
        elif name == "u6":
            g, j = (i // 4) * 3, i % 4
            out[g + j // 2] |= (v & 15) << (4 if j % 2 == 0 else 0)
            out[g + 2] |= ((v >> 4) & 3) << (6 - 2 * j)
        else:
            out[i // 2] |= v << (4 * (i % 2))
    return out


def unpack(name, raw, n):
    raw = np.asarray(raw).view(np.uint8).ravel()
    out = np.zeros(n, dtype=np.uint8)
    for i in range(n):
        if name == "u1":
            v = (raw[i // 8] >> (7 - i % 8)) & 1
        elif name in ("u2", "i2"):
            v = (raw[i // 4] >> (2 * (i % 4))) & 3
        elif name == "u3":
            g, j = (i // 8) * 3, i % 8
            v = ((raw[g + j // 4] >> (6 - 2 * (j % 4))) & 3) | (((raw[g + 2] >> (7 - j)) & 1) << 2)
        elif name == "u6":
            g, j = (i // 4) * 3, i % 4
            v = ((raw[g + j // 2] >> (4 if j % 2 == 0 else 0)) & 15) | (((raw[g + 2] >> (6 - 2 * j)) & 3) << 4)
        else:
            v = (raw[i // 2] >> (4 * (i % 2))) & 15
        out[i] = v
    return out


def to_input(name, codes):
    """An inference input holding `codes`: a numpy array or a reinterpreting Tensor."""
    codes = np.asarray(codes)
    if name in NATIVE or name == "string":
        return np.array(codes, order="C")
    if name in RAW:
        return Tensor(np.array(codes, order="C"), list(codes.shape), ov_type(name))
    return Tensor(pack(name, codes), list(codes.shape), ov_type(name))


def decode(name, value, shape):
    """Codes of an inference output (numpy array) of `shape`."""
    shape = tuple(shape)
    value = np.asarray(value)
    if name in PACKED:
        return unpack(name, value, int(np.prod(shape))).reshape(shape)
    if name in RAW:
        return value.view(RAW[name]).reshape(shape)
    return value.reshape(shape)


def assert_codes_equal(name, got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, (got.shape, want.shape)
    if name in NATIVE and np.issubdtype(NATIVE[name], np.floating):
        # Compare bits: a move must not change NaN payloads or signed zeros.
        bits = {2: np.uint16, 4: np.uint32, 8: np.uint64}[want.dtype.itemsize]
        np.testing.assert_array_equal(got.view(bits), want.view(bits))
    else:
        np.testing.assert_array_equal(got, want)

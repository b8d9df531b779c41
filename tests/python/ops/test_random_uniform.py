"""RandomUniform-8 against values captured from openvino 2026.4.1's CPU plugin (bit for bit: Philox
for alignment "tensorflow", MT19937 for "pytorch", over every output type, first and second
inference), plus distribution sanity, determinism, the seed-0 behaviour, shape inference and errors.
Runs as is against OpenVINO with PINOT_TEST_ORACLE=openvino."""
import numpy as np
import pytest

import pinot as ov
import pinot.opset8 as ops
from conftest import ORACLE

BITS = {"f32": np.uint32, "f64": np.uint64, "f16": np.uint16, "bf16": np.uint16}
NP = {"f32": np.float32, "f64": np.float64, "f16": np.float16, "i32": np.int32, "i64": np.int64}

# (type, shape, min, max, global_seed, op_seed, alignment, first inference, second inference):
# float outputs as their bit patterns, integers as values. Captured from openvino 2026.4.1 (CPU).
EXPECTED = [
    ('f32', [2, 3], 0.0, 1.0, 150, 10, 'tensorflow', ['0x3f337cd6', '0x3e9c5ce8', '0x3f7076a8', '0x3f721312', '0x3def8250', '0x3f01f8aa'], ['0x3f6c6798', '0x3eaf4334', '0x3ee3f788', '0x3ef339f8', '0x3f21f9c2', '0x3e0d9300']),
    ('f32', [5], -2.5, 4.0, 7, 3, 'tensorflow', ['0x3ddb4828', '0xbd4f0a60', '0xbefaac70', '0xbff6b898', '0x40165c1e'], ['0x3f0ca155', '0xbfa14fd6', '0x401ebdd4', '0xc014bb28', '0x404ae520']),
    ('f16', [4], -5.0, 20.0, 1, 2, 'tensorflow', ['0x4529', '0x4c1c', '0xc33b', '0xc1b5'], ['0xc4e0', '0x4907', '0x4b3f', '0x3f78']),
    ('bf16', [4], -3.75, 12.875, 5, 7, 'tensorflow', ['0x414a', '0x413b', '0x4017', '0x4135'], ['0x3fca', '0x4148', '0x414a', '0x4114']),
    ('f64', [3], 0.0, 1000.0, 42, 0, 'tensorflow', ['0x408a1bac40000000', '0x408ca260e0000000', '0x407eea6480000000'], ['0x4076e2e500000000', '0x402ee81c00000000', '0x40851e6e20000000']),
    ('i32', [6], -5, 20, 150, 10, 'tensorflow', [5, 5, 11, 0, 17, 15], [17, 8, 11, 9, 8, 14]),
    ('i64', [4], -10, 2147483647, 150, 10, 'tensorflow', [1616494186, 2057770800, 385366867, 1433995656], [1305021667, 1020624395, 962643785, 45160201]),
    ('f32', [4], 0.0, 1.0, 150, 10, 'pytorch', ['0x3f18f4e4', '0x3f0b69ba', '0x3d26dfb0', '0x3f14c019'], ['0x3f18f4e4', '0x3f0b69ba', '0x3d26dfb0', '0x3f14c019']),
    ('f16', [3], -5.0, 20.0, 150, 10, 'pytorch', ['0x48f8', '0x484f', '0xc3f7'], ['0x48f8', '0x484f', '0xc3f7']),
    ('bf16', [4], -5.0, 20.0, 150, 10, 'pytorch', ['0x418a', '0x4152', '0x419c', '0xc024'], ['0x418a', '0x4152', '0x419c', '0xc024']),
    ('f64', [3], -1.0, 1.0, 4294967303, 1, 'pytorch', ['0x3fb1e15e00000000', '0xbfe346cf00000000', '0x3fd4610c80000000'], ['0x3fb1e15e00000000', '0xbfe346cf00000000', '0x3fd4610c80000000']),
    ('i32', [5], -10, 2147483647, 150, 10, 'pytorch', [-392629012, -292853310, -1039503878, -1802190815, -525467144], [-392629012, -292853310, -1039503878, -1802190815, -525467144]),
    ('i64', [4], -5, 20, 9, 0, 'pytorch', [15, 8, 19, 17], [15, 8, 19, 17]),
]


def bound(value, type_name):
    """min_val / max_val as a scalar Constant of the output type."""
    if type_name != "bf16":
        return ops.constant(np.array(value, NP[type_name]))
    if ORACLE:
        return ops.constant(np.array(value, np.float32), ov.Type.bf16)
    tensor = ov.Tensor(ov.Type.bf16, [])
    tensor.data.view(np.uint16)[...] = np.array(value, np.float32).view(np.uint32) >> 16  # exact bf16 values here
    return ops.constant(tensor)


def compile_random(shape, lo, hi, type_name, global_seed, op_seed, alignment="tensorflow"):
    node = ops.random_uniform(ops.constant(np.array(shape, np.int64)), bound(lo, type_name), bound(hi, type_name),
                              type_name, global_seed, op_seed, alignment)
    return ov.compile_model(ov.Model([node], []), "CPU")


def as_codes(values, type_name):
    values = np.asarray(values).ravel()
    if type_name in BITS:
        return [hex(int(x)) for x in values.view(BITS[type_name])]
    return [int(x) for x in values]


@pytest.mark.parametrize("case", EXPECTED, ids=[f"{c[0]}-{c[6]}-{c[4]}" for c in EXPECTED])
def test_random_uniform_exact(case):
    type_name, shape, lo, hi, global_seed, op_seed, alignment, first, second = case
    request = compile_random(shape, lo, hi, type_name, global_seed, op_seed, alignment).create_infer_request()
    out = request.infer()[0]
    assert list(out.shape) == shape
    assert as_codes(out, type_name) == first
    assert as_codes(request.infer()[0], type_name) == second


def test_random_uniform_known_tensorflow_values():
    # The values TensorFlow's tf.random.uniform gives for seeds (150, 10), as OpenVINO's spec lists them.
    out = compile_random([2, 3], 0.0, 1.0, "f32", 150, 10)({})[0]
    np.testing.assert_array_equal(out, np.array([[0.7011236, 0.30539632, 0.93931055],
                                                 [0.9456035, 0.11694777, 0.50770056]], np.float32))


@pytest.mark.parametrize("alignment", ["tensorflow", "pytorch"])
@pytest.mark.parametrize("type_name,lo,hi", [("f32", -3.0, 5.0), ("f64", 0.0, 1.0), ("f16", -1.0, 1.0),
                                             ("i32", -7, 9), ("i64", 100, 1100)])
def test_random_uniform_distribution(alignment, type_name, lo, hi):
    out = compile_random([200, 100], lo, hi, type_name, 1234, 99, alignment)({})[0]
    assert out.dtype == NP[type_name] and out.shape == (200, 100)
    assert out.min() >= lo
    # f16 rounds the largest draws up to max itself.
    assert out.max() < hi if type_name != "f16" else out.max() <= hi
    values = out.astype(np.float64)
    width = hi - lo
    if type_name.startswith("i"):
        assert abs(values.mean() - (lo + hi - 1) / 2) < 0.01 * width
        counts = np.bincount((out - lo).ravel().astype(np.int64), minlength=width)
        assert len(counts) == width and counts.min() > 0  # every value
        assert counts.std() < 2 * np.sqrt(out.size / width)  # about evenly (binomial spread)
    else:
        assert abs(values.mean() - (lo + hi) / 2) < 0.01 * width
        assert abs(values.std() - width / np.sqrt(12)) < 0.01 * width


@pytest.mark.parametrize("alignment", ["tensorflow", "pytorch"])
def test_random_uniform_bf16_range(alignment):
    out = compile_random([4000], -2.0, 6.0, "bf16", 3, 4, alignment)({})[0]
    values = (np.asarray(out).view(np.uint16).astype(np.uint32) << 16).view(np.float32)
    assert values.min() >= -2.0 and values.max() <= 6.0
    assert abs(values.mean() - 2.0) < 0.1


def test_random_uniform_determinism():
    # The same seeds give the same sequence in every compile; "tensorflow" moves on at each
    # inference (shared by the requests of one compiled model), "pytorch" restarts every time.
    a = compile_random([8], 0.0, 1.0, "f32", 11, 22)
    b = compile_random([8], 0.0, 1.0, "f32", 11, 22)
    first = a({})[0].copy()
    np.testing.assert_array_equal(first, b({})[0])
    second = a.create_infer_request().infer()[0].copy()
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(second, b.create_infer_request().infer()[0])
    c = compile_random([8], 0.0, 1.0, "f32", 11, 23)
    assert not np.array_equal(first, c({})[0])

    p = compile_random([8], 0.0, 1.0, "f32", 11, 22, "pytorch")
    once = p({})[0].copy()
    np.testing.assert_array_equal(once, p({})[0])
    np.testing.assert_array_equal(once, compile_random([8], 0.0, 1.0, "f32", 11, 5, "pytorch")({})[0])  # op_seed unused


@pytest.mark.parametrize("alignment", ["tensorflow", "pytorch"])
def test_random_uniform_zero_seeds(alignment):
    # Both seeds 0: a nondeterministic seed, different in each compile.
    a = compile_random([16], 0.0, 1.0, "f32", 0, 0, alignment)
    b = compile_random([16], 0.0, 1.0, "f32", 0, 0, alignment)
    x, y = a({})[0].copy(), b({})[0].copy()
    assert not np.array_equal(x, y)
    assert x.min() >= 0 and x.max() < 1
    again = a({})[0]
    assert np.array_equal(x, again) == (alignment == "pytorch")


def test_random_uniform_shapes_and_attributes():
    node = ops.random_uniform(ops.constant(np.array([2, 0, 3], np.int32)), np.float32(0), np.float32(1), "f32", 5, 6)
    assert node.get_type_name() == "RandomUniform"
    assert list(node.get_output_partial_shape(0)) == [2, 0, 3]
    assert node.get_output_element_type(0) == ov.Type.f32
    assert node.get_attributes() == {"output_type": "f32", "op_seed": 6, "global_seed": 5, "alignment": "tensorflow"}
    out = ov.compile_model(ov.Model([node], []), "CPU")({})[0]
    assert out.shape == (2, 0, 3)

    # [1]-shaped bounds are accepted; a runtime shape gives a static-rank output.
    shape = ops.parameter([2], ov.Type.i64)
    node = ops.random_uniform(shape, np.array([1.0]), np.array([2.0]), "f64", 5, 6, "PyTorch")
    assert node.get_output_partial_shape(0).rank.get_length() == 2
    assert node.get_attributes()["alignment"] == "pytorch"
    out = ov.compile_model(ov.Model([node], [shape]), "CPU")({0: np.array([3, 4], np.int64)})[0]
    assert out.shape == (3, 4) and out.dtype == np.float64
    assert out.min() >= 1.0 and out.max() < 2.0


def test_random_uniform_errors():
    shape = ops.constant(np.array([2, 3], np.int64))
    f32 = np.float32
    with pytest.raises(RuntimeError, match="Min value must be less than max value"):
        ops.random_uniform(shape, f32(1), f32(1), "f32", 1, 2)
    with pytest.raises(RuntimeError, match="Min value must be less than max value"):
        ops.random_uniform(shape, np.int32(5), np.int32(-5), "i32", 1, 2)
    with pytest.raises(RuntimeError, match="'min_val' should have the same type as 'max_val'"):
        ops.random_uniform(shape, np.float64(0), f32(1), "f32", 1, 2)
    with pytest.raises(RuntimeError, match="should have the same type as 'out_type'"):
        ops.random_uniform(shape, f32(0), f32(1), "f16", 1, 2)
    with pytest.raises(RuntimeError, match="should have the same type as 'out_type'"):
        ops.random_uniform(shape, np.uint8(0), np.uint8(1), "u8", 1, 2)
    with pytest.raises(RuntimeError, match="Type of the input should be int32 or int64"):
        ops.random_uniform(ops.constant(np.array([2.0], np.float32)), f32(0), f32(1), "f32", 1, 2)
    with pytest.raises(RuntimeError, match="rank"):
        ops.random_uniform(ops.constant(np.array([[2, 3]], np.int64)), f32(0), f32(1), "f32", 1, 2)
    with pytest.raises(RuntimeError, match="min_shape|min_val"):
        ops.random_uniform(shape, np.array([0, 1], f32), f32(1), "f32", 1, 2)
    with pytest.raises(RuntimeError, match="global_seed should be positive or 0"):
        ops.random_uniform(shape, f32(0), f32(1), "f32", -1, 2)
    with pytest.raises(RuntimeError, match="op_seed should be positive or 0"):
        ops.random_uniform(shape, f32(0), f32(1), "f32", 1, -2)
    with pytest.raises(RuntimeError, match="numpy"):
        ops.random_uniform(shape, f32(0), f32(1), "f32", 1, 2, "numpy")

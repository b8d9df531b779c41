"""BitCast-1, Pinot's own op for ONNX BitCast-26 (no OpenVINO equivalent, so no oracle run):
the bits of the input reinterpreted as another type of the same width, against numpy's view()."""
import os

import numpy as np
import pytest

if os.environ.get("PINOT_TEST_ORACLE", ""):
    pytest.skip("Pinot-specific op (OpenVINO has no BitCast)", allow_module_level=True)

import pinot as ov  # noqa: E402
import pinot.opset13 as ops  # noqa: E402
from pinot._ops._base import make_node  # noqa: E402


def bit_cast(x, to):
    param = ops.parameter(list(x.shape), x.dtype)
    node = make_node("BitCast", 1, [param], {"destination_type": to})
    return ov.compile_model(ov.Model([node.output(0)], [param]), "CPU")([x])[0]


@pytest.mark.parametrize("src,dst,to", [
    (np.float32, np.int32, ov.Type.i32), (np.int32, np.float32, ov.Type.f32),
    (np.float64, np.uint64, ov.Type.u64), (np.int64, np.float64, ov.Type.f64),
    (np.float16, np.int16, ov.Type.i16), (np.uint16, np.float16, ov.Type.f16),
    (np.int8, np.uint8, ov.Type.u8), (np.bool_, np.uint8, ov.Type.u8), (np.uint32, np.int32, ov.Type.i32),
])
@pytest.mark.parametrize("shape", [[], [5], [2, 3]])
def test_matches_numpy_view(src, dst, to, shape):
    rng = np.random.default_rng(0)
    if src == np.bool_:
        x = rng.integers(0, 2, shape).astype(np.bool_)
    elif np.issubdtype(src, np.floating):
        x = rng.uniform(-10, 10, shape).astype(src)
    else:
        x = rng.integers(np.iinfo(src).min, np.iinfo(src).max, shape, dtype=src)
    got = bit_cast(np.asarray(x), to)
    want = np.asarray(x).view(dst)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_array_equal(got.reshape(-1).view(np.uint8), want.reshape(-1).view(np.uint8))


def test_shape_and_type_inference():
    param = ops.parameter([-1, 3], np.float32)
    node = make_node("BitCast", 1, [param], {"destination_type": ov.Type.u32})
    assert node.get_output_element_type(0) == ov.Type.u32
    assert node.get_output_partial_shape(0) == ov.PartialShape([-1, 3])


def test_width_mismatch_and_strings_fail():
    param = ops.parameter([2], np.float32)
    with pytest.raises(Exception, match="same bit width"):
        make_node("BitCast", 1, [param], {"destination_type": ov.Type.i64})
    with pytest.raises(Exception, match="not supported"):
        make_node("BitCast", 1, [param], {"destination_type": ov.Type.string})

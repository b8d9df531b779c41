"""ReverseSequence-1 (opset1+ builder) against a numpy reference. It moves
values, so every element type must match exactly; lengths may be integers or
floats (truncated), and a length of 0 leaves its sequence unchanged."""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset13 as ops


def reference(x, lengths, batch_axis, seq_axis):
    batch_axis %= x.ndim
    seq_axis %= x.ndim
    out = x.copy()
    for b, length in enumerate(np.asarray(lengths).astype(np.int64)):
        src = [slice(None)] * x.ndim
        src[batch_axis] = b
        dst = list(src)
        dst[seq_axis] = slice(0, length)
        src[seq_axis] = slice(length - 1, None, -1) if length > 0 else slice(0, 0)
        out[tuple(dst)] = x[tuple(src)]
    return out


def run(x, lengths, batch_axis, seq_axis):
    p = ops.parameter(list(x.shape), x.dtype)
    node = ops1.reverse_sequence(p, lengths, batch_axis, seq_axis)
    compiled = ov.compile_model(ov.Model([node], [p]), "CPU")
    return compiled([x])[0]


@pytest.mark.parametrize("shape, lengths, batch_axis, seq_axis", [
    ((4, 4), [4, 3, 2, 1], 0, 1),
    ((4, 4), [1, 2, 3, 4], 1, 0),
    ((2, 5, 3), [0, 5, 2], 2, 1),
    ((3, 2, 4), [2, 1], -2, -3),
    ((2, 3, 4, 2), [3, 1, 2], 1, 2),
])
@pytest.mark.parametrize("dtype", [np.float32, np.float16, np.int64, np.uint8, np.bool_])
def test_matches_numpy(shape, lengths, batch_axis, seq_axis, dtype):
    x = np.random.default_rng(0).integers(0, 100, shape).astype(dtype)
    lengths = np.array(lengths, np.int64)
    got = run(x, lengths, batch_axis, seq_axis)
    want = reference(x, lengths, batch_axis, seq_axis)
    assert got.dtype == want.dtype
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("length_type", [np.int32, np.float32])
def test_length_types(length_type):
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    lengths = np.array([6, 0, 3.0, 1], length_type)
    np.testing.assert_array_equal(run(x, lengths, 0, 1), reference(x, lengths, 0, 1))


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO's CPU plugin moves i64 ReverseSequence data as i32")
def test_int64_values_exact():
    x = (np.arange(6, dtype=np.int64) + (1 << 62)).reshape(2, 3)
    np.testing.assert_array_equal(run(x, np.array([3, 2]), 0, 1), reference(x, [3, 2], 0, 1))


def test_shape_inference_merges_batch():
    p = ops.parameter([-1, 7, 3], np.float32)
    lengths = ops.parameter([5], np.int32)
    node = ops1.reverse_sequence(p, lengths, 0, 1)
    assert node.get_output_partial_shape(0) == ov.PartialShape([5, 7, 3])
    assert node.get_output_element_type(0) == ov.Type.f32


@pytest.mark.parametrize("shape, lengths, batch_axis, seq_axis, match", [
    ([3, 4], [1, 2], 0, 1, "not equal to batch axis dimension"),
    # OpenVINO's validation accepts batch_axis == seq_axis (with a meaningless result); Pinot refuses it
    pytest.param([3, 4], [1, 2, 3], 1, 1, "must be different axes",
                 marks=pytest.mark.skipif(bool(ORACLE), reason="Pinot-only check (OpenVINO accepts equal axes)")),
    ([3, 4], [1, 2, 3], 0, 2, "out of the tensor rank range"),
    ([3], [1, 2, 3], 0, 0, "rank should be equal or greater than 2"),
    ([3, 4], [[1, 2, 3]], 0, 1, "rank must be equal to 1"),
])
def test_bad_inputs(shape, lengths, batch_axis, seq_axis, match):
    with pytest.raises(RuntimeError, match=match):
        ops1.reverse_sequence(ops.parameter(shape, np.float32), np.array(lengths, np.int64), batch_axis, seq_axis)


def test_bad_lengths_type():
    with pytest.raises(RuntimeError, match="numeric type"):
        ops1.reverse_sequence(ops.parameter([2, 2], np.float32), np.array([True, False]), 0, 1)


@pytest.mark.skipif(bool(ORACLE), reason="checks Pinot's error message text")
@pytest.mark.parametrize("lengths", [[1, 5, 2], [1, -1, 2]])
def test_length_outside_axis_fails_at_inference(lengths):
    p = ops.parameter([3, 4], np.float32)
    lp = ops.parameter([3], np.int64)
    compiled = ov.compile_model(ov.Model([ops1.reverse_sequence(p, lp, 0, 1)], [p, lp]), "CPU")
    with pytest.raises(RuntimeError, match="outside"):
        compiled([np.zeros((3, 4), np.float32), np.array(lengths, np.int64)])

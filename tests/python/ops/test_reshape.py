"""Shape-manipulation ops: Reshape, Squeeze (1, 15), Unsqueeze, ShapeOf (1, 3),
Transpose, DepthToSpace, SpaceToDepth, ShuffleChannels.

These ops move elements without computing, so results must be exact: every
comparison is exact (floats bit for bit), for every element type including
bf16/f8 (raw bits), packed types (codes) and strings. Shape inference is
compared with OpenVINO's (dynamic dimensions and intervals included), as
recorded from openvino 2026.4 and, where installed, checked against it live.
"""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset1 as ops1
import pinot.opset3 as ops3
import pinot.opset13 as ops
import pinot.opset15 as ops15
from element_codes import (ALL_TYPES, assert_codes_equal, decode, ov_type, random_codes, skip_oracle_mangled,
                           to_input)

D = ov.PartialShape.dynamic()


def infer(outputs, params, inputs):
    compiled = ov.compile_model(ov.Model(outputs, params), "CPU")
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


def run_codes(type_name, build, codes):
    """Build a node over a Parameter of `type_name` holding `codes`; return the output codes."""
    param = ops.parameter(list(codes.shape), ov_type(type_name))
    node = build(param)
    (out,) = infer([node], [param], [to_input(type_name, codes)])
    return decode(type_name, out, tuple(node.get_output_shape(0)))


def pshape(text):
    return ov.PartialShape(text) if isinstance(text, str) else ov.PartialShape(text)


# ------------------------------------------------------------------------------------------------ Reshape

RESHAPE_CASES = [
    # input shape, pattern, special_zero, expected output shape
    ((2, 3, 4), [4, -1], False, (4, 6)),
    ((2, 3, 4), [-1], False, (24,)),
    ((2, 3, 4), [0, -1], True, (2, 12)),
    ((2, 3, 4), [0, 0, -1], True, (2, 3, 4)),
    ((2, 3, 4), [0, 0, 0, -1], True, (2, 3, 4, 1)),
    ((2, 3, 4), [-1, 0], True, (8, 3)),
    ((2, 3, 4), [24], False, (24,)),
    ((1, 1), [], False, ()),
    ((), [1, 1, 1], False, (1, 1, 1)),
    ((0, 3), [-1], False, (0,)),
    ((0, 3), [-1, 0], False, (1, 0)),
    ((0, 6), [4, -1], False, (4, 0)),
    ((2, 0), [0, -1], False, (0, 1)),
    ((6,), [2, 3], False, (2, 3)),
]


@pytest.mark.parametrize("shape, pattern, special_zero, expected", RESHAPE_CASES)
def test_reshape_values(shape, pattern, special_zero, expected):
    x = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    param = ops.parameter(list(shape), np.float32)
    node = ops.reshape(param, np.array(pattern, dtype=np.int64), special_zero)
    assert tuple(node.get_output_shape(0)) == expected
    (got,) = infer([node], [param], [x])
    assert_codes_equal("f32", got, x.reshape(expected))


RESHAPE_SHAPES = [
    # input partial shape, pattern, special_zero, expected partial shape (OpenVINO 2026.4)
    ("[?,3]", [-1], False, "[?]"),
    ("[2..4,6]", [-1, 3], False, "[4..8,3]"),
    ("[2..4,6]", [3, -1], False, "[3,4..8]"),
    ("[?,3,4]", [0, -1], True, "[?,12]"),
    ("[?,3,4]", [-1, 0], True, "[?,3]"),
    ("[?,3,4]", [-1, 12], False, "[?,12]"),
    ("[?,3,4]", [-1, 4, 0], True, "[?,4,4]"),
    ("[2,?,3]", [0, -1, 3], True, "[2,?,3]"),
    ("[2,3,?]", [0, 0, 0, -1], True, "[2,3,?,1]"),
    ("[2..6,3]", [-1, 2], False, "[3..9,2]"),
    ("[1..,4]", [-1, 8], False, "[1..,8]"),
    ("[0..5,2]", [4, -1], False, "[4,..2]"),
    ("[4,3..6]", [5, -1], False, "[5,3..4]"),
    ("[3..6,2..3]", [2, 3, -1], False, "[2,3,1..3]"),
    ("[3..6,4]", [-1, 0], True, "[3..6,4]"),
    ("[2..4,3]", [2, 7], False, "[2,7]"),
    ("...", [-1], False, "[1..]"),
    ("...", [3, -1], False, "[3,1..]"),
    ("...", [0, -1, 2], True, "[?,?,2]"),
]


@pytest.mark.parametrize("shape, pattern, special_zero, expected", RESHAPE_SHAPES)
def test_reshape_shape_inference(shape, pattern, special_zero, expected):
    node = ops.reshape(ops.parameter(pshape(shape), np.float32), np.array(pattern, np.int64), special_zero)
    assert node.get_output_partial_shape(0) == pshape(expected)


def test_reshape_shape_inference_matches_openvino():
    openvino = pytest.importorskip("openvino")
    import openvino.opset13 as ovops

    for shape, pattern, special_zero, _ in RESHAPE_SHAPES:
        ref = ovops.reshape(ovops.parameter(openvino.PartialShape(shape), np.float32), np.array(pattern, np.int64),
                            special_zero)
        got = ops.reshape(ops.parameter(pshape(shape), np.float32), np.array(pattern, np.int64), special_zero)
        assert str(got.get_output_partial_shape(0)) == str(ref.get_output_partial_shape(0)), (shape, pattern)


@pytest.mark.parametrize("shape, pattern, special_zero, match", [
    ((2, 3, 4), [-1, 5], False, "Non-'-1' output dimensions do not evenly divide the input dimensions"),
    ((2, 3, 4), [2, 5], False, r"Requested output shape \[2,5\] is incompatible with input shape"),
    ((2, 3, 4), [-1, -1], False, "More than one dimension has size of -1"),
    ((2, 3, 4), [-2, 12], False, r"Output pattern dim\[0\] has invalid bounds: -2,-2"),
    ((2, 3), [0, 0, 0], True, "'0' dimension is out of range"),
    ((2, 3), [0, -1], False, "Cannot infer '-1' dimension with zero-size output dimension"),
])
def test_reshape_errors(shape, pattern, special_zero, match):
    param = ops.parameter(list(shape), np.float32)
    with pytest.raises(RuntimeError, match=match):
        ops.reshape(param, np.array(pattern, np.int64), special_zero)


def test_reshape_pattern_checks():
    param = ops.parameter([2, 3], np.float32)
    with pytest.raises(RuntimeError, match="PartialShape pattern must be an integral number"):
        ops.reshape(param, np.array([6], np.float32), False)
    with pytest.raises(RuntimeError, match="Pattern shape must have rank 1"):
        ops.reshape(param, np.array(6, np.int64), False)
    with pytest.raises(RuntimeError, match="Pattern shape must have rank 1"):
        ops.reshape(param, np.array([[6]], np.int64), False)
    # any integer pattern type
    node = ops.reshape(param, np.array([3, 2], np.uint8), False)
    assert node.get_output_partial_shape(0) == ov.PartialShape([3, 2])


def test_reshape_runtime_pattern():
    data = ops.parameter([-1, -1], np.float32)
    pattern = ops.parameter([3], np.int32)
    node = ops.reshape(data, pattern, True)
    assert node.get_output_partial_shape(0) == ov.PartialShape([-1, -1, -1])
    compiled = ov.compile_model(ov.Model([node], [data, pattern]), "CPU")
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    np.testing.assert_array_equal(compiled([x, np.array([0, -1, 2], np.int32)])[0], x.reshape(4, 3, 2))
    np.testing.assert_array_equal(compiled([x[:2], np.array([3, 2, 2], np.int32)])[0], x[:2].reshape(3, 2, 2))
    if ORACLE:  # Pinot's error texts (OpenVINO's CPU plugin: 'the shape of input data (4.6) conflicts with ...')
        return
    with pytest.raises(RuntimeError, match="failed to evaluate Reshape node.*incompatible with input shape"):
        compiled([x, np.array([5, 5, 1], np.int32)])
    with pytest.raises(RuntimeError, match="More than one dimension has size of -1"):
        compiled([x, np.array([-1, -1, 1], np.int32)])


def test_reshape_unknown_pattern_rank():
    node = ops.reshape(ops.parameter([2, 3], np.float32), ops.parameter([-1], np.int64), False)
    assert node.get_output_partial_shape(0) == D


# ------------------------------------------------------------------------------------------------ Squeeze

SQUEEZE_CASES = [
    # input shape, axes (None: no axes input), expected (Squeeze-1 and -15 agree on static shapes)
    ((1, 3, 1), [0], (3, 1)),
    ((1, 3, 1), [-1, 0, 0], (3,)),
    ((1, 3, 1), [1], (1, 3, 1)),
    ((1, 3, 1), [], (3,)),
    ((1, 3, 1), 0, (3, 1)),
    ((1,), [0], ()),
    ((), [0], ()),
    ((), [], ()),
    ((1, 0, 1), [2], (1, 0)),
    ((2, 1, 3, 1, 1), [1, 3], (2, 3, 1)),
]


@pytest.mark.parametrize("shape, axes, expected", SQUEEZE_CASES)
@pytest.mark.parametrize("opset", [ops1, ops15])
def test_squeeze_values(shape, axes, expected, opset):
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    param = ops.parameter(list(shape), np.float32)
    node = opset.squeeze(param, np.array(axes, np.int64))
    assert tuple(node.get_output_shape(0)) == expected
    (got,) = infer([node], [param], [x])
    assert_codes_equal("f32", got, x.reshape(expected))


def test_squeeze_versions_and_attributes():
    param = ops.parameter([1, 3, 1], np.float32)
    v1 = ops1.squeeze(param, [0])
    v15 = ops15.squeeze(param, [0])
    assert v1.get_type_info().version_id == "opset1"
    assert ops.squeeze(param, [0]).get_type_info().version_id == "opset1"
    assert v15.get_type_info().version_id == "opset15"
    assert v15.get_attributes() == {"allow_axis_skip": False}
    assert v1.get_attributes() == {}
    no_axes = ops15.squeeze(param)
    assert no_axes.get_input_size() == 1
    assert no_axes.get_output_partial_shape(0) == ov.PartialShape([3])
    (got,) = infer([no_axes], [param], [np.ones((1, 3, 1), np.float32)])
    assert got.shape == (3,)


SQUEEZE_SHAPES = [
    # input, axes (None: no axes), allow_axis_skip, expected for v1, expected for v15
    ("[?,3,1]", [0], False, "[3,1]", "[3,1]"),
    ("[2..3,3,1]", [0], False, "[2..3,3,1]", "[2..3,3,1]"),
    ("[0..3,3,1]", [0], False, "[3,1]", "[3,1]"),
    ("[?,3,1]", [], False, "[...]", "[...]"),
    ("[2..3,3,1]", [], False, "[2..3,3]", "[2..3,3]"),
    ("...", [0], False, "[...]", "[...]"),
    ("[?,3,1]", [0], True, None, "[...]"),
    ("[2..3,3,1]", [0, 2], True, None, "[2..3,3]"),
    ("[1,3,1]", [1, 2], True, None, "[1,3]"),
    ("[1,?,1]", None, False, None, "[...]"),
    ("[1,2..3,1]", None, False, None, "[2..3]"),
]


@pytest.mark.parametrize("shape, axes, skip, expected_v1, expected_v15", SQUEEZE_SHAPES)
def test_squeeze_shape_inference(shape, axes, skip, expected_v1, expected_v15):
    param = ops.parameter(pshape(shape), np.float32)
    if expected_v1 is not None:
        assert ops1.squeeze(param, np.array(axes, np.int64)).get_output_partial_shape(0) == pshape(expected_v1)
    axes_in = None if axes is None else np.array(axes, np.int64)
    node = ops15.squeeze(param, axes_in, skip)
    assert node.get_output_partial_shape(0) == pshape(expected_v15)


def test_squeeze_non_constant_axes():
    axes = ops.parameter([1], np.int64)
    assert ops1.squeeze(ops.parameter([1, 3, 1], np.float32), axes).get_output_partial_shape(0) == pshape("[?,?]")
    assert ops1.squeeze(ops.parameter([2, 3, 4], np.float32), axes).get_output_partial_shape(0) == pshape("[2,3,4]")
    assert ops1.squeeze(ops.parameter([1, 3, 1], np.float32),
                        ops.parameter([2], np.int64)).get_output_partial_shape(0) == D
    assert ops15.squeeze(ops.parameter([1, 3, 1], np.float32), axes).get_output_partial_shape(0) == D
    data = ops.parameter([1, 3, 1], np.float32)
    node = ops1.squeeze(data, axes)
    compiled = ov.compile_model(ov.Model([node], [data, axes]), "CPU")
    x = np.arange(3, dtype=np.float32).reshape(1, 3, 1)
    assert compiled([x, np.array([2])])[0].shape == (1, 3)
    assert compiled([x, np.array([-3])])[0].shape == (3, 1)


def test_squeeze_float_axes_and_errors():
    param = ops.parameter([1, 3, 1], np.float32)
    node = ops1.squeeze(param, np.array([0], np.float32))  # OpenVINO accepts float axes
    assert node.get_output_partial_shape(0) == pshape("[3,1]")
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range \[-3, 2\]"):
        ops1.squeeze(param, [3])
    with pytest.raises(RuntimeError, match="should not be of rank higher than 1"):
        ops15.squeeze(param, np.array([[0]], np.int64))
    with pytest.raises(RuntimeError, match="Element not supported" if ORACLE else "number element type"):
        ops1.squeeze(param, np.array([False]))  # Pinot's text names what is wrong


# ---------------------------------------------------------------------------------------------- Unsqueeze

@pytest.mark.parametrize("shape, axes, expected", [
    ((2, 3), [0], (1, 2, 3)),
    ((2, 3), [0, -1], (1, 2, 3, 1)),
    ((2, 3), [0, 0], (1, 2, 3)),
    ((2, 3), [0, -4], (1, 2, 3)),
    ((2, 3), [1, 1, 1], (2, 1, 3)),
    ((2, 3), [2, 3, 3], (2, 3, 1, 1)),
    ((2, 3), 0, (1, 2, 3)),
    ((2, 3), [-3], (1, 2, 3)),
    ((), [0], (1,)),
    ((), [0, 1], (1, 1)),
    ((0, 2), [1], (0, 1, 2)),
])
def test_unsqueeze_values(shape, axes, expected):
    x = np.random.default_rng(1).standard_normal(shape).astype(np.float64)
    if ORACLE:  # OpenVINO's CPU plugin carries f64 as f32: use values that survive the round trip
        x = x.astype(np.float32).astype(np.float64)
    param = ops.parameter(list(shape), np.float64)
    node = ops.unsqueeze(param, np.array(axes, np.int64))
    assert tuple(node.get_output_shape(0)) == expected
    (got,) = infer([node], [param], [x])
    assert_codes_equal("f64", got, x.reshape(expected))


def test_unsqueeze_shapes_and_errors():
    assert ops.unsqueeze(ops.parameter([-1, 3], np.float32), [1]).get_output_partial_shape(0) == pshape("[?,1,3]")
    assert ops.unsqueeze(ops.parameter(D, np.float32), [0]).get_output_partial_shape(0) == D
    assert ops.unsqueeze(ops.parameter([2, 3], np.float32),
                         ops.parameter([2], np.int64)).get_output_partial_shape(0) == D
    param = ops.parameter([2, 3], np.float32)
    with pytest.raises(RuntimeError, match=r"Axis 4 out of the tensor rank range \[-4, 3\]"):
        ops.unsqueeze(param, [0, 4])
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range \[-3, 2\]"):
        ops.unsqueeze(param, [3, 3])
    with pytest.raises(RuntimeError, match=r"Axis -4 out of the tensor rank range \[-3, 2\]"):
        ops.unsqueeze(param, [-4])
    with pytest.raises(RuntimeError, match="'axes' input is mandatory"):
        ops.unsqueeze(param, np.array([], np.int64))
    with pytest.raises(RuntimeError, match="should not be of rank higher than 1"):
        ops.unsqueeze(param, np.array([[0]], np.int64))


# ------------------------------------------------------------------------------------------------ ShapeOf

@pytest.mark.parametrize("type_name", ["f32", "string", "u4", "boolean", "bf16"])
def test_shape_of_any_input_type(type_name):
    for shape in [(2, 3, 4), (), (0, 5), (7,)]:
        param = ops.parameter(list(shape), ov_type(type_name))
        for node, out_type in [(ops1.shape_of(param), np.int64), (ops3.shape_of(param, "i32"), np.int32),
                               (ops.shape_of(param), np.int64)]:
            assert node.get_output_partial_shape(0) == ov.PartialShape([len(shape)])
            (got,) = infer([node], [param], [to_input(type_name, random_codes(type_name, shape,
                                                                                np.random.default_rng(0)))])
            assert got.dtype == out_type
            np.testing.assert_array_equal(got, np.array(shape, dtype=out_type))


def test_shape_of_versions_and_dynamic_input():
    param = ops.parameter([-1, 3, (2, 5)], np.float32)
    assert ops1.shape_of(param).get_type_info().version_id == "opset1"
    assert ops1.shape_of(param).get_output_element_type(0) == ov.Type.i64
    assert ops1.shape_of(param).get_attributes() == {}
    v3 = ops3.shape_of(param, ov.Type.i32)
    assert v3.get_type_info().version_id == "opset3"
    assert v3.get_attributes() == {"output_type": "i32"}
    assert v3.get_output_element_type(0) == ov.Type.i32
    assert ops.shape_of(ops.parameter(D, np.float32)).get_output_partial_shape(0) == pshape("[?]")
    compiled = ov.compile_model(ov.Model([ops.shape_of(param)], [param]), "CPU")
    for shape in [(1, 3, 2), (9, 3, 5)]:
        np.testing.assert_array_equal(compiled([np.zeros(shape, np.float32)])[0], shape)
    with pytest.raises(RuntimeError, match="Output type must be i32 or i64"):
        ops3.shape_of(param, "f32")
    with pytest.raises(RuntimeError, match="Output type must be i32 or i64"):
        ops3.shape_of(param, "u8")


# ---------------------------------------------------------------------------------------------- Transpose

def test_transpose_random_permutations():
    rng = np.random.default_rng(2)
    for rank in range(0, 6):
        shape = tuple(int(d) for d in rng.integers(1, 4, rank))
        x = rng.standard_normal(shape).astype(np.float32)
        for _ in range(3):
            perm = rng.permutation(rank)
            param = ops.parameter(list(shape), np.float32)
            node = ops.transpose(param, np.array(perm, np.int64))
            (got,) = infer([node], [param], [x])
            assert_codes_equal("f32", got, np.transpose(x, perm))


def test_transpose_empty_order_reverses():
    x = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
    param = ops.parameter([2, 3, 4], np.int32)
    node = ops.transpose(param, np.array([], np.int64))
    assert node.get_output_partial_shape(0) == pshape("[4,3,2]")
    (got,) = infer([node], [param], [x])
    np.testing.assert_array_equal(got, x.T)


def test_transpose_runtime_order():
    data = ops.parameter([-1, -1, -1], np.float32)
    order = ops.parameter([3], np.int32)
    node = ops.transpose(data, order)
    assert node.get_output_partial_shape(0) == pshape("[?,?,?]")
    compiled = ov.compile_model(ov.Model([node], [data, order]), "CPU")
    x = np.random.default_rng(3).standard_normal((2, 3, 5)).astype(np.float32)
    for perm in [(0, 1, 2), (2, 0, 1), (1, 2, 0)]:
        np.testing.assert_array_equal(compiled([x, np.array(perm, np.int32)])[0], np.transpose(x, perm))
    # Pinot's text says which node failed; OpenVINO's CPU plugin 'Node Transpose_1 of type Reference'
    with pytest.raises(RuntimeError, match=("" if ORACLE else "failed to evaluate Transpose.*") +
                       r"Permutation AxisVector\{0, 0, 1\} is not valid for input shape"):
        compiled([x, np.array([0, 0, 1], np.int32)])


def test_transpose_shapes_and_errors():
    assert ops.transpose(ops.parameter([-1, (2, 4), 3], np.float32), [2, 0, 1]).get_output_partial_shape(0) == \
        pshape("[3,?,2..4]")
    assert ops.transpose(ops.parameter(D, np.float32), [1, 0]).get_output_partial_shape(0) == pshape("[?,?]")
    assert ops.transpose(ops.parameter([2, (3, 5), 4], np.float32),
                         ops.parameter([-1], np.int64)).get_output_partial_shape(0) == pshape("[?,?,?]")
    param = ops.parameter([2, 3, 4], np.float32)
    with pytest.raises(RuntimeError,
                       match=r"Permutation AxisVector\{0, 0, 1\} is not valid for input shape \[2,3,4\]"):
        ops.transpose(param, [0, 0, 1])
    with pytest.raises(RuntimeError, match="is not valid for input shape"):
        ops.transpose(param, [-1, 0, 1])
    with pytest.raises(RuntimeError, match="Input order must have shape \\[n\\], where n is the rank of arg"):
        ops.transpose(param, [0, 1])
    with pytest.raises(RuntimeError, match="Input order must have an integral number element type"):
        ops.transpose(param, np.array([2, 1, 0], np.float32))
    with pytest.raises(RuntimeError, match="Input order must be a vector"):
        ops.transpose(param, np.array([[2, 1, 0]]))


# --------------------------------------------------------------------------- DepthToSpace / SpaceToDepth

def np_depth_to_space(x, bs, mode):
    n, c, *spatial = x.shape
    k = len(spatial)
    small = c // bs ** k
    if mode == "blocks_first":
        view = x.reshape([n] + [bs] * k + [small] + spatial)
        order = [0, k + 1] + [a for j in range(k) for a in (k + 2 + j, 1 + j)]
    else:
        view = x.reshape([n, small] + [bs] * k + spatial)
        order = [0, 1] + [a for j in range(k) for a in (k + 2 + j, 2 + j)]
    return view.transpose(order).reshape([n, small] + [d * bs for d in spatial])


def np_space_to_depth(x, bs, mode):
    n, c, *spatial = x.shape
    k = len(spatial)
    view = x.reshape([n, c] + [a for d in spatial for a in (d // bs, bs)])
    blocks = [3 + 2 * j for j in range(k)]
    dims = [2 + 2 * j for j in range(k)]
    order = [0] + blocks + [1] + dims if mode == "blocks_first" else [0, 1] + blocks + dims
    return view.transpose(order).reshape([n, c * bs ** k] + [d // bs for d in spatial])


@pytest.mark.parametrize("mode", ["blocks_first", "depth_first"])
@pytest.mark.parametrize("shape, bs", [((1, 8, 2, 3), 2), ((2, 16, 2, 3, 1), 2), ((1, 4, 3), 2), ((2, 18, 2, 2), 3),
                                       ((1, 3, 2, 2), 1), ((0, 4, 2, 2), 2)])
def test_depth_to_space_and_back(shape, bs, mode):
    x = np.random.default_rng(4).standard_normal(shape).astype(np.float32)
    param = ops.parameter(list(shape), np.float32)
    node = ops.depth_to_space(param, mode, bs)
    want = np_depth_to_space(x, bs, mode)
    assert tuple(node.get_output_shape(0)) == want.shape
    back = ops.space_to_depth(node, mode, bs)
    got, again = infer([node, back], [param], [x])
    assert_codes_equal("f32", got, want)
    assert_codes_equal("f32", again, x)
    assert_codes_equal("f32", np_space_to_depth(want, bs, mode), x)


def test_depth_to_space_matches_openvino():
    openvino = pytest.importorskip("openvino")
    import openvino.opset13 as ovops

    rng = np.random.default_rng(5)
    for shape, bs in [((1, 8, 2, 3), 2), ((1, 16, 2, 3, 2), 2), ((1, 4, 3), 2)]:
        x = rng.standard_normal(shape).astype(np.float32)
        for mode in ["blocks_first", "depth_first"]:
            for ours, theirs in [(ops.depth_to_space, ovops.depth_to_space), (ops.space_to_depth, None)]:
                if theirs is None:
                    x2 = np_depth_to_space(x, bs, mode)
                    p = ovops.parameter(list(x2.shape), np.float32)
                    ref = openvino.compile_model(openvino.Model([ovops.space_to_depth(p, mode, bs)], [p]), "CPU")(x2)[0]
                    param = ops.parameter(list(x2.shape), np.float32)
                    (got,) = infer([ops.space_to_depth(param, mode, bs)], [param], [x2])
                else:
                    p = ovops.parameter(list(shape), np.float32)
                    ref = openvino.compile_model(openvino.Model([theirs(p, mode, bs)], [p]), "CPU")(x)[0]
                    param = ops.parameter(list(shape), np.float32)
                    (got,) = infer([ours(param, mode, bs)], [param], [x])
                np.testing.assert_array_equal(got, ref)


def test_space_depth_shapes_and_errors():
    d2s = ops.depth_to_space(ops.parameter([1, -1, (2, 3), 3], np.float32), "blocks_first", 2)
    assert d2s.get_output_partial_shape(0) == pshape("[1,?,4..6,6]")
    d2s = ops.depth_to_space(ops.parameter([1, (8, 20), (2, 3), 3], np.float32), "blocks_first", 2)
    assert d2s.get_output_partial_shape(0) == pshape("[1,2..5,4..6,6]")
    s2d = ops.space_to_depth(ops.parameter([1, (2, 3), (4, 9), -1], np.float32), "blocks_first", 2)
    assert s2d.get_output_partial_shape(0) == pshape("[1,8..12,2..4,?]")
    assert ops.depth_to_space(ops.parameter(D, np.float32), "depth_first", 2).get_output_partial_shape(0) == D
    assert d2s.get_attributes() == {"block_size": 2, "mode": "blocks_first"}
    with pytest.raises(RuntimeError, match=r"Dimension value: \[ 6, 6\] must be a multiple of divisor: 4"):
        ops.depth_to_space(ops.parameter([1, 6, 2, 3], np.float32), "blocks_first", 2)
    with pytest.raises(RuntimeError, match=r"Dimension value: \[ 5, 5\] must be a multiple of divisor: 2"):
        ops.space_to_depth(ops.parameter([1, 2, 4, 5], np.float32), "blocks_first", 2)
    with pytest.raises(RuntimeError, match="rank lower than 3 is not supported"):
        ops.depth_to_space(ops.parameter([1, 8], np.float32), "blocks_first", 2)
    with pytest.raises(RuntimeError, match="block size must be greater than 0"):
        ops.space_to_depth(ops.parameter([1, 2, 4, 6], np.float32), "blocks_first", 0)
    with pytest.raises(RuntimeError, match="foo"):
        ops.depth_to_space(ops.parameter([1, 8, 2, 3], np.float32), "foo", 2)


# ---------------------------------------------------------------------------------------- ShuffleChannels

def np_shuffle(x, axis, group):
    shape = x.shape
    axis = axis % x.ndim
    outer = int(np.prod(shape[:axis]))
    inner = int(np.prod(shape[axis + 1:]))
    return x.reshape(outer, group, shape[axis] // group, inner).transpose(0, 2, 1, 3).reshape(shape)


@pytest.mark.parametrize("shape, axis, group", [((1, 6, 2), 1, 3), ((1, 6, 2), -2, 2), ((6,), 0, 2),
                                                ((2, 3, 4), 2, 4), ((2, 12, 2, 2), 1, 1), ((2, 12, 2, 2), 1, 12)])
def test_shuffle_channels(shape, axis, group):
    x = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    param = ops.parameter(list(shape), np.int64)
    node = ops.shuffle_channels(param, axis, group)
    assert node.get_attributes() == {"axis": axis, "group": group}
    assert node.get_type_info().version_id == "opset1"
    (got,) = infer([node], [param], [x])
    np.testing.assert_array_equal(got, np_shuffle(x, axis, group))


def test_shuffle_channels_errors():
    assert not hasattr(ops1, "shuffle_channels")
    param = ops.parameter([1, 6, 2], np.float32)
    assert ops.shuffle_channels(ops.parameter([1, -1, 2], np.float32), 1, 3).get_output_partial_shape(0) == \
        pshape("[1,?,2]")
    with pytest.raises(RuntimeError, match="channel dimension size has to be a multiple of the groups"):
        ops.shuffle_channels(param, 1, 4)
    with pytest.raises(RuntimeError, match=r"Axis 3 out of the tensor rank range \[-3, 2\]"):
        ops.shuffle_channels(param, 3, 3)
    with pytest.raises(RuntimeError, match="'group' parameter must be greater or equal to 1"):
        ops.shuffle_channels(param, 1, 0)
    with pytest.raises(RuntimeError, match="expected to be at least 1D"):
        ops.shuffle_channels(ops.parameter([], np.float32), 0, 1)


# ------------------------------------------------------------------------------------- every element type

FAMILY_MOVES = {
    "reshape": (lambda p: ops.reshape(p, [4, -1], False), lambda x: x.reshape(4, -1)),
    "squeeze": (lambda p: ops15.squeeze(ops.unsqueeze(p, [0, 2]), [0, -3]), lambda x: x),
    "unsqueeze": (lambda p: ops.unsqueeze(p, [1, -1]), lambda x: x.reshape(2, 1, 3, 4, 1)),
    "transpose": (lambda p: ops.transpose(p, [2, 0, 1]), lambda x: x.transpose(2, 0, 1)),
    "depth_to_space": (lambda p: ops.depth_to_space(ops.reshape(p, [1, 4, 3, 2], False), "depth_first", 2),
                       lambda x: np_depth_to_space(x.reshape(1, 4, 3, 2), 2, "depth_first")),
    "space_to_depth": (lambda p: ops.space_to_depth(p, "blocks_first", 2),
                       lambda x: np_space_to_depth(x, 2, "blocks_first")),
    "shuffle_channels": (lambda p: ops.shuffle_channels(p, 2, 2), lambda x: np_shuffle(x, 2, 2)),
}


@pytest.mark.parametrize("type_name", ALL_TYPES)
@pytest.mark.parametrize("op", list(FAMILY_MOVES))
def test_every_element_type(op, type_name):
    strings_fail = op in ("depth_to_space", "space_to_depth", "shuffle_channels")
    skip_oracle_mangled(op, type_name, crashes=("string",) if strings_fail else ())
    build, reference = FAMILY_MOVES[op]
    codes = random_codes(type_name, (2, 3, 4), np.random.default_rng(hash(op) % 1000))
    got = run_codes(type_name, build, codes)
    want = reference(codes)
    assert got.shape == want.shape
    assert_codes_equal(type_name, got, want)


@pytest.mark.parametrize("type_name", ["u1", "u3", "i4", "string", "bf16"])
def test_odd_sized_packed_and_string_transposes(type_name):
    skip_oracle_mangled("transpose", type_name)
    rng = np.random.default_rng(6)
    for shape, perm in [((3, 5, 7), (2, 0, 1)), ((1, 9), (1, 0)), ((0, 3), (1, 0)), ((), ())]:
        codes = random_codes(type_name, shape, rng)
        got = run_codes(type_name, lambda p: ops.transpose(p, np.array(perm, np.int64)), codes)
        assert_codes_equal(type_name, got, np.transpose(codes, perm))


def test_strings_are_copied_not_shared():
    """Two consumers of one string input each get their own copies."""
    param = ops.parameter([2, 2], ov.Type.string)
    a = ops.transpose(param, [1, 0])
    b = ops.reshape(param, [4], False)
    x = np.array([["one", "two"], ["three", ""]])
    got_a, got_b = infer([a, b], [param], [x])
    np.testing.assert_array_equal(got_a, x.T)
    np.testing.assert_array_equal(got_b, x.reshape(4))

"""MatMul-1, Einsum-7 and ScaledDotProductAttention-13: results against
np.matmul / np.einsum / a float64 numpy attention, shape inference (dynamic
dims, intervals, dynamic rank) and errors against OpenVINO's rules and messages.

Tolerances: f64 rtol 1e-12 (f32's under the OpenVINO oracle); f32 rtol 1e-5 (atol 1e-5 for sums that may cancel);
f16 rtol/atol 1e-2 (inputs and result rounded to f16, accumulation wider);
integer types exact (wrapping arithmetic, as numpy's).
"""
import os

import numpy as np
import pytest

import pinot as ov
import pinot.opset7 as ops7
import pinot.opset13 as ops

ORACLE = os.environ.get("PINOT_TEST_ORACLE", "")
pinot_only = pytest.mark.skipif(ORACLE != "", reason="Pinot-specific behaviour (OpenVINO differs or crashes)")

TOL = {np.float64: (1e-12, 1e-12), np.float32: (1e-5, 1e-5), np.float16: (1e-2, 1e-2)}
if ORACLE:
    TOL[np.float64] = TOL[np.float32]  # OpenVINO's CPU plugin computes f64 in f32
FLOATS = [np.float32, np.float64, np.float16]
INTS = [np.int32, np.int64, np.int8, np.uint8]


# f32 inference precision: OpenVINO's CPU plugin (the PINOT_TEST_ORACLE run) may
# otherwise compute in bf16.
F32 = {"INFERENCE_PRECISION_HINT": "f32"}


def compile_f32(outputs, params):
    return ov.compile_model(ov.Model(outputs, params), "CPU", F32)


def infer(output, params, inputs):
    """Compile a one-output model over `params` and run it once."""
    return compile_f32([output], params)(inputs)[0]


def params_for(*arrays):
    return [ops.parameter(list(a.shape), a.dtype) for a in arrays]


def check_close(got, want, dtype):
    assert got.dtype == np.dtype(dtype), (got.dtype, dtype)
    assert got.shape == want.shape, (got.shape, want.shape)
    if dtype in TOL:
        rtol, atol = TOL[dtype]
        np.testing.assert_allclose(got.astype(np.float64), want.astype(np.float64), rtol=rtol, atol=atol)
    else:
        np.testing.assert_array_equal(got, want)


def sample(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.floating):
        return rng.uniform(-1.0, 1.0, shape).astype(dtype)
    if dtype == np.bool_:
        return rng.integers(0, 2, shape).astype(bool)
    low = 0 if np.issubdtype(dtype, np.unsignedinteger) else -4
    return rng.integers(low, 5, shape).astype(dtype)


def bf16_round(a):
    """float32 values rounded to the nearest bf16 (ties to even), still as float32."""
    u = np.asarray(a, np.float32).view(np.uint32).astype(np.uint64)
    return (((u + 0x7FFF + ((u >> 16) & 1)) >> 16) << 16).astype(np.uint32).view(np.float32)


def bf16_tensor(a):
    """A bf16 Tensor holding bf16_round(a) (numpy has no bf16: Tensor.data is a 16-bit view)."""
    t = ov.Tensor(ov.Type.bf16, list(np.shape(a)))
    t.data.view(np.uint16)[...] = (bf16_round(a).view(np.uint32) >> 16).astype(np.uint16)
    return t


def from_bf16(array):
    return (np.asarray(array).view(np.uint16).astype(np.uint32) << 16).view(np.float32)


def pshape(node):
    return str(node.get_output_partial_shape(0))


def P(shape, dtype=np.float32):
    return ops.parameter(ov.PartialShape(shape) if isinstance(shape, str) else shape, dtype)


def D(lo, hi):
    return ov.Dimension(lo, hi)


# ======================================================================
# MatMul
# ======================================================================

def np_matmul(a, b, ta, tb):
    if ta and a.ndim > 1:
        a = np.swapaxes(a, -1, -2)
    if tb and b.ndim > 1:
        b = np.swapaxes(b, -1, -2)
    wide = np.int64 if np.issubdtype(a.dtype, np.integer) else np.float64
    return np.matmul(a.astype(wide), b.astype(wide)).astype(a.dtype)


MATMUL_CASES = [
    # (a shape, b shape, transpose_a, transpose_b)
    ([2, 3], [3, 4], False, False),
    ([3, 2], [3, 4], True, False),
    ([2, 3], [4, 3], False, True),
    ([3, 2], [4, 3], True, True),
    ([3], [3], False, False),
    ([3], [3], True, True),          # transposes of 1-D inputs are ignored
    ([2, 3], [3], False, False),
    ([2, 3], [3], False, True),
    ([3], [3, 4], False, False),
    ([3], [3, 4], True, False),
    ([2, 3], [2], True, False),
    ([5, 2, 3], [3, 4], False, False),
    ([2, 3], [5, 3, 4], False, False),
    ([5, 1, 2, 3], [4, 3, 2], False, False),
    ([2, 1, 4, 3], [1, 5, 2, 4], True, True),
    ([4, 2, 3], [3], False, False),
    ([3], [4, 3, 2], False, False),
    ([1, 1, 7, 9], [9, 11], False, False),
    ([0, 3], [3, 4], False, False),   # empty M
    ([2, 0], [0, 4], False, False),   # empty K: zeros
    ([2, 3], [3, 0], False, False),   # empty N
    ([0, 2, 3], [3, 4], False, False),
    ([17, 33], [33, 65], False, False),
    ([17, 33], [65, 33], False, True),
]


@pytest.mark.parametrize("a_shape,b_shape,ta,tb", MATMUL_CASES)
def test_matmul_shapes_f32(a_shape, b_shape, ta, tb):
    a, b = sample(a_shape, np.float32, 1), sample(b_shape, np.float32, 2)
    pa, pb = params_for(a, b)
    node = ops.matmul(pa, pb, ta, tb)
    want = np_matmul(a, b, ta, tb)
    assert node.get_output_partial_shape(0) == ov.PartialShape(list(want.shape))
    check_close(infer(node, [pa, pb], [a, b]), want, np.float32)


@pytest.mark.parametrize("dtype", FLOATS + INTS)
@pytest.mark.parametrize("ta,tb", [(False, False), (True, False), (False, True), (True, True)])
def test_matmul_types(dtype, ta, tb):
    a = sample([2, 3, 5] if not ta else [2, 5, 3], dtype, 3)
    b = sample([5, 4] if not tb else [4, 5], dtype, 4)
    pa, pb = params_for(a, b)
    node = ops.matmul(pa, pb, ta, tb)
    assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
    check_close(infer(node, [pa, pb], [a, b]), np_matmul(a, b, ta, tb), dtype)


def test_bf16_matmul_einsum_sdpa():
    # inputs exact in bf16; results rounded to bf16 once: rtol 2^-8
    a, b = bf16_round(sample([2, 3, 4], np.float32, 1)), bf16_round(sample([4, 5], np.float32, 2))
    pa, pb = P([2, 3, 4], ov.Type.bf16), P([4, 5], ov.Type.bf16)
    mm = ops.matmul(pa, pb, False, False)
    es = ops.einsum([pa, pb], "bij,jk->bik")
    compiled = compile_f32([mm, es], [pa, pb])
    result = compiled([bf16_tensor(a), bf16_tensor(b)])
    want = a.astype(np.float64) @ b
    for i in range(2):
        np.testing.assert_allclose(from_bf16(result[i]), want, rtol=8e-3, atol=1e-6)
    q, k, v = (bf16_round(sample([2, 3, 4], np.float32, s)) for s in (3, 4, 5))
    pq, pk, pv = (P([2, 3, 4], ov.Type.bf16) for _ in range(3))
    node = ops.scaled_dot_product_attention(pq, pk, pv, causal=True)
    assert node.get_output_element_type(0) == ov.Type.bf16
    got = compile_f32([node], [pq, pk, pv])([bf16_tensor(q), bf16_tensor(k), bf16_tensor(v)])[0]
    np.testing.assert_allclose(from_bf16(got), np_sdpa(q, k, v, causal=True), rtol=8e-3, atol=4e-3)


@pinot_only  # OpenVINO's CPU plugin multiplies integers in f32
def test_matmul_int32_wraps():
    a = np.full((1, 2), 2**30, np.int32)
    b = np.full((2, 1), 3, np.int32)
    pa, pb = params_for(a, b)
    got = infer(ops.matmul(pa, pb, False, False), [pa, pb], [a, b])
    np.testing.assert_array_equal(got, np.matmul(a, b))  # numpy wraps the same way


@pinot_only
def test_matmul_boolean():
    # OpenVINO validates boolean MatMul but its CPU plugin has no kernel; Pinot
    # computes the logical matrix product (any of a[i,k] and b[k,j]).
    a = sample([3, 4], np.bool_, 5)
    b = sample([4, 2], np.bool_, 6)
    pa, pb = params_for(a, b)
    got = infer(ops.matmul(pa, pb, False, False), [pa, pb], [a, b])
    np.testing.assert_array_equal(got, np.matmul(a, b))


def test_matmul_constant_weights_and_dynamic_batch():
    w = sample([3, 4], np.float32, 7)
    pa = P([-1, 3])
    node = ops.matmul(pa, w, False, False)
    assert pshape(node) == "[?,4]"
    compiled = compile_f32([node], [pa])
    for n in (1, 5, 0):
        a = sample([n, 3], np.float32, n)
        check_close(compiled([a])[0], a @ w, np.float32)


@pytest.mark.parametrize("a,b,ta,tb,want", [
    ([-1, 3], [3, -1], False, False, "[?,?]"),
    ("...", [3, 4], False, False, "[...]"),
    ([3], "...", False, False, "[...]"),
    ([D(1, 4), 2, 3], [5, 3, 2], False, False, "[5,2,2]"),
    ([D(1, 3), 2, 3], [D(2, 5), 3, 2], False, False, "[2..5,2,2]"),
    ([D(0, 1), 2, 3], [5, 3, 2], False, False, "[5,2,2]"),
    ([-1, 2, 3], [-1, 3, 2], False, False, "[?,2,2]"),
    ([D(2, 6), 2, 3], [0, 3, 2], False, False, "[?,2,2]"),   # incompatible but dynamic: "?"
    ([5, 2, 3], [D(6, 9), 3, 2], False, False, "[?,2,2]"),
    ([2, D(2, 5)], [D(3, 7), 4], False, False, "[2,4]"),
    ([2, D(2, 3)], [5, 4], False, False, "[2,4]"),           # dynamic K never fails
    ([2, 3], [-1], False, False, "[2]"),
    ([4, 1, 2, 3], [3, 4], False, False, "[4,1,2,4]"),
    ([2, 3, 4], [1, 4, 3], True, True, "[2,4,4]"),
    ([D(2, 4), 3], [3], True, False, "[3]"),
])
def test_matmul_shape_inference(a, b, ta, tb, want):
    assert pshape(ops.matmul(P(a), P(b), ta, tb)) == want


@pytest.mark.parametrize("a,b,ta,tb,message", [
    ([2, 3], [4, 3], False, False,
     r"Incompatible MatMul matrix dimension. First input dimension=3 at COL_INDEX_DIM=1 doesn't match the second "
     r"input dimension=4 at ROW_INDEX_DIM=0"),
    ([5, 3, 2], [5, 3, 4], False, False, r"Incompatible MatMul matrix dimension. First input dimension=2 at "
                                         r"COL_INDEX_DIM=2"),
    ([5, 2, 3], [5, 4, 3], False, False, r"doesn't match the second input dimension=4 at ROW_INDEX_DIM=1"),
    ([3], [4], False, False, "Incompatible MatMul matrix dimension"),
    ([5, 2, 2, 3], [4, 3, 2], False, False,
     r"Incompatible MatMul batch dimension. Can't merge first input dimension=2 with second input dimension=4 at "
     r"index=1"),
    ([], [3], False, False, "Scalars are not supported as MatMul inputs."),
    ([3], [], False, False, "Scalars are not supported as MatMul inputs."),
])
def test_matmul_errors(a, b, ta, tb, message):
    with pytest.raises(RuntimeError, match=message):
        ops.matmul(P(a), P(b), ta, tb)


def test_matmul_type_mismatch():
    with pytest.raises(RuntimeError, match=r"Arguments do not have the same element type \(arg0 element type: "
                                           r"f32, arg1 element type: f16\)"):
        ops.matmul(P([2, 2]), P([2, 2], np.float16), False, False)
    node = ops.matmul(P([2, 2], ov.Type.dynamic), P([2, 2], np.float16), False, False)
    assert node.get_output_element_type(0) == ov.Type.f16


def test_matmul_attributes():
    node = ops.matmul(P([2, 3]), P([4, 3]), False, True)
    assert node.get_type_name() == "MatMul"
    assert node.get_attributes() == {"transpose_a": False, "transpose_b": True}
    node = ops.matmul(P([2, 3]), P([3, 4]), 0, 0)
    assert node.get_attributes() == {"transpose_a": False, "transpose_b": False}


# ======================================================================
# Einsum
# ======================================================================

EINSUM_CASES = [
    # (equation, input shapes, numpy equation when it differs)
    ("ij,jk->ik", [[2, 3], [3, 4]], None),
    ("ij,jk", [[2, 3], [3, 4]], None),
    ("ba,ac", [[2, 3], [3, 4]], None),
    ("Ij,jK->IK", [[2, 3], [3, 4]], None),
    ("Ba,aA", [[2, 3], [3, 4]], None),               # implicit: ASCII order puts upper case first
    ("bij,bjk->bik", [[2, 3, 4], [2, 4, 5]], None),
    ("bhqd,bhkd->bhqk", [[2, 3, 4, 5], [2, 3, 6, 5]], None),
    ("ii->i", [[3, 3]], None),
    ("ii->", [[3, 3]], None),
    ("iij->ij", [[3, 3, 2]], None),
    ("iji->ji", [[3, 2, 3]], None),
    ("i...i->...", [[3, 2, 3]], None),
    ("...ii->...i", [[2, 3, 3]], None),
    ("...ij,...jk->...ik", [[5, 2, 3], [3, 4]], None),
    ("...ij,...jk", [[5, 1, 2, 3], [4, 3, 4]], None),
    ("i...j,j...k", [[2, 5, 3], [3, 5, 4]], None),
    ("a...,...", [[2, 5, 3], [5, 3]], None),
    ("...", [[2, 5, 3]], None),
    ("...->", [[2, 5, 3]], "abc->"),                  # ellipsis dims left out of the output are summed
    ("...ij->ij", [[5, 2, 3]], "aij->ij"),
    ("...ij->ij", [[2, 3]], None),
    ("ij->...ij", [[2, 3]], "ij->ij"),                # an output ellipsis with none in the inputs is empty
    ("ij->ji", [[2, 3]], None),
    ("ij->i", [[2, 3]], None),
    ("ij->", [[2, 3]], None),
    ("i,i->", [[3], [3]], None),
    ("i,i", [[3], [3]], None),
    ("i,j->ij", [[3], [4]], None),
    ("ij,ij->ij", [[2, 3], [2, 3]], None),
    ("ij,ij->ij", [[1, 3], [2, 3]], None),          # size-1 label dims broadcast
    ("ij,jk->ik", [[2, 1], [3, 2]], None),
    ("i,i->", [[1], [3]], None),
    ("ij,jk,kl->il", [[2, 3], [3, 4], [4, 5]], None),
    ("ij,,jk->ik", [[2, 3], [], [3, 2]], None),     # a scalar operand
    ("->", [[]], None),
    ("", [[]], None),
    ("i", [[3]], None),
    ("ij->", [[0, 3]], None),                        # empty tensors
    ("ij,jk->ik", [[2, 0], [0, 3]], None),
    ("ij->ji", [[0, 3]], None),
]


@pytest.mark.parametrize("equation,shapes,np_equation", EINSUM_CASES)
def test_einsum_vs_numpy(equation, shapes, np_equation):
    arrays = [sample(s, np.float32, i + 1) for i, s in enumerate(shapes)]
    params = params_for(*arrays)
    node = ops.einsum(params, equation)
    want = np.einsum(np_equation or equation, *[a.astype(np.float64) for a in arrays]).astype(np.float32)
    assert node.get_output_partial_shape(0) == ov.PartialShape(list(want.shape))
    if ORACLE and (0 in [d for s in shapes for d in s]):
        pytest.skip("OpenVINO's CPU plugin fails on some empty einsums")
    if ORACLE and equation in ("i...i->...",):
        pytest.skip("OpenVINO's CPU plugin cannot run a diagonal across an ellipsis")
    check_close(infer(node, params, arrays), want, np.float32)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int32, np.int64])
def test_einsum_types(dtype):
    a, b = sample([2, 3, 4], dtype, 1), sample([2, 4, 5], dtype, 2)
    params = params_for(a, b)
    node = ops7.einsum(params, "bij,bjk->bik")
    assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
    check_close(infer(node, params, [a, b]), np_matmul(a, b, False, False), dtype)


def test_einsum_dynamic_input():
    p0, p1 = P([-1, 3]), P([3, -1])
    node = ops.einsum([p0, p1], "ij,jk->ik")
    assert pshape(node) == "[?,?]"
    compiled = compile_f32([node], [p0, p1])
    for m, n in ((1, 2), (4, 5)):
        a, b = sample([m, 3], np.float32, m), sample([3, n], np.float32, n)
        check_close(compiled([a, b])[0], a @ b, np.float32)


@pytest.mark.parametrize("equation,shapes,want", [
    ("ij,jk->ik", ["...", [3, 4]], "[?,4]"),
    ("...ij,jk->...ik", ["...", [3, 4]], "[...]"),
    ("ij,jk->ik", [[-1, 3], [-1, -1]], "[?,?]"),
    ("ij,jk->ik", [[D(2, 5), 3], [D(3, 4), -1]], "[2..5,?]"),
    ("...,...->...", [[3, -1], [D(2, 5)]], "[3,2..5]"),
    ("...,...->...", [[3, 1], [2]], "[3,2]"),
    ("ij,ij->ij", [[D(1, 3), 3], [2, 3]], "[2,3]"),
    ("ii->i", [[-1, 4]], "[4]"),
    ("ab,bc", [[2, 3], [3, 4]], "[2,4]"),
    ("i...j,j...k", [[2, -1, 3], [3, 5, 4]], "[5,2,4]"),
])
def test_einsum_shape_inference(equation, shapes, want):
    assert pshape(ops.einsum([P(s) for s in shapes], equation)) == want


BAD_INPUT = "Input subscript of Einsum equation must consist of either only alphabetic letters or alphabetic " \
            "letters with one ellipsis"
BAD_OUTPUT = "Output subscript of Einsum equation must consist of either only alphabetic letters or alphabetic " \
             "letters with one ellipsis"


@pytest.mark.parametrize("equation,shapes,message", [
    ("i j,jk->ik", [[2, 3], [3, 4]], BAD_INPUT),
    (" ij,jk->ik", [[2, 3], [3, 4]], BAD_INPUT),
    ("i1,jk->ik", [[2, 3], [3, 4]], BAD_INPUT),
    ("i.j,jk->ik", [[2, 3], [3, 4]], BAD_INPUT),
    ("......", [[2, 3]], BAD_INPUT),
    ("...i...", [[2, 3]], BAD_INPUT),
    ("ij,jk-ik", [[2, 3], [3, 4]], BAD_INPUT),
    ("ij->ik->", [[2, 3]], BAD_OUTPUT),
    ("ij,jk->ik,", [[2, 3], [3, 4]], BAD_OUTPUT),
    ("ij->i j", [[2, 3]], BAD_OUTPUT),
    ("ij,jk->ik", [[2, 3], [3, 4], [1]], "Equation must contain a number of subscripts equal to a number of "
                                         "Einsum inputs"),
    ("ij,jk->ik", [[2, 3]], "Equation must contain a number of subscripts equal to a number of Einsum inputs"),
    ("ij->k", [[2, 3]], "Label in output subscript of Einsum equation must enter at least one input subscript"),
    ("ij", [[2, 3, 4]], "Input rank must be greater or equal to a number of labels in the corresponding input "
                        "subscript"),
    ("ij", [[2]], "Input rank must be greater or equal to a number of labels"),
    ("i", [[]], "Input rank must be greater or equal to a number of labels"),
    ("...ijk", [[2, 3]], "Input rank must be greater or equal to a number of labels"),
    ("ii->i", [[3, 4]], "Different input dimensions indicated by the repeated labels within single input node for "
                        "Einsum must be compatible"),
    ("ij,ij->ij", [[2, 3], [2, 4]], "Different input dimensions indicated by the same labels for Einsum must be "
                                    "broadcastable"),
    ("...ij,...jk", [[5, 2, 2, 3], [4, 3, 4]], "Input dimensions labeled with ellipsis for Einsum must be "
                                               "broadcastable"),
])
def test_einsum_errors(equation, shapes, message):
    with pytest.raises(RuntimeError, match=message):
        ops.einsum([P(s) for s in shapes], equation)


@pinot_only
@pytest.mark.parametrize("equation,shapes", [
    ("ij->jj", [[2, 3]]),
    ("ii->ii", [[3, 3]]),
    ("ii", [[3, 3]]),        # OpenVINO's implicit output of "ii" is "ii"
    ("i...i", [[3, 2, 3]]),  # ... and of "i...i" is "...ii"
])
def test_einsum_repeated_output_label(equation, shapes):
    # OpenVINO validates these but cannot compile them; Pinot rejects them up front.
    with pytest.raises(RuntimeError, match="Output subscript of Einsum equation must not repeat a label"):
        ops.einsum([P(s) for s in shapes], equation)


def test_einsum_types_rejected():
    with pytest.raises(RuntimeError, match="Inputs to Einsum operation must have the same type"):
        ops.einsum([P([2, 3]), P([3, 4], np.float16)], "ij,jk->ik")
    with pytest.raises(RuntimeError, match="The input type for Einsum operation must be numeric"):
        ops.einsum([P([2, 3], np.bool_), P([3, 4], np.bool_)], "ij,jk->ik")


def test_einsum_attributes():
    node = ops.einsum([P([2, 3]), P([3, 4])], "ij,jk")
    assert node.get_type_name() == "Einsum"
    assert node.get_attributes() == {"equation": "ij,jk"}


# ======================================================================
# ScaledDotProductAttention
# ======================================================================

def np_sdpa(q, k, v, mask=None, scale=None, causal=False):
    q, k, v = (x.astype(np.float64) for x in (q, k, v))
    L, S, E = q.shape[-2], k.shape[-2], q.shape[-1]
    scale = 1.0 / np.sqrt(E) if scale is None else float(np.asarray(scale).reshape(()))
    scores = q @ np.swapaxes(k, -1, -2) * scale
    if causal:
        scores = np.where(np.tril(np.ones((L, S), bool)), scores, -np.inf)
    elif mask is not None:
        scores = np.where(mask, scores, -np.inf) if mask.dtype == bool else scores + mask.astype(np.float64)
    with np.errstate(invalid="ignore"):
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))
        return (e / e.sum(axis=-1, keepdims=True)) @ v


def run_sdpa(q, k, v, mask=None, scale=None, causal=False):
    arrays = [a for a in (q, k, v, mask, scale) if a is not None]
    params = params_for(*arrays)
    it = iter(params)
    pq, pk, pv = next(it), next(it), next(it)
    pm = next(it) if mask is not None else None
    ps = next(it) if scale is not None else None
    node = ops.scaled_dot_product_attention(pq, pk, pv, pm, ps, causal)
    return node, infer(node, params, arrays)


SDPA_SHAPES = [
    # (q, k, v)
    ([2, 3, 4], [2, 3, 4], [2, 3, 4]),
    ([1, 2, 3, 4], [1, 2, 5, 4], [1, 2, 5, 6]),   # L < S, Ev != E
    ([2, 5, 4], [2, 2, 4], [2, 2, 3]),            # L > S
    ([2, 7, 3, 4], [7, 5, 4], [7, 5, 6]),         # key/value batch broadcast
    ([1, 3, 4], [2, 5, 4], [2, 5, 6]),            # query batch broadcast
    ([2, 7, 3, 4], [2, 1, 5, 4], [2, 1, 5, 6]),
]


@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize("qs,ks,vs", SDPA_SHAPES)
def test_sdpa_plain_and_causal(qs, ks, vs, causal):
    q, k, v = sample(qs, np.float32, 1), sample(ks, np.float32, 2), sample(vs, np.float32, 3)
    node, got = run_sdpa(q, k, v, causal=causal)
    check_close(got, np_sdpa(q, k, v, causal=causal).astype(np.float32), np.float32)


@pytest.mark.parametrize("mask_shape", [[3, 5], [1, 5], [3, 1], [1, 1], [2, 1, 3, 5], [1, 2, 3, 5]])
@pytest.mark.parametrize("mask_type", [np.bool_, np.float32])
def test_sdpa_mask(mask_shape, mask_type):
    q, k, v = sample([2, 3, 4], np.float32, 1), sample([2, 5, 4], np.float32, 2), sample([2, 5, 6], np.float32, 3)
    if mask_type == np.bool_:
        mask = np.random.default_rng(4).random(mask_shape) > 0.4
        mask[..., 0] = True  # every query keeps at least one key
    else:
        mask = sample(mask_shape, np.float32, 4) * 3
    node, got = run_sdpa(q, k, v, mask)
    want = np_sdpa(q, k, v, mask).astype(np.float32)
    assert node.get_output_partial_shape(0) == ov.PartialShape(list(want.shape))
    check_close(got, want, np.float32)


def test_sdpa_float_mask_with_minus_inf_and_scale():
    q, k, v = sample([1, 2, 3, 4], np.float32, 1), sample([1, 2, 5, 4], np.float32, 2), sample([1, 2, 5, 3],
                                                                                                np.float32, 3)
    mask = np.zeros([3, 5], np.float32)
    mask[:, 3:] = -np.inf
    scale = np.array(0.7, np.float32)
    _, got = run_sdpa(q, k, v, mask, scale)
    check_close(got, np_sdpa(q, k, v, mask, scale).astype(np.float32), np.float32)


@pytest.mark.parametrize("mask_type", [np.bool_, np.float32])
def test_sdpa_causal_ignores_mask(mask_type):
    # OpenVINO: with causal=true the attention_mask input is ignored, boolean or float.
    q, k, v = sample([2, 4, 4], np.float32, 1), sample([2, 6, 4], np.float32, 2), sample([2, 6, 3], np.float32, 3)
    mask = np.zeros([4, 6], mask_type)  # all False / all 0: would mask or shift everything
    _, got = run_sdpa(q, k, v, mask, causal=True)
    check_close(got, np_sdpa(q, k, v, causal=True).astype(np.float32), np.float32)


def test_sdpa_causal_with_scale():
    q, k, v = sample([2, 4, 4], np.float32, 1), sample([2, 4, 4], np.float32, 2), sample([2, 4, 4], np.float32, 3)
    scale = np.array(1.5, np.float32)
    # the builder inserts a zero mask in front of the scale
    _, got = run_sdpa(q, k, v, None, scale, causal=True)
    check_close(got, np_sdpa(q, k, v, scale=scale, causal=True).astype(np.float32), np.float32)
    _, got = run_sdpa(q, k, v, None, scale, causal=False)
    check_close(got, np_sdpa(q, k, v, scale=scale).astype(np.float32), np.float32)


def test_sdpa_fully_masked_row_is_nan():
    q = sample([1, 3, 4], np.float32, 1)
    v = sample([1, 3, 5], np.float32, 2)
    mask = np.ones([3, 3], bool)
    mask[1] = False
    _, got = run_sdpa(q, q, v, mask)
    assert np.isnan(got[0, 1]).all()
    assert not np.isnan(got[0, [0, 2]]).any()
    fmask = np.where(mask, 0, -np.inf).astype(np.float32)
    _, got = run_sdpa(q, q, v, fmask)
    assert np.isnan(got[0, 1]).all()


@pytest.mark.parametrize("L,S", [(0, 3), pytest.param(3, 0, marks=pinot_only)])  # OpenVINO fails on S = 0
def test_sdpa_empty(L, S):
    q, k, v = sample([1, L, 4], np.float32, 1), sample([1, S, 4], np.float32, 2), sample([1, S, 2], np.float32, 3)
    _, got = run_sdpa(q, k, v)
    np.testing.assert_array_equal(got, np.zeros([1, L, 2], np.float32))  # no keys: an empty sum


@pytest.mark.parametrize("dtype", [np.float64, np.float16])
def test_sdpa_types(dtype):
    q, k, v = sample([2, 3, 4], dtype, 1), sample([2, 5, 4], dtype, 2), sample([2, 5, 6], dtype, 3)
    mask = sample([3, 5], dtype, 4)
    node, got = run_sdpa(q, k, v, mask)
    assert node.get_output_element_type(0) == ov.Type(np.dtype(dtype))
    check_close(got, np_sdpa(q, k, v, mask).astype(dtype), dtype)


def test_sdpa_mask_scalar_and_dynamic_length():
    pq, pk, pv = P([1, -1, 4]), P([1, -1, 4]), P([1, -1, 4])
    node = ops.scaled_dot_product_attention(pq, pk, pv, np.float32(0.0), None, False)
    assert pshape(node) == "[1,?,4]"
    compiled = compile_f32([node], [pq, pk, pv])
    for L, S in ((2, 3), (5, 1)):
        q, k, v = sample([1, L, 4], np.float32, L), sample([1, S, 4], np.float32, S), sample([1, S, 4],
                                                                                              np.float32, 9)
        check_close(compiled([q, k, v])[0], np_sdpa(q, k, v).astype(np.float32), np.float32)


@pytest.mark.parametrize("q,k,v,m,want", [
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], None, "[2,3,6]"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [2, 1, 3, 5], "[2,2,3,6]"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [1, 1, 1, 1, 1], "[1,1,2,3,6]"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [], "[2,3,6]"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], "...", "[2,3,6]"),
    ([2, 1, 4], [2, 5, 4], [2, 5, 6], [3, 5], "[2,3,6]"),       # the mask's L broadcasts the query's
    ([2, 7, 3, 4], [1, 1, 1, 5, 4], [7, 5, 6], None, "[1,2,7,3,6]"),
    ("...", [2, 5, 4], [2, 5, 6], None, "[...]"),
    ([2, 3, 4], "...", [2, 5, 6], None, "[2,3,6]"),
    ([2, 3, 4], [2, 5, 4], "...", None, "[2,3,?]"),
    ([-1, -1, 4], [2, -1, -1], [-1, 5, -1], None, "[2,?,?]"),
    ([-1, -1, -1], [2, -1, -1], [-1, 5, -1], [3, -1], "[2,3,?]"),
    ([-1, -1, -1], [-1, -1, -1], [-1, -1, -1], [2, 1, 3, 5], "[2,?,3,?]"),
    ([2, 3, 4], "...", "...", [2, 1, 3, 5], "[2,2,3,?]"),
    ([D(1, 3), 3, 4], [2, 5, 4], [2, 5, 6], None, "[2,3,6]"),
    ([2, 3, 4], [2, D(1, 4), 4], [2, D(3, 6), 6], None, "[2,3,6]"),
])
def test_sdpa_shape_inference(q, k, v, m, want):
    node = ops.scaled_dot_product_attention(P(q), P(k), P(v), None if m is None else P(m), None, False)
    assert pshape(node) == want


@pytest.mark.parametrize("q,k,v,m,causal,message", [
    ([3, 4], [5, 4], [5, 6], None, False, "Query input rank length must be at least 3 or more"),
    ([2, 3, 4], [2, 5, 3], [2, 5, 6], None, False, "Key input shape not compatible with other inputs"),
    ([2, 3, 4], [3, 5, 4], [2, 5, 6], None, False, "Key input shape not compatible with other inputs"),
    ([2, 3, 4], [5, 4], [5, 6], None, False, "Key input shape not compatible with other inputs"),
    ([2, 3, 4], [2, 5, 4], [2, 6, 6], None, False, "Value input shape not compatible with other inputs"),
    ([2, 3, 4], [2, 1, 4], [2, 5, 6], None, False, "Value input shape not compatible with other inputs"),
    ([2, 3, 4], [2, 5, 4], [5, 6], None, False, "Value input shape not compatible with other inputs"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [1], False, "Attention mask input shape not compatible with other inputs"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [4, 5], False, "Attention mask input shape not compatible"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [3, 4], False, "Attention mask input shape not compatible"),
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], [7, 1, 1], False, "Attention mask input shape not compatible"),
    ([2, 3, 4], [2, 5, 4], "...", [3, 7], False, "Attention mask input shape not compatible"),
])
def test_sdpa_shape_errors(q, k, v, m, causal, message):
    with pytest.raises(RuntimeError, match=message):
        ops.scaled_dot_product_attention(P(q), P(k), P(v), None if m is None else P(m), None, causal)


def test_sdpa_causal_skips_mask_checks():
    # a mask of the wrong shape and type is not looked at when causal is set
    node = ops.scaled_dot_product_attention(P([2, 3, 4]), P([2, 5, 4]), P([2, 5, 6]), P([4, 5, 6], np.int32),
                                            None, True)
    assert pshape(node) == "[2,3,6]"
    assert node.get_attributes() == {"causal": True}


def test_sdpa_type_errors():
    q, k, v = P([2, 3, 4]), P([2, 5, 4]), P([2, 5, 6])
    with pytest.raises(RuntimeError, match="The element type of attention_mask must be either floating-point or "
                                           "boolean"):
        ops.scaled_dot_product_attention(q, k, v, P([3, 5], np.int32), None, False)
    with pytest.raises(RuntimeError, match="Mixed input types are not supported"):
        ops.scaled_dot_product_attention(q, k, v, P([3, 5], np.float16), None, False)
    with pytest.raises(RuntimeError, match="Mixed input types are not supported"):
        ops.scaled_dot_product_attention(q, P([2, 5, 4], np.float16), v)
    with pytest.raises(RuntimeError, match="Mixed input types are not supported"):
        ops.scaled_dot_product_attention(q, k, v, P([3, 5], np.bool_), P([], np.float16), False)
    with pytest.raises(RuntimeError, match="Mixed input types are not supported"):
        ops.scaled_dot_product_attention(q, k, v, None, 0.5)  # a Python float is an f64 constant
    with pytest.raises(RuntimeError, match="The element type of the input tensor must be a floating-point"):
        ops.scaled_dot_product_attention(P([2, 3, 4], np.int32), P([2, 5, 4], np.int32), P([2, 5, 6], np.int32))
    with pytest.raises(RuntimeError, match="Scale input must be scalar or have 1 element"):
        ops.scaled_dot_product_attention(q, k, v, P([3, 5]), P([2]), False)
    node = ops.scaled_dot_product_attention(P([2, 3, 4], ov.Type.dynamic), P([2, 5, 4], ov.Type.dynamic),
                                            P([2, 5, 6], ov.Type.dynamic), P([3, 5], np.bool_), P([], np.float16))
    assert node.get_output_element_type(0) == ov.Type.f16
    node = ops.scaled_dot_product_attention(q, k, v, P([3, 5], np.float16), P([1]), True)
    assert node.get_output_element_type(0) == ov.Type.f32


def test_sdpa_builder_inputs():
    q = P([1, 2, 3, 4])
    node = ops.scaled_dot_product_attention(q, q, q, None, np.float32(0.5), causal=True)
    kinds = [o.get_node().get_type_name() for o in node.input_values()]
    assert kinds == ["Parameter", "Parameter", "Parameter", "ConvertLike", "Constant"]
    assert node.input_value(3).get_element_type() == ov.Type.f32
    assert ops.scaled_dot_product_attention(q, q, q).get_input_size() == 3
    assert ops.scaled_dot_product_attention(q, q, q, P([3, 3])).get_input_size() == 4


def test_builders_per_opset():
    import pinot.opset1 as o1
    import pinot.opset6 as o6
    import pinot.opset12 as o12
    import pinot.opset16 as o16
    assert hasattr(o1, "matmul") and hasattr(o16, "matmul")
    assert not hasattr(o6, "einsum") and hasattr(ops7, "einsum") and hasattr(o16, "einsum")
    assert not hasattr(o12, "scaled_dot_product_attention") and hasattr(o16, "scaled_dot_product_attention")
    assert o1.matmul(P([2, 3]), P([3, 4]), False, False, name="mm").get_friendly_name() == "mm"
    assert ops7.einsum([P([2, 3])], "ij->ji", name="es").get_friendly_name() == "es"
    q = P([2, 3, 4])
    assert ops.scaled_dot_product_attention(q, q, q, name="att").get_friendly_name() == "att"

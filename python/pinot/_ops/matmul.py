"""Builders of the matrix family: matmul (MatMul-1), einsum (Einsum-7) and
scaled_dot_product_attention (ScaledDotProductAttention-13)."""
from typing import Optional

import numpy as np

from pinot._ops._base import as_output, make_node
from pinot._ops.registry import opset


@opset(since=1)
def matmul(data_a, data_b, transpose_a: bool, transpose_b: bool, name: Optional[str] = None):
    """MatMul-1: numpy matmul of `data_a` and `data_b`, each optionally
    transposed on its last two axes (ignored for 1-D inputs)."""
    return make_node("MatMul", 1, [data_a, data_b],
                     {"transpose_a": bool(transpose_a), "transpose_b": bool(transpose_b)}, name)


@opset(since=7)
def einsum(inputs, equation: str, name: Optional[str] = None):
    """Einsum-7 over the list `inputs` with `equation` ("ij,jk->ik")."""
    return make_node("Einsum", 7, list(inputs), {"equation": equation}, name)


@opset(since=13)
def scaled_dot_product_attention(query, key, value, attention_mask=None, scale=None, causal: bool = False,
                                 name: Optional[str] = None):
    """ScaledDotProductAttention-13. As in OpenVINO, a `scale` without an
    `attention_mask` gets a zero mask (ConvertLike(0, query)) in its place."""
    inputs = [as_output(query), as_output(key), as_output(value)]
    if attention_mask is not None:
        inputs.append(as_output(attention_mask))
    elif scale is not None:
        zero = make_node("ConvertLike", 1, [np.array(0, np.int32), inputs[0]])
        inputs.append(zero.output(0))
    if scale is not None:
        inputs.append(as_output(scale))
    return make_node("ScaledDotProductAttention", 13, inputs, {"causal": bool(causal)}, name)

"""Builders of the reduction family: Reduce* (opset1; ReduceL1/L2 from opset4),
CumSum (opset3) and TopK (versions 1, 3 and 11), with OpenVINO's signatures."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


def _reduce(type_name: str, since: int, node, reduction_axes, keep_dims: bool, name: Optional[str]):
    return make_node(type_name, since, [node, reduction_axes], {"keep_dims": keep_dims}, name)


@opset(since=1)
def reduce_sum(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Sum of the elements along `reduction_axes`."""
    return _reduce("ReduceSum", 1, node, reduction_axes, keep_dims, name)


@opset(since=1)
def reduce_mean(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Mean of the elements along `reduction_axes` (integers truncate)."""
    return _reduce("ReduceMean", 1, node, reduction_axes, keep_dims, name)


@opset(since=1)
def reduce_max(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Maximum along `reduction_axes`."""
    return _reduce("ReduceMax", 1, node, reduction_axes, keep_dims, name)


@opset(since=1)
def reduce_min(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Minimum along `reduction_axes`."""
    return _reduce("ReduceMin", 1, node, reduction_axes, keep_dims, name)


@opset(since=1)
def reduce_prod(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Product of the elements along `reduction_axes`."""
    return _reduce("ReduceProd", 1, node, reduction_axes, keep_dims, name)


@opset(since=1)
def reduce_logical_and(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Logical AND of a boolean tensor along `reduction_axes`."""
    return _reduce("ReduceLogicalAnd", 1, node, reduction_axes, keep_dims, name)


@opset(since=1)
def reduce_logical_or(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Logical OR of a boolean tensor along `reduction_axes`."""
    return _reduce("ReduceLogicalOr", 1, node, reduction_axes, keep_dims, name)


@opset(since=4)
def reduce_l1(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Sum of absolute values along `reduction_axes`."""
    return _reduce("ReduceL1", 4, node, reduction_axes, keep_dims, name)


@opset(since=4)
def reduce_l2(node, reduction_axes, keep_dims: bool = False, name: Optional[str] = None):
    """Square root of the sum of squares along `reduction_axes`."""
    return _reduce("ReduceL2", 4, node, reduction_axes, keep_dims, name)


@opset(since=3)
def cumsum(arg, axis, exclusive: bool = False, reverse: bool = False, name: Optional[str] = None):
    """Cumulative sum of `arg` along the scalar `axis`."""
    return make_node("CumSum", 3, [arg, axis], {"exclusive": exclusive, "reverse": reverse}, name)


@opset(since=1, until=3)
def topk(data, k, axis: int, mode: str, sort: str, name: Optional[str] = None):
    """TopK-1: the k largest ('max') or smallest ('min') elements along `axis`
    and their indices; `sort` is 'value', 'index' or 'none'."""
    return make_node("TopK", 1, [data, k], {"axis": axis, "mode": mode, "sort": sort}, name)


@opset(since=3, until=11, name="topk")
def topk_v3(data, k, axis: int, mode: str, sort: str, index_element_type="i32", name: Optional[str] = None):
    """TopK-3: TopK-1 with the type of the indices output (i32 or i64)."""
    attrs = {"axis": axis, "mode": mode, "sort": sort, "index_element_type": index_element_type}
    return make_node("TopK", 3, [data, k], attrs, name)


@opset(since=11, name="topk")
def topk_v11(data, k, axis: int, mode: str, sort: str, index_element_type="i32", stable: bool = False,
             name: Optional[str] = None):
    """TopK-11: TopK-3 plus `stable` (equal values keep their input order)."""
    attrs = {"axis": axis, "mode": mode, "sort": sort, "index_element_type": index_element_type, "stable": stable}
    return make_node("TopK", 11, [data, k], attrs, name)

"""Builders for the indexing ops: gather (opset1, 7, 8), gather_elements,
gather_nd (opset5, 8), scatter_update, scatter_elements_update (opset3, 12)
and scatter_nd_update (opset4, 15), with OpenVINO's names and defaults."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=1, until=7)
def gather(data, indices, axis, name: Optional[str] = None):
    """Gather-1: slices of `data` along `axis` picked by non-negative `indices`."""
    return make_node("Gather", 1, [data, indices, axis], {}, name)


@opset(since=7, until=8, name="gather")
def gather_v7(data, indices, axis, batch_dims: Optional[int] = 0, name: Optional[str] = None):
    """Gather-7: adds `batch_dims`."""
    return make_node("Gather", 7, [data, indices, axis], {"batch_dims": batch_dims}, name)


@opset(since=8, name="gather")
def gather_v8(data, indices, axis, batch_dims: Optional[int] = 0, name: Optional[str] = None):
    """Gather-8: negative indices count from the end of `axis`."""
    return make_node("Gather", 8, [data, indices, axis], {"batch_dims": batch_dims}, name)


@opset(since=6)
def gather_elements(data, indices, axis: Optional[int] = 0, name: Optional[str] = None):
    """GatherElements-6: out[i][j] = data[indices[i][j]][j] for axis 0 (and so on)."""
    return make_node("GatherElements", 6, [data, indices], {"axis": axis}, name)


@opset(since=5, until=8)
def gather_nd(data, indices, batch_dims: Optional[int] = 0, name: Optional[str] = None):
    """GatherND-5: batch dimensions are flattened into one in the output."""
    return make_node("GatherND", 5, [data, indices], {"batch_dims": batch_dims}, name)


@opset(since=8, name="gather_nd")
def gather_nd_v8(data, indices, batch_dims: Optional[int] = 0, name: Optional[str] = None):
    """GatherND-8: batch dimensions are kept in the output."""
    return make_node("GatherND", 8, [data, indices], {"batch_dims": batch_dims}, name)


@opset(since=3)
def scatter_update(data, indices, updates, axis, name: Optional[str] = None):
    """ScatterUpdate-3: data with the slices at `indices` along `axis` replaced by `updates`."""
    return make_node("ScatterUpdate", 3, [data, indices, updates, axis], {}, name)


@opset(since=3, until=12)
def scatter_elements_update(data, indices, updates, axis, name: Optional[str] = None):
    """ScatterElementsUpdate-3."""
    return make_node("ScatterElementsUpdate", 3, [data, indices, updates, axis], {}, name)


@opset(since=12, name="scatter_elements_update")
def scatter_elements_update_v12(data, indices, updates, axis, reduction: Optional[str] = "None",
                                use_init_val: Optional[bool] = True, name: Optional[str] = None):
    """ScatterElementsUpdate-12: `reduction` none/sum/prod/min/max/mean; `use_init_val`
    says whether the data value takes part in the reduction."""
    attrs = {"reduction": reduction, "use_init_val": use_init_val}
    return make_node("ScatterElementsUpdate", 12, [data, indices, updates, axis], attrs, name)


@opset(since=4, until=15)
def scatter_nd_update(data, indices, updates, name: Optional[str] = None):
    """ScatterNDUpdate-3 (exposed from opset4, as in OpenVINO)."""
    return make_node("ScatterNDUpdate", 4, [data, indices, updates], {}, name)


@opset(since=15, name="scatter_nd_update")
def scatter_nd_update_v15(data, indices, updates, reduction: Optional[str] = None, name: Optional[str] = None):
    """ScatterNDUpdate-15: `reduction` none/sum/sub/prod/min/max."""
    attrs = {"reduction": reduction} if reduction else {}
    return make_node("ScatterNDUpdate", 15, [data, indices, updates], attrs, name)

"""Builder for ReverseSequence-1 (opset1 and later): reverse the first
seq_lengths[b] elements along `seq_axis` for every index b along `batch_axis`."""
from typing import Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=1)
def reverse_sequence(input, seq_lengths, batch_axis: int, seq_axis: int, name: Optional[str] = None):
    """ReverseSequence-1 with OpenVINO's parameter names."""
    return make_node("ReverseSequence", 1, [input, seq_lengths], {"batch_axis": batch_axis, "seq_axis": seq_axis},
                     name)

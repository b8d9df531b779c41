"""Builders for ReadValue and Assign (opset3 and opset6 forms)."""
from typing import Any, Optional

from pinot._ops._base import make_node
from pinot._ops.registry import opset
from pinot._pinot import PartialShape, Type


def _variable_attrs(variable_id: str, variable_type: Any, variable_shape: Any) -> dict:
    attrs: dict = {"variable_id": variable_id}
    if variable_type is not None:
        attrs["variable_type"] = variable_type if isinstance(variable_type, Type) else Type(variable_type)
    if variable_shape is not None:
        attrs["variable_shape"] = (variable_shape if isinstance(variable_shape, PartialShape)
                                   else PartialShape(variable_shape))
    return attrs


@opset(since=3, until=6, name="read_value")
def read_value_v3(init_value: Any, variable_id: str, name: Optional[str] = None):
    """ReadValue-3: the variable's value, `init_value` before the first Assign."""
    return make_node("ReadValue", 3, [init_value], {"variable_id": variable_id}, name)


@opset(since=6, name="read_value")
def read_value(init_value: Any = None, variable_id: Optional[str] = None, variable_type: Any = None,
               variable_shape: Any = None, name: Optional[str] = None):
    """ReadValue-6: read_value(init_value, variable_id, ...) or read_value(variable_id, type, shape)."""
    if isinstance(init_value, str) and (variable_id is None or not isinstance(variable_id, str)):
        # read_value(variable_id, variable_type, variable_shape): no initializer
        variable_id, variable_type, variable_shape = init_value, variable_id, variable_type
        return make_node("ReadValue", 6, [], _variable_attrs(variable_id, variable_type, variable_shape), name)
    return make_node("ReadValue", 6, [init_value], _variable_attrs(variable_id, variable_type, variable_shape), name)


@opset(since=3, until=6, name="assign")
def assign_v3(new_value: Any, variable_id: str, name: Optional[str] = None):
    """Assign-3: store `new_value` into the variable."""
    return make_node("Assign", 3, [new_value], {"variable_id": variable_id}, name)


@opset(since=6, name="assign")
def assign(new_value: Any, variable_id: str, name: Optional[str] = None):
    """Assign-6: store `new_value` into the variable (a model sink)."""
    return make_node("Assign", 6, [new_value], {"variable_id": variable_id}, name)

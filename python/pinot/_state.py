"""VariableState: one variable of a stateful model, seen through an infer
request (as openvino.VariableState)."""
from typing import Any

from pinot._pinot import Tensor


class VariableState:
    """The state of variable `name` in one infer request."""

    def __init__(self, request: Any, index: int, name: str) -> None:
        self._request = request
        self._index = index
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def get_name(self) -> str:
        return self._name

    @property
    def state(self) -> Tensor:
        return self._request._get_state(self._index)

    @state.setter
    def state(self, value: Tensor) -> None:
        self.set_state(value)

    def get_state(self) -> Tensor:
        return self.state

    def set_state(self, value: Any) -> None:
        self._request._set_state(self._index, value if isinstance(value, Tensor) else Tensor(value))

    def reset(self) -> None:
        self._request.reset_state(self._index)

    def __repr__(self) -> str:
        return f"<VariableState: '{self._name}'>"

"""AsyncInferQueue (API.md §11): a pool of infer requests fed round the idle
FIFO. Scheduling, waiting and callbacks are C (_pinot.AsyncInferQueueBase,
GIL released while blocking); this layer only binds the inputs of a job with
the same dispatcher as InferRequest.infer."""
from typing import Any, Iterator

from pinot import _pinot
from pinot._runtime import InferRequest, _bind_inputs


class AsyncInferQueue(_pinot.AsyncInferQueueBase):
    """AsyncInferQueue(model: CompiledModel, jobs: int = 0): `jobs` requests
    (0: the compiled model's OPTIMAL_NUMBER_OF_INFER_REQUESTS)."""

    def __iter__(self) -> Iterator[InferRequest]:
        return iter([self[i] for i in range(len(self))])

    def start_async(self, inputs: Any = None, userdata: Any = None, share_inputs: bool = False) -> None:
        """Starts the oldest idle job on `inputs`, blocking while every job is busy.
        A callback's exception from an earlier job is raised here first."""
        job = self._acquire()
        try:
            _bind_inputs(self[job], inputs, share_inputs)
        except BaseException:
            self._release(job)
            raise
        self._start(job, userdata)

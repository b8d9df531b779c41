"""Stress: 100,000 async requests through an AsyncInferQueue with callbacks, on
a tiny model, under the THROUGHPUT hint. Every callback runs exactly once with
its job's result, nothing deadlocks, and memory stays flat after warm-up (RSS
and Python allocations). Bounded, no timing assertions."""
import gc
import os
import resource
import tracemalloc

import numpy as np

import pinot as ov
from pinot import opset13 as ops

REQUESTS = 100_000
WARMUP = 10_000


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def test_hundred_thousand_requests_memory_flat():
    x = ops.parameter([4], np.float32, name="x")
    model = ov.Model([ops.multiply(x, np.float32(2))], [x], "stress")
    compiled = ov.Core().compile_model(model, "CPU", {"PERFORMANCE_HINT": "THROUGHPUT"})
    queue = ov.AsyncInferQueue(compiled, 4)
    seen = np.zeros(REQUESTS, np.uint8)
    wrong = []

    def callback(request, userdata):
        value = request.get_output_tensor(0).data[0]
        if value != 2.0 * (userdata % 1000):
            wrong.append(userdata)
        seen[userdata] += 1

    queue.set_callback(callback)
    inputs = [np.full(4, i % 1000, np.float32) for i in range(1000)]
    rss_after_warmup = None
    for i in range(REQUESTS):
        queue.start_async({0: inputs[i % 1000]}, userdata=i)
        if i == WARMUP:
            queue.wait_all()
            gc.collect()
            rss_after_warmup = rss_mb()
            tracemalloc.start()
            traced_start = tracemalloc.get_traced_memory()[0]
    queue.wait_all()
    gc.collect()
    traced_growth = (tracemalloc.get_traced_memory()[0] - traced_start) / 2**20
    tracemalloc.stop()
    rss_growth = rss_mb() - rss_after_warmup
    assert wrong == []
    assert seen.min() == 1 and seen.max() == 1  # every callback exactly once
    assert traced_growth < 2.0, f"Python allocations grew by {traced_growth:.1f} MB"
    if not os.environ.get("PINOT_TEST_SANITIZER"):  # ASan's quarantine keeps freed memory resident
        assert rss_growth < 20.0, f"RSS grew by {rss_growth:.1f} MB after warm-up"

"""The calls of API.md §16.1 that release the GIL, checked in the spirit of §16.2: a helper thread
spins (touching the call's arguments, so refcounts change concurrently) while the main thread is
inside the call, and must make progress in the middle of the call. A call that keeps the GIL lets
the helper run only before and after its C part, never in the middle half of it.

Workloads are calibrated so that each call lasts long enough to observe: a chain of MatMuls on a
1000x1000 input for inference, chains of Adds of growing length for compile_model and reshape. A
call that stays too short even at the largest size (create_infer_request only allocates) xfails
as §16.2's does ("Depend on condition race").
"""
import sys
import threading
import time

import numpy as np
import pytest

from api_models import needs, op

import pinot as ov
from pinot import opset13 as ops

MIN_SECONDS = 0.008  # shortest call whose middle half can be observed reliably on a busy machine
TARGET_SECONDS = 0.03  # calls are calibrated to take at least this long
SIDE = 1000


def matmul_model(length):
    """x @ W @ W ... (`length` MatMuls) with W = 1/SIDE everywhere: every row becomes its mean."""
    param = ops.parameter([SIDE, SIDE], np.float32, name="data")
    weights = ops.constant(np.full((SIDE, SIDE), 1.0 / SIDE, np.float32))
    node = param
    for _ in range(length):
        node = op("matmul")(node, weights, False, False)
    return ov.Model(node, [param], f"matmul{length}")


def chain_model(length, shape=(SIDE, SIDE)):
    """x + x + x ... (`length` Adds), one output."""
    param = ops.parameter(list(shape), np.float32, name="data")
    node = param
    for _ in range(length):
        node = op("add")(node, param)
    return ov.Model(node, [param], f"chain{length}")


def run_with_helper(func, args):
    """Runs func(*args) while a helper thread spins; returns (elapsed seconds, helper steps taken
    in the middle half of the call)."""
    stamps = []
    ready, stop = threading.Event(), threading.Event()

    def spin():
        ready.set()
        while not stop.is_set():
            stamps.append(time.perf_counter())
            for arg in args:
                sys.getrefcount(arg)

    threads_before = threading.active_count()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)
    helper = threading.Thread(target=spin, daemon=True)
    helper.start()
    ready.wait()
    try:
        start = time.perf_counter()
        func(*args)
        end = time.perf_counter()
        assert threading.active_count() == threads_before + 1  # the helper is still alive
    finally:
        stop.set()
        helper.join()
        sys.setswitchinterval(interval)
    quarter = (end - start) / 4
    middle = sum(1 for s in stamps if start + quarter < s < end - quarter)
    return end - start, middle


def check_gil_released(func, *args):
    for _ in range(3):
        elapsed, middle = run_with_helper(func, args)
        if elapsed < MIN_SECONDS:
            pytest.xfail(f"the call took {elapsed * 1e3:.2f} ms: too short to observe the helper thread")
        if middle > 0:
            return
    pytest.fail(f"the helper thread made no progress during a {elapsed * 1e3:.1f} ms call: the GIL was held")


def timed(func, *args):
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def grow(make, measure, start=8, limit=4096, target=TARGET_SECONDS):
    """The first of make(start), make(2*start), ... whose measure() reaches target (or the largest)."""
    length = start
    while True:
        thing = make(length)
        if length >= limit or measure(thing) >= target:
            return thing, length
        length *= 2


@pytest.fixture(scope="module")
def slow_compiled():
    """A compiled MatMul chain whose inference takes at least TARGET_SECONDS, and its input."""
    x = np.random.default_rng(0).random((SIDE, SIDE), dtype=np.float32)

    def measure(compiled):
        request = compiled.create_infer_request()
        request.infer({0: x})
        return timed(request.infer, {0: x})

    compiled, _ = grow(lambda n: ov.compile_model(matmul_model(n), "CPU"), measure, start=1, limit=16)
    return compiled, x


needs_matmul = needs("matmul")


# ------------------------------------------------------------------------------ inference
@needs_matmul
def test_infer_request_infer(slow_compiled):
    compiled, x = slow_compiled
    request = compiled.create_infer_request()
    request.infer({0: x})
    check_gil_released(request.infer, {0: x})
    expected = np.repeat(x.mean(axis=1, keepdims=True), SIDE, axis=1)
    # rtol 1e-2: OpenVINO's CPU runs f32 MatMuls in bf16 on CPUs that have it.
    np.testing.assert_allclose(request.get_output_tensor().data, expected, rtol=1e-2)


@needs_matmul
def test_infer_request_infer_shared(slow_compiled):
    compiled, x = slow_compiled
    request = compiled.create_infer_request()
    check_gil_released(lambda inputs: request.infer(inputs, share_inputs=True, share_outputs=True), [x])


@needs_matmul
def test_compiled_model_call(slow_compiled):
    compiled, x = slow_compiled
    compiled(x)
    check_gil_released(compiled, x)


@needs_matmul
def test_infer_new_request(slow_compiled):
    compiled, x = slow_compiled
    check_gil_released(compiled.infer_new_request, {0: x})


@needs_matmul
def test_infer_request_wait(slow_compiled):
    compiled, x = slow_compiled
    request = compiled.create_infer_request()

    def start_and_wait(inputs):
        request.start_async(inputs)
        request.wait()

    check_gil_released(start_and_wait, {0: x})


@needs_matmul
def test_async_infer_queue_wait_all(slow_compiled):
    compiled, x = slow_compiled
    queue = ov.AsyncInferQueue(compiled, 1)

    def start_and_wait_all(inputs):
        queue.start_async(inputs)
        queue.wait_all()

    check_gil_released(start_and_wait_all, {0: x})
    assert queue.is_ready() and queue.get_idle_request_id() == 0


# ------------------------------------------------------------------------------ compiling, requests, reshape
@needs("add")
def test_core_compile_model():
    core = ov.Core()
    model, _ = grow(chain_model, lambda m: timed(core.compile_model, m, "CPU"), start=256, limit=65536)
    check_gil_released(core.compile_model, model, "CPU")


@needs_matmul
def test_create_infer_request(slow_compiled):
    compiled, _ = slow_compiled
    check_gil_released(compiled.create_infer_request)


@needs("add")
def test_model_reshape():
    shapes = iter([[SIDE - 1, SIDE], [SIDE, SIDE]] * 1000)

    def reshape(model):
        model.reshape(next(shapes))

    model, _ = grow(chain_model, lambda m: timed(reshape, m), start=1024, limit=65536, target=0.015)
    check_gil_released(reshape, model)
    assert model.output().partial_shape.is_static


# ------------------------------------------------------------------------------ the check itself
def test_the_check_sees_a_held_gil():
    """bytes.count keeps the GIL: the helper must not run in the middle of it."""
    haystack = b"a" * 50_000_000
    elapsed, middle = run_with_helper(haystack.count, (b"ab",))
    assert elapsed >= MIN_SECONDS
    assert middle == 0


def test_the_check_sees_a_released_gil():
    check_gil_released(time.sleep, 0.03)


# ------------------------------------------------------------------------------ reading, parallel requests
def test_core_read_model(tmp_path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    def big_model(n_floats):
        weights = numpy_helper.from_array(np.ones(n_floats, np.float32), "w")
        x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [n_floats])
        y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [n_floats])
        graph = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"])], "big", [x], [y], [weights])
        path = tmp_path / f"big{n_floats}.onnx"
        onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))
        return path

    core = ov.Core()
    path, _ = grow(big_model, lambda p: timed(core.read_model, p), start=1 << 20, limit=1 << 25)
    check_gil_released(core.read_model, path)
    check_gil_released(core.read_model, path.read_bytes())


@needs_matmul
def test_two_threads_infer_in_parallel(slow_compiled):
    """A second Python thread completes whole inferences on its own request while the main
    thread is inside infer on another: both run at once, not one after the other."""
    compiled, x = slow_compiled
    small = ov.compile_model(chain_model(1, shape=(8, 8)), "CPU")
    side_request = small.create_infer_request()
    side_input = {0: np.ones((8, 8), np.float32)}
    done = []
    stop = threading.Event()

    def side():
        while not stop.is_set():
            side_request.infer(side_input)
            done.append(time.perf_counter())

    request = compiled.create_infer_request()
    request.infer({0: x})
    thread = threading.Thread(target=side, daemon=True)
    thread.start()
    try:
        for _ in range(3):
            start = time.perf_counter()
            request.infer({0: x})
            end = time.perf_counter()
            quarter = (end - start) / 4
            if any(start + quarter < t < end - quarter for t in done):
                return
    finally:
        stop.set()
        thread.join()
    pytest.fail("no inference of the second thread finished while the first was inside infer")

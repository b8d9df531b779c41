"""InferRequest async members (API.md §8.2) and the execution properties (§19): start_async,
wait, wait_for, set_callback, userdata, latency, cancel, busy requests; NUM_STREAMS,
INFERENCE_NUM_THREADS, PERFORMANCE_HINT(_NUM_REQUESTS), OPTIMAL_NUMBER_OF_INFER_REQUESTS.

Also runs against OpenVINO (PINOT_TEST_ORACLE=openvino). No timing assertions: a callback
blocked on an Event holds the single LATENCY stream, which makes "busy" deterministic."""
import os
import signal
import threading
import warnings

import numpy as np
import pytest

import pinot as ov
from pinot import opset13 as ops

ORACLE = os.environ.get("PINOT_TEST_ORACLE", "")
TIMEOUT = 10.0  # seconds a test may block before it counts as a deadlock


def add_model():
    a = ops.parameter([2, 3], np.float32, name="a")
    b = ops.parameter([2, 3], np.float32, name="b")
    return ov.Model([ops.add(a, b)], [a, b], "test_model")


def inputs(value):
    x = np.full((2, 3), value, np.float32)
    return {0: x, 1: x}


@pytest.fixture(scope="module")
def compiled():
    return ov.Core().compile_model(add_model(), "CPU")


class Blocker:
    """Starts a request whose callback blocks until release(): the single LATENCY stream
    stays occupied, so requests started meanwhile stay queued (busy)."""

    def __init__(self, compiled):
        self.request = compiled.create_infer_request()
        self.entered = threading.Event()
        self.go = threading.Event()
        self.request.set_callback(self._callback, None)

    def _callback(self, userdata):
        self.entered.set()
        self.go.wait(TIMEOUT)

    def start(self):
        self.request.start_async(inputs(0))
        assert self.entered.wait(TIMEOUT)

    def release(self):
        self.go.set()
        self.request.wait()


def test_start_async_then_wait(compiled):
    request = compiled.create_infer_request()
    assert request.latency == 0.0
    request.start_async(inputs(1.5))
    request.wait()
    assert np.array_equal(request.get_output_tensor().data, np.full((2, 3), 3.0, np.float32))
    assert request.latency > 0
    assert request.wait_for(0) is True


def test_start_async_positional_and_shared(compiled):
    request = compiled.create_infer_request()
    x = np.full((2, 3), 2.0, np.float32)
    request.start_async([x, x], None, True)
    request.wait()
    assert np.array_equal(request.results[0], np.full((2, 3), 4.0, np.float32))


def test_never_started(compiled):
    request = compiled.create_infer_request()
    assert request.userdata is None
    assert request.wait_for(0) is False  # OpenVINO: not ready until started
    request.wait()  # returns at once
    request.cancel()  # no-op


def test_callback_gets_userdata(compiled):
    request = compiled.create_infer_request()
    got = []
    request.set_callback(lambda userdata: got.append(userdata), "first")
    assert request.userdata == "first"
    request.start_async(inputs(1))
    request.wait()
    request.start_async(inputs(1), userdata=7)  # replaces the userdata
    request.wait()
    request.start_async(inputs(1))  # None keeps the last one
    request.wait()
    assert got == ["first", 7, 7]
    assert request.userdata == 7


def test_callback_sees_results_and_latency(compiled):
    request = compiled.create_infer_request()
    seen = []

    def callback(userdata):
        seen.append((request.get_output_tensor().data.copy(), request.latency, threading.get_ident()))

    request.set_callback(callback, None)
    request.start_async(inputs(4))
    request.wait()
    data, latency, thread = seen[0]
    assert np.array_equal(data, np.full((2, 3), 8.0, np.float32))
    assert latency >= 0
    assert thread != threading.get_ident()  # a worker thread, not the caller


def test_userdata_without_callback_warns(compiled):
    request = compiled.create_infer_request()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        request.start_async(inputs(1), userdata=5)
    request.wait()
    assert [str(w.message) for w in caught if w.category is RuntimeWarning] == ["There is no callback function!"]
    assert request.userdata is None


def test_set_callback_needs_userdata(compiled):
    request = compiled.create_infer_request()
    with pytest.raises(TypeError):
        request.set_callback(lambda userdata: None)
    request.set_callback(callback=lambda userdata: None, userdata=3)
    assert request.userdata == 3


def test_wait_for_arguments(compiled):
    request = compiled.create_infer_request()
    request.infer(inputs(1))
    with pytest.raises(RuntimeError, match="less than 0"):
        request.wait_for(-1)
    for bad in (1.5, "1"):
        with pytest.raises(TypeError):
            request.wait_for(bad)


def test_callback_exception_raised_by_wait(compiled):
    request = compiled.create_infer_request()

    def callback(userdata):
        raise ValueError("boom")

    request.set_callback(callback, None)
    request.start_async(inputs(1))
    with pytest.raises(RuntimeError, match="boom") as info:
        request.wait()
    assert "ValueError" in str(info.value)
    result = request.infer(inputs(2))  # the request still works
    assert np.array_equal(result[0], np.full((2, 3), 4.0, np.float32))


def test_wait_for_times_out_while_callback_runs(compiled):
    blocker = Blocker(compiled)
    blocker.start()
    try:
        assert blocker.request.wait_for(0) is False
        assert blocker.request.wait_for(5) is False
    finally:
        blocker.release()
    assert blocker.request.wait_for(0) is True


def test_busy_request(compiled):
    blocker = Blocker(compiled)
    blocker.start()
    queued = compiled.create_infer_request()
    try:
        queued.start_async(inputs(1))  # waits behind the blocked stream
        with pytest.raises(RuntimeError, match="Infer Request is busy"):
            queued.start_async(inputs(2))
        with pytest.raises(RuntimeError, match="Infer Request is busy"):
            queued.infer(inputs(2))
        with pytest.raises(RuntimeError, match="Infer Request is busy"):
            queued.get_output_tensor()
        assert queued.wait_for(0) is False
    finally:
        blocker.release()
    queued.wait()
    assert np.array_equal(queued.get_output_tensor().data, np.full((2, 3), 2.0, np.float32))


def test_cancel_queued_request(compiled):
    blocker = Blocker(compiled)
    blocker.start()
    queued = compiled.create_infer_request()
    called = []
    queued.set_callback(lambda userdata: called.append(userdata), None)
    try:
        queued.start_async(inputs(1))
        queued.cancel()
    finally:
        blocker.release()
    try:
        queued.wait()
    except RuntimeError as error:  # cancelled before it ran: no callback
        assert "cancel" in str(error).lower()
        assert called == []
    queued.start_async(inputs(3))  # usable again
    queued.wait()
    assert np.array_equal(queued.get_output_tensor().data, np.full((2, 3), 6.0, np.float32))


def test_many_async_requests(compiled):
    """Many requests in flight at once, many rounds: each callback exactly once, right results."""
    requests = [compiled.create_infer_request() for _ in range(8)]
    counts = {}
    lock = threading.Lock()

    def make_callback(request):
        def callback(userdata):
            value = request.get_output_tensor().data[0, 0]
            with lock:
                counts[userdata] = counts.get(userdata, 0) + 1
                assert value == 2 * userdata
        return callback

    for request in requests:
        request.set_callback(make_callback(request), None)
    for round_ in range(60):
        for i, request in enumerate(requests):
            request.start_async(inputs(round_ * 8 + i), userdata=round_ * 8 + i)
        for request in requests:
            request.wait()
    assert counts == {k: 1 for k in range(60 * 8)}


def test_requests_from_threads(compiled):
    """Each Python thread drives its own request, with the GIL released while waiting."""
    errors = []

    def worker(seed):
        request = compiled.create_infer_request()
        try:
            for k in range(40):
                request.start_async(inputs(seed + k))
                request.wait()
                assert request.get_output_tensor().data[0, 0] == 2 * (seed + k)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(100 * t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert errors == []
    assert not any(thread.is_alive() for thread in threads)


# ---------------------------------------------------------------- execution properties
KEYS = ("NUM_STREAMS", "INFERENCE_NUM_THREADS", "PERFORMANCE_HINT", "PERFORMANCE_HINT_NUM_REQUESTS",
        "OPTIMAL_NUMBER_OF_INFER_REQUESTS")


def execution(config):
    compiled = ov.Core().compile_model(add_model(), "CPU", config)
    return dict(zip(KEYS, (compiled.get_property(k) for k in KEYS)))


def test_latency_is_one_stream():
    for config in ({}, {"PERFORMANCE_HINT": "LATENCY"}):
        props = execution(config)
        assert props["NUM_STREAMS"] == 1
        assert props["OPTIMAL_NUMBER_OF_INFER_REQUESTS"] == 1
        assert props["PERFORMANCE_HINT"] == "LATENCY"
        assert props["PERFORMANCE_HINT_NUM_REQUESTS"] == "0"
        assert props["INFERENCE_NUM_THREADS"] >= 1


def test_throughput_streams():
    import pinot.properties.hint as hint

    for config in ({"PERFORMANCE_HINT": "THROUGHPUT"}, {hint.performance_mode: hint.PerformanceMode.THROUGHPUT},
                   {"PERFORMANCE_HINT": "CUMULATIVE_THROUGHPUT"}):
        props = execution(config)
        assert props["NUM_STREAMS"] >= 1
        assert props["OPTIMAL_NUMBER_OF_INFER_REQUESTS"] == props["NUM_STREAMS"]
        assert props["NUM_STREAMS"] <= props["INFERENCE_NUM_THREADS"]
    assert execution({"PERFORMANCE_HINT": "CUMULATIVE_THROUGHPUT"})["PERFORMANCE_HINT"] == "CUMULATIVE_THROUGHPUT"
    limited = execution({"PERFORMANCE_HINT": "THROUGHPUT", "PERFORMANCE_HINT_NUM_REQUESTS": 1})
    assert limited["NUM_STREAMS"] == 1
    assert limited["OPTIMAL_NUMBER_OF_INFER_REQUESTS"] == 1
    assert limited["PERFORMANCE_HINT_NUM_REQUESTS"] == "1"
    assert execution({"PERFORMANCE_HINT": "THROUGHPUT", "INFERENCE_NUM_THREADS": 1})["NUM_STREAMS"] == 1


def test_num_streams():
    import pinot.properties as props
    import pinot.properties.streams as streams

    auto = execution({props.streams.num: streams.Num.AUTO})
    assert auto["PERFORMANCE_HINT"] == "THROUGHPUT"
    assert auto["NUM_STREAMS"] == auto["OPTIMAL_NUMBER_OF_INFER_REQUESTS"] >= 1
    zero = execution({"NUM_STREAMS": 0})
    assert (zero["NUM_STREAMS"], zero["INFERENCE_NUM_THREADS"], zero["OPTIMAL_NUMBER_OF_INFER_REQUESTS"]) == (0, 0, 1)
    capped = execution({"NUM_STREAMS": 64, "INFERENCE_NUM_THREADS": 1})
    assert (capped["NUM_STREAMS"], capped["INFERENCE_NUM_THREADS"]) == (1, 1)
    one = execution({"NUM_STREAMS": 1, "PERFORMANCE_HINT": "THROUGHPUT"})
    assert one["NUM_STREAMS"] == one["OPTIMAL_NUMBER_OF_INFER_REQUESTS"] == 1


def test_thread_count_respects_affinity():
    usable = len(os.sched_getaffinity(0))
    assert 1 <= execution({})["INFERENCE_NUM_THREADS"] <= usable
    assert execution({"INFERENCE_NUM_THREADS": 1})["INFERENCE_NUM_THREADS"] == 1
    assert execution({"INFERENCE_NUM_THREADS": usable + 7})["INFERENCE_NUM_THREADS"] <= usable


def test_core_set_property_applies_to_compile():
    core = ov.Core()
    core.set_property("CPU", {"PERFORMANCE_HINT": "THROUGHPUT", "PERFORMANCE_HINT_NUM_REQUESTS": 1})
    compiled = core.compile_model(add_model(), "CPU")
    assert compiled.get_property("PERFORMANCE_HINT") == "THROUGHPUT"
    assert compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS") == 1


def test_throughput_streams_run_requests(compiled):
    """Requests on a THROUGHPUT model (several streams) give the same results."""
    tput = ov.Core().compile_model(add_model(), "CPU", {"PERFORMANCE_HINT": "THROUGHPUT"})
    requests = [tput.create_infer_request() for _ in range(4)]
    for i, request in enumerate(requests):
        request.start_async(inputs(i))
    for i, request in enumerate(requests):
        request.wait()
        assert request.get_output_tensor().data[1, 2] == 2 * i


@pytest.mark.skipif(ORACLE == "openvino", reason="OpenVINO's wait does not check for signals")
def test_ctrl_c_during_wait(compiled):
    blocker = Blocker(compiled)
    blocker.start()
    timer = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            blocker.request.wait()
    finally:
        timer.join()
        blocker.release()
    assert blocker.request.wait_for(0) is True

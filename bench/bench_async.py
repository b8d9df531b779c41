"""Async throughput with AsyncInferQueue (THROUGHPUT hint, jobs=0), pinot vs
openvino, in one process, interleaved rounds; prints medians (inferences per
second) and the pinot/openvino throughput ratio (higher is better; DESIGN.md
target >= 1.0). Two models: "tiny" (relu of 8 floats: scheduling and callback
overhead) and "mlp" (three 256x256 matmuls: compute on the streams).

    python bench/bench_async.py [--requests 2000] [--rounds 5] [--model tiny|mlp|all]
"""
import argparse
import importlib
import statistics
import time

import numpy as np


def build(module_name: str, kind: str):
    ov = importlib.import_module(module_name)
    ops = importlib.import_module(module_name + ".opset13")
    if kind == "tiny":
        x = ops.parameter([8], np.float32, name="x")
        model = ov.Model([ops.relu(x)], [x], "tiny")
        data = np.arange(8, dtype=np.float32) - 4
    else:
        x = ops.parameter([8, 256], np.float32, name="x")
        rng = np.random.default_rng(0)
        y = x
        for _ in range(3):
            w = ops.constant(rng.standard_normal((256, 256)).astype(np.float32) / 16)
            y = ops.relu(ops.matmul(y, w, False, False))
        model = ov.Model([y], [x], "mlp")
        data = rng.standard_normal((8, 256)).astype(np.float32)
    compiled = ov.compile_model(model, "CPU", {"PERFORMANCE_HINT": "THROUGHPUT"})
    return ov, compiled, data


def throughput(ov, compiled, data, requests: int) -> float:
    queue = ov.AsyncInferQueue(compiled)
    done = [0]

    def callback(request, userdata):
        done[0] += 1

    queue.set_callback(callback)
    for _ in range(len(queue)):  # warm every job
        queue.start_async({0: data})
    queue.wait_all()
    t0 = time.perf_counter()
    for _ in range(requests):
        queue.start_async({0: data})
    queue.wait_all()
    return requests / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model", choices=("tiny", "mlp", "all"), default="all")
    args = parser.parse_args()
    kinds = ("tiny", "mlp") if args.model == "all" else (args.model,)
    for kind in kinds:
        runtimes = {}
        for name in ("pinot", "openvino"):
            try:
                runtimes[name] = build(name, kind)
            except ImportError:
                pass
        samples = {name: [] for name in runtimes}
        for _ in range(args.rounds):
            for name, (ov, compiled, data) in runtimes.items():  # interleaved
                samples[name].append(throughput(ov, compiled, data, args.requests))
        for name, values in samples.items():
            streams = runtimes[name][1].get_property("NUM_STREAMS")
            print(f"{kind:5} {name:10} {statistics.median(values):10.0f} infer/s  ({streams} streams)")
        if "openvino" in samples and "pinot" in samples:
            ratio = statistics.median(samples["pinot"]) / statistics.median(samples["openvino"])
            print(f"{kind:5} pinot / openvino throughput: {ratio:.3f}")


if __name__ == "__main__":
    main()

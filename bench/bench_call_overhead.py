"""Per-call overhead of `compiled_model(x)` on a tiny model (relu of 8 floats),
pinot vs openvino, in one process, interleaved rounds; prints medians (us per
call) and the pinot/openvino ratio. DESIGN.md target: <= 0.3x OpenVINO.

    python bench/bench_call_overhead.py [--calls 2000] [--rounds 7]
"""
import argparse
import importlib
import statistics
import time

import numpy as np


def make(module_name: str):
    ov = importlib.import_module(module_name)
    ops = importlib.import_module(module_name + ".opset13")
    p = ops.parameter([8], np.float32, name="x")
    model = ov.Model([ops.relu(p)], [p], "tiny")
    return ov.compile_model(model, "CPU")


def per_call_us(compiled, x, calls: int) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        compiled(x)
    return (time.perf_counter() - t0) / calls * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    x = np.arange(8, dtype=np.float32) - 4
    runtimes = {}
    for name in ("pinot", "openvino"):
        try:
            runtimes[name] = make(name)
        except ImportError:
            pass
    samples = {name: [] for name in runtimes}
    for _ in range(args.rounds):
        for name, compiled in runtimes.items():  # interleaved
            compiled(x)  # warm
            samples[name].append(per_call_us(compiled, x, args.calls))
    for name, values in samples.items():
        print(f"{name:10} {statistics.median(values):8.2f} us/call")
    if "openvino" in samples and "pinot" in samples:
        ratio = statistics.median(samples["pinot"]) / statistics.median(samples["openvino"])
        print(f"pinot / openvino: {ratio:.3f}")


if __name__ == "__main__":
    main()

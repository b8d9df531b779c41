"""Latency of the ONNX models in tests/models (BERT, GPT-2, ResNet exported
from PyTorch) in pinot, onnxruntime and openvino, side by side in one process:
interleaved rounds, median ms per inference, and each runtime's ratio to pinot.
All three run single-stream on f32 (openvino's bf16 default is turned off).

    python bench/bench_models.py [--calls 50] [--rounds 7] [--threads N]
"""
import argparse
import os
import statistics
import time

import numpy as np

MODELS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "models")


def inputs(name: str, rng) -> dict:
    if name == "resnet_tiny":
        return {"pixel_values": rng.standard_normal((1, 3, 64, 64)).astype(np.float32)}
    ids = rng.integers(0, 512, (1, 64))
    if name == "bert_tiny":
        return {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    return {"input_ids": ids}


def runners(path: str, threads: int) -> dict:
    out = {}
    import pinot

    config = {"INFERENCE_NUM_THREADS": threads} if threads else {}
    compiled = pinot.compile_model(path, "CPU", config)
    out["pinot"] = lambda feeds: compiled(feeds)
    try:
        import onnxruntime as ort

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        out["onnxruntime"] = lambda feeds: session.run(None, feeds)
    except ImportError:
        pass
    try:
        import openvino

        config = {"INFERENCE_PRECISION_HINT": "f32", "PERFORMANCE_HINT": "LATENCY"}
        if threads:
            config["INFERENCE_NUM_THREADS"] = threads
        ov_compiled = openvino.compile_model(path, "CPU", config)
        out["openvino"] = lambda feeds: ov_compiled(feeds)
    except ImportError:
        pass
    return out


def ms_per_call(run, feeds, calls: int) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        run(feeds)
    return (time.perf_counter() - t0) / calls * 1e3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--threads", type=int, default=0, help="0: each runtime's default")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    for name in ("bert_tiny", "gpt2_tiny", "resnet_tiny"):
        feeds = inputs(name, rng)
        run = runners(os.path.join(MODELS, name + ".onnx"), args.threads)
        samples = {k: [] for k in run}
        for _ in range(args.rounds):
            for k, f in run.items():  # interleaved
                f(feeds)  # warm
                samples[k].append(ms_per_call(f, feeds, args.calls))
        base = statistics.median(samples["pinot"])
        line = "  ".join(f"{k} {statistics.median(v):7.3f} ms ({statistics.median(v) / base:4.2f}x)"
                         for k, v in samples.items())
        print(f"{name:12} {line}")


if __name__ == "__main__":
    main()

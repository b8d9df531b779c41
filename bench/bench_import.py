"""Import cost, side by side: `import pinot` vs `import openvino` (and
`import onnxruntime` when installed), each in fresh interpreters, interleaved,
several runs; prints medians and the Pinot/other ratio.

    python bench/bench_import.py [--runs 15]
"""
import argparse
import statistics
import subprocess
import sys

PROBE = (
    "import time, sys\n"
    "t0 = time.perf_counter()\n"
    "import {module}\n"
    "dt = time.perf_counter() - t0\n"
    "import resource\n"
    "print(dt * 1e3, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
)


def measure(module: str) -> tuple[float, float] | None:
    result = subprocess.run([sys.executable, "-c", PROBE.format(module=module)], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    ms, rss = result.stdout.split()
    return float(ms), float(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    modules = ["pinot", "openvino", "onnxruntime"]
    times: dict[str, list[float]] = {m: [] for m in modules}
    rss: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(args.runs):
        for module in modules:  # interleaved, so drift hits every module alike
            sample = measure(module)
            if sample is not None:
                times[module].append(sample[0])
                rss[module].append(sample[1])
    base = statistics.median(times["pinot"]) if times["pinot"] else None
    print(f"{'module':12} {'import ms (median)':>20} {'max RSS MB':>12} {'pinot / this':>14}")
    for module in modules:
        if not times[module]:
            print(f"{module:12} {'not installed':>20}")
            continue
        med = statistics.median(times[module])
        ratio = f"{base / med:.3f}" if base is not None else "-"
        print(f"{module:12} {med:20.2f} {statistics.median(rss[module]):12.1f} {ratio:>14}")


if __name__ == "__main__":
    main()

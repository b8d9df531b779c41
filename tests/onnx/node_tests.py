"""The ONNX backend node tests, run through pinot.

Each test is a folder with model.onnx and test_data_set_*/{input,output}_*.pb
(FORMATS.md B.1), taken from the pinned onnx package. A test passes when every
output matches in dtype, shape and value: floats within |a-e| <= 1e-7 + 1e-3*|e|
with NaNs in the same places, everything else exactly (the reference rule of
FORMATS.md B.3).
"""
import dataclasses
import glob
import os
from typing import Optional

import numpy as np

RTOL = 1e-3
ATOL = 1e-7


def node_test_root() -> Optional[str]:
    try:
        import onnx
    except ImportError:
        return None
    root = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "node")
    return root if os.path.isdir(root) else None


def list_tests(root: str) -> list:
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "model.onnx")))


@dataclasses.dataclass
class Outcome:
    passed: bool
    reason: str = ""


def _load_value(path: str, value_info):
    """A .pb file as numpy (tensors, present optional tensors) or None for
    sequences, maps and empty optionals, which the OpenVINO API cannot carry."""
    import onnx
    from onnx import numpy_helper

    with open(path, "rb") as f:
        payload = f.read()
    if value_info is not None and value_info.type.HasField("optional_type"):
        # An optional tensor runs as that tensor (pinot values are always present).
        if not value_info.type.optional_type.elem_type.HasField("tensor_type"):
            return None
        optional = onnx.OptionalProto()
        optional.ParseFromString(payload)
        return numpy_helper.to_array(optional.tensor_value) if optional.HasField("tensor_value") else None
    if value_info is not None and not value_info.type.HasField("tensor_type"):
        return None
    tensor = onnx.TensorProto()
    tensor.ParseFromString(payload)
    return numpy_helper.to_array(tensor)


# ml_dtypes types (onnx's numpy_helper returns them) -> (pinot type name, bits
# per value). numpy lacks these types, so, like openvino, pinot exchanges them
# as raw bits: one byte per f8 value, float16-typed bits for bf16, and 2/4-bit
# types packed low bits first (ONNX's packing, and the core's).
_ML_TYPES = {
    "bfloat16": ("bf16", 16),
    "float8_e4m3fn": ("f8e4m3", 8),
    "float8_e5m2": ("f8e5m2", 8),
    "float8_e8m0fnu": ("f8e8m0", 8),
    "float4_e2m1fn": ("f4e2m1", 4),
    "int4": ("i4", 4),
    "uint4": ("u4", 4),
    "uint2": ("u2", 2),
    "float8_e4m3fnuz": ("f8e4m3fnuz", 8),
    "float8_e5m2fnuz": ("f8e5m2fnuz", 8),
    "int2": ("i2", 2),
}


def _to_pinot(value: np.ndarray):
    """A numpy value as what pinot's infer accepts: ml_dtypes arrays become a
    pinot.Tensor holding the same bits."""
    import pinot as ov

    if value.dtype == object:
        # onnx gives string tensors as object arrays (of str or bytes); the OpenVINO API takes str arrays.
        return np.array([v.decode() if isinstance(v, bytes) else v for v in value.flat], dtype=str).reshape(value.shape)
    spec = _ML_TYPES.get(value.dtype.name)
    if spec is None:
        return value
    type_name, bits = spec
    shape = list(value.shape)
    raw = np.ascontiguousarray(value).view(np.uint16 if bits == 16 else np.uint8).reshape(-1)
    if bits < 8:
        per_byte = 8 // bits
        raw = np.concatenate((raw & np.uint8((1 << bits) - 1), np.zeros((-raw.size) % per_byte, np.uint8)))
        shifts = np.arange(0, 8, bits, dtype=np.uint8)
        raw = np.bitwise_or.reduce(raw.reshape(-1, per_byte) << shifts, axis=1).astype(np.uint8)
    return ov.Tensor(raw.copy(), shape, getattr(ov.Type, type_name))


def _from_pinot(actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """pinot's raw-bits output for an ml_dtypes-typed expected value, as that type."""
    spec = _ML_TYPES.get(expected.dtype.name)
    if spec is None:
        return actual
    _, bits = spec
    if bits >= 8:
        if actual.dtype.itemsize * 8 != bits:
            return actual
        return actual.view(expected.dtype)
    if actual.dtype not in (np.uint8, np.int8):
        return actual
    actual = actual.view(np.uint8)
    shifts = np.arange(0, 8, bits, dtype=np.uint8)
    values = ((actual.reshape(-1)[:, None] >> shifts) & np.uint8((1 << bits) - 1)).reshape(-1)
    values = values[: expected.size].reshape(expected.shape)
    if expected.dtype.name in ("int4", "int2"):  # sign-extend the low `bits` bits
        sign = np.uint8(1 << (bits - 1))
        values = np.where(values & sign, values | np.uint8(0xFF ^ ((1 << bits) - 1)), values)
        return values.astype(np.uint8).view(np.int8).astype(expected.dtype)
    return values.view(expected.dtype)


def _compare(actual: np.ndarray, expected: np.ndarray, name: str) -> str:
    actual = _from_pinot(actual, expected)
    if expected.dtype.kind in "SUO":
        expected = expected.astype(str)
        actual = np.asarray(actual).astype(str)
    elif actual.dtype != expected.dtype:
        return f"output {name}: dtype {actual.dtype}, expected {expected.dtype}"
    if actual.shape != expected.shape:
        return f"output {name}: shape {actual.shape}, expected {expected.shape}"
    if expected.dtype.kind in "fc" or expected.dtype.name in _ML_TYPES:
        a = actual.astype(np.float64)
        e = expected.astype(np.float64)
        nan_a, nan_e = np.isnan(a), np.isnan(e)
        if not np.array_equal(nan_a, nan_e):
            return f"output {name}: NaNs differ"
        ok = ~nan_e
        with np.errstate(invalid="ignore"):  # inf - inf
            bad = np.abs(a[ok] - e[ok]) > ATOL + RTOL * np.abs(e[ok])
        inf_mismatch = np.isinf(e[ok]) & (a[ok] != e[ok])
        if np.any(bad | inf_mismatch):
            worst = float(np.max(np.abs(a[ok] - e[ok]))) if ok.any() else 0.0
            return f"output {name}: values differ (max abs diff {worst:.3g})"
        return ""
    if not np.array_equal(actual, expected):
        return f"output {name}: values differ"
    return ""


def run_test(root: str, name: str) -> Outcome:
    import onnx

    import pinot as ov

    folder = os.path.join(root, name)
    model_path = os.path.join(folder, "model.onnx")
    proto = onnx.load(model_path, load_external_data=False)
    initializers = {t.name for t in proto.graph.initializer}
    graph_inputs = [v for v in proto.graph.input if v.name not in initializers]
    graph_outputs = list(proto.graph.output)
    try:
        compiled = ov.compile_model(ov.Core().read_model(model_path), "CPU")
    except Exception as error:  # noqa: BLE001 - reported as the reason
        return Outcome(False, f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
    data_sets = sorted(glob.glob(os.path.join(folder, "test_data_set_*")))
    if not data_sets:
        return Outcome(False, "no test data")
    for data_set in data_sets:
        inputs = []
        for i, info in enumerate(graph_inputs):
            path = os.path.join(data_set, f"input_{i}.pb")
            if not os.path.exists(path):
                break
            value = _load_value(path, info)
            if value is None:
                return Outcome(False, "a sequence, map or empty optional input")
            inputs.append(_to_pinot(value))
        expected = []
        for i, info in enumerate(graph_outputs):
            value = _load_value(os.path.join(data_set, f"output_{i}.pb"), info)
            if value is None:
                return Outcome(False, "a sequence, map or empty optional output")
            expected.append(value)
        try:
            request = compiled.create_infer_request()
            results = request.infer(inputs)
        except Exception as error:  # noqa: BLE001
            return Outcome(False, f"{type(error).__name__}: {str(error).splitlines()[0][:200]}")
        for i, (info, want) in enumerate(zip(graph_outputs, expected)):
            reason = _compare(np.asarray(results[i]), want, info.name)
            if reason:
                return Outcome(False, reason)
    return Outcome(True)


def load_expected_failures(path: str) -> dict:
    """name -> reason, from lines 'test_name  # reason'."""
    failures = {}
    if not os.path.exists(path):
        return failures
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, _, reason = line.partition("#")
            failures[name.strip()] = reason.strip()
    return failures

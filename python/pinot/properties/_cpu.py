"""What OpenVINO's CPU device reports for its properties: the table Core/CompiledModel mirror.

Probed from openvino 2026.4 (`Core().get_property("CPU", key)` for every key of
SUPPORTED_PROPERTIES, then the same on a compiled model). Values are written as descriptors so
this file imports nothing from pinot: cpu_default_properties() materializes them with the
pinot.properties enums and pinot.Type (or, in tests, with openvino's, to check the table).
Host-dependent values (`_Host`) follow OpenVINO's rules: RANGE_FOR_STREAMS is (1, usable CPUs),
INFERENCE_PRECISION_HINT is bf16 on CPUs with native bf16 (avx512_bf16/amx_bf16) else f32,
OPTIMIZATION_CAPABILITIES lists BF16/FP16 only where the CPU has them.
"""
import os
import platform

# Core.get_property("CPU", "SUPPORTED_PROPERTIES"), in OpenVINO's order.
CPU_SUPPORTED_PROPERTIES = {
    "SUPPORTED_PROPERTIES": "RO",
    "AVAILABLE_DEVICES": "RO",
    "RANGE_FOR_ASYNC_INFER_REQUESTS": "RO",
    "RANGE_FOR_STREAMS": "RO",
    "EXECUTION_DEVICES": "RO",
    "FULL_DEVICE_NAME": "RO",
    "OPTIMIZATION_CAPABILITIES": "RO",
    "DEVICE_TYPE": "RO",
    "DEVICE_ARCHITECTURE": "RO",
    "COMPATIBILITY_CHECK": "RO",
    "NUM_STREAMS": "RW",
    "INFERENCE_NUM_THREADS": "RW",
    "PERF_COUNT": "RW",
    "INFERENCE_PRECISION_HINT": "RW",
    "PERFORMANCE_HINT": "RW",
    "EXECUTION_MODE_HINT": "RW",
    "PERFORMANCE_HINT_NUM_REQUESTS": "RW",
    "ENABLE_CPU_PINNING": "RW",
    "ENABLE_CPU_RESERVATION": "RW",
    "SCHEDULING_CORE_TYPE": "RW",
    "MODEL_DISTRIBUTION_POLICY": "RW",
    "ENABLE_HYPER_THREADING": "RW",
    "DEVICE_ID": "RW",
    "CPU_DENORMALS_OPTIMIZATION": "RW",
    "LOG_LEVEL": "RW",
    "CPU_SPARSE_WEIGHTS_DECOMPRESSION_RATE": "RW",
    "ENABLE_TENSOR_PARALLEL": "RW",
    "TBB_PARTITIONER": "RW",
    "DYNAMIC_QUANTIZATION_GROUP_SIZE": "RW",
    "KV_CACHE_PRECISION": "RW",
    "KEY_CACHE_PRECISION": "RW",
    "VALUE_CACHE_PRECISION": "RW",
    "KEY_CACHE_GROUP_SIZE": "RW",
    "VALUE_CACHE_GROUP_SIZE": "RW",
    "ENABLE_WEIGHTLESS": "RW",
    "WEIGHTS_PATH": "WO",
}

# CompiledModel.get_property("SUPPORTED_PROPERTIES") of a model compiled on CPU: all read-only.
CPU_COMPILED_MODEL_SUPPORTED_PROPERTIES = {key: "RO" for key in (
    "SUPPORTED_PROPERTIES", "NETWORK_NAME", "OPTIMAL_NUMBER_OF_INFER_REQUESTS", "NUM_STREAMS",
    "INFERENCE_NUM_THREADS", "PERF_COUNT", "INFERENCE_PRECISION_HINT", "PERFORMANCE_HINT",
    "EXECUTION_MODE_HINT", "PERFORMANCE_HINT_NUM_REQUESTS", "ENABLE_CPU_PINNING", "ENABLE_CPU_RESERVATION",
    "SCHEDULING_CORE_TYPE", "MODEL_DISTRIBUTION_POLICY", "ENABLE_HYPER_THREADING", "EXECUTION_DEVICES",
    "CPU_DENORMALS_OPTIMIZATION", "LOG_LEVEL", "CPU_SPARSE_WEIGHTS_DECOMPRESSION_RATE",
    "ENABLE_TENSOR_PARALLEL", "TBB_PARTITIONER", "DYNAMIC_QUANTIZATION_GROUP_SIZE", "KV_CACHE_PRECISION",
    "KEY_CACHE_PRECISION", "VALUE_CACHE_PRECISION", "KEY_CACHE_GROUP_SIZE", "VALUE_CACHE_GROUP_SIZE",
    "RUNTIME_REQUIREMENTS")}

# Keys that OpenVINO's CPU lists but cannot return to Python: get_property raises TypeError
# "Unable to convert function return value to a Python type!".
CPU_UNREADABLE = ("COMPATIBILITY_CHECK",)


class _Enum:
    """An enum member: props.<module>.<cls>.<member>, or <cls>(value) when value is an int."""

    def __init__(self, module, cls, member):
        self.module, self.cls, self.member = module, cls, member


class _Type:
    def __init__(self, name):
        self.name = name


class _Host:
    """A value that depends on the machine; see host_facts()."""

    def __init__(self, name):
        self.name = name


# Core.get_property("CPU", key) with nothing set (openvino 2026.4).
CPU_DEFAULTS = {
    "AVAILABLE_DEVICES": [""],
    "RANGE_FOR_ASYNC_INFER_REQUESTS": (1, 1, 1),
    "RANGE_FOR_STREAMS": _Host("range_for_streams"),
    "EXECUTION_DEVICES": ["CPU"],
    "FULL_DEVICE_NAME": _Host("full_device_name"),
    "OPTIMIZATION_CAPABILITIES": _Host("optimization_capabilities"),
    "DEVICE_TYPE": _Enum("device", "Type", "INTEGRATED"),
    "DEVICE_ARCHITECTURE": _Host("device_architecture"),
    "NUM_STREAMS": 1,
    "INFERENCE_NUM_THREADS": 0,
    "PERF_COUNT": False,
    "INFERENCE_PRECISION_HINT": _Host("inference_precision"),
    "PERFORMANCE_HINT": _Enum("hint", "PerformanceMode", "LATENCY"),
    "EXECUTION_MODE_HINT": _Enum("hint", "ExecutionMode", "PERFORMANCE"),
    "PERFORMANCE_HINT_NUM_REQUESTS": 0,
    "ENABLE_CPU_PINNING": True,
    "ENABLE_CPU_RESERVATION": False,
    "SCHEDULING_CORE_TYPE": _Enum("hint", "SchedulingCoreType", "ANY_CORE"),
    "MODEL_DISTRIBUTION_POLICY": set(),
    "ENABLE_HYPER_THREADING": True,
    "DEVICE_ID": "",
    "CPU_DENORMALS_OPTIMIZATION": False,
    "LOG_LEVEL": _Enum("log", "Level", "NO"),
    "CPU_SPARSE_WEIGHTS_DECOMPRESSION_RATE": 1.0,
    "ENABLE_TENSOR_PARALLEL": False,
    "TBB_PARTITIONER": _Enum("intel_cpu", "TbbPartitioner", 0),  # "not set": prints TbbPartitioner.???
    "DYNAMIC_QUANTIZATION_GROUP_SIZE": 32,
    "KV_CACHE_PRECISION": _Type("u8"),
    "KEY_CACHE_PRECISION": _Type("u8"),
    "VALUE_CACHE_PRECISION": _Type("u8"),
    "KEY_CACHE_GROUP_SIZE": 0,
    "VALUE_CACHE_GROUP_SIZE": 0,
    "ENABLE_WEIGHTLESS": False,
    "WEIGHTS_PATH": "",  # write-only, yet get_property returns ""
}

# CompiledModel.get_property(key) of a model compiled on CPU with an empty config. Note the
# OpenVINO quirks kept here: PERF_COUNT, PERFORMANCE_HINT and PERFORMANCE_HINT_NUM_REQUESTS come
# back as strings ("NO", "LATENCY", "0"), and ENABLE_HYPER_THREADING is False once compiled.
# NUM_STREAMS and OPTIMAL_NUMBER_OF_INFER_REQUESTS are 1 for LATENCY (2 for THROUGHPUT on a 2-CPU
# host); NETWORK_NAME is the model's friendly name.
CPU_COMPILED_MODEL_DEFAULTS = {
    "NETWORK_NAME": _Host("model_name"),
    "OPTIMAL_NUMBER_OF_INFER_REQUESTS": 1,
    "NUM_STREAMS": 1,
    "INFERENCE_NUM_THREADS": _Host("cpu_count"),
    "PERF_COUNT": "NO",
    "INFERENCE_PRECISION_HINT": _Host("inference_precision"),
    "PERFORMANCE_HINT": "LATENCY",
    "EXECUTION_MODE_HINT": _Enum("hint", "ExecutionMode", "PERFORMANCE"),
    "PERFORMANCE_HINT_NUM_REQUESTS": "0",
    "ENABLE_CPU_PINNING": True,
    "ENABLE_CPU_RESERVATION": False,
    "SCHEDULING_CORE_TYPE": _Enum("hint", "SchedulingCoreType", "ANY_CORE"),
    "MODEL_DISTRIBUTION_POLICY": set(),
    "ENABLE_HYPER_THREADING": False,
    "EXECUTION_DEVICES": ["CPU"],
    "CPU_DENORMALS_OPTIMIZATION": False,
    "LOG_LEVEL": _Enum("log", "Level", "NO"),
    "CPU_SPARSE_WEIGHTS_DECOMPRESSION_RATE": 1.0,
    "ENABLE_TENSOR_PARALLEL": False,
    "TBB_PARTITIONER": _Enum("intel_cpu", "TbbPartitioner", "STATIC"),
    "DYNAMIC_QUANTIZATION_GROUP_SIZE": 32,
    "KV_CACHE_PRECISION": _Type("u8"),
    "KEY_CACHE_PRECISION": _Type("u8"),
    "VALUE_CACHE_PRECISION": _Type("u8"),
    "KEY_CACHE_GROUP_SIZE": 0,
    "VALUE_CACHE_GROUP_SIZE": 0,
    "RUNTIME_REQUIREMENTS": _Host("runtime_requirements"),
}

# Core.get_property(key) without a device: the Core-level properties and their defaults.
CORE_DEFAULTS = {
    "CACHE_DIR": "",
    "ENABLE_MMAP": True,
    "FORCE_TBB_TERMINATE": False,
}


def _cpu_flags_and_name():
    flags, name = set(), ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
            for line in cpuinfo:
                field, _, value = line.partition(":")
                field = field.strip()
                if field == "flags" and not flags:
                    flags = set(value.split())
                elif field == "model name" and not name:
                    name = value.strip()
                if flags and name:
                    break
    except OSError:
        pass
    return flags, name or platform.processor() or platform.machine()


def host_facts(model_name="", runtime_requirements=""):
    """The host-dependent values, computed with OpenVINO's rules (see module doc)."""
    flags, name = _cpu_flags_and_name()
    try:
        cpu_count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpu_count = os.cpu_count() or 1
    bf16 = bool(flags & {"avx512_bf16", "amx_bf16"})
    fp16 = bool(flags & {"avx512_fp16", "amx_fp16"})
    capabilities = (["BF16"] if bf16 else []) + (["WINOGRAD"] if "avx512f" in flags else []) + ["FP32"]
    capabilities += (["FP16"] if fp16 else []) + ["INT8", "BIN", "EXPORT_IMPORT"]
    machine = platform.machine().lower()
    architecture = {"x86_64": "intel64", "amd64": "intel64", "aarch64": "arm64", "arm64": "arm64"}.get(
        machine, machine)
    return {
        "range_for_streams": (1, cpu_count),
        "full_device_name": name,
        "optimization_capabilities": capabilities,
        "device_architecture": architecture,
        "inference_precision": _Type("bf16" if bf16 else "f32"),
        "cpu_count": cpu_count,
        "model_name": model_name,
        "runtime_requirements": runtime_requirements,
    }


def _materialize(value, properties, type_class, facts):
    if isinstance(value, _Host):
        value = facts[value.name]
    if isinstance(value, _Type):
        return getattr(type_class, value.name)
    if isinstance(value, _Enum):
        module = properties
        for part in value.module.split("."):
            module = getattr(module, part)
        cls = getattr(module, value.cls)
        return cls(value.member) if isinstance(value.member, int) else getattr(cls, value.member)
    if isinstance(value, (list, set, dict)):
        return type(value)(value)  # a fresh copy per call
    return value


def cpu_default_properties(properties=None, type_class=None, table=None, **host):
    """{key: Python value} of `table` (CPU_DEFAULTS by default), built with the given properties
    package and Type class (pinot's when omitted). `host` overrides host_facts() arguments."""
    if properties is None:
        import pinot.properties as properties  # noqa: PLC0415 - keep this module import-free
    if type_class is None:
        from pinot._pinot import Type as type_class  # noqa: PLC0415
    facts = host_facts(**host)
    table = CPU_DEFAULTS if table is None else table
    return {key: _materialize(value, properties, type_class, facts) for key, value in table.items()}

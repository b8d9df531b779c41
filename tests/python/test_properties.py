"""pinot.properties: property keys, argument checks, enums, device helpers and value conversion.

Runs against OpenVINO too (PINOT_TEST_ORACLE=openvino): everything reachable through the public
API is checked there, so the expectations below are OpenVINO's. Tests of Pinot's own conversion
layer (pinot.properties._convert, _cpu) are marked `pinot_only`; the CPU property table is checked
against a real OpenVINO Core when openvino is importable.
"""
import importlib.util
import os
import pickle
import re
import subprocess
import sys

import numpy as np
import pytest

import pinot as ov
import pinot.properties as props
import pinot.properties.device as device
import pinot.properties.hint as hints
import pinot.properties.intel_auto as intel_auto
import pinot.properties.intel_cpu as intel_cpu
import pinot.properties.intel_gpu as intel_gpu
import pinot.properties.intel_gpu.hint as intel_gpu_hint
import pinot.properties.intel_npu as intel_npu
import pinot.properties.log as log
import pinot.properties.streams as streams

ORACLE = os.environ.get("PINOT_TEST_ORACLE", "")
pinot_only = pytest.mark.skipif(bool(ORACLE), reason="checks Pinot's internal conversion layer")
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INCOMPATIBLE = "incompatible function arguments"

MODULES = {
    "": props, "hint": hints, "device": device, "streams": streams, "log": log, "intel_cpu": intel_cpu,
    "intel_gpu": intel_gpu, "intel_gpu.hint": intel_gpu_hint, "intel_auto": intel_auto, "intel_npu": intel_npu,
}

# (module, python name, key) of every read-only property.
READ_ONLY = [
    ("", "available_devices", "AVAILABLE_DEVICES"),
    ("", "compatibility_check", "COMPATIBILITY_CHECK"),
    ("", "execution_devices", "EXECUTION_DEVICES"),
    ("", "loaded_from_cache", "LOADED_FROM_CACHE"),
    ("", "max_batch_size", "MAX_BATCH_SIZE"),
    ("", "model_name", "NETWORK_NAME"),
    ("", "optimal_batch_size", "OPTIMAL_BATCH_SIZE"),
    ("", "optimal_number_of_infer_requests", "OPTIMAL_NUMBER_OF_INFER_REQUESTS"),
    ("", "range_for_async_infer_requests", "RANGE_FOR_ASYNC_INFER_REQUESTS"),
    ("", "range_for_streams", "RANGE_FOR_STREAMS"),
    ("", "runtime_requirements", "RUNTIME_REQUIREMENTS"),
    ("", "supported_properties", "SUPPORTED_PROPERTIES"),
    ("device", "architecture", "DEVICE_ARCHITECTURE"),
    ("device", "capabilities", "OPTIMIZATION_CAPABILITIES"),
    ("device", "full_name", "FULL_DEVICE_NAME"),
    ("device", "gops", "DEVICE_GOPS"),
    ("device", "luid", "DEVICE_LUID"),
    ("device", "pci_info", "DEVICE_PCI_INFO"),
    ("device", "thermal", "DEVICE_THERMAL"),
    ("device", "type", "DEVICE_TYPE"),
    ("device", "uuid", "DEVICE_UUID"),
    ("intel_gpu", "device_max_alloc_mem_size", "GPU_DEVICE_MAX_ALLOC_MEM_SIZE"),
    ("intel_gpu", "device_total_mem_size", "GPU_DEVICE_TOTAL_MEM_SIZE"),
    ("intel_gpu", "execution_units_count", "GPU_EXECUTION_UNITS_COUNT"),
    ("intel_gpu", "memory_statistics", "GPU_MEMORY_STATISTICS"),
    ("intel_gpu", "uarch_version", "GPU_UARCH_VERSION"),
    ("intel_npu", "compiler_version", "NPU_COMPILER_VERSION"),
    ("intel_npu", "device_alloc_mem_size", "NPU_DEVICE_ALLOC_MEM_SIZE"),
    ("intel_npu", "device_total_mem_size", "NPU_DEVICE_TOTAL_MEM_SIZE"),
    ("intel_npu", "driver_version", "NPU_DRIVER_VERSION"),
    ("intel_npu", "max_tiles", "NPU_MAX_TILES"),
]


# (module, python name, key, argument, expected OVAny value) of every read-write property.
READ_WRITE = [
    ("", "auto_batch_timeout", "AUTO_BATCH_TIMEOUT", 100, 100),
    ("", "cache_dir", "CACHE_DIR", "./cache", "./cache"),
    ("", "cache_mode", "CACHE_MODE", props.CacheMode.OPTIMIZE_SPEED, props.CacheMode.OPTIMIZE_SPEED),
    ("", "compilation_num_threads", "COMPILATION_NUM_THREADS", 4, 4),
    ("", "enable_mmap", "ENABLE_MMAP", False, False),
    ("", "enable_profiling", "PERF_COUNT", True, True),
    ("", "enable_weightless", "ENABLE_WEIGHTLESS", 1, True),
    ("", "force_tbb_terminate", "FORCE_TBB_TERMINATE", 0, False),
    ("", "inference_num_threads", "INFERENCE_NUM_THREADS", 2, 2),
    ("", "key_cache_group_size", "KEY_CACHE_GROUP_SIZE", 64, 64),
    ("", "key_cache_precision", "KEY_CACHE_PRECISION", ov.Type.u8, ov.Type.u8),
    ("", "num_streams", "NUM_STREAMS", streams.Num(3), 3),
    ("", "value_cache_group_size", "VALUE_CACHE_GROUP_SIZE", 32, 32),
    ("", "value_cache_precision", "VALUE_CACHE_PRECISION", ov.Type.f16, ov.Type.f16),
    ("", "weights_path", "WEIGHTS_PATH", "w.bin", "w.bin"),
    ("", "workload_type", "WORKLOAD_TYPE", props.WorkloadType.EFFICIENT, props.WorkloadType.EFFICIENT),
    ("hint", "activations_scale_factor", "ACTIVATIONS_SCALE_FACTOR", 0.5, 0.5),
    ("hint", "allow_auto_batching", "ALLOW_AUTO_BATCHING", False, False),
    ("hint", "dynamic_quantization_group_size", "DYNAMIC_QUANTIZATION_GROUP_SIZE", 32, 32),
    ("hint", "enable_cpu_pinning", "ENABLE_CPU_PINNING", 1, True),
    ("hint", "enable_cpu_reservation", "ENABLE_CPU_RESERVATION", True, True),
    ("hint", "enable_hyper_threading", "ENABLE_HYPER_THREADING", 0, False),
    ("hint", "execution_mode", "EXECUTION_MODE_HINT", hints.ExecutionMode.ACCURACY, hints.ExecutionMode.ACCURACY),
    ("hint", "inference_precision", "INFERENCE_PRECISION_HINT", ov.Type.bf16, ov.Type.bf16),
    ("hint", "kv_cache_precision", "KV_CACHE_PRECISION", ov.Type.u8, ov.Type.u8),
    ("hint", "model", "MODEL_PTR", None, None),
    ("hint", "model_priority", "MODEL_PRIORITY", hints.Priority.HIGH, hints.Priority.HIGH),
    ("hint", "num_requests", "PERFORMANCE_HINT_NUM_REQUESTS", 8, 8),
    ("hint", "performance_mode", "PERFORMANCE_HINT", hints.PerformanceMode.THROUGHPUT,
     hints.PerformanceMode.THROUGHPUT),
    ("hint", "scheduling_core_type", "SCHEDULING_CORE_TYPE", hints.SchedulingCoreType.PCORE_ONLY,
     hints.SchedulingCoreType.PCORE_ONLY),
    ("device", "id", "DEVICE_ID", "0", "0"),
    ("device", "priorities", "MULTI_DEVICE_PRIORITIES", "CPU", "CPU,"),
    ("device", "properties", "DEVICE_PROPERTIES", {"CPU": {"NUM_STREAMS": 2}}, {"CPU": {"NUM_STREAMS": 2}}),
    ("streams", "num", "NUM_STREAMS", 4, 4),
    ("log", "level", "LOG_LEVEL", log.Level.WARNING, log.Level.WARNING),
    ("intel_cpu", "denormals_optimization", "CPU_DENORMALS_OPTIMIZATION", True, True),
    ("intel_cpu", "sparse_weights_decompression_rate", "CPU_SPARSE_WEIGHTS_DECOMPRESSION_RATE", 0.75, 0.75),
    ("intel_cpu", "tbb_partitioner", "TBB_PARTITIONER", intel_cpu.TbbPartitioner.AUTO,
     intel_cpu.TbbPartitioner.AUTO),
    ("intel_gpu", "disable_winograd_convolution", "GPU_DISABLE_WINOGRAD_CONVOLUTION", 1, True),
    ("intel_gpu", "enable_loop_unrolling", "GPU_ENABLE_LOOP_UNROLLING", False, False),
    ("intel_gpu.hint", "available_device_mem", "AVAILABLE_DEVICE_MEM_SIZE", 2 ** 40, 2 ** 40),
    ("intel_gpu.hint", "enable_large_allocations", "GPU_ENABLE_LARGE_ALLOCATIONS", True, True),
    ("intel_gpu.hint", "enable_lora_operation", "GPU_ENABLE_LORA_OPERATION", 0, False),
    ("intel_gpu.hint", "host_task_priority", "GPU_HOST_TASK_PRIORITY", hints.Priority.LOW, hints.Priority.LOW),
    ("intel_gpu.hint", "queue_priority", "GPU_QUEUE_PRIORITY", hints.Priority.HIGH, hints.Priority.HIGH),
    ("intel_gpu.hint", "queue_throttle", "GPU_QUEUE_THROTTLE", intel_gpu_hint.ThrottleLevel.LOW,
     hints.Priority.LOW),
    ("intel_auto", "device_bind_buffer", "DEVICE_BIND_BUFFER", True, True),
    ("intel_auto", "devices_utilization_threshold", "DEVICES_UTILIZATION_THRESHOLD", {"CPU": 50}, {"CPU": 50}),
    ("intel_auto", "enable_runtime_fallback", "ENABLE_RUNTIME_FALLBACK", False, False),
    ("intel_auto", "enable_startup_fallback", "ENABLE_STARTUP_FALLBACK", 1, True),
    ("intel_auto", "low_power_device", "LOW_POWER_DEVICE", "CPU", "CPU"),
    ("intel_auto", "perf_curve_table", "PERF_CURVE_TABLE", "{CPU:{1:2.5,3:4}}", {"CPU": {1: 2.5, 3: 4.0}}),
    ("intel_auto", "schedule_policy", "SCHEDULE_POLICY", intel_auto.SchedulePolicy.ROUND_ROBIN,
     intel_auto.SchedulePolicy.ROUND_ROBIN),
    ("intel_npu", "bypass_umd_caching", "NPU_BYPASS_UMD_CACHING", True, True),
    ("intel_npu", "compilation_mode_params", "NPU_COMPILATION_MODE_PARAMS", "mode", "mode"),
    ("intel_npu", "compiler_dynamic_quantization", "NPU_COMPILER_DYNAMIC_QUANTIZATION", 0, False),
    ("intel_npu", "compiler_type", "NPU_COMPILER_TYPE", intel_npu.CompilerType.PLUGIN,
     intel_npu.CompilerType.PLUGIN),
    ("intel_npu", "defer_weights_load", "NPU_DEFER_WEIGHTS_LOAD", True, True),
    ("intel_npu", "disable_idle_memory_prunning", "NPU_DISABLE_IDLE_MEMORY_PRUNING", True, True),
    ("intel_npu", "enable_strides_for", "NPU_ENABLE_STRIDES_FOR", "x", "x"),
    ("intel_npu", "platform", "NPU_PLATFORM", "3720", "3720"),
    ("intel_npu", "qdq_optimization", "NPU_QDQ_OPTIMIZATION", 1, True),
    ("intel_npu", "qdq_optimization_aggressive", "NPU_QDQ_OPTIMIZATION_AGGRESSIVE", False, False),
    ("intel_npu", "run_inferences_sequentially", "NPU_RUN_INFERENCES_SEQUENTIALLY", True, True),
    ("intel_npu", "tiles", "NPU_TILES", 2, 2),
    ("intel_npu", "turbo", "NPU_TURBO", 1, True),
]


def _prop(module, name):
    return getattr(MODULES[module], name)


# ------------------------------------------------------------------------- Property objects
@pytest.mark.parametrize(("module", "name", "key"), READ_ONLY + [row[:3] for row in READ_WRITE])
def test_property_is_its_key(module, name, key):
    prop = _prop(module, name)
    assert type(prop).__name__ == "Property"
    assert isinstance(prop, str)
    assert prop == key
    assert str(prop) == key
    assert hash(prop) == hash(key)
    assert prop() == key
    assert type(prop()) is str


@pytest.mark.parametrize(("module", "name", "key"), READ_ONLY)
def test_read_only_property_refuses_values(module, name, key):
    prop = _prop(module, name)
    for value in ("x", 1, None, True):
        with pytest.raises(TypeError, match=INCOMPATIBLE):
            prop(value)


@pytest.mark.parametrize(("module", "name", "key", "argument", "expected"), READ_WRITE)
def test_read_write_property_builds_pair(module, name, key, argument, expected):
    pair = _prop(module, name)(argument)
    assert isinstance(pair, tuple)
    assert len(pair) == 2
    assert pair[0] == key
    assert type(pair[0]) is str
    assert type(pair[1]).__name__ == "OVAny"
    assert pair[1].value == expected
    assert type(pair[1].value) is type(expected)


def test_property_tuple_and_dict_config():
    pair = props.cache_dir("./d")
    assert pair == ("CACHE_DIR", "./d")
    assert pair[1] == "./d"
    assert pair[1].get() == "./d"
    assert str(pair[1]) == "<OVAny class>"
    config = dict([props.cache_dir("./d"), hints.performance_mode(hints.PerformanceMode.LATENCY)])
    assert set(config) == {"CACHE_DIR", "PERFORMANCE_HINT"}
    assert config[props.cache_dir].value == "./d"
    assert {props.cache_dir: 1}["CACHE_DIR"] == 1


def test_property_call_rejects_keywords_and_extra_arguments():
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        props.cache_dir(value="x")
    with pytest.raises(TypeError, match=INCOMPATIBLE):
        props.cache_dir("a", "b")


def test_incompatible_arguments_message_lists_overloads():
    with pytest.raises(TypeError) as info:
        props.enable_profiling("YES")
    message = str(info.value)
    assert message.startswith("enable_profiling(): incompatible function arguments. "
                              "The following argument types are supported:\n    1. () -> str\n"
                              "    2. (arg0: bool) -> tuple[str, ")
    assert message.endswith("\n\nInvoked with: 'YES'")
    with pytest.raises(TypeError) as info:
        props.supported_properties(1)
    assert str(info.value).startswith("supported_properties(): incompatible function arguments. "
                                      "The following argument types are supported:\n    1. () -> str\n\n")


def test_cache_encryption_callbacks_cannot_be_built_without_callbacks():
    with pytest.raises(TypeError, match=INCOMPATIBLE):
        props.cache_encryption_callbacks  # noqa: B018 - no zero-argument overload in OpenVINO


def test_each_access_makes_a_fresh_property():
    assert props.cache_dir is not props.cache_dir
    assert props.cache_dir == props.cache_dir


def test_from_import_and_hasattr():
    from pinot.properties import cache_dir  # noqa: PLC0415
    from pinot.properties.hint import performance_mode  # noqa: PLC0415

    assert cache_dir == "CACHE_DIR"
    assert performance_mode == "PERFORMANCE_HINT"
    assert hasattr(props, "enable_profiling")
    assert not hasattr(props, "no_such_property")
    with pytest.raises(ImportError):
        from pinot.properties import no_such_property  # noqa: F401, PLC0415


@pytest.mark.parametrize("module", sorted(MODULES))
def test_unknown_attribute_message(module):
    mod = MODULES[module]
    with pytest.raises(AttributeError) as info:
        mod.no_such_property  # noqa: B018
    assert str(info.value) == f"Module '{mod.__name__}' doesn't have the attribute with name 'no_such_property'."


def test_package_layout():
    assert ov.properties is props
    assert props.hint is hints
    for name in ("device", "streams", "log", "intel_cpu", "intel_gpu", "intel_auto"):
        assert getattr(props, name) is MODULES[name]
    assert props.intel_npu is intel_npu  # imported above, like `import openvino.properties.intel_npu`
    assert intel_gpu.hint is intel_gpu_hint
    assert props.CacheMode is not None and props.WorkloadType is not None and props.CompatibilityCheck is not None


def test_submodules_not_imported_eagerly():
    code = ("import sys, pinot.properties as p; "
            "print('pinot.properties.intel_npu' in sys.modules, 'pinot.properties.intel_gpu.hint' in sys.modules)")
    if ORACLE:
        code = code.replace("pinot", ORACLE)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)})
    assert out.stdout.split() == ["False", "False"]


@pinot_only
def test_import_pinot_does_not_import_properties():
    code = "import sys, pinot; print('pinot.properties' in sys.modules); import pinot.properties; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)})
    assert out.stdout.split() == ["False", "ok"]


# ------------------------------------------------------------------------- argument checks
@pytest.mark.parametrize(("value", "expected"), [
    (True, True), (False, False), (1, True), (0, False), (2, True), (-1, True), (2.5, True), (None, False),
    (np.bool_(True), True), (np.int64(0), False), (np.float32(1.5), True), (np.array(1), True),
])
def test_bool_argument_conversion(value, expected):
    assert props.enable_profiling(value)[1].value is expected


@pytest.mark.parametrize("value", ["1", "YES", b"x", [1], (1,), {}, np.array([1, 2])])
def test_bool_argument_refusals(value):
    with pytest.raises(TypeError, match=INCOMPATIBLE):
        props.enable_profiling(value)


@pytest.mark.parametrize(("prop", "value", "expected"), [
    (props.inference_num_threads, True, 1),
    (props.inference_num_threads, 2 ** 31 - 1, 2 ** 31 - 1),
    (props.inference_num_threads, -(2 ** 31), -(2 ** 31)),
    (props.inference_num_threads, np.int64(3), 3),
    (props.inference_num_threads, np.float32(2.7), 2),  # numpy.float32 is not a Python float: truncated
    (props.inference_num_threads, np.array(3), 3),
    (props.auto_batch_timeout, 2 ** 32 - 1, 2 ** 32 - 1),
    (props.key_cache_group_size, 2 ** 64 - 1, 2 ** 64 - 1),
    (hints.num_requests, 2 ** 32 - 1, 2 ** 32 - 1),
    (intel_gpu_hint.available_device_mem, -(2 ** 63), -(2 ** 63)),
    (streams.num, -1, -1),
    (streams.num, np.int32(5), 5),
])
def test_int_argument_conversion(prop, value, expected):
    result = prop(value)[1].value
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(("prop", "value"), [
    (props.inference_num_threads, 2 ** 31),
    (props.inference_num_threads, -(2 ** 31) - 1),
    (props.inference_num_threads, 2.0),
    (props.inference_num_threads, np.float64(2.0)),  # a float subclass
    (props.inference_num_threads, "3"),
    (props.inference_num_threads, None),
    (props.inference_num_threads, 1 + 2j),
    (props.auto_batch_timeout, -1),
    (props.auto_batch_timeout, 2 ** 32),
    (props.key_cache_group_size, -1),
    (props.key_cache_group_size, 2 ** 64),
    (hints.num_requests, -1),
    (intel_gpu_hint.available_device_mem, 2 ** 63),
    (streams.num, 2 ** 31),
    (streams.num, "AUTO"),
    (streams.num, 2.0),
    (props.num_streams, 4),  # only a streams.Num is accepted here
])
def test_int_argument_refusals(prop, value):
    with pytest.raises(TypeError, match=INCOMPATIBLE):
        prop(value)


@pytest.mark.parametrize(("value", "expected"), [
    (0.5, 0.5), (1 / 3, 0.3333333432674408), (1e300, float("inf")), (-1e300, float("-inf")), (True, 1.0),
    (2, 2.0), (2 ** 40, 1099511627776.0), (np.float64(0.25), 0.25), (np.int8(3), 3.0),
])
def test_float_argument_is_a_c_float(value, expected):
    result = hints.activations_scale_factor(value)[1].value
    assert result == expected
    assert type(result) is float


@pytest.mark.parametrize("value", ["1", None, 10 ** 400, [1.0], 1 + 2j])
def test_float_argument_refusals(value):
    with pytest.raises(TypeError, match=INCOMPATIBLE):
        intel_cpu.sparse_weights_decompression_rate(value)


def test_str_argument():
    assert props.cache_dir(b"dir")[1].value == "dir"
    assert props.cache_dir(bytearray(b"ab"))[1].value == "ab"
    with pytest.raises(UnicodeDecodeError):  # OpenVINO raises on .value, Pinot already on the call
        props.cache_dir(b"\xff")[1].value  # noqa: B018
    for value in (1, None, 1.5, np.int64(1), ["x"]):
        with pytest.raises(TypeError, match=INCOMPATIBLE):
            props.cache_dir(value)
        with pytest.raises(TypeError, match=INCOMPATIBLE):
            device.id(value)


@pytest.mark.parametrize(("prop", "value"), [
    (hints.performance_mode, 1),
    (hints.performance_mode, "THROUGHPUT"),
    (hints.performance_mode, hints.Priority.LOW),
    (hints.model_priority, hints.PerformanceMode.LATENCY),
    (log.level, 3),
    (props.cache_mode, 1),
    (hints.inference_precision, "f32"),
    (hints.inference_precision, np.float32),
    (hints.inference_precision, np.dtype("float32")),
    (props.key_cache_precision, 1),
    (hints.model_distribution_policy, [hints.ModelDistributionPolicy.TENSOR_PARALLEL]),
    (hints.model_distribution_policy, {0}),
    (hints.model_distribution_policy, hints.ModelDistributionPolicy.TENSOR_PARALLEL),
    (hints.compiled_blob, np.zeros(3, np.uint8)),
    (hints.model, "model.xml"),
    (intel_auto.devices_utilization_threshold, {"CPU": -1}),
    (intel_auto.devices_utilization_threshold, {"CPU": 1.5}),
    (intel_auto.devices_utilization_threshold, {1: 2}),
    (intel_auto.perf_curve_table, {"CPU": {-1: 2.5}}),
    (intel_auto.perf_curve_table, {"CPU": {1: "x"}}),
    (intel_auto.perf_curve_table, 5),
])
def test_typed_argument_refusals(prop, value):
    with pytest.raises(TypeError, match=INCOMPATIBLE):
        prop(value)


def test_set_and_mapping_arguments():
    tp, pp = hints.ModelDistributionPolicy.TENSOR_PARALLEL, hints.ModelDistributionPolicy.PIPELINE_PARALLEL
    assert hints.model_distribution_policy({tp})[1].value == {tp}
    assert hints.model_distribution_policy(frozenset({tp, pp}))[1].value == {tp, pp}
    assert hints.model_distribution_policy(set())[1].value == set()
    assert intel_auto.devices_utilization_threshold({b"CPU": True})[1].value == {"CPU": 1}
    assert intel_auto.devices_utilization_threshold({"CPU": 2 ** 31})[1].value == {"CPU": 2 ** 31}
    assert intel_auto.perf_curve_table({"CPU": {1: 2.5}})[1].value == {"CPU": {1: 2.5}}
    assert intel_auto.perf_curve_table("{CPU:{1:2.5},GPU:{2:3}}")[1].value == {"CPU": {1: 2.5}, "GPU": {2: 3.0}}
    with pytest.raises(RuntimeError, match="PERF_CURVE_TABLE: failed to parse string 'x'"):
        intel_auto.perf_curve_table("x")


def test_tensor_and_model_arguments():
    blob = ov.Tensor(np.zeros(3, np.uint8))
    pair = hints.compiled_blob(blob)
    assert pair[0] == "COMPILED_BLOB"
    assert type(pair[1].value).__name__ == "Tensor"
    assert list(pair[1].value.shape) == [3]
    assert hints.model(None)[0] == "MODEL_PTR"
    assert hints.model(None)[1].value is None


# ------------------------------------------------------------------------- enums
ENUMS = [
    ("hint.PerformanceMode", {"LATENCY": 1, "THROUGHPUT": 2, "CUMULATIVE_THROUGHPUT": 3}),
    ("hint.Priority", {"LOW": 0, "MEDIUM": 1, "HIGH": 2, "DEFAULT": 1}),
    ("hint.ExecutionMode", {"PERFORMANCE": 1, "ACCURACY": 2}),
    ("hint.SchedulingCoreType", {"ANY_CORE": 0, "PCORE_ONLY": 1, "ECORE_ONLY": 2}),
    ("hint.ModelDistributionPolicy", {"TENSOR_PARALLEL": 0, "PIPELINE_PARALLEL": 1}),
    (".CacheMode", {"OPTIMIZE_SIZE": 0, "OPTIMIZE_SPEED": 1}),
    (".WorkloadType", {"DEFAULT": 0, "EFFICIENT": 1}),
    (".CompatibilityCheck", {"NOT_APPLICABLE": 0, "SUPPORTED": 1, "UNSUPPORTED": 2}),
    ("device.Type", {"INTEGRATED": 0, "DISCRETE": 1}),
    ("log.Level", {"NO": -1, "ERR": 0, "WARNING": 1, "INFO": 2, "DEBUG": 3, "TRACE": 4}),
    ("intel_auto.SchedulePolicy", {"ROUND_ROBIN": 0, "DEVICE_PRIORITY": 1, "DEFAULT": 1}),
    ("intel_cpu.TbbPartitioner", {"STATIC": 1, "AUTO": 2}),
    ("intel_npu.CompilerType", {"DRIVER": 1, "PLUGIN": 0, "PREFER_PLUGIN": 2}),
]


def _enum_class(path):
    module, _, name = path.lstrip(".").rpartition(".")
    return getattr(MODULES[module], name)


@pytest.mark.parametrize(("path", "values"), ENUMS)
def test_enum_values_and_str(path, values):
    cls = _enum_class(path)
    name = cls.__name__
    assert name == path.rpartition(".")[2]
    assert list(cls.__members__) == list(values)
    first_name = {}
    for member_name, value in values.items():
        first_name.setdefault(value, member_name)
    for member_name, value in values.items():
        member = getattr(cls, member_name)
        shown = first_name[value]  # aliases (DEFAULT) print as the first member with their value
        assert cls.__members__[member_name] == member
        assert int(member) == value
        assert member.value == value
        assert member.name == shown
        assert str(member) == f"{name}.{shown}"
        assert f"{member}" == f"{name}.{shown}"
        assert repr(member) == f"<{name}.{shown}: {value}>"
        assert hash(member) == hash(value)
        assert member == cls(value)
        assert member != value
        assert not isinstance(member, int)
        assert [10, 11, 12, 13, 14, 15][member] == [10, 11, 12, 13, 14, 15][value]  # __index__
        assert pickle.loads(pickle.dumps(member)) == member


def test_enum_behaviour_details():
    mode = hints.PerformanceMode
    assert mode.LATENCY < mode.THROUGHPUT
    assert sorted([hints.Priority.HIGH, hints.Priority.LOW]) == [hints.Priority.LOW, hints.Priority.HIGH]
    with pytest.raises(TypeError, match="Expected an enumeration of matching type!"):
        mode.LATENCY < 2  # noqa: B015
    with pytest.raises(TypeError, match="Expected an enumeration of matching type!"):
        mode.LATENCY < hints.Priority.HIGH  # noqa: B015
    assert mode.LATENCY != hints.Priority.MEDIUM
    assert mode(np.int64(2)) == mode.THROUGHPUT
    unknown = mode(7)
    assert unknown.name == "???"
    assert str(unknown) == "PerformanceMode.???"
    assert repr(unknown) == "<PerformanceMode.???: 7>"
    for bad in ("LATENCY", 1.0):
        with pytest.raises(TypeError, match="incompatible constructor arguments"):
            mode(bad)
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        mode()
    with pytest.raises(TypeError):
        list(mode)
    with pytest.raises(TypeError):
        mode.LATENCY + 1  # noqa: B018
    assert bool(hints.Priority.LOW) is True
    assert {mode.LATENCY: "x"}[mode(1)] == "x"
    assert mode.__doc__.startswith("Members:\n\n  LATENCY\n\n  THROUGHPUT")
    assert str(intel_cpu.TbbPartitioner(0)) == "TbbPartitioner.???"


def test_throttle_level_is_priority():
    assert intel_gpu_hint.ThrottleLevel.LOW == hints.Priority.LOW
    assert type(intel_gpu_hint.ThrottleLevel.HIGH) is hints.Priority
    assert str(intel_gpu_hint.ThrottleLevel.DEFAULT) == "Priority.MEDIUM"
    assert not hasattr(intel_gpu_hint.ThrottleLevel, "__members__")
    with pytest.raises(TypeError, match="No constructor defined!"):
        intel_gpu_hint.ThrottleLevel()


def test_string_constant_classes():
    capability = device.Capability
    for name in ("FP32", "BF16", "FP16", "INT8", "INT16", "BIN", "WINOGRAD", "EXPORT_IMPORT"):
        assert getattr(capability, name) == name
    with pytest.raises(TypeError, match="No constructor defined!"):
        capability()
    assert intel_gpu.CapabilityGPU.HW_MATMUL == "GPU_HW_MATMUL"
    assert intel_gpu.CapabilityGPU.USM_MEMORY == "GPU_USM_MEMORY"
    assert intel_gpu.MemoryType.buffer == "GPU_BUFFER"
    assert intel_gpu.MemoryType.surface == "GPU_SURFACE"


def test_streams_num():
    num = streams.Num
    assert num.AUTO.to_integer() == -1
    assert num.NUMA.to_integer() == -2
    assert num().to_integer() == -1
    assert num(5).to_integer() == 5
    assert num(True).to_integer() == 1
    assert num(np.int64(9)).to_integer() == 9
    for args, kwargs in [(("3",), {}), ((3.0,), {}), ((2 ** 31,), {}), ((1, 2), {}), ((), {"n": 3})]:
        with pytest.raises(TypeError, match="incompatible constructor arguments"):
            num(*args, **kwargs)
    assert streams.num(42)[1].value == 42
    assert streams.num(num.AUTO)[0] == "NUM_STREAMS"
    assert streams.num(num.AUTO)[1].value == -1
    assert streams.num(num.NUMA)[1].value == -2
    assert streams.num(num(7))[1].value == 7
    assert props.num_streams(num(3))[1].value == 3
    assert props.num_streams == streams.num == "NUM_STREAMS"


# ------------------------------------------------------------------------- device helpers
@pytest.mark.parametrize(("args", "expected"), [
    (("CPU", "GPU"), "CPU,GPU,"),
    (("CPU,GPU",), "CPU,GPU,"),
    (("CPU",), "CPU,"),
    (("CPU,GPU,",), "CPU,GPU,,"),
    (("",), ","),
    ((" CPU ", "GPU"), " CPU ,GPU,"),
])
def test_device_priorities(args, expected):
    pair = device.priorities(*args)
    assert pair[0] == "MULTI_DEVICE_PRIORITIES"
    assert pair[1].value == expected


@pytest.mark.parametrize(("args", "shown"), [
    (("CPU", 6), "6"), ((6,), "6"), ((b"CPU",), "b'CPU'"), ((["CPU", "GPU"],), "['CPU', 'GPU']"), ((None,), "None"),
])
def test_device_priorities_type_error(args, shown):
    with pytest.raises(TypeError) as info:
        device.priorities(*args)
    assert str(info.value) == f"Incorrect passed value: {shown} , expected string values."


def test_device_properties_nesting():
    assert device.properties() == "DEVICE_PROPERTIES"
    value = device.properties({"CPU": {props.enable_profiling: True, "NUM_STREAMS": 2}})[1].value
    assert value == {"CPU": {"NUM_STREAMS": 2, "PERF_COUNT": True}}
    assert all(type(key) is str for key in value["CPU"])
    inner = dict([props.enable_profiling(True), streams.num(5), hints.performance_mode(hints.PerformanceMode.LATENCY)])
    value = device.properties({"CPU": inner})[1].value
    assert value == {"CPU": {"NUM_STREAMS": 5, "PERFORMANCE_HINT": hints.PerformanceMode.LATENCY, "PERF_COUNT": True}}
    assert list(value["CPU"]) == ["NUM_STREAMS", "PERFORMANCE_HINT", "PERF_COUNT"]  # a sorted map
    value = device.properties({"CPU": {"A": 1}}, {"GPU": {"B": {"C": [1, 2]}}})[1].value
    assert value == {"CPU": {"A": 1}, "GPU": {"B": {"C": [1, 2]}}}
    assert device.properties({"CPU": 5})[1].value == {"CPU": 5}
    assert device.properties({})[1].value == {}


def test_device_properties_errors():
    with pytest.raises(TypeError, match="Incorrect passed value: 5, expected dictionary instead of"):
        device.properties(5)
    with pytest.raises(TypeError, match="Incorrect passed value: CPU, expected dictionary instead of"):
        device.properties("CPU", {"A": 1})
    with pytest.raises(TypeError, match="Incorrect passed key in value: 1, expected string instead of"):
        device.properties({1: {"A": 1}})
    with pytest.raises(RuntimeError, match="Mixed types in the container are not allowed."):
        device.properties({"CPU": {"A": [1, "a"]}})
    with pytest.raises(RuntimeError, match="Unsupported attribute type."):
        device.properties({"CPU": [props.enable_profiling(True)]})


# ------------------------------------------------------------------------- Python -> Any
# Nested DEVICE_PROPERTIES values go through OpenVINO's py_object_to_any, so these cases check the
# conversion (API.md §19.4) on both implementations.
def _converted(value):
    return device.properties({"CPU": {"A": value}})[1].value["CPU"]["A"]


@pytest.mark.parametrize(("value", "expected"), [
    (True, True), (False, False), (1, 1), (2 ** 63 - 1, 2 ** 63 - 1), (-(2 ** 63), -(2 ** 63)), (1.5, 1.5),
    ("s", "s"), (b"s", "s"), (None, None), (np.float32(1.5), 1.5), (np.float64(2.5), 2.5),
    ([1, 2], [1, 2]), (["a", "b"], ["a", "b"]), ([1.5, 2.5], [1.5, 2.5]), (["a", b"b"], ["a", "b"]),
    ([True, False], [1, 0]), ([True, 1], [1, 1]),  # bools are ints inside lists
    ((1, 2), (1, 2)), ((1, 2, 3), (1, 2, 3)),
    ({"b": 1, "a": {"c": [1]}}, {"a": {"c": [1]}, "b": 1}), ({}, {}), ({1: 2}, {1: 2}),
])
def test_python_to_any(value, expected):
    result = _converted(value)
    assert result == expected
    assert type(result) is type(expected)
    if isinstance(expected, list):
        assert [type(x) for x in result] == [type(x) for x in expected]


@pytest.mark.parametrize("value", [
    hints.PerformanceMode.LATENCY, hints.Priority.DEFAULT, props.CacheMode.OPTIMIZE_SIZE, log.Level.ERR,
    device.Type.DISCRETE, intel_auto.SchedulePolicy.DEFAULT, intel_cpu.TbbPartitioner.AUTO, ov.Type.f32,
])
def test_python_to_any_passes_enums_and_types(value):
    result = _converted(value)
    assert result == value
    assert type(result) is type(value)


def test_python_to_any_special_objects():
    assert _converted(streams.Num(3)) == 3
    assert _converted(streams.Num.NUMA) == -2
    assert _converted(props.cache_dir) == "CACHE_DIR"
    assert type(_converted(props.cache_dir)) is str
    assert _converted(props.cache_dir("x")[1]) == "x"
    policy = {hints.ModelDistributionPolicy.TENSOR_PARALLEL}
    assert _converted(policy) == policy


@pytest.mark.parametrize(("value", "error", "match"), [
    ([1, "a"], RuntimeError, "Incorrect attribute. Mixed types in the container are not allowed."),
    (["a", 1], RuntimeError, "Mixed types in the container are not allowed."),
    ([1.5, 2], RuntimeError, "Mixed types in the container are not allowed."),
    ([True, 1.5], RuntimeError, "Mixed types in the container are not allowed."),
    ({"a": [1, "x"]}, RuntimeError, "Mixed types in the container are not allowed."),
    ([None], RuntimeError, "Unsupported attribute type."),
    ([[1]], RuntimeError, "Unsupported attribute type."),
    ([None, 1], RuntimeError, "Unable to cast Python instance of type <class 'list'>"),
    ((1,), RuntimeError, "Unsupported tuple size"),
    ((1, 2, 3, 4), RuntimeError, "Unsupported tuple size"),
    ((1.5, 2), RuntimeError, "Unable to cast Python instance of type <class 'float'>"),
    (2 ** 63, RuntimeError, "Unable to cast Python instance of type <class 'int'>"),
    (b"\xff", UnicodeDecodeError, "utf-8"),
])
def test_python_to_any_errors(value, error, match):
    with pytest.raises(error, match=re.escape(match)):
        _converted(value)


# ------------------------------------------------------------------------- Pinot's conversion layer
@pytest.fixture
def convert():
    from pinot.properties import _convert  # noqa: PLC0415

    return _convert


@pinot_only
def test_to_any_numpy_scalars_become_python(convert):
    assert convert.to_any(np.int64(3)) == 3 and type(convert.to_any(np.int64(3))) is int
    assert convert.to_any(np.uint8(3)) == 3 and type(convert.to_any(np.uint8(3))) is int
    assert convert.to_any(np.bool_(True)) is True
    assert type(convert.to_any(np.float16(1.5))) is float
    assert convert.to_any([np.int64(1), np.int32(2)]) == [1, 2]
    assert convert.to_any([np.float32(1.5), 2.5]) == [1.5, 2.5]
    with pytest.raises(RuntimeError, match="Mixed types in the container"):
        convert.to_any([np.int64(1), 1.5])


@pinot_only
def test_to_any_values(convert):
    assert convert.to_any(True) is True  # bool before int
    assert convert.to_any([]) == []
    assert convert.to_any(streams.Num.AUTO) == -1
    assert convert.to_any(props.cache_dir("d")[1]) == "d"
    assert type(convert.to_any(props.cache_dir)) is str
    shape = ov.PartialShape([1, 2])
    assert convert.to_any([shape, shape]) == [shape, shape]
    with pytest.raises(RuntimeError, match="Mixed types"):
        convert.to_any([shape, 1])
    marker = object()
    assert convert.to_any(marker) is marker
    assert convert.to_any({"a": marker})["a"] is marker
    assert convert.MIXED_TYPES_MESSAGE == "Incorrect attribute. Mixed types in the container are not allowed."


@pinot_only
def test_normalize_config(convert):
    config = convert.normalize_config({props.cache_dir: b"x", "PERF_COUNT": np.bool_(True),
                                       "INFERENCE_NUM_THREADS": np.int64(2), "NUM_STREAMS": streams.Num.AUTO,
                                       "PERFORMANCE_HINT": hints.PerformanceMode.THROUGHPUT})
    assert config == {"CACHE_DIR": "x", "PERF_COUNT": True, "INFERENCE_NUM_THREADS": 2, "NUM_STREAMS": -1,
                      "PERFORMANCE_HINT": hints.PerformanceMode.THROUGHPUT}
    assert all(type(key) is str for key in config)
    pairs = [props.enable_profiling(True), hints.performance_mode(hints.PerformanceMode.LATENCY), ("A", [1, 2])]
    assert convert.normalize_config(pairs) == {"PERF_COUNT": True, "PERFORMANCE_HINT": hints.PerformanceMode.LATENCY,
                                               "A": [1, 2]}
    assert convert.normalize_config(props.enable_profiling(False)) == {"PERF_COUNT": False}
    assert convert.normalize_config(None) == {}
    assert convert.normalize_config({}) == {}
    for bad in ({1: 2}, [1, 2], 5, [("A",)]):
        with pytest.raises(TypeError):
            convert.normalize_config(bad)
    with pytest.raises(RuntimeError, match="Mixed types"):
        convert.normalize_config({"A": [1, "a"]})


@pinot_only
@pytest.mark.parametrize(("key", "value", "expected"), [
    ("PERFORMANCE_HINT", "THROUGHPUT", hints.PerformanceMode.THROUGHPUT),
    ("PERFORMANCE_HINT", hints.PerformanceMode.LATENCY, hints.PerformanceMode.LATENCY),
    ("PERF_COUNT", 1, True), ("PERF_COUNT", 0, False), ("PERF_COUNT", "YES", True), ("PERF_COUNT", "no", False),
    ("ENABLE_CPU_PINNING", "true", True), ("ENABLE_TENSOR_PARALLEL", 1, True),
    ("NUM_STREAMS", "AUTO", -1), ("NUM_STREAMS", "NUMA", -2), ("NUM_STREAMS", streams.Num(3), 3),
    ("NUM_STREAMS", "4", 4),
    ("INFERENCE_NUM_THREADS", "3", 3), ("INFERENCE_NUM_THREADS", np.int64(2), 2),
    ("INFERENCE_PRECISION_HINT", "bf16", ov.Type.bf16), ("INFERENCE_PRECISION_HINT", "FP32", ov.Type.f32),
    ("INFERENCE_PRECISION_HINT", ov.Type.f32, ov.Type.f32), ("KV_CACHE_PRECISION", "u8", ov.Type.u8),
    ("LOG_LEVEL", "LOG_INFO", log.Level.INFO), ("LOG_LEVEL", "TRACE", log.Level.TRACE),
    ("EXECUTION_MODE_HINT", "ACCURACY", hints.ExecutionMode.ACCURACY),
    ("SCHEDULING_CORE_TYPE", "PCORE_ONLY", hints.SchedulingCoreType.PCORE_ONLY),
    ("TBB_PARTITIONER", "AUTO", intel_cpu.TbbPartitioner.AUTO),
    ("DEVICE_TYPE", "INTEGRATED", device.Type.INTEGRATED),
    ("CPU_SPARSE_WEIGHTS_DECOMPRESSION_RATE", "0.5", 0.5),
    ("RANGE_FOR_STREAMS", [1, 2], (1, 2)), ("RANGE_FOR_ASYNC_INFER_REQUESTS", (1, 1, 1), (1, 1, 1)),
    ("SUPPORTED_PROPERTIES", {"PERF_COUNT": "RW"}, {"PERF_COUNT": "RW"}),
    ("EXECUTION_DEVICES", "CPU", ["CPU"]), ("CACHE_DIR", b"d", "d"), ("DEVICE_ID", "", ""),
    ("UNKNOWN_KEY", np.int64(3), 3),
])
def test_from_any(convert, key, value, expected):
    result = convert.from_any(key, value)
    assert result == expected
    assert type(result) is type(expected)


@pinot_only
def test_from_any_sets_and_errors(convert):
    tp = hints.ModelDistributionPolicy.TENSOR_PARALLEL
    assert convert.from_any("MODEL_DISTRIBUTION_POLICY", "TENSOR_PARALLEL") == {tp}
    assert convert.from_any("MODEL_DISTRIBUTION_POLICY", "") == set()
    assert convert.from_any("MODEL_DISTRIBUTION_POLICY", {tp}) == {tp}
    assert convert.from_any(props.enable_profiling, props.enable_profiling(True)[1]) is True
    with pytest.raises(RuntimeError, match="Wrong value abc for property key PERF_COUNT. Expected only true/false"):
        convert.from_any("PERF_COUNT", "abc")
    with pytest.raises(RuntimeError, match="Wrong value latency for property key PERFORMANCE_HINT. Expected only "
                                           "ov::hint::PerformanceMode::LATENCY/THROUGHPUT/CUMULATIVE_THROUGHPUT."):
        convert.from_any("PERFORMANCE_HINT", "latency")
    with pytest.raises(RuntimeError, match="Wrong value 1 for property key PERFORMANCE_HINT"):
        convert.from_any("PERFORMANCE_HINT", 1)
    with pytest.raises(RuntimeError, match="Could not read number of streams from str: auto"):
        convert.from_any("NUM_STREAMS", "auto")
    with pytest.raises(RuntimeError, match="Wrong value x for property key INFERENCE_NUM_THREADS"):
        convert.from_any("INFERENCE_NUM_THREADS", "x")
    assert convert.property_kind("PERF_COUNT") == "bool"
    assert convert.property_kind(hints.performance_mode) == "enum:PerformanceMode"
    assert convert.property_kind("NO_SUCH_KEY") is None


@pinot_only
def test_ovany_class():
    ovany = type(props.cache_dir("x")[1])
    assert ovany(1).value == 1
    assert ovany(b"s").value == "s"
    assert ovany({"b": 1, "a": 2}).value == {"a": 2, "b": 1}
    assert ovany("s") == "s"
    assert ovany(1) == ovany(1)
    assert ovany(1) != ovany(1.0)
    assert ovany(None) != None  # noqa: E711 - an empty Any equals nothing, as in OpenVINO
    assert len(ovany([1, 2])) == 2
    assert ovany({"a": 1})["a"] == 1
    assert ovany("3").astype(int) == 3
    assert ovany("YES").astype(bool) is True
    assert ovany(hints.PerformanceMode.LATENCY).astype(str) == "LATENCY"
    assert ovany("1 2").aslist(int) == [1, 2]
    assert repr(ovany(1)) == "<OVAny class>"
    with pytest.raises(RuntimeError, match="Mixed types"):
        ovany([1, "a"])
    with pytest.raises(TypeError, match="incompatible constructor arguments"):
        ovany()


# ------------------------------------------------------------------------- the CPU property table
def _load_cpu_table():
    """python/pinot/properties/_cpu.py imports nothing from pinot, so it loads on its own."""
    path = os.path.join(REPO_ROOT, "python", "pinot", "properties", "_cpu.py")
    spec = importlib.util.spec_from_file_location("_pinot_cpu_table", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cpu_table_shape():
    table = _load_cpu_table()
    assert set(table.CPU_SUPPORTED_PROPERTIES.values()) <= {"RO", "RW", "WO"}
    readable = set(table.CPU_SUPPORTED_PROPERTIES) - {"SUPPORTED_PROPERTIES"} - set(table.CPU_UNREADABLE)
    assert set(table.CPU_DEFAULTS) == readable
    assert set(table.CPU_COMPILED_MODEL_DEFAULTS) == set(table.CPU_COMPILED_MODEL_SUPPORTED_PROPERTIES) - {
        "SUPPORTED_PROPERTIES"}
    facts = table.host_facts()
    assert facts["range_for_streams"][0] == 1 and facts["range_for_streams"][1] >= 1
    assert "FP32" in facts["optimization_capabilities"]


@pinot_only
def test_cpu_table_materializes_with_pinot_types():
    from pinot.properties import _convert, _cpu  # noqa: PLC0415

    defaults = _cpu.cpu_default_properties()
    assert defaults["PERFORMANCE_HINT"] == hints.PerformanceMode.LATENCY
    assert defaults["LOG_LEVEL"] == log.Level.NO
    assert defaults["KV_CACHE_PRECISION"] == ov.Type.u8
    assert defaults["INFERENCE_PRECISION_HINT"] in (ov.Type.f32, ov.Type.bf16)
    assert str(defaults["TBB_PARTITIONER"]) == "TbbPartitioner.???"
    # Every default already has the Python type from_any gives its key.
    for key, value in defaults.items():
        converted = _convert.from_any(key, value)
        assert converted == value, key
        assert type(converted) is type(value), key
    defaults["MODEL_DISTRIBUTION_POLICY"].add(hints.ModelDistributionPolicy.TENSOR_PARALLEL)
    assert _cpu.cpu_default_properties()["MODEL_DISTRIBUTION_POLICY"] == set()  # fresh values per call


def test_cpu_table_matches_openvino():
    openvino = pytest.importorskip("openvino")
    import openvino.opset13 as ops  # noqa: PLC0415
    import openvino.properties  # noqa: PLC0415

    table = _load_cpu_table()
    core = openvino.Core()
    supported = core.get_property("CPU", "SUPPORTED_PROPERTIES")
    assert supported == table.CPU_SUPPORTED_PROPERTIES
    assert list(supported) == list(table.CPU_SUPPORTED_PROPERTIES)
    expected = table.cpu_default_properties(openvino.properties, openvino.Type)
    for key in table.CPU_DEFAULTS:
        actual = core.get_property("CPU", key)
        assert actual == expected[key], key
        assert type(actual) is type(expected[key]), key
    for key in table.CPU_UNREADABLE:
        with pytest.raises(TypeError):
            core.get_property("CPU", key)
    for key, value in table.CORE_DEFAULTS.items():
        assert core.get_property(key) == value

    parameter = ops.parameter([1, 2], np.float32)
    model = openvino.Model([ops.relu(parameter)], [parameter], "table_model")
    compiled = core.compile_model(model, "CPU")
    assert compiled.get_property("SUPPORTED_PROPERTIES") == table.CPU_COMPILED_MODEL_SUPPORTED_PROPERTIES
    expected = table.cpu_default_properties(openvino.properties, openvino.Type, table.CPU_COMPILED_MODEL_DEFAULTS,
                                            model_name="table_model",
                                            runtime_requirements=compiled.get_property("RUNTIME_REQUIREMENTS"))
    for key in table.CPU_COMPILED_MODEL_DEFAULTS:
        actual = compiled.get_property(key)
        assert actual == expected[key], key
        assert type(actual) is type(expected[key]), key

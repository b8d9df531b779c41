"""pinot.Core as openvino.Core (API.md §3, §4): construction, repr, devices and versions,
set_property/get_property round trips for simple keys (dict, tuple and device forms), property
errors, compile_model's errors for objects that are not models or paths, and the properties of a
compiled model."""
import pathlib
import re

import numpy as np
import pytest

from api_models import needs, relu_model

import pinot as ov

pytestmark = needs("relu")

PATH_MSG = "does not exist. Please provide valid model's path either as a string, bytes or pathlib.Path"


class NotAPath:
    def __str__(self):
        return "test class"


# ------------------------------------------------------------------------------ basics
@pytest.mark.parametrize("args", [(), ("",)])
def test_construction(args):
    core = ov.Core(*args)
    assert isinstance(core, ov.Core)
    assert ov.Core() is not core


def test_repr():
    assert repr(ov.Core()) == "<Core: available plugins[CPU]>"


def test_available_devices():
    core = ov.Core()
    assert core.get_available_devices() == ["CPU"] == core.available_devices


def test_get_versions():
    versions = ov.Core().get_versions("CPU")
    assert isinstance(versions, dict) and list(versions) == ["CPU"]
    version = versions["CPU"]
    assert isinstance(version.major, int) and isinstance(version.minor, int)
    assert isinstance(version.description, str) and version.description
    assert isinstance(version.build_number, str) and version.build_number


# ------------------------------------------------------------------------------ properties
@pytest.mark.parametrize("key, value", [
    ("PERF_COUNT", True), ("PERF_COUNT", False), ("INFERENCE_NUM_THREADS", 1), ("INFERENCE_NUM_THREADS", 2),
    ("NUM_STREAMS", 2), ("PERFORMANCE_HINT_NUM_REQUESTS", 3),
])
@pytest.mark.parametrize("form", ["device_dict", "device_tuple", "global_dict", "global_tuple"])
def test_device_property_round_trip(key, value, form):
    core = ov.Core()
    if form == "device_dict":
        core.set_property("CPU", {key: value})
    elif form == "device_tuple":
        core.set_property("CPU", (key, value))
    elif form == "global_dict":
        core.set_property({key: value})
    else:
        core.set_property((key, value))
    got = core.get_property("CPU", key)
    assert got == value and type(got) is type(value)


def test_defaults():
    core = ov.Core()
    assert core.get_property("CPU", "PERF_COUNT") is False
    assert core.get_property("CACHE_DIR") == ""
    assert core.get_property("CPU", "AVAILABLE_DEVICES") is not None


def test_supported_properties():
    supported = ov.Core().get_property("CPU", "SUPPORTED_PROPERTIES")
    assert isinstance(supported, dict)
    for key in ("PERF_COUNT", "INFERENCE_NUM_THREADS", "NUM_STREAMS"):
        assert supported[key] == "RW"
    assert supported["SUPPORTED_PROPERTIES"] == "RO"
    assert supported["FULL_DEVICE_NAME"] == "RO"


def test_full_device_name_is_a_str():
    name = ov.Core().get_property("CPU", "FULL_DEVICE_NAME")
    assert isinstance(name, str) and name


def test_cache_dir_round_trip(tmp_path):
    core = ov.Core()
    core.set_property({"CACHE_DIR": str(tmp_path)})
    assert core.get_property("CACHE_DIR") == str(tmp_path)
    core.set_property({"CACHE_DIR": ""})
    assert core.get_property("CACHE_DIR") == ""


def test_properties_are_per_core():
    first, second = ov.Core(), ov.Core()
    first.set_property("CPU", {"PERF_COUNT": True})
    assert first.get_property("CPU", "PERF_COUNT") is True
    assert second.get_property("CPU", "PERF_COUNT") is False


@pytest.mark.parametrize("call, message", [
    (lambda c: c.get_property("CPU", "NOT_A_PROPERTY"), "NOT_A_PROPERTY"),
    (lambda c: c.set_property("CPU", {"NOT_A_PROPERTY": 1}), "Unsupported property NOT_A_PROPERTY by CPU plugin"),
    (lambda c: c.set_property("CPU", {"AVAILABLE_DEVICES": "x"}), "AVAILABLE_DEVICES"),
    (lambda c: c.get_property("NPUX", "PERF_COUNT"), 'Device with "NPUX" name is not registered in the OpenVINO Runtime'),
    (lambda c: c.get_property("PERF_COUNT"), "unsupported property: 'PERF_COUNT'"),
    (lambda c: c.set_property("CPU", {"INFERENCE_NUM_THREADS": -1}), ""),
    (lambda c: c.set_property("CPU", {"INFERENCE_NUM_THREADS": "abc"}), ""),
])
def test_property_errors(call, message):
    core = ov.Core()
    core.get_property("CPU", "PERF_COUNT")  # OpenVINO checks set_property once the plugin is loaded
    with pytest.raises(RuntimeError, match=re.escape(message) or None):
        call(core)


@pytest.mark.parametrize("args", [(5,), (None,), ("CPU",)])
def test_set_property_argument_types(args):
    with pytest.raises(TypeError):
        ov.Core().set_property(*args)


# ------------------------------------------------------------------------------ compile_model errors
@pytest.mark.parametrize("value, text", [(NotAPath(), "test class"), (5, "5"), (None, "None"), (3.5, "3.5")])
@pytest.mark.parametrize("compile_", [
    lambda v: ov.Core().compile_model(v, "CPU"),
    lambda v: ov.Core().compile_model(v),
    lambda v: ov.compile_model(v),
    lambda v: ov.compile_model(v, "CPU"),
])
def test_compile_model_rejects_non_path_objects(value, text, compile_):
    with pytest.raises(RuntimeError, match=re.escape(f"Path: '{text}' {PATH_MSG}")):
        compile_(value)


@pytest.mark.parametrize("path", ["/nonexistent/model.xml", pathlib.Path("/nonexistent/model.onnx")])
def test_compile_model_missing_file(path):
    with pytest.raises(RuntimeError):
        ov.Core().compile_model(path, "CPU")


def test_compile_model_unknown_device():
    with pytest.raises(RuntimeError, match=re.escape('Device with "FOO" name is not registered in the OpenVINO Runtime')):
        ov.Core().compile_model(relu_model(), "FOO")


def test_read_model_unsupported_type():
    with pytest.raises(TypeError, match=re.escape("Provided python object type <class 'int'> isn't supported as "
                                                  "'model' argument.")):
        ov.Core().read_model(5)


def test_read_model_missing_file():
    with pytest.raises(RuntimeError):
        ov.Core().read_model("/nonexistent/model.xml")


# ------------------------------------------------------------------------------ compiled model properties
@pytest.mark.parametrize("device", ["CPU", "AUTO"])
def test_compiled_model_properties(device):
    compiled = ov.Core().compile_model(relu_model(name="my_model"), device)
    assert compiled.get_property("NETWORK_NAME") == "my_model"
    assert compiled.get_property("EXECUTION_DEVICES") == ["CPU"]
    requests = compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")
    assert isinstance(requests, int) and requests >= 1


def test_compiled_model_unknown_property():
    compiled = ov.Core().compile_model(relu_model(), "CPU")
    with pytest.raises(RuntimeError, match="NOT_A_PROPERTY"):
        compiled.get_property("NOT_A_PROPERTY")


def test_compile_with_config_runs():
    core = ov.Core()
    compiled = core.compile_model(relu_model(), "CPU", {"PERF_COUNT": True, "INFERENCE_NUM_THREADS": 1})
    x = np.array([[-1, 2], [3, -4]], np.float32)
    np.testing.assert_array_equal(compiled(x)[0], np.maximum(x, 0))

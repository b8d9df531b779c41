"""Model runtime info (API.md 5.5): set/get/has by key or path, nested maps,
OVAny values comparing to plain ones, clone keeps it, missing paths raise."""
import numpy as np
import pytest

import pinot as ov
import pinot.opset13 as ops


@pytest.fixture
def model():
    p = ops.parameter([2], np.float32)
    m = ov.Model([ops.relu(p)], [p], "rt")
    m.set_rt_info("v", ["a", "b"])
    m.set_rt_info(1.5, "f")
    m.set_rt_info({"x": "y"}, "d")
    return m


def test_get_by_path_and_key(model):
    assert model.get_rt_info(["a", "b"]) == "v"
    assert model.get_rt_info(["a", "b"]).astype(str) == "v"
    assert model.get_rt_info("f") == 1.5
    assert model.get_rt_info("f").astype(float) == 1.5
    assert model.get_rt_info(["d", "x"]) == "y"


def test_whole_map(model):
    rt = model.get_rt_info()
    assert sorted(rt.keys()) == ["a", "d", "f"]
    assert repr(rt) == "<RTMap>"
    assert model.rt_info["f"] == 1.5


@pytest.mark.parametrize("path, present", [(["a", "b"], True), ("a", True), (["a", "c"], False), ("zz", False),
                                           (["d", "x"], True)])
def test_has(model, path, present):
    assert model.has_rt_info(path) is present


def test_missing_raises(model):
    with pytest.raises(RuntimeError, match="Check"):
        model.get_rt_info("missing")


def test_overwrite_and_clone(model):
    model.set_rt_info(2.5, "f")
    assert model.get_rt_info("f") == 2.5
    clone = model.clone()
    assert clone.get_rt_info(["a", "b"]) == "v"
    clone.set_rt_info("changed", ["a", "b"])
    assert model.get_rt_info(["a", "b"]) == "v"

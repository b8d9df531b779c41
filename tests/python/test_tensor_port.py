"""Tensor(port) and Tensor(port, array): type and shape from a model port, zero
copy over the array, and OpenVINO's warnings and errors for size mismatches."""
import warnings

import numpy as np
import pytest

import pinot as ov
import pinot.opset13 as ops


@pytest.fixture
def compiled():
    p = ops.parameter([2, 3], np.float32, name="x")
    return ov.compile_model(ov.Model([ops.relu(p)], [p]), "CPU")


def test_from_node_output():
    p = ops.parameter([2, 3], np.float32)
    t = ov.Tensor(p.output(0))
    assert t.shape == [2, 3] and t.element_type == ov.Type.f32


def test_from_const_output(compiled):
    t = ov.Tensor(compiled.input(0))
    assert t.shape == [2, 3] and t.element_type == ov.Type.f32


def test_dynamic_port_gives_empty_shape():
    p = ops.parameter([-1, 3], np.float32)
    assert ov.Tensor(p.output(0)).shape == [0]


def test_port_and_array_share_memory(compiled):
    a = np.arange(6, dtype=np.float32)
    t = ov.Tensor(compiled.input(0), a)
    assert t.shape == [2, 3]
    assert np.shares_memory(t.data, a)
    a[0] = 42
    assert t.data[0, 0] == 42


def test_larger_array_is_cropped_with_a_warning(compiled):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t = ov.Tensor(compiled.input(0), np.arange(8, dtype=np.float32))
    assert t.shape == [2, 3]
    assert any("Passed data will be cropped" in str(w.message) and w.category is RuntimeWarning for w in caught)


def test_smaller_array_is_refused(compiled):
    with pytest.raises(RuntimeError, match="Shape of the port exceeds shape of the array."):
        ov.Tensor(compiled.input(0), np.arange(4, dtype=np.float32))


def test_type_mismatch_warns(compiled):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ov.Tensor(compiled.input(0), np.arange(6, dtype=np.int32))
    assert any("Type of the array and the port are different" in str(w.message) for w in caught)

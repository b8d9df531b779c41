"""Pinot-only guarantees beyond OpenVINO's: views never dangle and shared tensors
never reach past the array they view. Skipped against the openvino oracle, which
does not make these guarantees."""
import gc

import numpy as np
import pytest

import pinot as ov
from conftest import ORACLE

pytestmark = pytest.mark.skipif(bool(ORACLE), reason="Pinot-specific behaviour")


def test_data_view_survives_reallocating_set_shape():
    t = ov.Tensor(ov.Type.f32, [2, 2])
    view = t.data
    view[:] = 7.0
    t.shape = [64, 64]  # grows: new memory; the old view keeps the old block alive
    del t
    gc.collect()
    np.testing.assert_array_equal(view, np.full((2, 2), 7.0, np.float32))


def test_roi_keeps_parent_memory_alive():
    parent = ov.Tensor(np.arange(16, dtype=np.float32).reshape(4, 4))
    roi = ov.Tensor(parent, [1, 1], [3, 3])
    del parent
    gc.collect()
    np.testing.assert_array_equal(roi.data, np.array([[5, 6], [9, 10]], np.float32))


def test_reinterpret_larger_than_array_is_refused():
    buf = np.zeros(8, np.uint8)
    with pytest.raises(RuntimeError, match="needs more bytes than the array holds"):
        ov.Tensor(buf, [3, 3], ov.Type.u8)
    with pytest.raises(RuntimeError, match="needs more bytes"):
        ov.Tensor(buf, [2], ov.Type.f64)


def test_reinterpret_fits_exactly():
    buf = np.zeros(8, np.uint8)
    t = ov.Tensor(buf, [1], ov.Type.f64)
    assert t.shape == [1] and t.byte_size == 8


def test_shared_big_endian_array_is_refused():
    arr = np.arange(4, dtype=">f4")
    with pytest.raises(RuntimeError, match="byte order"):
        ov.Tensor(arr, shared_memory=True)
    # Copy mode converts to native order.
    np.testing.assert_array_equal(ov.Tensor(arr).data, np.arange(4, dtype=np.float32))


def test_huge_shape_is_a_memory_error_not_a_crash():
    with pytest.raises(MemoryError):
        ov.Tensor(ov.Type.f32, [2**40, 2**40])
    with pytest.raises(MemoryError):
        ov.Tensor(ov.Type.f32, [2**62])


def test_negative_dimension_is_refused():
    with pytest.raises((RuntimeError, TypeError, ValueError)):
        ov.Tensor(ov.Type.f32, [2, -3])


def test_shared_tensor_release_from_last_view():
    arr = np.ones(4, np.float32)
    import sys

    base = sys.getrefcount(arr)
    t = ov.Tensor(arr, shared_memory=True)
    view = t.data
    del t
    gc.collect()
    assert sys.getrefcount(arr) == base + 1  # the view still holds the memory block
    del view
    gc.collect()
    assert sys.getrefcount(arr) == base

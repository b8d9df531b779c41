"""The `make demo` walk-through: Pinot's Python API on tensors, types and shapes.

(Model compilation and inference land with the graph and runtime; until then
the demo shows the data side of the API that every model run goes through.)
"""
import time

t0 = time.perf_counter()
import pinot as ov  # noqa: E402

import_ms = (time.perf_counter() - t0) * 1e3

import numpy as np  # noqa: E402

print(f"pinot {ov.__version__}: imported in {import_ms:.1f} ms")

image = np.random.default_rng(0).random((1, 3, 4, 4), dtype=np.float32)
shared = ov.Tensor(image, shared_memory=True)
image[0, 0, 0, 0] = 42.0
print(f"shared tensor {shared}: sees the array's write -> {shared.data[0, 0, 0, 0]}")

roi = ov.Tensor(shared, [0, 1, 1, 1], [1, 3, 3, 3])
assert np.array_equal(roi.data, image[:, 1:3, 1:3, 1:3])
print(f"ROI {roi.shape} of {shared.shape}: continuous={roi.is_continuous()}, strides={roi.strides}")

packed = ov.Tensor(ov.helpers.pack_data(np.arange(16, dtype=np.uint8) % 16, ov.Type.u4), [16], ov.Type.u4)
print(f"u4 tensor: {packed.size} elements in {packed.byte_size} bytes")

shape = ov.PartialShape("[1,3,?,224]")
print(f"partial shape {shape}: dynamic={shape.is_dynamic}, compatible with [1,3,224,224]:",
      shape.compatible(ov.PartialShape([1, 3, 224, 224])))
print("layout NCHW channels index:", ov.layout_helpers.channels_idx(ov.Layout("NCHW")))

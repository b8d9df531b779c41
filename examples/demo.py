"""The `make demo` walk-through: build a small convolutional classifier with
Pinot's opset builders, compile it, run it through the OpenVINO-style Python
API, and check the result against numpy."""
import time

t0 = time.perf_counter()
import pinot as ov  # noqa: E402

import_ms = (time.perf_counter() - t0) * 1e3

import numpy as np  # noqa: E402

import pinot.opset13 as ops  # noqa: E402

print(f"pinot {ov.__version__}: imported in {import_ms:.1f} ms (numpy not loaded by the import)")

rng = np.random.default_rng(0)
weights = rng.standard_normal((8, 3, 3, 3)).astype(np.float32) * 0.2
dense = rng.standard_normal((8, 10)).astype(np.float32) * 0.3

# image [1,3,16,16] -> conv 3x3 -> relu -> global average pool -> dense -> softmax
image = ops.parameter([1, 3, 16, 16], np.float32, name="image")
conv = ops.convolution(image, weights, [1, 1], [1, 1], [1, 1], [1, 1])
features = ops.reduce_mean(ops.relu(conv), np.array([2, 3]), keep_dims=False)
logits = ops.matmul(features, dense, False, False)
probabilities = ops.softmax(logits, -1, name="probabilities")
model = ov.Model([probabilities], [image], "tiny_classifier")
print(model)

compiled = ov.compile_model(model)  # AUTO -> CPU
x = rng.random((1, 3, 16, 16), dtype=np.float32)
t0 = time.perf_counter()
result = compiled({"image": x})  # inputs by tensor name, index or port
infer_ms = (time.perf_counter() - t0) * 1e3
probs = result[compiled.output(0)]  # or result[0]
print(f"inference: {infer_ms:.2f} ms, class {int(probs.argmax())} with p={float(probs.max()):.3f}")

# The same computation in numpy, as a check.
padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(2, 3))  # [1,3,16,16,3,3]
reference_conv = np.einsum("bchwij,ocij->bohw", windows, weights)
reference_logits = np.maximum(reference_conv, 0).mean(axis=(2, 3)) @ dense
expected = np.exp(reference_logits - reference_logits.max()) / np.exp(reference_logits - reference_logits.max()).sum()
np.testing.assert_allclose(probs, expected, rtol=1e-4, atol=1e-6)
print("matches numpy within 1e-4")

# Tensors share numpy memory when asked to, and results come back as an OVDict.
shared = ov.Tensor(x, shared_memory=True)
request = compiled.create_infer_request()
request.infer({0: shared})
print("request output tensor:", request.get_output_tensor(0), "names:", result.names())

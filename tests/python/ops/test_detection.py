"""Detection and set ops: NonMaxSuppression-9, ROIAlign (3, 9) and Unique-10,
against numpy references. NMS follows OpenVINO's reference: float arithmetic, a
box is dropped when its IoU with a selected box reaches iou_threshold, soft NMS
decays scores by exp(-0.5 * iou^2 / sigma). ROIAlign is compared in double
(f32 rtol 1e-5, f16 2e-3); its max mode is the largest bilinear sample (OpenVINO;
ONNX's largest weighted corner term is the ONNX frontend's, via a Pinot attribute).
Unique is compared exactly with np.unique.
"""
import numpy as np
import pytest

from conftest import ORACLE

import pinot as ov
import pinot.opset3 as ops3
import pinot.opset9 as ops9
import pinot.opset13 as ops


def infer(outputs, params, inputs):
    compiled = ov.compile_model(ov.Model(outputs, params), "CPU")
    result = compiled(inputs)
    return [result[i] for i in range(len(compiled.outputs))]


# ---- NonMaxSuppression ----

def corner_boxes(boxes, center):
    b = boxes.astype(np.float32)
    if center:
        half_w, half_h = b[..., 2] / np.float32(2), b[..., 3] / np.float32(2)
        return np.stack([b[..., 1] - half_h, b[..., 0] - half_w, b[..., 1] + half_h, b[..., 0] + half_w], -1)
    return np.stack([np.minimum(b[..., 0], b[..., 2]), np.minimum(b[..., 1], b[..., 3]),
                     np.maximum(b[..., 0], b[..., 2]), np.maximum(b[..., 1], b[..., 3])], -1)


def iou(a, b):
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    if area_a <= 0 or area_b <= 0:
        return np.float32(0)
    inter = max(min(a[2], b[2]) - max(a[0], b[0]), np.float32(0)) * max(min(a[3], b[3]) - max(a[1], b[1]),
                                                                         np.float32(0))
    return np.float32(inter / (area_a + area_b - inter))


def np_nms(boxes, scores, max_out, iou_t, score_t, sigma, center=False, sort_desc=False):
    """OpenVINO's NonMaxSuppression-9 reference, written out in Python."""
    boxes = corner_boxes(boxes, center)
    scores = scores.astype(np.float32)
    scale = np.float32(-0.5 / sigma) if sigma > 0 else np.float32(0)
    batches, classes, n = scores.shape
    max_out = max(0, min(max_out, n))
    selected = []
    for b in range(batches):
        for c in range(classes):
            # candidates: [score, box, suppress_begin]; best = highest score, then lowest box
            cands = [[scores[b, c, i], i, 0] for i in range(n) if scores[b, c, i] > score_t]
            chosen = []
            while cands and len(chosen) < max_out:
                best = min(range(len(cands)), key=lambda k: (-cands[k][0], cands[k][1]))
                score, box, begin = cands.pop(best)
                original, hard = score, False
                for j in range(len(chosen) - 1, begin - 1, -1):
                    v = iou(boxes[b, box], boxes[b, chosen[j][1]])
                    if v >= iou_t:
                        hard = True
                        break
                    score = np.float32(score * np.exp(np.float32(scale * v * v)))
                    if score <= score_t:
                        break
                if hard:
                    continue
                if score == original:
                    chosen.append((score, box))
                    selected.append((b, c, box, score))
                elif score > score_t:
                    cands.append([score, box, len(chosen)])
    if sort_desc:
        selected.sort(key=lambda s: (-s[3], s[0], s[1], s[2]))
    indices = np.array([s[:3] for s in selected], np.int64).reshape(-1, 3)
    out_scores = np.array([(s[0], s[1], s[3]) for s in selected], np.float32).reshape(-1, 3)
    return indices, out_scores


def nms_model(shape_b, shape_s, dtype=np.float32, **attrs):
    boxes = ops.parameter(shape_b, dtype)
    scores = ops.parameter(shape_s, dtype)
    max_out = ops.parameter([], np.int64)
    iou_t = ops.parameter([], np.float32)
    score_t = ops.parameter([], np.float32)
    sigma = ops.parameter([], np.float32)
    node = ops9.non_max_suppression(boxes, scores, max_out, iou_t, score_t, sigma, **attrs)
    return node, [boxes, scores, max_out, iou_t, score_t, sigma]


def random_boxes(rng, batches, n, center):
    xy = rng.uniform(0, 10, (batches, n, 2))
    wh = rng.uniform(0.5, 4, (batches, n, 2))
    if center:
        return np.concatenate([xy, wh], -1).astype(np.float32)
    boxes = np.concatenate([xy, xy + wh], -1)
    flip = rng.random((batches, n)) < 0.3  # corners in either order
    boxes[flip] = boxes[flip][:, [2, 3, 0, 1]]
    return boxes.astype(np.float32)


@pytest.mark.parametrize("center", [False, True])
@pytest.mark.parametrize("sort_desc", [False, True])
@pytest.mark.parametrize("sigma", [0.0, pytest.param(0.5, marks=pytest.mark.skipif(
    bool(ORACLE), reason="OpenVINO's CPU plugin differs from its reference semantics: its soft NMS "
    "(sigma > 0) never hard-suppresses at iou >= iou_threshold (the reference, as TensorFlow, does)"))])
def test_nms_random(center, sort_desc, sigma):
    rng = np.random.default_rng(7)
    batches, classes, n = 2, 3, 40
    node, params = nms_model([batches, n, 4], [batches, classes, n], box_encoding="center" if center else "corner",
                             sort_result_descending=sort_desc)
    assert node.get_output_size() == 3
    # max_output_boxes_per_class is a runtime input: no bound (OpenVINO's shape inference)
    assert node.get_output_partial_shape(0) == ov.PartialShape([-1, 3])
    assert node.get_output_element_type(1) == ov.Type.f32
    compiled = ov.compile_model(ov.Model(node.outputs(), params), "CPU")
    for max_out, iou_t, score_t in [(5, 0.3, 0.2), (100, 0.5, 0.0), (0, 0.5, 0.0), (3, 0.0, 0.9), (10, 1.0, -1.0)]:
        boxes = random_boxes(rng, batches, n, center)
        scores = rng.random((batches, classes, n)).astype(np.float32)
        scores[0, 0, :5] = 0.5  # ties: lower box index first
        inputs = [boxes, scores, np.array(max_out, np.int64), np.array(iou_t, np.float32),
                  np.array(score_t, np.float32), np.array(sigma, np.float32)]
        result = compiled(inputs)
        indices, out_scores, valid = (result[i] for i in range(3))
        want_indices, want_scores = np_nms(boxes, scores, max_out, np.float32(iou_t), np.float32(score_t), sigma,
                                           center, sort_desc)
        np.testing.assert_array_equal(indices, want_indices)
        np.testing.assert_allclose(out_scores, want_scores, rtol=1e-6)
        assert valid.tolist() == [len(want_indices)]


@pytest.mark.parametrize("dtype", [np.float16, pytest.param(np.float64, marks=pytest.mark.skipif(
    bool(ORACLE), reason="f64 boxes/scores are a Pinot extension (OpenVINO admits bf16, f16, f32)"))])
def test_nms_types_and_output_type(dtype):
    rng = np.random.default_rng(3)
    boxes = random_boxes(rng, 1, 12, False).astype(dtype)
    scores = rng.random((1, 2, 12)).astype(dtype)
    b, s = ops.parameter([1, 12, 4], dtype), ops.parameter([1, 2, 12], dtype)
    node = ops9.non_max_suppression(b, s, np.array(4, np.int32), np.array(0.4, np.float32), output_type="i32",
                                    sort_result_descending=False)
    assert node.get_output_element_type(0) == ov.Type.i32
    assert node.get_output_partial_shape(0) == ov.PartialShape([(0, 8), 3])
    indices, out_scores, valid = infer(node.outputs(), [b, s], [boxes, scores])
    want_indices, want_scores = np_nms(boxes, scores, 4, np.float32(0.4), np.float32(0), 0)
    assert indices.dtype == np.int32 and valid.dtype == np.int32
    np.testing.assert_array_equal(indices, want_indices)
    np.testing.assert_allclose(out_scores, want_scores, rtol=1e-6)


def test_nms_defaults_select_nothing_shape():
    node = ops9.non_max_suppression(ops.parameter([1, 3, 4], np.float32), ops.parameter([1, 1, 3], np.float32))
    assert node.get_output_partial_shape(0) == ov.PartialShape([(0, 0), 3])


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: with max_output_boxes_per_class 0 its CPU plugin sometimes "
                    "leaves valid_outputs uninitialized (e.g. [5])")
def test_nms_defaults_select_nothing():
    boxes = ops.parameter([1, 3, 4], np.float32)
    scores = ops.parameter([1, 1, 3], np.float32)
    node = ops9.non_max_suppression(boxes, scores)
    x = np.zeros((1, 3, 4), np.float32)
    indices, _, valid = infer(node.outputs(), [boxes, scores], [x, np.ones((1, 1, 3), np.float32)])
    assert indices.shape == (0, 3) and valid.tolist() == [0]


@pytest.mark.skipif(bool(ORACLE), reason="checks Pinot's error message text")
def test_nms_errors_num_boxes():
    with pytest.raises(Exception, match="num_boxes"):
        ops9.non_max_suppression(ops.parameter([1, 3, 4], np.float32), ops.parameter([1, 1, 4], np.float32))


def test_nms_shape_bounds():
    """OpenVINO's rule: a bound only for a known max_output_boxes_per_class >= 0 and bounded num_boxes."""
    def shape(boxes, scores, max_out):
        b, s = ops.parameter(boxes, np.float32), ops.parameter(scores, np.float32)
        return ops9.non_max_suppression(b, s, np.array(max_out, np.int64)).get_output_partial_shape(0)
    assert shape([2, 40, 4], [2, 3, 40], 5) == ov.PartialShape([(0, 30), 3])
    assert shape([2, 40, 4], [2, 3, 40], -1) == ov.PartialShape([-1, 3])
    assert shape([2, -1, 4], [2, 3, -1], 5) == ov.PartialShape([-1, 3])
    assert shape([2, (1, 10), 4], [2, 3, (1, 10)], 50) == ov.PartialShape([(0, 60), 3])


def test_nms_errors():
    with pytest.raises(Exception, match="boxes"):
        ops9.non_max_suppression(ops.parameter([1, 3, 5], np.float32), ops.parameter([1, 1, 3], np.float32))
    with pytest.raises(Exception, match="scalar"):
        ops9.non_max_suppression(ops.parameter([1, 3, 4], np.float32), ops.parameter([1, 1, 3], np.float32),
                                 np.array([1, 2], np.int64))
    with pytest.raises(Exception, match="i32 or i64"):
        ops9.non_max_suppression(ops.parameter([1, 3, 4], np.float32), ops.parameter([1, 1, 3], np.float32),
                                 output_type="f32")


# ---- ROIAlign ----

def np_roi_align(x, rois, batch, ph, pw, ratio, scale, mode, aligned):
    x = x.astype(np.float64)
    _, channels, height, width = x.shape
    out = np.zeros((len(rois), channels, ph, pw))
    shift_in = 0.5 if aligned == "half_pixel" else 0.0  # OpenVINO: (x + 0.5) * scale - 0.5
    shift_out = 0.0 if aligned == "asymmetric" else 0.5
    for r, roi in enumerate(rois.astype(np.float64)):
        x1, y1, x2, y2 = (roi + shift_in) * scale - shift_out
        roi_w, roi_h = x2 - x1, y2 - y1
        if aligned == "asymmetric":
            roi_w, roi_h = max(roi_w, 1.0), max(roi_h, 1.0)
        bin_w, bin_h = roi_w / pw, roi_h / ph
        gw = ratio if ratio > 0 else int(np.ceil(bin_w))
        gh = ratio if ratio > 0 else int(np.ceil(bin_h))
        plane = x[batch[r]]
        for i in range(ph):
            for j in range(pw):
                terms = []
                for iy in range(gh):
                    y = y1 + i * bin_h + bin_h / gh * (iy + 0.5)
                    for ix in range(gw):
                        xx = x1 + j * bin_w + bin_w / gw * (ix + 0.5)
                        if y < -1 or y > height or xx < -1 or xx > width:
                            terms.append(np.zeros((4, channels)))
                            continue
                        yc, xc = max(y, 0.0), max(xx, 0.0)
                        y0, x0 = int(yc), int(xc)
                        if y0 >= height - 1:
                            y0 = y_hi = height - 1
                            yc = float(y0)
                        else:
                            y_hi = y0 + 1
                        if x0 >= width - 1:
                            x0 = x_hi = width - 1
                            xc = float(x0)
                        else:
                            x_hi = x0 + 1
                        ly, lx = yc - y0, xc - x0
                        terms.append(np.stack([(1 - ly) * (1 - lx) * plane[:, y0, x0],
                                               (1 - ly) * lx * plane[:, y0, x_hi],
                                               ly * (1 - lx) * plane[:, y_hi, x0],
                                               ly * lx * plane[:, y_hi, x_hi]]))
                if not terms:
                    continue
                terms = np.array(terms)  # [samples, 4, C]
                out[r, :, i, j] = terms.sum(1).mean(0) if mode == "avg" else terms.sum(1).max(0)
    return out


ROI_TOL = {np.float32: 1e-5, np.float64: 1e-5 if ORACLE else 1e-12, np.float16: 2e-3}  # oracle: f64 in f32


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("mode", ["avg", "max"])
@pytest.mark.parametrize("aligned", ["asymmetric", "half_pixel_for_nn", "half_pixel"])
@pytest.mark.parametrize("ratio", [0, 2])
def test_roi_align(dtype, mode, aligned, ratio):
    rng = np.random.default_rng(11)
    x = rng.standard_normal((2, 3, 9, 11)).astype(dtype)
    if mode == "max":  # OpenVINO floors max at 0 (test_roi_align_max_negative): compare on data >= 0
        x = np.abs(x)
    corners = rng.uniform(-2, 12, (6, 2, 2))
    rois = np.concatenate([corners.min(1), corners.max(1)], -1).astype(dtype)
    rois[0] = [3, 3, 3.2, 3.1]  # smaller than a pixel
    rois[1] = [2, 1, 30, 25]  # reaches past the map
    batch = np.array([0, 1, 1, 0, 1, 0], np.int32)
    data = ops.parameter(list(x.shape), dtype)
    boxes = ops.parameter(list(rois.shape), dtype)
    indices = ops.parameter([6], np.int32)
    node = ops9.roi_align(data, boxes, indices, 3, 4, ratio, 0.75, mode, aligned)
    assert node.get_output_partial_shape(0) == ov.PartialShape([6, 3, 3, 4])
    got, = infer([node], [data, boxes, indices], [x, rois, batch])
    want = np_roi_align(x, rois, batch, 3, 4, ratio, 0.75, mode, aligned)
    np.testing.assert_allclose(got.astype(np.float64), want, rtol=ROI_TOL[dtype], atol=ROI_TOL[dtype])


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: ROIAlign max starts from 0, so a bin of negative samples "
                    "gives 0, not their maximum")
def test_roi_align_max_negative():
    x = -np.arange(1, 26, dtype=np.float32).reshape(1, 1, 5, 5)
    rois = np.array([[0, 0, 4, 4], [1, 1, 2, 3]], np.float32)
    data = ops.parameter([1, 1, 5, 5], np.float32)
    node = ops9.roi_align(data, rois, np.array([0, 0], np.int32), 2, 2, 2, 1.0, "max", "half_pixel")
    got, = infer([node], [data], [x])
    want = np_roi_align(x, rois, [0, 0], 2, 2, 2, 1.0, "max", "half_pixel")
    assert (want < 0).all()
    np.testing.assert_allclose(got, want, rtol=1e-6)


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: ROIAlign-9 accepts pooled_h = 0 (its spec asks for a "
                    "positive integer)")
def test_roi_align_zero_pooled_h():
    data = ops.parameter([1, 2, 5, 5], np.float32)
    rois = np.array([[0, 0, 4, 4], [1, 1, 2, 3]], np.float32)
    with pytest.raises(Exception, match="pooled_h"):
        ops9.roi_align(data, rois, np.array([0, 0], np.int64), 0, 2, 1, 1.0, "avg")


def test_roi_align_v3_and_errors():
    x = np.arange(2 * 5 * 5, dtype=np.float32).reshape(1, 2, 5, 5)
    rois = np.array([[0, 0, 4, 4], [1, 1, 2, 3]], np.float32)
    data = ops.parameter([1, 2, 5, 5], np.float32)
    node = ops3.roi_align(data, rois, np.array([0, 0], np.int64), 2, 2, 1, 1.0, "avg")
    assert node.get_type_info().version_id == "opset3"
    got, = infer([node], [data], [x])
    np.testing.assert_allclose(got, np_roi_align(x, rois, [0, 0], 2, 2, 1, 1.0, "avg", "asymmetric"), rtol=1e-6)
    with pytest.raises(Exception, match="batch indices"):
        ops9.roi_align(data, rois, np.array([0, 0, 0], np.int64), 2, 2, 1, 1.0, "avg")
    with pytest.raises(Exception, match="box coordinates"):
        ops9.roi_align(data, np.zeros((2, 5), np.float32), np.array([0, 0], np.int64), 2, 2, 1, 1.0, "avg")
    bad = ops9.roi_align(data, rois, np.array([0, 3], np.int64), 2, 2, 1, 1.0, "max")
    with pytest.raises(Exception, match="out of range" if not ORACLE else "roiBatchInd"):  # OpenVINO: its own text
        infer([bad], [data], [x])


# ---- Unique ----

def np_unique_sorted(x, axis):
    y, idx, inv, counts = np.unique(x, True, True, True, axis=axis)
    return y, idx, inv.reshape(-1), counts


def np_unique_first_seen(x, axis):
    """Unique in order of first occurrence, from the sorted result."""
    y, idx, inv, counts = np_unique_sorted(x, axis)
    order = np.argsort(idx, kind="stable")
    position = np.empty_like(order)
    position[order] = np.arange(len(order))
    flat = x.reshape(-1) if axis is None else x
    return np.take(flat, idx[order], axis=0 if axis is None else axis), idx[order], position[inv], counts[order]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16, np.int32, np.int64, np.uint8, np.int8])
@pytest.mark.parametrize("sorted_", [True, False])
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_unique(dtype, sorted_, axis):
    if ORACLE and axis is not None and np.dtype(dtype).itemsize == 1:
        pytest.skip("OpenVINO bug: its CPU plugin's Unique along an axis returns wrong (even uninitialized) "
                    "indices and counts for u8/i8")
    rng = np.random.default_rng(5)
    x = rng.integers(0, 3, (4, 6, 2)).astype(dtype)
    x[:, 3] = x[:, 0]  # repeated slices along every axis
    x[2] = x[0]
    param = ops.parameter(list(x.shape), dtype)
    node = ops.unique(param, axis, sorted_, "i32" if axis == 1 else "i64")
    assert node.get_output_size() == 4
    got = infer(node.outputs(), [param], [x])
    want = (np_unique_sorted if sorted_ else np_unique_first_seen)(x, axis)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    assert got[1].dtype == (np.int32 if axis == 1 else np.int64)
    assert got[3].dtype == np.int64


def test_unique_shapes_and_types():
    p = ops.parameter([2, 5, 3], np.float32)
    node = ops.unique(p, np.array(1, np.int64), count_element_type="i32")
    assert node.get_output_partial_shape(0) == ov.PartialShape([2, (1, 5), 3])
    # OpenVINO bounds indices and counts by the element count of a static input, not the axis length
    assert node.get_output_partial_shape(1) == ov.PartialShape([(1, 30)])
    assert node.get_output_partial_shape(2) == ov.PartialShape([5])
    assert node.get_output_partial_shape(3) == ov.PartialShape([(1, 30)])
    assert node.get_output_element_type(3) == ov.Type.i32
    flat = ops.unique(p)
    assert flat.get_output_partial_shape(0) == ov.PartialShape([(1, 30)])
    assert flat.get_output_partial_shape(2) == ov.PartialShape([30])
    dyn = ops.unique(ops.parameter([(2, 4), 5], np.float32), np.array(0, np.int64))
    assert [dyn.get_output_partial_shape(i) for i in range(4)] == [
        ov.PartialShape([(1, 4), 5]), ov.PartialShape([-1]), ov.PartialShape([(2, 4)]), ov.PartialShape([-1])]
    empty_axis = ops.unique(ops.parameter([2, 0, 3], np.float32), np.array(1, np.int64))
    assert [empty_axis.get_output_partial_shape(i) for i in range(4)] == [
        ov.PartialShape([2, 0, 3]), ov.PartialShape([0]), ov.PartialShape([0]), ov.PartialShape([0])]
    # no axis: bounds only for a static non-empty input
    assert all(str(ops.unique(ops.parameter(shape, np.float32)).get_output_partial_shape(i)) == "[?]"
               for shape in ([0], [(2, 4)], [2, -1]) for i in range(4))
    with pytest.raises(Exception, match="Axis"):
        ops.unique(p, np.array(3, np.int64))
    with pytest.raises(Exception, match="i32 or i64"):
        ops.unique(p, index_element_type="f32")


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: its CPU plugin fails on an empty input (\"Cannot get "
                    "dims for non static shape\")")
def test_unique_empty():
    empty = ops.parameter([0], np.float32)
    got = infer(ops.unique(empty).outputs(), [empty], [np.zeros(0, np.float32)])
    assert [g.shape for g in got] == [(0,), (0,), (0,), (0,)]


@pytest.mark.skipif(bool(ORACLE), reason="OpenVINO bug: its CPU plugin's Unique with NaN returns the input "
                    "unchanged (1.0 twice), neither unique nor sorted")
def test_unique_nan():
    x = np.array([np.nan, 1.0, np.nan, 0.0, 1.0], np.float32)
    p = ops.parameter([5], np.float32)
    y, idx, inv, counts = infer(ops.unique(p).outputs(), [p], [x])
    np.testing.assert_array_equal(y, [0.0, 1.0, np.nan])
    assert idx.tolist() == [3, 1, 0] and inv.tolist() == [2, 1, 2, 0, 1] and counts.tolist() == [1, 2, 2]

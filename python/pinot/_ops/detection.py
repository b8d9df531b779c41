"""Builders of the detection and set ops: non_max_suppression (opset9:
NonMaxSuppression-9), roi_align (opset3: ROIAlign-3; opset9: ROIAlign-9 with
aligned_mode) and unique (opset10: Unique-10)."""
from typing import Any, Optional

import numpy as np

from pinot._ops._base import make_node
from pinot._ops.registry import opset


@opset(since=9)
def non_max_suppression(boxes: Any, scores: Any, max_output_boxes_per_class: Any = None, iou_threshold: Any = None,
                        score_threshold: Any = None, soft_nms_sigma: Any = None, box_encoding: str = "corner",
                        sort_result_descending: bool = True, output_type: Any = "i64", name: Optional[str] = None):
    """NonMaxSuppression-9: boxes [B, N, 4], scores [B, C, N] -> selected_indices [S, 3],
    selected_scores [S, 3] and valid_outputs [1]. Omitted scalars are 0 (i64 for the box
    limit, f32 for the thresholds and sigma), as in OpenVINO's builder."""
    if max_output_boxes_per_class is None:
        max_output_boxes_per_class = np.array(0, np.int64)
    if iou_threshold is None:
        iou_threshold = np.array(0, np.float32)
    if score_threshold is None:
        score_threshold = np.array(0, np.float32)
    if soft_nms_sigma is None:
        soft_nms_sigma = np.array(0, np.float32)
    attrs = {"box_encoding": box_encoding, "sort_result_descending": sort_result_descending,
             "output_type": output_type}
    inputs = [boxes, scores, max_output_boxes_per_class, iou_threshold, score_threshold, soft_nms_sigma]
    return make_node("NonMaxSuppression", 9, inputs, attrs, name)


@opset(since=3, until=9)
def roi_align(data: Any, rois: Any, batch_indices: Any, pooled_h: int, pooled_w: int, sampling_ratio: int,
              spatial_scale: float, mode: str, name: Optional[str] = None):
    """ROIAlign-3: data [N, C, H, W], rois [R, 4] (x1, y1, x2, y2), batch_indices [R] ->
    [R, C, pooled_h, pooled_w] by bilinear sampling ('avg' or 'max' per bin)."""
    attrs = {"pooled_h": pooled_h, "pooled_w": pooled_w, "sampling_ratio": sampling_ratio,
             "spatial_scale": spatial_scale, "mode": mode}
    return make_node("ROIAlign", 3, [data, rois, batch_indices], attrs, name)


@opset(since=9, name="roi_align")
def roi_align_v9(data: Any, rois: Any, batch_indices: Any, pooled_h: int, pooled_w: int, sampling_ratio: int,
                 spatial_scale: float, mode: str, aligned_mode: str = "asymmetric", name: Optional[str] = None):
    """ROIAlign-9: ROIAlign-3 plus aligned_mode ('asymmetric', 'half_pixel_for_nn', 'half_pixel')."""
    attrs = {"pooled_h": pooled_h, "pooled_w": pooled_w, "sampling_ratio": sampling_ratio,
             "spatial_scale": spatial_scale, "mode": mode, "aligned_mode": aligned_mode}
    return make_node("ROIAlign", 9, [data, rois, batch_indices], attrs, name)


@opset(since=10)
def unique(data: Any, axis: Any = None, sorted: bool = True, index_element_type: Any = "i64",  # noqa: A002
           count_element_type: Any = "i64", name: Optional[str] = None):
    """Unique-10: the distinct elements of `data` (flattened), or its distinct slices along
    `axis`, with first-occurrence indices, reverse indices and counts (four outputs)."""
    inputs = [data] if axis is None else [data, axis]
    attrs = {"sorted": sorted, "index_element_type": index_element_type, "count_element_type": count_element_type}
    return make_node("Unique", 10, inputs, attrs, name)

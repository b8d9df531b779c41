/* ONNX translators for detection and set ops: NonMaxSuppression (-> NonMaxSuppression-9, its
 * selected_indices), RoiAlign (-> ROIAlign-9) and Unique (-> Unique-10). Rows are in onnx-ops.c. */
#include <math.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"

/* ---- NonMaxSuppression (10, 11) ---- */

/*
 * ONNX drops a box when its IoU with a selected box is strictly greater than
 * iou_threshold, OpenVINO's NMS when it is greater or equal. The IoU is a
 * float, so comparing it with t + |t| * 2^-30 + 2^-160 (in f64: above t, below
 * the next float after t, above 0 when t is 0) makes ">=" select what ">" does.
 */
static pinot_status onnx_strict_iou_threshold(struct onnx_import * ctx, pinot_output_ref t, pinot_output_ref * out) {
    pinot_output_ref t64, magnitude, step, above;
    TRY(onnx_convert(ctx, t, PINOT_DTYPE_F64, &t64));
    TRY(onnx_unary(ctx, "Abs", t64, &magnitude));
    TRY(onnx_binary_scalar(ctx, "Multiply", magnitude, ldexp(1.0, -30), &step));
    TRY(onnx_binary(ctx, "Add", t64, step, &above));
    return onnx_binary_scalar(ctx, "Add", above, ldexp(1.0, -160), out);
}

pinot_status onnx_tr_non_max_suppression(struct onnx_import * ctx, const struct onnx_node * node,
                                         const pinot_output_ref * in, uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 2));
    int64_t center = onnx_attr_int(node, "center_point_box", 0);
    if (center != 0 && center != 1) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "center_point_box must be 0 or 1 (got %lld)",
                          (long long)center);
    }
    pinot_output_ref args[5] = {in[0], in[1]};
    pinot_output_ref max_boxes = onnx_optional_input(in, n, 2);
    pinot_output_ref iou = onnx_optional_input(in, n, 3);
    pinot_output_ref score = onnx_optional_input(in, n, 4);
    if (max_boxes.node == NULL) {
        /* No limit given: ONNX selects nothing. */
        int64_t zero = 0;
        TRY(onnx_const_i64(ctx, &zero, 1, true, &max_boxes));
    }
    if (iou.node == NULL) {
        TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F32, 0.0, &iou));
    }
    if (score.node == NULL) {
        /* No score threshold: every box is a candidate. */
        TRY(onnx_const_scalar(ctx, PINOT_DTYPE_F32, -INFINITY, &score));
    }
    args[2] = max_boxes;
    TRY(onnx_strict_iou_threshold(ctx, iou, &args[3]));
    args[4] = score;
    pinot_attr attrs[] = {ATTR_STR("box_encoding", center ? "center" : "corner"),
                          ATTR_BOOL("sort_result_descending", false), ATTR_TYPE("output_type", PINOT_DTYPE_I64)};
    pinot_node_t * nms;
    TRY(onnx_make_node(ctx, "NonMaxSuppression", args, 5, attrs, 3, &nms));
    /* The run-time outputs hold exactly valid_outputs rows: no slicing needed. */
    out[0] = (pinot_output_ref){nms, 0};
    return PINOT_STATUS_OK;
}

/* ---- RoiAlign (10, 16, 22) ---- */

pinot_status onnx_tr_roi_align(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                               uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 3));
    char mode_buf[16], transform_buf[32];
    const char * mode = onnx_attr_string(node, "mode", "avg", mode_buf, sizeof(mode_buf));
    /* RoiAlign-10 has no coordinate_transformation_mode and behaves as output_half_pixel. */
    const char * transform =
        onnx_attr_string(node, "coordinate_transformation_mode",
                         ctx->opset >= 16 ? "half_pixel" : "output_half_pixel", transform_buf, sizeof(transform_buf));
    const char * aligned_mode;
    if (strcmp(transform, "half_pixel") == 0) {
        aligned_mode = "half_pixel_for_nn"; /* shifted by -0.5, ROI size kept */
    } else if (strcmp(transform, "output_half_pixel") == 0) {
        aligned_mode = "asymmetric"; /* unshifted, ROI at least 1x1 */
    } else {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "unsupported coordinate_transformation_mode '%s'",
                          transform);
    }
    pinot_attr attrs[] = {ATTR_INT("pooled_h", onnx_attr_int(node, "output_height", 1)),
                          ATTR_INT("pooled_w", onnx_attr_int(node, "output_width", 1)),
                          ATTR_INT("sampling_ratio", onnx_attr_int(node, "sampling_ratio", 0)),
                          ATTR_FLOAT("spatial_scale", onnx_attr_float(node, "spatial_scale", 1.0)),
                          ATTR_STR("mode", mode), ATTR_STR("aligned_mode", aligned_mode),
                          ATTR_BOOL("onnx_semantics", true)}; /* ONNX's max mode */
    return onnx_make(ctx, "ROIAlign", in, 3, attrs, 7, &out[0]);
}

/* ---- Unique (11) ---- */

pinot_status onnx_tr_unique(struct onnx_import * ctx, const struct onnx_node * node, const pinot_output_ref * in,
                            uint32_t n, pinot_output_ref * out) {
    TRY(need_inputs(ctx, in, n, 1));
    pinot_output_ref args[2] = {in[0]};
    uint32_t n_args = 1;
    if (onnx_attr(node, "axis") != NULL) {
        int64_t axis = onnx_attr_int(node, "axis", 0);
        TRY(onnx_const_i64(ctx, &axis, 1, true, &args[1]));
        n_args = 2;
    }
    pinot_attr attrs[] = {ATTR_BOOL("sorted", onnx_attr_int(node, "sorted", 1) != 0),
                          ATTR_TYPE("index_element_type", PINOT_DTYPE_I64),
                          ATTR_TYPE("count_element_type", PINOT_DTYPE_I64)};
    pinot_node_t * unique;
    TRY(onnx_make_node(ctx, "Unique", args, n_args, attrs, 3, &unique));
    for (uint32_t i = 0; i < 4; i++) {
        out[i] = (pinot_output_ref){unique, i};
    }
    return PINOT_STATUS_OK;
}

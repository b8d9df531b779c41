/* Object-detection ops: NonMaxSuppression-9 (hard and soft NMS, corner and
 * center box encodings, outputs sized by the number of selected boxes) and
 * ROIAlign (3, 9). NMS computes in float, as OpenVINO's reference does; ROIAlign
 * in double. Not here: MatrixNms / MulticlassNms, the static-shape padded
 * outputs of NMS-1..4, ROIPooling. */
#include <math.h>
#include <stdlib.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"

static bool is_float_type(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC || (info != NULL && info->is_real);
}

static bool is_int_type(pinot_dtype type) {
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    return type == PINOT_DTYPE_DYNAMIC ||
           (info != NULL && info->is_integral_number && type != PINOT_DTYPE_BOOLEAN && type != PINOT_DTYPE_STRING);
}

static const char * shape_text(const pinot_partial_shape * shape, char * buf, size_t size) {
    pinot_partial_shape_to_string(shape, buf, size);
    return buf;
}

/* ======================================================================
 * NonMaxSuppression-9
 * boxes [B, N, 4], scores [B, C, N], max_output_boxes_per_class, iou_threshold,
 * score_threshold, soft_nms_sigma (optional scalars) ->
 * selected_indices [S, 3] (batch, class, box), selected_scores [S, 3] f32
 * (batch, class, score), valid_outputs [1] = S.
 * Per batch and class, boxes scoring above score_threshold are taken best
 * first (equal scores: lower box index first); a box whose IoU with an already
 * selected box reaches iou_threshold is dropped. With soft_nms_sigma > 0 the
 * score of an overlapping box decays by exp(-0.5 * iou^2 / sigma) instead and
 * the box goes back into the queue. Results come per batch, class, selection
 * order, or all sorted by score when sort_result_descending.
 * ====================================================================== */

static const char * const nms_box_encodings[] = {"corner", "center", NULL};
enum { NMS_CORNER = 0, NMS_CENTER = 1 };

struct nms_attrs {
    int32_t box_encoding;
    bool sort_result_descending;
    pinot_dtype output_type;
};

static const struct pinot_attr_desc nms_attrs_desc[] = {
    PINOT_ATTR_ENUM_OF(struct nms_attrs, box_encoding, "box_encoding", nms_box_encodings, "corner"),
    PINOT_ATTR(struct nms_attrs, sort_result_descending, "sort_result_descending", PINOT_ATTR_BOOL, false, "true"),
    PINOT_ATTR(struct nms_attrs, output_type, "output_type", PINOT_ATTR_TYPE, false, "i64"),
    PINOT_ATTR_END,
};

static const char * const nms_input_names[6] = {
    "boxes", "scores", "max_output_boxes_per_class", "iou_threshold", "score_threshold", "soft_nms_sigma",
};

static pinot_status nms_validate(struct pinot_node * node) {
    const struct nms_attrs * a = PINOT_ATTRS(node, struct nms_attrs);
    char text[256];
    if (a->output_type != PINOT_DTYPE_I32 && a->output_type != PINOT_DTYPE_I64) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Output type must be i32 or i64 (got %s)",
                                pinot_dtype_name(a->output_type));
    }
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        pinot_dtype type = pinot_node_input_type(node, i);
        bool ok = i == 2 ? is_int_type(type) : is_float_type(type);
        if (!ok) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Expected %s type for the '%s' input (got %s)",
                                    i == 2 ? "an integral" : "a floating-point", nms_input_names[i],
                                    pinot_dtype_name(type));
        }
        const pinot_partial_shape * ps = pinot_node_input_shape(node, i);
        if (i >= 2 && ps->rank > 1) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Expected a scalar for the '%s' input (got shape %s)", nms_input_names[i],
                                    shape_text(ps, text, sizeof(text)));
        }
        if (i >= 2 && ps->rank == 1 && (ps->dims[0].max < 1 || ps->dims[0].min > 1)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Expected a scalar or one-element tensor for the '%s' input (got shape %s)",
                                    nms_input_names[i], shape_text(ps, text, sizeof(text)));
        }
    }
    const pinot_partial_shape * boxes = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * scores = pinot_node_input_shape(node, 1);
    if (boxes->rank >= 0 && boxes->rank != 3) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a 3D tensor for the 'boxes' input (got %s)",
                                shape_text(boxes, text, sizeof(text)));
    }
    if (scores->rank >= 0 && scores->rank != 3) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a 3D tensor for the 'scores' input (got %s)",
                                shape_text(scores, text, sizeof(text)));
    }
    pinot_dim batches = pinot_dim_dynamic(), boxes_n = pinot_dim_dynamic(), classes = pinot_dim_dynamic();
    if (boxes->rank == 3) {
        if (!pinot_dim_is_dynamic(boxes->dims[2]) && boxes->dims[2].min != 4) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The last dimension of the 'boxes' input must be equal to 4 (got %s)",
                                    shape_text(boxes, text, sizeof(text)));
        }
        batches = boxes->dims[0];
        boxes_n = boxes->dims[1];
    }
    if (scores->rank == 3) {
        classes = scores->dims[1];
        if (boxes->rank == 3) {
            pinot_dim dims[2][2] = {{boxes->dims[0], scores->dims[0]}, {boxes->dims[1], scores->dims[2]}};
            static const char * const what[2] = {"num_batches", "num_boxes"};
            for (int k = 0; k < 2; k++) {
                if (dims[k][0].max < dims[k][1].min || dims[k][1].max < dims[k][0].min) {
                    char text2[256];
                    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                            "'boxes' and 'scores' disagree on %s (boxes %s, scores %s)", what[k],
                                            shape_text(boxes, text, sizeof(text)),
                                            shape_text(scores, text2, sizeof(text2)));
                }
            }
        } else {
            batches = scores->dims[0];
            boxes_n = scores->dims[2];
        }
    }
    /* Selected boxes: at most min(num_boxes, max_output_boxes_per_class) per batch and class.
     * As OpenVINO, the bound needs a known non-negative max_output_boxes_per_class and a
     * bounded num_boxes; otherwise the count is fully dynamic. */
    int64_t per_class = PINOT_DIM_INF;
    int64_t max_boxes = 0;
    uint32_t n_max = 0;
    pinot_status status = PINOT_STATUS_OK;
    if (node->n_inputs < 3) {
        per_class = 0;
    } else if (pinot_node_input_ints(node, 2, &max_boxes, 1, &n_max, &status) && n_max == 1) {
        if (max_boxes >= 0 && boxes_n.max < PINOT_DIM_INF) {
            per_class = max_boxes < boxes_n.max ? max_boxes : boxes_n.max;
        }
    } else if (status != PINOT_STATUS_OK) {
        return status;
    }
    int64_t total = per_class;
    int64_t factors[2] = {batches.max, classes.max};
    for (int k = 0; k < 2; k++) {
        if (total == 0 || factors[k] == 0) {
            total = 0;
        } else if (total >= PINOT_DIM_INF || factors[k] >= PINOT_DIM_INF || total > PINOT_DIM_INF / factors[k]) {
            total = PINOT_DIM_INF;
        } else {
            total *= factors[k];
        }
    }
    status = pinot_node_set_output_count(node, 3);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_partial_shape out = {.rank = 2};
    out.dims[0] = pinot_dim_make(0, total);
    out.dims[1] = pinot_dim_static(3);
    pinot_partial_shape valid = {.rank = 1};
    valid.dims[0] = pinot_dim_static(1);
    pinot_node_set_output(node, 0, a->output_type, &out);
    pinot_node_set_output(node, 1, PINOT_DTYPE_F32, &out);
    pinot_node_set_output(node, 2, a->output_type, &valid);
    return PINOT_STATUS_OK;
}

/* A box as [y1, x1, y2, x2] with y1 <= y2 and x1 <= x2. */
struct nms_box {
    float y1, x1, y2, x2;
};

struct nms_candidate {
    float score;
    int64_t batch, klass, box;
    int64_t suppress_begin; /* selected boxes before this one were already compared with it */
};

/* OpenVINO's IoU: 0 for boxes without area. */
static float nms_iou(const struct nms_box * a, const struct nms_box * b) {
    float area_a = (a->y2 - a->y1) * (a->x2 - a->x1);
    float area_b = (b->y2 - b->y1) * (b->x2 - b->x1);
    if (area_a <= 0.0f || area_b <= 0.0f) {
        return 0.0f;
    }
    float ymin = fmaxf(a->y1, b->y1), xmin = fmaxf(a->x1, b->x1);
    float ymax = fminf(a->y2, b->y2), xmax = fminf(a->x2, b->x2);
    float inter = fmaxf(ymax - ymin, 0.0f) * fmaxf(xmax - xmin, 0.0f);
    return inter / (area_a + area_b - inter);
}

/* Max-heap order: higher score first, equal scores the lower box index first. */
static bool nms_before(const struct nms_candidate * a, const struct nms_candidate * b) {
    return a->score > b->score || (a->score == b->score && a->box < b->box);
}

static void heap_push(struct nms_candidate * heap, size_t * n, struct nms_candidate c) {
    size_t i = (*n)++;
    heap[i] = c;
    while (i > 0 && nms_before(&heap[i], &heap[(i - 1) / 2])) {
        struct nms_candidate t = heap[i];
        heap[i] = heap[(i - 1) / 2];
        heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static struct nms_candidate heap_pop(struct nms_candidate * heap, size_t * n) {
    struct nms_candidate top = heap[0];
    heap[0] = heap[--(*n)];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, best = i;
        if (l < *n && nms_before(&heap[l], &heap[best])) {
            best = l;
        }
        if (r < *n && nms_before(&heap[r], &heap[best])) {
            best = r;
        }
        if (best == i) {
            break;
        }
        struct nms_candidate t = heap[i];
        heap[i] = heap[best];
        heap[best] = t;
        i = best;
    }
    return top;
}

/* sort_result_descending: by score, then batch, class and box index. */
static int nms_cmp_result(const void * pa, const void * pb) {
    const struct nms_candidate *a = pa, *b = pb;
    if (a->score != b->score) {
        return a->score > b->score ? -1 : 1;
    }
    if (a->batch != b->batch) {
        return a->batch < b->batch ? -1 : 1;
    }
    if (a->klass != b->klass) {
        return a->klass < b->klass ? -1 : 1;
    }
    return (a->box > b->box) - (a->box < b->box);
}

/* Element 0 of an optional scalar input as double (absent: fallback). */
static double nms_scalar(const struct pinot_node * node, pinot_tensor_t * const * inputs, uint32_t i,
                         double fallback) {
    if (i >= node->n_inputs || pinot_tensor_get_size(inputs[i]) == 0) {
        return fallback;
    }
    pinot_dtype type = pinot_tensor_get_type(inputs[i]);
    const void * data = pinot_tensor_get_data(inputs[i]);
    return pinot_ref_is_int(type) ? (double)pinot_ref_load_i64(type, data, 0) : pinot_ref_load_f64(type, data, 0);
}

static pinot_status nms_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t * const * outputs) {
    const struct nms_attrs * a = PINOT_ATTRS(node, struct nms_attrs);
    const pinot_shape * bs = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * ss = pinot_tensor_get_shape(inputs[1]);
    if (bs->rank != 3 || ss->rank != 3 || bs->dims[2] != 4 || bs->dims[0] != ss->dims[0] ||
        bs->dims[1] != ss->dims[2]) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "expected boxes [B, N, 4] and scores [B, C, N] (got ranks %u and %u)", bs->rank,
                                     ss->rank);
    }
    for (uint32_t i = 2; i < node->n_inputs; i++) {
        if (pinot_tensor_get_size(inputs[i]) > 1) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the '%s' input must be a scalar",
                                         nms_input_names[i]);
        }
    }
    int64_t batches = bs->dims[0], n_boxes = bs->dims[1], classes = ss->dims[1];
    int64_t max_per_class = 0;
    if (node->n_inputs > 2 && pinot_tensor_get_size(inputs[2]) == 1) {
        max_per_class = pinot_ref_load_i64(pinot_tensor_get_type(inputs[2]), pinot_tensor_get_data(inputs[2]), 0);
    }
    max_per_class = max_per_class < 0 ? 0 : (max_per_class < n_boxes ? max_per_class : n_boxes);
    /* The thresholds stay in double: a float IoU compared with a double
     * threshold is OpenVINO's float comparison for float thresholds, and lets
     * the ONNX frontend express ONNX's strict "iou > t" with a threshold just above t. */
    double iou_threshold = nms_scalar(node, inputs, 3, 0.0);
    double score_threshold = nms_scalar(node, inputs, 4, 0.0);
    double sigma = nms_scalar(node, inputs, 5, 0.0);
    float scale = sigma > 0.0 ? (float)(-0.5 / sigma) : 0.0f;

    pinot_status status = PINOT_STATUS_OK;
    size_t n_total = (size_t)(max_per_class * batches * classes);
    struct nms_box * boxes = malloc(sizeof(*boxes) * (size_t)(n_boxes > 0 ? n_boxes : 1));
    struct nms_candidate * heap = malloc(sizeof(*heap) * (size_t)(n_boxes > 0 ? n_boxes : 1));
    struct nms_candidate * selected = malloc(sizeof(*selected) * (n_total > 0 ? n_total : 1));
    if (boxes == NULL || heap == NULL || selected == NULL) {
        status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory for %lld boxes",
                                       (long long)n_boxes);
        goto cleanup;
    }
    pinot_dtype box_type = pinot_tensor_get_type(inputs[0]), score_type = pinot_tensor_get_type(inputs[1]);
    const void * box_data = pinot_tensor_get_data(inputs[0]);
    const void * score_data = pinot_tensor_get_data(inputs[1]);
    size_t n_selected = 0;
    for (int64_t b = 0; b < batches; b++) {
        for (int64_t i = 0; i < n_boxes; i++) {
            float v[4];
            for (int k = 0; k < 4; k++) {
                v[k] = (float)pinot_ref_load_f64(box_type, box_data, (uint64_t)((b * n_boxes + i) * 4 + k));
            }
            struct nms_box * box = &boxes[i];
            if (a->box_encoding == NMS_CENTER) {
                /* [x_center, y_center, width, height] */
                box->y1 = v[1] - v[3] / 2.0f;
                box->x1 = v[0] - v[2] / 2.0f;
                box->y2 = v[1] + v[3] / 2.0f;
                box->x2 = v[0] + v[2] / 2.0f;
            } else {
                /* [y1, x1, y2, x2], either corner first */
                box->y1 = fminf(v[0], v[2]);
                box->x1 = fminf(v[1], v[3]);
                box->y2 = fmaxf(v[0], v[2]);
                box->x2 = fmaxf(v[1], v[3]);
            }
        }
        for (int64_t c = 0; c < classes; c++) {
            size_t n_heap = 0;
            for (int64_t i = 0; i < n_boxes; i++) {
                uint64_t at = (uint64_t)((b * classes + c) * n_boxes + i);
                float score = (float)pinot_ref_load_f64(score_type, score_data, at);
                if ((double)score > score_threshold) {
                    heap_push(heap, &n_heap, (struct nms_candidate){score, b, c, i, 0});
                }
            }
            size_t first = n_selected; /* this class's selections: selected[first..n_selected) */
            while (n_heap > 0 && (int64_t)(n_selected - first) < max_per_class) {
                struct nms_candidate next = heap_pop(heap, &n_heap);
                float original = next.score;
                bool hard_suppressed = false;
                /* Newest selections first: soft NMS only compares against those selected since its last visit. */
                for (int64_t j = (int64_t)(n_selected - first) - 1; j >= next.suppress_begin; j--) {
                    float iou = nms_iou(&boxes[next.box], &boxes[selected[first + (size_t)j].box]);
                    if ((double)iou >= iou_threshold) {
                        hard_suppressed = true;
                        break;
                    }
                    next.score *= expf(scale * iou * iou);
                    if ((double)next.score <= score_threshold) {
                        break;
                    }
                }
                next.suppress_begin = (int64_t)(n_selected - first);
                if (hard_suppressed) {
                    continue;
                }
                if (next.score == original) {
                    selected[n_selected++] = next;
                } else if ((double)next.score > score_threshold) {
                    heap_push(heap, &n_heap, next);
                }
            }
        }
    }
    if (a->sort_result_descending) {
        qsort(selected, n_selected, sizeof(*selected), nms_cmp_result);
    }
    pinot_shape out_shape = {.rank = 2, .dims = {(int64_t)n_selected, 3}};
    pinot_shape valid_shape = {.rank = 1, .dims = {1}};
    status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[1], &out_shape);
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_set_shape(outputs[2], &valid_shape);
    }
    if (status != PINOT_STATUS_OK) {
        goto cleanup;
    }
    pinot_dtype index_type = pinot_tensor_get_type(outputs[0]), out_score_type = pinot_tensor_get_type(outputs[1]);
    void * indices = pinot_tensor_get_data(outputs[0]);
    void * scores = pinot_tensor_get_data(outputs[1]);
    for (size_t i = 0; i < n_selected; i++) {
        const struct nms_candidate * s = &selected[i];
        pinot_ref_store_i64(index_type, indices, 3 * i, s->batch);
        pinot_ref_store_i64(index_type, indices, 3 * i + 1, s->klass);
        pinot_ref_store_i64(index_type, indices, 3 * i + 2, s->box);
        pinot_ref_store_f64(out_score_type, scores, 3 * i, (double)s->batch);
        pinot_ref_store_f64(out_score_type, scores, 3 * i + 1, (double)s->klass);
        pinot_ref_store_f64(out_score_type, scores, 3 * i + 2, (double)s->score);
    }
    pinot_ref_store_i64(pinot_tensor_get_type(outputs[2]), pinot_tensor_get_data(outputs[2]), 0, (int64_t)n_selected);
cleanup:
    free(selected);
    free(heap);
    free(boxes);
    return status;
}

const struct pinot_op_impl pinot_op_impl_non_max_suppression = {
    .type_name = "NonMaxSuppression",
    .versions = (const uint8_t[]){9, 0},
    .attrs = nms_attrs_desc,
    .attrs_size = sizeof(struct nms_attrs),
    .min_inputs = 2,
    .max_inputs = 6,
    .validate = nms_validate,
    .evaluate = nms_evaluate,
};

/* ======================================================================
 * ROIAlign (3, 9)
 * data [N, C, H, W], rois [R, 4] (x1, y1, x2, y2), batch_indices [R] ->
 * [R, C, pooled_h, pooled_w]. Each output bin of a ROI averages (mode avg)
 * sampling_ratio^2 bilinear samples (sampling_ratio 0: ceil(bin size) per
 * axis); mode max takes the largest bilinear sample value, as OpenVINO (0 for
 * a bin without samples). OpenVINO also floors that maximum at 0 (it starts
 * from 0): Pinot does not, a max of negative samples stays negative.
 * aligned_mode (ROIAlign-9): asymmetric scales the ROI (x * scale) and makes it
 * at least 1x1; half_pixel_for_nn maps x * scale - 0.5 and half_pixel
 * (x + 0.5) * scale - 0.5, both keeping the ROI's size. ROIAlign-3 is asymmetric.
 *
 * Pinot extension (v9, set by the ONNX frontend only): onnx_semantics = true
 * gives ONNX RoiAlign's max mode (its reference and ONNX Runtime): the largest
 * of the four weighted corner terms of each sample, not the bilinear value.
 * ====================================================================== */

static const char * const roi_align_modes[] = {"avg", "max", NULL};
enum { ROI_ALIGN_AVG = 0, ROI_ALIGN_MAX = 1 };
static const char * const roi_align_aligned_modes[] = {"asymmetric", "half_pixel_for_nn", "half_pixel", NULL};
enum { ROI_ALIGN_ASYMMETRIC = 0, ROI_ALIGN_HALF_PIXEL_FOR_NN = 1, ROI_ALIGN_HALF_PIXEL = 2 };

struct roi_align_attrs {
    int64_t pooled_h;
    int64_t pooled_w;
    int64_t sampling_ratio;
    double spatial_scale;
    int32_t mode;
    int32_t aligned_mode;
    bool onnx_semantics; /* Pinot extension: ONNX's max mode (see above) */
};

static const struct pinot_attr_desc roi_align_attrs_desc[] = {
    PINOT_ATTR(struct roi_align_attrs, pooled_h, "pooled_h", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct roi_align_attrs, pooled_w, "pooled_w", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct roi_align_attrs, sampling_ratio, "sampling_ratio", PINOT_ATTR_INT, true, NULL),
    PINOT_ATTR(struct roi_align_attrs, spatial_scale, "spatial_scale", PINOT_ATTR_FLOAT, true, NULL),
    PINOT_ATTR_ENUM_OF(struct roi_align_attrs, mode, "mode", roi_align_modes, NULL),
    {"aligned_mode", PINOT_ATTR_ENUM, (uint32_t)offsetof(struct roi_align_attrs, aligned_mode), false, "asymmetric",
     roi_align_aligned_modes, 9, 0},
    PINOT_ATTR_VERSIONS(struct roi_align_attrs, onnx_semantics, "onnx_semantics", PINOT_ATTR_BOOL, false, "false", 9,
                        0),
    PINOT_ATTR_END,
};

static pinot_status roi_align_validate(struct pinot_node * node) {
    const struct roi_align_attrs * a = PINOT_ATTRS(node, struct roi_align_attrs);
    char text[256];
    if (a->pooled_h <= 0 || a->pooled_w <= 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Pooled size attributes pooled_h and pooled_w should be positive integers (got %lld "
                                "and %lld)",
                                (long long)a->pooled_h, (long long)a->pooled_w);
    }
    if (a->sampling_ratio < 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Sampling ratio attribute should be non-negative integer (got %lld)",
                                (long long)a->sampling_ratio);
    }
    if (!(a->spatial_scale > 0.0)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Spatial scale attribute should be a positive floating point number (got %g)",
                                a->spatial_scale);
    }
    pinot_dtype type = pinot_node_input_type(node, 0);
    if (!is_float_type(type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The data type for input and ROIs is expected to be a floating point type (got %s)",
                                pinot_dtype_name(type));
    }
    if (!pinot_dtype_merge(type, pinot_node_input_type(node, 1), &type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Type of feature maps (inputs) and ROIs is expected to be the same (got %s and %s)",
                                pinot_dtype_name(pinot_node_input_type(node, 0)),
                                pinot_dtype_name(pinot_node_input_type(node, 1)));
    }
    if (!is_int_type(pinot_node_input_type(node, 2))) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The data type for batch indices is expected to be an integer (got %s)",
                                pinot_dtype_name(pinot_node_input_type(node, 2)));
    }
    const pinot_partial_shape * data = pinot_node_input_shape(node, 0);
    const pinot_partial_shape * rois = pinot_node_input_shape(node, 1);
    const pinot_partial_shape * batch = pinot_node_input_shape(node, 2);
    if (data->rank >= 0 && data->rank != 4) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Expected a 4D tensor for the input data (got %s)",
                                shape_text(data, text, sizeof(text)));
    }
    if (rois->rank >= 0 && rois->rank != 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Expected a 2D tensor for the ROIs input (got %s)",
                                shape_text(rois, text, sizeof(text)));
    }
    if (batch->rank >= 0 && batch->rank != 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Expected a 1D tensor for the batch indices input (got %s)",
                                shape_text(batch, text, sizeof(text)));
    }
    if (rois->rank == 2 && pinot_dim_is_static(rois->dims[1]) && rois->dims[1].min != 4) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The second dimension of ROIs input should contain box coordinates (4) (got %s)",
                                shape_text(rois, text, sizeof(text)));
    }
    pinot_dim n_rois = pinot_dim_dynamic();
    if (rois->rank == 2) {
        n_rois = rois->dims[0];
    }
    if (batch->rank == 1) {
        pinot_dim b = batch->dims[0];
        if (n_rois.max < b.min || b.max < n_rois.min) {
            char text2[256];
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The first dimension of ROIs input must be equal to the first dimension of the "
                                    "batch indices input (got %s and %s)",
                                    shape_text(rois, text, sizeof(text)), shape_text(batch, text2, sizeof(text2)));
        }
        n_rois = pinot_dim_make(n_rois.min > b.min ? n_rois.min : b.min, n_rois.max < b.max ? n_rois.max : b.max);
    }
    pinot_partial_shape out = {.rank = 4};
    out.dims[0] = n_rois;
    out.dims[1] = data->rank == 4 ? data->dims[1] : pinot_dim_dynamic();
    out.dims[2] = pinot_dim_static(a->pooled_h);
    out.dims[3] = pinot_dim_static(a->pooled_w);
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* One bilinear sample: four data offsets (within a channel plane) and weights. */
struct roi_sample {
    int64_t at[4];
    double w[4];
};

static pinot_status roi_align_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                       pinot_tensor_t * const * outputs) {
    const struct roi_align_attrs * a = PINOT_ATTRS(node, struct roi_align_attrs);
    const pinot_shape * ds = pinot_tensor_get_shape(inputs[0]);
    const pinot_shape * rs = pinot_tensor_get_shape(inputs[1]);
    const pinot_shape * bs = pinot_tensor_get_shape(inputs[2]);
    if (ds->rank != 4 || rs->rank != 2 || rs->dims[1] != 4 || bs->rank != 1 || bs->dims[0] != rs->dims[0]) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "expected data [N, C, H, W], rois [R, 4] and batch_indices [R]");
    }
    int64_t batches = ds->dims[0], channels = ds->dims[1], height = ds->dims[2], width = ds->dims[3];
    int64_t n_rois = rs->dims[0], ph = a->pooled_h, pw = a->pooled_w;
    pinot_shape out_shape = {.rank = 4, .dims = {n_rois, channels, ph, pw}};
    pinot_status status = pinot_tensor_set_shape(outputs[0], &out_shape);
    if (status != PINOT_STATUS_OK || pinot_tensor_get_size(outputs[0]) == 0) {
        return status;
    }
    pinot_dtype type = pinot_tensor_get_type(inputs[0]), roi_type = pinot_tensor_get_type(inputs[1]);
    pinot_dtype index_type = pinot_tensor_get_type(inputs[2]);
    const void * data = pinot_tensor_get_data(inputs[0]);
    const void * rois = pinot_tensor_get_data(inputs[1]);
    const void * batch_indices = pinot_tensor_get_data(inputs[2]);
    void * out = pinot_tensor_get_data(outputs[0]);
    int32_t aligned = node->version >= 9 ? a->aligned_mode : ROI_ALIGN_ASYMMETRIC;
    /* x -> (x + shift_in) * scale - shift_out */
    double shift_in = aligned == ROI_ALIGN_HALF_PIXEL ? 0.5 : 0.0;
    double shift_out = aligned == ROI_ALIGN_ASYMMETRIC ? 0.0 : 0.5;
    bool onnx_max = node->version >= 9 && a->onnx_semantics;
    struct roi_sample * samples = NULL;
    for (int64_t r = 0; r < n_rois; r++) {
        int64_t b = pinot_ref_load_i64(index_type, batch_indices, (uint64_t)r);
        if (b < 0 || b >= batches) {
            status = pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                           "batch index %lld of ROI %lld is out of range [0, %lld)", (long long)b,
                                           (long long)r, (long long)batches);
            goto cleanup;
        }
        double c[4]; /* x1, y1, x2, y2 */
        for (int q = 0; q < 4; q++) {
            double v = pinot_ref_load_f64(roi_type, rois, (uint64_t)(4 * r + q));
            c[q] = (v + shift_in) * a->spatial_scale - shift_out;
        }
        double x1 = c[0], y1 = c[1], x2 = c[2], y2 = c[3];
        double roi_w = x2 - x1, roi_h = y2 - y1;
        if (aligned == ROI_ALIGN_ASYMMETRIC) {
            /* Malformed ROIs become 1x1. */
            roi_w = fmax(roi_w, 1.0);
            roi_h = fmax(roi_h, 1.0);
        }
        double bin_w = roi_w / (double)pw, bin_h = roi_h / (double)ph;
        double grid_wd = a->sampling_ratio > 0 ? (double)a->sampling_ratio : ceil(bin_w);
        double grid_hd = a->sampling_ratio > 0 ? (double)a->sampling_ratio : ceil(bin_h);
        /* A ROI far larger than the map would ask for absurd sample counts. */
        if (!(grid_wd >= 0 && grid_hd >= 0 && grid_wd * grid_hd <= 1e7)) {
            status = pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                           "ROI %lld needs too many samples per bin (%g x %g)", (long long)r, grid_hd,
                                           grid_wd);
            goto cleanup;
        }
        int64_t grid_w = (int64_t)grid_wd, grid_h = (int64_t)grid_hd, per_bin = grid_w * grid_h;
        size_t n_samples = (size_t)(ph * pw * per_bin);
        free(samples);
        samples = malloc(sizeof(*samples) * (n_samples > 0 ? n_samples : 1));
        if (samples == NULL) {
            status = pinot_node_eval_error(node, PINOT_STATUS_OUT_OF_MEMORY, "out of memory for %zu samples",
                                           n_samples);
            goto cleanup;
        }
        /* Sample positions and weights, shared by all channels. */
        struct roi_sample * s = samples;
        for (int64_t i = 0; i < ph; i++) {
            for (int64_t j = 0; j < pw; j++) {
                for (int64_t iy = 0; iy < grid_h; iy++) {
                    double y = y1 + (double)i * bin_h + bin_h / (double)grid_h * ((double)iy + 0.5);
                    for (int64_t ix = 0; ix < grid_w; ix++, s++) {
                        double x = x1 + (double)j * bin_w + bin_w / (double)grid_w * ((double)ix + 0.5);
                        if (y < -1.0 || y > (double)height || x < -1.0 || x > (double)width) {
                            *s = (struct roi_sample){{0, 0, 0, 0}, {0, 0, 0, 0}}; /* outside: contributes 0 */
                            continue;
                        }
                        double yc = fmax(y, 0.0), xc = fmax(x, 0.0);
                        int64_t y_lo = (int64_t)yc, x_lo = (int64_t)xc, y_hi, x_hi;
                        if (y_lo >= height - 1) {
                            y_hi = y_lo = height - 1;
                            yc = (double)y_lo;
                        } else {
                            y_hi = y_lo + 1;
                        }
                        if (x_lo >= width - 1) {
                            x_hi = x_lo = width - 1;
                            xc = (double)x_lo;
                        } else {
                            x_hi = x_lo + 1;
                        }
                        double ly = yc - (double)y_lo, lx = xc - (double)x_lo, hy = 1.0 - ly, hx = 1.0 - lx;
                        *s = (struct roi_sample){{y_lo * width + x_lo, y_lo * width + x_hi, y_hi * width + x_lo,
                                                  y_hi * width + x_hi},
                                                 {hy * hx, hy * lx, ly * hx, ly * lx}};
                    }
                }
            }
        }
        for (int64_t c = 0; c < channels; c++) {
            uint64_t plane = (uint64_t)((b * channels + c) * height * width);
            const struct roi_sample * bin = samples;
            for (int64_t k = 0; k < ph * pw; k++, bin += per_bin) {
                double value = 0.0;
                for (int64_t t = 0; t < per_bin; t++) {
                    double v[4];
                    for (int q = 0; q < 4; q++) {
                        v[q] = bin[t].w[q] * pinot_ref_load_f64(type, data, plane + (uint64_t)bin[t].at[q]);
                    }
                    if (a->mode == ROI_ALIGN_MAX) {
                        double m = onnx_max ? fmax(fmax(v[0], v[1]), fmax(v[2], v[3])) : v[0] + v[1] + v[2] + v[3];
                        value = t == 0 ? m : fmax(value, m);
                    } else {
                        value += v[0] + v[1] + v[2] + v[3];
                    }
                }
                if (a->mode == ROI_ALIGN_AVG && per_bin > 0) {
                    value /= (double)per_bin;
                }
                pinot_ref_store_f64(type, out, (uint64_t)((r * channels + c) * ph * pw + k), value);
            }
        }
    }
cleanup:
    free(samples);
    return status;
}

const struct pinot_op_impl pinot_op_impl_roi_align = {
    .type_name = "ROIAlign",
    .versions = (const uint8_t[]){3, 9, 0},
    .attrs = roi_align_attrs_desc,
    .attrs_size = sizeof(struct roi_align_attrs),
    .min_inputs = 3,
    .max_inputs = 3,
    .validate = roi_align_validate,
    .evaluate = roi_align_evaluate,
};

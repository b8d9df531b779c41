/* DeformableConvolution-8: a 2D convolution whose kernel taps sample the input
 * at learned fractional offsets (bilinear interpolation), optionally scaled by
 * a modulation mask, with groups and deformable groups. The reference kernel
 * is a direct loop in double precision over every numeric element type; 1D/3D
 * data is rejected, as OpenVINO's shape inference does (rank 4 only). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "ops/ref-util.h"
#include "ops/spatial-util.h"

/* ---- attributes ---- */

struct deform_attrs {
    pinot_ints strides;
    pinot_ints pads_begin;
    pinot_ints pads_end;
    pinot_ints dilations;
    int32_t auto_pad;
    int64_t group;
    int64_t deformable_group;
    bool bilinear_interpolation_pad;
};

/* Descriptor order follows OpenVINO's visit_attributes of DeformableConvolution-8. */
static const struct pinot_attr_desc deform_attr_descs[] = {
    PINOT_ATTR(struct deform_attrs, strides, "strides", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct deform_attrs, pads_begin, "pads_begin", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct deform_attrs, pads_end, "pads_end", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR(struct deform_attrs, dilations, "dilations", PINOT_ATTR_INTS, false, NULL),
    PINOT_ATTR_ENUM_OF(struct deform_attrs, auto_pad, "auto_pad", pinot_auto_pad_values, "explicit"),
    PINOT_ATTR(struct deform_attrs, group, "group", PINOT_ATTR_INT, false, "1"),
    PINOT_ATTR(struct deform_attrs, deformable_group, "deformable_group", PINOT_ATTR_INT, false, "1"),
    PINOT_ATTR(struct deform_attrs, bilinear_interpolation_pad, "bilinear_interpolation_pad", PINOT_ATTR_BOOL, false,
               "false"),
    PINOT_ATTR_END,
};

/* ---- shape inference ---- */

enum { DEFORM_DATA = 0, DEFORM_OFFSETS = 1, DEFORM_FILTERS = 2, DEFORM_MASK = 3 };

/* Attributes resolved for the 2 spatial axes (defaults filled, automatic pads computed when shapes allow). */
struct deform_geom {
    int64_t strides[2];
    int64_t dilations[2];
    int64_t pads_begin[2];
    int64_t pads_end[2];
};

static pinot_status deform_list(const struct pinot_node * node, const pinot_ints * list, int64_t fallback,
                                const char * what, int64_t * out) {
    if (list->n == 0) {
        out[0] = out[1] = fallback;
        return PINOT_STATUS_OK;
    }
    if (list->n != 2) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "%s should be defined for all and only spatial dimensions (got %u values, expected 2).",
                                what, list->n);
    }
    out[0] = list->v[0];
    out[1] = list->v[1];
    int at = sp_find_huge(out, 2);
    if (at >= 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "%s value %lld is out of range (at most 2^31 in magnitude)", what,
                                (long long)out[at]);
    }
    return PINOT_STATUS_OK;
}

/* Merge dimension @p axis of @p ps (if ranked) into *dim; false when they conflict. */
static bool deform_merge_dim(const pinot_partial_shape * ps, int32_t axis, pinot_dim * dim) {
    if (ps == NULL || ps->rank < 0) {
        return true;
    }
    return pinot_dim_merge(*dim, ps->dims[axis], dim);
}

/* Check a channel dimension against an expected static count (when both are known). */
static pinot_status deform_check_channels(const struct pinot_node * node, const pinot_partial_shape * ps,
                                          const char * what, pinot_dim expected) {
    if (ps->rank < 0 || !pinot_dim_is_static(ps->dims[1]) || !pinot_dim_is_static(expected) ||
        ps->dims[1].min == expected.min) {
        return PINOT_STATUS_OK;
    }
    char b1[256];
    return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                            "The %s channels dimension should be %lld for the given filters and deformable_group "
                            "(%s shape: %s).",
                            what, (long long)expected.min, what, sp_shape_text(ps, b1, sizeof(b1)));
}

/*
 * The output shape [N, C_out, H', W'] from the inputs' partial shapes (mask:
 * NULL when absent). Used by validate() and again by evaluate() with the
 * actual shapes; fills @p geom.
 */
static pinot_status deform_infer(const struct pinot_node * node, const pinot_partial_shape * data,
                                 const pinot_partial_shape * offsets, const pinot_partial_shape * filters,
                                 const pinot_partial_shape * mask, struct deform_geom * geom,
                                 pinot_partial_shape * out) {
    const struct deform_attrs * a = PINOT_ATTRS(node, struct deform_attrs);
    const pinot_partial_shape * inputs[] = {data, offsets, filters, mask};
    const char * names[] = {"data batch", "offsets", "filters", "mask"};
    char b1[256];
    pinot_status status;

    for (int i = 0; i < 4; i++) {
        if (inputs[i] != NULL && inputs[i]->rank >= 0 && inputs[i]->rank != 4) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "Input %s must be of rank 4. Got: %s",
                                    names[i], sp_shape_text(inputs[i], b1, sizeof(b1)));
        }
    }
    if (a->group < 1 || a->deformable_group < 1) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Attributes group and deformable_group must be positive (got %lld and %lld).",
                                (long long)a->group, (long long)a->deformable_group);
    }
    if (a->group > PINOT_SPATIAL_ATTR_LIMIT || a->deformable_group > PINOT_SPATIAL_ATTR_LIMIT) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "group or deformable_group is out of range");
    }
    memset(geom, 0, sizeof(*geom));
    if ((status = deform_list(node, &a->strides, 1, "Strides", geom->strides)) != PINOT_STATUS_OK ||
        (status = deform_list(node, &a->dilations, 1, "Dilations", geom->dilations)) != PINOT_STATUS_OK ||
        (status = deform_list(node, &a->pads_begin, 0, "Pads begin", geom->pads_begin)) != PINOT_STATUS_OK ||
        (status = deform_list(node, &a->pads_end, 0, "Pads end", geom->pads_end)) != PINOT_STATUS_OK) {
        return status;
    }
    for (int i = 0; i < 2; i++) {
        if (geom->strides[i] <= 0 || geom->dilations[i] <= 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Strides and dilations must be positive (got strides {%lld, %lld}, dilations "
                                    "{%lld, %lld}).",
                                    (long long)geom->strides[0], (long long)geom->strides[1],
                                    (long long)geom->dilations[0], (long long)geom->dilations[1]);
        }
    }

    const pinot_dim any = pinot_dim_dynamic();
    const int64_t group = a->group, dgroup = a->deformable_group;
    /* Channels: data [N, C_in, H, W], filters [C_out, C_in / group, kH, kW]. */
    pinot_dim c_in = data->rank >= 0 ? data->dims[1] : any;
    if (pinot_dim_is_static(c_in) && (c_in.min % group != 0 || c_in.min % dgroup != 0)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The input data channels (%lld) must be evenly divisible by group (%lld) and "
                                "deformable_group (%lld).",
                                (long long)c_in.min, (long long)group, (long long)dgroup);
    }
    if (filters->rank >= 0) {
        pinot_dim f_in = filters->dims[1], f_out = filters->dims[0];
        if (pinot_dim_is_static(c_in) && pinot_dim_is_static(f_in) && f_in.min * group != c_in.min) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Data batch channel count (%lld) does not match filter input channel count (%lld) "
                                    "times group (%lld).",
                                    (long long)c_in.min, (long long)f_in.min, (long long)group);
        }
        if (pinot_dim_is_static(f_out) && f_out.min % group != 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "The filters' output channels (%lld) must be evenly divisible by group (%lld).",
                                    (long long)f_out.min, (long long)group);
        }
    }
    pinot_dim taps = any; /* kH * kW */
    if (filters->rank >= 0 && pinot_dim_is_static(filters->dims[2]) && pinot_dim_is_static(filters->dims[3])) {
        taps = pinot_dim_static(filters->dims[2].min * filters->dims[3].min);
    }
    pinot_dim off_channels = pinot_dim_is_static(taps) ? pinot_dim_static(2 * dgroup * taps.min) : any;
    pinot_dim mask_channels = pinot_dim_is_static(taps) ? pinot_dim_static(dgroup * taps.min) : any;
    if ((status = deform_check_channels(node, offsets, "offsets", off_channels)) != PINOT_STATUS_OK) {
        return status;
    }
    if (mask != NULL && (status = deform_check_channels(node, mask, "mask", mask_channels)) != PINOT_STATUS_OK) {
        return status;
    }

    pinot_dim batch = data->rank >= 0 ? data->dims[0] : any;
    if (!deform_merge_dim(offsets, 0, &batch) || !deform_merge_dim(mask, 0, &batch)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "The batch dimensions of data batch, offsets and mask do not match.");
    }
    out->rank = 4;
    out->dims[0] = batch;
    out->dims[1] = filters->rank >= 0 ? filters->dims[0] : any;
    for (int i = 0; i < 2; i++) {
        pinot_dim in = data->rank >= 0 ? data->dims[2 + i] : any;
        pinot_dim k = filters->rank >= 0 ? filters->dims[2 + i] : any;
        pinot_dim kd = sp_dim_dilated(k, geom->dilations[i]);
        const int64_t s = geom->strides[i];
        const bool shapes_static = pinot_dim_is_static(in) && pinot_dim_is_static(kd);
        const bool same = a->auto_pad == PINOT_PAD_SAME_UPPER || a->auto_pad == PINOT_PAD_SAME_LOWER;
        pinot_dim o;
        if (a->auto_pad == PINOT_PAD_VALID || (same && !shapes_static)) {
            geom->pads_begin[i] = geom->pads_end[i] = 0;
        }
        if (same) {
            o = sp_dim_ceil_div(in, s);
            if (shapes_static) {
                int64_t total = (o.min - 1) * s + kd.min - in.min;
                total = total > 0 ? total : 0;
                geom->pads_begin[i] = a->auto_pad == PINOT_PAD_SAME_UPPER ? total / 2 : total - total / 2;
                geom->pads_end[i] = total - geom->pads_begin[i];
            }
        } else if (shapes_static) {
            int64_t padded = in.min + geom->pads_begin[i] + geom->pads_end[i];
            if (kd.min > padded) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "Kernel after dilation has size (dim: %lld) larger than the data shape after "
                                        "padding (dim: %lld) at axis %d.",
                                        (long long)kd.min, (long long)padded, i);
            }
            o = pinot_dim_static((padded - kd.min) / s + 1);
        } else {
            pinot_dim padded = sp_dim_add_const(in, geom->pads_begin[i] + geom->pads_end[i]);
            o = sp_dim_add(sp_dim_floor_div(sp_dim_sub(padded, kd), s), pinot_dim_static(1));
        }
        /* The offsets (and mask) carry one value per output position: their spatial dims must agree. */
        if (!deform_merge_dim(offsets, 2 + i, &o) || !deform_merge_dim(mask, 2 + i, &o)) {
            char b2[256];
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Spatial dimensions of offsets and mask must match the output spatial dimensions "
                                    "(offsets shape: %s, mask shape: %s).",
                                    sp_shape_text(offsets, b1, sizeof(b1)),
                                    mask != NULL ? sp_shape_text(mask, b2, sizeof(b2)) : "none");
        }
        out->dims[2 + i] = o;
    }
    return PINOT_STATUS_OK;
}

static pinot_status deform_validate(struct pinot_node * node) {
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    const char * names[] = {"data batch", "offsets", "filters", "mask"};
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        pinot_dtype t = pinot_node_input_type(node, i);
        if (!pinot_dtype_merge(type, t, &type)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "Element types of inputs do not match (%s element type: %s, expected %s).",
                                    names[i], pinot_dtype_name(t), pinot_dtype_name(type));
        }
    }
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    /* Any numeric type, as OpenVINO (integer inputs sample in double and the
     * result is stored back like a Convert would). */
    if (type != PINOT_DTYPE_DYNAMIC && !(info != NULL && (info->is_real || info->is_integral_number))) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "Element type of inputs must be numeric (got %s).", pinot_dtype_name(type));
    }
    struct deform_geom geom;
    pinot_partial_shape out;
    pinot_status status = deform_infer(node, pinot_node_input_shape(node, 0), pinot_node_input_shape(node, 1),
                                       pinot_node_input_shape(node, 2),
                                       node->n_inputs > 3 ? pinot_node_input_shape(node, 3) : NULL, &geom, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    /* Store the resolved pads and defaults back, as OpenVINO shows them after validation. */
    struct deform_attrs * a = (struct deform_attrs *)node->attrs;
    pinot_ints * lists[] = {&a->strides, &a->dilations, &a->pads_begin, &a->pads_end};
    const int64_t * values[] = {geom.strides, geom.dilations, geom.pads_begin, geom.pads_end};
    for (int i = 0; i < 4; i++) {
        lists[i]->n = 2;
        memcpy(lists[i]->v, values[i], 2 * sizeof(int64_t));
    }
    pinot_node_set_output(node, 0, type, &out);
    return PINOT_STATUS_OK;
}

/* ---- kernel ---- */

/*
 * Bilinear sample of one [h, w] plane at (y, x), pixels outside the plane
 * reading as 0. With `pad` false (OpenVINO's default) a point outside
 * [0, h) x [0, w) contributes nothing and the corners past the last row or
 * column repeat it (OpenVINO's reference clamps them); with `pad` true every point
 * interpolates against the zero border, which is ONNX DeformConv's rule
 * (GridSample bilinear, zeros padding, align_corners).
 */
static double deform_sample(const double * plane, int64_t h, int64_t w, double y, double x, bool pad) {
    if (isnan(y) || isnan(x)) {
        return NAN;
    }
    if (pad ? (y <= -1.0 || y >= (double)h || x <= -1.0 || x >= (double)w)
            : (y < 0.0 || y >= (double)h || x < 0.0 || x >= (double)w)) {
        return 0.0; /* also keeps the floor() below inside int64 */
    }
    const double fy = floor(y), fx = floor(x);
    const int64_t y0 = (int64_t)fy, x0 = (int64_t)fx;
    const double dy = y - fy, dx = x - fx;
    double v = 0.0;
    for (int iy = 0; iy < 2; iy++) {
        const int64_t yy = !pad && y0 + iy >= h ? h - 1 : y0 + iy;
        const double wy = iy ? dy : 1.0 - dy;
        if (yy < 0 || yy >= h) {
            continue;
        }
        for (int ix = 0; ix < 2; ix++) {
            const int64_t xx = !pad && x0 + ix >= w ? w - 1 : x0 + ix;
            const double wx = ix ? dx : 1.0 - dx;
            if (xx < 0 || xx >= w) {
                continue;
            }
            v += wy * wx * plane[yy * w + xx];
        }
    }
    return v;
}

/* Sizes of one evaluation (all static). */
struct deform_run {
    int64_t batch, c_in, c_out, h, w, kh, kw, oh, ow, group, dgroup;
    struct deform_geom g;
    bool pad;
};

/*
 *   y[n, oc, i, j] = sum_{ic in oc's group, kh, kw} w[oc, ic, kh, kw] * mask[n, dg, kh, kw, i, j]
 *                    * x[n, ic](i*s - p + kh*d + off_y[n, dg, kh, kw, i, j], j*s - p + kw*d + off_x[...])
 * with dg = ic / (C_in / deformable_group), offsets laid out [N, dg, kH, kW, 2 (y, x), H', W'].
 */
static void deform_forward(const struct deform_run * r, const double * x, const double * off, const double * wt,
                           const double * mask, double * y) {
    const int64_t taps = r->kh * r->kw;
    const int64_t in_plane = r->h * r->w, out_plane = r->oh * r->ow;
    const int64_t cin_g = r->c_in / r->group, cout_g = r->c_out / r->group;
    const int64_t cin_dg = r->c_in / r->dgroup;
    for (int64_t n = 0; n < r->batch; n++) {
        for (int64_t oc = 0; oc < r->c_out; oc++) {
            const int64_t g = oc / cout_g;
            for (int64_t i = 0; i < r->oh; i++) {
                for (int64_t j = 0; j < r->ow; j++) {
                    const int64_t pos = i * r->ow + j;
                    double acc = 0.0;
                    for (int64_t icg = 0; icg < cin_g; icg++) {
                        const int64_t ic = g * cin_g + icg;
                        const int64_t dg = ic / cin_dg;
                        const double * plane = x + (n * r->c_in + ic) * in_plane;
                        const double * wk = wt + (oc * cin_g + icg) * taps;
                        for (int64_t t = 0; t < taps; t++) {
                            const int64_t kh = t / r->kw, kw = t % r->kw;
                            const int64_t oy = ((n * r->dgroup + dg) * taps + t) * 2;
                            const double sy = (double)(i * r->g.strides[0] - r->g.pads_begin[0] +
                                                       kh * r->g.dilations[0]) +
                                              off[oy * out_plane + pos];
                            const double sx = (double)(j * r->g.strides[1] - r->g.pads_begin[1] +
                                                       kw * r->g.dilations[1]) +
                                              off[(oy + 1) * out_plane + pos];
                            double m = 1.0;
                            if (mask != NULL) {
                                m = mask[((n * r->dgroup + dg) * taps + t) * out_plane + pos];
                            }
                            acc += wk[t] * m * deform_sample(plane, r->h, r->w, sy, sx, r->pad);
                        }
                    }
                    y[(n * r->c_out + oc) * out_plane + pos] = acc;
                }
            }
        }
    }
}

/* The tensor's elements widened to double (the caller frees *out). */
static pinot_status deform_widen(const pinot_tensor_t * t, double ** out) {
    pinot_dtype type = pinot_tensor_get_type(t);
    uint64_t count = pinot_tensor_get_size(t);
    const void * data = pinot_tensor_get_data(t);
    double * buf = malloc(count > 0 ? count * sizeof(double) : 1);
    if (buf == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in DeformableConvolution");
    }
    for (uint64_t i = 0; i < count; i++) {
        buf[i] = pinot_ref_load_f64(type, data, i);
    }
    *out = buf;
    return PINOT_STATUS_OK;
}

static pinot_status deform_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                    pinot_tensor_t * const * outputs) {
    const struct deform_attrs * a = PINOT_ATTRS(node, struct deform_attrs);
    const bool has_mask = node->n_inputs > 3;
    pinot_partial_shape ps[4], out;
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        pinot_partial_shape_from_shape(&ps[i], pinot_tensor_get_shape(inputs[i]));
    }
    struct deform_run r;
    pinot_status status = deform_infer(node, &ps[0], &ps[1], &ps[2], has_mask ? &ps[3] : NULL, &r.g, &out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_shape out_shape;
    uint64_t out_count;
    if (pinot_partial_shape_to_shape(&out, &out_shape) != PINOT_STATUS_OK ||
        !pinot_shape_numel(&out_shape, &out_count)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the output shape is not computable");
    }
    if ((status = pinot_tensor_set_shape(outputs[0], &out_shape)) != PINOT_STATUS_OK) {
        return status;
    }
    const pinot_shape * xs = pinot_tensor_get_shape(inputs[DEFORM_DATA]);
    const pinot_shape * ws = pinot_tensor_get_shape(inputs[DEFORM_FILTERS]);
    r.batch = xs->dims[0];
    r.c_in = xs->dims[1];
    r.h = xs->dims[2];
    r.w = xs->dims[3];
    r.c_out = ws->dims[0];
    r.kh = ws->dims[2];
    r.kw = ws->dims[3];
    r.oh = out_shape.dims[2];
    r.ow = out_shape.dims[3];
    r.group = a->group;
    r.dgroup = a->deformable_group;
    r.pad = a->bilinear_interpolation_pad;
    if (out_count == 0) {
        return PINOT_STATUS_OK;
    }

    double * bufs[4] = {NULL, NULL, NULL, NULL};
    double * y = malloc(out_count * sizeof(double));
    if (y == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory in DeformableConvolution");
    }
    for (uint32_t i = 0; i < node->n_inputs && status == PINOT_STATUS_OK; i++) {
        status = deform_widen(inputs[i], &bufs[i]);
    }
    if (status == PINOT_STATUS_OK) {
        deform_forward(&r, bufs[DEFORM_DATA], bufs[DEFORM_OFFSETS], bufs[DEFORM_FILTERS],
                       has_mask ? bufs[DEFORM_MASK] : NULL, y);
        pinot_dtype type = pinot_tensor_get_type(outputs[0]);
        void * dst = pinot_tensor_get_data(outputs[0]);
        for (uint64_t i = 0; i < out_count; i++) {
            pinot_ref_store_f64(type, dst, i, y[i]);
        }
    }
    for (int i = 3; i >= 0; i--) {
        free(bufs[i]);
    }
    free(y);
    return status;
}

/* ---- the op ---- */

static const uint8_t deform_versions[] = {8, 0};

// data: [N, C_in, H, W], offsets: [N, 2*DG*kH*kW, H', W'], filters: [C_out, C_in/G, kH, kW],
// mask: [N, DG*kH*kW, H', W'] (optional) -> [N, C_out, H', W']
const struct pinot_op_impl pinot_op_impl_deformable_convolution = {
    .type_name = "DeformableConvolution",
    .versions = deform_versions,
    .attrs = deform_attr_descs,
    .attrs_size = sizeof(struct deform_attrs),
    .min_inputs = 3,
    .max_inputs = 4,
    .validate = deform_validate,
    .evaluate = deform_evaluate,
};

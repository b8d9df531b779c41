/* If-8, Loop-5 and TensorIterator-1: shape and type inference through their
 * bodies. A body's parameters take the shapes the node's inputs give them
 * (a slice along the axis for sliced inputs), the body is re-validated, and
 * the node's outputs take the body results' shapes. Loop-carried (merged)
 * values whose shape changes between iterations relax the body parameter to
 * the union of both shapes, as OpenVINO does. The executor runs the bodies
 * (src/runtime/control-flow.c): these ops have no reference kernel. */
#include <string.h>

#include "graph/graph-impl.h"

/* The shape that covers both: equal dims stay, differing ones become dynamic. */
static void shape_union(const pinot_partial_shape * a, const pinot_partial_shape * b, pinot_partial_shape * out) {
    if (a->rank < 0 || b->rank < 0 || a->rank != b->rank) {
        pinot_partial_shape_dynamic(out, -1);
        return;
    }
    *out = *a;
    for (int32_t i = 0; i < a->rank; i++) {
        if (!pinot_dim_equal(a->dims[i], b->dims[i])) {
            out->dims[i] = pinot_dim_dynamic();
        }
    }
}

/* An If output's shape from its branches' shapes, by OpenVINO's rule (If::validate_and_infer_types):
 * ranks must agree (a scalar and a 1D shape give [?]); dims that are static in both stay when equal
 * and become the interval between them otherwise; any other dim becomes fully dynamic. */
static void if_shape_union(const pinot_partial_shape * a, const pinot_partial_shape * b, pinot_partial_shape * out) {
    if (a->rank < 0 || b->rank < 0 || a->rank != b->rank) {
        bool both_low = a->rank >= 0 && b->rank >= 0 && a->rank <= 1 && b->rank <= 1;
        pinot_partial_shape_dynamic(out, both_low ? 1 : -1);
        return;
    }
    *out = *a;
    for (int32_t i = 0; i < a->rank; i++) {
        pinot_dim x = a->dims[i], y = b->dims[i];
        if (x.min != x.max || y.min != y.max) {
            out->dims[i] = pinot_dim_dynamic();
        } else if (x.min != y.min) {
            out->dims[i] = pinot_dim_make(x.min < y.min ? x.min : y.min, x.min < y.min ? y.min : x.min);
        }
    }
}

static pinot_status check_bodies(struct pinot_node * node) {
    const struct pinot_bodies * bodies = node->bodies;
    if (bodies == NULL) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "the op needs body models (build it with its body, e.g. opset8.if_op)");
    }
    for (uint32_t b = 0; b < bodies->n; b++) {
        const struct pinot_body * body = &bodies->body[b];
        const struct pinot_model * model = body->model;
        if (model == NULL) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "body %u is not set", b);
        }
        for (uint32_t i = 0; i < body->n_inputs; i++) {
            const struct pinot_body_input * d = &body->inputs[i];
            if (d->input >= node->n_inputs || d->parameter >= model->n_parameters ||
                (d->kind == PINOT_BODY_INPUT_MERGED && d->result >= model->n_results)) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "body %u input description %u refers to no port (input %u, parameter %u)", b,
                                        i, d->input, d->parameter);
            }
            if (d->kind == PINOT_BODY_INPUT_SLICED && (d->stride == 0 || d->part_size <= 0)) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "body %u input description %u slices with stride %lld and part size %lld", b,
                                        i, (long long)d->stride, (long long)d->part_size);
            }
        }
        for (uint32_t i = 0; i < body->n_outputs; i++) {
            const struct pinot_body_output * d = &body->outputs[i];
            if (d->output >= bodies->n_outputs || d->result >= model->n_results) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "body %u output description %u refers to no port (result %u, output %u)", b, i,
                                        d->result, d->output);
            }
        }
        /* Every parameter must be fed, else the body cannot run. */
        for (uint32_t p = 0; p < model->n_parameters; p++) {
            bool fed = (int64_t)p == bodies->current_iteration;
            for (uint32_t i = 0; i < body->n_inputs && !fed; i++) {
                fed = body->inputs[i].parameter == p;
            }
            if (!fed) {
                char name[256];
                pinot_node_get_friendly_name(model->parameters[p], name, sizeof(name));
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "body %u parameter %u '%s' is fed by no input", b, p, name);
            }
        }
    }
    return pinot_node_set_output_count(node, bodies->n_outputs > 0 ? bodies->n_outputs : 1);
}

/* Gives the body parameters the shapes of the node's inputs and validates the body. */
static pinot_status infer_body(struct pinot_node * node, uint32_t b) {
    struct pinot_body * body = &node->bodies->body[b];
    struct pinot_model * model = body->model;
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < body->n_inputs && status == PINOT_STATUS_OK; i++) {
        const struct pinot_body_input * d = &body->inputs[i];
        pinot_partial_shape shape = *pinot_node_input_shape(node, d->input);
        if (d->kind == PINOT_BODY_INPUT_SLICED && shape.rank >= 0) {
            int64_t axis = 0;
            status = pinot_node_normalize_axis(node, d->axis, shape.rank, &axis);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
            shape.dims[axis] = pinot_dim_static(d->part_size);
        }
        status = pinot_node_set_parameter(model->parameters[d->parameter], pinot_node_input_type(node, d->input),
                                          &shape);
    }
    if (node->bodies->current_iteration >= 0 && status == PINOT_STATUS_OK) {
        struct pinot_node * p = model->parameters[node->bodies->current_iteration];
        if (p->outputs[0].type == PINOT_DTYPE_DYNAMIC) {
            pinot_partial_shape scalar = {.rank = 0};
            status = pinot_node_set_parameter(p, PINOT_DTYPE_I64, &scalar);
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_validate(model);
    }
    /* Back edges: the value carried to the next iteration must fit the parameter. */
    for (int round = 0; round < 8 && status == PINOT_STATUS_OK; round++) {
        bool changed = false;
        for (uint32_t i = 0; i < body->n_inputs && status == PINOT_STATUS_OK; i++) {
            const struct pinot_body_input * d = &body->inputs[i];
            if (d->kind != PINOT_BODY_INPUT_MERGED) {
                continue;
            }
            struct pinot_node * p = model->parameters[d->parameter];
            const struct pinot_node_output * r = &model->results[d->result]->outputs[0];
            if (r->type != p->outputs[0].type && r->type != PINOT_DTYPE_DYNAMIC) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "the body's result %u carries %s into parameter %u of type %s", d->result,
                                        pinot_dtype_name(r->type), d->parameter,
                                        pinot_dtype_name(p->outputs[0].type));
            }
            if (!pinot_partial_shape_equal(&r->shape, &p->outputs[0].shape)) {
                pinot_partial_shape relaxed;
                shape_union(&r->shape, &p->outputs[0].shape, &relaxed);
                if (!pinot_partial_shape_equal(&relaxed, &p->outputs[0].shape)) {
                    status = pinot_node_set_parameter(p, p->outputs[0].type, &relaxed);
                    changed = true;
                }
            }
        }
        if (!changed) {
            break;
        }
        if (status == PINOT_STATUS_OK) {
            status = pinot_model_validate(model);
        }
    }
    return status;
}

/* The number of iterations the sliced inputs allow (-1: unknown or none sliced). */
static int64_t static_slices(const struct pinot_node * node, const struct pinot_body * body) {
    int64_t n = -1;
    for (uint32_t i = 0; i < body->n_inputs; i++) {
        const struct pinot_body_input * d = &body->inputs[i];
        const pinot_partial_shape * shape = pinot_node_input_shape(node, d->input);
        if (d->kind != PINOT_BODY_INPUT_SLICED || shape->rank < 0) {
            continue;
        }
        int64_t axis = d->axis < 0 ? d->axis + shape->rank : d->axis;
        if (axis < 0 || axis >= shape->rank || !pinot_dim_is_static(shape->dims[axis])) {
            return -1;
        }
        int64_t dim = shape->dims[axis].min;
        int64_t start = d->start < 0 ? d->start + dim + 1 : d->start;
        int64_t end = d->end < 0 ? d->end + dim + 1 : d->end;
        int64_t step = d->stride < 0 ? -d->stride : d->stride;
        int64_t count = (end > start ? end - start : start - end) / step;
        n = n < 0 || count < n ? count : n;
    }
    return n;
}

static pinot_status set_iteration_outputs(struct pinot_node * node, int64_t n_iterations) {
    const struct pinot_body * body = &node->bodies->body[0];
    const struct pinot_model * model = body->model;
    for (uint32_t i = 0; i < body->n_outputs; i++) {
        const struct pinot_body_output * d = &body->outputs[i];
        const struct pinot_node_output * r = &model->results[d->result]->outputs[0];
        pinot_partial_shape shape = r->shape;
        if (d->kind == PINOT_BODY_OUTPUT_CONCAT) {
            if (shape.rank >= 0) {
                int64_t axis = 0;
                pinot_status status = pinot_node_normalize_axis(node, d->axis, shape.rank, &axis);
                if (status != PINOT_STATUS_OK) {
                    return status;
                }
                if (n_iterations >= 0 && pinot_dim_is_static(shape.dims[axis])) {
                    shape.dims[axis] = pinot_dim_static(shape.dims[axis].min * n_iterations);
                } else {
                    shape.dims[axis] = pinot_dim_dynamic();
                }
            }
        } else {
            /* With no iteration, a carried value is its initial input. */
            for (uint32_t k = 0; k < body->n_inputs && n_iterations <= 0; k++) {
                const struct pinot_body_input * in = &body->inputs[k];
                if (in->kind == PINOT_BODY_INPUT_MERGED && in->result == d->result) {
                    pinot_partial_shape initial = *pinot_node_input_shape(node, in->input);
                    pinot_partial_shape relaxed;
                    shape_union(&shape, &initial, &relaxed);
                    shape = n_iterations == 0 ? initial : relaxed;
                }
            }
        }
        pinot_node_set_output(node, d->output, r->type, &shape);
    }
    for (uint32_t o = 0; o < node->n_outputs; o++) {
        bool described = false;
        for (uint32_t i = 0; i < body->n_outputs && !described; i++) {
            described = body->outputs[i].output == o;
        }
        if (!described) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output %u is described by no body result",
                                    o);
        }
    }
    return PINOT_STATUS_OK;
}

static bool is_scalar_like(const pinot_partial_shape * shape) {
    if (shape->rank == 1) {
        return !pinot_dim_is_static(shape->dims[0]) || shape->dims[0].min == 1;
    }
    return shape->rank <= 0;
}

static pinot_status if_validate(struct pinot_node * node) {
    pinot_status status = check_bodies(node);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (!is_scalar_like(pinot_node_input_shape(node, 0))) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the condition must hold one value");
    }
    /* A constant condition picks its branch's shapes, as OpenVINO does. */
    int taken = -1;
    const pinot_tensor_t * cond = pinot_node_input_value(node, 0);
    if (cond != NULL && pinot_tensor_get_size(cond) == 1 && pinot_tensor_get_type(cond) == PINOT_DTYPE_BOOLEAN) {
        taken = *(const uint8_t *)pinot_tensor_get_data(cond) ? 0 : 1;
    }
    for (uint32_t b = 0; b < 2 && status == PINOT_STATUS_OK; b++) {
        status = infer_body(node, b);
    }
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    for (uint32_t o = 0; o < node->n_outputs; o++) {
        const struct pinot_node_output * found[2] = {NULL, NULL};
        for (uint32_t b = 0; b < 2; b++) {
            const struct pinot_body * body = &node->bodies->body[b];
            for (uint32_t i = 0; i < body->n_outputs; i++) {
                if (body->outputs[i].output == o) {
                    found[b] = &body->model->results[body->outputs[i].result]->outputs[0];
                }
            }
        }
        if (found[0] == NULL || found[1] == NULL) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "output %u is not produced by the %s body",
                                    o, found[0] == NULL ? "then" : "else");
        }
        if (found[0]->type != found[1]->type && taken < 0) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "output %u has type %s in the then body but %s in the else body", o,
                                    pinot_dtype_name(found[0]->type), pinot_dtype_name(found[1]->type));
        }
        if (taken >= 0) {
            pinot_node_set_output(node, o, found[taken]->type, &found[taken]->shape);
        } else {
            pinot_partial_shape shape;
            if_shape_union(&found[0]->shape, &found[1]->shape, &shape);
            pinot_node_set_output(node, o, found[0]->type, &shape);
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status loop_validate(struct pinot_node * node) {
    pinot_status status = check_bodies(node);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    bool is_loop = node->op == PINOT_OP_LOOP;
    if (is_loop) {
        pinot_dtype trip = pinot_node_input_type(node, 0);
        pinot_dtype cond = pinot_node_input_type(node, 1);
        if (trip != PINOT_DTYPE_I64 && trip != PINOT_DTYPE_I32 && trip != PINOT_DTYPE_DYNAMIC) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "the trip count must be i32 or i64 (got %s)",
                                    pinot_dtype_name(trip));
        }
        if (cond != PINOT_DTYPE_BOOLEAN && cond != PINOT_DTYPE_DYNAMIC) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "the execution condition must be boolean (got %s)", pinot_dtype_name(cond));
        }
        if (!is_scalar_like(pinot_node_input_shape(node, 0)) || !is_scalar_like(pinot_node_input_shape(node, 1))) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "the trip count and the execution condition must hold one value");
        }
    } else if (node->bodies->current_iteration >= 0 || node->bodies->condition_result >= 0) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "TensorIterator has no iteration number or condition ports");
    }
    const struct pinot_model * model = node->bodies->body[0].model;
    if (node->bodies->current_iteration >= (int64_t)model->n_parameters ||
        node->bodies->condition_result >= (int64_t)model->n_results) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "special body ports (%lld, %lld) refer to no parameter or result",
                                (long long)node->bodies->current_iteration,
                                (long long)node->bodies->condition_result);
    }
    status = infer_body(node, 0);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (node->bodies->condition_result >= 0) {
        const struct pinot_node_output * r = &model->results[node->bodies->condition_result]->outputs[0];
        if ((r->type != PINOT_DTYPE_BOOLEAN && r->type != PINOT_DTYPE_DYNAMIC) || !is_scalar_like(&r->shape)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "the body's condition result must be one boolean value");
        }
    }
    int64_t n_iterations = -1;
    if (!is_loop) {
        n_iterations = static_slices(node, &node->bodies->body[0]);
    } else {
        uint32_t n = 0;
        int64_t trip = 0;
        const pinot_tensor_t * cond = pinot_node_input_value(node, 1);
        if (pinot_node_input_ints(node, 0, &trip, 1, &n, &status) && n == 1 && trip >= 0 &&
            node->bodies->condition_result < 0 && cond != NULL && pinot_tensor_get_size(cond) == 1 &&
            *(const uint8_t *)pinot_tensor_get_data(cond)) {
            int64_t slices = static_slices(node, &node->bodies->body[0]);
            bool any_sliced = false;
            for (uint32_t i = 0; i < node->bodies->body[0].n_inputs; i++) {
                any_sliced |= node->bodies->body[0].inputs[i].kind == PINOT_BODY_INPUT_SLICED;
            }
            n_iterations = !any_sliced ? trip : slices >= 0 && slices < trip ? slices : slices < 0 ? -1 : trip;
        }
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    return set_iteration_outputs(node, n_iterations);
}

static const uint8_t if_versions[] = {8, 0};
static const uint8_t loop_versions[] = {5, 0};
static const uint8_t ti_versions[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_if_op = {
    .type_name = "If",
    .versions = if_versions,
    .min_inputs = 1,
    .max_inputs = 255,
    .validate = if_validate,
};

const struct pinot_op_impl pinot_op_impl_loop = {
    .type_name = "Loop",
    .versions = loop_versions,
    .min_inputs = 2,
    .max_inputs = 255,
    .validate = loop_validate,
};

const struct pinot_op_impl pinot_op_impl_tensor_iterator = {
    .type_name = "TensorIterator",
    .versions = ti_versions,
    .min_inputs = 0,
    .max_inputs = 255,
    .validate = loop_validate,
};

/* Running If, Loop and TensorIterator: each body is a compiled plan (made once
 * by the executor at compile time) run per branch or iteration. Values pass
 * between iterations by reference (kernels never write their inputs, so a
 * body result can feed the next iteration's parameter as is); sliced inputs
 * are copied out part by part and concatenated outputs are assembled once
 * the loop ends, since their length is known only then. */
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "runtime-impl.h"

static pinot_status read_int(const pinot_tensor_t * t, int64_t * out) {
    const void * data = pinot_tensor_get_data(t);
    if (pinot_tensor_get_size(t) != 1) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "expected one value, got %llu",
                               (unsigned long long)pinot_tensor_get_size(t));
    }
    switch (pinot_tensor_get_type(t)) {
    case PINOT_DTYPE_I64: *out = *(const int64_t *)data; return PINOT_STATUS_OK;
    case PINOT_DTYPE_I32: *out = *(const int32_t *)data; return PINOT_STATUS_OK;
    case PINOT_DTYPE_BOOLEAN:
    case PINOT_DTYPE_U8: *out = *(const uint8_t *)data; return PINOT_STATUS_OK;
    default:
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "expected an integer or boolean value, got %s",
                               pinot_dtype_name(pinot_tensor_get_type(t)));
    }
}

/* Bytes of one element; packed and string tensors are not sliced or joined here. */
static pinot_status element_bytes(const struct pinot_node * node, pinot_dtype type, size_t * out) {
    if (pinot_dtype_is_packed(type) || type == PINOT_DTYPE_STRING) {
        return pinot_node_eval_error(node, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                     "slicing or concatenating %s values is not supported", pinot_dtype_name(type));
    }
    *out = pinot_dtype_get_info(type)->size;
    return PINOT_STATUS_OK;
}

/* rows = product of dims before axis, inner = elements after it. */
static void split_at(const pinot_shape * shape, uint32_t axis, uint64_t * rows, uint64_t * inner) {
    *rows = 1;
    *inner = 1;
    for (uint32_t i = 0; i < shape->rank; i++) {
        if (i < axis) {
            *rows *= (uint64_t)shape->dims[i];
        } else if (i > axis) {
            *inner *= (uint64_t)shape->dims[i];
        }
    }
}

/* OpenVINO's slicing of a sliced input / concat output along a dim of size @p dim:
 * the number of parts and the offset of part @p k. */
static int64_t part_count(const struct pinot_body_input * d, int64_t dim) {
    int64_t start = d->start < 0 ? d->start + dim + 1 : d->start;
    int64_t end = d->end < 0 ? d->end + dim + 1 : d->end;
    int64_t step = d->stride < 0 ? -d->stride : d->stride;
    if (start < 0 || end < 0 || start > dim || end > dim) {
        return -1;
    }
    return (end > start ? end - start : start - end) / step;
}

static int64_t part_offset(const struct pinot_body_input * d, int64_t dim, int64_t k) {
    int64_t start = d->start < 0 ? d->start + dim + 1 : d->start;
    return d->stride > 0 ? start + k * d->stride : start + (k + 1) * d->stride;
}

static pinot_status slice_part(const struct pinot_node * node, const struct pinot_body_input * d,
                               const pinot_tensor_t * src, int64_t k, pinot_tensor_t ** out) {
    pinot_shape shape = *pinot_tensor_get_shape(src);
    int64_t axis = d->axis < 0 ? d->axis + shape.rank : d->axis;
    int64_t dim = shape.dims[axis];
    int64_t offset = part_offset(d, dim, k);
    if (offset < 0 || offset + d->part_size > dim) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "slice %lld of input %u is out of range (dimension %lld)", (long long)k,
                                     d->input, (long long)dim);
    }
    size_t bytes = 0;
    pinot_status status = element_bytes(node, pinot_tensor_get_type(src), &bytes);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t rows, inner;
    split_at(&shape, (uint32_t)axis, &rows, &inner);
    shape.dims[axis] = d->part_size;
    status = pinot_tensor_create(pinot_tensor_get_type(src), &shape, out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    const uint8_t * from = pinot_tensor_get_data(src);
    uint8_t * to = pinot_tensor_get_data(*out);
    size_t chunk = (size_t)(d->part_size * inner) * bytes;
    for (uint64_t r = 0; r < rows; r++) {
        memcpy(to + r * chunk, from + ((r * (uint64_t)dim + (uint64_t)offset) * inner) * bytes, chunk);
    }
    return PINOT_STATUS_OK;
}

/* Joins @p n per-iteration values along the description's axis (reversed for a negative stride). */
static pinot_status concat_values(const struct pinot_node * node, const struct pinot_body_output * d,
                                  pinot_tensor_t * const * values, int64_t n, pinot_tensor_t ** out) {
    pinot_dtype type = node->outputs[d->output].type;
    size_t bytes = 0;
    pinot_status status = element_bytes(node, type, &bytes);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_shape shape = {.rank = 0};
    if (n == 0) {
        /* No iteration: an empty tensor of the body result's shape (unknown dims as 0). */
        const pinot_partial_shape * ps = &node->bodies->body[0].model->results[d->result]->outputs[0].shape;
        shape.rank = ps->rank < 0 ? 1 : (uint32_t)ps->rank;
        for (uint32_t i = 0; ps->rank >= 0 && i < shape.rank; i++) {
            shape.dims[i] = pinot_dim_is_static(ps->dims[i]) ? ps->dims[i].min : 0;
        }
        int64_t axis = d->axis < 0 ? d->axis + (int64_t)shape.rank : d->axis;
        if (axis >= 0 && axis < (int64_t)shape.rank) {
            shape.dims[axis] = 0;
        } else {
            shape.dims[0] = 0;
        }
        return pinot_tensor_create(type, &shape, out);
    }
    shape = *pinot_tensor_get_shape(values[0]);
    int64_t axis = d->axis < 0 ? d->axis + (int64_t)shape.rank : d->axis;
    if (axis < 0 || axis >= (int64_t)shape.rank) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                     "concatenation axis %lld is out of range for rank %u", (long long)d->axis,
                                     shape.rank);
    }
    int64_t total = 0;
    for (int64_t k = 0; k < n; k++) {
        const pinot_shape * s = pinot_tensor_get_shape(values[k]);
        bool same = s->rank == shape.rank && pinot_tensor_get_type(values[k]) == type;
        for (uint32_t i = 0; same && i < shape.rank; i++) {
            same = (int64_t)i == axis || s->dims[i] == shape.dims[i];
        }
        if (!same) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                         "output %u: iteration %lld's value has another shape than the first one's",
                                         d->output, (long long)k);
        }
        total += s->dims[axis];
    }
    shape.dims[axis] = total;
    status = pinot_tensor_create(type, &shape, out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    uint64_t rows, inner;
    split_at(&shape, (uint32_t)axis, &rows, &inner);
    uint8_t * to = pinot_tensor_get_data(*out);
    int64_t position = 0;
    for (int64_t j = 0; j < n; j++) {
        const pinot_tensor_t * v = values[d->stride < 0 ? n - 1 - j : j];
        int64_t len = pinot_tensor_get_shape(v)->dims[axis];
        const uint8_t * from = pinot_tensor_get_data(v);
        size_t chunk = (size_t)((uint64_t)len * inner) * bytes;
        for (uint64_t r = 0; r < rows; r++) {
            memcpy(to + ((r * (uint64_t)total + (uint64_t)position) * inner) * bytes, from + r * chunk, chunk);
        }
        position += len;
    }
    return PINOT_STATUS_OK;
}

static void free_all(pinot_tensor_t ** tensors, size_t n) {
    for (size_t i = 0; tensors != NULL && i < n; i++) {
        pinot_tensor_free(tensors[i]);
        tensors[i] = NULL;
    }
}

static pinot_status run_if(const struct pinot_node * node, pinot_compiled_model_t * const * plans,
                           pinot_tensor_t * const * inputs, pinot_tensor_t ** outputs, const atomic_bool * cancel) {
    int64_t cond = 0;
    pinot_status status = read_int(inputs[0], &cond);
    if (status != PINOT_STATUS_OK) {
        return pinot_node_eval_error(node, status, "the condition: %s", pinot_last_error_message());
    }
    uint32_t b = cond ? 0 : 1;
    const struct pinot_body * body = &node->bodies->body[b];
    const struct pinot_model * model = body->model;
    pinot_tensor_t ** params = calloc(model->n_parameters + 1, sizeof(*params));
    pinot_tensor_t ** results = calloc(model->n_results + 1, sizeof(*results));
    if (params == NULL || results == NULL) {
        free(params);
        free(results);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory running an If node");
    }
    for (uint32_t i = 0; i < body->n_inputs; i++) {
        params[body->inputs[i].parameter] = inputs[body->inputs[i].input];
    }
    status = pinot_compiled_model_execute(plans[b], params, results, cancel);
    for (uint32_t i = 0; i < body->n_outputs && status == PINOT_STATUS_OK; i++) {
        outputs[body->outputs[i].output] = pinot_tensor_retain(results[body->outputs[i].result]);
    }
    for (uint32_t o = 0; o < node->n_outputs && status == PINOT_STATUS_OK; o++) {
        if (outputs[o] == NULL) {
            status = pinot_node_eval_error(node, PINOT_STATUS_INVALID_STATE, "the %s body gives no output %u",
                                           b == 0 ? "then" : "else", o);
        }
    }
    if (status != PINOT_STATUS_OK) {
        free_all(outputs, node->n_outputs);
    }
    free_all(results, model->n_results);
    free(params);
    free(results);
    return status;
}

/* A growing list of per-iteration values for one concat output. */
struct value_list {
    pinot_tensor_t ** v;
    int64_t n, cap;
};

static bool list_push(struct value_list * list, pinot_tensor_t * t) {
    if (list->n == list->cap) {
        int64_t cap = list->cap ? list->cap * 2 : 16;
        pinot_tensor_t ** grown = realloc(list->v, sizeof(*grown) * (size_t)cap);
        if (grown == NULL) {
            return false;
        }
        list->v = grown;
        list->cap = cap;
    }
    list->v[list->n++] = pinot_tensor_retain(t);
    return true;
}

static pinot_status iteration_number(const struct pinot_node * param, int64_t k, pinot_tensor_t ** out) {
    const struct pinot_node_output * port = &param->outputs[0];
    pinot_shape shape = {.rank = port->shape.rank > 0 ? 1 : 0, .dims = {1}};
    pinot_status status = pinot_tensor_create(port->type, &shape, out);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    void * data = pinot_tensor_get_data(*out);
    switch (port->type) {
    case PINOT_DTYPE_I64: *(int64_t *)data = k; break;
    case PINOT_DTYPE_I32: *(int32_t *)data = (int32_t)k; break;
    case PINOT_DTYPE_F32: *(float *)data = (float)k; break;
    default:
        pinot_tensor_free(*out);
        *out = NULL;
        return pinot_set_error(PINOT_STATUS_UNSUPPORTED_PARAMETER, "the iteration number cannot be %s",
                               pinot_dtype_name(port->type));
    }
    return PINOT_STATUS_OK;
}

static pinot_status run_loop(const struct pinot_node * node, pinot_compiled_model_t * plan,
                             pinot_tensor_t * const * inputs, pinot_tensor_t ** outputs, const atomic_bool * cancel) {
    const struct pinot_bodies * bodies = node->bodies;
    const struct pinot_body * body = &bodies->body[0];
    const struct pinot_model * model = body->model;
    bool is_loop = node->op == PINOT_OP_LOOP;
    int64_t trip = -1, go_on = 1;
    pinot_status status = PINOT_STATUS_OK;
    if (is_loop) {
        status = read_int(inputs[0], &trip);
        if (status == PINOT_STATUS_OK) {
            status = read_int(inputs[1], &go_on);
        }
        if (status != PINOT_STATUS_OK) {
            return pinot_node_eval_error(node, status, "the trip count or condition: %s", pinot_last_error_message());
        }
    }
    /* The sliced inputs bound the iterations. */
    int64_t slices = -1;
    for (uint32_t i = 0; i < body->n_inputs; i++) {
        const struct pinot_body_input * d = &body->inputs[i];
        if (d->kind != PINOT_BODY_INPUT_SLICED) {
            continue;
        }
        const pinot_shape * shape = pinot_tensor_get_shape(inputs[d->input]);
        int64_t axis = d->axis < 0 ? d->axis + shape->rank : d->axis;
        int64_t count = axis >= 0 && axis < (int64_t)shape->rank ? part_count(d, shape->dims[axis]) : -1;
        if (count < 0) {
            return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                         "input %u cannot be sliced along axis %lld", d->input, (long long)d->axis);
        }
        slices = slices < 0 || count < slices ? count : slices;
    }
    if (!is_loop && slices < 0) {
        return pinot_node_eval_error(node, PINOT_STATUS_INVALID_ARGUMENT, "TensorIterator has no sliced input");
    }
    pinot_tensor_t ** params = calloc(model->n_parameters + 1, sizeof(*params));
    pinot_tensor_t ** results = calloc(model->n_results + 1, sizeof(*results));
    pinot_tensor_t ** last = calloc(model->n_results + 1, sizeof(*last)); /* the latest iteration's results */
    struct value_list * lists = calloc(body->n_outputs + 1, sizeof(*lists));
    if (params == NULL || results == NULL || last == NULL || lists == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory running a %s node", node->impl->type_name);
        goto cleanup;
    }
    for (uint32_t i = 0; i < body->n_inputs; i++) {
        const struct pinot_body_input * d = &body->inputs[i];
        if (d->kind != PINOT_BODY_INPUT_SLICED) {
            params[d->parameter] = pinot_tensor_retain(inputs[d->input]);
        }
    }
    int64_t k = 0;
    for (; status == PINOT_STATUS_OK && go_on && (trip < 0 || k < trip) && (slices < 0 || k < slices); k++) {
        if (cancel != NULL && atomic_load_explicit(cancel, memory_order_relaxed)) {
            status = pinot_set_error(PINOT_STATUS_CANCELLED, "Infer Request was canceled");
            break;
        }
        for (uint32_t i = 0; i < body->n_inputs && status == PINOT_STATUS_OK; i++) {
            const struct pinot_body_input * d = &body->inputs[i];
            if (d->kind == PINOT_BODY_INPUT_SLICED) {
                pinot_tensor_free(params[d->parameter]);
                params[d->parameter] = NULL;
                status = slice_part(node, d, inputs[d->input], k, &params[d->parameter]);
            }
        }
        if (bodies->current_iteration >= 0 && status == PINOT_STATUS_OK) {
            pinot_tensor_free(params[bodies->current_iteration]);
            params[bodies->current_iteration] = NULL;
            status = iteration_number(model->parameters[bodies->current_iteration], k,
                                      &params[bodies->current_iteration]);
        }
        if (status == PINOT_STATUS_OK) {
            status = pinot_compiled_model_execute(plan, params, results, cancel);
        }
        if (status != PINOT_STATUS_OK) {
            break;
        }
        for (uint32_t i = 0; i < body->n_outputs && status == PINOT_STATUS_OK; i++) {
            const struct pinot_body_output * d = &body->outputs[i];
            if (d->kind == PINOT_BODY_OUTPUT_CONCAT && !list_push(&lists[i], results[d->result])) {
                status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory running a %s node",
                                         node->impl->type_name);
            } else if (d->kind == PINOT_BODY_OUTPUT_ITERATION && d->iteration == k) {
                outputs[d->output] = pinot_tensor_retain(results[d->result]);
            }
        }
        if (bodies->condition_result >= 0 && status == PINOT_STATUS_OK) {
            status = read_int(results[bodies->condition_result], &go_on);
            if (status != PINOT_STATUS_OK) {
                status = pinot_node_eval_error(node, status, "the body's condition: %s", pinot_last_error_message());
            }
        }
        /* Back edges: this iteration's results become the next one's parameters. */
        for (uint32_t i = 0; i < body->n_inputs; i++) {
            const struct pinot_body_input * d = &body->inputs[i];
            if (d->kind == PINOT_BODY_INPUT_MERGED) {
                pinot_tensor_free(params[d->parameter]);
                params[d->parameter] = pinot_tensor_retain(results[d->result]);
            }
        }
        free_all(last, model->n_results);
        memcpy(last, results, sizeof(*last) * model->n_results);
        memset(results, 0, sizeof(*results) * model->n_results);
    }
    for (uint32_t i = 0; i < body->n_outputs && status == PINOT_STATUS_OK; i++) {
        const struct pinot_body_output * d = &body->outputs[i];
        if (d->kind == PINOT_BODY_OUTPUT_CONCAT) {
            status = concat_values(node, d, lists[i].v, lists[i].n, &outputs[d->output]);
        } else if (d->iteration < 0 && k > 0) {
            outputs[d->output] = pinot_tensor_retain(last[d->result]);
        } else if (d->iteration < 0) {
            /* No iteration ran: a carried value is its initial input. */
            for (uint32_t j = 0; j < body->n_inputs && outputs[d->output] == NULL; j++) {
                if (body->inputs[j].kind == PINOT_BODY_INPUT_MERGED && body->inputs[j].result == d->result) {
                    outputs[d->output] = pinot_tensor_retain(inputs[body->inputs[j].input]);
                }
            }
        }
        if (status == PINOT_STATUS_OK && outputs[d->output] == NULL) {
            status = pinot_node_eval_error(node, PINOT_STATUS_INVALID_STATE,
                                           "output %u has no value: the body ran %lld iterations", d->output,
                                           (long long)k);
        }
    }
cleanup:
    if (status != PINOT_STATUS_OK) {
        free_all(outputs, node->n_outputs);
    }
    for (uint32_t i = 0; lists != NULL && i < body->n_outputs; i++) {
        free_all(lists[i].v, (size_t)lists[i].n);
        free(lists[i].v);
    }
    free_all(params, model->n_parameters);
    free_all(results, model->n_results);
    free_all(last, model->n_results);
    free(lists);
    free(params);
    free(results);
    free(last);
    return status;
}

pinot_status pinot_control_flow_run(const struct pinot_node * node, pinot_compiled_model_t * const * bodies,
                                    pinot_tensor_t * const * inputs, pinot_tensor_t ** outputs,
                                    const atomic_bool * cancel) {
    for (uint32_t o = 0; o < node->n_outputs; o++) {
        outputs[o] = NULL;
    }
    pinot_status status = node->op == PINOT_OP_IF ? run_if(node, bodies, inputs, outputs, cancel)
                                                  : run_loop(node, bodies[0], inputs, outputs, cancel);
    /* Values come from the bodies as they are; the node's output types are what consumers expect. */
    for (uint32_t o = 0; o < node->n_outputs && status == PINOT_STATUS_OK; o++) {
        if (pinot_tensor_get_type(outputs[o]) != node->outputs[o].type) {
            status = pinot_node_eval_error(node, PINOT_STATUS_INVALID_STATE, "output %u has type %s, expected %s", o,
                                           pinot_dtype_name(pinot_tensor_get_type(outputs[o])),
                                           pinot_dtype_name(node->outputs[o].type));
            free_all(outputs, node->n_outputs);
        }
    }
    return status;
}

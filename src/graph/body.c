/* The bodies of control-flow nodes (If, Loop, TensorIterator): each is a
 * refcounted model owned by its node, with the maps between the node's ports
 * and the body's parameters and results. Cloning a node deep-copies its
 * bodies, since validate() writes the body parameters' shapes (reshape of the
 * outer model re-infers the bodies) and clones must not share that state. */
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"

_Static_assert(PINOT_BODY_PORT_KIND_COUNT == 5, "pinot_body_port_kind is append-only");

void pinot_bodies_free(struct pinot_bodies * bodies) {
    if (bodies == NULL) {
        return;
    }
    for (uint32_t b = 0; b < 2; b++) {
        pinot_model_free(bodies->body[b].model);
        free(bodies->body[b].inputs);
        free(bodies->body[b].outputs);
    }
    free(bodies);
}

pinot_status pinot_bodies_clone(const struct pinot_bodies * src, struct pinot_bodies ** out) {
    struct pinot_bodies * copy = calloc(1, sizeof(*copy));
    if (copy == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory cloning a body");
    }
    copy->n = src->n;
    copy->n_outputs = src->n_outputs;
    copy->current_iteration = src->current_iteration;
    copy->condition_result = src->condition_result;
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t b = 0; b < src->n && status == PINOT_STATUS_OK; b++) {
        const struct pinot_body * from = &src->body[b];
        struct pinot_body * to = &copy->body[b];
        to->inputs = malloc(sizeof(*to->inputs) * (from->n_inputs + 1));
        to->outputs = malloc(sizeof(*to->outputs) * (from->n_outputs + 1));
        if (to->inputs == NULL || to->outputs == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory cloning a body");
            break;
        }
        if (from->n_inputs > 0) {
            memcpy(to->inputs, from->inputs, sizeof(*to->inputs) * from->n_inputs);
        }
        if (from->n_outputs > 0) {
            memcpy(to->outputs, from->outputs, sizeof(*to->outputs) * from->n_outputs);
        }
        to->n_inputs = from->n_inputs;
        to->n_outputs = from->n_outputs;
        status = from->model != NULL ? pinot_model_clone(from->model, &to->model) : PINOT_STATUS_OK;
    }
    if (status != PINOT_STATUS_OK) {
        pinot_bodies_free(copy);
        return status;
    }
    *out = copy;
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_create_control_flow(const char * type_name, const pinot_output_ref * inputs, size_t n_inputs,
                                            struct pinot_bodies * bodies, pinot_node_t ** out) {
    pinot_op_type op = pinot_op_from_name(type_name);
    const struct pinot_op_impl * impl = pinot_op_get_impl(op);
    if (impl == NULL || (op != PINOT_OP_IF && op != PINOT_OP_LOOP && op != PINOT_OP_TENSOR_ITERATOR)) {
        pinot_bodies_free(bodies);
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "'%s' is not a control-flow op", type_name);
    }
    uint32_t want = op == PINOT_OP_IF ? 2 : 1;
    if (bodies == NULL || bodies->n != want) {
        pinot_bodies_free(bodies);
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create %s node: it takes %u bodies",
                               impl->type_name, want);
    }
    for (uint32_t b = 0; b < bodies->n; b++) {
        if (bodies->body[b].model == NULL) {
            pinot_bodies_free(bodies);
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create %s node: body %u has no model",
                                   impl->type_name, b);
        }
    }
    if (n_inputs < impl->min_inputs || n_inputs > impl->max_inputs) {
        pinot_bodies_free(bodies);
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to create %s node: it takes %u to %u inputs (got %zu)", impl->type_name,
                               impl->min_inputs, impl->max_inputs, n_inputs);
    }
    for (size_t i = 0; i < n_inputs; i++) {
        if (inputs[i].node == NULL || inputs[i].index >= inputs[i].node->n_outputs) {
            pinot_bodies_free(bodies);
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to create %s node: input %zu refers to no output", impl->type_name, i);
        }
    }
    uint32_t version = pinot_op_version_in_opset(impl, 0);
    struct pinot_node * node = pinot_node_alloc(op, impl, version, inputs, n_inputs);
    if (node == NULL) {
        pinot_bodies_free(bodies);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating %s node", impl->type_name);
    }
    node->bodies = bodies;
    pinot_status status = impl->validate(node);
    if (status != PINOT_STATUS_OK) {
        pinot_node_free(node);
        return status;
    }
    *out = node;
    return PINOT_STATUS_OK;
}

/* ---- the public step-by-step API (OpenVINO's set_input / set_output style) ---- */

static pinot_status not_control_flow(const struct pinot_node * node) {
    return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s node has no bodies", node->impl->type_name);
}

pinot_status pinot_node_create_multi_subgraph(const char * type_name, const pinot_output_ref * inputs, size_t n,
                                              pinot_node_t ** out) {
    pinot_op_type op = pinot_op_from_name(type_name);
    const struct pinot_op_impl * impl = pinot_op_get_impl(op);
    if (impl == NULL || (op != PINOT_OP_IF && op != PINOT_OP_LOOP && op != PINOT_OP_TENSOR_ITERATOR)) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "'%s' is not a control-flow op", type_name);
    }
    size_t want = op == PINOT_OP_IF ? 1 : op == PINOT_OP_LOOP ? 2 : 0;
    if (n != want) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to create %s node: it starts with %zu inputs (got %zu)", impl->type_name,
                               want, n);
    }
    for (size_t i = 0; i < n; i++) {
        if (inputs[i].node == NULL || inputs[i].index >= inputs[i].node->n_outputs) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to create %s node: input %zu refers to no output", impl->type_name, i);
        }
    }
    struct pinot_bodies * bodies = calloc(1, sizeof(*bodies));
    uint32_t version = pinot_op_version_in_opset(impl, 0);
    struct pinot_node * node = bodies != NULL ? pinot_node_alloc(op, impl, version, inputs, n) : NULL;
    if (node == NULL) {
        free(bodies);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating %s node", impl->type_name);
    }
    bodies->n = op == PINOT_OP_IF ? 2 : 1;
    bodies->current_iteration = -1;
    bodies->condition_result = -1;
    node->bodies = bodies;
    node->n_outputs = 0; /* outputs come with pinot_node_add_body_output */
    *out = node;
    return PINOT_STATUS_OK;
}

uint32_t pinot_node_get_body_count(const pinot_node_t * node) {
    return node->bodies != NULL ? node->bodies->n : 0;
}

pinot_model_t * pinot_node_get_body(const pinot_node_t * node, uint32_t index) {
    return node->bodies != NULL && index < node->bodies->n ? node->bodies->body[index].model : NULL;
}

pinot_status pinot_node_set_body(pinot_node_t * node, uint32_t index, pinot_model_t * body) {
    if (node->bodies == NULL) {
        return not_control_flow(node);
    }
    if (index >= node->bodies->n || body == NULL) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s node has no body %u", node->impl->type_name, index);
    }
    pinot_model_retain(body);
    pinot_model_free(node->bodies->body[index].model);
    node->bodies->body[index].model = body;
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_add_body_input_value(pinot_node_t * node, pinot_output_ref value, uint32_t * index) {
    if (node->bodies == NULL) {
        return not_control_flow(node);
    }
    pinot_status status = pinot_node_append_input(node, value);
    if (status == PINOT_STATUS_OK) {
        *index = node->n_inputs - 1;
    }
    return status;
}

static bool grow(void ** array, uint32_t n, size_t size) {
    void * grown = realloc(*array, size * (n + 1));
    if (grown != NULL) {
        *array = grown;
    }
    return grown != NULL;
}

pinot_status pinot_node_add_body_input(pinot_node_t * node, uint32_t body, const pinot_body_port * port) {
    if (node->bodies == NULL) {
        return not_control_flow(node);
    }
    struct pinot_body * b = body < node->bodies->n ? &node->bodies->body[body] : NULL;
    if (b == NULL || b->model == NULL || port->port >= node->n_inputs || port->body_port >= b->model->n_parameters ||
        port->kind > PINOT_BODY_PORT_MERGED ||
        (port->kind == PINOT_BODY_PORT_MERGED && port->back_edge >= b->model->n_results) ||
        (port->kind == PINOT_BODY_PORT_SLICED && (port->stride == 0 || port->part_size <= 0))) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to describe an input of %s node: body %u, input %u, parameter %u do not fit "
                               "(set the body first)", node->impl->type_name, body, port->port, port->body_port);
    }
    if (!grow((void **)&b->inputs, b->n_inputs, sizeof(*b->inputs))) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory describing an input");
    }
    pinot_body_input_kind kinds[] = {PINOT_BODY_INPUT_INVARIANT, PINOT_BODY_INPUT_SLICED, PINOT_BODY_INPUT_MERGED};
    b->inputs[b->n_inputs++] = (struct pinot_body_input){.kind = kinds[port->kind],
                                                         .input = port->port,
                                                         .parameter = port->body_port,
                                                         .result = port->back_edge,
                                                         .axis = port->axis,
                                                         .start = port->start,
                                                         .stride = port->stride,
                                                         .part_size = port->part_size,
                                                         .end = port->end};
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_add_body_output(pinot_node_t * node, const uint32_t * bodies, const pinot_body_port * ports,
                                        size_t n, uint32_t * index) {
    if (node->bodies == NULL) {
        return not_control_flow(node);
    }
    uint32_t output = node->bodies->n_outputs;
    for (size_t i = 0; i < n; i++) {
        struct pinot_body * b = bodies[i] < node->bodies->n ? &node->bodies->body[bodies[i]] : NULL;
        if (b == NULL || b->model == NULL || ports[i].body_port >= b->model->n_results ||
            (ports[i].kind != PINOT_BODY_PORT_ITERATION && ports[i].kind != PINOT_BODY_PORT_CONCAT)) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to describe an output of %s node: body %u has no result %u",
                                   node->impl->type_name, bodies[i], ports[i].body_port);
        }
    }
    for (size_t i = 0; i < n; i++) {
        struct pinot_body * b = &node->bodies->body[bodies[i]];
        if (!grow((void **)&b->outputs, b->n_outputs, sizeof(*b->outputs))) {
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory describing an output");
        }
        b->outputs[b->n_outputs++] = (struct pinot_body_output){
            .kind = ports[i].kind == PINOT_BODY_PORT_CONCAT ? PINOT_BODY_OUTPUT_CONCAT : PINOT_BODY_OUTPUT_ITERATION,
            .result = ports[i].body_port,
            .output = output,
            .iteration = ports[i].iteration,
            .axis = ports[i].axis,
            .start = ports[i].start,
            .stride = ports[i].stride,
            .part_size = ports[i].part_size,
            .end = ports[i].end};
    }
    node->bodies->n_outputs = output + 1;
    pinot_status status = node->impl->validate(node);
    if (status != PINOT_STATUS_OK) {
        /* Take the output back so the node stays as it was. */
        for (size_t i = 0; i < n; i++) {
            struct pinot_body * b = &node->bodies->body[bodies[i]];
            if (b->n_outputs > 0 && b->outputs[b->n_outputs - 1].output == output) {
                b->n_outputs--;
            }
        }
        node->bodies->n_outputs = output;
        if (output < node->n_outputs) {
            node->n_outputs = output; /* the new output has no consumers yet */
        }
        return status;
    }
    *index = output;
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_set_special_body_ports(pinot_node_t * node, int64_t current_iteration,
                                               int64_t condition_result) {
    if (node->bodies == NULL || node->op != PINOT_OP_LOOP) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s node has no special body ports",
                               node->impl->type_name);
    }
    node->bodies->current_iteration = current_iteration < 0 ? -1 : current_iteration;
    node->bodies->condition_result = condition_result < 0 ? -1 : condition_result;
    return PINOT_STATUS_OK;
}

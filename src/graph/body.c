/* The bodies of control-flow nodes (If, Loop, TensorIterator): each is a
 * refcounted model owned by its node, with the maps between the node's ports
 * and the body's parameters and results. Cloning a node deep-copies its
 * bodies, since validate() writes the body parameters' shapes (reshape of the
 * outer model re-infers the bodies) and clones must not share that state. */
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"

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
        status = pinot_model_clone(from->model, &to->model);
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
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create %s node: it takes %u to %u inputs (got %zu)",
                               impl->type_name, impl->min_inputs, impl->max_inputs, n_inputs);
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

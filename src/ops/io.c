/* Parameter, Result and Constant: the graph's inputs, outputs and values.
 * They have no reference kernel: the executor binds their tensors directly. */
#include <string.h>

#include "graph/graph-impl.h"

struct parameter_attrs {
    pinot_dtype element_type;
    pinot_partial_shape shape;
};

static const struct pinot_attr_desc parameter_attr_descs[] = {
    PINOT_ATTR(struct parameter_attrs, element_type, "element_type", PINOT_ATTR_TYPE, false, "dynamic"),
    PINOT_ATTR(struct parameter_attrs, shape, "shape", PINOT_ATTR_SHAPE, false, "[...]"),
    PINOT_ATTR_END,
};

static pinot_status parameter_validate(struct pinot_node * node) {
    const struct parameter_attrs * a = PINOT_ATTRS(node, struct parameter_attrs);
    pinot_node_set_output(node, 0, a->element_type, &a->shape);
    return PINOT_STATUS_OK;
}

static const uint8_t v1[] = {1, 0};

const struct pinot_op_impl pinot_op_impl_parameter = {
    .type_name = "Parameter",
    .versions = v1,
    .attrs = parameter_attr_descs,
    .attrs_size = sizeof(struct parameter_attrs),
    .min_inputs = 0,
    .max_inputs = 0,
    .validate = parameter_validate,
};

static pinot_status result_validate(struct pinot_node * node) {
    pinot_node_set_output(node, 0, pinot_node_input_type(node, 0), pinot_node_input_shape(node, 0));
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_result = {
    .type_name = "Result",
    .versions = v1,
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = result_validate,
};

static pinot_status constant_validate(struct pinot_node * node) {
    pinot_partial_shape shape;
    pinot_partial_shape_from_shape(&shape, pinot_tensor_get_shape(node->value));
    pinot_node_set_output(node, 0, pinot_tensor_get_type(node->value), &shape);
    return PINOT_STATUS_OK;
}

const struct pinot_op_impl pinot_op_impl_constant = {
    .type_name = "Constant",
    .versions = v1,
    .min_inputs = 0,
    .max_inputs = 0,
    .validate = constant_validate,
};

pinot_status pinot_node_create_parameter(pinot_dtype type, const pinot_partial_shape * shape, pinot_node_t ** out) {
    if ((unsigned)type >= PINOT_DTYPE_COUNT || shape == NULL || shape->rank > PINOT_MAX_RANK) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create Parameter node: invalid type or shape");
    }
    struct pinot_node * node = pinot_node_alloc(PINOT_OP_PARAMETER, &pinot_op_impl_parameter, 1, NULL, 0);
    if (node == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating Parameter node");
    }
    struct parameter_attrs * a = node->attrs;
    a->element_type = type;
    a->shape = *shape;
    (void)parameter_validate(node);
    *out = node;
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_set_parameter(pinot_node_t * node, pinot_dtype type, const pinot_partial_shape * shape) {
    if (node->op != PINOT_OP_PARAMETER) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to set parameter shape: %s is not a Parameter",
                               node->impl->type_name);
    }
    struct parameter_attrs * a = node->attrs;
    a->element_type = type;
    a->shape = *shape;
    return parameter_validate(node);
}

pinot_status pinot_node_create_constant(pinot_tensor_t * value, pinot_node_t ** out) {
    if (value == NULL) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create Constant node: no value");
    }
    struct pinot_node * node = pinot_node_alloc(PINOT_OP_CONSTANT, &pinot_op_impl_constant, 1, NULL, 0);
    if (node == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating Constant node");
    }
    if (pinot_tensor_is_continuous(value)) {
        node->value = pinot_tensor_retain(value);
    } else {
        /* Kernels read constants as dense buffers. */
        pinot_status status = pinot_tensor_create(pinot_tensor_get_type(value), pinot_tensor_get_shape(value),
                                                  &node->value);
        if (status == PINOT_STATUS_OK) {
            status = pinot_tensor_copy_to(value, node->value);
        }
        if (status != PINOT_STATUS_OK) {
            pinot_node_free(node);
            return status;
        }
    }
    (void)constant_validate(node);
    *out = node;
    return PINOT_STATUS_OK;
}

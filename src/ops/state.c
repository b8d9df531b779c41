/* ReadValue and Assign: the ops of stateful models. A variable (by id) is
 * read by ReadValue (its initializer input, if any, gives the value before
 * the first Assign or after a reset) and written by Assign. The executor keeps
 * the state per infer request; these impls only validate and shape. */
#include <string.h>

#include "graph/graph-impl.h"

struct variable_attrs {
    char * variable_id;
    pinot_dtype variable_type;
    pinot_partial_shape variable_shape;
};

static const struct pinot_attr_desc variable_attr_descs[] = {
    PINOT_ATTR(struct variable_attrs, variable_id, "variable_id", PINOT_ATTR_STRING, true, NULL),
    PINOT_ATTR(struct variable_attrs, variable_type, "variable_type", PINOT_ATTR_TYPE, false, "dynamic"),
    PINOT_ATTR(struct variable_attrs, variable_shape, "variable_shape", PINOT_ATTR_SHAPE, false, "[...]"),
    PINOT_ATTR_END,
};

/* The node's variable, created from its attributes on first validation. Models
 * later unify variables with the same id (pinot_model_create). */
static pinot_status ensure_variable(struct pinot_node * node, pinot_dtype type, const pinot_partial_shape * shape) {
    if (node->variable != NULL) {
        return PINOT_STATUS_OK;
    }
    const struct variable_attrs * a = PINOT_ATTRS(node, struct variable_attrs);
    if (a->variable_id[0] == '\0') {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "variable_id must not be empty");
    }
    node->variable = pinot_variable_create(a->variable_id, type, shape);
    if (node->variable == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating variable '%s'", a->variable_id);
    }
    return PINOT_STATUS_OK;
}

static pinot_status read_value_validate(struct pinot_node * node) {
    const struct variable_attrs * a = PINOT_ATTRS(node, struct variable_attrs);
    pinot_dtype type = a->variable_type;
    pinot_partial_shape shape = a->variable_shape;
    if (node->n_inputs == 1) {
        pinot_dtype init_type = pinot_node_input_type(node, 0);
        if (!pinot_dtype_merge(type, init_type, &type)) {
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "the initializer's element type %s differs from the variable's %s",
                                    pinot_dtype_name(init_type), pinot_dtype_name(a->variable_type));
        }
        pinot_partial_shape merged = shape;
        if (!pinot_partial_shape_merge_into(&merged, pinot_node_input_shape(node, 0))) {
            char got[512], expected[512];
            pinot_partial_shape_to_string(pinot_node_input_shape(node, 0), got, sizeof(got));
            pinot_partial_shape_to_string(&shape, expected, sizeof(expected));
            return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                    "the initializer's shape %s is not compatible with the variable's shape %s", got,
                                    expected);
        }
        /* The variable keeps its declared (possibly dynamic) shape; the output is
         * what the declared shape allows. */
        if (a->variable_shape.rank < 0) {
            shape = *pinot_node_input_shape(node, 0);
        }
    } else if (type == PINOT_DTYPE_DYNAMIC) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "a ReadValue without an initializer needs variable_type");
    }
    pinot_status status = ensure_variable(node, type, &shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (node->variable->type == PINOT_DTYPE_DYNAMIC) {
        node->variable->type = type;
    }
    pinot_node_set_output(node, 0, type, &shape);
    return PINOT_STATUS_OK;
}

static pinot_status assign_validate(struct pinot_node * node) {
    const struct variable_attrs * a = PINOT_ATTRS(node, struct variable_attrs);
    pinot_dtype type = pinot_node_input_type(node, 0);
    const pinot_partial_shape * shape = pinot_node_input_shape(node, 0);
    if (!pinot_dtype_compatible(a->variable_type, type)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "the value's element type %s differs from the variable's %s", pinot_dtype_name(type),
                                pinot_dtype_name(a->variable_type));
    }
    pinot_status status = ensure_variable(node, type, a->variable_shape.rank < 0 ? shape : &a->variable_shape);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (node->variable->type != PINOT_DTYPE_DYNAMIC && type != PINOT_DTYPE_DYNAMIC &&
        node->variable->type != type) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                "the value's element type %s differs from variable '%s' of type %s",
                                pinot_dtype_name(type), node->variable->id, pinot_dtype_name(node->variable->type));
    }
    pinot_node_set_output(node, 0, type, shape);
    return PINOT_STATUS_OK;
}

static const uint8_t versions[] = {3, 6, 0};

const struct pinot_op_impl pinot_op_impl_read_value = {
    .type_name = "ReadValue",
    .versions = versions,
    .attrs = variable_attr_descs,
    .attrs_size = sizeof(struct variable_attrs),
    .min_inputs = 0,
    .max_inputs = 1,
    .validate = read_value_validate,
};

const struct pinot_op_impl pinot_op_impl_assign = {
    .type_name = "Assign",
    .versions = versions,
    .attrs = variable_attr_descs,
    .attrs_size = sizeof(struct variable_attrs),
    .min_inputs = 1,
    .max_inputs = 1,
    .validate = assign_validate,
};

/* The module functions behind pinot's If, Loop and TensorIterator builders
 * (python/pinot/_ops/control_flow.py): thin wrappers over the step-by-step C
 * API (pinot_node_create_multi_subgraph and friends). */
#include "graph_py.h"

static pinot_node_t * node_arg(PyObject * obj) {
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    if (!PyObject_TypeCheck(obj, types->NodeType)) {
        PyErr_SetString(PyExc_TypeError, "expected a Node");
        return NULL;
    }
    return ((pinot_py_node_object *)obj)->node;
}

/* _cf_create(type_name, inputs: list[Output], name) -> Node */
PyObject * pinot_py_cf_create(PyObject * module, PyObject * args) {
    (void)module;
    const char * type_name;
    PyObject * inputs, * name;
    if (!PyArg_ParseTuple(args, "sO!O:_cf_create", &type_name, &PyList_Type, &inputs, &name)) {
        return NULL;
    }
    pinot_output_ref refs[2];
    Py_ssize_t n = PyList_GET_SIZE(inputs);
    if (n > 2) {
        PyErr_SetString(PyExc_ValueError, "too many inputs");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!pinot_py_convert_output(PyList_GET_ITEM(inputs, i), &refs[i])) {
            return NULL;
        }
    }
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create_multi_subgraph(type_name, refs, (size_t)n, &node);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_wrap_new_node(node, name);
}

/* _cf_get_body(node, index, model_class) -> model_class | None (model_class: ModelBase or a subclass) */
PyObject * pinot_py_cf_get_body(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * obj, * cls;
    unsigned int index;
    if (!PyArg_ParseTuple(args, "OIO!:_cf_get_body", &obj, &index, &PyType_Type, &cls)) {
        return NULL;
    }
    if (!PyType_IsSubtype((PyTypeObject *)cls, pinot_py_graph_types_get()->ModelType)) {
        PyErr_SetString(PyExc_TypeError, "expected a Model class");
        return NULL;
    }
    pinot_node_t * node = node_arg(obj);
    if (node == NULL) {
        return NULL;
    }
    pinot_model_t * body = pinot_node_get_body(node, index);
    if (body == NULL) {
        Py_RETURN_NONE;
    }
    return pinot_py_model_wrap((PyTypeObject *)cls, pinot_model_retain(body));
}

/* _cf_set_body(node, index, model) */
PyObject * pinot_py_cf_set_body(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * obj, * model;
    unsigned int index;
    if (!PyArg_ParseTuple(args, "OIO!:_cf_set_body", &obj, &index, pinot_py_graph_types_get()->ModelType, &model)) {
        return NULL;
    }
    pinot_node_t * node = node_arg(obj);
    if (node == NULL) {
        return NULL;
    }
    pinot_status status = pinot_node_set_body(node, index, ((pinot_py_model_object *)model)->model);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* _cf_add_input_value(node, output) -> int */
PyObject * pinot_py_cf_add_input_value(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * obj, * value;
    if (!PyArg_ParseTuple(args, "OO:_cf_add_input_value", &obj, &value)) {
        return NULL;
    }
    pinot_node_t * node = node_arg(obj);
    pinot_output_ref ref;
    if (node == NULL || !pinot_py_convert_output(value, &ref)) {
        return NULL;
    }
    uint32_t index = 0;
    pinot_status status = pinot_node_add_body_input_value(node, ref, &index);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return PyLong_FromUnsignedLong(index);
}

/* _cf_add_body_input(node, body, kind, port, parameter, back_edge, axis, start, stride, part_size, end) */
PyObject * pinot_py_cf_add_body_input(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * obj;
    unsigned int body, kind, port, parameter, back_edge;
    long long axis, start, stride, part_size, end;
    if (!PyArg_ParseTuple(args, "OIIIIILLLLL:_cf_add_body_input", &obj, &body, &kind, &port, &parameter, &back_edge,
                          &axis, &start, &stride, &part_size, &end)) {
        return NULL;
    }
    pinot_node_t * node = node_arg(obj);
    if (node == NULL) {
        return NULL;
    }
    pinot_body_port desc = {.kind = (pinot_body_port_kind)kind, .port = port, .body_port = parameter,
                            .back_edge = back_edge, .axis = axis, .start = start, .stride = stride,
                            .part_size = part_size, .end = end};
    pinot_status status = pinot_node_add_body_input(node, body, &desc);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* _cf_add_body_output(node, [(body, kind, result, iteration, axis, start, stride, part_size, end), ...]) -> Output */
PyObject * pinot_py_cf_add_body_output(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * obj, * list;
    if (!PyArg_ParseTuple(args, "OO!:_cf_add_body_output", &obj, &PyList_Type, &list)) {
        return NULL;
    }
    pinot_node_t * node = node_arg(obj);
    if (node == NULL) {
        return NULL;
    }
    uint32_t bodies[2];
    pinot_body_port ports[2];
    Py_ssize_t n = PyList_GET_SIZE(list);
    if (n < 1 || n > 2) {
        PyErr_SetString(PyExc_ValueError, "one or two body outputs expected");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned int body, kind, result;
        long long iteration, axis, start, stride, part_size, end;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(list, i), "IIILLLLLL", &body, &kind, &result, &iteration, &axis,
                              &start, &stride, &part_size, &end)) {
            return NULL;
        }
        bodies[i] = body;
        ports[i] = (pinot_body_port){.kind = (pinot_body_port_kind)kind, .body_port = result,
                                     .iteration = iteration, .axis = axis, .start = start, .stride = stride,
                                     .part_size = part_size, .end = end};
    }
    uint32_t index = 0;
    pinot_status status = pinot_node_add_body_output(node, bodies, ports, (size_t)n, &index);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_port_new(node, index, 'O');
}

/* _cf_set_special_ports(node, current_iteration, condition_result) */
PyObject * pinot_py_cf_set_special_ports(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * obj;
    long long current, condition;
    if (!PyArg_ParseTuple(args, "OLL:_cf_set_special_ports", &obj, &current, &condition)) {
        return NULL;
    }
    pinot_node_t * node = node_arg(obj);
    if (node == NULL) {
        return NULL;
    }
    pinot_status status = pinot_node_set_special_body_ports(node, current, condition);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

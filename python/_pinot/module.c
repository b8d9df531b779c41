/* The pinot._pinot extension module: multi-phase init, the module state that
 * holds every heap type, and the status -> exception mapping. Classes live in
 * their own files and register themselves here. */
#include <string.h>

#include "graph_py.h"

#define PINOT_PY_IMPORT_ARRAY
#include "numpy_api.h"

/* One interpreter per process (the module refuses sub-interpreters), so the
 * state can be reached without an object at hand, e.g. from converters. */
static pinot_py_state * module_state;

pinot_py_state * pinot_py_state_get(void) {
    return module_state;
}

/* The graph and runtime classes (graph_py.h), kept beside the state. */
static pinot_py_graph_types graph_types;

pinot_py_graph_types * pinot_py_graph_types_get(void) {
    return &graph_types;
}

pinot_py_state * pinot_py_state_from_type(PyTypeObject * type) {
    (void)type;
    return module_state;
}

PyObject * pinot_py_raise(pinot_status status) {
    const char * message = pinot_last_error_message();
    if (message[0] == '\0') {
        message = pinot_status_string(status);
    }
    PyObject * exc = PyExc_RuntimeError;
    switch (status) {
    case PINOT_STATUS_OUT_OF_MEMORY: exc = PyExc_MemoryError; break;
    case PINOT_STATUS_UNSUPPORTED_OP:
    case PINOT_STATUS_UNSUPPORTED_PARAMETER:
    case PINOT_STATUS_UNSUPPORTED_HARDWARE: exc = PyExc_NotImplementedError; break;
    default: break;
    }
    /* Messages may quote untrusted bytes (names from model files): never fail to decode them. */
    PyObject * text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
    if (text != NULL) {
        PyErr_SetObject(exc, text);
        Py_DECREF(text);
    }
    return NULL;
}

PyObject * pinot_py_richcompare_bool(bool equal, int op) {
    if (op == Py_EQ) {
        return PyBool_FromLong(equal);
    }
    if (op == Py_NE) {
        return PyBool_FromLong(!equal);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject * get_version(PyObject * module, PyObject * unused) {
    (void)module;
    (void)unused;
    return PyUnicode_FromString(pinot_get_version());
}

/* The list-like containers (Strides, Coordinate, ...) are plain Python
 * classes; the package hands them over once at import. */
static PyObject * set_python_types(PyObject * module, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"strides", "if_", "loop", "tensor_iterator", NULL};
    PyObject * strides = NULL, * control_flow[3] = {NULL, NULL, NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|$OO!O!O!:_set_python_types", kwlist, &strides, &PyType_Type,
                                     &control_flow[0], &PyType_Type, &control_flow[1], &PyType_Type,
                                     &control_flow[2])) {
        return NULL;
    }
    pinot_py_state * st = PyModule_GetState(module);
    if (strides != NULL) {
        Py_XSETREF(st->StridesType, Py_NewRef(strides));
    }
    for (int i = 0; i < 3; i++) {
        if (control_flow[i] == NULL) {
            continue;
        }
        PyTypeObject * node_type = pinot_py_graph_types_get()->NodeType;
        if (!PyType_IsSubtype((PyTypeObject *)control_flow[i], node_type) ||
            ((PyTypeObject *)control_flow[i])->tp_basicsize != node_type->tp_basicsize) {
            PyErr_SetString(PyExc_TypeError, "control-flow classes must subclass Node without adding slots");
            return NULL;
        }
        Py_XSETREF(st->ControlFlowTypes[i], Py_NewRef(control_flow[i]));
    }
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"_set_python_types", (PyCFunction)(void (*)(void))set_python_types, METH_VARARGS | METH_KEYWORDS, NULL},
    {"_create_node", pinot_py_create_node, METH_VARARGS,
     "_create_node(type_name, opset, inputs, attrs, name) -> Node: what opset builders call."},
    {"_create_constant", pinot_py_create_constant, METH_VARARGS,
     "_create_constant(array_or_tensor, shared_memory, name) -> op.Constant"},
    {"_cf_create", pinot_py_cf_create, METH_VARARGS, "_cf_create(type_name, inputs, name) -> Node"},
    {"_cf_get_body", pinot_py_cf_get_body, METH_VARARGS, "_cf_get_body(node, index, model_class) -> Model | None"},
    {"_cf_set_body", pinot_py_cf_set_body, METH_VARARGS, "_cf_set_body(node, index, model) -> None"},
    {"_cf_add_input_value", pinot_py_cf_add_input_value, METH_VARARGS, "_cf_add_input_value(node, output) -> int"},
    {"_cf_add_body_input", pinot_py_cf_add_body_input, METH_VARARGS, "_cf_add_body_input(node, body, kind, ...)"},
    {"_cf_add_body_output", pinot_py_cf_add_body_output, METH_VARARGS, "_cf_add_body_output(node, ports) -> Output"},
    {"_cf_set_special_ports", pinot_py_cf_set_special_ports, METH_VARARGS,
     "_cf_set_special_ports(node, current_iteration, condition_result) -> None"},
    {"get_version", get_version, METH_NOARGS, "get_version() -> str\n\nVersion of the Pinot runtime."},
    {"_at_exit", pinot_py_runtime_at_exit, METH_NOARGS,
     "_at_exit(): from now on worker threads leave Python alone (atexit hook)."},
    {NULL, NULL, 0, NULL},
};

/* numpy takes longer to import than all of pinot, so it is imported on
 * first use: every function that touches numpy's C API calls this first. */
int pinot_py_require_numpy(void) {
    if (PyArray_API != NULL) {
        return 0;
    }
    return _import_array();
}

static int module_exec(PyObject * module) {
    pinot_py_state * st = PyModule_GetState(module);
    module_state = st;
    if (pinot_py_type_register(module, st) < 0 ||
        pinot_py_dimension_register(module, st) < 0 ||
        pinot_py_partial_shape_register(module, st) < 0 ||
        pinot_py_shape_register(module, st) < 0 ||
        pinot_py_layout_register(module, st) < 0 ||
        pinot_py_tensor_register(module, st) < 0 ||
        pinot_py_node_register(module, &graph_types) < 0 ||
        pinot_py_port_register(module, &graph_types) < 0 ||
        pinot_py_model_register(module, &graph_types) < 0 ||
        pinot_py_runtime_register(module, &graph_types) < 0 ||
        pinot_py_async_queue_register(module) < 0) {
        return -1;
    }
    return 0;
}

static int module_traverse(PyObject * module, visitproc visit, void * arg) {
    pinot_py_state * st = PyModule_GetState(module);
    PyObject ** slots = (PyObject **)st;
    for (size_t i = 0; i < sizeof(*st) / sizeof(PyObject *); i++) {
        Py_VISIT(slots[i]);
    }
    PyObject ** types = (PyObject **)&graph_types;
    for (size_t i = 0; i < sizeof(graph_types) / sizeof(PyObject *); i++) {
        Py_VISIT(types[i]);
    }
    return 0;
}

static int module_clear(PyObject * module) {
    pinot_py_state * st = PyModule_GetState(module);
    PyObject ** slots = (PyObject **)st;
    for (size_t i = 0; i < sizeof(*st) / sizeof(PyObject *); i++) {
        Py_CLEAR(slots[i]);
    }
    PyObject ** types = (PyObject **)&graph_types;
    for (size_t i = 0; i < sizeof(graph_types) / sizeof(PyObject *); i++) {
        Py_CLEAR(types[i]);
    }
    return 0;
}

static void module_free(void * module) {
    (void)module_clear((PyObject *)module);
    module_state = NULL;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#endif
    {0, NULL},
};

PyModuleDef pinot_py_module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pinot._pinot",
    .m_doc = "Pinot runtime: the C extension behind the pinot package.",
    .m_size = sizeof(pinot_py_state),
    .m_methods = module_methods,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__pinot(void) {
    return PyModuleDef_Init(&pinot_py_module_def);
}

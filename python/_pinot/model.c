/* pinot._pinot.Model: the C side of pinot.Model (the Python class in
 * pinot/_model.py handles OpenVINO's many constructor and reshape forms and
 * calls the primitives here). A model's inputs are its Parameters' outputs;
 * its outputs are its Results' outputs, as in OpenVINO; a Result's output port
 * describes its source's tensor (port.c). */
#include "graph_py.h"
#include "structmember.h"

#define MODEL(self) (((pinot_py_model_object *)(self))->model)

static PyObject * node_list(pinot_node_t * const * nodes, uint32_t n) {
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        PyObject * node = pinot_py_node_new(nodes[i]);
        if (node == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, node);
    }
    return list;
}

/* Nodes from a list of Python Node objects (borrowed), with a type check. */
static pinot_node_t ** nodes_from_list(PyObject * list, const char * what, Py_ssize_t * n) {
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    *n = PyList_GET_SIZE(list);
    pinot_node_t ** nodes = PyMem_Calloc((size_t)*n + 1, sizeof(*nodes));
    if (nodes == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        PyObject * item = PyList_GET_ITEM(list, i);
        if (!PyObject_TypeCheck(item, types->NodeType)) {
            PyErr_Format(PyExc_TypeError, "%s must be Nodes (item %zd is %s)", what, i, Py_TYPE(item)->tp_name);
            PyMem_Free(nodes);
            return NULL;
        }
        nodes[i] = ((pinot_py_node_object *)item)->node;
    }
    return nodes;
}

/* Give unnamed inputs and outputs a tensor name (their node's friendly name),
 * as OpenVINO's Model constructor does, so every port can be found by name. */
static pinot_status name_ports(pinot_model_t * model) {
    char name[512];
    for (uint32_t i = 0; i < pinot_model_get_parameter_count(model); i++) {
        pinot_node_t * p = pinot_model_get_parameter(model, i);
        if (pinot_node_get_output_name_count(p, 0) == 0) {
            pinot_node_get_friendly_name(p, name, sizeof(name));
            const char * names[] = {name};
            pinot_status status = pinot_node_add_output_names(p, 0, names, 1);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
    }
    for (uint32_t i = 0; i < pinot_model_get_result_count(model); i++) {
        pinot_node_t * r = pinot_model_get_result(model, i);
        pinot_output_ref source = pinot_node_get_input(r, 0);
        if (pinot_node_get_output_name_count(source.node, source.index) == 0) {
            pinot_node_get_friendly_name(r, name, sizeof(name));
            const char * names[] = {name};
            pinot_status status = pinot_node_add_output_names(source.node, source.index, names, 1);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
    }
    return PINOT_STATUS_OK;
}

PyObject * pinot_py_model_wrap(PyTypeObject * type, pinot_model_t * model) {
    pinot_py_model_object * self = (pinot_py_model_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        pinot_model_free(model);
        return NULL;
    }
    self->model = model;
    return (PyObject *)self;
}

/* _pinot.Model(results: list[Result], sinks: list[Node], parameters: list[Parameter], name: str) */
static int model_init(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"results", "sinks", "parameters", "name", NULL};
    PyObject * results, * sinks, * parameters;
    const char * name = "";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!O!O!|s:Model", kwlist, &PyList_Type, &results, &PyList_Type,
                                     &sinks, &PyList_Type, &parameters, &name)) {
        return -1;
    }
    Py_ssize_t n_results, n_sinks, n_parameters;
    pinot_node_t ** r = nodes_from_list(results, "results", &n_results);
    pinot_node_t ** s = r != NULL ? nodes_from_list(sinks, "sinks", &n_sinks) : NULL;
    pinot_node_t ** p = s != NULL ? nodes_from_list(parameters, "parameters", &n_parameters) : NULL;
    int rc = -1;
    if (p != NULL) {
        pinot_model_t * model = NULL;
        pinot_status status =
            pinot_model_create(r, (size_t)n_results, s, (size_t)n_sinks, p, (size_t)n_parameters, name, &model);
        if (status == PINOT_STATUS_OK) {
            status = name_ports(model);
        }
        if (status != PINOT_STATUS_OK) {
            pinot_model_free(model);
            pinot_py_raise(status);
        } else {
            pinot_model_free(MODEL(self));
            MODEL(self) = model;
            rc = 0;
        }
    }
    PyMem_Free(r);
    PyMem_Free(s);
    PyMem_Free(p);
    return rc;
}

static int model_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((pinot_py_model_object *)self)->dict);
    return 0;
}

static int model_clear(PyObject * self) {
    Py_CLEAR(((pinot_py_model_object *)self)->dict);
    return 0;
}

static void model_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    model_clear(self);
    pinot_model_free(MODEL(self));
    type->tp_free(self);
    Py_DECREF(type);
}

static int check_model(PyObject * self) {
    if (MODEL(self) == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the model is not initialized");
        return -1;
    }
    return 0;
}

#define CHECK(self) \
    if (check_model(self) < 0) { \
        return NULL; \
    }

static PyObject * model_get_parameters(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    pinot_model_t * m = MODEL(self);
    uint32_t n = pinot_model_get_parameter_count(m);
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        PyObject * node = pinot_py_node_new(pinot_model_get_parameter(m, i));
        if (node == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, node);
    }
    return list;
}

static PyObject * model_get_results(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    pinot_model_t * m = MODEL(self);
    uint32_t n = pinot_model_get_result_count(m);
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        PyObject * node = pinot_py_node_new(pinot_model_get_result(m, i));
        if (node == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, node);
    }
    return list;
}

static PyObject * model_get_sinks(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    pinot_model_t * m = MODEL(self);
    uint32_t n = pinot_model_get_sink_count(m);
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        PyObject * node = pinot_py_node_new(pinot_model_get_sink(m, i));
        if (node == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, node);
    }
    return list;
}

/* Ports: inputs are Parameter outputs, outputs the Results' outputs. kind 'O' or 'C'. */
PyObject * pinot_py_model_ports(const pinot_model_t * m, bool inputs, char kind) {
    uint32_t n = inputs ? pinot_model_get_parameter_count(m) : pinot_model_get_result_count(m);
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        PyObject * port;
        if (inputs) {
            port = pinot_py_port_new(pinot_model_get_parameter(m, i), 0, kind);
        } else {
            port = pinot_py_port_new(pinot_model_get_result(m, i), 0, kind);
        }
        if (port == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, port);
    }
    return list;
}

static PyObject * model_get_ordered_ops(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    uint32_t count = 0;
    pinot_status status = pinot_model_get_ordered_ops(MODEL(self), NULL, 0, &count);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    pinot_node_t ** nodes = PyMem_Calloc((size_t)count + 1, sizeof(*nodes));
    if (nodes == NULL) {
        return PyErr_NoMemory();
    }
    status = pinot_model_get_ordered_ops(MODEL(self), nodes, count, &count);
    PyObject * list = status == PINOT_STATUS_OK ? node_list(nodes, count) : pinot_py_raise(status);
    PyMem_Free(nodes);
    return list;
}

static PyObject * model_get_friendly_name(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    char name[1024];
    pinot_model_get_friendly_name(MODEL(self), name, sizeof(name));
    return PyUnicode_FromString(name);
}

static PyObject * model_set_friendly_name(PyObject * self, PyObject * name) {
    CHECK(self);
    const char * text = PyUnicode_AsUTF8(name);
    if (text == NULL) {
        return NULL;
    }
    pinot_status status = pinot_model_set_friendly_name(MODEL(self), text);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * model_is_dynamic(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    return PyBool_FromLong(pinot_model_is_dynamic(MODEL(self)));
}

static PyObject * model_clone(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    pinot_model_t * copy = NULL;
    pinot_status status = pinot_model_clone(MODEL(self), &copy);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_model_wrap(Py_TYPE(self), copy);
}

/* _reshape({index: PartialShape}) — the Python class maps names and ports to indices. */
static PyObject * model_reshape_indices(PyObject * self, PyObject * mapping) {
    CHECK(self);
    if (!PyDict_Check(mapping)) {
        PyErr_SetString(PyExc_TypeError, "_reshape expects a dict {input index: PartialShape}");
        return NULL;
    }
    Py_ssize_t n = PyDict_Size(mapping);
    uint32_t * indices = PyMem_Calloc((size_t)n + 1, sizeof(uint32_t));
    pinot_partial_shape * shapes = PyMem_Calloc((size_t)n + 1, sizeof(pinot_partial_shape));
    PyObject * result = NULL;
    if (indices == NULL || shapes == NULL) {
        PyErr_NoMemory();
        goto cleanup;
    }
    PyObject * key, * value;
    Py_ssize_t pos = 0, i = 0;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        long index = PyLong_AsLong(key);
        if (index < 0 && PyErr_Occurred()) {
            goto cleanup;
        }
        indices[i] = (uint32_t)index;
        if (!pinot_py_convert_partial_shape(value, &shapes[i])) {
            goto cleanup;
        }
        i++;
    }
    pinot_status status;
    Py_BEGIN_ALLOW_THREADS
    status = pinot_model_reshape(MODEL(self), indices, shapes, (size_t)n);
    Py_END_ALLOW_THREADS
    result = status == PINOT_STATUS_OK ? Py_NewRef(Py_None) : pinot_py_raise(status);
cleanup:
    PyMem_Free(indices);
    PyMem_Free(shapes);
    return result;
}

static PyObject * model_add_result_nodes(PyObject * self, PyObject * results) {
    CHECK(self);
    if (!PyList_Check(results)) {
        PyErr_SetString(PyExc_TypeError, "_add_results expects a list of Result nodes");
        return NULL;
    }
    Py_ssize_t n;
    pinot_node_t ** nodes = nodes_from_list(results, "results", &n);
    if (nodes == NULL) {
        return NULL;
    }
    pinot_status status = pinot_model_add_results(MODEL(self), nodes, (size_t)n);
    if (status == PINOT_STATUS_OK) {
        status = name_ports(MODEL(self));
    }
    PyMem_Free(nodes);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * model_validate(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    pinot_status status = pinot_model_reshape(MODEL(self), NULL, NULL, 0);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* _read(path_or_bytes) -> ModelBase subclass instance (classmethod; GIL released while reading). */
static PyObject * model_read(PyObject * cls, PyObject * source) {
    pinot_model_t * model = NULL;
    pinot_status status;
    if (PyBytes_Check(source)) {
        const char * data = PyBytes_AS_STRING(source);
        Py_ssize_t size = PyBytes_GET_SIZE(source);
        /* `source` is kept alive by the caller's frame while the GIL is released. */
        Py_BEGIN_ALLOW_THREADS
        status = pinot_read_model_from_memory(data, (size_t)size, &model);
        Py_END_ALLOW_THREADS
    } else {
        PyObject * path = NULL;
        if (!PyUnicode_FSConverter(source, &path)) {
            return NULL;
        }
        const char * text = PyBytes_AS_STRING(path);
        Py_BEGIN_ALLOW_THREADS
        status = pinot_read_model(text, &model);
        Py_END_ALLOW_THREADS
        Py_DECREF(path);
    }
    if (status == PINOT_STATUS_OK) {
        status = name_ports(model);
        if (status != PINOT_STATUS_OK) {
            pinot_model_free(model);
        }
    }
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_model_wrap((PyTypeObject *)cls, model);
}

static PyObject * model_raw_address(PyObject * self, PyObject * unused) {
    (void)unused;
    CHECK(self);
    return PyLong_FromVoidPtr(MODEL(self));
}

static PyObject * model_release(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_model_free(MODEL(self));
    MODEL(self) = NULL;
    Py_RETURN_NONE;
}

static PyObject * model_prop_inputs(PyObject * self, void * closure) {
    (void)closure;
    CHECK(self);
    return pinot_py_model_ports(MODEL(self), true, 'O');
}

static PyObject * model_prop_outputs(PyObject * self, void * closure) {
    (void)closure;
    CHECK(self);
    return pinot_py_model_ports(MODEL(self), false, 'O');
}

static PyMethodDef model_methods[] = {
    {"get_parameters", model_get_parameters, METH_NOARGS, "get_parameters() -> list[op.Parameter]"},
    {"get_results", model_get_results, METH_NOARGS, "get_results() -> list[op.Result]"},
    {"get_sinks", model_get_sinks, METH_NOARGS, "get_sinks() -> list[Node]"},
    {"get_ordered_ops", model_get_ordered_ops, METH_NOARGS, "get_ordered_ops() -> list[Node] (topological)"},
    {"get_friendly_name", model_get_friendly_name, METH_NOARGS, "get_friendly_name() -> str"},
    {"set_friendly_name", model_set_friendly_name, METH_O, "set_friendly_name(name: str) -> None"},
    {"is_dynamic", model_is_dynamic, METH_NOARGS, "is_dynamic() -> bool"},
    {"clone", model_clone, METH_NOARGS, "clone() -> Model"},
    {"validate_nodes_and_infer_types", model_validate, METH_NOARGS, "validate_nodes_and_infer_types() -> None"},
    {"_get_raw_address", model_raw_address, METH_NOARGS, NULL},
    {"_read", model_read, METH_O | METH_CLASS, NULL},
    {"_reshape", model_reshape_indices, METH_O, NULL},
    {"_add_results", model_add_result_nodes, METH_O, NULL},
    {"_release", model_release, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef model_getset[] = {
    {"inputs", model_prop_inputs, NULL, "list[Output]", NULL},
    {"outputs", model_prop_outputs, NULL, "list[Output]", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef model_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(pinot_py_model_object, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot model_slots[] = {
    {Py_tp_init, model_init},
    {Py_tp_dealloc, model_dealloc},
    {Py_tp_traverse, model_traverse},
    {Py_tp_clear, model_clear},
    {Py_tp_methods, model_methods},
    {Py_tp_getset, model_getset},
    {Py_tp_members, model_members},
    {Py_tp_doc, "The C side of pinot.Model."},
    {0, NULL},
};

static PyType_Spec model_spec = {
    .name = "pinot._pinot.ModelBase",
    .basicsize = sizeof(pinot_py_model_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = model_slots,
};

int pinot_py_model_register(PyObject * module, pinot_py_graph_types * types) {
    types->ModelType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &model_spec, NULL);
    if (types->ModelType == NULL) {
        return -1;
    }
    return PyModule_AddType(module, types->ModelType);
}

/* The C side of pinot.CompiledModel and pinot.InferRequest: compiling (GIL
 * released), port lookup by index, name or port, binding tensors, and
 * synchronous inference with the GIL released. The OpenVINO-style argument
 * handling (dicts of numpy arrays, OVDict results) is Python, in
 * pinot/_runtime.py, on top of these primitives. */
#include "graph_py.h"
#include "structmember.h"

#define COMPILED(self) (((pinot_py_compiled_model_object *)(self))->compiled)
#define REQUEST(self) (((pinot_py_infer_request_object *)(self))->request)

/* ---- CompiledModel ---- */

/* _pinot.CompiledModelBase(model: ModelBase, device: str) */
static int compiled_init(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"model", "device", NULL};
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    PyObject * model;
    const char * device = "CPU";
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!|s:CompiledModel", kwlist, types->ModelType, &model, &device)) {
        return -1;
    }
    const pinot_model_t * m = ((pinot_py_model_object *)model)->model;
    if (m == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the model is not initialized");
        return -1;
    }
    pinot_compiled_model_t * compiled = NULL;
    pinot_status status;
    /* The model object stays alive through `args` while the GIL is released. */
    Py_BEGIN_ALLOW_THREADS
    status = pinot_compiled_model_create(m, device, &compiled);
    Py_END_ALLOW_THREADS
    if (status != PINOT_STATUS_OK) {
        pinot_py_raise(status);
        return -1;
    }
    pinot_compiled_model_free(COMPILED(self));
    COMPILED(self) = compiled;
    return 0;
}

static int compiled_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((pinot_py_compiled_model_object *)self)->dict);
    return 0;
}

static int compiled_clear(PyObject * self) {
    Py_CLEAR(((pinot_py_compiled_model_object *)self)->dict);
    return 0;
}

static void compiled_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    compiled_clear(self);
    pinot_compiled_model_free(COMPILED(self));
    type->tp_free(self);
    Py_DECREF(type);
}

static int check_compiled(PyObject * self) {
    if (COMPILED(self) == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the compiled model is not initialized");
        return -1;
    }
    return 0;
}

static PyObject * compiled_prop_inputs(PyObject * self, void * closure) {
    (void)closure;
    if (check_compiled(self) < 0) {
        return NULL;
    }
    return pinot_py_model_ports(pinot_compiled_model_get_model(COMPILED(self)), true, 'C');
}

static PyObject * compiled_prop_outputs(PyObject * self, void * closure) {
    (void)closure;
    if (check_compiled(self) < 0) {
        return NULL;
    }
    return pinot_py_model_ports(pinot_compiled_model_get_model(COMPILED(self)), false, 'C');
}

static PyObject * compiled_get_device(PyObject * self, PyObject * unused) {
    (void)unused;
    if (check_compiled(self) < 0) {
        return NULL;
    }
    return PyUnicode_FromString(pinot_compiled_model_get_device(COMPILED(self)));
}

static PyObject * compiled_create_request(PyObject * self, PyObject * request_type) {
    if (check_compiled(self) < 0) {
        return NULL;
    }
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    if (!PyType_Check(request_type) || !PyType_IsSubtype((PyTypeObject *)request_type, types->InferRequestType)) {
        PyErr_SetString(PyExc_TypeError, "_create_request expects an InferRequest class");
        return NULL;
    }
    pinot_infer_request_t * request = NULL;
    pinot_status status;
    Py_BEGIN_ALLOW_THREADS
    status = pinot_infer_request_create(COMPILED(self), &request);
    Py_END_ALLOW_THREADS
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    PyTypeObject * type = (PyTypeObject *)request_type;
    pinot_py_infer_request_object * obj = (pinot_py_infer_request_object *)type->tp_alloc(type, 0);
    if (obj == NULL) {
        pinot_infer_request_free(request);
        return NULL;
    }
    obj->request = request;
    obj->compiled = Py_NewRef(self);
    return (PyObject *)obj;
}

static PyMethodDef compiled_methods[] = {
    {"_get_device", compiled_get_device, METH_NOARGS, NULL},
    {"_create_request", compiled_create_request, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef compiled_getset[] = {
    {"inputs", compiled_prop_inputs, NULL, "list[ConstOutput]", NULL},
    {"outputs", compiled_prop_outputs, NULL, "list[ConstOutput]", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef compiled_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(pinot_py_compiled_model_object, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot compiled_slots[] = {
    {Py_tp_init, compiled_init},
    {Py_tp_dealloc, compiled_dealloc},
    {Py_tp_traverse, compiled_traverse},
    {Py_tp_clear, compiled_clear},
    {Py_tp_methods, compiled_methods},
    {Py_tp_getset, compiled_getset},
    {Py_tp_members, compiled_members},
    {Py_tp_doc, "The C side of pinot.CompiledModel."},
    {0, NULL},
};

static PyType_Spec compiled_spec = {
    .name = "pinot._pinot.CompiledModelBase",
    .basicsize = sizeof(pinot_py_compiled_model_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = compiled_slots,
};

/* ---- InferRequest ---- */

static int request_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((pinot_py_infer_request_object *)self)->compiled);
    Py_VISIT(((pinot_py_infer_request_object *)self)->dict);
    return 0;
}

static int request_clear(PyObject * self) {
    Py_CLEAR(((pinot_py_infer_request_object *)self)->dict);
    Py_CLEAR(((pinot_py_infer_request_object *)self)->compiled);
    return 0;
}

static void request_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    pinot_infer_request_t * request = REQUEST(self);
    REQUEST(self) = NULL;
    if (request != NULL) {
        /* Freeing may release shared numpy arrays, which takes the GIL itself. */
        Py_BEGIN_ALLOW_THREADS
        pinot_infer_request_free(request);
        Py_END_ALLOW_THREADS
    }
    request_clear(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static int check_request(PyObject * self) {
    if (REQUEST(self) == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the infer request is not initialized");
        return -1;
    }
    return 0;
}

static const pinot_model_t * request_model(PyObject * self) {
    return pinot_compiled_model_get_model(
        COMPILED(((pinot_py_infer_request_object *)self)->compiled));
}

/* Finds a port by name or port object: *is_input and *index. Returns 0, or -1 with RuntimeError/TypeError. */
static int find_port(PyObject * self, PyObject * key, bool * is_input, uint32_t * index) {
    const pinot_model_t * m = request_model(self);
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    uint32_t n_in = pinot_model_get_parameter_count(m), n_out = pinot_model_get_result_count(m);
    if (PyUnicode_Check(key)) {
        const char * name = PyUnicode_AsUTF8(key);
        if (name == NULL) {
            return -1;
        }
        for (uint32_t pass = 0; pass < 2; pass++) {
            uint32_t n = pass == 0 ? n_in : n_out;
            for (uint32_t i = 0; i < n; i++) {
                pinot_output_ref port = pass == 0 ? (pinot_output_ref){pinot_model_get_parameter(m, i), 0}
                                                  : pinot_node_get_input(pinot_model_get_result(m, i), 0);
                uint32_t n_names = pinot_node_get_output_name_count(port.node, port.index);
                for (uint32_t k = 0; k < n_names; k++) {
                    if (strcmp(pinot_node_get_output_name(port.node, port.index, k), name) == 0) {
                        *is_input = pass == 0;
                        *index = i;
                        return 0;
                    }
                }
            }
        }
        PyErr_Format(PyExc_RuntimeError, "Port for tensor name %s was not found.", name);
        return -1;
    }
    if (PyObject_TypeCheck(key, types->OutputType) || PyObject_TypeCheck(key, types->ConstOutputType)) {
        pinot_py_port_object * port = (pinot_py_port_object *)key;
        for (uint32_t i = 0; i < n_in; i++) {
            if (pinot_model_get_parameter(m, i) == port->node && port->index == 0) {
                *is_input = true;
                *index = i;
                return 0;
            }
        }
        for (uint32_t i = 0; i < n_out; i++) {
            pinot_node_t * result = pinot_model_get_result(m, i);
            pinot_output_ref source = pinot_node_get_input(result, 0);
            if ((result == port->node && port->index == 0) ||
                (source.node == port->node && source.index == port->index)) {
                *is_input = false;
                *index = i;
                return 0;
            }
        }
        /* A port of another graph (e.g. the original Model): match by its names. */
        uint32_t n_names = pinot_node_get_output_name_count(port->node, port->index);
        for (uint32_t k = 0; k < n_names; k++) {
            PyObject * name = PyUnicode_FromString(pinot_node_get_output_name(port->node, port->index, k));
            if (name == NULL) {
                return -1;
            }
            int rc = find_port(self, name, is_input, index);
            Py_DECREF(name);
            if (rc == 0) {
                return 0;
            }
            PyErr_Clear();
        }
        PyErr_SetString(PyExc_RuntimeError, "The port is not an input or output of this compiled model");
        return -1;
    }
    PyErr_Format(PyExc_TypeError,
                 "incompatible function arguments: expected a tensor name (str) or a port (ConstOutput), got %s",
                 Py_TYPE(key)->tp_name);
    return -1;
}

static int index_arg(PyObject * arg, uint32_t count, const char * what, uint32_t * out) {
    long long i = PyLong_AsLongLong(arg);
    if (i == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (i < 0 || (uint64_t)i >= count) {
        PyErr_Format(PyExc_RuntimeError, "%s index %lld is out of range (the model has %u)", what, i, count);
        return -1;
    }
    *out = (uint32_t)i;
    return 0;
}

static PyObject * request_get_input_tensor(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (check_request(self) < 0 ||
        index_arg(arg, pinot_model_get_parameter_count(request_model(self)), "input", &i) < 0) {
        return NULL;
    }
    return pinot_py_tensor_new(pinot_tensor_retain(pinot_infer_request_get_input_tensor(REQUEST(self), i)));
}

static PyObject * request_get_output_tensor(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (check_request(self) < 0 ||
        index_arg(arg, pinot_model_get_result_count(request_model(self)), "output", &i) < 0) {
        return NULL;
    }
    return pinot_py_tensor_new(pinot_tensor_retain(pinot_infer_request_get_output_tensor(REQUEST(self), i)));
}

static int tensor_arg(PyObject * obj, pinot_tensor_t ** out) {
    pinot_py_state * st = pinot_py_state_get();
    if (!PyObject_TypeCheck(obj, st->TensorType)) {
        PyErr_Format(PyExc_TypeError, "incompatible function arguments: expected a Tensor, got %s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    *out = ((pinot_py_tensor_object *)obj)->tensor;
    return 0;
}

static PyObject * request_set_input_tensor(PyObject * self, PyObject * args) {
    PyObject * index_obj, * tensor_obj;
    uint32_t i;
    pinot_tensor_t * tensor;
    if (check_request(self) < 0 || !PyArg_ParseTuple(args, "OO:_set_input_tensor", &index_obj, &tensor_obj) ||
        index_arg(index_obj, pinot_model_get_parameter_count(request_model(self)), "input", &i) < 0 ||
        tensor_arg(tensor_obj, &tensor) < 0) {
        return NULL;
    }
    /* OpenVINO rejects a tensor whose shape the input cannot take when it is set
     * (the C API checks again at infer time, after any reshape of the tensor). */
    pinot_node_t * param = pinot_model_get_parameter(request_model(self), i);
    const pinot_partial_shape * port_shape = pinot_node_get_output_shape(param, 0);
    pinot_partial_shape shape;
    pinot_partial_shape_from_shape(&shape, pinot_tensor_get_shape(tensor));
    if (!pinot_partial_shape_compatible(port_shape, &shape)) {
        char expected[512], got[512];
        pinot_partial_shape_to_string(port_shape, expected, sizeof(expected));
        pinot_partial_shape_to_string(&shape, got, sizeof(got));
        PyErr_Format(PyExc_RuntimeError,
                     "Can't set the input tensor with index: %u, because the model input (shape=%s) and the tensor "
                     "(shape=%s) are incompatible", i, expected, got);
        return NULL;
    }
    pinot_status status = pinot_infer_request_set_input_tensor(REQUEST(self), i, tensor);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * request_set_output_tensor(PyObject * self, PyObject * args) {
    PyObject * index_obj, * tensor_obj;
    uint32_t i;
    pinot_tensor_t * tensor;
    if (check_request(self) < 0 || !PyArg_ParseTuple(args, "OO:_set_output_tensor", &index_obj, &tensor_obj) ||
        index_arg(index_obj, pinot_model_get_result_count(request_model(self)), "output", &i) < 0 ||
        tensor_arg(tensor_obj, &tensor) < 0) {
        return NULL;
    }
    pinot_status status = pinot_infer_request_set_output_tensor(REQUEST(self), i, tensor);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* _find_port(name_or_port) -> (is_input: bool, index: int) */
static PyObject * request_find_port(PyObject * self, PyObject * key) {
    bool is_input;
    uint32_t index;
    if (check_request(self) < 0 || find_port(self, key, &is_input, &index) < 0) {
        return NULL;
    }
    return Py_BuildValue("(OI)", is_input ? Py_True : Py_False, index);
}

static PyObject * request_infer(PyObject * self, PyObject * unused) {
    (void)unused;
    if (check_request(self) < 0) {
        return NULL;
    }
    pinot_status status;
    Py_BEGIN_ALLOW_THREADS
    status = pinot_infer_request_infer(REQUEST(self));
    Py_END_ALLOW_THREADS
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* ---- variable state ---- */

static PyObject * request_query_state(PyObject * self, PyObject * unused) {
    (void)unused;
    if (check_request(self) < 0) {
        return NULL;
    }
    PyObject * module = PyImport_ImportModule("pinot._state");
    PyObject * cls = module != NULL ? PyObject_GetAttrString(module, "VariableState") : NULL;
    Py_XDECREF(module);
    if (cls == NULL) {
        return NULL;
    }
    uint32_t n = pinot_infer_request_get_state_count(REQUEST(self));
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        const char * id = pinot_model_get_variable_id(request_model(self), i);
        PyObject * state = PyObject_CallFunction(cls, "OIs", self, i, id);
        if (state == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, state);
    }
    Py_DECREF(cls);
    return list;
}

static PyObject * request_get_state(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (check_request(self) < 0 ||
        index_arg(arg, pinot_infer_request_get_state_count(REQUEST(self)), "variable", &i) < 0) {
        return NULL;
    }
    pinot_tensor_t * value = NULL;
    pinot_status status = pinot_infer_request_get_state(REQUEST(self), i, &value);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_tensor_new(value);
}

static PyObject * request_set_state(PyObject * self, PyObject * args) {
    PyObject * index_obj, * tensor_obj;
    uint32_t i;
    pinot_tensor_t * tensor;
    if (check_request(self) < 0 || !PyArg_ParseTuple(args, "OO:_set_state", &index_obj, &tensor_obj) ||
        index_arg(index_obj, pinot_infer_request_get_state_count(REQUEST(self)), "variable", &i) < 0 ||
        tensor_arg(tensor_obj, &tensor) < 0) {
        return NULL;
    }
    pinot_status status = pinot_infer_request_set_state(REQUEST(self), i, tensor);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* reset_state() resets every variable; _reset_state(i) one. */
static PyObject * request_reset_state(PyObject * self, PyObject * args) {
    int index = -1;
    if (check_request(self) < 0 || !PyArg_ParseTuple(args, "|i:reset_state", &index)) {
        return NULL;
    }
    pinot_infer_request_reset_state(REQUEST(self), index < 0 ? UINT32_MAX : (uint32_t)index);
    Py_RETURN_NONE;
}

static PyObject * request_prop_compiled(PyObject * self, void * closure) {
    (void)closure;
    PyObject * compiled = ((pinot_py_infer_request_object *)self)->compiled;
    return Py_NewRef(compiled != NULL ? compiled : Py_None);
}

static PyObject * request_prop_model_inputs(PyObject * self, void * closure) {
    (void)closure;
    if (check_request(self) < 0) {
        return NULL;
    }
    return pinot_py_model_ports(request_model(self), true, 'C');
}

static PyObject * request_prop_model_outputs(PyObject * self, void * closure) {
    (void)closure;
    if (check_request(self) < 0) {
        return NULL;
    }
    return pinot_py_model_ports(request_model(self), false, 'C');
}

static PyMethodDef request_methods[] = {
    {"_get_input_tensor", request_get_input_tensor, METH_O, NULL},
    {"_get_output_tensor", request_get_output_tensor, METH_O, NULL},
    {"_set_input_tensor", request_set_input_tensor, METH_VARARGS, NULL},
    {"_set_output_tensor", request_set_output_tensor, METH_VARARGS, NULL},
    {"_find_port", request_find_port, METH_O, NULL},
    {"_infer", request_infer, METH_NOARGS, NULL},
    {"query_state", request_query_state, METH_NOARGS, "query_state() -> list[VariableState]"},
    {"reset_state", request_reset_state, METH_VARARGS, "reset_state() -> None: every variable to its initial value"},
    {"_get_state", request_get_state, METH_O, NULL},
    {"_set_state", request_set_state, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef request_getset[] = {
    {"_compiled_model", request_prop_compiled, NULL, NULL, NULL},
    {"model_inputs", request_prop_model_inputs, NULL, "list[ConstOutput]", NULL},
    {"model_outputs", request_prop_model_outputs, NULL, "list[ConstOutput]", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef request_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(pinot_py_infer_request_object, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyObject * request_tp_new(PyTypeObject * type, PyObject * args, PyObject * kwargs) {
    (void)type;
    (void)args;
    (void)kwargs;
    PyErr_SetString(PyExc_TypeError, "InferRequest objects are created by CompiledModel.create_infer_request()");
    return NULL;
}

static PyType_Slot request_slots[] = {
    {Py_tp_new, request_tp_new},
    {Py_tp_dealloc, request_dealloc},
    {Py_tp_traverse, request_traverse},
    {Py_tp_clear, request_clear},
    {Py_tp_methods, request_methods},
    {Py_tp_getset, request_getset},
    {Py_tp_members, request_members},
    {Py_tp_doc, "The C side of pinot.InferRequest."},
    {0, NULL},
};

static PyType_Spec request_spec = {
    .name = "pinot._pinot.InferRequestBase",
    .basicsize = sizeof(pinot_py_infer_request_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = request_slots,
};

int pinot_py_runtime_register(PyObject * module, pinot_py_graph_types * types) {
    types->CompiledModelType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &compiled_spec, NULL);
    types->InferRequestType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &request_spec, NULL);
    if (types->CompiledModelType == NULL || types->InferRequestType == NULL) {
        return -1;
    }
    if (PyModule_AddType(module, types->CompiledModelType) < 0 || PyModule_AddType(module, types->InferRequestType) < 0) {
        return -1;
    }
    return 0;
}

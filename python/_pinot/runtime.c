/* The C side of pinot.CompiledModel and pinot.InferRequest: compiling (GIL
 * released), port lookup by index, name or port, binding tensors, and
 * synchronous inference with the GIL released. The OpenVINO-style argument
 * handling (dicts of numpy arrays, OVDict results) is Python, in
 * pinot/_runtime.py, on top of these primitives. */
#include <stdatomic.h>

#include "graph_py.h"
#include "structmember.h"

#define COMPILED(self) (((pinot_py_compiled_model_object *)(self))->compiled)
#define REQUEST(self) (((pinot_py_infer_request_object *)(self))->request)

/* ---- interpreter shutdown ---- */

static atomic_bool runtime_exiting;

bool pinot_py_runtime_alive(void) {
    return !atomic_load(&runtime_exiting);
}

PyObject * pinot_py_runtime_at_exit(PyObject * module, PyObject * unused) {
    (void)module;
    (void)unused;
    atomic_store(&runtime_exiting, true);
    Py_RETURN_NONE;
}

/* 100 ms slices: Ctrl-C is noticed within that, and an idle waiter costs nothing. */
#define WAIT_SLICE_MS 100

int pinot_py_wait_request(pinot_infer_request_t * request, int64_t timeout_ms, pinot_status * status) {
    if (pinot_infer_request_get_run_state(request) == PINOT_REQUEST_STATE_IDLE) {
        /* wait() on a request never started returns; wait_for() reports not ready, as OpenVINO. */
        *status = timeout_ms < 0 ? PINOT_STATUS_OK : PINOT_STATUS_NOT_READY;
        return 0;
    }
    for (;;) {
        int64_t slice = timeout_ms >= 0 && timeout_ms < WAIT_SLICE_MS ? timeout_ms : WAIT_SLICE_MS;
        pinot_status st;
        Py_BEGIN_ALLOW_THREADS
        st = pinot_infer_request_wait_for(request, slice);
        Py_END_ALLOW_THREADS
        if (timeout_ms >= 0) {
            timeout_ms -= slice;
        }
        if (st != PINOT_STATUS_NOT_READY || timeout_ms == 0) {
            *status = st;
            return 0;
        }
        if (PyErr_CheckSignals() < 0) {
            return -1;
        }
    }
}

/* ---- CompiledModel ---- */

/* _pinot.CompiledModelBase(model: ModelBase, device: str, num_streams=None, inference_num_threads=0,
 *                          performance_mode=0, num_requests=0) */
static int compiled_init(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"model", "device", "num_streams", "inference_num_threads", "performance_mode",
                              "num_requests", NULL};
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    PyObject * model;
    PyObject * num_streams = Py_None;
    const char * device = "CPU";
    pinot_compile_config config = pinot_compile_config_default();
    int mode = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!|sOIiI:CompiledModel", kwlist, types->ModelType, &model, &device,
                                     &num_streams, &config.n_threads, &mode, &config.num_requests)) {
        return -1;
    }
    if (num_streams != Py_None) {
        long n = PyLong_AsLong(num_streams);
        if (n == -1 && PyErr_Occurred()) {
            return -1;
        }
        config.num_streams = (int32_t)n;
    }
    config.performance_mode = (pinot_performance_mode)mode;
    const pinot_model_t * m = ((pinot_py_model_object *)model)->model;
    if (m == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the model is not initialized");
        return -1;
    }
    pinot_compiled_model_t * compiled = NULL;
    pinot_status status;
    /* The model object stays alive through `args` while the GIL is released. */
    Py_BEGIN_ALLOW_THREADS
    status = pinot_compiled_model_create_with_config(m, device, &config, &compiled);
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
    pinot_compiled_model_t * compiled = COMPILED(self);
    /* Freeing a large graph is real work, so it runs without the GIL: consumer lists
     * of nodes still shared with Python objects are edited under their own lock, and
     * shared numpy constants it releases take the GIL themselves. */
    Py_BEGIN_ALLOW_THREADS
    pinot_compiled_model_free(compiled);
    Py_END_ALLOW_THREADS
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

/* _execution() -> (num_streams, inference_num_threads, performance_mode, optimal_number_of_infer_requests) */
static PyObject * compiled_execution(PyObject * self, PyObject * unused) {
    (void)unused;
    if (check_compiled(self) < 0) {
        return NULL;
    }
    const pinot_compiled_model_t * c = COMPILED(self);
    return Py_BuildValue("(IIiI)", pinot_compiled_model_get_num_streams(c), pinot_compiled_model_get_num_threads(c),
                         (int)pinot_compiled_model_get_performance_mode(c),
                         pinot_compiled_model_get_optimal_number_of_infer_requests(c));
}

static PyMethodDef compiled_methods[] = {
    {"_get_device", compiled_get_device, METH_NOARGS, NULL},
    {"_execution", compiled_execution, METH_NOARGS, NULL},
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
    Py_VISIT(((pinot_py_infer_request_object *)self)->callback);
    Py_VISIT(((pinot_py_infer_request_object *)self)->userdata);
    return 0;
}

static int request_clear(PyObject * self) {
    Py_CLEAR(((pinot_py_infer_request_object *)self)->dict);
    Py_CLEAR(((pinot_py_infer_request_object *)self)->callback);
    Py_CLEAR(((pinot_py_infer_request_object *)self)->userdata);
    Py_CLEAR(((pinot_py_infer_request_object *)self)->callback_error);
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

/* ---- async ---- */

#define REQ(self) ((pinot_py_infer_request_object *)(self))

/* "ValueError: boom": how OpenVINO words a callback's exception when wait() re-raises it. */
static PyObject * describe_exception(void) {
    PyObject * type, * value, * tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject * text = value != NULL ? PyObject_Str(value) : NULL;
    PyObject * described = NULL;
    if (text != NULL && type != NULL) {
        described = PyUnicode_FromFormat("%s: %U", ((PyTypeObject *)type)->tp_name, text);
    }
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    PyErr_Clear();
    return described;
}

/* Runs on a stream worker when a run started by start_async ends; @p user is
 * the request object, kept alive (one reference) for the run. The runtime
 * holds no lock here, so taking the GIL cannot deadlock against a thread that
 * holds the GIL and waits for the request. */
static void request_done(pinot_infer_request_t * request, pinot_status status, void * user) {
    (void)request;
    if (!pinot_py_runtime_alive()) {
        return; /* the reference is leaked on purpose: Python is going away */
    }
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject * self = user;
    if (status == PINOT_STATUS_OK && REQ(self)->callback != NULL) {
        PyObject * callback = Py_NewRef(REQ(self)->callback);
        PyObject * userdata = Py_NewRef(REQ(self)->userdata != NULL ? REQ(self)->userdata : Py_None);
        PyObject * result = PyObject_CallOneArg(callback, userdata);
        if (result == NULL) {
            PyObject * described = describe_exception();
            Py_XSETREF(REQ(self)->callback_error, described);
        }
        Py_XDECREF(result);
        Py_DECREF(userdata);
        Py_DECREF(callback);
    }
    Py_DECREF(self); /* may free the request: its C free then completes after this returns */
    PyGILState_Release(gil);
}

/* _start_async(userdata) after the Python side bound the inputs. */
static PyObject * request_start_async(PyObject * self, PyObject * userdata) {
    if (check_request(self) < 0) {
        return NULL;
    }
    if (userdata != Py_None) {
        if (REQ(self)->callback == NULL) {
            if (PyErr_WarnEx(PyExc_RuntimeWarning, "There is no callback function!", 1) < 0) {
                return NULL;
            }
        } else {
            Py_XSETREF(REQ(self)->userdata, Py_NewRef(userdata));
        }
    }
    pinot_infer_request_set_callback(REQUEST(self), request_done, self);
    Py_INCREF(self); /* released by request_done */
    pinot_status status;
    Py_BEGIN_ALLOW_THREADS
    status = pinot_infer_request_start_async(REQUEST(self));
    Py_END_ALLOW_THREADS
    if (status != PINOT_STATUS_OK) {
        Py_DECREF(self);
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

/* The run's failure, or what its callback raised, as RuntimeError (once). */
static int raise_outcome(PyObject * self, pinot_status status) {
    if (status != PINOT_STATUS_OK) {
        pinot_py_raise(status);
        return -1;
    }
    if (REQ(self)->callback_error != NULL) {
        PyErr_SetObject(PyExc_RuntimeError, REQ(self)->callback_error);
        Py_CLEAR(REQ(self)->callback_error);
        return -1;
    }
    return 0;
}

static PyObject * request_wait(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_status status;
    if (check_request(self) < 0 || pinot_py_wait_request(REQUEST(self), -1, &status) < 0 ||
        raise_outcome(self, status) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject * request_wait_for(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"timeout", NULL};
    PyObject * timeout_obj;
    if (check_request(self) < 0 || !PyArg_ParseTupleAndKeywords(args, kwargs, "O:wait_for", kwlist, &timeout_obj)) {
        return NULL;
    }
    if (!PyIndex_Check(timeout_obj)) {
        PyErr_Format(PyExc_TypeError, "wait_for(): incompatible function arguments. The following argument types "
                     "are supported:\n    1. (self, timeout: int) -> bool\n\nInvoked with: %R", timeout_obj);
        return NULL;
    }
    long long timeout = PyLong_AsLongLong(timeout_obj);
    if (timeout == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (timeout < 0) {
        PyErr_SetString(PyExc_RuntimeError, "Timeout can't be less than 0 for InferRequest::wait().");
        return NULL;
    }
    pinot_status status;
    if (pinot_py_wait_request(REQUEST(self), timeout, &status) < 0) {
        return NULL;
    }
    if (status == PINOT_STATUS_NOT_READY) {
        Py_RETURN_FALSE;
    }
    if (raise_outcome(self, status) < 0) {
        return NULL;
    }
    Py_RETURN_TRUE;
}

static PyObject * request_set_callback(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"callback", "userdata", NULL};
    PyObject * callback, * userdata;
    if (check_request(self) < 0 ||
        !PyArg_ParseTupleAndKeywords(args, kwargs, "OO:set_callback", kwlist, &callback, &userdata)) {
        return NULL;
    }
    if (!PyCallable_Check(callback)) {
        PyErr_Format(PyExc_TypeError, "set_callback(): incompatible function arguments. The following argument "
                     "types are supported:\n    1. (self, callback: Callable, userdata: object) -> None\n\n"
                     "Invoked with: %R", callback);
        return NULL;
    }
    Py_XSETREF(REQ(self)->callback, Py_NewRef(callback));
    Py_XSETREF(REQ(self)->userdata, Py_NewRef(userdata));
    Py_RETURN_NONE;
}

static PyObject * request_cancel(PyObject * self, PyObject * unused) {
    (void)unused;
    if (check_request(self) < 0) {
        return NULL;
    }
    pinot_infer_request_cancel(REQUEST(self));
    Py_RETURN_NONE;
}

/* _busy() -> bool: queued or running (its tensors are in use). */
static PyObject * request_busy(PyObject * self, PyObject * unused) {
    (void)unused;
    if (check_request(self) < 0) {
        return NULL;
    }
    return PyBool_FromLong(pinot_infer_request_get_run_state(REQUEST(self)) == PINOT_REQUEST_STATE_RUNNING);
}

static PyObject * request_prop_userdata(PyObject * self, void * closure) {
    (void)closure;
    return Py_NewRef(REQ(self)->userdata != NULL ? REQ(self)->userdata : Py_None);
}

static PyObject * request_prop_latency(PyObject * self, void * closure) {
    (void)closure;
    if (check_request(self) < 0) {
        return NULL;
    }
    return PyFloat_FromDouble(pinot_infer_request_get_latency(REQUEST(self)));
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
    {"_start_async", request_start_async, METH_O, NULL},
    {"_busy", request_busy, METH_NOARGS, NULL},
    {"wait", request_wait, METH_NOARGS, "wait() -> None: blocks until the request (and its callback) ends."},
    {"wait_for", (PyCFunction)(void (*)(void))request_wait_for, METH_VARARGS | METH_KEYWORDS,
     "wait_for(timeout: int) -> bool: waits at most timeout ms; True when done."},
    {"set_callback", (PyCFunction)(void (*)(void))request_set_callback, METH_VARARGS | METH_KEYWORDS,
     "set_callback(callback: Callable, userdata: object) -> None: callback(userdata) after each async run."},
    {"cancel", request_cancel, METH_NOARGS, "cancel() -> None"},
    {"query_state", request_query_state, METH_NOARGS, "query_state() -> list[VariableState]"},
    {"reset_state", request_reset_state, METH_VARARGS, "reset_state() -> None: every variable to its initial value"},
    {"_get_state", request_get_state, METH_O, NULL},
    {"_set_state", request_set_state, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef request_getset[] = {
    {"_compiled_model", request_prop_compiled, NULL, NULL, NULL},
    {"userdata", request_prop_userdata, NULL, "the userdata of the last set_callback/start_async", NULL},
    {"latency", request_prop_latency, NULL, "float: milliseconds the last run took", NULL},
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

/* Ports: pinot.Output, pinot.ConstOutput (the same over a compiled model's
 * graph) and pinot.Input, as OpenVINO's: (node, index) handles with names,
 * types and shapes, comparable and hashable by (node, index). */
#include "graph_py.h"
#include "structmember.h"

#define PORT(self) ((pinot_py_port_object *)(self))

PyObject * pinot_py_port_new(pinot_node_t * node, uint32_t index, char kind) {
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    PyTypeObject * type = kind == 'I' ? types->InputType : kind == 'C' ? types->ConstOutputType : types->OutputType;
    pinot_py_port_object * self = (pinot_py_port_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->node = pinot_node_retain(node);
    self->index = index;
    return (PyObject *)self;
}

static bool is_output(PyObject * obj) {
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    return PyObject_TypeCheck(obj, types->OutputType) || PyObject_TypeCheck(obj, types->ConstOutputType);
}

int pinot_py_convert_output(PyObject * obj, void * out) {
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    pinot_output_ref * ref = out;
    if (is_output(obj)) {
        ref->node = PORT(obj)->node;
        ref->index = PORT(obj)->index;
        return 1;
    }
    if (PyObject_TypeCheck(obj, types->NodeType)) {
        pinot_node_t * node = ((pinot_py_node_object *)obj)->node;
        if (pinot_node_get_output_count(node) != 1) {
            PyErr_Format(PyExc_RuntimeError, "a %s node with %u outputs cannot be used as one output: use .output(i)",
                         pinot_node_get_type_name(node), pinot_node_get_output_count(node));
            return 0;
        }
        ref->node = node;
        ref->index = 0;
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "expected a Node or an Output, got %s", Py_TYPE(obj)->tp_name);
    return 0;
}

static int port_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(PORT(self)->dict);
    return 0;
}

static int port_clear(PyObject * self) {
    Py_CLEAR(PORT(self)->dict);
    return 0;
}

static void port_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    port_clear(self);
    pinot_node_free(PORT(self)->node);
    type->tp_free(self);
    Py_DECREF(type);
}

/* The output whose tensor a port describes: itself for outputs, the source for
 * inputs. A Result's output is its source's tensor, as in OpenVINO, where a
 * Result shares its input's tensor descriptor (names, type, shape). */
static pinot_output_ref port_output(PyObject * self) {
    pinot_output_ref out = {PORT(self)->node, PORT(self)->index};
    if (!is_output(self)) {
        return pinot_node_get_input(out.node, out.index);
    }
    if (strcmp(pinot_node_get_type_name(out.node), "Result") == 0) {
        return pinot_node_get_input(out.node, 0);
    }
    return out;
}

static PyObject * port_get_node(PyObject * self, PyObject * unused) {
    (void)unused;
    return pinot_py_node_new(PORT(self)->node);
}

static PyObject * port_get_index(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLong(PORT(self)->index);
}

static PyObject * port_get_element_type(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref out = port_output(self);
    return pinot_py_type_new(pinot_node_get_output_type(out.node, out.index));
}

static PyObject * port_get_partial_shape(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref out = port_output(self);
    return pinot_py_partial_shape_new(pinot_node_get_output_shape(out.node, out.index));
}

static PyObject * port_get_shape(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref out = port_output(self);
    pinot_shape shape;
    const pinot_partial_shape * ps = pinot_node_get_output_shape(out.node, out.index);
    if (pinot_partial_shape_to_shape(ps, &shape) != PINOT_STATUS_OK) {
        char text[1024];
        pinot_partial_shape_to_string(ps, text, sizeof(text));
        PyErr_Format(PyExc_RuntimeError, "to_shape was called on a dynamic shape. (got %s)", text);
        return NULL;
    }
    return pinot_py_shape_new(&shape);
}

static PyObject * port_get_names(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref out = port_output(self);
    PyObject * set = PySet_New(NULL);
    uint32_t n = pinot_node_get_output_name_count(out.node, out.index);
    for (uint32_t i = 0; set != NULL && i < n; i++) {
        PyObject * name = PyUnicode_FromString(pinot_node_get_output_name(out.node, out.index, i));
        if (name == NULL || PySet_Add(set, name) < 0) {
            Py_XDECREF(name);
            Py_CLEAR(set);
            break;
        }
        Py_DECREF(name);
    }
    return set;
}

static PyObject * port_get_any_name(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref out = port_output(self);
    const char * name = pinot_node_get_output_name(out.node, out.index, 0); /* names are sorted */
    if (name == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "Attempt to get a name for a Tensor without names");
        return NULL;
    }
    return PyUnicode_FromString(name);
}

/* Converts a set/list/tuple of str to a C array (borrowed UTF-8); frees with PyMem_Free. */
static const char ** string_array(PyObject * names, Py_ssize_t * n, PyObject ** keep) {
    *keep = PySequence_List(names);
    if (*keep == NULL) {
        return NULL;
    }
    *n = PyList_GET_SIZE(*keep);
    const char ** v = PyMem_Calloc((size_t)*n + 1, sizeof(char *));
    for (Py_ssize_t i = 0; v != NULL && i < *n; i++) {
        v[i] = PyUnicode_AsUTF8(PyList_GET_ITEM(*keep, i));
        if (v[i] == NULL) {
            PyMem_Free(v);
            Py_CLEAR(*keep);
            return NULL;
        }
    }
    if (v == NULL) {
        PyErr_NoMemory();
        Py_CLEAR(*keep);
    }
    return v;
}

static PyObject * port_update_names(PyObject * self, PyObject * names, bool replace) {
    if (!PyAnySet_Check(names)) {
        /* OpenVINO's binding takes a set[str] only (pybind11's message). */
        PyErr_Format(PyExc_TypeError,
                     "%s(): incompatible function arguments. The following argument types are supported:\n"
                     "    1. (self: openvino.Output, names: collections.abc.Set[str]) -> None\n\n"
                     "Invoked with: %R",
                     replace ? "set_names" : "add_names", names);
        return NULL;
    }
    Py_ssize_t n;
    PyObject * keep;
    const char ** v = string_array(names, &n, &keep);
    if (v == NULL) {
        return NULL;
    }
    pinot_output_ref out = port_output(self);
    pinot_status status = replace ? pinot_node_set_output_names(out.node, out.index, v, (size_t)n)
                                  : pinot_node_add_output_names(out.node, out.index, v, (size_t)n);
    PyMem_Free(v);
    Py_DECREF(keep);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * port_set_names(PyObject * self, PyObject * names) {
    return port_update_names(self, names, true);
}

static PyObject * port_add_names(PyObject * self, PyObject * names) {
    return port_update_names(self, names, false);
}

static PyObject * port_get_target_inputs(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref consumers[256];
    uint32_t n = pinot_node_get_output_consumers(PORT(self)->node, PORT(self)->index, consumers, 256);
    PyObject * set = PySet_New(NULL);
    for (uint32_t i = 0; set != NULL && i < n && i < 256; i++) {
        PyObject * input = pinot_py_port_new(consumers[i].node, consumers[i].index, 'I');
        if (input == NULL || PySet_Add(set, input) < 0) {
            Py_XDECREF(input);
            Py_CLEAR(set);
            break;
        }
        Py_DECREF(input);
    }
    return set;
}

static PyObject * port_replace(PyObject * self, PyObject * other) {
    /* Redirect every consumer of this output to `other`; other gains our names. */
    pinot_output_ref replacement;
    if (!pinot_py_convert_output(other, &replacement)) {
        return NULL;
    }
    pinot_output_ref consumers[256];
    uint32_t n = pinot_node_get_output_consumers(PORT(self)->node, PORT(self)->index, consumers, 256);
    if (n > 256) {
        PyErr_SetString(PyExc_RuntimeError, "replace() supports at most 256 consumers");
        return NULL;
    }
    uint32_t n_names = pinot_node_get_output_name_count(PORT(self)->node, PORT(self)->index);
    for (uint32_t i = 0; i < n_names; i++) {
        const char * name = pinot_node_get_output_name(PORT(self)->node, PORT(self)->index, i);
        pinot_status status = pinot_node_add_output_names(replacement.node, replacement.index, &name, 1);
        if (status != PINOT_STATUS_OK) {
            return pinot_py_raise(status);
        }
    }
    for (uint32_t i = 0; i < n; i++) {
        if (consumers[i].node == replacement.node) {
            continue; /* never make a node its own input */
        }
        pinot_status status = pinot_node_set_input(consumers[i].node, consumers[i].index, replacement);
        if (status != PINOT_STATUS_OK) {
            return pinot_py_raise(status);
        }
    }
    Py_RETURN_NONE;
}

static PyObject * input_get_source_output(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_output_ref out = port_output(self);
    return pinot_py_port_new(out.node, out.index, 'O');
}

static PyObject * input_replace_source_output(PyObject * self, PyObject * other) {
    pinot_output_ref source;
    if (!pinot_py_convert_output(other, &source)) {
        return NULL;
    }
    pinot_status status = pinot_node_set_input(PORT(self)->node, PORT(self)->index, source);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * port_repr(PyObject * self) {
    char shape[1024], names[2048] = "";
    pinot_output_ref out = port_output(self);
    pinot_partial_shape_to_string(pinot_node_get_output_shape(out.node, out.index), shape, sizeof(shape));
    const char * type = pinot_dtype_name(pinot_node_get_output_type(out.node, out.index));
    if (!is_output(self)) {
        return PyUnicode_FromFormat("<Input: shape%s type: %s>", shape, type);
    }
    size_t len = 0;
    uint32_t n = pinot_node_get_output_name_count(out.node, out.index);
    for (uint32_t i = 0; i < n && len < sizeof(names) - 1; i++) {
        len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "",
                                pinot_node_get_output_name(out.node, out.index, i));
    }
    return PyUnicode_FromFormat("<%s: names[%s] shape%s type: %s>", _PyType_Name(Py_TYPE(self)), names, shape, type);
}

static Py_hash_t port_hash(PyObject * self) {
    /* Mixed so that a port never hashes like its node (hash(out) != hash(out.node)). */
    Py_uhash_t h = (Py_uhash_t)_Py_HashPointer(PORT(self)->node) * 1000003u ^ ((Py_uhash_t)PORT(self)->index + 1);
    return (Py_hash_t)h == -1 ? -2 : (Py_hash_t)h;
}

static PyObject * port_richcompare(PyObject * self, PyObject * other, int op) {
    if (Py_TYPE(self) != Py_TYPE(other) &&
        !(is_output(self) && is_output(other))) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    /* By node identity (instance id), then index, as OpenVINO orders ports. */
    uint64_t a = pinot_node_get_instance_id(PORT(self)->node), b = pinot_node_get_instance_id(PORT(other)->node);
    int cmp = a < b ? -1 : a > b ? 1 : PORT(self)->index < PORT(other)->index ? -1
                                     : PORT(self)->index > PORT(other)->index ? 1 : 0;
    Py_RETURN_RICHCOMPARE(cmp, 0, op);
}

static PyObject * port_copy(PyObject * self, PyObject * unused) {
    (void)unused;
    char kind = PyObject_TypeCheck(self, pinot_py_graph_types_get()->InputType) ? 'I'
              : PyObject_TypeCheck(self, pinot_py_graph_types_get()->ConstOutputType) ? 'C' : 'O';
    return pinot_py_port_new(PORT(self)->node, PORT(self)->index, kind);
}

static PyObject * port_deepcopy(PyObject * self, PyObject * memo) {
    (void)memo;
    PyErr_Format(PyExc_TypeError, "Cannot deepcopy 'openvino.%s' object.", _PyType_Name(Py_TYPE(self)));
    return NULL;
}

static PyObject * output_from_node(PyObject * cls, PyObject * node) {
    (void)cls;
    pinot_output_ref ref;
    if (!pinot_py_convert_output(node, &ref)) {
        return NULL;
    }
    return pinot_py_port_new(ref.node, ref.index, 'O');
}

#define PROP(name) \
    static PyObject * port_prop_##name(PyObject * self, void * closure) { \
        (void)closure; \
        return port_get_##name(self, NULL); \
    }
PROP(node)
PROP(index)
PROP(element_type)
PROP(partial_shape)
PROP(shape)
PROP(names)
PROP(any_name)
PROP(target_inputs)

#define COMMON_METHODS \
    {"get_node", port_get_node, METH_NOARGS, "get_node() -> Node"}, \
    {"get_index", port_get_index, METH_NOARGS, "get_index() -> int"}, \
    {"get_element_type", port_get_element_type, METH_NOARGS, "get_element_type() -> Type"}, \
    {"get_partial_shape", port_get_partial_shape, METH_NOARGS, "get_partial_shape() -> PartialShape (a copy)"}, \
    {"get_shape", port_get_shape, METH_NOARGS, "get_shape() -> Shape (a copy; static shapes only)"}, \
    {"__copy__", port_copy, METH_NOARGS, NULL}, \
    {"__deepcopy__", port_deepcopy, METH_O, NULL}

#define NAME_METHODS \
    {"get_names", port_get_names, METH_NOARGS, "get_names() -> set[str]"}, \
    {"get_any_name", port_get_any_name, METH_NOARGS, "get_any_name() -> str"}, \
    {"get_target_inputs", port_get_target_inputs, METH_NOARGS, "get_target_inputs() -> set[Input]"}, \
    {"_from_node", output_from_node, METH_O | METH_CLASS, NULL}

static PyMethodDef output_methods[] = {
    COMMON_METHODS,
    NAME_METHODS,
    {"set_names", port_set_names, METH_O, "set_names(names: set[str]) -> None"},
    {"add_names", port_add_names, METH_O, "add_names(names: set[str]) -> None"},
    {"replace", port_replace, METH_O, "replace(replacement: Output) -> None"},
    {NULL, NULL, 0, NULL},
};

/* A ConstOutput (a compiled model's port) cannot rename or rewire its tensor. */
static PyMethodDef const_output_methods[] = {
    COMMON_METHODS,
    NAME_METHODS,
    {NULL, NULL, 0, NULL},
};

static PyMethodDef input_methods[] = {
    COMMON_METHODS,
    {"get_source_output", input_get_source_output, METH_NOARGS, "get_source_output() -> Output"},
    {"replace_source_output", input_replace_source_output, METH_O, "replace_source_output(output) -> None"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef output_getset[] = {
    {"node", port_prop_node, NULL, "Node", NULL},
    {"index", port_prop_index, NULL, "int", NULL},
    {"element_type", port_prop_element_type, NULL, "Type", NULL},
    {"partial_shape", port_prop_partial_shape, NULL, "PartialShape", NULL},
    {"shape", port_prop_shape, NULL, "Shape", NULL},
    {"names", port_prop_names, NULL, "set[str]", NULL},
    {"any_name", port_prop_any_name, NULL, "str", NULL},
    {"target_inputs", port_prop_target_inputs, NULL, "set[Input]", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyGetSetDef input_getset[] = {
    {"node", port_prop_node, NULL, "Node", NULL},
    {"index", port_prop_index, NULL, "int", NULL},
    {"element_type", port_prop_element_type, NULL, "Type", NULL},
    {"partial_shape", port_prop_partial_shape, NULL, "PartialShape", NULL},
    {"shape", port_prop_shape, NULL, "Shape", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef port_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(pinot_py_port_object, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

#define PORT_SLOTS(methods, getset, doc) \
    {Py_tp_dealloc, port_dealloc}, {Py_tp_traverse, port_traverse}, {Py_tp_clear, port_clear}, \
    {Py_tp_repr, port_repr}, {Py_tp_hash, port_hash}, {Py_tp_richcompare, port_richcompare}, \
    {Py_tp_methods, methods}, {Py_tp_getset, getset}, {Py_tp_members, port_members}, {Py_tp_doc, doc}, {0, NULL}

static PyType_Slot output_slots[] = {PORT_SLOTS(output_methods, output_getset, "openvino.Output represents port/node output.")};
static PyType_Slot const_output_slots[] = {
    PORT_SLOTS(const_output_methods, output_getset, "openvino.ConstOutput represents port/node output.")};
static PyType_Slot input_slots[] = {PORT_SLOTS(input_methods, input_getset, "openvino.Input wraps ov::Input<Node>")};

#define PORT_SPEC(type_name, slot_table) \
    {.name = type_name, .basicsize = sizeof(pinot_py_port_object), \
     .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, .slots = slot_table}

static PyType_Spec output_spec = PORT_SPEC("pinot.Output", output_slots);
static PyType_Spec const_output_spec = PORT_SPEC("pinot.ConstOutput", const_output_slots);
static PyType_Spec input_spec = PORT_SPEC("pinot.Input", input_slots);

int pinot_py_port_register(PyObject * module, pinot_py_graph_types * types) {
    types->OutputType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &output_spec, NULL);
    types->ConstOutputType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &const_output_spec, NULL);
    types->InputType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &input_spec, NULL);
    if (types->OutputType == NULL || types->ConstOutputType == NULL || types->InputType == NULL) {
        return -1;
    }
    if (PyModule_AddType(module, types->OutputType) < 0 || PyModule_AddType(module, types->ConstOutputType) < 0 ||
        PyModule_AddType(module, types->InputType) < 0) {
        return -1;
    }
    return 0;
}

/* pinot.Node and its op classes pinot.op.Parameter, op.Constant, op.Result,
 * as OpenVINO's: handles over refcounted C nodes, plus the module functions
 * the opset builders call (_create_node, _create_constant). Attribute dicts
 * from Python are converted to generic pinot_attr values here. */
#include "graph_py.h"
#include "numpy_api.h"
#include "structmember.h"

#define NODE(self) (((pinot_py_node_object *)(self))->node)

/* ---- construction ---- */

PyObject * pinot_py_node_new(pinot_node_t * node) {
    pinot_py_graph_types * types = pinot_py_graph_types_get();
    const char * type_name = pinot_node_get_type_name(node);
    PyTypeObject * type = types->NodeType;
    if (strcmp(type_name, "Parameter") == 0) {
        type = types->ParameterType;
    } else if (strcmp(type_name, "Constant") == 0) {
        type = types->ConstantType;
    } else if (strcmp(type_name, "Result") == 0) {
        type = types->ResultType;
    } else if (pinot_node_get_body_count(node) > 0) {
        /* If, Loop, TensorIterator: their Python classes, once pinot._ops.control_flow registered them. */
        pinot_py_state * st = pinot_py_state_get();
        int which = strcmp(type_name, "If") == 0 ? 0 : strcmp(type_name, "Loop") == 0 ? 1 : 2;
        if (st->ControlFlowTypes[which] != NULL) {
            type = (PyTypeObject *)st->ControlFlowTypes[which];
        }
    }
    pinot_py_node_object * self = (pinot_py_node_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->node = pinot_node_retain(node);
    return (PyObject *)self;
}

/* Steals @p node: wraps it and sets its friendly name. */
PyObject * pinot_py_wrap_new_node(pinot_node_t * node, PyObject * name) {
    if (name != NULL && name != Py_None) {
        const char * text = PyUnicode_AsUTF8(name);
        if (text == NULL || pinot_node_set_friendly_name(node, text) != PINOT_STATUS_OK) {
            pinot_node_free(node);
            return text == NULL ? NULL : pinot_py_raise(PINOT_STATUS_OUT_OF_MEMORY);
        }
    }
    PyObject * result = pinot_py_node_new(node);
    pinot_node_free(node);
    return result;
}

static int node_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(((pinot_py_node_object *)self)->dict);
    return 0;
}

static int node_clear(PyObject * self) {
    Py_CLEAR(((pinot_py_node_object *)self)->dict);
    return 0;
}

static void node_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    node_clear(self);
    pinot_node_free(NODE(self));
    type->tp_free(self);
    Py_DECREF(type);
}

/* ---- attributes: Python values -> pinot_attr ---- */

struct attr_storage {
    pinot_attr * attrs;
    void ** blocks; /* arrays allocated for list values */
    size_t n_blocks;
    pinot_partial_shape * shapes;
};

static void attr_storage_free(struct attr_storage * st) {
    for (size_t i = 0; i < st->n_blocks; i++) {
        PyMem_Free(st->blocks[i]);
    }
    PyMem_Free(st->blocks);
    PyMem_Free(st->attrs);
    PyMem_Free(st->shapes);
}

static void * storage_alloc(struct attr_storage * st, size_t bytes) {
    void * block = PyMem_Malloc(bytes ? bytes : 1);
    if (block == NULL) {
        return NULL;
    }
    st->blocks[st->n_blocks++] = block;
    return block;
}

static int attr_from_python(const char * name, PyObject * value, pinot_attr * attr, pinot_partial_shape * shape_slot,
                            struct attr_storage * st) {
    pinot_py_state * state = pinot_py_state_get();
    attr->name = name;
    if (PyBool_Check(value)) {
        attr->kind = PINOT_ATTR_VALUE_BOOL;
        attr->value.b = value == Py_True;
        return 0;
    }
    if (PyLong_Check(value)) {
        attr->kind = PINOT_ATTR_VALUE_INT;
        attr->value.i = PyLong_AsLongLong(value);
        return PyErr_Occurred() ? -1 : 0;
    }
    if (PyFloat_Check(value)) {
        attr->kind = PINOT_ATTR_VALUE_FLOAT;
        attr->value.f = PyFloat_AsDouble(value);
        return 0;
    }
    if (PyUnicode_Check(value)) {
        attr->kind = PINOT_ATTR_VALUE_STRING;
        attr->value.s = PyUnicode_AsUTF8(value);
        return attr->value.s == NULL ? -1 : 0;
    }
    if (PyObject_TypeCheck(value, state->TypeType)) {
        attr->kind = PINOT_ATTR_VALUE_TYPE;
        attr->value.type = ((pinot_py_type_object *)value)->value;
        return 0;
    }
    if (PyObject_TypeCheck(value, state->PartialShapeType) || PyObject_TypeCheck(value, state->ShapeType)) {
        if (!pinot_py_convert_partial_shape(value, shape_slot)) {
            return -1;
        }
        attr->kind = PINOT_ATTR_VALUE_SHAPE;
        attr->value.shape = shape_slot;
        return 0;
    }
    /* numbers of other kinds (numpy scalars) */
    if (PyNumber_Check(value) && !PySequence_Check(value)) {
        PyObject * as_float = PyNumber_Float(value);
        if (as_float == NULL) {
            return -1;
        }
        double f = PyFloat_AsDouble(as_float);
        Py_DECREF(as_float);
        PyObject * index = PyNumber_Index(value);
        if (index != NULL) {
            attr->kind = PINOT_ATTR_VALUE_INT;
            attr->value.i = PyLong_AsLongLong(index);
            Py_DECREF(index);
            return PyErr_Occurred() ? -1 : 0;
        }
        PyErr_Clear();
        attr->kind = PINOT_ATTR_VALUE_FLOAT;
        attr->value.f = f;
        return 0;
    }
    /* sequences: ints, floats or strings */
    PyObject * seq = PySequence_Fast(value, "");
    if (seq == NULL) {
        PyErr_Format(PyExc_TypeError, "unsupported value of type %s for attribute '%s'", Py_TYPE(value)->tp_name,
                     name);
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject ** items = PySequence_Fast_ITEMS(seq);
    bool all_int = true, all_number = true, all_str = true;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject * item = items[i];
        bool is_int = PyLong_Check(item) || (PyIndex_Check(item) && !PyFloat_Check(item));
        all_int &= is_int;
        all_number &= is_int || PyFloat_Check(item) || (PyNumber_Check(item) && !PyUnicode_Check(item));
        all_str &= PyUnicode_Check(item);
    }
    int rc = 0;
    if (all_int) {
        int64_t * v = storage_alloc(st, sizeof(int64_t) * (size_t)n);
        for (Py_ssize_t i = 0; v != NULL && i < n; i++) {
            PyObject * index = PyNumber_Index(items[i]);
            v[i] = index != NULL ? PyLong_AsLongLong(index) : -1;
            Py_XDECREF(index);
        }
        attr->kind = PINOT_ATTR_VALUE_INTS;
        attr->value.ints.v = v;
        attr->value.ints.n = (size_t)n;
        rc = v == NULL || PyErr_Occurred() ? -1 : 0;
    } else if (all_number) {
        double * v = storage_alloc(st, sizeof(double) * (size_t)n);
        for (Py_ssize_t i = 0; v != NULL && i < n; i++) {
            v[i] = PyFloat_AsDouble(items[i]);
        }
        attr->kind = PINOT_ATTR_VALUE_FLOATS;
        attr->value.floats.v = v;
        attr->value.floats.n = (size_t)n;
        rc = v == NULL || PyErr_Occurred() ? -1 : 0;
    } else if (all_str) {
        const char ** v = storage_alloc(st, sizeof(char *) * (size_t)n);
        for (Py_ssize_t i = 0; v != NULL && i < n; i++) {
            v[i] = PyUnicode_AsUTF8(items[i]); /* lives as long as the caller's dict */
        }
        attr->kind = PINOT_ATTR_VALUE_STRINGS;
        attr->value.strings.v = v;
        attr->value.strings.n = (size_t)n;
        rc = v == NULL || PyErr_Occurred() ? -1 : 0;
    } else {
        PyErr_Format(PyExc_TypeError, "attribute '%s' mixes value types", name);
        rc = -1;
    }
    Py_DECREF(seq);
    return rc;
}

/* Converts a dict of attributes; fills st (free with attr_storage_free). */
static int attrs_from_dict(PyObject * dict, struct attr_storage * st, size_t * n_attrs) {
    Py_ssize_t n = PyDict_Size(dict);
    memset(st, 0, sizeof(*st));
    st->attrs = PyMem_Calloc((size_t)n + 1, sizeof(pinot_attr));
    st->blocks = PyMem_Calloc((size_t)n + 1, sizeof(void *));
    st->shapes = PyMem_Calloc((size_t)n + 1, sizeof(pinot_partial_shape));
    if (st->attrs == NULL || st->blocks == NULL || st->shapes == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject * key, * value;
    Py_ssize_t pos = 0;
    size_t i = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        const char * name = PyUnicode_AsUTF8(key);
        if (name == NULL || attr_from_python(name, value, &st->attrs[i], &st->shapes[i], st) < 0) {
            return -1;
        }
        i++;
    }
    *n_attrs = i;
    return 0;
}

/* _create_node(type_name, opset, inputs, attrs, name) -> Node */
PyObject * pinot_py_create_node(PyObject * module, PyObject * args) {
    (void)module;
    const char * type_name;
    unsigned int opset;
    PyObject * inputs, * attrs, * name;
    if (!PyArg_ParseTuple(args, "sIO!O!O:_create_node", &type_name, &opset, &PyList_Type, &inputs, &PyDict_Type,
                          &attrs, &name)) {
        return NULL;
    }
    Py_ssize_t n_inputs = PyList_GET_SIZE(inputs);
    pinot_output_ref * refs = PyMem_Calloc((size_t)n_inputs + 1, sizeof(*refs));
    struct attr_storage st;
    size_t n_attrs = 0;
    PyObject * result = NULL;
    if (refs == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n_inputs; i++) {
        if (!pinot_py_convert_output(PyList_GET_ITEM(inputs, i), &refs[i])) {
            PyMem_Free(refs);
            return NULL;
        }
    }
    if (attrs_from_dict(attrs, &st, &n_attrs) == 0) {
        pinot_node_t * node = NULL;
        pinot_status status = pinot_node_create(type_name, opset, refs, (size_t)n_inputs, st.attrs, n_attrs, &node);
        result = status == PINOT_STATUS_OK ? pinot_py_wrap_new_node(node, name) : pinot_py_raise(status);
    }
    attr_storage_free(&st);
    PyMem_Free(refs);
    return result;
}

/* _create_constant(array_or_tensor, shared, name) -> op.Constant */
PyObject * pinot_py_create_constant(PyObject * module, PyObject * args) {
    (void)module;
    PyObject * value, * name;
    int shared;
    if (!PyArg_ParseTuple(args, "OpO:_create_constant", &value, &shared, &name)) {
        return NULL;
    }
    pinot_py_state * state = pinot_py_state_get();
    PyObject * tensor_obj;
    if (PyObject_TypeCheck(value, state->TensorType)) {
        tensor_obj = Py_NewRef(value);
    } else {
        PyObject * kwargs = Py_BuildValue("{s:O}", "shared_memory", shared ? Py_True : Py_False);
        PyObject * call_args = PyTuple_Pack(1, value);
        tensor_obj = kwargs && call_args ? PyObject_Call((PyObject *)state->TensorType, call_args, kwargs) : NULL;
        Py_XDECREF(kwargs);
        Py_XDECREF(call_args);
    }
    if (tensor_obj == NULL) {
        return NULL;
    }
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create_constant(((pinot_py_tensor_object *)tensor_obj)->tensor, &node);
    Py_DECREF(tensor_obj);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_wrap_new_node(node, name);
}

/* ---- Node methods ---- */

static PyObject * node_get_type_name(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyUnicode_FromString(pinot_node_get_type_name(NODE(self)));
}

static PyObject * node_get_friendly_name(PyObject * self, PyObject * unused) {
    (void)unused;
    char name[1024];
    pinot_node_get_friendly_name(NODE(self), name, sizeof(name));
    return PyUnicode_FromString(name);
}

static PyObject * node_get_name(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyUnicode_FromFormat("%s_%llu", pinot_node_get_type_name(NODE(self)),
                                (unsigned long long)pinot_node_get_instance_id(NODE(self)));
}

static PyObject * node_set_friendly_name(PyObject * self, PyObject * name) {
    const char * text = PyUnicode_AsUTF8(name);
    if (text == NULL) {
        return NULL;
    }
    pinot_status status = pinot_node_set_friendly_name(NODE(self), text);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static int node_prop_set_friendly_name(PyObject * self, PyObject * value, void * closure) {
    (void)closure;
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete friendly_name");
        return -1;
    }
    PyObject * r = node_set_friendly_name(self, value);
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

static PyObject * node_get_instance_id(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLongLong(pinot_node_get_instance_id(NODE(self)));
}

static PyObject * node_get_output_size(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLong(pinot_node_get_output_count(NODE(self)));
}

static PyObject * node_get_input_size(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLong(pinot_node_get_input_count(NODE(self)));
}

static int port_index(PyObject * arg, uint32_t count, const char * what, uint32_t * out) {
    long long i = PyLong_AsLongLong(arg);
    if (i == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (i < 0 || (uint64_t)i >= count) {
        /* RuntimeError, as OpenVINO's "node index is out of range" (an ov::Exception). */
        PyErr_Format(PyExc_RuntimeError, "node index is out of range: %s index %lld (the node has %u)", what, i,
                     count);
        return -1;
    }
    *out = (uint32_t)i;
    return 0;
}

static PyObject * node_output(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (port_index(arg, pinot_node_get_output_count(NODE(self)), "output", &i) < 0) {
        return NULL;
    }
    return pinot_py_port_new(NODE(self), i, 'O');
}

static PyObject * node_input(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (port_index(arg, pinot_node_get_input_count(NODE(self)), "input", &i) < 0) {
        return NULL;
    }
    return pinot_py_port_new(NODE(self), i, 'I');
}

static PyObject * port_list(PyObject * self, uint32_t n, char kind) {
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        PyObject * port = pinot_py_port_new(NODE(self), i, kind);
        if (port == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, port);
    }
    return list;
}

static PyObject * node_outputs(PyObject * self, PyObject * unused) {
    (void)unused;
    return port_list(self, pinot_node_get_output_count(NODE(self)), 'O');
}

static PyObject * node_inputs(PyObject * self, PyObject * unused) {
    (void)unused;
    return port_list(self, pinot_node_get_input_count(NODE(self)), 'I');
}

static PyObject * node_input_value(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (port_index(arg, pinot_node_get_input_count(NODE(self)), "input", &i) < 0) {
        return NULL;
    }
    pinot_output_ref source = pinot_node_get_input(NODE(self), i);
    return pinot_py_port_new(source.node, source.index, 'O');
}

static PyObject * node_input_values(PyObject * self, PyObject * unused) {
    (void)unused;
    uint32_t n = pinot_node_get_input_count(NODE(self));
    PyObject * list = PyList_New(n);
    for (uint32_t i = 0; list != NULL && i < n; i++) {
        pinot_output_ref source = pinot_node_get_input(NODE(self), i);
        PyObject * port = pinot_py_port_new(source.node, source.index, 'O');
        if (port == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, port);
    }
    return list;
}

static PyObject * node_get_output_element_type(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (port_index(arg, pinot_node_get_output_count(NODE(self)), "output", &i) < 0) {
        return NULL;
    }
    return pinot_py_type_new(pinot_node_get_output_type(NODE(self), i));
}

static PyObject * node_get_output_partial_shape(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (port_index(arg, pinot_node_get_output_count(NODE(self)), "output", &i) < 0) {
        return NULL;
    }
    return pinot_py_partial_shape_new(pinot_node_get_output_shape(NODE(self), i));
}

static PyObject * static_shape_or_raise(const pinot_partial_shape * ps) {
    pinot_shape shape;
    if (pinot_partial_shape_to_shape(ps, &shape) != PINOT_STATUS_OK) {
        char text[1024];
        pinot_partial_shape_to_string(ps, text, sizeof(text));
        PyErr_Format(PyExc_RuntimeError, "to_shape was called on a dynamic shape. (got %s)", text);
        return NULL;
    }
    return pinot_py_shape_new(&shape);
}

static PyObject * node_get_output_shape(PyObject * self, PyObject * arg) {
    uint32_t i;
    if (port_index(arg, pinot_node_get_output_count(NODE(self)), "output", &i) < 0) {
        return NULL;
    }
    return static_shape_or_raise(pinot_node_get_output_shape(NODE(self), i));
}

static int single_output(PyObject * self, const char * what) {
    if (pinot_node_get_output_count(NODE(self)) != 1) {
        PyErr_Format(PyExc_RuntimeError, "%s must be called on a node with exactly one output (got %u)", what,
                     pinot_node_get_output_count(NODE(self)));
        return -1;
    }
    return 0;
}

static PyObject * node_get_element_type(PyObject * self, PyObject * unused) {
    (void)unused;
    if (single_output(self, "get_element_type()") < 0) {
        return NULL;
    }
    return pinot_py_type_new(pinot_node_get_output_type(NODE(self), 0));
}

static PyObject * node_get_shape(PyObject * self, PyObject * unused) {
    (void)unused;
    if (single_output(self, "get_shape()") < 0) {
        return NULL;
    }
    return static_shape_or_raise(pinot_node_get_output_shape(NODE(self), 0));
}

static PyObject * node_get_partial_shape(PyObject * self, PyObject * unused) {
    (void)unused;
    if (single_output(self, "get_partial_shape()") < 0) {
        return NULL;
    }
    return pinot_py_partial_shape_new(pinot_node_get_output_shape(NODE(self), 0));
}

/* A number from IR text: int when it has no fraction or exponent syntax. */
static PyObject * number_value(const char * text, bool integral) {
    char * end;
    if (integral) {
        long long i = strtoll(text, &end, 10);
        return PyLong_FromLongLong(i);
    }
    return PyFloat_FromDouble(strtod(text, &end));
}

/* An attribute's IR text as the Python value of its kind. */
static PyObject * attribute_value(const char * text, pinot_attr_value_kind kind) {
    switch (kind) {
    case PINOT_ATTR_VALUE_BOOL: return PyBool_FromLong(strcmp(text, "true") == 0);
    case PINOT_ATTR_VALUE_INT: return number_value(text, true);
    case PINOT_ATTR_VALUE_FLOAT: return number_value(text, false);
    case PINOT_ATTR_VALUE_INTS:
    case PINOT_ATTR_VALUE_FLOATS:
    case PINOT_ATTR_VALUE_STRINGS: {
        PyObject * list = PyList_New(0);
        const char * p = text;
        while (list != NULL && *p != '\0') {
            const char * comma = strchr(p, ',');
            size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
            char item[256];
            snprintf(item, sizeof(item), "%.*s", (int)(len < 255 ? len : 255), p);
            PyObject * v = kind == PINOT_ATTR_VALUE_STRINGS ? PyUnicode_FromString(item)
                                                            : number_value(item, kind == PINOT_ATTR_VALUE_INTS);
            if (v == NULL || PyList_Append(list, v) < 0) {
                Py_XDECREF(v);
                Py_CLEAR(list);
                break;
            }
            Py_DECREF(v);
            p = comma != NULL ? comma + 1 : p + len;
        }
        return list;
    }
    default: return PyUnicode_FromString(text);
    }
}

static PyObject * node_get_attributes(PyObject * self, PyObject * unused) {
    (void)unused;
    PyObject * dict = PyDict_New();
    char text[4096];
    for (uint32_t i = 0; dict != NULL; i++) {
        const char * name = pinot_node_get_attribute_name(NODE(self), i);
        if (name == NULL) {
            break;
        }
        pinot_attr_value_kind kind = PINOT_ATTR_VALUE_STRING;
        pinot_node_get_attribute_text(NODE(self), name, text, sizeof(text));
        (void)pinot_node_get_attribute_kind(NODE(self), name, &kind);
        PyObject * value = attribute_value(text, kind);
        if (value == NULL || PyDict_SetItemString(dict, name, value) < 0) {
            Py_XDECREF(value);
            Py_CLEAR(dict);
            break;
        }
        Py_DECREF(value);
    }
    return dict;
}

static PyObject * node_get_type_info(PyObject * self, PyObject * unused) {
    (void)unused;
    /* A small record with OpenVINO's DiscreteTypeInfo fields. */
    PyObject * types = PyImport_ImportModule("types");
    if (types == NULL) {
        return NULL;
    }
    PyObject * ns = PyObject_GetAttrString(types, "SimpleNamespace");
    Py_DECREF(types);
    if (ns == NULL) {
        return NULL;
    }
    PyObject * kwargs = Py_BuildValue("{s:s,s:N}", "name", pinot_node_get_type_name(NODE(self)), "version_id",
                                      PyUnicode_FromFormat("opset%u", pinot_node_get_version(NODE(self))));
    PyObject * empty = PyTuple_New(0);
    PyObject * info = kwargs && empty ? PyObject_Call(ns, empty, kwargs) : NULL;
    Py_XDECREF(kwargs);
    Py_XDECREF(empty);
    Py_DECREF(ns);
    return info;
}

static PyObject * node_repr(PyObject * self) {
    char name[512], shapes[2048] = "";
    size_t len = 0;
    pinot_node_get_friendly_name(NODE(self), name, sizeof(name));
    uint32_t n = pinot_node_get_output_count(NODE(self));
    for (uint32_t i = 0; i < n && len < sizeof(shapes) - 64; i++) {
        char shape[512];
        pinot_partial_shape_to_string(pinot_node_get_output_shape(NODE(self), i), shape, sizeof(shape));
        len += (size_t)snprintf(shapes + len, sizeof(shapes) - len, "%s%s", i ? ", " : "", shape);
    }
    if (strcmp(pinot_node_get_type_name(NODE(self)), "Parameter") == 0) {
        const pinot_dtype_info * info = pinot_dtype_get_info(pinot_node_get_output_type(NODE(self), 0));
        return PyUnicode_FromFormat("<Parameter: '%s' (%s, %s)>", name, shapes, info->c_name);
    }
    return PyUnicode_FromFormat("<%s: '%s' (%s)>", pinot_node_get_type_name(NODE(self)), name, shapes);
}

static Py_hash_t node_hash(PyObject * self) {
    return _Py_HashPointer(NODE(self));
}

static PyObject * node_richcompare(PyObject * self, PyObject * other, int op) {
    if (!PyObject_TypeCheck(other, pinot_py_graph_types_get()->NodeType)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pinot_py_richcompare_bool(NODE(self) == NODE(other), op);
}

/* Python arithmetic builds ops, as in OpenVINO: a + b is Add(a, b). */
static PyObject * binary_builder(const char * name, PyObject * left, PyObject * right) {
    PyObject * module = PyImport_ImportModule("pinot._ops.binary");
    if (module == NULL) {
        return NULL;
    }
    PyObject * result = PyObject_CallMethod(module, name, "OO", left, right);
    Py_DECREF(module);
    return result;
}

static PyObject * node_add(PyObject * a, PyObject * b) { return binary_builder("add", a, b); }
static PyObject * node_sub(PyObject * a, PyObject * b) { return binary_builder("subtract", a, b); }
static PyObject * node_mul(PyObject * a, PyObject * b) { return binary_builder("multiply", a, b); }
static PyObject * node_div(PyObject * a, PyObject * b) { return binary_builder("divide", a, b); }

#define PROP(name) \
    static PyObject * node_prop_##name(PyObject * self, void * closure) { \
        (void)closure; \
        return node_get_##name(self, NULL); \
    }
PROP(friendly_name)
PROP(name)
PROP(type_name)
PROP(element_type)
PROP(shape)
PROP(partial_shape)
PROP(type_info)

static PyMethodDef node_methods[] = {
    {"get_type_name", node_get_type_name, METH_NOARGS, "get_type_name() -> str"},
    {"get_friendly_name", node_get_friendly_name, METH_NOARGS, "get_friendly_name() -> str"},
    {"set_friendly_name", node_set_friendly_name, METH_O, "set_friendly_name(name: str) -> None"},
    {"get_name", node_get_name, METH_NOARGS, "get_name() -> str\n\nThe unique name: <Type>_<instance id>."},
    {"get_instance_id", node_get_instance_id, METH_NOARGS, "get_instance_id() -> int"},
    {"get_output_size", node_get_output_size, METH_NOARGS, "get_output_size() -> int"},
    {"get_input_size", node_get_input_size, METH_NOARGS, "get_input_size() -> int"},
    {"output", node_output, METH_O, "output(index: int) -> Output"},
    {"outputs", node_outputs, METH_NOARGS, "outputs() -> list[Output]"},
    {"input", node_input, METH_O, "input(index: int) -> Input"},
    {"inputs", node_inputs, METH_NOARGS, "inputs() -> list[Input]"},
    {"input_value", node_input_value, METH_O, "input_value(index: int) -> Output"},
    {"input_values", node_input_values, METH_NOARGS, "input_values() -> list[Output]"},
    {"get_output_element_type", node_get_output_element_type, METH_O, "get_output_element_type(index) -> Type"},
    {"get_output_partial_shape", node_get_output_partial_shape, METH_O,
     "get_output_partial_shape(index) -> PartialShape"},
    {"get_output_shape", node_get_output_shape, METH_O, "get_output_shape(index) -> Shape"},
    {"get_element_type", node_get_element_type, METH_NOARGS, "get_element_type() -> Type"},
    {"get_shape", node_get_shape, METH_NOARGS, "get_shape() -> Shape"},
    {"get_partial_shape", node_get_partial_shape, METH_NOARGS, "get_partial_shape() -> PartialShape"},
    {"get_attributes", node_get_attributes, METH_NOARGS, "get_attributes() -> dict"},
    {"get_type_info", node_get_type_info, METH_NOARGS, "get_type_info() -> DiscreteTypeInfo"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef node_getset[] = {
    {"friendly_name", node_prop_friendly_name, node_prop_set_friendly_name, "str", NULL},
    {"name", node_prop_name, NULL, "str: unique name", NULL},
    {"type_name", node_prop_type_name, NULL, "str", NULL},
    {"element_type", node_prop_element_type, NULL, "Type (single-output nodes)", NULL},
    {"shape", node_prop_shape, NULL, "Shape (single-output nodes)", NULL},
    {"partial_shape", node_prop_partial_shape, NULL, "PartialShape (single-output nodes)", NULL},
    {"type_info", node_prop_type_info, NULL, "DiscreteTypeInfo", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef node_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(pinot_py_node_object, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot node_slots[] = {
    {Py_tp_dealloc, node_dealloc},
    {Py_tp_traverse, node_traverse},
    {Py_tp_clear, node_clear},
    {Py_tp_repr, node_repr},
    {Py_tp_hash, node_hash},
    {Py_tp_richcompare, node_richcompare},
    {Py_tp_methods, node_methods},
    {Py_tp_getset, node_getset},
    {Py_tp_members, node_members},
    {Py_nb_add, node_add},
    {Py_nb_subtract, node_sub},
    {Py_nb_multiply, node_mul},
    {Py_nb_true_divide, node_div},
    {Py_tp_doc, "An operation in a model graph (openvino.Node)."},
    {0, NULL},
};

static PyType_Spec node_spec = {
    .name = "pinot.Node",
    .basicsize = sizeof(pinot_py_node_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .slots = node_slots,
};

/* ---- op.Parameter ---- */

static PyObject * parameter_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"element_type", "shape", NULL};
    pinot_dtype type;
    pinot_partial_shape shape;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&O&:Parameter", kwlist, pinot_py_convert_dtype, &type,
                                     pinot_py_convert_partial_shape, &shape)) {
        return NULL;
    }
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create_parameter(type, &shape, &node);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_wrap_new_node(node, NULL);
}

static PyObject * parameter_set_partial_shape(PyObject * self, PyObject * arg) {
    pinot_partial_shape shape;
    if (!pinot_py_convert_partial_shape(arg, &shape)) {
        return NULL;
    }
    pinot_status status = pinot_node_set_parameter(NODE(self), pinot_node_get_output_type(NODE(self), 0), &shape);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * parameter_set_element_type(PyObject * self, PyObject * arg) {
    pinot_dtype type;
    if (!pinot_py_convert_dtype(arg, &type)) {
        return NULL;
    }
    pinot_status status = pinot_node_set_parameter(NODE(self), type, pinot_node_get_output_shape(NODE(self), 0));
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * parameter_get_layout(PyObject * self, PyObject * unused) {
    (void)unused;
    return pinot_py_layout_new(pinot_node_get_layout(NODE(self)));
}

static PyObject * parameter_set_layout(PyObject * self, PyObject * arg) {
    pinot_layout layout;
    if (!pinot_py_convert_layout(arg, &layout)) {
        return NULL;
    }
    pinot_status status = pinot_node_set_layout(NODE(self), &layout);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * parameter_prop_layout(PyObject * self, void * closure) {
    (void)closure;
    return parameter_get_layout(self, NULL);
}

static int parameter_prop_set_layout(PyObject * self, PyObject * value, void * closure) {
    (void)closure;
    PyObject * r = value != NULL ? parameter_set_layout(self, value) : NULL;
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

static PyMethodDef parameter_methods[] = {
    {"set_partial_shape", parameter_set_partial_shape, METH_O, "set_partial_shape(shape) -> None"},
    {"set_element_type", parameter_set_element_type, METH_O, "set_element_type(type) -> None"},
    {"get_layout", parameter_get_layout, METH_NOARGS, "get_layout() -> Layout"},
    {"set_layout", parameter_set_layout, METH_O, "set_layout(layout: Layout | str) -> None"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef parameter_getset[] = {
    {"layout", parameter_prop_layout, parameter_prop_set_layout, "Layout", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot parameter_slots[] = {
    {Py_tp_new, parameter_tp_new},
    {Py_tp_methods, parameter_methods},
    {Py_tp_getset, parameter_getset},
    {Py_tp_doc, "Parameter(element_type, shape): a model input (openvino.op.Parameter)."},
    {0, NULL},
};

static PyType_Spec parameter_spec = {
    .name = "pinot.op.Parameter",
    .basicsize = sizeof(pinot_py_node_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, /* GC support is inherited from Node */
    .slots = parameter_slots,
};

/* ---- op.Constant ---- */

static PyObject * constant_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    /* Constant(array_or_tensor, shared_memory=False) or Constant(type, shape, values) */
    (void)cls;
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    PyObject * shared = kwargs != NULL ? PyDict_GetItemString(kwargs, "shared_memory") : NULL;
    PyObject * value = nargs > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    if (value == NULL && kwargs != NULL) {
        value = PyDict_GetItemString(kwargs, "tensor");
        value = value != NULL ? value : PyDict_GetItemString(kwargs, "array");
    }
    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "Constant() needs an array, a Tensor, or (type, shape, values)");
        return NULL;
    }
    if (nargs == 3) {
        PyObject * module = PyImport_ImportModule("pinot._ops.io");
        if (module == NULL) {
            return NULL;
        }
        PyObject * node = PyObject_CallMethod(module, "_constant_from_values", "OOO", PyTuple_GET_ITEM(args, 0),
                                              PyTuple_GET_ITEM(args, 1), PyTuple_GET_ITEM(args, 2));
        Py_DECREF(module);
        return node;
    }
    if (nargs == 2 && shared == NULL) {
        shared = PyTuple_GET_ITEM(args, 1);
    }
    int is_shared = shared != NULL ? PyObject_IsTrue(shared) : 0;
    if (is_shared < 0) {
        return NULL;
    }
    PyObject * call = Py_BuildValue("(OOO)", value, is_shared ? Py_True : Py_False, Py_None);
    if (call == NULL) {
        return NULL;
    }
    PyObject * result = pinot_py_create_constant(NULL, call);
    Py_DECREF(call);
    return result;
}

static PyObject * constant_get_data(PyObject * self, PyObject * unused) {
    (void)unused;
    pinot_tensor_t * value = pinot_node_get_constant_value(NODE(self));
    PyObject * tensor = pinot_py_tensor_new(pinot_tensor_retain(value));
    if (tensor == NULL) {
        return NULL;
    }
    PyObject * data = PyObject_GetAttrString(tensor, "data");
    Py_DECREF(tensor);
    if (data != NULL && PyArray_Check(data)) {
        /* Constants are immutable: the view is read-only. */
        PyArray_CLEARFLAGS((PyArrayObject *)data, NPY_ARRAY_WRITEABLE);
    }
    return data;
}

static PyObject * constant_prop_data(PyObject * self, void * closure) {
    (void)closure;
    return constant_get_data(self, NULL);
}

static PyObject * constant_get_vector(PyObject * self, PyObject * unused) {
    PyObject * data = constant_get_data(self, unused);
    if (data == NULL) {
        return NULL;
    }
    PyObject * flat = PyObject_CallMethod(data, "flatten", NULL);
    Py_DECREF(data);
    return flat;
}

static PyObject * constant_get_byte_size(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLongLong(pinot_tensor_get_byte_size(pinot_node_get_constant_value(NODE(self))));
}

static PyObject * constant_get_tensor_view(PyObject * self, PyObject * unused) {
    (void)unused;
    return pinot_py_tensor_new(pinot_tensor_retain(pinot_node_get_constant_value(NODE(self))));
}

static PyMethodDef constant_methods[] = {
    {"get_data", constant_get_data, METH_NOARGS, "get_data() -> numpy.ndarray (read-only view)"},
    {"get_vector", constant_get_vector, METH_NOARGS, "get_vector() -> numpy.ndarray (flattened copy)"},
    {"get_byte_size", constant_get_byte_size, METH_NOARGS, "get_byte_size() -> int"},
    {"get_tensor_view", constant_get_tensor_view, METH_NOARGS, "get_tensor_view() -> Tensor"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef constant_getset[] = {
    {"data", constant_prop_data, NULL, "numpy.ndarray: read-only view of the value", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot constant_slots[] = {
    {Py_tp_new, constant_tp_new},
    {Py_tp_methods, constant_methods},
    {Py_tp_getset, constant_getset},
    {Py_tp_doc, "Constant(array, shared_memory=False): a constant value (openvino.op.Constant)."},
    {0, NULL},
};

static PyType_Spec constant_spec = {
    .name = "pinot.op.Constant",
    .basicsize = sizeof(pinot_py_node_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, /* GC support is inherited from Node */
    .slots = constant_slots,
};

/* ---- op.Result ---- */

static PyObject * result_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"arg", NULL};
    pinot_output_ref source;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&:Result", kwlist, pinot_py_convert_output, &source)) {
        return NULL;
    }
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create("Result", 0, &source, 1, NULL, 0, &node);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_wrap_new_node(node, NULL);
}

static PyType_Slot result_slots[] = {
    {Py_tp_new, result_tp_new},
    {Py_tp_doc, "Result(output): a model output (openvino.op.Result)."},
    {0, NULL},
};

static PyType_Spec result_spec = {
    .name = "pinot.op.Result",
    .basicsize = sizeof(pinot_py_node_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, /* GC support is inherited from Node */
    .slots = result_slots,
};

int pinot_py_node_register(PyObject * module, pinot_py_graph_types * types) {
    types->NodeType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &node_spec, NULL);
    if (types->NodeType == NULL || PyModule_AddType(module, types->NodeType) < 0) {
        return -1;
    }
    types->ParameterType =
        (PyTypeObject *)PyType_FromModuleAndSpec(module, &parameter_spec, (PyObject *)types->NodeType);
    types->ConstantType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &constant_spec, (PyObject *)types->NodeType);
    types->ResultType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &result_spec, (PyObject *)types->NodeType);
    if (types->ParameterType == NULL || types->ConstantType == NULL || types->ResultType == NULL) {
        return -1;
    }
    /* Exposed as pinot.op.Parameter etc. by the Python package. */
    if (PyModule_AddObjectRef(module, "Parameter", (PyObject *)types->ParameterType) < 0 ||
        PyModule_AddObjectRef(module, "Constant", (PyObject *)types->ConstantType) < 0 ||
        PyModule_AddObjectRef(module, "Result", (PyObject *)types->ResultType) < 0) {
        return -1;
    }
    return 0;
}

/* pinot.Layout, as openvino.Layout: parsing ("NCHW", "[n,...,c]"), printing,
 * name lookup and comparison with layouts and strings. The layout_helpers
 * functions are Python (pinot/layout_helpers.py) on top of this class. */
#include "pinot_py.h"

#define LAYOUT(self) (((pinot_py_layout_object *)(self))->value)

PyObject * pinot_py_layout_new(const pinot_layout * value) {
    PyTypeObject * type = pinot_py_state_get()->LayoutType;
    pinot_py_layout_object * self = (pinot_py_layout_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->value = *value;
    return (PyObject *)self;
}

static PyObject * layout_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"layout_str", NULL};
    PyObject * arg = NULL;
    pinot_layout value;
    const char * text;
    (void)cls;
    pinot_layout_init(&value);
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:Layout", kwlist, &arg)) {
        goto incompatible;
    }
    if (arg != NULL) {
        int is_text = pinot_py_text(arg, &text);
        if (is_text < 0) {
            return NULL;
        }
        if (is_text == 0) {
            goto incompatible;
        }
        pinot_status status = pinot_layout_parse(text, &value);
        if (status != PINOT_STATUS_OK) {
            return pinot_py_raise(status);
        }
    }
    return pinot_py_layout_new(&value);

incompatible:
    PyErr_Clear();
    return pinot_py_incompatible("__init__(): incompatible constructor arguments",
                                 "    1. pinot.Layout()\n    2. pinot.Layout(layout_str: str)\n", NULL, args, kwargs);
}

static void layout_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject * layout_str(PyObject * self) {
    char buf[PINOT_LAYOUT_STRING_SIZE];
    pinot_layout_to_string(&LAYOUT(self), buf, sizeof(buf));
    return PyUnicode_FromString(buf);
}

static PyObject * layout_to_string(PyObject * self, PyObject * unused) {
    (void)unused;
    return layout_str(self);
}

static PyObject * layout_repr(PyObject * self) {
    char buf[PINOT_LAYOUT_STRING_SIZE];
    pinot_layout_to_string(&LAYOUT(self), buf, sizeof(buf));
    return PyUnicode_FromFormat("<Layout: %s>", buf);
}

static PyObject * layout_scalar(PyObject * cls, PyObject * unused) {
    pinot_layout value;
    (void)cls;
    (void)unused;
    pinot_layout_scalar(&value);
    return pinot_py_layout_new(&value);
}

static PyObject * layout_prop_empty(PyObject * self, void * closure) {
    (void)closure;
    return PyBool_FromLong(pinot_layout_is_empty(&LAYOUT(self)));
}

/* has_name / get_index_by_name(dimension_name: str). */
static int name_argument(const char * method, PyObject * self, PyObject * args, PyObject * kwargs,
                         const char ** name) {
    static char * kwlist[] = {"dimension_name", NULL};
    PyObject * arg = NULL;
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O", kwlist, &arg)) {
        int is_text = pinot_py_text(arg, name);
        if (is_text != 0) {
            return is_text > 0 ? 0 : -1;
        }
    }
    PyErr_Clear();
    char header[96];
    char signature[128];
    snprintf(header, sizeof(header), "%s(): incompatible function arguments", method);
    snprintf(signature, sizeof(signature), "    1. (self: pinot.Layout, dimension_name: str) -> %s\n",
             strcmp(method, "has_name") == 0 ? "bool" : "int");
    pinot_py_incompatible(header, signature, self, args, kwargs);
    return -1;
}

static PyObject * layout_has_name(PyObject * self, PyObject * args, PyObject * kwargs) {
    const char * name;
    if (name_argument("has_name", self, args, kwargs, &name) < 0) {
        return NULL;
    }
    return PyBool_FromLong(pinot_layout_has_name(&LAYOUT(self), name));
}

static PyObject * layout_get_index_by_name(PyObject * self, PyObject * args, PyObject * kwargs) {
    const char * name;
    int64_t index;
    if (name_argument("get_index_by_name", self, args, kwargs, &name) < 0) {
        return NULL;
    }
    pinot_status status = pinot_layout_get_index_by_name(&LAYOUT(self), name, &index);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return PyLong_FromLongLong(index);
}

static PyObject * layout_richcompare(PyObject * self, PyObject * other, int op) {
    /* A string is parsed first, so an invalid one raises as in OpenVINO. */
    pinot_layout value;
    const char * text;
    if (op != Py_EQ && op != Py_NE) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (PyObject_TypeCheck(other, pinot_py_state_get()->LayoutType)) {
        value = LAYOUT(other);
    } else {
        int is_text = pinot_py_text(other, &text);
        if (is_text < 0) {
            return NULL;
        }
        if (is_text == 0) {
            Py_RETURN_NOTIMPLEMENTED;
        }
        pinot_status status = pinot_layout_parse(text, &value);
        if (status != PINOT_STATUS_OK) {
            return pinot_py_raise(status);
        }
    }
    return pinot_py_richcompare_bool(pinot_layout_equal(&LAYOUT(self), &value), op);
}

static PyMethodDef layout_methods[] = {
    {"scalar", layout_scalar, METH_NOARGS | METH_STATIC,
     "scalar() -> pinot.Layout\n\nThe layout of a scalar, printed \"**SCALAR**\"."},
    {"has_name", (PyCFunction)(void (*)(void))layout_has_name, METH_VARARGS | METH_KEYWORDS,
     "has_name(dimension_name: str) -> bool\n\nWhether a dimension has this name (case-insensitive)."},
    {"get_index_by_name", (PyCFunction)(void (*)(void))layout_get_index_by_name, METH_VARARGS | METH_KEYWORDS,
     "get_index_by_name(dimension_name: str) -> int\n\n"
     "Index of the named dimension, negative when it comes after \"...\"; RuntimeError when absent."},
    {"to_string", layout_to_string, METH_NOARGS, "to_string() -> str"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef layout_getset[] = {
    {"empty", layout_prop_empty, NULL, "bool: the layout is empty (\"[...]\")", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot layout_slots[] = {
    {Py_tp_new, layout_tp_new},
    {Py_tp_dealloc, layout_dealloc},
    {Py_tp_repr, layout_repr},
    {Py_tp_str, layout_str},
    {Py_tp_richcompare, layout_richcompare},
    {Py_tp_hash, PyObject_HashNotImplemented},
    {Py_tp_methods, layout_methods},
    {Py_tp_getset, layout_getset},
    {Py_tp_doc, "Layout()\nLayout(layout_str: str)\n\n"
                "Names of the dimensions of a shape: \"NCHW\", \"[N,C,H,W]\", \"N??C\" (unnamed dimensions), "
                "\"N...C\" (any number of dimensions in between), \"[time,temperature]\"."},
    {0, NULL},
};

static PyType_Spec layout_spec = {
    .name = "pinot.Layout",
    .basicsize = sizeof(pinot_py_layout_object),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = layout_slots,
};

int pinot_py_layout_register(PyObject * module, pinot_py_state * st) {
    st->LayoutType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &layout_spec, NULL);
    if (st->LayoutType == NULL) {
        return -1;
    }
    return PyModule_AddType(module, st->LayoutType);
}

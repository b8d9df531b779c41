/* pinot.Shape, as openvino.Shape: a static shape with the sequence protocol
 * (indexing, slicing, assignment, iteration) and comparison with lists, tuples
 * and shapes. Dimensions are int64 here, so sizes above 2**63 - 1 (which
 * OpenVINO's size_t would hold) are rejected. */
#include "pinot_py.h"

#define SHAPE(self) (((pinot_py_shape_object *)(self))->value)

static const char shape_signatures[] =
    "    1. pinot.Shape()\n"
    "    2. pinot.Shape(axis_lengths: Sequence[int])\n"
    "    3. pinot.Shape(axis_lengths: pinot.Shape)\n"
    "    4. pinot.Shape(shape: str)\n";

PyObject * pinot_py_shape_new(const pinot_shape * value) {
    PyTypeObject * type = pinot_py_state_get()->ShapeType;
    pinot_py_shape_object * self = (pinot_py_shape_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->value = *value;
    return (PyObject *)self;
}

static PyObject * shape_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kw_lengths[] = {"axis_lengths", NULL};
    static char * kw_str[] = {"shape", NULL};
    PyObject * arg = NULL;
    pinot_shape value = {.rank = 0};
    const char * text;
    (void)cls;
    if (PyTuple_GET_SIZE(args) == 0 && (kwargs == NULL || PyDict_GET_SIZE(kwargs) == 0)) {
        return pinot_py_shape_new(&value);
    }
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O:Shape", kw_lengths, &arg)) {
        if (PyObject_TypeCheck(arg, pinot_py_state_get()->ShapeType)) {
            return pinot_py_shape_new(&SHAPE(arg));
        }
        int rc = pinot_py_shape_from_iterable(arg, &value);
        if (rc < 0) {
            return NULL;
        }
        if (rc > 0) {
            return pinot_py_shape_new(&value);
        }
    }
    PyErr_Clear();
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O:Shape", kw_str, &arg)) {
        int is_text = pinot_py_text(arg, &text);
        if (is_text < 0) {
            return NULL;
        }
        if (is_text > 0) {
            pinot_status status = pinot_shape_parse(text, &value);
            if (status != PINOT_STATUS_OK) {
                return pinot_py_raise(status);
            }
            return pinot_py_shape_new(&value);
        }
    }
    PyErr_Clear();
    return pinot_py_incompatible("__init__(): incompatible constructor arguments", shape_signatures, NULL, args,
                                 kwargs);
}

static void shape_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject * shape_str(PyObject * self) {
    char buf[PINOT_MAX_RANK * 21 + 8];
    pinot_shape_to_string(&SHAPE(self), buf, sizeof(buf));
    return PyUnicode_FromString(buf);
}

static PyObject * shape_to_string(PyObject * self, PyObject * unused) {
    (void)unused;
    return shape_str(self);
}

static PyObject * shape_repr(PyObject * self) {
    char buf[PINOT_MAX_RANK * 21 + 8];
    pinot_shape_to_string(&SHAPE(self), buf, sizeof(buf));
    return PyUnicode_FromFormat("<Shape: %s>", buf);
}

/* ---- sequence protocol ---- */

static Py_ssize_t shape_len(PyObject * self) {
    return (Py_ssize_t)SHAPE(self).rank;
}

static PyObject * out_of_range(void) {
    /* OpenVINO does not check (it reads past the vector); Pinot raises as PartialShape does. */
    PyErr_SetString(PyExc_RuntimeError, "Accessing out-of-range dimension");
    return NULL;
}

static PyObject * shape_subscript(PyObject * self, PyObject * key) {
    int64_t index;
    if (PySlice_Check(key)) {
        Py_ssize_t start, stop, step;
        if (PySlice_Unpack(key, &start, &stop, &step) < 0) {
            return NULL;
        }
        Py_ssize_t n = PySlice_AdjustIndices(SHAPE(self).rank, &start, &stop, step);
        pinot_shape value = {.rank = (uint32_t)n};
        for (Py_ssize_t i = 0, j = start; i < n; i++, j += step) {
            value.dims[i] = SHAPE(self).dims[j];
        }
        return pinot_py_shape_new(&value);
    }
    if (!pinot_py_as_int64(key, &index)) {
        PyObject * args = PyTuple_Pack(1, key);
        if (args != NULL) {
            pinot_py_incompatible("__getitem__(): incompatible function arguments",
                                  "    1. (self: pinot.Shape, arg0: int) -> int\n"
                                  "    2. (self: pinot.Shape, arg0: slice) -> pinot.Shape\n",
                                  self, args, NULL);
            Py_DECREF(args);
        }
        return NULL;
    }
    int64_t rank = SHAPE(self).rank;
    if (index < 0) {
        index += rank;
    }
    if (index < 0 || index >= rank) {
        return out_of_range();
    }
    return PyLong_FromLongLong(SHAPE(self).dims[index]);
}

/* The sequence slot makes a Shape a sequence for C code (numpy: np.zeros(shape),
 * np.array(shape); reversed()); Python's shape[i] goes through shape_subscript. */
static PyObject * shape_item(PyObject * self, Py_ssize_t i) {
    if (i < 0 || i >= (Py_ssize_t)SHAPE(self).rank) {
        return out_of_range();
    }
    return PyLong_FromLongLong(SHAPE(self).dims[i]);
}

static int shape_ass_subscript(PyObject * self, PyObject * key, PyObject * value) {
    pinot_py_state * st = pinot_py_state_get();
    int64_t index, n;
    if (value == NULL) {
        /* OpenVINO defines no __delitem__. */
        PyErr_SetString(PyExc_AttributeError, "__delitem__");
        return -1;
    }
    /* OpenVINO takes a size_t index: negative indices are a TypeError there. */
    if (PySlice_Check(key) || !pinot_py_as_int64(key, &index) || index < 0) {
        goto incompatible;
    }
    if (PyObject_TypeCheck(value, st->DimensionType)) {
        pinot_dim dim = ((pinot_py_dimension_object *)value)->value;
        if (!pinot_dim_is_static(dim)) {
            PyErr_SetString(PyExc_RuntimeError, "Cannot get length of dynamic dimension");
            return -1;
        }
        n = dim.min;
    } else if (!pinot_py_as_int64(value, &n)) {
        goto incompatible;
    } else if (n < 0) {
        /* OpenVINO stores the value wrapped around to a huge size_t; Pinot refuses it. */
        PyErr_Format(PyExc_RuntimeError, "Shape dimensions cannot be negative (got %lld)", (long long)n);
        return -1;
    }
    if (index >= (int64_t)SHAPE(self).rank) {
        out_of_range();
        return -1;
    }
    SHAPE(self).dims[index] = n;
    return 0;

incompatible:;
    PyObject * args = PyTuple_Pack(2, key, value);
    if (args != NULL) {
        pinot_py_incompatible("__setitem__(): incompatible function arguments",
                              "    1. (self: pinot.Shape, arg0: int, arg1: int) -> None\n"
                              "    2. (self: pinot.Shape, arg0: int, arg1: pinot.Dimension) -> None\n",
                              self, args, NULL);
        Py_DECREF(args);
    }
    return -1;
}

static PyObject * shape_iter(PyObject * self) {
    PyObject * dims = PyTuple_New(SHAPE(self).rank);
    if (dims == NULL) {
        return NULL;
    }
    for (uint32_t i = 0; i < SHAPE(self).rank; i++) {
        PyObject * dim = PyLong_FromLongLong(SHAPE(self).dims[i]);
        if (dim == NULL) {
            Py_DECREF(dims);
            return NULL;
        }
        PyTuple_SET_ITEM(dims, i, dim);
    }
    PyObject * iter = PyObject_GetIter(dims);
    Py_DECREF(dims);
    return iter;
}

/* ---- comparison ---- */

static PyObject * shape_richcompare(PyObject * self, PyObject * other, int op) {
    pinot_py_state * st = pinot_py_state_get();
    bool equal;
    if (op != Py_EQ && op != Py_NE) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (PyObject_TypeCheck(other, st->ShapeType)) {
        equal = pinot_shape_equal(&SHAPE(self), &SHAPE(other));
    } else if (PyList_Check(other) || PyTuple_Check(other)) {
        /* Element by element, stopping at the first difference, as OpenVINO. */
        Py_ssize_t n = PySequence_Fast_GET_SIZE(other);
        equal = n == (Py_ssize_t)SHAPE(self).rank;
        for (Py_ssize_t i = 0; equal && i < n; i++) {
            PyObject * item = PySequence_Fast_GET_ITEM(other, i);
            int64_t value;
            if (!pinot_py_as_int64(item, &value)) {
                PyErr_Format(PyExc_RuntimeError, "Unable to cast Python instance of type %R to C++ type 'int64_t'",
                             (PyObject *)Py_TYPE(item));
                return NULL;
            }
            equal = value == SHAPE(self).dims[i];
        }
    } else {
        /* A PartialShape answers through its own reflected __eq__. */
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pinot_py_richcompare_bool(equal, op);
}

static PyMethodDef shape_methods[] = {
    {"to_string", shape_to_string, METH_NOARGS, "to_string() -> str"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot shape_slots[] = {
    {Py_tp_new, shape_tp_new},
    {Py_tp_dealloc, shape_dealloc},
    {Py_tp_repr, shape_repr},
    {Py_tp_str, shape_str},
    {Py_tp_richcompare, shape_richcompare},
    {Py_tp_hash, PyObject_HashNotImplemented},
    {Py_tp_iter, shape_iter},
    {Py_sq_length, shape_len},
    {Py_sq_item, shape_item},
    {Py_mp_length, shape_len},
    {Py_mp_subscript, shape_subscript},
    {Py_mp_ass_subscript, shape_ass_subscript},
    {Py_tp_methods, shape_methods},
    {Py_tp_doc, "Shape()\nShape(axis_lengths: Sequence[int] | pinot.Shape)\nShape(shape: str)\n\n"
                "A static shape: a list of non-negative dimension sizes."},
    {0, NULL},
};

static PyType_Spec shape_spec = {
    .name = "pinot.Shape",
    .basicsize = sizeof(pinot_py_shape_object),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = shape_slots,
};

int pinot_py_shape_register(PyObject * module, pinot_py_state * st) {
    st->ShapeType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &shape_spec, NULL);
    if (st->ShapeType == NULL) {
        return -1;
    }
    return PyModule_AddType(module, st->ShapeType);
}

/* pinot.Type: an element type, as openvino.Type. Instances are immutable
 * singletons (one per element type, kept in the module state), so identity,
 * equality and hashing agree. */
#include "pinot_py.h"
#include "numpy_api.h"

#define TYPE_VALUE(self) (((pinot_py_type_object *)(self))->value)
#define TYPE_INFO(self) pinot_dtype_get_info(TYPE_VALUE(self))

PyObject * pinot_py_type_new(pinot_dtype value) {
    pinot_py_state * st = pinot_py_state_get();
    if ((unsigned)value >= PINOT_DTYPE_COUNT) {
        PyErr_Format(PyExc_RuntimeError, "invalid element type %d", (int)value);
        return NULL;
    }
    return Py_NewRef(st->type_instances[value]);
}

static PyObject * type_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"dtype", NULL};
    pinot_dtype value;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O&:Type", kwlist, pinot_py_convert_dtype, &value)) {
        return NULL;
    }
    return pinot_py_type_new(value);
}

static PyObject * type_repr(PyObject * self) {
    /* OpenVINO appends the bit width to "float" and "double" only. */
    pinot_dtype type = TYPE_VALUE(self);
    if (type == PINOT_DTYPE_F32 || type == PINOT_DTYPE_F64) {
        return PyUnicode_FromFormat("<Type: '%s%u'>", TYPE_INFO(self)->c_name, TYPE_INFO(self)->bitwidth);
    }
    return PyUnicode_FromFormat("<Type: '%s'>", TYPE_INFO(self)->c_name);
}

static Py_hash_t type_hash(PyObject * self) {
    return (Py_hash_t)TYPE_VALUE(self) + 1; /* -1 is reserved for errors */
}

static PyObject * type_richcompare(PyObject * self, PyObject * other, int op) {
    pinot_py_state * st = pinot_py_state_get();
    if (!PyObject_TypeCheck(other, st->TypeType)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pinot_py_richcompare_bool(TYPE_VALUE(self) == TYPE_VALUE(other), op);
}

#define FLAG_METHOD(name, expr) \
    static PyObject * type_##name(PyObject * self, PyObject * unused) { \
        (void)unused; \
        return PyBool_FromLong(expr); \
    }
#define FLAG_PROPERTY(name) \
    static PyObject * type_get_##name(PyObject * self, void * closure) { \
        (void)closure; \
        return type_##name(self, NULL); \
    }

FLAG_METHOD(is_static, TYPE_INFO(self)->is_static)
FLAG_METHOD(is_dynamic, !TYPE_INFO(self)->is_static)
FLAG_METHOD(is_real, TYPE_INFO(self)->is_real)
FLAG_METHOD(is_integral, TYPE_INFO(self)->is_integral)
FLAG_METHOD(is_integral_number, TYPE_INFO(self)->is_integral_number)
FLAG_METHOD(is_signed, TYPE_INFO(self)->is_signed)
FLAG_METHOD(is_quantized, TYPE_INFO(self)->is_quantized)
FLAG_PROPERTY(is_real)
FLAG_PROPERTY(is_integral)
FLAG_PROPERTY(is_integral_number)
FLAG_PROPERTY(is_signed)
FLAG_PROPERTY(is_quantized)

static PyObject * type_get_type_name(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyUnicode_FromString(TYPE_INFO(self)->name);
}

static PyObject * type_get_size(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLong(TYPE_INFO(self)->size);
}

static PyObject * type_get_bitwidth(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLong(TYPE_INFO(self)->bitwidth);
}

static PyObject * type_prop_type_name(PyObject * self, void * closure) {
    (void)closure;
    return type_get_type_name(self, NULL);
}

static PyObject * type_prop_size(PyObject * self, void * closure) {
    (void)closure;
    return type_get_size(self, NULL);
}

static PyObject * type_prop_bitwidth(PyObject * self, void * closure) {
    (void)closure;
    return type_get_bitwidth(self, NULL);
}

static int other_type(PyObject * other, pinot_dtype * out) {
    pinot_py_state * st = pinot_py_state_get();
    if (!PyObject_TypeCheck(other, st->TypeType)) {
        PyErr_Format(PyExc_TypeError, "expected a pinot.Type, got %s", Py_TYPE(other)->tp_name);
        return -1;
    }
    *out = TYPE_VALUE(other);
    return 0;
}

static PyObject * type_compatible(PyObject * self, PyObject * other) {
    pinot_dtype b;
    if (other_type(other, &b) < 0) {
        return NULL;
    }
    return PyBool_FromLong(pinot_dtype_compatible(TYPE_VALUE(self), b));
}

static PyObject * type_merge(PyObject * self, PyObject * other) {
    pinot_dtype b, merged;
    if (other_type(other, &b) < 0) {
        return NULL;
    }
    if (!pinot_dtype_merge(TYPE_VALUE(self), b, &merged)) {
        Py_RETURN_NONE;
    }
    return pinot_py_type_new(merged);
}

static PyObject * type_to_dtype(PyObject * self, PyObject * unused) {
    (void)unused;
    return pinot_py_dtype_to_numpy(TYPE_VALUE(self));
}

static PyObject * type_reduce(PyObject * self, PyObject * unused) {
    /* Pickle by name through a class method, so unpickling yields the singleton. */
    (void)unused;
    PyObject * from_name = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "_from_name");
    if (from_name == NULL) {
        return NULL;
    }
    PyObject * result = Py_BuildValue("(N(s))", from_name, TYPE_INFO(self)->name);
    return result;
}

static PyObject * type_from_name(PyObject * cls, PyObject * name) {
    (void)cls;
    const char * text = PyUnicode_AsUTF8(name);
    pinot_dtype value;
    if (text == NULL) {
        return NULL;
    }
    if (pinot_dtype_from_name(text, &value) != PINOT_STATUS_OK) {
        return pinot_py_raise(PINOT_STATUS_INVALID_ARGUMENT);
    }
    return pinot_py_type_new(value);
}

static PyObject * type_copy(PyObject * self, PyObject * unused) {
    (void)unused;
    return Py_NewRef(self);
}

static PyMethodDef type_methods[] = {
    {"is_static", type_is_static, METH_NOARGS, "is_static() -> bool"},
    {"is_dynamic", type_is_dynamic, METH_NOARGS, "is_dynamic() -> bool"},
    {"is_real", type_is_real, METH_NOARGS, "is_real() -> bool\n\nTrue for floating-point types."},
    {"is_integral", type_is_integral, METH_NOARGS, "is_integral() -> bool\n\nTrue for non-floating-point types."},
    {"is_integral_number", type_is_integral_number, METH_NOARGS,
     "is_integral_number() -> bool\n\nTrue for integral types other than boolean."},
    {"is_signed", type_is_signed, METH_NOARGS, "is_signed() -> bool"},
    {"is_quantized", type_is_quantized, METH_NOARGS, "is_quantized() -> bool"},
    {"get_type_name", type_get_type_name, METH_NOARGS, "get_type_name() -> str"},
    {"to_string", type_get_type_name, METH_NOARGS, "to_string() -> str"},
    {"get_size", type_get_size, METH_NOARGS, "get_size() -> int\n\nBytes per element, rounded up."},
    {"get_bitwidth", type_get_bitwidth, METH_NOARGS, "get_bitwidth() -> int"},
    {"compatible", type_compatible, METH_O, "compatible(other: Type) -> bool"},
    {"merge", type_merge, METH_O, "merge(other: Type) -> Type | None"},
    {"to_dtype", type_to_dtype, METH_NOARGS, "to_dtype() -> numpy.dtype"},
    {"__reduce__", type_reduce, METH_NOARGS, NULL},
    {"__copy__", type_copy, METH_NOARGS, NULL},
    {"__deepcopy__", type_copy, METH_O, NULL},
    {"_from_name", type_from_name, METH_O | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef type_getset[] = {
    {"real", type_get_is_real, NULL, "bool: floating-point type", NULL},
    {"integral", type_get_is_integral, NULL, "bool: integral type", NULL},
    {"integral_number", type_get_is_integral_number, NULL, "bool: integral, not boolean", NULL},
    {"signed", type_get_is_signed, NULL, "bool: signed type", NULL},
    {"quantized", type_get_is_quantized, NULL, "bool: quantized type", NULL},
    {"type_name", type_prop_type_name, NULL, "str: OpenVINO name", NULL},
    {"size", type_prop_size, NULL, "int: bytes per element", NULL},
    {"bitwidth", type_prop_bitwidth, NULL, "int: bits per element", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot type_slots[] = {
    {Py_tp_new, type_tp_new},
    {Py_tp_repr, type_repr},
    {Py_tp_hash, type_hash},
    {Py_tp_richcompare, type_richcompare},
    {Py_tp_methods, type_methods},
    {Py_tp_getset, type_getset},
    {Py_tp_doc, "Type(dtype)\n\nAn element type: Type.f32, Type.u4, ... or built from a numpy dtype."},
    {0, NULL},
};

static PyType_Spec type_spec = {
    .name = "pinot.Type",
    .basicsize = sizeof(pinot_py_type_object),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = type_slots,
};

int pinot_py_type_register(PyObject * module, pinot_py_state * st) {
    st->TypeType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &type_spec, NULL);
    if (st->TypeType == NULL) {
        return -1;
    }
    for (int i = 0; i < PINOT_DTYPE_COUNT; i++) {
        pinot_py_type_object * obj = PyObject_New(pinot_py_type_object, st->TypeType);
        if (obj == NULL) {
            return -1;
        }
        obj->value = (pinot_dtype)i;
        st->type_instances[i] = (PyObject *)obj;
        if (PyObject_SetAttrString((PyObject *)st->TypeType, pinot_dtype_name((pinot_dtype)i), (PyObject *)obj) < 0) {
            return -1;
        }
    }
    return PyModule_AddType(module, st->TypeType);
}

/* pinot.Dimension and pinot.Symbol, as openvino.Dimension and openvino.Symbol.
 * A Dimension is a pinot_dim plus an optional Symbol. Symbols are plain objects
 * compared by identity: OpenVINO's symbol equivalence classes (set_equal) are
 * not reachable from Python, so identity is the whole observable behaviour. */
#include "pinot_py.h"

#define DIM(self) (((pinot_py_dimension_object *)(self))->value)

static const char dimension_signatures[] =
    "    1. pinot.Dimension()\n"
    "    2. pinot.Dimension(dimension: int)\n"
    "    3. pinot.Dimension(min_dimension: int, max_dimension: int)\n"
    "    4. pinot.Dimension(str: str)\n";

/* ---- Symbol ---- */

static PyObject * symbol_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    if (PyTuple_GET_SIZE(args) != 0 || (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0)) {
        return pinot_py_incompatible("__init__(): incompatible constructor arguments", "    1. pinot.Symbol()\n",
                                     NULL, args, kwargs);
    }
    return cls->tp_alloc(cls, 0);
}

static PyObject * symbol_reduce(PyObject * self, PyObject * unused) {
    /* A copy would be a different symbol: refuse, as OpenVINO does. */
    (void)unused;
    PyErr_Format(PyExc_TypeError, "cannot pickle '%s' object", Py_TYPE(self)->tp_name);
    return NULL;
}

static PyMethodDef symbol_methods[] = {
    {"__reduce__", symbol_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static void symbol_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyType_Slot symbol_slots[] = {
    {Py_tp_new, symbol_new},
    {Py_tp_dealloc, symbol_dealloc},
    {Py_tp_methods, symbol_methods},
    {Py_tp_doc, "Symbol()\n\nA symbol naming a dimension, for Dimension.set_symbol(). Symbols are equal only "
                "to themselves and are hashable."},
    {0, NULL},
};

static PyType_Spec symbol_spec = {
    .name = "pinot.Symbol",
    .basicsize = sizeof(PyObject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = symbol_slots,
};

/* ---- Dimension ---- */

PyObject * pinot_py_dimension_new_with_symbol(pinot_dim value, PyObject * symbol) {
    PyTypeObject * type = pinot_py_state_get()->DimensionType;
    pinot_py_dimension_object * self = (pinot_py_dimension_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->value = value;
    self->symbol = (symbol != NULL && symbol != Py_None) ? Py_NewRef(symbol) : NULL;
    return (PyObject *)self;
}

PyObject * pinot_py_dimension_new(pinot_dim value) {
    return pinot_py_dimension_new_with_symbol(value, NULL);
}

/* OpenVINO's overloads in order: (), (dimension: int), (min_dimension: int,
 * max_dimension: int), (str: str). */
static PyObject * dimension_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kw_int[] = {"dimension", NULL};
    static char * kw_pair[] = {"min_dimension", "max_dimension", NULL};
    static char * kw_str[] = {"str", NULL};
    PyObject * a = NULL;
    PyObject * b = NULL;
    pinot_dim value;
    int64_t n, m;
    const char * text;
    (void)cls;
    Py_ssize_t n_args = PyTuple_GET_SIZE(args) + (kwargs != NULL ? PyDict_GET_SIZE(kwargs) : 0);
    if (n_args == 0) {
        return pinot_py_dimension_new(pinot_dim_dynamic());
    }
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O:Dimension", kw_int, &a) && pinot_py_as_int64(a, &n)) {
        return pinot_py_dimension_new(pinot_py_dim_from_int(n));
    }
    PyErr_Clear();
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "OO:Dimension", kw_pair, &a, &b) && pinot_py_as_int64(a, &n) &&
        pinot_py_as_int64(b, &m)) {
        return pinot_py_dimension_new(pinot_py_dim_from_bounds(n, m));
    }
    PyErr_Clear();
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O:Dimension", kw_str, &a)) {
        int is_text = pinot_py_text(a, &text);
        if (is_text < 0) {
            return NULL;
        }
        if (is_text > 0) {
            pinot_status status = pinot_dim_parse(text, &value);
            if (status != PINOT_STATUS_OK) {
                return pinot_py_raise(status);
            }
            return pinot_py_dimension_new(value);
        }
    }
    PyErr_Clear();
    return pinot_py_incompatible("__init__(): incompatible constructor arguments", dimension_signatures, NULL, args,
                                 kwargs);
}

static int dimension_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(((pinot_py_dimension_object *)self)->symbol);
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static int dimension_clear(PyObject * self) {
    Py_CLEAR(((pinot_py_dimension_object *)self)->symbol);
    return 0;
}

static void dimension_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    (void)dimension_clear(self);
    type->tp_free(self);
    Py_DECREF(type);
}

/* Lengths as OpenVINO reports them: -1 for an unbounded (or empty) side. */
static PyObject * length_of(int64_t bound) {
    return PyLong_FromLongLong(bound == PINOT_DIM_INF ? -1 : bound);
}

static PyObject * dimension_get_length(PyObject * self, PyObject * unused) {
    (void)unused;
    if (!pinot_dim_is_static(DIM(self))) {
        PyErr_SetString(PyExc_RuntimeError, "Cannot get length of dynamic dimension");
        return NULL;
    }
    return PyLong_FromLongLong(DIM(self).min);
}

static Py_ssize_t dimension_len(PyObject * self) {
    if (!pinot_dim_is_static(DIM(self))) {
        PyErr_SetString(PyExc_RuntimeError, "Cannot get length of dynamic dimension");
        return -1;
    }
    /* Py_ssize_t is 64-bit on every platform Pinot builds for. */
    return (Py_ssize_t)DIM(self).min;
}

static PyObject * dimension_get_min_length(PyObject * self, PyObject * unused) {
    (void)unused;
    return length_of(DIM(self).min);
}

static PyObject * dimension_get_max_length(PyObject * self, PyObject * unused) {
    (void)unused;
    return length_of(DIM(self).max);
}

static PyObject * dimension_prop_min_length(PyObject * self, void * closure) {
    (void)closure;
    return length_of(DIM(self).min);
}

static PyObject * dimension_prop_max_length(PyObject * self, void * closure) {
    (void)closure;
    return length_of(DIM(self).max);
}

static PyObject * dimension_prop_is_dynamic(PyObject * self, void * closure) {
    (void)closure;
    return PyBool_FromLong(pinot_dim_is_dynamic(DIM(self)));
}

static PyObject * dimension_prop_is_static(PyObject * self, void * closure) {
    (void)closure;
    return PyBool_FromLong(pinot_dim_is_static(DIM(self)));
}

static PyObject * dimension_dynamic(PyObject * cls, PyObject * unused) {
    (void)cls;
    (void)unused;
    return pinot_py_dimension_new(pinot_dim_dynamic());
}

static PyObject * dimension_has_symbol(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyBool_FromLong(((pinot_py_dimension_object *)self)->symbol != NULL);
}

static PyObject * dimension_get_symbol(PyObject * self, PyObject * unused) {
    (void)unused;
    PyObject * symbol = ((pinot_py_dimension_object *)self)->symbol;
    return Py_NewRef(symbol != NULL ? symbol : Py_None);
}

static PyObject * dimension_set_symbol(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"symbol", NULL};
    PyObject * symbol = NULL;
    pinot_py_dimension_object * dim = (pinot_py_dimension_object *)self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:set_symbol", kwlist, &symbol) ||
        (symbol != Py_None && !PyObject_TypeCheck(symbol, pinot_py_state_get()->SymbolType))) {
        PyErr_Clear();
        return pinot_py_incompatible("set_symbol(): incompatible function arguments",
                                     "    1. (self: pinot.Dimension, symbol: pinot.Symbol) -> None\n", self, args,
                                     kwargs);
    }
    /* None clears the symbol, as OpenVINO's null shared_ptr does. */
    Py_XSETREF(dim->symbol, symbol != Py_None ? Py_NewRef(symbol) : NULL);
    Py_RETURN_NONE;
}

/* compatible / relaxes / refines / same_scheme(dim: Dimension). */
static int other_dimension(const char * name, PyObject * self, PyObject * args, PyObject * kwargs, pinot_dim * out) {
    static char * kwlist[] = {"dim", NULL};
    PyObject * other = NULL;
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O", kwlist, &other) &&
        PyObject_TypeCheck(other, pinot_py_state_get()->DimensionType)) {
        *out = DIM(other);
        return 0;
    }
    PyErr_Clear();
    char header[96];
    snprintf(header, sizeof(header), "%s(): incompatible function arguments", name);
    pinot_py_incompatible(header, "    1. (self: pinot.Dimension, dim: pinot.Dimension) -> bool\n", self, args, kwargs);
    return -1;
}

#define DIMENSION_RELATION(name)                                                              \
    static PyObject * dimension_##name(PyObject * self, PyObject * args, PyObject * kwargs) { \
        pinot_dim other;                                                                      \
        if (other_dimension(#name, self, args, kwargs, &other) < 0) {                         \
            return NULL;                                                                      \
        }                                                                                     \
        return PyBool_FromLong(pinot_dim_##name(DIM(self), other));                           \
    }

DIMENSION_RELATION(compatible)
DIMENSION_RELATION(relaxes)
DIMENSION_RELATION(refines)
DIMENSION_RELATION(same_scheme)

static PyObject * dimension_str(PyObject * self) {
    char buf[64];
    pinot_dim_to_string(DIM(self), buf, sizeof(buf));
    return PyUnicode_FromString(buf);
}

static PyObject * dimension_to_string(PyObject * self, PyObject * unused) {
    (void)unused;
    return dimension_str(self);
}

static PyObject * dimension_repr(PyObject * self) {
    char buf[64];
    pinot_dim_to_string(DIM(self), buf, sizeof(buf));
    return PyUnicode_FromFormat("<Dimension: %s>", buf);
}

static PyObject * dimension_richcompare(PyObject * self, PyObject * other, int op) {
    /* Symbols do not take part, as in OpenVINO. Ints compare as Dimension(int):
     * Dimension() == -1. Anything else is NotImplemented (so == is False). */
    pinot_dim value;
    int64_t n;
    if (PyObject_TypeCheck(other, pinot_py_state_get()->DimensionType)) {
        value = DIM(other);
    } else if (pinot_py_as_int64(other, &n)) {
        value = pinot_py_dim_from_int(n);
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pinot_py_richcompare_bool(pinot_dim_equal(DIM(self), value), op);
}

static PyMethodDef dimension_methods[] = {
    {"dynamic", dimension_dynamic, METH_NOARGS | METH_STATIC, "dynamic() -> pinot.Dimension\n\nA dynamic dimension."},
    {"get_length", dimension_get_length, METH_NOARGS,
     "get_length() -> int\n\nThe value of a static dimension (RuntimeError when dynamic)."},
    {"get_min_length", dimension_get_min_length, METH_NOARGS, "get_min_length() -> int\n\nThe lower bound."},
    {"get_max_length", dimension_get_max_length, METH_NOARGS,
     "get_max_length() -> int\n\nThe upper bound, -1 when unbounded."},
    {"has_symbol", dimension_has_symbol, METH_NOARGS, "has_symbol() -> bool\n\nWhether a symbol was set."},
    {"get_symbol", dimension_get_symbol, METH_NOARGS, "get_symbol() -> pinot.Symbol | None"},
    {"set_symbol", (PyCFunction)(void (*)(void))dimension_set_symbol, METH_VARARGS | METH_KEYWORDS,
     "set_symbol(symbol: pinot.Symbol) -> None"},
    {"compatible", (PyCFunction)(void (*)(void))dimension_compatible, METH_VARARGS | METH_KEYWORDS,
     "compatible(dim: pinot.Dimension) -> bool\n\nWhether the two dimensions can be merged (their intervals "
     "intersect)."},
    {"relaxes", (PyCFunction)(void (*)(void))dimension_relaxes, METH_VARARGS | METH_KEYWORDS,
     "relaxes(dim: pinot.Dimension) -> bool\n\nWhether this dimension contains dim."},
    {"refines", (PyCFunction)(void (*)(void))dimension_refines, METH_VARARGS | METH_KEYWORDS,
     "refines(dim: pinot.Dimension) -> bool\n\nWhether dim contains this dimension."},
    {"same_scheme", (PyCFunction)(void (*)(void))dimension_same_scheme, METH_VARARGS | METH_KEYWORDS,
     "same_scheme(dim: pinot.Dimension) -> bool\n\nBoth dynamic, or both static and equal."},
    {"to_string", dimension_to_string, METH_NOARGS, "to_string() -> str"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef dimension_getset[] = {
    {"is_dynamic", dimension_prop_is_dynamic, NULL, "bool: the dimension is not a single value", NULL},
    {"is_static", dimension_prop_is_static, NULL, "bool: the dimension is a single value", NULL},
    {"min_length", dimension_prop_min_length, NULL, "int: the lower bound", NULL},
    {"max_length", dimension_prop_max_length, NULL, "int: the upper bound, -1 when unbounded", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot dimension_slots[] = {
    {Py_tp_new, dimension_tp_new},
    {Py_tp_dealloc, dimension_dealloc},
    {Py_tp_traverse, dimension_traverse},
    {Py_tp_clear, dimension_clear},
    {Py_tp_repr, dimension_repr},
    {Py_tp_str, dimension_str},
    {Py_tp_richcompare, dimension_richcompare},
    /* Mutable (set_symbol) and equal to ints: unhashable, as in OpenVINO. */
    {Py_tp_hash, PyObject_HashNotImplemented},
    {Py_sq_length, dimension_len},
    {Py_tp_methods, dimension_methods},
    {Py_tp_getset, dimension_getset},
    {Py_tp_doc, "Dimension()\nDimension(dimension: int)\nDimension(min_dimension: int, max_dimension: int)\n"
                "Dimension(str: str)\n\n"
                "A dimension of a shape: static (3), dynamic (Dimension() or -1, printed \"?\") or an interval "
                "(Dimension(2, 5) or \"2..5\"; -1 leaves a side unbounded)."},
    {0, NULL},
};

static PyType_Spec dimension_spec = {
    .name = "pinot.Dimension",
    .basicsize = sizeof(pinot_py_dimension_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .slots = dimension_slots,
};

int pinot_py_dimension_register(PyObject * module, pinot_py_state * st) {
    st->SymbolType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &symbol_spec, NULL);
    if (st->SymbolType == NULL || PyModule_AddType(module, st->SymbolType) < 0) {
        return -1;
    }
    st->DimensionType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &dimension_spec, NULL);
    if (st->DimensionType == NULL) {
        return -1;
    }
    return PyModule_AddType(module, st->DimensionType);
}

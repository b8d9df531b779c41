/* pinot.PartialShape, as openvino.PartialShape: constructors, relations, the
 * sequence protocol (indexing, slicing, assignment, iteration), comparison with
 * shapes, lists and tuples, copy. Dimension symbols ride along in a tuple that
 * exists only when some dimension has one. */
#include "pinot_py.h"

typedef pinot_py_partial_shape_object ps_object;

#define PS(self) (((ps_object *)(self))->value)

static const char partial_shape_signatures[] =
    "    1. pinot.PartialShape(arg0: pinot.Shape)\n"
    "    2. pinot.PartialShape(arg0: pinot.PartialShape)\n"
    "    3. pinot.PartialShape(arg0: list)\n"
    "    4. pinot.PartialShape(arg0: tuple)\n"
    "    5. pinot.PartialShape(shape: str)\n";

/* Symbols: NULL, or a tuple of rank entries (Symbol or None). Steals @p symbols. */
static PyObject * new_with_symbols(const pinot_partial_shape * value, PyObject * symbols) {
    PyTypeObject * type = pinot_py_state_get()->PartialShapeType;
    ps_object * self = (ps_object *)type->tp_alloc(type, 0);
    if (self == NULL) {
        Py_XDECREF(symbols);
        return NULL;
    }
    self->value = *value;
    self->symbols = symbols;
    return (PyObject *)self;
}

PyObject * pinot_py_partial_shape_new(const pinot_partial_shape * value) {
    return new_with_symbols(value, NULL);
}

static PyObject * symbol_at(PyObject * self, Py_ssize_t i) {
    PyObject * symbols = ((ps_object *)self)->symbols;
    return symbols != NULL ? PyTuple_GET_ITEM(symbols, i) : NULL;
}

static PyObject * partial_shape_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"shape", NULL};
    pinot_py_state * st = pinot_py_state_get();
    PyObject * arg = NULL;
    pinot_partial_shape value;
    const char * text;
    (void)cls;
    if ((kwargs == NULL || PyDict_GET_SIZE(kwargs) == 0) && PyTuple_GET_SIZE(args) == 1) {
        arg = PyTuple_GET_ITEM(args, 0);
        if (PyObject_TypeCheck(arg, st->PartialShapeType)) {
            PyObject * symbols = ((ps_object *)arg)->symbols;
            return new_with_symbols(&PS(arg), Py_XNewRef(symbols));
        }
        if (PyObject_TypeCheck(arg, st->ShapeType)) {
            pinot_partial_shape_from_shape(&value, &((pinot_py_shape_object *)arg)->value);
            return pinot_py_partial_shape_new(&value);
        }
        if (PyList_Check(arg) || PyTuple_Check(arg)) {
            PyObject * symbols = NULL;
            if (pinot_py_partial_shape_from_items(arg, &value, &symbols) < 0) {
                return NULL;
            }
            return new_with_symbols(&value, symbols);
        }
    }
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O:PartialShape", kwlist, &arg)) {
        int is_text = pinot_py_text(arg, &text);
        if (is_text < 0) {
            return NULL;
        }
        if (is_text > 0) {
            pinot_status status = pinot_partial_shape_parse(text, &value);
            if (status != PINOT_STATUS_OK) {
                return pinot_py_raise(status);
            }
            return pinot_py_partial_shape_new(&value);
        }
    }
    PyErr_Clear();
    return pinot_py_incompatible("__init__(): incompatible constructor arguments", partial_shape_signatures, NULL,
                                 args, kwargs);
}

static int partial_shape_traverse(PyObject * self, visitproc visit, void * arg) {
    Py_VISIT(((ps_object *)self)->symbols);
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static int partial_shape_clear(PyObject * self) {
    Py_CLEAR(((ps_object *)self)->symbols);
    return 0;
}

static void partial_shape_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    (void)partial_shape_clear(self);
    type->tp_free(self);
    Py_DECREF(type);
}

/* OpenVINO asserts a static rank for len(), slicing and iteration's length. */
static int require_static_rank(PyObject * self) {
    if (PS(self).rank < 0) {
        PyErr_SetString(PyExc_RuntimeError, "Check 'rank().is_static()' failed: the shape has a dynamic rank");
        return -1;
    }
    return 0;
}

static PyObject * out_of_range(void) {
    PyErr_SetString(PyExc_RuntimeError, "Accessing out-of-range dimension");
    return NULL;
}

/* ---- static methods and properties ---- */

static PyObject * partial_shape_dynamic(PyObject * cls, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"rank", NULL};
    PyObject * rank_obj = NULL;
    pinot_dim rank = pinot_dim_dynamic();
    int64_t n;
    (void)cls;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:dynamic", kwlist, &rank_obj)) {
        PyErr_Clear();
        goto incompatible;
    }
    if (rank_obj != NULL) {
        if (PyObject_TypeCheck(rank_obj, pinot_py_state_get()->DimensionType)) {
            rank = ((pinot_py_dimension_object *)rank_obj)->value;
        } else if (pinot_py_as_int64(rank_obj, &n)) {
            rank = pinot_py_dim_from_int(n);
        } else {
            goto incompatible;
        }
    }
    pinot_partial_shape value;
    if (!pinot_dim_is_static(rank)) {
        pinot_partial_shape_dynamic(&value, -1);
    } else if (rank.min > PINOT_MAX_RANK) {
        PyErr_Format(PyExc_RuntimeError, "failed to create PartialShape: rank %lld exceeds the maximum rank %d",
                     (long long)rank.min, PINOT_MAX_RANK);
        return NULL;
    } else {
        pinot_partial_shape_dynamic(&value, (int32_t)rank.min);
    }
    return pinot_py_partial_shape_new(&value);

incompatible:
    return pinot_py_incompatible("dynamic(): incompatible function arguments",
                                 "    1. (rank: pinot.Dimension = <Dimension: ?>) -> pinot.PartialShape\n"
                                 "    2. (rank: int) -> pinot.PartialShape\n",
                                 NULL, args, kwargs);
}

static PyObject * partial_shape_prop_is_dynamic(PyObject * self, void * closure) {
    (void)closure;
    return PyBool_FromLong(!pinot_partial_shape_is_static(&PS(self)));
}

static PyObject * partial_shape_prop_is_static(PyObject * self, void * closure) {
    (void)closure;
    return PyBool_FromLong(pinot_partial_shape_is_static(&PS(self)));
}

static PyObject * partial_shape_prop_rank(PyObject * self, void * closure) {
    (void)closure;
    int32_t rank = PS(self).rank;
    return pinot_py_dimension_new(rank < 0 ? pinot_dim_dynamic() : pinot_dim_static(rank));
}

static PyObject * partial_shape_prop_all_non_negative(PyObject * self, void * closure) {
    /* Dimensions are intervals within [0, INF]: never negative. */
    (void)self;
    (void)closure;
    Py_RETURN_TRUE;
}

/* ---- methods ---- */

static int other_partial_shape(const char * name, PyObject * self, PyObject * args, PyObject * kwargs,
                               const pinot_partial_shape ** out) {
    static char * kwlist[] = {"shape", NULL};
    PyObject * other = NULL;
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O", kwlist, &other) &&
        PyObject_TypeCheck(other, pinot_py_state_get()->PartialShapeType)) {
        *out = &PS(other);
        return 0;
    }
    PyErr_Clear();
    char header[96];
    snprintf(header, sizeof(header), "%s(): incompatible function arguments", name);
    pinot_py_incompatible(header, "    1. (self: pinot.PartialShape, shape: pinot.PartialShape) -> bool\n", self, args,
                          kwargs);
    return -1;
}

#define PARTIAL_SHAPE_RELATION(name)                                                              \
    static PyObject * partial_shape_##name(PyObject * self, PyObject * args, PyObject * kwargs) { \
        const pinot_partial_shape * other;                                                        \
        if (other_partial_shape(#name, self, args, kwargs, &other) < 0) {                         \
            return NULL;                                                                          \
        }                                                                                         \
        return PyBool_FromLong(pinot_partial_shape_##name(&PS(self), other));                     \
    }

PARTIAL_SHAPE_RELATION(compatible)
PARTIAL_SHAPE_RELATION(refines)
PARTIAL_SHAPE_RELATION(relaxes)
PARTIAL_SHAPE_RELATION(same_scheme)

static PyObject * partial_shape_get_max_shape(PyObject * self, PyObject * unused) {
    pinot_shape shape;
    (void)unused;
    pinot_partial_shape_max_shape(&PS(self), &shape);
    return pinot_py_shape_new(&shape);
}

static PyObject * partial_shape_get_min_shape(PyObject * self, PyObject * unused) {
    pinot_shape shape;
    (void)unused;
    pinot_partial_shape_min_shape(&PS(self), &shape);
    return pinot_py_shape_new(&shape);
}

static PyObject * partial_shape_get_shape(PyObject * self, PyObject * unused) {
    (void)unused;
    /* OpenVINO checks min == max per dimension here, so unlike to_shape() it lets
     * the empty interval through (as 9223372036854775807). */
    const pinot_partial_shape * ps = &PS(self);
    pinot_shape shape = {.rank = ps->rank < 0 ? 0 : (uint32_t)ps->rank};
    for (int32_t i = 0; i < ps->rank; i++) {
        if (ps->dims[i].min != ps->dims[i].max) {
            goto dynamic;
        }
        shape.dims[i] = ps->dims[i].min;
    }
    if (ps->rank < 0) {
        goto dynamic;
    }
    return pinot_py_shape_new(&shape);

dynamic:
    PyErr_SetString(PyExc_RuntimeError, "get_shape() must be called on a static shape");
    return NULL;
}

static PyObject * partial_shape_to_shape(PyObject * self, PyObject * unused) {
    pinot_shape shape;
    (void)unused;
    pinot_status status = pinot_partial_shape_to_shape(&PS(self), &shape);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    return pinot_py_shape_new(&shape);
}

static PyObject * partial_shape_get_dimension(PyObject * self, PyObject * args, PyObject * kwargs) {
    static char * kwlist[] = {"index", NULL};
    PyObject * index_obj = NULL;
    int64_t index;
    /* The index is a size_t in OpenVINO: a negative one is a TypeError there. */
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:get_dimension", kwlist, &index_obj) ||
        !pinot_py_as_int64(index_obj, &index) || index < 0) {
        PyErr_Clear();
        return pinot_py_incompatible("get_dimension(): incompatible function arguments",
                                     "    1. (self: pinot.PartialShape, index: int) -> pinot.Dimension\n", self,
                                     args, kwargs);
    }
    if (index >= PS(self).rank) {
        return out_of_range();
    }
    return pinot_py_dimension_new_with_symbol(PS(self).dims[index], symbol_at(self, (Py_ssize_t)index));
}

static PyObject * partial_shape_str(PyObject * self) {
    char buf[PINOT_MAX_RANK * 44 + 8];
    pinot_partial_shape_to_string(&PS(self), buf, sizeof(buf));
    return PyUnicode_FromString(buf);
}

static PyObject * partial_shape_to_string(PyObject * self, PyObject * unused) {
    (void)unused;
    return partial_shape_str(self);
}

static PyObject * partial_shape_repr(PyObject * self) {
    char buf[PINOT_MAX_RANK * 44 + 8];
    pinot_partial_shape_to_string(&PS(self), buf, sizeof(buf));
    return PyUnicode_FromFormat("<PartialShape: %s>", buf);
}

static PyObject * partial_shape_copy(PyObject * self, PyObject * unused) {
    (void)unused;
    return new_with_symbols(&PS(self), Py_XNewRef(((ps_object *)self)->symbols));
}

static PyObject * partial_shape_deepcopy(PyObject * self, PyObject * args) {
    /* Symbols are shared, not copied: a copied shape keeps naming the same symbols. */
    if (PyTuple_GET_SIZE(args) != 1 || !PyDict_Check(PyTuple_GET_ITEM(args, 0))) {
        return pinot_py_incompatible("__deepcopy__(): incompatible function arguments",
                                     "    1. (self: pinot.PartialShape, arg0: dict) -> pinot.PartialShape\n", self,
                                     args, NULL);
    }
    return partial_shape_copy(self, NULL);
}

/* ---- sequence protocol ---- */

static Py_ssize_t partial_shape_len(PyObject * self) {
    if (require_static_rank(self) < 0) {
        return -1;
    }
    return PS(self).rank;
}

static PyObject * partial_shape_slice(PyObject * self, PyObject * slice) {
    Py_ssize_t start, stop, step;
    PyObject * symbols = NULL;
    PyObject * own_symbols = ((ps_object *)self)->symbols;
    if (require_static_rank(self) < 0 || PySlice_Unpack(slice, &start, &stop, &step) < 0) {
        return NULL;
    }
    Py_ssize_t n = PySlice_AdjustIndices(PS(self).rank, &start, &stop, step);
    pinot_partial_shape value = {.rank = (int32_t)n};
    if (own_symbols != NULL) {
        symbols = PyTuple_New(n);
        if (symbols == NULL) {
            return NULL;
        }
    }
    for (Py_ssize_t i = 0, j = start; i < n; i++, j += step) {
        value.dims[i] = PS(self).dims[j];
        if (symbols != NULL) {
            PyTuple_SET_ITEM(symbols, i, Py_NewRef(PyTuple_GET_ITEM(own_symbols, j)));
        }
    }
    return new_with_symbols(&value, symbols);
}

static PyObject * partial_shape_subscript(PyObject * self, PyObject * key) {
    int64_t index;
    if (PySlice_Check(key)) {
        return partial_shape_slice(self, key);
    }
    if (!pinot_py_as_int64(key, &index)) {
        PyObject * args = PyTuple_Pack(1, key);
        if (args != NULL) {
            pinot_py_incompatible("__getitem__(): incompatible function arguments",
                                  "    1. (self: pinot.PartialShape, arg0: int) -> pinot.Dimension\n"
                                  "    2. (self: pinot.PartialShape, arg0: slice) -> pinot.PartialShape\n",
                                  self, args, NULL);
            Py_DECREF(args);
        }
        return NULL;
    }
    int32_t rank = PS(self).rank < 0 ? 0 : PS(self).rank;
    if (index < 0) {
        /* Wrapping a negative index needs the rank, as in OpenVINO. */
        if (require_static_rank(self) < 0) {
            return NULL;
        }
        index += rank;
    }
    if (index < 0 || index >= rank) {
        return out_of_range();
    }
    return pinot_py_dimension_new_with_symbol(PS(self).dims[index], symbol_at(self, (Py_ssize_t)index));
}

/* A new tuple of @p n symbols: copied from @p from, or all None when it is NULL. */
/* The sequence slot makes a PartialShape a sequence for C code (numpy,
 * reversed()); Python's shape[i] goes through partial_shape_subscript. */
static PyObject * partial_shape_item(PyObject * self, Py_ssize_t i) {
    if (i < 0 || i >= PS(self).rank) {
        return out_of_range();
    }
    return pinot_py_dimension_new_with_symbol(PS(self).dims[i], symbol_at(self, i));
}

static PyObject * symbols_copy(PyObject * from, Py_ssize_t n) {
    PyObject * symbols = PyTuple_New(n);
    if (symbols == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyTuple_SET_ITEM(symbols, i, Py_NewRef(from != NULL ? PyTuple_GET_ITEM(from, i) : Py_None));
    }
    return symbols;
}

static int set_symbol_at(PyObject * self, Py_ssize_t i, PyObject * symbol) {
    ps_object * ps = (ps_object *)self;
    if (ps->symbols == NULL && symbol == NULL) {
        return 0;
    }
    /* Copies of a shape share its tuple, so writes go to a fresh one. */
    PyObject * symbols = symbols_copy(ps->symbols, ps->value.rank);
    if (symbols == NULL) {
        return -1;
    }
    PyObject * old = PyTuple_GET_ITEM(symbols, i);
    PyTuple_SET_ITEM(symbols, i, Py_NewRef(symbol != NULL ? symbol : Py_None));
    Py_DECREF(old);
    Py_XSETREF(ps->symbols, symbols);
    return 0;
}

static int partial_shape_ass_subscript(PyObject * self, PyObject * key, PyObject * value) {
    pinot_py_state * st = pinot_py_state_get();
    int64_t index, n;
    pinot_dim dim;
    PyObject * symbol = NULL;
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
        dim = ((pinot_py_dimension_object *)value)->value;
        symbol = ((pinot_py_dimension_object *)value)->symbol;
    } else if (pinot_py_as_int64(value, &n)) {
        dim = pinot_py_dim_from_int(n);
    } else {
        goto incompatible;
    }
    if (index >= PS(self).rank) {
        out_of_range();
        return -1;
    }
    if (set_symbol_at(self, (Py_ssize_t)index, symbol) < 0) {
        return -1;
    }
    PS(self).dims[index] = dim;
    return 0;

incompatible:;
    PyObject * args = PyTuple_Pack(2, key, value);
    if (args != NULL) {
        pinot_py_incompatible("__setitem__(): incompatible function arguments",
                              "    1. (self: pinot.PartialShape, arg0: int, arg1: int) -> None\n"
                              "    2. (self: pinot.PartialShape, arg0: int, arg1: pinot.Dimension) -> None\n",
                              self, args, NULL);
        Py_DECREF(args);
    }
    return -1;
}

static PyObject * partial_shape_iter(PyObject * self) {
    /* A tuple of Dimensions: a dynamic-rank shape iterates as empty, while len()
     * (and so list()) raises, exactly as OpenVINO. */
    int32_t rank = PS(self).rank < 0 ? 0 : PS(self).rank;
    PyObject * dims = PyTuple_New(rank);
    if (dims == NULL) {
        return NULL;
    }
    for (int32_t i = 0; i < rank; i++) {
        PyObject * dim = pinot_py_dimension_new_with_symbol(PS(self).dims[i], symbol_at(self, i));
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

/* == with a list or tuple: element by element as Dimension(int), stopping at the
 * first difference (so [5, "x"] is just unequal to [1, 2]). */
static int equal_to_ints(PyObject * self, PyObject * seq, bool * equal) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    *equal = false;
    if (n != PS(self).rank) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject * item = PySequence_Fast_GET_ITEM(seq, i);
        int64_t value;
        if (!pinot_py_as_int64(item, &value)) {
            PyErr_Format(PyExc_RuntimeError, "Unable to cast Python instance of type %R to C++ type 'int64_t'",
                         (PyObject *)Py_TYPE(item));
            return -1;
        }
        if (!pinot_dim_equal(PS(self).dims[i], pinot_py_dim_from_int(value))) {
            return 0;
        }
    }
    *equal = true;
    return 0;
}

static PyObject * partial_shape_richcompare(PyObject * self, PyObject * other, int op) {
    pinot_py_state * st = pinot_py_state_get();
    bool equal;
    if (op != Py_EQ && op != Py_NE) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    if (PyObject_TypeCheck(other, st->PartialShapeType)) {
        equal = pinot_partial_shape_equal(&PS(self), &PS(other));
    } else if (PyObject_TypeCheck(other, st->ShapeType)) {
        pinot_partial_shape value;
        pinot_partial_shape_from_shape(&value, &((pinot_py_shape_object *)other)->value);
        equal = pinot_partial_shape_equal(&PS(self), &value);
    } else if (PyList_Check(other) || PyTuple_Check(other)) {
        if (!pinot_partial_shape_is_static(&PS(self))) {
            PyErr_Format(PyExc_TypeError, "Cannot compare dynamic shape with %R", (PyObject *)Py_TYPE(other));
            return NULL;
        }
        if (equal_to_ints(self, other, &equal) < 0) {
            return NULL;
        }
    } else {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return pinot_py_richcompare_bool(equal, op);
}

static PyMethodDef partial_shape_methods[] = {
    {"dynamic", (PyCFunction)(void (*)(void))partial_shape_dynamic, METH_VARARGS | METH_KEYWORDS | METH_STATIC,
     "dynamic(rank: pinot.Dimension | int = Dimension()) -> pinot.PartialShape\n\n"
     "A shape of the given rank with all dimensions dynamic; of dynamic rank by default."},
    {"compatible", (PyCFunction)(void (*)(void))partial_shape_compatible, METH_VARARGS | METH_KEYWORDS,
     "compatible(shape: pinot.PartialShape) -> bool\n\nWhether the two shapes can be merged."},
    {"refines", (PyCFunction)(void (*)(void))partial_shape_refines, METH_VARARGS | METH_KEYWORDS,
     "refines(shape: pinot.PartialShape) -> bool\n\nWhether this shape is a refinement of shape."},
    {"relaxes", (PyCFunction)(void (*)(void))partial_shape_relaxes, METH_VARARGS | METH_KEYWORDS,
     "relaxes(shape: pinot.PartialShape) -> bool\n\nWhether this shape is a relaxation of shape."},
    {"same_scheme", (PyCFunction)(void (*)(void))partial_shape_same_scheme, METH_VARARGS | METH_KEYWORDS,
     "same_scheme(shape: pinot.PartialShape) -> bool\n\nWhether both shapes have the same static and dynamic "
     "parts."},
    {"get_max_shape", partial_shape_get_max_shape, METH_NOARGS,
     "get_max_shape() -> pinot.Shape\n\nThe upper bounds (9223372036854775807 where unbounded)."},
    {"get_min_shape", partial_shape_get_min_shape, METH_NOARGS, "get_min_shape() -> pinot.Shape\n\nThe lower bounds."},
    {"get_shape", partial_shape_get_shape, METH_NOARGS, "get_shape() -> pinot.Shape\n\nThe shape, when static."},
    {"to_shape", partial_shape_to_shape, METH_NOARGS, "to_shape() -> pinot.Shape\n\nThe shape, when static."},
    {"get_dimension", (PyCFunction)(void (*)(void))partial_shape_get_dimension, METH_VARARGS | METH_KEYWORDS,
     "get_dimension(index: int) -> pinot.Dimension"},
    {"to_string", partial_shape_to_string, METH_NOARGS, "to_string() -> str"},
    {"__copy__", partial_shape_copy, METH_NOARGS, "__copy__() -> pinot.PartialShape"},
    {"__deepcopy__", partial_shape_deepcopy, METH_VARARGS, "__deepcopy__(memo: dict) -> pinot.PartialShape"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef partial_shape_getset[] = {
    {"is_dynamic", partial_shape_prop_is_dynamic, NULL, "bool: the rank or some dimension is dynamic", NULL},
    {"is_static", partial_shape_prop_is_static, NULL, "bool: the rank and every dimension are static", NULL},
    {"rank", partial_shape_prop_rank, NULL, "pinot.Dimension: the rank (dynamic when unknown)", NULL},
    {"all_non_negative", partial_shape_prop_all_non_negative, NULL, "bool: no static dimension is negative", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot partial_shape_slots[] = {
    {Py_tp_new, partial_shape_tp_new},
    {Py_tp_dealloc, partial_shape_dealloc},
    {Py_tp_traverse, partial_shape_traverse},
    {Py_tp_clear, partial_shape_clear},
    {Py_tp_repr, partial_shape_repr},
    {Py_tp_str, partial_shape_str},
    {Py_tp_richcompare, partial_shape_richcompare},
    {Py_tp_hash, PyObject_HashNotImplemented},
    {Py_tp_iter, partial_shape_iter},
    {Py_sq_length, partial_shape_len},
    {Py_sq_item, partial_shape_item},
    {Py_mp_length, partial_shape_len},
    {Py_mp_subscript, partial_shape_subscript},
    {Py_mp_ass_subscript, partial_shape_ass_subscript},
    {Py_tp_methods, partial_shape_methods},
    {Py_tp_getset, partial_shape_getset},
    {Py_tp_doc, "PartialShape(shape: pinot.Shape | pinot.PartialShape | list | tuple | str)\n\n"
                "A shape whose rank or dimensions may be dynamic, e.g. PartialShape([1, -1, (2, 8), \"..224\"]) "
                "or PartialShape(\"[1,?,2..8,..224]\"). \"[...]\" is a shape of dynamic rank."},
    {0, NULL},
};

static PyType_Spec partial_shape_spec = {
    .name = "pinot.PartialShape",
    .basicsize = sizeof(ps_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .slots = partial_shape_slots,
};

int pinot_py_partial_shape_register(PyObject * module, pinot_py_state * st) {
    st->PartialShapeType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &partial_shape_spec, NULL);
    if (st->PartialShapeType == NULL) {
        return -1;
    }
    return PyModule_AddType(module, st->PartialShapeType);
}

/* Converters and argument helpers shared by the shape classes: Python objects ->
 * pinot_dim / pinot_partial_shape / pinot_shape / pinot_layout, pybind11-style
 * integer and text conversion (OpenVINO's bindings are pybind11, and users rely
 * on what they accept), and the "incompatible arguments" TypeError. No numpy C
 * API: arrays come in through the sequence and __index__ protocols. */
#include "pinot_py.h"

int pinot_py_as_int64(PyObject * obj, int64_t * out) {
    /* pybind11's integer caster: never from a float; ints and __index__ first;
     * then, as its "convert" pass does, anything int() accepts (numpy floats,
     * Fraction, objects with __int__). Conversion errors mean "not an int". */
    PyObject * number = NULL;
    int ok = 0;
    if (PyFloat_Check(obj)) {
        goto cleanup;
    }
    if (PyLong_Check(obj)) {
        number = Py_NewRef(obj);
    } else if (PyIndex_Check(obj)) {
        number = PyNumber_Index(obj);
    } else if (PyNumber_Check(obj)) {
        number = PyNumber_Long(obj);
    }
    if (number == NULL) {
        PyErr_Clear();
        goto cleanup;
    }
    long long value = PyLong_AsLongLong(number);
    if (value == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        goto cleanup;
    }
    *out = (int64_t)value;
    ok = 1;

cleanup:
    Py_XDECREF(number);
    return ok;
}

int pinot_py_text(PyObject * obj, const char ** text) {
    const char * s = NULL;
    Py_ssize_t n = 0;
    if (PyUnicode_Check(obj)) {
        s = PyUnicode_AsUTF8AndSize(obj, &n);
        if (s == NULL) {
            return -1;
        }
    } else if (PyBytes_Check(obj)) {
        /* pybind11 converts bytes to std::string too. */
        s = PyBytes_AS_STRING(obj);
        n = PyBytes_GET_SIZE(obj);
    } else {
        return 0;
    }
    /* The C parsers take NUL-terminated text. */
    if ((size_t)n != strlen(s)) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return -1;
    }
    *text = s;
    return 1;
}

PyObject * pinot_py_incompatible(const char * header, const char * signatures, PyObject * self, PyObject * args,
                                 PyObject * kwargs) {
    PyObject * parts = PyList_New(0);
    PyObject * joined = NULL;
    if (parts == NULL) {
        goto cleanup;
    }
    if (self != NULL) {
        PyObject * repr = PyObject_Repr(self);
        if (repr == NULL || PyList_Append(parts, repr) < 0) {
            Py_XDECREF(repr);
            goto cleanup;
        }
        Py_DECREF(repr);
    }
    if (args != NULL) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
            PyObject * repr = PyObject_Repr(PyTuple_GET_ITEM(args, i));
            if (repr == NULL || PyList_Append(parts, repr) < 0) {
                Py_XDECREF(repr);
                goto cleanup;
            }
            Py_DECREF(repr);
        }
    }
    PyObject * separator = PyUnicode_FromString(", ");
    if (separator == NULL) {
        goto cleanup;
    }
    joined = PyUnicode_Join(separator, parts);
    Py_DECREF(separator);
    if (joined == NULL) {
        goto cleanup;
    }
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) > 0) {
        PyErr_Format(PyExc_TypeError,
                     "%s. The following argument types are supported:\n%s\nInvoked with: %U; kwargs: %R", header,
                     signatures, joined, kwargs);
    } else {
        PyErr_Format(PyExc_TypeError, "%s. The following argument types are supported:\n%s\nInvoked with: %U",
                     header, signatures, joined);
    }

cleanup:
    Py_XDECREF(parts);
    Py_XDECREF(joined);
    return NULL;
}

/* ---- dimensions ---- */

static int pair_to_dim(PyObject * pair, pinot_dim * out) {
    PyObject * seq = PySequence_Fast(pair, "expected a list or tuple");
    int rc = -1;
    if (seq == NULL) {
        goto cleanup;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n != 2) {
        PyErr_Format(PyExc_TypeError,
                     "Two elements are expected in tuple(lower, upper) for dynamic dimension, but %zd elements were "
                     "given.",
                     n);
        goto cleanup;
    }
    PyObject * lo = PySequence_Fast_GET_ITEM(seq, 0);
    PyObject * hi = PySequence_Fast_GET_ITEM(seq, 1);
    /* Python ints only (bool included), as OpenVINO checks with isinstance(int). */
    if (!PyLong_Check(lo) || !PyLong_Check(hi)) {
        PyErr_Format(PyExc_TypeError,
                     "Incorrect pair of types (%R, %R) for dynamic dimension, ints are expected.",
                     (PyObject *)Py_TYPE(lo), (PyObject *)Py_TYPE(hi));
        goto cleanup;
    }
    int64_t min, max;
    if (!pinot_py_as_int64(lo, &min) || !pinot_py_as_int64(hi, &max)) {
        PyErr_Format(PyExc_RuntimeError, "Unable to cast Python instance of type %R to C++ type 'int64_t'",
                     (PyObject *)Py_TYPE(lo));
        goto cleanup;
    }
    *out = pinot_py_dim_from_bounds(min, max);
    rc = 0;

cleanup:
    Py_XDECREF(seq);
    return rc;
}

int pinot_py_dimension_from_item(PyObject * item, pinot_dim * out, PyObject ** symbol) {
    pinot_py_state * st = pinot_py_state_get();
    const char * text;
    if (symbol != NULL) {
        *symbol = NULL;
    }
    if (PyObject_TypeCheck(item, st->DimensionType)) {
        pinot_py_dimension_object * dim = (pinot_py_dimension_object *)item;
        *out = dim->value;
        if (symbol != NULL) {
            *symbol = dim->symbol;
        }
        return 0;
    }
    if (PyLong_Check(item)) {
        int64_t value;
        if (!pinot_py_as_int64(item, &value)) {
            PyErr_Format(PyExc_RuntimeError, "Unable to cast Python instance of type %R to C++ type 'int64_t'",
                         (PyObject *)Py_TYPE(item));
            return -1;
        }
        *out = pinot_py_dim_from_int(value);
        return 0;
    }
    if (PyUnicode_Check(item)) {
        if (pinot_py_text(item, &text) < 0) {
            return -1;
        }
        pinot_status status = pinot_dim_parse(text, out);
        if (status != PINOT_STATUS_OK) {
            pinot_py_raise(status);
            return -1;
        }
        return 0;
    }
    if (PyList_Check(item) || PyTuple_Check(item)) {
        return pair_to_dim(item, out);
    }
    PyErr_Format(PyExc_TypeError,
                 "Incorrect type %R for dimension. Expected types are: int, str, pinot.Dimension, list/tuple with "
                 "lower and upper values for dynamic dimension.",
                 (PyObject *)Py_TYPE(item));
    return -1;
}

int pinot_py_convert_dimension(PyObject * obj, void * out) {
    return pinot_py_dimension_from_item(obj, (pinot_dim *)out, NULL) == 0;
}

/* ---- partial shapes ---- */

int pinot_py_partial_shape_from_items(PyObject * seq_obj, pinot_partial_shape * out, PyObject ** symbols) {
    PyObject * seq = PySequence_Fast(seq_obj, "expected a list or tuple");
    PyObject * syms = NULL;
    pinot_partial_shape ps = {.rank = 0};
    int rc = -1;
    if (seq == NULL) {
        goto cleanup;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n > PINOT_MAX_RANK) {
        PyErr_Format(PyExc_RuntimeError, "failed to create PartialShape: rank %zd exceeds the maximum rank %d", n,
                     PINOT_MAX_RANK);
        goto cleanup;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject * symbol = NULL;
        if (pinot_py_dimension_from_item(PySequence_Fast_GET_ITEM(seq, i), &ps.dims[i], &symbol) < 0) {
            goto cleanup;
        }
        if (symbol != NULL && symbols != NULL) {
            /* Symbols are rare: the tuple exists only once one is seen. */
            if (syms == NULL) {
                syms = PyTuple_New(n);
                if (syms == NULL) {
                    goto cleanup;
                }
                for (Py_ssize_t j = 0; j < n; j++) {
                    PyTuple_SET_ITEM(syms, j, Py_NewRef(Py_None));
                }
            }
            PyObject * old = PyTuple_GET_ITEM(syms, i);
            PyTuple_SET_ITEM(syms, i, Py_NewRef(symbol));
            Py_DECREF(old);
        }
    }
    ps.rank = (int32_t)n;
    *out = ps;
    if (symbols != NULL) {
        *symbols = syms;
        syms = NULL;
    }
    rc = 0;

cleanup:
    Py_XDECREF(seq);
    Py_XDECREF(syms);
    return rc;
}

int pinot_py_convert_partial_shape(PyObject * obj, void * out) {
    pinot_py_state * st = pinot_py_state_get();
    pinot_partial_shape * ps = out;
    const char * text;
    if (PyObject_TypeCheck(obj, st->PartialShapeType)) {
        *ps = ((pinot_py_partial_shape_object *)obj)->value;
        return 1;
    }
    if (PyObject_TypeCheck(obj, st->ShapeType)) {
        pinot_partial_shape_from_shape(ps, &((pinot_py_shape_object *)obj)->value);
        return 1;
    }
    if (PyList_Check(obj) || PyTuple_Check(obj)) {
        return pinot_py_partial_shape_from_items(obj, ps, NULL) == 0;
    }
    int is_text = pinot_py_text(obj, &text);
    if (is_text < 0) {
        return 0;
    }
    if (is_text > 0) {
        pinot_status status = pinot_partial_shape_parse(text, ps);
        if (status != PINOT_STATUS_OK) {
            pinot_py_raise(status);
            return 0;
        }
        return 1;
    }
    PyErr_Format(PyExc_TypeError,
                 "Incorrect type %R for a partial shape. Expected types are: pinot.PartialShape, pinot.Shape, list, "
                 "tuple, str.",
                 (PyObject *)Py_TYPE(obj));
    return 0;
}

/* ---- static shapes ---- */

int pinot_py_shape_from_iterable(PyObject * obj, pinot_shape * out) {
    /* OpenVINO's Shape(axis_lengths) takes sequences (lists, tuples, 1-D arrays,
     * bytearrays), sets and generators, but not str/bytes, dicts or iterators. */
    PyObject * iter = NULL;
    PyObject * item = NULL;
    pinot_shape shape = {.rank = 0};
    int rc = 0;
    if (PyUnicode_Check(obj) || PyBytes_Check(obj) || PyDict_Check(obj) ||
        !(PySequence_Check(obj) || PyAnySet_Check(obj) || PyGen_Check(obj))) {
        goto cleanup;
    }
    iter = PyObject_GetIter(obj);
    if (iter == NULL) {
        PyErr_Clear();
        goto cleanup;
    }
    while ((item = PyIter_Next(iter)) != NULL) {
        int64_t value;
        if (shape.rank == PINOT_MAX_RANK) {
            PyErr_Format(PyExc_RuntimeError, "failed to create Shape: rank exceeds the maximum rank %d",
                         PINOT_MAX_RANK);
            rc = -1;
            goto cleanup;
        }
        if (!pinot_py_as_int64(item, &value) || value < 0) {
            goto cleanup;
        }
        shape.dims[shape.rank++] = value;
        Py_CLEAR(item);
    }
    if (PyErr_Occurred()) {
        /* The iteration itself failed (e.g. a 0-d array): not a shape. */
        PyErr_Clear();
        goto cleanup;
    }
    *out = shape;
    rc = 1;

cleanup:
    Py_XDECREF(item);
    Py_XDECREF(iter);
    return rc;
}

int pinot_py_convert_shape(PyObject * obj, void * out) {
    pinot_py_state * st = pinot_py_state_get();
    pinot_shape * shape = out;
    if (PyObject_TypeCheck(obj, st->ShapeType)) {
        *shape = ((pinot_py_shape_object *)obj)->value;
        return 1;
    }
    if (PyObject_TypeCheck(obj, st->PartialShapeType)) {
        pinot_status status = pinot_partial_shape_to_shape(&((pinot_py_partial_shape_object *)obj)->value, shape);
        if (status != PINOT_STATUS_OK) {
            pinot_py_raise(status);
            return 0;
        }
        return 1;
    }
    int rc = pinot_py_shape_from_iterable(obj, shape);
    if (rc < 0) {
        return 0;
    }
    if (rc == 0 && (PyList_Check(obj) || PyTuple_Check(obj))) {
        PyErr_Format(PyExc_TypeError, "Incorrect shape %R: expected a sequence of non-negative ints.", obj);
        return 0;
    }
    if (rc == 0) {
        PyErr_Format(PyExc_TypeError,
                     "Incorrect type %R for a shape. Expected a pinot.Shape, a static pinot.PartialShape or a "
                     "sequence of non-negative ints.",
                     (PyObject *)Py_TYPE(obj));
        return 0;
    }
    return 1;
}

/* ---- layouts ---- */

int pinot_py_convert_layout(PyObject * obj, void * out) {
    pinot_py_state * st = pinot_py_state_get();
    const char * text;
    if (PyObject_TypeCheck(obj, st->LayoutType)) {
        *(pinot_layout *)out = ((pinot_py_layout_object *)obj)->value;
        return 1;
    }
    int is_text = pinot_py_text(obj, &text);
    if (is_text < 0) {
        return 0;
    }
    if (is_text == 0) {
        PyErr_Format(PyExc_TypeError, "Incorrect type %R for a layout. Expected a pinot.Layout or a str.",
                     (PyObject *)Py_TYPE(obj));
        return 0;
    }
    pinot_status status = pinot_layout_parse(text, out);
    if (status != PINOT_STATUS_OK) {
        pinot_py_raise(status);
        return 0;
    }
    return 1;
}

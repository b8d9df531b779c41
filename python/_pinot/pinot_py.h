/* Shared declarations of the pinot._pinot extension: module state, the
 * per-class registration functions, the converters in convert.c and the
 * status -> exception mapping. One C file per Python class. */
#ifndef PINOT_PY_H
#define PINOT_PY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pinot/pinot.h"

/* Module state: the heap types, looked up from any method through the
 * defining class or the module (PyType_GetModuleByDef). */
typedef struct pinot_py_state {
    PyTypeObject * TypeType;          /* pinot.Type */
    PyTypeObject * DimensionType;     /* pinot.Dimension */
    PyTypeObject * PartialShapeType;  /* pinot.PartialShape */
    PyTypeObject * ShapeType;         /* pinot.Shape */
    PyTypeObject * LayoutType;        /* pinot.Layout */
    PyTypeObject * SymbolType;        /* pinot.Symbol */
    PyTypeObject * TensorType;        /* pinot.Tensor */
    PyTypeObject * MemoryViewType;    /* internal: numpy base object keeping tensor memory alive */
    PyObject * StridesType;           /* pinot.Strides (Python, set by pinot/__init__.py) */
    /* op.If, op.Loop, op.TensorIterator (Python Node subclasses, set by pinot/_ops/control_flow.py):
     * the classes nodes of those types are wrapped in. */
    PyObject * ControlFlowTypes[3];
    PyObject * type_instances[PINOT_DTYPE_COUNT]; /* one immutable pinot.Type per element type */
} pinot_py_state;

extern PyModuleDef pinot_py_module_def;

/* State of the extension module, from any object whose type it defined, or from the module. */
pinot_py_state * pinot_py_state_from_type(PyTypeObject * type);
pinot_py_state * pinot_py_state_get(void);

/* ---- instance layouts (so classes can build each other's objects) ---- */

typedef struct {
    PyObject_HEAD
    pinot_dtype value;
} pinot_py_type_object;

typedef struct {
    PyObject_HEAD
    pinot_dim value;
    PyObject * symbol; /* pinot.Symbol or NULL */
} pinot_py_dimension_object;

typedef struct {
    PyObject_HEAD
    pinot_partial_shape value;
    PyObject * symbols; /* NULL, or a tuple with a pinot.Symbol or None per dimension */
} pinot_py_partial_shape_object;

typedef struct {
    PyObject_HEAD
    pinot_shape value;
} pinot_py_shape_object;

typedef struct {
    PyObject_HEAD
    pinot_layout value;
} pinot_py_layout_object;

typedef struct {
    PyObject_HEAD
    pinot_tensor_t * tensor;
} pinot_py_tensor_object;

/* ---- registration: each class file creates its type, stores it in the state, adds it to the module ---- */

int pinot_py_type_register(PyObject * module, pinot_py_state * st);
int pinot_py_dimension_register(PyObject * module, pinot_py_state * st);
int pinot_py_partial_shape_register(PyObject * module, pinot_py_state * st);
int pinot_py_shape_register(PyObject * module, pinot_py_state * st);
int pinot_py_layout_register(PyObject * module, pinot_py_state * st);
int pinot_py_tensor_register(PyObject * module, pinot_py_state * st);

/* ---- constructors of Python objects from C values (new references, NULL + exception on failure) ---- */

PyObject * pinot_py_type_new(pinot_dtype value);
PyObject * pinot_py_dimension_new(pinot_dim value);
PyObject * pinot_py_partial_shape_new(const pinot_partial_shape * value);
PyObject * pinot_py_shape_new(const pinot_shape * value);
PyObject * pinot_py_layout_new(const pinot_layout * value);
/* Steals the tensor reference. */
PyObject * pinot_py_tensor_new(pinot_tensor_t * tensor);

/* ---- converters for PyArg_Parse "O&" (convert.c); return 1 on success, 0 with an exception set ---- */

/* Type, numpy dtype, numpy scalar type, Python bool/int/float/str/bytes type, dtype string. */
int pinot_py_convert_dtype(PyObject * obj, void * out /* pinot_dtype* */);
/* Shape, PartialShape (static), list/tuple of ints, 1-D integer ndarray. */
int pinot_py_convert_shape(PyObject * obj, void * out /* pinot_shape* */);
/* PartialShape, Shape, list/tuple of int/Dimension/str/(lo,hi), str. */
int pinot_py_convert_partial_shape(PyObject * obj, void * out /* pinot_partial_shape* */);
/* Dimension, int, str, (lo, hi). */
int pinot_py_convert_dimension(PyObject * obj, void * out /* pinot_dim* */);
/* Layout or str. */
int pinot_py_convert_layout(PyObject * obj, void * out /* pinot_layout* */);

/* numpy dtype <-> element type (tensor.c). Returns NULL / -1 with RuntimeError
 * "Unsupported data type: ..." for dtypes without an element type. */
PyObject * pinot_py_dtype_to_numpy(pinot_dtype type); /* new reference to a PyArray_Descr */
int pinot_py_dtype_from_numpy(PyObject * descr, pinot_dtype * out);

/* Import numpy's C API if not done yet (numpy is imported lazily, to keep
 * `import pinot` fast). Call before any PyArray_* use. Returns 0, or -1 with
 * an exception set. */
int pinot_py_require_numpy(void);

/* ---- shape helpers (convert_shape.c, used by the shape classes) ---- */

/* An int as pybind11 (and so OpenVINO) accepts it: int, bool, __index__, or int()
 * of a non-float number (numpy scalars). Returns 1 and sets *out, or 0 with no
 * exception set when @p obj is not such an int or does not fit in int64. */
int pinot_py_as_int64(PyObject * obj, int64_t * out);

/* UTF-8 text of a str or bytes object, valid while @p obj lives. Returns 1, 0 when
 * @p obj is neither (no exception), -1 with an exception (bad str, embedded NUL). */
int pinot_py_text(PyObject * obj, const char ** text);

/* Raise pybind11's TypeError "<header>. The following argument types are
 * supported:\n<signatures>\nInvoked with: <reprs of self and args>". Returns NULL. */
PyObject * pinot_py_incompatible(const char * header, const char * signatures, PyObject * self, PyObject * args,
                                 PyObject * kwargs);

/* OpenVINO's Dimension(n) and Dimension(min, max): -1 means dynamic / unbounded,
 * other values go through Interval clipping (Dimension(-2) is 0). */
static inline pinot_dim pinot_py_dim_from_int(int64_t n) {
    return n == -1 ? pinot_dim_dynamic() : pinot_dim_make(n, n);
}
static inline pinot_dim pinot_py_dim_from_bounds(int64_t min, int64_t max) {
    return pinot_dim_make(min == -1 ? 0 : min, max == -1 ? PINOT_DIM_INF : max);
}

/* One element of a PartialShape list: Dimension, int, str or a [lo, hi] pair,
 * with OpenVINO's TypeErrors. *symbol (if not NULL) gets the Dimension's symbol,
 * borrowed, or NULL. Returns 0, or -1 with an exception set. */
int pinot_py_dimension_from_item(PyObject * item, pinot_dim * out, PyObject ** symbol);

/* A list or tuple of such elements. *symbols (if not NULL) gets NULL or a new
 * tuple of the elements' symbols (Symbol or None). Returns 0 or -1. */
int pinot_py_partial_shape_from_items(PyObject * seq, pinot_partial_shape * out, PyObject ** symbols);

/* What Shape(axis_lengths) accepts: a sequence, set or generator of non-negative
 * ints. Returns 1, 0 when @p obj is not such (no exception), -1 with an exception. */
int pinot_py_shape_from_iterable(PyObject * obj, pinot_shape * out);

/* A Dimension carrying @p symbol (NULL or None for none). */
PyObject * pinot_py_dimension_new_with_symbol(pinot_dim value, PyObject * symbol);

/* Raise the exception for @p status with this thread's last error message:
 * RuntimeError by default, MemoryError for OUT_OF_MEMORY, NotImplementedError for
 * UNSUPPORTED_*. Always returns NULL. */
PyObject * pinot_py_raise(pinot_status status);

/* Shared rich comparison helper: Py_RETURN_RICHCOMPARE for ==/!= from a bool. */
PyObject * pinot_py_richcompare_bool(bool equal, int op);

#endif // PINOT_PY_H

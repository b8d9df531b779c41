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
    PyTypeObject * TensorType;        /* pinot.Tensor */
    PyTypeObject * MemoryViewType;    /* internal: numpy base object keeping tensor memory alive */
    PyObject * StridesType;           /* pinot.Strides (Python, set by pinot/__init__.py) */
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

/* Raise the exception for @p status with this thread's last error message:
 * RuntimeError by default, MemoryError for OUT_OF_MEMORY, NotImplementedError for
 * UNSUPPORTED_*. Always returns NULL. */
PyObject * pinot_py_raise(pinot_status status);

/* Shared rich comparison helper: Py_RETURN_RICHCOMPARE for ==/!= from a bool. */
PyObject * pinot_py_richcompare_bool(bool equal, int op);

#endif // PINOT_PY_H

/* Converters shared by the classes: numpy dtype <-> element type and the
 * "O&" converter for anything Type() accepts. Shape converters are in
 * convert_shape.c. */
#include "pinot_py.h"
#include "numpy_api.h"

int pinot_py_dtype_from_numpy(PyObject * descr_obj, pinot_dtype * out) {
    PyArray_Descr * descr = (PyArray_Descr *)descr_obj;
    int size = (int)PyDataType_ELSIZE(descr);
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    switch (descr->kind) {
    case 'b': type = PINOT_DTYPE_BOOLEAN; break;
    case 'i':
        type = size == 1 ? PINOT_DTYPE_I8 : size == 2 ? PINOT_DTYPE_I16 : size == 4 ? PINOT_DTYPE_I32
             : size == 8 ? PINOT_DTYPE_I64 : PINOT_DTYPE_DYNAMIC;
        break;
    case 'u':
        type = size == 1 ? PINOT_DTYPE_U8 : size == 2 ? PINOT_DTYPE_U16 : size == 4 ? PINOT_DTYPE_U32
             : size == 8 ? PINOT_DTYPE_U64 : PINOT_DTYPE_DYNAMIC;
        break;
    case 'f':
        type = size == 2 ? PINOT_DTYPE_F16 : size == 4 ? PINOT_DTYPE_F32 : size == 8 ? PINOT_DTYPE_F64
             : PINOT_DTYPE_DYNAMIC;
        break;
    case 'S':
    case 'U': type = PINOT_DTYPE_STRING; break;
    default: break;
    }
    if (type == PINOT_DTYPE_DYNAMIC) {
        PyObject * name = PyObject_Str(descr_obj);
        if (name != NULL) {
            PyErr_Format(PyExc_RuntimeError, "Unsupported data type: %U", name);
            Py_DECREF(name);
        }
        return -1;
    }
    *out = type;
    return 0;
}

PyObject * pinot_py_dtype_to_numpy(pinot_dtype type) {
    int num;
    if (pinot_py_require_numpy() < 0) {
        return NULL;
    }
    switch (type) {
    case PINOT_DTYPE_BOOLEAN: num = NPY_BOOL; break;
    case PINOT_DTYPE_BF16: /* raw bits, viewed as float16 as OpenVINO does */
    case PINOT_DTYPE_F16: num = NPY_FLOAT16; break;
    case PINOT_DTYPE_F32: num = NPY_FLOAT32; break;
    case PINOT_DTYPE_F64: num = NPY_FLOAT64; break;
    case PINOT_DTYPE_I2:
    case PINOT_DTYPE_I4:
    case PINOT_DTYPE_I8: num = NPY_INT8; break;
    case PINOT_DTYPE_I16: num = NPY_INT16; break;
    case PINOT_DTYPE_I32: num = NPY_INT32; break;
    case PINOT_DTYPE_I64: num = NPY_INT64; break;
    case PINOT_DTYPE_U1:
    case PINOT_DTYPE_U2:
    case PINOT_DTYPE_U3:
    case PINOT_DTYPE_U4:
    case PINOT_DTYPE_U6:
    case PINOT_DTYPE_U8:
    case PINOT_DTYPE_NF4:
    case PINOT_DTYPE_F8E4M3:
    case PINOT_DTYPE_F8E5M2:
    case PINOT_DTYPE_F8E8M0:
    case PINOT_DTYPE_F8E4M3FNUZ:
    case PINOT_DTYPE_F8E5M2FNUZ:
    case PINOT_DTYPE_F4E2M1: num = NPY_UINT8; break;
    case PINOT_DTYPE_U16: num = NPY_UINT16; break;
    case PINOT_DTYPE_U32: num = NPY_UINT32; break;
    case PINOT_DTYPE_U64: num = NPY_UINT64; break;
    case PINOT_DTYPE_STRING: num = NPY_STRING; break;
    default:
        /* OpenVINO raises IndexError from its dtype map here. */
        PyErr_Format(PyExc_IndexError, "element type %s has no numpy dtype", pinot_dtype_name(type));
        return NULL;
    }
    return (PyObject *)PyArray_DescrFromType(num);
}

int pinot_py_convert_dtype(PyObject * obj, void * out) {
    pinot_py_state * st = pinot_py_state_get();
    if (PyObject_TypeCheck(obj, st->TypeType)) {
        *(pinot_dtype *)out = ((pinot_py_type_object *)obj)->value;
        return 1;
    }
    PyArray_Descr * descr = NULL;
    if (pinot_py_require_numpy() < 0) {
        return 0;
    }
    /* numpy decides what names a dtype: np.float32, "float32", "i4", float, str, ... */
    if (!PyArray_DescrConverter(obj, &descr)) {
        return 0;
    }
    int rc = pinot_py_dtype_from_numpy((PyObject *)descr, out);
    Py_DECREF(descr);
    return rc == 0;
}

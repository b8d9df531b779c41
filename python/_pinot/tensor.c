/* pinot.Tensor, as openvino.Tensor: constructors from numpy arrays (copied or
 * shared), lists, (type, shape), packed buffers, ROIs and ports; .data as a
 * numpy view; string tensors. Views keep the tensor's memory block alive, not
 * the Tensor object, so reallocating set_shape never leaves a dangling view. */
#include "pinot_py.h"
#include "numpy_api.h"

#define TENSOR(self) (((pinot_py_tensor_object *)(self))->tensor)

static const char SHARED_NOT_APPLICABLE[] = "SHARED MEMORY MODE FOR THIS TENSOR IS NOT APPLICABLE! ";

/* ---- the numpy base object: a reference to a tensor memory block ---- */

typedef struct {
    PyObject_HEAD
    pinot_memory_t * memory;
} memory_view_object;

static void memory_view_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    pinot_memory_release(((memory_view_object *)self)->memory);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyType_Slot memory_view_slots[] = {
    {Py_tp_dealloc, memory_view_dealloc},
    {Py_tp_doc, "Keeps a tensor's memory alive while numpy views of it exist."},
    {0, NULL},
};

static PyType_Spec memory_view_spec = {
    .name = "pinot._pinot._TensorMemory",
    .basicsize = sizeof(memory_view_object),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = memory_view_slots,
};

/* ---- shared numpy memory: released when the last tensor/view lets go ---- */

static void release_array(void * user) {
    /* May run on a runtime worker thread; at interpreter shutdown the array is
     * simply leaked, since taking the GIL then would hang or crash. */
#if PY_VERSION_HEX >= 0x030D0000
    if (Py_IsFinalizing()) {
        return;
    }
#else
    if (_Py_IsFinalizing()) {
        return;
    }
#endif
    PyGILState_STATE gil = PyGILState_Ensure();
    Py_DECREF((PyObject *)user);
    PyGILState_Release(gil);
}

/* ---- object construction ---- */

PyObject * pinot_py_tensor_new(pinot_tensor_t * tensor) {
    pinot_py_state * st = pinot_py_state_get();
    pinot_py_tensor_object * self = PyObject_New(pinot_py_tensor_object, st->TensorType);
    if (self == NULL) {
        pinot_tensor_free(tensor);
        return NULL;
    }
    self->tensor = tensor;
    return (PyObject *)self;
}

static void tensor_dealloc(PyObject * self) {
    PyTypeObject * type = Py_TYPE(self);
    pinot_tensor_free(TENSOR(self));
    type->tp_free(self);
    Py_DECREF(type);
}

static int shape_from_array(PyArrayObject * array, pinot_shape * shape) {
    int ndim = PyArray_NDIM(array);
    if (ndim > PINOT_MAX_RANK) {
        PyErr_Format(PyExc_RuntimeError, "arrays of rank %d are not supported (at most %d)", ndim, PINOT_MAX_RANK);
        return -1;
    }
    shape->rank = (uint32_t)ndim;
    for (int i = 0; i < ndim; i++) {
        shape->dims[i] = PyArray_DIM(array, i);
    }
    return 0;
}

/* Fills a string tensor from a numpy 'S' or 'U' array; trailing NULs are dropped
 * (numpy pads with them), embedded ones kept. */
static int fill_strings(pinot_tensor_t * tensor, PyArrayObject * source) {
    PyArrayObject * array = (PyArrayObject *)PyArray_GETCONTIGUOUS(source);
    if (array == NULL) {
        return -1;
    }
    int rc = -1;
    char kind = PyArray_DESCR(array)->kind;
    npy_intp itemsize = PyArray_ITEMSIZE(array);
    npy_intp count = PyArray_SIZE(array);
    const char * data = PyArray_DATA(array);
    for (npy_intp i = 0; i < count; i++) {
        const char * item = data + i * itemsize;
        pinot_status status;
        if (kind == 'S') {
            npy_intp len = itemsize;
            while (len > 0 && item[len - 1] == '\0') {
                len--;
            }
            status = pinot_tensor_set_string(tensor, (uint64_t)i, item, (size_t)len);
        } else {
            const Py_UCS4 * chars = (const Py_UCS4 *)item;
            npy_intp len = itemsize / 4;
            while (len > 0 && chars[len - 1] == 0) {
                len--;
            }
            PyObject * text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, len);
            if (text == NULL) {
                goto cleanup;
            }
            Py_ssize_t size;
            const char * utf8 = PyUnicode_AsUTF8AndSize(text, &size);
            if (utf8 == NULL) {
                Py_DECREF(text);
                goto cleanup;
            }
            status = pinot_tensor_set_string(tensor, (uint64_t)i, utf8, (size_t)size);
            Py_DECREF(text);
        }
        if (status != PINOT_STATUS_OK) {
            pinot_py_raise(status);
            goto cleanup;
        }
    }
    rc = 0;
cleanup:
    Py_DECREF(array);
    return rc;
}

/* A numpy array over the tensor's memory (shape, strides, dtype mapped). */
static PyObject * numpy_view(pinot_tensor_t * tensor) {
    pinot_py_state * st = pinot_py_state_get();
    pinot_dtype type = pinot_tensor_get_type(tensor);
    const pinot_shape * shape = pinot_tensor_get_shape(tensor);
    npy_intp dims[PINOT_MAX_RANK], strides[PINOT_MAX_RANK];
    int ndim = (int)shape->rank;
    PyArray_Descr * descr = (PyArray_Descr *)pinot_py_dtype_to_numpy(type);
    if (descr == NULL) {
        return NULL;
    }
    if (pinot_dtype_is_packed(type)) {
        /* Sub-byte types are seen as their bytes, as OpenVINO does. */
        ndim = 1;
        dims[0] = (npy_intp)pinot_tensor_get_byte_size(tensor);
        strides[0] = 1;
    } else {
        int64_t byte_strides[PINOT_MAX_RANK];
        pinot_status status = pinot_tensor_get_strides(tensor, byte_strides);
        if (status != PINOT_STATUS_OK) {
            Py_DECREF(descr);
            return pinot_py_raise(status);
        }
        for (int i = 0; i < ndim; i++) {
            dims[i] = (npy_intp)shape->dims[i];
            strides[i] = (npy_intp)byte_strides[i];
        }
    }
    memory_view_object * base = PyObject_New(memory_view_object, st->MemoryViewType);
    if (base == NULL) {
        Py_DECREF(descr);
        return NULL;
    }
    base->memory = pinot_tensor_get_memory(tensor);
    PyObject * array = PyArray_NewFromDescr(&PyArray_Type, descr, ndim, dims, strides, pinot_tensor_get_data(tensor),
                                            NPY_ARRAY_WRITEABLE, NULL);
    if (array == NULL) {
        Py_DECREF(base);
        return NULL;
    }
    if (PyArray_SetBaseObject((PyArrayObject *)array, (PyObject *)base) < 0) {
        Py_DECREF(array);
        return NULL;
    }
    return array;
}

/* Copy mode: a new owned tensor with the array's contents (any layout or byte order). */
static pinot_tensor_t * tensor_copy_array(PyArrayObject * array) {
    pinot_dtype type;
    pinot_shape shape;
    pinot_tensor_t * tensor = NULL;
    if (pinot_py_dtype_from_numpy((PyObject *)PyArray_DESCR(array), &type) < 0 || shape_from_array(array, &shape) < 0) {
        return NULL;
    }
    pinot_status status = pinot_tensor_create(type, &shape, &tensor);
    if (status != PINOT_STATUS_OK) {
        pinot_py_raise(status);
        return NULL;
    }
    if (type == PINOT_DTYPE_STRING) {
        if (fill_strings(tensor, array) < 0) {
            goto error;
        }
        return tensor;
    }
    PyObject * view = numpy_view(tensor);
    if (view == NULL) {
        goto error;
    }
    int rc = PyArray_CopyInto((PyArrayObject *)view, array);
    Py_DECREF(view);
    if (rc < 0) {
        goto error;
    }
    return tensor;
error:
    pinot_tensor_free(tensor);
    return NULL;
}

/* Shared mode: the tensor views the array's memory and keeps the array alive. */
static pinot_tensor_t * tensor_share_array(PyArrayObject * array, pinot_dtype type, const pinot_shape * shape) {
    pinot_tensor_t * tensor = NULL;
    if (!PyArray_IS_C_CONTIGUOUS(array)) {
        PyErr_Format(PyExc_RuntimeError, "%sPassed numpy array must be C contiguous.", SHARED_NOT_APPLICABLE);
        return NULL;
    }
    if (!PyArray_ISNOTSWAPPED(array)) {
        PyErr_Format(PyExc_RuntimeError, "%sPassed numpy array must be in the machine's byte order.",
                     SHARED_NOT_APPLICABLE);
        return NULL;
    }
    if (!PyArray_ISWRITEABLE(array)) {
        /* Inference writes through shared tensors (outputs), so sharing needs
         * write access; OpenVINO refuses the same way. Copy mode accepts it. */
        PyErr_SetString(PyExc_ValueError, "array is not writeable");
        return NULL;
    }
    Py_INCREF(array);
    pinot_status status =
        pinot_tensor_create_from_memory(type, shape, PyArray_DATA(array), NULL, (uint64_t)PyArray_NBYTES(array),
                                        release_array, array, &tensor);
    if (status != PINOT_STATUS_OK) {
        return (pinot_tensor_t *)pinot_py_raise(status); /* the array was released by the callee */
    }
    return tensor;
}

static pinot_tensor_t * tensor_from_array(PyArrayObject * array, int shared) {
    pinot_dtype type;
    pinot_shape shape;
    if (!shared) {
        return tensor_copy_array(array);
    }
    if (pinot_py_dtype_from_numpy((PyObject *)PyArray_DESCR(array), &type) < 0 || shape_from_array(array, &shape) < 0) {
        return NULL;
    }
    if (type == PINOT_DTYPE_STRING) {
        PyErr_Format(PyExc_RuntimeError, "%sString types can be only copied.", SHARED_NOT_APPLICABLE);
        return NULL;
    }
    return tensor_share_array(array, type, &shape);
}

/* Tensor(array, shape, type): the array's bytes seen with another shape and type. */
static pinot_tensor_t * tensor_reinterpret(PyArrayObject * array, PyObject * shape_obj, PyObject * type_obj) {
    pinot_shape shape;
    pinot_dtype type;
    uint64_t numel, bytes;
    if (!pinot_py_convert_shape(shape_obj, &shape)) {
        return NULL;
    }
    if (type_obj == NULL || type_obj == Py_None ||
        (PyObject_TypeCheck(type_obj, pinot_py_state_get()->TypeType) &&
         ((pinot_py_type_object *)type_obj)->value == PINOT_DTYPE_DYNAMIC)) {
        if (pinot_py_dtype_from_numpy((PyObject *)PyArray_DESCR(array), &type) < 0) {
            return NULL;
        }
    } else if (!pinot_py_convert_dtype(type_obj, &type)) {
        return NULL;
    }
    if (type == PINOT_DTYPE_STRING) {
        PyErr_Format(PyExc_RuntimeError, "%sString types can be only copied.", SHARED_NOT_APPLICABLE);
        return NULL;
    }
    if (!pinot_shape_numel(&shape, &numel) || !pinot_dtype_byte_size(type, numel, &bytes) ||
        bytes > (uint64_t)PyArray_NBYTES(array)) {
        char text[512];
        pinot_shape_to_string(&shape, text, sizeof(text));
        PyErr_Format(PyExc_RuntimeError,
                     "Shape %s of type %s needs more bytes than the array holds (%zd)", text, pinot_dtype_name(type),
                     (Py_ssize_t)PyArray_NBYTES(array));
        return NULL;
    }
    return tensor_share_array(array, type, &shape);
}

static pinot_tensor_t * tensor_roi(PyObject * other, PyObject * begin_obj, PyObject * end_obj) {
    pinot_shape begin, end;
    pinot_tensor_t * parent = TENSOR(other);
    pinot_tensor_t * tensor = NULL;
    if (begin_obj == NULL || end_obj == NULL) {
        PyErr_SetString(PyExc_TypeError, "Tensor(other, begin, end) needs both begin and end coordinates");
        return NULL;
    }
    if (!pinot_py_convert_shape(begin_obj, &begin) || !pinot_py_convert_shape(end_obj, &end)) {
        return NULL;
    }
    if (begin.rank != pinot_tensor_get_shape(parent)->rank || end.rank != begin.rank) {
        PyErr_Format(PyExc_RuntimeError, "ROI coordinates must have the tensor's rank %u (got %u and %u)",
                     pinot_tensor_get_shape(parent)->rank, begin.rank, end.rank);
        return NULL;
    }
    pinot_status status = pinot_tensor_create_roi(parent, begin.dims, end.dims, &tensor);
    if (status != PINOT_STATUS_OK) {
        return (pinot_tensor_t *)pinot_py_raise(status);
    }
    return tensor;
}

static pinot_tensor_t * tensor_allocate(PyObject * type_obj, PyObject * shape_obj) {
    pinot_dtype type;
    pinot_shape shape;
    pinot_tensor_t * tensor = NULL;
    if (!pinot_py_convert_dtype(type_obj, &type) || !pinot_py_convert_shape(shape_obj, &shape)) {
        return NULL;
    }
    pinot_status status = pinot_tensor_create(type, &shape, &tensor);
    if (status != PINOT_STATUS_OK) {
        return (pinot_tensor_t *)pinot_py_raise(status);
    }
    return tensor;
}

/* Port forms, by duck typing on get_element_type()/get_partial_shape(), so
 * anything port-like works. A dynamic port gives shape [0]. */
static int port_type_and_shape(PyObject * port, pinot_dtype * type, pinot_shape * shape, bool * is_dynamic) {
    PyObject * type_obj = PyObject_CallMethod(port, "get_element_type", NULL);
    if (type_obj == NULL) {
        return -1;
    }
    int ok = pinot_py_convert_dtype(type_obj, type);
    Py_DECREF(type_obj);
    if (!ok) {
        return -1;
    }
    PyObject * ps_obj = PyObject_CallMethod(port, "get_partial_shape", NULL);
    pinot_partial_shape ps;
    if (ps_obj == NULL) {
        return -1;
    }
    ok = pinot_py_convert_partial_shape(ps_obj, &ps);
    Py_DECREF(ps_obj);
    if (!ok) {
        return -1;
    }
    *is_dynamic = !pinot_partial_shape_is_static(&ps);
    if (*is_dynamic) {
        shape->rank = 1;
        shape->dims[0] = 0;
    } else if (pinot_partial_shape_to_shape(&ps, shape) != PINOT_STATUS_OK) {
        pinot_py_raise(PINOT_STATUS_INVALID_STATE);
        return -1;
    }
    return 0;
}

static bool is_port(PyObject * obj) {
    return PyObject_HasAttrString(obj, "get_element_type") && PyObject_HasAttrString(obj, "get_partial_shape") &&
           !PyObject_TypeCheck(obj, pinot_py_state_get()->TensorType);
}

static pinot_tensor_t * tensor_from_port(PyObject * port, PyObject * array_obj) {
    pinot_dtype type;
    pinot_shape shape;
    bool is_dynamic;
    pinot_tensor_t * tensor = NULL;
    if (port_type_and_shape(port, &type, &shape, &is_dynamic) < 0) {
        return NULL;
    }
    if (array_obj == NULL) {
        pinot_status status = pinot_tensor_create(type, &shape, &tensor);
        return status == PINOT_STATUS_OK ? tensor : (pinot_tensor_t *)pinot_py_raise(status);
    }
    if (!PyArray_Check(array_obj)) {
        PyErr_SetString(PyExc_TypeError, "Tensor(port, array) expects a numpy array");
        return NULL;
    }
    PyArrayObject * array = (PyArrayObject *)array_obj;
    pinot_dtype array_type;
    if (pinot_py_dtype_from_numpy((PyObject *)PyArray_DESCR(array), &array_type) < 0) {
        return NULL;
    }
    if (array_type != type &&
        PyErr_WarnEx(PyExc_RuntimeWarning, "Type of the array and the port are different. Data is going to be casted.",
                     1) < 0) {
        return NULL;
    }
    uint64_t numel, bytes;
    (void)pinot_shape_numel(&shape, &numel);
    if (!pinot_dtype_byte_size(type, numel, &bytes) || bytes > (uint64_t)PyArray_NBYTES(array)) {
        PyErr_SetString(PyExc_RuntimeError, "Shape of the port exceeds shape of the array.");
        return NULL;
    }
    if (bytes < (uint64_t)PyArray_NBYTES(array) && !is_dynamic &&
        PyErr_WarnEx(PyExc_RuntimeWarning,
                     "Shape of the port is smaller than shape of the array. Passed data will be cropped.", 1) < 0) {
        return NULL;
    }
    return tensor_share_array(array, type, &shape);
}

/* Tensor(PIL.Image): copied through numpy, without importing PIL ourselves. */
static int is_pil_image(PyObject * obj) {
    PyObject * modules = PyImport_GetModuleDict();
    PyObject * pil = PyDict_GetItemString(modules, "PIL.Image"); /* borrowed */
    if (pil == NULL) {
        return 0;
    }
    PyObject * image_cls = PyObject_GetAttrString(pil, "Image");
    if (image_cls == NULL) {
        PyErr_Clear();
        return 0;
    }
    int rc = PyObject_IsInstance(obj, image_cls);
    Py_DECREF(image_cls);
    return rc;
}

static pinot_tensor_t * tensor_from_sequence(PyObject * obj) {
    PyArrayObject * array = (PyArrayObject *)PyArray_FROM_O(obj);
    if (array == NULL) {
        return NULL;
    }
    pinot_tensor_t * tensor = tensor_copy_array(array);
    Py_DECREF(array);
    return tensor;
}

static PyObject * tensor_tp_new(PyTypeObject * cls, PyObject * args, PyObject * kwargs) {
    if (pinot_py_require_numpy() < 0) {
        return NULL;
    }
    static const char * const names[] = {"array", "shared_memory", "shape", "type", "list", "port",
                                         "other", "begin", "end", "image"};
    enum { ARRAY, SHARED, SHAPE, TYPE, LIST, PORT, OTHER, BEGIN, END, IMAGE, N_NAMES };
    PyObject * kw[N_NAMES] = {NULL};
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    pinot_tensor_t * tensor = NULL;

    if (kwargs != NULL) {
        PyObject * key, * value;
        Py_ssize_t pos = 0;
        while (PyDict_Next(kwargs, &pos, &key, &value)) {
            int found = 0;
            for (int i = 0; i < N_NAMES && !found; i++) {
                if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, names[i]) == 0) {
                    kw[i] = value;
                    found = 1;
                }
            }
            if (!found) {
                PyErr_Format(PyExc_TypeError, "Tensor() got an unexpected keyword argument '%S'", key);
                return NULL;
            }
        }
    }
    if (nargs > 3) {
        PyErr_SetString(PyExc_TypeError, "Tensor() takes at most 3 positional arguments");
        return NULL;
    }
    PyObject * a0 = nargs > 0 ? PyTuple_GET_ITEM(args, 0) : NULL;
    PyObject * a1 = nargs > 1 ? PyTuple_GET_ITEM(args, 1) : NULL;
    PyObject * a2 = nargs > 2 ? PyTuple_GET_ITEM(args, 2) : NULL;
    if (a0 == NULL) {
        for (int i = 0; i < N_NAMES && a0 == NULL; i++) {
            if (i == ARRAY || i == TYPE || i == LIST || i == PORT || i == OTHER || i == IMAGE) {
                a0 = kw[i];
            }
        }
    }
    if (a0 == NULL) {
        PyErr_SetString(PyExc_TypeError,
                        "Tensor() needs an array, a list, a type and shape, a port, or a tensor with begin and end");
        return NULL;
    }

    pinot_py_state * st = pinot_py_state_get();
    if (PyArray_Check(a0)) {
        PyObject * shape = a1 != NULL ? a1 : kw[SHAPE];
        if (shape != NULL && !PyBool_Check(shape)) {
            tensor = tensor_reinterpret((PyArrayObject *)a0, shape, a2 != NULL ? a2 : kw[TYPE]);
        } else {
            PyObject * shared_obj = shape != NULL ? shape : kw[SHARED];
            int shared = shared_obj != NULL ? PyObject_IsTrue(shared_obj) : 0;
            if (shared < 0) {
                return NULL;
            }
            tensor = tensor_from_array((PyArrayObject *)a0, shared);
        }
    } else if (PyObject_TypeCheck(a0, st->TensorType)) {
        tensor = tensor_roi(a0, a1 != NULL ? a1 : kw[BEGIN], a2 != NULL ? a2 : kw[END]);
    } else if (is_port(a0)) {
        tensor = tensor_from_port(a0, a1 != NULL ? a1 : kw[ARRAY]);
    } else if (a1 != NULL || kw[SHAPE] != NULL) {
        tensor = tensor_allocate(a0, a1 != NULL ? a1 : kw[SHAPE]);
    } else if (PyList_Check(a0)) {
        if (kw[SHARED] != NULL) {
            PyErr_SetString(PyExc_TypeError, "Tensor(list) always copies: shared_memory applies to numpy arrays only");
            return NULL;
        }
        tensor = tensor_from_sequence(a0);
    } else {
        int pil = is_pil_image(a0);
        if (pil < 0) {
            return NULL;
        }
        if (!pil) {
            PyErr_SetString(PyExc_TypeError,
                            "Input argument must be a PIL.Image.Image/numpy.array/list[int, float, str] object");
            return NULL;
        }
        tensor = tensor_from_sequence(a0);
    }
    if (tensor == NULL) {
        return NULL;
    }
    pinot_py_tensor_object * self = (pinot_py_tensor_object *)cls->tp_alloc(cls, 0);
    if (self == NULL) {
        pinot_tensor_free(tensor);
        return NULL;
    }
    self->tensor = tensor;
    return (PyObject *)self;
}

/* ---- members ---- */

static PyObject * tensor_get_element_type(PyObject * self, PyObject * unused) {
    (void)unused;
    return pinot_py_type_new(pinot_tensor_get_type(TENSOR(self)));
}

static PyObject * tensor_get_shape(PyObject * self, PyObject * unused) {
    (void)unused;
    return pinot_py_shape_new(pinot_tensor_get_shape(TENSOR(self)));
}

static PyObject * tensor_get_size(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLongLong(pinot_tensor_get_size(TENSOR(self)));
}

static PyObject * tensor_get_byte_size(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyLong_FromUnsignedLongLong(pinot_tensor_get_byte_size(TENSOR(self)));
}

static PyObject * tensor_get_strides(PyObject * self, PyObject * unused) {
    (void)unused;
    int64_t strides[PINOT_MAX_RANK];
    pinot_status status = pinot_tensor_get_strides(TENSOR(self), strides);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    uint32_t rank = pinot_tensor_get_shape(TENSOR(self))->rank;
    PyObject * list = PyList_New(rank);
    if (list == NULL) {
        return NULL;
    }
    for (uint32_t i = 0; i < rank; i++) {
        PyObject * item = PyLong_FromLongLong(strides[i]);
        if (item == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, item);
    }
    PyObject * strides_type = pinot_py_state_get()->StridesType;
    if (strides_type == NULL) {
        return list;
    }
    PyObject * result = PyObject_CallOneArg(strides_type, list);
    Py_DECREF(list);
    return result;
}

static PyObject * tensor_is_continuous(PyObject * self, PyObject * unused) {
    (void)unused;
    return PyBool_FromLong(pinot_tensor_is_continuous(TENSOR(self)));
}

static PyObject * tensor_set_shape(PyObject * self, PyObject * shape_obj) {
    pinot_shape shape;
    if (!pinot_py_convert_shape(shape_obj, &shape)) {
        return NULL;
    }
    pinot_status status = pinot_tensor_set_shape(TENSOR(self), &shape);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static int tensor_prop_set_shape(PyObject * self, PyObject * value, void * closure) {
    (void)closure;
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete Tensor.shape");
        return -1;
    }
    PyObject * result = tensor_set_shape(self, value);
    Py_XDECREF(result);
    return result == NULL ? -1 : 0;
}

static PyObject * tensor_bytes_data_get(PyObject * self, void * closure);

static PyObject * tensor_prop_data(PyObject * self, void * closure) {
    if (pinot_py_require_numpy() < 0) {
        return NULL;
    }
    (void)closure;
    pinot_tensor_t * tensor = TENSOR(self);
    if (pinot_tensor_get_type(tensor) == PINOT_DTYPE_STRING) {
        if (PyErr_WarnEx(PyExc_RuntimeWarning,
                         "Data of string type will be copied! Please use dedicated properties `str_data` and "
                         "`bytes_data` to avoid confusion while accessing Tensor's contents.", 1) < 0) {
            return NULL;
        }
        return tensor_bytes_data_get(self, NULL);
    }
    return numpy_view(tensor);
}

/* ---- strings ---- */

static int check_string_tensor(pinot_tensor_t * tensor) {
    pinot_dtype type = pinot_tensor_get_type(tensor);
    if (type != PINOT_DTYPE_STRING) {
        /* Both of OpenVINO's wordings (getter and setter), so either match works. */
        PyErr_Format(PyExc_RuntimeError,
                     "Tensor's type must be a string! (element type %s is not representable as pointer to string)",
                     pinot_dtype_name(type));
        return -1;
    }
    return 0;
}

static PyObject * empty_string_array(pinot_tensor_t * tensor, char kind, size_t max_chars) {
    const pinot_shape * shape = pinot_tensor_get_shape(tensor);
    npy_intp dims[PINOT_MAX_RANK];
    for (uint32_t i = 0; i < shape->rank; i++) {
        dims[i] = (npy_intp)shape->dims[i];
    }
    PyArray_Descr * descr = PyArray_DescrNewFromType(kind == 'S' ? NPY_STRING : NPY_UNICODE);
    if (descr == NULL) {
        return NULL;
    }
    /* numpy has no zero-width strings in arrays: at least one character. */
    size_t width = max_chars > 0 ? max_chars : 1;
    PyDataType_SET_ELSIZE(descr, (npy_intp)(kind == 'S' ? width : width * 4));
    return PyArray_Zeros((int)shape->rank, dims, descr, 0);
}

static PyObject * tensor_bytes_data_get(PyObject * self, void * closure) {
    if (pinot_py_require_numpy() < 0) {
        return NULL;
    }
    (void)closure;
    pinot_tensor_t * tensor = TENSOR(self);
    if (check_string_tensor(tensor) < 0) {
        return NULL;
    }
    uint64_t count = pinot_tensor_get_size(tensor);
    size_t max_len = 0;
    for (uint64_t i = 0; i < count; i++) {
        const char * data;
        size_t size;
        pinot_status status = pinot_tensor_get_string(tensor, i, &data, &size);
        if (status != PINOT_STATUS_OK) {
            return pinot_py_raise(status);
        }
        max_len = size > max_len ? size : max_len;
    }
    PyObject * array = empty_string_array(tensor, 'S', max_len);
    if (array == NULL) {
        return NULL;
    }
    char * out = PyArray_DATA((PyArrayObject *)array);
    npy_intp itemsize = PyArray_ITEMSIZE((PyArrayObject *)array);
    for (uint64_t i = 0; i < count; i++) {
        const char * data;
        size_t size;
        pinot_status status = pinot_tensor_get_string(tensor, i, &data, &size);
        if (status != PINOT_STATUS_OK) {
            Py_DECREF(array);
            return pinot_py_raise(status);
        }
        memcpy(out + i * itemsize, data, size);
    }
    return array;
}

static PyObject * tensor_str_data_get(PyObject * self, void * closure) {
    if (pinot_py_require_numpy() < 0) {
        return NULL;
    }
    (void)closure;
    pinot_tensor_t * tensor = TENSOR(self);
    if (check_string_tensor(tensor) < 0) {
        return NULL;
    }
    uint64_t count = pinot_tensor_get_size(tensor);
    PyObject * decoded = PyList_New((Py_ssize_t)count);
    PyObject * array = NULL;
    if (decoded == NULL) {
        return NULL;
    }
    Py_ssize_t max_chars = 0;
    for (uint64_t i = 0; i < count; i++) {
        const char * data;
        size_t size;
        pinot_status status = pinot_tensor_get_string(tensor, i, &data, &size);
        if (status != PINOT_STATUS_OK) {
            pinot_py_raise(status);
            goto cleanup;
        }
        PyObject * text = PyUnicode_DecodeUTF8(data, (Py_ssize_t)size, "replace");
        if (text == NULL) {
            goto cleanup;
        }
        PyList_SET_ITEM(decoded, (Py_ssize_t)i, text);
        max_chars = PyUnicode_GET_LENGTH(text) > max_chars ? PyUnicode_GET_LENGTH(text) : max_chars;
    }
    array = empty_string_array(tensor, 'U', (size_t)max_chars);
    if (array == NULL) {
        goto cleanup;
    }
    char * out = PyArray_DATA((PyArrayObject *)array);
    npy_intp itemsize = PyArray_ITEMSIZE((PyArrayObject *)array);
    for (uint64_t i = 0; i < count; i++) {
        PyObject * text = PyList_GET_ITEM(decoded, (Py_ssize_t)i);
        if (PyUnicode_AsUCS4(text, (Py_UCS4 *)(out + i * itemsize), itemsize / 4, 0) == NULL) {
            Py_CLEAR(array);
            goto cleanup;
        }
    }
cleanup:
    Py_DECREF(decoded);
    return array;
}

static int tensor_string_data_set(PyObject * self, PyObject * value, void * closure) {
    if (pinot_py_require_numpy() < 0) {
        return -1;
    }
    (void)closure;
    pinot_tensor_t * tensor = TENSOR(self);
    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete string data");
        return -1;
    }
    if (check_string_tensor(tensor) < 0) {
        return -1;
    }
    PyArrayObject * array = NULL;
    if (PyArray_Check(value)) {
        array = (PyArrayObject *)Py_NewRef(value);
    } else if (PyList_Check(value)) {
        array = (PyArrayObject *)PyArray_FROM_O(value);
        if (array == NULL) {
            return -1;
        }
    } else {
        PyErr_SetString(PyExc_RuntimeError, "Invalid data to fill String Tensor!");
        return -1;
    }
    int rc = -1;
    char kind = PyArray_DESCR(array)->kind;
    if (kind != 'S' && kind != 'U') {
        PyErr_SetString(PyExc_RuntimeError, "Unknown string kind passed to fill the Tensor's data!");
    } else if ((uint64_t)PyArray_SIZE(array) != pinot_tensor_get_size(tensor)) {
        PyErr_SetString(PyExc_RuntimeError, "Passed array must have the same size (number of elements) as the Tensor!");
    } else {
        rc = fill_strings(tensor, array);
    }
    Py_DECREF(array);
    return rc;
}

/* ---- copies ---- */

static PyObject * tensor_copy_to(PyObject * self, PyObject * target) {
    pinot_py_state * st = pinot_py_state_get();
    if (!PyObject_TypeCheck(target, st->TensorType)) {
        PyErr_Format(PyExc_TypeError, "copy_to() expects a Tensor, got %s", Py_TYPE(target)->tp_name);
        return NULL;
    }
    pinot_status status = pinot_tensor_copy_to(TENSOR(self), TENSOR(target));
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * tensor_copy_from(PyObject * self, PyObject * source) {
    if (pinot_py_require_numpy() < 0) {
        return NULL;
    }
    pinot_py_state * st = pinot_py_state_get();
    pinot_tensor_t * temp = NULL;
    pinot_tensor_t * src;
    if (PyObject_TypeCheck(source, st->TensorType)) {
        src = TENSOR(source);
    } else if (PyArray_Check(source)) {
        src = temp = tensor_copy_array((PyArrayObject *)source);
    } else if (PyList_Check(source)) {
        src = temp = tensor_from_sequence(source);
    } else {
        PyErr_Format(PyExc_TypeError, "copy_from() expects a Tensor, a numpy array or a list, got %s",
                     Py_TYPE(source)->tp_name);
        return NULL;
    }
    if (src == NULL) {
        return NULL;
    }
    pinot_status status = pinot_tensor_copy_to(src, TENSOR(self));
    pinot_tensor_free(temp);
    if (status != PINOT_STATUS_OK) {
        return pinot_py_raise(status);
    }
    Py_RETURN_NONE;
}

static PyObject * tensor_copy(PyObject * self, PyObject * unused) {
    /* Like OpenVINO: a new Python object over the same tensor. */
    (void)unused;
    return pinot_py_tensor_new(pinot_tensor_retain(TENSOR(self)));
}

static PyObject * tensor_deepcopy(PyObject * self, PyObject * memo) {
    (void)memo;
    pinot_tensor_t * source = TENSOR(self);
    pinot_tensor_t * tensor = NULL;
    pinot_status status = pinot_tensor_create(pinot_tensor_get_type(source), pinot_tensor_get_shape(source), &tensor);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_copy_to(source, tensor);
    }
    if (status != PINOT_STATUS_OK) {
        pinot_tensor_free(tensor);
        return pinot_py_raise(status);
    }
    return pinot_py_tensor_new(tensor);
}

static PyObject * tensor_repr(PyObject * self) {
    char shape[1024];
    pinot_shape_to_string(pinot_tensor_get_shape(TENSOR(self)), shape, sizeof(shape));
    return PyUnicode_FromFormat("<%s: shape%s type: %s>", _PyType_Name(Py_TYPE(self)), shape,
                                pinot_dtype_name(pinot_tensor_get_type(TENSOR(self))));
}

#define PROP_FROM_METHOD(name) \
    static PyObject * tensor_prop_##name(PyObject * self, void * closure) { \
        (void)closure; \
        return tensor_get_##name(self, NULL); \
    }
PROP_FROM_METHOD(element_type)
PROP_FROM_METHOD(shape)
PROP_FROM_METHOD(size)
PROP_FROM_METHOD(byte_size)
PROP_FROM_METHOD(strides)

static PyMethodDef tensor_methods[] = {
    {"get_element_type", tensor_get_element_type, METH_NOARGS, "get_element_type() -> Type"},
    {"get_shape", tensor_get_shape, METH_NOARGS, "get_shape() -> Shape"},
    {"set_shape", tensor_set_shape, METH_O, "set_shape(shape: Shape | list) -> None"},
    {"get_size", tensor_get_size, METH_NOARGS, "get_size() -> int\n\nNumber of elements."},
    {"get_byte_size", tensor_get_byte_size, METH_NOARGS, "get_byte_size() -> int"},
    {"get_strides", tensor_get_strides, METH_NOARGS, "get_strides() -> Strides\n\nByte strides."},
    {"is_continuous", tensor_is_continuous, METH_NOARGS, "is_continuous() -> bool"},
    {"copy_to", tensor_copy_to, METH_O, "copy_to(target_tensor: Tensor) -> None"},
    {"copy_from", tensor_copy_from, METH_O, "copy_from(source: Tensor | numpy.ndarray | list) -> None"},
    {"__copy__", tensor_copy, METH_NOARGS, NULL},
    {"__deepcopy__", tensor_deepcopy, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef tensor_getset[] = {
    {"data", tensor_prop_data, NULL, "numpy.ndarray: a view of the tensor's memory", NULL},
    {"element_type", tensor_prop_element_type, NULL, "Type", NULL},
    {"shape", tensor_prop_shape, tensor_prop_set_shape, "Shape", NULL},
    {"size", tensor_prop_size, NULL, "int: number of elements", NULL},
    {"byte_size", tensor_prop_byte_size, NULL, "int: bytes of the elements", NULL},
    {"strides", tensor_prop_strides, NULL, "Strides: byte strides", NULL},
    {"bytes_data", tensor_bytes_data_get, tensor_string_data_set, "numpy 'S' array: a copy of a string tensor", NULL},
    {"str_data", tensor_str_data_get, tensor_string_data_set, "numpy 'U' array: a decoded copy of a string tensor",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot tensor_slots[] = {
    {Py_tp_new, tensor_tp_new},
    {Py_tp_dealloc, tensor_dealloc},
    {Py_tp_repr, tensor_repr},
    {Py_tp_methods, tensor_methods},
    {Py_tp_getset, tensor_getset},
    {Py_tp_doc,
     "Tensor(array, shared_memory=False)\n"
     "Tensor(array, shape, type=Type.dynamic)\n"
     "Tensor(list)\n"
     "Tensor(type, shape)\n"
     "Tensor(port) / Tensor(port, array)\n"
     "Tensor(other, begin, end)\n"
     "Tensor(image)\n\n"
     "A typed, shaped block of memory, as openvino.Tensor."},
    {0, NULL},
};

static PyType_Spec tensor_spec = {
    .name = "pinot.Tensor",
    .basicsize = sizeof(pinot_py_tensor_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .slots = tensor_slots,
};

int pinot_py_tensor_register(PyObject * module, pinot_py_state * st) {
    st->MemoryViewType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &memory_view_spec, NULL);
    if (st->MemoryViewType == NULL) {
        return -1;
    }
    st->TensorType = (PyTypeObject *)PyType_FromModuleAndSpec(module, &tensor_spec, NULL);
    if (st->TensorType == NULL) {
        return -1;
    }
    return PyModule_AddType(module, st->TensorType);
}

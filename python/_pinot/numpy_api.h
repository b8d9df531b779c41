/* numpy's C API for every extension file: one shared API table, imported by
 * module.c (which defines PINOT_PY_IMPORT_ARRAY before including this). */
#ifndef PINOT_NUMPY_API_H
#define PINOT_NUMPY_API_H

#define PY_ARRAY_UNIQUE_SYMBOL pinot_ARRAY_API
#ifndef PINOT_PY_IMPORT_ARRAY
#define NO_IMPORT_ARRAY
#endif
#include <numpy/arrayobject.h>

/* numpy 1.x has no accessors; numpy 2 hides the field behind them. */
#if NPY_ABI_VERSION < 0x02000000
#define PyDataType_ELSIZE(descr) ((descr)->elsize)
#define PyDataType_SET_ELSIZE(descr, size) ((descr)->elsize = (int)(size))
#endif

#endif // PINOT_NUMPY_API_H

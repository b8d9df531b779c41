/*
 * Pinot: a CPU inference runtime with the OpenVINO Runtime API.
 *
 * ## Overview
 * The C library is layered as the Python API is: element types, shapes and
 * tensors (this release), then models, compiled models and infer requests.
 * Every fallible call returns a pinot_status and writes its result through a
 * trailing out-pointer; on failure pinot_last_error_message() says what was
 * wrong, in this thread only.
 *
 * ## Example
 *     #include <pinot/pinot.h>
 *
 *     pinot_shape shape;
 *     int64_t dims[] = {2, 8};
 *     pinot_tensor_t * t = NULL;
 *     if (pinot_shape_init(&shape, 2, dims) != PINOT_STATUS_OK ||
 *         pinot_tensor_create(PINOT_DTYPE_F32, &shape, &t) != PINOT_STATUS_OK) {
 *         fprintf(stderr, "pinot: %s\n", pinot_last_error_message());
 *         return 1;
 *     }
 *     float * x = pinot_tensor_get_data(t);
 *     for (uint64_t i = 0; i < pinot_tensor_get_size(t); i++) x[i] = 1.0f;
 *     pinot_tensor_free(t);
 */
#ifndef PINOT_PINOT_H
#define PINOT_PINOT_H

#include "pinot/status.h"
#include "pinot/element_type.h"
#include "pinot/shape.h"
#include "pinot/layout.h"
#include "pinot/tensor.h"
#include "pinot/model.h"
#include "pinot/runtime.h"
#include "pinot/reader.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PINOT_VERSION_MAJOR 2026
#define PINOT_VERSION_MINOR 0
#define PINOT_VERSION_PATCH 0

/** @brief Version string of the library, e.g. "2026.0.0". */
PINOT_API const char * pinot_get_version(void);

#ifdef __cplusplus
}
#endif

#endif // PINOT_PINOT_H

/* Reading models from files or memory: ONNX (.onnx) today; the format is
 * detected from the content, not the file name. */
#ifndef PINOT_READER_H
#define PINOT_READER_H

#include <stddef.h>

#include "pinot/model.h"
#include "pinot/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief Read a model file. External data (ONNX) is looked up next to it.
 * @return PINOT_STATUS_IO_ERROR when the file cannot be read, PINOT_STATUS_PARSE_ERROR for
 *         malformed content, PINOT_STATUS_UNSUPPORTED_OP for ops without a translation.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_read_model(const char * path, pinot_model_t ** out);

/** @brief Read a model from bytes in memory (no external data). */
PINOT_API PINOT_NODISCARD pinot_status pinot_read_model_from_memory(const void * data, size_t size,
                                                                    pinot_model_t ** out);

#ifdef __cplusplus
}
#endif

#endif // PINOT_READER_H

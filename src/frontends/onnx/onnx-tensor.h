/* ONNX tensor payloads -> pinot tensors (raw, typed fields, external data). */
#ifndef PINOT_ONNX_TENSOR_H
#define PINOT_ONNX_TENSOR_H

#include "frontends/onnx/onnx-proto.h"
#include "pinot/tensor.h"

/* ONNX TensorProto.DataType -> element type; UNSUPPORTED_PARAMETER for complex
 * (FNUZ float8 and int2 map to Pinot-only types). */
pinot_status onnx_dtype_to_pinot(int32_t onnx_type, pinot_dtype * out);

/*
 * Decode @p t. External data is memory-mapped from @p model_dir (the folder of
 * the .onnx file; NULL when the model came from memory, which refuses external
 * data). Errors (PARSE_ERROR, IO_ERROR) name the tensor and what was wrong.
 */
pinot_status onnx_tensor_decode(const struct onnx_tensor * t, const char * model_dir, pinot_tensor_t ** out);

#endif // PINOT_ONNX_TENSOR_H

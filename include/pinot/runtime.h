/* Compiled models and infer requests: compile a model for a device once,
 * then run it many times through requests that own their tensors. */
#ifndef PINOT_RUNTIME_H
#define PINOT_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/model.h"
#include "pinot/status.h"
#include "pinot/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pinot_compiled_model pinot_compiled_model_t;
typedef struct pinot_infer_request pinot_infer_request_t;

/**
 * @brief Compile @p model for @p device ("CPU", "AUTO", or "TEMPLATE" for reference
 *        kernels only). The compiled model works on its own copy of the graph.
 * @return PINOT_STATUS_INVALID_ARGUMENT for an unknown device or an invalid model,
 *         PINOT_STATUS_UNSUPPORTED_OP when an op has no kernel.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_compiled_model_create(const pinot_model_t * model, const char * device,
                                                                   pinot_compiled_model_t ** out);
PINOT_API pinot_compiled_model_t * pinot_compiled_model_retain(pinot_compiled_model_t * compiled);
PINOT_API void pinot_compiled_model_free(pinot_compiled_model_t * compiled);

/** @brief The compiled graph (borrowed): its parameters and results are the compiled model's ports. */
PINOT_API const pinot_model_t * pinot_compiled_model_get_model(const pinot_compiled_model_t * compiled);
/** @brief The device it was compiled for ("CPU"). */
PINOT_API const char * pinot_compiled_model_get_device(const pinot_compiled_model_t * compiled);

/**
 * @brief A request with its own input and output tensors (static shapes allocated,
 *        dynamic dimensions as 0 until set).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_create(pinot_compiled_model_t * compiled,
                                                                  pinot_infer_request_t ** out);
PINOT_API void pinot_infer_request_free(pinot_infer_request_t * request);

/** @brief The tensor bound to input @p index (borrowed). */
PINOT_API pinot_tensor_t * pinot_infer_request_get_input_tensor(const pinot_infer_request_t * request, uint32_t index);
/** @brief The tensor bound to output @p index (borrowed). */
PINOT_API pinot_tensor_t * pinot_infer_request_get_output_tensor(const pinot_infer_request_t * request, uint32_t index);

/**
 * @brief Bind @p tensor (retained) to input @p index.
 * @return PINOT_STATUS_INVALID_ARGUMENT when its type differs from the input's or its
 *         shape is not compatible with the input's partial shape.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_set_input_tensor(pinot_infer_request_t * request,
                                                                            uint32_t index, pinot_tensor_t * tensor);
/** @brief Bind @p tensor (retained) to output @p index: results are written into it. */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_set_output_tensor(pinot_infer_request_t * request,
                                                                             uint32_t index, pinot_tensor_t * tensor);

/**
 * @brief Run the model on the bound inputs, synchronously. Safe to call from any
 *        thread; one request runs one inference at a time.
 * @return PINOT_STATUS_INVALID_ARGUMENT for inputs that do not fit, kernel errors otherwise.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_infer(pinot_infer_request_t * request);

/* ---- variable state (stateful models) ---- */

/** @brief Number of variables; their order is the model's (pinot_model_get_variable_id). */
PINOT_API uint32_t pinot_infer_request_get_state_count(const pinot_infer_request_t * request);

/**
 * @brief The current value of variable @p index (a new reference): the last value
 *        assigned, or its initial value before the first run and after a reset.
 * @return PINOT_STATUS_INVALID_ARGUMENT for a bad index.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_get_state(const pinot_infer_request_t * request,
                                                                     uint32_t index, pinot_tensor_t ** out);

/** @brief Set variable @p index to a copy of @p value (type must match). */
PINOT_API PINOT_NODISCARD pinot_status pinot_infer_request_set_state(pinot_infer_request_t * request, uint32_t index,
                                                                     const pinot_tensor_t * value);

/** @brief Reset variable @p index (UINT32_MAX: all) to its initial value. */
PINOT_API void pinot_infer_request_reset_state(pinot_infer_request_t * request, uint32_t index);

#ifdef __cplusplus
}
#endif

#endif // PINOT_RUNTIME_H

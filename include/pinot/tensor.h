/* Tensors: a typed, shaped view of a refcounted memory block. The memory is
 * either owned (64-byte aligned, padded by PINOT_EXTRA_BYTES) or external
 * (the caller's, with a release callback), and may be shared by ROI tensors
 * and by outside views (pinot_tensor_get_memory). */
#ifndef PINOT_TENSOR_H
#define PINOT_TENSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/element_type.h"
#include "pinot/shape.h"
#include "pinot/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Alignment of owned tensor memory. */
#define PINOT_TENSOR_ALIGNMENT 64

/* Owned buffers are allocated this many bytes longer than their data, so
 * vector kernels may read (never write) up to one full vector past the end. */
#define PINOT_EXTRA_BYTES 64

typedef struct pinot_tensor pinot_tensor_t;
typedef struct pinot_memory pinot_memory_t;

/* Called once when the last reference to external memory goes away, possibly
 * on another thread than the one that created the tensor. */
typedef void (*pinot_release_fn)(void * user);

/**
 * @brief Allocate a dense tensor. Numeric contents are uninitialised; string
 *        tensors start as empty strings.
 * @param type  any static element type (not DYNAMIC).
 * @return PINOT_STATUS_INVALID_ARGUMENT for a dynamic type or negative dims,
 *         PINOT_STATUS_OUT_OF_MEMORY when the allocation fails or its size overflows.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_create(pinot_dtype type, const pinot_shape * shape,
                                                           pinot_tensor_t ** out);

/**
 * @brief Wrap external memory without copying it.
 * @param data     the first element; must hold the shape (checked only through
 *                 @p capacity_bytes when it is non-zero).
 * @param strides  byte strides, one per dimension, or NULL for dense row-major.
 *                 Must be NULL for packed types.
 * @param capacity_bytes  the bytes available at @p data (0: exactly what the shape needs);
 *                 set_shape may use up to this many.
 * @param release  called with @p user when the memory is no longer referenced (may be NULL).
 *                 Also called when this function fails, so ownership always passes.
 * @return PINOT_STATUS_INVALID_ARGUMENT, PINOT_STATUS_OUT_OF_MEMORY.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_create_from_memory(pinot_dtype type, const pinot_shape * shape,
                                                                       void * data, const int64_t * strides,
                                                                       uint64_t capacity_bytes,
                                                                       pinot_release_fn release, void * user,
                                                                       pinot_tensor_t ** out);

/**
 * @brief A region of interest [begin, end) of @p parent, sharing its memory.
 *        The result keeps the memory alive; it inherits the parent's strides.
 * @return PINOT_STATUS_INVALID_ARGUMENT for packed types ("...for types with bitwidths less
 *         then 8 bit"), rank mismatch or coordinates out of range.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_create_roi(pinot_tensor_t * parent, const int64_t * begin,
                                                               const int64_t * end, pinot_tensor_t ** out);

/** @brief Take another reference. */
PINOT_API pinot_tensor_t * pinot_tensor_retain(pinot_tensor_t * tensor);

/** @brief Drop a reference; the last one frees the tensor. NULL is a no-op. */
PINOT_API void pinot_tensor_free(pinot_tensor_t * tensor);

PINOT_API pinot_dtype pinot_tensor_get_type(const pinot_tensor_t * tensor);
PINOT_API const pinot_shape * pinot_tensor_get_shape(const pinot_tensor_t * tensor);
/** @brief Pointer to the first element (never NULL, even for empty tensors). */
PINOT_API void * pinot_tensor_get_data(const pinot_tensor_t * tensor);
/** @brief Number of elements. */
PINOT_API uint64_t pinot_tensor_get_size(const pinot_tensor_t * tensor);
/** @brief Bytes the elements occupy when dense (packed types rounded up). */
PINOT_API uint64_t pinot_tensor_get_byte_size(const pinot_tensor_t * tensor);

/**
 * @brief Byte strides, one per dimension.
 * @return PINOT_STATUS_INVALID_ARGUMENT for packed types
 *         ("Could not get strides for types with bitwidths less then 8 bit.").
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_get_strides(const pinot_tensor_t * tensor, int64_t * strides);

/** @brief Elements are dense in row-major order. */
PINOT_API bool pinot_tensor_is_continuous(const pinot_tensor_t * tensor);

/** @brief The tensor owns its memory (it was created by pinot_tensor_create). */
PINOT_API bool pinot_tensor_is_owned(const pinot_tensor_t * tensor);

/**
 * @brief Change the shape. Owned dense tensors reallocate when they grow (earlier
 *        references to the old memory stay valid); external and ROI tensors may
 *        not need more bytes than they have.
 * @return PINOT_STATUS_INVALID_ARGUMENT when the new shape does not fit,
 *         PINOT_STATUS_OUT_OF_MEMORY.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_set_shape(pinot_tensor_t * tensor, const pinot_shape * shape);

/**
 * @brief Copy the elements of @p src into @p dst, honouring both tensors' strides.
 *        String tensors are deep-copied. A dense owned @p dst with a different
 *        shape is first reshaped to src's shape.
 * @return PINOT_STATUS_INVALID_ARGUMENT for a type or shape mismatch.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_copy_to(const pinot_tensor_t * src, pinot_tensor_t * dst);

/**
 * @brief Set element @p index (row-major) of a string tensor to a copy of @p size bytes.
 * @return PINOT_STATUS_INVALID_ARGUMENT, PINOT_STATUS_OUT_OF_MEMORY.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_set_string(pinot_tensor_t * tensor, uint64_t index,
                                                               const char * data, size_t size);

/**
 * @brief Element @p index (row-major) of a string tensor.
 * @return PINOT_STATUS_INVALID_ARGUMENT when out of range or not a string tensor.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_tensor_get_string(const pinot_tensor_t * tensor, uint64_t index,
                                                               const char ** data, size_t * size);

/**
 * @brief A reference to the memory block under the tensor, to keep its bytes
 *        alive independently of the tensor (e.g. for a numpy view). Release it
 *        with pinot_memory_release.
 */
PINOT_API pinot_memory_t * pinot_tensor_get_memory(const pinot_tensor_t * tensor);

/** @brief Drop a reference to a memory block. NULL is a no-op. */
PINOT_API void pinot_memory_release(pinot_memory_t * memory);

#ifdef __cplusplus
}
#endif

#endif // PINOT_TENSOR_H

/* Tensors over refcounted memory blocks: owned (aligned, padded), external
 * (the caller's, released through a callback) and ROI views. Strided copies
 * live here; element-type conversion does not (that is a kernel's job). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pinot/tensor.h"

enum tensor_kind {
    TENSOR_OWNED,    /* dense, memory allocated here; may reallocate on set_shape */
    TENSOR_EXTERNAL, /* the caller's memory; fixed capacity */
    TENSOR_ROI,      /* a region of another tensor's memory; fixed capacity */
};

struct pinot_memory {
    atomic_long refcount;
    void * data;
    uint64_t bytes;
    bool owned;               /* allocated here: freed here, with its strings */
    pinot_release_fn release; /* external memory: called once at the end (may be NULL) */
    void * user;
    uint64_t n_strings;       /* owned string memory: elements whose data we free */
};

struct pinot_tensor {
    atomic_long refcount;
    pinot_dtype type;
    enum tensor_kind kind;
    pinot_shape shape;
    int64_t strides[PINOT_MAX_RANK]; /* bytes; unused (0) for packed types */
    pinot_memory_t * memory;
    uint64_t offset;                 /* bytes from memory->data to the first element */
    uint64_t capacity;               /* elements the tensor may address without reallocating */
};

/* ---- memory blocks ---- */

/* No machine maps more than 2^48 bytes: larger requests are refused before
 * they reach the allocator (some allocators, e.g. sanitizers', abort on them). */
#define MAX_ALLOCATION (UINT64_C(1) << 48)

static pinot_memory_t * memory_wrap(void * data, uint64_t bytes, pinot_release_fn release, void * user) {
    pinot_memory_t * memory = malloc(sizeof(*memory));
    if (memory == NULL) {
        return NULL;
    }
    atomic_init(&memory->refcount, 1);
    memory->data = data;
    memory->bytes = bytes;
    memory->owned = false;
    memory->release = release;
    memory->user = user;
    memory->n_strings = 0;
    return memory;
}

static pinot_status memory_allocate(uint64_t bytes, pinot_memory_t ** out) {
    /* Pad for kernel over-reads and round up to the alignment aligned_alloc wants;
     * allocate at least one line so data is never NULL, even for empty tensors. */
    uint64_t padded = bytes + PINOT_EXTRA_BYTES;
    if (bytes > MAX_ALLOCATION || padded > (uint64_t)SIZE_MAX - PINOT_TENSOR_ALIGNMENT) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY,
                               "failed to allocate tensor memory: %llu bytes is too large",
                               (unsigned long long)bytes);
    }
    padded = (padded + PINOT_TENSOR_ALIGNMENT - 1) & ~(uint64_t)(PINOT_TENSOR_ALIGNMENT - 1);
    void * data = aligned_alloc(PINOT_TENSOR_ALIGNMENT, (size_t)padded);
    if (data == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate %llu bytes of tensor memory",
                               (unsigned long long)bytes);
    }
    pinot_memory_t * memory = memory_wrap(data, bytes, NULL, NULL);
    if (memory == NULL) {
        free(data);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate a tensor memory block");
    }
    memory->owned = true;
    *out = memory;
    return PINOT_STATUS_OK;
}

static pinot_memory_t * memory_retain(pinot_memory_t * memory) {
    atomic_fetch_add_explicit(&memory->refcount, 1, memory_order_relaxed);
    return memory;
}

void pinot_memory_release(pinot_memory_t * memory) {
    if (memory == NULL || atomic_fetch_sub_explicit(&memory->refcount, 1, memory_order_acq_rel) != 1) {
        return;
    }
    if (!memory->owned) {
        if (memory->release != NULL) {
            memory->release(memory->user);
        }
    } else {
        pinot_string * strings = memory->data;
        for (uint64_t i = 0; i < memory->n_strings; i++) {
            free(strings[i].data);
        }
        free(memory->data);
    }
    free(memory);
}

/* ---- shape helpers ---- */

static uint32_t element_size(pinot_dtype type) {
    return pinot_dtype_get_info(type)->size;
}

static void dense_strides(pinot_dtype type, const pinot_shape * shape, int64_t * strides) {
    if (pinot_dtype_is_packed(type)) {
        memset(strides, 0, sizeof(int64_t) * shape->rank);
        return;
    }
    /* Unsigned: for shapes too large to allocate (rejected by the caller) the
     * product may wrap, which must not be undefined behaviour. */
    uint64_t stride = element_size(type);
    for (uint32_t i = shape->rank; i-- > 0;) {
        strides[i] = (int64_t)stride;
        stride *= shape->dims[i] > 0 ? (uint64_t)shape->dims[i] : 1;
    }
}

/* Checks the shape and type, and computes the element count and dense byte size. */
static pinot_status check_shape(pinot_dtype type, const pinot_shape * shape, uint64_t * numel, uint64_t * bytes) {
    if ((unsigned)type >= PINOT_DTYPE_COUNT || type == PINOT_DTYPE_DYNAMIC) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to create tensor: the element type must be static "
                               "(is_static() is false for %s)",
                               pinot_dtype_name(type));
    }
    if (shape == NULL || shape->rank > PINOT_MAX_RANK) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create tensor: invalid shape");
    }
    for (uint32_t i = 0; i < shape->rank; i++) {
        if (shape->dims[i] < 0) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to create tensor: dimension %u is negative (got %lld)", i,
                                   (long long)shape->dims[i]);
        }
    }
    if (!pinot_shape_numel(shape, numel) || !pinot_dtype_byte_size(type, *numel, bytes)) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY,
                               "failed to create tensor: its size overflows 64 bits");
    }
    return PINOT_STATUS_OK;
}

static pinot_tensor_t * tensor_alloc(pinot_dtype type, enum tensor_kind kind, const pinot_shape * shape) {
    pinot_tensor_t * tensor = calloc(1, sizeof(*tensor));
    if (tensor == NULL) {
        return NULL;
    }
    atomic_init(&tensor->refcount, 1);
    tensor->type = type;
    tensor->kind = kind;
    tensor->shape = *shape;
    return tensor;
}

/* ---- creation ---- */

pinot_status pinot_tensor_create(pinot_dtype type, const pinot_shape * shape, pinot_tensor_t ** out) {
    uint64_t numel = 0, bytes = 0;
    pinot_memory_t * memory = NULL;
    pinot_tensor_t * tensor = NULL;
    pinot_status status = check_shape(type, shape, &numel, &bytes);
    if (status != PINOT_STATUS_OK) {
        goto error;
    }
    status = memory_allocate(bytes, &memory);
    if (status != PINOT_STATUS_OK) {
        goto error;
    }
    if (type == PINOT_DTYPE_STRING) {
        memset(memory->data, 0, (size_t)bytes);
        memory->n_strings = numel;
    }
    tensor = tensor_alloc(type, TENSOR_OWNED, shape);
    if (tensor == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate a tensor");
        goto error;
    }
    tensor->memory = memory;
    tensor->capacity = numel;
    dense_strides(type, shape, tensor->strides);
    *out = tensor;
    return PINOT_STATUS_OK;

error:
    pinot_memory_release(memory);
    return status;
}

pinot_status pinot_tensor_create_from_memory(pinot_dtype type, const pinot_shape * shape, void * data,
                                             const int64_t * strides, uint64_t capacity_bytes,
                                             pinot_release_fn release, void * user, pinot_tensor_t ** out) {
    uint64_t numel = 0, bytes = 0;
    pinot_memory_t * memory = NULL;
    pinot_tensor_t * tensor = NULL;
    pinot_status status = check_shape(type, shape, &numel, &bytes);
    if (status != PINOT_STATUS_OK) {
        goto error;
    }
    if (type == PINOT_DTYPE_STRING) {
        /* Ownership of each element's bytes would be ambiguous: strings are always copied. */
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "failed to create tensor: string tensors cannot share external memory");
        goto error;
    }
    if (data == NULL && bytes > 0) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create tensor: data is NULL");
        goto error;
    }
    if (strides != NULL && pinot_dtype_is_packed(type)) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "failed to create tensor: strides are not supported for types with bitwidths "
                                 "less then 8 bit (got %s)", pinot_dtype_name(type));
        goto error;
    }
    if (capacity_bytes != 0 && capacity_bytes < bytes && strides == NULL) {
        status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                 "failed to create tensor: shape needs %llu bytes but the memory holds %llu",
                                 (unsigned long long)bytes, (unsigned long long)capacity_bytes);
        goto error;
    }
    tensor = tensor_alloc(type, TENSOR_EXTERNAL, shape);
    memory = memory_wrap(data, capacity_bytes != 0 ? capacity_bytes : bytes, release, user);
    if (tensor == NULL || memory == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate a tensor");
        goto error;
    }
    release = NULL; /* the memory block owns the release now */
    tensor->memory = memory;
    if (strides != NULL) {
        memcpy(tensor->strides, strides, sizeof(int64_t) * shape->rank);
        tensor->capacity = numel;
    } else {
        dense_strides(type, shape, tensor->strides);
        tensor->capacity = numel;
        if (capacity_bytes > bytes && !pinot_dtype_is_packed(type)) {
            tensor->capacity = capacity_bytes / element_size(type);
        }
    }
    *out = tensor;
    return PINOT_STATUS_OK;

error:
    free(tensor);
    if (memory != NULL) {
        free(memory);
    }
    if (release != NULL) {
        release(user);
    }
    return status;
}

pinot_status pinot_tensor_create_roi(pinot_tensor_t * parent, const int64_t * begin, const int64_t * end,
                                     pinot_tensor_t ** out) {
    if (pinot_dtype_is_packed(parent->type)) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to create ROI tensor: ROI is not supported for types with bitwidths "
                               "less then 8 bit (got %s)", pinot_dtype_name(parent->type));
    }
    pinot_shape shape = {.rank = parent->shape.rank};
    uint64_t offset = parent->offset;
    for (uint32_t i = 0; i < shape.rank; i++) {
        if (begin[i] < 0 || begin[i] > end[i] || end[i] > parent->shape.dims[i]) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to create ROI tensor: coordinates of dimension %u are out of range "
                                   "(got [%lld, %lld), expected within [0, %lld])", i, (long long)begin[i],
                                   (long long)end[i], (long long)parent->shape.dims[i]);
        }
        shape.dims[i] = end[i] - begin[i];
        offset += (uint64_t)(begin[i] * parent->strides[i]);
    }
    pinot_tensor_t * tensor = tensor_alloc(parent->type, TENSOR_ROI, &shape);
    if (tensor == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate a tensor");
    }
    memcpy(tensor->strides, parent->strides, sizeof(int64_t) * shape.rank);
    tensor->memory = memory_retain(parent->memory);
    tensor->offset = offset;
    (void)pinot_shape_numel(&shape, &tensor->capacity); /* cannot overflow: a sub-box of the parent */
    *out = tensor;
    return PINOT_STATUS_OK;
}

pinot_tensor_t * pinot_tensor_retain(pinot_tensor_t * tensor) {
    atomic_fetch_add_explicit(&tensor->refcount, 1, memory_order_relaxed);
    return tensor;
}

void pinot_tensor_free(pinot_tensor_t * tensor) {
    if (tensor == NULL || atomic_fetch_sub_explicit(&tensor->refcount, 1, memory_order_acq_rel) != 1) {
        return;
    }
    pinot_memory_release(tensor->memory);
    free(tensor);
}

/* ---- accessors ---- */

pinot_dtype pinot_tensor_get_type(const pinot_tensor_t * tensor) {
    return tensor->type;
}

const pinot_shape * pinot_tensor_get_shape(const pinot_tensor_t * tensor) {
    return &tensor->shape;
}

void * pinot_tensor_get_data(const pinot_tensor_t * tensor) {
    return (char *)tensor->memory->data + tensor->offset;
}

uint64_t pinot_tensor_get_size(const pinot_tensor_t * tensor) {
    uint64_t numel = 0;
    (void)pinot_shape_numel(&tensor->shape, &numel); /* checked at creation and set_shape */
    return numel;
}

uint64_t pinot_tensor_get_byte_size(const pinot_tensor_t * tensor) {
    uint64_t bytes = 0;
    (void)pinot_dtype_byte_size(tensor->type, pinot_tensor_get_size(tensor), &bytes);
    return bytes;
}

pinot_status pinot_tensor_get_strides(const pinot_tensor_t * tensor, int64_t * strides) {
    if (pinot_dtype_is_packed(tensor->type)) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "Could not get strides for types with bitwidths less then 8 bit. Tensor type: %s",
                               pinot_dtype_name(tensor->type));
    }
    memcpy(strides, tensor->strides, sizeof(int64_t) * tensor->shape.rank);
    return PINOT_STATUS_OK;
}

bool pinot_tensor_is_continuous(const pinot_tensor_t * tensor) {
    if (pinot_dtype_is_packed(tensor->type) || pinot_tensor_get_size(tensor) == 0) {
        return true;
    }
    int64_t expected = element_size(tensor->type);
    for (uint32_t i = tensor->shape.rank; i-- > 0;) {
        /* A dimension of 1 is never stepped over, so its stride does not matter. */
        if (tensor->shape.dims[i] != 1 && tensor->strides[i] != expected) {
            return false;
        }
        expected *= tensor->shape.dims[i];
    }
    return true;
}

bool pinot_tensor_is_owned(const pinot_tensor_t * tensor) {
    return tensor->kind == TENSOR_OWNED;
}

/* ---- reshaping ---- */

static bool shape_within(const pinot_shape * inner, const pinot_shape * outer) {
    if (inner->rank != outer->rank) {
        return false;
    }
    for (uint32_t i = 0; i < inner->rank; i++) {
        if (inner->dims[i] > outer->dims[i]) {
            return false;
        }
    }
    return true;
}

pinot_status pinot_tensor_set_shape(pinot_tensor_t * tensor, const pinot_shape * shape) {
    char text[512];
    uint64_t numel = 0, bytes = 0;
    pinot_status status = check_shape(tensor->type, shape, &numel, &bytes);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    if (!pinot_tensor_is_continuous(tensor)) {
        /* A strided view (ROI, strided external memory) can only shrink in place:
         * it keeps its strides, so only sub-boxes of the current box are addressable. */
        if (!shape_within(shape, &tensor->shape)) {
            pinot_shape_to_string(shape, text, sizeof(text));
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to set shape %s: a non-continuous tensor can only shrink within its "
                                   "current shape", text);
        }
        tensor->shape = *shape;
        return PINOT_STATUS_OK;
    }
    if (numel > tensor->capacity) {
        if (tensor->kind != TENSOR_OWNED) {
            pinot_shape_to_string(shape, text, sizeof(text));
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "Check 'shape_size(new_shape) <= ov::shape_size(m_capacity)' failed: "
                                   "Could set new shape: %s (it needs %llu elements, the tensor's memory "
                                   "holds %llu)", text, (unsigned long long)numel,
                                   (unsigned long long)tensor->capacity);
        }
        pinot_memory_t * memory = NULL;
        status = memory_allocate(bytes, &memory);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (tensor->type == PINOT_DTYPE_STRING) {
            memset(memory->data, 0, (size_t)bytes);
            memory->n_strings = numel;
        }
        /* Old views (numpy arrays, ROIs) keep the old block alive. */
        pinot_memory_release(tensor->memory);
        tensor->memory = memory;
        tensor->offset = 0;
        tensor->capacity = numel;
    }
    tensor->shape = *shape;
    dense_strides(tensor->type, shape, tensor->strides);
    return PINOT_STATUS_OK;
}

/* ---- copying ---- */

/* Copies an N-d box element by element run: the innermost dimension is one
 * memcpy when both sides are dense along it. */
static void copy_strided(const char * src, const int64_t * src_strides, char * dst, const int64_t * dst_strides,
                         const pinot_shape * shape, size_t elem) {
    uint32_t rank = shape->rank;
    if (rank == 0) {
        memcpy(dst, src, elem);
        return;
    }
    int64_t inner = shape->dims[rank - 1];
    bool inner_dense = src_strides[rank - 1] == (int64_t)elem && dst_strides[rank - 1] == (int64_t)elem;
    int64_t index[PINOT_MAX_RANK] = {0};
    for (;;) {
        const char * s = src;
        char * d = dst;
        for (uint32_t i = 0; i + 1 < rank; i++) {
            s += index[i] * src_strides[i];
            d += index[i] * dst_strides[i];
        }
        if (inner_dense) {
            memmove(d, s, (size_t)inner * elem); /* views of one block may overlap */
        } else {
            for (int64_t j = 0; j < inner; j++) {
                memcpy(d + j * dst_strides[rank - 1], s + j * src_strides[rank - 1], elem);
            }
        }
        uint32_t axis = rank - 1;
        for (;;) {
            if (axis == 0) {
                return;
            }
            axis--;
            if (++index[axis] < shape->dims[axis]) {
                break;
            }
            index[axis] = 0;
        }
    }
}

/* Byte offset of row-major element `index` in a strided tensor. */
static int64_t element_offset(const pinot_tensor_t * tensor, uint64_t index) {
    int64_t offset = 0;
    for (uint32_t i = tensor->shape.rank; i-- > 0;) {
        int64_t dim = tensor->shape.dims[i];
        offset += (int64_t)(index % (uint64_t)dim) * tensor->strides[i];
        index /= (uint64_t)dim;
    }
    return offset;
}

pinot_status pinot_tensor_copy_to(const pinot_tensor_t * src, pinot_tensor_t * dst) {
    char a[512], b[512];
    if (src->type != dst->type) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "Tensor element types are not equal. (src: %s != dst: %s)",
                               pinot_dtype_name(src->type), pinot_dtype_name(dst->type));
    }
    if (src == dst) {
        return PINOT_STATUS_OK;
    }
    if (!pinot_shape_equal(&src->shape, &dst->shape)) {
        pinot_status status = pinot_tensor_set_shape(dst, &src->shape);
        if (status != PINOT_STATUS_OK) {
            pinot_shape_to_string(&src->shape, a, sizeof(a));
            pinot_shape_to_string(&dst->shape, b, sizeof(b));
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to copy tensor: the destination's shape %s cannot take the "
                                   "source's shape %s", b, a);
        }
    }
    uint64_t numel = pinot_tensor_get_size(src);
    if (numel == 0) {
        return PINOT_STATUS_OK;
    }
    if (src->type == PINOT_DTYPE_STRING) {
        const char * src_data = pinot_tensor_get_data(src);
        for (uint64_t i = 0; i < numel; i++) {
            const pinot_string * s = (const pinot_string *)(src_data + element_offset(src, i));
            pinot_status status = pinot_tensor_set_string(dst, i, s->data, s->size);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
        return PINOT_STATUS_OK;
    }
    if (pinot_dtype_is_packed(src->type)) {
        memcpy(pinot_tensor_get_data(dst), pinot_tensor_get_data(src), (size_t)pinot_tensor_get_byte_size(src));
        return PINOT_STATUS_OK;
    }
    copy_strided(pinot_tensor_get_data(src), src->strides, pinot_tensor_get_data(dst), dst->strides, &src->shape,
                 element_size(src->type));
    return PINOT_STATUS_OK;
}

/* ---- strings ---- */

pinot_status pinot_tensor_set_string(pinot_tensor_t * tensor, uint64_t index, const char * data, size_t size) {
    if (tensor->type != PINOT_DTYPE_STRING) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Tensor's type must be a string! (got %s)",
                               pinot_dtype_name(tensor->type));
    }
    if (index >= pinot_tensor_get_size(tensor)) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "string index %llu is out of range (size %llu)",
                               (unsigned long long)index, (unsigned long long)pinot_tensor_get_size(tensor));
    }
    char * copy = NULL;
    if (size > 0) {
        if (size == SIZE_MAX || (copy = malloc(size + 1)) == NULL) {
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "failed to allocate a string of %zu bytes", size);
        }
        memcpy(copy, data, size);
        copy[size] = '\0';
    }
    pinot_string * element = (pinot_string *)((char *)pinot_tensor_get_data(tensor) + element_offset(tensor, index));
    free(element->data);
    element->data = copy;
    element->size = size;
    return PINOT_STATUS_OK;
}

pinot_status pinot_tensor_get_string(const pinot_tensor_t * tensor, uint64_t index, const char ** data,
                                     size_t * size) {
    if (tensor->type != PINOT_DTYPE_STRING) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Tensor's type must be a string! (got %s)",
                               pinot_dtype_name(tensor->type));
    }
    if (index >= pinot_tensor_get_size(tensor)) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "string index %llu is out of range (size %llu)",
                               (unsigned long long)index, (unsigned long long)pinot_tensor_get_size(tensor));
    }
    const pinot_string * element =
        (const pinot_string *)((const char *)pinot_tensor_get_data(tensor) + element_offset(tensor, index));
    *data = element->data != NULL ? element->data : "";
    *size = element->size;
    return PINOT_STATUS_OK;
}

pinot_memory_t * pinot_tensor_get_memory(const pinot_tensor_t * tensor) {
    return memory_retain(tensor->memory);
}

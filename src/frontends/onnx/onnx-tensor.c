/* Decoding ONNX TensorProto payloads into tensors: raw_data, the typed
 * fields (float_data, int32_data with its 16/8/4/2-bit packings, int64_data,
 * double_data, uint64_data, string_data) and external data files, which are
 * memory-mapped (never read through '..' or absolute paths). Every declared
 * size is checked against the payload before anything is allocated. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontends/onnx/onnx-tensor.h"

pinot_status onnx_dtype_to_pinot(int32_t onnx_type, pinot_dtype * out) {
    static const pinot_dtype table[] = {
        [ONNX_FLOAT] = PINOT_DTYPE_F32,        [ONNX_UINT8] = PINOT_DTYPE_U8,
        [ONNX_INT8] = PINOT_DTYPE_I8,          [ONNX_UINT16] = PINOT_DTYPE_U16,
        [ONNX_INT16] = PINOT_DTYPE_I16,        [ONNX_INT32] = PINOT_DTYPE_I32,
        [ONNX_INT64] = PINOT_DTYPE_I64,        [ONNX_STRING] = PINOT_DTYPE_STRING,
        [ONNX_BOOL] = PINOT_DTYPE_BOOLEAN,     [ONNX_FLOAT16] = PINOT_DTYPE_F16,
        [ONNX_DOUBLE] = PINOT_DTYPE_F64,       [ONNX_UINT32] = PINOT_DTYPE_U32,
        [ONNX_UINT64] = PINOT_DTYPE_U64,       [ONNX_BFLOAT16] = PINOT_DTYPE_BF16,
        [ONNX_FLOAT8E4M3FN] = PINOT_DTYPE_F8E4M3, [ONNX_FLOAT8E5M2] = PINOT_DTYPE_F8E5M2,
        [ONNX_UINT4] = PINOT_DTYPE_U4,         [ONNX_INT4] = PINOT_DTYPE_I4,
        [ONNX_FLOAT4E2M1] = PINOT_DTYPE_F4E2M1, [ONNX_FLOAT8E8M0] = PINOT_DTYPE_F8E8M0,
        [ONNX_UINT2] = PINOT_DTYPE_U2,
        [ONNX_FLOAT8E4M3FNUZ] = PINOT_DTYPE_F8E4M3FNUZ, [ONNX_FLOAT8E5M2FNUZ] = PINOT_DTYPE_F8E5M2FNUZ,
        [ONNX_INT2] = PINOT_DTYPE_I2,
    };
    if (onnx_type <= 0 || (size_t)onnx_type >= sizeof(table) / sizeof(table[0]) ||
        table[onnx_type] == PINOT_DTYPE_DYNAMIC) {
        return pinot_set_error(PINOT_STATUS_UNSUPPORTED_PARAMETER,
                               "ONNX data type %d (%s) is not supported", onnx_type,
                               onnx_type == ONNX_COMPLEX64 || onnx_type == ONNX_COMPLEX128 ? "complex"
                                                                                          : "unknown");
    }
    *out = table[onnx_type];
    return PINOT_STATUS_OK;
}

/* ---- external data ---- */

struct mapping {
    void * base;
    size_t size;
};

static void unmap(void * user) {
    struct mapping * m = user;
    munmap(m->base, m->size);
    free(m);
}

/* A location is safe when relative and free of ".." components. */
static bool safe_location(const char * location) {
    if (location[0] == '\0' || location[0] == '/' || location[0] == '\\' || strchr(location, ':') != NULL) {
        return false;
    }
    const char * p = location;
    while (*p != '\0') {
        size_t len = strcspn(p, "/\\");
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            return false;
        }
        p += len;
        while (*p == '/' || *p == '\\') {
            p++;
        }
    }
    return true;
}

static pinot_status map_external(const struct onnx_tensor * t, const char * model_dir, uint64_t bytes,
                                 pinot_dtype type, const pinot_shape * shape, pinot_tensor_t ** out) {
    char path[4096];
    if (t->location == NULL || !safe_location(t->location)) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "ONNX tensor '%s': external data location '%s' is refused (it must be a relative path "
                               "inside the model's folder, without '..')", t->name,
                               t->location != NULL ? t->location : "(missing)");
    }
    if (model_dir == NULL) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "ONNX tensor '%s' has external data, but the model was not read from a file", t->name);
    }
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", model_dir, t->location) >= sizeof(path)) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "ONNX tensor '%s': external data path is too long",
                               t->name);
    }
    if (t->length >= 0 && (uint64_t)t->length != bytes) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "ONNX tensor '%s': external data length %lld does not match its shape (%llu bytes)",
                               t->name, (long long)t->length, (unsigned long long)bytes);
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return pinot_set_error(PINOT_STATUS_IO_ERROR, "ONNX tensor '%s': cannot open external data file '%s'",
                               t->name, path);
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || t->offset > (uint64_t)st.st_size ||
        bytes > (uint64_t)st.st_size - t->offset) {
        close(fd);
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "ONNX tensor '%s': external data file '%s' is too short (needs %llu bytes at offset "
                               "%llu)", t->name, path, (unsigned long long)bytes, (unsigned long long)t->offset);
    }
    if (bytes == 0) {
        close(fd);
        return pinot_tensor_create(type, shape, out);
    }
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    uint64_t start = t->offset / page * page;
    size_t size = (size_t)(t->offset - start + bytes);
    void * base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, (off_t)start);
    close(fd);
    struct mapping * m = malloc(sizeof(*m));
    if (base == MAP_FAILED || m == NULL) {
        if (base != MAP_FAILED) {
            munmap(base, size);
        }
        free(m);
        return pinot_set_error(PINOT_STATUS_IO_ERROR, "ONNX tensor '%s': cannot map external data file '%s'", t->name,
                               path);
    }
    m->base = base;
    m->size = size;
    /* The mapping is read-only: constants are never written. */
    return pinot_tensor_create_from_memory(type, shape, (char *)base + (t->offset - start), NULL, bytes, unmap, m, out);
}

/* ---- typed fields ---- */

struct typed_fill {
    pinot_tensor_t * tensor;
    uint8_t * bytes;
    uint64_t index;   /* next element */
    uint64_t count;   /* elements expected */
    pinot_dtype type;
    int32_t onnx_type;
};

static pinot_status fill_value(void * user, uint64_t raw) {
    struct typed_fill * f = user;
    uint32_t bits = pinot_dtype_bitwidth(f->type);
    /* int32_data holds 16/8-bit values in its low bits, and 4 or 2 packed sub-byte values per entry. */
    uint32_t per_entry = bits < 8 ? 8 / bits : 1;
    if (f->index >= f->count) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "ONNX tensor has more values than its shape holds");
    }
    if (bits < 8) {
        f->bytes[f->index / per_entry] = (uint8_t)raw;
        f->index += per_entry;
        return PINOT_STATUS_OK;
    }
    uint8_t * dst = f->bytes + f->index * (bits / 8);
    switch (f->onnx_type) {
    case ONNX_FLOAT: {
        uint32_t v = (uint32_t)raw;
        memcpy(dst, &v, 4);
        break;
    }
    case ONNX_DOUBLE:
    case ONNX_INT64:
    case ONNX_UINT64: memcpy(dst, &raw, 8); break;
    case ONNX_UINT32:
    case ONNX_INT32: {
        uint32_t v = (uint32_t)raw;
        memcpy(dst, &v, 4);
        break;
    }
    case ONNX_INT16:
    case ONNX_UINT16:
    case ONNX_FLOAT16:
    case ONNX_BFLOAT16: {
        uint16_t v = (uint16_t)raw;
        memcpy(dst, &v, 2);
        break;
    }
    case ONNX_BOOL: *dst = raw != 0; break;
    default: *dst = (uint8_t)raw; break; /* 8-bit integers and float8 */
    }
    f->index++;
    return PINOT_STATUS_OK;
}

static uint32_t typed_field(int32_t onnx_type, uint32_t * fixed_size) {
    *fixed_size = 0;
    switch (onnx_type) {
    case ONNX_FLOAT: *fixed_size = 4; return 4;
    case ONNX_DOUBLE: *fixed_size = 8; return 10;
    case ONNX_INT64: return 7;
    case ONNX_UINT32:
    case ONNX_UINT64: return 11;
    case ONNX_STRING: return 6;
    default: return 5; /* int32_data */
    }
}

static pinot_status decode_typed(const struct onnx_tensor * t, pinot_dtype type, uint64_t numel,
                                 pinot_tensor_t * tensor) {
    uint32_t fixed_size;
    uint32_t number = typed_field(t->data_type, &fixed_size);
    pinot_pb_reader r = pinot_pb_reader_init(t->message, "TensorProto");
    pinot_pb_field f;
    bool has;
    if (type == PINOT_DTYPE_STRING) {
        uint64_t index = 0;
        for (;;) {
            pinot_status status = pinot_pb_next(&r, &f, &has);
            if (status != PINOT_STATUS_OK || !has) {
                if (status == PINOT_STATUS_OK && index != numel) {
                    break;
                }
                return status;
            }
            if (f.number != 6) {
                continue;
            }
            if (f.wire != PINOT_PB_LEN || index >= numel) {
                break;
            }
            status = pinot_tensor_set_string(tensor, index++, (const char *)f.span.data, (size_t)f.span.size);
            if (status != PINOT_STATUS_OK) {
                return status;
            }
        }
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "ONNX tensor '%s': string_data does not hold %llu strings", t->name,
                               (unsigned long long)numel);
    }
    uint32_t bits = pinot_dtype_bitwidth(type);
    struct typed_fill fill = {tensor, pinot_tensor_get_data(tensor), 0, numel, type, t->data_type};
    if (bits < 8) {
        memset(fill.bytes, 0, (size_t)pinot_tensor_get_byte_size(tensor));
        fill.count = numel + 8; /* the last entry may be partly padding */
    }
    for (;;) {
        pinot_status status = pinot_pb_next(&r, &f, &has);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (!has) {
            break;
        }
        if (f.number == number) {
            status = pinot_pb_for_each_scalar(&r, &f, fixed_size, fill_value, &fill);
            if (status != PINOT_STATUS_OK) {
                char message[512];
                snprintf(message, sizeof(message), "%s", pinot_last_error_message());
                return pinot_set_error(status, "ONNX tensor '%s': %s", t->name, message);
            }
        }
    }
    uint64_t expected = bits < 8 ? pinot_tensor_get_byte_size(tensor) * (8 / bits) : numel;
    if (fill.index != expected && !(bits < 8 && fill.index >= numel && fill.index <= expected)) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "ONNX tensor '%s': its data holds %llu values, its shape %llu", t->name,
                               (unsigned long long)fill.index, (unsigned long long)numel);
    }
    return PINOT_STATUS_OK;
}

pinot_status onnx_tensor_decode(const struct onnx_tensor * t, const char * model_dir, pinot_tensor_t ** out) {
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    pinot_status status = onnx_dtype_to_pinot(t->data_type, &type);
    if (status != PINOT_STATUS_OK) {
        char message[512];
        snprintf(message, sizeof(message), "%s", pinot_last_error_message());
        return pinot_set_error(status, "ONNX tensor '%s': %s", t->name, message);
    }
    pinot_shape shape;
    uint64_t numel, bytes;
    status = pinot_shape_init(&shape, t->rank, t->dims);
    if (status != PINOT_STATUS_OK || !pinot_shape_numel(&shape, &numel) || !pinot_dtype_byte_size(type, numel, &bytes)) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "ONNX tensor '%s': its shape is too large", t->name);
    }
    if (t->external) {
        if (type == PINOT_DTYPE_STRING) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "ONNX tensor '%s': string tensors cannot be external",
                                   t->name);
        }
        return map_external(t, model_dir, bytes, type, &shape, out);
    }
    if (t->has_raw_data) {
        if (type == PINOT_DTYPE_STRING) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "ONNX tensor '%s': string tensors cannot use raw_data",
                                   t->name);
        }
        if (t->raw_data.size != bytes) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                                   "ONNX tensor '%s': raw_data has %llu bytes, its shape and type need %llu", t->name,
                                   (unsigned long long)t->raw_data.size, (unsigned long long)bytes);
        }
        status = pinot_tensor_create(type, &shape, out);
        if (status == PINOT_STATUS_OK && bytes > 0) {
            memcpy(pinot_tensor_get_data(*out), t->raw_data.data, (size_t)bytes);
        }
        return status;
    }
    /* Typed fields: count before allocating, so a huge declared shape with little data fails early. */
    uint32_t fixed_size;
    uint32_t number = typed_field(t->data_type, &fixed_size);
    pinot_pb_reader r = pinot_pb_reader_init(t->message, "TensorProto");
    pinot_pb_field f;
    bool has;
    uint64_t count = 0;
    for (;;) {
        status = pinot_pb_next(&r, &f, &has);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (!has) {
            break;
        }
        if (f.number == number) {
            if (type == PINOT_DTYPE_STRING) {
                count++;
            } else if ((status = pinot_pb_count_scalars(&r, &f, fixed_size, &count)) != PINOT_STATUS_OK) {
                return status;
            }
        }
    }
    uint32_t bits = pinot_dtype_bitwidth(type);
    uint64_t needed = bits < 8 ? (numel * bits + 7) / 8 : numel;
    if (count != needed) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "ONNX tensor '%s': its data holds %llu values, its shape needs %llu", t->name,
                               (unsigned long long)count, (unsigned long long)needed);
    }
    status = pinot_tensor_create(type, &shape, out);
    if (status == PINOT_STATUS_OK) {
        status = decode_typed(t, type, numel, *out);
        if (status != PINOT_STATUS_OK) {
            pinot_tensor_free(*out);
            *out = NULL;
        }
    }
    return status;
}

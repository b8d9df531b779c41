/* A protobuf wire-format reader over an untrusted byte span: one field at a
 * time, every length checked against the span, no allocation. We write our own
 * because libprotobuf is C++ and large, and ONNX needs only the wire format:
 * varints, fixed 32/64-bit values, and length-delimited spans (FORMATS.md A.1). */
#ifndef PINOT_PROTOBUF_H
#define PINOT_PROTOBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/status.h"

enum pinot_pb_wire {
    PINOT_PB_VARINT = 0,
    PINOT_PB_I64 = 1,
    PINOT_PB_LEN = 2,
    PINOT_PB_I32 = 5,
};

/* A span of bytes inside the file (borrowed). */
typedef struct pinot_pb_span {
    const uint8_t * data;
    uint64_t size;
} pinot_pb_span;

/* One decoded field. For LEN fields `span` is the payload; for the others `value`
 * holds the raw bits (varint value, or the little-endian fixed32/fixed64). */
typedef struct pinot_pb_field {
    uint32_t number;
    enum pinot_pb_wire wire;
    uint64_t value;
    pinot_pb_span span;
} pinot_pb_field;

/* A cursor over one message. */
typedef struct pinot_pb_reader {
    const uint8_t * pos;
    const uint8_t * end;
    const char * what; /* message name, for error messages */
} pinot_pb_reader;

static inline pinot_pb_reader pinot_pb_reader_init(pinot_pb_span span, const char * what) {
    pinot_pb_reader r = {span.data, span.data + span.size, what};
    return r;
}

/*
 * Read the next field. Returns PINOT_STATUS_OK with *has_field false at the end
 * of the message; PINOT_STATUS_PARSE_ERROR (message names the message and what
 * was wrong) for a truncated varint, a length past the end, field number 0, or a
 * group / unknown wire type.
 */
pinot_status pinot_pb_next(pinot_pb_reader * reader, pinot_pb_field * field, bool * has_field);

/* Decode one varint from [*pos, end); false when truncated or longer than 10 bytes. */
bool pinot_pb_read_varint(const uint8_t ** pos, const uint8_t * end, uint64_t * value);

/*
 * Repeated scalars arrive packed (one LEN field) or unpacked (one field per value);
 * both are accepted everywhere. Calls `fn(user, value)` for each value of
 * @p field, where @p fixed_size is 0 for varints, 4 or 8 for fixed-width values.
 * Returns PINOT_STATUS_PARSE_ERROR for a malformed packed payload or a wire type
 * that does not fit, or whatever fn returns.
 */
typedef pinot_status (*pinot_pb_value_fn)(void * user, uint64_t value);
pinot_status pinot_pb_for_each_scalar(const pinot_pb_reader * reader, const pinot_pb_field * field,
                                      uint32_t fixed_size, pinot_pb_value_fn fn, void * user);

/* Count the values a repeated-scalar field holds (for sizing before decoding). */
pinot_status pinot_pb_count_scalars(const pinot_pb_reader * reader, const pinot_pb_field * field,
                                    uint32_t fixed_size, uint64_t * count);

/* Reinterpretations of raw scalar bits. */
static inline float pinot_pb_as_float(uint64_t bits) {
    union {
        uint32_t u;
        float f;
    } v = {(uint32_t)bits};
    return v.f;
}

static inline double pinot_pb_as_double(uint64_t bits) {
    union {
        uint64_t u;
        double d;
    } v = {bits};
    return v.d;
}

#endif // PINOT_PROTOBUF_H

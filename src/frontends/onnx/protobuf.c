/* The protobuf wire reader: bounds-checked field iteration and repeated
 * scalars in packed or unpacked form. Input is untrusted: every length is
 * compared with what remains, and nothing is allocated. */
#include <string.h>

#include "frontends/onnx/protobuf.h"

bool pinot_pb_read_varint(const uint8_t ** pos, const uint8_t * end, uint64_t * value) {
    uint64_t result = 0;
    const uint8_t * p = *pos;
    for (unsigned shift = 0; shift < 70; shift += 7) {
        if (p >= end) {
            return false;
        }
        uint8_t byte = *p++;
        /* The 10th byte may carry only the top bit of a 64-bit value; extra bits are dropped as protobuf does. */
        result |= shift < 64 ? (uint64_t)(byte & 0x7F) << shift : 0;
        if ((byte & 0x80) == 0) {
            *pos = p;
            *value = result;
            return true;
        }
    }
    return false; /* more than 10 bytes */
}

static pinot_status parse_error(const pinot_pb_reader * reader, const char * what) {
    return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX %s: %s", reader->what, what);
}

static uint64_t read_le(const uint8_t * p, unsigned n) {
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

pinot_status pinot_pb_next(pinot_pb_reader * reader, pinot_pb_field * field, bool * has_field) {
    *has_field = false;
    if (reader->pos >= reader->end) {
        return PINOT_STATUS_OK;
    }
    uint64_t key;
    if (!pinot_pb_read_varint(&reader->pos, reader->end, &key)) {
        return parse_error(reader, "truncated field key");
    }
    uint64_t number = key >> 3;
    if (number == 0 || number > 0x1FFFFFFF) {
        return parse_error(reader, "invalid field number");
    }
    field->number = (uint32_t)number;
    field->wire = (enum pinot_pb_wire)(key & 7);
    field->value = 0;
    field->span = (pinot_pb_span){NULL, 0};
    uint64_t remaining = (uint64_t)(reader->end - reader->pos);
    switch (field->wire) {
    case PINOT_PB_VARINT:
        if (!pinot_pb_read_varint(&reader->pos, reader->end, &field->value)) {
            return parse_error(reader, "truncated varint");
        }
        break;
    case PINOT_PB_I64:
        if (remaining < 8) {
            return parse_error(reader, "truncated 64-bit value");
        }
        field->value = read_le(reader->pos, 8);
        reader->pos += 8;
        break;
    case PINOT_PB_I32:
        if (remaining < 4) {
            return parse_error(reader, "truncated 32-bit value");
        }
        field->value = read_le(reader->pos, 4);
        reader->pos += 4;
        break;
    case PINOT_PB_LEN: {
        uint64_t length;
        if (!pinot_pb_read_varint(&reader->pos, reader->end, &length)) {
            return parse_error(reader, "truncated length");
        }
        if (length > (uint64_t)(reader->end - reader->pos)) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                                   "failed to parse ONNX %s: field %u's length %llu runs past the end of the data "
                                   "(%llu bytes left)", reader->what, field->number, (unsigned long long)length,
                                   (unsigned long long)(reader->end - reader->pos));
        }
        field->span = (pinot_pb_span){reader->pos, length};
        reader->pos += length;
        break;
    }
    default:
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX %s: field %u has wire type %u, which "
                               "ONNX does not use", reader->what, field->number, (unsigned)field->wire);
    }
    *has_field = true;
    return PINOT_STATUS_OK;
}

pinot_status pinot_pb_for_each_scalar(const pinot_pb_reader * reader, const pinot_pb_field * field,
                                      uint32_t fixed_size, pinot_pb_value_fn fn, void * user) {
    enum pinot_pb_wire expected = fixed_size == 0 ? PINOT_PB_VARINT : fixed_size == 4 ? PINOT_PB_I32 : PINOT_PB_I64;
    if (field->wire == expected) {
        return fn(user, field->value);
    }
    if (field->wire != PINOT_PB_LEN) {
        return parse_error(reader, "a repeated scalar has the wrong wire type");
    }
    const uint8_t * p = field->span.data;
    const uint8_t * end = p + field->span.size;
    if (fixed_size != 0 && field->span.size % fixed_size != 0) {
        return parse_error(reader, "a packed fixed-width field's length is not a multiple of its element size");
    }
    while (p < end) {
        uint64_t value;
        if (fixed_size == 0) {
            if (!pinot_pb_read_varint(&p, end, &value)) {
                return parse_error(reader, "truncated varint in a packed field");
            }
        } else {
            value = read_le(p, fixed_size);
            p += fixed_size;
        }
        pinot_status status = fn(user, value);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status count_one(void * user, uint64_t value) {
    (void)value;
    (*(uint64_t *)user)++;
    return PINOT_STATUS_OK;
}

pinot_status pinot_pb_count_scalars(const pinot_pb_reader * reader, const pinot_pb_field * field,
                                    uint32_t fixed_size, uint64_t * count) {
    if (field->wire == PINOT_PB_LEN && fixed_size != 0) {
        if (field->span.size % fixed_size != 0) {
            return parse_error(reader, "a packed fixed-width field's length is not a multiple of its element size");
        }
        *count += field->span.size / fixed_size;
        return PINOT_STATUS_OK;
    }
    return pinot_pb_for_each_scalar(reader, field, fixed_size, count_one, count);
}

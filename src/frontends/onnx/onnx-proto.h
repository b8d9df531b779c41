/* The parsed form of an ONNX model: ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto and ValueInfoProto as plain C structs living in
 * one arena. Tensor payloads are not copied: a tensor keeps the span of its
 * TensorProto inside the (memory-mapped) file and is decoded on demand
 * (onnx-tensor.c). Only what inference needs is kept (FORMATS.md A.2). */
#ifndef PINOT_ONNX_PROTO_H
#define PINOT_ONNX_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/onnx/protobuf.h"
#include "pinot/shape.h"
#include "pinot/status.h"

/* A bump allocator; everything parsed from one file is freed at once. */
struct onnx_arena {
    struct onnx_arena_block * head;
};

void * onnx_arena_alloc(struct onnx_arena * arena, size_t size);
void onnx_arena_free(struct onnx_arena * arena);

enum onnx_data_type {
    ONNX_UNDEFINED = 0, ONNX_FLOAT = 1, ONNX_UINT8 = 2, ONNX_INT8 = 3, ONNX_UINT16 = 4, ONNX_INT16 = 5,
    ONNX_INT32 = 6, ONNX_INT64 = 7, ONNX_STRING = 8, ONNX_BOOL = 9, ONNX_FLOAT16 = 10, ONNX_DOUBLE = 11,
    ONNX_UINT32 = 12, ONNX_UINT64 = 13, ONNX_COMPLEX64 = 14, ONNX_COMPLEX128 = 15, ONNX_BFLOAT16 = 16,
    ONNX_FLOAT8E4M3FN = 17, ONNX_FLOAT8E4M3FNUZ = 18, ONNX_FLOAT8E5M2 = 19, ONNX_FLOAT8E5M2FNUZ = 20,
    ONNX_UINT4 = 21, ONNX_INT4 = 22, ONNX_FLOAT4E2M1 = 23, ONNX_FLOAT8E8M0 = 24, ONNX_UINT2 = 25, ONNX_INT2 = 26,
};

struct onnx_tensor {
    const char * name;
    int32_t data_type;
    uint32_t rank;
    int64_t dims[PINOT_MAX_RANK];
    pinot_pb_span message;   /* the whole TensorProto, re-read when decoding typed fields */
    bool has_raw_data;
    pinot_pb_span raw_data;
    bool external;           /* data_location == EXTERNAL or external_data present */
    const char * location;   /* external_data "location" (NULL if none) */
    uint64_t offset;         /* external_data "offset" */
    int64_t length;          /* external_data "length", -1 if absent */
};

enum onnx_attribute_type {
    ONNX_ATTR_UNDEFINED = 0, ONNX_ATTR_FLOAT = 1, ONNX_ATTR_INT = 2, ONNX_ATTR_STRING = 3, ONNX_ATTR_TENSOR = 4,
    ONNX_ATTR_GRAPH = 5, ONNX_ATTR_FLOATS = 6, ONNX_ATTR_INTS = 7, ONNX_ATTR_STRINGS = 8, ONNX_ATTR_TENSORS = 9,
    ONNX_ATTR_GRAPHS = 10, ONNX_ATTR_SPARSE_TENSOR = 11, ONNX_ATTR_SPARSE_TENSORS = 12, ONNX_ATTR_TYPE_PROTO = 13,
    ONNX_ATTR_TYPE_PROTOS = 14,
};

struct onnx_graph;

struct onnx_attribute {
    const char * name;
    const char * ref_attr_name; /* function bodies only */
    int32_t type;               /* onnx_attribute_type, inferred for IR 1 files */
    double f;
    int64_t i;
    pinot_pb_span s;
    struct onnx_tensor * t;
    struct onnx_graph * g;
    uint32_t n_floats, n_ints, n_strings, n_tensors, n_graphs;
    float * floats;
    int64_t * ints;
    pinot_pb_span * strings;
    struct onnx_tensor * tensors;
    struct onnx_graph ** graphs;
};

struct onnx_node {
    const char * name;
    const char * op_type;
    const char * domain; /* "" for ai.onnx */
    uint32_t n_inputs, n_outputs, n_attributes;
    const char ** inputs;  /* "" = omitted optional input */
    const char ** outputs; /* "" = unused optional output */
    struct onnx_attribute * attributes;
};

/* A dimension of a value's declared shape: static, named (dim_param) or unknown. */
struct onnx_dim {
    int64_t value; /* -1 when not static */
    const char * param;
};

struct onnx_value_info {
    const char * name;
    bool is_tensor;       /* a tensor, or an optional tensor (sequences and maps are not) */
    bool is_optional;     /* optional_type around a tensor_type: imported as the tensor, always present */
    int32_t elem_type;
    bool has_shape;       /* false: unknown rank */
    uint32_t rank;
    struct onnx_dim dims[PINOT_MAX_RANK];
};

struct onnx_graph {
    const char * name;
    uint32_t n_nodes, n_initializers, n_inputs, n_outputs, n_value_infos;
    struct onnx_node * nodes;
    struct onnx_tensor * initializers;
    struct onnx_value_info * inputs;
    struct onnx_value_info * outputs;
    struct onnx_value_info * value_infos;
};

struct onnx_opset {
    const char * domain;
    int64_t version;
};

struct onnx_model {
    int64_t ir_version;
    const char * producer_name;
    uint32_t n_opsets;
    struct onnx_opset * opsets;
    struct onnx_graph * graph;
    struct onnx_arena arena;
};

/*
 * Parse a ModelProto from @p data (which must outlive the model: tensors point
 * into it). Untrusted input: malformed data gives PINOT_STATUS_PARSE_ERROR with
 * a message naming the message and field; nesting is bounded.
 */
pinot_status onnx_model_parse(const uint8_t * data, uint64_t size, struct onnx_model ** out);
void onnx_model_free(struct onnx_model * model);

/* Parse a bare TensorProto (test-data .pb files) into @p tensor (strings in @p arena). */
pinot_status onnx_tensor_parse(pinot_pb_span span, struct onnx_arena * arena, struct onnx_tensor * tensor);

/* The imported version of @p domain ("" and "ai.onnx" are the same), or 0 if absent. */
int64_t onnx_model_opset(const struct onnx_model * model, const char * domain);

#endif // PINOT_ONNX_PROTO_H

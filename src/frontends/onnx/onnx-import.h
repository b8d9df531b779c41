/* ONNX graph -> Pinot graph: the import context the op translators use
 * (onnx-ops*.c, one table row per ONNX op). */
#ifndef PINOT_ONNX_IMPORT_H
#define PINOT_ONNX_IMPORT_H

#include "frontends/onnx/onnx-proto.h"
#include "pinot/model.h"

struct onnx_import;

/* Translate one node: `inputs` holds the node's inputs (node == NULL for an
 * omitted optional input, also past n_inputs up to 16); fill one output per
 * node output. Nodes created through onnx_make* are owned by the import. */
typedef pinot_status (*onnx_translate_fn)(struct onnx_import * ctx, const struct onnx_node * node,
                                          const pinot_output_ref * inputs, uint32_t n_inputs,
                                          pinot_output_ref * outputs);

struct onnx_op_entry {
    const char * domain;  /* "" = ai.onnx */
    const char * op_type;
    int64_t since;        /* first opset version this row handles */
    onnx_translate_fn fn;
    const char * target;  /* the Pinot op, for rows of the generic translators */
};

/* The translation table (onnx-ops.c), terminated by a row with op_type NULL. */
extern const struct onnx_op_entry onnx_ops[];

struct onnx_import {
    const struct onnx_model * model;
    const char * model_dir;
    int64_t opset;                   /* the default domain's version */
    const struct onnx_op_entry * row; /* the row being translated */
    const struct onnx_node * node;   /* the node being translated */
    struct onnx_value_map * values;  /* name -> output of the graph being imported */
    struct onnx_scope * scope;       /* that graph's scope (subgraphs see enclosing scopes' values) */
    const struct onnx_graph * graph; /* the graph being imported */
    pinot_node_t ** created;         /* every node made, released at the end */
    size_t n_created, cap_created;
    struct onnx_sequence * sequences; /* every sequence made, freed at the end */
    /* For sequence translators (onnx_sequence_translator): per node input the sequence bound
     * to it, or NULL (in[] then holds a null reference); per output a sequence the translator
     * made, bound instead of out[]. NULL for the other translators. */
    const struct onnx_sequence * const * seq_in;
    const struct onnx_sequence ** seq_out;
};

/* A sequence value: tensors whose number is known at import time. Pinot has no
 * sequence type, so sequences live only inside a graph, between the ops that take
 * them (onnx-ops-sequence.c): a graph output, a subgraph capture or any other
 * translator's input that is a sequence is an error. */
struct onnx_sequence {
    struct onnx_sequence * next; /* the import's list of them */
    pinot_dtype type;            /* the element type */
    uint32_t n;
    pinot_output_ref items[];
};

/* A sequence of @p n items (to fill), owned by the import. */
pinot_status onnx_sequence_new(struct onnx_import * ctx, pinot_dtype type, uint32_t n, struct onnx_sequence ** out);
/* Whether @p fn takes and makes sequences (onnx-ops-sequence.c). */
bool onnx_sequence_translator(onnx_translate_fn fn);

/* Create an op (newest opset semantics unless @p opset) from the current ONNX node, named after it. */
pinot_status onnx_make(struct onnx_import * ctx, const char * type_name, const pinot_output_ref * inputs, size_t n,
                       const pinot_attr * attrs, size_t n_attrs, pinot_output_ref * out);
/* Same, returning the node (for multi-output ops). */
pinot_status onnx_make_node(struct onnx_import * ctx, const char * type_name, const pinot_output_ref * inputs,
                            size_t n, const pinot_attr * attrs, size_t n_attrs, pinot_node_t ** out);
/* Create an If, Loop or TensorIterator over @p bodies (taken over, freed on failure too). */
struct pinot_bodies;
pinot_status onnx_make_control_flow(struct onnx_import * ctx, const char * type_name, const pinot_output_ref * inputs,
                                    size_t n, struct pinot_bodies * bodies, pinot_node_t ** out);
/* Constants. */
pinot_status onnx_const_i64(struct onnx_import * ctx, const int64_t * values, uint32_t n, bool scalar,
                            pinot_output_ref * out);
pinot_status onnx_const_f32(struct onnx_import * ctx, float value, pinot_output_ref * out);
/* A scalar constant of @p type holding @p value. */
pinot_status onnx_const_scalar(struct onnx_import * ctx, pinot_dtype type, double value, pinot_output_ref * out);
pinot_status onnx_const_tensor(struct onnx_import * ctx, pinot_tensor_t * value, pinot_output_ref * out);

/* Attribute lookup on the current node; false when absent. */
const struct onnx_attribute * onnx_attr(const struct onnx_node * node, const char * name);
int64_t onnx_attr_int(const struct onnx_node * node, const char * name, int64_t fallback);
double onnx_attr_float(const struct onnx_node * node, const char * name, double fallback);
/* The Pinot type of the ONNX type-code attribute @p name, @p fallback when it is absent; an
 * unsupported code is an error naming the node and the attribute. */
pinot_status onnx_attr_dtype(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                             pinot_dtype fallback, pinot_dtype * out);
/* String attribute into buf (fallback when absent). */
const char * onnx_attr_string(const struct onnx_node * node, const char * name, const char * fallback, char * buf,
                              size_t size);

/* An error naming the ONNX node: "failed to import ONNX node '<name>' (<op>-<opset>): ..." */
pinot_status onnx_error(struct onnx_import * ctx, pinot_status status, const char * fmt, ...) PINOT_PRINTF(3, 4);

/* A subgraph (If branch, Loop or Scan body) imported as a body model. Its
 * parameters are the graph's inputs, then one per outer-scope value the graph
 * reads (captured; Constants are shared instead). Body inputs without a
 * declared type take the given type and shape. */
struct onnx_body_input {
    pinot_dtype type;
    pinot_partial_shape shape; /* the parameter's shape */
    int64_t squeeze_axis;      /* >= 0: the graph sees the parameter with this axis squeezed (Scan slices) */
    bool use_declared;         /* prefer the graph's declared type and shape when present */
};

struct onnx_body {
    pinot_node_t ** parameters;  /* graph inputs, then captures */
    uint32_t n_inputs, n_captures;
    pinot_output_ref * captured; /* per capture: the outer value feeding it */
    pinot_output_ref * outputs;  /* the graph's outputs (translators may wrap them before building) */
    uint32_t n_outputs;
};

pinot_status onnx_import_body(struct onnx_import * ctx, const struct onnx_graph * g,
                              const struct onnx_body_input * inputs, uint32_t n_inputs, struct onnx_body * out);
/* The body model over body->outputs (as Results) and body->parameters. */
pinot_status onnx_body_build(struct onnx_import * ctx, const struct onnx_body * body, pinot_model_t ** out);
void onnx_body_release(struct onnx_body * body);

/* Inline subgraph @p g into the graph being imported: its inputs are bound to @p inputs,
 * its initializers and nodes are imported in a scope of their own that reads the enclosing
 * scopes' values directly, and @p outputs receive its outputs. The counts must match the graph's. */
pinot_status onnx_import_inline(struct onnx_import * ctx, const struct onnx_graph * g, const pinot_output_ref * inputs,
                                uint32_t n_inputs, pinot_output_ref * outputs, uint32_t n_outputs);

/* Import a parsed model (model_dir: folder for external data, or NULL). */
pinot_status onnx_import_model(const struct onnx_model * model, const char * model_dir, pinot_model_t ** out);

#endif // PINOT_ONNX_IMPORT_H

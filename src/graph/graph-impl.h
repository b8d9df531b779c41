/* The model graph's internals: nodes with typed outputs, inputs as (producer,
 * output index), tensor names, variables, models. Nodes are refcounted and
 * hold strong references to their producers; consumer lists are weak (a node
 * removes itself from its producers' lists when freed), so a graph is freed by
 * dropping the last references to its results and sinks. */
#ifndef PINOT_GRAPH_IMPL_H
#define PINOT_GRAPH_IMPL_H

#include <stdatomic.h>

#include "ops/op-impl.h"
#include "pinot/model.h"

/* A set of tensor names: sorted, unique, owned strings. */
struct pinot_names {
    char ** v;
    uint32_t n;
};

/* A consumer of an output: input `index` of `node` (weak). */
struct pinot_consumer {
    struct pinot_node * node;
    uint32_t index;
};

struct pinot_node_output {
    pinot_dtype type;
    pinot_partial_shape shape;
    struct pinot_names names;
    struct pinot_consumer * consumers;
    uint32_t n_consumers;
    uint32_t cap_consumers;
};

struct pinot_node_input {
    struct pinot_node * node; /* strong reference to the producer */
    uint32_t index;           /* which of its outputs */
};

/* A variable of a stateful model (ReadValue / Assign). */
struct pinot_variable {
    atomic_long refcount;
    char * id;
    pinot_dtype type;          /* DYNAMIC: taken from the initializer */
    pinot_partial_shape shape; /* dynamic rank: taken from the initializer */
};

/* ---- control flow (If, Loop, TensorIterator): bodies and their port maps ---- */

/* How an op input feeds a body Parameter (OpenVINO's input descriptions). */
typedef enum pinot_body_input_kind {
    PINOT_BODY_INPUT_INVARIANT, /* the same value every iteration */
    PINOT_BODY_INPUT_SLICED,    /* one part along `axis` per iteration */
    PINOT_BODY_INPUT_MERGED,    /* the input at iteration 0, then body result `result` of the previous one */
} pinot_body_input_kind;

struct pinot_body_input {
    pinot_body_input_kind kind;
    uint32_t input;     /* op input index */
    uint32_t parameter; /* body parameter index */
    uint32_t result;    /* MERGED: the back edge's body result index */
    /* SLICED: OpenVINO's slicing (negative start/end count from dim + 1, so
     * start -1, end 0, stride -1 walks the whole axis backwards). */
    int64_t axis, start, stride, part_size, end;
};

typedef enum pinot_body_output_kind {
    PINOT_BODY_OUTPUT_ITERATION, /* the body result's value at one iteration (-1: the last) */
    PINOT_BODY_OUTPUT_CONCAT,    /* every iteration's value concatenated along `axis` */
} pinot_body_output_kind;

struct pinot_body_output {
    pinot_body_output_kind kind;
    uint32_t result; /* body result index */
    uint32_t output; /* op output index */
    int64_t iteration;
    int64_t axis, start, stride, part_size, end; /* CONCAT: stride < 0 stores iterations in reverse */
};

struct pinot_body {
    struct pinot_model * model;
    struct pinot_body_input * inputs;
    uint32_t n_inputs;
    struct pinot_body_output * outputs;
    uint32_t n_outputs;
};

/* The bodies of a control-flow node, owned by it (deep-copied by clone). A
 * node field, like a Constant's value, rather than an attribute kind: attributes
 * are the values IR text and Python dicts carry, while bodies are whole models
 * with port maps that validate() re-infers and clone must copy deeply. */
struct pinot_bodies {
    uint32_t n;                   /* If: 2 (then, else); Loop, TensorIterator: 1 */
    uint32_t n_outputs;           /* the op's output count */
    struct pinot_body body[2];
    int64_t current_iteration;    /* Loop: body parameter taking the iteration number, -1: none */
    int64_t condition_result;     /* Loop: body result deciding whether to go on, -1: none (always) */
};

void pinot_bodies_free(struct pinot_bodies * bodies);
/* Deep copy: each body model is cloned. */
pinot_status pinot_bodies_clone(const struct pinot_bodies * src, struct pinot_bodies ** out);

/* Create an If, Loop or TensorIterator node over @p bodies, which it takes
 * over (freed on failure too). Validates like pinot_node_create. */
pinot_status pinot_node_create_control_flow(const char * type_name, const pinot_output_ref * inputs, size_t n_inputs,
                                            struct pinot_bodies * bodies, pinot_node_t ** out);

struct pinot_node {
    atomic_long refcount;
    pinot_op_type op;
    const struct pinot_op_impl * impl;
    uint32_t version;     /* op version (Softmax 1 or 8) */
    uint64_t id;          /* process-unique instance id */
    char * friendly_name; /* NULL: "<TypeName>_<id>" */

    uint32_t n_inputs;
    struct pinot_node_input * inputs;
    uint32_t n_outputs;
    struct pinot_node_output * outputs;

    void * attrs;                     /* impl->attrs_size bytes, described by impl->attrs */
    pinot_tensor_t * value;           /* Constant: its data (shared, read-only by convention) */
    struct pinot_variable * variable; /* ReadValue / Assign */
    pinot_layout layout;              /* Parameter: set_layout; empty otherwise */
    struct pinot_bodies * bodies;     /* If / Loop / TensorIterator: owned */
};

struct pinot_model {
    atomic_long refcount;
    uint64_t id;
    char * friendly_name; /* NULL: "Model<id>" */
    struct pinot_node ** parameters;
    uint32_t n_parameters;
    struct pinot_node ** results;
    uint32_t n_results;
    struct pinot_node ** sinks;
    uint32_t n_sinks;
    struct pinot_variable ** variables;
    uint32_t n_variables;
};

/* ---- creation internals (node.c, variable.c) ---- */

/* A node with its inputs linked (producers retained, consumers registered), one
 * output of dynamic type and rank, zeroed attributes. Not validated. */
struct pinot_node * pinot_node_alloc(pinot_op_type op, const struct pinot_op_impl * impl, uint32_t version,
                                     const pinot_output_ref * inputs, size_t n_inputs);

/* Append an input (control-flow nodes grow inputs as they are described); not validated. */
pinot_status pinot_node_append_input(struct pinot_node * node, pinot_output_ref value);

struct pinot_variable * pinot_variable_create(const char * id, pinot_dtype type, const pinot_partial_shape * shape);
struct pinot_variable * pinot_variable_retain(struct pinot_variable * variable);
void pinot_variable_release(struct pinot_variable * variable);

/* ---- helpers for op implementations (node.c) ---- */

/* Record an error naming the node: "failed to validate <Type> node '<name>': <message>". */
pinot_status pinot_node_error(const struct pinot_node * node, pinot_status status, const char * fmt, ...)
    PINOT_PRINTF(3, 4);

/* The same for errors found while a kernel runs: "failed to evaluate <Type> node '<name>': ...". */
pinot_status pinot_node_eval_error(const struct pinot_node * node, pinot_status status, const char * fmt, ...)
    PINOT_PRINTF(3, 4);

/* Type and shape of input @p i (its producer's output). */
pinot_dtype pinot_node_input_type(const struct pinot_node * node, uint32_t i);
const pinot_partial_shape * pinot_node_input_shape(const struct pinot_node * node, uint32_t i);

/* The value of input @p i when its producer is a Constant, else NULL. */
const pinot_tensor_t * pinot_node_input_value(const struct pinot_node * node, uint32_t i);

/* Read a Constant input of integer type as int64 values. Returns false (no
 * error recorded) when the input is not constant; records an error and returns
 * false with *status set when it is constant but not integral or too long. */
bool pinot_node_input_ints(const struct pinot_node * node, uint32_t i, int64_t * values, uint32_t max_values,
                           uint32_t * n_values, pinot_status * status);

/* Set the number of outputs (default: 1) before setting them; keeps names and consumers. */
pinot_status pinot_node_set_output_count(struct pinot_node * node, uint32_t n);

/* Set output @p i's element type and partial shape. */
void pinot_node_set_output(struct pinot_node * node, uint32_t i, pinot_dtype type, const pinot_partial_shape * shape);

/* The attribute struct of the node, typed: `const struct relu_attrs * a = PINOT_ATTRS(node, struct relu_attrs);` */
#define PINOT_ATTRS(node, type) ((const type *)(node)->attrs)

/* Normalize a possibly negative axis against @p rank (checks range; error names the node). */
pinot_status pinot_node_normalize_axis(const struct pinot_node * node, int64_t axis, int64_t rank, int64_t * out);

/* Run the node's reference kernel on @p inputs, creating its outputs (caller
 * frees them with pinot_tensor_free). Used by the executor and by tests. */
pinot_status pinot_node_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t ** outputs);

/* ---- attributes (attrs.c) ---- */

/* Fill a fresh attribute struct from generic values; unknown, duplicate, missing
 * required or unconvertible attributes are errors naming the op and attribute. */
pinot_status pinot_attrs_init(const struct pinot_op_impl * impl, uint32_t version, void * attrs,
                              const pinot_attr * values, size_t n);
/* Free what an attribute struct owns (strings). */
void pinot_attrs_release(const struct pinot_op_impl * impl, void * attrs);
/* Deep-copy an attribute struct. */
pinot_status pinot_attrs_copy(const struct pinot_op_impl * impl, void * dst, const void * src);
/* Parse IR text ("1,1", "numpy", "f32", "[1,?,3]") into one attribute field. */
pinot_status pinot_attr_parse_text(const struct pinot_attr_desc * desc, const char * text, void * field);
/* Print one attribute field as IR text; returns the length like snprintf. */
int pinot_attr_to_text(const struct pinot_attr_desc * desc, const void * field, char * buf, size_t size);

/* ---- graph utilities ---- */

/* All nodes reachable from the model's results and sinks, plus its parameters,
 * producers before consumers. The caller frees the array (not the nodes). */
pinot_status pinot_model_topological_order(const struct pinot_model * model, struct pinot_node *** nodes,
                                           uint32_t * n_nodes);

/* Re-run validate() on every node in topological order (after reshape). */
pinot_status pinot_model_validate(struct pinot_model * model);

#endif // PINOT_GRAPH_IMPL_H

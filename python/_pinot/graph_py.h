/* Extension-internal declarations of the graph and runtime classes: Node
 * (and op.Parameter / op.Constant / op.Result), Output / ConstOutput / Input
 * ports, Model, CompiledModel, InferRequest. */
#ifndef PINOT_GRAPH_PY_H
#define PINOT_GRAPH_PY_H

#include "pinot_py.h"

/* The graph classes' types; part of the module state (module.c traverses them). */
typedef struct pinot_py_graph_types {
    PyTypeObject * NodeType;
    PyTypeObject * ParameterType;
    PyTypeObject * ConstantType;
    PyTypeObject * ResultType;
    PyTypeObject * OutputType;
    PyTypeObject * ConstOutputType;
    PyTypeObject * InputType;
    PyTypeObject * ModelType;
    PyTypeObject * CompiledModelType;
    PyTypeObject * InferRequestType;
} pinot_py_graph_types;

pinot_py_graph_types * pinot_py_graph_types_get(void);

typedef struct {
    PyObject_HEAD
    pinot_node_t * node;
    PyObject * dict; /* instance attributes Python code may set */
} pinot_py_node_object;

/* Output, ConstOutput and Input: a port of a node. */
typedef struct {
    PyObject_HEAD
    pinot_node_t * node;
    uint32_t index;
    PyObject * dict;
} pinot_py_port_object;

typedef struct {
    PyObject_HEAD
    pinot_model_t * model;
    PyObject * dict;
} pinot_py_model_object;

typedef struct {
    PyObject_HEAD
    pinot_compiled_model_t * compiled;
    PyObject * dict;
} pinot_py_compiled_model_object;

typedef struct {
    PyObject_HEAD
    pinot_infer_request_t * request;
    PyObject * compiled; /* the CompiledModel object (kept alive) */
    PyObject * dict;
    PyObject * callback;       /* set_callback's function, or NULL */
    PyObject * userdata;       /* set_callback's / start_async's userdata, or NULL */
    PyObject * callback_error; /* str: what the callback raised, re-raised by wait() */
} pinot_py_infer_request_object;

/* False once the interpreter is shutting down (set by an atexit hook):
 * worker threads then never touch Python, since taking the GIL during
 * finalization would end or hang them. */
bool pinot_py_runtime_alive(void);
PyObject * pinot_py_runtime_at_exit(PyObject * module, PyObject * unused);
/* Waits for @p request with the GIL released, in slices, so Ctrl-C is seen.
 * Returns 0 with *status, or -1 with KeyboardInterrupt (or another signal error) set. */
int pinot_py_wait_request(pinot_infer_request_t * request, int64_t timeout_ms, pinot_status * status);
int pinot_py_async_queue_register(PyObject * module);

int pinot_py_node_register(PyObject * module, pinot_py_graph_types * types);
int pinot_py_port_register(PyObject * module, pinot_py_graph_types * types);
int pinot_py_model_register(PyObject * module, pinot_py_graph_types * types);
int pinot_py_runtime_register(PyObject * module, pinot_py_graph_types * types);

/* New Python objects over C handles (the node is retained; the right subclass is chosen). */
PyObject * pinot_py_node_new(pinot_node_t * node);
/* A node just created: named @p name (None/NULL: unnamed), wrapped, and our reference dropped
 * (freed on failure). */
PyObject * pinot_py_wrap_new_node(pinot_node_t * node, PyObject * name);
/* kind: 'O' Output, 'C' ConstOutput, 'I' Input. */
PyObject * pinot_py_port_new(pinot_node_t * node, uint32_t index, char kind);

/* Ports of a model: its inputs (Parameter outputs) or outputs (Results' sources); kind 'O' or 'C'. */
PyObject * pinot_py_model_ports(const pinot_model_t * model, bool inputs, char kind);
/* A Python model object of @p type over @p model (stolen). */
PyObject * pinot_py_model_wrap(PyTypeObject * type, pinot_model_t * model);

/* "O&" converter: Output, ConstOutput or a single-output Node -> pinot_output_ref (borrowed node). */
int pinot_py_convert_output(PyObject * obj, void * out);

/* Module-level functions implemented in node.c (added to the module's method table). */
PyObject * pinot_py_create_node(PyObject * module, PyObject * args);
/* control_flow.c: what the If / Loop / TensorIterator builders call. */
PyObject * pinot_py_cf_create(PyObject * module, PyObject * args);
PyObject * pinot_py_cf_get_body(PyObject * module, PyObject * args);
PyObject * pinot_py_cf_set_body(PyObject * module, PyObject * args);
PyObject * pinot_py_cf_add_input_value(PyObject * module, PyObject * args);
PyObject * pinot_py_cf_add_body_input(PyObject * module, PyObject * args);
PyObject * pinot_py_cf_add_body_output(PyObject * module, PyObject * args);
PyObject * pinot_py_cf_set_special_ports(PyObject * module, PyObject * args);
PyObject * pinot_py_create_constant(PyObject * module, PyObject * args);

#endif // PINOT_GRAPH_PY_H

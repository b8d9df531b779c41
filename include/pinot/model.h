/* Nodes and models: build a graph of OpenVINO ops (the newest opset
 * semantics), name its tensors, and wrap it in a model with parameters,
 * results and sinks. Nodes and models are refcounted. */
#ifndef PINOT_MODEL_H
#define PINOT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pinot/element_type.h"
#include "pinot/layout.h"
#include "pinot/shape.h"
#include "pinot/status.h"
#include "pinot/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pinot_node pinot_node_t;
typedef struct pinot_model pinot_model_t;

/* An output port: output `index` of `node`. */
typedef struct pinot_output_ref {
    pinot_node_t * node;
    uint32_t index;
} pinot_output_ref;

/* A generic attribute value, for creating nodes from any front end. */
typedef enum pinot_attr_value_kind {
    PINOT_ATTR_VALUE_BOOL,
    PINOT_ATTR_VALUE_INT,
    PINOT_ATTR_VALUE_FLOAT,
    PINOT_ATTR_VALUE_STRING, /* also: enum spellings, type names, shapes and lists as IR text */
    PINOT_ATTR_VALUE_INTS,
    PINOT_ATTR_VALUE_FLOATS,
    PINOT_ATTR_VALUE_STRINGS,
    PINOT_ATTR_VALUE_TYPE,
    PINOT_ATTR_VALUE_SHAPE,
} pinot_attr_value_kind;

typedef struct pinot_attr {
    const char * name;
    pinot_attr_value_kind kind;
    union {
        bool b;
        int64_t i;
        double f;
        const char * s;
        struct {
            const int64_t * v;
            size_t n;
        } ints;
        struct {
            const double * v;
            size_t n;
        } floats;
        struct {
            const char * const * v;
            size_t n;
        } strings;
        pinot_dtype type;
        const pinot_partial_shape * shape;
    } value;
} pinot_attr;

/* ---- nodes ---- */

/**
 * @brief Create an op node, validating it and inferring its output types and shapes.
 * @param type_name  OpenVINO op type ("Add", "Convolution"); IR aliases accepted.
 * @param opset      opset number the op comes from (selects the op version, e.g.
 *                   Softmax-1 in opset1..7, Softmax-8 from opset8); 0 for the newest.
 * @param inputs     the producers of the node's inputs, in order.
 * @param attrs      attributes by OpenVINO name; omitted ones take their defaults.
 * @return PINOT_STATUS_UNSUPPORTED_OP for an unknown op or version,
 *         PINOT_STATUS_INVALID_ARGUMENT for bad attributes, inputs, types or shapes.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_create(const char * type_name, uint32_t opset,
                                                         const pinot_output_ref * inputs, size_t n_inputs,
                                                         const pinot_attr * attrs, size_t n_attrs,
                                                         pinot_node_t ** out);

/** @brief A Parameter (model input) of the given type and shape. */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_create_parameter(pinot_dtype type, const pinot_partial_shape * shape,
                                                                   pinot_node_t ** out);

/** @brief A Constant holding @p value (retained, not copied: do not modify it afterwards). */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_create_constant(pinot_tensor_t * value, pinot_node_t ** out);

PINOT_API pinot_node_t * pinot_node_retain(pinot_node_t * node);
/** @brief Drop a reference; NULL is a no-op. */
PINOT_API void pinot_node_free(pinot_node_t * node);

PINOT_API const char * pinot_node_get_type_name(const pinot_node_t * node);
PINOT_API uint32_t pinot_node_get_version(const pinot_node_t * node);
PINOT_API uint64_t pinot_node_get_instance_id(const pinot_node_t * node);

/** @brief Friendly name; writes "<Type>_<id>" when none was set. Returns the length like snprintf. */
PINOT_API int pinot_node_get_friendly_name(const pinot_node_t * node, char * buf, size_t size);
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_friendly_name(pinot_node_t * node, const char * name);

PINOT_API uint32_t pinot_node_get_input_count(const pinot_node_t * node);
/** @brief The producer of input @p index. */
PINOT_API pinot_output_ref pinot_node_get_input(const pinot_node_t * node, uint32_t index);
/**
 * @brief Point input @p index at another producer and re-validate the node.
 * @return PINOT_STATUS_INVALID_ARGUMENT when out of range or when the node no longer validates.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_input(pinot_node_t * node, uint32_t index, pinot_output_ref source);

PINOT_API uint32_t pinot_node_get_output_count(const pinot_node_t * node);
PINOT_API pinot_dtype pinot_node_get_output_type(const pinot_node_t * node, uint32_t index);
PINOT_API const pinot_partial_shape * pinot_node_get_output_shape(const pinot_node_t * node, uint32_t index);

/** @brief Consumers of output @p index: fills up to @p max entries, returns how many there are. */
PINOT_API uint32_t pinot_node_get_output_consumers(const pinot_node_t * node, uint32_t index,
                                                   pinot_output_ref * consumers, uint32_t max);

/* Tensor names of an output (a sorted set). */
PINOT_API uint32_t pinot_node_get_output_name_count(const pinot_node_t * node, uint32_t index);
PINOT_API const char * pinot_node_get_output_name(const pinot_node_t * node, uint32_t index, uint32_t name_index);
/** @brief Replace the output's names with @p names (duplicates ignored). */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_output_names(pinot_node_t * node, uint32_t index,
                                                                   const char * const * names, size_t n);
PINOT_API PINOT_NODISCARD pinot_status pinot_node_add_output_names(pinot_node_t * node, uint32_t index,
                                                                   const char * const * names, size_t n);

/** @brief A Constant's value (borrowed), or NULL for other ops. */
PINOT_API pinot_tensor_t * pinot_node_get_constant_value(const pinot_node_t * node);

/** @brief Attribute @p name as IR text ("1,1", "numpy"). Returns the length like snprintf, -1 if absent. */
PINOT_API int pinot_node_get_attribute_text(const pinot_node_t * node, const char * name, char * buf, size_t size);
/**
 * @brief How attribute @p name is typed (ENUM, TYPE and SHAPE attributes report
 *        PINOT_ATTR_VALUE_STRING: their IR text is their value).
 * @return false when the node has no such attribute.
 */
PINOT_API bool pinot_node_get_attribute_kind(const pinot_node_t * node, const char * name,
                                             pinot_attr_value_kind * kind);

/** @brief Names of the op's attributes (NULL past the end). */
PINOT_API const char * pinot_node_get_attribute_name(const pinot_node_t * node, uint32_t index);

/** @brief A Parameter's layout (empty for other ops). */
PINOT_API const pinot_layout * pinot_node_get_layout(const pinot_node_t * node);
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_layout(pinot_node_t * node, const pinot_layout * layout);

/**
 * @brief Change a Parameter's type and shape (downstream nodes are re-validated by
 *        pinot_model_validate, not here).
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_parameter(pinot_node_t * node, pinot_dtype type,
                                                                const pinot_partial_shape * shape);

/* ---- models ---- */

/**
 * @brief A model over the given results, sinks (Assign nodes) and parameters. Every
 *        Parameter reachable from the results must be listed.
 * @return PINOT_STATUS_INVALID_ARGUMENT when a result is not a Result node, a parameter is
 *         not a Parameter, or a reachable Parameter is missing.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_model_create(pinot_node_t * const * results, size_t n_results,
                                                          pinot_node_t * const * sinks, size_t n_sinks,
                                                          pinot_node_t * const * parameters, size_t n_parameters,
                                                          const char * name, pinot_model_t ** out);

PINOT_API pinot_model_t * pinot_model_retain(pinot_model_t * model);
PINOT_API void pinot_model_free(pinot_model_t * model);

/** @brief A deep copy: new nodes, same Constant data (shared, immutable). */
PINOT_API PINOT_NODISCARD pinot_status pinot_model_clone(const pinot_model_t * model, pinot_model_t ** out);

PINOT_API uint32_t pinot_model_get_parameter_count(const pinot_model_t * model);
PINOT_API pinot_node_t * pinot_model_get_parameter(const pinot_model_t * model, uint32_t index);
PINOT_API uint32_t pinot_model_get_result_count(const pinot_model_t * model);
PINOT_API pinot_node_t * pinot_model_get_result(const pinot_model_t * model, uint32_t index);
PINOT_API uint32_t pinot_model_get_sink_count(const pinot_model_t * model);
PINOT_API pinot_node_t * pinot_model_get_sink(const pinot_model_t * model, uint32_t index);

/* Variables of a stateful model (ReadValue/Assign), by id. */
PINOT_API uint32_t pinot_model_get_variable_count(const pinot_model_t * model);
PINOT_API const char * pinot_model_get_variable_id(const pinot_model_t * model, uint32_t index);

PINOT_API int pinot_model_get_friendly_name(const pinot_model_t * model, char * buf, size_t size);
PINOT_API PINOT_NODISCARD pinot_status pinot_model_set_friendly_name(pinot_model_t * model, const char * name);

/** @brief Any parameter or result has a dynamic shape. */
PINOT_API bool pinot_model_is_dynamic(const pinot_model_t * model);

/**
 * @brief Nodes in topological order (parameters and constants included).
 *        Fills up to @p max, returns the total count.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_model_get_ordered_ops(const pinot_model_t * model, pinot_node_t ** nodes,
                                                                   uint32_t max, uint32_t * count);

/**
 * @brief Set new shapes on parameters and re-infer the whole graph. On failure the
 *        model keeps its previous shapes.
 * @param parameters indices of the parameters to change; @p shapes their new shapes.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_model_reshape(pinot_model_t * model, const uint32_t * parameters,
                                                           const pinot_partial_shape * shapes, size_t n);

/** @brief Append results (already built Result nodes). */
PINOT_API PINOT_NODISCARD pinot_status pinot_model_add_results(pinot_model_t * model, pinot_node_t * const * results,
                                                               size_t n);

/* ---- control flow: If-8, Loop-5, TensorIterator-1, built step by step as in OpenVINO ---- */

/** How a node port maps to a body port. */
typedef enum pinot_body_port_kind {
    PINOT_BODY_PORT_INVARIANT, /* input: the same value every iteration */
    PINOT_BODY_PORT_SLICED,    /* input: one part along `axis` per iteration */
    PINOT_BODY_PORT_MERGED,    /* input: the value at iteration 0, then `back_edge` result of the previous one */
    PINOT_BODY_PORT_ITERATION, /* output: the result at `iteration` (-1: the last) */
    PINOT_BODY_PORT_CONCAT,    /* output: every iteration's result concatenated along `axis` */
    PINOT_BODY_PORT_KIND_COUNT
} pinot_body_port_kind;

typedef struct pinot_body_port {
    pinot_body_port_kind kind;
    uint32_t port;      /* inputs: the node's input index */
    uint32_t body_port; /* the body parameter (inputs) or result (outputs) index */
    uint32_t back_edge; /* MERGED: the body result feeding the next iteration */
    int64_t iteration;  /* ITERATION */
    int64_t axis, start, stride, part_size, end; /* SLICED and CONCAT, OpenVINO's meaning */
} pinot_body_port;

/**
 * @brief An If (@p inputs: the condition), Loop (trip count, execution condition)
 *        or TensorIterator (none) node without bodies or outputs yet.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_create_multi_subgraph(const char * type_name,
                                                                        const pinot_output_ref * inputs, size_t n,
                                                                        pinot_node_t ** out);
/** @brief Bodies of a control-flow node (If: 2, Loop and TensorIterator: 1; 0 for other nodes). */
PINOT_API uint32_t pinot_node_get_body_count(const pinot_node_t * node);
/** @brief Body @p index (borrowed; NULL when not set). */
PINOT_API pinot_model_t * pinot_node_get_body(const pinot_node_t * node, uint32_t index);
/** @brief Set body @p index (retained). */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_body(pinot_node_t * node, uint32_t index, pinot_model_t * body);
/** @brief Append @p value as a new input of the node; *index receives its input index. */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_add_body_input_value(pinot_node_t * node, pinot_output_ref value,
                                                                       uint32_t * index);
/** @brief Describe how input port->port feeds a parameter of body @p body. */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_add_body_input(pinot_node_t * node, uint32_t body,
                                                                 const pinot_body_port * port);
/**
 * @brief Add one node output fed by body results: @p ports[i] describes it for body
 *        @p bodies[i]. Validates the node; *index receives the new output index.
 */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_add_body_output(pinot_node_t * node, const uint32_t * bodies,
                                                                  const pinot_body_port * ports, size_t n,
                                                                  uint32_t * index);
/** @brief Loop's special body ports: the iteration-number parameter and the condition result (-1: none). */
PINOT_API PINOT_NODISCARD pinot_status pinot_node_set_special_body_ports(pinot_node_t * node,
                                                                         int64_t current_iteration,
                                                                         int64_t condition_result);

#ifdef __cplusplus
}
#endif

#endif // PINOT_MODEL_H

/* Importing an ONNX graph: graph inputs become Parameters (dim_param ->
 * dynamic dimensions), initializers Constants, each node is translated by
 * its table row (onnx-ops.c) for the model's opset, value names become tensor
 * names, graph outputs Results. Errors name the ONNX node, op and opset.
 * Subgraphs (If/Loop/Scan bodies) are imported in their own scope: a name
 * not bound there is looked up in the enclosing scopes and becomes an extra
 * body Parameter (a capture) that the control-flow node feeds from outside.
 * Subgraphs applied elementwise (FlexAttention's score_mod) are inlined
 * instead: their nodes join the enclosing graph and read its values directly.
 * A name may also be bound to a sequence (struct onnx_sequence), which only
 * the sequence translators take (onnx-ops-sequence.c).
 * Not here yet: model-local functions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-tensor.h"
#include "graph/graph-impl.h"

/* ---- name -> output map ---- */

/* A tensor (ref) or, when seq is set, a sequence. */
struct onnx_value {
    pinot_output_ref ref;
    const struct onnx_sequence * seq;
};

struct onnx_value_map {
    const char ** keys;
    struct onnx_value * values;
    size_t cap, n;
};

static uint64_t hash_string(const char * s) {
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h = (h ^ (uint8_t)*s++) * 1099511628211ULL;
    }
    return h;
}

static bool map_grow(struct onnx_value_map * map) {
    size_t cap = map->cap ? map->cap * 2 : 256;
    const char ** keys = calloc(cap, sizeof(*keys));
    struct onnx_value * values = calloc(cap, sizeof(*values));
    if (keys == NULL || values == NULL) {
        free(keys);
        free(values);
        return false;
    }
    for (size_t i = 0; i < map->cap; i++) {
        if (map->keys[i] != NULL) {
            size_t j = hash_string(map->keys[i]) & (cap - 1);
            while (keys[j] != NULL) {
                j = (j + 1) & (cap - 1);
            }
            keys[j] = map->keys[i];
            values[j] = map->values[i];
        }
    }
    free(map->keys);
    free(map->values);
    map->keys = keys;
    map->values = values;
    map->cap = cap;
    return true;
}

static const struct onnx_value * map_find(const struct onnx_value_map * map, const char * key) {
    if (map->cap == 0) {
        return NULL;
    }
    size_t j = hash_string(key) & (map->cap - 1);
    while (map->keys[j] != NULL) {
        if (strcmp(map->keys[j], key) == 0) {
            return &map->values[j];
        }
        j = (j + 1) & (map->cap - 1);
    }
    return NULL;
}

/* Binds @p key (arena-owned string) to @p value; later bindings win, as ONNX names are SSA. */
static bool map_put(struct onnx_value_map * map, const char * key, struct onnx_value value) {
    if ((map->n + 1) * 2 > map->cap && !map_grow(map)) {
        return false;
    }
    size_t j = hash_string(key) & (map->cap - 1);
    while (map->keys[j] != NULL && strcmp(map->keys[j], key) != 0) {
        j = (j + 1) & (map->cap - 1);
    }
    if (map->keys[j] == NULL) {
        map->n++;
    }
    map->keys[j] = key;
    map->values[j] = value;
    return true;
}

/* ---- scopes ---- */

/* One graph's names; subgraphs capture what they read from enclosing scopes. */
struct onnx_scope {
    struct onnx_value_map map;
    struct onnx_scope * parent;
    const char ** capture_names;   /* arena-owned */
    pinot_node_t ** capture_params;
    pinot_output_ref * capture_outer;
    uint32_t n_captures, cap_captures;
    bool inlined; /* an inlined subgraph (onnx_import_inline): outer values are used as they are, names not given */
};

static pinot_status keep(struct onnx_import * ctx, pinot_node_t * node);

static pinot_status add_capture(struct onnx_scope * scope, const char * name, pinot_node_t * param,
                                pinot_output_ref outer) {
    if (scope->n_captures == scope->cap_captures) {
        uint32_t cap = scope->cap_captures ? scope->cap_captures * 2 : 8;
        const char ** names = realloc(scope->capture_names, sizeof(*names) * cap);
        if (names != NULL) {
            scope->capture_names = names;
        }
        pinot_node_t ** params = realloc(scope->capture_params, sizeof(*params) * cap);
        if (params != NULL) {
            scope->capture_params = params;
        }
        pinot_output_ref * outer_refs = realloc(scope->capture_outer, sizeof(*outer_refs) * cap);
        if (outer_refs != NULL) {
            scope->capture_outer = outer_refs;
        }
        if (names == NULL || params == NULL || outer_refs == NULL) {
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        }
        scope->cap_captures = cap;
    }
    scope->capture_names[scope->n_captures] = name;
    scope->capture_params[scope->n_captures] = param;
    scope->capture_outer[scope->n_captures] = outer;
    scope->n_captures++;
    return PINOT_STATUS_OK;
}

/* The value of @p name seen from @p scope: bound there, or captured from an
 * enclosing scope (each scope on the way captures it, so nested bodies get it
 * through their parents). Sets *found false when no scope binds it. */
static pinot_status resolve(struct onnx_import * ctx, struct onnx_scope * scope, const char * name,
                            struct onnx_value * out, bool * found) {
    const struct onnx_value * bound = map_find(&scope->map, name);
    if (bound != NULL) {
        *out = *bound;
        *found = true;
        return PINOT_STATUS_OK;
    }
    *found = false;
    if (scope->parent == NULL) {
        return PINOT_STATUS_OK;
    }
    struct onnx_value outer_value;
    pinot_status status = resolve(ctx, scope->parent, name, &outer_value, found);
    if (status != PINOT_STATUS_OK || !*found) {
        return status;
    }
    if (scope->inlined) {
        /* The subgraph's nodes live in the enclosing graph: no capture. */
        *out = outer_value;
        return PINOT_STATUS_OK;
    }
    if (outer_value.seq != NULL) {
        /* A body model has no way to take a sequence. */
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                          "value '%s' is a sequence; sequences are supported only inside a graph, and subgraph "
                          "'%s' reads it from the enclosing graph",
                          name, ctx->graph != NULL ? ctx->graph->name : "");
    }
    pinot_output_ref outer = outer_value.ref, ref = outer;
    if (strcmp(pinot_node_get_type_name(outer.node), "Constant") != 0) {
        /* A Parameter of the outer value's type and shape, fed by the control-flow node. */
        pinot_node_t * param = NULL;
        status = pinot_node_create_parameter(pinot_node_get_output_type(outer.node, outer.index),
                                             pinot_node_get_output_shape(outer.node, outer.index), &param);
        if (status == PINOT_STATUS_OK) {
            status = pinot_node_set_friendly_name(param, name);
            if (status == PINOT_STATUS_OK) {
                status = keep(ctx, param);
            } else {
                pinot_node_free(param);
            }
        }
        if (status == PINOT_STATUS_OK) {
            status = add_capture(scope, name, param, outer);
        }
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        ref = (pinot_output_ref){param, 0};
    }
    *out = (struct onnx_value){ref, NULL};
    if (!map_put(&scope->map, name, *out)) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    return PINOT_STATUS_OK;
}

/* ---- helpers for translators ---- */

pinot_status onnx_sequence_new(struct onnx_import * ctx, pinot_dtype type, uint32_t n, struct onnx_sequence ** out) {
    struct onnx_sequence * seq = calloc(1, sizeof(*seq) + sizeof(seq->items[0]) * n);
    if (seq == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    seq->type = type;
    seq->n = n;
    seq->next = ctx->sequences;
    ctx->sequences = seq;
    *out = seq;
    return PINOT_STATUS_OK;
}

pinot_status onnx_attr_dtype(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                             pinot_dtype fallback, pinot_dtype * out) {
    const struct onnx_attribute * attr = onnx_attr(node, name);
    if (attr == NULL) {
        *out = fallback;
        return PINOT_STATUS_OK;
    }
    pinot_status status = onnx_dtype_to_pinot((int32_t)attr->i, out);
    if (status != PINOT_STATUS_OK) {
        char message[512];
        snprintf(message, sizeof(message), "%s", pinot_last_error_message());
        return onnx_error(ctx, status, "%s: %s", name, message);
    }
    return PINOT_STATUS_OK;
}

pinot_status onnx_error(struct onnx_import * ctx, pinot_status status, const char * fmt, ...) {
    char message[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    const struct onnx_node * node = ctx->node;
    if (node == NULL) {
        return pinot_set_error(status, "failed to import ONNX model: %s", message);
    }
    char name[64];
    if (node->name[0] == '\0') {
        /* Unnamed nodes are common: name it by its position in the graph. */
        snprintf(name, sizeof(name), "#%td", node - (ctx->graph != NULL ? ctx->graph : ctx->model->graph)->nodes);
    }
    char where[300] = "";
    if (ctx->graph != NULL && ctx->graph != ctx->model->graph) {
        snprintf(where, sizeof(where), " in subgraph '%s'", ctx->graph->name);
    }
    return pinot_set_error(status, "failed to import ONNX node '%s'%s (%s%s%s, opset %lld): %s",
                           node->name[0] != '\0' ? node->name : name, where, node->domain, node->domain[0] ? "." : "",
                           node->op_type, (long long)ctx->opset, message);
}

static pinot_status keep(struct onnx_import * ctx, pinot_node_t * node) {
    if (ctx->n_created == ctx->cap_created) {
        size_t cap = ctx->cap_created ? ctx->cap_created * 2 : 256;
        pinot_node_t ** grown = realloc(ctx->created, sizeof(*grown) * cap);
        if (grown == NULL) {
            pinot_node_free(node);
            return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        }
        ctx->created = grown;
        ctx->cap_created = cap;
    }
    ctx->created[ctx->n_created++] = node;
    return PINOT_STATUS_OK;
}

/* A node just created with @p status: on success named after the ONNX node and
 * kept by the import; on failure the error names the ONNX node. */
static pinot_status adopt(struct onnx_import * ctx, pinot_status status, pinot_node_t * node, pinot_node_t ** out) {
    if (status != PINOT_STATUS_OK) {
        char message[768];
        snprintf(message, sizeof(message), "%s", pinot_last_error_message());
        return onnx_error(ctx, status, "%s", message);
    }
    if (ctx->node != NULL && ctx->node->name[0] != '\0' &&
        pinot_node_set_friendly_name(node, ctx->node->name) != PINOT_STATUS_OK) {
        pinot_node_free(node);
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    status = keep(ctx, node);
    if (status == PINOT_STATUS_OK) {
        *out = node;
    }
    return status;
}

pinot_status onnx_make_node(struct onnx_import * ctx, const char * type_name, const pinot_output_ref * inputs,
                            size_t n, const pinot_attr * attrs, size_t n_attrs, pinot_node_t ** out) {
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create(type_name, 0, inputs, n, attrs, n_attrs, &node);
    return adopt(ctx, status, node, out);
}

pinot_status onnx_make_control_flow(struct onnx_import * ctx, const char * type_name, const pinot_output_ref * inputs,
                                    size_t n, struct pinot_bodies * bodies, pinot_node_t ** out) {
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create_control_flow(type_name, inputs, n, bodies, &node);
    return adopt(ctx, status, node, out);
}

pinot_status onnx_make(struct onnx_import * ctx, const char * type_name, const pinot_output_ref * inputs, size_t n,
                       const pinot_attr * attrs, size_t n_attrs, pinot_output_ref * out) {
    pinot_node_t * node = NULL;
    pinot_status status = onnx_make_node(ctx, type_name, inputs, n, attrs, n_attrs, &node);
    if (status == PINOT_STATUS_OK) {
        *out = (pinot_output_ref){node, 0};
    }
    return status;
}

pinot_status onnx_const_tensor(struct onnx_import * ctx, pinot_tensor_t * value, pinot_output_ref * out) {
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create_constant(value, &node);
    if (status == PINOT_STATUS_OK) {
        status = keep(ctx, node);
    }
    if (status == PINOT_STATUS_OK) {
        *out = (pinot_output_ref){node, 0};
    }
    return status;
}

pinot_status onnx_const_i64(struct onnx_import * ctx, const int64_t * values, uint32_t n, bool scalar,
                            pinot_output_ref * out) {
    pinot_shape shape = {.rank = scalar ? 0 : 1, .dims = {n}};
    pinot_tensor_t * t = NULL;
    pinot_status status = pinot_tensor_create(PINOT_DTYPE_I64, &shape, &t);
    if (status == PINOT_STATUS_OK) {
        if (n > 0) {
            memcpy(pinot_tensor_get_data(t), values, sizeof(int64_t) * n);
        }
        status = onnx_const_tensor(ctx, t, out);
        pinot_tensor_free(t);
    }
    return status;
}

pinot_status onnx_const_scalar(struct onnx_import * ctx, pinot_dtype type, double value, pinot_output_ref * out) {
    pinot_shape shape = {.rank = 0};
    pinot_tensor_t * t = NULL;
    pinot_status status = pinot_tensor_create(type, &shape, &t);
    if (status == PINOT_STATUS_OK) {
        void * data = pinot_tensor_get_data(t);
        switch (type) {
        case PINOT_DTYPE_F32: *(float *)data = (float)value; break;
        case PINOT_DTYPE_F64: *(double *)data = value; break;
        case PINOT_DTYPE_F16: *(uint16_t *)data = pinot_f32_to_f16((float)value); break;
        case PINOT_DTYPE_BF16: *(uint16_t *)data = pinot_f32_to_bf16((float)value); break;
        case PINOT_DTYPE_I64: *(int64_t *)data = (int64_t)value; break;
        case PINOT_DTYPE_I32: *(int32_t *)data = (int32_t)value; break;
        case PINOT_DTYPE_I16: *(int16_t *)data = (int16_t)value; break;
        case PINOT_DTYPE_I8: *(int8_t *)data = (int8_t)value; break;
        case PINOT_DTYPE_U8: *(uint8_t *)data = (uint8_t)value; break;
        case PINOT_DTYPE_U16: *(uint16_t *)data = (uint16_t)value; break;
        case PINOT_DTYPE_U32: *(uint32_t *)data = (uint32_t)value; break;
        case PINOT_DTYPE_U64: *(uint64_t *)data = (uint64_t)value; break;
        case PINOT_DTYPE_BOOLEAN: *(uint8_t *)data = value != 0; break;
        default:
            pinot_tensor_free(t);
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "no scalar constant of type %s",
                              pinot_dtype_name(type));
        }
        status = onnx_const_tensor(ctx, t, out);
        pinot_tensor_free(t);
    }
    return status;
}

pinot_status onnx_const_f32(struct onnx_import * ctx, float value, pinot_output_ref * out) {
    return onnx_const_scalar(ctx, PINOT_DTYPE_F32, value, out);
}

const struct onnx_attribute * onnx_attr(const struct onnx_node * node, const char * name) {
    for (uint32_t i = 0; i < node->n_attributes; i++) {
        if (strcmp(node->attributes[i].name, name) == 0) {
            return &node->attributes[i];
        }
    }
    return NULL;
}

int64_t onnx_attr_int(const struct onnx_node * node, const char * name, int64_t fallback) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    return a != NULL ? a->i : fallback;
}

double onnx_attr_float(const struct onnx_node * node, const char * name, double fallback) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    return a != NULL ? a->f : fallback;
}

const char * onnx_attr_string(const struct onnx_node * node, const char * name, const char * fallback, char * buf,
                              size_t size) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    if (a == NULL) {
        return fallback;
    }
    size_t n = a->s.size < size - 1 ? (size_t)a->s.size : size - 1;
    memcpy(buf, a->s.data, n);
    buf[n] = '\0';
    return buf;
}

/* ---- the graph ---- */

static const struct onnx_op_entry * find_row(const struct onnx_node * node, int64_t opset) {
    const struct onnx_op_entry * best = NULL;
    for (const struct onnx_op_entry * row = onnx_ops; row->op_type != NULL; row++) {
        if (strcmp(row->op_type, node->op_type) == 0 && strcmp(row->domain, node->domain) == 0 &&
            row->since <= opset && (best == NULL || row->since > best->since)) {
            best = row;
        }
    }
    return best;
}

static pinot_status name_output(struct onnx_import * ctx, pinot_output_ref out, const char * name) {
    /* Names local to an inlined subgraph may clash with the enclosing graph's: they name nothing. */
    if (name[0] == '\0' || ctx->scope->inlined) {
        return PINOT_STATUS_OK;
    }
    const char * names[] = {name};
    return pinot_node_add_output_names(out.node, out.index, names, 1);
}

/* A Parameter for a graph input; @p fallback (may be NULL) gives the type and
 * shape of a subgraph input, used when none is declared or when it asks to. */
static pinot_status make_parameter(struct onnx_import * ctx, const struct onnx_value_info * info,
                                   const struct onnx_body_input * fallback, pinot_output_ref * out) {
    pinot_dtype type = PINOT_DTYPE_DYNAMIC;
    pinot_partial_shape shape;
    bool declared = info->is_tensor && info->elem_type != 0;
    if (fallback != NULL && (!declared || !fallback->use_declared)) {
        type = fallback->type;
        shape = fallback->shape;
    } else {
        if (!info->is_tensor) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "graph input '%s' is a sequence or map (or an optional one), which is not supported", info->name);
        }
        pinot_status status = onnx_dtype_to_pinot(info->elem_type, &type);
        if (status != PINOT_STATUS_OK) {
            char message[512];
            snprintf(message, sizeof(message), "%s", pinot_last_error_message());
            return onnx_error(ctx, status, "graph input '%s': %s", info->name, message);
        }
        pinot_partial_shape_dynamic(&shape, info->has_shape ? (int32_t)info->rank : -1);
        for (uint32_t i = 0; info->has_shape && i < info->rank; i++) {
            shape.dims[i] = info->dims[i].value >= 0 ? pinot_dim_static(info->dims[i].value) : pinot_dim_dynamic();
        }
        if (fallback != NULL && !info->has_shape) {
            shape = fallback->shape;
        }
    }
    pinot_node_t * node = NULL;
    pinot_status status = pinot_node_create_parameter(type, &shape, &node);
    if (status == PINOT_STATUS_OK && info->name[0] != '\0') {
        status = pinot_node_set_friendly_name(node, info->name);
    }
    if (status == PINOT_STATUS_OK) {
        status = keep(ctx, node);
    } else {
        pinot_node_free(node);
    }
    if (status == PINOT_STATUS_OK) {
        *out = (pinot_output_ref){node, 0};
    }
    return status;
}

static pinot_status bind(struct onnx_import * ctx, const char * name, pinot_output_ref ref) {
    if (!map_put(ctx->values, name, (struct onnx_value){ref, NULL})) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    return PINOT_STATUS_OK;
}

static pinot_status bind_sequence(struct onnx_import * ctx, const char * name, const struct onnx_sequence * seq) {
    if (!map_put(ctx->values, name, (struct onnx_value){{NULL, 0}, seq})) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    return PINOT_STATUS_OK;
}

/* Initializers become named Constants. */
static pinot_status import_initializers(struct onnx_import * ctx, const struct onnx_graph * g) {
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < g->n_initializers && status == PINOT_STATUS_OK; i++) {
        const struct onnx_tensor * t = &g->initializers[i];
        pinot_tensor_t * value = NULL;
        pinot_output_ref ref;
        status = onnx_tensor_decode(t, ctx->model_dir, &value);
        if (status == PINOT_STATUS_OK) {
            status = onnx_const_tensor(ctx, value, &ref);
            pinot_tensor_free(value);
        }
        if (status == PINOT_STATUS_OK) {
            status = name_output(ctx, ref, t->name);
            if (status == PINOT_STATUS_OK && t->name[0] != '\0' && !ctx->scope->inlined) {
                status = pinot_node_set_friendly_name(ref.node, t->name);
            }
        }
        if (status == PINOT_STATUS_OK) {
            status = bind(ctx, t->name, ref);
        }
    }
    return status;
}

/* Nodes, in file order (the spec requires topological order; a missing
 * input is reported by name). */
static pinot_status import_nodes(struct onnx_import * ctx, const struct onnx_graph * g) {
    pinot_status status = PINOT_STATUS_OK;
    /* Nested imports (subgraphs a translator imports) come back with the caller's sequence slots. */
    const struct onnx_sequence * const * saved_seq_in = ctx->seq_in;
    const struct onnx_sequence ** saved_seq_out = ctx->seq_out;
    for (uint32_t i = 0; i < g->n_nodes && status == PINOT_STATUS_OK; i++) {
        const struct onnx_node * node = &g->nodes[i];
        pinot_output_ref inputs[64] = {{NULL, 0}};
        pinot_output_ref outputs[64] = {{NULL, 0}};
        const struct onnx_sequence * seq_inputs[64] = {NULL};
        const struct onnx_sequence * seq_outputs[64] = {NULL};
        ctx->node = node;
        int64_t opset = onnx_model_opset(ctx->model, node->domain);
        if (opset <= 0) {
            ctx->opset = 0;
            status = onnx_error(ctx, PINOT_STATUS_PARSE_ERROR, "the model imports no opset for domain '%s'",
                                node->domain[0] ? node->domain : "ai.onnx");
            break;
        }
        const struct onnx_op_entry * row = find_row(node, opset);
        if (row == NULL) {
            status = onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_OP, "op %s%s%s version %lld is not supported",
                                node->domain, node->domain[0] ? "." : "", node->op_type, (long long)opset);
            break;
        }
        if (node->n_inputs > 64 || node->n_outputs > 64) {
            status = onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "more than 64 inputs or outputs");
            break;
        }
        ctx->opset = opset;
        bool takes_sequences = onnx_sequence_translator(row->fn);
        for (uint32_t k = 0; k < node->n_inputs && status == PINOT_STATUS_OK; k++) {
            if (node->inputs[k][0] == '\0') {
                continue; /* omitted optional input */
            }
            bool found = false;
            struct onnx_value value;
            status = resolve(ctx, ctx->scope, node->inputs[k], &value, &found);
            if (status == PINOT_STATUS_OK && !found) {
                status = onnx_error(ctx, PINOT_STATUS_PARSE_ERROR, "input %u '%s' refers to no value", k,
                                    node->inputs[k]);
            } else if (status == PINOT_STATUS_OK && value.seq != NULL && !takes_sequences) {
                status = onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                    "value '%s' is a sequence; sequences are supported only inside a graph, as "
                                    "inputs of the sequence ops (input %u of %s takes a tensor)",
                                    node->inputs[k], k, node->op_type);
            }
            inputs[k] = value.ref;
            seq_inputs[k] = value.seq;
        }
        if (status != PINOT_STATUS_OK) {
            break;
        }
        ctx->row = row;
        ctx->seq_in = takes_sequences ? seq_inputs : NULL;
        ctx->seq_out = takes_sequences ? seq_outputs : NULL;
        status = row->fn(ctx, node, inputs, node->n_inputs, outputs);
        ctx->seq_in = saved_seq_in;
        ctx->seq_out = saved_seq_out;
        /* A translator that imported a subgraph moved these; put them back. */
        ctx->node = node;
        ctx->row = row;
        ctx->opset = opset;
        for (uint32_t k = 0; k < node->n_outputs && status == PINOT_STATUS_OK; k++) {
            if (node->outputs[k][0] == '\0') {
                continue;
            }
            if (seq_outputs[k] != NULL) {
                status = bind_sequence(ctx, node->outputs[k], seq_outputs[k]);
                continue;
            }
            if (outputs[k].node == NULL) {
                status = onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "output %u '%s' is not produced", k,
                                    node->outputs[k]);
                break;
            }
            status = name_output(ctx, outputs[k], node->outputs[k]);
            if (status == PINOT_STATUS_OK) {
                status = bind(ctx, node->outputs[k], outputs[k]);
            }
        }
    }
    ctx->node = NULL;
    ctx->seq_in = saved_seq_in;
    ctx->seq_out = saved_seq_out;
    return status;
}

/* Result nodes over @p outputs, named after the graph's outputs. */
static pinot_status make_results(struct onnx_import * ctx, const struct onnx_graph * g,
                                 const pinot_output_ref * outputs, pinot_node_t ** results) {
    for (uint32_t i = 0; i < g->n_outputs; i++) {
        pinot_node_t * result = NULL;
        pinot_status status = pinot_node_create("Result", 0, &outputs[i], 1, NULL, 0, &result);
        if (status == PINOT_STATUS_OK) {
            char name[512];
            snprintf(name, sizeof(name), "%s/sink_port_0", g->outputs[i].name);
            status = pinot_node_set_friendly_name(result, name);
            if (status == PINOT_STATUS_OK) {
                status = keep(ctx, result);
            } else {
                pinot_node_free(result);
            }
        }
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        results[i] = result;
    }
    return PINOT_STATUS_OK;
}

/* The values of the graph's outputs. */
static pinot_status find_outputs(struct onnx_import * ctx, const struct onnx_graph * g, pinot_output_ref * outputs) {
    for (uint32_t i = 0; i < g->n_outputs; i++) {
        bool found = false;
        struct onnx_value value;
        pinot_status status = resolve(ctx, ctx->scope, g->outputs[i].name, &value, &found);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
        if (!found) {
            return onnx_error(ctx, PINOT_STATUS_PARSE_ERROR, "output '%s' of graph '%s' is produced by no node",
                              g->outputs[i].name, g->name);
        }
        if (value.seq != NULL) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "value '%s' is a sequence; sequences are supported only inside a graph, not as an "
                              "output of graph '%s'",
                              g->outputs[i].name, g->name);
        }
        outputs[i] = value.ref;
    }
    return PINOT_STATUS_OK;
}

static pinot_status import_graph(struct onnx_import * ctx, const struct onnx_graph * g, pinot_model_t ** out) {
    pinot_status status = PINOT_STATUS_OK;
    pinot_node_t ** parameters = calloc((size_t)g->n_inputs + 1, sizeof(*parameters));
    pinot_node_t ** results = calloc((size_t)g->n_outputs + 1, sizeof(*results));
    pinot_output_ref * outputs = calloc((size_t)g->n_outputs + 1, sizeof(*outputs));
    uint32_t n_parameters = 0;
    if (parameters == NULL || results == NULL || outputs == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        goto cleanup;
    }
    ctx->graph = g;
    /* Initializers first: an input with an initializer is a constant here. */
    status = import_initializers(ctx, g);
    for (uint32_t i = 0; i < g->n_inputs && status == PINOT_STATUS_OK; i++) {
        const struct onnx_value_info * info = &g->inputs[i];
        if (map_find(ctx->values, info->name) != NULL) {
            continue;
        }
        pinot_output_ref ref;
        status = make_parameter(ctx, info, NULL, &ref);
        if (status == PINOT_STATUS_OK) {
            status = name_output(ctx, ref, info->name);
        }
        if (status == PINOT_STATUS_OK) {
            status = bind(ctx, info->name, ref);
        }
        if (status == PINOT_STATUS_OK) {
            parameters[n_parameters++] = ref.node;
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = import_nodes(ctx, g);
    }
    if (status == PINOT_STATUS_OK) {
        status = find_outputs(ctx, g, outputs);
    }
    if (status == PINOT_STATUS_OK) {
        status = make_results(ctx, g, outputs, results);
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_create(results, g->n_outputs, NULL, 0, parameters, n_parameters, g->name, out);
    }
cleanup:
    free(parameters);
    free(results);
    free(outputs);
    return status;
}

/* ---- subgraphs ---- */

void onnx_body_release(struct onnx_body * body) {
    free(body->parameters);
    free(body->captured);
    free(body->outputs);
    memset(body, 0, sizeof(*body));
}

pinot_status onnx_import_body(struct onnx_import * ctx, const struct onnx_graph * g,
                              const struct onnx_body_input * inputs, uint32_t n_inputs, struct onnx_body * out) {
    memset(out, 0, sizeof(*out));
    if (g == NULL) {
        return onnx_error(ctx, PINOT_STATUS_PARSE_ERROR, "the subgraph attribute is missing");
    }
    if (g->n_inputs != n_inputs) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "subgraph '%s' has %u inputs, expected %u", g->name,
                          g->n_inputs, n_inputs);
    }
    /* Save the enclosing graph's state: the subgraph gets its own scope. */
    struct onnx_import saved = *ctx;
    struct onnx_scope scope = {.parent = ctx->scope};
    ctx->scope = &scope;
    ctx->values = &scope.map;
    ctx->graph = g;
    pinot_status status = PINOT_STATUS_OK;
    out->parameters = calloc((size_t)g->n_inputs + 1, sizeof(*out->parameters));
    out->outputs = calloc((size_t)g->n_outputs + 1, sizeof(*out->outputs));
    if (out->parameters == NULL || out->outputs == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    for (uint32_t i = 0; i < g->n_inputs && status == PINOT_STATUS_OK; i++) {
        const struct onnx_value_info * info = &g->inputs[i];
        pinot_output_ref ref;
        status = make_parameter(ctx, info, &inputs[i], &ref);
        if (status != PINOT_STATUS_OK) {
            break;
        }
        out->parameters[out->n_inputs++] = ref.node;
        if (inputs[i].squeeze_axis >= 0) {
            /* Scan bodies see one slice without its scan axis. */
            pinot_output_ref axes;
            status = onnx_const_i64(ctx, &inputs[i].squeeze_axis, 1, false, &axes);
            if (status == PINOT_STATUS_OK) {
                pinot_output_ref args[2] = {ref, axes};
                status = onnx_make(ctx, "Squeeze", args, 2, NULL, 0, &ref);
            }
        }
        if (status == PINOT_STATUS_OK) {
            status = name_output(ctx, ref, info->name);
        }
        if (status == PINOT_STATUS_OK) {
            status = bind(ctx, info->name, ref);
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = import_initializers(ctx, g);
    }
    if (status == PINOT_STATUS_OK) {
        status = import_nodes(ctx, g);
    }
    if (status == PINOT_STATUS_OK) {
        status = find_outputs(ctx, g, out->outputs);
        out->n_outputs = g->n_outputs;
    }
    if (status == PINOT_STATUS_OK && scope.n_captures > 0) {
        pinot_node_t ** grown = realloc(out->parameters, sizeof(*grown) * (out->n_inputs + scope.n_captures));
        out->captured = malloc(sizeof(*out->captured) * scope.n_captures);
        if (grown != NULL) {
            out->parameters = grown;
        }
        if (grown == NULL || out->captured == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
        } else {
            for (uint32_t c = 0; c < scope.n_captures; c++) {
                out->parameters[out->n_inputs + c] = scope.capture_params[c];
                out->captured[c] = scope.capture_outer[c];
            }
            out->n_captures = scope.n_captures;
        }
    }
    free(scope.map.keys);
    free(scope.map.values);
    free(scope.capture_names);
    free(scope.capture_params);
    free(scope.capture_outer);
    /* Restore the enclosing graph's state, keeping the nodes created meanwhile. */
    ctx->scope = saved.scope;
    ctx->values = saved.values;
    ctx->graph = saved.graph;
    ctx->node = saved.node;
    ctx->row = saved.row;
    ctx->opset = saved.opset;
    if (status != PINOT_STATUS_OK) {
        onnx_body_release(out);
    }
    return status;
}

pinot_status onnx_import_inline(struct onnx_import * ctx, const struct onnx_graph * g, const pinot_output_ref * inputs,
                                uint32_t n_inputs, pinot_output_ref * outputs, uint32_t n_outputs) {
    if (g == NULL) {
        return onnx_error(ctx, PINOT_STATUS_PARSE_ERROR, "the subgraph attribute is missing");
    }
    if (g->n_inputs != n_inputs || g->n_outputs != n_outputs) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                          "subgraph '%s' has %u inputs and %u outputs, expected %u and %u", g->name, g->n_inputs,
                          g->n_outputs, n_inputs, n_outputs);
    }
    /* Its own scope (its names must not leak out), reading the enclosing scopes directly. */
    struct onnx_import saved = *ctx;
    struct onnx_scope scope = {.parent = ctx->scope, .inlined = true};
    ctx->scope = &scope;
    ctx->values = &scope.map;
    ctx->graph = g;
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < n_inputs && status == PINOT_STATUS_OK; i++) {
        status = bind(ctx, g->inputs[i].name, inputs[i]);
    }
    if (status == PINOT_STATUS_OK) {
        status = import_initializers(ctx, g);
    }
    if (status == PINOT_STATUS_OK) {
        status = import_nodes(ctx, g);
    }
    if (status == PINOT_STATUS_OK) {
        status = find_outputs(ctx, g, outputs);
    }
    free(scope.map.keys);
    free(scope.map.values);
    ctx->scope = saved.scope;
    ctx->values = saved.values;
    ctx->graph = saved.graph;
    ctx->node = saved.node;
    ctx->row = saved.row;
    ctx->opset = saved.opset;
    return status;
}

pinot_status onnx_body_build(struct onnx_import * ctx, const struct onnx_body * body, pinot_model_t ** out) {
    pinot_node_t ** results = calloc((size_t)body->n_outputs + 1, sizeof(*results));
    if (results == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
    }
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < body->n_outputs && status == PINOT_STATUS_OK; i++) {
        status = pinot_node_create("Result", 0, &body->outputs[i], 1, NULL, 0, &results[i]);
        if (status == PINOT_STATUS_OK) {
            status = keep(ctx, results[i]);
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_create(results, body->n_outputs, NULL, 0, body->parameters,
                                    body->n_inputs + body->n_captures, NULL, out);
    }
    free(results);
    return status;
}

pinot_status onnx_import_model(const struct onnx_model * model, const char * model_dir, pinot_model_t ** out) {
    struct onnx_scope root = {0};
    struct onnx_import ctx = {.model = model, .model_dir = model_dir, .values = &root.map, .scope = &root};
    /* A model may import only other domains (ai.onnx.ml, ai.onnx.preview.training): then the
     * default opset is absent (0) and only nodes of a default-domain op are an error. */
    ctx.opset = onnx_model_opset(model, "");
    pinot_status status = import_graph(&ctx, model->graph, out);
    for (size_t i = 0; i < ctx.n_created; i++) {
        pinot_node_free(ctx.created[i]);
    }
    while (ctx.sequences != NULL) {
        struct onnx_sequence * next = ctx.sequences->next;
        free(ctx.sequences);
        ctx.sequences = next;
    }
    free(ctx.created);
    free(root.map.keys);
    free(root.map.values);
    return status;
}

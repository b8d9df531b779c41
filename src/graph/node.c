/* Nodes: creation through the op registry (attributes, validation and shape
 * inference), ports, tensor names, consumers, and the helpers op
 * implementations use in validate(). Freeing is iterative, so long chains of
 * nodes never recurse deeply. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"

static atomic_ullong next_instance_id = 1;

/* ---- names ---- */

static void names_clear(struct pinot_names * names) {
    for (uint32_t i = 0; i < names->n; i++) {
        free(names->v[i]);
    }
    free(names->v);
    names->v = NULL;
    names->n = 0;
}

static int compare_strings(const void * a, const void * b) {
    return strcmp(*(char * const *)a, *(char * const *)b);
}

/* Adds @p name to the sorted set (no-op if present). */
static pinot_status names_add(struct pinot_names * names, const char * name) {
    for (uint32_t i = 0; i < names->n; i++) {
        if (strcmp(names->v[i], name) == 0) {
            return PINOT_STATUS_OK;
        }
    }
    char ** grown = realloc(names->v, sizeof(char *) * (names->n + 1));
    if (grown == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory adding tensor name");
    }
    names->v = grown;
    size_t len = strlen(name);
    char * copy = malloc(len + 1);
    if (copy == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory adding tensor name");
    }
    memcpy(copy, name, len + 1);
    names->v[names->n++] = copy;
    qsort(names->v, names->n, sizeof(char *), compare_strings);
    return PINOT_STATUS_OK;
}

/* ---- consumers ---- */

/* Consumer lists are the only state a node shares with nodes built or freed
 * elsewhere: a graph may be freed on one thread (e.g. a compiled model, without
 * the GIL) while another builds on a node it shares. One lock guards them all;
 * graph edits are not a hot path. */
static pthread_mutex_t consumers_lock = PTHREAD_MUTEX_INITIALIZER;

static pinot_status consumer_add(struct pinot_node_output * out, struct pinot_node * node, uint32_t index) {
    pthread_mutex_lock(&consumers_lock);
    pinot_status status = PINOT_STATUS_OK;
    if (out->n_consumers == out->cap_consumers) {
        uint32_t cap = out->cap_consumers ? out->cap_consumers * 2 : 4;
        struct pinot_consumer * grown = realloc(out->consumers, sizeof(*grown) * cap);
        if (grown == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory linking nodes");
        } else {
            out->consumers = grown;
            out->cap_consumers = cap;
        }
    }
    if (status == PINOT_STATUS_OK) {
        out->consumers[out->n_consumers++] = (struct pinot_consumer){node, index};
    }
    pthread_mutex_unlock(&consumers_lock);
    return status;
}

static void consumer_remove(struct pinot_node_output * out, const struct pinot_node * node, uint32_t index) {
    pthread_mutex_lock(&consumers_lock);
    for (uint32_t i = 0; i < out->n_consumers; i++) {
        if (out->consumers[i].node == node && out->consumers[i].index == index) {
            out->consumers[i] = out->consumers[--out->n_consumers];
            break;
        }
    }
    pthread_mutex_unlock(&consumers_lock);
}

/* ---- lifetime ---- */

static void node_destroy_one(struct pinot_node * node, struct pinot_node *** pending, size_t * n_pending,
                             size_t * cap_pending) {
    for (uint32_t i = 0; i < node->n_inputs; i++) {
        struct pinot_node * producer = node->inputs[i].node;
        if (producer == NULL) {
            continue;
        }
        consumer_remove(&producer->outputs[node->inputs[i].index], node, i);
        if (atomic_fetch_sub_explicit(&producer->refcount, 1, memory_order_acq_rel) == 1) {
            if (*n_pending == *cap_pending) {
                size_t cap = *cap_pending ? *cap_pending * 2 : 16;
                struct pinot_node ** grown = realloc(*pending, sizeof(*grown) * cap);
                if (grown == NULL) {
                    continue; /* leak rather than recurse without bound */
                }
                *pending = grown;
                *cap_pending = cap;
            }
            (*pending)[(*n_pending)++] = producer;
        }
    }
    for (uint32_t i = 0; i < node->n_outputs; i++) {
        names_clear(&node->outputs[i].names);
        free(node->outputs[i].consumers);
    }
    if (node->attrs != NULL) {
        pinot_attrs_release(node->impl, node->attrs);
        free(node->attrs);
    }
    pinot_tensor_free(node->value);
    pinot_variable_release(node->variable);
    pinot_bodies_free(node->bodies);
    free(node->friendly_name);
    free(node->inputs);
    free(node->outputs);
    free(node);
}

void pinot_node_free(pinot_node_t * node) {
    if (node == NULL || atomic_fetch_sub_explicit(&node->refcount, 1, memory_order_acq_rel) != 1) {
        return;
    }
    struct pinot_node ** pending = NULL;
    size_t n_pending = 0, cap_pending = 0;
    node_destroy_one(node, &pending, &n_pending, &cap_pending);
    while (n_pending > 0) {
        node_destroy_one(pending[--n_pending], &pending, &n_pending, &cap_pending);
    }
    free(pending);
}

pinot_node_t * pinot_node_retain(pinot_node_t * node) {
    atomic_fetch_add_explicit(&node->refcount, 1, memory_order_relaxed);
    return node;
}

struct pinot_node * pinot_node_alloc(pinot_op_type op, const struct pinot_op_impl * impl, uint32_t version,
                                     const pinot_output_ref * inputs, size_t n_inputs) {
    struct pinot_node * node = calloc(1, sizeof(*node));
    if (node == NULL) {
        return NULL;
    }
    atomic_init(&node->refcount, 1);
    node->op = op;
    node->impl = impl;
    node->version = version;
    node->id = atomic_fetch_add(&next_instance_id, 1);
    pinot_layout_init(&node->layout);
    node->outputs = calloc(1, sizeof(*node->outputs));
    node->inputs = n_inputs > 0 ? calloc(n_inputs, sizeof(*node->inputs)) : NULL;
    node->attrs = impl->attrs_size > 0 ? calloc(1, impl->attrs_size) : NULL;
    if (node->outputs == NULL || (n_inputs > 0 && node->inputs == NULL) ||
        (impl->attrs_size > 0 && node->attrs == NULL)) {
        free(node->outputs);
        free(node->inputs);
        free(node->attrs);
        free(node);
        return NULL;
    }
    node->n_outputs = 1;
    node->outputs[0].type = PINOT_DTYPE_DYNAMIC;
    pinot_partial_shape_dynamic(&node->outputs[0].shape, -1);
    for (size_t i = 0; i < n_inputs; i++) {
        node->inputs[i].node = pinot_node_retain(inputs[i].node);
        node->inputs[i].index = inputs[i].index;
        node->n_inputs = (uint32_t)i + 1;
        if (consumer_add(&inputs[i].node->outputs[inputs[i].index], node, (uint32_t)i) != PINOT_STATUS_OK) {
            pinot_node_free(node);
            return NULL;
        }
    }
    return node;
}

pinot_status pinot_node_append_input(struct pinot_node * node, pinot_output_ref value) {
    if (value.node == NULL || value.index >= value.node->n_outputs) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to add an input to %s node: no such output",
                               node->impl->type_name);
    }
    struct pinot_node_input * grown = realloc(node->inputs, sizeof(*grown) * (node->n_inputs + 1));
    if (grown == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory adding an input");
    }
    node->inputs = grown;
    pinot_status status = consumer_add(&value.node->outputs[value.index], node, node->n_inputs);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    node->inputs[node->n_inputs++] = (struct pinot_node_input){pinot_node_retain(value.node), value.index};
    return PINOT_STATUS_OK;
}

static pinot_status check_inputs(const struct pinot_op_impl * impl, const pinot_output_ref * inputs,
                                 size_t n_inputs) {
    if (n_inputs < impl->min_inputs || n_inputs > impl->max_inputs) {
        if (impl->min_inputs == impl->max_inputs) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create %s node: it takes %u inputs (got %zu)",
                                   impl->type_name, impl->min_inputs, n_inputs);
        }
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to create %s node: it takes %u to %u inputs (got %zu)", impl->type_name,
                               impl->min_inputs, impl->max_inputs, n_inputs);
    }
    for (size_t i = 0; i < n_inputs; i++) {
        if (inputs[i].node == NULL || inputs[i].index >= inputs[i].node->n_outputs) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to create %s node: input %zu refers to no output", impl->type_name, i);
        }
    }
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_create(const char * type_name, uint32_t opset, const pinot_output_ref * inputs,
                               size_t n_inputs, const pinot_attr * attrs, size_t n_attrs, pinot_node_t ** out) {
    pinot_op_type op = pinot_op_from_name(type_name);
    const struct pinot_op_impl * impl = pinot_op_get_impl(op);
    if (impl == NULL) {
        return pinot_set_error(PINOT_STATUS_UNSUPPORTED_OP, "unsupported op type '%s'", type_name);
    }
    uint32_t version = pinot_op_version_in_opset(impl, opset);
    if (version == 0) {
        return pinot_set_error(PINOT_STATUS_UNSUPPORTED_OP, "op %s is not part of opset%u", impl->type_name, opset);
    }
    if (op == PINOT_OP_CONSTANT) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to create Constant node: use pinot_node_create_constant");
    }
    pinot_status status = check_inputs(impl, inputs, n_inputs);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    struct pinot_node * node = pinot_node_alloc(op, impl, version, inputs, n_inputs);
    if (node == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating %s node", impl->type_name);
    }
    if (impl->attrs_size > 0 || n_attrs > 0) {
        status = pinot_attrs_init(impl, version, node->attrs, attrs, n_attrs);
        if (status != PINOT_STATUS_OK) {
            char message[1024];
            snprintf(message, sizeof(message), "%s", pinot_last_error_message());
            pinot_set_error(status, "failed to create %s node: %s", impl->type_name, message);
            free(node->attrs);
            node->attrs = NULL; /* pinot_attrs_init released what it filled */
            pinot_node_free(node);
            return status;
        }
    }
    status = impl->validate(node);
    if (status != PINOT_STATUS_OK) {
        pinot_node_free(node);
        return status;
    }
    *out = node;
    return PINOT_STATUS_OK;
}

/* ---- validate() helpers ---- */

pinot_status pinot_node_error(const struct pinot_node * node, pinot_status status, const char * fmt, ...) {
    char name[256], message[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    pinot_node_get_friendly_name(node, name, sizeof(name));
    return pinot_set_error(status, "failed to validate %s node '%s': %s", node->impl->type_name, name, message);
}

pinot_status pinot_node_eval_error(const struct pinot_node * node, pinot_status status, const char * fmt, ...) {
    char name[256], message[768];
    va_list args;
    va_start(args, fmt);
    vsnprintf(message, sizeof(message), fmt, args);
    va_end(args);
    pinot_node_get_friendly_name(node, name, sizeof(name));
    return pinot_set_error(status, "failed to evaluate %s node '%s': %s", node->impl->type_name, name, message);
}

pinot_dtype pinot_node_input_type(const struct pinot_node * node, uint32_t i) {
    const struct pinot_node_input * in = &node->inputs[i];
    return in->node->outputs[in->index].type;
}

const pinot_partial_shape * pinot_node_input_shape(const struct pinot_node * node, uint32_t i) {
    const struct pinot_node_input * in = &node->inputs[i];
    return &in->node->outputs[in->index].shape;
}

const pinot_tensor_t * pinot_node_input_value(const struct pinot_node * node, uint32_t i) {
    if (i >= node->n_inputs) {
        return NULL;
    }
    const struct pinot_node * producer = node->inputs[i].node;
    return producer->op == PINOT_OP_CONSTANT ? producer->value : NULL;
}

bool pinot_node_input_ints(const struct pinot_node * node, uint32_t i, int64_t * values, uint32_t max_values,
                           uint32_t * n_values, pinot_status * status) {
    const pinot_tensor_t * value = pinot_node_input_value(node, i);
    *status = PINOT_STATUS_OK;
    if (value == NULL) {
        return false;
    }
    pinot_dtype type = pinot_tensor_get_type(value);
    const pinot_dtype_info * info = pinot_dtype_get_info(type);
    if (info->is_real || type == PINOT_DTYPE_STRING || type == PINOT_DTYPE_BOOLEAN || pinot_dtype_is_packed(type)) {
        *status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "input %u must be integral (got %s)", i,
                                   info->name);
        return false;
    }
    uint64_t count = pinot_tensor_get_size(value);
    if (count > max_values) {
        *status = pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                   "input %u has too many values (got %llu, at most %u)", i,
                                   (unsigned long long)count, max_values);
        return false;
    }
    const void * data = pinot_tensor_get_data(value);
    for (uint64_t k = 0; k < count; k++) {
        switch (type) {
        case PINOT_DTYPE_I8: values[k] = ((const int8_t *)data)[k]; break;
        case PINOT_DTYPE_I16: values[k] = ((const int16_t *)data)[k]; break;
        case PINOT_DTYPE_I32: values[k] = ((const int32_t *)data)[k]; break;
        case PINOT_DTYPE_I64: values[k] = ((const int64_t *)data)[k]; break;
        case PINOT_DTYPE_U8: values[k] = ((const uint8_t *)data)[k]; break;
        case PINOT_DTYPE_U16: values[k] = ((const uint16_t *)data)[k]; break;
        case PINOT_DTYPE_U32: values[k] = ((const uint32_t *)data)[k]; break;
        default: values[k] = (int64_t)((const uint64_t *)data)[k]; break;
        }
    }
    *n_values = (uint32_t)count;
    return true;
}

pinot_status pinot_node_set_output_count(struct pinot_node * node, uint32_t n) {
    if (n == node->n_outputs) {
        return PINOT_STATUS_OK;
    }
    if (n < node->n_outputs) {
        for (uint32_t i = n; i < node->n_outputs; i++) {
            if (node->outputs[i].n_consumers > 0) {
                return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT,
                                        "output %u is in use and cannot be removed", i);
            }
            names_clear(&node->outputs[i].names);
            free(node->outputs[i].consumers);
        }
        node->n_outputs = n;
        return PINOT_STATUS_OK;
    }
    struct pinot_node_output * grown = realloc(node->outputs, sizeof(*grown) * n);
    if (grown == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory adding outputs");
    }
    memset(grown + node->n_outputs, 0, sizeof(*grown) * (n - node->n_outputs));
    for (uint32_t i = node->n_outputs; i < n; i++) {
        grown[i].type = PINOT_DTYPE_DYNAMIC;
        pinot_partial_shape_dynamic(&grown[i].shape, -1);
    }
    node->outputs = grown;
    node->n_outputs = n;
    return PINOT_STATUS_OK;
}

void pinot_node_set_output(struct pinot_node * node, uint32_t i, pinot_dtype type, const pinot_partial_shape * shape) {
    node->outputs[i].type = type;
    node->outputs[i].shape = *shape;
}

pinot_status pinot_node_normalize_axis(const struct pinot_node * node, int64_t axis, int64_t rank, int64_t * out) {
    if (axis < -rank || axis >= (rank > 0 ? rank : 1)) {
        return pinot_node_error(node, PINOT_STATUS_INVALID_ARGUMENT, "axis %lld is out of range for rank %lld",
                                (long long)axis, (long long)rank);
    }
    *out = axis < 0 ? axis + rank : axis;
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_evaluate(const struct pinot_node * node, pinot_tensor_t * const * inputs,
                                 pinot_tensor_t ** outputs) {
    pinot_status status = PINOT_STATUS_OK;
    uint32_t created = 0;
    if (node->impl->evaluate == NULL) {
        return pinot_node_error(node, PINOT_STATUS_UNSUPPORTED_OP, "the op has no reference kernel");
    }
    for (; created < node->n_outputs; created++) {
        /* Static outputs are allocated ahead; dynamic ones start empty and the kernel shapes them. */
        pinot_shape shape = {.rank = 0};
        const pinot_partial_shape * ps = &node->outputs[created].shape;
        if (!pinot_partial_shape_is_static(ps) || pinot_partial_shape_to_shape(ps, &shape) != PINOT_STATUS_OK) {
            shape.rank = 0;
        }
        pinot_dtype type = node->outputs[created].type;
        if (type == PINOT_DTYPE_DYNAMIC) {
            status = pinot_node_error(node, PINOT_STATUS_INVALID_STATE, "output %u has a dynamic element type",
                                      created);
            goto error;
        }
        status = pinot_tensor_create(type, &shape, &outputs[created]);
        if (status != PINOT_STATUS_OK) {
            goto error;
        }
    }
    status = node->impl->evaluate(node, inputs, outputs);
    if (status != PINOT_STATUS_OK) {
        goto error;
    }
    return PINOT_STATUS_OK;
error:
    for (uint32_t i = 0; i < created; i++) {
        pinot_tensor_free(outputs[i]);
        outputs[i] = NULL;
    }
    return status;
}

/* ---- public accessors ---- */

const char * pinot_node_get_type_name(const pinot_node_t * node) {
    return node->impl->type_name;
}

uint32_t pinot_node_get_version(const pinot_node_t * node) {
    return node->version;
}

uint64_t pinot_node_get_instance_id(const pinot_node_t * node) {
    return node->id;
}

int pinot_node_get_friendly_name(const pinot_node_t * node, char * buf, size_t size) {
    if (node->friendly_name != NULL) {
        return snprintf(buf, size, "%s", node->friendly_name);
    }
    return snprintf(buf, size, "%s_%llu", node->impl->type_name, (unsigned long long)node->id);
}

pinot_status pinot_node_set_friendly_name(pinot_node_t * node, const char * name) {
    size_t len = strlen(name);
    char * copy = malloc(len + 1);
    if (copy == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory setting a friendly name");
    }
    memcpy(copy, name, len + 1);
    free(node->friendly_name);
    node->friendly_name = copy;
    return PINOT_STATUS_OK;
}

uint32_t pinot_node_get_input_count(const pinot_node_t * node) {
    return node->n_inputs;
}

pinot_output_ref pinot_node_get_input(const pinot_node_t * node, uint32_t index) {
    if (index >= node->n_inputs) {
        return (pinot_output_ref){NULL, 0};
    }
    return (pinot_output_ref){node->inputs[index].node, node->inputs[index].index};
}

pinot_status pinot_node_set_input(pinot_node_t * node, uint32_t index, pinot_output_ref source) {
    if (index >= node->n_inputs || source.node == NULL || source.index >= source.node->n_outputs) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to set input %u of %s node: no such port",
                               index, node->impl->type_name);
    }
    struct pinot_node_input old = node->inputs[index];
    pinot_status status = consumer_add(&source.node->outputs[source.index], node, index);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_node_retain(source.node);
    consumer_remove(&old.node->outputs[old.index], node, index);
    node->inputs[index] = (struct pinot_node_input){source.node, source.index};
    status = node->impl->validate(node);
    pinot_node_free(old.node);
    return status;
}

uint32_t pinot_node_get_output_count(const pinot_node_t * node) {
    return node->n_outputs;
}

pinot_dtype pinot_node_get_output_type(const pinot_node_t * node, uint32_t index) {
    return index < node->n_outputs ? node->outputs[index].type : PINOT_DTYPE_DYNAMIC;
}

const pinot_partial_shape * pinot_node_get_output_shape(const pinot_node_t * node, uint32_t index) {
    return index < node->n_outputs ? &node->outputs[index].shape : NULL;
}

uint32_t pinot_node_get_output_consumers(const pinot_node_t * node, uint32_t index, pinot_output_ref * consumers,
                                         uint32_t max) {
    if (index >= node->n_outputs) {
        return 0;
    }
    const struct pinot_node_output * out = &node->outputs[index];
    pthread_mutex_lock(&consumers_lock);
    for (uint32_t i = 0; i < out->n_consumers && i < max; i++) {
        consumers[i] = (pinot_output_ref){out->consumers[i].node, out->consumers[i].index};
    }
    uint32_t n = out->n_consumers;
    pthread_mutex_unlock(&consumers_lock);
    return n;
}

uint32_t pinot_node_get_output_name_count(const pinot_node_t * node, uint32_t index) {
    return index < node->n_outputs ? node->outputs[index].names.n : 0;
}

const char * pinot_node_get_output_name(const pinot_node_t * node, uint32_t index, uint32_t name_index) {
    if (index >= node->n_outputs || name_index >= node->outputs[index].names.n) {
        return NULL;
    }
    return node->outputs[index].names.v[name_index];
}

pinot_status pinot_node_add_output_names(pinot_node_t * node, uint32_t index, const char * const * names, size_t n) {
    if (index >= node->n_outputs) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s node has no output %u", node->impl->type_name,
                               index);
    }
    for (size_t i = 0; i < n; i++) {
        pinot_status status = names_add(&node->outputs[index].names, names[i]);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    return PINOT_STATUS_OK;
}

pinot_status pinot_node_set_output_names(pinot_node_t * node, uint32_t index, const char * const * names, size_t n) {
    if (index >= node->n_outputs) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "%s node has no output %u", node->impl->type_name,
                               index);
    }
    names_clear(&node->outputs[index].names);
    return pinot_node_add_output_names(node, index, names, n);
}

pinot_tensor_t * pinot_node_get_constant_value(const pinot_node_t * node) {
    return node->op == PINOT_OP_CONSTANT ? node->value : NULL;
}

const char * pinot_node_get_attribute_name(const pinot_node_t * node, uint32_t index) {
    if (node->impl->attrs == NULL) {
        return NULL;
    }
    uint32_t seen = 0;
    for (uint32_t i = 0; node->impl->attrs[i].name != NULL; i++) {
        if (!pinot_attr_in_version(&node->impl->attrs[i], node->version)) {
            continue;
        }
        if (seen++ == index) {
            return node->impl->attrs[i].name;
        }
    }
    return NULL;
}

int pinot_node_get_attribute_text(const pinot_node_t * node, const char * name, char * buf, size_t size) {
    if (node->impl->attrs == NULL) {
        return -1;
    }
    for (uint32_t i = 0; node->impl->attrs[i].name != NULL; i++) {
        const struct pinot_attr_desc * desc = &node->impl->attrs[i];
        if (strcmp(desc->name, name) == 0 && pinot_attr_in_version(desc, node->version)) {
            return pinot_attr_to_text(desc, (const char *)node->attrs + desc->offset, buf, size);
        }
    }
    return -1;
}

bool pinot_node_get_attribute_kind(const pinot_node_t * node, const char * name, pinot_attr_value_kind * kind) {
    for (uint32_t i = 0; node->impl->attrs != NULL && node->impl->attrs[i].name != NULL; i++) {
        const struct pinot_attr_desc * desc = &node->impl->attrs[i];
        if (strcmp(desc->name, name) != 0 || !pinot_attr_in_version(desc, node->version)) {
            continue;
        }
        switch (desc->kind) {
        case PINOT_ATTR_BOOL: *kind = PINOT_ATTR_VALUE_BOOL; break;
        case PINOT_ATTR_INT: *kind = PINOT_ATTR_VALUE_INT; break;
        case PINOT_ATTR_FLOAT: *kind = PINOT_ATTR_VALUE_FLOAT; break;
        case PINOT_ATTR_INTS: *kind = PINOT_ATTR_VALUE_INTS; break;
        case PINOT_ATTR_FLOATS: *kind = PINOT_ATTR_VALUE_FLOATS; break;
        case PINOT_ATTR_STRINGS: *kind = PINOT_ATTR_VALUE_STRINGS; break;
        default: *kind = PINOT_ATTR_VALUE_STRING; break;
        }
        return true;
    }
    return false;
}

const pinot_layout * pinot_node_get_layout(const pinot_node_t * node) {
    return &node->layout;
}

pinot_status pinot_node_set_layout(pinot_node_t * node, const pinot_layout * layout) {
    node->layout = *layout;
    return PINOT_STATUS_OK;
}

/* Models: results, sinks and parameters over a node graph; topological
 * order (iterative DFS, so deep graphs do not overflow the stack); whole-graph
 * validation; reshape with rollback; deep clone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"

static atomic_ullong next_model_id = 1;

/* ---- a pointer set (open addressing), for visited marks and clone maps ---- */

struct node_map {
    const struct pinot_node ** keys;
    void ** values;
    size_t cap; /* power of two */
    size_t n;
};

static size_t hash_ptr(const void * p) {
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x;
}

static bool map_grow(struct node_map * map) {
    size_t cap = map->cap ? map->cap * 2 : 64;
    const struct pinot_node ** keys = calloc(cap, sizeof(*keys));
    void ** values = calloc(cap, sizeof(*values));
    if (keys == NULL || values == NULL) {
        free(keys);
        free(values);
        return false;
    }
    for (size_t i = 0; i < map->cap; i++) {
        if (map->keys[i] != NULL) {
            size_t j = hash_ptr(map->keys[i]) & (cap - 1);
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

static void ** map_slot(struct node_map * map, const struct pinot_node * key, bool insert, bool * found) {
    *found = false;
    if (insert && (map->n + 1) * 2 > map->cap && !map_grow(map)) {
        return NULL;
    }
    if (map->cap == 0) {
        return NULL;
    }
    size_t j = hash_ptr(key) & (map->cap - 1);
    while (map->keys[j] != NULL) {
        if (map->keys[j] == key) {
            *found = true;
            return &map->values[j];
        }
        j = (j + 1) & (map->cap - 1);
    }
    if (!insert) {
        return NULL;
    }
    map->keys[j] = key;
    map->n++;
    return &map->values[j];
}

static void map_free(struct node_map * map) {
    free(map->keys);
    free(map->values);
}

/* ---- topological order ---- */

pinot_status pinot_model_topological_order(const struct pinot_model * model, struct pinot_node *** nodes_out,
                                           uint32_t * n_out) {
    struct node_map visited = {0};
    struct pinot_node ** order = NULL;
    size_t n_order = 0, cap_order = 0;
    struct frame {
        struct pinot_node * node;
        uint32_t next_input;
    } * stack = NULL;
    size_t n_stack = 0, cap_stack = 0;
    pinot_status status = PINOT_STATUS_OK;

    size_t n_roots = (size_t)model->n_parameters + model->n_results + model->n_sinks;
    for (size_t r = 0; r < n_roots; r++) {
        struct pinot_node * root = r < model->n_parameters ? model->parameters[r]
                                 : r < (size_t)model->n_parameters + model->n_results
                                     ? model->results[r - model->n_parameters]
                                     : model->sinks[r - model->n_parameters - model->n_results];
        bool found;
        void ** slot = map_slot(&visited, root, false, &found);
        (void)slot;
        if (found) {
            continue;
        }
        if (map_slot(&visited, root, true, &found) == NULL) {
            goto oom;
        }
        if (n_stack == cap_stack) {
            cap_stack = cap_stack ? cap_stack * 2 : 64;
            struct frame * grown = realloc(stack, sizeof(*stack) * cap_stack);
            if (grown == NULL) {
                goto oom;
            }
            stack = grown;
        }
        stack[n_stack++] = (struct frame){root, 0};
        while (n_stack > 0) {
            struct frame * top = &stack[n_stack - 1];
            if (top->next_input < top->node->n_inputs) {
                struct pinot_node * producer = top->node->inputs[top->next_input++].node;
                map_slot(&visited, producer, false, &found);
                if (found) {
                    continue;
                }
                if (map_slot(&visited, producer, true, &found) == NULL) {
                    goto oom;
                }
                if (n_stack == cap_stack) {
                    cap_stack *= 2;
                    struct frame * grown = realloc(stack, sizeof(*stack) * cap_stack);
                    if (grown == NULL) {
                        goto oom;
                    }
                    stack = grown;
                }
                stack[n_stack++] = (struct frame){producer, 0};
                continue;
            }
            if (n_order == cap_order) {
                cap_order = cap_order ? cap_order * 2 : 64;
                struct pinot_node ** grown = realloc(order, sizeof(*order) * cap_order);
                if (grown == NULL) {
                    goto oom;
                }
                order = grown;
            }
            order[n_order++] = top->node;
            n_stack--;
        }
    }
    *nodes_out = order;
    *n_out = (uint32_t)n_order;
    goto cleanup;
oom:
    free(order);
    status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory ordering the model's nodes");
cleanup:
    free(stack);
    map_free(&visited);
    return status;
}

pinot_status pinot_model_validate(struct pinot_model * model) {
    struct pinot_node ** order = NULL;
    uint32_t n = 0;
    pinot_status status = pinot_model_topological_order(model, &order, &n);
    for (uint32_t i = 0; status == PINOT_STATUS_OK && i < n; i++) {
        status = order[i]->impl->validate(order[i]);
    }
    free(order);
    return status;
}

/* ---- creation ---- */

static pinot_status copy_nodes(struct pinot_node *** dst, uint32_t * n_dst, pinot_node_t * const * src, size_t n) {
    *dst = NULL;
    *n_dst = 0;
    if (n == 0) {
        return PINOT_STATUS_OK;
    }
    *dst = malloc(sizeof(**dst) * n);
    if (*dst == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating a model");
    }
    for (size_t i = 0; i < n; i++) {
        (*dst)[i] = pinot_node_retain(src[i]);
    }
    *n_dst = (uint32_t)n;
    return PINOT_STATUS_OK;
}

static void free_nodes(struct pinot_node ** nodes, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        pinot_node_free(nodes[i]);
    }
    free(nodes);
}

/* Gathers the variables of ReadValue/Assign nodes, unifying variables with the
 * same id (nodes built separately each made their own) into one. */
static pinot_status collect_variables(struct pinot_model * model) {
    struct pinot_node ** order = NULL;
    uint32_t n = 0;
    pinot_status status = pinot_model_topological_order(model, &order, &n);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    for (uint32_t i = 0; i < n; i++) {
        struct pinot_variable * variable = order[i]->variable;
        if (variable == NULL) {
            continue;
        }
        struct pinot_variable * known = NULL;
        for (uint32_t v = 0; v < model->n_variables && known == NULL; v++) {
            if (strcmp(model->variables[v]->id, variable->id) == 0) {
                known = model->variables[v];
            }
        }
        if (known != NULL) {
            if (known != variable) {
                if (known->type == PINOT_DTYPE_DYNAMIC) {
                    known->type = variable->type;
                }
                order[i]->variable = pinot_variable_retain(known);
                pinot_variable_release(variable);
            }
            continue;
        }
        struct pinot_variable ** grown = realloc(model->variables, sizeof(*grown) * (model->n_variables + 1));
        if (grown == NULL) {
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory collecting variables");
            break;
        }
        model->variables = grown;
        model->variables[model->n_variables++] = pinot_variable_retain(variable);
    }
    free(order);
    return status;
}

pinot_status pinot_model_create(pinot_node_t * const * results, size_t n_results, pinot_node_t * const * sinks,
                                size_t n_sinks, pinot_node_t * const * parameters, size_t n_parameters,
                                const char * name, pinot_model_t ** out) {
    char text[256];
    for (size_t i = 0; i < n_results; i++) {
        if (results[i] == NULL || results[i]->op != PINOT_OP_RESULT) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create model: result %zu is not a Result",
                                   i);
        }
    }
    for (size_t i = 0; i < n_parameters; i++) {
        if (parameters[i] == NULL || parameters[i]->op != PINOT_OP_PARAMETER) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                   "failed to create model: parameter %zu is not a Parameter", i);
        }
    }
    for (size_t i = 0; i < n_sinks; i++) {
        if (sinks[i] == NULL || sinks[i]->op != PINOT_OP_ASSIGN) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to create model: sink %zu is not an Assign",
                                   i);
        }
    }
    struct pinot_model * model = calloc(1, sizeof(*model));
    if (model == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating a model");
    }
    atomic_init(&model->refcount, 1);
    model->id = atomic_fetch_add(&next_model_id, 1);
    pinot_status status = copy_nodes(&model->results, &model->n_results, results, n_results);
    if (status == PINOT_STATUS_OK) {
        status = copy_nodes(&model->sinks, &model->n_sinks, sinks, n_sinks);
    }
    if (status == PINOT_STATUS_OK) {
        status = copy_nodes(&model->parameters, &model->n_parameters, parameters, n_parameters);
    }
    if (status == PINOT_STATUS_OK && name != NULL && name[0] != '\0') {
        status = pinot_model_set_friendly_name(model, name);
    }
    if (status == PINOT_STATUS_OK) {
        status = collect_variables(model);
    }
    /* Every Parameter the results depend on must be one of the model's inputs. */
    struct pinot_node ** order = NULL;
    uint32_t n = 0;
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_topological_order(model, &order, &n);
    }
    for (uint32_t i = 0; status == PINOT_STATUS_OK && i < n; i++) {
        if (order[i]->op != PINOT_OP_PARAMETER) {
            continue;
        }
        bool listed = false;
        for (uint32_t p = 0; p < model->n_parameters && !listed; p++) {
            listed = model->parameters[p] == order[i];
        }
        if (!listed) {
            pinot_node_get_friendly_name(order[i], text, sizeof(text));
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                     "Model references undeclared parameters: Parameter '%s' is not in the "
                                     "model's parameter list", text);
        }
    }
    free(order);
    if (status != PINOT_STATUS_OK) {
        pinot_model_free(model);
        return status;
    }
    *out = model;
    return PINOT_STATUS_OK;
}

pinot_model_t * pinot_model_retain(pinot_model_t * model) {
    atomic_fetch_add_explicit(&model->refcount, 1, memory_order_relaxed);
    return model;
}

void pinot_model_free(pinot_model_t * model) {
    if (model == NULL || atomic_fetch_sub_explicit(&model->refcount, 1, memory_order_acq_rel) != 1) {
        return;
    }
    free_nodes(model->results, model->n_results);
    free_nodes(model->sinks, model->n_sinks);
    free_nodes(model->parameters, model->n_parameters);
    for (uint32_t v = 0; v < model->n_variables; v++) {
        pinot_variable_release(model->variables[v]);
    }
    free(model->variables);
    free(model->friendly_name);
    free(model);
}

/* ---- accessors ---- */

uint32_t pinot_model_get_parameter_count(const pinot_model_t * model) {
    return model->n_parameters;
}

pinot_node_t * pinot_model_get_parameter(const pinot_model_t * model, uint32_t index) {
    return index < model->n_parameters ? model->parameters[index] : NULL;
}

uint32_t pinot_model_get_result_count(const pinot_model_t * model) {
    return model->n_results;
}

pinot_node_t * pinot_model_get_result(const pinot_model_t * model, uint32_t index) {
    return index < model->n_results ? model->results[index] : NULL;
}

uint32_t pinot_model_get_sink_count(const pinot_model_t * model) {
    return model->n_sinks;
}

pinot_node_t * pinot_model_get_sink(const pinot_model_t * model, uint32_t index) {
    return index < model->n_sinks ? model->sinks[index] : NULL;
}

uint32_t pinot_model_get_variable_count(const pinot_model_t * model) {
    return model->n_variables;
}

const char * pinot_model_get_variable_id(const pinot_model_t * model, uint32_t index) {
    return index < model->n_variables ? model->variables[index]->id : NULL;
}

int pinot_model_get_friendly_name(const pinot_model_t * model, char * buf, size_t size) {
    if (model->friendly_name != NULL) {
        return snprintf(buf, size, "%s", model->friendly_name);
    }
    return snprintf(buf, size, "Model%llu", (unsigned long long)model->id);
}

pinot_status pinot_model_set_friendly_name(pinot_model_t * model, const char * name) {
    size_t len = strlen(name);
    char * copy = malloc(len + 1);
    if (copy == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory naming a model");
    }
    memcpy(copy, name, len + 1);
    free(model->friendly_name);
    model->friendly_name = copy;
    return PINOT_STATUS_OK;
}

bool pinot_model_is_dynamic(const pinot_model_t * model) {
    for (uint32_t i = 0; i < model->n_parameters; i++) {
        if (!pinot_partial_shape_is_static(&model->parameters[i]->outputs[0].shape)) {
            return true;
        }
    }
    for (uint32_t i = 0; i < model->n_results; i++) {
        if (!pinot_partial_shape_is_static(&model->results[i]->outputs[0].shape)) {
            return true;
        }
    }
    return false;
}

pinot_status pinot_model_get_ordered_ops(const pinot_model_t * model, pinot_node_t ** nodes, uint32_t max,
                                         uint32_t * count) {
    struct pinot_node ** order = NULL;
    uint32_t n = 0;
    pinot_status status = pinot_model_topological_order(model, &order, &n);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    for (uint32_t i = 0; i < n && i < max; i++) {
        nodes[i] = order[i];
    }
    *count = n;
    free(order);
    return PINOT_STATUS_OK;
}

pinot_status pinot_model_reshape(pinot_model_t * model, const uint32_t * parameters, const pinot_partial_shape * shapes,
                                 size_t n) {
    pinot_partial_shape * saved = malloc(sizeof(*saved) * (n ? n : 1));
    if (saved == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory reshaping a model");
    }
    pinot_status status = PINOT_STATUS_OK;
    size_t changed = 0;
    for (; changed < n; changed++) {
        if (parameters[changed] >= model->n_parameters) {
            status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to reshape: the model has no input %u",
                                     parameters[changed]);
            break;
        }
        struct pinot_node * p = model->parameters[parameters[changed]];
        saved[changed] = p->outputs[0].shape;
        status = pinot_node_set_parameter(p, p->outputs[0].type, &shapes[changed]);
        if (status != PINOT_STATUS_OK) {
            break;
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_validate(model);
    }
    if (status != PINOT_STATUS_OK) {
        /* Roll back to the shapes that validated before, keeping the error message. */
        char message[1024];
        snprintf(message, sizeof(message), "%s", pinot_last_error_message());
        while (changed-- > 0) {
            struct pinot_node * p = model->parameters[parameters[changed]];
            if (pinot_node_set_parameter(p, p->outputs[0].type, &saved[changed]) != PINOT_STATUS_OK) {
                break; /* cannot fail: p is a Parameter */
            }
        }
        if (pinot_model_validate(model) != PINOT_STATUS_OK) {
            /* The previous shapes validated before; nothing more to restore. */
        }
        (void)pinot_set_error(status, "%s", message);
    }
    free(saved);
    return status;
}

pinot_status pinot_model_add_results(pinot_model_t * model, pinot_node_t * const * results, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (results[i] == NULL || results[i]->op != PINOT_OP_RESULT) {
            return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to add results: %zu is not a Result", i);
        }
    }
    struct pinot_node ** grown = realloc(model->results, sizeof(*grown) * (model->n_results + n));
    if (grown == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory adding results");
    }
    model->results = grown;
    for (size_t i = 0; i < n; i++) {
        model->results[model->n_results++] = pinot_node_retain(results[i]);
    }
    return PINOT_STATUS_OK;
}

/* ---- clone ---- */

static pinot_status clone_node(const struct pinot_node * src, struct node_map * map, struct pinot_node ** out) {
    pinot_output_ref inputs[64];
    pinot_output_ref * in = src->n_inputs <= 64 ? inputs : malloc(sizeof(*in) * src->n_inputs);
    if (in == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory cloning a model");
    }
    for (uint32_t i = 0; i < src->n_inputs; i++) {
        bool found;
        void ** slot = map_slot(map, src->inputs[i].node, false, &found);
        in[i] = (pinot_output_ref){found ? *slot : NULL, src->inputs[i].index};
    }
    struct pinot_node * node = pinot_node_alloc(src->op, src->impl, src->version, in, src->n_inputs);
    if (in != inputs) {
        free(in);
    }
    if (node == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory cloning a model");
    }
    pinot_status status = pinot_node_set_output_count(node, src->n_outputs);
    if (status == PINOT_STATUS_OK && src->impl->attrs_size > 0) {
        status = pinot_attrs_copy(src->impl, node->attrs, src->attrs);
    }
    for (uint32_t o = 0; status == PINOT_STATUS_OK && o < src->n_outputs; o++) {
        node->outputs[o].type = src->outputs[o].type;
        node->outputs[o].shape = src->outputs[o].shape;
        status = pinot_node_add_output_names(node, o, (const char * const *)src->outputs[o].names.v,
                                             src->outputs[o].names.n);
    }
    if (status == PINOT_STATUS_OK && src->friendly_name != NULL) {
        status = pinot_node_set_friendly_name(node, src->friendly_name);
    }
    if (status == PINOT_STATUS_OK && src->bodies != NULL) {
        status = pinot_bodies_clone(src->bodies, &node->bodies);
    }
    if (status != PINOT_STATUS_OK) {
        pinot_node_free(node);
        return status;
    }
    node->value = src->value != NULL ? pinot_tensor_retain(src->value) : NULL;
    node->variable = src->variable != NULL ? pinot_variable_retain(src->variable) : NULL;
    node->layout = src->layout;
    *out = node;
    return PINOT_STATUS_OK;
}

static struct pinot_node ** mapped(struct node_map * map, struct pinot_node * const * nodes, uint32_t n,
                                   struct pinot_node ** buffer) {
    for (uint32_t i = 0; i < n; i++) {
        bool found;
        buffer[i] = *map_slot(map, nodes[i], false, &found);
    }
    return buffer;
}

pinot_status pinot_model_clone(const pinot_model_t * model, pinot_model_t ** out) {
    struct pinot_node ** order = NULL;
    uint32_t n = 0;
    struct node_map map = {0};
    struct pinot_node ** buffer = NULL;
    pinot_status status = pinot_model_topological_order(model, &order, &n);
    for (uint32_t i = 0; status == PINOT_STATUS_OK && i < n; i++) {
        struct pinot_node * copy = NULL;
        status = clone_node(order[i], &map, &copy);
        bool found;
        void ** slot = status == PINOT_STATUS_OK ? map_slot(&map, order[i], true, &found) : NULL;
        if (status == PINOT_STATUS_OK && slot == NULL) {
            pinot_node_free(copy);
            status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory cloning a model");
        } else if (slot != NULL) {
            *slot = copy;
        }
    }
    uint32_t most = model->n_results > model->n_parameters ? model->n_results : model->n_parameters;
    most = model->n_sinks > most ? model->n_sinks : most;
    if (status == PINOT_STATUS_OK && (buffer = malloc(sizeof(*buffer) * 3 * (most ? most : 1))) == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory cloning a model");
    }
    if (status == PINOT_STATUS_OK) {
        char name[256];
        pinot_model_get_friendly_name(model, name, sizeof(name));
        status = pinot_model_create(mapped(&map, model->results, model->n_results, buffer), model->n_results,
                                    mapped(&map, model->sinks, model->n_sinks, buffer + most), model->n_sinks,
                                    mapped(&map, model->parameters, model->n_parameters, buffer + 2 * most),
                                    model->n_parameters, model->friendly_name != NULL ? name : NULL, out);
    }
    /* The new model holds its own references; drop the map's. */
    for (size_t i = 0; i < map.cap; i++) {
        if (map.keys != NULL && map.keys[i] != NULL) {
            pinot_node_free(map.values[i]);
        }
    }
    map_free(&map);
    free(buffer);
    free(order);
    return status;
}

/* The reference executor: a compiled model is a cloned graph in topological
 * order with every node output assigned a value slot; a request binds input
 * tensors to the parameters' slots, runs each node's reference kernel and
 * frees each intermediate after its last use. Optimized plans (packed
 * weights, planned memory, optimized kernels) replace this per device later;
 * this path stays as the TEMPLATE device and the oracle. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"
#include "runtime-impl.h"
#include "threadpool-impl.h"

struct step {
    struct pinot_node * node;
    uint32_t * input_slots;  /* n_inputs */
    uint32_t first_output;   /* slots first_output .. first_output + n_outputs - 1 */
    uint32_t variable;       /* ReadValue/Assign: index into the model's variables */
    pinot_compiled_model_t ** bodies; /* If/Loop/TensorIterator: each body compiled once */
};

struct pinot_compiled_model {
    atomic_long refcount;
    pinot_model_t * model;
    char device[16];
    struct step * steps;
    uint32_t n_steps;
    uint32_t n_slots;
    uint32_t * last_use;      /* per slot: the last step reading it (UINT32_MAX: kept, e.g. results) */
    uint32_t * param_slots;   /* per parameter */
    uint32_t * result_slots;  /* per result: the slot of the value it returns */
    /* Execution config, resolved (see pinot_compiled_model_create_with_config). */
    uint32_t n_streams;        /* reported NUM_STREAMS (may be 0) */
    uint32_t n_threads;        /* reported INFERENCE_NUM_THREADS */
    uint32_t run_streams;      /* stream workers actually started (>= 1) */
    uint32_t threads_per_stream;
    pinot_performance_mode performance_mode;
    pthread_mutex_t streams_lock; /* guards starting the streams */
    struct pinot_streams * streams; /* started on the first start_async */
};

struct pinot_infer_request {
    pinot_compiled_model_t * compiled;
    pinot_tensor_t ** inputs;  /* per parameter */
    pinot_tensor_t ** outputs; /* per result */
    pinot_tensor_t ** slots;   /* scratch, per slot, during a run */
    pinot_tensor_t ** states;  /* per variable: NULL until assigned (or after reset) */
    pinot_tensor_t ** pending; /* per variable: values assigned during a run, committed at its end */
    struct pinot_request_async * async;
};

static const char * const devices[] = {"CPU", "AUTO", "TEMPLATE"};

static void compiled_destroy(pinot_compiled_model_t * compiled) {
    pinot_streams_free(compiled->streams);
    pthread_mutex_destroy(&compiled->streams_lock);
    if (compiled->steps != NULL) {
        for (uint32_t i = 0; i < compiled->n_steps; i++) {
            free(compiled->steps[i].input_slots);
            for (uint32_t b = 0; compiled->steps[i].bodies != NULL && b < compiled->steps[i].node->bodies->n; b++) {
                pinot_compiled_model_free(compiled->steps[i].bodies[b]);
            }
            free(compiled->steps[i].bodies);
        }
    }
    free(compiled->steps);
    free(compiled->last_use);
    free(compiled->param_slots);
    free(compiled->result_slots);
    pinot_model_free(compiled->model);
    free(compiled);
}

/* Slot lookup at compile time: (node, first slot) pairs sorted by node address,
 * searched by bisection, so compiling stays O(n log n) in the graph size. */
struct slot_entry {
    const struct pinot_node * node;
    uint32_t first_output;
};

static int compare_slot_entries(const void * a, const void * b) {
    uintptr_t x = (uintptr_t)((const struct slot_entry *)a)->node;
    uintptr_t y = (uintptr_t)((const struct slot_entry *)b)->node;
    return x < y ? -1 : x > y;
}

/* Slot of output (node, index), or UINT32_MAX if the node is not in the plan. */
static uint32_t find_slot(const struct slot_entry * index, uint32_t n, const struct pinot_node * node,
                          uint32_t output) {
    struct slot_entry key = {node, 0};
    const struct slot_entry * found = bsearch(&key, index, n, sizeof(*index), compare_slot_entries);
    return found != NULL ? found->first_output + output : UINT32_MAX;
}

/* Compiles each body of a control-flow node into its own plan, once. */
static pinot_status compile_bodies(struct step * step, const char * device) {
    const struct pinot_bodies * bodies = step->node->bodies;
    step->bodies = calloc(bodies->n, sizeof(*step->bodies));
    if (step->bodies == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory compiling a model");
    }
    for (uint32_t b = 0; b < bodies->n; b++) {
        if (bodies->body[b].model->n_variables > 0) {
            char name[256];
            pinot_node_get_friendly_name(step->node, name, sizeof(name));
            return pinot_set_error(PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                   "failed to compile %s node '%s': its body has variables (ReadValue/Assign)",
                                   step->node->impl->type_name, name);
        }
        pinot_status status = pinot_compiled_model_create(bodies->body[b].model, device, &step->bodies[b]);
        if (status != PINOT_STATUS_OK) {
            return status;
        }
    }
    return PINOT_STATUS_OK;
}

pinot_compile_config pinot_compile_config_default(void) {
    return (pinot_compile_config){.num_streams = PINOT_NUM_STREAMS_UNSET};
}

/* OpenVINO's CPU plugin rules, as probed on openvino 2026.4 (2 CPUs): threads
 * are capped at the usable CPUs; LATENCY (the default) runs one stream;
 * THROUGHPUT, CUMULATIVE_THROUGHPUT and NUM_STREAMS AUTO run one stream per
 * thread, at most PERFORMANCE_HINT_NUM_REQUESTS; an explicit NUM_STREAMS is
 * capped at the threads. NUM_STREAMS 0 reports 0 streams and 0 threads, yet
 * requests still run (on one stream). OPTIMAL_NUMBER_OF_INFER_REQUESTS is the
 * stream count. OpenVINO gives a stream several threads on big machines
 * (about 4 per stream); with the reference kernels one per stream pays most. */
static void resolve_config(pinot_compiled_model_t * compiled, const pinot_compile_config * config) {
    uint32_t cpus = pinot_cpu_usable_count();
    uint32_t threads = config->n_threads > 0 && config->n_threads < cpus ? config->n_threads : cpus;
    pinot_performance_mode mode = config->performance_mode;
    int32_t requested = config->num_streams;
    if (requested == PINOT_NUM_STREAMS_AUTO) {
        mode = PINOT_PERFORMANCE_MODE_THROUGHPUT;
    }
    uint32_t streams = 1;
    if (requested >= 0) {
        streams = (uint32_t)requested < threads ? (uint32_t)requested : threads;
    } else if (requested == PINOT_NUM_STREAMS_NUMA) {
        streams = 1; /* one NUMA node here */
    } else if (mode == PINOT_PERFORMANCE_MODE_THROUGHPUT || mode == PINOT_PERFORMANCE_MODE_CUMULATIVE_THROUGHPUT) {
        streams = threads;
        if (config->num_requests > 0 && config->num_requests < streams) {
            streams = config->num_requests;
        }
    }
    compiled->performance_mode = mode == PINOT_PERFORMANCE_MODE_DEFAULT ? PINOT_PERFORMANCE_MODE_LATENCY : mode;
    compiled->n_streams = streams;
    compiled->n_threads = streams == 0 ? 0 : threads;
    compiled->run_streams = streams == 0 ? 1 : streams;
    compiled->threads_per_stream = threads / compiled->run_streams ? threads / compiled->run_streams : 1;
}

pinot_status pinot_compiled_model_create(const pinot_model_t * model, const char * device,
                                         pinot_compiled_model_t ** out) {
    return pinot_compiled_model_create_with_config(model, device, NULL, out);
}

pinot_status pinot_compiled_model_create_with_config(const pinot_model_t * model, const char * device,
                                                     const pinot_compile_config * config,
                                                     pinot_compiled_model_t ** out) {
    if (config != NULL && (config->performance_mode < 0 || config->performance_mode >= PINOT_PERFORMANCE_MODE_COUNT ||
                           (config->num_streams < PINOT_NUM_STREAMS_NUMA &&
                            config->num_streams != PINOT_NUM_STREAMS_UNSET))) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to compile a model: invalid execution config "
                               "(num_streams %d, performance mode %d)", config->num_streams,
                               (int)config->performance_mode);
    }
    bool known = false;
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]) && !known; i++) {
        known = strcmp(device, devices[i]) == 0 || strncmp(device, "AUTO:", 5) == 0;
    }
    if (!known) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "Device with \"%s\" name is not registered", device);
    }
    pinot_compiled_model_t * compiled = calloc(1, sizeof(*compiled));
    if (compiled == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory compiling a model");
    }
    atomic_init(&compiled->refcount, 1);
    pthread_mutex_init(&compiled->streams_lock, NULL);
    pinot_compile_config defaults = pinot_compile_config_default();
    resolve_config(compiled, config != NULL ? config : &defaults);
    snprintf(compiled->device, sizeof(compiled->device), "%s", strcmp(device, "TEMPLATE") == 0 ? "TEMPLATE" : "CPU");
    struct pinot_node ** order = NULL;
    struct slot_entry * slots_index = NULL;
    pinot_status status = pinot_model_clone(model, &compiled->model);
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_validate(compiled->model);
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_model_topological_order(compiled->model, &order, &compiled->n_steps);
    }
    if (status != PINOT_STATUS_OK) {
        goto error;
    }
    compiled->steps = calloc(compiled->n_steps ? compiled->n_steps : 1, sizeof(*compiled->steps));
    if (compiled->steps == NULL) {
        goto oom;
    }
    for (uint32_t s = 0; s < compiled->n_steps; s++) {
        struct pinot_node * node = order[s];
        struct step * step = &compiled->steps[s];
        step->node = node;
        step->first_output = compiled->n_slots;
        step->variable = UINT32_MAX;
        for (uint32_t v = 0; node->variable != NULL && v < compiled->model->n_variables; v++) {
            if (compiled->model->variables[v] == node->variable) {
                step->variable = v;
            }
        }
        compiled->n_slots += node->n_outputs;
        if (node->bodies != NULL) {
            status = compile_bodies(step, device);
            if (status != PINOT_STATUS_OK) {
                goto error;
            }
        }
        if (node->bodies == NULL && node->op != PINOT_OP_PARAMETER && node->op != PINOT_OP_CONSTANT &&
            node->op != PINOT_OP_RESULT && node->op != PINOT_OP_READ_VALUE && node->op != PINOT_OP_ASSIGN &&
            node->impl->evaluate == NULL) {
            char name[256];
            pinot_node_get_friendly_name(node, name, sizeof(name));
            status = pinot_set_error(PINOT_STATUS_UNSUPPORTED_OP,
                                     "failed to compile %s node '%s': the CPU device has no kernel for %s-%u",
                                     node->impl->type_name, name, node->impl->type_name, node->version);
            goto error;
        }
        for (uint32_t o = 0; o < node->n_outputs; o++) {
            if (node->outputs[o].type == PINOT_DTYPE_DYNAMIC && node->op != PINOT_OP_RESULT) {
                char name[256];
                pinot_node_get_friendly_name(node, name, sizeof(name));
                status = pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                                         "failed to compile %s node '%s': output %u has a dynamic element type",
                                         node->impl->type_name, name, o);
                goto error;
            }
        }
    }
    slots_index = malloc(sizeof(*slots_index) * (compiled->n_steps ? compiled->n_steps : 1));
    if (slots_index == NULL) {
        goto oom;
    }
    for (uint32_t s = 0; s < compiled->n_steps; s++) {
        slots_index[s] = (struct slot_entry){compiled->steps[s].node, compiled->steps[s].first_output};
    }
    qsort(slots_index, compiled->n_steps, sizeof(*slots_index), compare_slot_entries);
    for (uint32_t s = 0; s < compiled->n_steps; s++) {
        struct step * step = &compiled->steps[s];
        const struct pinot_node * node = step->node;
        if (node->n_inputs > 0) {
            step->input_slots = malloc(sizeof(uint32_t) * node->n_inputs);
            if (step->input_slots == NULL) {
                goto oom;
            }
            for (uint32_t i = 0; i < node->n_inputs; i++) {
                step->input_slots[i] =
                    find_slot(slots_index, compiled->n_steps, node->inputs[i].node, node->inputs[i].index);
            }
        }
    }
    compiled->last_use = malloc(sizeof(uint32_t) * (compiled->n_slots ? compiled->n_slots : 1));
    compiled->param_slots = malloc(sizeof(uint32_t) * (compiled->model->n_parameters + 1));
    compiled->result_slots = malloc(sizeof(uint32_t) * (compiled->model->n_results + 1));
    if (compiled->last_use == NULL || compiled->param_slots == NULL || compiled->result_slots == NULL) {
        goto oom;
    }
    for (uint32_t slot = 0; slot < compiled->n_slots; slot++) {
        compiled->last_use[slot] = 0;
    }
    for (uint32_t s = 0; s < compiled->n_steps; s++) {
        const struct step * step = &compiled->steps[s];
        for (uint32_t i = 0; i < step->node->n_inputs; i++) {
            compiled->last_use[step->input_slots[i]] = s;
        }
    }
    for (uint32_t p = 0; p < compiled->model->n_parameters; p++) {
        compiled->param_slots[p] = find_slot(slots_index, compiled->n_steps, compiled->model->parameters[p], 0);
    }
    for (uint32_t r = 0; r < compiled->model->n_results; r++) {
        const struct pinot_node * result = compiled->model->results[r];
        compiled->result_slots[r] =
            find_slot(slots_index, compiled->n_steps, result->inputs[0].node, result->inputs[0].index);
    }
    free(slots_index);
    free(order);
    *out = compiled;
    return PINOT_STATUS_OK;
oom:
    status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory compiling a model");
error:
    free(slots_index);
    free(order);
    compiled_destroy(compiled);
    return status;
}

pinot_compiled_model_t * pinot_compiled_model_retain(pinot_compiled_model_t * compiled) {
    atomic_fetch_add_explicit(&compiled->refcount, 1, memory_order_relaxed);
    return compiled;
}

void pinot_compiled_model_free(pinot_compiled_model_t * compiled) {
    if (compiled == NULL || atomic_fetch_sub_explicit(&compiled->refcount, 1, memory_order_acq_rel) != 1) {
        return;
    }
    compiled_destroy(compiled);
}

const pinot_model_t * pinot_compiled_model_get_model(const pinot_compiled_model_t * compiled) {
    return compiled->model;
}

const char * pinot_compiled_model_get_device(const pinot_compiled_model_t * compiled) {
    return compiled->device;
}

uint32_t pinot_compiled_model_get_num_streams(const pinot_compiled_model_t * compiled) {
    return compiled->n_streams;
}

uint32_t pinot_compiled_model_get_num_threads(const pinot_compiled_model_t * compiled) {
    return compiled->n_threads;
}

pinot_performance_mode pinot_compiled_model_get_performance_mode(const pinot_compiled_model_t * compiled) {
    return compiled->performance_mode;
}

uint32_t pinot_compiled_model_get_optimal_number_of_infer_requests(const pinot_compiled_model_t * compiled) {
    return compiled->run_streams;
}

struct pinot_streams * pinot_infer_request_get_streams(pinot_infer_request_t * request) {
    pinot_compiled_model_t * compiled = request->compiled;
    pthread_mutex_lock(&compiled->streams_lock);
    if (compiled->streams == NULL &&
        pinot_streams_create(compiled->run_streams, compiled->threads_per_stream, &compiled->streams) !=
            PINOT_STATUS_OK) {
        compiled->streams = NULL;
    }
    struct pinot_streams * streams = compiled->streams;
    pthread_mutex_unlock(&compiled->streams_lock);
    return streams;
}

struct pinot_request_async * pinot_infer_request_get_async(pinot_infer_request_t * request) {
    return request->async;
}

/* ---- requests ---- */

/* A tensor for a port: static dims as given, dynamic ones (and dynamic rank) as 0. */
static pinot_status port_tensor(pinot_dtype type, const pinot_partial_shape * ps, pinot_tensor_t ** out) {
    pinot_shape shape = {.rank = ps->rank < 0 ? 1 : (uint32_t)ps->rank};
    for (uint32_t i = 0; ps->rank >= 0 && i < (uint32_t)ps->rank; i++) {
        shape.dims[i] = pinot_dim_is_static(ps->dims[i]) ? ps->dims[i].min : 0;
    }
    if (ps->rank < 0) {
        shape.dims[0] = 0;
    }
    return pinot_tensor_create(type == PINOT_DTYPE_DYNAMIC ? PINOT_DTYPE_F32 : type, &shape, out);
}

void pinot_infer_request_free(pinot_infer_request_t * request) {
    if (request == NULL) {
        return;
    }
    /* A run in flight is waited for; from the request's own callback the
     * worker frees it once the callback returns. */
    if (request->async == NULL || pinot_request_async_release(request->async)) {
        pinot_infer_request_destroy(request);
    }
}

void pinot_infer_request_destroy(pinot_infer_request_t * request) {
    pinot_request_async_free(request->async);
    const pinot_model_t * model = request->compiled->model;
    for (uint32_t i = 0; request->inputs != NULL && i < model->n_parameters; i++) {
        pinot_tensor_free(request->inputs[i]);
    }
    for (uint32_t i = 0; request->outputs != NULL && i < model->n_results; i++) {
        pinot_tensor_free(request->outputs[i]);
    }
    for (uint32_t v = 0; request->states != NULL && v < model->n_variables; v++) {
        pinot_tensor_free(request->states[v]);
    }
    free(request->inputs);
    free(request->outputs);
    free(request->slots);
    free(request->states);
    free(request->pending);
    pinot_compiled_model_free(request->compiled);
    free(request);
}

pinot_status pinot_infer_request_create(pinot_compiled_model_t * compiled, pinot_infer_request_t ** out) {
    const pinot_model_t * model = compiled->model;
    pinot_infer_request_t * request = calloc(1, sizeof(*request));
    if (request == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating an infer request");
    }
    request->compiled = pinot_compiled_model_retain(compiled);
    request->inputs = calloc(model->n_parameters + 1, sizeof(*request->inputs));
    request->outputs = calloc(model->n_results + 1, sizeof(*request->outputs));
    request->slots = calloc(compiled->n_slots + 1, sizeof(*request->slots));
    request->states = calloc(model->n_variables + 1, sizeof(*request->states));
    request->pending = calloc(model->n_variables + 1, sizeof(*request->pending));
    pinot_status status = PINOT_STATUS_OK;
    if (request->inputs == NULL || request->outputs == NULL || request->slots == NULL || request->states == NULL ||
        request->pending == NULL) {
        status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory creating an infer request");
    }
    if (status == PINOT_STATUS_OK) {
        status = pinot_request_async_create(&request->async);
    }
    for (uint32_t i = 0; status == PINOT_STATUS_OK && i < model->n_parameters; i++) {
        const struct pinot_node_output * port = &model->parameters[i]->outputs[0];
        status = port_tensor(port->type, &port->shape, &request->inputs[i]);
    }
    for (uint32_t i = 0; status == PINOT_STATUS_OK && i < model->n_results; i++) {
        const struct pinot_node_output * port = &model->results[i]->outputs[0];
        status = port_tensor(port->type, &port->shape, &request->outputs[i]);
    }
    if (status != PINOT_STATUS_OK) {
        pinot_infer_request_free(request);
        return status;
    }
    *out = request;
    return PINOT_STATUS_OK;
}

pinot_tensor_t * pinot_infer_request_get_input_tensor(const pinot_infer_request_t * request, uint32_t index) {
    return index < request->compiled->model->n_parameters ? request->inputs[index] : NULL;
}

pinot_tensor_t * pinot_infer_request_get_output_tensor(const pinot_infer_request_t * request, uint32_t index) {
    return index < request->compiled->model->n_results ? request->outputs[index] : NULL;
}

static pinot_status check_port_tensor(const char * what, uint32_t index, const struct pinot_node_output * port,
                                      const pinot_tensor_t * tensor) {
    char expected[512], got[512];
    if (pinot_tensor_get_type(tensor) != port->type && port->type != PINOT_DTYPE_DYNAMIC) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to set %s tensor %u: the tensor's element type %s does not match the port's "
                               "element type %s", what, index, pinot_dtype_name(pinot_tensor_get_type(tensor)),
                               pinot_dtype_name(port->type));
    }
    pinot_partial_shape shape;
    pinot_partial_shape_from_shape(&shape, pinot_tensor_get_shape(tensor));
    if (!pinot_partial_shape_compatible(&port->shape, &shape)) {
        pinot_partial_shape_to_string(&port->shape, expected, sizeof(expected));
        pinot_shape_to_string(pinot_tensor_get_shape(tensor), got, sizeof(got));
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to set %s tensor %u: the tensor's shape %s is not compatible with the port's "
                               "shape %s", what, index, got, expected);
    }
    return PINOT_STATUS_OK;
}

pinot_status pinot_infer_request_set_input_tensor(pinot_infer_request_t * request, uint32_t index,
                                                  pinot_tensor_t * tensor) {
    const pinot_model_t * model = request->compiled->model;
    if (index >= model->n_parameters || tensor == NULL) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "failed to set input tensor %u: the model has %u inputs",
                               index, model->n_parameters);
    }
    /* The port's element type must match; the shape is checked at infer time,
     * since users may reshape the bound tensor in between. */
    const struct pinot_node_output * port = &model->parameters[index]->outputs[0];
    if (pinot_tensor_get_type(tensor) != port->type) {
        return check_port_tensor("input", index, port, tensor);
    }
    pinot_tensor_retain(tensor);
    pinot_tensor_free(request->inputs[index]);
    request->inputs[index] = tensor;
    return PINOT_STATUS_OK;
}

pinot_status pinot_infer_request_set_output_tensor(pinot_infer_request_t * request, uint32_t index,
                                                   pinot_tensor_t * tensor) {
    const pinot_model_t * model = request->compiled->model;
    if (index >= model->n_results || tensor == NULL) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to set output tensor %u: the model has %u outputs", index, model->n_results);
    }
    pinot_status status = check_port_tensor("output", index, &model->results[index]->outputs[0], tensor);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_tensor_retain(tensor);
    pinot_tensor_free(request->outputs[index]);
    request->outputs[index] = tensor;
    return PINOT_STATUS_OK;
}

/* A dense copy of @p tensor in new memory. */
static pinot_status copy_of(const pinot_tensor_t * tensor, pinot_tensor_t ** out) {
    pinot_status status = pinot_tensor_create(pinot_tensor_get_type(tensor), pinot_tensor_get_shape(tensor), out);
    if (status == PINOT_STATUS_OK) {
        status = pinot_tensor_copy_to(tensor, *out);
        if (status != PINOT_STATUS_OK) {
            pinot_tensor_free(*out);
            *out = NULL;
        }
    }
    return status;
}

/* The initial value of a variable without initializer: zeros of its shape
 * (dynamic dimensions as 0). */
static pinot_status zero_state(const struct pinot_variable * variable, pinot_tensor_t ** out) {
    pinot_status status = port_tensor(variable->type, &variable->shape, out);
    if (status == PINOT_STATUS_OK) {
        memset(pinot_tensor_get_data(*out), 0, (size_t)pinot_tensor_get_byte_size(*out));
    }
    return status;
}

uint32_t pinot_infer_request_get_state_count(const pinot_infer_request_t * request) {
    return request->compiled->model->n_variables;
}

pinot_status pinot_infer_request_get_state(const pinot_infer_request_t * request, uint32_t index,
                                           pinot_tensor_t ** out) {
    const pinot_model_t * model = request->compiled->model;
    if (index >= model->n_variables) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "the model has no variable %u", index);
    }
    if (request->states[index] != NULL) {
        *out = pinot_tensor_retain(request->states[index]);
        return PINOT_STATUS_OK;
    }
    return zero_state(model->variables[index], out);
}

pinot_status pinot_infer_request_set_state(pinot_infer_request_t * request, uint32_t index,
                                           const pinot_tensor_t * value) {
    const pinot_model_t * model = request->compiled->model;
    if (index >= model->n_variables) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT, "the model has no variable %u", index);
    }
    const struct pinot_variable * variable = model->variables[index];
    if (variable->type != PINOT_DTYPE_DYNAMIC && pinot_tensor_get_type(value) != variable->type) {
        return pinot_set_error(PINOT_STATUS_INVALID_ARGUMENT,
                               "failed to set state of variable '%s': element type %s does not match %s",
                               variable->id, pinot_dtype_name(pinot_tensor_get_type(value)),
                               pinot_dtype_name(variable->type));
    }
    pinot_tensor_t * copy = NULL;
    pinot_status status = copy_of(value, &copy);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    pinot_tensor_free(request->states[index]);
    request->states[index] = copy;
    return PINOT_STATUS_OK;
}

void pinot_infer_request_reset_state(pinot_infer_request_t * request, uint32_t index) {
    const pinot_model_t * model = request->compiled->model;
    for (uint32_t v = 0; v < model->n_variables; v++) {
        if (index == UINT32_MAX || index == v) {
            pinot_tensor_free(request->states[v]);
            request->states[v] = NULL;
        }
    }
}

/* A dense version of @p tensor: itself (retained) or a copy. */
static pinot_status dense(pinot_tensor_t * tensor, pinot_tensor_t ** out) {
    if (pinot_tensor_is_continuous(tensor)) {
        *out = pinot_tensor_retain(tensor);
        return PINOT_STATUS_OK;
    }
    return copy_of(tensor, out);
}

pinot_status pinot_infer_request_infer(pinot_infer_request_t * request) {
    pinot_status status = pinot_request_async_begin_sync(request->async);
    if (status != PINOT_STATUS_OK) {
        return status;
    }
    status = pinot_infer_request_run(request, NULL);
    pinot_request_async_end_sync(request->async, status);
    return status;
}

/* Runs the steps with the parameters' values already in their slots; the
 * results' values stay in their slots. @p request gives the variables' states
 * (NULL for bodies, which have none). */
static pinot_status run_steps(const pinot_compiled_model_t * compiled, pinot_tensor_t ** slots,
                              pinot_infer_request_t * request, const atomic_bool * cancel) {
    const pinot_model_t * model = compiled->model;
    pinot_tensor_t * inputs[256];
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t s = 0; s < compiled->n_steps && status == PINOT_STATUS_OK; s++) {
        const struct step * step = &compiled->steps[s];
        const struct pinot_node * node = step->node;
        if (cancel != NULL && atomic_load_explicit(cancel, memory_order_relaxed)) {
            status = pinot_set_error(PINOT_STATUS_CANCELLED, "Infer Request was canceled");
            break;
        }
        if ((node->op == PINOT_OP_READ_VALUE || node->op == PINOT_OP_ASSIGN) && request == NULL) {
            status = pinot_set_error(PINOT_STATUS_INVALID_STATE, "a body cannot read or assign variables");
            break;
        }
        switch (node->op) {
        case PINOT_OP_PARAMETER:
        case PINOT_OP_RESULT: break;
        case PINOT_OP_CONSTANT: slots[step->first_output] = pinot_tensor_retain(node->value); break;
        case PINOT_OP_READ_VALUE:
            /* The current state, else the initializer, else zeros. Kernels never
             * write their inputs, so the state tensor itself can be shared. */
            if (request->states[step->variable] != NULL) {
                slots[step->first_output] = pinot_tensor_retain(request->states[step->variable]);
            } else if (node->n_inputs == 1) {
                slots[step->first_output] = pinot_tensor_retain(slots[step->input_slots[0]]);
            } else {
                status = zero_state(node->variable, &slots[step->first_output]);
            }
            break;
        case PINOT_OP_ASSIGN:
            /* A copy, since the value may alias a tensor the user writes later (an
             * input); committed after the run, so every ReadValue of this run sees
             * the old value. */
            pinot_tensor_free(request->pending[step->variable]);
            request->pending[step->variable] = NULL;
            status = copy_of(slots[step->input_slots[0]], &request->pending[step->variable]);
            slots[step->first_output] = pinot_tensor_retain(slots[step->input_slots[0]]);
            break;
        default: {
            pinot_tensor_t ** in = node->n_inputs <= 256 ? inputs : malloc(sizeof(*in) * node->n_inputs);
            if (in == NULL) {
                status = pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory running a model");
                break;
            }
            for (uint32_t i = 0; i < node->n_inputs; i++) {
                in[i] = slots[step->input_slots[i]];
            }
            if (step->bodies != NULL) {
                status = pinot_control_flow_run(node, step->bodies, in, &slots[step->first_output], cancel);
            } else {
                status = pinot_node_evaluate(node, in, &slots[step->first_output]);
            }
            if (in != inputs) {
                free(in);
            }
        }
        }
        /* Free what no later step reads, except the values results return. */
        for (uint32_t i = 0; i < node->n_inputs && status == PINOT_STATUS_OK; i++) {
            uint32_t slot = step->input_slots[i];
            if (compiled->last_use[slot] == s && node->op != PINOT_OP_RESULT) {
                bool returned = false;
                for (uint32_t r = 0; r < model->n_results && !returned; r++) {
                    returned = compiled->result_slots[r] == slot;
                }
                if (!returned) {
                    pinot_tensor_free(slots[slot]);
                    slots[slot] = NULL;
                }
            }
        }
    }
    return status;
}

pinot_status pinot_compiled_model_execute(const pinot_compiled_model_t * compiled, pinot_tensor_t * const * params,
                                          pinot_tensor_t ** results, const atomic_bool * cancel) {
    const pinot_model_t * model = compiled->model;
    pinot_tensor_t ** slots = calloc(compiled->n_slots + 1, sizeof(*slots));
    if (slots == NULL) {
        return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory running a body");
    }
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t p = 0; p < model->n_parameters && status == PINOT_STATUS_OK; p++) {
        status = check_port_tensor("body input", p, &model->parameters[p]->outputs[0], params[p]);
        if (status == PINOT_STATUS_OK) {
            status = dense(params[p], &slots[compiled->param_slots[p]]);
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = run_steps(compiled, slots, NULL, cancel);
    }
    for (uint32_t r = 0; r < model->n_results; r++) {
        results[r] = status == PINOT_STATUS_OK ? pinot_tensor_retain(slots[compiled->result_slots[r]]) : NULL;
    }
    for (uint32_t slot = 0; slot < compiled->n_slots; slot++) {
        pinot_tensor_free(slots[slot]);
    }
    free(slots);
    return status;
}

pinot_status pinot_infer_request_run(pinot_infer_request_t * request, const atomic_bool * cancel) {
    const pinot_compiled_model_t * compiled = request->compiled;
    const pinot_model_t * model = compiled->model;
    pinot_tensor_t ** slots = request->slots;
    pinot_status status = PINOT_STATUS_OK;

    for (uint32_t p = 0; p < model->n_parameters && status == PINOT_STATUS_OK; p++) {
        status = check_port_tensor("input", p, &model->parameters[p]->outputs[0], request->inputs[p]);
        if (status == PINOT_STATUS_OK) {
            status = dense(request->inputs[p], &slots[compiled->param_slots[p]]);
        }
    }
    if (status == PINOT_STATUS_OK) {
        status = run_steps(compiled, slots, request, cancel);
    }
    for (uint32_t r = 0; r < model->n_results && status == PINOT_STATUS_OK; r++) {
        status = pinot_tensor_copy_to(slots[compiled->result_slots[r]], request->outputs[r]);
    }
    for (uint32_t v = 0; v < model->n_variables; v++) {
        if (request->pending[v] != NULL) {
            if (status == PINOT_STATUS_OK) {
                pinot_tensor_free(request->states[v]);
                request->states[v] = request->pending[v];
            } else {
                pinot_tensor_free(request->pending[v]); /* a failed run changes no state */
            }
            request->pending[v] = NULL;
        }
    }
    for (uint32_t slot = 0; slot < compiled->n_slots; slot++) {
        pinot_tensor_free(slots[slot]);
        slots[slot] = NULL;
    }
    return status;
}

/* ONNX control flow: If -> If-8, Loop -> Loop-5, Scan -> TensorIterator-1.
 * Subgraphs are imported as body models (onnx_import_body); the outer-scope
 * values a body reads become extra invariant inputs of the node. ONNX scan
 * outputs stack per-iteration values along a new axis: the body unsqueezes
 * each value and the node concatenates along that axis, as OpenVINO's ONNX
 * frontend does. Rows are in onnx-ops.c. */
#include <stdlib.h>
#include <string.h>

#include "frontends/onnx/onnx-import.h"
#include "frontends/onnx/onnx-ops-impl.h"
#include "graph/graph-impl.h"

static const struct onnx_graph * graph_attr(const struct onnx_node * node, const char * name) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    return a != NULL && a->type == ONNX_ATTR_GRAPH ? a->g : NULL;
}

static pinot_status oom(void) {
    return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory importing an ONNX model");
}

static pinot_status alloc_body(struct pinot_body * body, uint32_t n_inputs, uint32_t n_outputs) {
    body->inputs = calloc(n_inputs + 1, sizeof(*body->inputs));
    body->outputs = calloc(n_outputs + 1, sizeof(*body->outputs));
    if (body->inputs == NULL || body->outputs == NULL) {
        return oom();
    }
    return PINOT_STATUS_OK;
}

static struct pinot_body_input invariant(uint32_t input, uint32_t parameter) {
    return (struct pinot_body_input){.kind = PINOT_BODY_INPUT_INVARIANT, .input = input, .parameter = parameter};
}

static struct pinot_body_input merged(uint32_t input, uint32_t parameter, uint32_t result) {
    return (struct pinot_body_input){
        .kind = PINOT_BODY_INPUT_MERGED, .input = input, .parameter = parameter, .result = result};
}

static struct pinot_body_output last_value(uint32_t result, uint32_t output) {
    return (struct pinot_body_output){
        .kind = PINOT_BODY_OUTPUT_ITERATION, .result = result, .output = output, .iteration = -1};
}

/* Every iteration's value along `axis`, forward or (reverse) backward. */
static struct pinot_body_output stacked(uint32_t result, uint32_t output, int64_t axis, bool reverse) {
    return (struct pinot_body_output){.kind = PINOT_BODY_OUTPUT_CONCAT,
                                      .result = result,
                                      .output = output,
                                      .axis = axis,
                                      .start = reverse ? -1 : 0,
                                      .stride = reverse ? -1 : 1,
                                      .part_size = 1,
                                      .end = reverse ? 0 : -1};
}

static struct pinot_bodies * new_bodies(uint32_t n, uint32_t n_outputs) {
    struct pinot_bodies * bodies = calloc(1, sizeof(*bodies));
    if (bodies != NULL) {
        bodies->n = n;
        bodies->n_outputs = n_outputs;
        bodies->current_iteration = -1;
        bodies->condition_result = -1;
    }
    return bodies;
}

/* Wrap each of outputs[first..] in Unsqueeze(axis): one slot of the stacked output. */
static pinot_status unsqueeze_outputs(struct onnx_import * ctx, struct onnx_body * body, uint32_t first,
                                      const int64_t * axes) {
    for (uint32_t i = first; i < body->n_outputs; i++) {
        pinot_output_ref args[2] = {body->outputs[i], {NULL, 0}};
        TRY(onnx_const_i64(ctx, &axes[i - first], 1, false, &args[1]));
        TRY(onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &body->outputs[i]));
    }
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_if) {
    TRY(need_inputs(ctx, in, n, 1));
    const struct onnx_graph * graphs[2] = {graph_attr(node, "then_branch"), graph_attr(node, "else_branch")};
    if (graphs[0] == NULL || graphs[1] == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the then_branch and else_branch graphs are required");
    }
    struct onnx_body imported[2] = {{0}};
    pinot_model_t * models[2] = {NULL, NULL};
    struct pinot_bodies * bodies = NULL;
    pinot_output_ref * inputs = NULL;
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t b = 0; b < 2 && status == PINOT_STATUS_OK; b++) {
        status = onnx_import_body(ctx, graphs[b], NULL, 0, &imported[b]);
    }
    if (status == PINOT_STATUS_OK && imported[0].n_outputs != imported[1].n_outputs) {
        status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                            "the then_branch gives %u outputs but the else_branch %u", imported[0].n_outputs,
                            imported[1].n_outputs);
    }
    if (status == PINOT_STATUS_OK && imported[0].n_outputs != node->n_outputs) {
        status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the branches give %u outputs but the node has %u",
                            imported[0].n_outputs, node->n_outputs);
    }
    for (uint32_t b = 0; b < 2 && status == PINOT_STATUS_OK; b++) {
        status = onnx_body_build(ctx, &imported[b], &models[b]);
    }
    uint32_t n_inputs = 1 + imported[0].n_captures + imported[1].n_captures;
    if (status == PINOT_STATUS_OK) {
        bodies = new_bodies(2, node->n_outputs);
        inputs = malloc(sizeof(*inputs) * n_inputs);
        if (bodies == NULL || inputs == NULL) {
            status = oom();
        }
    }
    uint32_t next = 1;
    for (uint32_t b = 0; b < 2 && status == PINOT_STATUS_OK; b++) {
        struct pinot_body * body = &bodies->body[b];
        body->model = models[b];
        models[b] = NULL;
        status = alloc_body(body, imported[b].n_captures, imported[b].n_outputs);
        for (uint32_t c = 0; c < imported[b].n_captures && status == PINOT_STATUS_OK; c++) {
            inputs[next] = imported[b].captured[c];
            body->inputs[body->n_inputs++] = invariant(next++, c);
        }
        for (uint32_t o = 0; o < imported[b].n_outputs && status == PINOT_STATUS_OK; o++) {
            body->outputs[body->n_outputs++] = last_value(o, o);
        }
    }
    if (status == PINOT_STATUS_OK) {
        inputs[0] = in[0];
        pinot_node_t * made = NULL;
        status = onnx_make_control_flow(ctx, "If", inputs, n_inputs, bodies, &made);
        bodies = NULL;
        for (uint32_t o = 0; o < node->n_outputs && status == PINOT_STATUS_OK; o++) {
            out[o] = (pinot_output_ref){made, o};
        }
    }
    pinot_bodies_free(bodies);
    pinot_model_free(models[0]);
    pinot_model_free(models[1]);
    onnx_body_release(&imported[0]);
    onnx_body_release(&imported[1]);
    free(inputs);
    return status;
}

ONNX_TRANSLATOR(onnx_tr_loop) {
    const struct onnx_graph * graph = graph_attr(node, "body");
    if (graph == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the body graph is required");
    }
    uint32_t n_carried = n > 2 ? n - 2 : 0;
    for (uint32_t i = 0; i < n_carried; i++) {
        if (in[2 + i].node == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "loop-carried input %u is missing", 2 + i);
        }
    }
    pinot_output_ref trip = onnx_optional_input(in, n, 0), cond = onnx_optional_input(in, n, 1);
    /* No trip count: run until the condition stops it (-1, OpenVINO's "no limit");
     * a negative one runs no iteration in ONNX, so it is clamped to 0. No condition: true. */
    if (trip.node == NULL) {
        int64_t forever = -1;
        TRY(onnx_const_i64(ctx, &forever, 1, true, &trip));
    } else {
        TRY(onnx_binary_scalar(ctx, "Maximum", trip, 0, &trip));
    }
    if (cond.node == NULL) {
        TRY(onnx_const_scalar(ctx, PINOT_DTYPE_BOOLEAN, 1, &cond));
    }
    struct onnx_body_input * specs = calloc(n_carried + 2, sizeof(*specs));
    if (specs == NULL) {
        return oom();
    }
    specs[0] = (struct onnx_body_input){.type = PINOT_DTYPE_I64, .squeeze_axis = -1, .use_declared = true};
    specs[1] = (struct onnx_body_input){.type = PINOT_DTYPE_BOOLEAN, .squeeze_axis = -1, .use_declared = true};
    for (uint32_t i = 0; i < n_carried; i++) {
        const pinot_partial_shape * shape = pinot_node_get_output_shape(in[2 + i].node, in[2 + i].index);
        specs[2 + i] = (struct onnx_body_input){
            .type = onnx_type_of(in[2 + i]), .shape = *shape, .squeeze_axis = -1, .use_declared = false};
    }
    struct onnx_body imported = {0};
    pinot_model_t * model = NULL;
    struct pinot_bodies * bodies = NULL;
    pinot_output_ref * inputs = NULL;
    pinot_status status = onnx_import_body(ctx, graph, specs, n_carried + 2, &imported);
    free(specs);
    if (status == PINOT_STATUS_OK && imported.n_outputs < 1 + n_carried) {
        status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                            "the body gives %u outputs, expected the condition and %u loop-carried values",
                            imported.n_outputs, n_carried);
    }
    uint32_t n_scans = status == PINOT_STATUS_OK ? imported.n_outputs - 1 - n_carried : 0;
    if (status == PINOT_STATUS_OK && node->n_outputs != n_carried + n_scans) {
        status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the node has %u outputs, the body gives %u",
                            node->n_outputs, n_carried + n_scans);
    }
    if (status == PINOT_STATUS_OK && n_scans > 0) {
        int64_t * zeros = calloc(n_scans, sizeof(*zeros));
        status = zeros != NULL ? unsqueeze_outputs(ctx, &imported, 1 + n_carried, zeros) : oom();
        free(zeros);
    }
    if (status == PINOT_STATUS_OK) {
        status = onnx_body_build(ctx, &imported, &model);
    }
    uint32_t n_inputs = 2 + n_carried + imported.n_captures;
    if (status == PINOT_STATUS_OK) {
        bodies = new_bodies(1, n_carried + n_scans);
        inputs = malloc(sizeof(*inputs) * n_inputs);
        status = bodies != NULL && inputs != NULL ? alloc_body(&bodies->body[0], n_inputs, imported.n_outputs) : oom();
    }
    if (status == PINOT_STATUS_OK) {
        struct pinot_body * body = &bodies->body[0];
        body->model = model;
        model = NULL;
        bodies->current_iteration = 0;
        bodies->condition_result = 0;
        inputs[0] = trip;
        inputs[1] = cond;
        /* The body's cond_in is the condition, then the previous iteration's cond_out. */
        body->inputs[body->n_inputs++] = merged(1, 1, 0);
        for (uint32_t i = 0; i < n_carried; i++) {
            inputs[2 + i] = in[2 + i];
            body->inputs[body->n_inputs++] = merged(2 + i, 2 + i, 1 + i);
            body->outputs[body->n_outputs++] = last_value(1 + i, i);
        }
        for (uint32_t c = 0; c < imported.n_captures; c++) {
            inputs[2 + n_carried + c] = imported.captured[c];
            body->inputs[body->n_inputs++] = invariant(2 + n_carried + c, imported.n_inputs + c);
        }
        for (uint32_t j = 0; j < n_scans; j++) {
            body->outputs[body->n_outputs++] = stacked(1 + n_carried + j, n_carried + j, 0, false);
        }
        pinot_node_t * made = NULL;
        status = onnx_make_control_flow(ctx, "Loop", inputs, n_inputs, bodies, &made);
        bodies = NULL;
        for (uint32_t o = 0; o < node->n_outputs && status == PINOT_STATUS_OK; o++) {
            out[o] = (pinot_output_ref){made, o};
        }
    }
    pinot_bodies_free(bodies);
    pinot_model_free(model);
    onnx_body_release(&imported);
    free(inputs);
    return status;
}

/* A Scan-9 over states and scan inputs, as a TensorIterator: each scan input
 * is sliced along its axis (backwards for direction 1), each scan output
 * stacked along its axis. */
static pinot_status build_scan(struct onnx_import * ctx, const struct onnx_graph * graph,
                               const pinot_output_ref * states, uint32_t n_states, const pinot_output_ref * scans,
                               uint32_t n_scans, const int64_t * in_axes, const int64_t * in_dirs,
                               const int64_t * out_axes, const int64_t * out_dirs, uint32_t n_outputs,
                               pinot_output_ref * out) {
    uint32_t n_graph_inputs = n_states + n_scans;
    struct onnx_body_input * specs = calloc(n_graph_inputs + 1, sizeof(*specs));
    int64_t * axes = calloc(n_scans + 1, sizeof(*axes));
    if (specs == NULL || axes == NULL) {
        free(specs);
        free(axes);
        return oom();
    }
    pinot_status status = PINOT_STATUS_OK;
    for (uint32_t i = 0; i < n_states; i++) {
        specs[i] = (struct onnx_body_input){.type = onnx_type_of(states[i]),
                                            .shape = *pinot_node_get_output_shape(states[i].node, states[i].index),
                                            .squeeze_axis = -1};
    }
    for (uint32_t j = 0; j < n_scans && status == PINOT_STATUS_OK; j++) {
        pinot_partial_shape shape = *pinot_node_get_output_shape(scans[j].node, scans[j].index);
        axes[j] = in_axes != NULL ? in_axes[j] : 0;
        if (shape.rank < 0) {
            status = onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "scan input %u must have a known rank", j);
            break;
        }
        status = onnx_normalize_axis(ctx, &axes[j], shape.rank);
        if (status == PINOT_STATUS_OK) {
            shape.dims[axes[j]] = pinot_dim_static(1);
            specs[n_states + j] = (struct onnx_body_input){
                .type = onnx_type_of(scans[j]), .shape = shape, .squeeze_axis = axes[j]};
        }
    }
    struct onnx_body imported = {0};
    pinot_model_t * model = NULL;
    struct pinot_bodies * bodies = NULL;
    pinot_output_ref * inputs = NULL;
    if (status == PINOT_STATUS_OK) {
        status = onnx_import_body(ctx, graph, specs, n_graph_inputs, &imported);
    }
    free(specs);
    uint32_t n_scan_outputs = 0;
    if (status == PINOT_STATUS_OK && (imported.n_outputs < n_states || imported.n_outputs != n_outputs)) {
        status = onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT,
                            "the body gives %u outputs, expected %u (%u states and the scan outputs)",
                            imported.n_outputs, n_outputs, n_states);
    }
    if (status == PINOT_STATUS_OK) {
        n_scan_outputs = imported.n_outputs - n_states;
        int64_t * stack_axes = calloc(n_scan_outputs + 1, sizeof(*stack_axes));
        for (uint32_t k = 0; stack_axes != NULL && k < n_scan_outputs; k++) {
            stack_axes[k] = out_axes != NULL ? out_axes[k] : 0;
        }
        status = stack_axes != NULL ? unsqueeze_outputs(ctx, &imported, n_states, stack_axes) : oom();
        free(stack_axes);
    }
    if (status == PINOT_STATUS_OK) {
        status = onnx_body_build(ctx, &imported, &model);
    }
    uint32_t n_inputs = n_graph_inputs + imported.n_captures;
    if (status == PINOT_STATUS_OK) {
        bodies = new_bodies(1, imported.n_outputs);
        inputs = malloc(sizeof(*inputs) * (n_inputs + 1));
        status = bodies != NULL && inputs != NULL ? alloc_body(&bodies->body[0], n_inputs, imported.n_outputs) : oom();
    }
    if (status == PINOT_STATUS_OK) {
        struct pinot_body * body = &bodies->body[0];
        body->model = model;
        model = NULL;
        for (uint32_t i = 0; i < n_states; i++) {
            inputs[i] = states[i];
            body->inputs[body->n_inputs++] = merged(i, i, i);
            body->outputs[body->n_outputs++] = last_value(i, i);
        }
        for (uint32_t j = 0; j < n_scans; j++) {
            bool reverse = in_dirs != NULL && in_dirs[j] != 0;
            inputs[n_states + j] = scans[j];
            body->inputs[body->n_inputs++] = (struct pinot_body_input){.kind = PINOT_BODY_INPUT_SLICED,
                                                                       .input = n_states + j,
                                                                       .parameter = n_states + j,
                                                                       .axis = axes[j],
                                                                       .start = reverse ? -1 : 0,
                                                                       .stride = reverse ? -1 : 1,
                                                                       .part_size = 1,
                                                                       .end = reverse ? 0 : -1};
        }
        for (uint32_t c = 0; c < imported.n_captures; c++) {
            inputs[n_graph_inputs + c] = imported.captured[c];
            body->inputs[body->n_inputs++] = invariant(n_graph_inputs + c, imported.n_inputs + c);
        }
        for (uint32_t k = 0; k < n_scan_outputs; k++) {
            body->outputs[body->n_outputs++] = stacked(n_states + k, n_states + k, out_axes != NULL ? out_axes[k] : 0,
                                                       out_dirs != NULL && out_dirs[k] != 0);
        }
        pinot_node_t * made = NULL;
        status = onnx_make_control_flow(ctx, "TensorIterator", inputs, n_inputs, bodies, &made);
        bodies = NULL;
        for (uint32_t o = 0; o < n_outputs && status == PINOT_STATUS_OK; o++) {
            out[o] = (pinot_output_ref){made, o};
        }
    }
    pinot_bodies_free(bodies);
    pinot_model_free(model);
    onnx_body_release(&imported);
    free(inputs);
    free(axes);
    return status;
}

/* An ints attribute of exactly @p count values, or NULL when absent. */
static pinot_status ints_attr(struct onnx_import * ctx, const struct onnx_node * node, const char * name,
                              uint32_t count, const int64_t ** out) {
    const struct onnx_attribute * a = onnx_attr(node, name);
    *out = NULL;
    if (a == NULL) {
        return PINOT_STATUS_OK;
    }
    if (a->n_ints != count) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "%s has %u values, expected %u", name, a->n_ints,
                          count);
    }
    *out = a->ints;
    return PINOT_STATUS_OK;
}

ONNX_TRANSLATOR(onnx_tr_scan) {
    const struct onnx_graph * graph = graph_attr(node, "body");
    int64_t n_scans = onnx_attr_int(node, "num_scan_inputs", -1);
    if (graph == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the body graph is required");
    }
    if (n_scans < 1 || n_scans > n) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "num_scan_inputs is %lld with %u inputs",
                          (long long)n_scans, n);
    }
    TRY(need_inputs(ctx, in, n, n));
    uint32_t n_states = n - (uint32_t)n_scans;
    uint32_t n_scan_outputs = node->n_outputs > n_states ? node->n_outputs - n_states : 0;
    const int64_t *in_axes, *in_dirs, *out_axes, *out_dirs;
    TRY(ints_attr(ctx, node, "scan_input_axes", (uint32_t)n_scans, &in_axes));
    TRY(ints_attr(ctx, node, "scan_input_directions", (uint32_t)n_scans, &in_dirs));
    TRY(ints_attr(ctx, node, "scan_output_axes", n_scan_outputs, &out_axes));
    TRY(ints_attr(ctx, node, "scan_output_directions", n_scan_outputs, &out_dirs));
    return build_scan(ctx, graph, in, n_states, in + n_states, (uint32_t)n_scans, in_axes, in_dirs, out_axes, out_dirs,
                      node->n_outputs, out);
}

/* Scan-8: inputs and outputs carry a leading batch axis and the scan axis is
 * 1. Batch entries are independent, so each (static) entry gets its own scan
 * over its squeezed slice and the outputs are stacked back along axis 0. */
#define SCAN8_MAX_BATCH 64

ONNX_TRANSLATOR(onnx_tr_scan8) {
    const struct onnx_graph * graph = graph_attr(node, "body");
    int64_t n_scans = onnx_attr_int(node, "num_scan_inputs", -1);
    if (graph == NULL) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "the body graph is required");
    }
    if (n_scans < 1 || n_scans > (int64_t)n - 1) {
        return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "num_scan_inputs is %lld with %u inputs",
                          (long long)n_scans, n);
    }
    if (in[0].node != NULL) {
        return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER, "sequence_lens is not supported");
    }
    uint32_t n_values = n - 1;
    uint32_t n_states = n_values - (uint32_t)n_scans;
    const int64_t * dirs;
    TRY(ints_attr(ctx, node, "directions", (uint32_t)n_scans, &dirs));
    int64_t batch = -1;
    for (uint32_t i = 0; i < n_values; i++) {
        if (in[1 + i].node == NULL) {
            return onnx_error(ctx, PINOT_STATUS_INVALID_ARGUMENT, "input %u is required", 1 + i);
        }
        int64_t b = onnx_static_dim(in[1 + i], 0);
        if (b < 1 || b > SCAN8_MAX_BATCH || (batch >= 0 && b != batch)) {
            return onnx_error(ctx, PINOT_STATUS_UNSUPPORTED_PARAMETER,
                              "the batch must be static, the same for all inputs and at most %d (input %u has %lld)",
                              SCAN8_MAX_BATCH, 1 + i, (long long)b);
        }
        batch = b;
    }
    int64_t zero = 0;
    pinot_output_ref axis;
    TRY(onnx_const_i64(ctx, &zero, 1, false, &axis));
    /* stacked[o * batch + b]: output o of batch entry b, with its batch axis back. */
    pinot_output_ref * stacked = malloc(sizeof(*stacked) * (size_t)batch * (node->n_outputs + 1));
    if (stacked == NULL) {
        return oom();
    }
    pinot_status status = PINOT_STATUS_OK;
    for (int64_t b = 0; b < batch && status == PINOT_STATUS_OK; b++) {
        pinot_output_ref squeezed[64], results[64];
        for (uint32_t i = 0; i < n_values && status == PINOT_STATUS_OK; i++) {
            pinot_output_ref args[2] = {in[1 + i], axis};
            if (batch > 1) {
                status = onnx_slice_axis(ctx, in[1 + i], b, b + 1, 1, 0, &args[0]);
            }
            if (status == PINOT_STATUS_OK) {
                status = onnx_make(ctx, "Squeeze", args, 2, NULL, 0, &squeezed[i]);
            }
        }
        if (status == PINOT_STATUS_OK) {
            status = build_scan(ctx, graph, squeezed, n_states, squeezed + n_states, (uint32_t)n_scans, NULL, dirs,
                                NULL, NULL, node->n_outputs, results);
        }
        for (uint32_t o = 0; o < node->n_outputs && status == PINOT_STATUS_OK; o++) {
            pinot_output_ref args[2] = {results[o], axis};
            status = onnx_make(ctx, "Unsqueeze", args, 2, NULL, 0, &stacked[o * batch + b]);
        }
    }
    for (uint32_t o = 0; o < node->n_outputs && status == PINOT_STATUS_OK; o++) {
        if (batch == 1) {
            out[o] = stacked[o];
        } else {
            pinot_attr attrs[] = {ATTR_INT("axis", 0)};
            status = onnx_make(ctx, "Concat", &stacked[o * batch], (size_t)batch, attrs, 1, &out[o]);
        }
    }
    free(stacked);
    return status;
}

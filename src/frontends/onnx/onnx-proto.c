/* Parsing ONNX messages into the structs of onnx-proto.h. Each message is
 * read twice: once to count its repeated fields, once to fill arrays of
 * exactly that size in the arena. Subgraph nesting is bounded, so a
 * malicious file cannot exhaust the stack. */
#include <stdlib.h>
#include <string.h>

#include "frontends/onnx/onnx-proto.h"

#define MAX_GRAPH_DEPTH 64

/* ---- arena ---- */

struct onnx_arena_block {
    struct onnx_arena_block * next;
    size_t used, size;
    max_align_t data[];
};

void * onnx_arena_alloc(struct onnx_arena * arena, size_t size) {
    size = (size + 15) & ~(size_t)15;
    struct onnx_arena_block * block = arena->head;
    if (block == NULL || block->size - block->used < size) {
        size_t capacity = size > 65536 ? size : 65536;
        block = malloc(sizeof(*block) + capacity);
        if (block == NULL) {
            return NULL;
        }
        block->next = arena->head;
        block->used = 0;
        block->size = capacity;
        arena->head = block;
    }
    void * p = (char *)block->data + block->used;
    block->used += size;
    memset(p, 0, size);
    return p;
}

void onnx_arena_free(struct onnx_arena * arena) {
    struct onnx_arena_block * block = arena->head;
    while (block != NULL) {
        struct onnx_arena_block * next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

/* ---- helpers ---- */

struct ctx {
    struct onnx_arena * arena;
    int depth;
};

static pinot_status oom(void) {
    return pinot_set_error(PINOT_STATUS_OUT_OF_MEMORY, "out of memory parsing an ONNX model");
}

static const char * string_of(struct ctx * c, pinot_pb_span span) {
    char * s = onnx_arena_alloc(c->arena, (size_t)span.size + 1);
    if (s != NULL && span.size > 0) {
        memcpy(s, span.data, (size_t)span.size);
    }
    return s;
}

static pinot_status expect_len(const pinot_pb_reader * r, const pinot_pb_field * f) {
    if (f->wire != PINOT_PB_LEN) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX %s: field %u must be length-delimited",
                               r->what, f->number);
    }
    return PINOT_STATUS_OK;
}

static pinot_status expect_varint(const pinot_pb_reader * r, const pinot_pb_field * f) {
    if (f->wire != PINOT_PB_VARINT) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX %s: field %u must be a varint", r->what,
                               f->number);
    }
    return PINOT_STATUS_OK;
}

#define TRY(expr) \
    do { \
        pinot_status status_ = (expr); \
        if (status_ != PINOT_STATUS_OK) { \
            return status_; \
        } \
    } while (0)

/* Counts fields with number @p number in the message. */
static pinot_status count_field(pinot_pb_span span, const char * what, uint32_t number, uint32_t * count) {
    pinot_pb_reader r = pinot_pb_reader_init(span, what);
    pinot_pb_field f;
    bool has;
    *count = 0;
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            return PINOT_STATUS_OK;
        }
        if (f.number == number) {
            if (*count == UINT32_MAX) {
                return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX %s: too many entries", what);
            }
            (*count)++;
        }
    }
}

/* ---- TensorProto ---- */

struct int64_list {
    int64_t * v;
    uint32_t n, cap;
    const char * what;
};

static pinot_status append_dim(void * user, uint64_t value) {
    struct int64_list * list = user;
    if (list->n >= list->cap) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX %s: more than %u dimensions", list->what,
                               list->cap);
    }
    list->v[list->n++] = (int64_t)value;
    return PINOT_STATUS_OK;
}

static pinot_status parse_uint_text(pinot_pb_span span, uint64_t * out) {
    uint64_t v = 0;
    if (span.size == 0 || span.size > 19) {
        return PINOT_STATUS_PARSE_ERROR;
    }
    for (uint64_t i = 0; i < span.size; i++) {
        if (span.data[i] < '0' || span.data[i] > '9') {
            return PINOT_STATUS_PARSE_ERROR;
        }
        v = v * 10 + (uint64_t)(span.data[i] - '0');
    }
    *out = v;
    return PINOT_STATUS_OK;
}

static pinot_status parse_external_entry(struct ctx * c, pinot_pb_span span, struct onnx_tensor * t) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "TensorProto.external_data");
    pinot_pb_field f;
    bool has;
    pinot_pb_span key = {NULL, 0}, value = {NULL, 0};
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            break;
        }
        if (f.number == 1 || f.number == 2) {
            TRY(expect_len(&r, &f));
            *(f.number == 1 ? &key : &value) = f.span;
        }
    }
    if (key.size == 8 && memcmp(key.data, "location", 8) == 0) {
        if ((t->location = string_of(c, value)) == NULL) {
            return oom();
        }
    } else if (key.size == 6 && memcmp(key.data, "offset", 6) == 0) {
        if (parse_uint_text(value, &t->offset) != PINOT_STATUS_OK) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX tensor '%s': bad external offset",
                                   t->name ? t->name : "");
        }
    } else if (key.size == 6 && memcmp(key.data, "length", 6) == 0) {
        uint64_t length;
        if (parse_uint_text(value, &length) != PINOT_STATUS_OK || length > INT64_MAX) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX tensor '%s': bad external length",
                                   t->name ? t->name : "");
        }
        t->length = (int64_t)length;
    }
    return PINOT_STATUS_OK;
}

static pinot_status parse_tensor(struct ctx * c, pinot_pb_span span, struct onnx_tensor * t) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "TensorProto");
    pinot_pb_field f;
    bool has;
    struct int64_list dims = {t->dims, 0, PINOT_MAX_RANK, "TensorProto.dims"};
    t->message = span;
    t->length = -1;
    t->name = "";
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            break;
        }
        switch (f.number) {
        case 1: TRY(pinot_pb_for_each_scalar(&r, &f, 0, append_dim, &dims)); break;
        case 2:
            TRY(expect_varint(&r, &f));
            t->data_type = (int32_t)f.value;
            break;
        case 8:
            TRY(expect_len(&r, &f));
            if ((t->name = string_of(c, f.span)) == NULL) {
                return oom();
            }
            break;
        case 9:
            TRY(expect_len(&r, &f));
            t->has_raw_data = true;
            t->raw_data = f.span;
            break;
        case 13:
            TRY(expect_len(&r, &f));
            t->external = true;
            TRY(parse_external_entry(c, f.span, t));
            break;
        case 14:
            TRY(expect_varint(&r, &f));
            t->external = t->external || f.value == 1;
            break;
        case 3:
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                                   "failed to parse ONNX tensor: segmented tensors (TensorProto.segment) are not supported");
        default: break;
        }
    }
    t->rank = dims.n;
    for (uint32_t i = 0; i < t->rank; i++) {
        if (t->dims[i] < 0) {
            return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX tensor '%s': dimension %u is negative",
                                   t->name, i);
        }
    }
    return PINOT_STATUS_OK;
}

pinot_status onnx_tensor_parse(pinot_pb_span span, struct onnx_arena * arena, struct onnx_tensor * tensor) {
    struct ctx c = {arena, 0};
    memset(tensor, 0, sizeof(*tensor));
    return parse_tensor(&c, span, tensor);
}

/* ---- ValueInfoProto / TypeProto ---- */

static pinot_status parse_dim(struct ctx * c, pinot_pb_span span, struct onnx_dim * dim) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "TensorShapeProto.Dimension");
    pinot_pb_field f;
    bool has;
    dim->value = -1;
    dim->param = NULL;
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            return PINOT_STATUS_OK;
        }
        if (f.number == 1) {
            TRY(expect_varint(&r, &f));
            dim->value = (int64_t)f.value < 0 ? -1 : (int64_t)f.value; /* oneof: last one wins */
            dim->param = NULL;
        } else if (f.number == 2) {
            TRY(expect_len(&r, &f));
            if ((dim->param = string_of(c, f.span)) == NULL) {
                return oom();
            }
            dim->value = -1;
        }
    }
}

static pinot_status parse_tensor_type(struct ctx * c, pinot_pb_span span, struct onnx_value_info * info) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "TypeProto.Tensor");
    pinot_pb_field f;
    bool has;
    info->is_tensor = true;
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            return PINOT_STATUS_OK;
        }
        if (f.number == 1) {
            TRY(expect_varint(&r, &f));
            info->elem_type = (int32_t)f.value;
        } else if (f.number == 2) {
            TRY(expect_len(&r, &f));
            info->has_shape = true;
            info->rank = 0;
            pinot_pb_reader shape = pinot_pb_reader_init(f.span, "TensorShapeProto");
            pinot_pb_field d;
            bool more;
            for (;;) {
                TRY(pinot_pb_next(&shape, &d, &more));
                if (!more) {
                    break;
                }
                if (d.number != 1) {
                    continue;
                }
                TRY(expect_len(&shape, &d));
                if (info->rank >= PINOT_MAX_RANK) {
                    return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                                           "failed to parse ONNX value '%s': rank above %d is not supported",
                                           info->name, PINOT_MAX_RANK);
                }
                TRY(parse_dim(c, d.span, &info->dims[info->rank++]));
            }
        }
    }
}

/* A TypeProto: a tensor type fills @p info; an optional tensor reads as that
 * tensor (is_optional set; @p in_optional: this TypeProto is an Optional's
 * element, and an optional of an optional is not a tensor); sequences, maps
 * and sparse tensors are not tensors. */
static pinot_status parse_type(struct ctx * c, pinot_pb_span span, struct onnx_value_info * info, bool in_optional) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "TypeProto");
    pinot_pb_field t;
    bool has;
    for (;;) {
        TRY(pinot_pb_next(&r, &t, &has));
        if (!has) {
            return PINOT_STATUS_OK;
        }
        if (t.number == 1) {
            TRY(expect_len(&r, &t));
            TRY(parse_tensor_type(c, t.span, info));
            info->is_optional = in_optional;
        } else if (t.number == 9) {
            TRY(expect_len(&r, &t));
            info->is_tensor = false;
            pinot_pb_reader opt = pinot_pb_reader_init(t.span, "TypeProto.Optional");
            pinot_pb_field e;
            bool more;
            for (;;) {
                TRY(pinot_pb_next(&opt, &e, &more));
                if (!more) {
                    break;
                }
                if (e.number == 1 && !in_optional) {
                    TRY(expect_len(&opt, &e));
                    TRY(parse_type(c, e.span, info, true));
                }
            }
        } else if (t.number == 4 || t.number == 5 || t.number == 8) {
            info->is_tensor = false; /* sequence, map, sparse tensor */
        }
    }
}

static pinot_status parse_value_info(struct ctx * c, pinot_pb_span span, struct onnx_value_info * info) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "ValueInfoProto");
    pinot_pb_field f;
    bool has;
    info->name = "";
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            return PINOT_STATUS_OK;
        }
        if (f.number == 1) {
            TRY(expect_len(&r, &f));
            if ((info->name = string_of(c, f.span)) == NULL) {
                return oom();
            }
        } else if (f.number == 2) {
            TRY(expect_len(&r, &f));
            TRY(parse_type(c, f.span, info, false));
        }
    }
}

/* ---- AttributeProto, NodeProto, GraphProto ---- */

static pinot_status parse_graph(struct ctx * c, pinot_pb_span span, struct onnx_graph ** out);

struct float_list {
    float * v;
    uint32_t n;
};

static pinot_status append_float(void * user, uint64_t bits) {
    struct float_list * list = user;
    list->v[list->n++] = pinot_pb_as_float(bits);
    return PINOT_STATUS_OK;
}

static pinot_status append_int(void * user, uint64_t value) {
    struct int64_list * list = user;
    list->v[list->n++] = (int64_t)value;
    return PINOT_STATUS_OK;
}

static pinot_status parse_attribute(struct ctx * c, pinot_pb_span span, struct onnx_attribute * a) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "AttributeProto");
    pinot_pb_field f;
    bool has;
    uint64_t n_floats = 0, n_ints = 0;
    uint32_t n_strings = 0, n_tensors = 0, n_graphs = 0;
    bool seen[24] = {false};
    a->name = "";
    /* Pass 1: scalars, sizes of the lists. */
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            break;
        }
        if (f.number < 24) {
            seen[f.number] = true;
        }
        switch (f.number) {
        case 1:
            TRY(expect_len(&r, &f));
            if ((a->name = string_of(c, f.span)) == NULL) {
                return oom();
            }
            break;
        case 21:
            TRY(expect_len(&r, &f));
            if ((a->ref_attr_name = string_of(c, f.span)) == NULL) {
                return oom();
            }
            break;
        case 20: TRY(expect_varint(&r, &f)); a->type = (int32_t)f.value; break;
        case 2:
            if (f.wire != PINOT_PB_I32) {
                return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX attribute '%s': f must be a "
                                       "32-bit float", a->name);
            }
            a->f = pinot_pb_as_float(f.value);
            break;
        case 3: TRY(expect_varint(&r, &f)); a->i = (int64_t)f.value; break;
        case 4: TRY(expect_len(&r, &f)); a->s = f.span; break;
        case 5:
            TRY(expect_len(&r, &f));
            if ((a->t = onnx_arena_alloc(c->arena, sizeof(*a->t))) == NULL) {
                return oom();
            }
            TRY(parse_tensor(c, f.span, a->t));
            break;
        case 6: TRY(expect_len(&r, &f)); TRY(parse_graph(c, f.span, &a->g)); break;
        case 7: TRY(pinot_pb_count_scalars(&r, &f, 4, &n_floats)); break;
        case 8: TRY(pinot_pb_count_scalars(&r, &f, 0, &n_ints)); break;
        case 9: TRY(expect_len(&r, &f)); n_strings++; break;
        case 10: TRY(expect_len(&r, &f)); n_tensors++; break;
        case 11: TRY(expect_len(&r, &f)); n_graphs++; break;
        default: break;
        }
    }
    if (n_floats > UINT32_MAX || n_ints > UINT32_MAX) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX attribute '%s': list too long", a->name);
    }
    a->floats = onnx_arena_alloc(c->arena, sizeof(float) * n_floats + 1);
    a->ints = onnx_arena_alloc(c->arena, sizeof(int64_t) * n_ints + 1);
    a->strings = onnx_arena_alloc(c->arena, sizeof(pinot_pb_span) * n_strings + 1);
    a->tensors = onnx_arena_alloc(c->arena, sizeof(struct onnx_tensor) * n_tensors + 1);
    a->graphs = onnx_arena_alloc(c->arena, sizeof(struct onnx_graph *) * n_graphs + 1);
    if (a->floats == NULL || a->ints == NULL || a->strings == NULL || a->tensors == NULL || a->graphs == NULL) {
        return oom();
    }
    /* Pass 2: the lists. */
    struct float_list floats = {a->floats, 0};
    struct int64_list ints = {a->ints, 0, (uint32_t)n_ints, "AttributeProto.ints"};
    r = pinot_pb_reader_init(span, "AttributeProto");
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            break;
        }
        switch (f.number) {
        case 7: TRY(pinot_pb_for_each_scalar(&r, &f, 4, append_float, &floats)); break;
        case 8: TRY(pinot_pb_for_each_scalar(&r, &f, 0, append_int, &ints)); break;
        case 9: a->strings[a->n_strings++] = f.span; break;
        case 10: TRY(parse_tensor(c, f.span, &a->tensors[a->n_tensors++])); break;
        case 11: TRY(parse_graph(c, f.span, &a->graphs[a->n_graphs++])); break;
        default: break;
        }
    }
    a->n_floats = floats.n;
    a->n_ints = ints.n;
    if (a->type == ONNX_ATTR_UNDEFINED) {
        /* IR 1 files carry no type: take it from the value field present. */
        static const struct {
            uint32_t field;
            int32_t type;
        } by_field[] = {{2, ONNX_ATTR_FLOAT}, {3, ONNX_ATTR_INT},     {4, ONNX_ATTR_STRING}, {5, ONNX_ATTR_TENSOR},
                        {6, ONNX_ATTR_GRAPH}, {7, ONNX_ATTR_FLOATS},  {8, ONNX_ATTR_INTS},   {9, ONNX_ATTR_STRINGS},
                        {10, ONNX_ATTR_TENSORS}, {11, ONNX_ATTR_GRAPHS}};
        for (size_t k = 0; k < sizeof(by_field) / sizeof(by_field[0]); k++) {
            if (seen[by_field[k].field]) {
                a->type = by_field[k].type;
            }
        }
    }
    return PINOT_STATUS_OK;
}

static pinot_status parse_node(struct ctx * c, pinot_pb_span span, struct onnx_node * node) {
    pinot_pb_reader r = pinot_pb_reader_init(span, "NodeProto");
    pinot_pb_field f;
    bool has;
    uint32_t n_inputs, n_outputs, n_attributes;
    TRY(count_field(span, "NodeProto", 1, &n_inputs));
    TRY(count_field(span, "NodeProto", 2, &n_outputs));
    TRY(count_field(span, "NodeProto", 5, &n_attributes));
    node->inputs = onnx_arena_alloc(c->arena, sizeof(char *) * ((size_t)n_inputs + 1));
    node->outputs = onnx_arena_alloc(c->arena, sizeof(char *) * ((size_t)n_outputs + 1));
    node->attributes = onnx_arena_alloc(c->arena, sizeof(struct onnx_attribute) * ((size_t)n_attributes + 1));
    if (node->inputs == NULL || node->outputs == NULL || node->attributes == NULL) {
        return oom();
    }
    node->name = node->op_type = node->domain = "";
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            return PINOT_STATUS_OK;
        }
        const char * text = NULL;
        if (f.number <= 4 || f.number == 7) {
            TRY(expect_len(&r, &f));
            if ((text = string_of(c, f.span)) == NULL) {
                return oom();
            }
        }
        switch (f.number) {
        case 1: node->inputs[node->n_inputs++] = text; break;
        case 2: node->outputs[node->n_outputs++] = text; break;
        case 3: node->name = text; break;
        case 4: node->op_type = text; break;
        case 7: node->domain = strcmp(text, "ai.onnx") == 0 ? "" : text; break;
        case 5:
            TRY(expect_len(&r, &f));
            TRY(parse_attribute(c, f.span, &node->attributes[node->n_attributes++]));
            break;
        default: break;
        }
    }
}

static pinot_status parse_graph(struct ctx * c, pinot_pb_span span, struct onnx_graph ** out) {
    if (++c->depth > MAX_GRAPH_DEPTH) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX graph: subgraphs nested deeper than %d",
                               MAX_GRAPH_DEPTH);
    }
    struct onnx_graph * g = onnx_arena_alloc(c->arena, sizeof(*g));
    if (g == NULL) {
        return oom();
    }
    uint32_t counts[5];
    static const uint32_t numbers[5] = {1, 5, 11, 12, 13};
    for (int k = 0; k < 5; k++) {
        TRY(count_field(span, "GraphProto", numbers[k], &counts[k]));
    }
    g->nodes = onnx_arena_alloc(c->arena, sizeof(*g->nodes) * ((size_t)counts[0] + 1));
    g->initializers = onnx_arena_alloc(c->arena, sizeof(*g->initializers) * ((size_t)counts[1] + 1));
    g->inputs = onnx_arena_alloc(c->arena, sizeof(*g->inputs) * ((size_t)counts[2] + 1));
    g->outputs = onnx_arena_alloc(c->arena, sizeof(*g->outputs) * ((size_t)counts[3] + 1));
    g->value_infos = onnx_arena_alloc(c->arena, sizeof(*g->value_infos) * ((size_t)counts[4] + 1));
    if (g->nodes == NULL || g->initializers == NULL || g->inputs == NULL || g->outputs == NULL ||
        g->value_infos == NULL) {
        return oom();
    }
    g->name = "";
    pinot_pb_reader r = pinot_pb_reader_init(span, "GraphProto");
    pinot_pb_field f;
    bool has;
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            break;
        }
        switch (f.number) {
        case 1: TRY(expect_len(&r, &f)); TRY(parse_node(c, f.span, &g->nodes[g->n_nodes++])); break;
        case 2:
            TRY(expect_len(&r, &f));
            if ((g->name = string_of(c, f.span)) == NULL) {
                return oom();
            }
            break;
        case 5: TRY(expect_len(&r, &f)); TRY(parse_tensor(c, f.span, &g->initializers[g->n_initializers++])); break;
        case 11: TRY(expect_len(&r, &f)); TRY(parse_value_info(c, f.span, &g->inputs[g->n_inputs++])); break;
        case 12: TRY(expect_len(&r, &f)); TRY(parse_value_info(c, f.span, &g->outputs[g->n_outputs++])); break;
        case 13:
            TRY(expect_len(&r, &f));
            TRY(parse_value_info(c, f.span, &g->value_infos[g->n_value_infos++]));
            break;
        case 15:
            return pinot_set_error(PINOT_STATUS_UNSUPPORTED_PARAMETER,
                                   "failed to read ONNX graph '%s': sparse initializers are not supported", g->name);
        default: break;
        }
    }
    c->depth--;
    *out = g;
    return PINOT_STATUS_OK;
}

/* ---- ModelProto ---- */

void onnx_model_free(struct onnx_model * model) {
    if (model == NULL) {
        return;
    }
    struct onnx_arena arena = model->arena;
    onnx_arena_free(&arena); /* the model itself lives in its arena */
}

static pinot_status parse_model(struct ctx * c, struct onnx_model * m, pinot_pb_span span) {
    uint32_t n_opsets;
    TRY(count_field(span, "ModelProto", 8, &n_opsets));
    m->opsets = onnx_arena_alloc(c->arena, sizeof(*m->opsets) * ((size_t)n_opsets + 1));
    if (m->opsets == NULL) {
        return oom();
    }
    m->producer_name = "";
    pinot_pb_reader r = pinot_pb_reader_init(span, "ModelProto");
    pinot_pb_field f;
    bool has;
    bool has_graph = false;
    for (;;) {
        TRY(pinot_pb_next(&r, &f, &has));
        if (!has) {
            break;
        }
        switch (f.number) {
        case 1: TRY(expect_varint(&r, &f)); m->ir_version = (int64_t)f.value; break;
        case 2:
            TRY(expect_len(&r, &f));
            if ((m->producer_name = string_of(c, f.span)) == NULL) {
                return oom();
            }
            break;
        case 7:
            TRY(expect_len(&r, &f));
            TRY(parse_graph(c, f.span, &m->graph));
            has_graph = true;
            break;
        case 8: {
            TRY(expect_len(&r, &f));
            struct onnx_opset * o = &m->opsets[m->n_opsets++];
            o->domain = "";
            pinot_pb_reader op = pinot_pb_reader_init(f.span, "OperatorSetIdProto");
            pinot_pb_field g;
            bool more;
            for (;;) {
                TRY(pinot_pb_next(&op, &g, &more));
                if (!more) {
                    break;
                }
                if (g.number == 1) {
                    TRY(expect_len(&op, &g));
                    if ((o->domain = string_of(c, g.span)) == NULL) {
                        return oom();
                    }
                } else if (g.number == 2) {
                    TRY(expect_varint(&op, &g));
                    o->version = (int64_t)g.value;
                }
            }
            break;
        }
        default: break;
        }
    }
    if (!has_graph) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR, "failed to parse ONNX model: it has no graph (field 7)");
    }
    if (m->ir_version <= 0) {
        return pinot_set_error(PINOT_STATUS_PARSE_ERROR,
                               "failed to parse ONNX model: ir_version is missing (is this an ONNX file?)");
    }
    return PINOT_STATUS_OK;
}

pinot_status onnx_model_parse(const uint8_t * data, uint64_t size, struct onnx_model ** out) {
    struct onnx_arena arena = {NULL};
    struct onnx_model * m = onnx_arena_alloc(&arena, sizeof(*m));
    if (m == NULL) {
        return oom();
    }
    struct ctx c = {&arena, 0};
    pinot_status status = parse_model(&c, m, (pinot_pb_span){data, size});
    m->arena = arena;
    if (status != PINOT_STATUS_OK) {
        onnx_model_free(m);
        return status;
    }
    *out = m;
    return PINOT_STATUS_OK;
}

int64_t onnx_model_opset(const struct onnx_model * model, const char * domain) {
    bool default_domain = domain[0] == '\0' || strcmp(domain, "ai.onnx") == 0;
    for (uint32_t i = 0; i < model->n_opsets; i++) {
        const char * d = model->opsets[i].domain;
        bool is_default = d[0] == '\0' || strcmp(d, "ai.onnx") == 0;
        if (default_domain ? is_default : strcmp(d, domain) == 0) {
            return model->opsets[i].version;
        }
    }
    return 0;
}

/* Variables of stateful models: an id plus the type and shape of the state,
 * shared by the ReadValue and Assign nodes that use them. */
#include <stdlib.h>
#include <string.h>

#include "graph/graph-impl.h"

struct pinot_variable * pinot_variable_create(const char * id, pinot_dtype type, const pinot_partial_shape * shape) {
    struct pinot_variable * variable = calloc(1, sizeof(*variable));
    size_t len = strlen(id);
    if (variable == NULL || (variable->id = malloc(len + 1)) == NULL) {
        free(variable);
        return NULL;
    }
    memcpy(variable->id, id, len + 1);
    atomic_init(&variable->refcount, 1);
    variable->type = type;
    variable->shape = *shape;
    return variable;
}

struct pinot_variable * pinot_variable_retain(struct pinot_variable * variable) {
    atomic_fetch_add_explicit(&variable->refcount, 1, memory_order_relaxed);
    return variable;
}

void pinot_variable_release(struct pinot_variable * variable) {
    if (variable == NULL || atomic_fetch_sub_explicit(&variable->refcount, 1, memory_order_acq_rel) != 1) {
        return;
    }
    free(variable->id);
    free(variable);
}

/* Ops of the "reduce" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"

/* Ops of the "binary" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"

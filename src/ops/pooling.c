/* Ops of the "pooling" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"

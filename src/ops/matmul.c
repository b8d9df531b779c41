/* Ops of the "matmul" family (see ops.def): placeholder until implemented. */
#include "graph/graph-impl.h"
